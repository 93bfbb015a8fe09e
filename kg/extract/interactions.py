"""Conversations (spokeWith) and meetings (metWith, metAt): one family, because news writes both the
same way — a verb or a noun, its subject or possessor, partners after 'with'/'to'/'between', names
before the noun ("the A–B call"), a place after 'in'/'at'.

trigger (TRIGGERS) → frame (PARTNER_PATTERNS, NOUN_PATTERNS and the functions below) → emit.
A summit of several parties gives each pair; two sides ("A and B met with C") give each side's party
with each of the other side's; one speaker with a list of partners gives speaker–partner pairs. Lists
the parser breaks are read from the words ("The leaders of A, B and C attended", listed_before);
representatives stand for what they represent ("met with leaders from Y"). "A told B" and interviews are
conversations with the person or the outlet. A meeting with one named party still places it (metAt); a
meeting that a journey is made for is where the journey leads ("flew to C to meet B").
Who joins, "the talks", "the two leaders", "their meeting" bind to what earlier sentences told
(kg.extract.participants). The parties of a meeting who came from elsewhere visited its place
(kg.extract.visits.visitors); hosting ("A hosted B in C") is a meeting and a visit. Photo captions are
read as scenes (kg.extract.captions).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Token

from kg.annotate import Annotated
from kg.annotate.structure import children_of
from kg.extract.captions import caption_relations
from kg.extract.grammar import (
    SUBJECT_DEPS,
    across,
    actors_of,
    compound_entities,
    group,
    group_of,
    is_passive,
    named_by_noun,
    place_objects,
    prep_objects,
    subject_group,
    subject_tokens,
    unique,
)
from kg.extract.matching import NOUN, Trigger, arguments, find_triggers, path, trigger_lemmas
from kg.extract.modality import date_of, node_cue, status_of
from kg.extract.participants import JOIN_VERBS, Memory, join_last_meeting, sentence_of
from kg.extract.visits import home_base, homes, towns_of, visitors
from kg.lexicon import (
    EVENT_PLACE_VERBS,
    LIGHT_VERBS,
    MEET_NOUNS,
    MEET_VERBS,
    MEETING_ANAPHORA,
    PAIR_NOUNS,
    PAIR_WORDS,
    SEPARATE_WORDS,
    SPEAK_NOUNS,
    SPEAK_VERBS,
    TRAVEL_VERBS,
    VISIT_NOUNS,
)
from kg.relations import MET_AT, MET_WITH, SPOKE_WITH, VISITED
from kg.types import OCCURRED, Relation

# Nouns for a news outlet or its programme: "told VOA's Russian service", "the CBS program": the outlet is
# the name written before the noun.
OUTLET_NOUNS = frozenset(
    """
    service program programme show newspaper paper daily weekly magazine agency network channel broadcaster
    station radio television website outlet tabloid
    """.split()
)
# Dashes between the two sides of a meeting named before it ("the A-B talks").
DASH_WORDS = frozenset({"-", "\u2013", "\u2014"})
# Nouns of a meal or a briefing some named parties hold together: a meeting ("a lunch with B").
MEAL_NOUNS = frozenset({"dinner", "lunch", "luncheon", "breakfast", "briefing"})
# What two parties exchange when they talk ("exchanged views on C").
EXCHANGED = frozenset({"view", "idea", "opinion", "greeting", "pleasantry", "assessment", "message"})
# Verbs whose purpose clause makes a meeting a conversation too ("met with B to discuss").
TALK_PURPOSES = frozenset({"discuss", "talk", "negotiate", "review", "address", "debate"})
# Nouns for those who represent a state or an organization ("leaders of A", "RNC officials").
REPRESENTATIVES = frozenset(
    """
    leader president minister premier head delegation representative envoy official ambassador chief
    diplomat negotiator delegate member counterpart
    """.split()
)
TRIGGERS = (
    Trigger("meet-verb", MEET_VERBS | {"sit"}),  # "sat down with B"
    Trigger("speak-verb", SPEAK_VERBS),
    Trigger("tell-verb", frozenset({"tell"})),  # "A told B", "A told VOA": A spoke with B, or to the outlet
    Trigger("testify-verb", frozenset({"testify"})),  # "A testified before B", "A will testify to B"
    Trigger("interview-verb", frozenset({"interview"})),  # "B interviewed A", "A was interviewed by B"
    Trigger("interview-noun", frozenset({"interview"}), NOUN),  # "said in an interview with B"
    Trigger("discuss-verb", frozenset({"discuss", "negotiate"})),  # "A and B discussed", "negotiated with B"
    Trigger("exchange-verb", frozenset({"exchange"})),  # "the two sides exchanged views": they talked
    Trigger("summon-verb", frozenset({"summon"})),  # "the ministry summoned B's ambassador": a meeting
    Trigger("visit-verb", frozenset({"visit"})),  # "A visited B" (a person): they met
    Trigger("meal-noun", MEAL_NOUNS, NOUN),  # "a dinner with B", "the briefing was conducted by A, B and C"
    Trigger("join-verb", JOIN_VERBS),  # "A, B and C were invited", "D will take part": they join the last meeting
    Trigger("handshake", frozenset({"shake"})),  # "A shakes hands with B": they met in person
    Trigger("meet-noun", MEET_NOUNS, NOUN),
    Trigger("speak-noun", SPEAK_NOUNS, NOUN),
)
TRIGGER_LEMMAS = trigger_lemmas(TRIGGERS)
PREPS = ["prep", "agent", "dative"]
# Partners of a verb: "met B", "spoke with B", "talked to B", "held talks with B", "spoke by phone with B".
PARTNER_PATTERNS = {
    "passive-by": [path((PREPS, ["by"]), ("pobj", None))],
    "object": [path((["dobj", "dative"], None))],
    "with": [path((PREPS, ["with"]), ("pobj", None))],  # "by B" is passive-by's; "by phone" is no partner
    "to": [path((PREPS, ["to"]), ("pobj", None))],
    "object-with": [path(("dobj", None), (PREPS, ["with"]), ("pobj", None))],
    "medium-with": [path((["prep"], ["by", "over", "via"]), ("pobj", None), (PREPS, ["with"]), ("pobj", None))],
    "passive-subject": [path(("nsubjpass", None))],
    "before": [path((PREPS, ["before"]), ("pobj", None))],  # only for testimony: "spoke before X" is also a time
}
# Parties of a noun: "A's meeting with B", "talks between A and B".
NOUN_PATTERNS = {
    "possessor": [path(("poss", None))],
    "noun-with": [path((PREPS, ["with", "of"]), ("pobj", None))],  # a verb's own "with" is in PARTNER_PATTERNS
    "between": [path((PREPS, ["between", "among"]), ("pobj", None))],
}
# Nouns that say several meetings or calls were held, each with the holder ("meetings with A and B").
SEPARATE_NOUNS = frozenset({"meetings", "calls", "conversations", "summits"})
# Words of a call at a distance ("by phone", "a video call").
PHONE_WORDS = frozenset({"phone", "telephone", "phone-call", "phonecall", "video", "videoconference", "call"})
# Nouns that hold a meeting noun ("a second round of talks", "a series of meetings").
CONTAINER_NOUNS = frozenset({"round", "series", "session", "day", "set", "cycle"})
# More verbs whose subject holds or addresses the meeting or call they name ("made calls to B", "told a
# meeting of ministers", "addressed the summit").
HOLDING_VERBS = frozenset({"with", "make", "place", "tell", "address", "brief", "chair", "lead"})
# Prepositions that put the subject of a clause at an event ("spoke at the summit", "after a meeting with B").
AT_EVENT = frozenset({"at", "in", "during", "after", "following", "before"})
# Meetings of many parties, where each met each ("a summit with A, B and C").
MULTILATERAL_NOUNS = frozenset({"summit", "conference", "talks", "gathering", "forum", "session"})
# Verbs that host: the guest visited where they were hosted.
HOST_VERBS = frozenset({"host", "welcome", "receive"})
RULES = {  # (predicate, read from a verb)
    (SPOKE_WITH.name, True): "conversations.verb.v1",
    (SPOKE_WITH.name, False): "conversations.noun.v1",
    ("tell-verb", True): "conversations.told.v1",
    ("testify-verb", True): "conversations.testified.v1",
    ("interview-verb", True): "conversations.interview.v1",
    ("interview-noun", False): "conversations.interview.v1",
    ("discuss-verb", True): "conversations.discuss.v1",
    ("exchange-verb", True): "conversations.exchange.v1",
    ("summon-verb", True): "meetings.summon.v1",
    ("visit-verb", True): "meetings.visit.v1",
    ("meal-noun", False): "meetings.meal.v1",
    (MET_WITH.name, True): "meetings.verb.v1",
    (MET_WITH.name, False): "meetings.noun.v1",
}
PLACE_RULES = {
    "conversations.verb.v1": "conversations.verb.place.v1",
    "conversations.noun.v1": "conversations.noun.place.v1",
    "meetings.verb.v1": "meetings.verb.place.v1",
    "meetings.noun.v1": "meetings.noun.place.v1",
    "meetings.anaphora.v1": "meetings.anaphora.place.v1",
    "meetings.summon.v1": "meetings.summon.place.v1",
    "meetings.visit.v1": "meetings.visit.place.v1",
    "meetings.meal.v1": "meetings.meal.place.v1",
}


@dataclass(frozen=True)
class Frame:
    trigger: Token
    kind: str
    agents: list[str]
    partners: list[str]
    anaphoric: bool = False  # "the talks": the last meeting told
    recalled: bool = False  # its parties come from an earlier sentence ("the two leaders met")

    @property
    def is_verb(self) -> bool:
        return self.kind.endswith("-verb") or self.kind == "handshake"

    @property
    def meet(self) -> bool:
        talks = not self.is_verb and self.trigger.lower_ == "talks"  # "held talks": a meeting where a place is named
        courtesy = self.trigger.lower_ == "call" and any(c.lower_ == "courtesy" for c in children_of(self.trigger))
        meets = {"meet-verb", "meet-noun", "handshake", "summon-verb", "visit-verb", "meal-noun"}
        return self.kind in meets or talks or courtesy  # "paid a courtesy call on B": a visit in person

    @property
    def by_phone(self) -> bool:
        """'spoke by phone', 'on the telephone', 'a phone call': the parties were not together."""
        words = {t.lower_ for t in self.trigger.subtree} | {c.lower_ for c in children_of(self.trigger)}
        return bool(words & PHONE_WORDS) or self.trigger.lower_ in PHONE_WORDS

    @property
    def parties(self) -> list[str]:
        return unique(self.agents + self.partners)


# --- trigger ----------------------------------------------------------------------------------------
def is_trigger(kind: str, tok: Token) -> bool:
    if tok.lemma_.lower() == "sit":  # "A sat down with B" (but "sat down to dinner with B" is the dinner's)
        children = {c.lower_ for c in children_of(tok) if c.dep_ in {"prt", "prep"}}
        return {"down", "with"} <= children
    if kind == "handshake":
        return any(c.lower_ == "hands" for c in children_of(tok))
    if kind == "exchange-verb":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in EXCHANGED for c in children_of(tok))
    if kind == "speak-verb" and tok.lemma_.lower() == "call":
        return calls_someone(tok)
    return True


def calls_someone(verb: Token) -> bool:
    """'A called B' is a phone call; 'A called B a liar' or 'called for' is not."""
    for c in children_of(verb):
        purpose = c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in children_of(c))
        if c.dep_ in {"oprd", "ccomp"} or (c.dep_ == "xcomp" and not purpose):
            return False
    for c in children_of(verb):  # "called for calm", "called on X to act" (but "called X on Sunday")
        if c.dep_ == "prep" and c.lower_ in {"for", "off"}:
            return False
        if c.dep_ == "prep" and c.lower_ == "on" and not any(g.ent_type_ in {"DATE", "TIME"} for g in children_of(c)):
            return False
    if any(c.dep_ == "prt" for c in children_of(verb)):
        return False
    return any(c.dep_ == "dobj" for c in children_of(verb)) or any(
        c.dep_ == "prep" and c.lower_ == "with" for c in children_of(verb)
    )


# --- frame ------------------------------------------------------------------------------------------
def verb_frame(ann: Annotated, verb: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]]:
    """(agents, partners) of an interaction verb."""
    agents = parties_subject(ann, verb)
    partners: list[str] = []
    if is_passive(verb):  # "B was received by A"
        agents = group_of(ann, args.get("passive-subject", []))
        partners = group_of(ann, args.get("passive-by", []))
    partners += named_or_outlet(ann, args.get("object", []))
    partners += named_or_outlet(ann, args.get("with", []))
    # "spoke to A", "welcomed A to C": a city after 'to' is where, not whom (a state may be whom)
    partners += [k for k in named_or_outlet(ann, args.get("to", [])) if not ann.is_place(k) or k.startswith("country:")]
    partners += group_of(ann, args.get("object-with", []))
    partners += group_of(ann, args.get("medium-with", []))
    return agents, partners


def named_or_outlet(ann: Annotated, tokens: list[Token]) -> list[str]:
    """The names these words give; for an outlet's programme ("VOA's Russian service", "the CBS
    program") the organization written before it; for representatives ("the leaders of A and B",
    "senior representatives of Y's government", "RNC officials") what they represent."""
    out = group_of(ann, tokens)
    for each in [t for tok in tokens for t in [tok, *tok.conjuncts]]:
        if ann.key(each) is None and not group(ann, each) and each.lemma_.lower() in REPRESENTATIVES:
            out += [k for k in represented(ann, each) if k not in out]
        if ann.key(each) is None and each.lemma_.lower() in OUTLET_NOUNS and not named_by_noun(ann, each):
            # "VOA's Russian service", "the CBS program", "Spain's El Mundo newspaper": the outlet's name
            owners = [c for c in children_of(each) if c.dep_ == "poss"] + [
                c for c in children_of(each) if c.dep_ == "compound"
            ]
            named = [k for c in owners for k in [ann.key(c)] if k and ann.type(k) == "ORG"]
            out += [k for k in named[:1] if k not in out]
            out += [k for k in [outlet_named_after(ann, each)] if k and k not in out]
    return out


def outlet_named_after(ann: Annotated, noun: Token) -> str | None:
    """'with German newspaper X': the outlet named right after its kind (the parser may hang the name
    elsewhere)."""
    after = noun.i + 1
    k = ann.key(ann.tokens[after]) if after < len(ann.tokens) else None
    return k if k is not None and ann.type(k) == "ORG" else None


def represented(ann: Annotated, noun: Token) -> list[str]:
    """The states and organizations a plural noun of representatives stands for: after 'of'/'from'
    ("leaders from the Y", "representatives of Y's new government"), or before it ("RNC officials",
    "Xian envoys"). One person ("Y's president") is a person, not the state."""
    if noun.tag_ != "NNS":
        return []
    out = [k for k in actors_of(ann, prep_objects(noun, {"of", "from"})) if ann.type(k) in {"GPE", "ORG"}]
    for child in children_of(noun):
        k = ann.key(child) or (ann.country_at(child) if child.dep_ == "amod" else None)
        if child.dep_ in {"compound", "poss", "amod"} and k and ann.type(k) in {"GPE", "ORG"}:
            out.append(k)
    return unique(k for k in out if ann.is_actor(k))


def interview_frame(ann: Annotated, noun: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]]:
    """(interviewee, outlet) of an interview: "his interview with B", "A said in an interview with B",
    "A told B in an interview", "A said in a B interview", "A gave an interview to B"."""
    agents = group_of(ann, args.get("possessor", []))
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    if not agents and (noun.dep_ == "dobj" or verb is not noun.head):
        agents = subject_group(ann, verb)
    partners = named_or_outlet(ann, args.get("noun-with", []) + prep_objects(noun, {"to", "in"}))
    partners += [k for k in compound_entities(ann, noun) if ann.type(k) == "ORG"]
    if noun.dep_ == "dobj":  # "gave an interview to B"
        partners += named_or_outlet(ann, prep_objects(verb, {"to"}))
    return unique(agents), unique(k for k in partners if k not in agents)


def noun_frame(ann: Annotated, noun: Token, args: dict[str, list[Token]]) -> tuple[list[str], list[str]]:
    """(agents, partners) of a meeting or call noun."""
    agents = group_of(ann, args.get("possessor", []))
    if container(noun) is not noun:  # "his latest round of calls"
        agents += group_of(ann, [c for c in children_of(container(noun)) if c.dep_ == "poss"])
    agents += [k for k in compound_entities(ann, noun) if ann.is_person(k) or ann.type(k) == "ORG"]
    agents += hyphenated_parties(ann, noun)
    partners = named_or_outlet(ann, args.get("noun-with", []))
    if noun.lemma_.lower() in SPEAK_NOUNS:  # "calls to the leaders of A and B", "a courtesy call on B"
        partners += named_or_outlet(ann, prep_objects(noun, {"to", "on"}))
    agents += group_of(ann, args.get("between", []))  # each of them is a party
    agents += holders(ann, noun)
    agents += during_which(ann, noun)  # the people of the clause about the meeting are its parties
    agents += their_parties(ann, noun)
    # "A and B flew to C for a summit": the travellers are the parties
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in TRAVEL_VERBS:
        agents += subject_group(ann, noun.head.head)
    return unique(agents), unique(partners)


def hyphenated_parties(ann: Annotated, noun: Token) -> list[str]:
    """'the A-B talks', 'the A–B summit': two states (or people) joined by a dash before a meeting noun
    are its two sides ('the Geneva talks' alone names a place)."""
    words = ann.tokens[noun.left_edge.i : noun.i]
    out: list[str] = []
    for left, dash, right in zip(words, words[1:], words[2:], strict=False):
        a, b = ann.key(left), ann.key(right)
        if dash.text in DASH_WORDS and a and b and a != b and ann.is_actor(a) and ann.is_actor(b):
            out += [a, b]
    return unique(out)


def holders(ann: Annotated, noun: Token) -> list[str]:
    """'A held talks with B', 'A had a meeting with B', 'A hosted a round of talks': the subject of the
    light verb; 'A spoke at the summit', 'A said in a meeting': who was at the meeting."""
    noun = container(noun)
    head = noun.head
    if noun.dep_ in {"dobj", "pobj"} and head.lemma_ in LIGHT_VERBS | SPEAK_VERBS | MEET_VERBS | HOLDING_VERBS:
        return parties_subject(ann, head.head if head.dep_ == "prep" else head)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in LIGHT_VERBS | {"preside", "chair"}:
        return parties_subject(ann, head.head)  # "presided over a meeting with B"
    at = noun.dep_ == "pobj" and head.lower_ in AT_EVENT and head.head.pos_ in {"VERB", "AUX"}
    events = MEET_NOUNS | MEAL_NOUNS | SPEAK_NOUNS  # "In a call with B, A discussed trade"
    if at and noun.lemma_.lower() in events and not any(c.dep_ == "poss" for c in children_of(noun)):
        return parties_subject(ann, head.head)
    if noun.dep_ == "nsubjpass":  # "the briefing will be conducted by A, B and C"
        return group_of(ann, prep_objects(head, {"by"}))
    return []


def container(noun: Token) -> Token:
    """'a round of talks', 'a series of meetings': the noun that stands where the meeting noun would."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in CONTAINER_NOUNS:
        return noun.head.head
    return noun


