"""Real servers for the store tests: Oxigraph's and Virtuoso's SPARQL servers, Apache Jena's
command-line tools, each started on a free port with its own folder, and stopped at exit.

Virtuoso and Jena come from Debian's packages (`virtuoso-opensource`, `libapache-jena-java`);
.ci/run installs them. Where they are missing the tests skip and say why, except when
KG_REQUIRE_STORES=1 (set by .ci/run), where they fail.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

VIRTUOSO_USER, VIRTUOSO_PASSWORD = "kgpush", "kg-secret-pw"
JENA_JARS = Path("/usr/share/java")
# Jena's libraries and what they need at run time (Debian names), for riot and shacl.
JENA_CLASSPATH = [
    "jena-arq",
    "jena-base",
    "jena-cmds",
    "jena-core",
    "jena-dboe-base",
    "jena-dboe-index",
    "jena-dboe-storage",
    "jena-dboe-trans-data",
    "jena-dboe-transaction",
    "jena-iri",
    "jena-rdfconnection",
    "jena-shacl",
    "jena-shex",
    "jena-tdb",
    "jena-tdb2",
    "commons-cli",
    "commons-codec",
    "commons-compress",
    "commons-csv",
    "commons-io",
    "commons-lang3",
    "dexx.collection",
    "gson",
    "guava",
    "httpclient",
    "httpclient-cache",
    "httpcore",
    "commons-logging",
    "jackson-annotations",
    "jackson-core",
    "jackson-databind",
    "jsonld-java",
    "jakarta.json-api",
    "protobuf",
    "slf4j-api",
    "slf4j-simple",
    "thrift",
    "titanium-json-ld",
]


def missing(what: str) -> None:
    """Skip (or fail in CI, where .ci/run installs everything) for a missing tool."""
    if os.environ.get("KG_REQUIRE_STORES") == "1":
        pytest.fail(f"{what} (KG_REQUIRE_STORES=1: .ci/run should have installed it)")
    pytest.skip(what)


def copy_built(built, dest: Path):
    """A private copy of the session's built project: kg push writes its manifest in build/."""
    from kg.project import Project

    shutil.copytree(built.root, dest)
    return Project(dest)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    proc.kill()
    tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
    pytest.fail(f"the server did not answer {url} within {seconds:g}s\n{tail}")


@dataclass
class Server:
    url: str  # the SPARQL query endpoint
    store: str  # the Graph Store Protocol URL
    proc: subprocess.Popen
    folder: Path
    sql_port: int = 0  # Virtuoso's SQL port, for isql

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        shutil.rmtree(self.folder, ignore_errors=True)


