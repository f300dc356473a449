"""Name normalisation shared by the build (lookup keys) and lookups (questions, --param)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from itertools import pairwise

_NON_WORD = re.compile(r"[^\w]+")
_STOP = {"the", "a", "an"}
_FUNCTION = {"of", "in", "the", "and", "for", "on", "at", "to", "a", "an", "s"}


_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b", re.IGNORECASE)  # "AGENCY'S" as "Agency's"


def words(text: str) -> list[str]:
    """Case, accents, punctuation, possessives and Unicode form ignored: "Y's
    Executive Council" -> ['y', 'executive', 'council']."""
    text = _POSSESSIVE.sub("", text)
    if text.isascii():  # no accents nor other forms: the same words, without a pass per character
        text = text.casefold()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", text).replace("_", " ").split()


@functools.lru_cache(maxsize=8192)  # a build asks for each entity's key at every reference to it
def normalize(name: str) -> str:
    """A name's key: its words, without a leading article: 'U.S.' -> 'u s', 'Al-Hashimi' ->
    'al hashimi', 'the Coalition' -> 'coalition'."""
    found = words(name)
    while found and found[0] in _STOP:
        found = found[1:]
    return " ".join(found)


@functools.lru_cache(maxsize=8192)  # the same: one entity's names, at every reference
def keys(name: str) -> frozenset[str]:
    """Every key a name is found under: as written, without 'al', and squashed ('u s' -> 'us')."""
    base = normalize(name)
    if not base:
        return frozenset()
    found = {base, base.replace(" ", "")}
    no_al = " ".join(w for w in base.split() if w != "al")
    if no_al:
        found |= {no_al, no_al.replace(" ", "")}
    return frozenset(found)


# "ur", "ul", "ud": the joining particle of Urdu and Arabic compound names ("Zaki-ur-Rehman")
PARTICLES = {"al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "del", "der", "le", "la", "ur", "ul", "ud"}


def is_personal_name(name: str) -> bool:
    """'Abu X al-Y' is a name; 'wife of Abu X al-Y' or 'US military
    official' describe someone: every word of a name is capitalised or a particle."""
    found = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", name)  # "Ba'asyir" is one word
    return len(found) >= 2 and all(w[0].isupper() or w.lower() in PARTICLES for w in found)


def surname_keys(name: str) -> set[str]:
    """A person's surname alone ('hashimi'), and with its particle ('al hashimi'); never a
    part of a word ('Allen' stays 'allen'), nothing for a description of someone."""
    parts = normalize(name).split()
    if len(parts) < 2 or not is_personal_name(name):
        return set()
    written = normalize(name.split()[-1])
    if " " in written and "-" not in name.split()[-1]:  # "Ba'asyir", "O'Neill": one word, not "asyir" alone
        return {written, written.replace(" ", "")}
    last = parts[-1]
    found = {last}
    if len(parts) >= 3 and parts[-2] in PARTICLES:
        found |= {f"{parts[-2]} {last}", f"{parts[-2]}{last}"}
    return found


def prefix_keys(name: str) -> set[str]:
    """Leading parts of a person's name ('abu hafs', 'maria'), for lookups by a first name;
    never a lone particle. Not for organisations: 'al-X' leads 'al-X in the Y Peninsula'
    and names another group."""
    parts = normalize(name).split()
    found: set[str] = set()
    if not is_personal_name(name):
        return found
    for n in range(1, len(parts)):
        head = parts[:n]
        if head[-1] in PARTICLES | _FUNCTION or (n == 1 and len(head[0]) < 3):
            continue
        found.add(" ".join(head))
    return found


def word_keys(name: str) -> set[str]:
    """The first three letters of each word of a name that starts with three ('Abu Musab
    al-Zarqawi' -> abu, mus, zar; not '120'): the words a misspelt name is suggested from."""
    return {w[:3] for w in normalize(name).split() if w[:3].isalpha() and len(w) >= 3}


def slug(text: str) -> str:
    """A readable id: 'Operation Blue Dawn' -> 'operation-blue-dawn'."""
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


def gaps(ordinals: Iterable[int]) -> str:
    """'2nd–4th' for the ordinals missing between the known ones."""
    known = sorted(set(ordinals))
    spans = []
    for low, high in pairwise(known):
        if high - low > 1:
            a, b = low + 1, high - 1
            spans.append(ordinal(a) if a == b else f"{ordinal(a)}–{ordinal(b)}")
    return ", ".join(spans)