def parties_subject(ann: Annotated, verb: Token) -> list[str]:
    """The subject of a verb, or when the tree gives no name for it, the list of parties written before
    it ("The leaders of A, B and C attended", "The presidents of A and B – P and Q, respectively – will
    hold talks"): the names after the title, its people if it names them."""
    found = subject_group(ann, verb)
    groups = [s for s in subject_tokens(verb) if s.lemma_.lower() in REPRESENTATIVES and ann.key(s) is None]
    if not found or groups:  # the parser may hang part of the list on the title ("ministers of A and B")
        found = unique(listed_before(ann, verb) + found)
    if not found:  # "NATO ambassadors met", "Xian officials held talks": who they represent
        found = [k for s in groups for k in represented(ann, s)]
    return found


def listed_before(ann: Annotated, verb: Token) -> list[str]:
    sent = verb.sent
    for i in range(verb.i - 1, sent.start, -1):
        tok = ann.tokens[i]
        if tok.tag_ in {"VBD", "VBZ", "VBP"} and tok.dep_ not in {"aux", "auxpass"}:
            return []  # another clause's verb: its subject is not ours
        nxt = ann.tokens[i + 1]
        if tok.tag_ == "NNS" and tok.lemma_.lower() in REPRESENTATIVES and nxt.lower_ in {"of", "from"}:
            opening = ann.tokens[tok.left_edge.i - 1] if tok.left_edge.i > sent.start else None
            if opening is not None and opening.pos_ == "ADP":
                return []  # "calls to the leaders of A and B": not the subject
            keys = unique(ann.key(t) for t in ann.tokens[i + 2 : verb.i] if t.pos_ != "PRON")
            people = [k for k in keys if ann.is_person(k)]
            return people or [k for k in keys if ann.type(k) in {"GPE", "ORG"} and ann.is_actor(k)]
    return []


