"""A draft as a facts file: YAML with a header of comments for the reviewer."""

from __future__ import annotations

from typing import Any

from kg.extract.context import Draft

ORDER = ("id", "type", "name", "aliases")


def comment(text: str) -> str:
    """One comment line: a newline or other control character in a name cannot end the
    comment and spill into the YAML."""
    return "# " + " ".join("".join(c if c.isprintable() else " " for c in text).split())


def to_yaml(draft: Draft, accepted: bool = False) -> str:
    """The draft as a facts file. Drafted items keep `draft: true` until a person reviews them;
    `accepted` takes every item that has no `review:` reason (those stay drafts)."""
    import yaml

    header = [f"Draft facts for data/articles/{draft.article['file']}, made by kg extract."]
    if accepted:
        header.append("Accepted as drafted (kg add --accept): items with a `review:` reason stay drafts.")
    else:
        header += ["Review every item against the article: fix it, delete it, or accept it by deleting",
                   "its `draft: true` and any `review:` note once checked (kg review FILE shows each",
                   "item beside its sentence, and --accept ID does both).",
                   "kg build leaves draft items out of the graph."]
    if draft.known:
        header.append(f"Already known entities: {', '.join(sorted(draft.known))}")
    header += [f"REVIEW: {r}" for r in draft.review]
    if draft.dropped:
        header.append(f"Left out by the checks: {len(draft.dropped)} item(s)")
        header += [f"  - {d}" for d in draft.dropped]
    doc = {"article": draft.article,
           "entities": [_item(e, accepted) for e in draft.entities.values()],
           "periods": [_item(p, accepted) for p in draft.periods.values()],
           "facts": [_item(f, accepted) for f in draft.facts]}
    body = yaml.safe_dump({k: v for k, v in doc.items() if v}, sort_keys=False, allow_unicode=True, width=110)
    return "\n".join(comment(h) for h in header) + "\n" + body


def _item(item: dict[str, Any], accepted: bool) -> dict[str, Any]:
    out = {k: item[k] for k in ORDER if k in item}
    out.update({k: v for k, v in item.items() if k not in out and k != "draft"})
    if not accepted or item.get("review"):
        out["draft"] = True
    return out
