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


def event(key: str) -> rdflib.URIRef:
    return rdflib.URIRef(f"{ID}event/{key}")


def node(path: str) -> rdflib.URIRef:
    return rdflib.URIRef(ID + path)


def quotes(g: rdflib.Graph, subject) -> list[tuple[str, str, str]]:
    """(exact quote, attributed-to label, certainty) of each piece of evidence of a node."""
    out = []
    for ev in g.objects(subject, KGO.evidence):
        sel = next(s for s in g.objects(ev, OA.hasSelector) if (s, rdflib.RDF.type, OA.TextQuoteSelector) in g)
        who = g.value(ev, PROV.wasAttributedTo)
        out.append(
            (
                str(g.value(sel, OA.exact)),
                str(g.value(who, rdflib.RDFS.label)),
                str(g.value(ev, KGO.certainty)).rsplit("#", 1)[-1],
            )
        )
    return out


L = rdflib.Literal
Y = XSD.gYear
# The article's claims, audited sentence by sentence: (node, (property, value) pairs it must
# have, a fragment of a quote it must carry, who that quote is attributed to, its certainty).
REQUIRED = [
    (
        node("organization/isis"),
        [(rdflib.RDFS.label, L("Islamic State")), (rdflib.SKOS.altLabel, L("ISIS"))],
        "Islamic State (ISIS)",
        "own words",
        "Stated",
    ),
    (
        node("organization/centcom"),
        [(rdflib.SKOS.altLabel, L("CENTCOM"))],
        "U.S. Central Command (CENTCOM)",
        "own words",
        "Stated",
    ),
    (node("organization/ap"), [(rdflib.RDF.type, KGO.NewsAgency)], "reporting by AP", "own words", "Stated"),
    (node("place/middle-east"), [(rdflib.RDF.type, KGO.Region)], "Middle East", "own words", "Stated"),
    (
        node("person/kayla-mueller"),
        [(KGO.inferred, L("name: the article names her only through the operation named in her honour"))],
        "Operation Kayla Mueller",
        "own words",
        "Stated",
    ),
    # sentence 1: the projection, who warned, when, and the reason given
    (
        fact("attacks-projection-2024"),
        [
            (KGO.factor, L("2", datatype=XSD.decimal)),
            (KGO.bound, KGO.MoreThan),
            (KGO.reportedBy, node("organization/centcom")),
            (KGO.statedOn, L("2024", datatype=Y)),
            (KGO.reason, L("the group looks to bolster its capabilities")),
        ],
        "on track to more than double",
        "Central Command",
        "Projected",
    ),
    # sentence 2: the attacks claimed, and that they prompted the missions
    (
        fact("attacks-claimed-2024-h1"),
        [(KGO.value, L(153)), (KGO.period, node("period/2024-H1"))],
        "153 attacks",
        "own words",
        "Stated",
    ),
    (
        fact("attacks-prompted-missions"),
        [(KGO.cause, fact("attacks-claimed-2024-h1")), (KGO.effect, event("defeat-isis-missions"))],
        "which have prompted",
        "own words",
        "Stated",
    ),
    (
        fact("missions-2024"),
        [(KGO.value, L(196)), (KGO.context, event("defeat-isis-missions")), (KGO.area, node("area/iraq.syria"))],
        '196 "Defeat ISIS Missions"',
        "own words",
        "Stated",
    ),
    # sentence 3: the missions' partners and results
    (
        event("defeat-isis-missions"),
        [
            (KGO.participant, node("organization/iraqi-security-forces")),
            (KGO.participant, node("organization/syrian-democratic-forces")),
            (KGO.participant, node("organization/centcom")),
            (rdflib.RDFS.label, L("Defeat ISIS Missions")),
        ],
        "in coordination with CENTCOM",
        "own words",
        "Stated",
    ),
    (
        fact("killed-2024"),
        [(KGO.value, L(44)), (KGO.subject, node("organization/isis"))],
        "44 ISIS operatives",
        "own words",
        "Stated",
    ),
    (fact("detained-2024"), [(KGO.value, L(166))], "166 ISIS militants", "own words", "Stated"),
    # sentence 4: the majority in Iraq, and Iraq's figures
    (
        fact("majority-of-missions-in-iraq"),
        [(KGO.quantity, KGO.Majority), (KGO.area, node("place/iraq")), (KGO.breakdownOf, fact("missions-2024"))],
        "The majority of operations this year",
        "own words",
        "Stated",
    ),
    (
        fact("missions-2024-iraq"),
        [(KGO.value, L(137)), (KGO.breakdownOf, fact("missions-2024"))],
        "137 missions",
        "own words",
        "Stated",
    ),
    (fact("killed-2024-iraq"), [(KGO.value, L(30))], "30 ISIS operatives", "own words", "Stated"),
    (fact("detained-2024-iraq"), [(KGO.value, L(74))], "74 operatives", "own words", "Stated"),
    # sentence 5: CENTCOM's figures for Syria
    (
        fact("missions-2024-syria"),
        [(KGO.value, L(59)), (KGO.reportedBy, node("organization/centcom"))],
        "59 missions",
        "Central Command",
        "Stated",
    ),
    (fact("killed-2024-syria"), [(KGO.value, L(14))], "14 ISIS operative deaths", "Central Command", "Stated"),
    (fact("detained-2024-syria"), [(KGO.value, L(92))], "capture of 92 militants", "Central Command", "Stated"),
    # sentence 6: senior leaders, and the fighters at large (a hedge, no bound the source does not give)
    (fact("senior-leaders-killed-2024"), [(KGO.value, L(8))], "eight senior ISIS leaders", "own words", "Stated"),
    (fact("senior-leaders-captured-2024"), [(KGO.value, L(32))], "32 captured", "own words", "Stated"),
    (
        fact("fighters-at-large-2024"),
        [(KGO.value, L(2500)), (KGO.wording, L("a reported 2,500"))],
        "a reported 2,500",
        "own words",
        "Reported",
    ),
    # sentences 7-8: what Gen. Kurilla said, and the partnership he names
    (
        fact("kurilla-statement-1"),
        [(KGO.speaker, node("person/michael-erik-kurilla"))],
        "The global enduring defeat of ISIS",
        "Kurilla",
        "Stated",
    ),
    (
        fact("partnership-coalition"),
        [(KGO.partner, node("organization/coalition"))],
        "combined efforts of the Coalition",
        "Kurilla",
        "Stated",
    ),
    # sentence 9: CENTCOM has not released its figure (the article says so); AP's suggested figure
    (
        fact("attacks-2023-centcom"),
        [(KGO.reportStatus, KGO.NotReleased), (KGO.reportedBy, node("organization/centcom"))],
        "has not released data",
        "own words",
        "Stated",
    ),
    (
        fact("attacks-2023-ap"),
        [
            (KGO.value, L(120)),
            (KGO.bound, KGO.MoreThan),
            (KGO.reportedBy, node("organization/ap")),
            (KGO.wording, L("just over 120 attacks")),
        ],
        "just over 120 attacks",
        "own words",
        "Suggested",
    ),
    # sentence 10: the campaign, the leaders killed since, Baghdadi, Operation Kayla Mueller, Kayla Mueller
    (
        event("centcom-isis-2024.campaign-against-isis"),
        [
            (KGO.startDate, L("2014", datatype=Y)),
            (KGO.target, node("organization/isis")),
            (KGO.place, node("place/middle-east")),
        ],
        "targeting ISIS in the Middle East since 2014",
        "own words",
        "Stated",
    ),
    (
        fact("leaders-killed-since-2014"),
        [(KGO.quantity, KGO.Several), (KGO.measure, KGO.LeadersKilled), (KGO.period, node("period/2014-2024"))],
        "several of its leaders have been killed in the decade since",
        "own words",
        "Stated",
    ),
    (
        fact("baghdadi-ruler-of-isis"),
        [
            (KGO.ordinal, L(1)),
            (KGO.endDate, L("2019", datatype=Y)),
            (KGO.role, KGO.Ruler),
            (KGO.endedBy, event("killing-of-abu-bakr-al-baghdadi")),
        ],
        "the first ruler of ISIS, was killed",
        "own words",
        "Stated",
    ),
    (
        event("killing-of-abu-bakr-al-baghdadi"),
        [(KGO.victim, node("person/abu-bakr-al-baghdadi")), (KGO.partOf, event("operation-kayla-mueller"))],
        "was killed in a U.S. military operation dubbed Operation Kayla Mueller",
        "own words",
        "Stated",
    ),
    (
        event("operation-kayla-mueller"),
        [
            (KGO.namedInHonourOf, node("person/kayla-mueller")),
            (KGO.conductedBy, node("organization/us-military")),
            (rdflib.RDF.type, KGO.MilitaryOperation),
        ],
        "in honor of the 26-year-old American aid worker",
        "own words",
        "Stated",
    ),
    (
        fact("kayla-mueller-description"),
        [(KGO.age, L(26)), (KGO.nationality, L("American")), (KGO.occupation, L("aid worker"))],
        "26-year-old American aid worker",
        "own words",
        "Stated",
    ),
    (
        event("capture-of-kayla-mueller-2013"),
        [(KGO.date, L("2013", datatype=Y)), (KGO.perpetrator, node("organization/isis"))],
        "captured by the terrorist organization in 2013",
        "own words",
        "Stated",
    ),
    (
        event("captivity-of-kayla-mueller-2013"),
        [(KGO.duration, rdflib.URIRef(event("captivity-of-kayla-mueller-2013") + ".duration.centcom-isis-2024"))],
        "held hostage for two years",
        "own words",
        "Stated",
    ),
    (event("killing-of-kayla-mueller"), [(KGO.date, L("2015", datatype=Y))], "killed in 2015", "own words", "Stated"),
    # sentence 11: the 5th ruler, believed
    (
        fact("abu-hafs-ruler-of-isis"),
        [(KGO.ordinal, L(5)), (KGO.startDate, L("2023", datatype=Y))],
        "believed to be the 5th ruler of ISIS",
        "own words",
        "Believed",
    ),
    (
        fact("kurilla-commander-of-centcom"),
        [(KGO.role, KGO.Commander), (KGO.organization, node("organization/centcom"))],
        "Gen. Michael Erik Kurilla, commander of U.S. Central Command",
        "own words",
        "Stated",
    ),
    # the related headlines: what they state, attributed to them
    (
        fact("headline-death-sentence"),
        [(rdflib.RDF.type, KGO.HeadlineClaim)],
        "IRAQ ISSUES DEATH SENTENCE",
        "related headline",
        "Stated",
    ),
    (
        event("sentencing-of-wife-of-baghdadi"),
        [
            (KGO.victim, node("person/wife-of-baghdadi")),
            (KGO.conductedBy, node("place/iraq")),
            (KGO.penalty, L("death")),
        ],
        "DEATH SENTENCE AGAINST WIFE",
        "related headline",
        "Stated",
    ),
    (
        fact("baghdadis-wife"),
        [(KGO.relation, KGO.Wife), (KGO.relative, node("person/abu-bakr-al-baghdadi"))],
        "WIFE OF LATE ISIS LEADER",
        "related headline",
        "Stated",
    ),
    (
        event("centcom-isis-2024.caliphate-declared"),
        [(KGO.declared, L("caliphate")), (KGO.conductedBy, node("organization/isis"))],
        "DECLARING CALIPHATE",
        "related headline",
        "Stated",
    ),
    (
        fact("official-isis-global-threat"),
        [(KGO.speaker, node("person/us-military-official"))],
        "GLOBAL THREAT",
        "related headline",
        "Stated",
    ),
]


