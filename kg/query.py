"""Named SPARQL queries from queries/*.rq, run with bound parameters, never pasted in.

A named query's header says what it is and what it takes:

    # title: Leaders of an organisation in a year
    # description: ...
    # param: org entity - the organisation
    # param: year year - the year
    # param: measure measure optional - only this measure

Parameter values are turned into RDF terms (an entity name is resolved to its IRI through
the lookup index) and bound to the query's variables with a VALUES block of those terms,
written by the RDF library: user text is never pasted into the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, QuerySolutions, Store

from kg import names, sparqlsafe, vocabulary
from kg.errors import QueryError, UsageError
from kg.project import Project
from kg.vocab import PREFIXES, XSD

PARAM_TYPES = {"entity", "year", "integer", "string", "iri", "measure", "role", "date"}
VOCABULARY_PARAMS = {"measure": "measures", "role": "roles"}  # param type -> vocabulary table
MAX_ROWS = 10_000


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    text: str


@dataclass
class Result:
    columns: list[str]
    rows: list[dict[str, Any]]  # variable -> pyoxigraph term (absent when unbound)
    bindings: dict[str, str] = field(default_factory=dict)  # param -> what it was bound to


def parse_header(path: Path, text: str) -> NamedQuery:
    title, description, params = path.stem, [], []
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        key, _, value = body.partition(":")
        if key == "title":
            title, last = value.strip(), None
        elif key == "description":
            description, last = [value.strip()], "description"
        elif key == "param":
            spec, _, desc = value.partition(" - ")
            words = spec.split()
            if len(words) < 2 or words[1] not in PARAM_TYPES:
                raise QueryError(f"{path}: bad param line '{body}' (write: # param: NAME TYPE [optional] - text)")
            params.append(Param(words[0], words[1], "optional" in words[2:], desc.strip()))
            last = None
        elif last == "description" and body:
            description.append(body)
    body = sparqlsafe.blank(text)
    for param in params:
        if not re.search(rf"[?$]{re.escape(param.name)}\b", body):
            raise QueryError(f"{path}: parameter '{param.name}' is not a variable of the query "
                             f"(?{param.name} is never used, so it would filter nothing)")
    return NamedQuery(path.stem, path, title, " ".join(description), tuple(params), text)


def named_queries(project: Project) -> dict[str, NamedQuery]:
    """Shipped queries, overridden by the project's own queries/ of the same name."""
    found: dict[str, NamedQuery] = {}
    for folder in project.query_dirs():
        for path in sorted(folder.glob("*.rq")):
            found[path.stem] = parse_header(path, path.read_text(encoding="utf-8"))
    return found


