"""The whole job: facts -> graph -> validation -> build/ output, as one library call.

Each article becomes a cached chunk (kg.chunks); only changed articles are rebuilt and
revalidated against the core shapes, the SPARQL shapes run once over the new store, and
build/ is replaced only when everything conforms.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

from kg import chunks, corpusmemo, extras, fingerprints, vocabulary
from kg.build import facts_files, facts_paths, locations
from kg.corpus import Summary, Tables, check_corpus, summarize
from kg.errors import KgError, LocatedError, LocatedErrors, UsageError
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
    unchanged: bool = False  # nothing changed since the last build: build/ is current
    rechecked: int | None = None  # focus nodes of the corpus-wide shapes checked again (None: all)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "articles": self.articles, "facts": self.facts, "triples": self.triples, "rebuilt": self.rebuilt,
            "seconds": round(self.seconds, 3), "output": str(self.output), "written": self.written,
            "conforms": None if self.report is None else self.report.conforms,
            "violations": [] if self.report is None else [v.line() for v in self.report.violations],
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "unchanged": self.unchanged, "notes": self.notes, "rechecked": self.rechecked,
        }

    def text(self) -> str:
        lines = [] if self.report is None else [v.line() for v in self.report.violations]
        lines += [f"note: {n}" for n in self.notes]
        state = (f"{self.output} is up to date" if self.unchanged
                 else "the graph is built when the shards are merged" if self.output.name == "cache"
                 else f"wrote {self.output}/kg.ttl, kg.trig and store" if self.written
                 else "validation failed: build/ left as it was")
        checked = "" if self.report is None else (", conforms to the shapes" if self.report.conforms
                                                  else f", {len(self.report.violations)} violation(s)")
        # a triple two articles state counts in each graph (kg.ttl holds it once)
        lines.append(f"{self.articles} article(s), {self.facts} facts, {self.triples} triples in their graphs"
                     f"{checked}; {self.rebuilt} article(s) rebuilt; {state} ({self.seconds:.1f}s)")
        return "\n".join(lines)


def _environment(project: Project, cache: Path) -> str:
    """What every chunk depends on besides its own files: kg's code and libraries, the
    ontology and shapes."""
    parts = [project.resource("ontology", n).read_bytes() for n in ("kg.ttl", "shapes.ttl", "vocabulary.ttl")]
    return chunks.digest(chunks.code_digest(cache), *parts)


def _read_facts(project: Project, index: chunks.Index) -> list[tuple[str, str, str | OSError]]:
    """Every facts file (its path) with its label and the SHA-256 of its bytes (or why it
    cannot be read); a file unchanged since the last build is not read (kg.fingerprints)."""
    out: list[tuple[str, str, str | OSError]] = []
    folder = str(project.facts.relative_to(project.root))
    for path in facts_files(project):
        label = f"{folder}/{os.path.basename(path)}"
        try:
            sha: str | OSError = fingerprints.sha256(path, label, index)
        except OSError as exc:
            sha = exc
        out.append((path, label, sha))
    return out


def _summaries(project: Project, cache: Path, facts: list[tuple[str, str, str | OSError]], index: chunks.Index,
               salt: str, parsed: dict[str, Any] | None = None, skip: Mapping[str, str] | None = None
               ) -> list[tuple[str, str, str, Summary | None]]:
    """Every facts file's summary: from the cache when the file is unchanged (None for the
    labels in `skip`, which maps them to their summaries' names). Every error of every file is
    raised at once. Files parsed here are kept in `parsed` for the chunks built in this process."""
    skip = skip or {}
    out: list[tuple[str, str, str, Summary | None]] = []
    errors = []
    vocab = None
    for path, label, sha in facts:
        if label in skip and isinstance(sha, str):
            index.used.add(skip[label])  # kept in the index for a later whole check
            out.append((path, label, sha, None))
            continue
        if isinstance(sha, OSError):
            errors.append(LocatedError(label, f"cannot be read: {sha.strerror}"))
            continue
        cached = chunks.summary_file(cache, label, sha, salt)
        summary = None
        try:
            record = index.get("s", cached.name)
            if record is None and cached.exists():
                record = orjson.loads(cached.read_bytes())
                index.put("s", cached.name, record)
                index.merged.add(cached.name)
            summary = None if record is None else Summary.from_json(record)
        except (OSError, ValueError, TypeError, KeyError):
            summary = None
        if summary is None:
            vocab = vocab or vocabulary.load(project)
            try:
                ff = load_facts_file(Path(path), label, vocab)
                summary = summarize(ff)
            except LocatedErrors as exc:
                errors += exc.errors
                continue
            except LocatedError as exc:
                errors.append(exc)
                continue
            if fingerprints.changed_since(path, sha):  # its summary must not be kept under the old bytes' name
                errors.append(LocatedError(label, CHANGED))
                continue
            if parsed is not None:
                parsed[path] = ff
            index.put("s", cached.name, summary.to_json())
        index.used.add(cached.name)
        out.append((path, label, sha, summary))
    if errors:
        raise LocatedErrors(errors)
    return out


def build_project(project: Project, validate: bool = True, engine: str = "sparql",
                  progress: Progress | None = None, workers: int | None = None,
                  shard: tuple[int, int] | None = None) -> BuildOutcome:
    """Build and validate; write build/ only when the graph conforms (or validate=False).

    engine "pyshacl" validates the whole graph with pySHACL (the reference verdict) instead
    of the incremental fast path. workers: processes for the articles (default: every core).
    shard (k, n): build only the chunks of articles k, k+n, k+2n... (0-based, in file name
    order) into build/cache/ and stop: shards built on several machines are merged by
    copying their caches into one build/cache/ and running a whole build there."""
    if engine == "pyshacl":
        return _build_reference(project, validate)
    from kg import store
    from kg.files import locked

    store.check_build_folder(project)
    workers = workers or os.cpu_count() or 1
    with locked(project.build, project.root), _disk_errors(project), _collector_off():
        try:
            return _build(project, validate, progress, workers, shard)
        except sqlite3.Error:  # the last build's tables (kg.corpusmemo) damaged: built again without them
            corpusmemo.forget(project.build / "cache")
            return _build(project, validate, progress, workers, shard)


@contextlib.contextmanager
def _collector_off() -> Iterator[None]:
    """A build holds millions of long-lived objects (the index, the memo, the tables) and
    makes few reference cycles: Python's cycle collector would walk them again and again,
    about a fifth of a one-fact rebuild at 10M triples, and free next to nothing."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextlib.contextmanager
