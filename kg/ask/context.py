"""What every question family uses: the backend, the named queries, evidence, "now"."""

from __future__ import annotations

from typing import Any

from pyoxigraph import Literal, NamedNode, Store

from kg import query as q
from kg import vocabulary
from kg.ask.answer import Evidence, Item
from kg.ask.words import value
from kg.project import Project
from kg.vocab import ID, XSD

INTEGER = NamedNode(XSD + "integer")


def year_term(year: int) -> Literal:
    return Literal(str(year), datatype=NamedNode(XSD + "integer"))


def date_term(text: str) -> Literal:
    """A year or a month as a date parameter ('2024', '2024-06')."""
    return Literal(text, datatype=NamedNode(XSD + ("gYear" if len(text) == 4 else "gYearMonth")))


def period_params(period: tuple[str, str] | None) -> dict[str, Literal | None]:
    """The question's period as the named queries' from/to parameters ('since': no end)."""
    if period is None:
        return {}
    return {"from": date_term(period[0]), "to": date_term(period[1]) if period[1] != "2100" else None}


def within(date: str, period: tuple[str, str]) -> bool:
    """Whether a date ('2019', '2008-07-02') falls in the period, compared at the precision
    both state ('2019' is in June 2019 as far as the sources say)."""
    start, end = period
    return start[:len(date)] <= date[:len(start)] and date[:len(end)] <= end[:len(date)]


def period_words(period: tuple[str, str]) -> str:
    """The period as a phrase: 'in 2019', 'since 2020', 'up to 2018', 'from 2010 to 2018'."""
    start, end = period
    if start == end:
        return f"in {start}"
    return f"since {start}" if end == "2100" else f"up to {end}" if start == "1500" else f"from {start} to {end}"


class Context:
    def __init__(self, backend: q.Backend | Store, project: Project) -> None:
        self.backend, self.project = q.as_backend(backend), project
        self.vocabulary = vocabulary.load(project)
        self._newest: dict[str | None, int | None] = {}
        self.denied: list[tuple[str, Evidence]] = []  # (who denies, their words): kg.ask.families.events
        self.voice: str | None = None  # 'according to X': only X's words are evidence (kg.ask.voice)

    def run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """A named query with its parameters bound (None: left unbound)."""
        bound = {k: v for k, v in params.items() if v is not None}
        return q.run_query_text(self.backend, q.get_named(self.project, name), bound).rows

    def evidence(self, iri: str, source: str | None = None) -> list[Evidence]:
        rows = self.run("evidence", node=NamedNode(iri), source=NamedNode(source) if source else None,
                        attributedTo=NamedNode(self.voice) if self.voice else None)
        out = []
        for r in rows:
            out.append(Evidence(
                quote=r["quote"].value, source=r["sourceLabel"].value,
                sentence=int(r["sentence"].value) if "sentence" in r else None,
                attributed_to=_voice(r), headline=int(r["headline"].value) if "headline" in r else None,
                certainty=r["certainty"].value, hedge=value(r, "hedge")))
        return out

    def item(self, label: str, iri: str, detail: str, evidence_of: str | None = None,
             source: str | None = None) -> Item:
        return Item(label, iri, detail, self.evidence(evidence_of or iri, source))

    def newest(self, org: str | None = None) -> int | None:
        """The year of the newest source (about an organisation's roles): what "now" means."""
        if org not in self._newest:
            rows = self.run("newest", org=NamedNode(org) if org else None)
            self._newest[org] = int(rows[0]["newest"].value) if rows and "newest" in rows[0] else None
        return self._newest[org]


def certainty_of(evidence: list[Evidence]) -> str | None:
    """How sure the source is ('believed', 'reported'), when any piece of its evidence is hedged."""
    return next((e.certainty for e in evidence if e.certainty != "stated"), None)


def hedge_of(evidence: list[Evidence]) -> str | None:
    """The source's hedge words, when any piece of its evidence carries one."""
    return next((e.hedge for e in evidence if e.hedge), None)


def _voice(r: dict[str, Any]) -> str:
    """Who the article says said it; its own voice reads as "the article itself"."""
    who = r["attributedTo"].value
    if who.startswith(ID + "voice/"):
        return "the related headline" if ".headline-" in who else "the article itself"
    return value(r, "attributedToLabel") or who
