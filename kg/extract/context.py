"""What every extraction rule reads: the parsed article with its entities, one object per article.

Built once per article by `build_context`; rules are plain functions `(ctx) -> list[Relation]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg import coref, geo
from kg.lexicon import EVENT_NAME_ENDINGS, PLACE_NOUNS, TITLE_HEADS
from kg.mentions import RawMention, dateline_ranges, find_mentions, is_headline
from kg.types import Article, Evidence, LocalEntity, Mention, Relation


@dataclass
class Context:
    article: Article
    doc: Doc
    clusters: dict[str, coref.Cluster]
    token_key: dict[int, str]  # name tokens, role phrases and resolved pronouns → entity key
    skip: set[int] = field(default_factory=set)  # headline and dateline tokens: no facts from them
    tokens: list[Token] = field(default_factory=list)  # the doc's tokens, made once for every rule
    types: dict[str, str] = field(default_factory=dict)  # cluster types, computed once (rules ask often)
    sentence_of: dict[int, tuple[int, int]] = field(default_factory=dict)  # token → its sentence's bounds

    # --- entities -------------------------------------------------------------------------------
    def key(self, token: Token) -> str | None:
        if token.i in self.skip:
            return None
        return self.token_key.get(token.i)

    def type(self, key: str) -> str:
        found = self.types.get(key)
        if found is None:
            found = self.types[key] = self.clusters[key].type
        return found

    def is_person(self, key: str | None) -> bool:
        return key is not None and self.type(key) in {"PERSON", coref.ROLE}

    def is_place(self, key: str | None) -> bool:
        return key is not None and self.type(key) in {"GPE", "LOC", "FAC"}

    def is_actor(self, key: str | None) -> bool:
        """Who can meet, call or release: people, organizations and states (not events: "the G-20 Summit")."""
        if key is None or self.type(key) not in {"PERSON", coref.ROLE, "ORG", "GPE"}:
            return False
        words = self.clusters[key].name.lower().split()
        return self.type(key) != "ORG" or not words or words[-1] not in EVENT_NAME_ENDINGS

    def group(self, token: Token) -> list[str]:
        """The entity at a token and at each of its conjuncts ("A, B and C"), in order, unique. A
        common noun or a dateline place stands for the names in apposition to it ("two citizens, A and
        B"; "his counterpart A"; "LIMA - Minister A met ...") or that it includes ("three men,
        including A")."""
        out: list[str] = []
        for t in [token, *token.conjuncts]:
            k = self.key(t)
            if k is None:
                for child in t.children:
                    named = child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ == "including")
                    if not named:
                        continue
                    target = (
                        child if child.dep_ == "appos" else next((g for g in child.children if g.dep_ == "pobj"), None)
                    )
                    if target is not None and target.i != t.i:
                        out.extend(x for x in self.group(target) if x not in out)
                if not out and t.lemma_.lower() in TITLE_HEADS | PLACE_NOUNS:
                    out.extend(x for x in self.titled_by_of_phrase(t) if x not in out)
                if t.lemma_.lower() in TITLE_HEADS and t.i + 1 < len(t.doc):
                    # "... and Xian President B" parsed with the title as the conjunct
                    after = self.key(t.doc[t.i + 1])
                    if self.is_person(after) and after not in out:
                        out.append(after)
                continue
            if k not in out:
                out.append(k)
            if self.type(k) == "PERSON":
                # "A, B and C" parsed with B as A's apposition and C as B's conjunct
                for appos in (c for c in t.children if c.dep_ == "appos" and c.conjuncts):
                    if self.is_person(self.key(appos)):
                        out.extend(x for x in self.group(appos) if x not in out)
            if self.type(k) == "PERSON" and any(c.dep_ == "cc" for c in t.subtree):
                # "Xian President A and Yian President B" parsed with A inside B's phrase
                for inner in t.subtree:
                    ik = self.key(inner)
                    if (
                        ik
                        and ik not in out
                        and self.type(ik) == "PERSON"
                        and inner.dep_ in {"nmod", "compound"}
                        and inner.head.i >= inner.i
                    ):
                        out.append(ik)
        return out

    def titled_by_of_phrase(self, title: Token) -> list[str]:
        """'the crown prince of Y, A,' / 'the capital of Y, C,': the parser hangs the name on Y."""
        for prep in (c for c in title.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                for appos in (a for a in obj.children if a.dep_ == "appos"):
                    k = self.key(appos)
                    if k and (self.is_person(k) or self.is_place(k)) and k != self.key(obj):
                        return [k]
        return []

    def entity_in(self, token: Token) -> str | None:
        """The entity a phrase headed by this token names: its own, or a name inside its compounds."""
        k = self.key(token)
        if k is not None:
            return k
        for child in token.children:
            if child.dep_ in {"compound", "flat"}:
                k = self.key(child)
                if k is not None:
                    return k
        return None

    # --- evidence -------------------------------------------------------------------------------
    def sentence_bounds(self, token_index: int) -> tuple[int, int]:
        """Character bounds of a token's sentence (trimmed), computed for the whole article once:
        Token.sent walks the doc each time."""
        if not self.sentence_of:
            for sent in self.doc.sents:
                bounds = sent_bounds(sent)
                for i in range(sent.start, sent.end):
                    self.sentence_of[i] = bounds
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

    def local_entities(self) -> tuple[LocalEntity, ...]:
        out = []
        for key, c in sorted(self.clusters.items()):
            mentions = tuple(
                Mention(
                    self.article.doc_id,
                    self.doc[m.start].idx,
                    self.doc[m.end - 1].idx + len(self.doc[m.end - 1]),
                    m.text,
                    m.label,
                    self.doc[m.start].sent.start_char,
                )
                for m in c.mentions
            )
            names = () if c.role_noun is not None else tuple(c.names)
            out.append(
                LocalEntity(
                    self.article.doc_id,
                    key,
                    c.name,
                    c.type,
                    names,
                    mentions,
                    role_of=c.role_of,
                    role_noun=c.role_noun,
                    rules=tuple(sorted(c.rules)),
                    counterpart_of=c.counterpart_of,
                )
            )
        return tuple(out)


def sent_bounds(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, max(end, start)


def build_context(article: Article, doc: Doc) -> Context:
    skip: set[int] = set()
    for sent in doc.sents:
        if is_headline(sent):
            skip.update(range(sent.start, sent.end))
    for start, end in dateline_ranges(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            skip.update(range(span.start, span.end))
    mentions = find_mentions(doc)
    clusters, token_key = coref.cluster_names(mentions, doc)
    for start, end, country, noun in coref.role_phrases(doc, token_key, skip):
        key = f"role:{start}"
        cluster = coref.Cluster(key, role_of=country, role_noun=noun)
        cluster.mentions.append(RawMention(start, end, coref.ROLE, doc[start:end].text))
        cluster.labels[coref.ROLE] += 1
        clusters[key] = cluster
        for i in range(start, end):
            token_key[i] = key
    token_key.update(coref.resolve_pronouns(doc, clusters, token_key))
    for cluster in clusters.values():
        if cluster.role_noun == "counterpart":  # whose counterpart: the person 'his'/'her' stands for
            head = doc[cluster.mentions[0].end - 1]
            owner = next((token_key.get(c.i) for c in head.children if c.dep_ == "poss"), None)
            if owner is not None and owner in clusters and clusters[owner].type == "PERSON":
                cluster.counterpart_of = owner
    return Context(article, doc, clusters, token_key, skip, list(doc))


def place_of_adjective(ctx: Context, token: Token) -> str | None:
    """The country a nationality adjective names ("Russian" → the Russia entity key), creating the
    entity in this article when the text never names the country itself."""
    text = ctx.doc[token.left_edge.i : token.right_edge.i + 1].text if token.dep_ == "compound" else token.text
    country = geo.country_of_adjective(text) or geo.country_of_adjective(token.text)
    if country is None:
        return None
    key = "country:" + country
    if key not in ctx.clusters:
        cluster = coref.Cluster(key)
        cluster.labels["GPE"] += 1
        ctx.clusters[key] = cluster
    cluster = ctx.clusters[key]
    if not cluster.mentions:
        cluster.mentions.append(RawMention(token.i, token.i + 1, "GPE", country))
    return key