def _collecting_new() -> Iterator[None]:
    """The collector on for the objects made from here: articles built in this process
    (kg build -j 1) leave cycles, 22 KB an article. What the build holds is frozen first, so
    that it is not walked (freezing and thawing are constant-time)."""
    was = gc.isenabled()
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        if not was:
            gc.disable()
        gc.unfreeze()


@contextlib.contextmanager
def _disk_errors(project: Project) -> Iterator[None]:
    """A full disk or a folder kg may not write: one line; the live generation is untouched."""
    try:
        yield
    except OSError as exc:
        raise UsageError(f"{project.build}: cannot write the build: {exc.strerror or exc}") from None
    except RuntimeError as exc:  # RocksDB reports I/O failures as RuntimeError
        if "No space left" in str(exc) or "IO error" in str(exc):
            raise UsageError(f"{project.build}: cannot write the build: {str(exc).splitlines()[0]}") from None
        raise


@dataclass
class _Run:
    """One build: its settings, and what it read of the cache and the last generation."""

    project: Project
    validate: bool
    progress: Progress | None
    workers: int
    shard: tuple[int, int] | None
    start: float
    cache: Path
    env: str  # kg's code, the ontology and shapes (_environment)
    salt: str  # what every summary depends on (kg.chunks.summary_salt)
    memo_salt: str  # what the corpus memo depends on
    manifest: dict  # the live generation's ({} when it is damaged)
    broken: str | None  # what is damaged in it
    index: chunks.Index  # chunk records and fingerprints
    summaries: chunks.Index  # the facts files' summaries (unread in an edit)


