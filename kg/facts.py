"""Load and check facts files (data/facts/*.yaml): one per article, every item quoted.

The schema is the tables below: which fields each kind of entity, period and fact takes, and
the kind of value each field holds. Controlled values (measures, roles, certainties, bounds,
vague amounts, family relations) come from the one vocabulary, ontology/vocabulary.ttl.
Every error names the file, line, column and field and says how to fix it; a file's errors
are all reported together. Cross-file checks (references, duplicates) are in kg.corpus, the
check that each value's words stand in a quote in kg.support.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any

from kg import yamlsafe
from kg.errors import LocatedError, LocatedErrors
from kg.files import inside
from kg.vocab import RESERVED_SOURCES
from kg.vocabulary import Vocabulary
from kg.yamlsafe import Loc, Map, Str

ENTITY_TYPES = {
    "Person", "Organization", "ArmedGroup", "MilitaryCommand", "ArmedForce", "Coalition",
    "NewsAgency", "GovernmentBody", "Court", "Country", "Region", "City", "Place",
}
PLACE_TYPES = {"Country", "Region", "City", "Place"}
ORG_TYPES = ENTITY_TYPES - PLACE_TYPES - {"Person"}
# Limits past which a number is a typo, not news.
MAX_COUNT = 100_000_000
MAX_AGE = 130
MAX_ORDINAL = 1000
YEARS = (1000, 2100)

# Field kinds. ref: an entity (":Person", ":org", ":place" narrow it); refs: a list of them;
# fact: a fact id of this file (":event" one of the event types); enum:SCHEME a value of the
# vocabulary; the rest are literals typed by their kind.
COMMON = {
    "id": "slug", "type": "str", "quote": "quotes", "sentence": "ordinal", "said_by": "voice",
    "certainty": "enum:certainties", "hedge": "str", "inferred": "inferred", "event": "slug",
    "note": "str", "draft": "bool", "review": "str", "offsets": "offsets",
}
FACT_FIELDS: dict[str, dict[str, str]] = {
    "leadership": {"person": "ref:Person", "organization": "ref:org", "role": "enum:roles",
                   "ordinal": "ordinal", "start": "date", "end": "date", "ended_by": "fact:event",
                   "replaces": "ref:Person", "replaced_by": "ref:Person"},
    "description": {"subject": "ref", "age": "age", "nationality": "str",
                    "occupation": "str", "title": "str"},
    "operation": {"name": "str", "conducted_by": "refs", "participants": "refs",
                  "target": "refs", "place": "refs:place", "named_in_honour_of": "ref:Person",
                  "date": "date", "start": "date", "end": "date"},
    "killing": {"victim": "ref:Person", "perpetrator": "refs", "date": "date",
                "place": "refs:place", "part_of": "fact:event"},
    "capture": {"victim": "ref:Person", "perpetrator": "refs", "date": "date",
                "place": "refs:place", "part_of": "fact:event"},
    "captivity": {"victim": "ref:Person", "perpetrator": "refs", "start": "date",
                  "end": "date", "duration": "duration", "place": "refs:place"},
    "campaign": {"conducted_by": "refs", "target": "refs", "place": "refs:place",
                 "start": "date", "end": "date"},
    "sentencing": {"defendant": "ref:Person", "by": "refs", "penalty": "str", "date": "date",
                   "place": "refs:place"},
    "declaration": {"by": "refs", "what": "str", "date": "date", "place": "refs:place"},
    "statement": {"speaker": "ref", "speaker_role": "str", "text": "str", "date": "date",
                  "denies": "fact:event"},
    "statistic": {"measure": "enum:measures", "value": "count", "min": "count", "max": "count",
                  "quantity": "enum:quantities", "status": "status", "bound": "enum:bounds",
                  "wording": "str", "subject": "ref", "place": "refs:place", "period": "period",
                  "part_of": "fact:statistic", "context": "fact:event", "reported_by": "ref"},
    "projection": {"measure": "enum:measures", "subject": "ref", "place": "refs:place",
                   "period": "period", "compared_to": "period", "factor": "factor",
                   "bound": "enum:bounds", "wording": "str", "reported_by": "ref",
                   "stated_on": "date", "reason": "str"},
    "partnership": {"partners": "refs", "context": "fact:event"},
    "causation": {"cause": "fact", "effect": "fact"},
    "kinship": {"person": "ref:Person", "relative": "ref:Person", "relation": "enum:kinships"},
    "headline_claim": {"text": "str", "about": "refs", "claimant": "ref"},
}
EVENT_TYPES = {"operation", "killing", "capture", "captivity", "campaign", "sentencing", "declaration"}
REQUIRED = {
    "leadership": {"person", "organization", "role"},
    "description": {"subject"},
    "killing": {"victim"},
    "capture": {"victim"},
    "captivity": {"victim"},
    "campaign": {"conducted_by"},
    "sentencing": {"defendant"},
    "declaration": {"by", "what"},
    "statement": {"speaker"},
    "statistic": {"measure", "period", "subject"},
    "projection": {"measure", "period", "compared_to", "factor", "subject"},
    "partnership": {"partners"},
    "causation": {"cause", "effect"},
    "kinship": {"person", "relative", "relation"},
}
ENTITY_FIELDS = {"id": "slug", "type": "str", "name": "str", "aliases": "strs", "quote": "quotes",
                 "sentence": "ordinal", "inferred": "inferred", "note": "str", "draft": "bool",
                 "review": "str", "offsets": "offsets"}
PERIOD_FIELDS = {"id": "slug", "name": "str", "start": "date", "end": "date", "quote": "quotes",
                 "sentence": "ordinal", "inferred": "inferred", "note": "str", "draft": "bool",
                 "review": "str", "offsets": "offsets"}
ARTICLE_FIELDS = {"id": "slug", "file": "file", "title": "str", "published": "date",
                  "as_of": "date", "as_of_quote": "str", "url": "str", "note": "str"}
SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
# direction overrides and isolates, direction marks, zero-width space and word joiner, BOM: they
# make a value read otherwise than it is written (joiners U+200C/D stay: some scripts need them)
INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
DURATION = re.compile(r"^P(?=[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+D)?$")
DATE_FORMS = {4: ("gYear", "%Y"), 7: ("gYearMonth", "%Y-%m"), 10: ("date", "%Y-%m-%d")}


@dataclass(frozen=True)
class Date:
    """A date at the precision the source gives: a year, a month or a day."""

    text: str
    kind: str  # gYear | gYearMonth | date

    @property
    def year(self) -> int:
        return int(self.text[:4])

    def earliest(self) -> tuple[int, ...]:
        return tuple([int(p) for p in self.text.split("-")] + [1, 1])[:3]

    def latest(self) -> tuple[int, ...]:
        return tuple([int(p) for p in self.text.split("-")] + [12, 31])[:3]


@dataclass(frozen=True)
class Duration:
    """An xsd:duration as written (P2Y, P6M, P10D, P1Y6M)."""

    text: str

    def parts(self) -> dict[str, int]:
        """OWL-Time's duration components: {'years': 1, 'months': 6}."""
        found = re.findall(r"([0-9]+)([YMD])", self.text)
        return {{"Y": "years", "M": "months", "D": "days"}[unit]: int(n) for n, unit in found}


