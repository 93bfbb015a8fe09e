"""interactedWith: any other verb between two actors ("A thanked B", "A criticized B"), the verb kept
so a user can filter. Verbs another family reads (the union of their trigger tables: meet, call,
release, visit...) and verbs that link nothing (be, have, say) are left alone."""

from __future__ import annotations

import importlib
from functools import lru_cache

from kg.annotate import Annotated
from kg.annotate.structure import children_of
from kg.extract.grammar import group_of, subject_group
from kg.extract.modality import date_of, status_of
from kg.lexicon import LINKING_VERBS
from kg.relations import INTERACTED_WITH, extractor_modules
from kg.types import Relation

TRIGGER_LEMMAS: frozenset[str] = frozenset()  # any verb: see skipped()


@lru_cache(maxsize=1)
def skipped() -> frozenset[str]:
    """Trigger words of every other family, and verbs that link nothing."""
    words = set(LINKING_VERBS)
    for name in extractor_modules():
        if name != __name__:
            words |= importlib.import_module(name).TRIGGER_LEMMAS
    return frozenset(words)


def extract(ann: Annotated) -> list[Relation]:
    relations: list[Relation] = []
    for tok in ann.tokens:
        if tok.i in ann.skip or tok.pos_ != "VERB" or tok.lemma_.lower() in skipped():
            continue
        objects = group_of(ann, [c for c in children_of(tok) if c.dep_ == "dobj"])
        objects = [k for k in objects if ann.is_actor(k) and not ann.is_place(k) or ann.type(k) == "GPE"]
        if not objects:
            continue
        subjects = [k for k in subject_group(ann, tok) if ann.is_actor(k)]
        status = status_of(tok)
        if status is None:
            continue
        verb, date = tok.lemma_.lower(), date_of(tok)
        for s in subjects:
            for o in objects:
                if s != o:
                    relations.append(
                        ann.relation(s, INTERACTED_WITH.name, o, status, [tok], "other.verb.v1", 0.6, verb, date)
                    )
    return relations
