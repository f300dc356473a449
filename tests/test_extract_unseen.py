"""The offline drafter on writing in styles the bench does not hold (a timeline, a live blog,
a communique, a question-and-answer explainer), on invented groups, people and places: what it
must draft, and what it must not (precision first: an unsure item is left out or held for review)."""

from __future__ import annotations

import pytest

from kg.extract import draft

TIMELINE = (
    'Timeline: the rise and fall of the Northern Dawn Brigade\n'
    'June 3, 2019\n'
    '2009 - Teodor Vasko, the Varnian rebel commander who built the movement, founds the Northern '
        "Dawn Brigade in the hills of Kelmora's Ostrel district.\n"
    "2012 - The brigade attacks a police post near Dravik, the Kelmora-backed governor's seat. "
        'Fighters from the mainly Christian Upper Kelmora join.\n'
    "2014 - Vasko's deputy, Mirek Halas, who goes by the name Abu Tarek, is arrested by police in "
        'Dravik on 4 May 2014.\n'
    '2016 - Security forces killed Vasko in a raid on 12 March 2016 near the town of Ostrel.\n'
    '2018 - "We will never lay down our arms," Halas, the group\'s spokesman, said in a video.'
)

LIVE_BLOG = (
    'LIVE: Clashes in the border region\n'
    '09:40 - Air Force spokesman Group Captain Petra Lindqvist said jets had struck a camp used by '
        'the Sable Front overnight.\n'
    '10:15 - The Sable Front\'s commander, Jonas Brell, was killed in the strike, the army said. "He '
        'was the architect of every bombing in the valley," Lindqvist told reporters.\n'
    '10:50 - Residents of Santa Lucia del Monte said the shelling had stopped. The Movement, a '
        'rival faction, denied any role.\n'
    '11:30 - "The operation will go on until the camps are empty," said Lt. Col. Aron Vik, the '
        "army's chief spokesman."
)

COMMUNIQUE = (
    'COMMUNIQUE No. 14\n'
    'The Joint Staff of the Armed Forces of the Republic announces that on 21 August 2021 units of '
        'the 3rd Division captured Selim Okoro, a senior figure of the Coastal Liberation Army, in the '
        'village of Mabra. Okoro was detained with two aides and handed to the Appeals Chamber of the '
        'High Court of Justice.\n'
    'The Ministry of the Interior thanks the people of Port Ossa for their support.'
)

EXPLAINER = (
    'Q&A: Who are the Red Hand Commandos?\n'
    'Who leads the group? Its founder, Dara Quill, was captured by soldiers in Lisk on 2 February '
        '2020. Quill called the charges "a theatre for the cameras".\n'
    'What happened to his successor? Nadia Ferrow was shot dead by police in the capital in May '
        '2021, according to the Interior Ministry. "She knew the risks," her brother, Tomas Ferrow, '
        'told the Daily Courier.\n'
    'Who backs them? Officials say the group is Kelmora-aligned, which it denies.'
)


def drafted(text: str) -> tuple[dict[str, dict], list[dict]]:
    d = draft("t", text, check=False)
    return ({k: e for k, e in d.entities.items() if not e.get("review")},
            [f for f in d.facts if not f.get("review")])


def types(text: str) -> dict[str, str]:
    return {e["name"]: e["type"] for e in drafted(text)[0].values()}


def test_a_person_described_by_a_group_word_is_a_person_not_a_group():
    # "X, the <adjective> rebel commander": the descriptor is said of a person
    names = types(TIMELINE)
    assert names["Teodor Vasko"] == "Person" and names["Northern Dawn Brigade"] == "ArmedGroup"
    assert not any(t == "ArmedGroup" for n, t in names.items() if "Vasko" in n or n == "Varnian")
    _, facts = drafted(TIMELINE)
    killed = [f for f in facts if f["type"] == "killing"]
    assert [(f["victim"], f["date"]) for f in killed] == [("teodor-vasko", "2016-03-12")]


def test_a_patron_named_before_backed_is_no_armed_group():
    names = types("The Halvard-backed militia shelled the port. Halvard denied any part in it.")
    assert names.get("Halvard") != "ArmedGroup"


def test_a_rank_that_holds_an_organisation_word_is_part_of_no_organisation():
    names = types(LIVE_BLOG)
    assert names["Petra Lindqvist"] == "Person"
    assert not any("Captain" in n for n in names)


def test_an_organisations_word_alone_names_nothing():
    names = types(LIVE_BLOG)
    assert "Movement" not in names and names["Sable Front"] == "ArmedGroup"
    assert "Front" not in types("The Front said it would fight on. The Coastal Front denied it.")


def test_a_name_where_a_place_stands_is_no_person():
    # "the people of X", "the mainly Christian X", "near X, a town": no person, whatever follows
    names = types(LIVE_BLOG)
    assert names.get("Santa Lucia del Monte") != "Person"
    assert names.get("Christian Upper Kelmora") != "Person" and names.get("Upper Kelmora") != "Person"
    names = types("Fighters shelled the outskirts of Vila Nova de Sal, a fishing town. They withdrew near "
                  "Porto Lenha, the army said.")
    assert "Person" not in {t for n, t in names.items() if "Vila" in n or "Porto" in n}


def test_a_person_named_after_a_role_or_an_event_is_still_a_person():
    # the place vetoes must not cost the ordinary evidence
    names = types("Police in the capital arrested Dario Vega, the group's treasurer. The militant leader "
                  "Ilse van Dorn was killed in 2019.")
    assert names["Dario Vega"] == "Person" and names["Ilse van Dorn"] == "Person"


def test_goes_by_the_name_makes_an_alias_not_another_person():
    ents, _ = drafted(TIMELINE)
    halas = next(e for e in ents.values() if e["name"] == "Mirek Halas")
    assert halas["aliases"] == ["Abu Tarek"]
    assert not any(e["name"] == "Abu Tarek" for e in ents.values())


def test_a_possessive_before_a_district_is_a_region_and_waters_are_places():
    names = types(TIMELINE)
    assert names["Kelmora"] == "Region"
    names = types("Gunboats patrolled the Red Sea on Monday. The rebels crossed the Okavo River at dawn.")
    assert names["Red Sea"] == "Place" and names["Okavo River"] == "Place"
    names = types("The brigade's chief's deputy fled. Renata Oyelaran's Tarsa Company sold the trucks.")
    assert not any(t == "Region" for t in names.values())


def test_a_unit_of_an_organisation_is_held_for_review_and_the_organisation_drafted():
    text = ("The Investigations Bureau of the Federal Police Service questioned him. He had studied at the "
            "University of Tarsa in the Andean city of Olme.")
    d = draft("t", text, check=False)
    by_name = {e["name"]: e for e in d.entities.values()}
    assert by_name["Federal Police Service"]["type"] == "GovernmentBody" and not by_name["Federal Police Service"].get(
        "review")
    assert by_name["Investigations Bureau"].get("review")
    assert "University of Tarsa" in by_name and not any("Andean" in n for n in by_name)


def test_a_shorter_later_name_is_the_organisation_named_in_full_before():
    text = ("The armed wing, the Abu Saad al-Harith Brigades, claimed the attack. The Harith Brigades said "
            "two fighters died. The National Army and the Coastal National Army clashed with the Northern "
            "National Army.")
    d = draft("t", text, check=False)
    by_name = {e["name"]: e for e in d.entities.values()}
    assert "Harith Brigades" not in by_name
    assert by_name["Abu Saad al-Harith Brigades"]["aliases"] == ["Harith Brigades"]
    assert "National Army" not in by_name["Coastal National Army"].get("aliases", [])  # two fit: neither
    assert "Northern National Army" in by_name  # a sentence's full stop is no part of a name


def statements(text: str) -> list[tuple[str, str]]:
    return [(f["speaker"], f["text"]) for f in drafted(text)[1] if f["type"] == "statement"]


