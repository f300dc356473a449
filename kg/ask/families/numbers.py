"""Numbers: how many of a measure, for a group, a place or area, a period, by a reporter;
with the bound, the hedge and whose figure it is; related measures when the asked one is
absent; group strength; projections."""

from __future__ import annotations

import calendar
import re
from typing import Any

from pyoxigraph import NamedNode

from kg.ask.answer import ANSWERED, NOT_STATED, Answer, Item
from kg.ask.context import Context, hedge_of, period_params, period_words, year_term
from kg.ask.link import AGENT, ORG, PLACE, Entity, Mention
from kg.ask.parse import measures_without
from kg.ask.question import TARGET_WORDS, VICTIM_VERBS, Missing, Question, against_group, only_filler
from kg.ask.words import figure, value
from kg.vocab import ID
from kg.vocabulary import Concept

# verbs whose doer is named just before them ('how many people did COUNTRY kill', 'did COUNTRY carry out')
DOING = VICTIM_VERBS | {"carry", "carried", "conduct", "conducted", "launch", "launched", "stage", "staged"}
TOTAL = r"\b(both|combined|together|in total|total|altogether|in all)\b"
REPORTER = r"\b(according to|reported by|report|reports|reported|say|says|said|figures? of|estimate)\b"


def area_of(places: list[Entity]) -> NamedNode | None:
    """The one place or area node a set of places is (kg builds area/<id>.<id> for several)."""
    if not places:
        return None
    if len(places) == 1:
        return NamedNode(places[0].iri)
    ids = sorted(p.iri.rsplit("/", 1)[-1] for p in places)
    return NamedNode(f"{ID}area/" + ".".join(ids))


def answer(q: Question) -> Answer:
    ctx, p = q.ctx, q.parsed
    measures = _measures(ctx, q)
    if not measures and not q.mentions:
        raise Missing("Say what to count: " + ", ".join(sorted(c.pref for c in ctx.vocabulary.measures.values())) + ".")
    if not measures:
        known = sorted(c.pref for c in ctx.vocabulary.measures.values())
        return Answer(q.text, NOT_STATED, note="The question names nothing the graph counts. It counts: "
                      + ", ".join(known) + ".")
    context = q.take(frozenset({"MilitaryOperation", "Campaign"}))
    target = None  # 'missions against X': X is the figure's group, whoever else the question names
    if "target" in p.constraints:
        target = q.take(ORG - {"Country"}, q.after(*TARGET_WORDS))
        q.apply("target")
        if target is not None and not against_group(p, ctx.vocabulary):
            what = " or ".join(m.pref for m in measures)
            return Answer(q.text, NOT_STATED, note=f"No figure counts {what} against {target.label}: a figure of "
                          f"{what} counts what its group did, not what was done to it.")
    reporter = _reporter(q)
    claimer = _reporter(q, follows="", precedes=CLAIMS) if reporter is None else None
    unheld = _unheld_source(q) if reporter is None and q.ctx.voice is None else ""
    org = q.take(ORG - {"Country"}) if target is None else None  # a group first: a country is more often the place
    if org is None and target is None:  # 'how many people did COUNTRY kill in X': named before the verb, the doer
        org = q.take(ORG, where=q.before(*DOING))
    places = q.take_all(PLACE)
    if org is None and target is None:
        org = q.take(ORG)
    params: dict[str, Any] = {"context": NamedNode(context.iri) if context else None}
    if p.period:
        params.update(period_params(p.period))
        q.apply("period")
    who: dict[str, Any] = {"subject": NamedNode(target.iri)} if target is not None else {}
    if org is not None:
        as_reporter = p.has(REPORTER) and reporter is None  # "how many missions did X report"
        who = {"reporter" if as_reporter else "subject": NamedNode(org.iri)}
    if reporter is not None:
        who["reporter"] = NamedNode(reporter.iri)
    if claimer is not None:
        measures, claim = _claim(q, measures, claimer, "subject" in who)
        who.update(claim)
    area = area_of(places)
    rows = _figures(ctx, measures, area=area, **params, **who)
    given_by = ""
    if not rows and org is not None and reporter is None and "subject" in who:  # "missions by X Command"
        rows = _figures(ctx, measures, area=area, **params, reporter=NamedNode(org.iri))
        what = " or ".join(m.pref for m in measures)
        given_by = f"No figure of {what} is about {org.label}; these are the figures it gives, with what each counts."
    if p.period:
        rows = [r for r in rows if _for_period(ctx, r, p.period)]
    kind = _victims_asked(q, measures)
    if kind and rows:
        q.apply("victims")
        counted = [r for r in rows if _counts(ctx, r, kind)]
        if not counted:
            return Answer(q.text, NOT_STATED, note=f"No figure the sources give counts {kind}. They give: "
                          + "; ".join(f"{figure(r)} ({describe(r, None)})" for r in _uniq(rows)) + ".")
        rows = counted
    if p.constraints.get("event"):  # 'the Mumbai attacks': figures that count an event's results
        q.apply("event")
        rows = [r for r in rows if value(r, "context")]
    note = ""
    if rows and p.now:  # 'now': the newest figure the sources give, labelled with its period
        q.apply("now")
        newest = max(value(r, "periodEnd") or "" for r in rows)
        rows = [r for r in rows if value(r, "periodEnd") == newest]
        note = f"(\"now\": the newest figure the sources give is for {rows[0]['periodLabel'].value}.)"
    if rows and p.year is not None:
        note = " ".join(filter(None, [note, _part_year(rows, p.year)]))
    note = " ".join(filter(None, [given_by if rows else "", unheld if rows else "", note]))
    if rows and p.tokens[0].word in ("who", "whom"):  # 'who estimated X's strength': whose the figures are
        return Answer(q.text, ANSWERED, [_reporter_item(ctx, r) for r in rows], note=note)
    if rows:
        return Answer(q.text, ANSWERED, _items(ctx, rows, p.has(TOTAL) or bool(places)), note=note)
    group = target or org
    whose = f" in {context.label}" if context is not None else ""
    if group is not None and "subject" in who and who["subject"].value == group.iri:
        tried_reporter = target is None and reporter is None  # 'missions by X': X's figures, too
        whose += f" about {group.label}" + (" or given by it" if tried_reporter else "")
    return _not_stated(q, measures, area, places, params, who, whose, kind)


