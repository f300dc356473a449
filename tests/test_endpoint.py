"""A real Oxigraph SPARQL server on 127.0.0.1, started by the test: kg push loads the graph
through the Graph Store Protocol, and kg query / kg ask give the same answers there as on
the local build."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg import query as q
from kg.ask import ask
from kg.endpoint import Endpoint, push_graphs
from kg.errors import EndpointError, UsageError
from kg.store import open_store

from .test_queries import PARAMS, comparable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path_factory.mktemp("oxi")),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("oxigraph server did not start")
    pushed = list(push_graphs(built, url, None, 30))
    yield url, pushed
    proc.terminate()
    proc.wait(10)


def test_push_one_graph_per_article(server, built):
    url, pushed = server
    graphs = dict(pushed)
    assert graphs["https://kg.example/id/source/centcom-isis-2024"] > 1000
    assert "https://kg.example/ontology" in graphs
    # pushing again replaces those graphs: the count stays the same
    again = dict(push_graphs(built, url, None, 30))
    assert again == graphs
    rows = Endpoint(url).select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {})[1]
    assert int(rows[0]["n"].value) == sum(graphs.values())


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_named_queries_same_answers(server, built, name):
    url, _ = server
    local = q.run_named(open_store(built), built, name, PARAMS[name])
    remote = q.run_named(Endpoint(url), built, name, PARAMS[name])
    assert comparable(remote.rows) == comparable(local.rows)


@pytest.mark.parametrize("question", ["who led ISIS in 2019?", "who led ISIS in 2021?", "how many missions in Iraq?",
                                      "which operation killed Baghdadi?", "who leads Daesh now?"])
def test_ask_same_answers(server, built, question):
    url, _ = server
    assert ask(question, Endpoint(url), built).to_json() == ask(question, open_store(built), built).to_json()


def test_cli_against_endpoint(server, built, run):
    url, _ = server
    result = run(built, "ask", "who led ISIS in 2019?", "--endpoint", url, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["answers"][0]["label"] == "Abu Bakr al-Baghdadi"


def test_endpoint_errors(server):
    url, _ = server
    with pytest.raises(UsageError, match="http:// or https://"):
        Endpoint("file:///etc/passwd")
    with pytest.raises(EndpointError, match="HTTP 400"):
        Endpoint(url).select("SELECT WHERE {", {})
    with pytest.raises(EndpointError, match="cannot connect"):
        Endpoint(f"http://127.0.0.1:{free_port()}").select("ASK {}", {})
