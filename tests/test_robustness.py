"""Bad input, hostile queries and faults: clear errors, nothing lost, nothing let in."""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import query as q
from kg.ask import ask
from kg.ask.parse import FAMILIES, parse
from kg.ask.question import unrecognised
from kg.errors import KgError, LocatedError, QueryError, UsageError
from kg.facts import load_facts_file
from kg.store import open_store
from kg.vocabulary import load as load_vocabulary

# --- Nothing reaches the network -----------------------------------------------------------


class Listener:
    """A TCP listener on 127.0.0.1 that counts every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self.stop = True
        self.thread.join(2)
        self.sock.close()


@pytest.fixture()
def listener():
    lst = Listener()
    yield lst
    lst.close()


HOSTILE = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/>\nSELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ex:p ?o } }",
    "PREFIX ex: <http://example.org/>\nSELECT * WHERE { SERVICE SILENT <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
    "select * where { service <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:{port}/g.ttl> WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://example.org/>\nSELECT * FROM NAMED <http://127.0.0.1:{port}/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "LOAD <http://127.0.0.1:{port}/x.ttl>",
    "SELECT * WHERE { ?s ?p ?o } # harmless\n; LOAD <http://127.0.0.1:{port}/x>",
]


@pytest.mark.parametrize("template", HOSTILE)
def test_queries_never_reach_the_network(built, listener, template):
    text = template.replace("{port}", str(listener.port))
    with pytest.raises(QueryError, match="refused"):
        q.run_adhoc(open_store(built), text)
    rq = built.root / "hostile.rq"
    rq.write_text(text, encoding="utf-8")
    with pytest.raises(QueryError, match="refused"):
        q.run_file(open_store(built), built, rq, {})
    time.sleep(0.3)
    assert listener.connections == 0


def test_keywords_inside_strings_and_iris_are_fine(built):
    rows = q.run_adhoc(open_store(built), 'SELECT ?x WHERE { BIND ("SERVICE FROM LOAD" AS ?x) } # SERVICE').rows
    assert rows[0]["x"].value == "SERVICE FROM LOAD"


def test_remote_documents_are_not_fetched(built, listener, tmp_path, run):
    url = f"http://127.0.0.1:{listener.port}"
    jsonld = tmp_path / "g.jsonld"
    jsonld.write_text('{"@context": "' + url + '/ctx.jsonld", "@id": "http://a/b", "name": "x"}')
    ttl = tmp_path / "g.ttl"
    ttl.write_text(
        f"<http://a/o> a <http://www.w3.org/2002/07/owl#Ontology> ; "
        f"<http://www.w3.org/2002/07/owl#imports> <{url}/other.ttl> .\n"
    )
    for path in (jsonld, ttl):
        result = run(built, "validate", str(path))
        assert "Traceback" not in result.output
    time.sleep(0.3)
    assert listener.connections == 0


def test_questions_and_params_are_literals(built):
    store = open_store(built)
    for evil in [
        'who led ISIS" } UNION { ?s ?p ?o } # in 2019?',
        "who led }}} in 2019?",
        "who led ISIS in 2019?\nUNION",
        "who led ISIS') ; DROP ALL ; # in 2019",
    ]:
        answer = ask(evil, store, built)
        assert answer.status in ("answered", "not_stated", "not_understood")
    answer = ask('who led ISIS" } UNION { ?s ?p ?o } # in 2019?', store, built)
    assert answer.status == "not_stated" and "UNION" in " ".join(answer.unrecognised)  # words, not SPARQL


def test_a_query_nested_too_deeply_for_the_engine_says_so(built, run):
    """Groups nested 5,000 deep crash the engine (a stack overflow, in the sandbox's child):
    that was reported as `needed more than 2,048 MB of memory`, which raising --memory never fixed."""
    text = "SELECT * WHERE { " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000 + " } LIMIT 1"
    result = run(built, "query", "--sparql", text)
    assert result.exit_code == 2 and "nested" in result.output and "memory" not in result.output, result.output
    assert result.output.count("\n") == 1


@pytest.mark.parametrize("args", [("neighbours", "{evil}"), ("path", "ISIS", "{evil}")])
def test_graph_names_that_look_like_broken_iris_are_names_not_tracebacks(built, run, args):
    """A name starting with http that is no IRI (`http://x> } UNION { ?s ?p ?o`) was a
    ValueError traceback: pyoxigraph refused to make it an IRI, as it should."""
    evil = "https://kg.example/id/organization/isis> } UNION { ?s ?p ?o"
    result = run(built, "graph", *(a.format(evil=evil) for a in args))
    assert result.exit_code == 2 and "no entity of that name" in result.output, result.output
    assert result.output.count("\n") == 1


def test_result_limit(built):
    with pytest.raises(QueryError, match="more than 10,000 rows"):
        q.run_adhoc(open_store(built), "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")


def test_endpoint_must_be_http(built, run):
    for bad in ("file:///etc/passwd", "ftp://x/", "127.0.0.1:7878", "javascript:alert(1)"):
        result = run(built, "query", "leaders", "-p", "org=ISIS", "-p", "year=2019", "--endpoint", bad)
        assert result.exit_code == 2 and "http:// or https://" in result.output


@pytest.mark.parametrize("host", ["a" * 300 + ".com", "a..b.com"])
def test_an_endpoint_host_name_no_resolver_takes_is_one_line(built, run, host):
    """A host name with a label over 63 characters, or an empty one, was a UnicodeError
    traceback (the idna codec) when the request was made."""
    result = run(built, "ask", "who led ISIS in 2019?", "--endpoint", f"http://{host}/sparql", "--timeout", "2")
    assert result.exit_code == 2 and "give an http:// or https:// URL" in result.output, result.output
    assert result.output.count("\n") == 1


def test_a_netrc_that_is_not_utf8_names_its_line_and_byte(built, tmp_path):
    """A ~/.netrc in Latin-1 gave Python's codec message (`'utf-8' codec can't decode byte
    0xe9 in position 38`), naming no line."""
    netrc = tmp_path / "netrc"
    netrc.write_bytes(b"machine 127.0.0.1 login reader\npassword caf\xe9\n")
    netrc.chmod(0o600)
    result = subprocess.run([sys.executable, "-m", "kg", "push", "--endpoint", "http://127.0.0.1:9/"],
                            cwd=built.root, capture_output=True, text=True, env={**os.environ, "NETRC": str(netrc)})
    assert result.returncode == 2, result.stderr
    assert result.stderr == "kg: error: $NETRC:2:13: not UTF-8 (byte 0xe9 at offset 43); save the file as UTF-8\n"


# --- Bad files and arguments: one line, exit code, no traceback ------------------------------


@pytest.mark.parametrize(
    "name,content,message,code",
    [
        ("bad.ttl", '@prefix a: <http://a/> .\na:b a:c "x"\n a:d .\n', "bad.ttl:3:2: not valid Turtle", 2),
        ("empty.ttl", "", "the graph is empty", 2),
        (
            "bomb.rdf",
            '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
            'rdf:about="http://a/b"><rdf:value>&b;</rdf:value></rdf:Description></rdf:RDF>',
            "DOCTYPE or ENTITY",
            2,
        ),
        ("relative.ttl", "<http://a/b> <http://a/c> <relative> .\n", "relative.ttl:1", 2),
        ("spaces.nt", "<http://a/b c> <http://a/c> <http://a/d> .\n", "spaces.nt:1", 2),
        (
            "typed.ttl",
            '<http://a/b> <http://a/c> "2019x"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n',
            '"2019x" is not a valid xsd:gYear',
            1,
        ),
        (
            "bool.ttl",
            '<http://a/b> <http://a/c> "yes"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n',
            '"yes" is not a valid xsd:boolean',
            1,
        ),
        (
            "day.ttl",
            '<http://a/b> <http://a/c> "2019-02-30"^^<http://www.w3.org/2001/XMLSchema#date> .\n',
            '"2019-02-30" is not a valid xsd:date',
            1,
        ),
        ("graph.xyz", "x", "unknown RDF file extension", 2),
        ("far.ttl", '<http://a/b> <http://a/c> "-2019-02-30"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
                    '<http://a/b> <http://a/d> "99999999999-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n',
         '"-2019-02-30" is not a valid xsd:date', 1),  # any year: the second line was a traceback
        ("deep.jsonld", '{"@context": {"x": "http://a/"}, "x": ' + "[" * 60000 + "1" + "]" * 60000 + "}",
         "nested too deeply", 2),  # the JSON-LD parser crashed the process
        ("star.ttl", "<< <http://a/b> <http://a/c> <http://a/d> >> <http://a/e> \"f\" .\n", "RDF-star", 2),
    ],
)
def test_validate_bad_graph_files(built, run, tmp_path, name, content, message, code):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run(built, "validate", str(path))
    assert result.exit_code == code, result.output
    assert message in result.output and "Traceback" not in result.output


def test_missing_graph_file(built, run, tmp_path):
    result = run(built, "validate", str(tmp_path / "nope.ttl"))
    assert result.exit_code == 2 and "file not found" in result.output


def test_article_file_missing(fresh, run):
    (fresh.articles / "centcom-isis-2024.txt").unlink()
    result = run(fresh, "build")
    assert result.exit_code == 1
    assert (
        "data/facts/centcom-isis-2024.yaml:11:3: article.file: "
        "article file data/articles/centcom-isis-2024.txt does not exist"
        in result.output
    )


def test_odd_files_in_facts_and_build_are_one_line_errors(fresh, run):
    """A named pipe would block the build and a '.YAML' file would be skipped without a word;
    a build/current link that loops is repaired like a damaged build."""
    fifo = fresh.facts / "pipe.yaml"
    os.mkfifo(fifo)
    result = run(fresh, "build")
    assert result.exit_code == 1 and "data/facts/pipe.yaml: not a regular file" in result.output
    fifo.unlink()
    (fresh.facts / "centcom-isis-2024.yaml").rename(fresh.facts / "centcom-isis-2024.YAML")
    result = run(fresh, "build")
    assert result.exit_code == 1 and "facts files end in .yaml" in result.output
    (fresh.facts / "centcom-isis-2024.YAML").rename(fresh.facts / "centcom-isis-2024.yaml")
    fresh.build.mkdir(exist_ok=True)
    (fresh.build / "current").symlink_to("current")
    result = run(fresh, "build")
    assert result.exit_code == 0, result.output
    assert run(fresh, "ask", "who led ISIS in 2019?").exit_code == 0


def test_project_shapes_that_define_none_are_refused(fresh, run):
    """An empty ontology/shapes.ttl of the project would pass anything."""
    (fresh.root / "ontology").mkdir()
    (fresh.root / "ontology" / "shapes.ttl").write_text("# nothing yet\n", encoding="utf-8")
    result = run(fresh, "build")
    assert result.exit_code == 1 and "defines no shapes" in result.output, result.output


def test_validate_reports_a_bad_file_before_bad_shapes(fresh, run, tmp_path):
    """`kg validate FILE` reads the file while it parses the shapes: the file's error is the
    one reported when both are wrong, as when it read the file first; then the shapes'."""
    (fresh.root / "ontology").mkdir()
    (fresh.root / "ontology" / "shapes.ttl").write_text("# nothing yet\n", encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a/b> <http://a/c> .\n", encoding="utf-8")
    result = run(fresh, "validate", str(bad))
    assert result.exit_code == 2 and "bad.ttl:1" in result.output and "Traceback" not in result.output, result.output
    good = tmp_path / "good.ttl"
    good.write_text('<http://a/b> <http://a/c> "d" .\n', encoding="utf-8")
    result = run(fresh, "validate", str(good))
    assert result.exit_code == 1 and "defines no shapes" in result.output, result.output


@pytest.mark.parametrize("command,closed,wrote", [
    ("{kg} ask 'who led ISIS in 2019?'", ">&-", None),
    ("{kg} export --format turtle", ">&-", None),
    ("{kg} export --format turtle --out {out}", ">&-", "wrote"),
])
def test_a_closed_standard_stream_is_an_error_not_lost_output(built, tmp_path, command, closed, wrote):
    """Started with standard output closed (`>&-`), a command that prints says so in one line
    and exits 2; one that writes to --out works."""
    out = tmp_path / "out.ttl"
    line = f"cd {built.root} && {command.format(kg=f'{sys.executable} -m kg', out=out)} {closed}"
    result = subprocess.run(["bash", "-c", line], capture_output=True, text=True, env={**os.environ, "CI": "1"})
    if wrote:
        assert result.returncode == 0 and out.stat().st_size > 0, result.stderr
    else:
        assert result.returncode == 2 and "standard output is closed" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr


FULL_STDOUT = [
    "{kg} export --out -", "{kg} export --format nquads", "{kg} query leaders -p year=2019",
    "{kg} query --sparql 'SELECT * WHERE {{ ?s ?p ?o }} LIMIT 3' --format json",
    "{kg} ask 'who led ISIS in 2019?'", "{kg} graph central",
]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("command", FULL_STDOUT)
def test_a_full_standard_output_is_one_line_naming_it(built, command):
    """`> /dev/full` (a full disk behind standard output) said `no space left on device`,
    naming nothing, or nothing at all with exit 0 (click swallows a failed probe write)."""
    line = f"cd {built.root} && {command.format(kg=f'{sys.executable} -m kg')} > /dev/full"
    result = subprocess.run(["bash", "-c", line], capture_output=True, text=True, env={**os.environ, "CI": "1"})
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("kg: error: standard output: cannot write: no space left on device")
    assert len(result.stderr.splitlines()) == 1, result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_standard_error_leaves_the_exit_code_the_commands_own(built, tmp_path):
    """`2> /dev/full`: an export that wrote its --out file exited 1 (its `wrote` note failed),
    and an error exited 1, not its own 2, with a traceback that went nowhere."""
    kg = f"cd {built.root} && {sys.executable} -m kg"
    out = tmp_path / "out.ttl"
    wrote = subprocess.run(["bash", "-c", f"{kg} export --out {out} 2> /dev/full"], capture_output=True)
    assert wrote.returncode == 0 and out.stat().st_size > 0
    failed = subprocess.run(["bash", "-c", f"{kg} validate {tmp_path}/nope.ttl 2> /dev/full"], capture_output=True)
    assert failed.returncode == 2


def test_a_reader_that_stops_reading_ends_kg_quietly(built):
    """`kg ... | head`: a closed pipe is no error to print ("broken pipe"); exit 141, as SIGPIPE."""
    line = f"cd {built.root} && {sys.executable} -m kg export --format nquads | true; exit ${{PIPESTATUS[0]}}"
    result = subprocess.run(["bash", "-c", line], capture_output=True, text=True)
    assert result.returncode == 141 and result.stderr == "", result.stderr


@pytest.mark.parametrize("header,said", [
    ("# title: t\n# param: x\n", ":2: bad param line 'param: x'"),
    ("# title: t\n# param: x entity - a\n# param: x entity - b\n", ":3: # param: x is declared twice"),
    ("# title: t\n#\n# param: y entity - a\n", ":3: # param: y is not a variable of the query"),
])
def test_a_query_files_header_errors_name_their_line(built, run, tmp_path, header, said):
    """An error in a .rq file's header named the file but not the line."""
    path = tmp_path / "q.rq"
    path.write_text(header + "SELECT ?x WHERE { ?x ?p ?o } LIMIT 1\n", encoding="utf-8")
    result = run(built, "query", str(path))
    assert result.exit_code == 2 and result.output.startswith(f"kg: error: {path}{said}"), result.output


def test_a_query_file_that_is_not_utf8_names_its_line_and_byte(built, run, tmp_path):
    """A .rq file named on the command line, or the project's own, in Latin-1: Python's codec
    message (`'utf-8' codec can't decode byte 0xe9 in position 25`) became a located line."""
    path = tmp_path / "latin1.rq"
    path.write_bytes('SELECT * WHERE {\n ?s ?p "\u00e9t\u00e9" }\n'.encode("latin-1"))
    result = run(built, "query", str(path))
    assert result.exit_code == 2, result.output
    assert f"kg: error: {path}:2:9: not UTF-8 (byte 0xe9 at offset 25); save the file as UTF-8\n" == result.output
    own = built.root / "queries" / "latin1.rq"
    made = not own.parent.exists()
    own.parent.mkdir(exist_ok=True)
    own.write_bytes(path.read_bytes())
    try:
        result = run(built, "query", "latin1")
    finally:  # the project is shared with other tests: leave it as it was
        own.unlink()
        if made:
            own.parent.rmdir()
    assert result.exit_code == 2 and f"{own}:2:9: not UTF-8 (byte 0xe9" in result.output, result.output
    folder = tmp_path / "folder.rq"
    folder.mkdir()
    result = run(built, "query", str(folder))
    assert result.exit_code == 2 and f"{folder}: is a folder, not a file" in result.output, result.output


def test_a_byte_order_mark_is_no_part_of_a_query_or_graph_file(built, run, tmp_path):
    """Windows editors start a file with U+FEFF: a .rq file's `# title:` was lost and its
    SELECT was `malformed SPARQL: … expected CONSTRUCT`; Turtle and N-Triples were not valid."""
    bom = "\ufeff"
    query = tmp_path / "bom.rq"
    query.write_text(f"{bom}# title: with a mark\nASK {{ ?s ?p ?o }}\n", encoding="utf-8")
    result = run(built, "query", str(query))
    assert result.exit_code == 0 and result.output == "true\n", result.output
    result = run(built, "query", "--sparql", f"{bom}ASK {{ ?s ?p ?o }}")
    assert result.exit_code == 0 and result.output == "true\n", result.output
    for name in ("g.ttl", "g.nt"):
        graph = tmp_path / name
        graph.write_text(f'{bom}<http://a/b> <http://a/c> "d" .\n', encoding="utf-8")
        result = run(built, "validate", str(graph))
        assert result.exit_code == 0 and "conforms" in result.output, result.output


@pytest.mark.parametrize("name,content,where", [
    ("l1.jsonld", b'{"@id": "http://a/b", "http://a/c": "d\xe9"}', "1:39: not UTF-8 (byte 0xe9 at offset 38)"),
    ("l1.rdf", b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
     b'<rdf:Description rdf:about="http://a/b"><c xmlns="http://a/">d\xe9</c></rdf:Description></rdf:RDF>',
     "2:128: not UTF-8 (byte 0xe9 at offset 149)"),
    ("l1.ttl", b'<http://a/b> <http://a/c> "d\xe9" .\n', "1:29: not UTF-8 (byte 0xe9 at offset 28)"),
])
def test_a_graph_file_that_is_not_utf8_names_its_line_and_byte(built, run, tmp_path, name, content, where):
    """JSON-LD gave Python's codec message, RDF/XML `cannot decode input using UTF-8` with no place."""
    path = tmp_path / name
    path.write_bytes(content)
    result = run(built, "validate", str(path))
    assert result.exit_code == 2 and result.output == f"kg: error: {path}:{where}; save the file as UTF-8\n", \
        result.output


def test_an_argument_that_is_not_utf8_is_shown_as_its_bytes(built, tmp_path):
    """A file name argument with the byte 0xff was shown as `\\udcff` (Python's stand-in)."""
    result = subprocess.run([sys.executable, "-m", "kg", "validate", os.fsencode(tmp_path) + b"/\xff.ttl"],
                            cwd=built.root, capture_output=True)
    assert result.returncode == 2
    assert result.stderr == f"kg: error: {tmp_path}/\\xff.ttl: file not found\n".encode(), result.stderr


@pytest.mark.parametrize("args,said", [
    ([b"query", b"--sparql", b'SELECT * WHERE { ?s ?p "\xff" }'], b"--sparql: not UTF-8 (byte 0xff at character 25)"),
    ([b"query", b"leaders", b"-p", b"org=IS\xffIS"], b"--param org: not UTF-8 (byte 0xff at character 3)"),
])
def test_a_text_argument_that_is_not_utf8_names_the_byte(built, args, said):
    """A query with a byte that is not UTF-8 failed with Python's codec message
    (`query failed: UnicodeEncodeError: ... '\\udcff' ...`); a value was shown as `\\udcff`."""
    result = subprocess.run([sys.executable, "-m", "kg", *args], cwd=built.root, capture_output=True)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(b"kg: error: " + said) and result.stderr.count(b"\n") == 1, result.stderr


@pytest.mark.parametrize("where,command,said", [
    ("data/articles/pipe.txt", "build", "article file data/articles/pipe.txt is a device, pipe or socket"),
    ("data/aliases.yaml", "build", "data/aliases.yaml: cannot be read: a named pipe, not a regular file"),
    ("queries/pipe.rq", "query --list", "queries/pipe.rq: cannot read the query: a named pipe, not a regular file"),
])
def test_a_named_pipe_in_the_project_is_refused_not_waited_for(fresh, where, command, said):
    """kg build hashed an article, and read data/aliases.yaml and queries/*.rq, by opening
    them: a named pipe there hung it (and kg query --list, kg ask) until a writer came."""
    facts = fresh.facts / "centcom-isis-2024.yaml"
    if where.endswith("pipe.txt"):
        facts.write_text(facts.read_text(encoding="utf-8").replace("file: centcom-isis-2024.txt", "file: pipe.txt"),
                         encoding="utf-8")
    pipe = fresh.root / where
    pipe.parent.mkdir(exist_ok=True)
    pipe.unlink(missing_ok=True)
    os.mkfifo(pipe)
    result = subprocess.run([sys.executable, "-m", "kg", *command.split()], cwd=fresh.root, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode in (1, 2) and said in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr


def test_a_named_pipe_to_validate_is_refused_not_waited_for(built, tmp_path):
    """`kg validate pipe.ttl` waited for a writer that never came, as project files did."""
    pipe = tmp_path / "pipe.ttl"
    os.mkfifo(pipe)
    result = subprocess.run([sys.executable, "-m", "kg", "validate", str(pipe)], cwd=built.root,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"kg: error: {pipe}: cannot be read: a named pipe, not a regular file\n"


def test_an_article_saved_with_a_byte_order_mark_builds_the_same_graph(fresh, built):
    """An editor's byte order mark at an article's start was kept as its first character:
    in the graph's copy of the text, and in every evidence offset (one more than without)."""
    from kg.pipeline import build_project

    article = fresh.articles / "centcom-isis-2024.txt"
    article.write_bytes(b"\xef\xbb\xbf" + article.read_bytes())
    outcome = build_project(fresh)
    assert outcome.written, outcome.text()
    assert (fresh.build / "kg.ttl").read_bytes() == (built.build / "kg.ttl").read_bytes()


def test_an_article_file_that_is_no_file_says_what_it_is(fresh, run):
    """`article.file: .` (a folder), a pipe or a broken link each said `does not exist`."""
    facts = fresh.facts / "centcom-isis-2024.yaml"
    text = facts.read_text(encoding="utf-8")
    (fresh.articles / "gone.txt").symlink_to(fresh.articles / "nothing.txt")
    for file, what in ((".", "is a folder, not a file"), ("gone.txt", "is a broken link")):
        facts.write_text(text.replace("file: centcom-isis-2024.txt", f"file: {file}"), encoding="utf-8")
        result = run(fresh, "build")
        assert result.exit_code == 1, result.output
        assert f"data/facts/centcom-isis-2024.yaml:11:3: article.file: article file data/articles/{file} {what}" \
            in result.output, result.output


def test_a_huge_name_is_checked_in_linear_time_and_shown_shortened(fresh, run):
    """A 400 KB name was normalised again at every reference to its entity (43 s; 4 MB: 142 s),
    and the error quoting it was 400 KB long."""
    facts = fresh.facts / "centcom-isis-2024.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("name: Islamic State", "name: Islamic State" + " x" * 200_000, 1), encoding="utf-8")
    started = time.monotonic()
    result = run(fresh, "build")
    assert time.monotonic() - started < 15
    assert result.exit_code == 1 and len(result.output.splitlines()) == 1, result.output[:300]
    line = result.output.rstrip("\n")
    assert len(line) < 700 and "characters]…" in line and line.endswith("(name: ...)"), line
    assert line.startswith("kg: error: data/facts/centcom-isis-2024.yaml:18:11: name: 'Islamic State x x")


def test_a_huge_quote_not_in_the_article_is_reported_in_linear_time(fresh, run):
    """The passage most like a wrong quote was searched for with the whole quote: a quote of
    2 million characters took 2.5 minutes to report (600,000: 12 s)."""
    facts = fresh.facts / "centcom-isis-2024.yaml"
    text = facts.read_text(encoding="utf-8")
    plain = "    quote: the Islamic State (ISIS)\n"
    assert plain in text
    facts.write_text(text.replace(plain, plain[:-1] + " zz" * 700_000 + "\n", 1), encoding="utf-8")
    started = time.monotonic()
    result = run(fresh, "build")
    assert time.monotonic() - started < 20
    assert result.exit_code == 1 and "quote: quote not found in centcom-isis-2024.txt" in result.output
    assert len(result.output.splitlines()) == 1 and len(result.output) < 800, result.output[:300]


@pytest.mark.parametrize("char,shown", [
    ("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x85", "U+0085 (NEXT LINE, a line break to YAML)"),
    ("\u2028", "U+2028 (LINE SEPARATOR, a line break to YAML)"), ("\u2029", "U+2029 (PARAGRAPH SEPARATOR"),
])
def test_characters_yaml_refuses_or_reads_as_line_breaks_are_located(tmp_path, char, shown):
    """A NUL was `YAML error: … position 778` (a byte offset in "<unicode string>", over two
    lines); a LINE SEPARATOR in a comment ended the comment, so the rest of the line was read
    as YAML, and every line number after it was wrong."""
    path = tmp_path / "x.yaml"
    text = f"# a note: \u00e9\u00e9{char} more words: here\narticle: {{id: a, file: a.txt}}\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LocatedError) as caught:
        load_facts_file(path)
    assert str(caught.value).startswith(f"{path}:1:13: the character {shown}"), str(caught.value)
    escaped = tmp_path / "escaped.yaml"
    escaped.write_text(f'article: {{id: a, file: a.txt, title: "a\\u{ord(char):04x}b"}}\n', encoding="utf-8")
    load_facts_file(escaped)  # written as an escape in a double-quoted string, it is allowed


def test_the_characters_refused_are_exactly_those_yaml_1_1_does_not_print_and_its_line_breaks():
    """The refused set is written as its own ranges (a negated class over all of Unicode took
    15 ms to compile on every build): checked against YAML 1.1's c-printable, every code point."""
    from kg.yamlsafe import _NOT_ALLOWED

    def printable(c: int) -> bool:  # YAML 1.1 c-printable
        return c in (0x9, 0xA, 0xD, 0x85) or 0x20 <= c <= 0x7E or 0xA0 <= c <= 0xD7FF \
            or 0xE000 <= c <= 0xFFFD or 0x10000 <= c <= 0x10FFFF

    text = "".join(map(chr, range(0x110000)))
    refused = {m.start() for m in _NOT_ALLOWED.finditer(text)}
    wanted = {c for c in range(0x110000) if not printable(c) or c in (0x85, 0x2028, 0x2029)}
    assert refused == wanted


@pytest.mark.parametrize("value,tag", [
    ("!!python/object/apply:os.system [echo]", "!!python/object/apply:os.system"),
    ("!secret a.txt", "!secret"), ("!!int 12", "!!int"), ("!!set {a.txt}", "!!set"),
])
def test_yaml_tags_are_located_errors_not_read_as_text(tmp_path, value, tag):
    """A tag (`!!python/object`, a custom `!tag`) was dropped without a word and the value read
    as plain text, as if the writer had not asked for something else."""
    path = tmp_path / "x.yaml"
    path.write_text(f"article:\n  id: a\n  file: {value}\n", encoding="utf-8")
    with pytest.raises(LocatedError) as caught:
        load_facts_file(path)
    assert str(caught.value).startswith(f"{path}:3:9: YAML tag {tag} is not allowed"), str(caught.value)
    for text in ("!!str a.txt", "! a.txt", "'a!.txt'"):  # text, which kg reads every value as
        path.write_text(f"article:\n  id: a\n  file: {text}\n", encoding="utf-8")
        load_facts_file(path)


def test_project_overrides_that_lack_what_kg_reads_are_one_line_errors(built, run):
    """A project's own named query must select what kg reads, and its own vocabulary must
    hold the concepts kg's questions name: otherwise one line naming what is missing."""
    query, vocabulary = built.root / "queries" / "leaders.rq", built.root / "ontology" / "vocabulary.ttl"
    made = [d for d in (query.parent, vocabulary.parent) if not d.exists()]
    try:
        query.parent.mkdir(exist_ok=True)
        query.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 3\n")
        result = run(built, "ask", "who led ISIS in 2019?")
        assert result.exit_code != 0 and "the query's answer has no ?" in result.output, result.output
        assert result.output.count("\n") == 1
        query.unlink()
        vocabulary.parent.mkdir(exist_ok=True)
        vocabulary.write_text("@prefix x: <http://x/> .\nx:a x:b x:c .\n")
        result = run(built, "ask", "who led ISIS in 2019?")
        assert result.exit_code != 0 and "lacks the role 'leader' that kg reads" in result.output, result.output
    finally:  # the project is shared with other tests: leave it as it was
        query.unlink(missing_ok=True)
        vocabulary.unlink(missing_ok=True)
        for folder in made:
            folder.rmdir()


def test_an_event_key_names_one_event_across_articles(fresh, run):
    """An explicit event: key another article uses for another killing would merge the two
    events into one node: a located error. The same event told again (a victim in common) is
    one node, as the key means."""
    import shutil

    shutil.copy(fresh.articles / "centcom-isis-2024.txt", fresh.articles / "second.txt")
    facts = fresh.facts / "second.yaml"
    template = ("article: {id: second, file: second.txt}\nentities:\n"
                "  - {id: abu-bakr-al-baghdadi, type: Person, name: Abu Bakr al-Baghdadi, "
                "quote: 'Abu Bakr al-Baghdadi, the first ruler of ISIS'}\n"
                "facts:\n  - {id: k, type: killing, event: KEY, victim: abu-bakr-al-baghdadi, date: 2019,\n"
                "     quote: 'in 2019 when Abu Bakr al-Baghdadi, the first ruler of ISIS, was killed',\n"
                "     said_by: article}\n")
    facts.write_text(template.replace("KEY", "killing-of-kayla-mueller"))
    result = run(fresh, "build")
    assert result.exit_code != 0 and "data/facts/second.yaml:5:5: event: " in result.output, result.output
    assert "'killing-of-kayla-mueller' is the killing of kayla-mueller" in result.output
    facts.write_text(template.replace("KEY", "killing-of-abu-bakr-al-baghdadi"))
    assert run(fresh, "build").exit_code == 0


def test_as_of_must_stand_in_its_quote(fresh, run):
    """'now' answers are as of the article's as_of: a date its quote does not state is refused."""
    facts = fresh.facts / "centcom-isis-2024.yaml"
    facts.write_text(facts.read_text().replace("  as_of: 2024\n", "  as_of: 2099\n", 1))
    result = run(fresh, "build")
    assert result.exit_code != 0 and "'2099' is not in as_of_quote" in result.output, result.output
    assert "centcom-isis-2024.yaml:12:" in result.output and "article.as_of" in result.output


def test_article_ids_are_plain_names(built, run):
    article = str(built.articles / "centcom-isis-2024.txt")
    for command in ("extract", "add"):
        for bad in ("../x", "a b", "a" * 300):
            result = run(built, command, article, "--id", bad)
            assert result.exit_code == 2 and "an article id is a plain name" in result.output, result.output


def test_article_ids_that_name_kgs_own_graphs_are_refused(fresh, run, tmp_path):
    """An article's graph is source/ID: one called 'curated-aliases' or 'inferred' would share
    kg's own graph, and a rebuild of it would drop the curated aliases."""
    for reserved in ("curated-aliases", "inferred"):
        facts = fresh.facts / "centcom-isis-2024.yaml"
        text = facts.read_text()
        facts.write_text(text.replace("  id: centcom-isis-2024\n", f"  id: {reserved}\n", 1))
        result = run(fresh, "build")
        assert result.exit_code == 1 and f"the article id '{reserved}' names kg's own graph" in result.output, \
            result.output
        assert "centcom-isis-2024.yaml:" in result.output and "article.id" in result.output
        facts.write_text(text)
        article = tmp_path / f"{reserved}.txt"
        article.write_text("Somebody said something.", encoding="utf-8")
        for args in (["extract", str(article)], ["extract", str(fresh.articles / "centcom-isis-2024.txt"),
                                                 "--id", reserved]):
            result = run(fresh, *args)
            assert result.exit_code == 2 and "names kg's own graph" in result.output, result.output


def test_whole_number_params_are_ascii_digits(built, run):
    result = run(built, "query", "leaders", "--param", "org=ISIS", "--param", "ordinal=\u0662")
    assert result.exit_code == 2 and "expected a whole number in digits 0-9" in result.output, result.output
    # ten or more digits 0-9 were refused with the same words, as if they were not digits
    result = run(built, "query", "leaders", "--param", "org=ISIS", "--param", f"ordinal={'1' * 5000}")
    assert result.exit_code == 2 and "in digits 0-9, at most 9 of them" in result.output, result.output


def test_control_characters_in_values_stay_in_data_and_never_reach_a_terminal_table(built, run):
    query = 'SELECT ?x WHERE { BIND("a\\u001b[31mRED" AS ?x) }'
    assert "a\x1b[31mRED" in run(built, "query", "--sparql", query, "--format", "csv").output  # the value as it is
    table = run(built, "query", "--sparql", query).output
    assert "\x1b" not in table and "a\\x1b[31mRED" in table


def test_timeouts_must_be_numbers(built, run):
    for args in (("query", "--sparql", "ASK {}", "--timeout", "nan"),
                 ("ask", "who led ISIS in 2019?", "--timeout", "NaN")):
        result = run(built, *args)
        assert result.exit_code == 2 and "not a number of seconds" in result.output, result.output


@pytest.mark.parametrize("args", [("leaders", "IS\nIS"), ("show", "IS\nIS"), ("query", "no\nsuch")])
def test_a_line_break_in_an_argument_keeps_its_error_on_one_line(built, run, args):
    """The error quoting `IS<newline>IS` was printed as two `kg: error:` lines, as if two
    errors, with the name cut in half."""
    result = run(built, *args)
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert "\\n" in result.output, result.output


def test_export_errors(built, run, tmp_path):
    result = run(built, "export", "--format", "pdf")
    assert result.exit_code == 2 and "pdf" in result.output
    for fmt in ("graphml", "gexf"):  # graph tools' formats: the RDF options would be silently ignored
        for option in (["--inferred"], ["--schema-org", "http"]):
            result = run(built, "export", "--format", fmt, *option)
            assert result.exit_code == 2 and "applies to the RDF formats" in result.output, result.output
    result = run(built, "export", "--out", str(tmp_path / "no" / "such" / "dir.ttl"))
    assert result.exit_code == 2 and "does not exist" in result.output
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    if os.geteuid() != 0:  # root writes anywhere
        result = run(built, "export", "--out", str(locked / "x.ttl"))
        assert result.exit_code == 2 and "permission denied" in result.output


@pytest.mark.parametrize("args,named", [
    ("validate --bogus", "'--bogus'"), ("ask", "'QUESTION'"), ("query leaders --format xml", "'--format'"),
    ("nosuch", "'nosuch'"), ("build --shard 3/2", "'--shard'"), ("graph --bogus", "'--bogus'"),
    ("graph path", "'SOURCE'"), ("export --format nope", "'--format'"),
    ("--root", "'--root'"), ("ask 'who led ISIS?' --timeout nan --endpoint http://x/", "'--timeout'"),
])
def test_usage_errors_are_one_line_naming_the_argument(built, args, named):
    """click printed three lines (Usage, Try, Error) for a wrong option or a missing argument;
    kg's other input errors are one line: so are these, exit 2, with where to find the usage."""
    result = subprocess.run(["bash", "-c", f"{sys.executable} -m kg {args}"], cwd=built.root,
                            capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == "", result
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("kg: error: "), result.stderr
    assert named in result.stderr and "--help" in result.stderr, result.stderr


def test_questions_empty_or_huge(built, run):
    assert run(built, "ask", "").exit_code == 2
    result = run(built, "ask", "who " * 2_500_000)
    assert result.exit_code == 2 and "characters" in result.output


def test_huge_facts_file_is_refused(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "w") as out:
        out.write("article: {id: a, file: a.txt}\nfacts:\n")
        out.write(("  - {id: x, type: description, subject: x, quote: q, said_by: article}\n") * 300_000)
    with pytest.raises(LocatedError, match="over the limit of 20,971,520 bytes"):
        load_facts_file(path)


def test_unicode_forms_resolve_to_one_entity(built):
    """NFC and NFD spellings of a name find the same node."""
    import unicodedata

    store = open_store(built)
    for form in ("NFC", "NFD"):
        question = unicodedata.normalize(form, "who led ÍSIS in 2019?").replace("Í", "I").replace("I\u0301", "I")
        assert ask(question, store, built).answers[0].label == "Abu Bakr al-Baghdadi"
    from kg.names import normalize

    assert normalize(unicodedata.normalize("NFC", "Abū Bakr")) == normalize(unicodedata.normalize("NFD", "Abū Bakr"))
    assert normalize("THE ATTORNEY’S OFFICE") == normalize("the Attorney's Office") == "attorney office"


# --- Faults: interrupted and concurrent builds ----------------------------------------------


def _build(root: Path, env=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "--root", str(root), "build", "--no-validate"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )


@pytest.mark.slow
def test_killed_builds_leave_old_or_new_output(fresh):
    facts = fresh.facts / "centcom-isis-2024.yaml"
    versions = [facts.read_text(), facts.read_text().replace("name: Islamic State\n", "name: the Islamic State\n")]
    outputs = []
    for text in versions:
        facts.write_text(text)
        assert _build(fresh.root).wait() == 0
        outputs.append(((fresh.build / "kg.ttl").read_bytes(), (fresh.build / "kg.trig").read_bytes()))
    rng = random.Random(7)
    for i in range(12):
        facts.write_text(versions[i % 2])
        proc = _build(fresh.root)
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        got = ((fresh.build / "kg.ttl").read_bytes(), (fresh.build / "kg.trig").read_bytes())
        assert got in outputs, "kg.ttl and kg.trig of different builds (or torn)"
        store = open_store(fresh)  # the store link always names a complete store
        assert q.run_named(store, fresh, "leaders", {"org": "ISIS", "year": "2019"}).rows
        del store
    assert _build(fresh.root).wait() == 0  # the next build clears what killed builds left behind
    assert not list(fresh.build.glob(".gen-*.tmp-*")) and not list(fresh.build.glob(".bulk-*"))


def test_concurrent_builds_do_not_corrupt(fresh):
    procs = [_build(fresh.root) for _ in range(3)]
    assert [p.wait() for p in procs] == [0, 0, 0]
    ttl = (fresh.build / "kg.ttl").read_bytes()
    assert _build(fresh.root).wait() == 0
    assert (fresh.build / "kg.ttl").read_bytes() == ttl
    assert len(list(fresh.build.glob("gen-*"))) == 1


# --- Property-based: random input never raises an unhandled exception -----------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_facts_loader_random_text(tmp_path, text):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_facts_file(path)
    except KgError:
        pass


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=10), c, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["article", "entities", "facts", "periods", "other"]), yaml_values, max_size=4))
def test_facts_loader_random_structure(tmp_path, doc):
    import yaml

    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    try:
        load_facts_file(path)
    except KgError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_question_parser_random_text(text):
    """Any text parses; every word is either accounted for or reported, never lost."""
    parsed = parse(text, load_vocabulary())
    assert parsed.family in {f for f, _, _ in FAMILIES} | {""}
    assert parsed.used <= set(range(len(parsed.tokens)))
    reported = " ".join(unrecognised(parsed)).split()
    left = [t for i, t in enumerate(parsed.tokens) if i not in parsed.used]
    assert len({t.at for t in left}) == len(reported)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=80))
