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