def get_named(project: Project, name: str) -> NamedQuery:
    queries = named_queries(project)
    if name not in queries:
        raise QueryError(f"unknown query '{name}'; known queries: {', '.join(sorted(queries))}")
    return queries[name]


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """--param key=value pairs; a repeated key is an error."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param '{pair}': write it as name=value")
        if key.strip() in out:
            raise UsageError(f"--param {key.strip()} is given twice")
        out[key.strip()] = value.strip()
    return out


def term_for(store: Any, project: Project, param: Param, value: str) -> tuple[Any, str]:
    """The RDF term a parameter value stands for, and a readable account of it."""
    if param.type in ("year", "integer"):
        if not re.fullmatch(r"-?\d{1,9}", value.strip()):
            raise UsageError(f"--param {param.name}={value!r}: expected a whole number")
        return Literal(value.strip(), datatype=NamedNode(XSD + "integer")), value.strip()
    if param.type == "string":
        return Literal(value), value
    if param.type in VOCABULARY_PARAMS:
        concept = vocabulary_term(project, VOCABULARY_PARAMS[param.type], value)
        if concept is None:
            known = ", ".join(sorted(getattr(vocabulary.load(project), VOCABULARY_PARAMS[param.type])))
            raise UsageError(f"--param {param.name}={value!r}: not a {param.type} (one of: {known})")
        return NamedNode(concept.iri), concept.notation
    if param.type == "date":
        text = value.strip()
        kind = {4: "gYear", 7: "gYearMonth", 10: "date"}.get(len(text))
        if kind is None or not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", text):
            raise UsageError(f"--param {param.name}={value!r}: write a year, a month or a day (2024, 2024-06, 2024-06-30)")
        return Literal(text, datatype=NamedNode(XSD + kind)), text
    iri = _as_iri(value)
    if iri is not None:
        return iri, iri.value
    from kg.ask.link import resolve

    matches = resolve(store, project, value)
    if not matches:
        raise UsageError(f"--param {param.name}={value!r}: no entity of that name in the graph "
                         "(kg query lookup-labels --param word=PART lists names that contain a word)")
    if len(matches) > 1:
        options = "; ".join(f"{e.label} <{e.iri}>" for e in matches)
        raise UsageError(f"--param {param.name}={value!r} is ambiguous: {options}; give the IRI")
    return NamedNode(matches[0].iri), f"{matches[0].label} <{matches[0].iri}>"


def vocabulary_term(project: Project, table: str, value: str) -> vocabulary.Concept | None:
    """A vocabulary concept by its notation or any of its names ('attacks claimed')."""
    concepts = getattr(vocabulary.load(project), table)
    key = names.normalize(value.replace("_", " "))
    for concept in concepts.values():
        if key in {names.normalize(w) for w in (concept.notation.replace("_", " "), concept.pref, *concept.alt)}:
            return concept
    return None


def _as_iri(value: str) -> NamedNode | None:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif ":" in text and not text.startswith("http"):
        prefix, _, local = text.partition(":")
        if prefix in PREFIXES and local and " " not in local:
            text = PREFIXES[prefix] + local
    if re.fullmatch(r"https?://[^\s<>\"{}|^`\\]+", text):
        return NamedNode(text)
    return None


def bind(store: Any, project: Project, query: NamedQuery, raw: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    declared = {p.name: p for p in query.params}
    extra = sorted(set(raw) - set(declared))
    if extra:
        known = ", ".join(declared) or "none"
        raise UsageError(f"query '{query.name}' has no parameter {', '.join(extra)} (its parameters: {known})")
    missing = [p.name for p in query.params if not p.optional and p.name not in raw]
    if missing:
        usage = " ".join(f"--param {p.name}=..." for p in query.params if not p.optional)
        raise UsageError(f"query '{query.name}' needs {', '.join(missing)} (e.g. kg query {query.name} {usage})")
    terms, accounts = {}, {}
    for name, value in raw.items():
        terms[name], accounts[name] = term_for(store, project, declared[name], value)
    return terms, accounts


def backend(project: Project, endpoint: str | None = None, timeout: float = 10.0) -> Any:
    """The local built store, or a remote SPARQL endpoint that answers the same queries."""
    if endpoint:
        from kg.endpoint import Endpoint

        return Endpoint(endpoint, timeout)
    from kg.store import open_store

    return open_store(project)


def run_text(store: Any, text: str, params: dict[str, Any] | None = None,
             timeout: float | None = None) -> Result:
    """Run SPARQL text on the union of graphs, parameters bound as VALUES of RDF terms."""
    if not isinstance(store, Store):
        columns, rows = store.select(text, params or {})
        _check_rows(rows)
        return Result(columns, rows)
    if timeout is None:
        return _run_local(store, text, params or {})
    return _with_timeout(lambda: _run_local(store, text, params or {}), timeout)


def _run_local(store: Store, text: str, params: dict[str, Any]) -> Result:
    # Oxigraph's `substitutions` are applied after planning (a full scan per pattern at 1M
    # triples); a VALUES block of the same terms lets the planner start from them.
    try:
        solutions = store.query(sparqlsafe.bind_values(text, params))
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL: {' '.join(str(exc).split())}") from None
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from None
    if isinstance(solutions, bool):
        return Result(["result"], [{"result": Literal(str(solutions).lower(), datatype=NamedNode(XSD + "boolean"))}])
    if not isinstance(solutions, QuerySolutions):
        raise QueryError("only SELECT and ASK queries are supported here; use kg export for graphs")
    columns = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        rows.append({c: solution[c] for c in columns if solution[c] is not None})
        _check_rows(rows)
    return Result(columns, rows)


def _check_rows(rows: list) -> None:
    if len(rows) > MAX_ROWS:
        raise QueryError(f"more than {MAX_ROWS:,} rows; add LIMIT or narrow the query")


def _with_timeout(work: Any, timeout: float) -> Result:
    """Run in a daemon thread; give up after `timeout` (Oxigraph releases the GIL while it
    evaluates, and the CLI process exits after the error, ending the thread)."""
    import threading

    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryError(f"query took longer than {timeout:g}s and was stopped; narrow it or "
                         "raise --timeout")
    if "error" in box:
        raise box["error"]
    return box["result"]


def run_named(store: Any, project: Project, name: str, raw: dict[str, str],
              timeout: float | None = None) -> Result:
    query = get_named(project, name)
    return _run_query(store, project, query, raw, timeout)


def _run_query(store: Any, project: Project, query: NamedQuery, raw: dict[str, str],
               timeout: float | None) -> Result:
    terms, accounts = bind(store, project, query, raw)
    result = run_text(store, query.text, terms, timeout)
    result.bindings = accounts
    return result


def run_file(store: Any, project: Project, path: Path, raw: dict[str, str],
             allow_remote: bool = False, timeout: float | None = None) -> Result:
    """A .rq file given on the command line: checked like ad hoc SPARQL, params like named."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the query: {exc}") from None
    sparqlsafe.check(text, allow_service=allow_remote)
    return _run_query(store, project, parse_header(path, text), raw, timeout)


def run_adhoc(store: Any, text: str, allow_remote: bool = False,
              timeout: float | None = None) -> Result:
    sparqlsafe.check(text, allow_service=allow_remote)
    return run_text(store, text, None, timeout)
