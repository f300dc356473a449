"""Every named query in queries/: it has a header, parses, runs with its parameters bound,
and its answer on the bundled data matches tests/expected/NAME.json.

Set KG_REGEN=1 to rewrite the expected files after a deliberate change (then review the diff).
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import pytest
from pyoxigraph import Literal

from kg import query as q
from kg import sparqlsafe
from kg.errors import QueryError, UsageError
from kg.project import shipped_dir
from kg.store import open_store
from kg.vocab import KGO, XSD

EXPECTED = Path(__file__).parent / "expected"
PARAMS = {
    "leaders": {"org": "ISIS", "year": "2019"},
    "successors": {"person": "Abu Hafs al-Hashimi al-Qurashi"},
    "told-together": {"event": "https://kg.example/id/event/killing-of-abu-bakr-al-baghdadi", "kind": "kgo:Killing"},
    "events": {"kind": "kgo:Killing"},
    "event-roles": {"event": "Operation Kayla Mueller"},
    "statistics": {"measure": "missions"},
    "breakdown": {"total": "https://kg.example/id/fact/centcom-isis-2024.missions-2024"},
    "projections": {},
    "evidence": {"node": "Abu Hafs al-Hashimi al-Qurashi"},
    "aliases": {"node": "Daesh"},
    "lookup": {"key": "baghdadi"},
    "lookup-labels": {"word": "qurashi"},
    "suggest": {"start": "qur"},
    "suggest-count": {"start": "qur"},
    "has-index": {},
    "examples": {},
    "mentions": {"node": "Kayla Mueller"},
    "sources-naming": {"node": "Kayla Mueller"},
    "statements": {"speaker": "Gen. Michael Erik Kurilla"},
    "attributed": {"agent": "CENTCOM"},
    "partnerships": {},
    "kinship": {},
    "causes": {},
    "headlines": {},
    "descriptions": {},
    "described": {"occupation": "aid worker"},
    "sources": {},
    "newest": {"org": "ISIS"},
    "conflicts-statistics": {},
    "conflicts-leadership": {},
    "conflicts-events": {},
    "conflicts-denials": {},
    "denials": {"event": "https://kg.example/id/event/killing-of-abu-bakr-al-baghdadi"},
}
# A value of each parameter type that names nothing in the bundled graph.
NOTHING = {
    "entity": "https://kg.example/id/person/nobody",
    "year": "1066",
    "integer": "999",
    "string": "no such words anywhere",
    "iri": "https://kg.example/ontology#Nothing",
    "measure": "people_displaced",
    "role": "spokesman",
    "date": "1066",
}
NAMES = sorted(p.stem for p in shipped_dir("queries").glob("*.rq"))
# The bundled data has one source, so nothing to disagree on: tests/test_intake.py checks
# these two on a project with conflicting sources; no one denies its events
# (tests/projects/invented has a denial).
EMPTY_ON_BUNDLED = {
    "conflicts-statistics",
    "conflicts-leadership",
    "conflicts-events",
    "conflicts-denials",
    "successors",
    "told-together",
    "denials",
}  # the 1st and 5th rulers are not neighbours; tests/projects/ has succession and events told together


def comparable(rows: list[dict]) -> list[dict]:
    """Rows as plain strings; parts of concatenated cells sorted (engines may order them)."""
    out = []
    for row in rows:
        clean = {}
        for key, term in row.items():
            text = term.value
            for sep in (", ", " and "):
                if sep in text and key in (
                    "places",
                    "actors",
                    "targets",
                    "participants",
                    "conductedBy",
                    "about",
                    "perpetrators",
                ):
                    text = sep.join(sorted(text.split(sep)))
            clean[key] = text
        out.append(clean)
    return sorted(out, key=lambda r: json.dumps(r, sort_keys=True))


def test_every_query_has_a_test():
    assert set(NAMES) == set(PARAMS), "add the new query to PARAMS"


@pytest.mark.parametrize("name", NAMES)
def test_named_query_answer(built, name):
    nq = q.get_named(built, name)
    assert nq.title and nq.title != name and nq.description, f"{name}.rq needs # title and # description"
    result = q.run_named(open_store(built), built, name, PARAMS[name])
    for param in nq.params:
        assert param.name in result.columns, "a parameter must be projected, so answers show what it was bound to"
    got = comparable(result.rows)
    path = EXPECTED / f"{name}.json"
    if os.environ.get("KG_REGEN"):
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got or name in EMPTY_ON_BUNDLED, f"{name} returned nothing on the bundled data"
    assert got == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_rows_do_not_repeat_with_the_articles_stating_a_triple(name):
    """An Oxigraph server's or Virtuoso's default graph is the union of the named graphs taken at
    query time: a triple four articles state is matched four times (kg's own store keeps the
    union as a set). So a named query selects DISTINCT rows, or counts and concatenates
    DISTINCT values, or answers one row (tests/test_endpoint.py runs them on such a server)."""
    text = (shipped_dir("queries") / f"{name}.rq").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", sparqlsafe.blank(text)).upper()
    top = text[text.index("SELECT"):]
    grouped = "GROUP BY" in top and not re.search(r"\b(COUNT|SUM|AVG|GROUP_CONCAT) ?\( ?(?!DISTINCT)", top)
    assert top.startswith("SELECT DISTINCT") or grouped or top.rstrip().endswith("LIMIT 1"), \
        f"{name}.rq: write SELECT DISTINCT (or COUNT(DISTINCT ...) when it groups)"


@pytest.mark.parametrize("name", NAMES)
def test_every_filter_can_exclude_everything(built, name):
    """Each parameter is applied by the query: bound to a value that matches nothing, the
    query returns nothing (a parameter only used inside OPTIONAL would return every row)."""
    nq = q.get_named(built, name)
    store = open_store(built)
    for param in nq.params:
        if param.name in ("from",):
            continue  # periods starting in or after 1066: every period; 'to' checks the bound
        raw = {**PARAMS[name], param.name: NOTHING[param.type]}
        try:
            rows = q.run_named(store, built, name, raw).rows
        except UsageError:
            continue  # an entity that is not in the graph is refused before the query runs
        assert rows == [], f"{name}: {param.name}={raw[param.name]} should match nothing"


def test_parameters_are_bound_not_pasted(built):
    """Injection strings match nothing and break nothing: they are literals, not SPARQL."""
    store = open_store(built)
    for evil in [
        '" } UNION { ?s ?p ?o } #',
        'ISIS" .\n} SELECT * WHERE { ?s ?p ?o',
        "}}}",
        "# comment",
        "') UNION ('",
        "isis\nUNION",
    ]:
        result = q.run_named(store, built, "lookup", {"key": evil})
        assert result.rows == []
        with pytest.raises(UsageError, match="no entity of that name"):
            q.run_named(store, built, "leaders", {"org": evil, "year": "2019"})


def test_missing_extra_and_unknown(built):
    store = open_store(built)
    with pytest.raises(UsageError, match="needs node"):
        q.run_named(store, built, "evidence", {})
    with pytest.raises(UsageError, match="has no parameter colour"):
        q.run_named(store, built, "leaders", {"org": "ISIS", "year": "2019", "colour": "red"})
    with pytest.raises(QueryError, match="unknown query 'nope'; known queries: aliases"):
        q.run_named(store, built, "nope", {})
    for year in ("twenty", "-5", "20190"):
        with pytest.raises(UsageError, match="write a year of four digits"):
            q.run_named(store, built, "leaders", {"org": "ISIS", "year": year})
    for date in ("2024-13-01", "2024-02-30", "2024-13", "24"):
        with pytest.raises(UsageError, match="write a year, a month or a day"):
            q.run_named(store, built, "statistics", {"from": date})
    with pytest.raises(UsageError, match="expected a whole number"):
        q.run_named(store, built, "leaders", {"org": "ISIS", "ordinal": "first"})


def test_adhoc_and_malformed(built):
    store = open_store(built)
    result = q.run_adhoc(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://kg.example/ontology#Person> }")
    assert int(result.rows[0]["n"].value) == 6  # Baghdadi, his wife, Abu Hafs, Kurilla, Kayla Mueller, the official
    with pytest.raises(QueryError, match=r"malformed SPARQL.*1:"):
        q.run_adhoc(store, "SELECT ?x WHERE { ?x ")


@pytest.mark.parametrize("name", NAMES)
def test_kg_orders_rows_like_the_query(built, name):
    """kg sorts every result again by the query's ORDER BY keys, ties by every column
    (stores order ties and literals their own way): from rows in any order, kg gives one
    order, and its order of keys is Oxigraph's."""
    from kg.ordering import order_keys, ordered

    nq = q.get_named(built, name)
    keys = order_keys(nq.text)
    if keys is None:
        assert "ORDER BY" not in nq.text.split("}")[-1], f"{name}: ORDER BY keys must be projected variables"
        return
    store = open_store(built)
    terms, _ = q.bind(store, built, nq, PARAMS[name])
    columns, engine_rows = q.as_backend(store).select(nq.text, terms)  # Oxigraph's own order
    assert all(k in columns for k, _ in keys), f"{name}: project every ORDER BY variable"

    def key_values(rows):
        return [tuple(str(r.get(k)) for k, _ in keys) for r in rows]

    mine = ordered(engine_rows[::-1], nq.text, columns)
    assert key_values(mine) == key_values(engine_rows)
    shuffled = list(engine_rows)
    random.Random(7).shuffle(shuffled)
    assert ordered(shuffled, nq.text, columns) == mine


