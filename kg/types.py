"""The small frozen values that flow between kg's stages.

Everything after `kg.nlp`/`kg.mentions`/`kg.extract` works on these, never on spaCy objects, so
resolution, graph building and export are testable without a model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeVar

# Entity types kept from the NER (spaCy's labels). NORP (nationalities) is read for affiliations but is
# never a node of its own: "Russian" is turned into Russia.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")
# A group of people a fact names by description, not by name ("35 Ukrainians held by Russia", "20
# political prisoners"): made by the extraction that uses it, one node per article, never merged.
GROUP = "GROUP"
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})

# Relation types (predicates, symmetry, events) are the rows of kg.relations.

OCCURRED = "occurred"
PLANNED = "planned"
INTENDED = "intended"
STATUSES = (OCCURRED, PLANNED, INTENDED)


T = TypeVar("T")


def copied(obj: T, /, **values: object) -> T:
    """`dataclasses.replace` for these frozen values, made without __init__, which sets each field through
    object.__setattr__ and runs __post_init__ again (twice the cost): for copies made by the hundred
    thousand whose new values need no check (resolution's relations between entity ids, the state's
    shared values, kg.state.slim_result)."""
    made = object.__new__(type(obj))
    made.__dict__.update(obj.__dict__, **values)
    return made


@dataclass(frozen=True)
class Article:
    """One input article. `text` is the article as read; offsets everywhere index into it."""

    doc_id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    # (start, end) character ranges of page chrome ("Select Language:", repeated bylines) that
    # extraction must ignore; blanked out before parsing so every offset stays valid.
    chrome: tuple[tuple[int, int], ...] = ()
    # where `published` was read: "metadata", "file-name" or "dateline" (kg.timex); None without a date
    date_source: str | None = None
    # other files with exactly this text: read once, so a copy is never counted as a second source
    copies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the document, the sentence and the character offsets into the article."""

    doc_id: str
    sentence: str
    sent_start: int
    sent_end: int
    start: int  # the span of the words that triggered the rule (inside the sentence)
    end: int
    rule: str  # versioned rule name, e.g. "meetings.met-verb.v1"


@dataclass(frozen=True)
class Mention:
    """A name in the text: a spaCy entity span after repair, as character offsets into the article."""

    doc_id: str
    start: int
    end: int
    text: str  # the surface form as written (titles removed)
    label: str  # one of ENTITY_TYPES
    sent_start: int = 0


@dataclass(frozen=True)
class LocalEntity:
    """One entity inside one article: a cluster of mentions (name, surname, role phrases)."""

    doc_id: str
    key: str  # unique inside the article
    name: str  # canonical (longest full) name seen in the article
    type: str
    names: tuple[str, ...]  # every surface form seen
    mentions: tuple[Mention, ...] = ()
    # ROLE entities ("the Russian leader"): the country/organization key and role noun, bound to a
    # person by kg.resolve once affiliations from every article are known.
    role_of: str | None = None
    role_noun: str | None = None
    # in-article rules that joined mentions of different names (e.g. "capital-for-state"), for the merge log
    rules: tuple[str, ...] = ()
    # "his Russian counterpart": the local key of the person whose counterpart is meant
    counterpart_of: str | None = None
    # what resolution asks of the mentions (how many; the labels the model gave them), kept where the
    # mentions are not: the build's state leaves them out (kg.state)
    mention_count: int = 0
    mention_labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.mentions:
            object.__setattr__(self, "mention_count", len(self.mentions))
            object.__setattr__(self, "mention_labels", tuple(sorted({m.label for m in self.mentions})))


@dataclass(frozen=True)
class Relation:
    """A fact between two entities with the sentence it came from.

    Inside one article, subject and object are LocalEntity keys; after resolution they are Entity ids.
    """

    subject: str
    predicate: str
    object: str
    status: str
    evidence: Evidence
    confidence: float = 0.8
    verb: str | None = None  # the lemma for generic (OTHER) relations and the trigger word otherwise
    date_text: str | None = None  # a time phrase attached to the trigger ("on August 15")

    def with_ends(self, subject: str, object_: str) -> Relation:
        """This relation between other ends (resolution puts entity ids in place of local keys; `copied`:
        a corpus has a hundred thousand relations, made again by every build)."""
        return copied(self, subject=subject, object=object_)


@dataclass(frozen=True)
class EventMention:
    """An event a sentence reports whose parties no relation links: "B was freed on Monday" names the
    freed person and no releaser, and no releaser is invented. Party keys are local to the article in an
    ArticleResult, entity ids after resolution."""

    kind: str  # a kg.relations EventKind name ("Release")
    status: str
    parties: tuple[tuple[str, str], ...]  # (entity, role)
    evidence: Evidence
    confidence: float = 0.8
    verb: str | None = None
    date_text: str | None = None


@dataclass(frozen=True)
class Entity:
    """One real-world entity across all articles: a node of the graph."""

    id: str  # stable slug, e.g. "person/jane-smith"
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mention_count: int = 0
    documents: tuple[str, ...] = ()
    geonames_id: int | None = None


@dataclass(frozen=True)
class Merge:
    """An audit record: which surface forms were merged into which entity, by which rule."""

    entity_id: str
    names: tuple[str, ...]
    rule: str
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleResult:
    """What extraction yields for one article, before cross-article resolution."""

    article: Article
    entities: tuple[LocalEntity, ...]
    relations: tuple[Relation, ...]
    merges: tuple[Merge, ...] = ()
    mentions: tuple[EventMention, ...] = ()  # events no relation carries
    # (start, end, date phrase) of the article's photo captions that carry their own date (kg.zones): read
    # with the zones at extraction, so dating events does not read every article's zones again
    captions: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class Participant:
    entity_id: str
    role: str  # attendee, participant, visitor, host, releaser, released


@dataclass(frozen=True)
class Event:
    """One call, meeting, visit or release, however many sentences and articles report it."""

    id: str
    kind: str  # PhoneCall, Conversation, Meeting, Visit, Release, Other
    participants: tuple[Participant, ...]
    places: tuple[str, ...]  # entity ids
    status: str
    date: str | None  # ISO 8601: a day, a month ("2025-08"), a year or an interval ("a/b")
    date_text: str | None  # the phrase the date was read from
    cameo: str
    plover: str
    mentions: tuple[Evidence, ...]
    verb: str | None = None
    date_source: str | None = None  # where the date was read: "caption", "sentence" or "sentence+<published's source>"


@dataclass(frozen=True)
class BuildResult:
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    articles: tuple[Article, ...]
    merges: tuple[Merge, ...] = ()
    problems: tuple[str, ...] = field(default=())
    events: tuple[Event, ...] = ()
    event_mentions: tuple[EventMention, ...] = ()  # events no relation carries (entity ids)
    # (doc_id, start, end, date phrase) of every dated photo caption; None when not known (a result built
    # by hand): events then read the articles' zones
    captions: tuple[tuple[str, int, int, str], ...] | None = None
