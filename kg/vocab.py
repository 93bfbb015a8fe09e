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

from kg import relations

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


# One predicate per row of kg.relations (name, label, comment, symmetric).
PREDICATES = {r.name: r for r in relations.RELATION_TYPES}

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
    "verb": f"The trigger word (or, for {relations.GENERIC}, the verb linking the parties).",
    "dateText": "A time phrase attached to the event in the sentence.",
    "entityType": "The type decided for the entity: PERSON, ORG, GPE, LOC, FAC, or GROUP (people described).",
    "mentionCount": "How many times the entity is mentioned across the articles.",
    "mentionedIn": "A document that mentions the entity.",
    "asserted": "false when the statement is only an intention and its triple is not asserted.",
    "cameoCode": "The CAMEO event code of the event's kind (see the event classes).",
    "ploverType": "The PLOVER event type of the event's kind.",
    "date": "The event's date in ISO 8601: a day, a month, a year or an interval start/end.",
    "dateSource": (
        "Where a date was read. A document's publication date: metadata, file-name or dateline. An event's "
        "date: caption (a photo caption's own date), sentence (a full date in the sentence) or "
        "sentence+<the publication date's source> (a relative phrase such as 'on Friday')."
    ),
    "mention": "A sentence reporting the event, with its offsets and document.",
}
# Event roles: one property per role, from kg.relations.
STATEMENT_PROPERTIES.update({role.property: role.comment for role in relations.ROLES.values()})
EVENT_CLASSES = {kind.name: kind.comment for kind in relations.EVENT_KINDS.values()}

# schema.org class per entity type
CLASSES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "AdministrativeArea",
    "LOC": "Place",
    "FAC": "Place",
}  # GROUP (people named by description, "35 prisoners"): schema:Thing
