"""Cross-article entity resolution: one Entity per real-world entity, stable ids, an audit log.

No spaCy here. Rules, each recorded in the merge log:
- country-alias: any name of a country ("U.S.", "United States", "America") is that country;
- same-name: the same name once case, dots, a leading "the" and titles are set aside;
- transliteration: person names equal after folding common romanization variants (Sergei/Sergey,
  Zelensky/Zelenskyy, Yuri/Yury);
- surname: a surname-only person in an article that never gives the full name joins the one person
  known across articles with that surname (two candidates: kept apart);
- role-phrase: "the Russian leader" is bound to the one person of that article whose title, from any
  article, fits (a Russian president or prime minister); else it is dropped with its facts.
"""

from __future__ import annotations

import heapq
import operator
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Set
from dataclasses import replace
from functools import cache

from kg import geo
from kg.lexicon import FACILITY_ENDINGS, HEAD_ROLES
from kg.names import INVISIBLE
from kg.relations import AFFILIATED_WITH, LOCATED_IN
from kg.resolve_rules import merge_aliases
from kg.types import GROUP, ArticleResult, BuildResult, Entity, EventMention, LocalEntity, Merge, Relation

ROLE = "ROLE"
LOCATED, AFFILIATED = LOCATED_IN.name, AFFILIATED_WITH.name


# Resolution's index: the normalized keys of every name seen, asked again for every mention of every
# article, so resolution costs a look-up per mention. `kg build` keeps it between builds (kg.state).
NAME_KEYS: dict[str, dict[str, str]] = {"fold": {}, "person": {}}


def name_index() -> dict[str, dict[str, str]]:
    return NAME_KEYS


def remember(index: dict[str, dict[str, str]]) -> None:
    """Take in the name keys of an earlier build (keys are pure functions of the name: any is right)."""
    for kind, known in index.items():
        if kind in NAME_KEYS and isinstance(known, dict):
            NAME_KEYS[kind].update(known)


def fold(name: str) -> str:
    """A matching key: no accents, case, dots, leading 'the', possessive."""
    known = NAME_KEYS["fold"].get(name)
    if known is None:
        known = NAME_KEYS["fold"][name] = compute_fold(name)
    return known


def compute_fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", INVISIBLE.sub("", name))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019", "'").replace(".", "")
    text = re.sub(r"[\u2010-\u2015-]", " ", text)
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"'s$", "", text)
    return re.sub(r"\s+", " ", text).strip()


def fold_word(word: str) -> str:
    """Fold romanization variants of one word of a person's name."""
    w = word.replace("x", "ks")
    w = re.sub(r"(yy|iy|ii|yi)$", "y", w)
    w = re.sub(r"ey$", "ei", w)
    w = re.sub(r"y$", "i", w)
    w = w.replace("yy", "y").replace("th", "t")  # Anthony / Antony, Thomas / Tomas
    return re.sub(r"(.)\1", r"\1", w)  # Mohammed / Mohamed, Abbas / Abas


def person_key(name: str) -> str:
    """A person's matching key: fold() with each word's romanization variants folded."""
    known = NAME_KEYS["person"].get(name)
    if known is None:
        known = NAME_KEYS["person"][name] = " ".join(fold_word(w) for w in fold(name).split())
    return known


@cache
def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text or "entity"


