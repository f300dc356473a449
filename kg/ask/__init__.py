"""Answer plain questions from the graph, with the sources' words.

    question -> kg.ask.parse (family, years, period, ordinal, measure, role...)
             -> kg.ask.link (names of the graph's entities, by name, surname, first name)
             -> every word accounted for, or the answer says which words were not
             -> the family's named queries, every constraint bound as a parameter
             -> answers, each with the evidence: the source's own words

Never guesses: a name the graph does not hold, a relation it lacks, a filter that excludes
everything give `not_stated`, with what is known around it.
"""

from __future__ import annotations

from typing import Any

from kg.ask.answer import ANSWERED, NOT_STATED, NOT_UNDERSTOOD, Answer, Evidence, Item
from kg.ask.context import Context
from kg.ask.link import ORG, PERSON, Entity, Linker
from kg.ask.naming import stated_names
from kg.ask.parse import MAX_CHARS, Parsed, measures_across_names, parse, reread_family
from kg.ask.question import (
    Ambiguous,
    Missing,
    Question,
    described,
    event_nouns,
    link,
    name_like,
    target_words,
    unrecognised,
    victim_nouns,
)
from kg.errors import UsageError
from kg.project import Project

__all__ = ["Answer", "Evidence", "Item", "ask", "leaders", "show"]


def ask(question: str, backend: Any, project: Project) -> Answer:
    """Answer one question; never raises for questions it cannot parse (status says so)."""
    if not question or not question.strip():
        raise UsageError("the question is empty; e.g. kg ask \"who led ORGANISATION in YEAR?\"")
    if len(question) > MAX_CHARS:
        raise UsageError(f"the question is {len(question):,} characters; ask in at most {MAX_CHARS}")
    ctx = Context(backend, project)
    from kg.ask.voice import said_done

    reread = said_done(question)  # 'who does X say it killed?': X's own words, as 'according to X'
    parsed = parse(reread or question, ctx.vocabulary)
    if reread:
        parsed.readings.append(f"read as '{reread}'")
    answer = _answer(ctx, Linker(backend, project), parsed)
    answer.question = question
    if parsed.readings:  # 'between 2020 and 2015': the answer says how its words were read
        answer.note = " ".join(filter(None, [answer.note, f"({'; '.join(parsed.readings)}.)"]))
    return answer


def answer_parsed(ctx: Context, linker: Linker, parsed: Parsed) -> Answer:
    """A parsed question answered in an existing context: words a family reads as a question
    of their own ('who says X was killed?' reads 'X was killed')."""
    return _answer(ctx, linker, parsed)


def _answer(ctx: Context, linker: Linker, parsed: Parsed) -> Answer:
    mentions = described(parsed, linker, link(parsed, linker))
    named = {i for m in mentions for i in range(m.start, m.end)}
    reread_family(parsed, named)
    measures_across_names(parsed, ctx.vocabulary, named)
    event_nouns(parsed, mentions)
    target_words(parsed, mentions)
    victim_nouns(parsed, mentions)
    if not parsed.family and mentions and not unrecognised(parsed):
        parsed.family = "profile"  # a bare name: what the graph knows about it
    q = Question(ctx, parsed, mentions, unrecognised(parsed))
    if not parsed.family and not (mentions and q.unrecognised):
        return _not_understood(q, linker, "")
    if q.unrecognised:
        return _unknown_words(q, linker)
    if (future := _future(q)) is not None:
        return future
    from kg.ask import voice
    from kg.ask.families import handler

    try:
        reporter = voice.take(q)
        relative = _relatives(q)
        if relative is not None:
            return relative
        answer = handler(parsed.family)(q)
        if reporter is not None:
            answer = voice.restrict(q, answer, reporter)
        if q.ctx.denied:  # only a family about events finds denials: no other imports their module
            from kg.ask.families.events import say_denials

            say_denials(q.ctx, answer)
    except Missing as exc:
        return _not_understood(q, linker, str(exc))
    except Ambiguous as exc:
        options = "; ".join(e.label for e in exc.entities)
        return Answer(q.text, NOT_STATED, note=f"'{exc.mention.text}' could mean: {options}. Say which.")
    unused = q.unused()
    if answer.status == ANSWERED and unused:
        words = ", ".join(f"'{m.text}'" for m in unused)
        return Answer(q.text, NOT_STATED, note=f"The graph holds {words}, but nothing that relates "
                      f"{'it' if len(unused) == 1 else 'them'} to this question.")
    unapplied = q.unapplied()
    if answer.status == ANSWERED and unapplied:
        words = " and ".join(f"'{w}'" for w in unapplied)
        return Answer(q.text, NOT_STATED, note=f"The graph cannot apply {words} to this question; "
                      "it would answer without it.", unrecognised=unapplied)
    if answer.status == ANSWERED and parsed.asks_name:
        return stated_names(ctx, linker, answer, profile=parsed.family == "profile")
    return answer


# the families whose answers are what happened; a question of what will happen is no fact of theirs
HAPPENED = {"leadership", "succession", "death", "captivity", "operations", "sentencing", "declaration", "founded",
            "campaign", "fate"}


def _future(q: Question) -> Answer | None:
    """'Who will be the next emir?': no source states what will happen, and answering with who
    led would answer another question. 'Who will succeed X' is X's successor as the sources
    name one (the succession family says when they do not)."""
    if not q.parsed.future or q.parsed.family not in HAPPENED:
        return None
    if q.parsed.family == "succession" and any(e.is_a(PERSON) for m in q.mentions for e in m.entities):
        return None
    return Answer(q.text, NOT_STATED, note="This asks what will happen: kg answers only what the sources state "
                  "has happened, and makes no predictions.")


