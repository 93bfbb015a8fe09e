"""visited: a person → a place they travelled to, stopped in, landed in, arrived in, visited.

trigger (TRIGGERS) → frame (DESTINATION_PREPS per verb, and the functions below) → emit.
Verbs of travel with their destination preposition ("flew to", "landed in", "stopped in", "left A for
B", "visited B"), "en route to B", and nouns ("A's visit to B", "his trip to B", "her Paris trip").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Token

from kg import geo
from kg.annotate import COUNTRY_PREFIX, Annotated
from kg.annotate.structure import children_of, span_tokens
from kg.extract.grammar import (
    across,
    compound_entities,
    group,
    group_of,
    prep_objects,
    subject_group,
    subject_tokens,
    unique,
)
from kg.extract.matching import Trigger, find_triggers, once
from kg.extract.modality import date_of, status_of
from kg.lexicon import (
    ARRIVAL_VERBS,
    DEPARTURE_VERBS,
    FACILITY_ENDINGS,
    PLACE_NOUNS,
    TRAVEL_VERBS,
    VISIT_NOUNS,
    VISIT_VERBS,
)
from kg.relations import AFFILIATED_WITH, VISITED
from kg.types import OCCURRED, PLANNED, Relation

# Events one attends in person: who speaks at one, holds or attends one in a place was there.
EVENT_NOUNS = frozenset("rally conference convention summit meeting forum ceremony hearing talks session event".split())
# Verbs whose subject is at the event they name as object ("held a news conference in C"; not "attended":
# a crowd attends a rally at home).
ATTENDING_VERBS = frozenset({"hold", "address", "tell", "host", "chair", "open"})
# Verbs of saying: who said something in a place was there ("In C, A said", "A told reporters in C").
SAY_VERBS = frozenset("say tell speak announce declare add warn insist stress acknowledge".split())
TRIGGERS = (
    Trigger("verb", TRAVEL_VERBS),
    Trigger("said-in", SAY_VERBS),
    Trigger("on-way", frozenset({"way"}), frozenset({"NOUN"})),  # "on her way to C"
    Trigger("be-in", frozenset({"be"}), frozenset({"AUX", "VERB"})),  # "A is in C to discuss trade"
    Trigger("en-route", frozenset({"route"}), frozenset(), by_form=True),
    Trigger("noun", VISIT_NOUNS, frozenset({"NOUN"})),
    Trigger("event", EVENT_NOUNS, frozenset({"NOUN", "PROPN"})),
)
TRIGGER_LEMMAS = TRAVEL_VERBS | VISIT_NOUNS | EVENT_NOUNS | SAY_VERBS | {"way", "be"}
# The prepositions that introduce a travel verb's destination.
DESTINATION_PREPS = {
    "departure": {"for"},
    "arrival": {"in", "at", "on"},
    "visit": {"in", "at"},
    "travel": {"to", "for", "into"},
}
# Verbs whose object is a trip someone makes ("made a visit to", "began a tour of").
TRIP_VERBS = frozenset(
    "make pay begin start end cut plan schedule take undertake wrap conclude complete finish continue extend".split()
)
RULES = {
    "verb": "visits.verb.v2",
    "en-route": "visits.en-route.v1",
    "noun": "visits.noun.v2",
    "event": "visits.event.v1",
    "origin": "visits.origin.v1",
    "said-in": "visits.said-in.v1",
    "on-way": "visits.on-way.v1",
    "be-in": "visits.be-in.v1",
    "companion": "visits.companion.v1",
}
CONFIDENCE = {
    "verb": 0.8,
    "en-route": 0.7,
    "noun": 0.7,
    "event": 0.6,
    "origin": 0.65,
    "said-in": 0.6,
    "on-way": 0.65,
    "be-in": 0.6,
}


# --- who is at home where ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Home:
    """Where a party is at home: the countries they serve and the organizations or places their titles
    name ("the Y Palace adviser", "the Y Ministry spokesman")."""

    countries: frozenset[str] = frozenset()
    seats: frozenset[str] = frozenset()


def homes(ann: Annotated) -> dict[str, Home]:
    """Each party's home (read once per article: visits and interactions both ask)."""
    return once(ann, "visits.homes", read_homes)