@pytest.mark.parametrize(
    "subject,pairs,quote,who,certainty", REQUIRED, ids=[str(r[0]).rsplit("/", 1)[-1] for r in REQUIRED]
)
def test_required_fact_with_quote(g, built, subject, pairs, quote, who, certainty):
    for p, o in pairs:
        assert (subject, p, o) in g, f"missing {p} {o}"
    found = quotes(g, subject)
    article = (built.articles / "centcom-isis-2024.txt").read_text(encoding="utf-8")
    assert any(quote in exact and exact in article for exact, _, _ in found), found
    assert any(who in label and c == certainty for exact, label, c in found if quote in exact), found


def test_no_bound_the_source_does_not_give(g):
    """A plain number or a hedged one ('a reported 2,500') has no bound; only words give one."""
    bounded = {s for s in g.subjects(KGO.bound, None)}
    assert bounded == {fact("attacks-2023-ap"), fact("attacks-projection-2024")}


def test_labels_keep_the_hedges(g):
    labels = {
        str(g.value(s, rdflib.RDFS.label))
        for s in (fact("abu-hafs-ruler-of-isis"), fact("attacks-2023-ap"), fact("fighters-at-large-2024"))
    }
    assert any("believed to be 5th ruler" in label for label in labels), labels
    assert any("suggested, according to AP" in label for label in labels), labels
    assert any("reported" in label for label in labels), labels