def _build(project: Project, validate: bool, progress: Progress | None, workers: int,
           shard: tuple[int, int] | None = None) -> BuildOutcome:
    from kg import store

    start = time.perf_counter()
    store.clean_leftovers(project)
    cache = project.build / "cache"
    env = _environment(project, cache)
    manifest = store.current_manifest(project)
    broken = store.damaged(project, manifest)
    if broken:
        manifest = {}  # rebuild the generation from the chunks instead of trusting it
    pool = None
    parsed: dict[str, Any] = {}  # facts files parsed for their summaries, by path, for their chunks
    index = chunks.Index.read(cache)
    salt = chunks.summary_salt(project)
    facts = _read_facts(project, index)
    aliases = load_aliases(project.aliases, str(project.aliases.relative_to(project.root)))
    memo_salt = chunks.digest(env, str(validate), salt, json.dumps(aliases, sort_keys=True))
    memo = None if shard else corpusmemo.read(cache, memo_salt)
    known = corpusmemo.unchanged(facts, memo)
    todo = [f for f in facts if f[1] not in known]
    # an edit parses its few changed files instead of reading every summary (65 MB at 10M triples)
    summaries = (chunks.Index.read(cache, chunks.SUMMARIES) if len(todo) >= PARALLEL_FROM
                 else chunks.Index.unread(chunks.SUMMARIES))
    run = _Run(project, validate, progress, workers, shard, start, cache, env, salt, memo_salt, manifest, broken,
               index, summaries)
    if workers > 1:
        missing = _unsummarized(todo, cache, summaries, salt)
        if shard:
            missing = missing[shard[0]::shard[1]]
        if len(missing) >= PARALLEL_FROM:
            pool = chunks.Workers(workers)
            pool.summarize(project, cache, missing)
    try:
        entries = _summaries(project, cache, facts, summaries, salt, None if pool else parsed, known)
        tables = corpusmemo.tables_if_unchanged(entries, memo) if known else None
        if tables is None:
            if known:  # the rest's summaries too (the changed ones come from the index now)
                summaries.load(cache)
                entries = _summaries(project, cache, facts, summaries, salt, None if pool else parsed)
            label = str(project.aliases.relative_to(project.root)) if project.aliases.exists() else "data/aliases.yaml"
            tables = check_corpus([e[3] for e in entries if e[3] is not None], aliases, label)
            memo = None
        return _build_with(run, pool, parsed, entries, tables, memo)
    finally:
        if pool is not None:
            pool.close()


PARALLEL_FROM = 16  # articles: fewer are built in this process (worker start-up costs more)
CHANGED = "changed while kg build was reading it; run kg build again"


def _unsummarized(facts: list[tuple[str, str, str | OSError]], cache: Path, index: chunks.Index,
                  salt: str) -> list[tuple[Path, str]]:
    """Facts files whose summary is not cached yet."""
    out = []
    for path, label, sha in facts:
        name = "" if isinstance(sha, OSError) else chunks.summary_file(cache, label, sha, salt).name
        if ("s", name) not in index.lines and not (cache / name).is_file():
            out.append((Path(path), label))
    return out


# an article to build: its place in file order, facts file, label, SHA-256, summary, last
# record, article's SHA-256 and chunk key
_Entry = tuple[int, str, str, str, Summary | None, corpusmemo.FileRecord | None, str, str]


