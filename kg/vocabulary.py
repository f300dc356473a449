"""The one vocabulary (ontology/vocabulary.ttl): measures, roles, certainties, bounds, vague
amounts and family relations, with the words sources and questions use for them.

Read with pyoxigraph (no rdflib, no YAML), so `kg ask` can use it; the facts loader, the
builder, the question parser, the drafter and the answer wording all take their tables from
here. A project may override the file like any other ontology file.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any, NamedTuple

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from kg.errors import LocatedError
from kg.files import atomic_write
from kg.names import normalize
from kg.project import Project, shipped_dir
from kg.vocab import KGO, RDF, SKOS

SCHEMES = {  # attribute -> the class of its concepts
    "measures": "Measure", "roles": "Role", "certainties": "Certainty", "bounds": "Bound",
    "quantities": "Quantity", "kinships": "Kinship",
}
REQUIRED = {"roles": ("leader", "founder")}  # concepts kg's questions name ("who led X", "who founded X")


class Concept(NamedTuple):  # NamedTuple: immutable, and ten times cheaper to define than a dataclass
    """One concept of a controlled vocabulary (a measure, a role)."""

    notation: str  # the value written in facts files
    iri: str
    pref: str  # how kg names it
    alt: tuple[str, ...] = ()  # other names
    hidden: tuple[str, ...] = ()  # search words: verb forms, hedge and bound phrases
    definition: str = ""
    kind: str = ""  # a measure's kind: the local name of its kgo:MeasureKind
    related: tuple[str, ...] = ()  # notations of related concepts
    broader: tuple[str, ...] = ()  # notations of broader concepts (a ruler is a leader)
    keys: tuple[str, ...] = ()  # every phrasing normalised (kg.names), as questions are matched

    @property
    def words(self) -> tuple[str, ...]:
        """Every phrasing: the name, other names and search words."""
        return (self.pref, *self.alt, *self.hidden)


class Vocabulary(NamedTuple):
    """The project's controlled vocabularies, by scheme."""

    measures: dict[str, Concept]
    roles: dict[str, Concept]
    certainties: dict[str, Concept]
    bounds: dict[str, Concept]
    quantities: dict[str, Concept]
    kinships: dict[str, Concept]

    def by_iri(self, iri: str) -> Concept | None:
        for table in (self.measures, self.roles, self.certainties, self.bounds, self.quantities,
                      self.kinships):
            for concept in table.values():
                if concept.iri == iri:
                    return concept
        return None


_LOADED: dict[tuple[str, int, int], Vocabulary] = {}
# In build/cache/: the tables as the last build read them, with the file's stamp. In marshal's
# format, as Python caches compiled modules: `kg ask` reads it at every start, and importing a
# JSON library cost more than reading it. A record of another Python is not used.
RECORD = "vocabulary.marshal"
_FIELDS = list(Concept._fields)


def path_of(project: Project | None) -> Path:
    return project.resource("ontology", "vocabulary.ttl") if project else \
        shipped_dir("ontology") / "vocabulary.ttl"


def load(project: Project | None = None) -> Vocabulary:
    """The project's vocabulary (or the shipped one), parsed once per file version: from the
    last build's record when the file is the one it read (a cold `kg ask` saves parsing it)."""
    path, key = _key(project)
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = _recorded(project, key) or _read(path)
    return _LOADED[key]


def keep(project: Project) -> None:
    """Record the tables in build/cache/ for later commands, unless the record is current
    (the build calls this; readers never write)."""
    _, key = _key(project)
    if _recorded(project, key) is None:
        vocab = load(project)
        tables = {name: [list(c) for c in getattr(vocab, name).values()] for name in SCHEMES}
        data = {"key": list(key), "code": _code(), "fields": _FIELDS, "tables": tables,
                "python": list(sys.version_info[:3])}
        atomic_write(project.build / "cache" / RECORD, marshal.dumps(data))


def _key(project: Project | None) -> tuple[Path, tuple[str, int, int]]:
    path = path_of(project)
    try:
        stat = path.stat()
    except OSError as exc:
        raise LocatedError(str(path), f"cannot read the vocabulary: {exc.strerror}") from None
    return path, (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def _recorded(project: Project | None, key: tuple[str, int, int]) -> Vocabulary | None:
    """The recorded tables when this code read them from this version of the file (None
    when there is no record, it is of another file or code, or it is damaged)."""
    if project is None:
        return None
    try:
        data = marshal.loads((project.build / "cache" / RECORD).read_bytes())
        if data["python"] != list(sys.version_info[:3]) or data["key"] != list(key) \
                or data["code"] != _code() or data["fields"] != _FIELDS:
            return None
        return Vocabulary(**{name: {row[0]: _concept(row) for row in data["tables"][name]} for name in SCHEMES})
    except (OSError, ValueError, EOFError, KeyError, TypeError, IndexError):
        return None


def _code() -> list[int]:
    """The stamp of this module, which makes the tables: a record of other code is not used."""
    stat = Path(__file__).stat()
    return [stat.st_mtime_ns, stat.st_size]


def _concept(row: list) -> Concept:
    values: dict[str, Any] = {f: tuple(v) if isinstance(v, list) else v for f, v in zip(_FIELDS, row, strict=True)}
    return Concept(**values)


def _read(path: Path) -> Vocabulary:
    try:
        triples = list(parse(path=str(path), format=RdfFormat.TURTLE))
    except (SyntaxError, OSError) as exc:
        raise LocatedError(str(path), f"the vocabulary is not valid Turtle: {exc}") from None
    props: dict[str, dict[str, list[str]]] = {}
    for t in triples:
        if isinstance(t.subject, NamedNode):
            value = t.object.value if isinstance(t.object, (Literal, NamedNode)) else ""
            props.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(value)
    notation = {iri: p[SKOS + "notation"][0] for iri, p in props.items() if SKOS + "notation" in p}
    tables: dict[str, dict[str, Concept]] = {name: {} for name in SCHEMES}
    for iri, p in sorted(props.items()):
        for name, cls in SCHEMES.items():
            if KGO + cls in p.get(RDF + "type", []):
                if iri not in notation:
                    raise LocatedError(str(path), f"<{iri}> is a kgo:{cls} without a skos:notation")
                kind = p.get(KGO + "measureKind", [""])[0].removeprefix(KGO)
                concept = Concept(
                    notation[iri], iri, (p.get(SKOS + "prefLabel") or [notation[iri]])[0],
                    tuple(p.get(SKOS + "altLabel", [])), tuple(p.get(SKOS + "hiddenLabel", [])),
                    (p.get(SKOS + "definition") or [""])[0], kind,
                    tuple(sorted(notation[r] for r in p.get(SKOS + "related", []) if r in notation)),
                    tuple(sorted(notation[r] for r in p.get(SKOS + "broader", []) if r in notation)))
                tables[name][notation[iri]] = concept._replace(keys=tuple(normalize(w) for w in concept.words))
    for name, wanted in REQUIRED.items():
        missing = [w for w in wanted if w not in tables[name]]
        if missing:
            raise LocatedError(str(path), f"lacks the {name[:-1]} '{missing[0]}' that kg reads (a kgo:{SCHEMES[name]} "
                               f"with skos:notation \"{missing[0]}\"); start from the shipped ontology/vocabulary.ttl")
    return Vocabulary(**tables)
