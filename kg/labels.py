"""Readable labels for the nodes kg mints (facts, events, areas), as other tools display them.

A label must not say more than its source: its certainty ("believed to be", "suggested") and
the reporter of a figure stay in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.facts import FACT_FIELDS, Item
from kg.names import join, ordinal
from kg.vocabulary import Vocabulary

Name = Callable[[Any, str], str]  # an id and its field's kind (kg.facts) -> the name of what it names
Ref = Callable[..., str]  # (field[, value]) -> the name of what the fact's field (or that value of it) names


def span(start: Any, end: Any) -> str:
    if start is None and end is None:
        return ""
    return f" ({start.text if start else ''}–{end.text if end else ''})"


def label(f: Item, name: Name, vocabulary: Vocabulary) -> str:
    g = f.get

    def ref(field: str, value: Any = None) -> str:  # an id is looked up by its field's kind
        return name(g(field) if value is None else value, FACT_FIELDS.get(f.type, {}).get(field, "ref"))

    # the certainty, not the source's hedge words, which do not fit every sentence ('is believed to')
    certainty = g("certainty") if g("certainty") not in (None, "stated") else ""
    if f.type == "leadership":
        n = f"{ordinal(g('ordinal'))} " if g("ordinal") else ""
        role = vocabulary.roles[g("role")].pref
        lead = f"{certainty} to be " if certainty else ""
        return f"{ref('person')}: {lead}{n}{role} of {ref('organization')}{span(g('start'), g('end'))}"
    if f.type in ("statistic", "projection"):
        return _figure(f, ref, vocabulary)
    if f.type in ("killing", "capture", "captivity", "sentencing"):
        who = g("victim") or g("defendant")
        when = g("date") or g("start")
        return f"{certainty} {f.type} of {ref('victim', who)}".lstrip() + (f" ({when.text})" if when else "")
    if f.type == "operation":
        return str(g("name") or _unnamed_operation(f, ref))
    if f.type == "campaign":
        return "campaign by " + join([ref("conducted_by", p) for p in g("conducted_by")]) + (
            " against " + join([ref("target", t) for t in g("target")]) if g("target") else "")
    if f.type == "declaration":
        return f"{join([ref('by', p) for p in g('by')])} declaring {g('what')}"
    if f.type == "statement":
        return f"statement by {ref('speaker')}"
    if f.type == "description":
        return f"description of {ref('subject')}"
    if f.type == "partnership":
        return "partnership of " + join([ref("partners", p) for p in g("partners")])
    if f.type == "causation":
        return f"{ref('cause')} prompted {ref('effect')}"
    if f.type == "kinship":
        return f"{ref('person')}: {vocabulary.kinships[g('relation')].pref} of {ref('relative')}"
    if f.type == "headline_claim":
        return f"headline: {g('text') or f.quotes[0].text}"
    return f.id


def _unnamed_operation(f: Item, ref: Ref) -> str:
    """An operation the source does not name, described by what it states: by whom, against
    whom, where, when."""
    g = f.get
    parts = ["operation"]
    for word, field in (("by", "conducted_by"), ("against", "target"), ("in", "place")):
        if g(field):
            parts.append(f"{word} {join([ref(field, v) for v in g(field)])}")
    when = g("date") or g("start")
    if len(parts) == 1 and not when:
        return f"an operation {f.article} does not name"
    return " ".join(parts) + (f" ({when.text})" if when else "")


def figure_value(f: Item, vocabulary: Vocabulary) -> str:
    """The figure as the source gives it: its wording, or the number with its bound."""
    g = f.get
    if g("wording"):
        return str(g("wording"))
    if g("status"):
        return "not released"
    if g("quantity"):
        return vocabulary.quantities[g("quantity")].pref
    if g("min") is not None or g("max") is not None:
        low, high = g("min"), g("max")
        return f"{low:,}–{high:,}" if low is not None and high is not None else f"at least {low:,}" \
            if low is not None else f"at most {high:,}"
    number = f"{g('value'):,}" if g("value") is not None else f"{g('factor')}×"
    return f"{vocabulary.bounds[g('bound')].pref} {number}" if g("bound") else number


def _figure(f: Item, ref: Ref, vocabulary: Vocabulary) -> str:
    g = f.get
    concept = vocabulary.measures[g("measure")]
    subject = ref("subject")
    measure = {"Operations": f"{concept.pref} against {subject}", "Victims": f"{concept.pref} by {subject}"
               }.get(concept.kind, f"{subject} {concept.pref}")
    where = f" in {join([ref('place', p) for p in g('place', [])])}" if g("place") else ""
    value = figure_value(f, vocabulary)
    if f.type == "projection":
        value = f"{g('wording') or value} compared with {ref('compared_to')}"
    notes = [n for n in (g("certainty") if g("certainty") not in (None, "stated") else "",
                         f"according to {ref('reported_by')}" if g("reported_by") else "") if n]
    tail = f" ({', '.join(notes)})" if notes else ""
    return f"{measure}{where}, {ref('period')}: {value}{tail}"
