"""A self-contained interactive HTML graph, made with pyvis, that works opened from disk offline.

pyvis holds the nodes, edges and options; the page itself is kg's own template with vis-network's
script and style (shipped inside the pyvis package) inlined, because pyvis's own templates link
Bootstrap and other files from CDNs even with cdn_resources="in_line". The caller's graph is never
handed to pyvis's `from_nx` (it mutates it).

Safety: article text is data, never markup. Everything is passed to the page as JSON (with <, >, &
and line separators escaped so no string can close the script), and the page builds tooltips and lists
with DOM text nodes, never innerHTML.

Layout: positions are computed in Python (networkx, seeded) and physics is off, so the page is still
at first paint and the same graph gives the same bytes. Large graphs show the most connected entities
(`max_nodes`) or one entity's neighbourhood (`focus`); a search box and filters do the rest.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from kg.export.files import write_atomic
from kg.types import SYMMETRIC

TYPE_STYLE = {
    "PERSON": ("#4e79a7", "dot", "person"),
    "ORG": ("#f28e2b", "square", "organization"),
    "GPE": ("#59a14f", "triangle", "country, state or city"),
    "LOC": ("#76b7b2", "triangleDown", "region or other place"),
    "FAC": ("#b07aa1", "diamond", "facility or building"),
    "EVENT": ("#9c9c9c", "hexagon", "event"),
}
FALLBACK_STYLE = ("#bab0ac", "ellipse", "other")
RELATION_COLOR = {
    "spokeWith": "#e15759", "metWith": "#4e79a7", "metAt": "#76b7b2", "released": "#f28e2b",
    "visited": "#59a14f", "affiliatedWith": "#9c755f", "locatedIn": "#bab0ac", "interactedWith": "#b07aa1",
}
STATUS_DASHES = {"occurred": False, "planned": [8, 6], "intended": [2, 6]}


def script_json(value: object) -> str:
    """JSON that can sit inside <script> without ending it or being read as markup."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def select_nodes(graph: nx.MultiDiGraph, max_nodes: int, focus: str | None) -> tuple[list[str], str]:
    """The nodes to draw and a note saying what was left out."""
    undirected = nx.Graph(graph)
    if focus:
        wanted = focus.casefold()
        match = next((n for n in sorted(graph) if n.casefold() == wanted
                      or str(graph.nodes[n].get("name", "")).casefold() == wanted), None)
        if match is None:
            return [], f"No entity named {focus!r} in this graph."
        radius = 2 if undirected.degree(match) < 10 else 1
        nodes = sorted(nx.ego_graph(undirected, match, radius=radius))
        note = f"Neighbourhood of {graph.nodes[match].get('name', match)} ({len(nodes)} entities)."
        if len(nodes) > max_nodes:
            nodes = [match] + [n for n in rank(undirected, nodes) if n != match][: max_nodes - 1]
        return sorted(nodes), note
    if graph.number_of_nodes() <= max_nodes:
        return sorted(graph), ""
    kept = rank(undirected, list(graph))[:max_nodes]
    return sorted(kept), (f"Showing the {max_nodes} most connected of {graph.number_of_nodes()} entities; "
                          "build with --focus NAME (or kg.export.html.to_html(graph, focus=...)) to see one "
                          "entity's neighbourhood.")


def rank(undirected: nx.Graph, nodes: list[str]) -> list[str]:
    return sorted(nodes, key=lambda n: (-undirected.degree(n), n))


def layout(sub: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    if sub.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(sub)
    scale = 180 * math.sqrt(max(sub.number_of_nodes(), 4))
    if sub.number_of_nodes() <= 150:
        pos = nx.kamada_kawai_layout(simple, scale=scale) if simple.number_of_edges() else \
            nx.circular_layout(simple, scale=scale)
    else:
        pos = nx.spring_layout(simple, seed=42, scale=scale, iterations=60)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}


def node_tooltip(node: str, data: dict, articles: dict) -> str:
    lines = [f"{data.get('name', node)} ({data.get('type', '?')})"]
    if data.get("aliases"):
        lines.append("Also: " + ", ".join(data["aliases"]))
    lines.append(f"Mentions: {data.get('mentions', 0)}")
    for doc in data.get("documents", [])[:8]:
        title = (articles.get(doc) or {}).get("title") or doc
        lines.append(f"\u2022 {title}")
    return "\n".join(lines)


