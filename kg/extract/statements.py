"""Statements: words in quotation marks with their speaker.

  "…," X said.      "…," said X.      "…," Interior Minister X said.      "…," said army chief Gen. X.
  X said: "…"      X told reporters, "…"      X called it "…"      X described it as "…"
  X said in a video that his fighters "…" (a quoted part of reported speech)
  "…," the president told reporters  (a role naming a person the article names with it)
A quotation that goes on in the next sentence of the same paragraph keeps its speaker. Words
in quotation marks with no speaker (a nickname, a title) are no statement."""

from __future__ import annotations

import re
from collections import Counter

from kg.extract import lexicon, phrases, refs, tellers
from kg.extract.context import Context
from kg.extract.masked import Masked, P

OPEN, CLOSE = "\"“", "\"”"
QUOTED = r"[\"“](?P<text>[^\"“”]{3,}?)[\"”]"


def find(ctx: Context) -> None:
    speech = "|".join(map(re.escape, lexicon.words()["verbs"]["speech"]))
    titles = r"(?:(?:[\w.’'-]+|⟦[GOC]\d+⟧)\s+){0,6}?"  # "Pentagon press secretary Rear Adm.", "army chief Gen."
    speaker = rf"(?P<who>{P}|\b[Hh]e\b|\b[Ss]he\b|the\s+[a-z-]+(?:\s+[a-z-]+)?)"
    role = r"(?:(?:his|her|their|its|the)\s+(?:[^,.;\"“⟦]|⟦[GOCL]\d+⟧){1,50}?,\s+(?=⟦P))?"  # "her brother, X,"
    apposition = r"(?:,(?:[^,.;\"“⟦]|⟦[GOCL]\d+⟧|⟦P\d+⟧['’]s){1,80},)?"  # "X, the group's spokesman, said"
    forms = [
        rf"{QUOTED}\s*,?\s*(?:{speech})\s+{titles}{speaker}",  # "…," said Gen. X
        rf"{QUOTED}\s*,?\s*{role}{titles}{speaker}{apposition},?\s+(?:{speech})\b",  # "…," X said; "…," Gen. X said
        rf"{speaker}\s+(?:{speech})(?:\s+(?:reporters|journalists|[A-Z]\w+))?\s*[:,]?\s*{QUOTED}",  # X said: "…"
        # X told the Daily Y: "…"; X wrote on Z, "…"; X said on Monday, "…"
        rf"{speaker}\s+(?:{speech})\s+(?:(?:to|in|on|at)\s+)?(?:(?:a|an|the|his|her|its|their)\s+)?"
        rf"(?:[\w’'-]+\s+|⟦[OGCLD]\d+⟧\s*){{0,6}}?(?:[\w’'-]+|⟦[OGCLD]\d+⟧)\s*[:,]\s*{QUOTED}",
        rf"{speaker}{apposition}\s+called\s+(?:it|him|her|them|the\s+[a-z-]+(?:\s+[a-z-]+)?)\s+{QUOTED}",  # X called it
        rf"{speaker}{apposition}\s+described(?:\s+(?:it|him|her|them|the\s+[a-z-]+(?:\s+[a-z-]+)?))?\s+as\s+{QUOTED}",
        rf"{speaker},?\s+(?:{speech})\b[^.;\"“⟦]{{0,80}}?\bthat\b[^.;\"“⟦]{{0,60}}?{QUOTED}",  # X said … that they "…"
        rf"\bwhat\s+{speaker}\s+(?:called|termed|described\s+as)\s+{QUOTED}",  # what she called "…"
        rf"(?P<who>{P}):\s*{QUOTED}",  # a live blog's or a transcript's 'X: "…"'
        rf"\b[Aa]ccording\s+to\s+{titles}{speaker},\s*{QUOTED}",  # According to X, "…"
        # X, a senior official, warned the country would "…" (words of their own: lower case or a clause)
        rf"{speaker}(?:,(?:[^,.;\"“⟦]|⟦[^P]\d+⟧){{1,80}},|,)?\s+(?:{speech})\b(?:[^.;\"“⟦]|⟦[^P]\d+⟧){{0,80}}?"
        rf"[\"“](?P<text>(?:[a-z]|[A-Z](?=(?:[^\"“”\s]+\s+){{4}}))[^\"“”]{{2,}}?)[\"”]",
    ]
    for seg in ctx.sentences:
        mk = Masked(ctx, seg)
        for form in forms:
            for m in re.finditer(form, mk.text):
                _statement(ctx, mk, m)
        _denials(ctx, mk)
    _continuations(ctx)


