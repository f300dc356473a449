"""kg build on the bundled data: every required fact with its quote, deterministic output,
standard Turtle that another RDF library loads unchanged."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.pipeline import build_project

KGO = rdflib.Namespace("https://kg.example/ontology#")
ID = "https://kg.example/id/"
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
XSD = rdflib.XSD


@pytest.fixture(scope="module")
def g(built) -> rdflib.Graph:
    return rdflib.Graph().parse(built.build / "kg.ttl", format="turtle")


def fact(name: str) -> rdflib.URIRef:
    return rdflib.URIRef(f"{ID}fact/centcom-isis-2024.{name}")


def node(path: str) -> rdflib.URIRef:
    return rdflib.URIRef(ID + path)


def quotes(g: rdflib.Graph, subject) -> list[tuple[str, str]]:
    """(exact quote, attributed-to label) of each piece of evidence of a node."""
    out = []
    for ev in g.objects(subject, KGO.evidence):
        sel = next(s for s in g.objects(ev, OA.hasSelector) if (s, rdflib.RDF.type, OA.TextQuoteSelector) in g)
        who = g.value(ev, PROV.wasAttributedTo)
        out.append((str(g.value(sel, OA.exact)), str(g.value(who, rdflib.RDFS.label))))
    return out


# (node, expected (property, value) pairs, a quote fragment, attributed to)
REQUIRED = [
    (node("organization/isis"), [(rdflib.RDFS.label, rdflib.Literal("Islamic State")),
                                 (rdflib.SKOS.altLabel, rdflib.Literal("ISIS"))], "Islamic State (ISIS)", "own words"),
    (node("organization/centcom"), [(rdflib.SKOS.altLabel, rdflib.Literal("CENTCOM"))], "U.S. Central Command (CENTCOM)", "own words"),
    (node("organization/iraqi-security-forces"), [], "Iraqi Security Forces", "own words"),
    (node("organization/syrian-democratic-forces"), [], "Syrian Democratic Forces", "own words"),
    (node("organization/coalition"), [], "the Coalition", "own words"),
    (node("organization/ap"), [(rdflib.RDF.type, KGO.NewsAgency)], "reporting by AP", "own words"),
    (node("place/iraq"), [(rdflib.RDF.type, KGO.Country)], "Iraq", "own words"),
    (node("place/syria"), [], "Syria", "own words"),
    (node("place/middle-east"), [(rdflib.RDF.type, KGO.Region)], "Middle East", "own words"),
    (fact("baghdadi-ruler-of-isis"), [(KGO.ordinal, rdflib.Literal(1)), (KGO.endDate, rdflib.Literal("2019", datatype=XSD.gYear)),
                                      (KGO.role, KGO.ruler), (KGO.endedBy, fact("killing-of-baghdadi"))],
     "the first ruler of ISIS, was killed", "own words"),
    (fact("killing-of-baghdadi"), [(KGO.victim, node("person/abu-bakr-al-baghdadi")), (KGO.partOf, fact("operation-kayla-mueller"))],
     "was killed in a U.S. military operation dubbed Operation Kayla Mueller", "own words"),
    (fact("operation-kayla-mueller"), [(KGO.namedInHonourOf, node("person/kayla-mueller")),
                                       (KGO.conductedBy, node("organization/us-military")), (rdflib.RDF.type, KGO.MilitaryOperation)],
     "in honor of the 26-year-old American aid worker", "own words"),
    (fact("kayla-mueller-description"), [(KGO.age, rdflib.Literal(26)), (KGO.nationality, rdflib.Literal("American")),
                                         (KGO.occupation, rdflib.Literal("aid worker"))], "26-year-old American aid worker", "own words"),
    (fact("capture-of-kayla-mueller"), [(KGO.date, rdflib.Literal("2013", datatype=XSD.gYear)), (KGO.perpetrator, node("organization/isis"))],
     "captured by the terrorist organization in 2013", "own words"),
    (fact("captivity-of-kayla-mueller"), [(KGO.duration, rdflib.Literal("P2Y", datatype=XSD.duration))], "held hostage for two years", "own words"),
    (fact("killing-of-kayla-mueller"), [(KGO.date, rdflib.Literal("2015", datatype=XSD.gYear))], "killed in 2015", "own words"),
    (fact("abu-hafs-ruler-of-isis"), [(KGO.ordinal, rdflib.Literal(5)), (KGO.certainty, KGO.Believed),
                                      (KGO.hedge, rdflib.Literal("believed to be")), (KGO.startDate, rdflib.Literal("2023", datatype=XSD.gYear))],
     "believed to be the 5th ruler of ISIS", "own words"),
    (fact("kurilla-commander-of-centcom"), [(KGO.role, KGO.commander), (KGO.organization, node("organization/centcom"))],
     "Gen. Michael Erik Kurilla, commander of U.S. Central Command", "own words"),
    (fact("kurilla-statement-1"), [(KGO.speaker, node("person/michael-erik-kurilla"))], "The global enduring defeat of ISIS", "Kurilla"),
    (fact("attacks-claimed-2024-h1"), [(KGO.value, rdflib.Literal(153)), (KGO.period, node("period/2024-H1"))], "153 attacks", "own words"),
    (fact("attacks-projection-2024"), [(KGO.factor, rdflib.Literal("2", datatype=XSD.decimal)), (KGO.bound, KGO.MoreThan),
                                       (KGO.certainty, KGO.Projected)], "on track to more than double", "Central Command"),
    (fact("attacks-2023-centcom"), [(KGO.reportStatus, KGO.NotReleased)], "has not released data", "Central Command"),
    (fact("attacks-2023-ap"), [(KGO.value, rdflib.Literal(120)), (KGO.bound, KGO.MoreThan), (KGO.certainty, KGO.Suggested),
                               (KGO.wording, rdflib.Literal("just over 120 attacks"))], "just over 120 attacks", "AP"),
    (fact("missions-2024"), [(KGO.value, rdflib.Literal(196))], "196 \"Defeat ISIS Missions\"", "own words"),
    (fact("missions-2024-iraq"), [(KGO.value, rdflib.Literal(137)), (KGO.breakdownOf, fact("missions-2024"))], "137 missions", "own words"),
    (fact("missions-2024-syria"), [(KGO.value, rdflib.Literal(59)), (KGO.breakdownOf, fact("missions-2024"))], "59 missions", "Central Command"),
    (fact("defeat-isis-missions-2024"), [(KGO.participant, node("organization/iraqi-security-forces")),
                                         (KGO.participant, node("organization/syrian-democratic-forces")),
                                         (KGO.participant, node("organization/centcom"))], "in coordination with CENTCOM", "own words"),
    (fact("killed-2024"), [(KGO.value, rdflib.Literal(44))], "44 ISIS operatives", "own words"),
    (fact("killed-2024-iraq"), [(KGO.value, rdflib.Literal(30))], "30 ISIS operatives", "own words"),
    (fact("killed-2024-syria"), [(KGO.value, rdflib.Literal(14))], "14 ISIS operative deaths", "Central Command"),
    (fact("detained-2024"), [(KGO.value, rdflib.Literal(166))], "166 ISIS militants", "own words"),
    (fact("detained-2024-iraq"), [(KGO.value, rdflib.Literal(74))], "74 operatives", "own words"),
    (fact("detained-2024-syria"), [(KGO.value, rdflib.Literal(92))], "capture of 92 militants", "Central Command"),
    (fact("senior-leaders-killed-2024"), [(KGO.value, rdflib.Literal(8))], "eight senior ISIS leaders", "own words"),
    (fact("senior-leaders-captured-2024"), [(KGO.value, rdflib.Literal(32))], "32 captured", "own words"),
    (fact("fighters-at-large-2024"), [(KGO.value, rdflib.Literal(2500)), (KGO.certainty, KGO.Reported),
                                      (KGO.wording, rdflib.Literal("a reported 2,500"))], "a reported 2,500", "own words"),
    (fact("campaign-against-isis"), [(KGO.startDate, rdflib.Literal("2014", datatype=XSD.gYear)), (KGO.target, node("organization/isis")),
                                     (KGO.place, node("place/middle-east"))], "targeting ISIS in the Middle East since 2014", "own words"),
    (fact("headline-death-sentence"), [(rdflib.RDF.type, KGO.HeadlineClaim)], "IRAQ ISSUES DEATH SENTENCE", "related headline"),
    (fact("headline-global-threat"), [(KGO.claimant, node("person/us-military-official"))], "GLOBAL THREAT", "related headline"),
]


@pytest.mark.parametrize("subject,pairs,quote,who", REQUIRED, ids=[str(r[0]).rsplit("/", 1)[-1] for r in REQUIRED])
def test_required_fact_with_quote(g, built, subject, pairs, quote, who):
    for p, o in pairs:
        assert (subject, p, o) in g, f"missing {p} {o}"
    found = quotes(g, subject)
    article = (built.articles / "centcom-isis-2024.txt").read_text(encoding="utf-8")
    assert any(quote in exact and exact in article for exact, _ in found), found
    assert any(who in label for exact, label in found if quote in exact), found


def test_curated_aliases_are_lookup_only(g):
    isis = node("organization/isis")
    hidden = {str(o) for o in g.objects(isis, rdflib.SKOS.hiddenLabel)}
    assert {"IS", "ISIL", "Daesh"} <= hidden
    assert "Daesh" not in {str(o) for o in g.objects(isis, rdflib.RDFS.label)}


def test_headline_claims_are_not_the_articles_own(g):
    for claim in g.subjects(rdflib.RDF.type, KGO.HeadlineClaim):
        for exact, who in quotes(g, claim):
            assert who.startswith("related headline"), who


def test_evidence_offsets_and_sentences(g, built):
    article = (built.articles / "centcom-isis-2024.txt").read_text(encoding="utf-8")
    evidence = list(g.subjects(rdflib.RDF.type, KGO.Evidence))
    assert len(evidence) > 50
    for ev in evidence:
        sels = list(g.objects(ev, OA.hasSelector))
        exact = next(g.value(s, OA.exact) for s in sels if g.value(s, OA.exact) is not None)
        start = next(g.value(s, OA.start) for s in sels if g.value(s, OA.start) is not None)
        assert article[int(start):int(start) + len(exact)] == str(exact)
    # the design's example: Baghdadi's killing is sentence 10 (headlines are not sentences)
    ev = next(g.objects(fact("baghdadi-ruler-of-isis"), KGO.evidence))
    assert int(g.value(ev, KGO.sentence)) == 10


def test_turtle_loads_unchanged_elsewhere(built):
    """The Turtle parses in rdflib and equals the TriG's union: standard RDF, no kg needed."""
    ttl = rdflib.Graph().parse(built.build / "kg.ttl", format="turtle")
    trig = rdflib.Dataset()
    trig.parse(built.build / "kg.trig", format="trig")
    union = rdflib.Graph()
    for s, p, o, _ in trig.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(ttl, union)
    graphs = {str(c.identifier) for c in trig.graphs() if len(c)}
    assert f"{ID}source/centcom-isis-2024" in graphs and "https://kg.example/ontology" in graphs


FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml", "graphml", "gexf")
OUTPUTS = ("import sys\nfrom pathlib import Path\nfrom kg.export import export_bytes\nfrom kg.pipeline import build_project\n"
           "from kg.project import Project\np = Project(Path(sys.argv[1]))\nassert build_project(p).written\n"
           "out = Path(sys.argv[2])\nout.mkdir()\n"
           "for name in ('kg.ttl', 'kg.trig'):\n    (out / name).write_bytes((p.build / name).read_bytes())\n"
           f"for fmt in {FORMATS!r}:\n    (out / fmt).write_bytes(export_bytes(p, fmt))\n")


def outputs_of(tmp_path, name: str, seed: str) -> dict[str, bytes]:
    """Every output of a build of a fresh copy of the bundled data, in its own process."""
    from .conftest import copy_project

    project = copy_project(tmp_path / name)
    out = tmp_path / f"{name}-out"
    subprocess.run([sys.executable, "-c", OUTPUTS, str(project.root), str(out)], check=True,
                   env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True)
    return {p.name: p.read_bytes() for p in out.iterdir()}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seeded")
    return [outputs_of(tmp, f"seed{seed}", seed) for seed in ("0", "1", "12345")]


DETERMINISTIC = [pytest.param(f, marks=pytest.mark.xfail(
    reason="JSON-LD export order follows the hash seed (issue 14; kg/export.py)", strict=False))
    if f == "jsonld" else f for f in ("kg.ttl", "kg.trig", *FORMATS)]