def their_parties(ann: Annotated, noun: Token) -> list[str]:
    """'A and B pose before their talks': the subjects of the clause are the parties (the parser may
    make a caption's 'left' a verb with A as its subject, hence the conjoined clauses)."""
    if not any(c.dep_ == "poss" and c.lower_ == "their" for c in children_of(noun)):
        return []
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    clauses = [verb, *verb.conjuncts]
    return group_of(ann, [c for v in clauses for c in children_of(v) if c.dep_ in SUBJECT_DEPS])


def during_which(ann: Annotated, noun: Token) -> list[str]:
    """'a meeting on May 2 during which A criticized B': the people of the clause about the meeting.
    Read from the words up to the clause's end; the small model parses these clauses many ways."""
    sent_end = noun.sent.end
    window = [t.lower_ for t in ann.tokens[noun.i + 1 : min(noun.i + 8, sent_end)]]
    for i in range(len(window) - 1):
        if window[i] in {"during", "at", "in", "after"} and window[i + 1] == "which":
            out: list[str] = []
            for tok in ann.tokens[noun.i + i + 3 : sent_end]:
                if tok.is_punct and tok.text not in {"'", "\u2019"}:
                    break
                k = ann.key(tok)
                if ann.is_person(k) and k not in out:
                    out.append(k)
            return out
    return []