def oxigraph(folder: Path | None = None) -> Server:
    """An Oxigraph server on a free port, default graph = union of the named graphs."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]'")
    folder = folder or Path(tempfile.mkdtemp(prefix="kg-oxigraph-"))
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/query?query=ASK%7B%7D", proc, 20)
    return Server(url + "/query", url + "/store", proc, folder)


# --- Virtuoso ------------------------------------------------------------------------------

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 0
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 1
AsyncQueueMaxThreads = 2
MaxClientConnections = 8

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 8
MaxClientConnections = 8
KeepAliveTimeout = 5

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""


def virtuoso_binaries() -> tuple[str, str] | None:
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    return (server, isql) if server and isql else None


_VIRTUOSO: list[Server] = []


def virtuoso() -> Server:
    """One Virtuoso for the whole test session: own database folder and free ports,
    SPARQL_UPDATE granted to the anonymous SPARQL user and to a user with a password."""
    if _VIRTUOSO:
        return _VIRTUOSO[0]
    found = virtuoso_binaries()
    if found is None:
        missing("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource)")
    binary, _ = found
    folder = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http))
    proc = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http}"
    server = Server(base + "/sparql", base + "/sparql-graph-crud", proc, folder, sql)
    atexit.register(server.stop)
    wait_for(base + "/sparql?query=ASK%7B%7D", proc, 120, folder / "virtuoso.log")
    isql(
        server,
        'GRANT SPARQL_UPDATE TO "SPARQL";',
        f"DB.DBA.USER_CREATE('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}');",
        f'GRANT SPARQL_UPDATE TO "{VIRTUOSO_USER}";',
    )
    _VIRTUOSO.append(server)
    return server


def isql(server: Server, *statements: str) -> str:
    """Run SQL statements as dba through Virtuoso's isql; fail the test on an error."""
    found = virtuoso_binaries()
    assert found is not None
    done = subprocess.run(
        [found[1], str(server.sql_port), "dba", "dba", "exec=" + " ".join(statements)],
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        pytest.fail(f"isql failed: {done.stdout[-1000:]} {done.stderr[-1000:]}")
    return done.stdout


# --- Apache Jena -------------------------------------------------------------------------

_JENA: list[str] = []


def jena_classpath() -> str:
    """The classpath for Jena's riot and shacl from Debian's jars. Debian's jena-core 4.5
    lacks the message files of its relocated Xerces, without which every XSD datatype check
    fails at start; they are copied from the jar's other Xerces copy into a folder of our own."""
    if _JENA:
        return _JENA[0]
    java = shutil.which("java")
    jars = [JENA_JARS / f"{name}.jar" for name in JENA_CLASSPATH]
    absent = [j.name for j in jars if not j.exists()]
    if java is None or absent:
        missing(
            "Apache Jena is not installed (Debian: apt-get install libapache-jena-java "
            f"default-jre-headless); missing: {'java' if java is None else ', '.join(absent)}"
        )
    folder = Path(tempfile.mkdtemp(prefix="kg-jena-"))
    atexit.register(shutil.rmtree, folder, True)
    with zipfile.ZipFile(JENA_JARS / "jena-core.jar") as core:
        for name in core.namelist():
            relocated = "org/apache/jena/ext/xerces/"
            if name.startswith(relocated) and name.endswith(".properties"):
                out = folder / "xerces" / name[len(relocated) :]
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(core.read(name))
    _JENA.append(os.pathsep.join([*map(str, jars), str(folder)]))
    return _JENA[0]


def jena(command: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a Jena command (riotcmd.riot, shacl.shacl, tdb2.tdbloader...)."""
    return subprocess.run(
        ["java", "-Xmx1g", "-cp", jena_classpath(), command, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


# --- Servers written for the tests: hostile endpoints and a proxy --------------------------


class Listener:
    """A TCP server on 127.0.0.1 that hands each connection, with the request's first bytes,
    to `handle` in a thread: the misbehaving endpoints of the robustness tests."""

    def __init__(self, handle) -> None:

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self.sent = 0  # bytes the handler managed to send
        self.handle = handle
        self.closed = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:

        while not self.closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(30)
            try:
                request = conn.recv(65536)
                self.handle(self, conn, request)
            except OSError:
                pass

    def send(self, conn: socket.socket, data: bytes) -> None:
        conn.sendall(data)
        self.sent += len(data)

    def stop(self) -> None:
        self.closed = True
        self.sock.close()


class Proxy:
    """An HTTP proxy in front of a real store, as people put one (nginx, a gateway): it can
    demand HTTP basic credentials, map paths, refuse SPARQL Update, or fail the Nth write."""

    def __init__(self, upstream: str, paths: dict[str, str], user: tuple[str, str] | None = None) -> None:
        import base64
        import http.client
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        target = urllib.parse.urlsplit(upstream)
        proxy = self
        self.writes = 0
        self.fail_write: int | None = None  # the write (PUT, POST, DELETE) answered with HTTP 500
        self.refuse_update = False
        self.hold_moves = False  # hold the update that swaps graphs in, until `release`, then drop it
        self.move_seen, self.release = threading.Event(), threading.Event()
        self.seen_auth: list[str | None] = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
                    return self.rfile.read(int(self.headers.get("Content-Length") or 0))
                parts = []
                while size := int(self.rfile.readline().split(b";")[0], 16):
                    parts.append(self.rfile.read(size))
                    self.rfile.readline()
                self.rfile.readline()
                return b"".join(parts)

            def _forward(self) -> None:
                body = self._body()
                proxy.seen_auth.append(self.headers.get("Authorization"))
                if user is not None:
                    token = base64.b64encode(f"{user[0]}:{user[1]}".encode()).decode()
                    if self.headers.get("Authorization") != f"Basic {token}":
                        return self._answer(401, b"credentials needed", {"WWW-Authenticate": 'Basic realm="kg"'})
                path, _, query = self.path.partition("?")
                mapped = paths.get(path)
                if mapped is None:
                    return self._answer(404, b"no such path")
                if proxy.refuse_update and mapped == "/update":
                    return self._answer(403, b"updates are not allowed here")
                if proxy.hold_moves and mapped == "/update" and b"MOVE" in body:
                    proxy.move_seen.set()
                    proxy.release.wait(120)
                    return self._answer(503, b"dropped (by the test)")
                if self.command in ("PUT", "POST", "DELETE") and mapped == "/store":
                    proxy.writes += 1
                    if proxy.writes == proxy.fail_write:
                        return self._answer(500, b"disk full (injected by the test)")
                conn = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                conn.request(self.command, mapped + ("?" + query if query else ""), body=body, headers=headers)
                got = conn.getresponse()
                data = got.read()
                self._answer(got.status, data, {"Content-Type": got.getheader("Content-Type") or "text/plain"})
                conn.close()

            def _answer(self, status: int, data: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _forward

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def fail_at(self, n: int) -> None:
        """Fail the nth write to the store from now."""
        self.fail_write = self.writes + n

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
