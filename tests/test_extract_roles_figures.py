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
    text = ("KELT, 4 June 2019 - The Ministry of Defence of Ardenvale issued a statement on the militant group "
            "Sayf Brotherhood. Its attacks have killed 212 civilians since 2013, the ministry said.")
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



def test_a_range_of_estimates_of_a_figure_named_before_it():
    found = stats("BAMAKO, 12 December 2022 - Estimates of the number of children the Red Delta Militia abducted "
                  "between 2001 and 2010 range from 3,000 to more than 6,000. Tallies of the Red Delta Militia's "
                  "victims range from 829 to 853 for the years 2001 to 2010.")
    abducted, killed = found[3000], found[829]
    assert (abducted["measure"], abducted["max"], abducted["period"], abducted["certainty"]) == (
        "people_abducted", 6000, "2001_2010", "estimated")
    assert (killed["measure"], killed["max"], killed["period"], killed["subject"]) == (
        "people_killed", 853, "2001_2010", "red-delta-militia")


def test_a_strength_range_of_estimates():
    found = stats("The Red Delta Militia is a rebel group. Western estimates ranged from roughly 2,000 to 5,000 "
                  "fighters in 2019.")
    assert (found[2000]["measure"], found[2000]["max"], found[2000]["period"]) == ("fighters", 5000, "2019")


def test_a_toll_without_whose_victims_or_a_number_of_something_else_is_not_drafted():
    found = stats("BAMAKO, 12 December 2022 - Estimates of the death toll in the village range from 12 to 150. "
                  "Estimates of the number of houses the Red Delta Militia burned range from 300 to 500.")
    assert not found



def test_the_events_own_date_not_the_date_of_an_aside_and_a_timeline_lines_date():
    found = stats("The Red Delta Militia is a rebel group. In 2004 the Red Delta Militia, founded in 1998, killed 40 "
                  "people in the port. The Red Delta Militia, which was formed in 1998, kidnapped 12 workers in 2006.\n"
                  "2011 - Joss Amari says the Red Delta Militia has 3,000 fighters.\n"
                  "2015 - Police arrest Joss Amari.")
    assert {n: f["period"] for n, f in found.items()} == {40: "2004", 12: "2006", 3000: "2011"}


def test_a_number_in_a_date_or_an_age_is_no_count():
    found = stats("The Red Delta Militia is a rebel group. On 12 May 2019 the Red Delta Militia killed 7 people in "
                  "the port. Its leader, 45, was arrested on 3 June.")
    assert set(found) == {7} and found[7]["period"] == "2019-05-12"



SAHEL = "GENEVA, 14 January 2023 - The Sahel Liberation Front is a rebel group in Mali. "


def test_a_month_that_opens_the_sentence_is_the_last_such_month_before_the_dateline():
    f = stats(SAHEL + "In August, its fighters killed 43 soldiers in an attack on a camp, the Malian army said.")[43]
    assert (f["period"], f["reported_by"], f["subject"]) == ("2022-08", "malian-army", "sahel-liberation-front")


def test_a_figure_someone_unnamed_tells_is_held_for_review():
    found = stats(SAHEL + "Malian forces said they had killed 120 militants in operations against the group in 2022. "
                  "The group still has a reported 2,500 fighters.")
    assert "said_by" in found[120]["review"] and "review" not in found[2500]


def test_an_organisation_at_the_place_of_an_attack_is_not_who_did_it_nor_a_street_after_it_the_place():
    found = stats(SAHEL + "On 24 May 2022, two car bombs at the headquarters of the United Nations Mission in Gao "
                      "killed three soldiers. In July, Sahel Liberation Front car bombs killed 25 people on Kanda "
                      "Street, in Gao.")
    assert 3 not in found
    assert (found[25]["subject"], found[25]["period"]) == ("sahel-liberation-front", "2022-07")
    assert found[25].get("place", ["kanda-street"]) == ["kanda-street"]  # never the town the street is in



