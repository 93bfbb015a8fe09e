"""Bounded SPARQL: queries run in worker processes that are killed at their deadline, so a runaway query
stops using the CPU and memory it took (Oxigraph has no timeout of its own and does not return to Python
while it evaluates). Results leave the worker in small chunks as they are produced, never all at once, and
stop after a row limit.

A worker keeps the graph's store open and answers one job at a time over a pipe:
    job  → ("error", http status, message)                          the query was refused or is not valid
         | ("start", type, bytes) ("data", bytes)* ("end", rows, note, bytes, None)   a long result, streamed
         | ("end", rows, note, bytes, type)                          a short result, whole
         | ("columns", names) ("rows", [row, ...])* ("end", rows, None)   a table for `kg query`
`note` says why the output stopped early (the row limit), or is None.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from kg.errors import KgError, QueryError
from kg.query import StoreSource, Table, ensure_store, evaluate, open_source, query_file, refuse_remote, term_text
from kg.textsafe import safe_string

log = logging.getLogger(__name__)

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
RESULT_TYPES = (JSON_RESULTS, XML_RESULTS, CSV, TSV)
GRAPH_TYPES = (TURTLE, NTRIPLES)
CHUNK_BYTES = 64 * 1024
BATCH_ROWS = 1000
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
DEFAULT_MEMORY_MB = 2048
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Job:
    query: str
    mode: str = "stream"  # "stream": serialised results for a client; "table": rows for `kg query`
    accept: str = ""  # the client's Accept header
    max_rows: int | None = None


@dataclass(frozen=True)
class Outcome:
    """How a job ended: "ok", "error" (status and message), "timeout", "busy" (no free worker in time),
    "gone" (the client left) or "crashed" (the worker died: out of memory, most likely)."""

    kind: str
    status: int = 200
    message: str = ""
    rows: int = 0
    note: str | None = None
    started: bool = False


# --- result formats (run in the worker, except the tails, which the server may need to write itself) ---


# other names clients use for the same formats
ALIASES = {"application/json": JSON_RESULTS, "application/xml": XML_RESULTS, "text/xml": XML_RESULTS}


def pick(accept: str, offered: tuple[str, ...]) -> str:
    """The first offered type the Accept header names (ignoring q-values), else the first offered."""
    for part in accept.split(","):
        kind = part.split(";")[0].strip().lower()
        kind = ALIASES.get(kind, kind)
        if kind in offered:
            return kind
    return offered[0]


def term_json(term: Any) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: term_json(getattr(term, p)) for p in parts}}
    return {"type": "literal", "value": str(term)}


def term_xml(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(safe_string(term.value))}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(safe_string(term.value))}</bnode>"
    if isinstance(term, ox.Literal):
        value = xml_escape(safe_string(term.value), {"\n": "&#10;", "\t": "&#9;"})
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{value}</literal>"
        if term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            return f"<literal datatype={quoteattr(term.datatype.value)}>{value}</literal>"
        return f"<literal>{value}</literal>"
    if isinstance(term, ox.Triple):
        inner = "".join(f"<{p}>{term_xml(getattr(term, p))}</{p}>" for p in ("subject", "predicate", "object"))
        return f"<triple>{inner}</triple>"
    return f"<literal>{xml_escape(safe_string(str(term)))}</literal>"


def term_csv(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        text = "_:" + term.value
    elif isinstance(term, ox.NamedNode | ox.Literal):
        text = term.value
    else:
        text = str(term)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def solutions_head(fmt: str, names: list[str]) -> bytes:
    if fmt == JSON_RESULTS:
        return ('{"head":{"vars":' + json.dumps(names) + '},"results":{"bindings":[\n').encode()
    if fmt == XML_RESULTS:
        variables = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head>{variables}</head><results>\n"
        ).encode()
    if fmt == CSV:
        return (",".join(names) + "\r\n").encode()
    return ("\t".join("?" + n for n in names) + "\n").encode()


def solution_row(fmt: str, names: list[str], solution: Any, first: bool) -> str:
    values = [solution[n] for n in names]
    if fmt == JSON_RESULTS:
        row = {n: term_json(v) for n, v in zip(names, values, strict=True) if v is not None}
        return ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
    if fmt == XML_RESULTS:
        bound = "".join(
            f"<binding name={quoteattr(n)}>{term_xml(v)}</binding>"
            for n, v in zip(names, values, strict=True)
            if v is not None
        )
        return f"<result>{bound}</result>\n"
    if fmt == CSV:
        return ",".join(term_csv(v) for v in values) + "\r\n"
    return "\t".join("" if v is None else str(v) for v in values) + "\n"


def stop_note(reason: str, rows: int) -> str:
    return f"{reason}; {rows} result{'s' if rows != 1 else ''} sent"


def solutions_tail(fmt: str, note: str | None) -> bytes:
    if fmt == JSON_RESULTS:
        extra = "" if note is None else ',"kg":' + json.dumps({"truncated": True, "message": note})
        return ("\n]}" + extra + "}\n").encode()
    if fmt == XML_RESULTS:
        comment = "" if note is None else "<!-- kg: " + note.replace("--", "\u2013") + " -->\n"
        return ("</results></sparql>\n" + comment).encode()
    return b""


def graph_tail(note: str | None) -> bytes:
    return b"" if note is None else ("# kg: " + note.replace("\n", " ") + "\n").encode()


def tail(fmt: str, note: str | None) -> bytes:
    return graph_tail(note) if fmt in GRAPH_TYPES else solutions_tail(fmt, note)


def boolean_body(fmt: str, value: bool) -> bytes:
    word = "true" if value else "false"
    if fmt == XML_RESULTS:
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head></head><boolean>{word}</boolean></sparql>\n"
        ).encode()
    if fmt in (CSV, TSV):
        return word.encode()
    return ('{"head":{},"boolean":' + word + "}\n").encode()


# --- the worker process ---


class Sender:
    """Collects output into chunks of about CHUNK_BYTES, so the pipe carries few large messages. The first
    chunk goes with "start"; a result that fits in one chunk is sent whole with "end", in one message."""

    def __init__(self, conn: Connection, fmt: str) -> None:
        self.conn, self.fmt = conn, fmt
        self.parts: list[bytes] = []
        self.size = 0
        self.started = False

    def write(self, data: bytes) -> None:
        self.parts.append(data)
        self.size += len(data)
        if self.size >= CHUNK_BYTES:
            self.conn.send(("data", self.take()) if self.started else ("start", self.fmt, self.take()))
            self.started = True

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data

    def end(self, rows: int, note: str | None) -> None:
        """("end", rows, note, last bytes, the format when nothing was sent before, else None)."""
        self.conn.send(("end", rows, note, self.take(), None if self.started else self.fmt))


def limit_note(max_rows: int) -> str:
    return f"stopped at the server's row limit of {max_rows} results: add LIMIT, or narrow the query"


def evaluated(store: ox.Store, job: Job, conn: Connection) -> Any | None:
    """The job's result, or None when the query is refused (the client is told why)."""
    try:
        return evaluate(store, job.query)
    except KgError as exc:
        conn.send(("error", 400, str(exc)))
        return None


