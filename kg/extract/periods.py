"""The period a figure counts: the event's own dates in its clause, a range ("between A and
B", "since A" up to the article's date), or for a present state the article's own date; never
a date that belongs to another count in the sentence."""

from __future__ import annotations

import re
from typing import Any

from kg.extract import lexicon
from kg.extract.context import Context
from kg.extract.dates import DateSpan
from kg.extract.masked import D, Masked, Slot

PERFECT = r"\b(?:has|have)\s+(?:also\s+|now\s+)?(?:been\s+)?[a-z]+(?:ed|en|t)\b"
# "since the start of 2024": from that year (not the article's date, where the count would end)
START_OF = r"(?:the\s+)?(?:start|beginning|outset)\s+of\s+"
PRESENT = (r"(?<!\bto )\b(?:has|have|is|are|still|now|remains?|commands?|numbers?|current|currently|today|as of today|"
           r"ranges?|var(?:y|ies)|stands?)\b")


def period(ctx: Context, mk: Masked, before: str, tail: str, measure: str, end: int) -> tuple[str, list] | None:
    """The period a figure counts: the event's own dates in the clause ("in 2014 and 2015",
    "between October 2023 and November 2024", "in September 2013"); for a present state the
    article's own date. A date after another count is that count's ("N now, down from M in A")."""
    # "last year's report, which counted N", "in this year's first week": a date that qualifies a noun is not
    # the count's period (the token is renamed, its length kept for the offsets)
    before, tail = (re.sub(r"⟦D(\d+)⟧(?=['’]s\b)", r"⟦X\1⟧", t) for t in (before, tail))
    aside = re.search(r",?\s+(?:including|among\s+(?:them|whom))\b|,\s+(?:who|whom|whose)\b", tail)
    tail = tail[:aside.start()] if aside else tail  # "N fighters, among them X, who was arrested in A": A is X's
    parts = re.split(r"(⟦N\d+⟧)", tail)
    shared = len(parts) > 2 and re.fullmatch(r"(?:[^.;,⟦]|⟦[GO]\d+⟧){0,60}?\band\s+(?:[a-z]+\s+){0,3}", parts[0])
    tail = "".join(parts[:3]) if shared else parts[0]  # "killed N civilians and abducted M between A and B"
    reach = len(parts[0]) + len(parts[1]) + 120 if shared else 120
    between = re.compile(rf"\b(?i:between|from|(?:for|in|over|during)\s+the\s+years)\s+(?:the\s+end\s+of\s+)?({D})\s*"
                         rf"(?:and|to|until|through|-|–)\s*(?:the\s+end\s+of\s+)?({D})"
                         rf"|\bin\s+({D})\s+and\s+({D})")
    rng = between.search(tail[:reach])
    if rng:
        a, b = (rng.group(1), rng.group(2)) if rng.group(1) else (rng.group(3), rng.group(4))
        return ctx.period(_slot_date(mk, a), _slot_date(mk, b)), [mk.span(end + rng.start(), end + rng.end())]
    prior = [m for m in between.finditer(before) if re.fullmatch(r"[^;⟦]*(?:⟦[GOCLN]\d+⟧[^;⟦]*)*", before[m.end():])]
    if prior:  # "killed N between A and B, and wounded M": no other date before M
        last = prior[-1]
        low, high = (_slot_date(mk, x) for x in (last.group(1, 2) if last.group(1) else last.group(3, 4)))
        return ctx.period(low, high), [(low.start, high.end)]
    since = re.search(rf"\bsince\s+(?:{START_OF}|(?:it|they|the\s+group)\s+(?:was|were)\s+(?:formed|founded|created|"
                      rf"established|set\s+up)\s+in\s+)?({D})", tail[:100])  # "since it was formed in A": from A
    told = r"\bhad\s+(?:been\s+)?[a-z]+(?:ed|en|t)\b"  # "said … that N had been killed since A": up to the telling
    if since and ctx.as_of and re.search(rf"{PRESENT}|{told}", before + " " + tail[:40]):
        return _up_to_now(ctx, _slot_date(mk, since.group(1))), [mk.span(end + since.start(), end + since.end())]
    # "Since its founding in 2012, the group has killed N"; not "G, led by X since A, has killed N"
    began = re.search(rf"\b[Ss]ince\s+(?:{START_OF}|(?:its|their|the)\s+[a-z]+\s+)?(?:in\s+)?({D})"
                      r"(?:[^.;⟦]|⟦[GOCLN]\d+⟧){0,150}$", _without_asides(before))
    if began and ctx.as_of and re.search(PERFECT, before[began.end(1):] + " " + tail[:40]):
        return _up_to_now(ctx, _slot_date(mk, began.group(1))), [mk.match_span(began, 1)]
    at = r"in|on|since|by|at|around|circa|as\s+of"  # "in 2014", "around 2002", "as of May"
    bare = re.match(rf"(?:\s+[a-z-]+){{0,3}}\s+({D})", tail)  # "kidnapped 40 aid workers last year"
    words = mk.span(end + bare.start(1), end + bare.end(1)) if bare else (0, 0)
    if bare and re.match(r"(?i:last|this)\s", ctx.text[words[0]:words[1]]):
        return ctx.period(_slot_date(mk, bare.group(1))), [words]
    plain = _without_asides(before)  # "G, founded in A, killed N": A is no date of the killing
    one = re.search(rf"\b(?:{at}|during)\s+(?:early\s+|late\s+)?({D})", tail[:100]) or \
        re.search(rf"(?:^|\b(?<!said )(?<!says )(?<!told reporters )(?i:{at})\s+)({D})"
                  rf"(?:[^.;⟦]|⟦[GOCLN]\d+⟧){{0,150}}$", plain) or \
        re.match(rf"\s*(?:(?i:{at})\s+)?({D})\s*(?:,|[-–—:])(?:[^.;⟦]|⟦[GOCLNP]\d+⟧){{0,200}}$", plain)
    # not "said on D": the day it was told; a date that opens the clause ("2011 - X says …") is its date
    if one:
        offset = end if one.string is tail else 0
        span = mk.span(offset + one.start(1), offset + one.end(1)) if one.string is tail else mk.match_span(one, 1)
        return ctx.period(_slot_date(mk, one.group(1))), [span]
    same = re.search(r"\bin\s+the\s+same\s+(year|month|day)\b", tail[:100])
    if same:
        first, stop = mk.span(end + same.start(), end + same.end())
        earlier = [d for d in ctx.dates if d.end <= first]
        size = {"year": 4, "month": 7, "day": 10}[same.group(1)]
        if earlier and len(earlier[-1].value) >= size:
            d = earlier[-1]
            same_date = DateSpan(first, stop, ctx.text[first:stop], d.value[:size],
                                 f"'{ctx.text[first:stop]}': that of {d.text}, mentioned before")
            return ctx.period(same_date), [(first, stop)]
    entry = ctx.entry_date(mk.seg.start)
    if entry is not None and mk.seg.start > entry.end:
        return ctx.period(entry), [(entry.start, entry.end)]  # "DATE - X. A bomb explodes, killing N": that date
    present = PRESENT if ctx.vocab.measures[measure].kind == "Strength" else PERFECT
    if ctx.as_of and re.search(present, before[-160:] + " " + tail[:40]):  # "have resulted in … and … of N"
        if entry is not None:  # "DATE - …. Officials say it still has N fighters": the entry's time
            return ctx.period(entry), [(entry.start, entry.end)]
        said_on = _told_on(mk.text[end:])
        if said_on:  # "has killed N, X said in A": the count up to the day it was told, not the article's
            return ctx.period(_slot_date(mk, said_on.group(1))), [mk.span(end + said_on.start(1), end + said_on.end(1))]
        return ctx.period(ctx.as_of), [(ctx.as_of.start, ctx.as_of.end)]
    attack = _attack_before(ctx, mk, before)
    if attack is not None:
        return ctx.period(attack), [(attack.start, attack.end)]
    return None


