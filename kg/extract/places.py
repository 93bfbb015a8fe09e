"""locatedIn: a place → the larger place the text says contains it.

"City, Region" (when the second is a country, a state, or what the gazetteer says contains the first,
and the pair is not part of a list); "X, a (Russian) city in Y" and "X is a region of Y's north";
"X, Y's largest base"; "meet in City at Facility" (the facility is in the city); "the office at the
palace". Nothing is added from the gazetteer alone: every fact has its sentence.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg import geo
from kg.annotate import Annotated
from kg.extract.grammar import prep_objects
from kg.lexicon import FACILITY_ENDINGS, PLACE_NOUNS
from kg.relations import LOCATED_IN
from kg.types import OCCURRED, Relation

TRIGGER_LEMMAS: frozenset[str] = frozenset()  # read from place names and punctuation, not from verbs


def bigger(ann: Annotated, small: str, big: str) -> bool:
    """Can `big` contain `small`? Countries contain no countries; data vetoes a wrong order."""
    if small == big:
        return False
    small_name, big_name = ann.name(small), ann.name(big)
    if geo.is_country(small_name):
        return False
    small_place = geo.lookup_place(small_name)
    big_place = geo.lookup_place(big_name)
    if small_place and big_place:
        order = {"city": 0, "region": 1, "state": 2, "country": 3}
        if order.get(small_place.kind, 0) > order.get(big_place.kind, 0):
            return False
    return True


def comma_pairs(ann: Annotated) -> list[Relation]:
    """'Dayton, Ohio': a place, a comma, a state/country/region, not in a list."""
    out = []
    starts = {}
    for key, c in ann.clusters.items():
        for m in c.mentions:
            starts[m.start] = (key, m)
    for key, c in ann.clusters.items():
        if not ann.is_place(key):
            continue
        for m in c.mentions:
            nxt = m.end
            if nxt + 1 >= len(ann.doc) or ann.doc[nxt].text != "," or (nxt + 1) not in starts:
                continue
            big, big_m = starts[nxt + 1]
            if not ann.is_place(big) or m.start in ann.skip:
                continue
            after = ann.doc[big_m.end : big_m.end + 2]
            in_list = any(t.lower_ in {"and", "or"} for t in after) or (
                len(after) == 2 and after[0].text == "," and ann.is_place(ann.key(after[1]))
            )
            big_name = ann.name(big)
            containerish = (
                geo.is_country(big_name)
                or geo.is_us_state(big_name)
                or geo.containing_place(c.name) == big_name
                or ann.type(big) == "LOC"
            )
            if in_list or not containerish or not bigger(ann, key, big):
                continue
            tokens = list(ann.doc[m.start : big_m.end])
            out.append(ann.relation(key, LOCATED_IN.name, big, OCCURRED, tokens, "places.comma.v1", 0.9))
    return out


def described_places(ann: Annotated) -> list[Relation]:
    """'X, a remote city in Y' / 'X is a region in Y' / "X, Y's largest base" / 'X, the capital of Y'."""
    out = []
    for key, c in ann.clusters.items():
        if not ann.is_place(key):
            continue
        for m in c.mentions:
            if m.start in ann.skip:
                continue
            head = ann.doc[m.start : m.end].root
            nouns = [t for t in head.children if t.dep_ == "appos"]
            if head.dep_ in {"nsubj"} and head.head.lemma_ == "be":
                nouns += [t for t in head.head.children if t.dep_ == "attr"]
            for noun in nouns:
                if noun.lemma_.lower() not in PLACE_NOUNS | FACILITY_ENDINGS:  # "X, a palace in Y"
                    continue
                for big in containers(ann, noun):
                    if big != key and bigger(ann, key, big):
                        out.append(
                            ann.relation(
                                key,
                                LOCATED_IN.name,
                                big,
                                OCCURRED,
                                [*ann.doc[m.start : m.end], noun],
                                "places.described.v1",
                                0.85,
                            )
                        )
    return out


def containers(ann: Annotated, noun: Token) -> list[str]:
    out: list[str] = []
    for child in noun.children:
        if child.dep_ == "poss" and ann.is_place(ann.key(child)):
            out.append(ann.key(child))
        elif child.dep_ == "amod" and (child.ent_type_ == "NORP" or geo.country_of_adjective(child.text)):
            k = ann.country_at(child)
            if k:
                out.append(k)
        elif child.dep_ == "compound" and ann.is_place(ann.key(child)):
            out.append(ann.key(child))
    for obj in prep_objects(noun, {"in", "of"}):
        k = ann.key(obj)
        if ann.is_place(k):
            out.append(k)
        # "in Y's Far North": the region, and Y that contains it
        for g in obj.children:
            if g.dep_ == "poss" and ann.is_place(ann.key(g)):
                out.append(ann.key(g))
    return [k for k in dict.fromkeys(out) if k]


def nested_preps(ann: Annotated) -> list[Relation]:
    """'meet in City at Facility' / 'in the Office at the Palace': the facility is in the city."""
    out = []
    # only words that govern an "in"/"at" phrase can hold the pattern
    heads = sorted({t.head.i for t in ann.tokens if t.dep_ == "prep" and t.lower_ in {"in", "at", "inside"}})
    for tok in (ann.tokens[i] for i in heads):
        if tok.i in ann.skip:
            continue
        in_objects = prep_objects(tok, {"in"})
        at_objects = prep_objects(tok, {"at"})
        ins = [k for k in (ann.key(o) for o in in_objects) if ann.is_place(k)]
        ats = [k for k in (ann.key(o) for o in at_objects) if ann.is_place(k)]
        for small in ats:
            for big in ins:
                if ann.type(small) == "FAC" and ann.type(big) != "FAC" and bigger(ann, small, big):
                    out.append(ann.relation(small, LOCATED_IN.name, big, OCCURRED, [tok], "places.in-at.v1", 0.7))
        # "in the Office at the Palace": a room named first, then the building it is in
        for room in in_objects:
            for building in at_objects:
                small, big = ann.key(room), ann.key(building)
                if (
                    room.i < building.i
                    and small != big
                    and ann.is_place(small)
                    and ann.is_place(big)
                    and ann.type(small) == "FAC"
                    and ann.type(big) == "FAC"
                ):
                    out.append(ann.relation(small, LOCATED_IN.name, big, OCCURRED, [tok], "places.room-at.v1", 0.6))
        k = ann.key(tok)
        if ann.is_place(k) and ann.type(k) == "FAC":
            for obj in prep_objects(tok, {"at", "in", "inside"}):
                big = ann.key(obj)
                if ann.is_place(big) and big != k and bigger(ann, k, big):
                    out.append(ann.relation(k, LOCATED_IN.name, big, OCCURRED, [tok, obj], "places.nested.v1", 0.75))
    return out


def extract(ann: Annotated) -> list[Relation]:
    return comma_pairs(ann) + described_places(ann) + nested_preps(ann)