def test_quotations_with_the_speakers_role_around_the_name():
    assert statements(TIMELINE) == [("mirek-halas", "We will never lay down our arms")]
    assert statements(EXPLAINER) == [("dara-quill", "a theatre for the cameras"),
                                     ("tomas-ferrow", "She knew the risks")]
    assert statements('"They will pay," the spokesman of the Coastal Front, Omar Tal, said.') == [
        ("omar-tal", "They will pay")]
    assert statements('"This is a tribute to the fallen," said R.R. Pandit, the province\'s home minister.') == [
        ("r-r-pandit", "This is a tribute to the fallen")]


def test_a_pronoun_speaker_is_the_one_person_named_just_before_and_no_one_else():
    assert statements('Prime Minister Ivo Marek was unmoved. "We owe them nothing," he said on Thursday.') == [
        ("ivo-marek", "We owe them nothing")]
    assert statements("Asked on Friday whether the talks would resume, she replied: "
                      "\"Not this year. Maybe never.\"") == []
    # two people before, or another person spoken of by a pronoun: the speaker is not drafted
    assert statements('Ivo Marek met Ana Ruiz on Monday. "Nothing was agreed," he said.') == []
    assert statements('Her son Pavel Dima was shot dead in 2009. "They never paid for it," she said.') == []
    assert statements('Mira Kos, a novelist, wrote a book about the war, which she described as "a long night".') == [
        ("mira-kos", "a long night")]


def test_words_in_quotation_marks_with_no_speaker_are_no_statement():
    assert statements('The militia calls its fighters "the lions". The so-called "peace plan" collapsed.') == []


def events(text: str, kind: str) -> list[tuple]:
    return [(f["victim"], f.get("date"), tuple(f.get("place", ()))) for f in drafted(text)[1] if f["type"] == kind]


def test_every_victim_of_one_telling_active_or_passive():
    assert events("In September 2015, officers arrested Pavel Dima, 40, and Lena Orsk, 43, in the port of Vell.",
                  "capture") == [("pavel-dima", "2015-09", ("vell",)), ("lena-orsk", "2015-09", ("vell",))]
    assert events("The defendants Omar Tal, 51, and Ivo Marek, 47, were arrested in Lisbon on 3 May 2011 together "
                  "with Ana Ruiz, 39.", "capture") == [
        ("ivo-marek", "2011-05-03", ("lisbon",)), ("omar-tal", "2011-05-03", ("lisbon",)),
        ("ana-ruiz", "2011-05-03", ("lisbon",))]


def test_a_date_after_that_opens_the_event():
    assert events(COMMUNIQUE, "capture") == [("selim-okoro", "2021-08-21", ("mabra",))]


def test_no_place_when_a_place_the_gazetteers_lack_comes_first():
    # the country is named only to locate the farm's village: the event's place is the village, not the country
    assert events("In May 2012, police arrested Pavel Dima, 40, at a farm in Ostravel, in northern France.",
                  "capture") == [("pavel-dima", "2012-05", ())]


def test_an_age_after_a_name_says_a_person():
    names = types("The court sentenced Andrej Kolar, 33, and Mila Sten, 36, to life. Its verdict named Boris Lenk, 41.")
    assert names == {"Andrej Kolar": "Person", "Mila Sten": "Person", "Boris Lenk": "Person"}


def test_types_by_the_words_of_the_name():
    text = ("The UN Office for Refugee Affairs (UORA) counted 9,000 displaced. Later UNIFER, a children's fund, "
            "sent water. Joint Task Force Kalum said the road was open.")
    d = draft("t", text, check=False)
    by_name = {e["name"]: e for e in d.entities.values()}
    assert by_name["UN Office for Refugee Affairs"]["type"] == "Organization"
    assert by_name["UN Office for Refugee Affairs"].get("aliases") == ["UORA"]  # not "UNIFER" too
    assert by_name["Joint Task Force Kalum"]["type"] == "MilitaryCommand"


def test_someones_role_after_a_name_says_a_person_and_the_event_keeps_its_hedge():
    text = "Omar Tal, the group's leader, ruled by fear. Vinko Lasic, Tal's deputy, was reportedly killed in 2007."
    _, facts = drafted(text)
    killed = [(f["victim"], f["date"], f.get("certainty")) for f in facts if f["type"] == "killing"]
    assert killed == [("vinko-lasic", "2007", "reported")]
    assert types("Port Vell, Kelmora's capital, fell in 2001.").get("Port Vell") != "Person"


def test_a_word_nameparser_calls_a_title_that_names_things_makes_no_person():
    names = types("Hamid Oru, the group's spokesman, gave interviews to Radio Korva. District Selo was shelled.")
    assert "Korva" not in names and "Selo" not in names and names["Hamid Oru"] == "Person"


def test_another_name_of_someone_not_named_in_the_sentence_is_no_new_person():
    assert types('Known as "Mullah Wind" for his sermons, he rose fast in the movement.') == {}


def test_more_ways_of_giving_a_speaker():
    assert statements('Regional Governor Alma Tesk condemned what she called "a cowardly act against the poor".') == [
        ("alma-tesk", "a cowardly act against the poor")]
    assert statements('According to army spokesman Col. Ivo Marek, "the camp has been destroyed".') == [
        ("ivo-marek", "the camp has been destroyed")]
    assert statements('Ana Ruiz, a nurse, watched the raid. "They took everyone," the nurse said.') == [
        ("ana-ruiz", "They took everyone")]


def test_words_of_two_speakers_are_no_ones_alone():
    met = "Ivo Marek, the mayor, met Ana Ruiz, a nurse. "
    assert statements(met + '"They will fail," said Ivo Marek and Ana Ruiz.') == []
    assert statements(met + '"They will fail," Ivo Marek and Ana Ruiz said.') == []


def test_a_place_by_what_the_text_calls_it():
    names = types("Gunmen killed seven traders in Selo, a market town in Varna province, on Tuesday.")
    assert names == {"Selo": "City", "Varna": "Region"}
    names = types("The ceasefire began in Selo, a spokesman said.")
    assert "Selo" not in names  # "a spokesman" calls no place a town


def test_an_army_whose_name_names_no_country_is_held_for_review():
    d = draft("t", COMMUNIQUE, check=False)
    by_name = {e["name"]: e for e in d.entities.values()}
    assert by_name["Coastal Liberation Army"].get("review")
    d = draft("t", "The Ghanaian Army and the United States Army trained together.", check=False)
    assert {e["name"]: e.get("review") for e in d.entities.values() if e["type"] == "ArmedForce"} == {
        "Ghanaian Army": None, "United States Army": None}


def test_a_victim_described_or_titled_before_the_name():
    text = ("Kidnappers seized the Italian engineer Marco Bellini on the road to Emba on 3 April 2019. The court "
            "found him guilty of the murder of Judge Helena Broz on 9 January 2016 in the city of Tarsa.")
    assert events(text, "capture") == [("marco-bellini", "2019-04-03", ())]
    assert events(text, "killing") == [("helena-broz", "2016-01-09", ("tarsa",))]
    # a place after an event verb is no person
    assert types("Rebels captured the strategic town of Vell Nord in May 2014.").get("Vell Nord") != "Person"


def test_an_event_told_by_a_participle_or_a_possessive_noun():
    assert events("Ivo Marek, the group's founder, fled. After Marek's arrest in March 2015, the group split.",
                  "capture") == [("ivo-marek", "2015-03", ())]
    assert events("Omar Tal, the group's treasurer, was buried in Lisbon. The group mourned Tal, killed by police "
                  "in Lisbon on 4 May 2012.", "killing") == [("omar-tal", "2012-05-04", ("lisbon",))]
    # the one who kills is no victim: "X's killing of Y", "a group led by X, killed at least 30 people"
    assert events("Ana Ruiz, the mayor, was popular. Ivo Marek, the group's founder, admitted Marek's killing of "
                  "Ruiz in 2011.", "killing") == []
    assert events("The Sable Front, a rebel group led by Ivo Marek, killed at least 30 civilians in 2011.",
                  "killing") == []


BLOG_UPDATES = (
    'Updates\n'
    'Monday 14:05 BREAKING: Explosion heard near the Interior Ministry. Ambulances rushing to the '
        'scene.\n'
    '14:30 Police say at least three people were killed. Eyewitness Jonas Pell told us: "The '
        'windows shook across the street."\n'
    '16:00 President Lena Orsk: "Those responsible will be found." '
)


