"""Strict precision and recall of `kg extract` against hand-made gold facts, per kind.

    python bench/extract_eval.py                 # both sets: tuning and held-back
    python bench/extract_eval.py --markdown      # the tables for the README
    python bench/extract_eval.py --code DIR      # measure the drafter of another checkout (before/after)
    python bench/extract_eval.py --set tuning --article ID --list   # one article, its wrong and missed items

Sets (bench/extract/README.md): `tuning` (bench/extract/tuning/ and the bundled article's
curated facts) and `heldout` (bench/extract/heldout/, never used for tuning). Drafting runs
with no project to link to, so it is measured on the text alone. Items a draft marks with
`review:` are left out of precision and recall (`kg add --accept` does not take them) and
counted apart.

A drafted item is right (strict) when it matches a gold item of its kind on every field it
states; each gold item is matched at most once. Names are compared after kg's normalisation
(case, accents, punctuation, "al-" ignored), by name or alias:
  entity      type and name
  leadership  person, organisation, role, ordinal; start, end, replaces, replaced_by if drafted
              (a date may be less precise than the gold date, not different)
  killing, capture   victim and date at the gold's precision; perpetrator, place if drafted
  statistic   measure, subject, value (or min/max, quantity, status), bound, certainty, the
              period's years and the source (reported_by, or said_by when not the article's
              voice); place, context and part_of if drafted
  statement   speaker and text;   operation   name (or actor and date); details if drafted
  description subject and each drafted field;   others   their main references
"Key" figures use the older, looser criteria (entity: kind and name or surname; leadership:
holder, organisation, role, ordinal; killing/capture: victim and year; statistic: measure and
value; statement: speaker; operation: name).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_KINDS = ("entity", "leadership", "killing", "capture", "statistic", "statement")
PEOPLE, PLACES = {"Person"}, {"Country", "Region", "City", "Place"}
KINDS_ALL = (*TARGET_KINDS, "operation", "description", "captivity", "campaign", "declaration", "kinship",
             "partnership", "sentencing", "causation", "projection", "headline_claim")


def sets() -> dict[str, list[tuple[Path, Path]]]:
    def pairs(folder: Path) -> list[tuple[Path, Path]]:
        return [(a, folder / "gold" / f"{a.stem}.yaml") for a in sorted((folder / "articles").glob("*.txt"))]

    bundled = [(ROOT / "data" / "articles" / "centcom-isis-2024.txt",
                ROOT / "data" / "facts" / "centcom-isis-2024.yaml")]
    return {"tuning": bundled + pairs(HERE / "extract" / "tuning"), "heldout": pairs(HERE / "extract" / "heldout")}


def read_yaml(text: str) -> dict[str, Any]:
    import yaml

    return yaml.load(text, Loader=yaml.BaseLoader) or {}  # every scalar stays the string written


def draft_yaml(article_id: str, text: str, check: bool = True) -> str:
    import kg.extract as ex

    if hasattr(ex, "draft"):
        return ex.to_yaml(ex.draft(article_id, text, check=check))
    return ex.to_yaml(ex.Extractor(article_id, text).extract())  # the drafter before issue 13


@dataclass
class Doc:
    """One facts file (gold or draft) as plain data, with name keys for its references."""

    entities: dict[str, dict]
    periods: dict[str, dict]
    facts: dict[str, dict]

    @classmethod
    def of(cls, data: dict[str, Any]) -> Doc:
        def by_id(items: Any) -> dict[str, dict]:
            return {str(x["id"]): x for x in items or [] if isinstance(x, dict) and "id" in x}

        return cls(by_id(data.get("entities")), by_id(data.get("periods")), by_id(data.get("facts")))

    def keys(self, ref: Any, surname: bool = False) -> frozenset[str]:
        from kg import names

        e = self.entities.get(str(ref))
        if e is None:
            f = self.facts.get(str(ref))
            label = (f or {}).get("name") or (f or {}).get("victim") or ref
            return frozenset(names.keys(str(label)) or {str(label)})
        found: set[str] = set()
        for n in [e.get("name", ""), *(e.get("aliases") or [])]:
            found |= names.keys(str(n))
            if surname and e.get("type") in PEOPLE:
                found |= names.surname_keys(str(n))
        return frozenset(found)

    def period_years(self, ref: Any) -> tuple[str, str] | None:
        p = self.periods.get(str(ref))
        if p is None:
            return (str(ref)[:4], str(ref)[:4]) if ref else None
        return str(p.get("start", ""))[:4], str(p.get("end", p.get("start", "")))[:4]


def as_list(v: Any) -> list:
    return [] if v in (None, "") else v if isinstance(v, list) else [v]


def ref_eq(d: Doc, a: Any, g: Doc, b: Any) -> bool:
    return a not in (None, "") and b not in (None, "") and bool(d.keys(a) & g.keys(b))


def refs_within(d: Doc, a: Any, g: Doc, b: Any) -> bool:
    """Every drafted reference is one of the gold's (nothing drafted: fine)."""
    return all(any(ref_eq(d, x, g, y) for y in as_list(b)) for x in as_list(a))


