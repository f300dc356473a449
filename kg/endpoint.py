"""Remote SPARQL 1.1 stores, queried like the local store.

Queries go as the two forms every SPARQL 1.1 server answers: GET `?query=` when short, a
form-encoded POST otherwise (Virtuoso 7 never answers a POST of application/sparql-query).
Answers must be SPARQL JSON results; anything else is a one-line error. Parameters travel
as a VALUES block of RDF terms written by the RDF library (escaped), never as pasted user text.
"""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.auth import resolve
from kg.errors import EndpointError
from kg.http import Client, Url, parse_url
from kg.query import MAX_ROWS, Answer
from kg.sparqlsafe import bind_values
from kg.vocab import XSD

RESULTS_JSON = "application/sparql-results+json"
MAX_GET = 2000  # longer URLs are refused by some servers and proxies: POST the form instead
VIRTUOSO_ASK = "__ASK_RETVAL"  # Virtuoso 7 answers ASK as a one-column SELECT of this name


class Endpoint:
    """A SPARQL 1.1 query endpoint: the URL as given, or /query for a bare http://host:port
    (Oxigraph)."""

    def __init__(self, url: str, timeout: float = 10.0, user: str | None = None) -> None:
        parsed = parse_url(url)
        if parsed.target.split("?", 1)[0].rstrip("/") == "":  # Oxigraph's root: its endpoint is /query
            parsed = Url(parsed.scheme, parsed.host, parsed.port, "/query" + parsed.target.lstrip("/"))
        self.url = parsed
        self.client = Client(timeout, resolve(user, parsed.host))

    def select(self, text: str, params: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
        """Columns and rows (variable -> term); an ASK answers one row, column `result`."""
        form = urllib.parse.urlencode({"query": bind_values(text, params)}).encode("ascii")
        headers = {"Accept": f"{RESULTS_JSON}, application/json;q=0.9"}
        sep = "&" if "?" in self.url.target else "?"
        if len(self.url.target) + len(form) < MAX_GET:
            get = Url(self.url.scheme, self.url.host, self.url.port, self.url.target + sep + form.decode())
            response = self.client.request("GET", get, headers=headers)
        else:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            response = self.client.request("POST", self.url, form, headers)
        if response.content_type not in (RESULTS_JSON, "application/json"):
            raise EndpointError(f"{self.url.shown()}: answered {response.content_type or 'no content type'}, "
                                "not SPARQL JSON results (is this the store's SPARQL endpoint?)")
        columns, rows, boolean = parse_results(response.body, self.url.shown())
        if boolean is not None:
            return ["result"], [{"result": Literal(str(boolean).lower(), datatype=NamedNode(XSD + "boolean"))}]
        return columns, rows


def parse_results(body: bytes, where: str) -> tuple[list[str], list[dict[str, Any]], bool | None]:
    """SPARQL 1.1 JSON results (and the older 'typed-literal' form) as pyoxigraph terms."""
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise EndpointError(f"{where}: the answer is not valid JSON ({exc})") from None
    except RecursionError:
        raise EndpointError(f"{where}: the answer is JSON nested too deeply to read") from None
    if not isinstance(doc, dict):
        raise EndpointError(f"{where}: the answer is not SPARQL JSON results (not an object)")
    if isinstance(doc.get("boolean"), bool):
        return [], [], doc["boolean"]
    try:
        columns = doc["head"]["vars"]
        bindings = doc["results"]["bindings"]
        if not (isinstance(columns, list) and all(isinstance(c, str) for c in columns)
                and isinstance(bindings, list)):
            raise TypeError("vars or bindings")
        if columns == [VIRTUOSO_ASK] and len(bindings) <= 1:
            return [], [], bool(bindings) and bindings[0][VIRTUOSO_ASK]["value"] not in ("0", "false")
        if len(bindings) > MAX_ROWS:
            raise EndpointError(f"{where}: more than {MAX_ROWS:,} rows; add LIMIT or narrow the query")
        rows: list[dict[str, Any]] = [Answer({k: _term(v) for k, v in b.items() if k in columns}) for b in bindings]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise EndpointError(f"{where}: the answer is not SPARQL JSON results ({type(exc).__name__}: "
                            f"{str(exc)[:100]})") from None
    return columns, rows, None


def _term(value: dict[str, str]) -> Any:
    kind, text = value["type"], value["value"]
    if not isinstance(text, str):
        raise TypeError("a value is not a string")
    if kind == "uri":
        return NamedNode(text)
    if kind == "bnode":
        return BlankNode(text)
    if kind not in ("literal", "typed-literal"):
        raise ValueError(f"unknown term type {kind!r}")
    if "xml:lang" in value:
        return Literal(text, language=value["xml:lang"])
    if "datatype" in value:
        return Literal(text, datatype=NamedNode(value["datatype"]))
    return Literal(text)
