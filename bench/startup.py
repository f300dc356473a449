"""Cold `kg ask` on a small project against `import click` (issue target: at most 2×).

    python bench/startup.py                      # the bundled project, 25 runs of each
    python bench/startup.py --root DIR --runs 51 --question "who led X in 2020?"

Runs the two in turns, as whole processes, and prints the medians of wall time and of CPU
time. On a shared machine both move with its load; where valgrind is installed it also
counts the instructions each executes (callgrind), which do not, so a change can be judged
while other jobs run. The project must be built first (kg build).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.run import ENV, kg_command  # noqa: E402


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one cold process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def instructions(cmd: list[str], cwd: Path) -> int | None:
    """Instructions one run executes, counted by callgrind (None without valgrind)."""
    if shutil.which("valgrind") is None:
        return None
    if cmd[0] != sys.executable:  # a console script: run its file with this interpreter
        cmd = [sys.executable, *cmd]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd], cwd=cwd, env=ENV,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        for line in out.read_text().splitlines():
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--question", default="who led ISIS in 2019?")
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    ask = [*kg_command(), "--root", str(args.root), "ask", args.question]
    click = [sys.executable, "-c", "import click"]
    here = Path.cwd()
    for cmd in (ask, click):
        timed(cmd, here)  # the first run writes the bytecode cache
    figures: dict[str, list[tuple[float, float]]] = {"ask": [], "click": []}
    load = os.getloadavg()[0]
    for _ in range(args.runs):
        figures["ask"].append(timed(ask, here))
        figures["click"].append(timed(click, here))
    load = max(load, os.getloadavg()[0])
    medians = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in figures.items()}
    (ask_wall, ask_cpu), (click_wall, click_cpu) = medians["ask"], medians["click"]
    print(f"cold kg ask {args.question!r} on {args.root}, {args.runs} runs each in turns, load {load:.1f}:")
    print(f"  wall {ask_wall * 1000:.0f} ms against {click_wall * 1000:.0f} ms for import click: "
          f"{ask_wall / click_wall:.2f}×")
    print(f"  CPU  {ask_cpu * 1000:.0f} ms against {click_cpu * 1000:.0f} ms: {ask_cpu / click_cpu:.2f}×")
    counted = instructions(ask, here), instructions(click, here)
    if counted[0] and counted[1]:
        print(f"  instructions {counted[0] / 1e6:.1f}M against {counted[1] / 1e6:.1f}M: "
              f"{counted[0] / counted[1]:.2f}× (callgrind; independent of the load)")
    ratio = ask_wall / click_wall
    print(f"{'met ' if ratio <= 2 else 'MISS'}  cold kg ask ≤ 2× import click on a small project: {ratio:.2f}×")


if __name__ == "__main__":
    main()
