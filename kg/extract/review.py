"""Reviewing a draft: each drafted item beside the sentence it quotes, the sentences no item
quotes ("what the draft may have missed"), and accepting or rejecting items.

Accepting an item deletes its `draft: true` (and its `review:` reason); rejecting deletes the
item, with the drafted items that refer to it. The file is edited line by line, so the
reviewer's own comments and edits stay, and written atomically only if it still loads."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError, UsageError
from kg.files import not_a_file


@dataclass
class Item:
    section: str  # entities | periods | facts
    id: str
    fields: dict[str, Any]
    first: int  # its lines in the file, 1-based, inclusive
    last: int
    draft: bool

    @property
    def summary(self) -> str:
        skip = {"id", "quote", "offsets", "draft", "said_by", "inferred", "review", "sentence"}
        parts = [f"{k}: {v}" for k, v in self.fields.items() if k not in skip]
        return ", ".join(parts)


@dataclass
class Review:
    path: Path
    lines: list[str]
    items: list[Item]
    text: str  # the article
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def drafts(self) -> list[Item]:
        return [i for i in self.items if i.draft]

    def sentence_of(self, item: Item) -> str:
        span = _offsets(item.fields.get("offsets"))
        quote = _first_quote(item.fields.get("quote"))
        start = span[0] if span else (self.text.find(quote) if quote else -1)
        for s, e in self.sentences:
            if s <= start < e:
                return self.text[s:e].strip()
        return quote or ""

    def missed(self) -> list[str]:
        """Sentences no item (drafted or accepted) quotes."""
        covered = []
        for item in self.items:
            for quote in _quotes(item.fields.get("quote")):
                at = self.text.find(quote)
                if at >= 0:
                    covered.append((at, at + len(quote)))
        return [self.text[s:e].strip() for s, e in self.sentences
                if not any(a < e and s < b for a, b in covered)]


def load(path: Path, articles: Path | None = None) -> Review:
    """A facts file and its article (from `articles`, or beside the facts file's data/)."""
    from kg import yamlsafe
    from kg.text import Article

    data = yamlsafe.load(path)
    if not isinstance(data, yamlsafe.Map) or not isinstance(data.get("article"), dict):
        raise UsageError(f"{path}: not a facts file (no article: section)")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    starts: list[tuple[int, str, Any]] = []
    for section in ("entities", "periods", "facts"):
        for node in data.get(section) or []:
            if isinstance(node, yamlsafe.Map):
                starts.append((node.loc.line, section, node))
    for key, loc in data.key_locs.items():
        starts.append((loc.line, "", key))
    starts.sort(key=lambda x: x[0])
    items = []
    for i, (line, section, node) in enumerate(starts):
        if not section:
            continue
        last = (starts[i + 1][0] - 1) if i + 1 < len(starts) else len(lines)
        while last > line and not lines[last - 1].strip():
            last -= 1
        items.append(Item(section, str(node.get("id")), dict(node), line, last, str(node.get("draft")) == "true"))
    file = str(data["article"].get("file") or f"{data['article'].get('id')}.txt")
    folder = articles or path.resolve().parent.parent / "articles"
    article_path = folder / file
    why = not_a_file(article_path)
    if why:
        raise UsageError(f"{path}: its article {article_path} {'is not there' if why == 'does not exist' else why}")
    text = yamlsafe.read_text(article_path)
    doc = Article(str(data["article"].get("id")), text)
    return Review(path, lines, items, text, [(s.start, s.end) for s in doc.segments])


def apply(review: Review, accept: set[str], reject: set[str]) -> tuple[list[str], list[str]]:
    """Accept and reject items by id ("all" accepts every draft); write the file atomically.
    Returns (accepted ids, rejected ids, with the items that referred to a rejected one)."""
    from kg.files import atomic_write

    ids = {i.id for i in review.items}
    unknown = (accept | reject) - ids - {"all"}
    if unknown:
        raise UsageError(f"{review.path}: no item with id {', '.join(sorted(unknown))}")
    both = accept & reject
    if both:
        raise UsageError(f"{review.path}: not changed: {', '.join(sorted(both))} both accepted and rejected")
    drafts = {i.id for i in review.drafts()}
    if "all" in accept:
        accept = drafts - reject
    # review removes drafts only: curated items are removed by editing the file
    curated = sorted(reject - drafts)
    if curated:
        raise UsageError(f"{review.path}: not changed: {', '.join(curated[:5])} "
                         f"{'is' if len(curated) == 1 else 'are'} not a draft (only drafted items are rejected; "
                         "edit the file to remove a curated item)")
    rejected = _with_dependents(review, reject)
    curated = sorted(rejected - drafts)
    if curated:
        raise UsageError(f"{review.path}: not changed: curated items refer to what is rejected "
                         f"({', '.join(curated[:5])}); edit the file instead")
    accepted = [i.id for i in review.drafts() if i.id in accept and i.id not in rejected]
    pending = drafts - set(accepted)  # still drafts after this review: the build leaves them out
    for item in review.items:
        needs = sorted(_refs(item) & pending) if item.id in accepted and item.section == "facts" else []
        if needs:
            raise UsageError(f"{review.path}: not changed: '{item.id}' refers to the draft '{needs[0]}'; "
                             f"accept '{needs[0]}' too, or reject '{item.id}'")
    for item in review.items:  # the build locates every quote in the article: refuse what it would refuse
        missing = [q for q in _quotes(item.fields.get("quote")) if q not in review.text] if item.id in accepted else []
        if missing:
            raise UsageError(f"{review.path}: not changed: the quote of '{item.id}' is not in the article "
                             f"({missing[0]!r}); correct it before accepting")
    lines = list(review.lines)
    for item in sorted(review.items, key=lambda i: -i.first):
        if item.id in rejected:
            del lines[item.first - 1:item.last]
        elif item.id in accepted:
            lines[item.first - 1:item.last] = _accept_lines(lines[item.first - 1:item.last])
    text = "".join(lines)
    if text == "".join(review.lines):  # nothing to change: the file, and its time, stay as they are
        return accepted, sorted(rejected)
    _check_loads(review.path, text)
    atomic_write(review.path, text.encode("utf-8"))
    return accepted, sorted(rejected)


def _check_loads(path: Path, text: str) -> None:
    """Refuse a reviewed text that would not load, from a copy beside the facts file."""
    from kg.facts import load_facts_file
    from kg.files import why_not_written

    tmp: Path | None = None
    try:  # a new file of its own (never one found under a fixed name, which may be a link out)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".review")
        tmp = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        load_facts_file(tmp, str(path))
    except KgError as exc:
        raise UsageError(f"{path}: not changed, the result would not load: {exc}") from None
    except OSError as exc:  # a full disk or a size limit: a bare 'file too large' named no file
        raise UsageError(f"{path}: not changed: cannot write the copy it is checked in: "
                         f"{why_not_written(exc)} (the old file is unchanged)") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _accept_lines(block: list[str]) -> list[str]:
    """An item's lines without `draft: true` and without its `review:` reason."""
    out: list[str] = []
    skipping_indent: int | None = None
    for line in block:
        indent = len(line) - len(line.lstrip(" -"))
        if skipping_indent is not None and line.strip() and indent > skipping_indent:
            continue  # the continuation of a review reason
        skipping_indent = None
        if re.match(r"^\s*(?:- )?draft:\s*true\s*$", line):
            if line.lstrip().startswith("- "):  # "- draft: true" opens the item: keep the dash
                out.append(line.replace("draft: true", "").rstrip() + "\n")
            continue
        if re.match(r"^\s*review:", line):
            skipping_indent = indent
            continue
        out.append(re.sub(r",\s*draft:\s*true(?=\s*[,}])|draft:\s*true,\s*", "", line))
    return out


def _refs(item: Item) -> set[str]:
    """The values of a fact's fields: the ids it refers to among them."""
    values = [v for k, v in item.fields.items() if k not in ("id", "type", "quote", "inferred")]
    return {str(x) for v in values for x in (v if isinstance(v, list) else [v])}


def _with_dependents(review: Review, reject: set[str]) -> set[str]:
    out = set(reject)
    changed = True
    while changed:
        changed = False
        for item in review.items:
            if item.id not in out and item.section == "facts" and _refs(item) & out:
                out.add(item.id)
                changed = True
    return out


def _offsets(value: Any) -> tuple[int, int] | None:
    m = re.fullmatch(r"([0-9]{1,18})-([0-9]{1,18})", str(value or ""))  # as kg.facts reads them
    return (int(m.group(1)), int(m.group(2))) if m else None


def _quotes(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(q.get("text") if isinstance(q, dict) else q) for q in items if q]


def _first_quote(value: Any) -> str | None:
    quotes = _quotes(value)
    return quotes[0] if quotes else None
