"""kg push: the built graphs into a SPARQL 1.1 store, incrementally and all or nothing.

Only graphs whose content changed since the last push to that store are sent (a manifest of
graph keys per store under build/push/), graphs kg pushed before and no longer has are
dropped, and a graph the store lost is sent again. Other graphs in the store are left alone.

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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

from kg.endpoint import Endpoint
from kg.errors import EndpointError
from kg.http import StatusError, Url, parse_url
from kg.project import Project
from kg.vocab import ID, INDEX_GRAPH

TEMP = "urn:kg:push:"  # temporary graph names: urn:kg:push:<token>:<n>
BATCH = 500  # graph names per existence query
# Where a store's Graph Store Protocol and SPARQL Update live, from its query URL's path.
CONVENTIONS = [  # (query path ends with, store path, update path)
    ("/sparql-auth", "/sparql-graph-crud-auth", "/sparql-auth"),  # Virtuoso, with digest auth
    ("/sparql", "/sparql-graph-crud", "/sparql"),  # Virtuoso (at the root), Fuseki (/ds/sparql)
    ("/query", "/store", "/update"),  # Oxigraph (/query at the root), Fuseki (/ds/query)
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
    base = parse_url(endpoint)
    path = base.target.split("?", 1)[0].rstrip("/") or "/query"
    store_path = update_path = None
    for tail, store_tail, update_tail in CONVENTIONS:
        if path.endswith(tail):
            stem = path[: -len(tail)]
            store_path, update_path = stem + store_tail, stem + update_tail
            if tail == "/sparql" and stem:  # Fuseki: /ds/sparql -> /ds/data, /ds/update
                store_path, update_path = stem + "/data", stem + "/update"
            break
    gsp = parse_url(store_url, "--store-url") if store_url else None
    upd = parse_url(update_url, "--update-url") if update_url else None
    if gsp is None:
        gsp = Url(base.scheme, base.host, base.port, store_path or path + "/store")
    if upd is None:
        upd = Url(base.scheme, base.host, base.port, update_path or path + "/update")
    return gsp, upd


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


def _load_manifest(path: Path, gsp: Url) -> dict[str, str]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    graphs = doc.get("graphs") if isinstance(doc, dict) and doc.get("store") == str(gsp) else None
    if not isinstance(graphs, dict):
        return {}
    return {k: v for k, v in graphs.items() if isinstance(v, str) and _is_iri(k)}


def _is_iri(text: str) -> bool:
    try:
        NamedNode(text)
    except (TypeError, ValueError):
        return False
    return True


def _save_manifest(path: Path, gsp: Url, graphs: dict[str, str]) -> None:
    from kg.files import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"store": str(gsp), "graphs": dict(sorted(graphs.items()))}
    atomic_write(path, json.dumps(doc, indent=0).encode("utf-8") + b"\n")


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
    target = _Target(remote, gsp, upd, project.build)
    store = open_store(project)
    local = graph_keys(project, store)
    path = manifest_path(project, gsp)
    pushed = _load_manifest(path, gsp)
    there = present(remote, sorted(set(local) | set(pushed)))
    send = sorted(g for g in local if everything or g not in there or pushed.get(g) != local[g])
    report = Report(str(gsp), bulk=target.bulk, unchanged=len(local) - len(send))
    new = [g for g in send if g not in there]
    old = [g for g in send if g in there]
    gone = sorted(g for g in pushed if g not in local and g in there)
    state = {g: k for g, k in pushed.items() if g in there}
    if new:
        report.triples += target.add(store, new)
        report.added = new
        state.update({g: local[g] for g in new})
        _save_manifest(path, gsp, state)
    if old or gone:
        try:
            report.triples += target.replace(store, old, gone, report, note)
        finally:
            state.update({g: local[g] for g in report.replaced})
            for g in report.removed:
                state.pop(g, None)
            _save_manifest(path, gsp, state)
    elif not new:
        _save_manifest(path, gsp, {g: local[g] for g in local})
    report.seconds = time.monotonic() - started
    return report


def _dump(store: Store, graph: str) -> bytes:
    """One named graph as N-Triples, one triple a line, each ending " .\n"."""
    return store.dump(format=RdfFormat.N_TRIPLES, from_graph=NamedNode(graph)) or b""


class _Target:
    """One store's write side: Graph Store Protocol (or Oxigraph's bulk N-Quads) and Update."""

    def __init__(self, remote: Endpoint, gsp: Url, update: Url, build: Path) -> None:
        self.client = remote.client
        self.gsp, self.update_url, self.build = gsp, update, build
        self.bulk = gsp.target.split("?", 1)[0].endswith("/store")

    def add(self, store: Store, graphs: list[str]) -> int:
        """Load graphs the store does not have; on failure drop them again."""
        try:
            return self._load(store, {g: g for g in graphs})
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

    def _load(self, store: Store, names: dict[str, str]) -> int:
        """Write each local graph `names[x]` into remote graph x; the triples sent."""
        if not self.bulk:
            return sum(self._put(store, name, source) for name, source in names.items())
        import os
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=self.build, prefix=".push-", suffix=".nq")
        count = 0
        try:
            with os.fdopen(fd, "wb") as out:
                for name, source in names.items():
                    data = _dump(store, source)
                    count += data.count(b"\n")
                    out.write(data.replace(b" .\n", f" {NamedNode(name)} .\n".encode()))
            target = Url(self.gsp.scheme, self.gsp.host, self.gsp.port, self._with(self.gsp, "no_transaction"))
            self.client.request("POST", target, Path(tmp), {"Content-Type": "application/n-quads"})
        finally:
            os.unlink(tmp)
        return count

    def _put(self, store: Store, name: str, source: str) -> int:
        data = _dump(store, source)
        self.client.request("PUT", self._graph_url(name), data, {"Content-Type": "application/n-triples"})
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
