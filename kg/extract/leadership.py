"""Leadership: who held which role in which organisation, from when to when, and who came
before or after. Role names and role verbs are the vocabulary's (kg.extract.phrases).

  "X, the Nth leader of Y"       "Y's Nth emir X"          "X was named the fifth leader of Y"
  "Y named X as its new leader"  "X led Y from A to B"     "X, who heads Y" / "X had led the group since A"
  "X succeeded Z" / "his predecessor Z" / "named X as his successor"
  "Y was founded in A by X and Z" / "X, who founded Y" / "its founder X"
A term ended by the holder's killing ends on its date (`ended_by`)."""

from __future__ import annotations

import re
from typing import Any

from kg.extract import founding, lexicon, phrases, refs, tellers
from kg.extract.context import Context, append_quote
from kg.extract.dates import DateSpan
from kg.extract.masked import ORG_OR_COUNTRY, PLACE, D, Masked, N, P, T
from kg.extract.terms import add_term, more_quote

MODS = r"(?:(?:new|former|late|current|top|self-declared|self-styled|interim|acting|founding|overall|supreme|" \
       r"military|senior|longtime|slain|then|alleged|chief|international|political|spiritual|de facto)\s+){0,3}"
HEDGE = r"(?:believed to be|thought to be|said to be|reported to be|reportedly|understood to be)"
GROUP = rf"(?:{refs.GROUP_REF}|[Ii]ts|[Tt]heir|\b[Ii]t\b)"
# "X, whom the police described as …", "X, identified by investigators as …": someone else's word
TOLD = (r"(?:whom\s+(?:[^,;.⟦]|⟦[GOC]\d+⟧){1,40}?\s+(?:described|describes|called|calls|identified|identifies|"
        r"considered|considers|regarded|regards|named|names)\s+as|(?:who\s+(?:is|was|has been)\s+)?"
        r"(?:described|identified|regarded|considered|named)\s+by\s+(?:[^,;.⟦]|⟦[GOC]\d+⟧){1,40}?\s+as)")
# "leader of the militant group Y", "president of the victims' association Y", "the X-based group Y": what Y
# is, before its name
KIND_OF_BODY = (r"(?:(?:[a-z'’-]+|⟦[CL]\d+⟧-[a-z]+)\s+){0,2}(?:group|movement|organi[sz]ation|network|coalition|"
                r"alliance|militia|outfit|association|party|union|faction)\s+")
TITLE = r"(?:[A-Z][a-z]{1,4}\.\s+)?"  # "by Gen. X"
# "led by Z's son, X", "led by his deputy, X": who X is to someone, between "by" and the name
BY_KIN = r"(?:(?:⟦P\d+⟧['’]s|his|her|its|their)\s+(?:[a-z-]+\s+){0,2}[a-z-]+,\s+)?"
# words before a top role that make it the head of a part or a side of the group, not the group's
QUALIFIED = {"military", "political", "spiritual", "religious", "ideological", "senior", "regional", "provincial",
             "local", "field", "international"}
# a role without an article after a naming: "was appointed head of Y", "became leader of Y"
BARE = r"(?<=named )|(?<=appointed )|(?<=elected )|(?<=chosen )|(?<=became )|(?<=becomes )"
VERB_FORMS = 6  # the forms of kg.extract.leadership.find that name the role by a verb, listed last
SUCCEEDED = r"succeeded|replaced|took over from|succeeds|replaces|takes over from"  # X <verb> Z: Z held the post
TAKE_UP = (r"(?:takes|took|take|taking|has taken|had taken)\s+over|(?:steps|stepped|step)\s+in|took office|"
           r"takes office|(?:serves|served|would serve|will serve|to serve|has served|had served)|"
           r"(?:acts|acted|will act|would act|will also act)")