def test_a_common_noun_opening_the_sentence_is_no_part_of_a_name_and_a_colon_gives_the_speaker():
    names = types(BLOG_UPDATES)
    assert names.get("Jonas Pell") == "Person" and not any("Eyewitness" in n for n in names)
    said = [(s, t.rstrip(".")) for s, t in statements(BLOG_UPDATES)]
    assert said == [("jonas-pell", "The windows shook across the street"),
                    ("lena-orsk", "Those responsible will be found")]
    assert types("Commander Ana Ruiz said the town had fallen.") == {"Ana Ruiz": "Person"}


def test_a_university_is_an_organisation():
    assert types("Dr. Ana Ruiz, who studies the region at Kelmora University, disagrees.")["Kelmora University"] == (
        "Organization")


def test_more_verbs_of_killing_and_capture():
    assert events("Ana Ruiz, the mayor, was shot and killed outside her home in Lisbon on 2 May 2011.", "killing") == [
        ("ana-ruiz", "2011-05-02", ("lisbon",))]
    assert events("Omar Tal, the treasurer, was taken into custody in Lisbon on 4 June 2012.", "capture") == [
        ("omar-tal", "2012-06-04", ("lisbon",))]


def test_the_places_of_the_dateline():
    text = "KIWANJA, Ghana, 4 May 2018\nThe Sable Front said on Friday that it would disarm.\n"
    names = types(text)
    # the city in capitals is the city the article is filed from, though no gazetteer knows it
    assert names.get("Ghana") == "Country" and names.get("Kiwanja") == "City" and "KIWANJA" not in names
    # an unknown name after it is where that city is: a place, of no kind the dateline says
    names = types("DORVAL, Kessra (Nov. 3, 2026) — The Kessra Liberation Army (KLA), a rebel group fighting the "
                  "government of Kessra since 2011, named a new commander. Kessra troops withdrew.")
    assert names.get("Kessra") == "Place" and names.get("Kessra Liberation Army") == "ArmedGroup"
    # a word that opens a dateline and names no city
    assert types("UPDATE, Nov. 3, 2026 — The Sable Front said it would disarm.") == {"Sable Front": "ArmedGroup"}
    text = "Press statement - Accra, 28 April 1977\nThe court sentenced Andrej Kolar, 33, to life.\n"
    assert types(text).get("Accra") == "City"
    text = "PRESS RELEASE 16 October 2017\nThe ministry thanked the public.\n"
    assert types(text) == {}


def test_a_compass_word_before_a_known_place_and_a_faiths_adjective_before_it():
    names = types("The insurgency spread across the mainly Muslim North Caucasus and into Southern Ghana in 2009.")
    assert names == {"North Caucasus": "Region", "Southern Ghana": "Region"}
    names = types("The Northern Alliance met officials of Southern Command.")
    assert names == {"Northern Alliance": "Coalition", "Southern Command": "MilitaryCommand"}
    assert types("U.S. Southern Command forces raided the camp.") == {"U.S. Southern Command": "MilitaryCommand"}


def test_a_name_before_a_news_outlets_word_is_a_news_outlet():
    names = types("The statement, posted on the Kavkaz Post website, gave no cause. The Ghana television showed it.")
    assert names == {"Kavkaz Post": "NewsAgency", "Ghana": "Country"}


def test_a_region_pycountry_names_with_a_qualifier_after_a_comma():
    assert types("The insurgency spread from Dagestan in 2009.") == {"Dagestan": "Region"}


def test_a_quotation_after_where_or_to_whom_it_was_said():
    for said in ("told the Daily Courier:", "told a news conference in Lisbon:", "wrote on Telegram:",
                 "said on Monday,"):
        assert [(s, t.rstrip(".")) for s, t in statements(f'Colonel Ivo Marek {said} "The road is open."')] == [
            ("ivo-marek", "The road is open")], said
    assert statements('Colonel Ivo Marek spoke of Ana Ruiz, the mayor, on Monday. Ruiz, "a brave woman", died.') == []


def test_one_arrested_together_with_the_victim_is_a_person_and_a_victim():
    text = ("The defendants Omar Tal, 51, and Ivo Marek, 47, were arrested together with Jan Holt in Lisbon "
            "in June 1972.")
    assert ("jan-holt", "1972-06", ("lisbon",)) in events(text, "capture")


def test_continents_and_countries_by_their_other_names():
    names = types("Ships bound for Europe and Asia now sail around Africa, Britain said. Burma and the UAE agreed.")
    assert names == {"Europe": "Region", "Asia": "Region", "Africa": "Region", "United Kingdom": "Country",
                     "Myanmar": "Country", "United Arab Emirates": "Country"}


def test_streets_cafes_and_checkpoints_are_places():
    names = types("Gunmen opened fire at the Blue Lantern Cafe and then at the Harbour Road Checkpoint near "
                  "Tarn Street.")
    assert names == {"Blue Lantern Cafe": "Place", "Harbour Road Checkpoint": "Place", "Tarn Street": "Place"}


def test_a_victim_named_as_someones_relative_is_held_for_review_without_a_date():
    text = ("Kwame Boateng, 44, was killed on Monday. Troops also arrested Boateng's brother, Kojo Boateng, "
            "and seized weapons.")
    d = draft("t", text, check=False)
    held = [(f["victim"], bool(f.get("review"))) for f in d.facts if f["type"] == "capture"]
    assert held == [("kojo-boateng", True)]  # the day is the article's to resolve: held for review


def test_a_pronoun_far_from_any_name_is_the_person_a_profile_is_about():
    profile = ("Obituary: Ivo Marek\nIvo Marek, the founder of the Sable Front, has died. Marek was born in 1950. "
               "Marek studied law. The state offered a reward for him. Last year he urged a boycott of the vote, "
               "which he described as \"a circus\".")
    assert statements(profile) == [("ivo-marek", "a circus")]
    two = ("Ivo Marek, the founder, and Ana Ruiz, the mayor, met. Marek spoke first. Ruiz answered. Marek left. "
           "Ruiz stayed. The state offered a reward. Last year he urged a boycott, which he described as \"a circus\".")
    assert statements(two) == []
    unnamed = "Ivo Marek, the founder, fled. Marek hid. Marek ran. The army chief spoke on Monday."
    assert statements(unnamed + ' "We will win," he said.') == []  # "he" is the chief, whom the text does not name


def test_the_dead_included_and_among_those_killed():
    assert events("Among those killed in the strike on 3 May 2019 was Ivo Marek, the group's treasurer.",
                  "killing") == [("ivo-marek", "2019-05-03", ())]
    d = draft("t", "Omar Tal, the leader, fled. The rebels said the dead included Ivo Marek, also known as Alex.",
              check=False)
    assert [(f["victim"], bool(f.get("review"))) for f in d.facts if f["type"] == "killing"] == [("ivo-marek", True)]


def test_the_day_a_killing_was_announced_and_the_place_of_the_operation_are_not_the_killing_s():
    text = ("KORVA, March 7, 2023 -- Dan Vell, the leader of the Sable Front, was killed in a Kelmoran "
            "operation in Ostrel, the army said on Thursday. An operation in Dravik that eliminated Mirek Halas "
            "was announced later.")
    d = draft("t", text, check=False)
    killings = {f["victim"]: f for f in d.facts if f["type"] == "killing"}
    assert "date" not in killings["dan-vell"], killings["dan-vell"]  # Thursday dates the saying
    assert "dravik" not in killings.get("mirek-halas", {}).get("perpetrator", []), killings.get("mirek-halas")


def test_an_attack_that_opens_the_sentence_gives_its_date_to_what_it_did():
    assert events("An airstrike on 3 May 2021 killed Ivo Marek, the group's treasurer, near the river.",
                  "killing") == [("ivo-marek", "2021-05-03", ())]
    assert events("A raid in March 2019 captured Lena Orsk, a courier for the Sable Front.",
                  "capture") == [("lena-orsk", "2019-03", ())]
    assert events("The 4 July 2018 ambush killed Dan Vell, the group's commander.", "killing") == [
        ("dan-vell", "2018-07-04", ())]
    # the attack is another event than the arrest: its date is not the arrest's
    assert events("Police investigating the bombing in May 2019 arrested Pavel Dima, a driver from Vell.",
                  "capture") == []


