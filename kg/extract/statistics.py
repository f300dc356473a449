"""Statistics: a count (or a range, or a vague amount) of something an armed group did or
suffered, with its measure, subject, period, place, bound, hedge and source.

  "kidnapped 276 schoolgirls from a school in X, Y, in 2014"  people_abducted
  "the death of 44 G operatives" (the group's losses) / "killing at least 12 people" (victims)
  "has an estimated 7,000 fighters", "between 7,000 and 9,000 fighters", "from roughly 20,000
  to 50,000", "hundreds of gunmen" (strength)       "according to X", "X said", "X estimated"
The measure comes from the vocabulary: the kind of people or things counted (members of the
group, its leaders, its victims, attacks, missions) and the verb that goes with them. The
period is the event's own date in the clause, or for a present state ("still has") the
article's date; a number in a date, a share, an amount of money or a duration is no count.
Whose figure it is: kg.extract.subjects."""

from __future__ import annotations

import re
from typing import Any

from kg.extract import attribution, lexicon, periods, phrases, subjects, tellers
from kg.extract.context import Context, append_quote
from kg.extract.masked import ORG_OR_COUNTRY, PLACE, Masked, N

FUNCTION_WORDS = frozenset({"of", "in", "on", "at", "and", "or", "to", "for", "from", "by", "with", "were", "was",
                            "have", "has", "had", "are", "is", "been", "be", "the", "a", "an", "who", "that"})
VERB_GROUPS = ("killed", "wounded", "abducted", "displaced", "detained")


def find(ctx: Context) -> None:
    for seg in ctx.sentences:
        mk = Masked(ctx, seg)
        done: set[str] = set()
        quoted = _quoted_spans(mk.text)
        for token in mk.tokens(mk.text, "N"):
            at = mk.text.index(token)
            if token in done or any(a <= at < b for a, b in quoted):
                continue
            rng = re.search(rf"(?:between|from)\s+(?:(?:{_bounds(ctx)})\s+)?({re.escape(token)})\s+(?:and|to)\s+"
                            rf"(?:(?:{_bounds(ctx)})\s+)?({N})|({re.escape(token)})\s*(?:to|-|–)\s*({N})", mk.text)
            if rng and rng.start() <= at:
                low, high = (rng.group(1), rng.group(2)) if rng.group(1) else (rng.group(3), rng.group(4))
                done |= {low, high}
                _statistic(ctx, mk, low, high, rng)
            else:
                _statistic(ctx, mk, token, None, None)
        for m in re.finditer(rf"(?i:(?P<q>{phrases.pattern(phrases.quantities(ctx.vocab))}))\s+(?:of\s+)?(?=[a-z⟦])",
                             mk.text):
            share = re.match(r"(?:of\s+)?(?:them|whom|those|these|which)\b", mk.text[m.end():]) or (
                m.group("q").lower() == "most" and re.search(r"\b(?i:the|its|their|his|her|one)\s+(?:⟦[NT]\d+⟧\s+)?$",
                                                             mk.text[:m.start()]))  # "the two most senior": superlative
            if not any(a <= m.start() < b for a, b in quoted) and not re.search(r"\bhow\s+$", mk.text[:m.start()]) \
                    and not share:  # "most of them civilians": a share of the count before, no count
                _quantity(ctx, mk, m)


def _bounds(ctx: Context) -> str:
    return phrases.pattern(phrases.bounds(ctx.vocab)) or "(?!)"


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[\"“][^\"“”]*[\"”]", text)]


def _statistic(ctx: Context, mk: Masked, token: str, high: str | None, rng: re.Match[str] | None) -> None:
    low_slot = mk.slot(token)
    if low_slot is None:
        return
    at = mk.text.index(token)
    end = mk.text.index(high) + len(high) if high else at + len(token)
    fields: dict[str, Any] = {}
    if high:
        fields.update(min=low_slot.ref.value, max=mk.slot(high).ref.value)  # type: ignore[attr-defined,union-attr]
    else:
        fields["value"] = low_slot.ref.value  # type: ignore[attr-defined]
    begin = rng.start() if rng else at
    _count(ctx, mk, begin, end, fields)


