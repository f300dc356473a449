"""The kg command end to end, in-process with click's CliRunner, on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import click.testing
import pytest
import rdflib

from kg.cli import main


def test_every_command_has_help(run):
    def walk(group: click.Group, prefix: list[str]):
        ctx = click.Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command.help and len(command.help) > 20, f"kg {' '.join(prefix + [name])} needs help text"
            result = run(None, *prefix, name, "--help")
            assert result.exit_code == 0, result.output
            if isinstance(command, click.Group):
                walk(command, prefix + [name])

    walk(main, [])


def test_build_validate_ask_export(run, fresh, tmp_path):
    result = run(fresh, "build")
    assert result.exit_code == 0, result.output
    assert "conforms to the shapes" in result.output
    result = run(fresh, "validate")
    assert result.exit_code == 0 and "conforms" in result.output
    result = run(fresh, "ask", "who led ISIS in 2019?")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Abu Bakr al-Baghdadi — 1st ruler of Islamic State")
    assert '"in 2019 when Abu Bakr al-Baghdadi, the first ruler of ISIS, was killed"' in result.output
    assert "sentence 10" in result.output
    out = tmp_path / "out.ttl"
    result = run(fresh, "export", "--format", "turtle", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert len(rdflib.Graph().parse(out, format="turtle")) > 1000


def test_ask_json_shape(run, built):
    result = run(built, "ask", "who led ISIS in 2019?", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["status"] == "answered" and doc["question"] == "who led ISIS in 2019?"
    (answer,) = doc["answers"]
    assert answer["label"] == "Abu Bakr al-Baghdadi"
    assert answer["iri"] == "https://kg.example/id/person/abu-bakr-al-baghdadi"
    assert "1st ruler" in answer["detail"]
    (ev,) = answer["evidence"]
    assert ev["quote"] == "in 2019 when Abu Bakr al-Baghdadi, the first ruler of ISIS, was killed"
    assert ev["source"] == "centcom-isis-2024" and ev["sentence"] == 10
    assert ev["attributed_to"] == "the article itself"


@pytest.mark.parametrize("alias", ["ISIS", "Islamic State", "IS", "ISIL", "Daesh", "isis", "the Islamic State"])
def test_ask_any_alias(run, built, alias):
    result = run(built, "ask", f"who led {alias} in 2019?", "--format", "json")
    doc = json.loads(result.output)
    assert [a["label"] for a in doc["answers"]] == ["Abu Bakr al-Baghdadi"], result.output


def test_ask_not_stated_2021(run, built):
    result = run(built, "ask", "who led ISIS in 2021?", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["status"] == "not_stated" and doc["answers"] == []
    assert "2nd–4th rulers are not named" in doc["note"] and "Abu Bakr al-Baghdadi" in doc["note"]
    text = run(built, "ask", "who led ISIS in 2021?").output
    assert "The sources do not say." in text


def test_ask_not_understood_exits_2(run, built):
    result = run(built, "ask", "colourless green ideas sleep furiously", "--format", "json")
    assert result.exit_code == 2
    doc = json.loads(result.output)
    assert doc["status"] == "not_understood" and doc["suggestions"]


def test_ask_not_understood_says_its_reason_once(run, built):
    result = run(built, "ask", "who was the previous leader of ISIS?")
    assert result.exit_code == 2
    reason = "Name the person, or the organisation and which holder"
    assert result.output.count(reason) == 1 and result.output.startswith("Not understood. " + reason)


def test_query_cli(run, built):
    result = run(built, "query", "--list")
    assert result.exit_code == 0 and "leaders" in result.output and "org=entity" in result.output
    result = run(built, "query", "leaders", "--param", "org=Daesh", "--param", "year=2024", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "Abu Hafs al-Hashimi al-Qurashi" in result.output and "believed to be" in result.output
    result = run(built, "query", "statistics", "-p", "measure=missions", "--format", "json")
    doc = json.loads(result.output)
    assert "measure" in doc["head"]["vars"] and "value" in doc["head"]["vars"]
    values = sorted(int(b["value"]["value"]) for b in doc["results"]["bindings"] if "value" in b)
    assert values == [59, 137, 196]
    result = run(
        built,
        "query",
        "--sparql",
        "SELECT ?n WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?n } LIMIT 1",
        "--format",
        "tsv",
    )
    assert result.exit_code == 0 and result.output.startswith("?n\n")


def test_query_errors(run, built):
    result = run(built, "query", "nope")
    assert result.exit_code == 2 and "known queries:" in result.output
    result = run(built, "query", "evidence")
    assert result.exit_code == 2 and "needs node" in result.output
    result = run(built, "query", "statistics", "-p", "measure=vibes")
    assert result.exit_code == 2 and "not a measure (one of: attacks, attacks_claimed" in result.output
    result = run(built, "query", "--sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert result.exit_code == 2 and "SERVICE" in result.output
    result = run(built, "query", "--sparql", "INSERT DATA { <a:b> <a:c> <a:d> }")
    assert result.exit_code == 2 and "update" in result.output
    assert "Traceback" not in result.output


def test_graph_commands(run, built):
    result = run(built, "graph", "neighbours", "Kayla Mueller")
    assert result.exit_code == 0, result.output
    assert "Operation Kayla Mueller" in result.output and "namedInHonourOf" in result.output
    result = run(built, "graph", "path", "Kurilla", "Baghdadi")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Michael Erik Kurilla" and lines[-1] == "Abu Bakr al-Baghdadi"
    result = run(built, "graph", "central", "--top", "3", "--format", "json")
    top = json.loads(result.output)
    assert len(top) == 3 and top[0]["label"] == "Islamic State"


@pytest.mark.parametrize(("args", "named"), [
    (["neighbours", "nobody"], "NAME 'nobody'"),
    (["path", "nobody", "Baghdadi"], "SOURCE 'nobody'"),
    (["path", "Baghdadi", "nobody"], "TARGET 'nobody'"),
])
def test_graph_names_the_argument_that_names_nothing(run, built, args, named):
    """Not '--param node=...', which the user never wrote."""
    result = run(built, "graph", *args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"kg: error: {named}: no entity of that name" in result.output and "--param node" not in result.output


def test_a_query_file_that_does_not_exist_is_named(run, built, tmp_path):
    """Not 'unknown query' with the list of named queries, as if a name were misspelt."""
    for missing in (tmp_path / "nope.rq", tmp_path):
        result = run(built, "query", f"{missing}/x.rq" if missing.is_dir() else str(missing))
        assert result.exit_code == 2 and "no such query file" in result.output and "known queries" not in result.output


def test_out_dash_is_standard_output_and_an_empty_out_is_refused(run, built, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(built, "export", "--format", "ntriples", "--out", "-")
    assert result.exit_code == 0 and result.output.startswith("<https://kg.example/")
    assert not (tmp_path / "-").exists()  # it wrote a file called '-'
    result = run(built, "export", "--format", "ntriples", "--out", "")
    assert result.exit_code == 2 and "kg: error: --out '': give a file name" in result.output


def test_no_project_is_a_usage_error(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_ROOT", raising=False)
    result = click.testing.CliRunner().invoke(main, ["ask", "who led ISIS in 2019?"])
    assert result.exit_code == 2 and "no kg project here" in result.output


def test_not_built_is_a_usage_error(run, fresh):
    result = run(fresh, "ask", "who led ISIS in 2019?")
    assert result.exit_code == 2 and "run: kg build" in result.output


def test_a_wrong_kg_root_is_named_as_kg_root(tmp_path):
    """A KG_ROOT that holds no project was reported as `--root DIR`, an option not given."""
    result = subprocess.run([sys.executable, "-m", "kg", "ask", "who led ISIS in 2019?"], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, "KG_ROOT": str(tmp_path / "none")})
    assert result.returncode == 2
    assert result.stderr.startswith(f"kg: error: KG_ROOT={tmp_path / 'none'}: no data/ folder there"), result.stderr


@pytest.mark.parametrize("extra", [["leaders"], ["--sparql", "ASK {}"], ["--param", "year=2019"]])
def test_query_list_with_a_query_to_run_is_a_usage_error(run, built, extra):
    """`kg query --list --sparql ...` listed the queries and exited 0: the query asked for
    was not run, and nothing said so."""
    result = run(built, "query", "--list", *extra)
    assert result.exit_code == 2 and "--list" in result.output and result.output.count("\n") == 1, result.output


def test_init_then_build_empty_project(run, tmp_path):
    result = run(None, "init", str(tmp_path / "proj"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "proj" / "data" / "facts").is_dir()


def test_init_where_no_project_can_start_is_a_usage_error(run, tmp_path):
    """`kg init /dev/null`, or a folder whose data/ is a broken link, exited 1 with the
    operating system's words about a path kg chose (/dev/null/data/articles: not a directory)."""
    broken = tmp_path / "proj"
    broken.mkdir()
    (broken / "data").symlink_to("nowhere")
    for directory, said in (("/dev/null", "/dev/null: cannot start a project there: not a directory"),
                            (str(broken), f"{broken}: cannot start a project there: data is a broken link "
                                          "(to nowhere); remove it")):
        result = run(None, "init", directory)
        assert result.exit_code == 2 and result.output == f"kg: error: {said}\n", result.output