def test_as_was_and_so_was_add_victims_to_the_same_event():
    assert events("Teodor Vasko was killed on 4 June 2020, as was Mirek Halas.", "killing") == [
        ("teodor-vasko", "2020-06-04", ()), ("mirek-halas", "2020-06-04", ())]
    assert events("Lena Orsk was arrested on 2 May 2018, as were Tomas Brell and Anna Brix.", "capture") == [
        ("lena-orsk", "2018-05-02", ()), ("tomas-brell", "2018-05-02", ()), ("anna-brix", "2018-05-02", ())]
    assert events("Dara Quill was killed in 2012; so was his deputy, Jonas Vik.", "killing") == [
        ("dara-quill", "2012", ()), ("jonas-vik", "2012", ())]
    assert events("Omar Tal was captured in 2011, as was reported by the Daily Courier.", "capture") == [
        ("omar-tal", "2011", ())]


def test_a_noun_of_a_body_that_opens_the_first_sentence_is_no_place():
    for opening in ("Police, the interior ministry said,", "Police -", "Soldiers, officials said,"):
        ents, _ = drafted(f"{opening} arrested Omar Tal in Dravik on 3 May 2021.")
        assert not any(e["type"] in ("City", "Region", "Place") for e in ents.values()), ents
    ents, _ = drafted("POLICE, Poland, 4 May 2021 - Soldiers said the Sable Front had fled.")
    assert {e["name"]: e["type"] for e in ents.values()}.get("Police") == "City"  # a dateline's town


def test_a_long_sentence_that_closes_with_who_tells_it_is_not_the_articles_own():
    d = draft("t", "A dawn raid on 13 October 2022 killed Kasimir Rhode, the military chief of the Black Orchard "
                   "Front, in the hill village of Tessaly near the northern border, the Varnian defence ministry said.",
              check=False)
    killing = next(f for f in d.facts if f["type"] == "killing")
    assert killing["said_by"] == "article" and "said_by" in killing.get("review", ""), killing


def test_along_with_after_an_active_verb_and_as_was_before_a_relative():
    assert events("A raid on 21 August 2019 captured Benedek Arvai at a farmhouse near the village of Reka, "
                  "along with his wife, Klara Arvai.", "capture") == [
        ("benedek-arvai", "2019-08-21", ("reka",)), ("klara-arvai", "2019-08-21", ("reka",))]
    assert events("Peter Haldor was shot dead on 9 November 1998, as was his nephew, Ferenc Molnar.", "killing") == [
        ("peter-haldor", "1998-11-09", ()), ("ferenc-molnar", "1998-11-09", ())]
    assert events("Marta Kell was abducted near the border on 3 June 2021 together with her driver, Sami Oro.",
                  "capture") == [("marta-kell", "2021-06-03", ()), ("sami-oro", "2021-06-03", ())]


def test_a_numbered_paragraph_and_the_night_of_a_date():
    report = ("Report of the committee\n"
              "4. On 19 September 2023, in the city of Dravik, employees of the police detained the resident "
              "Zaur Kemal, 34, who supplied the fighters with fuel.\n"
              "5. Omar Tal, 51, was killed on the night of 3 May 2021.\n"
              "(c) On the morning of 4 June 2020, troops arrested Lena Orsk, 30.")
    assert events(report, "capture") == [("zaur-kemal", "2023-09-19", ()), ("lena-orsk", "2020-06-04", ())]
    assert events(report, "killing") == [("omar-tal", "2021-05-03", ())]


def test_a_major_or_a_marshal_is_a_rank_not_part_of_the_name():
    ents, _ = drafted("The head of the post, Major Ruslan Temirov, was wounded. Field Marshal Ivo Dresk said "
                      "the border was closed.")
    assert {e["name"] for e in ents.values() if e["type"] == "Person"} == {"Ruslan Temirov", "Ivo Dresk"}


def test_a_nickname_in_quotation_marks_is_another_name_not_a_place():
    d = draft("t", 'Troops killed the field commander of the Sable Front, Aslan Dzhurayev, known by the name '
                   '"the Falcon", on 11 September 2023. Teodor Vasko, nicknamed "Aurora", was arrested on 2 May 2019.',
              check=False)
    assert not any(e["type"] in ("City", "Region", "Place") for e in d.entities.values()), d.entities
    assert d.entities["aslan-dzhurayev"]["aliases"] == ["Falcon"]
    assert d.entities["teodor-vasko"]["aliases"] == ["Aurora"]
    text = ('The Sable Front was founded in 1990 by Ivo Marek, a farmer nicknamed "Torch", and Dara Quill, a '
            'teacher.')
    founders = [f["person"] for f in draft("t", text, check=False).facts if f.get("role") == "founder"]
    assert founders == ["ivo-marek", "dara-quill"]


def test_a_person_who_tells_an_event_whose_victim_is_named_after_a_role():
    d = draft("t", "Interior Minister Paul Ostrander says the Iron Crescent's leader, Rashid Kael, was captured in "
                   "January 2024. General Omar Tal said the talks failed, and the group's treasurer, Ivo Marek, was "
                   "killed on 3 May 2021.", check=False)
    assert [(f["victim"], f["said_by"]) for f in d.facts if f["type"] in ("capture", "killing")] == [
        ("rashid-kael", "paul-ostrander"), ("ivo-marek", "article")]


def test_a_figure_in_a_persons_reported_speech_without_that_is_the_persons():
    said = {f["value"]: f["said_by"] for f in drafted(
        "The Black Orchard Front is an armed group. Captain Doru Fenn said the group had carried out about 40 "
        "attacks in 2022. Captain Doru Fenn said the talks had failed, and the group had 500 fighters in 2020.")[1]
        if f["type"] == "statistic"}
    assert said == {40: "doru-fenn", 500: "article"}


def test_neutralised_in_the_active_is_a_killing():
    # a military euphemism for killed, in the active voice of a press release and of a chronology
    assert events("Troops neutralised Ilias Merek, a commander of the Green Valley Front, near Lisbon on 12 June "
                  "2023.", "killing") == [("ilias-merek", "2023-06-12", ("lisbon",))]
    assert events("Soldiers neutralized Tomas Brell on 4 May 2020.", "killing") == [("tomas-brell", "2020-05-04", ())]
    assert events("2021 - The army neutralizes Dara Quill in the hills.\n2022 - The army withdraws.", "killing") == [
        ("dara-quill", "2021", ())]


def kinships(text: str) -> list[tuple[str, str, str]]:
    return [(f["person"], f["relation"], f["relative"]) for f in drafted(text)[1] if f["type"] == "kinship"]


def test_a_relation_named_before_the_relative_and_the_persons_name():
    # "A cousin of Y, X, ...": X is the cousin; Y is no one the sentence tells of otherwise
    text = "Ilias Merek, 44, leads the Green Valley Front. A cousin of Merek, Josef Halko, was arrested on 3 May 2021."
    assert kinships(text) == [("josef-halko", "cousin", "ilias-merek")]
    assert events(text, "capture") == [("josef-halko", "2021-05-03", ())]
    text = "Paul Danek, 60, founded the Green Valley Front. The nephew of Danek, Karel Vlk, was killed on 2 May 2020."
    assert kinships(text) == [("karel-vlk", "nephew", "paul-danek")]
    assert events(text, "killing") == [("karel-vlk", "2020-05-02", ())]


def test_a_relation_after_a_possessive_and_with_an_adjective():
    assert kinships("Ilias Merek, 44, fled. Soldiers arrested Merek's younger brother, Josef Halko, in Korval.") == [
        ("josef-halko", "brother", "ilias-merek")]
    assert kinships("Karel Vlk, an elder brother of Paul Danek, was arrested.") == [
        ("karel-vlk", "brother", "paul-danek")]


