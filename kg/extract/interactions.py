"""Conversations (spokeWith) and meetings (metWith, metAt): one module, because news writes both the
same way — a verb or a noun, its subject or possessor, partners after 'with'/'to'/'between', names
before the noun ("the A–B call"), a place after 'in'/'at'.

A meeting of several parties gives each pair; one speaker with a list of partners gives speaker–partner
pairs. A definite "the talks"/"the summit" with no party named refers to the last meeting named in the
article. Hosting ("A hosted B in C") is a meeting and a visit.
"""

from __future__ import annotations

import re
from itertools import combinations

from spacy.tokens import Token

from kg.extract.common import (
    compound_entities,
    group_of,
    is_passive,
    place_objects,
    prep_objects,
    subject_group,
    unique,
)
from kg.extract.context import Context
from kg.extract.modality import date_of, status_of
from kg.lexicon import MEET_NOUNS, MEET_VERBS, MEETING_ANAPHORA, SPEAK_NOUNS, SPEAK_VERBS, TRAVEL_VERBS
from kg.relations import MET_AT, MET_WITH, SPOKE_WITH, VISITED
from kg.types import OCCURRED, Relation

LIGHT_VERBS = frozenset({"hold", "have", "conduct", "host", "attend", "join", "arrange", "seek", "request"})
# Verbs that say where an event named by their subject takes place ("the talks will start at C").
EVENT_PLACE_VERBS = frozenset(
    {
        "start",
        "begin",
        "take",
        "happen",
        "occur",
        "open",
        "convene",
        "resume",
        "continue",
        "end",
        "be",
        "schedule",
        "hold",
        "set",
        "plan",
        "expect",
        "place",
    }
)
PHONE_WORDS = frozenset({"phone", "telephone", "video", "call", "virtually", "phoned"})


PAIR_NOUNS = frozenset({"leaders", "men", "women", "presidents", "ministers", "sides", "heads", "officials"})


def pair_phrase(verb: Token) -> bool:
    """'the two leaders met', 'both sides spoke': the subject is the pair named just before."""
    for subj in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
        if subj.lower_ in PAIR_NOUNS | {"two", "both"} and any(
            c.lower_ in {"two", "both"} for c in [subj, *subj.children]
        ):
            return True
    return False


def verb_frame(ctx: Context, verb: Token) -> tuple[list[str], list[str], list[Token]]:
    """(agents, partners, preposition objects that may be places) of an interaction verb."""
    agents = subject_group(ctx, verb)
    partners: list[str] = []
    if is_passive(verb):  # "B was received by A"
        agents = group_of(ctx, [c for c in verb.children if c.dep_ == "nsubjpass"])
        partners = group_of(ctx, prep_objects(verb, {"by"}))
    partners += group_of(ctx, [c for c in verb.children if c.dep_ in {"dobj", "dative"}])
    partners += group_of(ctx, prep_objects(verb, {"with", "by"}))
    # "spoke to A", "welcomed A to C": a city after 'to' is where, not whom (a state may be whom)
    partners += [
        k for k in group_of(ctx, prep_objects(verb, {"to"})) if not ctx.is_place(k) or k.startswith("country:")
    ]
    for noun in [c for c in verb.children if c.dep_ == "dobj"]:
        partners += group_of(ctx, prep_objects(noun, {"with"}))
    # "spoke by phone with B", "talked over video link with B": the parser hangs 'with' on the medium
    for medium in (
        o
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ in {"by", "over", "via"}
        for o in p.children
        if o.dep_ == "pobj"
    ):
        partners += group_of(ctx, prep_objects(medium, {"with"}))
    return agents, partners, []


