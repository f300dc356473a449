"""The graph as a network of entities and facts: neighbours, paths, centrality (networkx).

Evidence, selectors, sources and ontology terms are left out so that the picture shows who
did what to whom; n-ary fact nodes keep their readable labels ("X: 1st ruler of Y
(–2019)"). Everything is read from the built store with SPARQL
(queries/network/): neighbours and paths ask about the nodes they visit only, so they cost
about what `kg ask` does at any size; centrality and pictures load the whole network.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pyoxigraph import NamedNode, Store

from kg.errors import UsageError
from kg.project import Project, shipped_query
from kg.store import select
from kg.vocab import KGO

if TYPE_CHECKING:
    import networkx as nx  # imported where the whole network is loaded: neighbours and paths need none


def _query(name: str) -> str:
    return shipped_query(f"network/{name}.rq")


def _about(text: str, var: str, nodes: list[str]) -> str:
    """The query restricted to some nodes: a VALUES block of IRIs (written by pyoxigraph)."""
    values = " ".join(str(NamedNode(n)) for n in sorted(nodes))
    head, where, rest = text.partition("WHERE {")
    return f"{head}{where} VALUES ?{var} {{ {values} }}{rest}"


def _edges(store: Store, var: str | None = None, nodes: list[str] | None = None) -> list[tuple[str, str, str]]:
    text = _query("edges") if var is None else _about(_query("edges"), var, nodes or [])
    return sorted({(r["s"].value, r["p"].value, r["o"].value) for r in select(store, text)})


def _nodes(store: Store, nodes: list[str], query: str = "nodes") -> dict[str, dict[str, str]]:
    """label, kind and (query "nodes") succession attributes of nodes (one value each, the
    least, so the result is the same whatever order the store returns); query "labels":
    label and kind only."""
    found: dict[str, dict[str, set[str]]] = {n: {} for n in nodes}
    for batch in range(0, len(nodes), 50_000):
        solutions = select(store, _about(_query(query), "n", nodes[batch:batch + 50_000]))
        keys = [v.value for v in solutions.variables if v.value != "n"]
        for row in solutions:
            attrs = found[row["n"].value]
            for key in keys:
                if row[key] is not None:
                    attrs.setdefault(key, set()).add(row[key].value)
    out = {}
    for node, attrs in found.items():
        values = {k: min(v) for k, v in attrs.items()}
        values["label"] = values.get("label", node)
        values["kind"] = values["kind"].removeprefix(KGO) if "kind" in values else "Thing"
        out[node] = values
    return out


def load_network(project: Project) -> nx.MultiDiGraph:
    """Entities and facts as nodes (label, kind), relations between them as edges, in a
    fixed order (the same bytes in GraphML and GEXF for the same graph)."""
    import networkx as nx

    from kg.store import open_store

    store = open_store(project)
    edges = _edges(store)
    nodes = sorted({e[0] for e in edges} | {e[2] for e in edges})
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    for node, attrs in _nodes(store, nodes).items():
        graph.add_node(node, **attrs)
    for s, p, o in edges:
        graph.add_edge(s, o, key=p, predicate=p.removeprefix(KGO))
    return graph


@dataclass(frozen=True)
class Edge:
    direction: str  # -> or <-
    predicate: str
    label: str
    iri: str
    kind: str


def find(store: Store, project: Project, name: str, argument: str = "NAME") -> str:
    """A node of the network by name, alias or IRI (names resolved through the store);
    `argument` is the command's argument that gave the name, for errors."""
    from kg import query

    if name.startswith("http") and _iri(name) and _linked(store, name):
        return name
    node, _ = query.term_for(store, project, query.Param("node", "entity", False, ""), name, f"{argument} {name!r}")
    if not _linked(store, node.value):
        raise UsageError(f"{argument} {name!r} has no relations in the network")
    return node.value


def _iri(name: str) -> bool:
    """`name` is an IRI pyoxigraph accepts (one that is not is looked up as a name)."""
    try:
        NamedNode(name)
    except ValueError:
        return False
    return True


