"""The built graph on disk: Turtle and TriG files, and an indexed Oxigraph store for lookups.

In the store each article is a named graph, and the default graph holds the set union of all
of them, maintained at build time: Oxigraph's query-time union repeats a triple once per graph
that has it, so joins over entities many articles mention multiply.

One build's outputs are one generation folder, build/gen-<digest>/ (kg.ttl, kg.trig, store/,
manifest.json), switched in as one by replacing the symlink build/current; build/kg.ttl,
build/kg.trig, build/store and build/manifest.json point through it. A reader sees the old
generation or the new one, never a mix, and the previous generation is kept until the next
build, so a reader that opened it just before a switch can finish. The manifest lists every
file of the generation with its size and SHA-256: a build that finds a file that does not
match rebuilds the generation instead of trusting it.

Queries open the store read-only; they never parse Turtle or import rdflib or pySHACL.
"""

from __future__ import annotations

import io
import os
import sys
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyoxigraph import DefaultGraph, NamedNode, Quad, QuerySolutions, RdfFormat, Store, Triple, parse, serialize

from kg.errors import NotBuiltError, UsageError
from kg.files import utf8_name
from kg.project import Project
from kg.vocab import CURATION_GRAPH, ID, INDEX_GRAPH, ONTOLOGY, PREFIXES

if TYPE_CHECKING:
    from kg.extras import Extras

# kg.splice and hashlib are imported in the functions of the build that use them: `kg ask`
# imports this module, and importing hashlib (OpenSSL) would be 3% of its time.

TURTLE = "kg.ttl"
TRIG = "kg.trig"
STORE = "store"
MANIFEST = "manifest.json"
CURRENT = "current"
OUTPUTS = (TURTLE, TRIG, STORE, MANIFEST)


