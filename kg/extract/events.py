"""Events: killings and captures in active and passive voice, with the date (at the precision
written), the place, the actor and the operation; captivities; named operations.

  "X was killed in 2022 in Daraa province"       "a U.S. airstrike killed X"
  "X, the leader of Y, was killed on 1 March 2008 when the air force bombed his camp in Z"
  "until 4 November 2011, when he was killed by troops in Z during Operation W"
  "..., killing X"      "X died in a drone strike"     "X was abducted by Y on 23 February 2002"
The victim is a person named in the text: a country, a group or an unnamed victim is none.
Event verbs are general English (kg/extract/data/words.toml)."""

from __future__ import annotations

import re
from typing import Any

from kg.extract import lexicon, phrases, refs, tellers
from kg.extract.context import Context, append_quote
from kg.extract.dates import DateSpan
from kg.extract.masked import NICKNAME, ORG, ORG_OR_COUNTRY, PLACE, D, Masked, P
from kg.names import normalize

OPERATION = r"\bOperation(?:\s+(?:[A-Z][\w'’-]*|de|of|the))*\s+[A-Z][\w'’-]*"
WHO = rf"(?:{P}|\b[Hh]e\b|\b[Ss]he\b)"
FUNCTION_WORDS = frozenset({"in", "on", "at", "and", "or", "during", "when", "while", "after", "before", "near", "as",
                            "by", "for", "from", "to", "with", "where", "since", "until", "of", "but", "which"})
# ", the group's treasurer," or ", a cousin of ⟦P⟧ seen as his heir,": an aside about the name before it
# (and ", known as ⟦P⟧,", ", nicknamed "⟦P⟧",", ", whose real name was ⟦P⟧,": another name of the one
# before; "U.S." keeps its dots)
ASIDE = (r"(?:,(?:[^,.;⟦]|(?<=[A-Z])\.){0,80}(?:(?:⟦[^P]\d+⟧|⟦P\d+⟧['’]s|(?<=\bas\s)⟦P\d+⟧|(?<=\bwas\s)⟦P\d+⟧|"
         + NICKNAME + r"|(?<=\bis\s)⟦P\d+⟧|(?<=\balias\s)⟦P\d+⟧)(?:[^,.;⟦]|(?<=[A-Z])\.){0,80})*,"  # ", Y's deputy,"
         r"|,\s+(?:a|an|the|his|her|its|their)\s[^,.;⟦]{0,60}(?:⟦[A-Z]\d+⟧[^,.;⟦]{0,60})*,)?")
# "killed his predecessor, ⟦P⟧", "detained a senior commander of ⟦G⟧, ⟦P⟧"
# Who acts, before an active verb: from a word or a name's token (a sentence may open with one), not
# from inside a token, which would hide the name ("⟦G0⟧ fighters killed X" has "G0⟧ fighters")
AGENT = r"(?P<agent>(?:^|\b(?<!⟦)|(?=⟦))[^.;]{0,40}?)"
# Who tells it, before the doer: "according to Z,", "Z said (that)"
TOLD_BY = (r"\b(?i:according\s+to|reporting\s+by)\b[^,]*,\s*"
           r"|\b(?:said|says|announced|reported|confirmed|claimed|stated)\s+(?:that\s+)?")
COUNTED = r"⟦N\d+⟧\s+(?:[A-Za-z-]+\s+){0,2}?[a-z]+s,\s+"  # "kidnapped two Dutch journalists, X and Y"
APPOSITION = r"(?:his|her|its|their|the|a|an|⟦P\d+⟧['’]s)\s+(?:[^,.;⟦]|⟦[GOCL]\d+⟧){0,60}?,\s+"  # "X's brother, Y"
# Nouns of an attack, which an event happens in or is done by ("died in a strike", "a raid on D captured X")
# What stands between "on"/"in" and an event's date: "in early D", "on the night of D", "on the date of D"
BEFORE_DATE = r"(?:early\s+|late\s+|mid-|the\s+(?:night|morning|evening|afternoon|eve|day|date)\s+of\s+)?"
ATTACKS = r"(?:strike|airstrike|raid|attack|bombing|explosion|ambush|clash|fighting|shelling|assault|blast)"


def find(ctx: Context) -> None:
    verbs = lexicon.words()["verbs"]
    nouns = {"killing": "killing|assassination|murder|execution|beheading",  # not "death": it may be natural
             "capture": "capture|arrest|abduction|kidnapping|detention"}
    for seg in ctx.sentences:
        mk = Masked(ctx, seg)
        _operations(ctx, mk)
        for ftype, passive, active in (("killing", verbs["killing"], verbs["killing_active"]),
                                       ("capture", verbs["capture"], verbs["capture_active"])):
            v = "|".join(map(re.escape, passive))
            a = "|".join(map(re.escape, active))
            now = "|".join(map(re.escape, verbs[f"{ftype}_present"]))
            forms = [
                (rf"(?P<v>{WHO})(?:{ASIDE}|,)\s+(?:who\s+)?(?:was|were|had been|has been|is|are)\s+"
                 rf"(?P<adv>(?:also|later|reportedly|"
                rf"allegedly|reported|believed to have been|said to have been)\s+)*(?:{v})\b"),
                rf"{AGENT}\b(?:{a})\s+(?:{APPOSITION}|{COUNTED}|(?:(?!\bof\b|\band\b)[^.;,⟦]){{0,50}}?)"
                rf"(?P<v>{P})(?!\s*(?:'s|’s))",
                rf",\s+(?:{'killing' if ftype == 'killing' else 'capturing'})\s+(?P<v>{P})",
                rf"{AGENT}\b(?:{a})\s+(?P<v>\bhim\b|\bher\b(?!\s+[a-z]))",  # "… killed him"
                # "the killing of X", "the arrest of the group's spokesman, X"
                rf"\b[Tt]he\s+(?:{nouns[ftype]})\s+of\s+(?:{APPOSITION})?(?:[A-Z][\w.-]*\s+){{0,3}}?(?P<v>{P})"
                rf"(?!\s*(?:'s|’s))",  # "the murder of Judge X"
            ]
            forms += [
                # "DATE - Police arrest X, …": the present of a chronology, the name right after the verb
                rf"{AGENT}(?<!\bto\s)(?<!\bnot\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)\b"
                rf"(?:{now})\s+(?:{APPOSITION})?(?P<v>{P})(?!\s*(?:'s|’s))",  # not "tried to arrest X"
                # "X, killed in 2019 by …," (a participle after the name); "X's arrest in 2015" (not "X's killing of")
                rf"(?P<v>{P}),\s+(?:(?:later|also)\s+)?(?:{v})\s+(?=(?:in|on|by|during|near|when)\b)",
                # "X, a Swedish tourist seized in Y in A" (not "X, a friend of those killed in A")
                rf"(?P<v>{P}),\s+an?\s+(?:(?!(?:of|who|whose|with|for|and)\b)[A-Za-z-]+\s+){{1,3}}?(?:{v})\s+"
                rf"(?=(?:in|on|by|during|near|when)\b)",
                rf"(?P<v>{P})['’]s\s+(?:{nouns[ftype]})\b(?!\s+(?:of|by)\b)",
                # "gunmen abducted 7 people on D, including the ferry captain, X": one of those counted
                rf"{AGENT}\b(?:{a})\s+(?:[^.;⟦]|⟦[NL]\d+⟧){{0,60}}?(?:(?:on|in)\s+(?P<d>{D})(?:[^.;⟦]|⟦[NL]\d+⟧){{0,30}}?)?"
                rf",\s+(?:including|among\s+them)\s+"
                rf"(?:{APPOSITION})?(?P<v>{P})",
            ]
            if ftype == "killing":
                forms.append(rf"(?P<v>{WHO}){ASIDE}(?:,\s+who)?\s+(?:had\s+)?died\s+(?=(?:in|during|when)\s+"
                             rf"(?:an?\s+|the\s+)?[^.;]{{0,30}}?\b{ATTACKS}\b)")  # "X, who died in a strike"
                dead = r"(?:the\s+dead|those\s+killed|the\s+slain|the\s+fatalities)"
                forms += [rf"\b{dead}\s+(?:included|include)\s+(?:{APPOSITION})?(?P<v>{P})",  # "the dead included X"
                          rf"\b[Aa]mong\s+{dead}(?:(?:[^.;⟦]|⟦[^PD]\d+⟧){{0,60}}?\b(?:on|in)\s+(?P<d>{D}))?"
                          rf"(?:[^.;⟦]|⟦[^P]\d+⟧){{0,60}}?\s+(?:was|were)\s+(?:{APPOSITION})?(?P<v>{P})"]
            for i, form in enumerate(forms):
                for m in re.finditer(form, mk.text):
                    others = _others(mk, m, i)
                    together = [mk.span(at, at + len(tok)) for tok, at in others]  # one telling: one quote for all
                    _event(ctx, mk, m, ftype, together=together)
                    for other in others:
                        _event(ctx, mk, m, ftype, other, together)
        _held_since(ctx, mk)
        _captivity(ctx, mk)
        _freed_together(ctx, mk)
        _sentencing(ctx, mk)
    _not_happened(ctx, verbs)
    _hold_undated(ctx)


