"""Classes of sentence the offline drafter read wrong or not at all, on invented groups, people
and places: who tells a leadership ("X says the group's leader, Y, …"), a group that tells at a
sentence's end ("…, the rebels said"), capitalised common words opening a sentence, lists,
kinship, ages and counts by kind, and relative days in an article with no dateline."""

from __future__ import annotations

from kg.extract import draft

from .test_extract_unseen import drafted  # items not held for review

UNDATED = (
    "The Northern Dawn Brigade was founded on 12 March 2009 in the hills of Kelmora. Police arrested its "
    "commander, Mirek Halas, last Tuesday in Dravik. On Monday, soldiers killed Teodor Vasko, the group's "
    "leader, in a raid."
)


def test_a_date_in_the_first_sentence_of_prose_is_no_dateline_and_dates_no_weekday():
    # the founding day is the date of an event, not of the article: "on Monday" is not the Monday before it
    d = draft("t", UNDATED, check=False)
    assert "published" not in d.article
    _, facts = drafted(UNDATED)
    assert not [f for f in facts if f["type"] in ("killing", "capture") and f.get("date")]
    assert any("'Monday'" in note and "no dateline" in note for note in d.review)
    assert not any(f.get("end") for f in d.facts if f["type"] == "leadership")


def test_a_date_after_a_word_of_publishing_is_the_articles_own():
    text = "Profile: the Northern Dawn Brigade\nUpdated 14 June 2022\n" + UNDATED.split(". ", 1)[1]
    killing = next(f for f in draft("t", text, check=False).facts if f["type"] == "killing")
    assert killing["date"] == "2022-06-13"



OPENERS = (
    "KELMORA, 4 March 2021 - The Northern Dawn Brigade attacked a fishing village on Tuesday. Coast residents "
    "fled inland. Delta officials said the roads were closed. Coast, sea and air patrols were stepped up."
)


def test_a_common_word_of_the_land_opening_a_sentence_is_no_place():
    # capitalised by its place in the sentence, not as a name, though gazetteers hold a region "Coast", a town "Delta"
    names = {e["name"] for e in draft("t", OPENERS, check=False).entities.values()}
    assert names == {"Northern Dawn Brigade", "Kelmora"}  # Kelmora: the dateline's city


def test_a_common_word_before_a_region_word_names_the_region():
    text = OPENERS + " Coast province officials met in the port."
    assert {e["name"]: e["type"] for e in drafted(text)[0].values()}.get("Coast") == "Region"


TOLD_LEADERS = (
    "KELMORA, 4 March 2021 - The Kelmoran Defence Ministry says the group's leader, Teodor Vasko, was hiding in "
    "the hills. According to the Interior Ministry, the group's chief Mirek Halas had fled abroad. Police chief "
    "Anton Bellar said the group's commander, Petar Lisk, was wounded. The group's spokesman, Ivo Dren, was seen "
    "in Ostrel, the Interior Ministry said. The Northern Dawn Brigade has fought the government since 2009. Its "
    "founder, Jonas Brell, lives abroad."
)


def test_a_leadership_someone_tells_is_theirs_not_the_articles():
    terms = {f["person"]: f["said_by"] for f in draft("t", TOLD_LEADERS).facts if f["type"] == "leadership"}
    assert terms == {"teodor-vasko": "kelmoran-defence-ministry", "mirek-halas": "interior-ministry",
                     "petar-lisk": "anton-bellar", "ivo-dren": "interior-ministry", "jonas-brell": "article"}


def test_a_leadership_the_article_tells_again_is_the_articles():
    text = TOLD_LEADERS + " Vasko, the group's leader, was born in Dravik."
    term = next(f for f in draft("t", text).facts if f.get("person") == "teodor-vasko")
    assert term["said_by"] == "article" and len(term["quote"]) == 2


GROUP_TELLS = (
    "KELMORA, 4 March 2021 - The Northern Dawn Brigade attacked an army base near Dravik on Tuesday. Colonel "
    "Anton Bellar was killed in the attack on Tuesday, the rebels said. The brigade has about 3,000 fighters, the "
    "group said in a statement.\n"
    "The Sable Front and the Northern Dawn Brigade fought near Ostrel. Petar Lisk was shot dead on Monday, the "
    "militants said.\n"
    "The Varn Rights Watch and the Northern Dawn Brigade both spoke. Ivo Dren was killed on Monday, the group said."
)


def test_a_group_that_tells_at_the_end_is_the_one_group_in_context():
    facts = {f.get("victim") or f["measure"]: f for f in draft("t", GROUP_TELLS, check=False).facts
             if f["type"] in ("killing", "statistic")}
    assert facts["anton-bellar"]["said_by"] == "northern-dawn-brigade" and not facts["anton-bellar"].get("review")
    assert facts["fighters"]["said_by"] == facts["fighters"]["reported_by"] == "northern-dawn-brigade"


def test_a_group_that_tells_with_several_in_context_is_left_to_the_reviewer():
    # two armed groups, or an armed group and a rights group ("the group"): never guessed
    facts = {f["victim"]: f for f in draft("t", GROUP_TELLS, check=False).facts if f["type"] == "killing"}
    for victim in ("petar-lisk", "ivo-dren"):
        assert facts[victim]["said_by"] == "article" and "add said_by" in facts[victim]["review"]


FAMILY = (
    "KELMORA, 4 March 2021 - The group's leader, Teodor Vasko, was wounded, and his nephew, Ivo Vasko, was "
    "arrested on Wednesday. The Sable Front named Jonas Brell as its new emir. His niece, Ana Brell, was also "
    "arrested on Tuesday. Police named Marko Dren and Petar Lisk. His uncle, Stefan Lisk, fled."
)


