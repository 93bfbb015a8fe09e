"""Rules as data: trigger tables run by spaCy's `Matcher`, argument patterns by its `DependencyMatcher`.

A relation family declares
- its triggers: `Trigger(kind, lemmas, parts of speech)` rows — which words can start a fact;
- its argument patterns: named `DependencyMatcher` patterns from the trigger (the node "trigger") to
  an argument (the node "arg"), e.g. `trigger >dobj arg` or `trigger >prep[with] >pobj arg`;
and small named functions for what patterns cannot say (climbing to a subject through "is expected to",
reading a list the parser broke). Matchers are built once per vocabulary and table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Token
from spacy.vocab import Vocab

from kg.annotate import Annotated

# Lemmas compared lower-cased: a sentence-initial "Talks" tagged as a proper noun keeps its capital.
if not Token.has_extension("kg_lemma"):
    Token.set_extension("kg_lemma", getter=lambda t: t.lemma_.lower())

VERB = frozenset({"VERB", "AUX"})
NOUN = frozenset({"NOUN", "PROPN"})
# Word-class test for verbs: the part of speech, or a verb tag the tagger gave a mis-typed word.
VERB_TAG = "^VB"


@dataclass(frozen=True)
class Trigger:
    """A row of a trigger table: words of these lemmas, in these parts of speech, are `kind` triggers."""

    kind: str
    lemmas: frozenset[str]
    pos: frozenset[str] = VERB  # empty: any part of speech
    by_form: bool = False  # match the word as written (lower-cased), not its lemma


def trigger_lemmas(triggers: Iterable[Trigger]) -> frozenset[str]:
    return frozenset(lemma for t in triggers for lemma in t.lemmas)


@lru_cache(maxsize=64)
def trigger_matcher(vocab: Vocab, triggers: tuple[Trigger, ...]) -> Matcher:
    matcher = Matcher(vocab)
    for t in triggers:
        word = {"LOWER": {"IN": sorted(t.lemmas)}} if t.by_form else {"_": {"kg_lemma": {"IN": sorted(t.lemmas)}}}
        patterns = [[{**word, "POS": {"IN": sorted(t.pos)}}] if t.pos else [word]]
        if t.pos == VERB:
            patterns.append([{**word, "TAG": {"REGEX": VERB_TAG}}])
        matcher.add(t.kind, patterns)
    return matcher


def find_triggers(ann: Annotated, triggers: tuple[Trigger, ...]) -> list[tuple[str, Token]]:
    """(kind, token) of every trigger outside headlines and datelines, in text order; a word matching
    two rows keeps the first row."""
    matcher = trigger_matcher(ann.doc.vocab, triggers)
    order = {t.kind: n for n, t in enumerate(triggers)}
    found: dict[int, str] = {}
    for match_id, start, _ in matcher(ann.doc):
        kind = ann.doc.vocab.strings[match_id]
        if start in ann.skip:
            continue
        if start not in found or order[kind] < order[found[start]]:
            found[start] = kind
    return [(kind, ann.tokens[i]) for i, kind in sorted(found.items())]


def edge(dep: str | list[str], left: str, right: str, words: list[str] | None = None) -> dict:
    """One step of a dependency pattern: `left` has a child `right` with this dependency (and word)."""
    attrs: dict = {"DEP": {"IN": [dep] if isinstance(dep, str) else dep}}
    if words is not None:
        attrs["LOWER"] = {"IN": words}
    return {"LEFT_ID": left, "REL_OP": ">", "RIGHT_ID": right, "RIGHT_ATTRS": attrs}


def path(*steps: tuple[str | list[str], list[str] | None]) -> list[dict]:
    """A chain of steps from the trigger to the argument: path(("prep", ["with"]), ("pobj", None)) is
    'trigger >prep[with] >pobj arg'. The trigger node is added when the pattern is compiled."""
    ids = ["trigger", *(f"n{i}" for i in range(1, len(steps))), "arg"]
    return [edge(dep, ids[i], ids[i + 1], words) for i, (dep, words) in enumerate(steps)]


@lru_cache(maxsize=64)
def argument_matcher(vocab: Vocab, lemmas: frozenset[str], patterns: tuple[tuple[str, str], ...]) -> DependencyMatcher:
    import json

    matcher = DependencyMatcher(vocab)
    anchor = {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"_": {"kg_lemma": {"IN": sorted(lemmas)}}}}
    for role, encoded in patterns:
        matcher.add(role, [[anchor, *json.loads(encoded)]])
    return matcher


def arguments(
    ann: Annotated, lemmas: frozenset[str], patterns: Mapping[str, list[list[dict]]]
) -> dict[int, dict[str, list[Token]]]:
    """For each trigger token (by index): role → the argument tokens the named patterns find, in text
    order. `patterns` maps a role to its alternative paths (see `path`)."""
    import json

    encoded = tuple((role, json.dumps(p, sort_keys=True)) for role, alts in sorted(patterns.items()) for p in alts)
    matcher = argument_matcher(ann.doc.vocab, lemmas, encoded)
    found: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for match_id, token_ids in matcher(ann.doc):
        role = ann.doc.vocab.strings[match_id]
        found[token_ids[0]][role].add(token_ids[-1])
    return {
        trigger: {role: [ann.tokens[i] for i in sorted(args)] for role, args in roles.items()}
        for trigger, roles in found.items()
    }