def find(ctx: Context) -> None:
    roles = f"(?i:{phrases.pattern(phrases.role_words(ctx.vocab))})"
    verbs = phrases.pattern(phrases.role_verbs(ctx.vocab))
    role = rf"(?P<role>(?:{roles})(?:\s+and\s+{MODS}(?:{roles}))?(?:[\s-]+(?:{roles}))*)"
    org = rf"(?:(?:the\s+)?(?:{KIND_OF_BODY})?(?P<org>{ORG_OR_COUNTRY})|(?P<grp>{GROUP}))"
    kind = "|".join(w for w in lexicon.word_set("groups", "words") if " " not in w and not w.endswith("s"))
    det = (rf"(?:(?P<det>[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?:{MODS}(?P<ao>{ORG_OR_COUNTRY})\s+)?"
           rf"(?:(?P<kind>(?i:{kind}))\s+(?={MODS}(?:{roles})))?|"
           rf"(?P<kind2>(?i:{kind}))\s+(?={MODS}(?:{roles})\s+{P})|"  # "Rebel spokesman X": the article's group
           rf"(?P<pp>{P})(?:'s|’s)\s+|"
           rf"(?P<bo>{ORG_OR_COUNTRY})\s+(?={MODS}(?:{roles}))|"  # "Y leader X", "X, Y commander"
           rf"(?:[Tt]he\s+)?(?P<po>{ORG_OR_COUNTRY})(?:'s|’s)\s+|(?P<pg>{GROUP})(?:'s|’s)?\s+)")
    forms = [
        # X, (who is believed to be) the Nth leader of Y / X, Y's leader / X, commander of Y
        # "X, known as Z, the …", "X (the leader of Y)"
        (rf"(?P<p>{P})(?:,\s+|\s*\(\s*)(?:(?:also\s+|better\s+)?known\s+as\s+[^,;.]{{1,40}},\s+)?"
         rf"(?:who\s+(?:is|was|has been|had been|became|remains|remained)\s+)?(?:(?P<hedge>{HEDGE})\s+)?"
         rf"(?:(?P<told>{TOLD})\s+)?"
        rf"{det}?(?:(?P<ord>{T})\s+)?{MODS}(?:(?!(?:{roles})\b)[a-z-]+\s+)?{role}(?:\s+(?:of|for)\s+{org})?(?![\w-])"),
        # Y's Nth emir X / Turkish President X / its founder X / A spokesman for Y, X
        rf"{det}(?:(?P<ord>{T})\s+)?{MODS}{role},?\s+(?:[A-Z][\w.]*\s+){{0,3}}(?P<p>{P})",
        rf"(?P<det>[Aa]n?|[Tt]he)\s+{MODS}{role}\s+(?:of|for)\s+{org},\s+(?P<p>{P})",
        # Y's leader is (believed to be) X
        (rf"{det}(?:(?P<ord>{T})\s+)?{MODS}{role}(?:\s+(?:of|for)\s+{org})?\s+(?:is|was|has been|remains)\s+"
         rf"(?:now\s+|still\s+)?(?:(?P<hedge>{HEDGE})\s+)?{TITLE}(?P<p>{P})"),
        # X was (named) the fifth leader of Y / X became Y's leader
        (rf"(?P<p>{P}|^\s*(?:He|She))(?:,(?:[^,;.⟦]|⟦[^P]\d+⟧){{1,90}},)?\s+"
         rf"(?:is|was|became|becomes|has become|has been|had been|remains|remained)\s+"
         rf"(?:(?P<named>named|appointed|elected|chosen)\s+)?"
        rf"(?:as\s+)?(?:{det}|{BARE})(?:(?P<ord>{T})\s+)?{MODS}{role}"
        rf"(?:\s+(?:of|for)\s+{org})?(?![\w-])"),
        # ..., with X as his deputy
        rf"(?P<p>{P})(?:,\s+{N},|,(?=\s+(?:will|would|also|had|has)\b))?\s+(?:(?P<named>{TAKE_UP})\s+)?as\s+{det}"
        rf"(?:(?P<ord>{T})\s+)?"
        rf"{MODS}{role}(?:\s+(?:of|for)\s+{org})?(?![\w-])",
        # Y named X as its new leader
        (rf"{org}\s+(?:(?:on|in)\s+(?P<nd>{D})\s+|[^.,⟦]{{0,30}}?\s)?(?:has |have |had )?"
         rf"(?P<named>named|appointed|chose|elected|selected)\s+{TITLE}"
        rf"(?P<p>{P})(?:,[^;.]{{0,200}}?,)?\s+(?:as\s+)?(?:its|their|the)\s+{MODS}(?:(?P<ord>{T})\s+)?{role}"),
        # X proclaimed himself emir of Y / X succeeded Z as leader of Y
        (rf"(?P<p>{P}|\b[Hh]e|\b[Ss]he)(?:,\s+{N},)?\s+(?:(?:later|then|also|soon)\s+)?(?P<named>proclaimed|declared|crowned)\s+"
         rf"(?:himself|herself)\s+(?:as\s+)?(?:{det})?(?:(?P<ord>{T})\s+)?{MODS}{role}"
         rf"(?:\s+(?:of|for)\s+(?:an?\s+)?{org})?(?![\w-])"),
        # X stepped down as its leader in A (the end of the term)
        (rf"(?P<p>{P}|\b[Hh]e|\b[Ss]he)(?:,[^;.]{{1,90}}?,)?\s+"
         rf"(?P<named>(?P<quit>stepped down|resigned|was ousted|was removed|retired|quit))\s+as\s+"
         rf"(?:{det})?(?:(?P<ord>{T})\s+)?{MODS}{role}(?:\s+(?:of|for)\s+{org})?(?![\w-])"),
        (rf"(?P<p>{P}|\b[Hh]e|\b[Ss]he)(?:,\s+{N},)?\s+(?P<named>succeeded|replaced|took over from|succeeds|replaces|"
         rf"takes over from)\s+(?P<prev>{P}|him|her)\s+as\s+"
         rf"(?:{det})?(?:(?P<ord>{T})\s+)?{MODS}{role}(?:\s+(?:of|for)\s+{org})?(?![\w-])"),
        # Y, a rebel group led by X / Y, led by X
        (rf"(?:(?:the\s+)?(?P<org>{ORG_OR_COUNTRY})|(?P<grp>{GROUP}))(?:\s*\(⟦[GO]\d+⟧\))?,\s+"
         rf"(?:(?:a|an|the|which is|which was)\s+[^,;⟦]{{0,40}}?)?"
         rf"(?P<verb>led|headed|commanded|founded|run)\s+(?:[a-z]+ly\s+)?by\s+{BY_KIN}{TITLE}(?P<p>{P})"),
        # Y is led by X / X as his deputy
        rf"{org}\s+(?:is|was|are|were|has been|had been)\s+(?P<verb>led|headed|commanded|run)\s+"
        # "Y were commanded from A by X", "Y is led politically by X"
        rf"(?:(?:from|since)\s+(?P<nd>{D})\s+)?(?:[a-z]+ly\s+)?by\s+{BY_KIN}{TITLE}(?P<p>{P})",
        # X led Y since A / X, who heads Y
        rf"(?P<p>{P}|\b[Hh]e|\b[Ss]he)(?:,\s+who|,\s+{N},|,\s+(?P<hedge>(?:said|believed|thought|reported)\s+to\s+have))?"
        # "X took over and has led Y ever since": the taking over is the same term's start
        rf"(?:,?\s+(?:then\s+|later\s+)?(?:took over|took charge|stepped in)\s+and)?"
        rf"\s+(?:had\s+|has\s+|also\s+)*(?P<verb>{verbs})\s+{org}",  # "X, said to have led Y since A"
        # X took over the leadership of Y / X was chosen to lead Y
        (rf"(?P<p>{P}|\b[Hh]e|\b[Ss]he)\s+(?:(?:took|takes|take|has taken|had taken)(?:\s+over)?|assumed|assumes|"
         rf"inherited|(?:was|is)\s+given)\s+(?:the\s+)?(?P<verb>leadership|command|helm)\s+of\s+{org}"),
        # X took over the group in A
        rf"(?P<p>{P}|\b[Hh]e|\b[Ss]he)\s+(?:took|takes|has taken|had taken)\s+(?P<verb>over)\s+{org}(?!['’]s)",
        (rf"(?P<p>{P})\s+(?:was|is|has been|had been)\s+(?:chosen|elected|picked|selected|appointed|named)\s+to\s+"
         rf"(?P<verb>lead|head|command)\s+{org}"),
    ]
    for seg in ctx.sentences:  # the last VERB_FORMS forms name the role by a verb ("led", "took over")
        mk = Masked(ctx, seg)
        # "X succeeds him as emir" last: its organisation is the one he was drafted to hold, in this sentence too
        for i, form in sorted(enumerate(forms), key=lambda x: "?P<prev>" in x[1]):
            for m in re.finditer(form, mk.text):
                _term(ctx, mk, m, verb_form=i >= len(forms) - VERB_FORMS)
        founding.find(ctx, mk)
        _successions(ctx, mk)


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _compound(mk: Masked, m: re.Match[str]) -> bool:
    """Whether the role words are only the first of a person's noun: "the group's chief financier",
    "its military leader figure" name no chief nor leader."""
    if m.groupdict().get("role") is None:
        return False
    nxt = re.match(r"[\s-]+([a-z]+)\b", mk.text[m.end("role"):])
    return nxt is not None and nxt.group(1) in lexicon.word_set("groups", "person_nouns")


