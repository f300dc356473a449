"""SHACL validation with pySHACL: ontology/shapes.ttl against a built or given graph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from kg.project import Project

SH = "http://www.w3.org/ns/shacl#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True, order=True)
class Violation:
    severity: str  # Violation | Warning | Info
    node: str  # the focus node's label, or its IRI
    path: str  # the property, shortened
    message: str
    focus: str  # the focus node's IRI

    def line(self) -> str:
        path = f" {self.path}" if self.path else ""
        return f"[{self.severity}] {self.node}{path}: {self.message}"


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


# Lexical forms of the XSD datatypes kg uses: rdflib and pySHACL accept "2019x"^^xsd:gYear.
_LEXICAL = {
    "gYear": r"-?\d{4,}(Z|[+-]\d\d:\d\d)?",
    "gYearMonth": r"-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d\d:\d\d)?",
    "date": r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d\d:\d\d)?",
    "integer": r"[+-]?\d+", "nonNegativeInteger": r"\+?\d+", "positiveInteger": r"\+?0*[1-9]\d*",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "boolean": r"true|false|1|0",
    "duration": r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
}
_LEXICAL_RE = {XSD_NS + k: re.compile(v) for k, v in _LEXICAL.items()}


def ill_typed(quads: list[Quad]) -> list[Violation]:
    """Literals whose text is not a value of their datatype (e.g. "yes"^^xsd:boolean)."""
    found = set()
    for q in quads:
        obj = q.object
        if isinstance(obj, Literal):
            pattern = _LEXICAL_RE.get(obj.datatype.value)
            if pattern is not None and not pattern.fullmatch(obj.value):
                name = obj.datatype.value.rsplit("#", 1)[-1]
                found.add(Violation("Violation", _short(q.subject.value) if isinstance(q.subject, NamedNode) else str(q.subject),
                                    _short(q.predicate.value), f"\"{obj.value}\" is not a valid xsd:{name}",
                                    str(q.subject)))
    return sorted(found)


ENGINES = ("turbo", "pyshacl")
_CACHE: dict[str, Any] = {}


def _graphs(project: Project | None = None):
    """Shapes (all, and without SPARQL constraints) and ontology, parsed once per process."""
    if "shapes" not in _CACHE:
        import rdflib

        from kg.project import shipped_dir

        def path(folder: str, name: str) -> Path:
            return project.resource(folder, name) if project else shipped_dir(folder) / name

        shapes = rdflib.Graph().parse(path("ontology", "shapes.ttl"), format="turtle")
        check_shapes_sparql(shapes, path("ontology", "shapes.ttl"))
        # article-local shapes: all but the corpus-scope SPARQL constraints
        scope = rdflib.URIRef("https://kg.example/shapes#scope")
        corpus_wide = {c for c, _ in shapes.subject_objects(scope)}
        core = rdflib.Graph()
        sparql = rdflib.URIRef(SH + "sparql")
        for triple in shapes:
            if not (triple[1] == sparql and triple[2] in corpus_wide):
                core.add(triple)
        _CACHE.update(shapes=shapes, core=core,
                      ontology=rdflib.Graph().parse(path("ontology", "kg.ttl"), format="turtle"),
                      constraints=(path("queries", "shacl/sparql-constraints.rq"), path("ontology", "shapes.ttl")))
    return _CACHE


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
    return dict(shacl_graph=shapes, ont_graph=_graphs()["ontology"], inference="none", advanced=True,
                inplace=False, allow_warnings=True)


def validate_quads(quads: list[Quad], project: Project, engine: str = "turbo") -> Report:
    """Validate the union of all graphs in `quads` with the project's shapes.

    "pyshacl" is the reference: pySHACL with every shape. "turbo" gives the same violations
    far faster: core constraints with pyshacl-turbo (a Rust engine with pySHACL's API, reading
    an Oxigraph store), SPARQL constraints run once over the whole store by Oxigraph.
    """
    import warnings

    graphs = _graphs(project)
    if engine == "turbo":
        from pyoxigraph import Store

        data = Store()
        data.bulk_extend(Quad(q.subject, q.predicate, q.object) for q in quads)
        rows = ill_typed(quads) + core_violations(quads, [], data) + sparql_violations(data, quads)
        return report(rows)
    if engine != "pyshacl":
        raise ValueError(f"unknown validation engine {engine!r} (one of: {', '.join(ENGINES)})")
    import rdflib
    from pyshacl import validate as shacl_validate

    data = rdflib.Graph()
    triples = sorted({q.triple for q in quads}, key=str)
    with warnings.catch_warnings():  # ill-typed literals are reported below, not warned about
        warnings.simplefilter("ignore")
        data.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
        conforms, results, _ = shacl_validate(data, **_options(graphs["shapes"]))
    rows = ill_typed(quads) + _rows(results, quads)
    return report(rows)


def core_violations(quads: list[Quad], outside: list[Quad], data=None) -> list[Violation]:
    """Article-local shapes (all but the corpus-scope SPARQL constraints) with pyshacl-turbo.
    With `outside` (the ontology, types of nodes defined in other articles), only the nodes
    of `quads` are focus nodes: one article at a time."""
    import warnings

    from pyoxigraph import Store
    from pyshacl_turbo import validate as turbo_validate

    graphs = _graphs()
    options = _options(graphs["core"])
    if data is None:
        data = Store()
        data.bulk_extend(Quad(q.subject, q.predicate, q.object) for q in [*quads, *outside])
    if outside:
        import rdflib

        options["focus_nodes"] = sorted({rdflib.URIRef(q.subject.value) for q in quads
                                         if isinstance(q.subject, NamedNode)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, results, _ = turbo_validate(data, **options)
    return _rows(results, quads)


def sparql_violations(store, quads: list[Quad] | None = None) -> list[Violation]:
    """The shapes' corpus-scope SPARQL constraints, each run once over the store's default
    graph (the union of the articles' graphs)."""
    constraints_rq, shapes_path = _graphs()["constraints"]
    from pyoxigraph import RdfFormat as Fmt
    from pyoxigraph import Store

    shapes = Store()
    shapes.load(path=str(shapes_path), format=Fmt.TURTLE)
    prefixes = _declared_prefixes(shapes)
    rows = set()
    from kg import sparqlsafe

    constraints = constraints_rq.read_text(encoding="utf-8")
    sparqlsafe.check_file(constraints_rq, constraints)
    for c in shapes.query(constraints):
        if c["scope"] is None:
            continue  # article-local: checked with each article
        targets = []
        if c["targetClass"] is not None:
            classes = " ".join(f"<{cls}>" for cls in _subclasses(store, c["targetClass"].value))
            targets.append(f"VALUES ?targetClass {{ {classes} }} ?this a ?targetClass")
        if c["targetSubjectsOf"] is not None:
            targets.append(f"?this <{c['targetSubjectsOf'].value}> ?targetObject")
        target = " UNION ".join("{ " + t + " }" for t in targets)
        select = c["select"].value.replace("$this", "?this")
        text = f"{prefixes}SELECT DISTINCT * WHERE {{ {{ {select} }} FILTER EXISTS {{ {target} }} }}"
        sparqlsafe.check_file(shapes_path, text)
        message = c["message"].value if c["message"] is not None else "does not conform"
        severity = c["severity"].value.rsplit("#", 1)[-1] if c["severity"] is not None else "Violation"
        for solution in store.query(text):
            focus = solution["this"]
            filled = re.sub(r"\{[?$](\w+)\}", lambda m: _value(solution[m.group(1)]), message)
            rows.add((focus.value, filled, severity))
    labels = _labels(store, {f for f, _, _ in rows})
    return [Violation(s, labels.get(f) or _short(f), "", m, f) for f, m, s in sorted(rows)]


def _declared_prefixes(shapes) -> str:
    """The prefixes the shapes graph declares (sh:declare), as SPARQL prologue lines."""
    lines = {}
    for q in shapes.quads_for_pattern(None, NamedNode(SH + "prefix"), None, None):
        for ns in shapes.quads_for_pattern(q.subject, NamedNode(SH + "namespace"), None, None):
            lines[q.object.value] = ns.object.value
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(lines.items()))