def pair_phrase(verb: Token) -> bool:
    """'the two leaders met', 'both sides spoke', 'the two agreed to meet': the subject is the pair
    named just before."""
    while verb.dep_ == "xcomp" and not any(c.dep_ in SUBJECT_DEPS for c in children_of(verb)):
        verb = verb.head
    for subj in (c for c in children_of(verb) if c.dep_ in SUBJECT_DEPS):
        words = {subj.lower_, *(c.lower_ for c in children_of(subj))}
        if subj.lower_ in PAIR_NOUNS | PAIR_WORDS and words & PAIR_WORDS:
            return True
    return False


def refers_to_last_meeting(tok: Token) -> bool:
    """'the talks', 'this meeting', 'A one-on-one meeting took place at C' (the meeting just told)."""
    if tok.lower_ not in MEETING_ANAPHORA and tok.lemma_.lower() not in MEETING_ANAPHORA:
        return False
    return any(c.lower_ in {"the", "this", "that"} for c in children_of(tok)) or (
        tok.dep_ in SUBJECT_DEPS and tok.head.lemma_.lower() in {"take", "hold", "last"}
    )


def frame_of(ann: Annotated, kind: str, tok: Token, args: dict[str, list[Token]], memory: Memory) -> Frame | None:
    verb = kind.endswith("-verb") or kind == "handshake"
    if kind == "interview-noun":
        agents, partners = interview_frame(ann, tok, args)
    else:
        agents, partners = verb_frame(ann, tok, args) if verb else noun_frame(ann, tok, args)
    if kind == "testify-verb":
        partners = [*partners, *group_of(ann, args.get("before", []))]
    agents = [k for k in agents if ann.is_actor(k)]
    partners = [k for k in partners if ann.is_actor(k)]
    if not partners and kind in {"speak-verb", "tell-verb"} and unnamed_audience(ann, args):
        return None  # "A and B spoke to reporters": each spoke to them, not with each other
    if kind in {"tell-verb", "testify-verb", "discuss-verb", "visit-verb"}:
        # "A told the nation", "discussed the situation with Y", "is visiting Y": no conversation with a place
        partners = [k for k in partners if not ann.is_place(k)]
    recalled = False
    if not agents and recalls_pair(tok, verb) and len(memory.last_pair) == 2:
        agents, recalled = list(memory.last_pair), True  # "the two leaders met", "their meeting"
    frame = Frame(tok, kind, agents, partners, recalled=recalled)
    if not frame.parties and not verb and refers_to_last_meeting(tok):
        frame = Frame(tok, kind, list(memory.last_meeting), [], anaphoric=True, recalled=True)
    # a meeting with one party named ("A attended a meeting in C", "Y's envoys met in C") still places it
    group_met = verb and kind == "meet-verb" and not partners and any(ann.type(k) in {"ORG", "GPE"} for k in agents)
    group_met = group_met or (verb and kind == "meet-verb" and not partners and unnamed_audience(ann, args))
    return frame if len(frame.parties) >= 2 or (frame.parties and frame.meet and (not verb or group_met)) else None


