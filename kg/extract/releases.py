"""released: the agent that freed someone → the person (or the group of people) freed.

trigger (TRIGGERS) → frame (ARGUMENT_PATTERNS and one function per kind of trigger) → settle → emit.
Active ("A freed B", "A released B from house arrest"), passive ("B was freed by A", "B was released
from C's custody / C prison"), phrasal ("let B go", "handed B over"), nominal ("the release of B by
A", "A's release of B", "B's release"), "A commuted B's sentence", "A was thanked (congratulated) for
the release of B / for releasing B" (the one thanked for a release is its agent; one thanked for help
or mediation is not), "among those freed was B", "the freed Americans include A, B", "they returned
home" (the people of the last release the article named; "B returned home after years in detention").

Who is freed: named people, or a group of people described by a number, 'every' or a defining
participle ("35 Ukrainians held by Russia", "20 political prisoners", "every American being held in
X"), a node of its own (kg.annotate.group_key). Vague groups ("other prisoners", "dozens of
prisoners") are no party.

Who freed them, when the sentence names no agent ("the release of B", "B was freed on Monday"): the
one the text says held B ("B, held by C", "C's decision to detain B", "B, detained in C"); else the
article's one releaser, if it names exactly one; else nobody: the release is still an event, with B
and no releaser (`event_mentions`). In a swap ("A freed B in exchange for D", "the release of B held
by C in exchange for D held by E") each side frees whom it held, never whom it received; a party that
welcomed, thanked, called for or mediated a release is not its agent. A release someone calls for,
urges or demands has not happened (intended).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg import geo
from kg.annotate import Annotated, group_key
from kg.annotate.structure import children_of
from kg.extract.grammar import (
    actors_of,
    group,
    group_of,
    is_passive,
    particle,
    prep_objects,
    subject_group,
    subject_tokens,
    unique,
)
from kg.extract.matching import Trigger, arguments, find_triggers, once, path
from kg.extract.modality import date_of, status_of
from kg.lexicon import (
    GOVERNMENT_NOUNS,
    GROUP_HEADS,
    PERSON_NOUNS,
    RELATIVE_PRONOUNS,
    RELEASE_NOUNS,
    RELEASE_PHRASAL,
    RELEASE_VERBS,
    RELEASED_ANAPHORA,
    THANK_VERBS,
)
from kg.relations import RELEASED
from kg.types import GROUP, INTENDED, EventMention, Relation

PHRASAL_VERBS = frozenset(verb for verb, _ in RELEASE_PHRASAL)
# Verbs of coming back that report a release when the text ties them to a detention ("returned home").
RETURN_VERBS = frozenset({"return", "come", "arrive", "fly", "head"})
# Verbs that end a sentence early: "commuted B's sentence".
COMMUTE_VERBS = frozenset({"commute"})
TRIGGERS = (
    # "among those freed was B", "the freed Americans include A": read from the words
    Trigger("freed-word", RELEASED_ANAPHORA, frozenset(), by_form=True),
    Trigger("verb", RELEASE_VERBS),
    Trigger("phrasal", PHRASAL_VERBS | {"let", "set"}),
    Trigger("noun", RELEASE_NOUNS, frozenset({"NOUN"})),
    Trigger("commute", COMMUTE_VERBS),
    Trigger("return", RETURN_VERBS),
)
TRIGGER_LEMMAS = RELEASE_VERBS | PHRASAL_VERBS | RELEASE_NOUNS | COMMUTE_VERBS | RETURN_VERBS
PREPS = ["prep", "agent", "dative"]
ARGUMENT_PATTERNS = {
    "passive-subject": [path(("nsubjpass", None))],
    "by": [path((PREPS, ["by"]), ("pobj", None))],
    "object": [path(("dobj", None))],
    "freed-of": [path((PREPS, ["of", "for"]), ("pobj", None))],
    "by-on-freed": [path((PREPS, ["of", "for"]), ("pobj", None), (PREPS, ["by"]), ("pobj", None))],
    "possessor": [path(("poss", None))],
    "let-go": [path((["ccomp", "xcomp"], ["go"]), ("nsubj", None))],
    "from": [path((PREPS, ["from"]), ("pobj", None))],
    "exchange": [path((PREPS, ["in"]), ("pobj", ["exchange", "return"]), (PREPS, ["for"]), ("pobj", None))],
}
RULES = {
    "verb": "releases.verb.v2",
    "noun": "releases.noun.v2",
    "members": "releases.members.v1",
    "anaphora": "releases.anaphora.v1",
    "commute": "releases.commute.v1",
    "return": "releases.return-home.v1",
}
CONFIDENCE = {"verb": 0.85, "noun": 0.75, "members": 0.75, "anaphora": 0.75, "commute": 0.85, "return": 0.7}
# Nouns of a swap: its people were freed by whoever held them, never by the side that received them.
SWAP_NOUNS = frozenset({"exchange", "swap", "trade"})
# Verbs that ask for a release that has not happened ("called for the release of B", "urged A to free B").
DEMAND_VERBS = frozenset("call demand urge press push appeal seek ask campaign lobby plead".split())
# Verbs that say someone held a person ("B, held by C", "C's decision to detain B").
HOLD_VERBS = frozenset("hold detain imprison jail arrest incarcerate kidnap abduct capture seize".split())
# Nouns of custody after 'from' or 'in' ("released from C's custody", "from C prison").
CUSTODY_NOUNS = frozenset("custody prison prisons jail jails detention captivity imprisonment arrest".split())
# Nouns whose possessor acts through the verb that follows ("C's decision to detain B").
DECISION_NOUNS = frozenset("decision order move attempt bid plan".split())
# Nouns and words for people a group may be made of, beside PERSON_NOUNS and nationality words.
PEOPLE_WORDS = PERSON_NOUNS | frozenset(
    "crewmember crew member sailor fisherman farmer driver migrant refugee civilian employee volunteer "
    "missionary people person individual protester opponent".split()
)
# Words that make a group vague: no party of a fact ("other prisoners", "all such persons").
VAGUE_WORDS = frozenset("other others all many some more most several remaining such those these few".split())
# Counts that name no group ("dozens of prisoners").
VAGUE_COUNTS = frozenset("dozens hundreds thousands scores tens millions".split())


@dataclass
class Reading:
    """One trigger's reading: who freed whom, before the text around it settles a missing agent."""

    kind: str
    tok: Token
    releasers: list[str]
    released: list[str]
    status: str
    exchange: bool = False  # freed in exchange: only the one who held them freed them
    members_named: bool = False  # "among those freed was B": the people named carry the facts, not the group