# "X said (…) that Y was (still) alive"; "X denied (reports) that Y had been killed"; "X denied Y's arrest"
DENIALS = (
    (rf"(?P<who>{P}|⟦[GO]\d+⟧),?\s+(?:said|says|insisted|insists|maintained|maintains)\b[^.;\"“⟦]{{0,80}}?\bthat\s+"
     rf"(?P<text>(?P<v>{P})\s+(?:was|is)\s+(?:still\s+)?alive)\b", "killing"),
    (rf"(?P<who>{P}|⟦[GO]\d+⟧),?\s+(?P<text>(?:denied|denies)\s+(?:(?:the\s+)?(?:reports?|claims?)\s+)?(?:that\s+)?"
     rf"(?P<v>{P})\s+(?:had\s+been|has\s+been|was)\s+(?P<verb>killed|captured|arrested|detained))\b", None),
)


def _denials(ctx: Context, mk: Masked) -> None:
    """A speaker who says an event the draft holds did not happen: a statement that denies it
    (kg conflicts and the answers show both)."""
    for form, kind in DENIALS:
        for m in re.finditer(form, mk.text):
            speaker = mk.ref(m.group("who"))
            victim = mk.ref(m.group("v"))
            ftype = kind or ("killing" if m.group("verb") == "killed" else "capture")
            event = next((f for f in ctx.draft.facts if f["type"] == ftype and f.get("victim") == victim), None)
            if speaker is None or event is None or speaker == victim or tellers.object_of(mk.text[:m.start("who")]):
                continue
            start, end = mk.match_span(m, "text")
            text = ctx.text[start:end]
            if not ctx.is_fact("statement", speaker=speaker, text=text):
                ctx.fact("statement", [mk.match_span(m)], {"speaker": speaker, "text": text, "denies": event["id"]},
                         said_by=speaker)


def _statement(ctx: Context, mk: Masked, m: re.Match[str]) -> None:
    who = m.group("who")
    speaker, why = refs.person(ctx, mk, who, m.start("who"))
    if speaker is None and re.fullmatch(refs.PRONOUN, who):
        speaker, why = _only_person_before(ctx, mk, who)  # '"…," he said' after a sentence naming one person
    if speaker is None and who.lower().startswith("the "):
        speaker, why = _by_role(ctx, mk, who)
    if speaker is None or ctx.draft.entities.get(speaker, {}).get("type") != "Person":
        return
    if tellers.object_of(mk.text[:m.start("who")]):
        return  # "a spokesman for X said", "the family of X said": someone the article does not name speaks
    if re.match(rf"\s+and\s+{P}", mk.text[m.end("who"):]) or re.search(rf"{P},?\s+and\s+$", mk.text[:m.start("who")]):
        return  # "said X and Y": words of two speakers are no one's alone
    text_start, text_end = mk.match_span(m, "text")
    text = ctx.text[text_start:text_end].rstrip(" ,")
    if "⟦" in text or len(text.split()) < 2:
        return
    if ctx.is_fact("statement", speaker=speaker, text=text):
        return
    words = mk.match_span(m, "who")
    ctx.fact("statement", [(text_start, text_start + len(text)), words], {"speaker": speaker, "text": text},
             {"speaker": why} if why else None, said_by=speaker)


def _only_person_before(ctx: Context, mk: Masked, who: str) -> tuple[str | None, str | None]:
    """The one person the sentence before names (none when it names two or none, or speaks of
    someone else by a pronoun), for a pronoun speaker with no one named before it."""
    if mk.tokens(mk.text[:mk.text.find(who)], "P"):
        return None, None
    index = next((i for i, s in enumerate(ctx.sentences) if s.start == mk.seg.start), 0)
    prev = ctx.sentences[index - 1] if index else None
    if prev is None:
        return None, None
    before = _without_own_words(ctx, prev.start, mk.span(0, mk.text.find(who))[1])
    if _someone_unnamed(ctx, before):
        return None, None  # "The army chief spoke. '…,' he said": the pronoun is one the text does not name
    people = {m.eid for m in ctx.mentions_in(prev.start, prev.end, {"Person"})}
    if not people:
        return _main_person(ctx, who)
    if len(people) != 1 or re.search(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|him)\b", before[:prev.end - prev.start]):
        return None, None  # "Her brother X was killed. … she said": the pronoun is someone else
    eid = people.pop()
    return eid, f"'{who}' is {ctx.draft.entities[eid]['name']}, the one person the sentence before names"