@dataclass(frozen=True)
class Quote:
    text: str
    sentence: int | None
    loc: Loc
    offset: int | None = None  # where the quote starts in the article, when the file says
    said_by: str | None = None  # who these words are attributed to, when not the item's


@dataclass
class Item:
    """An entity, fact or period as written: its fields, where they are, its quotes."""

    kind: str  # entity | fact | period | article
    id: str
    type: str
    fields: dict[str, Any]
    quotes: list[Quote]
    loc: Loc
    field_locs: dict[str, Loc] = field(default_factory=dict)
    article: str = ""
    draft: bool = False  # drafted by kg extract, not yet reviewed: left out of the graph
    inferred: dict[str, str] = field(default_factory=dict)  # field -> why it is not in a quote

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    def where(self, name: str) -> Loc:
        return self.field_locs.get(name, self.loc)


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


def located(node: Any, label: str, message: str, fieldname: str | None = None) -> LocatedError:
    """An error at a YAML node (its line and column when it has them)."""
    loc = getattr(node, "loc", None)
    return LocatedError(label, message, loc.line if loc else None, loc.column if loc else None,
                        fieldname)


def _scalar(value: Any, label: str, where: str) -> Str:
    if not isinstance(value, Str):
        kind = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else "empty"
        raise located(value, label, f"expected a single value, found {kind}", where)
    return value


