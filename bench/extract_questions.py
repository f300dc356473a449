"""After `kg add --accept` of drafted articles: are questions about them answered right,
"not stated", or wrongly? (Issue 13: never wrongly.)

    python bench/extract_questions.py                 # both sets: tuning and held-back
    python bench/extract_questions.py --set heldout
    python bench/extract_questions.py --show-wrong    # the wrong answers too (after measuring)

A copy of the bundled project takes every article of the set with `kg add --accept` (the
offline drafter), is built, and is asked questions made from the set's hand-made gold facts:
  leadership  "who led ORG in YEAR?" for each year a gold term names: right when every holder
              answered is one the gold gives ORG that year;
  killing     "when was PERSON killed?" for each named person the gold says was killed: right
              when the answer gives the gold date (at the gold's precision);
  capture     "when was PERSON captured?" likewise.
"not stated" is never wrong: the drafts may have left the fact out.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

LEADER_ROLES = ("leader", "ruler", "secretary_general")


def questions(gold: Path) -> list[tuple[str, str, Any]]:
    """(kind, question, what is right) made from one gold facts file."""
    from kg import names, yamlsafe

    data = yamlsafe.load(gold)
    ents = {str(e["id"]): e for e in data["entities"]}

    def keys(eid: Any) -> set[str]:
        e = ents[str(eid)]
        return {names.normalize(str(n)) for n in [e["name"], *e.get("aliases", [])]}

    out: list[tuple[str, str, Any]] = []
    terms = [f for f in data["facts"] if f["type"] == "leadership" and f["role"] in LEADER_ROLES]
    for f in terms:
        year = str(f.get("start") or f.get("end") or "")[:4]
        if not year:
            continue
        right: set[str] = set()
        for g in terms:
            if g["organization"] == f["organization"] and \
                    str(g.get("start", "0"))[:4] <= year <= str(g.get("end", "9999"))[:4]:
                right |= keys(g["person"])
        out.append(("leadership", f"who led {ents[str(f['organization'])]['name']} in {year}?", right))
    for kind, verb in (("killing", "killed"), ("capture", "captured")):
        for f in data["facts"]:
            victim = ents.get(str(f.get("victim")))
            if f["type"] == kind and f.get("date") and victim and victim["type"] == "Person":
                out.append((kind, f"when was {victim['name']} {verb}?", str(f["date"])))
    return out


def verdict(kind: str, answer: Any, right: Any) -> str:
    from kg import names

    if answer.status != "answered":
        return "not stated" if answer.status == "not_stated" else "not understood"
    if kind == "leadership":
        return "right" if {names.normalize(a.label) for a in answer.answers} <= right else "wrong"
    said = " ".join(f"{a.label} {a.detail}" for a in answer.answers)
    return "right" if right in said else "wrong"


def run(articles: list[Path], golds: list[Path], show_wrong: bool) -> Counter:
    from kg.ask import ask
    from kg.intake import add
    from kg.pipeline import build_project
    from kg.project import Project
    from kg.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        project = Project(Path(tmp))
        shutil.copytree(ROOT / "data", project.data)
        for article in articles:
            add(project, article, accept=True)
        outcome = build_project(project)
        if not outcome.written:
            sys.exit(f"the build failed after accepting the drafts:\n{outcome.text()}")
        store = open_store(project)
        counts: Counter = Counter()
        for gold in golds:
            for kind, question, right in questions(gold):
                answer = ask(question, store, project)
                v = verdict(kind, answer, right)
                counts[kind, v] += 1
                if v == "wrong" and show_wrong:
                    print(f"  wrong: {question} -> {answer.text().splitlines()[0]}")
        return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["tuning", "heldout", "all"], default="all")
    parser.add_argument("--show-wrong", action="store_true", help="print each wrong answer")
    args = parser.parse_args()
    for name in ("tuning", "heldout") if args.set == "all" else (args.set,):
        folder = HERE / "extract" / name
        articles = sorted((folder / "articles").glob("*.txt"))
        golds = [folder / "gold" / f"{a.stem}.yaml" for a in articles]
        counts = run(articles, golds, args.show_wrong)
        print(f"{name} set ({len(articles)} articles accepted as drafted)")
        print("| kind | asked | right | not stated | wrong |\n| --- | --- | --- | --- | --- |")
        for kind in ("leadership", "killing", "capture", "all"):
            row: Counter = Counter()
            for (k, v), n in counts.items():
                if kind in (k, "all"):
                    row[v] += n
            asked = sum(row.values())
            print(f"| {kind} | {asked} | {row['right']} | {row['not stated'] + row['not understood']} "
                  f"| {row['wrong']} |")


if __name__ == "__main__":
    main()
