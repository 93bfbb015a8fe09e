"""spaCy entity spans → Mentions, with the small model's usual mistakes repaired.

Repairs: no entity across a line break; headlines and bylines (title-case lines without final
punctuation) give no mentions, but for a statement's signature (kg.zones.signatures: its signer is a
person, its organization lines organizations, and the countries of its titles are named); titles and
honorifics are not part of a name; a facility joined to the next name by a hyphen is one name; types
follow the name's ending ("… Oblast" is a region, but "the Department of State" an organization).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from kg import geo
from kg.annotate.people import is_first_name, repair_people
from kg.annotate.structure import (
    Layout,
    children_of,
    doc_text,
    in_signature,
    is_dateline,
    split_at_zones,
    tokens_of,
)
from kg.lexicon import (
    DANGLING_WORDS,
    DAY_WORDS,
    DESTINATION_WORDS,
    FACILITY_ENDINGS,
    FACILITY_FIRST_WORDS,
    HONORIFICS,
    LANDFORM_WORDS,
    LOCATIVE_PREPS,
    LOWERCASE_FACILITY_HEADS,
    LOWERCASE_ORG_HEADS,
    LOWERCASE_REGION_HEADS,
    MEDIA_NOUNS,
    MILITARY_RANKS,
    ORG_HEADS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    PORTFOLIO_WORDS,
    REGION_ENDINGS,
    SHORT_WORDS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TITLE_WORDS_BEFORE_HEAD,
)
from kg.types import ENTITY_TYPES
from kg.zones import photo_credits

KEPT_LABELS = frozenset(ENTITY_TYPES)
# Last words of institutions the model reads as places ("the X Center", "the Y Institute").
INSTITUTION_WORDS = frozenset("center centre institute institution foundation university council committee".split())
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"


@dataclass(frozen=True)
class RawMention:
    """A repaired entity span, in token offsets of its Doc."""

    start: int  # token index
    end: int  # token index, exclusive
    label: str
    text: str
    canonical: str | None = None  # the full name a short form stands for ("N.C." → "North Carolina")


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
            # "Minister of [Defense] A": the portfolio of a title written before the name
            or word in PORTFOLIO_WORDS
            and start >= 2
            and doc[start - 1].lower_ == "of"
            and doc[start - 2].lower_ in TITLE_HEADS
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
        or lowered in MILITARY_RANKS
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
    """Drop leading determiners and trailing possessives/punctuation; end before an opening bracket that
    does not close inside ('the X Council (XC' is the name and its acronym run together)."""
    tokens = tokens_of(doc)
    opened = [i for i in range(start, end) if tokens[i].text == "("]
    if opened and not any(tokens[i].text == ")" for i in range(opened[-1], end)):
        end = opened[-1]
    while start < end and (
        tokens[start].lower_ in {"the", "a", "an"} or tokens[start].is_punct or tokens[start].is_space
    ):
        start += 1
    while end > start and (
        tokens[end - 1].tag_ == "POS"
        or tokens[end - 1].is_punct
        or tokens[end - 1].is_space
        or tokens[end - 1].lower_ in {"'s", "\u2019s"}
        or tokens[end - 1].lower_ in DANGLING_WORDS  # "Coalition of" cut before its city
    ):
        end -= 1
    return start, end


def cut_titles(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Titles never glue to an organization: 'Agency National Security Correspondent' ends before its
    title words, 'Pentagon Press' of 'Pentagon Press Secretary' before the title's first word."""
    if label not in {"ORG", "GPE", "NORP", "FAC"} or end - start < 2:
        return start, end
    words = [t.lower_.rstrip(".") for t in doc[start:end]]
    after = end + 1 if end < len(doc) and doc[end].text == "." else end  # "Navy Capt . A"
    before_name = after < len(doc) and doc[after].pos_ == "PROPN" and doc[after].text[:1].isupper()
    if before_name and words[-1] in TITLE_HEADS | PERSON_NOUNS | MILITARY_RANKS:
        cut = end - 1
        while cut > start + 1 and words[cut - 1 - start] in TITLE_WORDS_BEFORE_HEAD | MILITARY_RANKS | TITLE_HEADS:
            cut -= 1
        return start, cut
    if end < len(doc) and doc[end].lower_ in TITLE_HEADS and doc[end].text[:1].isupper():
        if all(w in TITLE_WORDS_BEFORE_HEAD | PORTFOLIO_WORDS for w in words):
            return start, start  # "National Security Adviser", "Homeland Security Secretary": all title
        while end - 1 > start and words[end - 1 - start] in TITLE_WORDS_BEFORE_HEAD:
            end -= 1
    return start, end


