"""Constraints read from a question's words before any name is linked: years, decades,
half-years, months, days, open-ended periods ('before 2019'), 'now', relative times (said,
never applied) and ordinals. kg.ask.parse calls them first, so their words are no names."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from kg.ask import grammar as g

if TYPE_CHECKING:
    from kg.ask.parse import Parsed

YEAR = r"(1[5-9][0-9]{2}|20[0-9]{2}|2100)"
DECADES = r"\b(1[5-9][0-9]|20[0-9])0s\b"  # '1990s', '2010s'
# the words read as a time: a year, or a decade ('2021s' is neither, and stays a word to report)
TIME = rf"\b{YEAR}\b|{DECADES}"


def times(p: Parsed) -> None:
    """Years, decades, half-years and months as a period [from, to]; vague periods ('the
    first months of 2024') are recorded as such, never read as something else."""
    before = set(p.used)
    _time_words(p)
    p.time_at = p.used - before


def _time_words(p: Parsed) -> None:
    decades = re.findall(DECADES, p.norm)
    p.years = [int(y) for y in re.findall(rf"\b{YEAR}\b", p.norm)]
    if decades:
        p.years = sorted({*p.years, int(decades[0] + "0"), int(decades[-1] + "9")})
    p.mark(TIME)
    p.now = p.has(g.NOW)
    if p.now:
        p.constraints["now"] = said(p, g.NOW)
    p.mark(g.NOW)
    if p.has(g.VAGUE):
        p.constraints["vague"] = said(p, g.VAGUE)
        p.mark(g.VAGUE)
    if p.years:
        year = str(p.years[0])
        p.period = (str(min(p.years)), str(max(p.years)))  # "in 2021 and 2019" is the span of both
        p.constraints["period"] = said(p, TIME)
        named = _months_named(p)  # most questions name none: their patterns are not compiled
        month = re.search(rf"\b({'|'.join(g.MONTHS)})\b", p.norm) if named else None
        if p.has(g.HALF):
            p.period = (f"{year}-01", f"{year}-06")
        elif p.has(g.SECOND_HALF):
            p.period = (f"{year}-07", f"{year}-12")
        elif month:
            m = f"{year}-{g.MONTHS[month.group(1)]:02d}"
            p.period = (m, m)
        if named:
            p.mark(rf"\b({'|'.join(g.MONTHS)})\b")
        _day(p, year, named)
        if p.has(g.HALF) or p.has(g.SECOND_HALF) or month:
            p.constraints["period"] = said(p, rf"{g.HALF}|{g.SECOND_HALF}|\b({'|'.join(g.MONTHS)})\b") \
                + " " + p.constraints["period"]
    elif p.has(g.HALF) or p.has(g.SECOND_HALF):
        p.constraints["vague"] = said(p, g.HALF + "|" + g.SECOND_HALF)  # a half of which year?
    _backwards(p)
    if p.has(g.SINCE) and p.years:
        p.period = (str(p.years[0]), "2100")
    _open_ended(p)
    if p.has(g.RELATIVE):  # relative to what? kg does not guess: said, never applied
        p.constraints["vague"] = " ".join(filter(None, [p.constraints.get("vague"), said(p, g.RELATIVE)]))
    for pattern in (g.HALF, g.SECOND_HALF, g.RELATIVE, g.DECADE):
        p.mark(pattern)


def _backwards(p: Parsed) -> None:
    """'between 2020 and 2015', 'from 2021 to 2019': the span of both years, as obviously
    meant (p.period already is), and the answer says it was read so."""
    if len(p.years) < 2:
        return  # no pattern compiled for the questions that name one year or none
    m = re.search(rf"\b(?:between|from) {YEAR} (?:and|to|until|till) {YEAR}\b", p.norm)
    if m and int(m.group(1)) > int(m.group(2)):
        p.readings.append(f"'{m.group(0)}' is read as from {m.group(2)} to {m.group(1)}")


def _months_named(p: Parsed) -> bool:
    """Whether a word of the question is a month's name (a set lookup, no pattern)."""
    return any(word in g.MONTHS for word in p.norm.split())


def _day(p: Parsed, year: str, month_named: bool) -> None:
    """'27 September 2024', 'September 27, 2024', '2024-09-27': the month is the period, the
    day a constraint of its own (kept only by the families that compare days)."""
    names = "|".join(g.MONTHS)
    m = None
    if month_named:  # a pattern is compiled only where it could match: kg ask starts fast
        m = (re.search(rf"\b(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)? (?:of )?(?P<m>{names})\b", p.norm)
             or re.search(rf"\b(?P<m>{names}) (?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?\b", p.norm))
    if m is None and f"{year} " in p.norm:
        m = re.search(rf"\b{year} (?P<mm>0?[1-9]|1[0-2]) (?P<d>[0-3]?[0-9])\b", p.norm)
    if m is None or len(set(p.years)) != 1:
        return
    month = g.MONTHS[m.group("m")] if m.groupdict().get("m") else int(m.group("mm"))
    try:
        day = datetime.date(int(year), month, int(m.group("d")))
    except ValueError:
        return  # '30 February': not a day; its words stay unaccounted for
    p.day = day.isoformat()
    p.period = (p.day[:7], p.day[:7])
    p.constraints["day"] = p.norm[m.start():m.end()]
    p.mark_span(m.start(), m.end())


OPEN = {"before": lambda y: ("1500", str(y - 1)), "until": lambda y: ("1500", str(y)),
        "till": lambda y: ("1500", str(y)), "after": lambda y: (str(y + 1), "2100")}


def _open_ended(p: Parsed) -> None:
    """'before 2019', 'until 2019', 'after 2019': a period open at one end, for a question
    about one year ('between 2010 and 2018' is already the period of its two years)."""
    m = re.search(rf"\b({'|'.join(OPEN)}) {YEAR}\b", p.norm)
    if m is None or len(set(p.years)) != 1 or not p.period or len(p.period[0]) != 4:
        return
    p.period = OPEN[m.group(1)](int(m.group(2)))
    p.constraints["period"] = m.group(0)
    before = set(p.used)
    p.mark_span(m.start(1), m.end(1))
    p.period_at = p.used - before


def said(p: Parsed, pattern: str) -> str:
    """The question's words a pattern matches (normalised), for notes."""
    return " ".join(m.group(0) for m in re.finditer(pattern, p.norm))


def ordinal(p: Parsed) -> None:
    # a half-year or a vague period holds 'first'/'last' that are not ordinals
    norm = p.norm
    for pattern in (g.HALF, g.SECOND_HALF, g.VAGUE):
        if g.could_match(pattern, norm):
            norm = re.sub(pattern, lambda m: " " * len(m.group(0)), norm)
    found = _find_ordinal(norm)
    if found is None:
        return
    p.ordinal, start, end = found
    p.constraints["ordinal"] = p.norm[start:end]
    before = set(p.used)
    p.mark_span(start, end)
    p.ordinal_at = p.used - before


def _find_ordinal(norm: str) -> tuple[int, int, int] | None:
    m = re.search(r"\b([0-9]{1,3})(?:st|nd|rd|th)\b", norm)
    if m:
        return int(m.group(1)), m.start(), m.end()
    words = set(norm.split())
    for word, value in g.ORDINALS.items():
        m = re.search(rf"\b{word}\b(?! in command)", norm) if word in words else None  # 'second-in-command': a deputy
        if m:
            return value, m.start(), m.end()
    m = re.search(g.LAST, norm) if g.could_match(g.LAST, norm) else None
    if m and not re.search(r"\blast (year|decade|month|week)\b", norm):
        return -1, m.start(), m.end()
    return None
