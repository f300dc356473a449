"""Counts in an article's text: digits ("2,500", "1.2 million") and words ("eight", "Seventeen",
"twenty-five", read by text2num), with where they stand. A number that is part of a date, an
amount of money, a share, a duration, an age or a compound adjective ("a 45-day amnesty",
"the seven-member council") is no count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.dates import DateSpan

DIGITS = re.compile(r"(?<![\w.$€£¥/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|billion|thousand))?"
                    r"(st|nd|rd|th)?(?![\w%])")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
UNITS = re.compile(r"[\s-]*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|"
                   r"century|percent|per cent|%|dollars?|euros?|pounds?|km|kilometres?|kilometers?|miles?|"
                   r"metres?|meters?|kg|tons?|tonnes?|a day|a year|times)\b", re.IGNORECASE)
COMPOUND = re.compile(r"-(?:[a-z]+)\b")  # "45-day", "seven-member", "26-year-old"
# "one" counts only before a person it counts ("one of them", "one day", "one faction" are no counts)
ONE_VICTIM = r"man|woman|child|civilian|soldier|policeman|police\s+officer|officer|person|girl|boy|fighter|militant"
MONEY = re.compile(r"[$€£¥]\s*$|(?:US|USD|EUR)\s*$")


@dataclass(frozen=True)
class Count:
    start: int
    end: int
    text: str
    value: int
    ordinal: bool = False


def find_counts(text: str, dates: list[DateSpan]) -> list[Count]:
    """Every count in `text` (ordinals too, flagged), outside dates and other measures."""
    found = [c for c in _digits(text) + _words(text) if not _excluded(text, c, dates)]
    return sorted(found, key=lambda c: c.start)


def _digits(text: str) -> list[Count]:
    out = []
    for m in DIGITS.finditer(text):
        number = float(m.group(1).replace(",", ""))
        if m.group(2):
            from text_to_num import text2num

            number *= text2num(m.group(2).lower(), "en")
        elif "." in m.group(1):
            continue  # a decimal without a scale word is no count
        out.append(Count(m.start(), m.end(), m.group(0), int(number), bool(m.group(3))))
    return out


class _Token:
    """A word with its place in the text, as text2num's find_numbers reads tokens."""

    def __init__(self, m: re.Match[str]) -> None:
        self.m = m

    def text(self) -> str:
        return self.m.group(0)

    def nt_separated(self, previous: object) -> bool:
        gap = self.m.string[previous.m.end():self.m.start()] if isinstance(previous, _Token) else ""
        return bool(gap.strip())  # punctuation between two words: two numbers

    def not_a_number_part(self) -> bool:
        return False


def _words(text: str) -> list[Count]:
    from text_to_num import find_numbers

    tokens = [_Token(m) for m in WORD.finditer(text)]
    out = []
    for occ in find_numbers(tokens, "en", threshold=0):
        first, last = tokens[occ.start].m, tokens[occ.end - 1].m
        raw = text[first.start():last.end()]
        if raw.lower() == "one" and re.match(rf"\s+(?:{ONE_VICTIM})\b", text[last.end():]):
            pass  # "killing one man": a count of one
        elif raw.lower() in ("one", "a", "an", "hundred", "thousand", "million", "billion") \
                or raw.lower().endswith(("hundreds", "thousands", "dozens", "millions")):
            continue  # "one of them", "$7 million": no count; "hundreds" is a vague amount
        out.append(Count(first.start(), last.end(), raw, int(occ.value), bool(occ.is_ordinal)))
    return out


def _excluded(text: str, c: Count, dates: list[DateSpan]) -> bool:
    if any(d.start <= c.start < d.end for d in dates):
        return True
    after, before = text[c.end:c.end + 16], text[max(0, c.start - 5):c.start]
    return bool(UNITS.match(after) or COMPOUND.match(after) or MONEY.search(before)
                or re.match(r"\s+(?:million|billion)?\s*(?:dollars|euros)", after))