def cut_person_possessor(doc: Doc, start: int, end: int, label: str, people: set[int]) -> int:
    """ "A's NATO": an organization is no person's; but "Peru's Central Bank" keeps its country."""
    if label != "ORG":
        return start
    for i in range(start, end - 1):
        if doc[i].tag_ == "POS" and i - 1 in people:
            return i + 1
    return start


def retype(text: str, label: str) -> str:
    """The type a name's own words or the gazetteer give it, else spaCy's label."""
    words = text.lower().split()
    last = words[-1] if words else ""
    if geo.is_country(text) or geo.is_us_state(text):
        return "GPE"
    # "Rakhine State" is a region; "the Department of State" an organ whose name ends with the word
    organ = "of" in words[1:] and words[words.index("of") - 1] in ORG_HEADS
    if last in REGION_ENDINGS and len(words) > 1 and not organ:
        return "GPE"
    if last in FACILITY_ENDINGS and len(words) > 1 and label != "GPE":
        return "FAC"
    if words and words[0] in FACILITY_FIRST_WORDS and len(words) > 1 and label in {"ORG", "PERSON"}:
        return "FAC"  # "Villa Borghese", "Camp David", "Fort Bragg"
    if last in ORG_HEADS and len(words) > 1 and label not in {"GPE", "LOC"}:
        return "ORG"
    if last in INSTITUTION_WORDS and len(words) > 1:
        return "ORG"  # "the Hale Center" read as a place: an institution
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
    for tok in tokens_of(doc)[1:]:
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
    """After 'in'/'at'/'from', after 'to' of a journey, the object of 'visit' or 'reach', beside 'the
    capital', described as a town ('X, a town in Y')."""
    if tok.dep_ == "compound" and tok.head.lower_ in DAY_WORDS and tok.head.i == tok.i + 1:
        tok = tok.head  # "to C Monday": C stands where the day stands
    prep = tok.head
    if tok.dep_ == "pobj":
        if prep.lower_ == "of":  # "the village of X"
            return prep.head.lemma_.lower() in PLACE_NOUNS
        if prep.lower_ == "to":
            return prep.head.lemma_.lower() in DESTINATION_WORDS
        return prep.lower_ in LOCATIVE_PREPS
    if any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS for c in children_of(tok)):
        return True  # "X, a remote town in Y"
    if tok.dep_ == "dobj":
        return tok.head.lemma_.lower() in {"visit", "tour", "reach", "enter", "leave"}
    return tok.dep_ == "appos" and tok.head.lower_ in PLACE_NOUNS


