"""A question that asks for a name is answered only with a name the sources state.

Some people are known to the graph only by a description: the facts give them a label made
of what the source says about them ("wife of <her husband>", "US military official") because
the source names no one. Such a label answers "who", never "what was the name of".
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg import names
from kg.ask.answer import ANSWERED, NOT_STATED, Answer, Item
from kg.ask.context import Context
from kg.ask.link import PERSON, Linker

# Lower-case words that belong to personal names (al-, bin, de, van...); any other lower-case
# word in a person's label is a common noun: the label describes, it does not name.
PARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "bin", "ibn", "bint", "abu", "de", "del", "della",
             "da", "di", "do", "dos", "das", "du", "la", "le", "van", "von", "der", "den", "ter", "y", "e", "ur", "ul",
             "ud"}


def described(ctx: Context, linker: Linker, item: Item) -> bool:
    """Whether an answer is a person the graph knows only by a description: a label that
    restates a family relation it holds ('wife of X'), or that holds a common noun."""
    _, found = linker.find(item.label)
    if not any(e.iri == item.iri and e.is_a(PERSON) for e in found):
        return False
    for r in ctx.run("kinship", person=NamedNode(item.iri)):
        if names.normalize(item.label) == names.normalize(f"{r['relationLabel'].value} of {r['relativeLabel'].value}"):
            return True
    words = [w for part in item.label.split() for w in part.split("-") if w]
    return any(w[0].islower() and w.lower() not in PARTICLES for w in words)


def stated_names(ctx: Context, linker: Linker, answer: Answer, profile: bool = False) -> Answer:
    """Keep the answers that are names; a person known only by a description is not one.
    A profile is about its first item: when that one is unnamed, nothing answers."""
    unnamed = [i for i in answer.answers[:1 if profile else None] if described(ctx, linker, i)]
    if not unnamed:
        return answer
    note = " ".join(f"The sources give no name for the person they describe as '{i.label}'." for i in unnamed)
    named = [i for i in answer.answers if i not in unnamed]
    if named and not profile:
        return Answer(answer.question, ANSWERED, named, note=note)
    return Answer(answer.question, NOT_STATED, note=note)