def test_ask_and_params_random_text(built, text):
    store = open_store(built)
    try:
        answer = ask(text, store, built)
    except UsageError:
        assert not text.strip() or len(text) > 500
    else:
        assert answer.status in ("answered", "not_stated", "not_understood")
        if answer.status == "answered":  # only when every word was understood and used
            assert not answer.unrecognised and all(a.evidence for a in answer.answers)
        for words in answer.unrecognised:  # what it reports comes from the question
            assert all(w in text for w in words.split())
        if answer.status == "not_understood":
            assert answer.suggestions
    try:
        q.run_named(store, built, "leaders", {"org": text, "year": "2019"})
    except UsageError:
        pass


@pytest.mark.parametrize("what,make", [
    ("a file", lambda p: p.write_text("x\n", encoding="utf-8")),
    ("a broken link", lambda p: p.symlink_to("nowhere")),
    ("a device, pipe or socket", os.mkfifo),
])
def test_data_facts_that_is_no_folder_fails_the_build_and_keeps_the_last_one(fresh, run, what, make):
    """data/facts as a file, a dead link or a pipe built an empty graph over the last build,
    exit 0, saying only '0 article(s)'."""
    from kg.pipeline import build_project

    assert build_project(fresh).written
    shutil.rmtree(fresh.facts)
    make(fresh.facts)
    result = run(fresh, "build")
    assert result.exit_code == 1
    assert result.output == f"kg: error: data/facts: is {what}, not the folder of the facts files\n"
    assert run(fresh, "leaders", "ISIS").exit_code == 0  # the last build still answers