def gazetteer_places(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Proper names the model left untagged (or tagged as a product or work) that stand where places
    stand, after 'in', 'to', 'from', or in apposition to a place noun ('the capital, X'), and that the
    gazetteer knows as a place."""
    covered = {i for s, e, _ in spans for i in range(s, e)}
    out = []
    tokens = tokens_of(doc)
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


def dateline_names(doc: Doc, layout: Layout, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The places of a dateline the model left untagged ("Lyon, France" on a line of its own)."""
    covered = {i for s, e, _ in spans for i in range(s, e)}
    out = []
    for start, end in layout.dateline_places:
        at = start
        for part in doc_text(doc)[start:end].split(","):
            span = doc.char_span(at + len(part) - len(part.lstrip()), at + len(part.rstrip()))
            at += len(part) + 1
            if span is not None and not covered & set(range(span.start, span.end)) and geo.lookup_place(span.text):
                out.append((span.start, span.end, "GPE"))
    return out


def drop_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Of overlapping spans keep the longest (the first on a tie)."""
    kept: list[tuple[int, int, str]] = []
    taken: set[int] = set()  # the tokens of the spans kept: a lookup per token, not a scan of every span
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        start, end = span[0], span[1]
        # (an empty span overlaps a kept one it lies strictly inside)
        empty_inside = start == end and any(k[0] < start < k[1] for k in kept)
        if not empty_inside and taken.isdisjoint(range(start, end)):
            kept.append(span)
            taken.update(range(start, end))
    return sorted(kept)


def described_as_place(doc: Doc, start: int, end: int, head: Token) -> bool:
    """'the city of X', 'the hometown of X', 'in X, Syria,', 'X Island', 'X, a city in Y': a place,
    whatever the model said."""
    if doc[end - 1].lower_ in LANDFORM_WORDS or doc[start].lower_ in {"lake", "mount"}:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS for c in children_of(head)):
        return True
    if head.dep_ == "appos" and head.head.lemma_.lower() in PLACE_NOUNS:
        return True  # "the capital, X,"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in PLACE_NOUNS | {"hometown"}:
        return True
    followed_by_country = end + 1 < len(doc) and doc[end].text == "," and geo.is_country(doc[end + 1].text)
    return followed_by_country and start > 0 and doc[start - 1].lower_ in LOCATIVE_PREPS | {"of"}


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
    if described_as_place(doc, start, end, head):
        return "GPE"
    if place is None:
        # "talks at X in [a city]": a building, whatever the model said
        at_building = head.dep_ == "pobj" and head.head.lower_ in {"at", "inside"}
        in_city = any(  # 'in [a city]' on the name or beside it, after it
            c.dep_ == "prep" and c.lower_ == "in" and c.i > head.i and any(g.ent_type_ == "GPE" for g in children_of(c))
            for c in [*children_of(head), *children_of(head.head.head)]
        )
        return "FAC" if at_building and in_city else label
    locative = (head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS) or (
        head.dep_ == "dobj" and head.head.lemma_.lower() in {"visit", "tour"}
    )
    titled = start > 0 and doc[start - 1].lower_ in TITLE_HEADS | HONORIFICS  # "President A": a person
    return "GPE" if locative and not titled else label


def names_ending_in_places(doc: Doc) -> list[Span]:
    """spaCy's entities, an organization that stops before the place its name ends with joined to it:
    '[the Alliance for Rights of] [Los Angeles]', '[the Alliance for Rights] of [Los Angeles] (ARLA)'."""
    out: list[Span] = []
    for ent in (piece for e in doc.ents for piece in split_place_tail(e)):
        last = out[-1] if out else None
        if last is not None and ent.label_ in {"GPE", "LOC"} and last.label_ == "ORG" and place_ends_name(last, ent):
            out[-1] = Span(doc, last.start, ent.end, label="ORG")
        else:
            out.append(ent)
    return out


def split_place_tail(ent: Span) -> list[Span]:
    """'[the Palace of the Republic in Minsk]': a building or organization and the place it is in;
    '[Santiago, Chile]' read as one name: a place and its country."""
    doc = ent.doc
    commas = [t.i for t in ent if t.text == ","]
    if len(commas) == 1 and ent.start < commas[0] < ent.end - 1:
        head, tail = doc[ent.start : commas[0]], doc[commas[0] + 1 : ent.end]
        if (geo.is_country(tail.text) or geo.us_state(tail.text)) and geo.lookup_place(head.text):
            return [Span(doc, head.start, head.end, label="GPE"), Span(doc, tail.start, tail.end, label="GPE")]
    if ent.label_ not in {"FAC", "ORG"}:
        return [ent]
    # "X in Y, California": a place the gazetteer may not know, placed in a state or country after it
    placed = ent.end + 1 < len(doc) and doc[ent.end].text == "," and bool(geo.lookup_place(doc[ent.end + 1].text))
    for i in range(ent.start + 1, ent.end - 1):
        tail = doc[i + 1 : ent.end]
        if doc[i].lower_ in {"in", "at"} and (placed and tail[0].text[:1].isupper() or geo.lookup_place(tail.text)):
            return [Span(doc, ent.start, i, label=ent.label_), Span(doc, i + 1, ent.end, label="GPE")]
    return [ent]


def place_ends_name(org: Span, place: Span) -> bool:
    """'[X of] [Y]'; '[X] of [Y] (XY)', the acronym after it spelling the place too."""
    if org.end == place.start:
        return org[-1].lower_ in {"of", "for"}
    doc = org.doc
    if place.start != org.end + 1 or doc[org.end].lower_ != "of" or place.end + 2 >= len(doc):
        return False
    letters = doc[place.end + 1].text if doc[place.end].text == "(" else ""
    words = [t.text for t in doc[org.start : place.end] if t.text[:1].isupper()]
    return len(letters) >= 3 and letters.isupper() and "".join(w[0] for w in words) == letters


def entity_spans(doc: Doc, layout: Layout) -> list[tuple[int, int, str]]:
    """spaCy's entities, cut at line breaks and zone boundaries, titles and portfolios taken off."""
    spans: list[tuple[int, int, str]] = []
    people = {t.text for t in tokens_of(doc) if t.ent_type_ == "PERSON"}
    for ent in names_ending_in_places(doc):
        if ent.label_ not in KEPT_LABELS and not (ent.label_ == "NORP" and len(ent) >= 2):
            continue
        for piece_start, piece_end in split_at_breaks(doc, ent.start, ent.end):
            for start, end in split_at_zones(layout, piece_start, piece_end):
                start = cut_person_possessor(doc, start, end, ent.label_, people)
                start, end = trim(doc, *cut_titles(doc, *trim(doc, start, end), ent.label_))
                start = skip_opening_words(doc, start, end)
                start = after_media_noun(doc, start, end)
                end = before_nationality_of_next(doc, start, end)
                if ent.label_ == "PERSON":
                    start = strip_titles(doc, start, end)
                    if all(is_title_word(t.text) for t in doc[start:end]):
                        continue  # a nationality and a title read as a name: the title of the name after it
                if start < end and not is_title_part(doc, start, end):
                    spans.append((start, end, ent.label_))
    return spans


# Tags of words that open a sentence capitalized but are no part of a name ("Nominating X would...",
# "Regarding X, ...").
OPENING_TAGS = frozenset({"VBG", "VBN", "VB", "VBD", "VBZ", "IN", "RB", "WRB", "DT", "PRP"})


def skip_opening_words(doc: Doc, start: int, end: int) -> int:
    while start < end - 1 and (
        (doc[start].tag_ in OPENING_TAGS and doc[start].pos_ != "PROPN")
        or (doc[start].lower_.endswith("ing") and is_first_name(doc[start + 1].text))  # "Nominating A B"
    ):
        start += 1
    return start


def is_title_part(doc: Doc, start: int, end: int) -> bool:
    """'External Affairs' of 'External Affairs Minister X' (a portfolio); 'State' of 'Secretary of
    State' (part of a title): no organization."""
    before_title = end < len(doc) and doc[end].lower_ in TITLE_HEADS and doc[end].text[:1].isupper()
    if before_title and all(t.lower_ in PORTFOLIO_WORDS for t in doc[start:end]):
        return True
    of_title = start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in TITLE_HEADS
    return of_title and all(is_title_word(t.text) for t in doc[start:end])


def state_of_abbreviation(doc: Doc, layout: Layout, start: int, end: int) -> str | None:
    """'Memphis, Tenn.', 'Sen. A, R-Fla.', 'MANCHESTER, NH —': a US state written short after a comma
    or a party's hyphen (postal codes only after a place and a comma, or in a dateline)."""
    if end - start != 1 or start == 0 or doc[start - 1].text not in {",", "-", "of"}:
        return None
    after_place = start >= 2 and doc[start - 2].ent_type_ in {"GPE", "LOC", "FAC"}
    postal_ok = (after_place and doc[start - 1].text == ",") or is_dateline(layout, start)
    return geo.us_state_of_abbreviation(doc[start].text, postal_ok=postal_ok)


def mention_of(doc: Doc, layout: Layout, start: int, end: int, label: str) -> RawMention | None:
    """The mention a repaired span makes, typed; None for what is no name."""
    if any(i in layout.silent and not (is_dateline(layout, i) or in_signature(layout, i)) for i in range(start, end)):
        return None  # headlines and section titles: the small model reads names into them
    in_dateline = layout.in_dateline_place(doc[start].idx)
    if in_dateline:
        label = "GPE"  # a dateline opens with the place the story was filed from
    text = doc[start:end].text
    state = state_of_abbreviation(doc, layout, start, end)
    if state is not None:
        return RawMention(start, end, "GPE", text, canonical=state)
    if not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
        return None  # "he", "16", lower-case words are not names
    if (
        label == "PERSON"
        and len(text) <= 2
        and not (text.istitle() and text.isalpha() and text.lower() not in SHORT_WORDS)
    ):
        return None  # "He", "Mr"; but "Xi", "Li", "Hu" are names
    if label in {"GPE", "ORG", "LOC", "NORP"} and geo.country_of_adjective(text) and not geo.is_country(text):
        return None  # "Ugandan" read as a place: a nationality, turned into its country by the rules
    if label == "NORP":
        return None  # nationalities are read as their country by the rules, never kept as names
    label = retype(text, place_retype(doc, start, end, label))
    if not in_dateline and (acronym_read_as_place(text, label) or names_an_outlet(doc, start, end)):
        label = "ORG"
    if in_dateline and text.isupper() and len(text) > 3:
        text = text.title()  # "NEW YORK" of a dateline is the city New York
    return RawMention(start, end, label, text)


def after_media_noun(doc: Doc, start: int, end: int) -> int:
    """'[Dutch daily] X': the outlet's name begins after the lower-case noun of its kind."""
    for i in range(end - 2, start - 1, -1):
        if doc[i].text in MEDIA_NOUNS:
            return i + 1
    return start


def before_nationality_of_next(doc: Doc, start: int, end: int) -> int:
    """'[X Saudi] foreign minister': a nationality word at a name's end describes the person after it."""
    last = doc[end - 1].text
    nationality = geo.country_of_adjective(last) and not geo.is_country(last)
    next_word = doc[end].text if end < len(doc) else ""
    return end - 1 if end - start >= 2 and nationality and (next_word.islower() or is_title_word(next_word)) else end


def names_an_outlet(doc: Doc, start: int, end: int) -> bool:
    """'German newspaper X', 'X magazine', 'the X daily': the name of a news outlet."""
    before = start > 0 and doc[start - 1].lower_ in MEDIA_NOUNS
    after = end < len(doc) and doc[end].lower_ in MEDIA_NOUNS and doc[end].tag_ == "NN"
    return before or after


def acronym_read_as_place(text: str, label: str) -> bool:
    """'SANA' or 'IRNA' in running text is an organization's acronym, even where the gazetteer knows
    a town by that word among its other names ('Sanaa', 'Salerno'); a place written in capitals ('ROME') and places
    known by their letters ('UAE', 'DC') stay places."""
    if label not in {"GPE", "LOC"} or not (text.isupper() and text.isalpha() and len(text) >= 3):
        return False
    place = geo.lookup_place(text)
    if place is None or place.kind in {"country", "state"}:
        return False
    initials = "".join(w[0] for w in geo.norm(place.name).split())
    return geo.norm(text) not in {geo.norm(place.name), initials}


def head_type(word: str) -> str | None:
    if word in LOWERCASE_FACILITY_HEADS:
        return "FAC"
    if word in LOWERCASE_REGION_HEADS:
        return "GPE"
    return "ORG" if word in LOWERCASE_ORG_HEADS else None


def lowercase_heads(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name continued by a lower-case head noun is a name of that kind: 'Jorge Chavez airport',
    'Idlib province', 'the Smith campaign', "Y's embassy", 'the Russian foreign ministry'. Proper
    nouns the model left untagged count ('Aleppo province'); capitalized words before a facility join
    it ('the President Grant hotel')."""
    tokens = tokens_of(doc)
    ends = {e: (s, e, label) for s, e, label in spans}
    out = []
    for tok in tokens[1:]:
        kind = head_type(tok.text) if tok.pos_ == "NOUN" else None
        if tok.pos_ == "PROPN" and tokens[tok.i - 1].tag_ == "POS" and head_type(tok.lower_) == "FAC":
            kind = "FAC"  # "Rosa's Restaurant", "Joe's Bar": an owner's name and a capitalized facility
        if kind is None:
            continue
        before = tok.i
        while before > 0 and tokens[before - 1].lower_ in PORTFOLIO_WORDS and kind == "ORG":
            before -= 1  # "foreign" of "the Russian foreign ministry"
        start = name_start(tokens, before, ends, kind)
        if start is not None and not (kind == "ORG" and ends.get(before, (0, 0, ""))[2] == "GPE"):
            out.append((start, tok.i + 1, kind))
    return drop_overlaps([*spans, *out])


def name_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


def joined_hyphen(tokens: list[Token], i: int) -> bool:
    """The hyphen inside one name ('Saint-Denis'), written without spaces between two name words."""
    return (
        tokens[i].text == "-"
        and i > 0
        and not tokens[i - 1].whitespace_
        and not tokens[i].whitespace_
        and name_word(tokens[i - 1])
        and name_word(tokens[i + 1])
    )


def name_start(tokens: list[Token], end: int, ends: dict, kind: str) -> int | None:
    """Where the name before a head noun starts: a tagged span ending there, a possessive country
    ("Y's"), or a run of capitalized proper nouns."""
    if end in ends:
        start, _, label = ends[end]
        if label == "PERSON" and kind == "GPE":
            return None
    elif end >= 2 and tokens[end - 1].tag_ == "POS" and end - 1 in ends and kind == "FAC":
        start = ends[end - 1][0]
    elif end >= 1 and tokens[end - 1].ent_type_ == "NORP" and kind == "ORG":
        start = end - 1
    else:
        start = end
        while start > 0 and end - start < 3 and (name_word(tokens[start - 1]) or joined_hyphen(tokens, start - 1)):
            start -= 1
        if start == end or tokens[start].is_sent_start:
            return None
    while kind == "FAC" and start > 0 and tokens[start - 1].pos_ == "PROPN" and tokens[start - 1].text[:1].isupper():
        start -= 1
    return start


def credit_names(doc: Doc, layout: Layout) -> list[tuple[int, int, str]]:
    """'(AP Photo/Kim Lee)', '(K. Lee / Agency)': the photographer is a person, the outlet an organization."""
    out = []
    for name, outlet in photo_credits(doc_text(doc), layout.zones):
        for (a, b), label in ((name, "PERSON"), (outlet, "ORG")):
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                out.append((span.start, span.end, label))
    return out


def signature_names(doc: Doc, layout: Layout) -> list[tuple[int, int, str]]:
    """A statement's signature (kg.zones.signatures): its name a person, its organization lines
    organizations."""
    out = []
    for sig in layout.signatures:
        for (a, b), label in ((sig.name, "PERSON"), *((o, "ORG") for o in sig.organizations)):
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                out.append((span.start, span.end, label))
    return out


def join_facility_names(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """'West Lake State' + 'Guest House': a facility's name the model split after a place word is one
    facility (no punctuation between, both capitalized)."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out and label == "FAC" and out[-1][1] == start and out[-1][2] in {"GPE", "LOC", "ORG", "FAC"}:
            p_start = out[-1][0]
            if not doc[start - 1].whitespace_.count("\n") and doc[start - 1].text[:1].isupper():
                out[-1] = (p_start, end, "FAC")
                continue
        out.append((start, end, label))
    return out


def find_mentions(doc: Doc, layout: Layout) -> list[RawMention]:
    """The repaired name mentions of a parsed article, in text order (NORP adjectives excluded)."""
    credits = credit_names(doc, layout) + signature_names(doc, layout)
    taken = {i for s, e, _ in credits for i in range(s, e)}
    # in a signature, the NER's names other than countries are read into titles ("Department Spokesperson")
    spans = [
        sp
        for sp in entity_spans(doc, layout)
        if not taken & set(range(sp[0], sp[1])) and (sp[2] == "GPE" or not in_signature(layout, sp[0]))
    ]
    spans = lowercase_heads(doc, credits + spans)
    spans = join_hyphenated(doc, sorted(spans + region_names(doc, spans)))
    spans = sorted(spans + gazetteer_places(doc, spans))
    spans = join_facility_names(doc, sorted(spans + dateline_names(doc, layout, spans)))
    spans = drop_overlaps(repair_people(doc, drop_overlaps(spans)))
    pieces = [(s, e, label) for start, end, label in spans for s, e in split_at_zones(layout, start, end)]
    return [m for s, e, label in pieces if (m := mention_of(doc, layout, s, e, label)) is not None]
