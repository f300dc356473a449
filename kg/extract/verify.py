"""The build's own checks, run on a draft before it is written: the facts loader, the checks
across files, and SHACL on the article's graph. An item that fails is left out of the draft
(with what is left of the items that depend on it) and listed in `draft.dropped` with the
reason; so `kg add --accept` never writes a file that fails the build, and every item a
reviewer accepts from a draft passes."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from kg.errors import KgError, LocatedError, LocatedErrors, UsageError
from kg.extract.context import Draft
from kg.extract.output import to_yaml
from kg.project import Project

ROUNDS = 25  # each round leaves out at least one item


def check(draft: Draft, text: str, project: Project | None = None) -> Draft:
    """Leave out of `draft` every item the build would reject; return it."""
    _hold_dependents(draft)
    others = _other_summaries(project, draft.article["id"])
    try:
        with tempfile.TemporaryDirectory(prefix="kg-draft-") as tmp:
            return _checked(draft, _scratch(Path(tmp), project, draft.article["file"], text), others)
    except OSError as exc:  # a full or limited temporary folder: a bare 'file too large' named nothing
        from kg.files import why_not_written

        raise UsageError(f"{tempfile.gettempdir()}: cannot write the copy the draft is checked in: "
                         f"{why_not_written(exc)} (set TMPDIR to a folder with room); nothing was written") from None


def _checked(draft: Draft, scratch: Project, others: list[Any]) -> Draft:
    """Leave out what the build would reject, checking the draft in the scratch project."""
    for _ in range(ROUNDS):
        problems = _problems(draft, scratch, others)
        if not problems:
            return draft
        ids = {item_id for item_id, _ in problems if item_id}
        if not ids:  # an error no item explains: keep nothing rather than a broken file
            draft.dropped += [message for _, message in problems]
            draft.entities.clear()
            draft.periods.clear()
            draft.facts.clear()
            return draft
        for item_id, message in problems:
            if item_id:
                draft.dropped.append(f"{item_id}: {message}")
        _drop(draft, ids)
    return draft


def _hold_dependents(draft: Draft) -> None:
    """A fact that refers to an item drafted for review is held for review too: accepted
    alone, it would refer to a draft the build leaves out."""
    held = {eid for eid, e in draft.entities.items() if e.get("review")}
    held |= {f["id"] for f in draft.facts if f.get("review")}
    changed = True
    while changed:
        changed = False
        for f in draft.facts:
            refs = {v for k, x in f.items() if k not in ("id", "quote", "inferred")
                    for v in (x if isinstance(x, list) else [x]) if isinstance(v, str)}
            hit = sorted(refs & held)
            if hit and f["id"] not in held:
                f.setdefault("review", f"refers to {hit[0]}, drafted for review")
                held.add(f["id"])
                changed = True


def _scratch(root: Path, project: Project | None, file: str, text: str) -> Project:
    """A throwaway project with this article and the project's own ontology files."""
    (root / "data" / "articles").mkdir(parents=True)
    (root / "data" / "facts").mkdir()
    (root / "data" / "articles" / file).write_text(text, encoding="utf-8")
    own = project.root / "ontology" if project else None
    if own is not None and own.is_dir() and not own.is_symlink():
        shutil.copytree(own, root / "ontology")
    return Project(root)


def _other_summaries(project: Project | None, article_id: str) -> list[Any]:
    if project is None:
        return []
    from kg import vocabulary
    from kg.build import facts_paths
    from kg.corpus import summarize
    from kg.facts import load_facts_file

    vocab = vocabulary.load(project)
    out = []
    for path in facts_paths(project):
        if path.stem == article_id:
            continue
        try:
            out.append(summarize(load_facts_file(path, None, vocab)))
        except KgError:
            continue  # a broken file elsewhere is the build's to report, not the draft's
    return out


