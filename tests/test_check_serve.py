"""`kg check` (SHACL contract) and `kg serve` (SPARQL endpoint) on a hand-built graph."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner
from rdflib import Graph, Namespace

from kg.check import check_graph
from kg.cli import main
from kg.export.rdf import to_turtle
from kg.graph import to_networkx
from tests.test_export_rdf import sample

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
def endpoint(ttl):
    from kg.serve import serve_in_thread

    server, url = serve_in_thread(ttl)
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
