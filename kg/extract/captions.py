"""Photo captions: "A (left) greets B in C", "A, right, shakes hands with B". The people of a caption
met, where the caption says. Read from the words when the parse of the caption gave no meeting: the
small model often reads 'greets' as a noun there. Part of the interactions family."""

from __future__ import annotations

import re
from itertools import combinations

from spacy.tokens import Span, Token

from kg.annotate import Annotated
from kg.extract.grammar import unique
from kg.lexicon import CAPTION_VERBS
from kg.relations import MET_AT, MET_WITH
from kg.types import OCCURRED, Relation

# A caption's position marks: "(left)", ", right,".
CAPTION_MARK = re.compile(r"\((?:left|right|center|centre|L|R|C)\)|, (?:left|right|center|centre),")


def caption_trigger(sent: Span) -> Token | None:
    return next((t for t in sent if t.lemma_.lower() in CAPTION_VERBS or t.lower_.rstrip("s") in CAPTION_VERBS), None)


def caption_parties(ann: Annotated, sent: Span) -> tuple[list[str], list[str]]:
    """(people, places) of a caption sentence: every person named, the places after 'in'/'at'."""
    people = unique(k for t in sent if t.i not in ann.skip for k in [ann.key(t)] if ann.is_person(k))
    places = unique(
        k for t in sent if t.dep_ == "pobj" and t.head.lower_ in {"in", "at"} for k in [ann.key(t)] if ann.is_place(k)
    )
    return people, places


def caption_meetings(ann: Annotated, found: list[Relation]) -> list[Relation]:
    out: list[Relation] = []
    if not CAPTION_MARK.search(ann.doc.text):
        return out
    met = {r.evidence.sent_start for r in found if r.predicate == MET_WITH.name}
    for sent in ann.doc.sents:
        if sent.start in ann.skip or not CAPTION_MARK.search(sent.text):
            continue
        trigger = caption_trigger(sent)
        if trigger is None or ann.sentence_bounds(trigger.i)[0] in met:
            continue
        people, places = caption_parties(ann, sent)
        verb = trigger.lemma_.lower()
        for a, b in combinations(people, 2):
            a, b = sorted((a, b))
            out.append(ann.relation(a, MET_WITH.name, b, OCCURRED, [trigger], "meetings.caption.v1", 0.65, verb))
        for person in people if len(people) >= 2 else []:
            for place in places:
                out.append(
                    ann.relation(person, MET_AT.name, place, OCCURRED, [trigger], "meetings.caption.v1", 0.6, verb)
                )
    return out
