"""affiliatedWith: a person → the country or organization they lead, serve or represent, read from
titles: before the name ("Y's Prime Minister A", "Elysee spokesman A", "Chilean President A"), in
apposition after it ("A, the foreign minister of Y"; "A, spokesman for the State Department") or before
it ("the crown prince of the Emirates, A"), as a predicate ("A is the country's envoy"), a relative
clause of leading ("A, who heads Y's ministry"), and role phrases ("the U.S. president").

trigger (a person's name, or a role phrase) → frame (the title words around it: TITLE_PATTERNS and the
functions below) → emit. The title noun is kept in Relation.verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg import geo
from kg.annotate import ROLE, Annotated, country_key
from kg.extract.matching import arguments, path
from kg.lexicon import HONORIFICS, LEAD_VERBS, ORG_HEADS, TITLE_HEADS, TITLE_MODIFIERS
from kg.relations import AFFILIATED_WITH
from kg.types import OCCURRED, Relation

TRIGGER_LEMMAS = LEAD_VERBS
POSSESSIVE = frozenset({"'s", "\u2019s", "'"})
STATES_AND_ORGS = frozenset({"GPE", "ORG"})
# Title words, the owner after them: "minister of Y", "spokesman for the Ministry", "a commander in Y's
# Guard" (for, at, in: organizations only; "ambassador to Y" is whom the envoy is sent to).
TITLE_PATTERNS = {"owner": [path(("prep", ["of", "for", "at", "to", "in"]), ("pobj", None))]}
# Words left of a title that may name its owner ("the Russian Foreign Minister", "Y's envoy").
OWNER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "case"})


def affiliation(
    ann: Annotated, person: str, target: str, tokens: list[Token], rule: str, confidence: float, title: str | None
) -> Relation:
    """person affiliatedWith target, as stated (titles are facts, never plans); the title noun as verb."""
    return ann.relation(person, AFFILIATED_WITH.name, target, OCCURRED, tokens, rule, confidence, verb=title)


def title_noun(tokens: list[Token]) -> Token | None:
    heads = [t for t in tokens if t.lower_ in TITLE_HEADS]
    return heads[-1] if heads else None


def targets_in(ann: Annotated, tokens: list[Token], person: str) -> list[str]:
    """Countries and organizations named among title words: names, nationality adjectives."""
    out: list[str] = []
    for tok in tokens:
        k = ann.key(tok)
        if k is not None and k != person and ann.type(k) in STATES_AND_ORGS:
            out.append(k)
        elif k is None and (tok.ent_type_ == "NORP" or tok.i in ann.adjective_country):
            out.append(ann.country_at(tok))
    return [k for k in dict.fromkeys(out) if k]


def of_targets(ann: Annotated, owners: list[Token], person: str) -> list[str]:
    """The owner named after a title ('minister of Y'); after 'for', 'at', 'in' only an organization."""
    out: list[str] = []
    for obj in owners:
        k = ann.entity_in(obj)
        if k is None or k == person or ann.type(k) not in STATES_AND_ORGS:
            continue
        org = ann.type(k) == "ORG" and ann.name(k).split()[-1].lower() in ORG_HEADS
        if obj.head.lower_ == "of" or org:
            out.append(k)
    return out


def left_title(ann: Annotated, start: int) -> list[Token]:
    """The title words written right before a name: 'U.S. Special Envoy', "Y's Prime Minister"."""
    i = start - 1
    words: list[Token] = []
    while i >= 0:
        tok = ann.tokens[i]
        if "\n" in tok.text or tok.is_space or not is_title_part(ann, tok, bool(words)):
            break
        words.insert(0, tok)
        i -= 1
    return words


def is_title_part(ann: Annotated, tok: Token, after_title: bool) -> bool:
    k = ann.key(tok)
    return (
        (tok.lower_ in {"of", "for"} and tok.i > 0 and ann.tokens[tok.i - 1].lower_ in TITLE_HEADS and after_title)
        or tok.lower_ in TITLE_HEADS
        or tok.lower_ in TITLE_MODIFIERS
        or tok.lower_.rstrip(".") in HONORIFICS
        or tok.text in POSSESSIVE
        or tok.text in {"-", "\u2013"}
        or (k is not None and ann.type(k) in STATES_AND_ORGS)
        or tok.ent_type_ == "NORP"
        or (tok.pos_ in {"PROPN", "ADJ", "NOUN"} and tok.text[:1].isupper() and tok.i > 0)
    )


# --- one rule per way of writing a title ------------------------------------------------------------
def title_before(ann: Annotated, person: str, name: list[Token]) -> list[Relation]:
    """'Y's Prime Minister A', 'Chilean President A', and 'President A of Y'."""
    words = left_title(ann, name[0].i)
    title = title_noun(words)
    if title is None:
        return []
    out = [
        affiliation(ann, person, target, [*words, *name], "roles.title-before.v1", 0.9, title.lower_)
        for target in targets_in(ann, words, person)
    ]
    head = ann.doc[name[0].i : name[-1].i + 1].root
    for obj in (g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children):
        target = ann.key(obj)
        if target is not None and ann.type(target) in STATES_AND_ORGS and target != person:
            out.append(affiliation(ann, person, target, [*words, *name, obj], "roles.title-of.v1", 0.85, title.lower_))
    return out


