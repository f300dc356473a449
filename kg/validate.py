"""SHACL validation: ontology/shapes.ttl against a built or given graph.

Engines: "sparql" (the default) runs the shapes compiled to set-based SPARQL by
kg.shaclsparql, and pyshacl-turbo when the shapes use a feature outside the compiled subset;
"turbo" runs pyshacl-turbo; "pyshacl" is the reference, pySHACL with every shape."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, QuerySolutions, RdfFormat, Store

from kg.errors import LocatedError
from kg.files import atomic_write
from kg.project import Project, shipped_query
from kg.store import rdf_bytes

SH = "http://www.w3.org/ns/shacl#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True, order=True)
class Violation:
    severity: str  # Violation | Warning | Info
    node: str  # the focus node's label, or its IRI
    path: str  # the property, shortened
    message: str
    focus: str  # the focus node's IRI
    where: str = ""  # 'file:line' of the item the focus node was built from, when known

    def line(self) -> str:
        path = f" {self.path}" if self.path else ""
        at = f" ({self.where})" if self.where else ""
        return f"[{self.severity}] {self.node}{path}: {self.message}{at}"


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: list[Violation]  # warnings too: they are shown, and do not fail the build


def report(rows: list[Violation]) -> Report:
    """Conforms when nothing is worse than a warning (sources that disagree warn)."""
    return Report(not any(v.severity == "Violation" for v in rows), sorted(set(rows)))


def _short(iri: str) -> str:
    from kg.vocab import PREFIXES

    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _short_iris(message: str) -> str:
    """IRIs in an engine's default message in kg's short form (engines render them apart)."""
    return re.sub(r"<([^<>\s]+)>", lambda m: _short(m.group(1)), message)


# Lexical forms of the XSD datatypes kg uses: rdflib and pySHACL accept "2019x"^^xsd:gYear.
LEXICAL = {
    "gYear": r"-?\d{4,}(Z|[+-]\d\d:\d\d)?",
    "gYearMonth": r"-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d\d:\d\d)?",
    "date": r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d\d:\d\d)?",
    "integer": r"[+-]?\d+", "nonNegativeInteger": r"\+?\d+", "positiveInteger": r"\+?0*[1-9]\d*",
    "int": r"[+-]?\d+", "long": r"[+-]?\d+",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "double": r"[+-]?((\d+(\.\d*)?|\.\d+)([Ee][+-]?\d+)?|INF)|NaN",
    "float": r"[+-]?((\d+(\.\d*)?|\.\d+)([Ee][+-]?\d+)?|INF)|NaN",
    "dateTime": r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?"
                r"(Z|[+-]\d\d:\d\d)?",
    "boolean": r"true|false|1|0",
    "duration": r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
}
_LEXICAL_RE = {XSD_NS + k: re.compile(v) for k, v in LEXICAL.items()}


def _is_ill_typed(literal: Literal) -> bool:
    pattern = _LEXICAL_RE.get(literal.datatype.value)
    if pattern is None:
        return False
    if not pattern.fullmatch(literal.value):
        return True
    if literal.datatype.value in (XSD_NS + "date", XSD_NS + "dateTime"):
        m = re.match(r"(-?\d{4,})-(\d\d)-(\d\d)", literal.value)
        if m:  # the pattern allows the 31st of any month: '2019-02-30' is no day, in any year
            year, month, day = (int(g) for g in m.groups())
            leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)  # XSD years are astronomical
            return day > (29 if leap else 28) if month == 2 else day > (30 if month in (4, 6, 9, 11) else 31)
    return False


def ill_typed(quads: Iterable[Quad]) -> list[Violation]:
    """Literals whose text is not a value of their datatype (e.g. "yes"^^xsd:boolean)."""
    found = set()
    for q in _ill_typed_quads(quads):
        obj = q.object
        assert isinstance(obj, Literal)
        name = obj.datatype.value.rsplit("#", 1)[-1]
        node = _short(q.subject.value) if isinstance(q.subject, NamedNode) else str(q.subject)
        found.add(Violation("Violation", node, _short(q.predicate.value),
                            f"\"{obj.value}\" is not a valid xsd:{name}", str(q.subject)))
    return sorted(found)


def _ill_typed_quads(quads: Iterable[Quad]) -> Iterator[Quad]:
    return (q for q in quads if isinstance(q.object, Literal) and _is_ill_typed(q.object))


# the distinct literals of a datatype other than xsd:string and rdf:langString (a few thousand
# in a million triples): Oxigraph scans the store, kg checks each literal's text
def _ill_typed_in(store: Store) -> list[Quad]:
    """The store's triples (default graph) whose literal is ill-typed."""
    found: list[Quad] = []
    solutions = store.query(shipped_query("shacl/typed-literals.rq"))
    assert isinstance(solutions, QuerySolutions)
    for row in solutions:
        literal = row[0]
        if _is_ill_typed(literal):
            found += store.quads_for_pattern(None, None, literal, DefaultGraph())
    return found


