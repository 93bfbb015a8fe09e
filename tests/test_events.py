"""Events: merging mentions into events (hand-built), and the seed articles' events via SPARQL."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.events import build_events
from kg.relations import MET_AT, MET_WITH, RELEASED
from kg.types import (
    OCCURRED,
    PLANNED,
    Article,
    BuildResult,
    Evidence,
    Relation,
)
from tests.conftest import ROOT

PUB = dt.date(2025, 8, 15)


def rel(doc, start, s, p, o, status, date=None, sentence="They met."):
    return Relation(
        s, p, o, status, Evidence(doc, sentence, 0, len(sentence), start, start + 3, "t.v1"), date_text=date
    )


def result(relations):
    return BuildResult(
        (), tuple(relations), (Article("a", "a.txt", "x", published=PUB), Article("b", "b.txt", "x", published=PUB))
    )


def test_one_meeting_reported_twice_is_one_event():
    events = build_events(
        result(
            [
                rel("a", 10, "x", MET_WITH.name, "y", PLANNED),
                rel("a", 10, "x", MET_AT.name, "geneva", PLANNED),
                rel("b", 40, "x", MET_WITH.name, "y", PLANNED, date="on Friday"),
            ]
        )
    )
    assert len(events) == 1
    event = events[0]
    assert event.kind == "Meeting" and event.places == ("geneva",) and event.cameo == "044"
    assert {m.doc_id for m in event.mentions} == {"a", "b"}
    assert event.date == "2025-08-15"


def test_meetings_in_different_years_stay_apart():
    events = build_events(
        result(
            [
                rel("a", 10, "x", MET_WITH.name, "y", OCCURRED, date="in 2019"),
                rel("a", 50, "x", MET_WITH.name, "y", OCCURRED, date="on February 28"),
            ]
        )
    )
    assert sorted(e.date for e in events) == ["2019", "2025-02-28"]


def test_release_roles_and_phone_call_kind():
    events = build_events(
        result(
            [
                rel("a", 5, "state", RELEASED.name, "person", OCCURRED),
                rel("a", 90, "p", "spokeWith", "q", OCCURRED, sentence="P spoke by phone with Q."),
            ]
        )
    )
    kinds = {e.kind: e for e in events}
    assert kinds["Release"].cameo == "0841" and kinds["Release"].plover == "CONCEDE"
    assert {(p.entity_id, p.role) for p in kinds["Release"].participants} == {
        ("state", "releaser"),
        ("person", "released"),
    }
    assert kinds["PhoneCall"].cameo == "041"


@pytest.mark.model
def test_seed_events_through_readme_queries(seed_output):
    from kg.query import query_file

    graph = seed_output / "graph.ttl"
    rows = query_file(graph, (ROOT / "queries" / "events.rq").read_text())
    events = [dict(zip(rows.columns, r, strict=True)) for r in rows.rows]

    def find(kind, status, names, date=None):
        return [
            e
            for e in events
            if e["kind"] == kind
            and e["status"] == status
            and all(n in e["parties"] for n in names)
            and (date is None or e["date"] == date)
        ]

    calls = find("PhoneCall", "occurred", ["Trump", "Lukashenko"], "2025-08-15")
    assert len(calls) == 1
    summit = find("Meeting", "planned", ["Trump", "Putin"], "2025-08-15")
    assert len(summit) == 1 and int(summit[0]["articles"]) == 2
    assert "Elmendorf" in summit[0]["places"]
    assert find("Meeting", "occurred", ["Trump", "Putin"], "2019")
    assert find("Meeting", "occurred", ["Trump", "Zelensky"], "2025-02-28")
    releases = query_file(graph, (ROOT / "queries" / "releases-events.rq").read_text())
    assert any("Zenkovich" in r[1] for r in releases.rows)
