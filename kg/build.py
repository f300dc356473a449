"""Facts -> RDF: one named graph per article, every fact and entity with its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg import names
from kg.corpus import Tables
from kg.errors import LocatedError
from kg.facts import Date, FactsFile, Item
from kg.names import ordinal
from kg.project import Project
from kg.text import Article, Span
from kg.vocab import (
    CURATION_GRAPH,
    ID,
    INDEX_GRAPH,
    KGO,
    OA,
    ONTOLOGY,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    camel,
    entity_path,
)

A = NamedNode(RDF + "type")
LABEL = NamedNode(RDFS + "label")

FACT_CLASS = {
    "leadership": "LeadershipTerm", "description": "Description", "operation": "MilitaryOperation",
    "killing": "Killing", "capture": "Capture", "captivity": "Captivity", "campaign": "Campaign",
    "statement": "Statement", "statistic": "Statistic", "projection": "Projection",
    "partnership": "Partnership", "headline_claim": "HeadlineClaim",
}
# YAML field -> ontology property, for fields that map one to one.
PROPERTY = {
    "person": "holder", "organization": "organization", "ordinal": "ordinal",
    "start": "startDate", "end": "endDate", "date": "date", "ended_by": "endedBy",
    "subject": "subject", "age": "age", "nationality": "nationality", "occupation": "occupation",
    "title": "title", "conducted_by": "conductedBy", "participants": "participant",
    "target": "target", "place": "place", "named_in_honour_of": "namedInHonourOf",
    "victim": "victim", "perpetrator": "perpetrator", "part_of": "partOf", "duration": "duration",
    "speaker": "speaker", "speaker_role": "speakerRole", "text": "text", "value": "value",
    "wording": "wording", "period": "period", "compared_to": "comparedTo", "factor": "factor",
    "partners": "partner", "context": "context", "about": "about", "claimant": "claimant",
    "hedge": "hedge",
}


def kgo(name: str) -> NamedNode:
    return NamedNode(KGO + name)


def node(path: str) -> NamedNode:
    return NamedNode(ID + path)


def lit(value: Any) -> Literal:
    if isinstance(value, Date):
        return Literal(value.text, datatype=NamedNode(XSD + value.kind))
    if isinstance(value, bool):
        raise TypeError("no booleans in kg data")
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if hasattr(value, "as_tuple"):  # Decimal
        return Literal(str(value), datatype=NamedNode(XSD + "decimal"))
    if isinstance(value, str) and value.startswith("P") and value[1:2].isdigit():
        return Literal(value, datatype=NamedNode(XSD + "duration"))
    return Literal(str(value))


@dataclass
class BuiltGraph:
    quads: list[Quad]  # data, curation and ontology graphs: what is exported
    index: list[Quad]  # lookup keys for the store
    articles: int
    facts: int


class _ArticleGraph:
    """Writes one article's named graph."""

    def __init__(self, ff: FactsFile, text: Article, tables: Tables) -> None:
        self.ff, self.text, self.tables = ff, text, tables
        self.article = node(f"source/{ff.article.id}")
        self.graph = self.article
        self.quads: list[Quad] = []
        self.facts = {f.id: f for f in ff.facts}

    def add(self, s: NamedNode, p: NamedNode, o: Any) -> None:
        self.quads.append(Quad(s, p, o if isinstance(o, (NamedNode, Literal)) else lit(o), self.graph))

    def ref(self, value: str) -> NamedNode:
        entity = self.tables.entities.get(value)
        if entity is not None:
            return node(entity_path(entity[0], value))
        if value in self.tables.periods and value not in self.facts:
            return node(f"period/{value}")
        return self.fact_iri(value)

    def fact_iri(self, fact_id: str) -> NamedNode:
        return node(f"fact/{self.ff.article.id}.{fact_id}")

    def evidence_iri(self, subject: NamedNode, k: int) -> NamedNode:
        """evidence/ARTICLE.FACT.K for facts, evidence/ARTICLE.KIND.ID.K for other nodes."""
        kind, _, local = subject.value[len(ID):].partition("/")
        base = local if kind == "fact" else f"{self.ff.article.id}.{kind}.{local}"
        return node(f"evidence/{base}.{k}")

    def voice(self, said_by: str, span: Span, where: Any) -> NamedNode:
        if said_by == "headline":
            if span.segment.kind != "headline":
                raise LocatedError(self.ff.label, "said_by: headline, but the quote is not in a "
                                   "headline of the article", where.line, where.column, "said_by")
            return node(f"voice/{self.ff.article.id}.headline-{span.segment.number}")
        if said_by == "article":
            return node(f"voice/{self.ff.article.id}")
        return self.ref(said_by)

    def evidence(self, subject: NamedNode, item: Item, said_by: str) -> None:
        for k, quote in enumerate(item.quotes, start=1):
            span = self.text.locate(quote.text, quote.sentence, quote.offset)
            if span is None:
                where = (f"at offset {quote.offset} of" if quote.offset is not None
                         else f"in sentence {quote.sentence} of" if quote.sentence else "in")
                raise LocatedError(
                    self.ff.label,
                    f"quote not found {where} {self.ff.article.get('file')}: \"{quote.text}\"; "
                    f"nearest passage: \"{self.text.nearest(quote.text)}\"",
                    quote.loc.line, quote.loc.column, "quote")
            ev = self.evidence_iri(subject, k)
            qsel, psel = NamedNode(ev.value + ".quote"), NamedNode(ev.value + ".position")
            self.add(subject, kgo("evidence"), ev)
            self.add(ev, A, kgo("Evidence"))
            self.add(ev, NamedNode(OA + "hasSource"), self.article)
            self.add(ev, NamedNode(PROV + "wasQuotedFrom"), self.article)
            self.add(ev, NamedNode(PROV + "wasAttributedTo"), self.voice(said_by, span, quote.loc))
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
            if a.get("as_of_quote"):
                self.evidence(self.article, Item("article", a.id, "article", {},
                              [_quote(a, "as_of_quote")], a.loc), "article")
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
        for e in self.ff.entities:
            self.write_entity(e)
        for p in self.ff.periods:
            self.write_period(p)
        for f in self.ff.facts:
            self.write_fact(f)

    def write_entity(self, e: Item) -> None:
        s = node(entity_path(e.type, e.id))
        self.add(s, A, kgo(e.type))
        self.add(s, LABEL, e.get("name"))
        for alias in e.get("aliases", []):
            self.add(s, NamedNode(SKOS + "altLabel"), str(alias))
        self.add(s, kgo("statedIn"), self.article)
        self.evidence(s, e, "article")

    def write_period(self, p: Item) -> None:
        s = node(f"period/{p.id}")
        self.add(s, A, kgo("Period"))
        self.add(s, LABEL, p.get("name"))
        self.add(s, kgo("startDate"), p.get("start"))
        self.add(s, kgo("endDate"), p.get("end"))
        self.evidence(s, p, "article")

    def write_fact(self, f: Item) -> None:
        s = self.fact_iri(f.id)
        self.add(s, A, kgo(FACT_CLASS[f.type]))
        self.add(s, kgo("statedIn"), self.article)
        self.add(s, kgo("certainty"), kgo(camel(f.get("certainty", "stated"))))
        self.add(s, LABEL, self.label(f))
        said_by = str(f.get("said_by"))
        for name, value in f.fields.items():
            if name in ("said_by", "certainty", "sentence"):
                continue
            if name == "role":
                self.add(s, kgo("role"), kgo(str(value)))
            elif name == "measure":
                self.add(s, kgo("measure"), kgo(camel(str(value))))
            elif name == "bound":
                self.add(s, kgo("bound"), kgo(camel(str(value))))
            elif name == "status":
                self.add(s, kgo("reportStatus"), kgo("NotReleased"))
            elif name == "name":
                self.add(s, NamedNode(SKOS + "prefLabel"), str(value))
            else:
                prop = kgo(PROPERTY[name])
                refs = name in _REF_FIELDS
                for v in value if isinstance(value, list) else [value]:
                    self.add(s, prop, self.ref(str(v)) if refs else v)
            if name == "part_of" and f.type == "statistic":
                self.add(s, kgo("breakdownOf"), self.ref(str(value)))
        if f.type in ("statistic", "projection"):
            if "value" in f.fields and "bound" not in f.fields:
                self.add(s, kgo("bound"), kgo("Exact"))
            if said_by not in ("article", "headline"):
                self.add(s, kgo("reportedBy"), self.ref(said_by))
        if f.type == "statement" and "text" not in f.fields:
            self.add(s, kgo("text"), f.quotes[0].text)
        self.evidence(s, f, said_by)

    def name(self, ref: Any) -> str:
        ref = str(ref)
        if ref in self.tables.entities:
            return self.tables.entities[ref][1]
        if ref in self.tables.periods and ref not in self.facts:
            return self.tables.periods[ref]
        fact = self.facts.get(ref)
        return self.label(fact) if fact else ref

    def label(self, f: Item) -> str:
        """A readable name for an n-ary node, shown in tables and network pictures."""
        g = f.fields.get
        if f.type == "leadership":
            n = f"{ordinal(g('ordinal'))} " if g("ordinal") else ""
            span = f" ({g('start').text if g('start') else ''}–{g('end').text if g('end') else ''})" if (g("start") or g("end")) else ""
            return f"{self.name(g('person'))}: {n}{g('role')} of {self.name(g('organization'))}{span}"
        if f.type == "statistic":
            places = " and ".join(self.name(p) for p in g("place", []))
            value = g("wording") or (str(g("value")) if g("value") is not None else "not released")
            where = f" in {places}" if places else ""
            return f"{g('measure').replace('_', ' ')}{where}, {self.name(g('period'))}: {value}"
        if f.type == "projection":
            return f"projection: {g('measure').replace('_', ' ')} {g('wording') or ''}".strip()
        if f.type in ("killing", "capture", "captivity"):
            when = g("date") or g("start")
            return f"{f.type} of {self.name(g('victim'))}" + (f" ({when.text})" if when else "")
        if f.type == "operation":
            return str(g("name") or f.id)
        if f.type == "statement":
            return f"statement by {self.name(g('speaker'))}"
        if f.type == "description":
            return f"description of {self.name(g('subject'))}"
        if f.type == "partnership":
            return "partnership of " + ", ".join(self.name(p) for p in g("partners"))
        if f.type == "campaign":
            return "campaign by " + " and ".join(self.name(p) for p in g("conducted_by")) + (
                " against " + ", ".join(self.name(t) for t in g("target")) if g("target") else "")
        if f.type == "headline_claim":
            return f"headline: {g('text') or f.quotes[0].text}"
        return f.id


