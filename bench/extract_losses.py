"""Where the drafter loses the gold items of one kind, on the tuning set only: counts of gold
items drafted right, left out by the build's checks, lost because an entity they need was not
drafted (or drafted with another type), drafted with a detail wrong, or never drafted by any
pattern.

    python bench/extract_losses.py leadership
    python bench/extract_losses.py statistic --examples 3

It never reads the held-back set: its figures mean something only while nobody tunes on it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extract_eval as ev  # noqa: E402

NEEDS = {"leadership": ("person", "organization"), "statistic": ("subject",), "killing": ("victim",),
         "capture": ("victim",), "statement": ("speaker",)}


def matched(kind: str, doc: ev.Doc, gold: ev.Doc) -> set[str]:
    """Ids of the gold items of `kind` that drafted items match strictly (review items aside)."""
    pool = [f for f in gold.facts.values() if f.get("type") == kind]
    hits = set()
    for f in doc.facts.values():
        if f.get("type") != kind or f.get("review"):
            continue
        hit = next((x for x in pool if ev.strict(kind, doc, f, gold, x)), None)
        if hit:
            pool.remove(hit)
            hits.add(str(hit["id"]))
    return hits


def missing_entities(kind: str, item: dict, doc: ev.Doc, gold: ev.Doc) -> list[str]:
    out = []
    for field in NEEDS.get(kind, ()):
        ref = item.get(field)
        found = [e for e in doc.entities.values() if doc.keys(e["id"]) & gold.keys(ref)]
        if not found:
            out.append(f"{field} not an entity")
        elif not any(e.get("type") == gold.entities.get(str(ref), {}).get("type") for e in found):
            out.append(f"{field} drafted with another type")
    return out


def losses(kind: str) -> tuple[Counter, dict[str, list[str]]]:
    counts: Counter = Counter()
    examples: dict[str, list[str]] = {}
    for article, gold_path in ev.sets()["tuning"]:
        gold = ev.Doc.of(ev.read_yaml(gold_path.read_text(encoding="utf-8")))
        text = article.read_text(encoding="utf-8")
        checked = ev.Doc.of(ev.read_yaml(ev.draft_yaml(article.stem, text, check=True)))
        unchecked = ev.Doc.of(ev.read_yaml(ev.draft_yaml(article.stem, text, check=False)))
        right, right_unchecked = matched(kind, checked, gold), matched(kind, unchecked, gold)
        loose = {str(x["id"]) for f in unchecked.facts.values() if f.get("type") == kind
                 for x in gold.facts.values() if x.get("type") == kind and ev.loose(kind, unchecked, f, gold, x)}
        for item in (f for f in gold.facts.values() if f.get("type") == kind):
            gid = str(item["id"])
            why = ("right" if gid in right else "left out by the build's checks" if gid in right_unchecked
                   else "; ".join(missing_entities(kind, item, unchecked, gold))
                   or ("drafted with a detail wrong" if gid in loose else "no pattern drafted it"))
            counts[why] += 1
            examples.setdefault(why, []).append(f"{article.stem}:{gid}")
    return counts, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=sorted(NEEDS))
    parser.add_argument("--examples", type=int, default=0, help="gold ids to show per cause")
    args = parser.parse_args()
    counts, examples = losses(args.kind)
    for why, n in counts.most_common():
        print(f"{n:4d}  {why}")
        for example in examples[why][:args.examples]:
            print(f"        {example}")


if __name__ == "__main__":
    main()