def test_a_count_compared_with_the_one_before_counts_the_same_thing_in_its_own_period():
    found = stats(SAHEL + "Attacks by the Sahel Liberation Front killed at least 1,250 civilians in 2022, up from "
                  "about 800 in 2021, Human Rights Watch said. The group has some 400 fighters, down from roughly "
                  "1,500 in 2019.")
    assert (found[800]["measure"], found[800]["period"], found[800]["bound"]) == ("people_killed", "2021", "about")
    assert found[800]["reported_by"] == "human-rights-watch"
    assert (found[1500]["measure"], found[1500]["period"]) == ("fighters", "2019")


def test_a_comparison_with_nothing_counted_before_it_is_not_drafted():
    assert not stats(SAHEL + "Prices rose sharply in 2022, up from 800 in 2021.")



def test_people_displaced_by_the_fighting_are_the_one_armed_groups_victims():
    found = stats(SAHEL + "About 360,000 residents have been displaced by the fighting since 2020, according to the "
                  "Norwegian Refugee Council.")
    f = found[360000]
    assert (f["measure"], f["subject"], f["reported_by"]) == ("people_displaced", "sahel-liberation-front",
                                                              "norwegian-refugee-council")
    assert "the fighting" in f["inferred"]["subject"]
    two = stats(SAHEL + "The Sahel Liberation Front and the Gao Brigades clashed again. About 360,000 residents have "
                "been displaced by the fighting since 2020, according to the Norwegian Refugee Council.")
    assert 360000 not in two



def test_the_person_who_tells_a_figure_after_it_says_it():
    found = stats(SAHEL + "Its fighters killed 43 soldiers in 2022, army spokesman Col. Souleymane Dembele said on "
                  "Friday. The group has about 3,000 fighters, said Gen. Moussa Traore, the army chief.")
    assert found[43]["said_by"] == "souleymane-dembele" and "review" not in found[43]
    assert found[3000]["said_by"] == "moussa-traore"



DELTA = "The Red Delta Militia is a rebel group. "


def test_people_not_named_who_pass_a_figure_on_before_or_after_it_make_it_reported():
    found = stats(DELTA + "Western officials put the strength of the Red Delta Militia at roughly 5,000 fighters in "
                  "2021. The militia killed 40 people in 2020, officials said. The militia has 900 fighters, the "
                  "army said.")
    assert (found[5000]["measure"], found[5000]["bound"], found[5000]["certainty"], found[5000]["hedge"]) == (
        "fighters", "about", "reported", "Western officials put")
    assert (found[40]["certainty"], found[40]["hedge"]) == ("reported", "officials said")
    assert "review" in found[900]  # "the army" is not drafted: who tells it is left to the reviewer


def test_a_named_organisation_in_an_unknown_place_reports():
    found = stats(DELTA + "The United Nations Mission in Deltaria reported that the militia killed more than 300 "
                  "civilians in 2022.")
    assert found[300]["reported_by"].startswith("united-nations-mission")



MALI = "BAMAKO, 3 March 2022 - The Sahel Liberation Front is a rebel group in Mali. "


def test_passive_victims_whose_doer_comes_after_and_attacks_claimed_by_a_group_are_no_hedge():
    found = stats(MALI + "At least 30 people were killed when Sahel Liberation Front fighters attacked a market in Gao "
                  "on 2 February 2022. Some 12 villagers were abducted by the group in 2021. In 2020, 45 soldiers "
                  "died in attacks claimed by the Sahel Liberation Front.")
    assert (found[30]["subject"], found[30]["period"], found[30]["bound"]) == (
        "sahel-liberation-front", "2022-02-02", "at_least")
    assert (found[12]["measure"], found[12]["subject"]) == ("people_abducted", "sahel-liberation-front")
    assert found[45]["subject"] == "sahel-liberation-front" and "certainty" not in found[45]