_REF_FIELDS = {
    "person", "organization", "ended_by", "subject", "conducted_by", "participants", "target",
    "place", "named_in_honour_of", "victim", "perpetrator", "part_of", "speaker", "period",
    "compared_to", "partners", "context", "about", "claimant",
}


def _quote(item: Item, field: str) -> Any:
    from kg.facts import Quote

    loc = item.field_locs.get(field, item.loc)
    return Quote(str(item.get(field)), None, loc)


def read_article(project: Project, ff: FactsFile) -> Article:
    from kg.facts import nfc
    from kg.yamlsafe import read_text

    file = str(ff.article.get("file"))
    path = project.articles / file
    loc = ff.article.field_locs["file"]
    if Path(file).is_absolute() or ".." in Path(file).parts:
        raise LocatedError(ff.label, f"'{file}' must be a file name inside data/articles/",
                           loc.line, loc.column, "article.file")
    if not path.is_file():
        raise LocatedError(ff.label, f"article file data/articles/{file} does not exist",
                           loc.line, loc.column, "article.file")
    text = nfc(read_text(path, f"data/articles/{file}"))
    if not text.strip():
        raise LocatedError(f"data/articles/{file}", "article file is empty")
    return Article(ff.article.id, text)


def facts_paths(project: Project) -> list[Path]:
    if not project.facts.is_dir():
        return []
    return sorted(p for p in project.facts.iterdir() if p.suffix in (".yaml", ".yml"))