class Group:
    """Local entities found to be one real entity. What the rules ask of a group (its name, type,
    names) is kept up to date as locals join, so asking costs nothing however big the group grows."""

    def __init__(self) -> None:
        self.locals: list[LocalEntity] = []
        self.rules: set[str] = set()
        self.local_rules: set[str] = set()  # the in-article rules of every local, however it joined
        self.name_counts: Counter = Counter()  # every surface form, once per local entity using it
        self.type_votes: Counter = Counter()  # entity types, weighted by mentions
        self.country: str | None = None  # the canonical name, when a local is a country
        self.names_country = False  # one of the names is a country's
        self.mention_count = 0
        self.documents: set[str] = set()
        self._name: str | None = None
        self._type: str | None = None  # the type votes' winner, kept until a local joins
        self.entity_id: str | None = None  # given once the groups are final

    def add(self, le: LocalEntity, with_rules: bool = True) -> None:
        self.locals.append(le)
        if le.rules:
            self.local_rules.update(le.rules)
            if with_rules:
                self.rules.update(le.rules)
        # dict.get, not Counter's `+= 1`: a new key there costs a call to __missing__ (a group is added
        # to once per local entity, of which a corpus has a hundred thousand)
        counts = self.name_counts
        for form in le.names or (le.name,):
            counts[form] = counts.get(form, 0) + 1
        mentions = le.mention_count
        votes = self.type_votes
        votes[le.type] = votes.get(le.type, 0) + (mentions or 1)
        if self.country is None and le.key.startswith("country:"):
            self.country = le.key.split(":", 1)[1]
        if not self.names_country:
            self.names_country = geo.is_country(le.name)
        self.mention_count += mentions
        self.documents.add(le.doc_id)
        self._name = self._type = None

    def absorb(self, other: Group, with_rules: bool = True) -> None:
        """Take in another group's locals (in their order, as if each had joined here), and its rules: its
        counts added to these rather than its locals added one by one (a merge of big groups re-added
        thousands). The same state: the type votes keep their first-seen order (most_common breaks ties by
        it), since other's are in the order its locals first gave each type."""
        self.locals += other.locals
        if with_rules:
            self.rules |= other.local_rules
            self.rules |= other.rules
        self.local_rules |= other.local_rules
        counts = self.name_counts
        for form, n in other.name_counts.items():
            counts[form] = counts.get(form, 0) + n
        votes = self.type_votes
        for kind, n in other.type_votes.items():
            votes[kind] = votes.get(kind, 0) + n
        if self.country is None:
            self.country = other.country
        self.names_country = self.names_country or other.names_country
        self.mention_count += other.mention_count
        self.documents |= other.documents
        self._name = self._type = None

    @property
    def type(self) -> str:
        if self.names_country:
            return "GPE"
        if self._type is None:  # asked of every group by every rule that follows the grouping
            self._type = self.type_votes.most_common(1)[0][0]
        return self._type

    @property
    def name(self) -> str:
        if self._name is None:
            if self.country is not None:
                self._name = self.country
            else:
                counts = self.name_counts
                self._name = max(counts, key=lambda n: (len(n.split()), counts[n], len(n), n))
        return self._name

    @property
    def names(self) -> list[str]:
        return sorted(self.name_counts)


# (doc_id, local key) -> the group that local entity belongs to
Owners = dict[tuple[str, str], Group]


def move(into: Group, other: Group, rule: str, of_local: Owners, with_rules: bool = True) -> None:
    """Merge `other` into `into` by `rule`, and point other's locals at their new group. `with_rules`:
    the merge log also lists the rules that made `other`."""
    into.absorb(other, with_rules)
    into.rules.add(rule)
    for le in other.locals:
        of_local[(le.doc_id, le.key)] = into


