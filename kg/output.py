"""Query results as a table for people, or CSV, TSV and SPARQL 1.1 JSON for tools."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from pyoxigraph import BlankNode, NamedNode

from kg.errors import one_line
from kg.vocab import PREFIXES, XSD

MAX_CELL = 80


def short(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and "/" not in iri[len(ns):]:
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def plain(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return term.value


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        out["datatype"] = term.datatype.value
    return out


def render_boolean(value: bool, fmt: str = "table") -> str:
    """An ASK answer: the SPARQL 1.1 JSON boolean form, or true/false."""
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}, indent=2)
    return "true" if value else "false"


def render(columns: list[str], rows: list[dict[str, Any]], fmt: str = "table") -> str:
    if fmt == "json":
        doc = {"head": {"vars": columns},
               "results": {"bindings": [{c: _json_term(r[c]) for c in columns if c in r} for r in rows]}}
        return json.dumps(doc, indent=2, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        if fmt == "csv":
            writer = csv.writer(buf, lineterminator="\r\n")
            writer.writerow(columns)
            for r in rows:
                writer.writerow([plain(r.get(c)) for c in columns])
        else:  # SPARQL TSV: ?vars, terms in N-Triples syntax
            buf.write("\t".join(f"?{c}" for c in columns) + "\n")
            for r in rows:
                buf.write("\t".join(str(r[c]) if c in r else "" for c in columns) + "\n")
        return buf.getvalue().rstrip("\n")
    return table(columns, [[cell(r.get(c)) for c in columns] for r in rows])


def cell(term: Any) -> str:
    if isinstance(term, NamedNode):
        text = short(term.value)
    else:
        text = plain(term)
    text = one_line(" ".join(text.split()))  # a table is for a terminal: control characters shown escaped
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def table(headers: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "(no results)"
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([line, rule, *body])
