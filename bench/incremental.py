"""Incremental builds at scale: one fact changed, one article added or removed, as whole cold
`kg build` processes on a generated corpus built once (kept in --work for the next run).

    python bench/incremental.py                    # 1,800 articles, about 1.2M triples
    python bench/incremental.py --articles 180 --runs 5
    python bench/incremental.py --orgs 36          # more facts point to each organisation (at least articles/50)

Each step prints its wall time, kg's own phases (load, chunks, store, validate, write) and how
many focus nodes the corpus-wide shapes checked again. "org fact" changes a figure whose
subject is an organisation that every article of its group points to (the most connected
kind of node in the corpus): its cost must not grow with that organisation's degree.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.generate import article, generate, org_count  # noqa: E402 (after the path is set)
from bench.run import kg_command  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def build(root: Path) -> dict:
    """One cold `kg build`: wall time and kg's summary."""
    t = time.perf_counter()
    out = subprocess.run([*kg_command(), "--root", str(root), "build", "--format", "json"],
                         capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - t
    if out.returncode:
        raise SystemExit(f"kg build failed: {out.stderr[-2000:]}{out.stdout[-2000:]}")
    return {"wall": seconds, **json.loads(out.stdout)}


def toggle_occupation(root: Path) -> None:
    path = root / "data" / "facts" / "a3.yaml"
    text = path.read_text()
    old, new = ("occupation: engineer,", "occupation: an engineer,")
    path.write_text(text.replace(old, new) if old in text else text.replace(new, old))


def toggle_fighters(root: Path) -> None:
    """The organisation's figure of fighters in a5: its number goes up by one (text and facts)."""
    facts, text = root / "data" / "facts" / "a5.yaml", root / "data" / "articles" / "a5.txt"
    number = int(re.search(r"a reported ([\d,]+) fighters", text.read_text()).group(1).replace(",", ""))
    new = number + 1 if number % 2 == 0 else number - 1
    for path in (facts, text):
        content = path.read_text().replace(f"a reported {number:,}", f"a reported {new:,}")
        path.write_text(content.replace(f"value: {number},", f"value: {new},"))


def add_article(root: Path, n: int) -> None:
    text, facts = article(n, random.Random(99), False, min(org_count(n), n))
    (root / "data" / "articles" / f"a{n}.txt").write_text(text)
    (root / "data" / "facts" / f"a{n}.yaml").write_text(facts)


def remove_article(root: Path, n: int) -> None:
    (root / "data" / "facts" / f"a{n}.yaml").unlink()
    (root / "data" / "articles" / f"a{n}.txt").unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1800)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-incremental"))
    parser.add_argument("--runs", type=int, default=3, help="times each step is measured (median printed)")
    parser.add_argument("--orgs", type=int, default=None,
                        help="organisations (default: 60 at 1,800 articles; at least articles/50)")
    args = parser.parse_args()
    root = args.work / (f"corpus-{args.articles}" + (f"-{args.orgs}" if args.orgs else ""))
    if not (root / "build" / "manifest.json").exists():
        shutil.rmtree(root, ignore_errors=True)
        generate(root, args.articles, orgs=args.orgs)
        first = build(root)
        print(f"whole build: {first['wall']:.1f} s, {first['triples']:,} triples", flush=True)
    n = args.articles
    if (root / "data" / "facts" / f"a{n}.yaml").exists():
        remove_article(root, n)
    build(root)  # the corpus as generated, with the last build's checks recorded
    steps = [
        ("nothing changed", lambda: None),
        ("one fact changed", lambda: toggle_occupation(root)),
        ("org fact changed", lambda: toggle_fighters(root)),
        ("one article added", lambda: add_article(root, n)),
        ("one article removed", lambda: remove_article(root, n)),
    ]
    results: dict[str, list[dict]] = {name: [] for name, _ in steps}
    for _ in range(args.runs):
        for name, change in steps:
            change()
            results[name].append(build(root))
    orgs = args.orgs or org_count(n)
    print(f"{n} articles, {orgs} organisations ({n // orgs} articles each); median of {args.runs} cold processes; "
          f"load average {os.getloadavg()[0]:.1f}")
    for name, runs in results.items():
        wall = statistics.median(r["wall"] for r in runs)
        phases = {k: statistics.median(r["timings"].get(k, 0) for r in runs) for k in runs[0]["timings"]}
        inside = statistics.median(r["seconds"] for r in runs)
        shown = ", ".join(f"{k} {v:.2f}" for k, v in phases.items())
        print(f"{name:>20}: {wall:.2f} s (kg {inside:.2f} s: {shown}; start-up {wall - inside:.2f}); "
              f"rechecked {runs[-1].get('rechecked')}")


if __name__ == "__main__":
    main()
