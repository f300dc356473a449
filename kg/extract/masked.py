"""A sentence with its names, dates and counts replaced by placeholders, so that patterns read
like the sentence's grammar: "⟦P1⟧, the ⟦T2⟧ leader of ⟦G3⟧, was killed in ⟦D4⟧".

Placeholders: P person, G armed group, O other organisation, C country, L other place,
D date, N count, T ordinal. Every match maps back to the article's own offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.context import Context
from kg.text import Segment

CODES = {"Person": "P", "ArmedGroup": "G", "Country": "C", "Region": "L", "City": "L", "Place": "L"}
P = r"⟦P\d+⟧"
G = r"⟦G\d+⟧"
ORG = r"⟦[GO]\d+⟧"
ORG_OR_COUNTRY = r"⟦[GOC]\d+⟧"
PLACE = r"⟦[CL]\d+⟧"
D = r"⟦D\d+⟧"
N = r"⟦N\d+⟧"
T = r"⟦T\d+⟧"
# 'X, nicknamed "Y",', 'known as "the Y"': another name of the one named before, no one else
NICKNAME = r"(?:(?<=[\"“])|(?<=[\"“]the\s))⟦P\d+⟧(?=[\"”])"
TOKEN = re.compile(r"⟦([A-Z])(\d+)⟧")


@dataclass(frozen=True)
class Slot:
    code: str
    start: int
    end: int
    ref: object  # an entity id (str), a DateSpan or a Count


class Masked:
    def __init__(self, ctx: Context, seg: Segment) -> None:
        self.ctx, self.seg = ctx, seg
        items: list[tuple[int, int, str, object]] = []
        for m in ctx.mentions_in(seg.start, seg.end):
            items.append((m.start, m.end, CODES.get(m.type, "O"), m.eid))
        for d in ctx.dates_in(seg.start, seg.end):
            items.append((d.start, d.end, "D", d))
        for c in ctx.counts_in(seg.start, seg.end):
            items.append((c.start, c.end, "T" if c.ordinal else "N", c))
        items.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        pieces: list[str] = []
        self.starts: list[int] = []  # masked index -> article offset, for every masked character
        self.slots: dict[str, Slot] = {}
        # "5. On D, …", "(b) Police arrested X": a list's number or letter is no part of the sentence
        marker = re.match(r"\s*(?:\d{1,2}[.)]|[a-z][.)]|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\))\s+(?=[A-Z\"“])",
                          ctx.text[seg.start:seg.end])
        at = seg.start + (marker.end() if marker else 0)
        hole = _dateline(ctx, seg)
        for start, end, code, ref in items:
            if hole and start >= hole[0] and at <= hole[0]:
                self._plain(ctx.text[at:hole[0]], at, pieces)
                at = hole[1]
            if start < at:
                continue  # overlapping: the longer, earlier item wins
            self._plain(ctx.text[at:start], at, pieces)
            token = f"⟦{code}{len(self.slots)}⟧"
            self.slots[token] = Slot(code, start, end, ref)
            pieces.append(token)
            self.starts.extend([start] * (len(token) - 1) + [end - 1])
            at = end
        if hole and at <= hole[0]:
            self._plain(ctx.text[at:hole[0]], at, pieces)
            at = hole[1]
        self._plain(ctx.text[at:seg.end], at, pieces)
        self.text = "".join(pieces)
        self.starts.append(seg.end)

    def _plain(self, chunk: str, at: int, pieces: list[str]) -> None:
        pieces.append(chunk)
        self.starts.extend(range(at, at + len(chunk)))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Article offsets of masked text[start:end]."""
        return self.starts[start], self.starts[end - 1] + 1 if end > start else self.starts[start]

    def slot(self, token: str | None) -> Slot | None:
        return self.slots.get(token) if token else None

    def ref(self, token: str | None) -> str | None:
        s = self.slot(token)
        return s.ref if s and isinstance(s.ref, str) else None

    def tokens(self, text: str, code: str | None = None) -> list[str]:
        return [m.group(0) for m in TOKEN.finditer(text) if code is None or m.group(1) in code]

    def match_span(self, m: re.Match[str], group: int | str = 0) -> tuple[int, int]:
        return self.span(m.start(group), m.end(group))


def _dateline(ctx: Context, seg: Segment) -> tuple[int, int] | None:
    """Where the dateline ("TOWN, 4 March 2021 - ", "TOWN, 4 March 2021 (Agency) - ") stands in
    the sentence that it opens: no part of the sentence, whose patterns read from the words after it
    ("An attack on D in X killed Y" opens the clause) with their own offsets kept."""
    line = ctx.dateline
    if line is None or not seg.start <= line.start < line.end <= seg.end:
        return None
    begin = max(seg.start, ctx.text.rfind("\n", 0, line.start) + 1)
    if re.search(r"[.!?;]", ctx.text[begin:line.start]):
        return None  # the date inside a sentence of prose
    sep = re.match(r"[^\S\n]*(?:\([^()\n]{1,40}\)[^\S\n]*)?[-–—:][^\S\n]+(?=\S)", ctx.text[line.end:seg.end])
    return (begin, line.end + sep.end()) if sep else None