def _others(mk: Masked, m: re.Match[str], form: int) -> list[tuple[str, int]]:
    """The other victims of one telling: "X, Y and Z were killed" (before a passive verb),
    "a strike killed X, 40, and Y" (after an active one), "X was arrested together with Y",
    "a raid captured X, along with his wife, Y"; a name's aside or role ("X, the group's
    treasurer, and Y", "X and his deputy Y") is no break."""
    age = r"(?:,\s*(?:⟦N\d+⟧|\d{1,3}),)?"
    aside = r"(?:,\s+(?:a|an|the|his|her|its|their)\s(?:[^,.;⟦]|⟦[A-Z]\d+⟧){0,60},)?"  # ", the group's treasurer,"
    joint = r"(?:,\s+|,?\s+and\s+(?:(?:his|her|their)\s+[a-z-]+\s+)?)"  # "X and his deputy Y"
    also = r"\b(?:together|along)\s+with"
    if form == 0:
        head = mk.text[:m.start("v")]
        chain = re.search(rf"(?:{P}{age}{aside}{joint})+$", head)
        if chain and re.search(r",\s+(?:a|an|the|his|her|its|their)\s[^,.;]*\b(?:of|for|from|by|with)\s[^,.;]*$",
                               head[:chain.start()]):
            chain = None  # it opens inside a long aside ("X, a friend of the late Z, and Y"): Z is no victim
        if chain and re.search(r"\b(?:of|for|with|by|from|to)\s+$", head[:chain.start()]):
            chain = None  # "A cousin of Z, Y, was arrested": Z belongs to the words before, no victim
        # each member's own name, not one in its aside ("X, a friend of Z, and Y": not Z)
        found = [(t.group(1), chain.start() + t.start(1))
                 for t in re.finditer(rf"({P}){age}{aside}{joint}", chain.group(0))] if chain else []
        also += r"|,\s+as\s+(?:was|were)|;\s+so\s+(?:was|were)"  # "…, as was Y", "…; so was his deputy, Y"
        end = m.end()
    elif form == 1:
        chain = re.match(rf"(?:{age}{aside}{joint}{P})+", mk.text[m.end():])
        found = [(t.group(1), m.end() + t.start(1))
                 for t in re.finditer(rf"{age}{aside}{joint}({P})", chain.group(0))] if chain else []
        end = m.end() + (chain.end() if chain else 0)
    else:
        return []
    names = rf"(?:{P}{age}{aside}{joint})*{P}"  # "…, as were Y and Z"
    along = re.match(rf"(?:[^.;⟦]|⟦[^P]\d+⟧){{0,80}}?(?:{also})\s+(?:{APPOSITION})?({names})", mk.text[end:])
    return found + ([(t.group(0), end + along.start(1) + t.start()) for t in re.finditer(P, along.group(1))]
                    if along else [])


# What asks or pays for an event that has not happened: "a reward for the capture of X", "information
# leading to the arrest of X", "a warrant for the arrest of X", "calls for the arrest of X"
_SOUGHT = (r"\b(?i:reward|bounty|warrants?|calls?|called|calling|demand(?:s|ed|ing)?|information|appeal(?:s|ed)?)\b"
           r"[^.;:]{0,60}?\b(?:for|to|towards?)\s+(?:the|his|her|their)\s+"
           r"(?:arrest|capture|killing|detention|apprehension|extradition)\s+of\s+$")


def _unreal(mk: Masked, m: re.Match[str]) -> bool:
    """Whether the event is only supposed, not told: "would take over if X were killed", "unless
    X is arrested", "threatened to kill X", "could have killed X". A hypothetical event drafted as
    one that happened would be a wrong fact, so none is drafted."""
    head = mk.text[:m.start("v")]
    if re.search(r"\b(?i:if|unless|lest)\b[^.;:,]{0,100}$", head):  # in its own clause ("Asked if …, police said")
        return True
    if re.search(_SOUGHT, head):  # "a reward for information leading to the arrest of X": no arrest yet
        return True
    verb_at = m.end("agent") if m.groupdict().get("agent") is not None else None
    # "threatened to kill X", not "managed to arrest X" nor "claimed to have killed X" (told as done)
    wish = r"(?:threaten|vow|plan|tr(?:y|ie)|attempt|seek|sought|want|intend|aim|hope|prepar|plot|call)\w*\s+to"
    modal = rf"\b(?:{wish}|would|could|might|may|should|will|shall|must|can|cannot)\s+(?:not\s+)?(?:have\s+)?$"
    return verb_at is not None and bool(re.search(modal, mk.text[:verb_at]))


