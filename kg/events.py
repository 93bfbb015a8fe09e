"""Events: each call, meeting, visit and release as one node, however many sentences report it.

An event mention is the set of relations one trigger word produced in one sentence ("are scheduled to
meet in C": metWith A–B, metAt C for both). Mentions become one event when kind, status and parties
agree and their dates do not conflict (one may be undated); so the same summit told by two outlets is
one event, and a 2019 meeting and a 2025 one between the same people are two. No spaCy here.

Codes: CAMEO (041 discuss by telephone, 042 make a visit, 043 host a visit, 044 meet at a third
location, 0841 release persons, 040 consult) and PLOVER event types (CONSULT, CONCEDE).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from kg.types import (
    MET_AT,
    MET_WITH,
    OCCURRED,
    OTHER,
    RELEASED,
    SPOKE_WITH,
    VISITED,
    Article,
    BuildResult,
    Event,
    Evidence,
    Participant,
    Relation,
)

CAMEO = {"PhoneCall": "041", "Conversation": "040", "Meeting": "044", "Visit": "042", "Release": "0841", "Other": ""}
HOST_CAMEO = "043"
PLOVER = {
    "PhoneCall": "CONSULT",
    "Conversation": "CONSULT",
    "Meeting": "CONSULT",
    "Visit": "CONSULT",
    "Release": "CONCEDE",
    "Other": "OTHER",
}
PHONE_CUES = ("phone", "telephone", "call", "video link", "videoconference", "dialed", "dialled", "rang")
HOST_VERBS = frozenset({"host", "receive", "welcome"})
FAMILY = {
    MET_WITH: "meeting",
    MET_AT: "meeting",
    SPOKE_WITH: "call",
    VISITED: "visit",
    RELEASED: "release",
    OTHER: "other",
}
GRANULARITY_RANK = {"day": 4, "week": 3, "month": 2, "year": 1, "decade": 0}


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

    def parties(self) -> frozenset[str]:
        key_roles = {"attendee", "participant", "host", "visitor", "released"}
        return frozenset(e for e, r in self.roles.items() if r in key_roles)


def mention_of(relations: list[Relation], articles: dict[str, Article]) -> Draft | None:
    first = relations[0]
    family = FAMILY[first.predicate]
    sentence = first.evidence.sentence.lower()
    if family == "call":
        kind = "PhoneCall" if any(cue in sentence for cue in PHONE_CUES) else "Conversation"
    else:
        kind = {"meeting": "Meeting", "visit": "Visit", "release": "Release", "other": "Other"}[family]
    draft = Draft(kind=kind, status=first.status, verb=first.verb, mentions=[first.evidence])
    for r in relations:
        if r.predicate in {MET_WITH, SPOKE_WITH}:
            role = "attendee" if r.predicate == MET_WITH else "participant"
            draft.roles.setdefault(r.subject, role)
            draft.roles.setdefault(r.object, role)
        elif r.predicate == MET_AT:
            draft.roles.setdefault(r.subject, "attendee")
            draft.places.append(r.object)
        elif r.predicate == VISITED:
            draft.roles[r.subject] = "visitor"
            draft.places.append(r.object)
        elif r.predicate == RELEASED:
            draft.roles.setdefault(r.subject, "releaser")
            draft.roles[r.object] = "released"
        else:
            draft.roles.setdefault(r.subject, "participant")
            draft.roles.setdefault(r.object, "participant")
    if len(draft.parties()) < (1 if kind in {"Visit", "Release"} else 2):
        return None
    date_text = next((r.date_text for r in relations if r.date_text), None)
    if date_text:
        set_date(draft, date_text, articles.get(first.evidence.doc_id))
    draft.places = sorted(set(draft.places))
    return draft


def set_date(draft: Draft, phrase: str, article: Article | None) -> None:
    from kg.timex import normalize

    value = normalize(phrase, article.published if article else None, prefer_future=draft.status != OCCURRED)
    draft.date_text = phrase
    if value.start is None:
        return
    draft.date = value.iso()
    draft.interval = (value.start, value.end or value.start)
    draft.rank = GRANULARITY_RANK.get(value.granularity, 0)


def compatible(a: Draft, b: Draft) -> bool:
    if a.kind != b.kind or a.status != b.status or a.parties() != b.parties():
        return False
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
    elif into.date_text is None:
        into.date_text = other.date_text


def build_events(result: BuildResult) -> tuple[Event, ...]:
    """The events of a build, merged across sentences and articles, sorted by date then id."""
    articles = {a.doc_id: a for a in result.articles}
    groups: dict[tuple, list[Relation]] = defaultdict(list)
    for r in result.relations:
        if r.predicate in FAMILY:
            family = FAMILY[r.predicate]
            groups[(r.evidence.doc_id, r.evidence.start, family, r.status, r.verb if family == "other" else "")].append(
                r
            )
    drafts: list[Draft] = []
    for key in sorted(groups):
        draft = mention_of(groups[key], articles)
        if draft is None:
            continue
        # dated mentions first, so undated ones join the event whose date they do not contradict
        drafts.append(draft)
    drafts.sort(key=lambda d: (-d.rank, d.mentions[0].doc_id, d.mentions[0].start))
    events: list[Draft] = []
    # candidates share kind, status and parties: index on them so merging stays linear
    index: dict[tuple[str, str, frozenset[str]], list[Draft]] = defaultdict(list)
    for draft in drafts:
        bucket = index[(draft.kind, draft.status, draft.parties())]
        target = next((e for e in bucket if compatible(e, draft)), None)
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
    cameo = HOST_CAMEO if draft.kind == "Meeting" and draft.verb in HOST_VERBS else CAMEO[draft.kind]
    return Event(
        id=f"{draft.kind.lower()}-{ident}",
        kind=draft.kind,
        participants=tuple(Participant(e, r) for e, r in sorted(draft.roles.items())),
        places=tuple(draft.places),
        status=draft.status,
        date=draft.date,
        date_text=draft.date_text,
        cameo=cameo,
        plover=PLOVER[draft.kind],
        mentions=mentions,
        verb=draft.verb,
    )
