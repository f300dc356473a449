"""The corpus: every facts file of a project checked together. Each file is summarised (the
entities and periods it defines, the ones it refers to), so unchanged files need not be parsed
again; the summaries are checked across files: unique article ids, one type per entity id,
one span per period id, every reference and alias resolved. Every error is reported at once."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from kg.errors import LocatedError, LocatedErrors
from kg.facts import (
    COMMON,
    EVENT_TYPES,
    FACT_FIELDS,
    ORG_TYPES,
    PLACE_TYPES,
    FactsFile,
    Item,
    load_aliases,
    load_facts_file,
    located,
)


class EntityDef(NamedTuple):
    type: str
    name: str
    aliases: list[str]
    line: int
    column: int


class PeriodDef(NamedTuple):
    name: str
    start: str
    end: str
    quotes: list[str]
    line: int
    column: int


class Ref(NamedTuple):
    value: str
    kind: str  # the field kind (ref:Person, refs:place, period...)
    field: str  # where, e.g. facts[3].victim
    line: int
    column: int


class Entity(NamedTuple):
    type: str
    name: str
    names: tuple[str, ...]  # the name, the articles' aliases and the curated aliases


class Period(NamedTuple):
    name: str
    start: str
    end: str
    quotes: tuple[str, ...]


@dataclass
class Summary:
    """What the rest of the corpus needs to know of one facts file, kept in the build cache
    so unchanged files are not parsed again."""

    label: str
    article: str
    file: str  # the article's file under data/articles/
    article_loc: tuple[int, int]
    entities: dict[str, EntityDef]
    periods: dict[str, PeriodDef]
    refs: list[Ref]
    facts: int
    events: dict[str, list[Any]] = field(default_factory=dict)  # event key -> [type, victims, line, column]

    def to_json(self) -> dict[str, Any]:
        # the fields as they are (kg.chunks.json_bytes writes the named tuples in them as
        # arrays): dataclasses.asdict copied every record in them, 3 ms a file
        return dict(vars(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Summary:
        return cls(data["label"], data["article"], data["file"], tuple(data["article_loc"]),
                   {k: EntityDef(*v) for k, v in data["entities"].items()},
                   {k: PeriodDef(*v) for k, v in data["periods"].items()},
                   [Ref(*r) for r in data["refs"]], data["facts"], data["events"])


@dataclass
class Tables:
    """Entity and period names and types across all facts files (first definition wins)."""

    entities: MutableMapping[str, Entity]  # dicts, or the last build's (kg.corpusmemo.Table)
    periods: MutableMapping[str, Period]
    aliases: dict[str, list[str]]
    defined_in: MutableMapping[str, str] = field(default_factory=dict)  # entity id -> first article
    events: MutableMapping[str, list[Any]] = field(default_factory=dict)  # event key -> [type, victims, first file]


@dataclass
class Corpus:
    """Every facts file of a project, with references resolved across files."""

    files: list[FactsFile]
    tables: Tables


REF_KINDS = ("ref", "refs", "period")


# fields of a fact that must name different things (a person does not replace himself)
DIFFERENT = {"leadership": (("person", "replaces"), ("person", "replaced_by"), ("replaces", "replaced_by")),
             "causation": (("cause", "effect"),), "kinship": (("person", "relative"),)}
ENDINGS = {"killing", "capture", "captivity", "sentencing"}  # events that end their victim's term


def _consistent(fact: Item, facts: dict[str, Item], label: str, where: str) -> list[LocatedError]:
    """What each value may be on its own but not together: a fact referring to itself, two
    fields naming the same thing, a term ended by the killing or capture of someone else."""
    errors = []
    for name, value in fact.fields.items():
        if FACT_FIELDS[fact.type].get(name, "").startswith("fact") and str(value) == fact.id:
            errors.append(located(value, label, f"'{value}' is this fact itself", f"{where}.{name}"))
    for a, b in DIFFERENT.get(fact.type, ()):
        if a in fact.fields and b in fact.fields and str(fact.fields[a]) == str(fact.fields[b]):
            errors.append(located(fact.fields[b], label, f"{b} names the same as {a} ('{fact.fields[a]}')",
                                  f"{where}.{b}"))
    seen, at = {fact.id}, facts.get(str(fact.get("part_of"))) if fact.type == "statistic" else None
    while at is not None and at.type == "statistic" and at.id not in seen:  # a total of a total of ...
        seen.add(at.id)
        at = facts.get(str(at.get("part_of")))
    if at is not None and at.id == fact.id and str(fact.get("part_of")) != fact.id:
        errors.append(located(fact.fields["part_of"], label, "the totals this figure is part of come back to "
                              f"it ({' -> '.join(sorted(seen))})", f"{where}.part_of"))
    ended = facts.get(str(fact.get("ended_by"))) if fact.type == "leadership" else None
    if ended is not None and ended.type in ENDINGS and ended.id != fact.id:
        victim = ended.get("victim") or ended.get("defendant")
        if str(victim) != str(fact.get("person")):
            errors.append(located(fact.fields["ended_by"], label, f"'{ended.id}' is the {ended.type} of "
                                  f"'{victim}', not of '{fact.get('person')}' (this term's person): one of "
                                  "person and ended_by is wrong",
                                  f"{where}.ended_by"))
    return errors


def summarize(ff: FactsFile) -> Summary:
    """Check references inside the file and list those that point outside it."""
    facts = {f.id: f for f in ff.facts}
    refs: list[Ref] = []
    errors: list[LocatedError] = []
    for i, fact in enumerate(ff.facts):
        spec = {**COMMON, **FACT_FIELDS[fact.type]}
        for name, value in fact.fields.items():
            kind = spec[name]
            if name == "said_by":
                if str(value) in ("article", "headline"):
                    continue
                kind = "ref"
            base, _, narrow = kind.partition(":")
            where = f"facts[{i}].{name}"
            for v in value if isinstance(value, list) else [value]:
                if base == "fact":
                    target = facts.get(str(v))
                    if target is None:
                        errors.append(located(v, ff.label, f"'{v}' is not a fact id in this file", where))
                    elif narrow == "event" and target.type not in EVENT_TYPES:
                        errors.append(located(v, ff.label, f"'{v}' is a {target.type}; expected an event "
                                              f"({', '.join(sorted(EVENT_TYPES))})", where))
                    elif narrow and narrow != "event" and target.type != narrow:
                        errors.append(located(v, ff.label, f"'{v}' is a {target.type}; expected a {narrow}", where))
                elif base in REF_KINDS:
                    refs.append(Ref(str(v), kind, where, v.loc.line, v.loc.column))
        errors += _consistent(fact, facts, ff.label, f"facts[{i}]")
        for q in fact.quotes:
            if q.said_by and q.said_by not in ("article", "headline"):
                refs.append(Ref(q.said_by, "ref", f"facts[{i}].quote", q.loc.line, q.loc.column))
    if errors:
        raise LocatedErrors(errors)
    a = ff.article.where("id")
    return Summary(
        ff.label, ff.article.id, str(ff.article.get("file")), (a.line, a.column),
        {e.id: EntityDef(e.type, str(e.get("name")), [str(x) for x in e.get("aliases", [])],
                         e.where("type").line, e.where("type").column) for e in ff.entities},
        {p.id: PeriodDef(str(p.get("name")), p.fields["start"].text, p.fields["end"].text,
                         [q.text for q in p.quotes], p.loc.line, p.loc.column) for p in ff.periods},
        refs, len(ff.facts), _events(ff))


def _events(ff: FactsFile) -> dict[str, list[Any]]:
    """The world-event key of each event fact (the node articles share), with what must agree
    across articles that use it: the kind of event and its victims."""
    from kg.build import event_key

    out: dict[str, list[Any]] = {}
    for f in ff.facts:
        key = event_key(f)
        if key and key not in out:
            victims = f.get("victim")
            victims = victims if isinstance(victims, list) else [victims] if victims else []
            out[key] = [f.type, sorted(str(v) for v in victims), f.loc.line, f.loc.column]
    return out


def same_events(s: Summary, events: MutableMapping[str, list[Any]]) -> list[LocatedError]:
    """An event key two articles share names one event: the same kind, and victims in common
    when both name victims (a key reused for another event merged two killings into one).
    `events` (key -> [type, victims, first file]) gains the file's new keys."""
    errors: list[LocatedError] = []
    for key, (kind, victims, line, column) in s.events.items():
        if key not in events:
            events[key] = [kind, victims, s.label]
            continue
        first_kind, first_victims, first = events[key]
        if first_kind != kind:
            errors.append(LocatedError(s.label, f"'{key}' is a {first_kind} in {first}; one event key, "
                                       "one event (give this one its own key)", line, column, "event"))
        elif victims and first_victims and not set(victims) & set(first_victims):
            errors.append(LocatedError(s.label, f"'{key}' is the {kind} of {', '.join(first_victims)} in "
                                       f"{first}, not of {', '.join(victims)}; one event key, one event "
                                       "(give this one its own key)", line, column, "event"))
    return errors


