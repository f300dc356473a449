"""Events: operations (who, when, named after whom), sentencings, declarations, campaigns,
foundings; and what every event question shares (kg.ask.families.victims for deaths and
captures)."""

from __future__ import annotations

from typing import Any

from pyoxigraph import NamedNode

from kg import names
from kg.ask.answer import ANSWERED, NOT_STATED, Answer, Item
from kg.ask.context import Context, period_params, period_words
from kg.ask.link import AGENT, ORG, PERSON, PLACE, Entity
from kg.ask.question import Question
from kg.ask.words import duration, sorted_join, value, when
from kg.vocab import KGO

OPERATIONS = frozenset({"MilitaryOperation"})
CARRIED_OUT = r"\b(carried out|conducted|conducts|launched|performed|behind|who ran|attacked|stormed)\b"


def kind(name: str) -> NamedNode:
    return NamedNode(KGO + name)


def iri(entity: Entity | None) -> NamedNode | None:
    return NamedNode(entity.iri) if entity else None


def reports(ctx: Context, rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by event, in the query's order: each row is one source's report."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(r["event"].value, []).append(r)
    return out


def roles(ctx: Context, event: str) -> dict[str, list[str]]:
    """Who took part in an event, by role (perpetrator, conductedBy...), and its places."""
    out: dict[str, list[str]] = {}
    for r in ctx.run("event-roles", event=NamedNode(event)):
        out.setdefault(r["role"].value[len(KGO):], []).append(r["agentLabel"].value)
    return {k: sorted(set(v), key=str.casefold) for k, v in out.items()}


def evidence_of(ctx: Context, event: str, rows: list[dict[str, Any]]) -> list:
    seen, out = set(), []
    for r in rows:
        if r["source"].value not in seen:
            seen.add(r["source"].value)
            out += ctx.evidence(event, r["source"].value)
    return out + denials(ctx, event)


def denials(ctx: Context, event: str) -> list:
    """The words of the statements that deny the event ('The Front denied that X was dead'),
    shown beside the claim's, never in its place: Context.denied says which they are."""
    out = []
    for r in ctx.run("denials", event=NamedNode(event)):
        for e in ctx.evidence(r["statement"].value):
            ctx.denied.append((r["speakerLabel"].value, e))
            out.append(e)
    return out


def say_denials(ctx: Context, answer: Answer) -> None:
    """An item that carries a denial says so, with how firmly the rest of its evidence
    states it: 'killed ... (claimed; denied by the Front)'."""
    for item in answer.answers:
        denied = [(who, e) for who, e in ctx.denied if e in item.evidence]
        if not denied:
            continue
        sure = {e.certainty for e in item.evidence if all(e != d for _, d in denied)}
        how = "" if "stated" in sure or not sure else " or ".join(sorted(sure)) + "; "
        item.detail += f" ({how}denied by {sorted_join(who for who, _ in denied)})"


def dates(rows: list[dict[str, Any]]) -> str:
    """The dates the sources give, once each: '2019' and '2019-10-27' agree (the precise one
    is shown); '2018' and '2019' do not ('2018 or 2019')."""
    found = sorted({when(r) for r in rows if when(r)}, key=lambda d: (-len(d), d))
    kept: list[str] = []
    for d in found:
        if not any(k.startswith(d) or _span_agrees(k, d) for k in kept):
            kept.append(d)
    return " or ".join(sorted(kept))


def _span_agrees(a: str, b: str) -> bool:
    """'2002-02-23–2008-07-02' agrees with '2002–2008-07': each end a prefix of the other's."""
    ends_a, ends_b = a.split("–"), b.split("–")
    return len(ends_a) == len(ends_b) == 2 and all(x.startswith(y) for x, y in zip(ends_a, ends_b, strict=True))


OF = {"Killing": " of death", "Capture": " of capture", "Captivity": " of captivity"}


def gap(aspect: str | None, reported: list[dict[str, Any]], who: dict[str, list[str]]) -> str | None:
    """What the question's aspect asks that this event's sources do not state (None: stated).
    A 'where' is answered only by a stated place, a 'when' by a stated date, and so on."""
    r = reported[0]
    kind_ = r["kind"].value[len(KGO):]
    subject, event = value(r, "victimLabel") or r["label"].value, r["label"].value
    if aspect == "where" and not who.get("place"):
        return f"No place{OF.get(kind_, '')} is stated for {subject}."
    if aspect == "when" and not dates(reported):
        return f"No date{OF.get(kind_, '')} is stated for {subject}."
    if aspect == "by_whom" and not (who.get("perpetrator") or who.get("conductedBy") or who.get("participant")
                                    or value(r, "partOfLabel")):
        return f"The sources do not say who was behind the {event}."
    if aspect == "start" and not (value(r, "start") or value(r, "date")):
        return f"When the {event} began is not stated."
    if aspect == "operation" and kind_ != "MilitaryOperation" and not value(r, "partOfLabel"):
        return f"No operation is named for the {event}."
    if aspect == "duration" and not any(duration(x) or ("start" in x and "end" in x) for x in reported):
        return f"How long is not stated for the {event}."
    return None


def told(ctx: Context, items: list[Item]) -> list[Item]:
    """The items a note may name beside an answer: under 'according to X' (Context.voice) only
    those X's own words state. An item left with no words of X's, or only X's denial, is
    another source's: named in the note, it would read as X's."""
    if ctx.voice is None:
        return items
    denied = [e for _, e in ctx.denied]
    return [i for i in items if any(e not in denied for e in i.evidence)]


def told_events(ctx: Context, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of events X's own words state, under 'according to X' (see told)."""
    if ctx.voice is None:
        return rows
    return [r for r in rows if ctx.evidence(r["event"].value, r["source"].value)]


def settle(q: Question, found: list[tuple[Item, str | None]]) -> Answer:
    """Answered with the events that state what the question asks; when none does, the
    sources do not say, and what is known about those events is told."""
    stated = [item for item, missing in found if missing is None]
    gaps = " ".join(missing for _, missing in found if missing)
    if stated:
        return Answer(q.text, ANSWERED, stated, note=gaps)
    known = "; ".join(f"{item.label}: {item.detail}" for item in told(q.ctx, [item for item, _ in found]))
    return Answer(q.text, NOT_STATED, note=f"{gaps} Known: {known}." if known else gaps)


def fetch(q: Question, kinds: list[str], **params: Any) -> list[dict[str, Any]]:
    """The events of these kinds the parameters select; bound to the question's month, only
    those on its day when it names one."""
    rows = []
    for k in kinds:
        rows += q.ctx.run("events", kind=kind(k), **params)
    day, period = q.parsed.day, q.parsed.period
    if day and period and params.get("from") is not None and params["from"] == period_params(period)["from"]:
        q.apply("day")
        rows = [r for r in rows if _on(r, day)]
    return rows


def _on(r: dict[str, Any], day: str) -> bool:
    """Dated that day, or a span that surely runs over it: each end stated to the day, or
    to a month or a year wholly before (after) it ('2023-05' to '2025-09-30' runs over 30
    September 2025; '2025-09' to '2025-10' may have begun after 15 September)."""
    date, start, end = value(r, "date"), value(r, "start"), value(r, "end")
    if date:
        return date == day
    if not (start and end):
        return False
    began = start <= day if len(start) == 10 else start < day[:len(start)]
    ended = end >= day if len(end) == 10 else end > day[:len(end)]
    return began and ended


def period_of(q: Question) -> dict[str, Any]:
    """The question's year, decade, half-year or month as the events query's from/to."""
    if q.parsed.period is None:
        return {}
    q.apply("period")
    return period_params(q.parsed.period)


def coarser(q: Question, kinds: list[str], params: dict[str, Any]) -> str:
    """Events of the period's year whose date is less precise than the period ('2019' for the
    first half of 2019): not known to fall in it, and said so."""
    period = q.parsed.period
    target = q.parsed.day or (period[0] if period and len(period[0]) > 4 else None)
    if period is None or target is None:
        return ""
    year = {**params, "from": period_params((period[0][:4], period[1][:4]))["from"],
            "to": period_params((period[0][:4], period[1][:4]))["to"]}
    rows = [r for r in fetch(q, kinds, **year) if len(when(r)) < len(target)
            and (len(period[0]) > 7 or target.startswith(when(r)) or len(when(r)) == 4)]
    dated = sorted({f"{value(r, 'victimLabel') or r['label'].value} ({when(r)})" for r in rows})
    return f" The date is given less precisely for: {'; '.join(dated)}." if dated else ""


PLACE_WORDS = ("in", "at", "near", "inside", "across")  # a country after them is where it happened
TARGET_WORDS = ("on", "against", "attacked", "stormed", "targeting", "targeted")  # whom it was aimed at


def scope(q: Question, params: dict[str, Any], what: str) -> str:
    parts = [what]
    labels = {e.iri: e.label for m in q.mentions for e in m.entities}
    for key, word in (("victim", "of"), ("actor", "by"), ("target", "against"), ("place", "in"), ("within", "in")):
        if params.get(key) is not None:
            parts.append(f"{word} {labels.get(params[key].value, params[key].value)}")
    if q.parsed.period is not None and params.get("from") is not None:
        parts.append(f"on {q.parsed.day}" if q.parsed.day else period_words(q.parsed.period))
    return " ".join(parts)


HAPPENED = r"\b(happen|happens|happened|occur|occurs|occurred|take place|took place|takes place)\b"
OPERATION_WORDS = r"\b(operations?|raids?|missions?|attacks?|strikes?|assaults?|ambush(es)?|bombings?|campaigns?)\b"
OTHER_EVENTS = ["Killing", "Capture", "Sentencing"]


def operations(q: Question) -> Answer:
    ctx, aspect = q.ctx, q.parsed.aspect
    op = q.take(OPERATIONS | frozenset({"Campaign"}))
    by, at = q.after("by"), q.after(*PLACE_WORDS)
    # whom it was aimed at: 'the attack on X', 'who attacked X', 'when was X attacked'
    on, passive = q.after(*TARGET_WORDS), q.before(*TARGET_WORDS) if q.parsed.has(r"\b(was|were|been)\b") else None
    target = q.take(AGENT | PLACE, where=lambda m: on(m) or bool(passive and passive(m)))
    actor = q.take(AGENT, where=by) or q.take(AGENT - {"Country"}, where=lambda m: not at(m))
    place = q.take(PLACE, where=at)
    actor = actor or q.take(frozenset({"Country"}))
    params: dict[str, Any] = {"event": iri(op), "actor": iri(actor), "place": iri(place or q.take(PLACE)),
                              "target": iri(target)}
    params.update(period_of(q))
    rows = fetch(q, ["MilitaryOperation"], **params)
    if not rows and target is not None and target.is_a(PLACE) and params["place"] is None:
        params.update(target=None, place=iri(target))  # 'the attack on the mall': the mall is where it was
        rows = fetch(q, ["MilitaryOperation"], **params)
    if op is None and q.parsed.has(HAPPENED) and not q.parsed.has(OPERATION_WORDS):
        rows += fetch(q, OTHER_EVENTS, **params)  # 'what happened in X': killings and captures too
    if not rows:
        return Answer(q.text, NOT_STATED, note=f"The graph has no {scope(q, params, 'operation')}.")
    found: list[tuple[Item, str | None]] = []
    asks_actor = aspect == "by_whom" or (aspect not in ("where", "when") and q.parsed.has(CARRIED_OUT))
    for event, reported in reports(ctx, rows).items():
        r = reported[0]
        who = roles(ctx, event)
        bits = [dates(reported), _role(who, "conductedBy", "by"), _role(who, "participant", "with"),
                _role(who, "target", "against"), _role(who, "place", "in"),
                f"named in honour of {r['honouredLabel'].value}" if value(r, "honouredLabel") else ""]
        actors = who.get("conductedBy") or who.get("participant")
        if asks_actor:
            if actors:
                found.append((Item(sorted_join(actors), event, f"carried out {r['label'].value}"
                                   + (f" ({dates(reported)})" if dates(reported) else ""),
                                   evidence_of(ctx, event, reported)), None))
            else:  # what is known of it, not 'X carried out X'
                found.append((Item(r["label"].value, event, ", ".join(b for b in bits if b),
                                   evidence_of(ctx, event, reported)),
                              f"The sources do not say who carried out {r['label'].value}."))
            continue
        found.append((Item(r["label"].value, event, ", ".join(b for b in bits if b), evidence_of(ctx, event, reported)),
                      gap(aspect, reported, who)))
    return settle(q, found)


def _role(who: dict[str, list[str]], role: str, word: str) -> str:
    return f"{word} {sorted_join(who[role])}" if who.get(role) else ""


def named_after(q: Question) -> Answer:
    ctx = q.ctx
    op = q.take(OPERATIONS)
    person = q.take(PERSON)
    rows = fetch(q, ["MilitaryOperation"], event=iri(op), honours=iri(person))
    rows = [r for r in rows if "honoured" in r]
    if not rows:
        what = op.label if op else "No operation in the graph"
        return Answer(q.text, NOT_STATED, note=f"{what} is not said to be named in honour of "
                      f"{person.label if person else 'anyone'}.")
    items = []
    for event, reported in reports(ctx, rows).items():
        r = reported[0]
        label, iri_ = (r["label"].value, event) if person else (r["honouredLabel"].value, r["honoured"].value)
        items.append(Item(label, iri_, f"{r['label'].value} was named in honour of {r['honouredLabel'].value}",
                          evidence_of(ctx, event, reported)))
    return Answer(q.text, ANSWERED, items)


def sentencing(q: Question) -> Answer:
    ctx = q.ctx
    params = {"victim": iri(q.take(PERSON)), "actor": iri(q.take(ORG)), **period_of(q)}
    rows = fetch(q, ["Sentencing"], **params)
    penalty = q.parsed.constraints.get("penalty")
    if penalty:  # the stated penalty holds every word the question gives ('to death', 'to life')
        q.apply("penalty")
        asked = set(penalty.split()) - {"a", "an", "the", "to", "of"}
        rows = [r for r in rows if asked <= set(names.words(value(r, "penalty") or ""))]
    if not rows:
        what = f"sentencing to {penalty}" if penalty else "sentencing"
        return Answer(q.text, NOT_STATED, note=f"The graph has no {scope(q, params, what)}.")
    found = []
    for event, reported in reports(ctx, rows).items():
        r = reported[0]
        who = roles(ctx, event)
        penalty = f"to {r['penalty'].value}" if value(r, "penalty") else ""
        detail = " ".join(b for b in ("sentenced", penalty, _role(who, "conductedBy", "by"), _role(who, "place", "in"),
                                      dates(reported)) if b)
        item = Item(value(r, "victimLabel") or r["label"].value, value(r, "victim") or event, detail,
                    evidence_of(ctx, event, reported))
        if q.parsed.aspect == "by_whom" and who.get("conductedBy"):  # 'who sentenced X': the court or state, not X
            item = Item(sorted_join(who["conductedBy"]), event, f"{r['label'].value}: {detail}", item.evidence)
        found.append((item, gap(q.parsed.aspect, reported, who)))
    return settle(q, found)


def declaration(q: Question) -> Answer:
    ctx = q.ctx
    params: dict[str, Any] = {"actor": iri(q.take(AGENT)), **period_of(q)}
    rows = fetch(q, ["Declaration"], **params)
    if not rows:
        return Answer(q.text, NOT_STATED, note=f"The graph has no {scope(q, params, 'declaration')}.")
    found = []
    for event, reported in reports(ctx, rows).items():
        r = reported[0]
        who = roles(ctx, event)
        detail = f"declared {value(r, 'declared') or ''}".strip()
        detail += f" in {dates(reported)}" if dates(reported) else ""
        detail += f", {_role(who, 'place', 'in')}" if who.get("place") else ""
        found.append((Item(sorted_join(who.get("conductedBy", [])) or r["label"].value, event, detail,
                           evidence_of(ctx, event, reported)), gap(q.parsed.aspect, reported, who)))
    return settle(q, found)


def campaign(q: Question) -> Answer:
    ctx = q.ctx
    op = q.take(OPERATIONS - {"Campaign"})
    if op is not None:  # 'who was the target of Operation X?': its targets, not a campaign
        return _targets(q, op)
    target = q.take(ORG - {"Country"})
    actor = q.take(AGENT)
    rows = fetch(q, ["Campaign"], target=iri(target), actor=iri(actor))
    if not rows:
        return Answer(q.text, NOT_STATED, note="The graph has no such campaign.")
    found = []
    for event, reported in reports(ctx, rows).items():
        who = roles(ctx, event)
        since = f"since {value(reported[0], 'start')}" if value(reported[0], "start") else ""
        detail = " ".join(b for b in (_role(who, "target", "targeting"), _role(who, "place", "in"), since) if b)
        found.append((Item(sorted_join(who.get("conductedBy", [])), event, detail, evidence_of(ctx, event, reported)),
                      gap(q.parsed.aspect, reported, who)))
    return settle(q, found)


def _targets(q: Question, op: Entity) -> Answer:
    found = []
    for event, reported in reports(q.ctx, fetch(q, ["MilitaryOperation"], event=iri(op))).items():
        who = roles(q.ctx, event)
        targets = who.get("target")
        missing = None if targets else f"The sources do not say whom or what {op.label} was aimed at."
        known = ", ".join(b for b in (dates(reported), _role(who, "conductedBy", "by"), _role(who, "place", "in")) if b)
        found.append((Item(sorted_join(targets or []) or op.label, event, f"target of {op.label}" if targets else known,
                           evidence_of(q.ctx, event, reported)), missing))
    return settle(q, found) if found else Answer(q.text, NOT_STATED, note=f"The graph has no {op.label}.")


def founded(q: Question) -> Answer:
    """Who founded an organisation, and when: its founders' terms (a founder's term begins
    with the founding)."""
    from kg.ask.families.leadership import merged, terms

    org = q.take(ORG)
    if org is None:
        return Answer(q.text, NOT_STATED, note="The graph records foundings only as founders of organisations.")
    founders = terms(q.ctx, org=NamedNode(org.iri), role=NamedNode(q.ctx.vocabulary.roles["founder"].iri))
    if q.parsed.aspect == "where":
        known = "; ".join(f"{i.label}: {i.detail}" for i in merged(q.ctx, founders))
        return Answer(q.text, NOT_STATED, note=f"No place of founding is stated for {org.label}."
                      + (f" Known: {known}." if known else ""))
    if q.parsed.aspect == "when":
        founders = [r for r in founders if "start" in r]
    if not founders:
        asked = f"when {org.label} was founded" if q.parsed.aspect == "when" else f"who founded {org.label}"
        return Answer(q.text, NOT_STATED, note=f"The graph does not say {asked}.")
    return Answer(q.text, ANSWERED, merged(q.ctx, founders))
