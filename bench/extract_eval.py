"""Precision and recall of `kg extract` against hand-made gold facts.

    python bench/extract_eval.py

Gold: bench/extract/gold/*.yaml for the articles in bench/extract/articles/ (written for this
purpose: real, publicly known events told in our own words), and the curated facts of the
first article (data/facts/centcom-isis-2024.yaml). Drafting runs with no project to link to,
so it is measured on the text alone.

An item matches when its kind and key agree, names compared after kg's normalisation (case,
accents, punctuation, "al-" ignored; a surname matches a full name):
  entity      kind (person / organisation / place) + name or alias
  leadership  holder + organisation + role + ordinal
  killing, capture   victim + year;  captivity  victim + duration
  operation   name;   statistic  measure + value;   statement  speaker
Every other drafted fact counts against precision; every other gold fact against recall.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from kg import names  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.facts import load_facts_file  # noqa: E402

PEOPLE, PLACES = {"Person"}, {"Country", "Region", "Place"}


def kind_of(etype: str) -> str:
    return "person" if etype in PEOPLE else "place" if etype in PLACES else "organisation"


def name_keys(name: str) -> set[str]:
    return names.keys(name) | names.surname_keys(name)


def gold_items(path: Path) -> tuple[list[tuple], dict[str, set[str]]]:
    ff = load_facts_file(path)
    entity_names = {e.id: name_keys(str(e.get("name"))).union(*[name_keys(str(a)) for a in e.get("aliases", [])])
                    for e in ff.entities}
    items = [("entity", kind_of(e.type), entity_names[e.id]) for e in ff.entities]
    for f in ff.facts:
        items.append(signature(f.type, f.fields, entity_names, {x.id: x for x in ff.facts}))
    return [i for i in items if i], entity_names


def signature(ftype: str, fields: dict, ents: dict[str, set[str]], facts: dict) -> tuple | None:
    g = fields.get
    n = lambda ref: frozenset(ents.get(str(ref), {names.normalize(str(ref))}))  # noqa: E731
    year = lambda d: (d.year if hasattr(d, "year") else int(str(d)[:4])) if d else None  # noqa: E731
    if ftype == "leadership":
        return ("leadership", n(g("person")), n(g("organization")), str(g("role")), g("ordinal") and int(g("ordinal")))
    if ftype in ("killing", "capture"):
        return (ftype, n(g("victim")), year(g("date")))
    if ftype == "captivity":
        return ("captivity", n(g("victim")), str(g("duration")))
    if ftype == "operation":
        return ("operation", names.normalize(str(g("name"))))
    if ftype == "statistic":
        return ("statistic", str(g("measure")), g("value") and int(g("value")))
    if ftype == "statement":
        return ("statement", n(g("speaker")))
    return (ftype,)


def same(a: tuple, b: tuple) -> bool:
    if a[0] != b[0] or len(a) != len(b):
        return False
    for x, y in zip(a[1:], b[1:]):
        if isinstance(x, (set, frozenset)) and isinstance(y, (set, frozenset)):
            if not x & y:
                return False
        elif x != y:
            return False
    return True


def drafted_items(article: Path, article_id: str) -> list[tuple]:
    draft = Extractor(article_id, article.read_text(encoding="utf-8")).extract()
    ents = {eid: name_keys(e["name"]).union(*[name_keys(a) for a in e.get("aliases", [])])
            for eid, e in draft.entities.items()}
    items = [("entity", kind_of(e["type"]), ents[eid]) for eid, e in draft.entities.items()]
    for f in draft.facts:
        fields = dict(f)
        items.append(signature(f["type"], fields, ents, {}))
    return [i for i in items if i]


def score(gold: list[tuple], drafted: list[tuple]) -> tuple[int, int, int]:
    unmatched = list(gold)
    true_pos = 0
    for d in drafted:
        hit = next((g for g in unmatched if same(d, g)), None)
        if hit is not None:
            unmatched.remove(hit)
            true_pos += 1
    return true_pos, len(drafted), len(gold)


def main() -> None:
    cases = [(HERE.parent / "data" / "articles" / "centcom-isis-2024.txt", HERE.parent / "data" / "facts" / "centcom-isis-2024.yaml")]
    cases += [(p, HERE / "extract" / "gold" / f"{p.stem}.yaml") for p in sorted((HERE / "extract" / "articles").glob("*.txt"))]
    totals, by_kind = Counter(), Counter()
    print(f"{'article':<24} {'precision':>9} {'recall':>7}  (matched / drafted / gold)")
    for article, gold_path in cases:
        gold, _ = gold_items(gold_path)
        drafted = drafted_items(article, article.stem)
        tp, nd, ng = score(gold, drafted)
        totals.update(tp=tp, drafted=nd, gold=ng)
        for kind in {g[0] for g in gold} | {d[0] for d in drafted}:
            ktp, knd, kng = score([g for g in gold if g[0] == kind], [d for d in drafted if d[0] == kind])
            by_kind.update({f"{kind}:tp": ktp, f"{kind}:d": knd, f"{kind}:g": kng})
        print(f"{article.stem:<24} {tp / max(nd, 1):>9.2f} {tp / max(ng, 1):>7.2f}  ({tp} / {nd} / {ng})")
    p, r = totals["tp"] / max(totals["drafted"], 1), totals["tp"] / max(totals["gold"], 1)
    print(f"{'all':<24} {p:>9.2f} {r:>7.2f}  ({totals['tp']} / {totals['drafted']} / {totals['gold']})")
    print("\nby kind:")
    for kind in sorted({k.split(':')[0] for k in by_kind}):
        tp, nd, ng = by_kind[f"{kind}:tp"], by_kind[f"{kind}:d"], by_kind[f"{kind}:g"]
        print(f"  {kind:<12} precision {tp / max(nd, 1):.2f}  recall {tp / max(ng, 1):.2f}  ({tp} / {nd} / {ng})")


if __name__ == "__main__":
    main()