# Words that deny or refute what a report tells, after it ("reports that X was killed were
# false", "…, but the group has denied it") or before it ("the army denied that X was killed").
_REFUTED_AFTER = (r"\b(?:were|was|is|are|proved|proven|turned\s+out\s+to\s+be)\s+(?:\w+\s+)?"
                  r"(?:false|untrue|wrong|unfounded|baseless|inaccurate|fabricated)\b"
                  r"|\b(?:den(?:y|ies|ied)|refuted|rejected|dismissed)\s+(?:it|this|that|them|the\s+(?:report|claim|account)s?"
                  r"|(?:such\s+)?(?:report|claim|rumou?r)s?)\b(?!\s+(?:of|about|on)\b)"  # not "the reports of a truce"
                  # "X was reported killed, but she reappeared": the victim is alive
                  r"|\bbut\s+(?:he|she|they)\s+(?:later\s+)?(?:reappeared|resurfaced|survived|(?:was|were|is|are)\s+"
                  r"(?:later\s+)?(?:found|seen|shown)\s+alive|(?:is|are|was|were)\s+(?:still\s+)?alive)\b")
_REFUTED_BEFORE = (r"\b(?:den(?:y|ies|ied)|refuted|rejected|dismissed|contested|disputed)\s+"
                   r"(?:(?:the\s+)?(?:report|claim|rumou?r)s?\s+)?that\b"
                   r"(?:(?!\b(?:said|says|told|added|announced)\b)[^.;])*$")  # not "which denied that …, said X was…"


def _verb_at(m: re.Match[str]) -> int:
    """Where the event's own words begin: after the doer of an active verb, whose span may hold
    who tells or denies it ("officials said gunmen killed X"), else where the match begins."""
    return m.end("agent") if m.groupdict().get("agent") is not None else m.start()


def _disputed(ctx: Context, mk: Masked, m: re.Match[str], ftype: str) -> bool:
    """Whether the sentence refutes or disputes the event it tells: the event is not drafted (as
    stated, it would be a wrong fact and end the victim's term), and the reviewer is told why."""
    after = re.search(_REFUTED_AFTER, mk.text[m.end():])
    found, base = (after, m.end()) if after else (re.search(_REFUTED_BEFORE, mk.text[:_verb_at(m)]), 0)
    if not found:
        return False
    start, end = mk.span(m.start(), m.end())
    said_start, said_end = mk.span(base + found.start(), base + found.end())  # the article's words, not the masks
    ctx.draft.review.append(f"a {ftype} told as disputed or refuted ('{ctx.text[said_start:said_end].strip()}') was "
                            f"not drafted: '{ctx.text[start:end]}'")
    return True


def _not_happened(ctx: Context, verbs: dict[str, list[str]]) -> None:
    """The article's own word that an event did not happen ("X was not killed", "…; he was not
    killed and is in hospital", often in a correction): no telling of it is drafted, whoever told
    it, for it would be a wrong fact. A corrected sentence is read too: its denial stands."""
    for seg in ctx.prose:
        mk = Masked(ctx, seg)
        for ftype in ("killing", "capture"):
            v = "|".join(map(re.escape, verbs[ftype]))
            for m in re.finditer(rf"(?P<v>{WHO})\s+(?:was|were|had|has)\s+not\s+(?:been\s+)?(?:{v})\b", mk.text):
                before = mk.tokens(mk.text[:m.start()], "P")  # "he": the last person named before it
                victim = mk.ref(m.group("v") if m.group("v").startswith("⟦") else (before[-1] if before else None))
                told = [f for f in ctx.draft.facts if f["type"] == ftype and f.get("victim") == victim]
                for f in told:
                    ctx.draft.facts.remove(f)
                    start, end = mk.match_span(m)
                    ctx.draft.review.append(f"a {ftype} the article says did not happen ('{ctx.text[start:end]}') was "
                                            f"not drafted: '{f['quote']}'")


def _hold_undated(ctx: Context) -> None:
    """An event whose date no telling of it gave is held for review: its date is most often
    told elsewhere ("that night", the year of an attack the paragraph before) and an event
    without it would be taken as dateless."""
    for f in ctx.draft.facts:
        if f["type"] in ("killing", "capture") and not f.get("date") and not f.get("review"):
            f["review"] = "no date was found for the event in its sentence: add the date"


def _event(ctx: Context, mk: Masked, m: re.Match[str], ftype: str, other: tuple[str, int] | None = None,
           together: list[tuple[int, int]] | None = None) -> None:
    """Draft the event matched by `m` (its victim the group "v", or `other`: token, position);
    `together` are where the other victims of the same telling are named, for its quote."""
    token, at = other or (m.group("v"), m.start("v"))
    if _unreal(mk, m):
        return
    if _disputed(ctx, mk, m, ftype):
        return
    subject = other is not None or m.start("v") == m.start()  # the victim is the verb's subject
    if subject and re.search(r",\s+(?:who|whom|whose|which)\b[^,;]*$", mk.text[:at]):
        return  # "X, who founded it with his brother Y, was killed": Y is no subject of the verb
    victim, why = refs.person(ctx, mk, token, at)
    if victim is None or ctx.draft.entities.get(victim, {}).get("type") != "Person":
        return
    rest = _clause(mk.text, m.end())
    if re.search(r",\s+(?:who|which)\b[^,;]*$", mk.text[:m.end()]):
        # "X, who was captured in Y, was sentenced on D": D and what follows are not its (but "in Y, Z, in D" is)
        rest = re.split(r",\s+(?!⟦|[A-Z]|(?:in|on|at|near|during)\b)", rest, maxsplit=1)[0]
    spans = [mk.match_span(m), mk.span(at, at + len(token)), *(together or [])]
    fields: dict[str, Any] = {"victim": victim}
    inferred = {"victim": why} if why else {}
    adverbs = m.groupdict().get("adv") or ""
    hedge = re.search(r"reported|believed|said|allegedly", adverbs)
    date = _date(mk, m, rest, spans)
    if date is not None:
        fields["date"] = date.value
        if date.inferred:
            inferred["date"] = date.inferred
    perpetrator = _actor(ctx, mk, m, rest, spans)
    if perpetrator:
        fields["perpetrator"] = [perpetrator]
        why_actor = _demonym(ctx, mk, perpetrator)
        if why_actor:
            inferred["perpetrator"] = why_actor
    aside = re.match(r",\s+(?:a|an|the|his|her|its|their)\s[^,.;]{0,80},", rest)  # "X, a figure in Y, in Z"
    skip = aside.end() if aside else 0
    place = _place(mk, m.end() + skip, rest[skip:], spans)
    if place is None and m.groupdict().get("agent") is not None:
        place = _attack_place(mk, mk.text[:m.start("v") if "v" in m.groupdict() else m.start()], spans)
    if place:
        fields["place"] = [place]
    op = re.search(rf"\b(?:in|during|as part of)\s+(?:an?\s+|the\s+)?(?:[^.;,]{{0,60}}?\s)?({OPERATION})", rest)
    if op:
        fact = _operation_named(ctx, mk, op.group(1), m.end() + op.start(1))
        if fact:
            fields["part_of"] = fact["id"]
            spans.append(mk.span(m.end(), m.end() + op.end()))
    if hedge:
        phrase = m.group(0)[m.start("adv") - m.start():m.end("adv") - m.start()].strip()
        fields.update(certainty=_certainty(ctx, m), hedge=phrase)
    said_by, review = _teller(ctx, mk, m, fields, spans, inferred)
    same = next((f for f in ctx.draft.facts if f["type"] == ftype and f["victim"] == victim
                 and (ftype == "killing" or not fields.get("date")  # a capture told again without its date
                      or str(f.get("date", ""))[:4] == str(fields.get("date", ""))[:4])), None)
    if same is None:
        months = "|".join(m.capitalize() for m in lexicon.months() if len(m) > 3)
        unresolved = None if date is not None else re.search(
            rf"\b(?:in|on|since|during|by)\s+(?:early\s+|late\s+|mid-)?(?:{months})\b", rest)
        if unresolved:
            review = f"the date '{unresolved.group(0)}' has no year here: add the date"
        ctx.fact(ftype, spans, fields, inferred, review=review, said_by=said_by)
        return
    for key, value in fields.items():  # the same event told again: add what this telling gives
        finer_date = key == "date" and len(str(value)) > len(str(same.get(key))) \
            and str(value).startswith(str(same.get(key)))
        if key not in same or finer_date or (key == "place" and _finer(ctx, value, same[key])):
            same[key] = value
            if key in inferred:
                same.setdefault("inferred", {})[key] = inferred[key]
            for q in _as_list(ctx.quote(spans)):
                append_quote(same, q, said_by)  # "the group confirmed that X had died on D": the group's words


