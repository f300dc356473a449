"""Understand a plain question: its family, its constraints (years, period, ordinal, "now",
measure, role, relation) and which of its words are accounted for.

Pure text work, no graph: names of entities are linked later (kg.ask.link), and every word
left over after both must be reported, never dropped (kg.ask.resolve).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from kg import names
from kg.ask import anchor
from kg.ask import grammar as g
from kg.ask.constraints import ordinal, said, times
from kg.vocabulary import Concept, Vocabulary

MAX_CHARS = 500

# leaving a post: the end of a leadership term, whatever ended it (the answer says what did)
LEFT = ("step down|stepped down|steps down|stand down|stood down|resign|resigned|resigns|resignation|"
        "left office|leave office|left the post|leave the post|retire|retired|stop leading|stopped leading")


# (family, phrases that trigger it, more phrases it consumes), tried in order: the first
# family one of whose phrases the question holds decides. Phrases are normalised words
# separated by '|'; '^' anchors a phrase at the question's start, '_' is any one word and
# 'kidnap*' any word that begins so. Words, not regular expressions: kg ask starts fast.
FAMILIES: list[tuple[str, str, str]] = [
    ("speaker_of", "|".join(f"^who {past}|^who {present}" for _, past, _, present in g.SAY_VERBS)
     + "|^which _ said|^which _ says|^which _ warned|^which _ claimed|^which _ claims|^which _ announced", "that"),
    ("aliases", ("alias|aliases|other name|other names|also known|aka|known as|called|name for|names for|"
     "abbreviat*|stand for|stands for|acronym"), ""),
    ("headlines", "headline|headlines",
     "related|printed|say|says|said|mention|mentions|mentioned|mentioning|about|name|names|naming"),
    ("projection", ("on track|double|doubling|triple|projection|projected|project|forecast|forecasts|"
     "expected to|expect|expects|trend|increase|rise|rising"), "warn|warned|warns|attack|attacks|say|said|says"),
    ("numbers", ("how many|number of|how much|figure for|figures for|figure on|figures on|figure of|figures of|"
     "tally|count of|statistic|statistics|stats|how big|how large|strength of|size of|total number"),
     ("total|combined|together|both|in all|altogether|carried out|carry out|carries out|conducted|conduct|launched|"
      "launch|claim|claimed|there|"
      "report|reports|estimate|estimates|estimated|put|puts")),
    ("said", ("say|said|says|saying|quote|quoted|quotes|statement|statements|stated|warn|warned|warns|warning|"
     "claim|claimed|claims|report|reported|reports|estimate|estimated|estimates|announce|announced|told|"
     "confirm|confirmed|confirms|vow|vowed|pledge|pledged|promise|promised|threaten|threatened|deny|denied|"
     "accuse|accused|urge|urged|call on|called on|dismiss|dismissed"), "about|on"),
    ("operation_named", ("named after|named for|in honour of|in honor of|honour|honor|honours|honors|honoured|"
     "honored|named in honour|named in honor"), "operation|operations|named|who|whom"),
    ("fate", "what happened to|what became of|what has happened to|what's happened to|fate of|what befell",
     "what|the"),
    ("causes", "prompted|prompt|caused|cause|causes|led to|lead to|why|reason|because|result of|triggered",
     "what|the"),
    ("succession", ("before|preceded|precede|predecessor|prior to|after|succeeded|succeed|successor|followed|"
     "follow|replaced|replace|next|previous|took over from|take over from|takes over from|taken over from"),
     "came|come|who|led|lead|leads|headed|head|heads|ran|run|runs|"
     "leader|leaders|in charge"),
    ("sentencing", "sentence|sentenced|sentences|convicted|conviction|court|trial|tried", "death|to|by"),
    ("declaration", "declare|declared|declaring|declaration|proclaim|proclaimed", "caliphate|state"),
    ("kinship", ("wife|wives|husband|son|sons|daughter|daughters|father|mother|brother|brothers|sister|sisters|"
     "cousin|relative|relatives|family|married|brother in law|son in law"), "whose|of"),
    ("partners", ("partner|partners|partnered|took part|take part|part in|participat*|coordinat*|allies|allied|ally|"
     "work with|worked with|works with|together with|joined|alongside|linked|affiliate|affiliates|affiliated|"
     "ties to|ties with|tied to|aligned with|alliance|alliances"),
     "mission|missions|operation|operations|group|groups|organisation|organisations|organization|organizations"),
    ("campaign", "targeting|targeted|targets|target|fighting|fought|fight|campaign|campaigns|going after|at war",
     "since|when|who"),
    ("describe", ("how old|age|aged|nationality|citizen|occupation|profession|job|what does _ do|title|titles|"
     "rank"), "what|was|is|hold|holds|held|have|has|had|give|given"),
    ("captivity", ("hostage|hostages|captive|captives|captivity|kidnap*|abduct*|held|capture|captured|capturing|"
     "seized|taken|arrest|arrested|arresting|detain|detained|caught|apprehended|released|freed|rescued|"
     "liberated|release|captures|seizes|arrests|detains|releases|frees|rescues|hold|holds|holding"),
     "how long|for how long|duration|long|by whom|whom|when|where|who|hold|holds|holding|take|took|keep|kept|"
     "behind|responsible"),
    ("death", "die|died|dies|death|dead|killing|assassinat*|execution|" + "|".join(g.forms(g.KILL_VERBS)),
     "operation|how|when|where|who|which|way|place|cause|behind|responsible"),
    ("operations", ("operation|operations|raid|raids|mission|missions|take place|took place|happen|happened|"
     "occur|occurred|carried out|carry out|carries out|carrying out|conducted|launched|attacked|stormed|"
     "attack on|attacks on"),
     ("carried|carry|carries|carrying|out|conducted|conduct|conducts|launched|launch|performed|perform|behind|ran|"
     "run|start|started|begin|began|when|where|who|what|which|attack|attacks|strike|strikes|bombing|bombings|"
     "assault|ambush")),
    ("founded", "founded|found|established|formed|created|founding|origin", "when|who|where"),
    ("leadership", ("lead|leads|led|leading|leader|leaders|leadership|head|heads|headed|heading|ran|run|runs|"
     "running|rule|rules|ruled|ruling|ruler|rulers|command|commands|commanded|commanding|commander|commanders|"
     "in charge|in control|at the helm|boss|chief|chiefs|emir|emirs|caliph|in power|succession|role|roles|"
     "held|holds|position|positions|post|posts|deputy|spokesman|spokesperson|founder|founders|secretary general|"
     "secretaries general|minister|president|amir|appointed|took over|take over|takes over|taken over|taking over|"
     + LEFT),
     ("which|what|number|years|since|when|how long|who|list|all|history|become|became|becomes|appointed|named|"
     "chosen|elected|took over|take over|succeed|succeeded|hold|holds|have|has|had|held|occupy|occupied")),
    ("profile", ("^who is|^who was|^who are|^who were|^what is|^what was|^what are|^what were|^tell me about|"
     "^tell us about|^profile|^describe|^show|^about|^info|^information"), ""),
]


class Token(NamedTuple):  # NamedTuple: ten times cheaper to define than a dataclass
    """One word of the question."""

    word: str  # normalised
    orig: str  # as typed
    name_like: bool  # capitalised or all-caps where a question word would not be
    at: int  # which typed word it comes from ("al-Y" gives two tokens)
    possessive: bool = False  # the typed word ends in 's or ' ("ORG's Smith": two names)


class Parsed:
    """What the question asks, as parsed before any name is linked.

    A plain class, not a dataclass: generating the methods of a dataclass this size costs
    each `kg ask` milliseconds at every start. Words and flags default on the class; each
    question gets its own lists, sets and dicts."""

    family: str = ""
    period: tuple[str, str] | None = None  # (from, to): "2024", "2024-01", for figures
    day: str | None = None  # "2024-09-27": the period is its month, families that can narrow to the day
    ordinal: int | None = None  # -1 = the last
    now: bool = False
    strength: bool = False  # "how big", "how strong"
    kinship: str | None = None
    direction: str | None = None  # before | after
    aspect: str | None = None
    asks_name: bool = False  # "what was the name of ...": only a stated name answers
    words: str = ""  # quoted or reported words to look for (who said ...)
    counts: bool = False  # 'how many hostages does X hold': the answer counts the captives it lists
    future: bool = False  # 'who will lead X', 'who is the next emir': a prediction, which no source states
    anchor: str | None = None  # 'when Y died': the class of the event that dates the question

    def __init__(self, text: str, norm: str, tokens: list[Token]) -> None:
        self.text, self.norm, self.tokens = text, norm, tokens
        self.years: list[int] = []
        self.measures: list[str] = []  # notations, best first
        self.roles: list[str] = []
        self.readings: list[str] = []  # how words were read, said with the answer
        self.constraints: dict[str, str] = {}  # period/ordinal/now/vague -> its words
        self.ordinal_at: set[int] = set()  # the ordinal's tokens ('1st' may be part of a name)
        self.used: set[int] = set()  # token positions accounted for
        self.period_at: set[int] = set()  # 'before'/'after' of a period ('after 2019'), no family's
        self.quoted: set[int] = set()  # the words looked for, not names to link
        self.anchor_at: set[int] = set()  # the clause's words (no family's), but the name
        self.anchor_name: set[int] = set()  # the clause's name
        self.time_at: set[int] = set()  # the words of years, months, days, periods
        self.measure_at: set[int] = set()  # the words a measure's phrasing matched
        self.role_at: set[int] = set()  # the words a role's phrasing matched
        self.measure_left: set[int] = set()  # those the family does not account for
        self.family_at: set[int] = set()  # the words the family's phrases accounted for
        self.named: set[int] = set()  # words of linked names, no family's (reread_family)
        self.redirect_at: set[int] = set()  # 'position' made a captivity a question of roles

    @property
    def year(self) -> int | None:
        """The one whole year the question asks about (not a decade, a half-year, a month)."""
        if self.period and self.period[0] == self.period[1] and len(self.period[0]) == 4:
            return int(self.period[0])
        return None

    def mark(self, pattern: str) -> None:
        """Mark the tokens a pattern matches in the normalised question as accounted for."""
        if not g.could_match(pattern, self.norm):
            return
        for m in re.finditer(pattern, self.norm):
            self.mark_span(m.start(), m.end())

    def mark_span(self, start: int, end: int) -> None:
        at = 0
        for i, t in enumerate(self.tokens):
            if at < end and start < at + len(t.word):
                self.used.add(i)
            at += len(t.word) + 1

    def has(self, pattern: str) -> bool:
        return g.could_match(pattern, self.norm) and re.search(pattern, self.norm) is not None

    def holds(self, spec: str) -> list[tuple[int, int]]:
        """The token spans of the phrases of a '|' list the question holds (see FAMILIES)."""
        hidden = self.period_at | self.anchor_at | self.anchor_name | self.named
        words = [t.word if i not in hidden else "" for i, t in enumerate(self.tokens)]
        present = set(words)
        found = []
        for anchored, key, parts in _phrases(spec):
            if key and key not in present:
                continue  # most phrases of a list: one set lookup, not a scan of the question
            for i in ([0] if anchored else range(len(words) - len(parts) + 1)):
                if i + len(parts) <= len(words) and all(_fits(words[i + k], part) for k, part in enumerate(parts)):
                    found.append((i, i + len(parts)))
        return found

    def take_phrases(self, spec: str) -> bool:
        """Mark the phrases the question holds as accounted for; whether it held any."""
        spans = self.holds(spec) if spec else []
        for start, end in spans:
            self.used.update(range(start, end))
        return bool(spans)


@functools.cache
def _phrases(spec: str) -> tuple[tuple[bool, str, tuple[str, ...]], ...]:
    """A '|' list as (anchored, a word the question must hold for the phrase to fit, words)."""
    out = []
    for phrase in spec.split("|"):
        parts = phrase.split()
        anchored = parts[0].startswith("^")
        parts[0] = parts[0].lstrip("^")
        key = next((part for part in parts if part != "_" and not part.endswith("*")), "")
        out.append((anchored, key, tuple(parts)))
    return tuple(out)


def _fits(word: str, part: str) -> bool:
    return part == "_" or word == part or (part.endswith("*") and word.startswith(part[:-1]))


# a minus sign: hyphen-minus, MINUS SIGN, and the small and fullwidth forms NFKC reads as '-'
MINUS = "-\u2212\ufe63\uff0d"


def _signed(text: str, start: int) -> bool:
    """Whether the number at `start` carries a minus sign ('in -2021', 'the −4th'): a sign
    after a word joins two ('2019−2021') and is no sign."""
    return start > 0 and text[start - 1] in MINUS and (start == 1 or not text[start - 2].isalnum())


def tokenize(text: str) -> list[Token]:
    text = text.replace("’", "'").replace("‘", "'")
    words = re.findall(r"[^\W\d_]+", text)  # 'WHO LED X IN 2019': case tells no name apart
    shouted = len(words) >= 3 and sum(w.isupper() for w in words) >= 0.75 * len(words)
    out: list[Token] = []
    for n, m in enumerate(re.finditer(r"[\w][\w'.-]*", text)):
        orig = re.sub(r"'s$|'$", "", m.group(0)).rstrip(".-")
        if orig[:1].isdigit() and _signed(text, m.start()):
            # a negative number is no year and no ordinal: 'in -2021' read as 2021 answered for
            # 2021. Glued to a word, its digits match no number pattern; it stays a word to report
            out.append(Token("minus" + "".join(names.words(orig)), text[m.start() - 1] + orig, False, n))
            continue
        possessive = m.group(0).endswith("'") or m.group(0).endswith("'s")
        if re.fullmatch(r"(?:\w\.)+\w?", m.group(0)):
            orig = m.group(0)  # U.S., U.K.
        first = not out
        for word in names.words(unicodedata.normalize("NFKC", orig)) if orig else []:
            capital = orig[:1].isupper() and not (first and word in g.QUESTION_WORDS | g.FILLER)
            name_like = capital or (orig.isupper() and len(orig) > 1)
            out.append(Token(word, orig, name_like and not (shouted and word in g.FILLER), n, possessive))
            first = False
    return out


def parse(text: str, vocabulary: Vocabulary) -> Parsed:
    """The family and the constraints of a question (entities are linked afterwards)."""
    text = (text or "").strip()
    tokens = tokenize(text)
    p = Parsed(text, " ".join(t.word for t in tokens), tokens)
    times(p)
    ordinal(p)
    _vocabulary(p, vocabulary)
    anchor.find(p, DATED_BY_EVENT)
    _family(p)
    _filler(p)
    return p


def _filler(p: Parsed) -> None:
    for i, t in enumerate(p.tokens):
        if t.word in g.FILLER and not (t.name_like and t.orig.isupper() and len(t.orig) > 1):
            p.used.add(i)


def reread_family(p: Parsed, named: set[int]) -> bool:
    """A family's words inside a linked name ('Allied' in 'Allied Democratic Forces') are
    the name's: the family is chosen again without them. Whether it was."""
    trigger = next((t for f, t, _ in FAMILIES if f == p.family), "")
    spans = p.holds(trigger) if trigger else []
    redirected = bool(p.redirect_at) and p.redirect_at <= named  # 'held by the foreign office'
    if not redirected and (not spans or any(set(range(start, end)) - named for start, end in spans)):
        return False
    p.named = set(named)
    if not any(p.holds(other) for _, other, _ in FAMILIES):  # 'when was Operation X': the name says it
        p.named = set()
        return False
    p.used -= p.family_at - named
    p.family, p.aspect, p.redirect_at = "", None, set()
    for key in ("penalty", "manner"):
        p.constraints.pop(key, None)
    _family(p)
    _filler(p)
    p.measure_left -= named
    measure_words(p)
    return True