def test_the_missions_have_no_start_the_article_does_not_give(g):
    assert g.value(event("defeat-isis-missions"), KGO.startDate) is None


def test_curated_aliases_are_lookup_only(g):
    isis = node("organization/isis")
    hidden = {str(o) for o in g.objects(isis, rdflib.SKOS.hiddenLabel)}
    assert {"IS", "ISIL", "Daesh"} <= hidden
    assert "Daesh" not in {str(o) for o in g.objects(isis, rdflib.RDFS.label)}


def test_headline_claims_are_not_the_articles_own(g):
    for claim in g.subjects(rdflib.RDF.type, KGO.HeadlineClaim):
        for _quote, who, _ in quotes(g, claim):
            assert who.startswith("related headline"), who


def test_evidence_offsets_and_sentences(g, built):
    article = (built.articles / "centcom-isis-2024.txt").read_text(encoding="utf-8")
    evidence = list(g.subjects(rdflib.RDF.type, KGO.Evidence))
    assert len(evidence) > 50
    for ev in evidence:
        sels = list(g.objects(ev, OA.hasSelector))
        exact = next(g.value(s, OA.exact) for s in sels if g.value(s, OA.exact) is not None)
        start = next(g.value(s, OA.start) for s in sels if g.value(s, OA.start) is not None)
        assert article[int(start) : int(start) + len(exact)] == str(exact)
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
OUTPUTS = (
    "import sys\nfrom pathlib import Path\nfrom kg.export import export_bytes\nfrom kg.pipeline import build_project\n"
    "from kg.project import Project\np = Project(Path(sys.argv[1]))\nassert build_project(p).written\n"
    "out = Path(sys.argv[2])\nout.mkdir()\n"
    "for name in ('kg.ttl', 'kg.trig'):\n    (out / name).write_bytes((p.build / name).read_bytes())\n"
    f"for fmt in {FORMATS!r}:\n    (out / fmt).write_bytes(export_bytes(p, fmt))\n"
)


