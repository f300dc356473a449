"""The facts loader: the bundled file loads, and every kind of bad input gets a located error."""

from __future__ import annotations

import textwrap

import pytest

from kg.build import facts_paths
from kg.errors import LocatedError, LocatedErrors
from kg.facts import load_facts_file

GOOD = """\
article:
  id: a1
  file: a1.txt
entities:
  - id: x
    type: Person
    name: X Y
    quote: X Y
facts:
  - id: f1
    type: description
    subject: x
    age: 30
    quote: X Y
    said_by: article
"""


def write(tmp_path, text: str):
    path = tmp_path / "f.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_bundled_facts_load(fresh):
    from kg.corpus import load_corpus

    corpus = load_corpus(facts_paths(fresh), fresh.aliases)
    (ff,) = corpus.files
    assert ff.article.id == "centcom-isis-2024"
    assert len(ff.facts) >= 30 and {"isis", "centcom", "kayla-mueller"} <= corpus.tables.entities.keys()
    assert corpus.tables.aliases["isis"] == [
        "IS",
        "ISIL",
        "Daesh",
        "Islamic State of Iraq and the Levant",
        "Islamic State of Iraq and Syria",
    ]


def test_good_file_loads(tmp_path):
    ff = load_facts_file(write(tmp_path, GOOD))
    assert ff.facts[0].fields["age"] == 30 and ff.entities[0].quotes[0].text == "X Y"


BAD = [
    # (what, replace old -> new in GOOD, expected message part, expected line)
    ("yaml syntax", ("    age: 30\n", "    age: [30\n"), "YAML syntax error", None),
    ("top-level list", None, "must be a mapping", 1),
    ("unknown field", ("    age: 30\n", "    agee: 30\n"), "unknown field 'agee'", 13),
    ("a direction override in a value", ("    name: X Y\n", '    name: "X \\u202eY"\n'),
     "holds an invisible character (U+202E)", "    name:"),
    ("review note left on a reviewed item", ("    age: 30\n", "    age: 30\n    review: check the age\n"),
     "a reviewed item keeps no review: note", "    review:"),
    ("missing required", ("    subject: x\n", ""), "missing required field 'subject'", 10),
    ("undefined entity", ("    subject: x\n", "    subject: nobody\n"), "'nobody' is not a defined entity", 12),
    (
        "same id twice",
        ("facts:\n", "facts:\n  - id: f1\n    type: description\n    subject: x\n    quote: X\n    said_by: article\n"),
        "defined twice",
        None,
    ),
    # an id names one item: a fact may not share an entity's (or a period's) id
    ("fact id of an entity", ("  - id: f1\n", "  - id: x\n"), "id 'x' is defined twice in entities and facts", 10),
    ("not a number", ("    age: 30\n", "    age: thirty\n"), "not a whole number", 13),
    ("negative", ("    age: 30\n", "    age: -3\n"), "at least 0", 13),
    ("absurd", ("    age: 30\n", "    age: 300\n"), "absurd", 13),
    # a YAML escape puts a NUL in the article's file name: kg build's os.stat() raised ValueError
    ("NUL in the file name", ("  file: a1.txt\n", '  file: "a1\\0.txt"\n'), "holds a NUL character (U+0000)", 3),
    # 'a1.txt/' was read as a1.txt by the chunk's build and not found by the build's stat: the build
    # failed with 'changed while kg build was reading it', every time
    *[(f"file name {name}", ("  file: a1.txt\n", f"  file: {name}\n"), f"write the file name plainly, as '{plain}'", 3)
      for name, plain in (("a1.txt/", "a1.txt"), ("./a1.txt", "a1.txt"), ("sub//a1.txt", "sub/a1.txt"))],
    # past Python's 4,300 digits int() raised: a traceback; leading zeros count towards it too
    ("5,001 digits", ("    age: 30\n", f"    age: 1{'0' * 5000}\n"), "an age of 5,001 digits is absurd", 13),
    ("5,001 digits below zero", ("    age: 30\n", f"    age: -1{'0' * 5000}\n"), "at least 0", 13),
    ("5,000 leading zeros", ("    age: 30\n", f"    age: {'0' * 5000}300\n"), "an age 300 is absurd", 13),
    ("offsets of 5,000 digits", ("    said_by: article\n", f"    said_by: article\n    offsets: 1-{'9' * 5000}\n"),
     "offsets are START-END character positions", 16),
    ("unknown type", ("    type: description\n", "    type: rumour\n"), "unknown fact type 'rumour'", 11),
    ("duplicate key", ("    age: 30\n", "    age: 30\n    age: 31\n"), "duplicate key 'age'", 14),
    ("yaml alias", ("    age: 30\n", "    age: &a 30\n    nationality: *a\n"), "alias *a is not allowed", 14),
    ("unknown entity type", ("    type: Person\n", "    type: Alien\n"), "unknown entity type 'Alien'", 6),
    ("said_by unknown", ("    said_by: article\n", "    said_by: ghost\n"), "'ghost' is not a defined entity", 15),
]


