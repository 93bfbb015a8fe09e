"""`kg check` (SHACL contract) and `kg serve` (SPARQL endpoint) on a hand-built graph."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from rdflib import Graph, Namespace

from kg.check import check_graph
from kg.cli import main
from kg.export.rdf import to_turtle
from kg.graph import to_networkx
from tests.test_export_rdf import sample
from tests.test_query import service_queries

PROV = Namespace("http://www.w3.org/ns/prov#")


@pytest.fixture()
def ttl(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_bytes(to_turtle(to_networkx(sample())))
    return path


def test_built_graph_conforms(ttl):
    report = check_graph(ttl)
    assert report.conforms and report.statements > 0 and report.entities == 3
    result = CliRunner().invoke(main, ["check", "--graph", str(ttl)])
    assert result.exit_code == 0 and result.output.startswith("ok:")


def test_statement_without_source_fails_clearly(ttl, tmp_path):
    g = Graph()
    g.parse(ttl, format="turtle")
    statement, doc = next(iter(g.subject_objects(PROV.wasDerivedFrom)))
    g.remove((statement, PROV.wasDerivedFrom, doc))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    report = check_graph(broken)
    assert not report.conforms
    assert any("source document" in v and str(statement) in v for v in report.violations)
    result = CliRunner().invoke(main, ["check", "--graph", str(broken)])
    assert result.exit_code == 1 and "source document" in result.output


def test_missing_graph_says_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["check", "--graph", str(tmp_path / "none.ttl")])
    assert result.exit_code != 0 and "kg build" in result.output


@pytest.fixture()
def serve():
    """Start servers with given settings; all are stopped after the test."""
    from kg.serve import ServeSettings, serve_in_thread

    servers = []

    def start(graph, **settings):
        server, url = serve_in_thread(graph, ServeSettings(**settings))
        servers.append(server)
        return server, url

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """One server with the default settings for the tests that only read."""
    from kg.serve import ServeSettings, serve_in_thread

    path = tmp_path_factory.mktemp("served") / "graph.ttl"
    path.write_bytes(to_turtle(to_networkx(sample())))
    server, url = serve_in_thread(path, ServeSettings())
    yield url
    server.shutdown()
    server.server_close()


def test_sparql_client_select_and_ask(endpoint):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setReturnFormat(JSON)
    client.setQuery(
        "SELECT ?name WHERE { ?p a <https://schema.org/Person> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name"
    )
    rows = client.query().convert()["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == ["Jane Roe", "John Doe"]
    client.setQuery("ASK { ?a <https://kg.example/vocab#metWith> ?b }")
    assert client.query().convert()["boolean"] is True


def test_post_sparql_query_and_errors(endpoint):
    request = urllib.request.Request(
        endpoint,
        data=b"SELECT (COUNT(*) AS ?n) WHERE { ?s kg:spokeWith ?o }",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read())["results"]["bindings"][0]["n"]["value"] == "1"
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(endpoint + "?query=SELECT%20WHERE", timeout=10)
    assert info.value.code == 400


# --- the endpoint is read-only and bounded ---

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def get(url: str, query: str, accept: str = "application/sparql-results+json", **headers: str):
    """(status, headers, body) of a GET query; HTTP errors are answers too."""
    request = urllib.request.Request(
        url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept, **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def raw(url: str, request: bytes, timeout: float = 30) -> bytes:
    """Send bytes as they are and read the answer until the server closes the connection."""
    host, port = urllib.parse.urlparse(url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def test_service_is_refused_and_nothing_is_sent(endpoint, listener):
    for query in service_queries(listener.port):
        status, headers, body = get(endpoint, query)
        assert status == 400 and b"SERVICE" in body and b"refused" in body, query
        assert headers["Content-Type"].startswith("text/plain")
    assert listener.connections == 0


def test_runaway_queries_are_stopped_while_others_are_served(ttl, serve):
    server, url = serve(ttl, timeout=2, max_rows=50, workers=2)
    answers = {}
    heavy = threading.Thread(target=lambda: answers.setdefault("heavy", get(url, HEAVY)))
    heavy.start()
    for _ in range(5):  # another client, served while the heavy query runs
        status, _, body = get(url, "ASK { ?a ?b ?c }")
        assert status == 200 and json.loads(body)["boolean"] is True
    heavy.join(120)
    status, headers, body = answers["heavy"]
    assert status == 503 and b"longer than 2 s" in body and headers["Content-Type"].startswith("text/plain")
    status, _, body = get(url, CROSS)
    data = json.loads(body)
    assert status == 200 and len(data["results"]["bindings"]) == 50
    assert data["kg"]["truncated"] and "row limit of 50" in data["kg"]["message"]
    status, _, body = get(url, CROSS, "text/turtle")
    assert status == 200
    for _ in range(300):  # the stopped worker is replaced
        if len(server.pool.live) == 2 and all(w.alive() for w in server.pool.live):
            break
        time.sleep(0.1)
    assert len(server.pool.live) == 2


def test_results_in_every_format_parse(endpoint):
    import pyoxigraph as ox

    for accept, fmt in (
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/csv", None),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ):
        status, _, body = get(endpoint, "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s", accept)
        assert status == 200
        if fmt is None:  # CSV is lossy: Oxigraph does not read it back
            rows = list(csv.reader(io.StringIO(body.decode())))[1:]
        else:
            rows = list(ox.parse_query_results(body, format=fmt))
        assert len(rows) >= 3, accept
    status, _, body = get(endpoint, "CONSTRUCT WHERE { ?s rdfs:label ?o }", "application/n-triples")
    assert status == 200 and len(list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))) >= 3


def test_a_stalled_body_times_out(ttl, serve):
    _, url = serve(ttl, socket_timeout=1)
    port = urllib.parse.urlparse(url).port
    answer = raw(
        url,
        f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
        "Content-Length: 100\r\n\r\nSELECT".encode(),
    )
    assert answer.startswith(b"HTTP/1.1 408") and b"did not arrive" in answer


@pytest.mark.parametrize(
    "request_text, status",
    [
        ("POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Length: abc\r\n\r\n", 400),
        ("POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Length: 2000000\r\n\r\n", 413),
        ("POST /sparql HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n", 411),
        (
            "POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/html\r\nContent-Length: 2\r\n"
            "Connection: close\r\n\r\nhi",
            415,
        ),
        ("PUT /sparql HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 405),
        ("DELETE /sparql HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n", 405),
        ("FOO /sparql HTTP/1.1\r\nHost: {host}\r\n\r\n", 501),
        ("GET /sparql HTTP/1.1\r\nHost: {host}\r\nX-Big: " + "x" * 70000 + "\r\n\r\n", 431),
        ("GET /sparql HTTP/1.1\r\nHost: {host}\r\n" + "X-H: 1\r\n" * 120 + "\r\n", 431),
        ("GET /nothing HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n", 404),
        ("GET /sparql HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n", 400),
        ("GET /sparql?update=CLEAR+ALL HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n", 400),
        ("GET /sparql?query=ASK{{}} HTTP/1.1\r\nHost: evil.example:{port}\r\n\r\n", 403),
    ],
)
def test_http_errors_have_their_status_and_a_plain_text_message(endpoint, request_text, status):
    port = urllib.parse.urlparse(endpoint).port
    answer = raw(endpoint, request_text.format(host=f"127.0.0.1:{port}", port=port).encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status}".encode()), answer[:200]
    assert b"Content-Type: text/plain" in head and body.strip() and b"<html" not in body.lower()
    if status == 405:
        assert b"Allow: GET, HEAD, POST, OPTIONS" in head


def test_options_and_host_names(endpoint):
    port = urllib.parse.urlparse(endpoint).port
    answer = raw(endpoint, f"OPTIONS /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.1 204") and b"Allow: GET, HEAD, POST, OPTIONS" in answer
    assert b"Access-Control" not in answer
    for host, status in ((f"localhost:{port}", 200), (f"127.0.0.1:{port + 1}", 403), ("evil.example", 403)):
        request = f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        assert raw(endpoint, request.encode()).startswith(f"HTTP/1.1 {status}".encode()), host


def test_cross_origin_requests_need_cors(ttl, serve):
    _, plain = serve(ttl)
    port = urllib.parse.urlparse(plain).port
    status, _, body = get(plain, "ASK {}", Origin="http://evil.example")
    assert status == 403 and b"--cors" in body
    status, headers, _ = get(plain, "ASK {}", Origin=f"http://127.0.0.1:{port}")  # the query page itself
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    _, open_url = serve(ttl, cors="http://app.example")
    status, headers, _ = get(open_url, "ASK {}", Origin="http://app.example")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://app.example"
    assert get(open_url, "ASK {}", Origin="http://evil.example")[0] == 403
    open_port = urllib.parse.urlparse(open_url).port
    preflight = raw(
        open_url,
        f"OPTIONS /sparql HTTP/1.1\r\nHost: 127.0.0.1:{open_port}\r\nOrigin: http://app.example\r\n"
        "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n".encode(),
    )
    assert b"Access-Control-Allow-Origin: http://app.example" in preflight
    assert b"Access-Control-Allow-Methods: GET, POST, OPTIONS" in preflight


# --- one server: the query page, the ready-made queries, the graph page, the current build ---


def test_query_page_offers_the_ready_made_queries_and_links_the_graph_page(tmp_path, serve):
    from kg.pipeline import write_outputs
    from tests.conftest import ROOT

    out = tmp_path / "out"
    write_outputs(sample(), out)
    _, url = serve(out / "graph.ttl", queries=ROOT / "queries")
    base = url.removesuffix("sparql")
    with urllib.request.urlopen(base, timeout=30) as response:
        page = response.read().decode()
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert 'href="/graph"' in page and '<select id="ready">' in page
    assert "Who spoke with whom" in page and "kg:spokeWith" in page
    with urllib.request.urlopen(base + "graph", timeout=30) as response:
        assert response.read() == (out / "graph.html").read_bytes()
    spoke = (ROOT / "queries" / "spoke-with.rq").read_text()
    status, _, body = get(url, spoke)
    assert status == 200 and json.loads(body)["results"]["bindings"]


def test_a_new_build_is_served_as_soon_as_it_lands(tmp_path, serve):
    from kg.pipeline import write_outputs
    from tests.test_outputs import second_build

    out = tmp_path / "out"
    write_outputs(sample(), out)
    _, url = serve(out)
    headline = "SELECT ?h WHERE { ?d schema:headline ?h }"
    assert json.loads(get(url, headline)[2])["results"]["bindings"][0]["h"]["value"] == "Roe & Doe <meet>"
    write_outputs(second_build(), out)
    assert json.loads(get(url, headline)[2])["results"]["bindings"][0]["h"]["value"] == "A second build"
    with urllib.request.urlopen(url.removesuffix("sparql") + "graph", timeout=30) as response:
        assert b"A second build" in response.read()


def test_load_on_loopback(endpoint):
    """2,000 requests from 8 keep-alive clients: no error. The p99 latency is printed (run with -s), not asserted."""
    import http.client

    parsed = urllib.parse.urlparse(endpoint)
    path = "/sparql?" + urllib.parse.urlencode({"query": "SELECT ?n WHERE { ?p rdfs:label ?n } LIMIT 5"})
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        for _ in range(250):
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                response = conn.getresponse()
                body = response.read()
                ok = response.status == 200 and len(json.loads(body)["results"]["bindings"]) == 5
            except (OSError, http.client.HTTPException, ValueError) as exc:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
                body = repr(exc).encode()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(body[:200].decode(errors="replace"))
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    assert len(latencies) == 2000 and errors == []
    latencies.sort()
    p50, p99 = latencies[1000] * 1000, latencies[int(0.99 * 2000)] * 1000
    print(f"\nload test: 2000 requests from 8 clients, 0 errors, p50 {p50:.1f} ms, p99 {p99:.1f} ms")


def test_a_query_whose_client_left_is_stopped(ttl, serve):
    server, url = serve(ttl, timeout=300, workers=1)
    (worker,) = server.pool.live
    port = urllib.parse.urlparse(url).port
    path = "/sparql?" + urllib.parse.urlencode({"query": HEAVY})
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        time.sleep(1)  # the query is running
    for _ in range(600):  # long before the 300 s timeout, the worker is killed and replaced
        if not worker.alive():
            break
        time.sleep(0.1)
    assert not worker.alive()
    assert get(url, "ASK { ?a ?b ?c }")[0] == 200


def test_connections_are_bounded(ttl, serve):
    _, url = serve(ttl, threads=1)  # one connection served, two waiting, the rest refused at once
    port = urllib.parse.urlparse(url).port
    idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(3)]
    try:
        time.sleep(0.5)  # let the server accept them
        answer = raw(url, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", timeout=10)
        assert answer.startswith(b"HTTP/1.1 503") and b"too many connections" in answer
    finally:
        for sock in idle:
            sock.close()
    for _ in range(100):  # the closed connections free their slots as the server notices
        status = get(url, "ASK { ?a ?b ?c }")[0]
        if status == 200:
            break
        time.sleep(0.1)
    assert status == 200


@pytest.mark.browser
def test_the_query_page_fills_a_ready_made_query_and_draws_its_results(tmp_path, serve, monkeypatch):
    """In headless Chromium: choosing a ready-made query fills the text area; Run draws the results as a table
    (the page's own script, driven by two lines added for the test)."""
    import re

    import kg.serve
    from kg.pipeline import write_outputs
    from tests.conftest import ROOT, run_chromium

    driver = """<script>(() => {
    const picker = document.getElementById("ready");
    picker.value = String([...picker.options].findIndex(o => o.text.startsWith("Who spoke with whom")) - 1);
    picker.dispatchEvent(new Event("change"));
    document.getElementById("form").requestSubmit();
    })();</script></body>"""
    driver = driver.replace("{", "{{").replace("}", "}}")  # the page is a format string
    monkeypatch.setattr(kg.serve, "PAGE", kg.serve.PAGE.replace("</body>", driver))
    out = tmp_path / "out"
    write_outputs(sample(), out)
    _, url = serve(out, queries=ROOT / "queries")
    run = run_chromium(
        out / "unused", tmp_path / "profile", "--dump-dom", budget_ms=8000, url=url.removesuffix("sparql")
    )
    status = re.search(r'<div id="status">(.*?)</div>', run.stdout)
    assert status and status.group(1) == "1 row", (run.stdout[-2000:], run.stderr[-2000:])
    assert "<td>Jane Roe</td><td>John Doe</td>" in run.stdout and "&lt;b&gt;met&lt;/b&gt;" in run.stdout


def test_a_bug_answers_500_in_plain_text(ttl, serve, monkeypatch):
    import kg.serve

    def broken(*args: object) -> bytes:
        raise RuntimeError("a bug")

    monkeypatch.setattr(kg.serve, "query_page", broken)
    _, url = serve(ttl)
    port = urllib.parse.urlparse(url).port
    answer = raw(url, f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.1 500") and b"text/plain" in answer and b"report it" in answer
    assert get(url, "ASK { ?a ?b ?c }")[0] == 200
