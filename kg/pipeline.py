"""The whole job: facts -> graph -> validation -> build/ output, as one library call.

Each article becomes a cached chunk (kg.chunks); only changed articles are rebuilt and
revalidated against the core shapes, the SPARQL shapes run once over the new store, and
build/ is replaced only when everything conforms.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg import chunks
from kg.build import curation_quads, facts_paths, index_quads, ontology_quads
from kg.corpus import Summary, check_corpus, summarize
from kg.errors import LocatedError, LocatedErrors
from kg.facts import load_aliases, load_facts_file
from kg.project import Project
from kg.validate import Report, Violation, report

Progress = Callable[[int, int, int, int], None]  # done, total, facts, triples


@dataclass
class BuildOutcome:
    articles: int
    facts: int
    triples: int
    seconds: float
    output: Path
    report: Report | None = None
    written: bool = False
    rebuilt: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> dict:
        return {
            "articles": self.articles, "facts": self.facts, "triples": self.triples, "rebuilt": self.rebuilt,
            "seconds": round(self.seconds, 3), "output": str(self.output), "written": self.written,
            "conforms": None if self.report is None else self.report.conforms,
            "violations": [] if self.report is None else [v.line() for v in self.report.violations],
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }

    def text(self) -> str:
        lines = [] if self.report is None else [v.line() for v in self.report.violations]
        state = ("validation failed: build/ left as it was" if not self.written
                 else f"wrote {self.output}/kg.ttl, kg.trig and store")
        checked = "" if self.report is None else (", conforms to the shapes" if self.report.conforms
                                                  else f", {len(self.report.violations)} violation(s)")
        lines.append(f"{self.articles} article(s), {self.facts} facts, {self.triples} triples"
                     f"{checked}; {self.rebuilt} article(s) rebuilt; {state} ({self.seconds:.1f}s)")
        return "\n".join(lines)


def _environment(project: Project) -> str:
    """What every chunk depends on besides its own files: ontology and shapes."""
    parts = [project.resource("ontology", n).read_bytes() for n in ("kg.ttl", "shapes.ttl", "vocabulary.ttl")]
    return chunks.digest(*parts)


def _summaries(project: Project, cache: Path) -> list[tuple[Path, str, bytes, Summary]]:
    """Every facts file's summary: from the cache when the file is unchanged. Every error of
    every file is raised at once."""
    from kg import vocabulary

    vocab = vocabulary.load(project)
    out, errors = [], []
    for path in facts_paths(project):
        label = str(path.relative_to(project.root))
        try:
            data = path.read_bytes()
        except OSError as exc:
            errors.append(LocatedError(label, f"cannot be read: {exc.strerror}"))
            continue
        key = chunks.digest("summary", chunks.SCHEMA, label, data, vocabulary.path_of(project).read_bytes())
        cached = cache / f"summary-{key}.json"
        summary = None
        if cached.exists():
            try:
                summary = Summary.from_json(json.loads(cached.read_text(encoding="utf-8")))
            except (ValueError, TypeError, KeyError):
                summary = None
        if summary is None:
            try:
                summary = summarize(load_facts_file(path, label, vocab))
            except LocatedErrors as exc:
                errors += exc.errors
                continue
            except LocatedError as exc:
                errors.append(exc)
                continue
            cache.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(summary.to_json()), encoding="utf-8")
        out.append((path, label, data, summary))
    if errors:
        raise LocatedErrors(errors)
    return out


def build_project(project: Project, validate: bool = True, engine: str = "turbo",
                  progress: Progress | None = None, workers: int | None = None) -> BuildOutcome:
    """Build and validate; write build/ only when the graph conforms (or validate=False).

    engine "pyshacl" validates the whole graph with pySHACL (the reference verdict) instead
    of the incremental fast path."""
    if engine == "pyshacl":
        return _build_reference(project, validate)

    from kg.files import locked

    with locked(project.build, project.root):
        return _build(project, validate, progress, workers)


def _build(project: Project, validate: bool, progress: Progress | None, workers: int | None) -> BuildOutcome:
    from kg import store

    start = time.perf_counter()
    store.clean_leftovers(project)
    cache = project.build / "cache"
    env = _environment(project)
    entries = _summaries(project, cache)
    aliases = load_aliases(project.aliases)
    tables = check_corpus([e[3] for e in entries], aliases, str(project.aliases.relative_to(project.root))
                          if project.aliases.exists() else "data/aliases.yaml")
    timings = {"load": time.perf_counter() - start}
    plan, jobs, known = [], [], {}
    for path, label, data, summary in entries:
        article_path = project.articles / summary.file
        article_bytes = article_path.read_bytes() if article_path.is_file() else b""
        ctx = chunks.context(summary, tables)
        key = chunks.chunk_key(env + str(validate), hashlib.sha256(data).hexdigest(), article_bytes, ctx)
        plan.append((summary.article, key))
        hit = chunks.cached_chunk(cache, key)
        if hit is not None:
            known[key] = hit
        else:
            jobs.append(dict(project=project, path=path, label=label, tables=tables, ctx=ctx, key=key,
                             cache=cache, validate=validate))
    done = [0, 0, 0]

    def tick(chunk: chunks.Chunk) -> None:
        done[0] += 1
        done[1] += chunk.facts
        done[2] += chunk.triples
        if progress:
            progress(done[0], len(jobs), done[1], done[2])

    for chunk in chunks.build_many(jobs, workers or os.cpu_count() or 1, tick):
        known[chunk.key] = chunk
    timings["chunks"] = time.perf_counter() - start - sum(timings.values())
    ordered = [known[key] for _, key in sorted(plan)]
    extra = curation_quads(tables)
    extra_index = index_quads(extra, "curated-aliases")
    extra += ontology_quads(project)
    outcome = BuildOutcome(len(ordered), sum(c.facts for c in ordered),
                           sum(c.triples for c in ordered) + len({q.triple for q in extra}), 0.0, project.build,
                           rebuilt=len(jobs))
    if not jobs and store.is_current(project, ordered, extra):
        # nothing changed since the last build, which was only written because it conformed
        outcome.report = Report(True, []) if validate else None
        outcome.timings, outcome.seconds = timings, time.perf_counter() - start
        return outcome
    staged = store.stage(project, ordered, extra, extra_index)
    timings["store"] = time.perf_counter() - start - sum(timings.values())
    if validate:
        from kg.validate import sparql_violations

        rows = [Violation(**v) for c in ordered for v in c.violations]
        rows += sparql_violations(staged.store)
        outcome.report = report(rows)
        timings["validate"] = time.perf_counter() - start - sum(timings.values())
    if outcome.report is None or outcome.report.conforms:
        store.commit(project, staged, ordered, extra)
        outcome.written = True
    else:
        staged.discard()
    timings["write"] = time.perf_counter() - start - sum(timings.values())
    outcome.timings = timings
    outcome.seconds = time.perf_counter() - start
    return outcome


def _build_reference(project: Project, validate: bool) -> BuildOutcome:
    """Check with pySHACL on the whole in-memory graph first, then build as usual."""
    from kg.build import build_graph
    from kg.validate import validate_quads

    start = time.perf_counter()
    graph = build_graph(project)
    report = validate_quads(graph.quads, project, engine="pyshacl") if validate else None
    if report is not None and not report.conforms:
        return BuildOutcome(graph.articles, graph.facts, len({q.triple for q in graph.quads}),
                            time.perf_counter() - start, project.build, report)
    outcome = build_project(project, validate=False)
    outcome.report = report
    return outcome


def validate_graph(project: Project, path: Path | None = None, engine: str = "turbo") -> Report:
    """Validate an RDF file, or the built graph when no file is given."""
    from kg import store
    from kg.validate import validate_file

    return validate_file(path or store.built_file(project, store.TRIG), project, engine)
