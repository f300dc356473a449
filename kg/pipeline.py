"""The whole job: facts -> graph -> validation -> build/ output, as one library call."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.build import build_graph
from kg.project import Project
from kg.validate import Report


@dataclass
class BuildOutcome:
    articles: int
    facts: int
    triples: int
    seconds: float
    output: Path
    report: Report | None = None
    written: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> dict:
        return {
            "articles": self.articles, "facts": self.facts, "triples": self.triples,
            "seconds": round(self.seconds, 3), "output": str(self.output), "written": self.written,
            "conforms": None if self.report is None else self.report.conforms,
            "violations": [] if self.report is None else [v.line() for v in self.report.violations],
        }

    def text(self) -> str:
        lines = []
        if self.report is not None:
            lines += [v.line() for v in self.report.violations]
        state = ("validation failed: build/ left as it was" if not self.written
                 else f"wrote {self.output}/kg.ttl, kg.trig and store")
        checked = "" if self.report is None else (", conforms to the shapes" if self.report.conforms
                                                  else f", {len(self.report.violations)} violation(s)")
        lines.append(f"{self.articles} article(s), {self.facts} facts, {self.triples} triples"
                     f"{checked}; {state} ({self.seconds:.1f}s)")
        return "\n".join(lines)


def build_project(project: Project, validate: bool = True, engine: str = "turbo") -> BuildOutcome:
    """Build and validate; write build/ only when the graph conforms (or validate=False)."""
    from kg import store

    start = time.perf_counter()
    graph = build_graph(project)
    triples = len({q.triple for q in graph.quads})
    outcome = BuildOutcome(graph.articles, graph.facts, triples, 0.0, project.build)
    outcome.timings["build"] = time.perf_counter() - start
    if validate:
        from kg.validate import validate_quads

        outcome.report = validate_quads(graph.quads, project, engine)
        outcome.timings["validate"] = time.perf_counter() - start - outcome.timings["build"]
    if outcome.report is None or outcome.report.conforms:
        store.write(project, graph.quads, graph.index, {"articles": graph.articles, "facts": graph.facts})
        outcome.written = True
    outcome.seconds = time.perf_counter() - start
    return outcome


def validate_graph(project: Project, path: Path | None = None, engine: str = "turbo") -> Report:
    """Validate an RDF file, or the built graph when no file is given."""
    from kg import store
    from kg.validate import validate_file

    return validate_file(path or store.built_file(project, store.TRIG), project, engine)
