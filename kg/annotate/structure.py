"""The article's zones (kg.zones) laid over the parsed tokens: which zone each token is in, which
tokens state no facts, where a name must be cut."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.zones import DATELINE_ZONE, SILENT, Zone, dateline_places, find_zones

# A headline, a byline or a section title on a line of its own ends without these.
TERMINAL = ".!?\"'\u201d\u2019):;"


@dataclass(frozen=True)
class Layout:
    zones: tuple[Zone, ...]
    zone_of: tuple[int, ...]  # token index → zone index (-1: a token outside every zone)
    silent: frozenset[int]  # tokens of headlines, datelines, intertitles and title lines
    dateline_places: tuple[tuple[int, int], ...]  # character ranges

    def kind(self, token_index: int) -> str | None:
        z = self.zone_of[token_index]
        return self.zones[z].kind if z >= 0 else None

    def zone(self, token_index: int) -> Zone | None:
        z = self.zone_of[token_index]
        return self.zones[z] if z >= 0 else None

    def in_dateline_place(self, char: int) -> bool:
        return any(a <= char < b for a, b in self.dateline_places)


def is_headline(sent: Span) -> bool:
    """A line without final punctuation in Title Case (or of three words at most): a headline, a byline or
    a section title. The small model reads names into these that are not there."""
    text = sent.text.strip()
    if not text or text[-1] in TERMINAL:
        return False
    words = [t for t in sent if t.is_alpha]
    if not words:
        return True
    # Title Case: every word but the short function words capitalized. A line in sentence case with a
    # lower-case word of its own ("Smith met Jones in Geneva") is a sentence whose full stop is missing.
    lower = [t for t in words if not t.text[0].isupper() and not t.is_stop]
    return not lower or len(words) <= 3


def is_title_line(sent: Span) -> bool:
    """The article's first line, on a line of its own without final punctuation, with text after it: its
    title, in sentence case too ("The ministry welcomes the pardon list")."""
    text = sent.text.strip()
    rest = sent.doc.text[sent.end_char :].strip()
    return (
        bool(text)
        and text[-1] not in TERMINAL
        and "\n" in sent.doc.text[sent.start_char : sent.end_char + 1]
        and bool(rest)
    )


def layout_of(doc: Doc) -> Layout:
    zones = find_zones(doc.text)
    starts = [z.start for z in zones]
    zone_of = []
    for tok in doc:
        z = bisect.bisect_right(starts, tok.idx) - 1
        zone_of.append(z if z >= 0 and tok.idx < zones[z].end else -1)
    silent = {tok.i for tok in doc if zone_of[tok.i] >= 0 and zones[zone_of[tok.i]].kind in SILENT}
    for n, sent in enumerate(doc.sents):
        if is_headline(sent) or (n == 0 and is_title_line(sent)):
            silent.update(range(sent.start, sent.end))
    return Layout(zones, tuple(zone_of), frozenset(silent), tuple(dateline_places(doc.text)))


def split_at_zones(layout: Layout, start: int, end: int) -> list[tuple[int, int]]:
    """A token span cut where a zone ends: no name runs from a headline into the story."""
    pieces, piece_start = [], start
    for i in range(start + 1, end):
        if layout.zone_of[i] != layout.zone_of[i - 1]:
            pieces.append((piece_start, i))
            piece_start = i
    pieces.append((piece_start, end))
    return pieces


def is_dateline(layout: Layout, token_index: int) -> bool:
    return layout.kind(token_index) == DATELINE_ZONE
