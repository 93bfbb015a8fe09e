"""The CLI as the README uses it."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import SOURCES

pytestmark = pytest.mark.model

SPOKE = """SELECT ?a ?b ?sentence ?doc WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate kg:spokeWith ; rdf:object ?o ;
      kg:evidence ?sentence ; prov:wasDerivedFrom ?doc .
  ?s rdfs:label ?a . ?o rdfs:label ?b }"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("cli")
    shutil.copytree(SOURCES, cwd / "sources")
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(cwd / "sources"), "-o", str(cwd / "output")])
    return runner, cwd, result


def test_build_writes_every_output(built):
    runner, cwd, result = built
    assert result.exit_code == 0, result.output
    from pathlib import Path

    for name in ("graph.ttl", "graph.json", "graph.graphml", "graph.html", "merges.json", "facts.csv", "neo4j"):
        assert (Path(cwd) / "output" / name).exists(), name
    assert "relations" in result.output
    # one count: the summary printed is the page's header, word for word
    from tests.test_export_html import page_data

    page = page_data((Path(cwd) / "output" / "graph.html").read_text(encoding="utf-8"))
    assert page["summary"] in result.output.splitlines()
    assert "of them with relations" in page["summary"] and "events" in page["summary"]


def test_query_table_csv_json(built):
    runner, cwd, _ = built
    from pathlib import Path

    graph = str(Path(cwd) / "output" / "graph.ttl")
    table = runner.invoke(main, ["query", SPOKE, "--graph", graph])
    assert table.exit_code == 0, table.output
    assert "Lukashenko" in table.output
    as_json = runner.invoke(main, ["query", SPOKE, "--graph", graph, "--format", "json"])
    rows = json.loads(as_json.output)
    assert rows and {"a", "b", "sentence", "doc"} <= set(rows[0])
    as_csv = runner.invoke(main, ["query", SPOKE, "--graph", graph, "--format", "csv"])
    assert as_csv.output.splitlines()[0] == "a,b,sentence,doc"


def test_query_from_file(built, tmp_path):
    runner, cwd, _ = built
    from pathlib import Path

    q = tmp_path / "q.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a schema:Person }")
    out = runner.invoke(main, ["query", str(q), "--graph", str(Path(cwd) / "output" / "graph.ttl")])
    assert out.exit_code == 0 and "(1 row)" in out.output


def test_bad_query_and_missing_graph_say_what_to_do(built, tmp_path):
    runner, cwd, _ = built
    missing = runner.invoke(main, ["query", "SELECT * WHERE {?s ?p ?o}", "--graph", str(tmp_path / "none.ttl")])
    assert missing.exit_code != 0 and "kg build" in missing.output
    from pathlib import Path

    bad = runner.invoke(main, ["query", "SELECT WHERE", "--graph", str(Path(cwd) / "output" / "graph.ttl")])
    assert bad.exit_code != 0 and "SPARQL" in bad.output


def test_bad_articles_are_reported_and_skipped(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SOURCES / "000_0506771a84fe1180.txt", src)
    (src / "empty.txt").write_text("   \n")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (src / "latin1.txt").write_bytes("Caf\xe9 owner Jos\xe9 P\xe9rez met Mayor Ana Ruiz in Madrid.".encode("cp1252"))
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "empty.txt" in result.output and "binary.txt" in result.output
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_nothing_to_build_fails_with_advice(tmp_path):
    (tmp_path / "src").mkdir()
    result = CliRunner().invoke(main, ["build", str(tmp_path / "src"), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "no .txt, .md or .html" in result.output


def test_the_kg_program_ends_a_build_at_once_with_its_outputs_whole(tmp_path):
    """`kg` (kg.cli:run) leaves a finished build's objects to the operating system: the same outputs and
    messages, the store usable, and the exit status of the command when it fails."""
    import subprocess
    import sys

    shutil.copytree(SOURCES, tmp_path / "sources")
    program = [sys.executable, "-c", "from kg.cli import run; run()"]
    done = subprocess.run([*program, "build", "sources", "-o", "output"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "relations" in done.stdout and "wrote" in done.stdout  # printed before the exit
    asked = subprocess.run([*program, "query", SPOKE, "--graph", "output/graph.ttl"], cwd=tmp_path, capture_output=True)
    assert asked.returncode == 0 and b"Lukashenko" in asked.stdout
    again = subprocess.run([*program, "build", "sources", "-o", "output"], cwd=tmp_path, capture_output=True, text=True)
    assert again.returncode == 0 and "up to date" in again.stdout
    (tmp_path / "empty").mkdir()
    failed = subprocess.run([*program, "build", "empty", "-o", "out2"], cwd=tmp_path, capture_output=True, text=True)
    assert failed.returncode == 1 and "no article" in failed.stderr
