"""SPARQL over an exported graph, through Oxigraph (pyoxigraph): fast on large graphs.

Queries are read-only and answer from the graph alone: SERVICE (a query sent on to another endpoint) is
refused before anything runs. kg's prefixes are given to the parser rather than written before the query, so
an error's line and column are those of the query as the user wrote it. `kg.sparql.query_graph(..., timeout=...)`
runs the query in a worker process that is stopped at the deadline.

The graph is queried through an on-disk Oxigraph store kept beside the Turtle (`graph.ttl.oxigraph/`, made by
`kg build`); it is rebuilt from the Turtle when it is missing, stale or cannot be opened.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import vocab
from kg.errors import QueryError

log = logging.getLogger(__name__)

PREFIXES = {**vocab.PREFIXES, "kg": vocab.kg_ns()}
GRAPH_NAME = "graph.ttl"
DEFAULT_TIMEOUT = 30.0
STORE_ERRORS = (OSError, RuntimeError, ValueError)  # what pyoxigraph raises for a store it cannot open

# What may hide the word SERVICE from a reader without being the keyword: long and short strings, IRIs,
# comments and escaped characters, in the order SPARQL's grammar reads them.
HIDING = re.compile(
    r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'
    r"|'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|\\."
    r"|#[^\n\r]*",
    re.S,
)
SERVICE_WORD = re.compile(r"(?i)service")
# "service" inside a variable name (?service) or in the local part of a prefixed name (ex:service) is a name
NAME_BEFORE = re.compile(r"(?:[?$]\w*|:[\w%-]*)$")


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]


@dataclass(frozen=True)
class StoreSource:
    """Where a worker finds the graph: the on-disk store, or (when there is none) the Turtle to load."""

    graph: str
    store: str | None


def refuse_remote(query: str) -> None:
    """Raise QueryError when the query could reach outside the graph (SERVICE, federated queries). The test is
    on the text with strings, IRIs and comments blanked; a name containing "service" after a dot or as a prefix
    is refused too (write it as a full IRI), as the parser could read it as the keyword."""
    text = HIDING.sub(lambda m: " " * len(m.group()), query)
    for match in SERVICE_WORD.finditer(text):
        if not NAME_BEFORE.search(text, 0, match.start()):
            line = text.count("\n", 0, match.start()) + 1
            raise QueryError(
                f"SERVICE (line {line}) is refused: kg answers from its own graph and never sends a query on to "
                "another endpoint (if 'service' is part of a name there, write the name as a full <IRI>)"
            )


def graph_file(path: str | Path) -> Path:
    """The Turtle file to query: the path itself, or graph.ttl inside a folder. QueryError says what to do."""
    path = Path(path)
    if path.is_dir():
        inner = path / GRAPH_NAME
        if inner.is_file():
            return inner
        raise QueryError(f"{path}: a folder without {GRAPH_NAME} (pass the graph file, or run `kg build` first)")
    if not path.exists():
        raise QueryError(f"{path}: no such graph file (run `kg build` first, or pass --graph)")
    if not path.is_file():
        raise QueryError(f"{path}: not a regular file (pass the graph.ttl that `kg build` wrote)")
    return path


def stamp_of(path: Path) -> str:
    info = path.stat()
    return f"{info.st_size}:{info.st_mtime_ns}"


def store_dir(graph_path: Path) -> Path:
    return graph_path.with_name(graph_path.name + ".oxigraph")


def build_store(graph_path: str | Path) -> Path:
    """An on-disk Oxigraph store beside the Turtle file, so queries need not parse the Turtle again. Made in a
    hidden temporary folder and renamed into place; raises QueryError when the Turtle is not valid."""
    path = Path(graph_path)

    def load(store: ox.Store) -> None:
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"{path}: cannot be read as Turtle ({exc})") from exc

    return make_store(path, load, stamp=True)


def make_store(path: Path, load: Callable[[ox.Store], None], units: str | None = None, stamp: bool = False) -> Path:
    """A store for the graph file `path`, filled by `load` in a hidden temporary folder, stamped with the
    file when `stamp` (else see stamp_store), and renamed into place (store_dir)."""
    target = store_dir(path)
    tmp = Path(tempfile.mkdtemp(prefix=".store-", dir=path.parent))
    try:
        store = ox.Store(str(tmp))
        load(store)
        store.flush()
        del store
        if units is not None:
            (tmp / UNITS_FILE).write_text(units, encoding="utf-8")
        if stamp:
            (tmp / "kg-stamp").write_text(stamp_of(path), encoding="utf-8")
        replace_store(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def replace_store(folder: Path, target: Path) -> None:
    """Rename a finished store to `target`, the one there before moved aside and removed."""
    if target.exists() or target.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=".trash-", dir=target.parent))
        target.rename(old / "store")
        shutil.rmtree(old, ignore_errors=True)
    folder.rename(target)


# What a store made by `kg build` holds, named by the units of the export it was loaded from (kg.pipeline):
# the next build updates a store that holds the units its memo says the last build made.
UNITS_FILE = "kg-units"


def store_from_triples(graph_path: str | Path, ntriples: Iterable[bytes], units: str | None) -> Path:
    """An on-disk store beside the Turtle file, loaded from the triples kg already holds (as N-Triples)
    rather than by parsing the Turtle it wrote; `units` names the content (see update_store; None: named
    later, by mark_units). Not stamped: the build writing the Turtle stamps it once both are whole
    (stamp_store)."""
    path = Path(graph_path)

    def load(store: ox.Store) -> None:
        with tempfile.TemporaryDirectory(prefix=".store-", dir=path.parent) as folder:
            load_ntriples(store, ntriples, Path(folder))

    return make_store(path, load, units)


def load_ntriples(store: ox.Store, ntriples: Iterable[bytes], folder: Path) -> None:
    """Bulk-load N-Triples (chunks of whole lines) a part at a time, each through a file in `folder`:
    Oxigraph reads a file without Python's lock, so a build writes its other outputs meanwhile (from a
    Python stream it holds the lock throughout)."""
    part_file = folder / "part.nt"
    for part in parts(ntriples, LOAD_BYTES):
        with part_file.open("wb") as handle:
            handle.writelines(part)
        store.bulk_load(path=str(part_file), format=ox.RdfFormat.N_TRIPLES)
    part_file.unlink(missing_ok=True)


# N-Triples per bulk load. Oxigraph's bulk loader holds what it is given until it writes it out: a
# 2,000-article graph (1.8 million triples, 250 MB of N-Triples) in one load took 1.3 GB on top of the
# build, in loads of 16 MB 90 MB (12.4 s against 10.2 s; 32 and 64 MB took as long as 16).
LOAD_BYTES = 16 << 20


def parts(chunks: Iterable[bytes], size: int) -> Iterator[list[bytes]]:
    """`chunks` (whole lines each) in consecutive groups of about `size` bytes."""
    group: list[bytes] = []
    held = 0
    for chunk in chunks:
        group.append(chunk)
        held += len(chunk)
        if held >= size:
            yield group
            group, held = [], 0
    if group:
        yield group


def store_units(folder: Path) -> str | None:
    """What a store folder holds (as named by its last load or update), if it was made by a build."""
    try:
        return (folder / UNITS_FILE).read_text(encoding="utf-8")
    except OSError:
        return None


def stamp_store(graph_path: str | Path) -> None:
    """Stamp the store beside a graph file with the file's size and time, once both are whole (a build
    writes them on different threads: the stores it makes, from triples or by update, come unstamped)."""
    path = Path(graph_path)
    (store_dir(path) / "kg-stamp").write_text(stamp_of(path), encoding="utf-8")


def mark_units(graph_path: str | Path, units: str) -> None:
    """Name what the store beside a graph holds (after build_store), so the next build can update it."""
    (store_dir(Path(graph_path)) / UNITS_FILE).write_text(units, encoding="utf-8")


def update_store(
    committed: Path, graph_path: str | Path, units: str, prefixes: str, removed: Sequence[str],
    inserted: Sequence[str], previous: str,
) -> Path | None:  # fmt: skip
    """The store beside `graph_path` (a staged graph) made from the `committed` one, which must hold the
    content named `previous`: a copy of it (Oxigraph's backup: hard links to its immutable files) with the
    `removed` triples dropped and the `inserted` ones added (SPARQL triples, with `prefixes` declared),
    named `units` and left unstamped (stamp_store). The committed store is only read, so the previous
    outputs stay whole until the new ones are. None (nothing made) when it does not hold
    `previous` or cannot be copied or updated: the caller then loads a new one. All of it runs in Oxigraph,
    without Python's lock."""
    if store_units(committed) != previous:
        return None
    path = Path(graph_path)
    tmp = Path(tempfile.mkdtemp(prefix=".store-", dir=path.parent))
    copy = tmp / "store"
    try:
        source = ox.Store.read_only(str(committed))
        source.backup(str(copy))
        del source
        store = ox.Store(str(copy))
        for operation, triples in (("DELETE", removed), ("INSERT", inserted)):
            for i in range(0, len(triples), 10_000):  # one update per ten thousand triples
                store.update(f"{prefixes}{operation} DATA {{\n" + "\n".join(triples[i : i + 10_000]) + "\n}")
        store.flush()
        del store
        (copy / UNITS_FILE).write_text(units, encoding="utf-8")
        replace_store(copy, store_dir(path))
    except (*STORE_ERRORS, SyntaxError) as exc:  # SyntaxError: an update Oxigraph could not read
        log.warning("%s: the query store could not be updated (%s); loading it whole", committed, exc)
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return store_dir(path)


def store_opens(folder: Path) -> bool:
    try:
        store = ox.Store.read_only(str(folder))
        del store
        return True
    except STORE_ERRORS as exc:
        log.warning("%s: the query store cannot be opened (%s); rebuilding it from the Turtle", folder, exc)
        return False


def store_is_current(path: Path) -> bool:
    try:
        return (store_dir(path) / "kg-stamp").read_text(encoding="utf-8") == stamp_of(path)
    except OSError:
        return False


def ensure_store(graph_path: str | Path) -> StoreSource:
    """The graph's on-disk store, (re)built when it is missing, stale or cannot be opened. When it cannot be
    written (a read-only folder, or a build is writing into the folder right now) the source names the Turtle,
    which is then loaded into memory."""
    from kg.outputs import OutputBusy, output_lock, settle

    path = graph_file(graph_path)
    settle(path.parent)
    folder = store_dir(path)
    if store_is_current(path) and store_opens(folder):
        return StoreSource(str(path), str(folder))
    try:
        with output_lock(path.parent, wait=False):
            if not (store_is_current(path) and store_opens(folder)):
                build_store(path)
    except (OutputBusy, OSError) as exc:
        log.info("%s: query store not written (%s); the Turtle is loaded into memory", path, exc)
        return StoreSource(str(path), None)
    return StoreSource(str(path), str(folder)) if store_opens(folder) else StoreSource(str(path), None)


def open_source(source: StoreSource) -> ox.Store:
    if source.store is not None:
        try:
            return ox.Store.read_only(source.store)
        except STORE_ERRORS as exc:
            log.warning("%s: cannot be opened (%s); loading %s into memory", source.store, exc, source.graph)
    store = ox.Store()
    try:
        store.bulk_load(path=source.graph, format=ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"{source.graph}: cannot be read as Turtle ({exc})") from exc
    except OSError as exc:
        raise QueryError(f"{source.graph}: cannot be read ({exc})") from exc
    return store


def load_store(graph_path: str | Path) -> ox.Store:
    """The graph as an Oxigraph store: the on-disk copy beside the Turtle when it is current (made by
    `kg build`, or now), else the Turtle loaded in memory."""
    return open_source(ensure_store(graph_path))


def term_text(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal | ox.NamedNode):
        return term.value
    return str(term)


def evaluate(store: ox.Store, query: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """The query's result (lazy for SELECT, CONSTRUCT and DESCRIBE), with kg's prefixes predeclared."""
    refuse_remote(query)
    try:
        return store.query(query, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"the query is not valid SPARQL: {exc}") from exc
    except OSError as exc:
        raise QueryError(f"the query could not be run: {exc}") from exc


def run_query(store: ox.Store, query: str) -> Table:
    """Any query form as a table: SELECT's columns, ASK as one `result` cell, CONSTRUCT and DESCRIBE as
    subject, predicate and object."""
    result = evaluate(store, query)
    try:
        if isinstance(result, ox.QueryBoolean | bool):
            return Table(("result",), (("true" if bool(result) else "false",),))
        if isinstance(result, ox.QuerySolutions):
            columns = tuple(v.value for v in result.variables)
            return Table(columns, tuple(tuple(term_text(sol[c]) for c in columns) for sol in result))
        rows = tuple((term_text(t.subject), term_text(t.predicate), term_text(t.object)) for t in result)
        return Table(("subject", "predicate", "object"), rows)
    except OSError as exc:
        raise QueryError(f"the query failed while running: {exc}") from exc


def query_file(graph_path: str | Path, query: str) -> Table:
    """Run a query over a graph file, here and without a time limit (kg.sparql.query_graph bounds it)."""
    refuse_remote(query)
    return run_query(open_source(ensure_store(graph_path)), query)


def read_query(query_or_file: str) -> str:
    """The query text: the argument itself, or the file it names. An argument without any space cannot be a
    query, so it must name a readable UTF-8 file."""
    path = Path(query_or_file)
    looks_like_path = not any(c.isspace() for c in query_or_file.strip()) and "{" not in query_or_file
    try:
        is_file = len(query_or_file) < 4096 and path.is_file()
    except OSError:  # a long query text is no file name ("File name too long")
        is_file = False
    if not (looks_like_path or is_file):
        return query_or_file
    if path.is_dir():
        raise QueryError(f"{path}: a folder, not a query (pass a .rq file or the query text)")
    if not path.exists():
        raise QueryError(f"{path}: no such query file (pass a .rq file or the query text in quotes)")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: not UTF-8 text (save the query as UTF-8)") from exc
    except OSError as exc:
        raise QueryError(f"{path}: cannot be read ({exc.strerror})") from exc


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
