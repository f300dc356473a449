"""What the last build derived from the whole corpus, kept so that a build in which no file's
definitions changed does not derive it again from every file's summary.

The cross-file tables (kg.corpus.Tables) are a function of the facts files' definitions (the
article, the entities and periods each defines, in file order) and the curated aliases alone;
a file's references are checked against them one file at a time. So when the same files
define the same things as last time, the last tables stand, only the changed files' references
are checked again, and an unchanged article (same summary, same article text) keeps its chunk
key. An added file that only adds ids, or repeats entries as the tables hold them, extends
them. Any other change (a file removed or renamed, a definition changed, other aliases,
vocabulary, ontology or code) takes the whole path, which writes a new memo.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from kg.chunks import Index, json_bytes, summary_name
from kg.corpus import Entity, Period, Summary, Tables, check_ref, same_events
from kg.errors import LocatedError, LocatedErrors

MEMO = "corpus-memo.json"  # corpus-*: kept by the build's clean-up of unused chunks (kg.store)
SCHEMA = "corpus-memo-3"


def definitions(summary: Summary) -> str:
    """A digest of what a file contributes to the cross-file tables."""
    s = summary  # its fields as they are (dataclasses.asdict copies deeply: a second per thousand files)
    return hashlib.sha256(json_bytes([s.article, s.file, s.article_loc, s.entities, s.periods, s.events])
                          ).hexdigest()[:32]


@dataclass
class FileRecord:
    summary: str  # the summary's cache name (it covers the file's bytes)
    definitions: str  # definitions(summary)
    article: str  # the article id
    file: str  # the article's file under data/articles/
    article_sha: str
    key: str  # the chunk key


@dataclass
class Memo:
    salt: str  # code, vocabulary, ontology, shapes, curated aliases: what the tables and keys also depend on
    files: dict[str, FileRecord] = field(default_factory=dict)  # by label, in file order
    tables: dict[str, Any] = field(default_factory=dict)

    def get_tables(self) -> Tables:
        t = self.tables
        return Tables({k: Entity(v[0], v[1], tuple(v[2])) for k, v in t["entities"].items()},
                      {k: Period(v[0], v[1], v[2], tuple(v[3])) for k, v in t["periods"].items()},
                      {k: list(v) for k, v in t["aliases"].items()}, dict(t["defined_in"]), dict(t["events"]))


def read(cache: Path, salt: str) -> Memo | None:
    """The last build's memo when it was made with the same salt (None otherwise)."""
    try:
        data = orjson.loads((cache / MEMO).read_bytes())
        if data.get("schema") != SCHEMA or data.get("salt") != salt:
            return None
        return Memo(salt, {label: FileRecord(*record) for label, record in data["files"]}, data["tables"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # missing or damaged: the whole path writes it again


def write(cache: Path, memo: Memo, tables: Tables) -> None:
    """Written whole, then renamed into place."""
    text = json_bytes({"schema": SCHEMA, "salt": memo.salt, "tables": tables_json(tables),
                       "files": [[label, list(vars(r).values())] for label, r in memo.files.items()]})
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / f".{MEMO}.tmp-{os.getpid()}"
    tmp.write_bytes(text)
    os.replace(tmp, cache / MEMO)


def tables_json(tables: Tables) -> dict[str, Any]:
    return {"entities": {k: [e.type, e.name, list(e.names)] for k, e in tables.entities.items()},
            "periods": {k: [p.name, p.start, p.end, list(p.quotes)] for k, p in tables.periods.items()},
            "aliases": tables.aliases, "defined_in": tables.defined_in, "events": tables.events}


def unchanged(facts: list[tuple[str, str, str | OSError]], salt: str, memo: Memo | None,
              index: Index) -> dict[str, str]:
    """The facts files whose summary is the one the last build recorded (and still indexed,
    for a later whole check), with that summary's name, when no file of the last build is
    gone (else none: the whole corpus is checked again)."""
    if memo is None or not memo.files.keys() <= {label for _, label, _ in facts}:
        return {}  # a file removed: what it defined may be gone
    out = {}
    for _, label, sha in facts:
        record = memo.files.get(label)
        if record is not None and isinstance(sha, str) and summary_name(label, sha, salt) == record.summary \
                and ("s", record.summary) in index.lines:
            out[label] = record.summary
    return out


def tables_if_unchanged(entries: list[tuple[str, str, str, Summary | None]], memo: Memo | None) -> Tables | None:
    """The last build's cross-file tables when every changed file defines what it defined
    then, and every added file only adds ids or repeats what the tables say; the changed
    and added files' references are checked against them (all errors at once)."""
    if memo is None:
        return None
    changed = [s for _, _, _, s in entries if s is not None]
    tables = memo.get_tables()
    articles = {r.article for r in memo.files.values()}  # grows with each added file
    for s in changed:
        last = memo.files.get(s.label)
        if last is not None and definitions(s) != last.definitions:
            return None
        if last is None and not _add(tables, s, articles):
            return None
    errors = [LocatedError(s.label, error, r.line, r.column, r.field)
              for s in changed for r in s.refs if (error := check_ref(r, tables))]
    if errors:
        raise LocatedErrors(errors)
    return tables


def _add(tables: Tables, s: Summary, articles: set[str]) -> bool:
    """Add a new file's definitions to the tables when they change no entry another file
    reads: new ids, or an id's type, name, names, span and quotes as the tables hold them.
    False (the tables left half-changed: the caller drops them) when the whole check must
    decide: an article id in use, curated aliases (a new name may take one), or a change."""
    if s.article in articles or tables.aliases or same_events(s, tables.events):
        return False
    for eid, e in s.entities.items():
        known = tables.entities.get(eid)
        if known is None:
            tables.entities[eid] = Entity(e.type, e.name, tuple(sorted({e.name, *e.aliases})))
            tables.defined_in[eid] = s.article
        elif (known.type, known.name) != (e.type, e.name) or not {e.name, *e.aliases} <= set(known.names):
            return False
    for pid, p in s.periods.items():
        period = tables.periods.get(pid)
        if period is None:
            tables.periods[pid] = Period(p.name, p.start, p.end, tuple(sorted(set(p.quotes))))
        elif (period.name, period.start, period.end) != (p.name, p.start, p.end) \
                or not set(p.quotes) <= set(period.quotes):
            return False
    articles.add(s.article)
    return True