def _certainty(ctx: Context, m: re.Match[str]) -> str:
    """The certainty of the hedge before the verb ("is believed to have been killed": believed)."""
    adverbs_at = m.start("adv") - m.start()
    found = [n for _, end, n in phrases.find(phrases.certainties(ctx.vocab), m.group(0)) if end > adverbs_at]
    return found[0] if found else "reported"


def _teller(ctx: Context, mk: Masked, m: re.Match[str], fields: dict[str, Any], spans: list[tuple[int, int]],
            inferred: dict[str, str]) -> tuple[str, str | None]:
    """(said_by, review note) of an event the sentence gives to someone ("X said", "according to
    X"), as a figure's: told by the doer, it is the doer's claim ("the group said it had killed
    Y"); told by someone the draft does not name, or with a hedged doer, it is held for review.
    Told as the article's own, it would read as a fact the article states."""
    from kg.extract import attribution  # it imports this module's adjective()

    mk = attribution.past_relatives(mk, m.start(), m.end())  # "Z, which denied …, said": Z tells it
    said_by, notes = "article", []
    source, source_span, _ = attribution.source(ctx, mk)
    teller = (source, source_span) if source else \
        attribution.speaker(ctx, mk, mk.text[:_verb_at(m)]) or _person_said(ctx, mk, m) or \
        attribution.teller_after(ctx, mk, m.end()) or \
        attribution.saying(ctx, mk, mk.text[:_verb_at(m)])  # "G issued a statement saying its fighters had killed Y"
    by_group = None if teller else tellers.group_after(ctx, mk, m.end()) or tellers.group_before(
        ctx, mk, re.sub(rf"{APPOSITION}$", "", mk.text[:m.start()]))  # "…, the rebels said", "the group said that …"
    if by_group and by_group[0]:
        teller = (by_group[0], by_group[1])
        fields["note"] = by_group[2]
    elif by_group:
        notes.append(f"'{by_group[2]}' tell the event, and no one group is in context: add said_by")
    if teller and teller[0]:
        said_by = teller[0]
        spans.append(teller[1])
        agent = m.groupdict().get("agent") or ""
        if not fields.get("perpetrator") and source and re.search(r"\b(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?$",
                                                                   agent):
            fields["perpetrator"] = [source]  # "X said that it had killed Y": X is the doer
            pronoun = re.findall(r"\b(?:it|they|we)\b", agent)[-1]
            inferred["perpetrator"] = f"'{pronoun}' is {ctx.draft.entities.get(source, {}).get('name', source)}, " \
                                      "who tells it"
        if said_by in fields.get("perpetrator", []):
            fields["certainty"] = "claimed"
    unnamed = attribution.unnamed_after(mk.text[m.end():])
    # "the army says the group's leader, X, was killed": told by someone unnamed across the victim's apposition
    before = tellers.unnamed_before(re.sub(rf"{APPOSITION}$", "", mk.text[:m.start()]))
    if said_by == "article" and "certainty" not in fields and unnamed:
        fields.update(certainty=unnamed[0], hedge=unnamed[1])
        at = mk.text.find(unnamed[1], m.end())
        spans.append(mk.span(at, at + len(unnamed[1])))
    elif said_by == "article" and "certainty" not in fields and not by_group and (_told_here(mk, m) or before):
        notes.append("someone tells the event ('… said', 'according to …') and the draft did not take who: "
                     "add said_by and the certainty")
    agent_at = m.start("agent") if m.groupdict().get("agent") is not None else None
    claimed = re.search(r"\b(?:claim(?:s|ed)?|said|says)\s+to\s+(?:have\s+)?$", m.group("agent") or "") \
        if agent_at is not None else None
    if claimed and agent_at is not None and "certainty" not in fields:  # "X claimed to have killed Y": X's claim
        fields.update(certainty="claimed" if "claim" in claimed.group(0) else "reported",
                      hedge=claimed.group(0).strip())
        spans.append(mk.span(agent_at + claimed.start(), agent_at + claimed.end()))
        notes.append("a claim: check who claims it (said_by) and the perpetrator")
    doer = None if claimed else _doer_hedge(ctx, mk, m)  # 'claimed to have' is the claim, noted above
    if doer and fields.get("perpetrator"):
        notes.append(f"the doer is hedged ('{doer}'): check the perpetrator")
    return said_by, "; ".join(notes) or None


def _told_here(mk: Masked, m: re.Match[str]) -> bool:
    """Whether someone tells this event: "X said" in its clause before it, or closing the
    clause after it ("…, police said"), or "according to X" in its sentence; not "a week after
    X said the group was finished"."""
    teller = r"(?:\b(?!(?i:a|an|the)\s)[A-Za-z]+|⟦[GOCPL]\d+⟧)\s+(?:said|say|says|reported|told\s+[a-z]+)\b"
    return bool(any(re.search(teller + r"[^,;]*$", mk.text[:at]) for at in {m.start(), _verb_at(m)})
                or re.search(r"\b(?:saying|claiming|stating|announcing)\b(?:[^,;]|⟦P\d+⟧)*$", mk.text[:_verb_at(m)])
                or re.search(r"\b(?i:according\s+to)\b", mk.text)
                or re.match(r"[^.;]{0,200}?" + teller + r"(?=\s*[,.;]|\s*$)", mk.text[m.end():])
                # closing the sentence with an adjunct: "…, police said at the time", "…, the army said in a statement"
                or re.match(r"[^.;]{0,200}?,\s+(?:the\s+)?" + teller
                            + r"\s+(?:on|in|at|later|afterwards|then|last|this)\b[^,.;]{0,30}(?=\s*[.;]|\s*$)",
                            mk.text[m.end():]))


