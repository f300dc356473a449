"""Understand a plain question: which family it belongs to and the values it carries.

Pure text work (no graph): normalisation, synonyms, years, ordinals, measures, places and
periods. Names of entities are linked to the graph later, by kg.ask, through the lookup
index, so any name or alias in the graph is understood without being listed here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_CHARS = 500

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "last": -1, "latest": -1, "current": 0,
}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
LEAD_VERBS = r"(?:led|lead|leads|leading|head|heads|headed|heading|ran|run|runs|running|rule|rules|ruled|ruling|command|commands|commanded|commanding|in charge|in control|at the helm|boss|the boss)"
LEAD_NOUNS = r"(?:leaders?|rulers?|chiefs?|emirs?|heads?|caliphs?|bosses|boss|commanders?|leadership)"
NOW_WORDS = r"\b(?:now|currently|current|today|at present|presently|these days|nowadays|right now|present)\b"

# measure -> words that name it (checked in this order: more specific first)
MEASURE_WORDS: list[tuple[str, str]] = [
    ("senior_leaders_killed", r"(senior|top|key) (isis )?(leaders?|commanders?|figures?|officials?) (were |have been |been )?(killed|eliminated|dead|died)|(killed|eliminated) (senior|top|key) (leaders?|commanders?)"),
    ("senior_leaders_captured", r"(senior|top|key) (isis )?(leaders?|commanders?|figures?|officials?) (were |have been |been )?(captured|detained|arrested|caught|taken)|(captured|detained|arrested) (senior|top|key) (leaders?|commanders?)"),
    ("fighters_at_large", r"(at large|still free|on the loose|remain(ing)? free|fighters? (are |remain )?(left|remaining|still)|how many fighters|fighters? does|fighters? do|fighters? has|fighters? have|number of fighters)"),
    ("attacks_claimed", r"attacks?.{0,30}\bclaim|claim.{0,30}\battacks?|claimed credit"),
    ("people_abducted", r"\b(kidnap\w*|abduct\w*|hostages? (were )?taken)\b"),
    ("operatives_killed", r"(operatives?|militants?|fighters?|members?|jihadists?|terrorists?|isis) (were |have been |been |got )?(killed|dead|died|eliminated|neutralized|neutralised)|\b(deaths?|killed|kills|dead|fatalities|body count)\b"),
    ("operatives_detained", r"\b(detain\w*|detention\w*|detainee\w*|captur\w*|arrest\w*|taken into custody|caught|prisoners?|apprehended)\b"),
    ("missions", r"\b(missions?|operations?|raids?|strikes?|sorties)\b"),
    ("attacks", r"\b(attacks?|attacked|assaults?|incidents?)\b"),
]
PERIOD_HALF = r"(first (six|6) months|first half|h1|january (to|through|-) june|jan(uary)?-jun(e)?)"


@dataclass
class Parsed:
    text: str  # the question as typed (trimmed)
    norm: str  # lower-case words, punctuation removed
    family: str = ""
    year: int | None = None
    years: list[int] = field(default_factory=list)
    ordinal: int | None = None  # 0 = current, -1 = last
    now: bool = False
    measure: str | None = None
    half: bool = False
    direction: str | None = None  # before | after
    aspect: str | None = None  # how | when | where | who | age | duration | by_whom


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    text = re.sub(r"(?<!\w)-|-(?!\w)", " ", text)
    return " ".join(text.split())


def _ordinal(norm: str) -> int | None:
    match = re.search(r"\b(\d{1,3})(?:st|nd|rd|th)\b", norm)
    if match:
        return int(match.group(1))
    for word, value in ORDINAL_WORDS.items():
        if re.search(rf"\b{word}\b", norm) and value != 0:
            return value
    match = re.search(r"\bnumber (\d{1,3})\b|\bno (\d{1,3})\b", norm)
    if match:
        return int(match.group(1) or match.group(2))
    return None


def _has(pattern: str, norm: str) -> bool:
    return re.search(pattern, norm) is not None


def parse(text: str) -> Parsed:
    """Classify a question into a family and pull out its values (entities come later)."""
    text = (text or "").strip()
    norm = normalize(text)
    p = Parsed(text, norm)
    p.years = [int(y) for y in re.findall(r"\b(1[5-9]\d\d|20\d\d|2100)\b", norm)]
    p.year = p.years[0] if p.years else None
    p.now = _has(NOW_WORDS, norm) or _has(r"\b(who leads|who runs|who heads|who rules|who commands|who is in charge|who s in charge)\b", norm) and p.year is None
    p.ordinal = _ordinal(norm)
    p.half = _has(PERIOD_HALF, norm)
    p.family = _family(p)
    return p


def _family(p: Parsed) -> str:
    n = p.norm
    if not n:
        return ""
    asks_number = _has(r"\bhow many\b|\bnumber of\b|\bcount of\b|\bhow much\b|\bfigures?\b|\btally\b|\btotal\b|\bstatistics?\b|\bstats\b", n)
    if _has(r"\b(alias|aliases|other names?|also known|aka|known as|called|names? for|abbreviat)", n):
        return "aliases"
    if _has(r"\b(say|said|says|quote|quoted|statement|stated|warn|warned)\b", n) and not asks_number:
        if _has(r"\b(projection|project|projected|on track|double|forecast|expect)", n):
            p.measure = "attacks_claimed"
            return "projection"
        return "said"
    if _has(r"\b(on track|double|doubling|projection|projected|forecast|trend|increase|rise|rising)\b", n):
        p.measure = "attacks_claimed"
        return "projection"
    if _has(r"\b(named after|named for|in honou?r of|honou?rs?|named in honou?r)\b", n):
        return "operation_named"
    if asks_number:
        p.measure = _measure(n)
        return "numbers"
    if _has(r"\b(before|preceded|predecessor|prior to)\b", n):
        p.direction = "before"
        return "succession_neighbour"
    if _has(r"\b(after|succeeded|successor|followed|replaced|next)\b", n) and not _has(r"\bafter (\d{4})\b", n):
        p.direction = "after"
        return "succession_neighbour"
    if _has(r"\b(partners?|took part|take part|participat\w*|coordinat\w*|allies|allied|work(ed|s)? with|together with|joined)\b", n):
        return "partners"
    if _has(r"\b(targeting|targeted|targets|fighting|fought|fight|campaign|since when|going after|at war)\b", n):
        return "campaign"
    if _has(r"\bhow old\b|\bage\b|\baged\b", n):
        p.aspect = "age"
        return "victim_detail"
    if _has(r"\bhow long\b|\bfor how long\b|\bduration\b", n):
        p.aspect = "duration"
        return "victim_detail"
    if _has(r"\b(hostages?|captives?|kidnap\w*|abduct\w*|held|captured|capture)\b", n):
        p.aspect = "when" if _has(r"\bwhen\b|\bwhat year\b", n) else "by_whom" if _has(r"\bby whom\b|\bwho (captured|held|kidnapped|took)\b", n) else None
        return "captivity"
    if _has(r"\b(die|died|death|dead|killed|kill|killing|slain|assassinat\w*|eliminated|murdered|executed)\b", n):
        if _has(r"\bwhich operation\b|\bwhat operation\b|\boperation\b", n) and not _has(r"\bwhat operations\b", n):
            p.aspect = "operation"
        elif _has(r"^how\b|\bhow did\b|\bhow was\b|\bin what way\b", n):
            p.aspect = "how"
        elif _has(r"^when\b|\bwhat year\b|\bwhen did\b|\bwhen was\b|\bin which year\b", n):
            p.aspect = "when"
        elif _has(r"^where\b|\bwhere did\b|\bwhere was\b", n):
            p.aspect = "where"
        else:
            p.aspect = "who"
        return "death"
    if _has(r"\b(carried out|conducted|conduct|executed|ran|launched|performed|behind)\b", n) and _has(r"\boperation\b", n):
        return "operation_actor"
    if _has(r"\b(operations|missions)\b", n) and _has(r"\b(what|which|list|show|known|all)\b", n):
        return "operations"
    if _has(r"\bcommand(s|ed|er|ers|ing)?\b", n):
        return "command"
    if _has(rf"\b{LEAD_NOUNS}\b|\b{LEAD_VERBS}\b|\bsuccession\b|\bin power\b", n):
        if _has(r"\bwhich (ruler|leader|emir|chief|number)|\bwhat number\b|\bwhat (ruler|leader) (was|is)\b", n):
            return "which_ruler"
        if _has(r"\b(when did|when was|what years|which years|how long did|since when)\b", n):
            return "person_terms"
        if _has(r"\bsuccession\b|\ball (the )?(leaders|rulers)\b|\blist\b|\bleaders of\b|\brulers of\b|\bhistory\b", n) and p.year is None and p.ordinal is None:
            return "succession"
        if p.ordinal is not None:
            return "nth_leader"
        return "leader"
    if _has(r"^(who|what) (is|was|are|were)\b|^tell me about\b|^profile\b|^describe\b|^show\b|^about\b|^info\b|^information\b", n):
        return "profile"
    return ""


def _measure(norm: str) -> str | None:
    for measure, pattern in MEASURE_WORDS:
        if re.search(pattern, norm):
            return measure
    return None


EXAMPLES = [
    "who led ISIS in 2019?",
    "who leads ISIS now?",
    "who was the 5th ruler of ISIS?",
    "which ruler was Abu Bakr al-Baghdadi?",
    "when did Abu Hafs al-Hashimi al-Qurashi lead ISIS?",
    "who came after Abu Bakr al-Baghdadi?",
    "which operation killed Baghdadi?",
    "who was Operation Kayla Mueller named after?",
    "who carried out Operation Kayla Mueller?",
    "what operations does the graph know?",
    "who was held hostage by ISIS?",
    "how long was Kayla Mueller held?",
    "who commands CENTCOM?",
    "what did Kurilla say?",
    "how many attacks did ISIS claim in 2024?",
    "how many missions were carried out in Iraq in 2024?",
    "how many ISIS operatives were killed in Syria?",
    "how many attacks were there in 2023?",
    "how many ISIS fighters are at large?",
    "who took part in the missions?",
    "who has been targeting ISIS since when?",
    "who is Kayla Mueller?",
    "what are the aliases of ISIS?",
]
