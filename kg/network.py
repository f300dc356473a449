"""The graph as a networkx MultiDiGraph of entities and facts: neighbours, paths, centrality.

Evidence, selectors, sources and ontology terms are left out so that the picture shows who
did what to whom; n-ary fact nodes keep their readable labels ("Abu Bakr al-Baghdadi: 1st
ruler of Islamic State (–2019)").
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.errors import UsageError
from kg.project import Project
from kg.vocab import ID, KGO

SKIP_PREDICATES = {KGO + "evidence", KGO + "statedIn", KGO + "endedBy"}
NODE_KINDS = ("person/", "organization/", "place/", "area/", "period/", "event/", "fact/")


def _is_node(iri: str) -> bool:
    return iri.startswith(ID) and iri[len(ID):].startswith(NODE_KINDS)


def load_network(project: Project) -> nx.MultiDiGraph:
    """Entities and facts as nodes (label, kind), relations between them as edges."""
    import rdflib
    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

    from kg.store import built_file

    data = rdflib.Graph().parse(built_file(project), format="turtle")
    labels = {str(s): str(o) for s, o in data.subject_objects(rdflib.RDFS.label)}
    kinds = {str(s): str(o).rsplit("#", 1)[-1] for s, o in sorted(data.subject_objects(rdflib.RDF.type))
             if str(o).startswith(KGO)}  # sorted: the same kind whatever the hash seed
    relations = rdflib.Graph()
    for s, p, o in data:
        if (str(p).startswith(KGO) and str(p) not in SKIP_PREDICATES and isinstance(o, rdflib.URIRef)
                and _is_node(str(s)) and _is_node(str(o))):
            relations.add((s, p, o))
    graph = rdflib_to_networkx_multidigraph(
        relations, edge_attrs=lambda s, p, o: {"predicate": str(p).removeprefix(KGO)})
    mapped = nx.relabel_nodes(graph, {n: str(n) for n in graph.nodes})
    for node in mapped.nodes:
        mapped.nodes[node]["label"] = labels.get(node, node)
        mapped.nodes[node]["kind"] = kinds.get(node, "Thing")
    # leadership terms keep what draws the succession: organisation, role, ordinal
    for predicate in ("ordinal", "organization", "role"):
        for s, o in data.subject_objects(rdflib.URIRef(KGO + predicate)):
            if str(s) in mapped:
                mapped.nodes[str(s)][predicate] = str(o)
    for _, _, key, attrs in mapped.edges(keys=True, data=True):
        attrs.pop("triples", None)
    return mapped


@dataclass(frozen=True)
class Edge:
    direction: str  # -> or <-
    predicate: str
    label: str
    iri: str
    kind: str


def find(graph: nx.MultiDiGraph, project: Project, name: str) -> str:
    """A node of the network by name, alias or IRI (names resolved through the store)."""
    if name in graph:
        return name
    from kg import query

    store = query.backend(project)
    node, _ = query.term_for(store, project, query.Param("node", "entity", False, ""), name)
    if node.value not in graph:
        raise UsageError(f"'{name}' has no relations in the network")
    return node.value


def neighbours(graph: nx.MultiDiGraph, node: str) -> list[Edge]:
    out = []
    for _, target, attrs in graph.out_edges(node, data=True):
        t = graph.nodes[target]
        out.append(Edge("->", attrs["predicate"], t["label"], target, t["kind"]))
    for source, _, attrs in graph.in_edges(node, data=True):
        s = graph.nodes[source]
        out.append(Edge("<-", attrs["predicate"], s["label"], source, s["kind"]))
    return sorted(set(out), key=lambda e: (e.direction, e.predicate, e.label))


def path(graph: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str, str]]:
    """The shortest chain of relations between two nodes, in either direction:
    (node label, predicate to next, arrow)."""
    try:
        nodes = nx.shortest_path(graph.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath:
        return []
    steps = []
    for here, there in zip(nodes, nodes[1:]):
        forward = graph.get_edge_data(here, there)
        data = forward or graph.get_edge_data(there, here)
        predicate = sorted(d["predicate"] for d in data.values())[0]
        steps.append((graph.nodes[here]["label"], predicate, "->" if forward else "<-"))
    steps.append((graph.nodes[nodes[-1]]["label"], "", ""))
    return steps


def central(graph: nx.MultiDiGraph, top: int = 10, measure: str = "betweenness") -> list[tuple[str, str, float]]:
    """The most central nodes: (label, kind, score)."""
    simple = nx.Graph(graph.to_undirected())
    scores: dict[Any, float] = (nx.betweenness_centrality(simple) if measure == "betweenness"
                                else nx.degree_centrality(simple))
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], graph.nodes[kv[0]]["label"]))
    return [(graph.nodes[n]["label"], graph.nodes[n]["kind"], round(s, 4)) for n, s in ranked[:top]]


def write_network(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """GraphML or GEXF with nodes and edges in sorted order: the same bytes for the same graph
    (rdflib hands triples over in hash order)."""
    ordered = nx.MultiDiGraph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda n: n[0]))
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], sorted(e[3].items())))
    ordered.add_edges_from((u, v, attrs) for u, v, _, attrs in edges)
    buf = io.BytesIO()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(ordered, buf)
    return buf.getvalue()
