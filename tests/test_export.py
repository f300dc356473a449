"""Every export format round-trips: parsed back by rdflib and by pyoxigraph it is the built
graph. The inferred export answers queries written only in standard vocabularies."""

from __future__ import annotations

import io
import json

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.export import INDEX_FORMATS, export_bytes, graph_quads

RDFLIB = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}
OX = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "xml": pyoxigraph.RdfFormat.RDF_XML,
}
QUADS = {"nquads", "trig", "jsonld"}


def as_graph(triples) -> rdflib.Graph:
    g = rdflib.Graph()
    for t in triples:
        g.add(t)
    return g


@pytest.fixture(scope="module")
def reference(built):
    """The built graph (union of all named graphs) and its graph names, as rdflib sees them,
    without and with the lookup-key graphs."""
    out = {}
    for index in (False, True):
        quads = graph_quads(built, index=index)
        ds = rdflib.Dataset()
        ds.parse(data=pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS), format="nquads")
        union = as_graph((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)))
        out[index] = union, {q.graph_name.value for q in quads}
    return out


@pytest.mark.parametrize("fmt", list(RDFLIB))
def test_round_trip_rdflib(built, reference, fmt):
    union, graph_names = reference[fmt in INDEX_FORMATS]
    data = export_bytes(built, fmt)
    if fmt in QUADS:
        ds = rdflib.Dataset()
        ds.parse(data=data, format=RDFLIB[fmt])
        got = as_graph((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)))
        assert {str(c.identifier) for c in ds.graphs() if len(c)} >= graph_names
    else:
        got = rdflib.Graph().parse(data=data, format=RDFLIB[fmt])
    assert len(got) == len(union)
    assert isomorphic(got, union)


@pytest.mark.parametrize("fmt", list(OX))
def test_round_trip_pyoxigraph(built, fmt):
    quads = graph_quads(built, index=fmt in INDEX_FORMATS)
    expected = {(q.subject, q.predicate, q.object) for q in quads}
    parsed = list(pyoxigraph.parse(export_bytes(built, fmt), format=OX[fmt]))
    assert {(q.subject, q.predicate, q.object) for q in parsed} == expected
    if fmt in ("nquads", "trig"):
        assert {q.graph_name for q in parsed} == {q.graph_name for q in quads}


@pytest.mark.parametrize("fmt", list(OX))
def test_lookup_keys_only_in_bulk_load_formats(built, fmt):
    """N-Quads and TriG carry the lookup-key graphs (what kg ask --endpoint resolves names
    with, after a bulk load); the other formats leave them out."""
    parsed = list(pyoxigraph.parse(export_bytes(built, fmt), format=OX[fmt]))
    keys = {q.graph_name.value for q in parsed if str(q.predicate) == "<https://kg.example/ontology#lookupKey>"}
    if fmt in INDEX_FORMATS:
        assert keys == {"https://kg.example/id/index/centcom-isis-2024", "https://kg.example/id/index/curated-aliases"}
    else:
        assert not keys


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads"])
def test_schema_org_http_spelling(built, fmt):
    """--schema-org http writes every schema.org term as http://schema.org/ (kg's own is https)."""
    https = export_bytes(built, fmt, inferred=True).decode()
    http = export_bytes(built, fmt, inferred=True, schema_org="http").decode()
    assert "https://schema.org/" in https and "https://schema.org/" not in http
    assert http.count("http://schema.org/") == https.count("https://schema.org/")
    people = "SELECT ?x WHERE { ?x a <%sPerson> }"
    found = {}
    for scheme, data in (("https", https), ("http", http)):
        store = pyoxigraph.Store()
        store.load(data.encode(), format=OX[fmt])
        found[scheme] = {
            r["x"] for r in store.query(people % f"{scheme}://schema.org/", use_default_graph_as_union=fmt != "turtle")
        }
    assert found["http"] == found["https"] and len(found["http"]) >= 5


def test_jsonld_has_a_local_context(built):
    doc = json.loads(export_bytes(built, "jsonld"))
    assert isinstance(doc["@context"], dict) and doc["@context"]["kgo"] == "https://kg.example/ontology#"
    assert not any(isinstance(v, str) and v.endswith(".jsonld") for v in doc["@context"].values())


def test_turtle_export_is_readable_and_deterministic(built, fresh):
    """The export of a separate build of a fresh copy is byte-identical."""
    from kg.pipeline import build_project

    data = export_bytes(built, "turtle")
    assert build_project(fresh).written
    assert data == export_bytes(fresh, "turtle")
    text = data.decode()
    assert "@prefix person: <https://kg.example/id/person/> ." in text
    assert "person:abu-bakr-al-baghdadi a kgo:Person ;" in text


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_tool_formats(built, fmt, reader):
    graph = reader(io.BytesIO(export_bytes(built, fmt)))
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    assert "Abu Bakr al-Baghdadi" in labels and "Operation Kayla Mueller" in labels


VOCABULARY_ONLY = {
    "people": ("PREFIX schema: <https://schema.org/> SELECT ?x WHERE { ?x a schema:Person }", 6),
    "organisations": ("PREFIX org: <http://www.w3.org/ns/org#> SELECT ?x WHERE { ?x a org:Organization }", 8),
    "events": ("PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> SELECT ?x WHERE { ?x a sem:Event }", 9),
    "quotes and their sources": (
        "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX oa: <http://www.w3.org/ns/oa#> "
        "SELECT DISTINCT ?q ?src WHERE { ?q a oa:SpecificResource, prov:Entity ; "
        "oa:hasSource ?src ; prov:wasQuotedFrom ?src ; prov:wasAttributedTo ?who }",
        None,
    ),
    "memberships": (
        "PREFIX org: <http://www.w3.org/ns/org#> "
        "SELECT ?p ?o WHERE { ?m org:member ?p ; org:organization ?o ; org:memberDuring ?i }",
        4,
    ),
}


@pytest.mark.parametrize("name", list(VOCABULARY_ONLY))
def test_inferred_export_answers_in_standard_vocabularies(built, name):
    """Loaded into a store that knows nothing of kgo:, the inferred export still answers."""
    sparql, count = VOCABULARY_ONLY[name]
    store = pyoxigraph.Store()
    store.load(export_bytes(built, "nquads", inferred=True), format=pyoxigraph.RdfFormat.N_QUADS)
    plain = pyoxigraph.Store()
    plain.load(export_bytes(built, "nquads"), format=pyoxigraph.RdfFormat.N_QUADS)
    # without the ontology's subclass links, a store answers nothing in these vocabularies
    plain.update("DELETE WHERE { GRAPH <https://kg.example/ontology> { ?s ?p ?o } }")
    rows = list(store.query(sparql, use_default_graph_as_union=True))
    assert rows and (count is None or len(rows) == count), len(rows)
    assert not list(plain.query(sparql, use_default_graph_as_union=True))