FACT = "type: description\n    subject: x\n    age: 30\n"
BAD += [
    # (what, the fact's fields replaced, expected message part, expected line)
    (f"date {value}", (FACT, f"type: killing\n    victim: x\n    date: {value}\n"), "not a date", "date:")
    for value in ("2019x", "2019-13", "19", "2019-02-30")
] + [
    (
        "end before start",
        (FACT, "type: captivity\n    victim: x\n    start: 2015\n    end: 2013\n"),
        "end 2013 is before start 2015",
        "end:",
    ),
    (
        "ordinal zero",
        (FACT, "type: leadership\n    person: x\n    organization: x\n    role: ruler\n    ordinal: 0\n"),
        "an ordinal must be at least 1",
        "ordinal:",
    ),
    (
        "unknown measure",
        (FACT, "type: statistic\n    measure: vibes\n    value: 3\n    period: p\n    subject: x\n"),
        "unknown measure 'vibes'",
        "measure:",
    ),
    (
        "full-width year",
        (FACT, "type: killing\n    victim: x\n    date: \uff12\uff10\uff11\uff19\n"),
        "non-ASCII digits; write 2019",
        "date:",
    ),
    (
        "value and amount",
        (
            FACT,
            "type: statistic\n    measure: missions\n    value: 3\n    quantity: several\n"
            "    period: p\n    subject: x\n",
        ),
        "gives one of: value, min/max",
        "- id: f1",
    ),
    (
        "bound without value",
        (FACT, "type: statistic\n    measure: missions\n    min: 3\n    bound: about\n    period: p\n    subject: x\n"),
        "a bound qualifies a value",
        "bound:",
    ),
    (
        "hedge not quoted",
        (FACT, FACT + "    certainty: believed\n    hedge: thought to be\n"),
        "the hedge 'thought to be' is not in any of the fact's quotes",
        "hedge:",
    ),
    # a hedge with no certainty (or 'stated') would print as a plain fact in labels and answers
    *[(f"hedge with {what}", (FACT, FACT + certainty + "    hedge: thought to be\n"),
       "the hedge 'thought to be' says the source is not sure", line)
      for what, certainty, line in (("no certainty", "", "hedge:"),
                                    ("certainty stated", "    certainty: stated\n", "certainty:"))],
    ("inferred unknown field", (FACT, FACT + "    inferred: {colour: why}\n"), "inferred names 'colour'", "inferred:"),
]


def errors(call) -> list[LocatedError]:
    """Every located error a load raises (a file's errors come together)."""
    try:
        call()
    except LocatedErrors as exc:
        return exc.errors
    except LocatedError as exc:
        return [exc]
    raise AssertionError("no error raised")


@pytest.mark.parametrize("what,change,message,line", BAD, ids=[b[0] for b in BAD])
def test_bad_facts_file(tmp_path, what, change, message, line):
    from kg.corpus import load_corpus

    text = "- just\n- a list\n" if change is None else GOOD.replace(*change, 1)
    assert text != GOOD
    path = write(tmp_path, text)
    found = errors(lambda: load_corpus([path]))
    matching = [e for e in found if message in str(e)]
    assert matching, [str(e) for e in found]
    assert str(matching[0]).startswith(str(path))
    if isinstance(line, str):  # the line where that field is written
        line = text[: text.index(line)].count("\n") + 1
    if line is not None:
        assert matching[0].line == line, str(matching[0])


def test_every_error_of_a_file_at_once(tmp_path):
    text = GOOD.replace("    age: 30\n", "    age: thirty\n    colour: red\n").replace("    name: X Y\n", "")
    found = errors(lambda: load_facts_file(write(tmp_path, text)))
    assert len(found) == 3, [str(e) for e in found]
    assert {
        m
        for e in found
        for m in ("not a whole number", "unknown field 'colour'", "missing required field 'name'")
        if m in str(e)
    } == {"not a whole number", "unknown field 'colour'", "missing required field 'name'"}