def read_homes(ann: Annotated) -> dict[str, Home]:
    """Each party's home, read from the affiliations the titles in the article state."""
    from kg.extract import roles  # the titles are the roles family's reading

    countries: dict[str, set[str]] = defaultdict(set)
    seats: dict[str, set[str]] = defaultdict(set)
    ambassadors: set[str] = set()
    for r in once(ann, roles.__name__, roles.extract):
        if r.predicate != AFFILIATED_WITH.name:
            continue
        country = geo.canonical_country(ann.name(r.object)) if ann.type(r.object) == "GPE" else None
        (countries[r.subject].add(country) if country else seats[r.subject].add(r.object))
        if r.verb == "ambassador":
            ambassadors.add(r.subject)
    postings = posted_to(ann)
    if len(ambassadors) == 1 and len(postings) == 1:  # "the U.S. Ambassador to Y": at home in Y too
        countries[next(iter(ambassadors))] |= postings
    return {k: Home(frozenset(countries[k]), frozenset(seats[k])) for k in set(countries) | set(seats)}


def posted_to(ann: Annotated) -> set[str]:
    """The countries an article's 'ambassador to Y' phrases name ("the Ambassador to the Republic of Y")."""
    out: set[str] = set()
    for tok in ann.tokens:
        if tok.lower_ != "ambassador" or tok.i + 1 >= len(ann.tokens) or ann.tokens[tok.i + 1].lower_ != "to":
            continue
        for nxt in ann.tokens[tok.i + 2 : tok.i + 8]:
            k = ann.key(nxt)
            if k is not None:
                country = geo.canonical_country(ann.name(k)) if ann.type(k) == "GPE" else None
                out |= {country} if country else set()
                break
    return out


def home_countries(ann: Annotated, party: str, table: dict[str, Home]) -> frozenset[str]:
    if party.startswith(COUNTRY_PREFIX) or (ann.type(party) == "GPE" and geo.is_country(ann.name(party))):
        country = geo.canonical_country(ann.name(party))
        return frozenset({country}) if country else frozenset()
    return table.get(party, Home()).countries


def country_of_places(ann: Annotated, places: list[str]) -> str | None:
    """The country a place phrase lies in, read from its largest named place ("C, Florida", "C, Russia")."""
    for k in reversed(places):
        name = ann.name(k)
        place = geo.lookup_place(name)
        country = geo.canonical_country(name) or (place.country if place else None)
        if country:
            return country
    return None


def visitors(
    ann: Annotated, parties: list[str], places: list[str], table: dict[str, Home], sides: list[list[str]] | None = None
) -> list[str]:
    """The people and states among the parties present at these places who travelled there: not those
    in their own country's capital or at their own seat (an official in their own capital, the Y Palace
    spokesman at the Y Palace), nor those at home receiving guests from abroad. A person whose country
    the article does not say is taken to be at home in a capital, and in a country named alone; beside
    others on their side of a meeting ("A and his wife B with C"), B is from where A is from."""
    where = country_of_places(ann, places)
    mine = {p: home_countries(ann, p, table) for p in parties}
    for side in sides or []:
        known = frozenset(c for p in side for c in mine.get(p, ()))
        mine.update({p: known for p in side if p in mine and not mine[p]})
    guests = any(mine[p] and where and where not in mine[p] for p in parties)
    out = []
    for p in parties:
        if (
            not (ann.is_person(p) or (ann.type(p) == "GPE" and mine[p]))
            or p in places
            or at_home(ann, p, places, table, mine[p])
        ):
            continue
        if not any(ann.type(k) in {"GPE", "LOC"} for k in places):
            continue  # a building alone ("at the Y Palace"): whose home it is, the text does not say
        if not mine[p] and (guests or all(geo.is_country(ann.name(k)) for k in places)):
            continue  # unknown: at home in a country named alone, and the host of guests from abroad
        if where and where in mine[p] and (guests or ann.type(p) == "GPE"):
            continue
        out.append(p)
    return out


def towns_of(ann: Annotated, places: list[str]) -> list[str]:
    """What a visit is to: the towns, regions and countries of a place phrase ("the Y Palace in C,
    Z" → C, Z), or its facility when no town is named ("at Y Tower")."""
    towns = [k for k in places if ann.type(k) in {"GPE", "LOC"}]
    return towns or places


