"""The built graph on disk: Turtle and TriG files, and an indexed Oxigraph store for lookups.

Queries open the store read-only; they never parse Turtle or import rdflib or pySHACL.
The store directory is swapped in with an atomic symlink rename, so a reader sees the old
store or the new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Store, serialize

from kg.errors import NotBuiltError
from kg.files import atomic_write, locked
from kg.project import Project
from kg.vocab import PREFIXES

TURTLE = "kg.ttl"
TRIG = "kg.trig"
STORE = "store"
MANIFEST = "manifest.json"


def _sorted_prefixes(text: bytes) -> bytes:
    """Oxigraph writes @prefix lines in hash order; put them in name order for stable bytes."""
    lines = text.split(b"\n")
    head = [line for line in lines if line.startswith(b"@prefix ")]
    return b"\n".join(sorted(head) + lines[len(head):])


def turtle_bytes(quads: list[Quad]) -> bytes:
    """The union of all graphs as sorted, prefixed Turtle: byte-identical for the same input."""
    triples = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return _sorted_prefixes(serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES))


def trig_bytes(quads: list[Quad]) -> bytes:
    return _sorted_prefixes(serialize(quads, format=RdfFormat.TRIG, prefixes=PREFIXES))


def write(project: Project, quads: list[Quad], index: list[Quad], summary: dict) -> dict:
    """Write kg.ttl, kg.trig and the store; returns the manifest."""
    out = project.build
    with locked(out):
        ttl, trig = turtle_bytes(quads), trig_bytes(quads)
        digest = hashlib.sha256(trig).hexdigest()[:16]
        manifest = {**summary, "triples": len({q.triple for q in quads}), "quads": len(quads),
                    "sha256_trig": digest}
        target = out / f"store-{digest}"
        if not target.exists():
            tmp = out / f".store-{digest}.tmp-{os.getpid()}"
            shutil.rmtree(tmp, ignore_errors=True)
            store = Store(str(tmp))
            store.bulk_extend(quads + index)
            store.flush()
            del store
            os.replace(tmp, target)
        link_tmp = out / f".store-link-{os.getpid()}"
        if link_tmp.is_symlink():
            link_tmp.unlink()
        os.symlink(target.name, link_tmp)
        os.replace(link_tmp, out / STORE)
        atomic_write(out / TURTLE, ttl)
        atomic_write(out / TRIG, trig)
        atomic_write(out / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode() + b"\n")
        for old in out.glob("store-*"):
            if old.name != target.name:
                shutil.rmtree(old, ignore_errors=True)
    return manifest


def open_store(project: Project) -> Store:
    path = project.build / STORE
    if not path.exists():
        raise NotBuiltError(f"no built graph in {project.build} (run: kg build)")
    return Store.read_only(str(path.resolve()))


def built_file(project: Project, name: str = TURTLE) -> Path:
    path = project.build / name
    if not path.exists():
        raise NotBuiltError(f"no built graph in {project.build} (run: kg build)")
    return path