GAP = 5  # other words a phrase's words may have between them ('attacks has the X Front claimed')


def _same_word(question_word: str, phrase_word: str) -> bool:
    """'claimed' is 'claim', 'secretaries' is 'secretary': light suffixes ignored."""
    return question_word == phrase_word or g.stem(question_word) == g.stem(phrase_word) or (
        phrase_word.endswith("y") and question_word == phrase_word[:-1] + "ies")


def _may_open(phrase_word: str, words: set[str], stems: set[str]) -> bool:
    """Whether some word of the question is _same_word as a phrase's first: a set lookup each,
    so a question is not scanned once per key of the vocabulary's hundreds."""
    return phrase_word in words or g.stem(phrase_word) in stems or (
        phrase_word.endswith("y") and phrase_word[:-1] + "ies" in words)


def _find(p: Parsed, phrase: list[str], exact: bool = False, passable: frozenset[int] = frozenset()
          ) -> list[int] | None:
    """The token positions of a phrase's words, in order, with at most GAP others between
    them (none when exact), or only passable ones however many; None when the question does
    not hold it."""
    words = [t.word for t in p.tokens]
    for first, word in enumerate(words):
        if not (word == phrase[0] if exact else _same_word(word, phrase[0])):
            continue
        at, found = first, [first]
        for part in phrase[1:]:
            nxt = _next_word(words, at, part, exact, passable)
            if nxt is None:
                break
            at = nxt
            found.append(at)
        else:
            return found
    return None


