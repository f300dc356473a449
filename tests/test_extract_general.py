"""More of the offline drafter's general constructions, on sentences written for these tests
(invented groups and people): a country's forces and offices in lower case, compound
adjectives and possessives before names, other names, quotations with titled speakers,
strength and victims."""

from __future__ import annotations

from kg.extract import draft


def drafted(text: str) -> tuple[dict[str, dict], list[dict]]:
    d = draft("t", text, check=False)
    return d.entities, d.facts


def test_a_countrys_forces_and_offices_in_lower_case():
    ents, _ = drafted("The Malian army said on Friday that it had repelled the raid. Peru's interior ministry "
                      "confirmed the arrests, and the interior ministry later named the suspects.")
    army = next(e for e in ents.values() if e["name"] == "Malian army")
    ministry = next(e for e in ents.values() if e["name"] == "Peru's interior ministry")
    assert army["type"] == "ArmedForce" and ministry["type"] == "GovernmentBody"
    assert ministry["aliases"] == ["interior ministry"]


def test_a_phrase_that_describes_something_else_is_no_body():
    ents, _ = drafted("The Malian army chief visited the wounded on Friday.")
    assert not any("army" in e["name"].lower() for e in ents.values())


def test_compound_adjectives_and_a_countrys_possessive_are_not_part_of_a_name():
    ents, _ = drafted("The Lagos-based Centre for Conflict Studies counted the raids. "
                      "Ghana's National Disaster Agency sent tents.")
    names = {e["name"]: e["type"] for e in ents.values()}
    assert names.get("Centre for Conflict Studies") == "Organization"
    assert names.get("National Disaster Agency") == "GovernmentBody" and names.get("Ghana") == "Country"
    assert not any("based" in n or "Ghana's" in n for n in names)


def test_other_names_are_aliases_and_a_surname_is_the_person_not_a_town():
    ents, _ = drafted('Ramiro Cruz, better known as Tomas Ibarra or "Cuervo", led the Coastal Front until 2011. '
                      "Omar Medina, who founded the Coastal Front, was arrested in 2012. Medina denied the charges.")
    assert ents["ramiro-cruz"]["aliases"] == ["Tomas Ibarra", "Cuervo"]
    assert "tomas-ibarra" not in ents and "cuervo" not in ents
    assert ents["omar-medina"]["type"] == "Person" and "medina" not in ents


def test_a_title_between_name_words_is_part_of_the_name_and_a_role_names_the_speaker():
    ents, facts = drafted("Chad's President Idriss Sheikh Nour urged the rebels to talk. "
                          '"The door to peace is open," the president told reporters in the capital.')
    assert ents["idriss-sheikh-nour"]["type"] == "Person" and "nour" not in ents
    said = [f for f in facts if f["type"] == "statement"]
    assert [(f["speaker"], f["text"]) for f in said] == [("idriss-sheikh-nour", "The door to peace is open")]


def test_quotations_with_a_titled_speaker_before_or_after_the_verb():
    _, facts = drafted('"We will rebuild every school," said Army Chief of Staff Gen. Paulo Mendes. '
                       '"The raid was a serious blow," navy press secretary Capt. Rita Alves said on Tuesday.')
    said = {f["speaker"]: f["text"] for f in facts if f["type"] == "statement"}
    assert said == {"paulo-mendes": "We will rebuild every school", "rita-alves": "The raid was a serious blow"}


def test_a_demonym_after_and_is_not_part_of_an_organisations_name():
    ents, _ = drafted("The African Union and Malian forces retook the town of Gao on Monday.")
    assert "african-union" in ents and not any("Malian" in e["name"] for e in ents.values())
