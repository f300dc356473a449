"""Runs of capitalised words in a sentence: the candidates for names.

A run is a span of capitalised words (with the particles of people's names: "al-", "bin",
"de"), trimmed of sentence-initial words ("In", "The") and possessives ("Y's" -> "Y",
marked possessive). Connectors ("of", "of the", "for", "in the", "and") join two
runs only inside an organisation's name (the left part holds an organisation word, or an
acronym in brackets follows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract import lexicon
from kg.names import normalize

TOKEN = re.compile(r"[^\W\d_](?:[\w'’.]|-(?=\w))*")
CONNECTORS = ("of the", "of", "for the", "for", "in the", "and", "de", "del", "de la")


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    text: str
    possessive: bool = False
    acronym: str | None = None  # "(JTF)" right after the run

    @property
    def words(self) -> list[str]:
        return self.text.split()


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for m in TOKEN.finditer(text, start, end):
        word = m.group(0)
        if word.endswith(".") and not _abbreviation(word):
            word = word[:-1]
        word = re.sub(r"-[a-z]{3,}$", "", word)  # "X-based", "al-Y-linked": the name alone
        out.append((m.start(), m.start() + len(word), word))
    return out


def _abbreviation(word: str) -> bool:
    """'U.S.', 'Gen.', 'Lt.': a dot that belongs to the word."""
    core = word[:-1].lower()  # nameparser's titles hold whole words too ("group"): an abbreviation is short
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+", word)) or (len(core) <= 4 and core in lexicon.titles()
                                                            and core not in lexicon.org_heads())  # not "Army."


def _capital(word: str) -> bool:
    """A name word: capitalised, or a short particle joined to a capitalised word ("al-X",
    "wal-X", "ul-X")."""
    if re.match(r"(?:pro|non|ex)-", word):
        return False  # "the pro-X party": a prefix that makes an adjective, not a name's particle
    core = re.sub(r"^[a-z]{1,3}-(?=[A-Z])", "", word)
    return core[:1].isupper()


def _particle(word: str) -> bool:
    return word.lower() in lexicon.word_set("names", "particles")


def runs(text: str, start: int, end: int) -> list[Run]:
    """The capitalised runs of text[start:end], organisation names joined over connectors."""
    tokens = _tokens(text, start, end)
    raw: list[list[tuple[int, int, str]]] = []
    for i, tok in enumerate(tokens):
        gap = text[raw[-1][-1][1]:tok[0]] if raw else ""
        joined = raw and gap in (" ", "-") and (_capital(tok[2]) or (_particle(tok[2]) and i + 1 < len(tokens)
                                                                      and _capital(tokens[i + 1][2])))
        if joined and not raw[-1][-1][2].endswith(("'s", "’s")):
            raw[-1].append(tok)
        elif _capital(tok[2]):
            raw.append([tok])
    opening = tokens[0][0] if tokens else start
    trimmed = [_trim(text, r, opening) for r in raw]
    return _join_orgs(text, _join_places(text, [s for s in trimmed if s is not None]))


def _join_places(text: str, spans: list[Run]) -> list[Run]:
    """"Dar es Salaam", "Rio de Janeiro": two runs over one short lower-case word are one name
    when the gazetteers know the whole as a place."""
    out: list[Run] = []
    for run in spans:
        if out and not out[-1].possessive and re.fullmatch(r" [a-z]{1,4} ", text[out[-1].end:run.start]):
            joined = text[out[-1].start:run.end]
            known = lexicon.place(joined)
            if known is not None and normalize(known.name) == normalize(joined):
                out[-1] = Run(out[-1].start, run.end, joined, run.possessive, run.acronym)
                continue
        out.append(run)
    return out


def _trim(text: str, toks: list[tuple[int, int, str]], opening: int) -> Run | None:
    stop = lexicon.word_set("names", "stop")
    while toks and (toks[0][2] in stop or toks[0][2].lower() in ("the", "a", "an")
                    or (toks[0][0] == opening and len(toks) > 1 and toks[0][2].lower() in _common_nouns())
                    or (len(toks) > 1 and _number_word(toks[0][2]))):
        toks = toks[1:]  # "Eyewitness X Y told …", "Three X bombers": a common noun or a number is no part of a name
    while toks and _particle(toks[-1][2]):
        toks = toks[:-1]
    if not toks:
        return None
    s, e = toks[0][0], toks[-1][1]
    possessive = False
    if text[e - 2:e] in ("'s", "’s"):
        e, possessive = e - 2, True
    elif text[e:e + 1] in ("'", "’") and text[e - 1:e] == "s":
        possessive = True  # "the Forces' commander"
    return Run(s, e, text[s:e], possessive, _acronym_after(text, e))


@cache
def _number_word(word: str) -> bool:
    """"Three", "Forty-two": a count written in words (text2num reads it)."""
    from text_to_num import text2num

    try:
        text2num(word.lower(), "en")
    except ValueError:
        return False
    return True


def common_noun(word: str) -> bool:
    """A capitalised noun of people or of a body ("Police", "Soldiers", "Officials"), which opens
    sentences and names no one: some are also the names of small towns in the gazetteers."""
    key = normalize(word)
    return key in _common_nouns() or key in lexicon.org_heads() or word.capitalize() in lexicon.word_set("names",
                                                                                                        "stop")


@cache
def _common_nouns() -> frozenset[str]:
    """Lower-case nouns of the word lists (people, sources, members, victims): a name never opens with one."""
    w = lexicon.words()
    lists = [w["groups"]["person_nouns"], w["groups"]["words"], w["nouns"]["members"], w["nouns"]["victims"],
             w["sources"]["unnamed"], w["names"]["common_openers"]]
    return frozenset(x for words in lists for x in words if " " not in x)


def _acronym_after(text: str, end: int) -> str | None:
    m = re.match(r"\s*\(([A-Z][A-Za-z.&-]{1,11})\)", text[end:end + 16])
    return m.group(1) if m and sum(c.isupper() for c in m.group(1)) >= 2 else None


def _join_orgs(text: str, spans: list[Run]) -> list[Run]:
    """Join runs into one name over a connector ("Ministry of Defence", "Democratic Republic
    of the X") or a possessive inside a name ("the Lord's Army (LA)", "People's Defence
    Force")."""
    out: list[Run] = []
    for run in spans:
        if out:
            left = out[-1]
            gap = text[left.end:run.start]
            joined = text[left.start:run.end]
            if run.words[0] == "Operation":
                out.append(run)  # an operation's name is an event, never part of another name
                continue
            inner_possessive = left.possessive and gap.strip() in ("'s", "’s", "'", "’") and (
                run.acronym or org_type(run.text) is not None) and not _place_name(left.text)  # "X's Navy", X a country
            connector = not left.possessive and gap.strip() in CONNECTORS and (
                _org_before_connector(left.text) or run.acronym or _place_name(joined)) \
                and not (gap.strip() == "and" and (len(run.words) > 1 or normalize(run.text) in lexicon.demonyms())
                         and not run.acronym)  # "the Union and X-ian forces"
            if connector and _nested(text, left, run, gap.strip()):
                connector = False
            if inner_possessive or connector:
                out[-1] = Run(left.start, run.end, joined, run.possessive, run.acronym)
                continue
        out.append(run)
    return out


def _nested(text: str, left: Run, right: Run, gap: str) -> bool:
    """Two names, not one: "the X Chamber of the Y Court" (each with its own organisation
    word: a unit of an organisation), "Z in the Y-an city of" (an adjective of a place's noun)."""
    if gap in ("of", "of the") and org_type(right.text) and normalize(left.words[-1]) in lexicon.org_heads() \
            and not right.acronym:
        return True
    nouns = "|".join(map(re.escape, [*lexicon.word_set("places", "words"), *lexicon.word_set("places", "towns")]))
    return gap == "in the" and bool(re.match(rf"\s+(?:{nouns})\b", text[right.end:right.end + 20]))


def _place_name(name: str) -> bool:
    known = lexicon.place(name)
    return known is not None and known.type in ("Country", "Region")


def _org_before_connector(name: str) -> bool:
    """Whether a name goes on over "of"/"for": it ends with an organisation's word ("Ministry
    of", "Armed Forces of") or goes on already ("Front for the Liberation of"), not an office
    after one ("Army Chief of Staff")."""
    heads = lexicon.org_heads()
    return normalize(name.split()[-1]) in heads or (
        _has_org_word(name) and bool(re.search(r"\s(?:of|for|in|de|del)\s", name)))


def _has_org_word(name: str) -> bool:
    heads = lexicon.org_heads()
    return any(normalize(w) in heads for w in name.split())


def org_type(name: str) -> str | None:
    """The entity type an organisation's name says by its last organisation word ("Command",
    "Forces", "U.S. Navy SEALs"), read before any "of"/"for"/"in" ("Ministry of Defence")."""
    heads = lexicon.org_heads()
    words = [normalize(w) for w in re.split(r"\s+(?:of|for|in)\s+(?:the\s+)?", name)[0].split()]
    found = [heads.get(f"{a} {b}") or heads.get(b) for a, b in zip(["", *words], words, strict=False)
             if f"{a} {b}" in heads or b in heads]  # "Task Force" before "Force"
    etype = found[-1] if found else None
    international = any(f"{normalize(name)} ".startswith(f"{normalize(p)} ")
                        for p in lexicon.word_set("international", "prefixes"))
    return "Organization" if etype == "GovernmentBody" and international else etype


def acronym_fits(name: str, acronym: str) -> bool:
    """Whether an acronym can stand for a name: its letters begin the name's words in order
    ("SOCOM": Special Operations COMmand), or are the initials of its words in any order ("NLF" for "Front
    for National Liberation")."""
    words = [w for w in re.split(r"[\s-]+", name)
             if w and w.lower() not in ("of", "the", "for", "in", "and", "de", "del")]
    letters = acronym.replace(".", "").lower()
    initials = sorted(w[0].lower() for w in words)
    if all(initials.count(c) >= letters.count(c) for c in letters) and letters[0] in initials:
        return True
    return _prefixes(letters, [w.lower() for w in words]) or (
        bool(words) and letters[0] == words[0][0].lower() and _subsequence(letters, "".join(words).lower()))


def _subsequence(letters: str, text: str) -> bool:
    it = iter(text)
    return all(c in it for c in letters)


def _prefixes(letters: str, words: list[str]) -> bool:
    if not letters:
        return True
    for i, w in enumerate(words):
        for n in range(min(len(w), len(letters)), 0, -1):
            if w.startswith(letters[:n]) and _prefixes(letters[n:], words[i + 1:]):
                return True
    return False
