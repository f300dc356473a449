"""A country's own forces and offices, which news name in lower case: "the Kenyan army",
"Peru's health ministry" (and "the health ministry" after it), and the country that acts in
"an Israeli strike". Words are data (kg/extract/data/words.toml, [bodies])."""

from __future__ import annotations

import re

from kg.extract import lexicon, phrases
from kg.extract.context import Context
from kg.extract.linking import Linker
from kg.extract.names import org_type
from kg.names import normalize


def national(ctx: Context, linker: Linker) -> None:
    """A country's forces and offices named in lower case: "the Kenyan army" (by its demonym,
    after "the"), "Peru's health ministry" (by the country's possessive; "health ministry"
    is its alias, and "the health ministry" a later mention of it)."""
    b = lexicon.words()["bodies"]
    heads = "|".join(map(re.escape, sorted(b["heads"], key=len, reverse=True)))
    body = rf"(?P<head>(?:[a-z]+\s+(?=ministry\b))?(?:{heads}))\b(?![\w-])"
    not_before = "|".join(map(re.escape, [*b["not_before"], *phrases.role_words(ctx.vocab)]))
    form = re.compile(rf"(?:\b[Tt]he\s+(?P<adj>[A-Z][\w.]*)|(?P<country>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)['’]s)"
                      rf"\s+{body}(?!\s+(?:{not_before})\b)")
    for m in form.finditer(ctx.text):
        adj, country = m.group("adj"), m.group("country")
        if adj is not None and normalize(adj) not in lexicon.demonyms():
            continue
        if country is not None and getattr(lexicon.place(country), "type", None) != "Country":
            continue
        start = m.start("adj") if adj else m.start("country")
        name = ctx.text[start:m.end()]
        alias = (m.group("head"),) if country and " " in m.group("head") else ()
        eid = linker.entity(name, org_type(name) or "Organization", start, aliases=alias)
        for a in alias if eid else ():
            for later in re.finditer(rf"\b[Tt]he\s+({re.escape(a)})\b", ctx.text):
                if ctx.mention_at(later.start(1)) is None:
                    linker.entity(a, org_type(a) or "Organization", later.start(1))


def acting_countries(ctx: Context, linker: Linker) -> None:
    """A demonym before a strike or a force ("an Israeli strike", "Kenyan drones") mentions
    the country that acts, when the article names that country."""
    actors = "|".join(map(re.escape, sorted(lexicon.words()["bodies"]["actors"], key=len, reverse=True)))
    for m in re.finditer(rf"\b([A-Z][\w.]*)\s+(?:{actors})\b", ctx.text):
        country = lexicon.demonyms().get(normalize(m.group(1)))
        eid = linker.find(country, surname=False) if country else None
        if eid and linker.type_of(eid) == "Country" and ctx.mention_at(m.start(1)) is None:
            ctx.add_mention(m.start(1), m.end(1), eid, "Country")
