"""kg push: the built graphs into a SPARQL 1.1 store, incrementally and all or nothing.

Only graphs whose content changed since the last push to that store are sent (a manifest of
graph keys per store under build/push/); graphs kg pushed before and no longer has are
dropped; a store that lost what kg pushed (its ontology graph is gone) gets everything again,
and so does `--all`. Other graphs in the store are left alone.

- Graphs the store does not have yet are loaded in one N-Quads POST where the store takes
  one (Oxigraph's /store), else one Graph Store Protocol PUT each. If that fails, they are
  dropped again: the store is as it was.
- Graphs the store has are replaced as one: their new content goes to temporary graphs,
  then one SPARQL Update MOVEs them all in and drops the removed ones. A store that takes no
  SPARQL Update gets one PUT per graph, and a failure names exactly the graphs replaced.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

from kg.endpoint import Endpoint
from kg.errors import EndpointError, UsageError
from kg.http import StatusError, Url, parse_url
from kg.project import Project
from kg.vocab import ID, INDEX_GRAPH, ONTOLOGY

TEMP = "urn:kg:push:"  # temporary graph names: urn:kg:push:<token>:<n>
BATCH = 500  # graph names per existence query
# Where a store's Graph Store Protocol and SPARQL Update live, from its query URL's path:
# (path pattern, store path, update path); \1 is what the pattern's group matched.
CONVENTIONS = [
    (r"/sparql-auth", "/sparql-graph-crud-auth", "/sparql-auth"),  # Virtuoso, with digest auth
    (r"/sparql", "/sparql-graph-crud", "/sparql"),  # Virtuoso
    (r"(/repositories/[^/]+)", r"\1/rdf-graphs/service", r"\1/statements"),  # GraphDB, RDF4J
    (r"(?:/query)?", "/store", "/update"),  # Oxigraph: the root or /query
    (r"(/[^/]+)(?:/sparql|/query)?", r"\1/data", r"\1/update"),  # Fuseki: /ds, /ds/sparql, /ds/query
]


@dataclass
class Report:
    store: str
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    triples: int = 0
    bulk: bool = False
    atomic: bool = True
    seconds: float = 0.0

    def text(self) -> str:
        counts = (f"{self.store}: {len(self.added)} graph(s) added, {len(self.replaced)} replaced, "
                  f"{len(self.removed)} removed, {self.unchanged} unchanged")
        if not (self.added or self.replaced or self.removed):
            return f"{counts}; nothing to send"
        how = "N-Quads bulk load" if self.bulk else "Graph Store Protocol"
        swap = "" if self.atomic else ", one graph at a time: the store takes no SPARQL Update"
        return f"{counts}; {self.triples:,} triples sent ({how}{swap}) in {self.seconds:.1f}s"


def urls(endpoint: str, store_url: str | None, update_url: str | None) -> tuple[Url, Url]:
    """The Graph Store Protocol URL and the SPARQL Update URL, given or by convention."""
    import re

    base = parse_url(endpoint)
    path = base.target.split("?", 1)[0].rstrip("/")
    usual: list[Url] = []
    for pattern, *templates in CONVENTIONS:
        if match := re.fullmatch(pattern, path):
            usual = [Url(base.scheme, base.host, base.port, match.expand(t)) for t in templates]
            break
    if not usual and not (store_url and update_url):
        raise UsageError(f"--endpoint {endpoint}: kg knows no usual Graph Store Protocol and SPARQL "
                         "Update URLs for it; give --store-url and --update-url")
    return (parse_url(store_url, "--store-url") if store_url else usual[0],
            parse_url(update_url, "--update-url") if update_url else usual[1])


def graph_keys(project: Project, store: Store) -> dict[str, str]:
    """A content key for every named graph of the build: an article's graph and its lookup
    keys carry the article's chunk key; the other graphs (ontology, curation) a hash."""
    from kg.store import chunk_keys

    chunks = chunk_keys(project)
    keys = {}
    for graph in store.named_graphs():
        iri = graph.value
        article = iri.removeprefix(f"{ID}source/").removeprefix(f"{INDEX_GRAPH}/")
        if article != iri and article in chunks:
            keys[iri] = "chunk:" + chunks[article]
        else:
            keys[iri] = "sha256:" + hashlib.sha256(_dump(store, iri)).hexdigest()
    return keys


