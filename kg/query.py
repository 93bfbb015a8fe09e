"""SPARQL over an exported graph, through Oxigraph (pyoxigraph): fast on large graphs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import vocab
from kg.errors import QueryError

PREFIX_HEADER = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in {**vocab.PREFIXES, "kg": vocab.kg_ns()}.items())


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]


def stamp_of(path: Path) -> str:
    info = path.stat()
    return f"{info.st_size}:{info.st_mtime_ns}"


def store_dir(graph_path: Path) -> Path:
    return graph_path.with_name(graph_path.name + ".oxigraph")


def build_store(graph_path: str | Path) -> Path:
    """An on-disk Oxigraph store beside the Turtle file, so queries need not parse the Turtle again."""
    import shutil
    import tempfile

    path = Path(graph_path)
    target = store_dir(path)
    tmp = Path(tempfile.mkdtemp(prefix=".store-", dir=path.parent))
    try:
        store = ox.Store(str(tmp))
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        store.flush()
        del store
        (tmp / "kg-stamp").write_text(stamp_of(path), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def load_store(graph_path: str | Path) -> ox.Store:
    """The graph as an Oxigraph store: the on-disk copy beside the Turtle when it is current (made by
    `kg build`, or now), else the Turtle loaded in memory."""
    path = Path(graph_path)
    if not path.exists():
        raise QueryError(f"{path}: no such graph file (run `kg build` first, or pass --graph)")
    folder = store_dir(path)
    try:
        current = (folder / "kg-stamp").read_text(encoding="utf-8") == stamp_of(path)
    except OSError:
        current = False
    try:
        if not current:
            try:
                build_store(path)
            except OSError:  # a read-only folder: fall back to memory
                store = ox.Store()
                store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
                return store
        return ox.Store.read_only(str(folder))
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"{path}: cannot be read as Turtle ({exc})") from exc


def with_prefixes(query: str) -> str:
    """Add kg's usual prefixes unless the query declares its own."""
    declared = {line.split()[1] for line in query.splitlines() if line.strip().upper().startswith("PREFIX ")}
    missing = "".join(line + "\n" for line in PREFIX_HEADER.splitlines() if line.split()[1] not in declared)
    return missing + query


def term_text(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def run_query(store: ox.Store, query: str) -> Table:
    try:
        result = store.query(with_prefixes(query))
    except SyntaxError as exc:
        raise QueryError(f"the query is not valid SPARQL: {exc}") from exc
    if isinstance(result, bool):
        return Table(("result",), ((str(result).lower(),),))
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows = tuple(tuple(term_text(sol[c]) for c in columns) for sol in result)
        return Table(columns, rows)
    rows = tuple((term_text(t.subject), term_text(t.predicate), term_text(t.object)) for t in result)
    return Table(("subject", "predicate", "object"), rows)


def query_file(graph_path: str | Path, query: str) -> Table:
    return run_query(load_store(graph_path), query)


def read_query(query_or_file: str) -> str:
    path = Path(query_or_file)
    if len(query_or_file) < 4096 and "\n" not in query_or_file and path.suffix in {".rq", ".sparql", ".txt"}:
        if not path.exists():
            raise QueryError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    return query_or_file


def format_table(table: Table, fmt: str = "table", max_width: int = 80) -> str:
    if fmt == "json":
        return json.dumps(
            [dict(zip(table.columns, row, strict=True)) for row in table.rows], ensure_ascii=False, indent=1
        )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(table.columns)
        writer.writerows(table.rows)
        return buffer.getvalue()
    return text_table(table.columns, table.rows, max_width)


def shorten(value: str | None, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    for prefix in (vocab.BASE + "entity/", vocab.BASE + "document/", vocab.kg_ns()):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def text_table(columns: Sequence[str], rows: Sequence[Sequence[str | None]], max_width: int = 80) -> str:
    cells = [[shorten(v, max_width) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    out = [line, "-+-".join("-" * w for w in widths)]
    out += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
