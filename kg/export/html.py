"""A self-contained interactive HTML graph, made with pyvis, that works opened from disk offline.

pyvis holds the nodes and edges; the page itself is kg's own template with vis-network's script and
style (shipped inside the pyvis package) inlined, because pyvis's own templates link Bootstrap and
other files from CDNs even with cdn_resources="in_line" (and "local" copies a lib/ folder into the
working directory). The caller's graph is never handed to pyvis's `from_nx` (it mutates it).

Safety: article text is data, never markup. Everything reaches the page as JSON (with <, >, & and line
separators escaped so no string can close the script), and the page builds tooltips, legend and lists
with DOM text nodes, never innerHTML. A Content-Security-Policy forbids loading anything at all.

Layout: positions are computed in Python (networkx kamada-kawai, or a seeded spring layout for big
components; each connected component on its own, nodes then moved apart until labels clear each other,
components packed in rows) and physics is off, so the page is still at first paint and the same graph
gives the same bytes. Large graphs show the most connected entities (`max_nodes`) or one entity's
neighbourhood (`focus`); a search box and relation/status filters do the rest.
"""

from __future__ import annotations

import html
import json
import math
import re
import statistics
from collections import defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx
import numpy as np
from pyvis.network import Network

from kg.errors import KgError
from kg.export.files import write_atomic
from kg.relations import GENERIC, RELATION_TYPES, SYMMETRIC

# type -> (colour, vis shape, legend text); every shape draws its label below, so `size` applies.
TYPE_STYLE = {
    "PERSON": ("#4e79a7", "dot", "person"),
    "ORG": ("#f28e2b", "square", "organization"),
    "GPE": ("#59a14f", "triangle", "country, state or city"),
    "LOC": ("#76b7b2", "triangleDown", "region or other place"),
    "FAC": ("#b07aa1", "diamond", "facility or building"),
    "EVENT": ("#c9a227", "hexagon", "event: call, meeting, visit, release"),
}
FALLBACK_STYLE = ("#9c9c9c", "hexagon", "other")
RELATION_COLOR = {r.name: r.color for r in RELATION_TYPES}
DEFAULT_RELATION_COLOR = "#888888"
# status -> vis dashes (dash, gap) and opacity: planned dashed, intended dotted and faint
STATUS_DASHES: dict[str, bool | list[int]] = {"occurred": False, "planned": [10, 6], "intended": [2, 5]}
STATUS_OPACITY = {"occurred": 1.0, "planned": 0.9, "intended": 0.5}
EDGE_LENGTH = 190.0  # px between linked nodes: room for a label on the edge and the nodes' labels
MIN_GAP = 110.0  # px between any two node centres, so the edges between them stay visible
EDGE_CLEARANCE = 34.0  # px between a node and any edge passing by it
ROW_GAP = 70.0  # px between nodes one above the other: the upper one's label fits between
LABEL_MARGIN = 24.0  # px left between two labels side by side
LABEL_HEIGHT = 44.0  # px a node's label hangs below its centre
NODE_FONT = 17
EDGE_FONT = 13
COMPONENT_GAP = 100.0
SPREAD_LIMIT = 500  # spreading compares every pair of nodes (and node with edge) a hundred times
FOCUS_RADIUS2_LIMIT = 50  # a focus neighbourhood of radius 2 is kept when it has at most this many entities
MAX_TOOLTIP_SENTENCES = 8


