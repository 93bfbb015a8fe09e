"""CSV text written cell by cell, each distinct value once: the bytes csv.writer writes."""

from __future__ import annotations

import csv
import io

from kg.export.cells import Cells, csv_text


def written(rows: list[tuple]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def test_csv_text_is_what_the_csv_writer_writes_and_guards_no_formula() -> None:
    header = ("id:ID(Entity)", "name", "count:int")
    rows = [
        ("a", "plain", "3"),
        ("b", 'say "no"', "12"),
        ("c", "a,b", ""),
        ("d", "=SUM(A1)", "-1"),
        ("e", " padded ", "0"),
        ("f", "Zoë’s “quote”", "7"),
        ("a", "plain", "3"),
    ]
    assert csv_text(header, rows) == written([header, *rows])
    assert csv_text(header, []) == written([header])


def test_a_cell_is_made_once_per_distinct_value() -> None:
    cells = Cells(guard_formulas=False)
    assert cells["=x"] == "=x" and cells["a,b"] == '"a,b"' and cells[None] == ""
    assert len(cells) == 3
    assert Cells()["=x"] == "'=x"  # a spreadsheet's file is guarded


def test_a_file_of_many_blocks_is_what_the_csv_writer_writes() -> None:
    """csv_blocks makes a big file a block of rows at a time: the blocks joined are the writer's bytes."""
    from kg.export.cells import BLOCK_ROWS

    header = ("n", "text")
    rows = [(str(i), f"row, {i}" if i % 3 else "plain") for i in range(2 * BLOCK_ROWS + 7)]
    assert csv_text(header, rows) == written([header, *rows])
