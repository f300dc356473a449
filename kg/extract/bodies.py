"""A country's own forces and offices, which news name in lower case: "the Kenyan army",
"Peru's health ministry" (and "the health ministry" after it), and the country that acts in
"an Israeli strike". Words are data (kg/extract/data/words.toml, [bodies])."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract import lexicon, phrases
from kg.extract.context import Context
from kg.extract.linking import Linker
from kg.extract.names import org_type
from kg.names import normalize


def national(ctx: Context, linker: Linker) -> list[tuple[str, str, str]]:
    """A country's forces and offices named in lower case: "the Kenyan army" (by its demonym,
    after "the"), "Peru's health ministry" (by the country's possessive; "health ministry"
    is its alias, and "the health ministry" a later mention of it, as after "the Kenyan health
    ministry"). Returns the forces named by a demonym, each with its country."""
    b = lexicon.words()["bodies"]
    forces: list[tuple[str, str, str]] = []
    heads = "|".join(map(re.escape, sorted(b["heads"], key=len, reverse=True)))
    body = rf"(?P<head>(?:[a-z]+\s+(?=ministry\b))?(?:{heads}))\b(?![\w-])"
    not_before = "|".join(map(re.escape, [*b["not_before"], *phrases.role_words(ctx.vocab)]))
    form = re.compile(rf"(?:\b[Tt]he\s+(?P<adj>[A-Z][\w.]*)|(?P<country>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)['’]s)"
                      rf"\s+{body}(?!\s+(?:{not_before})\b)")
    for m in form.finditer(ctx.text):
        adj, country = m.group("adj"), m.group("country")
        land = demonym_land(ctx, adj) if adj is not None else None
        if adj is not None and land is None:
            continue
        if country is not None and getattr(lexicon.place(country), "type", None) != "Country":
            continue
        start = m.start("adj") if adj else m.start("country")
        name = ctx.text[start:m.end()]
        alias = (m.group("head"),) if " " in m.group("head") else ()  # "the defence ministry" later
        eid = linker.entity(name, org_type(name) or "Organization", start, aliases=alias)
        if eid and adj and org_type(name) == "ArmedForce":
            forces.append((eid, land or "", adj))
        for a in alias if eid else ():
            for later in re.finditer(rf"\b[Tt]he\s+({re.escape(a)})\b", ctx.text):
                if ctx.mention_at(later.start(1)) is None:
                    linker.entity(a, org_type(a) or "Organization", later.start(1))
    return forces


def demonym_land(ctx: Context, adj: str) -> str | None:
    """The country (or land) a demonym names: by the gazetteers' demonyms, or, for a land they
    do not know, the one the article names as a place ("Kessran" where "Kessra" is a place)."""
    known = lexicon.demonyms().get(normalize(adj))
    if known:
        return known
    for e in ctx.draft.entities.values():
        name = e["name"]
        if e["type"] in ("Country", "Place", "Region") and " " not in name and adj != name and any(
                adj == stem + ending for stem in (name, name[:-1]) for ending in ("n", "an", "ian", "i", "ese")):
            return name
    return None


def named_forces(ctx: Context, linker: Linker, forces: list[tuple[str, str, str]]) -> None:
    """"The Ugandan army" in an article that names one armed force of Uganda ("the Uganda
    People's Defence Force", "the Chilean Armed Forces") is that force: its mentions become the named force's."""
    entities = ctx.draft.entities
    lowers = {f[0] for f in forces}
    for eid, country, adj in forces:
        lower = entities.get(eid)
        named = [x for x, e in entities.items() if x not in lowers and e["type"] == "ArmedForce"
                 and any(f" {normalize(w)} " in f" {normalize(e['name'])} " for w in (country, adj))
                 and not _other_branch(e["name"], lower["name"] if lower else "")]
        if lower is None or len(named) != 1 or eid in ctx.draft.known:
            continue
        target = named[0]
        del entities[eid]
        ctx.mentions[:] = [replace(m, eid=target) if m.eid == eid else m for m in ctx.mentions]
        linker.index.update({k: target for k, v in linker.index.items() if v == eid})
        linker.alias(target, lower["name"])
        entities[target].setdefault("inferred", {})["aliases"] = (
            f"'{lower['name']}': the one armed force of {country} the article names")


def _other_branch(name: str, lower: str) -> bool:
    """"the Kenyan Air Force" is not "the Kenyan army": a branch word the lower-case name lacks."""
    branches = {"air", "navy", "naval", "marine", "marines", "police", "coast", "guard", "special", "presidential"}
    return bool((set(normalize(name).split()) ^ set(normalize(lower).split())) & branches)


def acting_countries(ctx: Context, linker: Linker) -> None:
    """A demonym before a strike or a force ("an Israeli strike", "Kenyan drones") mentions
    the country that acts, when the article names that country."""
    actors = "|".join(map(re.escape, sorted(lexicon.words()["bodies"]["actors"], key=len, reverse=True)))
    for m in re.finditer(rf"\b([A-Z][\w.]*)\s+(?:{actors})\b", ctx.text):
        country = lexicon.demonyms().get(normalize(m.group(1)))
        eid = linker.find(country, surname=False) if country else None
        if eid and linker.type_of(eid) == "Country" and ctx.mention_at(m.start(1)) is None:
            ctx.add_mention(m.start(1), m.end(1), eid, "Country")
