"""Whose figure a statistic is: the armed group it is about, named with what is counted
("44 G operatives"), as its actor ("abducted by G", "G fighters kidnapped", "the number of
children G abducted"), or, for the group's own losses and strength and for people displaced by
"the fighting", the group the article is about (with the reason under `inferred`)."""

from __future__ import annotations

import re

from kg import names
from kg.extract import lexicon, refs
from kg.extract.context import Context
from kg.extract.masked import ORG_OR_COUNTRY, Masked

# the article's group's people or deeds: "its fighters abducted N", "its attacks killed N"
OWN = r"(?:[Ii]ts|[Tt]heir|[Tt]he\s+group's)\s+(?:fighters|militants|gunmen|members|attacks|bombings|raids)"




def subject(ctx: Context, mk: Masked, measure: str, token: re.Match[str] | None, before: str, clause_start: int,
             tail: str, end: int, source: str | None) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """The armed group a figure is about, why (if inferred) and where it is named: with what
    is counted ("44 G operatives"), as its actor ("abducted by G", "G fighters
    kidnapped"), or for the group's own losses and strength, the group the article
    is about."""
    if token:
        return mk.ref(token.group(1)), None, mk.span(end + token.start(1), end + token.end(1))
    if _between_sides(before[clause_start:], tail):
        return None, None, None
    by = re.search(rf"\b(?:by|linked to|attributed to|blamed on|caused by|claimed by)\s+(?:the\s+)?({ORG_OR_COUNTRY})",
                   tail[:80])
    if by and mk.ref(by.group(1)) != source:
        return mk.ref(by.group(1)), None, mk.span(end + by.start(1), end + by.end(1))
    by = re.match(rf"[^.;⟦]{{0,40}}?\b(?:in|during)\s+(?:the\s+)?(⟦G\d+⟧)(?:['’]s)?\s+{ATTACK_NOUNS}(?:s|es)?\b", tail)
    if by and mk.ref(by.group(1)) != source:  # "N people were killed in G attacks"
        return mk.ref(by.group(1)), None, mk.span(end + by.start(1), end + by.end(1))
    blamed = re.search(rf"\b(?:blamed on|attributed to)\s+(?:the\s+)?(?:({ORG_OR_COUNTRY})|({refs.GROUP_REF}))",
                       before[clause_start:])  # "a van bomb blamed on the network explodes, killing N"
    if blamed and (blamed.group(1) or not mk.tokens(before[clause_start:], "G")):
        found = (mk.ref(blamed.group(1)), None) if blamed.group(1) else refs.group(ctx, blamed.group(2))
        if found and found[0] and found[0] != source:
            return found[0], found[1], mk.match_span(blamed, 1) if blamed.group(1) else None
    when = re.match(r"(?:\s+(?:were|was|had been|have been)\s+[a-z]+)?[^.;⟦]{0,30}?\b(?:when|as|after)\s+(?:the\s+)?"
                    r"(⟦G\d+⟧)(?:\s+[a-z]+)?\s+(?:[a-z]+ed|stormed|attacked|opened fire|set off)\b", tail)
    if when and mk.ref(when.group(1)) != source:  # "N people were killed when G fighters attacked a market"
        return mk.ref(when.group(1)), None, mk.span(end + when.start(1), end + when.end(1))
    kind = ctx.vocab.measures[measure].kind
    if kind == "Victims" and _after_other_clause(before[clause_start:]):
        return None, None, None  # "X launched Y two weeks after bombers struck Z, killing N": the bombers' victims
    if kind == "Victims":
        doer = actor(ctx, mk, before[clause_start:], source)
        if doer[0]:
            return doer
        told = _attack_told_before(ctx, mk, before, clause_start, source)
        if told[0]:
            return told
        own = re.search(r"(⟦G\d+⟧)\s+(?:said|says|claimed|announced)\s+(?:that\s+)?(?:it|they)\s+"
                        r"(?:had\s+|has\s+|have\s+)?(?:killed|abducted|kidnapped|wounded|captured)\s+(?:[a-z]+\s+){0,3}$",
                        before[clause_start:])
        if own and mk.ref(own.group(1)) == source:  # "G said it had killed N soldiers": its own deed, told by it
            slot = mk.slot(own.group(1))
            return source, None, (slot.start, slot.end) if slot else None
        cause = re.search(r"\b(?:displaced|uprooted|fled|flee|forced from their homes)\s+(?:[a-z]+\s+){0,3}?"
                          r"(?:by|from|because of|due to)\s+(?:the\s+)?(?P<w>fighting|violence|conflict|clashes|war|"
                          r"siege|offensive|insurgency)\b", before[clause_start:] + " ⟦HERE⟧ " + tail[:120])
        one = len({m.eid for m in ctx.mentions if m.type == "ArmedGroup"}) == 1  # whose war, with two, is unclear
        if cause and measure == "people_displaced" and one:
            found = refs.group(ctx, f"the {cause.group('w')}")  # "displaced by the fighting": the group's war
            if found:
                return found[0], found[1], None
        whose = re.search(r"\bnumber\s+of\s+[a-z]+\s+(?:(?:whom|that)\s+)?(?:the\s+)?(⟦G\d+⟧)\s+(?:had\s+|has\s+)?"
                          r"[a-z]+ed\b|(⟦G\d+⟧)(?:'s|’s)\s+victims\b", before[clause_start:])
        if whose:  # "the number of children G abducted", "G's victims"
            whose_slot = mk.slot(whose.group(1) or whose.group(2))
            return mk.ref(whose.group(1) or whose.group(2)), None, (
                (whose_slot.start, whose_slot.end) if whose_slot else None)
    owner = re.search(rf"({ORG_OR_COUNTRY})(?:'s|’s)\s+(?:[a-z]+\s+)?(?:strength|ranks|size)\b", before[clause_start:])
    if owner and kind != "Victims":  # "estimates of Y's strength range from N to M"
        slot = mk.slot(owner.group(1))
        return mk.ref(owner.group(1)), None, (slot.start, slot.end) if slot else None
    codes = "GO" if kind == "Victims" else "G"  # a country is a victims' subject only as the one who acts
    telling = "|".join(map(re.escape, [*lexicon.words()["verbs"]["speech"], *lexicon.words()["verbs"]["report"],
                                       "estimated", "estimates", "believes", "believe"]))
    for m in reversed(list(re.finditer(rf"(?:^|[,(]\s*|\b(?:[Tt]he|[Aa]n?)\s+)({ORG_OR_COUNTRY})(?!\s*\()",
                                       before[clause_start:]))):
        slot = mk.slot(m.group(1))
        if re.match(rf"\s+(?:(?!(?:has|have|had)\b)[a-z]+\s+){{0,2}}?(?:[a-z]+ly\s+|later\s+|also\s+)?(?:{telling})\b",
                    before[clause_start:][m.end(1):]) and not _claims_attack(before[clause_start:][m.end(1):]):
            continue  # "the UN (refugee agency) later estimated that N …": who tells the figure, not whose it is
        lead, rest = before[clause_start:][:m.start(1)], before[clause_start:][m.end(1):]
        bracket = re.search(rf"{ORG_OR_COUNTRY}\s*\($", lead)
        if bracket:
            lead = lead[:bracket.start()]  # "the Y (YZ)": the bracketed acronym stands where its name does
        if kind == "Victims" and (re.match(r"(?:'s|’s)", rest) or re.search(
                r"\b(?:of|at|on|against|near|outside|into|from|to)\s+(?:the\s+)?$", lead)):
            continue  # "bombs at the headquarters of the Y killed N", "Y's office estimated": not who did it
        if slot and slot.code in codes and slot.ref != source and not re.search(
                r"(?i:according to|reporting by)\s+(?:the\s+)?$", before[clause_start:][:m.start(1)]):
            return mk.ref(m.group(1)), None, (slot.start, slot.end)
    against = re.findall(rf"\bagainst\s+(?:the\s+)?({ORG_OR_COUNTRY})(?:\s+and\s+(?:the\s+)?({ORG_OR_COUNTRY}))?",
                         before[clause_start:] + tail[:80])
    if against:
        groups = [g for pair in against for g in pair if g]
        slot = mk.slot(groups[0])
        if len(groups) == 1 and slot:  # "18 airstrikes against Y": Y named in the quote too
            return mk.ref(groups[0]), None, (slot.start, slot.end)
        return None, None, None
    other = re.match(r"\s*(?:[Tt]he\s+)?(⟦O\d+⟧)", before[clause_start:])
    if kind != "Victims" and other and mk.ref(other.group(1)) != source:
        return None, None, None  # the clause is about another organisation: whose figure is unclear
    if _undrafted_holder(before[clause_start:]):
        return None, None, None  # "Its successor, X, has N members": X, whom the draft does not name
    own = re.search(r"\b(?:its|their)\s+(?:ranks|fighters|members|strength|militants)\b", before[-60:])
    main = refs.main_group(ctx)
    if any(mk.ref(g) != main for g in mk.tokens(mk.text, "G")):
        return None, None, None  # the sentence names another armed group: whose figure is unclear
    by_group = re.search(rf"\b(?:by|of)\s+({refs.GROUP_REF})|^\s*({refs.GROUP_REF})", before[clause_start:]) or \
        re.match(r"[^,;]{0,40}?\b(?:in|by|during)\s+(?P<w>(?:its|their|the\s+group's)\s+(?:attacks?|raids?|bombings?|assaults?|"
                 r"offensive))\b", tail) or \
        re.match(rf"[^,;]{{0,40}}?\b(?:in|during)\s+{ATTACK_NOUNS}(?:s|es)?\b\s+(?:carried\s+out\s+)?by\s+(?P<w>{refs.GROUP_REF})",
                 tail) or \
        re.match(rf"\s+(?:[a-z]+\s+){{0,2}}?(?:were|was|had been|have been)\s+[a-z]+\s+by\s+"
                 rf"(?P<w>{refs.GROUP_REF})", tail)
    # "N soldiers were killed in its attacks", "N villagers were abducted by the group"
    opening = None if by_group else _its_attack_opens(before[clause_start:], tail)
    by_group = by_group or opening
    if own or kind != "Victims" or by_group:  # "gunmen sent by the group stormed a school, killing N people"
        words = own.group(0) if own else (by_group.groupdict().get("w") or by_group.group(0)).strip() if by_group \
            else "the group the figure is about"
        found = refs.group(ctx, words)
        if found:  # "In its deadliest attack, …, N were killed": "its deadliest attack" is quoted as whose
            said = mk.span(clause_start + opening.start("w"), clause_start + opening.end("w")) \
                if opening and not own else None
            return found[0], found[1], said
    return None, None, None