def at_home(
    ann: Annotated, party: str, places: list[str], table: dict[str, Home], countries: frozenset[str] | None = None
) -> bool:
    """At their own seat ("the Y Palace adviser at the Y Palace") or in their own capital (when
    their country is not known, in any capital)."""
    home = table.get(party, Home())
    seats = {ann.name(k).lower() for k in home.seats}
    if any(ann.name(k).lower() in seat or k in home.seats for k in places for seat in seats):
        return True
    countries = home_countries(ann, party, table) if countries is None else countries
    # a country named like its capital ("Kuwait", "Singapore") is the country here
    capitals = [c for k in places if not geo.is_country(ann.name(k)) and (c := geo.country_of_capital(ann.name(k)))]
    return any(c in countries or not countries for c in capitals)


def verb_class(lemma: str) -> str:
    if lemma in DEPARTURE_VERBS:
        return "departure"
    if lemma in ARRIVAL_VERBS:
        return "arrival"
    return "visit" if lemma in VISIT_VERBS else "travel"


def destinations(ann: Annotated, verb: Token) -> list[str]:
    lemma = verb.lemma_.lower()
    preps = DESTINATION_PREPS[verb_class(lemma)]
    # "will travel next to C", "flew on to C": 'to' hung on the adverb ("flew back to C" may be home)
    adverbs = [
        c for c in children_of(verb) if c.dep_ in {"advmod", "prt"} and c.pos_ in {"ADV", "ADP"} and c.lower_ != "back"
    ]
    objects = prep_objects(verb, preps) + [o for a in adverbs for o in prep_objects(a, preps)]
    places = group_of(ann, objects)
    if any(o.lemma_.lower() in PLACE_NOUNS and ann.key(o) is None for o in objects):
        # "flew to the capital, C,": the parser hangs the name on the verb
        places += group_of(ann, [c for c in children_of(verb) if c.dep_ in {"npadvmod", "appos"}])
    if verb_class(lemma) == "arrival":  # "arrived for talks in C"
        purposes = [o for o in prep_objects(verb, {"for"}) if ann.key(o) is None]
        places += group_of(ann, [g for o in purposes for g in prep_objects(o, {"in"})])
    # "travelled to a naval base in C": the place of the unnamed site
    unnamed = [o for o in objects if ann.key(o) is None and o.lemma_.lower() in PLACE_NOUNS | FACILITY_ENDINGS]
    places += group_of(ann, [g for o in unnamed for g in prep_objects(o, {"in"})])
    if lemma in VISIT_VERBS:
        # "visited there and C": the parser may hang the listed place on the verb itself
        objects = [c for c in children_of(verb) if c.dep_ == "dobj" or (c.dep_ == "conj" and c.pos_ == "PROPN")]
        places += group_of(ann, objects)
        # "toured a factory in C": the place of what was visited
        places += group_of(ann, [g for o in objects if ann.key(o) is None for g in prep_objects(o, {"in", "at"})])
    return [k for k in places if ann.is_place(k)]


def verb_frame(ann: Annotated, tok: Token) -> tuple[list[str], list[str]]:
    travellers = subject_group(ann, tok)
    if not travellers:  # "A was flown to B", "A was taken to B"
        travellers = group_of(ann, [c for c in children_of(tok) if c.dep_ == "nsubjpass"])
    return travellers + companions(ann, tok), destinations(ann, tok)


def companions(ann: Annotated, verb: Token) -> list[str]:
    """'A, accompanied by B, arrived in C', 'Accompanied by his wife B, A flew to C': B travelled too."""
    subjects = [c for c in children_of(verb) if c.dep_ in {"nsubj", "nsubjpass"}]
    heads = [
        c
        for c in [*children_of(verb), *(g for s in subjects for g in children_of(s))]
        if c.lemma_.lower() == "accompany"
    ]
    agents = [g for h in heads for c in children_of(h) if c.dep_ == "agent" for g in children_of(c) if g.dep_ == "pobj"]
    return group_of(ann, agents)


