"""facts.csv: one row per statement (a fact as read in one sentence) with its evidence, for a spreadsheet.

Columns: subject, relation, object, status, date, date_source, confidence (the rule's, for this
sentence), fact_confidence (all sentences combined), support, document, title, published, sentence,
sentence_start, sentence_end, start, end, rule, verb, date_text, subject_id, object_id. `date` is the date
of the event the statement reports, where kg could date it. Offsets index into the article body.

A text cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return) is written with a leading apostrophe, the usual guard: article text is data, never a formula.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path

import networkx as nx

from kg.export.cells import Cells, csv_blocks
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


def event_index(graph: nx.MultiDiGraph) -> dict[tuple[str, int], list[tuple[dict, frozenset[str]]]]:
    """Events by the (document, trigger offset) of each of their mentions, each with its ends (the
    entities among its parties and places)."""
    index: dict[tuple[str, int], list[tuple[dict, frozenset[str]]]] = defaultdict(list)
    for event in graph.graph.get("events") or []:
        ends = frozenset(p["entity"] for p in event["participants"]) | frozenset(event["places"])
        for m in event["mentions"]:
            index[(m["doc_id"], m["start"])].append((event, ends))
    return index


def event_kinds(relation: str) -> set[str | None]:
    """The kinds of event a statement of `relation` reports."""
    row = BY_NAME.get(relation)
    return {row.event, PHONE_CALL_OF.get(row.event or "")} if row else set()


def event_of(found: list[tuple[dict, frozenset[str]]], kinds: set[str | None], subject: str, obj: str) -> dict | None:
    """The event a statement reports, of those `found` at its trigger (event_index): of the relation's
    `kinds`, with both its ends among the event's parties and places."""
    for event, ends in found:
        if event["kind"] in kinds and subject in ends and obj in ends:
            return event
    return None


def rows(graph: nx.MultiDiGraph) -> list[dict]:
    """One dict per statement (keys: COLUMNS), sorted by document, offset, relation and ends."""
    return [dict(zip(COLUMNS, values, strict=True)) for values in row_values(graph)]


# the row's place of each sort key after the document: start, relation, subject_id, object_id, rule
WITHIN_DOCUMENT = tuple(COLUMNS.index(c) for c in ("start", "relation", "subject_id", "object_id", "rule"))


def row_values(graph: nx.MultiDiGraph) -> list[tuple]:
    """One tuple per statement, its values in COLUMNS order (tuples: 90,000 dicts cost a second)."""
    articles = graph.graph.get("articles") or {}
    index = event_index(graph)
    names = {n: d.get("name") or n for n, d in graph.nodes(data=True)}
    kinds_of: dict[str, set[str | None]] = {}
    # a confidence as written: a dozen values on ninety thousand rows
    written: dict[object, str] = {}

    def two_places(value: object) -> str:
        text = written.get(value)
        if text is None:
            text = written[value] = f"{float(value):.2f}"  # type: ignore[arg-type]
        return text

    # rows by document, each document's sorted alone: the order of one sort of all rows (both stable), at a
    # fraction of its comparisons
    by_document: dict[str, list[tuple]] = defaultdict(list)
    for u, v, data in graph.edges(data=True):
        relation, status, verb = data["relation"], data["status"], data.get("verb")
        fact_confidence = two_places(data["confidence"])
        support = data.get("support", len(data["evidence"]))
        kinds = kinds_of.get(relation)
        if kinds is None:
            kinds = kinds_of[relation] = event_kinds(relation)
        for ev in data.get("evidence") or []:
            found = index.get((ev["doc_id"], ev["start"]))
            event = (event_of(found, kinds, u, v) if found else None) or {}
            article = articles.get(ev["doc_id"]) or {}
            date = event.get("date")
            by_document[ev["doc_id"]].append(
                (
                    names[u],
                    relation,
                    names[v],
                    status,
                    date,
                    event.get("date_source") if date else None,
                    two_places(ev.get("confidence", data["confidence"])),
                    fact_confidence,
                    support,
                    ev["doc_id"],
                    ev.get("title") or article.get("title"),
                    article.get("published"),
                    ev["sentence"],
                    ev["sent_start"],
                    ev["sent_end"],
                    ev["start"],
                    ev["end"],
                    ev["rule"],
                    verb,
                    ev.get("date_text"),
                    u,
                    v,
                )
            )
    out: list[tuple] = []
    within = itemgetter(*WITHIN_DOCUMENT)
    for document in sorted(by_document):
        out.extend(sorted(by_document[document], key=within))
    return out


def facts_csv_blocks(graph: nx.MultiDiGraph) -> Iterator[str]:
    """facts.csv's text, a block of rows at a time (kg.export.cells.csv_blocks)."""
    return csv_blocks(COLUMNS, row_values(graph), Cells())


def to_facts_csv(graph: nx.MultiDiGraph) -> str:
    return "".join(facts_csv_blocks(graph))


def write_facts(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, (block.encode("utf-8") for block in facts_csv_blocks(graph)))