# who a count of victims may be said to count ('how many soldiers were killed'): the noun after
# the number in the figure's quote must say so ('47 civilians' counts no soldiers)
VICTIM_NOUNS = {"soldier", "troop", "civilian", "police", "officer", "child", "woman", "student", "journalist",
                "worker", "pilgrim", "tourist", "foreigner", "hostage"}
PLURALS = {"children": "child", "women": "woman", "policemen": "police", "policeman": "police"}


def _noun(word: str) -> str:
    return PLURALS.get(word, word[:-1] if word.endswith("s") else word)


def _victims_asked(q: Question, measures: list[Concept]) -> str:
    """The kind of victims a count of victims is asked for ('soldiers'), or ''."""
    if not measures or any(m.kind != "Victims" for m in measures):
        return ""
    return q.parsed.constraints.get("victims") or next(
        (t.orig for t in q.parsed.tokens if _noun(t.word) in VICTIM_NOUNS), "")


def _counts(ctx: Context, r: dict[str, Any], kind: str) -> bool:
    """Whether the figure's quote says its number counts that kind of victim."""
    number = value(r, "value")
    if number is None:
        return False
    n = float(number)
    digits = "|".join(re.escape(d) for d in ({f"{int(n):,}", str(int(n))} if n.is_integer() else {str(number)}))
    pattern = rf"\b(?:{digits})\s+((?:[\w-]+\s+){{0,2}}[\w-]+)"
    wanted = _noun(kind.lower())
    for e in ctx.evidence(r["stat"].value):
        m = re.search(pattern, e.quote)
        if m and any(_noun(w.lower()) == wanted for w in m.group(1).split()):
            return True
    return False


def counting(ctx: Context, measures: list[Concept], kind: str, period: tuple[str, str] | None,
             by: str = "subjectLabel", **params: Any) -> list[Item]:
    """The figures of these measures whose quote counts that kind of victim ('27 schoolgirls'),
    each an answer labelled by what was asked (`by`: the group it is about, or its period or
    area for 'when' and 'where'), with who did it, where and when, as the figure says."""
    rows = [r for r in _figures(ctx, measures, **params, **period_params(period)) if _counts(ctx, r, kind)]
    items = []
    for r in rows:
        if period is None or _for_period(ctx, r, period):
            evidence = ctx.evidence(r["stat"].value)
            items.append(Item(value(r, by) or r["subjectLabel"].value, r["stat"].value,
                              f"{figure(r)} ({describe(r, hedge_of(evidence))})", evidence))
    return items


