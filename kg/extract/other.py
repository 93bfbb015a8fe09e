"""interactedWith: any other verb between two actors ("A thanked B", "A criticized B"), the verb kept
so a user can filter. Verbs another family reads (meet, call, release, visit...) are left to it."""

from __future__ import annotations

from kg.extract.common import group_of, subject_group
from kg.extract.context import Context
from kg.extract.modality import date_of, status_of
from kg.lexicon import MEET_VERBS, RELEASE_VERBS, SPEAK_VERBS, TRAVEL_VERBS
from kg.relations import INTERACTED_WITH
from kg.types import Relation

SKIPPED = (
    MEET_VERBS | RELEASE_VERBS | SPEAK_VERBS | TRAVEL_VERBS | {"be", "have", "say", "do", "make", "become", "include"}
)


def extract(ctx: Context) -> list[Relation]:
    relations: list[Relation] = []
    for tok in ctx.tokens:
        if tok.i in ctx.skip or tok.pos_ != "VERB" or tok.lemma_.lower() in SKIPPED:
            continue
        objects = group_of(ctx, [c for c in tok.children if c.dep_ == "dobj"])
        objects = [k for k in objects if ctx.is_actor(k) and not ctx.is_place(k) or ctx.type(k) == "GPE"]
        if not objects:
            continue
        subjects = [k for k in subject_group(ctx, tok) if ctx.is_actor(k)]
        status = status_of(tok)
        if status is None:
            continue
        for s in subjects:
            for o in objects:
                if s != o:
                    relations.append(
                        ctx.relation(
                            s,
                            INTERACTED_WITH.name,
                            o,
                            status,
                            [tok],
                            "other.verb.v1",
                            0.6,
                            verb=tok.lemma_.lower(),
                            date_text=date_of(tok),
                        )
                    )
    return relations
