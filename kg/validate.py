"""SHACL validation with pySHACL: ontology/shapes.ttl against a built or given graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, serialize

from kg.project import Project

SH = "http://www.w3.org/ns/shacl#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


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


def validate_quads(quads: list[Quad], project: Project) -> Report:
    """Validate the union of all graphs in `quads` with the project's shapes."""
    import rdflib
    from pyshacl import validate as shacl_validate

    data = rdflib.Graph()
    triples = sorted({q.triple for q in quads}, key=str)
    data.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
    shapes = rdflib.Graph().parse(project.resource("ontology", "shapes.ttl"), format="turtle")
    ontology = rdflib.Graph().parse(project.resource("ontology", "kg.ttl"), format="turtle")
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True,
        inplace=False, allow_warnings=True,
    )
    return Report(bool(conforms), _rows(results, data))


def _rows(results, data) -> list[Violation]:
    import rdflib

    sh = rdflib.Namespace(SH)
    rows = set()
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        severity = results.value(result, sh.resultSeverity)
        message = results.value(result, sh.resultMessage)
        label = data.value(focus, rdflib.URIRef(RDFS_LABEL)) if focus is not None else None
        rows.add(Violation(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            node=str(label) if label else _short(str(focus)),
            path=_short(str(path)) if isinstance(path, rdflib.URIRef) else "",
            message=str(message) if message else "does not conform",
            focus=str(focus),
        ))
    return sorted(rows)


def validate_file(path: Path, project: Project) -> Report:
    """Validate an RDF file in any format kg reads (parsed by Oxigraph first)."""
    from kg.rdfio import read_quads

    return validate_quads(read_quads(path), project)