def check_corpus(summaries: list[Summary], aliases: dict[str, list[str]], aliases_label: str = "") -> Tables:
    """Cross-file checks: unique article ids, one type per entity id, one span per period id,
    every reference and alias names something defined."""
    errors: list[LocatedError] = []
    articles: dict[str, str] = {}
    tables = Tables({}, {}, aliases)
    names: dict[str, list[str]] = {}
    for s in summaries:
        if s.article in articles:
            errors.append(LocatedError(s.label, f"article id '{s.article}' is also used by {articles[s.article]}",
                                       *s.article_loc, "article.id"))
        articles[s.article] = s.label
        for eid, e in s.entities.items():
            tables.defined_in.setdefault(eid, s.article)
            first = tables.entities.setdefault(eid, Entity(e.type, e.name, ()))
            names.setdefault(eid, []).extend([e.name, *e.aliases])
            if first.type != e.type:
                errors.append(LocatedError(s.label, f"entity '{eid}' is a {first.type} in another facts file "
                                           f"({tables.defined_in[eid]}); one id, one type", e.line, e.column, "type"))
        for pid, p in s.periods.items():
            first_p = tables.periods.setdefault(pid, Period(p.name, p.start, p.end, ()))
            if (first_p.start, first_p.end) != (p.start, p.end):
                errors.append(LocatedError(s.label, f"period '{pid}' has other dates in another facts file",
                                           p.line, p.column, "periods"))
            # sorted: the tables do not depend on the files' order beyond each id's first definition
            tables.periods[pid] = first_p._replace(quotes=tuple(sorted({*first_p.quotes, *p.quotes})))
    curated = {k for others in aliases.values() for a in others for k in _keys(a)}
    stated = {k: eid for eid, ns in names.items() for n in ns for k in _keys(n) if k in curated} \
        if curated else {}  # the articles' own names that a curated alias also gives
    for key, others in aliases.items():
        if key not in tables.entities:
            errors.append(LocatedError(aliases_label, f"'{key}' is not an entity defined in any facts file"))
        for alias in others:  # a lookup name must not take a name an article gives something else
            owner = next((stated[k] for k in _keys(alias) if stated.get(k, key) != key), None)
            if owner is not None:
                errors.append(LocatedError(aliases_label, f"'{alias}' (an alias of '{key}') is the name of "
                                           f"'{owner}' in the facts files; a curated alias cannot take it", field=key))
        names.setdefault(key, []).extend(others)
    for eid, entity in tables.entities.items():
        tables.entities[eid] = entity._replace(names=tuple(sorted(set(names.get(eid, [entity.name])))))
    for s in summaries:
        errors += same_events(s, tables.events)
    for s in summaries:
        for r in s.refs:
            error = check_ref(r, tables)
            if error:
                errors.append(LocatedError(s.label, error, r.line, r.column, r.field))
    if errors:
        raise LocatedErrors(errors)
    return tables