# "according to two former members", "three witnesses said", "four residents told …": who tell
TELLERS_BEFORE = re.compile(r"\b(?i:according\s+to|reporting\s+by|quoting|interviews\s+with|told\s+by)\s+"
                            r"(?:the\s+|some\s+|at\s+least\s+)?$")
TELLERS_AFTER = re.compile(r"\s+(?:(?!(?:who|that|which)\b)[a-z][\w-]*\s+){1,3}?"
                           r"(?:said|say|says|told|tell|interviewed|quoted|cited|speaking|who\s+(?:asked|requested))\b")


def _counts_tellers(before: str, after: str) -> bool:
    """Whether the count is of the people who tell something, not of what they tell: it is no
    figure of the group's (a figure drafted from it would be made up)."""
    return bool(TELLERS_BEFORE.search(before) or TELLERS_AFTER.match(after))


def _quantity(ctx: Context, mk: Masked, m: re.Match[str]) -> None:
    fields = {"quantity": phrases.quantities(ctx.vocab)[m.group("q").lower()]}
    _count(ctx, mk, m.start(), m.end("q"), fields)


def _count(ctx: Context, mk: Masked, begin: int, end: int, fields: dict[str, Any]) -> None:
    """Complete a count at masked text[begin:end] into a statistic, or drop it."""
    mk = attribution.past_relatives(mk, begin, end)  # "Z, a watchdog group, said …": Z tells it
    before = mk.text[:begin]
    if _counts_tellers(before, mk.text[end:]):
        return
    breaks = [m.end() for m in re.finditer(r";|\.\s|,\s+(?:while|whereas|but|although|though)\b", before)]
    clause_start = breaks[-1] if breaks else 0
    clause = mk.text[clause_start:]
    after = mk.text[end:]
    speech = "|".join(map(re.escape, lexicon.words()["verbs"]["speech"]))
    stop = re.search(rf";|\.(?:\s|$)|,\s+(?:but|while|though|although)\b|,\s+(?:[\w⟦⟧ ]{{0,30}}\s)?(?:{speech})\b",
                     after)
    tail = after[:stop.start() if stop else len(after)]
    bound = re.search(rf"(?P<b>(?i:{_bounds(ctx)}))\s+$", before)
    measure, subject_token, noun_end = _measure(ctx, mk, before[clause_start:], tail)
    if measure is None:
        measure = _compared(ctx, mk, before[:len(before) - (len(bound.group(0)) if bound else 0)])
    earlier = None if measure else _figure_named_back(ctx, mk, before[clause_start:], tail)
    if earlier:
        measure = earlier[0]["measure"]
    if measure is None:
        return
    source, source_span, why_source = attribution.source(ctx, mk)
    subject, why, subject_span = subjects.subject(ctx, mk, measure, subject_token, before, clause_start, tail, end,
                                                  source)
    if earlier:  # the figure's measure and subject are the earlier one's (its words are quoted as its teller's)
        subject, why, subject_span = earlier[0]["subject"], f"'the number': the figure of {earlier[0]['id']}", None
        teller = re.search(rf"(?P<a>{ORG_OR_COUNTRY})\s+(?:puts?|places?|placed)\s", before[clause_start:])
        if source is None and teller:  # "the ministry puts the number at N": the ministry's figure
            source, source_span = mk.ref(teller.group("a")), mk.span(clause_start + teller.start(),
                                                                     clause_start + teller.end())
        elif source is None:
            fields["review"] = "who gives this figure was not drafted: add reported_by"
    if subject is None:
        return
    period = periods.period(ctx, mk, before[clause_start:], tail, measure, end)
    why_period: str | None = None
    if period is None and earlier:  # "the number" is the earlier figure's, of its period
        period = (earlier[0]["period"], [])
        why_period = f"the period of {earlier[0]['id']}, whose number it gives"
    as_of = ctx.as_of
    if why_period is None and period and as_of and period[0] == as_of.value \
            and ctx.sentence_at(as_of.start).start != mk.seg.start \
            and (as_of.start, as_of.end) in period[1]:  # not "on Tuesday", the article's own day
        why_period = f"a present state, or one up to the article's own date ({as_of.text})"
    elif why_period is None:  # a date written without its year ("in August", "last year") says how it was read
        read = [d.inferred for d in ctx.dates if d.inferred and period and any(a <= d.start < b for a, b in period[1])]
        why_period = "; ".join(read) if read else None
    if subject is None or period is None:
        return
    spans = [mk.span(begin - (len(bound.group(0)) if bound else 0), end + noun_end)]
    if earlier:  # "Y puts the number at N": the words that say what N counts
        spans.append(mk.span(clause_start, end))
    spans += period[1]
    review = fields.pop("review", None)
    fields.update(measure=measure, subject=subject, period=period[0])
    if bound and "value" in fields:  # a range has min and max, no bound
        fields["bound"] = phrases.bounds(ctx.vocab)[bound.group("b").lower()]
        fields["wording"] = ctx.text.__getitem__(slice(*mk.span(begin - len(bound.group(0)), end)))
    kind = _kind(ctx, measure, tail[:noun_end])
    if kind:  # "12 soldiers and 3 civilians": the measure counts people; who they were is in the wording
        fields["wording"] = ctx.text.__getitem__(slice(*mk.span(begin - (len(bound.group(0)) if bound else 0),
                                                               end + noun_end)))
    hedge = attribution.hedge(ctx, clause[: begin - clause_start], tail, measure) or \
        attribution.future(clause[: begin - clause_start]) or attribution.unnamed_after(after)
    if hedge and hedge[0] == "projected" and attribution.unnamed_after(after):  # whose forecast is lost otherwise
        fields["review"] = "people the draft does not name make the forecast ('… said'): add said_by"
    if hedge:
        fields.update(certainty=hedge[0], hedge=hedge[1])
        at = mk.text.rfind(hedge[1], 0, begin)
        at = at if at >= 0 else mk.text.find(hedge[1], end)
        if at >= 0:
            spans.append(mk.span(at, at + len(hedge[1])))
            fields["hedge"] = ctx.text[spans[-1][0]:spans[-1][1]]  # as written, not masked
    part = re.search(r",?\s+(?:including|among\s+them|of\s+which|of\s+whom)\b", tail)
    whole = tail[:part.start()] if part else tail  # "N across X, including M in Y": Y is the part's place
    place = re.search(rf"\b(?:in|on|at|across|throughout)\s+(?:the\s+)?(?:both\s+)?"
                      rf"(?:(?:[a-z]+-)?(?:[a-z]+ern|central)\s+)?({PLACE})(?:\s+and\s+({PLACE}))?",
                      whole)  # "in eastern X"
    if place and re.search(r"\b(?:on|at|near|outside)\s+(?:the\s+)?[A-Z]\w+", tail[:place.start()]):
        place = None  # "on Y Street, in Z": a finer place the draft did not name comes first
    if place and re.search(r"\b(?:most|many|some|half|part|several|few|all)\s+of\s+(?:them|whom)\s*$",
                           tail[:place.start()]):
        place = None  # "N fighters, most of them in X": the place of a part, not of the figure
    if place:
        fields["place"] = [r for r in (mk.ref(place.group(1)), mk.ref(place.group(2))) if r]
        spans.append(mk.span(end, end + place.end()))
    if subject_span:
        spans.append(subject_span)
    said_by = "article"
    if source:
        fields["reported_by"] = source
        said_by = source
        spans.append(source_span)
    else:
        speaker = attribution.speaker(ctx, mk, before) or attribution.teller_after(ctx, mk, end)
        participle = None if speaker else attribution.saying(ctx, mk, before)  # "G …, saying it had killed N"
        by_group = None if speaker or participle else tellers.group_after(ctx, mk, end)  # "…, the rebels said"
        if speaker:
            said_by = speaker[0]
            spans.append(speaker[1])
        elif participle:
            said_by = participle[0]
            if ctx.draft.entities[said_by]["type"] != "Person":
                fields["reported_by"] = said_by  # an organisation's figure, as "G said it had killed N"
            spans.append(participle[1])
        elif by_group and by_group[0]:
            said_by = fields["reported_by"] = by_group[0]
            fields["note"] = by_group[2]
            spans.append(by_group[1])
        elif by_group:
            review = f"'{by_group[2]}' tell the figure, and no one group is in context: add reported_by"
    inferred = {k: v for k, v in (("subject", why), ("period", why_period), ("reported_by", why_source)) if v}
    offices = "|".join(re.escape(w) for w, t in lexicon.org_heads().items()
                       if t in ("GovernmentBody", "Organization", "NewsAgency"))  # "…, the ministry said"
    if source is None and re.search(rf"(?i:according to|reporting by|reported by)|\b[Tt]he\s+(?:[a-z]+\s+)?"
                                    rf"(?:{offices})\s+(?:said|says|reported|estimated)\b", mk.text):
        fields["review"] = "the figure is someone's report, and who it is was not drafted: add reported_by"
    elif source is None and said_by == "article" and "certainty" not in fields and re.search(
            r"(?:\b(?!(?i:a|an|the)\s)[A-Za-z]+|⟦[GOC]\d+⟧)\s+(?:said|say|says|reported|told\s+[a-z]+)\b", mk.text):
        fields["review"] = "someone the draft does not name tells the figure ('… said'): add reported_by or said_by"
    elif source is None and said_by == "article" and tellers.unnamed_for(mk.text):  # "a lawyer for X said"
        fields["review"] = "someone the draft does not name tells the figure ('… said'): add reported_by or said_by"
    verdict = re.search(r"\b(?:found|find|finds)\s+(?:[^.;]{1,60}?\s)?guilty\b|\bconvicted\b", mk.text[:begin])
    if source is None and verdict:
        fields["review"] = "the figure is a court's finding: add the court as reported_by"
    if "quantity" in fields and ctx.is_fact("statistic", measure=measure, quantity=fields["quantity"], subject=subject):
        return
    review = fields.pop("review", None) or review
    fact = ctx.fact("statistic", spans, fields, inferred, review=review, said_by=said_by)
    if earlier:  # what "the number" counts, in the words of the one who told the figure before
        append_quote(fact, ctx.text[earlier[1][0]:earlier[1][1]], said_by=earlier[0]["said_by"])


