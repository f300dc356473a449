"""The built graph in every RDF format other stores read, and GraphML/GEXF for graph tools.

The quad formats a store's bulk loader reads (N-Quads, TriG) also carry the lookup-key
graphs (`https://kg.example/id/index/...`), so `kg ask --endpoint` resolves names in a store
loaded from the export just as in one filled by `kg push`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pyoxigraph import NamedNode, Quad, RdfFormat, serialize

from kg import sparqlsafe
from kg.errors import UsageError
from kg.project import Project
from kg.store import TRIG, TURTLE, body, built_file, open_store, sorted_prefixes, turtle_bytes
from kg.vocab import INDEX_GRAPH, INFERRED_GRAPH, PREFIXES, SCHEMA

RDF_FORMATS = {
    "turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD, "xml": RdfFormat.RDF_XML,
}
INDEX_FORMATS = ("nquads", "trig")  # the formats that carry the lookup-key graphs
SCHEMA_HTTP = "http://schema.org/"  # the other spelling of schema.org, for --schema-org http


def graph_quads(project: Project, inferred: bool = False, index: bool = False) -> list[Quad]:
    """Every exported quad of the built store, sorted; the lookup keys only with `index`."""
    store = open_store(project)
    quads = [q for q in store.quads_for_pattern(None, None, None)
             if isinstance(q.graph_name, NamedNode) and (index or not q.graph_name.value.startswith(INDEX_GRAPH))]
    if inferred:
        quads += inferred_quads(project, store)
    return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def index_quads(project: Project) -> list[Quad]:
    """The lookup-key graphs alone, sorted."""
    return [q for q in graph_quads(project, index=True)
            if isinstance(q.graph_name, NamedNode) and q.graph_name.value.startswith(INDEX_GRAPH)]


def with_schema_http(quads: list[Quad]) -> list[Quad]:
    """The same quads with https://schema.org/ terms written http://schema.org/."""
    def term(t):
        if isinstance(t, NamedNode) and t.value.startswith(SCHEMA):
            return NamedNode(SCHEMA_HTTP + t.value[len(SCHEMA):])
        return t

    return [Quad(term(q.subject), term(q.predicate), term(q.object), q.graph_name) for q in quads]


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


def export_bytes(project: Project, fmt: str, inferred: bool = False, schema_org: str = "https") -> bytes:
    """`schema_org`: "https" (kg's own, https://schema.org/) or "http" (http://schema.org/)."""
    data = _export(project, fmt, inferred, schema_org)
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


def _export(project: Project, fmt: str, inferred: bool, schema_org: str) -> bytes:
    if fmt in ("graphml", "gexf"):
        from kg.network import load_network, write_network

        return write_network(load_network(project), fmt)
    if fmt not in RDF_FORMATS:
        raise UsageError(f"unknown export format '{fmt}' (one of: {', '.join([*RDF_FORMATS, 'graphml', 'gexf'])})")
    if schema_org not in ("https", "http"):
        raise UsageError(f"--schema-org {schema_org!r}: give https or http")
    if not inferred and schema_org == "https" and fmt in ("turtle", "trig"):
        data = built_file(project, TURTLE if fmt == "turtle" else TRIG).read_bytes()
        if fmt == "trig":  # the built TriG declares every prefix at its top
            data += body(serialize(index_quads(project), format=RdfFormat.TRIG, prefixes=PREFIXES) or b"")
        return data
    quads = graph_quads(project, inferred, index=fmt in INDEX_FORMATS)
    prefixes = PREFIXES
    if schema_org == "http":
        quads, prefixes = with_schema_http(quads), {**PREFIXES, "schema": SCHEMA_HTTP}
    if fmt == "turtle" and prefixes is PREFIXES:
        return turtle_bytes(quads)
    if fmt == "jsonld":
        return jsonld_bytes(quads, prefixes)
    rdf_format = RDF_FORMATS[fmt]
    if fmt in ("ntriples", "xml", "turtle"):
        triples = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        data = serialize(triples, format=rdf_format, prefixes=prefixes if fmt != "ntriples" else None) or b""
    else:
        data = serialize(quads, format=rdf_format, prefixes=prefixes if fmt != "nquads" else None) or b""
    return sorted_prefixes(data) if fmt in ("trig", "turtle") else data


def jsonld_bytes(quads: list[Quad], prefixes: dict[str, str] = PREFIXES) -> bytes:
    """Compacted JSON-LD, one @graph per named graph, with an inline @context of the
    prefixes: readers never fetch a context from the network."""
    import rdflib

    dataset = rdflib.Dataset()
    dataset.parse(data=serialize(quads, format=RdfFormat.N_QUADS), format="nquads")
    text = dataset.serialize(format="json-ld", context=dict(sorted(prefixes.items())), indent=1, sort_keys=True)
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