def noun_frame(ctx: Context, noun: Token) -> tuple[list[str], list[str]]:
    agents: list[str] = []
    partners: list[str] = []
    for child in noun.children:
        if child.dep_ == "poss":
            agents += ctx.group(child)
    agents += [k for k in compound_entities(ctx, noun) if ctx.is_person(k) or ctx.type(k) == "ORG"]
    partners += group_of(ctx, prep_objects(noun, {"with", "of"}))
    agents += group_of(ctx, prep_objects(noun, {"between", "among"}))  # each of them is a party
    head = noun.head
    if noun.dep_ in {"dobj", "pobj"} and head.lemma_ in LIGHT_VERBS | SPEAK_VERBS | MEET_VERBS | {"with"}:
        verb = head.head if head.dep_ == "prep" else head
        agents += subject_group(ctx, verb)
    partners += during_which(ctx, noun)
    if any(c.dep_ == "poss" and c.lower_ == "their" for c in noun.children):
        # "A and B pose before their talks": the subjects of the clause are the parties
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        # ("A, left, and B pose": the parser may make 'left' a verb with A as its subject)
        clauses = [verb, *verb.conjuncts]
        agents += group_of(ctx, [c for v in clauses for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}])
    # "A and B flew to C for a summit": the travellers are the parties
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in TRAVEL_VERBS:
        agents += subject_group(ctx, noun.head.head)
    return unique(agents), unique(partners)


def during_which(ctx: Context, noun: Token) -> list[str]:
    """'a meeting on May 2 during which A criticized B': the people of the clause about the meeting.
    Read from the words up to the clause's end; the small model parses these clauses many ways."""
    doc = noun.doc
    window = [t.lower_ for t in doc[noun.i + 1 : min(noun.i + 8, noun.sent.end)]]
    for i in range(len(window) - 1):
        if window[i] in {"during", "at", "in", "after"} and window[i + 1] == "which":
            out: list[str] = []
            for tok in doc[noun.i + i + 3 : noun.sent.end]:
                if tok.is_punct and tok.text not in {"'", "\u2019"}:
                    break
                k = ctx.key(tok)
                if ctx.is_person(k) and k not in out:
                    out.append(k)
            return out
    return []


def pairs(agents: list[str], partners: list[str], all_pairs: bool) -> list[tuple[str, str]]:
    parties = unique(agents + partners)
    if not agents and not all_pairs:
        return []  # "he spoke to A, B and C" with "he" unknown: A, B and C did not talk to each other
    if all_pairs or not partners:
        return [(a, b) for a, b in combinations(parties, 2)]
    return [(a, b) for a in agents for b in partners if a != b]


def places_of(ctx: Context, trigger: Token) -> list[str]:
    """Places the event is said to happen in: on the trigger, on its governing verb, before the noun."""
    out = place_objects(ctx, trigger, {"in", "at", "on", "inside", "near"})
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "for" and trigger.head.head.lemma_.lower() in TRAVEL_VERBS:
        out += place_objects(ctx, trigger.head.head, {"to", "in", "at"})
    if trigger.pos_ == "NOUN":
        out += [k for k in compound_entities(ctx, trigger) if ctx.is_place(k)]
    # "will host B at a summit in C": the place of the meeting noun the verb names
    for obj in prep_objects(trigger, {"at", "for", "during"}):
        if obj.lemma_.lower() in MEET_NOUNS or obj.lower_ in MEET_NOUNS:  # "met for talks at C"
            out += place_objects(ctx, obj, {"in", "at"})
    # "met B in C" read as "B in C": a place hanging on the partner's name
    for child in trigger.children:
        if child.dep_ in {"dobj", "prep", "agent"}:
            for t in child.subtree:
                if t.dep_ == "prep" and t.lower_ in {"in", "at"} and ctx.is_person(ctx.key(t.head)):
                    out += place_objects(ctx, t.head, {"in", "at"})
    node = trigger
    while node.dep_ in {"xcomp", "nsubj", "nsubjpass", "dobj"} and node.head.i != node.i:
        node = node.head
        out += place_objects(ctx, node, {"in", "at", "inside"})
    if trigger.dep_ in {"nsubj", "nsubjpass"}:
        # "The talks are scheduled to start at noon at C": the place may hang anywhere in the clause
        for tok in trigger.doc[trigger.i + 1 : trigger.sent.end]:
            anchor = tok.head.head
            where = anchor.lemma_.lower() in EVENT_PLACE_VERBS or (
                anchor.dep_ == "ROOT" and anchor.i != trigger.sent.root.i
            )
            if tok.dep_ == "pobj" and tok.head.lower_ in {"in", "at"} and where:
                k = ctx.entity_in(tok)
                if ctx.is_place(k):
                    out.append(k)
    # "meet in A, B, at C": a place in apposition to a place is also where it happens
    more = []
    for k in out:
        for m in ctx.clusters[k].mentions:
            tok = ctx.doc[m.end - 1]
            more += [ctx.key(c) for c in tok.children if c.dep_ in {"appos", "npadvmod"} and ctx.is_place(ctx.key(c))]
    return unique([k for k in out + more if k])


