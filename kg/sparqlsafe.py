"""Refuse SPARQL that could reach the network or the file system, or change the graph.

The check reads the query's tokens (strings, IRIs and comments removed first), so a keyword
inside a literal or an IRI does not trip it and no spelling of a keyword gets past it. It
runs before any engine sees the text: native engines bypass Python's audit hooks.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

_STRIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n]*",
    re.S,
)
_KEYWORD = re.compile(
    r"(?<![\w?$:])(SERVICE|LOAD|FROM|INSERT|DELETE|DROP|CLEAR|CREATE|ADD|MOVE|COPY|WITH)(?![\w:-])",
    re.I,
)
WHY = {
    "SERVICE": "SERVICE would query another endpoint over the network",
    "FROM": "FROM / FROM NAMED would load graphs from outside the store",
    "LOAD": "LOAD would fetch a document",
}


def check(text: str, allow_service: bool = False) -> None:
    """Raise QueryError if the query reaches outside the store or updates it."""
    stripped = _STRIP.sub(" ", text)
    for match in _KEYWORD.finditer(stripped):
        word = match.group(1).upper()
        if word == "SERVICE" and allow_service:
            continue
        line = stripped.count("\n", 0, match.start()) + 1
        if word in WHY:
            hint = " (pass --allow-remote to permit SERVICE)" if word == "SERVICE" else ""
            raise QueryError(f"query refused at line {line}: {WHY[word]}; kg queries only read the "
                             f"local graph{hint}")
        raise QueryError(f"query refused at line {line}: {word} is an update; kg query only reads "
                         "the graph (edit data/facts and run kg build instead)")


def blank(text: str) -> str:
    """The query with strings, IRIs and comments blanked out, offsets unchanged."""
    return _STRIP.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


_WHERE = re.compile(r"\bWHERE\s*\{|(?:SELECT|ASK)\b[^{]*\{", re.I)


def bind_values(text: str, params: dict) -> str:
    """Bind parameters with a VALUES block at the start of the outermost WHERE group.

    The values are RDF terms written by the RDF library (escaped N-Triples syntax), never
    user text; engines then start from the bound values and use their indexes.
    """
    if not params:
        return text
    match = _WHERE.search(blank(text))
    if match is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    names = list(params)
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(params[n]) for n in names)}) }}\n"
    at = match.end()
    return text[:at] + "\n  " + block + text[at:]
