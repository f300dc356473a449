"""Every SHACL rule in ontology/shapes.ttl: the bundled graph conforms (good), and a graph
broken on purpose for each rule fails with that rule's message (bad)."""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, Store, parse

from kg.validate import validate_quads

PREFIXES = """
PREFIX kgo: <https://kg.example/ontology#>
PREFIX fact: <https://kg.example/id/fact/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX kg: <https://kg.example/id/>
PREFIX ev: <https://kg.example/id/event/>
"""
T = "fact:centcom-isis-2024."
E = "ev:"


@pytest.fixture(scope="module")
def quads(built):
    return list(parse(path=str(built.build / "kg.trig"), format=RdfFormat.TRIG))


def broken(quads, update: str):
    store = Store()
    store.extend(quads)
    store.update(PREFIXES + update.replace("T:", T).replace("E:", E))
    return list(store.quads_for_pattern(None, None, None))


@pytest.mark.parametrize("engine", [pytest.param("pyshacl", marks=pytest.mark.slow), "turbo"])
def test_bundled_graph_conforms(quads, built, engine):
    report = validate_quads(quads, built, engine=engine)
    assert report.conforms, [v.line() for v in report.violations]


CASES = [
    (
        "fact without evidence",
        "DELETE WHERE { GRAPH ?g { T:baghdadi-ruler-of-isis kgo:evidence ?e } }",
        "Baghdadi: 1st ruler",
        "a fact needs evidence",
    ),
    (
        "quote not at its offsets",
        'DELETE { GRAPH ?g { ?q oa:exact ?x } } INSERT { GRAPH ?g { ?q oa:exact "was killed in 2016" } } '
        "WHERE { GRAPH ?g { E:killing-of-kayla-mueller kgo:evidence ?e . ?e oa:hasSelector ?q . ?q oa:exact ?x } }",
        "evidence:",
        "does not occur at offsets",
    ),
    (
        "end before start",
        'INSERT { GRAPH ?g { T:abu-hafs-ruler-of-isis kgo:endDate "2020"^^xsd:gYear } } '
        "WHERE { GRAPH ?g { T:abu-hafs-ruler-of-isis a ?c } }",
        "Abu Hafs",
        "ends (2020) before it starts (2023)",
    ),
    (
        "role held after death",
        "DELETE { GRAPH ?g { T:baghdadi-ruler-of-isis kgo:endDate ?d } } "
        'INSERT { GRAPH ?g { T:baghdadi-ruler-of-isis kgo:endDate "2021"^^xsd:gYear } } '
        "WHERE { GRAPH ?g { T:baghdadi-ruler-of-isis kgo:endDate ?d } }",
        "Baghdadi: 1st ruler",
        "ends in 2021, after its holder was killed in 2019",
    ),
    (
        "ordinal not unique",
        "DELETE { GRAPH ?g { T:abu-hafs-ruler-of-isis kgo:ordinal ?o } } "
        "INSERT { GRAPH ?g { T:abu-hafs-ruler-of-isis kgo:ordinal 1 } } "
        "WHERE { GRAPH ?g { T:abu-hafs-ruler-of-isis kgo:ordinal ?o } }",
        "Abu Hafs",
        "ordinal 1 of this role is also held by Abu Bakr al-Baghdadi",
    ),
    (
        "parts do not sum to the total",
        "DELETE { GRAPH ?g { T:missions-2024-iraq kgo:value ?v } } "
        "INSERT { GRAPH ?g { T:missions-2024-iraq kgo:value 138 } } "
        "WHERE { GRAPH ?g { T:missions-2024-iraq kgo:value ?v } }",
        "missions against Islamic State in Iraq and Syria, 2024",
        "add up to 197, which does not fit the total 196",
    ),
    (
        "date with no precision datatype",
        "DELETE { GRAPH ?g { E:killing-of-kayla-mueller kgo:date ?d } } "
        'INSERT { GRAPH ?g { E:killing-of-kayla-mueller kgo:date "2015" } } '
        "WHERE { GRAPH ?g { E:killing-of-kayla-mueller kgo:date ?d } }",
        "killing of Kayla Mueller",
        "a date is a year, a year-month or a day",
    ),
    (
        "two holders",
        "INSERT { GRAPH ?g { T:abu-hafs-ruler-of-isis kgo:holder <https://kg.example/id/person/kayla-mueller> } } "
        "WHERE { GRAPH ?g { T:abu-hafs-ruler-of-isis a ?c } }",
        "Abu Hafs",
        "exactly one holder",
    ),
    (
        "ordinal not a number",
        "DELETE { GRAPH ?g { T:abu-hafs-ruler-of-isis kgo:ordinal ?o } } "
        'INSERT { GRAPH ?g { T:abu-hafs-ruler-of-isis kgo:ordinal "fifth" } } '
        "WHERE { GRAPH ?g { T:abu-hafs-ruler-of-isis kgo:ordinal ?o } }",
        "Abu Hafs",
        "an ordinal is a whole number from 1",
    ),
    (
        "statistic without value or status",
        "DELETE WHERE { GRAPH ?g { T:killed-2024-iraq kgo:value ?v } }",
        "operatives killed in Iraq",
        "a statistic has one of: a value, a range",
    ),
    (
        "killing without victim",
        "DELETE WHERE { GRAPH ?g { E:killing-of-kayla-mueller kgo:victim ?v } }",
        "killing of Kayla Mueller",
        "exactly one victim",
    ),
    (
        "evidence without sentence or headline",
        "DELETE WHERE { GRAPH ?g { ?e kgo:sentence ?n } }",
        "evidence:",
        "in exactly one sentence or one related headline",
    ),
    (
        "statistic with no period",
        "DELETE WHERE { GRAPH ?g { T:missions-2024 kgo:period ?p } }",
        "missions against Islamic State in Iraq and Syria",
        "exactly one period",
    ),
    (
        "observation without its data set",
        "DELETE WHERE { GRAPH ?g { T:missions-2024 <http://purl.org/linked-data/cube#dataSet> ?d } }",
        "missions against Islamic State in Iraq and Syria",
        "belongs to exactly one data set",
    ),
    (
        "two figures with the same dimensions",
        "INSERT { GRAPH ?g { T:missions-2024-iraq kgo:area <https://kg.example/id/area/iraq.syria> } } "
        "WHERE { GRAPH ?g { T:missions-2024-iraq a ?c } }",
        "missions against Islamic State",
        "same measure, period, area, subject, reporter and operation",
    ),
    (
        "statistic with places instead of one area",
        "INSERT { GRAPH ?g { T:missions-2024 kgo:place <https://kg.example/id/place/iraq> } } "
        "WHERE { GRAPH ?g { T:missions-2024 a ?c } }",
        "missions against Islamic State in Iraq and Syria",
        "one kgo:area",
    ),
    (
        "figure part of an event",
        "INSERT { GRAPH ?g { T:killed-2024 kgo:partOf E:defeat-isis-missions } } "
        "WHERE { GRAPH ?g { T:killed-2024 a ?c } }",
        "operatives killed in Iraq and Syria",
        "its total is kgo:breakdownOf",
    ),
    (
        "evidence without certainty",
        "DELETE WHERE { GRAPH ?g { ?e kgo:certainty ?c } }",
        "evidence:",
        "exactly one certainty",
    ),
    (
        "membership without its interval",
        "DELETE WHERE { GRAPH ?g { T:abu-hafs-ruler-of-isis <http://www.w3.org/ns/org#memberDuring> ?i } }",
        "Abu Hafs",
        "exactly one interval",
    ),
    (
        "article without its text",
        "DELETE { GRAPH ?g { ?a kgo:text ?t } } WHERE { GRAPH ?g { ?a kgo:text ?t ; a kgo:Article } }",
        "centcom-isis-2024",
        "exactly one full text",
    ),
]


def reports_rule(report, node: str, message: str) -> bool:
    return any(node in v.node and message in v.message for v in report.violations) or any(
        node in v.node and message.lower() in v.line().lower() for v in report.violations
    )


@pytest.mark.parametrize("what,update,node,message", CASES, ids=[c[0] for c in CASES])
def test_rule_breaks(quads, built, what, update, node, message):
    """The fast engine reports the rule's message."""
    report = validate_quads(broken(quads, update), built, engine="turbo")
    assert not report.conforms and reports_rule(report, node, message), [v.line() for v in report.violations]


@pytest.mark.slow
@pytest.mark.parametrize("what,update,node,message", CASES, ids=[c[0] for c in CASES])
def test_rule_breaks_as_the_reference_says(quads, built, what, update, node, message):
    """pySHACL (the reference) reports the rule's message; the fast engine reports exactly
    the same violations."""
    data = broken(quads, update)
    report = validate_quads(data, built, engine="pyshacl")
    fast = validate_quads(data, built, engine="turbo")
    assert fast.violations == report.violations
    assert not report.conforms
    lines = [v.line() for v in report.violations]
    assert any(node in v.node and message in v.message for v in report.violations) or any(
        node in v.node and message.lower() in v.line().lower() for v in report.violations
    ), lines
