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

import functools
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    Store,
    parse_query_results,
)

from kg import names, sparqlsafe, vocabulary
from kg.errors import QueryError, UsageError
from kg.ordering import ordered
from kg.project import Project

if TYPE_CHECKING:
    from kg.sandbox import Limits
from kg.vocab import PREFIXES, XSD

VOCABULARY = {"measure": "measures", "role": "roles"}  # parameter type -> its table of kg.vocabulary
PARAM_TYPES = {"entity", "year", "integer", "string", "iri", "date", *VOCABULARY}
MAX_ROWS = 10_000
MAX_QUERY_BYTES = 1 << 20
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
Term = NamedNode | Literal | BlankNode


class Param(NamedTuple):  # NamedTuple: immutable, and ten times cheaper to define than a dataclass
    """A parameter a named query declares in its header."""

    name: str
    type: str
    optional: bool
    description: str


class NamedQuery(NamedTuple):
    """A query of queries/*.rq: its header and its text."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    text: str


Row = dict[str, Any]  # variable -> pyoxigraph term (absent when unbound: read optional ones with .get)


class Answer(dict[str, Any]):
    """A Row as queries make them: asking for a variable it lacks is a one-line error (a
    project's own query that does not select what kg reads, or a store that answers other
    columns), not a KeyError."""

    def __missing__(self, name: str) -> Any:
        raise QueryError(f"the query's answer has no ?{name}, which kg reads (a project query in queries/ "
                         "must select it; the store must answer it)")


class Result:
    """The rows of a query, with what each parameter was bound to (a plain class: a
    dataclass's generated methods cost every `kg ask` at start)."""

    __slots__ = ("columns", "rows", "bindings", "boolean")

    def __init__(self, columns: list[str], rows: list[Row], bindings: dict[str, str] | None = None,
                 boolean: bool | None = None) -> None:
        self.columns, self.rows = columns, rows
        self.bindings = bindings if bindings is not None else {}  # param -> what it was bound to
        self.boolean = boolean  # an ASK query's answer (its one row is also in rows)


def parse_header(path: Path, text: str) -> NamedQuery:
    title, description, params, lines = path.stem, [], [], []
    last = None
    for number, line in enumerate(text.splitlines(), 1):
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
                raise QueryError(f"{path}:{number}: bad param line '{body}' "
                                 "(write: # param: NAME TYPE [optional] - text)")
            params.append(Param(words[0], words[1], "optional" in words[2:], desc.strip()))
            lines.append(number)
            last = None
        elif last == "description" and body:
            description.append(body)
    _check_params(path, params, text, lines)
    return NamedQuery(path.stem, path, title, " ".join(description), tuple(params), text)


def _check_params(path: Path, params: list[Param], text: str, lines: list[int]) -> None:
    """Each declared parameter is a variable of the query, declared once (`lines`: the line
    each is declared on)."""
    # strings, IRIs and comments blanked: what remains of ?x and $x are variables
    variables = set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", sparqlsafe.blank(text)))
    seen = set()
    for p, number in zip(params, lines, strict=True):
        if p.name in seen:
            raise QueryError(f"{path}:{number}: # param: {p.name} is declared twice")
        if p.name not in variables:
            known = ", ".join(sorted(variables)) or "none"
            raise QueryError(f"{path}:{number}: # param: {p.name} is not a variable of the query "
                             f"(its variables: {known})")
        seen.add(p.name)


_LOADED: dict[tuple[str, int, int], NamedQuery] = {}  # (path, mtime, size) -> the query


def named_queries(project: Project) -> dict[str, NamedQuery]:
    """Shipped queries, overridden by the project's own queries/ of the same name."""
    found: dict[str, NamedQuery] = {}
    for n, folder in enumerate(project.query_dirs()):
        for path in sorted(folder.glob("*.rq")):
            found[path.stem] = _load(path, path.stat(), own=bool(n))
    return found


def _load(path: Path, st: os.stat_result, own: bool) -> NamedQuery:
    """A query file, read (and checked, if a project's own) once per process and version."""
    key = (str(path), st.st_mtime_ns, st.st_size)
    if key not in _LOADED:
        text = _read_query(path)
        if own:  # the project's own queries are input: checked as they load (kg's by tests)
            sparqlsafe.check_file(path, text)
        _LOADED[key] = parse_header(path, text)
    return _LOADED[key]


def _read_query(path: Path) -> str:
    from kg.errors import InputFileError
    from kg.files import read_bounded, utf8_text

    try:
        data = read_bounded(path, MAX_QUERY_BYTES, wait=False)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the query: {(exc.strerror or str(exc)).lower()}") from None
    except ValueError as exc:
        raise UsageError(f"{path}: cannot read the query: {exc}") from None
    # a byte order mark (Windows editors save one) hid the '# title:' header and made the
    # first keyword malformed SPARQL
    return utf8_text(data, str(path), InputFileError).removeprefix("\ufeff")


def get_named(project: Project, name: str) -> NamedQuery:
    """One named query, the project's own file before kg's; only that file is read (a
    question runs four of them: reading all of them was a tenth of a cold `kg ask`)."""
    if name and Path(name).name == name and not name.startswith("."):
        dirs = project.query_dirs()
        for own in range(len(dirs) - 1, -1, -1):
            path = dirs[own] / f"{name}.rq"
            try:
                st = path.stat()
            except OSError:
                continue
            return _load(path, st, own=bool(own))
    known = ", ".join(sorted(named_queries(project)))
    raise QueryError(f"unknown query '{name}'; known queries: {known}")


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """--param key=value pairs; a repeated key is an error."""
    from kg.files import utf8_argument

    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param '{pair}': write it as name=value")
        if key.strip() in out:
            raise UsageError(f"--param {key.strip()} is given twice")
        out[key.strip()] = utf8_argument(value.strip(), f"--param {key.strip()}")
    return out


def term_for(store: Backend | Store, project: Project, param: Param, value: str,
             shown: str | None = None) -> tuple[Term, str]:
    """The RDF term a parameter value stands for, and a readable account of it. Errors name
    the value as `shown` (a command's own argument), else as --param NAME=VALUE."""
    shown = shown or f"--param {param.name}={value!r}"
    if param.type == "year":
        if not re.fullmatch(r"[0-9]{4}", value.strip()):
            raise UsageError(f"{shown}: write a year of four digits (2024)")
        return Literal(value.strip(), datatype=NamedNode(XSD + "integer")), value.strip()
    if param.type == "integer":
        if not re.fullmatch(r"-?[0-9]{1,9}", value.strip()):  # \d takes any script's digits: no xsd:integer
            # ten or more digits were refused as if they were not digits 0-9
            raise UsageError(f"{shown}: expected a whole number in digits 0-9, at most 9 of them")
        return Literal(value.strip(), datatype=NamedNode(XSD + "integer")), value.strip()
    if param.type == "string":
        return Literal(value), value
    if param.type in VOCABULARY:
        return _vocabulary_term(project, param, value, shown)
    if param.type == "date":
        text = value.strip()
        kind = {4: "gYear", 7: "gYearMonth", 10: "date"}.get(len(text))
        if kind is None or not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", text) or not _real_date(text):
            raise UsageError(f"{shown}: write a year, a month or a day "
                             "(2024, 2024-06, 2024-06-30)")
        return Literal(text, datatype=NamedNode(XSD + kind)), text
    iri = _as_iri(value, shown)
    if iri is not None:
        return iri, iri.value
    from kg.ask.link import resolve

    matches = resolve(store, project, value)
    if not matches:
        raise UsageError(f"{shown}: no entity of that name in the graph "
                         "(kg query lookup-labels --param word=PART lists names that contain a word)")
    if len(matches) > 1:
        options = "; ".join(f"{e.label} <{e.iri}>" for e in matches)
        raise UsageError(f"{shown} is ambiguous: {options}; give the IRI")
    return NamedNode(matches[0].iri), f"{matches[0].label} <{matches[0].iri}>"


def vocabulary_values(project: Project, kind: str) -> dict[str, str]:
    """The values a vocabulary parameter takes: notation -> IRI (ontology/vocabulary.ttl)."""
    concepts = getattr(vocabulary.load(project), VOCABULARY[kind])
    return {notation: c.iri for notation, c in sorted(concepts.items())}


def _vocabulary_term(project: Project, param: Param, value: str, shown: str) -> tuple[Term, str]:
    """A vocabulary value by its notation or any of its names ('attacks claimed', 'kgo:Missions')."""
    concepts = getattr(vocabulary.load(project), VOCABULARY[param.type])
    key = names.normalize(value.strip().rsplit(":", 1)[-1].rsplit("#", 1)[-1].replace("_", " "))
    for concept in concepts.values():
        local = concept.iri.rsplit("#", 1)[-1]
        spellings = (concept.notation.replace("_", " "), concept.pref, *concept.alt, local)
        if key.replace(" ", "") in {names.normalize(w).replace(" ", "") for w in spellings}:
            return NamedNode(concept.iri), concept.notation
    raise UsageError(f"{shown}: not a {param.type} (one of: {', '.join(sorted(concepts))})")


def _as_iri(value: str, shown: str) -> NamedNode | None:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif ":" in text and not text.startswith("http"):
        prefix, _, local = text.partition(":")
        if prefix in PREFIXES and local and " " not in local:
            text = PREFIXES[prefix] + local
    if not re.fullmatch(r"https?://[^\s<>\"{}|^`\\]+", text):
        return None
    try:
        return NamedNode(text)
    except ValueError as exc:
        raise UsageError(f"{shown}: not a valid IRI ({exc})") from None


def _real_date(text: str) -> bool:
    """2024-02-30 and 2024-13 look like dates but are none."""
    import datetime

    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def bind(store: Backend | Store, project: Project, query: NamedQuery,
         raw: dict[str, str]) -> tuple[dict[str, Term], dict[str, str]]:
    declared = {p.name: p for p in query.params}
    extra = sorted(set(raw) - set(declared))
    if extra:
        known = ", ".join(declared) or "none"
        raise UsageError(f"query '{query.name}' has no parameter {', '.join(extra)} (its parameters: {known})")
    missing = [p.name for p in query.params if not p.optional and p.name not in raw]
    if missing:
        usage = " ".join(f"--param {p.name}=..." for p in query.params if not p.optional)
        raise UsageError(f"query '{query.name}' needs {', '.join(missing)} (e.g. kg query {query.name} {usage})")
    terms: dict[str, Term] = {}
    accounts: dict[str, str] = {}
    for name, value in raw.items():
        terms[name], accounts[name] = term_for(store, project, declared[name], value)
    return terms, accounts


class Backend(Protocol):
    """What kg needs from a graph store: the rows of a SELECT (an ASK answers one row, column
    `result`), parameters bound as VALUES of RDF terms. LocalStore and kg.endpoint.Endpoint."""

    def select(self, text: str, params: dict[str, Any]) -> tuple[list[str], list[Row]]: ...


class LocalStore:
    """The built store, read-only. With limits, each query runs in a child process that
    opens the store itself (kg.sandbox): stopped at the deadline or past the memory limit."""

    def __init__(self, path: Path, limits: Limits | None = None, store: Store | None = None) -> None:
        self.path, self.limits, self._store = path, limits, store

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.read_only(str(self.path))
        return self._store

    def select(self, text: str, params: dict[str, Any]) -> tuple[list[str], list[Row]]:
        query = sparqlsafe.bind_values(text, params)
        if self.limits is None:
            return _select(self.store, query)
        from kg import sandbox
        from kg.output import render

        def work() -> bytes:
            columns, rows = _select(Store.read_only(str(self.path)), query)
            return render(columns, rows, "json").encode("utf-8")

        return _decode(sandbox.run(work, self.limits))


def backend(project: Project, endpoint: str | None = None, timeout: float | None = None,
            memory_mb: int | None = None, user: str | None = None) -> Backend:
    """The local built store, or a remote SPARQL endpoint that answers the same queries
    (`user`: its credentials, see kg.auth). With a timeout or a memory limit, local queries
    run in a child process under them."""
    if endpoint:
        from kg.endpoint import Endpoint

        return Endpoint(endpoint, timeout or 10.0, user)
    from kg.store import STORE, built_file, open_store

    if timeout is None and memory_mb is None:
        return LocalStore(project.build / STORE, None, open_store(project))
    from kg.sandbox import Limits

    open_store(project)  # a store that cannot be opened is said here, with its repair (the child opens its own)
    limits = Limits(timeout or Limits.timeout, memory_mb or Limits.memory_mb)
    return LocalStore(built_file(project, STORE).resolve(), limits)


def as_backend(store: Backend | Store) -> Backend:
    """A pyoxigraph Store (as kg.store.open_store gives it) as a Backend, queried in-process."""
    return LocalStore(Path(), None, store) if isinstance(store, Store) else store


def run_text(store: Backend | Store, text: str, params: dict[str, Any] | None = None,
             allow_remote: bool = False) -> Result:
    """Run SPARQL text on the union of graphs, parameters bound as VALUES of RDF terms.
    Every text is checked first (kg.sparqlsafe): nothing reaches outside the store."""
    _check(text, allow_remote)
    return _run_checked(store, text, params or {})


def _run_checked(store: Backend | Store, text: str, params: dict[str, Any]) -> Result:
    columns, rows = as_backend(store).select(text, params)
    _check_rows(rows)
    if len(rows) > 1 and "distinct" in text.lower():  # Virtuoso 7.2 repeats some rows of a SELECT DISTINCT
        unique = list({tuple(sorted(row.items())): row for row in rows}.values())
        # the query is read (its tokenizer compiled: ~4 ms of a cold `kg ask`) only when a row repeats
        if len(unique) < len(rows) and sparqlsafe.distinct(text):
            rows = unique
    rows = ordered(rows, text, columns)
    boolean = None
    if columns == ["result"] and len(rows) == 1 and sparqlsafe.query_form(text) == "ASK":
        boolean = rows[0]["result"].value == "true"
    return Result(columns, rows, boolean=boolean)


@functools.lru_cache(maxsize=256)
def _check(text: str, allow_remote: bool) -> None:
    sparqlsafe.check(text, allow_service=allow_remote)


def _select(store: Store, text: str) -> tuple[list[str], list[Row]]:
    try:
        solutions = store.query(text)
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL: {' '.join(str(exc).split())}") from None
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from None
    if isinstance(solutions, QueryBoolean):
        return _boolean(bool(solutions))
    if not isinstance(solutions, QuerySolutions):
        raise QueryError("only SELECT and ASK queries are supported here; use kg export for graphs")
    columns = [v.value for v in solutions.variables]
    rows: list[Row] = []
    for solution in solutions:
        rows.append(Answer({c: solution[c] for c in columns if solution[c] is not None}))
        _check_rows(rows)
    return columns, rows


def _decode(data: bytes) -> tuple[list[str], list[Row]]:
    """SPARQL 1.1 JSON results (as a child process wrote them) back into terms."""
    try:
        solutions = parse_query_results(data, format=QueryResultsFormat.JSON)
    except MemoryError as exc:  # the parser's buffer cap (16 MB for one value)
        raise QueryError(f"a result value is too large to read ({exc}); select less (e.g. SUBSTR)") from None
    if isinstance(solutions, QueryBoolean):
        return _boolean(bool(solutions))
    columns = [v.value for v in solutions.variables]
    return columns, [Answer({c: s[c] for c in columns if s[c] is not None}) for s in solutions]


def _boolean(answer: bool) -> tuple[list[str], list[Row]]:
    """An ASK answer as one row, column `result` (as SPARQL endpoints answer it)."""
    return ["result"], [{"result": Literal(str(answer).lower(), datatype=NamedNode(XSD + "boolean"))}]


def _check_rows(rows: list) -> None:
    if len(rows) > MAX_ROWS:
        raise QueryError(f"more than {MAX_ROWS:,} rows; add LIMIT or narrow the query")


def run_named(store: Backend | Store, project: Project, name: str, raw: dict[str, str]) -> Result:
    return _run_query(store, project, get_named(project, name), raw)


def run_query_text(store: Backend | Store, query: NamedQuery, params: dict[str, Any]) -> Result:
    """A named query as it loaded (a project's own was checked then, kg's are by the tests):
    run without checking its text again; a malformed one (a project's own file) is named."""
    try:
        return _run_checked(store, query.text, params)
    except QueryError as exc:
        if str(exc).startswith("malformed SPARQL"):
            raise QueryError(f"{query.path}: {exc}") from None
        raise


def _run_query(store: Backend | Store, project: Project, query: NamedQuery, raw: dict[str, str],
               allow_remote: bool = False) -> Result:
    try:
        _check(query.text, allow_remote)
    except QueryError as exc:
        raise QueryError(f"{query.path}: {exc}") from None
    terms, accounts = bind(store, project, query, raw)
    result = run_query_text(store, query, terms)
    result.bindings = accounts
    return result


def run_file(store: Backend | Store, project: Project, path: Path, raw: dict[str, str],
             allow_remote: bool = False) -> Result:
    """A .rq file given on the command line: checked like ad hoc SPARQL, params like named."""
    text = _read_query(path)
    return _run_query(store, project, parse_header(path, text), raw, allow_remote)


def run_adhoc(store: Backend | Store, text: str, allow_remote: bool = False) -> Result:
    from kg.files import utf8_argument

    text = utf8_argument(text, "--sparql").removeprefix("\ufeff")  # pasted from a file with a BOM
    return run_text(store, text, None, allow_remote)
