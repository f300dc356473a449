"""The graphs beside the articles': the ontology and vocabulary, the curated aliases and their
lookup keys. What a build needs of them (their digests, their triple count and the head that
kg.ttl and kg.trig begin with) is kept in the build cache under a digest of what they are made
of, so that a build whose ontology and aliases did not change neither parses the ontology nor
serialises it (60 ms of every build); their quads are made only when the store loads them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from pyoxigraph import Quad, RdfFormat

from kg.build import curation_quads, index_quads, ontology_quads, quad_key
from kg.chunks import digest
from kg.corpus import Tables
from kg.files import atomic_write
from kg.project import Project
from kg.store import PREFIXES, TRIG, TURTLE, body, header, rdf_bytes, trig_bytes, triple_key

RECORD = "extras.json"  # in the build cache; the build's clean-up keeps files that are not a chunk's


@dataclass
class Extras:
    """The extra graphs of one build."""

    key: str  # what they are made of: kg's code, the ontology and shapes, the curated aliases
    triples: int  # distinct triples (what kg.ttl holds of them)
    digest: str  # of their sorted TriG (the head of kg.trig): part of the generation's digest
    stored: str  # of the same with their lookup keys: whether the store must load them again
    heads: dict[str, bytes]  # kg.ttl and kg.trig begin with these
    project: Project
    tables: Tables
    made: tuple[list[Quad], list[Quad]] | None = field(default=None, repr=False)

    def quads(self) -> tuple[list[Quad], list[Quad]]:
        """The extra graphs' quads, and the lookup keys of the curated aliases."""
        if self.made is None:
            self.made = _quads(self.project, self.tables)
        return self.made


def extras(project: Project, tables: Tables, env: str, cache: Path) -> Extras:
    """The extra graphs for these tables; `env`: kg's code, the ontology and shapes (their
    bytes), as kg.pipeline digests them for every chunk."""
    key = digest("extras", env, rdf_bytes(curation_quads(tables), RdfFormat.N_QUADS))
    try:
        record = orjson.loads((cache / RECORD).read_bytes())
        if record["key"] == key:
            return Extras(key, int(record["triples"]), str(record["digest"]), str(record["stored"]),
                          {name: str(record["heads"][name]).encode() for name in (TURTLE, TRIG)}, project, tables)
    except (OSError, ValueError, TypeError, KeyError):
        pass  # missing or damaged: made again
    made = _quads(project, tables)
    quads, index = made
    ordered = sorted(quads, key=quad_key)
    heads = {TURTLE: header() + body(rdf_bytes(sorted({q.triple for q in ordered}, key=triple_key),
                                               RdfFormat.TURTLE, PREFIXES)),
             TRIG: header() + body(rdf_bytes(ordered, RdfFormat.TRIG, PREFIXES))}
    found = Extras(key, len({q.triple for q in quads}), _sha(heads[TRIG]),  # the TriG head is their sorted TriG
                   _sha(trig_bytes(sorted(quads + index, key=quad_key))), heads, project, tables, made)
    cache.mkdir(parents=True, exist_ok=True)
    atomic_write(cache / RECORD, orjson.dumps({"key": key, "triples": found.triples, "digest": found.digest,
                                               "stored": found.stored,
                                               "heads": {n: h.decode() for n, h in found.heads.items()}}))
    return found


def _quads(project: Project, tables: Tables) -> tuple[list[Quad], list[Quad]]:
    curation = curation_quads(tables)
    return curation + ontology_quads(project), index_quads(curation, "curated-aliases")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]
