"""Understand a plain question: its family, its constraints (years, period, ordinal, "now",
measure, role, relation) and which of its words are accounted for.

Pure text work, no graph: names of entities are linked later (kg.ask.link), and every word
left over after both must be reported, never dropped (kg.ask.resolve).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kg import names
from kg.ask import grammar as g
from kg.vocabulary import Concept, Vocabulary

MAX_CHARS = 500

# (family, trigger, more keywords it consumes), tried in order: the first trigger that
# matches decides. Keywords are whole words of the normalised question.
FAMILIES: list[tuple[str, str, str]] = [
    ("speaker_of", r"^(who|which \w+) (said|says|warned|warns|stated|declared|announced|told|wrote|claimed|confirmed|vowed|pledged|promised|threatened|denied|accused|urged|dismissed|called on|called for|called)\b", r"\bthat\b"),
    ("aliases", r"\b(alias|aliases|other names?|also known|aka|known as|called|names? for|abbreviat\w*|stand for|stands for|acronym)\b", ""),
    ("headlines", r"\bheadlines?\b", r"\brelated|printed|say|says|said\b"),
    ("projection", r"\b(on track|double|doubling|triple|projection|projected|project|forecast|forecasts|expected to|expect|expects|trend|increase|rise|rising)\b", r"\b(warn|warned|warns|attacks?|say|said|says)\b"),
    ("numbers", r"\b(how many|number of|how much|figures? (for|on|of)|tally|count of|statistics?|stats|how big|how large|strength of|size of|total number)\b", r"\b(total|combined|together|both|in all|altogether|carried out|conducted|launched|claimed?|there)\b"),
    ("said", r"\b(say|said|says|saying|quote|quoted|quotes|statements?|stated|warn|warned|warns|warning|claim|claimed|claims|report|reported|reports|estimate|estimated|estimates|announce|announced|told|confirm|confirmed|confirms|vow|vowed|pledge|pledged|promise|promised|threaten|threatened|deny|denied|accuse|accused|urge|urged|call on|called on|dismiss|dismissed)\b", r"\b(about|on)\b"),
    ("operation_named", r"\b(named after|named for|in honou?r of|honou?rs?|honou?red|named in honou?r)\b", r"\b(operation|operations|named|who|whom)\b"),
    ("causes", r"\b(prompted|prompt|caused|cause|causes|led to|lead to|why|reason|because|result of|triggered)\b", r"\b(what|the)\b"),
    ("succession", r"\b(before|preceded|precede|predecessor|prior to|after|succeeded|succeed|successor|followed|follow|replaced|replace|next|previous)\b", r"\b(came|come|who)\b"),
    ("sentencing", r"\b(sentence|sentenced|sentences|convicted|conviction|court|trial|tried)\b", r"\b(death|to|by)\b"),
    ("declaration", r"\b(declare|declared|declaring|declaration|proclaim|proclaimed)\b", r"\b(caliphate|state)\b"),
    ("kinship", r"\b(wife|wives|husband|son|sons|daughter|daughters|father|mother|brother|brothers|sister|sisters|cousin|relative|relatives|family|married|brother in law|son in law)\b", r"\b(whose|of)\b"),
    ("partners", r"\b(partners?|partnered|took part|take part|part in|participat\w*|coordinat\w*|allies|allied|work(ed|s)? with|together with|joined|alongside)\b", r"\b(missions?|operations?)\b"),
    ("campaign", r"\b(targeting|targeted|targets|target|fighting|fought|fight|campaign|campaigns|going after|at war)\b", r"\b(since|when|who)\b"),
    ("describe", r"\b(how old|age|aged|nationality|citizen|occupation|profession|job|what does \w+ do|title|rank)\b", r"\b(what|was|is)\b"),
    ("captivity", r"\b(hostages?|captives?|captivity|kidnap\w*|abduct\w*|held|captured?|capturing|seized|taken)\b", r"\b(how long|for how long|duration|long|by whom|whom|when|where|who)\b"),
    ("death", r"\b(die|died|dies|death|dead|killed|kill|kills|killing|slain|assassinat\w*|eliminated|murdered|executed)\b", r"\b(operation|how|when|where|who|which|way|place|cause)\b"),
    ("operations", r"\b(operations?|raids?|missions?)\b|\btake place\b|\btook place\b|\bhappen(ed)?\b|\boccur(red)?\b|\b(carried|carry|carries|carrying) out\b|\bconducted\b|\blaunched\b", r"\b(carried|carry|carries|carrying|out|conducted|conduct|launched|launch|performed|perform|behind|ran|run|when|where|who|what|which)\b"),
    ("founded", r"\b(founded|found|established|formed|created|founding|origin)\b", r"\b(when|who|where)\b"),
    ("leadership", r"\b(lead|leads|led|leading|leader|leaders|leadership|head|heads|headed|heading|ran|run|runs|running|rule|rules|ruled|ruling|ruler|rulers|command|commands|commanded|commanding|commander|commanders|in charge|in control|at the helm|boss|chief|chiefs|emir|emirs|caliph|in power|succession|role|roles|held|holds|position|deputy|spokesman|spokesperson|founder|founders|secretary general|secretaries general|minister|president|amir)\b", r"\b(which|what|number|years|since|when|how long|who|list|all|history|become|became|becomes|appointed|named|chosen|elected|took over|take over|succeed|succeeded)\b"),
    ("profile", r"^(who|what) (is|was|are|were)\b|^(tell me|tell us) about\b|^(profile|describe|show|about|info|information)\b", r""),
]
EXAMPLE_FORMS = {
    "leadership": "who led {org} in {year}?", "numbers": "how many {measure} in {year}?",
    "death": "when was {person} killed?", "profile": "who is {person}?",
    "said": "what did {person} say?", "operations": "what operations does the graph know?",
}


@dataclass
class Token:
    word: str  # normalised
    orig: str  # as typed
    name_like: bool  # capitalised or all-caps where a question word would not be
    at: int  # which typed word it comes from ("al-Baghdadi" gives two tokens)


@dataclass
class Parsed:
    text: str
    norm: str
    tokens: list[Token]
    family: str = ""
    years: list[int] = field(default_factory=list)
    period: tuple[str, str] | None = None  # (from, to): "2024", "2024-01", for figures
    ordinal: int | None = None  # -1 = the last
    now: bool = False
    measures: list[str] = field(default_factory=list)  # notations, best first
    strength: bool = False  # "how big", "how strong"
    roles: list[str] = field(default_factory=list)
    kinship: str | None = None
    direction: str | None = None  # before | after
    aspect: str | None = None
    words: str = ""  # quoted or reported words to look for (who said ...)
    used: set[int] = field(default_factory=set)  # token positions accounted for
    quoted: set[int] = field(default_factory=set)  # the words looked for, not names to link

    def mark(self, pattern: str) -> None:
        """Mark the tokens a pattern matches in the normalised question as accounted for."""
        for m in re.finditer(pattern, self.norm):
            self.mark_span(m.start(), m.end())

    def mark_span(self, start: int, end: int) -> None:
        at = 0
        for i, t in enumerate(self.tokens):
            if at < end and start < at + len(t.word):
                self.used.add(i)
            at += len(t.word) + 1

    def has(self, pattern: str) -> bool:
        return re.search(pattern, self.norm) is not None


def tokenize(text: str) -> list[Token]:
    text = text.replace("’", "'").replace("‘", "'")
    out: list[Token] = []
    for n, m in enumerate(re.finditer(r"[\w][\w'.-]*", text)):
        orig = re.sub(r"'s$|'$", "", m.group(0)).rstrip(".-")
        if re.fullmatch(r"(?:\w\.)+\w?", m.group(0)):
            orig = m.group(0)  # U.S., U.K.
        first = not out
        for word in names.words(unicodedata.normalize("NFKC", orig)) if orig else []:
            capital = orig[:1].isupper() and not (first and word in g.QUESTION_WORDS | g.FILLER)
            out.append(Token(word, orig, capital or (orig.isupper() and len(orig) > 1), n))
            first = False
    return out


def parse(text: str, vocabulary: Vocabulary) -> Parsed:
    """The family and the constraints of a question (entities are linked afterwards)."""
    text = (text or "").strip()
    tokens = tokenize(text)
    p = Parsed(text, " ".join(t.word for t in tokens), tokens)
    _times(p)
    _ordinal(p)
    _vocabulary(p, vocabulary)
    _family(p)
    for i, t in enumerate(p.tokens):
        if t.word in g.FILLER and not (t.name_like and t.orig.isupper() and len(t.orig) > 1):
            p.used.add(i)
    return p


def _times(p: Parsed) -> None:
    p.years = [int(y) for y in re.findall(r"\b(1[5-9][0-9]{2}|20[0-9]{2}|2100)\b", p.norm)]
    p.mark(r"\b(1[5-9][0-9]{2}|20[0-9]{2}|2100)s?\b")
    p.now = p.has(g.NOW)
    p.mark(g.NOW)
    if p.years:
        year = str(p.years[0])
        p.period = (year, str(p.years[-1]))
        month = re.search(rf"\b({'|'.join(g.MONTHS)})\b", p.norm)
        if p.has(g.HALF):
            p.period = (f"{year}-01", f"{year}-06")
        elif p.has(g.SECOND_HALF):
            p.period = (f"{year}-07", f"{year}-12")
        elif month:
            m = f"{year}-{g.MONTHS[month.group(1)]:02d}"
            p.period = (m, m)
        p.mark(rf"\b({'|'.join(g.MONTHS)})\b")
    if p.has(r"\bsince\b") and p.years:
        p.period = (str(p.years[0]), "2100")
    p.mark(g.HALF + "|" + g.SECOND_HALF + r"|\b(this|last|past|previous) (year|decade)\b|\bdecade\b")


def _ordinal(p: Parsed) -> None:
    m = re.search(r"\b([0-9]{1,3})(?:st|nd|rd|th)\b", p.norm)
    if m:
        p.ordinal = int(m.group(1))
        p.mark_span(m.start(), m.end())
        return
    for word, value in g.ORDINALS.items():
        if re.search(rf"\b{word}\b", p.norm):
            p.ordinal = value
            p.mark(rf"\b{word}\b")
            return
    m = re.search(r"\b(last|latest|most recent)\b", p.norm)
    if m and not p.has(r"\blast (year|decade|month|week)\b"):
        p.ordinal = -1
        p.mark_span(m.start(), m.end())


def _phrase_pattern(phrase: str) -> str:
    """A vocabulary phrase as a pattern: its words in order, light suffixes ignored, up to
    five other words between them ('attacks has the Islamic State claimed')."""
    words = [re.escape(w[:-1]) + "(?:y|ies)" if w.endswith("y") and len(w) > 3
             else re.escape(g.stem(w)) + g.SUFFIX for w in names.normalize(phrase).split()]
    return r"\b" + r"(?: \w+){0,5}? ".join(words) + r"\b"


def _match(p: Parsed, concepts: dict[str, Concept], words: str = "words") -> list[str]:
    """The concepts whose phrasings occur with the most words ('operatives killed' beats
    'killed'); several when they tie ('how many were killed': operatives and people)."""
    found: dict[str, int] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for concept in concepts.values():
        for phrase in getattr(concept, words):
            m = re.search(_phrase_pattern(phrase), p.norm)
            if m:
                size = len(phrase.split())
                if size > found.get(concept.notation, 0):
                    found[concept.notation] = size
                spans.setdefault(concept.notation, []).append(m.span())
    best = max(found.values(), default=0)
    ranked = sorted(n for n in found if found[n] == best)
    for notation in ranked:
        for start, end in spans[notation]:
            p.mark_span(start, end)
    return ranked


def _vocabulary(p: Parsed, vocabulary: Vocabulary) -> None:
    p.measures = _match(p, vocabulary.measures)
    if p.has(r"\b(how big|how large|how strong|strength|size)\b"):
        p.strength = True
        p.mark(r"\b(how big|how large|how strong|strength|size)\b")
    p.roles = _match(p, vocabulary.roles)
    kin = _match(p, vocabulary.kinships)
    p.kinship = kin[0] if kin else None
    for table in (vocabulary.bounds, vocabulary.certainties, vocabulary.quantities):
        for concept in table.values():
            for phrase in concept.words:
                p.mark(rf"\b{re.escape(names.normalize(phrase))}\b")


def _family(p: Parsed) -> None:
    for family, trigger, extra in FAMILIES:
        m = re.search(trigger, p.norm)
        if m:
            p.family = family
            p.mark(trigger)
            if extra:
                p.mark(extra)
            break
    if p.family == "succession":
        p.direction = "before" if p.has(r"\b(before|preceded|precede|predecessor|prior to|previous)\b") else "after"
    if p.family == "speaker_of":
        trigger = {f: trig for f, trig, _ in FAMILIES}["speaker_of"]
        m = re.search(trigger, p.norm)
        before = set(p.used)
        p.mark_span(m.end() if m else 0, len(p.norm))
        p.quoted = p.used - before
        typed = re.search(trigger.replace("^", r"^\W*"), p.text, re.IGNORECASE)  # the words as typed
        rest = p.text[typed.end():] if typed else ""
        p.words = re.sub(r"^(that|the words?)\s+", "", rest.strip(" ?!.\"'“”"), flags=re.IGNORECASE)
    if p.family in ("death", "captivity", "operations", "leadership", "founded"):
        p.aspect = next((a for a, pat in ASPECTS if p.has(pat)), None)


ASPECTS = [
    ("duration", r"\bhow long\b|\bfor how long\b|\bduration\b"),
    ("start", r"\bsince when\b|\bwhen (did|was) .*\b(start|begin|become|take over|took over|appointed|named|chosen|elected)\b|\bhow long has\b"),
    ("operation", r"\b(which|what) operations?\b|\bin which operation\b|\bduring which\b"),
    ("by_whom", r"\bby whom\b|^who (killed|captured|kidnapped|abducted|held|took|seized|carried out|conducted|launched|ran)\b|\bwho was behind\b|\bwho (is|was) behind\b"),
    ("how", r"^how\b|\bhow did\b|\bhow was\b|\bin what way\b|\bcause of death\b"),
    ("when", r"^when\b|\bwhat year\b|\bwhen did\b|\bwhen was\b|\bin which year\b|\bwhat date\b|\btake place\b|\btook place\b"),
    ("where", r"^where\b|\bwhere did\b|\bwhere was\b|\bin which (country|place|city)\b|\bwhat place\b"),
    ("who", r"^who\b|^whom\b"),
    ("list", r"\b(list|all|what|which)\b"),
]
