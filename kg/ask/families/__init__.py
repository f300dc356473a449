"""The question families, registered by name: parse decides the family, this table the code
that answers it."""

from __future__ import annotations

from collections.abc import Callable

from kg.ask.answer import Answer
from kg.ask.families import events, leadership, numbers, relations, statements, succession, victims
from kg.ask.question import Question

HANDLERS: dict[str, Callable[[Question], Answer]] = {
    "aliases": relations.aliases,
    "speaker_of": statements.speaker_of,
    "headlines": relations.headlines,
    "projection": numbers.projection,
    "said": statements.said,
    "operation_named": events.named_after,
    "fate": victims.fate,
    "causes": relations.causes,
    "numbers": numbers.answer,
    "succession": succession.neighbours,
    "kinship": relations.kinship,
    "sentencing": events.sentencing,
    "declaration": events.declaration,
    "partners": relations.partners,
    "campaign": events.campaign,
    "describe": relations.describe,
    "captivity": victims.captivity,
    "death": victims.death,
    "operations": events.operations,
    "founded": events.founded,
    "leadership": leadership.answer,
    "profile": relations.profile,
}
