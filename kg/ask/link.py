"""Entity linking: the one implementation of "match a name, then a surname, then the leading
part of a name", used by kg ask, kg show, kg leaders and name parameters of kg query.

Keys are kg's name normalisation (case, accents, punctuation ignored). The store's lookup-key
graphs answer with one index probe; a store loaded with a plain export has none, and then the
names themselves (rdfs:label, skos:altLabel, skos:hiddenLabel) are compared, same keys.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, NamedTuple

from pyoxigraph import DefaultGraph, Literal, NamedNode, Store

from kg import names
from kg import query as q
from kg.project import Project
from kg.vocab import KGO, RDF, RDFS

PERSON = frozenset({"Person"})
ORG = frozenset({"Organization", "ArmedGroup", "MilitaryCommand", "ArmedForce", "Coalition",
                 "NewsAgency", "GovernmentBody", "Court", "Country"})
PLACE = frozenset({"Country", "Region", "City", "Place", "Area"})
EVENT = frozenset({"MilitaryOperation", "Killing", "Capture", "Captivity", "Campaign", "Sentencing",
                   "Declaration"})
AGENT = PERSON | ORG
MATCHES = ("name", "surname", "prefix")  # tried in this order
SUGGEST_NODES = 1000  # the most nodes a word key may find to suggest names from


class Entity(NamedTuple):  # NamedTuple: immutable, and ten times cheaper to define than a dataclass
    """An entity of the graph that a name may denote."""

    iri: str
    label: str
    types: frozenset[str]  # local names of kgo classes

    def is_a(self, kinds: frozenset[str]) -> bool:
        return bool(self.types & kinds)


class Mention:
    """Words of the question that name entities of the graph (a plain class: a dataclass's
    generated methods cost every `kg ask` at start)."""

    __slots__ = ("text", "start", "end", "match", "entities")

    def __init__(self, text: str, start: int, end: int, match: str, entities: list[Entity]) -> None:
        self.text = text  # the words of the question
        self.start, self.end = start, end  # token positions [start, end)
        self.match = match  # name | surname | prefix
        self.entities = entities  # one when linked; several when the words are ambiguous

    @property
    def entity(self) -> Entity:
        return self.entities[0]


class Linker:
    def __init__(self, backend: q.Backend | Store, project: Project) -> None:
        self.backend, self.project = q.as_backend(backend), project
        self._indexed: bool | None = None
        self._cache: dict[str, tuple[str, list[Entity]]] = {}

    def _run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return q.run_query_text(self.backend, q.get_named(self.project, name), params).rows

    def described(self, occupation: str) -> list[dict[str, Any]]:
        """The people the sources describe with this occupation, with their nationality."""
        return self._run("described", occupation=Literal(occupation))

    def indexed(self) -> bool:
        """Whether the store holds kg's lookup keys (kg's own store and kg push do)."""
        if self._indexed is None:
            self._indexed = bool(self._run("has-index"))
        return self._indexed

    def find(self, text: str) -> tuple[str, list[Entity]]:
        """What a name denotes: (how it matched, the entities), the first kind of match that
        finds anything; ("", []) when nothing does."""
        key = names.normalize(text)
        if not key:
            return "", []
        if key not in self._cache:
            found = self._lookup(key)
            if found[0] == "name" and not any(e.is_a(PERSON) for e in found[1]):
                # a town and a man named after it: the question's family then picks by kind
                # ('when was X killed': the man), or asks which
                people = [e for e in self._lookup(key, ("surname",))[1] if e.is_a(PERSON)]
                found = ("name", found[1] + people)
            self._cache[key] = found if found[1] else self._first_and_surname(key)
            if not self._cache[key][1]:
                self._cache[key] = self._adjective_form(key)
        return self._cache[key]

    def _adjective_form(self, key: str) -> tuple[str, list[Entity]]:
        """A place's name where the graph's name has its adjective ('Germany's foreign office'
        for 'German foreign office', 'Italy's' for 'Italian'), or the adjective where it has
        the place's name: the first word's regular adjective endings, either way, and the
        country adjectives of kg's demonym table ('Lebanese' for 'Lebanon's'), each found only
        if some name of the graph has it."""
        first, _, rest = key.partition(" ")
        if not rest:
            return "", []
        forms = [f"{form} {rest}" for form in adjectives(first)] if len(first) >= 4 else []
        for form in dict.fromkeys(forms + demonym_forms(key)):
            found = self._lookup(form, ("name",))
            if found[1]:
                return "name", found[1]
        return "", []

    def _lookup(self, key: str, matches: tuple[str, ...] = MATCHES) -> tuple[str, list[Entity]]:
        """The first of these kinds of match that finds the key, by the fastest way the store allows."""
        if isinstance(self.backend, q.LocalStore) and self.indexed():
            return self._probe(self.backend.store, key, matches)
        if self.indexed():
            return self._by_index(key, matches)
        return self._by_labels(key, matches)

    def _first_and_surname(self, key: str) -> tuple[str, list[Entity]]:
        """A first name with a surname ('Hussein al-Houthi' for 'Hussein Badreddin al-Houthi'):
        the people both parts name, read as a leading part of a name."""
        words = key.split()
        for cut in range(1, len(words)):
            tail = self._iris(" ".join(words[cut:]))
            if tail[0] not in ("name", "surname"):
                continue
            head = self._iris(" ".join(words[:cut]))[1] or {e.iri: e for e in self.find(" ".join(words[:cut]))[1]}
            both = [e for e in (self._resolved(i, head[i]) for i in sorted(head.keys() & tail[1].keys()))
                    if e is not None and e.is_a(PERSON)]
            if both:
                return "prefix", both
        return "", []

    def _iris(self, key: str) -> tuple[str, dict[str, Entity | None]]:
        """How a key matched and the IRIs it finds; on the local store not yet resolved into
        entities (None): a first name alone finds 10,000 people at 12M triples, 3.5 s to resolve."""
        if isinstance(self.backend, q.LocalStore) and self.indexed():
            match, iris = _probe_iris(self.backend.store, key)
            return match, dict.fromkeys(iris)
        match, found = self.find(key)
        return match, {e.iri: e for e in found}

    def _resolved(self, iri: str, entity: Entity | None) -> Entity | None:
        if entity is None and isinstance(self.backend, q.LocalStore):
            return _entity(self.backend.store, iri)
        return entity

    def _probe(self, store: Store, key: str, matches: tuple[str, ...] = MATCHES) -> tuple[str, list[Entity]]:
        """The local store's indexes directly: microseconds, whatever the graph's size."""
        match, iris = _probe_iris(store, key, matches)
        return match, [e for e in (_entity(store, i) for i in sorted(iris)) if e]

    def _by_index(self, key: str, matches: tuple[str, ...] = MATCHES) -> tuple[str, list[Entity]]:
        rows = self._run("lookup", key=Literal(key))
        return _first_match(((r["match"].value, r["node"].value, r["label"].value, r["type"].value) for r in rows),
                            matches)

    def _by_labels(self, key: str, matches: tuple[str, ...] = MATCHES) -> tuple[str, list[Entity]]:
        """No lookup keys in the store: fetch the names that contain the key's longest word
        and compare them with kg's own keys."""
        word = max(key.split(), key=len)
        rows = self._run("lookup-labels", word=Literal(word))
        found = []
        for r in rows:
            name, iri, label, rdf_type = r["name"].value, r["node"].value, r["label"].value, r["type"].value
            person = rdf_type == KGO + "Person"
            for match, keys in (("name", names.keys(name)),
                                ("surname", names.surname_keys(name) if person else set()),
                                ("prefix", names.prefix_keys(name) if person else set())):
                if key in keys:
                    found.append((match, iri, label, rdf_type))
        return _first_match(found, matches)

    def _rarest(self, key: str, most: int = 2) -> list[str]:
        """The word keys of a name that find the fewest nodes (but some, and at most
        SUGGEST_NODES): a misspelling rarely hits the first letters of two words, and a rare
        word brings few names to compare. A word that thousands of names share ('operation'
        at 12M triples: 19,000) tells nothing, and would cost seconds."""
        counts = {}
        for start in sorted(names.word_keys(key)):
            rows = self._run("suggest-count", start=Literal(start))
            counts[start] = int(rows[0]["nodes"].value) if rows else 0
        telling = [s for s, n in counts.items() if 0 < n <= SUGGEST_NODES]
        return sorted(telling, key=lambda s: (counts[s], s))[:most]

    def _names_near(self, key: str) -> set[str]:
        """The names that share the first letters of the key's rarest words."""
        if self.indexed():  # index lookups (a scan of every name took 13 s at 12M triples)
            rows = [r for start in self._rarest(key) for r in self._run("suggest", start=Literal(start))]
        else:
            rows = self._run("lookup-labels", word=Literal(key[:3]))
        return {r["name"].value for r in rows}

    def shortened(self, text: str) -> list[Entity]:
        """The organisations and places one of whose names begins and ends with the text's
        first and last words and holds its other words in order, with more between ('Tarvan
        Brigade' for the Tarvan People's Brigade, 'Westgate mall' for the Westgate shopping
        mall). A person's name is left to the first-name-and-surname rule."""
        words = names.normalize(text).split()
        if len(words) < 2:
            return []
        found: dict[str, Entity] = {}
        for name in self._names_near(" ".join(words)):
            parts = names.normalize(name).split()
            if len(parts) > len(words) and parts[0] == words[0] and parts[-1] == words[-1] \
                    and _in_order(words, parts):
                found.update((e.iri, e) for e in self.find(name)[1] if e.is_a(ORG | PLACE) and not e.is_a(PERSON))
        return sorted(found.values(), key=lambda e: (e.label.casefold(), e.iri))

    def containing(self, text: str) -> list[Entity]:
        """The entities one of whose names holds every word of the text ('army': the National Army,
        a Liberation Army): what words no name of the graph is could mean."""
        key = names.normalize(text)
        if len(key) < 3:
            return []
        words, found = set(key.split()), dict[str, Entity]()
        for name in self._names_near(key):
            if words <= set(names.normalize(name).split()):
                found.update((e.iri, e) for e in self.find(name)[1])
        return sorted(found.values(), key=lambda e: (e.label.casefold(), e.iri))

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Names in the graph close to words that matched nothing ("Zarkawi" -> "Zarqawi")."""
        key = names.normalize(text)
        if len(key) < 3:
            return []
        candidates = self._names_near(key)
        import difflib

        words = set(key.split())

        def likeness(name: str) -> float:
            if words <= set(name.split()):
                return 1.0  # every word asked is a word of the name: a middle name, 'al-Y', 'X' of 'X region'
            return difflib.SequenceMatcher(None, key, name).ratio()

        scored = sorted(((likeness(names.normalize(c)), c) for c in candidates), reverse=True)
        best = scored[0][0] if scored else 0.0  # a near match is not crowded by names that only hold it
        return [c for score, c in scored[:limit] if score >= max(0.6, best - 0.1)]


# a place's name and its adjective: the ending dropped, and the ending added (-y to -, -y to
# -ian, + -n, + -i, + -ese, -a to -ese, -a to -)
ADJECTIVE_ENDINGS = (("y", ""), ("y", "ian"), ("", "n"), ("", "i"), ("", "ese"), ("a", "ese"), ("a", ""))


def _in_order(words: list[str], parts: list[str]) -> bool:
    """Whether the words stand in the parts in this order, others between them allowed."""
    rest = iter(parts)
    return all(any(w == p for p in rest) for w in words)


def adjectives(word: str) -> list[str]:
    """The regular adjectives of a place's name, and the names a regular adjective may be of
    (none is known to be a word until a name has it)."""
    made = [word[:len(word) - len(drop)] + add for drop, add in ADJECTIVE_ENDINGS if word.endswith(drop)]
    return made + [word[:len(word) - len(add)] + drop for drop, add in ADJECTIVE_ENDINGS
                   if add and word.endswith(add) and len(word) > len(add) + 2]


DEMONYMS = Path(__file__).resolve().parent.parent / "extract" / "data" / "demonyms.tsv"


@functools.cache
def _demonym_text() -> str:
    """The table kg extract reads, read once."""
    return DEMONYMS.read_text(encoding="utf-8")


@functools.cache
def _demonym_words() -> frozenset[str]:
    """Every word of the table, normalised: one pass over the file, so that a key whose first
    word is in no row costs a set lookup (a cold `kg ask` tries a few)."""
    return frozenset(names.words(_demonym_text()))


@functools.cache
def _demonyms() -> tuple[tuple[str, str], ...]:
    """(country, adjective), normalised."""
    rows = [line.split("\t") for line in _demonym_text().splitlines() if line.strip() and not line.startswith("#")]
    return tuple((names.normalize(country), names.normalize(adjective)) for country, adjective in rows)


def demonym_forms(key: str) -> list[str]:
    """The key with a leading country's name put as its adjective, or the adjective as the name."""
    if key.partition(" ")[0] not in _demonym_words():
        return []
    return [other + key[len(lead):] for country, adjective in _demonyms()
            for lead, other in ((country, adjective), (adjective, country)) if key.startswith(lead + " ")]


