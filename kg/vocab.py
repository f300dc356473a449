"""IRIs of the kg ontology, the data kg mints, and the standard vocabularies it uses."""

from __future__ import annotations

KGO = "https://kg.example/ontology#"
ONTOLOGY = "https://kg.example/ontology"
ID = "https://kg.example/id/"
INDEX_GRAPH = ID + "index"  # lookup keys: in the store only, never exported
CURATION_GRAPH = ID + "source/curated-aliases"
INFERRED_GRAPH = ID + "source/inferred"  # what `kg export --inferred` adds
# kg's own graphs among the articles' (source/ID): no article may take their ids
RESERVED_SOURCES = {"curated-aliases": "the curated aliases of data/aliases.yaml",
                    "inferred": "what kg export --inferred infers"}

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
QB = "http://purl.org/linked-data/cube#"
TIME = "http://www.w3.org/2006/time#"

# Serialisation prefixes: one per kind of node, so every local name is readable.
PREFIXES = {
    **{kind: f"{ID}{kind}/" for kind in (
        "person", "organization", "place", "area", "period", "source", "voice", "event", "fact",
        "evidence", "dataset")},
    "kgo": KGO,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "oa": OA,
    "prov": PROV,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
    "owl": "http://www.w3.org/2002/07/owl#",
    "org": ORG,
    "time": TIME,
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "qb": QB,
    "sh": "http://www.w3.org/ns/shacl#",
}

ENTITY_PATH = {
    "Person": "person",
    "Country": "place",
    "Region": "place",
    "City": "place",
    "Place": "place",
}  # every other entity type is an organisation


def entity_path(entity_type: str, entity_id: str) -> str:
    return f"{ENTITY_PATH.get(entity_type, 'organization')}/{entity_id}"
