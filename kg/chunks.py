"""One article at a time: its graph, serialisations and core-shape validation, cached by
content hash so a rebuild only redoes what changed.

A chunk's key covers everything its bytes depend on: kg's version, the ontology and shapes,
the facts file, the article text, and the names and types of the entities and periods it
refers to in other files. A changed input gives a new key, so a stale chunk is never served.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson
from pyoxigraph import NamedNode, Quad, RdfFormat

from kg import __version__, fingerprints
from kg.build import A, article_quads, index_quads, kgo, locations, node, read_article
from kg.corpus import Summary, Tables
from kg.errors import LocatedError, LocatedErrors
from kg.facts import FactsFile, load_facts_file
from kg.files import atomic_write
from kg.project import Project
from kg.store import CHUNK_FILES, body, rdf_bytes
from kg.text import Segment
from kg.vocab import ID, PREFIXES, entity_path

SCHEMA = "chunk-v4"


@dataclass
class Chunk:
    article: str
    key: str
    facts: int
    triples: int
    violations: list[dict[str, str]]  # core-shape violations of this article's nodes
    sizes: dict[str, int] = field(default_factory=dict)  # bytes of each cached file, to catch damage
    digests: dict[str, str] = field(default_factory=dict)  # SHA-256 of the parts of kg.ttl and kg.trig (kg.splice)


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


# What a chunk's bytes depend on besides its inputs: the kg modules a build can import (from
# its entry module, kg.pipeline, on), and the libraries that parse, serialise, split sentences
# and validate. tests/test_generations.py checks that a build imports no other kg module.
BUILD = "pipeline.py"
LIBRARIES = ("pyoxigraph", "pyshacl-turbo", "pyshacl", "rdflib", "pyyaml", "pysbd")


CODE = "code-digest.json"  # in the build cache (kg.store keeps code-* there)


@functools.lru_cache(maxsize=4)
def code_digest(cache: Path | None = None) -> str:
    """kg's own code as it is installed, and its libraries' versions: a chunk built by other
    code is not reused (a version number is not bumped by every change). With `cache`, the
    digest is kept there with the stat data of kg's files and of the folders on sys.path
    (installing or removing a package changes its folder's time): a build that finds them as
    they were reads neither the code nor any package's metadata."""
    package = Path(__file__).resolve().parent
    stamps: list[list[Any]] = [[name, *fingerprints.stamp(os.path.join(package, name))]
                               for name in _python_files(package)]
    stamps += [[folder, *fingerprints.stamp(folder)] for folder in sys.path if folder and os.path.isdir(folder)]
    record = _read_json(cache / CODE) if cache is not None else None
    if isinstance(record, dict) and record.get("stamps") == stamps and isinstance(record.get("digest"), str):
        return record["digest"]
    from importlib import metadata

    parts = [__version__.encode()]
    for name in LIBRARIES:
        try:
            parts.append(f"{name} {metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            parts.append(f"{name} -".encode())
    for name in _code_files(package):  # read only when a file changed (0.04 s)
        parts += [name.encode(), Path(package, name).read_bytes()]
    found = digest(*parts)
    if cache is not None and all(fingerprints.settled(s[1:]) for s in stamps):
        cache.mkdir(parents=True, exist_ok=True)
        atomic_write(cache / CODE, json.dumps({"stamps": stamps, "digest": found}).encode())
    return found


def _python_files(package: Path) -> list[str]:
    """Every .py file of kg, relative to the package, sorted."""
    out = []
    for folder, _, names in os.walk(package):
        relative = os.path.relpath(folder, package)
        out += [os.path.normpath(os.path.join(relative, n)) for n in names if n.endswith(".py")]
    return sorted(out)


# An import statement: at the start of a line, or after the ':' of a one-line block or a ';',
# its names in parentheses across lines or to the end of the line. Text that only looks like
# one (in a docstring) adds a module at most, which is safe; tests/test_generations.py checks
# that a build imports no kg module this misses.
IMPORT = re.compile(r"(?:^|[:;])[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n;#]*)"
                    r"|import[ \t]+([^\n;#]*))", re.M)


@functools.lru_cache(maxsize=1)
def _code_files(package: Path) -> tuple[str, ...]:
    """kg's .py files that a build's output depends on, relative to the package, sorted: the
    entry module and every kg module it imports, anywhere in its code (in a function too), and
    so on. A change to another module (questions, drafting, the network, the CLI) keeps every
    chunk, where it had made the next build rebuild every article. Read once a process (the
    code it runs is the code it imported), from the text: parsing it took 0.2 s."""
    found: set[str] = set()
    todo = ["__init__.py", BUILD]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        text = Path(package, name).read_text(encoding="utf-8").replace("\\\n", " ")
        for base, names, modules in IMPORT.findall(text):
            if modules:  # import kg.a, kg.b as c
                todo += _module_files(package, *_names(modules))
                continue
            if base.startswith("."):  # relative: from the importing module's package, or one above it
                level = len(base) - len(base.lstrip("."))
                package_parts = ["kg", *Path(name).parent.parts]
                base = ".".join([*package_parts[:len(package_parts) + 1 - level], *filter(None, [base[level:]])])
            # `from kg import fingerprints` imports a module, `from kg.build import A` a name
            todo += _module_files(package, base, *(f"{base}.{n}" for n in _names(names)))
    return tuple(sorted(found))


def _names(listed: str) -> list[str]:
    """The names an import lists ('a, b as c', in parentheses or not, comments between them)."""
    listed = re.sub(r"#[^\n]*", "", listed).strip("() \t\n")
    return [item.split()[0] for item in listed.split(",") if item.split()]


def _module_files(package: Path, *modules: str) -> list[str]:
    """The files of those of `modules` that are kg's, with their packages' __init__.py."""
    out = []
    for module in modules:
        parts = module.split(".")
        if parts[0] != "kg":
            continue
        for depth in range(1, len(parts) + 1):
            relative = os.path.join(*parts[1:depth]) if depth > 1 else ""
            for candidate in (os.path.join(relative, "__init__.py"), relative + ".py"):
                if candidate != ".py" and os.path.isfile(os.path.join(package, candidate)):
                    out.append(os.path.normpath(candidate))
    return out


def json_bytes(record: Any) -> bytes:
    """A cache record as compact JSON (named tuples as arrays and keys as strings, as json.dumps
    writes them), by orjson: every article's records are read and written by each build."""
    return orjson.dumps(record, default=_as_list, option=orjson.OPT_NON_STR_KEYS)


def _as_list(value: Any) -> list:
    if isinstance(value, tuple):  # named tuples: orjson writes plain tuples only
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def chunk_key(environment: str, facts_sha256: str, article_sha256: str, ctx: list[list[Any]]) -> str:
    """`environment`: kg's code and what every chunk depends on (kg.pipeline._environment)."""
    return digest(SCHEMA, environment, facts_sha256, article_sha256, json_bytes(ctx))


def make_chunk(project: Project, path: Path, label: str, tables: Tables, ctx: list[list[Any]],
               key: str, cache: Path, validate: bool, parsed: FactsFile | None = None,
               screen: list[str] | None = None, classes: bytes | None = None, segments_check: str = "",
               segments_from: str | None = None) -> Chunk:
    """Build one article's chunk and write it to the cache (<key>.nq .nt .ttl .trig .json):
    its named graph and lookup keys for the store (N-Quads), the same triples for the
    store's union default graph (N-Triples), and its part of kg.ttl and kg.trig. `screen`
    and `classes`: the core shapes' queries and the ontology's class tree, as
    kg.validate.screen keeps them; when the queries find nothing about the article's nodes,
    pyshacl-turbo is not needed. `segments_check`: a digest of the article's bytes and kg's
    code, kept with its sentences (<key>.segments), so that the chunk `segments_from` (the
    last build's, of the same article) lends them: a fact edited in an unchanged article
    skips sentence splitting (0.1 s of an edit)."""
    from kg import vocabulary

    vocab = vocabulary.load(project)
    ff = parsed or load_facts_file(path, label, vocab)
    article = read_article(project, ff, _segments(cache, segments_from, segments_check))
    quads = article_quads(project, ff, tables, vocab, article)
    index = index_quads(quads, ff.article.id)
    triples = list(dict.fromkeys(q.triple for q in quads))
    own = rdf_bytes(triples, RdfFormat.N_TRIPLES)
    violations: list[dict[str, str]] = []
    if validate:
        from pyoxigraph import Store

        from kg.shaclsparql import finds_any
        from kg.validate import classes_nt, core_violations, ill_typed

        # the article's triples, the class tree, and the types of what it borrows from others
        data = Store()
        data.load(own + (classes if classes is not None else classes_nt(project)) + rdf_bytes(
            [Quad(_ref_node(i, t), A, kgo(t)) for i, t, *_ in ctx], RdfFormat.N_TRIPLES), format=RdfFormat.N_TRIPLES)
        # pyshacl-turbo: on one article's small store it is faster than the shapes compiled to
        # SPARQL (whose 186 queries cost ~0.1-0.2 ms each to parse and plan, whatever the data),
        # once it is loaded; both give the same violations (tests/test_shacl_sparql.py)
        found = ill_typed(quads)
        mine = {q.subject.value for q in quads if isinstance(q.subject, NamedNode)}
        if screen is None or finds_any(data, screen, mine):
            found += core_violations(quads, project, data, one_article=True, engine="turbo")
        where = locations(ff)
        violations = [asdict(replace(v, where=where.get(v.focus, ""))) for v in found]
    files = {".nq": rdf_bytes(quads + index, RdfFormat.N_QUADS),
             ".nt": own + rdf_bytes(list(dict.fromkeys(q.triple for q in index)), RdfFormat.N_TRIPLES),
             ".ttl": body(rdf_bytes(triples, RdfFormat.TURTLE, PREFIXES)),
             ".trig": body(rdf_bytes(quads, RdfFormat.TRIG, PREFIXES))}
    chunk = Chunk(ff.article.id, key, len(ff.facts), len(triples), violations,
                  {ext: len(data) for ext, data in files.items()},
                  {ext: hashlib.sha256(files[ext]).hexdigest() for ext in (".ttl", ".trig")})
    cache.mkdir(parents=True, exist_ok=True)
    for ext, content in files.items():
        (cache / f"{key}{ext}").write_bytes(content)
    if segments_check:
        split = [[seg.kind, seg.number, seg.start, seg.end] for seg in article.segments]
        (cache / f"{key}.segments").write_text(json.dumps({"check": segments_check, "segments": split}),
                                               encoding="utf-8")
    (cache / f"{key}.json").write_bytes(orjson.dumps(asdict(chunk)))  # last: marks it complete
    return chunk


def _segments(cache: Path, key: str | None, check: str) -> list[Segment] | None:
    """The sentences a chunk of the last build kept, if it split the same article bytes with
    the same code (`check`); None otherwise, and the article is split again."""
    if not key or not check:
        return None
    record = _read_json(cache / f"{key}.segments")
    if not isinstance(record, dict) or record.get("check") != check:
        return None
    try:
        return [Segment(str(kind), int(n), int(start), int(end)) for kind, n, start, end in record["segments"]]
    except (KeyError, TypeError, ValueError):
        return None


def forget(cache: Path, key: str) -> None:
    """Remove a chunk's cached files (its record first: without it the rest is never used)."""
    for ext in CHUNK_FILES:
        (cache / f"{key}{ext}").unlink(missing_ok=True)


def _ref_node(ref_id: str, ref_type: str) -> NamedNode:
    return node(f"period/{ref_id}") if ref_type == "Period" else NamedNode(ID + entity_path(ref_type, ref_id))


def cached_chunk(cache: Path, key: str, index: Index | None = None, check: bool = True) -> Chunk | None:
    """A cached chunk whose files are all there at their recorded sizes (else None: rebuilt).
    Its record is read from the index when it holds it (one file read for every chunk).
    check=False: its files are not looked at (intact() checks them when they are needed)."""
    try:
        record = index.get("c", key) if index is not None else None
        indexed = record is not None
        if record is None:
            record = orjson.loads((cache / f"{key}.json").read_bytes())
        chunk = Chunk(**record)
        if chunk.sizes and (not check or intact(cache, chunk)):
            if index is not None and not indexed:
                index.put("c", key, record)
            return chunk
    except (OSError, ValueError, TypeError):
        pass
    return None


def intact(cache: Path, chunk: Chunk) -> bool:
    """Every cached file of the chunk is there at its recorded size."""
    base = os.path.join(cache, chunk.key)  # plain strings: this runs for every article of a build
    try:
        return all(os.stat(base + ext).st_size == n for ext, n in chunk.sizes.items())
    except OSError:
        return False


def summary_salt(project: Project) -> str:
    """What every summary depends on besides its file: the vocabulary (read once a build)."""
    from kg import vocabulary

    return digest("summary", SCHEMA, vocabulary.path_of(project).read_bytes())


def summary_name(label: str, sha256: str, salt: str) -> str:
    """A facts file's summary's name in the cache: by the file's name, its bytes' SHA-256 and the salt."""
    return f"summary-{digest(salt, label, sha256)}.json"


def summary_file(cache: Path, label: str, sha256: str, salt: str) -> Path:
    return cache / summary_name(label, sha256, salt)


# summary-*: kept by the build's clean-up of unused chunks
INDEX = "summary-index.txt"  # chunk records and input files' fingerprints
SUMMARIES = "summary-records.txt"  # the facts files' summaries (65 MB of JSON at 10M triples)
INDEX_HEAD = "kg build cache index 1"
UNREAD = -2  # Index.on_disk of an index whose file was not read: entries are only appended to it


@dataclass
class Index:
    """The chunk records and input files' fingerprints of the last build in one file (INDEX),
    and the facts files' summaries in another (SUMMARIES), each read at most once a build
    (instead of one small file per article); anything missing is read from its own file. One
    entry a line ("s", "c" or "f", name, JSON), a later line replacing an earlier one of the
    same entry: entries are parsed when asked for, and a build appends the entries it changed,
    rewriting the file only when most of it is unused (at ten million triples the index is
    38,000 lines, and an edit changes two). An edit does not read the summaries at all
    (Index.unread): it parses its changed files and appends their summaries."""

    # (kind, name) -> JSON text, or where the text starts in `read`'s file (its line is cut
    # out when asked for: at 10M triples the summaries are 65 MB, the rest 12 MB)
    lines: dict[tuple[str, str], str | int] = field(default_factory=dict)
    changed: set[tuple[str, str]] = field(default_factory=set)  # the entries put by this build
    used: set[str] = field(default_factory=set)  # the summaries this build read
    files: set[str] = field(default_factory=set)  # the input files this build fingerprinted (kg.fingerprints)
    merged: set[str] = field(default_factory=set)  # read from their own files: removed once indexed
    stamps: dict[str, list[int]] = field(default_factory=dict)  # path -> its stat data as fingerprinted
    on_disk: int = -1  # entry lines in the file as read (-1: none, or not to be appended to; UNREAD)
    file: str = field(default="", repr=False)  # the file as read (tens of MB at 10M triples: not in a repr)
    name: str = INDEX  # the file's name in the cache

    @classmethod
    def read(cls, cache: Path, name: str = INDEX) -> Index:
        index = cls(name=name)
        try:
            text = (cache / name).read_text(encoding="utf-8")
        except (OSError, ValueError):
            return index
        if not text.startswith(INDEX_HEAD + "\n"):
            return index
        index.file, lines, find = text, index.lines, text.find
        at, count = len(INDEX_HEAD) + 1, 0
        while (end := find("\n", at)) >= 0:  # a last line without its end (an append cut short) is left out
            tab = find("\t", at + 2, end)
            if text[at + 1:at + 2] == "\t" and text[at] in "scf" and 0 < tab < end - 1:
                lines[(text[at], text[at + 2:tab])] = tab + 1
            count += 1
            at = end + 1
        if at == len(text):  # else an append was cut short: rewrite it whole
            index.on_disk = count
        return index

    @classmethod
    def unread(cls, name: str) -> Index:
        """An index whose file is read only if load() is called: what is put is appended."""
        return cls(name=name, on_disk=UNREAD)

    def load(self, cache: Path) -> None:
        """Read the file of an unread index, keeping the entries put since."""
        if self.on_disk == UNREAD:
            read = Index.read(cache, self.name)
            read.lines.update({key: self.lines[key] for key in self.changed})
            self.lines, self.file, self.on_disk = read.lines, read.file, read.on_disk

    def get(self, kind: str, name: str) -> Any:
        """The entry's record, None when it is missing or is not valid JSON (a damaged line;
        a last line cut short is not an entry at all)."""
        data = self.text(kind, name)
        try:
            return None if data is None else orjson.loads(data)
        except ValueError:
            return None

    def text(self, kind: str, name: str) -> str | None:
        """The entry's record as the JSON text the index holds (None when missing)."""
        data = self.lines.get((kind, name))
        return self.file[data:self.file.find("\n", data)] if isinstance(data, int) else data

    def put(self, kind: str, name: str, record: Any) -> None:
        self.lines[(kind, name)] = json_bytes(record).decode()
        self.changed.add((kind, name))

    def write(self, cache: Path, chunks: set[str]) -> None:
        """Keep the entries of this build only: append the changed ones (always, to an unread
        index), or write the file whole and rename it into place when more than a quarter of
        its lines would be unused."""
        wanted = {"s": self.used, "c": chunks, "f": self.files}
        kept = {k for k in self.lines if k[1] in wanted.get(k[0], ())}
        added = [k for k in self.changed if k in kept]
        if len(kept) == len(self.lines) and not added and not self.merged:
            return
        cache.mkdir(parents=True, exist_ok=True)
        if self.on_disk == UNREAD or self.on_disk >= 0 and self.on_disk + len(added) - len(kept) <= len(kept) // 4:
            with open(cache / self.name, "a+b") as handle:
                size = handle.seek(0, os.SEEK_END)
                start = "" if size else INDEX_HEAD + "\n"
                if size and self.on_disk == UNREAD:  # a line an append cut short is ended, not continued
                    handle.seek(size - 1)
                    start = "" if handle.read(1) == b"\n" else "\n"
                handle.write((start + "".join(f"{k}\t{n}\t{self.text(k, n)}\n" for k, n in sorted(added))).encode())
        else:
            tmp = cache / f".{self.name}.tmp-{os.getpid()}"
            tmp.write_text("\n".join([INDEX_HEAD, *(f"{k}\t{n}\t{self.text(k, n)}" for k, n in sorted(kept))])
                           + "\n", encoding="utf-8")
            os.replace(tmp, cache / self.name)
        for name in self.merged:
            (cache / name).unlink(missing_ok=True)


class Workers:
    """Worker processes that keep the facts files they parse for the summaries, so that a
    file is parsed once per build: file i is always handled by worker i mod N."""

    def __init__(self, count: int) -> None:
        import gc
        from concurrent.futures import ProcessPoolExecutor

        # a worker makes and drops one article's objects at a time: it collects cycles as
        # usual (the build's own process turns the collector off: kg.pipeline)
        self.pools = [ProcessPoolExecutor(max_workers=1, initializer=gc.enable) for _ in range(count)]

    def close(self) -> None:
        for pool in self.pools:
            pool.shutdown(cancel_futures=True)

    def _owner(self, path: Path, order: dict[Path, int]) -> Any:
        return self.pools[order.get(path, hash(path.name)) % len(self.pools)]

    def summarize(self, project: Project, cache: Path, files: list[tuple[Path, str]]) -> None:
        """Parse and summarise files into the summary cache (a file that fails is left for
        the caller to report); each worker keeps what it parsed."""
        order = {path: i for i, (path, _) in enumerate(files)}
        futures = [pool.submit(_summarize, project, cache, files[k::len(self.pools)])
                   for k, pool in enumerate(self.pools)]
        for future in futures:
            future.result()
        self.order = order

    def build(self, jobs: list[dict[str, Any]], tables: Tables, progress=None) -> list[Chunk]:
        order = getattr(self, "order", {})
        futures = [pool.submit(_set_tables, tables) for pool in self.pools]
        for future in futures:
            future.result()
        batches: dict[Any, list[list[dict[str, Any]]]] = {pool: [[]] for pool in self.pools}
        for job in jobs:
            queue = batches[self._owner(job["path"], order)]
            if len(queue[-1]) == 8:
                queue.append([])
            queue[-1].append({k: v for k, v in job.items() if k not in ("tables", "parsed")})
        from concurrent.futures import as_completed

        pending = [pool.submit(_build, batch) for pool, queue in batches.items() for batch in queue if batch]
        return _collect((result for done in as_completed(pending) for result in done.result()), progress)


# Worker-process state for one build (each worker process serves one build, then exits).
_PARSED: dict[Path, FactsFile] = {}
_TABLES: list[Tables] = []


def _summarize(project: Project, cache: Path, files: list[tuple[Path, str]]) -> None:
    from kg import vocabulary
    from kg.corpus import summarize
    from kg.errors import KgError

    vocab = vocabulary.load(project)
    salt = summary_salt(project)
    cache.mkdir(parents=True, exist_ok=True)
    for path, label in files:
        try:
            data = path.read_bytes()
            ff = load_facts_file(path, label, vocab)
            if path.read_bytes() != data:
                continue  # changed while read: the build finds it and says so
        except (KgError, OSError):
            continue  # the build reports it when it reads the file itself
        target = summary_file(cache, label, hashlib.sha256(data).hexdigest(), salt)
        target.write_bytes(json_bytes(summarize(ff).to_json()))
        _PARSED[path] = ff


def _set_tables(tables: Tables) -> None:
    _TABLES[:] = [tables]


def _build(jobs: list[dict[str, Any]]) -> list[Chunk | LocatedError | LocatedErrors]:
    return [_make({**job, "tables": _TABLES[0], "parsed": _PARSED.pop(job["path"], None)}) for job in jobs]


def build_many(jobs: list[dict[str, Any]], workers: Workers | None, progress=None) -> list[Chunk]:
    """Build chunks: in the worker processes when there are any, else here; every article's
    errors are raised together at the end."""
    if workers is not None:
        return workers.build(jobs, jobs[0]["tables"], progress) if jobs else []
    return _collect(map(_make, jobs), progress)


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