def stream(store: ox.Store, job: Job, conn: Connection) -> None:
    """Run one job and send its output (in the worker)."""
    result = evaluated(store, job, conn)
    if result is None:
        return
    if isinstance(result, ox.QueryBoolean | bool):
        fmt = pick(job.accept, RESULT_TYPES)
        out = Sender(conn, fmt)
        out.write(boolean_body(fmt, bool(result)))
        out.end(1, None)
        return
    graph = not isinstance(result, ox.QuerySolutions)
    fmt = pick(job.accept, GRAPH_TYPES if graph else RESULT_TYPES)
    out = Sender(conn, fmt)
    rows, note = 0, None
    names = [] if graph else [v.value for v in result.variables]
    if not graph:
        out.write(solutions_head(fmt, names))
    batch: list[Any] = []
    try:
        for item in result:
            if job.max_rows is not None and rows >= job.max_rows:
                note = limit_note(job.max_rows)
                break
            if graph:
                batch.append(item)
                if len(batch) >= BATCH_ROWS:
                    out.write(ox.serialize(batch, format=graph_format(fmt)) or b"")
                    batch = []
            else:
                out.write(solution_row(fmt, names, item, rows == 0).encode("utf-8"))
            rows += 1
    except OSError as exc:
        note = f"stopped by an error while running: {exc}"
    if batch:
        out.write(ox.serialize(batch, format=graph_format(fmt)) or b"")
    out.write(tail(fmt, None if note is None else stop_note(note, rows)))
    out.end(rows, note)


def graph_format(fmt: str) -> ox.RdfFormat:
    return ox.RdfFormat.N_TRIPLES if fmt == NTRIPLES else ox.RdfFormat.TURTLE