def _term(ctx: Context, mk: Masked, m: re.Match[str], verb_form: bool) -> None:
    if _compound(mk, m):
        return
    person, why_p = refs.person(ctx, mk, _group(m, "p"), m.start("p"))
    org_token = _group(m, "org") or _group(m, "po") or _group(m, "ao") or _group(m, "bo")
    det = _group(m, "det") or ""
    org, why_o = refs.org(ctx, mk, org_token, _group(m, "grp") or _group(m, "pg") or det)
    kind = _group(m, "kind") or _group(m, "kind2")
    if org is None and kind and not mk.tokens(mk.text, "G"):
        found = refs.group(ctx, kind)  # "Rebel spokesman X": of the article's group, if no other is named
        org, why_o = found if found else (None, None)
    if org is None and det.lower() in ("his", "her"):
        org, why_o = _org_of_holder(ctx, mk, m.start())
    if org is None and _group(m, "pp"):  # "Noori's deputy, X": in the organisation Noori leads
        org, why_o = _org_of(ctx, mk.ref(_group(m, "pp")))
    if org is None and _group(m, "prev"):  # "X succeeds him as emir": in the organisation he led
        org, why_o = _org_of(ctx, refs.person(ctx, mk, _group(m, "prev"), m.start("prev"))[0])
    if org is None and _group(m, "prev") and not det and not mk.tokens(mk.text, "G"):
        found = refs.group(ctx, "")  # "X succeeded Z as leader": of the article's group, said so
        org, why_o = (found[0], f"no organisation is named: {ctx.draft.entities[found[0]]['name']}, the armed "
                      "group the article is about") if found and found[0] in ctx.draft.entities else (None, None)
    if verb_form:
        verb = (_group(m, "verb") or "").lower()
        notation = phrases.role_verbs(ctx.vocab).get(verb) or phrases.role_verbs(ctx.vocab).get(
            {"led": "led", "headed": "headed", "commanded": "commanded", "founded": "founded", "run": "ran",
             "leadership": "led", "helm": "led", "lead": "led", "head": "headed", "command": "commanded",
             "over": "led"}.get(verb, ""))
        roles = [notation] if notation else []
    else:
        roles = _roles(ctx, _group(m, "role") or "")
        before = mk.text[max(m.start(), m.start("role") - 40):m.start("role")].lower().split()[-3:]
        qualified = " ".join([*before[-1:], (_group(m, "role") or "").lower()])
        if qualified in phrases.role_words(ctx.vocab):  # "its military chief": a role of its own (MODS took "military")
            roles = [phrases.role_words(ctx.vocab)[qualified]]
        elif det.lower() in ("a", "an") or QUALIFIED & set(before):
            # "a senior leader of Y" is one of its leaders, "its military emir" heads a part of
            # it: neither is its leader
            roles = [r for r in roles if r not in ("leader", "ruler", "secretary_general")]
    if _group(m, "role") and re.match(r"\s+(?:in|for)\s+(?:the\s+)?(?:⟦[LC]\d+⟧|(?:north|south|east|west)|[a-z]+ern\b"
                                      r"|[A-Z][a-z]+\b)", mk.text[m.end("role"):]):
        return  # "its leader in Z", "commander for the north": a post in one region, not the group's
    if not _group(m, "prev") and re.search(rf"\b(?:{SUCCEEDED})\s+$", mk.text[:m.start("p")]):
        return  # "X succeeded Z as leader": the post taken is X's; Z's term ends (kg.extract.leadership._successions)
    if re.match(r"(?:'s|’s)\s+(?:[a-z-]+\s+)?[a-z]+\b", mk.text[m.end():]):
        return  # "X headed Y's political wing", "the leader of Y's youth branch": a part of Y
    if re.fullmatch(r"[Ii]ts|[Tt]heir", _group(m, "grp") or "") and re.match(r"\s+[a-z]", mk.text[m.end():]):
        return  # "the leadership of its youth wing": "its" is of something else
    if (not person or not org or person == org or not roles
            or ctx.draft.entities.get(person, {}).get("type") != "Person"):
        return
    if ctx.draft.entities.get(org, {}).get("type") in ("Country", "Region", "City", "Place"):
        return  # a role in a country is no membership of an organisation (the facts format)
    ordinal = mk.slot(_group(m, "ord"))
    spans = [mk.match_span(m)]
    named = bool(_group(m, "named")) or verb_form or " as " in m.group(0) or " became " in m.group(0)
    first, last = _dates(mk, m.end(), named=named, spans=spans, roles=roles, verbs=phrases.role_verbs(ctx.vocab))
    if first is None and _group(m, "nd"):  # "Y on Saturday named X as its new leader"
        first = mk.slot(_group(m, "nd")).ref  # type: ignore[union-attr]
    opening = re.search(rf"(?:^|[,;]\s*)(?:(?P<since>[Ss]ince)|(?:[Ii]n|[Oo]n))\s+({D}),?\s+{TITLE}$",
                        mk.text[:m.start()])
    if opening and not opening.group("since") and (verb_form or not named):
        opening = None  # "In 2015 Y was led by X": a year of the term, not its start
    if first is None and opening:  # "In 2015, X took over as its commander", "Since A, Y has been led by X"
        first = mk.slot(opening.group(2)).ref  # type: ignore[union-attr]
        spans.append(mk.match_span(opening, 2))
    when = re.search(rf"({D}),?\s+when\s+$", mk.text[:m.start()])
    if first is None and named and when:  # "until his death in A, when X succeeds him as emir"
        first = mk.slot(when.group(1)).ref  # type: ignore[union-attr]
        spans.append(mk.match_span(when, 1))
    if _group(m, "quit") and last is None:  # "X stepped down as its leader in A": A ends the term
        first, last = None, first
    start, end = (first.value if first else None), (last.value if last else None)
    inferred = {k: v for k, v in (("person", why_p), ("organization", why_o), ("start", first and first.inferred),
                                  ("end", last and last.inferred)) if v}
    teller = tellers.named_teller(ctx, mk, m.start(), m.end())  # "X says the group's leader, Y, …": X's word
    if teller and teller[0] not in (person, org):
        spans.append(teller[1])
    said_by = teller[0] if teller and teller[0] not in (person, org) else "article"
    unnamed = None if teller else tellers.unnamed_before(mk.text[:m.start()])
    if unnamed:  # the hedge as written, its words in the quote
        at = mk.text.rfind(unnamed[1], 0, m.start())
        spans.append(mk.span(at, at + len(unnamed[1])))
        unnamed = (unnamed[0], ctx.text[spans[-1][0]:spans[-1][1]])
    for notation in roles:
        fields: dict[str, Any] = {"person": person, "organization": org, "role": notation,
                                  "ordinal": ordinal.ref.value if ordinal else None,  # type: ignore[attr-defined]
                                  "start": start, "end": end}
        hedge = _group(m, "hedge")
        if hedge:
            told = "reported" if re.match(r"(?:said|reported)\b", hedge.lower()) else "believed"  # "said to have led"
            fields.update(certainty=phrases.certainties(ctx.vocab).get(hedge.lower(), told), hedge=hedge)
        elif _group(m, "told"):  # "whom the police described as": passed on from someone else
            fields.update(certainty="reported", hedge=ctx.text.__getitem__(slice(*mk.match_span(m, "told"))))
        elif said_by == "article" and unnamed:  # "the army says the group's leader, X, …": their word
            fields.update(certainty=unnamed[0], hedge=unnamed[1])
        add_term(ctx, spans, fields, inferred, said_by)