def _person_said(ctx: Context, mk: Masked, m: re.Match[str]) -> tuple[str, tuple[int, int]] | None:
    """The person who tells the event before it, without "that": "General X said Y was killed"."""
    # no comma after the verb: not "X said the talks failed, and Y was killed"
    verb = rf"({P})\s+(?:also\s+|later\s+)?(?P<v>said|says|claimed|announced|confirmed|stated)\s+(?:[^;,⟦]|⟦[^P]\d+⟧)*$"
    heads = (mk.text[:m.start()], mk.text[:_verb_at(m)],  # before the doer too: "X said the gunmen, …, shot dead Y"
             re.sub(rf"{APPOSITION}$", "", mk.text[:m.start()]))  # "X says the group's leader, Y, was captured"
    said = next((found for found in (re.search(verb, head) for head in heads) if found), None)
    eid = mk.ref(said.group(1)) if said and not tellers.object_of(said.string[:said.start()]) else None
    if said is None or eid is None or ctx.draft.entities.get(eid, {}).get("type") != "Person":
        return None
    return eid, mk.span(said.start(), said.end("v"))


def _doer_hedge(ctx: Context, mk: Masked, m: re.Match[str]) -> str | None:
    """A hedge on who did it: "the gunmen, believed to be X fighters, shot dead Y", "killed by
    suspected X militants"."""
    doer = m.groupdict().get("agent") or ""
    by = re.match(r"\s*by\s+[^.;⟦]{0,40}", mk.text[m.end():])
    text = doer + " " + (by.group(0) if by else "")
    found = phrases.find(phrases.certainties(ctx.vocab), text)
    if found:
        return text[found[0][0]:found[0][1]]
    suspected = re.search(r"\b(?:suspected|alleged|presumed|presumably|apparently)\b", text)
    return suspected.group(0) if suspected else None


def _as_list(quote: list[str] | str) -> list[str]:
    return quote if isinstance(quote, list) else [quote]


def _clause(text: str, at: int) -> str:
    """The rest of the clause: up to the next sentence-internal break or another event."""
    rest = text[at:]
    stop = re.search(r";|(?<!\b[A-Z])\.\s|\bwhile\b|\bbefore\s+(?:he|she)\b|\band\s+(?:he|she)\b|\bwho\b", rest)
    return rest[:stop.start() if stop else len(rest)]


def _date(mk: Masked, m: re.Match[str], rest: str, spans: list[tuple[int, int]]) -> Any:
    """The event's own date: "on/in D" after the verb (not in an aside about the victim: "X,
    said to have led Y since D, in Z"); else "D, when X was killed" before it."""
    describing = r"said|believed|reported|thought|who|whom|a|an|the|his|her|its|their|another"
    aside = re.match(rf",\s+(?:{describing})\b[^;,]{{0,80}},", rest)
    skip = aside.end() if aside else 0
    rest = rest[skip:]
    said = re.search(r",\s+(?:[^,;]{0,60}?\s)?(?:said|says|told|announced|confirmed|added|stated)\b", rest)
    rest = rest[:said.start()] if said else rest  # ', officials said on Thursday': the saying's day
    after = re.search(rf"\b(?:(?:on|in|since|during)\s+{BEFORE_DATE}|early\s+|late\s+|\b(?:in|during)\s+the\s+(?={D}\s+"
                      rf"{ATTACKS}))({D})", rest)  # "in the March 12 raid"
    if after:
        noun = re.match(rf"\s+{ATTACKS}\b", rest[after.end():])
        spans.append(mk.span(m.end(), m.end() + skip + after.end() + (noun.end() if noun else 0)))
        return mk.slot(after.group(1)).ref  # type: ignore[union-attr]
    if m.groupdict().get("d"):  # "among those killed on D was X"
        spans.append(mk.span(m.start("d"), m.end("d")))
        return mk.slot(m.group("d")).ref  # type: ignore[union-attr]
    for tok in re.finditer(D, rest):  # "was hanged at dawn today": a day told relative to the article's own
        ref = getattr(mk.slot(tok.group(0)), "ref", None)
        if ref is not None and re.match(r"(?i)(?:today|yesterday|this\s)", ref.text):
            spans.append(mk.span(m.end(), m.end() + skip + tok.end()))
            return ref
    head = mk.text[:m.start("v") if "v" in m.groupdict() else m.start()]
    before = re.search(rf"({D}),?\s+when\s+[^.;]{{0,80}}$", head) or re.search(  # "In March 2017, X was arrested"
        rf"(?:^|[,;]\s*|\bthat\s+)(?:[Ii]n|[Oo]n|[Dd]uring)\s+{BEFORE_DATE}({D}),?\s+(?:[^.;⟦]|⟦[^DP]\d+⟧){{0,80}}$",
        head)
    if not before and re.search(r",\s+(?:killing|capturing|abducting|kidnapping)\s+$", head):  # "..., killing X"
        before = re.search(rf"\b(?:in|on)\s+({D})[^.;]{{0,60}}$", head)
    if not before and m.groupdict().get("agent") is not None:
        before = _attack_date(head)
    if before:
        spans.append(mk.span(before.start(1), m.end()))
        return mk.slot(before.group(1)).ref  # type: ignore[union-attr]
    entry = mk.ctx.entry_date(mk.seg.start)  # "DATE - X is captured in Y": the chronology entry's date
    if entry is not None and not re.search(D, re.sub(rf"^\s*{D}\s*[-–—:]\s", "", head)):
        spans.append((entry.start, entry.end))
        return entry
    return None


# where an attack that does the deed opens its clause: the sentence, a comma, or a telling
# ("the ministry said the strike on D killed X")
ATTACK_OPENS = r"(?:^|[,;:—]\s*|\b(?:said|says|reported|stated|confirmed|announced|claimed)\s+(?:that\s+)?)"


def _attack_date(head: str) -> re.Match[str] | None:
    """The date of an attack that opens the clause and does the deed: "An airstrike on D killed
    X", "A raid in D captured Y", "The D bombing killed Z"; not "police investigating the
    bombing in D arrested Y", whose attack is another event than the arrest."""
    opening = (rf"{ATTACK_OPENS}(?:(?:[Aa]n?|[Tt]he)\s+(?:[A-Z][\w.-]*\s+)?)?"  # "An Israeli", "The joint"
               r"(?:(?:(?![a-z]+ing\b)[a-z-]+|⟦[COG]\d+⟧)\s+){0,3}?")  # "drone", "⟦C0⟧ air"
    then = r"(?:(?!\b(?:who|which|that)\b)[^.;⟦]|⟦[CLGO]\d+⟧){0,60}$"  # up to the verb, no clause of its own
    return re.search(rf"{opening}{ATTACKS}s?\b(?:[^.;⟦]|⟦[CL]\d+⟧){{0,40}}?\b(?:on|in)\s+{BEFORE_DATE}"
                     rf"({D})(?!\s*[-–]){then}", head) \
        or re.search(rf"(?:^|[,;:—]\s*)(?:[Aa]n?|[Tt]he)\s+({D})\s+(?:[a-z-]+\s+){{0,2}}{ATTACKS}s?\b{then}", head)


