"""People the small model misses or mistypes: names repaired and typed by their shape (a first name
from a ~45,000-name lexicon) and by where they stand (the subject of a personal verb, a caption's
position, the apposition of a title). Spans are (start, end, label) in token offsets.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg import geo
from kg.annotate.structure import children_of, tokens_of
from kg.lexicon import (
    CAPTION_POSITIONS,
    FACILITY_ENDINGS,
    HONORIFICS,
    LANDFORM_WORDS,
    MILITARY_RANKS,
    NAME_PARTICLES,
    ORG_HEADS,
    PERSON_NOUNS,
    PERSON_TO_PERSON_VERBS,
    PERSONAL_OBJECT_VERBS,
    PERSONAL_VERBS,
    PLACE_NOUNS,
    PORTFOLIO_WORDS,
    REGION_ENDINGS,
    RELEASE_NOUNS,
    RELEASE_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TITLE_WORDS_BEFORE_HEAD,
    TRAVEL_VERBS,
)
from kg.names import is_first_name


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
    if lowered & (ORG_HEADS | FACILITY_ENDINGS | REGION_ENDINGS | TITLE_HEADS | PLACE_NOUNS | LANDFORM_WORDS):
        return False
    text = words.text
    if geo.lookup_place(text) or geo.country_of_adjective(words[0].text):
        return False
    return is_first_name(words[0].text)


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
    if {t.lower_ for t in words} & (ORG_HEADS | FACILITY_ENDINGS | REGION_ENDINGS | TITLE_HEADS | LANDFORM_WORDS):
        return False
    if any(t.is_upper for t in words) or geo.lookup_place(words.text) or geo.country_of_adjective(words[0].text):
        return False
    head = words.root
    if titled or any(test(head) for test in PERSON_PLACES):
        return True
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in CAPTION_POSITIONS:
        return doc[end + 2].text in {",", "and"}  # "X, right, and"
    return False


def does_personal_things(head: Token) -> bool:
    """'X flew to', 'X is expected to visit', 'X stopped in [a place]', 'X toured a factory in [a place]'."""
    if head.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verbs = [head.head, *(c for c in children_of(head.head) if c.dep_ == "xcomp")]
    if any(v.lemma_.lower() in PERSONAL_VERBS for v in verbs):
        return True
    return any(v.lemma_.lower() in TRAVEL_VERBS and journey_to_a_place(v) for v in verbs)


def is_freed_or_greeted(head: Token) -> bool:
    """One welcomes, greets, frees a person: 'welcomed X', 'X was freed by', 'the release of X', 'let X go'."""
    governor = head.head
    return (
        (head.dep_ == "dobj" and governor.lemma_.lower() in PERSONAL_OBJECT_VERBS | RELEASE_VERBS)
        or (head.dep_ == "nsubjpass" and governor.lemma_.lower() in RELEASE_VERBS)
        or (head.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lemma_.lower() in RELEASE_NOUNS)
        or (head.dep_ == "nsubj" and governor.lower_ == "go" and governor.head.lemma_.lower() == "let")
    )


def who_clause(head: Token) -> bool:
    """'X, who heads the ministry'."""
    return any(
        g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ == "who"
        for c in children_of(head)
        if c.dep_ == "relcl"
        for g in children_of(c)
    )


def meets_people(head: Token) -> bool:
    """'X hosted [a person]', '[a person] met X', 'received by X'."""
    return head.dep_ in {"nsubj", "dobj", "pobj"} and meets_a_person(head)


def has_person_apposition(head: Token) -> bool:
    """'X, a journalist detained since ...'; 'A, B and C met': listed with people."""
    if any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS | TITLE_HEADS for c in children_of(head)):
        return True
    listed = [*head.conjuncts, *(c for c in children_of(head) if c.dep_ == "appos" and c.conjuncts)]
    return any(c.ent_type_ == "PERSON" for c in listed)


def titled_by_apposition(head: Token) -> bool:
    """'the president, X'; 'the crown prince of Y, X,' (the parser hangs X on Y)."""
    if head.dep_ != "appos":
        return False
    if head.head.lemma_.lower() in TITLE_HEADS:
        return True
    of_phrase = head.head.head if head.head.dep_ == "pobj" else None
    return bool(
        of_phrase is not None
        and of_phrase.lower_ == "of"
        and of_phrase.head.lemma_.lower() in TITLE_HEADS
        and head.head.ent_type_ in {"GPE", "ORG", "NORP", "LOC"}
    )


# Where only people stand, each a test of a name's head token.
PERSON_PLACES = (
    does_personal_things,
    is_freed_or_greeted,
    who_clause,
    meets_people,
    has_person_apposition,
    titled_by_apposition,
)


def journey_to_a_place(verb: Token) -> bool:
    """Does the verb have a place the model typed as one after 'to', 'in', 'at' (on it or its object)?"""
    holders = [verb, *(c for c in children_of(verb) if c.dep_ == "dobj")]
    return any(
        g.ent_type_ in {"GPE", "LOC", "FAC"}
        for h in holders
        for c in children_of(h)
        if c.dep_ == "prep" and c.lower_ in {"to", "in", "at", "for"}
        for g in children_of(c)
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
    others = [c for c in children_of(verb) if c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.i != head.i]
    others += [g for c in children_of(verb) if c.dep_ in {"prep", "agent"} for g in children_of(c) if g.dep_ == "pobj"]
    return any(o.ent_type_ == "PERSON" and o.i != head.i for o in others)


# Words of titles and roles that stand before a name without being part of it.
NOT_NAME_WORDS = (
    TITLE_HEADS
    | TITLE_MODIFIERS
    | PORTFOLIO_WORDS
    | HONORIFICS
    | TITLE_WORDS_BEFORE_HEAD
    | PERSON_NOUNS
    | MILITARY_RANKS
)


def first_name_left_out(doc: Doc, start: int, end: int, label: str, covered: set[int]) -> int:
    """'Ana' of 'Ana Silva' left out of the span: the span starts one word earlier. So does a name's
    first word right after a title ("Minister of Defense Ngo A B": three-word names)."""
    prev = start - 1
    if (
        label == "PERSON"
        and prev > 0
        and prev not in covered
        and doc[prev].pos_ == "PROPN"
        and doc[prev].text[:1].isupper()
        and doc[prev].lower_ not in NOT_NAME_WORDS
        and doc[prev - 1].lower_ in TITLE_HEADS | PORTFOLIO_WORDS
        and not geo.lookup_place(doc[prev].text)
    ):
        return prev
    if (
        label in {"PERSON", "ORG", "GPE", "LOC", "NORP"}
        and start > 0
        and doc[prev].pos_ == "PROPN"
        and prev not in covered
        and is_first_name(doc[prev].text)
        and "\n" not in doc[prev].whitespace_
        and (label == "PERSON" or looks_like_person(doc, prev, end))
    ):
        return prev
    return start


def name_head_left_out(doc: Doc, start: int, end: int, label: str, covered: set[int]) -> int:
    """'Shah Mehmood' tagged, 'Qureshi' (or 'el-Sissi'), the head of the name, left out."""
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
        return head + 1
    return end


def retyped_person(doc: Doc, start: int, end: int, label: str) -> tuple[int, str]:
    """A person the model typed as an organization or a place; "State Antony Blake" (of "Secretary of
    State Antony Blake"): a title word run into a name."""
    if label in {"ORG", "GPE", "LOC", "NORP", "FAC"} and (
        looks_like_person(doc, start, end) or person_by_context(doc, start, end)
    ):
        return start, "PERSON"
    if label in {"ORG", "GPE", "LOC", "NORP"} and end - start >= 3:
        for k in range(start + 1, end - 1):
            title = all(t.lower_ in NOT_NAME_WORDS for t in doc[start:k])
            if title and looks_like_person(doc, k, end):
                return k, "PERSON"
    return start, label


def untagged_people(doc: Doc, tokens: list[Token], covered: set[int]) -> list[tuple[int, int, str]]:
    """Runs of two or three proper nouns the model did not tag at all, shaped or placed like a person."""
    out = []
    propn = [t.pos_ == "PROPN" for t in tokens]
    i = 0
    while i < len(tokens):
        portfolio = (
            tokens[i].lower_ in PORTFOLIO_WORDS and i > 0 and tokens[i - 1].lower_ == "of"
        )  # "Minister of Defense A"
        if i in covered or not propn[i] or tokens[i].lower_ in TITLE_HEADS or portfolio:  # "King" of "King A"
            i += 1
            continue
        j = i
        while j < len(tokens) and j not in covered and propn[j] and j - i < 3 and "\n" not in tokens[j].whitespace_:
            j += 1
        if (j - i >= 2 or titled_single_name(tokens, i, j)) and (
            looks_like_person(doc, i, j) or person_by_context(doc, i, j)
        ):
            out.append((i, j, "PERSON"))
            covered.update(range(i, j))
            i = j
        else:
            i += 1  # "Defense A B": the name may start one word later
    return out


def titled_single_name(tokens: list[Token], i: int, j: int) -> bool:
    """'King Aldo', 'Pope Leo': one proper noun after a capitalized title, which the model left out."""
    return j - i == 1 and i > 0 and tokens[i - 1].lower_ in TITLE_HEADS and tokens[i - 1].text[:1].isupper()


def repeated_names(tokens: list[Token], spans: list[tuple[int, int, str]], covered: set[int]) -> list:
    """Surnames the model tagged once but not again (it reads one opening a sentence as a common noun),
    and family names written first ("Park" of "Park Ji-ho") when it left the word untagged."""
    people = [(s, e) for s, e, label in spans if label == "PERSON" and e - s >= 2]
    surnames = {tokens[e - 1].text for s, e in people}
    family_names = {tokens[s].text for s, e in people} - surnames
    out = []
    for tok in tokens:
        if tok.i in covered or (tok.text not in surnames and tok.text not in family_names):
            continue
        if tok.text in family_names:
            followed_by_name = tok.i + 1 < len(tokens) and tokens[tok.i + 1].text[:1].isupper()
            if tok.pos_ == "PROPN" and not followed_by_name:
                out.append((tok.i, tok.i + 1, "PERSON"))
                covered.add(tok.i)
        elif tok.pos_ == "PROPN" or tok.is_sent_start:
            out.append((tok.i, tok.i + 1, "PERSON"))
    return out


def repair_people(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """First names the model left out ('Ana' of 'Ana Silva'), persons typed as organizations, persons
    it missed, and surnames it tagged once but not again."""
    covered = {i for s, e, _ in spans for i in range(s, e)}
    out = []
    for start, end, label in spans:
        start = first_name_left_out(doc, start, end, label, covered)
        end = name_head_left_out(doc, start, end, label, covered)
        start, label = retyped_person(doc, start, end, label)
        out.append((start, end, label))
    covered = {i for s, e, _ in out for i in range(s, e)}
    tokens = tokens_of(doc)
    found = untagged_people(doc, tokens, covered)
    out += [(first_name_left_out(doc, s, e, label, covered - set(range(s, e))), e, label) for s, e, label in found]
    out += repeated_names(tokens, out, covered)
    return sorted(out)
