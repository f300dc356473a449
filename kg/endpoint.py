"""Remote SPARQL 1.1 stores: query them like the local store, load graphs into them.

Only http(s) URLs are accepted, every request has a timeout, and an HTTP error is reported
with its real status and the server's first line. Parameters travel as a VALUES block of
RDF terms written by the RDF library (escaped), never as pasted user text.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Iterator

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, serialize

from kg.errors import EndpointError, UsageError
from kg.project import Project
from kg.sparqlsafe import bind_values

RESULTS_JSON = "application/sparql-results+json"


def _check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--endpoint {url!r}: give an http:// or https:// URL")
    return url.rstrip("/")


def _request(req: urllib.request.Request, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310 (scheme checked)
            return response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace").strip().splitlines()
        raise EndpointError(f"{req.full_url}: HTTP {exc.code} {exc.reason}"
                            + (f": {body[0][:200]}" if body else "")) from None
    except urllib.error.URLError as exc:
        raise EndpointError(f"{req.full_url}: cannot connect: {exc.reason}") from None
    except TimeoutError:
        raise EndpointError(f"{req.full_url}: no answer within {timeout:g}s") from None


def _term(value: dict[str, str]) -> Any:
    kind = value["type"]
    if kind == "uri":
        return NamedNode(value["value"])
    if kind == "bnode":
        return BlankNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        return Literal(value["value"], datatype=NamedNode(value["datatype"]))
    return Literal(value["value"])


class Endpoint:
    """A SPARQL 1.1 query endpoint (Oxigraph: http://host:7878 or .../query)."""

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        url = _check_url(url)
        self.url = url if url.endswith(("/query", "/sparql")) else url + "/query"
        self.timeout = timeout

    def select(self, text: str, params: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
        body = bind_values(text, params).encode("utf-8")
        req = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/sparql-query", "Accept": RESULTS_JSON})
        doc = json.loads(_request(req, self.timeout))
        if "boolean" in doc:
            return ["result"], [{"result": Literal(str(doc["boolean"]).lower(),
                                                   datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))}]
        columns = doc["head"]["vars"]
        rows = [{k: _term(v) for k, v in binding.items()} for binding in doc["results"]["bindings"]]
        return columns, rows


def store_url(endpoint: str, given: str | None) -> str:
    if given:
        return _check_url(given)
    base = _check_url(endpoint)
    for tail in ("/query", "/sparql"):
        base = base.removesuffix(tail)
    return base + "/store"


def push_graphs(project: Project, endpoint: str, given_store_url: str | None, timeout: float) -> Iterator[tuple[str, int]]:
    """PUT each named graph (articles, curation, ontology, and the lookup keys that `kg ask`
    and name parameters use): replaces only those graphs."""
    from kg.store import open_store

    url = store_url(endpoint, given_store_url)
    by_graph: dict[str, list[Quad]] = {}
    for quad in open_store(project).quads_for_pattern(None, None, None):
        if not isinstance(quad.graph_name, NamedNode):
            continue  # the default graph is the union of the named ones: the store makes its own
        by_graph.setdefault(quad.graph_name.value, []).append(quad)
    for graph, quads in sorted(by_graph.items()):
        data = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES)
        target = f"{url}?{urllib.parse.urlencode({'graph': graph})}"
        req = urllib.request.Request(target, data=data, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        _request(req, timeout)
        yield graph, len(quads)
