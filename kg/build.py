"""Facts -> RDF: one named graph per article, every fact and entity with its evidence.

People, organisations, places and events are world nodes: one IRI however many articles
report them, each article's graph holding what it states about them. Claims of one source
(leadership terms, figures, statements) are nodes of their own per article. Literals are
typed by the kind of their field, never by how their text looks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg import labels, names, support
from kg.corpus import Tables
from kg.errors import LocatedError, LocatedErrors
from kg.facts import ENTITY_TYPES, EVENT_TYPES, FACT_FIELDS, Date, Duration, FactsFile, Item, Quote
from kg.files import inside, not_a_file, utf8_name
from kg.project import Project
from kg.text import Article, Segment, Span
from kg.vocab import (
    CURATION_GRAPH,
    ID,
    INDEX_GRAPH,
    KGO,
    OA,
    ONTOLOGY,
    ORG,
    PROV,
    QB,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    TIME,
    XSD,
    entity_path,
)
from kg.vocabulary import SCHEMES, Vocabulary

A = NamedNode(RDF + "type")
LABEL = NamedNode(RDFS + "label")

FACT_CLASS = {
    "leadership": "LeadershipTerm", "description": "Description", "operation": "MilitaryOperation",
    "killing": "Killing", "capture": "Capture", "captivity": "Captivity", "campaign": "Campaign",
    "sentencing": "Sentencing", "declaration": "Declaration", "statement": "Statement",
    "statistic": "Statistic", "projection": "Projection", "partnership": "Partnership",
    "causation": "Causation", "kinship": "FamilyRelation", "headline_claim": "HeadlineClaim",
}
# YAML field -> ontology property, for fields written as they are.
PROPERTY = {
    "person": "holder", "organization": "organization", "ordinal": "ordinal", "replaces": "replaces",
    "replaced_by": "replacedBy", "start": "startDate", "end": "endDate", "date": "date",
    "ended_by": "endedBy", "subject": "subject", "age": "age", "nationality": "nationality",
    "occupation": "occupation", "title": "title", "conducted_by": "conductedBy",
    "participants": "participant", "target": "target", "place": "place",
    "named_in_honour_of": "namedInHonourOf", "victim": "victim", "perpetrator": "perpetrator",
    "part_of": "partOf", "speaker": "speaker", "speaker_role": "speakerRole",
    "text": "text", "value": "value", "min": "minValue", "max": "maxValue", "wording": "wording",
    "period": "period", "compared_to": "comparedTo", "factor": "factor", "partners": "partner",
    "context": "context", "about": "about", "claimant": "claimant", "reported_by": "reportedBy",
    "stated_on": "statedOn", "reason": "reason", "defendant": "victim", "by": "conductedBy",
    "penalty": "penalty", "what": "declared", "cause": "cause", "effect": "effect",
    "relative": "relative", "denies": "denies",
}
# Fields whose values are ids of entities, periods or facts.
REF_FIELDS = {
    "person", "organization", "replaces", "replaced_by", "ended_by", "subject", "conducted_by",
    "participants", "target", "place", "named_in_honour_of", "victim", "perpetrator", "part_of",
    "speaker", "period", "compared_to", "partners", "context", "about", "claimant", "reported_by",
    "defendant", "by", "cause", "effect", "relative", "denies",
}
ENUM_FIELDS = {"role": ("roles", "role"), "measure": ("measures", "measure"), "bound": ("bounds", "bound"),
               "quantity": ("quantities", "quantity"), "relation": ("kinships", "relation")}
# Figures cover one area: a place, or several taken together (kgo:Area).
AREA_TYPES = {"statistic", "projection"}
INSTANT = {"gYear": "inXSDgYear", "gYearMonth": "inXSDgYearMonth", "date": "inXSDDate"}


def kgo(name: str) -> NamedNode:
    return NamedNode(KGO + name)


def node(path: str) -> NamedNode:
    return NamedNode(ID + path)


def lit(value: Any) -> Literal:
    """A typed literal for a loaded value: the loader's types say what each field holds."""
    if isinstance(value, Date):
        return Literal(value.text, datatype=NamedNode(XSD + value.kind))
    if isinstance(value, bool):
        raise TypeError("no booleans in kg data")
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, Decimal):
        return Literal(format(value.normalize(), "f"), datatype=NamedNode(XSD + "decimal"))
    return Literal(str(value))


