"""A group's short name with its full name in apposition: "X, the Y Movement, is …" makes
X a name of that organisation (its full name is the evidence of what X is)."""

from __future__ import annotations

import re

from kg.extract import lexicon
from kg.extract.context import Context
from kg.extract.linking import Linker
from kg.extract.names import Run
from kg.names import normalize

ORGANISATIONS = ("ArmedGroup", "Organization", "ArmedForce", "GovernmentBody")


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
        return False  # "Kabul, the Afghan Government's seat": a place of that name
    linker.alias(target.eid, run.text)
    return linker.entity(run.text, target.type, run.start) is not None