class Grouping:
    """group_entities fed one article at a time, in document order: resolution's first pass can begin on
    the articles known from the last build while new ones are still being parsed (`begin`), and `resolve`
    goes on from it with the rest, as if it had grouped all of them itself. Finished once (the groups it
    gives are then merged by the rules that follow)."""

    def __init__(self) -> None:
        self.by_key: dict[str, Group] = {}
        self.of_local: Owners = {}
        self.short_persons: list[LocalEntity] = []
        self.fed: list[ArticleResult] = []  # in the order given
        # what the rules after the grouping read of the articles, gathered as they are fed (by local keys):
        # (doc, place, container) of each located-in fact, (doc, person, target, title) of each affiliation,
        # and (doc, role phrases, people) of each article naming someone by role
        self.placements: list[tuple[str, str, str]] = []
        self.titles: list[tuple[str, str, str, str]] = []
        self.role_articles: list[tuple[str, list[LocalEntity], list[str]]] = []
        self.finished = False
        self.resumed_after: int | None = None  # the articles fed when group_entities went on from here
        self.kept = 0  # of those, the articles an earlier build had grouped (begin's `kept`)

    def add(self, result: ArticleResult) -> None:
        by_key, of_local = self.by_key, self.of_local
        roles = []
        for le in result.entities:
            if le.type == ROLE:
                roles.append(le)
                continue
            if le.key.startswith("country:"):
                key, rule = le.key, "country-alias"
            elif le.type == GROUP:  # "35 prisoners" in two articles are two groups
                key, rule = f"group:{le.doc_id}:{le.key}", "same-name"
            elif le.type == "PERSON" or surname_typed_otherwise(le):
                if len(le.name.split()) == 1:
                    self.short_persons.append(le)
                    continue
                key, rule = "person:" + person_key(le.name), "transliteration"
            else:
                key, rule = "name:" + fold(le.name), "same-name"
            group = by_key.get(key)
            if group is None:
                group = by_key[key] = Group()
            else:
                group.rules.add(
                    rule if rule != "transliteration" or person_key(le.name) != fold(le.name) else "same-name"
                )
            group.add(le)
            of_local[(le.doc_id, le.key)] = group
        doc = result.article.doc_id
        if roles:
            self.role_articles.append((doc, roles, [le.key for le in result.entities if le.type == "PERSON"]))
        placements, titles = self.placements, self.titles
        for r in result.relations:
            predicate = r.predicate
            if predicate == LOCATED:
                placements.append((doc, r.subject, r.object))
            elif predicate == AFFILIATED:
                titles.append((doc, r.subject, r.object, r.verb or ""))
        self.fed.append(result)

    def continues_with(self, ordered: list[ArticleResult], first_pending: str | None) -> bool:
        """Whether this grouping, of articles read by an earlier build, stands for the first of `ordered`
        (results in document order, the same articles as read now: each with the same entities and
        relations, which grouping reads, under the same document id) and every one of them sorts before
        `first_pending`, and nothing is finished."""
        fed = self.fed
        if self.finished or len(fed) > len(ordered):
            return False
        if fed and first_pending is not None and fed[-1].article.doc_id >= first_pending:
            return False
        return all(
            then.entities is now.entities
            and then.relations is now.relations
            and then.article.doc_id == now.article.doc_id
            for then, now in zip(fed, ordered[: len(fed)], strict=True)
        )

    def leads(self, results: list[ArticleResult]) -> bool:
        """Whether the articles fed so far are the first of `results` (the same objects, in the same order),
        and nothing is finished: only then may grouping go on from here."""
        fed = self.fed
        return not self.finished and len(fed) <= len(results) and all(map(operator.is_, fed, results))

    def finish(self) -> None:
        """Once the surname-only people have joined theirs: the groups (in the order their keys were first
        met, `groups()`) and the owner of every local entity (`of_local`)."""
        self.finished = True
        join_surnames(self.short_persons, self.by_key, self.of_local)

    def groups(self) -> list[Group]:
        return list(self.by_key.values())


def by_document(result: ArticleResult) -> str:
    return result.article.doc_id


def begin(known: Iterable[ArticleResult], pending: Iterable[str], kept: Grouping | None = None) -> Grouping:
    """Resolution's grouping begun on the `known` articles that sort before every `pending` one (document ids
    of articles not read yet): what resolve() will find there, in the same order, when the rest come. `kept`:
    a grouping of the last build's articles (kg.state keeps one), gone on from when those are the first
    known ones, with what grouping read of them unchanged (continues_with); else the known ones are grouped
    anew."""
    first_pending = min(pending, default=None)
    ordered = sorted(known, key=by_document)
    grouping = Grouping()
    if kept is not None and kept.continues_with(ordered, first_pending):
        grouping = kept
        grouping.fed = ordered[: len(kept.fed)]  # the results resolve() will be given: leads() asks for these
        grouping.kept = len(kept.fed)
    for result in ordered[len(grouping.fed) :]:
        if first_pending is not None and result.article.doc_id >= first_pending:
            break
        grouping.add(result)
    return grouping


def group_entities(results: list[ArticleResult], begun: Grouping | None = None) -> Grouping:
    """Group every non-role local entity by its normalized key (rules country-alias, same-name,
    transliteration, surname); map (doc_id, local key) → group: the grouping, finished. `results` in
    document order; `begun`: a Grouping fed their first articles (it is gone on from when it leads them,
    else ignored)."""
    if begun is not None and begun.leads(results):
        grouping = begun
        grouping.resumed_after = len(grouping.fed)
    else:
        grouping = Grouping()
    for result in results[len(grouping.fed) :]:
        grouping.add(result)
    grouping.finish()
    return grouping