def _next_word(words: list[str], at: int, part: str, exact: bool, passable: frozenset[int]) -> int | None:
    """Where a phrase's next word stands after position `at`: within GAP words, or past any
    run of passable words ('people' ... 'killed' across 'did the X army claim to have')."""
    def fits(i: int) -> bool:
        return words[i] == part if exact else _same_word(words[i], part)

    window = range(at + 1, min(len(words), at + 2 + (0 if exact else GAP)))
    nxt = next((i for i in window if fits(i)), None)
    if nxt is None and passable:
        i = at + 1
        while i < len(words) and i in passable:
            i += 1
        nxt = i if i < len(words) and fits(i) else None
    return nxt


# words a measure's words may stand apart by, however many: grammar that opens no clause of
# its own, a name, a verb of saying ('how many people did the X army claim to have killed');
# a clause word or any other word between keeps them apart ('people ... after ... killed')
CLAUSE = {"that", "which", "who", "whom", "whose", "when", "where", "while", "after", "before", "because",
          "since", "until", "till", "if", "and", "or", "but", "during", "than", "between"}
SAYING = {"claim", "claims", "claimed", "say", "says", "said", "report", "reports", "reported", "estimate",
          "estimates", "estimated", "put", "puts", "believe", "believes", "believed", "think", "thinks", "thought"}