def rdf_bytes(items: Any, fmt: RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    """pyoxigraph's serialize into bytes (it returns None only when given a file to write)."""
    data = serialize(items, format=fmt, prefixes=prefixes)
    if data is None:
        raise AssertionError("serialize wrote nowhere")
    return data


def select(store: Store, text: str) -> QuerySolutions:
    """The solutions of a SELECT query kg wrote itself."""
    solutions = store.query(text)
    if not isinstance(solutions, QuerySolutions):
        raise TypeError("not a SELECT query")
    return solutions


def sorted_prefixes(text: bytes) -> bytes:
    """Oxigraph writes @prefix lines in hash order; put them in name order for stable bytes."""
    lines = text.split(b"\n")
    head = [line for line in lines if line.startswith(b"@prefix ")]
    return b"\n".join(sorted(head) + lines[len(head):])


def triple_key(t: Triple) -> tuple[str, str, str]:
    """The order of triples in kg's Turtle."""
    return (str(t.subject), str(t.predicate), str(t.object))


def turtle_bytes(quads: list[Quad]) -> bytes:
    """The union of all graphs as sorted, prefixed Turtle: byte-identical for the same input."""
    triples = sorted({q.triple for q in quads}, key=triple_key)
    return sorted_prefixes(rdf_bytes(triples, RdfFormat.TURTLE, PREFIXES))


def trig_bytes(quads: list[Quad]) -> bytes:
    return sorted_prefixes(rdf_bytes(quads, RdfFormat.TRIG, PREFIXES))


class Staged:
    """A new generation being prepared next to the live one; committed or discarded (a plain
    class: `kg ask` imports this module, and a dataclass's generated methods cost at start)."""

    def __init__(self, store: Store, path: Path, digest: str, extras: str,
                 touched: list[Path] | None = None) -> None:
        self.store = store
        self.path = path  # the generation's temporary folder
        self.digest = digest
        self.extras = extras  # digest of the graphs beside the articles' (ontology, curation, their keys)
        self.touched = touched  # updated in place (ontology and curation unchanged): the chunks that changed

    def close(self) -> None:
        self.store.flush()
        del self.store

    def discard(self) -> None:
        if hasattr(self, "store"):
            self.close()
        import shutil

        shutil.rmtree(self.path, ignore_errors=True)


def check_build_folder(project: Project) -> None:
    """Refuse a build/ that leads out of the project: kg writes and deletes only inside it."""
    build = project.build
    if build.is_symlink():
        target = build.resolve()
        if not target.is_relative_to(project.root.resolve()):
            raise UsageError(f"{build} is a symlink to {target}, outside the project; kg writes and deletes "
                             "files in build/, so it must be a folder of the project (remove the link)")


def current_manifest(project: Project) -> dict:
    """The manifest of the live generation, {} when there is none or it cannot be read."""
    import orjson  # not at the top: `kg ask` imports this module, and orjson imports uuid and platform

    try:
        return orjson.loads((project.build / CURRENT / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return {}


def damaged(project: Project, manifest: dict) -> str | None:
    """What is wrong with the live generation's files (None when every file matches its
    manifest entry). Sizes are always compared; a file whose modification time changed is
    read and its SHA-256 compared."""
    gen = project.build / CURRENT
    files = manifest.get("files")
    if not files:
        return "no manifest" if manifest else None
    for name, (size, mtime, digest) in files.items():
        path = gen / name
        try:
            st = path.stat()
        except OSError:
            return f"{name} is missing"
        if st.st_size != size:
            return f"{name} has {st.st_size:,} bytes, not {size:,}"
        if st.st_mtime_ns != mtime and _digest(project, manifest, name) != digest:
            return f"{name} was changed after the build"
    return None


def _digest(project: Project, manifest: dict, name: str) -> str | None:
    """The live generation's file's digest, of the kind its manifest entry holds: a parts
    digest of kg.ttl and kg.trig is read at their parts' places (None when they are unknown)."""
    from kg import splice

    path = project.build / CURRENT / name
    if not manifest["files"][name][2].startswith(splice.PARTS):
        return splice.sha256(path)
    ext = {TURTLE: ".ttl", TRIG: ".trig"}.get(name)
    where = ext and splice.previous_layout(path, manifest, name, ext, {}, project.build / "cache")
    if not where:
        return None
    return splice.cut_digest(path, [manifest["heads"][name], *(size for _, size in where.values())])


def chunk_keys(project: Project) -> dict[str, str]:
    """Article id -> the key of the chunk the built store holds for it (its graph and its
    lookup keys are exactly that chunk's)."""
    return chunk_keys_of(current_manifest(project))


def chunk_nquads(project: Project, key: str) -> Path | None:
    """The N-Quads file the store loaded a chunk from (its article's graph and lookup keys),
    if the build still keeps it."""
    path = project.build / "cache" / f"{key}.nq"
    return path if path.is_file() else None


def live(build: Path) -> str | None:
    """The name of the live generation build/current links to (one level: a link that loops
    or leads elsewhere names no generation)."""
    try:
        name = os.readlink(build / CURRENT)
    except OSError:
        return None
    return name if name.startswith("gen-") and "/" not in name else None


def clean_leftovers(project: Project) -> None:
    """Remove what an interrupted build left (call with the build lock held): temporary
    generations, the bulk files of earlier kg versions, and the stores of the layout before
    generations."""
    out = project.build
    for leftover in [*out.glob(".gen-*.tmp-*"), *out.glob(".bulk-*.part"), *out.glob(".store-*.tmp-*"),
                     *out.glob(".*-link-*"), *out.glob(".trash-*")]:
        _remove(leftover)


def _remove(path: Path) -> None:
    """Delete a file or a folder of build/; a symlink is removed, never followed."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        import shutil

        shutil.rmtree(path, ignore_errors=True)


def digest_of(ordered: list, extras: str) -> str:
    """A generation's digest: its chunks' keys and its extra graphs' digest (kg.extras)."""
    import hashlib

    return hashlib.sha256(("".join(c.key for c in ordered) + extras).encode()).hexdigest()[:16]


def is_current(project: Project, ordered: list, extras: str, manifest: dict) -> bool:
    """The live generation holds exactly these chunks and extra graphs, and is intact."""
    return (manifest.get("generation") == f"gen-{digest_of(ordered, extras)}"
            and live(project.build) == manifest["generation"]
            and all((project.build / name).exists() for name in OUTPUTS))


def stage(project: Project, ordered: list, extras: Extras, manifest: dict) -> Staged:
    """The new generation's store: the live one with changed articles' graphs replaced (a
    cheap RocksDB checkpoint of it, then updates), or loaded in bulk when most changed or
    there is no intact live store."""
    out = project.build
    cache = out / "cache"
    digest = digest_of(ordered, extras.digest)
    tmp = out / f".gen-{digest}.tmp-{os.getpid()}"
    tmp.mkdir(parents=True)
    old_store = out / CURRENT / STORE
    previous: dict[str, str] = manifest.get("chunks", {})
    wanted = {c.article: c.key for c in ordered}
    changed, removed = changes(previous, wanted)
    if updates_in_place(project, manifest, wanted):
        Store.read_only(str(old_store.resolve())).backup(str(tmp / STORE))
        store = Store(str(tmp / STORE))
        # what the changed articles' new chunks hold stays in the union graph: an edit of one
        # fact looks up a few triples in the other graphs, not the whole article's
        loaded = {q.triple for article in changed for q in parse(path=str(cache / f"{wanted[article]}.nt"),
                                                           format=RdfFormat.N_TRIPLES)}
        _drop_graphs(store, [name for article in changed + removed
                             for name in (f"{ID}source/{article}", f"{INDEX_GRAPH}/{article}")], loaded)
        same_extras = manifest.get("extras") == extras.stored  # the ontology and curation unchanged: keep them
        if not same_extras:
            _drop_graphs(store, [ONTOLOGY, CURATION_GRAPH, f"{INDEX_GRAPH}/curated-aliases"])
        for article in changed:
            store.load(path=str(cache / f"{wanted[article]}.nq"), format=RdfFormat.N_QUADS)
            store.load(path=str(cache / f"{wanted[article]}.nt"), format=RdfFormat.N_TRIPLES, to_graph=DefaultGraph())
        touched = [cache / f"{wanted[a]}.nt" for a in changed] + [cache / f"{previous[a]}.nt" for a in changed + removed
                                                                   if a in previous]
        if not same_extras:
            _load_extras(store, extras)
        return Staged(store, tmp, digest, extras.stored, touched if same_extras else None)
    else:
        store = Store(str(tmp / STORE))
        # an article's named graphs (.nq) and its union-graph triples (.nt, N-Triples lines
        # are N-Quads of the default graph) in one pass, not a pass for each kind of file
        for batch in _batches([cache / f"{c.key}{ext}" for c in ordered for ext in (".nq", ".nt")]):
            with io.BufferedReader(_Concatenated(batch), 1 << 20) as stream:
                store.bulk_load(input=stream, format=RdfFormat.N_QUADS)
    _load_extras(store, extras)
    return Staged(store, tmp, digest, extras.stored)


def _load_extras(store: Store, extras: Extras) -> None:
    """The extra graphs and their lookup keys, and their triples in the union graph."""
    quads, index = extras.quads()
    store.extend(quads + index)
    store.extend(Quad(q.subject, q.predicate, q.object) for q in quads + index)


def changes(previous: dict[str, str], wanted: dict[str, str]) -> tuple[list[str], list[str]]:
    """The articles whose chunk changed or is new, and those removed (article id -> chunk key)."""
    return [a for a, k in wanted.items() if previous.get(a) != k], [a for a in previous if a not in wanted]


def updates_in_place(project: Project, manifest: dict, wanted: dict[str, str]) -> bool:
    """The new generation's store is the live one updated (few articles changed), not a
    bulk load of every chunk's cached files. `wanted`: article id -> chunk key."""
    previous: dict[str, str] = manifest.get("chunks", {})
    changed, removed = changes(previous, wanted)
    few = len(changed) + len(removed) <= max(1, len(wanted) // 4)
    return bool(previous) and few and (project.build / CURRENT / STORE).is_dir()


def _drop_graphs(store: Store, graphs: list[str], kept: set[Triple] | frozenset[Triple] = frozenset()) -> None:
    """Remove named graphs, and from the default graph the triples no other graph has (but
    those in `kept`, which are loaded again)."""
    triples = set()
    for graph in graphs:
        name = NamedNode(graph)
        triples |= {q.triple for q in store.quads_for_pattern(None, None, None, name)}
        store.remove_graph(name)
    triples -= kept
    default = DefaultGraph()
    for t in triples:
        if not any(q.graph_name != default for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None)):
            store.remove(Quad(t.subject, t.predicate, t.object, default))


BATCH_BYTES = 48 * 1024 * 1024  # Oxigraph's bulk loader holds a batch in memory: ~5x its size


def _batches(paths: list[Path]) -> list[list[Path]]:
    batches: list[list[Path]] = [[]]
    size = 0
    for path in paths:
        n = path.stat().st_size
        if batches[-1] and size + n > BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(path)
        size += n
    return [b for b in batches if b]


class _Concatenated(io.RawIOBase):
    """Files read one after the other as one binary stream, for Store.bulk_load: no copy of
    them on disk (the chunks' files hold no blank nodes, whose labels would meet across files)."""

    def __init__(self, paths: list[Path]) -> None:
        self._paths = list(reversed(paths))
        self._file: io.BufferedReader | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while True:
            if self._file is None:
                if not self._paths:
                    return 0
                self._file = open(self._paths.pop(), "rb")
            n = self._file.readinto(buffer)
            if n:
                return n
            self._file.close()
            self._file = None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def commit(project: Project, staged: Staged, ordered: list, heads: dict[str, bytes], inputs: dict[str, list[int]],
           previous: dict, checks: dict[str, list] | None = None) -> dict:
    """Write kg.ttl, kg.trig and the manifest into the staged generation, then switch
    build/current to it in one rename; keep the previous generation for readers. `checks`:
    the corpus-scope constraints' rows, kept for the next in-place update (None: not
    validated)."""
    from kg import splice

    out = project.build
    cache = out / "cache"
    staged.close()
    gen = staged.path
    files: dict[str, list[Any]] = {}
    sizes = {c.key: c.sizes for c in ordered}
    base = os.path.join(cache, "")  # joined by hand below: a part per article
    for name, ext in ((TURTLE, ".ttl"), (TRIG, ".trig")):
        parts = [splice.Part(c.key, base + c.key + ext, c.sizes.get(ext, -1), c.digests.get(ext, ""))
                 for c in ordered]
        last = out / CURRENT / name
        files[name] = splice.write(gen / name, heads[name], parts, last,
                                   splice.previous_layout(last, previous, name, ext, sizes, cache))
    files.update(_store_files(gen, out / CURRENT, previous))
    manifest = {"articles": len(ordered), "facts": sum(c.facts for c in ordered),
                "triples": sum(c.triples for c in ordered), "generation": f"gen-{staged.digest}",
                "chunks": {c.article: c.key for c in ordered}, "files": files, "inputs": inputs,
                "extras": staged.extras, "heads": {name: len(head) for name, head in heads.items()}}
    if checks is not None:
        manifest["checks"] = checks
    (gen / MANIFEST).write_bytes(manifest_bytes(manifest))
    (gen / INPUTS).write_bytes(stamps_record(inputs))
    _fsync_dir(gen)
    target = out / manifest["generation"]
    keep = live(out)
    if target.exists() or target.is_symlink():
        if target.name == keep:  # the same generation, repaired: switch away first
            _point(out, CURRENT, gen.name)
        if target.is_symlink() or not target.is_dir():
            _remove(target)
        else:  # an edit undone: the generation before last comes back (deleting it took a second at 10M)
            _discard([_aside(out, target)])
    os.replace(gen, target)
    _point(out, CURRENT, target.name)
    relink(out)
    _fsync_dir(out)
    _collect(project, {target.name, keep} - {None}, {c.key for c in ordered},
             None if staged.touched is None else set(chunk_keys_of(previous).values()))
    return manifest


def manifest_bytes(manifest: dict) -> bytes:
    """A manifest as compact JSON with sorted keys (0.3 MB at a million triples)."""
    import orjson

    return orjson.dumps(manifest, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)


def relink(out: Path) -> None:
    """build/kg.ttl, kg.trig, store and manifest.json point into build/current again (a file
    put in their place, or a link elsewhere, is replaced)."""
    for name in OUTPUTS:
        link = out / name
        if not link.is_symlink() or os.readlink(link) != f"{CURRENT}/{name}":
            _point(out, name, f"{CURRENT}/{name}")


def restamp(project: Project, manifest: dict, inputs: dict[str, list[int]]) -> None:
    """Record data/'s current sizes and times in the live manifest (files were touched, not
    changed: the build found nothing to redo)."""
    gen = project.build / (live(project.build) or CURRENT)
    for name, data in ((MANIFEST, manifest_bytes({**manifest, "inputs": inputs})),
                       (INPUTS, stamps_record(inputs))):
        tmp = gen / f".{name}.tmp-{os.getpid()}"
        tmp.write_bytes(data)
        os.replace(tmp, gen / name)


def _store_files(gen: Path, old: Path, previous: dict) -> dict[str, list[Any]]:
    """Every file of the generation's store; files hard-linked from the previous generation
    `old` (same inode, size and time) keep their known checksum instead of being read again."""
    from kg import splice

    known: dict[tuple[int, int, int], str] = {}
    for name, (size, mtime, digest) in previous.get("files", {}).items():
        try:
            st = (old / name).stat()
        except OSError:
            continue
        known[(st.st_ino, size, mtime)] = digest
    files = {}
    for path in sorted((gen / STORE).iterdir()):
        if path.name.startswith("LOG") or not path.is_file():
            continue  # RocksDB's info log changes when the store is opened to read
        st = path.stat()
        digest = known.get((st.st_ino, st.st_size, st.st_mtime_ns)) or splice.sha256(path)
        files[f"{STORE}/{path.name}"] = [st.st_size, st.st_mtime_ns, digest]
    return files


def _point(out: Path, name: str, target: str) -> None:
    """Make out/name a symlink to target, replacing what was there in one rename."""
    tmp = out / f".{name}-link-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    if (out / name).is_dir() and not (out / name).is_symlink():
        import shutil

        shutil.rmtree(out / name)  # a store folder of an old layout
    os.replace(tmp, out / name)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def chunk_keys_of(manifest: dict) -> dict[str, str]:
    """Article id -> chunk key, as a manifest lists them: hexadecimal digests only, since a
    key names cache files that a build deletes and kg push sends (a tampered key is no path)."""
    chunks = manifest.get("chunks")
    items = chunks.items() if isinstance(chunks, dict) else ()
    # strip() tests the characters in C: a pattern matched per article took 70 ms at 10M triples
    return {article: key for article, key in items if isinstance(key, str) and key and not key.strip(HEX)}


HEX = "0123456789abcdef"


# build/cache/ files that are not a chunk's
KEPT = ("summary-", "corpus-", "shapes-", "code-", "extras.", "vocabulary.")
# a cached chunk's (kg.chunks), its record first; .segments: its article's sentences
CHUNK_FILES = (".json", ".nq", ".nt", ".ttl", ".trig", ".segments")


def _collect(project: Project, keep: set[str], chunks: set[str], replaced: set[str] | None = None) -> None:
    """Delete generations other than the live and previous ones, stores of the layout
    before generations, and cached chunks no longer used. Only real files and folders
    inside build/ are deleted; a symlink there is removed, never followed. With `replaced`
    (the chunks of the generation an update in place started from), only those of them no
    longer used are deleted: listing the cache takes a second at ten million triples, and
    what else is unused (chunks of a build that did not conform) waits for the next build
    that loads the store anew."""
    out = project.build
    trash = []
    for old in [*out.glob("gen-*"), *out.glob("store-*")]:
        if old.name not in keep:
            if old.is_symlink() or not old.is_dir():
                _remove(old)
                continue
            trash.append(_aside(out, old))
    _discard(trash)
    cache = out / "cache"
    if cache.is_symlink() or not cache.is_dir():
        return
    if replaced is not None:
        for key in replaced - chunks:
            for ext in CHUNK_FILES:
                _remove(cache / f"{key}{ext}")
        return
    for entry in os.scandir(cache):  # names only: thousands of entries
        if entry.name.split(".", 1)[0] not in chunks and not entry.name.startswith(KEPT):
            _remove(cache / entry.name)


def _aside(out: Path, folder: Path) -> Path:
    """Rename a folder of build/ out of the way (to a name clean_leftovers removes), for _discard."""
    trash = out / f".trash-{folder.name}-{os.getpid()}"
    os.replace(folder, trash)
    return trash


def _discard(folders: list[Path]) -> None:
    """Delete folders already out of the build's way in a detached process: unlinking a
    generation's large files takes longer than the rest of an incremental build. What it
    leaves (killed, machine stopped) the next build's clean_leftovers removes."""
    if not folders:
        return
    import subprocess
    import sys

    code = "import shutil, sys\nfor p in sys.argv[1:]: shutil.rmtree(p, ignore_errors=True)"
    try:
        subprocess.Popen([sys.executable, "-c", code, *map(str, folders)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        for folder in folders:
            _remove(folder)


def header() -> bytes:
    """The @prefix lines that kg.ttl and kg.trig begin with."""
    return b"".join(f"@prefix {p}: <{ns}> .\n".encode() for p, ns in sorted(PREFIXES.items()))


def body(data: bytes) -> bytes:
    """A Turtle or TriG document without its @prefix lines, to follow a shared header."""
    return b"\n".join(line for line in data.split(b"\n") if not line.startswith(b"@prefix ")) + b"\n"


def open_store(project: Project) -> Store:
    """The live generation's store, read-only. The link is resolved once, so the whole
    session reads one generation; a generation replaced while opening is retried once."""
    path = project.build / STORE
    for attempt in (1, 2):
        if not path.exists():
            raise NotBuiltError(f"no built graph in {project.build} (run: kg build)")
        try:
            return Store.read_only(str(path.resolve()))
        except (OSError, RuntimeError) as exc:  # RocksDB's 'Corruption: …' (a damaged file) is a RuntimeError
            if attempt == 2:
                raise NotBuiltError(f"the built store in {project.build} cannot be opened ({_first_line(exc)}); "
                                    "run: kg build (it repairs the build)") from None
    raise AssertionError("unreachable")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def built_file(project: Project, name: str = TURTLE) -> Path:
    """A file of the live generation, read there and not through build/<name>: that link is
    for people and other tools, and may have been replaced since the build."""
    gen = live(project.build)
    path = project.build / gen / name if gen else None
    if path is None or not path.exists():
        raise NotBuiltError(f"no built graph in {project.build} (run: kg build)")
    return path


INPUTS = "inputs.stamps"  # data/'s stamps, as the manifest has them, without the rest of it
STAMPS = b"kg-stamps 2 "  # the record's first bytes: a record without them is an older kg's


def input_stamps(project: Project, known: dict[str, list[int]] | None = None) -> dict[str, list[int]]:
    """[size, mtime_ns] of every file under data/, to tell later whether data/ changed, in
    the order the folders list them. `known`: path -> stat data (size and modification time
    first) taken as the build read the file: what the build used, and one stat call fewer per
    file."""
    known = known or {}
    stamps = {}
    for folder in (project.facts, project.articles):
        try:
            with os.scandir(folder) as found:
                entries = list(found)
        except OSError:
            continue
        prefix = folder.name + "/"
        for entry in entries:
            name = prefix + utf8_name(entry.name)
            seen = known.get(entry.path) if known else None
            if seen is not None:
                stamps[name] = seen[:2]
                continue
            try:
                st = entry.stat()
            except OSError:  # removed since the folder was listed: as if it were not there
                continue
            stamps[name] = [st.st_size, st.st_mtime_ns]
    try:
        st = project.aliases.stat()
        stamps[project.aliases.name] = [st.st_size, st.st_mtime_ns]
    except OSError:
        pass
    return stamps


def stamps_record(stamps: dict[str, list[int]]) -> bytes:
    """The stamps as `kg-stamps 2 COUNT LENGTH` and a newline, the names joined by NUL (no
    file name holds one) in LENGTH bytes, then each file's size and mtime_ns as 64-bit
    little-endian integers, in the stamps' order. Binary: `kg ask` compares data/ with it at
    every start, and at 38,000 files formatting them as text took longer than stat-ing them."""
    names = "\0".join(stamps).encode("utf-8", "surrogateescape")
    return _record(names, len(stamps), array("q", [n for stamp in stamps.values() for n in stamp[:2]]))


def _record(names: bytes, count: int, numbers: array) -> bytes:
    if sys.byteorder == "big":
        numbers.byteswap()
    return b"%s%d %d\n%s%s" % (STAMPS, count, len(names), names, numbers.tobytes())


def read_stamps(record: bytes) -> dict[str, list[int]] | None:
    """stamps_record's stamps back (None when the record is damaged or an older kg's)."""
    head, _, rest = record.partition(b"\n")
    if not head.startswith(STAMPS):
        return None
    numbers = array("q")
    try:
        count, length = (int(n) for n in head[len(STAMPS):].split(b" "))
        names = rest[:length].decode("utf-8", "surrogateescape").split("\0") if count else []
        numbers.frombytes(rest[length:])
    except ValueError:  # not two numbers, or a tail that is not whole integers
        return None
    if len(names) != count or len(numbers) != 2 * count:
        return None
    if sys.byteorder == "big":
        numbers.byteswap()
    return {name: numbers[2 * i:2 * i + 2].tolist() for i, name in enumerate(names)}


def _listed_record(project: Project) -> bytes | None:
    """stamps_record(input_stamps(project)) for a data/ that did not change while it was
    listed (None when it did): the same bytes made without a Python object per file but its
    stat result, 0.10 s instead of 0.27 s for 38,000 files. Names are stat-ed relative to
    their open folder (a third faster than scandir's entries); where the system cannot, None."""
    if os.stat not in os.supports_dir_fd:
        return None
    names, numbers = [], array("q")
    for folder in (project.facts, project.articles):
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            listed = os.listdir(fd)
            for name in listed:
                st = os.stat(name, dir_fd=fd)
                numbers.append(st.st_size)
                numbers.append(st.st_mtime_ns)
        except OSError:  # removed since the folder was listed
            return None
        finally:
            os.close(fd)
        if listed:
            prefix = folder.name + "/"
            names.append(prefix + ("\0" + prefix).join(listed))
    try:
        st = project.aliases.stat()
    except OSError:
        pass
    else:
        names.append(project.aliases.name)
        numbers.append(st.st_size)
        numbers.append(st.st_mtime_ns)
    joined = "\0".join(names)
    if not joined.isascii():  # a name to write as input_stamps does
        joined = "\0".join(utf8_name(name) for name in joined.split("\0"))
    return _record(joined.encode("utf-8", "surrogateescape"), len(numbers) // 2, numbers)


def stale_inputs(project: Project) -> str | None:
    """A one-line notice when data/ changed since the last build (None when it did not):
    sizes and times of data/'s files against the build's, without reading the files. They
    are compared as the bytes the build wrote; read back only when they differ."""
    try:
        recorded: bytes | None = (project.build / CURRENT / INPUTS).read_bytes()
    except OSError:
        recorded = None
    listed = _listed_record(project)
    if listed is not None and listed == recorded:
        return None
    before: dict | None = read_stamps(recorded) if recorded is not None else None
    if before is None:  # a build of an older kg: its manifest has the stamps too
        before = current_manifest(project).get("inputs")
    now = read_stamps(listed) if listed is not None else None  # data/ as listed above, not listed again
    if now is None:
        now = input_stamps(project)
    if not isinstance(before, dict) or now == before:
        return None
    changed = sorted(k for k in now.keys() | before.keys() if now.get(k) != before.get(k))
    more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
    return (f"note: data/ changed since the last build ({', '.join(changed[:3])}{more}); "
            "answers come from the last build (run: kg build)")