def table(store: ox.Store, job: Job, conn: Connection) -> None:
    """Run one job for `kg query`: columns first, then rows in batches."""
    result = evaluated(store, job, conn)
    if result is None:
        return
    if isinstance(result, ox.QueryBoolean | bool):
        conn.send(("columns", ("result",)))
        conn.send(("rows", [("true" if bool(result) else "false",)]))
        conn.send(("end", 1, None))
        return
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)

        def row(sol: Any) -> tuple:
            return tuple(term_text(sol[c]) for c in columns)
    else:
        columns = ("subject", "predicate", "object")

        def row(t: Any) -> tuple:
            return (term_text(t.subject), term_text(t.predicate), term_text(t.object))

    conn.send(("columns", columns))
    rows, batch = 0, []
    try:
        for item in result:
            batch.append(row(item))
            rows += 1
            if len(batch) >= BATCH_ROWS:
                conn.send(("rows", batch))
                batch = []
    except OSError as exc:
        conn.send(("error", 500, f"the query failed while running: {exc}"))
        return
    conn.send(("rows", batch))
    conn.send(("end", rows, None))


def limit_memory(megabytes: int | None) -> None:
    if not megabytes:
        return
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a worker stopped by the limit leaves no core file
    except (ImportError, ValueError, OSError) as exc:  # not on this system: the timeout still bounds the query
        log.info("worker memory limit not set (%s)", exc)


def worker_main(conn: Connection, source: StoreSource, memory_mb: int | None) -> None:
    """The worker process: open the store, then answer jobs until the pipe closes."""
    limit_memory(memory_mb)
    try:
        store = open_source(source)
    except (KgError, OSError, RuntimeError, ValueError) as exc:
        conn.send(("fatal", str(exc)))
        return
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if job.mode == "table":
                table(store, job, conn)
            else:
                stream(store, job, conn)
        except (BrokenPipeError, EOFError):
            return
        except Exception as exc:  # a bug must not leave the server waiting for an answer
            log.exception("query failed in the worker")
            conn.send(("error", 500, f"the query failed ({type(exc).__name__}: {exc})"))


# --- the parent's side ---


def worker_from_argv() -> None:
    """The worker's entry point: `python -c ... SOCKET_FD GRAPH STORE MEMORY_MB` (STORE and MEMORY_MB may be
    "-")."""
    fd, graph, store, memory = sys.argv[1:5]
    conn = Connection(int(fd))
    source = StoreSource(graph, None if store == "-" else store)
    worker_main(conn, source, None if memory == "-" else int(memory))


class QueryWorker:
    """One worker process and the socket to it. Workers are fresh interpreters (not forks): the server has
    threads and an open store, which a fork would copy in an unsafe state."""

    def __init__(self, source: StoreSource, memory_mb: int | None, generation: int = 0) -> None:
        self.generation = generation
        mine, theirs = socket.socketpair()
        command = "from kg.sparql import worker_from_argv; worker_from_argv()"
        args = [str(theirs.fileno()), source.graph, source.store or "-", str(memory_mb) if memory_mb else "-"]
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", command, *args],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                env={**os.environ, "RUST_BACKTRACE": "0"},  # a query stopped by the memory limit: one line
            )
        finally:
            theirs.close()
        self.conn = Connection(mine.detach())
        if not self.conn.poll(START_TIMEOUT):
            self.kill()
            raise QueryError("the query worker did not start in time")
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise QueryError("the query worker stopped while opening the graph") from None
        if message[0] != "ready":
            self.kill()
            raise QueryError(message[1])

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            log.warning("query worker %s did not stop", self.process.pid)
        self.conn.close()

    def run(
        self,
        job: Job,
        deadline: float,
        on_message: Callable[[tuple], None],
        client: socket.socket | None = None,
    ) -> str:
        """Send the job and pass each message to `on_message` until "end" or "error". Returns "done",
        "timeout", "gone" (the client closed its connection, or writing to it failed) or "crashed". The
        worker is unusable after anything but "done"."""
        self.conn.send(job)
        watched: list[Any] = [self.conn] + ([client] if client is not None else [])
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return "timeout"
            ready = wait(watched, remaining)
            if client is not None and client in ready:
                if client_left(client):
                    return "gone"
                watched.remove(client)  # the client sent its next request early: look again after this one
            if self.conn not in ready:
                continue
            try:
                message = self.conn.recv()
            except (EOFError, OSError):
                return "crashed"
            try:
                on_message(message)
            except OSError:
                return "gone"
            if message[0] in ("end", "error"):
                return "done"


def client_left(sock: socket.socket) -> bool:
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