def en_route_frame(ann: Annotated, tok: Token) -> tuple[list[str], list[str]]:
    """'stopped in A en route to B'."""
    if tok.i == 0 or ann.tokens[tok.i - 1].lower_ != "en":
        return [], []
    targets = prep_objects(tok, {"to"})
    if not targets and tok.i + 1 < len(ann.tokens) and ann.tokens[tok.i + 1].lower_ == "to":
        targets = [g for g in children_of(ann.tokens[tok.i + 1]) if g.dep_ == "pobj"]  # 'to' hung on the verb
    main = tok.head
    while main.dep_ not in {"ROOT"} and main.pos_ != "VERB" and main.head.i != main.i:
        main = main.head
    return group_of(ann, subject_tokens(main)), [k for k in group_of(ann, targets) if ann.is_place(k)]


def noun_frame(ann: Annotated, tok: Token) -> tuple[list[str], list[str]]:
    """ "A's visit to B", "his trip to B", "her Paris trip", "made a visit to B"."""
    places = [k for k in group_of(ann, prep_objects(tok, {"to", "in"})) if ann.is_place(k)]
    owner = {t.i for c in children_of(tok) if c.dep_ == "poss" for t in c.subtree}  # "U.S. President A's visit"
    places += [k for k in compound_entities(ann, tok) if ann.is_place(k) and not owned(ann, k, owner)]
    travellers = [k for c in children_of(tok) if c.dep_ == "poss" for k in group(ann, c)]
    travellers += [k for k in compound_entities(ann, tok) if ann.is_person(k)]
    if tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.pos_ in {"AUX", "VERB"}:
        travellers += subject_group(ann, tok.head.head)  # "A is on a three-day visit to C"
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in TRIP_VERBS:
        travellers += subject_group(ann, tok.head)
        # "made a stop in C", "paid a visit to C": the place hung on the verb
        places += [k for k in group_of(ann, prep_objects(tok.head, {"to", "in"})) if ann.is_place(k)]
    return travellers, places


def owned(ann: Annotated, key: str, owner: set[int]) -> bool:
    return any(ann.key(ann.tokens[i]) == key for i in owner)


def event_frame(ann: Annotated, noun: Token) -> tuple[list[str], list[str]]:
    """'A spoke at a rally in C', 'Speaking at the Y conference in C, A said', 'A held a news conference
    in C', 'A said in a meeting in C', 'A attended the C summit': A was in C."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in {"at", "during", "in", "to"} and head.head.pos_ in {"VERB", "AUX"}:
        verb = head.head
    elif noun.dep_ == "dobj" and head.lemma_.lower() in ATTENDING_VERBS:
        verb = head
    else:
        return [], []
    places = [k for k in group_of(ann, prep_objects(noun, {"in", "at"})) if ann.is_place(k)]
    places += [k for k in compound_entities(ann, noun) if ann.is_place(k)]
    for clause in (c for c in children_of(noun) if c.dep_ == "acl"):  # "a summit held at C"
        places += [k for k in group_of(ann, prep_objects(clause, {"in", "at"})) if ann.is_place(k)]
    places += [k for k in group_of(ann, prep_objects(verb, {"in", "at"})) if ann.is_place(k)]
    return subject_group(ann, verb), unique(places)


def said_in_frame(ann: Annotated, verb: Token) -> tuple[list[str], list[str]]:
    """'In C on Monday, A said', 'A told reporters in C', 'A, speaking in C, said': the speaker was in
    the place named on the verb."""
    places = [k for k in group_of(ann, prep_objects(verb, {"in"})) if ann.type(k) in {"GPE", "LOC"}]
    speakers = group_of(ann, [verb.head]) if verb.dep_ == "acl" else subject_group(ann, verb)
    return (speakers, places) if places else ([], [])


def way_frame(ann: Annotated, noun: Token) -> tuple[list[str], list[str]]:
    """'on her way to C', 'A stopped in B on his way back to C': the traveller is heading to C."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "on":
        return [], []
    owners = [c for c in children_of(noun) if c.dep_ == "poss"]
    travellers = group_of(ann, owners) or subject_group(ann, noun.head.head)
    targets = prep_objects(noun, {"to"}) + [
        g for c in children_of(noun) if c.lower_ == "back" for g in prep_objects(c, {"to"})
    ]
    return (travellers, [k for k in group_of(ann, targets) if ann.is_place(k)]) if owners else ([], [])


def origin_frame(ann: Annotated, verb: Token) -> tuple[list[str], list[str]]:
    """'A left C for D', 'boarded a plane to leave C': A was in C."""
    objects = [c for c in children_of(verb) if c.dep_ == "dobj"]
    return verb_frame(ann, verb)[0], [k for k in group_of(ann, objects) if ann.is_place(k)]


