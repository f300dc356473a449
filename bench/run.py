"""Benchmark kg at several corpus sizes and print one table, side by side with the naive way
(rdflib parse + pySHACL on the whole graph + rdflib SPARQL) and the limit (Oxigraph bulk load).

    python bench/run.py                       # 10k, 100k and 1M triples
    python bench/run.py --sizes 10m           # 10M triples (~19,000 articles), apart
    python bench/run.py --articles 20,180     # smaller, faster
    python bench/run.py --naive-timeout 600   # give pySHACL longer

It prints a table and every target of the scale plan with its measured figure and ratio.
The machine may be shared: the load average is printed with the figures, and the build is
compared with an Oxigraph bulk load of the same graph measured in the same run.

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

from bench.generate import article, generate, org_count  # noqa: E402 (after the path is set)

PROBE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "dt = time.perf_counter() - t\n"
    "print(json.dumps({'seconds': dt, 'rc': p.returncode, 'err': p.stderr.decode()[-300:],\n"
    "                  'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
)


# Processes run as a user's do: Python caches bytecode (some shells and tools set
# PYTHONDONTWRITEBYTECODE, which makes every start recompile kg but not click).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(cmd: list[str], timeout: float | None = None) -> dict:
    """Wall time and peak memory of one cold process tree."""
    try:
        out = subprocess.run(
            [sys.executable, "-c", PROBE, *cmd], capture_output=True, text=True, timeout=timeout, env=ENV
        )
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


def query_latency(root: Path) -> tuple[float, float]:
    """Median and maximum latency (ms) of the named queries `kg ask` runs, with parameters,
    in one warm process; the slowest query and its time go to stderr."""
    code = f"""
import statistics, time
from kg.project import Project
from kg.store import open_store
from kg import query as q
p = Project(__import__('pathlib').Path({str(root)!r}))
s = open_store(p)
org, person = "<https://kg.example/id/organization/org3>", "<https://kg.example/id/person/p3>"
params = [("leaders", {{"org": "Brigade 3 of the Northern Front", "year": "1990"}}),
          ("leaders", {{"org": org, "current": "1990"}}),
          ("successors", {{"person": person}}), ("evidence", {{"node": person}}), ("aliases", {{"node": org}}),
          ("lookup", {{"key": "brigade 3 of northern front"}}), ("mentions", {{"node": person}}),
          ("suggest", {{"start": "bri"}}),
          ("statements", {{"speaker": "<https://kg.example/id/person/p100003>"}}),
          ("attributed", {{"agent": "<https://kg.example/id/person/p100003>"}}),
          ("descriptions", {{"person": "<https://kg.example/id/person/p200003>"}}),
          ("statistics", {{"measure": "missions", "subject": org}}),
          ("statistics", {{"measure": "missions", "from": "2003", "to": "2003"}}),
          ("events", {{"victim": "<https://kg.example/id/person/p200003>"}}),
          ("events", {{"actor": org}}), ("events", {{"kind": "kgo:Killing", "year": "1991"}}),
          ("event-roles", {{"event": "<https://kg.example/id/fact/a3.op>"}}), ("newest", {{"org": org}})]
times = []
for name, given in params:
    q.run_named(s, p, name, given)
    for _ in range(5):
        t = time.perf_counter()
        q.run_named(s, p, name, given)
        times.append(((time.perf_counter() - t) * 1000, name, given))
