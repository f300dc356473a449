"""How answers word terms, dates, durations, figures and gaps: one place, public helpers.

Every list comes out in one order whatever the engine returned (sorted here), and typed
values are formatted here, not by the engine (a store may return "P2Y" as 24).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.names import join, ordinal


def value(row: dict[str, Any], key: str) -> str | None:
    term = row.get(key)
    return None if term is None else term.value


def sorted_join(names: Iterable[str]) -> str:
    """'A, B and C' in alphabetical order, each name once."""
    return join(sorted(set(names), key=str.casefold))


def duration(row: dict[str, Any]) -> str:
    """'2 years', '1 year 6 months': from the numbers of an OWL-Time duration description."""
    from decimal import Decimal  # not at the top: most questions ask no duration, and kg ask starts fast

    parts = []
    for unit in ("years", "months", "days"):
        if unit in row:
            number = Decimal(row[unit].value).normalize()
            parts.append(f"{format(number, 'f')} {unit if number != 1 else unit[:-1]}")
    return " ".join(parts)


def when(row: dict[str, Any]) -> str:
    """An event's time as the source gives it: a date, a span, or a start."""
    date, start, end = value(row, "date"), value(row, "start"), value(row, "end")
    if date:
        return date
    if start and end:
        return f"{start}–{end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return ""


def term(row: dict[str, Any], certainty: str | None, with_org: bool = True, succeeded: bool = False) -> str:
    """'believed to be the 5th ruler of X, since 2023'; with `succeeded` (a later holder of the
    role is known) an open term reads 'from 2020 (end not stated)'."""
    n = f"{ordinal(int(row['ordinal'].value))} " if "ordinal" in row else ""
    lead = f"{certainty} to be the " if certainty else ""
    text = f"{lead}{n}{row['roleLabel'].value}" + (f" of {row['orgLabel'].value}" if with_org else "")
    start, end = value(row, "start"), value(row, "end")
    if start and end:
        text += f", {start}–{end}"
    elif start:
        text += f", from {start} (end not stated)" if succeeded else f", since {start}"
    elif end:
        text += f", until {end} (start not stated)"
    else:
        text += " (dates not stated)"
    if "endedByLabel" in row:
        text += f"; ended by the {row['endedByLabel'].value}"
    return text


def figure(row: dict[str, Any]) -> str:
    """The figure as the source gives it: its wording, or the number with its bound."""
    if value(row, "status"):
        return str(value(row, "status"))
    if value(row, "wording"):
        return str(value(row, "wording"))
    if value(row, "quantity"):
        return str(value(row, "quantity"))
    low, high = value(row, "min"), value(row, "max")
    if low is not None and high is not None:
        return f"between {int(low):,} and {int(high):,}"
    if low is not None:
        return f"at least {int(low):,}"
    if high is not None:
        return f"at most {int(high):,}"
    number = f"{int(row['value'].value):,}" if "value" in row else "?"
    return f"{value(row, 'bound')} {number}" if value(row, "bound") else number
