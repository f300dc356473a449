"""Answer plain questions from the graph, through the named queries, with the evidence.

    question -> kg.question.parse (family, years, ordinals, measures)
             -> entity linking through the lookup index (any name or alias in the graph)
             -> named queries from queries/ with bound parameters
             -> answers, each with the source's own words

Never guesses: a fact the graph lacks is `not_stated`, with what is known around it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable

from pyoxigraph import Literal, NamedNode, Store

from kg import names
from kg import query as q
from kg.answer import (
    Answer,
    Evidence,
    Item,
    _date,
    _gaps,
    _join,
    _local,
    _present_tense,
    _role_filter,
    _stat_detail,
    _stat_value,
    _term_detail,
    _victim_detail,
    _voice,
)
from kg.errors import UsageError
from kg.names import ordinal
from kg.project import Project
from kg.question import EXAMPLES, MAX_CHARS, Parsed, parse
from kg.vocab import KGO, camel

ORG_TYPES = {KGO + t for t in ("Organization", "ArmedGroup", "MilitaryCommand", "ArmedForce", "Coalition", "NewsAgency")}
PLACE_TYPES = {KGO + t for t in ("Place", "Country", "Region")}
STOP = {"who", "what", "when", "where", "which", "how", "is", "was", "the", "a", "an", "of", "in", "did",
        "does", "do", "to", "by", "for", "and", "or", "on", "at", "as", "many", "much", "led", "lead"}
MEASURE_LABEL = {
    "attacks_claimed": "attacks claimed", "attacks": "attacks", "missions": "missions",
    "operatives_killed": "operatives killed", "operatives_detained": "operatives detained or captured",
    "senior_leaders_killed": "senior leaders killed", "senior_leaders_captured": "senior leaders captured",
    "fighters_at_large": "fighters at large", "people_abducted": "people abducted",
}
RELATED_MEASURE = {"attacks": "attacks_claimed", "attacks_claimed": "attacks"}


@dataclass
class Mention:
    text: str
    iri: str
    label: str
    types: set[str]


class Asker:
    def __init__(self, backend: q.Backend | Store, project: Project) -> None:
        self.backend, self.project = q.as_backend(backend), project
        self._queries = q.named_queries(project)

    # --- plumbing -------------------------------------------------------------------------

    def run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return q.run_text(self.backend, self._queries[name].text, params).rows

    def evidence(self, iri: str) -> list[Evidence]:
        out = []
        for r in self.run("evidence", node=NamedNode(iri)):
            out.append(Evidence(
                quote=r["quote"].value, source=r["articleLabel"].value,
                sentence=int(r["sentence"].value) if "sentence" in r else None,
                attributed_to=_voice(r),
                headline=int(r["headline"].value) if "headline" in r else None))
        return out

    def item(self, label: str, iri: str, detail: str, evidence_of: str | None = None) -> Item:
        return Item(label, iri, detail, self.evidence(evidence_of or iri))

    def link(self, parsed: Parsed) -> list[Mention]:
        """Longest runs of the question's words that name something in the graph."""
        tokens = [t.removesuffix("'s").removesuffix("’s") for t in re.findall(r"[\w][\w.'’-]*", parsed.text)]
        tokens = [t.rstrip(".") if not re.fullmatch(r"(?:\w\.)+", t) else t for t in tokens]
        found, used = [], set()
        for size in range(min(7, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                span = set(range(start, start + size))
                if span & used:
                    continue
                words = tokens[start:start + size]
                if all(w.lower() in STOP and not (w.isupper() and len(w) > 1) for w in words):
                    continue  # "who is" is not a name; "IS" may be
                if size == 1 and len(re.sub(r"\W", "", words[0])) <= 3 and not words[0].isupper() and not words[0].isdigit():
                    continue  # "is", "us", "ap" are words; "IS", "US", "AP" are names
                matches = self._lookup(" ".join(words))
                if matches:
                    used |= span
                    found.append((start, [Mention(" ".join(words), iri, label, types) for iri, label, types in matches]))
        found.sort(key=lambda f: f[0])
        return [m for _, ms in found for m in ms]

    def _lookup(self, text: str) -> list[tuple[str, str, set[str]]]:
        key = names.normalize(text)
        if not key:
            return []
        if isinstance(self.backend, q.LocalStore):
            return self._lookup_local(self.backend.store, key)
        rows = self.run("lookup", key=Literal(key))
        exact = [r for r in rows if r["match"].value == "name"] or [r for r in rows if r["match"].value == "surname"]
        merged: dict[str, tuple[str, set[str]]] = {}
        for r in exact:
            label, types = merged.setdefault(r["node"].value, (r["label"].value, set()))
            types.add(r["type"].value)
        return [(iri, label, types) for iri, (label, types) in merged.items()]

    def _lookup_local(self, store: Any, key: str) -> list[tuple[str, str, set[str]]]:
        """lookup.rq's answer straight from the store's indexes. The union of per-article graphs
        repeats a hub entity's triples once per article, which makes the join in SPARQL cost
        (articles)^3 rows; index probes with sets cost a few microseconds."""
        term = Literal(key)
        for prop in (KGO + "lookupKey", KGO + "surnameKey"):
            nodes = sorted({q.subject.value for q in store.quads_for_pattern(None, NamedNode(prop), term, None)})
            if nodes:
                break
        out = []
        for iri in nodes:
            node = NamedNode(iri)
            types = {q.object.value for q in store.quads_for_pattern(node, _TYPE, None, None)}
            labels = sorted({q.object.value for q in store.quads_for_pattern(node, _LABEL, None, None)})
            if labels:
                out.append((iri, labels[0], types))
        return out

    def newest_year(self) -> int | None:
        rows = self.run("newest")
        return int(rows[0]["newest"].value[:4]) if rows and "newest" in rows[0] else None

    # --- answering ------------------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        if not question or not question.strip():
            raise UsageError("the question is empty; e.g. kg ask \"who led ISIS in 2019?\"")
        if len(question) > MAX_CHARS:
            raise UsageError(f"the question is {len(question):,} characters; ask in at most {MAX_CHARS}")
        parsed = parse(question)
        mentions = self.link(parsed)
        if not parsed.family and mentions and len(parsed.norm.split()) <= len(mentions[0].text.split()) + 2:
            parsed.family = "profile"  # a bare name: show what the graph knows about it
        handler: Callable[[Parsed, list[Mention]], Answer] | None = getattr(self, f"_{parsed.family}", None)
        if handler is None:
            return self.not_understood(parsed.text)
        return handler(parsed, mentions)

    def not_understood(self, question: str, note: str = "") -> Answer:
        close = difflib.get_close_matches(question.lower(), EXAMPLES, n=3, cutoff=0.0)
        return Answer(question, "not_understood", note=note, suggestions=close)

    @staticmethod
    def _pick(mentions: list[Mention], types: set[str]) -> Mention | None:
        return next((m for m in mentions if m.types & types), None)

    def _need(self, parsed: Parsed, mentions: list[Mention], types: set[str], what: str) -> Mention:
        found = self._pick(mentions, types)
        if found is None:
            raise _NotUnderstood(f"Name the {what} (any name or alias in the graph).")
        return found

    # Leadership -----------------------------------------------------------------------------

    def _leader(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        org = self._need(parsed, mentions, ORG_TYPES, "organisation")
        newest = self.newest_year()
        year = parsed.year
        if year is None and (parsed.now or _present_tense(parsed.norm)):
            year = newest
        if year is None:
            return self._succession(parsed, mentions)
        rows = self.run("leaders", org=NamedNode(org.iri), year=Literal(str(year), datatype=_INT))
        rows = _role_filter(rows, parsed.norm)
        if not rows:
            note = self._succession_note(org)
            if newest is not None and year > newest:
                note = f"The newest source reports up to {newest}. " + note
            return Answer(parsed.text, "not_stated", note=f"For {org.label} in {year}: {note}".strip())
        items = [self.item(r["holderLabel"].value, r["holder"].value, _term_detail(r, org.label),
                           r["term"].value) for r in rows]
        note = f"(\"now\" means as of the newest source, {newest}.)" if parsed.year is None else ""
        return Answer(parsed.text, "answered", items, note=note)

    def _succession_rows(self, org: Mention) -> list[dict[str, Any]]:
        return self.run("succession", org=NamedNode(org.iri))

    def _succession_note(self, org: Mention) -> str:
        rows = [r for r in self._succession_rows(org) if r["role"].value != "commander"]
        if not rows:
            return f"The graph has no leadership terms for {org.label}."
        known = "; ".join(f"{r['holderLabel'].value}: {_term_detail(r, org.label)}" for r in rows)
        gaps = _gaps([int(r["ordinal"].value) for r in rows if "ordinal" in r])
        gap_text = f" The {gaps} {rows[0]['role'].value}s are not named in the sources." if gaps else ""
        return f"Known: {known}.{gap_text}"

    def _succession(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        org = self._need(parsed, mentions, ORG_TYPES, "organisation")
        rows = self._succession_rows(org)
        if not rows:
            return Answer(parsed.text, "not_stated", note=f"The graph has no leadership terms for {org.label}.")
        items = [self.item(r["holderLabel"].value, r["holder"].value, _term_detail(r, org.label), r["term"].value)
                 for r in rows]
        gaps = _gaps([int(r["ordinal"].value) for r in rows if "ordinal" in r])
        return Answer(parsed.text, "answered", items,
                      note=f"The {gaps} {rows[0]['role'].value}s are not named in the sources." if gaps else "")

    def _nth_leader(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        org = self._need(parsed, mentions, ORG_TYPES, "organisation")
        rows = [r for r in self._succession_rows(org) if "ordinal" in r]
        rows = _role_filter(rows, parsed.norm)
        wanted = parsed.ordinal
        if wanted == -1 and rows:
            wanted = max(int(r["ordinal"].value) for r in rows)
        hits = [r for r in rows if int(r["ordinal"].value) == wanted]
        if not hits:
            return Answer(parsed.text, "not_stated", note=self._succession_note(org))
        return Answer(parsed.text, "answered", [
            self.item(r["holderLabel"].value, r["holder"].value, _term_detail(r, org.label), r["term"].value)
            for r in hits])

    def _person_terms(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        person = self._need(parsed, mentions, {KGO + "Person"}, "person")
        rows = self.run("terms-of-person", person=NamedNode(person.iri))
        org = self._pick(mentions, ORG_TYPES)
        if org:
            rows = [r for r in rows if r["org"].value == org.iri]
        if not rows:
            return Answer(parsed.text, "not_stated", note=f"The graph has no roles held by {person.label}.")
        return Answer(parsed.text, "answered", [
            self.item(person.label, person.iri, _term_detail(r, r["orgLabel"].value), r["term"].value)
            for r in rows])

    _which_ruler = _person_terms

    def _succession_neighbour(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        person = self._need(parsed, mentions, {KGO + "Person"}, "person")
        terms = [r for r in self.run("terms-of-person", person=NamedNode(person.iri)) if "ordinal" in r]
        if not terms:
            return Answer(parsed.text, "not_stated", note=f"The graph has no numbered role for {person.label}.")
        items, notes = [], []
        for term in terms:
            org = Mention(term["orgLabel"].value, term["org"].value, term["orgLabel"].value, set())
            n = int(term["ordinal"].value)
            target = n - 1 if parsed.direction == "before" else n + 1
            rows = [r for r in self._succession_rows(org) if "ordinal" in r
                    and int(r["ordinal"].value) == target and r["role"].value == term["role"].value]
            if rows:
                items += [self.item(r["holderLabel"].value, r["holder"].value, _term_detail(r, org.label),
                                    r["term"].value) for r in rows]
            elif target >= 1:
                notes.append(f"{person.label} was the {ordinal(n)} {term['role'].value} of {org.label}; "
                             f"the sources do not name the {ordinal(target)}. {self._succession_note(org)}")
            else:
                notes.append(f"{person.label} was the first {term['role'].value} of {org.label}; "
                             "no one came before.")
        return Answer(parsed.text, "answered" if items else "not_stated", items, note=" ".join(notes))

    # Deaths, operations, victims ---------------------------------------------------------

    def _victim_rows(self, person: Mention | None) -> list[dict[str, Any]]:
        return self.run("victims", **({"victim": NamedNode(person.iri)} if person else {}))

    def _death(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        person = self._pick(mentions, {KGO + "Person"})
        rows = [r for r in self._victim_rows(person) if r["kind"].value == "killed"]
        org = self._pick(mentions, ORG_TYPES)
        if person is None and org is not None:
            rows = [r for r in rows if org.label in r.get("perpetrators", Literal("")).value]
        if not rows:
            who = person.label if person else "anyone"
            return Answer(parsed.text, "not_stated", note=f"The graph has no killing of {who}"
                          + (f" by {org.label}." if org and not person else "."))
        items = []
        for r in rows:
            when = _date(r)
            parts = [f"killed in {when}" if when else "killed (the sources do not say when)"]
            if "operationLabel" in r:
                parts.append(f"in {r['operationLabel'].value}")
                actors = self._operation_actors(r["operation"].value)
                if actors:
                    parts.append(f"conducted by {actors}")
            if "perpetrators" in r and r["perpetrators"].value:
                parts.append(f"by {r['perpetrators'].value}")
            if parsed.aspect == "where":
                parts.append("the sources do not say where")
            items.append(self.item(r["victimLabel"].value, r["victim"].value, ", ".join(parts), r["event"].value))
        if parsed.aspect == "where":
            return Answer(parsed.text, "not_stated", items, note="No place of death is stated.")
        if parsed.aspect == "operation" and not any("operationLabel" in r for r in rows):
            return Answer(parsed.text, "not_stated", items, note="No operation is named for this killing.")
        return Answer(parsed.text, "answered", items)

    def _operation_actors(self, iri: str) -> str:
        rows = self.run("operations", operation=NamedNode(iri))
        return rows[0]["conductedBy"].value if rows and rows[0].get("conductedBy") and rows[0]["conductedBy"].value else ""

    def _operation_rows(self, mentions: list[Mention]) -> list[dict[str, Any]]:
        op = self._pick(mentions, {KGO + "MilitaryOperation"})
        return self.run("operations", **({"operation": NamedNode(op.iri)} if op else {}))

    def _operation_named(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        rows = [r for r in self._operation_rows(mentions) if "honoured" in r]
        if not rows:
            return Answer(parsed.text, "not_stated", note="No operation in the graph is named in honour of anyone.")
        return Answer(parsed.text, "answered", [
            self.item(r["honouredLabel"].value, r["honoured"].value,
                      f"{r['name'].value} was named in honour of {r['honouredLabel'].value}", r["operation"].value)
            for r in rows])

    def _operation_actor(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        items = []
        for r in self._operation_rows(mentions):
            actors = r["conductedBy"].value or r["participants"].value
            if actors:
                when = _date(r)
                items.append(self.item(actors, r["operation"].value,
                                       f"carried out {r['name'].value}" + (f" ({when})" if when else ""),
                                       r["operation"].value))
        if not items:
            return Answer(parsed.text, "not_stated", note="The graph does not say who carried it out.")
        return Answer(parsed.text, "answered", items)

    def _operations(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        items = []
        for r in self.run("operations"):
            bits = [v for v in (_date(r), _join("by", r.get("conductedBy")), _join("with", r.get("participants")),
                                _join("against", r.get("targets")), _join("in", r.get("places")),
                                _join("named in honour of", r.get("honouredLabel"))) if v]
            items.append(self.item(r["name"].value, r["operation"].value, ", ".join(bits)))
        return Answer(parsed.text, "answered" if items else "not_stated", items)

    def _captivity(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        person = self._pick(mentions, {KGO + "Person"})
        org = self._pick(mentions, ORG_TYPES)
        rows = [r for r in self._victim_rows(person) if r["kind"].value in ("captured", "held captive")]
        if org is not None:
            rows = [r for r in rows if org.label in r.get("perpetrators", Literal("")).value]
        if not rows:
            return Answer(parsed.text, "not_stated", note="The graph has no such capture or captivity.")
        return Answer(parsed.text, "answered", [
            self.item(r["victimLabel"].value, r["victim"].value, _victim_detail(r), r["event"].value) for r in rows])

    def _victim_detail(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        person = self._need(parsed, mentions, {KGO + "Person"}, "person")
        if parsed.aspect == "age":
            rows = [r for r in self.run("descriptions", person=NamedNode(person.iri)) if "age" in r]
            if not rows:
                return Answer(parsed.text, "not_stated", note=f"No age is given for {person.label}.")
            return Answer(parsed.text, "answered", [
                self.item(person.label, person.iri, f"described as {r['age'].value} years old",
                          r["description"].value) for r in rows])
        rows = [r for r in self._victim_rows(person) if r["kind"].value == "held captive"]
        if not rows:
            return Answer(parsed.text, "not_stated", note=f"No captivity of {person.label} is in the graph.")
        return Answer(parsed.text, "answered", [
            self.item(person.label, person.iri, _victim_detail(r), r["event"].value) for r in rows])

    # Command, statements -----------------------------------------------------------------

    def _command(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        person = self._pick(mentions, {KGO + "Person"})
        org = self._pick(mentions, ORG_TYPES)
        if person is None and org is None:
            raise _NotUnderstood("Name the organisation or the person.")
        params = {"person": NamedNode(person.iri)} if person else {"org": NamedNode(org.iri)}
        rows = self.run("commanders", **params)
        if not rows:
            return Answer(parsed.text, "not_stated",
                          note=f"The graph has no commander of {org.label}." if org else f"The graph has no command held by {person.label}.")
        return Answer(parsed.text, "answered", [
            self.item(r["personLabel"].value, r["person"].value, f"commander of {r['orgLabel'].value}"
                      + (f" (since {r['start'].value})" if "start" in r else ""), r["term"].value) for r in rows])

    def _said(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        speaker = self._pick(mentions, {KGO + "Person"} | ORG_TYPES)
        rows = self.run("statements", **({"speaker": NamedNode(speaker.iri)} if speaker else {}))
        if not rows:
            return Answer(parsed.text, "not_stated", note="The graph has no statement by them.")
        return Answer(parsed.text, "answered", [
            self.item(r["speakerLabel"].value, r["speaker"].value, f"said: \"{r['text'].value}\""
                      + (f" ({r['speakerRole'].value})" if "speakerRole" in r else ""), r["statement"].value)
            for r in rows])

    # Numbers -----------------------------------------------------------------------------

    def _numbers(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        if parsed.measure is None:
            raise _NotUnderstood("Say what to count: attacks, missions, operatives killed, detained, "
                                 "senior leaders killed or captured, fighters at large.")
        places = {m.iri for m in mentions if m.types & PLACE_TYPES and not m.types & ORG_TYPES - PLACE_TYPES}
        places |= {m.iri for m in mentions if m.label in ("Iraq", "Syria")}
        both = re.search(r"\bboth\b|\bcombined\b|\btogether\b|\bin total\b|\btotal\b", parsed.norm) is not None
        stats = self.run("statistics")
        by_measure = [r for r in stats if r["measure"].value == KGO + camel(parsed.measure)]
        if not by_measure and parsed.measure in RELATED_MEASURE:
            by_measure = [r for r in stats if r["measure"].value == KGO + camel(RELATED_MEASURE[parsed.measure])]
        rows = [r for r in by_measure if self._period_fits(r, parsed)]
        for r in by_measure:
            self._with_places(r)
        if places:
            exact = [r for r in rows if r["placeIris"] == places]
            wider = [r for r in rows if r["placeIris"] > places]
            if not exact:
                context = "; ".join(f"{_stat_value(r)} in {r['places'].value}, {r['periodLabel'].value}" for r in wider)
                return Answer(parsed.text, "not_stated",
                              note="No figure for that place alone." + (f" The sources give {context}." if context else ""))
            rows = exact
        elif not both:
            rows = [r for r in rows if "total" not in r] or rows
        if not rows:
            known = "; ".join(f"{_stat_value(r)} ({r['periodLabel'].value})" for r in by_measure)
            return Answer(parsed.text, "not_stated", note=f"No figure for {MEASURE_LABEL[parsed.measure]} in that period."
                          + (f" Known: {known}." if known else ""))
        items = []
        for r in rows:
            breakdown = [self._with_places(b) for b in stats if b.get("total") and b["total"].value == r["stat"].value]
            detail = _stat_detail(r)
            if breakdown:
                detail += "; of which " + ", ".join(f"{b['places'].value} {_stat_value(b)}" for b in breakdown)
            items.append(self.item(_stat_value(r), r["stat"].value, detail))
        return Answer(parsed.text, "answered", items)

    def _period_fits(self, row: dict[str, Any], parsed: Parsed) -> bool:
        label = row["periodLabel"].value
        if parsed.half and "first six months" not in label:
            return False
        if not parsed.years:
            return True
        match = re.search(r"\d{4}", label)
        return bool(match) and int(match.group()) in parsed.years

    def _with_places(self, row: dict[str, Any]) -> dict[str, Any]:
        """Add a statistic's place IRIs and a stable place wording ("Iraq and Syria", whatever
        order the engine's GROUP_CONCAT gave), from one places-of query."""
        if "placeIris" not in row:
            found = self.run("places-of", node=row["stat"])
            row["placeIris"] = {r["place"].value for r in found}
            row["places"] = Literal(" and ".join(sorted({r["label"].value for r in found})))
        return row

    def _projection(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        rows = self.run("projections")
        if not rows:
            return Answer(parsed.text, "not_stated", note="The graph has no projections.")
        return Answer(parsed.text, "answered", [
            self.item(f"{r['measureLabel'].value}: {r['wording'].value if 'wording' in r else ''}".strip(),
                      r["projection"].value,
                      f"{r['bound'].value if 'bound' in r else ''} {r['factor'].value}× {r['comparedToLabel'].value} in "
                      f"{r['periodLabel'].value} ({r['certainty'].value}"
                      + (f", according to {r['reporterLabel'].value})" if "reporterLabel" in r else ")"))
            for r in rows])

    # Partners, campaigns, profiles, aliases ----------------------------------------------

    def _partners(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        rows = [r for r in self.run("campaigns") if r["kind"].value in ("partnership", "missions")]
        if not rows:
            return Answer(parsed.text, "not_stated")
        return Answer(parsed.text, "answered", [
            self.item(r["actors"].value, r["fact"].value,
                      f"{'took part in' if r['kind'].value == 'missions' else 'partners in'} "
                      f"{r['contextLabel'].value if 'contextLabel' in r else 'joint efforts'}")
            for r in rows])

    def _campaign(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        org = self._pick(mentions, ORG_TYPES)
        rows = [r for r in self.run("campaigns") if r["kind"].value == "campaign"]
        if org:
            rows = [r for r in rows if org.label in r["targets"].value or org.label in r["actors"].value]
        if not rows:
            return Answer(parsed.text, "not_stated", note="The graph has no such campaign.")
        return Answer(parsed.text, "answered", [
            self.item(r["actors"].value, r["fact"].value,
                      f"targeting {r['targets'].value}" + (f" in {r['places'].value}" if r["places"].value else "")
                      + (f" since {r['start'].value}" if "start" in r else "")) for r in rows])

    def _profile(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        if not mentions:
            raise _NotUnderstood("Name someone or something in the graph.")
        return self.profile(mentions[0], parsed.text)

    def profile(self, m: Mention, question: str) -> Answer:
        items = [self.item(m.label, m.iri, ", ".join(sorted(_local(t) for t in m.types)))]
        for r in self.run("mentions", node=NamedNode(m.iri)):
            items.append(self.item(r["factLabel"].value, r["fact"].value,
                                   f"{r['type'].value} ({m.label}: {r['roleLabel'].value})"
                                   + ("" if r["certainty"].value == "stated" else f" ({r['certainty'].value})")))
        return Answer(question, "answered", items)

    def _aliases(self, parsed: Parsed, mentions: list[Mention]) -> Answer:
        if not mentions:
            raise _NotUnderstood("Name the entity.")
        m = mentions[0]
        rows = self.run("aliases", node=NamedNode(m.iri))
        names_ = sorted({(r["name"].value, r["kind"].value) for r in rows})
        detail = "; ".join(f"{n} ({k})" for n, k in names_)
        return Answer(parsed.text, "answered", [self.item(m.label, m.iri, f"also known as: {detail}")])


_INT = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


class _NotUnderstood(Exception):
    pass


def ask(question: str, backend: Any, project: Project) -> Answer:
    """Answer one question; never raises for questions it cannot parse (status says so)."""
    asker = Asker(backend, project)
    try:
        return asker.ask(question)
    except _NotUnderstood as exc:
        return asker.not_understood(question.strip(), str(exc))


def show(name: str, backend: Any, project: Project) -> Answer:
    """Everything the graph says about one entity (kg show)."""
    asker = Asker(backend, project)
    matches = asker._lookup(name)
    if not matches:
        raise UsageError(f"'{name}': no entity of that name in the graph")
    if len(matches) > 1:
        raise UsageError(f"'{name}' is ambiguous: " + "; ".join(f"{l} <{i}>" for i, l, _ in matches))
    iri, label, types = matches[0]
    return asker.profile(Mention(name, iri, label, types), name)


def leaders(org_name: str, backend: Any, project: Project) -> tuple[str, list[list[str]], str]:
    """The succession as a timeline table, gaps shown as gaps (kg leaders)."""
    asker = Asker(backend, project)
    matches = [m for m in asker._lookup(org_name) if m[2] & ORG_TYPES]
    if not matches:
        raise UsageError(f"'{org_name}': no organisation of that name in the graph")
    iri, label, types = matches[0]
    rows = asker._succession_rows(Mention(org_name, iri, label, types))
    table: list[list[str]] = []
    last = 0
    for r in sorted(rows, key=lambda r: (r["role"].value, int(r["ordinal"].value) if "ordinal" in r else 0)):
        n = int(r["ordinal"].value) if "ordinal" in r else 0
        if n and n - last > 1:
            gap = ordinal(last + 1) if n - last == 2 else f"{ordinal(last + 1)}–{ordinal(n - 1)}"
            table.append([gap, "(not named in the sources)", "", "", ""])
        last = n or last
        ended = r["endedByLabel"].value if "endedByLabel" in r else ""
        name = r["holderLabel"].value + (f" ({r['hedge'].value})" if "hedge" in r else "")
        table.append([ordinal(n) if n else "-", name, r["start"].value if "start" in r else "?",
                      r["end"].value if "end" in r else ("?" if "start" not in r else "(in office)"), ended])
    return label, table, ""