def join_surnames(short_persons: list[LocalEntity], by_key: dict[str, Group], of_local: Owners) -> None:
    """A surname-only person joins the one person known across articles with that surname (rule
    surname); with none or several candidates it is grouped by its name alone."""
    surnames: dict[str, list[Group]] = defaultdict(list)
    for key, group in by_key.items():
        if key.startswith("person:"):
            surnames[key.split()[-1]].append(group)
    for le in short_persons:
        candidates = surnames.get(person_key(le.name), [])
        if len(candidates) > 1:
            candidates = dominant(candidates)
        if len(candidates) == 1:
            group = candidates[0]
            group.rules.add("surname")
        else:
            group = by_key.get("name:" + fold(le.name))
            if group is None:
                group = by_key["name:" + fold(le.name)] = Group()
            else:
                group.rules.add("same-name")
        group.add(le)
        of_local[(le.doc_id, le.key)] = group


def surname_typed_otherwise(le: LocalEntity) -> bool:
    """A one-word name the model read as an organization once and as a person once: a surname."""
    if le.type != "ORG" or le.name.isupper():
        return False
    return len(le.name.split()) == 1 and "PERSON" in le.mention_labels


def dominant(candidates: list[Group]) -> list[Group]:
    """Of several people sharing a surname, the one the news is about: named at least three times as
    often as all the others together (a lone "Smith" is then that Smith)."""
    # a group's type votes count its locals' mentions (at least one each): the same sum, kept as it grows
    counts = sorted(((sum(g.type_votes.values()), id(g), g) for g in candidates), reverse=True)
    top, rest = counts[0][0], sum(c for c, _, _ in counts[1:])
    return [counts[0][2]] if top >= 3 * rest else candidates


# Words of facility names too common to identify one ("Air Force Base", "International Airport").
GENERIC_FACILITY_WORDS = FACILITY_ENDINGS | frozenset(
    "joint air force naval navy army military international national royal regional federal state city "
    "the of and de la el al main central old new grand".split()
)


def facility_words(name: str) -> set[str]:
    return {w for w in fold(name).split() if w not in GENERIC_FACILITY_WORDS and len(w) > 2}


def merge_facilities(groups: list[Group], of_local: Owners, placements: Iterable[tuple[str, str, str]]) -> list[Group]:
    """Two facility names sharing a distinctive word ("Fort X Army Base", "X Airfield") that the texts
    place in the same state or city are one facility (rule facility-name).

    Facilities are taken in order; each takes in every later one that shares a word with its names
    (those it has taken in included) and a place with its own. Candidates come from an index of words,
    so no two facilities without a word in common are ever compared."""
    containers: dict[int, set[str]] = defaultdict(set)
    for doc, place, container in placements:  # (the located-in facts: Grouping.placements)
        s = of_local.get((doc, place))
        o = of_local.get((doc, container))
        if s is None or o is None or s.type != "FAC":
            continue
        name = o.name
        while name and name not in containers[id(s)]:
            if not geo.is_country(name):
                containers[id(s)].add(name)
            name = geo.containing_place(name)

    # only facilities placed somewhere can merge (or be merged)
    facilities = [g for g in groups if g.type == "FAC" and containers[id(g)]]
    words = [set().union(*(facility_words(n) for n in g.names)) for g in facilities]
    having: dict[str, list[int]] = defaultdict(list)  # word -> positions of the facilities using it
    for i, ws in enumerate(words):
        for w in ws:
            having[w].append(i)
    merged: set[int] = set()
    for i, a in enumerate(facilities):
        if i in merged:
            continue
        seen = set(words[i])
        queue = [j for w in seen for j in having[w] if j > i]
        heapq.heapify(queue)
        done: set[int] = set()
        while queue:
            j = heapq.heappop(queue)
            if j in done or j in merged:
                continue
            done.add(j)
            if not containers[id(a)] & containers[id(facilities[j])]:
                continue
            move(a, facilities[j], "facility-name", of_local, with_rules=False)
            merged.add(j)
            for w in words[j] - seen:  # a's names grew: later facilities with those words now qualify
                seen.add(w)
                for k in having[w]:
                    if k > j:
                        heapq.heappush(queue, k)
    gone = {id(facilities[j]) for j in merged}
    return [g for g in groups if id(g) not in gone]


def compact_person_key(name: str) -> str:
    """A person's name with its spaces and the article particle's vowel folded away: "Abdel Fattah
    el-Sissi" and "Abdelfatah al-Sisi" are one spelling apart."""
    words = [("al" if w in {"el", "al", "ul"} else w) for w in person_key(name).split()]
    return "".join(words)


