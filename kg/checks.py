"""The shapes' corpus-scope SPARQL constraints, run by Oxigraph over the store's union graph.

A whole build runs each constraint once for every focus node. An in-place update runs each
only for the focus nodes a changed triple can reach through that constraint's own patterns
(not every neighbour of what changed: an organisation thousands of facts point to is not a
reason to recheck them all), and keeps the last build's rows for every other focus node.

Reach: a solution of a constraint that appears or disappears uses a changed triple, matched
by one of its triple patterns (in the main group, a UNION branch, an OPTIONAL, an EXISTS or a
subquery). Every other pattern that group and its enclosing groups require holds in the same
graph (the new one for an added triple, the old one for a removed one), so the focus nodes
are those of that skeleton, evaluated with the changed triples bound. Filters only narrow a
solution, so leaving them out keeps every node that may change.

Oxigraph evaluates nested groups on their own (the lesson of the named queries' hints in
kg.sparqlsafe), so the focus nodes are written as VALUES into every group that binds ?this.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Store, Triple

from kg.patterns import RDF_TYPE, THIS, Group, Pattern, groups, parse, reach
from kg.project import Project
from kg.store import select

SH = "http://www.w3.org/ns/shacl#"
Row = tuple[str, str, str]  # focus node IRI, message, severity


@dataclass
class Constraint:
    key: str  # rows of the last build are kept per constraint under this key
    prologue: str  # the PREFIX lines of the shapes' declared prefixes
    text: str  # the SELECT, $this written ?this
    message: str
    severity: str
    target: str  # the pattern of its focus nodes (?this bound)
    target_predicates: frozenset[str]  # a changed triple with one of these may change the targets
    target_classes: frozenset[str]  # (rdf:type triples only with one of these classes)
    root: Group | None  # None: the text could not be read for reach: checked whole
    reach: list[tuple[Pattern, list[Pattern]]] | None = None


def load(project: Project, store: Store) -> list[Constraint]:
    """The corpus-scope constraints of the project's shapes, with their targets."""
    from kg import sparqlsafe

    # the files only: the constraints are read here with Oxigraph (no rdflib to import)
    constraints_rq = project.resource("queries", "shacl/sparql-constraints.rq")
    shapes_path = project.resource("ontology", "shapes.ttl")
    shapes = Store()
    shapes.load(path=str(shapes_path), format=RdfFormat.TURTLE)
    prefixes = _declared(shapes)
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))
    query = constraints_rq.read_text(encoding="utf-8")
    sparqlsafe.check_file(constraints_rq, query)
    out = []
    for c in select(shapes, query):
        if c["scope"] is None:
            continue  # article-local: checked with each article
        targets, predicates, classes = [], set(), []
        if c["targetClass"] is not None:
            classes = _subclasses(store, c["targetClass"].value)
            targets.append(f"VALUES ?targetClass {{ {' '.join(f'<{k}>' for k in classes)} }} ?this a ?targetClass")
            predicates.add(RDF_TYPE)
        if c["targetSubjectsOf"] is not None:
            targets.append(f"?this <{c['targetSubjectsOf'].value}> ?targetObject")
            predicates.add(c["targetSubjectsOf"].value)
        text = c["select"].value.replace("$this", THIS)
        sparqlsafe.check_file(shapes_path, prologue + text)
        message = c["message"].value if c["message"] is not None else "does not conform"
        severity = c["severity"].value.rsplit("#", 1)[-1] if c["severity"] is not None else "Violation"
        key = hashlib.sha256("\n".join([c["shape"].value if isinstance(c["shape"], NamedNode) else "",
                                         text, message, severity]).encode()).hexdigest()[:16]
        root = parse(text, prefixes)
        target = " UNION ".join("{ " + t + " }" for t in targets)
        out.append(Constraint(key, prologue, text, message, severity, target, frozenset(predicates),
                              frozenset(classes), root,
                              reach(root) if root else None))
    return out


def _declared(shapes: Store) -> dict[str, str]:
    """The prefixes the shapes graph declares (sh:declare)."""
    out = {}
    for q in shapes.quads_for_pattern(None, NamedNode(SH + "prefix"), None, None):
        for ns in shapes.quads_for_pattern(q.subject, NamedNode(SH + "namespace"), None, None):
            if isinstance(q.object, Literal) and isinstance(ns.object, Literal):
                out[q.object.value] = ns.object.value
    return out


def _subclasses(store: Store, cls: str) -> list[str]:
    """A class and all its subclasses (rdfs:subClassOf*), from the ontology in the store."""
    found, todo = {cls}, [cls]
    sub = NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
    while todo:
        for q in store.quads_for_pattern(None, sub, NamedNode(todo.pop()), None):
            if isinstance(q.subject, NamedNode) and q.subject.value not in found:
                found.add(q.subject.value)
                todo.append(q.subject.value)
    return sorted(found)


@dataclass
class Changes:
    """The triples an in-place update added to and removed from the union graph (a superset:
    a triple another article also states counts as changed)."""

    added: set[Triple]
    removed: set[Triple]


