"""visited: a person → a place they travelled to, stopped in, landed in, arrived in, visited.

Verbs of travel with their destination preposition ("flew to", "landed in", "stopped in", "left A for
B", "visited B"), "en route to B", and nouns ("A's visit to B", "his trip to B", "her Paris trip").
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.common import compound_entities, group_of, prep_objects, subject_group, subject_tokens
from kg.extract.context import Context
from kg.extract.modality import date_of, status_of
from kg.lexicon import DEPARTURE_VERBS, PLACE_NOUNS, TRAVEL_PREPS, TRAVEL_VERBS, VISIT_NOUNS
from kg.relations import VISITED
from kg.types import OCCURRED, PLANNED, Relation

ARRIVAL_VERBS = frozenset({"arrive", "land", "stop"})


def destinations(ctx: Context, verb: Token) -> list[str]:
    lemma = verb.lemma_.lower()
    if lemma in DEPARTURE_VERBS:
        preps = {"for"}
    elif lemma in ARRIVAL_VERBS:
        preps = {"in", "at", "on"}
    elif lemma in {"visit", "tour"}:
        preps = {"in", "at"}  # "toured a factory in C" with 'in C' on the verb
    else:
        preps = {"to", "for", "into"}
    objects = prep_objects(verb, preps & TRAVEL_PREPS | preps)
    places = group_of(ctx, objects)
    if any(o.lemma_.lower() in PLACE_NOUNS and ctx.key(o) is None for o in objects):
        # "flew to the capital, C,": the parser hangs the name on the verb
        places += group_of(ctx, [c for c in verb.children if c.dep_ in {"npadvmod", "appos"}])
    if lemma in {"visit", "tour"}:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        places += group_of(ctx, objects)
        # "toured a factory in C": the place of what was visited
        places += group_of(ctx, [g for o in objects if ctx.key(o) is None for g in prep_objects(o, {"in", "at"})])
    # "flew to A, B": the appositive place names the same destination more precisely
    return [k for k in places if ctx.is_place(k)]


def extract(ctx: Context) -> list[Relation]:
    relations: list[Relation] = []
    for tok in ctx.tokens:
        if tok.i in ctx.skip:
            continue
        lemma = tok.lemma_.lower()
        travellers: list[str] = []
        places: list[str] = []
        rule = ""
        if (tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")) and lemma in TRAVEL_VERBS:
            places = destinations(ctx, tok)
            travellers = subject_group(ctx, tok)
            if not travellers:  # "A was flown to B", "A was taken to B"
                travellers = group_of(ctx, [c for c in tok.children if c.dep_ == "nsubjpass"])
            rule = "visits.verb.v1"
        elif tok.lower_ == "route" and tok.i > 0 and ctx.doc[tok.i - 1].lower_ == "en":
            targets = prep_objects(tok, {"to"})
            if not targets and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
                targets = [g for g in ctx.doc[tok.i + 1].children if g.dep_ == "pobj"]  # 'to' hung on the verb
            places = [k for k in group_of(ctx, targets) if ctx.is_place(k)]
            main = tok.head
            while main.dep_ not in {"ROOT"} and main.pos_ != "VERB" and main.head.i != main.i:
                main = main.head
            travellers = group_of(ctx, subject_tokens(main))
            rule = "visits.en-route.v1"
        elif tok.pos_ == "NOUN" and lemma in VISIT_NOUNS:
            places = [k for k in group_of(ctx, prep_objects(tok, {"to", "in"})) if ctx.is_place(k)]
            places += [k for k in compound_entities(ctx, tok) if ctx.is_place(k)]
            travellers = [k for c in tok.children if c.dep_ == "poss" for k in ctx.group(c)]
            travellers += [k for k in compound_entities(ctx, tok) if ctx.is_person(k)]
            if tok.dep_ in {"dobj"} and tok.head.lemma_.lower() in {"make", "pay", "begin", "start", "end", "cut"}:
                travellers += subject_group(ctx, tok.head)
            rule = "visits.noun.v1"
        travellers = [k for k in travellers if ctx.is_person(k)]
        if not travellers or not places:
            continue
        # "stopped in A en route to B", "left for B": B lies ahead
        ahead = rule == "visits.en-route.v1" or (rule == "visits.verb.v1" and lemma in DEPARTURE_VERBS)
        status = status_of(tok, default=PLANNED if ahead else OCCURRED)
        if status is None:
            continue
        date = date_of(tok)
        for person in travellers:
            for place in places:
                relations.append(
                    ctx.relation(
                        person,
                        VISITED.name,
                        place,
                        status,
                        [tok],
                        rule,
                        0.8 if rule == "visits.verb.v1" else 0.7,
                        verb=lemma,
                        date_text=date,
                    )
                )
    return relations