def _for_period(ctx: Context, r: dict[str, Any], period: tuple[str, str]) -> bool:
    """Whether a figure (the query keeps those within the period) is the period's: for the
    same months, or for any part of a year asked as a whole ('in 2024': the first six months
    of 2024, labelled so). A figure for part of a longer span ('since 2010', 'between 2020
    and 2024', 'in the first half of 2024') is not that span's figure: 'since 2021' is
    answered by a figure from 2021 that runs to the newest source about its group (not by
    2021's alone), 'before 2019' only by one that states no start."""
    start, end = period
    if start == end and len(start) == 4:
        return True
    first, last = _month(value(r, "periodStart") or "", 1), _month(value(r, "periodEnd") or "", 12)
    if start == "1500" and value(r, "periodStart"):
        return False
    if end == "2100":
        newest = ctx.newest(r["subject"].value if "subject" in r else None) or ctx.newest()
        return first == _month(start, 1) and newest is not None and last is not None and last >= newest * 12 + 1
    return (start == "1500" or first == _month(start, 1)) and last == _month(end, 12)


def _part_year(rows: list[dict[str, Any]], year: int) -> str:
    """Figures for part of the year asked ('in 2024': January to June 2024) said to be so,
    whatever their periods are called: none is the year's total, nor are they added up."""
    whole = (year * 12 + 1, year * 12 + 12)
    parts = [r for r in rows if (_month(value(r, "periodStart") or "", 1), _month(value(r, "periodEnd") or "", 12))
             != whole]
    if not parts:
        return ""
    return (f"(For part of {year} only, not the year's total: "
            + "; ".join(f"{figure(r)}, {_months(r)}" for r in parts) + ".)")


def _months(r: dict[str, Any]) -> str:
    """A figure's months as words ('January to June 2024'), or its period's dates."""
    start, end = value(r, "periodStart") or "", value(r, "periodEnd") or ""
    if len(start) != 7 or len(end) != 7:  # a day, or a year's bound the query already kept
        return f"{start} to {end}" if start != end else start
    first, last = calendar.month_name[int(start[5:])], calendar.month_name[int(end[5:])]
    return f"{first} {end[:4]}" if first == last else f"{first} to {last} {end[:4]}"


def _month(date: str, default: int) -> int | None:
    """A year or a month ('2024', '2024-06', '2024-06-30') as year * 12 + month."""
    if len(date) < 4 or not date[:4].isdigit():
        return None
    return int(date[:4]) * 12 + (int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else default)


REPORTER_FOLLOWS = "according to|reported by|estimated by|figure of|figures of|figures from|estimate of|estimates of"
REPORTER_PRECEDES = "say|says|said|report|reports|reported|estimate|estimates|estimated|put|puts"
CLAIMS = "claim|claims|claimed"


def _reporter(q: Question, follows: str = REPORTER_FOLLOWS, precedes: str = REPORTER_PRECEDES) -> Entity | None:
    """Whose figure the question asks for: the name right after 'according to' or right
    before 'say' ('did X say Y carried out': X reports, Y is counted)."""
    p = q.parsed
    after = [end for _, end in p.holds(follows)] if follows else []
    before = [start for start, _ in p.holds(precedes)]

    def placed(m: Mention) -> bool:
        return any(only_filler(p, end, m.start) for end in after) or \
            any(only_filler(p, m.end, start) for start in before)

    return q.take(AGENT, placed)


SOURCE_ENDS = {"how", "who", "what", "when", "where", "which", "whom", "whose", "did", "does", "do", "is", "are", "was",
               "were", "in", "on", "for", "since", "during", "before", "after", "between", ",", "?", "."}


def _unheld_source(q: Question) -> str:
    """'according to the official count': words after 'according to' that name no one the graph
    holds; the figures are then given with who gives each, and the answer says why."""
    p = q.parsed
    for _, end in p.holds("according to"):
        words = []
        for t in p.tokens[end:]:
            if t.word in SOURCE_ENDS:
                break
            words.append(t.orig)
        if words:
            return (f"No one the graph holds is named by 'according to {' '.join(words).rstrip('?.!')}': "
                    "each figure is given with who gives it.")
    return ""


def _claim(q: Question, measures: list[Concept], claimer: Entity, subject_named: bool
           ) -> tuple[list[Concept], dict[str, NamedNode]]:
    """'how many attacks did X claim': X's own claims of credit when the sources count them
    (a measure whose words hold the claim, X counted); else the figures X gives, X being who
    says so, as 'according to X' (the measure read without the claim word, too)."""
    ctx, claimer_iri = q.ctx, NamedNode(claimer.iri)
    claim_at = {i for start, end in q.parsed.holds(CLAIMS) for i in range(start, end)}
    plain = [ctx.vocabulary.measures[n] for n in measures_without(q.parsed, ctx.vocabulary, claim_at)]
    own = [m for m in measures if m not in plain]
    if own and not subject_named and _figures(ctx, own, subject=claimer_iri):
        return measures, {"subject": claimer_iri}
    return measures + [m for m in plain if m not in measures], {"reporter": claimer_iri}