def test_a_files_errors_come_in_the_order_of_its_lines(tmp_path):
    """An unknown section was reported before the errors of the lines above it."""
    text = GOOD.replace("  id: a1\n", "  id: a1\n  colour: red\n", 1) + "bogus: 1\n"
    found = errors(lambda: load_facts_file(write(tmp_path, text)))
    places = [(e.line or 0, e.column or 0) for e in found]
    assert len(found) >= 2 and places == sorted(places), [str(e) for e in found]


def test_yaml_11_surprises_stay_strings(tmp_path):
    """NO is not false, 012 is twelve, 2019-06 is a month: values are read as written."""
    text = GOOD.replace("    age: 30\n", "    age: 012\n    nationality: NO\n")
    ff = load_facts_file(write(tmp_path, text))
    assert ff.facts[0].fields["age"] == 12 and ff.facts[0].fields["nationality"] == "NO"


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (b"article:\n  id: \xff\xfe\n", "not UTF-8"),
    ],
)
def test_unreadable_files(tmp_path, content, message):
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(LocatedError, match=message):
        load_facts_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(LocatedError, match="file not found"):
        load_facts_file(tmp_path / "nope.yaml")


def test_a_fact_id_another_file_uses_for_an_entity_is_read_by_its_field_kind(fresh):
    """References are looked up by what their field names (a fact, a period, an entity): a fact
    id that is an entity id in another file leaves the fact's references pointing at the fact."""
    from pyoxigraph import NamedNode

    from kg.pipeline import build_project
    from kg.store import open_store

    (fresh.root / "data" / "articles" / "other.txt").write_text(
        "A place called Killing Of Baghdadi exists in this made-up note, and one called Defeat Missions.\n",
        encoding="utf-8")
    (fresh.root / "data" / "facts" / "other.yaml").write_text(textwrap.dedent("""\
        article: {id: other, file: other.txt, published: 2024-01-01}
        entities:
          - {id: killing-of-baghdadi, type: Place, name: Killing Of Baghdadi, quote: Killing Of Baghdadi}
          - {id: defeat-isis-missions, type: Place, name: Defeat Missions, quote: Defeat Missions}
        """), encoding="utf-8")
    outcome = build_project(fresh)
    assert outcome.written, outcome.text()
    store = open_store(fresh)
    rows = list(store.query("SELECT ?o WHERE { ?term <https://kg.example/ontology#endedBy> ?o }"))
    assert rows and all(isinstance(r["o"], NamedNode) and "/event/" in r["o"].value for r in rows), rows
    # labels too: the causation's effect is the figure of missions, not the place of that id
    labels = [r["l"].value for r in store.query(
        "SELECT ?l WHERE { ?c a <https://kg.example/ontology#Causation> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")]
    assert len(labels) == 1 and "prompted" in labels[0] and "Defeat Missions" not in labels[0], labels


@pytest.mark.parametrize("old, new, message", [
    ("ended_by: killing-of-baghdadi", "ended_by: killing-of-kayla-mueller",
     "'killing-of-kayla-mueller' is the killing of 'kayla-mueller', not of 'abu-bakr-al-baghdadi' "
     r"\(this term's person\): one of person and ended_by is wrong"),
    ("effect: defeat-isis-missions", "effect: attacks-claimed-2024-h1", "effect names the same as cause"),
    ("    part_of: missions-2024\n    quote: The majority",
     "    part_of: majority-of-missions-in-iraq\n    quote: The majority", "is this fact itself"),
    ("  - id: missions-2024\n    type: statistic\n",
     "  - id: missions-2024\n    type: statistic\n    part_of: missions-2024-iraq\n", "come back to it"),
])
def test_values_that_contradict_each_other_are_located_errors(fresh, old, new, message):
    """Each value may be valid on its own and not together: a term ended by someone else's
    killing, a cause that is its own effect, a figure that is part of itself (or of its part)."""
    from kg.pipeline import build_project

    path = fresh.facts / "centcom-isis-2024.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LocatedErrors, match=message):
        build_project(fresh)


@pytest.mark.parametrize("date, ok", [("2015", True), ("2015-10", False), ("2015-10-27", False)])
def test_a_date_is_supported_to_its_precision(fresh, date, ok):
    """A month or a day the quote does not state is an error, like a year it does not."""
    from kg.pipeline import build_project

    path = fresh.facts / "centcom-isis-2024.yaml"
    old = "    victim: kayla-mueller\n    date: 2015\n    quote: held hostage"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, old.replace("2015", date, 1), 1), encoding="utf-8")
    if ok:
        assert build_project(fresh).written
    else:
        with pytest.raises(LocatedErrors, match=f"'{date}' is not in any quote of 'killing-of-kayla-mueller'"):
            build_project(fresh)


