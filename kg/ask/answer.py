"""The shape of an answer (kept stable for --format json) and its text."""

from __future__ import annotations

from typing import Any, NamedTuple

from kg.errors import one_line

ANSWERED, NOT_STATED, NOT_UNDERSTOOD = "answered", "not_stated", "not_understood"


# Plain classes, not dataclasses: generating a dataclass's methods costs each `kg ask` about
# a millisecond a class, at every start.


class Evidence(NamedTuple):
    """A source's own words for one item of an answer."""

    quote: str
    source: str
    sentence: int | None
    attributed_to: str
    headline: int | None = None
    certainty: str = "stated"
    hedge: str | None = None


class Item:
    """One thing an answer gives, with its evidence (a family may reword its detail)."""

    __slots__ = ("label", "iri", "detail", "evidence")

    def __init__(self, label: str, iri: str, detail: str, evidence: list[Evidence] | None = None) -> None:
        self.label, self.iri, self.detail = label, iri, detail
        self.evidence = evidence if evidence is not None else []

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "iri": self.iri, "detail": self.detail,
                "evidence": [e._asdict() for e in self.evidence]}


class Answer:
    """An answer: its status, its items and its note (a family may add to the note)."""

    __slots__ = ("question", "status", "answers", "note", "suggestions", "unrecognised")

    def __init__(self, question: str, status: str, answers: list[Item] | None = None, note: str = "",
                 suggestions: list[str] | None = None, unrecognised: list[str] | None = None) -> None:
        self.question = question
        self.status = status  # answered | not_stated | not_understood
        self.answers = answers if answers is not None else []
        self.note = note
        self.suggestions = suggestions if suggestions is not None else []
        self.unrecognised = unrecognised if unrecognised is not None else []  # words nothing matched

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"question": self.question, "status": self.status,
                               "answers": [a.to_json() for a in self.answers]}
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
