"""Phrases the drafter reads from the one vocabulary (ontology/vocabulary.ttl): role names and
role verbs, family relations, hedges (certainty), bounds and vague amounts. Nothing here lists
a phrase: each table is the vocabulary's labels, with the forms English inflects them into
("estimate" for "estimates", "was believed" for "is believed")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kg.vocabulary import Concept, Vocabulary

_CACHE: dict[tuple[int, str], tuple[Vocabulary, Any]] = {}


def _cached(vocab: Vocabulary, name: str, make: Callable[[], Any]) -> Any:
    hit = _CACHE.get((id(vocab), name))
    if hit is None or hit[0] is not vocab:
        hit = (vocab, make())
        _CACHE[(id(vocab), name)] = hit
    return hit[1]


def _labels(table: dict[str, Concept], hidden: bool = True, names: bool = True) -> dict[str, str]:
    out: dict[str, str] = {}
    for notation, c in table.items():
        words = ([c.pref, *c.alt] if names else []) + (list(c.hidden) if hidden else [])
        for w in words:
            out.setdefault(w.lower(), notation)
    return out


def role_words(vocab: Vocabulary) -> dict[str, str]:
    """Role names ("leader", "emir", "secretary-general") -> role notation."""
    return _cached(vocab, "roles", lambda: _labels(vocab.roles, hidden=False))


def role_verbs(vocab: Vocabulary) -> dict[str, str]:
    """Verbs of holding a role ("led", "headed", "commanded") -> role notation."""
    return _cached(vocab, "role_verbs", lambda: _labels(vocab.roles, names=False))


def kinship_words(vocab: Vocabulary) -> dict[str, str]:
    return _cached(vocab, "kinships", lambda: _labels(vocab.kinships))


def bounds(vocab: Vocabulary) -> dict[str, str]:
    """Bound phrases before a number ("at least", "as many as") -> bound notation."""
    return _cached(vocab, "bounds", lambda: {k: v for k, v in _labels(vocab.bounds).items() if v != "exact"})


def quantities(vocab: Vocabulary) -> dict[str, str]:
    """Vague amounts ("hundreds of", "several") -> quantity notation."""
    return _cached(vocab, "quantities", lambda: _labels(vocab.quantities))


def certainties(vocab: Vocabulary) -> dict[str, str]:
    """Hedges, with their inflected forms -> certainty notation."""
    def make() -> dict[str, str]:
        out: dict[str, str] = {}
        for phrase, notation in _labels(vocab.certainties, names=False).items():
            for form in _inflections(phrase):
                out.setdefault(form, notation)
        return out
    return _cached(vocab, "certainties", make)


def _inflections(phrase: str) -> set[str]:
    words = phrase.split()
    forms = {phrase}
    if words[0] in ("is", "are", "was", "were"):
        forms |= {" ".join([w, *words[1:]]) for w in ("is", "are", "was", "were")}
    last = words[-1]
    stem = re.sub(r"(?:es|s|ed|d)$", "", last) if len(last) > 5 else last
    if stem != last:
        for ending in ("e", "es", "ed", "s", "d"):
            if (stem + ending).startswith(stem) and len(stem + ending) >= len(last) - 2:
                forms.add(" ".join([*words[:-1], stem + ending]))
    return forms


def pattern(phrases: dict[str, str] | list[str]) -> str:
    """A regex alternation of phrases, longest first, each a whole word sequence."""
    items = sorted(phrases, key=len, reverse=True)
    return "|".join(rf"(?<![\w-]){re.escape(p)}(?![\w-])" for p in items)


def find(phrases: dict[str, str], text: str) -> list[tuple[int, int, str]]:
    """(start, end, notation) of each phrase in text, case-insensitive, leftmost-longest."""
    if not phrases:
        return []
    return [(m.start(), m.end(), phrases[m.group(0).lower()])
            for m in re.finditer(pattern(phrases), text, re.IGNORECASE)]
