"""The built graph on disk: Turtle and TriG files, and an indexed Oxigraph store for lookups.

In the store each article is a named graph, and the default graph holds the set union of all
of them, maintained at build time: Oxigraph's query-time union repeats a triple once per graph
that has it, so joins over entities many articles mention multiply.

Queries open the store read-only; they never parse Turtle or import rdflib or pySHACL.
The store directory is swapped in with an atomic symlink rename, so a reader sees the old
store or the new one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, serialize

from kg.errors import NotBuiltError
from kg.project import Project
from kg.vocab import CURATION_GRAPH, ID, INDEX_GRAPH, ONTOLOGY, PREFIXES

TURTLE = "kg.ttl"
TRIG = "kg.trig"
STORE = "store"
MANIFEST = "manifest.json"


def _sorted_prefixes(text: bytes) -> bytes:
    """Oxigraph writes @prefix lines in hash order; put them in name order for stable bytes."""
    lines = text.split(b"\n")
    head = [line for line in lines if line.startswith(b"@prefix ")]
    return b"\n".join(sorted(head) + lines[len(head):])


def turtle_bytes(quads: list[Quad]) -> bytes:
    """The union of all graphs as sorted, prefixed Turtle: byte-identical for the same input."""
    triples = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return _sorted_prefixes(serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES))


def trig_bytes(quads: list[Quad]) -> bytes:
    return _sorted_prefixes(serialize(quads, format=RdfFormat.TRIG, prefixes=PREFIXES))


@dataclass
class Staged:
    """A new store being prepared next to the live one; committed or discarded."""

    store: Store
    path: Path
    digest: str

    def close(self) -> None:
        self.store.flush()
        del self.store

    def discard(self) -> None:
        import shutil

        self.close()
        shutil.rmtree(self.path, ignore_errors=True)


def _manifest(project: Project) -> dict:
    import json

    try:
        return json.loads((project.build / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def chunk_keys(project: Project) -> dict[str, str]:
    """Article id -> the key of the chunk the built store holds for it (its graph and its
    lookup keys are exactly that chunk's)."""
    chunks = _manifest(project).get("chunks")
    return dict(chunks) if isinstance(chunks, dict) else {}


def chunk_nquads(project: Project, key: str) -> Path | None:
    """The N-Quads file the store loaded a chunk from (its article's graph and lookup keys),
    if the build still keeps it."""
    path = project.build / "cache" / f"{key}.nq"
    return path if path.is_file() else None


def clean_leftovers(project: Project) -> None:
    """Remove what an interrupted build left (call with the build lock held)."""
    import shutil

    for leftover in [*project.build.glob(".store-*.tmp-*"), *project.build.glob(".bulk-*.part")]:
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def _digest(ordered: list, extra: list[Quad]) -> str:
    import hashlib

    return hashlib.sha256("".join(c.key for c in ordered).encode()
                          + trig_bytes(sorted(extra, key=_key))).hexdigest()[:16]


def is_current(project: Project, ordered: list, extra: list[Quad]) -> bool:
    """The built store already holds exactly these chunks and extra graphs."""
    manifest = _manifest(project)
    return (manifest.get("store") == f"store-{_digest(ordered, extra)}"
            and (project.build / manifest["store"]).is_dir()
            and all((project.build / name).exists() for name in (TURTLE, TRIG, STORE)))


def stage(project: Project, ordered: list, extra: list[Quad], extra_index: list[Quad]) -> Staged:
    """The new store: the old one with changed articles' graphs replaced (a cheap RocksDB
    checkpoint of the old store, then updates), or loaded in bulk when most changed."""

    out = project.build
    out.mkdir(parents=True, exist_ok=True)
    cache = out / "cache"
    digest = _digest(ordered, extra)
    tmp = out / f".store-{digest}.tmp-{os.getpid()}"
    old = _manifest(project)
    old_dir = out / old.get("store", "-")
    previous: dict[str, str] = old.get("chunks", {})
    wanted = {c.article: c.key for c in ordered}
    changed = [a for a, k in wanted.items() if previous.get(a) != k]
    removed = [a for a in previous if a not in wanted]
    if previous and old_dir.is_dir() and len(changed) + len(removed) <= max(1, len(wanted) // 4):
        Store.read_only(str(old_dir)).backup(str(tmp))
        store = Store(str(tmp))
        for article in changed + removed:
            _drop_graphs(store, [f"{ID}source/{article}", f"{INDEX_GRAPH}/{article}"])
        _drop_graphs(store, [ONTOLOGY, CURATION_GRAPH, f"{INDEX_GRAPH}/curated-aliases"])
        for article in changed:
            store.load(path=str(cache / f"{wanted[article]}.nq"), format=RdfFormat.N_QUADS)
            store.load(path=str(cache / f"{wanted[article]}.nt"), format=RdfFormat.N_TRIPLES, to_graph=DefaultGraph())
    else:
        store = Store(str(tmp))
        for ext, fmt in ((".nq", RdfFormat.N_QUADS), (".nt", RdfFormat.N_TRIPLES)):
            for batch in _batches([cache / f"{c.key}{ext}" for c in ordered]):
                _bulk_load(store, batch, out, fmt)
    store.extend(extra + extra_index)
    store.extend(Quad(q.subject, q.predicate, q.object) for q in extra + extra_index)
    return Staged(store, tmp, digest)


def _drop_graphs(store: Store, graphs: list[str]) -> None:
    """Remove named graphs, and from the default graph the triples no other graph has."""
    triples = set()
    for graph in graphs:
        name = NamedNode(graph)
        triples |= {q.triple for q in store.quads_for_pattern(None, None, None, name)}
        store.remove_graph(name)
    default = DefaultGraph()
    for t in triples:
        if not any(q.graph_name != default for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None)):
            store.remove(Quad(t.subject, t.predicate, t.object, default))


BATCH_BYTES = 48 * 1024 * 1024  # Oxigraph's bulk loader holds a batch in memory: ~5x its size


def _batches(paths: list[Path]) -> list[list[Path]]:
    batches, size = [[]], 0
    for path in paths:
        n = path.stat().st_size
        if batches[-1] and size + n > BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(path)
        size += n
    return [b for b in batches if b]


def _bulk_load(store: Store, paths: list[Path], out: Path, fmt: RdfFormat) -> None:
    import shutil

    bulk = out / f".bulk-{os.getpid()}.part"
    with open(bulk, "wb") as handle:
        for path in paths:
            with open(path, "rb") as part:
                shutil.copyfileobj(part, handle)
    try:
        if fmt == RdfFormat.N_TRIPLES:
            store.bulk_load(path=str(bulk), format=fmt, to_graph=DefaultGraph())
        else:
            store.bulk_load(path=str(bulk), format=fmt)
    finally:
        bulk.unlink()


def commit(project: Project, staged: Staged, ordered: list, extra: list[Quad]) -> dict:
    """Swap in the staged store and write kg.ttl, kg.trig and the manifest atomically."""
    import json
    import shutil

    from kg.files import atomic_stream, atomic_write

    out = project.build
    cache = out / "cache"
    staged.close()
    target = out / f"store-{staged.digest}"
    if target.exists():
        shutil.rmtree(staged.path)
    else:
        os.replace(staged.path, target)
    extra_sorted = sorted(extra, key=_key)
    with atomic_stream(out / TURTLE) as handle:
        handle.write(_header())
        handle.write(body(serialize(sorted({q.triple for q in extra_sorted}, key=_tkey), format=RdfFormat.TURTLE,
                                     prefixes=PREFIXES)))
        for chunk in ordered:
            with open(cache / f"{chunk.key}.ttl", "rb") as part:
                shutil.copyfileobj(part, handle)
    with atomic_stream(out / TRIG) as handle:
        handle.write(_header())
        handle.write(body(serialize(extra_sorted, format=RdfFormat.TRIG, prefixes=PREFIXES)))
        for chunk in ordered:
            with open(cache / f"{chunk.key}.trig", "rb") as part:
                shutil.copyfileobj(part, handle)
    link_tmp = out / f".store-link-{os.getpid()}"
    if link_tmp.is_symlink():
        link_tmp.unlink()
    os.symlink(target.name, link_tmp)
    os.replace(link_tmp, out / STORE)
    manifest = {"articles": len(ordered), "facts": sum(c.facts for c in ordered), "store": target.name,
                "chunks": {c.article: c.key for c in ordered}}
    atomic_write(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode() + b"\n")
    for old in out.glob("store-*"):
        if old.name != target.name:
            shutil.rmtree(old, ignore_errors=True)
    keep = {c.key for c in ordered}
    for entry in cache.glob("*"):
        if entry.stem not in keep and not entry.name.startswith("summary-"):
            entry.unlink(missing_ok=True)
    return manifest


def _key(q: Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def _tkey(t) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def _header() -> bytes:
    return b"".join(f"@prefix {p}: <{ns}> .\n".encode() for p, ns in sorted(PREFIXES.items()))


def body(data: bytes) -> bytes:
    """A Turtle or TriG document without its @prefix lines, to follow a shared header."""
    return b"\n".join(line for line in data.split(b"\n") if not line.startswith(b"@prefix ")) + b"\n"


def open_store(project: Project) -> Store:
    path = project.build / STORE
    if not path.exists():
        raise NotBuiltError(f"no built graph in {project.build} (run: kg build)")
    return Store.read_only(str(path.resolve()))


def built_file(project: Project, name: str = TURTLE) -> Path:
    path = project.build / name
    if not path.exists():
        raise NotBuiltError(f"no built graph in {project.build} (run: kg build)")
    return path
