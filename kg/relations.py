"""The one table of relation types. Everything kg says about a relation type lives in its row here:
its RDF predicate, label and comment, whether it is symmetric, its colour on the page, the event it
makes (with CAMEO code and PLOVER type), the event roles of its two ends, and the module that extracts
it. kg.types, kg.vocab, kg.events, kg.export.rdf, kg.export.html and kg.extract read this table; no
other module lists relation names.

To add a relation type: one row below, one module in kg/extract/ (named in the row), one test file in
tests/extract/. No spaCy here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventKind:
    """A class of event node (`kg:<name>`, a `schema:Event`)."""

    name: str
    comment: str
    cameo: str  # CAMEO code; "" when CAMEO has none
    plover: str  # PLOVER event type
    min_parties: int = 2  # a mention with fewer named parties makes no event


@dataclass(frozen=True)
class Role:
    """A party's role in an event and the RDF property that links the event to it."""

    name: str
    property: str
    comment: str
    # outranks what the entity was first seen as in the same mention (a visitor who also attended is
    # the visitor; the freed person is never a releaser)
    decisive: bool = False


@dataclass(frozen=True)
class RelationType:
    """One row of the table."""

    name: str  # the predicate's local name: kg:<name>
    label: str
    comment: str
    module: str  # the kg.extract module that reads it
    symmetric: bool = False
    color: str = "#888888"  # its edges on the page
    event: str | None = None  # the EventKind a mention of it makes; None: a state, not an event
    subject_role: str | None = None  # the subject's Role in that event
    object_role: str | None = None  # the object's Role; "place" puts the object in schema:location


EVENT_KINDS: dict[str, EventKind] = {
    kind.name: kind
    for kind in (
        EventKind("PhoneCall", "A telephone or video call (CAMEO 041).", "041", "CONSULT"),
        EventKind("Conversation", "Talks not said to be by phone or in person (CAMEO 040).", "040", "CONSULT"),
        EventKind("Meeting", "An in-person meeting (CAMEO 044; 043 when someone hosts).", "044", "CONSULT"),
        EventKind("Visit", "A journey to or stop in a place (CAMEO 042).", "042", "CONSULT", min_parties=1),
        EventKind("Release", "Freeing a person (CAMEO 0841).", "0841", "CONCEDE", min_parties=1),
        EventKind("Sanction", "Imposing sanctions on a party (CAMEO 163).", "163", "SANCTION", min_parties=1),
        EventKind("Other", "Another verb linking parties.", "", "OTHER"),
    )
}
# A meeting someone hosts is CAMEO 043 ("host a visit"), not 044.
HOST_CAMEO = "043"
# A Conversation whose sentence names a telephone or a video link is a PhoneCall.
PHONE_CALL_OF = {"Conversation": "PhoneCall"}

PLACE_ROLE = "place"
ROLES: dict[str, Role] = {
    role.name: role
    for role in (
        Role("attendee", "participant", "A party of a call, meeting or other event."),
        Role("participant", "participant", "A party of a call, meeting or other event."),
        Role("host", "host", "The party that received a visitor."),
        Role("visitor", "visitor", "The person who travelled, in a visit event.", decisive=True),
        Role("releaser", "releaser", "The party that freed someone in a release event."),
        Role("released", "releasedPerson", "The person freed in a release event.", decisive=True),
        Role("sanctioner", "sanctioner", "The organization or country that imposed sanctions."),
        Role("sanctioned", "sanctionTarget", "The party sanctions were imposed on.", decisive=True),
    )
}
# Roles that make a party of an event (places and hosts-only do not count towards its identity).
PARTY_ROLES = frozenset({"attendee", "participant", "host", "visitor", "released", "sanctioned"})

SPOKE_WITH = RelationType(
    "spokeWith",
    "spoke with",
    "Two parties talked: a phone call, talks, a conversation.",
    "kg.extract.interactions",
    symmetric=True,
    color="#e15759",
    event="Conversation",
    subject_role="participant",
    object_role="participant",
)
MET_WITH = RelationType(
    "metWith",
    "met with",
    "Two parties met in person.",
    "kg.extract.interactions",
    symmetric=True,
    color="#2f5f98",
    event="Meeting",
    subject_role="attendee",
    object_role="attendee",
)
MET_AT = RelationType(
    "metAt",
    "met at",
    "A party met someone at this place (facility, city, region).",
    "kg.extract.interactions",
    color="#17becf",
    event="Meeting",
    subject_role="attendee",
    object_role=PLACE_ROLE,
)
RELEASED = RelationType(
    "released",
    "released",
    "The agent that freed someone, to the person freed.",
    "kg.extract.releases",
    color="#f28e2b",
    event="Release",
    subject_role="releaser",
    object_role="released",
)
VISITED = RelationType(
    "visited",
    "visited",
    "A person travelled to or stopped in this place.",
    "kg.extract.visits",
    color="#59a14f",
    event="Visit",
    subject_role="visitor",
    object_role=PLACE_ROLE,
)
AFFILIATED_WITH = RelationType(
    "affiliatedWith",
    "affiliated with",
    "A person leads, serves or represents this organization or country.",
    "kg.extract.roles",
    color="#9c755f",
)
LOCATED_IN = RelationType(
    "locatedIn",
    "located in",
    "A place lies inside this larger place.",
    "kg.extract.places",
    color="#aaaaaa",
)
SANCTIONED = RelationType(
    "sanctioned",
    "sanctioned",
    "An organization or country imposed sanctions on this person, organization or country.",
    "kg.extract.sanctions",
    color="#7f3c8d",
    event="Sanction",
    subject_role="sanctioner",
    object_role="sanctioned",
)
INTERACTED_WITH = RelationType(
    "interactedWith",
    "interacted with",
    "Another verb links the two (thanked, criticized, greeted); the verb is on the statement.",
    "kg.extract.other",
    color="#b07aa1",
    event="Other",
    subject_role="participant",
    object_role="participant",
)

# In extraction order: the generic verb reader (interactedWith) comes last and skips every other
# family's trigger words.
RELATION_TYPES: tuple[RelationType, ...] = (
    AFFILIATED_WITH,
    SPOKE_WITH,
    MET_WITH,
    MET_AT,
    RELEASED,
    VISITED,
    LOCATED_IN,
    SANCTIONED,
    INTERACTED_WITH,
)
BY_NAME: dict[str, RelationType] = {r.name: r for r in RELATION_TYPES}
NAMES: tuple[str, ...] = tuple(r.name for r in RELATION_TYPES)
SYMMETRIC: frozenset[str] = frozenset(r.name for r in RELATION_TYPES if r.symmetric)
# The relation whose statements carry the linking verb itself (filterable by verb).
GENERIC = INTERACTED_WITH.name


def relation_type(name: str) -> RelationType:
    """The row of a relation name; KeyError names the known ones."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown relation {name!r}; known: {', '.join(NAMES)}") from None


def extractor_modules() -> tuple[str, ...]:
    """The extract modules, once each, in table order."""
    return tuple(dict.fromkeys(r.module for r in RELATION_TYPES))
