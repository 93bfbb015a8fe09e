"""Time expressions of news, normalized against the article's publication date.

`normalize("on Friday", date(2025, 8, 15))` → 2025-08-15 (a weekday is the most recent one on or before
publication; `prefer_future=True` for planned events picks the next one). Relative expressions without a
publication date stay unresolved — never guessed; absolute ones ("in 2019", "February 28, 2022") still
resolve. Durations and clock times ("six hours", "11:30 a.m.") are not dates. dateparser parses what
the rules below do not.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "an": 1,
    "several": 3,
    "a few": 3,
    "few": 3,
}
LEADING = re.compile(r"^(?:on|in|at|since|by|during|from|until|the|of|this past|earlier|late|early)\s+", re.I)
NOT_A_DATE = re.compile(
    r"\b(hours?|minutes?|seconds?|a\.m\.|p\.m\.|am|pm|o'clock|noon|midnight|local time|decades?|centuries|"
    r"years? old|at least|more than|less than|up to)\b",
    re.I,
)


@dataclass(frozen=True)
class TimeValue:
    phrase: str
    start: dt.date | None
    end: dt.date | None
    granularity: str  # day | week | month | year | decade | unknown

    def iso(self) -> str | None:
        if self.start is None:
            return None
        if self.granularity == "day":
            return self.start.isoformat()
        if self.granularity == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.granularity == "year":
            return f"{self.start.year:04d}"
        return f"{self.start.isoformat()}/{(self.end or self.start).isoformat()}"


def unresolved(phrase: str) -> TimeValue:
    return TimeValue(phrase, None, None, "unknown")


def day(phrase: str, d: dt.date) -> TimeValue:
    return TimeValue(phrase, d, d, "day")


def month_value(phrase: str, year: int, month: int) -> TimeValue:
    last = calendar.monthrange(year, month)[1]
    return TimeValue(phrase, dt.date(year, month, 1), dt.date(year, month, last), "month")


def week_value(phrase: str, any_day: dt.date) -> TimeValue:
    monday = any_day - dt.timedelta(days=any_day.weekday())
    return TimeValue(phrase, monday, monday + dt.timedelta(days=6), "week")


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def clean(phrase: str) -> str:
    text = phrase.strip().strip(",.;").replace("\u2019", "'")
    text = re.sub(r"\s+", " ", text)
    previous = None
    while previous != text:
        previous = text
        text = LEADING.sub("", text)
    return text


@lru_cache(maxsize=8192)
def normalize(phrase: str, published: dt.date | None, prefer_future: bool = False) -> TimeValue:
    """The date or interval a time phrase names, as of the publication date."""
    text = clean(phrase)
    low = text.lower()
    if not low or NOT_A_DATE.search(low) and not re.search(r"\b(19|20)\d\d\b", low):
        return unresolved(phrase)
    absolute = absolute_value(phrase, low, published, prefer_future)
    if absolute is not None:
        return absolute
    if published is None:
        return unresolved(phrase)
    relative = relative_value(phrase, low, published, prefer_future)
    if relative is not None:
        return relative
    if re.search(r"\b(days?|weeks?|months?|years?)\b", low):
        return unresolved(phrase)  # "11 years", "several months": durations, not dates
    return parse_with_dateparser(phrase, text, published, prefer_future)


def absolute_value(phrase: str, low: str, published: dt.date | None, prefer_future: bool) -> TimeValue | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", low)
    if m:
        return day(phrase, dt.date(int(m[1]), int(m[2]), int(m[3])))
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", low)  # US style month/day/year
    if m:
        return day(phrase, dt.date(int(m[3]), int(m[1]), int(m[2])))
    m = re.fullmatch(r"(?:the )?(\d{3})0s", low)
    if m:
        start = int(m[1]) * 10
        return TimeValue(phrase, dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "decade")
    m = re.fullmatch(r"(?:the year )?(\d{4})", low)
    if m:
        year = int(m[1])
        return TimeValue(phrase, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    month_names = "|".join(sorted(MONTHS, key=len, reverse=True))
    m = re.fullmatch(rf"(?:(mid|early|late)-?\s?)?({month_names})\.?,?\s+(\d{{4}})", low)
    if m:
        return month_value(phrase, int(m[3]), MONTHS[m[2]])
    m = re.fullmatch(rf"({month_names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", low) or re.fullmatch(
        rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({month_names})\.?,?\s+(\d{{4}})", low
    )
    if m:
        month_word, day_num = (m[1], m[2]) if m[1] in MONTHS else (m[2], m[1])
        return safe_day(phrase, int(m[3]), MONTHS[month_word], int(day_num))
    if published is None:
        return None
    m = re.fullmatch(rf"({month_names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?", low) or re.fullmatch(
        rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({month_names})\.?", low
    )
    if m:
        month_word, day_num = (m[1], m[2]) if m[1] in MONTHS else (m[2], m[1])
        return safe_day(phrase, published.year, MONTHS[month_word], int(day_num))
    m = re.fullmatch(rf"(?:(mid|early|late)-?\s?)?({month_names})\.?", low)
    if m:
        month = MONTHS[m[2]]
        year = published.year
        if prefer_future and month < published.month:
            year += 1
        elif not prefer_future and month > published.month:
            year -= 1
        return month_value(phrase, year, month)
    return None


def safe_day(phrase: str, year: int, month: int, day_num: int) -> TimeValue:
    try:
        return day(phrase, dt.date(year, month, day_num))
    except ValueError:
        return unresolved(phrase)


def relative_value(phrase: str, low: str, published: dt.date, prefer_future: bool) -> TimeValue | None:
    if low in {"today", "tonight", "this morning", "this afternoon", "this evening", "now"}:
        return day(phrase, published)
    if low in {"yesterday", "last night"}:
        return day(phrase, published - dt.timedelta(days=1))
    if low == "tomorrow":
        return day(phrase, published + dt.timedelta(days=1))
    m = re.fullmatch(
        r"(next|last|this|coming)?\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
        r"(?:\s+(?:morning|afternoon|evening|night))?",
        low,
    )
    if m:
        target = WEEKDAYS[m[2]]
        delta = (published.weekday() - target) % 7
        if m[1] == "next" or (m[1] in {None, "this", "coming"} and prefer_future):
            ahead = (target - published.weekday()) % 7 or (7 if m[1] == "next" else 0)
            return day(phrase, published + dt.timedelta(days=ahead))
        if m[1] == "last":
            delta = delta or 7
        return day(phrase, published - dt.timedelta(days=delta))
    for word, offset in (("this", 0), ("last", -1), ("next", 1), ("past", -1), ("coming", 1)):
        if low == f"{word} week":
            return week_value(phrase, published + dt.timedelta(weeks=offset))
        if low in {f"{word} month", f"earlier {word} month", f"later {word} month"}:
            year, month = shift_month(published.year, published.month, offset)
            return month_value(phrase, year, month)
        if low == f"{word} year":
            year = published.year + offset
            return TimeValue(phrase, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if low in {"this month", "later this month", "earlier this month"}:
        return month_value(phrase, published.year, published.month)
    if low in {"the weekend", "this weekend", "weekend", "last weekend", "next weekend"}:
        saturday = published + dt.timedelta(days=(5 - published.weekday()) % 7)
        if low == "last weekend" or (low != "next weekend" and not prefer_future and published.weekday() < 5):
            saturday -= dt.timedelta(days=7)
        if low == "next weekend" and (5 - published.weekday()) % 7 == 0:
            saturday += dt.timedelta(days=7)
        return TimeValue(phrase, saturday, saturday + dt.timedelta(days=1), "week")
    m = re.fullmatch(r"(\w+(?: few)?) (day|week|month|year)s? (ago|later|from now)", low)
    if m is None and phrase.strip().lower().startswith("in "):  # "in two weeks"; "two weeks" is a duration
        m = re.fullmatch(r"in (\w+(?: few)?) (day|week|month|year)s?()", "in " + low)
    if m:
        count = NUMBERS.get(m[1]) or (int(m[1]) if m[1].isdigit() else None)
        if count is None:
            return None
        sign = -1 if m[3] == "ago" else 1
        if m[2] == "day":
            return day(phrase, published + dt.timedelta(days=sign * count))
        if m[2] == "week":
            return week_value(phrase, published + dt.timedelta(weeks=sign * count))
        if m[2] == "month":
            year, month = shift_month(published.year, published.month, sign * count)
            return month_value(phrase, year, month)
        year = published.year + sign * count
        return TimeValue(phrase, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    return None


def parse_with_dateparser(phrase: str, text: str, published: dt.date, prefer_future: bool) -> TimeValue:
    import dateparser

    settings = {
        "RELATIVE_BASE": dt.datetime.combine(published, dt.time(12)),
        "PREFER_DATES_FROM": "future" if prefer_future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["day", "month"],
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return unresolved(phrase)
    return day(phrase, parsed.date())


DATE_PHRASE = re.compile(
    r"\b(?:(?:on|in|since|by|last|next|this)\s+)?(?:"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}(?:,\s+\d{4})?|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?|"
    r"(?:19|20)\d\d|yesterday|today|tomorrow|(?:last|next|this) (?:week|month|year))\b"
)


def find_time_phrases(text: str) -> list[tuple[int, int, str]]:
    """Date phrases with character offsets (a fallback where the model finds no DATE entity)."""
    return [(m.start(), m.end(), m.group()) for m in DATE_PHRASE.finditer(text)]


# Where a publication date was read (Article.date_source, kg:dateSource on documents), in the order tried.
FROM_METADATA = "metadata"
FROM_FILE_NAME = "file-name"
FROM_DATELINE = "dateline"
# Where an event's date was read (kg:dateSource on events): a photo caption's own date, a full date in
# the sentence, or a relative phrase ("on Friday") resolved against the publication date, named with the
# publication date's own source ("sentence+file-name").
FROM_CAPTION = "caption"
FROM_SENTENCE = "sentence"

# A date in a file name, as news dumps write them: 2013-09-27, 2013.09.27, 2013_09_27 or 20130927, also
# inside a longer name ("VOA_EN_NW_2014.03.02.1862314.txt"), never inside a longer number.
NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-._]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_name(name: str) -> dt.date | None:
    """The date a file name carries; None when it has none, or two different ones (nothing is guessed)."""
    found = set()
    for m in NAME_DATE.finditer(name):
        try:
            found.add(dt.date(int(m[1]), int(m[3]), int(m[4])))
        except ValueError:  # 2013-02-30
            continue
    return found.pop() if len(found) == 1 else None


MONTH_WORD = "(?:" + "|".join(name.capitalize() for name in sorted(MONTHS, key=len, reverse=True)) + ")"
# "Sept. 27, 2013", "Nov.16, 2016", "27 September 2013": a day of a year
FULL_DATE = (
    rf"(?:{MONTH_WORD}(?:\.\s*|\s+)\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{MONTH_WORD}\.?,?\s+\d{{4}})(?!\d)"
)
# "WASHINGTON, Sept. 27, 2013 (AP) —", "Geneva, 3 May 2016:": a place, a full date, an optional agency,
# then a dash or a colon. A dateline without its year ("LIMA, March 3 (Reuters) -") dates nothing.
DATELINE_DATE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z.'/\- ]{1,40}[A-Z.]|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"  # GENEVA, NEW YORK, Ottawa
    rf",\s+(?P<date>{FULL_DATE})"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:[\u2014\u2013-]{1,2}|:)",
    re.MULTILINE,
)
DATELINE_LINES = 6  # a dateline opens the story: after at most a headline, a byline and blank lines


def dateline_date(text: str) -> dt.date | None:
    """The full date of the dateline that opens a story, if it has one."""
    head = "\n".join(text.lstrip().splitlines()[:DATELINE_LINES])
    m = DATELINE_DATE.search(head)
    if m is None:
        return None
    value = normalize(spaced(m["date"]), None)
    return value.start if value.granularity == "day" else None


def spaced(phrase: str) -> str:
    """'Nov.16, 2016' as 'Nov. 16, 2016', the way normalize reads it."""
    return re.sub(r"\.(?=\d)", ". ", phrase)


# A caption dated by the month alone closes with it: "..., in Kabul, March 2016."
CAPTION_MONTH = re.compile(rf"[,\s](?P<date>{MONTH_WORD}\.?,?\s+\d{{4}})\s*\.?\s*$")


def caption_value(text: str) -> TimeValue | None:
    """A photo caption's own date: the one day it names ("..., Oct. 15, 2015.", "..., April 3, 2016, in C",
    "Nov.16, 2016"), else a month of a year closing it. Two different days name no date (nothing is guessed)."""
    days = {}
    for m in re.finditer(FULL_DATE, text):
        value = normalize(spaced(m.group()), None)
        if value.start is not None:
            days[value.iso()] = value
    if len(days) == 1:
        return next(iter(days.values()))
    m = CAPTION_MONTH.search(text.strip()) if not days else None
    value = normalize(m["date"], None) if m else None
    return value if value is not None and value.start is not None else None