def merge_spellings(groups: list[Group], of_local: Owners) -> list[Group]:
    """People whose names (two words or more, ten letters or more) differ only in spaces, hyphens,
    doubled letters and the particle's vowel are one person (rule transliteration)."""
    by_key: dict[str, Group] = {}
    merged: set[int] = set()
    for g in groups:
        if g.type != "PERSON" or len(g.name.split()) < 2:
            continue
        key = compact_person_key(g.name)
        if len(key) < 10:
            continue  # short names collide by chance
        first = by_key.setdefault(key, g)
        if first is g:
            continue
        move(first, g, "transliteration", of_local)
        merged.add(id(g))
    return [g for g in groups if id(g) not in merged]


def bind_roles(grouping: Grouping) -> tuple[dict[tuple[str, str], str], list[Merge]]:
    """(doc_id, role key) → entity id for each role phrase that fits exactly one person (the groups, final,
    have their ids)."""
    of_local = grouping.of_local
    affiliations: dict[str, set[tuple[str, str]]] = defaultdict(set)  # person id → {(target id, title)}
    for doc, person, target, title in grouping.titles:
        s = of_local.get((doc, person))
        o = of_local.get((doc, target))
        if s is not None and o is not None:
            affiliations[s.entity_id].add((o.entity_id, title))
    # a person's titles (with a target: those held there), asked for each role phrase of each article that
    # names the person
    known_titles: dict[tuple[str, str | None], frozenset[str]] = {}

    def titles_of(person: str, target: str | None) -> frozenset[str]:
        found = known_titles.get((person, target))
        if found is None:
            found = frozenset(t for o, t in affiliations.get(person, ()) if target is None or o == target)
            known_titles[(person, target)] = found
        return found

    # who holds a title at each target: only they can fit a role phrase there (a person with no title fits
    # none), so a role phrase is tried on the article's people who do, not on all of them
    holders: dict[str, set[str]] = defaultdict(set)
    for person, held in affiliations.items():
        for target, _ in held:
            holders[target].add(person)
    anyone = frozenset(affiliations)
    nobody: frozenset[str] = frozenset()

    bound: dict[tuple[str, str], str] = {}
    merges: list[Merge] = []
    for doc, roles, persons in grouping.role_articles:
        people = {of_local[(doc, key)].entity_id for key in persons if (doc, key) in of_local}
        for le in roles:
            target = None
            if le.role_of:
                g = of_local.get((doc, le.role_of))
                target = g.entity_id if g is not None else None
            owner_group = of_local.get((doc, le.counterpart_of)) if le.counterpart_of else None
            owner = owner_group.entity_id if owner_group is not None else None
            owner_titles = titles_of(owner, None) if owner else frozenset()
            fits = []
            for person in people & (anyone if target is None else holders.get(target, nobody)):
                titles = titles_of(person, target)
                if person == owner or (owner_titles and not same_rank(owner_titles, titles)):
                    continue  # a secretary of state's counterpart is no president
                if title_fits(le.role_noun or "", titles):
                    fits.append(person)
            if len(fits) == 1:
                bound[(doc, le.key)] = fits[0]
                merges.append(Merge(fits[0], (le.name,), "role-phrase", (doc,)))
    return bound, merges


# Ranks whose holders are each other's counterparts ("minister" is the title noun of a prime minister
# and of a foreign minister alike, so it is in both).
RANKS = (
    HEAD_ROLES | {"minister"},
    frozenset({"minister", "secretary", "chancellor"}),
    frozenset({"ambassador", "envoy", "diplomat"}),
)


def same_rank(a: Set[str], b: Set[str]) -> bool:
    return any(a & rank and b & rank for rank in RANKS)


def title_fits(role_noun: str, titles: Set[str]) -> bool:
    if role_noun in titles or (role_noun == "counterpart" and titles):
        return True
    if role_noun == "leader":
        return bool(titles & (HEAD_ROLES | {"minister"})) and bool(titles & HEAD_ROLES)
    return False


