"""SHACL Core shapes compiled to set-based SPARQL: each check is one query over the whole store.

Why this exists: at a million triples, every SHACL engine tried costs about 100 µs per focus
node and shape (pyshacl-turbo 53 s of `kg validate`'s 64 s; Apache Jena's shacl, the `shacl`
and `shacl-rust` engines were slower still). They walk focus node by focus node. The checks
kg's shapes make are joins and filters that a SPARQL engine runs for all focus nodes at once,
so this module writes each shape as a few SELECT queries that Oxigraph evaluates once over the
store, returning only the failures. It is not a SHACL engine of its own: pySHACL (the
reference) parses the shapes graph here (pyshacl.shapes_graph), writes every default message
(its constraint components' make_generic_messages, its SPARQL helper's prefixes), and stays
the engine kg's tests compare this one with (tests/test_shacl_sparql.py).

The compiled subset (what a shapes graph may use):
  targets     sh:targetClass (instances of the class and its rdfs:subClassOf* subclasses, read
              from the data), sh:targetSubjectsOf, sh:targetObjectsOf, sh:targetNode, and
              implicit class targets (a shape that is an rdfs:Class);
  paths       an IRI, or sh:inversePath of an IRI;
  components  sh:minCount, sh:maxCount, sh:class, sh:datatype (xsd:string, rdf:langString and
              the XSD types whose lexical forms kg checks itself, kg.validate.LEXICAL),
              sh:nodeKind, sh:minInclusive, sh:maxInclusive, sh:minExclusive,
              sh:maxExclusive, sh:minLength, sh:maxLength, sh:hasValue, sh:in, sh:not,
              sh:and, sh:or, sh:xone (of shapes made of these, nested), sh:property,
              sh:qualifiedValueShape with sh:qualifiedMinCount / sh:qualifiedMaxCount (not
              sh:qualifiedValueShapesDisjoint), sh:sparql SELECT constraints of node shapes
              whose text is safe to evaluate with $this joined instead of pre-bound (no
              OPTIONAL, MINUS, VALUES, SERVICE, GRAPH, and $this projected by every SELECT);
  and         sh:severity, sh:message (one per shape), sh:deactivated.

Fallback: a shapes graph using anything else (sh:node: pySHACL reports the other shape's
results too, as sh:detail; sh:closed, sh:pattern, sh:equals, sh:lessThan,
sh:languageIn, sh:uniqueLang, other paths, SHACL-AF rules, targets or expressions, custom
constraint components, two messages on one shape...) is not compiled at all: `unsupported`
says why, and kg validates with pyshacl-turbo instead, for the whole shapes graph (shapes can
reach one another through sh:node, sh:or and qualified shapes, so running part of a graph
here and part there would need the same analysis this fallback avoids). A result about a
blank node (whose text pySHACL writes from the data graph around it) makes the whole
validation fall back as well (Fallback, raised by `results`).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, Store

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"


class Unsupported(Exception):
    """The shapes graph uses a feature outside the compiled subset."""


class Fallback(Exception):
    """A result this module cannot write as the reference engine would (about a blank node)."""


@dataclass(frozen=True)
class Result:
    """One validation result, as pySHACL would report it."""

    focus: str  # the focus node's IRI
    path: str | None  # the result path's IRI (None: a node shape's result, or a non-IRI path)
    value: Any  # the value node (a pyoxigraph term) or None
    severity: str  # the severity's IRI
    message: str  # "" when the engine gives none


# sh: predicates a compiled shapes graph may use (anything else makes it unsupported)
_KNOWN = {SH + p for p in (
    "targetClass targetNode targetSubjectsOf targetObjectsOf property path inversePath minCount maxCount class "
    "datatype nodeKind minInclusive maxInclusive minExclusive maxExclusive minLength maxLength hasValue in node "
    "not and or xone qualifiedValueShape qualifiedMinCount qualifiedMaxCount sparql select prefixes declare "
    "prefix namespace message severity deactivated name description order group defaultValue").split()}
_VALUE_PARAMS = ("class", "datatype", "nodeKind", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
                 "minLength", "maxLength", "in", "node", "not", "and", "or", "xone")
_NODE_KINDS = {"IRI": "isIRI({v})", "BlankNode": "isBlank({v})", "Literal": "isLiteral({v})",
               "BlankNodeOrIRI": "!isLiteral({v})", "BlankNodeOrLiteral": "!isIRI({v})",
               "IRIOrLiteral": "!isBlank({v})"}
# the parameter of each kind of check whose result has no value
_COMPONENT = {"min": "minCount", "max": "maxCount", "qualified": "qualifiedValueShape", "hasValue": "hasValue"}
_RANGES = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}


def _datatypes() -> set[str]:
    from kg.validate import LEXICAL

    return {XSD + "string", RDF + "langString"} | {XSD + k for k in LEXICAL}


@dataclass
class _Check:
    """One query and how its rows become results."""

    query: str  # with {class:<iri>} where the class and its subclasses are written at run time
    kind: str  # "value" | "present" | "min" | "max" | "qualified" | "hasValue" | "sparql"
    shape: Any  # pyshacl Shape whose results these are (None for "present": its `present` says)
    components: list[tuple[str, str]] = field(default_factory=list)  # (param, ?var) of "value" checks
    helper: Any = None  # the pySHACL SPARQL helper of a "sparql" check
    crowded: str = ""  # a maximum's path: it can fail only when some node has two values on it
    present: list[tuple[Any, str]] = field(default_factory=list)  # (shape, ?var) of a "present" check


class CompiledShapes:
    """A shapes graph compiled to SPARQL; `unsupported` is not empty when it cannot be."""

    def __init__(self, graph: Any) -> None:
        from pyshacl.shapes_graph import ShapesGraph

        self.graph = graph
        self.unsupported: list[str] = []
        self.checks: list[_Check] = []
        self._names = itertools.count()
        self._components: dict[tuple, Any] = {}
        self._inside: list[Any] = []
        self._present: dict[str, list[tuple[Any, str]]] = {}  # focus -> (shape, path) of minimum counts of one
        try:
            self._check_vocabulary()
            self.sg = ShapesGraph(graph)
            self._compile()
        except Unsupported as e:
            self.unsupported.append(str(e))
            self.checks = []

    # ---- reading the shapes graph

    def _check_vocabulary(self) -> None:
        import rdflib

        for p in sorted(set(self.graph.predicates())):
            if str(p).startswith(SH) and str(p) not in _KNOWN:
                raise Unsupported(f"{_name(p)} is outside the compiled SHACL subset")
        for kind in ("ConstraintComponent", "SPARQLTarget", "SPARQLRule", "TripleRule"):
            if (None, rdflib.RDF.type, rdflib.URIRef(SH + kind)) in self.graph:
                raise Unsupported(f"sh:{kind} is outside the compiled SHACL subset")

    def _one(self, node: Any, param: str) -> Any:
        import rdflib

        values = list(self.graph.objects(node, rdflib.URIRef(SH + param)))
        if len(values) > 1:
            raise Unsupported(f"{_name(node)} has {len(values)} values of sh:{param}")
        return values[0] if values else None

    def _all(self, node: Any, param: str) -> list[Any]:
        import rdflib

        return sorted(self.graph.objects(node, rdflib.URIRef(SH + param)))

    def _list(self, head: Any) -> list[Any]:
        from rdflib.collection import Collection

        return list(Collection(self.graph, head))

    def _int(self, node: Any, param: str) -> int | None:
        value = self._one(node, param)
        if value is None:
            return None
        if not isinstance(getattr(value, "value", None), int) or isinstance(value.value, bool):
            raise Unsupported(f"sh:{param} of {_name(node)} is not a whole number")
        return int(value.value)

    def _shape(self, node: Any) -> Any:
        shape = self.sg.lookup_shape_from_node(node)
        if shape is None:
            raise Unsupported(f"{_name(node)} is used as a shape but is none")
        return shape

    def _path(self, node: Any) -> tuple[str, str | None]:
        """The SPARQL path of a property shape, and its IRI when it is one."""
        import rdflib

        path = self._one(node, "path")
        if isinstance(path, rdflib.URIRef):
            return f"<{path}>", str(path)
        inverse = self._one(path, "inversePath") if isinstance(path, rdflib.BNode) else None
        if isinstance(inverse, rdflib.URIRef) and len(set(self.graph.predicate_objects(path))) == 1:
            return f"^<{inverse}>", None
        raise Unsupported(f"the path of {_name(node)} is neither an IRI nor the inverse of one")

    def _messages(self, shape: Any) -> None:
        if len(list(shape.message)) > 1:
            raise Unsupported(f"{_name(shape.node)} has more than one sh:message")

    def _var(self) -> str:
        return f"?v{next(self._names)}"

    # ---- compiling

    def _compile(self) -> None:
        for shape in sorted(self.sg.shapes, key=lambda s: str(s.node)):
            if shape.deactivated:
                continue
            nodes, classes, implicit, objects_of, subjects_of = (list(t) for t in shape.target())
            if list(self.graph.objects(shape.node, _sh("target"))):
                raise Unsupported(f"{_name(shape.node)} has a SHACL-AF target")
            targets = ([f"{{ VALUES ?this {{ {_term(n)} }} }}" for n in nodes]
                       + [f"{{ ?this a ?t_ . VALUES ?t_ {{ {{class:{c}}} }} }}" for c in classes + implicit]
                       + [f"{{ [] <{p}> ?this }}" for p in objects_of]
                       + [f"{{ ?this <{p}> [] }}" for p in subjects_of])
            if not targets:
                continue
            # the focus nodes, written into each query's group (a node reached twice is one
            # focus node: counts count distinct values, and rows are a set)
            focus = targets[0] if len(targets) == 1 else "{ " + " UNION ".join(targets) + " }"
            self._top(shape, focus)
        self._minimums()

    def _minimums(self) -> None:
        """The minimum counts of one, one query per focus set: Oxigraph reads the focus nodes
        once and tests each path's presence with an index lookup."""
        for focus, shapes in self._present.items():
            names = [f"?m{i}" for i in range(len(shapes))]
            binds = " ".join(f"BIND (EXISTS {{ ?this {path} [] }} AS {n})"
                             for (_, path), n in zip(shapes, names, strict=True))
            self.checks.append(_Check(
                f"SELECT DISTINCT ?this {' '.join(names)} WHERE {{ {focus} {binds} FILTER (!({' && '.join(names)})) }}",
                "present", None, present=[(shape, n) for (shape, _), n in zip(shapes, names, strict=True)]))

    def _top(self, shape: Any, focus: str) -> None:
        """The checks of a shape on every focus node of `focus` (a group binding ?this)."""
        self._messages(shape)
        node = shape.node
        if shape.is_property_shape:
            if self._all(node, "property"):
                raise Unsupported(f"property shape {_name(node)} has sh:property")
            self._property(shape, focus)
            return
        else:
            for param in ("minCount", "maxCount", "qualifiedValueShape", "path"):
                if self._all(node, param):
                    raise Unsupported(f"node shape {_name(node)} has sh:{param}")
            self._values(shape, focus, "?this", "")
            self._has_value(shape, focus, "?this", None)
            self._sparql(shape, focus)
        for child in self._all(node, "property"):
            prop = self._shape(child)
            if not prop.deactivated:
                self._top(prop, focus)

    def _property(self, shape: Any, focus: str) -> None:
        node = shape.node
        path, _ = self._path(node)
        if self._all(node, "sparql"):
            raise Unsupported(f"property shape {_name(node)} has a SPARQL constraint")
        low, high = self._int(node, "minCount"), self._int(node, "maxCount")
        # A value check or a maximum reads the path's triples first, all of them, and asks
        # whether a node is a focus node only of those that fail (the few): Oxigraph scans
        # a predicate's triples far faster than it joins them with the focus nodes.
        if low == 1:
            self._present.setdefault(focus, []).append((shape, path))
        elif low is not None and low > 1:  # HAVING is evaluated before the projection: it names the aggregate
            self.checks.append(_Check(f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?v }} }} "
                                      f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {low})", "min", shape))
        if high is not None:
            if high == 0:
                failing = f"SELECT DISTINCT ?this WHERE {{ ?this {path} [] }}"
            elif high == 1:
                failing = f"SELECT DISTINCT ?this WHERE {{ ?this {path} ?v, ?w FILTER (!sameTerm(?v, ?w)) }}"
            else:
                failing = (f"SELECT ?this WHERE {{ ?this {path} ?v }} GROUP BY ?this "
                           f"HAVING (COUNT(DISTINCT ?v) > {high})")
            self.checks.append(_Check(f"SELECT ?this WHERE {{ {{ {failing} }} FILTER EXISTS {{ {focus} }} }}",
                                      "max", shape, crowded=path if high else ""))
        self._values(shape, focus, "?v", f"?this {path} ?v .")
        self._has_value(shape, focus, "?this", path)
        qualified = self._one(node, "qualifiedValueShape")
        if qualified is not None:
            if self._all(node, "qualifiedValueShapesDisjoint"):
                raise Unsupported(f"{_name(node)} has sh:qualifiedValueShapesDisjoint")
            low, high = self._int(node, "qualifiedMinCount"), self._int(node, "qualifiedMaxCount")
            conditions = [f"COUNT(DISTINCT ?v) < {low}" if low is not None else "",
                          f"COUNT(DISTINCT ?v) > {high}" if high is not None else ""]
            if any(conditions):
                # (the test is a FILTER inside the OPTIONAL: a join there, or an EXISTS of two
                # patterns, makes Oxigraph evaluate the inner part again for each focus node)
                test = self._conforms(self._shape(qualified), "?v")
                self.checks.append(_Check(
                    f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?v FILTER ({test}) }} }} "
                    f"GROUP BY ?this HAVING ({' || '.join(c for c in conditions if c)})", "qualified", shape))

    def _values(self, shape: Any, focus: str, v: str, pattern: str) -> None:
        """One query for every value-node component of the shape (a failing value per row)."""
        parts = []
        for param in _VALUE_PARAMS:
            if param == "class" and v != "?this":
                # a query of its own: the values of the path, but those of the class (MINUS, a
                # hash anti-join, is far faster in Oxigraph than an EXISTS for each value)
                for c in self._all(shape.node, "class"):
                    query = (f"SELECT DISTINCT ?this ?v WHERE {{ {{ SELECT ?this ?v WHERE {{ {pattern} "
                             f"MINUS {{ ?v a ?k_ . VALUES ?k_ {{ {{class:{c}}} }} }} }} }} "
                             f"FILTER EXISTS {{ {focus} }} }}")
                    self.checks.append(_Check(query, "value", shape, [("class", "")]))
                continue
            for test in self._value_tests(shape.node, param, v):
                parts.append((param, test))
        if not parts:
            return
        names = [f"?c{i}" for i in range(len(parts))]
        binds = " ".join(f"BIND (COALESCE({test}, false) AS {n})" for (_, test), n in zip(parts, names, strict=True))
        if v == "?this":  # a node shape: the focus node is the value
            query = (f"SELECT DISTINCT ?this (?this AS ?v) {' '.join(names)} WHERE {{ {focus} {binds} "
                     f"FILTER (!({' && '.join(names)})) }}")
        else:  # the failing values first (see _property), then those of focus nodes
            query = (f"SELECT DISTINCT ?this ?v {' '.join(names)} WHERE {{ {{ SELECT ?this ?v {' '.join(names)} "
                     f"WHERE {{ {pattern} {binds} FILTER (!({' && '.join(names)})) }} }} "
                     f"FILTER EXISTS {{ {focus} }} }}")
        self.checks.append(_Check(query, "value", shape, [(p, n) for (p, _), n in zip(parts, names, strict=True)]))

    def _value_tests(self, node: Any, param: str, v: str) -> list[str]:
        """The SPARQL tests of one component on the value `v`, one per constraint pySHACL reports apart."""
        values = self._all(node, param)
        if not values:
            return []
        if param == "class":  # pySHACL reports each class apart, with one message naming all of them
            return [f"EXISTS {{ {v} a ?{n} . VALUES ?{n} {{ {{class:{c}}} }} }}"
                    for c in values for n in [self._var()[1:]]]
        if param == "datatype":
            value = self._one(node, param)
            if str(value) not in _datatypes():
                raise Unsupported(f"sh:datatype {_name(value)} (of {_name(node)}) is not one kg checks the "
                                  "lexical forms of")
            return [f"(isLiteral({v}) && DATATYPE({v}) = <{value}>)"]
        if param == "nodeKind":
            kind = str(self._one(node, param)).removeprefix(SH)
            if kind not in _NODE_KINDS:
                raise Unsupported(f"sh:nodeKind of {_name(node)}")
            return [_NODE_KINDS[kind].format(v=v)]
        if param in _RANGES:  # each bound is reported apart
            return [f"({v} {_RANGES[param]} {_term(b, literal_only=True)})" for b in values]
        if param in ("minLength", "maxLength"):
            n = self._int(node, param)
            return [f"(!isBlank({v}) && STRLEN(STR({v})) {'>=' if param == 'minLength' else '<='} {n})"]
        if param == "in":
            members = self._list(self._one(node, param))
            return ["(" + (" || ".join(f"sameTerm({v}, {_term(m)})" for m in members) or "false") + ")"]
        if param == "node":  # pySHACL adds the other shape's results as sh:detail, read as results of their own
            raise Unsupported(f"sh:node (of {_name(node)}) is outside the compiled SHACL subset")
        if param == "not":
            return [" && ".join(f"!({self._conforms(self._shape(s), v)})" for s in values)]
        tests = []
        for head in values:  # and / or / xone: one list each
            members = [f"({self._conforms(self._shape(s), v)})" for s in self._list(head)]
            if param == "and":
                tests.append(" && ".join(members) or "true")
            elif param == "or":
                tests.append(" || ".join(members) or "false")
            else:
                tests.append("(" + " + ".join(f"IF({m}, 1, 0)" for m in members) + ") = 1" if members else "false")
        return [" && ".join(tests)]

    def _has_value(self, shape: Any, focus: str, this: str, path: str | None) -> None:
        for value in self._all(shape.node, "hasValue"):
            test = f"FILTER NOT EXISTS {{ ?this {path} {_term(value)} }}" if path else \
                f"FILTER (!sameTerm(?this, {_term(value)}))"
            self.checks.append(_Check(f"SELECT DISTINCT ?this WHERE {{ {focus} {test} }}", "hasValue", shape))

    def _conforms(self, shape: Any, x: str) -> str:
        """A SPARQL expression: `x` conforms to the shape (no results about it)."""
        node = shape.node
        if node in self._inside:
            raise Unsupported(f"{_name(node)} is recursive")
        self._inside.append(node)
        try:
            return self._conforms_body(shape, x)
        finally:
            self._inside.pop()

    def _conforms_body(self, shape: Any, x: str) -> str:
        node = shape.node
        if shape.deactivated:
            return "true"
        if self._all(node, "sparql") or self._all(node, "qualifiedValueShape"):
            raise Unsupported(f"{_name(node)} is used inside another shape and has a SPARQL or qualified constraint")
        tests = []
        if shape.is_property_shape:
            path, _ = self._path(node)
            low, high = self._int(node, "minCount"), self._int(node, "maxCount")
            if low:
                tests.append(f"EXISTS {{ {self._distinct(x, path, low)} }}")
            if high is not None:
                tests.append(f"NOT EXISTS {{ {self._distinct(x, path, high + 1)} }}")
            w = self._var()
            inner = [t for p in _VALUE_PARAMS for t in self._value_tests(node, p, w)]
            if inner:
                tests.append(f"NOT EXISTS {{ {x} {path} {w} FILTER (!("
                             + " && ".join(f"COALESCE({t}, false)" for t in inner) + ")) }")
            tests += [f"EXISTS {{ {x} {path} {_term(h)} }}" for h in self._all(node, "hasValue")]
        else:
            for param in ("minCount", "maxCount"):
                if self._all(node, param):
                    raise Unsupported(f"node shape {_name(node)} has sh:{param}")
            tests += [f"COALESCE({t}, false)" for p in _VALUE_PARAMS for t in self._value_tests(node, p, x)]
            tests += [f"sameTerm({x}, {_term(h)})" for h in self._all(node, "hasValue")]
        for child in self._all(node, "property"):
            tests.append(f"({self._conforms(self._shape(child), x)})")
        return " && ".join(tests) or "true"

    def _distinct(self, x: str, path: str, n: int) -> str:
        """A pattern: `x` has `n` distinct values on `path`."""
        if n > 4:
            raise Unsupported(f"a count of {n} inside another shape")
        names = [self._var() for _ in range(n)]
        pairs = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
        return " ".join(f"{x} {path} {w} ." for w in names) + (f" FILTER ({' && '.join(pairs)})" if pairs else "")

    def _sparql(self, shape: Any, focus: str) -> None:
        if not self._all(shape.node, "sparql"):
            return
        from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint

        component = SPARQLBasedConstraint(shape)
        for helper in sorted(component.sparql_constraints, key=lambda h: str(h.node)):
            if helper.deactivated:
                continue
            where = _name(helper.node)
            if helper.messages and list(shape.message):
                raise Unsupported(f"{_name(shape.node)} has a sh:message and so has its SPARQL constraint {where}")
            if len(set(helper.messages)) > 1:
                raise Unsupported(f"the SPARQL constraint {where} has more than one sh:message")
            severity = self._one(helper.node, "severity")
            if severity is not None and severity != shape.severity:
                raise Unsupported(f"the SPARQL constraint {where} has a severity of its own (engines differ on it)")
            text = helper.select_text
            if re.search(r"\b(OPTIONAL|MINUS|VALUES|SERVICE|GRAPH)\b|\$(currentShape|shapesGraph|PATH|value)\b|"
                         r"\?failure\b", text, flags=re.IGNORECASE):
                raise Unsupported(f"the SPARQL constraint {where} uses a form compiled only with $this pre-bound")
            for projection in re.findall(r"\bSELECT\b(.*?)\bWHERE\b", text, flags=re.IGNORECASE | re.DOTALL):
                if "$this" not in projection and "?this" not in projection:
                    raise Unsupported(f"a SELECT of the SPARQL constraint {where} does not project $this")
            body = helper.apply_prefixes(re.sub(r"\$this\b", "?this", text))
            prologue, select = _split_prologue(body)
            # the constraint's solutions, then those of focus nodes: it binds $this itself
            query = f"{prologue}\nSELECT DISTINCT * WHERE {{ {{ {select} }} FILTER EXISTS {{ {focus} }} }}"
            self.checks.append(_Check(query, "sparql", shape, helper=helper))

    # ---- running

    def results(self, store: Store, focus: Iterable[str] | None = None) -> list[Result]:
        """Every result over the store (the default graph); with `focus`, only about those nodes
        (pySHACL's focus_nodes: an empty list is no filter)."""
        if self.unsupported:
            raise Fallback("; ".join(self.unsupported))
        wanted = set(focus) if focus else None
        subclasses = _subclass_index(store)
        out: list[Result] = []
        # Oxigraph releases the GIL while it evaluates a query: the queries run on every core,
        # and their rows are read here in the checks' order
        from concurrent.futures import ThreadPoolExecutor  # with logging, 20 ms: not for one article's screen

        with ThreadPoolExecutor(os.cpu_count()) as pool:
            try:
                crowded = _crowded(store, pool, {c.crowded for c in self.checks if c.crowded})
                checks = [c for c in self.checks if not c.crowded or c.crowded in crowded]
                queries = [_with_classes(c.query, subclasses) for c in checks]
                for check, (variables, rows) in zip(checks, pool.map(partial(_solve, store), queries), strict=True):
                    for row in rows:
                        this = row["this"]
                        if not isinstance(this, NamedNode):
                            raise Fallback("a result about a blank node or a literal")
                        if wanted is None or this.value in wanted:
                            out += self._rows(check, this, row, variables)
            finally:  # a Fallback leaves the queries not started yet
                pool.shutdown(cancel_futures=True)
        return out

    def screen(self) -> list[str] | None:
        """The queries as text (None when the shapes are not compiled), for `finds_any`."""
        return None if self.unsupported else [check.query for check in self.checks]

    def _rows(self, check: _Check, this: NamedNode, row: Any, variables: list[str]) -> list[Result]:
        if check.kind == "value":
            value = row["v"]
            if isinstance(value, BlankNode):
                raise Fallback("a value that is a blank node")
            return [self._result(check.shape, this, param, value) for param, name in check.components
                    if not name or (row[name[1:]] is not None and not row[name[1:]].value == "true")]
        if check.kind == "present":  # a path some focus node lacks (minimum counts of one, merged)
            return [self._result(shape, this, "minCount", None) for shape, name in check.present
                    if row[name[1:]].value != "true"]
        if check.kind in _COMPONENT:
            return [self._result(check.shape, this, _COMPONENT[check.kind], None)]
        return [self._sparql_row(check, this, row, variables, str(check.shape.severity))]

    def _result(self, shape: Any, this: NamedNode, param: str, value: Any) -> Result:
        import rdflib

        path = shape.path() if shape.is_property_shape else None
        message = self._message(shape, param, rdflib.URIRef(this.value), _rdflib(value) if value is not None else None)
        return Result(this.value, str(path) if isinstance(path, rdflib.URIRef) else None, value,
                      str(shape.severity), message)

    def _message(self, shape: Any, param: str, focus: Any, value: Any) -> str:
        messages = list(shape.message)
        if messages:
            return str(messages[0])
        key = (shape.node, param)
        if key not in self._components:
            import rdflib
            from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP

            self._components[key] = (CONSTRAINT_PARAMETERS_MAP[rdflib.URIRef(SH + param)](shape), rdflib.Graph())
        component, data = self._components[key]
        generic = component.make_generic_messages(data, focus, value)
        return str(generic[0]) if generic else ""

    def _sparql_row(self, check: _Check, this: NamedNode, row: Any, variables: list[str], severity: str) -> Result:
        """As pySHACL's SPARQL constraint: ?path and ?value, when selected, are the result's;
        the message's {?var} are the solution's values (str of rdflib's terms)."""
        import rdflib

        bound = {}
        for variable in variables:
            term = row[variable]
            if term is not None:
                if isinstance(term, BlankNode):
                    raise Fallback("a SPARQL constraint's solution has a blank node")
                bound[variable] = _rdflib(term)
        path = bound.pop("path", None)
        value = bound.pop("value", None)
        bound.pop("this", None)
        value = value if value is not None else rdflib.URIRef(this.value)
        fills = {**bound, "this": rdflib.URIRef(this.value), **({"path": path} if path is not None else {}),
                 "value": value}
        messages = list(check.helper.messages) or list(check.shape.message)
        message = str(messages[0]) if messages else ""
        for var, val in fills.items():
            message = re.sub(f"{{[?$]{var}}}", str(val), message)
        return Result(this.value, str(path) if isinstance(path, rdflib.URIRef) else None, _oxigraph(value),
                      severity, message)


