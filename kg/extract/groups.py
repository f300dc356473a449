"""Armed groups: names the text calls armed groups, by the words around them ("the militant
group X", "X fighters", "X-linked", "allegiance to X"). Words are data (kg/extract/data/words.toml,
[groups])."""

from __future__ import annotations

import functools
import re

from kg.extract import appositives, lexicon, persons
from kg.extract.context import Context
from kg.extract.names import Run, org_type
from kg.names import normalize


def names(ctx: Context, found: list[Run]) -> set[str]:
    """Names the text calls armed groups ("the militant group X", "X fighters", "X-linked").
    A name with an army's word ("Army", "Forces") is a group when the text says so, or when it
    names no country ("the Y Resistance Army fighters", not "the X-ian Army soldiers" of a country X)."""
    out = set()
    for run in found:
        key = normalize(run.text)
        if key in out or lexicon.place(run.text) or persons.introduced_as_person(ctx, run):
            continue
        if armed_group(ctx.text, run.text, org_type(run.text)) and not appositives.only_adjective(ctx.text, run.text):
            out.add(key)
    return out


def armed_group(text: str, name: str, etype: str | None) -> bool:
    branch = re.match(r"(.+?)\s+(?:in|of)\s+(?:the\s+)?[A-Z]", name)  # "al-X in the Y Z"
    if branch and any(context(text, b, strong=True) for b in (branch.group(1), branch.group(1).lower()[:1]
                                                                     + branch.group(1)[1:])):
        return True
    strong = context(text, name, strong=True)
    weak = strong or context(text, name)
    national = any(lexicon.is_country_word(w) for w in re.split(r"[\s-]+", name))
    return (etype in (None, "ArmedGroup") and weak) or (etype == "ArmedForce" and (strong or (weak and not national))) \
        or (etype == "Organization" and strong)  # "the X Party … would lay down its arms", "the militant X Party"


def context(text: str, name: str, strong: bool = False) -> bool:
    """Whether the text calls `name` an armed group: by a descriptor ("militant", "guerrilla")
    or "-linked" (strong), or by its fighters, leaders or members (weak)."""
    return _context(text, name, strong)


WINDOW = 300  # characters each side of a name: every pattern below reads less than that around it


def _windows(text: str, name: str) -> list[str]:
    """The passages around each occurrence of the name, from a word's start: the patterns run
    there, not over the whole text for every name (a long article took minutes)."""
    out, at = [], text.find(name)
    while at >= 0:
        start = max(0, at - WINDOW)
        if start:
            start = text.find(" ", start, at) + 1 or at  # not from inside a word
        out.append(text[start:at + len(name) + WINDOW])
        at = text.find(name, at + 1)
    return out


@functools.lru_cache(maxsize=4096)
def _context(text: str, name: str, strong: bool) -> bool:
    windows = _windows(text, name)
    if not windows:
        return False
    g = lexicon.words()["groups"]
    descriptors = "|".join(map(re.escape, g["words"]))
    suffixes = "|".join(map(re.escape, g["suffixes"]))
    n = re.escape(name)
    person = rf"(?![\w-]|\s+(?:{'|'.join(map(re.escape, g['person_nouns']))})\b)"  # "the rebel commander": a person
    patterns = [
        rf"(?<![\w-]){n}-(?:{suffixes})\b",
        rf"\b[\w'’-]+-(?:{suffixes})\s+(?:the\s+)?{n}(?![\w-])",  # "the al-Y-linked X"
        rf"\b(?:{descriptors})\s+(?:group|organi[sz]ation|movement|faction|network)?\s*(?:the\s+)?{n}(?![\w-])",
        (rf"(?<![\w-]){n}(?:\s*\([A-Z][\w.]+\))?(?:,[^,.;]{{0,60}},)?(?:,|\s+(?:is|was|are|were))\s+(?:a|an|the)\s+"
         # not "X, a commander of the militant group Y", nor "X, a former fighter who left the militia"
         rf"(?:(?!\b(?:of|who|whom|whose|which|that|with|for|from|by|to)\b)[\w\s-]){{0,30}}?\b"
        rf"(?:{descriptors}|insurgent|jihadist){person}"),
        rf"\b(?:allegiance to|emir of|affiliate of|branch of|wing of|faction of)\s+(?:the\s+)?{n}(?![\w-])",
        # "X said it would lay down its arms": only an armed group has arms of its own to lay down (not "X
        # urged the fighters to lay down their arms")
        rf"(?<![\w-]){n}(?:\s*\([A-Z][\w.]+\))?\s+(?:(?!urg|call|ask|demand|told)[^.;]){{0,80}}\b"
        rf"(?:lay|lays|laid|laying)\s+down\s+its\s+(?:arms|weapons)\b",
    ]
    if not strong:
        # not "commander", "spokesman", "chief": any army, ministry or command has them
        nouns = "|".join(map(re.escape, [*g["words"], *g["weak_nouns"], "group", "leader", "leaders", "emir", "founder",
                                         "members"]))
        patterns += [rf"(?<![\w-]){n}(?:\s*\([A-Z][\w.]+\))?(?:'s|’s)?\s+(?:{nouns}){person}",  # "X (XY) fighters"
                     rf"\b(?:leader of|founder of|members of|fighters of|joined)\s+(?:the\s+)?{n}(?![\w-])"]
    return any(re.search(p, w) for p in patterns for w in windows)


def group_type(name: str) -> str:
    etype = org_type(name)
    return "ArmedGroup" if etype in (None, "ArmedForce", "Organization") else etype
