"""graph.json (networkx node-link) and graph.graphml. GraphML holds only scalars, so list and dict
attributes (aliases, evidence) are written there as JSON strings. Gephi and Cytoscape show `label`: nodes
get their name there (and keep `type`), edges their relation's label (the verb for interactedWith) and a
`weight`, the number of sentences supporting the fact.

Both are written in one pass over the graph, one JSON value or XML element per node and edge, with
the C JSON encoder: networkx's writers build the whole document as Python objects first (and
`json.dumps(indent=...)` falls back to the pure-Python encoder), which costs seconds on a big graph.
The files read back with networkx's own readers (`from_json`, `networkx.read_graphml`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from kg.export.files import write_atomic
from kg.relations import BY_NAME, GENERIC
from kg.textsafe import safe_string


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def json_parts(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The node-link document (`networkx.node_link_data(graph, edges="links")`), keys sorted, one
    node or link per line."""
    yield '{"directed": true,\n"graph": ' + dumps(graph.graph) + ',\n"links": [\n'
    first = True
    for u, v, key, data in graph.edges(keys=True, data=True):
        yield ("" if first else ",\n") + dumps({**data, "source": u, "target": v, "key": key})
        first = False
    yield '\n],\n"multigraph": true,\n"nodes": [\n'
    first = True
    for node, data in graph.nodes(data=True):
        yield ("" if first else ",\n") + dumps({**data, "id": node})
        first = False
    yield "\n]}\n"


def to_json(graph: nx.MultiDiGraph) -> str:
    return "".join(json_parts(graph))


def from_json(text: str) -> nx.MultiDiGraph:
    return nx.node_link_graph(json.loads(text), directed=True, multigraph=True, edges="links")


def scalar(value: object) -> str | int | float | bool:
    """A GraphML attribute value; strings XML-safe whoever calls (kg.textsafe)."""
    if isinstance(value, str):
        return safe_string(value)
    if isinstance(value, int | float | bool):
        return value
    return safe_string(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))


def xml_text(value: object) -> str:
    """Escaped for an XML attribute or element, and XML-safe whoever calls (kg.textsafe)."""
    text = safe_string(str(value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def xml_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def xml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return xml_text(value)


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    return "".join(graphml_parts(graph)).encode("utf-8")


def graphml_parts(graph: nx.MultiDiGraph) -> Iterator[str]:
    """GraphML as networkx writes it: a key per attribute (typed by its first value), `id` of an edge
    its key."""
    nodes = [
        (n, {"label": str(d.get("name") or n), **{k: scalar(v) for k, v in d.items() if v is not None}})
        for n, d in graph.nodes(data=True)
    ]
    edges = [(u, v, key, edge_attributes(d)) for u, v, key, d in graph.edges(keys=True, data=True)]
    keys: dict[tuple[str, str], tuple[str, str]] = {}  # (for, name) -> (id, type)
    for scope, items in (("node", (d for _, d in nodes)), ("edge", (d for *_, d in edges))):
        for data in items:
            for name, value in data.items():
                if (scope, name) not in keys:
                    keys[(scope, name)] = (f"d{len(keys)}", xml_type(value))
    yield (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for (scope, name), (ident, kind) in keys.items():
        yield f'  <key id="{ident}" for="{scope}" attr.name="{xml_text(name)}" attr.type="{kind}" />\n'
    yield '  <graph edgedefault="directed">\n'

    def data_of(scope: str, data: dict) -> str:
        return "".join(f'\n      <data key="{keys[(scope, k)][0]}">{xml_value(v)}</data>' for k, v in data.items())

    for node, data in nodes:
        yield f'    <node id="{xml_text(node)}">{data_of("node", data)}\n    </node>\n'
    for u, v, key, data in edges:
        yield (
            f'    <edge source="{xml_text(u)}" target="{xml_text(v)}" id="{xml_text(key)}">'
            f"{data_of('edge', data)}\n    </edge>\n"
        )
    yield "  </graph>\n</graphml>\n"


def edge_attributes(data: dict) -> dict:
    attrs = {k: scalar(val) for k, val in data.items() if val is not None}
    attrs.setdefault("label", edge_label(data))
    attrs.setdefault("weight", int(data.get("support") or 1))
    return attrs


def edge_label(data: dict) -> str:
    relation = str(data.get("relation") or "")
    if relation == GENERIC and data.get("verb"):
        return str(data["verb"])
    return BY_NAME[relation].label if relation in BY_NAME else relation


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, (part.encode("utf-8") for part in json_parts(graph)))


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, (part.encode("utf-8") for part in graphml_parts(graph)))