GENERIC_VICTIMS = frozenset({"people", "persons", "person", "victims", "others", "individuals"})


def _kind(ctx: Context, measure: str, counted: str) -> str | None:
    """The kind of victims a count of people names ("12 soldiers", "3 civilians"), which no
    measure tells apart: kept in the figure's wording for the reviewer, never guessed."""
    words = re.findall(r"[A-Za-z][a-z-]*", counted)
    if ctx.vocab.measures[measure].kind != "Victims" or not words:
        return None
    word = words[-1].lower()
    return word if word in lexicon.words()["nouns"]["victims"] and word not in GENERIC_VICTIMS else None


def _measure(ctx: Context, mk: Masked, before: str, tail: str) -> tuple[str | None, re.Match[str] | None, int]:
    """The measure of a count (from what is counted and the verb that goes with it), the
    group named with what is counted, and where the counted words end in `tail`."""
    nouns = lexicon.words()["nouns"]
    word, phrase, group, end = _counted(ctx, tail)
    verb = _verb(_own_words(before)[-60:], tail[:90])
    if not word and re.match(r"\s+(?:were\s+|had been\s+)?[a-z]+ed\b", tail):  # "8 leaders killed, and 32 captured"
        word, phrase = _counted_before(ctx, before)
        verb = _verb("", tail[:30]) or verb
    elif not word and re.match(r"\s*(?:[.;,]|$|\s(?:and|in|on|between|during|since)\b)", tail):
        ellipsis = re.search(rf"(?:,|\band)\s+(?P<v>[a-z]+)\s+(?:(?:{_bounds(ctx)})\s+)?$", before)
        own = _verb("", ellipsis.group("v")) if ellipsis else None
        if own:  # "killed N people, injured more than M and kidnapped K": people, as before
            word, phrase = _counted_before(ctx, before[:ellipsis.start()])  # type: ignore[union-attr]
            verb = own
    measure: str | None = None
    if not word and re.match(r"\s*(?:[.;,]|$|\s(?:and|in|on|between|during|since|according|for|over|from)\b)", tail):
        named = _named_before(ctx, before)
        if named:  # "put the death toll at N", "estimates of the number of children G abducted range from N"
            return named, group, end
    if re.search(r"\b(?!group)(?:[a-z]+|⟦[^G]\d+⟧)(?:'s|’s)\s+(?:[a-z]+\s+)?$", before):
        return None, group, end  # "the ship's 25 crew members": someone else's people, not the group's
    if not word and re.search(r"\b(?:its|their|the\s+group's)\s+(?:[a-z]+\s+)?(?:ranks|strength)\s+(?:to|at|of)\s+"
                              r"(?:[a-z]+\s+){0,3}$", before):
        return "fighters", group, end  # "reduced its ranks to an estimated N": its strength, in fighters
    attack = "|".join(map(re.escape, lexicon.words()["verbs"]["attack"]))
    if word in nouns["members"] and re.match(r"\s+of\s+(?:the\s+)?(?:⟦[OC]\d+⟧|(?:[A-Za-z]+\s+){0,2}"
                                             r"(?:forces|army|police|military|troops|guard|gendarmerie|navy|services)\b)",
                                             tail[end:]):  # "N members of the security forces": the group's victims
        return (_pick(ctx, "Victims", verb, False) if verb else None), None, end
    if word in nouns["members"] and re.match(rf"\s+(?:{attack})\b", tail[end:]):
        return None, group, end  # "two G gunmen stormed X, killing N": those who attack, neither losses nor strength
    if word in nouns["members"]:
        if verb in ("killed", "detained"):
            measure = _pick(ctx, "Losses", verb, senior=False)
        elif re.search(r"\b(?:at large|still|remain)", tail[:60]):
            measure = "fighters_at_large"
        elif _strength(before, tail):  # "badly wounded, it still commands N fighters": its strength
            measure = "members" if word == "members" else "fighters"
    elif word in nouns["leaders"]:
        if verb in ("killed", "detained"):
            senior = bool(re.search(r"\b(?:senior|top|key)\b", before[-15:] + " " + phrase))
            measure = _pick(ctx, "Losses", "captured" if verb == "detained" else verb, senior, leaders=True)
    elif word == "men" and not verb and _strength(before, tail):
        measure = "fighters"  # "the group numbers about 2,000 men": its strength
    elif word in nouns["victims"]:
        measure, group = (_pick(ctx, "Victims", verb, False) if verb else None), None
    elif not word and verb in ("killed", "wounded") and re.search(r"\b(?:killing|wounding|injuring)\s+$", before[-30:]):
        measure = _pick(ctx, "Victims", verb, False)
    else:
        for notation, label in _vocab_nouns(ctx):
            if word and (phrase.startswith(label) or word == label):
                claimed = notation == "attacks" and re.search(r"\bclaim", before[-60:] + tail[:40])
                measure, group = ("attacks_claimed" if claimed else notation), None
                break
    return measure, group, end


