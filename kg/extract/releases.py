"""released: the agent that freed someone → the person freed.

trigger (TRIGGERS) → frame (ARGUMENT_PATTERNS and one function per kind of trigger) → emit.
Active ("A freed B"), passive ("B was freed by A"), phrasal ("let B go", "handed B over"), nominal
("the release of B by A", "A's release of B", "B's release"), "A was thanked for the release of B" (the
one thanked for a release is its agent; one thanked for help or mediation is not), "among those freed
was B" (the last release the article named), "the freed Americans include A, B". A release with no
agent named takes the article's one releaser when the article names exactly one, at a lower confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.annotate import Annotated
from kg.extract.grammar import actors_of, group, group_of, is_passive, particle, subject_group, subject_tokens, unique
from kg.extract.matching import Trigger, arguments, find_triggers, path
from kg.extract.modality import date_of, status_of
from kg.lexicon import (
    GROUP_HEADS,
    RELATIVE_PRONOUNS,
    RELEASE_NOUNS,
    RELEASE_PHRASAL,
    RELEASE_VERBS,
    RELEASED_ANAPHORA,
    THANK_VERBS,
)
from kg.relations import RELEASED
from kg.types import Relation

PHRASAL_VERBS = frozenset(verb for verb, _ in RELEASE_PHRASAL)
TRIGGERS = (
    # "among those freed was B", "the freed Americans include A": read from the words
    Trigger("freed-word", RELEASED_ANAPHORA, frozenset(), by_form=True),
    Trigger("verb", RELEASE_VERBS),
    Trigger("phrasal", PHRASAL_VERBS | {"let", "set"}),
    Trigger("noun", RELEASE_NOUNS, frozenset({"NOUN"})),
)
TRIGGER_LEMMAS = RELEASE_VERBS | PHRASAL_VERBS | RELEASE_NOUNS
PREPS = ["prep", "agent", "dative"]
ARGUMENT_PATTERNS = {
    "passive-subject": [path(("nsubjpass", None))],
    "by": [path((PREPS, ["by"]), ("pobj", None))],
    "object": [path(("dobj", None))],
    "freed-of": [path((PREPS, ["of", "for"]), ("pobj", None))],
    "by-on-freed": [path((PREPS, ["of", "for"]), ("pobj", None), (PREPS, ["by"]), ("pobj", None))],
    "possessor": [path(("poss", None))],
    "let-go": [path((["ccomp", "xcomp"], ["go"]), ("nsubj", None))],
}
RULES = {
    "verb": "releases.verb.v1",
    "noun": "releases.noun.v1",
    "members": "releases.members.v1",
    "anaphora": "releases.anaphora.v1",
}
CONFIDENCE = {"verb": 0.85, "noun": 0.75, "members": 0.75, "anaphora": 0.75}


@dataclass
class Memory:
    releasers_seen: list[str] = field(default_factory=list)
    last_releasers: list[str] = field(default_factory=list)


# --- trigger ----------------------------------------------------------------------------------------
def release_kind(kind: str, tok: Token) -> str | None:
    """'verb', 'noun', 'members', 'anaphora' or None."""
    if kind == "freed-word":
        before = [t.lower_ for t in tok.doc[max(0, tok.i - 5) : tok.i]]
        if tok.i >= 2 and before[-1] in GROUP_HEADS and "among" in before:
            return "anaphora"  # "among those freed was B": the small model parses it many ways
        if tok.dep_ == "amod" and tok.head.dep_ == "nsubj" and tok.head.head.lemma_.lower() in {"include", "be"}:
            return "members"  # "The freed Americans include A, B and C"
        kind = "verb" if tok.lemma_.lower() in RELEASE_VERBS and is_verb_form(tok) else ""
    if kind == "phrasal":
        return "verb" if phrasal_release(tok) else None
    return kind or None


def is_verb_form(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")


def phrasal_release(tok: Token) -> bool:
    """'let B go', 'handed B over', 'set B free', 'turned B over'."""
    lemma = tok.lemma_.lower()
    if (lemma, particle(tok)) in RELEASE_PHRASAL:
        return True
    if lemma == "let":
        return any(c.lower_ == "go" for c in tok.subtree)
    return lemma == "set" and any(c.lower_ == "free" for c in tok.children)


# --- frames: (releasers, released) ------------------------------------------------------------------
def passive_frame(ann: Annotated, tok: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]]:
    released = group_of(ann, args.get("passive-subject", []))
    if tok.dep_ == "relcl" and any(c.dep_ == "nsubjpass" and c.lower_ in RELATIVE_PRONOUNS for c in tok.children):
        released = group(ann, tok.head)  # "B, who was freed by A"
    return actors_of(ann, args.get("by", [])), released


def active_frame(ann: Annotated, tok: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]]:
    releasers = subject_group(ann, tok) or actors_of(ann, subject_tokens(tok))
    released = group_of(ann, args.get("object", []))
    if tok.lemma_.lower() == "let":  # "let B go": B is parsed as the subject of 'go'
        released += group_of(ann, args.get("let-go", []))
    objects = args.get("object", [])
    if tok.dep_ == "acl" and objects and tok.head.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        # "A signed a decree pardoning B": the one who issued the decree frees B
        releasers = subject_group(ann, tok.head.head) if tok.head.dep_ == "dobj" else []
        return releasers, group_of(ann, objects)
    if tok.dep_ in {"acl", "amod"}:  # "the prisoners freed by A", "B, freed last week"
        return actors_of(ann, args.get("by", [])), group(ann, tok.head)
    return releasers, released


def noun_frame(ann: Annotated, tok: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]]:
    released = group_of(ann, args.get("freed-of", []))
    # "the release of B by A": the parser may hang 'by A' on B
    releasers = actors_of(ann, args.get("by", []) + args.get("by-on-freed", []))
    owners = group_of(ann, args.get("possessor", []))
    if released:
        releasers += owners
    else:
        released = owners
    if not releasers and tok.dep_ == "pobj" and tok.head.lower_ == "for":
        verb = tok.head.head
        if verb.lemma_.lower() in THANK_VERBS:  # "A was thanked for the release of B"
            releasers = group_of(ann, [c for c in verb.children if c.dep_ == "dobj"])
    return releasers, released


def members_frame(ann: Annotated, tok: Token, memory: Memory) -> tuple[list[str], list[str]]:
    verb = tok.head.head
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    return list(memory.last_releasers), unique(ann.key(t) for o in objects for t in o.subtree)


def anaphora_frame(ann: Annotated, tok: Token, memory: Memory) -> tuple[list[str], list[str]]:
    after = [t for t in ann.tokens[tok.i + 1 : tok.sent.end] if ann.is_person(ann.key(t))]
    return list(memory.last_releasers), group(ann, after[0]) if after else []


def frame_of(
    ann: Annotated, kind: str, tok: Token, args: dict[str, list[Token]], memory: Memory
) -> tuple[list[str], list[str]]:
    if kind == "verb":
        return passive_frame(ann, tok, args) if is_passive(tok) else active_frame(ann, tok, args)
    if kind == "noun":
        return noun_frame(ann, tok, args)
    if kind == "members":
        return members_frame(ann, tok, memory)
    return anaphora_frame(ann, tok, memory)


# --- emit -------------------------------------------------------------------------------------------
def emit(ann: Annotated, kind: str, tok: Token, releasers: list[str], released: list[str], memory: Memory):
    status = status_of(tok)
    if status is None or not released:
        return []
    rule, conf = RULES[kind], CONFIDENCE[kind]
    if not releasers:
        if len(memory.releasers_seen) != 1:
            return []
        releasers, rule, conf = list(memory.releasers_seen), "releases.article-releaser.v1", 0.5
    date = date_of(tok)
    verb = tok.lemma_.lower()
    return [
        ann.relation(agent, RELEASED.name, person, status, [tok], rule, conf, verb=verb, date_text=date)
        for agent in releasers
        for person in released
    ]


def extract(ann: Annotated) -> list[Relation]:
    relations: list[Relation] = []
    memory = Memory()
    args = arguments(ann, TRIGGER_LEMMAS, ARGUMENT_PATTERNS)
    for row, tok in find_triggers(ann, TRIGGERS):
        kind = release_kind(row, tok)
        if kind is None:
            continue
        releasers, released = frame_of(ann, kind, tok, args.get(tok.i, {}), memory)
        releasers = [k for k in releasers if ann.is_actor(k) and k not in released]
        released = [k for k in released if ann.is_person(k)]
        if releasers:
            memory.last_releasers = releasers
            memory.releasers_seen += [k for k in releasers if k not in memory.releasers_seen]
        relations += emit(ann, kind, tok, releasers, released, memory)
    return relations
