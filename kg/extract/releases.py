"""released: the agent that freed someone → the person freed.

Active ("A freed B"), passive ("B was freed by A"), phrasal ("let B go", "handed B over"), nominal
("the release of B by A", "A's release of B", "B's release"), "A was thanked for the release of B" (the
one thanked for a release is its agent; one thanked for help or mediation is not), "among those freed
was B" (the last release the article named). A release with no agent named takes the article's one
releaser when the article names exactly one, at a lower confidence.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.common import (
    actors_of,
    group_of,
    is_passive,
    particle,
    prep_objects,
    subject_group,
    subject_tokens,
    unique,
)
from kg.extract.context import Context
from kg.extract.modality import date_of, status_of
from kg.lexicon import RELEASE_NOUNS, RELEASE_PHRASAL, RELEASE_VERBS, RELEASED_ANAPHORA
from kg.relations import RELEASED
from kg.types import Relation

PHRASAL_VERBS = frozenset(verb for verb, _ in RELEASE_PHRASAL)
THANK_VERBS = frozenset({"thank", "credit", "praise", "applaud", "commend"})
GROUP_HEADS = frozenset({"those", "them", "people", "prisoners", "detainees", "captives", "hostages", "others"})


def release_trigger(tok: Token) -> str | None:
    """'verb', 'noun', 'anaphora' or None."""
    lemma = tok.lemma_.lower()
    if tok.lower_ in RELEASED_ANAPHORA and tok.i >= 2:
        # "among those freed was B": read from the words, the small model parses it many ways
        before = [t.lower_ for t in tok.doc[max(0, tok.i - 5) : tok.i]]
        if before[-1] in GROUP_HEADS and "among" in before:
            return "anaphora"
    group_subject = tok.dep_ == "amod" and tok.head.dep_ == "nsubj"
    if tok.lower_ in RELEASED_ANAPHORA and group_subject and tok.head.head.lemma_.lower() in {"include", "be"}:
        return "members"  # "The freed Americans include A, B and C"
    if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
        if lemma in RELEASE_VERBS:
            return "verb"
        if lemma in PHRASAL_VERBS and (lemma, particle(tok)) in RELEASE_PHRASAL:
            return "verb"
        if lemma == "let" and any(c.lower_ == "go" for c in tok.subtree):
            return "verb"
        if lemma == "set" and any(c.lower_ == "free" for c in tok.children):
            return "verb"
    if tok.pos_ == "NOUN" and lemma in RELEASE_NOUNS:
        return "noun"
    return None


def extract(ctx: Context) -> list[Relation]:
    relations: list[Relation] = []
    releasers_seen: list[str] = []
    last_releasers: list[str] = []
    for tok in ctx.tokens:
        if tok.i in ctx.skip:
            continue
        kind = release_trigger(tok)
        if kind is None:
            continue
        releasers: list[str] = []
        released: list[str] = []
        if kind == "verb":
            if is_passive(tok):
                released = group_of(ctx, [c for c in tok.children if c.dep_ == "nsubjpass"])
                if tok.dep_ == "relcl" and any(
                    c.dep_ == "nsubjpass" and c.lower_ in {"who", "that", "whom"} for c in tok.children
                ):
                    released = ctx.group(tok.head)  # "B, who was freed by A"
                releasers = actors_of(ctx, prep_objects(tok, {"by"}))
            else:
                releasers = subject_group(ctx, tok) or actors_of(ctx, subject_tokens(tok))
                released = group_of(ctx, [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}])
                if tok.lemma_.lower() == "let":  # "let B go": B is parsed as the subject of 'go'
                    released += group_of(
                        ctx,
                        [
                            s
                            for c in tok.children
                            if c.dep_ in {"ccomp", "xcomp"} and c.lower_ == "go"
                            for s in c.children
                            if s.dep_ == "nsubj"
                        ],
                    )
                objects = [c for c in tok.children if c.dep_ == "dobj"]
                if tok.dep_ == "acl" and objects and tok.head.dep_ in {"dobj", "nsubj", "nsubjpass"}:
                    # "A signed a decree pardoning B": the one who issued the decree frees B
                    released = group_of(ctx, objects)
                    releasers = subject_group(ctx, tok.head.head) if tok.head.dep_ == "dobj" else []
                elif tok.dep_ in {"acl", "amod"}:  # "the prisoners freed by A", "B, freed last week"
                    released = ctx.group(tok.head)
                    releasers = actors_of(ctx, prep_objects(tok, {"by"}))
        elif kind == "noun":
            freed_tokens = prep_objects(tok, {"of", "for"})
            released = group_of(ctx, freed_tokens)
            # "the release of B by A": the parser may hang 'by A' on B
            releasers = actors_of(
                ctx, prep_objects(tok, {"by"}) + [o for t in freed_tokens for o in prep_objects(t, {"by"})]
            )
            owners = [k for c in tok.children if c.dep_ == "poss" for k in ctx.group(c)]
            if released:
                releasers += owners
            else:
                released = owners
            if not releasers and tok.dep_ == "pobj" and tok.head.lower_ == "for":
                verb = tok.head.head
                if verb.lemma_.lower() in THANK_VERBS:
                    releasers = group_of(ctx, [c for c in verb.children if c.dep_ == "dobj"])
        elif kind == "members":
            verb = tok.head.head
            objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
            released = unique(ctx.key(t) for o in objects for t in o.subtree)
            releasers = list(last_releasers)
        else:  # anaphora: "Among those freed was B"
            after = [t for t in tok.doc[tok.i + 1 : tok.sent.end] if ctx.is_person(ctx.key(t))]
            released = ctx.group(after[0]) if after else []
            releasers = list(last_releasers)
        releasers = [k for k in releasers if ctx.is_actor(k) and k not in released]
        released = [k for k in released if ctx.is_person(k)]
        if releasers:
            last_releasers = releasers
            releasers_seen += [k for k in releasers if k not in releasers_seen]
        status = status_of(tok)
        if status is None or not released:
            continue
        rule, conf = f"releases.{kind}.v1", 0.85 if kind == "verb" else 0.75
        if not releasers:
            if len(releasers_seen) != 1:
                continue
            releasers, rule, conf = list(releasers_seen), "releases.article-releaser.v1", 0.5
        date = date_of(tok)
        for agent in releasers:
            for person in released:
                relations.append(
                    ctx.relation(
                        agent, RELEASED.name, person, status, [tok], rule, conf, verb=tok.lemma_.lower(), date_text=date
                    )
                )
    return relations
