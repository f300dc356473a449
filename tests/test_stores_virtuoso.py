"""A real Virtuoso (Debian's virtuoso-opensource 7.2), started by the tests with its own
database folder: kg push, query, ask and ASK against it, digest authentication, and its own
bulk loader fed with the N-Quads export. Every question of tests/questions.yaml is asked
locally, of Virtuoso and of an Oxigraph server, and must give the same labels and text;
where an engine differs today for a reason named below, the test says so (strict xfail)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from kg import query as q
from kg.ask import ask
from kg.endpoint import Endpoint
from kg.export import export_bytes
from kg.push import push
from kg.store import open_store

from . import servers
from .test_queries import PARAMS, comparable

pytestmark = pytest.mark.slow  # a real store started for the module: .ci/run runs them (KG_SLOW=1)

QUESTIONS = [item["q"] for item in yaml.safe_load((Path(__file__).parent / "questions.yaml").read_text())]
KG_GRAPHS = "https://kg.example/"
SPREAD = [
    "which operation killed Baghdadi?",
    "who was Operation Kayla Mueller named after?",
    "what did Kurilla say?",
    "how many attacks did ISIS claim in 2024?",
    "how many missions in Iraq in 2024?",
    "Daesh also known as?",
    "what other names does CENTCOM have",
    "who succeeded Baghdadi?",
]

# What Virtuoso 7.2 answers differently today, and why (the lead owns these queries); strict:
# a question that stops differing must leave this list.
VIRTUOSO_DIFFERS: dict[str, str] = {}
QUERIES_DIFFER: dict[str, str] = {}
ANY_ROW = {"has-index"}  # LIMIT 1 of many rows: which one is the engine's choice


def drop_kg_graphs(server: servers.Server) -> None:
    rows = Endpoint(server.url).select(
        f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{KG_GRAPHS}")) }}', {}
    )[1]
    if rows:
        servers.isql(server, *(f"SPARQL CLEAR GRAPH <{r['g'].value}>;" for r in rows))


@pytest.fixture(scope="module")
def virtuoso(built, tmp_path_factory):
    """Virtuoso holding the bundled graph, pushed by kg push through the Graph Store Protocol."""
    server = servers.virtuoso()
    drop_kg_graphs(server)
    project = servers.copy_built(built, tmp_path_factory.mktemp("virtuoso") / "p")
    report = push(project, server.url)
    return server, project, report


@pytest.fixture(scope="module")
def oxigraph(built, tmp_path_factory):
    server = servers.oxigraph()
    push(servers.copy_built(built, tmp_path_factory.mktemp("oxigraph") / "p"), server.url)
    yield server
    server.stop()


def test_push_into_virtuoso(virtuoso):
    server, project, report = virtuoso
    local = {
        g.value: sum(1 for _ in open_store(project).quads_for_pattern(None, None, None, g))
        for g in open_store(project).named_graphs()
    }
    assert sorted(report.added) == sorted(local) and not report.bulk and report.atomic
    text = (f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
            f'FILTER (STRSTARTS(STR(?g), "{KG_GRAPHS}")) }} GROUP BY ?g')
    remote = {r["g"].value: int(r["n"].value) for r in Endpoint(server.url).select(text, {})[1]}
    assert remote == local
    again = push(project, server.url)
    assert again.unchanged == len(local) and not (again.added or again.replaced)


def test_replacing_graphs_in_virtuoso(virtuoso):
    """--all replaces every graph through temporary graphs and one SPARQL Update (MOVE)."""
    server, project, _ = virtuoso
    report = push(project, server.url, everything=True)
    assert len(report.replaced) == 5 and report.atomic
    rows = Endpoint(server.url).select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {})[1]
    assert not [r for r in rows if r["g"].value.startswith("urn:kg:push:")]


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_named_queries_same_answers(virtuoso, name, request):
    server, project, _ = virtuoso
    if name in QUERIES_DIFFER:
        request.applymarker(pytest.mark.xfail(reason=QUERIES_DIFFER[name], strict=True))
    local = q.run_named(open_store(project), project, name, PARAMS[name]).rows
    remote = q.run_named(Endpoint(server.url, 30), project, name, PARAMS[name]).rows
    if name in ANY_ROW:
        assert len(remote) == len(local)
        return
    # Virtuoso binds an empty GROUP_CONCAT as ""; Oxigraph leaves it unbound: the same answer
    assert comparable(_bound(remote)) == comparable(_bound(local))


def _bound(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if v.value != ""} for row in rows]


def same_answer(question: str, remote, project) -> None:
    here, there = ask(question, open_store(project), project), ask(question, remote, project)
    assert [a["label"] for a in there.to_json()["answers"]] == [a["label"] for a in here.to_json()["answers"]]
    assert there.text() == here.text()


@pytest.mark.parametrize("question", QUESTIONS)
def test_questions_same_on_virtuoso(virtuoso, question, request):
    server, project, _ = virtuoso
    if question in VIRTUOSO_DIFFERS:
        request.applymarker(pytest.mark.xfail(reason=VIRTUOSO_DIFFERS[question], strict=True))
    same_answer(question, Endpoint(server.url, 30), project)


@pytest.mark.parametrize("question", QUESTIONS)
def test_questions_same_on_oxigraph_server(oxigraph, built, question):
    same_answer(question, Endpoint(oxigraph.url, 30), built)


def test_ask_query_on_virtuoso(virtuoso, run):
    """Virtuoso answers ASK as a one-row SELECT of __ASK_RETVAL; kg prints the W3C form."""
    server, project, _ = virtuoso
    for text, expected in (("ASK { ?s ?p ?o }", True), ("ASK { <http://nowhere.example/x> ?p ?o }", False)):
        result = run(project, "query", "--sparql", text, "--format", "json", "--endpoint", server.url)
        assert result.exit_code == 0, result.output
        assert json.loads(result.output) == {"head": {}, "boolean": expected}


def test_digest_auth_push_and_ask(virtuoso, run, tmp_path, monkeypatch):
    """Virtuoso's /sparql-auth and /sparql-graph-crud-auth want HTTP digest credentials."""
    server, project, _ = virtuoso
    url = server.url + "-auth"
    result = run(project, "push", "--endpoint", url)
    assert result.exit_code == 1 and "HTTP 401 Unauthorized: the store wants credentials" in result.output
    result = run(project, "push", "--endpoint", url, "--user", f"{servers.VIRTUOSO_USER}:not-the-password")
    assert result.exit_code == 1 and "refused the credentials from --user" in result.output
    assert "not-the-password" not in result.output
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", servers.VIRTUOSO_PASSWORD)
    result = run(project, "push", "--endpoint", url, "--user", servers.VIRTUOSO_USER, "--all")
    assert result.exit_code == 0 and "5 replaced" in result.output, result.output
    assert servers.VIRTUOSO_PASSWORD not in result.output
    question = "which operation killed Baghdadi?"
    result = run(project, "ask", question, "--endpoint", url, "--user", servers.VIRTUOSO_USER, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == ask(question, open_store(project), project).to_json()


def test_bulk_load_the_export_then_ask(built, tmp_path):
    """The N-Quads export loaded with Virtuoso's own bulk loader (ld_dir, rdf_loader_run)
    answers like the local build: names resolve, the lookup keys travel in the export."""
    server = servers.virtuoso()
    drop_kg_graphs(server)
    load = server.folder / "load"
    shutil.rmtree(load, ignore_errors=True)
    load.mkdir()
    (load / "kg.nq").write_bytes(export_bytes(built, "nquads"))
    out = servers.isql(
        server,
        "DELETE FROM DB.DBA.LOAD_LIST;",
        f"ld_dir('{load}', 'kg.nq', 'urn:kg:unused');",
        "rdf_loader_run();",
        "SELECT ll_state, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;",
    )
    assert "0 Rows." in out, out
    remote = Endpoint(server.url, 30)
    for question in SPREAD:
        same_answer(question, remote, built)
    drop_kg_graphs(server)
