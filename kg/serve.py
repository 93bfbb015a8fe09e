"""`kg serve`: one local server for a built graph: the SPARQL 1.1 Protocol endpoint at /sparql, a query page at
/ (with the ready-made queries of `queries/`) and the build's graph page at /graph.

The endpoint is read-only and bounded. SERVICE is refused (kg.query.refuse_remote); each query runs in a worker
process killed at the timeout (kg.sparql); results are streamed (chunked) and stop at a row limit, which the
response reports (in SPARQL JSON a top-level "kg" member, in XML a closing comment, in Turtle and N-Triples a
closing comment, and always the HTTP trailer Kg-Truncated). Connections are served by a fixed pool of threads
with socket timeouts; requests with a Host header other than the server's own names are refused (DNS
rebinding), and so are cross-origin requests, unless `--cors ORIGIN` allows that one origin. Errors are plain
text with the right status: 400 bad request or query, 403 host or origin, 404, 405 method, 408 slow body,
411/413/415 body, 431 headers (from the standard library's parser), 503 timeout or busy.

When a new build lands in the graph's folder (its manifest changes), the server moves to it: the store, the
page and the graph page are always those of one build.
"""

from __future__ import annotations

import contextlib
import html
import ipaddress
import json
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from kg.errors import KgError, QueryError
from kg.query import DEFAULT_TIMEOUT, StoreSource, ensure_store, graph_file, refuse_remote, stamp_of
from kg.sparql import (
    CSV,
    DEFAULT_MEMORY_MB,
    JSON_RESULTS,
    TSV,
    XML_RESULTS,
    Job,
    QueryPool,
    tail,
)

log = logging.getLogger(__name__)

DEFAULT_MAX_ROWS = 100_000
MAX_BODY = 1_000_000
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
FORMATS = {"json": JSON_RESULTS, "xml": XML_RESULTS, "csv": CSV, "tsv": TSV, "turtle": "text/turtle"}
FORMATS["ntriples"] = "application/n-triples"
EXAMPLE = "SELECT ?a ?b WHERE { ?s kg:spokeWith ?o . ?s rdfs:label ?a . ?o rdfs:label ?b }"
PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 0  # 0: any free port
    timeout: float = DEFAULT_TIMEOUT  # seconds one query may run
    max_rows: int = DEFAULT_MAX_ROWS
    workers: int = 2  # query processes
    threads: int = 16  # connections served at once; a few more wait, the rest are answered 503
    cors: str | None = None  # the one origin allowed to read responses from a browser
    socket_timeout: float = 20.0  # seconds a connection may stay silent (an idle keep-alive, a stalled body)
    max_body: int = MAX_BODY
    memory_mb: int | None = DEFAULT_MEMORY_MB  # address space of one query process
    queries: Path | None = None  # folder of ready-made .rq files offered on the query page


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    text: str


@dataclass(frozen=True)
class Site:
    """What the server serves, all from one build."""

    stamp: str
    source: StoreSource
    graph_page: bytes | None
    queries: tuple[Query, ...] = field(default=())


def site_stamp(graph: Path) -> str:
    """Changes when a new build lands: the manifest is moved in last, so all its files are in place by then."""
    manifest = graph.parent / "manifest.json"
    try:
        return "m" + stamp_of(manifest) if manifest.is_file() else "g" + stamp_of(graph)
    except OSError:
        return ""


