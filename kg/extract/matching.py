"""Rules as data: trigger tables as spaCy `Matcher` patterns, argument patterns as `DependencyMatcher`
patterns.

A relation family declares
- its triggers: `Trigger(kind, lemmas, parts of speech)` rows — which words can start a fact;
- its argument patterns: named `DependencyMatcher` patterns from the trigger (the node "trigger") to
  an argument (the node "arg"), e.g. `trigger >dobj arg` or `trigger >prep[with] >pobj arg`;
and small named functions for what patterns cannot say (climbing to a subject through "is expected to",
reading a list the parser broke).

How they run: trigger rows are looked up by lemma and word, and argument patterns that are chains from
the trigger are walked along the tree — the same answers as spaCy's matchers (tests/extract/test_matching
compares them on real parses) at a fraction of their cost, which on real news was twice the parse's.
Patterns of any other shape run through the `DependencyMatcher`.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Token
from spacy.vocab import Vocab

from kg.annotate import Annotated
from kg.annotate.structure import children_of, words_of

# What one family computed for an article that another family reads too (affiliations for homes, the
# releases for event mentions): kept while the article's Annotated value lives.
READINGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def once(ann: Annotated, name: str, compute: Callable[[Annotated], T]) -> T:
    """compute(ann), computed once per article and name."""
    per_article = READINGS.setdefault(ann, {})
    if name not in per_article:
        per_article[name] = compute(ann)
    return per_article[name]


def lemma_forms(lemmas: frozenset[str]) -> list[str]:
    """Lemmas as the tagger writes them: lower case, and capitalized or upper case where it read the word
    as a proper noun ("Talks" opening a sentence). Matching on the lemma attribute itself is many times
    faster than a lower-casing extension called per token."""
    return sorted({form for lemma in lemmas for form in (lemma, lemma.capitalize(), lemma.upper())})


T = TypeVar("T")
VERB = frozenset({"VERB", "AUX"})
NOUN = frozenset({"NOUN", "PROPN"})
# Word-class test for verbs: the part of speech, or a verb tag the tagger gave a mis-typed word.
VERB_TAGS = ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]


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
        word = {"LOWER": {"IN": sorted(t.lemmas)}} if t.by_form else {"LEMMA": {"IN": lemma_forms(t.lemmas)}}
        patterns = [[{**word, "POS": {"IN": sorted(t.pos)}}] if t.pos else [word]]
        if t.pos == VERB:
            patterns.append([{**word, "TAG": {"IN": VERB_TAGS}}])
        matcher.add(t.kind, patterns)
    return matcher


def find_triggers(ann: Annotated, triggers: tuple[Trigger, ...]) -> list[tuple[str, Token]]:
    """(kind, token) of every trigger outside headlines and datelines, in text order; a word matching
    two rows keeps the first row. The rows are looked up by word and lemma (what spaCy's Matcher with
    `trigger_matcher`'s patterns finds, without running every pattern on every token)."""
    by_lemma, by_form = trigger_index(triggers)
    found = []
    lemmas, lowers = words_of(ann.doc)
    for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True)):
        rows = by_lemma.get(lemma, ()) + by_form.get(lower, ())
        if not rows or i in ann.skip:  # most words: nothing to order or fit
            continue
        tok = ann.tokens[i]
        kind = next((t.kind for t in sorted(rows, key=triggers.index) if fits(tok, t)), None)
        if kind is not None:
            found.append((kind, tok))
    return found


@lru_cache(maxsize=64)
def trigger_index(triggers: tuple[Trigger, ...]) -> tuple[dict[str, tuple], dict[str, tuple]]:
    by_lemma: dict[str, tuple] = defaultdict(tuple)
    by_form: dict[str, tuple] = defaultdict(tuple)
    for t in triggers:
        for word in t.lemmas:
            if t.by_form:
                by_form[word] += (t,)
            else:
                for form in lemma_forms(frozenset({word})):
                    by_lemma[form] += (t,)
    return dict(by_lemma), dict(by_form)


