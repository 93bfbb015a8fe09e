"""spaCy entity spans → Mentions, with the small model's usual mistakes repaired.

Repairs: no entity across a line break; headlines and bylines (title-case lines without final
punctuation) give no mentions; titles and honorifics are not part of a name; a facility joined to the
next name by a hyphen is one name; types follow the name's ending ("… Oblast" is a region).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from kg import geo
from kg.lexicon import (
    FACILITY_ENDINGS,
    HONORIFICS,
    ORG_HEADS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    PORTFOLIO_WORDS,
    REGION_ENDINGS,
    RELEASE_NOUNS,
    RELEASE_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TRAVEL_VERBS,
    VISIT_NOUNS,
)
from kg.types import ENTITY_TYPES

KEPT_LABELS = frozenset(ENTITY_TYPES)
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"
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


def dateline_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of datelines; the place in a dateline is where the story was filed, not where
    anything in it happened, so rules skip these tokens."""
    return [(m.start(), m.end()) for m in DATELINE.finditer(text)]


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


# Words that make a facility when they open its name.
FACILITY_FIRST_WORDS = frozenset({"villa", "palace", "hotel", "castle", "camp", "fort", "citadel", "schloss"})


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


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The lexicon below, read from kg's data cache after the first build (kg.datacache)."""
    from kg.datacache import load_or_build, version_key

    return load_or_build("first-names", version_key(("gender-guesser",), __file__), build_first_names)


def build_first_names() -> frozenset[str]:
    """A first-name lexicon (gender-guesser's ~45,000 names from many countries), used only to repair
    names the model missed or mistyped: a span starting with a first name is a person. Read straight
    from the package's data file: its Detector parses per-country statistics kg does not need."""
    from importlib import resources

    data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    names = set()
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            if line[:1] not in {"#", "=", "\n", ""}:
                parts = line.split()
                if len(parts) >= 2:
                    names.add(parts[1].replace("+", " ").casefold())
    return frozenset(names)


def is_first_name(word: str) -> bool:
    lowered = word.lower()
    if not word[:1].isupper() or len(word) < 2 or lowered in TITLE_HEADS | HONORIFICS | PERSON_NOUNS:
        return False
    return word.casefold() in first_names()


# Lower-case particles inside names: "Pieter de Vries", "Ahmed bin Ali", "Maria da Silva".
NAME_PARTICLES = frozenset("de da di do dos das del della van von der den du la le bin ben al el ibn".split())


def name_shaped(words: Span) -> bool:
    """Two to four words, capitalized, alphabetic, lower-case name particles allowed inside."""
    if not 2 <= len(words) <= 4 or not all(t.is_alpha or "-" in t.text for t in words):
        return False
    inner = {t.i for t in words[1:-1]}
    capitalized = [t for t in words if not (t.i in inner and t.lower_ in NAME_PARTICLES)]
    return len(capitalized) <= 3 and all(t.text[:1].isupper() for t in capitalized)


def looks_like_person(doc: Doc, start: int, end: int) -> bool:
    """Two or three capitalized words, the first a first name, none an organization or place word,
    the whole not a known place."""
    words = doc[start:end]
    if not name_shaped(words):
        return False
    lowered = {t.lower_ for t in words}
    if lowered & (ORG_HEADS | FACILITY_ENDINGS | REGION_ENDINGS | TITLE_HEADS):
        return False
    text = words.text
    if geo.lookup_place(text) or geo.country_of_adjective(words[0].text):
        return False
    return is_first_name(words[0].text)


# Two-letter capitalized words that are no names.
SHORT_WORDS = frozenset("he me we us it mr ms dr st no so an at by in of on or to up as if is do go my oh ok".split())
LOCATIVE_PREPS = frozenset({"in", "at", "to", "from", "near", "into", "outside", "inside", "toward", "towards"})
# Verbs whose subject is a person rather than an organization or a place: one travels, shakes hands,
# poses, phones. (Organizations "say" and "meet" too, so those do not count.)
PERSONAL_VERBS = frozenset(
    """
    fly travel arrive land shake pose smile wave phone telephone greet hug embrace jet sit stand walk visit
    thank
    """.split()
)
# Words after which 'to X' is a destination ("flew to X", "a trip to X", "welcomed A to X").
DESTINATION_WORDS = TRAVEL_VERBS | VISIT_NOUNS | frozenset({"welcome", "return", "head", "move", "go", "come"})
# Verbs whose object is a person: one welcomes, greets, hugs someone.
PERSONAL_OBJECT_VERBS = frozenset("welcome greet hug embrace congratulate phone telephone".split())
# Words a photo caption puts after a person's name: "A, left, shakes hands with B".
CAPTION_POSITIONS = frozenset({"left", "right", "center", "centre", "second", "front", "back", "top"})