def _relatives(q: Question) -> Answer | None:
    """'X's wife' names the wife: the person the family relation leads to stands in
    for the words. None when there is nothing to resolve (or it resolved)."""
    kin = q.parsed.kinship
    if not kin or q.parsed.family == "kinship":
        return None
    from pyoxigraph import NamedNode

    relation = q.ctx.vocabulary.kinships[kin]
    for m in q.mentions:
        people = [e for e in m.entities if e.is_a(PERSON)]
        if len(people) != 1:
            continue
        rows = q.ctx.run("kinship", relative=NamedNode(people[0].iri), relation=NamedNode(relation.iri))
        found = {r["person"].value: r["personLabel"].value for r in rows}
        if not found:
            return Answer(q.text, NOT_STATED, note=f"The graph names no {relation.pref} of {people[0].label}.")
        m.entities = [Entity(iri, label, frozenset({"Person"})) for iri, label in sorted(found.items())]
        m.text = f"{m.text}'s {relation.pref}"
        return None
    if q.parsed.family in ABOUT_A_PERSON and not q.parsed.constraints.get("victims"):
        # 'when was the son killed?': whose son is not said, and every killing is no answer
        return Answer(q.text, NOT_STATED, note=f"Whose {relation.pref}? Name the person ('X's {relation.pref}'): "
                      "kg does not guess who is meant.")
    return None


# the families that answer about the person a family relation names ('when was X's son killed')
ABOUT_A_PERSON = {"death", "captivity", "sentencing", "fate", "describe", "profile", "leadership", "said"}


def _unknown_words(q: Question, linker: Linker) -> Answer:
    from kg.ask.voice import could_mean, source_note

    notes, suggestions = [], []
    for words in q.unrecognised:
        source = source_note(q, linker, words)  # 'according to the army': which army?
        if source is not None:
            notes.append(source[0])
            suggestions += [] if source[1] else linker.suggest(words)
            continue
        several = could_mean(linker, words, several=True)  # 'what did the army say?': which army?
        if several is not None:
            notes.append(several)
            continue
        close = linker.suggest(words)
        if name_like(q.parsed, words) or close:
            notes.append(f"No one and nothing called '{words}' is in the graph.")
        else:
            notes.append(f"'{words}' is not something the graph records.")
        suggestions += close
    notes += [around(q.ctx, m.entity) for m in q.mentions if len(m.entities) == 1]  # words of several: none
    return Answer(q.text, NOT_STATED, note=" ".join(n for n in notes if n),
                  suggestions=list(dict.fromkeys(suggestions)), unrecognised=q.unrecognised)


def around(ctx: Context, entity: Entity) -> str:
    """What the graph does hold about an entity: how many facts of each kind."""
    from collections import Counter

    from pyoxigraph import NamedNode

    kinds = Counter(r["type"].value for r in {r["fact"].value: r for r in
                                              ctx.run("mentions", node=NamedNode(entity.iri))}.values())
    if not kinds:
        return ""
    held = ", ".join(f"{n} {_plural(kind) if n > 1 else kind}" for kind, n in sorted(kinds.items()))
    return f"About {entity.label} the graph holds: {held}."


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def _not_understood(q: Question, linker: Linker, note: str) -> Answer:
    return Answer(q.text, NOT_UNDERSTOOD, note=note, suggestions=examples(q.ctx),
                  unrecognised=q.unrecognised)


def examples(ctx: Context) -> list[str]:
    """Questions about this project's own data."""
    rows = ctx.run("examples")
    r = rows[0] if rows else {}

    def get(key: str) -> str | None:
        return r[key].value if r.get(key) is not None else None

    out = []
    if get("orgLabel"):
        out.append(f"who led {get('orgLabel')}" + (f" in {get('year')}?" if get("year") else "?"))
    if get("personLabel"):
        out.append(f"who is {get('personLabel')}?")
        out.append(f"what roles did {get('personLabel')} hold?")
    if get("measureLabel"):
        out.append(f"how many {get('measureLabel')} in {get('statYear')}?")
    out.append("what operations does the graph know?")
    return out


def show(name: str, backend: Any, project: Project) -> Answer:
    """Everything the graph says about one entity (kg show)."""
    from kg.ask.families.relations import profile

    entity = _one(name, Linker(backend, project), None, "entity")
    ctx = Context(backend, project)
    return profile(Question(ctx, parse(name, ctx.vocabulary), []), entity)


def leaders(org_name: str, backend: Any, project: Project) -> tuple[str, list[list[str]]]:
    """The succession as a timeline table, gaps shown as gaps (kg leaders)."""
    from kg.ask.families.succession import timeline

    org = _one(org_name, Linker(backend, project), ORG, "organisation")
    return org.label, timeline(Context(backend, project), org)


def _one(name: str, linker: Linker, kinds: frozenset[str] | None, what: str) -> Entity:
    _, found = linker.find(name)
    found = [e for e in found if kinds is None or e.is_a(kinds)]
    if not found:
        close = linker.suggest(name)
        raise UsageError(f"'{name}': no {what} of that name in the graph"
                         + (f" (did you mean: {'; '.join(close)}?)" if close else ""))
    if len(found) > 1:
        raise UsageError(f"'{name}' is ambiguous: " + "; ".join(f"{e.label} <{e.iri}>" for e in found))
    return found[0]
