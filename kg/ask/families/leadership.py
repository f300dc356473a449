"""Leadership: who led an organisation in a year, now, the Nth; which role a person held,
since when; who came before or after; the whole succession (kg leaders)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pyoxigraph import NamedNode

from kg.ask import anchor
from kg.ask.answer import ANSWERED, NOT_STATED, Answer, Item
from kg.ask.context import Context, hedge_of, period_params, period_words, year_term
from kg.ask.link import ORG, PERSON, Entity, Mention
from kg.ask.question import Missing, Question
from kg.ask.words import term, value
from kg.names import gaps, ordinal

PAST = r"\b(was|were|led|ran|headed|ruled|commanded|did|had|former|previous)\b"
PRESENT = r"\b(is|are|leads|runs|heads|rules|commands|now|currently|current|today|still|has|have)\b"


def role_term(q: Question) -> Any:
    """The role the question names (a vocabulary concept), or None for any role."""
    roles = q.parsed.roles
    return NamedNode(q.ctx.vocabulary.roles[roles[0]].iri) if roles else None


def terms(ctx: Context, **params: Any) -> list[dict[str, Any]]:
    return ctx.run("leaders", **params)


def merged(ctx: Context, rows: list[dict[str, Any]], with_org: bool = True) -> list[Item]:
    """One item per holder of a role, in order of succession: terms two sources state
    differently stay under one person, each as stated, and the detail says they differ."""
    people: list[tuple[Item, dict[str, Any], list[Item]]] = []
    for item, r in grouped(ctx, rows, with_org):
        same = next((p for p in people if _same_holder(ctx, p[1], r)), None)
        if same is None:
            people.append((item, r, [item]))
            continue
        same[2].append(item)
        same[0].evidence += [e for e in item.evidence if e not in same[0].evidence]
    for item, _, terms_ in people:
        if len(terms_) > 1:
            sources = [{e.source for e in t.evidence} for t in terms_]
            differ = not set.intersection(*sources)
            item.detail = "; ".join(t.detail for t in terms_)
            item.detail += " (the sources state it differently)" if differ else ""
    return [item for item, _, _ in sorted(people, key=lambda p: _succession(p[1], p[0].label))]


def _succession(r: dict[str, Any], label: str) -> tuple[str, str, int, str]:
    """Where a term stands in the succession: its first stated date, then its ordinal."""
    first = value(r, "start") or value(r, "end") or "~"
    return r["orgLabel"].value, first[:4], int(r["ordinal"].value) if "ordinal" in r else 0, label


def grouped(ctx: Context, rows: list[dict[str, Any]], with_org: bool = True) -> list[tuple[Item, dict[str, Any]]]:
    """One item per holder, role and compatible ordinal and dates, with the evidence of every
    source stating it and every value one of them states ('1991' and '1992-02' from two
    articles give '1991–1992-02'); sources that disagree (another ordinal, another year) stay
    apart."""
    groups: list[tuple[Item, dict[str, Any]]] = []
    by_term: dict[str, dict[str, Any]] = {}
    for r in rows:  # a term named or ended differently by two articles comes in several rows
        best = by_term.setdefault(r["term"].value, r)
        if _richness(r) > _richness(best):
            by_term[r["term"].value] = r
    for r in by_term.values():
        evidence = ctx.evidence(r["term"].value)
        for i, (item, best) in enumerate(groups):
            if _same_term(ctx, best, r):
                item.evidence += evidence
                both = _union(best, r)
                item.detail = term(both, hedge_of(item.evidence), with_org, _succeeded(both, rows))
                groups[i] = (item, both)
                break
        else:
            groups.append((Item(r["personLabel"].value, r["person"].value,
                                term(r, hedge_of(evidence), with_org, _succeeded(r, rows)), evidence), r))
    return groups


def _succeeded(r: dict[str, Any], rows: list[dict[str, Any]]) -> bool:
    """Another holder of the same role in the same organisation started after this term did."""
    start = (value(r, "start") or "")[:4]
    return bool(start) and any(x["org"].value == r["org"].value and x["heldRole"].value == r["heldRole"].value
                               and x["person"].value != r["person"].value and (value(x, "start") or "")[:4] > start
                               for x in rows)


FIELDS = ("ordinal", "start", "end")


def _union(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Two agreeing rows of one term as one: the richer row, with what only the other states
    and the more precise of two dates."""
    base, other = (a, b) if _richness(a) >= _richness(b) else (b, a)
    out = dict(base)
    for f in (*FIELDS, "endedBy", "endedByLabel"):
        if f in other and (f not in out or len(other[f].value) > len(out[f].value)):
            out[f] = other[f]
    return out


