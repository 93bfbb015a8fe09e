"""Grammar every family reads over an annotated article: the subject of a verb (climbing through
"is expected to"), the names a phrase lists ("A, B and C", "two citizens, A and B"), what a preposition
introduces. Plain functions of (Annotated, Token)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Token

from kg.annotate import Annotated
from kg.annotate.structure import children_of
from kg.lexicon import CAPTION_POSITIONS, DAY_WORDS, GOVERNMENT_NOUNS, PLACE_NOUNS, RELATIVE_PRONOUNS, TITLE_HEADS
from kg.types import Relation

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A verb form without its own subject borrows the subject of the verb it depends on.
BORROW_SUBJECT = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "pobj", "dobj", "acl", "ccomp", "acomp"})
# Dependencies of prepositions: "prep", "agent" ('by' of a passive), "dative" ('to' of 'spoke to').
PREP_DEPS = frozenset({"prep", "agent", "dative"})
# Where a caption's position word hangs ("A, left, shakes hands"): the parser makes it a clause.
CAPTION_POSITION_DEPS = frozenset({"advcl", "dep", "npadvmod", "amod"})
# Inner names of a coordinated title phrase ("Xian President A and Yian President B").
INNER_NAME_DEPS = frozenset({"nmod", "compound"})
# Verb tags that still take a borrowed subject through a clausal complement ("agreed to meet").
OPEN_CLAUSE_TAGS = frozenset({"VB", "VBG", "TO"})


def unique(keys: Iterable[str | None]) -> list[str]:
    """Entity keys in first-seen order, once each, without None."""
    out: list[str] = []
    for k in keys:
        if k is not None and k not in out:
            out.append(k)
    return out


# --- who is named ---------------------------------------------------------------------------------
def group(ann: Annotated, token: Token) -> list[str]:
    """The entity at a token and at each of its conjuncts ("A, B and C"), in order, unique. A common
    noun stands for the names in apposition to it ("two citizens, A and B"; "his counterpart A") or
    that it includes ("three men, including A")."""
    out: list[str] = []
    for t in [token, *token.conjuncts]:
        k = ann.key(t)
        found = named_by_noun(ann, t) if k is None else [k, *listed_with_person(ann, t, k)]
        if k is None and (t.ent_type_ in {"DATE", "TIME"} or t.lower_ in DAY_WORDS):  # "flew to C Monday"
            found = [k for c in children_of(t) if c.dep_ == "compound" and c.i < t.i and (k := ann.key(c))]
        out.extend(x for x in found if x not in out)
    return out


def named_by_noun(ann: Annotated, noun: Token) -> list[str]:
    """The names a common noun stands for: its appositions, 'including' objects, an of-phrase's name
    ('the crown prince of Y, A'), or the name after a title parsed as a conjunct."""
    out: list[str] = []
    for child in children_of(noun):
        target = None
        if child.dep_ == "appos":
            target = child
        elif child.dep_ == "prep" and child.lower_ == "including":
            target = next((g for g in children_of(child) if g.dep_ == "pobj"), None)
        if target is not None and target.i != noun.i:
            out.extend(x for x in group(ann, target) if x not in out)
    lemma = noun.lemma_.lower()
    if not out and lemma in TITLE_HEADS | PLACE_NOUNS:
        out.extend(x for x in titled_by_of_phrase(ann, noun) if x not in out)
    if lemma in TITLE_HEADS and noun.i + 1 < len(noun.doc):
        # "... and Xian President B" parsed with the title as the conjunct
        after = ann.key(ann.tokens[noun.i + 1])
        if ann.is_person(after) and after not in out:
            out.append(after)
    return out


def listed_with_person(ann: Annotated, t: Token, key: str) -> list[str]:
    """Names a person's phrase lists that the parser hung inside it: "A, B and C" with B as A's
    apposition; "Xian President A and Yian President B" with A inside B's phrase."""
    if ann.type(key) != "PERSON":
        return []
    out: list[str] = []
    for appos in (c for c in children_of(t) if c.dep_ == "appos" and c.conjuncts):
        if ann.is_person(ann.key(appos)):
            out.extend(group(ann, appos))
    if any(c.dep_ == "cc" for c in t.subtree):
        for inner in t.subtree:
            ik = ann.key(inner)
            # (not "B, representative of President C": the object of a preposition is not listed, unless
            # the parser glued the name to an organization's: "Director of National Intelligence C")
            head = inner.head
            glued = any(
                c.dep_ == "compound" and ann.key(c) != ik and c.lower_ not in TITLE_HEADS for c in children_of(head)
            )
            of_object = head.dep_ == "pobj" and ann.key(head) == ik and not glued
            inside = ik and ann.type(ik) == "PERSON" and inner.dep_ in INNER_NAME_DEPS and inner.head.i >= inner.i
            if inside and not of_object:
                out.append(ik)
    return [k for k in out if k != key]


