"""Benchmark kg at several corpus sizes and print one table, side by side with the naive way
(rdflib parse + pySHACL on the whole graph + rdflib SPARQL) and the limit (Oxigraph bulk load).

    python bench/run.py                       # 10k, 100k and 1M triples
    python bench/run.py --articles 20,180     # smaller, faster
    python bench/run.py --naive-timeout 600   # give pySHACL longer

Every figure is a whole cold process (imports, store opening) except the named-query
latency, which is measured in one process over the built store. Peak memory is the largest
resident set of the process tree.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.generate import article, generate  # noqa: E402

PROBE = ("import json, resource, subprocess, sys, time\n"
         "t = time.perf_counter()\n"
         "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
         "dt = time.perf_counter() - t\n"
         "print(json.dumps({'seconds': dt, 'rc': p.returncode, 'err': p.stderr.decode()[-300:],\n"
         "                  'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n")


# Processes run as a user's do: Python caches bytecode (some shells and tools set
# PYTHONDONTWRITEBYTECODE, which makes every start recompile kg but not click).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(cmd: list[str], timeout: float | None = None) -> dict:
    """Wall time and peak memory of one cold process tree."""
    try:
        out = subprocess.run([sys.executable, "-c", PROBE, *cmd], capture_output=True, text=True, timeout=timeout,
                             env=ENV)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "rc": None, "peak_mb": None, "err": "timeout"}
    return json.loads(out.stdout)


def median_of(cmd: list[str], runs: int = 9) -> float:
    measure(cmd)  # the first run writes the bytecode cache
    return statistics.median(measure(cmd)["seconds"] for _ in range(runs))


NAIVE = """
import sys, time, rdflib, pyshacl
t = time.perf_counter()
g = rdflib.Graph().parse(sys.argv[1], format="turtle")
parse = time.perf_counter() - t
shapes = rdflib.Graph().parse(sys.argv[2], format="turtle")
conforms, _, _ = pyshacl.validate(g, shacl_graph=shapes, advanced=True, inference="none")
shacl = time.perf_counter() - t - parse
q = "SELECT ?h WHERE { ?t <https://kg.example/ontology#organization> ?o ; <https://kg.example/ontology#holder> ?h }"
len(list(g.query(q)))
print(parse, shacl, time.perf_counter() - t - parse - shacl)
"""

LIMIT = """
import sys, time, tempfile, pyoxigraph
t = time.perf_counter()
s = pyoxigraph.Store(tempfile.mkdtemp())
s.bulk_load(path=sys.argv[1], format=pyoxigraph.RdfFormat.TURTLE)
print(time.perf_counter() - t)
"""


def query_latency(root: Path) -> float:
    """Median latency (ms) of every named query with parameters, in one warm process."""
    code = f"""
import statistics, time
from kg.project import Project
from kg.store import open_store
from kg import query as q
p = Project(__import__('pathlib').Path({str(root)!r}))
s = open_store(p)
params = {{"leaders": {{"org": "Brigade 3 of the Northern Front", "year": "1990"}}, "succession": {{"org": "<https://kg.example/id/organization/org3>"}},
          "terms-of-person": {{"person": "<https://kg.example/id/person/p3>"}}, "commanders": {{"org": "<https://kg.example/id/organization/force10>"}},
          "evidence": {{"node": "<https://kg.example/id/person/p3>"}}, "aliases": {{"node": "<https://kg.example/id/organization/org3>"}},
          "lookup": {{"key": "brigade 3 of northern front"}}, "mentions": {{"node": "<https://kg.example/id/person/p3>"}},
          "statements": {{"speaker": "<https://kg.example/id/person/p100003>"}},
          "descriptions": {{"person": "<https://kg.example/id/person/p200003>"}},
          "statistics": {{"measure": "missions", "period": "<https://kg.example/id/period/y2003>"}},
          "victims": {{"victim": "<https://kg.example/id/person/p200003>"}},
          "operations": {{"operation": "<https://kg.example/id/fact/a3.op>"}},
          "places-of": {{"node": "<https://kg.example/id/fact/a3.missions>"}}}}