def _measures(ctx: Context, q: Question) -> list[Concept]:
    vocab = ctx.vocabulary.measures
    if q.parsed.measures:
        found = [vocab[n] for n in q.parsed.measures]
        # 'how many fighters were detained': the fighters are whom the verb's measure counts,
        # not the group's strength, when words of both tie
        counted = [m for m in found if m.kind != "Strength"]
        return counted if counted and len(counted) < len(found) else found
    if q.parsed.strength:
        return [c for c in vocab.values() if c.kind == "Strength"]
    return []


def _figures(ctx: Context, measures: list[Concept], **params: Any) -> list[dict[str, Any]]:
    """One row per figure (a reporter or an area named differently by two articles gives a
    figure several rows), in the query's order."""
    rows = []
    for m in measures:
        rows += ctx.run("statistics", measure=NamedNode(m.iri), **params)
    return _uniq(rows)


def _items(ctx: Context, rows: list[dict[str, Any]], totals_only: bool) -> list[Item]:
    """Totals with their parts in the detail ("of which X 137, Y 59"); parts asked
    for directly stand on their own."""
    shown = {r["stat"].value for r in rows}
    items = []
    for r in rows:
        total = value(r, "total")
        if total in shown and not totals_only:
            continue  # listed under its total
        evidence = ctx.evidence(r["stat"].value)
        detail = describe(r, hedge_of(evidence))
        parts = ctx.run("breakdown", total=r["stat"])
        if parts:
            detail += "; of which " + ", ".join(f"{value(x, 'areaLabel') or '?'} {figure(x)}" for x in parts)
        items.append(Item(figure(r), r["stat"].value, detail, evidence))
    return items


def _what(r: dict[str, Any]) -> str:
    """What a figure or projection counts: 'X Front: missions in Y, 2024'."""
    text = f"{r['subjectLabel'].value}: {r['measureLabel'].value}"
    if value(r, "areaLabel"):
        text += f" in {r['areaLabel'].value}"
    return text + f", {r['periodLabel'].value}"


def describe(r: dict[str, Any], hedge: str | None) -> str:
    """Whose figure, for what, where, when: 'missions against X Front in Y, 2024,
    as the article states'."""
    text = _what(r)
    if value(r, "contextLabel"):
        text += f" ({r['contextLabel'].value})"
    reporter = value(r, "reporter") or ""
    if value(r, "status"):
        return f"{value(r, 'reporterLabel') or 'the source'} has not released this figure ({text})"
    who = "as the article itself states" if "/voice/" in reporter else f"according to {value(r, 'reporterLabel')}"
    return f"{text}, {who}" + (f" ({hedge})" if hedge else "")


def _not_stated(q: Question, measures: list[Concept], area: NamedNode | None, places: list[Entity],
                params: dict[str, Any], who: dict[str, Any], whose: str = "", kind: str = "") -> Answer:
    """Why no figure answers, naming every constraint the question set (`whose`: the operation's
    and the group's words), and the figures the sources do give nearest to it: each said in full
    (whose, what, where, when), and only those that count the victims asked (`kind`), so that no
    note reads as the answer for another group, operation or kind of victim."""
    ctx = q.ctx

    def give(opening: str, rows: list[dict[str, Any]], related: bool = False) -> None:
        """Say the figures of rows that count the victims asked, once each."""
        shown = _uniq([r for r in rows if not kind or _counts(ctx, r, kind)])
        if shown:
            notes.append(opening + "; ".join(f"{figure(r)} — {describe(r, None)}" if related
                                             else f"{figure(r)} ({describe(r, None)})" for r in shown) + ".")

    what = " or ".join(m.pref for m in measures)
    where = " and ".join(p.label for p in places)
    scope = what + (f" in {where}" if where else "") + (f" {period_words(q.parsed.period)}" if q.parsed.period else "")
    counted = f" that counts {kind}" if kind else ""
    notes = [f"No figure for {scope}{whose}{counted}" + (" from the reporter named." if "reporter" in who else ".")]
    if who:  # figures others give, or give about others, are no answer, but the note must not hide them
        relaxed = {k: v for k, v in who.items() if k != "reporter"} if "reporter" in who else {}
        give("Others give: ", [r for r in _figures(ctx, measures, area=area, **params, **relaxed)
                               if "reporter" not in who or value(r, "reporter") != who["reporter"].value])
    wider = []
    for place in places if area is not None else []:
        wider += _figures(ctx, measures, includes=NamedNode(place.iri), **params, **who)
    give("The sources give ", [r for r in wider if area is None or value(r, "area") != area.value])
    related = [ctx.vocabulary.measures[n] for m in measures for n in m.related]
    give("Related: ", _figures(ctx, related, area=area, **params, **who) if related else [], related=True)
    # the same figures but for the period: only when a period was asked, still within the operation asked
    give("For other periods: ", _figures(ctx, measures, area=area, context=params.get("context"), **who)
         if q.parsed.period else [])
    return Answer(q.text, NOT_STATED, note=" ".join(notes))


