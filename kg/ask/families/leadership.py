"""Leadership: who led an organisation in a year, now, the Nth; which role a person held,
since when (kg.ask.families.succession: who came before or after, the whole succession)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pyoxigraph import NamedNode

from kg.ask import anchor
from kg.ask.answer import ANSWERED, NOT_STATED, Answer
from kg.ask.context import Context, certainty_of, period_params, period_words, within, year_term
from kg.ask.families.terms import gap_note, known, merged, neighbour_items, role_term, terms, terms_as_asked, unnumbered
from kg.ask.link import ORG, PERSON, Entity, Mention
from kg.ask.question import Missing, Question
from kg.ask.words import value
from kg.names import ordinal
from kg.vocab import KGO

PAST = r"\b(was|were|led|ran|headed|ruled|commanded|held|occupied|did|had|former|previous)\b"
FORMER = r"\b(former|previous|past|ex)\b"
YES_NO = {"did", "does", "do", "has", "have", "had", "was", "is"}
PRESENT = r"\b(is|are|leads|runs|heads|rules|commands|holds|occupies|now|currently|current|today|still|has|have)\b"



def answer(q: Question) -> Answer:
    ctx, p = q.ctx, q.parsed
    dated_by, date = "", None
    if p.anchor:  # 'when Y died': the date of that event is the time asked about
        date, dated_by = anchor.date_of(q, PERSON)
        if date is None:
            return Answer(q.text, NOT_STATED, note=dated_by)
        p.period = (date[:4], date[:4])
    led = q.take(PERSON, where=_led_person(q))
    if led is not None:  # 'who led X?', 'who is X's deputy?': a person, not an organisation
        return Answer(q.text, NOT_STATED, note=f"The graph records who held which role in which organisation, "
                      f"not who led or commanded a person ({led.label}). " + _roles_of(ctx, led))
    person = q.take(PERSON)
    org = q.take(ORG)
    role = role_term(q)
    if p.aspect == "where":  # a term has no place of its own
        rows = terms(ctx, person=NamedNode(person.iri) if person else None, org=NamedNode(org.iri) if org else None,
                     role=role)
        held = "; ".join(f"{i.label}: {i.detail}" for i in merged(ctx, rows))
        return Answer(q.text, NOT_STATED, note="The sources state no place for a leadership term."
                      + (f" Known: {held}." if held else ""))
    if person is not None and p.has(APPOINTER):  # 'who appointed X?': the one who chose, not X
        return Answer(q.text, NOT_STATED, note=f"The graph records when a term began, not who appointed its "
                      f"holder. {_roles_of(ctx, person)}".strip())
    if person is not None:
        return _person(q, person, org, role)
    if org is None:
        raise Missing("Name the organisation or the person.")
    role = role or NamedNode(ctx.vocabulary.roles["leader"].iri)  # an organisation's leaders
    params: dict[str, Any] = {"org": NamedNode(org.iri), "role": role}
    newest = None  # the newest source about org: read only where a question needs it
    if p.ordinal is not None:
        return _nth(q, org, role)
    if p.period:
        params.update(_period(q))
        where = f"{org.label} {f'at that time ({date})' if date else period_words(p.period)}"
    elif p.now or (p.has(PRESENT) and not p.has(PAST)):
        q.apply("now")
        newest = ctx.newest(org.iri)
        if newest is None:  # no source states a role in it, or none is dated
            has_terms = bool(terms(ctx, org=NamedNode(org.iri)))
            return Answer(q.text, NOT_STATED, note=f"No dated source states who holds a role in {org.label}, so "
                          "'now' has no meaning here." if has_terms else known(ctx, org, None))
        params["current"] = year_term(newest)
        where = f"{org.label} now (as of the newest source about it, {newest})"
    elif p.has(FORMER):
        return _former(q, org, role)
    else:
        return succession(q, org, role)
    found, as_asked = terms_as_asked(q, **params)
    rows = [r for r in found if date is None or anchor.during(r, date)]
    rows, changed = _changed_then(q, rows)
    taken: list[str] = []
    if p.period and len(p.period[0]) > 4:  # a month or a day: the query compared years
        first, last = (p.day, p.day) if p.day else p.period
        ended = [(r, _ended(ctx, _begun(ctx, r))) for r in rows]
        rows = [r for r, e in ended if anchor.during(e[0], first, last)]
        taken = [e[1] for r, e in ended if e[1] and not anchor.during(e[0], first, last)]
    rows = _placed(ctx, rows)
    if taken:  # a term the sources leave open, closed by its holder's reported killing or capture
        as_asked = " ".join(filter(None, [as_asked, f"(Not counted: {'; '.join(taken)}.)"]))
    if not rows:
        note = " ".join(filter(None, [changed, f"For {where}: {known(ctx, org, role)}", as_asked if taken else ""]))
        newest = ctx.newest(org.iri) if p.years else None
        if newest is not None and p.years[0] > newest:
            note = f"The newest source reports up to {newest}. " + note
        return Answer(q.text, NOT_STATED, note=note)
    note = f"(\"now\" means as of the newest source about {org.label}, {newest}.)" if "current" in params else ""
    items = merged(ctx, rows)
    return Answer(q.text, ANSWERED, items, note=" ".join(filter(
        None, [_counted(q, items), note or dated_by or _by_year(p.period, rows), as_asked])))


def _ended(ctx: Context, r: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The term as a month or a day is compared with it: a term with no stated end ends with
    its ending event ('ended by the killing of X'), else, at the latest, with the first killing
    or capture of its holder after it began (a source may report the leader killed without
    saying the term ended). With the words that say why, when it is that event."""
    if "end" in r:
        return r, ""
    if "endedOn" in r:
        return {"end": r["endedOn"], **r}, ""
    start = value(r, "start") or ""
    events = [e for kind in ("Killing", "Capture")
              for e in ctx.run("events", kind=NamedNode(KGO + kind), victim=r["person"])
              if len(value(e, "date") or "") >= 7 and (value(e, "date") or "")[:len(start)] >= start]
    if not events:
        return r, ""
    first = min(events, key=lambda e: e["date"].value)
    return ({"end": first["date"], **r},
            f"{r['personLabel'].value} (no source ends the term, but the {first['label'].value} comes first)")


