"""The model under inference: an OWL 2 RL closure (owlrl) of kg's ontology, the standard
vocabularies' axioms and the built graph must not derive what the sources do not say.
And one real event stays one node however many articles report it."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import owlrl
import pytest
import rdflib
from owlrl.Namespaces import ERRNS
from rdflib import OWL, RDF, Namespace

from kg.pipeline import build_project
from kg.project import Project

KGO = Namespace("https://kg.example/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
QB = Namespace("http://purl.org/linked-data/cube#")
OA = Namespace("http://www.w3.org/ns/oa#")
HERE = Path(__file__).parent


def close(g: rdflib.Graph) -> rdflib.Graph:
    """The graph with the standard vocabularies' axioms, closed under OWL 2 RL (in place)."""
    g.parse(HERE / "vocab" / "standard-axioms.ttl", format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


@pytest.fixture(scope="module")
def closure(built) -> rdflib.Graph:
    return close(rdflib.Graph().parse(built.build / "kg.ttl", format="turtle"))


def typed(g: rdflib.Graph, cls) -> set:
    return set(g.subjects(RDF.type, cls))


def inconsistencies(g: rdflib.Graph) -> list[str]:
    """What a closure found contradictory: owlrl types some things owl:Nothing and reports the
    rest (two disjoint classes of one node, a literal of the wrong datatype) as messages."""
    return sorted(str(m) for m in g.objects(None, ERRNS.error)) + [str(s) for s in typed(g, OWL.Nothing)]


def test_closure_is_consistent(closure):
    assert not inconsistencies(closure)


def test_inconsistency_is_caught(built):
    """The check above can fail: a period that is also an instant contradicts OWL-Time."""
    g = rdflib.Graph().parse(built.build / "kg.ttl", format="turtle")
    period = next(iter(typed(g, KGO.Period)))
    g.add((period, RDF.type, TIME.Instant))
    assert any("disjoint" in m.lower() and str(period) in m for m in inconsistencies(close(g)))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["invented", "multigroup", "benchgold"])
def test_every_project_closes_without_absurd_types(projects, name):
    """Each test project's graph, closed with the standard vocabularies: consistent, no figure
    an event, no person, place or organisation derived from a quote or typed as another kind."""
    g = close(rdflib.Graph().parse(projects[name].build / "kg.ttl", format="turtle"))
    assert not inconsistencies(g)
    assert not typed(g, KGO.Statistic) & (typed(g, SEM.Event) | typed(g, SCHEMA.Event))
    people, orgs = typed(g, KGO.Person), typed(g, KGO.Organization)
    places = typed(g, KGO.Place) - typed(g, KGO.Country)  # a country is a place and an actor
    assert people and orgs and places
    assert not people & (orgs | places) and not orgs & places
    assert not (people | orgs | places) & (typed(g, PROV.Entity) | typed(g, TIME.TemporalEntity))
    assert not places & typed(g, PROV.Agent)


def test_no_statistic_is_an_event(closure):
    stats = typed(closure, KGO.Statistic)
    assert stats
    for event_class in (SEM.Event, SCHEMA.Event, KGO.Event):
        assert not stats & typed(closure, event_class), event_class


def test_no_entity_derives_from_a_quote(closure):
    entities = typed(closure, KGO.Person) | typed(closure, KGO.Organization) | typed(closure, KGO.Place) \
        | typed(closure, KGO.Period)
    assert entities
    derived = set(closure.subjects(PROV.wasDerivedFrom, None))
    assert not entities & derived
    assert not entities & typed(closure, PROV.Entity)
    assert not entities & typed(closure, SEM.Event)


def test_no_derivation_cycle(closure):
    edges = nx.DiGraph((s, o) for s, o in closure.subject_objects(PROV.wasDerivedFrom) if s != o)
    assert not list(nx.simple_cycles(edges))
    assert not [s for s, o in closure.subject_objects(PROV.wasDerivedFrom) if s == o]


def test_every_observation_has_a_data_set_with_a_structure(closure):
    observations = typed(closure, QB.Observation)
    assert observations
    for obs in observations:
        datasets = set(closure.objects(obs, QB.dataSet))
        assert len(datasets) == 1, obs
        assert len(set(closure.objects(next(iter(datasets)), QB.structure))) == 1


