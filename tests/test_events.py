"""Events: merging mentions into events (hand-built), and the seed articles' events via SPARQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

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


def test_date_sources_and_a_captions_own_date():
    text = (
        "A met B on Friday, officials said.\n"
        "FILE - A, left, greets B before a meeting in Ankara, Oct. 15, 2015. A will meet B again next week.\n"
    )
    caption_at = text.index("greets")
    article = Article("a", "a_2025-08-15.txt", text, published=PUB, date_source="file-name")
    line1 = "A met B on Friday, officials said."
    line2 = "FILE - A, left, greets B before a meeting in Ankara, Oct. 15, 2015."
    relations = [
        Relation("x", MET_WITH.name, "y", OCCURRED, Evidence("a", line1, 0, 35, 2, 5, "t.v1"), date_text="on Friday"),
        # the caption's meeting: its phrase (if any) loses to the caption's own date
        Relation(
            "x",
            MET_WITH.name,
            "y",
            OCCURRED,
            Evidence("a", line2, 36, 36 + len(line2), caption_at, caption_at + 6, "t.v1"),
            date_text="on Friday",
        ),
        Relation("x", MET_WITH.name, "y", PLANNED, Evidence("a", "x", 0, 1, 120, 124, "t.v1"), date_text="in 2026"),
    ]
    expected = {
        (OCCURRED, "2025-08-15", "sentence+file-name"),
        (OCCURRED, "2015-10-15", "caption"),
        (PLANNED, "2026", "sentence"),
    }
    # captions unknown (a result built by hand): the article's zones are read
    events = build_events(BuildResult((), tuple(relations), (article,)))
    assert {(e.status, e.date, e.date_source) for e in events} == expected
    # the captions extraction found (what resolve passes on): the zones are not read again
    caption = (text.index("A, left"), text.index("2015.") + 5, "Oct. 15, 2015")
    known = BuildResult((), tuple(relations), (article,), captions=(("a", *caption),))
    assert {(e.status, e.date, e.date_source) for e in build_events(known)} == expected
    # extraction found no dated caption: the zones are not read; a sentence marking who stands where
    # ("A, left, greets B") still dates itself
    none_known = BuildResult((), tuple(relations), (article,), captions=())
    assert {(e.status, e.date, e.date_source) for e in build_events(none_known)} == expected
    unmarked = replace(relations[1], evidence=replace(relations[1].evidence, sentence=line2.replace(", left,", "")))
    plain = BuildResult((), (relations[0], unmarked, relations[2]), (article,), captions=())
    assert (OCCURRED, "2015-10-15", "caption") not in {(e.status, e.date, e.date_source) for e in build_events(plain)}


@pytest.mark.model
def test_dates_from_file_names_equal_dates_from_sidecars(seed_result, tmp_path):
    """The seed articles renamed with their publication date and stripped of metadata get the same
    event dates as with their sidecars."""
    from kg.pipeline import build

    for i, path in enumerate(sorted((ROOT / "sources").glob("*.txt"))):
        name = ("wire_2025.08.15.{}.txt", "20250815-{}.txt")[i % 2].format(path.stem)
        (tmp_path / name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    renamed = build([tmp_path])
    assert {a.date_source for a in renamed.articles} == {"file-name"}
    assert {a.date_source for a in seed_result.articles} == {"metadata"}

    def dates(result):
        names = {e.id: e.name for e in result.entities}
        return sorted(
            (e.kind, e.status, tuple(sorted(names[p.entity_id] for p in e.participants)), e.date or "")
            for e in result.events
        )

    assert dates(renamed) == dates(seed_result)
    assert sum(1 for e in renamed.events if e.date) >= 5
    assert any((e.date_source or "").endswith("+file-name") for e in renamed.events)


def test_a_release_with_no_releaser_is_an_event_and_joins_one_that_names_the_releaser():
    from dataclasses import replace

    from kg.types import EventMention

    sentence = "B was freed on Monday."
    ev = Evidence("a", sentence, 0, len(sentence), 0, 3, "t.v1")
    alone = EventMention("Release", OCCURRED, (("b", "released"),), ev, date_text="on Monday")
    (event,) = build_events(replace(result([]), event_mentions=(alone,)))
    assert event.kind == "Release" and [(p.entity_id, p.role) for p in event.participants] == [("b", "released")]
    named = rel("b", 5, "c", RELEASED.name, "b", OCCURRED, date="on Monday", sentence="C freed B on Monday.")
    (event,) = build_events(replace(result([named]), event_mentions=(alone,)))
    assert {(p.entity_id, p.role) for p in event.participants} == {("b", "released"), ("c", "releaser")}