def fits(tok: Token, row: Trigger) -> bool:
    if not row.pos:
        return True
    return tok.pos_ in row.pos or (row.pos == VERB and tok.tag_ in VERB_TAGS)


def find_triggers_by_matcher(ann: Annotated, triggers: tuple[Trigger, ...]) -> list[tuple[str, Token]]:
    """The same as `find_triggers`, through spaCy's Matcher (the reference the tests compare with)."""
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
    anchor = {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": {"IN": lemma_forms(lemmas)}}}
    for role, encoded in patterns:
        matcher.add(role, [[anchor, *json.loads(encoded)]])
    return matcher


def arguments(
    ann: Annotated, lemmas: frozenset[str], patterns: Mapping[str, list[list[dict]]]
) -> dict[int, dict[str, list[Token]]]:
    """For each trigger token (by index): role → the argument tokens the named patterns find, in text
    order. `patterns` maps a role to its alternative paths (see `path`). A pattern that is a chain from
    the trigger (every step hangs on the one before) is walked along the tree directly, which gives what
    spaCy's DependencyMatcher gives at a fraction of its cost; any other runs through the matcher."""
    wanted = lemma_set(lemmas)
    triggers = [ann.tokens[i] for i, lemma in enumerate(words_of(ann.doc)[0]) if lemma in wanted]
    found: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    complex_patterns: dict[str, list[list[dict]]] = defaultdict(list)
    for role, alternatives in patterns.items():
        for pattern in alternatives:
            if not is_chain(pattern):
                complex_patterns[role].append(pattern)
                continue
            for trigger in triggers:
                for arg in walk(trigger, pattern):
                    found[trigger.i][role].add(arg.i)
    if complex_patterns:
        for trigger, roles in arguments_by_matcher(ann, lemmas, complex_patterns).items():
            for role, args in roles.items():
                found[trigger][role].update(a.i for a in args)
    return {
        trigger: {role: [ann.tokens[i] for i in sorted(args)] for role, args in roles.items()}
        for trigger, roles in found.items()
    }


@lru_cache(maxsize=64)
def lemma_set(lemmas: frozenset[str]) -> frozenset[str]:
    return frozenset(lemma_forms(lemmas))


def is_chain(pattern: list[dict]) -> bool:
    """Every node hangs on the node before (the first on the trigger), by '>' (child) or '<' (head)."""
    previous = "trigger"
    for node in pattern:
        if node.get("LEFT_ID") != previous or node.get("REL_OP") not in {">", "<"}:
            return False
        if set(node.get("RIGHT_ATTRS", {})) - {"DEP", "LOWER", "LEMMA"}:
            return False
        previous = node["RIGHT_ID"]
    return True


def satisfies(token: Token, attrs: dict) -> bool:
    values = {"DEP": token.dep_, "LOWER": token.lower_, "LEMMA": token.lemma_}
    for name, wanted in attrs.items():
        if isinstance(wanted, dict):
            if values[name] not in wanted["IN"]:
                return False
        elif values[name] != wanted:
            return False
    return True


def walk(trigger: Token, pattern: list[dict]) -> list[Token]:
    nodes = [trigger]
    for step in pattern:
        attrs = step.get("RIGHT_ATTRS", {})
        if step["REL_OP"] == ">":
            nodes = [c for n in nodes for c in children_of(n) if satisfies(c, attrs)]
        else:
            nodes = [n.head for n in nodes if n.head.i != n.i and satisfies(n.head, attrs)]
        if not nodes:
            break
    return nodes


def arguments_by_matcher(
    ann: Annotated, lemmas: frozenset[str], patterns: Mapping[str, list[list[dict]]]
) -> dict[int, dict[str, list[Token]]]:
    """The same as `arguments`, every pattern through spaCy's DependencyMatcher."""
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