def _ill_keys(quads: Iterable[Quad]) -> set[tuple[str, str]]:
    """(text, datatype) of ill-typed literals, whose results engines leave to ill_typed."""
    return {(q.object.value, q.object.datatype.value) for q in quads if isinstance(q.object, Literal)}


ENGINES = ("sparql", "turbo", "pyshacl")


@dataclass
class Shapes:
    """A project's shapes and ontology, parsed once per process for each project's files."""

    shapes: Any  # rdflib.Graph: every shape
    core: Any  # rdflib.Graph: all but the corpus-scope SPARQL constraints
    ontology: list[Quad]  # the ontology's triples, added to every data graph validated
    constraints: tuple[Path, Path]  # queries/shacl/sparql-constraints.rq, shapes.ttl
    compiled: Any = None  # pyshacl-turbo's compiled core shapes, made on first use
    sparql: Any = None  # the core shapes compiled to SPARQL (kg.shaclsparql), made on first use

    def turbo(self) -> Any:
        if self.compiled is None:
            from pyshacl_turbo import compile_shapes

            self.compiled = compile_shapes(self.core, advanced=True)
        return self.compiled

    def compiled_sparql(self) -> Any:
        """The core shapes as SPARQL queries (their `unsupported` says when they cannot be)."""
        if self.sparql is None:
            from kg.shaclsparql import CompiledShapes

            self.sparql = CompiledShapes(self.core)
        return self.sparql


_SHAPES: dict[tuple, Shapes] = {}
_CLASSES: dict[tuple, bytes] = {}


def _stamp(*paths: Path) -> tuple:
    return tuple((str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in paths)


def classes_nt(project: Project) -> bytes:
    """The ontology's rdf:type and rdfs:subClassOf triples (N-Triples): all that SHACL's class
    checks read of it (the rest, labels and comments, only slows an article's check)."""
    key = _stamp(project.resource("ontology", "kg.ttl"), project.resource("ontology", "vocabulary.ttl"))
    if key not in _CLASSES:
        from kg.build import ontology_quads

        wanted = (RDF_TYPE, RDFS_SUBCLASS)
        _CLASSES[key] = rdf_bytes([q.triple for q in ontology_quads(project) if q.predicate.value in wanted],
                                  RdfFormat.N_TRIPLES)
    return _CLASSES[key]


def shapes_for(project: Project) -> Shapes:
    """The project's shapes (its own ontology/ files override the shipped ones), cached by
    the files' paths, sizes and modification times: another project gets its own."""
    paths = (project.resource("ontology", "shapes.ttl"), project.resource("ontology", "kg.ttl"),
             project.resource("queries", "shacl/sparql-constraints.rq"))
    key = _stamp(*paths, project.resource("ontology", "vocabulary.ttl"))
    if key not in _SHAPES:
        import rdflib

        from kg.build import ontology_quads

        shapes = rdflib.Graph().parse(paths[0], format="turtle")
        kinds = (rdflib.URIRef(SH + "NodeShape"), rdflib.URIRef(SH + "PropertyShape"))
        if not any((None, rdflib.RDF.type, kind) in shapes for kind in kinds):  # validation would pass anything
            raise LocatedError(str(paths[0]), "defines no shapes (no sh:NodeShape or sh:PropertyShape): "
                               "copy the shipped ontology/shapes.ttl and change it, or remove the file")
        check_shapes_sparql(shapes, paths[0])
        # article-local shapes: all but the corpus-scope SPARQL constraints
        scope = rdflib.URIRef("https://kg.example/shapes#scope")
        corpus_wide = {c for c, _ in shapes.subject_objects(scope)}
        core = rdflib.Graph()
        sparql = rdflib.URIRef(SH + "sparql")
        for triple in shapes:
            if not (triple[1] == sparql and triple[2] in corpus_wide):
                core.add(triple)
        _SHAPES[key] = Shapes(shapes, core, ontology_quads(project), (paths[2], paths[0]))
    return _SHAPES[key]


SCREEN = "shapes-screen.json"  # in the build cache (kg.store keeps shapes-* there)


def screen(project: Project, cache: Path, key: str) -> tuple[list[str] | None, bytes]:
    """The project's core shapes compiled to SPARQL (kg.shaclsparql), as the queries' text
    (None: the shapes are not compiled), and the ontology's class tree (classes_nt), kept in
    the build cache under `key` (a digest of kg's code, the ontology and the shapes): for
    kg.shaclsparql.finds_any, which tells that an article conforms without importing rdflib
    and pySHACL, compiling the shapes (a third of a second, more than the article's build)
    or reading the ontology (20 ms)."""
    path = cache / SCREEN
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        queries, classes = record["queries"], record["classes"]
        if record["key"] == key and isinstance(classes, str) and (
                queries is None or isinstance(queries, list) and all(isinstance(q, str) for q in queries)):
            return queries, classes.encode()
    except (OSError, ValueError, TypeError, KeyError):
        pass  # missing, damaged or of other shapes: made again
    queries, classes = shapes_for(project).compiled_sparql().screen(), classes_nt(project)
    cache.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps({"key": key, "queries": queries, "classes": classes.decode()}).encode())
    return queries, classes