class QueryPool:
    """A fixed number of query workers; a job waits for a free one until its deadline. A worker that timed
    out, crashed or lost its client is killed and replaced in the background. `reload` moves the pool to a
    new store: workers on the old one are replaced as they come free."""

    def __init__(self, source: StoreSource, size: int = 2, memory_mb: int | None = DEFAULT_MEMORY_MB) -> None:
        self.source, self.size, self.memory_mb = source, max(1, size), memory_mb
        self.generation = 0
        self.idle: queue.Queue[QueryWorker] = queue.Queue()
        self.lock = threading.Lock()
        self.closed = False
        self.live: set[QueryWorker] = set()
        with ThreadPoolExecutor(self.size) as starting:  # workers start side by side
            started = [starting.submit(QueryWorker, source, memory_mb) for _ in range(self.size)]
        failed = [f.exception() for f in started if f.exception() is not None]
        for future in started:
            if future.exception() is None:
                self.add(future.result())
        if failed:
            self.close()
            raise failed[0]

    def add(self, worker: QueryWorker) -> None:
        with self.lock:
            if self.closed:
                worker.kill()
                return
            self.live.add(worker)
        self.idle.put(worker)

    def replace(self, worker: QueryWorker) -> None:
        """Kill a worker and start another in the background."""
        with self.lock:
            self.live.discard(worker)
        worker.kill()

        def start() -> None:
            try:
                self.add(QueryWorker(self.source, self.memory_mb, self.generation))
            except KgError as exc:
                log.error("a query worker could not be started: %s", exc)

        threading.Thread(target=start, daemon=True, name="kg-worker-start").start()

    def reload(self, source: StoreSource) -> None:
        with self.lock:
            self.source = source
            self.generation += 1

    def acquire(self, deadline: float) -> QueryWorker | None:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                worker = self.idle.get(timeout=remaining)
            except queue.Empty:
                return None
            if worker.generation == self.generation and worker.alive():
                return worker
            self.replace(worker)

    def release(self, worker: QueryWorker) -> None:
        if worker.generation != self.generation:
            self.replace(worker)
        else:
            self.idle.put(worker)

    def run(
        self,
        job: Job,
        timeout: float,
        on_message: Callable[[tuple], None],
        client: socket.socket | None = None,
    ) -> Outcome:
        deadline = time.monotonic() + timeout
        worker = self.acquire(deadline)
        if worker is None:
            return Outcome("busy", 503, f"all {self.size} query workers stayed busy for {timeout:g} s; try again")
        state = {"started": False, "rows": 0, "note": None, "error": None}

        def track(message: tuple) -> None:
            if message[0] == "start":
                state["started"] = True
            elif message[0] == "end":
                state["rows"], state["note"] = message[1], message[2]
            elif message[0] == "error":
                state["error"] = message
            on_message(message)

        ended = "crashed"
        try:
            ended = worker.run(job, deadline, track, client)
        finally:
            if ended == "done":
                self.release(worker)
            else:
                self.replace(worker)
        started = bool(state["started"])
        if ended == "done" and state["error"] is not None:
            _, status, message = state["error"]
            return Outcome("error", status, message, started=started)
        if ended == "done":
            return Outcome("ok", rows=int(state["rows"]), note=state["note"], started=started)
        if ended == "timeout":
            return Outcome("timeout", 503, timeout_message(timeout), started=started)
        if ended == "crashed":
            message = "the query worker stopped (the query needed more memory than the server allows?)"
            return Outcome("crashed", 500, message, started=started)
        return Outcome("gone", started=started)

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers = list(self.live)
            self.live.clear()
        for worker in workers:
            worker.kill()


def timeout_message(timeout: float) -> str:
    return f"the query ran longer than {timeout:g} s and was stopped (raise --timeout, add LIMIT, or narrow it)"


def run_in_worker(source: StoreSource, query: str, timeout: float, memory_mb: int | None = None) -> Table:
    """Run one query for `kg query` in a worker process, stopped when it has run for `timeout` seconds.
    Raises QueryError for an invalid query or the timeout."""
    worker = QueryWorker(source, memory_mb)
    deadline = time.monotonic() + timeout
    columns: tuple[str, ...] = ()
    rows: list[tuple] = []
    failure: list[str] = []

    def collect(message: tuple) -> None:
        nonlocal columns
        if message[0] == "columns":
            columns = message[1]
        elif message[0] == "rows":
            rows.extend(message[1])
        elif message[0] == "error":
            failure.append(message[2])

    try:
        ended = worker.run(Job(query, mode="table"), deadline, collect)
    finally:
        worker.kill()
    if ended == "timeout":
        raise QueryError(timeout_message(timeout))
    if ended != "done":
        raise QueryError("the query worker stopped (out of memory?); narrow the query")
    if failure:
        raise QueryError(failure[0])
    return Table(columns, tuple(rows))


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def query_graph(graph_path: str | Path, query: str, timeout: float | None = None) -> Table:
    """Run a query over a graph file. With a timeout (seconds) it runs in a worker process that is stopped
    when the time is up (QueryError says so); without one, here."""
    if timeout is None:
        return query_file(graph_path, query)
    refuse_remote(query)
    return run_in_worker(ensure_store(graph_path), query, timeout)