def read_queries(folder: Path | None) -> tuple[Query, ...]:
    """The ready-made queries: each .rq file, titled by its first comment line."""
    if folder is None or not folder.is_dir():
        return ()
    out = []
    for path in sorted(folder.glob("*.rq")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("%s: not offered on the query page (%s)", path, exc)
            continue
        first = text.lstrip().splitlines()[0] if text.strip() else ""
        title = first.lstrip("#").strip() if first.startswith("#") else path.stem
        out.append(Query(path.stem, title, text))
    return tuple(out)


def default_queries() -> Path | None:
    """`queries/` in the current folder, else the one beside kg's source (a checkout)."""
    for folder in (Path("queries"), Path(__file__).resolve().parent.parent / "queries"):
        if folder.is_dir():
            return folder
    return None


def load_site(graph: Path, queries: Path | None) -> Site:
    stamp = site_stamp(graph)
    source = ensure_store(graph)
    page_path = graph.parent / "graph.html"
    try:
        page = page_path.read_bytes() if page_path.is_file() else None
    except OSError:
        page = None
    return Site(stamp, source, page, read_queries(queries))


def embedded_json(value: object) -> str:
    """JSON that can sit inside a <script> element: no character of it can close the element."""
    text = json.dumps(value, ensure_ascii=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028")):
        text = text.replace(raw, escaped)
    return text.replace("\u2029", "\\u2029")


def query_page(graph_name: str, site: Site) -> bytes:
    options = "".join(f'<option value="{i}">{html.escape(q.title)}</option>' for i, q in enumerate(site.queries))
    picker = (
        f'<label>Ready-made queries: <select id="ready"><option value="">choose one…</option>{options}</select></label>'
        if site.queries
        else ""
    )
    graph_link = '<a href="/graph">the graph page</a>' if site.graph_page else "no graph page (run kg build)"
    page = PAGE.format(
        graph=html.escape(graph_name),
        graph_link=graph_link,
        picker=picker,
        example=html.escape(EXAMPLE),
        queries=embedded_json([q.text for q in site.queries]),
    )
    return page.encode("utf-8")


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>
body {{ font: 15px system-ui, sans-serif; margin: 1.5em; max-width: 75em; }}
textarea {{ width: 100%; font: 13px ui-monospace, monospace; }}
table {{ border-collapse: collapse; margin-top: 1em; }} td, th {{ border: 1px solid #ccc; padding: 2px 6px;
vertical-align: top; text-align: left; }} #status {{ color: #555; margin-top: .5em; }}
</style></head>
<body>
<h1>kg SPARQL endpoint</h1>
<p>Graph: {graph} · {graph_link} · endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol; kg's prefixes are
predeclared)</p>
<form id="form" method="get" action="/sparql">
<p>{picker}</p>
<textarea id="query" name="query" rows="14">{example}</textarea><br>
<label>Format: <select name="format" id="format"><option value="">table here</option><option>json</option>
<option>csv</option><option>tsv</option><option>xml</option><option>turtle</option></select></label>
<button type="submit">Run</button>
</form>
<div id="status"></div><div id="out"></div>
<script type="application/json" id="queries">{queries}</script>
<script>
"use strict";
const queries = JSON.parse(document.getElementById("queries").textContent);
const ready = document.getElementById("ready");
if (ready) ready.addEventListener("change", () => {{
  if (ready.value !== "") document.getElementById("query").value = queries[Number(ready.value)];
}});
function cell(term) {{
  const td = document.createElement("td");
  td.textContent = term ? term.value : "";
  return td;
}}
document.getElementById("form").addEventListener("submit", async (event) => {{
  if (document.getElementById("format").value !== "") return;
  event.preventDefault();
  const status = document.getElementById("status"), out = document.getElementById("out");
  status.textContent = "running…"; out.replaceChildren();
  const body = new URLSearchParams({{query: document.getElementById("query").value}});
  try {{
    const response = await fetch("/sparql", {{method: "POST", body,
      headers: {{"Accept": "application/sparql-results+json, text/turtle;q=0.5"}}}});
    const text = await response.text();
    if (!response.ok || !(response.headers.get("Content-Type") || "").includes("json")) {{
      status.textContent = response.ok ? "" : "error " + response.status;
      const pre = document.createElement("pre"); pre.textContent = text; out.append(pre); return;
    }}
    const data = JSON.parse(text);
    if ("boolean" in data) {{ status.textContent = "answer: " + data.boolean; return; }}
    const table = document.createElement("table"), head = table.insertRow();
    for (const name of data.head.vars) {{
      const th = document.createElement("th"); th.textContent = name; head.append(th);
    }}
    for (const row of data.results.bindings) {{
      const tr = table.insertRow();
      for (const name of data.head.vars) tr.append(cell(row[name]));
    }}
    const rows = data.results.bindings.length;
    status.textContent = rows + " row" + (rows === 1 ? "" : "s") + (data.kg ? " — " + data.kg.message : "");
    out.append(table);
  }} catch (error) {{ status.textContent = "failed: " + error; }}
}});
</script>
</body></html>
"""


def host_names(host: str) -> frozenset[str]:
    """The names a Host header may carry for a server bound to `host` (DNS rebinding sends another name)."""
    names = {host.lower().strip("[]")}
    loopback = host in ("localhost", "::1") or host.startswith("127.")
    if loopback:
        names |= {"localhost", "127.0.0.1", "::1"}
    if host in ("", "0.0.0.0", "::"):
        names |= {"localhost", socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


def split_host(value: str) -> tuple[str, int | None]:
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    else:
        name, _, port = value.partition(":")
    name = name.rstrip(".")
    return name, (int(port) if port.isdigit() else (None if port == "" else -1))


class KgServer(HTTPServer):
    """The HTTP server: a fixed thread pool for connections (a few more wait; the rest get 503 at once), the
    query pool, and the site of the current build."""

    request_queue_size = 128  # the listen backlog: bursts of connections wait instead of being refused
    allow_reuse_address = True

    def __init__(self, graph: Path, settings: ServeSettings) -> None:
        self.graph = graph
        self.settings = settings
        self.site_now = load_site(graph, settings.queries)
        self.pool = QueryPool(self.site_now.source, settings.workers, settings.memory_mb)
        try:
            super().__init__((settings.host, settings.port), Handler)
        except OSError:
            self.pool.close()
            raise
        self.names = host_names(settings.host)
        self.any_ip = settings.host in ("", "0.0.0.0", "::")
        self.executor = ThreadPoolExecutor(max_workers=settings.threads, thread_name_prefix="kg-serve")
        self.slots = threading.BoundedSemaphore(settings.threads * 3)
        self.reload_lock = threading.Lock()
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/sparql"

    def site(self) -> Site:
        """The current build's site, reloaded when a new build has landed."""
        stamp = site_stamp(self.graph)
        if stamp and stamp != self.site_now.stamp:
            with self.reload_lock:
                if stamp != self.site_now.stamp:
                    try:
                        site = load_site(self.graph, self.settings.queries)
                    except KgError as exc:
                        log.warning("the new build cannot be served yet (%s); serving the previous one", exc)
                    else:
                        self.pool.reload(site.source)
                        self.site_now = site
        return self.site_now

    def host_allowed(self, value: str | None) -> bool:
        if value is None:  # HTTP/1.0 clients; a browser always sends Host
            return True
        name, port = split_host(value)
        if port is not None and port != self.server_address[1]:
            return False
        if not name:
            return False
        if name in self.names:
            return True
        if self.any_ip:
            try:
                ipaddress.ip_address(name)
                return True
            except ValueError:
                return False
        return False

    def process_request(self, request: socket.socket, client_address: object) -> None:
        if not self.slots.acquire(blocking=False):
            message = b"the server is busy: too many connections; try again\n"
            head = (
                "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(message)}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
            )
            with contextlib.suppress(OSError):
                request.sendall(head.encode() + message)
            self.shutdown_request(request)
            return
        try:
            self.executor.submit(self.serve_connection, request, client_address)
        except RuntimeError:  # closing
            self.slots.release()
            self.shutdown_request(request)

    def serve_connection(self, request: socket.socket, client_address: object) -> None:
        with self.connections_lock:
            self.connections.add(request)
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            with self.connections_lock:
                self.connections.discard(request)
            self.shutdown_request(request)
            self.slots.release()

    def handle_error(self, request: object, client_address: object) -> None:
        log.debug("connection from %s failed", client_address, exc_info=True)

    def server_close(self) -> None:
        super().server_close()
        with self.connections_lock:
            open_connections = list(self.connections)
        for connection in open_connections:  # idle keep-alive connections would hold their threads
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.pool.close()


class Handler(BaseHTTPRequestHandler):
    server: KgServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql/2"
    sys_version = ""
    disable_nagle_algorithm = True  # headers and body leave as written, not 40 ms later (delayed ACKs)

    def setup(self) -> None:
        self.timeout = self.server.settings.socket_timeout
        super().setup()

    def log_message(self, format: str, *args: object) -> None:  # quiet: the CLI prints the URL only
        pass

    def handle_one_request(self) -> None:
        """One request; a bug answers 500 (plain text) instead of closing the connection without a word."""
        self.responded = False
        try:
            super().handle_one_request()
        except OSError:
            raise
        except Exception:
            log.exception("request %r failed", getattr(self, "requestline", ""))
            self.close_connection = True
            if not self.responded:
                self.plain(500, "the server failed on this request (a bug: please report it)", close=True)

    def send_response(self, code: int, message: str | None = None) -> None:
        self.responded = True
        super().send_response(code, message)

    # --- responses ---

    def common_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        cors = self.server.settings.cors
        headers = getattr(self, "headers", None)
        if cors and headers is not None and headers.get("Origin") == cors:
            self.send_header("Access-Control-Allow-Origin", cors)
            self.send_header("Vary", "Origin")

    def plain(self, status: int, text: str, headers: dict[str, str] | None = None, close: bool = False) -> None:
        body = (text.rstrip("\n") + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.common_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The standard library's own errors (bad request line, headers too large, unknown method), as plain
        text rather than an HTML page."""
        text = message or self.responses.get(code, ("error",))[0]
        self.plain(code, f"{code} {text}", close=True)

    def page(self, body: bytes, content_type: str, policy: str | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.common_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    # --- checks ---

    def guard(self) -> bool:
        """Refuse requests for another host name (DNS rebinding) and cross-origin requests not allowed."""
        host = self.headers.get("Host")
        if not self.server.host_allowed(host):
            self.plain(
                403,
                f"Host {host!r} is not this server's name: kg serve answers only to the names it listens on "
                "(this protects it from DNS rebinding)",
                close=True,
            )
            return False
        origin = self.headers.get("Origin")
        cross = origin is not None and not self.same_origin(origin)  # "null" too: a sandboxed page elsewhere
        if cross and origin != self.server.settings.cors:
            self.plain(
                403,
                f"cross-origin request from {origin} refused (start kg serve with --cors {origin} to allow it)",
                close=True,
            )
            return False
        return True

    def same_origin(self, origin: str) -> bool:
        try:
            url = urlparse(origin)
            port = url.port or 80
        except ValueError:
            return False
        return url.scheme == "http" and self.server.host_allowed(f"[{url.hostname}]:{port}")

    # --- methods ---

    def do_GET(self) -> None:
        if not self.guard():
            return
        url = urlparse(self.path)
        if url.path == "/":
            site = self.server.site()
            self.page(query_page(str(self.server.graph), site), "text/html; charset=utf-8", PAGE_POLICY)
        elif url.path == "/graph":
            site = self.server.site()
            if site.graph_page is None:
                self.plain(404, "no graph.html beside the graph (run kg build to write it)")
            else:
                self.page(site.graph_page, "text/html; charset=utf-8")
        elif url.path == "/sparql":
            if self.command == "HEAD":
                self.plain(405, "HEAD is not answered at /sparql: use GET or POST", {"Allow": "GET, POST, OPTIONS"})
                return
            self.answer_params(url.query)
        else:
            self.plain(404, "not found: the endpoint is /sparql, the query page /, the graph page /graph")

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_POST(self) -> None:
        if not self.guard():
            return
        if urlparse(self.path).path != "/sparql":
            self.plain(404, "not found: POST queries to /sparql", close=True)
            return
        body = self.read_body()
        if body is None:
            return
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            try:
                self.answer(body.decode("utf-8"), self.headers.get("Accept") or "")
            except UnicodeDecodeError:
                self.plain(400, "the query is not UTF-8 text")
        elif kind == "application/x-www-form-urlencoded":
            self.answer_params(body.decode("latin-1"))
        elif kind == "application/sparql-update":
            self.plain(400, "this endpoint is read-only: updates are refused")
        else:
            self.plain(
                415,
                "send the query as application/sparql-query or as a form (application/x-www-form-urlencoded)",
            )

    def do_OPTIONS(self) -> None:
        if not self.guard():
            return
        self.send_response(204)
        self.send_header("Allow", ALLOWED_METHODS)
        self.send_header("Content-Length", "0")
        cors = self.server.settings.cors
        if cors and self.headers.get("Origin") == cors:
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "600")
        self.common_headers()
        self.end_headers()

    def refuse_method(self) -> None:
        self.plain(405, f"{self.command} is not allowed: this endpoint is read-only", {"Allow": ALLOWED_METHODS})

    do_PUT = do_DELETE = do_PATCH = do_TRACE = do_CONNECT = refuse_method

    # --- the query ---

    def handle_expect_100(self) -> bool:
        if self.body_length_problem() is not None:
            status, text = self.body_length_problem()
            self.plain(status, text, close=True)
            return False
        return super().handle_expect_100()

    def body_length_problem(self) -> tuple[int, str] | None:
        if self.headers.get("Transfer-Encoding"):
            return 411, "send the body with a Content-Length (chunked request bodies are not read)"
        raw = self.headers.get("Content-Length")
        if raw is None:
            return 411, "a POST needs a Content-Length"
        if not raw.strip().isdigit():
            return 400, f"Content-Length {raw[:40]!r} is not a number"
        if int(raw) > self.server.settings.max_body:
            return 413, f"the request body is larger than {self.server.settings.max_body:,} bytes"
        return None

    def read_body(self) -> bytes | None:
        problem = self.body_length_problem()
        if problem is not None:
            self.plain(*problem, close=True)
            return None
        length = int(self.headers["Content-Length"])
        deadline = time.monotonic() + self.server.settings.socket_timeout
        parts, got = [], 0
        try:
            while got < length:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                self.connection.settimeout(remaining)
                part = self.rfile.read1(min(65536, length - got))
                if not part:
                    self.close_connection = True
                    return None
                parts.append(part)
                got += len(part)
        except TimeoutError:
            self.plain(408, f"the request body did not arrive within {self.server.settings.socket_timeout:g} s")
            self.close_connection = True
            return None
        finally:
            self.connection.settimeout(self.server.settings.socket_timeout)
        return b"".join(parts)

    def answer_params(self, query_string: str) -> None:
        try:
            params = parse_qs(query_string, keep_blank_values=True, max_num_fields=50, errors="strict")
        except (ValueError, UnicodeDecodeError):
            self.plain(400, "the parameters are not a valid UTF-8 form")
            return
        if "update" in params:
            self.plain(400, "this endpoint is read-only: updates are refused")
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self.plain(400, "send exactly one query parameter" if queries else "missing query parameter")
            return
        accept = self.headers.get("Accept") or ""
        fmt = params.get("format", [""])[0].lower()
        if fmt:
            if fmt not in FORMATS:
                self.plain(400, f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
                return
            accept = FORMATS[fmt]
        self.answer(queries[0], accept)

    def answer(self, query: str, accept: str) -> None:
        if not query.strip():
            self.plain(400, "missing query parameter")
            return
        try:
            refuse_remote(query)
        except QueryError as exc:
            self.plain(400, str(exc))
            return
        settings = self.server.settings
        self.server.site()  # move to a new build first, if one has landed
        state: dict = {"fmt": None}

        def on_message(message: tuple) -> None:
            kind = message[0]
            if kind == "start":
                state["fmt"] = message[1]
                self.send_response(200)
                self.send_header("Content-Type", message[1] + "; charset=utf-8")
                self.send_header("Transfer-Encoding", "chunked")
                self.send_header("Trailer", "Kg-Truncated")
                self.common_headers()
                self.end_headers()
                self.chunk(message[2])
            elif kind == "data":
                self.chunk(message[1])
            elif kind == "end" and state["fmt"] is None:  # the whole result in one message
                _, _, note, body, fmt = message
                self.send_response(200)
                self.send_header("Content-Type", fmt + "; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                if note:
                    self.send_header("Kg-Truncated", note)
                self.common_headers()
                self.end_headers()
                self.wfile.write(body)
            elif kind == "end":
                self.chunk(message[3])
                self.last_chunk(message[2])
            elif kind == "error" and state["fmt"] is None:
                self.plain(message[1], message[2])
            elif kind == "error":  # failed while streaming: end the document with the reason
                self.chunk(tail(state["fmt"], message[2]))
                self.last_chunk(message[2])

        outcome = self.server.pool.run(
            Job(query, accept=accept, max_rows=settings.max_rows), settings.timeout, on_message, self.connection
        )
        if outcome.kind in ("ok", "error"):
            return
        if outcome.kind == "gone":
            self.close_connection = True
            return
        if state["fmt"] is None:
            headers = {"Retry-After": "1"} if outcome.kind == "busy" else None
            self.plain(outcome.status, outcome.message, headers)
            return
        try:  # stopped while streaming: close the document properly, and say why it is incomplete
            self.chunk(tail(state["fmt"], outcome.message))
            self.last_chunk(outcome.message)
        except OSError:
            self.close_connection = True

    def chunk(self, data: bytes) -> None:
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def last_chunk(self, note: str | None) -> None:
        trailer = b"" if note is None else b"Kg-Truncated: " + note.encode("ascii", "replace") + b"\r\n"
        self.wfile.write(b"0\r\n" + trailer + b"\r\n")


def make_server(graph_path: str | Path, settings: ServeSettings | None = None) -> tuple[KgServer, str]:
    """A server (not yet serving) and its endpoint URL. Raises KgError when the graph cannot be served."""
    settings = settings or ServeSettings()
    server = KgServer(graph_file(graph_path), settings)
    return server, server.url


def serve_in_thread(graph_path: str | Path, settings: ServeSettings | None = None) -> tuple[KgServer, str]:
    server, url = make_server(graph_path, settings)
    threading.Thread(target=server.serve_forever, daemon=True, name="kg-serve").start()
    return server, url