def reporters(q: Question, wanted: set[int], named: list[set[str]] | None) -> list[Item]:
    """Who gives a figure of these values for the question's measure ('who says X has 2,500
    fighters?'): one item per figure, named by its reporter (or its article, in its own voice).
    `named`: the entities each name in the words may be; the figure's subject, area or reporter
    must be one of each (None: a name the graph does not hold, no figure fits)."""
    if named is None:
        return []
    ctx, period = q.ctx, q.parsed.period
    rows = _figures(ctx, _measures(ctx, q), **period_params(period))
    if period:  # 'who said X carried out 180 attacks in 2022?': a figure for 2022, not 2024's 180
        rows = [r for r in rows if _for_period(ctx, r, period)]
    items = []
    for r in rows:
        if not _gives(r, {str(n) for n in wanted}):
            continue
        about = {value(r, k) for k in ("subject", "area", "reporter")}
        if not all(about & iris for iris in named):
            continue
        items.append(_reporter_item(ctx, r))
    return items


def _reporter_item(ctx: Context, r: dict[str, Any]) -> Item:
    """A figure named by whose it is (or its article, in its own voice), the figure its detail."""
    reporter = value(r, "reporter") or ""
    evidence = ctx.evidence(r["stat"].value)
    own = "/voice/" in reporter and evidence
    label = f"{evidence[0].source} (the article itself)" if own else value(r, "reporterLabel") or reporter
    return Item(label, reporter, f"{figure(r)}: {describe(r, hedge_of(evidence))}", evidence)


def _gives(r: dict[str, Any], wanted: set[str]) -> bool:
    """Whether a figure is one of these values: a range only when both its ends are asked
    ('from eight to 272' does not say that eight were killed)."""
    if value(r, "value"):
        return value(r, "value") in wanted
    ends = {value(r, "min"), value(r, "max")} - {None}
    return bool(ends) and ends <= wanted


def _uniq(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for r in rows:
        if r["stat"].value not in seen:
            seen.add(r["stat"].value)
            out.append(r)
    return out


def projection(q: Question) -> Answer:
    ctx, p = q.ctx, q.parsed
    measures = [ctx.vocabulary.measures[n] for n in p.measures]
    measures += [ctx.vocabulary.measures[r] for m in measures for r in m.related]
    org = q.take(ORG)
    who = {}
    if org is not None:
        who = {"reporter": NamedNode(org.iri)} if p.has(REPORTER + r"|\bwarn") else {"subject": NamedNode(org.iri)}
    year = year_term(p.year) if p.year else None
    if year is not None:
        q.apply("period")
    rows: list[dict[str, Any]] = []
    for attempt in (who, {"reporter": who["subject"]} if "subject" in who else None):
        options: list[NamedNode | None] = [NamedNode(m.iri) for m in measures] or [None]
        for measure in options:
            if attempt is not None and not rows:
                rows = ctx.run("projections", measure=measure, year=year,
                               **attempt)
    if not rows:
        return Answer(q.text, NOT_STATED, note="The graph has no such projection.")
    items = []
    for r in rows:
        evidence = ctx.evidence(r["projection"].value)
        detail = f"{_what(r)} compared with {r['comparedToLabel'].value}"
        if value(r, "reporterLabel"):
            detail += f", according to {r['reporterLabel'].value}"
        if value(r, "statedOn"):
            detail += f" (stated {r['statedOn'].value})"
        if value(r, "reason"):
            detail += f"; reason given: {r['reason'].value}"
        label = value(r, "wording") or f"{value(r, 'bound') or ''} {r['factor'].value}×".strip()
        items.append(Item(label, r["projection"].value, detail, evidence))
    return Answer(q.text, ANSWERED, items)