def edge_tooltip(data: dict, names: tuple[str, str]) -> str:
    label = data.get("verb") if data["relation"] == "interactedWith" else data["relation"]
    lines = [f"{names[0]} \u2014 {label} \u2014 {names[1]} [{data['status']}, confidence {data['confidence']:.2f}]"]
    for ev in data.get("evidence", [])[:6]:
        lines.append(f"\u201c{ev['sentence']}\u201d")
        lines.append(f"   \u2014 {ev.get('title') or ev['doc_id']} ({ev['rule']})")
    more = len(data.get("evidence", [])) - 6
    if more > 0:
        lines.append(f"\u2026 and {more} more sentences")
    return "\n".join(lines)


def build_network(graph: nx.MultiDiGraph, nodes: list[str]) -> Network:
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    articles = graph.graph.get("articles", {})
    pos = layout(graph.subgraph(nodes))
    for node in nodes:
        data = graph.nodes[node]
        color, shape, _ = TYPE_STYLE.get(data.get("type", ""), FALLBACK_STYLE)
        x, y = pos.get(node, (0.0, 0.0))
        net.add_node(node, label=str(data.get("name", node)), title=node_tooltip(node, data, articles),
                     color=color, shape=shape, size=12 + 4 * math.log1p(int(data.get("mentions", 0) or 0)),
                     x=x, y=y, physics=False, etype=data.get("type", "OTHER"))
    kept = set(nodes)
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if u not in kept or v not in kept:
            continue
        relation = data["relation"]
        names = (graph.nodes[u].get("name", u), graph.nodes[v].get("name", v))
        net.add_edge(
            u, v, id=f"{u}|{v}|{key}",
            label=str(data.get("verb") if relation == "interactedWith" else relation),
            title=edge_tooltip(data, names),
            color={"color": RELATION_COLOR.get(relation, "#888888"),
                   "opacity": 0.45 if data["status"] == "intended" else 1.0},
            dashes=STATUS_DASHES.get(data["status"], False),
            arrows="" if relation in SYMMETRIC else "to",
            width=1 + min(4, len(data.get("evidence", [])) - 1),
            relation=relation, status=data["status"],
        )
    return net