def _without_own_words(ctx: Context, start: int, end: int) -> str:
    """ctx.text[start:end] with what a person named there says of themselves blanked out: their
    apposition ("X, the commander of Y, told …") and the pronoun of their own reported speech ("X told
    reporters she had …"), which speak of no one else."""
    text = list(ctx.text[start:end])
    for m in ctx.mentions_in(start, end, {"Person"}):
        rest = ctx.text[m.end:end]
        own = re.match(r",\s+(?:the|a|an)\s[^,.;\"“]{1,80},", rest) or re.match(
            r"(?:,[^,.;\"“]{1,80},)?\s+(?:said|told\s+[a-z]+|told|says|added)\s+(?:that\s+)?(?:he|she)\b", rest)
        if own:
            text[m.end - start:m.end - start + own.end()] = " " * own.end()
    return "".join(text)


def _someone_unnamed(ctx: Context, text: str) -> bool:
    """Whether the text speaks of a person by a role or a noun alone ("the army chief", "a witness")."""
    nouns = [*phrases.role_words(ctx.vocab), *lexicon.words()["groups"]["person_nouns"],
             *lexicon.words()["names"]["common_openers"]]
    return bool(re.search(rf"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w'’-]+\s+){{0,2}}?"
                          rf"(?:{'|'.join(map(re.escape, nouns))})\b(?![\s,]+(?:[A-Z]|⟦))", text))


def _main_person(ctx: Context, who: str) -> tuple[str | None, str | None]:
    """The person a profile is about, for a pronoun with no one named near it: named three
    times at least and more than one and a half times as often as anyone else."""
    counts = Counter(m.eid for m in ctx.mentions if m.type == "Person")
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and 2 * ranked[0][1] <= 3 * ranked[1][1]):
        return None, None
    eid = ranked[0][0]
    return eid, f"'{who}' is {ctx.draft.entities[eid]['name']}, the person the article is about"


def _by_role(ctx: Context, mk: Masked, words: str) -> tuple[str | None, str | None]:
    """"the president", "the nurse": the one person the article gives that role (as a role, a
    title or an occupation)."""
    title = words.lower().removeprefix("the ").strip()
    role = phrases.role_words(ctx.vocab).get(title)
    holders = {f["person"] for f in ctx.draft.facts if f["type"] == "leadership" and role and f["role"] == role}
    holders |= {f["subject"] for f in ctx.draft.facts if f["type"] == "description"
                and title in (str(f.get("title", "")).lower().rstrip("."), str(f.get("occupation", "")).lower())}
    if len(holders) != 1:
        return None, None
    eid = holders.pop()
    return eid, (f"'{words}' is {ctx.draft.entities[eid]['name']}, "
                 f"the {words.lower().removeprefix('the ')} the article names")


def _continuations(ctx: Context) -> None:
    """A quotation in the sentence right after a quoted statement, on the same line, with no
    speaker of its own: the same speaker goes on."""
    for fact in [f for f in ctx.draft.facts if f["type"] == "statement"]:
        start = int(fact["offsets"].split("-")[0])
        line_end = ctx.text.find("\n", start)
        line_end = len(ctx.text) if line_end < 0 else line_end
        seg = ctx.sentence_at(start)
        nxt = ctx.text[seg.end:line_end]
        m = re.match(rf"\s*{QUOTED}\s*$", nxt)
        if m:
            begin = seg.end + m.start("text")
            text = ctx.text[begin:seg.end + m.end("text")]
            if not ctx.is_fact("statement", speaker=fact["speaker"], text=text):
                ctx.fact("statement", [(begin, begin + len(text))], {"speaker": fact["speaker"], "text": text},
                         {"speaker": f"the quotation goes on from the sentence before, by {fact['speaker']}"},
                         said_by=fact["speaker"])
