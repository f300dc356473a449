"""Who a figure is from and how sure it is: the organisation that reports it ("according to
X", "X said", "reporting by X"), the person whose reported speech holds it ("X claimed that
… N"), and the hedge of its clause ("an estimated", "was believed to")."""

from __future__ import annotations

import copy
import re

from kg.extract import lexicon, phrases, tellers
from kg.extract.context import Context
from kg.extract.events import adjective
from kg.extract.masked import ORG_OR_COUNTRY, D, Masked, P


def source(ctx: Context, mk: Masked) -> tuple[str | None, tuple[int, int], str | None]:
    """Whose figure, where named, and why (when only referred to): "according to X", "according
    to a report released by X", "X said/reported/estimated", "reporting by X", and "…, the
    ministry said" when the article names one ministry."""
    report = "|".join(map(re.escape, lexicon.words()["verbs"]["report"]))
    document = r"(?:report|study|survey|investigation|count|tally|estimate|assessment)"
    by_document = re.search(rf"\b(?i:according to)\s+(?:the\s+|an?\s+)(?:[a-z]+\s+){{0,2}}?{document}\s+"
                            rf"(?:(?:released|published|issued|compiled|conducted|kept)\s+)?by\s+(?:the\s+)?"
                            rf"(?P<a>{ORG_OR_COUNTRY})", mk.text)
    m = re.search(rf"\b(?i:according to|reporting by)\s+(?:the\s+|an?\s+)?(?:{D}\s+)?(?P<a>{ORG_OR_COUNTRY})",
                  mk.text) or by_document or \
        re.search(rf"(?P<a>{ORG_OR_COUNTRY})(?:\s*\(⟦[GO]\d+⟧\))?\s+(?:(?:group|movement|militia)\s+)?"
                  rf"(?:in\s+(?:⟦[CL]\d+⟧|[A-Z]\w+)\s+)?(?:has\s+|have\s+)?"
                  rf"(?:{report})\b", mk.text)  # "the UN mission in X reported", "the X group said"
    named = re.match(r"\s+(?:report|reports|study|survey|estimate|estimates|figures|data|statement|count|tally)\b",
                     mk.text[m.end("a"):]) if m else None
    if not m and re.search(r"\b(?i:according to|reporting by|reported by)\b", mk.text):
        return _office(ctx, mk, report)  # "X claimed N, according to Z": Z reports it, not X
    if not m:  # "By A, X claimed some N followers": a figure X claims is its own report
        claim = re.search(rf"(?P<a>{ORG_OR_COUNTRY})\s+(?:has\s+|had\s+)?claimed\s+"
                          r"(?!credit|responsibility)(?:[a-z]+\s+){0,2}⟦N\d+⟧",
                          mk.text)  # not "claimed credit for N attacks": the measure's own words
        return (mk.ref(claim.group("a")), mk.match_span(claim), None) if claim else _office(ctx, mk, report)
    if m.re.pattern.startswith(r"\b(?i:according to|") and not named and adjective(mk.text, m.start("a"), m.end("a")):
        return None, (0, 0), None  # "according to U.S. officials" is no one named
    return mk.ref(m.group("a")), mk.match_span(m), None


# ", which has denied earlier reports," or an aside that describes the teller (", a watchdog
# group,", ", a researcher at the institute,": no name in it) between a teller and its verb of speech
RELATIVE = (r",\s+(?:(?:which|who)\b[^,;.]*|(?:a|an|the)\s(?:[^,;.⟦\"“]|⟦[ND]\d+⟧){1,60}),(?=\s+(?:also\s+|later\s+)?"
            r"(?:said|says|told|announced|confirmed|stated|added|reported|claimed|estimated)\b)")