def passable(p: Parsed, named: set[int] | frozenset[int] = frozenset()) -> frozenset[int]:
    """The positions of the words a measure's words may stand apart by (`named`: linked names)."""
    return frozenset(i for i, t in enumerate(p.tokens) if i in named or t.name_like or t.word in SAYING
                     or (t.word in g.FILLER and t.word not in CLAUSE))


def _match(p: Parsed, concepts: dict[str, Concept], matched: set[int] | None = None,
           across: frozenset[int] = frozenset()) -> list[str]:
    """The concepts whose phrasings occur with the most words ('operatives killed' beats
    'killed'); several when they tie ('how many were killed': operatives and people)."""
    found: dict[str, int] = {}
    spans: dict[str, list[list[int]]] = {}
    words = {t.word for t in p.tokens}
    stems = {g.stem(w) for w in words}
    for concept in concepts.values():
        for key in concept.keys:
            parts = key.split()
            if not parts or not _may_open(parts[0], words, stems):
                continue
            hit = _find(p, parts, passable=across)
            if hit is not None:
                found[concept.notation] = max(found.get(concept.notation, 0), len(parts))
                spans.setdefault(concept.notation, []).append(hit)
    best = max(found.values(), default=0)
    ranked = sorted(n for n in found if found[n] == best)
    for notation in ranked:
        for hit in spans[notation]:
            p.used.update(hit)
            if matched is not None:
                matched.update(hit)
    return ranked