def _org_of_holder(ctx: Context, mk: Masked, at: int) -> tuple[str | None, str | None]:
    """For "his deputy, X": the organisation the person "his" refers to leads."""
    found = refs.subject_here(ctx, mk, at) if mk.text[:at].strip() else refs.subject_before(ctx, mk)
    if not found:
        return None, None
    org, why = _org_of(ctx, found[0])
    return org, f"'his': {why}" if why else None


def _org_of(ctx: Context, holder: str | None) -> tuple[str | None, str | None]:
    """The organisation a person was drafted to lead or serve, and why."""
    terms = [f for f in ctx.draft.facts if f["type"] == "leadership" and f["person"] == holder]
    if holder is None or not terms:
        return None, None
    org = terms[0]["organization"]
    return org, f"{ctx.draft.entities[holder]['name']}'s, who leads {ctx.draft.entities[org]['name']}"


def _roles(ctx: Context, words: str) -> list[str]:
    """The roles a role phrase names: "deputy secretary-general" is a deputy; "second-in-command
    and chief international spokesman" two roles; "top military commander" a commander."""
    table = phrases.role_words(ctx.vocab)
    out = []
    for part in re.split(r"\s+and\s+", words):
        found = phrases.find(table, part)
        if not found:
            continue
        out.append(found[0][2] if found[0][2] == "deputy" else found[-1][2])
    return out