def check_shapes_sparql(shapes, where: Path) -> None:
    """Every SPARQL text of the shapes, with the prefixes engines put before it, passes the
    sandbox that user queries pass (kg.sparqlsafe): validation reaches nothing outside."""
    import rdflib

    from kg import sparqlsafe

    sh = rdflib.Namespace(SH)
    declared = {(str(p), str(ns)) for d in shapes.objects(None, sh.declare)
                for p in shapes.objects(d, sh.prefix) for ns in shapes.objects(d, sh.namespace)}
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(declared))
    for kind in ("select", "ask", "construct", "update"):
        for text in shapes.objects(None, sh[kind]):
            sparqlsafe.check_file(where, prologue + str(text))


def _options(shapes) -> dict[str, Any]:
    # the ontology is part of the data validated (kg's graph carries it), not inoculated
    return {"shacl_graph": shapes, "inference": "none", "advanced": True, "inplace": False, "allow_warnings": True}


def validate_quads(quads: list[Quad], project: Project, engine: str = "sparql") -> Report:
    """Validate the union of all graphs in `quads` with the project's shapes (validate_store)."""
    # the store keeps a triple once: the graph's quads go in as they are when they are in the
    # default graph (a Turtle or N-Triples file), else as triples of it
    data = Store()
    if all(isinstance(q.graph_name, DefaultGraph) for q in quads):
        data.bulk_extend(quads)
    else:
        data.bulk_extend(Quad(q.subject, q.predicate, q.object) for q in quads)
    return validate_store(data, project, engine)


