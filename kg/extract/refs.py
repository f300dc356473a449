"""What short references stand for: "the group" and "its" (the armed group the article is
about), "He" at the start of a sentence (the person the sentence before is about). Each
resolution is drafted with the reason under `inferred`, for the reviewer to check."""

from __future__ import annotations

import re
from collections import Counter

from kg.extract import lexicon
from kg.extract.context import Context
from kg.extract.masked import Masked
from kg.names import normalize

# "the Front", "the Brigades": an armed group's last name word alone, standing for the one group so named
SHORT_NAME = rf"[Tt]he\s+(?:{'|'.join(map(re.escape, lexicon.words()['org_heads']['ArmedGroup']))})(?![\w-])"
GROUP_REF = (r"(?:[Tt]he|[Tt]his)\s+(?:[a-z-]+\s+){0,2}?(?:group|movement|organi[sz]ation|network|faction|militants|"
             rf"insurgents|rebels|guerrillas|coalition|alliance|militia|brigade|brigades|outfit|cult|sect)\b|{SHORT_NAME}")
PRONOUN = r"\b(?:He|She|he|she)\b"


def main_group(ctx: Context) -> str | None:
    """The armed group the article is about: the only one it names, or the one named most
    (twice at least; of two named as often, the one named first)."""
    counts = Counter(m.eid for m in ctx.mentions if m.type == "ArmedGroup")
    ranked = counts.most_common(2)
    if ranked and len(ranked) > 1 and ranked[0][1] >= 2 and ranked[1][1] == ranked[0][1]:
        first = next(m.eid for m in ctx.mentions if m.type == "ArmedGroup")  # a tie: the one the article opens with
        return first if counts[first] == ranked[0][1] else None
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 2):
        return None
    return ranked[0][0]


def group(ctx: Context, words: str) -> tuple[str, str] | None:
    """(entity id, why) for "the group", "its", "their": the article's main armed group."""
    eid = main_group(ctx)
    if eid is None or re.search(r"\b(?:rival|other|another|opposing|splinter|breakaway|enemy|allied|sister)\b", words,
                                re.IGNORECASE):
        return None  # "the rival group" is not the one the article is about
    name = ctx.draft.entities[eid]["name"] if eid in ctx.draft.entities else eid
    short = re.fullmatch(rf"\s*{SHORT_NAME}(?:['’]s)?\s*", words)
    if short and normalize(name).split()[-1:] != normalize(short.group(0)).split()[-1:]:
        return None  # "the Front" is no group whose name ends otherwise
    return eid, f"'{words.strip()}' is {name}, the armed group the article is about"


def org(ctx: Context, mk: Masked, token: str | None, words: str | None = None) -> tuple[str | None, str | None]:
    """(entity id, why-if-inferred) for an organisation slot or a reference to the main group."""
    ref = mk.ref(token)
    if ref:
        return ref, None
    if words and re.fullmatch(rf"\s*(?:{GROUP_REF}|its|their|it|the group's|its own)\s*", words, re.IGNORECASE):
        named = {mk.ref(t) for t in mk.tokens(mk.text, "G")}
        if named and main_group(ctx) not in named:  # "Y is led by X, who took over after its founder, Z, …"
            return None, None  # the sentence names another armed group: "its" may be that one's
        found = group(ctx, words)
        if found:
            return found
    return None, None


def subject_before(ctx: Context, mk: Masked) -> tuple[str, str] | None:
    """(person id, why) for a sentence-initial "He"/"She": the first person named in the
    sentence before."""
    sentences = ctx.sentences
    index = next((i for i, s in enumerate(sentences) if s.start == mk.seg.start), 0)
    if index == 0:
        return None
    prev = sentences[index - 1]
    people = ctx.mentions_in(prev.start, prev.end, {"Person"})
    if not people:
        return None
    eid = people[0].eid
    name = ctx.draft.entities[eid]["name"] if eid in ctx.draft.entities else eid
    return eid, f"'He' is {name}, named first in the sentence before"


def subject_here(ctx: Context, mk: Masked, at: int) -> tuple[str, str] | None:
    """(person id, why) for a mid-sentence "he": the first person named earlier in the sentence."""
    people = mk.tokens(mk.text[:at], "P")
    eid = mk.ref(people[0]) if people else None
    if eid is None:
        return None
    return eid, f"'he' is {ctx.draft.entities[eid]['name']}, named earlier in the sentence"


def person(ctx: Context, mk: Masked, token: str | None, at: int = 0) -> tuple[str | None, str | None]:
    """(person id, why-if-inferred) for a person slot, or a pronoun standing at masked offset
    `at`: at the start of the sentence the sentence before's subject, else this one's."""
    ref = mk.ref(token)
    if ref:
        return ref, None
    if token and _quoted(mk.text[:at]):
        return None, None  # '"He runs the group like a business," …': the speaker's "he", not the article's
    if token and re.fullmatch(rf"\s*{PRONOUN}\s*", token):
        found = subject_before(ctx, mk) if not mk.text[:at].strip(" \"“") else subject_here(ctx, mk, at)
        if found:
            return found
    if token and re.fullmatch(r"\s*(?:him|her)\s*", token):  # "a strike killed him", "said it had killed him"
        found = subject_here(ctx, mk, at) or subject_before(ctx, mk)
        if found:
            return found[0], found[1].replace("'He'", f"'{token.strip()}'").replace("'he'", f"'{token.strip()}'")
    return None, None


def _quoted(before: str) -> bool:
    """Whether the text after `before` (the sentence up to a pronoun) is inside a quotation: an
    opening mark not yet closed."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")