def _sh(name: str) -> Any:
    import rdflib

    return rdflib.URIRef(SH + name)


def _name(node: Any) -> str:
    if str(node).startswith(SH):
        return "sh:" + str(node)[len(SH):]
    return f"<{node}>" if not hasattr(node, "n3") else node.n3()


def _term(node: Any, literal_only: bool = False) -> str:
    import rdflib

    if isinstance(node, rdflib.URIRef) and not literal_only:
        return f"<{node}>"
    if isinstance(node, rdflib.Literal):
        return node.n3()
    raise Unsupported(f"{_name(node)} cannot be written in a query here")


def _split_prologue(text: str) -> tuple[str, str]:
    """PREFIX/BASE lines apart from the query that follows them."""
    match = re.match(r"\s*((?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*)(.*)", text,
                     flags=re.IGNORECASE | re.DOTALL)
    assert match is not None
    return match.group(1), match.group(2)


def finds_any(store: Store, queries: list[str], focus: set[str]) -> bool:
    """Whether any of `queries` (CompiledShapes.screen) has a solution about a node of `focus`,
    or about a blank node or a literal. False: those nodes conform to the compiled shapes, told
    without pySHACL or rdflib; True: only the full engine can say what is wrong, if anything
    (a solution may pass every component of its check)."""
    subclasses = _subclass_index(store)
    for text in queries:
        solutions = store.query(_with_classes(text, subclasses))
        assert isinstance(solutions, QuerySolutions)
        for row in solutions:
            this = row["this"]
            if not isinstance(this, NamedNode) or this.value in focus:
                return True
    return False


