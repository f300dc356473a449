"""Leadership and statistics in styles other than the benchmark's (a timeline, a live blog, a
ministry communique, a question-and-answer explainer), on invented groups, people and places:
each test names the class of construction it checks, and what must not be drafted."""

from __future__ import annotations

from kg.extract import draft


def facts(text: str, kind: str) -> list[dict]:
    return [f for f in draft("t", text, check=False).facts if f["type"] == kind]


def stats(text: str) -> dict[int, dict]:
    return {int(f.get("value", f.get("min", 0))): f for f in facts(text, "statistic")}


def terms(text: str) -> dict[tuple[str, str], dict]:
    return {(f["person"], f["role"]): f for f in facts(text, "leadership")}


# --- statistics -------------------------------------------------------------------------------

TALLY = ("The Red Delta Militia is an armed group in the delta. According to a count by the Delta Rights "
         "Commission, the Red Delta Militia killed 512 people between 2015 and 2021, injured more than 1,300 "
         "and kidnapped 74. In 2022 the militia killed more than 300 civilians and abducted at least 45.")


def test_counts_that_share_the_first_counts_people_verb_by_verb():
    found = stats(TALLY)
    assert (found[1300]["measure"], found[1300]["bound"], found[1300]["period"]) == ("people_wounded", "more_than",
                                                                                    "2015_2021")
    assert (found[74]["measure"], found[74]["period"]) == ("people_abducted", "2015_2021")
    assert (found[45]["measure"], found[45]["bound"], found[45]["period"]) == ("people_abducted", "at_least", "2022")
    assert all(f["subject"] == "red-delta-militia" for f in found.values())


def test_a_documents_author_after_by_the_reports_every_count_of_the_sentence():
    found = stats(TALLY)
    assert {found[n].get("reported_by") for n in (512, 1300, 74)} == {"delta-rights-commission"}
    assert "reported_by" not in found[300] and "review" not in found[300]


def test_an_ellipsis_needs_an_event_verb():
    found = stats("The Red Delta Militia killed 40 people in 2019, and in 2020 it had 900 fighters and 12.")
    assert 12 not in found


def test_the_office_that_said_it_is_the_one_office_of_that_kind_the_article_names():
    text = ("KELT, 4 June 2019 - The Ministry of Defence of Ardenvale issued a statement on the militant group Sayf Brotherhood. "
            "Its attacks have killed 212 civilians since 2013, the ministry said.")
    f = stats(text)[212]
    assert f["reported_by"] == "ministry-of-defence-of-ardenvale" and "review" not in f
    assert "the one ministry" in f["inferred"]["reported_by"]


def test_an_office_of_a_kind_the_article_names_twice_is_held_for_review():
    text = ("KELT, 4 June 2019 - The Ministry of Defence and the Ministry of Health of Ardenvale issued statements on "
            "the militant group Sayf Brotherhood. Its attacks have killed 212 civilians since 2013, the ministry said.")
    f = stats(text)[212]
    assert "reported_by" not in f and f["review"]


def test_claiming_a_bombing_is_no_hedge_of_the_toll():
    text = ("PORT SELVA, 4 May 2021 - The Coastal Liberation Front has claimed the bombing of the ferry "
            "terminal on Monday, which killed 14 people.")
    f = stats(text)[14]
    assert "certainty" not in f and "hedge" not in f