@pytest.mark.parametrize("output", DETERMINISTIC)
def test_build_is_deterministic_across_hash_seeds(seeded, output):
    """Builds of fresh copies, each in a process of its own with its own PYTHONHASHSEED,
    give byte-identical output in every format."""
    assert seeded[0][output] == seeded[1][output] == seeded[2][output]


def test_build_is_deterministic(seeded, tmp_path):
    """A build in this process of another fresh copy gives the same bytes as the others."""
    from kg.export import export_bytes

    from .conftest import copy_project

    project = copy_project(tmp_path)
    assert build_project(project).written
    for name in ("kg.ttl", "kg.trig"):
        assert (project.build / name).read_bytes() == seeded[0][name], name
    for fmt in FORMATS:
        if fmt != "jsonld":  # see test_build_is_deterministic_across_hash_seeds
            assert export_bytes(project, fmt) == seeded[0][fmt], fmt


def test_failed_build_keeps_old_output(fresh):
    build_project(fresh)
    before = (fresh.build / "kg.ttl").read_bytes()
    facts = fresh.facts / "centcom-isis-2024.yaml"
    facts.write_text(facts.read_text().replace("quote: in 2019 when Abu Bakr", "quote: in 2018 when Abu Bakr"))
    from kg.errors import LocatedError

    with pytest.raises(LocatedError) as err:
        build_project(fresh)
    assert "quote not found" in str(err.value) and "nearest passage" in str(err.value)
    assert "in 2019 when Abu Bakr" in str(err.value)
    assert err.value.line is not None and err.value.path.endswith("centcom-isis-2024.yaml")
    assert (fresh.build / "kg.ttl").read_bytes() == before
