"""Load and check facts files (data/facts/*.yaml): one per article, every item quoted.

The schema lives in the tables below: which fields each kind of entity and fact takes,
what each field holds. Every error names the file, line, column and field, and says how to
fix it. Cross-file checks (references, duplicates) happen in `check_corpus`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kg import yamlsafe
from kg.errors import LocatedError
from kg.yamlsafe import Loc, Map, Str

ENTITY_TYPES = {
    "Person", "Organization", "ArmedGroup", "MilitaryCommand", "ArmedForce", "Coalition",
    "NewsAgency", "Country", "Region", "Place",
}
MEASURES = {
    "attacks_claimed", "attacks", "missions", "operatives_killed", "operatives_detained",
    "senior_leaders_killed", "senior_leaders_captured", "fighters_at_large", "people_abducted",
}
ENUMS = {
    "certainty": {"stated", "believed", "reported", "suggested", "projected"},
    "bound": {"exact", "at_least", "more_than", "about", "at_most"},
    "role": {"ruler", "commander"},
    "measure": MEASURES,
    "status": {"not_released"},
}
# Limits past which a number is a typo, not news.
MAX_COUNT = 100_000_000
MAX_AGE = 130
MAX_ORDINAL = 1000
YEARS = (1000, 2100)

COMMON = {
    "id": "slug", "type": "str", "quote": "quotes", "sentence": "ordinal", "said_by": "voice",
    "certainty": "enum", "hedge": "str", "note": "str", "draft": "bool", "offsets": "offsets",
}
FACT_FIELDS: dict[str, dict[str, str]] = {
    "leadership": {"person": "ref:Person", "organization": "ref:org", "role": "enum",
                   "ordinal": "ordinal", "start": "date", "end": "date", "ended_by": "fact"},
    "description": {"subject": "ref", "age": "age", "nationality": "str",
                    "occupation": "str", "title": "str"},
    "operation": {"name": "str", "conducted_by": "refs", "participants": "refs",
                  "target": "refs", "place": "refs:place", "named_in_honour_of": "ref:Person",
                  "date": "date", "start": "date", "end": "date"},
    "killing": {"victim": "ref:Person", "perpetrator": "refs", "date": "date",
                "place": "refs:place", "part_of": "fact"},
    "capture": {"victim": "ref:Person", "perpetrator": "refs", "date": "date",
                "place": "refs:place", "part_of": "fact"},
    "captivity": {"victim": "ref:Person", "perpetrator": "refs", "start": "date",
                  "end": "date", "duration": "duration", "place": "refs:place"},
    "campaign": {"conducted_by": "refs", "target": "refs", "place": "refs:place",
                 "start": "date", "end": "date"},
    "statement": {"speaker": "ref", "speaker_role": "str", "text": "str"},
    "statistic": {"measure": "enum", "value": "count", "bound": "enum", "wording": "str",
                  "status": "enum", "subject": "ref|fact", "place": "refs:place",
                  "period": "period", "part_of": "fact"},
    "projection": {"measure": "enum", "subject": "ref|fact", "place": "refs:place",
                   "period": "period", "compared_to": "period", "factor": "factor",
                   "bound": "enum", "wording": "str"},
    "partnership": {"partners": "refs", "context": "fact"},
    "headline_claim": {"text": "str", "about": "refs", "claimant": "ref"},
}
REQUIRED = {
    "leadership": {"person", "organization", "role"},
    "description": {"subject"},
    "operation": set(),
    "killing": {"victim"},
    "capture": {"victim"},
    "captivity": {"victim"},
    "campaign": {"conducted_by"},
    "statement": {"speaker"},
    "statistic": {"measure", "period"},
    "projection": {"measure", "period", "compared_to", "factor"},
    "partnership": {"partners"},
    "headline_claim": set(),
}
ENTITY_FIELDS = {"id": "slug", "type": "str", "name": "str", "aliases": "strs",
                 "quote": "quotes", "sentence": "ordinal", "note": "str", "draft": "bool", "offsets": "offsets"}
PERIOD_FIELDS = {"id": "slug", "name": "str", "start": "date", "end": "date",
                 "quote": "quotes", "sentence": "ordinal", "note": "str", "draft": "bool", "offsets": "offsets"}
ARTICLE_FIELDS = {"id": "slug", "file": "str", "title": "str", "published": "date",
                  "as_of": "date", "as_of_quote": "str", "url": "str", "note": "str"}
SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
DURATION = re.compile(r"^P(?=\d)(\d+Y)?(\d+M)?(\d+D)?$")
DATE_FORMS = {4: ("gYear", "%Y"), 7: ("gYearMonth", "%Y-%m"), 10: ("date", "%Y-%m-%d")}
ORG_TYPES = ENTITY_TYPES - {"Person", "Region", "Place"}
PLACE_TYPES = {"Country", "Region", "Place"}


@dataclass(frozen=True)
class Date:
    """A date at the precision the source gives: a year, a month or a day."""

    text: str
    kind: str  # gYear | gYearMonth | date

    @property
    def year(self) -> int:
        return int(self.text[:4])

    def earliest(self) -> tuple[int, int, int]:
        parts = [int(p) for p in self.text.split("-")]
        return (parts + [1, 1])[:3]  # type: ignore[return-value]

    def latest(self) -> tuple[int, int, int]:
        parts = [int(p) for p in self.text.split("-")]
        return (parts + [12, 31])[:3]  # type: ignore[return-value]


@dataclass(frozen=True)
class Quote:
    text: str
    sentence: int | None
    loc: Loc
    offset: int | None = None  # where the quote starts in the article, when the file says


@dataclass
class Item:
    """An entity, fact or period as written: its fields, where they are, its quotes."""

    kind: str  # entity | fact | period
    id: str
    type: str
    fields: dict[str, Any]
    quotes: list[Quote]
    loc: Loc
    field_locs: dict[str, Loc] = field(default_factory=dict)
    article: str = ""
    draft: bool = False  # drafted by kg extract, not yet reviewed: left out of the graph

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


@dataclass
class FactsFile:
    path: Path
    label: str
    article: Item
    entities: list[Item]
    facts: list[Item]
    periods: list[Item]
    drafts: int = 0  # items left out because they still carry `draft: true`


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _err(node: Any, label: str, message: str, fieldname: str | None = None) -> LocatedError:
    loc = getattr(node, "loc", None)
    return LocatedError(label, message, loc.line if loc else None, loc.column if loc else None,
                        fieldname)


def _scalar(value: Any, label: str, where: str) -> Str:
    if not isinstance(value, Str):
        kind = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else "empty"
        raise _err(value, label, f"expected a single value, found {kind}", where)
    return value


def parse_date(value: Any, label: str, where: str) -> Date:
    text = _scalar(value, label, where).strip()
    form = DATE_FORMS.get(len(text))
    try:
        if not form:
            raise ValueError
        dt.datetime.strptime(text, form[1])
    except ValueError:
        raise _err(value, label, f"not a date: '{text}' (write 2019, 2019-10 or 2019-10-27)",
                   where) from None
    if not YEARS[0] <= int(text[:4]) <= YEARS[1]:
        raise _err(value, label, f"year {text[:4]} is out of range {YEARS[0]}-{YEARS[1]}", where)
    return Date(text, form[0])


def _integer(value: Any, label: str, where: str, low: int, high: int, what: str) -> int:
    text = _scalar(value, label, where).strip().replace("_", "")
    if not re.fullmatch(r"[+-]?\d+", text):
        raise _err(value, label, f"not a whole number: '{value}' (write digits only, e.g. 153)", where)
    number = int(text)
    if number < low:
        raise _err(value, label, f"{what} must be at least {low}, got {number}", where)
    if number > high:
        raise _err(value, label, f"{what} {number:,} is absurd (more than {high:,}); check it", where)
    return number


def _convert(kind: str, value: Any, label: str, where: str, name: str) -> Any:
    base = kind.split(":")[0]
    if base in ("str", "slug", "voice", "enum", "ref", "fact", "period", "ref|fact"):
        text = nfc(str(_scalar(value, label, where)).strip())
        if not text:
            raise _err(value, label, "is empty", where)
        if base == "slug" and not SLUG.match(text):
            raise _err(value, label, f"'{text}' is not a valid id (letters, digits, - and _)", where)
        if base == "enum" and text not in ENUMS[name]:
            allowed = ", ".join(sorted(ENUMS[name]))
            raise _err(value, label, f"unknown {name} '{text}' (one of: {allowed})", where)
        return Str(text, value.loc)
    if base in ("refs", "strs"):
        items = value if isinstance(value, list) else [value]
        if not items:
            raise _err(value, label, "is an empty list", where)
        return [_convert("str", v, label, f"{where}[{i}]", name) for i, v in enumerate(items)]
    if base == "quotes":
        items = value if isinstance(value, list) else [value]
        out = [_convert("str", v, label, f"{where}[{i}]" if isinstance(value, list) else where, name)
               for i, v in enumerate(items)]
        if not out:
            raise _err(value, label, "needs at least one quote", where)
        return out
    if base == "date":
        return parse_date(value, label, where)
    if base == "bool":
        text = _scalar(value, label, where).strip().lower()
        if text not in ("true", "false"):
            raise _err(value, label, f"write true or false, not '{value}'", where)
        return text == "true"
    if base == "offsets":
        text = _scalar(value, label, where).strip()
        m = re.fullmatch(r"(\d+)-(\d+)", text)
        if not m or int(m.group(1)) >= int(m.group(2)):
            raise _err(value, label, f"offsets are START-END character positions, e.g. 120-168; got '{text}'", where)
        return (int(m.group(1)), int(m.group(2)))
    if base == "duration":
        text = _scalar(value, label, where).strip()
        if not DURATION.match(text):
            raise _err(value, label, f"not a duration: '{text}' (write P2Y, P6M or P10D)", where)
        return text
    if base == "count":
        return _integer(value, label, where, 0, MAX_COUNT, "a count")
    if base == "age":
        return _integer(value, label, where, 0, MAX_AGE, "an age")
    if base == "ordinal":
        return _integer(value, label, where, 1, MAX_ORDINAL, "an ordinal")
    if base == "factor":
        text = _scalar(value, label, where).strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise _err(value, label, f"not a number: '{text}' (e.g. 2 or 1.5)", where) from None
        if not number.is_finite() or number <= 0 or number > 1000:
            raise _err(value, label, f"a factor must be above 0 and at most 1000, got {text}", where)
        return number
    raise AssertionError(f"unknown field kind {kind}")


def _item(node: Any, label: str, where: str, kind: str, spec: dict[str, str],
          required: set[str]) -> Item:
    if not isinstance(node, Map):
        raise _err(node, label, "expected a mapping of fields (name: value)", where)
    fields: dict[str, Any] = {}
    for name, value in node.items():
        if name not in spec:
            allowed = ", ".join(sorted(spec))
            loc = node.key_locs[name]
            raise LocatedError(label, f"unknown field '{name}' (allowed: {allowed})",
                               loc.line, loc.column, f"{where}.{name}")
        if value is None:
            raise _err(node, label, "has no value", f"{where}.{name}")
        fields[name] = _convert(spec[name], value, label, f"{where}.{name}", name)
    for name in sorted(required - fields.keys()):
        raise _err(node, label, f"missing required field '{name}'", where)
    offsets = fields.pop("offsets", None)
    quotes = [Quote(str(q), fields.get("sentence"), q.loc, offsets[0] if offsets and i == 0 else None)
              for i, q in enumerate(fields.pop("quote", []))]
    item_id = str(fields.pop("id", ""))
    item_type = str(fields.pop("type", kind))
    fields.pop("note", None)
    draft = fields.pop("draft", False)
    item = Item(kind, item_id, item_type, fields, quotes, node.loc,
                {k: node.key_locs[k] for k in node.key_locs})
    item.draft = draft
    return item


def _fact(node: Any, label: str, where: str) -> Item:
    if not isinstance(node, Map):
        raise _err(node, label, "expected a mapping of fields (name: value)", where)
    ftype = node.get("type")
    if ftype is None:
        raise _err(node, label, "missing required field 'type'", where)
    if str(ftype) not in FACT_FIELDS:
        allowed = ", ".join(sorted(FACT_FIELDS))
        raise _err(ftype, label, f"unknown fact type '{ftype}' (one of: {allowed})", f"{where}.type")
    spec = {**COMMON, **FACT_FIELDS[str(ftype)]}
    item = _item(node, label, where, "fact", spec,
                 {"id", "quote", "said_by"} | REQUIRED[str(ftype)])
    _check_fact(item, label, where)
    return item


def _check_fact(item: Item, label: str, where: str) -> None:
    f = item.fields
    for low, high in (("start", "end"),):
        if low in f and high in f and f[low].earliest() > f[high].latest():
            loc = item.field_locs[high]
            raise LocatedError(label, f"end {f[high].text} is before start {f[low].text}",
                               loc.line, loc.column, f"{where}.{high}")
    if item.type == "statistic":
        has_value, released = "value" in f, f.get("status") != "not_released"
        if released and not has_value:
            raise _err(item, label, "a statistic needs a value (or status: not_released)", where)
        if not released and has_value:
            loc = item.field_locs["value"]
            raise LocatedError(label, "a figure that was not released cannot have a value",
                               loc.line, loc.column, f"{where}.value")


def load_facts_file(path: Path, label: str | None = None) -> FactsFile:
    """Parse and check one facts file on its own (cross-file references: check_corpus)."""
    name = label or str(path)
    root = yamlsafe.load(path, name)
    if not isinstance(root, Map):
        raise _err(root, name, "the file must be a mapping with article, entities, facts, periods")
    for key in root:
        if key not in ("article", "entities", "facts", "periods"):
            loc = root.key_locs[key]
            raise LocatedError(name, f"unknown section '{key}' (allowed: article, entities, facts, periods)",
                               loc.line, loc.column, key)
    if root.get("article") is None:
        raise _err(root, name, "missing required section 'article'")
    article = _item(root["article"], name, "article", "article", ARTICLE_FIELDS, {"id", "file"})
    sections: dict[str, list[Item]] = {}
    for section in ("entities", "facts", "periods"):
        nodes = root.get(section) or []
        if not isinstance(nodes, list):
            raise _err(root.get(section), name, "must be a list (items start with '- ')", section)
        items = []
        for i, node in enumerate(nodes):
            where = f"{section}[{i}]"
            if section == "facts":
                item = _fact(node, name, where)
            elif section == "entities":
                item = _item(node, name, where, "entity", ENTITY_FIELDS, {"id", "type", "name", "quote"})
                if item.type not in ENTITY_TYPES:
                    loc = item.field_locs["type"]
                    raise LocatedError(name, f"unknown entity type '{item.type}' (one of: "
                                       f"{', '.join(sorted(ENTITY_TYPES))})", loc.line, loc.column,
                                       f"{where}.type")
            else:
                item = _item(node, name, where, "period", PERIOD_FIELDS, {"id", "name", "start", "end", "quote"})
                if item.fields["start"].earliest() > item.fields["end"].latest():
                    loc = item.field_locs["end"]
                    raise LocatedError(name, "end is before start", loc.line, loc.column, f"{where}.end")
            item.article = article.id
            items.append(item)
        sections[section] = items
    _check_unique(name, sections)
    drafts = sum(item.draft for items in sections.values() for item in items)
    kept = {k: [i for i in v if not i.draft] for k, v in sections.items()}
    return FactsFile(path, name, article, kept["entities"], kept["facts"], kept["periods"], drafts)


def _check_unique(label: str, sections: dict[str, list[Item]]) -> None:
    for section, items in sections.items():
        seen: dict[str, Item] = {}
        for item in items:
            if item.id in seen:
                loc = item.field_locs.get("id", item.loc)
                raise LocatedError(label, f"id '{item.id}' is defined twice in {section} "
                                   f"(first at line {seen[item.id].loc.line})", loc.line, loc.column,
                                   "id")
            seen[item.id] = item


def load_aliases(path: Path) -> dict[str, list[str]]:
    """data/aliases.yaml: curated other names of entities, for lookup only."""
    if not path.exists():
        return {}
    root = yamlsafe.load(path)
    if root is None:
        return {}
    if not isinstance(root, Map):
        raise _err(root, str(path), "must map entity ids to lists of names")
    out: dict[str, list[str]] = {}
    for key, value in root.items():
        names = _convert("strs", value, str(path), key, key)
        out[nfc(key)] = [str(n) for n in names]
    return out
