"""The offline HTML page: self-contained, escaped, deterministic, trimmed on request; drawn by Chromium."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import KgError
from kg.export.html import to_html, write_html
from kg.export.layout import untie
from tests.conftest import run_chromium

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SCRIPT_BREAKER = "</script><script>alert(1)</script>"
ATTRIBUTE_BREAKER = '"><img src=x onerror=alert(1)>'

ARTICLES = {
    "a1": {
        "title": "Trump and Putin to meet in Alaska",
        "outlet": "Reuters",
        "url": None,
        "published": "2025-08-10",
        "path": "a1.md",
    },
    "a2": {
        "title": "Zelensky speaks with Macron",
        "outlet": "AP",
        "url": None,
        "published": "2025-08-16",
        "path": "a2.md",
    },
}


def add_entity(
    graph: nx.MultiDiGraph, node: str, name: str, etype: str, mentions: int = 3, aliases: tuple[str, ...] = ()
) -> None:
    graph.add_node(
        node, name=name, type=etype, aliases=list(aliases), mentions=mentions, documents=["a1"], geonames=None
    )


def add_fact(
    graph: nx.MultiDiGraph,
    subject: str,
    relation: str,
    obj: str,
    status: str = "occurred",
    verb: str | None = None,
    sentence: str = "They talked.",
    doc: str = "a1",
) -> None:
    evidence = [
        {
            "doc_id": doc,
            "title": (graph.graph["articles"].get(doc) or {}).get("title"),
            "sentence": sentence,
            "sent_start": 0,
            "sent_end": len(sentence),
            "start": 0,
            "end": 4,
            "rule": f"test.{relation}.v1",
            "date_text": None,
            "confidence": 0.8,
        }
    ]
    graph.add_edge(
        subject,
        obj,
        key=f"{relation}|{status}|{verb or ''}",
        relation=relation,
        status=status,
        verb=verb,
        confidence=0.8,
        support=1,
        evidence=evidence,
        documents=[doc],
    )


def sample_graph() -> nx.MultiDiGraph:
    """A summit story plus an unrelated release story and a lone entity, following kg.graph's schema."""
    g = nx.MultiDiGraph()
    g.graph["articles"] = copy.deepcopy(ARTICLES)
    g.graph["events"] = []
    add_entity(g, "person/donald-trump", "Donald Trump", "PERSON", 40, ("Trump",))
    add_entity(g, "person/vladimir-putin", "Vladimir Putin", "PERSON", 30, ("Putin",))
    add_entity(g, "person/volodymyr-zelensky", "Volodymyr Zelensky", "PERSON", 20)
    add_entity(g, "person/emmanuel-macron", "Emmanuel Macron", "PERSON", 5)
    add_entity(g, "gpe/united-states", "United States", "GPE", 25)
    add_entity(g, "gpe/russia", "Russia", "GPE", 25)
    add_entity(g, "gpe/alaska", "Alaska", "GPE", 8)
    add_entity(g, "fac/elmendorf", "Joint Base Elmendorf-Richardson", "FAC", 4)
    add_entity(g, "org/nato", "NATO", "ORG", 3)
    add_entity(g, "loc/europe", "Europe", "LOC", 2)
    add_entity(g, "person/ksenia-karelina", "Ksenia Karelina", "PERSON", 2)
    add_entity(g, "norp/x", "Somebody odd", "NORP", 1)
    add_fact(
        g,
        "person/donald-trump",
        "metWith",
        "person/vladimir-putin",
        "planned",
        sentence="Trump will meet Putin in Alaska on Friday.",
    )
    add_fact(g, "person/donald-trump", "spokeWith", "person/vladimir-putin", sentence="Trump spoke with Putin.")
    add_fact(
        g,
        "person/volodymyr-zelensky",
        "metWith",
        "person/donald-trump",
        "intended",
        sentence="Zelensky hopes to meet Trump.",
        doc="a2",
    )
    add_fact(g, "person/volodymyr-zelensky", "interactedWith", "person/emmanuel-macron", verb="thank", doc="a2")
    add_fact(g, "person/donald-trump", "metAt", "fac/elmendorf", "planned")
    add_fact(g, "fac/elmendorf", "locatedIn", "gpe/alaska")
    add_fact(g, "gpe/alaska", "locatedIn", "gpe/united-states")
    add_fact(g, "person/donald-trump", "affiliatedWith", "gpe/united-states")
    add_fact(g, "person/vladimir-putin", "affiliatedWith", "gpe/russia")
    add_fact(g, "person/emmanuel-macron", "visited", "loc/europe", doc="a2")
    add_fact(g, "person/emmanuel-macron", "affiliatedWith", "org/nato", doc="a2")
    add_fact(g, "gpe/russia", "released", "person/ksenia-karelina")
    return g


