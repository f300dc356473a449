"""The shape of an answer (kept stable for --format json) and its text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kg.errors import one_line

ANSWERED, NOT_STATED, NOT_UNDERSTOOD = "answered", "not_stated", "not_understood"


@dataclass
class Evidence:
    """A source's own words for one item of an answer."""

    quote: str
    source: str
    sentence: int | None
    attributed_to: str
    headline: int | None = None
    certainty: str = "stated"
    hedge: str | None = None


@dataclass
class Item:
    """One thing an answer gives, with its evidence."""

    label: str
    iri: str
    detail: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Answer:
    """An answer: its status, its items and its note."""

    question: str
    status: str  # answered | not_stated | not_understood
    answers: list[Item] = field(default_factory=list)
    note: str = ""
    suggestions: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)  # words of the question nothing matched

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"question": self.question, "status": self.status,
                               "answers": [asdict(a) for a in self.answers]}
        for key in ("note", "suggestions", "unrecognised"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out

    def text(self) -> str:
        lines = []
        for a in self.answers:
            line = f"{a.label} — {a.detail}" if a.detail else a.label
            sure = {e.certainty for e in a.evidence}
            if a.evidence and "stated" not in sure and not any(c in line for c in sure):
                line += f" ({' or '.join(sorted(sure))})"  # every source hedges it: the answer says so
            lines.append(line)
            for e in a.evidence:
                where = f"sentence {e.sentence}" if e.sentence else f"related headline {e.headline}"
                lines.append(f"  \"{e.quote}\"  ({e.source}, {where}; {e.attributed_to})")
        if self.status == NOT_STATED:
            lines.append("The sources do not say." + (f" {self.note}" if self.note else ""))
        elif self.note and self.status != NOT_UNDERSTOOD:  # that one says its note below
            lines.append(self.note)
        if self.status == NOT_UNDERSTOOD:
            lines.append("Not understood. " + (self.note + " " if self.note else "") + "Questions kg answers, e.g.:")
            lines += [f"  kg ask \"{s}\"" for s in self.suggestions]
        elif self.suggestions:
            lines.append("Did you mean: " + "; ".join(self.suggestions) + "?")
        return "\n".join(one_line(x) for x in lines)  # an article's control characters never reach a terminal
