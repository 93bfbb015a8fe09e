"""Events: each call, meeting, visit and release as one node, however many sentences report it.

An event mention is the set of relations one trigger word produced in one sentence ("are scheduled to
meet in C": metWith A–B, metAt C for both). Mentions become one event when kind, status and parties
agree and their dates do not conflict (one may be undated); so the same summit told by two outlets is
one event, and a 2019 meeting and a 2025 one between the same people are two. No spaCy here.

A mention's date is the date of a photo caption it was read in ("FILE - A meets B in C, May 3, 2016."),
else its time phrase, normalized against the publication date; `date_source` says which (kg.timex).

Which relation makes which kind of event, with which roles, CAMEO code and PLOVER type, is read from
kg.relations.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from kg.relations import BY_NAME, EVENT_KINDS, GENERIC, HOST_CAMEO, PARTY_ROLES, PHONE_CALL_OF, PLACE_ROLE, ROLES
from kg.timex import FROM_CAPTION, FROM_SENTENCE, TimeValue, caption_value, normalize
from kg.types import OCCURRED, Article, BuildResult, Event, EventMention, Evidence, Participant, Relation
from kg.zones import POSITION_MARK, dated_captions, find_zones

PHONE_CUES = ("phone", "telephone", "call", "video link", "videoconference", "dialed", "dialled", "rang")
HOST_VERBS = frozenset({"host", "receive", "welcome"})
GRANULARITY_RANK = {"day": 4, "week": 3, "month": 2, "year": 1, "decade": 0}
# relation name -> the family of events its mentions make (a call's kind is decided per mention)
EVENT_FAMILY = {name: PHONE_CALL_OF.get(row.event, row.event) for name, row in BY_NAME.items() if row.event}


@dataclass
class Draft:
    """An event being assembled from mentions."""

    kind: str
    status: str
    roles: dict[str, str] = field(default_factory=dict)  # entity id → role
    places: list[str] = field(default_factory=list)
    mentions: list[Evidence] = field(default_factory=list)
    verb: str | None = None
    date: str | None = None
    date_text: str | None = None
    interval: tuple[dt.date, dt.date] | None = None
    rank: int = -1
    date_source: str | None = None

    def parties(self) -> frozenset[str]:
        return frozenset(e for e, r in self.roles.items() if r in PARTY_ROLES)


def mention_of(relations: list[Relation], articles: Articles) -> Draft | None:
    first = relations[0]
    kind = event_kind(first)
    draft = Draft(kind=kind, status=first.status, verb=first.verb, mentions=[first.evidence])
    for r in relations:
        row = BY_NAME[r.predicate]
        add_role(draft, r.subject, row.subject_role or "participant")
        add_role(draft, r.object, row.object_role or "participant")
    if len(draft.parties()) < EVENT_KINDS[kind].min_parties:
        return None
    date_draft(draft, first.evidence, next((r.date_text for r in relations if r.date_text), None), articles)
    draft.places = sorted(set(draft.places))
    return draft


def date_draft(draft: Draft, evidence: Evidence, date_text: str | None, articles: Articles) -> None:
    article = articles.by_id.get(evidence.doc_id)
    caption = caption_date(articles.captions.get(evidence.doc_id, []), evidence) if article else None
    if caption is not None:  # a photo caption's own date dates what it shows, not the story's phrase
        dated(draft, caption, FROM_CAPTION)
    elif date_text:
        set_date(draft, date_text, article)


def draft_of(mention: EventMention, articles: Articles) -> Draft | None:
    """An event mention no relation carries ("B was freed on Monday": B, and no releaser)."""
    draft = Draft(kind=mention.kind, status=mention.status, verb=mention.verb, mentions=[mention.evidence])
    for entity, role in mention.parties:
        add_role(draft, entity, role)
    if mention.kind not in EVENT_KINDS or len(draft.parties()) < EVENT_KINDS[mention.kind].min_parties:
        return None
    date_draft(draft, mention.evidence, mention.date_text, articles)
    draft.places = sorted(set(draft.places))
    return draft


def event_kind(r: Relation) -> str:
    """The event kind of a relation's row; a conversation by phone or video link is a phone call."""
    kind = BY_NAME[r.predicate].event or "Other"
    refined = PHONE_CALL_OF.get(kind)
    if refined and any(cue in r.evidence.sentence.lower() for cue in PHONE_CUES):
        return refined
    return kind


def add_role(draft: Draft, entity: str, role: str) -> None:
    if role == PLACE_ROLE:
        draft.places.append(entity)
    elif role in ROLES and ROLES[role].decisive:
        draft.roles[entity] = role
    else:
        draft.roles.setdefault(entity, role)


def set_date(draft: Draft, phrase: str, article: Article | None) -> None:
    future = draft.status != OCCURRED
    value = normalize(phrase, article.published if article else None, prefer_future=future)
    draft.date_text = phrase
    if value.start is None:
        return
    # a phrase that needed the publication date ("on Friday") says which source that date came from
    absolute = normalize(phrase, None, prefer_future=future).start is not None
    source = FROM_SENTENCE if absolute or article is None else f"{FROM_SENTENCE}+{article.date_source}"
    dated(draft, value, source)