def article_quads(project: Project, ff: FactsFile, tables: Tables) -> list[Quad]:
    """One article's named graph, in the order it was written (the same for the same input;
    sorting by the terms' text took a tenth of a build)."""
    writer = _ArticleGraph(ff, read_article(project, ff), tables)
    writer.write()
    return list(dict.fromkeys(writer.quads))


def curation_quads(tables: Tables) -> list[Quad]:
    """Curated aliases: lookup names no source states, in a graph of their own."""
    curation = NamedNode(CURATION_GRAPH)
    quads = []
    for entity_id, aliases in sorted(tables.aliases.items()):
        etype = tables.entities[entity_id][0]
        for alias in aliases:
            quads.append(Quad(node(entity_path(etype, entity_id)), NamedNode(SKOS + "hiddenLabel"),
                              Literal(alias), curation))
    if quads:
        quads.append(Quad(curation, LABEL, Literal("curated aliases: other names kept for lookup, "
                                                   "not claims of any source"), curation))
    return quads


def build_graph(project: Project) -> BuiltGraph:
    """Every quad of the project in memory (small projects and tests; kg build streams)."""
    from kg.corpus import load_corpus

    paths = facts_paths(project)
    corpus = load_corpus(paths, project.aliases, {p: str(p.relative_to(project.root)) for p in paths})
    quads: list[Quad] = []
    index: list[Quad] = []
    for ff in corpus.files:
        own = article_quads(project, ff, corpus.tables)
        quads += own
        index += index_quads(own, ff.article.id)
    curation = curation_quads(corpus.tables)
    index += index_quads(curation, "curated-aliases")
    quads += curation + ontology_quads(project)
    return BuiltGraph(sorted(set(quads), key=quad_key), index, len(corpus.files),
                      sum(len(ff.facts) for ff in corpus.files))