def measures_without(p: Parsed, vocabulary: Vocabulary, left_out: set[int]) -> list[str]:
    """The measures the question names with some of its words left out: 'attacks' in 'how
    many attacks did X claim', where 'claim' is X saying so, not a count of claims."""
    tokens = [t._replace(word="") if i in left_out else t for i, t in enumerate(p.tokens)]
    return _match(_changed(p, tokens=tokens, used=set()), vocabulary.measures, across=passable(p, left_out))


def _changed(p: Parsed, **fields: object) -> Parsed:
    """A shallow copy of the parse with some of its fields changed."""
    import copy

    changed = copy.copy(p)
    changed.__dict__.update(fields)
    return changed


def measures_across_names(p: Parsed, vocabulary: Vocabulary, named: set[int]) -> None:
    """After linking: a figure's measure whose words a linked name keeps apart ('how many
    people did the X interior ministry say were killed': 'interior ministry' is no grammar
    until it is a name), read again with the name passed over, when that accounts for more words."""
    if p.family not in FIGURES:
        return
    matched: set[int] = set()
    found = _match(_changed(p, used=set()), vocabulary.measures, matched, passable(p, named))
    if matched - p.measure_at - named:
        p.measures = found
        p.used |= matched
        p.measure_at |= matched
    _counted_role(p, named)


def _vocabulary(p: Parsed, vocabulary: Vocabulary) -> None:
    p.measures = _match(p, vocabulary.measures, p.measure_at, passable(p))
    if p.has(g.STRENGTH):
        p.strength = True
        p.mark(g.STRENGTH)
    p.roles = _match(p, vocabulary.roles, p.role_at)
    kin = _match(p, vocabulary.kinships)
    p.kinship = kin[0] if kin else None
    for table in (vocabulary.bounds, vocabulary.certainties, vocabulary.quantities):
        for concept in table.values():
            for key in concept.keys:
                hit = _find(p, key.split(), exact=True)
                if hit:
                    p.used.update(hit)