def event_key(f: Item) -> str | None:
    """The world-event key of an event fact: the same event in two articles is one node."""
    if f.type not in EVENT_TYPES:
        return None
    if f.get("event"):
        return str(f.get("event"))
    year = (f.get("date") or f.get("start"))
    if f.type == "killing":
        return f"killing-of-{f.get('victim')}"
    if f.type in ("capture", "captivity", "sentencing"):
        who = f.get("victim") or f.get("defendant")
        return f"{f.type}-of-{who}" + (f"-{year.year}" if year else "")
    if f.type == "operation" and f.get("name"):
        return names.slug(str(f.get("name")))
    return f"{f.article}.{f.id}"


@dataclass
class BuiltGraph:
    quads: list[Quad]  # data, curation and ontology graphs: what is exported
    index: list[Quad]  # lookup keys for the store
    articles: int
    facts: int


def fact_node(article: str, f: Item) -> NamedNode:
    key = event_key(f)
    return node(f"event/{key}") if key else node(f"fact/{article}.{f.id}")


def locations(ff: FactsFile) -> dict[str, str]:
    """The node of each item of a facts file -> 'file:line', to say where a finding comes from."""
    out = {fact_node(ff.article.id, f).value: f"{ff.label}:{f.loc.line}" for f in ff.facts}
    out.update({node(entity_path(e.type, e.id)).value: f"{ff.label}:{e.loc.line}" for e in ff.entities})
    out.update({node(f"period/{p.id}").value: f"{ff.label}:{p.loc.line}" for p in ff.periods})
    return out