def manifest_path(project: Project, gsp: Url) -> Path:
    return project.build / "push" / (hashlib.sha256(str(gsp).encode()).hexdigest()[:16] + ".json")


@dataclass
class Manifest:
    """What kg pushed to one store: graph -> key and graph -> content hash (where known), and
    the temporary graphs of a push that was interrupted before it could drop them."""

    path: Path
    store: str
    graphs: dict[str, str] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)
    content: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, store: str) -> Manifest:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path, store)
        if not isinstance(doc, dict) or doc.get("store") != store:
            return cls(path, store)
        graphs, pending, content = doc.get("graphs"), doc.get("pending"), doc.get("content")
        pending = [g for g in pending if isinstance(g, str) and g.startswith(TEMP) and _is_iri(g)] \
            if isinstance(pending, list) else []
        return cls(path, store, _iri_map(graphs), pending, _iri_map(content))

    def save(self) -> None:
        from kg.files import atomic_write

        self.path.parent.mkdir(parents=True, exist_ok=True)
        content = {g: h for g, h in sorted(self.content.items()) if g in self.graphs}
        doc = {"store": self.store, "graphs": dict(sorted(self.graphs.items())), "pending": self.pending,
               "content": content}
        atomic_write(self.path, json.dumps(doc, indent=0).encode("utf-8") + b"\n")


def _iri_map(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(v, str) and _is_iri(k)}


def content_hash(triples: list[bytes]) -> str:
    """A graph's content, whatever the order: its N-Triples statements (without " ."), sorted."""
    return hashlib.sha256(b"\n".join(sorted(triples))).hexdigest()


def _triples(ntriples: bytes) -> list[bytes]:
    return ntriples.split(b" .\n")[:-1]  # N-Triples escapes line breaks: each statement ends so


def _is_iri(text: str) -> bool:
    try:
        NamedNode(text)
    except (TypeError, ValueError):
        return False
    return True


def present(endpoint: Endpoint, graphs: list[str]) -> set[str]:
    """Which of these graphs the store holds (has at least one triple in)."""
    found: set[str] = set()
    for i in range(0, len(graphs), BATCH):
        values = " ".join(str(NamedNode(g)) for g in graphs[i:i + BATCH])
        text = f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
        found |= {row["g"].value for row in endpoint.select(text, {})[1] if "g" in row}
    return found


def push(project: Project, endpoint: str, store_url: str | None = None, update_url: str | None = None,
         timeout: float = 300.0, user: str | None = None, everything: bool = False,
         note: Callable[[str], None] = lambda _: None) -> Report:
    """Send what changed since the last push to this store; see the module's description."""
    from kg.store import open_store

    started = time.monotonic()
    gsp, upd = urls(endpoint, store_url, update_url)
    remote = Endpoint(endpoint, timeout, user)
    store = open_store(project)
    local = graph_keys(project, store)
    manifest = Manifest.load(manifest_path(project, gsp), str(gsp))
    target = _Target(remote, gsp, upd, manifest, project)
    target.forget_pending()
    pushed = dict(manifest.graphs)
    if ONTOLOGY in pushed and not present(remote, [ONTOLOGY]):
        pushed = {}  # the store lost what kg pushed (emptied, or another store at that URL)
    candidates = sorted(g for g in local if everything or pushed.get(g) != local[g])
    if not everything:  # a new key may hold the same content (an input of no consequence changed)
        same = [g for g in candidates if g in pushed and g in manifest.content
                and content_hash(_triples(_dump(store, g))) == manifest.content[g]]
        pushed.update({g: local[g] for g in same})
        candidates = [g for g in candidates if g not in same]
    leftover = sorted(g for g in pushed if g not in local)
    there = present(remote, candidates + leftover)
    report = Report(str(gsp), bulk=target.bulk, unchanged=len(local) - len(candidates))
    new = [g for g in candidates if g not in there]
    old = [g for g in candidates if g in there]
    gone = [g for g in leftover if g in there]
    manifest.graphs = {g: k for g, k in pushed.items() if g not in leftover or g in there}
    if new:
        report.triples += target.add(store, new, local)
        stored = present(remote, new)  # read back: a store may answer success and keep nothing
        manifest.graphs.update({g: local[g] for g in new if g in stored})
        manifest.content.update({g: target.sent[g] for g in new if g in stored})
        manifest.save()
        _stored_all(new, stored, str(gsp))
        report.added = new
    if old or gone:
        stored = set()
        try:
            report.triples += target.replace(store, old, gone, report, note)
        finally:
            stored = present(remote, report.replaced) if report.replaced else set()
            manifest.graphs.update({g: local[g] for g in report.replaced if g in stored})
            manifest.content.update({g: target.sent[g] for g in report.replaced if g in stored})
            for g in report.removed:
                manifest.graphs.pop(g, None)
            manifest.save()
        _stored_all(report.replaced, stored, str(gsp))
    elif not new:
        manifest.save()
    report.seconds = time.monotonic() - started
    return report