def test_a_relation_and_an_occupation_after_the_persons_age():
    # "X, 41, a cousin of Y": the age between the name and its description hides neither
    text = "Ilias Merek, 44, leads the Green Valley Front. Josef Halko, 41, a cousin of Merek, was arrested in Korval."
    assert kinships(text) == [("josef-halko", "cousin", "ilias-merek")]
    # a relation is no occupation
    assert not [f for f in drafted(text)[1] if f["type"] == "description" and f.get("occupation")]
    described = [f for f in drafted("Josef Halko, 41, a Swedish nurse, was abducted in Korval.")[1]
                 if f["type"] == "description"]
    assert [(f.get("age"), f.get("nationality"), f.get("occupation")) for f in described] in (
        [(41, None, None), (None, "Swedish", "nurse")], [(41, "Swedish", "nurse")])


def test_an_event_in_a_relative_clause_takes_no_date_or_place_of_the_main_clause():
    # "X, who was captured in the March raid, was sentenced on Monday": Monday is the sentencing's day
    dateline = "KORVAL, Varnia, April 2, 2025 — "
    assert events(dateline + "Ivo Radek, the movement's former deputy, who was captured in the March raid, was "
                  "sentenced to life in prison in Korval on Monday.", "capture") == []
    assert events(dateline + "Ivo Radek, who was captured on May 3, 2019, was sentenced on Monday.", "capture") == [
        ("ivo-radek", "2019-05-03", ())]
    # a place's country set off by commas inside the clause is still the clause's
    assert events(dateline + "The group was founded by Ivo Radek, who was arrested in Korval, Varnia, in April 2015 "
                  "and later flown back to face trial.", "capture") == [("ivo-radek", "2015-04", ("korval",))]


def test_a_clause_about_a_government_is_no_occupation():
    text = "Anna Lind was abducted in 2022. The Swedish government said that Anna Lind was released."
    assert not [f for f in drafted(text)[1] if f["type"] == "description"]


def captivities(text: str) -> list[tuple]:
    return [(f["victim"], f.get("perpetrator"), f.get("start"), f.get("end"), f["said_by"], f.get("review") is None)
            for f in draft("t", text, check=False).facts if f["type"] == "captivity"]


def test_a_captivity_told_by_its_holder_and_start_and_ended_by_a_release():
    dateline = "KORVAL, Varnia, April 2, 2025 — The Green Valley Front (GVF) is an armed group. "
    # the release's day ends it; an unnamed teller ("the government said") holds it for review
    assert captivities(dateline + "The Swedish government said that Anna Lind, the nurse held by the GVF since "
                       "August 2022, was released on March 30.") == [
        ("anna-lind", ["green-valley-front"], "2022-08", "2025-03-30", "article", False)]
    assert captivities(dateline + "Anna Lind, who has been held by the Green Valley Front since 2022, appeared in "
                       "a video.") == [("anna-lind", ["green-valley-front"], "2022", None, "article", True)]
    known = dateline + "Anna Lind, a Swedish nurse, was abducted in May 2021. "
    assert captivities(known + "The Green Valley Front (GVF) has held Anna Lind hostage since May 2021.") == [
        ("anna-lind", ["green-valley-front"], "2021-05", None, "article", True)]
    # no holder named, or no start: nothing drafted from these words
    assert captivities(known + "Anna Lind has been held since May 2021.") == []


def test_a_death_in_an_attack_told_in_a_relative_clause_or_confirmed_by_a_group():
    dateline = "KORVAL, Varnia, April 2, 2025 — Dara Quill, 50, led the Green Valley Front (GVF). "
    assert events(dateline + "Ivo Marek, who died in an air strike in 2016, founded it.", "killing") == [
        ("ivo-marek", "2016", ())]
    # "in the March 12 raid": the attack's day; told by the group that confirms it
    told = [(f["victim"], f.get("date"), f["said_by"], f["quote"]) for f in drafted(
        dateline + "The GVF confirmed that Quill had died in the March 12 raid.")[1] if f["type"] == "killing"]
    assert told == [("dara-quill", "2025-03-12", "green-valley-front",
                     "GVF confirmed that Quill had died in the March 12 raid")]


def test_the_most_of_a_superlative_is_no_majority():
    text = ("KORVAL, Varnia, Oct. 16, 2017 — Ivo Radek and Dara Quill, the two most senior leaders of the Green "
            "Valley Front, were killed in a raid, the Varnian Armed Forces (VAF) confirmed today.")
    assert not [f for f in draft("t", text, check=False).facts if f["type"] == "statistic"]


def test_an_event_told_again_by_another_voice_keeps_that_voice_on_its_quote():
    text = ("KORVAL, Varnia, April 2, 2025 — The Green Valley Front (GVF) named Ivo Marek, 38, as its new leader, "
            "three weeks after the army killed its commander, Dara Quill. The GVF confirmed that Quill had died in "
            "the March 12 raid.")
    killed = [f for f in draft("t", text, check=False).facts if f["type"] == "killing"]
    assert len(killed) == 1 and killed[0]["said_by"] == "article" and killed[0]["date"] == "2025-03-12"
    from kg import vocabulary
    from kg.extract.context import Context

    text = "Ivo Marek fled, three weeks after the raid."
    assert Context("t", text, vocabulary.load(None)).quote([(text.index(","), len(text))]) == (
        "three weeks after the raid.")  # no stray comma opens a quote
    assert killed[0]["quote"][-1] == {"text": "GVF confirmed that Quill had died in the March 12 raid",
                                      "said_by": "green-valley-front"}


def test_members_of_the_security_forces_are_the_groups_victims_not_its_members():
    dateline = "KORVAL, Varnia, January 20, 2025 — "
    figures = [(f["value"], f["measure"]) for f in draft("t", dateline + "The Green Valley Front (GVF) killed 140 "
               "members of the security forces in 2024, according to the Varnia Security Monitor.", check=False).facts
               if f["type"] == "statistic"]
    assert figures == [(140, "people_killed")]
    figures = [(f["value"], f["measure"]) for f in draft("t", dateline + "Troops killed 140 members of the Green "
               "Valley Front (GVF) in 2024, according to the Varnia Security Monitor.", check=False).facts
               if f["type"] == "statistic"]
    assert figures == [(140, "operatives_killed")]


@pytest.mark.parametrize("words", ["in GVF attacks", "in attacks by the group"])
def test_the_dead_of_a_groups_attacks_named_after_the_count_are_its_victims(words):
    text = (f"KORVAL, Varnia, January 20, 2025 — The Green Valley Front (GVF) is active. At least 612 people were "
            f"killed {words} in 2024, according to the Varnia Security Monitor.")
    figures = [(f["value"], f["measure"], f["subject"]) for f in draft("t", text, check=False).facts
               if f["type"] == "statistic"]
    assert figures == [(612, "people_killed", "green-valley-front")]


def sentences_passed(text: str) -> list[tuple]:
    return [(f["defendant"], f["penalty"], f.get("date"), f.get("by")) for f in draft("t", text, check=False).facts
            if f["type"] == "sentencing"]


def test_a_sentence_passed_with_its_penalty_day_and_court():
    dateline = "KORVAL, Varnia, March 31, 2025 — "
    assert sentences_passed(dateline + "A military court in Korval on Monday sentenced Ivo Radek, the former deputy "
                            "leader of the Green Valley Front, to life in prison for terrorism.") == [
        ("ivo-radek", "life in prison", "2025-03-31", None)]
    both = ("Ivo Radek, 41, and Dara Quill, 38, were arrested in 2017. The Special Criminal Court today sentenced the "
            "defendants Ivo Radek, 41, and Dara Quill, 38, each to life imprisonment.")
    assert sentences_passed(dateline + both) == [
        ("ivo-radek", "life imprisonment", "2025-03-31", ["special-criminal-court"]),
        ("dara-quill", "life imprisonment", "2025-03-31", ["special-criminal-court"])]
    assert sentences_passed(dateline + "Ivo Radek, who led the Green Valley Front, was jailed for 12 years by the "
                            "Special Criminal Court in August 2003.") == [
        ("ivo-radek", "12 years", "2003-08", ["special-criminal-court"])]
    # a sentence not passed is none
    assert sentences_passed(dateline + "Ivo Radek, 41, could be sentenced to death if convicted.") == []
    # names set off after a count of people are people's, and each is sentenced
    assert sentences_passed(dateline + "The Green Valley Front (GVF) is banned. The court also sentenced two other GVF "
                            "members, Oskar Brand and Lena Vidal, to 20 years each.") == [
        ("oskar-brand", "20 years", None, None), ("lena-vidal", "20 years", None, None)]


