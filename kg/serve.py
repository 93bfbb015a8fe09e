"""A SPARQL 1.1 Protocol endpoint over a built graph, on localhost, with only the standard library's
HTTP server and Oxigraph. GET /sparql?query=..., POST form (query=...) or application/sparql-query.
Results as SPARQL JSON (default), XML, CSV or TSV by the Accept header; graphs (CONSTRUCT, DESCRIBE)
as Turtle or N-Triples."""

from __future__ import annotations

import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

from kg.query import load_store, with_prefixes

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES}
MAX_BODY = 1_000_000
FORM = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>kg SPARQL</title></head><body>
<h1>kg SPARQL endpoint</h1><p>Graph: {graph}</p>
<form method="get" action="/sparql"><textarea name="query" rows="12" cols="100">{example}</textarea><br>
<button type="submit">Run</button></form></body></html>"""
EXAMPLE = "SELECT ?a ?b WHERE { ?s kg:spokeWith ?o . ?s rdfs:label ?a . ?o rdfs:label ?b }"


def pick(accept: str, table: dict) -> str:
    for part in accept.split(","):
        kind = part.split(";")[0].strip().lower()
        if kind in table:
            return kind
    return next(iter(table))


def handler_for(store: ox.Store, graph_name: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-sparql/1"

        def log_message(self, format: str, *args: object) -> None:  # quiet: the CLI prints the URL only
            pass

        def send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path == "/":
                page = FORM.format(graph=html.escape(graph_name), example=html.escape(EXAMPLE))
                self.send(200, page.encode("utf-8"), "text/html; charset=utf-8")
            elif url.path == "/sparql":
                query = parse_qs(url.query).get("query", [""])[0]
                self.answer(query)
            else:
                self.send(404, b"not found: use /sparql\n", "text/plain")

        def do_POST(self) -> None:
            if urlparse(self.path).path != "/sparql":
                self.send(404, b"not found: use /sparql\n", "text/plain")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.send(413, b"query too large\n", "text/plain")
                return
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            query = body if kind == "application/sparql-query" else parse_qs(body).get("query", [""])[0]
            self.answer(query)

        def answer(self, query: str) -> None:
            if not query.strip():
                self.send(400, b"missing query parameter\n", "text/plain")
                return
            try:
                result = store.query(with_prefixes(query))
            except (SyntaxError, ValueError, OSError) as exc:
                self.send(400, f"bad query: {exc}\n".encode(), "text/plain; charset=utf-8")
                return
            accept = self.headers.get("Accept") or ""
            if isinstance(result, ox.QueryTriples):
                kind = pick(accept, GRAPH_TYPES)
                body = ox.serialize(result, format=GRAPH_TYPES[kind])
            else:
                kind = pick(accept, RESULT_TYPES)
                body = result.serialize(format=RESULT_TYPES[kind])
            self.send(200, body or b"", kind + "; charset=utf-8")

    return Handler


def make_server(graph_path: str | Path, host: str = "127.0.0.1", port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """A server (not yet serving) and its endpoint URL; port 0 picks a free port."""
    store = load_store(graph_path)
    server = ThreadingHTTPServer((host, port), handler_for(store, str(graph_path)))
    bound_host, bound_port = server.server_address[:2]
    return server, f"http://{bound_host}:{bound_port}/sparql"


def serve_in_thread(graph_path: str | Path, host: str = "127.0.0.1", port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    server, url = make_server(graph_path, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, url
