"""The article's zones (kg.zones) laid over the parsed tokens: which zone each token is in, which
tokens state no facts, where a name must be cut."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.zones import DATELINE_ZONE, SIGNATURE, SILENT, Signature, Zone, dateline_places, find_zones, signatures


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc: spaCy joins it anew at every call, making a Token object for each
    token (a tenth of the time extraction took)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def tokens_of(doc: Doc) -> tuple[Token, ...]:
    """The Doc's tokens, made once per Doc: spaCy makes a new Token object at every index and on every
    walk over a Doc (a third of the time extraction took, over a dozen walks per article). A Token reads
    its Doc's arrays when asked, so later labels show; kg never retokenizes a Doc, which would move them."""
    tokens = doc.user_data.get(TOKENS_KEY)
    if tokens is None:
        tokens = doc.user_data[TOKENS_KEY] = tuple(doc)
    return tokens


def words_of(doc: Doc) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every token's lemma and lower-case form, read once per Doc (the trigger look-ups of each relation
    read them all); kg never changes a lemma."""
    words = doc.user_data.get(WORDS_KEY)
    if words is None:
        tokens = tokens_of(doc)
        words = doc.user_data[WORDS_KEY] = (tuple(t.lemma_ for t in tokens), tuple(t.lower_ for t in tokens))
    return words


def children_of(token: Token) -> tuple[Token, ...]:
    """`token.children` (in text order), from the tokens made once for its Doc: spaCy makes a new Token
    for every child at every walk, and rules walk the tree from most words."""
    doc = token.doc
    table = doc.user_data.get(CHILDREN_KEY)
    if table is None:
        tokens = tokens_of(doc)
        kids: list[list[Token]] = [[] for _ in tokens]
        for t in tokens:
            head = t.head.i
            if head != t.i:
                kids[head].append(t)
        table = doc.user_data[CHILDREN_KEY] = tuple(map(tuple, kids))
    return table[token.i]


def span_text(span: Span) -> str:
    """`span.text` (a span of one token or more), cut from the Doc's text rather than joined from a new
    Token per word."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def span_tokens(span: Span) -> tuple[Token, ...]:
    """The span's tokens, from those made once for its Doc (tokens_of)."""
    return tokens_of(span.doc)[span.start : span.end]


TEXT_KEY = "kg.text"
TOKENS_KEY = "kg.tokens"
WORDS_KEY = "kg.words"
CHILDREN_KEY = "kg.children"

# A headline, a byline or a section title on a line of its own ends without these.
TERMINAL = ".!?\"'\u201d\u2019):;"


@dataclass(frozen=True)
class Layout:
    zones: tuple[Zone, ...]
    zone_of: tuple[int, ...]  # token index → zone index (-1: a token outside every zone)
    silent: frozenset[int]  # tokens of headlines, datelines, intertitles and title lines
    dateline_places: tuple[tuple[int, int], ...]  # character ranges
    signatures: tuple[Signature, ...] = ()  # a statement's signature in its header (kg.zones.signatures)

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
    text = span_text(sent).strip()
    if not text or text[-1] in TERMINAL:
        return False
    words = [t for t in span_tokens(sent) if t.is_alpha]
    if not words:
        return True
    # Title Case: every word but the short function words capitalized. A line in sentence case with a
    # lower-case word of its own ("Smith met Jones in Geneva") is a sentence whose full stop is missing.
    lower = [t for t in words if not t.text[0].isupper() and not t.is_stop]
    return not lower or len(words) <= 3


def is_title_line(sent: Span) -> bool:
    """The article's first line, on a line of its own without final punctuation, with text after it: its
    title, in sentence case too ("The ministry welcomes the pardon list")."""
    text = span_text(sent).strip()
    whole = doc_text(sent.doc)
    rest = whole[sent.end_char :].strip()
    return bool(text) and text[-1] not in TERMINAL and "\n" in whole[sent.start_char : sent.end_char + 1] and bool(rest)


def layout_of(doc: Doc) -> Layout:
    text = doc_text(doc)
    signed = signatures(text)
    zones = find_zones(text, signed)
    starts = [z.start for z in zones]
    zone_of = []
    tokens = tokens_of(doc)
    for tok in tokens:
        z = bisect.bisect_right(starts, tok.idx) - 1
        zone_of.append(z if z >= 0 and tok.idx < zones[z].end else -1)
    silent = {tok.i for tok in tokens if zone_of[tok.i] >= 0 and zones[zone_of[tok.i]].kind in SILENT}
    for n, sent in enumerate(doc.sents):
        if is_headline(sent) or (n == 0 and is_title_line(sent)):
            silent.update(range(sent.start, sent.end))
    return Layout(zones, tuple(zone_of), frozenset(silent), tuple(dateline_places(text, zones)), tuple(signed))


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


def in_signature(layout: Layout, token_index: int) -> bool:
    """In a statement's signature (kg.zones.signatures): silent, but its name and organizations are named."""
    return layout.kind(token_index) == SIGNATURE
