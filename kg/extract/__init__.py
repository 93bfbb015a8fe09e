"""Relation extraction: one module per relation family, each a plain function `extract(Annotated) ->
list[Relation]` that declares its trigger words and argument patterns as data (see kg.extract.matching).

Which module reads which relation is a column of the table in kg.relations: to add a relation type,
add its row there, write its module here (with `TRIGGER_LEMMAS` and `extract`), and its tests in
tests/extract/. A family may also report events that no relation carries (a release with no releaser
named) with `event_mentions(Annotated) -> list[EventMention]`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import lru_cache

from kg.annotate import Annotated, local_entities
from kg.extract.matching import once
from kg.relations import GENERIC, extractor_modules
from kg.textsafe import safe_result
from kg.types import ArticleResult, EventMention, Relation
from kg.zones import dated_captions

Family = Callable[[Annotated], list[Relation]]
MentionReader = Callable[[Annotated], list[EventMention]]


@lru_cache(maxsize=1)
def families() -> tuple[Family, ...]:
    """The `extract` function of every family, in the table's order."""
    return tuple(importlib.import_module(name).extract for name in extractor_modules())


@lru_cache(maxsize=1)
def mention_readers() -> tuple[MentionReader, ...]:
    """The `event_mentions` function of the families that report events no relation carries."""
    modules = (importlib.import_module(name) for name in extractor_modules())
    return tuple(m.event_mentions for m in modules if callable(getattr(m, "event_mentions", None)))


def extract_relations(ann: Annotated) -> list[Relation]:
    """Every family's relations of one article, one fact per subject, predicate, object, status and
    sentence (rules may overlap: the most confident reading is kept)."""
    unique: dict[tuple, Relation] = {}
    for family in families():
        for r in once(ann, family.__module__, family):  # a family another reads runs once (roles)
            ident = (
                r.subject,
                r.predicate,
                r.object,
                r.status,
                r.evidence.sent_start,
                r.verb if r.predicate == GENERIC else None,
            )
            if ident not in unique or unique[ident].confidence < r.confidence:
                unique[ident] = r
    return list(unique.values())


def extract_article(ann: Annotated) -> ArticleResult:
    """Entities and relations of one annotated article (entity keys local to the article)."""
    relations = extract_relations(ann)
    mentions = [m for read in mention_readers() for m in read(ann)]
    result = ArticleResult(
        ann.article,
        local_entities(ann, relations, mentions),
        tuple(relations),
        mentions=tuple(mentions),
        captions=dated_captions(ann.layout.zones),
    )
    # checked once, here: the graph of a build is made of such results and needs no walk of its own
    return safe_result(result)