def _linked(store: Store, node: str) -> bool:
    """The node has an edge in the network (one is enough: a place may have thousands)."""
    return any(next(iter(select(store, _about(_query("edges"), var, [node]) + "LIMIT 1")), None) is not None
               for var in ("s", "o"))


def neighbours(store: Store, node: str) -> list[Edge]:
    out_edges, in_edges = _edges(store, "s", [node]), _edges(store, "o", [node])
    attrs = _nodes(store, sorted({o for _, _, o in out_edges} | {s for s, _, _ in in_edges}), "labels")
    found = {Edge("->", p.removeprefix(KGO), attrs[o]["label"], o, attrs[o]["kind"]) for _, p, o in out_edges}
    found |= {Edge("<-", p.removeprefix(KGO), attrs[s]["label"], s, attrs[s]["kind"]) for s, p, _ in in_edges}
    return sorted(found, key=lambda e: (e.direction, e.predicate, e.label))


def path(store: Store, a: str, b: str) -> list[tuple[str, str, str]]:
    """The shortest chain of relations between two nodes, in either direction:
    (node label, predicate to next, arrow). A breadth-first search from both ends that asks
    the store for the edges of each frontier only, and expands next the frontier that
    touches fewer triples: a path through a place named by thousands of figures meets it
    from both sides instead of reading every figure of the place."""
    if a == b:
        return [(_nodes(store, [a], "labels")[a]["label"], "", "")]
    parents: list[dict[str, str | None]] = [{a: None}, {b: None}]
    frontiers = [[a], [b]]
    costs = [_degree(store, [a]), _degree(store, [b])]
    while True:  # ends: the frontiers meet, or one is empty (its side's component is read)
        side = 0 if costs[0] <= costs[1] else 1
        if not frontiers[side]:
            return []
        found = []
        for s, _, o in _edges(store, "s", frontiers[side]) + _edges(store, "o", frontiers[side]):
            here, there = (s, o) if s in parents[side] else (o, s)
            if there not in parents[side]:
                parents[side][there] = here
                found.append(there)
        frontiers[side] = sorted(set(found))
        meet = sorted(n for n in frontiers[side] if n in parents[1 - side])
        if meet:
            return _steps(store, _chain(parents, meet[0]))
        costs[side] = _degree(store, frontiers[side], costs[1 - side] + 1) if frontiers[side] else 0


def _degree(store: Store, nodes: list[str], bound: int = 0) -> int:
    """How many triples touch these nodes (an estimate of the work of expanding them),
    counted up to `bound` when it is not 0."""
    rows = _about(_query("degree"), "n", nodes) + (f" LIMIT {int(bound)}" if bound else "")
    row = next(iter(select(store, f"SELECT (COUNT(*) AS ?triples) WHERE {{ {rows} }}")))
    return int(row["triples"].value)


def _chain(parents: list[dict[str, str | None]], meet: str) -> list[str]:
    left: list[str] = []
    node: str | None = meet
    while node is not None:
        left.append(node)
        node = parents[0][node]
    right: list[str] = []
    node = parents[1][meet]
    while node is not None:
        right.append(node)
        node = parents[1][node]
    return left[::-1] + right


def _steps(store: Store, nodes: list[str]) -> list[tuple[str, str, str]]:
    attrs = _nodes(store, nodes, "labels")
    edges = _edges(store, "s", nodes)
    steps = []
    for here, there in itertools.pairwise(nodes):
        forward = sorted(p for s, p, o in edges if s == here and o == there)
        backward = sorted(p for s, p, o in edges if s == there and o == here)
        predicate = (forward or backward)[0].removeprefix(KGO)
        steps.append((attrs[here]["label"], predicate, "->" if forward else "<-"))
    steps.append((attrs[nodes[-1]]["label"], "", ""))
    return steps