worst = max(times, key=lambda x: x[0])
print(f"slowest named query: {{worst[1]}} {{worst[2]}} {{worst[0]:.0f}} ms", file=__import__("sys").stderr)
print(statistics.median(x[0] for x in times), worst[0])
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    print(out.stderr.strip(), file=sys.stderr)
    med, worst = out.stdout.split()
    return float(med), float(worst)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def push_figures(root: Path, kg: list[str], triples: int, work: Path) -> dict:
    """`kg push` into a local `oxigraph serve` (a black box): a full push, then a re-push
    after one changed article."""
    import urllib.request

    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(exe).exists():
        return {}
    port = free_port()
    location = work / f"oxi-{root.name}"
    shutil.rmtree(location, ignore_errors=True)
    server = subprocess.Popen(
        [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        full = measure([*kg, "push", "--endpoint", url, "--timeout", "600"])
        facts = root / "data" / "facts" / "a5.yaml"
        facts.write_text(facts.read_text().replace("occupation: engineer", "occupation: an engineer"))
        assert measure([*kg, "build"])["rc"] == 0
        again = measure([*kg, "push", "--endpoint", url, "--timeout", "600"])
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(location, ignore_errors=True)
    ok = full["rc"] == 0 and again["rc"] == 0
    return {
        "push_s": full["seconds"] if ok else None,
        "push_tps": triples / full["seconds"] if ok else None,
        "repush_s": again["seconds"] if ok else None,
        "push_err": "" if ok else (full["err"] or again["err"]),
    }


def kg_command() -> list[str]:
    """`kg` as users type it: the console script installed beside this interpreter, or
    `python -m kg` where there is none (which also pays for runpy, about 8 ms a start)."""
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "kg"]


def run_size(articles: int, naive_timeout: float | None, work: Path, extras: bool) -> dict:
    root = work / f"corpus-{articles}"
    shutil.rmtree(root, ignore_errors=True)
    generate(root, articles)
    kg = [*kg_command(), "--root", str(root)]
    load = os.getloadavg()[0]
    row: dict = {"articles": articles, "load_before": load}
    ten = articles >= 10_000
    if extras and not ten:  # one process, then the default (one per core): the speed-up from -j
        single = measure([*kg, "build", "-j", "1"])
        assert single["rc"] == 0, single
        row["build_j1_s"] = single["seconds"]
        shutil.rmtree(root / "build")
    cold = measure([*kg, "build"])
    assert cold["rc"] == 0, cold
    manifest = json.loads((root / "build" / "manifest.json").read_text())
    ttl = root / "build" / "kg.ttl"
    limit = subprocess.run([sys.executable, "-c", LIMIT, str(ttl)], capture_output=True, text=True, check=True)
    import pyoxigraph

    triples = len(set(pyoxigraph.parse(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE)))
    facts = root / "data" / "facts" / "a3.yaml"
    facts.write_text(facts.read_text().replace("occupation: engineer", "occupation: an engineer"))
    changed = measure([*kg, "build"])
    import random

    text, facts_text = article(articles, random.Random(99), False, min(org_count(articles), articles))
    (root / "data" / "articles" / f"a{articles}.txt").write_text(text)
    (root / "data" / "facts" / f"a{articles}.yaml").write_text(facts_text)
    added = measure([*kg, "build"])
    ask = median_of([*kg, "ask", "who led Brigade 3 of the Northern Front in 1990?"])
    click = median_of([sys.executable, "-c", "import click"])
    qmed, qmax = query_latency(root)
    row.update(
        {
            "triples": triples,
            "facts": manifest["facts"],
            "build_s": cold["seconds"],
            "build_peak_mb": cold["peak_mb"],
            "changed_s": changed["seconds"],
            "added_s": added["seconds"],
            "ask_ms": ask * 1000,
            "click_ms": click * 1000,
            "query_median_ms": qmed,
            "query_max_ms": qmax,
            "limit_load_s": float(limit.stdout),
            "naive_s": None,
            "naive_timeout_s": naive_timeout,
        }
    )
    if extras and not ten:
        # the first ranking of a generation computes it (kept beside the generation after):
        # what a user waits for once after each build
        first = measure([*kg, "graph", "central"])
        assert first["rc"] == 0, first
        row["central_first_ms"] = first["seconds"] * 1000
        graph = {
            name: median_of([*kg, "graph", *args], runs=3) * 1000
            for name, args in (
                ("neighbours", ["neighbours", "Brigade 3 of the Northern Front"]),
                ("path", ["path", "Brigade 3 of the Northern Front", "Brigade 4 of the Northern Front"]),
                ("central, its ranking kept", ["central"]),
            )
        }
        row["graph_ms"] = graph
        row["validate_file_s"] = measure([*kg, "validate", str(ttl)])["seconds"]
        row.update(push_figures(root, kg, triples, work))
    if naive_timeout:
        try:
            naive = subprocess.run(
                [sys.executable, "-c", NAIVE, str(ttl), str(HERE.parent / "ontology" / "shapes.ttl")],
                capture_output=True,
                text=True,
                timeout=naive_timeout,
                check=True,
            )
            row["naive_s"] = sum(float(x) for x in naive.stdout.split())
        except subprocess.TimeoutExpired:
            pass
    row["load_after"] = os.getloadavg()[0]
    return row


def table(rows: list[dict]) -> str:
    head = (
        "| triples | kg build + validate | peak | 1 fact changed | 1 article added | cold `kg ask` "
        "(× `import click`) | named query median (max) | naive: rdflib + pySHACL + SPARQL | "
        "limit: Oxigraph bulk load | build / limit | load (1 min) |"
    )
    lines = [head, "|" + " --- |" * 11]
    for r in rows:
        if r["naive_s"] is not None:
            naive = f"{r['naive_s']:.1f} s ({r['naive_s'] / r['build_s']:.0f}× kg)"
        elif r["naive_timeout_s"]:
            naive = f"> {r['naive_timeout_s']:.0f} s (did not finish)"
        else:
            naive = "not run"
        lines.append(
            f"| {r['triples']:,} | {_duration(r['build_s'])} | {r['build_peak_mb']:.0f} MB | {r['changed_s']:.2f} s | "
            f"{r['added_s']:.2f} s | {r['ask_ms']:.0f} ms ({r['ask_ms'] / r['click_ms']:.1f}×) | "
            f"{r['query_median_ms']:.1f} ms ({r['query_max_ms']:.0f}) | {naive} | "
            f"{r['limit_load_s']:.1f} s | {r['build_s'] / r['limit_load_s']:.1f}× | "
            f"{r['load_before']:.1f}–{r['load_after']:.1f} |"
        )
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def targets(rows: list[dict]) -> str:
    """Every target of the scale plan with its measured figure, ratio and verdict."""
    out = []

    def line(what: str, figure: str, ratio: float, limit: float) -> None:
        out.append(f"{'met ' if ratio <= limit else 'MISS'}  {what}: {figure} ({ratio:.2f} of the target)")

    for r in rows:
        n = f"{r['triples'] / 1e6:.1f}M" if r["triples"] >= 1e6 else f"{r['triples'] / 1e3:.0f}k"
        ten = r["triples"] >= 5e6
        ratio = r["build_s"] / r["limit_load_s"]
        if not ten:
            line(
                f"{n} build within 3× the bulk load",
                f"{r['build_s']:.1f} s = {ratio:.1f}× {r['limit_load_s']:.1f} s",
                ratio / 3,
                1,
            )
            line(f"{n} build peak ≤ 1 GiB", f"{r['build_peak_mb']:.0f} MB", r["build_peak_mb"] / 1024, 1)
        else:
            line(f"{n} build ≤ 10 min", _duration(r["build_s"]), r["build_s"] / 600, 1)
            line(f"{n} build peak ≤ 4 GiB", f"{r['build_peak_mb']:.0f} MB", r["build_peak_mb"] / 4096, 1)
        budget = 1.0 if ten else 0.5
        for key, what in (("added_s", "one article added"), ("changed_s", "one fact changed")):
            if r[key] != r[key]:  # not measured (NaN)
                continue
            line(f"{n} {what} ≤ {budget} s", f"{r[key]:.2f} s", r[key] / budget, 1)
        ask = r["ask_ms"] / r["click_ms"]
        line(
            f"{n} cold kg ask ≤ {3 if ten else 2}× import click",
            f"{r['ask_ms']:.0f} ms = {ask:.1f}× {r['click_ms']:.0f} ms",
            ask / (3 if ten else 2),
            1,
        )
        line(f"{n} named query median ≤ 50 ms", f"{r['query_median_ms']:.1f} ms", r["query_median_ms"] / 50, 1)
        if "build_j1_s" in r:
            out.append(
                f"      {n} kg build -j 1: {r['build_j1_s']:.1f} s, -j {os.cpu_count()}: {r['build_s']:.1f} s "
                f"(speed-up {r['build_j1_s'] / r['build_s']:.2f}×)"
            )
        if "validate_file_s" in r and not ten:
            line(f"{n} kg validate FILE ≤ 15 s", f"{r['validate_file_s']:.1f} s", r["validate_file_s"] / 15, 1)
        if "central_first_ms" in r:
            line(f"{n} kg graph central, first after a build, as fast as kg ask",
                 f"{r['central_first_ms']:.0f} ms vs {r['ask_ms']:.0f} ms", r["central_first_ms"] / r["ask_ms"], 1)
        for name, ms in r.get("graph_ms", {}).items():
            line(f"{n} kg graph {name} as fast as kg ask", f"{ms:.0f} ms vs {r['ask_ms']:.0f} ms", ms / r["ask_ms"], 1)
        if r.get("push_s"):
            line(
                f"{n} kg push ≥ 50k triples/s",
                f"{r['push_tps']:,.0f} triples/s ({r['push_s']:.1f} s)",
                50_000 / r["push_tps"],
                1,
            )
            line(f"{n} re-push after one changed article ≤ 2 s", f"{r['repush_s']:.2f} s", r["repush_s"] / 2, 1)
        elif "push_err" in r:
            out.append(f"      {n} kg push failed: {r['push_err'].strip()[:200]}")
    return "\n".join(out)


SIZES = {"10k": 20, "100k": 180, "1m": 1800, "10m": 19000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help=f"corpus sizes, of {', '.join(SIZES)}")
    parser.add_argument("--articles", default=None, help="corpus sizes in articles instead (≈560 triples each)")
    parser.add_argument(
        "--naive-timeout", type=float, default=120, help="seconds for the naive way (run on the smallest size only)"
    )
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpora (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    sizes = (
        [int(x) for x in args.articles.split(",")]
        if args.articles
        else [SIZES[x.strip().lower()] for x in args.sizes.split(",")]
    )
    rows = []
    for i, n in enumerate(sizes):
        extras = n == max(sizes)  # -j, graph commands, validate FILE, push: at the largest size
        rows.append(run_size(n, args.naive_timeout if i == 0 else None, work, extras))
        print(f"  done: {n} articles", file=sys.stderr, flush=True)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}; load average (1 min) before and after each size in the last column"
    )
    print(table(rows))
    print()
    print(targets(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