def _counted(ctx: Context, tail: str) -> tuple[str, str, re.Match[str] | None, int]:
    """(head noun, the words up to it, the group named with it) of what a count counts:
    "44 G operatives", "eight senior G leaders", "100,000 trained fighters"."""
    nouns = lexicon.words()["nouns"]
    known = set(nouns["members"]) | set(nouns["leaders"]) | set(nouns["victims"])
    known |= {label.split()[0] for _, label in _vocab_nouns(ctx)}
    # "N of its fighters", "dozens of its commanders"
    owner = re.match(r"\s*(?:of\s+)?(?:the\s+group's|its|their|(⟦G\d+⟧)(?:'s|’s))(?=\s+[a-z])", tail)
    group: re.Match[str] | None = owner if owner and owner.group(1) else None
    words: list[str] = []
    at = owner.end() if owner else 0
    for m in re.compile(r"\s*(?:[\"“]\s*)?(⟦[GOC]\d+⟧|[A-Za-z][a-z-]*)").finditer(tail, at):
        if m.start() != at:
            break
        at = m.end()
        if m.group(1).startswith("⟦"):
            group = group or m
            continue
        word = m.group(1).lower()
        words.append(word)
        if word in known:
            return word, " ".join(words), group, at
        if len(words) >= 3 or word in FUNCTION_WORDS:
            break
    return "", " ".join(words), group, 0