@dataclass
class Memory:
    readings: list[Reading] = field(default_factory=list)

    def last(self) -> Reading | None:
        return next((r for r in reversed(self.readings) if r.released), None)


# --- who is freed ---------------------------------------------------------------------------------
def nationality_plural(text: str) -> bool:
    """'Ukrainians', 'Azerbaijanis', 'Americans': people of a country."""
    return text.endswith("s") and text[:1].isupper() and geo.country_of_adjective(text[:-1]) is not None


def people_word(ann: Annotated, tok: Token) -> bool:
    """A word for people: 'prisoners', 'crewmembers', 'Ukrainians', 'every American', and any plural
    noun a nationality word qualifies ('3 Peruvian farmers', '9 Lebanese truck drivers')."""
    if tok.lemma_.lower() in PEOPLE_WORDS or nationality_plural(tok.text):
        return True
    if tok.tag_ == "NNS" and any(c.dep_ in {"amod", "compound"} and ann.country_at(c) for c in tok.lefts):
        return True
    return (
        tok.lower_ != "the" and ann.country_at(tok) is not None and any(c.lower_ == "every" for c in children_of(tok))
    )


def described_group(ann: Annotated, tok: Token) -> str | None:
    """'35 Ukrainians held by Russia', '20 political prisoners', 'every American being held in X',
    'Azerbaijanis': a group of people the words describe (its key), or None for a vague one."""
    if not people_word(ann, tok) or tok.lower_ in VAGUE_COUNTS:
        return None
    key = ann.key(tok)
    if key is not None and ann.type(key) != "ORG" and not nationality_plural(ann.name(key)):
        return None  # a name, not a description
    left = [c for c in tok.lefts if c.dep_ in {"nummod", "amod", "compound", "det", "nmod", "quantmod"}]
    if any(c.lower_ in VAGUE_WORDS for c in left) or any(c.lower_ in VAGUE_WORDS for c in tok.rights):
        return None
    counted = any(c.dep_ == "nummod" and c.like_num for c in left) or any(c.lower_ == "every" for c in left)
    participle = next((c for c in tok.rights if c.dep_ == "acl" and c.tag_ in {"VBN", "VBG"}), None)
    if not counted and not participle and not nationality_plural(tok.text):
        return None
    start = min((c.left_edge.i for c in left if c.lower_ not in {"the", "a", "an"}), default=tok.i)
    return group_key(start, tok.i + 1, defining_end(participle))