def test_a_nephew_or_a_niece_is_kin_of_the_one_named_before():
    kin = {(f["person"], f["relation"], f["relative"]) for f in drafted(FAMILY)[1] if f["type"] == "kinship"}
    # "His uncle" after a sentence naming two people: whose uncle is not guessed
    assert kin == {("ivo-vasko", "nephew", "teodor-vasko"), ("ana-brell", "niece", "jonas-brell")}


def test_an_age_that_ends_the_sentence_is_the_persons():
    text = ("KELMORA, 4 March 2021 - Police arrested the driver, Marko Dren, 34. Soldiers killed Petar Orlik, "
            "12 fighters.")
    ages = {f["subject"]: f["age"] for f in drafted(text)[1] if f["type"] == "description" and "age" in f}
    assert ages == {"marko-dren": 34}  # "12 fighters" is a count of others, no age


ATTACK_PLACES = (
    "KELMORA, 4 March 2021 - The Northern Dawn Brigade struck again this week. An attack on a checkpoint in "
    "Kandahar on 2 March 2021 killed Colonel Pavel Sorn. A bombing near Kabul killed Ana Lisk on Monday. "
    "Soldiers in Kabul killed Petar Orlik on Monday."
)


def test_a_place_inside_the_attack_that_kills_is_the_killings():
    places = {f["victim"]: f.get("place") for f in drafted(ATTACK_PLACES)[1] if f["type"] == "killing"}
    # where the soldiers are is not said to be where the killing was
    assert places == {"pavel-sorn": ["kandahar"], "ana-lisk": ["kabul"], "petar-orlik": None}


DATELINE_EVENTS = (
    "KELMORA, 4 March 2021 - An airstrike on 2 March killed Teodor Vasko, the leader of the Northern Dawn "
    "Brigade. He had led it since 2015.\n\n"
)


def test_an_attack_opening_the_datelines_sentence_dates_its_event_with_the_sentences_own_words():
    # the dateline "CITY, DATE - " is no part of the sentence: the attack opens its clause
    killing = next(f for f in draft("t", DATELINE_EVENTS, check=False).facts if f["type"] == "killing")
    assert killing["date"] == "2021-03-02" and not killing.get("review")
    assert killing["quote"] == "An airstrike on 2 March killed Teodor Vasko"
    start, end = map(int, killing["offsets"].split("-"))
    assert DATELINE_EVENTS[start:end] == killing["quote"]


def test_a_time_opening_the_datelines_sentence_dates_its_event():
    text = "KELMORA, 4 March 2021 (Kelmora Post) - In January 2020, police arrested Mirek Halas, a spokesman.\n"
    capture = next(f for f in draft("t", text, check=False).facts if f["type"] == "capture")
    assert capture["date"] == "2020-01" and capture["quote"].startswith("In January 2020")


KINDS_KILLED = (
    "KELMORA, 4 March 2021 - The Northern Dawn Brigade attacked an army post in Dravik on Tuesday. The attack on "
    "Tuesday killed 12 soldiers and 3 civilians.\n\nIn a second raid the Northern Dawn Brigade killed 14 soldiers on "
    "Wednesday, the group said.\n"
)


def test_counts_of_victims_by_kind_keep_their_kind_in_the_wording():
    figures = [f for f in draft("t", KINDS_KILLED, check=False).facts if f["type"] == "statistic"]
    got = {f.get("wording"): f for f in figures}
    assert set(got) == {"12 soldiers", "3 civilians", "14 soldiers"}
    assert all(f["measure"] == "people_killed" and f["subject"] == "northern-dawn-brigade" for f in figures)
    assert got["14 soldiers"]["reported_by"] == "northern-dawn-brigade"  # the teller, not the article
    assert "the attack" in got["12 soldiers"]["inferred"]["subject"]  # an attack told before: said how it was read


def test_an_attack_named_back_has_no_doer_with_two_groups_in_the_paragraph():
    text = ("KELMORA, 4 March 2021 - The Northern Dawn Brigade and the Red Valley Front attacked an army post on "
            "Tuesday. The attack on Tuesday killed 12 soldiers.\n")
    assert not [f for f in draft("t", text, check=False).facts if f["type"] == "statistic"]


UNNAMED_TELLERS = (
    "KELMORA, 4 March 2021 - The army says the Northern Dawn Brigade's leader, Teodor Vasko, was killed in a raid on "
    "Tuesday. Police said the commander of the Red Valley Front, Mirek Halas, was arrested on Monday.\n"
)


def test_a_leadership_told_by_someone_unnamed_carries_the_hedge_and_the_event_is_held():
    facts = draft("t", UNNAMED_TELLERS, check=False).facts
    term = next(f for f in facts if f["type"] == "leadership" and f["person"] == "teodor-vasko")
    assert (term.get("certainty"), term.get("hedge"), term["said_by"]) == ("reported", "The army says", "article")
    for victim in ("teodor-vasko", "mirek-halas"):  # across the apposition: whose word it is, for the reviewer
        event = next(f for f in facts if f["type"] in ("killing", "capture") and f["victim"] == victim)
        assert event["said_by"] == "article" and "said_by" in event.get("review", "")


def test_a_named_teller_is_no_unnamed_one():
    text = ("KELMORA, 4 March 2021 - The Kelmoran Defence Ministry says the group's leader, Teodor Vasko, was hiding "
            "in the hills of the Northern Dawn Brigade.\n")
    term = next(f for f in draft("t", text, check=False).facts if f["type"] == "leadership")
    assert term.get("certainty") is None
