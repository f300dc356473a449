"""Hostile and broken endpoints, written here as real local servers: each gets one line and
exit 1 within --timeout, never a traceback, a hang or the whole of a huge body. Redirects
stay within one origin; credentials are asked for, answered, and never printed; a push that
fails half-way leaves the store as it was, or names exactly what it replaced."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.parse

import pytest

from kg.pipeline import build_project
from kg.push import TEMP
from kg.store import open_store

from . import servers
from .test_endpoint import local_graph, remote_graph

SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
GOOD = json.dumps(
    {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "http://a.example/x"}}]}}
).encode()


def answer(
    body: bytes, content_type: str = "application/sparql-results+json", status: str = "200 OK", extra: str = ""
) -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{extra}"
        "Connection: close\r\n\r\n"
    ).encode() + body


def fails(run, built, url: str, *args: str, timeout: str = "2") -> str:
    """Run kg query against url; it must fail with exit 1 and one line naming the problem."""
    result = run(built, "query", "--sparql", SELECT, "--endpoint", url, "--timeout", timeout, *args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1, result.output
    assert result.output.startswith("kg: error: http://127.0.0.1:")
    return result.output


@pytest.fixture()
def listener():
    made = []

    def make(handle):
        made.append(servers.Listener(handle))
        return made[-1]

    yield make
    for one in made:
        one.stop()


def test_slow_drip_stops_at_the_deadline(run, built, listener):
    def drip(server, conn, _):
        server.send(conn, b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n")
        for _ in range(40):  # one byte each 0.5 s: 20 s in all, each read well within 2 s
            server.send(conn, b" ")
            time.sleep(0.5)

    def drip_headers(server, conn, _):
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n":
            server.send(conn, bytes([byte]))
            time.sleep(0.3)

    for handler in (drip, drip_headers):
        url = listener(handler).url
        start = time.monotonic()
        assert "no complete answer within 2s" in fails(run, built, url)
        assert time.monotonic() - start < 6
    start = time.monotonic()
    result = run(built, "ask", "who led ISIS in 2019?", "--endpoint", listener(drip).url, "--timeout", "2")
    assert result.exit_code == 1 and "no complete answer within 2s" in result.output
    assert time.monotonic() - start < 6


def test_huge_body_is_not_read_whole(run, built, listener):
    declared = listener(
        lambda s, c, _: s.send(
            c, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1500000000\r\n\r\n" + b" " * 65536
        )
    )
    assert "the answer is 1,500,000,000 bytes, more than the 67,108,864 kg reads" in fails(run, built, declared.url)

    def endless(server, conn, _):
        server.send(conn, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")
        block = b" " * (1 << 20)
        for _ in range(1500):  # 1.5 GB, unless the reader stops
            server.send(conn, block)

    streamed = listener(endless)
    assert "more than the 67,108,864 bytes kg reads; stopped" in fails(run, built, streamed.url, timeout="60")
    assert streamed.sent < 200 * (1 << 20)


@pytest.mark.parametrize(
    "reply,message",
    [
        (
            answer(b"<html><body><h1>Welcome</h1></body></html>", "text/html"),
            "answered text/html, not SPARQL JSON results",
        ),
        (answer(b"{not json"), "the answer is not valid JSON"),
        (answer(b"[1, 2]"), "not SPARQL JSON results (not an object)"),
        (answer(b'{"head": {"vars": [1]}, "results": {"bindings": []}}'), "not SPARQL JSON results"),
        (
            answer(b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri"}}]}}'),
            "not SPARQL JSON results",
        ),
        (
            answer(b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "weird", "value": "x"}}]}}'),
            "unknown term type",
        ),
        (
            answer(b"<html>Service Unavailable</html>", "text/html", "503 Service Unavailable"),
            "HTTP 503 Service Unavailable: Service Unavailable",
        ),
        (b"", "the server closed the connection without a complete answer"),
        (
            b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"head"',
            "the answer was cut short after 7 bytes",
        ),
        (b"SSH-2.0-OpenSSH_9.2\r\n", "not an HTTP answer"),
    ],
)
def test_broken_answers_are_one_line(run, built, listener, reply, message):
    url = listener(lambda s, c, _: s.send(c, reply)).url
    assert message in fails(run, built, url)


@pytest.mark.parametrize(
    "url,message",
    [
        ("http://[::1", "Invalid IPv6 URL"),
        ("http://127.0.0.1:abc/", "Port could not be cast"),
        ("http://127.0.0.1:99999/", "Port out of range"),
        ("http:///sparql", "give an http:// or https:// URL"),
        ("http://kg:hunter2@127.0.0.1:7878/", "put credentials in --user"),
        ("http://127.0.0.1:7878/a b", "spaces or control characters"),
    ],
)
def test_malformed_urls(run, built, url, message):
    for args in (
        ["query", "--sparql", SELECT, "--endpoint", url],
        ["push", "--endpoint", url],
        ["ask", "who led ISIS in 2019?", "--endpoint", url],
    ):
        result = run(built, *args)
        assert result.exit_code == 2 and message in result.output, result.output
        assert result.output.count("\n") == 1 and "hunter2" not in result.output


def test_redirects_stay_within_the_origin(run, built, listener):
    elsewhere = listener(lambda s, c, _: s.send(c, answer(GOOD)))
    for location in (
        f"ftp://127.0.0.1:{elsewhere.port}/x",
        f"{elsewhere.url}/query",
        "file:///etc/passwd",
        f"https://127.0.0.1:{elsewhere.port}/query",
        "http://[::1",  # malformed: urljoin itself refuses it
    ):
        moved = listener(
            lambda s, c, _, loc=location: s.send(c, answer(b"", extra=f"Location: {loc}\r\n", status="302 Found"))
        )
        assert "another scheme, host or port" in fails(run, built, moved.url)
    assert elsewhere.connections == 0

    def same_origin(server, conn, request):
        if request.startswith(b"GET /moved"):
            server.send(conn, answer(GOOD))
        else:
            server.send(conn, answer(b"", status="301 Moved Permanently", extra="Location: /moved/sparql\r\n"))

    result = run(
        built, "query", "--sparql", SELECT, "--endpoint", listener(same_origin).url + "/sparql", "--format", "csv"
    )
    assert result.exit_code == 0 and "http://a.example/x" in result.output, result.output
    loop = listener(lambda s, c, _: s.send(c, answer(b"", status="302 Found", extra="Location: /sparql\r\n")))
    assert "more than 5 redirects" in fails(run, built, loop.url + "/sparql")


def test_credentials_with_a_line_break_are_refused_unshown(run, built, listener, monkeypatch):
    """A user or password goes into a header: a line break is one line of refusal, and neither
    the credentials nor a header are printed."""
    store = listener(lambda s, c, _: s.send(c, answer(GOOD)))
    result = run(built, "query", "--sparql", SELECT, "--endpoint", store.url, "--user", "kg\n:secret-pw")
    assert result.exit_code == 2 and "line break or control character" in result.output, result.output
    assert "secret-pw" not in result.output and result.output.count("\n") == 1
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "pw\r\nX-Evil: 1")
    result = run(built, "query", "--sparql", SELECT, "--endpoint", store.url, "--user", "kg")
    assert result.exit_code == 2 and "KG_ENDPOINT_PASSWORD" in result.output and "X-Evil" not in result.output


# --- Credentials: HTTP basic through a proxy in front of a real store ------------------------


@pytest.fixture(scope="module")
def guarded(built):
    """Oxigraph behind a proxy that wants HTTP basic credentials (digest: see the Virtuoso tests)."""
    store = servers.oxigraph()
    proxy = servers.Proxy(
        store.url.removesuffix("/query"),
        {"/query": "/query", "/store": "/store", "/update": "/update"},
        user=("reader", "s3cret-pw"),
    )
    yield proxy
    proxy.stop()
    store.stop()


def test_basic_auth_from_each_source(run, built, guarded, tmp_path, monkeypatch):
    project = servers.copy_built(built, tmp_path / "p")
    url = guarded.url + "/query"
    result = run(project, "push", "--endpoint", url)
    assert result.exit_code == 1 and "HTTP 401 Unauthorized: the store wants credentials" in result.output
    assert guarded.seen_auth[0] is None  # nothing sent before the store asks
    result = run(project, "push", "--endpoint", url, "--user", "reader:wrong-pw")
    assert result.exit_code == 1 and "refused the credentials from --user" in result.output
    assert "wrong-pw" not in result.output
    result = run(project, "push", "--endpoint", url, "--user", "reader:s3cret-pw")
    assert result.exit_code == 0 and "5 graph(s) added" in result.output, result.output
    assert "s3cret" not in result.output

    monkeypatch.setenv("KG_ENDPOINT_USER", "reader")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret-pw")
    result = run(project, "ask", "who led ISIS in 2019?", "--endpoint", url)
    assert result.exit_code == 0 and "Abu Bakr al-Baghdadi" in result.output, result.output
    monkeypatch.delenv("KG_ENDPOINT_USER")
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD")

    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login reader password s3cret-pw\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    result = run(project, "query", "--sparql", "ASK { ?s ?p ?o }", "--endpoint", url)
    assert result.exit_code == 0 and result.output.strip() == "true", result.output
    result = run(project, "query", "--sparql", "ASK { ?s ?p ?o }", "--endpoint", url, "--user", "reader")
    assert result.exit_code == 0 and result.output.strip() == "true", result.output
    netrc.write_text("machine 127.0.0.1 login reader passwd s3cret-pw\n")
    result = run(project, "query", "--sparql", "ASK { ?s ?p ?o }", "--endpoint", url)
    assert result.exit_code == 2 and "$NETRC:" in result.output and result.output.count("\n") == 1
    monkeypatch.delenv("NETRC")
    monkeypatch.setenv("HOME", str(tmp_path))
    result = run(project, "query", "--sparql", "ASK { ?s ?p ?o }", "--endpoint", url, "--user", "reader")
    assert result.exit_code == 2 and "no password for that user" in result.output


# --- A push that fails half-way -------------------------------------------------------------


@pytest.fixture()
def half(fresh):
    """The bundled project pushed to Oxigraph through a proxy that speaks only the plain
    Graph Store Protocol (one PUT per graph), then changed (a new alias: two graphs differ)."""
    assert build_project(fresh).report.conforms
    store = servers.oxigraph()
    proxy = servers.Proxy(
        store.url.removesuffix("/query"), {"/query": "/query", "/data": "/store", "/update": "/update"}
    )
    old = {g.value: local_graph(fresh, g.value) for g in open_store(fresh).named_graphs()}
    aliases = fresh.root / "data" / "aliases.yaml"
    aliases.write_text(aliases.read_text() + "abu-hafs-al-hashimi-al-qurashi: [Abu Hafs]\n")
    yield fresh, store, proxy, old
    proxy.stop()
    store.stop()


def _push(run, project, proxy, *args):
    return run(project, "push", "--endpoint", proxy.url + "/query", "--store-url", proxy.url + "/data", *args)


def test_failed_push_leaves_the_store_as_it_was(run, half):
    project, store, proxy, old = half
    assert _push(run, project, proxy).exit_code == 0
    assert build_project(project).report.conforms
    proxy.fail_at(3)  # the 3rd write from now: kg sends 5 graphs (--all), so it fails mid-way
    result = _push(run, project, proxy, "--all")
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "HTTP 500" in result.output and "nothing was replaced" in result.output, result.output
    for graph, triples in old.items():
        assert remote_graph(store.store, graph) == triples, graph
    assert not [g for g in _graphs(store) if g.startswith(TEMP)]
    result = _push(run, project, proxy)  # the next push sends what differs, and completes
    assert result.exit_code == 0 and "2 replaced" in result.output, result.output
    for graph in old:
        assert remote_graph(store.store, graph) == local_graph(project, graph), graph


def test_push_without_update_names_what_it_replaced(run, half):
    project, store, proxy, old = half
    assert _push(run, project, proxy).exit_code == 0
    assert build_project(project).report.conforms
    proxy.refuse_update = True
    proxy.fail_at(3)
    result = _push(run, project, proxy, "--all")
    assert result.exit_code == 1, result.output
    assert "takes no SPARQL Update" in result.output and "HTTP 500" in result.output
    replaced = ["https://kg.example/id/index/centcom-isis-2024", "https://kg.example/id/index/curated-aliases"]
    assert f"graphs replaced before the failure: {', '.join(replaced)}; not replaced: " in result.output
    for graph in old:
        expected = local_graph(project, graph) if graph in replaced else old[graph]
        assert remote_graph(store.store, graph) == expected, graph
    result = _push(run, project, proxy)
    assert result.exit_code == 0 and "1 replaced" in result.output, result.output  # the curation graph left
    for graph in old:
        assert remote_graph(store.store, graph) == local_graph(project, graph), graph


def test_failed_first_push_drops_what_it_added(run, half):
    project, store, proxy, _ = half
    proxy.fail_at(3)
    result = _push(run, project, proxy)
    assert result.exit_code == 1 and "adding 5 new graph(s) failed, the store is as it was" in result.output
    assert _graphs(store) == []
    result = _push(run, project, proxy)
    assert result.exit_code == 0 and "5 graph(s) added" in result.output, result.output


def test_killed_push_leaves_no_temporary_graphs(run, half):
    """kg push killed between loading the temporary graphs and swapping them in: the next
    push drops them (the manifest names them) and completes."""
    project, store, proxy, old = half
    assert _push(run, project, proxy).exit_code == 0
    assert build_project(project).report.conforms
    proxy.hold_moves = True
    killed = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "--root",
            str(project.root),
            "push",
            "--endpoint",
            proxy.url + "/query",
            "--store-url",
            proxy.url + "/data",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert proxy.move_seen.wait(120)
        assert len([g for g in _graphs(store) if g.startswith(TEMP)]) == 2
    finally:
        killed.kill()
        killed.wait(30)
        proxy.hold_moves = False
        proxy.release.set()
    result = _push(run, project, proxy)
    assert result.exit_code == 0 and "2 replaced" in result.output, result.output
    assert not [g for g in _graphs(store) if g.startswith(TEMP)]
    for graph in old:
        assert remote_graph(store.store, graph) == local_graph(project, graph), graph


def _graphs(store: servers.Server) -> list[str]:
    from kg.endpoint import Endpoint

    rows = Endpoint(store.url).select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {})[1]
    return [r["g"].value for r in rows]


def test_quote_of_urls_in_messages_hides_the_query(run, built, listener):
    """Messages name the endpoint, not the query string the request carried."""
    url = listener(lambda s, c, _: s.send(c, answer(b"nope", "text/plain", "500 Internal Server Error"))).url
    output = fails(run, built, url + "/sparql")
    assert "query=" not in output and urllib.parse.quote("SELECT") not in output


def test_a_store_that_keeps_nothing_fails_the_push(run, built, tmp_path):
    """A store that answers every write with success and stores nothing: kg reads back which
    graphs it holds, fails, and records nothing as pushed (the next push sends all again)."""
    import http.server
    import threading

    class BlackHole(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def handle_any(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n) if n else b""
            query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query).get("query", [""])[0] \
                or urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [""])[0]
            if not query:
                self.send_response(204)
                self.end_headers()
                return
            out = json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": []}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        do_GET = do_POST = do_PUT = do_DELETE = handle_any

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), BlackHole)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        project = servers.copy_built(built, tmp_path / "p")
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        for _ in range(2):
            result = run(project, "push", "--endpoint", url)
            assert result.exit_code == 1 and "holds nothing in them" in result.output, result.output
            assert "not recorded as pushed" in result.output and result.output.count("\n") == 1
    finally:
        server.shutdown()


@pytest.mark.parametrize("distinct,expected", [(True, ["s", "http://a.example/x", "http://a.example/y"]),
                                               (False, ["s", "http://a.example/x", "http://a.example/x",
                                                        "http://a.example/y"])])
def test_a_distinct_answer_with_repeated_rows(run, built, listener, distinct, expected):
    """A store that repeats rows of a SELECT DISTINCT (Virtuoso 7.2 does, for some queries and
    not every time) gives each row once, as the query asks; a plain SELECT keeps its repeats."""
    rows = [{"s": {"type": "uri", "value": f"http://a.example/{v}"}} for v in "xxy"]
    body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": rows}}).encode()
    url = listener(lambda s, c, _: s.send(c, answer(body))).url
    text = f"SELECT {'DISTINCT ' if distinct else ''}?s WHERE {{ ?s ?p ?o }} ORDER BY ?s"
    result = run(built, "query", "--sparql", text, "--endpoint", url, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == expected