def defining_end(participle: Token | None) -> int | None:
    """The end of 'held by Russia' / 'being held in X' after a group's noun: the participle and its
    agent or place, not what follows them."""
    if participle is None:
        return None
    phrases = [c for c in participle.rights if c.dep_ in {"agent", "prep"} and c.lower_ in {"by", "in"}]
    end = phrases[0].right_edge.i if phrases else participle.i
    return end + 1


def people(ann: Annotated, tokens: list[Token]) -> list[str]:
    """The people these tokens name: names (and their lists), else the groups they describe."""
    out: list[str] = []
    for tok in tokens:
        for t in [tok, *tok.conjuncts]:
            named = [k for k in group(ann, t) if ann.is_person(k)]
            found = named or ([g] if (g := described_group(ann, t)) else [])
            out.extend(k for k in found if k not in out)
    return out


def freed_party(ann: Annotated, key: str) -> bool:
    return ann.is_person(key) or ann.type(key) == GROUP


# --- trigger ----------------------------------------------------------------------------------------
def release_kind(kind: str, tok: Token) -> str | None:
    """'verb', 'noun', 'members', 'anaphora', 'commute', 'return' or None."""
    if kind == "freed-word":
        before = [t.lower_ for t in tok.doc[max(0, tok.i - 5) : tok.i]]
        if tok.i >= 2 and before[-1] in GROUP_HEADS and "among" in before:
            return "anaphora"  # "among those freed was B": the small model parses it many ways
        if tok.dep_ == "amod" and tok.head.dep_ == "nsubj" and tok.head.head.lemma_.lower() in {"include", "be"}:
            return "members"  # "The freed Americans include A, B and C"
        kind = "verb" if tok.lemma_.lower() in RELEASE_VERBS and is_verb_form(tok) else ""
    if kind == "phrasal":
        return "verb" if phrasal_release(tok) else None
    if kind == "return":
        return "return" if returns_home(tok) else None
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
    # "set B free", "set free B" (the parser may hang 'free' on B)
    right_after = tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "free"
    return lemma == "set" and (right_after or any(c.lower_ == "free" for c in children_of(tok)))


def returns_home(tok: Token) -> bool:
    """'returned home', 'came home' (a release only where the text ties it to one: see return_frame)."""
    return is_verb_form(tok) and any(c.lower_ == "home" and c.dep_ in {"advmod", "npadvmod"} for c in children_of(tok))


def release_status(tok: Token) -> str | None:
    """The trigger's status; a release someone calls for, urges or demands is only intended."""
    status = status_of(tok)
    node = tok
    for _ in range(3):
        if status is None or node.head.i == node.i:
            break
        if node.dep_ in {"pobj", "dobj", "prep", "xcomp", "ccomp"} and node.head.lemma_.lower() in DEMAND_VERBS:
            return INTENDED
        node = node.head
    return status


# --- frames: (releasers, released) ------------------------------------------------------------------
def custodian(ann: Annotated, noun: Token) -> list[str]:
    """'C's custody', 'C prison', 'Iranian custody', 'the custody of C': who held the person there."""
    if noun.lemma_.lower() not in CUSTODY_NOUNS and noun.lower_ not in CUSTODY_NOUNS:
        return []
    out: list[str] = []
    for child in children_of(noun):
        if child.dep_ in {"poss", "compound", "amod", "nmod"} and child.i < noun.i:
            k = ann.country_at(child) or ann.key(child)
            if k is not None and k != ann.key(noun):
                out.append(k)
            elif child.lower_ in GOVERNMENT_NOUNS:
                out += government(ann, child)
    for obj in (g for c in children_of(noun) if c.dep_ == "prep" and c.lower_ == "of" for g in children_of(c)):
        out += actors_of(ann, [obj])
    return [k for k in unique(out) if ann.is_actor(k)]


def states_of(ann: Annotated, tok: Token) -> list[str]:
    """The countries a phrase names ("from Yemen"): a state holds and frees, a town does not."""
    return [k for k in group(ann, tok) if ann.type(k) == "GPE" and geo.is_country(ann.name(k))]