FRAMES = {
    "verb": verb_frame,
    "en-route": en_route_frame,
    "noun": noun_frame,
    "event": event_frame,
    "said-in": said_in_frame,
    "on-way": way_frame,
    "be-in": said_in_frame,  # "A is in C", "A was in C last week": the subject, the place on the verb
}


def extract(ann: Annotated) -> list[Relation]:
    relations: list[Relation] = []
    table = homes(ann)
    for kind, tok in find_triggers(ann, TRIGGERS):
        relations += read(ann, kind, tok, FRAMES[kind](ann, tok), table)
        if kind == "verb" and tok.lemma_.lower() in DEPARTURE_VERBS:
            relations += read(ann, "origin", tok, origin_frame(ann, tok), table)
    return relations + at_their_side(ann, relations)


def at_their_side(ann: Annotated, relations: list[Relation]) -> list[Relation]:
    """A caption's 'At his side are his wife B and daughter C.': B and C were where he was in the
    sentence before (as this family or the captions read it); the evidence runs over both sentences."""
    from kg.extract import interactions  # captions are the interactions family's reading

    relations = relations + once(ann, interactions.__name__, interactions.extract)
    out = []
    sents = list(ann.doc.sents)
    for before, sent in zip(sents, sents[1:], strict=False):
        words = [t for t in span_tokens(sent) if not t.is_space]
        if len(words) < 5 or [w.lower_ for w in words[:1] + words[2:3]] != ["at", "side"] or words[1].tag_ != "PRP$":
            continue
        owner = ann.key(words[1])
        people = unique(k for t in words[3:] if (k := ann.key(t)) and ann.is_person(k) and k != owner)
        facts = [
            ann.relation(person, VISITED.name, r.object, r.status, [words[2]], "visits.companion.v1", 0.6)
            for r in relations
            if r.predicate == VISITED.name
            and (owner is None or r.subject == owner)
            and r.evidence.sent_start == before.start_char
            for person in people
        ]
        out += across(ann, facts, before.start_char)
    return out


def read(ann: Annotated, kind: str, tok: Token, frame: tuple[list[str], list[str]], table: dict) -> list[Relation]:
    """visited, for each traveller and place of a frame; who was present at an event (not travelling to
    it) only when they came from elsewhere (see visitors); nobody visits their own seat or capital."""
    travellers, places = [k for k in frame[0] if ann.is_person(k)], frame[1]
    if kind in {"event", "origin", "said-in", "be-in"}:
        travellers = visitors(ann, travellers, places, table)
        places = towns_of(ann, places)
    if kind in {"said-in", "be-in"}:  # being somewhere is a visit only for who is known to come from abroad
        where = country_of_places(ann, places)
        travellers = [p for p in travellers if where and (home := home_countries(ann, p, table)) and where not in home]
    if not travellers or not places:
        return []
    # "stopped in A en route to B", "left for B": B lies ahead
    ahead = kind in {"en-route", "on-way"} or (kind == "verb" and tok.lemma_.lower() in DEPARTURE_VERBS)
    status = status_of(tok, default=PLANNED if ahead else OCCURRED)
    if status is None:
        return []
    lemma, date, out = tok.lemma_.lower(), date_of(tok), []
    for person in travellers:
        for place in places:
            if not home_base(ann, person, place, table):
                out.append(
                    ann.relation(person, VISITED.name, place, status, [tok], RULES[kind], CONFIDENCE[kind], lemma, date)
                )
    return out


def home_base(ann: Annotated, person: str, place: str, table: dict[str, Home]) -> bool:
    """Their own seat ("the Y Palace spokesman ... the Y Palace"), their own country's capital or the
    country itself when the article says which country they serve ("the Xian president returned to the
    Xian capital"; a tour of its provinces visits the provinces, not the country)."""
    home = table.get(person, Home())
    countries = home_countries(ann, person, table)
    name = ann.name(place)
    own_country = geo.is_country(name) and geo.canonical_country(name) in countries  # travelling within it
    capital = not geo.is_country(name) and geo.country_of_capital(name) in countries
    return place in home.seats or (bool(countries) and (own_country or capital))
