"""New articles into a project: draft their facts, add them, list where sources disagree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputFileError, KgError, LocatedError, UsageError
from kg.project import Project
from kg.vocab import RESERVED_SOURCES


def known_entities(project: Project) -> dict[str, tuple[str, str, list[str]]]:
    """Entity id -> (type, name, other names) from the facts files and curated aliases."""
    from kg.build import facts_paths
    from kg.corpus import load_corpus

    corpus = load_corpus(facts_paths(project), project.aliases)
    other: dict[str, set[str]] = {}
    for ff in corpus.files:
        for e in ff.entities:
            other.setdefault(e.id, set()).update([str(e.get("name")), *map(str, e.get("aliases", []))])
    for eid, aliases in corpus.tables.aliases.items():
        other.setdefault(eid, set()).update(aliases)
    return {eid: (e.type, e.name, sorted(other.get(eid, set()) - {e.name}))
            for eid, e in corpus.tables.entities.items()}


def article_id(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-")
    if not stem:
        raise UsageError(f"{path}: cannot make an article id from the file name; pass --id")
    return stem


def read_article(path: Path) -> str:
    """The article file the user named: a file that cannot be read is their input (exit 2)."""
    from kg.facts import nfc
    from kg.yamlsafe import read_text

    try:
        text = nfc(read_text(path))
    except LocatedError as exc:
        raise InputFileError(exc.path, exc.message, exc.line, exc.column) from None
    if not text.strip():
        raise UsageError(f"{path}: the article is empty")
    return text


def extract(project: Project | None, path: Path, aid: str | None = None, llm: str | None = None,
            model: str | None = None, timeout: float = 120.0):
    """Draft the facts of one article file (entities linked to the project's, if any), every
    item checked as the build would check it; with `llm` (a chat-completions URL) and `model`
    a language model proposes the items."""
    from kg.extract import draft, draft_with_llm

    aid = checked_id(aid, path)
    text = read_article(path)
    if llm:
        if not model:
            raise UsageError("--llm needs --model NAME (the model the server should use)")
        return draft_with_llm(aid, text, llm, model, project, timeout)
    known = known_entities(project) if project else {}
    return draft(aid, text, known, project)


def checked_id(aid: str | None, path: Path) -> str:
    """The --id given (a plain name: it becomes file names), or the one made from the file name."""
    from kg.facts import SLUG

    if aid is not None and (not SLUG.fullmatch(aid) or len(aid) > 200):
        raise UsageError(f"--id {aid[:60]!r}: an article id is a plain name of at most 200 ASCII letters, "
                         f"digits, - and _ (e.g. {article_id(path)})")
    chosen = aid or article_id(path)
    if chosen in RESERVED_SOURCES:
        raise UsageError(f"the article id '{chosen}' names kg's own graph of {RESERVED_SOURCES[chosen]}: "
                         "give another with --id")
    return chosen


@dataclass
class Added:
    article: str
    facts_file: Path
    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    drafted: int = 0
    accepted: bool = False
    review: list[str] = field(default_factory=list)
    dropped: int = 0
    held: int = 0  # items kept as drafts for review (not accepted)


def add(project: Project, path: Path, accept: bool = False, aid: str | None = None, force: bool = False) -> Added:
    """Copy the article into data/articles/ and draft its facts file next to the others; an
    article added before is drafted again only with `force` (its facts file is replaced)."""
    from kg.extract import to_yaml
    from kg.files import atomic_write, within

    aid = checked_id(aid, path)
    target = within(project.root, project.articles / f"{aid}.txt")
    facts = within(project.root, project.facts / f"{aid}.yaml")
    if facts.exists() and not force:
        raise UsageError(f"article '{aid}' was added before ({facts} exists): pass --force to draft it again "
                         "(its facts file is replaced), or --id to add it as another article")
    draft = extract(project, path, aid)
    article = read_article(path)
    if target.exists() and read_article(target) != article:
        raise UsageError(f"{target} already exists with another text (other facts files may quote "
                         "it); pass another --id")
    text = to_yaml(draft, accepted=accept)
    project.articles.mkdir(parents=True, exist_ok=True)
    project.facts.mkdir(parents=True, exist_ok=True)
    copied = not target.exists()
    if copied:
        atomic_write(target, article.encode("utf-8"), project.root)
    try:
        atomic_write(facts, text.encode("utf-8"), project.root)
    except KgError:  # a full disk: the article copied without its facts file was left behind
        if copied:
            target.unlink(missing_ok=True)
        raise
    return Added(aid, facts, sorted(set(draft.entities) - draft.known), sorted(draft.known),
                 len(draft.entities) + len(draft.facts) + len(draft.periods), accept, draft.review,
                 len(draft.dropped), sum(1 for f in draft.facts if f.get("review")))


def conflicts(backend: Any, project: Project) -> list[dict[str, str]]:
    """Figures, leadership facts and event dates that two sources state differently, and events
    one source tells and another denies (all stay, each attributed)."""
    from kg import query as q

    out = []
    for r in q.run_named(backend, project, "conflicts-statistics", {}).rows:
        out.append({"kind": "statistic", "what": f"{r['measureLabel'].value}, {r['periodLabel'].value}",
                    "a": r["labelA"].value, "source_a": _reported(r, "A"),
                    "b": r["labelB"].value, "source_b": _reported(r, "B")})
    for r in q.run_named(backend, project, "conflicts-leadership", {}).rows:
        out.append({"kind": "leadership", "what": r["what"].value, "a": r["labelA"].value,
                    "source_a": _local(r["articleA"].value), "b": r["labelB"].value,
                    "source_b": _local(r["articleB"].value)})
    for r in q.run_named(backend, project, "conflicts-events", {}).rows:
        a, b = r["valueA"].value, r["valueB"].value
        out.append({"kind": "event", "what": f"{_undated(r['label'].value, a, b)}: {r['what'].value}", "a": a,
                    "source_a": _local(r["articleA"].value), "b": b, "source_b": _local(r["articleB"].value)})
    for r in q.run_named(backend, project, "conflicts-denials", {}).rows:
        out.append({"kind": "denial", "what": r["label"].value, "a": f"told by {r['teller'].value}",
                    "source_a": _local(r["articleA"].value),
                    "b": f"{r['speakerLabel'].value} denies it: \"{r['text'].value}\"",
                    "source_b": _local(r["articleB"].value)})
    return out


def _undated(label: str, *dates: str) -> str:
    """An event's label without the date one source put in it, where that date is disputed."""
    for date in dates:
        label = label.removesuffix(f" ({date})")
    return label


def _reported(row: dict, side: str) -> str:
    """The article; with who gives the figure when both figures are of one article (two
    reporters it quotes disagree)."""
    reporter, article = row.get(f"reporter{side}"), row[f"article{side}"].value
    same = article == row["articleA"].value == row["articleB"].value
    return f"{_local(article)} ({reporter.value})" if same and reporter is not None else _local(article)


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]
