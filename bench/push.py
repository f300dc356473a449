"""Benchmark kg push into a local Oxigraph server and print the figures.

    python bench/push.py                          # a generated corpus of 1,800 articles (≈1M triples)
    python bench/push.py --articles 180           # ≈100k triples
    python bench/push.py --project DIR            # a kg project already built
    python bench/push.py --replace-all            # also time kg push --all (every graph replaced)

Every figure is a whole cold `kg push` process against a fresh `oxigraph serve`: the first
push (every graph new: one N-Quads load), a re-push with nothing changed, and a re-push after
one article changed (rebuilt first, not timed). Beside them, the limit: the same N-Quads
(`kg export --format nquads`) POSTed straight to another fresh server by a bare client.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.generate import generate  # noqa: E402 (after the path is set)
from bench.run import kg_command  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def kg(project: Path, *args: str) -> tuple[float, str]:
    """Run kg in the project; its wall time and output."""
    start = time.perf_counter()
    done = subprocess.run(
        [*kg_command(), "--root", str(project), *args],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"kg {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return seconds, done.stdout + done.stderr


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time (user + system) of a running process, or of this one's finished children:
    on a shared machine it says how much work was done, whatever else ran."""
    if pid is None:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(project: Path, server: subprocess.Popen, *args: str) -> tuple[float, str, float, float]:
    """kg's wall time, output, and the CPU seconds kg and the server spent."""
    kg_before, server_before = cpu_seconds(), cpu_seconds(server.pid)
    seconds, out = kg(project, *args)
    return seconds, out, cpu_seconds() - kg_before, cpu_seconds(server.pid) - server_before


def oxigraph(folder: Path) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("oxigraph serve did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(30)


def raw_post(url: str, path: Path) -> float:
    """The limit: one bare HTTP POST of the N-Quads file to Oxigraph's bulk loader."""
    host, port = url.removeprefix("http://").split(":")
    start = time.perf_counter()
    conn = http.client.HTTPConnection(host, int(port), timeout=3600)
    with open(path, "rb") as body:
        conn.request(
            "POST",
            "/store?no_transaction",
            body=body,
            headers={"Content-Type": "application/n-quads", "Content-Length": str(path.stat().st_size)},
        )
        response = conn.getresponse()
        response.read()
    if response.status >= 300:
        sys.exit(f"raw POST failed: HTTP {response.status}")
    return time.perf_counter() - start


def _row(measured: tuple[float, str, float, float]) -> tuple[float, int, float, float]:
    seconds, out, kg_cpu, server_cpu = measured
    return seconds, sent(out), kg_cpu, server_cpu


def sent(output: str) -> int:
    found = re.search(r"([\d,]+) triples sent", output)
    return int(found.group(1).replace(",", "")) if found else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1800)
    parser.add_argument("--project", type=Path, help="a built kg project to push (default: generate one)")
    parser.add_argument("--work", type=Path, help="folder for the corpus and the servers (default: a temp dir)")
    parser.add_argument("--replace-all", action="store_true", help="also time kg push --all")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-push-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.project:
        project = work / "project"
        if not project.exists():
            shutil.copytree(args.project, project, symlinks=True)
    else:
        project = generate(work / "project", args.articles)
        print(f"generated {args.articles} articles; building ...", file=sys.stderr)
        seconds, _ = kg(project, "build")
        print(f"built in {seconds:.1f}s", file=sys.stderr)
    shutil.rmtree(project / "build" / "push", ignore_errors=True)

    rows = []
    proc, url = oxigraph(work / "oxigraph")
    try:
        seconds, out, kg_cpu, server_cpu = timed(project, proc, "push", "--endpoint", url)
        triples = sent(out)
        rows.append(("first push (all graphs new)", seconds, triples, kg_cpu, server_cpu))
        rows.append(("re-push, nothing changed", *_row(timed(project, proc, "push", "--endpoint", url))))
        article = min((project / "data" / "articles").glob("*.txt"))
        with open(article, "a", encoding="utf-8") as handle:
            handle.write("\nReporting continued.\n")
        kg(project, "build")
        rows.append(
            (f"re-push, one article changed ({article.stem})", *_row(timed(project, proc, "push", "--endpoint", url)))
        )
        if args.replace_all:
            rows.append(
                ("push --all (every graph replaced)", *_row(timed(project, proc, "push", "--endpoint", url, "--all")))
            )
    finally:
        stop(proc)

    dump = work / "export.nq"
    kg(project, "export", "--format", "nquads", "--out", str(dump))
    proc, url = oxigraph(work / "oxigraph-raw")
    try:
        server_before = cpu_seconds(proc.pid)
        limit = raw_post(url, dump)
        limit_cpu = cpu_seconds(proc.pid) - server_before
    finally:
        stop(proc)

    load = os.getloadavg()[0]
    print(
        f"kg push into a local Oxigraph server ({os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load average {load:.1f})"
    )
    print(f"{'':<44} {'seconds':>8} {'triples sent':>13} {'triples/s':>10} {'kg CPU s':>9} {'server CPU s':>12}")
    for name, seconds, count, kg_cpu, server_cpu in rows:
        rate = f"{count / seconds:,.0f}" if count else "-"
        print(f"{name:<44} {seconds:>8.2f} {count:>13,} {rate:>10} {kg_cpu:>9.2f} {server_cpu:>12.2f}")
    print(
        f"{'limit: bare POST of the N-Quads export':<44} {limit:>8.2f} {triples:>13,} {triples / limit:>10,.0f} "
        f"{'-':>9} {limit_cpu:>12.2f}"
    )
    print(f"first push / limit: {rows[0][1] / limit:.1f}x")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