def outputs_of(tmp_path, name: str, seed: str) -> dict[str, bytes]:
    """Every output of a build of a fresh copy of the bundled data, in its own process."""
    from .conftest import copy_project

    project = copy_project(tmp_path / name)
    out = tmp_path / f"{name}-out"
    subprocess.run(
        [sys.executable, "-c", OUTPUTS, str(project.root), str(out)],
        check=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
    )
    return {p.name: p.read_bytes() for p in out.iterdir()}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seeded")
    return [outputs_of(tmp, f"seed{seed}", seed) for seed in ("0", "1", "12345")]


@pytest.mark.parametrize("output", ("kg.ttl", "kg.trig", *FORMATS))
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
        assert export_bytes(project, fmt) == seeded[0][fmt], fmt


def test_failed_build_keeps_old_output(fresh):
    build_project(fresh)
    before = (fresh.build / "kg.ttl").read_bytes()
    facts = fresh.facts / "centcom-isis-2024.yaml"
    facts.write_text(facts.read_text().replace("quote: in 2019 when Abu Bakr", "quote: in 2018 when Abu Bakr"))
    from kg.errors import LocatedErrors

    with pytest.raises(LocatedErrors) as err:
        build_project(fresh)
    first = next(e for e in err.value.errors if "quote not found" in str(e))
    assert "quote not found" in str(first) and "nearest passage" in str(first)
    assert "in 2019 when Abu Bakr" in str(first)
    assert first.line is not None and first.path.endswith("centcom-isis-2024.yaml")
    assert (fresh.build / "kg.ttl").read_bytes() == before
