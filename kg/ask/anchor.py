"""A question dated by an event instead of a year: 'who led X when Y died?', 'who was the
leader of X at the time of Y's capture?'. The clause is read when parsing (its words are no
family's: 'died' does not make it a death question); the event's date is looked up once the
names are linked, and stands for the year asked about.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from kg.ask.words import value
from kg.vocab import KGO

if TYPE_CHECKING:
    from kg.ask.parse import Parsed
    from kg.ask.question import Question

# the event of the clause: its verbs after the name, and its nouns after 'the time of'
EVENTS = {
    "Killing": ("died|was killed|got killed|was slain|was assassinated|was executed|was murdered|"
                "was eliminated|was shot dead|was hanged", "death|killing|assassination|execution|murder"),
    "Capture": ("was captured|was arrested|was detained|was seized|was caught|was taken prisoner|"
                "was apprehended|was kidnapped|was abducted|was taken hostage|were kidnapped|were abducted|"
                "were captured", "capture|arrest|detention|seizure|kidnapping|abduction"),
}
WHEN = r"(?:when|while|as|at the time|at the time that|the day|the year)"


def _clause(norm: str) -> tuple[str, int, int, int, int] | None:
    """(event kind, clause start, clause end, name start, name end) as offsets in the
    normalised question, for the first dating clause it holds."""
    if not re.search(rf"\b(?:{WHEN}|upon|on)\b", norm):  # the words every clause starts with
        return None
    for kind, (verbs, nouns) in EVENTS.items():
        m = (re.search(rf"\b{WHEN} (?P<who>.+?) (?:{verbs})\b", norm)
             or re.search(rf"\b(?:at the time of|upon|on) (?:the )?(?:{nouns}) of (?P<who>.+?)$", norm)
             or re.search(rf"\b(?:at the time of|upon|on) (?P<who>.+?) (?:{nouns})\b", norm))
        if m:
            return kind, m.start(), m.end(), m.start("who"), m.end("who")
    return None


def find(p: Parsed, family_words: str) -> None:
    """Record the dating clause when the question asks something else dated by it (its
    other words hold one of `family_words`); its words, but the name, are accounted for."""
    found = _clause(p.norm)
    if found is None or p.years:
        return
    kind, start, end, who_start, who_end = found
    outside = p.norm[:start] + " " + p.norm[end:]
    words = set(outside.split())
    if not any(set(w.split()) <= words for w in family_words.split("|") if w and "_" not in w):
        return
    spans: dict[int, tuple[int, int]] = {}
    at = 0
    for i, t in enumerate(p.tokens):
        spans[i] = (at, at + len(t.word))
        at += len(t.word) + 1
    p.anchor = kind
    p.anchor_name = {i for i, (a, b) in spans.items() if who_start <= a and b <= who_end}
    p.anchor_at = {i for i, (a, b) in spans.items() if start <= a and b <= end} - p.anchor_name
    p.used |= p.anchor_at
    p.constraints["anchor"] = p.norm[start:end]


def date_of(q: Question, person_kinds: frozenset[str]) -> tuple[str | None, str]:
    """The date of the clause's event, as precise as its sources agree on (None when the
    graph has none dated, or its sources disagree), and a note saying which event dates the
    answer."""
    from pyoxigraph import NamedNode

    p = q.parsed
    event = p.anchor or "Killing"
    who = q.take(person_kinds, where=lambda m: bool(set(range(m.start, m.end)) & p.anchor_name))
    if who is None:
        return None, "Name a person the graph holds in the 'when' clause."
    rows: list[dict[str, Any]] = q.ctx.run("events", kind=NamedNode(KGO + event), victim=NamedNode(who.iri))
    # by precision, then date: a set's order of two days changed with PYTHONHASHSEED, and so the answer
    dates = sorted({value(r, "date") or value(r, "start") or "" for r in rows} - {""}, key=lambda d: (len(d), d))
    what = "killing" if event == "Killing" else "capture"
    if not dates:
        return None, f"The graph has no dated {what} of {who.label}, so it cannot tell when that was."
    if not all(dates[-1].startswith(d) for d in dates):  # '2019' agrees with '2019-10-26'
        return None, f"The sources date the {what} of {who.label} differently ({', '.join(dates)})."
    q.apply("anchor")
    return dates[-1], f"({who.label}'s {what}: {dates[-1]}.)"


def during(term: dict[str, Any], date: str, until: str | None = None) -> bool:
    """Whether a leadership term may have been running on a date (or at some time from it
    `until` another): it neither starts after nor ends before, at the precision both are
    stated ('2014' and '2014-09-01' agree)."""
    def before(a: str, b: str) -> bool:
        n = min(len(a), len(b))
        return a[:n] < b[:n]

    start, end = value(term, "start"), value(term, "end")
    return not (start and before(until or date, start)) and not (end and before(end, date))