def _dates(mk: Masked, at: int, named: bool, spans: list[tuple[int, int]], roles: list[str],
           verbs: dict[str, str]) -> tuple[Any, Any]:
    """Start and end written after the role: "since A", "from A to B", "until B", and for a
    naming ("was named ... in A") "in A". Stops at the next clause that names someone. Dates of
    a verb of another role ("X, his deputy, then took over and led the group until B") are not
    this role's."""
    rest = mk.text[at:]
    stop = re.search(r"⟦P\d+⟧|;|\bwhen\b|\bafter\b|\bwas killed\b|\bdied\b", rest)
    window = rest[:stop.start() if stop else len(rest)]
    start = end = None
    # "until his death in 2014", and with how or where between: "until his death in a car
    # bombing in Tessaly in 2014" (no other date in between: the first date is the end)
    ends = (r"(?:(?:his|her)\s+(?:death|killing|arrest|capture|resignation|removal)"
            rf"(?:\s+(?:in|at|during|near)\s+(?:[^⟦,;.]|{PLACE}){{1,50}}?)?\s+(?:in|on)\s+)?")
    m = re.match(rf"(?P<x>[^⟦]{{0,40}}?)\b(?:since|from|between)\s+(?P<a>{D})"
                 rf"(?:\s+(?:to|until|and)\s+{ends}(?P<b>{D}))?", window)
    if m:
        start, end = m.group("a"), m.group("b")
    else:
        m = re.match(rf"(?P<x>[^⟦]{{0,40}}?)\buntil\s+{ends}(?P<b>{D})", window) or (
            re.match(rf"\s*(?:,\s*)?(?:in|on)\s+(?P<a>{D})", window) if named else None) or re.match(
            rf",\s+who\s+(?:took over|took office|stepped in|was\s+(?:named|appointed|elected|chosen))\s+(?:in|on)\s+"
            rf"(?P<a>{D})", window)  # "its new leader, X, who took over in A"
        if m:
            start, end = m.groupdict().get("a"), m.groupdict().get("b")
    x = m.groupdict().get("x") or "" if m else ""
    held = {verbs[w] for w in re.findall(r"[a-z-]+", x) if w in verbs}
    if (held and not held & set(roles)) or re.search(r"\b(?:took over|then|later)\b", x):
        return None, None  # the dates of another post, or of one taken later
    if re.search(r"\b(?:has|have|had|is|was|were|been|lived|went|fled|remained)\b", x) and not re.search(
            r"\b(?:led|headed|commanded|run|ran|served)\b", x):
        return None, None  # "X, its leader, has been in hiding since A": A is no date of the term
    if m:
        spans.append(mk.span(at, at + m.end()))
    return tuple(mk.slot(t).ref if t else None for t in (start, end))  # type: ignore[return-value,union-attr]


