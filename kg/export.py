"""The built graph in every RDF format other stores read, and GraphML/GEXF for graph tools."""

from __future__ import annotations

import json
import re
from typing import Any

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


# XML 1.0's Char production: other code points (NUL, most C0 controls, U+FFFE, U+FFFF) cannot
# stand in an XML document at all, not even as character references.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def export_bytes(project: Project, fmt: str, inferred: bool = False) -> bytes:
    data = _export(project, fmt, inferred)
    if fmt in ("xml", "graphml", "gexf"):
        check_xml_chars(data, fmt)
    return data


def check_xml_chars(data: bytes, fmt: str) -> None:
    """Refuse, naming the character and where, an XML export that would not be well-formed
    (RDF/XML, GraphML and GEXF are XML 1.0): kg does not change a text to fit a format."""
    text = data.decode("utf-8")
    bad = NOT_XML.search(text)
    if bad:
        around = text[max(0, bad.start() - 30):bad.start() + 30]
        raise UsageError(f"--format {fmt}: the graph holds U+{ord(bad.group()):04X} (in {around!r}), "
                         "which XML 1.0 cannot carry, not even escaped; export as turtle, ntriples, "
                         "nquads, trig or jsonld, which carry every character")


def _export(project: Project, fmt: str, inferred: bool) -> bytes:
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
    # rdflib lists nodes and values in hash order: sort every array (but @list, whose order
    # is the data) so the same graph gives the same bytes
    return json.dumps(_sorted_arrays(json.loads(text)), indent=1, sort_keys=True,
                      ensure_ascii=False).encode("utf-8")


def _sorted_arrays(value: Any, ordered: bool = False) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_arrays(v, k == "@list") for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_arrays(v) for v in value]
        return items if ordered else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value
