"""Turtle export following ../shared/eval/README.md and kg.vocab.

- Entities: IRIs `<base>entity/<id>`, a schema.org class, `rdfs:label` (canonical name), `skos:altLabel`
  (every other surface form), `owl:sameAs` GeoNames where the place resolves unambiguously.
- Facts that occurred or are planned: a direct triple `entity kg:predicate entity`.
- Every fact and sentence: an `rdf:Statement` reifying the triple with `prov:wasDerivedFrom` the document,
  `kg:evidence` (the sentence), character offsets, `kg:status`, the rule and its confidence. Intentions
  ("wants to meet") are kept as statements only (`kg:asserted false`), never as direct triples: a query
  over direct triples returns what happened or is scheduled, not what someone wishes.
- Documents: `schema:NewsArticle` with headline, publisher, url, datePublished.

Written with pyoxigraph's serializer (fast, escapes every literal); triples are sorted so the same
graph gives the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from kg import vocab
from kg.export.files import write_atomic
from kg.relations import ROLES, SYMMETRIC
from kg.types import INTENDED

XSD_INT = NamedNode(vocab.XSD + "integer")
XSD_DEC = NamedNode(vocab.XSD + "decimal")
XSD_DATE = NamedNode(vocab.XSD + "date")
XSD_BOOL = NamedNode(vocab.XSD + "boolean")


def iri(text: str) -> NamedNode:
    return NamedNode(text)


class Terms:
    """IRIs of one export, under one base namespace."""

    def __init__(self, base: str = vocab.BASE) -> None:
        self.base = base
        self.kg = vocab.kg_ns(base)

    def entity(self, entity_id: str) -> NamedNode:
        return iri(f"{self.base}entity/{entity_id}")

    def document(self, doc_id: str) -> NamedNode:
        return iri(f"{self.base}document/{doc_id}")

    def v(self, name: str) -> NamedNode:
        return iri(self.kg + name)

    def statement(self, *parts: object) -> NamedNode:
        digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
        return iri(f"{self.base}statement/{digest}")


RDF_TYPE = iri(vocab.RDF + "type")
LABEL = iri(vocab.RDFS + "label")
COMMENT = iri(vocab.RDFS + "comment")
ALT = iri(vocab.SKOS + "altLabel")
SAME_AS = iri(vocab.OWL + "sameAs")
DERIVED = iri(vocab.PROV + "wasDerivedFrom")


def s(text: object) -> Literal:
    return Literal(str(text))


def integer(n: int) -> Literal:
    return Literal(str(int(n)), datatype=XSD_INT)


def vocabulary_triples(t: Terms) -> Iterator[Triple]:
    for p in vocab.PREDICATES.values():
        node = t.v(p.name)
        yield Triple(node, RDF_TYPE, iri(vocab.RDF + "Property"))
        yield Triple(node, RDF_TYPE, iri(vocab.OWL + "ObjectProperty"))
        if p.symmetric:
            yield Triple(node, RDF_TYPE, iri(vocab.OWL + "SymmetricProperty"))
        yield Triple(node, LABEL, Literal(p.label, language="en"))
        yield Triple(node, COMMENT, Literal(p.comment, language="en"))
    for name, comment in vocab.EVENT_CLASSES.items():
        node = t.v(name)
        yield Triple(node, RDF_TYPE, iri(vocab.OWL + "Class"))
        yield Triple(node, iri(vocab.RDFS + "subClassOf"), iri(vocab.SCHEMA + "Event"))
        yield Triple(node, COMMENT, Literal(comment, language="en"))
    for name, comment in vocab.STATEMENT_PROPERTIES.items():
        node = t.v(name)
        yield Triple(node, RDF_TYPE, iri(vocab.RDF + "Property"))
        yield Triple(node, COMMENT, Literal(comment, language="en"))


def entity_triples(t: Terms, node_id: str, data: dict) -> Iterator[Triple]:
    node = t.entity(node_id)
    etype = data.get("type", "ORG")
    yield Triple(node, RDF_TYPE, iri(vocab.SCHEMA + vocab.CLASSES.get(etype, "Thing")))
    if etype in {"GPE", "LOC", "FAC"}:
        yield Triple(node, RDF_TYPE, iri(vocab.SCHEMA + "Place"))
    yield Triple(node, LABEL, s(data["name"]))
    yield Triple(node, t.v("entityType"), s(etype))
    yield Triple(node, t.v("mentionCount"), integer(data.get("mentions", 0)))
    for alias in data.get("aliases", []):
        yield Triple(node, ALT, s(alias))
    for doc in data.get("documents", []):
        yield Triple(node, t.v("mentionedIn"), t.document(doc))
    if data.get("geonames"):
        yield Triple(node, SAME_AS, iri(f"https://sws.geonames.org/{int(data['geonames'])}/"))


def document_triples(t: Terms, doc_id: str, meta: dict) -> Iterator[Triple]:
    node = t.document(doc_id)
    yield Triple(node, RDF_TYPE, iri(vocab.SCHEMA + "NewsArticle"))
    yield Triple(node, RDF_TYPE, iri(vocab.PROV + "Entity"))
    yield Triple(node, iri(vocab.SCHEMA + "identifier"), s(doc_id))
    for path in filter(None, [meta.get("path"), *meta.get("copies", [])]):  # copies: files with the same text
        yield Triple(node, iri(vocab.SCHEMA + "name"), s(Path(path).name))
    if meta.get("title"):
        yield Triple(node, iri(vocab.SCHEMA + "headline"), s(meta["title"]))
    if meta.get("outlet"):
        yield Triple(node, iri(vocab.SCHEMA + "publisher"), s(meta["outlet"]))
    if meta.get("url"):
        yield Triple(node, iri(vocab.SCHEMA + "url"), s(meta["url"]))
    if meta.get("published"):
        yield Triple(node, iri(vocab.SCHEMA + "datePublished"), Literal(meta["published"], datatype=XSD_DATE))
    if meta.get("date_source"):
        yield Triple(node, t.v("dateSource"), s(meta["date_source"]))


def edge_triples(t: Terms, subject: str, obj: str, data: dict) -> Iterator[Triple]:
    predicate = data["relation"]
    if predicate in SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    sub, pred, ob = t.entity(subject), t.v(predicate), t.entity(obj)
    asserted = data["status"] != INTENDED
    if asserted:
        yield Triple(sub, pred, ob)
    for ev in data["evidence"]:
        st = t.statement(
            subject,
            predicate,
            obj,
            data["status"],
            data.get("verb"),
            ev["doc_id"],
            ev["sent_start"],
            ev["start"],
            ev["rule"],
        )
        yield Triple(st, RDF_TYPE, iri(vocab.RDF + "Statement"))
        yield Triple(st, iri(vocab.RDF + "subject"), sub)
        yield Triple(st, iri(vocab.RDF + "predicate"), pred)
        yield Triple(st, iri(vocab.RDF + "object"), ob)
        yield Triple(st, DERIVED, t.document(ev["doc_id"]))
        yield Triple(st, t.v("status"), s(data["status"]))
        yield Triple(st, t.v("evidence"), s(ev["sentence"]))
        yield Triple(st, t.v("sentenceStart"), integer(ev["sent_start"]))
        yield Triple(st, t.v("sentenceEnd"), integer(ev["sent_end"]))
        yield Triple(st, t.v("start"), integer(ev["start"]))
        yield Triple(st, t.v("end"), integer(ev["end"]))
        yield Triple(st, t.v("rule"), s(ev["rule"]))
        yield Triple(
            st, t.v("confidence"), Literal(f"{float(ev.get('confidence', data['confidence'])):.2f}", datatype=XSD_DEC)
        )
        yield Triple(st, t.v("factConfidence"), Literal(f"{float(data['confidence']):.2f}", datatype=XSD_DEC))
        yield Triple(st, t.v("support"), integer(data.get("support", len(data["evidence"]))))
        yield Triple(st, t.v("asserted"), Literal("true" if asserted else "false", datatype=XSD_BOOL))
        if data.get("verb"):
            yield Triple(st, t.v("verb"), s(data["verb"]))
        if ev.get("date_text"):
            yield Triple(st, t.v("dateText"), s(ev["date_text"]))


DATE_TYPES = ((r"^\d{4}-\d{2}-\d{2}$", "date"), (r"^\d{4}-\d{2}$", "gYearMonth"), (r"^\d{4}$", "gYear"))


def date_literal(value: str) -> Literal | None:
    for pattern, xsd_type in DATE_TYPES:
        if re.match(pattern, value):
            return Literal(value, datatype=iri(vocab.XSD + xsd_type))
    return None


def event_triples(t: Terms, event: dict, names: dict[str, str]) -> Iterator[Triple]:
    node = iri(f"{t.base}event/{event['id']}")
    yield Triple(node, RDF_TYPE, iri(vocab.SCHEMA + "Event"))
    yield Triple(node, RDF_TYPE, t.v(event["kind"]))
    people = " \u2013 ".join(names.get(p["entity"], p["entity"]) for p in event["participants"])
    yield Triple(node, LABEL, s(f"{event['kind']}: {people}" + (f" ({event['date']})" if event.get("date") else "")))
    yield Triple(node, t.v("status"), s(event["status"]))
    yield Triple(node, t.v("ploverType"), s(event["plover"]))
    if event.get("cameo"):
        yield Triple(node, t.v("cameoCode"), s(event["cameo"]))
    if event.get("verb"):
        yield Triple(node, t.v("verb"), s(event["verb"]))
    if event.get("date_text"):
        yield Triple(node, t.v("dateText"), s(event["date_text"]))
    date = event.get("date")
    if date:
        if "/" in date:
            start, end = date.split("/", 1)
            for prop, value in (("startDate", start), ("endDate", end)):
                lit = date_literal(value)
                if lit is not None:
                    yield Triple(node, iri(vocab.SCHEMA + prop), lit)
        else:
            lit = date_literal(date)
            if lit is not None:
                yield Triple(node, iri(vocab.SCHEMA + "startDate"), lit)
        yield Triple(node, t.v("date"), s(date))
        if event.get("date_source"):
            yield Triple(node, t.v("dateSource"), s(event["date_source"]))
    for place in event["places"]:
        yield Triple(node, iri(vocab.SCHEMA + "location"), t.entity(place))
    for p in event["participants"]:
        yield Triple(node, iri(vocab.SCHEMA + "attendee"), t.entity(p["entity"]))
        yield Triple(
            node, t.v(ROLES[p["role"]].property if p["role"] in ROLES else "participant"), t.entity(p["entity"])
        )
    for n, m in enumerate(event["mentions"]):
        mention = iri(f"{t.base}event/{event['id']}/mention/{n}")
        yield Triple(node, DERIVED, t.document(m["doc_id"]))
        yield Triple(node, t.v("evidence"), s(m["sentence"]))
        yield Triple(node, t.v("mention"), mention)
        yield Triple(mention, DERIVED, t.document(m["doc_id"]))
        yield Triple(mention, t.v("evidence"), s(m["sentence"]))
        yield Triple(mention, t.v("sentenceStart"), integer(m["sent_start"]))
        yield Triple(mention, t.v("sentenceEnd"), integer(m["sent_end"]))
        yield Triple(mention, t.v("start"), integer(m["start"]))
        yield Triple(mention, t.v("end"), integer(m["end"]))
        yield Triple(mention, t.v("rule"), s(m["rule"]))


def to_triples(graph: nx.MultiDiGraph, base: str = vocab.BASE) -> list[Triple]:
    """Every triple of the export, sorted."""
    t = Terms(base)
    triples: set[Triple] = set(vocabulary_triples(t))
    for doc_id, meta in graph.graph.get("articles", {}).items():
        triples.update(document_triples(t, doc_id, meta))
    for node_id, data in graph.nodes(data=True):
        triples.update(entity_triples(t, node_id, data))
    for subject, obj, data in graph.edges(data=True):
        triples.update(edge_triples(t, subject, obj, data))
    names = {n: d.get("name", n) for n, d in graph.nodes(data=True)}
    for event in graph.graph.get("events", []):
        triples.update(event_triples(t, event, names))
    return sorted(triples, key=lambda tr: (str(tr.subject), str(tr.predicate), str(tr.object)))


def to_turtle(graph: nx.MultiDiGraph, base: str = vocab.BASE, triples: Iterable[Triple] | None = None) -> bytes:
    prefixes = dict(vocab.PREFIXES)
    prefixes["kg"] = vocab.kg_ns(base)
    prefixes["entity"] = base + "entity/"
    prefixes["doc"] = base + "document/"
    prefixes["st"] = base + "statement/"
    data = triples if triples is not None else to_triples(graph, base)
    return serialize(data, format=RdfFormat.TURTLE, prefixes=prefixes)


def write_turtle(graph: nx.MultiDiGraph, path: str | Path, base: str = vocab.BASE) -> Path:
    return write_atomic(path, to_turtle(graph, base))
