"""Every query kg runs stays inside the store: user queries, the project's own queries/*.rq
and the SPARQL of its shapes. User queries run under a deadline and a memory limit."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import query as q
from kg import sparqlsafe
from kg.errors import QueryError, UsageError
from kg.project import shipped_dir
from kg.store import open_store
from tests.test_robustness import Listener

# Each reads as SERVICE, FROM or LOAD to Oxigraph (or to an engine that decodes \u escapes
# before parsing, as SPARQL 1.1 section 19.2 says), though no word "SERVICE" stands alone.
BYPASSES = [
    "PREFIX : <{url}/> SELECT * WHERE { SERVICE:sparql { ?s ?p ?o } }",
    "PREFIX : <{url}/> SELECT * WHERE { ?s ?p ?o { SELECT * WHERE { SERVICE:sparql { ?a ?b ?c } } } }",
    "PREFIX : <{url}/> SELECT * FROM:g WHERE { ?s ?p ?o }",
    "PREFIX X: <{url}/> SELECT * FROMX:g WHERE { ?s ?p ?o }",
    "PREFIX X: <{url}/> SELECT * WHERE { SERVICEX:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p trueSERVICE <{url}/> { ?a ?b ?c } }",
    "PREFIX : <{url}/> SELECT(1<2AS?x)FROM:g#>\nWHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } # a comment ends at a carriage return\rSERVICE <{url}/> { ?a ?b ?c }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:a\\# ?o . SERVICE <{url}/> { ?a ?b ?c } }",
    "SELECT * WHERE { \\u0053ERVICE <{url}/> { ?s ?p ?o } }",
    "DEFINE input:grab-all 'yes' SELECT * WHERE { ?s ?p <{url}/x> }",
]


@pytest.fixture()
def listener():
    lst = Listener()
    yield lst
    lst.close()


@pytest.mark.parametrize("template", BYPASSES)
def test_spellings_of_remote_keywords_are_refused(built, listener, template, tmp_path):
    text = template.replace("{url}", f"http://127.0.0.1:{listener.port}")
    with pytest.raises(QueryError, match="refused"):
        q.run_adhoc(q.backend(built), text)
    rq = tmp_path / "hostile.rq"
    rq.write_text(text, encoding="utf-8")
    with pytest.raises(QueryError, match="refused"):
        q.run_file(q.backend(built), built, rq, {})
    time.sleep(0.3)
    assert listener.connections == 0


@pytest.mark.parametrize("text", [
    'SELECT ?x WHERE { BIND ("SERVICE FROM LOAD" AS ?x) } # SERVICE',
    "SELECT ?x WHERE { BIND ('''it said \"from\" and 'with' ''' AS ?x) }",
    ("PREFIX schema: <https://schema.org/> SELECT * WHERE { ?s schema:address ?a ; "
     "<http://www.w3.org/ns/sparql-service-description#endpoint> ?e } LIMIT 1"),
    'SELECT * WHERE { ?s ?p ?o FILTER(?o = "x"^^<http://example.org/from#with>) } LIMIT 1',
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o<?s&&?s>?o) }",
    "SELECT * WHERE { ?s ?p ?o FILTER(LANGMATCHES(LANG(?o), \"en-GB\")) } LIMIT 1",
])
def test_keywords_inside_terms_are_fine(built, text):
    q.run_adhoc(q.backend(built), text)


def test_every_shipped_query_and_shape_passes_the_check():
    for path in sorted(shipped_dir("queries").rglob("*.rq")):
        sparqlsafe.check(path.read_text(encoding="utf-8"))
    import rdflib

    from kg.validate import check_shapes_sparql

    shapes = shipped_dir("ontology") / "shapes.ttl"
    check_shapes_sparql(rdflib.Graph().parse(shapes), shapes)


def test_project_queries_are_sandboxed(built, listener, run, tmp_path):
    """A project's own queries/leaders.rq is input too: kg ask and kg query refuse it."""
    project = _copy(built, tmp_path)
    leaders = (shipped_dir("queries") / "leaders.rq").read_text(encoding="utf-8")
    assert "OPTIONAL { ?source kgo:asOf ?asOf }" in leaders
    hostile = leaders.replace("OPTIONAL { ?source kgo:asOf ?asOf }",
                              f"OPTIONAL {{ ?source kgo:asOf ?asOf }} SERVICE SILENT "
                              f"<http://127.0.0.1:{listener.port}/> {{ ?a ?b ?c }}")
    (project.root / "queries").mkdir()
    (project.root / "queries" / "leaders.rq").write_text(hostile, encoding="utf-8")
    result = run(project, "ask", "who led ISIS in 2019?")
    assert result.exit_code == 2 and "queries/leaders.rq: query refused at line" in result.output
    result = run(project, "query", "leaders", "-p", "org=ISIS", "-p", "year=2019")
    assert result.exit_code == 2 and "SERVICE would query another endpoint" in result.output
    time.sleep(0.3)
    assert listener.connections == 0


