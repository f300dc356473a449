"""Leadership terms as drafted items: one term per person, organisation and role; a term told
again adds what the new telling gives (an ordinal, a start, an end) and its quote."""

from __future__ import annotations

from typing import Any

from kg.extract.context import Context, append_quote


def add_term(ctx: Context, spans: list[tuple[int, int]], fields: dict[str, Any],
             inferred: dict[str, str], said_by: str = "article") -> dict | None:
    """The term `fields` names: a new drafted item, or the same one drafted before with what this telling adds."""
    same = [f for f in ctx.draft.facts if f["type"] == "leadership" and all(
        f.get(k) == fields[k] for k in ("person", "organization", "role"))]
    if same:  # the same term again: keep the first, add what this one says
        for key in ("ordinal", "start", "end"):
            if fields.get(key) and not same[0].get(key):
                same[0][key] = fields[key]
                if key in inferred:
                    same[0].setdefault("inferred", {})[key] = inferred[key]
                more_quote(ctx, same[0], spans)
        if said_by == "article" and same[0].get("said_by") != "article":
            same[0]["said_by"] = "article"  # told by someone, then by the article itself: the article's word
            more_quote(ctx, same[0], spans)
        return same[0]
    return ctx.fact("leadership", spans, fields, inferred, said_by=said_by)


def more_quote(ctx: Context, fact: dict[str, Any], spans: list[tuple[int, int]]) -> None:
    """Add the quotes of `spans` to a drafted item (each once)."""
    new = ctx.quote(spans)
    for q in new if isinstance(new, list) else [new]:
        append_quote(fact, q)
