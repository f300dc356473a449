"""Credentials for remote stores: where they come from, and HTTP basic and digest answers.

Sources, first found wins: `--user NAME[:PASSWORD]` (a missing password is read from
KG_ENDPOINT_PASSWORD, then from ~/.netrc), the KG_ENDPOINT_USER variable (same form), the
store's host in ~/.netrc (or the file $NETRC names). A password is never printed: messages
name only where it came from.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UsageError

USER_ENV = "KG_ENDPOINT_USER"
PASSWORD_ENV = "KG_ENDPOINT_PASSWORD"


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(repr=False)
    source: str  # where they came from, for messages

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, source={self.source!r})"


def resolve(given: str | None, host: str) -> Credentials | None:
    """The credentials for `host`, or None when no source names any."""
    if given is not None:
        return _split(given, host, "--user")
    if os.environ.get(USER_ENV):
        return _split(os.environ[USER_ENV], host, USER_ENV)
    entry = _netrc(host)
    if entry is not None and entry[1]:
        return Credentials(entry[0], entry[1], _netrc_name())
    return None


def _plain(text: str, source: str) -> str:
    """Credentials go into a header: a line break there is refused (never echoed: it may be
    the password)."""
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise UsageError(f"{source}: the user name or password holds a line break or control character")
    return text


def _split(text: str, host: str, source: str) -> Credentials:
    user, sep, password = _plain(text, source).partition(":")
    if not user:
        raise UsageError(f"{source}: give a user name (NAME or NAME:PASSWORD)")
    if sep:
        return Credentials(user, password, source)
    if os.environ.get(PASSWORD_ENV):
        return Credentials(user, _plain(os.environ[PASSWORD_ENV], PASSWORD_ENV), f"{source} and {PASSWORD_ENV}")
    entry = _netrc(host)
    if entry is not None and entry[0] == user and entry[1]:
        return Credentials(user, entry[1], f"{source} and {_netrc_name()}")
    raise UsageError(f"{source}: no password for that user: set {PASSWORD_ENV}, write NAME:PASSWORD, "
                     f"or add host {host} to {_netrc_name()}")


def _netrc_path() -> Path:
    return Path(os.environ.get("NETRC") or Path.home() / ".netrc")


def _netrc_name() -> str:
    return "$NETRC" if os.environ.get("NETRC") else "~/.netrc"


def _netrc(host: str) -> tuple[str, str] | None:
    import netrc

    path = _netrc_path()
    if not path.is_file():
        return None
    try:
        found = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as exc:
        raise UsageError(f"{_netrc_name()}:{exc.lineno}: {exc.msg}") from None
    except UnicodeDecodeError:  # said at the first bad byte, as for every file kg reads
        from kg.errors import InputFileError
        from kg.files import utf8_text

        utf8_text(path.read_bytes(), _netrc_name(), InputFileError)
        raise UsageError(f"{_netrc_name()}: cannot read it: not UTF-8") from None  # changed since
    except OSError as exc:
        raise UsageError(f"{_netrc_name()}: cannot read it: {exc}") from None
    if not found:
        return None
    login, _, password = found
    return login, password or ""


# --- Challenges and answers ----------------------------------------------------------------

@dataclass
class Challenge:
    scheme: str  # "basic" or "digest"
    params: dict[str, str]
    count: int = 0  # digest nonce count, one more for each request


_ITEM = re.compile(r'[\s,]*([\w!#$%&\'*+.^`|~-]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*))?')


def challenges(headers: list[str]) -> list[Challenge]:
    """The schemes a 401 offers that kg can answer, digest first. A bare token starts a
    challenge; `name=value` items (values quoted or not) are its parameters."""
    found: list[Challenge] = []
    for header in headers:
        current: Challenge | None = None
        for match in _ITEM.finditer(header):
            name, value = match.group(1), match.group(2)
            if value is None:
                current = Challenge(name.lower(), {})
                found.append(current)
            elif current is not None:
                if value.startswith('"'):
                    value = re.sub(r"\\(.)", r"\1", value[1:-1])
                current.params[name.lower()] = value
    usable = [c for c in found if c.scheme == "basic" or (c.scheme == "digest" and "nonce" in c.params)]
    return sorted(usable, key=lambda c: c.scheme != "digest")


_HASHES = {"md5": hashlib.md5, "sha-256": hashlib.sha256}


def authorization(challenge: Challenge, creds: Credentials, method: str, target: str) -> str:
    """The Authorization header answering `challenge` for this request."""
    if challenge.scheme == "basic":
        token = base64.b64encode(f"{creds.user}:{creds.password}".encode()).decode("ascii")
        return f"Basic {token}"
    params = challenge.params
    algorithm = params.get("algorithm", "MD5")
    base = algorithm.lower().removesuffix("-sess")
    hasher = _HASHES.get(base)
    if hasher is None:
        raise UsageError(f"the store asks for digest algorithm {algorithm}, which kg does not speak")

    def h(text: str) -> str:
        return hasher(text.encode("utf-8")).hexdigest()

    challenge.count += 1
    nc, cnonce = f"{challenge.count:08x}", secrets.token_hex(8)
    realm, nonce = params.get("realm", ""), params["nonce"]
    ha1 = h(f"{creds.user}:{realm}:{creds.password}")
    if algorithm.lower().endswith("-sess"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{target}")
    qops = [q.strip() for q in params.get("qop", "").split(",") if q.strip()]
    fields = {"username": creds.user, "realm": realm, "nonce": nonce, "uri": target,
              "algorithm": algorithm}
    if "auth" in qops:
        fields.update(qop="auth", nc=nc, cnonce=cnonce, response=h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"))
    else:
        fields["response"] = h(f"{ha1}:{nonce}:{ha2}")
    if "opaque" in params:
        fields["opaque"] = params["opaque"]
    unquoted = {"algorithm", "qop", "nc"}
    return "Digest " + ", ".join(f"{k}={v}" if k in unquoted else f'{k}="{_quote(v)}"'
                                 for k, v in fields.items())


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