def _keys(name: str) -> frozenset[str]:
    from kg import names

    return names.keys(name) or frozenset({name})


def check_ref(r: Ref, tables: Tables) -> str:
    base, _, want = r.kind.partition(":")
    if base == "period":
        return "" if r.value in tables.periods else f"'{r.value}' is not a defined period (add it under periods:)"
    entity = tables.entities.get(r.value)
    if entity is None:
        return f"'{r.value}' is not a defined entity (add it under entities:)"
    allowed = {"Person": {"Person"}, "org": ORG_TYPES, "place": PLACE_TYPES}.get(want)
    if allowed and entity.type not in allowed:
        return f"'{r.value}' is a {entity.type}; expected {want}"
    return ""


def load_corpus(facts_paths: list[Path], aliases_path: Path | None = None,
                labels: dict[Path, str] | None = None) -> Corpus:
    """Load every facts file, merge entities across them, check references; all errors at once."""
    files, errors = [], []
    for p in facts_paths:
        try:
            files.append(load_facts_file(p, (labels or {}).get(p)))
        except LocatedErrors as exc:
            errors += exc.errors
        except LocatedError as exc:
            errors.append(exc)
    summaries = []
    for ff in files:
        try:
            summaries.append(summarize(ff))
        except LocatedErrors as exc:
            errors += exc.errors
    if errors:
        raise LocatedErrors(errors)
    aliases = load_aliases(aliases_path) if aliases_path else {}
    tables = check_corpus(summaries, aliases, str(aliases_path))
    return Corpus(files, tables)
