"""Status of an event word: occurred, planned, intended, or None when the text denies it.

Walks from the trigger up through the words that govern it inside its clause ("are scheduled to
meet", "expressed interest in meeting", "ahead of the summit"); the nearest cue wins, a negation on the
way wins over everything. Reported speech ("officials said the two met") keeps the inner status: the
walk stops at a clausal complement.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.annotate.structure import children_of
from kg.lexicon import (
    FUTURE_AUX,
    INTENDED_GOVERNORS,
    NEGATING_GOVERNORS,
    PLANNED_GOVERNORS,
    PLANNED_MODIFIERS,
    PLANNED_PREPOSITIONS,
    SPECULATIVE_AUX,
    TRAVEL_VERBS,
    VISIT_NOUNS,
)
from kg.types import INTENDED, OCCURRED, PLANNED

# Dependencies through which a governing word still speaks about the trigger.
CLIMB = frozenset(
    {
        "xcomp",
        "pcomp",
        "pobj",
        "prep",
        "dobj",
        "nsubj",
        "nsubjpass",
        "acl",
        "advcl",
        "attr",
        "oprd",
        "acomp",
        "compound",
        "amod",
        "poss",
        "conj",
        "appos",
        "npadvmod",
        "dep",
    }
)
DENIAL_VERBS = frozenset({"deny", "refute", "dispute"})
NEGATIVE_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})


def word_forms(tok: Token) -> frozenset[str]:
    """The lemma and the stems its inflection may hide: the small model lemmatizes 'hoped' as 'hop'."""
    w = tok.lower_
    stems = {w, w[:-1], w[:-2], w[:-3], w[:-3] + "e"} if tok.pos_ in {"VERB", "AUX"} and len(w) > 4 else {w}
    return frozenset({tok.lemma_.lower(), *stems})


def node_cue(node: Token, is_trigger: bool) -> str | None:
    """The status a single word on the path signals, or 'negated', or None for no cue."""
    lemma = node.lemma_.lower()
    for child in children_of(node):
        if child.dep_ == "neg" or (child.dep_ in {"det", "advmod", "preconj"} and child.lower_ in NEGATIVE_WORDS):
            return "negated"
        if child.dep_ == "prt" and child.lower_ == "off" and lemma == "call":
            return "negated"
    if node.lower_ in {"without"}:
        return "negated"
    if node.dep_ == "pobj" and node.head.lower_ == "for" and node.head.head.lemma_.lower() in TRAVEL_VERBS:
        if node.lemma_.lower() in VISIT_NOUNS and node.head.head.lemma_.lower() in {"arrive", "land"}:
            return None  # "arrived in C for a visit": the visit has begun
        return PLANNED  # "flew to C for talks": the purpose of a journey lies ahead of it
    if not is_trigger:
        forms = word_forms(node)
        if forms & NEGATING_GOVERNORS:
            return "negated"
        if forms & INTENDED_GOVERNORS:
            return INTENDED
        if forms & PLANNED_GOVERNORS:
            return PLANNED
        if lemma in PLANNED_PREPOSITIONS or node.lower_ in PLANNED_PREPOSITIONS:
            # "stopped in A before travelling to B": what followed a past event is past too
            after_past = node.head.tag_ in {"VBD", "VBN"} and any(c.tag_ == "VBG" for c in children_of(node))
            return None if node.lower_ == "before" and after_past else PLANNED
    conditions = (c for c in children_of(node) if c.dep_ == "advcl")
    if any(g.dep_ == "mark" and g.lower_ in {"if", "unless"} for c in conditions for g in children_of(c)):
        return INTENDED  # "If elected, A would visit C", "A will visit C if the talks succeed"
    for child in children_of(node):
        if child.dep_ in {"aux", "auxpass"}:
            if child.lower_ in FUTURE_AUX:
                return PLANNED
            if child.lower_ in SPECULATIVE_AUX:
                return INTENDED
            if child.lower_ == "would":
                return PLANNED
        if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
            return INTENDED
        if child.dep_ in {"amod", "compound"} and child.lower_ in PLANNED_MODIFIERS:
            return PLANNED
    # "was to meet": a form of 'be' with the trigger as its infinitive complement
    if not is_trigger and lemma == "be" and any(c.dep_ == "xcomp" for c in children_of(node)):
        return PLANNED
    return None


def status_of(trigger: Token, default: str = OCCURRED) -> str | None:
    """occurred / planned / intended for the event the trigger names; None if the text denies it.
    With no cue in the text, `default` (a reference back to an event keeps that event's status)."""
    found: str | None = None
    node = trigger
    first = True
    while True:
        cue = node_cue(node, first)
        if cue == "negated":
            return None
        if cue is not None and found is None:
            found = cue
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in DENIAL_VERBS:
            return None  # "C denied that A had met B": reported, but as not having happened
        if node.dep_ not in CLIMB or node.head.i == node.i:
            break
        node = node.head
        first = False
    return found or default


def entity_text(token: Token) -> str:
    """The text of the named entity a token is in (without building every entity span of the doc)."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def date_of(trigger: Token) -> str | None:
    """A DATE entity attached to the trigger or to the verb governing it ("met on Friday")."""
    nodes = [trigger]
    node = trigger
    while node.dep_ in CLIMB and node.head.i != node.i and len(nodes) < 4:
        node = node.head
        nodes.append(node)
    for n in nodes:
        for child in children_of(n):
            candidates = [child] + [g for g in children_of(child) if child.dep_ == "prep" and g.dep_ == "pobj"]
            for c in candidates:
                if c.ent_type_ == "DATE":
                    return entity_text(c)
    return None
