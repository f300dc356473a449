"""The question sets pin what `kg ask` answers: tests/questions.yaml on the bundled article,
tests/projects/*/questions.yaml on projects written for the tests. Each question asserts its
status, its answers' labels or words, and that every answer's evidence stands verbatim in
the article it cites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kg import query as q
from kg.ask import ask
from kg.ask.grammar import KILL_VERBS
from kg.project import Project
from kg.store import open_store

HERE = Path(__file__).parent
QUESTIONS = yaml.safe_load((HERE / "questions.yaml").read_text(encoding="utf-8"))
PROJECTS = sorted(p.parent for p in (HERE / "projects").glob("*/questions.yaml"))
PROJECT_QUESTIONS = [(p.name, c) for p in PROJECTS
                     for c in yaml.safe_load((p / "questions.yaml").read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def store(built):
    return open_store(built)


@pytest.fixture(scope="module")
def project_stores(projects):
    """Each test project (built once per session) with its store."""
    return {name: (project, open_store(project)) for name, project in projects.items()}


def articles(project: Project, backend) -> dict[str, str]:
    """Article label -> its text, as the evidence names it."""
    rows = q.run_named(backend, project, "sources", {}).rows
    return {r["label"].value: (project.articles / r["file"].value).read_text(encoding="utf-8") for r in rows}


def check(answer, case, texts):
    text = answer.text()
    assert answer.status == case["status"], text
    if "labels" in case:
        assert sorted(a.label for a in answer.answers) == sorted(str(x) for x in case["labels"]), text
    for part in case.get("contains", []):
        assert part in text, text
    for part in case.get("excludes", []):
        assert part not in text, text
    if answer.status == "answered":
        assert answer.answers, text
        for item in answer.answers:
            assert item.evidence, f"every answer carries evidence: {item.label}"
            for e in item.evidence:
                assert e.quote in texts[e.source], f"quote not in {e.source}: {e.quote}"
        quoted = " ".join(e.quote for a in answer.answers for e in a.evidence) + " " + text
        for number in re.findall(r"\b\d{4}\b", " ".join(case.get("contains", []))):
            assert number in quoted, f"{number} is neither quoted nor stated"
    if answer.status == "not_understood":
        assert answer.suggestions


def test_question_sets_are_large_enough():
    assert len(QUESTIONS) >= 100 and len({c["q"] for c in QUESTIONS}) == len(QUESTIONS)


@pytest.mark.parametrize("case", QUESTIONS, ids=[c["q"] for c in QUESTIONS])
def test_question(built, store, case):
    check(ask(case["q"], store, built), case, articles(built, store))


@pytest.mark.parametrize("name,case", PROJECT_QUESTIONS, ids=[f"{n}: {c['q']}" for n, c in PROJECT_QUESTIONS])
def test_project_question(project_stores, name, case):
    project, backend = project_stores[name]
    check(ask(case["q"], backend, project), case, articles(project, backend))


@pytest.mark.parametrize("words", ["al-Bagdadi", "Qurashy", "Kayla Muller", "Kurila", "Operation Kayla Muler"])
def test_suggestions_come_from_the_word_index(built, store, words):
    """A name that matches nothing is looked up under the first three letters of its rarest
    words (kgo:wordKey: index lookups, whatever the graph's size). Every name of an entity or
    event that a scan of all names finds with such a word is found, and only names of the
    nodes that have one."""
    from kg.ask.link import Linker
    from kg.names import normalize

    def starts(name: str, start: str) -> bool:
        return any(w.startswith(start) for w in normalize(name).split())

    linker = Linker(store, built)
    found: set[str] = set()
    for start in linker._rarest(words):
        rows = q.run_named(store, built, "lookup-labels", {"word": start}).rows
        scanned = {r["name"].value for r in rows if starts(r["name"].value, start)}
        indexed = {r["name"].value for r in q.run_named(store, built, "suggest", {"start": start}).rows}
        nodes = {r["node"].value for r in rows if starts(r["name"].value, start)}
        assert scanned <= indexed
        for name in indexed - scanned:  # another name of a node found
            aliases = q.run_named(store, built, "lookup-labels", {"word": name}).rows
            assert {r["node"].value for r in aliases} & nodes, name
        found |= indexed
    assert found
    assert set(linker.suggest(words)) <= found


def test_word_keys_are_written_for_the_classes_suggest_reads():
    from kg.build import NAMED
    from kg.project import shipped_query

    for name in ("suggest.rq", "lookup-labels.rq"):
        listed = set(re.findall(r"kgo:([A-Z]\w+)", shipped_query(name).split("VALUES ?type")[1].split("}")[0]))
        assert {n.value.split("#")[1] for n in NAMED} == listed, name


def test_a_word_many_names_share_suggests_nothing(built, store, monkeypatch):
    """A word key that finds more than SUGGEST_NODES nodes is not looked up (at 12M triples
    'operation' finds 19,000): the suggestions stay cheap, and 'al-Bagdadi' then gets none."""
    import importlib

    link = importlib.import_module("kg.ask.link")  # the module: kg.ask imports a function named link
    assert link.Linker(store, built).suggest("al-Bagdadi") == ["Abu Bakr al-Baghdadi"]
    monkeypatch.setattr(link, "SUGGEST_NODES", 1)
    assert link.Linker(store, built).suggest("al-Bagdadi") == []


def test_every_family_parse_chooses_has_a_handler():
    """Families are imported when asked (kg.ask.families): every family the parser can
    choose, and the bare-name profile, names a function that exists."""
    from kg.ask.families import HANDLERS, handler
    from kg.ask.parse import FAMILIES

    families = {family for family, _, _ in FAMILIES} | {"profile"}
    assert families == set(HANDLERS)
    for family in families:
        assert callable(handler(family)), family


def test_a_hedge_reads_as_its_certainty_and_an_answer_every_source_hedges_says_so(project_stores):
    project, store = project_stores["benchgold"]
    text = ask("who killed Vincent Otti?", store, project).text()
    assert "reported killing of Vincent Otti" in text and "reportedly killing" not in text, text
    from kg.ask.answer import ANSWERED, Answer, Evidence, Item

    believed = Evidence("X is believed to have abducted Y", "a1", 3, "the article itself", certainty="believed",
                        hedge="is believed to")
    stated = Evidence("X abducted Y", "a2", 1, "the article itself")
    hedged = Answer("who took Y?", ANSWERED, [Item("Y", "urn:y", "captured by X in 2021", [believed])])
    assert hedged.text().splitlines()[0] == "Y — captured by X in 2021 (believed)"
    both = Answer("who took Y?", ANSWERED, [Item("Y", "urn:y", "captured by X in 2021", [believed, stated])])
    assert both.text().splitlines()[0] == "Y — captured by X in 2021"


def test_a_pattern_is_skipped_only_where_it_could_not_match():
    """kg ask compiles a pattern every question tries only when the question holds a string
    each of its matches needs (kg.ask.grammar.NEEDS): over every question of the sets and
    phrasings of each pattern, no match is in a question the gate turns away."""
    from kg.ask import grammar as g
    from kg.ask.parse import parse
    from kg.vocabulary import load

    vocabulary = load()
    questions = [c["q"] for c in QUESTIONS] + [c["q"] for _, c in PROJECT_QUESTIONS]
    questions += ["what is it nowadays", "who was in charge at present", "in the first six months of 2024",
                  "in the last 6 months of 2023", "h1 2022", "by the end of 2019", "mid 2020", "late in 2018",
                  "in the past few weeks", "this decade", "the most recent leader", "how large is it",
                  "what is his real name", "who leads it currently", "has it still", "since 2010"]
    matched = set()
    for question in questions:
        norm = parse(question, vocabulary).norm
        for pattern in g.NEEDS:
            if re.search(pattern, norm):
                matched.add(pattern)
                assert g.could_match(pattern, norm), (pattern, question)
    assert matched == set(g.NEEDS)  # each gate was tried on questions its pattern matches


KILLERS = [f"who {form} Dario Kessel?" for _, past, participle, present in KILL_VERBS
           for form in (past, present, f"has {participle}")]


@pytest.mark.parametrize("question", KILLERS)
def test_every_verb_of_killing_asks_for_the_killer(project_stores, question):
    """The verbs of killing are one class: each, in the past, the present and the perfect,
    names the killer as 'who killed X?' does, never the victim."""
    project, store = project_stores["invented"]
    answer = ask(question, store, project)
    assert answer.status == "answered", answer.text()
    assert [a.label for a in answer.answers] == ["Velmoran special forces"], answer.text()



TAKEN_OVER = (
    "The Varro Front named Ilse Kade as its new commander on Sunday, two weeks after her predecessor, Omar Tesk, "
    "was killed. Tesk had led the Varro Front since 2019. The Varro Front is also holding an aid worker, Lena Bruck, "
    "who was kidnapped in May 2025.\n")
TAKEN_OVER_FACTS = """article: {id: varro, file: varro.txt, published: '2026-11-03', as_of: '2026-11-03'}
entities:
  - {id: varro-front, type: ArmedGroup, name: Varro Front, quote: The Varro Front}
  - {id: ilse-kade, type: Person, name: Ilse Kade, quote: Ilse Kade}
  - {id: omar-tesk, type: Person, name: Omar Tesk, quote: Omar Tesk}
  - {id: lena-bruck, type: Person, name: Lena Bruck, quote: Lena Bruck}
facts:
  - {id: kade, type: leadership, person: ilse-kade, organization: varro-front, role: commander,
     start: '2026-11-01', replaces: omar-tesk, said_by: article, inferred: {start: "'Sunday' before 2026-11-03"},
     quote: 'The Varro Front named Ilse Kade as its new commander on Sunday, two weeks after her predecessor,
       Omar Tesk'}
  - {id: tesk, type: leadership, person: omar-tesk, organization: varro-front, role: leader, start: '2019',
     quote: Tesk had led the Varro Front since 2019, said_by: article}
  - {id: bruck, type: captivity, victim: lena-bruck, perpetrator: [varro-front], start: 2025-05,
     quote: 'Varro Front is also holding an aid worker, Lena Bruck, who was kidnapped in May 2025', said_by: article}
"""


@pytest.fixture(scope="module")
def varro(tmp_path_factory):
    """The bundled data and an article on another group: a command taken over, a captive held."""
    from kg.pipeline import build_project

    from .conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("varro"))
    (project.articles / "varro.txt").write_text(TAKEN_OVER, encoding="utf-8")
    (project.facts / "varro.yaml").write_text(TAKEN_OVER_FACTS, encoding="utf-8")
    assert build_project(project).written
    return project, open_store(project)


def test_a_command_taken_over_from_the_leader_is_the_top_post(varro):
    """"X named Y as its new commander after her predecessor Z", Z its leader: Y leads it now,
    and Z's term the sources leave open is not current."""
    project, store = varro
    now = ask("who leads the Varro Front?", store, project)
    assert [a.label for a in now.answers] == ["Ilse Kade"], now.text()
    assert [a.label for a in ask("who led the Varro Front?", store, project).answers] == ["Omar Tesk", "Ilse Kade"]
    assert [a.label for a in ask("who led the Varro Front in 2020?", store, project).answers] == ["Omar Tesk"]


@pytest.mark.parametrize("question", ["who is the Varro Front holding?", "whom are the Varro Front holding?",
                                      "who does the Varro Front hold?"])
def test_an_organisation_holding_captives_is_their_holder(varro, question):
    # 'is ORG holding': the organisation holds, though 'is' opens a passive elsewhere
    project, store = varro
    answer = ask(question, store, project)
    assert [a.label for a in answer.answers] == ["Lena Bruck"], answer.text()


def test_an_answer_is_the_same_whatever_the_hash_seed(projects):
    """Two days the sources give for one killing were listed in a set's order, which changes
    with PYTHONHASHSEED: one question, two answers."""
    import os
    import subprocess
    import sys

    question = "who led HSF at the time of the killing of Khalid Mansour?"
    answers = set()
    for seed in range(1, 9):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run([sys.executable, "-m", "kg", "--root", str(projects["invented"].root), "ask", question],
                              capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        answers.add(done.stdout)
    assert answers == {"The sources do not say. The sources date the killing of Khalid Mansour differently "
                       "(2015-08-03, 2015-08-04).\n"}


def test_terms_of_one_year_are_ordered_by_their_days():
    # a term ended on 20 October came before one begun on 1 November of the same year, whatever
    # their holders' names
    from pyoxigraph import Literal

    from kg.ask.families.terms import succession_key

    ended = {"orgLabel": Literal("G"), "end": Literal("2026-10-20")}
    begun = {"orgLabel": Literal("G"), "start": Literal("2026-11-01")}
    assert sorted([("Aaron Zeller", begun), ("Zora Abel", ended)], key=lambda p: succession_key(p[1], p[0])) == [
        ("Zora Abel", ended), ("Aaron Zeller", begun)]