def test_passive_victims_when_soldiers_attacked_are_not_the_groups():
    found = stats(MALI + "At least 30 people were killed when soldiers attacked a market in Gao on 2 February 2022.")
    assert 30 not in found



def test_a_month_before_a_comma_and_a_count_and_a_range_that_opens_the_sentence():
    found = stats(MALI + "In January, 40 of its fighters were killed in a raid. Between 2015 and 2020, the group "
                  "carried out 320 attacks, according to the Malian army. On June 13 the group had 900 fighters.")
    assert (found[40]["measure"], found[40]["period"]) == ("operatives_killed", "2022-01")
    assert (found[320]["measure"], found[320]["period"], found[320]["reported_by"]) == ("attacks", "2015_2020",
                                                                                        "malian-army")
    assert 13 not in found



def test_a_verb_of_another_count_is_not_this_ones_but_a_list_shares_it():
    found = stats(MALI + "The group killed 40 people in 2021 and has 300 people in custody. Its fighters killed 10 "
                  "soldiers and 5 civilians in 2020. The group numbers about 2,000 men.")
    assert 300 not in found
    assert (found[5]["measure"], found[5]["subject"], found[5]["period"]) == ("people_killed",
                                                                             "sahel-liberation-front", "2020")
    assert (found[2000]["measure"], found[2000]["bound"]) == ("fighters", "about")



def test_a_group_that_tells_its_own_deed_is_its_subject_and_reporter():
    found = stats(MALI + "The Sahel Liberation Front said it had killed 30 soldiers in an attack on Gao on 1 March "
                  "2022. The Malian army said it had killed 12 people in 2021.")
    assert (found[30]["subject"], found[30]["reported_by"], found[30]["period"]) == (
        "sahel-liberation-front", "sahel-liberation-front", "2022-03-01")
    assert 12 not in found  # the army's deed: no armed group's victims


# --- leadership -------------------------------------------------------------------------------

VANGUARD = "The Northern Vanguard is a rebel group in the hills. "


def test_a_role_passed_on_from_someone_else_is_reported_with_their_words():
    found = terms(VANGUARD + "Ilias Brandt, whom the police described as the group's second-in-command, was detained. "
                  "Police arrested Mira Sokol on Monday. Sokol, identified by investigators as the Northern Vanguard "
                  "commander who planned the raid, "
                  "was also detained.")
    brandt, sokol = found[("ilias-brandt", "deputy")], found[("mira-sokol", "commander")]
    assert (brandt["organization"], brandt["certainty"], brandt["hedge"]) == (
        "northern-vanguard", "reported", "whom the police described as")
    assert (sokol["organization"], sokol["certainty"], sokol["hedge"]) == (
        "northern-vanguard", "reported", "identified by investigators as")


def test_named_as_its_new_leader_after_a_long_aside():
    found = terms(VANGUARD + "On 3 May 2019 the Northern Vanguard named Piet Janssens, a 51-year-old former teacher "
                  "from the coast who had spent a decade in exile and was known to his men as the Professor, as its "
                  "new leader.")
    assert (found[("piet-janssens", "leader")]["organization"], found[("piet-janssens", "leader")]["start"]) == (
        "northern-vanguard", "2019-05-03")


def test_since_a_date_that_opens_the_sentence_starts_the_term_but_in_a_year_does_not():
    since = terms("Since 2020 the Red Delta Militia has been headed by Joss Amari, a former army officer.")
    assert since[("joss-amari", "leader")]["start"] == "2020"
    during = terms("In 2020 the Red Delta Militia was headed by Joss Amari, a former army officer.")
    assert "start" not in during[("joss-amari", "leader")]


def test_appointed_to_a_role_without_an_article_and_succeeded_as_leader():
    found = terms("The Red Delta Militia is a rebel group. In March 2018 Joss Amari was appointed head of the Red "
                  "Delta Militia. Gen. Samir Okafor, 44, succeeded Joss Amari as leader of the Red Delta Militia in "
                  "2021.")
    assert found[("joss-amari", "leader")]["start"] == "2018-03"
    okafor = found[("samir-okafor", "leader")]
    assert (okafor["organization"], okafor["start"], okafor["replaces"]) == ("red-delta-militia", "2021", "joss-amari")
    assert found[("joss-amari", "leader")]["replaced_by"] == "samir-okafor"