def extract(ctx: Context) -> list[Relation]:
    relations: list[Relation] = []
    last_meeting: list[str] = []
    last_pair: list[str] = []
    last_status = OCCURRED
    for tok in ctx.tokens:
        if tok.i in ctx.skip:
            continue
        lemma = tok.lemma_.lower()
        is_verb = tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")
        if is_verb and lemma == "shake" and any(c.lower_ == "hands" for c in tok.children):
            lemma = "meet"  # "A shakes hands with B": they met in person
        speak = (is_verb and lemma in SPEAK_VERBS) or (
            tok.pos_ in {"NOUN", "PROPN"} and lemma in SPEAK_NOUNS and lemma != "talks"
        )
        meet = (is_verb and lemma in MEET_VERBS) or (
            tok.pos_ in {"NOUN", "PROPN"} and (lemma in MEET_NOUNS or tok.lower_ == "talks")
        )
        if not (speak or meet):
            continue
        if is_verb and lemma == "call" and not calls_someone(tok):
            continue
        if is_verb:
            agents, partners, _ = verb_frame(ctx, tok)
        else:
            agents, partners = noun_frame(ctx, tok)
        agents = [k for k in agents if ctx.is_actor(k)]
        partners = [k for k in partners if ctx.is_actor(k)]
        date = date_of(tok)
        if is_verb and not agents and pair_phrase(tok) and len(last_pair) == 2:
            agents = list(last_pair)
        parties = unique(agents + partners)
        anaphoric = False
        if (
            not parties
            and not is_verb
            and (tok.lower_ in MEETING_ANAPHORA or lemma in MEETING_ANAPHORA)
            and (
                any(c.lower_ in {"the", "this", "that"} for c in tok.children)
                # "A met B. A one-on-one meeting took place at C": the meeting just told
                or (tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_.lower() in {"take", "hold", "last"})
            )
        ):
            parties, agents, partners, anaphoric = list(last_meeting), list(last_meeting), [], True
        if len(parties) < 2:
            continue
        status = status_of(tok, default=last_status if anaphoric else OCCURRED)
        if status is None:
            continue
        predicate = MET_WITH.name if meet else SPOKE_WITH.name
        if meet and tok.lower_ == "talks" and not places_of(ctx, tok) and not anaphoric:
            predicate = SPOKE_WITH.name
        rule = f"{'meetings' if predicate == MET_WITH.name else 'conversations'}.{'verb' if is_verb else 'noun'}.v1"
        conf = 0.85 if is_verb else 0.75
        if anaphoric:
            rule, conf = "meetings.anaphora.v1", 0.6
        if not anaphoric:
            # "will hold meetings with A and B": several meetings, each with the holder
            separate = (not is_verb and tok.lower_ in {"meetings", "calls", "conversations", "summits"}) or any(
                c.lower_ in {"separately", "individually", "respectively"} for c in tok.children
            )
            for a, b in pairs(agents, partners, all_pairs=meet and not separate):
                a, b = sorted((a, b))
                relations.append(ctx.relation(a, predicate, b, status, [tok], rule, conf, verb=lemma, date_text=date))
        last_pair = parties[:2] if len(parties) == 2 else last_pair
        if meet or anaphoric:
            last_meeting, last_status = parties, status
            where = places_of(ctx, tok)
            hosting = is_verb and lemma in {"host", "welcome", "receive"}
            destinations = place_objects(ctx, tok, {"to"}) if hosting else []  # "A welcomed B to C"
            if lemma == "welcome":
                where = unique(where + destinations)
            for place in where:
                for party in parties:
                    acting_state = party.startswith("country:")  # "talks between X and Y in C"
                    if party != place and ctx.is_actor(party) and (acting_state or not ctx.is_place(party)):
                        relations.append(
                            ctx.relation(
                                party,
                                MET_AT.name,
                                place,
                                status,
                                [tok],
                                rule.replace(".v1", ".place.v1"),
                                conf,
                                verb=lemma,
                                date_text=date,
                            )
                        )
            if hosting:
                guests = agents if is_passive(tok) else partners  # "B was received by A": B is the guest
                for guest in guests:
                    for place in unique(where + destinations):
                        if ctx.is_person(guest):
                            relations.append(
                                ctx.relation(
                                    guest,
                                    VISITED.name,
                                    place,
                                    status,
                                    [tok],
                                    "visits.hosted.v1",
                                    0.7,
                                    verb=lemma,
                                    date_text=date,
                                )
                            )
    return relations + caption_meetings(ctx, relations)