def test_ask_pays_for_no_heavy_imports(built):
    """kg ask and kg query open the store: no rdflib, pySHACL, networkx, YAML or pysbd."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from kg.cli import main\n"
        "for args in (['ask', 'who led ISIS in 2019?'], ['query', 'leaders', '-p', 'org=ISIS', '-p', 'year=2019']):\n"
        f"    try: main(['--root', {str(built.root)!r}, *args])\n"
        "    except SystemExit as e: assert not e.code, e.code\n"
        "print(sorted(m for m in ('rdflib', 'pyshacl', 'networkx', 'yaml', 'pysbd') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]", out


def test_graph_neighbours_and_path_ask_the_store_without_networkx(built):
    """kg graph neighbours and path ask the store about the nodes they visit: networkx (a
    third of a second to import) is loaded only for the whole network."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from kg.cli import main\n"
        "for args in (['graph', 'neighbours', 'ISIS'], ['graph', 'path', 'ISIS', 'Abu Bakr al-Baghdadi']):\n"
        f"    try: main(['--root', {str(built.root)!r}, *args])\n"
        "    except SystemExit as e: assert not e.code, e.code\n"
        "print('networkx' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert "Baghdadi" in out and out.strip().splitlines()[-1] == "False", out


def test_path_is_as_short_as_networkx_finds(built, projects):
    """kg graph path searches from both ends, the frontier that touches fewer triples first:
    its chain is as short as networkx's shortest path over the whole network, and it finds
    one exactly when networkx does."""
    import itertools

    import networkx as nx

    from kg.network import load_network, path
    from kg.store import open_store

    for project in [built, *projects.values()]:
        store = open_store(project)
        simple = nx.Graph(load_network(project).to_undirected())
        largest = sorted(max(nx.connected_components(simple), key=len))
        others = sorted(set(simple.nodes) - set(largest))
        picked = largest[:: max(1, len(largest) // 8)] + others[:: max(1, len(others) // 3)]
        far = nx.single_source_shortest_path_length(simple, largest[0])
        longest = (largest[0], max(sorted(far), key=far.__getitem__))  # the longest chains
        for a, b in [longest, *itertools.combinations(picked, 2)]:
            steps = path(store, a, b)
            expected = nx.shortest_path_length(simple, a, b) if nx.has_path(simple, a, b) else None
            assert (len(steps) - 1 if steps else None) == expected, (a, b, steps)


def test_central_ranking_is_kept_per_generation(built, tmp_path):
    """kg graph central computes a generation's ranking once; asking again reads it, and a
    damaged cache file is computed again, never trusted."""
    from kg.network import central, load_network, ranking
    from tests import servers

    project = servers.copy_built(built, tmp_path / "p")
    fresh = central(load_network(project), 5, "degree")
    assert ranking(project, 5, "degree") == fresh
    cached = project.build / "current" / "central-degree.json"
    assert json.loads(cached.read_text())[:5] == [list(r) for r in fresh]
    cached.write_text('[["someone else", "Person"')
    assert ranking(project, 5, "degree") == fresh


def test_network_edges_are_every_relation_between_nodes(built):
    """edges.rq reads the relations through the ontology's object properties (the predicate
    index) instead of scanning every triple: it still finds every kg relation with an IRI
    object between entities, periods and facts that a scan of the union graph finds."""
    import re

    from pyoxigraph import DefaultGraph, NamedNode

    from kg.network import _edges
    from kg.store import open_store
    from kg.vocab import KGO

    store = open_store(built)
    node = re.compile(r"^https://kg[.]example/id/(person|organization|place|area|period|event|fact)/")
    scanned = {(q.subject.value, q.predicate.value, q.object.value)
               for q in store.quads_for_pattern(None, None, None, DefaultGraph())
               if isinstance(q.object, NamedNode) and q.predicate.value.startswith(KGO)
               and q.predicate.value.removeprefix(KGO) not in ("evidence", "statedIn", "endedBy")
               and node.match(q.subject.value) and node.match(q.object.value)}
    assert len(scanned) > 100
    assert set(_edges(store)) == scanned


@pytest.mark.parametrize("measure", ["betweenness", "degree"])
def test_ranking_reads_only_the_structure_and_the_ranked_labels(built, tmp_path, measure):
    """The ranking kg graph central computes from the store's edges (labels read for the
    nodes that can rank) is the centrality of the whole loaded network, ties and all."""
    from kg.network import central, load_network, ranking
    from tests import servers

    project = servers.copy_built(built, tmp_path / "p")
    for top in (1, 7, 1000):
        assert ranking(project, top, measure) == central(load_network(project), top, measure)