def test_a_group_word_before_a_role_is_the_articles_group_only_when_no_other_is_named():
    alone = terms("The Red Delta Militia is a rebel group in the delta. Rebel spokesman Tarik Oyelaran denied the "
                  "claim.")
    term = alone[("tarik-oyelaran", "spokesman")]
    assert term["organization"] == "red-delta-militia" and "Red Delta Militia" in term["inferred"]["organization"]
    two = terms("The Red Delta Militia is a rebel group. Rebel spokesman Tarik Oyelaran said the Blue River Front "
                "had attacked first.")
    assert ("tarik-oyelaran", "spokesman") not in two


def test_a_founder_described_before_the_relative_clause():
    found = terms("Joss Amari, a former teacher from the delta who founded the Red Delta Militia in 1999, said the "
                  "group would fight on.")
    assert (found[("joss-amari", "founder")]["organization"], found[("joss-amari", "founder")]["start"]) == (
        "red-delta-militia", "1999")


def test_a_role_verb_with_an_adverb_and_proclaiming_oneself_emir():
    found = terms("The militant group Red Delta Militia is led politically by Gen. Joss Amari. In 2007, Gen. "
                  "Samir Okafor proclaimed himself emir of the Red Delta Militia.")
    assert found[("joss-amari", "leader")]["organization"] == "red-delta-militia"
    assert (found[("samir-okafor", "ruler")]["organization"], found[("samir-okafor", "ruler")]["start"]) == (
        "red-delta-militia", "2007")


def test_described_as_someone_else_or_heading_a_part_is_no_leadership():
    found = terms(VANGUARD + "Ilias Brandt, whom the police described as a driver for the group, was detained. "
                  "Mira Sokol, who heads the Northern Vanguard's youth wing, spoke on Sunday.")
    assert not found


def test_the_new_items_pass_the_builds_checks():
    text = ("KELT, 4 June 2019 - The Ministry of Defence of Ardenvale issued a statement on the militant group Sayf "
            "Brotherhood. Its attacks have killed 212 civilians since 2013, the ministry said. Ilias Brandt, whom the "
            "police described as the group's second-in-command, was detained. Rebel spokesman Tarik Oyelaran denied "
            "the claim.")
    checked = draft("t", text, check=True)
    assert not checked.dropped
    kinds = sorted(f["type"] for f in checked.facts if f["type"] in ("leadership", "statistic"))
    assert kinds == ["leadership", "leadership", "statistic"]


def test_a_cofounder_after_an_aside_that_names_a_place():
    found = terms("The Red Delta Militia was founded by Joss Amari, a teacher from the port of Kesh, together with "
                  "Gen. Samir Okafor.")
    assert {p for p, r in found if r == "founder"} == {"joss-amari", "samir-okafor"}


def test_a_long_aside_before_remained_its_leader_until():
    found = terms("The Red Delta Militia is a rebel group. Joss Amari, who had lost a leg in a mine blast during his "
                  "first year in the movement, remained the group's leader until 3 March 2014.")
    assert found[("joss-amari", "leader")]["end"] == "2014-03-03"


def test_what_the_organisation_is_before_its_name_and_no_leadership_of_a_wing():
    found = terms("Joss Amari, the leader of the militant group Red Delta Militia, was arrested. Gen. Tarik Oyelaran, "
                  "the commander of the youth wing of the Red Delta Militia, was killed.")
    assert set(found) == {("joss-amari", "leader")}
    assert found[("joss-amari", "leader")]["organization"] == "red-delta-militia"


