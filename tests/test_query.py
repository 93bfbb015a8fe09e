"""`kg query` and `kg check` on a hand-built graph: every query form, SERVICE refused, a timeout that stops the
work, error positions in the user's own lines, the store rebuilt when damaged, one-line messages."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.export.rdf import to_turtle
from kg.graph import to_networkx
from kg.query import refuse_remote, store_dir, store_is_current
from tests.test_export_rdf import sample

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture()
def ttl(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_bytes(to_turtle(to_networkx(sample())))
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def assert_one_line_failure(result) -> str:
    """A failure: non-zero exit, a one-line message, no traceback."""
    assert result.exit_code != 0, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


def test_every_query_form(ttl):
    ask = run("query", "ASK { ?a kg:metWith ?b }", "--graph", str(ttl))
    assert ask.exit_code == 0 and "true" in ask.output, ask.output
    construct = run("query", "CONSTRUCT { ?a kg:met ?b } WHERE { ?a kg:metWith ?b }", "--graph", str(ttl))
    assert construct.exit_code == 0 and "jane-roe" in construct.output and "(1 row)" in construct.output
    describe = run("query", "DESCRIBE <https://kg.example/entity/lima>", "--graph", str(ttl), "--format", "csv")
    assert describe.exit_code == 0 and "Lima" in describe.output
    select = run("query", "SELECT ?n WHERE { ?p a schema:Person ; rdfs:label ?n } ORDER BY ?n", "--graph", str(ttl))
    assert select.exit_code == 0 and "Jane Roe" in select.output and "(2 rows)" in select.output


def test_error_positions_are_those_of_the_users_query(ttl):
    message = assert_one_line_failure(run("query", "SELECT ?a WHERE {\n  ?a ?b ?c\n  LIMIT x }", "--graph", str(ttl)))
    assert "not valid SPARQL" in message and "error at 3:" in message


def service_queries(port: int) -> list[str]:
    url = f"<http://127.0.0.1:{port}/sparql>"
    return [
        f"SELECT * WHERE {{ SERVICE {url} {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent {url} {{ ?s ?p ?o }} }}",
        f"PREFIX x: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # note\rSERVICE {url} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ FILTER EXISTS {{ SERVICE {url} {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o .SERVICE {url} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p true SERVICE {url} {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ?p ex:a\\# . SERVICE {url} {{ ?s ?p ?o }} }}",
    ]


def test_service_is_refused_and_nothing_is_sent(ttl, listener):
    for query in service_queries(listener.port):
        message = assert_one_line_failure(run("query", query, "--graph", str(ttl)))
        assert "SERVICE" in message and "refused" in message, query
        with pytest.raises(QueryError):
            refuse_remote(query)
    assert listener.connections == 0


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service WHERE { ?service ?p ?o }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:service ?o }",
        'SELECT * WHERE { ?s ?p "customer service" }',
        "SELECT * WHERE { ?s <http://e/service> ?o } # no service here",
        "SELECT * WHERE { ?s ?p ?o . FILTER(?o != '''SERVICE <x> {}''') }",
    ],
)
def test_service_as_a_name_or_in_text_is_allowed(query):
    refuse_remote(query)


def test_timeout_stops_the_query(ttl):
    message = assert_one_line_failure(run("query", HEAVY, "--graph", str(ttl), "--timeout", "1"))
    assert "longer than 1 s" in message and "stopped" in message
    quick = run("query", "ASK { ?a ?b ?c }", "--graph", str(ttl), "--timeout", "20")
    assert quick.exit_code == 0 and "true" in quick.output


def test_query_arguments_that_are_not_queries(ttl, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    assert "a folder" in assert_one_line_failure(run("query", str(folder), "--graph", str(ttl)))
    latin = tmp_path / "q.rq"
    latin.write_bytes("SELECT * WHERE { ?s ?p 'caf\xe9' }".encode("latin-1"))
    assert "not UTF-8" in assert_one_line_failure(run("query", str(latin), "--graph", str(ttl)))
    missing = assert_one_line_failure(run("query", str(tmp_path / "missing.sparql"), "--graph", str(ttl)))
    assert "no such query file" in missing


def test_graph_argument_problems(ttl, tmp_path):
    as_folder = run("query", "ASK { ?a ?b ?c }", "--graph", str(ttl.parent))  # an output folder: its graph.ttl
    assert as_folder.exit_code == 0 and "true" in as_folder.output
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "without graph.ttl" in assert_one_line_failure(run("query", "ASK {}", "--graph", str(empty)))
    bad = tmp_path / "bad.ttl"
    bad.write_bytes(b"\xff\xfe not turtle")
    assert "Turtle" in assert_one_line_failure(run("query", "ASK {}", "--graph", str(bad)))
    assert "Turtle" in assert_one_line_failure(run("check", "--graph", str(bad)))
    assert "without graph.ttl" in assert_one_line_failure(run("check", "--graph", str(empty)))


def test_debug_shows_the_traceback(ttl):
    result = run("--debug", "query", "SELECT WHERE", "--graph", str(ttl))
    assert result.exit_code != 0 and isinstance(result.exception, QueryError)


def test_damaged_or_missing_store_is_rebuilt(ttl, caplog):
    assert run("query", "ASK { ?a ?b ?c }", "--graph", str(ttl)).exit_code == 0
    store = store_dir(ttl)
    assert store_is_current(ttl)
    for path in store.iterdir():  # corrupt every file of the store but its stamp
        if path.is_file() and path.name != "kg-stamp":
            path.write_bytes(b"\x00garbage" * 10)
    result = run("query", "SELECT ?n WHERE { ?p a schema:Person ; rdfs:label ?n }", "--graph", str(ttl))
    assert result.exit_code == 0 and "Jane Roe" in result.output, result.output
    assert "cannot be opened" in caplog.text and store_is_current(ttl)
    import shutil

    shutil.rmtree(store)
    assert run("query", "ASK { ?a ?b ?c }", "--graph", str(ttl)).exit_code == 0
    assert store_is_current(ttl)


def test_check_rejects_an_empty_graph(tmp_path):
    for name, data in (("empty.ttl", b""), ("prefixes.ttl", b"@prefix kg: <https://kg.example/vocab#> .\n")):
        path = tmp_path / name
        path.write_bytes(data)
        assert "empty graph" in assert_one_line_failure(run("check", "--graph", str(path)))


def test_a_long_query_without_a_file_is_read_as_text():
    from kg.query import read_query

    text = "SELECT ?s WHERE { ?s ?p ?o . FILTER(" + " || ".join(f"CONTAINS(STR(?s),'x{i}')" for i in range(40)) + ") }"
    assert read_query(text) == text


def test_the_store_is_loaded_in_parts_and_holds_every_triple(tmp_path, monkeypatch):
    """Triples are bulk-loaded a bounded part at a time (Oxigraph holds what one load is given in memory):
    loaded in parts of a few units, the store holds the same triples as from the whole Turtle."""
    import pyoxigraph as ox

    from kg import query
    from kg.export import rdf

    exported = rdf.export(to_networkx(sample()))
    path = tmp_path / "graph.ttl"
    path.write_bytes(b"".join(exported.turtle()))
    chunks = list(exported.ntriples(exported.blocks))
    assert [len(p) for p in query.parts(chunks, 1)] == [1] * len(chunks)
    assert sum(len(p) for p in query.parts(chunks, 10**9)) == len(chunks)
    monkeypatch.setattr(query, "LOAD_BYTES", 200)
    store = ox.Store(str(query.store_from_triples(path, iter(chunks), "units")))
    whole = ox.Store()  # (a store keeps a decimal's value, not its spelling: compare store with store)
    whole.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert set(store) == set(whole) and len(whole) > 20


def test_a_store_updated_with_the_triples_that_changed_holds_the_new_export(tmp_path):
    """The next build copies the committed store and applies the triples of the units that changed
    (written as the Turtle writes them): it then holds what a store loaded from the new Turtle holds."""
    import pyoxigraph as ox

    from kg import query, timings
    from kg.export import rdf
    from kg.pipeline import sync_store, units_name

    before = to_networkx(sample())
    old = rdf.export(before)
    (tmp_path / "old").mkdir()
    old_path = tmp_path / "old" / "graph.ttl"
    old_path.write_bytes(b"".join(old.turtle()))
    query.store_from_triples(old_path, old.ntriples(old.blocks), units_name(old.blocks))

    after = before.copy()
    node = sorted(after.nodes)[0]
    after.nodes[node]["name"] = 'Renamed "entity"'
    after.remove_edge(*sorted(after.edges(keys=True))[0][:3])
    memo = rdf.Memo(old.blocks)
    new = rdf.export(after, memo=memo)
    (tmp_path / "new").mkdir()
    new_path = tmp_path / "new" / "graph.ttl"
    new_path.write_bytes(b"".join(new.turtle()))
    record = timings.reset()
    made = sync_store(new_path, new, memo, store_dir(old_path))()
    assert made == store_dir(new_path)
    whole = ox.Store()
    whole.bulk_load(path=str(new_path), format=ox.RdfFormat.TURTLE)
    assert set(ox.Store.read_only(str(made))) == set(whole)
    assert 0 < record.counts["store triples changed"] < len(whole) / 2
    assert set(ox.Store.read_only(str(store_dir(old_path)))) != set(whole)  # the committed store is only read


def test_the_store_update_holds_what_the_changed_blocks_add_and_drop():
    """changed_pairs reads only the lines a subject's old and new blocks do not share: the triples it
    removes and inserts are the differences of the blocks' triples, also where a pair moved to the first
    line, gained or lost the last one (its " ." ending), or a subject came or went."""
    from kg.export import rdf
    from kg.pipeline import changed_pairs

    base = "http://example.org/kg/"
    short = rdf.shortener(base)
    a, b, c = (f"<{base}statement/{n}>" for n in "abc")
    p = [f"<{base}ontology/p{i}>" for i in range(5)]

    def literal(text: str) -> str:
        return f'"{text}"'

    old_triples = [(a, p[1], literal("x")), (a, p[2], literal("1")), (a, p[3], literal("y")), (b, p[1], literal("z"))]
    new_triples = [(a, p[0], literal("w")), (a, p[1], literal("x")), (a, p[2], literal("2")), (a, p[3], literal("y")),
                   (a, p[4], literal("v")), (c, p[1], literal("z"))]  # fmt: skip
    old, _ = rdf.blocks_of(old_triples, short)
    new, _ = rdf.blocks_of(new_triples, short)

    def as_written(triples: list[tuple[str, str, str]]) -> set[str]:
        return {f"{s} {short(pp)} {short(o)} ." for s, pp, o in triples}

    removed, inserted = changed_pairs(list(old), list(new))
    assert set(removed) == as_written(old_triples) - as_written(new_triples)
    assert set(inserted) == as_written(new_triples) - as_written(old_triples)
    assert removed == sorted(removed) and inserted == sorted(inserted)
