"""Name normalisation shared by the build (lookup keys) and lookups (questions, --param)."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")
_STOP = {"the", "a", "an"}


def normalize(name: str) -> str:
    """Case, accents, punctuation and Unicode form ignored: 'U.S.' -> 'u s', 'Al-Baghdadi' ->
    'al baghdadi'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = _NON_WORD.sub(" ", text).replace("_", " ").split()
    while words and words[0] in _STOP:
        words = words[1:]
    return " ".join(words)


def keys(name: str) -> set[str]:
    """Every key a name is found under: as written, without 'al', and squashed ('u s' -> 'us')."""
    base = normalize(name)
    if not base:
        return set()
    found = {base, base.replace(" ", "")}
    no_al = " ".join(w for w in base.split() if w != "al")
    if no_al:
        found |= {no_al, no_al.replace(" ", "")}
    return found


def surname_keys(name: str) -> set[str]:
    """The last word of a person's name ('baghdadi'), with and without 'al'."""
    words = normalize(name).split()
    if len(words) < 2:
        return set()
    last = words[-1]
    return {last, last.removeprefix("al")} - {""}


def ordinal(n: int) -> str:
    """1 -> '1st', 22 -> '22nd', 13 -> '13th'."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