def vis_assets() -> tuple[str, str]:
    root = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return (root / "vis-network.min.js").read_text(encoding="utf-8"), \
        (root / "vis-network.css").read_text(encoding="utf-8")


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>__TITLE__</title>
<style>__VIS_CSS__</style>
<style>
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
#app { display: flex; height: 100%; }
#side { width: 290px; padding: 12px 14px; box-sizing: border-box; border-right: 1px solid #ddd; overflow-y: auto; background: #fafafa; }
#network { flex: 1; height: 100%; }
h1 { font-size: 16px; margin: 0 0 6px; }
h2 { font-size: 13px; margin: 14px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: #555; }
.note { color: #666; font-size: 12px; }
.row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.swatch { width: 12px; height: 12px; display: inline-block; }
.line { width: 28px; height: 0; border-top: 3px solid #444; display: inline-block; }
#search { width: 100%; box-sizing: border-box; padding: 5px 6px; }
#details { white-space: pre-wrap; font-size: 12px; background: #fff; border: 1px solid #ddd; padding: 6px; min-height: 40px; }
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
function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
function plainTitle(text) { return el("div", text); }
const nodes = new vis.DataSet(DATA.nodes.map(n => Object.assign({}, n, {title: plainTitle(n.title)})));
const allEdges = DATA.edges.map(e => Object.assign({}, e, {title: plainTitle(e.title)}));
const edges = new vis.DataSet(allEdges);
const network = new vis.Network(document.getElementById("network"), {nodes: nodes, edges: edges}, DATA.options);
document.getElementById("summary").textContent = DATA.summary;
document.getElementById("selection-note").textContent = DATA.note;
const hidden = {relation: new Set(), status: new Set()};
function refilter() {
  edges.clear();
  edges.add(allEdges.filter(e => !hidden.relation.has(e.relation) && !hidden.status.has(e.status)));
}
function toggleRow(kind, value, label, swatch) {
  const row = el("label", undefined, "row");
  const box = el("input"); box.type = "checkbox"; box.checked = true;
  box.addEventListener("change", () => { if (box.checked) hidden[kind].delete(value); else hidden[kind].add(value); refilter(); });
  row.append(box, swatch, el("span", label));
  return row;
}
for (const t of DATA.legend.types) {
  const sw = el("span", undefined, "swatch"); sw.style.background = t.color;
  if (t.shape === "dot") sw.style.borderRadius = "50%";
  const row = el("div", undefined, "row"); row.append(sw, el("span", t.label)); document.getElementById("legend-types").append(row);
}
for (const r of DATA.legend.relations) {
  const sw = el("span", undefined, "line"); sw.style.borderTopColor = r.color;
  document.getElementById("legend-relations").append(toggleRow("relation", r.name, r.name, sw));
}
for (const s of DATA.legend.statuses) {
  const sw = el("span", undefined, "line"); sw.style.borderTopStyle = s.style;
  document.getElementById("legend-status").append(toggleRow("status", s.name, s.name, sw));
}
const datalist = document.getElementById("names");
for (const n of DATA.nodes) { const o = el("option"); o.value = n.label; datalist.append(o); }
function findNode(text) {
  const q = text.trim().toLowerCase(); if (!q) return null;
  return DATA.nodes.find(n => n.label.toLowerCase() === q) || DATA.nodes.find(n => n.label.toLowerCase().includes(q));
}
document.getElementById("search").addEventListener("keydown", ev => {
  if (ev.key !== "Enter") return;
  const n = findNode(ev.target.value);
  if (n) { network.selectNodes([n.id]); network.focus(n.id, {scale: 1.3, animation: true}); show(n.title.textContent); }
});
function show(text) { document.getElementById("details").textContent = text; }
network.on("click", p => {
  if (p.nodes.length) show(nodes.get(p.nodes[0]).title.textContent);
  else if (p.edges.length) show(edges.get(p.edges[0]).title.textContent);
});
network.once("afterDrawing", () => { document.body.setAttribute("data-drawn", "true"); });
network.fit();
</script>
</body>
</html>
"""


def to_html(graph: nx.MultiDiGraph, *, title: str = "kg graph", max_nodes: int = 400,
            focus: str | None = None) -> str:
    """The page for a graph: every script and style inline, nothing fetched from the network."""
    nodes, note = select_nodes(graph, max_nodes, focus)
    net = build_network(graph, nodes)
    options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "multiselect": True},
        "edges": {"smooth": {"type": "continuous"}, "font": {"size": 12, "align": "middle", "color": "#444"}},
        "nodes": {"font": {"size": 16, "strokeWidth": 4, "strokeColor": "#ffffff"}},
    }
    relations = sorted({e["relation"] for e in net.edges})
    present_types = sorted({n["etype"] for n in net.nodes})
    data = {
        "nodes": net.nodes,
        "edges": [{k: v for k, v in e.items() if k not in {"from", "to"}} | {"from": e["from"], "to": e["to"]}
                  for e in net.edges],
        "options": options,
        "note": note,
        "summary": f"{len(net.nodes)} entities, {len(net.edges)} relations, "
                   f"{len(graph.graph.get('articles', {}))} articles",
        "legend": {
            "types": [{"label": f"{TYPE_STYLE.get(t, FALLBACK_STYLE)[2]} ({t})",
                       "color": TYPE_STYLE.get(t, FALLBACK_STYLE)[0], "shape": TYPE_STYLE.get(t, FALLBACK_STYLE)[1]}
                      for t in present_types],
            "relations": [{"name": r, "color": RELATION_COLOR.get(r, "#888888")} for r in relations],
            "statuses": [{"name": "occurred", "style": "solid"}, {"name": "planned", "style": "dashed"},
                         {"name": "intended", "style": "dotted"}],
        },
    }
    js, css = vis_assets()
    page = PAGE.replace("__VIS_CSS__", css).replace("__DATA__", script_json(data))
    page = page.replace("__TITLE__", escape_text(title))
    return page.replace("__VIS_JS__", js.replace("</script", "<\\/script"))


def escape_text(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def write_html(graph: nx.MultiDiGraph, path: str | Path, **kwargs: object) -> Path:
    return write_atomic(path, to_html(graph, **kwargs))  # type: ignore[arg-type]