WIRE = ("KARACHI, 9 March 2021 (Reuters) - The Crescent Shield Movement has appointed Farid Noorzai as its new chief. "
        "Noorzai, 47, had served as the movement's deputy leader since 2016. He becomes the group's third leader. "
        "Noorzai's deputy, Karim Haqqani, will also act as the movement's spokesman, the statement said.")


def test_a_role_served_after_an_age_a_new_leaders_ordinal_by_he_and_acting_as_spokesman():
    found = terms(WIRE)
    assert found[("farid-noorzai", "deputy")]["start"] == "2016"
    assert found[("farid-noorzai", "leader")]["ordinal"] == 3
    assert found[("karim-haqqani", "spokesman")]["organization"] == "crescent-shield-movement"


def test_he_in_the_middle_of_a_sentence_does_not_become_someone_elses_leader():
    found = terms("The Crescent Shield Movement is a militant group. Farid Noorzai met the envoy, and later he was "
                  "the group's third leader, the envoy said.")
    assert not found


def test_of_two_groups_named_as_often_its_means_the_one_the_article_opens_with():
    found = terms("The Red Delta Militia fought the Blue River Front in 2019. The Red Delta Militia won, and the Blue "
                  "River Front withdrew. Its leader, Gen. Joss Amari, declared victory.")
    term = found[("joss-amari", "leader")]
    assert term["organization"] == "red-delta-militia" and "Red Delta Militia" in term["inferred"]["organization"]
    once = terms("The Red Delta Militia fought the Blue River Front in 2019. Its leader, Gen. Joss Amari, declared "
                 "victory.")
    assert not once  # named once each: whose leader is not clear


SHIELD = "The Crescent Shield Movement is a militant group. "


def test_a_term_until_the_holders_death_and_taking_over_the_leadership():
    found = terms(SHIELD + "Gen. Farid Noorzai was the group's leader from 2009 until his death in 2015. Gen. Karim "
                  "Haqqani took over the leadership of the Crescent Shield Movement in 2016.")
    assert (found[("farid-noorzai", "leader")]["start"], found[("farid-noorzai", "leader")]["end"]) == ("2009", "2015")
    assert found[("karim-haqqani", "leader")]["start"] == "2016"


def test_chosen_to_lead_became_head_of_named_its_emir_and_a_role_in_brackets():
    found = terms(SHIELD + "Gen. Farid Noorzai was chosen to lead the Crescent Shield Movement in 2009. In 2012 Gen. "
                  "Karim Haqqani became head of the Crescent Shield Movement. Gen. Omar Sadiq (the Crescent Shield "
                  "Movement's spokesman) was seen in 2019.")
    assert found[("farid-noorzai", "leader")]["start"] == "2009"
    assert found[("karim-haqqani", "leader")]["start"] == "2012"
    assert found[("omar-sadiq", "spokesman")]["organization"] == "crescent-shield-movement"
    named = terms("The Crescent Shield Movement named Gen. Farid Noorzai its new emir on 4 May 2019.")
    assert named[("farid-noorzai", "ruler")]["start"] == "2019-05-04"


def test_its_before_a_part_of_the_group_is_no_leadership_of_the_group():
    assert not terms(SHIELD + "Gen. Farid Noorzai took over the leadership of its youth wing in 2009. Gen. Karim "
                     "Haqqani, who heads its media office, spoke.")


def test_a_vice_president_is_a_deputy_from_the_vocabulary():
    found = terms(SHIELD + "Gen. Karim Haqqani, the movement's vice-president, was arrested.")
    assert found[("karim-haqqani", "deputy")]["organization"] == "crescent-shield-movement"


def test_stepping_down_ends_the_term_and_joins_the_term_begun_before():
    found = terms(SHIELD + "Gen. Farid Noorzai, who led the group from 2009, resigned as its leader in June 2019. In "
                  "2020 Gen. Karim Haqqani was removed as the group's commander.")
    assert (found[("farid-noorzai", "leader")]["start"], found[("farid-noorzai", "leader")]["end"]) == ("2009",
                                                                                                        "2019-06")
    assert found[("karim-haqqani", "commander")]["end"] == "2020"
    assert "start" not in found[("karim-haqqani", "commander")]


