"""The draft being made and what every pattern family shares: the article's sentences, dates,
counts and name mentions, and one way to add an item (quoted verbatim, with offsets)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from kg.extract.dates import DateSpan, dateline, find_dates, relative_words
from kg.extract.numbers import Count, find_counts
from kg.text import Article, Segment
from kg.vocabulary import Vocabulary


@dataclass
class Draft:
    """A drafted facts file: entities, periods and facts, each a dict in the facts-file schema."""

    article: dict[str, Any]
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    periods: dict[str, dict[str, Any]] = field(default_factory=dict)
    facts: list[dict[str, Any]] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  # entity ids that were already in the project
    review: list[str] = field(default_factory=list)  # notes for the reviewer
    dropped: list[str] = field(default_factory=list)  # items left out by the checks, and why


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    eid: str
    type: str


class Context:
    def __init__(self, article_id: str, text: str, vocab: Vocabulary) -> None:
        self.text = text
        self.doc = Article(article_id, text)
        self.vocab = vocab
        line = dateline(text)
        self.dateline = line
        # where the first sentence's own words begin: after "CITY, Country (DATE) — "
        opening = re.match(r"\)?[ \t]*[-–—]+[ \t]*", text[line.end:]) if line else None
        self.after_dateline = line.end + opening.end() if line and opening else None
        self.base = dt.date.fromisoformat(line.value) if line else None
        self.dates: list[DateSpan] = find_dates(text, self.base)
        self.counts: list[Count] = find_counts(text, self.dates)
        self.mentions: list[Mention] = []
        self.draft = Draft({"id": article_id, "file": f"{article_id}.txt"})
        self.as_of: DateSpan | None = line or (max(self.dates, key=lambda d: d.value) if self.dates else None)
        if line:
            self.draft.article.update(published=line.value, as_of=line.value, as_of_quote=line.text)
        elif self.as_of:
            self.draft.article.update(as_of=self.as_of.value[:4], as_of_quote=self.as_of.text)
            self.draft.review.append(f"the article has no dateline: as_of {self.as_of.value[:4]} is only the latest "
                                     f"year it names ('{self.as_of.text}'); check its date, and every period drafted "
                                     "up to it")
        relative = relative_words(text) if line is None else []
        if relative:  # no day of its own to count from: their events are left undated, or held for their date
            shown = ", ".join(f"'{w}'" for w in dict.fromkeys(relative))
            self.draft.review.append(f"the article has no dateline: {shown} were not resolved to a date; add the "
                                     "dates they stand for")

    # --- where things stand -------------------------------------------------------------------

    @property
    def prose(self) -> list[Segment]:
        """Sentences of the body: related headlines, titles and section headings are left out."""
        return [s for s in self.doc.segments if s.kind == "sentence" and _is_prose(self.text[s.start:s.end])]

    @property
    def sentences(self) -> list[Segment]:
        """Sentences of the body that tell what stands: not what an earlier version said."""
        return [s for s in self.prose if not retracted(self.text[s.start:s.end])]

    def sentence_at(self, offset: int) -> Segment:
        return self.doc.segment_at(offset)

    def sentence_before(self, seg: Segment) -> Segment | None:
        """The body's sentence just before `seg`, which words like "both" or "the number" name back to."""
        prose = self.sentences
        at = next((i for i, s in enumerate(prose) if s.start == seg.start), 0)
        return prose[at - 1] if at > 0 else None

    def mentions_in(self, start: int, end: int, types: set[str] | None = None) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end and (types is None or m.type in types)]

    def mention_at(self, offset: int) -> Mention | None:
        return next((m for m in self.mentions if m.start <= offset < m.end), None)

    def dates_in(self, start: int, end: int) -> list[DateSpan]:
        return [d for d in self.dates if start <= d.start and d.end <= end]

    def counts_in(self, start: int, end: int) -> list[Count]:
        return [c for c in self.counts if start <= c.start and c.end <= end]

    def entry_date(self, start: int) -> DateSpan | None:
        """The date that opens the paragraph holding offset `start`, when the paragraph is a dated
        entry ("DATE - …", "DATE: …", as in a chronology) and the date is not the article's own:
        what the entry tells in the present is of that date, unless a sentence says otherwise
        ("later", "before") or gives its own date."""
        line = self.text.rfind("\n", 0, start) + 1
        first = next((d for d in self.dates if line <= d.start and not self.text[line:d.start].strip()), None)
        if first is None or not re.match(r"\s*[-–—:]\s", self.text[first.end:first.end + 3]) \
                or (self.as_of is not None and first.start == self.as_of.start):
            return None
        seg = self.sentence_at(start)
        relative = r"\b(?:later|earlier|before|after|ago|next|previous|since|until|then)\b"
        if seg.start > first.end and (self.dates_in(seg.start, seg.end)
                                      or re.search(relative, self.text[seg.start:seg.end])):
            return None
        return first

    def add_mention(self, start: int, end: int, eid: str, etype: str) -> None:
        if not any(m.start < end and start < m.end for m in self.mentions):
            self.mentions.append(Mention(start, end, eid, etype))
            self.mentions.sort(key=lambda m: m.start)

    # --- items --------------------------------------------------------------------------------

    def quote(self, spans: list[tuple[int, int]]) -> list[str] | str:
        """One quote per sentence the spans are in: from the first span's start to the last's end."""
        by_sentence: dict[int, list[int]] = {}
        for s, e in spans:
            seg = self.sentence_at(s)
            by_sentence.setdefault(seg.start, []).extend([s, e])
        quotes = [self.text[self._after_dateline(min(v), max(v)):max(v)].strip().lstrip(",;: ")
                  for _, v in sorted(by_sentence.items())]
        return quotes[0] if len(quotes) == 1 else quotes

    def _after_dateline(self, start: int, end: int) -> int:
        """A quote that would open with the dateline ("CITY, Country (DATE) — An attack …") opens
        with the sentence's own words: the dateline is no part of what it states (but a quote of
        the dateline's date alone, the article's own date, stays)."""
        line = self.dateline
        if line is None or self.after_dateline is None or end <= self.after_dateline:
            return start
        line_start = self.text.rfind("\n", 0, line.start) + 1
        return self.after_dateline if line_start <= start < self.after_dateline else start

    def fact(self, ftype: str, spans: list[tuple[int, int]], fields: dict[str, Any],
             inferred: dict[str, str] | None = None, review: str | None = None,
             said_by: str = "article") -> dict[str, Any]:
        """Add a fact quoted by the sentences `spans` are in; its id is made from its type."""
        quote = self.quote(spans)
        first = min(s for s, _ in spans)
        text = quote if isinstance(quote, str) else quote[0]
        at = self.text.find(text, max(0, first - len(text)))
        fact: dict[str, Any] = {"id": f"{ftype}-{len(self.draft.facts) + 1}", "type": ftype}
        fact.update({k: v for k, v in fields.items() if v not in (None, [], "")})
        if inferred:
            fact["inferred"] = {k: v for k, v in inferred.items() if k in fact}
        fact.update(quote=quote, offsets=f"{at}-{at + len(text)}", said_by=said_by, draft=True)
        if review:
            fact["review"] = review
        self.draft.facts.append(fact)
        return fact

    def period(self, date: DateSpan, end: DateSpan | None = None) -> str:
        """The id of the period from `date` to `end` (or `date` alone), quoted by their words."""
        last = end or date
        pid = date.value if end is None else f"{date.value}_{last.value}"
        if pid not in self.draft.periods:
            near = (end is None  # the end written after the start ("since A" ends at a dateline before it)
                    or self.sentence_at(date.start) == self.sentence_at(last.start) and 0 < last.end - date.start < 60)
            quote: list[str] | str = self.quote([(date.start, last.end)]) if near else [date.text, last.text]
            text = quote if isinstance(quote, str) else quote[0]
            period: dict[str, Any] = {"id": pid, "name": pid.replace("_", " to "), "start": date.value,
                                      "end": last.value, "quote": quote,
                                      "offsets": f"{date.start}-{date.start + len(text)}", "draft": True}
            why = {k: d.inferred for k, d in (("start", date), ("end", last)) if d.inferred}
            if why:
                period["inferred"] = why
            self.draft.periods[pid] = period
        return pid

    def is_fact(self, ftype: str, **fields: Any) -> bool:
        """Whether a fact of this type with these field values was drafted already."""
        return any(f["type"] == ftype and all(f.get(k) == v for k, v in fields.items()) for f in self.draft.facts)


