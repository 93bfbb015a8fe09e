"""The graph as every exporter may receive it: each string XML- and Turtle-safe (kg.textsafe)."""

from __future__ import annotations

import networkx as nx

from kg.textsafe import safe_value


def safe_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the graph whose node ids, attribute names and values hold only safe strings. Article text is
    cleaned when read; this covers what comes from anywhere else (metadata, file names, a library's output)."""
    out = nx.MultiDiGraph()
    out.graph.update(safe_value(dict(graph.graph)))
    for node, data in graph.nodes(data=True):
        out.add_node(safe_value(node), **safe_value(data))
    for u, v, key, data in graph.edges(keys=True, data=True):
        out.add_edge(safe_value(u), safe_value(v), key=safe_value(key), **safe_value(data))
    return out