def _strength(before: str, tail: str) -> bool:
    """Whether a count of fighters or members is the group's strength: "has N fighters",
    "is believed to command N", "N fighters remain", "a strength of N"."""
    verbs = "|".join(map(re.escape, lexicon.words()["verbs"]["strength"]))
    return bool(re.search(rf"\b(?:{verbs}|have|to have|strength\b|put (?:its|their) strength at|"
                          r"estimated at|ranks to|numbering|up to|of some|estimates|range[sd]?|ranging)\b[^.;⟦]{0,40}$",
                          before[-60:])
                or re.search(r"\b(?:strength|size|ranks)\s+of\s+(?:the\s+)?⟦G\d+⟧\s+(?:at|to)\s+(?:[a-z]+\s+){0,3}$",
                             before)  # "put the strength of G at N fighters"
                or re.match(r"[^.;]{0,40}\b(?:remain|are still|at large|strong|are\s+(?:now\s+|still\s+)?"
                        r"(?:based|active|operating|present|deployed))\b", tail))  # "N militants are now based in X"


def _own_words(before: str) -> str:
    """The words before a count that can hold its verb: not those of another count before it
    ("killed 40 people in A and has 300 people in custody"), unless the two are joined as one
    list ("killed 10 soldiers and 5 civilians")."""
    last = list(re.finditer(r"⟦N\d+⟧", before))
    if not last:
        return before
    between = before[last[-1].end():]
    if re.fullmatch(r"(?:\s+[a-z-]+){0,2}\s*(?:,|,?\s+and|,?\s+or)\s+(?:[a-z]+\s+){0,2}", between):
        return before
    return between


