"""Article structure read from the text alone, before any parsing: where datelines stand.

A dateline ("NEW DELHI —", "LIMA, March 3 (Reuters) -", "ISLAMABAD: ...") names where the story was
filed, not where anything in it happened; the parser also must not read its city as the subject of the
story's first verb. No spaCy here: kg.nlp and kg.annotate both use it.
"""

from __future__ import annotations

import re

# A dateline opening a paragraph: "NEW DELHI —", "LIMA, March 3 (Reuters) -", "BEIJING (AP) —",
# "ISLAMABAD: ...", and in title case when a date follows: "Ottawa, Nov 19 (IANS): ...".
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'/\- ]{1,40}[A-Z.]"  # NEW DELHI, DOHA/NEW YORK
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?=,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b))"  # Ottawa, Nov 19
    r"(?:,[^\n\u2014\u2013]{0,40}?)?"  # , March 3
    r"(?:\s*\([^)\n]{1,40}\)\s*(?:[\u2014\u2013-]{1,2}\s?|:\s)"  # (Reuters) - or (Reuters) -A plane...
    r"|\s*(?:[\u2014\u2013-]{1,2}|:)\s)",  # a dash, or a colon ("ISLAMABAD: ...")
    re.MULTILINE,
)


def dateline_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of whole datelines."""
    return [(m.start(), m.end()) for m in DATELINE.finditer(text)]


def dateline_places(text: str) -> list[tuple[int, int]]:
    """Character ranges of the places datelines open with."""
    return [m.span("place") for m in DATELINE.finditer(text)]
