"""Who tells a clause that is no event nor figure, such as a leadership: "X says the group's
leader, Y, was …", "according to X, the group's chief Y …", "…, X said." A leadership told
by someone the article names is theirs (`said_by`), not the article's own word; told as the
article's, it would be accepted as a fact the article states."""

from __future__ import annotations

import re

from kg.extract import lexicon
from kg.extract.context import Context
from kg.extract.masked import Masked

NAMED = r"⟦[GOCP]\d+⟧"  # a person, an organisation or a country the draft has
# Words that make the name after them their object ("a spokesman for", "an aide to", "the family of",
# "a witness who saw", "a statement quoting"): the one named does not tell, someone unnamed does
OBJECT_BEFORE = (r"(?:\b(?:for|of|by|with|from|about|against|close\s+to|quoting|saw|who|whom)"
                 r"|(?<![Aa]ccording\s)\bto)\s+(?P<titles>(?:[A-Z][\w.’'-]*\s+)*)$")
TITLES = r"(?:[A-Z][\w.-]*\s+){0,4}"  # "Interior Minister", "army spokesman Col."


def named_teller(ctx: Context, mk: Masked, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """(entity id, article span of its words) of the one the sentence names as telling
    mk.text[start:end]: before it ("X says (that)", "according to X,") with nothing between that
    opens another clause, or closing the sentence after it ("…, X said.", "…, according to X.")."""
    speech = "|".join(re.escape(w) for w in lexicon.words()["verbs"]["speech"] if w != "according to")
    gap = r"(?:[^,;:.\"“⟦]){0,40}$"  # "X says the group's leader": no other clause, name or date between
    before = re.search(rf"(?P<t>{NAMED}),?\s+(?:also\s+|later\s+|has\s+|have\s+)?(?:{speech})\b"
                       rf"(?:\s+(?:on|in)\s+⟦D\d+⟧)?(?:\s+that)?\s+{gap}", mk.text[:start]) or \
        re.search(rf"\b(?i:according\s+to)\s+(?:the\s+)?{TITLES}(?P<t>{NAMED}),\s+{gap}", mk.text[:start])
    if before:
        return _teller(ctx, mk, before, 0)
    closing = re.match(rf"(?:[^;:\"“⟦]|⟦[^P]\d+⟧)*?,\s+(?:(?i:according\s+to)\s+(?:the\s+)?{TITLES}(?P<t>{NAMED})|"
                       rf"(?:the\s+)?{TITLES}(?P<u>{NAMED})\s+(?:{speech})|(?:{speech})\s+(?:the\s+)?{TITLES}"
                       rf"(?P<v>{NAMED}))\s*[.!]?\s*$", mk.text[end:])
    return _teller(ctx, mk, closing, end) if closing else None


def object_of(before: str) -> bool:
    """Whether the name after `before` is the object of its words, with only titles between
    ("a spokesman for Gen. X"; not "Chief of Staff Gen. X", whose "of" is a title's own)."""
    found = re.search(OBJECT_BEFORE, before)
    if found is None or re.search(r"(?:\b[A-Z][\w.’'-]*|⟦[A-Z]\d+⟧)\s+$", before[:found.start()]):
        return False  # "Chief of", "Minister for": a title's own words
    return all(w.lower().rstrip(".") in lexicon.titles() for w in found.group("titles").split())


def unnamed_for(text: str) -> bool:
    """Whether someone unnamed for or about a person tells something in `text` (masked):
    "a spokesman for X said", "the family of X says"."""
    return any(object_of(text[:m.start()]) for m in re.finditer(r"⟦P\d+⟧,?\s+(?:said|says|told|claimed)\b", text))


def _teller(ctx: Context, mk: Masked, m: re.Match[str], offset: int) -> tuple[str, tuple[int, int]] | None:
    group = next(g for g in ("t", "u", "v") if m.groupdict().get(g))
    if object_of(mk.text[:offset + m.start(group)]):
        return None  # "a spokesman for X says …": not X's word
    eid = mk.ref(m.group(group))
    if eid is None or eid not in ctx.draft.entities:
        return None
    return eid, mk.span(offset + m.start(), offset + m.end())


# "…, the rebels said.", "…, the group said in a statement.": a group that tells, named only by a common noun
GROUP_SAID = (r"(?:[^;:\"“⟦]|⟦[^P]\d+⟧)*?,\s+(?P<w>the\s+(?P<noun>rebels|militants|insurgents|guerrillas|jihadists|"
              r"group|movement))\s+(?:said|says|claimed|announced|added|stated)\b(?:\s+(?:in|on)\s+[^,;.]{1,40})?"
              r"\s*[.!]?\s*$")
ORGANISATIONS = {"ArmedGroup", "Organization"}  # what "the group", "the movement" may stand for


def group_after(ctx: Context, mk: Masked, end: int) -> tuple[str | None, tuple[int, int], str] | None:
    """(entity id or None, span, why) when the sentence closes with "…, the rebels said": the
    one armed group in context (named in the paragraph up to here, else in the article before
    it) tells it; with none or several, the id is None and the teller is left to the reviewer,
    never guessed. "The group", "the movement" stand for a group only when no other
    organisation is in context (it may be a rights group that tells)."""
    m = re.match(GROUP_SAID, mk.text[end:])
    if m is None:
        return None
    return _group(ctx, mk, m, mk.span(end + m.start("w"), end + m.end()))


# "The group (also) confirmed that …", "the rebels said …": a group that tells the clause after it
GROUP_TOLD = (r"(?:^|[,;:]\s+)(?P<w>[Tt]he\s+(?P<noun>rebels|militants|insurgents|guerrillas|jihadists|group|movement)"
              r"\s+(?:also\s+|later\s+)?(?:said|says|claimed|announced|confirmed|stated|admitted))"
              r"(?:\s+that)?\s+(?:[^,;:.\"“⟦]|⟦[GO]\d+⟧['’]s){0,40}$")


def group_before(ctx: Context, mk: Masked, head: str) -> tuple[str | None, tuple[int, int], str] | None:
    """As group_after, for a group that tells the clause after it: "The group confirmed that its
    spokesman, X, had been arrested" (`head`: the masked text before the clause's subject)."""
    m = re.search(GROUP_TOLD, head)
    return _group(ctx, mk, m, mk.span(m.start("w"), m.end("w"))) if m else None


def _group(ctx: Context, mk: Masked, m: re.Match[str],
           span: tuple[int, int]) -> tuple[str | None, tuple[int, int], str]:
    words = m.group("w")
    kinds = ORGANISATIONS if m.group("noun") in ("group", "movement") else {"ArmedGroup"}
    para = ctx.text.rfind("\n", 0, mk.seg.start) + 1
    named = ctx.mentions_in(para, mk.seg.end, kinds) or ctx.mentions_in(0, mk.seg.end, kinds)
    ids = {mm.eid for mm in named}
    eid = ids.pop() if len(ids) == 1 else None
    if eid is None or ctx.draft.entities.get(eid, {}).get("type") != "ArmedGroup":
        return None, span, words
    where = "the paragraph" if named[0].start >= para else "the article"
    return eid, span, f"said_by: '{words}' is {ctx.draft.entities[eid]['name']}, the one group {where} names"


# Tellers the article does not name: "the army says", "police said", "officials say", "state media reported"
UNNAMED_TELLERS = (r"army|military|police|government|ministry|officials?|authorities|spokesm[ae]n|spokeswoman|"
                   r"sources|security\s+forces|troops|media|state\s+media|investigators|prosecutors|"
                   r"commanders?|officers?|witnesses|residents")


def unnamed_before(head: str) -> tuple[str, str] | None:
    """("reported", words) when someone the draft does not name tells the clause that follows
    `head` (masked text): "The army says (that) …", "Police said …", "according to officials,
    …"; with nothing between that opens another clause, or names someone. Told so, a leadership
    or an event is their word, not the article's own: it carries the hedge."""
    speech = r"said|says|say|claimed|claims|reported|reports|announced|confirmed|stated|told\s+[a-z]+"
    gap = r"(?:[^,;:.\"“⟦]){0,40}$"
    m = re.search(rf"(?:^|[,;:—–-]\s+|\b(?:[Tt]he|[Aa]n?)\s+|\b(?:[Tt]he|[Aa]n?)\s+[a-z-]+\s+|(?<=\s))"
                  rf"(?P<w>(?:[Tt]he\s+)?(?:[a-z-]+\s+)?(?i:{UNNAMED_TELLERS})\s+(?:also\s+|later\s+|have\s+|has\s+)?"
                  rf"(?:{speech})(?:\s+(?:on|in)\s+⟦D\d+⟧)?)(?:\s+that)?\s+{gap}", head) or \
        re.search(rf"(?P<w>\b(?i:according\s+to)\s+(?:the\s+)?(?:[a-z-]+\s+)?(?i:{UNNAMED_TELLERS})),\s+{gap}", head)
    if m is None or re.search(r"⟦[GOCP]\d+⟧\s*$", head[:m.start("w")]):
        return None  # "the ⟦C⟧ army says": a teller the draft names, taken elsewhere
    return "reported", m.group("w")