def test_a_length_of_time_is_no_count():
    """'the first six months' supports no figure of 6, '2 years' no age of 2; '64 years old' does."""
    from kg.support import Quotes

    quotes = Quotes(["153 attacks in the first six months", "held for 2 years", "Nasrallah, 64 years old,"])
    assert quotes.has_count(153) and quotes.has_count(64)
    assert not quotes.has_count(6) and not quotes.has_count(2)
    assert quotes.has_number(6) and quotes.has_number(2)  # a duration of six months is stated


def test_a_violation_names_the_file_and_line_of_its_item(fresh):
    """A SHACL finding that fails the build says where the fact is written."""
    from kg.pipeline import build_project

    path = fresh.facts / "centcom-isis-2024.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    ordinal: 5\n    start: 2023\n    certainty: believed\n"
    assert old in text
    path.write_text(text.replace(old, old.replace("5", "1") + '    inferred: {ordinal: "a clash, on purpose"}\n'),
                    encoding="utf-8")
    outcome = build_project(fresh)
    assert not outcome.written
    lines = [v.line() for v in outcome.report.violations if v.severity == "Violation"]
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t == "  - id: abu-hafs-ruler-of-isis")
    assert any(f"(data/facts/centcom-isis-2024.yaml:{line})" in x for x in lines), lines


def test_a_quote_listed_twice_for_one_item_is_refused(tmp_path):
    """Each copy would become its own evidence node (thousands of copies made a build crawl)."""
    path = tmp_path / "f.yaml"
    path.write_text(textwrap.dedent("""\
        article: {id: a, file: a.txt}
        entities:
          - {id: x, type: Person, name: X Y, quote: [X Y said, X Y said]}
        """), encoding="utf-8")
    with pytest.raises(LocatedErrors, match="entities\\[0\\].quote\\[1\\]: this quote is already listed"):
        load_facts_file(path)


def test_an_error_about_a_value_with_a_line_break_or_an_invisible_character_is_one_line():
    from kg.errors import LocatedError

    text = str(LocatedError("f.yaml", "'A\nP' and 'Kuri\u200blla' are not in any quote", 3, 4, "name"))
    assert "\n" not in text and "\\n" in text and "\\u200b" in text


def test_a_curated_alias_cannot_take_a_name_an_article_gives_something_else(fresh):
    """aliases.yaml is for lookup: an alias that is another entity's stated name would make
    that name ambiguous in every question."""
    from kg.pipeline import build_project

    (fresh.root / "data" / "aliases.yaml").write_text("syria: [ISIS]\n", encoding="utf-8")
    with pytest.raises(LocatedErrors) as caught:
        build_project(fresh)
    assert "'ISIS' (an alias of 'syria') is the name of 'isis'" in str(caught.value)


@pytest.mark.parametrize("written", ['"  the Islamic State (ISIS) "', "|\n      the Islamic State (ISIS)\n"])
def test_a_quote_is_its_words_without_the_spaces_and_line_breaks_around_them(fresh, written):
    """The documented normalisation (README, Facts files): spaces inside quotation marks and a
    block scalar's last line break are no part of a quote; its evidence is the words, at
    their own offsets in the article, as when written plain."""
    from kg.pipeline import build_project

    path = fresh.facts / "centcom-isis-2024.yaml"
    text = path.read_text(encoding="utf-8")
    plain = "    quote: the Islamic State (ISIS)\n"
    assert plain in text
    path.write_text(text.replace(plain, f"    quote: {written}\n", 1), encoding="utf-8")
    outcome = build_project(fresh)
    assert outcome.written and outcome.report.conforms, outcome.text()
    turtle = (fresh.build / "kg.ttl").read_text(encoding="utf-8")
    assert 'oa:exact "the Islamic State (ISIS)"' in turtle and 'oa:exact " ' not in turtle


def test_aliases_errors_name_the_file_as_the_other_errors_do(fresh):
    """An error in a value of data/aliases.yaml named it by its absolute path, its other
    errors as data/aliases.yaml."""
    from kg.pipeline import build_project

    aliases = fresh.data / "aliases.yaml"
    text = aliases.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 1
    for written, said in ((text + "centcom-x: []\n", f"{line}:12: centcom-x: is an empty list"),
                          ("[centcom]\n", "1:1: must map entity ids to lists of names")):
        aliases.write_text(written, encoding="utf-8")
        with pytest.raises(LocatedError) as caught:
            build_project(fresh)
        assert str(caught.value).startswith(f"data/aliases.yaml:{said}"), str(caught.value)