def person_by_context(doc: Doc, start: int, end: int) -> bool:
    """A name of two or three capitalized words that the model typed as an organization or a place
    but that stands where only people stand: the subject of a personal verb ('X flew to'), a photo
    caption's position ('X, right, and'), or the apposition of a title ('the crown prince of Y, X,')."""
    words = doc[start:end]
    titled = start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ in TITLE_HEADS
    if len(words) == 1 and titled and words[0].is_alpha and words[0].text.istitle():
        return not geo.lookup_place(words.text) and words[0].lower_ not in ORG_HEADS | FACILITY_ENDINGS  # "PM X"
    if not name_shaped(words):
        return False
    if {t.lower_ for t in words} & (ORG_HEADS | FACILITY_ENDINGS | REGION_ENDINGS | TITLE_HEADS):
        return False
    if any(t.is_upper for t in words) or geo.lookup_place(words.text) or geo.country_of_adjective(words[0].text):
        return False
    head = words.root
    if head.dep_ in {"nsubj", "nsubjpass"}:
        # "X flew to", "X is expected to visit", "X stopped in [a place]", "X toured a factory in [a place]"
        verbs = [head.head, *(c for c in head.head.children if c.dep_ == "xcomp")]
        if any(v.lemma_.lower() in PERSONAL_VERBS for v in verbs):
            return True
        if any(v.lemma_.lower() in TRAVEL_VERBS and journey_to_a_place(v) for v in verbs):
            return True
    if head.dep_ == "dobj" and head.head.lemma_.lower() in PERSONAL_OBJECT_VERBS | RELEASE_VERBS:
        return True  # one welcomes, greets, frees a person
    if head.dep_ == "nsubjpass" and head.head.lemma_.lower() in RELEASE_VERBS:
        return True  # "X was freed by"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in RELEASE_NOUNS:
        return True  # "the release of X"
    if head.dep_ == "nsubj" and head.head.lower_ == "go" and head.head.head.lemma_.lower() == "let":
        return True  # "let X go"
    if titled:
        return True  # "President X"
    for clause in (c for c in head.children if c.dep_ == "relcl"):
        if any(g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ == "who" for g in clause.children):
            return True  # "X, who heads the ministry"
    if head.dep_ in {"nsubj", "dobj", "pobj"} and meets_a_person(head):
        return True  # "X hosted [a person]", "[a person] met X", "received by X"
    if any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS | TITLE_HEADS for c in head.children):
        return True  # "X, a journalist detained since ..."
    listed = [*head.conjuncts, *(c for c in head.children if c.dep_ == "appos" and c.conjuncts)]
    if any(c.ent_type_ == "PERSON" for c in listed):
        return True  # "A, B and C met": listed with people
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in CAPTION_POSITIONS:
        return doc[end + 2].text in {",", "and"}
    if head.dep_ == "appos" and head.head.lemma_.lower() in TITLE_HEADS:
        return True
    # "the crown prince of Y, X,": the parser hangs X on Y
    of_phrase = head.head.head if head.dep_ == "appos" and head.head.dep_ == "pobj" else None
    return bool(
        of_phrase is not None
        and of_phrase.lower_ == "of"
        and of_phrase.head.lemma_.lower() in TITLE_HEADS
        and head.head.ent_type_ in {"GPE", "ORG", "NORP", "LOC"}
    )


# Verbs of meeting and talking: one who does them with a person is a person (or a state, which the
# gazetteer knows, or an organization, whose name has an organization word).
PERSON_TO_PERSON_VERBS = frozenset("meet host receive welcome greet talk speak phone telephone call hug".split())


def journey_to_a_place(verb: Token) -> bool:
    """Does the verb have a place the model typed as one after 'to', 'in', 'at' (on it or its object)?"""
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return any(
        g.ent_type_ in {"GPE", "LOC", "FAC"}
        for h in holders
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in {"to", "in", "at", "for"}
        for g in c.children
        if g.dep_ == "pobj"
    )