def _ascii_digits(text: str, value: Any, label: str, where: str) -> None:
    if any(c.isdigit() and not "0" <= c <= "9" for c in text):
        plain = unicodedata.normalize("NFKC", text)
        raise located(value, label, f"'{text}' uses non-ASCII digits; write {plain}", where)


def parse_date(value: Any, label: str, where: str) -> Date:
    text = _scalar(value, label, where).strip()
    _ascii_digits(text, value, label, where)
    form = DATE_FORMS.get(len(text))
    try:
        if not form:
            raise ValueError
        dt.datetime.strptime(text, form[1])
    except ValueError:
        raise located(value, label, f"not a date: '{text}' (write 2019, 2019-10 or 2019-10-27)",
                      where) from None
    if not YEARS[0] <= int(text[:4]) <= YEARS[1]:
        raise located(value, label, f"year {text[:4]} is out of range {YEARS[0]}-{YEARS[1]}", where)
    return Date(text, form[0])


def _integer(value: Any, label: str, where: str, low: int, high: int, what: str) -> int:
    text = _scalar(value, label, where).strip().replace("_", "")
    _ascii_digits(text, value, label, where)
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise located(value, label, f"not a whole number: '{value}' (write digits only, e.g. 153)", where)
    sign, digits = text[0] if text[0] in "+-" else "", text.lstrip("+-").lstrip("0") or "0"
    if len(digits) > len(str(high)):  # past the bound, however long: int() refuses over 4,300 digits
        if sign == "-":
            raise located(value, label, f"{what} must be at least {low}, got a number of "
                          f"{len(digits):,} digits", where)
        raise located(value, label, f"{what} of {len(digits):,} digits is absurd (more than {high:,}); "
                      "check it", where)
    number = int(sign + digits)  # leading zeros count towards int()'s limit too
    if number < low:
        raise located(value, label, f"{what} must be at least {low}, got {number}", where)
    if number > high:
        raise located(value, label, f"{what} {number:,} is absurd (more than {high:,}); check it", where)
    return number


def _factor(value: Any, label: str, where: str) -> Decimal:
    text = _scalar(value, label, where).strip()
    _ascii_digits(text, value, label, where)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise located(value, label, f"not a number: '{text}' (e.g. 2 or 1.5)", where) from None
    if not number.is_finite() or number <= 0 or number > 1000:
        raise located(value, label, f"a factor must be above 0 and at most 1000, got {text}", where)
    return number


