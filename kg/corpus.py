"""The corpus: every facts file of a project checked together. Each file is summarised (the
entities and periods it defines, the ones it refers to), so unchanged files need not be parsed
again; the summaries are checked across files: unique article ids, one type per entity id,
one span per period id, every reference and alias resolved."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import LocatedError
from kg.facts import (
    COMMON,
    FACT_FIELDS,
    ORG_TYPES,
    PLACE_TYPES,
    FactsFile,
    _err,
    load_aliases,
    load_facts_file,
)


@dataclass
class Summary:
    """What the rest of the corpus needs to know of one facts file, kept in the build cache
    so unchanged files are not parsed again: the entities and periods it defines and the
    entities and periods it refers to (with where, for errors)."""

    label: str
    article: str
    file: str  # the article's file under data/articles/
    article_loc: tuple[int, int]
    entities: dict[str, tuple[str, str, int, int]]  # id -> type, name, line, column
    periods: dict[str, tuple[str, str, str, int, int]]  # id -> name, start, end, line, column
    refs: list[tuple[str, str, str, int, int]]  # value, kind, field, line, column
    facts: int


@dataclass
class Tables:
    """Entity and period names and types across all facts files (first definition wins)."""

    entities: dict[str, tuple[str, str]]  # id -> (type, name)
    periods: dict[str, str]  # id -> name
    aliases: dict[str, list[str]]
    defined_in: dict[str, str] = field(default_factory=dict)  # entity id -> first article


@dataclass
class Corpus:
    """Every facts file of a project, with references resolved across files."""

    files: list[FactsFile]
    tables: Tables


def summarize(ff: FactsFile) -> Summary:
    """Check references inside the file and list those that point outside it."""
    facts = {f.id for f in ff.facts}
    refs: list[tuple[str, str, str, int, int]] = []
    for i, fact in enumerate(ff.facts):
        spec = {**COMMON, **FACT_FIELDS[fact.type]}
        for name, value in fact.fields.items():
            kind = spec[name]
            if name == "said_by":
                if str(value) in ("article", "headline"):
                    continue
                kind = "ref"
            if kind.split(":")[0] not in ("ref", "refs", "ref|fact", "fact", "period"):
                continue
            for v in value if isinstance(value, list) else [value]:
                where = f"facts[{i}].{name}"
                if kind == "fact":
                    if str(v) not in facts:
                        raise _err(v, ff.label, f"'{v}' is not a fact id in this file", where)
                elif not (kind == "ref|fact" and str(v) in facts):
                    refs.append((str(v), kind, where, v.loc.line, v.loc.column))
    a = ff.article.field_locs.get("id", ff.article.loc)
    return Summary(
        ff.label, ff.article.id, str(ff.article.get("file")), (a.line, a.column),
        {e.id: (e.type, str(e.get("name")), e.field_locs["type"].line, e.field_locs["type"].column)
         for e in ff.entities},
        {p.id: (str(p.get("name")), p.fields["start"].text, p.fields["end"].text, p.loc.line, p.loc.column)
         for p in ff.periods},
        refs, len(ff.facts))


def check_corpus(summaries: list[Summary], aliases: dict[str, list[str]], aliases_label: str = "") -> Tables:
    """Cross-file checks: unique article ids, one type per entity id, one span per period id,
    every reference and alias names something defined."""
    articles: dict[str, str] = {}
    tables = Tables({}, {}, aliases)
    period_spans: dict[str, tuple[str, str]] = {}
    for s in summaries:
        if s.article in articles:
            raise LocatedError(s.label, f"article id '{s.article}' is also used by {articles[s.article]}",
                               *s.article_loc, "article.id")
        articles[s.article] = s.label
        for eid, (etype, name, line, col) in s.entities.items():
            first = tables.entities.setdefault(eid, (etype, name))
            tables.defined_in.setdefault(eid, s.article)
            if first[0] != etype:
                raise LocatedError(s.label, f"entity '{eid}' is a {first[0]} in another facts file "
                                   f"({tables.defined_in[eid]}); one id, one type", line, col, "type")
        for pid, (name, start, end, line, col) in s.periods.items():
            tables.periods.setdefault(pid, name)
            if period_spans.setdefault(pid, (start, end)) != (start, end):
                raise LocatedError(s.label, f"period '{pid}' has other dates in another facts file",
                                   line, col, "periods")
    for s in summaries:
        for value, kind, where, line, col in s.refs:
            base, _, want = kind.partition(":")
            if base == "period":
                if value not in tables.periods:
                    raise LocatedError(s.label, f"'{value}' is not a defined period (add it under periods:)",
                                       line, col, where)
                continue
            entity = tables.entities.get(value)
            if entity is None:
                raise LocatedError(s.label, f"'{value}' is not a defined entity (add it under entities:)",
                                   line, col, where)
            allowed = {"Person": {"Person"}, "org": ORG_TYPES, "place": PLACE_TYPES}.get(want)
            if allowed and entity[0] not in allowed:
                raise LocatedError(s.label, f"'{value}' is a {entity[0]}; expected {want}", line, col, where)
    for key in aliases:
        if key not in tables.entities:
            raise LocatedError(aliases_label, f"'{key}' is not an entity defined in any facts file")
    return tables


def load_corpus(facts_paths: list[Path], aliases_path: Path | None = None,
                labels: dict[Path, str] | None = None) -> Corpus:
    """Load every facts file, merge entities across them, check references."""
    files = [load_facts_file(p, (labels or {}).get(p)) for p in facts_paths]
    aliases = load_aliases(aliases_path) if aliases_path else {}
    tables = check_corpus([summarize(ff) for ff in files], aliases, str(aliases_path))
    return Corpus(files, tables)
