"""The built graph in every RDF format other stores read, and GraphML/GEXF for graph tools."""

from __future__ import annotations

from pyoxigraph import NamedNode, Quad, RdfFormat, serialize  # noqa: F401

from kg import sparqlsafe
from kg.errors import UsageError
from kg.project import Project
from kg.store import TRIG, TURTLE, _sorted_prefixes, built_file, open_store, turtle_bytes
from kg.vocab import ID, INDEX_GRAPH, PREFIXES

RDF_FORMATS = {
    "turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD, "xml": RdfFormat.RDF_XML,
}
INFERRED_GRAPH = ID + "source/inferred"


def graph_quads(project: Project, inferred: bool = False) -> list[Quad]:
    """Every exported quad of the built store (the lookup index stays behind), sorted."""
    store = open_store(project)
    quads = [q for q in store.quads_for_pattern(None, None, None)
             if isinstance(q.graph_name, NamedNode) and not q.graph_name.value.startswith(INDEX_GRAPH)]
    if inferred:
        quads += inferred_quads(project, store)
    return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def inferred_quads(project: Project, store) -> list[Quad]:
    """Standard super-classes and super-properties, from the CONSTRUCT rules in
    queries/construct/ (run over the ontology kept in the store)."""
    from kg.project import shipped_dir

    graph = NamedNode(INFERRED_GRAPH)
    out = []
    for path in sorted((shipped_dir("queries") / "construct").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        sparqlsafe.check_file(path, text)
        for triple in store.query(text):
            out.append(Quad(triple.subject, triple.predicate, triple.object, graph))
    return out


def export_bytes(project: Project, fmt: str, inferred: bool = False) -> bytes:
    if fmt in ("graphml", "gexf"):
        from kg.network import load_network, write_network

        return write_network(load_network(project), fmt)
    if fmt not in RDF_FORMATS:
        raise UsageError(f"unknown export format '{fmt}' (one of: {', '.join([*RDF_FORMATS, 'graphml', 'gexf'])})")
    if not inferred and fmt in ("turtle", "trig"):
        return built_file(project, TURTLE if fmt == "turtle" else TRIG).read_bytes()
    quads = graph_quads(project, inferred)
    if fmt == "turtle":
        return turtle_bytes(quads)
    if fmt == "jsonld":
        return jsonld_bytes(quads)
    rdf_format = RDF_FORMATS[fmt]
    if fmt in ("ntriples", "xml"):
        triples = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        data = serialize(triples, format=rdf_format, prefixes=PREFIXES if fmt == "xml" else None)
    else:
        data = serialize(quads, format=rdf_format, prefixes=PREFIXES if fmt != "nquads" else None)
    return _sorted_prefixes(data) if fmt == "trig" else data


def jsonld_bytes(quads: list[Quad]) -> bytes:
    """Compacted JSON-LD, one @graph per named graph, with an inline @context of the
    prefixes: readers never fetch a context from the network."""
    import rdflib

    dataset = rdflib.Dataset()
    dataset.parse(data=serialize(quads, format=RdfFormat.N_QUADS), format="nquads")
    text = dataset.serialize(format="json-ld", context=dict(sorted(PREFIXES.items())), indent=1, sort_keys=True)
    return text.encode("utf-8")