def refs_same(d: Doc, a: Any, g: Doc, b: Any) -> bool:
    return len(as_list(a)) == len(as_list(b)) and refs_within(d, a, g, b)


def number(v: Any) -> str | None:
    return None if v in (None, "") else str(v).replace(",", "").removesuffix(".0")


def date_within(a: Any, b: Any) -> bool:
    """A drafted date is the gold date or a less precise form of it (2014 for 2014-09-01)."""
    return a in (None, "") or (b not in (None, "") and str(b).startswith(str(a)))


def text_key(t: Any) -> str:
    return re.sub(r"\W+", " ", str(t or "")).strip().casefold()


def sources(doc: Doc, f: dict) -> list[Any]:
    found = as_list(f.get("reported_by"))
    said = f.get("said_by")
    if said not in (None, "article", "headline") and not any(doc.keys(said) == doc.keys(x) for x in found):
        found.append(said)
    return found


def optional_same(d: Doc, df: dict, g: Doc, gf: dict, field: str) -> bool:
    """A drafted reference field must be the gold's; one not drafted is fine."""
    if df.get(field) in (None, "", []):
        return True
    if field in ("part_of", "context", "ended_by"):
        return ref_eq(d, df[field], g, gf.get(field))
    return refs_same(d, df[field], g, gf.get(field))


def strict(kind: str, d: Doc, df: dict, g: Doc, gf: dict) -> bool:
    if kind == "leadership":
        return (ref_eq(d, df.get("person"), g, gf.get("person"))
                and ref_eq(d, df.get("organization"), g, gf.get("organization"))
                and df.get("role") == gf.get("role") and number(df.get("ordinal")) == number(gf.get("ordinal"))
                and date_within(df.get("start"), gf.get("start")) and date_within(df.get("end"), gf.get("end"))
                and all(optional_same(d, df, g, gf, x) for x in ("replaces", "replaced_by")))
    if kind in ("killing", "capture"):
        return (ref_eq(d, df.get("victim"), g, gf.get("victim")) and str(df.get("date", "")) == str(gf.get("date", ""))
                and refs_within(d, df.get("perpetrator"), g, gf.get("perpetrator"))
                and refs_within(d, df.get("place"), g, gf.get("place")) and optional_same(d, df, g, gf, "part_of"))
    if kind == "statistic":
        return (df.get("measure") == gf.get("measure") and ref_eq(d, df.get("subject"), g, gf.get("subject"))
                and all(number(df.get(x)) == number(gf.get(x)) for x in ("value", "min", "max"))
                and df.get("quantity") == gf.get("quantity") and df.get("status") == gf.get("status")
                and (df.get("bound") or "exact") == (gf.get("bound") or "exact")
                and (df.get("certainty") or "stated") == (gf.get("certainty") or "stated")
                and refs_same(d, sources(d, df), g, sources(g, gf))
                and d.period_years(df.get("period")) == g.period_years(gf.get("period"))
                and refs_within(d, df.get("place"), g, gf.get("place"))
                and optional_same(d, df, g, gf, "context") and optional_same(d, df, g, gf, "part_of"))
    if kind == "statement":
        return (ref_eq(d, df.get("speaker"), g, gf.get("speaker"))
                and text_key(df.get("text")) == text_key(gf.get("text")))
    if kind == "operation":
        named = text_key(df.get("name")) == text_key(gf.get("name")) if gf.get("name") else (
            not df.get("name") and str(df.get("date", "")) == str(gf.get("date", ""))
            and any(ref_eq(d, x, g, y)
                    for x in as_list(df.get("conducted_by")) for y in as_list(gf.get("conducted_by"))))
        return (named and date_within(df.get("date"), gf.get("date"))
                and all(refs_within(d, df.get(x), g, gf.get(x))
                        for x in ("conducted_by", "participants", "target", "place")))
    if kind == "description":
        fields = [x for x in ("age", "nationality", "occupation", "title") if df.get(x) not in (None, "")]
        return (ref_eq(d, df.get("subject"), g, gf.get("subject")) and bool(fields)
                and all(text_key(df[x]) == text_key(gf.get(x)) for x in fields))
    if kind == "captivity":
        return (ref_eq(d, df.get("victim"), g, gf.get("victim"))
                and all(df.get(x) in (None, "") or str(df[x]) == str(gf.get(x)) for x in ("start", "end", "duration")))
    return loose(kind, d, df, g, gf)


