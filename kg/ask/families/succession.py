"""Succession: who came directly before or after a person (as stated, by ordinals, by dates),
and an organisation's whole succession as a table (kg leaders)."""

from __future__ import annotations

from typing import Any

from pyoxigraph import NamedNode

from kg.ask.answer import ANSWERED, NOT_STATED, Answer, Item
from kg.ask.context import Context, hedge_of, year_term
from kg.ask.families.terms import (
    grouped,
    known,
    merged,
    neighbour_items,
    role_term,
    succeeded,
    succession_key,
    terms,
    unnumbered,
)
from kg.ask.link import ORG, PERSON, Entity
from kg.ask.question import Missing, Question
from kg.ask.words import value
from kg.names import ordinal


def neighbours(q: Question) -> Answer:
    """Who came before or after a person (stated succession, then ordinals, then dates)."""
    ctx, direction = q.ctx, q.parsed.direction
    person = q.take(PERSON)
    scope = q.take(ORG) if person is not None else None  # 'who led ORG before X'
    if person is not None and q.parsed.tokens[0].word == "what":  # 'what did X do before?'
        return _what_before(q, person)
    other = q.take(PERSON) if person is not None and q.parsed.tokens[0].word in YES_NO else None
    if person is not None and other is not None:  # 'did A succeed B?'
        return _came(q, person, other, scope)
    if person is None:
        org = q.need(ORG, "organisation or person")
        which = q.parsed.ordinal
        q.apply("ordinal")
        if which is None or which < 1:
            raise Missing("Name the person, or the organisation and which holder (e.g. the 1st ruler).")
        holders = terms(ctx, org=NamedNode(org.iri), role=role_term(q), ordinal=year_term(which))
        if not holders:
            return Answer(q.text, NOT_STATED, note=f"{unnumbered(ctx, org, role_term(q), which)} "
                          f"{known(ctx, org, role_term(q))}")
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


YES_NO = {"did", "does", "do", "was", "were", "is", "has", "had"}


def _came(q: Question, person: Entity, other: Entity, scope: Entity | None) -> Answer:
    """'Did A succeed B?', 'was A preceded by B?': yes where the succession the sources give
    puts B directly before (after) A. 'Precede' and a passive ('succeeded by') put B after A;
    the question's own reading of before or after is not used (it reads 'who did X succeed')."""
    precede = q.parsed.has(r"\b(precede|preceded|precedes)\b")
    passive = q.parsed.has(r"\bby\b")
    q.parsed.direction = "after" if precede != passive else "before"
    found = _step(q, person, scope)
    hits = [i for i in found.answers if i.iri == other.iri] if found.status == ANSWERED else []
    if hits:
        return Answer(q.text, ANSWERED, hits, note=found.note)
    known = ("Known: " + "; ".join(f"{i.label}: {i.detail}" for i in found.answers) + "."
             if found.status == ANSWERED else found.note)
    return Answer(q.text, NOT_STATED, note=f"No source puts {other.label} directly {q.parsed.direction} "
                  f"{person.label}. {known}".strip())


def _what_before(q: Question, person: Entity) -> Answer:
    """'What did X do before?', 'what was X before?' ask what X did or was, never who came
    before X: the holder before X is another person the question does not ask for. The graph
    states X's roles, which the note gives."""
    q.apply("ordinal")
    held = merged(q.ctx, terms(q.ctx, person=NamedNode(person.iri)))
    roles = "; ".join(f"{i.label}: {i.detail}" for i in held)
    return Answer(q.text, NOT_STATED, note=f"The question asks what {person.label} did or was, "
                  f"not who came {q.parsed.direction} {person.label} (ask 'who came {q.parsed.direction} "
                  f"{person.label}?')." + (f" Roles the sources state: {roles}." if roles else ""))


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
            return Answer(q.text, ANSWERED, neighbour_items(ctx, hits, person.label), note=_basis_note(basis))
    notes = []
    for r in mine:
        n = int(r["ordinal"].value) if "ordinal" in r else None
        org = Entity(r["org"].value, r["orgLabel"].value, frozenset({"Organization"}))
        role_label = r["roleLabel"].value
        if n == 1 and direction == "before":
            notes.append(f"{person.label} was the first {role_label} of {org.label}; no one came before.")
        elif n is not None:
            target = n - 1 if direction == "before" else n + 1
            missing = unnumbered(ctx, org, r["heldRole"], target)
            notes.append(f"{person.label} was the {ordinal(n)} {role_label} of {org.label}; "
                         f"{missing[0].lower()}{missing[1:]} {known(ctx, org, r['heldRole'])}")
        else:
            notes.append(f"No source states who came {direction} {person.label} as {role_label} of {org.label}.")
    return Answer(q.text, NOT_STATED, note=" ".join(dict.fromkeys(notes)))


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
                             succession_key(p[1], p[0].label)))
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
    return "?" if succeeded(r, [x for _, x in rows]) else "(in office)"