def script_json(value: object) -> str:
    """JSON that can sit inside <script> without ending it or being read as markup."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def neighbours_graph(graph: nx.Graph | nx.MultiDiGraph, nodes: list[str] | None = None) -> nx.Graph:
    """Who is linked to whom among `nodes` (default all), ignoring direction, parallel edges and self-loops.

    Each link counts its facts in `parallel` and gets a layout `length` that grows with them, so pairs
    with many facts are drawn further apart and their fan of edges has room.
    Built afresh in sorted order: networkx subgraph views iterate small subgraphs in set (hash) order,
    which would make layouts, and so the page, differ from run to run.
    """
    kept = set(graph) if nodes is None else set(nodes)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for u, v, n in graph.edges(kept, data="parallel", default=1):
        if u != v and u in kept and v in kept:
            counts[(min(u, v), max(u, v))] += n
    simple = nx.Graph()
    simple.add_nodes_from(sorted(kept))
    simple.add_edges_from(
        (u, v, {"parallel": n, "length": 1 + 0.15 * (min(max(n, 2), 7) - 2)}) for (u, v), n in sorted(counts.items())
    )
    return simple


def rank(simple: nx.Graph, nodes: list[str]) -> list[str]:
    """Most connected first (distinct neighbours), ties by id, so the choice is stable."""
    return sorted(nodes, key=lambda n: (-simple.degree(n), n))


def find_focus(graph: nx.MultiDiGraph, simple: nx.Graph, focus: str) -> str:
    """The entity meant by an id, name or alias (case-insensitive); else the best name containing it."""
    wanted = focus.strip().casefold()

    def names(n: str) -> list[str]:
        data = graph.nodes[n]
        return [n, str(data.get("name") or "")] + [str(a) for a in data.get("aliases") or []]

    exact = [n for n in graph if wanted in (s.casefold() for s in names(n))]
    partial = [n for n in graph if any(wanted in s.casefold() for s in names(n))] if wanted else []
    found = rank(simple, exact or partial)
    if not found:
        raise KgError(f"No entity matches focus {focus!r}: give an entity id, name or alias from the graph.")
    return found[0]


def select_nodes(graph: nx.MultiDiGraph, max_nodes: int, focus: str | None) -> tuple[list[str], str]:
    """The nodes to draw and a note saying what was left out."""
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    simple = neighbours_graph(graph)
    if focus:
        match = find_focus(graph, simple, focus)
        nodes = list(nx.ego_graph(simple, match, radius=2))
        radius = 2
        if len(nodes) > FOCUS_RADIUS2_LIMIT:
            nodes, radius = list(nx.ego_graph(simple, match, radius=1)), 1
        name = graph.nodes[match].get("name") or match
        note = f"Neighbourhood of {name} (radius {radius}): {len(nodes)} of {graph.number_of_nodes()} entities."
        if len(nodes) > max_nodes:
            nodes = [match] + [n for n in rank(simple, nodes) if n != match][: max_nodes - 1]
            note += f" Showing the {max_nodes} most connected."
        return sorted(nodes), note
    if graph.number_of_nodes() <= max_nodes:
        return sorted(graph), ""
    kept = rank(simple, list(graph))[:max_nodes]
    return sorted(kept), (
        f"Showing the {max_nodes} most connected of {graph.number_of_nodes()} entities. "
        "Use kg.export.html.to_html(graph, focus=NAME) to see one entity's neighbourhood."
    )


def label_width(text: str) -> float:
    """Roughly how wide vis draws a node label (NODE_FONT px sans-serif), in px."""
    return 0.55 * NODE_FONT * len(text)


def component_layout(sub: nx.Graph, widths: dict[str, float]) -> dict[str, tuple[float, float]]:
    """One connected component, scaled so a typical edge is EDGE_LENGTH long, centred on (0, 0)."""
    nodes = list(sub)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        half = max(EDGE_LENGTH, (widths[nodes[0]] + widths[nodes[1]]) / 2 + LABEL_MARGIN) / 2
        return {nodes[0]: (-half, 0.0), nodes[1]: (half, 0.0)}
    # kamada-kawai is deterministic (starts from a circle) and reads best, but is quadratic in memory
    small = len(nodes) <= 150
    pos = (
        nx.kamada_kawai_layout(sub, weight="length")
        if small
        else nx.spring_layout(sub, seed=42, iterations=100, weight=None)
    )
    points = np.array([pos[n] for n in nodes], dtype=float)
    points -= points.mean(axis=0)
    lengths = [math.dist(pos[u], pos[v]) for u, v in sub.edges()]
    points *= EDGE_LENGTH / max(statistics.median(lengths), 1e-9)
    points = landscape(points)
    if len(nodes) <= SPREAD_LIMIT:
        label_widths = np.array([widths[n] for n in nodes])
        # first grow the whole drawing (keeps its shape) until a typical node clears its neighbours,
        # then move apart only the few still too close
        points *= min(max(float(np.median(needed_scale(points, label_widths))), 1.0), 2.0)
        index = {n: i for i, n in enumerate(nodes)}
        links = np.array([(index[u], index[v]) for u, v in sub.edges()], dtype=int).reshape(-1, 2)
        # each round is O(nodes x edges): fewer rounds for big components keeps big graphs quick to write
        points = spread(points, label_widths, links, rounds=100 if len(nodes) <= 150 else 25)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, points, strict=True)}


def landscape(points: np.ndarray) -> np.ndarray:
    """Rotate the longest axis of a centred layout onto x: screens are wider than tall."""
    _, vectors = np.linalg.eigh(np.cov(points.T))
    main = vectors[:, -1]
    if main[0] < 0 or (main[0] == 0 and main[1] < 0):
        main = -main  # eigenvectors have no sign; fix one so the output is stable
    rotation = np.array([[main[0], main[1]], [-main[1], main[0]]])
    return points @ rotation.T


def clearances(widths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How far apart two nodes must be in x, or else in y, so their labels (boxes below them) do not touch."""
    return (widths[:, None] + widths[None, :]) / 2 + LABEL_MARGIN, np.full((len(widths), len(widths)), ROW_GAP)