def _with_classes(query: str, subclasses: dict[str, set[str]]) -> str:
    """The query with each {class:<iri>} written as the class and its subclasses in the data."""
    return re.sub(r"\{class:([^{}\s]+)\}", lambda m: " ".join(f"<{c}>" for c in _closure(subclasses, m.group(1))),
                  query)


def _solve(store: Store, query: str) -> tuple[list[str], list[Any]]:
    """A SELECT query's variables and rows."""
    solutions = store.query(query)
    assert isinstance(solutions, QuerySolutions)
    return [v.value for v in solutions.variables], list(solutions)


def _crowded(store: Store, pool: ThreadPoolExecutor, paths: set[str]) -> set[str]:
    """The paths on which some node has two values or more: as many nodes as pairs means one
    value each, and no maximum of one or more on that path can fail (counting is about twice
    as fast in Oxigraph as the join that finds the nodes of two values)."""
    ordered = sorted(paths)
    counts = pool.map(partial(_solve, store), [f"SELECT (COUNT(*) AS ?pairs) (COUNT(DISTINCT ?x) AS ?nodes) "
                                               f"WHERE {{ ?x {path} ?y }}" for path in ordered])
    return {path for path, (_, rows) in zip(ordered, counts, strict=True)
            if rows[0]["pairs"].value != rows[0]["nodes"].value}


def _subclass_index(store: Store) -> dict[str, set[str]]:
    """class -> its direct subclasses, from the data's rdfs:subClassOf triples."""
    out: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, NamedNode(RDFS + "subClassOf"), None, None):
        if isinstance(q.subject, NamedNode) and isinstance(q.object, NamedNode):
            out.setdefault(q.object.value, set()).add(q.subject.value)
    return out


def _closure(subclasses: dict[str, set[str]], cls: str) -> list[str]:
    found, todo = {cls}, [cls]
    while todo:
        for sub in subclasses.get(todo.pop(), ()):
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return sorted(found)


def _rdflib(term: Any) -> Any:
    import rdflib

    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == XSD + "string":
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise Fallback(f"cannot write {term} as the reference engine would")


def _oxigraph(term: Any) -> Any:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return Literal(str(term), language=term.language)
        return Literal(str(term), datatype=NamedNode(str(term.datatype or XSD + "string")))
    return None