class _ArticleGraph:
    """Writes one article's named graph."""

    def __init__(self, ff: FactsFile, text: Article, tables: Tables, vocabulary: Vocabulary) -> None:
        self.ff, self.text, self.tables, self.vocabulary = ff, text, tables, vocabulary
        self.article = node(f"source/{ff.article.id}")
        self.quads: list[Quad] = []
        self.facts = {f.id: f for f in ff.facts}
        self.errors: list[LocatedError] = []

    def add(self, s: NamedNode, p: NamedNode, o: Any) -> None:
        self.quads.append(Quad(s, p, o if isinstance(o, (NamedNode, Literal)) else lit(o), self.article))

    def ref(self, value: str, kind: str = "ref") -> NamedNode:
        """The node an id names, looked up among what its field's kind allows (kg.facts): one
        id may name a fact of this file and an entity or a period without them being mixed up."""
        base = kind.partition(":")[0]
        if base == "fact":
            return self.fact_iri(self.facts[value])
        if base == "period":
            return node(f"period/{value}")
        entity = self.tables.entities[value]
        return node(entity_path(entity.type, value))

    def fact_iri(self, f: Item) -> NamedNode:
        return fact_node(self.ff.article.id, f)

    def name(self, ref: Any, kind: str = "ref") -> str:
        """The name of what an id names, looked up by its field's kind like ref()."""
        ref, base = str(ref), kind.partition(":")[0]
        if base == "fact":
            fact = self.facts.get(ref)
            return labels.label(fact, self.name, self.vocabulary) if fact else ref
        found = (self.tables.periods if base == "period" else self.tables.entities).get(ref)
        return found.name if found else ref

    def evidence_iri(self, subject: NamedNode, k: int) -> NamedNode:
        """evidence/ARTICLE.FACT.K for facts, evidence/ARTICLE.KIND.ID.K for other nodes."""
        kind, _, local = subject.value[len(ID):].partition("/")
        base = local if kind == "fact" else f"{self.ff.article.id}.{kind}.{local}"
        return node(f"evidence/{base}.{k}")

    def voice(self, said_by: str, span: Span, quote: Quote) -> NamedNode | None:
        if said_by == "headline":
            if span.segment.kind != "headline":
                self.errors.append(LocatedError(self.ff.label, "said_by: headline, but the quote is not "
                                                "in a headline of the article", quote.loc.line,
                                                quote.loc.column, "said_by"))
                return None
            return node(f"voice/{self.ff.article.id}.headline-{span.segment.number}")
        if said_by == "article":
            return node(f"voice/{self.ff.article.id}")
        return self.ref(said_by)

    def evidence(self, subject: NamedNode, item: Item, said_by: str) -> None:
        certainty, hedge = item.get("certainty", "stated"), item.get("hedge")
        for k, quote in enumerate(item.quotes, start=1):
            span = self.text.locate(quote.text, quote.sentence, quote.offset)
            if span is None:
                where = (f"at offset {quote.offset} of" if quote.offset is not None
                         else f"in sentence {quote.sentence} of" if quote.sentence else "in")
                self.errors.append(LocatedError(
                    self.ff.label, f"quote not found {where} {self.ff.article.get('file')}: \"{quote.text}\"; "
                    f"nearest passage: \"{self.text.nearest(quote.text)}\"", quote.loc.line, quote.loc.column,
                    "quote"))
                continue
            voice = self.voice(quote.said_by or said_by, span, quote)
            if voice is None:
                continue
            ev = self.evidence_iri(subject, k)
            qsel, psel = NamedNode(ev.value + ".quote"), NamedNode(ev.value + ".position")
            hedged = not hedge or hedge.lower() in quote.text.lower()
            self.add(subject, kgo("evidence"), ev)
            self.add(ev, A, kgo("Evidence"))
            self.add(ev, NamedNode(OA + "hasSource"), self.article)
            self.add(ev, NamedNode(PROV + "wasQuotedFrom"), self.article)
            self.add(ev, NamedNode(PROV + "wasAttributedTo"), voice)
            word = certainty if hedged else "stated"
            self.add(ev, kgo("certainty"), NamedNode(self.vocabulary.certainties[word].iri))
            if hedge and hedged:
                self.add(ev, kgo("hedge"), hedge)
            self.add(ev, kgo(span.segment.kind), span.segment.number)
            self.add(ev, NamedNode(OA + "hasSelector"), qsel)
            self.add(ev, NamedNode(OA + "hasSelector"), psel)
            self.add(qsel, A, NamedNode(OA + "TextQuoteSelector"))
            self.add(qsel, NamedNode(OA + "exact"), span.exact)
            self.add(qsel, NamedNode(OA + "prefix"), span.prefix)
            self.add(qsel, NamedNode(OA + "suffix"), span.suffix)
            self.add(psel, A, NamedNode(OA + "TextPositionSelector"))
            self.add(psel, NamedNode(OA + "start"), span.start)
            self.add(psel, NamedNode(OA + "end"), span.end)

    def write(self) -> None:
        a = self.ff.article
        self.add(self.article, A, kgo("Article"))
        self.add(self.article, LABEL, a.get("title") or a.id)
        self.add(self.article, kgo("text"), self.text.text)
        self.add(self.article, kgo("file"), a.get("file"))
        if a.get("published"):
            self.add(self.article, NamedNode(SCHEMA + "datePublished"), a.get("published"))
        if a.get("url"):
            self.add(self.article, NamedNode(SCHEMA + "url"), a.get("url"))
        if a.get("as_of"):
            self.add(self.article, kgo("asOf"), a.get("as_of"))
            said = a.get("as_of_quote")
            # "now" answers are as of this date: a quote that names years must name its year ("on
            # Saturday", "ten years after" date it relatively, from the article's own date)
            if said and support.YEAR_IN.search(str(said)) and not support.year_in(a.get("as_of"), str(said)):
                loc = a.where("as_of")
                self.errors.append(LocatedError(self.ff.label, f"'{a.get('as_of').text}' is not in as_of_quote "
                                                f"({str(said)!r}): the quote must state its year", loc.line,
                                                loc.column, "article.as_of"))
            if said:
                self.evidence(self.article, Item("article", a.id, "article", {},
                              [Quote(str(a.get("as_of_quote")), None, a.where("as_of_quote"))], a.loc), "article")
        voice = node(f"voice/{a.id}")
        self.add(voice, A, kgo("ArticleVoice"))
        self.add(voice, LABEL, f"{a.get('title') or a.id} (the article's own words)")
        for seg in self.text.segments:
            if seg.kind == "headline":
                h = node(f"voice/{a.id}.headline-{seg.number}")
                words = self.text.text[seg.start:seg.end]
                self.add(h, A, kgo("HeadlineVoice"))
                self.add(h, LABEL, f"related headline in {a.id}: {words}")
                self.add(h, kgo("text"), words)
                self.add(h, NamedNode("http://purl.org/dc/terms/isPartOf"), self.article)
        self._check_event_keys()
        self.errors += support.check([*self.ff.entities, *self.ff.periods, *self.ff.facts],
                                     self.tables, self.vocabulary, self.ff.label)
        for e in self.ff.entities:
            self.write_entity(e)
        for p in self.ff.periods:
            self.write_period(p)
        for f in self.ff.facts:
            self.write_fact(f)
        if self.errors:
            raise LocatedErrors(self.errors)

    def _check_event_keys(self) -> None:
        seen: dict[str, Item] = {}
        for f in self.ff.facts:
            key = event_key(f)
            if key and key in seen:
                loc = f.where("id")
                self.errors.append(LocatedError(
                    self.ff.label, f"'{f.id}' is the same event as '{seen[key].id}' ({key}): state it once, "
                    "with several quotes, or give each its own event: key", loc.line, loc.column, "id"))
            elif key:
                seen[key] = f

    def write_entity(self, e: Item) -> None:
        s = node(entity_path(e.type, e.id))
        self.add(s, A, kgo(e.type))
        self.add(s, LABEL, e.get("name"))
        for alias in e.get("aliases", []):
            self.add(s, NamedNode(SKOS + "altLabel"), str(alias))
        self.add(s, kgo("statedIn"), self.article)
        self.inferred(s, e)
        self.evidence(s, e, "article")

    def write_period(self, p: Item) -> None:
        s = node(f"period/{p.id}")
        self.add(s, A, kgo("Period"))
        self.add(s, LABEL, p.get("name"))
        self.add(s, kgo("startDate"), p.get("start"))
        self.add(s, kgo("endDate"), p.get("end"))
        self.interval(s, p.get("start"), p.get("end"))
        self.inferred(s, p)
        self.evidence(s, p, "article")

    def interval(self, s: NamedNode, start: Date | None, end: Date | None) -> None:
        """OWL-Time beginning and end instants, at the precision the source gives."""
        for prop, date in (("hasBeginning", start), ("hasEnd", end)):
            if date is not None:
                instant = NamedNode(f"{s.value}.{'start' if prop == 'hasBeginning' else 'end'}")
                self.add(s, NamedNode(TIME + prop), instant)
                self.add(instant, A, NamedNode(TIME + "Instant"))
                self.add(instant, NamedNode(TIME + INSTANT[date.kind]), date)

    def duration(self, s: NamedNode, value: Duration) -> None:
        """How long, as an OWL-Time duration description (time:years 2): every store reads
        numbers, where xsd:duration literals are not portable (some return seconds)."""
        description = NamedNode(f"{s.value}.duration.{self.ff.article.id}")
        self.add(s, kgo("duration"), description)
        self.add(description, A, NamedNode(TIME + "DurationDescription"))
        for unit, number in value.parts().items():
            self.add(description, NamedNode(TIME + unit), Literal(str(number), datatype=NamedNode(XSD + "decimal")))

    def inferred(self, s: NamedNode, item: Item) -> None:
        for name, why in sorted(item.inferred.items()):
            self.add(s, kgo("inferred"), f"{name}: {why}")

    def observation(self, s: NamedNode, of_operation: bool) -> None:
        """A figure as a Data Cube observation in its article's data set. A figure counting one
        operation's results is in a data set of its own whose structure has the operation as a
        dimension: two operations' figures that agree on every other dimension stay two."""
        article, kind = self.ff.article.id, "of operations " if of_operation else ""
        dataset = node(f"dataset/{article}" + (".operations" if of_operation else ""))
        structure = "OperationStatisticsStructure" if of_operation else "StatisticsStructure"
        self.add(s, A, NamedNode(QB + "Observation"))
        self.add(s, NamedNode(QB + "dataSet"), dataset)
        self.add(dataset, A, NamedNode(QB + "DataSet"))
        self.add(dataset, NamedNode(QB + "structure"), kgo(structure))
        self.add(dataset, LABEL, f"figures {kind}stated in {article}")

    def write_fact(self, f: Item) -> None:
        s = self.fact_iri(f)
        self.add(s, A, kgo(FACT_CLASS[f.type]))
        self.add(s, kgo("statedIn"), self.article)
        self.add(s, LABEL, labels.label(f, self.name, self.vocabulary))
        for name, value in f.fields.items():
            if name in ("said_by", "certainty", "hedge", "sentence", "event"):
                continue
            if name in ENUM_FIELDS:
                table, local = ENUM_FIELDS[name]
                self.add(s, kgo(local), NamedNode(getattr(self.vocabulary, table)[str(value)].iri))
            elif name == "status":
                self.add(s, kgo("reportStatus"), kgo("NotReleased"))
            elif name == "name":
                continue  # an operation's name is its label
            elif name == "duration":
                self.duration(s, value)
            elif name == "place" and f.type in AREA_TYPES:
                self.add(s, kgo("area"), self.area(value))
            elif name == "part_of" and f.type == "statistic":
                self.add(s, kgo("breakdownOf"), self.ref(str(value), "fact"))
            elif name == "person" and f.type == "kinship":
                self.add(s, kgo("person"), self.ref(str(value)))
            else:
                prop, kind = kgo(PROPERTY[name]), FACT_FIELDS[f.type].get(name, "ref")
                for v in value if isinstance(value, list) else [value]:
                    self.add(s, prop, self.ref(str(v), kind) if name in REF_FIELDS else v)
        if f.type in AREA_TYPES and "reported_by" not in f.fields:
            self.add(s, kgo("reportedBy"), node(f"voice/{self.ff.article.id}"))  # the article's own figure
        if f.type == "statistic" and "value" in f.fields and "place" in f.fields:  # every dimension given
            self.observation(s, "context" in f.fields)
        if f.type == "leadership":
            during = NamedNode(s.value + ".during")
            self.add(s, NamedNode(ORG + "memberDuring"), during)
            self.add(during, A, NamedNode(TIME + "Interval"))
            self.interval(during, f.get("start"), f.get("end"))
        if f.type == "statement" and "text" not in f.fields:
            self.add(s, kgo("text"), f.quotes[0].text)
        self.inferred(s, f)
        self.evidence(s, f, str(f.get("said_by")))

    def area(self, places: list[Any]) -> NamedNode:
        """One place, or an Area node for several taken together (same IRI in every article)."""
        ids = sorted({str(p) for p in places})
        if len(ids) == 1:
            return self.ref(ids[0])
        area = node("area/" + ".".join(ids))
        self.add(area, A, kgo("Area"))
        self.add(area, LABEL, labels.join(sorted(self.name(p) for p in ids)))
        for p in ids:
            self.add(area, kgo("includes"), self.ref(p))
        return area


