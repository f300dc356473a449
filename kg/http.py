"""HTTP for remote stores, distrustful by default.

Every request has one deadline for all of it (connect, send, headers, body): a server that
drips bytes is cut off when the deadline passes. Bodies are read up to a cap. Redirects are
followed only within the same origin (scheme, host and port). Credentials go only to the
origin they were given for, only when it asks (HTTP basic or digest), and are never printed.
Every failure is one EndpointError line naming the URL without its query.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kg.auth import Challenge, Credentials, authorization, challenges
from kg.errors import EndpointError, UsageError

Body = bytes | Path | Callable[[], Iterable[bytes]] | None
MAX_BODY = 64 * 1024 * 1024  # a query answer kg can use is far smaller (10,000 rows)
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Url:
    scheme: str
    host: str
    port: int
    target: str  # path and query, as sent in the request line

    @property
    def origin(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}{self.target}"

    def shown(self) -> str:
        """For messages: without the query string (it may be long or hold a query)."""
        return str(self).split("?", 1)[0]


def parse_url(text: str, option: str = "--endpoint") -> Url:
    """An http(s) URL with a host and a numeric port, or a UsageError naming the option."""
    hint = f"{option} {text!r}: give an http:// or https:// URL"
    try:
        parts = urllib.parse.urlsplit(text.strip())
        port = parts.port
    except ValueError as exc:
        raise UsageError(f"{hint} ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(hint)
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"{option}: put credentials in --user, KG_ENDPOINT_USER or ~/.netrc, "
                         "not in the URL")
    if any(ord(c) < 33 for c in text.strip()):
        raise UsageError(f"{hint} (it holds spaces or control characters)")
    check_host(parts.hostname, hint)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return Url(parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), target)


def check_host(host: str, hint: str) -> None:
    """A UsageError (`hint`, then why) for a host name the connection would fail to encode
    (a label empty or over 63 characters): it was a UnicodeError traceback."""
    try:
        host.encode("idna")
    except UnicodeError as exc:
        raise UsageError(f"{hint} (its host name: {exc.__cause__ or exc})") from None


class StatusError(EndpointError):
    """The store answered with an HTTP error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()