def _family(p: Parsed) -> None:
    for n, (family, trigger, extra) in enumerate(FAMILIES):
        if p.holds(trigger):
            if family == "captivity" and _holds_a_role(p, trigger):  # 'who holds the emirship'
                family, trigger, extra = next((f, t, e) for f, t, e in FAMILIES if f == "leadership")
            if family == "captivity" and (offices := p.holds(OFFICES)):
                family, trigger, extra = next((f, t, e) for f, t, e in FAMILIES if f == "leadership")  # roles held
                p.redirect_at = {i for start, end in offices for i in range(start, end)}
            if family == "describe" and p.roles and (titles := p.holds(TITLES)):  # 'who holds the title of emir'
                family, trigger, extra = next((f, t, e) for f, t, e in FAMILIES if f == "leadership")
                p.redirect_at = {i for start, end in titles for i in range(start, end)}
                p.used |= p.redirect_at
            if family == "kinship":  # 'when was X's son killed' asks about the son's killing
                family, trigger, extra = next(((f, t, e) for f, t, e in FAMILIES[n + 1:]
                                               if f != "profile" and p.holds(t)), (family, trigger, extra))
            p.family = family
            before = set(p.used)
            p.take_phrases(trigger)
            p.take_phrases(extra)
            p.family_at = p.used - before
            _measure_words(p, trigger + "|" + extra if extra else trigger)
            break
    if p.family == "numbers" and not p.measures and not p.strength and p.holds(CAPTIVES) and p.holds(HOLD):
        _counted_by(p, "captivity")
    elif p.family == "numbers" and not p.measures and not p.strength and p.roles:
        _counted_by(p, "leadership")
    if p.family == "succession":
        p.direction = _direction(p.norm)
    if p.family == "sentencing" and (penalty := g.penalty(p.norm)):
        p.constraints["penalty"] = p.norm[penalty[0]:penalty[1]]
        p.mark_span(*penalty)
    if p.family == "death" and p.has(g.EXECUTED):  # a manner of death the graph does not record
        p.constraints["manner"] = said(p, g.EXECUTED)
    if p.family == "numbers":
        _counted_noun(p)
        _counted_role(p)
    if p.family == "speaker_of":
        trigger = {f: trig for f, trig, _ in FAMILIES}["speaker_of"]
        m = re.search(trigger, p.norm)
        before = set(p.used)
        p.mark_span(m.end() if m else 0, len(p.norm))
        p.quoted = p.used - before
        typed = re.search(trigger.replace("^", r"^\W*"), p.text, re.IGNORECASE)  # the words as typed
        rest = p.text[typed.end():] if typed else ""
        p.words = re.sub(r"^(that|the words?)\s+", "", rest.strip(" ?!.\"'“”"), flags=re.IGNORECASE)
    p.future = _future(p)
    if p.future:
        p.mark(r"\b(going|gonna)\b")  # 'who is going to lead X': the future's words, accounted for
    p.asks_name = p.family not in ("aliases", "operation_named") and p.has(g.NAMES)
    if p.asks_name:  # "X's real name": the name the sources give, as "X's name"
        p.mark(r"\b(real|true|full|actual|given|birth) (?=names?\b)")
    if p.family in ("death", "captivity", "operations", "leadership", "founded", "sentencing", "declaration",
                    "campaign"):
        p.aspect = None if p.counts else next((a for a, spec in ASPECTS if p.holds(spec)), None)
        if p.aspect in ("who", "list") and p.tokens[-1].word == "by":  # 'who was X killed by?': the doer
            p.aspect = "by_whom"
            p.used.add(len(p.tokens) - 1)
        if p.aspect in ("by_whom", "released_by") and p.tokens[0].word == "which" and p.tokens[1].word in DOERS:
            p.used.add(1)  # 'which group': the doer asked for
    if p.family == "leadership" and len(p.tokens) > 1 and p.tokens[0].word in ("which", "what") \
            and p.tokens[1].word in BODIES:
        p.used.add(1)  # 'which group did X lead?': the organisation of X's terms, which the answer names


