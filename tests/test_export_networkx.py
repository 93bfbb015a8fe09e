"""graph.json and graph.graphml read back; GraphML carries `label` for Gephi and Cytoscape."""

from __future__ import annotations

import io

import networkx as nx

from kg.export.networkx_files import from_json, to_graphml, to_json
from tests.test_export_html import sample_graph


def test_graphml_reads_back_with_labels_and_types() -> None:
    graph = sample_graph()
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)), force_multigraph=True)
    assert sorted(back) == sorted(graph)
    assert back.nodes["person/donald-trump"]["label"] == "Donald Trump"
    assert back.nodes["person/donald-trump"]["type"] == "PERSON"
    assert all(back.nodes[n]["label"] == graph.nodes[n]["name"] for n in graph)
    labels = {(u, v, d["label"]) for u, v, d in back.edges(data=True)}
    assert ("person/donald-trump", "person/vladimir-putin", "spoke with") in labels
    assert ("person/volodymyr-zelensky", "person/emmanuel-macron", "thank") in labels  # the verb
    assert all("relation" in d and d["weight"] >= 1 for *_, d in back.edges(data=True))


def test_json_round_trip() -> None:
    graph = sample_graph()
    back = from_json(to_json(graph))
    assert sorted(back.nodes(data="name")) == sorted(graph.nodes(data="name"))
    assert back.number_of_edges() == graph.number_of_edges()