times = []
for name in params:
    q.run_named(s, p, name, params[name])
    for _ in range(5):
        t = time.perf_counter(); q.run_named(s, p, name, params[name]); times.append((time.perf_counter() - t) * 1000)
print(statistics.median(times), max(times))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    med, worst = out.stdout.split()
    return float(med), float(worst)


def run_size(articles: int, naive_timeout: float, work: Path) -> dict:
    root = work / f"corpus-{articles}"
    shutil.rmtree(root, ignore_errors=True)
    generate(root, articles)
    kg = [sys.executable, "-m", "kg", "--root", str(root)]
    cold = measure([*kg, "build"])
    assert cold["rc"] == 0, cold
    manifest = json.loads((root / "build" / "manifest.json").read_text())
    ttl = root / "build" / "kg.ttl"
    import pyoxigraph

    triples = len(set(pyoxigraph.parse(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE)))
    facts = root / "data" / "facts" / "a3.yaml"
    facts.write_text(facts.read_text().replace("occupation: engineer", "occupation: an engineer"))
    changed = measure([*kg, "build"])
    import random

    text, facts_text = article(articles, random.Random(99), False, min(60, articles))
    (root / "data" / "articles" / f"a{articles}.txt").write_text(text)
    (root / "data" / "facts" / f"a{articles}.yaml").write_text(facts_text)
    added = measure([*kg, "build"])
    ask = median_of([*kg, "ask", "who led Brigade 3 of the Northern Front in 1990?"])
    click = median_of([sys.executable, "-c", "import click"])
    qmed, qmax = query_latency(root)
    limit = subprocess.run([sys.executable, "-c", LIMIT, str(ttl)], capture_output=True, text=True, check=True)
    try:
        naive = subprocess.run([sys.executable, "-c", NAIVE, str(ttl), str(HERE.parent / "ontology" / "shapes.ttl")],
                               capture_output=True, text=True, timeout=naive_timeout, check=True)
        naive_s = sum(float(x) for x in naive.stdout.split())
    except subprocess.TimeoutExpired:
        naive_s = None
    return {"articles": articles, "triples": triples, "facts": manifest["facts"],
            "build_s": cold["seconds"], "build_peak_mb": cold["peak_mb"], "changed_s": changed["seconds"],
            "added_s": added["seconds"], "ask_ms": ask * 1000, "click_ms": click * 1000,
            "query_median_ms": qmed, "query_max_ms": qmax, "limit_load_s": float(limit.stdout),
            "naive_s": naive_s, "naive_timeout_s": naive_timeout}


def table(rows: list[dict]) -> str:
    head = ("| triples | kg build + validate | peak | 1 fact changed | 1 article added | cold `kg ask` "
            "(× `import click`) | named query median (max) | naive: rdflib + pySHACL + SPARQL | "
            "limit: Oxigraph bulk load | build / limit |")
    lines = [head, "|" + " --- |" * 10]
    for r in rows:
        naive = f"{r['naive_s']:.1f} s" if r["naive_s"] is not None else f"> {r['naive_timeout_s']:.0f} s (did not finish)"
        ratio = r["build_s"] / r["limit_load_s"]
        vs_naive = f" ({r['naive_s'] / r['build_s']:.0f}× kg)" if r["naive_s"] else ""
        lines.append(
            f"| {r['triples']:,} | {r['build_s']:.1f} s | {r['build_peak_mb']:.0f} MB | {r['changed_s']:.2f} s | "
            f"{r['added_s']:.2f} s | {r['ask_ms']:.0f} ms ({r['ask_ms'] / r['click_ms']:.1f}×) | "
            f"{r['query_median_ms']:.1f} ms ({r['query_max_ms']:.0f}) | {naive}{vs_naive} | "
            f"{r['limit_load_s']:.1f} s | {ratio:.0f}× |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="20,180,1800", help="corpus sizes in articles (≈560 triples each)")
    parser.add_argument("--naive-timeout", type=float, default=300)
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpora (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    rows = []
    for n in (int(x) for x in args.articles.split(",")):
        rows.append(run_size(n, args.naive_timeout, work))
        print(f"  done: {n} articles", file=sys.stderr, flush=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
