"""tests/projects/multigroup on a real Virtuoso, after the bundled graph's module has loaded and
dropped its graphs there: figures dated by a year, a month or a day, periods asked of them,
and a spread of the project's questions must answer as the local store does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg import query as q
from kg.endpoint import Endpoint
from kg.push import push
from kg.store import open_store

from . import servers
from .test_endpoint import SHARED_PARAMS
from .test_queries import comparable
from .test_stores_virtuoso import ANY_ROW, _bound, drop_kg_graphs, same_answer

pytestmark = pytest.mark.slow

QUESTIONS = [c["q"] for c in yaml.safe_load(
    (Path(__file__).parent / "projects" / "multigroup" / "questions.yaml").read_text(encoding="utf-8"))]
FIGURE_WORDS = ("how many", "how big", "how large", "how strong", "figure")
# every figure question (statistics.rq's periods and optional fields), and every fifth other
ASKED = [x for i, x in enumerate(QUESTIONS) if any(w in x.lower() for w in FIGURE_WORDS) or i % 5 == 0]
FIGURES = [
    {"measure": "fighters", "subject": "Hezbollah"},
    {"measure": "fighters", "subject": "FARC", "from": "1990", "to": "1990"},
    {"measure": "fighters", "from": "2021", "to": "2024-09"},
    {"measure": "people_killed"},
    {"to": "2013"},
    {},
]


@pytest.fixture(scope="module")
def virtuoso(projects, tmp_path_factory):
    server = servers.virtuoso()
    drop_kg_graphs(server)
    project = servers.copy_built(projects["multigroup"], tmp_path_factory.mktemp("virtuoso-mg") / "p")
    push(project, server.url)
    yield server, project
    drop_kg_graphs(server)


def _same_rows(server, project, name: str, params: dict) -> None:
    local = q.run_named(open_store(project), project, name, params).rows
    remote = q.run_named(Endpoint(server.url, 60), project, name, params).rows
    assert comparable(_bound(remote)) == comparable(_bound(local))


@pytest.mark.parametrize("params", FIGURES, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_figures_same_rows(virtuoso, params):
    _same_rows(*virtuoso, "statistics", params)


@pytest.mark.parametrize("name", sorted(set(SHARED_PARAMS) - ANY_ROW))
def test_named_queries_same_rows(virtuoso, name):
    _same_rows(*virtuoso, name, SHARED_PARAMS[name])


@pytest.mark.parametrize("question", ASKED)
def test_questions_same_on_virtuoso(virtuoso, question):
    server, project = virtuoso
    same_answer(question, Endpoint(server.url, 60), project)


def test_distinct_rows_are_not_repeated(virtuoso):
    """Virtuoso 7.2 answers some SELECT DISTINCT queries with rows repeated, once it has
    answered many queries (here after the questions above; not on a fresh server), and not
    every time: events.rq for killings by an actor that also conducted the operation they were
    part of. kg keeps each row once, as every engine that honours DISTINCT gives it."""
    server, project = virtuoso
    params = {"kind": "kgo:Killing", "actor": "Colombian Armed Forces"}
    local = q.run_named(open_store(project), project, "events", params).rows
    assert len(local) == 3
    for _ in range(5):  # the repeats come and go from one run to the next
        remote = q.run_named(Endpoint(server.url, 60), project, "events", params).rows
        assert comparable(_bound(remote)) == comparable(_bound(local))