def titled_by_of_phrase(ann: Annotated, title: Token) -> list[str]:
    """'the crown prince of Y, A,' / 'the capital of Y, C,': the parser hangs the name on Y."""
    for prep in (c for c in children_of(title) if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (g for g in children_of(prep) if g.dep_ == "pobj"):
            for appos in (a for a in children_of(obj) if a.dep_ == "appos"):
                k = ann.key(appos)
                if k and (ann.is_person(k) or ann.is_place(k)) and k != ann.key(obj):
                    return [k]
    return []


def group_of(ann: Annotated, tokens: Iterable[Token]) -> list[str]:
    return unique(k for tok in tokens for k in group(ann, tok))


def compound_entities(ann: Annotated, noun: Token) -> list[str]:
    """Names written before a noun: 'the A–B meeting', 'the Geneva summit', 'Country's talks'."""
    out: list[str] = []
    for tok in ann.tokens[noun.left_edge.i : noun.i]:
        k = ann.key(tok)
        if k is not None and k not in out and tok.head.i >= tok.i:
            out.append(k)
    return out


def actors_of(ann: Annotated, tokens: Iterable[Token]) -> list[str]:
    """Entities named by these tokens; "Syrian authorities", "Iran's government", "authorities in X"
    stand for the country."""
    out: list[str] = []
    for tok in tokens:
        found = group(ann, tok)
        if not found and tok.lower_ in GOVERNMENT_NOUNS:
            found = government_of(ann, tok)
        out.extend(k for k in found if k not in out)
    return out


def government_of(ann: Annotated, noun: Token) -> list[str]:
    found: list[str] = []
    for child in children_of(noun):
        if child.dep_ == "poss" and ann.key(child) and ann.type(ann.key(child)) == "GPE":
            found = [ann.key(child)]
        elif child.dep_ == "prep" and child.lower_ in {"in", "of"}:
            states = [k for g in children_of(child) if g.dep_ == "pobj" for k in group(ann, g) if ann.type(k) == "GPE"]
            found = states or found
        elif child.dep_ in {"amod", "compound"} and child.ent_type_ in {"NORP", "GPE"}:
            k = ann.key(child) or ann.country_at(child)
            found = [k] if k else []
    return found


# --- subjects -------------------------------------------------------------------------------------
def subject_tokens(verb: Token, passive_ok: bool = False) -> list[Token]:
    """The subject of a verb, climbing to the governing verb for infinitives, participles and
    coordinated verbs ("are scheduled to meet", "Before traveling to X, A stopped in Y")."""
    node = verb
    for _ in range(6):
        deps = SUBJECT_DEPS if passive_ok or node.i != verb.i else {"nsubj"}
        subjects = [c for c in children_of(node) if c.dep_ in deps] or caption_subjects(node)
        if subjects:
            subj = subjects[0]
            if subj.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                return [node.head]
            return [subj]
        if node.dep_ == "relcl":
            return [node.head]
        if node.dep_ not in BORROW_SUBJECT or node.head.i == node.i:
            return []
        if node.dep_ == "ccomp" and node.tag_ not in OPEN_CLAUSE_TAGS:
            return []
        node = node.head
    return []


def caption_subjects(verb: Token) -> list[Token]:
    """'A, left, shakes hands with B': the parser makes A the subject of 'left'."""
    return [
        s
        for c in children_of(verb)
        if c.dep_ in CAPTION_POSITION_DEPS and c.lower_ in CAPTION_POSITIONS
        for s in children_of(c)
        if s.dep_ in SUBJECT_DEPS
    ]


def subject_group(ann: Annotated, verb: Token) -> list[str]:
    out = group_of(ann, subject_tokens(verb))
    if out:
        # "President A, B, C and D met": the parser may leave the list's first name outside the subject
        for c in children_of(verb):
            k = ann.key(c)
            if c.dep_ == "npadvmod" and c.i < verb.i and ann.is_person(k) and k not in out:
                out.insert(0, k)
    return out


# --- prepositions and verb forms ------------------------------------------------------------------
def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the given prepositions hanging on a token ("met with A", "release of B")."""
    wanted = set(preps)
    out = []
    for child in children_of(token):
        if child.dep_ in PREP_DEPS and child.lower_ in wanted:
            out.extend(g for g in children_of(child) if g.dep_ == "pobj")
    return out


def place_objects(ann: Annotated, token: Token, preps: Iterable[str]) -> list[str]:
    """The places after these prepositions; for 'at the village of C', 'in the city of C', C."""
    objects = prep_objects(token, preps)
    objects += [
        g for o in objects if ann.key(o) is None and o.lemma_.lower() in PLACE_NOUNS for g in prep_objects(o, {"of"})
    ]
    return [k for k in group_of(ann, objects) if ann.is_place(k)]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in children_of(verb))


def particle(verb: Token) -> str | None:
    for child in children_of(verb):
        if child.dep_ == "prt":
            return child.lower_
    return None


def is_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


# --- evidence over two sentences ------------------------------------------------------------------
def spanning(relation: Relation, since: int) -> Relation:
    """The relation with its evidence running from an earlier sentence (at character `since`) to the end
    of its own."""
    ev = relation.evidence
    if since >= ev.sent_start:
        return relation
    return replace(relation, evidence=replace(ev, sent_start=since))


def with_text(ann: Annotated, relation: Relation) -> Relation:
    """The evidence text made to match its (possibly widened) span."""
    ev = relation.evidence
    return replace(relation, evidence=replace(ev, sentence=ann.article.text[ev.sent_start : ev.sent_end]))


def across(ann: Annotated, relations: list[Relation], since: int) -> list[Relation]:
    """Relations read with the help of a sentence before, their evidence spanning both."""
    return [with_text(ann, spanning(r, since)) for r in relations]
