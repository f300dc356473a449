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
import sqlite3
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from kg.chunks import json_bytes
from kg.corpus import Entity, Period, Summary, Tables, check_ref, same_events
from kg.errors import LocatedError, LocatedErrors

# corpus-*: kept by the build's clean-up of unused chunks (kg.store)
MEMO = "corpus-memo.json"  # the files' records, the curated aliases and the tables' mark
TABLES = "corpus-tables.sqlite"  # the other tables, an entry a row
SCHEMA = "corpus-memo-4"
DECODE: dict[str, Callable[[Any], Any]] = {"entities": lambda v: Entity(v[0], v[1], tuple(v[2])),
                                           "periods": lambda v: Period(v[0], v[1], v[2], tuple(v[3])),
                                           "defined_in": str, "events": list}


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
    sha: str  # the facts file's SHA-256: with the memo's salt, it names the summary


class Table(MutableMapping[str, Any]):
    """One of the last build's cross-file tables, read an id at a time from the cache's SQLite
    file: an edit looks up the few ids its files name instead of parsing every entry (11 MB of
    JSON at ten million triples). What a build adds (an added file's new ids) is held here
    until write() stores it."""

    def __init__(self, db: Path, kind: str, added: dict[str, Any] | None = None,
                 con: sqlite3.Connection | None = None) -> None:
        self.db, self.kind, self.added, self._con = db, kind, added if added is not None else {}, con
        self._read: dict[str, Any] = {}  # an article's build looks each id up several times

    def _rows(self, sql: str, *args: str) -> sqlite3.Cursor:
        if self._con is None:
            self._con = _connect(self.db)
        return self._con.execute(sql, (self.kind, *args))

    def __getitem__(self, key: str) -> Any:
        if key in self.added:
            return self.added[key]
        if key not in self._read:
            row = self._rows("SELECT value FROM entry WHERE kind = ? AND id = ?", key).fetchone()
            if row is None:
                raise KeyError(key)
            self._read[key] = DECODE[self.kind](orjson.loads(row[0]))
        return self._read[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.added[key] = value

    def __delitem__(self, key: str) -> None:
        raise TypeError("the cross-file tables only grow between whole checks")

    def __iter__(self) -> Iterator[str]:
        stored = [key for (key,) in self._rows("SELECT id FROM entry WHERE kind = ?")]
        yield from stored
        known = set(stored)
        yield from (key for key in self.added if key not in known)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __reduce__(self) -> tuple[Any, ...]:  # to a build's worker processes: they open the file again
        return Table, (self.db, self.kind, self.added)


@dataclass
class Memo:
    salt: str  # code, vocabulary, ontology, shapes, curated aliases: what the tables and keys also depend on
    files: dict[str, FileRecord] = field(default_factory=dict)  # by label, in file order
    tables: Tables | None = None  # the last build's (None for a memo being made)
    mark: str = ""  # the tables' file holds the tables of the memo with this mark


def read(cache: Path, salt: str) -> Memo | None:
    """The last build's memo when it was made with the same salt (None otherwise)."""
    try:
        data = orjson.loads((cache / MEMO).read_bytes())
        if data.get("schema") != SCHEMA or data.get("salt") != salt:
            return None
        db = cache / TABLES
        con = _connect(db)
        row = con.execute("SELECT value FROM mark").fetchone()
        if row is None or row[0] != data["mark"]:
            con.close()
            return None  # the tables of another build (one stopped between the two writes)
        tables = Tables(Table(db, "entities", con=con), Table(db, "periods", con=con), dict(data["aliases"]),
                        Table(db, "defined_in", con=con), Table(db, "events", con=con))
        return Memo(salt, {label: FileRecord(*record) for label, record in data["files"]}, tables, data["mark"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError, sqlite3.Error):
        return None  # missing or damaged: the whole path writes it again


def write(cache: Path, memo: Memo, tables: Tables, last: Memo | None) -> None:
    """The tables first, then the files' records naming them by a new mark. Tables read from
    the last memo's file get their added entries inserted there; any others are written to a
    new file renamed into place. A build stopped in between leaves marks that differ: the next
    build takes the whole path."""
    cache.mkdir(parents=True, exist_ok=True)
    db = cache / TABLES
    try:
        mark = _write_tables(db, tables, last)
    except sqlite3.Error as exc:  # a full disk, a damaged file: a write error as any other (kg.pipeline)
        raise OSError(f"{db}: {exc}") from None
    text = json_bytes({"schema": SCHEMA, "salt": memo.salt, "mark": mark, "aliases": tables.aliases,
                       "files": [[label, list(vars(r).values())] for label, r in memo.files.items()]})
    tmp = cache / f".{MEMO}.tmp-{os.getpid()}"
    tmp.write_bytes(text)
    os.replace(tmp, cache / MEMO)


def forget(cache: Path) -> None:
    """No memo: the next build takes the whole path, and writes the tables' file anew."""
    (cache / MEMO).unlink(missing_ok=True)


def _write_tables(db: Path, tables: Tables, last: Memo | None) -> str:
    """The tables' file holding `tables`, and the mark it holds them under (the last one when
    they are the last tables, unchanged)."""
    kept = {kind: getattr(tables, kind) for kind in DECODE}
    mark = os.urandom(16).hex()
    if last is not None and all(isinstance(t, Table) and t.db == db for t in kept.values()):
        if not any(t.added for t in kept.values()):
            return last.mark
        con = _connect(db)
        try:
            with con:  # one transaction
                _insert(con, {kind: t.added for kind, t in kept.items()}, mark, "UPDATE mark SET value = ?")
        finally:
            con.close()
        return mark
    tmp = db.with_name(f".{db.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA journal_mode = OFF")  # a new file: renamed into place only once whole
        con.execute("CREATE TABLE entry (kind TEXT, id TEXT, value TEXT, PRIMARY KEY (kind, id)) WITHOUT ROWID")
        con.execute("CREATE TABLE mark (value TEXT)")
        _insert(con, kept, mark, "INSERT INTO mark VALUES (?)")
        con.commit()
    finally:
        con.close()
    os.replace(tmp, db)
    return mark


def _insert(con: sqlite3.Connection, tables: dict[str, MutableMapping[str, Any]], mark: str, set_mark: str) -> None:
    con.executemany("INSERT OR REPLACE INTO entry VALUES (?, ?, ?)",
                    ((kind, key, json_bytes(value).decode()) for kind, table in tables.items()
                     for key, value in table.items()))
    con.execute(set_mark, (mark,))


def _connect(db: Path) -> sqlite3.Connection:
    """An existing tables file (an error, not a new empty file, when it is missing)."""
    return sqlite3.connect(f"{db.resolve().as_uri()}?mode=rw", uri=True)


def unchanged(facts: list[tuple[str, str, str | OSError]], memo: Memo | None) -> dict[str, str]:
    """The facts files whose bytes are those the last build recorded, with their summaries'
    names, when no file of the last build is gone (else none: the whole corpus is checked
    again)."""
    if memo is None or not memo.files.keys() <= {label for _, label, _ in facts}:
        return {}  # a file removed: what it defined may be gone
    out = {}
    for _, label, sha in facts:
        record = memo.files.get(label)
        if record is not None and sha == record.sha:
            out[label] = record.summary
    return out


def tables_if_unchanged(entries: list[tuple[str, str, str, Summary | None]], memo: Memo | None) -> Tables | None:
    """The last build's cross-file tables when every changed file defines what it defined
    then, and every added file only adds ids or repeats what the tables say; the changed
    and added files' references are checked against them (all errors at once)."""
    if memo is None or memo.tables is None:
        return None
    changed = [s for _, _, _, s in entries if s is not None]
    tables = memo.tables
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
