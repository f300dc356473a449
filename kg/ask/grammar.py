"""The question grammar as data: the words questions are made of that are not names of the
graph's entities nor words of the vocabulary (ontology/vocabulary.ttl).

A question is answered only when every word in it is accounted for: a grammar word below,
a family's keyword, a vocabulary phrase, a year or ordinal, or part of a linked name.
"""

from __future__ import annotations

import functools
import re

# Words any question may contain without changing what it asks.
FILLER = {
    "who", "whom", "whose", "what", "which", "when", "where", "why", "how", "is", "are", "was",
    "were", "be", "been", "being", "am", "do", "does", "did", "doing", "done", "has", "have",
    "had", "having", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
    "the", "a", "an", "of", "in", "on", "at", "to", "by", "for", "from", "with", "about", "as",
    "into", "onto", "over", "under", "than", "then", "there", "here", "this", "that", "these",
    "those", "it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us",
    "our", "you", "your", "i", "me", "my", "and", "or", "nor", "but", "if", "so", "also", "still",
    "ever", "yet", "already", "just", "only", "all", "any", "some", "each", "every", "both",
    "either", "much", "many", "more", "most", "per", "between", "during", "since", "until",
    "till", "after", "before", "while", "within", "throughout", "across", "around", "near",
    "name", "names", "named", "tell", "please", "list", "show", "give", "know", "known", "say",
    "said", "according", "graph", "sources", "source", "article", "articles", "data",
    "information", "info", "exactly", "really", "actually", "currently", "today", "now",
    "presently", "time", "times", "year", "years", "month", "months", "day", "days", "date",
    "dates", "period", "total", "totals", "number", "numbers", "figure", "figures", "count",
    "counts", "altogether", "overall", "official", "officially", "reported", "recorded",
    "mentioned", "stated", "record", "records", "whole", "entire", "latest", "recent", "recently",
    "first", "second", "third", "top", "main", "big", "biggest", "current", "present", "former",
    "late", "new", "old"
}

QUESTION_WORDS = {"who", "whom", "whose", "what", "which", "when", "where", "why", "how"}
# titles and ranks typed before a person's name ('General X', 'Mr X'): no part of the name asked
PERSON_TITLES = {"mr", "mrs", "ms", "dr", "general", "gen", "lieutenant", "lt", "colonel", "col", "major", "maj",
                 "captain", "capt", "sergeant", "sgt", "admiral", "adm", "rear", "brigadier", "brig", "commander",
                 "cmdr", "marshal", "president", "sheikh", "shaykh", "mullah", "mufti", "imam", "ayatollah",
                 "emir", "sir", "senator", "sen", "governor", "gov", "minister"}
# capitalised before a name, the head of another name: 'Operation Smith' is no person
NAME_HEADS = {"operation", "operations"}
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                       "august", "september", "october", "november", "december"), start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items()) if m not in ("march", "may")}, sept=9)  # 'Sept. 27'

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
NOW = r"\b(now|currently|current|today|at present|presently|these days|nowadays|right now|present|still)\b"
HALF = r"\b(first (six|6) months|first half|h1)\b"
SECOND_HALF = r"\b(second half|last (six|6) months|h2)\b"
VAGUE = r"\b((first|last|final|early|late|past) (few |several )?(months|weeks|days)|early|mid|late in|end of)\b"
SINCE = r"\bsince\b"
# relative to what? 'that year', 'in those days', 'then', 'at the time' are filler words alone: the
# time they ask about was dropped and the whole succession answered ('at the time of X' is an anchor)
RELATIVE = (r"\b(this|last|past|previous|next|coming) (year|decade|month|week)\b"
            r"|\b(that|those|the same) (years?|decades?|months?|weeks?|days?|times?|periods?|dates?)\b"
            r"|\bat the time\b(?! of)|\bthen\b")
DECADE = r"\bdecade\b"
LAST = r"\b(last|latest|most recent)\b"
STRENGTH = r"\b(how big|how large|how strong|strength|size)\b"
NAMES = r"\bnames?\b"

# For patterns every question tries: strings one of which each match holds. A question with
# none of them cannot match, so the pattern is not compiled: compiling them was most of the
# time a cold `kg ask` spent parsing. ("currently" holds "current", "nowadays" "now".)
NEEDS: dict[str, tuple[str, ...]] = {
    NOW: ("now", "current", "today", "present", "these days", "still"),
    HALF: ("first", "h1"),
    SECOND_HALF: ("second", "last", "h2"),
    VAGUE: ("first", "last", "final", "early", "late", "past", "mid", "end of"),
    SINCE: ("since",),
    RELATIVE: ("this", "last", "past", "previous", "next", "coming", "that", "those", "the same", "at the time",
               "then"),
    DECADE: ("decade",),
    LAST: ("last", "latest", "most recent"),
    STRENGTH: ("how big", "how large", "how strong", "strength", "size"),
    NAMES: ("name",),
}