def changes(cache: Path, before: dict[str, str], after: dict[str, str]) -> Changes | None:
    """What changed between two builds' chunks (article -> chunk key), from the cached
    N-Triples of both; None when the old chunk of a changed article is no longer cached."""
    from pyoxigraph import parse

    added: set[Triple] = set()
    removed: set[Triple] = set()
    for article in sorted(before.keys() | after.keys()):
        old, new = before.get(article), after.get(article)
        if old == new:
            continue
        triples: list[set[Triple]] = []
        for key in (old, new):
            path = cache / f"{key}.nt"
            if key is None:
                triples.append(set())
            elif not path.is_file():
                return None
            else:
                triples.append(set(parse(path=str(path), format=RdfFormat.N_TRIPLES)))
        added |= triples[1] - triples[0]
        removed |= triples[0] - triples[1]
    return Changes(added, removed)


BATCH = 1000  # values written into one query


def _focus(c: Constraint, found: Changes, new: Store, old: Store | None) -> set[str] | None:
    """The focus nodes of c whose rows the changes may alter; None when c cannot be narrowed."""
    if c.reach is None:
        return None
    focus: set[str] = set()
    for triples, store in ((found.added, new), (found.removed, old)):
        if not triples:
            continue
        by_predicate: dict[str, list[Triple]] = {}
        for t in triples:
            by_predicate.setdefault(t.predicate.value, []).append(t)
            if (t.predicate.value in c.target_predicates and isinstance(t.subject, NamedNode)
                    and (t.predicate.value != RDF_TYPE or not c.target_classes
                         or str(t.object)[1:-1] in c.target_classes)):
                focus.add(t.subject.value)
        for tp, skeleton in c.reach:
            matching = by_predicate.get(tp[1][1:-1], []) if tp[1].startswith("<") else list(triples)
            if not matching:
                continue
            if THIS in (tp[0], tp[2]):
                for t in matching:
                    term = t.subject if tp[0] == THIS else t.object
                    if isinstance(term, NamedNode):
                        focus.add(term.value)
                continue
            if store is None or any(isinstance(x, BlankNode) for t in matching for x in (t.subject, t.object)):
                return None
            focus |= _skeleton_focus(store, tp, skeleton, matching)
    return focus


def _skeleton_focus(store: Store, tp: Pattern, skeleton: list[Pattern], matching: list[Triple]) -> set[str]:
    names = [(i, v) for i, v in ((0, tp[0]), (1, tp[1]), (2, tp[2])) if v.startswith("?")]
    body = " . ".join(" ".join(t) for t in skeleton)
    out: set[str] = set()
    rows = sorted({tuple(str((t.subject, t.predicate, t.object)[i]) for i, _ in names) for t in matching})
    for start in range(0, len(rows), BATCH):
        values = " ".join("(" + " ".join(r) + ")" for r in rows[start:start + BATCH])
        text = (f"SELECT DISTINCT ?this WHERE {{ VALUES ({' '.join(v for _, v in names)}) {{ {values} }} "
                f"{body} }}")
        for solution in select(store, text):
            if isinstance(solution["this"], NamedNode):
                out.add(solution["this"].value)
    return out


def _narrowed(c: Constraint, focus: list[str]) -> str:
    """The constraint's text with the focus nodes as VALUES in every group that binds ?this."""
    values = "VALUES ?this { " + " ".join(str(NamedNode(f)) for f in focus) + " } "
    text = c.text
    starts = sorted((g.start for g in groups(c.root) if g.kind != "subquery"
                     and any(THIS in (t[0], t[2]) for t in g.triples)), reverse=True) if c.root else []
    if not starts:  # fall back to the outermost group
        where = re.search(r"WHERE\s*\{", text, flags=re.IGNORECASE)
        starts = [where.end() - 1] if where else []
    for at in starts:
        text = text[:at + 1] + " " + values + text[at + 1:]
    return text


def _evaluate(store: Store, c: Constraint, focus: list[str] | None) -> set[Row]:
    texts = [c.text] if focus is None else [_narrowed(c, focus[i:i + BATCH]) for i in range(0, len(focus), BATCH)]
    rows = set()
    for text in texts:
        query = f"{c.prologue}SELECT DISTINCT * WHERE {{ {{ {text} }} FILTER EXISTS {{ {c.target} }} }}"
        for solution in select(store, query):
            rows.add((_value(solution["this"]), _fill(c.message, solution), c.severity))
    return rows


def _fill(message: str, solution: Any) -> str:
    """The message with {?var} replaced by the solution's values."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: _value(solution[m.group(1)]), message)


def _value(term: Any) -> str:
    return "" if term is None else term.value


def run(store: Store, project: Project, found: Changes | None = None, old: Store | None = None,
        previous: dict[str, list[list[str]]] | None = None) -> tuple[dict[str, list[Row]], int | None]:
    """Rows of every corpus-scope constraint, by constraint key, and how many focus nodes
    were checked again (None: all). With `found` (what an in-place update changed), `old`
    (the store before it) and `previous` (the last build's rows), only the focus nodes the
    changes reach are checked again; the last build's rows stand for the others."""
    out: dict[str, list[Row]] = {}
    checked: int | None = 0
    for c in load(project, store):
        focus = None
        if found is not None and previous is not None and c.key in previous:
            focus = _focus(c, found, store, old)
        if focus is None or previous is None:
            out[c.key] = sorted(_evaluate(store, c, None))
            checked = None
            continue
        kept = {(r[0], r[1], r[2]) for r in previous[c.key] if r[0] not in focus}
        out[c.key] = sorted(kept | (_evaluate(store, c, sorted(focus)) if focus else set()))
        checked = None if checked is None else checked + len(focus)
    return out, checked