def actor(ctx: Context, mk: Masked, clause: str,
           source: str | None) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """Who did it to the victims counted next: "⟦C⟧ strikes killed N people", "⟦G⟧ fighters
    abducted N"; a country named by its demonym ("Israeli strikes") says so under inferred."""
    verbs = lexicon.words()["verbs"]
    done = "|".join(map(re.escape, [*verbs["killing_active"], *verbs["capture_active"], *verbs["wounded"],
                                    *verbs["displaced"]]))
    m = re.search(rf"(?:({ORG_OR_COUNTRY})|(?<![\w-])({refs.GROUP_REF}|{OWN}))\s+(?:[a-z-]+\s+){{0,2}}?"
                  rf"(?:have\s+|has\s+|had\s+)?(?:{done})\s+"
                  rf"(?:[^;.]*?(?:,|\s+and)\s+(?:{done})\s+)?"
                  rf"(?:(?:[a-z]+\s+){{0,2}}⟦N\d+⟧(?:\s+[a-z-]+){{1,2}},?\s+and\s+)?"  # "… killed N soldiers and"
                  rf"(?:[a-z]+\s+){{0,3}}$", clause)  # "… killed N, wounded"
    if not m and re.search(r",\s+(?:killing|wounding|injuring|abducting|kidnapping)\s+(?:[a-z]+\s+){0,3}$", clause):
        attack = "|".join(map(re.escape, verbs["attack"]))
        subjects = list(re.finditer(rf"(?:^|,\s+|\b[Tt]he\s+|[-–—:]\s+|⟦N\d+⟧\s+)"
                                    rf"(?:({ORG_OR_COUNTRY})|({refs.GROUP_REF}))(?:\s*\({ORG_OR_COUNTRY}\))?"
                                    rf"\s+(?:[a-z]+\s+){{0,2}}(?:{attack}|[a-z]+ed)\b", clause))
        m = subjects[-1] if subjects else None  # "Y stormed it, killing N", "DATE - N Y gunmen attack X, killing N"
    if m and m.group(2) and not mk.tokens(clause, "G"):  # "the group kidnapped N": the article's group
        found = refs.group(ctx, m.group(2))
        return (found[0], found[1], None) if found else (None, None, None)
    if not m or not m.group(1) or mk.ref(m.group(1)) == source:
        return None, None, None
    slot, eid = mk.slot(m.group(1)), mk.ref(m.group(1))
    if slot is None or eid is None:
        return None, None, None
    entity = ctx.draft.entities.get(eid, {})
    written, name = ctx.text[slot.start:slot.end], entity.get("name", eid)
    follow = re.match(r"\s+[a-z-]+", ctx.text[slot.end:])
    words = written + (follow.group(0) if follow else "")
    own = {names.normalize(n) for n in [name, *entity.get("aliases", [])]}
    why = None if names.normalize(written) in own else f"'{words}': by {name}"  # "Israeli strikes": by Israel
    return eid, why, (slot.start, slot.end)


