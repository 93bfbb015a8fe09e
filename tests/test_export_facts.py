"""facts.csv: one row per statement with its evidence and the date of the event it reports."""

from __future__ import annotations

import csv
import io

from kg.export.facts import COLUMNS, to_facts_csv, write_facts
from tests.test_export_html import add_fact, sample_graph
from tests.test_export_neo4j import with_event


def test_one_row_per_statement_with_evidence_and_date(tmp_path) -> None:
    graph = with_event(sample_graph())
    add_fact(graph, "gpe/russia", "interactedWith", "org/nato", verb="warn", sentence="=HYPERLINK(1) Russia warned.")
    text = to_facts_csv(graph)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    for need in ("subject", "relation", "object", "status", "date", "confidence", "document", "sentence", "start"):
        assert need in COLUMNS
    assert len(rows) == sum(len(d["evidence"]) for *_, d in graph.edges(data=True))
    planned = next(r for r in rows if r["relation"] == "metWith" and r["status"] == "planned")
    assert planned["subject"] == "Donald Trump" and planned["object"] == "Vladimir Putin"
    assert planned["date"] == "2025-08-15" and planned["date_source"] == "sentence+metadata"
    assert planned["sentence"] == "Trump will meet Putin in Alaska on Friday."
    assert planned["document"] == "a1" and planned["title"] == "Trump and Putin to meet in Alaska"
    assert (planned["sentence_start"], planned["start"], planned["end"]) == ("0", "0", "4")
    assert planned["confidence"] == "0.80"
    spoke = next(r for r in rows if r["relation"] == "spokeWith")
    assert spoke["date"] == ""  # no event was dated for it: nothing is guessed
    warned = next(r for r in rows if r["verb"] == "warn")
    assert warned["sentence"].startswith("'=HYPERLINK")  # a spreadsheet shows it, never runs it
    assert to_facts_csv(graph) == text
    assert write_facts(graph, tmp_path / "facts.csv").read_text(encoding="utf-8") == text


def test_cells_are_what_the_csv_writer_writes() -> None:
    """Each distinct value is written once and looked up after that; the rows must not change."""
    from kg.export.cells import FORMULA_FIRST, Cells

    values = ["", "plain", 'say "no"', "a,b", "two\nlines", "cr\rhere", " padded ", "=SUM(A1)", "+1", "-x", "@me",
              "\ttab", "Zoë’s “quote”", 0, -3, 12345678901234567890, None, "plain", None, 7]  # fmt: skip
    rows = [tuple(values), tuple(reversed(values)), ("", None), (None,), ("only",)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [("'" + v) if isinstance(v, str) and v[:1] in FORMULA_FIRST else v for v in row] for row in rows[:3]
    )
    cell = Cells().__getitem__
    assert "".join(",".join(map(cell, row)) + "\n" for row in rows[:3]) == buffer.getvalue()
    assert cell(None) == "" and cell("only") == "only"


def test_rows_are_in_document_then_offset_relation_and_ends_order() -> None:
    """Rows are grouped by document, each document's sorted by offset, relation, ends and rule: the order of
    one sort of all rows by those keys, whatever the order of the edges and their sentences."""
    from operator import itemgetter

    from kg.export.facts import row_values

    graph = sample_graph()
    add_fact(graph, "gpe/russia", "interactedWith", "org/nato", verb="warn", doc="a2")
    add_fact(graph, "org/nato", "spokeWith", "gpe/russia", doc="a0")
    for _u, _v, data in list(graph.edges(data=True)):  # more sentences, in other documents and places
        data["evidence"] = [
            *data["evidence"],
            *({**data["evidence"][0], "doc_id": doc, "start": start} for doc, start in (("a2", 30), ("a0", 5))),
        ]
    rows = row_values(graph)
    keys = itemgetter(*(COLUMNS.index(c) for c in ("document", "start", "relation", "subject_id", "object_id", "rule")))
    assert rows == sorted(rows, key=keys)
    assert {r[COLUMNS.index("document")] for r in rows} >= {"a0", "a1", "a2"}
    assert len(rows) == sum(len(d["evidence"]) for *_, d in graph.edges(data=True))
