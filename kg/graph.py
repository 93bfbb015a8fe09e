"""Build a networkx MultiDiGraph from resolved entities and relations (no I/O).

Node schema (node id = Entity.id):
    name (str), type (PERSON|ORG|GPE|LOC|FAC), aliases (list[str]), mentions (int),
    documents (list[str]), geonames (int | None)
Edge schema (key = "<predicate>|<status>|<verb>"; one edge per subject, predicate, object, status, verb):
    relation (str, a kg.types predicate), status (occurred|planned|intended), verb (str | None),
    confidence (float: the rules' confidences combined over all supporting sentences), support (int:
    how many sentences), evidence (list of dicts: doc_id, title, sentence, sent_start, sent_end, start,
    end, rule, date_text, confidence), documents (list[str])
Graph attributes: articles (dict doc_id -> {title, outlet, url, published, date_source, path, copies: the
paths of other files with the same text}); events (list of dicts: id, kind, participants [{entity, role}],
places, status, date, date_text, date_source, cameo, plover, verb, mentions [evidence dicts]). date_source:
see kg.timex (FROM_*).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from kg.types import Article, BuildResult, Event, Relation


def evidence_dict(relation: Relation, titles: dict[str, str | None]) -> dict:
    ev = relation.evidence
    return {
        "doc_id": ev.doc_id,
        "title": titles.get(ev.doc_id),
        "sentence": ev.sentence,
        "sent_start": ev.sent_start,
        "sent_end": ev.sent_end,
        "start": ev.start,
        "end": ev.end,
        "rule": ev.rule,
        "date_text": relation.date_text,
        "confidence": relation.confidence,
    }


def combined_confidence(confidences: list[float]) -> float:
    """Support raises confidence: the chance that at least one of independent readings is right."""
    miss = 1.0
    for c in confidences:
        miss *= 1.0 - max(0.0, min(1.0, c))
    return round(1.0 - miss, 4)


def article_dict(article: Article) -> dict:
    return {
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "date_source": article.date_source,
        "path": article.path,
        "copies": list(article.copies),
    }


def event_dict(event: Event, titles: dict[str, str | None]) -> dict:
    return {
        "id": event.id,
        "kind": event.kind,
        "participants": [{"entity": p.entity_id, "role": p.role} for p in event.participants],
        "places": list(event.places),
        "status": event.status,
        "date": event.date,
        "date_text": event.date_text,
        "date_source": event.date_source,
        "cameo": event.cameo,
        "plover": event.plover,
        "verb": event.verb,
        "mentions": [
            {
                "doc_id": m.doc_id,
                "title": titles.get(m.doc_id),
                "sentence": m.sentence,
                "sent_start": m.sent_start,
                "sent_end": m.sent_end,
                "start": m.start,
                "end": m.end,
                "rule": m.rule,
            }
            for m in event.mentions
        ],
    }


def edge_key(relation: Relation) -> str:
    return f"{relation.predicate}|{relation.status}|{relation.verb or ''}"


def to_networkx(result: BuildResult) -> nx.MultiDiGraph:
    """The graph of a build: one node per entity, one edge per distinct fact with all its evidence."""
    graph = nx.MultiDiGraph()
    graph.graph["articles"] = {a.doc_id: article_dict(a) for a in sorted(result.articles, key=lambda a: a.doc_id)}
    set_events(graph, result)
    titles = {a.doc_id: a.title for a in result.articles}
    for entity in sorted(result.entities, key=lambda e: e.id):
        graph.add_node(
            entity.id,
            name=entity.name,
            type=entity.type,
            aliases=list(entity.aliases),
            mentions=entity.mention_count,
            documents=list(entity.documents),
            geonames=entity.geonames_id,
        )
    grouped: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    for rel in result.relations:
        grouped[(rel.subject, rel.object, edge_key(rel))].append(rel)
    for (subject, obj, key), rels in sorted(grouped.items()):
        rels = sorted(rels, key=lambda r: (r.evidence.doc_id, r.evidence.start, r.evidence.rule))
        evidence = []
        seen = set()
        for r in rels:
            ident = (r.evidence.doc_id, r.evidence.sent_start, r.evidence.rule)
            if ident not in seen:
                seen.add(ident)
                evidence.append(evidence_dict(r, titles))
        first = rels[0]
        graph.add_edge(
            subject,
            obj,
            key=key,
            relation=first.predicate,
            status=first.status,
            verb=first.verb,
            confidence=combined_confidence([e["confidence"] for e in evidence]),
            evidence=evidence,
            documents=sorted({e["doc_id"] for e in evidence}),
            support=len(evidence),
        )
    return graph


def set_events(graph: nx.MultiDiGraph, result: BuildResult) -> None:
    """The graph's `events` attribute, from `result.events` (for events found after the graph was made)."""
    titles = {a.doc_id: a.title for a in result.articles}
    graph.graph["events"] = [event_dict(e, titles) for e in result.events]


@dataclass(frozen=True)
class Counts:
    """The numbers of a build, the same in the CLI summary, the page header and the notebook."""

    articles: int
    entities: int  # every entity (node)
    linked: int  # entities with at least one relation to another entity
    relations: int  # distinct facts (edges): one per subject, relation, object, status and verb
    events: int

    def describe(self) -> str:
        return (
            f"{self.articles} articles; {self.entities} entities, {self.linked} of them with relations; "
            f"{self.relations} relations (distinct facts); {self.events} events"
        )


def linked_entities(graph: nx.MultiDiGraph) -> set[str]:
    """Entities with a relation to another entity (a fact about itself alone does not link it)."""
    return {n for u, v in graph.edges() if u != v for n in (u, v)}


def counts(graph: nx.MultiDiGraph) -> Counts:
    return Counts(
        articles=len(graph.graph.get("articles") or {}),
        entities=graph.number_of_nodes(),
        linked=len(linked_entities(graph)),
        relations=graph.number_of_edges(),
        events=len(graph.graph.get("events") or []),
    )
