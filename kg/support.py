"""Does every value stand in the item's quotes? The names of the entities it refers to, its
numbers and years, its words; a value that does not must say under `inferred:` why.

Numbers are compared after text2num has turned spelled numbers into digits ("eight" -> 8,
"fifth" -> 5th), so "8" is supported by "eight senior leaders". Names are compared after
kg.names normalisation (case, accents, punctuation), by any name, alias or (for people) the
surname.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from text_to_num import alpha2digit

from kg import names
from kg.corpus import Tables
from kg.errors import LocatedError
from kg.facts import COMMON, ENTITY_FIELDS, FACT_FIELDS, PERIOD_FIELDS, Date, Duration, Item
from kg.vocabulary import Vocabulary

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
TIME_UNIT = re.compile(r"[\s-]*(?:months?|weeks?|days?|hours?|minutes?|decades?|years?(?![\s-]*old))\b",
                       re.IGNORECASE)
NUMBER = re.compile(r"(?<![\w.])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:st|nd|rd|th)?(?![0-9])")
# Classifications and bookkeeping, not words of the source (a period's name is kg's label;
# a note or a review reason is the reviewer's).
UNCHECKED = {"measure", "certainty", "status", "factor", "said_by", "sentence", "event", "id", "type", "note",
             "review"}


class Quotes:
    """An item's quotes, prepared once for the checks."""

    def __init__(self, texts: Iterable[str]) -> None:
        texts = list(texts)
        self.raw = " | ".join(texts)
        self.norm = " " + " | ".join(names.normalize(t) for t in texts) + " "
        digits = [alpha2digit(t, "en", threshold=0) for t in texts]
        self.numbers = {int(m.group(1).replace(",", "")) for t in digits for m in NUMBER.finditer(t)}
        # counts: not a length of time ('the first 6 months', '2 years': no count of 6 or 2)
        self.counts = {int(m.group(1).replace(",", "")) for t in digits for m in NUMBER.finditer(t)
                       if not TIME_UNIT.match(t, m.end())}

    def has_words(self, text: str) -> bool:
        key = names.normalize(text)
        return bool(key) and f" {key} " in self.norm

    def has_number(self, n: int) -> bool:
        return n in self.numbers

    def has_count(self, n: int) -> bool:
        return n in self.counts

    def has_month(self, month: str, date: str) -> bool:
        """The month by name or abbreviation ('October', 'Oct.', 'Sept.'), or the date written
        as digits ('2015-10')."""
        forms = {month, month[:3]} | ({"sept"} if month == "september" else set())
        return any(f" {f} " in self.norm for f in forms) or date[:7] in self.raw


def _field_kinds(item: Item) -> dict[str, str]:
    if item.kind == "fact":
        return {**COMMON, **FACT_FIELDS[item.type]}
    return ENTITY_FIELDS if item.kind == "entity" else PERIOD_FIELDS


def unsupported(item: Item, tables: Tables, vocabulary: Vocabulary) -> list[tuple[str, Any]]:
    """(field, value) pairs whose words are in none of the item's quotes and not `inferred`."""
    quotes = Quotes(q.text for q in item.quotes)
    kinds = _field_kinds(item)
    out = []
    for name, value in item.fields.items():
        if name in UNCHECKED or name in item.inferred or (item.kind == "fact" and name in COMMON) \
                or (item.kind == "period" and name == "name"):
            continue
        kind = kinds[name]
        for v in value if isinstance(value, list) else [value]:
            if not _supported(kind, v, quotes, tables, vocabulary):
                out.append((name, v))
    return out


YEAR_IN = re.compile(r"(?<!\d)\d{4}(?!\d)")


def year_in(date: Date, text: str) -> bool:
    """The date's year stands in the text."""
    return Quotes([text]).has_number(date.year)


def _supported(kind: str, v: Any, quotes: Quotes, tables: Tables, vocabulary: Vocabulary) -> bool:
    base, _, narrow = kind.partition(":")
    if isinstance(v, bool):
        return True
    if isinstance(v, Date):  # the year, and the month and day when the date gives them
        parts = [int(x) for x in v.text.lstrip("-").split("-")]
        month = MONTHS[parts[1] - 1] if len(parts) > 1 else None
        return quotes.has_number(v.year) and (month is None or quotes.has_month(month, v.text)) \
            and (len(parts) < 3 or quotes.has_number(parts[2]) or v.text in quotes.raw)
    if isinstance(v, Duration):
        return all(quotes.has_number(int(n)) for n in re.findall(r"[0-9]+", v.text))
    if isinstance(v, int):
        return quotes.has_count(v) if base in ("count", "age") else quotes.has_number(v)
    if base in ("ref", "refs", "voice"):
        entity = tables.entities.get(str(v))
        if entity is None:
            return True  # an undefined reference is reported by the corpus check
        keys: set[str] = set()
        for n in entity.names:
            keys |= names.keys(n)
            if entity.type == "Person":
                keys |= names.surname_keys(n)
        return any(f" {k} " in quotes.norm for k in keys)
    if base == "period":
        period = tables.periods.get(str(v))
        if period is None:
            return True
        if any(quotes.has_words(q) for q in (*period.quotes, period.name)):
            return True
        return period.start[:4] == period.end[:4] and quotes.has_number(int(period.start[:4]))
    if base == "enum":
        concept = getattr(vocabulary, narrow)[str(v)]
        return any(quotes.has_words(w) for w in concept.words)
    if base in ("str", "strs"):
        return quotes.has_words(str(v))
    return True  # fact ids, offsets: not words of the source


def check(items: Iterable[Item], tables: Tables, vocabulary: Vocabulary, label: str) -> list[LocatedError]:
    """A located error for each value that no quote supports."""
    errors = []
    for item in items:
        for name, value in unsupported(item, tables, vocabulary):
            loc = getattr(value, "loc", None) or item.where(name)
            errors.append(LocatedError(
                label, f"{_show(value)} is not in any quote of '{item.id}': add a quote that states it "
                f"(quote: can be a list), or say why under inferred: ({name}: ...)",
                loc.line, loc.column, name))
    return errors


def _show(value: Any) -> str:
    text = value.text if isinstance(value, (Date, Duration)) else str(value)
    return f"'{text}'"