# "fighting between the army and G", "clashes between G and H", "fighting involving G"
BETWEEN = (r"\b(?i:fighting|clash(?:es)?|battles?|combat|hostilities|violence|confrontations?|skirmish(?:es)?|war)\s+"
           r"(?:[^.;⟦]{0,40}?\s)?(?:between|involving|pitting)\b")


def _between_sides(clause: str, tail: str) -> bool:
    """Whether the figure is of fighting between two sides ("fighting between the army and G killed
    N", "N were killed in clashes between G and H"): those it counts are no one side's deed, nor
    its losses, so the figure is no one group's."""
    return bool(re.search(BETWEEN, clause) or re.match(rf"[^;.]{{0,40}}?{BETWEEN}", tail))


def _claims_attack(rest: str) -> bool:
    """Whether the words after a name claim an attack as its own ("claimed the bombing of X, which
    killed N", "claimed responsibility for the attack"): the one who did it, not one who tells."""
    return bool(re.match(rf"\s+(?:later\s+|also\s+)?claim(?:ed|s)?\s+(?:(?:responsibility|credit)\s+for\s+)?"
                         rf"(?:the|an?)\s+(?:[a-z-]+\s+){{0,3}}?{ATTACK_NOUNS}s?\b", rest))


def _after_other_clause(clause: str) -> bool:
    """Whether ", killing N" follows a clause of its own with an unnamed doer ("after bombers
    struck the city, killing N"): those it counts are that clause's victims, not the main one's."""
    return bool(re.search(r"\b(?:after|before|when|while|since|because|until|once)\s+(?:the\s+|a\s+)?"
                          r"(?:[a-z-]+\s+){1,3}(?:[a-z]+ed|struck|hit|blew\s+up|set\s+off|stormed|opened\s+fire)\b"
                          r"(?:[^⟦;]|⟦[CL]\d+⟧)*,\s+(?:killing|wounding|injuring|abducting|kidnapping)\s+"
                          r"(?:[a-z]+\s+){0,3}$", clause))