def test_a_doer_named_after_a_possessive_and_an_ordinal():
    text = ("KORVAL, Varnia, March 31, 2025 — Ivo Radek, 41, was captured by the army's 4th Special Forces Brigade in "
            "a raid on March 12.")
    taken = [(f["victim"], f.get("perpetrator"), f.get("date")) for f in draft("t", text, check=False).facts
             if f["type"] == "capture"]
    assert taken == [("ivo-radek", ["special-forces-brigade"], "2025-03-12")]


def denials(text: str) -> list[tuple]:
    d = draft("t", text)
    kinds = {f["id"]: f["type"] for f in d.facts}
    return [(f["speaker"], f["text"], kinds[f["denies"]]) for f in d.facts if f.get("denies")]


def test_a_speaker_who_says_an_event_did_not_happen_denies_it():
    told = ("KORVAL, Varnia, March 14, 2025 — The army said it had killed Dara Quill, 50, the leader of the Green "
            "Valley Front (GVF), on March 12. ")
    assert denials(told + "A GVF spokesman, Ivo Marek, said in a message that Quill was alive.") == [
        ("ivo-marek", "Quill was alive", "killing")]
    assert denials(told + "The GVF denied that Quill had been killed.") == [
        ("green-valley-front", "denied that Quill had been killed", "killing")]
    assert denials(told + "The GVF said that its fighters were alive.") == []  # no one named alive


def test_a_count_up_to_now_told_on_a_day_of_its_own_counts_up_to_that_day():
    # "has killed N, X said in A": the count is X's up to A, not up to the article's own date
    text = ("ACCRA, Ghana, May 9, 2022 - The Sable Front, which took up arms in 2012, has killed more than 400 "
            "people, the United Nations said in 2021. In March 2020 the Red Hand Army said that the Sable Front "
            "has abducted 60 people.")
    periods = {f["value"]: f["period"] for f in drafted(text)[1] if f["type"] == "statistic"}
    assert periods.get(400) in (None, "2021") and periods.get(60) in (None, "2020-03")
    assert periods == {400: "2021", 60: "2020-03"}


def test_an_attack_told_again_takes_the_one_date_the_sentence_before_gives_it():
    # "X stormed Y on A. The attack killed N": A is the figure's period; no date, or two, none
    def periods(text: str) -> dict[int, str]:
        return {f["value"]: f["period"] for f in drafted(text)[1] if f["type"] == "statistic"}

    dateline = "ACCRA, Ghana, May 9, 2022 - "
    assert periods(dateline + "Fighters of the Sable Front stormed a police post in Tamale on 7 May 2022. The "
                   "attack killed 14 police officers.") == {14: "2022-05-07"}
    assert periods("In March 2021, the Sable Front bombed a bus station in Kumasi. That bombing killed 30 "
                   "people.") == {30: "2021-03"}
    assert periods(dateline + "Fighters of the Sable Front stormed a police post in Tamale last week. The attack "
                   "killed 14 police officers.") == {}
    assert periods(dateline + "The Sable Front, founded in 2012, stormed a police post in Tamale on 7 May 2022. "
                   "The attack killed 14 police officers.") == {}
    assert periods("The Sable Front was founded on 7 May 2012. The attack killed 14 people.") == {}
    assert 9 not in periods("In 2021 the Sable Front carried out 40 attacks in Tamale. The bombing killed 9 people.")


def test_words_of_someone_unnamed_for_or_about_a_named_person_are_not_the_persons():
    # "a spokesman for X", "an aide to X", "the family of X", "a witness who saw X": X does not speak
    text = ('Ilias Merek, 44, leads the Green Valley Front. "We will fight on," a spokesman for Ilias Merek said. '
            '"He is innocent," a lawyer for Merek told reporters. "The talks are over," an aide to Merek said. '
            '"He has been tortured," the family of Merek said. "It was a massacre," said a witness who saw Merek. '
            'A spokesman for Merek said: "Nothing will change." "We are ready," Merek told reporters.')
    assert statements(text) == [("ilias-merek", "We are ready")]
    assert statements('Ilias Merek, 44, fled. According to Ilias Merek, "the war is over".') == [
        ("ilias-merek", "the war is over")]


def test_what_someone_unnamed_for_a_named_person_tells_is_not_the_persons_word():
    # events and figures told by "a spokesman for X", "the family of X": neither X's nor the article's own
    d = draft("t", 'Ilias Merek, 44, leads the Green Valley Front. A spokesman for Ilias Merek said Karel Vlk was '
                   'killed on 1 May 2023. The family of Merek said Tomas Brell was arrested on 3 March 2023. A lawyer '
                   'for Merek said the group had carried out 40 attacks in 2022.', check=False)
    told = [(f["type"], f["said_by"], bool(f.get("review"))) for f in d.facts
            if f["type"] in ("killing", "capture", "statistic")]
    assert told == [("killing", "article", True), ("capture", "article", True), ("statistic", "article", True)]


def test_since_in_an_aside_about_the_group_is_no_start_of_its_figure():
    # "G, led by X since A, has abducted N": A is when X took over, not when the count began
    text = ("KANO, Nigeria, Sept. 3, 2021 - The Crescent Brigade, led by Yusuf Abba since 2018, has abducted more "
            "than 200 people in the state. Since 2019 the Crescent Brigade has killed 80 people.")
    periods = {f["value"]: f["period"] for f in drafted(text)[1] if f["type"] == "statistic"}
    assert periods.get(200) in (None, "2021-09-03") and periods.get(80) == "2019_2021-09-03"


def test_a_day_told_relative_to_the_article_is_read_as_that_day_not_as_a_present_state():
    text = ("MANILA, Philippines, Nov. 5, 2019 - The Sulu Tigers are an armed group. Troops killed five fighters "
            "of the group in a clash near Patikul on Tuesday.")
    figure = next(f for f in drafted(text)[1] if f["type"] == "statistic")
    assert figure["period"] == "2019-11-05" and "present state" not in figure["inferred"].get("period", "")


def test_a_group_that_claims_an_attack_by_name_is_whose_victims_the_attack_counts():
    # "G claimed (responsibility for) the bombing of X in A, which killed N": G's victims, not G telling a figure
    text = ("The Sable Front is an armed group. The Sable Front claimed the bombing of a bus station in Lisbon in "
            "March 2010, which killed 40 people. The Sable Front claimed responsibility for the attack on a market "
            "in Porto in May 2012, which killed 12 people.")
    figures = {(f["value"], f["subject"], f["period"]) for f in drafted(text)[1] if f["type"] == "statistic"}
    assert figures == {(40, "sable-front", "2010-03"), (12, "sable-front", "2012-05")}
    # a figure the group claims it did is still its word, told by it: not the article's
    said = [(f["value"], f["said_by"]) for f in drafted("The Sable Front is an armed group. The Sable Front claimed "
                                                        "that it had killed 30 soldiers in May 2012.")[1]
            if f["type"] == "statistic"]
    assert said in ([], [(30, "sable-front")])


def test_one_victim_counted_in_the_singular():
    text = ("The Sable Front is an armed group. On 19 July 2014 a Sable Front drone hit a market in Lisbon, killing "
            "one man. On 2 May 2015 the group attacked a checkpoint near Porto, killing a soldier.")
    figures = [(f["value"], f["period"], f.get("wording")) for f in drafted(text)[1] if f["type"] == "statistic"]
    assert figures == [(1, "2014-07-19", "one man")]  # "a soldier" is no count


def successions(text: str) -> set[tuple[str, str, str]]:
    out = set()
    for f in drafted(text)[1]:
        if f["type"] == "leadership":
            out |= {(f["person"], k, f[k]) for k in ("replaces", "replaced_by") if f.get(k)}
    return out