HINTED = [n for n in NAMES if "#?" in (shipped_dir("queries") / f"{n}.rq").read_text(encoding="utf-8")]
# a parameter its query does not return -> the property whose values its filter compares it with
DATES = ("date", "gYear", "gYearMonth")
STATED = {"actor": "kgo:perpetrator|kgo:conductedBy|kgo:participant", "target": "kgo:target", "place": "kgo:place",
          "within": "kgo:partOf", "honours": "kgo:namedInHonourOf"}


@pytest.mark.parametrize("name", HINTED)
def test_hints_change_nothing_but_speed(built, projects, name):
    """A query's `#? param: pattern` hints repeat what its filters require: bound to every
    value the query itself gives for that parameter, it returns the same rows with them
    written in as without them."""
    import re

    from kg import sparqlsafe

    nq = q.get_named(built, name)
    bare = re.sub(r"(?m)^[ \t]*#\?.*$", "", nq.text)
    hinted = set(re.findall(r"(?m)^[ \t]*#\?[ \t]*(\w+):", nq.text))
    assert hinted <= {p.name for p in nq.params}, f"{name}: a hint names a parameter the query does not declare"
    types = {p.name: p.type for p in nq.params}
    tried: set[str] = set()
    for project in [built, *projects.values()]:
        store = open_store(project)
        backend = q.as_backend(store)
        _, everything = backend.select(nq.text, {})
        given = q.bind(store, project, nq, PARAMS[name])[0] if project is built else {}
        for param in sorted(hinted):
            values = {row[param] for row in everything if param in row} | ({given[param]} if param in given else set())
            if param in STATED:
                found = q.run_adhoc(store, f"PREFIX kgo: <{KGO}> SELECT DISTINCT ?v WHERE {{ ?e {STATED[param]} ?v }}")
                values |= {row["v"] for row in found.rows}
            if types[param] in ("year", "date"):  # the years and months of the rows' own dates
                dates = {t.value for row in everything for t in row.values()
                         if isinstance(t, Literal) and t.datatype.value.removeprefix(XSD) in DATES}
                cuts = {d[:4] for d in dates} | {d[:7] for d in dates if len(d) >= 7 and types[param] == "date"}
                values |= {q.term_for(store, project, q.Param(param, types[param], True, ""), c)[0] for c in cuts}
            for value in sorted(values, key=str)[:8]:
                with_hints = backend.select(nq.text, {param: value})[1]
                without = backend.select(bare, {param: value})[1]
                assert sparqlsafe.with_hints(nq.text, {param: value}) != nq.text
                assert sorted(map(str, with_hints)) == sorted(map(str, without)), (project.root, param, value)
                tried.add(param)
    assert tried == hinted, f"{name}: the test projects give no value to try the hints of {hinted - tried} with"