def passive_frame(ann: Annotated, tok: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]]:
    released = people(ann, args.get("passive-subject", []))
    if tok.dep_ == "relcl" and any(c.dep_ == "nsubjpass" and c.lower_ in RELATIVE_PRONOUNS for c in children_of(tok)):
        released = people(ann, [tok.head])  # "B, who was freed by A"
    releasers = actors_of(ann, args.get("by", []))
    return releasers or [k for t in args.get("from", []) for k in custodian(ann, t)], released


def active_frame(ann: Annotated, tok: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]]:
    releasers = subject_group(ann, tok) or actors_of(ann, subject_tokens(tok))
    released = people(ann, args.get("object", []))
    if tok.lemma_.lower() == "let":  # "let B go": B is parsed as the subject of 'go'
        released += people(ann, args.get("let-go", []))
    objects = args.get("object", [])
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in DEMAND_VERBS:
        # "urged Iran to free B", "called on Iran to release B": the one asked would free them
        asked = [c for c in children_of(tok.head) if c.dep_ == "dobj"] + prep_objects(tok.head, {"on", "upon"})
        releasers = actors_of(ann, asked)
    if tok.dep_ == "pcomp" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in THANK_VERBS:
        # "A was thanked / we congratulate A for releasing B": the one thanked freed them
        thanked = tok.head.head
        releasers = people_or_actors(ann, [c for c in children_of(thanked) if c.dep_ in {"dobj", "nsubjpass"}])
    if tok.dep_ == "acl" and objects and tok.head.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        # "A signed a decree pardoning B": the one who issued the decree frees B
        releasers = subject_group(ann, tok.head.head) if tok.head.dep_ == "dobj" else []
        owners = [c for c in children_of(tok.head) if c.dep_ == "poss"]
        if owners:  # "welcomed Y's decision to release B": Y frees B, not who welcomed it
            releasers = actors_of(ann, owners)
        return releasers, people(ann, objects)
    if tok.dep_ in {"acl", "amod"}:  # "the prisoners freed by A", "B, freed last week"
        return actors_of(ann, args.get("by", [])), people(ann, [tok.head])
    return releasers, released


def people_or_actors(ann: Annotated, tokens: list[Token]) -> list[str]:
    return group_of(ann, tokens) or actors_of(ann, tokens)


def also_named(ann: Annotated, objects: list[Token]) -> list[str]:
    """'the release of A ..., as well as B': people named after 'as well as' later in the sentence (the
    parser hangs them anywhere)."""
    if not objects:
        return []
    sent = objects[0].sent
    words = ann.tokens[max(o.i for o in objects) + 1 : sent.end]
    for i, tok in enumerate(words[:-2]):
        if tok.lower_ == "as" and words[i + 1].lower_ == "well" and words[i + 2].lower_ == "as":
            first = next((t for t in words[i + 3 : i + 8] if ann.is_person(ann.key(t))), None)
            return [k for k in group(ann, first) if ann.is_person(k)] if first is not None else []
    return []


def noun_frame(ann: Annotated, tok: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]]:
    released = people(ann, args.get("freed-of", []))
    released += [k for k in also_named(ann, args.get("freed-of", [])) if k not in released]
    # "the release of B by A": the parser may hang 'by A' on B
    releasers = actors_of(ann, args.get("by", []) + args.get("by-on-freed", []))
    owners = group_of(ann, args.get("possessor", []))
    if released:
        releasers += owners
    else:
        released = [k for k in owners if freed_party(ann, k)]
    if not releasers:  # "the release of B from Y" (a state), "from Y's custody"
        froms = args.get("from", []) + [g for t in args.get("freed-of", []) for g in prep_objects(t, {"from"})]
        releasers = [k for t in froms for k in custodian(ann, t) or states_of(ann, t)]
    if not releasers and tok.dep_ == "pobj" and tok.head.lower_ == "for":
        verb = tok.head.head
        if verb.lemma_.lower() in THANK_VERBS:  # "A was thanked for the release of B"
            releasers = group_of(ann, [c for c in children_of(verb) if c.dep_ in {"dobj", "nsubjpass"}])
    return releasers, released


def commute_frame(ann: Annotated, tok: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]]:
    """'A commuted B's sentence' / 'A commuted the sentence of B'."""
    sentences = [o for o in args.get("object", []) if o.lemma_.lower() in {"sentence", "term"}]
    owners = [c for s in sentences for c in children_of(s) if c.dep_ == "poss"]
    owners += [
        g for s in sentences for c in children_of(s) if c.dep_ == "prep" and c.lower_ == "of" for g in children_of(c)
    ]
    return subject_group(ann, tok) or actors_of(ann, subject_tokens(tok)), people(ann, owners)


