"""Refuse SPARQL that could reach the network or the file system, or change the graph.

The check reads the query's tokens with a lexer for the terminals of the SPARQL 1.1 grammar
(IRIs, prefixed names with their escapes, strings, comments, variables, numbers), so a
keyword inside a literal, an IRI or a comment does not trip it. It reads every way an engine
may read the text, and refuses when any reading reaches outside:
- keywords are matched without word boundaries by some parsers (Oxigraph reads `FROMX:g` as
  FROM X:g and `trueSERVICE <…>` as true SERVICE <…>), so a word or a prefix that contains a
  refused keyword is refused;
- `<` inside an expression is an IRI or a less-than (`(1<2AS?x)FROM<…>#>`): both are read;
- `\\uXXXX` escapes are decoded before parsing by some engines and not by others: both.
Only the words of SPARQL 1.1 (and 1.2) are accepted, so vendor pragmas (`DEFINE …`) are
refused. It runs before any engine sees the text: native engines bypass Python's audit hooks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from kg.errors import QueryError

REFUSED = ("SERVICE", "FROM", "LOAD", "INSERT", "DELETE", "DROP", "CLEAR", "CREATE", "ADD",
           "MOVE", "COPY", "WITH")
WHY = {
    "SERVICE": "SERVICE would query another endpoint over the network",
    "FROM": "FROM / FROM NAMED would load graphs from outside the store",
    "LOAD": "LOAD would fetch a document",
}
KEYWORDS = frozenset({  # SPARQL 1.1 and 1.2 keywords and function names, upper case
    "A", "ABS", "ADD", "ADJUST", "ALL", "AS", "ASC", "ASK", "AVG", "BASE", "BIND", "BNODE",
    "BOUND", "BY", "CEIL", "CLEAR", "COALESCE", "CONCAT", "CONSTRUCT", "CONTAINS", "COPY",
    "COUNT", "CREATE", "DATA", "DATATYPE", "DAY", "DEFAULT", "DELETE", "DESC", "DESCRIBE",
    "DISTINCT", "DROP", "ENCODE_FOR_URI", "EXISTS", "FALSE", "FILTER", "FLOOR", "FROM", "GRAPH",
    "GROUP", "GROUP_CONCAT", "HASLANG", "HASLANGDIR", "HAVING", "HOURS", "IF", "IN", "INSERT",
    "INTO", "IRI", "ISBLANK", "ISIRI", "ISLITERAL", "ISNUMERIC", "ISTRIPLE", "ISURI", "LANG",
    "LANGDIR", "LANGMATCHES", "LATERAL", "LCASE", "LIMIT", "LOAD", "MAX", "MD5", "MIN", "MINUS",
    "MINUTES", "MONTH", "MOVE", "NAMED", "NOT", "NOW", "OBJECT", "OFFSET", "OPTIONAL", "ORDER",
    "PREDICATE", "PREFIX", "RAND", "REDUCED", "REGEX", "REPLACE", "ROUND", "SAMETERM", "SAMPLE",
    "SECONDS", "SELECT", "SEPARATOR", "SERVICE", "SHA1", "SHA256", "SHA384", "SHA512", "SILENT",
    "STR", "STRAFTER", "STRBEFORE", "STRDT", "STRENDS", "STRLANG", "STRLANGDIR", "STRLEN",
    "STRSTARTS", "STRUUID", "SUBJECT", "SUBSTR", "SUM", "TIMEZONE", "TO", "TRIPLE", "TRUE", "TZ",
    "UCASE", "UNDEF", "UNION", "URI", "USING", "UUID", "VALUES", "VERSION", "WHERE", "WITH",
    "YEAR",
})

# PN_CHARS_BASE is read as any letter: a few more characters than the grammar's ranges, which
# only makes names longer where engines stop with an error (and the regex compiles fast).
_LETTER = r"[^\W\d_]"
_NAME = r"[\w\-\u00b7\u0300-\u036f\u203f\u2040]"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = rf"{_LETTER}(?:(?:{_NAME}|\.)*{_NAME})?"
_LOCAL = rf"(?:[\w:]|{_PLX})(?:(?:{_NAME}|[.:]|{_PLX})*(?:{_NAME}|:|{_PLX}))?"
_TOKEN_PATTERN = (
    r"(?:[ \t\r\n]++|#[^\r\n\x0b\x0c\x85\u2028\u2029]*+)*+(?:"  # whitespace, comments
    r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)"
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\')'
    rf"|(?P<var>[?$]{_NAME}+)|(?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)"
    rf"|(?P<blank>_:{_NAME}(?:(?:{_NAME}|\.)*{_NAME})?)|@(?P<lang>[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)"
    rf"|(?P<pname>(?P<prefix>{_PREFIX})?:(?:{_LOCAL})?)|(?P<word>[^\W\d]\w*)"
    r"|(?P<punct>.))"
)


@functools.cache
def _token() -> re.Pattern[str]:
    """The tokenizer, compiled on first use (compiling it costs a cold `kg ask` ~8 ms)."""
    return re.compile(_TOKEN_PATTERN, re.DOTALL)


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """The query's tokens as one reading sees them: (kind, text, offset); kinds are iri,
    string, var, number, blank, lang, pname, word and punct (comments and spaces skipped)."""
    pos = 0
    while (m := _token().match(text, pos)) is not None and m.lastgroup:
        kind = "pname" if m.lastgroup == "prefix" else m.lastgroup
        yield kind, m.group(kind), m.start(kind)
        pos = m.end()


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def check(text: str, allow_service: bool = False) -> None:
    """Raise QueryError if the query reaches outside the store or updates it."""
    for reading in reversed(_readings(text)):
        for word, at, bare in _words(reading):
            _check_word(reading, word, at, bare, allow_service)


def check_file(path: Path, text: str) -> None:
    """check() for a query a project or kg ships (queries/*.rq): errors name the file."""
    try:
        check(text)
    except QueryError as exc:
        raise QueryError(f"{path}: {exc}") from None


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of these words the query uses ("" if none)."""
    for m in _token().finditer(text):
        if m.lastgroup == "word" and m.group("word").upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return m.group("word").upper()
    return ""


def distinct(text: str) -> bool:
    """Whether the query's first SELECT is a SELECT DISTINCT."""
    found = False
    for kind, word, _ in tokens(text):
        if found:
            return kind == "word" and word.upper() == "DISTINCT"
        found = kind == "word" and word.upper() == "SELECT"
    return False


def variables(text: str) -> set[str]:
    """The names of the variables the query mentions (?x and $x)."""
    return {m.group("var")[1:] for m in _token().finditer(text) if m.lastgroup == "var"}


def _readings(text: str) -> list[str]:
    """The text as written and, if it has codepoint escapes, as engines that decode them
    before parsing (SPARQL 1.1 section 19.2) read it."""
    if "\\u" not in text and "\\U" not in text:
        return [text]

    def decode(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)

    return [text, _ESCAPE.sub(decode, text)]


def _check_word(text: str, word: str, at: int, bare: bool, allow_service: bool) -> None:
    upper = word.upper()
    for keyword in REFUSED:
        if keyword in upper and not (keyword == "SERVICE" and allow_service):
            line = text.count("\n", 0, at) + 1
            where = f"line {line}" if upper == keyword else f"line {line} ('{word}' reads as {keyword})"
            if keyword in WHY:
                hint = " (pass --allow-remote to permit SERVICE)" if keyword == "SERVICE" else ""
                raise QueryError(f"query refused at {where}: {WHY[keyword]}; kg queries only read "
                                 f"the local graph{hint}")
            raise QueryError(f"query refused at {where}: {keyword} is an update; kg query only "
                             "reads the graph (edit data/facts and run kg build instead)")
    if bare and upper not in KEYWORDS:
        line = text.count("\n", 0, at) + 1
        raise QueryError(f"query refused at line {line}: '{word}' is not a SPARQL keyword "
                         "(kg runs standard SPARQL 1.1 only)")


def _words(text: str) -> Iterator[tuple[str, int, bool]]:
    """Every word an engine may read as a keyword: (word, offset, is a bare word).

    Bare words, language tags and the prefixes of prefixed names, over all readings of the
    text: the lexer state is (offset, parenthesis depth, whether an operand just ended), and
    at a `<` inside parentheses after an operand both the IRI and the less-than are followed.
    Variables, IRIs, strings and local names are read whole by every engine.
    """
    todo, seen = [(0, 0, False)], set()
    while todo:
        pos, depth, operand = todo.pop()
        while (pos, depth, operand) not in seen:
            seen.add((pos, depth, operand))
            m = _token().match(text, pos)
            if m is None:
                break  # only whitespace and comments are left
            kind, start = m.lastgroup, m.start(m.lastgroup or 0)
            if kind == "iri" and depth and operand:
                todo.append((start + 1, depth, False))  # the less-than reading
            if kind == "pname" and m.group("prefix"):
                yield m.group("prefix"), start, False
            elif kind in ("word", "lang"):
                yield m.group(kind), start, kind == "word"
            if kind == "punct":
                char = m.group(kind)
                depth = min(32, max(0, depth + (char == "(") - (char == ")")))
                operand = char in ")]"
            else:
                operand = True
            pos = m.end()


def blank(text: str) -> str:
    """The query with strings, IRIs and comments blanked out, offsets unchanged."""
    return _STRIP.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


_STRIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n]*",
    re.DOTALL,
)
_WHERE = re.compile(r"\bWHERE\s*\{|(?:SELECT|ASK)\b[^{]*\{", re.IGNORECASE)


# A hint: `#? NAME: PATTERN` on a line of its own. When parameter NAME is bound, kg writes
# PATTERN there. A hint only repeats what the query's own filters already require, placed
# where the engine can start from it (engines evaluate nested groups on their own, so a value
# bound at the top does not narrow them); to other tools it is a comment.
_HINT = re.compile(r"^([ \t]*)#\?[ \t]*(\w+):[ \t]*(.*)$", re.M)


def with_hints(text: str, params: dict) -> str:
    """The query with the hints of its bound parameters written in, each after a VALUES of
    the parameter's term: a group with OPTIONALs is evaluated on its own (Oxigraph computes
    it for every value, then joins), so the value bound at the top reaches it only this way."""
    def hint(m: re.Match) -> str:
        name = m.group(2)
        return f"{m.group(1)}VALUES ?{name} {{ {params[name]} }} {m.group(3)}" if name in params else m.group(0)

    return _HINT.sub(hint, text)


def bind_values(text: str, params: dict) -> str:
    """Bind parameters with a VALUES block at the start of the outermost WHERE group.

    The values are RDF terms written by the RDF library (escaped N-Triples syntax), never
    user text; engines then start from the bound values and use their indexes.
    """
    if not params:
        return text
    text = with_hints(text, params)
    match = _WHERE.search(blank(text))
    if match is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    names = list(params)
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(params[n]) for n in names)}) }}\n"
    at = match.end()
    return text[:at] + "\n  " + block + text[at:]
