"""The public question set (tests/questions.yaml) pins what `kg ask` understands and answers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.ask import ask
from kg.store import open_store

QUESTIONS = yaml.safe_load((Path(__file__).parent / "questions.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store(built):
    return open_store(built)


def test_question_set_is_large_enough():
    assert len(QUESTIONS) >= 80
    assert len({q["q"] for q in QUESTIONS}) == len(QUESTIONS)


@pytest.mark.parametrize("case", QUESTIONS, ids=[c["q"] for c in QUESTIONS])
def test_question(built, store, case):
    answer = ask(case["q"], store, built)
    text = answer.text()
    assert answer.status == case["status"], text
    if "labels" in case:
        assert sorted(a.label for a in answer.answers) == sorted(str(x) for x in case["labels"]), text
    for part in case.get("contains", []):
        assert part in text, text
    if answer.status == "answered":
        assert answer.answers and all(a.evidence for a in answer.answers), "every answer carries evidence"
    if answer.status == "not_understood":
        assert answer.suggestions
