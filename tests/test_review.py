"""kg review (each drafted item beside its sentence, what the draft missed, accept/reject),
kg add --force, and draft files that stay valid YAML whatever the names in them."""

from __future__ import annotations

import os

import pytest

from kg import yamlsafe
from kg.extract import to_yaml
from kg.extract.context import Draft
from kg.facts import load_facts_file
from kg.pipeline import build_project

ARTICLE = ("Karim Haddad, the leader of the Northern Liberation Front, was killed in 2019.\n"
           "The weather was mild that spring.\n")


@pytest.fixture()
def drafted(fresh, run, tmp_path):
    path = tmp_path / "haddad-2019.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run(fresh, "add", str(path))
    assert result.exit_code == 0, result.output
    return fresh, fresh.facts / "haddad-2019.yaml"


def ids(path, drafts: bool) -> set[str]:
    data = yamlsafe.load(path)
    return {str(i["id"]) for s in ("entities", "periods", "facts") for i in data.get(s) or []
            if (str(i.get("draft")) == "true") == drafts}


def test_review_shows_items_beside_their_sentences_and_what_was_missed(drafted, run):
    project, facts = drafted
    result = run(project, "review", str(facts))
    assert result.exit_code == 0, result.output
    assert "sentence: Karim Haddad, the leader of the Northern Liberation Front, was killed in 2019." in result.output
    assert "what the draft may have missed" in result.output and "- The weather was mild that spring." in result.output


def test_accept_and_reject_by_id_then_the_build_passes(drafted, run):
    project, facts = drafted
    drafts = ids(facts, True)
    killing = next(i for i in drafts if i.startswith("killing"))
    term = next(i for i in drafts if i.startswith("leadership"))  # ended by the killing: goes with it
    result = run(project, "review", str(facts), "--accept", "all", "--reject", killing)
    assert result.exit_code == 0, result.output
    assert f"rejected 2 ({killing}, {term})" in result.output or f"rejected 2 ({term}, {killing})" in result.output
    assert ids(facts, True) == set() and ids(facts, False) == drafts - {killing, term}
    outcome = build_project(project)
    assert outcome.written, outcome.text()


def test_offsets_of_thousands_of_digits_are_no_offsets_to_review(drafted, run):
    # int() refuses more than 4,300 digits: the review was a ValueError traceback
    project, facts = drafted
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("offsets: 0-", f"offsets: 0{'9' * 5000}-", 1), encoding="utf-8")
    assert facts.read_text(encoding="utf-8") != text
    result = run(project, "review", str(facts))
    assert result.exit_code == 0, result.output
    assert "sentence: Karim Haddad, the leader of the Northern Liberation Front, was killed in 2019." in result.output


def test_an_article_file_name_with_a_nul_is_refused_by_review(drafted, run):
    # a YAML escape ("x\0.txt") puts a NUL in the name: os.stat() raised ValueError, a traceback
    project, facts = drafted
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("  file: haddad-2019.txt", '  file: "haddad\\0.txt"', 1), encoding="utf-8")
    assert facts.read_text(encoding="utf-8") != text
    result = run(project, "review", str(facts))
    assert result.exit_code == 2, result.output
    assert "haddad\\x00.txt holds a NUL character (U+0000), which no file name can" in result.output


def test_a_review_that_changes_nothing_does_not_touch_the_file(fresh, run):
    """`--accept all` on a file with no drafts rewrote it unchanged: its new time made
    kg ask say data/ had changed since the last build."""
    facts = fresh.facts / "centcom-isis-2024.yaml"
    os.utime(facts, ns=(1_000_000_000, 1_000_000_000))
    result = run(fresh, "review", str(facts), "--accept", "all")
    assert result.exit_code == 0 and "accepted 0, rejected 0" in result.output, result.output
    assert facts.stat().st_mtime_ns == 1_000_000_000


def test_review_never_writes_through_a_link_beside_the_facts_file(drafted, run, tmp_path):
    """The candidate file review loads before it writes was `.NAME.review`, opened by name:
    a link of that name beside the facts file had its target overwritten."""
    project, facts = drafted
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (facts.parent / f".{facts.name}.review").symlink_to(victim)
    result = run(project, "review", str(facts), "--accept", "all")
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "precious" and ids(facts, True) == set()


def test_review_refuses_unknown_ids_and_leaves_the_file(drafted, run):
    project, facts = drafted
    before = facts.read_bytes()
    result = run(project, "review", str(facts), "--accept", "no-such-item")
    assert result.exit_code == 2 and "no item with id no-such-item" in result.output
    assert facts.read_bytes() == before


def test_review_changes_drafts_only_and_never_leaves_a_draft_an_accepted_item_needs(drafted, run):
    """Rejecting a curated item (and what refers to it) would delete facts someone checked;
    accepting a fact that refers to a draft left pending would write a file the build refuses;
    an id both accepted and rejected is a contradiction. Each is refused and the file kept."""
    project, facts = drafted
    curated = project.facts / "centcom-isis-2024.yaml"
    kept = curated.read_bytes()
    result = run(project, "review", str(curated), "--reject", "isis")
    assert result.exit_code == 2 and "isis is not a draft" in result.output, result.output
    assert curated.read_bytes() == kept

    before = facts.read_bytes()
    drafts = ids(facts, True)
    killing = next(i for i in drafts if i.startswith("killing"))
    term = next(i for i in drafts if i.startswith("leadership"))  # its end is the killing
    others = [a for i in sorted(drafts - {killing}) for a in ("--accept", i)]
    result = run(project, "review", str(facts), *others)
    assert result.exit_code == 2 and f"'{term}' refers to the draft '{killing}'" in result.output, result.output
    result = run(project, "review", str(facts), "--accept", killing, "--reject", killing)
    assert result.exit_code == 2 and "both accepted and rejected" in result.output
    assert facts.read_bytes() == before
    result = run(project, "review", str(facts), *others, "--accept", killing)
    assert result.exit_code == 0, result.output
    assert build_project(project).written


def test_review_refuses_an_item_whose_quote_the_article_lacks(drafted, run):
    """Accepting it would write a file the next build refuses: the file is left as it was."""
    project, facts = drafted
    text = facts.read_text(encoding="utf-8")
    assert "Karim Haddad, the leader" in text
    facts.write_text(text.replace("Karim Haddad, the leader", "Karim Hadad, the leader", 1), encoding="utf-8")
    before = facts.read_bytes()
    result = run(project, "review", str(facts), "--accept", "all")
    assert result.exit_code == 2 and "is not in the article" in result.output, result.output
    assert facts.read_bytes() == before


def test_adding_an_article_again_says_so_and_force_redrafts(drafted, run, tmp_path):
    project, facts = drafted
    path = tmp_path / "haddad-2019.txt"
    again = run(project, "add", str(path))
    assert again.exit_code == 2 and "was added before" in again.output and "--force" in again.output
    forced = run(project, "add", str(path), "--force", "--accept")
    assert forced.exit_code == 0, forced.output
    assert load_facts_file(facts).facts  # accepted this time


def test_a_review_note_with_a_newline_inside_a_name_keeps_the_file_valid(tmp_path):
    """Issue 14: a drafted `# REVIEW:` comment split by a newline inside a name broke the file."""
    draft = Draft({"id": "a", "file": "a.txt"})
    draft.review.append("'Abu\nBakr: [x' looks like known entity 'isis': merge by using that id")
    draft.dropped.append("odd\r\nname: its quote is not in the article")
    text = to_yaml(draft)
    assert all(line.startswith("#") or not line.startswith(("Bakr", "name")) for line in text.splitlines())
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_facts_file(path).article.id == "a"