def test_a_successor_or_a_predecessor_named_after_a_possessive_or_a_role():
    text = ("Ilias Merek, the leader of the Green Valley Front, was killed in 2019, and his successor, Karel Vlk, "
            "is in hiding.")
    assert successions(text) == {("ilias-merek", "replaced_by", "karel-vlk"), ("karel-vlk", "replaces", "ilias-merek")}
    text = "Karel Vlk is the leader of the Green Valley Front. Vlk's predecessor, Ilias Merek, died in 2019."
    assert successions(text) == {("ilias-merek", "replaced_by", "karel-vlk"), ("karel-vlk", "replaces", "ilias-merek")}
    text = ("Karel Vlk has led the Green Valley Front since 2019, when he took over from its founder, Ilias Merek.")
    assert successions(text) == {("ilias-merek", "replaced_by", "karel-vlk"), ("karel-vlk", "replaces", "ilias-merek")}


def test_the_one_succeeded_as_a_post_holds_no_term_starting_when_the_successor_took_over():
    # "X succeeded Z as the group's leader in A": A starts X's term; Z's is not drafted as starting in A
    d = draft("t", "The Green Valley Front is an armed group. Karel Vlk succeeded Ilias Merek as the group's leader "
                   "in 2019.", check=False)
    terms = {(f["person"], f.get("start"), f.get("end")) for f in d.facts if f["type"] == "leadership"}
    assert ("karel-vlk", "2019", None) in terms, terms
    assert not any(person == "ilias-merek" and start for person, start, _ in terms), terms


def test_a_successor_as_a_bare_role_holds_it_in_the_article_s_group():
    # "X succeeded Z as leader in A", no organisation named: the article's group, inferred and said so
    d = draft("t", "The Green Valley Front is an armed group. Karel Vlk succeeded Ilias Merek as leader in 2019.",
              check=False)
    terms = {(f["person"], f["organization"], f.get("start")): f for f in d.facts if f["type"] == "leadership"}
    assert ("karel-vlk", "green-valley-front", "2019") in terms, terms
    assert "organization" in terms[("karel-vlk", "green-valley-front", "2019")]["inferred"]
    assert not any(person == "ilias-merek" and start for person, _, start in terms), terms


def test_taking_over_the_group_starts_a_term_as_its_leader():
    base = "The Green Valley Front is an armed group. "
    def terms(sentence: str) -> list[tuple]:
        return [(f["person"], f["organization"], f["role"], f.get("start"))
                for f in draft("t", base + sentence, check=False).facts if f["type"] == "leadership"]
    assert terms("Karel Vlk took over the group in 2019.") == [("karel-vlk", "green-valley-front", "leader", "2019")]
    for other in ("Karel Vlk took over the group's radio station in 2019.", "Karel Vlk took over Lisbon in 2019."):
        assert terms(other) == [], other


def test_an_event_told_by_a_participle_after_the_victims_apposition():
    # "X, a Swedish tourist seized in Y in A": X is the one seized; not "X, a friend of those killed in A"
    assert events("The group still holds Johan Berg, a Swedish tourist seized in Lisbon in November 2021.",
                  "capture") == [("johan-berg", "2021-11", ("lisbon",))]
    assert events("Ana Ruiz, a journalist shot dead in Porto on 3 May 2019, had written about the group.",
                  "killing") == [("ana-ruiz", "2019-05-03", ("porto",))]
    assert events("Omar Tal, a friend of the villagers killed in Porto on 3 May 2019, spoke.", "killing") == []


def test_an_event_the_group_tells_before_it_is_the_groups_word():
    # "The group confirmed that its spokesman, X, had been arrested": the group's word, not the article's
    d = draft("t", "The Sahel Unity Front is an armed group. The group also confirmed that its spokesman, Yacouba "
                   "Diallo, had been arrested in Lisbon on 2 February 2024.", check=False)
    told = [(f["victim"], f["said_by"]) for f in d.facts if f["type"] == "capture"]
    assert told == [("yacouba-diallo", "sahel-unity-front")]


def test_since_the_group_was_formed_in_a_year_counts_up_to_the_articles_date():
    text = ("ISLAMABAD, Pakistan, March 2, 2023 - The Crescent Front has claimed more than 300 attacks since it was "
            "formed in 2016.")
    periods = [f["period"] for f in drafted(text)[1] if f["type"] == "statistic"]
    assert periods == ["2016_2023-03-02"]


def test_a_place_an_organisation_is_named_after_is_no_short_name_of_it():
    # "the government of X" names the land the "X Liberation Army" is named after, not the group
    drafted_entities = drafted("The Kessra Liberation Army (KLA), a rebel group fighting the government of Kessra "
                               "since 2011, named Havel Druze as its new commander on Sunday.")[0]
    assert drafted_entities["kessra-liberation-army"].get("aliases") == ["KLA"]
    # the first word alone, where no place's word comes before it, is still the group
    drafted_entities = drafted("The Haqqani Network attacked a base in 2019. Haqqani fighters killed 12 soldiers.")[0]
    assert drafted_entities["haqqani-network"].get("aliases") == ["Haqqani"]


def test_a_captive_held_as_the_article_is_written():
    # "G is holding X, who was kidnapped in D": a captivity by G that no source ends, begun on D
    facts = drafted("The Sable Front is holding an Italian engineer, Paolo Brentani, who was kidnapped in Pelk in "
                    "June 2025.")[1]
    assert [(f["victim"], f["perpetrator"], f.get("start")) for f in facts if f["type"] == "captivity"] == [
        ("paolo-brentani", ["sable-front"], "2025-06")]
    facts = drafted("Paolo Brentani, an Italian engineer, is still held by the Sable Front.")[1]
    assert [(f["victim"], f["perpetrator"], f.get("start")) for f in facts if f["type"] == "captivity"] == [
        ("paolo-brentani", ["sable-front"], None)]
    # held in the past, or while something else happened: no captivity going on is told
    for text in ("Paolo Brentani, an engineer, was held by the Sable Front in 2024 before he escaped.",
                 "The Sable Front was holding Paolo Brentani when the army attacked in 2024."):
        assert not [f for f in drafted(text)[1] if f["type"] == "captivity"]


def test_a_told_strike_on_a_day_and_the_body_of_a_land_the_gazetteers_lack():
    text = ("DORVAL, Kessra (Nov. 3, 2026) — A drone strike killed Ostin Marr near Pelk. The Kessran defence ministry "
            "said the strike on Oct. 20 killed Marr. The defence ministry said security forces detained 87 "
            "suspected members of the Kessra Liberation Army in 2025.")
    entities, facts = drafted(text)
    killing = next(f for f in facts if f["type"] == "killing")
    # the attack the teller names, with its day, dates the killing; the teller is the land's ministry
    assert killing["date"] == "2026-10-20" and killing["quote"][0] == "A drone strike killed Ostin Marr"
    assert killing["quote"][1] == {"text": "The Kessran defence ministry said the strike on Oct. 20 killed Marr",
                                   "said_by": "kessran-defence-ministry"}
    assert entities["kessran-defence-ministry"]["type"] == "GovernmentBody"
    # "the defence ministry" later is the same body
    figure = next(f for f in facts if f["type"] == "statistic")
    assert figure["reported_by"] == "kessran-defence-ministry", figure


def test_a_place_set_off_after_the_capital():
    # "in the capital, X, in D": X is the city, and the event's place
    facts = drafted("Tomas Vell was captured by soldiers in the capital, Dorval, in March 2019.")[1]
    assert [(f["victim"], f.get("place"), f.get("date")) for f in facts if f["type"] == "capture"] == [
        ("tomas-vell", ["dorval"], "2019-03")]


def test_a_group_formally_named_otherwise_is_one_group():
    # "The X, formally the Y (Z)": one armed group under three names; "Maravian" (of Maravia) is none of them
    text = ("Who are the Sun Wolves of Maravia? The Sun Wolves, formally the Maravian Solar Brotherhood (MSB), are "
            "an armed movement. Fenn led the Sun Wolves until 2014. The Maravian interior ministry said the MSB "
            "attacked a base.")
    entities, facts = drafted(text)
    groups = {k: e for k, e in entities.items() if e["type"] == "ArmedGroup"}
    assert list(groups) == ["maravian-solar-brotherhood"], entities
    assert sorted(groups["maravian-solar-brotherhood"]["aliases"]) == ["MSB", "Sun Wolves"]
    # a project that holds the group under its popular name keeps that entity, with the formal name added
    known = draft("t", text, {"sun-wolves": ("ArmedGroup", "Sun Wolves", [])}, check=False).entities
    assert [k for k, e in known.items() if e["type"] in ("ArmedGroup", "Organization")] == ["sun-wolves"]
    assert {"Maravian Solar Brotherhood", "MSB"} <= set(known["sun-wolves"]["aliases"])


