"""'According to X, who was killed in 2024?': the answer restricted to what X states.

The graph records whose words each piece of evidence is (prov:wasAttributedTo). The agent
asked about is bound as a parameter of the evidence query (Context.voice), so every family's
items carry only X's words; an item X's words do not state is left out, and when none is
left the answer says so, naming what others state instead of answering with their words.
Figures read their reporter themselves (kg.ask.families.numbers), so do statements.
"""

from __future__ import annotations

import functools
import re

from kg.ask import grammar as g
from kg.ask.answer import ANSWERED, NOT_STATED, Answer
from kg.ask.link import AGENT, Entity, Linker
from kg.ask.parse import FIGURES, Parsed
from kg.ask.question import Question
from kg.ask.words import sorted_join

ATTRIBUTED = "according to"
# 'who does X say it killed?', 'whom did X claim to have captured?': the victims X's own
# words name, as 'according to X, who was killed?' asks (not X's figures)
_SAYING = ("say", "claim", "report", "announce", "confirm")


@functools.cache
def _said_done() -> re.Pattern[str]:
    """Compiled on first use, by a question that holds a saying verb (1.4 ms of a cold ask)."""
    done = "|".join(sorted({form for verb in g.KILL_VERBS + g.CAPTURE_VERBS for form in verb[1:3]},
                           key=len, reverse=True))
    return re.compile(
        rf"^\W*(?:who|whom)\s+(?:do|does|did)\s+(?P<agent>.+?)\s+(?:{'|'.join(_SAYING)})s?\s+"
        r"(?:that\s+)?(?:(?:it|they|he|she)\s+)?(?:(?:had|has|have|was|were|is|are|to\s+have)\s+)?"
        rf"(?P<verb>{done})\b(?P<rest>.*?)[\s?!.]*$", re.IGNORECASE)


def said_done(question: str) -> str | None:
    """'who does X say it killed?' as 'according to X, who was killed?' (None: not so asked)."""
    lower = question.lower()
    if not any(verb in lower for verb in _SAYING):
        return None
    m = _said_done().match(question)
    if m is None:
        return None
    return f"according to {m.group('agent')}, who was {m.group('verb').lower()}{m.group('rest')}?"


def take(q: Question) -> Entity | None:
    """The agent named right after 'according to' (an article between at most), now the
    only voice the evidence query returns; None when the question names none ('according
    to whom was X killed' asks who says so: every answer names its source's voice)."""
    p = q.parsed
    if p.family in FIGURES:
        return None
    ends = [end for _, end in p.holds(ATTRIBUTED)]
    if not ends:
        return None
    reporter = q.take(AGENT, lambda m: any(_articles_only(p, end, m.start) for end in ends))
    if reporter is not None:
        q.ctx.voice = reporter.iri
    return reporter


def unnamed(q: Question) -> str | None:
    """The words after 'according to' (articles left out) that name nothing in the graph
    ('according to the army'), as typed; None when there are none."""
    p = q.parsed
    for _, end in p.holds(ATTRIBUTED):
        i = end
        while i < len(p.tokens) and p.tokens[i].word in ("the", "a", "an"):
            i += 1
        run = dict.fromkeys(p.tokens[j].orig for j in range(i, len(p.tokens)) if j not in p.used
                            and all(k not in p.used for k in range(i, j)))
        if run:
            return " ".join(run)
    return None


def source_note(q: Question, linker: Linker, words: str) -> tuple[str, bool] | None:
    """'According to the army' where no agent is called 'army': the agents whose names hold
    the words ('the National Army', 'a Liberation Army') are named for the asker to choose from, as for
    any name that could mean several, and when none does that no one of that name is in the
    graph. The note, and whether it names agents; None for words not after 'according to'."""
    if words != unnamed(q):
        return None
    note = could_mean(linker, words)
    if note is None:
        return f"No one called '{words}' is in the graph to say so.", False
    return note, True


def could_mean(linker: Linker, words: str, several: bool = False) -> str | None:
    """Words no agent is called but some agents' names hold ('the army', 'the Front'): the
    agents they could mean, for the asker to choose from; None when no agent's name does
    (or, with several, fewer than two: one name's part is suggested as a likely name)."""
    agents = [e for e in linker.containing(words) if e.is_a(AGENT)]
    if len(agents) < (2 if several else 1):
        return None
    return f"No one is called '{words}' in the graph; it could mean: {'; '.join(e.label for e in agents)}. " \
           "Say which."


def _articles_only(p: Parsed, start: int, end: int) -> bool:
    return start <= end and all(p.tokens[i].word in ("the", "a", "an") for i in range(start, end))


def restrict(q: Question, answer: Answer, reporter: Entity) -> Answer:
    """Only the items the reporter's own words state (the others have no evidence left)."""
    if answer.status != ANSWERED:
        return answer
    denials = [e for _, e in q.ctx.denied]
    kept = [a for a in answer.answers if any(e not in denials for e in a.evidence)]
    if kept:
        note = f"(Only what {reporter.label} states.)"
        answer.answers, answer.note = kept, " ".join(filter(None, [answer.note, note]))
        return answer
    others = sorted_join(a.label for a in answer.answers)
    own = next((e for a in answer.answers for e in a.evidence if e in denials), None)  # only X's words are left
    # the quote is the article's words about the denial, not the reporter's own
    denied = (f" {reporter.label} denies it, in the article's words: \"{own.quote}\" ({own.source}, sentence "
              f"{own.sentence}).") if own else ""
    return Answer(q.text, NOT_STATED, note=f"The sources attribute none of this to {reporter.label}. Without "
                  f"'according to {q.typed(reporter)}' they answer: {others}.{denied}")
