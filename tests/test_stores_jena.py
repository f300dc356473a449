"""Apache Jena (Debian's libapache-jena-java 4.5) reads every RDF export kg writes, strictly,
and finds the same triple counts; Jena's SHACL engine, given kg's shapes, agrees with kg's
verdict on the built graph and on graphs broken on purpose."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse, serialize

from kg.export import INDEX_FORMATS, export_bytes, graph_quads
from kg.validate import validate_file
from kg.vocab import PREFIXES

from . import servers

pytestmark = pytest.mark.slow  # a real store started for the module: .ci/run runs them (KG_SLOW=1)

EXTENSIONS = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "trig": "trig", "jsonld": "jsonld", "xml": "rdf"}
SH = "http://www.w3.org/ns/shacl#"
SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
ONTOLOGY = SHAPES.with_name("kg.ttl")


@pytest.fixture(scope="module")
def exports(built, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    files = {}
    for fmt, ext in EXTENSIONS.items():
        files[fmt] = folder / f"kg.{ext}"
        files[fmt].write_bytes(export_bytes(built, fmt))
    files["inferred"] = folder / "inferred.nq"
    files["inferred"].write_bytes(export_bytes(built, "nquads", inferred=True))
    files["schema-http"] = folder / "schema-http.ttl"
    files["schema-http"].write_bytes(export_bytes(built, "turtle", inferred=True, schema_org="http"))
    return files


def riot(*args: str) -> str:
    """riot strictly; JSON-LD with its JSON-LD 1.0 reader (Debian's Jena has no JSON-P
    provider for the 1.1 one). Fails on any warning or error."""
    done = servers.jena("riotcmd.riot", "--validate", "--count", *args)
    problems = [line for line in done.stderr.splitlines() if " WARN " in line or " ERROR " in line]
    assert done.returncode == 0 and not problems, done.stderr[-3000:]
    return done.stdout + done.stderr


def test_riot_reads_every_export(built, exports):
    files = [str(p) for fmt, p in exports.items() if fmt != "jsonld"]
    out = riot(*files) + riot("--syntax=jsonld10", str(exports["jsonld"]))
    counts = {
        Path(m.group(1)).name: int(m.group(3).replace(",", ""))
        for m in re.finditer(r"file://(\S+) : (Triples|Quads) = ([\d,]+)", out)
    }
    plain, with_index = graph_quads(built), graph_quads(built, index=True)
    for fmt, path in exports.items():
        quads = with_index if fmt in INDEX_FORMATS else plain
        if fmt == "inferred":
            quads = graph_quads(built, inferred=True, index=True)
        if fmt == "schema-http":
            quads = graph_quads(built, inferred=True)
        expected = len(quads) if path.suffix in (".nq", ".trig", ".jsonld") else len({q.triple for q in quads})
        assert counts[path.name] == expected, fmt


def test_rdfs_closure_is_rdf_that_riot_reads(exports, tmp_path):
    """Jena's RDFS reasoner over the export with kg's ontology (riot --rdfs) writes a graph
    that riot itself, and any store, reads back: no literal as a subject, as a datatype range
    would make of every value ("2019" rdf:type xsd:gYear)."""
    done = servers.jena("riotcmd.riot", f"--rdfs={ONTOLOGY}", str(exports["turtle"]))
    assert done.returncode == 0, done.stderr[-3000:]
    closure = tmp_path / "closure.nt"
    closure.write_text(done.stdout, encoding="utf-8")
    riot("--strict", str(closure))
    assert "<https://schema.org/Person>" in done.stdout  # it did infer


def test_riot_catches_an_ill_typed_literal(exports, tmp_path):
    """The check above can fail: one bad year in the N-Triples export and riot says so."""
    bad = tmp_path / "bad.nt"
    bad.write_text(exports["ntriples"].read_text().replace('"2013"^^', '"2013x"^^', 1))
    done = servers.jena("riotcmd.riot", "--validate", str(bad))
    assert "Lexical form '2013x' not valid for datatype XSD gYear" in done.stderr


def jena_shacl(data: Path) -> tuple[bool, set[tuple[str, str]]]:
    done = servers.jena("shacl.shacl", "validate", "--shapes", str(SHAPES), "--data", str(data))
    assert done.returncode == 0, done.stderr[-3000:]
    report = list(parse(done.stdout.encode(), format=RdfFormat.TURTLE))
    conforms = [q.object.value for q in report if q.predicate == NamedNode(SH + "conforms")]
    results = {q.subject for q in report if q.predicate == NamedNode(SH + "focusNode")}
    found = set()
    for result in results:
        focus = next(
            q.object.value for q in report if q.subject == result and q.predicate == NamedNode(SH + "focusNode")
        )
        path = next(
            (q.object.value for q in report if q.subject == result and q.predicate == NamedNode(SH + "resultPath")), ""
        )
        found.add((focus, path))
    return conforms == ["true"], found


def kg_verdict(data: Path, project) -> tuple[bool, set[tuple[str, str]]]:
    report = validate_file(data, project)
    # kg writes the focus of an ill-typed literal's violation as <iri>, of the others as iri
    return report.conforms, {(v.focus.strip("<>"), _expand(v.path)) for v in report.violations}


def _expand(path: str) -> str:
    prefix, _, local = path.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES and local else path


def test_jena_shacl_agrees_with_kg(built, exports, tmp_path):
    assert jena_shacl(exports["turtle"]) == (True, set()) == kg_verdict(exports["turtle"], built)
    kayla = "https://kg.example/id/person/kayla-mueller"
    quads = [
        q
        for q in parse(exports["ntriples"].read_bytes(), format=RdfFormat.N_TRIPLES)
        if not (q.subject.value == kayla and q.predicate.value == PREFIXES["rdfs"] + "label")
    ]
    broken = tmp_path / "broken.nt"
    broken.write_bytes(
        (serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES) or b"").replace(b'"2013"^^', b'"2013x"^^')
    )
    jena_conforms, jena_found = jena_shacl(broken)
    kg_conforms, kg_found = kg_verdict(broken, built)
    assert not jena_conforms and not kg_conforms
    assert (kayla, PREFIXES["rdfs"] + "label") in jena_found
    assert len(jena_found) >= 3 and jena_found == kg_found