def quad_key(q: Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def ontology_quads(project: Project) -> list[Quad]:
    path = project.resource("ontology", "kg.ttl")
    try:
        graph = NamedNode(ONTOLOGY)
        return [Quad(q.subject, q.predicate, q.object, graph)
                for q in parse(path=str(path), format=RdfFormat.TURTLE)]
    except SyntaxError as exc:
        raise LocatedError(str(path), f"ontology is not valid Turtle: {exc}") from None


def index_quads(quads: list[Quad], article: str) -> list[Quad]:
    """Normalised lookup keys for every labelled node of an article, so a name resolves with
    one index hit. Each article's keys are a graph of their own, replaced with it."""
    graph = NamedNode(f"{INDEX_GRAPH}/{article}")
    label_preds = {LABEL.value, SKOS + "altLabel", SKOS + "hiddenLabel", SKOS + "prefLabel"}
    persons = {q.subject for q in quads if q.predicate == A and q.object == kgo("Person")}
    out: dict[Quad, None] = {}
    for q in quads:
        if q.predicate.value in label_preds and isinstance(q.object, Literal) and q.graph_name.value != ONTOLOGY:
            for key in names.keys(q.object.value):
                out[Quad(q.subject, kgo("lookupKey"), Literal(key), graph)] = None
            if q.subject in persons:
                for key in names.surname_keys(q.object.value):
                    out[Quad(q.subject, kgo("surnameKey"), Literal(key), graph)] = None
    return list(out)