def unnamed_audience(ann: Annotated, args: dict[str, list[Token]]) -> bool:
    """Whom a verb's speakers addressed is said, and named by no name: "spoke to reporters", "told a
    rally" ("with each other" is the speakers themselves)."""
    heard = args.get("to", []) + args.get("with", []) + args.get("object", [])
    return any(t.pos_ == "NOUN" and t.lemma_.lower() not in {"other", "another"} and not group(ann, t) for t in heard)


def recalls_pair(tok: Token, verb: bool) -> bool:
    """'the two leaders met', 'the two agreed to hold a meeting', 'their meeting', 'the leaders' talks'."""
    if verb:
        return pair_phrase(tok)
    owners = [c for c in children_of(tok) if c.dep_ == "poss"]
    if any(o.lower_ == "their" or (o.tag_ == "NNS" and o.lemma_.lower() in REPRESENTATIVES) for o in owners):
        return not any(c.dep_ in SUBJECT_DEPS for c in children_of(light_verb(tok)) if c.pos_ != "PRON")
    return pair_phrase(light_verb(tok))


def light_verb(noun: Token) -> Token:
    """The verb that holds a meeting noun ("agreed to hold a meeting": hold), or the noun itself."""
    return noun.head if noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS else noun


# --- where ------------------------------------------------------------------------------------------
def places_of(ann: Annotated, trigger: Token) -> list[str]:
    """Places the event is said to happen in: on the trigger, on its governing verb, before the noun."""
    out = place_objects(ann, trigger, {"in", "at", "inside", "near"})
    # "on board the X", "on the island": a place after 'on' only when it is a facility or a named land
    out += [k for k in place_objects(ann, trigger, {"on"}) if ann.type(k) in {"FAC", "LOC"}]
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "for" and trigger.head.head.lemma_.lower() in TRAVEL_VERBS:
        out += place_objects(ann, trigger.head.head, {"to", "in", "at"})
    if trigger.pos_ == "NOUN":
        sides = hyphenated_parties(ann, trigger)  # "the A-B talks": its sides, not its place
        out += [
            k
            for k in compound_entities(ann, trigger)
            if ann.is_place(k) and not names_people(ann, k) and k not in sides
        ]
    # "will host B at a summit in C", "met for talks at C": the place of the meeting noun the verb names
    for obj in prep_objects(trigger, {"at", "for", "during"}):
        if obj.lemma_.lower() in MEET_NOUNS or obj.lower_ in MEET_NOUNS:
            out += place_objects(ann, obj, {"in", "at"}) + held_at(ann, obj)
    out += held_at(ann, trigger)
    # "on the sidelines of the Y summit in C"; "This evening in C, A met B"
    # (the parser may hang "on the sidelines" on the partner's name: anywhere below the trigger)
    sides = [t for t in trigger.subtree if t.dep_ == "pobj" and t.head.lower_ in {"on", "at"}]
    for side in unique(sides):
        if side.lower_ in {"sidelines", "margins", "sideline", "margin"}:
            for event in prep_objects(side, {"of"}):
                out += place_objects(ann, event, {"in", "at"}) + held_at(ann, event)
            out += place_objects(ann, side, {"in", "at"})  # the parser may hang 'in C' on the sidelines
    for when in (c for c in children_of(trigger) if c.dep_ == "npadvmod" and c.ent_type_ in {"DATE", "TIME"}):
        out += place_objects(ann, when, {"in", "at"})
    out += partner_places(ann, trigger) + governing_places(ann, trigger) + clause_places(ann, trigger)
    out += where_places(ann, trigger) + destination_places(ann, trigger)
    return unique(out + appositive_places(ann, unique(out)))


