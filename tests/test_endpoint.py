"""A real Oxigraph SPARQL server on 127.0.0.1, started by the test: kg push loads the graph
(incrementally, replacing graphs as one), and kg query / kg ask give the same answers there
as on the local build, ASK included."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from bench.generate import generate
from kg import query as q
from kg.ask import ask
from kg.endpoint import Endpoint
from kg.errors import EndpointError, UsageError
from kg.pipeline import build_project
from kg.project import Project
from kg.push import push
from kg.store import chunk_keys, open_store

from . import servers
from .test_queries import PARAMS, comparable


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    found = servers.oxigraph()
    report = push(servers.copy_built(built, tmp_path_factory.mktemp("pushed") / "p"), found.url)
    yield found.url, report
    found.stop()


def remote_graph(store_url: str, graph: str) -> set:
    """A graph as the store holds it, fetched with a Graph Store Protocol GET."""
    req = urllib.request.Request(f"{store_url}?{urllib.parse.urlencode({'graph': graph})}",
                                 headers={"Accept": "application/n-triples"})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return {q.triple for q in parse(response.read(), format=RdfFormat.N_TRIPLES)}
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return set()
        raise


def local_graph(project: Project, graph: str) -> set:
    return {q.triple for q in open_store(project).quads_for_pattern(None, None, None, NamedNode(graph))}


def same_as_local(project: Project, store_url: str) -> None:
    for graph in open_store(project).named_graphs():
        assert remote_graph(store_url, graph.value) == local_graph(project, graph.value), graph.value


def test_push_one_graph_per_article(server, built):
    url, report = server
    assert "https://kg.example/id/source/centcom-isis-2024" in report.added
    assert {"https://kg.example/ontology", "https://kg.example/id/index/centcom-isis-2024"} <= set(report.added)
    assert report.bulk and report.triples > 1000
    same_as_local(built, url.removesuffix("/query") + "/store")
    rows = Endpoint(url).select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {})[1]
    assert int(rows[0]["n"].value) == report.triples


def test_push_is_incremental(tmp_path):
    """Only what changed is sent; removed articles' graphs are dropped; a graph the store lost
    is sent again; --all sends everything; other graphs in the store are left alone."""
    project = Project(generate(tmp_path / "p", articles=3, orgs=2))
    assert build_project(project).report.conforms
    found = servers.oxigraph()
    try:
        other = "http://example.org/someone-elses-graph"
        Endpoint(found.url).client.request("PUT", _graph_url(found.store, other),
                                           b"<http://a> <http://b> <http://c> .\n",
                                           {"Content-Type": "application/n-triples"})
        first = push(project, found.url)
        graphs = sorted(g.value for g in open_store(project).named_graphs())
        assert first.added == graphs and len(graphs) == 3 * 2 + 1  # (graph, keys) per article, ontology
        assert not first.replaced
        again = push(project, found.url)
        assert (again.added, again.replaced, again.removed, again.triples) == ([], [], [], 0)
        assert again.unchanged == len(first.added)

        facts = project.root / "data" / "facts"
        (facts / "a1.yaml").unlink()
        (project.root / "data" / "articles" / "a1.txt").unlink()
        assert build_project(project).report.conforms
        dropped = push(project, found.url)
        assert dropped.removed == ["https://kg.example/id/index/a1", "https://kg.example/id/source/a1"]
        assert not dropped.added and not dropped.replaced
        assert remote_graph(found.store, "https://kg.example/id/source/a1") == set()
        same_as_local(project, found.store)

        _update(found, "DROP GRAPH <https://kg.example/id/source/a2> ; DROP GRAPH <https://kg.example/ontology>")
        lost = push(project, found.url)  # the store lost what kg pushed: everything is sent again
        assert lost.added == ["https://kg.example/id/source/a2", "https://kg.example/ontology"]
        assert len(lost.replaced) == len(graphs) - 2 - 2
        everything = push(project, found.url, everything=True)
        assert len(everything.replaced) == len(graphs) - 2
        same_as_local(project, found.store)
        assert remote_graph(found.store, other) != set()
    finally:
        found.stop()


def test_changed_graphs_are_replaced_as_one(fresh):
    """A changed alias list replaces exactly the graphs whose content changed (the curation
    graphs, not the article's, whose key changed too), through temporary graphs and one SPARQL
    Update; no temporary graph is left behind."""
    assert build_project(fresh).report.conforms
    found = servers.oxigraph()
    try:
        push(fresh, found.url)
        keys = chunk_keys(fresh)
        aliases = fresh.root / "data" / "aliases.yaml"
        aliases.write_text(aliases.read_text() + "abu-hafs-al-hashimi-al-qurashi: [Abu Hafs]\n")
        assert build_project(fresh).report.conforms
        assert chunk_keys(fresh) != keys  # the article's inputs changed, its graph did not
        report = push(fresh, found.url)
        assert report.replaced == ["https://kg.example/id/index/curated-aliases",
                                   "https://kg.example/id/source/curated-aliases"]
        assert report.atomic and not report.added
        same_as_local(fresh, found.store)
        graphs = Endpoint(found.url).select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {})[1]
        assert not [r["g"].value for r in graphs if r["g"].value.startswith("urn:kg:push:")]
        from kg.ask.link import resolve

        found_by_alias = resolve(Endpoint(found.url), fresh, "Abu Hafs")
        assert [e.iri for e in found_by_alias] == ["https://kg.example/id/person/abu-hafs-al-hashimi-al-qurashi"]
    finally:
        found.stop()


def _graph_url(store: str, graph: str):
    from kg.http import parse_url

    return parse_url(f"{store}?{urllib.parse.urlencode({'graph': graph})}")


def _update(server: servers.Server, text: str) -> None:
    from kg.http import parse_url

    Endpoint(server.url).client.request("POST", parse_url(server.url.removesuffix("/query") + "/update"),
                                        urllib.parse.urlencode({"update": text}).encode(),
                                        {"Content-Type": "application/x-www-form-urlencoded"})


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_named_queries_same_answers(server, built, name):
    url, _ = server
    local = q.run_named(open_store(built), built, name, PARAMS[name])
    remote = q.run_named(Endpoint(url), built, name, PARAMS[name])
    assert comparable(remote.rows) == comparable(local.rows)


# Parameters for tests/projects/multigroup, whose articles name the same people, places and
# groups: each article's graph states their labels and lookup keys again.
SHARED_PARAMS = {
    **{name: {} for name in PARAMS},
    "leaders": {"org": "FARC"},
    "successors": {"person": "Alfonso Cano"},
    "told-together": {"event": "https://kg.example/id/event/killing-of-hassan-nasrallah", "kind": "kgo:Killing"},
    "denials": {"event": "https://kg.example/id/event/killing-of-hassan-nasrallah"},
    "event-roles": {"event": "https://kg.example/id/event/westgate-mall-attack-2013"},
    "breakdown": {"total": "https://kg.example/id/fact/al-shabaab-2023.westgate-killed"},
    "evidence": {"node": "https://kg.example/id/fact/farc-leadership-2011.fighters-decade-ago"},
    "aliases": {"node": "FARC"},
    "lookup": {"key": "farc"},
    "lookup-labels": {"word": "nasrallah"},
    "suggest": {"start": "uni"},
    "suggest-count": {"start": "uni"},
    "mentions": {"node": "United States"},
    "sources-naming": {"node": "United States"},
    "attributed": {"agent": "Israel Defense Forces"},
    "described": {"occupation": "doctor"},
}
SHARED_QUESTIONS = [
    "who was Nasrallah's son?",
    "what is the FARC?",
    "who did the Israel Defense Forces kill?",
    "who was Marulanda's successor's successor?",
]


@pytest.fixture(scope="module")
def shared(projects, tmp_path_factory):
    """An Oxigraph server whose default graph is the union of the named graphs at query time,
    so a triple that several articles state is matched once per article (kg's own store keeps
    the union as a set)."""
    found = servers.oxigraph()
    project = servers.copy_built(projects["multigroup"], tmp_path_factory.mktemp("shared") / "p")
    push(project, found.url)
    yield project, found.url
    found.stop()


@pytest.mark.parametrize("name", sorted(SHARED_PARAMS))
def test_named_queries_same_rows_when_articles_share_entities(shared, name):
    """Every row as often as the local store gives it: a label stated by four articles is no
    reason to list a headline, a quote or a successor four times, or to count a name four times."""
    project, url = shared
    local = q.run_named(open_store(project), project, name, SHARED_PARAMS[name])
    remote = q.run_named(Endpoint(url, 30), project, name, SHARED_PARAMS[name])
    assert comparable(remote.rows) == comparable(local.rows)


@pytest.mark.parametrize("question", SHARED_QUESTIONS)
def test_answers_are_not_repeated_when_articles_share_entities(shared, question):
    project, url = shared
    here, there = ask(question, open_store(project), project), ask(question, Endpoint(url, 30), project)
    assert there.text() == here.text()


def test_ask_query_locally_and_remotely(server, built, run):
    """ASK answers true/false, and --format json prints the SPARQL 1.1 JSON boolean form."""
    url, _ = server
    for where in ([], ["--endpoint", url]):
        for text, expected in (("ASK { ?s ?p ?o }", True), ("ASK { <http://nowhere.example/x> ?p ?o }", False)):
            result = run(built, "query", "--sparql", text, "--format", "json", *where)
            assert result.exit_code == 0, result.output
            assert json.loads(result.output) == {"head": {}, "boolean": expected}
            result = run(built, "query", "--sparql", text, *where)
            assert result.output.strip() == str(expected).lower()


def test_cli_against_endpoint(server, built, run):
    url, _ = server
    result = run(built, "ask", "who led ISIS in 2019?", "--endpoint", url, "--format", "json", "--timeout", "20")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["answers"][0]["label"] == "Abu Bakr al-Baghdadi"


def test_cli_push_reports_and_lists(built, run, tmp_path):
    project = servers.copy_built(built, tmp_path / "p")
    found = servers.oxigraph()
    try:
        result = run(project, "push", "--endpoint", found.url, "-v")
        assert result.exit_code == 0, result.output
        assert "added https://kg.example/id/source/centcom-isis-2024" in result.output
        assert "5 graph(s) added, 0 replaced, 0 removed, 0 unchanged" in result.output
        result = run(project, "push", "--endpoint", found.url)
        assert "0 graph(s) added, 0 replaced, 0 removed, 5 unchanged; nothing to send" in result.output
    finally:
        found.stop()


def test_endpoint_errors(server):
    url, _ = server
    with pytest.raises(UsageError, match="http:// or https://"):
        Endpoint("file:///etc/passwd")
    with pytest.raises(EndpointError, match="HTTP 400"):
        Endpoint(url).select("SELECT WHERE {", {})
    with pytest.raises(EndpointError, match="cannot connect"):
        Endpoint(f"http://127.0.0.1:{servers.free_port()}").select("ASK {}", {})


@pytest.mark.parametrize("endpoint,store,update", [
    ("http://h:7878", "http://h:7878/store", "http://h:7878/update"),  # Oxigraph
    ("http://h:7878/query", "http://h:7878/store", "http://h:7878/update"),
    ("http://h:8890/sparql", "http://h:8890/sparql-graph-crud", "http://h:8890/sparql"),  # Virtuoso
    ("http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql-auth"),
    ("http://h:3030/ds/sparql", "http://h:3030/ds/data", "http://h:3030/ds/update"),  # Fuseki
    ("http://h:3030/ds", "http://h:3030/ds/data", "http://h:3030/ds/update"),
    ("http://h:7200/repositories/kg", "http://h:7200/repositories/kg/rdf-graphs/service",
     "http://h:7200/repositories/kg/statements"),  # GraphDB
])
def test_usual_store_and_update_urls(endpoint, store, update):
    from kg.push import urls

    gsp, upd = urls(endpoint, None, None)
    assert (str(gsp), str(upd)) == (store, update)
    assert Endpoint(endpoint).url.shown() == (endpoint + "/query" if endpoint.count("/") == 2 else endpoint)


def test_unknown_store_layout_needs_both_urls():
    from kg.push import urls

    with pytest.raises(UsageError, match="give --store-url and --update-url"):
        urls("http://h:1/a/b/c", "http://h:1/gsp", None)
    gsp, upd = urls("http://h:1/a/b/c", "http://h:1/gsp", "http://h:1/upd")
    assert (gsp.target, upd.target) == ("/gsp", "/upd")