def past_relatives(mk: Masked, start: int, end: int) -> Masked:
    """The sentence with each relative clause or aside between a teller and its verb blanked, but
    one in mk.text[start:end] (the event's own words): "the army, which has denied earlier
    reports, said X was killed" and "Z, a watchdog group, said" are told by the army and by Z,
    and the patterns of tellers read them so. Offsets are kept."""
    text = re.sub(RELATIVE, lambda r: r.group(0) if r.end() > start and r.start() < end else " " * len(r.group(0)),
                  mk.text)
    out = copy.copy(mk)
    out.text = text
    return out


def _office(ctx: Context, mk: Masked, report: str) -> tuple[str | None, tuple[int, int], str | None]:
    """"…, the ministry said", "according to the army,": the one organisation the article names
    with that head word."""
    heads = "|".join(re.escape(w.lower()) for w in lexicon.org_heads())
    m = re.search(rf"\b[Tt]he\s+(?P<h>{heads})\s+(?:has\s+|have\s+|later\s+|also\s+)?(?:{report})\b", mk.text) or \
        re.search(rf"\b(?i:according\s+to)\s+the\s+(?P<h>{heads})(?=\s*[,.;)]|\s*$|['’]s\b|\s+(?:on|in|at)\b)",
                  mk.text)  # "according to the army," not "according to the army chief"
    if not m:
        return None, (0, 0), None
    head = m.group("h").lower()
    found = [eid for eid, e in ctx.draft.entities.items() if e.get("type") not in _NOT_OFFICES
             and head in {w.lower() for w in re.findall(r"[\w-]+", e.get("name", ""))}]
    if len(found) != 1:
        return None, (0, 0), None
    name = ctx.draft.entities[found[0]]["name"]
    return found[0], mk.match_span(m), f"'the {head}' is {name}, the one {head} the article names"


_NOT_OFFICES = ("Person", "Country", "Region", "City", "Place", "ArmedGroup")


def speaker(ctx: Context, mk: Masked, before: str) -> tuple[str, tuple[int, int]] | None:
    """The person whose reported speech holds the figure: "X claimed in 2021 that … N", "X said
    the group had carried out N" (without "that", when no comma ends the reported clause)."""
    speech = "|".join(map(re.escape, lexicon.words()["verbs"]["speech"]))
    # "X said …", and "the group's spokesman, X, said …": the comma closes an apposition, X still tells
    found = list(re.finditer(rf"({P})(,?)\s+(?:also\s+|later\s+)?(?:{speech})\b(?:\s+(?:in|on)\s+{D})?\s+(that\b)?",
                             before))
    found = [f for f in found if (f.group(3) or not re.search(r"[,:\"“]", before[f.end():]))
             and (not f.group(2) or re.search(r",\s+$", before[:f.start()]))]
    eid = mk.ref(found[-1].group(1)) if found else None
    if eid is None or ";" in before[found[-1].end():] or ctx.draft.entities.get(eid, {}).get("type") != "Person":
        return None
    if tellers.object_of(before[:found[-1].start()]):
        return None  # "a spokesman for X said …": not X's word
    return eid, mk.match_span(found[-1])


def saying(ctx: Context, mk: Masked, before: str) -> tuple[str, tuple[int, int]] | None:
    """The one who tells the figure by a participle of speech: "G claimed the attack, saying it had
    killed N", "X posted a video saying the group had killed N". The teller is the last person,
    group or organisation named before "saying" in its sentence, with no other clause between."""
    m = re.search(rf"(?P<t>{P}|{ORG_OR_COUNTRY})(?:[^;⟦]|⟦[DNL]\d+⟧)*?\b(?:saying|claiming|stating|announcing)\b"
                  r"(?:\s+that)?(?:[^;,⟦]|⟦[GOPNL]\d+⟧)*$", before)
    eid = mk.ref(m.group("t")) if m else None
    if m is None or eid is None or eid not in ctx.draft.entities or tellers.object_of(before[:m.start("t")]):
        return None  # "a spokesman for X, saying …": not X's word
    return eid, mk.span(m.start("t"), m.end("t"))