def _build_with(run: _Run, pool: chunks.Workers | None, parsed: dict[str, Any],
                entries: list[tuple[str, str, str, Summary | None]], tables: Tables,
                memo: corpusmemo.Memo | None) -> BuildOutcome:
    from kg import store

    project, validate, cache, env, index, salt, shard = (run.project, run.validate, run.cache, run.env, run.index,
                                                         run.salt, run.shard)
    start, manifest = run.start, run.manifest
    timings = {"load": time.perf_counter() - start}
    plan, jobs, known = [], [], {}
    articles = str(project.articles)
    records: dict[str, corpusmemo.FileRecord] = {}
    read: dict[str, tuple[str, str, str, str, str]] = {}  # key -> label, facts path and sha, article path and sha
    missing: list[_Entry] = []  # chunks to build
    # the live generation's chunks: their cached files are read only if the store is loaded anew
    unchecked: dict[str, _Entry | None] = dict.fromkeys(store.chunk_keys_of(manifest).values())
    for i, (path, label, sha, summary) in enumerate(entries):
        last = memo.files.get(label) if memo is not None else None
        file = summary.file if summary is not None else last.file  # type: ignore[union-attr]
        try:
            article_sha = fingerprints.sha256(os.path.join(articles, file), f"article:{file}", index)
        except OSError:
            article_sha = ""  # missing: the chunk's build reports it
        if summary is None and last is not None and last.article_sha == article_sha:
            records[label] = last
        else:
            summary = summary or _summaries(project, cache, [(path, label, sha)], run.summaries, salt)[0][3]
            assert summary is not None
            ctx = chunks.context(summary, tables)
            key = chunks.chunk_key(env + str(validate), sha, article_sha, ctx)
            records[label] = corpusmemo.FileRecord(chunks.summary_name(label, sha, salt),
                                                   corpusmemo.definitions(summary), summary.article, file,
                                                   article_sha, key, sha)
        key = records[label].key
        read[key] = (label, path, sha, os.path.join(articles, records[label].file), article_sha)
        plan.append((records[label].article, key))
        entry: _Entry = (i, path, label, sha, summary, last, article_sha, key)
        hit = chunks.cached_chunk(cache, key, index, check=key not in unchecked)
        if hit is not None:
            known[key] = hit
        else:
            missing.append(entry)
        if key in unchecked:
            unchecked[key] = entry if hit is not None else None
    if any(unchecked.values()) and not store.updates_in_place(project, manifest, dict(plan)):
        for key, hit_entry in unchecked.items():
            if hit_entry is not None and not chunks.intact(cache, known[key]):
                del known[key]
                missing.append(hit_entry)
    for i, path, label, sha, summary, last, article_sha, key in missing:
        if shard and i % shard[1] != shard[0]:
            continue  # another shard's article
        summary = summary or _summaries(project, cache, [(path, label, sha)], run.summaries, salt)[0][3]
        assert summary is not None
        jobs.append({"project": project, "path": Path(path), "label": label, "tables": tables,
                     "ctx": chunks.context(summary, tables), "key": key,
                     "cache": cache, "validate": validate, "parsed": parsed.pop(path, None),
                     "segments_check": chunks.digest("segments", env, article_sha) if article_sha else "",
                     "segments_from": last.key if last is not None and last.article_sha == article_sha else None})
    if validate and jobs:  # made by every build that builds, so that the next edit finds it
        from kg.validate import screen

        queries, classes = screen(project, cache, chunks.digest("screen", env))
        if len(jobs) < PARALLEL_FROM:  # built here: pyshacl-turbo only if the screen finds something
            for job in jobs:
                job["screen"], job["classes"] = queries, classes
    done = [0, 0, 0]

    def tick(chunk: chunks.Chunk) -> None:
        done[0] += 1
        done[1] += chunk.facts
        done[2] += chunk.triples
        if run.progress:
            run.progress(done[0], len(jobs), done[1], done[2])

    if pool is None and len(jobs) >= PARALLEL_FROM and run.workers > 1:
        pool = chunks.Workers(run.workers)
    try:
        with contextlib.nullcontext() if pool else _collecting_new():
            for chunk in chunks.build_many(jobs, pool, tick):
                label, facts_path, sha, article_path, article_sha = read[chunk.key]
                if fingerprints.changed_since(facts_path, sha) or fingerprints.changed_since(article_path, article_sha):
                    chunks.forget(cache, chunk.key)  # built from other bytes than its key names
                    raise LocatedError(label, CHANGED)
                known[chunk.key] = chunk
                index.put("c", chunk.key, asdict(chunk))
    finally:
        if pool is not None:
            pool.close()  # the workers' memory is free before the store is loaded
    index.write(cache, {key for _, key in plan})
    run.summaries.write(cache, set())
    if not shard and (memo is None or records != memo.files):
        corpusmemo.write(cache, corpusmemo.Memo(run.memo_salt, records), tables, memo)
    timings["chunks"] = time.perf_counter() - start - sum(timings.values())
    if shard:
        done_here = [c for c in known.values() if c.key in {j["key"] for j in jobs}]
        outcome = BuildOutcome(len(done_here), sum(c.facts for c in done_here), sum(c.triples for c in done_here),
                               time.perf_counter() - start, cache, rebuilt=len(jobs), timings=timings)
        outcome.notes.append(f"shard {shard[0] + 1} of {shard[1]}: chunks written to {cache}; merge the shards' "
                             "build/cache/ folders and run kg build")
        outcome.report = report([Violation(**v) for c in done_here for v in c.violations])
        return outcome
    ordered = [known[key] for _, key in sorted(plan)]
    extra = extras.extras(project, tables, env, cache)
    vocabulary.keep(project)  # a later cold kg ask reads its tables instead of parsing the file
    outcome = BuildOutcome(len(ordered), sum(c.facts for c in ordered),
                           sum(c.triples for c in ordered) + extra.triples, 0.0, project.build,
                           rebuilt=len(jobs))
    if run.broken:
        outcome.notes.append(f"the last build's output was damaged ({run.broken}); rebuilt it")
    inputs = store.input_stamps(project, index.stamps)
    if not jobs and not run.broken and store.is_current(project, ordered, extra.digest, manifest):
        # nothing changed since the last build, which was only written because it conformed
        outcome.report = _last_report(project, ordered, manifest) if validate else None
        outcome.unchanged = True
        store.relink(project.build)
        if manifest.get("inputs") != inputs:
            store.restamp(project, manifest, inputs)
        outcome.timings, outcome.seconds = timings, time.perf_counter() - start
        return outcome
    staged = store.stage(project, ordered, extra, manifest)
    try:
        timings["store"] = time.perf_counter() - start - sum(timings.values())
        found = None
        if validate:
            from kg.validate import sparql_violations

            rows = [Violation(**v) for c in ordered for v in c.violations]
            found, outcome.rechecked = _corpus_checks(project, staged, manifest, ordered)
            rows += sparql_violations(staged.store, project, found)
            outcome.report = report(_located(project, rows))
            timings["validate"] = time.perf_counter() - start - sum(timings.values())
        if outcome.report is None or outcome.report.conforms:
            store.commit(project, staged, ordered, extra.heads, inputs, manifest, found)
            outcome.written = True
        else:
            staged.discard()
    except BaseException:
        staged.discard()
        raise
    timings["write"] = time.perf_counter() - start - sum(timings.values())
    outcome.timings = timings
    outcome.seconds = time.perf_counter() - start
    return outcome


