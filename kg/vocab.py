"""kg's RDF vocabulary: namespaces, classes and predicates with labels and comments.

Base namespace: https://kg.example/ (".example" is reserved for documentation, so these IRIs never
collide with real ones; pass another base to the exporter to publish under your own domain).
    entity/<slug>       one node per real-world entity
    document/<doc-id>   one node per article
    statement/<hash>    one rdf:Statement per fact and sentence (provenance, status, offsets)
    event/<hash>        one node per event (call, meeting, visit, release)
    vocab#<name>        the predicates and classes below
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.types import (
    AFFILIATED_WITH,
    LOCATED_IN,
    MET_AT,
    MET_WITH,
    OTHER,
    RELEASED,
    SPOKE_WITH,
    SYMMETRIC,
    VISITED,
)

BASE = "https://kg.example/"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def kg_ns(base: str = BASE) -> str:
    return base + "vocab#"


PREFIXES = {
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "owl": OWL,
    "xsd": XSD,
    "prov": PROV,
    "schema": SCHEMA,
}


@dataclass(frozen=True)
class Predicate:
    name: str
    label: str
    comment: str
    symmetric: bool = False


PREDICATES = {
    SPOKE_WITH: Predicate(SPOKE_WITH, "spoke with", "Two parties talked: a phone call, talks, a conversation."),
    MET_WITH: Predicate(MET_WITH, "met with", "Two parties met in person."),
    MET_AT: Predicate(MET_AT, "met at", "A party met someone at this place (facility, city, region)."),
    RELEASED: Predicate(RELEASED, "released", "The agent that freed someone, to the person freed."),
    VISITED: Predicate(VISITED, "visited", "A person travelled to or stopped in this place."),
    AFFILIATED_WITH: Predicate(
        AFFILIATED_WITH, "affiliated with", "A person leads, serves or represents this organization or country."
    ),
    LOCATED_IN: Predicate(LOCATED_IN, "located in", "A place lies inside this larger place."),
    OTHER: Predicate(
        OTHER,
        "interacted with",
        "Another verb links the two (thanked, criticized, greeted); the verb is on the statement.",
    ),
}
for _name in SYMMETRIC:
    PREDICATES[_name] = Predicate(PREDICATES[_name].name, PREDICATES[_name].label, PREDICATES[_name].comment, True)

# Statement properties
STATEMENT_PROPERTIES = {
    "status": "occurred, planned (scheduled, expected) or intended (someone wants or plans to), as of the article.",
    "evidence": "The sentence the fact was read from, as written in the article.",
    "sentenceStart": "Character offset where the evidence sentence starts in the article body.",
    "sentenceEnd": "Character offset where the evidence sentence ends in the article body.",
    "start": "Character offset of the words that triggered the rule.",
    "end": "Character offset where those words end.",
    "rule": "The versioned extraction rule that read the fact.",
    "confidence": "How much the rule's reading of this sentence is trusted, 0 to 1.",
    "factConfidence": "The confidence of the fact given all its supporting sentences (noisy-or).",
    "support": "How many sentences, in all articles, support the fact.",
    "verb": "The trigger word (or, for interactedWith, the verb linking the parties).",
    "dateText": "A time phrase attached to the event in the sentence.",
    "entityType": "The NER type decided for the entity: PERSON, ORG, GPE, LOC or FAC.",
    "mentionCount": "How many times the entity is mentioned across the articles.",
    "mentionedIn": "A document that mentions the entity.",
    "asserted": "false when the statement is only an intention and its triple is not asserted.",
    "cameoCode": "The CAMEO event code (041 phone call, 042 visit, 043 host, 044 meeting, 0841 release).",
    "ploverType": "The PLOVER event type (CONSULT, CONCEDE).",
    "date": "The event's date in ISO 8601: a day, a month, a year or an interval start/end.",
    "mention": "A sentence reporting the event, with its offsets and document.",
    "releaser": "The party that freed someone in a release event.",
    "releasedPerson": "The person freed in a release event.",
    "visitor": "The person who travelled, in a visit event.",
    "host": "The party that received a visitor.",
    "participant": "A party of a call, meeting or other event.",
}
EVENT_CLASSES = {
    "PhoneCall": "A telephone or video call (CAMEO 041).",
    "Conversation": "Talks not said to be by phone or in person (CAMEO 040).",
    "Meeting": "An in-person meeting (CAMEO 044; 043 when someone hosts).",
    "Visit": "A journey to or stop in a place (CAMEO 042).",
    "Release": "Freeing a person (CAMEO 0841).",
    "Other": "Another verb linking parties.",
}

# schema.org class per entity type
CLASSES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "AdministrativeArea",
    "LOC": "Place",
    "FAC": "Place",
}