def test_kg_order_of_terms():
    """SPARQL 1.1's order: unbound, blank nodes, IRIs, literals; numbers by value (10 after
    2), NaN and strings after them; DESC reverses one key and leaves ties to the columns."""
    from pyoxigraph import BlankNode, Literal, NamedNode

    from kg.ordering import ordered

    xsd = "http://www.w3.org/2001/XMLSchema#"
    values = [Literal("NaN", datatype=NamedNode(xsd + "double")), Literal("10", datatype=NamedNode(xsd + "integer")),
              Literal("b"), NamedNode("http://x/a"), Literal("2", datatype=NamedNode(xsd + "decimal")),
              BlankNode("b0"), None]
    rows = [{"v": v} if v is not None else {} for v in values]
    text = "SELECT ?v WHERE { ?s ?p ?v } ORDER BY ?v"
    got = [r.get("v") for r in ordered(rows, text, ["v"])]
    assert got == [None, BlankNode("b0"), NamedNode("http://x/a"), values[4], values[1], values[0], values[2]]
    assert [r.get("v") for r in ordered(rows, text.replace("?v }", "?v } ").replace("BY ?v", "BY DESC(?v)"),
                                        ["v"])] == got[::-1]
    assert ordered(rows, "SELECT ?v WHERE { ?s ?p ?v } ORDER BY STR(?v)", ["v"]) == rows  # an expression: as given