def read_article(project: Project, ff: FactsFile, segments: list[Segment] | None = None) -> Article:
    from kg.facts import nfc
    from kg.yamlsafe import read_text

    file = str(ff.article.get("file"))
    path = project.articles / file
    loc = ff.article.where("file")
    if Path(file).is_absolute() or ".." in Path(file).parts:
        raise LocatedError(ff.label, f"'{file}' must be a file name inside data/articles/",
                           loc.line, loc.column, "article.file")
    why = not_a_file(path)
    if why:
        raise LocatedError(ff.label, f"article file data/articles/{file} {why}",
                           loc.line, loc.column, "article.file")
    if not inside(project.root, path):
        raise LocatedError(ff.label, f"data/articles/{file} is a link out of the project (to "
                           f"{path.resolve()}); copy the article in instead", loc.line, loc.column,
                           "article.file")
    text = nfc(read_text(path, f"data/articles/{file}"))
    if not text.strip():
        raise LocatedError(f"data/articles/{file}", "article file is empty")
    return Article(ff.article.id, text, segments)


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a link loop
        return False


def _nested_facts(entry: os.DirEntry) -> str | None:
    """The first facts file (.yaml, .yml) in a folder inside data/facts/, relative to it;
    hidden folders (an editor's or a notebook's copies) are not looked into."""
    if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
        return None
    for folder, dirs, files in os.walk(entry.path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() in (".yaml", ".yml"):
                return utf8_name(os.path.relpath(os.path.join(folder, name), entry.path))
    return None


def facts_paths(project: Project) -> list[Path]:
    return [Path(p) for p in facts_files(project)]


def facts_files(project: Project) -> list[str]:
    """The facts files' paths, in name order, as plain strings (a Path each costs 7 µs: a
    build makes one only for a file it reads); a folder or file there that is not one is an
    error."""
    if not project.facts.is_dir():
        if os.path.lexists(project.facts):  # a file or a dead link there built an empty graph, said nothing
            what = "a broken link" if not project.facts.exists() else "a file" if project.facts.is_file() \
                else "a device, pipe or socket"
            raise LocatedError("data/facts", f"is {what}, not the folder of the facts files")
        return []
    # directory entries know their type without a stat each (thousands of files in a large
    # project): each is looked at once
    entries: list[tuple[os.DirEntry, str]] = []
    others: list[tuple[os.DirEntry, str]] = []
    for entry in sorted(os.scandir(project.facts), key=lambda e: e.name):
        suffix = os.path.splitext(entry.name)[1]
        (entries if suffix.lower() in (".yaml", ".yml") else others).append((entry, suffix))
    folder_inside = inside(project.root, project.facts)
    folder = str(project.facts.relative_to(project.root))
    for entry, _ in others:
        nested = _nested_facts(entry)
        if nested:  # skipped, its facts would be missing from the graph without a word
            raise LocatedError(f"{folder}/{utf8_name(entry.name)}/{nested}",
                               f"facts files are read from {folder}/ only, not from folders in it: "
                               f"move it up into {folder}/")
    for entry, suffix in entries:
        name = utf8_name(entry.name)
        if name != entry.name:
            raise LocatedError(f"{folder}/{name}",
                               "the file name is not UTF-8: rename it (it names the article and its graph)")
        if suffix not in (".yaml", ".yml"):
            stem = os.path.splitext(name)[0]
            raise LocatedError(f"{folder}/{name}", f"facts files end in .yaml (rename it to {stem}.yaml)")
        if not _is_file(entry):  # a folder or a named pipe (reading one would block), a dead link
            exists = os.path.exists(entry.path)
            raise LocatedError(f"{folder}/{name}",
                               "not a regular file" if exists else not_a_file(Path(entry.path)) or "")
        # a plain file in a folder inside the project is inside it: only links need resolving
        if (entry.is_symlink() or not folder_inside) and not inside(project.root, Path(entry.path)):
            raise LocatedError(f"{folder}/{name}", f"a link out of the project "
                               f"(to {Path(entry.path).resolve()}); copy the file in instead")
    return [e.path for e, _ in entries]


def article_quads(project: Project, ff: FactsFile, tables: Tables, vocabulary: Vocabulary,
                  article: Article | None = None) -> list[Quad]:
    """One article's named graph, in the order it was written (the same for the same input);
    every error of the file raised together. `article`: its text, read already."""
    writer = _ArticleGraph(ff, article or read_article(project, ff), tables, vocabulary)
    writer.write()
    return list(dict.fromkeys(writer.quads))


def curation_quads(tables: Tables) -> list[Quad]:
    """Curated aliases: lookup names no source states, in a graph of their own."""
    curation = NamedNode(CURATION_GRAPH)
    quads = []
    for entity_id, aliases in sorted(tables.aliases.items()):
        etype = tables.entities[entity_id].type
        for alias in aliases:
            quads.append(Quad(node(entity_path(etype, entity_id)), NamedNode(SKOS + "hiddenLabel"),
                              Literal(alias), curation))
    if quads:
        quads.append(Quad(curation, LABEL, Literal("curated aliases: other names kept for lookup, "
                                                   "not claims of any source"), curation))
    return quads


def build_graph(project: Project) -> BuiltGraph:
    """Every quad of the project in memory (small projects and tests; kg build streams)."""
    from kg import vocabulary
    from kg.corpus import load_corpus

    paths = facts_paths(project)
    corpus = load_corpus(paths, project.aliases, {p: str(p.relative_to(project.root)) for p in paths})
    vocab = vocabulary.load(project)
    quads: list[Quad] = []
    index: list[Quad] = []
    errors: list[LocatedError] = []
    for ff in corpus.files:
        try:
            own = article_quads(project, ff, corpus.tables, vocab)
        except LocatedErrors as exc:
            errors += exc.errors
            continue
        quads += own
        index += index_quads(own, ff.article.id)
    if errors:
        raise LocatedErrors(errors)
    curation = curation_quads(corpus.tables)
    index += index_quads(curation, "curated-aliases")
    quads += curation + ontology_quads(project)
    return BuiltGraph(sorted(set(quads), key=quad_key), index, len(corpus.files),
                      sum(len(ff.facts) for ff in corpus.files))


def quad_key(q: Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def ontology_quads(project: Project) -> list[Quad]:
    """The ontology and the vocabulary, in the ontology's graph."""
    graph = NamedNode(ONTOLOGY)
    out = []
    for name in ("kg.ttl", "vocabulary.ttl"):
        path = project.resource("ontology", name)
        try:
            out += [Quad(q.subject, q.predicate, q.object, graph)
                    for q in parse(path=str(path), format=RdfFormat.TURTLE)]
        except SyntaxError as exc:
            raise LocatedError(str(path), f"not valid Turtle: {exc}") from None
    # each concept also typed skos:Concept, as RDF Data Cube's checks (IC-19) and SKOS tools
    # without RDFS inference expect of a code list's values
    concept, classes = NamedNode(SKOS + "Concept"), {NamedNode(KGO + c) for c in SCHEMES.values()}
    typed = {q.subject for q in out if q.predicate == A and q.object in classes}
    typed -= {q.subject for q in out if q.predicate == A and q.object == concept}
    return out + [Quad(s, A, concept, graph) for s in sorted(typed, key=str)]


# What a name in a question can denote (queries/suggest.rq lists the same classes)
NAMED = {kgo(t) for t in (*ENTITY_TYPES, "Area", *(FACT_CLASS[e] for e in EVENT_TYPES))}


def index_quads(quads: list[Quad], article: str) -> list[Quad]:
    """Normalised lookup keys for every labelled node of an article, so a name resolves with
    one index hit; word keys for the nodes a name can denote, to suggest names from (not a
    figure's or a term's label, which repeat a group's name thousands of times). Each
    article's keys are a graph of their own, replaced with it."""
    graph = NamedNode(f"{INDEX_GRAPH}/{article}")
    label_preds = {LABEL.value, SKOS + "altLabel", SKOS + "hiddenLabel", SKOS + "prefLabel"}
    persons = {q.subject for q in quads if q.predicate == A and q.object == kgo("Person")}
    named = {q.subject for q in quads if q.predicate == A and q.object in NAMED}
    out = set()
    for q in quads:
        if q.predicate.value in label_preds and isinstance(q.object, Literal) and q.graph_name != NamedNode(ONTOLOGY):
            for key in names.keys(q.object.value):
                out.add(Quad(q.subject, kgo("lookupKey"), Literal(key), graph))
            for key in names.word_keys(q.object.value) if q.subject in named else ():
                out.add(Quad(q.subject, kgo("wordKey"), Literal(key), graph))
            if q.subject in persons:
                for key in names.surname_keys(q.object.value):
                    out.add(Quad(q.subject, kgo("surnameKey"), Literal(key), graph))
                for key in names.prefix_keys(q.object.value):
                    out.add(Quad(q.subject, kgo("prefixKey"), Literal(key), graph))

    return sorted(out, key=quad_key)