def dated(draft: Draft, value: TimeValue, source: str) -> None:
    draft.date_text = value.phrase
    if value.start is None:
        return
    draft.date = value.iso()
    draft.interval = (value.start, value.end or value.start)
    draft.rank = GRANULARITY_RANK.get(value.granularity, 0)
    draft.date_source = source


def caption_date(captions: list[tuple[int, int, TimeValue]], evidence: Evidence) -> TimeValue | None:
    """The own date of the photo caption a mention was read in: a dated FILE caption (of the article's
    `captions`), or a sentence marking who stands where ("A, left, greets B in C, May 3, 2016.")."""
    for start, end, value in captions:
        if start <= evidence.start < end:
            return value
    return marked_caption_value(evidence.sentence)


@lru_cache(maxsize=4096)
def marked_caption_value(sentence: str) -> TimeValue | None:
    """The date of a sentence marking who stands where, read once per sentence (a sentence holds
    several mentions, and a build reads every article's mentions again)."""
    return caption_value(sentence) if POSITION_MARK.search(sentence) else None


def agree(a: Draft, b: Draft) -> bool:
    """Whether two drafts of the same kind, status and parties (build_events compares only such drafts) are
    one event: their places (of a visit) and their dates do not conflict."""
    if a.kind == "Visit" and a.places and b.places and not set(a.places) & set(b.places):
        return False
    if a.interval and b.interval:
        return a.interval[0] <= b.interval[1] and b.interval[0] <= a.interval[1]
    return True


def absorb(into: Draft, other: Draft) -> None:
    for entity, role in other.roles.items():
        into.roles.setdefault(entity, role)
    into.places = sorted(set(into.places) | set(other.places))
    into.mentions.extend(other.mentions)
    if other.rank > into.rank:
        into.date, into.date_text, into.interval, into.rank = other.date, other.date_text, other.interval, other.rank
        into.date_source = other.date_source
    elif into.date_text is None:
        into.date_text = other.date_text


@dataclass(frozen=True)
class Articles:
    """The articles events are read from, by id, and the dated photo captions of each."""

    by_id: dict[str, Article]
    captions: dict[str, list[tuple[int, int, TimeValue]]]


def articles_of(result: BuildResult) -> Articles:
    """The captions extraction found (what resolve passes on); for a result built by hand without them,
    read from the articles' zones."""
    found = result.captions
    if found is None:
        found = tuple((a.doc_id, *c) for a in result.articles for c in dated_captions(find_zones(a.text)))
    captions: dict[str, list[tuple[int, int, TimeValue]]] = defaultdict(list)
    for doc_id, start, end, phrase in found:
        value = caption_value(phrase)
        if value is not None:
            captions[doc_id].append((start, end, value))
    return Articles({a.doc_id: a for a in result.articles}, dict(captions))


def build_events(result: BuildResult) -> tuple[Event, ...]:
    """The events of a build, merged across sentences and articles, sorted by date then id."""
    articles = articles_of(result)
    groups: dict[tuple, list[Relation]] = defaultdict(list)
    for r in result.relations:
        family = EVENT_FAMILY.get(r.predicate)
        if family is None:
            continue
        groups[
            (r.evidence.doc_id, r.evidence.start, family, r.status, r.verb if r.predicate == GENERIC else "")
        ].append(r)
    drafts: list[Draft] = []
    for key in sorted(groups):
        draft = mention_of(groups[key], articles)
        if draft is None:
            continue
        # dated mentions first, so undated ones join the event whose date they do not contradict
        drafts.append(draft)
    drafts += [d for d in (draft_of(m, articles) for m in result.event_mentions) if d is not None]
    drafts.sort(key=lambda d: (-d.rank, d.mentions[0].doc_id, d.mentions[0].start))
    events: list[Draft] = []
    # candidates share kind, status and parties: index on them so merging stays linear
    index: dict[tuple[str, str, frozenset[str]], list[Draft]] = defaultdict(list)
    for draft in drafts:
        bucket = index[(draft.kind, draft.status, draft.parties())]
        # (a draft absorbing another of its bucket keeps its parties: they are the same)
        target = next((e for e in bucket if agree(e, draft)), None)
        if target is None:
            events.append(draft)
            bucket.append(draft)
        else:
            absorb(target, draft)
    return tuple(sorted((to_event(d) for d in events), key=lambda e: (e.date or "9999", e.id)))


def to_event(draft: Draft) -> Event:
    mentions = tuple(sorted(set(draft.mentions), key=lambda ev: (ev.doc_id, ev.start, ev.rule)))
    first = mentions[0]
    ident = hashlib.sha1(f"{draft.kind}|{first.doc_id}|{first.start}|{draft.status}".encode()).hexdigest()[:12]
    kind = EVENT_KINDS[draft.kind]
    cameo = HOST_CAMEO if draft.kind == "Meeting" and draft.verb in HOST_VERBS else kind.cameo
    return Event(
        id=f"{draft.kind.lower()}-{ident}",
        kind=draft.kind,
        participants=tuple(Participant(e, r) for e, r in sorted(draft.roles.items())),
        places=tuple(draft.places),
        status=draft.status,
        date=draft.date,
        date_text=draft.date_text,
        cameo=cameo,
        plover=kind.plover,
        mentions=mentions,
        verb=draft.verb,
        date_source=draft.date_source,
    )