@dataclass
class Client:
    """Requests to one store, sharing its credentials and what its challenge asked for."""

    timeout: float
    credentials: Credentials | None = None
    max_body: int = MAX_BODY
    _challenge: Challenge | None = field(default=None, repr=False)
    _proven: bool = field(default=False, repr=False)  # the challenge's answer was accepted once
    _origin: tuple[str, str, int] | None = field(default=None, repr=False)

    def request(self, method: str, url: Url, body: Body = None, headers: dict[str, str] | None = None) -> Response:
        """Send, follow same-origin redirects, answer one auth challenge; raise on non-2xx.
        A callable body is called for an iterator of chunks (sent chunked), once per attempt."""
        if self._origin is None:
            self._origin = url.origin  # credentials are for the first origin only
        start = url
        for _ in range(MAX_REDIRECTS + 1):
            response = self._send(method, url, body, headers or {})
            if response.status == 401 and self._retry_with_auth(url, response):
                response = self._send(method, url, body, headers or {})
            if response.status in (301, 302, 303, 307, 308):
                url = self._redirect(method, url, response)
                continue
            if response.status >= 400:
                raise StatusError(response.status, self._status_error(url, response))
            self._proven = self._challenge is not None
            return response
        raise EndpointError(f"{start.shown()}: more than {MAX_REDIRECTS} redirects")

    def _retry_with_auth(self, url: Url, response: Response) -> bool:
        if self.credentials is None or url.origin != self._origin:
            return False
        offered = challenges(response.headers.get_all("WWW-Authenticate") or [])
        if not offered:
            return False
        stale = offered[0].params.get("stale", "").lower() == "true"
        if self._challenge is not None and not (self._proven or stale):
            return False  # these credentials were just refused
        self._challenge, self._proven = offered[0], False  # a new challenge (e.g. a new nonce)
        return True

    def _redirect(self, method: str, url: Url, response: Response) -> Url:
        location = response.headers.get("Location") or ""
        try:
            target = parse_url(urllib.parse.urljoin(str(url), location), "redirect")
        except (UsageError, ValueError):  # urljoin refuses some malformed addresses itself
            target = None
        if target is None or target.origin != url.origin:
            where = location.split("?", 1)[0][:200]
            raise EndpointError(f"{url.shown()}: redirects ({response.status}) to {where!r}, another "
                                "scheme, host or port; kg follows redirects only within the same "
                                "origin (give that URL itself if you trust it)")
        if method != "GET" and response.status not in (307, 308):
            raise EndpointError(f"{url.shown()}: redirects a {method} ({response.status}) to "
                                f"{target.shown()}; give that URL")
        return target

    def _status_error(self, url: Url, response: Response) -> str:
        text = response.body[:2000].decode("utf-8", "replace")
        if "html" in response.content_type:
            text = _strip_tags(text)
        first = next((" ".join(line.split()) for line in text.splitlines() if line.strip()), "")
        reason = http.client.responses.get(response.status, "")
        message = f"{url.shown()}: HTTP {response.status} {reason}".rstrip()
        if response.status == 401:
            message += (": the store wants credentials (--user, KG_ENDPOINT_USER or ~/.netrc)"
                        if self.credentials is None else
                        f": the store refused the credentials from {self.credentials.source}")
        elif first:
            message += f": {first[:200]}"
        return message

    def _send(self, method: str, url: Url, body: Body, headers: dict[str, str]) -> Response:
        deadline = time.monotonic() + self.timeout
        conn = _connection(url, self.timeout)
        timer = threading.Timer(self.timeout, _cut, (conn,))
        timer.daemon = True
        timer.start()
        handle: BinaryIO | None = None
        try:
            sent = dict(headers)
            if self._challenge is not None and self.credentials is not None and url.origin == self._origin:
                sent["Authorization"] = authorization(self._challenge, self.credentials, method, url.target)
            payload: bytes | BinaryIO | Iterable[bytes] | None
            if isinstance(body, Path):
                handle = open(body, "rb")  # noqa: SIM115 (closed below)
                payload = handle
                sent["Content-Length"] = str(body.stat().st_size)
            elif callable(body):
                payload = body()  # http.client sends an iterator with Transfer-Encoding: chunked
            else:
                payload = body
            conn.request(method, url.target, body=payload, headers=sent)
            raw = conn.getresponse()
            data = self._read(raw, url, deadline)
            return Response(raw.status, raw.headers, data)
        except EndpointError:
            raise
        except TimeoutError:
            raise EndpointError(f"{url.shown()}: no complete answer within {self.timeout:g}s") from None
        except ConnectionRefusedError:
            raise EndpointError(f"{url.shown()}: cannot connect: connection refused") from None
        except socket.gaierror:
            raise EndpointError(f"{url.shown()}: cannot connect: unknown host {url.host!r}") from None
        except ssl.SSLError as exc:
            raise EndpointError(f"{url.shown()}: TLS failed: {exc.reason or exc}") from None
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if time.monotonic() >= deadline:
                raise EndpointError(f"{url.shown()}: no complete answer within {self.timeout:g}s") from None
            raise EndpointError(f"{url.shown()}: the server closed the connection without a "
                                "complete answer") from None
        except http.client.HTTPException as exc:
            if time.monotonic() >= deadline:
                raise EndpointError(f"{url.shown()}: no complete answer within {self.timeout:g}s") from None
            raise EndpointError(f"{url.shown()}: not an HTTP answer ({type(exc).__name__})") from None
        except OSError as exc:
            if time.monotonic() >= deadline:
                raise EndpointError(f"{url.shown()}: no complete answer within {self.timeout:g}s") from None
            raise EndpointError(f"{url.shown()}: cannot connect: {exc.strerror or exc}") from None
        finally:
            timer.cancel()
            conn.close()
            if handle is not None:
                handle.close()

    def _read(self, raw: http.client.HTTPResponse, url: Url, deadline: float) -> bytes:
        declared = raw.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_body:
            raise EndpointError(f"{url.shown()}: the answer is {int(declared):,} bytes, more than "
                                f"the {self.max_body:,} kg reads")
        parts, size, cut = [], 0, False
        while True:
            try:
                chunk = raw.read1(CHUNK)
            except http.client.IncompleteRead:
                chunk, cut = b"", True
            if not chunk:
                break
            size += len(chunk)
            if size > self.max_body:
                raise EndpointError(f"{url.shown()}: the answer is more than the {self.max_body:,} "
                                    "bytes kg reads; stopped")
            if time.monotonic() > deadline:
                raise EndpointError(f"{url.shown()}: no complete answer within {self.timeout:g}s")
            parts.append(chunk)
        if cut or raw.length:  # a Content-Length body that ended early reads as b"" in read1
            if time.monotonic() >= deadline:
                raise EndpointError(f"{url.shown()}: no complete answer within {self.timeout:g}s")
            raise EndpointError(f"{url.shown()}: the answer was cut short after {size:,} bytes")
        return b"".join(parts)


def _connection(url: Url, timeout: float) -> http.client.HTTPConnection:
    if url.scheme == "https":
        return http.client.HTTPSConnection(url.host, url.port, timeout=timeout,
                                           context=ssl.create_default_context())
    return http.client.HTTPConnection(url.host, url.port, timeout=timeout)


def _cut(conn: http.client.HTTPConnection) -> None:
    """The deadline passed: shut the socket so a blocked read returns at once."""
    sock = conn.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _strip_tags(text: str) -> str:
    import re

    return re.sub(r"<[^>]*>", "\n", text)
