"""Victims: who was killed, captured or held, when, where, by whom, in which operation;
who was killed with someone; the hostages an organisation held."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pyoxigraph import NamedNode

from kg.ask import grammar as g
from kg.ask.answer import ANSWERED, NOT_STATED, Answer, Item
from kg.ask.context import period_words, within, year_term
from kg.ask.families.events import (
    OPERATIONS,
    PLACE_WORDS,
    coarser,
    dates,
    evidence_of,
    fetch,
    gap,
    iri,
    kind,
    period_of,
    reports,
    roles,
    scope,
    settle,
    told,
    told_events,
)
from kg.ask.link import AGENT, ORG, PERSON, PLACE, Entity, Mention
from kg.ask.question import Question, word_before
from kg.ask.words import duration, sorted_join, value
from kg.names import ordinal
from kg.vocab import KGO
from kg.vocabulary import Concept

# words after a name that make it the one who did it ('did ORG kill', 'the group's hostages':
# the nouns only after an organisation, 'held X captive' keeps X the victim)
DID_IT = set(g.forms(g.KILL_VERBS) + g.forms(g.CAPTURE_VERBS))
HELD_BY = {"victim", "victims", "hostage", "hostages", "captive", "captives", "prisoner", "prisoners"}
PASSIVE = r"\b(was|were|is|are|been|being|be|get|gets|got)\b"
HOLDING_NOW = ("holding", "keeping", "detaining")  # after 'is' or 'are', an organisation before them holds
# words after an organisation's name that make it the victims' ('ORG leaders killed')
RANKS = {"leader", "leaders", "commander", "commanders", "chief", "chiefs", "emir", "emirs", "head", "heads",
         "deputy", "deputies", "spokesman", "founder", "founders", "ruler", "rulers", "secretary", "secretaries",
         "president", "presidents"}


def _filters(q: Question, who: str) -> tuple[list[dict[str, Any]], Entity | None]:
    """The constraints an event question may carry: the victims (one query each), an actor
    (named after 'by' or as the one who did it: an organisation merely named is not taken as
    the killer), a place, a year, the operation it was part of; and the organisation whose
    leaders the victims are ('ORG leaders killed')."""
    by, at = q.after("by"), q.after(*PLACE_WORDS)
    actor = q.take(AGENT, where=by) or q.take(ORG, where=_holder(q))
    if actor is None and not q.parsed.has(PASSIVE):  # 'when was X killed': X is no killer
        actor = q.take(AGENT, where=q.before(*DID_IT))
    if actor is None and not q.parsed.has(r"\b(being|by)\b"):  # 'who is ORG holding?': active, though 'is'
        actor = q.take(AGENT, where=q.before(*HOLDING_NOW))
    ranks = q.take(ORG, where=_before_rank(q)) or q.take(ORG, where=_after_rank(q))
    if (ranks is not None or _loose_role(q) is not None) \
            and set(q.parsed.constraints.get("measure", "").split()) <= RANKS:
        q.apply("measure")  # 'ORG leaders killed' reads as a measure too: applied as the victims' roles
    # 'killed in X': X is where, when X also names a place (a town and a man may share a name)
    victims: list[Entity | None] = [*q.take_all_where(
        PERSON, lambda m: not by(m) and not (at(m) and any(e.is_a(PLACE) for e in m.entities)))] or [None]
    params: dict[str, Any] = {"within": iri(q.take(OPERATIONS))}
    params["place"] = iri(q.take(PLACE - {"Country"}, where=lambda m: not by(m))
                          or q.take(frozenset({"Country"}), where=at))
    params["actor"] = iri(actor)
    return [{who: iri(v), **params, **period_of(q)} for v in victims], ranks


def _before_rank(q: Question) -> Callable[[Mention], bool]:
    """An organisation right before a rank, or an ordinal and a rank ('ORG leaders', "ORG's
    third leader")."""
    tokens, ordinal = q.parsed.tokens, q.parsed.ordinal_at

    def test(m: Mention) -> bool:
        i = m.end
        while i < len(tokens) and i in ordinal:
            i += 1
        return i < len(tokens) and tokens[i].word in RANKS
    return test


def _after_rank(q: Question) -> Callable[[Mention], bool]:
    """An organisation after a rank and 'of' ('the leader of ORG', 'the third emir of the ORG')."""
    tokens = q.parsed.tokens

    def test(m: Mention) -> bool:
        i = word_before(q.parsed, m.start)
        return i >= 1 and tokens[i].word == "of" and tokens[i - 1].word in RANKS
    return test


def _loose_role(q: Question) -> Concept | None:
    """The role of victims asked by a rank alone, no organisation named ('when was the
    spokesman captured?', 'which emirs were killed?'): a role word that is no part of a
    linked name. Applied to the victims' terms in any organisation, never dropped."""
    named = {i for m in q.mentions for i in range(m.start, m.end)}
    if not q.parsed.roles or not q.parsed.role_at - named:
        return None
    return q.ctx.vocabulary.roles[q.parsed.roles[0]]


def _one_rank(q: Question) -> Concept | None:
    """The role asked ('ORG's founder', 'its third leader', 'ORG commanders killed'); None for
    'ORG leaders killed' (whoever held a role in it: 'leaders' is said of them all) or no role
    word. A rank more particular than leader is kept in the plural: commanders are not every
    holder of a post."""
    if not q.parsed.roles:
        return None
    role = q.ctx.vocabulary.roles[q.parsed.roles[0]]
    return None if _plural(q) and role.notation == "leader" else role


def _plural(q: Question) -> bool:
    return any(t.word in RANKS and t.word.endswith("s") for t in q.parsed.tokens)


def _of_rank(q: Question, org: Entity | None) -> str:
    """' of the 3rd leader of ORG', ' of a leader of ORG': the victims asked by rank."""
    if org is None:
        loose = _loose_role(q)
        return f" of a {loose.pref} (in any organisation)" if loose is not None else ""
    role = _one_rank(q)
    if role is None:
        return f" of a leader of {org.label}"
    if _plural(q):
        return f" of a {role.pref} of {org.label}"
    n = q.parsed.ordinal
    return f" of the {f'{ordinal(n)} ' if n and n > 0 else ''}{role.pref} of {org.label}"


def _holder(q: Question) -> Callable[[Mention], bool]:
    """An organisation named as the holder of victims: 'ORG's hostages', 'the hostages of ORG'."""
    tokens = q.parsed.tokens

    def test(m: Mention) -> bool:
        i = m.start - 1
        while i >= 0 and tokens[i].word in ("the", "a", "an"):
            i -= 1
        of = i >= 1 and tokens[i].word == "of" and tokens[i - 1].word in HELD_BY
        return of or q.before(*HELD_BY)(m)

    return test


def _ranked(q: Question, rows: list[dict[str, Any]], org: Entity | None) -> list[dict[str, Any]]:
    """Rows whose victim held a role in the organisation (all rows when none is named): the
    role asked and its ordinal when one holder is meant ('ORG's founder', 'its third leader');
    any role for 'ORG leaders killed'; with no organisation named, the role a rank alone
    names, held in any organisation."""
    if org is None:
        loose = _loose_role(q)
        if loose is None:
            return rows
        return _holders(q, rows, {"role": NamedNode(loose.iri)})
    params: dict[str, Any] = {"org": NamedNode(org.iri)}
    role = _one_rank(q)
    if role is not None:
        params["role"] = NamedNode(role.iri)
        if q.parsed.ordinal is not None and q.parsed.ordinal > 0:
            q.apply("ordinal")
            params["ordinal"] = year_term(q.parsed.ordinal)
    return _holders(q, rows, params)


def _holders(q: Question, rows: list[dict[str, Any]], params: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows whose victim held a term the `leaders` parameters select."""
    held = {v: bool(q.ctx.run("leaders", person=NamedNode(v), **params))
            for v in {r["victim"].value for r in rows if r.get("victim") is not None}}
    return [r for r in rows if r.get("victim") is not None and held[r["victim"].value]]


WITH = ("with", "alongside", "beside")


def _fellows(q: Question, kind: str, verb: str, shape: Callable[[Question, list], Any]) -> Answer | None:
    """'who was <verb> with X': the others of X's operation or day (None: no 'with X' asked)."""
    mate = q.take(PERSON, where=q.after(*WITH))
    if mate is None:
        return None
    rows = _with(q, kind, mate)
    if not rows:
        return Answer(q.text, NOT_STATED, note=f"The sources name no one else {verb} in the operation or on "
                      f"the day {mate.label} was {verb}.")
    return settle(q, shape(q, rows))


def death(q: Question) -> Answer:
    fellows = _fellows(q, "Killing", "killed", _deaths)  # 'who was killed with X'
    if fellows is not None:
        return fellows
    each, ranks = _filters(q, "victim")
    if q.parsed.constraints.get("victims") and each[0]["victim"] is None:  # 'who killed the soldiers?'
        return _counted(q, each[0])
    if each[0]["victim"] is not None:  # 'when was X executed': X's death, in the sources' words
        q.apply("manner")
    rows, notes = [], []
    for params in each:
        found_rows = _ranked(q, fetch(q, ["Killing"], **params), ranks)
        rows += found_rows
        if found_rows:
            continue
        known = told_events(q.ctx, fetch(q, ["Killing"], victim=params["victim"])) if params["victim"] else []
        of = _of_rank(q, ranks)
        note = f"The graph has no killing{of} {scope(q, params, '').strip()}".rstrip() + "."
        note += coarser(q, ["Killing"], params)
        if known:
            note += " Known: " + "; ".join(dict.fromkeys(_killing(q, r, params["actor"] is not None)
                                                         for r in known)) + "."
        notes.append(note.replace("  ", " "))
    if not rows or (notes and len(each) > 1):
        return Answer(q.text, NOT_STATED, note=" ".join(notes))
    return _any_org(q, ranks, settle(q, _deaths(q, rows)))


def _killing(q: Question, r: dict[str, Any], by_whom: bool) -> str:
    """A known killing, named with its killers when the question asked about another doer
    ('did COUNTRY kill X' where the sources name its army): the graph's doers said, never
    linked to the one asked about."""
    if not by_whom:
        return r["label"].value
    doers = roles(q.ctx, r["event"].value).get("perpetrator", [])
    return r["label"].value + (f", by {sorted_join(doers)}" if doers else ", by no one the sources name")


def _any_org(q: Question, org: Entity | None, answer: Answer) -> Answer:
    """Says that victims asked by a rank alone are its holders in any organisation."""
    loose = _loose_role(q) if org is None else None
    if loose is not None and answer.status == ANSWERED:
        said = f"Victims who held a post of {loose.pref} in any organisation; name one to narrow it."
        answer.note = " ".join(filter(None, [said, answer.note]))
    return answer


def _counted(q: Question, params: dict[str, Any]) -> Answer:
    """Victims named by a common noun ('the schoolgirls'): no event names them, but a figure
    of the victims the verb names ('abducted 27 schoolgirls') may count them."""
    from kg.ask.families.numbers import counting

    kind = q.parsed.constraints["victims"]
    q.apply("victims")
    measures = [q.ctx.vocabulary.measures[n] for n in q.parsed.measures]
    measures = [m for m in measures if m.kind == "Victims"]
    by = {"when": "periodLabel", "where": "areaLabel"}.get(q.parsed.aspect or "", "subjectLabel")  # what was asked
    items = counting(q.ctx, measures, kind, q.parsed.period, by, subject=params["actor"], includes=params["place"],
                     context=params["within"]) if measures else []
    if not items:
        return Answer(q.text, NOT_STATED, note=f"No event names the {kind} as its victims, and no figure "
                      f"the sources give counts {kind} {scope(q, params, '').strip()}".rstrip() + ".")
    return Answer(q.text, ANSWERED, items)


def _with(q: Question, kind: str, mate: Entity) -> list[dict[str, Any]]:
    """Killings (or captures) in the same operation as the person's, or on the same day (a
    stated day)."""
    own = fetch(q, [kind], victim=iri(mate))
    rows = []
    for r in own:
        if r.get("partOf") is not None:
            rows += fetch(q, [kind], within=r["partOf"])
        elif len(value(r, "date") or "") == 10:
            rows += [x for x in fetch(q, [kind], year=year_term(int(r["date"].value[:4])))
                     if value(x, "date") == r["date"].value]
        rows += _told_together(q, kind, r)
    seen: set[str] = set()
    return [r for r in rows if value(r, "victim") != mate.iri and not _repeated(r, seen)]


def _told_together(q: Question, kind: str, r: dict[str, Any]) -> list[dict[str, Any]]:
    """Events of the kind a source tells in the same words as r ('kidnapped two aid workers,
    X and Y'), on r's date as far as both are dated."""
    together = []
    for t in q.ctx.run("told-together", event=r["event"], kind=NamedNode(KGO + kind)):
        together += [x for x in fetch(q, [kind], event=t["other"]) if _same_date(x, r)]
    return together


def _same_date(a: dict[str, Any], b: dict[str, Any]) -> bool:
    one, other = value(a, "date") or "", value(b, "date") or ""
    return one[:len(other)] == other[:len(one)]


def _repeated(r: dict[str, Any], seen: set[str]) -> bool:
    key = f"{r['event'].value} {value(r, 'victim')}"
    found = key in seen
    seen.add(key)
    return found


def _deaths(q: Question, rows: list[dict[str, Any]]) -> list[tuple[Item, str | None]]:
    ctx, aspect = q.ctx, q.parsed.aspect
    found = []
    for event, reported in reports(ctx, rows).items():
        r = reported[0]
        who = roles(ctx, event)
        parts = [f"killed in {dates(reported)}" if dates(reported) else "killed (the sources do not say when)"]
        by: list[str] = []
        if value(r, "partOfLabel"):
            op_roles = roles(ctx, r["partOf"].value)
            by = op_roles.get("conductedBy") or op_roles.get("participant") or []
            parts.append(f"in {r['partOfLabel'].value}" + (f", conducted by {sorted_join(by)}" if by else ""))
        if who.get("perpetrator") and set(who["perpetrator"]) != set(by):
            parts.append(f"by {sorted_join(who['perpetrator'])}")
        if who.get("place"):
            parts.append(f"in {sorted_join(who['place'])}")
        item = Item(value(r, "victimLabel") or r["label"].value, value(r, "victim") or event, ", ".join(parts),
                    evidence_of(ctx, event, reported))
        found.append(_by_whom(q, item, r, who.get("perpetrator") or by, gap(aspect, reported, who)))
    return found


def _by_whom(q: Question, item: Item, r: dict[str, Any], agents: list[str],
             missing: str | None) -> tuple[Item, str | None]:
    """'Who killed X?', 'who held X hostage?': the answer is who did it, not X. The item is
    named by them and stands for the event, which its detail names (as for operations); an
    event with no doer stated (nor one of the operation it was part of) does not answer."""
    if q.parsed.aspect != "by_whom":
        return item, missing
    if not agents:
        return item, missing or f"The sources do not say who was behind the {r['label'].value}."
    return Item(sorted_join(agents), r["event"].value, f"{r['label'].value}: {item.detail}", item.evidence), missing


HOSTAGES = r"\b(hostage|hostages|kidnap\w*|abduct\w*)\b"
TAKEN = r"\b(kidnap\w*|abduct\w*|captur\w*|seiz\w*|taken|took|arrest\w*|detain\w*)\b"
HELD = r"\b(held|hold|holding|captive|captives|captivity|hostage|hostages)\b"


def _armed_holder(ctx: Any, event: str) -> bool | None:
    """Whether the event's perpetrator is typed as an armed group (None: no perpetrator stated)."""
    doers = [r for r in ctx.run("event-roles", event=NamedNode(event)) if r["role"].value.endswith("perpetrator")]
    return any(r.get("armedGroup") is not None for r in doers) if doers else None


def captivity(q: Question) -> Answer:
    ctx, aspect = q.ctx, q.parsed.aspect
    fellows = _fellows(q, "Capture", "captured", _captures)  # 'who was captured with X'
    if fellows is not None:
        return fellows
    each, ranks = _filters(q, "victim")
    if q.parsed.constraints.get("victims") and each[0]["victim"] is None:  # 'who kidnapped the schoolgirls?'
        return _counted(q, each[0])
    kinds = ["Captivity"] if aspect == "duration" or q.parsed.counts else ["Capture", "Captivity"]
    if q.parsed.period and q.parsed.has(TAKEN) and not q.parsed.has(HELD):
        kinds = ["Capture"]  # 'kidnapped in 2008': the taking was in 2008, not a captivity running then
    if aspect == "by_whom" and q.parsed.has(RELEASED):  # 'by whom was X freed': who freed X
        q.parsed.aspect = aspect = "released_by"
    rows, notes = [], []
    hostages = q.parsed.has(HOSTAGES)
    for params in each:
        found_rows = _ranked(q, fetch(q, kinds, **params), ranks)
        unstated = []  # taken by someone the sources do not name: neither a hostage-taking nor not one
        if hostages:  # taken or held by an armed group, not arrested or jailed by a state
            holders = {r["event"].value: _armed_holder(ctx, r["event"].value) for r in found_rows}
            unstated = sorted({r["label"].value for r in found_rows if holders[r["event"].value] is None})
            found_rows = [r for r in found_rows if holders[r["event"].value]]
        rows += found_rows
        if not found_rows:
            of = _of_rank(q, ranks)
            what = "hostage-taking (a capture or captivity by an armed group)" if hostages else "capture or captivity"
            where = scope(q, params, "").strip()
            notes.append((f"The graph has no {what}{of} {where}".rstrip() + ".").replace("  ", " "))
            if unstated:
                notes.append(f"Left out, as the sources name no captor: {'; '.join(unstated)}.")
    if not rows or (notes and len(each) > 1):
        return Answer(q.text, NOT_STATED, note=" ".join(notes))
    if aspect == "released_by":
        return _releasers(q, rows)
    if q.parsed.has(STILL) and not q.parsed.has(r"\b(was|were|had|did)\b"):  # 'who is (still) held?'
        return _still_held(q, rows)
    if q.parsed.has(RELEASED):
        return _released(q, rows)
    answer = _any_org(q, ranks, settle(q, _captures(q, rows)))
    if q.parsed.counts and answer.answers:  # 'how many hostages did X hold': every captivity, ended or not
        answer.note = " ".join(filter(None, [f"{_captives(answer.answers)} held at some time (a captivity the "
                                             "sources state, ended or not).", answer.note]))
    return answer


def _captives(items: list[Item]) -> str:
    """How many captives the items are (one person held twice is one), said as the graph's
    count: a source may speak of more captives than it names."""
    n = len({item.iri for item in items})
    return f"The graph names {n} captive{'s' if n != 1 else ''}"


# held as of now: 'is (being) held', 'still', 'now', 'does ORG hold', 'who holds X' (not 'who
# are the hostages?')
STILL = (r"\b(still|now|currently|today)\b|\b(is|are|being) (held|kept|captive)\b|"
         r"\b(does|do|is|are)\b.*\b(hold|holding|keep|keeping)\b|\b(holds|keeps)\b")


RELEASED = r"\b(released|freed|release|rescued|liberated)\b"


def _released(q: Question, rows: list[dict[str, Any]]) -> Answer:
    """'When was X released?': the end of a captivity is the release; one with no stated
    end does not say (nor does a capture)."""
    held = [r for r in rows if r["kind"].value.endswith("Captivity")]
    ended = [r for r in held if "end" in r and not _died_at_end(q, r)]
    if not ended:
        known = _listed(q, held)
        return Answer(q.text, NOT_STATED, note="No source states a release (the end of a captivity its "
                      "captive survived) here." + (f" Known: {known}." if known else ""))
    period = (q.parsed.day, q.parsed.day) if q.parsed.day else q.parsed.period
    if period is not None:  # 'freed in 2003' dates the release, not a captivity running that year
        then = [r for r in ended if within(r["end"].value, period)]
        if not then:
            return Answer(q.text, NOT_STATED, note=f"No source states a release {period_words(period)}. "
                          f"Known: {_listed(q, ended)}.")
        q.apply("day")
        ended = then
    answer = settle(q, _captures(q, [r for r in rows if r["event"].value in {e["event"].value for e in ended}]))
    answer.note = " ".join(filter(None, ["(A release is read as the end of a captivity.)", answer.note]))
    return answer


def _releasers(q: Question, rows: list[dict[str, Any]]) -> Answer:
    """'Who released (freed, rescued) X?': the graph records when a captivity ended, not who
    ended it (a captor lets go, an army rescues, a ransom is paid), so the sources do not say;
    the releases it holds are told, never given as the answer (the captives did not free
    anyone)."""
    ended = [r for r in rows if r["kind"].value.endswith("Captivity") and "end" in r and not _died_at_end(q, r)]
    known = _listed(q, ended)
    return Answer(q.text, NOT_STATED, note="The graph does not record who releases, frees or rescues a captive, "
                  "only when a captivity ended." + (f" Released: {known}." if known else
                                                             " No source states a release here."))


def _died_at_end(q: Question, r: dict[str, Any]) -> bool:
    """A captivity that ended when its captive was killed (in the year it ended)."""
    end = r["end"].value[:4]
    return "victim" in r and any((value(k, "date") or "")[:4] == end
                                 for k in q.ctx.run("events", kind=kind("Killing"), victim=r["victim"]))


def _still_held(q: Question, rows: list[dict[str, Any]]) -> Answer:
    """Captives held as of the newest sources: a captivity no source ends, of someone not
    since killed. A capture alone does not say whether its victim is still held."""
    q.apply("now")
    ended = {r["event"].value for r in rows if "end" in r}
    held = [r for r in rows if r["kind"].value.endswith("Captivity") and r["event"].value not in ended
            and not ("victim" in r and q.ctx.run("events", kind=kind("Killing"), victim=r["victim"]))]
    still = {value(r, "victim") for r in held}
    past = _listed(q, [r for r in rows if r not in held and value(r, "victim") not in still])
    if not held:
        return Answer(q.text, NOT_STATED, note="No source states anyone still held (a captivity with no end)."
                      + (f" Known: {past}." if past else ""))
    answer = settle(q, _captures(q, held))
    counted = f"{_captives(answer.answers)} held" if q.parsed.counts else "Held"  # 'how many hostages'
    note = f"{counted} as of the newest sources: a captivity no source ends." + (
        f" Not counted (released, killed, or only their capture stated): {past}." if past else "")
    answer.note = " ".join(filter(None, [note, answer.note]))
    return answer


def _listed(q: Question, rows: list[dict[str, Any]]) -> str:
    """Captures and captivities named in a note ('Not counted: ...'), only the question's
    reporter's when it names one (events.told)."""
    return "; ".join(f"{i.label}: {i.detail}" for i in told(q.ctx, [i for i, _ in _captures(q, rows)]))


def _captures(q: Question, rows: list[dict[str, Any]]) -> list[tuple[Item, str | None]]:
    ctx, aspect = q.ctx, q.parsed.aspect
    found = []
    for event, reported in reports(ctx, rows).items():
        r = reported[0]
        who = roles(ctx, event)
        what = "held captive" if r["kind"].value.endswith("Captivity") else "captured"
        parts = [what]
        if who.get("perpetrator"):
            parts.append(f"by {sorted_join(who['perpetrator'])}")
        if dates(reported):
            parts.append(f"in {dates(reported)}" if value(r, "date") else dates(reported))
        lengths = sorted({duration(x) for x in reported} - {""})
        if lengths:
            parts.append(f"for {' or '.join(lengths)}")
        elif aspect == "duration" and any("start" in x and "end" in x for x in reported):
            parts.append("(how long: from start to end as given)")
        if who.get("place"):
            parts.append(f"in {sorted_join(who['place'])}")
        item = Item(value(r, "victimLabel") or r["label"].value, value(r, "victim") or event, " ".join(parts),
                    evidence_of(ctx, event, reported))
        found.append(_by_whom(q, item, r, who.get("perpetrator") or [], gap(aspect, reported, who)))
    return found


FATES = {"Killing": "killed", "Capture": "captured", "Captivity": "held captive", "Sentencing": "sentenced"}


def fate(q: Question) -> Answer:
    """What happened to a person: the killings, captures, captivities and sentencings the
    graph holds with them as the victim or defendant."""
    person = q.take(PERSON)
    if person is None:  # 'what happened to ORG': what the graph holds about it
        from kg.ask.families.relations import ANY, profile

        return profile(q, q.need(ANY, "person, group or place"))
    rows = fetch(q, list(FATES), victim=iri(person), **period_of(q))
    if not rows:
        day, period = q.parsed.day, q.parsed.period
        when = f" on {day}" if day else f" {period_words(period)}" if period else ""
        other = fetch(q, list(FATES), victim=iri(person)) if when else []  # 'in 2020': others are not 'none'
        known = "; ".join(sorted({r["label"].value for r in other}))
        return Answer(q.text, NOT_STATED, note=f"The graph holds no killing, capture, captivity or sentencing of "
                      f"{person.label}{when}." + (f" Known: {known}." if known else ""))
    found: list[tuple[Item, str | None]] = []
    for event, reported in reports(q.ctx, rows).items():
        r = reported[0]
        what = FATES[r["kind"].value.rsplit("#", 1)[-1]]
        who = roles(q.ctx, event)
        parts = [what] + ([f"by {sorted_join(who['perpetrator'])}"] if who.get("perpetrator") else [])
        parts += [dates(reported)] if dates(reported) else []
        parts += [f"in {r['partOfLabel'].value}"] if value(r, "partOfLabel") else []
        found.append((Item(person.label, event, " ".join(parts), evidence_of(q.ctx, event, reported)), None))
    return settle(q, found)