def validate_store(data: Store, project: Project, engine: str = "sparql") -> Report:
    """Validate the default graph of `data` (an in-memory store: the project's ontology is
    added to it) with the project's shapes.

    "pyshacl" is the reference: pySHACL with every shape. "sparql" and "turbo" give the same
    violations far faster: core constraints compiled to SPARQL and run once each over the
    store ("sparql", kg.shaclsparql), or with pyshacl-turbo (a Rust engine with pySHACL's API,
    reading the store: "turbo", and "sparql" when the shapes cannot be compiled); SPARQL
    constraints of corpus scope run once over the whole store by Oxigraph. All read the same
    data (the graph and the ontology), and an ill-typed literal is reported once, by kg's own
    check, whatever each engine makes of it.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r} (one of: {', '.join(ENGINES)})")
    shapes = shapes_for(project)
    ill_quads = _ill_typed_in(data)  # the graph's: the project's ontology is not checked here
    bad = ill_typed(ill_quads)
    data.bulk_extend(Quad(q.subject, q.predicate, q.object) for q in shapes.ontology)
    if engine in ("sparql", "turbo"):
        core = _core_violations(data, project, None, _ill_keys(ill_quads), engine)
        return report(bad + core + sparql_violations(data, project))
    import rdflib
    from pyshacl import validate as shacl_validate

    graph = rdflib.Graph()
    with _quiet_rdflib():  # ill-typed literals are reported by ill_typed, not logged
        graph.parse(data=data.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph()), format="nt")
        _, results, _ = shacl_validate(graph, **_options(shapes.shapes))
    return report(bad + _rows(results, data, _ill_keys(ill_quads)))


def _quiet_rdflib():
    """rdflib logs a traceback for each literal it cannot convert; kg reports them itself."""
    import contextlib
    import logging
    import warnings

    @contextlib.contextmanager
    def quiet():
        logger = logging.getLogger("rdflib")
        level = logger.level
        logger.setLevel(logging.CRITICAL)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield
        finally:
            logger.setLevel(level)

    return quiet()


def core_violations(quads: list[Quad], project: Project, data, one_article: bool = False,
                    engine: str = "sparql") -> list[Violation]:
    """Article-local shapes (all but the corpus-scope SPARQL constraints) over `data` (an
    Oxigraph store holding `quads`): compiled to SPARQL (engine "sparql", kg.shaclsparql) or
    with pyshacl-turbo ("turbo", and "sparql" when kg.shaclsparql cannot compile the shapes or
    write a result as pySHACL would). With one_article (data: one article's triples, the
    ontology, the types of nodes defined in other articles), only the nodes of `quads` are
    focus nodes."""
    focus = sorted({q.subject.value for q in quads if isinstance(q.subject, NamedNode)}) if one_article else None
    return _core_violations(data, project, focus, _ill_keys(_ill_typed_quads(quads)), engine)


def _core_violations(data, project: Project, focus: list[str] | None, ill: set[tuple[str, str]],
                     engine: str) -> list[Violation]:
    """core_violations with the focus nodes (None: all) and the ill-typed literals known."""
    from kg.shaclsparql import Fallback

    shapes = shapes_for(project)
    if engine == "sparql":
        try:
            with _quiet_rdflib():  # messages are written with rdflib's terms, an ill-typed literal too
                found = shapes.compiled_sparql().results(data, focus)
        except Fallback:
            pass
        else:
            return _violations([(r.focus, r.path, r.value, r.severity, r.message) for r in found], data, ill)
    with _quiet_rdflib():
        _, results, _ = shapes.turbo().validate(data, allow_warnings=True, focus_nodes=focus)
    return _rows(results, data, ill)


def sparql_violations(store, project: Project, rows: dict[str, list] | None = None) -> list[Violation]:
    """The shapes' corpus-scope SPARQL constraints over the store's default graph (the union
    of the articles' graphs), as violations: `rows` when kg.checks already ran them."""
    from kg import checks

    found = {tuple(r) for rs in (checks.run(store, project)[0] if rows is None else rows).values() for r in rs}
    labels = _labels(store, {f for f, _, _ in found})
    return [Violation(s, labels.get(f) or _short(f), "", m, f) for f, m, s in sorted(found)]


def _labels(store, iris: set[str]) -> dict[str, str]:
    """Each node's rdfs:label (the first in text order when it has several: the same one
    whatever order the store or the file gives them in)."""
    out = {}
    for iri in iris:
        try:
            node = NamedNode(iri)
        except ValueError:  # a blank node's id, as an engine writes it: no label
            continue
        labels = [q.object.value for q in store.quads_for_pattern(node, NamedNode(RDFS_LABEL), None, None)
                  if isinstance(q.object, Literal)]
        if labels:
            out[iri] = min(labels)
    return out


def _rows(results, data, ill: set[tuple[str, str]]) -> list[Violation]:
    """The engine's validation results as Violations; results about an ill-typed literal
    are left to ill_typed, which reports each once."""
    import rdflib

    sh = rdflib.Namespace(SH)
    found = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        value = results.value(result, sh.value)
        if isinstance(value, rdflib.Literal):
            value = Literal(str(value), datatype=NamedNode(str(value.datatype))) if value.datatype else None
        path = results.value(result, sh.resultPath)
        severity = results.value(result, sh.resultSeverity)
        message = results.value(result, sh.resultMessage)
        found.append((str(results.value(result, sh.focusNode)), str(path) if isinstance(path, rdflib.URIRef) else None,
                      value, str(severity) if severity else None, str(message) if message else None))
    return _violations(found, data, ill)


def _violations(found: list[tuple[str, str | None, Any, str | None, str | None]], data,
                ill: set[tuple[str, str]]) -> list[Violation]:
    """Results (focus IRI, path IRI, value, severity IRI, message) as Violations, the focus
    node named by its label in `data` (a store), but those whose value is an ill-typed literal
    (`ill`: text and datatype): ill_typed reports each of those once."""
    kept = [r for r in found if not (isinstance(r[2], Literal) and (r[2].value, r[2].datatype.value) in ill)]
    labels = _labels(data, {focus for focus, *_ in kept})
    rows = set()
    for focus, path, _, severity, message in kept:
        rows.add(Violation(
            severity=severity.rsplit("#", 1)[-1] if severity else "Violation",
            node=labels.get(focus) or _short(focus),
            path=_short(path) if path else "",
            message=_short_iris(message) if message else "does not conform",
            focus=focus,
        ))
    return sorted(rows)


def validate_file(path: Path, project: Project, engine: str = "sparql") -> Report:
    """Validate an RDF file in any format kg reads (Oxigraph reads it into a store)."""
    from concurrent.futures import ThreadPoolExecutor

    from kg.rdfio import load_store

    # Oxigraph reads a file without holding the GIL: the shapes are parsed and compiled meanwhile
    with ThreadPoolExecutor(1) as pool:
        loading = pool.submit(load_store, path)
        try:
            shapes = shapes_for(project)
            if engine == "sparql":
                shapes.compiled_sparql()
        finally:
            store = loading.result()  # the file's error first, as when it was read before the shapes
    return validate_store(store, project, engine)