def _problems(draft: Draft, scratch: Project, others: list[Any]) -> list[tuple[str | None, str]]:
    """What the build would reject: (item id, why) for every error the loader, the checks
    across files, the support check (values in quotes) and SHACL find."""
    from kg import vocabulary
    from kg.build import article_quads
    from kg.corpus import check_corpus, summarize
    from kg.facts import load_facts_file
    from kg.validate import validate_quads

    candidate = _accepted(draft)
    path = scratch.facts / f"{draft.article['id']}.yaml"
    yaml_text = to_yaml(candidate, accepted=True)
    path.write_text(yaml_text, encoding="utf-8")
    lines = _item_lines(path)
    vocab = vocabulary.load(scratch)
    try:
        ff = load_facts_file(path, None, vocab)
        tables = check_corpus([*others, summarize(ff)], {})
        quads = article_quads(scratch, ff, tables, vocab)
    except (LocatedError, LocatedErrors) as exc:
        return [(_item_at(lines, e.line), e.message) for e in _errors(exc)]
    report = validate_quads(quads, scratch)  # with the ontology and vocabulary, as the build checks
    ids = {**{e: e for e in draft.entities}, **{f["id"]: f["id"] for f in draft.facts}, **{p: p for p in draft.periods}}
    return [(_item_of(v.focus, draft.article["id"], ids), f"{v.path}: {v.message}".strip(": "))
            for v in report.violations if v.severity == "Violation"]


def _accepted(draft: Draft) -> Draft:
    """The draft as it would be if a reviewer accepted every item."""
    def plain(items: dict[str, dict]) -> dict[str, dict]:
        return {k: {f: v for f, v in x.items() if f != "review"} for k, x in items.items()}

    strip = [{k: v for k, v in f.items() if k != "review"} for f in draft.facts]
    return Draft(draft.article, plain(draft.entities), plain(draft.periods), strip, draft.known)


def _errors(exc: LocatedError | LocatedErrors) -> list[LocatedError]:
    return list(exc.errors) if isinstance(exc, LocatedErrors) else [exc]


def _item_lines(path: Path) -> list[tuple[int, str]]:
    """(first line, id) of every entity, period and fact in the file, in order."""
    from kg import yamlsafe

    data = yamlsafe.load(path)
    out = []
    for section in ("entities", "periods", "facts"):
        for item in data.get(section) or []:
            if isinstance(item, yamlsafe.Map) and "id" in item:
                out.append((item.loc.line, str(item["id"])))
    return sorted(out)


def _item_at(lines: list[tuple[int, str]], line: int | None) -> str | None:
    if line is None:
        return None
    found = [item_id for start, item_id in lines if start <= line]
    return found[-1] if found else None


def _item_of(focus: str, article: str, ids: dict[str, str]) -> str | None:
    m = re.search(rf"{re.escape(article)}\.([A-Za-z0-9_-]+)", focus)
    if m and m.group(1) in ids:
        return m.group(1)
    last = focus.rstrip("/").rsplit("/", 1)[-1]
    return ids.get(last)


def _drop(draft: Draft, ids: set[str]) -> None:
    """Leave out items `ids`, the facts that need them, and references to them elsewhere."""
    from kg.facts import REQUIRED

    while ids:
        for i in ids:
            draft.entities.pop(i, None)
            draft.periods.pop(i, None)
        keep, more = [], set()
        for f in draft.facts:
            if f["id"] in ids:
                continue
            needs = REQUIRED.get(f["type"], set()) | {"period"}
            for key, value in list(f.items()):
                values = value if isinstance(value, list) else [value]
                if key in ("id", "quote", "inferred") or not any(isinstance(v, str) and v in ids for v in values):
                    continue
                rest = [v for v in values if v not in ids]
                if key in needs and not rest or key == "said_by":
                    more.add(f["id"])
                elif isinstance(value, list) and rest:
                    f[key] = rest
                else:
                    del f[key]
            keep.append(f)
        draft.facts[:] = [f for f in keep if f["id"] not in more]
        ids = more