def where_places(ann: Annotated, trigger: Token) -> list[str]:
    """'travelled to C, where he met B': the place a 'where' clause hangs on."""
    clause = trigger if trigger.dep_ == "relcl" else trigger.head if trigger.head.dep_ == "relcl" else None
    if clause is None or not any(c.lower_ == "where" for c in children_of(clause)):
        return []
    k = ann.entity_in(clause.head)
    return [k] if ann.is_place(k) else []


def destination_places(ann: Annotated, trigger: Token) -> list[str]:
    """'flew to C to meet B', 'took a flight to C to meet B', 'is planning a trip to C to meet with B': the
    meeting is where the journey it is the purpose of leads."""
    purpose = trigger.dep_ in {"advcl", "xcomp"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in children_of(trigger)
    )
    if not purpose:
        return []
    head = trigger.head
    journeys = [head] if head.lemma_.lower() in TRAVEL_VERBS else []
    journeys += [c for c in children_of(head) if c.dep_ in {"dobj", "nsubj"} and c.lemma_.lower() in VISIT_NOUNS]
    return [k for journey in journeys for k in place_objects(ann, journey, {"to"})]


def names_people(ann: Annotated, key: str) -> bool:
    """'the A-B-C summit' read as a place: a hyphened name whose parts are people of the article."""
    parts = ann.name(key).split("-")
    people = {w for k, c in ann.clusters.items() if ann.is_person(k) for n in c.names for w in n.split()}
    return len(parts) > 1 and any(p.strip() in people for p in parts)


def held_at(ann: Annotated, noun: Token) -> list[str]:
    """'a summit held at C', 'talks hosted in C': the place of the participle describing the noun."""
    clauses = [c for c in children_of(noun) if c.dep_ == "acl" and c.lemma_.lower() in EVENT_PLACE_VERBS | {"host"}]
    return [k for c in clauses for k in place_objects(ann, c, {"in", "at", "inside"})]


def partner_places(ann: Annotated, trigger: Token) -> list[str]:
    """'met B in C', 'met with leaders of B in C' read as 'B in C': a place hanging on the partner's name."""
    out: list[str] = []
    for child in children_of(trigger):
        if child.dep_ in {"dobj", "prep", "agent"}:
            for t in child.subtree:
                if t.dep_ == "prep" and t.lower_ in {"in", "at"} and ann.is_actor(ann.key(t.head)):
                    out += place_objects(ann, t.head, {"in", "at"})
    return out


def governing_places(ann: Annotated, trigger: Token) -> list[str]:
    """'are scheduled to meet ... in C': places on the verbs that govern the trigger."""
    out: list[str] = []
    node = trigger
    while node.dep_ in {"xcomp", "nsubj", "nsubjpass", "dobj"} and node.head.i != node.i:
        node = node.head
        out += place_objects(ann, node, {"in", "at", "inside"})
    return out