def unnamed_after(after: str) -> tuple[str, str] | None:
    """("reported", words) for a figure passed on by people not named, told after it: "…,
    officials said", "…, security sources say"."""
    unnamed = "|".join(lexicon.words()["sources"]["unnamed"])
    m = re.match(rf"[^.;⟦]*(?:⟦[^P]\d+⟧[^.;⟦]*)*?,\s+(?P<w>(?:[A-Z]\w+\s+)?(?i:{unnamed})\s+(?:said|say|says))\b",
                 after)
    return ("reported", m.group("w")) if m else None


def teller_after(ctx: Context, mk: Masked, end: int) -> tuple[str, tuple[int, int]] | None:
    """The person who tells a figure, named after it: "…, rebel spokesman X said", "…, said X"."""
    speech = "|".join(map(re.escape, lexicon.words()["verbs"]["speech"]))
    after = mk.text[end:]
    # "…, rebel spokesman X said", "…, the army's spokesman, X, said"
    m = re.match(rf"[^.;⟦]*(?:⟦[^P]\d+⟧[^.;⟦]*)*?,\s+(?:(?:[A-Za-z.'’-]+|⟦[GOC]\d+⟧(?:['’]s)?),?\s+){{0,4}}?"
                 rf"(?P<p>{P}),?\s+(?:also\s+)?(?:{speech})\b", after) or \
        re.match(rf"[^.;⟦]*(?:⟦[^P]\d+⟧[^.;⟦]*)*?,\s+(?:said|says|told|added)\s+(?:[A-Za-z.-]+\s+){{0,4}}?(?P<p>{P})",
                 after)
    eid = mk.ref(m.group("p")) if m and not tellers.object_of(after[:m.start("p")]) else None
    if m is None or eid is None or ctx.draft.entities.get(eid, {}).get("type") != "Person":
        return None
    return eid, mk.span(end + m.start("p"), end + m.end())


def hedge(ctx: Context, before: str, tail: str, measure: str) -> tuple[str, str] | None:
    """(certainty, hedge words) of a count: a hedge in its clause, not one that belongs to
    another count ("a reported 2,500") nor the measure's own words ("claimed credit for")."""
    own = " ".join(w.lower() for w in ctx.vocab.measures[measure].words)
    text = before + " ⟦HERE⟧ " + tail
    for start, end, notation in phrases.find(phrases.certainties(ctx.vocab), text):
        words = text[start:end]
        if re.match(r"\s*⟦[NT]\d+⟧", text[end:]) or words.lower() in own:
            continue
        if re.match(r"claim", words, re.IGNORECASE) and re.match(r"\s+(?:responsibility|credit|the|an?|its|their|by)\b",
                                                                text[end:]):
            continue  # "the group claimed the bombing, which killed N": a claim of the deed, no hedge of N
        return notation, words
    unnamed = "|".join(lexicon.words()["sources"]["unnamed"])
    m = re.search(rf"\b(?i:{unnamed})\b(?:\s+(?:in|from)\s+(?:⟦[CL]\d+⟧|[A-Z]\w+))?\s+"
                  r"(?:say|says|said|put|estimate|estimated|believe)\b", before)
    return ("reported", m.group(0)) if m else None  # "Analysts in Beirut say": passed on, unnamed


def future(before: str) -> tuple[str, str] | None:
    """("projected", words) for a count told of the future, the modal right before its verb:
    "will likely carry out between N and M attacks", "is set to kill N". A forecast told as a
    plain figure would read as one that was counted."""
    m = re.search(r"\b(?P<w>(?:will|shall|would|(?:is|are|was|were)\s+(?:going|set|poised)\s+to)"
                  r"(?:\s+(?:likely|probably|almost\s+certainly|possibly))?)\s+(?:[a-z]+\s+){1,5}$", before)
    if m is None or re.search(r"\b(?:the|these|those|its|their|his|her)\s+$", before):
        return None  # "will now hunt down the 2,500 fighters": a count known now, not foretold
    return "projected", m.group("w")