def _attack_place(mk: Masked, head: str, spans: list[tuple[int, int]]) -> str | None:
    """The place of an attack that opens the clause and does the deed: "An attack on a checkpoint
    in X killed Y", as _attack_date finds its date; the last place named in the attack's words
    is the most specific ("a raid in X, Z" is in X, the first)."""
    opening = (rf"{ATTACK_OPENS}(?:(?:[Aa]n?|[Tt]he)\s+(?:[A-Z][\w.-]*\s+)?)?"
               r"(?:(?:(?![a-z]+ing\b)[a-z-]+|⟦[COG]\d+⟧)\s+){0,3}?")
    found = re.search(rf"{opening}{ATTACKS}s?\b(?:\s+(?:on|against)\s+(?:an?|the)\s+(?:[a-z-]+\s+){{0,2}})?"
                      rf"\s*\b(?:in|near|outside)\s+(?:the\s+)?(?:[a-z-]+\s+){{0,2}}?(?:of\s+)?({PLACE})"
                      rf"(?:\s+(?:on|in)\s+{BEFORE_DATE}{D})?\s+(?:(?!\b(?:who|which|that|in|near)\b)[^.;,⟦]){{0,40}}$",
                      head)  # then the verb, with no clause or other place of its own
    if found is None:
        return None
    spans.append(mk.span(found.start(1), found.end(1)))
    return mk.ref(found.group(1))


def _actor(ctx: Context, mk: Masked, m: re.Match[str], rest: str, spans: list[tuple[int, int]]) -> str | None:
    """Who did it: "killed by Y", "by Y forces", "by soldiers of Y", or the organisation or country that opens an
    active sentence ("a U.S. airstrike killed X", "Y fighters kidnapped X")."""
    people = "|".join([*lexicon.words()["nouns"]["members"], "soldiers", "troops", "forces", "officers", "agents",
                       "units", "police", "policemen"])
    words = r"(?:(?!(?:of|from|for|with|to)\s)[a-z'’-]+\s+|⟦T\d+⟧\s+){0,3}?"  # "the army's 4th"; not "a relative of"
    by = re.match(rf"\s*by\s+(?:an?\s+|the\s+)?{words}(?:(?:{people})\s+(?:of|from)\s+(?:the\s+)?)?"
                  rf"({ORG_OR_COUNTRY})", rest)  # "by Y forces", "by soldiers of the Y"
    if by:
        spans.append(mk.span(m.end(), m.end() + by.end()))
        return mk.ref(by.group(1))
    strike = re.match(rf"\s*(?:in|during|by)\s+(?:an?|the)\s+({ORG_OR_COUNTRY})\s+(?:[a-z-]+\s+){{0,2}}?"
                      r"(?:strike|airstrike|air strike|raid|bombing)\b", rest)
    if strike:  # "killed in a U.S. drone strike"
        spans.append(mk.span(m.end(), m.end() + strike.end()))
        return mk.ref(strike.group(1))
    agent = m.groupdict().get("agent")
    if agent:
        agent = re.split(r"—|–|\s-\s|⟦D\d+⟧", agent)[-1]  # not the dateline's place or date
        agent = re.split(TOLD_BY, agent)[-1]  # "according to Z, Y fighters killed X": Z tells it, Y did it
        tokens = mk.tokens(agent, "GOC")
        # 'X of Y', 'an operation in Y': Y is no doer
        if len(tokens) == 1 and not re.search(r"\b(?:of|with|against|for|to|in|near|at|inside|outside|across)"
                                              r"\s+(?:the\s+)?⟦", agent):
            return mk.ref(tokens[0])
    return None


def _finer(ctx: Context, place: list[str], than: list[str]) -> bool:
    """Whether a place told later is more specific than a country told before."""
    kind = {e: ctx.draft.entities.get(e, {}).get("type") for e in [*place, *than]}
    return all(kind[e] == "Country" for e in than) and all(kind[e] not in ("Country", None) for e in place)


def _demonym(ctx: Context, mk: Masked, eid: str) -> str | None:
    """Why a country named only by its demonym here ("an X-ian strike") is the actor."""
    entity = ctx.draft.entities.get(eid, {})
    known = {normalize(n) for n in [entity.get("name", ""), *entity.get("aliases", [])]}
    written = [ctx.text[x.start:x.end] for x in ctx.mentions_in(mk.seg.start, mk.seg.end) if x.eid == eid]
    if written and not any(normalize(w) in known for w in written):
        return f"'{written[0]}': {entity.get('name', eid)}"
    return None


def _place(mk: Masked, at: int, rest: str, spans: list[tuple[int, int]]) -> str | None:
    """The most specific place named for the event ("in X, Y" is X); a
    country named as an adjective ("a U.S. drone strike") is no place."""
    towns = "|".join(map(re.escape, lexicon.word_set("places", "towns")))  # "in the capital, X"
    for m in re.finditer(rf"\b(?:in|near|outside|at)\s+(?:the\s+)?(?:(?:[a-z-]+\s+){{0,3}}?(?:of\s+)?|"
                         rf"(?:{towns}),\s+)({PLACE})", rest):
        if adjective(rest, m.start(1), m.end(1)):
            continue
        if re.search(r"\b(?:in|near|outside|at)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(?:of\s+)?[A-Z]", rest[:m.start()]):
            return None  # "at a farm in X, in southern Y": X, a place the gazetteers lack, is the event's
        spans.append(mk.span(at, at + m.end()))
        return mk.ref(m.group(1))
    return None