def clause_places(ann: Annotated, trigger: Token) -> list[str]:
    """'The talks are scheduled to start at noon at C': the place may hang anywhere in the clause."""
    if trigger.dep_ not in SUBJECT_DEPS:
        return []
    out: list[str] = []
    root = trigger.sent.root.i
    for tok in ann.tokens[trigger.i + 1 : trigger.sent.end]:
        anchor = tok.head.head
        where = anchor.lemma_.lower() in EVENT_PLACE_VERBS or (anchor.dep_ == "ROOT" and anchor.i != root)
        if tok.dep_ == "pobj" and tok.head.lower_ in {"in", "at"} and where:
            k = ann.entity_in(tok)
            if ann.is_place(k):
                out.append(k)
    return out


def appositive_places(ann: Annotated, places: list[str]) -> list[str]:
    """'meet in A, B, at C': a place in apposition to a place is also where it happens."""
    more: list[str] = []
    for k in places:
        for m in ann.clusters[k].mentions if k in ann.clusters else ():
            tok = ann.tokens[m.end - 1]
            more += [
                ann.key(c) for c in children_of(tok) if c.dep_ in {"appos", "npadvmod"} and ann.is_place(ann.key(c))
            ]
    return [k for k in more if k]


# --- emit -------------------------------------------------------------------------------------------
def pairs(agents: list[str], partners: list[str], all_pairs: bool) -> list[tuple[str, str]]:
    parties = unique(agents + partners)
    if not agents and not all_pairs:
        return []  # "he spoke to A, B and C" with "he" unknown: A, B and C did not talk to each other
    if all_pairs or not partners:
        return list(combinations(parties, 2))
    return [(a, b) for a in agents for b in partners if a != b]


def emit_pairs(ann: Annotated, frame: Frame, predicate: str, status: str, rule: str, conf: float) -> list[Relation]:
    tok, lemma, date = frame.trigger, frame.trigger.lemma_.lower(), date_of(frame.trigger)
    if frame.kind == "handshake":
        lemma = "meet"
    # "will hold meetings with A and B": several meetings, each with the holder
    separate = (not frame.is_verb and tok.lower_ in SEPARATE_NOUNS) or any(
        c.lower_ in SEPARATE_WORDS for c in children_of(tok)
    )
    out = []
    # "A and B met with C": two sides, A and B each met C; at a summit everyone met everyone
    # "a dinner with A and his wife B", the host unnamed: the other side only, no pair
    multilateral = tok.lemma_.lower() in MULTILATERAL_NOUNS or tok.lower_ in MULTILATERAL_NOUNS  # "talks"
    # "will host A and B at a summit": one meeting of them all
    multilateral = multilateral or any(o.lower_ in MULTILATERAL_NOUNS for o in prep_objects(tok, {"at", "for"}))
    sides = bool(frame.partners) and not multilateral
    all_pairs = predicate == MET_WITH.name and not separate and not sides
    for a, b in pairs(frame.agents, frame.partners, all_pairs=all_pairs):
        a, b = sorted((a, b))
        out.append(ann.relation(a, predicate, b, status, [tok], rule, conf, verb=lemma, date_text=date))
    return out


def emit_places(ann: Annotated, frame: Frame, status: str, rule: str, conf: float, table: dict) -> list[Relation]:
    """metAt for each party where the meeting was; visited for the guests of a host, and for the parties
    who came from elsewhere (see visits.visitors)."""
    tok = frame.trigger
    lemma = "meet" if frame.kind == "handshake" else tok.lemma_.lower()
    date = date_of(tok)
    where = places_of(ann, tok)
    hosting = frame.is_verb and lemma in HOST_VERBS
    destinations = place_objects(ann, tok, {"to"}) if hosting else []  # "A welcomed B to C"
    if lemma == "welcome":
        where = unique(where + destinations)
    out = []
    place_rule = PLACE_RULES[rule]
    own = own_places(ann, tok, frame.partners)
    for place in where:
        for party in frame.parties:
            acting_state = party.startswith("country:")  # "talks between X and Y in C"
            elsewhere = party in own and place not in own[party]  # "met A in X and B in Y": A was not in Y
            if party != place and ann.is_actor(party) and (acting_state or not ann.is_place(party)) and not elsewhere:
                out.append(ann.relation(party, MET_AT.name, place, status, [tok], place_rule, conf, lemma, date))
    if hosting:
        guests = frame.agents if is_passive(tok) else frame.partners  # "B was received by A": B is the guest
        for guest in (g for g in guests if ann.is_person(g)):
            for place in unique(where + destinations):
                out.append(
                    ann.relation(guest, VISITED.name, place, status, [tok], "visits.hosted.v1", 0.7, lemma, date)
                )
    # "flew to C for talks with B": the traveller visited C; B may be the host
    travel = tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in TRAVEL_VERBS
    for party in visitors(ann, frame.agents if travel else frame.parties, where, table) if not frame.by_phone else []:
        for place in (p for p in towns_of(ann, own.get(party, where)) if not home_base(ann, party, p, table)):
            out.append(ann.relation(party, VISITED.name, place, status, [tok], "visits.met-in.v1", 0.65, lemma, date))
    return out


