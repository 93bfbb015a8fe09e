"""spaCy entity spans → Mentions, with the small model's usual mistakes repaired.

Repairs: no entity across a line break; headlines and bylines (title-case lines without final
punctuation) give no mentions; titles and honorifics are not part of a name; a facility joined to the
next name by a hyphen is one name; types follow the name's ending ("… Oblast" is a region).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from kg import geo
from kg.annotate.people import is_first_name, repair_people
from kg.lexicon import (
    DESTINATION_WORDS,
    FACILITY_ENDINGS,
    FACILITY_FIRST_WORDS,
    HONORIFICS,
    LOCATIVE_PREPS,
    ORG_HEADS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    PORTFOLIO_WORDS,
    REGION_ENDINGS,
    SHORT_WORDS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from kg.types import ENTITY_TYPES
from kg.zones import DATELINE

KEPT_LABELS = frozenset(ENTITY_TYPES)
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"
TERMINAL = ".!?\"'\u201d\u2019):;"


@dataclass(frozen=True)
class RawMention:
    """A repaired entity span, in token offsets of its Doc."""

    start: int  # token index
    end: int  # token index, exclusive
    label: str
    text: str


def is_headline(sent: Span) -> bool:
    """A line without final punctuation whose words are mostly capitalized: a headline, a byline or a
    section title. The small model reads names into these that are not there."""
    text = sent.text.strip()
    if not text or text[-1] in TERMINAL:
        return False
    words = [t for t in sent if t.is_alpha]
    if not words:
        return True
    capitalized = sum(1 for t in words if t.text[0].isupper() or t.is_stop)
    return capitalized / len(words) >= 0.8 or len(words) <= 3


def strip_titles(doc: Doc, start: int, end: int) -> int:
    """Move the start of a PERSON span past leading titles, honorifics and determiners."""
    while start < end - 1:
        word = doc[start].lower_.rstrip(".")
        if (
            word in HONORIFICS
            or word in TITLE_HEADS
            or word in TITLE_MODIFIERS
            or word in PERSON_NOUNS  # "Pastor X", "Marine X" (a role written as a title)
            or word in {"the", "a", "an"}
            or doc[start].ent_type_ in {"NORP", "GPE"}
            and start + 1 < end
            and doc[start + 1].lower_ in TITLE_HEADS
        ):
            start += 1
        else:
            break
    return start


def is_title_word(word: str) -> bool:
    lowered = word.lower().rstrip(".")
    return (
        lowered in TITLE_HEADS
        or lowered in TITLE_MODIFIERS
        or lowered in HONORIFICS
        or bool(geo.country_of_adjective(word) and not geo.is_country(word))
    )


def split_at_breaks(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """An entity span cut where a line ends or a slash stands ('DOHA/LONDON' is two names): the model
    runs names across both."""
    pieces, piece_start = [], start
    for i in range(start, end):
        separator = "\n" in doc[i].text or doc[i].text == "/"
        if separator or ("\n" in doc[i].whitespace_ and i < end - 1):
            if separator:
                if piece_start < i:
                    pieces.append((piece_start, i))
                piece_start = i + 1
            else:
                pieces.append((piece_start, i + 1))
                piece_start = i + 1
    if piece_start < end:
        pieces.append((piece_start, end))
    return pieces


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners and trailing possessives/punctuation."""
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in {"'s", "\u2019s"}
    ):
        end -= 1
    return start, end


def retype(text: str, label: str) -> str:
    """The type a name's own words or the gazetteer give it, else spaCy's label."""
    words = text.lower().split()
    last = words[-1] if words else ""
    if geo.is_country(text) or geo.is_us_state(text):
        return "GPE"
    if last in REGION_ENDINGS and len(words) > 1:
        return "GPE"
    if last in FACILITY_ENDINGS and len(words) > 1 and label != "GPE":
        return "FAC"
    if words and words[0] in FACILITY_FIRST_WORDS and len(words) > 1 and label in {"ORG", "PERSON"}:
        return "FAC"  # "Villa Borghese", "Camp David", "Fort Bragg"
    if last in ORG_HEADS and len(words) > 1 and label not in {"GPE", "LOC"}:
        return "ORG"
    return label