def leads(ann: Annotated, person: str, name: list[Token]) -> list[Relation]:
    """'A, who heads Y's Interior Ministry,': a relative clause of leading."""
    out = []
    head = ann.doc[name[0].i : name[-1].i + 1].root
    for clause in (c for c in head.children if c.dep_ == "relcl" and c.lemma_.lower() in LEAD_VERBS):
        if not any(g.dep_ == "nsubj" and g.lower_ == "who" for g in clause.children):
            continue
        for obj in (g for g in clause.children if g.dep_ == "dobj"):
            owners = [g for g in obj.children if g.dep_ == "poss"]
            for target in dict.fromkeys([ann.entity_in(obj), *(ann.key(g) for g in owners)]):
                if target is not None and target != person and ann.type(target) in STATES_AND_ORGS:
                    tokens = [*name, *clause.subtree]
                    out.append(affiliation(ann, person, target, tokens, "roles.leads.v1", 0.8, clause.lemma_.lower()))
    return out


def title_nouns_around(head: Token) -> list[Token]:
    """Nouns that may be the name's title: its appositions, the noun it is in apposition to ('the crown
    prince of Y, A,' and 'the spokesman for the Y Ministry, A,' hang A on Y), a predicate ('A is the
    minister of B')."""
    candidates = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        candidates.append(head.head)
        of_phrase = head.head.head if head.head.dep_ == "pobj" else None
        if of_phrase is not None and of_phrase.lower_ in {"of", "for"} and of_phrase.head.lower_ in TITLE_HEADS:
            candidates.append(of_phrase.head)
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        candidates += [c for c in head.head.children if c.dep_ == "attr"]
    return candidates


def appositive(ann: Annotated, person: str, name: list[Token], owners: dict[int, dict]) -> list[Relation]:
    """'A, the foreign minister of Y', 'the crown prince of Y, A', 'A is the country's envoy'."""
    out = []
    start, end = name[0].i, name[-1].i + 1
    for noun in title_nouns_around(ann.doc[start:end].root):
        if ann.is_person(ann.key(noun)):
            continue
        subtree = [t for t in noun.subtree if not (start <= t.i < end)]
        if noun.lower_ in TITLE_HEADS:
            tnoun = noun
        else:
            tnoun = title_noun([t for t in subtree if t.head.i == noun.i or t.i == noun.i])
        if tnoun is None:
            continue
        left = [t for t in subtree if t.i < tnoun.i and t.head.i <= tnoun.i and t.dep_ in OWNER_DEPS]
        found = targets_in(ann, [t for w in left for t in w.subtree], person)
        found += of_targets(ann, owners.get(tnoun.i, {}).get("owner", []), person)
        for target in dict.fromkeys(found):
            out.append(affiliation(ann, person, target, [*subtree, *name], "roles.appositive.v1", 0.85, tnoun.lower_))
    return out


def role_phrase(ann: Annotated, key: str) -> list[Relation]:
    """'the U.S. president': the role phrase's holder serves the country it names."""
    cluster = ann.clusters[key]
    if not cluster.role_of:
        return []
    m = cluster.mentions[0]
    tokens = list(ann.tokens[m.start : m.end])
    return [affiliation(ann, key, cluster.role_of, tokens, "roles.role-phrase.v1", 0.7, cluster.role_noun)]


def country_of_organization(ann: Annotated, relations: list[Relation]) -> list[Relation]:
    """'the Y Foreign Ministry': who serves a country's ministry serves the country."""
    out = []
    for r in relations:
        cluster = ann.clusters.get(r.object)
        if cluster is None or cluster.type != "ORG":
            continue
        words = cluster.name.split()
        for n in range(min(3, len(words) - 1), 0, -1):
            country = geo.canonical_country(" ".join(words[:n])) or geo.country_of_adjective(" ".join(words[:n]))
            if country:
                out.append(
                    Relation(
                        r.subject, r.predicate, country_key(country), r.status, r.evidence, r.confidence * 0.9, r.verb
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


def extract(ann: Annotated) -> list[Relation]:
    relations: list[Relation] = []
    owners = arguments(ann, frozenset(TITLE_HEADS), TITLE_PATTERNS)
    for key, cluster in ann.clusters.items():
        if cluster.type == ROLE:
            relations += role_phrase(ann, key)
            continue
        if cluster.type != "PERSON":
            continue
        for m in cluster.mentions:
            if m.start in ann.skip:
                continue
            name = list(ann.tokens[m.start : m.end])
            relations += title_before(ann, key, name) + leads(ann, key, name) + appositive(ann, key, name, owners)
    return dedupe(relations + country_of_organization(ann, relations))
