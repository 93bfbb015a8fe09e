"""graph.json (networkx node-link) and graph.graphml. GraphML holds only scalars, so list and dict
attributes (aliases, evidence) are written there as JSON strings. Gephi and Cytoscape show `label`: nodes
get their name there (and keep `type`), edges their relation's label (the verb for interactedWith) and a
`weight`, the number of sentences supporting the fact.

Both are written in one pass over the graph, one JSON value or XML element per node and edge, with
the C JSON encoder: networkx's writers build the whole document as Python objects first (and
`json.dumps(indent=...)` falls back to the pure-Python encoder), which costs seconds on a big graph.
The files read back with networkx's own readers (`from_json`, `networkx.read_graphml`).

Each node, edge and the graph's own attributes are a piece (kg.export.fragments) named by a digest of
their input (`content_keys`): given the last build's pieces, `write_json` and `write_graphml` copy the
unchanged ones from the file it wrote.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import networkx as nx

from kg.export.fragments import Piece, Pieces, digest, text_of, write_pieces
from kg.relations import BY_NAME, GENERIC
from kg.textsafe import safe_string


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


@dataclass(frozen=True)
class Keys:
    """Digests of the graph's parts, which name the pieces of graph.json and graph.graphml (kg.export.fragments):
    its own attributes, each node (id and attributes) and each edge (ends, key and attributes)."""

    graph: bytes
    nodes: dict[str, bytes]
    edges: dict[tuple[str, str, object], bytes]


# The keys of the graph's nodes and of its edges (Keys without the graph's own attributes).
ElementKeys = tuple[dict[str, bytes], dict[tuple[str, str, object], bytes]]


def element_keys(graph: nx.MultiDiGraph) -> ElementKeys:
    """The keys of each node and each edge: kg build makes them while its events are found, which go in the
    graph's own attributes alone."""
    return (
        {node: digest("node", node, data) for node, data in graph.nodes(data=True)},
        {(u, v, key): digest("edge", u, v, key, data) for u, v, key, data in graph.edges(keys=True, data=True)},
    )


def content_keys(graph: nx.MultiDiGraph, elements: ElementKeys | None = None) -> Keys:
    """Every key of the graph; `elements`: its nodes' and edges' keys, when made already (element_keys)."""
    nodes, edges = elements if elements is not None else element_keys(graph)
    return Keys(digest("graph", graph.graph), nodes, edges)


def json_pieces(graph: nx.MultiDiGraph, keys: Keys | None = None) -> Iterator[Piece]:
    """The node-link document (`networkx.node_link_data(graph, edges="links")`), keys sorted, one
    node or link per line; pieces named by `keys` when given."""
    yield None, '{"directed": true,\n"graph": '
    yield keys and keys.graph, partial(dumps, graph.graph)
    yield None, ',\n"links": [\n'
    for n, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
        if n:
            yield None, ",\n"
        yield keys and keys.edges[(u, v, key)], partial(link_json, u, v, key, data)
    yield None, '\n],\n"multigraph": true,\n"nodes": [\n'
    for n, (node, data) in enumerate(graph.nodes(data=True)):
        if n:
            yield None, ",\n"
        yield keys and keys.nodes[node], partial(node_json, node, data)
    yield None, "\n]}\n"


def link_json(u: str, v: str, key: object, data: dict) -> str:
    return dumps({**data, "source": u, "target": v, "key": key})


def node_json(node: str, data: dict) -> str:
    return dumps({**data, "id": node})


def to_json(graph: nx.MultiDiGraph) -> str:
    return text_of(json_pieces(graph))


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
    return text_of(graphml_pieces(graph)).encode("utf-8")


def graphml_pieces(graph: nx.MultiDiGraph, keys: Keys | None = None) -> Iterator[Piece]:
    """GraphML as networkx writes it: a key per attribute (typed by its first value), `id` of an edge
    its key; pieces named by `keys` when given (and by the attribute keys, which every piece uses)."""
    nodes = [
        (n, {"label": str(d.get("name") or n), **{k: v for k, v in d.items() if v is not None}})
        for n, d in graph.nodes(data=True)
    ]
    edges = [(u, v, key, d) for u, v, key, d in graph.edges(keys=True, data=True)]
    table: dict[tuple[str, str], tuple[str, str]] = {}  # (for, name) -> (id, type)
    for scope, items in (("node", (d for _, d in nodes)), ("edge", (edge_names(d) for *_, d in edges))):
        for data in items:
            for name, value in data.items():
                if (scope, name) not in table:
                    table[(scope, name)] = (f"d{len(table)}", attribute_type(value))
    yield (
        None,
        (
            "<?xml version='1.0' encoding='utf-8'?>\n"
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        ),
    )
    for (scope, name), (ident, kind) in table.items():
        yield None, f'  <key id="{ident}" for="{scope}" attr.name="{xml_text(name)}" attr.type="{kind}" />\n'
    yield None, '  <graph edgedefault="directed">\n'
    # every piece writes the attribute keys' ids: a piece is reused only under the same ones
    with_table = digest("graphml", list(table.items())) if keys else b""
    for node, data in nodes:
        yield keys and digest(with_table, keys.nodes[node]), partial(graphml_node, table, node, data)
    for u, v, key, data in edges:
        yield keys and digest(with_table, keys.edges[(u, v, key)]), partial(graphml_edge, table, u, v, key, data)
    yield None, "  </graph>\n</graphml>\n"


def attribute_type(value: object) -> str:
    """The GraphML type of an attribute, by its value (what `scalar` makes of it)."""
    return xml_type(value) if isinstance(value, int | float | bool) else "string"


def data_of(table: dict[tuple[str, str], tuple[str, str]], scope: str, data: dict) -> str:
    return "".join(f'\n      <data key="{table[(scope, k)][0]}">{xml_value(v)}</data>' for k, v in data.items())


def graphml_node(table: dict[tuple[str, str], tuple[str, str]], node: str, data: dict) -> str:
    scalars = {k: scalar(v) for k, v in data.items()}
    return f'    <node id="{xml_text(node)}">{data_of(table, "node", scalars)}\n    </node>\n'


def graphml_edge(table: dict[tuple[str, str], tuple[str, str]], u: str, v: str, key: object, data: dict) -> str:
    return (
        f'    <edge source="{xml_text(u)}" target="{xml_text(v)}" id="{xml_text(key)}">'
        f"{data_of(table, 'edge', edge_attributes(data))}\n    </edge>\n"
    )


def edge_names(data: dict) -> dict:
    """An edge's attributes as `edge_attributes` orders them, unconverted (for their names and types)."""
    attrs = {k: val for k, val in data.items() if val is not None}
    attrs.setdefault("label", "")
    attrs.setdefault("weight", 1)
    return attrs


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


def write_json(
    graph: nx.MultiDiGraph, path: str | Path, pieces: Pieces | None = None, keys: Keys | None = None
) -> Path:
    """graph.json; with `pieces` (the last build's), copying the unchanged nodes and links from it."""
    return write_pieces(path, json_pieces(graph, (keys or content_keys(graph)) if pieces else None), pieces)


def write_graphml(
    graph: nx.MultiDiGraph, path: str | Path, pieces: Pieces | None = None, keys: Keys | None = None
) -> Path:
    """graph.graphml; with `pieces` (the last build's), copying the unchanged nodes and edges from it."""
    return write_pieces(path, graphml_pieces(graph, (keys or content_keys(graph)) if pieces else None), pieces)