def _undrafted_holder(clause: str) -> bool:
    """Whether a name the draft does not hold (unmasked, capitalised) has the figure: "Its
    successor, X, has about N members", "X still numbers N"."""
    stop = lexicon.word_set("names", "stop")
    m = re.search(r"(?:^|,\s+)((?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*),?\s+(?:still\s+|now\s+)?"
                  r"(?:has|had|have|numbers|numbered|commands|counts|fields)\b", clause)
    return m is not None and m.group(1).split()[0] not in stop


ATTACK_NOUNS = r"(?:attack|bombing|raid|ambush|assault|blast|explosion|strike|offensive)"


def _its_attack_opens(clause: str, tail: str) -> re.Match[str] | None:
    """"In its deadliest attack, on a school in X on D, N people were killed": an attack of the
    group's opens the clause and the count is passive, with no one else named between (who
    would be the doer)."""
    if not re.match(r"\s+(?:[a-z-]+\s+){0,2}?(?:were|was|had been|have been)\s+[a-z]+ed\b", tail):
        return None
    return re.match(rf"\s*(?:[Ii]n|[Dd]uring)\s+(?P<w>(?:its|their|the\s+group's)\s+(?:[a-z]+\s+)?{ATTACK_NOUNS}s?)\b"
                    r"(?:[^;⟦]|⟦[LDC]\d+⟧)*,\s+(?:(?:at\s+least|more\s+than|about|some|nearly|over)\s+)?$", clause)


def _attack_told_before(ctx: Context, mk: Masked, before: str, clause_start: int,
                        source: str | None) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """"The Y attacked a post in X. The attack killed N soldiers": an attack named back ("the
    attack", "the ambush") that opens the clause is the one the sentence before it in the
    paragraph tells an armed group did; only with one armed group in the paragraph up to here,
    and no other organisation or country in the sentence, else whose victims they are is unclear."""
    m = re.fullmatch(rf"\s*(?P<a>(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[a-z-]+\s+)?{ATTACK_NOUNS}s?)\s+"
                     r"(?:on\s+⟦D\d+⟧\s+)?(?:(?:also|had|has|have)\s+)?[a-z]+\s+"
                     r"(?:(?:at\s+least|more\s+than|about|some)\s+)?(?:⟦N\d+⟧(?:\s+[a-z-]+){1,2},?\s+and\s+"
                     r"(?:(?:at\s+least|more\s+than|about|some)\s+)?)?", before[clause_start:])
    if m is None or mk.tokens(mk.text, "GOC"):
        return None, None, None
    para = ctx.text.rfind("\n", 0, mk.seg.start) + 1
    groups = {x.eid for x in ctx.mentions_in(para, mk.seg.start, {"ArmedGroup"})}
    if len(groups) != 1:
        return None, None, None
    eid = groups.pop()
    attack = "|".join(map(re.escape, lexicon.words()["verbs"]["attack"]))
    if eid == source or not re.search(rf"\b(?:{attack}|{ATTACK_NOUNS}s?)\b", ctx.text[para:mk.seg.start]):
        return None, None, None
    span = mk.span(clause_start + m.start("a"), clause_start + m.end("a"))
    name = ctx.draft.entities.get(eid, {}).get("name", eid)
    return eid, f"'{ctx.text[span[0]:span[1]]}': the attack the paragraph tells {name}, its one armed group, made", span