BETWEENNESS_WORK = 3_000_000  # node and edge visits: sampled sources x (nodes + edges)
RANKED = 1000  # nodes kept in a generation's cached ranking


def central(graph: nx.MultiDiGraph, top: int = 10, measure: str = "betweenness") -> list[tuple[str, str, float]]:
    """The most central nodes: (label, kind, score). Betweenness is exact while that costs at
    most BETWEENNESS_WORK visits, else estimated from as many sampled sources as fit in it
    (at least 20; fixed seed, so it is repeatable)."""
    import networkx as nx

    scores = _scores(nx.Graph(graph.to_undirected()), measure)
    return _top(scores, {n: graph.nodes[n] for n in _contenders(scores, top)}, top)


def _scores(simple: nx.Graph, measure: str) -> dict[Any, float]:
    import networkx as nx

    if measure == "betweenness":
        size = simple.number_of_nodes() + simple.number_of_edges()
        sample = max(20, BETWEENNESS_WORK // max(size, 1))
        k = sample if sample < simple.number_of_nodes() else None
        return dict(nx.betweenness_centrality(simple, k=k, seed=0 if k else None))
    return dict(nx.degree_centrality(simple))


def _contenders(scores: dict[Any, float], top: int) -> list[Any]:
    """The nodes that can be among the top ones once ties are ordered by label: those scoring
    at least the top-th best score."""
    if len(scores) <= top:
        return sorted(scores)
    least = sorted(scores.values(), reverse=True)[top - 1]
    return sorted(n for n, s in scores.items() if s >= least)


def _top(scores: dict[Any, float], attrs: dict[Any, Any], top: int) -> list[tuple[str, str, float]]:
    ranked = sorted(attrs, key=lambda n: (-scores[n], attrs[n]["label"]))
    return [(attrs[n]["label"], attrs[n]["kind"], round(scores[n], 4)) for n in ranked[:top]]


def _ranked(project: Project, top: int, measure: str) -> list[tuple[str, str, float]]:
    """central() of the built store's network, with labels and kinds read for the nodes that
    can rank only: the network's structure is all a centrality needs."""
    import networkx as nx

    from kg.store import open_store

    store = open_store(project)
    edges = _edges(store)
    simple: nx.Graph = nx.Graph()
    simple.add_nodes_from(sorted({e[0] for e in edges} | {e[2] for e in edges}))  # the order sampling sees
    simple.add_edges_from((s, o) for s, _, o in edges)
    scores = _scores(simple, measure)
    return _top(scores, _nodes(store, _contenders(scores, top), "labels"), top)


def ranking(project: Project, top: int = 10, measure: str = "betweenness") -> list[tuple[str, str, float]]:
    """The most central nodes of the built network, computed once per build generation: the
    ranking is kept beside the generation's files, so asking again costs a file read."""
    import json

    from kg.files import atomic_write
    from kg.store import CURRENT

    cached = project.build / CURRENT / f"central-{measure}.json"
    if top <= RANKED:
        try:
            rows = json.loads(cached.read_text(encoding="utf-8"))
            return [(str(label), str(kind), float(score)) for label, kind, score in rows[:top]]
        except (OSError, ValueError, TypeError):
            pass  # not computed yet for this generation, or unreadable: compute it
    rows = _ranked(project, max(top, RANKED), measure)
    try:
        atomic_write(cached, json.dumps(rows, ensure_ascii=False).encode("utf-8"))
    except (OSError, UsageError):
        pass  # a read-only build folder: the answer stands, only the cache is missing
    return rows[:top]


def write_network(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """GraphML or GEXF with nodes and edges in sorted order: the same bytes for the same graph
    (rdflib hands triples over in hash order)."""
    import networkx as nx

    ordered: nx.MultiDiGraph = nx.MultiDiGraph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda n: n[0]))
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], sorted(e[3].items())))
    ordered.add_edges_from((u, v, attrs) for u, v, _, attrs in edges)
    buf = io.BytesIO()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(ordered, buf)
    return buf.getvalue()