def test_every_membership_has_its_interval(closure):
    memberships = typed(closure, ORG.Membership)
    assert memberships
    for m in memberships:
        (interval,) = closure.objects(m, ORG.memberDuring)
        for prop, date in ((TIME.hasBeginning, KGO.startDate), (TIME.hasEnd, KGO.endDate)):
            assert bool(list(closure.objects(interval, prop))) == bool(list(closure.objects(m, date))), (m, prop)


def test_every_proper_interval_has_its_ends(closure):
    periods = typed(closure, TIME.ProperInterval)
    assert periods
    for p in periods:
        assert list(closure.objects(p, TIME.hasBeginning)) and list(closure.objects(p, TIME.hasEnd)), p


def test_evidence_is_the_only_thing_quoted(closure):
    quoted = set(closure.subjects(PROV.wasQuotedFrom, None))
    assert quoted and quoted <= typed(closure, KGO.Evidence)


SECOND = """\
The leader of the Islamic State, Abu Bakr al-Baghdadi, was killed in 2019 during a raid by \
U.S. special forces in northwestern Syria, officials said.
"""
SECOND_FACTS = """\
article: {id: second, file: second.txt, as_of: 2019, as_of_quote: killed in 2019}
entities:
  - {id: us-special-forces, type: ArmedForce, name: U.S. special forces, quote: U.S. special forces}
facts:
  - id: baghdadi-killed
    type: killing
    victim: abu-bakr-al-baghdadi
    date: 2019
    place: [syria]
    perpetrator: [us-special-forces]
    quote: Abu Bakr al-Baghdadi, was killed in 2019 during a raid by U.S. special forces in northwestern Syria
    said_by: article
"""


@pytest.fixture(scope="module")
def plain(built) -> rdflib.Graph:
    """The built graph as exported, without inference."""
    return rdflib.Graph().parse(built.build / "kg.ttl", format="turtle")


def test_skos_labels_are_pairwise_disjoint(plain):
    """SKOS S13: a concept's preferred, alternative and hidden labels are pairwise disjoint."""
    skos = rdflib.SKOS
    clashes = [(c, label) for c, label in plain.subject_objects(skos.prefLabel)
               for p in (skos.altLabel, skos.hiddenLabel) if (c, p, label) in plain]
    clashes += [(c, label) for c, label in plain.subject_objects(skos.altLabel)
                if (c, skos.hiddenLabel, label) in plain]
    assert not clashes


def test_code_list_values_are_concepts_without_inference(plain):
    """RDF Data Cube IC-19: each value of a dimension with a code list is a skos:Concept in it,
    stated, not only inferred (the checks run without RDFS inference)."""
    query = """
        PREFIX qb: <http://purl.org/linked-data/cube#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?obs ?dim ?v WHERE {
          ?obs qb:dataSet/qb:structure/qb:component/qb:dimension ?dim .
          ?dim qb:codeList ?list . ?list a skos:ConceptScheme . ?obs ?dim ?v .
          FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list } }"""
    dims = list(plain.query("PREFIX qb: <http://purl.org/linked-data/cube#> "
                            "SELECT ?d WHERE { ?d qb:codeList ?l }"))
    assert dims, "the data structure names a code list"
    assert not list(plain.query(query))


def test_one_event_for_two_articles(tmp_path):
    repo = Path(__file__).resolve().parent.parent
    shutil.copytree(repo / "data", tmp_path / "data")
    (tmp_path / "data" / "articles" / "second.txt").write_text(SECOND, encoding="utf-8")
    (tmp_path / "data" / "facts" / "second.yaml").write_text(SECOND_FACTS, encoding="utf-8")
    project = Project(tmp_path)
    outcome = build_project(project)
    assert outcome.report.conforms, outcome.text()
    g = rdflib.Dataset(default_union=True)
    g.parse(tmp_path / "build" / "kg.trig", format="trig")
    victim = rdflib.URIRef("https://kg.example/id/person/abu-bakr-al-baghdadi")
    killings = {s for s in g.subjects(KGO.victim, victim) if (s, RDF.type, KGO.Killing) in g}
    assert len(killings) == 1
    (killing,) = killings
    sources = {o for o in g.objects(killing, KGO.statedIn)}
    assert len(sources) == 2
    evidence = set(g.objects(killing, KGO.evidence))
    assert {next(g.objects(e, OA.hasSource)) for e in evidence} == sources


