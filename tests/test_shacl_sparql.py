"""The shapes compiled to SPARQL (kg.shaclsparql, engine "sparql") give exactly the results of
pySHACL, the reference (the real library, no mocks): on the bundled graph, on graphs made by
breaking a built graph on purpose one way at a time, and on small shapes graphs that use each
compiled feature; a shapes graph outside the compiled subset falls back to pyshacl-turbo.

pySHACL runs are slow: those tests are marked `slow` (see tests/conftest.py)."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

from kg.project import Project
from kg.shaclsparql import CompiledShapes, Fallback
from kg.store import rdf_bytes
from kg.validate import _ill_keys, _ill_typed_quads, _rows, _violations, classes_nt, shapes_for, validate_quads

PREFIXES = """
PREFIX kgo: <https://kg.example/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX ex: <http://example.org/>
"""


def compiled_rows(shapes, quads: list[Quad]) -> list:
    """The compiled engine's results as kg's Violation rows (no fallback allowed)."""
    compiled = CompiledShapes(shapes)
    assert not compiled.unsupported, compiled.unsupported
    store = Store()
    store.extend(Quad(q.subject, q.predicate, q.object) for q in quads)
    found = compiled.results(store)
    return _violations([(r.focus, r.path, r.value, r.severity, r.message) for r in found], store,
                       _ill_keys(_ill_typed_quads(quads)))


def with_ontology(quads: list[Quad], ontology: list[Quad]) -> list:
    """The triples validated: the graph's, and the ontology's when the graph lacks them."""
    triples = dict.fromkeys(q.triple for q in quads)
    triples.update(dict.fromkeys(q.triple for q in ontology))
    return list(triples)


def reference_rows(shapes, quads: list[Quad]) -> list:
    """pySHACL's results as kg's Violation rows, the data read as kg reads it (N-Triples)."""
    import rdflib
    from pyshacl import validate

    from kg.validate import _options, _quiet_rdflib

    graph = rdflib.Graph()
    with _quiet_rdflib():
        graph.parse(data=rdf_bytes(sorted({q.triple for q in quads}, key=str), RdfFormat.N_TRIPLES), format="nt")
        _, results, _ = validate(graph, **_options(shapes))
    store = Store()
    store.extend(Quad(q.subject, q.predicate, q.object) for q in quads)
    return _rows(results, store, _ill_keys(_ill_typed_quads(quads)))


def without_sparql(shapes):
    """The shapes graph without its SPARQL constraints: pySHACL runs those through rdflib's
    SPARQL engine, focus node by focus node (20 s on the bundled graph), so the many mutation
    graphs below compare the rest; the SPARQL constraints are compared on the bundled graph,
    the rule breaks of tests/test_shapes.py and the small graphs."""
    import rdflib

    out = rdflib.Graph()
    for triple in shapes:
        if triple[1] != rdflib.URIRef("http://www.w3.org/ns/shacl#sparql"):
            out.add(triple)
    return out


# ---- (a) the bundled built graph


@pytest.fixture(scope="module")
def bundled(built):
    """The bundled graph's triples in the default graph (validation reads their union)."""
    quads = list(parse(path=str(built.build / "kg.trig"), format=RdfFormat.TRIG))
    return list(dict.fromkeys(Quad(q.subject, q.predicate, q.object) for q in quads))


def test_the_shipped_shapes_compile(built):
    assert shapes_for(built).compiled_sparql().unsupported == []


def test_bundled_graph_conforms(built, bundled):
    report = validate_quads(bundled, built, engine="sparql")
    assert report.conforms, [v.line() for v in report.violations]


@pytest.mark.slow
def test_bundled_graph_equals_reference(built, bundled):
    shapes = shapes_for(built)
    data = [Quad(t.subject, t.predicate, t.object) for t in with_ontology(bundled, shapes.ontology)]
    assert compiled_rows(shapes.core, data) == reference_rows(shapes.core, data)
    assert validate_quads(bundled, built, engine="sparql") == validate_quads(bundled, built, engine="pyshacl")


# ---- (b) a built graph broken on purpose, one way at a time