def _subclasses(store, cls: str) -> list[str]:
    """A class and all its subclasses (rdfs:subClassOf*), from the ontology in the store."""
    found, todo = {cls}, [cls]
    sub = NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
    while todo:
        for q in store.quads_for_pattern(None, sub, NamedNode(todo.pop()), None):
            if q.subject.value not in found:
                found.add(q.subject.value)
                todo.append(q.subject.value)
    return sorted(found)


def _value(term) -> str:
    return "" if term is None else term.value


def _labels(store, iris: set[str]) -> dict[str, str]:
    out = {}
    for iri in iris:
        for q in store.quads_for_pattern(NamedNode(iri), NamedNode(RDFS_LABEL), None, None):
            out[iri] = q.object.value
            break
    return out


def _rows(results, quads: list[Quad]) -> list[Violation]:
    import rdflib

    sh = rdflib.Namespace(SH)
    rows = set()
    labels: dict[str, str] | None = None
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        severity = results.value(result, sh.resultSeverity)
        message = results.value(result, sh.resultMessage)
        if labels is None:
            labels = {q.subject.value: q.object.value for q in quads if q.predicate.value == RDFS_LABEL}
        label = labels.get(str(focus)) if focus is not None else None
        rows.add(Violation(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            node=str(label) if label else _short(str(focus)),
            path=_short(str(path)) if isinstance(path, rdflib.URIRef) else "",
            message=str(message) if message else "does not conform",
            focus=str(focus),
        ))
    return sorted(rows)


def validate_file(path: Path, project: Project, engine: str = "turbo") -> Report:
    """Validate an RDF file in any format kg reads (parsed by Oxigraph first)."""
    from kg.rdfio import read_quads

    return validate_quads(read_quads(path), project, engine)