def _future(p: Parsed) -> bool:
    """Whether the question asks what will happen: a future auxiliary ('who will lead X'), or
    'next' with no past tense ('who is the next emir', not 'who was next')."""
    words = {t.word for t in p.tokens if not t.name_like} - {p.tokens[i].word for i in p.quoted}
    if words & {"will", "shall", "gonna"} or p.has(r"\bgoing to\b"):
        return True
    return "next" in words and not words & {"was", "were", "did", "had", "came", "became", "took"}


OFFICES = "role|roles|position|positions|post|posts|office|offices"  # 'held' a post, not a captive
HOLDING = {"hold", "holds", "holding"}
# 'the title (rank) of emir' names a post, as 'the post of emir' does: who holds it, not a person's title
TITLES = "title of|titles of|rank of"


def _holds_a_role(p: Parsed, trigger: str) -> bool:
    """'Who holds X?' asks who holds X captive unless a role is named ('who holds the
    leadership', 'which emir posts does X hold'): then the verb of holding is its only word
    of captivity. Posts and offices are OFFICES."""
    words = {p.tokens[i].word for start, end in p.holds(trigger) for i in range(start, end)}
    return bool(p.roles) and words <= HOLDING
FIGURES = {"numbers", "projection", "said", "speaker_of"}  # the families that bind a measure


# 'how many hostages does X hold': no measure counts captives held; the captivities do
CAPTIVES = "hostage|hostages|captive|captives|prisoner|prisoners"
HOLD = "hold|holds|holding|held|keep|keeps|keeping|kept"


def _counted_by(p: Parsed, name: str) -> None:
    """A count no measure holds, asked of what a family lists: 'how many hostages does X
    hold' of the captivities the graph holds ("captivity"; 'how many' is then no aspect, such
    as 'how' they were held), 'how many leaders (emirs) has X had' of the succession the
    sources give ("leadership"). The family takes the question's words, counting whom it lists."""
    family, trigger, extra = next(f for f in FAMILIES if f[0] == name)
    p.used -= p.family_at
    before = set(p.used)
    p.take_phrases(trigger)
    p.take_phrases(extra)
    p.family, p.family_at, p.counts = family, p.used - before, True


def _measure_words(p: Parsed, phrases: str) -> None:
    """Words of a measure the family's own phrases do not account for ('drone strike' in a
    question about a death): a constraint the family must apply, or the answer says so."""
    if p.family in FIGURES:
        return
    own = {i for start, end in p.holds(phrases) for i in range(start, end)}
    p.measure_left = p.measure_at - own - p.anchor_at
    measure_words(p)


def _counted_noun(p: Parsed) -> None:
    """'how many schoolgirls were kidnapped': a plural noun nothing else accounts for, counted
    by the verb after it, is the kind of victims asked (a constraint: the figure's quote must
    count that noun)."""
    words = [t.word for t in p.tokens]
    for i in range(2, len(words) - 2):
        plural = words[i].endswith("s") or words[i].endswith("men") or words[i] in ("children", "people")
        if words[i - 2:i] == ["how", "many"] and i not in p.used and plural \
                and words[i + 1] in ("were", "was", "are", "have", "had"):
            p.constraints["victims"] = words[i]
            p.used.add(i)
            return


def _counted_role(p: Parsed, named: set[int] | frozenset[int] = frozenset()) -> None:
    """'how many of X's spokesmen were killed': a role the measure's own words do not hold
    ('commanders killed' does) is a constraint no figure applies, so kg says it cannot apply
    it instead of giving every operative killed."""
    loose = sorted(p.role_at - p.measure_at - set(named))
    if p.family == "numbers" and loose:
        p.constraints["role"] = " ".join(p.tokens[i].orig for i in loose)
    else:
        p.constraints.pop("role", None)


def measure_words(p: Parsed) -> None:
    """The measure constraint from the words left (after linking: a name's words are no measure)."""
    if p.measure_left:
        p.constraints["measure"] = " ".join(p.tokens[i].word for i in sorted(p.measure_left))
    else:
        p.constraints.pop("measure", None)


