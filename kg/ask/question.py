"""A question understood: parsed, its names linked, every word accounted for.

The contract: an answer is `answered` only when every name in the question linked to an
entity of the graph and every constraint was applied by the family's queries. Words nothing
matched are reported, never dropped; a linked name a family did not use blocks the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.ask import grammar as g
from kg.ask.context import Context
from kg.ask.link import AGENT, EVENT, ORG, PERSON, PLACE, Entity, Linker, Mention
from kg.ask.parse import Parsed, measure_words
from kg.vocabulary import Vocabulary

MAX_SPAN = 8  # tokens in the longest name tried


class Missing(Exception):
    """A family needs a name the question does not give (kg ask: not understood)."""


class Ambiguous(Exception):
    """Words that name several entities the question does not tell apart."""

    def __init__(self, mention: Mention, entities: list[Entity]) -> None:
        self.mention, self.entities = mention, entities
        super().__init__(mention.text)


class Question:
    """A parsed question with its linked names, as the families read it (a plain class: a
    dataclass's generated methods cost every `kg ask` at start)."""

    def __init__(self, ctx: Context, parsed: Parsed, mentions: list[Mention],
                 unrecognised: list[str] | None = None) -> None:
        self.ctx, self.parsed, self.mentions = ctx, parsed, mentions
        self.unrecognised = unrecognised if unrecognised is not None else []
        self.used: set[int] = set()  # indexes of mentions a family applied
        self.applied: set[str] = set()  # constraints (period, ordinal, now) a family applied

    @property
    def text(self) -> str:
        return self.parsed.text

    def need(self, kinds: frozenset[str], what: str) -> Entity:
        """Like take, for a name the family cannot do without (kg ask: not understood)."""
        found = self.take(kinds)
        if found is None:
            raise Missing(f"Name the {what} (any name or alias in the graph).")
        return found

    def take(self, kinds: frozenset[str], where: Callable[[Mention], bool] | None = None) -> Entity | None:
        """The first mention not yet used (and standing where `where` says) that names an
        entity of these kinds; it is then used. Ambiguous words are resolved by the kinds,
        or raise Ambiguous."""
        for i, m in enumerate(self.mentions):
            if i in self.used or (where is not None and not where(m)):
                continue
            fitting = [e for e in m.entities if e.is_a(kinds)]
            if len(fitting) > 1:
                raise Ambiguous(m, fitting)
            if fitting:
                self.used.add(i)
                return fitting[0]
        return None

    def after(self, *words: str) -> Callable[[Mention], bool]:
        """Whether a mention follows one of these words ('by the U.S.': 'by'), articles skipped."""
        def test(m: Mention) -> bool:
            i = word_before(self.parsed, m.start)
            return i >= 0 and self.parsed.tokens[i].word in words
        return test

    def before(self, *words: str) -> Callable[[Mention], bool]:
        """Whether one of these words follows a mention ('ORG leaders': 'leaders')."""
        def test(m: Mention) -> bool:
            return m.end < len(self.parsed.tokens) and self.parsed.tokens[m.end].word in words
        return test

    def take_all(self, kinds: frozenset[str]) -> list[Entity]:
        return self.take_all_where(kinds, None)

    def take_all_where(self, kinds: frozenset[str], where: Callable[[Mention], bool] | None) -> list[Entity]:
        out = []
        while (e := self.take(kinds, where)) is not None:
            out.append(e)
        return out

    def typed(self, entity: Entity) -> str:
        """The words the question used for an entity."""
        return next((m.text for m in self.mentions if entity in m.entities), entity.label)

    def apply(self, *constraints: str) -> None:
        """A family says it bound these constraints of the question in its queries."""
        self.applied.update(constraints)

    def unapplied(self) -> list[str]:
        """The words of constraints the question holds that no query applied."""
        return [words for name, words in self.parsed.constraints.items() if name not in self.applied]

    def unused(self) -> list[Mention]:
        return [m for i, m in enumerate(self.mentions) if i not in self.used]


def word_before(parsed: Parsed, start: int) -> int:
    """The position of the word before `start`, articles skipped ('by the U.S.': 'by'); -1 if none."""
    i = start - 1
    while i >= 0 and parsed.tokens[i].word in ("the", "a", "an"):
        i -= 1
    return i


def link(parsed: Parsed, linker: Linker) -> list[Mention]:
    """The longest runs of the question's words that name something in the graph."""
    tokens, found, taken = parsed.tokens, [], set[int]()
    for size in range(min(MAX_SPAN, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            span = range(start, start + size)
            if (taken | parsed.quoted) & set(span) or not _whole_words(tokens, start, start + size) \
                    or not _could_name(parsed, span) or set(span) <= parsed.time_at:
                continue  # a date is read as a time, not as the name of a period
            match, entities = linker.find(" ".join(tokens[i].word for i in span))
            if entities and (match == "name" or _may_be_part_of_name(parsed, span)):
                taken |= set(span)
                typed = dict.fromkeys((tokens[i].at, tokens[i].orig) for i in span)
                found.append(Mention(" ".join(o for _, o in typed), start, start + size, match, entities))
    found = _shortened(parsed, linker, found)
    _titles(parsed, found)
    found = _whole_names(parsed, found)
    for m in found:
        parsed.used |= set(range(m.start, m.end))
        parsed.measure_left -= set(range(m.start, m.end))
        if parsed.ordinal_at & set(range(m.start, m.end)):  # '1st Front' is a name, not an ordinal
            parsed.ordinal, parsed.ordinal_at = None, set()
            parsed.constraints.pop("ordinal", None)
    measure_words(parsed)
    return sorted(found, key=lambda m: m.start)


DEFINITE = ("the", "this", "that")
MAX_DESCRIPTION = 4  # words of 'the Danish aid worker'


def described(parsed: Parsed, linker: Linker, mentions: list[Mention]) -> list[Mention]:
    """'The aid worker', 'the French engineer': words no name holds, after 'the', that are
    the occupation a source describes someone with (and the nationality it gives them, when
    the words begin with one) name that person; words that fit several people name them
    all, and kg asks which. Said with the answer. Not a guess: the occupation's words are
    the source's own, whole; 'a journalist' is no one in particular. Before a person's name
    ('the journalist X') they describe X: accounted for when they fit X, else left unknown."""
    named = {i for m in mentions for i in range(m.start, m.end)}
    out = list(mentions)
    for start, end in _loose_runs(parsed, named):
        if start == 0 or parsed.tokens[start - 1].word not in DEFINITE:
            continue
        words = [parsed.tokens[i].word for i in range(start, end)]
        people = _described_as(linker, words)
        named_after = next((m for m in mentions if m.start == end and any(e.is_a(PERSON) for e in m.entities)), None)
        if named_after is not None:  # 'the journalist X': words about X, who is named; none if they do not fit X
            if {e.iri for e in named_after.entities} & {e.iri for e, _ in people}:
                parsed.used |= set(range(start, end))
            continue
        if people:
            typed = " ".join(dict.fromkeys(parsed.tokens[i].orig for i in range(start, end)))
            out.append(Mention(typed, start, end, "description", [e for e, _ in people]))
            parsed.used |= set(range(start, end))
            parsed.readings.append(f"'the {typed}' is read as the one the sources describe so: "
                                   + "; ".join(f"{e.label} ({said})" for e, said in people))
    return sorted(out, key=lambda m: m.start)


def _loose_runs(parsed: Parsed, named: set[int]) -> list[tuple[int, int]]:
    """Runs of one to MAX_DESCRIPTION words that nothing accounted for and no name holds."""
    runs, start = [], None
    for i in range(len(parsed.tokens) + 1):
        loose = i < len(parsed.tokens) and i not in parsed.used and i not in named and i not in parsed.quoted
        if loose:
            start = i if start is None else start
            continue
        if start is not None and i - start <= MAX_DESCRIPTION:
            runs.append((start, i))
        start = None
    return runs


def _described_as(linker: Linker, words: list[str]) -> list[tuple[Entity, str]]:
    """The people described with these words: an occupation, or a nationality and then an
    occupation, as the sources write them (with what they wrote)."""
    for split in (0, 1):
        occupation, nationality = " ".join(words[split:]), " ".join(words[:split])
        if not occupation:
            continue
        rows = [r for r in linker.described(occupation) if not nationality or nationality in _nationality(r)]
        if rows:
            found = {r["person"].value: (r["personLabel"].value, _said(r)) for r in rows}
            return [(Entity(iri, label, PERSON), said) for iri, (label, said) in sorted(found.items())]
    return []


def _nationality(r: dict) -> list[str]:
    """The words of the nationality a description gives ('Colombian and French')."""
    return r["nationality"].value.lower().split() if "nationality" in r else []


def _said(r: dict) -> str:
    nationality = r["nationality"].value + " " if "nationality" in r else ""
    return f"described as {nationality}{r['occupation'].value}"


def _shortened(parsed: Parsed, linker: Linker, found: list[Mention]) -> list[Mention]:
    """A run of capitalised words some of which link to nothing ('the Tarvan Brigade') may be
    an organisation's name with middle words left out: the run is then that name, in place of
    the mentions inside it, when each of those already named that organisation."""
    tokens, out = parsed.tokens, list(found)
    for start, end in _capitalised_runs(parsed, found):
        entities = linker.shortened(" ".join(tokens[i].word for i in range(start, end)))
        inside = [m for m in out if start <= m.start and m.end <= end]
        if len(entities) == 1 and all(any(e.iri == entities[0].iri for e in m.entities) for m in inside):
            typed = dict.fromkeys((tokens[i].at, tokens[i].orig) for i in range(start, end))
            out = [m for m in out if m not in inside]
            out.append(Mention(" ".join(o for _, o in typed), start, end, "name", entities))
    return out


def _capitalised_runs(parsed: Parsed, found: list[Mention]) -> list[tuple[int, int]]:
    """Runs of two to MAX_SPAN words that begin with a capitalised word, the others
    capitalised or accounted for by nothing ('the Westgate mall'), not a time or quoted
    words, one at least linked to nothing and accounted for by nothing else, that no mention
    crosses."""
    linked = {i for m in found for i in range(m.start, m.end)}
    runs, start = [], None
    for i, t in enumerate([*parsed.tokens, None]):
        loose = start is not None and i not in parsed.used and i not in linked
        if t is not None and (t.name_like or loose) and i not in parsed.quoted | parsed.time_at:
            start = i if start is None else start
            continue
        if start is not None and 2 <= i - start <= MAX_SPAN \
                and any(j not in linked and j not in parsed.used for j in range(start, i)) \
                and not any(m.start < start < m.end or m.start < i < m.end for m in found):
            runs.append((start, i))
        start = None
    return runs


def _whole_names(parsed: Parsed, found: list[Mention]) -> list[Mention]:
    """The mentions that do not cut a longer typed name into pieces. Two names side by side,
    one of them only a first name or a surname ('Anna Smith' for Anna Jones and John Smith),
    are one name the graph does not hold, not two people (a person beside a group or a place
    is two names: 'was Smith ACME's leader?'); a capitalised 'Operation' before a
    name that is no event ('Operation Smith') names an operation, not that person. Their
    words stay unaccounted for, so kg says no one of that name is in the graph (and suggests
    close names) instead of answering about someone else."""
    tokens, cut = parsed.tokens, set()
    for a in found:
        for b in found:
            part = a.match != "name" or b.match != "name"  # a surname or a first name alone
            people = all(any(e.is_a(PERSON) for e in m.entities) for m in (a, b))  # not 'Smith ACME's'
            if a.end == b.start and part and people and not tokens[a.end - 1].possessive:
                cut |= {id(a), id(b)}
    taken = {i for m in found for i in range(m.start, m.end)}
    for m in found:
        head = m.start - 1
        if head >= 0 and tokens[head].word in g.NAME_HEADS and tokens[head].name_like \
                and not any(e.is_a(EVENT) for e in m.entities):
            cut.add(id(m))
            parsed.used.discard(head)
        if m.match != "name" and any(e.is_a(PERSON) for e in m.entities) and any(
                _stray_name(parsed, i, taken) for i in (m.start - 1, m.end)):
            cut.add(id(m))  # 'Ibrahim al-Y' for Abu Hafs al-Y: a name the graph does not hold
    return [m for m in found if id(m) not in cut]


def _titles(parsed: Parsed, found: list[Mention]) -> None:
    """Titles and ranks typed before a person's name ('General X', 'Mr X', 'Sheikh X') are
    accounted for: the name says who is asked about."""
    for m in found:
        i = m.start - 1
        while i >= 0 and parsed.tokens[i].word in g.PERSON_TITLES and any(e.is_a(PERSON) for e in m.entities):
            parsed.used.add(i)
            i -= 1


def _stray_name(parsed: Parsed, i: int, taken: set[int]) -> bool:
    """Whether the word at i is a capitalised word nothing accounts for (part of the same typed
    name as a surname or a first name beside it)."""
    if not 0 <= i < len(parsed.tokens) or i in taken or i in parsed.used or i in parsed.time_at:
        return False
    t = parsed.tokens[i]
    return (t.name_like or any(c.isupper() for c in t.orig)) and t.word not in g.FILLER  # 'al-Y' too


def _whole_words(tokens: list, start: int, end: int) -> bool:
    """A span does not cut a typed word in two ('al-Y' is one or nothing)."""
    return (start == 0 or tokens[start - 1].at != tokens[start].at) and \
        (end == len(tokens) or tokens[end].at != tokens[end - 1].at)


def _could_name(parsed: Parsed, span: range) -> bool:
    tokens = [parsed.tokens[i] for i in span]
    if all(t.word in g.FILLER and not t.name_like for t in tokens):
        return False  # "who is" is not a name; "IS" may be
    if len(tokens) == 1:
        t = tokens[0]
        if t.word.isdigit() or (len(t.word) <= 3 and not t.name_like and re.search("[aeiouy]", t.word)):
            return False  # "us", "ap" are words; "US", "AP" are names, and so is "pkk" (no vowel: no word)
    return not (tokens[0].word in g.FILLER and not tokens[0].name_like and len(tokens) > 1)


def _may_be_part_of_name(parsed: Parsed, span: range) -> bool:
    """A surname or a first name alone is a name only where nothing else explains the words:
    not a question word, not a keyword of the family, not a vocabulary word."""
    return not any(i in parsed.used for i in span)


def only_filler(parsed: Parsed, start: int, end: int) -> bool:
    """Whether the words in [start, end) are only grammar ('according to *the* UN')."""
    return start <= end and all(parsed.tokens[i].word in g.FILLER for i in range(start, end))


def unrecognised(parsed: Parsed) -> list[str]:
    """Runs of words nothing accounted for, as typed."""
    runs: list[dict[int, str]] = []
    last = -2
    for i, t in enumerate(parsed.tokens):
        if i in parsed.used:
            continue
        if any(t.at in r for r in runs):  # a typed word is reported once, and its run goes on
            last = i
            continue
        if i != last + 1 or not runs:
            runs.append({})
        runs[-1][t.at] = t.orig
        last = i
    return [" ".join(r.values()) for r in runs]


def name_like(parsed: Parsed, words: str) -> bool:
    return any(t.name_like and t.orig in words.split() for t in parsed.tokens)


# nouns that name an event by what happened: 'the Mumbai attacks', 'the ADF attack on ...'
EVENT_NOUNS = {"attack", "attacks", "bombing", "bombings", "massacre", "massacres", "raid", "raids", "siege",
               "assault", "assaults", "blast", "blasts", "explosion", "explosions", "shooting", "shootings"}


def event_nouns(parsed: Parsed, mentions: list[Mention]) -> None:
    """In a question about figures, an event noun right after a place or a group ('killed in
    the Mumbai attacks') names the event the figure counts: a constraint (the figure must
    count an operation's or a campaign's results), no longer a word nothing accounts for."""
    if parsed.family != "numbers":
        return
    for m in mentions:
        if m.end < len(parsed.tokens) and m.end not in parsed.used \
                and parsed.tokens[m.end].word in EVENT_NOUNS and m.entity.is_a(PLACE | AGENT):
            parsed.used.add(m.end)
            parsed.constraints["event"] = f"{m.text} {parsed.tokens[m.end].orig}"


# words that make the group after them the target of what is counted ('missions against X')
TARGET_WORDS = ("against", "targeting", "targeted", "target", "targets", "on")
# the kinds of measure whose group is the one others acted against (kg's vocabulary)
AGAINST_KINDS = {"Operations", "Losses"}


def target_words(parsed: Parsed, mentions: list[Mention]) -> None:
    """In a question about figures, 'against X' or 'targeting X' (X a group, not a country,
    which is more often the place) is a constraint: the figure's group must be X as the one
    acted against. Missions, strikes and losses count what was done to their group, so the
    numbers family applies it; attacks and victims count what the group did, so it stays
    unapplied and kg says so instead of giving X's own attacks."""
    if parsed.family != "numbers" or not parsed.measures:
        return
    tokens = parsed.tokens
    for m in mentions:
        i = word_before(parsed, m.start)
        if i >= 0 and tokens[i].word in TARGET_WORDS and any(e.is_a(ORG - {"Country"}) for e in m.entities):
            parsed.used.add(i)
            parsed.constraints["target"] = f"{tokens[i].orig} {m.text}"
            return


def against_group(parsed: Parsed, vocabulary: Vocabulary) -> bool:
    """Whether every measure asked counts what others did to its group."""
    return all(vocabulary.measures[n].kind in AGAINST_KINDS for n in parsed.measures if n in vocabulary.measures)


# the verbs whose object may be victims named by a common noun, and the words before such a noun
VICTIM_VERBS = frozenset(g.forms(g.KILL_VERBS + g.CAPTURE_VERBS))
DETERMINERS = {"the", "these", "those", "all"}
BE = {"was", "were", "is", "are", "been"}


def victim_nouns(parsed: Parsed, mentions: list[Mention]) -> None:
    """'who kidnapped the schoolgirls?', 'where were the soldiers killed?': victims named by a
    plural common noun, the object of a verb of killing or capture, are the kind of victims
    asked (a constraint: a figure whose quote counts that noun answers), no longer a word
    nothing accounts for. A linked name is never such a noun."""
    if parsed.family not in ("death", "captivity"):
        return
    named = {i for m in mentions for i in range(m.start, m.end)}
    words = [t.word for t in parsed.tokens]
    for i, word in enumerate(words):
        if word not in VICTIM_VERBS:
            continue
        after = i + 2 if i + 2 < len(words) and words[i + 1] in DETERMINERS else i + 1
        before = i - 1 if i >= 3 and words[i - 2] in DETERMINERS and words[i - 3] in BE else -1
        for j in (after, before):
            if 0 <= j < len(words) and j not in named and _plural_noun(parsed, j):
                parsed.constraints["victims"] = parsed.tokens[j].orig
                parsed.used.add(j)
                return


def _plural_noun(parsed: Parsed, i: int) -> bool:
    t = parsed.tokens[i]
    plural = (t.word.endswith("s") and len(t.word) > 3) or t.word.endswith("men") or t.word in ("children", "people")
    return plural and i not in parsed.used and not t.name_like and not t.possessive and t.word not in VICTIM_VERBS