def page_data(page: str) -> dict:
    """The JSON the page hands to vis (the escapes \\u003c etc. are valid JSON, so it parses back)."""
    match = re.search(r"^const DATA = (.*);$", page, re.MULTILINE)
    assert match, "no DATA line in the page"
    return json.loads(match.group(1))


def snapshot(graph: nx.MultiDiGraph) -> tuple:
    return (
        copy.deepcopy(list(graph.nodes(data=True))),
        copy.deepcopy(list(graph.edges(keys=True, data=True))),
        copy.deepcopy(dict(graph.graph)),
    )


def test_page_is_self_contained() -> None:
    page = to_html(sample_graph())
    assert page.startswith("<!DOCTYPE html>")
    assert not re.findall(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    assert "bootstrap" not in page.lower()
    assert "new vis.Network(" in page and "vis.DataSet" in page  # vis-network itself is inlined
    assert len(page) > 200_000
    assert 'id="search"' in page and 'id="legend-relations"' in page and 'id="legend-status"' in page


def test_write_html_leaves_no_lib_folder_and_does_not_touch_the_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    graph = sample_graph()
    before = snapshot(graph)
    out = write_html(graph, tmp_path / "out" / "graph.html", title="Summit")
    assert out == tmp_path / "out" / "graph.html"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["graph.html"]  # no temp file left
    assert out.read_text(encoding="utf-8") == to_html(graph, title="Summit")
    assert snapshot(graph) == before


def test_untrusted_text_is_escaped() -> None:
    g = sample_graph()
    hostile = f"{SCRIPT_BREAKER} {ATTRIBUTE_BREAKER} \u2028line"
    g.graph["articles"]["a1"]["title"] = hostile
    add_entity(g, "person/evil", SCRIPT_BREAKER, "PERSON", aliases=(ATTRIBUTE_BREAKER,))
    add_entity(g, "org/evil", ATTRIBUTE_BREAKER, "ORG")
    add_fact(g, "person/evil", "spokeWith", "org/evil", sentence=hostile)
    page = to_html(g, title=hostile)
    for raw in (SCRIPT_BREAKER, ATTRIBUTE_BREAKER, "<img", "alert(1)</script>"):
        assert raw not in page
    # exactly the two real scripts (vis-network, kg's) end; the hostile names close nothing
    assert page.count("</script>") == 2
    data_line = next(line for line in page.splitlines() if line.startswith("const DATA = "))
    assert "\u2028" not in data_line and "\\u2028" in data_line  # a line break to JS, though not to JSON
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img" in page
    # the strings survive as data, to be shown through textContent
    data = page_data(page)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["person/evil"] == SCRIPT_BREAKER and labels["org/evil"] == ATTRIBUTE_BREAKER
    edge = next(e for e in data["edges"] if e["from"] == "person/evil")
    assert hostile in edge["title"]
    # tooltips are handed to vis as DOM elements filled with textContent, never as HTML strings
    assert "innerHTML" not in page.split("const DATA = ", 1)[1]
    assert "title: plain(n.title)" in page and "title: plain(e.title)" in page


def test_same_graph_same_bytes() -> None:
    assert to_html(sample_graph()) == to_html(sample_graph())
    # insertion order does not matter either: the page is built from sorted nodes and edges
    g = sample_graph()
    reordered = nx.MultiDiGraph()
    reordered.graph.update(copy.deepcopy(g.graph))
    reordered.add_nodes_from(sorted(g.nodes(data=True), reverse=True))
    reordered.add_edges_from(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]), reverse=True))
    assert to_html(reordered) == to_html(g)
    kg_part = to_html(g).split("const DATA = ", 1)[1]  # vis-network's own header carries its build date
    assert not re.search(r"\b20\d\d-\d\d-\d\d", kg_part)  # no timestamp


