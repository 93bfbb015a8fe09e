"""What the graph page draws: which entities, events as nodes, and every vis attribute precomputed.

The caller's graph is never handed to pyvis's `from_nx` (it mutates it): nodes and edges are added one
by one from kg's own data. Tooltips are plain text; the page shows them through textContent.
"""

from __future__ import annotations

import calendar
import math
from collections import defaultdict

import networkx as nx
from pyvis.network import Network

from kg.errors import KgError
from kg.export.layout import NODE_FONT, layout, neighbours_graph, rank
from kg.graph import counts, linked_entities
from kg.relations import GENERIC, RELATION_TYPES, SYMMETRIC

# type -> (colour, vis shape, legend text); every shape draws its label below, so `size` applies.
TYPE_STYLE = {
    "PERSON": ("#4e79a7", "dot", "person"),
    "ORG": ("#f28e2b", "square", "organization"),
    "GPE": ("#59a14f", "triangle", "country, state or city"),
    "LOC": ("#76b7b2", "triangleDown", "region or other place"),
    "FAC": ("#b07aa1", "diamond", "facility or building"),
    "GROUP": ("#8cd17d", "dot", "group of people named by description"),
    "EVENT": ("#c9a227", "hexagon", "event: call, meeting, visit, release"),
}
FALLBACK_STYLE = ("#9c9c9c", "hexagon", "other")
RELATION_COLOR = {r.name: r.color for r in RELATION_TYPES}
DEFAULT_RELATION_COLOR = "#888888"
# status -> vis dashes (dash, gap) and opacity: planned dashed, intended dotted and faint
STATUS_DASHES: dict[str, bool | list[int]] = {"occurred": False, "planned": [10, 6], "intended": [2, 5]}
STATUS_OPACITY = {"occurred": 1.0, "planned": 0.9, "intended": 0.5}
START_NEIGHBOURS = 12  # the first view shows the hub and this many of its best-connected neighbours
# vis scales labels with the zoom: below this, NODE_FONT px labels shrink under 11 px and stop being legible
LEGIBLE_SCALE = 0.65
FOCUS_RADIUS2_LIMIT = 50  # a focus neighbourhood of radius 2 is kept when it has at most this many entities
MAX_TOOLTIP_SENTENCES = 8
EDGE_FONT = 13


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
    """The nodes to draw and a note saying what was left out. Entities without any relation are never
    drawn (the page lists them instead), unless one is the focus."""
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
    linked = [n for n in simple if simple.degree(n) > 0]
    if len(linked) <= max_nodes:
        return sorted(linked), ""
    kept = rank(simple, linked)[:max_nodes]
    return sorted(kept), (
        f"Drawn: the {max_nodes} most connected of {len(linked)} linked entities and events. "
        "Search a name to find one; kg build --focus NAME draws one entity's neighbourhood."
    )


def start_view(graph: nx.MultiDiGraph, nodes: list[str]) -> tuple[str | None, list[str]]:
    """Where the page opens when the whole drawing is too big to read: the most connected drawn entity
    and its best-connected neighbours."""
    simple = neighbours_graph(graph, nodes)
    entities = [n for n in nodes if graph.nodes[n].get("type") != "EVENT"] or nodes
    if not entities:
        return None, []
    hub = rank(simple, entities)[0]
    return hub, [hub] + rank(simple, list(simple.neighbors(hub)))[:START_NEIGHBOURS]


def unlinked_list(graph: nx.MultiDiGraph, drawn: set[str]) -> list[dict]:
    """The entities without any relation, most mentioned first, for the page's searchable list."""
    linked = linked_entities(graph)
    out = []
    for n, data in graph.nodes(data=True):
        if n in linked or n in drawn or data.get("type") == "EVENT":
            continue
        documents = list(data.get("documents") or [])
        out.append(
            {
                "id": n,
                "label": str(data.get("name") or n),
                "type": str(data.get("type") or "?"),
                "mentions": int(data.get("mentions") or 0),
                "title": f"{data.get('name') or n}\n{data.get('type') or '?'} \u00b7 {n}\n"
                + f"Mentioned {data.get('mentions', 0)} time(s) in {len(documents)} article(s); no relation found.",
            }
        )
    return sorted(out, key=lambda e: (-e["mentions"], e["label"].casefold(), e["id"]))


def date_bounds(iso: str | None) -> tuple[str, str] | None:
    """The first and last day an ISO date or interval covers ("2016" -> 2016-01-01, 2016-12-31)."""
    if not iso:
        return None
    first, _, last = iso.partition("/")
    last = last or first

    def bound(value: str, end: bool) -> str:
        parts = value.split("-")
        if len(parts) == 1:
            return f"{parts[0]}-12-31" if end else f"{parts[0]}-01-01"
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            day = calendar.monthrange(year, month)[1] if end else 1
            return f"{year:04d}-{month:02d}-{day:02d}"
        return value

    return bound(first, False), bound(last, True)


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


def event_dates(data: dict) -> dict:
    """An event node's `date_from`/`date_to` (ISO days) for the page's date filter; `undated` without."""
    if data.get("type") != "EVENT":
        return {}
    bounds = date_bounds(data.get("date"))
    return {"date_from": bounds[0], "date_to": bounds[1]} if bounds else {"undated": True}


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
            **event_dates(data),
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
            date=event.get("date"),
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


def page_data(
    graph: nx.MultiDiGraph, *, max_nodes: int = 400, focus: str | None = None, show_events: bool = True
) -> dict:
    """Everything the page's script reads: vis nodes, edges and options, the note, summary and legend."""
    total = counts(graph)
    entities = graph
    if show_events:
        graph = with_events(graph)
    nodes, note = select_nodes(graph, max_nodes, focus)
    net = build_network(graph, nodes)
    hub, start = start_view(graph, nodes)
    dates = sorted({d for n in net.nodes for d in (n.get("date_from"), n.get("date_to")) if d})
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
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": options,
        "note": note,
        "summary": total.describe(),
        "unlinked": unlinked_list(entities, set(nodes)),
        "view": {"hub": hub, "start": start, "legible": LEGIBLE_SCALE},
        "dates": dates,
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