def test_the_rival_group_is_not_the_articles_group():
    assert not terms(SHIELD + "Gen. Omar Sadiq, the leader of the rival group, was arrested. The leader of the rival "
                     "group is Gen. Farid Noorzai.")


def test_a_role_named_first_with_a_copula_and_a_hedge():
    found = terms(SHIELD + "The movement's leader is believed to be Gen. Farid Noorzai. The movement's spokesman was "
                  "Gen. Omar Sadiq until 2015.")
    leader = found[("farid-noorzai", "leader")]
    assert (leader["organization"], leader["certainty"], leader["hedge"]) == (
        "crescent-shield-movement", "believed", "believed to be")
    assert found[("omar-sadiq", "spokesman")]["end"] == "2015"


ANALYSIS = ("ANALYSIS: Is the Northern Vanguard running out of fighters?\n\nBy Lena Ortiz, 12 April 2023\n\n"
            "The rebel group Northern Vanguard seemed unstoppable. Today, its new leader, Dario Vell, who took over "
            "in January after the death of Anja Rolf, faces a shrinking base. The Carmonia Conflict Monitor counted "
            "212 civilians killed in attacks by the Northern Vanguard in 2022. The group kidnapped at least 40 aid "
            "workers last year, the monitor said.")


def test_an_analysis_a_leader_who_took_over_in_a_month_and_a_figure_of_last_year():
    term = terms(ANALYSIS)[("dario-vell", "leader")]
    assert term["start"] == "2023-01" and "January" in term["inferred"]["start"]
    found = stats(ANALYSIS)
    assert (found[212]["period"], found[212]["reported_by"]) == ("2022", "carmonia-conflict-monitor")
    f = found[40]
    assert (f["measure"], f["period"], f["bound"], f["reported_by"]) == ("people_abducted", "2022", "at_least",
                                                                         "carmonia-conflict-monitor")
    checked = draft("t", ANALYSIS, check=True)
    assert not checked.dropped


LED = SHIELD + "Gen. Farid Noorzai led the movement from 2009 to 2015. "


def test_successors_by_a_possessive_a_titled_name_and_him():
    for text in (LED + "Noorzai's successor, Gen. Karim Haqqani, was arrested in 2018.",
                 LED + "He was succeeded by Gen. Karim Haqqani.",
                 LED + "Gen. Karim Haqqani replaced him in 2015."):
        found = terms(text)
        assert found[("farid-noorzai", "leader")]["replaced_by"] == "karim-haqqani", text
        assert found[("karim-haqqani", "leader")]["replaces"] == "farid-noorzai", text
    assert terms(LED + "Gen. Karim Haqqani replaced him in 2015.")[("karim-haqqani", "leader")]["start"] == "2015"


def test_replacing_someone_in_another_sense_is_no_succession():
    found = terms(LED + "Gen. Karim Haqqani replaced the tyres of the truck in 2015.")
    assert "replaced_by" not in found[("farid-noorzai", "leader")] and len(found) == 1


def test_a_count_since_the_start_of_a_year_runs_from_that_year_to_the_articles_date():
    """"Since the start of 2024", "since the beginning of the year": from that year up to the
    dateline, not the dateline's day alone (and the period keeps its quotes through the checks)."""
    d = draft("t", "DAKAR, Sept. 22, 2024 -- Since the start of 2024, the Tarn Valley Front has carried out 63 "
                   "attacks in the Ossel region. Since the beginning of the year, the Tarn Valley Front has killed "
                   "41 soldiers.")
    found = {f["value"]: f for f in d.facts if f["type"] == "statistic"}
    assert found[63]["period"] == found[41]["period"] == "2024_2024-09-22"
    assert d.periods["2024_2024-09-22"]["start"] == "2024"


