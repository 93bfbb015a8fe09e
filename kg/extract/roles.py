"""affiliatedWith: a person → the country or organization they lead, serve or represent, read from
titles: before the name ("Y's Prime Minister A", "Elysee spokesman A", "Chilean President
A"), in apposition after it ("A, the foreign minister of Y"; "A, spokesman for the State
Department") or before it ("the crown prince of the Emirates, A"), as a predicate ("A is the
country's envoy"), and role phrases ("the U.S. president"). The title noun is kept in Relation.verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg import geo
from kg.coref import ROLE
from kg.extract.context import Context, place_of_adjective
from kg.lexicon import HONORIFICS, ORG_HEADS, TITLE_HEADS, TITLE_MODIFIERS
from kg.relations import AFFILIATED_WITH
from kg.types import OCCURRED, Relation

POSSESSIVE = frozenset({"'s", "\u2019s", "'"})
# "A, who heads/leads/runs Y": A serves Y.
LEAD_VERBS = frozenset({"head", "lead", "run", "chair", "direct", "command", "govern", "rule"})


def title_noun(tokens: list[Token]) -> Token | None:
    heads = [t for t in tokens if t.lower_ in TITLE_HEADS]
    return heads[-1] if heads else None


def targets_in(ctx: Context, tokens: list[Token], person: str) -> list[str]:
    """Countries and organizations named among title words: names, nationality adjectives."""
    out: list[str] = []
    for tok in tokens:
        k = ctx.key(tok)
        if k is not None and k != person and ctx.type(k) in {"GPE", "ORG"}:
            if k not in out:
                out.append(k)
        elif k is None and (tok.ent_type_ == "NORP" or geo.country_of_adjective(tok.text)):
            c = place_of_adjective(ctx, tok)
            if c is not None and c not in out:
                out.append(c)
    return out


def of_targets(ctx: Context, title: Token, person: str) -> list[str]:
    """'minister of Y', 'spokesman for the State Department', 'a commander in Y's Guard' (for, at,
    in: organizations only)."""
    out: list[str] = []
    for child in title.children:
        if child.dep_ != "prep" or child.lower_ not in {"of", "for", "at", "to", "in"}:
            continue
        for obj in (g for g in child.children if g.dep_ == "pobj"):
            k = ctx.entity_in(obj)
            if k is None or k == person or ctx.type(k) not in {"GPE", "ORG"}:
                continue
            if child.lower_ == "of" or (ctx.type(k) == "ORG" and ctx.clusters[k].name.split()[-1].lower() in ORG_HEADS):
                out.append(k)
            elif child.lower_ == "to" and ctx.type(k) == "GPE":  # "ambassador to Y"
                continue
    return out


def left_title(ctx: Context, start: int) -> list[Token]:
    """The title words written right before a name: 'U.S. Special Envoy', "Y's Prime Minister"."""
    doc = ctx.doc
    i = start - 1
    words: list[Token] = []
    while i >= 0:
        tok = doc[i]
        if "\n" in tok.text or tok.is_space:
            break
        ok = (
            (tok.lower_ in {"of", "for"} and i > 0 and doc[i - 1].lower_ in TITLE_HEADS and bool(words))
            or tok.lower_ in TITLE_HEADS
            or tok.lower_ in TITLE_MODIFIERS
            or tok.lower_.rstrip(".") in HONORIFICS
            or tok.text in POSSESSIVE
            or tok.text in {"-", "\u2013"}
            or (ctx.key(tok) is not None and ctx.type(ctx.key(tok)) in {"GPE", "ORG"})
            or tok.ent_type_ == "NORP"
            or (tok.pos_ in {"PROPN", "ADJ", "NOUN"} and tok.text[:1].isupper() and tok.i > 0)
        )
        if not ok:
            break
        words.insert(0, tok)
        i -= 1
    return words


def affiliation(
    ctx: Context, person: str, target: str, tokens: list[Token], rule: str, confidence: float, title: str | None
) -> Relation:
    """person affiliatedWith target, as stated (titles are facts, never plans); the title noun as verb."""
    return ctx.relation(person, AFFILIATED_WITH.name, target, OCCURRED, tokens, rule, confidence, verb=title)


def extract(ctx: Context) -> list[Relation]:
    relations: list[Relation] = []
    for key, cluster in list(ctx.clusters.items()):
        if cluster.type == ROLE:
            if cluster.role_of:
                target = (
                    cluster.role_of
                    if cluster.role_of in ctx.clusters
                    else _country(ctx, cluster.role_of.split(":", 1)[-1])
                )
                m = cluster.mentions[0]
                relations.append(
                    affiliation(
                        ctx, key, target, list(ctx.doc[m.start : m.end]), "roles.role-phrase.v1", 0.7, cluster.role_noun
                    )
                )
            continue
        if cluster.type != "PERSON":
            continue
        for m in cluster.mentions:
            if m.start in ctx.skip:
                continue
            relations += mention_affiliations(ctx, key, m.start, m.end)
    return dedupe(relations + country_of_organization(ctx, relations))


def _country(ctx: Context, name: str) -> str:
    from kg.coref import Cluster

    key = "country:" + name
    if key not in ctx.clusters:
        c = Cluster(key)
        c.labels["GPE"] += 1
        ctx.clusters[key] = c
    return key


def mention_affiliations(ctx: Context, person: str, start: int, end: int) -> list[Relation]:
    doc = ctx.doc
    out: list[Relation] = []
    head = doc[start:end].root
    # 1. a title before the name
    words = left_title(ctx, start)
    title = title_noun(words)
    if title is not None:
        for target in targets_in(ctx, words, person):
            out.append(
                affiliation(ctx, person, target, [*words, *doc[start:end]], "roles.title-before.v1", 0.9, title.lower_)
            )
    # 1b. "President A of Y": a title before the name, the country after it
    if title is not None:
        for obj in (g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children):
            target = ctx.key(obj)
            if target is not None and ctx.type(target) in {"GPE", "ORG"} and target != person:
                out.append(
                    affiliation(
                        ctx, person, target, [*words, *doc[start:end], obj], "roles.title-of.v1", 0.85, title.lower_
                    )
                )
    # 1c. "A, who heads Y's Interior Ministry,": a relative clause of leading
    for clause in (c for c in head.children if c.dep_ == "relcl" and c.lemma_.lower() in LEAD_VERBS):
        if not any(g.dep_ == "nsubj" and g.lower_ == "who" for g in clause.children):
            continue
        for obj in (g for g in clause.children if g.dep_ == "dobj"):
            owners = [g for g in obj.children if g.dep_ == "poss"]
            for target in dict.fromkeys([ctx.entity_in(obj), *(ctx.key(g) for g in owners)]):
                if target is not None and target != person and ctx.type(target) in {"GPE", "ORG"}:
                    out.append(
                        affiliation(
                            ctx,
                            person,
                            target,
                            [*doc[start:end], *clause.subtree],
                            "roles.leads.v1",
                            0.8,
                            clause.lemma_.lower(),
                        )
                    )
    # 2. an appositive title after the name, or the name in apposition to a title before it
    candidates = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        candidates.append(head.head)
        # "the crown prince of Y, A," / "the spokesman for the Y Ministry, A,": the parser hangs A on Y
        of_phrase = head.head.head if head.head.dep_ == "pobj" else None
        if of_phrase is not None and of_phrase.lower_ in {"of", "for"} and of_phrase.head.lower_ in TITLE_HEADS:
            candidates.append(of_phrase.head)
    # 3. "A is the minister of B"
    if head.dep_ in {"nsubj"} and head.head.lemma_ == "be":
        candidates += [c for c in head.head.children if c.dep_ == "attr"]
    for noun in candidates:
        subtree = [t for t in noun.subtree if not (start <= t.i < end)]
        if ctx.key(noun) is not None and ctx.is_person(ctx.key(noun)):
            continue
        tnoun = (
            noun
            if noun.lower_ in TITLE_HEADS
            else title_noun([t for t in subtree if t.head.i == noun.i or t.i == noun.i])
        )
        if tnoun is None:
            continue
        left = [
            t
            for t in subtree
            if t.i < tnoun.i and t.head.i <= tnoun.i and t.dep_ in {"compound", "amod", "poss", "nmod", "case"}
        ]
        found = targets_in(ctx, [t for w in left for t in w.subtree], person) + of_targets(ctx, tnoun, person)
        for target in dict.fromkeys(found):
            out.append(
                affiliation(ctx, person, target, [*subtree, *doc[start:end]], "roles.appositive.v1", 0.85, tnoun.lower_)
            )
    return out


def country_of_organization(ctx: Context, relations: list[Relation]) -> list[Relation]:
    """'the Y Foreign Ministry': who serves a country's ministry serves the country."""
    out = []
    for r in relations:
        cluster = ctx.clusters.get(r.object)
        if cluster is None or cluster.type != "ORG":
            continue
        words = cluster.name.split()
        for n in range(min(3, len(words) - 1), 0, -1):
            country = geo.canonical_country(" ".join(words[:n])) or geo.country_of_adjective(" ".join(words[:n]))
            if country:
                key = _country(ctx, country)
                out.append(
                    Relation(
                        r.subject, AFFILIATED_WITH.name, key, r.status, r.evidence, r.confidence * 0.9, verb=r.verb
                    )
                )
                break
    return out


def dedupe(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, str, int]] = set()
    out = []
    for r in relations:
        ident = (r.subject, r.object, r.evidence.sent_start)
        if ident not in seen:
            seen.add(ident)
            out.append(r)
    return out
