"""SHACL validation with pySHACL: ontology/shapes.ttl against a built or given graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import re

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
    violations: list[Violation]


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


def validate_quads(quads: list[Quad], project: Project, engine: str = "turbo") -> Report:
    """Validate the union of all graphs in `quads` with the project's shapes.

    engine "pyshacl" is the reference; "turbo" (pyshacl-turbo, a Rust engine with pySHACL's
    API, reading the Oxigraph store directly) gives the same violations far faster.
    """
    import warnings

    import rdflib

    shapes = rdflib.Graph().parse(project.resource("ontology", "shapes.ttl"), format="turtle")
    ontology = rdflib.Graph().parse(project.resource("ontology", "kg.ttl"), format="turtle")
    options = dict(shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True,
                   inplace=False, allow_warnings=True)
    if engine == "turbo":
        from pyoxigraph import Store
        from pyshacl_turbo import validate as shacl_validate

        data = Store()
        data.bulk_extend(Quad(q.subject, q.predicate, q.object) for q in quads)
    elif engine == "pyshacl":
        from pyshacl import validate as shacl_validate

        data = rdflib.Graph()
        triples = sorted({q.triple for q in quads}, key=str)
        with warnings.catch_warnings():  # ill-typed literals are reported below, not warned about
            warnings.simplefilter("ignore")
            data.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
    else:
        raise ValueError(f"unknown validation engine {engine!r} (one of: {', '.join(ENGINES)})")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        conforms, results, _ = shacl_validate(data, **options)
    rows = ill_typed(quads) + _rows(results, quads)
    return Report(bool(conforms) and not rows, rows)


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