# A photo caption: "A (left) greets B", "A, right, shakes hands with B".
CAPTION_MARK = re.compile(r"\((?:left|right|center|centre|L|R|C)\)|, (?:left|right|center|centre),")
CAPTION_VERBS = frozenset("greet shake meet talk speak pose embrace welcome hug chat".split())


def caption_meetings(ctx: Context, found: list[Relation]) -> list[Relation]:
    """The people of a photo caption met, where the caption says; read from the words when the parse
    of the caption gave no meeting (the small model often reads 'greets' as a noun there)."""
    out: list[Relation] = []
    if not CAPTION_MARK.search(ctx.doc.text):
        return out
    met = {r.evidence.sent_start for r in found if r.predicate == MET_WITH.name}
    for sent in ctx.doc.sents:
        if sent.start in ctx.skip or not CAPTION_MARK.search(sent.text):
            continue
        trigger = next(
            (t for t in sent if t.lemma_.lower() in CAPTION_VERBS or t.lower_.rstrip("s") in CAPTION_VERBS), None
        )
        if trigger is None:
            continue
        if ctx.sentence_bounds(trigger.i)[0] in met:
            continue
        people = unique([k for t in sent if t.i not in ctx.skip for k in [ctx.key(t)] if ctx.is_person(k)])
        places = unique(
            [
                k
                for t in sent
                if t.dep_ == "pobj" and t.head.lower_ in {"in", "at"}
                for k in [ctx.key(t)]
                if ctx.is_place(k)
            ]
        )
        rule = "meetings.caption.v1"
        for a, b in combinations(people, 2):
            a, b = sorted((a, b))
            out.append(ctx.relation(a, MET_WITH.name, b, OCCURRED, [trigger], rule, 0.65, verb=trigger.lemma_.lower()))
        for person in people if len(people) >= 2 else []:
            for place in places:
                out.append(
                    ctx.relation(
                        person, MET_AT.name, place, OCCURRED, [trigger], rule, 0.6, verb=trigger.lemma_.lower()
                    )
                )
    return out


def calls_someone(verb: Token) -> bool:
    """'A called B' is a phone call; 'A called B a liar' or 'called for' is not."""
    for c in verb.children:
        purpose = c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        if c.dep_ in {"oprd", "ccomp"} or (c.dep_ == "xcomp" and not purpose):
            return False
    for c in verb.children:  # "called for calm", "called on X to act" (but "called X on Sunday")
        if c.dep_ == "prep" and c.lower_ in {"for", "off"}:
            return False
        if c.dep_ == "prep" and c.lower_ == "on" and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children):
            return False
    if any(c.dep_ == "prt" for c in verb.children):
        return False
    return any(c.dep_ == "dobj" for c in verb.children) or any(
        c.dep_ == "prep" and c.lower_ == "with" for c in verb.children
    )