def meets_a_person(head: Token) -> bool:
    """Does this name meet or talk with someone the model typed a person, as subject, object or agent?"""
    verb = head.head
    if head.dep_ == "pobj":
        if verb.dep_ not in {"agent", "prep"} or verb.lower_ not in {"by", "with"}:
            return False
        verb = verb.head
    if verb.lemma_.lower() not in PERSON_TO_PERSON_VERBS:
        return False
    others = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.i != head.i]
    others += [g for c in verb.children if c.dep_ in {"prep", "agent"} for g in c.children if g.dep_ == "pobj"]
    return any(o.ent_type_ == "PERSON" and o.i != head.i for o in others)


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


def repair_people(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """First names the model left out ('Ana' of 'Ana Silva'), persons typed as organizations, persons
    it missed, and surnames it tagged once but not again."""
    covered = {i for s, e, _ in spans for i in range(s, e)}
    out = []
    for start, end, label in spans:
        if (
            label in {"PERSON", "ORG", "GPE", "LOC", "NORP"}
            and start > 0
            and doc[start - 1].pos_ == "PROPN"
            and start - 1 not in covered
            and is_first_name(doc[start - 1].text)
            and "\n" not in doc[start - 1].whitespace_
            and (label == "PERSON" or looks_like_person(doc, start - 1, end))
        ):
            start -= 1
        head = doc[end - 1].head.i if label == "PERSON" else -1
        if (
            end <= head <= end + 2
            and doc[end - 1].dep_ == "compound"
            and doc[head].pos_ == "PROPN"
            and doc[head].text[:1].isupper()
            and not any(i in covered for i in range(end, head + 1))
            and all(t.text == "-" or t.lower_ in NAME_PARTICLES or t.pos_ == "PROPN" for t in doc[end:head])
            and "\n" not in doc[start:head].text
        ):
            end = head + 1  # "Shah Mehmood" tagged, "Qureshi" (or "el-Sissi"), the head of the name, left out
        if label in {"ORG", "GPE", "LOC", "NORP", "FAC"} and (
            looks_like_person(doc, start, end) or person_by_context(doc, start, end)
        ):
            label = "PERSON"
        elif label in {"ORG", "GPE", "LOC", "NORP"} and end - start >= 3:
            # "State Antony Blake" (of "Secretary of State Antony Blake"): a title word run into a name
            for k in range(start + 1, end - 1):
                if looks_like_person(doc, k, end):
                    start, label = k, "PERSON"
                    break
        out.append((start, end, label))
    covered = {i for s, e, _ in out for i in range(s, e)}
    tokens = list(doc)  # made once: indexing a Doc makes a new Token each time
    propn = [t.pos_ == "PROPN" for t in tokens]
    i = 0
    while i < len(tokens):  # runs of proper nouns the model did not tag at all
        if i in covered or not propn[i]:
            i += 1
            continue
        j = i
        while j < len(tokens) and j not in covered and propn[j] and j - i < 3 and "\n" not in tokens[j].whitespace_:
            j += 1
        if j - i >= 2 and (looks_like_person(doc, i, j) or person_by_context(doc, i, j)):
            out.append((i, j, "PERSON"))
            covered.update(range(i, j))
        i = max(j, i + 1)
    surnames = {tokens[e - 1].text for s, e, label in out if label == "PERSON" and e - s >= 2}
    # family names written first ("Zhang" of "Zhang Hong"), when the model left the word untagged
    family_names = {tokens[s].text for s, e, label in out if label == "PERSON" and e - s >= 2} - surnames
    for tok in tokens:
        if tok.i in covered or (tok.text not in surnames and tok.text not in family_names):
            continue
        if tok.text in family_names:
            followed_by_name = tok.i + 1 < len(tokens) and tokens[tok.i + 1].text[:1].isupper()
            if propn[tok.i] and not followed_by_name:
                out.append((tok.i, tok.i + 1, "PERSON"))
                covered.add(tok.i)
        # the model reads a surname opening a sentence as a common noun ("X later met")
        elif propn[tok.i] or tok.is_sent_start:
            out.append((tok.i, tok.i + 1, "PERSON"))
    return sorted(out)


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