def return_frame(ann: Annotated, tok: Token, memory: Memory) -> tuple[list[str], list[str]]:
    """'they have returned home' after a release: its people and its releasers; 'B returned home after
    two years in detention in C': B, freed by whoever held B."""
    subjects = [c for c in children_of(tok) if c.dep_ == "nsubj"]
    last = memory.last()
    if subjects and subjects[0].tag_ == "PRP" and last is not None and ann.key(subjects[0]) is None:
        between = sum(1 for s in ann.doc.sents if last.tok.i < s.start <= tok.i)
        return (list(last.releasers), list(last.released)) if between <= 2 else ([], [])
    custody = [t for t in tok.subtree if t.lemma_.lower() in CUSTODY_NOUNS and t.i > tok.i]
    if not custody:
        return [], []
    holders = [k for c in custody for k in custodian(ann, c) + places_of_custody(ann, c)]
    return unique(holders), people(ann, subjects)


def places_of_custody(ann: Annotated, noun: Token) -> list[str]:
    """'in detention in C', 'held in C': the state C (a country: 'arrested in Moscow' names a city,
    which frees no one)."""
    return [
        k
        for c in children_of(noun)
        if c.dep_ == "prep" and c.lower_ == "in"
        for g in children_of(c)
        if (k := ann.key(g)) and ann.type(k) == "GPE" and geo.is_country(ann.name(k))
    ]


def frame_of(
    ann: Annotated, kind: str, tok: Token, args: dict[str, list[Token]], memory: Memory
) -> tuple[list[str], list[str]]:
    if kind == "verb":
        return passive_frame(ann, tok, args) if is_passive(tok) else active_frame(ann, tok, args)
    if kind == "noun":
        return noun_frame(ann, tok, args)
    if kind == "commute":
        return commute_frame(ann, tok, args)
    if kind == "return":
        return return_frame(ann, tok, memory)
    last = memory.last() or Reading("", tok, [], [], "")
    if kind == "members":
        verb = tok.head.head
        objects = [c for c in children_of(verb) if c.dep_ in {"dobj", "attr"}]
        return list(last.releasers), unique(ann.key(t) for o in objects for t in o.subtree)
    after = [t for t in ann.tokens[tok.i + 1 : tok.sent.end] if ann.is_person(ann.key(t))]
    return list(last.releasers), group(ann, after[0]) if after else []


# --- who held whom ---------------------------------------------------------------------------------
def government(ann: Annotated, noun: Token) -> list[str]:
    """A government noun's state: its own modifier ("Syrian authorities"), else, for a bare "the
    regime" / "the government", the one state the article names through a government noun."""
    found = actors_of(ann, [noun])
    if found or noun.lower_ not in GOVERNMENT_NOUNS:
        return found
    states = unique(
        k for t in ann.tokens if t.lower_ in GOVERNMENT_NOUNS and t.i not in ann.skip for k in actors_of(ann, [t])
    )
    return states if len(states) == 1 else []


def holders(ann: Annotated) -> dict[str, list[str]]:
    """Person or group → who the text says held them: "B, held by C", "B was detained in C", "C
    detained B", "C's decision to detain B"."""
    out: dict[str, list[str]] = {}
    for verb in ann.tokens:
        if verb.lemma_.lower() not in HOLD_VERBS or not is_verb_form(verb) or verb.i in ann.skip:
            continue
        held, agents = held_and_holders(ann, verb)
        for person in held:
            out.setdefault(person, [])
            out[person] += [a for a in agents if a not in out[person] and a != person]
    return out


def held_and_holders(ann: Annotated, verb: Token) -> tuple[list[str], list[str]]:
    by = [g for c in children_of(verb) if c.dep_ == "agent" for g in children_of(c) if g.dep_ == "pobj"]
    in_state = [k for k in places_of_custody(ann, verb) if ann.is_actor(k)]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "35 Ukrainians held by Russia"
        return people(ann, [verb.head]), agents_of(ann, by) or in_state
    if is_passive(verb):
        subjects = [c for c in children_of(verb) if c.dep_ == "nsubjpass"]
        if verb.dep_ == "relcl" and any(s.lower_ in RELATIVE_PRONOUNS for s in subjects):
            subjects = [verb.head]
        return people(ann, subjects), agents_of(ann, by) or in_state
    objects = [c for c in children_of(verb) if c.dep_ == "dobj"]
    subject = subject_tokens(verb)
    if verb.dep_ in {"acl", "xcomp"} and verb.head.lemma_.lower() in DECISION_NOUNS:
        subject = [c for c in children_of(verb.head) if c.dep_ == "poss"]  # "C's decision to detain B"
    return people(ann, objects), agents_of(ann, subject)


