"""The in-article stage between parsing and extraction: which words name which entity.

`annotate(article, doc)` finds the article's structure (headlines and datelines, which give no facts),
the name mentions (spaCy's entities after the small model's usual mistakes are repaired), clusters them
into in-article entities (a surname joins its full name, an acronym its long form), adds role phrases
("the Russian leader") and resolves pronouns. It returns one frozen `Annotated` value that every
extraction rule reads and none writes.

    parse ──▶ annotate ──▶ extract ──▶ resolve
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from kg import geo
from kg.annotate import coref
from kg.annotate.aliases import merge_aliases
from kg.annotate.mentions import RawMention, find_mentions
from kg.annotate.structure import Layout, children_of, layout_of, span_text, tokens_of
from kg.lexicon import EVENT_NAME_ENDINGS, PARTY_WORDS
from kg.types import GROUP, Article, EventMention, Evidence, LocalEntity, Mention, Relation

ROLE = coref.ROLE
COUNTRY_PREFIX = "country:"
# Organizations a fact names by a word, not by a name ("Republican Senator A" → the Republican Party).
ORG_PREFIX = "org:"
# A group of people named by description ("35 Ukrainians"): "group:<start>:<end>:<longer end>" over tokens.
GROUP_PREFIX = "group:"
PERSON_TYPES = frozenset({"PERSON", ROLE})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
ACTOR_TYPES = frozenset({"PERSON", ROLE, "ORG", "GPE"})


@dataclass(frozen=True)
class NameCluster:
    """One entity inside one article: its mentions and what was decided about them."""

    key: str
    type: str
    name: str
    names: tuple[str, ...]
    mentions: tuple[RawMention, ...]
    role_of: str | None = None  # ROLE clusters: the country or organization key of the phrase
    role_noun: str | None = None
    rules: frozenset[str] = frozenset()  # in-article rules that joined different names
    counterpart_of: str | None = None  # "his counterpart": whose


@dataclass(frozen=True, eq=False)  # one article's value: compared (and hashed) by identity
class Annotated:
    """A parsed article with its entities: what extraction rules read."""

    article: Article
    doc: Doc
    tokens: tuple[Token, ...]  # made once: indexing a Doc makes a new Token each time
    clusters: Mapping[str, NameCluster]
    token_key: Mapping[int, str]  # name tokens, role phrases and resolved pronouns → entity key
    skip: frozenset[int]  # headline and dateline tokens: no facts from them
    layout: Layout  # the article's zones over its tokens (captions, credits, ...)
    sentence_of: tuple[tuple[int, int], ...]  # token index → character bounds of its sentence
    adjective_country: Mapping[int, str]  # nationality words ("Russian") → the country's name

    # --- entities -------------------------------------------------------------------------------
    def key(self, token: Token) -> str | None:
        if token.i in self.skip:
            return None
        return self.token_key.get(token.i)

    def type(self, key: str) -> str:
        cluster = self.clusters.get(key)
        if cluster is None:
            if key.startswith(GROUP_PREFIX):
                return GROUP
            return "GPE" if key.startswith(COUNTRY_PREFIX) else "ORG"
        return cluster.type

    def name(self, key: str) -> str:
        cluster = self.clusters.get(key)
        if cluster is None and key.startswith(GROUP_PREFIX):
            start, end, _ = group_span(key)
            return self.doc[start:end].text
        return cluster.name if cluster is not None else key.split(":", 1)[-1]

    def is_person(self, key: str | None) -> bool:
        return key is not None and self.type(key) in PERSON_TYPES

    def is_place(self, key: str | None) -> bool:
        return key is not None and self.type(key) in PLACE_TYPES

    def is_actor(self, key: str | None) -> bool:
        """Who can meet, call or release: people, organizations and states (not events: "the G-20 Summit")."""
        if key is None or self.type(key) not in ACTOR_TYPES:
            return False
        words = self.name(key).lower().split()
        return self.type(key) != "ORG" or not words or words[-1] not in EVENT_NAME_ENDINGS

    def entity_in(self, token: Token) -> str | None:
        """The entity a phrase headed by this token names: its own, or a name inside its compounds."""
        k = self.key(token)
        if k is not None:
            return k
        for child in children_of(token):
            if child.dep_ in {"compound", "flat"}:
                k = self.key(child)
                if k is not None:
                    return k
        return None

    def country_at(self, token: Token) -> str | None:
        """The country a nationality word names ("Russian" → the key of Russia). The entity need not
        have been named in the article: extraction adds it when a fact uses it."""
        name = self.adjective_country.get(token.i)
        return country_key(name) if name else None

    # --- evidence -------------------------------------------------------------------------------
    def sentence_bounds(self, token_index: int) -> tuple[int, int]:
        return self.sentence_of[token_index]

    def evidence(self, tokens: list[Token], rule: str) -> Evidence:
        start, end = self.sentence_bounds(tokens[0].i)
        first = min(t.idx for t in tokens)
        last = max(t.idx + len(t.text) for t in tokens)
        return Evidence(
            doc_id=self.article.doc_id,
            sentence=self.article.text[start:end],
            sent_start=start,
            sent_end=end,
            start=max(first, start),
            end=min(last, end),
            rule=rule,
        )

    def relation(
        self,
        subject: str,
        predicate: str,
        obj: str,
        status: str,
        tokens: list[Token],
        rule: str,
        confidence: float = 0.8,
        verb: str | None = None,
        date_text: str | None = None,
    ) -> Relation:
        return Relation(
            subject, predicate, obj, status, self.evidence(tokens, rule), confidence, verb=verb, date_text=date_text
        )


def country_key(name: str) -> str:
    return COUNTRY_PREFIX + name


def org_key(name: str) -> str:
    return ORG_PREFIX + name


def group_key(start: int, end: int, longer_end: int | None = None) -> str:
    """The key of a group of people the tokens [start, end) describe ("35 Ukrainians"); [start,
    longer_end) is a longer name of it ("35 Ukrainians held by Russia")."""
    return f"{GROUP_PREFIX}{start}:{end}:{max(end, longer_end or end)}"


def group_span(key: str) -> tuple[int, int, int]:
    start, end, longer = key[len(GROUP_PREFIX) :].split(":")
    return int(start), int(end), int(longer)


def sent_bounds(sent: Span) -> tuple[int, int]:
    text = span_text(sent)
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, max(end, start)


def sentence_index(doc: Doc) -> tuple[tuple[int, int], ...]:
    bounds: list[tuple[int, int]] = [(0, 0)] * len(doc)
    for sent in doc.sents:
        b = sent_bounds(sent)
        for i in range(sent.start, sent.end):
            bounds[i] = b
    return tuple(bounds)


def nationality_words(tokens: tuple[Token, ...]) -> dict[int, str]:
    """Token → country for nationality adjectives ("Russian", "South Korean" read as one compound)."""
    out: dict[int, str] = {}
    for tok in tokens:
        if not tok.text[:1].isupper():
            continue
        text = tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text if tok.dep_ == "compound" else tok.text
        country = geo.country_of_adjective(text) or geo.country_of_adjective(tok.text)
        if country:
            out[tok.i] = country
        nxt = tokens[tok.i + 1] if tok.i + 1 < len(tokens) else None
        two_words = (
            geo.country_of_adjective(f"{tok.text} {nxt.text}") if nxt is not None and nxt.text[:1].isupper() else None
        )
        if two_words:  # "South Korean" read as two adjectives
            out[tok.i] = out[nxt.i] = two_words
    return out


def add_role_phrases(doc: Doc, clusters: dict[str, coref.Cluster], token_key: dict[int, str], skip: frozenset[int]):
    for start, end, country, noun in coref.role_phrases(doc, token_key, skip):
        key = f"role:{start}"
        cluster = coref.Cluster(key, role_of=country, role_noun=noun)
        cluster.mentions.append(RawMention(start, end, coref.ROLE, doc[start:end].text))
        cluster.labels[coref.ROLE] += 1
        clusters[key] = cluster
        for i in range(start, end):
            token_key[i] = key


def counterpart_owner(doc: Doc, cluster: coref.Cluster, clusters, token_key) -> str | None:
    """'his counterpart': the person 'his' stands for."""
    if cluster.role_noun != "counterpart":
        return None
    head = doc[cluster.mentions[0].end - 1]
    owner = next((token_key.get(c.i) for c in children_of(head) if c.dep_ == "poss"), None)
    if owner is not None and owner in clusters and clusters[owner].type == "PERSON":
        return owner
    return None


def freeze(cluster: coref.Cluster, counterpart_of: str | None) -> NameCluster:
    return NameCluster(
        key=cluster.key,
        type=cluster.type,
        name=cluster.name,
        names=tuple(cluster.names),
        mentions=tuple(cluster.mentions),
        role_of=cluster.role_of,
        role_noun=cluster.role_noun,
        rules=frozenset(cluster.rules),
        counterpart_of=counterpart_of,
    )


def annotate(article: Article, doc: Doc) -> Annotated:
    """The entities of one parsed article, as one frozen value."""
    layout = layout_of(doc)
    skip = layout.silent
    clusters = coref.cluster_names(find_mentions(doc, layout), doc)
    merge_aliases(doc, clusters)
    token_key = coref.token_index(clusters)
    add_role_phrases(doc, clusters, token_key, skip)
    token_key.update(coref.resolve_pronouns(doc, clusters, token_key))
    frozen = {key: freeze(c, counterpart_owner(doc, c, clusters, token_key)) for key, c in clusters.items()}
    tokens = tokens_of(doc)
    return Annotated(
        article=article,
        doc=doc,
        tokens=tokens,
        clusters=MappingProxyType(frozen),
        token_key=MappingProxyType(dict(token_key)),
        skip=skip,
        layout=layout,
        sentence_of=sentence_index(doc),
        adjective_country=MappingProxyType(nationality_words(tokens)),
    )


def local_entities(
    ann: Annotated, relations: list[Relation], mentions: list[EventMention] | tuple[EventMention, ...] = ()
) -> tuple[LocalEntity, ...]:
    """The article's entities for resolution: its clusters, the countries facts name through a
    nationality word or a role phrase without the article naming them, and the groups of people facts
    name by description."""
    out = [local_entity(ann, c) for c in ann.clusters.values()]
    used = (
        {k for r in relations for k in (r.subject, r.object)}
        | {k for m in mentions for k, _ in m.parties}
        | {c.role_of for c in ann.clusters.values() if c.role_of}
    )
    for key in sorted(k for k in used if k and k.startswith(GROUP_PREFIX)):
        start, end, longer = group_span(key)
        names = tuple(dict.fromkeys((ann.doc[start:end].text, ann.doc[start:longer].text)))
        out.append(
            local_entity(ann, NameCluster(key, GROUP, names[0], names, (RawMention(start, end, GROUP, names[0]),)))
        )
    first_word: dict[str, int] = {}
    for i, name in sorted(ann.adjective_country.items(), reverse=True):
        first_word[country_key(name)] = i
    for key in sorted(k for k in used - set(ann.clusters) if k):
        if key.startswith(ORG_PREFIX):
            name = key.split(":", 1)[1]
            out.append(local_entity(ann, NameCluster(key, "ORG", name, implied_names(ann, key, name), ())))
        if not key.startswith(COUNTRY_PREFIX):
            continue
        name = key.split(":", 1)[1]
        i = first_word.get(key)
        mentions = () if i is None else (RawMention(i, i + 1, "GPE", name),)
        names = implied_names(ann, key, name) if mentions else ()
        out.append(local_entity(ann, NameCluster(key, "GPE", name, names, mentions)))
    return tuple(sorted(out, key=lambda e: e.key))


def implied_names(ann: Annotated, key: str, name: str) -> tuple[str, ...]:
    """An entity a fact names by a word: its name and the words the article writes for it ("Danish" for
    Denmark, "Democratic" for the Democratic Party)."""
    if key.startswith(COUNTRY_PREFIX):
        words = [ann.tokens[i].text for i in sorted(ann.adjective_country) if ann.adjective_country[i] == name]
        words = [w for w in words if geo.country_of_adjective(w) == name]
    else:
        words = [t.text for t in ann.tokens if t.text[:1].isupper() and PARTY_WORDS.get(t.lower_) == name]
    return tuple(dict.fromkeys([name, *words]))


def local_entity(ann: Annotated, c: NameCluster) -> LocalEntity:
    doc = ann.doc
    mentions = tuple(
        Mention(
            ann.article.doc_id,
            doc[m.start].idx,
            doc[m.end - 1].idx + len(doc[m.end - 1]),
            m.text,
            m.label,
            ann.sentence_bounds(m.start)[0],
        )
        for m in c.mentions
    )
    return LocalEntity(
        ann.article.doc_id,
        c.key,
        c.name,
        c.type,
        () if c.role_noun is not None else c.names,
        mentions,
        role_of=c.role_of,
        role_noun=c.role_noun,
        rules=tuple(sorted(c.rules)),
        counterpart_of=c.counterpart_of,
    )
