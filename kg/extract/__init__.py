"""Relation extraction: one module per relation family, each a plain function `(Context) -> [Relation]`.

To add a relation type: write a module with `extract(ctx)`, add it to FAMILIES, add its predicate to
kg.types and kg.vocab, and give it a test file.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract import interactions, other, places, releases, roles, visits
from kg.extract.context import build_context
from kg.relations import GENERIC
from kg.types import Article, ArticleResult, Relation

FAMILIES = (roles, interactions, releases, visits, places, other)


def extract_article(article: Article, doc: Doc) -> ArticleResult:
    """Entities and relations of one parsed article (entity keys local to the article)."""
    ctx = build_context(article, doc)
    relations: list[Relation] = []
    for family in FAMILIES:
        relations += family.extract(ctx)
    # one fact per subject, predicate, object, status and sentence: rules may overlap
    unique: dict[tuple, Relation] = {}
    for r in relations:
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
    return ArticleResult(article, ctx.local_entities(), tuple(unique.values()))