class Loader:
    """Converts the YAML tree of one facts file into items, collecting every error."""

    def __init__(self, label: str, vocabulary: Vocabulary | None = None) -> None:
        self.label, self.vocabulary = label, vocabulary
        self.errors: list[LocatedError] = []

    def text(self, value: Any, where: str, quote: bool = False) -> Str:
        text = nfc(str(_scalar(value, self.label, where)).strip())
        if not text:
            raise located(value, self.label, "is empty", where)
        hidden = None if quote else INVISIBLE.search(text)  # a quote is the article's own text
        if hidden:
            raise located(value, self.label, f"holds an invisible character (U+{ord(hidden.group()):04X}) that "
                          "changes how the value reads or sorts; delete it", where)
        return Str(text, value.loc)

    def convert(self, kind: str, value: Any, where: str) -> Any:
        base, _, narrow = kind.partition(":")
        if base in ("str", "voice", "ref", "fact", "period"):
            return self.text(value, where)
        if base == "slug":
            text = self.text(value, where)
            if not SLUG.match(text):
                raise located(value, self.label, f"'{text}' is not a valid id (letters, digits, - and _)", where)
            return text
        if base == "file":
            text = self.text(value, where)
            if "\0" in text:  # a YAML escape ("a\0.txt"): the build's os.stat() raised ValueError
                raise located(value, self.label, "holds a NUL character (U+0000), which no file name can; "
                              "delete it", where)
            plain = PurePosixPath(text).as_posix()
            if plain != text:  # 'x.txt/' was read as x.txt by one part of the build and not found by another
                raise located(value, self.label, f"write the file name plainly, as '{plain}'", where)
            return text
        if base == "enum":
            text = self.text(value, where)
            assert self.vocabulary is not None, "enums need the vocabulary"
            table = getattr(self.vocabulary, narrow)
            if text not in table:
                raise located(value, self.label, f"unknown {where.rsplit('.', 1)[-1]} '{text}' (one of: "
                              f"{', '.join(sorted(table))}; the vocabulary is ontology/vocabulary.ttl)", where)
            return text
        if base == "status":
            text = self.text(value, where)
            if text != "not_released":
                raise located(value, self.label, f"unknown status '{text}' (write not_released)", where)
            return text
        if base in ("refs", "strs"):
            items = value if isinstance(value, list) else [value]
            if not items:
                raise located(value, self.label, "is an empty list", where)
            return [self.text(v, f"{where}[{i}]") for i, v in enumerate(items)]
        if base == "quotes":
            return self.quotes(value, where)
        if base == "inferred":
            if not isinstance(value, Map) or not value:
                raise located(value, self.label, "write field: why (e.g. perpetrator: 'the group' "
                              "refers to ...)", where)
            return {str(k): str(self.text(v, f"{where}.{k}")) for k, v in value.items()}
        if base == "date":
            return parse_date(value, self.label, where)
        if base == "bool":
            raw = _scalar(value, self.label, where).strip().lower()
            if raw not in ("true", "false"):
                raise located(value, self.label, f"write true or false, not '{value}'", where)
            return raw == "true"
        if base == "offsets":
            raw = _scalar(value, self.label, where).strip()
            m = re.fullmatch(r"([0-9]{1,18})-([0-9]{1,18})", raw)  # int() refuses over 4,300 digits
            if not m or int(m.group(1)) >= int(m.group(2)):
                raise located(value, self.label, "offsets are START-END character positions, e.g. "
                              f"120-168; got '{raw}'", where)
            return (int(m.group(1)), int(m.group(2)))
        if base == "duration":
            raw = _scalar(value, self.label, where).strip()
            if not DURATION.match(raw):
                raise located(value, self.label, f"not a duration: '{raw}' (write P2Y, P6M or P10D)", where)
            return Duration(raw)
        if base == "count":
            return _integer(value, self.label, where, 0, MAX_COUNT, "a count")
        if base == "age":
            return _integer(value, self.label, where, 0, MAX_AGE, "an age")
        if base == "ordinal":
            return _integer(value, self.label, where, 1, MAX_ORDINAL, "an ordinal")
        if base == "factor":
            return _factor(value, self.label, where)
        raise AssertionError(f"unknown field kind {kind}")

    def quotes(self, value: Any, where: str) -> list[Quote]:
        """A quote, a list of quotes, or {text, said_by} mappings for words with another voice."""
        items = value if isinstance(value, list) else [value]
        if not items:
            raise located(value, self.label, "needs at least one quote", where)
        out: list[Quote] = []
        for i, v in enumerate(items):
            at = f"{where}[{i}]" if isinstance(value, list) else where
            said_by = None
            if isinstance(v, Map):
                unknown = set(v) - {"text", "said_by"}
                if unknown or "text" not in v:
                    raise located(v, self.label, "a quote mapping has text and, optionally, said_by", at)
                said_by = str(self.text(v["said_by"], f"{at}.said_by")) if "said_by" in v else None
                v = v["text"]
            text = self.text(v, at, quote=True)
            if any(q.text == str(text) and q.said_by == said_by for q in out):  # each copy would be evidence
                raise located(v, self.label, "this quote is already listed for the item", at)
            out.append(Quote(str(text), None, text.loc, said_by=said_by))
        return out

    def item(self, node: Any, where: str, kind: str, spec: dict[str, str], required: set[str]) -> Item | None:
        if not isinstance(node, Map):
            self.errors.append(located(node, self.label, "expected a mapping of fields (name: value)", where))
            return None
        fields: dict[str, Any] = {}
        for name, value in node.items():
            loc = node.key_locs[name]
            if name not in spec:
                self.errors.append(LocatedError(self.label, f"unknown field '{name}' (allowed: "
                                                f"{', '.join(sorted(spec))})", loc.line, loc.column,
                                                f"{where}.{name}"))
                continue
            if value is None:
                self.errors.append(LocatedError(self.label, "has no value", loc.line, loc.column,
                                                f"{where}.{name}"))
                continue
            try:
                fields[name] = self.convert(spec[name], value, f"{where}.{name}")
            except LocatedError as exc:
                self.errors.append(exc)
        for name in sorted(required - set(node)):
            self.errors.append(located(node, self.label, f"missing required field '{name}'", where))
        if required - fields.keys():
            return None  # reported above, as missing or as a bad value
        offsets = fields.pop("offsets", None)
        sentence = fields.get("sentence")
        quotes = [Quote(q.text, sentence, q.loc, offsets[0] if offsets and i == 0 else None, q.said_by)
                  for i, q in enumerate(fields.pop("quote", []))]
        fields.pop("note", None)
        review = fields.pop("review", None)
        item = Item(kind, str(fields.pop("id", "")), str(fields.pop("type", kind)), fields, quotes,
                    node.loc, dict(node.key_locs), draft=fields.pop("draft", False),
                    inferred=fields.pop("inferred", {}))
        if review is not None and not item.draft:  # the drafter's doubt, never settled by deleting draft: true
            loc = item.where("review")
            self.errors.append(LocatedError(self.label, "a reviewed item keeps no review: note; check what it "
                                            "says, then delete the review: line (or keep draft: true)",
                                            loc.line, loc.column, f"{where}.review"))
        for name in item.inferred:
            if name not in spec or name in COMMON:
                loc = item.where("inferred")
                self.errors.append(LocatedError(self.label, f"inferred names '{name}', which is not a "
                                                "field of this item", loc.line, loc.column, f"{where}.inferred"))
        return item

    def fact(self, node: Any, where: str) -> Item | None:
        if not isinstance(node, Map):
            self.errors.append(located(node, self.label, "expected a mapping of fields (name: value)", where))
            return None
        ftype = node.get("type")
        if ftype is None:
            self.errors.append(located(node, self.label, "missing required field 'type'", where))
            return None
        if str(ftype) not in FACT_FIELDS:
            self.errors.append(located(ftype, self.label, f"unknown fact type '{ftype}' (one of: "
                                       f"{', '.join(sorted(FACT_FIELDS))})", f"{where}.type"))
            return None
        spec = {**COMMON, **FACT_FIELDS[str(ftype)]}
        before = len(self.errors)
        item = self.item(node, where, "fact", spec, {"id", "quote", "said_by"} | REQUIRED.get(str(ftype), set()))
        if item is not None:
            try:  # a value refused above is not also 'missing'
                _check_fact(item, self.label, where, refused=len(self.errors) > before)
            except LocatedError as exc:
                self.errors.append(exc)
        return item