def _probe_iris(store: Store, key: str, matches: tuple[str, ...] = MATCHES) -> tuple[str, set[str]]:
    """The first kind of lookup key that finds the key, and the IRIs it finds (the default
    graph holds every key once; the article's own index graph again)."""
    term = Literal(key)
    for match in matches:
        prop = NamedNode(KGO + f"{'lookup' if match == 'name' else match}Key")
        iris = {x.subject.value for x in store.quads_for_pattern(None, prop, term, DefaultGraph())
                if isinstance(x.subject, NamedNode)}
        if iris:
            return match, iris
    return "", set()


def _entity(store: Store, iri: str) -> Entity | None:
    node = NamedNode(iri)
    types = {x.object.value for x in store.quads_for_pattern(node, NamedNode(RDF + "type"), None, None)
             if isinstance(x.object, NamedNode)}
    labels = sorted({x.object.value for x in store.quads_for_pattern(node, NamedNode(RDFS + "label"), None, None)
                     if isinstance(x.object, Literal)})
    return Entity(iri, labels[0], _local(types)) if labels else None


def _local(types: set[str]) -> frozenset[str]:
    return frozenset(t[len(KGO):] for t in types if t.startswith(KGO))


def _first_match(rows: Any, matches: tuple[str, ...] = MATCHES) -> tuple[str, list[Entity]]:
    """Group (match, iri, label, type) rows into entities; keep the best kind of match."""
    by_match: dict[str, dict[str, tuple[str, set[str]]]] = {}
    for match, iri, label, rdf_type in rows:
        label_now, types = by_match.setdefault(match, {}).setdefault(iri, (label, set()))
        types.add(rdf_type)
        by_match[match][iri] = (min(label_now, label), types)
    for match in matches:
        if match in by_match:
            return match, [Entity(iri, label, _local(types))
                           for iri, (label, types) in sorted(by_match[match].items())]
    return "", []


def resolve(backend: q.Backend | Store, project: Project, name: str) -> list[Entity]:
    """The entities a name (or alias, or surname, or first name) denotes, for --param values."""
    return Linker(backend, project).find(name)[1]