def _stored_all(sent: list[str], stored: set[str], store: str) -> None:
    """Every graph sent is in the store now, or the push failed (and is not recorded)."""
    lost = [g for g in sent if g not in stored]
    if lost:
        raise EndpointError(f"{store}: the store accepted {len(lost)} graph(s) but holds nothing in them "
                            f"(e.g. <{lost[0]}>); they are not recorded as pushed")


def _dump(store: Store, graph: str) -> bytes:
    """One named graph as N-Triples, one triple a line, each ending " .\n"."""
    return store.dump(format=RdfFormat.N_TRIPLES, from_graph=NamedNode(graph)) or b""


class _Target:
    """One store's write side: Graph Store Protocol (or Oxigraph's bulk N-Quads) and Update."""

    def __init__(self, remote: Endpoint, gsp: Url, update: Url, manifest: Manifest, project: Project) -> None:
        self.client = remote.client
        self.gsp, self.update_url, self.manifest, self.project = gsp, update, manifest, project
        self.bulk = gsp.target.split("?", 1)[0].endswith("/store")
        self.sent: dict[str, str] = {}  # local graph -> content hash of what was sent

    def forget_pending(self) -> None:
        """Drop the temporary graphs an interrupted push left behind."""
        if self.manifest.pending:
            self._drop_quietly(self.manifest.pending)
            self.manifest.pending = []
            self.manifest.save()

    def add(self, store: Store, graphs: list[str], keys: dict[str, str]) -> int:
        """Load graphs the store does not have; on failure drop them again. In bulk, an
        article whose graph and lookup keys are both new is sent from the build's own N-Quads
        file of its chunk (far cheaper than reading the store)."""
        from kg.store import chunk_nquads

        names, files = {g: g for g in graphs}, []
        for graph in graphs:
            article = graph.removeprefix(f"{ID}source/")
            pair = f"{INDEX_GRAPH}/{article}"
            key = keys[graph]
            if self.bulk and article != graph and pair in names and keys[pair] == key and key.startswith("chunk:"):
                path = chunk_nquads(self.project, key.removeprefix("chunk:"))
                if path is not None:
                    files.append((path, (graph, pair)))
                    del names[graph], names[pair]
        try:
            return self._load(store, names, tuple(files))
        except EndpointError as exc:
            left = self._drop_quietly(graphs)
            state = ("the store is as it was" if not left else
                     "these may hold part of their triples: " + ", ".join(left))
            raise EndpointError(f"{exc}; adding {len(graphs)} new graph(s) failed, {state}") from None

    def replace(self, store: Store, graphs: list[str], gone: list[str], report: Report,
                note: Callable[[str], None]) -> int:
        refused = self._update_refused()
        if refused:
            report.atomic = False
            note(f"{self.update_url.shown()} takes no SPARQL Update ({refused}): replacing graphs one by one")
            return self._one_by_one(store, graphs, gone, report)
        token = secrets.token_hex(6)
        temps = {f"{TEMP}{token}:{i}": g for i, g in enumerate(graphs)}
        self.manifest.pending = list(temps)  # dropped by the next push if this one is killed
        self.manifest.save()
        try:
            sent = self._load(store, temps)
        except EndpointError as exc:
            self._drop_quietly(list(temps))
            raise EndpointError(f"{exc}; nothing was replaced") from None
        ops = ([f"MOVE {NamedNode(t)} TO {NamedNode(g)}" for t, g in temps.items()]
               + [f"DROP SILENT GRAPH {NamedNode(g)}" for g in gone])
        try:
            self._update(" ;\n".join(ops))
        except EndpointError as exc:
            self._drop_quietly(list(temps))
            raise EndpointError(f"{exc}; the one update that swaps {len(graphs)} graph(s) in failed: if it "
                                "did not answer, the store may or may not have applied it; run kg push "
                                "again (it sends whatever differs)") from None
        finally:
            self.manifest.pending = []
        report.replaced, report.removed = list(graphs), list(gone)
        return sent

    def _one_by_one(self, store: Store, graphs: list[str], gone: list[str], report: Report) -> int:
        sent = 0
        try:
            for g in graphs:
                sent += self._put(store, g, g)
                report.replaced.append(g)
            for g in gone:
                self._delete(g)
                report.removed.append(g)
        except EndpointError as exc:
            done = ", ".join(report.replaced + report.removed) or "none"
            todo = [g for g in graphs + gone if g not in report.replaced + report.removed]
            raise EndpointError(f"{exc}; graphs replaced before the failure: {done}; not replaced: "
                                + ", ".join(todo)) from None
        return sent

    def _load(self, store: Store, names: dict[str, str],
              files: tuple[tuple[Path, tuple[str, ...]], ...] = ()) -> int:
        """Write each local graph `names[x]` into remote graph x, and the quads of `files`
        (N-Quads files holding the graphs listed, under their own names: Oxigraph's bulk path
        only); the triples sent."""
        if not self.bulk:
            return sum(self._put(store, name, source) for name, source in names.items())
        count = [0]

        def nquads() -> Iterator[bytes]:  # streamed: the store loads while kg reads on
            for path, graphs in files:
                data = path.read_bytes()
                count[0] += data.count(b"\n")
                lines = data.split(b"\n")
                for graph in graphs:
                    tail = f" {NamedNode(graph)} .".encode()
                    self.sent[graph] = content_hash([x[:-len(tail)] for x in lines if x.endswith(tail)])
                yield data
            for name, source in names.items():
                data = _dump(store, source)
                count[0] += data.count(b"\n")
                self.sent[source] = content_hash(_triples(data))
                yield data.replace(b" .\n", f" {NamedNode(name)} .\n".encode())

        target = Url(self.gsp.scheme, self.gsp.host, self.gsp.port, self._with(self.gsp, "no_transaction"))
        self.client.request("POST", target, nquads, {"Content-Type": "application/n-quads"})
        return count[0]

    def _put(self, store: Store, name: str, source: str) -> int:
        data = _dump(store, source)
        self.client.request("PUT", self._graph_url(name), data, {"Content-Type": "application/n-triples"})
        self.sent[source] = content_hash(_triples(data))
        return data.count(b"\n")

    def _delete(self, name: str) -> None:
        try:
            self.client.request("DELETE", self._graph_url(name))
        except StatusError as exc:
            if exc.status != 404:
                raise

    def _drop_quietly(self, graphs: list[str]) -> list[str]:
        """Delete these graphs as well as possible; the ones that may remain."""
        left = []
        for g in graphs:
            try:
                self._delete(g)
            except EndpointError:
                left.append(g)
        return left

    def _update(self, text: str) -> None:
        form = urllib.parse.urlencode({"update": text}).encode("ascii")
        self.client.request("POST", self.update_url, form, {"Content-Type": "application/x-www-form-urlencoded"})

    def _update_refused(self) -> str | None:
        """Why the store takes no SPARQL Update at its update URL (a harmless probe), or None."""
        try:
            self._update(f"DROP SILENT GRAPH <{TEMP}probe>")
        except StatusError as exc:
            if exc.status in (400, 403, 404, 405, 415, 501):
                return f"HTTP {exc.status}"
            raise
        return None

    def _graph_url(self, graph: str) -> Url:
        return Url(self.gsp.scheme, self.gsp.host, self.gsp.port,
                   self._with(self.gsp, urllib.parse.urlencode({"graph": graph})))

    @staticmethod
    def _with(url: Url, query: str) -> str:
        return url.target + ("&" if "?" in url.target else "?") + query