ONE = "ORDER BY ?x LIMIT 1"
MUTATIONS = [
    ("a fact without its label",
     f"DELETE {{ ?x rdfs:label ?l }} WHERE {{ {{ SELECT ?x WHERE {{ ?x kgo:evidence [] ; kgo:statedIn [] }} {ONE} }} "
     "?x rdfs:label ?l }"),
    ("a fact without evidence",
     f"DELETE {{ ?x kgo:evidence ?e }} WHERE {{ {{ SELECT ?x WHERE {{ ?x a kgo:LeadershipTerm }} {ONE} }} "
     "?x kgo:evidence ?e }"),
    ("evidence without certainty",
     f"DELETE {{ ?x kgo:certainty ?c }} WHERE {{ {{ SELECT ?x WHERE {{ ?x a kgo:Evidence }} {ONE} }} "
     "?x kgo:certainty ?c }"),
    ("a second certainty (maxCount 1)",
     f"INSERT {{ ?x kgo:certainty ex:Doubtful . ex:Doubtful a kgo:Certainty }} WHERE {{ {{ SELECT ?x WHERE "
     f"{{ ?x a kgo:Evidence }} {ONE} }} }}"),
    ("a second source of evidence, not an article",
     f"INSERT {{ ?x oa:hasSource ex:elsewhere }} WHERE {{ {{ SELECT ?x WHERE {{ ?x a kgo:Evidence }} {ONE} }} }}"),
    ("a term held by an organisation (wrong class)",
     f"DELETE {{ ?x kgo:holder ?h }} INSERT {{ ?x kgo:holder ?o }} WHERE {{ {{ SELECT ?x WHERE "
     f"{{ ?x a kgo:LeadershipTerm }} {ONE} }} ?x kgo:holder ?h ; kgo:organization ?o }}"),
    ("a literal where an IRI is expected",
     f"DELETE {{ ?x kgo:organization ?o }} INSERT {{ ?x kgo:organization \"ISIS\" }} WHERE {{ {{ SELECT ?x WHERE "
     f"{{ ?x a kgo:LeadershipTerm }} {ONE} }} ?x kgo:organization ?o }}"),
    ("a label that is a number (wrong datatype)",
     f"DELETE {{ ?x rdfs:label ?l }} INSERT {{ ?x rdfs:label 5 }} WHERE {{ {{ SELECT ?x WHERE {{ ?x a kgo:Person }} "
     f"{ONE} }} ?x rdfs:label ?l }}"),
    ("a label with a language tag",
     f"INSERT {{ ?x rdfs:label \"Bagdadi\"@de }} WHERE {{ {{ SELECT ?x WHERE {{ ?x a kgo:Person }} {ONE} }} }}"),
    ("a sentence number as text",
     f"DELETE {{ ?x kgo:sentence ?n }} INSERT {{ ?x kgo:sentence \"3\" }} WHERE {{ {{ SELECT ?x WHERE "
     f"{{ ?x kgo:sentence [] }} {ONE} }} ?x kgo:sentence ?n }}"),
    ("a negative offset (minInclusive)",
     f"DELETE {{ ?x oa:start ?n }} INSERT {{ ?x oa:start -5 }} WHERE {{ {{ SELECT ?x WHERE "
     f"{{ ?x a oa:TextPositionSelector }} {ONE} }} ?x oa:start ?n }}"),
    ("ordinal 0 and an age of 131 (minInclusive, maxInclusive)",
     f"INSERT {{ ?x kgo:ordinal 0 . ?d kgo:age 131 }} "
     f"WHERE {{ {{ SELECT ?x WHERE {{ ?x a kgo:LeadershipTerm }} {ONE} }} "
     "{ SELECT ?d WHERE { ?d a kgo:Description } ORDER BY ?d LIMIT 1 } }"),
    ("a factor of 0 (minExclusive) and a decimal years as text",
     "INSERT { ex:projection a kgo:Projection ; kgo:factor 0.0 ; kgo:factor \"2\" . "
     "ex:duration a time:DurationDescription ; time:years \"two\" } WHERE {}"),
    ("an empty quote (minLength)",
     f"DELETE {{ ?x oa:exact ?e }} INSERT {{ ?x oa:exact \"\" }} WHERE {{ {{ SELECT ?x WHERE "
     f"{{ ?x a oa:TextQuoteSelector }} {ONE} }} ?x oa:exact ?e }}"),
    ("evidence in a sentence and a headline (xone)",
     f"INSERT {{ ?x kgo:headline 1 }} WHERE {{ {{ SELECT ?x WHERE {{ ?x kgo:sentence [] }} {ONE} }} }}"),
    ("evidence in neither (xone)",
     f"DELETE {{ ?x kgo:sentence ?n }} WHERE {{ {{ SELECT ?x WHERE {{ ?x kgo:sentence [] }} {ONE} }} "
     "?x kgo:sentence ?n }"),
    ("a person without evidence (or)",
     f"DELETE {{ ?x kgo:evidence ?e }} WHERE {{ {{ SELECT ?x WHERE {{ ?x a kgo:Person ; kgo:evidence [] }} {ONE} }} "
     "?x kgo:evidence ?e }"),
    ("dates that are no dates (or of datatypes)",
     f"INSERT {{ ?x kgo:startDate \"yesterday\" ; kgo:endDate 2019 }} WHERE {{ {{ SELECT ?x WHERE "
     f"{{ ?x a kgo:LeadershipTerm }} {ONE} }} }}"),
    ("a statistic with a value and a range (xone of an or)",
     f"INSERT {{ ?x kgo:minValue 1 }} WHERE {{ {{ SELECT ?x WHERE {{ ?x a kgo:Statistic ; kgo:value [] }} {ONE} }} }}"),
    ("a statistic with another report status (hasValue in an xone)",
     f"DELETE {{ ?x kgo:value ?v }} INSERT {{ ?x kgo:reportStatus ex:Withheld }} WHERE {{ {{ SELECT ?x WHERE "
     f"{{ ?x a kgo:Statistic ; kgo:value [] }} {ONE} }} ?x kgo:value ?v }}"),
    ("a selector that is no quote (qualifiedMinCount)",
     f"DELETE {{ ?x a oa:TextQuoteSelector }} WHERE {{ {{ SELECT ?x WHERE {{ ?x a oa:TextQuoteSelector }} {ONE} }} }}"),
    ("a third selector (qualifiedMaxCount)",
     f"INSERT {{ ?x oa:hasSelector ex:selector . ex:selector a oa:TextPositionSelector ; oa:start 1 ; oa:end 2 }} "
     f"WHERE {{ {{ SELECT ?x WHERE {{ ?x a kgo:Evidence }} {ONE} }} }}"),
    ("an instance of a new subclass (targetClass through rdfs:subClassOf*)",
     "INSERT { ex:Warlord rdfs:subClassOf kgo:Person . ex:someone a ex:Warlord } WHERE {}"),
    ("a holder of a new subclass of Person (sh:class through rdfs:subClassOf*)",
     f"DELETE {{ ?x kgo:holder ?h }} INSERT {{ ?x kgo:holder ex:chief . ex:Chief rdfs:subClassOf kgo:Person . "
     f"ex:chief a ex:Chief ; rdfs:label \"Chief\" }} "
     f"WHERE {{ {{ SELECT ?x WHERE {{ ?x a kgo:LeadershipTerm }} {ONE} }} "
     "?x kgo:holder ?h }"),
    ("periods with nothing (default messages, IRIs the engine writes short)",
     "INSERT { ex:period a kgo:Period . time:strange a kgo:Period ; rdfs:label 7 } WHERE {}"),
    ("a statistic with a place (maxCount 0) and a part of an event",
     f"INSERT {{ ?x kgo:place ex:somewhere ; kgo:partOf ex:battle }} WHERE {{ {{ SELECT ?x WHERE "
     f"{{ ?x a kgo:Statistic }} {ONE} }} }}"),
    ("an area of one place (minCount 2)",
     "DELETE { ?x kgo:includes ?p } WHERE { { SELECT ?x ?p WHERE { ?x a kgo:Area ; kgo:includes ?p } "
     "ORDER BY ?p LIMIT 1 } }"),
    ("an article no longer typed (sh:class of other shapes)",
     "DELETE { ?x a kgo:Article } WHERE { ?x a kgo:Article }"),
    ("an observation without its data set, a data set without structure",
     "DELETE { ?x qb:dataSet ?d . ?d qb:structure ?s } WHERE { ?x qb:dataSet ?d . ?d qb:structure ?s }"),
    ("a duration with no amount (or of property shapes)",
     "DELETE { ?x ?p ?v } WHERE { ?x a time:DurationDescription ; ?p ?v "
     "FILTER (?p IN (time:years, time:months, time:days)) }"),
    ("a description with two subjects, a family relation with none",
     f"INSERT {{ ?x kgo:subject ex:other }} WHERE {{ {{ SELECT ?x WHERE {{ ?x a kgo:Description }} {ONE} }} }} ;"
     " DELETE { ?x kgo:person ?p } WHERE { ?x kgo:person ?p }"),
]


