"""The graph as every exporter may receive it: each string XML- and Turtle-safe (kg.textsafe)."""

from __future__ import annotations

import networkx as nx

from kg.textsafe import is_safe_value, safe_value


def safe_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with only safe strings in node ids, attribute names and values: the graph itself when it
    has no unsafe one, else a cleaned copy. For a graph made anywhere (a notebook's result, a library's
    output): `kg build` makes its graph of articles cleaned when read and results checked when extracted
    (kg.textsafe), and does not walk it again. Exporters never modify the graph they are given, so sharing
    it is safe."""
    if is_safe(graph):
        return graph
    out = nx.MultiDiGraph()
    out.graph.update(safe_value(dict(graph.graph)))
    for node, data in graph.nodes(data=True):
        out.add_node(safe_value(node), **safe_value(data))
    for u, v, key, data in graph.edges(keys=True, data=True):
        out.add_edge(safe_value(u), safe_value(v), key=safe_value(key), **safe_value(data))
    return out


def is_safe(graph: nx.MultiDiGraph) -> bool:
    """No string anywhere in the graph that safe_string would change (a walk, without copying)."""
    return is_safe_value([graph.graph, list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True))])