def _successions(ctx: Context, mk: Masked) -> None:
    """Who came after whom: drafts `replaces`/`replaced_by` on the terms of both people, in the
    role and organisation one of them is drafted to hold."""
    aside = r"(?:,(?:[^,;.⟦]|⟦[^P]\d+⟧){1,80},)?"  # "X, a former minister, succeeded Z"
    role = r"(?:(?:its|their|his|her|the\s+group's)\s+(?:[a-z-]+\s+){0,2}?[a-z-]+,?\s+)?"  # "from its founder, Z"
    forms = [(rf"(?P<a>{P}|\b[Hh]e|\b[Ss]he)(?:{aside}|,\s+who)\s+(?:succeeded|replaced|took over from|succeeds|"
              rf"replaces|takes over from)\s+{role}"
              rf"(?P<b>{P}|\bhim\b|\bher\b)"
              # "… as the group's commander in A": the post, then the date
              rf"(?:\s+as\s+(?:[^,.;⟦]|⟦[GO]\d+⟧){{1,60}}?(?=\s+(?:in|on)\s+{D}))?"
              rf"(?:\s+(?:in|on)\s+(?P<d>{D}))?", False),
             (rf"(?P<b>{P}|\b[Hh]e|\b[Ss]he)\s+was\s+(?:succeeded|replaced)\s+(?:(?:in|on)\s+{D}\s+)?by\s+"
              rf"(?:(?:his|her)\s+[a-z]+,?\s+)?{TITLE}(?P<a>{P})", False),
             (rf"(?P<b>{P})(?:'s|’s)\s+successor,?\s+{TITLE}(?P<a>{P})", False),  # "X's successor, Z"
             (rf"(?P<a>{P})(?:'s|’s)\s+predecessor,?\s+{TITLE}(?P<b>{P})", False),  # "X's predecessor, Z"
             (rf"(?P<b>{P})(?!\w)(?:[^.⟦]|⟦[^P]\d+⟧){{0,80}}?\b(?:his|her)\s+successor,?\s+{TITLE}(?P<a>{P})",
              False),  # "X was killed in A, and his successor, Z, …"
             (rf"(?P<a>{P}|\b[Hh]e|\b[Ss]he)(?!\w)(?:[^.⟦]|⟦[^P]\d+⟧){{0,80}}?\b(?:his|her)\s+predecessor,?\s+(?P<b>{P})",
              False),  # "X had led the group since A, when his predecessor Z was killed"
             (rf"(?:named|appointed|chose|elected)\s+(?P<a>{P})\s+as\s+(?P<b>his|her)\s+successor", True)]
    for form, b_is_subject in forms:
        for m in re.finditer(form, mk.text):
            a, why_a = refs.person(ctx, mk, m.group("a"), m.start("a"))
            if b_is_subject:
                found = refs.subject_before(ctx, mk)
                b, why_b = found if found else (None, None)
            elif m.group("b") in ("him", "her"):  # "X replaced him": the one this sentence or the one before is about
                here = refs.subject_here(ctx, mk, m.start("b"))
                found = here if here and here[0] != mk.ref(m.group("a")) else refs.subject_before(ctx, mk)
                b, why_b = (found[0], found[1].replace("'He'", f"'{m.group('b')}'").replace(
                    "'he'", f"'{m.group('b')}'")) if found else (None, None)
            else:
                b, why_b = refs.person(ctx, mk, m.group("b"), m.start("b"))
            if a and b and a != b:
                date = mk.slot(m.groupdict().get("d"))
                start = date.ref.value if date and isinstance(date.ref, DateSpan) else None
                _link(ctx, a, b, [mk.match_span(m)], why_a, why_b, start)


