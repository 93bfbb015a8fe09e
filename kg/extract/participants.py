"""Participants across sentences, for the interactions family: what the article said so far ("the two
leaders", "the talks", "their meeting"), and those who join the meeting just told ("Y hosted talks on
Wednesday. A, B and C were invited."; "The foreign ministers of A, B and C will take part.").

A fact read across sentences keeps both in its evidence: the evidence text runs from the start of the
sentence that named the meeting or the pair to the end of the sentence read now (Evidence.sent_start is
the earlier sentence's start; start/end still mark the trigger word).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from spacy.tokens import Token

from kg.annotate import Annotated
from kg.annotate.structure import children_of
from kg.extract.grammar import across, group_of, is_passive, prep_objects, subject_group, unique
from kg.extract.modality import date_of, status_of
from kg.extract.visits import Home, towns_of, visitors
from kg.lexicon import MEET_NOUNS
from kg.relations import MET_AT, MET_WITH, VISITED
from kg.types import OCCURRED, Relation

# Verbs by which parties join a meeting told before ("A and B were invited", "C will take part").
JOIN_VERBS = frozenset({"invite", "participate", "attend", "join", "take"})
# How many sentences back a meeting or a pair may be referred to.
REACH = 2


@dataclass
class Memory:
    """What the article said so far, for "the two leaders", "the talks" and those who join them."""

    last_meeting: list[str] = field(default_factory=list)
    last_pair: list[str] = field(default_factory=list)
    last_status: str = OCCURRED
    homes: dict[str, Home] = field(default_factory=dict)  # where each party is at home (visits.homes)
    last_places: list[str] = field(default_factory=list)  # where the last meeting was
    meeting_sentence: tuple[int, int] = (-99, 0)  # (ordinal, start character) of the last meeting's sentence
    pair_sentence: tuple[int, int] = (-99, 0)  # the same for the last pair


def sentence_of(tok: Token, ordinals: dict[int, int]) -> tuple[int, int]:
    return ordinals[tok.sent.start], tok.sent.start_char


def joiners(ann: Annotated, verb: Token, subject_of: Callable[[Annotated, Token], list[str]]) -> list[str]:
    """Who joins the meeting just told: 'A, B and C were invited' (to nothing else, or to 'the talks'),
    'C will take part', 'D will attend' (no object: an object names its own event, read there)."""
    lemma = verb.lemma_.lower()
    objects = [c for c in children_of(verb) if c.dep_ == "dobj" and not (lemma == "take" and c.lower_ == "part")]
    if lemma == "take" and not any(c.dep_ == "dobj" and c.lower_ == "part" for c in children_of(verb)):
        return []
    if any(o.pos_ != "PRON" for o in objects):
        return []  # "attended the summit", "joined the army"
    for target in prep_objects(verb, {"to", "in", "for"}):
        definite = any(c.lower_ in {"the", "these", "those", "this"} for c in children_of(target))
        if target.pos_ != "PRON" and not (target.lemma_.lower() in MEET_NOUNS and definite):
            return []  # "invited to a wedding", "took part in protests"
    if lemma == "invite":
        return group_of(ann, [c for c in children_of(verb) if c.dep_ == "nsubjpass"]) if is_passive(verb) else []
    return subject_of(ann, verb)


def join_last_meeting(
    ann: Annotated,
    verb: Token,
    memory: Memory,
    ordinals: dict[int, int],
    subject_of: Callable[[Annotated, Token], list[str]] = subject_group,
) -> list[Relation]:
    """The parties who join the meeting told in the last sentences meet its parties and each other, where
    it was held; those from elsewhere visited. `subject_of` reads the verb's subject (the interactions
    family passes its reader of broken lists)."""
    ordinal, _ = sentence_of(verb, ordinals)
    if not memory.last_meeting or not 0 < ordinal - memory.meeting_sentence[0] <= REACH:
        return []
    newcomers = [k for k in joiners(ann, verb, subject_of) if ann.is_actor(k) and k not in memory.last_meeting]
    if not newcomers:
        return []
    status = status_of(verb, default=memory.last_status)
    if status is None:
        return []
    lemma, date, since = verb.lemma_.lower(), date_of(verb), memory.meeting_sentence[1]
    parties = unique(memory.last_meeting + newcomers)
    pairs = [(a, b) for a, b in combinations(parties, 2) if a in newcomers or b in newcomers]
    out = []
    for a, b in (sorted(pair) for pair in pairs):
        out.append(ann.relation(a, MET_WITH.name, b, status, [verb], "meetings.joined.v1", 0.6, lemma, date))
    for party in newcomers:
        out += [
            ann.relation(party, MET_AT.name, p, status, [verb], "meetings.joined.place.v1", 0.6, lemma, date)
            for p in memory.last_places
        ]
    for party in visitors(ann, newcomers, memory.last_places, memory.homes):
        out += [
            ann.relation(party, VISITED.name, p, status, [verb], "visits.joined.v1", 0.55, lemma, date)
            for p in towns_of(ann, memory.last_places)
        ]
    return across(ann, out, since)