def _check_fact(item: Item, label: str, where: str, refused: bool = False) -> None:
    f = item.fields
    if "start" in f and "end" in f and f["start"].earliest() > f["end"].latest():
        loc = item.where("end")
        raise LocatedError(label, f"end {f['end'].text} is before start {f['start'].text}",
                           loc.line, loc.column, f"{where}.end")
    if item.type == "statistic":
        given: list[str] = [k for k in ("value", "min", "quantity", "status") if k in f]
        if "max" in f and "min" not in f:
            given.append("max")
        if len(given) != 1 and not (refused and not given):
            raise located(item, label, "a statistic gives one of: value, min/max (a range), quantity "
                          f"(several, majority...) or status: not_released; this one gives {given or 'none'}",
                          where)
        if "min" in f and "max" in f and f["min"] > f["max"]:
            loc = item.where("max")
            raise LocatedError(label, f"max {f['max']} is below min {f['min']}", loc.line, loc.column,
                               f"{where}.max")
        if "bound" in f and "value" not in f:
            loc = item.where("bound")
            raise LocatedError(label, "a bound qualifies a value; a range has min and max instead",
                               loc.line, loc.column, f"{where}.bound")
    if item.get("hedge") and item.get("certainty", "stated") == "stated":
        loc = item.where("certainty") if "certainty" in f else item.where("hedge")
        raise LocatedError(label, f"the hedge '{item.get('hedge')}' says the source is not sure: give the "
                           "fact a certainty other than 'stated' (believed, reported...: ontology/vocabulary.ttl)",
                           loc.line, loc.column, f"{where}.certainty")
    if item.get("hedge") and not any(item.get("hedge").lower() in q.text.lower() for q in item.quotes):
        loc = item.where("hedge")
        raise LocatedError(label, f"the hedge '{item.get('hedge')}' is not in any of the fact's quotes",
                           loc.line, loc.column, f"{where}.hedge")


