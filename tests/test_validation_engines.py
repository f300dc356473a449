"""The fast validation path gives exactly the reference verdict (pySHACL on the whole graph)
on a generated corpus with violations planted on purpose."""

from __future__ import annotations

import pytest

from bench.generate import generate
from kg.build import build_graph
from kg.project import Project
from kg.validate import validate_quads


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    project = Project(generate(tmp_path_factory.mktemp("planted"), articles=4, plant=1, orgs=2))
    return project, build_graph(project).quads


def test_fast_validation_equals_reference(planted):
    project, quads = planted
    reference = validate_quads(quads, project, engine="pyshacl")
    fast = validate_quads(quads, project, engine="turbo")
    assert not reference.conforms
    assert fast.violations == reference.violations
    messages = " | ".join(v.line() for v in reference.violations)
    for planted_rule in ("also held by", "after its holder was killed", "does not fit the total"):
        assert planted_rule in messages, messages


def test_clean_corpus_conforms_on_both(tmp_path):
    project = Project(generate(tmp_path, articles=3, orgs=2))
    quads = build_graph(project).quads
    assert validate_quads(quads, project, engine="turbo").conforms
    assert validate_quads(quads, project, engine="pyshacl").conforms


def test_incremental_build_verdict_equals_reference(planted):
    """kg build's path (cached per-article core shapes + SPARQL shapes over the store) finds
    exactly what pySHACL finds on the whole graph, and writes nothing."""
    from kg.pipeline import build_project

    project, quads = planted
    reference = validate_quads(quads, project, engine="pyshacl")
    outcome = build_project(project)
    assert not outcome.written and not (project.build / "kg.ttl").exists()
    assert outcome.report.violations == reference.violations
    again = build_project(project)  # from the cache: the same verdict
    assert again.rebuilt == 0 and again.report.violations == reference.violations


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