def _located(project: Project, rows: list[Violation]) -> list[Violation]:
    """Violations (which fail the build) with the file and line of the item each was found on:
    the facts files are read again only then."""
    if not any(v.severity == "Violation" and not v.where for v in rows):
        return rows
    from dataclasses import replace

    where: dict[str, str] = {}
    for path in facts_paths(project):
        try:
            where.update(locations(load_facts_file(path, str(path.relative_to(project.root)))))
        except KgError:
            continue
    return [replace(v, where=where.get(v.focus, "")) if v.severity == "Violation" and not v.where else v
            for v in rows]


def _last_report(project: Project, ordered: list, manifest: dict) -> Report:
    """The last build's verdict (it was written, so it conformed; its warnings stand)."""
    from kg.validate import sparql_violations

    rows = [Violation(**v) for c in ordered for v in c.violations]
    checks = manifest.get("checks")
    if isinstance(checks, dict) and any(checks.values()):
        from kg.store import open_store

        rows += sparql_violations(open_store(project), project, checks)
    return report(rows)


def _corpus_checks(project: Project, staged: Any, manifest: dict, ordered: list
                   ) -> tuple[dict[str, list], int | None]:
    """The corpus-scope constraints' rows: after an in-place update, only for the focus nodes
    the changed triples reach, the rest kept from the last build (which recorded them)."""
    from kg import checks, store

    previous = manifest.get("checks")
    found = None
    if staged.touched is not None and isinstance(previous, dict):
        found = checks.changes(project.build / "cache", manifest.get("chunks", {}),
                               {c.article: c.key for c in ordered})
    if found is None:
        return checks.run(staged.store, project)
    old = store.open_store(project) if found.removed else None
    return checks.run(staged.store, project, found, old, previous)


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


def validate_graph(project: Project, path: Path | None = None, engine: str = "sparql") -> Report:
    """Validate an RDF file, or the built graph when no file is given."""
    from kg import store
    from kg.validate import validate_file

    return validate_file(path or store.built_file(project, store.TRIG), project, engine)