def could_match(pattern: str, norm: str) -> bool:
    """False when the normalised question holds none of the strings the pattern needs."""
    needs = NEEDS.get(pattern)
    return needs is None or any(word in norm for word in needs)




@functools.lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A light English suffix strip, enough to match 'claim' to 'claimed' and 'kills' to
    'killed' (a full stemmer costs more start-up time than kg ask may spend)."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ment", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + keep
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # 'stopp' -> 'stop'
    return word.rstrip("e") if len(word) > 4 else word


def has(pattern: str, norm: str) -> re.Match[str] | None:
    return re.search(pattern, norm)


# The verbs of killing and of taking captive, each as (base, past, participle, present): a
# class, so that every verb of it asks what 'who killed X' asks, in every tense ('who murders
# X', 'who has slain X'), and makes the one named before it the doer ('did ORG behead X').
KILL_VERBS = (("kill", "killed", "killed", "kills"), ("execute", "executed", "executed", "executes"),
              ("assassinate", "assassinated", "assassinated", "assassinates"),
              ("murder", "murdered", "murdered", "murders"), ("eliminate", "eliminated", "eliminated", "eliminates"),
              ("slay", "slew", "slain", "slays"), ("behead", "beheaded", "beheaded", "beheads"),
              ("hang", "hanged", "hanged", "hangs"))
CAPTURE_VERBS = (("capture", "captured", "captured", "captures"), ("kidnap", "kidnapped", "kidnapped", "kidnaps"),
                 ("abduct", "abducted", "abducted", "abducts"), ("seize", "seized", "seized", "seizes"),
                 ("arrest", "arrested", "arrested", "arrests"), ("detain", "detained", "detained", "detains"),
                 ("hold", "held", "held", "holds"), ("take", "took", "taken", "takes"))

# verbs of saying: 'who VERB WORDS?' asks who said the words, in the past or the present
SAY_VERBS = (("say", "said", "said", "says"), ("warn", "warned", "warned", "warns"),
             ("state", "stated", "stated", "states"), ("declare", "declared", "declared", "declares"),
             ("announce", "announced", "announced", "announces"), ("tell", "told", "told", "tells"),
             ("write", "wrote", "written", "writes"), ("claim", "claimed", "claimed", "claims"),
             ("confirm", "confirmed", "confirmed", "confirms"), ("vow", "vowed", "vowed", "vows"),
             ("pledge", "pledged", "pledged", "pledges"), ("promise", "promised", "promised", "promises"),
             ("threaten", "threatened", "threatened", "threatens"), ("deny", "denied", "denied", "denies"),
             ("accuse", "accused", "accused", "accuses"), ("urge", "urged", "urged", "urges"),
             ("dismiss", "dismissed", "dismissed", "dismisses"), ("call", "called", "called", "calls"),
             ("report", "reported", "reported", "reports"))
# who passes a sentence: 'who sentenced X' asks for the court or state, not X
SENTENCE_VERBS = (("sentence", "sentenced", "sentenced", "sentences"),
                  ("convict", "convicted", "convicted", "convicts"))
# who ends a captivity: the graph records when one ended, not who ended it (kg.ask.families.victims)
RELEASE_VERBS = (("release", "released", "released", "releases"), ("free", "freed", "freed", "frees"),
                 ("rescue", "rescued", "rescued", "rescues"), ("liberate", "liberated", "liberated", "liberates"))


def forms(verbs: tuple[tuple[str, str, str, str], ...]) -> list[str]:
    """Every form of these verbs, once each, in the table's order."""
    return list(dict.fromkeys(form for verb in verbs for form in verb))


# manners of death the graph does not record (a list asked so cannot be answered)
EXECUTED = r"\b(executed|execution|executions|hanged|behead\w*)\b"
# 'sentenced to death', 'sentenced to 15 years in prison': the penalty's words, up to a word
# that starts a time, place or agent
PENALTY = (r"\b(?:sentenced?|sentences|convicted) to (?P<words>.+?)"
           r"(?= (?:in (?!prison|jail)|on|by|at|for|when|after|before|and)\b|$)")


def penalty(norm: str) -> tuple[int, int] | None:
    """Where a question about sentencings names the penalty it asks for ('to death')."""
    m = re.search(PENALTY, norm)  # compiled by the questions that ask it, not by every start
    return (m.start("words"), m.end("words")) if m else None