def load_facts_file(path: Path, label: str | None = None, vocabulary: Vocabulary | None = None) -> FactsFile:
    """Parse and check one facts file on its own; every error of the file is raised together
    (cross-file references: kg.corpus)."""
    from kg import vocabulary as vocab

    name = label or str(path)
    loader = Loader(name, vocabulary or vocab.load())
    root = yamlsafe.load(path, name)
    if not isinstance(root, Map):
        raise located(root, name, "the file must be a mapping with article, entities, facts, periods")
    for key in root:
        if key not in ("article", "entities", "facts", "periods"):
            loc = root.key_locs[key]
            loader.errors.append(LocatedError(name, f"unknown section '{key}' (allowed: article, entities, "
                                              "facts, periods)", loc.line, loc.column, key))
    if root.get("article") is None:
        raise located(root, name, "missing required section 'article'")
    article = loader.item(root["article"], "article", "article", ARTICLE_FIELDS, {"id", "file"})
    if article is not None and article.id in RESERVED_SOURCES:
        loc = article.where("id")
        loader.errors.append(LocatedError(name, f"the article id '{article.id}' names kg's own graph of "
                                          f"{RESERVED_SOURCES[article.id]}: choose another", loc.line, loc.column,
                                          "article.id"))
    sections: dict[str, list[Item]] = {}
    for section in ("entities", "facts", "periods"):
        nodes = root.get(section) or []
        if not isinstance(nodes, list):
            loader.errors.append(located(root.get(section), name, "must be a list (items start with '- ')", section))
            nodes = []
        items = []
        for i, node in enumerate(nodes):
            where = f"{section}[{i}]"
            if section == "facts":
                item = loader.fact(node, where)
            elif section == "entities":
                item = loader.item(node, where, "entity", ENTITY_FIELDS, {"id", "type", "name", "quote"})
                if item is not None and item.type not in ENTITY_TYPES:
                    loc = item.where("type")
                    loader.errors.append(LocatedError(name, f"unknown entity type '{item.type}' (one of: "
                                                      f"{', '.join(sorted(ENTITY_TYPES))})", loc.line,
                                                      loc.column, f"{where}.type"))
            else:
                item = loader.item(node, where, "period", PERIOD_FIELDS, {"id", "name", "start", "end", "quote"})
                if item is not None and item.fields["start"].earliest() > item.fields["end"].latest():
                    loc = item.where("end")
                    loader.errors.append(LocatedError(name, "end is before start", loc.line, loc.column,
                                                      f"{where}.end"))
            if item is not None:
                item.article = article.id if article else ""
                items.append(item)
        sections[section] = items
    _check_unique(loader, sections)
    if loader.errors or article is None:  # in the order of the file's lines, as an editor shows them
        raise LocatedErrors(sorted(loader.errors, key=lambda e: (e.line or 0, e.column or 0)))
    drafts = sum(item.draft for items in sections.values() for item in items)
    kept = {k: [i for i in v if not i.draft] for k, v in sections.items()}
    return FactsFile(path, name, article, kept["entities"], kept["facts"], kept["periods"], drafts)


def _check_unique(loader: Loader, sections: dict[str, list[Item]]) -> None:
    """One id names one item of a file: references (a period, a fact an event ended, an
    entity) are looked up by id, so an id used in two sections would be read as either."""
    seen: dict[str, tuple[str, Item]] = {}
    for section, items in sections.items():
        for item in items:
            if item.id in seen:
                first_section, first = seen[item.id]
                where = section if first_section == section else f"{first_section} and {section}"
                loc = item.where("id")
                loader.errors.append(LocatedError(
                    loader.label, f"id '{item.id}' is defined twice in {where} (first at line "
                    f"{first.loc.line}); give each item its own id", loc.line, loc.column, "id"))
            else:
                seen[item.id] = (section, item)


def load_aliases(path: Path, label: str | None = None) -> dict[str, list[str]]:
    """data/aliases.yaml: curated other names of entities, for lookup only. None there is
    none; a link there that leads nowhere is an error (it was read as no aliases)."""
    if not os.path.lexists(path):
        return {}
    name = label or str(path)
    project = path.absolute().parent.parent  # data/aliases.yaml is in the project's data/
    # as articles and facts files: never read, built or pushed (a dead link or a loop: the load says so)
    if path.is_symlink() and path.exists() and not inside(project, path):
        raise LocatedError(name, f"a link out of the project (to {path.resolve()}); copy the file in instead")
    root = yamlsafe.load(path, name)
    if root is None:
        return {}
    if not isinstance(root, Map):
        raise located(root, name, "must map entity ids to lists of names")
    loader = Loader(name)
    out: dict[str, list[str]] = {}
    for key, value in root.items():
        names = loader.convert("strs", value, key)
        out[nfc(key)] = [str(n) for n in names]
    return out
