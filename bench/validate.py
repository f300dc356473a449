"""`kg validate FILE` with each SHACL engine, and where the fast one spends its time.

    python bench/validate.py FILE [--engines sparql,turbo] [--root PROJECT]

Each engine's figure is a whole cold process (`kg validate FILE --engine E`, exit 1 on
violations is fine); the machine may be shared, so the load average (1 min) is printed before
and after each. Then one in-process run of the default engine ("sparql") is broken down into
reading the file into a store, kg's ill-typed literal check, the core shapes (kg.shaclsparql's
queries, or pyshacl-turbo when it falls back) and the corpus-scope SPARQL constraints
(kg.checks); the rest is adding the ontology to the store and writing the report.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run import kg_command, measure  # noqa: E402 (after the path is set)


def breakdown(path: Path, root: Path) -> dict[str, float]:
    """Seconds of each step of one in-process `validate_file(path, engine="sparql")`."""
    import kg.rdfio
    import kg.validate as validate
    from kg.project import Project

    spent: dict[str, float] = {}

    def timed(module, name):
        inner = getattr(module, name)

        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

        setattr(module, name, wrapper)

    for name in ("_ill_typed_in", "_core_violations", "sparql_violations"):
        timed(validate, name)
    timed(kg.rdfio, "load_store")
    project = Project(root)
    validate.shapes_for(project).compiled_sparql()  # parsing the shapes is not the file's
    start = time.perf_counter()
    validate.validate_file(path, project, "sparql")
    spent["total"] = time.perf_counter() - start
    spent["the rest"] = spent["total"] - sum(v for k, v in spent.items() if k != "total")
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--engines", default="sparql,turbo")
    parser.add_argument("--root", type=Path, default=HERE.parent, help="the project whose shapes are used")
    args = parser.parse_args()
    for engine in args.engines.split(","):
        before = os.getloadavg()[0]
        run = measure([*kg_command(), "--root", str(args.root), "validate", str(args.file),
                       "--engine", engine])
        print(f"kg validate --engine {engine}: {run['seconds']:.1f} s (exit {run['rc']}, peak {run['peak_mb']} MB; "
              f"load {before:.1f}–{os.getloadavg()[0]:.1f})", flush=True)
    before = os.getloadavg()[0]
    spent = breakdown(args.file, args.root)
    print(f"in process, engine sparql (load {before:.1f}–{os.getloadavg()[0]:.1f}): "
          + ", ".join(f"{k} {v:.1f} s" for k, v in spent.items()))


if __name__ == "__main__":
    main()
