"""graph.json (networkx node-link) and graph.graphml. GraphML holds only scalars, so list and dict
attributes (aliases, evidence) are written there as JSON strings. Gephi and Cytoscape show `label`: nodes
get their name there (and keep `type`), edges their relation's label (the verb for interactedWith) and a
`weight`, the number of sentences supporting the fact."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx

from kg.export.files import write_atomic
from kg.relations import BY_NAME, GENERIC
from kg.textsafe import safe_string


def to_json(graph: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(graph, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str)


def from_json(text: str) -> nx.MultiDiGraph:
    return nx.node_link_graph(json.loads(text), directed=True, multigraph=True, edges="links")


def scalar(value: object) -> str | int | float | bool:
    """A GraphML attribute value; strings XML-safe whoever calls (kg.textsafe)."""
    if isinstance(value, str):
        return safe_string(value)
    if isinstance(value, int | float | bool):
        return value
    return safe_string(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {k: scalar(v) for k, v in data.items() if v is not None}
        flat.add_node(node, **{"label": str(data.get("name") or node), **attrs})
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {k: scalar(val) for k, val in data.items() if val is not None}
        attrs.setdefault("label", edge_label(data))
        attrs.setdefault("weight", int(data.get("support") or 1))
        flat.add_edge(u, v, key=key, **attrs)
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue()


def edge_label(data: dict) -> str:
    relation = str(data.get("relation") or "")
    if relation == GENERIC and data.get("verb"):
        return str(data["verb"])
    return BY_NAME[relation].label if relation in BY_NAME else relation


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, to_json(graph))


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, to_graphml(graph))