def mutated(quads: list[Quad], update: str) -> list[Quad]:
    store = Store()
    store.extend(quads)
    store.update(PREFIXES + update)
    return list(store.quads_for_pattern(None, None, None, None))


@pytest.mark.slow
@pytest.mark.parametrize("what,update", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutated_graph_equals_reference(built, bundled, what, update):
    shapes = shapes_for(built)
    data = mutated(bundled, update)
    assert data != bundled, "the mutation changed nothing"
    core = without_sparql(shapes.core)
    reference = reference_rows(core, data)
    assert compiled_rows(core, data) == reference
    if "subclass of Person (sh:class" not in what:
        assert reference, "the mutation breaks no rule"


def test_mutations_are_found_by_the_compiled_engine(built, bundled):
    """Without the reference (a default run): each mutation that breaks a rule is reported."""
    clean = validate_quads(bundled, built, engine="sparql").violations
    assert clean == []
    for what, update in MUTATIONS:
        found = validate_quads(mutated(bundled, update), built, engine="sparql")
        assert found.violations or "subclass of Person (sh:class" in what, what


def test_the_screen_finds_something_wherever_turbo_finds_a_violation(built, bundled):
    """kg build skips pyshacl-turbo for an article the screen (the compiled queries as text,
    run without rdflib or pySHACL) finds nothing about: it finds nothing on the bundled graph,
    and something on every mutation that breaks a core rule."""
    from kg.shaclsparql import finds_any
    from kg.validate import core_violations

    shapes = shapes_for(built)
    queries = shapes.compiled_sparql().screen()
    assert queries

    def verdicts(quads: list[Quad]) -> tuple[bool, list]:
        data = [Quad(t.subject, t.predicate, t.object) for t in with_ontology(quads, shapes.ontology)]
        store = Store()
        store.extend(data)
        focus = {q.subject.value for q in quads if isinstance(q.subject, NamedNode)}
        return finds_any(store, queries, focus), core_violations(quads, built, store, engine="turbo")

    assert verdicts(bundled) == (False, [])
    broken = 0
    for what, update in MUTATIONS:
        screened, violations = verdicts(mutated(bundled, update))
        assert screened or not violations, what
        broken += bool(violations)
    assert broken >= len(MUTATIONS) - 2


@pytest.mark.slow
@pytest.mark.parametrize("what,update", [m for m in MUTATIONS if m[0] in (
    "a negative offset (minInclusive)", "dates that are no dates (or of datatypes)",
    "an empty quote (minLength)", "a second source of evidence, not an article")], ids=lambda m: str(m)[:40])
def test_mutated_graph_equals_reference_with_sparql_constraints(built, bundled, what, update):
    """The whole Report, every shape (the SPARQL constraints too), as kg validate gives it."""
    data = mutated(bundled, update)
    assert validate_quads(data, built, engine="sparql") == validate_quads(data, built, engine="pyshacl")


@pytest.mark.slow
def test_rule_breaks_of_test_shapes_equal_reference(built):
    """Every rule break of tests/test_shapes.py: the compiled engine reports what pySHACL does."""
    from tests.test_shapes import CASES, broken

    quads = list(parse(path=str(built.build / "kg.trig"), format=RdfFormat.TRIG))
    for what, update, *_ in CASES:
        data = broken(quads, update)
        assert validate_quads(data, built, engine="sparql") == validate_quads(data, built, engine="pyshacl"), what


def test_rule_breaks_of_test_shapes_equal_turbo(built):
    from tests.test_shapes import CASES, broken

    quads = list(parse(path=str(built.build / "kg.trig"), format=RdfFormat.TRIG))
    for what, update, *_ in CASES:
        data = broken(quads, update)
        fast = validate_quads(data, built, engine="sparql")
        assert fast == validate_quads(data, built, engine="turbo"), what
        assert not fast.conforms, what


# ---- (c) small shapes graphs, one compiled feature at a time, on tiny data

SMALL = [
    ("minCount, maxCount, default messages", """
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path ex:p ; sh:minCount 2 ; sh:maxCount 3 ] ;
    sh:property [ sh:path ex:q ; sh:maxCount 0 ] .""", """
ex:a a ex:C ; ex:p 1 . ex:b a ex:C ; ex:p 1, 2, 3, 4 ; ex:q ex:x . ex:c a ex:C ; ex:p 1, 2 .
<http://www.w3.org/2006/time#d> a ex:C ."""),
    ("class through subclasses, literal values, two classes", """
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path ex:p ; sh:class ex:D ] ;
    sh:property [ sh:path ex:q ; sh:class ex:D, ex:E ; sh:message "q is a D and an E" ] .""", """
ex:D2 rdfs:subClassOf ex:D . ex:D3 rdfs:subClassOf ex:D2 .
ex:a a ex:C ; ex:p ex:x, ex:y, ex:z, "lit" ; ex:q ex:x, ex:w . ex:x a ex:D3 . ex:y a ex:Other . ex:w a ex:D, ex:E ."""),
    ("datatypes", """
ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:p ;
    sh:property [ sh:path ex:p ; sh:datatype xsd:string ] ;
    sh:property [ sh:path ex:n ; sh:datatype xsd:integer ] ;
    sh:property [ sh:path ex:l ; sh:datatype rdf:langString ] .""", """
ex:a ex:p "x", "y"@en, 3, ex:iri ; ex:n 1, 1.5, "2" ; ex:l "a"@fr, "b" ."""),
    ("ranges and lengths", """
ex:S a sh:NodeShape ; sh:targetNode ex:a, ex:b ;
    sh:property [ sh:path ex:n ; sh:minInclusive 1 ; sh:maxExclusive 10 ] ;
    sh:property [ sh:path ex:m ; sh:minExclusive 0 ; sh:maxInclusive 5 ; sh:severity sh:Warning ] ;
    sh:property [ sh:path ex:s ; sh:minLength 2 ; sh:maxLength 4 ; sh:severity sh:Info ] .""", """
ex:a ex:n 0, 1, 9, 10, "5", ex:iri ; ex:m 0, 5, 5.5 ; ex:s "a", "ab", "abcde", ex:i .
ex:b ex:n 3 ."""),
    ("hasValue, in, nodeKind", """
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path ex:status ; sh:hasValue ex:Done ] ;
    sh:property [ sh:path ex:colour ; sh:in ( ex:Red ex:Green "blue" 1 ) ] ;
    sh:property [ sh:path ex:link ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path ex:text ; sh:nodeKind sh:Literal ] .
ex:T a sh:NodeShape ; sh:targetNode ex:a ; sh:hasValue ex:b .""", """
ex:a a ex:C ; ex:status ex:Open ; ex:colour ex:Red, ex:Blue, "blue", "blue"@en, 1, 2 ; ex:link "x" ; ex:text ex:t .
ex:b a ex:C ; ex:status ex:Done, ex:Open ; ex:link ex:l ; ex:text "t" ."""),
    ("or, xone, and, not, node", """
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:or ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:class ex:Special ] ) ;
    sh:xone ( [ sh:path ex:a ; sh:minCount 1 ] [ sh:path ex:b ; sh:minCount 1 ] ) ;
    sh:not [ sh:path ex:banned ; sh:minCount 1 ] ;
    sh:property [ sh:path ex:friend ; sh:or ( [ sh:class ex:Person ] [ sh:path rdfs:label ; sh:minCount 1 ;
                  sh:maxCount 1 ] ) ] ;
    sh:property [ sh:path ex:v ; sh:and ( [ sh:datatype xsd:integer ] [ sh:minInclusive 0 ] ) ] .""", """
ex:Special rdfs:subClassOf ex:C .
ex:one a ex:C ; ex:p 1 ; ex:a 1 ; ex:friend ex:f1, ex:f2, ex:f3 ; ex:v 1, -1, "x" .
ex:two a ex:Special ; ex:a 1 ; ex:b 2 ; ex:banned 1 .
ex:three a ex:C . ex:f1 rdfs:label "F" . ex:f2 rdfs:label "G", "H" . ex:f3 a ex:Person ."""),
    ("qualified counts, inverse paths, targetObjectsOf", """
ex:S a sh:NodeShape ; sh:targetObjectsOf ex:has ;
    sh:property [ sh:path ex:part ; sh:qualifiedValueShape [ sh:class ex:Wheel ] ;
                  sh:qualifiedMinCount 2 ; sh:qualifiedMaxCount 4 ] ;
    sh:property [ sh:path [ sh:inversePath ex:has ] ; sh:maxCount 1 ; sh:class ex:Owner ] .""", """
ex:o1 a ex:Owner ; ex:has ex:car1, ex:car2 . ex:o2 ex:has ex:car2 .
ex:car1 ex:part ex:w1, ex:w2, ex:e . ex:w1 a ex:Wheel . ex:w2 a ex:Wheel . ex:e a ex:Engine .
ex:car2 ex:part ex:w1, ex:e ."""),
    ("messages, severities, deactivated shapes, implicit class targets", """
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:severity sh:Warning ; sh:message "a C needs a name" ;
    sh:or ( [ sh:path ex:name ; sh:minCount 1 ] [ sh:path rdfs:label ; sh:minCount 1 ] ) ;
    sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:deactivated true ] .
ex:Off a sh:NodeShape ; sh:targetClass ex:C ; sh:deactivated true ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .
ex:Thing a rdfs:Class, sh:NodeShape ;
    sh:property [ sh:path ex:weight ; sh:minCount 1 ; sh:message "weigh it" ] .""", """
ex:a a ex:C . ex:b a ex:C ; ex:name "B" . ex:t a ex:Thing ."""),
    ("SPARQL constraints: messages with values, a projected ?value and ?path", """
ex:S a sh:NodeShape ; sh:targetClass ex:Span ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:message "ends ({?end}) before it starts ({?start})" ;
        sh:prefixes ex: ; sh:select \"\"\"
        SELECT $this ?start ?end WHERE { $this ex:start ?start ; ex:end ?end . FILTER (?end < ?start) }\"\"\" ] ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes ex: ; sh:select \"\"\"
        SELECT $this ?path ?value WHERE { $this ?path ?value . FILTER (?path = ex:start && ?value < 0) }\"\"\" ] .
ex: sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .""", """
ex:a a ex:Span ; ex:start 5 ; ex:end 3 . ex:b a ex:Span ; ex:start -1 ; ex:end 3 . ex:c ex:start 9 ; ex:end 1 ."""),
]


@pytest.mark.slow
@pytest.mark.parametrize("what,shapes,data", SMALL, ids=[s[0] for s in SMALL])
def test_small_shapes_equal_reference(what, shapes, data):
    import rdflib

    graph = rdflib.Graph().parse(data=PREFIXES + shapes, format="turtle")
    quads = list(parse(PREFIXES + data, format=RdfFormat.TURTLE))
    reference = reference_rows(graph, quads)
    assert reference, "the data breaks no rule"
    assert compiled_rows(graph, quads) == reference


OUTSIDE = [
    ("sh:pattern", "sh:property [ sh:path ex:p ; sh:pattern \"^a\" ]"),
    ("sh:closed", "sh:closed true ; sh:property [ sh:path ex:p ]"),
    ("a sequence path", "sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ]"),
    ("sh:equals", "sh:property [ sh:path ex:p ; sh:equals ex:q ]"),
    ("sh:node (pySHACL adds the other shape's results as details)", "sh:property [ sh:path ex:p ; sh:node ex:S ]"),
    ("two messages", "sh:message \"one\", \"two\"@fr ; sh:property [ sh:path ex:p ; sh:minCount 1 ]"),
    ("a SPARQL constraint with OPTIONAL", "sh:sparql [ sh:select \"SELECT $this WHERE { OPTIONAL { $this ex:p ?x } "
     "FILTER (!BOUND(?x)) }\" ]"),
    ("a datatype kg does not check", "sh:property [ sh:path ex:p ; sh:datatype xsd:byte ]"),
]


@pytest.mark.parametrize("what,body", OUTSIDE, ids=[o[0] for o in OUTSIDE])
def test_features_outside_the_subset_are_not_compiled(what, body):
    import rdflib

    graph = rdflib.Graph().parse(data=PREFIXES + f"ex:S a sh:NodeShape ; sh:targetClass ex:C ; {body} .",
                                 format="turtle")
    compiled = CompiledShapes(graph)
    assert compiled.unsupported and compiled.checks == []
    with pytest.raises(Fallback):
        compiled.results(Store())


@pytest.fixture(scope="module")
def patterned(built, tmp_path_factory):
    """A project whose shapes add one outside the subset (sh:pattern on labels)."""
    import shutil

    root = tmp_path_factory.mktemp("patterned")
    shutil.copytree(built.root / "data", root / "data")
    (root / "ontology").mkdir()
    shipped = (built.resource("ontology", "shapes.ttl")).read_text(encoding="utf-8")
    (root / "ontology" / "shapes.ttl").write_text(shipped + """
kgs:CapitalShape a sh:NodeShape ; sh:targetClass kgo:Person ;
    sh:property [ sh:path rdfs:label ; sh:pattern "^[A-Z]" ; sh:message "a name starts with a capital" ] .
""", encoding="utf-8")
    return Project(root)


def test_outside_the_subset_falls_back_to_turbo(patterned, bundled):
    assert any("sh:pattern" in reason for reason in shapes_for(patterned).compiled_sparql().unsupported)
    data = mutated(bundled, "DELETE { ?x rdfs:label ?l } INSERT { ?x rdfs:label \"abu\" } WHERE { "
                           "{ SELECT ?x WHERE { ?x a kgo:Person } ORDER BY ?x LIMIT 1 } ?x rdfs:label ?l }")
    report = validate_quads(data, patterned, engine="sparql")
    assert {v.message for v in report.violations} == {"a name starts with a capital"}
    assert report == validate_quads(data, patterned, engine="turbo")


@pytest.mark.slow
def test_outside_the_subset_equals_reference(patterned, bundled):
    data = mutated(bundled, "DELETE { ?x rdfs:label ?l } INSERT { ?x rdfs:label \"abu\" } WHERE { "
                           "{ SELECT ?x WHERE { ?x a kgo:Person } ORDER BY ?x LIMIT 1 } ?x rdfs:label ?l }")
    assert validate_quads(data, patterned, engine="sparql") == validate_quads(data, patterned, engine="pyshacl")


@pytest.mark.slow
def test_planted_corpus_equals_reference():
    """The generated corpus of tests/test_validation_engines.py, violations planted."""
    import tempfile
    from pathlib import Path

    from bench.generate import generate
    from kg.build import build_graph

    with tempfile.TemporaryDirectory() as tmp:
        project = Project(generate(Path(tmp), articles=3, plant=1, orgs=2))
        quads = build_graph(project).quads
        shapes = shapes_for(project)
        data = [Quad(t.subject, t.predicate, t.object) for t in with_ontology(quads, shapes.ontology)]
        core = without_sparql(shapes.core)
        assert compiled_rows(core, data) == reference_rows(core, data)
        assert validate_quads(quads, project, engine="sparql").violations == \
            validate_quads(quads, project, engine="turbo").violations


def test_one_article_equals_turbo(tmp_path):
    """The build's per-article check (only the article's own nodes are focus nodes; the store
    holds the article, the class tree and nodes borrowed from elsewhere): both engines agree."""
    from bench.generate import generate
    from kg.build import build_graph
    from kg.shaclsparql import finds_any
    from kg.validate import core_violations

    project = Project(generate(tmp_path, articles=4, plant=1, orgs=2))
    screen = shapes_for(project).compiled_sparql().screen()
    quads = build_graph(project).quads
    graphs = sorted({q.graph_name.value for q in quads if hasattr(q.graph_name, "value")})
    assert len(graphs) >= 4
    found = 0
    for graph in graphs:
        own = [q for q in quads if getattr(q.graph_name, "value", None) == graph]
        store = Store()
        store.load(rdf_bytes([q.triple for q in own], RdfFormat.N_TRIPLES)
                   + classes_nt(project), format=RdfFormat.N_TRIPLES)
        store.update("DELETE { ?s a ?c } WHERE { ?s a ?c FILTER (STRENDS(STR(?s), '1')) }")  # some types missing
        fast = core_violations(own, project, store, one_article=True, engine="sparql")
        assert fast == core_violations(own, project, store, one_article=True, engine="turbo"), graph
        mine = {q.subject.value for q in own if isinstance(q.subject, NamedNode)}
        assert finds_any(store, screen, mine) == bool(fast), graph  # the build's screen
        found += len(fast)
    assert found, "no violations to compare"
