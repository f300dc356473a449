"""Result order decided by kg, not by the engine: stores break ties and compare literals
their own way (collations, language tags, numbers as strings), so rows are sorted again by
the query's own ORDER BY keys, from typed values, following SPARQL 1.1's order of terms."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from pyoxigraph import BlankNode, Literal, NamedNode

from kg import sparqlsafe

if TYPE_CHECKING:
    from decimal import Decimal

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                             "nonNegativeInteger", "positiveInteger", "negativeInteger",
                             "nonPositiveInteger", "unsignedInt", "unsignedLong")}
_KEY = re.compile(r"(ASC|DESC)\s*\(\s*[?$](\w+)\s*\)|[?$](\w+)", re.I)


@functools.lru_cache(maxsize=256)
def order_keys(text: str) -> tuple[tuple[str, bool], ...] | None:
    """(variable, descending) of the outermost ORDER BY, or None when it has none or a key
    is an expression other than a plain variable (then the engine's order stands)."""
    blank = sparqlsafe.blank(text)
    tail = blank[blank.rfind("}") + 1:]  # what follows the outermost WHERE group
    match = re.search(r"\bORDER\s+BY\b(.*?)(\bLIMIT\b|\bOFFSET\b|$)", tail, re.I | re.S)
    if not match:
        return None
    clause = match.group(1).strip()
    keys = [(m.group(2) or m.group(3), (m.group(1) or "").upper() == "DESC") for m in _KEY.finditer(clause)]
    if not keys or _KEY.sub("", clause).strip():
        return None
    return tuple(keys)


def term_key(term: Any) -> tuple:
    """SPARQL 1.1 order: unbound, blank nodes, IRIs, then literals (numbers by value)."""
    if term is None:
        return (0,)
    if isinstance(term, BlankNode):
        return (1, term.value)
    if isinstance(term, NamedNode):
        return (2, term.value)
    if isinstance(term, Literal) and term.datatype.value in NUMERIC:
        number = _number(term.value)
        if number is not None:
            return (3, 0, number, "")
    return (3, 1, 0, str(term.value))


def _number(text: str) -> int | Decimal | None:
    """A numeric literal's value; None for NaN and non-numbers (they order with the strings:
    NaN compares with nothing). Integers need no decimal module, which kg ask loads only here."""
    try:
        return int(text)
    except ValueError:
        pass
    from decimal import Decimal, InvalidOperation

    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return None if number.is_nan() else number


def ordered(rows: list[dict[str, Any]], text: str, columns: list[str]) -> list[dict[str, Any]]:
    """The rows in the query's ORDER BY order, when every key is a projected variable; rows
    that tie on every key in the order of their columns' values, so no engine decides."""
    keys = order_keys(text)
    if not keys or any(name not in columns for name, _ in keys):
        return rows
    out = sorted(rows, key=lambda row: [term_key(row.get(c)) for c in columns])
    for name, descending in reversed(keys):  # stable sorts, last key first
        out.sort(key=functools.partial(_key_of, name), reverse=descending)
    return out


def _key_of(name: str, row: dict[str, Any]) -> tuple:
    return term_key(row.get(name))
