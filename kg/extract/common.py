"""Grammar helpers every rule uses: who is the subject of a verb, what a preposition introduces."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from kg.extract.context import Context
from kg.mentions import CAPTION_POSITIONS

RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# A verb form without its own subject borrows the subject of the verb it depends on.
BORROW_SUBJECT = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "pobj", "dobj", "acl", "ccomp", "acomp"})


def subject_tokens(verb: Token, passive_ok: bool = False) -> list[Token]:
    """The subject of a verb, climbing to the governing verb for infinitives, participles and
    coordinated verbs ("are scheduled to meet", "Before traveling to X, A stopped in Y")."""
    node = verb
    for _ in range(6):
        deps = {"nsubj", "nsubjpass"} if passive_ok or node.i != verb.i else {"nsubj"}
        subjects = [c for c in node.children if c.dep_ in deps] or caption_subjects(node)
        if subjects:
            subj = subjects[0]
            if subj.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                return [node.head]
            return [subj]
        if node.dep_ == "relcl":
            return [node.head]
        if node.dep_ not in BORROW_SUBJECT or node.head.i == node.i:
            return []
        if node.dep_ == "ccomp" and node.tag_ not in {"VB", "VBG", "TO"}:
            return []
        node = node.head
    return []


def caption_subjects(verb: Token) -> list[Token]:
    """'A, left, shakes hands with B': the parser makes A the subject of 'left'."""
    return [
        s
        for c in verb.children
        if c.dep_ in {"advcl", "dep", "npadvmod", "amod"} and c.lower_ in CAPTION_POSITIONS
        for s in c.children
        if s.dep_ in {"nsubj", "nsubjpass"}
    ]


def unique(keys: Iterable[str | None]) -> list[str]:
    """Entity keys in first-seen order, once each, without None."""
    out: list[str] = []
    for k in keys:
        if k is not None and k not in out:
            out.append(k)
    return out


def subject_group(ctx: Context, verb: Token) -> list[str]:
    out: list[str] = []
    for tok in subject_tokens(verb):
        for k in ctx.group(tok):
            if k not in out:
                out.append(k)
    if out:
        # "President A, B, C and D met": the parser may leave the list's first name outside the subject
        for c in verb.children:
            k = ctx.key(c)
            if c.dep_ == "npadvmod" and c.i < verb.i and ctx.is_person(k) and k not in out:
                out.insert(0, k)
    return out


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the given prepositions hanging on a token ("met with A", "release of B")."""
    wanted = set(preps)
    out = []
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in wanted:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def group_of(ctx: Context, tokens: Iterable[Token]) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        for k in ctx.group(tok):
            if k not in out:
                out.append(k)
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def particle(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "prt":
            return child.lower_
    return None


def place_objects(ctx: Context, token: Token, preps: Iterable[str]) -> list[str]:
    return [k for k in group_of(ctx, prep_objects(token, preps)) if ctx.is_place(k)]


def compound_entities(ctx: Context, noun: Token) -> list[str]:
    """Names written before a noun: 'the A–B meeting', 'the Geneva summit', 'Country's talks'."""
    out: list[str] = []
    for tok in noun.doc[noun.left_edge.i : noun.i]:
        k = ctx.key(tok)
        if k is not None and k not in out and tok.head.i >= tok.i:
            out.append(k)
    return out


GOVERNMENT_NOUNS = frozenset(
    {
        "authorities",
        "government",
        "officials",
        "forces",
        "police",
        "troops",
        "regime",
        "administration",
        "military",
        "army",
        "court",
        "courts",
        "prosecutors",
        "guards",
        "ministry",
        "leadership",
        "junta",
        "judiciary",
    }
)


def actors_of(ctx: Context, tokens: Iterable[Token]) -> list[str]:
    """Entities named by these tokens; "Syrian authorities", "Iran's government" stand for the country."""
    from kg.extract.context import place_of_adjective

    out: list[str] = []
    for tok in tokens:
        found = ctx.group(tok)
        if not found and tok.lower_ in GOVERNMENT_NOUNS:
            for child in tok.children:
                if child.dep_ == "poss" and ctx.key(child) and ctx.type(ctx.key(child)) == "GPE":
                    found = [ctx.key(child)]
                elif child.dep_ == "prep" and child.lower_ in {"in", "of"}:  # "authorities in X"
                    found = [
                        k for g in child.children if g.dep_ == "pobj" for k in ctx.group(g) if ctx.type(k) == "GPE"
                    ] or found
                elif child.dep_ in {"amod", "compound"} and child.ent_type_ in {"NORP", "GPE"}:
                    k = ctx.key(child) or place_of_adjective(ctx, child)
                    found = [k] if k else []
        out.extend(k for k in found if k not in out)
    return out