def resolve(results: list[ArticleResult], begun: Grouping | None = None) -> BuildResult:
    """Entities and relations across all articles, with entity ids in place of local keys. `begun`: the
    grouping begun on the first of them (kg.resolve.begin: while the others were parsed, going on from the
    last build's where it can)."""
    results = sorted(results, key=by_document)
    grouping = group_entities(results, begun)
    groups, of_local = grouping.groups(), grouping.of_local
    groups = merge_facilities(groups, of_local, grouping.placements)
    groups = merge_spellings(groups, of_local)

    groups = merge_aliases(groups, lambda into, other, rule: move(into, other, rule, of_local))
    used: dict[str, int] = {}
    for group in sorted(groups, key=lambda g: (fold(g.name), g.type)):
        base = slug(group.name)
        n = used.get(base, 0) + 1
        used[base] = n
        group.entity_id = base if n == 1 else f"{base}-{n}"
    bound, role_merges = bind_roles(grouping)

    # (doc_id, local key) -> entity id: its group's, or for a role phrase, its person's where it was bound
    # (role phrases are in no group); asked of the groups rather than of a dict of every local entity's
    owner, bound_to = of_local.get, bound.get

    def global_id(key: tuple[str, str]) -> str | None:
        group = owner(key)
        return group.entity_id if group is not None else bound_to(key)

    # the relations by fact (ends, predicate, status): sorted so, by fact and then within the facts whose
    # relations did not come in order, rather than all at once (most of a sort of them all compared equal
    # ends); the articles come in document order, and an article's relations mostly in the order of their
    # sentences, so a fact's relations mostly come sorted
    by_fact: dict[tuple[str, str, str, str], list[Relation]] = {}
    unsorted: set[tuple[str, str, str, str]] = set()
    for result in results:
        doc = result.article.doc_id
        for r in result.relations:
            s, o = global_id((doc, r.subject)), global_id((doc, r.object))
            if s is None or o is None or s == o:
                continue
            fact = (s, r.predicate, o, r.status)
            found = by_fact.get(fact)
            if found is None:
                by_fact[fact] = [r.with_ends(s, o)]
                continue
            last, ev = found[-1].evidence, r.evidence
            if last.doc_id > ev.doc_id or (last.doc_id == ev.doc_id and last.start >= ev.start):
                unsorted.add(fact)
            found.append(r.with_ends(s, o))
    relations: list[Relation] = []
    for fact in sorted(by_fact):
        found = by_fact[fact]
        if fact in unsorted:
            found.sort(key=within_fact_key)
        relations += found

    event_mentions: list[EventMention] = []
    for result in results:
        doc = result.article.doc_id
        for m in result.mentions:
            parties = tuple((global_id((doc, k)), role) for k, role in m.parties)
            if all(e is not None for e, _ in parties):
                event_mentions.append(replace(m, parties=parties))  # type: ignore[arg-type]

    entities = []
    merges = list(role_merges)
    for group in groups:
        eid = group.entity_id
        names = group.names
        place = geo.lookup_place(group.name) if group.type in {"GPE", "LOC"} else None
        entities.append(
            Entity(
                id=eid,
                name=group.name,
                type=group.type,
                aliases=tuple(n for n in names if n != group.name),
                mention_count=group.mention_count,
                documents=tuple(sorted(group.documents)),
                geonames_id=place.geonames_id if place else None,
            )
        )
        if len(names) > 1 or group.rules:
            merges.append(
                Merge(
                    eid,
                    tuple(names),
                    "+".join(sorted(group.rules)) or "in-article",
                    tuple(sorted(group.documents)),
                )
            )
    # the graph only keeps entities that are named (a role never bound is no entity)
    return BuildResult(
        entities=tuple(sorted(entities, key=lambda e: e.id)),
        relations=tuple(relations),  # in relation_sort_key's order
        articles=tuple(r.article for r in results),
        merges=tuple(sorted(merges, key=lambda m: (m.entity_id, m.rule, m.names))),
        event_mentions=tuple(sorted(event_mentions, key=lambda m: (m.evidence.doc_id, m.evidence.start, m.parties))),
        captions=tuple((r.article.doc_id, *c) for r in results for c in r.captions),
    )


def within_fact_key(r: Relation) -> tuple:
    """relation_sort_key after the fact's ends, predicate and status."""
    ev = r.evidence
    return (ev.doc_id, ev.start, ev.rule, r.verb or "")


def relation_sort_key(r: Relation) -> tuple:
    return (
        r.subject,
        r.predicate,
        r.object,
        r.status,
        r.evidence.doc_id,
        r.evidence.start,
        r.evidence.rule,
        r.verb or "",
    )
