"""Answers to questions: their shape (kept stable for --format json) and the wording of
their details (terms, dates, figures with their bounds and sources)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from kg.names import ordinal
from kg.vocab import ID


@dataclass
class Evidence:
    quote: str
    source: str
    sentence: int | None
    attributed_to: str
    headline: int | None = None


@dataclass
class Item:
    label: str
    iri: str
    detail: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Answer:
    question: str
    status: str  # answered | not_stated | not_understood
    answers: list[Item] = field(default_factory=list)
    note: str = ""
    suggestions: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = {"question": self.question, "status": self.status,
               "answers": [asdict(a) for a in self.answers]}
        if self.note:
            out["note"] = self.note
        if self.suggestions:
            out["suggestions"] = self.suggestions
        return out

    def text(self) -> str:
        lines = []
        for a in self.answers:
            lines.append(f"{a.label} — {a.detail}" if a.detail else a.label)
            for e in a.evidence:
                where = f"sentence {e.sentence}" if e.sentence else f"related headline {e.headline}"
                lines.append(f"  \"{e.quote}\"  ({e.source}, {where}; {e.attributed_to})")
        if self.status == "not_stated":
            lines.append("The sources do not say." + (f" {self.note}" if self.note else ""))
        elif self.note:
            lines.append(self.note)
        if self.status == "not_understood":
            lines.append("Not understood. " + (self.note + " " if self.note else "") + "Questions kg answers, e.g.:")
            lines += [f"  kg ask \"{s}\"" for s in self.suggestions]
        return "\n".join(lines)


def _voice(r: dict[str, Any]) -> str:
    """Who the article says said it; its own voice reads as "the article itself"."""
    if r["attributedTo"].value.startswith(ID + "voice/") and ".headline-" not in r["attributedTo"].value:
        return "the article itself"
    return r["attributedToLabel"].value if "attributedToLabel" in r else r["attributedTo"].value


def _present_tense(norm: str) -> bool:
    return re.search(r"\b(is|are|leads|runs|heads|rules|commands|currently|now|today)\b", norm) is not None and \
        re.search(r"\b(was|were|led|ran|headed|ruled|commanded|did)\b", norm) is None


def _role_filter(rows: list[dict[str, Any]], norm: str) -> list[dict[str, Any]]:
    wants_commander = re.search(r"\bcommand", norm) is not None
    preferred = [r for r in rows if (r["role"].value == "commander") == wants_commander]
    return preferred or rows


def _gaps(ordinals: list[int]) -> str:
    """'2nd–4th' for the ordinals missing between the known ones."""
    known = sorted(set(ordinals))
    spans = []
    for low, high in zip(known, known[1:]):
        if high - low > 1:
            a, b = low + 1, high - 1
            spans.append(ordinal(a) if a == b else f"{ordinal(a)}–{ordinal(b)}")
    if not spans:
        return ""
    return ", ".join(spans)


def _term_detail(r: dict[str, Any], org_label: str) -> str:
    n = f"{ordinal(int(r['ordinal'].value))} " if "ordinal" in r else ""
    hedge = f"{r['hedge'].value} the " if "hedge" in r else ""
    text = f"{hedge}{n}{r['role'].value} of {org_label}"
    if "start" in r and "end" in r:
        text += f", {r['start'].value}–{r['end'].value}"
    elif "start" in r:
        text += f", since {r['start'].value}"
    elif "end" in r:
        text += f", until {r['end'].value} (start not stated)"
    if "endedByLabel" in r:
        text += f"; ended by the {r['endedByLabel'].value}"
    return text


def _date(r: dict[str, Any]) -> str:
    if "date" in r:
        return r["date"].value
    if "start" in r and "end" in r:
        return f"{r['start'].value}–{r['end'].value}"
    if "start" in r:
        return f"from {r['start'].value}"
    return ""


def _duration(text: str) -> str:
    match = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?", text)
    if not match:
        return text
    parts = []
    for value, unit in zip(match.groups(), ("year", "month", "day")):
        if value:
            parts.append(f"{value} {unit}{'s' if value != '1' else ''}")
    return " ".join(parts)


def _victim_detail(r: dict[str, Any]) -> str:
    parts = [r["kind"].value]
    if r.get("perpetrators") and r["perpetrators"].value:
        parts.append(f"by {r['perpetrators'].value}")
    when = _date(r)
    if when:
        parts.append(f"in {when}" if "date" in r else when)
    if "duration" in r:
        parts.append(f"for {_duration(r['duration'].value)}")
    return " ".join(parts)


def _join(word: str, term: Any) -> str:
    return f"{word} {term.value}" if term is not None and term.value else ""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _stat_value(r: dict[str, Any]) -> str:
    if "status" in r:
        return f"{r['status'].value}"
    if "wording" in r:
        return r["wording"].value
    bound = r["bound"].value if "bound" in r else "exact"
    number = f"{int(r['value'].value):,}"
    return number if bound == "exact" else f"{bound} {number}"


def _stat_detail(r: dict[str, Any]) -> str:
    parts = [r["measureLabel"].value]
    if r.get("places") and r["places"].value:
        parts.append(f"in {r['places'].value}")
    parts[-1] += ","
    parts.append(r["periodLabel"].value)
    who = f"according to {r['reporterLabel'].value}" if "reporterLabel" in r else "as the article states"
    if "status" in r:
        return f"{r['reporterLabel'].value if 'reporterLabel' in r else 'the reporter'} has not released this figure ({' '.join(parts)})"
    hedge = f", {r['certainty'].value}" if r["certainty"].value != "stated" else ""
    return f"{' '.join(parts)}, {who}{hedge}"