def test_shapes_sparql_is_sandboxed(fresh, listener):
    """A SERVICE in a shape's sh:select is refused before any validation engine runs it."""
    shapes = (shipped_dir("ontology") / "shapes.ttl").read_text(encoding="utf-8")
    assert shapes.count("$this oa:hasSource ?article ;") == 1
    hostile = shapes.replace("$this oa:hasSource ?article ;",
                             f"SERVICE <http://127.0.0.1:{listener.port}/> {{ ?x ?y ?z }}\n"
                             "                $this oa:hasSource ?article ;")
    (fresh.root / "ontology").mkdir()
    (fresh.root / "ontology" / "shapes.ttl").write_text(hostile, encoding="utf-8")
    result = _kg(fresh.root, "build")
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "shapes.ttl: query refused at line" in result.stderr
    time.sleep(0.3)
    assert listener.connections == 0


def test_param_headers_name_variables_of_the_query(built, run, tmp_path):
    project = _copy(built, tmp_path)
    (project.root / "queries").mkdir()
    (project.root / "queries" / "mine.rq").write_text(
        "# title: Mine\n# param: who entity - somebody\nSELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    result = run(project, "query", "--list")
    assert result.exit_code == 2
    assert "mine.rq:2: # param: who is not a variable of the query (its variables: o, p, s)" in result.output


def test_vocabulary_params_are_checked_and_listed(built, run):
    result = run(built, "query", "statistics", "-p", "measure=foo")
    assert result.exit_code == 2
    assert "--param measure='foo': not a measure (one of: attacks, attacks_claimed," in result.output
    for spelling in ("operatives_killed", "operatives killed", "OperativesKilled", "kgo:OperativesKilled"):
        result = run(built, "query", "statistics", "-p", f"measure={spelling}", "--format", "csv")
        assert result.exit_code == 0 and "operatives killed,44" in result.output.replace('"', "")
    listing = run(built, "query", "--list").output
    assert "measure: attacks, attacks_claimed, fighters, fighters_at_large, leaders_captured, leaders_killed" in listing
    assert "role: commander, deputy, founder" in listing


@pytest.mark.parametrize("value", ["http://x/%zz", "person:a#b#c", "<http://a/b c>", "http://[::1"])
def test_iri_looking_params_are_usage_errors(built, value):
    with pytest.raises(UsageError):
        q.run_named(q.backend(built), built, "leaders", {"org": value, "year": "2019"})


# --- Limits: a deadline and a memory limit, one line each ----------------------------------

CROSS = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c . ?x ?y ?z } ORDER BY ?o ?c ?z LIMIT 5"


def test_memory_is_bounded(built):
    """The cross product sorted before its LIMIT grows past any memory (5 GB and an abort of
    the whole process before): the child stops at the limit, the caller gets one error."""
    started = time.monotonic()
    with pytest.raises(QueryError, match="needed more than 512 MB of memory"):
        q.run_adhoc(q.backend(built, timeout=120, memory_mb=512), CROSS)
    assert time.monotonic() - started < 60
    assert q.run_adhoc(q.backend(built, timeout=30), "ASK { ?s ?p ?o }").rows  # still usable


def test_runaway_query_is_stopped(built):
    started = time.monotonic()
    with pytest.raises(QueryError, match="longer than 0.5s"):
        q.run_adhoc(q.backend(built, timeout=0.5),
                    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert time.monotonic() - started < 5


def test_limited_results_equal_in_process_results(built):
    for name, params in (("leaders", {"org": "ISIS", "year": "2019"}), ("statistics", {})):
        limited = q.run_named(q.backend(built, timeout=30), built, name, params)
        local = q.run_named(open_store(built), built, name, params)
        assert limited.columns == local.columns and limited.rows == local.rows and limited.rows


@pytest.mark.parametrize("args,message", [
    (["--sparql", CROSS, "--memory", "512", "--timeout", "120"], "needed more than 512 MB of memory"),
    (["--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "--timeout", "0.5"],
     "longer than 0.5s"),
    (["--sparql", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"], "more than 10,000 rows"),
    (["--sparql", "SELECT * WHERE { ?a ?b }"], "malformed SPARQL"),
])
def test_query_errors_are_one_line(built, args, message):
    """No second line (a thread's `RuntimeError: … unsendable` at exit), no traceback."""
    result = _kg(built.root, "query", *args)
    assert result.returncode == 2
    assert result.stderr.startswith("kg: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


def _kg(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "--root", str(root), *args], check=False,
                          capture_output=True, text=True, timeout=300)


def _copy(built, tmp_path):
    """A copy of the built project (build/ included), to change its queries."""
    from kg.project import Project

    shutil.copytree(built.root, tmp_path / "p", symlinks=True)
    return Project(tmp_path / "p")
