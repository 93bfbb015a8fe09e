"""facts.csv: one row per statement (a fact as read in one sentence) with its evidence, for a spreadsheet.

Columns: subject, relation, object, status, date, date_source, confidence (the rule's, for this
sentence), fact_confidence (all sentences combined), support, document, title, published, sentence,
sentence_start, sentence_end, start, end, rule, verb, date_text, subject_id, object_id. `date` is the date
of the event the statement reports, where kg could date it. Offsets index into the article body.

A text cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return) is written with a leading apostrophe, the usual guard: article text is data, never a formula.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

import networkx as nx

from kg.export.files import write_atomic
from kg.relations import BY_NAME, PHONE_CALL_OF

COLUMNS = (
    "subject",
    "relation",
    "object",
    "status",
    "date",
    "date_source",
    "confidence",
    "fact_confidence",
    "support",
    "document",
    "title",
    "published",
    "sentence",
    "sentence_start",
    "sentence_end",
    "start",
    "end",
    "rule",
    "verb",
    "date_text",
    "subject_id",
    "object_id",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def event_index(graph: nx.MultiDiGraph) -> dict[tuple[str, int], list[dict]]:
    """Events by the (document, trigger offset) of each of their mentions."""
    index: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for event in graph.graph.get("events") or []:
        for m in event["mentions"]:
            index[(m["doc_id"], m["start"])].append(event)
    return index


def event_of(index: dict[tuple[str, int], list[dict]], subject: str, relation: str, obj: str, ev: dict) -> dict | None:
    """The event a statement reports: of the relation's kind, read at the same trigger, with both its
    ends among the event's parties and places."""
    row = BY_NAME.get(relation)
    kinds = {row.event, PHONE_CALL_OF.get(row.event or "")} if row else set()
    for event in index.get((ev["doc_id"], ev["start"]), []):
        ends = {p["entity"] for p in event["participants"]} | set(event["places"])
        if event["kind"] in kinds and subject in ends and obj in ends:
            return event
    return None


def rows(graph: nx.MultiDiGraph) -> list[dict]:
    """One dict per statement, sorted by document, offset, relation and ends."""
    articles = graph.graph.get("articles") or {}
    index = event_index(graph)
    out = []
    for u, v, data in graph.edges(data=True):
        for ev in data.get("evidence") or []:
            event = event_of(index, u, data["relation"], v, ev) or {}
            article = articles.get(ev["doc_id"]) or {}
            out.append(
                {
                    "subject": graph.nodes[u].get("name") or u,
                    "relation": data["relation"],
                    "object": graph.nodes[v].get("name") or v,
                    "status": data["status"],
                    "date": event.get("date"),
                    "date_source": event.get("date_source") if event.get("date") else None,
                    "confidence": f"{float(ev.get('confidence', data['confidence'])):.2f}",
                    "fact_confidence": f"{float(data['confidence']):.2f}",
                    "support": data.get("support", len(data["evidence"])),
                    "document": ev["doc_id"],
                    "title": ev.get("title") or article.get("title"),
                    "published": article.get("published"),
                    "sentence": ev["sentence"],
                    "sentence_start": ev["sent_start"],
                    "sentence_end": ev["sent_end"],
                    "start": ev["start"],
                    "end": ev["end"],
                    "rule": ev["rule"],
                    "verb": data.get("verb"),
                    "date_text": ev.get("date_text"),
                    "subject_id": u,
                    "object_id": v,
                }
            )
    out.sort(key=lambda r: (r["document"], r["start"], r["relation"], r["subject_id"], r["object_id"], r["rule"]))
    return out


def to_facts_csv(graph: nx.MultiDiGraph) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(graph):
        writer.writerow({k: cell(v) for k, v in row.items()})
    return buffer.getvalue()


def write_facts(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, to_facts_csv(graph))