def adjective(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] qualifies a noun ("a U.S. drone strike")."""
    nxt = re.match(r"\s+([a-z-]+)", text[end:])
    ok = lexicon.word_set("places", "words") | FUNCTION_WORDS
    return bool(nxt and nxt.group(1) not in ok) or bool(re.search(r"\b(?:a|an)\s+$", text[:start]))


def _operations(ctx: Context, mk: Masked) -> None:
    for m in re.finditer(OPERATION, mk.text):
        _operation_named(ctx, mk, m.group(0), m.start())


def _operation_named(ctx: Context, mk: Masked, name: str, at: int) -> dict[str, Any] | None:
    """The operation fact named `name` (drafted once, from the sentence that names it first)."""
    name = re.sub(r"\s+(?:in|of|the|de)$", "", name.strip())
    found = next((f for f in ctx.draft.facts if f["type"] == "operation" and f.get("name") == name), None)
    if found:
        return found
    start, _ = mk.span(at, at + len(name))
    if ctx.text[start:start + len(name)] != name:
        return None
    fields: dict[str, Any] = {"name": name}
    spans = [(start, start + len(name))]
    rest = mk.text[at + len(name):]
    before = mk.text[:at]
    by = re.search(rf"\b(?:raid|strike|operation|offensive|assault|attack)\s+"
                   rf"(?:carried out\s+|conducted\s+|led\s+)?by\s+"
                   rf"(?:the\s+)?({ORG_OR_COUNTRY})", rest[:80])
    launched = re.search(rf"({ORG_OR_COUNTRY})(?:\s+and\s+[^⟦.;]{{0,30}})?\s+"
                         rf"(?:launched|began|conducted|carried out)\s+$", before)
    actor = by or launched
    if actor:
        fields["conducted_by"] = [mk.ref(actor.group(1))]
        spans.append(mk.span(at + len(name) + actor.start(), at + len(name) + actor.end()) if by
                     else mk.span(actor.start(), at))
    honour = re.match(r"\s*,?\s*(?:named\s+)?in hono(?:u)?r of\b", rest)
    honoured = name.removeprefix("Operation ").strip()
    if honour:
        person = next((eid for eid, e in ctx.draft.entities.items()
                       if e["type"] == "Person" and e["name"] == honoured), None)
        if person:
            fields["named_in_honour_of"] = person
            spans.append(mk.span(at, at + len(name) + honour.end()))
    return ctx.fact("operation", spans, fields)


HELD = r"(?:hostage|captive|prisoner)"
# "X, the nurse held by G since D," / "X, who has been held hostage by G since D" / "G has held X since D"
HELD_SINCE = (rf"(?P<v>{P})(?:,\s+(?:a|an|the)\s[^,.;⟦]{{0,60}}?|,)?\s+(?:who\s+)?(?:(?:has|had)\s+been\s+|"
              rf"(?:was|is)\s+(?:being\s+)?)?held\s+(?:{HELD}\s+)?by\s+(?:the\s+)?(?P<g>{ORG})\s+since\s+(?P<d>{D})",
              rf"(?P<g>{ORG})(?:\s*\({ORG}\))?\s+(?:has|had)\s+held\s+(?P<v>{P})\s+(?:{HELD}\s+)?since\s+(?P<d>{D})")
RELEASED = r"(?:was|were|has\s+been|had\s+been)\s+(?:later\s+)?(?:released|freed|set\s+free)\s+(?:on|in)\s+(?P<e>{D})"
# held now, as the article is written: "G is (also) holding (an Italian engineer,) X" / "X is still held by G"
HELD_NOW = (rf"(?P<g>{ORG})(?:\s*\({ORG}\))?\s+(?:is|are)\s+(?:also\s+|still\s+)?(?:holding|detaining)\s+"
            rf"(?:(?:a|an|the)\s(?:[^,.;⟦]|⟦[CL]\d+⟧){{0,60}}?,\s+)?(?P<v>{P})",
            rf"(?P<v>{P})(?:,\s+(?:a|an|the)\s[^,.;⟦]{{0,60}}?,)?\s+(?:is|remains)\s+(?:still\s+)?(?:being\s+)?"
            rf"held\s+(?:{HELD}\s+)?by\s+(?:the\s+)?(?P<g>{ORG})(?!\s+since)")
# the day the captivity began, in a clause after the name: ", who was kidnapped in P in D"
TAKEN_ON = (rf",\s+who\s+was\s+(?:kidnapped|abducted|seized|captured|taken\s+(?:hostage|captive))\b"
            rf"(?:[^.;⟦]|⟦[^D]\d+⟧){{0,60}}?\b(?:in|on)\s+(?P<d>{D})")


def _held_since(ctx: Context, mk: Masked) -> None:
    """A captivity told by its holder and start ("X, held by G since D"), ended where the same
    sentence says X was released on a day ("…, was released on E"); or told as going on when the
    article was written ("G is holding X, who was kidnapped in D"), with the day it began if a
    clause after the name gives it."""
    for form in (*HELD_SINCE, *HELD_NOW):
        for m in re.finditer(form, mk.text):
            victim, holder = mk.ref(m.group("v")), mk.ref(m.group("g"))
            spans = [mk.match_span(m)]
            began = m.groupdict().get("d") or _taken_on(mk, m, spans)
            start = _day(mk, began) if began else None
            if victim is None or holder is None or (start is None and "d" in m.groupdict()) \
                    or ctx.draft.entities.get(victim, {}).get("type") != "Person":
                continue
            fields: dict[str, Any] = {"victim": victim, "perpetrator": [holder]}
            inferred = {"start": start.inferred} if start and start.inferred else {}
            if start:
                fields["start"] = start.value
            freed = re.match(rf"[^.;]{{0,40}}?\b{RELEASED.format(D=D)}", mk.text[m.end():])
            end = _day(mk, freed.group("e")) if freed else None
            if freed and end is not None:
                fields["end"] = end.value
                if end.inferred:
                    inferred["end"] = end.inferred
                spans.append(mk.span(m.end(), m.end() + freed.end()))
            if ctx.is_fact("captivity", victim=victim):
                continue
            said_by, review = _teller(ctx, mk, m, fields, spans, inferred)
            ctx.fact("captivity", spans, fields, inferred, review=review, said_by=said_by)


# what a court gives: "to life in prison", "to death", "to 20 years (in prison) (each)", "jailed for 20 years"
PENALTY = (r"(?P<pen>life(?:\s+(?:in\s+prison|imprisonment|sentences?))?|death|(?:⟦N\d+⟧|\d+|several|two|three|"
           r"four|five|six|seven|eight|nine|ten)\s+(?:years?|months?|life\s+sentences)(?:\s+in\s+(?:prison|jail))?)")
AGED = r"(?:,\s+(?:⟦N\d+⟧|\d{1,3})(?=,))?"  # "X, 33,"
NAMES = rf"(?:{P}{AGED}(?:(?:,\s+|,?\s+and\s+){P}{AGED})*|\bhim\b|\bher\b)"  # "X, 33, Y, 36, and Z"
CLOSED = r"(?:,(?=\s+(?:was|were|had|has)\b))?"  # "Its spokesman, X, was sentenced": the apposition's close
SENTENCED = (  # a court (or someone) sentenced X to P; X was sentenced (by Y) to P; X was jailed for P
    rf"{AGENT}\b(?:sentenced|sentences)\s+(?:(?:{APPOSITION})|(?:(?:[a-z]+|⟦N\d+⟧)\s+){{0,3}}?(?:⟦[GO]\d+⟧\s+)?"
    rf"[a-z]+,\s+|the\s+defendants?\s+)?(?P<v>{NAMES}){ASIDE},?\s+(?:each\s+)?to\s+{PENALTY}",
    rf"(?P<v>{NAMES}){ASIDE}{CLOSED}\s+(?:was|were|had been|has been)\s+(?:later\s+)?sentenced\s+"
    rf"(?:(?:by|in)\s+[^,.;]{{0,60}}?\s+)?(?:each\s+)?to\s+{PENALTY}",
    rf"(?P<v>{NAMES}){ASIDE}{CLOSED}\s+(?:was|were|had been|has been)\s+(?:later\s+)?jailed\s+for\s+"
    rf"{PENALTY}",
    # the sentencing as the second verb of one subject: "X was arrested in Y in D and sentenced to
    # P in E" (no other person between, whose sentence it could be)
    rf"(?P<v>{NAMES}){ASIDE}{CLOSED}\s+(?:was|were|had been|has been)\s+[a-z]+ed\b"
    rf"(?:[^.;⟦]|⟦[^P]\d+⟧){{0,80}}?,?\s+and\s+"
    rf"(?:(?:was|were|later|then)\s+)*sentenced\s+(?:(?:by|in)\s+[^,.;]{{0,60}}?\s+)?(?:each\s+)?to\s+{PENALTY}",
)


def _sentencing(ctx: Context, mk: Masked) -> None:
    """A sentence passed on a person, with its penalty in the court's words, its day, and the
    court where the draft names it (a court the article leaves unnamed is left out)."""
    for form in SENTENCED:
        for m in re.finditer(form, mk.text):
            if re.search(r"\b(?:not|never|could|would|will|may|might|faces?|facing)\s+(?:be\s+)?$",
                         mk.text[:m.start("v")] if m.groupdict().get("agent") is None else m.group("agent")):
                continue  # "could be sentenced to death": no sentence was passed
            rest = _clause(mk.text, m.end())
            spans = [mk.match_span(m)]
            date = _date(mk, m, rest, spans) or _day_before(mk, m)
            court = re.search(rf"({ORG_OR_COUNTRY})", m.groupdict().get("agent") or "") or re.search(
                rf"\bby\s+(?:the\s+)?({ORG_OR_COUNTRY})", m.group(0) + rest)
            if court and not m.groupdict().get("agent") and court.start() >= len(m.group(0)):
                spans.append(mk.span(m.end(), m.end() + court.end() - len(m.group(0))))
            for token in re.findall(rf"{P}|\bhim\b|\bher\b", m.group("v")):
                defendant, why = refs.person(ctx, mk, token, m.start("v") + m.group("v").index(token))
                if defendant is None or ctx.draft.entities.get(defendant, {}).get("type") != "Person" \
                        or ctx.is_fact("sentencing", defendant=defendant):
                    continue
                fields: dict[str, Any] = {"defendant": defendant, "penalty": ctx.text[slice(*mk.match_span(m, "pen"))]}
                inferred: dict[str, str] = {"defendant": why} if why else {}
                if court and mk.ref(court.group(1)):
                    fields["by"] = [mk.ref(court.group(1))]
                if date is not None:
                    fields["date"] = date.value
                    if date.inferred:
                        inferred["date"] = date.inferred
                own = list(spans)  # each defendant's item, with its teller's words where one tells it
                said_by, review = _teller(ctx, mk, m, fields, own, inferred)
                ctx.fact("sentencing", own, fields, inferred, review=review, said_by=said_by)


# "Both were freed in D", "The two men were released on D": the end of the captivity of the two
# people captured in the sentence just before (with another number of captives, who is meant is unclear)
FREED_TOGETHER = (r"^\s*(?P<who>[Bb]oth(?:\s+(?:men|women|of\s+them))?|[Tt]he\s+two(?:\s+[a-z]+)?)\s+"
                  r"(?:were|have\s+been|had\s+been)\s+(?:later\s+)?(?:released|freed|set\s+free)\s+"
                  rf"(?:on|in)\s+(?P<e>{D})")


def _freed_together(ctx: Context, mk: Masked) -> None:
    """"Both were freed in D": a captivity from each capture of the sentence before, ended on D."""
    m = re.match(FREED_TOGETHER, mk.text)
    end = _day(mk, m.group("e")) if m else None
    before = ctx.sentence_before(mk.seg)
    if m is None or end is None or before is None:
        return
    told = ctx.text[before.start:before.end]
    taken = [f for f in ctx.draft.facts if f["type"] == "capture" and "review" not in f
             and any((q if isinstance(q, str) else q["text"]) in told for q in _as_list(f["quote"]))]
    if len({f["victim"] for f in taken}) != 2:
        return
    for capture in taken:
        if ctx.is_fact("captivity", victim=capture["victim"]):
            continue
        fields = {"victim": capture["victim"], "perpetrator": list(capture.get("perpetrator") or []),
                  "start": capture.get("date"), "end": end.value}  # a copy: no YAML alias
        inferred = {"victim": f"'{m.group('who')}': the two captured in the sentence before"}
        if end.inferred:
            inferred["end"] = end.inferred
        spans = [mk.match_span(m)]
        said_by, review = _teller(ctx, mk, m, fields, spans, inferred)
        fact = ctx.fact("captivity", spans, fields, inferred, review=review, said_by=said_by)
        for q in _as_list(capture["quote"]):
            append_quote(fact, q)


def _day_before(mk: Masked, m: re.Match[str]) -> DateSpan | None:
    """"A court on Monday (today) sentenced X": the day told between the court and its verb."""
    on = re.search(rf"(?:\b(?:on|in)\s+)?({D})\s+$", m.groupdict().get("agent") or "")
    return _day(mk, on.group(1)) if on else None


def _taken_on(mk: Masked, m: re.Match[str], spans: list[tuple[int, int]]) -> str | None:
    """The date token of ", who was kidnapped … in D" right after the match, its span added."""
    taken = re.match(TAKEN_ON, mk.text[m.end():])
    if taken is None:
        return None
    spans.append(mk.span(m.end(), m.end() + taken.end()))
    return taken.group("d")


def _day(mk: Masked, token: str) -> DateSpan | None:
    slot = mk.slot(token)
    return slot.ref if slot is not None and isinstance(slot.ref, DateSpan) else None


def _captivity(ctx: Context, mk: Masked) -> None:
    """"X was held (hostage) for two years": a captivity of the last person captured."""
    for m in re.finditer(r"\bheld\s+(?:hostage\s+|captive\s+|prisoner\s+)?for\s+(?P<n>⟦N\d+⟧)\s+(?P<u>years?|months?)",
                         mk.text):
        capture = next((f for f in reversed(ctx.draft.facts) if f["type"] == "capture"), None)
        count = mk.slot(m.group("n"))
        if capture is None or count is None:
            continue
        unit = "Y" if m.group("u").startswith("year") else "M"
        fields = {"victim": capture["victim"], "perpetrator": capture.get("perpetrator"), "start": capture.get("date"),
                  "duration": f"P{count.ref.value}{unit}"}  # type: ignore[attr-defined]
        if not ctx.is_fact("captivity", victim=capture["victim"]):
            fact = ctx.fact("captivity", [mk.match_span(m)], fields)
            for q in _as_list(capture["quote"]):
                append_quote(fact, q)
