"""One article at a time: its graph, serialisations and core-shape validation, cached by
content hash so a rebuild only redoes what changed.

A chunk's key covers everything its bytes depend on: kg's version, the ontology and shapes,
the facts file, the article text, and the names and types of the entities and periods it
refers to in other files. A changed input gives a new key, so a stale chunk is never served.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, Quad, RdfFormat, serialize

from kg import __version__
from kg.build import A, article_quads, index_quads, kgo, node
from kg.corpus import Summary, Tables
from kg.errors import LocatedError, LocatedErrors
from kg.facts import load_facts_file
from kg.project import Project
from kg.store import body
from kg.vocab import ID, PREFIXES, entity_path

SCHEMA = "chunk-v2"


@dataclass
class Chunk:
    article: str
    key: str
    facts: int
    triples: int
    violations: list[dict[str, str]]  # core-shape violations of this article's nodes


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:32]


def context(summary: Summary, tables: Tables) -> list[list[Any]]:
    """The outside facts a chunk depends on: [id, type, name, other names] of the entities it
    refers to (their names support its quotes), [id, 'Period', name, quotes] of periods."""
    out = set()
    for ref in summary.refs:
        if ref.kind == "period":
            p = tables.periods[ref.value]
            out.add((ref.value, "Period", p.name, p.quotes))
        elif ref.value in tables.entities:
            e = tables.entities[ref.value]
            out.add((ref.value, e.type, e.name, e.names))
    for eid in summary.entities:
        e = tables.entities[eid]
        out.add((eid, e.type, e.name, e.names))  # aliases defined elsewhere support quotes too
    return [[i, t, n, list(more)] for i, t, n, more in sorted(out)]


def chunk_key(environment: str, facts_hash: str, article_bytes: bytes, ctx: list[list[Any]]) -> str:
    return digest(SCHEMA, __version__, environment, facts_hash, article_bytes, json.dumps(ctx))


def make_chunk(project: Project, path: Path, label: str, tables: Tables, ctx: list[list[Any]],
               key: str, cache: Path, validate: bool) -> Chunk:
    """Build one article's chunk and write it to the cache (<key>.nq .ttl .trig .json)."""
    from kg import vocabulary

    vocab = vocabulary.load(project)
    ff = load_facts_file(path, label, vocab)
    quads = article_quads(project, ff, tables, vocab)
    index = index_quads(quads, ff.article.id)
    triples = [q.triple for q in quads]
    violations: list[dict[str, str]] = []
    if validate:
        from kg.validate import _graphs, core_violations, ill_typed

        _graphs(project)  # the project's own shapes, if it overrides the shipped ones
        outside = [Quad(_ref_node(i, t), A, kgo(t)) for i, t, *_ in ctx] + _ontology(project)
        found = ill_typed(quads) + core_violations(quads, outside)
        violations = [asdict(v) for v in found]
    chunk = Chunk(ff.article.id, key, len(ff.facts), len(set(triples)), violations)
    cache.mkdir(parents=True, exist_ok=True)
    (cache / f"{key}.nq").write_bytes(serialize(quads + index, format=RdfFormat.N_QUADS))
    (cache / f"{key}.nt").write_bytes(serialize(sorted({q.triple for q in quads + index}, key=str),
                                                format=RdfFormat.N_TRIPLES))
    (cache / f"{key}.ttl").write_bytes(body(serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES)))
    (cache / f"{key}.trig").write_bytes(body(serialize(quads, format=RdfFormat.TRIG, prefixes=PREFIXES)))
    (cache / f"{key}.json").write_text(json.dumps(asdict(chunk)), encoding="utf-8")
    return chunk


_ONTOLOGY: list[Quad] = []


def _ontology(project: Project) -> list[Quad]:
    """The ontology's triples (class tree, measures, roles...), once per process."""
    if not _ONTOLOGY:
        from kg.build import ontology_quads

        _ONTOLOGY.extend(ontology_quads(project))
    return _ONTOLOGY


def _ref_node(ref_id: str, ref_type: str) -> NamedNode:
    return node(f"period/{ref_id}") if ref_type == "Period" else NamedNode(ID + entity_path(ref_type, ref_id))


def cached_chunk(cache: Path, key: str) -> Chunk | None:
    meta = cache / f"{key}.json"
    if not all((cache / f"{key}{ext}").exists() for ext in (".nq", ".nt", ".ttl", ".trig", ".json")):
        return None
    try:
        return Chunk(**json.loads(meta.read_text(encoding="utf-8")))
    except (ValueError, TypeError):
        return None  # a damaged entry is rebuilt


def build_many(jobs: list[dict[str, Any]], workers: int, progress=None) -> list[Chunk]:
    """Build chunks, in worker processes when there are many; every article's errors are
    raised together at the end."""
    results: Any
    if workers <= 1 or len(jobs) < 16:
        results = map(_make, jobs)
        return _collect(results, progress)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return _collect(pool.map(_make, jobs, chunksize=8), progress)


def _collect(results: Any, progress: Any) -> list[Chunk]:
    out, errors = [], []
    for result in results:
        if isinstance(result, LocatedErrors):
            errors += result.errors
        elif isinstance(result, LocatedError):
            errors.append(result)
        else:
            out.append(result)
            if progress:
                progress(result)
    if errors:
        raise LocatedErrors(errors)
    return out


def _make(job: dict[str, Any]) -> Chunk | LocatedError | LocatedErrors:
    try:
        return make_chunk(**job)
    except (LocatedError, LocatedErrors) as exc:
        return exc