def _link(ctx: Context, a: str, b: str, spans: list[tuple[int, int]], why_a: str | None, why_b: str | None,
          start: str | None = None) -> None:
    """`a` came after `b` (from `start`, when told)."""
    # a founder is succeeded by no one; a deputy's successor ("X, his deputy, … Z, X's successor") most often
    # takes another post, which the sentence does not name: neither is the office passed on
    terms = [f for f in ctx.draft.facts
             if f["type"] == "leadership" and f["person"] in (a, b) and f["role"] not in ("founder", "deputy")]
    if not terms:
        return
    model = terms[0]
    for holder, field, other, why in ((a, "replaces", b, why_b), (b, "replaced_by", a, why_a)):
        mine = [f for f in terms if f["person"] == holder and f["organization"] == model["organization"]]
        term = next((f for f in mine if f["role"] == model["role"]), None) or next(  # an emir after a leader
            (f for f in mine if _same_office(ctx, f["role"], model["role"])), None)  # not "his deputy": as leader
        if term is None:
            term = ctx.fact("leadership", spans, {"person": holder, "organization": model["organization"],
                                                  "role": model["role"]},
                            {"organization": f"the role {other} held", "role": f"the role {other} held"})
        elif not term.get(field):
            more_quote(ctx, term, spans)
        if not term.get(field):
            term[field] = other
            if why:
                term.setdefault("inferred", {})[field] = why
        if holder == a and start and not term.get("start"):
            term["start"] = start  # "X succeeded Z in May 2017"


def _same_office(ctx: Context, a: str, b: str) -> bool:
    """Whether one role is the other or narrower than it (a ruler is a leader)."""
    roles = ctx.vocab.roles
    return a == b or b in getattr(roles.get(a), "broader", ()) or a in getattr(roles.get(b), "broader", ())


def end_by_killing(ctx: Context) -> None:
    """A term with no end, of someone the article says was killed after it began, ends then."""
    killings = {f["victim"]: f for f in ctx.draft.facts if f["type"] == "killing" and f.get("date")}
    for f in ctx.draft.facts:
        k = killings.get(f.get("person")) if f["type"] == "leadership" else None
        if k and not f.get("end") and f["role"] != "founder" and str(f.get("start") or "0") <= str(k["date"]):
            f["end"], f["ended_by"] = k["date"], k["id"]
            why = (k.get("inferred") or {}).get("date")
            if why:  # the killing's date is not all in its quotes: nor is the term's end
                f.setdefault("inferred", {})["end"] = f"the date of {k['id']}, {why}"
            quotes = k["quote"] if isinstance(k["quote"], list) else [k["quote"]]
            for q in quotes:
                append_quote(f, q)

