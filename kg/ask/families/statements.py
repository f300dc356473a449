"""Statements: what a person or organisation said, warned, reported or claimed (direct
quotations and the claims the sources attribute to them), and who said given words."""

from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode

from kg import names
from kg.ask import grammar as g
from kg.ask.answer import ANSWERED, NOT_STATED, Answer, Item
from kg.ask.context import year_term
from kg.ask.families.terms import role_term, terms
from kg.ask.grammar import FILLER
from kg.ask.link import AGENT, ORG, Entity
from kg.ask.question import Question
from kg.ask.words import value


def said(q: Question) -> Answer:
    if q.parsed.measures or q.parsed.strength:  # "what did X say about attacks in 2023": X's figures
        from kg.ask.families import numbers

        return numbers.answer(q)
    ctx = q.ctx
    speaker = q.need(AGENT, "person or organisation")
    about = q.take(AGENT)
    words = Literal(q.typed(about)) if about else None
    year = year_term(q.parsed.year) if q.parsed.year else None
    if year is not None:
        q.apply("period")
    if q.parsed.roles and speaker.is_a(ORG):  # 'what did ORG's spokesman say': the role's holders spoke
        return _holders_said(q, speaker, words, year)
    items = []
    for r in ctx.run("statements", speaker=NamedNode(speaker.iri), words=words, year=year):
        role = f" ({r['speakerRole'].value})" if value(r, "speakerRole") else ""
        items.append(stated(ctx.item(r["speakerLabel"].value, r["speaker"].value, "", r["statement"].value), r, role))
    if about is None:
        hows: dict[str, list[str]] = {}
        labels = {}
        for r in ctx.run("attributed", agent=NamedNode(speaker.iri), year=year):
            hows.setdefault(r["fact"].value, []).append(r["how"].value)
            labels[r["fact"].value] = r["label"].value
        for fact, how in hows.items():
            items.append(ctx.item(labels[fact], fact, f"{' and '.join(sorted(set(how)))} by {speaker.label}"))
    if not items:
        note = (f"The graph has no statement by {speaker.label}" + (f" about {about.label}" if about else "")
                + (f" in {q.parsed.year}" if year else "") + ".")
        return Answer(q.text, NOT_STATED, note=note)
    return Answer(q.text, ANSWERED, items)


def stated(item: Item, r: dict, role: str = "") -> Item:
    """A statement's words as the answer shows them: in quotation marks only when its
    evidence gives them as the speaker's own (between quotation marks, or standing alone as
    a press release's words). Otherwise the text is an account of what was said (reported
    speech, or the facts' summary of a denial: 'denied that X was dead'), and the answer says
    so, with the article's words below: never as a quotation of the speaker."""
    text, who = r["text"].value, r["speakerLabel"].value
    if _verbatim(text, [e.quote for e in item.evidence]):
        item.detail = f"{'denied' if value(r, 'denies') else 'said'}{role}: \"{text}\""
        return item
    first = text.split(maxsplit=1)[0] if text.split() else ""
    own_verb = first.islower() and first.endswith("ed")  # 'denied that ...', 'dismissed the ...'
    notes = "; ".join(filter(None, [role.strip(" ()"), f"as reported: not {who}'s own words"]))
    item.detail = f"{'' if own_verb else 'said '}{text} ({notes})"
    return item


def _verbatim(text: str, quotes: list[str]) -> bool:
    """Whether a quote gives the text as someone's own words: opened by a quotation mark, or
    the whole of what the quote begins with (a statement printed alone)."""
    words = text.strip().rstrip(".,;:").strip()
    if not words:
        return False
    return any(quote.strip().startswith(words) or re.search(r"[\"“‘']\s*" + re.escape(words), quote)
               for quote in quotes)


def _holders_said(q: Question, org: Entity, words: Literal | None, year: Literal | None) -> Answer:
    """What the holders of the role the question names in an organisation said (quotations
    only: what the sources attribute to the organisation is not its spokesman's words)."""
    ctx, role = q.ctx, role_term(q)
    holders = {r["person"].value: r["personLabel"].value for r in terms(ctx, org=NamedNode(org.iri), role=role)}
    concept = ctx.vocabulary.by_iri(role.value) if role is not None else None
    what = concept.pref if concept is not None else "role"
    rows = [r for person in sorted(holders)
            for r in ctx.run("statements", speaker=NamedNode(person), words=words, year=year)]
    items = [stated(ctx.item(r["speakerLabel"].value, r["speaker"].value, "", r["statement"].value), r,
                    f" ({what} of {org.label})") for r in rows]
    if items:
        return Answer(q.text, ANSWERED, items)
    held = f" It names: {', '.join(sorted(holders.values()))}, with no statement quoted." if holders else ""
    return Answer(q.text, NOT_STATED, note=f"The graph has no statement by a {what} of {org.label}.{held}")


