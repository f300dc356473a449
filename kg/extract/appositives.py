"""Short names and adjectives: "X, the Y Movement, is …" makes X a name of that organisation;
"X" after "Democratic Republic of X" is that country; a word used only before a noun
("X fighters") is an adjective, no name."""

from __future__ import annotations

import re

from kg.extract import lexicon
from kg.extract.context import Context
from kg.extract.events import FUNCTION_WORDS
from kg.extract.linking import Linker
from kg.extract.names import Run
from kg.names import normalize

ORGANISATIONS = ("ArmedGroup", "Organization", "ArmedForce", "GovernmentBody")
NOT_NOUNS = FUNCTION_WORDS | {"is", "was", "were", "are", "has", "had", "have", "says", "said", "will", "would",
                              "could", "also", "still", "now", "then", "itself", "took", "began", "became"}


def short_name(ctx: Context, linker: Linker, run: Run) -> bool:
    """Whether the single-word run is the short name of the organisation named right after
    it between commas ("X, the Y Movement,"); if so it is drafted as that one's alias."""
    if len(run.words) != 1 or run.possessive or normalize(run.text) in lexicon.demonyms():
        return False
    after = re.match(r",\s+(?:the\s+)?", ctx.text[run.end:])
    target = ctx.mention_at(run.end + after.end()) if after else None
    if target is None or target.type not in ORGANISATIONS or ctx.text[target.end:target.end + 1] != ",":
        return False
    known = lexicon.place(run.text)
    if known is not None and normalize(known.name) == normalize(run.text):
        return False  # "X, the Y Government's seat": a place of that name
    linker.alias(target.eid, run.text)
    return linker.entity(run.text, target.type, run.start) is not None


def short_country(ctx: Context, linker: Linker, name: str, written: str, start: int) -> bool:
    """Whether `written` (a country's short name) is the one country drafted under a longer
    name that ends with it; if so it is drafted as that one's alias."""
    longer = [e for e in ctx.draft.entities.values() if e["type"] == "Country" and e["name"] != name
              and normalize(e["name"]).endswith(" " + normalize(written))]
    if len(longer) != 1:
        return False
    linker.alias(longer[0]["id"], written)
    return linker.entity(written, "Country", start) is not None


def only_adjective(text: str, word: str) -> bool:
    """A single word the text never uses but before a lower-case noun ("X fighters", "the X
    separatist group") is an adjective of a creed, people or movement, not a group's name."""
    if " " in word:
        return False
    uses = list(re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w'’-])", text))
    nouns = [re.match(r"\s+([a-z]+)\b", text[m.end():]) for m in uses]
    return bool(uses) and all(n and n.group(1) not in NOT_NOUNS and not re.search(r"(?:ed|ly)$", n.group(1))
                              for n in nouns)  # "X in 2012", "X formally joined": a name
