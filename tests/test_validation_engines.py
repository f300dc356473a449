"""The fast validation path gives exactly the reference verdict (pySHACL on the whole graph)
on a generated corpus with violations planted on purpose, and on ill-typed literals.

pySHACL runs are slow: they are marked `slow` (a default local `pytest` skips them; `.ci/run`
runs them) and each reference verdict is computed once per session."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat

from bench.generate import generate, write_killing_article
from kg.build import build_graph
from kg.project import Project
from kg.store import rdf_bytes
from kg.validate import validate_file, validate_quads


@pytest.fixture(scope="session")
def planted(tmp_path_factory):
    project = Project(generate(tmp_path_factory.mktemp("planted"), articles=4, plant=1, orgs=2))
    return project, build_graph(project).quads


@pytest.fixture(scope="session")
def reference(planted):
    """pySHACL's verdict on the planted corpus, computed once for every test that needs it."""
    project, quads = planted
    return validate_quads(quads, project, engine="pyshacl")


@pytest.mark.slow
def test_fast_validation_equals_reference(planted, reference):
    project, quads = planted
    fast = validate_quads(quads, project, engine="turbo")
    assert not reference.conforms
    assert fast.violations == reference.violations
    messages = " | ".join(v.line() for v in reference.violations)
    for planted_rule in ("also held by", "after its holder was killed", "does not fit the total"):
        assert planted_rule in messages, messages


def test_fast_validation_finds_the_planted_rules(planted):
    project, quads = planted
    messages = " | ".join(v.line() for v in validate_quads(quads, project, engine="turbo").violations)
    for planted_rule in ("also held by", "after its holder was killed", "does not fit the total"):
        assert planted_rule in messages, messages


@pytest.mark.slow
def test_clean_corpus_conforms_on_both(tmp_path):
    project = Project(generate(tmp_path, articles=3, orgs=2))
    quads = build_graph(project).quads
    assert validate_quads(quads, project, engine="turbo").conforms
    assert validate_quads(quads, project, engine="pyshacl").conforms


@pytest.mark.slow
def test_incremental_build_verdict_equals_reference(planted, reference):
    """kg build's path (cached per-article core shapes + SPARQL shapes over the store) finds
    exactly what pySHACL finds on the whole graph, and writes nothing."""
    from dataclasses import replace

    from kg.pipeline import build_project

    def found(report):  # kg's build adds where each item is written; the reference cannot know
        return [replace(v, where="") for v in report.violations]

    project, _ = planted
    outcome = build_project(project)
    assert not outcome.written and not (project.build / "kg.ttl").exists()
    assert found(outcome.report) == reference.violations
    assert all(v.where.startswith("data/facts/") for v in outcome.report.violations if v.severity == "Violation")
    again = build_project(project)  # from the cache: the same verdict
    assert again.rebuilt == 0 and found(again.report) == reference.violations


def test_changed_fact_is_seen_never_stale(tmp_path):
    """Change one fact of a built project: the rebuild picks it up (and only that article)."""
    from kg.pipeline import build_project
    from kg.query import run_named
    from kg.store import open_store

    project = Project(generate(tmp_path, articles=6, orgs=3))
    assert build_project(project).written
    facts = project.facts / "a4.yaml"
    before = {r["age"].value for r in run_named(open_store(project), project, "descriptions", {}).rows}
    old_age = facts.read_text().split("age: ", 1)[1].split(",", 1)[0]
    article = project.articles / "a4.txt"  # the source and its fact change together
    article.write_text(article.read_text().replace(f"a {old_age}-year-old", f"a 1{old_age}-year-old"))
    facts.write_text(facts.read_text().replace("age: ", "age: 1", 1).replace(f"a {old_age}-year-old",
                                                                              f"a 1{old_age}-year-old"))
    outcome = build_project(project)
    assert outcome.written and outcome.rebuilt == 1
    ages = {r["age"].value for r in run_named(open_store(project), project, "descriptions", {}).rows}
    assert f"1{old_age}" in ages and f"1{old_age}" not in before
    assert len(ages) == len(before)  # the old value is gone from the union, not kept beside the new


ILL_TYPED = [
    ("a year that is not one", "kgo:startDate", '"2023x"^^xsd:gYear', 'is not a valid xsd:gYear'),
    ("a number in words", "kgo:ordinal", '"five"^^xsd:integer', 'is not a valid xsd:integer'),
]


