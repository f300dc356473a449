"""Names to entity ids: the project's entities first (by name, alias, "al-" and surname), then
those drafted from this article. A later mention by surname ("Shekau") or acronym ("TTP") is
the entity named in full before; a name close to a known one but not equal is listed for
review, never merged."""

from __future__ import annotations

import difflib
import re
from typing import Any

from kg import names
from kg.extract.context import Context, Mention

Known = dict[str, tuple[str, str, list[str]]]  # entity id -> (type, name, other names)

PLACES = frozenset({"Country", "Region", "City", "Place"})


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", names.normalize(name).replace(" ", "-")).strip("-") or "entity"


class Linker:
    def __init__(self, ctx: Context, known: Known | None = None) -> None:
        self.ctx = ctx
        self.known = known or {}
        self.index: dict[str, str] = {}  # name key -> entity id
        self.surnames: dict[str, str] = {}  # a person's surname key -> entity id
        self.shared: set[str] = set()  # surname keys of two people or more
        for eid, (etype, name, others) in self.known.items():
            for n in [name, *others]:
                self._index(n, eid, etype)

    def _index(self, name: str, eid: str, etype: str) -> None:
        for key in names.keys(name):
            self.index.setdefault(key, eid)
        if etype == "Person":
            for key in names.surname_keys(name):
                if self.surnames.setdefault(key, eid) != eid:
                    self.shared.add(key)  # two people bear it: the surname alone names neither

    def type_of(self, eid: str) -> str | None:
        e = self.ctx.draft.entities.get(eid)
        return e["type"] if e else self.known.get(eid, (None,))[0]

    def find(self, name: str, surname: bool = True) -> str | None:
        """The entity a name stands for, if it was named before (or is known)."""
        keys = names.keys(name)
        for key in keys:
            if key in self.index:
                return self.index[key]
        if surname and len(name.split()) == 1:
            return next((self.surnames[k] for k in keys if k in self.surnames and k not in self.shared), None)
        return None

    def entity(self, name: str, etype: str, start: int, aliases: tuple[str, ...] = (),
               canonical: str | None = None) -> str | None:
        """The id for `name` (of type `etype`) mentioned at `start`: an existing entity of a
        compatible type, or a new drafted one. None when the name clashes with an entity of
        another kind (a country is never a person). A `canonical` name ("United States" for
        "U.S.") names a new entity, with the written name as alias."""
        eid = self.find(name, surname=etype == "Person") or (self.find(canonical) if canonical else None)
        if eid is None and (eid := self._short_name(name, etype)):
            self.alias(eid, name)  # "the Y Brigades" after "the X al-Y Brigades"
        if eid is not None:
            if not _compatible(self.type_of(eid) or etype, etype):
                return None
            self._mention(eid, name, start)
            for a in aliases:
                self.alias(eid, a)
            return eid
        eid = slug(canonical or name)
        if eid in self.known and not _compatible(self.known[eid][0], etype):
            return None
        if eid in self.ctx.draft.entities and not _compatible(self.ctx.draft.entities[eid]["type"], etype):
            return None
        self._review_near(name, eid)
        self._index(name, eid, etype)
        self._mention(eid, name, start, etype)
        entity = self.ctx.draft.entities.get(eid)
        if canonical and entity is not None and entity["name"] == name:
            entity.update(name=canonical, inferred={"name": f"'{name}' stands for {canonical}"})
            self.alias(eid, name)
            self._index(canonical, eid, etype)
        for a in aliases:
            self.alias(eid, a)
        return eid

    def _short_name(self, name: str, etype: str) -> str | None:
        """The one organisation drafted before whose full name ends with this shorter one."""
        if etype == "Person" or etype in PLACES or len(name.split()) < 2:
            return None
        key = f" {names.normalize(name)}"
        found = {eid for eid, e in self.ctx.draft.entities.items() if e["type"] == etype
                 and f" {names.normalize(e['name'])}".endswith(key) and names.normalize(e["name"]) != key.strip()}
        return found.pop() if len(found) == 1 else None

    def alias(self, eid: str, alias: str) -> None:
        e = self.ctx.draft.entities.get(eid)
        if e is not None and names.normalize(alias) != names.normalize(e["name"]):
            known_names = [e["name"], *e.get("aliases", [])]
            if not any(names.normalize(alias) == names.normalize(n) for n in known_names):
                e.setdefault("aliases", []).append(alias)
                quotes = e["quote"] if isinstance(e["quote"], list) else [e["quote"]]
                if alias in self.ctx.text and not any(f" {names.normalize(alias)} " in f" {names.normalize(q)} "
                                                      for q in quotes):
                    e["quote"] = [*quotes, alias]  # every name of an entity stands in its quotes
        self._index(alias, eid, self.type_of(eid) or "")

    def merge(self, keep: str, drop: str) -> None:
        """Two drafted organisations that are one: `drop`'s names become `keep`'s aliases, its
        mentions `keep`'s, and the more specific type (an armed group) is kept."""
        entities = self.ctx.draft.entities
        gone = entities.pop(drop)
        for n in [gone["name"], *gone.get("aliases", [])]:
            self.alias(keep, n)
        for key, eid in list(self.index.items()):
            if eid == drop:
                self.index[key] = keep
        if gone["type"] == "ArmedGroup":
            entities[keep]["type"] = "ArmedGroup"
        etype = entities[keep]["type"]
        self.ctx.mentions = [Mention(m.start, m.end, keep, etype) if m.eid in (keep, drop) else m
                             for m in self.ctx.mentions]

    def _mention(self, eid: str, name: str, start: int, etype: str | None = None) -> None:
        end = start + len(name)
        if self.ctx.text[start:end] != name:
            return
        etype = self.type_of(eid) or etype or "Organization"
        self.ctx.add_mention(start, end, eid, etype)
        if eid in self.known:
            self.ctx.draft.known.add(eid)
        if eid not in self.ctx.draft.entities:
            item: dict[str, Any] = {"id": eid, "type": etype, "name": self.known[eid][1] if eid in self.known else name,
                                    "quote": name, "offsets": f"{start}-{end}", "draft": True}
            if eid in self.known and names.normalize(item["name"]) != names.normalize(name):
                item["aliases"] = [name]
                item["inferred"] = {"name": f"the project's name for {name}"}
            self.ctx.draft.entities[eid] = item

    def _review_near(self, name: str, eid: str) -> None:
        key = names.normalize(name)
        close = difflib.get_close_matches(key, [k for k, v in self.index.items() if v in self.known], n=1, cutoff=0.88)
        if close and self.index[close[0]] != eid:
            self.ctx.draft.review.append(
                f"'{name}' looks like known entity '{self.index[close[0]]}': "
                "merge by using that id, or keep them apart")

    def link_known(self) -> None:
        """Mention every name of a known entity that stands in the text."""
        for eid, (_, name, others) in self.known.items():
            for n in sorted({name, *others}, key=len, reverse=True):
                if len(n) < 3:
                    continue
                for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w-])", self.ctx.text):
                    if not self.ctx.mention_at(m.start()):
                        self._mention(eid, n, m.start())


def _compatible(a: str, b: str) -> bool:
    """Types that may name the same entity: people only with people, places with places."""
    if "Person" in (a, b):
        return a == b
    return (a in PLACES) == (b in PLACES)