def _attack_before(ctx: Context, mk: Masked, before: str) -> DateSpan | None:
    """"X stormed Y on A. The attack killed N": the date of the attack the sentence before
    tells, when the sentence opens with it ("The attack", "That bombing") and the sentence before
    gives one date (the dateline's aside). With none or two, which is the attack's is a guess."""
    attacks = r"(?:attack|assault|raid|ambush|bombing|blast|explosion|massacre|strike|airstrike|shelling)"
    if not re.match(rf"\s*(?:[Tt]he|[Tt]hat|[Tt]his)\s+(?:[a-z-]+\s+){{0,2}}?{attacks}s?\b(?:[^.;⟦]|⟦[GOCL]\d+⟧)*$",
                    before):
        return None
    index = next((i for i, s in enumerate(ctx.sentences) if s.start == mk.seg.start), 0)
    if index == 0:
        return None
    prev = ctx.sentences[index - 1]
    dateline = ctx.as_of if ctx.draft.article.get("published") else None
    dates = [d for d in ctx.dates_in(prev.start, prev.end) if dateline is None or d.start != dateline.start]
    verbs = "|".join(map(re.escape, lexicon.words()["verbs"]["attack"]))
    told = ctx.text[prev.start:prev.end]
    if len(dates) != 1 or not re.search(rf"\b(?:{verbs}|{attacks})\b", told) or re.search(rf"\b{attacks}s\b", told):
        return None  # "carried out 40 attacks in A. The bombing killed N": which of them is a guess
    d = dates[0]
    return DateSpan(d.start, d.end, d.text, d.value, d.inferred or f"the date of the attack the sentence before "
                    f"tells, {d.text}")


def _told_on(after: str) -> re.Match[str] | None:
    """The date of the telling that closes the clause after a count: ", the UN said in A"."""
    return re.match(rf"[^.;]{{0,60}}?,\s+(?:[^,.;]{{0,40}}\s)?(?:said|says|reported|estimated|stated|told\s+[a-z]+)"
                    rf"\s+(?:on|in)\s+({D})", after)


def _without_asides(text: str) -> str:
    """`text` with its asides about something else blanked out (same length): ", founded in A,",
    ", who was born in A,", ", which was formed in A,"."""
    aside = re.compile(r",\s+(?:who|which|that|[a-z]+ed|born|set up)\b[^,;]*,")
    return aside.sub(lambda m: " " * len(m.group(0)), text)


def _up_to_now(ctx: Context, first: DateSpan) -> str:
    """The period from `first` up to the article's own date ("since 2012", "has killed")."""
    assert ctx.as_of is not None
    up_to = DateSpan(ctx.as_of.start, ctx.as_of.end, ctx.as_of.text, ctx.as_of.value,
                     f"'since {first.text}': up to the article's own date, {ctx.as_of.text}")
    return ctx.period(first, up_to)


def _slot_date(mk: Masked, token: str) -> Any:
    slot: Slot | None = mk.slot(token)
    return slot.ref if slot else None