def join_hyphenated(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """'Fort Smith–Jones' read as a facility and a person: a facility or organization name continued
    by a dash with no spaces is one name."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out:
            p_start, p_end, p_label = out[-1]
            between = doc[p_end:start]
            joined = (
                p_label in {"FAC", "ORG"}
                and len(between) == 1
                and between[0].text in DASHES
                and not doc[p_end - 1].whitespace_
                and not between[0].whitespace_
                and label not in {"GPE"}
            )
            if joined:
                out[-1] = (p_start, end, p_label)
                continue
        out.append((start, end, label))
    return out


def region_names(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """'Tver Oblast', 'Sichuan Province': a proper name followed by a capitalized region word is a
    region, whether or not the model saw it (it misses them at the start of a line)."""
    out = []
    for tok in doc[1:]:
        if tok.lower_ not in REGION_ENDINGS or not tok.text[:1].isupper():
            continue
        start = tok.i
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].text[:1].isupper()
            and "\n" not in doc[start - 1].whitespace_
        ):
            start -= 1
        if start < tok.i:
            out.append((start, tok.i + 1, "GPE"))
    return out


def stands_as_place(tok: Token) -> bool:
    """After 'in'/'at'/'from', after 'to' of a journey, the object of 'visit', beside 'the capital'."""
    prep = tok.head
    if tok.dep_ == "pobj":
        if prep.lower_ == "to":
            return prep.head.lemma_.lower() in DESTINATION_WORDS
        return prep.lower_ in LOCATIVE_PREPS
    if tok.dep_ == "dobj":
        return tok.head.lemma_.lower() in {"visit", "tour"}
    return tok.dep_ == "appos" and tok.head.lower_ in PLACE_NOUNS


def gazetteer_places(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Proper names the model left untagged (or tagged as a product or work) that stand where places
    stand, after 'in', 'to', 'from', or in apposition to a place noun ('the capital, X'), and that the
    gazetteer knows as a place."""
    covered = {i for s, e, _ in spans for i in range(s, e)}
    out = []
    tokens = list(doc)
    # capitalized proper nouns, by index (a Doc makes a new Token object on every index)
    name_like = [t.pos == PROPN and t.text[:1].isupper() for t in tokens]
    for tok in tokens:
        i = tok.i
        if not name_like[i] or i in covered:
            continue
        if geo.is_country(tok.text):
            alone = not (i > 0 and name_like[i - 1]) and not (i + 1 < len(tokens) and name_like[i + 1])
            if alone and (not is_first_name(tok.text) or stands_as_place(tok)):
                out.append((i, i + 1, "GPE"))  # a country's name ("Chad" only where places stand)
                continue
        if not stands_as_place(tok):
            continue
        start = i
        while start > 0 and start - 1 not in covered and tokens[start - 1].pos == PROPN and i - start < 2:
            start -= 1
        if start < i and tok.lower_ in FACILITY_ENDINGS and tokens[start].text[:1].isupper():
            out.append((start, tok.i + 1, "FAC"))  # "at Tahrir Palace": a named building
            continue
        for s in range(start, tok.i + 1):  # the longest run the gazetteer knows
            if geo.lookup_place(doc[s : tok.i + 1].text):
                out.append((s, tok.i + 1, "GPE"))
                break
    return out


def drop_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Of overlapping spans keep the longest (the first on a tie)."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def place_retype(doc: Doc, start: int, end: int, label: str) -> str:
    """A name the model typed as a person or organization that the gazetteer knows as a place is a
    place when it stands where places stand (after 'in', 'to', 'from'...) or, for organizations, always."""
    if label in {"GPE", "LOC", "FAC"}:
        return label
    span = doc[start:end]
    place = geo.lookup_place(span.text)
    if place is None and label != "PERSON":
        return label
    if place is not None and label != "PERSON":
        return "GPE" if end - start == 1 or place.kind == "country" else label
    head = span.root
    if place is None:
        # "talks at X in [a city]": a building, whatever the model said
        at_building = head.dep_ == "pobj" and head.head.lower_ in {"at", "inside"}
        in_city = any(  # 'in [a city]' on the name or beside it, after it
            c.dep_ == "prep" and c.lower_ == "in" and c.i > head.i and any(g.ent_type_ == "GPE" for g in c.children)
            for c in [*head.children, *head.head.head.children]
        )
        return "FAC" if at_building and in_city else label
    locative = (head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS) or (
        head.dep_ == "dobj" and head.head.lemma_.lower() in {"visit", "tour"}
    )
    return "GPE" if locative else label


def find_mentions(doc: Doc) -> list[RawMention]:
    """The repaired name mentions of a parsed article, in text order (NORP adjectives excluded)."""
    headline_tokens: set[int] = set()
    for sent in doc.sents:
        if is_headline(sent):
            headline_tokens.update(range(sent.start, sent.end))
    spans: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS and not (ent.label_ == "NORP" and len(ent) >= 2):
            continue
        for start, end in split_at_breaks(doc, ent.start, ent.end):
            start, end = trim(doc, start, end)
            if ent.label_ == "PERSON":
                start = strip_titles(doc, start, end)
                if all(is_title_word(t.text) for t in doc[start:end]):
                    continue  # a nationality and a title read as a name: the title of the name after it
            before_title = end < len(doc) and doc[end].lower_ in TITLE_HEADS and doc[end].text[:1].isupper()
            if before_title and all(t.lower_ in PORTFOLIO_WORDS for t in doc[start:end]):
                continue  # "External Affairs" of "External Affairs Minister X": a portfolio
            of_title = start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in TITLE_HEADS
            if of_title and all(is_title_word(t.text) for t in doc[start:end]):
                continue  # "State" of "Secretary of State": part of a title, no organization
            if start < end:
                spans.append((start, end, ent.label_))
    spans = join_hyphenated(doc, sorted(spans + region_names(doc, spans)))
    spans = sorted(spans + gazetteer_places(doc, spans))
    spans = drop_overlaps(repair_people(doc, drop_overlaps(spans)))
    datelines = [m.span("place") for m in DATELINE.finditer(doc.text)]
    mentions = []
    for start, end, label in spans:
        if any(i in headline_tokens for i in range(start, end)):
            continue
        in_dateline = bool(datelines) and any(a <= doc[start].idx < b for a, b in datelines)
        if in_dateline:
            label = "GPE"  # a dateline opens with the place the story was filed from
        text = doc[start:end].text
        if not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
            continue  # "he", "16", lower-case words are not names
        if (
            label == "PERSON"
            and len(text) <= 2
            and not (text.istitle() and text.isalpha() and text.lower() not in SHORT_WORDS)
        ):
            continue  # "He", "Mr"; but "Xi", "Li", "Hu" are names
        if label in {"GPE", "ORG", "LOC", "NORP"} and geo.country_of_adjective(text) and not geo.is_country(text):
            continue  # "Ugandan" read as a place: a nationality, turned into its country by the rules
        if label == "NORP":
            continue  # nationalities are read as their country by the rules, never kept as names
        label = retype(text, place_retype(doc, start, end, label))
        if in_dateline and text.isupper() and len(text) > 3:
            text = text.title()  # "NEW YORK" of a dateline is the city New York
        mentions.append(RawMention(start, end, label, text))
    return mentions