def with_side_stories(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Small separate components: networkx iterates a small subgraph view in set (hash) order."""
    for story in range(3):
        chain = [f"person/s{story}-{i}" for i in range(4)]
        for i, node in enumerate(chain):
            add_entity(graph, node, f"Side {story}.{i}", "PERSON")
        for a, b in zip(chain, chain[1:], strict=False):
            add_fact(graph, a, "spokeWith", b)
    return graph


def test_same_bytes_across_hash_seeds() -> None:
    code = (
        "import sys; from tests.test_export_html import sample_graph, with_side_stories; "
        "from kg.export.html import to_html; g = with_side_stories(sample_graph()); "
        "sys.stdout.write(to_html(g, focus='Putin') + to_html(g))"
    )
    pages = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120
        )
        pages.append(run.stdout)
    assert pages[0] == pages[1]


def test_nodes_and_edges_are_styled_by_type_relation_and_status() -> None:
    g = sample_graph()
    add_fact(g, "norp/x", "interactedWith", "org/nato", verb="join")  # linked, so it is drawn
    data = page_data(to_html(g))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["person/donald-trump"]["shape"] == "dot"
    assert nodes["gpe/russia"]["shape"] == "triangle"
    assert nodes["fac/elmendorf"]["shape"] == "diamond"
    assert nodes["org/nato"]["shape"] == "square"
    assert nodes["loc/europe"]["shape"] == "triangleDown"
    assert nodes["norp/x"]["shape"] == "hexagon"  # fallback
    assert (
        len(
            {
                nodes[n]["color"]
                for n in ("person/donald-trump", "gpe/russia", "fac/elmendorf", "org/nato", "loc/europe", "norp/x")
            }
        )
        == 6
    )
    assert nodes["person/donald-trump"]["size"] > nodes["person/emmanuel-macron"]["size"]
    tooltip = nodes["person/donald-trump"]["title"]
    assert "Donald Trump" in tooltip and "PERSON" in tooltip and "Trump" in tooltip
    assert "Trump and Putin to meet in Alaska" in tooltip
    legend = [t["label"] for t in data["legend"]["types"]]
    assert legend[0].endswith("(PERSON)") and legend[-1].endswith("(NORP)")

    edges = {(e["from"], e["label"], e["to"]): e for e in data["edges"]}
    planned = edges[("person/donald-trump", "metWith", "person/vladimir-putin")]
    spoke = edges[("person/donald-trump", "spokeWith", "person/vladimir-putin")]
    intended = edges[("person/volodymyr-zelensky", "metWith", "person/donald-trump")]
    released = edges[("gpe/russia", "released", "person/ksenia-karelina")]
    assert ("person/volodymyr-zelensky", "thank", "person/emmanuel-macron") in edges  # the verb, not interactedWith
    assert spoke["dashes"] is False and isinstance(planned["dashes"], list) and isinstance(intended["dashes"], list)
    assert planned["dashes"] != intended["dashes"]
    assert intended["color"]["opacity"] < planned["color"]["opacity"] <= spoke["color"]["opacity"]
    assert not planned["arrows"]["to"]["enabled"] and not spoke["arrows"]["to"]["enabled"]  # symmetric
    assert released["arrows"]["to"]["enabled"]
    # the two Trump-Putin edges bend apart instead of being drawn on top of each other
    assert planned["smooth"] != spoke["smooth"]
    assert "Trump will meet Putin in Alaska on Friday." in planned["title"]
    assert "Trump and Putin to meet in Alaska [a1]" in planned["title"] and "test.metWith.v1" in planned["title"]
    assert {s["name"] for s in data["legend"]["statuses"]} == {"occurred", "planned", "intended"}


def test_layout_is_precomputed_and_still() -> None:
    data = page_data(to_html(sample_graph()))
    assert data["options"]["physics"] == {"enabled": False}
    pos = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert all(isinstance(v, int) for xy in pos.values() for v in xy)
    assert len(set(pos.values())) == len(pos)  # nobody piled up
    # vis draws the label of an exactly horizontal right-to-left edge at the origin: never give it one
    assert all(pos[e["from"]][1] != pos[e["to"]][1] for e in data["edges"] if e["from"] != e["to"])


def test_linked_nodes_never_share_a_row() -> None:
    pos = {"a": (0, 5), "b": (100, 5), "c": (50, 6), "d": (300, 40)}
    untie(pos, [("a", "b"), ("b", "c"), ("c", "d")])
    assert pos["a"][1] != pos["b"][1] and pos["b"][1] != pos["c"][1]
    assert pos["a"] == (0, 5) and pos["d"] == (300, 40) and [x for x, _ in pos.values()] == [0, 100, 50, 300]


def test_focus_restricts_to_a_neighbourhood() -> None:
    g = sample_graph()
    by_name = page_data(to_html(g, focus="vladimir PUTIN"))
    ids = {n["id"] for n in by_name["nodes"]}
    # radius 2 around Putin (the graph is small): Trump's and Russia's neighbours, nothing further
    assert ids == {
        "person/vladimir-putin",
        "person/donald-trump",
        "gpe/russia",
        "fac/elmendorf",
        "person/volodymyr-zelensky",
        "gpe/united-states",
        "person/ksenia-karelina",
    }
    assert "Neighbourhood of Vladimir Putin" in by_name["note"]
    assert all(e["from"] in ids and e["to"] in ids for e in by_name["edges"])
    assert page_data(to_html(g, focus="person/vladimir-putin"))["nodes"] == by_name["nodes"]
    assert page_data(to_html(g, focus="putin"))["nodes"] == by_name["nodes"]  # an alias
    with pytest.raises(KgError, match="No entity matches"):
        to_html(g, focus="Angela Merkel")


def test_focus_on_a_busy_entity_keeps_radius_one() -> None:
    g = sample_graph()
    for i in range(60):  # a hub whose second ring would be too big to read
        add_entity(g, f"person/p{i:02d}", f"Person {i}", "PERSON")
        add_fact(g, "person/donald-trump", "spokeWith", f"person/p{i:02d}")
    data = page_data(to_html(g, focus="Ksenia Karelina"))
    assert {n["id"] for n in data["nodes"]} == {"person/ksenia-karelina", "gpe/russia", "person/vladimir-putin"}
    data = page_data(to_html(g, focus="Vladimir Putin"))
    ids = {n["id"] for n in data["nodes"]}
    assert ids == {"person/vladimir-putin", "person/donald-trump", "gpe/russia"}
    assert "radius 1" in data["note"]


def test_max_nodes_keeps_the_most_connected_and_says_so() -> None:
    g = sample_graph()
    page = to_html(g, max_nodes=3)
    data = page_data(page)
    # distinct neighbours: Trump 4, Macron 3, then a tie at 2 (Elmendorf, Alaska, Putin, ...) won by the id
    assert [n["id"] for n in data["nodes"]] == sorted(
        ["person/donald-trump", "person/emmanuel-macron", "fac/elmendorf"]
    )
    assert "the 3 most connected of 11 linked entities" in data["note"]
    assert all({e["from"], e["to"]} <= {n["id"] for n in data["nodes"]} for e in data["edges"])
    assert page_data(to_html(g))["note"] == ""
    with pytest.raises(ValueError):
        to_html(g, max_nodes=0)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_chromium_draws_the_page_offline(tmp_path: Path) -> None:
    g = sample_graph()
    add_entity(g, "person/evil", SCRIPT_BREAKER, "PERSON")
    add_entity(g, "org/evil", ATTRIBUTE_BREAKER, "ORG", aliases=(ATTRIBUTE_BREAKER,))
    add_fact(g, "person/evil", "spokeWith", "org/evil", sentence=ATTRIBUTE_BREAKER)
    page = write_html(g, tmp_path / "graph.html", title=ATTRIBUTE_BREAKER)

    def chromium(*extra: str, profile: str) -> subprocess.CompletedProcess[str]:
        return run_chromium(page, tmp_path / profile, *extra, budget_ms=5000)

    dom = chromium("--dump-dom", profile="profile-dom").stdout
    assert "<canvas" in dom
    # the page's script ran to the end and vis drew all 13 linked entities; the 14th, unlinked, is listed
    assert 'data-drawn="13"' in dom and 'data-unlinked-drawn="0"' in dom
    assert '<li data-id="norp/x">Somebody odd (NORP, 1)</li>' in dom
    assert '<img src="x"' not in dom and "<img" not in dom
    assert dom.count('<input type="checkbox"') == len({d["relation"] for *_, d in g.edges(data=True)}) + 3
    shot = tmp_path / "shot.png"
    chromium(f"--screenshot={shot}", profile="profile-shot")
    assert shot.exists() and shot.stat().st_size > 10_000


def test_events_are_drawn_as_nodes_linked_to_their_parties():
    from kg.export.network import with_events

    g = nx.MultiDiGraph()
    g.add_node("a", name="Ana Lima", type="PERSON", aliases=[], mentions=1, documents=["d"])
    g.add_node("b", name="Jon Berg", type="PERSON", aliases=[], mentions=1, documents=["d"])
    mention = {
        "doc_id": "d",
        "title": "T",
        "sentence": "Lima met Berg.",
        "sent_start": 0,
        "sent_end": 14,
        "start": 5,
        "end": 8,
        "rule": "meetings.verb.v1",
    }
    g.graph["events"] = [
        {
            "id": "meeting-1",
            "kind": "Meeting",
            "date": "2024-01-02",
            "status": "planned",
            "participants": [{"entity": "a", "role": "attendee"}, {"entity": "b", "role": "attendee"}],
            "places": [],
            "mentions": [mention],
        }
    ]
    shown = with_events(g)
    assert "event/meeting-1" in shown and "event/meeting-1" not in g
    assert {d["relation"] for _, _, d in shown.edges(data=True)} == {"Meeting event"}
    page = to_html(g)
    assert "Meeting event" in page and "Meeting 2024-01-02" in page


def test_page_assets_ship_as_package_data() -> None:
    """An installed (non-editable) kg must carry the page template, CSS and JS it reads."""
    import tomllib
    from fnmatch import fnmatch

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["kg"]
    assets = sorted((ROOT / "kg" / "export" / "page").iterdir())
    assert {a.name for a in assets} >= {"graph.html.tmpl", "page.css", "page.js"}
    for asset in assets:
        assert any(fnmatch(asset.relative_to(ROOT / "kg").as_posix(), p) for p in patterns), asset


def dated_events(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Three events: a 2019 meeting, a 2025 call and an undated release."""

    def event(ident: str, kind: str, date: str | None, parties: list[tuple[str, str]]) -> dict:
        mention = {"doc_id": "a1", "title": "T", "sentence": "S.", "sent_start": 0, "sent_end": 2, "start": 0}
        mention.update({"end": 1, "rule": "t.v1"})
        return {
            "id": ident,
            "kind": kind,
            "date": date,
            "status": "occurred",
            "participants": [{"entity": e, "role": r} for e, r in parties],
            "places": [],
            "mentions": [mention],
        }

    graph.graph["events"] = [
        event("meeting-2019", "Meeting", "2019-06", [("person/donald-trump", "attendee"), ("gpe/russia", "attendee")]),
        event("call-2025", "PhoneCall", "2025-08-15", [("person/donald-trump", "participant")] * 1),
        event("release-x", "Release", None, [("gpe/russia", "releaser"), ("person/ksenia-karelina", "released")]),
    ]
    graph.graph["events"][1]["participants"].append({"entity": "person/vladimir-putin", "role": "participant"})
    return graph


def test_unlinked_entities_are_listed_not_drawn_and_events_carry_dates() -> None:
    g = dated_events(sample_graph())
    data = page_data(to_html(g))
    drawn = {n["id"] for n in data["nodes"]}
    assert "norp/x" not in drawn and [u["id"] for u in data["unlinked"]] == ["norp/x"]
    assert data["unlinked"][0]["label"] == "Somebody odd"
    events = {n["id"]: n for n in data["nodes"] if n["etype"] == "EVENT"}
    assert events["event/meeting-2019"]["date_from"] == "2019-06-01"
    assert events["event/meeting-2019"]["date_to"] == "2019-06-30"
    assert events["event/release-x"]["undated"] is True
    assert data["dates"] == ["2019-06-01", "2019-06-30", "2025-08-15"]
    assert data["summary"] == (
        "2 articles; 12 entities, 11 of them with relations; 12 relations (distinct facts); 3 events"
    )
    assert data["view"]["hub"] == "person/donald-trump" and data["view"]["start"][0] == "person/donald-trump"


@pytest.mark.browser
def test_chromium_lists_unlinked_entities_and_filters_events_by_date(tmp_path: Path) -> None:
    page = write_html(dated_events(sample_graph()), tmp_path / "graph.html")

    def body(fragment: str, profile: str) -> str:
        dom = run_chromium(page, tmp_path / profile, "--dump-dom", budget_ms=5000, fragment=fragment).stdout
        match = re.search(r"<body[^>]*>", dom)
        assert match, dom[-500:]
        assert '<li data-id="norp/x">' in dom  # listed in the side panel
        return match.group()

    everything = body("", "p1")
    # 11 linked entities and 3 events on the canvas; the unlinked entity is not among them
    assert 'data-drawn="14"' in everything and 'data-unlinked-drawn="0"' in everything
    assert 'data-events-shown="3"' in everything and 'data-events-hidden="0"' in everything
    only_2025 = body("#from=2025-01-01&to=2025-12-31&undated=0", "p2")
    assert 'data-events-shown="1"' in only_2025 and 'data-events-hidden="2"' in only_2025
    back_again = body("#from=2019-01-01&to=2025-12-31", "p3")
    assert 'data-events-shown="3"' in back_again and 'data-events-hidden="0"' in back_again


@pytest.mark.browser
def test_chromium_opens_a_big_graph_at_a_legible_zoom(tmp_path: Path) -> None:
    from kg.export.network import LEGIBLE_SCALE

    g = sample_graph()
    for hub in range(6):  # six stories of a hub and its circle, chained: too wide to read when fitted whole
        add_entity(g, f"person/hub{hub}", f"Hub Person {hub}", "PERSON", 20)
        for i in range(15):
            add_entity(g, f"person/h{hub}-{i:02d}", f"Member {hub}.{i:02d}", "PERSON")
            add_fact(g, f"person/hub{hub}", "spokeWith", f"person/h{hub}-{i:02d}")
        add_fact(g, f"person/hub{hub}", "metWith", f"person/hub{(hub + 1) % 6}")
    page = write_html(g, tmp_path / "graph.html")
    dom = run_chromium(page, tmp_path / "profile", "--dump-dom", budget_ms=8000).stdout
    scale = float(re.search(r'data-scale="([\d.]+)"', dom).group(1))
    assert scale >= LEGIBLE_SCALE - 1e-3
    assert "Opened on the most connected part" in dom