def loose(kind: str, d: Doc, df: dict, g: Doc, gf: dict) -> bool:
    refs = {"leadership": ("person", "organization"), "killing": ("victim",), "capture": ("victim",),
            "captivity": ("victim",), "statement": ("speaker",), "description": ("subject",),
            "kinship": ("person", "relative"), "declaration": ("by",), "sentencing": ("defendant",),
            "campaign": ("conducted_by",), "partnership": ("partners",), "statistic": ()}.get(kind, ())
    if not all(any(ref_eq(d, x, g, y) for x in as_list(df.get(r)) for y in as_list(gf.get(r))) for r in refs):
        return False
    if kind == "leadership":
        return df.get("role") == gf.get("role") and number(df.get("ordinal")) == number(gf.get("ordinal"))
    if kind in ("killing", "capture"):
        return str(df.get("date", ""))[:4] == str(gf.get("date", ""))[:4]
    if kind == "statistic":
        return df.get("measure") == gf.get("measure") and number(df.get("value") or df.get("min")) == number(
            gf.get("value") or gf.get("min"))
    if kind == "operation":
        return text_key(df.get("name")) == text_key(gf.get("name"))
    if kind == "kinship":
        return df.get("relation") == gf.get("relation")
    return True


def entity_match(d: Doc, de: dict, g: Doc, ge: dict, strict_mode: bool) -> bool:
    if strict_mode:
        return de.get("type") == ge.get("type") and bool(d.keys(de["id"]) & g.keys(ge["id"]))
    def kind(t: Any) -> str:
        return "person" if t in PEOPLE else "place" if t in PLACES else "organisation"

    return kind(de.get("type")) == kind(ge.get("type")) and bool(d.keys(de["id"], True) & g.keys(ge["id"], True))


def score(d: Doc, g: Doc, strict_mode: bool, wrong: list | None = None, missed: list | None = None) -> Counter:
    """Counts per kind: tp (right drafted items), drafted, gold, review (drafted for review only).
    Drafted items that match no gold item are appended to `wrong`, gold items left to `missed`."""
    counts: Counter = Counter()
    pools: dict[str, list[dict]] = {}
    for ge in g.entities.values():
        pools.setdefault("entity", []).append(ge)
    for gf in g.facts.values():
        pools.setdefault(str(gf.get("type")), []).append(gf)
    for kind, pool in pools.items():
        counts[f"{kind}:gold"] += len(pool)
    drafted = [("entity", x) for x in d.entities.values()] + [(str(x.get("type")), x) for x in d.facts.values()]
    for kind, item in drafted:
        if item.get("review"):
            counts[f"{kind}:review"] += 1
            continue
        counts[f"{kind}:drafted"] += 1
        pool = pools.get(kind, [])
        for gold in pool:
            hit = (entity_match(d, item, g, gold, strict_mode) if kind == "entity"
                   else strict(kind, d, item, g, gold) if strict_mode else loose(kind, d, item, g, gold))
            if hit:
                pool.remove(gold)
                counts[f"{kind}:tp"] += 1
                break
        else:
            if wrong is not None:
                wrong.append((kind, item))
    if missed is not None:
        missed.extend((kind, x) for kind, pool in pools.items() for x in pool)
    return counts


def listing(article: str, d: Doc, wrong: list, missed: list, kinds: tuple[str, ...]) -> None:
    """The wrong drafted items (with the gold item they match loosely, if any) and the missed gold items."""
    def brief(item: dict) -> str:
        return ", ".join(f"{k}={v}" for k, v in item.items() if k not in ("draft", "quote", "inferred"))

    for kind, item in wrong:
        if kind in kinds:
            print(f"  WRONG  {article} {kind}: {brief(item)}\n           quote: {item.get('quote')}")
    for kind, item in missed:
        if kind in kinds:
            print(f"  MISSED {article} {kind}: {brief(item)}")


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "–"


