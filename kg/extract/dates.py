"""Dates in an article's text, at the precision written: "27 September 2024" is a day,
"March 2008" a month, "in 2014" a year. Month names come from python-dateutil's parser
tables and dateutil parses each found expression; a day or month without its year ("on June
13") takes the year of the article's own date and says so (`inferred`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from kg.extract import lexicon

YEAR = r"(?:1[89]\d\d|20\d\d)"


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    text: str  # as written
    value: str  # 2014, 2014-09, 2014-09-01
    inferred: str | None = None  # why, when the year is not in the words

    @property
    def year(self) -> int:
        return int(self.value[:4])


@cache
def _pattern() -> re.Pattern[str]:
    months = sorted(lexicon.months(), key=len, reverse=True)
    month = r"(?:{})\.?".format("|".join(re.escape(m) for m in months))
    day = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
    forms = [
        rf"{day}\s+{month},?\s+{YEAR}",  # 4 November 2011
        rf"{month}\s+{day},?\s+{YEAR}",  # Sept. 1, 2014
        rf"{month},?\s+{YEAR}",  # March 2008
        rf"{month}\s+{day}\b(?!,?\s*\d{{4}})",  # June 13
        rf"{day}\s+{month}(?!\w)",  # 29 October
        rf"(?<![\d,.$])\b{YEAR}\b(?!,\d)(?!\s*(?:percent|%))",  # 2014
    ]
    return re.compile("|".join(f"(?:{f})" for f in forms), re.IGNORECASE)


def find_dates(text: str, base: dt.date | None = None) -> list[DateSpan]:
    """Every date expression in `text`; `base` (the article's own date) gives the year of
    dates written without one, and the day of "today", "this morning", "on Saturday"."""
    found = []
    for m in _pattern().finditer(text):
        raw = m.group(0)
        if raw[0].isalpha() and not raw[0].isupper():
            continue  # "may 2014" is a verb, "May 2014" a month
        span = _parse(raw, m.start(), base)
        if span:
            found.append(span)
    found += _first_days(text, found)
    if base is not None:
        found += _relative(text, base, found)
        found += _bare_months(text, base, found)
    return _years_from_the_text(text, sorted(found, key=lambda d: d.start))


RANGE_YEAR = re.compile(rf"\s*(?:and|to|through|-|–)\s*[0-3]?\d(?:st|nd|rd|th)?,?\s+({YEAR})\b")
THAT_YEAR = re.compile(r"\s*,?\s+(?:of\s+)?(?:that|the\s+same)\s+year\b", re.IGNORECASE)


def _years_from_the_text(text: str, found: list[DateSpan]) -> list[DateSpan]:
    """A month or day written without its year takes the article's year, unless the text says
    otherwise: "in December of that year" is of the last year named before it; and when the
    same month was named earlier with another year ("the attack of September 11 and 12,
    2012" ... "early on September 12"), the year is in doubt and the date is left out (the
    draft asks for it) rather than guessed."""
    out = []
    for d in found:
        if d.inferred is None or len(d.value) < 7 or not re.search(r"[A-Za-z]", d.text):
            out.append(d)
            continue
        years = [e for e in found if e.end <= d.start and e.inferred is None]
        ended = RANGE_YEAR.match(text, d.end)
        if ended:  # "September 11 and 12, 2012": the first day is of the year that ends the range
            out.append(DateSpan(d.start, d.end, d.text, ended.group(1) + d.value[4:],
                                f"'{d.text}': of {ended.group(1)}, the year that ends '{text[d.start:ended.end()]}'"))
            continue
        if THAT_YEAR.match(text, d.end):
            if years:
                year = years[-1].value[:4]
                out.append(DateSpan(d.start, d.end, d.text, year + d.value[4:],
                                    f"'{d.text} of that year': {year}, the year named before it"))
            continue
        month = re.escape(re.findall(r"[A-Za-z]{3,}", d.text)[0])  # "4th August", "Aug. 4": the month's word
        earlier = re.findall(rf"\b{month}\b[^.;\n]{{0,20}}?\b({YEAR})\b", text[:d.start], re.IGNORECASE)
        if not any(y != d.value[:4] for y in earlier):
            out.append(d)
    return out


def _first_days(text: str, found: list[DateSpan]) -> list[DateSpan]:
    """"between 14 and 17 December 2009", "from 3 to 5 May": the first day takes the month and
    year of the date that ends the range."""
    out = []
    for d in found:
        m = re.search(r"\b(?:between|from)\s+([0-3]?\d)(?:st|nd|rd|th)?\s+(?:and|to|until)\s+$", text[:d.start])
        if m and len(d.value) == 10 and 1 <= int(m.group(1)) < int(d.value[8:]):
            month = re.sub(r"^[0-3]?\d(?:st|nd|rd|th)?\s+", "", d.text)
            out.append(DateSpan(m.start(1), m.end(1), m.group(1), f"{d.value[:8]}{int(m.group(1)):02d}",
                                f"'{m.group(1)}': a day of {month}, the month that ends the range"))
    return out


def _bare_months(text: str, base: dt.date, found: list[DateSpan]) -> list[DateSpan]:
    """"since November", "in early October": the last such month up to the article's date."""
    months = "|".join(sorted((m for m in lexicon.months() if len(m) > 3), key=len, reverse=True))
    out = []
    for m in re.finditer(rf"\b(?i:since|in|from|until|by|during)\s+(?:early\s+|late\s+|mid-)?"
                         rf"(?P<m>(?i:{months}))\b(?!\s*,?\s*{YEAR}\b)(?!\s+\d)", text):
        name = m.group("m")
        if not name[0].isupper() or any(d.start <= m.start("m") < d.end for d in found):
            continue
        month = lexicon.months()[name.lower()]
        year = base.year if month <= base.month else base.year - 1
        out.append(DateSpan(m.start("m"), m.end("m"), name, f"{year:04d}-{month:02d}",
                            f"'{name}': the last {name} up to the article's date, {base.isoformat()}"))
    return out


def _relative_pattern() -> str:
    days = "|".join(sorted({w for w in lexicon.weekdays() if len(w) > 3}, key=len, reverse=True))
    return (rf"\b(?:today|this (?:morning|afternoon|evening|week)|yesterday|(?<=\bon )(?i:{days})|last (?i:{days})|"
            r"(?:last|this) year|(?<=start of )the year|(?<=beginning of )the year)\b")  # "the start of the year"


def relative_words(text: str) -> list[str]:
    """The days and years `text` tells relative to its own date ("on Monday", "last year"), as written."""
    return [m.group(0) for m in re.finditer(_relative_pattern(), text, re.IGNORECASE)]


def _relative(text: str, base: dt.date, found: list[DateSpan]) -> list[DateSpan]:
    out = []
    for m in re.finditer(_relative_pattern(), text, re.IGNORECASE):
        if any(d.start <= m.start() < d.end for d in found):
            continue
        words = m.group(0).lower()
        if words.split()[-1] in lexicon.weekdays():
            day = weekday_before(base, words.split()[-1])
        elif words == "yesterday":
            day = base - dt.timedelta(days=1)
        elif words == "this week":
            continue  # a week is no date
        elif words.endswith("year"):  # "last year", "this year", "the year": a year, not a day
            year = base.year - (1 if words.startswith("last") else 0)
            out.append(DateSpan(m.start(), m.end(), m.group(0), f"{year:04d}",
                                f"'{m.group(0)}' in an article dated {base.isoformat()}"))
            continue
        else:
            day = base
        if day is not None:
            out.append(DateSpan(m.start(), m.end(), m.group(0), day.isoformat(),
                                f"'{m.group(0)}' in an article dated {base.isoformat()}"))
    return out


def _parse(raw: str, start: int, base: dt.date | None) -> DateSpan | None:
    from dateutil import parser

    if re.fullmatch(YEAR, raw):
        return DateSpan(start, start + len(raw), raw, raw)
    has_year = re.search(YEAR, raw) is not None
    if not has_year and base is None:
        return None
    try:  # two defaults: a part the text gives is the same in both results
        a = parser.parse(raw, default=dt.datetime(base.year if base else 2000, 1, 1))
        b = parser.parse(raw, default=dt.datetime(base.year if base else 2000, 2, 2))
    except (ValueError, OverflowError):
        return None
    value = f"{a.year:04d}-{a.month:02d}" + (f"-{a.day:02d}" if a.day == b.day else "")
    if a.month != b.month:
        return None
    why = None
    if not has_year:
        assert base is not None
        if (a.month, a.day) > (base.month, base.day) and a.day == b.day:
            value = f"{base.year - 1}{value[4:]}"
        why = f"'{raw}': the year of the article's date, {base.isoformat()}"
    return DateSpan(start, start + len(raw), raw, value, why)


def dateline(text: str) -> DateSpan | None:
    """The article's own date: a full date in its first lines (a dateline or a release date;
    blank lines between a byline and the dateline do not count)."""
    lines = text.splitlines()
    first = [i for i, line in enumerate(lines) if line.strip()][:3]
    head = "\n".join(lines[:first[-1] + 1] if first else [])[:300]
    for span in find_dates(head):
        if len(span.value) == 10 and _heads_the_article(head, span):
            return span
    return None


# "Published 4 May 2018", "compiled July 2, 2024": words that give the article's own date in a line of prose
NAME_PARTICLES = {"of", "the", "de", "du", "des", "del", "da", "do", "la", "le", "el", "al", "and", "upon", "es"}
PUBLISHED = r"(?i:published|updated|posted|released|issued|compiled|filed|dated|written|as\s+of)(?:\s+on)?[\s:,]*$"


def _heads_the_article(head: str, span: DateSpan) -> bool:
    """Whether a date in the first lines is the article's own: in a line that is no sentence (a
    heading, a byline), in a dateline ("CITY, DATE - …", "Press statement - City, DATE") or after
    a word of publishing; not in a sentence ("When X struck on DATE, …", "The group was founded
    on DATE"), where it is the date of an event. Taken as the article's, it would date every "on
    Monday" and "last year" from a day the article is not of."""
    start = head.rfind("\n", 0, span.start) + 1
    end = head.find("\n", span.end)
    if end >= 0 and not re.search(r"[.!?\"”]$", head[start:end].strip()):
        return True  # a whole line that ends like no sentence: a heading or a byline ("Live updates, DATE")
    before = head[start:span.start]
    before = re.split(r"\s[-–—|]\s", before)[-1]  # "Press statement - Stuttgart, ": the piece before the date
    words = set(re.findall(r"\b[a-z]{2,}\b", before)) - NAME_PARTICLES  # "Republic of Congo" is a dateline's place
    return not words or bool(re.search(PUBLISHED, before))


def weekday_before(base: dt.date, name: str) -> dt.date | None:
    """The last `name`day on or before `base` ("on Saturday" in a report dated that week)."""
    number = lexicon.weekdays().get(name.lower())
    if number is None:
        return None
    return base - dt.timedelta(days=(base.weekday() - number) % 7)