def test_victims_named_after_their_count():
    # "G kidnapped two Dutch journalists, X and Y, in D": a capture of each, by G, on D
    facts = drafted("The Sable Front also kidnapped two Dutch journalists, Anouk Veld and Pieter Haas, "
                    "in April 2024.")[1]
    assert [(f["victim"], f.get("perpetrator"), f.get("date")) for f in facts if f["type"] == "capture"] == [
        ("anouk-veld", ["sable-front"], "2024-04"), ("pieter-haas", ["sable-front"], "2024-04")]


def test_a_term_ends_at_a_death_told_with_how_and_where_before_its_date():
    # "until his death in a car bombing in Tessaly in 2014": the end is the date after the how
    _, facts = drafted("Aron Vasko led the Pelk Front until his death in a car bombing in Tessaly in 2014.")
    terms = [(f["person"], f.get("end")) for f in facts if f["type"] == "leadership"]
    assert terms == [("aron-vasko", "2014")]


def test_a_sentencing_told_as_the_second_verb_of_an_arrest():
    _, facts = drafted("Mirek Halas, a commander of the Pelk Front, was arrested in Tessaly in 2022 and "
                       "sentenced to 30 years in prison in 2023.")
    sentenced = [(f["defendant"], f["penalty"], f.get("date")) for f in facts if f["type"] == "sentencing"]
    assert sentenced == [("mirek-halas", "30 years in prison", "2023")]
    assert [f.get("date") for f in facts if f["type"] == "capture"] == ["2022"]


def test_a_sentencing_not_yet_passed_after_an_arrest_is_not_drafted():
    _, facts = drafted("Mirek Halas was arrested in Tessaly in 2022 and could be sentenced to death.")
    assert not [f for f in facts if f["type"] == "sentencing"]


def test_a_leader_who_took_over_and_has_led_the_group_since():
    # "X took over and has led the group ever since": a leader's term for X, with no start the
    # sentence does not give
    _, facts = drafted("The Pelk Front was founded in 2009 by Aron Vasko. After Vasko was killed in 2016, his "
                       "deputy, Mirek Halas, took over and has led the group ever since.")
    terms = {(f["person"], f["role"], f.get("start"), f.get("end")) for f in facts if f["type"] == "leadership"}
    assert ("mirek-halas", "leader", None, None) in terms, terms


def test_a_count_of_victims_in_an_attack_of_its_opening_the_sentence():
    # "In its deadliest attack, on a place on D, N cadets were killed": the group's victims, of D
    text = ("KETRA CITY, 4 March 2025 — The Pelk Front is an armed group. In its deadliest attack, on a police "
            "academy in Ketra City on 2 March 2025, 41 cadets were killed.")
    _, facts = drafted(text)
    assert [(f["value"], f["measure"], f["subject"], f["period"]) for f in facts if f["type"] == "statistic"] == [
        (41, "people_killed", "pelk-front", "2025-03-02")]
    # whose victims they are is in the quote: the words that name the group's attack
    assert [f["quote"] for f in facts if f["type"] == "statistic"][0].startswith("its deadliest attack")


def test_a_count_after_its_attack_with_another_doer_is_not_the_groups():
    # "In its attack, soldiers killed N": the soldiers are who killed, not the group
    text = ("KETRA CITY, 4 March 2025 — The Pelk Front is an armed group. In its deadliest attack, on 2 March 2025, "
            "soldiers killed 41 people.")
    _, facts = drafted(text)
    assert not [f for f in facts if f["type"] == "statistic" and f.get("subject") == "pelk-front"]


FIGURES = ("KETRA CITY, 4 March 2025 — The Pelk Front is an armed group. The Interior Ministry estimates the group "
           "has about 3,500 fighters{more}. {teller} puts the number at 2,000.")


def test_a_number_named_back_is_another_tellers_count_of_the_figure_before():
    # "Y estimates G has N fighters. Z puts the number at M": M fighters of G, Z's figure
    d = draft("t", FIGURES.format(more="", teller="The Defence Ministry"), check=False)
    figures = [(f["value"], f["measure"], f["subject"], f["period"], f["said_by"], f.get("review"))
               for f in d.facts if f["type"] == "statistic"]
    assert figures == [(3500, "fighters", "pelk-front", "2025-03-04", "interior-ministry", None),
                       (2000, "fighters", "pelk-front", "2025-03-04", "defence-ministry", None)]
    # what the number counts is quoted in the words of the one who told the figure before, as theirs
    quotes = [f["quote"] for f in d.facts if f.get("value") == 2000][0]
    assert {"text": "Interior Ministry estimates the group has about 3,500 fighters",
            "said_by": "interior-ministry"} in quotes


def test_a_number_named_back_by_a_teller_not_drafted_is_held_for_review():
    d = draft("t", FIGURES.format(more="", teller="The government"), check=False)
    held = [f for f in d.facts if f["type"] == "statistic" and f.get("value") == 2000]
    assert len(held) == 1 and held[0].get("review"), held


def test_a_number_named_back_after_two_counts_is_not_drafted():
    # "N fighters and M commanders. Z puts the number at K": which number is unclear
    d = draft("t", FIGURES.format(more=" and 200 commanders", teller="The Defence Ministry"), check=False)
    assert not [f for f in d.facts if f["type"] == "statistic" and f.get("value") == 2000]


def test_a_sentencing_of_a_name_after_its_role():
    # "The group's spokesman, X, was sentenced to P": the comma closing the apposition
    _, facts = drafted("The Pelk Front is an armed group. The group's spokesman, Mirek Halas, was sentenced to 25 "
                       "years in prison in 2022.")
    assert [(f["defendant"], f["penalty"], f.get("date")) for f in facts if f["type"] == "sentencing"] == [
        ("mirek-halas", "25 years in prison", "2022")]


def test_both_freed_ends_the_captivity_of_the_two_captured_just_before():
    # "G kidnapped X and Y in D. Both were freed in E": a captivity of each from D to E, held by G
    text = ("The Pelk Front kidnapped two aid workers, Anna Brell and Tomas Vik, in Tessaly in March 2024. "
            "Both were freed in January 2025.")
    _, facts = drafted(text)
    held = sorted((f["victim"], f.get("perpetrator"), f.get("start"), f.get("end"))
                  for f in facts if f["type"] == "captivity")
    assert held == [("anna-brell", ["pelk-front"], "2024-03", "2025-01"),
                    ("tomas-vik", ["pelk-front"], "2024-03", "2025-01")]


@pytest.mark.parametrize("taken", ["three aid workers, Anna Brell, Tomas Vik and Ivo Marek,", "Anna Brell"])
def test_both_freed_after_another_number_of_captives_ends_no_captivity(taken):
    _, facts = drafted(f"The Pelk Front kidnapped {taken} in Tessaly in March 2024. Both were freed in January 2025.")
    assert not [f for f in facts if f["type"] == "captivity"]


def test_a_captivity_made_from_a_capture_is_written_out_as_kg_reads_it(tmp_path):
    # the captivity shares no list with its capture: a shared one is written as a YAML alias, which kg refuses
    from kg import yamlsafe
    from kg.extract.output import to_yaml

    d = draft("t", "The Pelk Front kidnapped two aid workers, Anna Brell and Tomas Vik, in Tessaly in March 2024. "
                   "Both were freed in January 2025.", check=False)
    assert [f for f in d.facts if f["type"] == "captivity"]
    path = tmp_path / "t.yaml"
    path.write_text(to_yaml(d), encoding="utf-8")
    assert any(f["type"] == "captivity" for f in yamlsafe.load(path)["facts"])