@pytest.mark.slow
@pytest.mark.parametrize("what,prop,literal,message", ILL_TYPED, ids=[c[0] for c in ILL_TYPED])
def test_engines_agree_on_ill_typed_literals(built, tmp_path, what, prop, literal, message):
    """`kg validate FILE` reports an ill-typed literal once, the same with each engine,
    and nothing but the report reaches stderr (no rdflib traceback)."""
    ttl = (built.build / "kg.ttl").read_text(encoding="utf-8")
    ttl += f"\nfact:centcom-isis-2024.abu-hafs-ruler-of-isis {prop} {literal} .\n"
    graph = tmp_path / "bad.ttl"
    graph.write_text(ttl, encoding="utf-8")
    reports = {}
    for engine in ("sparql", "turbo", "pyshacl"):
        result = subprocess.run([sys.executable, "-m", "kg", "--root", str(built.root), "validate", str(graph),
                                 "--engine", engine], capture_output=True, text=True)
        assert result.returncode == 1 and result.stderr == "", (engine, result.stderr[-2000:])
        reports[engine] = result.stdout
    assert reports["sparql"] == reports["turbo"] == reports["pyshacl"], reports
    assert reports["turbo"].count(message) == 1, reports["turbo"]


@pytest.mark.parametrize("suffix,fmt", [(".trig", RdfFormat.TRIG), (".ttl", RdfFormat.TURTLE),
                                        (".nq", RdfFormat.N_QUADS), (".rdf", RdfFormat.RDF_XML)])
def test_a_file_read_into_the_store_reports_as_its_quads(planted, tmp_path, suffix, fmt):
    """`kg validate FILE` has Oxigraph read the file into the store (no quad list): the report
    is the one of the same quads validated from memory, with the violations planted, an
    ill-typed literal reported once, and a focus node of two labels named by the first in text
    order, whatever order the file gives them in."""
    project, quads = planted
    violating = NamedNode(validate_quads(quads, project).violations[0].focus)
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    extra = [Quad(violating, label, Literal("Zz second name")), Quad(violating, label, Literal("Aa first name")),
             Quad(violating, NamedNode("https://kg.example/ontology#ordinal"),
                  Literal("five", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))]
    data = quads + extra if fmt.supports_datasets else [Quad(q.subject, q.predicate, q.object) for q in quads + extra]
    path = tmp_path / f"graph{suffix}"
    path.write_bytes(rdf_bytes(data if fmt.supports_datasets else [q.triple for q in data], fmt))
    for engine in ("sparql", "turbo"):
        from_file = validate_file(path, project, engine)
        assert from_file == validate_quads(data, project, engine), engine
        lines = [v.line() for v in from_file.violations]
        assert sum('"five" is not a valid xsd:integer' in line for line in lines) == 1, lines
        assert any(line.startswith("[Violation] Aa first name ") for line in lines), lines


def test_incremental_build_sees_violations_across_articles(tmp_path):
    """An article added or changed can break a rule whose focus node is in another
    article: the in-place update rechecks the nodes it touches and their neighbours."""
    from kg.pipeline import build_project

    project = Project(generate(tmp_path, articles=40, orgs=4))
    assert build_project(project).written
    # a40 kills the holder of a term stated in a3 (start 1984, end 1985) in 1980
    facts = (project.facts / "a3.yaml").read_text()
    holder = facts.split("type: leadership, person: ", 1)[1].split(",", 1)[0]
    name = facts.split(f"{{id: {holder}, type: Person, name: ", 1)[1].split(", quote", 1)[0].strip("'")
    write_killing_article(project.root, "a40", holder, name, 1980)
    outcome = build_project(project)
    assert outcome.rebuilt == 1  # two sources disagree: a warning on a3's term, found from a40
    assert any("its holder was killed in 1980" in v.message for v in outcome.report.violations), \
        [v.line() for v in outcome.report.violations]
    (project.facts / "a40.yaml").write_text((project.facts / "a40.yaml").read_text().replace("date: 1980", "date: 1990")
                                            .replace("killed in 1980'", "killed in 1990'"))
    (project.articles / "a40.txt").write_text(f"{name} was killed in 1990.\n")
    again = build_project(project)  # a death after the term is fine
    assert again.written and not any("killed in" in v.message for v in again.report.violations)