def _agree(a: dict[str, Any], b: dict[str, Any], f: str) -> bool:
    x, y = value(a, f), value(b, f)
    return x is None or y is None or x == y or (f != "ordinal" and (x.startswith(y) or y.startswith(x)))


def _same_holder(ctx: Context, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same holder, organisation and role (or a broader one: a leader and a ruler)."""
    if any(a[k].value != b[k].value for k in ("person", "org")):
        return False
    return a["heldRole"].value == b["heldRole"].value or _broader(ctx, a, b) or _broader(ctx, b, a)


def _same_term(ctx: Context, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same holder and role, and no ordinal or date that disagrees ('1992' agrees with
    '1992-02')."""
    return _same_holder(ctx, a, b) and all(_agree(a, b, f) for f in FIELDS)


def _broader(ctx: Context, general: dict[str, Any], specific: dict[str, Any]) -> bool:
    concept = ctx.vocabulary.by_iri(specific["heldRole"].value)
    broad = ctx.vocabulary.by_iri(general["heldRole"].value)
    return bool(concept and broad and broad.notation in concept.broader)


def _richness(r: dict[str, Any]) -> int:
    """How much a row says: dates, ordinal, what ended it, and a specific role over 'leader'."""
    return sum(f in r for f in (*FIELDS, "endedBy")) + (not r["heldRole"].value.endswith("#Leader"))


def known(ctx: Context, org: Entity, role: Any) -> str:
    """What the sources do say about an organisation's succession, and its gaps."""
    rows = terms(ctx, org=NamedNode(org.iri), role=role)
    if not rows:
        return f"The graph has no {'such role' if role else 'leadership terms'} for {org.label}."
    parts = [f"{i.label}: {i.detail}" for i in merged(ctx, rows)]
    return " ".join(filter(None, [f"Known: {'; '.join(parts)}.", gap_note(rows)]))


def gap_note(rows: list[dict[str, Any]]) -> str:
    """The ordinals missing between those the sources give, per role: not named, or not
    numbered when the sources give holders of that role without a number (one of them may be
    the missing one)."""
    numbered: dict[str, dict[int, str]] = {}
    for r in rows:
        if "ordinal" in r:
            numbered.setdefault(r["roleLabel"].value, {})[int(r["ordinal"].value)] = r["person"].value
    notes = []
    for role, held in sorted(numbered.items()):
        missing = gaps(held)
        if not missing:
            continue
        loose = sorted({r["personLabel"].value for r in rows if r["roleLabel"].value == role
                        and "ordinal" not in r and r["person"].value not in held.values()})
        notes.append(f"The sources do not number the {missing} {role}; they name without a number: "
                     f"{', '.join(loose)}." if loose else f"The {missing} {role}s are not named in the sources.")
    return " ".join(notes)


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
    if person is not None:
        return _person(q, person, org, role)
    if org is None:
        raise Missing("Name the organisation or the person.")
    role = role or NamedNode(ctx.vocabulary.roles["leader"].iri)  # an organisation's leaders
    params: dict[str, Any] = {"org": NamedNode(org.iri), "role": role}
    newest = ctx.newest(org.iri)
    if p.ordinal is not None:
        return _nth(q, org, role)
    if p.period:
        params.update(_period(q))
        where = f"{org.label} {f'at that time ({date})' if date else period_words(p.period)}"
    elif p.now or (p.has(PRESENT) and not p.has(PAST)):
        q.apply("now")
        if newest is None:  # no source states a role in it, or none is dated
            has_terms = bool(terms(ctx, org=NamedNode(org.iri)))
            return Answer(q.text, NOT_STATED, note=f"No dated source states who holds a role in {org.label}, so "
                          "'now' has no meaning here." if has_terms else known(ctx, org, None))
        params["current"] = year_term(newest)
        where = f"{org.label} now (as of the newest source about it, {newest})"
    else:
        return succession(q, org, role)
    rows = [r for r in terms(ctx, **params) if date is None or anchor.during(r, date)]
    if not rows:
        note = f"For {where}: {known(ctx, org, role)}"
        if p.years and newest is not None and p.years[0] > newest:
            note = f"The newest source reports up to {newest}. " + note
        return Answer(q.text, NOT_STATED, note=note)
    note = f"(\"now\" means as of the newest source about {org.label}, {newest}.)" if "current" in params else ""
    return Answer(q.text, ANSWERED, merged(ctx, rows), note=note or dated_by or _by_year(p.period))


LEAD_VERBS = {"led", "leads", "lead", "commands", "commanded", "command", "heads", "headed", "head", "runs",
              "ran", "run", "rules", "ruled", "directs", "directed", "oversees", "oversaw", "controls", "controlled"}
OVER_WORDS = {"commander", "commanders", "deputy", "deputies", "leader", "leaders", "boss", "chief", "head",
              "superior", "superiors", "emir", "lieutenant", "lieutenants"}


def _led_person(q: Question) -> Callable[[Mention], bool]:
    """A person the question puts under someone: right after 'who led' / 'who commands', or
    before a possessive role word ('X's deputy', 'X's commander')."""
    tokens = q.parsed.tokens
    typed = re.findall(r"[\w][\w'.-]*", q.text.replace("’", "'"))

    def test(m: Mention) -> bool:
        i = m.start - 1
        while i >= 0 and tokens[i].word in ("the", "a", "an"):
            i -= 1
        if i >= 1 and tokens[i].word in LEAD_VERBS and tokens[i - 1].word in ("who", "whom") and i - 1 == 0:
            return True
        last = typed[tokens[m.end - 1].at] if tokens[m.end - 1].at < len(typed) else ""
        after = tokens[m.end].word if m.end < len(tokens) else ""
        return (last.endswith("'s") or last.endswith("s'")) and after in OVER_WORDS

    return test


def _roles_of(ctx: Context, person: Entity) -> str:
    held = "; ".join(f"{i.label}: {i.detail}" for i in merged(ctx, terms(ctx, person=NamedNode(person.iri))))
    return f"Known: {held}." if held else ""


def _period(q: Question) -> dict[str, Any]:
    q.apply("period", "day")  # a day is compared by year, like a month (the note says so)
    return period_params(q.parsed.period)


def _by_year(period: tuple[str, str] | None) -> str:
    """Terms are compared with a half-year or a month by year: said so."""
    if period and len(period[0]) > 4:
        return "(Leadership terms are compared with the period by year: the sources date them by year.)"
    return ""


def succession(q: Question, org: Entity, role: Any) -> Answer:
    rows = terms(q.ctx, org=NamedNode(org.iri), role=role)
    if not rows:
        return Answer(q.text, NOT_STATED, note=known(q.ctx, org, role))
    return Answer(q.text, ANSWERED, merged(q.ctx, rows), note=gap_note(rows))


def _nth(q: Question, org: Entity, role: Any) -> Answer:
    wanted = q.parsed.ordinal
    assert wanted is not None, "only for questions with an ordinal"
    if wanted == -1:
        numbered = [int(r["ordinal"].value) for r in terms(q.ctx, org=NamedNode(org.iri), role=role) if "ordinal" in r]
        if not numbered:
            return Answer(q.text, NOT_STATED, note=known(q.ctx, org, role))
        wanted = max(numbered)
    q.apply("ordinal")
    dated = _period(q) if q.parsed.period else {}
    rows = terms(q.ctx, org=NamedNode(org.iri), role=role, ordinal=year_term(wanted), **dated)
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
        return Answer(q.text, NOT_STATED, note=f"The sources do not name the {ordinal(wanted)}. "
                      + known(q.ctx, org, role))
    note = "The latest the sources number." if q.parsed.ordinal == -1 else ""
    return Answer(q.text, ANSWERED, merged(q.ctx, rows), note=note)


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
    last = chain[-1]
    start = numbered[wanted - len(chain)]["personLabel"].value
    detail = (f"the {ordinal(wanted)} {last['roleLabel'].value} of {org.label}, counted along the succession the "
              f"sources state from the {ordinal(wanted - len(chain))}, {start}")
    items = _neighbour_items(ctx, chain[-1:])
    for item in items:
        item.detail = detail
    return Answer(q.text, ANSWERED, items)


def _person(q: Question, person: Entity, org: Entity | None, role: Any) -> Answer:
    params = {"person": NamedNode(person.iri), "org": NamedNode(org.iri) if org else None, "role": role}
    if q.parsed.period:
        params.update(_period(q))
    rows = terms(q.ctx, **params)
    if not rows:
        scope = f" in {org.label}" if org else ""
        return Answer(q.text, NOT_STATED, note=f"The graph has no {'such ' if role else ''}role held by "
                      f"{person.label}{scope}" + (f" {period_words(q.parsed.period)}" if q.parsed.period else "")
                      + ".")
    items = merged(q.ctx, rows)
    if q.parsed.aspect == "start" and not any("start" in r for r in rows):
        return Answer(q.text, NOT_STATED, note=f"When {person.label} started is not stated. Known: "
                      + "; ".join(f"{i.label}: {i.detail}" for i in items) + ".")
    if q.parsed.aspect == "start":
        rows = [r for r in rows if "start" in r]
        items = merged(q.ctx, rows)
    return Answer(q.text, ANSWERED, items)


def neighbours(q: Question) -> Answer:
    """Who came before or after a person (stated succession, then ordinals, then dates)."""
    ctx, direction = q.ctx, q.parsed.direction
    person = q.take(PERSON)
    scope = q.take(ORG) if person is not None else None  # 'who led ORG before X'
    if person is None:
        org = q.need(ORG, "organisation or person")
        which = q.parsed.ordinal
        q.apply("ordinal")
        if which is None or which < 1:
            raise Missing("Name the person, or the organisation and which holder (e.g. the 1st ruler).")
        holders = terms(ctx, org=NamedNode(org.iri), role=role_term(q), ordinal=year_term(which))
        if not holders:
            return Answer(q.text, NOT_STATED, note=f"The sources do not name the {ordinal(which)}. "
                          + known(ctx, org, role_term(q)))
        person = Entity(holders[0]["person"].value, holders[0]["personLabel"].value, frozenset({"Person"}))
    steps = len(q.parsed.holds(STEP))  # "X's predecessor's predecessor": two steps
    via = []
    for _ in range(steps - 1):
        found = _step(q, person, scope)
        if found.status != ANSWERED or len(found.answers) != 1:
            return found if found.status != ANSWERED else Answer(
                q.text, NOT_STATED, note=f"More than one holder came {direction} {person.label}: "
                + "; ".join(i.label for i in found.answers) + ".")
        person = Entity(found.answers[0].iri, found.answers[0].label, frozenset({"Person"}))
        via.append(person.label)
    last = _step(q, person, scope)
    if via and last.status == ANSWERED:
        last.note = " ".join(filter(None, [last.note, f"({steps} steps {direction}, via {', '.join(via)}.)"]))
    return last


STEP = "predecessor|predecessors|successor|successors"


def _step(q: Question, person: Entity, scope: Entity | None = None) -> Answer:
    """Who came directly before or after one person (in one organisation, when named)."""
    ctx, direction = q.ctx, q.parsed.direction
    rows = [r for r in ctx.run("successors", person=NamedNode(person.iri)) if r["direction"].value == direction
            and (scope is None or r["org"].value == scope.iri)]
    mine = terms(ctx, person=NamedNode(person.iri), org=NamedNode(scope.iri) if scope else None)
    if not mine:
        return Answer(q.text, NOT_STATED, note=f"The graph has no role held by {person.label}"
                      + (f" in {scope.label}." if scope else "."))
    for basis in ("stated", "ordinal", "dates"):
        hits = [r for r in rows if r["basis"].value == basis]
        if hits:
            return Answer(q.text, ANSWERED, _neighbour_items(ctx, hits), note=_basis_note(basis))
    notes = []
    for r in mine:
        n = int(r["ordinal"].value) if "ordinal" in r else None
        org = Entity(r["org"].value, r["orgLabel"].value, frozenset({"Organization"}))
        role_label = r["roleLabel"].value
        if n == 1 and direction == "before":
            notes.append(f"{person.label} was the first {role_label} of {org.label}; no one came before.")
        elif n is not None:
            target = n - 1 if direction == "before" else n + 1
            notes.append(f"{person.label} was the {ordinal(n)} {role_label} of {org.label}; the sources do not "
                         f"name the {ordinal(target)}. {known(ctx, org, r['heldRole'])}")
        else:
            notes.append(f"No source states who came {direction} {person.label} as {role_label} of {org.label}.")
    return Answer(q.text, NOT_STATED, note=" ".join(dict.fromkeys(notes)))


def _neighbour_items(ctx: Context, rows: list[dict[str, Any]]) -> list[Item]:
    items: dict[str, Item] = {}
    for r in rows:
        detail = f"{r['direction'].value} {r['roleLabel'].value} of {r['orgLabel'].value}"
        evidence_of = value(r, "otherTerm") or r["term"].value
        item = items.setdefault(r["other"].value, Item(r["otherLabel"].value, r["other"].value, detail, []))
        item.evidence += [e for e in ctx.evidence(evidence_of) if e not in item.evidence]
    return list(items.values())


def _basis_note(basis: str) -> str:
    return {"stated": "", "ordinal": "(by the ordinals the sources give)",
            "dates": "(by the dates the sources give: one term ends the year the other begins)"}[basis]


def timeline(ctx: Context, org: Entity) -> list[list[str]]:
    """kg leaders: the succession as rows (#, name, from, to, how it ended, role), gaps shown
    as gaps."""
    table: list[list[str]] = []
    last: dict[str, int] = {}
    rows = grouped(ctx, terms(ctx, org=NamedNode(org.iri)))
    rows.sort(key=lambda p: (p[1]["roleLabel"].value, int(p[1]["ordinal"].value) if "ordinal" in p[1] else 0,
                             _succession(p[1], p[0].label)))
    for item, r in rows:
        role = r["roleLabel"].value
        n = int(r["ordinal"].value) if "ordinal" in r else 0
        if n and n - last.get(role, 0) > 1:
            low, high = last.get(role, 0) + 1, n - 1
            loose = any(x["roleLabel"].value == role and "ordinal" not in x for _, x in rows)
            table.append([ordinal(low) if low == high else f"{ordinal(low)}–{ordinal(high)}",
                          f"(not {'numbered' if loose else 'named'} in the sources)", "", "", "", role])
        last[role] = n or last.get(role, 0)
        hedge = hedge_of(item.evidence)
        table.append([ordinal(n) if n else "-", r["personLabel"].value + (f" ({hedge})" if hedge else ""),
                      value(r, "start") or "?", value(r, "end") or _open_end(r, rows),
                      value(r, "endedByLabel") or "", role])
    return table


def _open_end(r: dict[str, Any], rows: list[tuple[Item, dict[str, Any]]]) -> str:
    """A term with no stated end: in office, unless another holder of the role started later
    (then it ended, the sources do not say when)."""
    if value(r, "start") is None:
        return "?"
    return "?" if _succeeded(r, [x for _, x in rows]) else "(in office)"
