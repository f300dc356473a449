"""Leadership terms as answers: the terms of a role (or, when none is stated so, of the
broader 'leader'), one item per holder with every source's evidence, and what the sources
leave out of a succession."""

from __future__ import annotations

from typing import Any

from pyoxigraph import NamedNode

from kg.ask.answer import Item
from kg.ask.context import Context, certainty_of
from kg.ask.link import Entity
from kg.ask.question import Question
from kg.ask.words import term, value
from kg.names import gaps, ordinal


def role_term(q: Question) -> Any:
    """The role the question names (a vocabulary concept), or None for any role."""
    roles = q.parsed.roles
    return NamedNode(q.ctx.vocabulary.roles[roles[0]].iri) if roles else None


def terms(ctx: Context, **params: Any) -> list[dict[str, Any]]:
    return ctx.run("leaders", **params)


def terms_as_asked(q: Question, **params: Any) -> tuple[list[dict[str, Any]], str]:
    """Terms of the question's role; when none is stated as that role, those stated as the
    broader 'leader' (an emir or a secretary-general is its leader; 'X commanded the group'
    may mean that it led it), with a note saying the sources' word."""
    rows = terms(q.ctx, **params)
    role = params.get("role")
    concept = q.ctx.vocabulary.by_iri(role.value) if role is not None else None
    if rows or concept is None or concept.notation == "leader":
        return rows, ""
    by_verb = concept.notation == "commander" and not q.parsed.has(r"\bcommanders?\b")
    if "leader" not in concept.broader and not by_verb:
        return rows, ""
    leader = q.ctx.vocabulary.roles["leader"]
    rows = terms(q.ctx, **{**params, "role": NamedNode(leader.iri)})
    if not rows:
        return rows, ""
    # terms of that role outside the time asked: the note must not say there are none
    anytime = terms(q.ctx, **{k: v for k, v in params.items() if k in ("org", "person", "role")})
    if anytime:
        held = "; ".join(f"{i.label}: {i.detail}" for i in merged(q.ctx, anytime))
        return rows, (f"(No term as {concept.pref} is stated for the time asked; these are stated as "
                      f"{leader.pref}. As {concept.pref}: {held}.)")
    return rows, f"(No source states a term as {concept.pref}; these are stated as {leader.pref}.)"


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
    return [item for item, _, _ in sorted(people, key=lambda p: succession_key(p[1], p[0].label))]


def succession_key(r: dict[str, Any], label: str) -> tuple[str, str, int, str, str]:
    """Where a term stands in the succession: the year of its first stated date, then its
    ordinal, then that date to the day (a term ended on 20 October came before one begun on
    1 November of the same year)."""
    first = value(r, "start") or value(r, "end") or "~"
    return r["orgLabel"].value, first[:4], int(r["ordinal"].value) if "ordinal" in r else 0, first, label


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
                item.detail = term(both, certainty_of(item.evidence), with_org, succeeded(both, rows))
                groups[i] = (item, both)
                break
        else:
            groups.append((Item(r["personLabel"].value, r["person"].value,
                                term(r, certainty_of(evidence), with_org, succeeded(r, rows)), evidence), r))
    return groups


def succeeded(r: dict[str, Any], rows: list[dict[str, Any]]) -> bool:
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
    rows, said = terms(ctx, org=NamedNode(org.iri), role=role), ""
    concept = ctx.vocabulary.by_iri(role.value) if role is not None else None
    if not rows and concept is not None and ("leader" in concept.broader or concept.notation == "commander"):
        rows = terms(ctx, org=NamedNode(org.iri), role=NamedNode(ctx.vocabulary.roles["leader"].iri))
        said = f"No source states a term as {concept.pref} in {org.label}." if rows else ""
    if not rows and role is not None:  # 'who led ORG?' where the sources name only its commander
        others = merged(ctx, terms(ctx, org=NamedNode(org.iri)))
        if others:
            asked = f"as {concept.pref} " if concept else ""
            return (f"No source states a term {asked}in {org.label}; they state: "
                    + "; ".join(f"{i.label}: {i.detail}" for i in others) + ".")
    if not rows:
        return f"The graph has no {'such role' if role else 'leadership terms'} for {org.label}."
    parts = [f"{i.label}: {i.detail}" for i in merged(ctx, rows)]
    return " ".join(filter(None, [said, f"Known: {'; '.join(parts)}.", gap_note(rows)]))


def unnumbered(ctx: Context, org: Entity, role: Any, n: int) -> str:
    """What the sources say of the holder numbered n they do not number: no one is named for it
    only when every holder of the role the graph knows is numbered (an unnumbered one may be it)."""
    rows = terms(ctx, org=NamedNode(org.iri), role=role) or terms(ctx, org=NamedNode(org.iri))  # as known() does
    numbered = {int(r["ordinal"].value): r for r in rows if "ordinal" in r}
    if _unnumbered_holders(rows, numbered, below_top=bool(numbered) and n < max(numbered)):
        return f"No source numbers the {ordinal(n)}."
    return f"The sources do not name the {ordinal(n)}."


def _unnumbered_holders(rows: list[dict[str, Any]], numbered: dict[int, dict[str, Any]],
                        below_top: bool) -> list[dict[str, Any]]:
    """The holders the sources give without a number who may be one the numbers miss: not a
    numbered holder told again, and, for a number below the highest, not one who took the post
    after the highest numbered holder."""
    top = value(numbered[max(numbered)], "start") if numbered and below_top else None
    people = {h["person"].value for h in numbered.values()}
    return [r for r in rows if "ordinal" not in r and r["person"].value not in people
            and not (top and (value(r, "start") or "")[:4] > top[:4])]


def gap_note(rows: list[dict[str, Any]]) -> str:
    """The ordinals missing between those the sources give, per role: not named, or not
    numbered when the sources give holders of that role without a number (one of them may be
    the missing one)."""
    numbered: dict[str, dict[int, dict[str, Any]]] = {}
    for r in rows:
        if "ordinal" in r:
            numbered.setdefault(r["roleLabel"].value, {})[int(r["ordinal"].value)] = r
    notes = []
    for role, held in sorted(numbered.items()):
        missing = gaps(held)
        if not missing:
            continue
        loose = sorted({r["personLabel"].value for r in _unnumbered_holders(
            [r for r in rows if r["roleLabel"].value == role], held, below_top=True)})
        several = "s are" if "–" in missing or "," in missing else " is"
        notes.append(f"The sources do not number the {missing} {role}; they name without a number: "
                     f"{', '.join(loose)}." if loose else f"The {missing} {role}{several} not named in the sources.")
    return " ".join(notes)


def neighbour_items(ctx: Context, rows: list[dict[str, Any]], of: str = "") -> list[Item]:
    """One item per holder before or after (successors.rq rows), with every term's evidence.
    `of`: the person they came before or after ('succeeded X as leader of ORG')."""
    items: dict[str, Item] = {}
    for r in rows:
        verb = "succeeded" if r["direction"].value == "after" else "preceded"
        detail = f"{verb} {of or 'them'} as {r['roleLabel'].value} of {r['orgLabel'].value}"
        evidence_of = value(r, "otherTerm") or r["term"].value
        item = items.setdefault(r["other"].value, Item(r["otherLabel"].value, r["other"].value, detail, []))
        item.evidence += [e for e in ctx.evidence(evidence_of) if e not in item.evidence]
    return list(items.values())
