"""CSV cells as `csv.writer` writes them, each distinct value written once (facts.csv, the Neo4j files).

A big graph's CSV files repeat their ids, names, documents and sentences on many rows: quoting each
value once and looking it up after that (in C, through `map`) costs a fraction of the writer's per-row
work, for the same bytes (tests compare with `csv.writer`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

FORMULA_FIRST = frozenset("=+-@\t\r")  # a cell's first character a spreadsheet would run as a formula


class Cells(dict):
    """A row value -> its cell as `csv.writer` writes it (quoted where needed, None empty); with
    `guard_formulas`, a string that a spreadsheet would run as a formula gets a leading apostrophe. Rows
    hold strings, ints and None, never bools (True would be found as 1)."""

    def __init__(self, guard_formulas: bool = True) -> None:
        super().__init__()
        self.guard_formulas = guard_formulas
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")

    def __missing__(self, value: object) -> str:
        if value is None:
            cell = ""
        else:
            guarded = value
            if self.guard_formulas and value.__class__ is str and value[:1] in FORMULA_FIRST:
                guarded = "'" + value
            self.buffer.seek(0)
            self.buffer.truncate()
            self.writer.writerow((guarded, 0))  # two cells: the writer quotes a row of one empty cell
            cell = self.buffer.getvalue()[: -len(",0\n")]
        self[value] = cell
        return cell


def csv_text(header: tuple[str, ...], rows: list[tuple]) -> str:
    """A CSV file's text: the header, then the rows in the order given ("\\n" ends every line)."""
    return "".join(csv_blocks(header, rows, Cells(guard_formulas=False)))


# Rows per block of csv_blocks: a few hundred kilobytes of text, made and written in memory the last block
# freed (one string of a 50 MB file, and its encoding, cost a tenth of a second in fresh pages alone).
BLOCK_ROWS = 2000


def csv_blocks(header: tuple[str, ...], rows: list[tuple], cells: Cells) -> Iterator[str]:
    """A CSV file's text in blocks of lines: the header, then the rows in the order given, each line ended
    by "\\n"."""
    cell = cells.__getitem__
    yield ",".join(map(cell, header)) + "\n"
    for start in range(0, len(rows), BLOCK_ROWS):
        yield "".join([",".join(map(cell, row)) + "\n" for row in rows[start : start + BLOCK_ROWS]])
