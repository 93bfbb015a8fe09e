"""Time expressions normalized against publication dates (news conventions)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.timex import caption_value, date_in_name, dateline_date, find_time_phrases, normalize

P = dt.date(2025, 8, 15)  # a Friday
Q = dt.date(2017, 1, 5)  # a Thursday
R = dt.date(2019, 12, 30)  # a Monday

CASES = [
    ("on Friday", P, False, "2025-08-15"),
    ("Friday", P, False, "2025-08-15"),
    ("on Thursday", P, False, "2025-08-14"),
    ("Monday", P, False, "2025-08-11"),
    ("last Friday", P, False, "2025-08-08"),
    ("next Friday", P, False, "2025-08-22"),
    ("on Tuesday", P, True, "2025-08-19"),
    ("Thursday night", P, False, "2025-08-14"),
    ("Friday morning", P, False, "2025-08-15"),
    ("yesterday", P, False, "2025-08-14"),
    ("today", P, False, "2025-08-15"),
    ("tonight", P, False, "2025-08-15"),
    ("tomorrow", P, False, "2025-08-16"),
    ("August 15", P, False, "2025-08-15"),
    ("on August 15", P, False, "2025-08-15"),
    ("Aug. 15", P, False, "2025-08-15"),
    ("on February 28", P, False, "2025-02-28"),
    ("15 August 2025", P, False, "2025-08-15"),
    ("February 28, 2022", P, False, "2022-02-28"),
    ("Jan. 5, 2017", P, False, "2017-01-05"),
    ("2025-08-15", P, False, "2025-08-15"),
    ("8/15/2025", P, False, "2025-08-15"),
    ("in January", P, False, "2025-01"),
    ("January", P, False, "2025-01"),
    ("in December", P, False, "2024-12"),
    ("in December", P, True, "2025-12"),
    ("mid-August", P, False, "2025-08"),
    ("in March 2019", P, False, "2019-03"),
    ("in 2019", P, False, "2019"),
    ("1867", P, False, "1867"),
    ("the 1990s", P, False, "1990-01-01/1999-12-31"),
    ("last week", P, False, "2025-08-04/2025-08-10"),
    ("this week", P, False, "2025-08-11/2025-08-17"),
    ("next week", P, False, "2025-08-18/2025-08-24"),
    ("last month", P, False, "2025-07"),
    ("next month", P, False, "2025-09"),
    ("earlier this month", P, False, "2025-08"),
    ("later this month", P, False, "2025-08"),
    ("last year", P, False, "2024"),
    ("two days ago", P, False, "2025-08-13"),
    ("three weeks ago", P, False, "2025-07-21/2025-07-27"),
    ("in two weeks", P, True, "2025-08-25/2025-08-31"),
    ("this weekend", P, True, "2025-08-16/2025-08-17"),
    ("next week", R, False, "2020-01-06/2020-01-12"),
    ("next month", R, False, "2020-01"),
    ("in January", R, True, "2020-01"),
    ("in January", R, False, "2019-01"),
    ("last month", Q, False, "2016-12"),
    ("on Tuesday", Q, False, "2017-01-03"),
    ("Jan. 5", Q, False, "2017-01-05"),
]

UNRESOLVED = [
    ("on Friday", None),
    ("last week", None),
    ("next month", None),
    ("in January", None),
    ("August 15", None),
    ("11:30 a.m. local time", P),
    ("at least six or seven hours", P),
    ("24 hours", P),
    ("minutes", P),
    ("just hours", P),
    ("11 years", P),
]


@pytest.mark.parametrize("phrase, published, future, expected", CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_normalize(phrase, published, future, expected):
    value = normalize(phrase, published, prefer_future=future)
    assert value.iso() == expected, value
    assert value.phrase == phrase


@pytest.mark.parametrize("phrase, published", UNRESOLVED)
def test_unresolved(phrase, published):
    value = normalize(phrase, published)
    assert value.start is None and value.iso() is None and value.granularity == "unknown"


def test_absolute_dates_resolve_without_publication_date():
    assert normalize("in 2019", None).iso() == "2019"
    assert normalize("February 28, 2022", None).iso() == "2022-02-28"


def test_find_time_phrases():
    text = "They met on Friday and will meet again next week, as agreed in January 2024."
    found = [p for _, _, p in find_time_phrases(text)]
    assert "on Friday" in found and "next week" in found and any("January 2024" in p for p in found)
    for start, end, phrase in find_time_phrases(text):
        assert text[start:end] == phrase


@pytest.mark.parametrize(
    "name, expected",
    [
        ("VOA_EN_NW_2014.03.02.1862314.txt", dt.date(2014, 3, 2)),
        ("2013-09-27-summit.txt", dt.date(2013, 9, 27)),
        ("wire_20130927.md", dt.date(2013, 9, 27)),
        ("story_2013_09_27.txt", dt.date(2013, 9, 27)),
        ("2013-09-27 and 2013-09-27 again.txt", dt.date(2013, 9, 27)),
        ("story.txt", None),
        ("1862314.txt", None),  # a number, not a date
        ("id-120130927.txt", None),  # inside a longer number
        ("2013.0927.txt", None),  # mixed separators
        ("2013-02-30.txt", None),  # no such day
        ("2013-09-27_2014-01-05.txt", None),  # two dates: which one is not guessed
    ],
)
def test_date_in_name(name, expected):
    assert date_in_name(name) == expected


def test_dateline_date_needs_a_year():
    assert dateline_date("Leaders meet\n\nGENEVA, Sept. 27, 2013 (Reuters) - The talks began.") == dt.date(2013, 9, 27)
    assert dateline_date("Ottawa, 3 May 2016: The minister said.") == dt.date(2016, 5, 3)
    assert dateline_date("LIMA, March 3 (Reuters) - The talks began.") is None
    assert dateline_date("The talks began. GENEVA, Sept. 27, 2013 - late in the text.\n" * 1) is None


def test_caption_value():
    assert caption_value("A Lima greets B Berg before a meeting in Ankara, Oct. 15, 2015.").iso() == "2015-10-15"
    assert caption_value("F Fox, right, arrives, April 3, 2016, in the village of G.").iso() == "2016-04-03"
    assert caption_value("A Lima (L) and B Berg in Kabul, Nov.16, 2016.").iso() == "2016-11-16"
    assert caption_value("A Lima and B Berg in Kabul, March 2016.").iso() == "2016-03"
    assert caption_value("E Eze speaks in Kabul.") is None
    assert caption_value("A met B on May 3, 2016 and C on June 4, 2016.") is None  # which one is not guessed
