"""The question families, registered by name: parse decides the family, this table the code
that answers it. A family's module is imported when a question of it is asked, so a cold
`kg ask` loads one or two families, not all seven."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.ask.answer import Answer
    from kg.ask.question import Question

HANDLERS: dict[str, str] = {  # family -> module.function under kg.ask.families
    "aliases": "relations.aliases",
    "speaker_of": "statements.speaker_of",
    "headlines": "relations.headlines",
    "projection": "numbers.projection",
    "said": "statements.said",
    "operation_named": "events.named_after",
    "fate": "victims.fate",
    "causes": "relations.causes",
    "numbers": "numbers.answer",
    "succession": "succession.neighbours",
    "kinship": "relations.kinship",
    "sentencing": "events.sentencing",
    "declaration": "events.declaration",
    "partners": "relations.partners",
    "campaign": "events.campaign",
    "describe": "relations.describe",
    "captivity": "victims.captivity",
    "death": "victims.death",
    "operations": "events.operations",
    "founded": "events.founded",
    "leadership": "leadership.answer",
    "profile": "relations.profile",
}


def handler(family: str) -> Callable[[Question], Answer]:
    """The function that answers a family's questions (KeyError for an unknown family)."""
    module, function = HANDLERS[family].split(".")
    return getattr(importlib.import_module(f"kg.ask.families.{module}"), function)
