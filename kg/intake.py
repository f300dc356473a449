"""New articles into a project: draft their facts, add them, list where sources disagree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import UsageError
from kg.project import Project


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
    from kg.facts import nfc
    from kg.yamlsafe import read_text

    text = nfc(read_text(path))
    if not text.strip():
        raise UsageError(f"{path}: the article is empty")
    return text


def extract(project: Project | None, path: Path, aid: str | None = None):
    """Draft the facts of one article file (entities linked to the project's, if any)."""
    from kg.extract import Extractor

    text = read_article(path)
    known = known_entities(project) if project else {}
    return Extractor(aid or article_id(path), text, known).extract()


@dataclass
class Added:
    article: str
    facts_file: Path
    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    drafted: int = 0
    accepted: bool = False
    review: list[str] = field(default_factory=list)


def add(project: Project, path: Path, accept: bool = False, aid: str | None = None) -> Added:
    """Copy the article into data/articles/ and draft its facts file next to the others."""
    from kg.extract import to_yaml
    from kg.facts import SLUG
    from kg.files import atomic_write, within

    if aid is not None and not SLUG.fullmatch(aid):
        raise UsageError(f"--id {aid!r}: an article id is a plain name of letters, digits, - and _ "
                         f"(e.g. {article_id(path)})")
    aid = aid or article_id(path)
    target = within(project.root, project.articles / f"{aid}.txt")
    facts = within(project.root, project.facts / f"{aid}.yaml")
    if facts.exists():
        raise UsageError(f"{facts} already exists: article '{aid}' was added before (pass --id to add it as another)")
    draft = extract(project, path, aid)
    article = read_article(path)
    if target.exists() and read_article(target) != article:
        raise UsageError(f"{target} already exists with another text (other facts files may quote "
                         "it); pass another --id")
    text = to_yaml(accepted(project, draft, article) if accept else draft)
    project.articles.mkdir(parents=True, exist_ok=True)
    project.facts.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        atomic_write(target, article.encode("utf-8"), project.root)
    atomic_write(facts, text.encode("utf-8"), project.root)
    return Added(aid, facts, sorted(set(draft.entities) - draft.known), sorted(draft.known),
                 len(draft.entities) + len(draft.facts) + len(draft.periods), accept, draft.review)


def accepted(project: Project, draft: Any, article: str) -> Any:
    """The draft with `draft: true` removed from every item the build would take: items whose
    values their quotes do not support stay drafts, with a note saying why."""
    import tempfile

    from kg import support, vocabulary
    from kg.build import facts_paths
    from kg.corpus import check_corpus, summarize
    from kg.errors import LocatedError, LocatedErrors
    from kg.extract import to_yaml
    from kg.facts import load_aliases, load_facts_file

    items = [*draft.entities.values(), *draft.periods.values(), *draft.facts]
    for item in items:
        item.pop("draft", None)
    vocab = vocabulary.load(project)
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / "draft.yaml"
        candidate.write_text(to_yaml(draft), encoding="utf-8")
        try:
            ff = load_facts_file(candidate, "draft", vocab)
            others = [summarize(load_facts_file(p, None, vocab)) for p in facts_paths(project)]
            tables = check_corpus([*others, summarize(ff)], load_aliases(project.aliases))
        except (LocatedError, LocatedErrors):
            for item in items:
                item["draft"] = True  # the draft as a whole does not load: nothing is accepted
            return draft
    failing = {i.id: support.unsupported(i, tables, vocab) for i in [*ff.entities, *ff.periods, *ff.facts]}
    for item in items:
        missing = failing.get(item["id"])
        if missing:
            item["draft"] = True
            item["note"] = "kept as a draft: its quote does not state " + ", ".join(
                f"{name} {getattr(v, 'text', v)}" for name, v in missing)
    return draft


def conflicts(backend: Any, project: Project) -> list[dict[str, str]]:
    """Figures, leadership facts and event dates that two sources state differently (both
    stay, each attributed)."""
    from kg import query as q

    out = []
    for r in q.run_named(backend, project, "conflicts-statistics", {}).rows:
        out.append({"kind": "statistic", "what": f"{r['measureLabel'].value}, {r['periodLabel'].value}",
                    "a": r["labelA"].value, "source_a": _local(r["articleA"].value),
                    "b": r["labelB"].value, "source_b": _local(r["articleB"].value)})
    for r in q.run_named(backend, project, "conflicts-leadership", {}).rows:
        out.append({"kind": "leadership", "what": r["what"].value, "a": r["labelA"].value,
                    "source_a": _local(r["articleA"].value), "b": r["labelB"].value,
                    "source_b": _local(r["articleB"].value)})
    for r in q.run_named(backend, project, "conflicts-events", {}).rows:
        out.append({"kind": "event", "what": f"{r['label'].value}: {r['what'].value}", "a": r["valueA"].value,
                    "source_a": _local(r["articleA"].value), "b": r["valueB"].value,
                    "source_b": _local(r["articleB"].value)})
    return out


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]