RAIDS = """\
The Velmoran army said its troops killed 30 fighters of the Marsh Front in Braska in 2024 \
during Operation Dawn.
In a second raid, Operation Dusk, the army killed 12 fighters of the Marsh Front in Braska in \
2024, the army said.
"""
RAIDS_FACTS = """\
article: {id: raids-2024, file: raids-2024.txt, as_of: 2024, as_of_quote: in 2024}
entities:
  - {id: army, type: ArmedForce, name: Velmoran army, quote: The Velmoran army}
  - {id: front, type: ArmedGroup, name: Marsh Front, quote: the Marsh Front}
  - {id: braska, type: City, name: Braska, quote: in Braska}
periods:
  - {id: "2024", name: "2024", start: 2024, end: 2024, quote: in Braska in 2024}
facts:
  - {id: op-dawn, type: operation, name: Operation Dawn, conducted_by: [army], place: [braska], date: 2024,
     quote: "troops killed 30 fighters of the Marsh Front in Braska in 2024 during Operation Dawn",
     said_by: army, inferred: {conducted_by: "'its troops' are the army's"}}
  - {id: op-dusk, type: operation, name: Operation Dusk, conducted_by: [army], place: [braska], date: 2024,
     quote: "Operation Dusk, the army killed 12 fighters of the Marsh Front in Braska in 2024, the army said",
     said_by: army, inferred: {conducted_by: "the army is the Velmoran army"}}
  - {id: killed-dawn, type: statistic, measure: operatives_killed, value: 30, subject: front, place: [braska],
     period: "2024", context: op-dawn, reported_by: army, said_by: army,
     quote: ["The Velmoran army said its troops killed 30 fighters",
             "of the Marsh Front in Braska in 2024 during Operation Dawn"]}
  - {id: killed-dusk, type: statistic, measure: operatives_killed, value: 12, subject: front, place: [braska],
     period: "2024", context: op-dusk, reported_by: army, said_by: army,
     quote: "Operation Dusk, the army killed 12 fighters of the Marsh Front in Braska in 2024, the army said",
     inferred: {reported_by: "the army is the Velmoran army"}}
"""
# RDF Data Cube IC-12 (no duplicate observations) and IC-11 (every dimension given), as the
# specification writes them, over the structures the ontology declares
IC_12 = """
    PREFIX qb: <http://purl.org/linked-data/cube#>
    SELECT ?a ?b WHERE { ?a qb:dataSet ?ds . ?b qb:dataSet ?ds . FILTER (STR(?a) < STR(?b))
      FILTER NOT EXISTS { ?ds qb:structure/qb:component/qb:dimension ?dim . ?a ?dim ?va . ?b ?dim ?vb
                          FILTER (?va != ?vb) } }"""
IC_11 = """
    PREFIX qb: <http://purl.org/linked-data/cube#>
    SELECT ?obs ?dim WHERE { ?obs qb:dataSet/qb:structure/qb:component/qb:dimension ?dim .
      FILTER NOT EXISTS { ?obs ?dim ?v } }"""


def test_two_operations_figures_are_two_observations(tmp_path):
    """Two operations' figures that agree on measure, period, area, group and reporter: the
    build takes both (the operation tells them apart), and the Data Cube holds them as two
    observations of a structure with the operation as a dimension."""
    (tmp_path / "data" / "articles").mkdir(parents=True)
    (tmp_path / "data" / "facts").mkdir()
    (tmp_path / "data" / "articles" / "raids-2024.txt").write_text(RAIDS, encoding="utf-8")
    (tmp_path / "data" / "facts" / "raids-2024.yaml").write_text(RAIDS_FACTS, encoding="utf-8")
    outcome = build_project(Project(tmp_path))
    assert outcome.report.conforms, outcome.text()
    g = rdflib.Graph().parse(tmp_path / "build" / "kg.ttl", format="turtle")
    assert len(typed(g, QB.Observation)) == 2
    assert not list(g.query(IC_12)) and not list(g.query(IC_11))


def test_data_cube_integrity(plain):
    """IC-11 and IC-12 on the bundled graph, whose figures are of operations and not."""
    assert len(set(plain.objects(None, QB.dataSet))) == 2
    assert not list(plain.query(IC_12)) and not list(plain.query(IC_11))