def _begun(ctx: Context, r: dict[str, Any]) -> dict[str, Any]:
    """The term as a month or a day is compared with it: a term with no stated start began no
    earlier than the stated end of the term it follows (the one numbered just before it, or
    the one a source says its holder succeeded): the 4th leader, undated, did not lead in the
    days before the 3rd was killed."""
    if "start" in r:
        return r
    before = {p.value for p in _stated_predecessors(ctx, r)}
    n = int(r["ordinal"].value) if "ordinal" in r else None

    def follows(o: dict[str, Any]) -> bool:
        numbered = n is not None and "ordinal" in o and int(o["ordinal"].value) == n - 1
        return o["person"] != r["person"] and (o["person"].value in before or numbered)

    ends = [o.get("end") or o["endedOn"] for o in terms(ctx, org=r["org"], role=r["heldRole"])
            if ("end" in o or "endedOn" in o) and follows(o)]
    return {**r, "start": max(ends, key=lambda e: e.value)} if ends else r


def _placed(ctx: Context, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Terms that can be said to run in the year asked, or now: a term of the top post
    (leader, ruler, emir: one holder after another) with neither start nor end nor number
    cannot be placed in a succession whose other terms the sources date ("the former leader
    X" is stated without dates), so it is left out, unless a source says whom its holder
    succeeded in the post and that term is placed: it began after that one. Where no term is
    dated, it stands. Other roles (commanders, deputies, spokesmen) may have several holders
    at once: their undated terms stand, marked as such."""
    def top(role: str) -> bool:
        concept = ctx.vocabulary.by_iri(role)
        return concept is not None and (concept.notation == "leader" or "leader" in concept.broader)

    def dated_others(r: dict[str, Any]) -> bool:
        return top(r["heldRole"].value) and any(
            ("start" in o or "end" in o) and o["term"] != r["term"] and top(o["heldRole"].value)
            for o in terms(ctx, org=r["org"]))

    def placed(r: dict[str, Any], seen: frozenset[str] = frozenset()) -> bool:
        if "start" in r or "end" in r or "ordinal" in r or not dated_others(r):
            return True
        before = {p.value for p in _stated_predecessors(ctx, r)} - seen - {r["person"].value}
        return any(placed(o, seen | {r["person"].value}) for o in terms(ctx, org=r["org"], role=r["heldRole"])
                   if o["person"].value in before)

    return [r for r in rows if placed(r)]


def _stated_predecessors(ctx: Context, r: dict[str, Any]) -> list[Any]:
    """Whom a source says the term's holder succeeded, in the same post of the same organisation."""
    return [s["other"] for s in ctx.run("successors", person=r["person"])
            if s["term"] == r["term"] and s["direction"].value == "before" and s["basis"].value == "stated"]


LEAD_VERBS = {"led", "leads", "lead", "commands", "commanded", "command", "heads", "headed", "head", "runs",
              "ran", "run", "rules", "ruled", "directs", "directed", "oversees", "oversaw", "controls", "controlled"}
OVER_WORDS = {"commander", "commanders", "deputy", "deputies", "leader", "leaders", "boss", "chief", "head",
              "superior", "superiors", "emir", "lieutenant", "lieutenants"}


def _led_person(q: Question) -> Callable[[Mention], bool]:
    """A person the question puts under someone: right after 'who led' / 'who commands', after
    a role word and 'of' ('the leader of X'), or before a possessive role word ('X's deputy',
    'X's commander')."""
    tokens = q.parsed.tokens
    typed = re.findall(r"[\w][\w'.-]*", q.text.replace("’", "'"))

    def test(m: Mention) -> bool:
        i = m.start - 1
        while i >= 0 and tokens[i].word in ("the", "a", "an"):
            i -= 1
        if i >= 1 and tokens[i].word in LEAD_VERBS and tokens[i - 1].word in ("who", "whom") and i - 1 == 0:
            return True
        if i >= 1 and tokens[i].word == "of" and tokens[i - 1].word in OVER_WORDS:  # 'the leader of X'
            return True
        last = typed[tokens[m.end - 1].at] if tokens[m.end - 1].at < len(typed) else ""
        after = tokens[m.end].word if m.end < len(tokens) else ""
        return (last.endswith("'s") or last.endswith("s'")) and after in OVER_WORDS

    return test


APPOINTER = r"^who (appointed|appoints|named|names|chose|chooses|picked|elected|selected|installed)\b"
# taking up a post, as a verb: with a year, the year dates the term's start, not a term running then
BEGAN = "became|become|becomes|becoming|appointed|named|chosen|elected|took over|take over|takes over"


def _changed_then(q: Question, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
    """'Who became leader in 2008?', 'was X appointed in 2024?', 'who stepped down in 2000?':
    the terms that began (ended) in the period asked, not those running then; a term with no
    stated start (end) is not known to have. Returns the rows kept and, when none is, why."""
    p = q.parsed
    if p.period is None or p.anchor:
        return rows, ""
    key = "end" if p.aspect == "end" else "start" if p.holds(BEGAN) else None
    if key is None:
        return rows, ""
    period = (p.day, p.day) if p.day else p.period
    q.apply("day")
    kept = [r for r in rows if value(r, key) and within(value(r, key) or "", period)]
    verb = "end" if key == "end" else "begin"
    return kept, "" if kept else f"No term is stated to {verb} {period_words(period)}."


def _roles_of(ctx: Context, person: Entity) -> str:
    held = "; ".join(f"{i.label}: {i.detail}" for i in merged(ctx, terms(ctx, person=NamedNode(person.iri))))
    return f"Known: {held}." if held else ""


def _period(q: Question) -> dict[str, Any]:
    q.apply("period", "day")  # a day is compared by year, like a month (the note says so)
    return period_params(q.parsed.period)


def _by_year(period: tuple[str, str] | None, rows: list[dict[str, Any]]) -> str:
    """Terms dated only by year are compared with a half-year or a month by year: said so."""
    by_year = any(len(value(r, k) or "0000-00") == 4 for r in rows for k in ("start", "end"))
    if period and len(period[0]) > 4 and by_year:
        return "(Terms the sources date by year are compared with the period by year.)"
    return ""


def succession(q: Question, org: Entity, role: Any) -> Answer:
    rows = terms(q.ctx, org=NamedNode(org.iri), role=role)
    if not rows:
        return Answer(q.text, NOT_STATED, note=known(q.ctx, org, role))
    items = merged(q.ctx, rows)
    return Answer(q.text, ANSWERED, items, note=" ".join(filter(None, [_counted(q, items), gap_note(rows)])))


def _counted(q: Question, items: list[Any]) -> str:
    """'how many leaders has X had': the holders the sources name (a gap in the succession is
    said beside, never counted or guessed)."""
    if not q.parsed.counts:
        return ""
    holders = len({i.label for i in items})
    return f"{holders} holder{'s' if holders != 1 else ''} named in the sources."


def _holding(ctx: Context, org: Entity, role: Any) -> list[dict[str, Any]]:
    """The terms still held as of the newest source about the organisation ('now')."""
    newest = ctx.newest(org.iri)
    return _placed(ctx, terms(ctx, org=NamedNode(org.iri), role=role, current=year_term(newest))) if newest else []


def _former(q: Question, org: Entity, role: Any) -> Answer:
    """The succession without those still in the post as of the newest source about the
    organisation ('now' as in 'who leads X now?')."""
    ctx, newest = q.ctx, q.ctx.newest(org.iri)
    rows = terms(ctx, org=NamedNode(org.iri), role=role)
    now = _holding(ctx, org, role)
    holding = {r["term"].value for r in now}
    former = [r for r in rows if r["term"].value not in holding]
    still = "; ".join(sorted({r["personLabel"].value for r in now}))
    note = f"(Still in the post as of the newest source, {newest}: {still}.)" if still else ""
    if not former:
        return Answer(q.text, NOT_STATED, note=" ".join(filter(None, [note, known(ctx, org, role)])))
    return Answer(q.text, ANSWERED, merged(ctx, former), note=" ".join(filter(None, [note, gap_note(rows)])))


def _nth(q: Question, org: Entity, role: Any) -> Answer:
    wanted = q.parsed.ordinal
    assert wanted is not None, "only for questions with an ordinal"
    if wanted == -1 and not q.parsed.period:
        return _last(q, org, role)
    if wanted == -1:
        numbered = [int(r["ordinal"].value) for r in terms(q.ctx, org=NamedNode(org.iri), role=role) if "ordinal" in r]
        if not numbered:
            return Answer(q.text, NOT_STATED, note=known(q.ctx, org, role))
        wanted = max(numbered)
    q.apply("ordinal")
    dated = _period(q) if q.parsed.period else {}
    rows, as_asked = terms_as_asked(q, org=NamedNode(org.iri), role=role, ordinal=year_term(wanted), **dated)
    if not rows and dated:
        held = merged(q.ctx, terms(q.ctx, org=NamedNode(org.iri), role=role, ordinal=year_term(wanted)))
        if held:
            return Answer(q.text, NOT_STATED, note=f"The {ordinal(wanted)} did not hold the role "
                          f"{period_words(q.parsed.period or ('', ''))}: " + "; ".join(
                              f"{i.label}: {i.detail}" for i in held) + ".")
    if not rows:
        counted = _by_succession(q, org, role, wanted)
        if counted:
            return counted
        return Answer(q.text, NOT_STATED, note=f"{unnumbered(q.ctx, org, role, wanted)} {known(q.ctx, org, role)}")
    note = "The latest the sources number." if q.parsed.ordinal == -1 else ""
    return Answer(q.text, ANSWERED, merged(q.ctx, rows), note=" ".join(filter(None, [note, as_asked])))


def _last(q: Question, org: Entity, role: Any) -> Answer:
    """The last holder the sources name: whoever still holds the post as of the newest
    source, else the latest to take it (by its first stated date, then its number); not the
    last one numbered: a successor named without a number comes after the 4th."""
    q.apply("ordinal")
    found, as_asked = terms_as_asked(q, org=NamedNode(org.iri), role=role)
    rows = _placed(q.ctx, found)
    if not rows:
        return Answer(q.text, NOT_STATED, note=known(q.ctx, org, role))
    now = _holding(q.ctx, org, role)  # still in the post: the last, whatever their dates say
    if now:
        return Answer(q.text, ANSWERED, merged(q.ctx, now),
                      note=" ".join(filter(None, ["The latest the sources name.", as_asked])))

    # where the sources' numbers and dates disagree (a later number, an earlier start) no term
    # is after all others: the latest stated date decides, as it did before numbers were read
    last = [r for r in rows if not any(_later(o, r) for o in rows)] or [max(rows, key=_latest_date)]
    seen = {r["term"].value for r in last}
    before = {o["term"].value: {p.value for p in _stated_predecessors(q.ctx, o)} for o in rows}  # one query a term
    while after := [o for o in rows if o["term"].value not in seen
                    and before[o["term"].value] & {r["person"].value for r in last}]:
        last = after  # a successor the sources name without a date came after the latest dated
        seen |= {r["term"].value for r in after}
    return Answer(q.text, ANSWERED, merged(q.ctx, last),
                  note=" ".join(filter(None, ["The latest the sources name.", as_asked])))


def _latest_date(r: dict[str, Any]) -> tuple[str, int]:
    return value(r, "start") or value(r, "end") or "", int(r["ordinal"].value) if "ordinal" in r else 0


def _later(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether term a began after term b: by their numbers when both are numbered, else by
    their starts, else a began when or after b ended (a start is never compared with an end
    of the same year as if it were later: '2017' began after a term that ended '2017-06-09')."""
    if "ordinal" in a and "ordinal" in b:
        return int(a["ordinal"].value) > int(b["ordinal"].value)
    a_start, b_start, b_end = value(a, "start"), value(b, "start"), value(b, "end")
    if a_start and b_start:
        return a_start[:len(b_start)] > b_start[:len(a_start)]
    if a_start and b_end:
        return a_start[:len(b_end)] >= b_end[:len(a_start)]
    a_end = value(a, "end")
    return bool(a_end and b_end and a_end[:len(b_end)] > b_end[:len(a_end)])


def _by_succession(q: Question, org: Entity, role: Any, wanted: int) -> Answer | None:
    """The Nth holder counted along stated succession from a numbered holder of the same role
    ('succeeded its founder and first leader'): no ordinal guessed, no gap jumped."""
    ctx = q.ctx
    numbered = {int(r["ordinal"].value): r for r in terms(ctx, org=NamedNode(org.iri), role=role) if "ordinal" in r}
    below = [n for n in numbered if n < wanted]
    if not below:
        return None
    n = max(below)
    person, held_role, chain = numbered[n]["person"].value, numbered[n]["heldRole"].value, []
    while n < wanted:
        after = [r for r in ctx.run("successors", person=NamedNode(person)) if r["direction"].value == "after"
                 and r["basis"].value == "stated" and r["org"].value == org.iri and r["role"].value == held_role]
        if len({r["other"].value for r in after}) != 1:
            return None
        chain.append(after[0])
        person, n = after[0]["other"].value, n + 1
    last, base = chain[-1], numbered[wanted - len(chain)]
    # the count is no surer than the number it starts from ('believed to be its 4th')
    sure = certainty_of(ctx.evidence(base["term"].value))
    hedged = f" ({sure} to be the {ordinal(wanted - len(chain))})" if sure else ""
    detail = (f"the {ordinal(wanted)} {last['roleLabel'].value} of {org.label}, counted along the succession the "
              f"sources state from the {ordinal(wanted - len(chain))}, {base['personLabel'].value}{hedged}")
    items = neighbour_items(ctx, chain[-1:])
    for item in items:
        item.detail = detail
    return Answer(q.text, ANSWERED, items)


def _not_nth(q: Question, person: Entity, org: Entity | None, role: Any, wanted: int) -> Answer:
    """'Was X the Nth ...?' where no source numbers X so: X's terms, and who the Nth is."""
    ctx, role = q.ctx, role or NamedNode(q.ctx.vocabulary.roles["leader"].iri)
    found = _nth(q, org, role) if org else None  # stated as the Nth, or counted along the succession
    nth = found.answers if found is not None and found.status == ANSWERED else []
    concept = ctx.vocabulary.by_iri(role.value)
    what = f"{ordinal(wanted)} {concept.pref if concept else 'leader'}{f' of {org.label}' if org else ''}"
    return Answer(q.text, NOT_STATED, note=" ".join(filter(None, [
        f"No source states {person.label} as the {what}.", _roles_of(ctx, person),
        f"The {ordinal(wanted)}: " + "; ".join(f"{i.label}: {i.detail}" for i in nth) + "." if nth else ""])))


def _asked_now(q: Question, org: Entity | None) -> int | None:
    """The year of the newest source about the organisation, when the question asks in the
    present whether someone holds a post ('is X the emir of ORG?', 'does X still lead ORG?')."""
    p = q.parsed
    present = p.now or (p.tokens[0].word in ("is", "are", "does") and not p.has(PAST))
    if org is None or p.period or p.ordinal is not None or not present:
        return None
    return q.ctx.newest(org.iri)


def _holds_now(q: Question, person: Entity, org: Entity | None, params: dict[str, Any], now: int) -> Answer:
    """A term still held as of the newest source; one that ended is said, not given as a yes."""
    q.apply("now")
    rows, as_asked = terms_as_asked(q, **params, current=year_term(now))
    if rows:
        return Answer(q.text, ANSWERED, merged(q.ctx, rows), note=" ".join(filter(None, [
            f"(\"now\" means as of the newest source about {org.label if org else 'it'}, {now}.)", as_asked])))
    held = "; ".join(f"{i.label}: {i.detail}" for i in merged(q.ctx, terms_as_asked(q, **params)[0]))
    return Answer(q.text, NOT_STATED, note=f"No source states that {person.label} still holds it as of the "
                  f"newest source ({now})." + (f" Known: {held}." if held else ""))


def _person(q: Question, person: Entity, org: Entity | None, role: Any) -> Answer:
    params = {"person": NamedNode(person.iri), "org": NamedNode(org.iri) if org else None, "role": role}
    if q.parsed.period:
        params.update(_period(q))
    now = _asked_now(q, org)
    if now is not None:  # 'is X the emir of ORG?': held as of the newest source, not once
        return _holds_now(q, person, org, params, now)
    wanted = q.parsed.ordinal
    if wanted is not None and wanted > 0:  # 'was X the 3rd leader of Y?'
        q.apply("ordinal")
        params["ordinal"] = year_term(wanted)
    rows, as_asked = terms_as_asked(q, **params)
    if not rows and "ordinal" in params:
        return _not_nth(q, person, org, role, wanted or 0)
    running = rows
    rows, changed = _changed_then(q, rows)
    if not rows:
        scope = f" in {org.label}" if org else ""
        known_terms = "; ".join(f"{i.label}: {i.detail}" for i in merged(q.ctx, running))
        return Answer(q.text, NOT_STATED, note=f"{changed} Known: {known_terms}." if changed else
                      f"The graph has no {'such ' if role else ''}role held by "
                      f"{person.label}{scope}" + (f" {period_words(q.parsed.period)}" if q.parsed.period else "")
                      + ".")
    items = merged(q.ctx, rows)
    if q.parsed.aspect == "end":  # 'when did X step down': the terms that ended
        ended = [r for r in rows if "end" in r]
        if not ended:
            return Answer(q.text, NOT_STATED, note=f"When {person.label} left the post is not stated. Known: "
                          + "; ".join(f"{i.label}: {i.detail}" for i in items) + ".")
        if q.parsed.tokens[0].word in YES_NO:  # 'did X resign?': an end is no resignation
            return Answer(q.text, NOT_STATED, note=f"The graph records when a term ended and what ended it, "
                          f"not whether {person.label} resigned or stepped down. Known: "
                          + "; ".join(f"{i.label}: {i.detail}" for i in merged(q.ctx, ended)) + ".")
        return Answer(q.text, ANSWERED, merged(q.ctx, ended), note=as_asked)
    if q.parsed.aspect == "start" and not any("start" in r for r in rows):
        return Answer(q.text, NOT_STATED, note=f"When {person.label} started is not stated. Known: "
                      + "; ".join(f"{i.label}: {i.detail}" for i in items) + ".")
    if q.parsed.aspect == "start":
        rows = [r for r in rows if "start" in r]
        items = merged(q.ctx, rows)
    return Answer(q.text, ANSWERED, items, note=as_asked)
