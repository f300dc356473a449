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


PARTICLES = {"al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "del", "der", "le", "la"}


def is_personal_name(name: str) -> bool:
    """'Abu Bakr al-Baghdadi' is a name; 'wife of Abu Bakr al-Baghdadi' or 'US military
    official' describe someone: every word of a name is capitalised or a particle."""
    words = re.findall(r"[^\W\d_]+", name)
    return len(words) >= 2 and all(w[0].isupper() or w.lower() in PARTICLES for w in words)


def surname_keys(name: str) -> set[str]:
    """A person's surname alone ('baghdadi'), and with its particle ('al baghdadi'); never a
    part of a word ('Allen' stays 'allen'), nothing for a description of someone."""
    words = normalize(name).split()
    if len(words) < 2 or not is_personal_name(name):
        return set()
    last = words[-1]
    found = {last}
    if len(words) >= 3 and words[-2] in PARTICLES:
        found |= {f"{words[-2]} {last}", f"{words[-2]}{last}"}
    return found


def prefix_keys(name: str) -> set[str]:
    """Leading parts of a person's name ('abu hafs', 'kayla'), for lookups by a first name;
    never a lone particle."""
    words = normalize(name).split()
    found: set[str] = set()
    if not is_personal_name(name):
        return found
    for n in range(1, len(words)):
        head = words[:n]
        if head[-1] in PARTICLES or (n == 1 and len(head[0]) < 3):
            continue
        found.add(" ".join(head))
    return found


def slug(text: str) -> str:
    """A readable id: 'Operation Kayla Mueller' -> 'operation-kayla-mueller'."""
    return "-".join(normalize(text).split()) or "unnamed"


def ordinal(n: int) -> str:
    """1 -> '1st', 22 -> '22nd', 13 -> '13th'."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def join(parts: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
