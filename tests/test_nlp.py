"""kg's pipeline: the attribute ruler's matches found over whole columns are spaCy Matcher's."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

TEXTS = [
    "Foreign Minister Sergei Lavrov met his counterpart in Geneva on Monday, and they ain't done yet.",
    "There is hope: y'all gonna see it, let's go. Nothin' was said; the talks, which were held at the "
    "U.N., are expected to resume.\n\nPresident Jane Doe's aides -- 35 of them -- didn't comment.",
    "  \n  Officials said   it was 'gotta happen'.\tNo one was released.",
    "",
]


def test_the_rules_match_what_the_matcher_matches(nlp):
    from kg.nlp import match_rules

    ruler = nlp.get_pipe("attribute_ruler")
    assert getattr(ruler.match, "func", None) is match_rules  # the columns' look-up is in use
    before = [n for n in nlp.pipe_names if n in {"attribute_ruler", "lemmatizer", "ner"}]
    for doc in nlp.pipe(TEXTS, disable=before):
        assert ruler.match(doc) == sorted(set(type(ruler).match(ruler, doc)))


def test_the_pipeline_annotates_as_with_the_matcher(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    quick = ruler.match
    try:
        del ruler.match  # spaCy's own
        plain = list(nlp.pipe(TEXTS))
    finally:
        ruler.match = quick
    for a, b in zip(plain, nlp.pipe(TEXTS), strict=True):
        assert (a.to_array([POS, MORPH, LEMMA, TAG, DEP]) == b.to_array([POS, MORPH, LEMMA, TAG, DEP])).all()
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]


def test_patterns_of_other_shapes_keep_the_matcher():
    import spacy

    from kg.nlp import compile_rules, quicken_attribute_ruler

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "x"})
    assert compile_rules(ruler) is None
    quicken_attribute_ruler(nlp)
    assert "match" not in vars(ruler)
    ruler.add([[{"ORTH": "b"}]], {"LEMMA": "y"})
    assert compile_rules(ruler) is None


@pytest.mark.parametrize("pattern", [[{"TAG": "NN"}], [{"LOWER": {"IN": ["a", "b"]}}, {"IS_SPACE": True}]])
def test_simple_patterns_are_taken(pattern):
    import spacy

    from kg.nlp import compile_rules

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([pattern], {"LEMMA": "x"})
    assert compile_rules(ruler) is not None


@pytest.mark.model
def test_the_pipeline_read_back_from_the_data_cache_parses_as_the_one_made(tmp_path, monkeypatch):
    """load_pipeline keeps an installed model's pipeline pickled (kg.datacache): the one read back has kg's
    line splitter, tokenizer rules and quick attribute ruler, and annotates every token alike."""
    from spacy.attrs import ENT_IOB, ENT_TYPE, HEAD, IS_STOP, LIKE_NUM, NORM, ORTH, SENT_START, SHAPE, SPACY

    from kg import DEFAULT_MODEL
    from kg.nlp import load_pipeline, make_pipeline, match_rules

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    made = make_pipeline(DEFAULT_MODEL)
    load_pipeline.__wrapped__(DEFAULT_MODEL)  # made, then kept
    assert [p.name for p in tmp_path.glob("pipeline-*.pickle")]
    read_back = load_pipeline.__wrapped__(DEFAULT_MODEL)
    assert read_back.pipe_names == made.pipe_names and "kg_line_sentences" in read_back.pipe_names
    assert getattr(read_back.get_pipe("attribute_ruler").match, "func", None) is match_rules
    texts = [*TEXTS, "DOHA/NEW YORK (Reuters) - Fears -Links between the two (K. Lee / VOA)-When the talks began."]
    columns = [
        ORTH,
        SPACY,
        TAG,
        POS,
        MORPH,
        LEMMA,
        DEP,
        HEAD,
        ENT_IOB,
        ENT_TYPE,
        SENT_START,
        IS_STOP,
        LIKE_NUM,
        NORM,
        SHAPE,
    ]
    for a, b in zip(made.pipe(texts), read_back.pipe(texts), strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        assert (a.to_array(columns) == b.to_array(columns)).all()


def run_python(code: str) -> str:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_spacy_is_imported_without_its_command_line_which_stays_at_hand():
    out = run_python(
        "import sys\n"
        "from kg.spacy_without_cli import import_spacy\n"
        "import_spacy()\n"
        "import spacy\n"
        "from spacy.tokens import Doc\n"
        "print('cli' if 'spacy.cli' in sys.modules else 'no cli')\n"
        "doc = spacy.blank('en')('The minister met the president.')\n"
        "print(len(doc))\n"
        "print(type(spacy.info()).__name__)\n"  # the real one, imported now
        "import spacy.cli\n"
        "print(callable(spacy.cli.setup_cli))\n"
    )
    assert out.split() == ["no", "cli", "6", "dict", "True"]


def test_spacy_already_imported_is_left_as_it_is():
    out = run_python(
        "import sys, spacy\n"
        "from kg.spacy_without_cli import import_spacy\n"
        "import_spacy()\n"
        "print(sys.modules['spacy.cli'].__file__ is not None, spacy.info.__module__)\n"
    )
    assert out.split() == ["True", "spacy.cli.info"]


def test_a_spacy_that_wants_more_of_its_command_line_is_imported_whole(tmp_path):
    package = tmp_path / "spacy"
    (package / "cli").mkdir(parents=True)
    (package / "__init__.py").write_text("from .cli.info import info\nfrom .cli import download\n")
    (package / "cli" / "__init__.py").write_text("download = 'the real download'\n")
    (package / "cli" / "info.py").write_text("info = 'the real info'\n")
    out = run_python(
        f"import sys; sys.path.insert(0, {str(tmp_path)!r})\n"
        "from kg.spacy_without_cli import import_spacy\n"
        "import_spacy()\n"
        "import spacy\n"
        "print(spacy.info == 'the real info', spacy.download == 'the real download')\n"
    )
    assert out.split() == ["True", "True"]