def needed_scale(points: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """For each node, how much the drawing would have to grow for it to clear every other node."""
    delta = np.abs(points[:, None, :] - points[None, :, :]) + 1e-6
    wx, wy = clearances(widths)
    need = np.minimum(wx / delta[:, :, 0], wy / delta[:, :, 1])  # clearing either axis is enough
    need = np.maximum(need, MIN_GAP / np.sqrt((delta**2).sum(axis=2)))
    np.fill_diagonal(need, 0.0)
    return need.max(axis=1)


def spread(points: np.ndarray, widths: np.ndarray, links: np.ndarray, rounds: int = 100) -> np.ndarray:
    """Move apart nodes whose label boxes overlap (along the cheaper axis) or that are closer than MIN_GAP,
    and move nodes off edges that pass over them (an edge through a node reads as two edges).

    Force layouts put tightly knit nodes (two leaders, the summit venue) nearly on top of each other.
    """
    points = points.copy()
    n = len(points)
    # a tiny deterministic offset so coincident nodes still have a direction to move apart in
    points += 1e-3 * np.stack([np.cos(np.arange(n) * 2.4), np.sin(np.arange(n) * 2.4)], axis=1)
    wx, wy = clearances(widths)
    for _ in range(rounds):
        delta = points[:, None, :] - points[None, :, :]
        px, py = wx - np.abs(delta[:, :, 0]), wy - np.abs(delta[:, :, 1])  # overlap along each axis
        boxed = (px > 0) & (py > 0)
        np.fill_diagonal(boxed, False)
        move = np.zeros_like(delta)
        sideways = boxed & (px <= py)
        move[:, :, 0] = np.where(sideways, px * np.sign(delta[:, :, 0]), 0.0)
        move[:, :, 1] = np.where(boxed & ~sideways, py * np.sign(delta[:, :, 1]), 0.0)
        dist = np.sqrt((delta**2).sum(axis=2))
        np.fill_diagonal(dist, np.inf)
        short = np.clip(MIN_GAP - dist, 0.0, None)
        move += delta / np.maximum(dist, 1e-6)[:, :, None] * short[:, :, None]
        step = move.sum(axis=1) / 2 + off_edges(points, links)
        if not step.any():
            break
        points += step
    return points


def off_edges(points: np.ndarray, links: np.ndarray) -> np.ndarray:
    """For each node, the push that takes it EDGE_CLEARANCE px away from every edge not its own."""
    if not len(links):
        return np.zeros_like(points)
    a, b = points[links[:, 0]], points[links[:, 1]]  # (m, 2)
    ab = b - a
    squared = np.maximum((ab**2).sum(axis=1), 1e-9)
    t = ((points[None, :, :] - a[:, None, :]) * ab[:, None, :]).sum(axis=2) / squared[:, None]  # (m, n)
    nearest = a[:, None, :] + np.clip(t, 0.0, 1.0)[:, :, None] * ab[:, None, :]  # (m, n, 2)
    away = points[None, :, :] - nearest
    dist = np.sqrt((away**2).sum(axis=2))
    # an edge's own ends, and nodes beyond its ends, are not "on" it
    own = np.zeros_like(dist, dtype=bool)
    own[np.arange(len(links)), links[:, 0]] = True
    own[np.arange(len(links)), links[:, 1]] = True
    close = ~own & (t > 0.0) & (t < 1.0) & (dist < EDGE_CLEARANCE)
    # a node exactly on the line moves along the edge's normal
    normal = np.stack([-ab[:, 1], ab[:, 0]], axis=1) / np.sqrt(squared)[:, None]
    direction = np.where((dist > 1e-6)[:, :, None], away / np.maximum(dist, 1e-6)[:, :, None], normal[:, None, :])
    push = np.where(close[:, :, None], direction * (EDGE_CLEARANCE - dist)[:, :, None], 0.0)
    return push.sum(axis=0)


def layout(graph: nx.MultiDiGraph, nodes: list[str]) -> dict[str, tuple[int, int]]:
    """Positions for the drawn nodes: components laid out apart, then packed in rows, biggest first.

    A single layout of a disconnected graph pushes the components to the far edges and shrinks each
    one to a blob, which is what news graphs (many small unrelated stories) look like.
    """
    simple = neighbours_graph(graph, nodes)
    widths = {n: label_width(str(graph.nodes[n].get("name") or n)) for n in nodes}
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    blocks = []
    for comp in components:
        pos = component_layout(neighbours_graph(simple, comp), widths)
        # the box a component needs on screen: labels stick out sideways and hang below the node
        xs = [p[0] + side * widths[n] / 2 for n, p in pos.items() for side in (-1, 1)]
        ys = [p[1] + dy for p in pos.values() for dy in (-LABEL_HEIGHT / 2, LABEL_HEIGHT)]
        blocks.append((pos, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    if not blocks:
        return {}
    area = sum((w + COMPONENT_GAP) * (h + COMPONENT_GAP) for _, _, _, w, h in blocks)
    # rows about 1.6 times as wide as the page is tall, like a screen
    row_width = max(max(w for _, _, _, w, _ in blocks), math.sqrt(area * 1.6))
    out: dict[str, tuple[int, int]] = {}  # whole pixels: vis truncates to them anyway
    x = y = row_height = 0.0
    for pos, left, top, w, h in blocks:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + COMPONENT_GAP, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(px - left + x), round(py - top + y))
        x += w + COMPONENT_GAP
        row_height = max(row_height, h)
    untie(out, list(simple.edges()))
    return out


def untie(pos: dict[str, tuple[int, int]], edges: list[tuple[str, str]]) -> None:
    """Keep linked nodes off the same y.

    vis-network 9.1 draws the label of an exactly horizontal edge pointing right-to-left at the canvas
    origin, far from its edge (and it truncates positions to whole pixels, hence integer positions).
    """
    for _ in range(100):
        tied = sorted({max(u, v) for u, v in edges if pos[u][1] == pos[v][1]})
        if not tied:
            return
        for n in tied:
            pos[n] = (pos[n][0], pos[n][1] + 1)


def node_tooltip(node: str, data: dict, articles: dict) -> str:
    lines = [f"{data.get('name') or node}", f"{data.get('type') or '?'} \u00b7 {node}"]
    if data.get("aliases"):
        lines.append("Also called: " + ", ".join(str(a) for a in data["aliases"]))
    documents = list(data.get("documents") or [])
    lines.append(f"Mentions: {data.get('mentions', 0)} in {len(documents)} article(s)")
    for doc in documents[:MAX_TOOLTIP_SENTENCES]:
        title = (articles.get(doc) or {}).get("title")
        lines.append(f"\u2022 {title} [{doc}]" if title else f"\u2022 {doc}")
    if len(documents) > MAX_TOOLTIP_SENTENCES:
        lines.append(f"\u2026 and {len(documents) - MAX_TOOLTIP_SENTENCES} more")
    return "\n".join(lines)


def edge_label(data: dict) -> str:
    relation = str(data.get("relation") or "")
    if relation == GENERIC or relation.endswith(" event"):  # the verb, or the party's role in the event
        return str(data.get("verb") or relation)
    return relation


def edge_tooltip(data: dict, names: tuple[str, str], articles: dict) -> str:
    evidence = list(data.get("evidence") or [])
    confidence = data.get("confidence")
    head = f"{names[0]} \u2014 {edge_label(data)} \u2014 {names[1]}"
    facts = [str(data.get("status") or "?")]
    if isinstance(confidence, int | float):
        facts.append(f"confidence {confidence:.2f}")
    facts.append(f"{len(evidence)} sentence(s)")
    lines = [head, ", ".join(facts)]
    for ev in evidence[:MAX_TOOLTIP_SENTENCES]:
        doc = str(ev.get("doc_id") or "?")
        title = ev.get("title") or (articles.get(doc) or {}).get("title")
        lines.append("")
        lines.append(f"\u201c{ev.get('sentence', '')}\u201d")
        lines.append(
            f"   \u2014 {title} [{doc}], rule {ev.get('rule')}" if title else f"   \u2014 {doc}, rule {ev.get('rule')}"
        )
    if len(evidence) > MAX_TOOLTIP_SENTENCES:
        lines.append(f"\n\u2026 and {len(evidence) - MAX_TOOLTIP_SENTENCES} more sentences")
    return "\n".join(lines)


def edge_curves(edges: list[tuple[str, str, object]]) -> dict[tuple[str, str, object], dict]:
    """vis `smooth` per edge: a lone edge is straight; parallel ones fan out so none hides another."""
    groups: dict[tuple[str, str], list[tuple[str, str, object]]] = defaultdict(list)
    for edge in edges:
        groups[(min(edge[0], edge[1]), max(edge[0], edge[1]))].append(edge)
    out: dict[tuple[str, str, object], dict] = {}
    for (a, _), group in groups.items():
        for i, edge in enumerate(group):
            # fan out at most +-0.45 so a dozen parallel facts still stay near their straight line
            step = min(0.3, 0.9 / max(len(group) - 1, 1))
            offset = (i - (len(group) - 1) / 2) * step
            if edge[0] != a:
                offset = -offset  # clockwise from the other end bends to the other side
            if abs(offset) < 1e-9:
                out[edge] = {"enabled": False}
            else:
                out[edge] = {
                    "enabled": True,
                    "type": "curvedCW" if offset > 0 else "curvedCCW",
                    "roundness": round(abs(offset), 3),
                }
    return out


def build_network(graph: nx.MultiDiGraph, nodes: list[str]) -> Network:
    """pyvis nodes and edges for the chosen entities, every attribute vis needs precomputed."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    articles = graph.graph.get("articles") or {}
    pos = layout(graph, nodes)
    for node in nodes:
        data = graph.nodes[node]
        etype = str(data.get("type") or "OTHER")
        color, shape, _ = TYPE_STYLE.get(etype, FALLBACK_STYLE)
        x, y = pos.get(node, (0, 0))
        mentions = int(data.get("mentions") or 0)
        net.add_node(
            node,
            label=str(data.get("name") or node),
            title=node_tooltip(node, data, articles),
            color=color,
            shape=shape,
            size=round(10 + 4 * math.log1p(mentions), 1),
            x=x,
            y=y,
            physics=False,
            etype=etype,
            aliases=[str(a) for a in data.get("aliases") or []],
        )
    kept = set(nodes)
    chosen = sorted(
        ((u, v, k) for u, v, k in graph.edges(keys=True) if u in kept and v in kept),
        key=lambda e: (e[0], e[1], str(e[2])),
    )
    curves = edge_curves(chosen)
    for u, v, key in chosen:
        data = graph.edges[u, v, key]
        relation = str(data.get("relation") or "")
        status = str(data.get("status") or "occurred")
        names = (str(graph.nodes[u].get("name") or u), str(graph.nodes[v].get("name") or v))
        support = int(data.get("support") or len(data.get("evidence") or []) or 1)
        net.add_edge(
            u,
            v,
            id=f"{u}|{v}|{key}",
            label=edge_label(data),
            title=edge_tooltip(data, names, articles),
            color={
                "color": RELATION_COLOR.get(relation, DEFAULT_RELATION_COLOR),
                "opacity": STATUS_OPACITY.get(status, 1.0),
            },
            dashes=STATUS_DASHES.get(status, False),
            arrows={"to": {"enabled": relation not in SYMMETRIC, "scaleFactor": 0.7}},
            smooth=curves[(u, v, key)],
            width=1.5 + min(4, support - 1),
            relation=relation,
            status=status,
        )
    return net


def vis_assets() -> tuple[str, str]:
    root = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return (root / "vis-network.min.js").read_text(encoding="utf-8"), (root / "vis-network.css").read_text(
        encoding="utf-8"
    )


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; \
style-src 'unsafe-inline'; img-src data:">
<title>__TITLE__</title>
<style>__VIS_CSS__</style>
<style>
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
#app { display: flex; height: 100%; }
#side { flex: 0 0 290px; padding: 12px 14px; box-sizing: border-box; border-right: 1px solid #ddd;
  overflow-y: auto; background: #fafafa; }
#network { flex: 1; min-width: 0; height: 100%; }
h1 { font-size: 16px; margin: 0 0 6px; overflow-wrap: anywhere; }
h2 { font-size: 12px; margin: 14px 0 4px; text-transform: uppercase; letter-spacing: .05em; color: #555; }
.note { color: #666; font-size: 12px; }
#selection-note:not(:empty) { color: #8a5300; background: #fff4e0; border: 1px solid #f0c78a; padding: 4px 6px;
  margin-top: 6px; }
.row { display: flex; align-items: center; gap: 6px; margin: 1px 0; font-size: 13px; cursor: default; }
label.row { cursor: pointer; }
.row svg { flex: 0 0 auto; }
#search { width: 100%; box-sizing: border-box; padding: 5px 6px; font: inherit; }
#search-note { min-height: 1em; }
#details { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; background: #fff; border: 1px solid #ddd;
  padding: 6px; min-height: 40px; }
div.vis-tooltip { white-space: pre-wrap; max-width: 520px; font: 12px/1.4 system-ui, sans-serif; }
</style>
</head>
<body>
<div id="app">
<div id="side">
<h1>__TITLE__</h1>
<div class="note" id="summary"></div>
<div class="note" id="selection-note"></div>
<h2>Find</h2>
<input id="search" type="search" list="names" placeholder="Type a name, press Enter" autocomplete="off">
<datalist id="names"></datalist>
<div class="note" id="search-note"></div>
<h2>Entities</h2><div id="legend-types"></div>
<h2>Relations</h2><div id="legend-relations"></div>
<h2>Status</h2><div id="legend-status"></div>
<h2>Selected</h2><div id="details">Click a node or an edge to read its evidence.</div>
</div>
<div id="network"></div>
</div>
<script>__VIS_JS__</script>
<script>
"use strict";
const DATA = __DATA__;
const SVG = "http://www.w3.org/2000/svg";
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}
// Tooltips as elements filled with textContent: vis renders string titles as HTML.
function plain(text) { return el("div", text); }
const textOf = new Map();
for (const n of DATA.nodes) textOf.set("n:" + n.id, n.title);
for (const e of DATA.edges) textOf.set("e:" + e.id, e.title);
const nodes = new vis.DataSet(DATA.nodes.map(n => Object.assign({}, n, {title: plain(n.title)})));
const edges = new vis.DataSet(DATA.edges.map(e => Object.assign({}, e, {title: plain(e.title)})));
const container = document.getElementById("network");
const network = new vis.Network(container, {nodes: nodes, edges: edges}, DATA.options);
document.getElementById("summary").textContent = DATA.summary;
document.getElementById("selection-note").textContent = DATA.note;

const hidden = {relation: new Set(), status: new Set()};
function refilter() {
  edges.update(DATA.edges.map(e => ({
    id: e.id, hidden: hidden.relation.has(e.relation) || hidden.status.has(e.status)
  })));
}
function toggleRow(kind, value, swatch) {
  const row = el("label", undefined, "row");
  const box = el("input");
  box.type = "checkbox";
  box.checked = true;
  box.addEventListener("change", () => {
    if (box.checked) hidden[kind].delete(value); else hidden[kind].add(value);
    refilter();
  });
  row.append(box, swatch, el("span", value));
  return row;
}
const SHAPES = {
  triangle: "8,2 14,13 2,13", triangleDown: "2,3 14,3 8,14", diamond: "8,1 15,8 8,15 1,8",
  hexagon: "4,2 12,2 15,8 12,14 4,14 1,8"
};
function shapeIcon(shape, color) {
  const box = svg("svg", {width: 16, height: 16, viewBox: "0 0 16 16"});
  let mark;
  if (shape === "dot") mark = svg("circle", {cx: 8, cy: 8, r: 6});
  else if (shape === "square") mark = svg("rect", {x: 2, y: 2, width: 12, height: 12});
  else mark = svg("polygon", {points: SHAPES[shape] || SHAPES.hexagon});
  mark.setAttribute("fill", color);
  box.append(mark);
  return box;
}
function lineIcon(color, dashes, opacity) {
  const box = svg("svg", {width: 30, height: 10, viewBox: "0 0 30 10"});
  const line = svg("line", {x1: 1, y1: 5, x2: 29, y2: 5, stroke: color, "stroke-width": 2.5,
                            "stroke-opacity": opacity});
  if (dashes) line.setAttribute("stroke-dasharray", dashes.join(" "));
  box.append(line);
  return box;
}
for (const t of DATA.legend.types) {
  const row = el("div", undefined, "row");
  row.append(shapeIcon(t.shape, t.color), el("span", t.label));
  document.getElementById("legend-types").append(row);
}
for (const r of DATA.legend.relations) {
  document.getElementById("legend-relations").append(toggleRow("relation", r.name, lineIcon(r.color, false, 1)));
}
for (const s of DATA.legend.statuses) {
  document.getElementById("legend-status").append(toggleRow("status", s.name, lineIcon("#444", s.dashes, s.opacity)));
}

function show(text) { document.getElementById("details").textContent = text; }
const datalist = document.getElementById("names");
for (const n of DATA.nodes) { const o = el("option"); o.value = n.label; datalist.append(o); }
function findNode(text) {
  const q = text.trim().toLowerCase();
  if (!q) return null;
  const names = n => [n.label, n.id].concat(n.aliases || []).map(s => s.toLowerCase());
  return DATA.nodes.find(n => names(n).includes(q)) || DATA.nodes.find(n => names(n).some(s => s.includes(q)));
}
function search() {
  const input = document.getElementById("search");
  const n = findNode(input.value);
  document.getElementById("search-note").textContent = n || !input.value.trim() ? "" : "No entity matches.";
  if (!n) return;
  network.selectNodes([n.id]);
  network.focus(n.id, {scale: 1.2, animation: {duration: 400}});
  show(textOf.get("n:" + n.id));
}
const searchBox = document.getElementById("search");
searchBox.addEventListener("keydown", ev => { if (ev.key === "Enter") search(); });
searchBox.addEventListener("change", search);
network.on("click", p => {
  if (p.nodes.length) show(textOf.get("n:" + p.nodes[0]));
  else if (p.edges.length) show(textOf.get("e:" + p.edges[0]));
});

// Fit the whole graph until the reader moves the view, also when the window (or the page) resizes.
let moved = false;
network.on("dragStart", () => { moved = true; });
network.on("zoom", () => { moved = true; });
function fitAll() {
  if (moved) return;
  network.fit({animation: false});
  // fit counts nodes, not the labels hanging off the outermost ones: leave them a margin
  network.moveTo({scale: network.getScale() * 0.92, animation: false});
}
// setSize first: vis notices a new container size only on its own timer, and fit needs the new size.
new ResizeObserver(() => { network.setSize("100%", "100%"); fitAll(); }).observe(container);
network.once("afterDrawing", () => {
  fitAll();
  document.body.setAttribute("data-drawn", String(nodes.length));
});
</script>
</body>
</html>
"""


PLACEHOLDER = re.compile(r"__(TITLE|VIS_CSS|VIS_JS|DATA)__")


def with_events(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the graph where each event is a small node linked to its parties and places; the
    link's relation names the event kind ("Meeting event"), so the relation checkboxes filter by kind
    and the status checkboxes by status."""
    events = graph.graph.get("events") or []
    if not events:
        return graph
    out = graph.copy()
    for event in events:
        if event["kind"] == "Other":
            continue  # generic verbs are already edges; as events they would only crowd the page
        node = f"event/{event['id']}"
        label = event["kind"] + (f" {event['date']}" if event.get("date") else "")
        out.add_node(
            node,
            name=label,
            type="EVENT",
            aliases=[],
            mentions=len(event["mentions"]),
            documents=sorted({m["doc_id"] for m in event["mentions"]}),
            geonames=None,
        )
        ends = [(p["entity"], p["role"]) for p in event["participants"]] + [(pl, "place") for pl in event["places"]]
        for entity, role in ends:
            if entity in out:
                out.add_edge(
                    node,
                    entity,
                    key=f"event|{role}",
                    relation=f"{event['kind']} event",
                    status=event["status"],
                    verb=role,
                    confidence=1.0,
                    evidence=event["mentions"],
                    documents=[],
                    support=len(event["mentions"]),
                )
    return out


def to_html(
    graph: nx.MultiDiGraph,
    *,
    title: str = "kg graph",
    max_nodes: int = 400,
    focus: str | None = None,
    show_events: bool = True,
) -> str:
    """The page for a graph: every script and style inline, nothing fetched from the network.

    `max_nodes` keeps the most connected entities of a big graph; `focus` (an entity id, name or alias,
    case-insensitive) draws only that entity's neighbourhood. Raises KgError if `focus` matches nothing.
    `show_events` draws each event as a small node linked to its parties (filterable by kind and status).
    """
    if show_events:
        graph = with_events(graph)
    nodes, note = select_nodes(graph, max_nodes, focus)
    net = build_network(graph, nodes)
    options = {
        "physics": {"enabled": False},
        "layout": {"randomSeed": 42, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": True, "hideEdgesOnDrag": False},
        "edges": {
            "font": {"size": EDGE_FONT, "align": "middle", "color": "#333", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "selectionWidth": 2,
            "hoverWidth": 1,
        },
        "nodes": {"font": {"size": NODE_FONT, "strokeWidth": 4, "strokeColor": "#ffffff"}, "borderWidth": 1},
    }
    relations = sorted({e["relation"] for e in net.edges})
    present = {n["etype"] for n in net.nodes}
    order = [t for t in TYPE_STYLE if t in present] + sorted(present - set(TYPE_STYLE))
    articles = graph.graph.get("articles") or {}
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": options,
        "note": note,
        "summary": f"{len(net.nodes)} entities, {len(net.edges)} relations, {len(articles)} articles",
        "legend": {
            "types": [
                {
                    "label": f"{TYPE_STYLE.get(t, FALLBACK_STYLE)[2]} ({t})",
                    "color": TYPE_STYLE.get(t, FALLBACK_STYLE)[0],
                    "shape": TYPE_STYLE.get(t, FALLBACK_STYLE)[1],
                }
                for t in order
            ],
            "relations": [{"name": r, "color": RELATION_COLOR.get(r, DEFAULT_RELATION_COLOR)} for r in relations],
            "statuses": [{"name": s, "dashes": STATUS_DASHES[s], "opacity": STATUS_OPACITY[s]} for s in STATUS_DASHES],
        },
    }
    js, css = vis_assets()
    parts = {
        "TITLE": html.escape(title, quote=True),
        "VIS_CSS": css.replace("</style", "<\\/style"),
        "VIS_JS": js.replace("</script", "<\\/script"),
        "DATA": script_json(data),
    }
    # One pass, so a placeholder spelled inside a title or an article string is never substituted.
    return PLACEHOLDER.sub(lambda m: parts[m.group(1)], PAGE)


def write_html(
    graph: nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str = "kg graph",
    max_nodes: int = 400,
    focus: str | None = None,
    show_events: bool = True,
) -> Path:
    """Write `to_html` atomically (temp file in the same folder, then os.replace)."""
    return write_atomic(path, to_html(graph, title=title, max_nodes=max_nodes, focus=focus, show_events=show_events))
