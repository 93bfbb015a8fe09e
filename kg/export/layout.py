"""Positions for the graph page, computed in networkx so the page is still at first paint.

Each connected component is laid out on its own (kamada-kawai, or a seeded spring layout for big
components), scaled so a typical edge has room for its label, grown and then nudged until node labels
clear each other and no edge runs over a node, and the components are packed in rows, biggest first.
The same graph gives the same positions (whole pixels), whatever the insertion or hash order.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

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


@dataclass
class LayoutMemo:
    """Component layouts by component_key: `known` from earlier pages, `used` by this one (to keep)."""

    known: dict[bytes, dict[str, tuple[float, float]]] = field(default_factory=dict)
    used: dict[bytes, dict[str, tuple[float, float]]] = field(default_factory=dict)


# The memo of the page being written (see reusing); None: every component is laid out.
MEMO: LayoutMemo | None = None


@contextmanager
def reusing(memo: LayoutMemo) -> Iterator[LayoutMemo]:
    """While the block runs, a component whose nodes, links and labels are those of a component in
    `memo.known` is not laid out again (layout is most of a page's cost); `memo.used` collects the
    layouts of the page. `kg build` keeps them beside its cache."""
    global MEMO
    MEMO = memo
    try:
        yield memo
    finally:
        MEMO = None


def component_key(sub: nx.Graph, widths: dict[str, float]) -> bytes:
    """Everything component_layout reads: nodes, links with their lengths, label widths."""
    parts = (sorted((n, widths[n]) for n in sub), sorted((u, v, d["length"]) for u, v, d in sub.edges(data=True)))
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


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
        sub = neighbours_graph(simple, comp)
        key = component_key(sub, widths)
        pos = MEMO.known.get(key) if MEMO is not None else None
        if pos is None:
            pos = component_layout(sub, widths)
        if MEMO is not None:
            MEMO.used[key] = pos
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
