"""graph.json (networkx node-link) and graph.graphml. GraphML holds only scalars, so list and dict
attributes (aliases, evidence) are written there as JSON strings."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx

from kg.export.files import write_atomic


def to_json(graph: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(graph, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str)


def from_json(text: str) -> nx.MultiDiGraph:
    return nx.node_link_graph(json.loads(text), directed=True, multigraph=True, edges="links")


def scalar(value: object) -> str | int | float | bool:
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: scalar(v) for k, v in data.items() if v is not None})
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: scalar(val) for k, val in data.items() if val is not None})
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue()


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, to_json(graph))


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, to_graphml(graph))
