"""Reading a SHACL-SPARQL constraint's SELECT for kg.checks: its group graph patterns (the
main group, UNION branches, OPTIONAL, MINUS, EXISTS, subqueries), each with its own triple
patterns, and for each triple pattern the skeleton that ties it to ?this: every pattern the
group and its enclosing groups require alongside it. Filters and BINDs are left out (they only
narrow a solution); property paths, blank nodes, VALUES or GRAPH make the text unreadable here
(None), and the constraint is then checked whole."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg import sparqlsafe

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
THIS = "?this"
Pattern = tuple[str, str, str]  # a triple pattern: SPARQL terms, prefixed names expanded


@dataclass
class Group:
    """A group graph pattern: its own triple patterns, the groups nested in it and how."""

    kind: str  # group, union, optional, minus, exists, where (a subquery's pattern), subquery
    start: int  # offset of its "{" in the constraint's text
    tokens: list[tuple[str, str]] = field(default_factory=list)  # its own tokens: (kind, text)
    children: list[Group] = field(default_factory=list)
    triples: list[Pattern] = field(default_factory=list)


OPERATORS = ("||", "&&", "!=", "<=", ">=")
NOT_REQUIRED = ("union", "optional", "minus", "exists", "subquery")


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """kg.sparqlsafe's tokens, a string with its datatype or language tag as one literal, and
    '||', '&&', '!=', '<=', '>=' as one operator."""
    out: list[tuple[str, str, int]] = []
    for kind, token, at in sparqlsafe.tokens(text):
        last = out[-1] if out else None
        if last and last[0] == "literal" and (token == "^" or last[1].endswith("^^") or kind == "lang"):
            out[-1] = ("literal", last[1] + ("@" if kind == "lang" else "") + token, last[2])  # "x"^^T, "x"@en
        elif last and last[0] == "punct" and last[1] + token in OPERATORS and last[2] + 1 == at:
            out[-1] = ("punct", last[1] + token, last[2])
        else:
            out.append(("literal" if kind == "string" else kind, token, at))
    return out


def parse(text: str, prefixes: dict[str, str]) -> Group | None:
    """The group tree of a constraint's SELECT, or None when it uses what reach does not
    read (property paths, blank nodes, VALUES, GRAPH...)."""
    tokens = _tokens(text)
    starts = [i for i, t in enumerate(tokens) if t[1] == "{"]
    if not starts:
        return None
    try:
        root, _ = _group(tokens, starts[0], "group", prefixes, 0)
    except ValueError:
        return None
    return root


def _group(tokens: list[tuple[str, str, int]], i: int, kind: str, prefixes: dict[str, str],
           depth: int) -> tuple[Group, int]:
    group = Group(kind, tokens[i][2])
    i += 1
    while tokens[i][1] != "}":
        kind_, text, _ = tokens[i]
        if text == "{":
            own = [t for _, t in group.tokens]
            child_kind = ("exists" if own and own[-1].upper() == "EXISTS"
                          else "optional" if own and own[-1].upper() == "OPTIONAL"
                          else "minus" if own and own[-1].upper() == "MINUS"
                          else "union" if own and own[-1].upper() == "UNION"
                          else "where" if own and own[-1].upper() == "WHERE" and group.kind == "subquery"
                          else "group")
            if child_kind == "group" and tokens[i + 1][1].upper() == "SELECT":
                child_kind = "subquery"
            child, i = _group(tokens, i, child_kind, prefixes, depth + (child_kind == "subquery"))
            if child_kind == "union" and group.children:
                group.children[-1].kind = "union"  # the branch before UNION
            group.children.append(child)
            group.tokens.append(("group", ""))
            continue
        if kind_ == "var":
            text = "?" + text[1:]
            if depth and text != THIS:
                text = f"{text}__{depth}"  # a subquery's own variables are its own
        elif kind_ == "pname":
            prefix, _, local = text.partition(":")
            if prefix not in prefixes:
                raise ValueError(text)
            kind_, text = "iri", f"<{prefixes[prefix]}{local}>"
        group.tokens.append((kind_, text))
        i += 1
    if group.kind != "subquery":
        group.triples = _triples(group.tokens)
    return group, i + 1


def _triples(tokens: list[tuple[str, str]]) -> list[Pattern]:
    """The triple patterns among a group's own tokens (filters, binds and keywords left out)."""
    terms: list[str] = []
    out: list[Pattern] = []
    i, n = 0, len(tokens)
    while i < n:
        kind, text = tokens[i]
        upper = text.upper() if kind == "word" else ""
        if upper in ("FILTER", "BIND"):
            i += 1
            while i < n and tokens[i][1].upper() in ("NOT", "EXISTS"):
                i += 1
            if i < n and tokens[i][0] in ("word", "iri") and i + 1 < n and tokens[i + 1][1] == "(":
                i += 1  # a function call
            if i < n and tokens[i][1] == "(":
                i = _after_parens(tokens, i)
            elif i < n and tokens[i][0] == "group":
                i += 1
            continue
        if upper in ("OPTIONAL", "MINUS", "UNION", "NOT", "EXISTS") or kind == "group":
            i += 1
            continue
        if kind in ("var", "iri", "literal", "number") or text == "a":
            terms.append(f"<{RDF_TYPE}>" if text == "a" else text)
        elif text in (".", ";", ","):
            if len(terms) != 3:
                raise ValueError(text)
            out.append((terms[0], terms[1], terms[2]))
            terms = [] if text == "." else terms[:1] if text == ";" else terms[:2]
        else:
            raise ValueError(text)  # paths, blank nodes, VALUES...: not read for reach
        i += 1
    if terms:
        if len(terms) != 3:
            raise ValueError("incomplete triple")
        out.append((terms[0], terms[1], terms[2]))
    return out


def _after_parens(tokens: list[tuple[str, str]], i: int) -> int:
    depth = 0
    while i < len(tokens):
        depth += (tokens[i][1] == "(") - (tokens[i][1] == ")")
        i += 1
        if depth == 0:
            return i
    raise ValueError("unbalanced parentheses")


def _required(group: Group) -> list[Pattern]:
    """Triple patterns every solution of the group matches."""
    out = list(group.triples)
    for child in group.children:
        if child.kind not in NOT_REQUIRED:
            out += _required(child)
    return out


def reach(root: Group) -> list[tuple[Pattern, list[Pattern]]] | None:
    """Each triple pattern with the skeleton that ties it to ?this (None when one does not)."""
    out: list[tuple[Pattern, list[Pattern]]] = []

    def walk(group: Group, context: list[Pattern]) -> bool:
        here = list(dict.fromkeys(context + _required(group)))
        for tp in group.triples:
            if THIS not in (tp[0], tp[2]) and not any(THIS in (t[0], t[2]) for t in here):
                return False
            out.append((tp, here))
        return all(walk(child, here) for child in group.children)

    return out if walk(root, []) else None


def groups(group: Group) -> list[Group]:
    return [group] + [g for child in group.children for g in groups(child)]