def agents_of(ann: Annotated, tokens: list[Token]) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        out += actors_of(ann, [tok]) or (government(ann, tok) if tok.lower_ in GOVERNMENT_NOUNS else [])
    return [k for k in unique(out) if ann.is_actor(k)]


# --- settle and emit --------------------------------------------------------------------------------
def readings(ann: Annotated) -> list[Reading]:
    memory = Memory()
    args = arguments(ann, TRIGGER_LEMMAS, ARGUMENT_PATTERNS)
    for row, tok in find_triggers(ann, TRIGGERS):
        kind = release_kind(row, tok)
        status = release_status(tok) if kind else None
        if kind is None or status is None:
            continue
        found = args.get(tok.i, {})
        releasers, released = frame_of(ann, kind, tok, found, memory)
        released = [k for k in released if freed_party(ann, k)]
        releasers = [k for k in releasers if ann.is_actor(k) and k not in released]
        if kind in {"members", "anaphora"} and released and (last := memory.last()) is not None:
            last.members_named = True
        # "in exchange for D", "the swap of D": who freed D is only who held D; but "A swapped B for D":
        # A gave B up
        swap = tok.lemma_.lower() in SWAP_NOUNS and not (tok.pos_ == "VERB" and prep_objects(tok, {"for"}))
        memory.readings.append(Reading(kind, tok, [] if swap else releasers, released, status, exchange=swap))
        swapped = people(ann, found.get("exchange", []))  # "A freed B in exchange for D"
        if swapped:
            memory.readings.append(Reading(kind, tok, [], swapped, status, exchange=True))
    return memory.readings


def settle(ann: Annotated, found: list[Reading]) -> list[tuple[Reading, dict[str, list[str]], str]]:
    """Each reading with its releasers per freed person and the rule that chose them ("" for none)."""
    held = holders(ann)
    named = unique(k for r in found for k in r.releasers)
    holding = unique(k for r in found for p in r.released for k in held.get(p, []))
    article = unique(named + holding)
    out = []
    for r in found:
        shared = unique(k for p in r.released for k in held.get(p, []))
        for person in r.released:
            if r.members_named and ann.type(person) == GROUP:
                continue
            if r.releasers and not r.exchange:
                out.append((r, {person: r.releasers}, RULES[r.kind]))
            elif held.get(person) or len(shared) == 1:
                out.append((r, {person: held.get(person) or shared}, "releases.holder.v1"))
            elif len(article) == 1 and not r.exchange:
                out.append((r, {person: article}, "releases.article-releaser.v2"))
            else:
                out.append((r, {person: []}, RULES[r.kind]))
    return out


CONFIDENCE_OF_RULE = {"releases.holder.v1": 0.7, "releases.article-releaser.v2": 0.5}


def extract(ann: Annotated) -> list[Relation]:
    out = []
    for reading, who, rule in settle(ann, once(ann, "releases", readings)):
        conf = CONFIDENCE_OF_RULE.get(rule, CONFIDENCE[reading.kind])
        verb, date = reading.tok.lemma_.lower(), date_of(reading.tok)
        for person, agents in who.items():
            for agent in agents:
                if agent != person:
                    out.append(
                        ann.relation(
                            agent, RELEASED.name, person, reading.status, [reading.tok], rule, conf, verb, date
                        )
                    )
    return out


def event_mentions(ann: Annotated) -> list[EventMention]:
    """Releases with no releaser the text names: an event with the freed person and nobody else."""
    out = []
    for reading, who, rule in settle(ann, once(ann, "releases", readings)):
        for person, agents in who.items():
            if not agents:
                tok = reading.tok
                evidence = ann.evidence([tok], rule)
                parties = ((person, str(RELEASED.object_role)),)
                verb, date = tok.lemma_.lower(), date_of(tok)
                out.append(EventMention(str(RELEASED.event), reading.status, parties, evidence, 0.6, verb, date))
    return out