def _direction(norm: str) -> str:
    """Before or after the person named: 'who succeeded X' asks for X's successor, 'who did X
    succeed' (X the subject) for X's predecessor; 'X's predecessor' and 'before X' say it."""
    noun = re.search(r"\b(whose )?(predecessor|successor)s?\b", norm)
    if noun:  # 'whose predecessor was X': the one X came before, X's successor
        return "before" if (noun.group(2) == "predecessor") != bool(noun.group(1)) else "after"
    verb = re.search(rf"\b({VERBS})\b", norm)
    if verb is None or (verb.group(1) in ("came", "come") and not re.search(r"\b(came|come) (before|after)\b", norm)):
        return "before" if re.search(r"\b(before|previous|prior to)\b", norm) else "after"
    earlier = verb.group(1).startswith("preced") or re.search(r"\b(came|come) before\b", norm) is not None
    # 'who did X succeed': X after the auxiliary, the one asked about is X's object; not 'who
    # will succeed X', 'who has been named to replace X' (the verb or a form of be follows it)
    aux = re.match(r"^(?:who|whom|which \w+)(?: \w+)? (?:did|does|do|had|has|will|would) (\w+)", norm)
    verb_after = rf"{VERBS}|be|been|have|had|take|takes|took|taken"  # 'who has taken over from X'
    subject_asked = aux is not None and re.fullmatch(verb_after, aux.group(1)) is None
    passive = re.search(rf"\b(?:was|were|is|are|be|been) (?:{VERBS}) by\b", norm) is not None  # 'who was replaced by X'
    return "before" if earlier != (subject_asked or passive) else "after"


VERBS = r"succeed\w*|replac\w*|follow\w*|preced\w*|came|come|(?:take|takes|took|taken) over"


DATED_BY_EVENT = next(trigger for family, trigger, _ in FAMILIES if family == "leadership")

# 'who killed X' asks for the killer in any tense: 'who kills', 'who has killed', 'who had
# killed', for every verb of killing or taking captive (kg.ask.grammar), and who carried out
DONE_TO = g.KILL_VERBS + g.CAPTURE_VERBS + g.SENTENCE_VERBS  # 'which _ VERBed X' asks for the doer
BY_WHOM_VERBS = (*g.KILL_VERBS, *g.CAPTURE_VERBS, *g.SENTENCE_VERBS,
                 ("carry out", "carried out", "carried out", "carries out"),
                 ("conduct", "conducted", "conducted", "conducts"), ("launch", "launched", "launched", "launches"))


def _other_tenses(verbs: tuple[tuple[str, str, str, str], ...]) -> str:
    """The past, present and perfect forms of each verb, as '^who ...' phrases."""
    return "|".join(f"^who {past}|^who {present}|^who has {participle}|^who had {participle}|^who have {participle}"
                    for _, past, participle, present in verbs)


def _which_did(verbs: tuple[tuple[str, str, str, str], ...]) -> str:
    """'which group killed X', 'which army holds X': who did it, asked by the kind of doer."""
    return "|".join(f"^which _ {past}|^which _ {present}" for _, past, _, present in verbs)


# the kinds of doer 'which _ killed X' may name: the answer is the doer, whatever its kind
BODIES = {"group", "groups", "organisation", "organization", "organisations", "organizations", "movement",
          "movements", "faction", "factions", "militia", "militias"}
DOERS = {"group", "groups", "country", "countries", "army", "armies", "force", "forces", "militia", "militias",
         "organisation", "organization", "organisations", "organizations", "state", "states", "government",
         "governments", "unit", "units", "military", "side", "faction", "factions"}


ASPECTS = [  # the first that the question holds (phrases as in FAMILIES)
    ("end", LEFT),
    ("duration", "how long|for how long|duration"),
    ("start", ("since when|when did _ start|when did _ begin|when did _ become|when did _ take over|"
     "when was _ appointed|when was _ named|when was _ chosen|when was _ elected|when did _ _ become|"
     "when was _ _ appointed|when was _ _ named|when did _ _ _ become|when was _ _ _ named|how long has")),
    ("operation", ("which operation|what operation|which operations|what operations|in which operation|"
     "during which")),
    ("released_by", (_other_tenses(g.RELEASE_VERBS) + "|^which _ released|^which _ freed|^which _ rescued|"
     "^which _ liberated|released by whom|freed by whom|rescued by whom|liberated by whom")),
    ("by_whom", ("by whom|^who shot|^who caught|^who ran|who was behind|who is behind|^who is holding|"
     "who was responsible|who is responsible|who were responsible|" + _which_did(DONE_TO) + "|"
     "^who are holding|^who is keeping|" + _other_tenses(BY_WHOM_VERBS))),
    ("how", "^how|how did|how was|in what way|cause of death"),
    ("where", "^where|where did|where was|in which country|in which place|in which city|what place"),
    ("when", "^when|what year|when did|when was|in which year|what date|take place|took place"),
    ("who", "^who|^whom"),
    ("list", "list|all|what|which"),
]
