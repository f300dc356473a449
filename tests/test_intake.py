"""More articles: drafting, adding, entity resolution, sources kept apart and their conflicts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.ask import ask
from kg.extract import draft, to_yaml
from kg.facts import load_facts_file
from kg.pipeline import build_project
from kg.store import open_store

BENCH = Path(__file__).resolve().parent.parent / "bench" / "extract"
TUNING, HELDOUT = BENCH / "tuning", BENCH / "heldout"
ARTICLE = Path(__file__).resolve().parent.parent / "data" / "articles" / "centcom-isis-2024.txt"


def test_draft_is_valid_input_with_quotes_at_offsets(tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    drafted = draft("draft-test", text)
    path = tmp_path / "d.yaml"
    path.write_text(to_yaml(drafted), encoding="utf-8")
    ff = load_facts_file(path)
    assert ff.drafts == len(drafted.entities) + len(drafted.facts) + len(drafted.periods) > 25
    assert ff.facts == [] and ff.entities == []  # drafts stay out until reviewed
    for item in [*drafted.entities.values(), *drafted.facts, *drafted.periods.values()]:
        start, end = (int(x) for x in item["offsets"].split("-"))
        first = item["quote"][0] if isinstance(item["quote"], list) else item["quote"]
        assert text[start:end] == first, item
        assert item["draft"] is True


def test_add_links_to_known_entities_and_drafts_stay_out(fresh, run):
    build_project(fresh)
    before = open_store(fresh)
    n_before = len(before)
    del before
    result = run(fresh, "add", str(TUNING / "articles" / "isis-leaders-2023.txt"))
    assert result.exit_code == 0, result.output
    assert "already known: abu-hafs-al-hashimi-al-qurashi" in result.output and "isis" in result.output
    assert (fresh.articles / "isis-leaders-2023.txt").exists()
    outcome = build_project(fresh)
    assert outcome.written, outcome.text()
    store = open_store(fresh)
    assert ask("who was the third leader of ISIS?", store, fresh).status == "not_stated"  # still drafts
    assert len(store) > n_before  # the article itself is in, its drafted facts are not


def test_add_accept_then_answers_resolve_to_one_node(fresh, run):
    result = run(fresh, "add", str(TUNING / "articles" / "isis-leaders-2023.txt"), "--accept")
    assert result.exit_code == 0, result.output
    outcome = build_project(fresh)
    assert outcome.written, outcome.text()
    store = open_store(fresh)
    # accepted drafts answer right, or the sources do not say (drafts whose quotes do not
    # state their values stay drafts): never wrongly
    third = ask("who was the 3rd leader of ISIS?", store, fresh)
    assert third.status == "not_stated" or [a.label for a in third.answers] == ["Abu al-Hasan al-Hashimi al-Qurashi"]
    fifth = ask("who was the fifth ruler of Daesh?", store, fresh)
    # one node for Abu Hafs, whatever the number of articles naming him
    assert {a.iri for a in fifth.answers} == {"https://kg.example/id/person/abu-hafs-al-hashimi-al-qurashi"}
    text = (fresh.facts / "isis-leaders-2023.yaml").read_text(encoding="utf-8")
    assert "kept as a draft: its quote does not state" in text or "draft: true" not in text


def conflicts_with(fresh, run, article: str, text: str, facts: str) -> list[dict]:
    """`kg conflicts --format json` after adding an article and its facts to the project."""
    (fresh.articles / f"{article}.txt").write_text(text)
    header = f"article: {{id: {article}, file: {article}.txt, as_of: 2024}}\n"
    (fresh.facts / f"{article}.yaml").write_text(header + facts)
    outcome = build_project(fresh)
    assert outcome.written, outcome.text()
    result = run(fresh, "conflicts", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_conflicting_sources_are_kept_and_listed(fresh, run):
    rows = conflicts_with(
        fresh, run, "other",
        "A second report said 140 missions against ISIS were carried out in Iraq in 2024, more than CENTCOM counted. "
        "It called Abu Bakr al-Baghdadi the second ruler of ISIS, who was killed in 2018.\n",
        "facts:\n"
        "  - {id: missions-iraq, type: statistic, measure: missions, value: 140, subject: isis,\n"
        "     place: [iraq], period: '2024', quote: 140 missions against ISIS were carried out in Iraq in 2024,"
        " said_by: article}\n"
        "  - {id: baghdadi, type: leadership, person: abu-bakr-al-baghdadi, organization: isis, role: ruler, "
        "ordinal: 2,\n"
        "     quote: It called Abu Bakr al-Baghdadi the second ruler of ISIS, said_by: article}\n"
        "  - {id: baghdadi-killed, type: killing, victim: abu-bakr-al-baghdadi, date: 2018,\n"
        "     quote: 'Abu Bakr al-Baghdadi the second ruler of ISIS, who was killed in 2018', said_by: article}\n")
    kinds = {(r["kind"], r["source_a"], r["source_b"]) for r in rows}
    assert ("statistic", "centcom-isis-2024", "other") in kinds or ("statistic", "other", "centcom-isis-2024") in kinds
    assert any(r["kind"] == "leadership" and r["what"] == "ordinal" for r in rows)
    events = [r for r in rows if r["kind"] == "event"]
    # one row for the pair, named without the date either source put in the event's label
    assert [(r["what"], r["a"], r["b"]) for r in events] == [("killing of Abu Bakr al-Baghdadi: date", "2019", "2018")]
    # one killing, two sources, two dates: both answered, each with its source
    death = ask("when was Baghdadi killed?", open_store(fresh), fresh)
    assert [a.label for a in death.answers] == ["Abu Bakr al-Baghdadi"] and "2018 or 2019" in death.text()
    assert {e.source for a in death.answers for e in a.evidence} == {"centcom-isis-2024", "other"}
    answer = ask("how many missions in Iraq in 2024?", open_store(fresh), fresh)
    assert sorted(a.label for a in answer.answers) == ["137", "140", "the majority"]
    assert {e.source for a in answer.answers for e in a.evidence} == {"centcom-isis-2024", "other"}


def test_an_event_one_source_denies_is_a_conflict(fresh, run):
    rows = conflicts_with(
        fresh, run, "denial",
        "CENTCOM said it had killed Abu Bakr al-Baghdadi in 2019. ISIS denied that Baghdadi was dead.\n",
        "facts:\n"
        "  - {id: killed, type: killing, victim: abu-bakr-al-baghdadi, perpetrator: [centcom], date: 2019,\n"
        "     certainty: claimed, quote: CENTCOM said it had killed Abu Bakr al-Baghdadi in 2019, said_by: centcom}\n"
        "  - {id: denial, type: statement, speaker: isis, text: denied that Baghdadi was dead, denies: killed,\n"
        "     quote: ISIS denied that Baghdadi was dead, said_by: isis}\n")
    denials = [(r["a"], r["source_a"], r["b"], r["source_b"]) for r in rows if r["kind"] == "denial"]
    # every telling of the killing is listed against the denial, each with its teller and source
    assert ("told by U.S. Central Command", "denial",
            'Islamic State denies it: "denied that Baghdadi was dead"', "denial") in denials, rows
    assert ("told by the article", "centcom-isis-2024",
            'Islamic State denies it: "denied that Baghdadi was dead"', "denial") in denials, rows


def test_two_reporters_of_one_article_who_disagree_are_a_conflict(fresh, run):
    rows = conflicts_with(
        fresh, run, "two",
        "CENTCOM said 150 missions against ISIS were carried out in Syria in 2023. "
        "The AP counted 171 missions against ISIS in Syria in 2023.\n",
        "facts:\n"
        "  - {id: centcom-figure, type: statistic, measure: missions, value: 150, subject: isis, place: [syria],\n"
        "     period: '2023', reported_by: centcom, quote: CENTCOM said 150 missions against ISIS were carried out"
        " in Syria in 2023, said_by: centcom}\n"
        "  - {id: ap-figure, type: statistic, measure: missions, value: 171, subject: isis, place: [syria],\n"
        "     period: '2023', reported_by: ap, quote: The AP counted 171 missions against ISIS in Syria in 2023,"
        " said_by: ap}\n")
    pairs = {(r["source_a"], r["source_b"]) for r in rows if r["kind"] == "statistic"}
    assert {("two (AP)", "two (U.S. Central Command)"),
            ("two (U.S. Central Command)", "two (AP)")} & pairs, pairs


def test_name_variants_resolve_and_near_misses_are_flagged():
    known = {"abu-bakr-al-baghdadi": ("Person", "Abu Bakr al-Baghdadi", []),
             "isis": ("ArmedGroup", "Islamic State", ["ISIS", "Daesh"])}
    text = ("Abu Bakr Baghdadi, the first leader of Daesh, was killed in 2019. Baghdadi had no successor named here. "
            "Abu Bakr al-Baghdadiy, the first leader of Daesh, was mentioned by a rival outlet.\n")
    drafted = draft("variants", text, known, check=False)
    leaders = [f for f in drafted.facts if f["type"] == "leadership"]
    assert leaders and all(f["person"] == "abu-bakr-al-baghdadi" and f["organization"] == "isis" for f in leaders[:1])
    assert "abu-bakr-al-baghdadi" in drafted.known
    assert any("looks like known entity" in r for r in drafted.review), drafted.review


@pytest.mark.parametrize("gold", sorted((TUNING / "gold").glob("*.yaml")) + sorted((HELDOUT / "gold").glob("*.yaml")),
                         ids=lambda p: f"{p.parent.parent.name}-{p.stem}")
def test_gold_files_are_true_to_their_articles(tmp_path, gold):
    """The hand-made gold facts build: every quote is in its article and states its values."""
    (tmp_path / "data" / "articles").mkdir(parents=True)
    (tmp_path / "data" / "facts").mkdir()
    shutil.copy(gold.parent.parent / "articles" / f"{gold.stem}.txt", tmp_path / "data" / "articles")
    shutil.copy(gold, tmp_path / "data" / "facts")
    from kg.project import Project

    outcome = build_project(Project(tmp_path))
    assert outcome.written, outcome.text()


@pytest.mark.parametrize("gold", sorted((HELDOUT / "gold").glob("*.yaml")), ids=lambda p: p.stem)
def test_heldout_gold_quotes_stand_in_their_articles(gold):
    from kg import yamlsafe

    text = (HELDOUT / "articles" / f"{gold.stem}.txt").read_text(encoding="utf-8")
    assert 250 <= len(text.split()) <= 600
    data = yamlsafe.load(gold)
    items = [*data["entities"], *data.get("periods", []), *data["facts"]]
    for item in items:
        quotes = item["quote"] if isinstance(item["quote"], list) else [item["quote"]]
        assert all(q in text for q in quotes), item["id"]


def test_extraction_benchmark_runs():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(BENCH.parent / "extract_eval.py")],
                         capture_output=True, text=True, check=True)
    assert "tuning set (24 articles)" in out.stdout and "heldout set (5 articles)" in out.stdout, out.stdout
    for line in out.stdout.splitlines():
        if line.startswith("issue kinds"):
            precision, recall = (float(x) for x in line.split()[2:4])
            assert 0 <= recall <= 1 and 0 <= precision <= 1, line


def test_accepting_every_drafted_article_keeps_the_build_passing(fresh, run):
    """kg add --accept never writes a file that fails the build: all bench articles at once."""
    articles = sorted((TUNING / "articles").glob("*.txt")) + sorted((HELDOUT / "articles").glob("*.txt"))
    for article in articles:
        result = run(fresh, "add", str(article), "--accept")
        assert result.exit_code == 0, result.output
    outcome = build_project(fresh)
    assert outcome.written, outcome.text()
    assert outcome.articles == 1 + len(articles)
    # questions about the held-back articles are answered right or not at all, never wrongly
    from bench.extract_questions import questions, verdict

    store = open_store(fresh)
    verdicts = []
    for gold in sorted((HELDOUT / "gold").glob("*.yaml")):
        for kind, question, right in questions(gold):
            answer = ask(question, store, fresh)
            verdicts.append((verdict(kind, answer, right), question, answer.text()))
    assert [v for v in verdicts if v[0] == "wrong"] == []
    assert any(v[0] == "right" for v in verdicts), "no question about the held-back articles was answered"


@pytest.mark.parametrize("command", ["extract", "add"])
def test_an_article_that_cannot_be_read_is_an_input_error(fresh, run, tmp_path, command):
    """The article is the user's argument: a missing or non-UTF-8 file is exit 2, one line."""
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 attack".encode("latin-1"))
    for path, message in [(tmp_path / "missing.txt", "file not found"),
                          (tmp_path / "latin1.txt", "UTF-8")]:
        result = run(fresh, command, str(path))
        assert result.exit_code == 2 and message in result.output, result.output
        assert result.output.count("\n") == 1 and str(path) in result.output
    assert not list(fresh.facts.glob("missing*")) and not list(fresh.articles.glob("latin1*"))