def own_places(ann: Annotated, trigger: Token, partners: list[str]) -> dict[str, list[str]]:
    """'will meet A in X on Tuesday and B in Y on Wednesday': two meetings, each partner at its own place
    (the place on the partner's name, or the one the parser hung on the verb right after the partner).
    Empty unless at least two partners have places of their own and these differ."""
    start, end = trigger.sent.start, trigger.sent.end
    # every person named after the trigger: a second partner the parser hung elsewhere still has a place
    people = [k for k in ann.clusters if ann.is_person(k)]
    heads = [ann.tokens[m.end - 1] for k in people for m in ann.clusters[k].mentions]
    heads = sorted((h for h in heads if trigger.i < h.i < end and h.i >= start), key=lambda h: h.i)
    found: dict[str, list[str]] = {}
    for head in heads:
        places = place_objects(ann, head, {"in", "at"})
        if places and ann.key(head) not in found:
            found[ann.key(head)] = places
    for prep in (c for c in children_of(trigger) if c.dep_ == "prep" and c.lower_ in {"in", "at"}):
        before = [h for h in heads if h.i < prep.i]
        nearest = max(before, key=lambda h: h.i) if before else None
        if nearest is not None and ann.key(nearest) not in found:
            found[ann.key(nearest)] = group_of(ann, [g for g in children_of(prep) if g.dep_ == "pobj"])
    found = {k: [p for p in v if ann.is_place(p)] for k, v in found.items()}
    found = {k: v for k, v in found.items() if v}
    distinct = {tuple(v) for v in found.values()}
    if len(found) < 2 or len(distinct) < 2:
        return {}
    return {k: v for k, v in found.items() if k in partners}


def hosting_city(ann: Annotated, noun: Token) -> list[str]:
    """'C hosted talks': a city (or a state) that hosts a meeting is where it is held."""
    noun = container(noun)
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() == "host":
        return [k for k in subject_group(ann, noun.head) if ann.is_place(k)]
    return []


def talked(trigger: Token) -> bool:
    """A meeting that was also a conversation: talks held in a place, "met with B to discuss C"."""
    if trigger.lower_ == "talks":
        return True
    clauses = [c for c in children_of(trigger) if c.dep_ in {"xcomp", "advcl", "acl", "relcl"}]
    return any(c.lemma_.lower() in TALK_PURPOSES for c in clauses)


def frame_status(frame: Frame, memory: Memory) -> str | None:
    """The status of the event; "said in an interview": the interview took place when the words were said
    (whatever clause the parser hung it on), unless the noun itself says otherwise."""
    tok = frame.trigger
    if frame.kind == "interview-noun" and tok.dep_ == "pobj" and tok.head.lower_ in {"in", "during"}:
        cue = node_cue(tok, True)
        return None if cue == "negated" else cue or OCCURRED
    return status_of(tok, default=memory.last_status if frame.anaphoric else OCCURRED)


def read_frame(ann: Annotated, frame: Frame, memory: Memory, sentence: tuple[int, int]) -> list[Relation]:
    status = frame_status(frame, memory)
    if status is None:
        return []
    predicate = MET_WITH.name if frame.meet else SPOKE_WITH.name
    if frame.meet and frame.trigger.lower_ == "talks" and not frame.anaphoric and not places_of(ann, frame.trigger):
        predicate = SPOKE_WITH.name  # talks with no place named may have been held by phone
    rule = RULES.get((frame.kind, frame.is_verb)) or RULES[(predicate, frame.is_verb)]
    conf = 0.85 if frame.is_verb else 0.75
    out: list[Relation] = []
    if frame.anaphoric:
        rule, conf = "meetings.anaphora.v1", 0.6
    else:
        out += emit_pairs(ann, frame, predicate, status, rule, conf)
    if predicate == MET_WITH.name and not frame.anaphoric and talked(frame.trigger):
        out += emit_pairs(ann, frame, SPOKE_WITH.name, status, "conversations.meeting.v1", conf)
    parties = frame.parties
    if frame.recalled:  # "the two leaders", "the talks": told with the sentence that named them
        since = memory.meeting_sentence[1] if frame.anaphoric else memory.pair_sentence[1]
    if len(parties) == 2 and not frame.recalled:
        memory.last_pair, memory.pair_sentence = parties[:2], sentence
    if frame.meet or frame.anaphoric:
        places = places_of(ann, frame.trigger)
        if not frame.anaphoric or places:
            memory.last_places = places or hosting_city(ann, frame.trigger)
        memory.last_meeting, memory.last_status = parties, status
        memory.meeting_sentence = memory.meeting_sentence if frame.anaphoric else sentence
        out += emit_places(ann, frame, status, rule, conf, memory.homes)
    return across(ann, out, since) if frame.recalled else out


def extract(ann: Annotated) -> list[Relation]:
    relations: list[Relation] = []
    memory = Memory(homes=homes(ann))
    ordinals = {sent.start: n for n, sent in enumerate(ann.doc.sents)}
    args = arguments(ann, TRIGGER_LEMMAS, {**PARTNER_PATTERNS, **NOUN_PATTERNS})
    for kind, tok in find_triggers(ann, TRIGGERS):
        if kind == "join-verb":
            relations += join_last_meeting(ann, tok, memory, ordinals, parties_subject)
            continue
        if not is_trigger(kind, tok):
            continue
        frame = frame_of(ann, kind, tok, args.get(tok.i, {}), memory)
        if frame is not None:
            relations += read_frame(ann, frame, memory, sentence_of(tok, ordinals))
    return relations + caption_relations(ann, memory.homes)
