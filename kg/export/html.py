"""A self-contained interactive HTML graph that works opened from disk, offline.

The page is kg's own template (kg/export/page/: graph.html.tmpl, page.css, page.js, package data) with
vis-network's script and style (shipped inside the pyvis package) inlined, because pyvis's own templates
link Bootstrap and other files from CDNs even with cdn_resources="in_line" (and "local" copies a lib/
folder into the working directory). What is drawn comes from kg.export.network, where it is drawn from
kg.export.layout.

Safety: article text is data, never markup. Everything reaches the page as JSON (with <, >, & and line
separators escaped so no string can close the script), and the page builds tooltips, legend and lists
with DOM text nodes, never innerHTML. A Content-Security-Policy forbids loading anything at all.

Large graphs show the most connected entities (`max_nodes`) or one entity's neighbourhood (`focus`); a
search box and relation/status filters do the rest. The same graph gives the same bytes.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path

import networkx as nx

from kg.export.files import write_atomic
from kg.export.network import page_data

PLACEHOLDER = re.compile(r"__(TITLE|VIS_CSS|VIS_JS|PAGE_CSS|PAGE_JS|DATA)__")


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


def vis_assets() -> tuple[str, str]:
    root = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return (
        (root / "vis-network.min.js").read_text(encoding="utf-8"),
        (root / "vis-network.css").read_text(encoding="utf-8"),
    )


def page_asset(name: str) -> str:
    """One file of kg's page (kg/export/page/), from the installed package."""
    return (resources.files("kg.export") / "page" / name).read_text(encoding="utf-8")


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
    data = page_data(graph, max_nodes=max_nodes, focus=focus, show_events=show_events)
    js, css = vis_assets()
    parts = {
        "TITLE": html.escape(title, quote=True),
        "VIS_CSS": css.replace("</style", "<\\/style"),
        "VIS_JS": js.replace("</script", "<\\/script"),
        "PAGE_CSS": page_asset("page.css"),
        "PAGE_JS": page_asset("page.js"),
        "DATA": script_json(data),
    }
    # One pass, so a placeholder spelled inside a title, an asset or an article string is never substituted.
    return PLACEHOLDER.sub(lambda m: parts[m.group(1)], page_asset("graph.html.tmpl"))


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
