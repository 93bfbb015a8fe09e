"""sanctioned: an organization or a country that imposed sanctions → the person, organization or
country it imposed them on.

trigger (TRIGGERS) → frame (ARGUMENT_PATTERNS and the functions below) → emit.
A verb ("Australia sanctioned the group and its founder, A"), a noun with a verb of imposing ("the EU
imposed sanctions on A", "threatened to impose sanctions on Y": intended), a noun with its owner
("Y's sanctions on Z", "U.S. sanctions against A", "sanctions imposed by Y on Z"). Lifting or easing
sanctions is not sanctioning.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.annotate import Annotated
from kg.annotate.structure import children_of
from kg.extract.grammar import compound_entities, group_of, is_passive, subject_group, unique
from kg.extract.matching import NOUN, Trigger, arguments, find_triggers, path
from kg.extract.modality import date_of, status_of
from kg.relations import SANCTIONED
from kg.types import INTENDED, Relation

# Words of sanctioning: the verb "sanction"/"blacklist" and the noun "sanctions".
TRIGGERS = (
    Trigger("verb", frozenset({"sanction", "blacklist"})),
    Trigger("noun", frozenset({"sanction", "embargo"}), NOUN),
)
TRIGGER_LEMMAS = frozenset({"sanction", "blacklist", "embargo"})
# Verbs whose object is sanctions someone imposes ("imposed sanctions on", "slapped sanctions on").
IMPOSE_VERBS = frozenset("impose slap level announce place put extend expand adopt approve introduce tighten".split())
# Verbs that end or soften sanctions: their object is no new sanction.
LIFT_VERBS = frozenset("lift ease remove end drop scrap relax suspend waive loosen".split())
# Verbs that make sanctions only a threat ("threatened to impose sanctions").
THREAT_VERBS = frozenset({"threaten", "warn", "weigh", "mull"})
TARGET_PREPS = ["on", "against"]
PREPS = ["prep", "agent"]
ARGUMENT_PATTERNS = {
    "object": [path(("dobj", None))],
    "passive-subject": [path(("nsubjpass", None))],
    "by": [path((PREPS, ["by"]), ("pobj", None)), path(("acl", None), (PREPS, ["by"]), ("pobj", None))],
    "possessor": [path(("poss", None))],
    "target": [
        path(("prep", TARGET_PREPS), ("pobj", None)),  # "sanctions on Z"
        path(("acl", None), ("prep", TARGET_PREPS), ("pobj", None)),  # "sanctions imposed by Y on Z"
    ],
    # "imposed sanctions on Z" with 'on Z' hung on the verb
    "target-on-verb": [
        [
            {
                "LEFT_ID": "trigger",
                "REL_OP": "<",
                "RIGHT_ID": "verb",
                "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(IMPOSE_VERBS)}},
            },
            {
                "LEFT_ID": "verb",
                "REL_OP": ">",
                "RIGHT_ID": "prep",
                "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": TARGET_PREPS}},
            },
            {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "arg", "RIGHT_ATTRS": {"DEP": "pobj"}},
        ]
    ],
}


def verb_frame(ann: Annotated, verb: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]]:
    """'Y sanctioned Z', 'Z was sanctioned by Y'."""
    if is_passive(verb):
        return group_of(ann, args.get("by", [])), group_of(ann, args.get("passive-subject", []))
    return subject_group(ann, verb), group_of(ann, args.get("object", []))


def owners_before(ann: Annotated, noun: Token) -> list[str]:
    """'U.S. sanctions', 'EU sanctions', 'American sanctions': the owner written before the noun."""
    named = [k for k in compound_entities(ann, noun) if ann.type(k) in {"GPE", "ORG"}]
    adjectives = [ann.country_at(t) for t in children_of(noun) if t.dep_ == "amod" and t.i in ann.adjective_country]
    return unique([*named, *adjectives])


def noun_frame(ann: Annotated, noun: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]] | None:
    """'Y imposed sanctions on Z', "Y's sanctions on Z", 'sanctions imposed by Y on Z'; None when the
    sanctions are lifted or eased."""
    verb = noun.head if noun.dep_ in {"dobj", "nsubjpass"} else None
    lemma = verb.lemma_.lower() if verb is not None else ""
    if lemma in LIFT_VERBS:
        return None
    sanctioners = group_of(ann, args.get("possessor", []) + args.get("by", [])) + owners_before(ann, noun)
    if lemma in IMPOSE_VERBS and noun.dep_ == "dobj":
        sanctioners += subject_group(ann, verb)
    targets = group_of(ann, args.get("target", []) + args.get("target-on-verb", []))
    return unique(sanctioners), targets


def threatened(trigger: Token) -> bool:
    node = trigger
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in THREAT_VERBS:
            return True
    return False


def extract(ann: Annotated) -> list[Relation]:
    relations: list[Relation] = []
    args = arguments(ann, TRIGGER_LEMMAS, ARGUMENT_PATTERNS)
    for kind, tok in find_triggers(ann, TRIGGERS):
        frame_args = args.get(tok.i, {})
        frame = verb_frame(ann, tok, frame_args) if kind == "verb" else noun_frame(ann, tok, frame_args)
        if frame is None:
            continue
        sanctioners = [k for k in frame[0] if ann.type(k) in {"GPE", "ORG"} and ann.is_actor(k)]
        targets = [k for k in frame[1] if ann.is_actor(k) and k not in sanctioners]
        status = status_of(tok)
        if status is None or not sanctioners or not targets:
            continue
        status = INTENDED if threatened(tok) else status
        rule = "sanctions.verb.v1" if kind == "verb" else "sanctions.noun.v1"
        date = date_of(tok)
        for agent in sanctioners:
            for target in targets:
                relations.append(
                    ann.relation(agent, SANCTIONED.name, target, status, [tok], rule, 0.8, "sanction", date)
                )
    return relations