def _most_words(q: Question, words: str) -> list[dict]:
    """Statements holding most of the words' significant ones (each word a query of its own),
    when no statement holds the words as they were typed."""
    significant = list(dict.fromkeys(w for w in names.words(words) if len(w) >= 3 and w not in FILLER - {"total"}))
    if len(significant) < 2:
        return []
    hits: dict[str, list] = {}
    said: dict[str, set[str]] = {}  # a statement's words and its quotes' (whole words: 'fight' is not 'fighter')
    for word in significant:
        for r in q.ctx.run("statements", words=Literal(word)):
            iri = r["statement"].value
            if iri not in said:
                texts = [r["text"].value, *(e.quote for e in q.ctx.evidence(iri))]
                said[iri] = {w for text in texts for w in names.words(text)}
            if word in said[iri]:
                hits.setdefault(iri, []).append(r)
    need = max(2, -(-6 * len(significant) // 10))  # at least 60% of them
    # a statement that holds only the names ('X', 'Y Front') of 'X was the leader of Y Front'
    # says nothing of what the words say of them
    named = {t.word for t in q.parsed.tokens if any(c.isupper() for c in t.orig)}
    told = [w for w in significant if w not in named]
    runs = _name_runs(q)
    return [rows[0] for iri, rows in hits.items() if len(rows) >= need
            and (not told or any(w in said[iri] for w in told))
            and all(_names_in(q, run, said[iri], rows[0]["source"].value) for run in runs)]


def _name_runs(q: Question) -> list[list[str]]:
    """The runs of capitalised words among the words looked for ('Kessel', 'Tarvan Brigade')."""
    def capitalised(i: int) -> bool:  # a capital anywhere: a name with a lower-case prefix ('al-…', 'de …') too
        return any(c.isupper() for c in q.parsed.tokens[i].orig)

    runs: list[list[str]] = []
    for i in sorted(q.parsed.quoted):
        t = q.parsed.tokens[i]
        if not capitalised(i):
            continue
        if runs and i - 1 in q.parsed.quoted and capitalised(i - 1):
            runs[-1].append(t.word)
        else:
            runs.append([t.word])
    return runs


def _names_in(q: Question, run: list[str], words: set[str], source: str) -> bool:
    """Whether a statement may be about what a name among the words names: its words hold the
    name, or its article states something about one entity of that name ('the group' in an
    article on ORG). Most of the other words alone are another speaker's words about someone
    else ('who said the capture of X changes nothing?' is no answer from Y's capture)."""
    if all(w in words for w in run if len(w) >= 3 and w not in FILLER):
        return True
    from kg.ask.link import Linker

    _, entities = Linker(q.ctx.backend, q.ctx.project).find(" ".join(run))
    return any(r["source"].value == source for e in entities
               for r in q.ctx.run("sources-naming", node=NamedNode(e.iri)))


DENY = r"\b(deny|denies|denied|denying|denial)\b"


def _only_denied(q: Question, words: str, denials: list[dict]) -> Answer:
    """'who says X is dead?' where only a denial holds the words: the one who denies it
    does not say it."""
    said_so = "; ".join(f"{r['speakerLabel'].value}: \"{r['text'].value}\"" for r in denials)
    return Answer(q.text, NOT_STATED, note=f"No statement in the graph says \"{words}\"; only a denial holds "
                  f"these words ({said_so}).")


def _whole_words(q: Question, r: dict, words: str) -> bool:
    """Whether the statement (or a quote of it) holds the words as whole words, in order: the
    query matches text inside words ('so' in 'Somalia', 'war' in 'warned')."""
    want = names.words(words)

    def holds(text: str) -> bool:
        have = names.words(text)
        return any(have[i:i + len(want)] == want for i in range(len(have) - len(want) + 1))

    # the statement's own text first: its quotes are queried only when the text lacks the words
    return holds(r["text"].value) or any(holds(e.quote) for e in q.ctx.evidence(r["statement"].value))


def _named_in_words(q: Question) -> list[set[str]] | None:
    """For each run of capitalised words in the quoted words, the entities it names (None
    when one names nothing the graph holds: no figure can be checked against it)."""
    from kg.ask.link import Linker

    linker = Linker(q.ctx.backend, q.ctx.project)
    v = q.ctx.vocabulary
    known = {w for table in (v.measures, v.certainties, v.bounds, v.quantities) for c in table.values()
             for phrase in c.words for w in names.words(phrase)} | FILLER

    def name_word(i: int) -> bool:  # capitalised, or no grammar or vocabulary word ('org')
        t = q.parsed.tokens[i]
        return t.name_like or not (t.word in known or t.word.isdigit() or g.stem(t.word) in known)

    runs: list[list[str]] = []
    for i in sorted(q.parsed.quoted):
        if not name_word(i):
            continue
        if runs and i - 1 in q.parsed.quoted and name_word(i - 1):
            runs[-1].append(q.parsed.tokens[i].word)
        else:
            runs.append([q.parsed.tokens[i].word])
    named = []
    for run in runs:
        _, entities = linker.find(" ".join(run))
        if not entities:
            return None
        named.append({e.iri for e in entities})
    return named


def speaker_of(q: Question) -> Answer:
    """Who said these words: the speaker of statements that contain them."""
    ctx, words = q.ctx, q.parsed.words.strip()
    if not words or all(w in FILLER for w in names.words(words)):  # 'who says so?': 'so' is no words of theirs
        return Answer(q.text, NOT_STATED, note="Give the words to look for, e.g. who said \"...\"?")
    figures = {int(n.replace(",", "")) for n in re.findall(r"\b\d[\d,]*\b", words)} - set(q.parsed.years)
    if figures and (q.parsed.measures or q.parsed.strength):  # 'who says X has 2,500 fighters?': a figure's reporter
        from kg.ask.families import numbers

        found = numbers.reporters(q, figures, _named_in_words(q))
        if found:
            q.apply("period", "measure")
            return Answer(q.text, ANSWERED, found)
    year = year_term(q.parsed.year) if q.parsed.year else None
    if year is not None:
        q.apply("period")
    rows = [r for r in ctx.run("statements", words=Literal(words), year=year) if _whole_words(q, r, words)]
    if not rows and year is None:
        rows = _most_words(q, words)
    sayers = [] if q.parsed.has(DENY) or figures else event_sayers(q, words)
    if q.parsed.has(DENY) and not rows and not figures:  # 'who denies X was killed?'
        sayers = event_deniers(q, words)
    if not q.parsed.has(DENY):
        rows, denials = [r for r in rows if not value(r, "denies")], [r for r in rows if value(r, "denies")]
        if not rows and denials and not sayers:
            return _only_denied(q, words, denials)
    if not rows and not sayers:
        return Answer(q.text, NOT_STATED, note=f"No statement in the graph contains \"{words}\".")
    return Answer(q.text, ANSWERED, [
        stated(ctx.item(r["speakerLabel"].value, r["speaker"].value, "", r["statement"].value), r) for r in rows]
        + sayers)


def event_deniers(q: Question, words: str) -> list[Item]:
    """'Who denies X was killed?', 'who denied the killing of X?': when the words, read as a
    question of their own, name killings, captures or sentencings the graph holds, the
    statements the facts link as denying those events (never a statement merely near one)."""
    from kg.ask import answer_parsed
    from kg.ask.link import Linker
    from kg.ask.parse import parse

    sub = parse(words, q.ctx.vocabulary)
    if sub.family not in EVENT_FAMILIES - {"leadership"}:
        return []
    answer = answer_parsed(q.ctx, Linker(q.ctx.backend, q.ctx.project), sub)
    if answer.status != ANSWERED:
        return []
    q.apply(*sub.constraints)
    by_voice: dict[tuple[str, str], Item] = {}
    for event in answer.answers:  # the answer carries its denials' words, which ctx.denied names
        for who, e in q.ctx.denied:
            if e in event.evidence:
                item = by_voice.setdefault((who, event.iri), Item(who, event.iri, f"denies: {event.label} — "
                                                                   f"{event.detail}"))
                item.evidence.append(e)
    told = [e for item in by_voice.values() for e in item.evidence]
    q.ctx.denied[:] = [d for d in q.ctx.denied if d[1] not in told]  # the denier's own item: not 'denied by' it
    return list(by_voice.values())


# words that may state an event about someone, or a post held ('X is the new leader')
EVENT_FAMILIES = {"death", "captivity", "sentencing", "leadership"}


def event_sayers(q: Question, words: str) -> list[Item]:
    """'Who says X was killed?', 'who said X is the leader?': when the words, read as a
    question of their own, name events or posts the graph holds (every word of them accounted
    for), the voices their evidence is attributed to say so (said_by: the army that claims it,
    the article itself), each named with its words. A denial's words are no one's saying so."""
    from kg.ask import answer_parsed
    from kg.ask.link import Linker
    from kg.ask.parse import parse

    sub = parse(words, q.ctx.vocabulary)
    if sub.family not in EVENT_FAMILIES:
        return []
    answer = answer_parsed(q.ctx, Linker(q.ctx.backend, q.ctx.project), sub)
    if answer.status != ANSWERED:
        return []
    q.apply(*sub.constraints)  # answered: the words' own constraints ('the fourth emir') were applied
    denied = [e for _, e in q.ctx.denied]
    by_voice: dict[tuple[str, str], Item] = {}
    for event in answer.answers:
        for e in event.evidence:
            if e in denied:
                continue
            voice = f"{e.source} (the article itself)" if e.attributed_to == "the article itself" else e.attributed_to
            item = by_voice.setdefault((voice, event.iri), Item(voice, event.iri, f"says so: {event.label} — "
                                                                 f"{event.detail}"))
            item.evidence.append(e)
    return list(by_voice.values())