def evaluate(name: str, cases: list[tuple[Path, Path]], markdown: bool, check: bool = True,
             show_items: tuple[str, ...] = ()) -> None:
    strict_total: Counter = Counter()
    loose_total: Counter = Counter()
    rows = []
    for article, gold_path in cases:
        g = Doc.of(read_yaml(gold_path.read_text(encoding="utf-8")))
        d = Doc.of(read_yaml(draft_yaml(article.stem, article.read_text(encoding="utf-8"), check)))
        wrong: list = []
        missed: list = []
        s, lo = score(d, g, True, wrong, missed), score(d, g, False)
        listing(article.stem, d, wrong, missed if "missed" in show_items else [], show_items)
        strict_total.update(s)
        loose_total.update(lo)
        tp, nd, ng = (sum(v for k, v in s.items() if k.endswith(x)) for x in (":tp", ":drafted", ":gold"))
        ltp = sum(v for k, v in lo.items() if k.endswith(":tp"))
        rows.append([article.stem, ratio(tp, nd), ratio(tp, ng), ratio(ltp, nd), ratio(ltp, ng), f"{tp} / {nd} / {ng}"])
    kinds = sorted({k.split(":")[0] for k in strict_total}, key=lambda k: (k not in TARGET_KINDS, TARGET_KINDS.index(k)
                                                                             if k in TARGET_KINDS else 0, k))
    kind_rows = []
    for kind in kinds:
        c = {x: strict_total[f"{kind}:{x}"] for x in ("tp", "drafted", "gold", "review")}
        kind_rows.append([kind + ("" if kind in TARGET_KINDS else " (other)"), ratio(c["tp"], c["drafted"]),
                          ratio(c["tp"], c["gold"]), f"{c['tp']} / {c['drafted']} / {c['gold']}", str(c["review"])])
    target = {x: sum(strict_total[f"{k}:{x}"] for k in TARGET_KINDS) for x in ("tp", "drafted", "gold", "review")}
    allk = {x: sum(v for k, v in strict_total.items() if k.endswith(":" + x))
            for x in ("tp", "drafted", "gold", "review")}
    kind_rows.append(["issue kinds", ratio(target["tp"], target["drafted"]), ratio(target["tp"], target["gold"]),
                      f"{target['tp']} / {target['drafted']} / {target['gold']}", str(target["review"])])
    kind_rows.append(["all kinds", ratio(allk["tp"], allk["drafted"]), ratio(allk["tp"], allk["gold"]),
                      f"{allk['tp']} / {allk['drafted']} / {allk['gold']}", str(allk["review"])])
    print(f"\n{name} set ({len(cases)} articles)")
    show(["article", "strict precision", "strict recall", "key precision", "key recall", "right / drafted / gold"],
         rows, markdown)
    print()
    show(["kind", "strict precision", "strict recall", "right / drafted / gold", "review only"], kind_rows, markdown)


def show(header: list[str], rows: list[list[str]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("| " + " | ".join("---" for _ in header) + " |")
        for r in rows:
            print("| " + " | ".join(r) + " |")
        return
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    for r in [header, *rows]:
        print("  ".join(str(x).ljust(w) for x, w in zip(r, widths, strict=True)).rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["tuning", "heldout", "all"], default="all")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--code", help="a kg checkout whose drafter to measure (default: this one)")
    parser.add_argument("--unchecked", action="store_true",
                        help="measure the patterns alone, without the build's checks that leave items out")
    parser.add_argument("--article", action="append", default=[],
                        help="measure only this article (its file name without .txt); repeatable")
    parser.add_argument("--list", nargs="?", const="issue", choices=["issue", "all", "missed"],
                        help="list the wrong drafted items of the issue kinds (all: every kind; missed: "
                             "the missed gold items too)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.code).resolve() if args.code else ROOT))
    kinds = () if not args.list else TARGET_KINDS if args.list == "issue" else (
        *TARGET_KINDS, "missed") if args.list == "missed" else tuple(KINDS_ALL)
    for name, cases in sets().items():
        chosen = [c for c in cases if not args.article or c[0].stem in args.article]
        if args.set in (name, "all") and chosen:
            evaluate(name, chosen, args.markdown, not args.unchecked, kinds)


if __name__ == "__main__":
    main()