def test_facts_files_in_a_folder_inside_data_facts_fail_the_build_not_vanish(fresh, run):
    """A facts file filed in a folder of data/facts/ (by year, by group) was skipped without
    a word: its facts were missing from the graph. A folder holding no facts file is fine."""
    (fresh.facts / "notes").mkdir()
    (fresh.facts / "notes" / "todo.txt").write_text("check the dates\n", encoding="utf-8")
    (fresh.facts / ".ipynb_checkpoints").mkdir()  # a notebook's copies are no facts files
    (fresh.facts / ".ipynb_checkpoints" / "x-checkpoint.yaml").write_text("article: x.txt\n", encoding="utf-8")
    assert run(fresh, "build").exit_code == 0
    moved = fresh.facts / "2024" / "spring" / "later.yaml"
    moved.parent.mkdir(parents=True)
    moved.write_text("article: later.txt\n", encoding="utf-8")
    result = run(fresh, "build")
    assert result.exit_code == 1
    assert result.output == ("kg: error: data/facts/2024/spring/later.yaml: facts files are read from "
                             "data/facts/ only, not from folders in it: move it up into data/facts/\n")
    assert run(fresh, "leaders", "ISIS").exit_code == 0  # the last build still answers


def test_a_store_too_damaged_to_open_is_one_line_and_the_next_build_repairs_it(fresh):
    """A damaged file of the store (a disk error, a stray write: here its CURRENT file)
    made kg ask, show, leaders and graph a traceback of RocksDB's 'Corruption' error, and
    kg query (whose queries run in a child process) 'query failed: RuntimeError: …'."""
    from kg.pipeline import build_project

    assert build_project(fresh).written
    current = fresh.build / "current" / "store" / "CURRENT"
    current.write_bytes(b"not a manifest name\n")
    for command in (["ask", "who led ISIS in 2019?"], ["show", "ISIS"], ["leaders", "ISIS"],
                    ["query", "leaders", "-p", "org=ISIS"], ["query", "leaders", "-p", "org=ISIS", "--timeout", "5"]):
        result = subprocess.run([sys.executable, "-m", "kg", "--root", str(fresh.root), *command],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert f"the built store in {fresh.build} cannot be opened (Corruption: " in result.stderr
        assert "run: kg build" in result.stderr
    assert build_project(fresh).written
    done = subprocess.run([sys.executable, "-m", "kg", "--root", str(fresh.root), "leaders", "ISIS"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Baghdadi" in done.stdout, done.stderr