def _compared(ctx: Context, mk: Masked, before: str) -> str | None:
    """"killed 1,250 civilians in A, up from 800 in B": a count compared with the one before it
    in the sentence counts the same thing."""
    if not re.search(r"\b(?:up|down|rising|falling|compared)\s+(?:from|with|to)\s+$", before):
        return None
    sentence = ctx.text[mk.seg.start:mk.seg.end]
    earlier = [f for f in ctx.draft.facts if f["type"] == "statistic"
               and any(q in sentence for q in (f["quote"] if isinstance(f["quote"], list) else [f["quote"]])
                       if re.search(r"\d|\s", q) and len(q.split()) > 2)]
    return earlier[-1]["measure"] if earlier else None


def _figure_named_back(ctx: Context, mk: Masked, clause: str,
                       tail: str) -> tuple[dict[str, Any], tuple[int, int]] | None:
    """"G has about N fighters, Y estimates. Z puts the number at M": a count with no counted
    words that names back the figure of the sentence just before ("the number", "that figure")
    is another count of the same: that sentence's one statistic (with two, which is unclear)."""
    if not re.search(r"\b(?:the|that|this|its)\s+(?:number|figure|total|estimate|count)\s+"
                     r"(?:(?:even\s+|much\s+|far\s+)?(?:higher|lower)\s+)?(?:at|as)\s+(?:[a-z]+\s+){0,2}$", clause) \
            or not re.match(r"\s*(?:[.;,]|$)", tail):
        return None
    last = ctx.sentence_before(mk.seg)
    if last is None:
        return None
    if len([c for c in ctx.counts_in(last.start, last.end) if not c.ordinal]) != 1:
        return None  # "N fighters and M commanders": which number is meant is unclear
    figures = []  # each with where its words are in that sentence
    for f in ctx.draft.facts:
        words = [q for q in ([f["quote"]] if isinstance(f["quote"], str) else f["quote"])
                 if q in ctx.text[last.start:last.end]]
        if f["type"] == "statistic" and "review" not in f and words:
            start = ctx.text.index(words[-1], last.start)
            figures.append((f, (start, start + len(words[-1]))))
    return figures[0] if len(figures) == 1 else None


