"""Hand-built parses: a spaCy Doc from a sentence and a written-out table, so rule tests run in
milliseconds without the model.

A table has one line per token: word, lemma, part of speech, tag, dependency, head (the head token's
index, 0-based, over the whole text), entity (B-PERSON, I-PERSON, O...) and S where a sentence starts
(else a dot). Spaces between tokens are read from the text.

To write a table for a new sentence of your own (this needs the model, once):

    .venv/bin/python -m tests.parses "Karl Weber met Lena Fox in Oslo on Monday."
"""

from __future__ import annotations

import sys
from functools import lru_cache

from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.types import Article

NEWLINE = "\u23ce"  # a line break inside the text, as a token of its own


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    return English().vocab  # English lexical attributes (stop words, like_num), no model


def parse(text: str, table: str) -> Doc:
    """The Doc of `text` as the table describes it."""
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    words = [r[0].replace(NEWLINE, "\n") for r in rows]
    spaces, at = [], 0
    for i, word in enumerate(words):
        at = text.index(word, at) + len(word)
        following = words[i + 1] if i + 1 < len(words) else None
        gap = text[at : text.index(following, at)] if following else text[at:]
        spaces.append(gap.startswith(" "))
    return Doc(
        vocab(),
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[int(r[5]) for r in rows],
        ents=[r[6] for r in rows],
        sent_starts=[i == 0 or (len(r) > 7 and r[7] == "S") for i, r in enumerate(rows)],
    )


def article_of(doc: Doc, doc_id: str = "t") -> Article:
    return Article(doc_id=doc_id, path=f"{doc_id}.txt", text=doc.text)


def table_of(doc: Doc) -> str:
    """The table of a parsed Doc (for writing tests)."""
    lines = []
    for t in doc:
        ent = f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O"
        word = t.text.replace("\n", NEWLINE)
        lemma = t.lemma_.replace("\n", NEWLINE) or word
        start = "S" if t.is_sent_start else "."
        lines.append(f"{word:16} {lemma:14} {t.pos_:6} {t.tag_:5} {t.dep_:10} {t.head.i:3} {ent:10} {start}")
    return "\n".join(lines)


if __name__ == "__main__":  # print the table of a sentence, parsed by the real model
    from kg.nlp import load_pipeline

    sentence = " ".join(sys.argv[1:])
    print(f'TEXT = "{sentence}"')
    print('TABLE = """')
    print(table_of(load_pipeline()(sentence)))
    print('"""')


def facts(text: str, table: str, family) -> set[tuple[str, str, str, str]]:
    """(subject name, predicate, object name, status) of what one family's `extract` reads in a
    hand-built parse; symmetric pairs in name order."""
    from kg.annotate import annotate
    from kg.relations import SYMMETRIC

    doc = parse(text, table)
    ann = annotate(article_of(doc), doc)
    out = set()
    for r in family.extract(ann):
        s, o = ann.name(r.subject), ann.name(r.object)
        if r.predicate in SYMMETRIC:
            s, o = sorted((s, o))
        out.add((s, r.predicate, o, r.status))
    return out
