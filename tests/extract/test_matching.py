"""kg.extract.matching: dependency patterns walked along the tree find what spaCy's DependencyMatcher
finds (on real parses of sentences of our own)."""

from __future__ import annotations

import pytest

from kg.annotate import annotate
from kg.extract import interactions, matching, releases, roles, sanctions
from kg.types import Article

SENTENCES = [
    "Karl Weber met Lena Fox in Oslo on Monday and later spoke by phone with President Ana Ruiz.",
    "The release of Omar Haddad by Syrian authorities was welcomed; Iran freed two French citizens.",
    "Maria Keller, a senior analyst with the Brookings Institution, said the minister of finance resigned.",
    "The European Union imposed sanctions on Marek Dovnar, and sanctions imposed by Japan on Laos were extended.",
    "Talks between Chile and Peru resumed as the envoy held talks with officials of the African Union.",
]
TABLES = [
    (interactions.TRIGGER_LEMMAS, {**interactions.PARTNER_PATTERNS, **interactions.NOUN_PATTERNS}),
    (releases.TRIGGER_LEMMAS, releases.ARGUMENT_PATTERNS),
    (frozenset(roles.TITLE_HEADS), roles.TITLE_PATTERNS),
    (sanctions.TRIGGER_LEMMAS, sanctions.ARGUMENT_PATTERNS),
]


@pytest.mark.model
@pytest.mark.parametrize("text", SENTENCES)
def test_walking_the_tree_finds_what_the_dependency_matcher_finds(nlp, text):
    ann = annotate(Article("t", "t.txt", text), nlp(text))
    for lemmas, patterns in TABLES:
        walked = matching.arguments(ann, lemmas, patterns)
        matched = matching.arguments_by_matcher(ann, lemmas, patterns)
        assert {k: v for k, v in walked.items() if v} == {k: v for k, v in matched.items() if v}


@pytest.mark.model
@pytest.mark.parametrize("text", SENTENCES)
def test_looking_triggers_up_finds_what_the_matcher_finds(nlp, text):
    import importlib

    from kg.relations import extractor_modules

    ann = annotate(Article("t", "t.txt", text), nlp(text))
    for name in extractor_modules():
        triggers = getattr(importlib.import_module(name), "TRIGGERS", None)
        if triggers:
            assert matching.find_triggers(ann, triggers) == matching.find_triggers_by_matcher(ann, triggers), name