def test_a_forecast_figure_is_projected_not_counted():
    """"will likely carry out between N and M attacks", "is expected to", "would … , analysts said":
    a figure of the future is projected, with its hedge; one whose forecaster is not named is held."""
    found = stats("The Tarn Valley Front (TVF) is an insurgent group in Ossel. We assess that the TVF will likely "
                  "carry out between 60 and 80 attacks in 2025. The TVF is expected to carry out 70 attacks in 2026. "
                  "The TVF would carry out at least 90 attacks in 2027, analysts said. In 2024, the TVF carried "
                  "out 50 attacks.")
    assert (found[60]["certainty"], found[60]["hedge"]) == ("projected", "will likely")
    assert found[70]["certainty"] == "projected" and found[90]["certainty"] == "projected"
    assert "said_by" in found[90]["review"] and "certainty" not in found[50]


def test_a_regions_total_is_placed_in_the_region_not_in_the_place_of_a_part():
    """"N attacks across X in A, including M in Y": the total's place is X; Y is the part's."""
    found = stats("DAKAR, Sept. 22, 2024 -- The Tarn Valley Front carried out 63 attacks across the Ossel region in "
                  "2023, including 21 in the Varn district. In 2022 the Tarn Valley Front carried out 40 attacks "
                  "in the Ossel region, most of them in the Varn district.")
    assert found[63]["place"] == found[40]["place"] == ["ossel"]
    assert found.get(21, {}).get("place", ["varn"]) == ["varn"]  # the part, if drafted, is Varn's


def test_a_qualified_top_role_or_one_held_in_a_place_is_not_the_groups_leader():
    """'its military emir', 'the spiritual leader of Y', 'the Y leader in Z' head a part, a side
    or a region of the group: none is drafted as its leader (a commander stays a commander)."""
    text = ("The military emir of the Black Cedar Movement, Hakan Selim, was arrested in 2023. Omer Kaan, the Black "
            "Cedar Movement leader in Ostra, was arrested in 2024. Adil Berk, the spiritual leader of the Black Cedar "
            "Movement, spoke in 2022. Dana Roe, the military commander of the Black Cedar Movement, was wounded. "
            "Ivo Lenz, the leader of the Black Cedar Movement, was not.")
    found = terms(text)
    assert not {k for k in found if k[1] in ("leader", "ruler") and k[0] != "ivo-lenz"}, found
    assert ("dana-roe", "commander") in found and ("ivo-lenz", "leader") in found, found


def test_the_date_of_an_article_without_a_dateline_is_left_for_review():
    """No dateline: the latest year the text names stands as its date, and the reviewer is told."""
    found = draft("t", "The Crimson Hand militia was named in a 2022 report. The militia has killed more than 300 "
                  "civilians since 2019.", check=False)
    assert found.article["as_of"] == "2022"
    assert any("no dateline" in r for r in found.review), found.review
    dated = draft("t", "BAMAKO, Sept. 22, 2024 -- The militia has killed 300 civilians since 2019.", check=False)
    assert not any("no dateline" in r for r in dated.review), dated.review


def test_no_person_from_an_operations_short_name_a_saints_church_or_an_office_before_a_name():
    """'Iron Lantern has broken …' after 'Operation Iron Lantern', 'St. Mark's church' and the
    office in 'County Commissioner X Y' name no person; an operation named after a person
    killed in the text still leaves that person."""
    text = ('ANKARA, 22 September 2024 -- The army ended Operation Iron Lantern on Friday. "Iron Lantern has broken '
            'the back of the movement," General Orhan Tas said. The funeral will be held at St. Mark\'s church. '
            "County Commissioner Alice Mwangi said on Tuesday that the road was closed. Operation Ada Bell was "
            "named after Ada Bell, who was killed in 2015.")
    people = {e["name"] for e in draft("t", text, check=False).entities.values() if e["type"] == "Person"}
    assert people == {"Orhan Tas", "Alice Mwangi", "Ada Bell"}, people