def append_quote(fact: dict[str, Any], quote: str | dict[str, str], said_by: str | None = None) -> None:
    """Add a quote to a fact; words another voice than the fact's tells are {text, said_by}."""
    text = quote if isinstance(quote, str) else quote["text"]
    said_by = said_by if isinstance(quote, str) else quote.get("said_by", said_by)
    quotes = fact["quote"] if isinstance(fact["quote"], list) else [fact["quote"]]
    if not any(text in (q["text"] if isinstance(q, dict) else q) for q in quotes):
        quotes.append({"text": text, "said_by": said_by} if said_by and said_by != fact.get("said_by") else text)
    fact["quote"] = quotes[0] if len(quotes) == 1 else quotes


# "An earlier version of this report said that …": words the article has since corrected
_RETRACTED = re.compile(r"\b(?i:an?|the)\s+(?:earlier|previous|original|first)\s+version\b"
                        r"(?:\s+of\s+(?:this|the)\s+\w+)?(?:\s+\w+ly)?(?:\s+also)?\s+"
                        r"(?:said|stated|reported|gave|named|described|misstated|identified|put|quoted|attributed)\b")


def retracted(sentence: str) -> bool:
    """Whether the sentence retells what an earlier version of the article said: a corrected
    telling, of which nothing is drafted (the correction tells what stands)."""
    return bool(_RETRACTED.search(sentence))


def _is_prose(sentence: str) -> bool:
    """A sentence of the body, not a title or a section heading: it ends like a sentence, or
    it is long."""
    s = sentence.strip()
    return bool(re.search(r"[.!?\"”’)]$", s)) or len(s.split()) > 12