def _named_before(ctx: Context, before: str) -> str | None:
    """The measure a count with no counted words after it is a figure of, named before it in
    its clause with no other count between: "the death toll … at N", "the number of children G
    abducted … range from N to M", "G's victims range from N"."""
    last = list(re.finditer(r"⟦N\d+⟧", before))
    scope = before[last[-1].end():] if last else before
    if not re.search(r"\b(?:at|to|from|of|reached|was|were|is|stood|stands|range[sd]?|ranging|var(?:y|ies|ied))\s+"
                     r"(?:(?:[a-z]+\s+){0,3})$", scope):
        return None
    victims = {label: n for n, label in _vocab_nouns(ctx, every=True) if ctx.vocab.measures[n].kind == "Victims"}
    toll = re.search(rf"\b(?:the|its|their)\s+(?:[a-z]+\s+)?({'|'.join(map(re.escape, victims))})\b", scope)
    if toll and " " in toll.group(1):  # "the death toll": a label of the measure itself
        return victims[toll.group(1)]
    number = re.search(r"\bnumber\s+of\s+(?P<w>[a-z]+)\s+(?:(?:whom|that)\s+)?(?:the\s+)?⟦G\d+⟧\s+(?:had\s+|has\s+)?"
                       r"(?P<v>[a-z]+)\b", scope) or re.search(r"⟦G\d+⟧(?:'s|’s)\s+(?P<w>victims)\b", scope)
    if number and number.group("w") in lexicon.words()["nouns"]["victims"]:
        verb = _verb("", number.groupdict().get("v") or "killed")
        return _pick(ctx, "Victims", verb, False) if verb else None
    return None


def _counted_before(ctx: Context, before: str) -> tuple[str, str]:
    """What the count before this one in the sentence counts, for an elliptical count."""
    for m in reversed(list(re.finditer(rf"{N}", before))):
        word, phrase, _, _ = _counted(ctx, before[m.end():])
        if word:
            return word, phrase
    return "", ""


def _vocab_nouns(ctx: Context, every: bool = False) -> list[tuple[str, str]]:
    """(measure, label) for labels that name what is counted by themselves: "attacks",
    "missions", "airstrikes", "deaths", "fatalities", "refugees", "detainees" (`every`: all
    the measures' names, "death toll" too)."""
    out = []
    for notation, c in ctx.vocab.measures.items():
        labels = (c.pref, *c.alt) if c.kind in ("Activity", "Operations") or every else c.alt
        out += [(notation, w.lower()) for w in labels
                if every or len(w.split()) <= 2 and (c.kind in ("Activity", "Operations") or len(w.split()) == 1)]
    return sorted(out, key=lambda x: -len(x[1]))


def _verb(before: str, after: str) -> str | None:
    """The event verb nearest to a count: the last one before it or the first one after."""
    verbs = lexicon.words()["verbs"]
    found = []
    for group in VERB_GROUPS:
        for w in verbs[group]:
            word = rf"(?<![\w-]){re.escape(w)}(?![\w-])"
            found += [(len(before) - b.end(), group) for b in re.finditer(word, before, re.IGNORECASE)]
            a = re.search(word, after, re.IGNORECASE)
            if a:
                found.append((a.start(), group))
    return min(found)[1] if found else None


def _pick(ctx: Context, kind: str, verb: str | None, senior: bool, leaders: bool = False) -> str | None:
    """The measure of `kind` whose labels hold the verb (and "senior", "leaders" as said)."""
    forms = set(lexicon.words()["verbs"].get(verb or "", [])) | {verb or ""}
    best = None
    for notation, c in ctx.vocab.measures.items():
        if c.kind != kind:
            continue
        words = " ".join([c.pref, *c.alt, *c.hidden, notation.replace("_", " ")]).lower()
        if not any(re.search(rf"\b{re.escape(f)}\b", words) for f in forms if f):
            continue
        if ("senior" in words) != senior or ("leaders" in words or "commanders" in words) != leaders:
            continue
        best = best or notation
    return best
