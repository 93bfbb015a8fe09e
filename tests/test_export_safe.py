"""Any Unicode a name, a sentence, a title or a file name may hold (control characters, lone surrogates,
non-characters) goes through every exporter: each output parses with an independent reader and keeps the string,
cleaned only of what XML and UTF-8 cannot carry. Runs without the model."""

from __future__ import annotations

import json
import re

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from rdflib import Graph

from kg.export.networkx_files import from_json
from kg.pipeline import write_outputs
from kg.textsafe import UNSAFE, safe_string
from kg.types import Article, BuildResult, Entity, Event, Evidence, Merge, Participant, Relation

ANY = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)
SOME = st.text(alphabet=st.characters(codec=None, exclude_categories=()), min_size=1, max_size=40)


def result_with(name: str, alias: str, sentence: str, title: str, outlet: str, path: str, verb: str) -> BuildResult:
    ev = Evidence("d", sentence, 0, len(sentence), 0, min(1, len(sentence)), "test.rule.v1")
    return BuildResult(
        entities=(
            Entity("a", name, "PERSON", (alias,), 1, ("d",)),
            Entity("b", "Bea Bo", "ORG", (), 1, ("d",)),
        ),
        relations=(Relation("a", "interactedWith", "b", "occurred", ev, 0.8, verb, title),),
        articles=(Article("d", path, sentence, title=title, outlet=outlet),),
        merges=(Merge("a", (name, alias), "surname", ("d",)),),
        events=(
            Event(
                "e1",
                "Meeting",
                (Participant("a", "attendee"), Participant("b", "attendee")),
                (),
                "occurred",
                None,
                title,
                "044",
                "CONSULT",
                (ev,),
                verb,
            ),
        ),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=SOME, alias=ANY, sentence=SOME, title=ANY, outlet=ANY, path=SOME, verb=ANY)
def test_arbitrary_unicode_through_every_exporter(tmp_path_factory, name, alias, sentence, title, outlet, path, verb):
    out = tmp_path_factory.mktemp("out")
    written = write_outputs(result_with(name, alias, sentence, title, outlet, path, verb), out)
    label = safe_string(name)

    turtle = written["ttl"].read_bytes()
    triples = list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    labels = {
        t.object.value for t in triples if t.predicate.value.endswith("#label") and t.subject.value.endswith("/a")
    }
    assert labels == {label}
    rdflib_graph = Graph()
    rdflib_graph.parse(data=turtle.decode("utf-8"), format="turtle")
    assert len(rdflib_graph) == len(triples)

    graphml = written["graphml"].read_bytes()
    etree.fromstring(graphml, etree.XMLParser(recover=False))  # strict XML 1.0
    assert nx.read_graphml(written["graphml"]).nodes["a"]["name"] == label

    assert from_json(written["json"].read_text(encoding="utf-8")).nodes["a"]["name"] == label
    assert json.loads(written["merges"].read_text(encoding="utf-8"))[0]["names"][0] == label

    page = written["html"].read_text(encoding="utf-8")
    data = json.loads(re.search(r"const DATA = (.*?);\n", page).group(1))
    titles = " ".join(n["title"] for n in data["nodes"])
    assert label.strip() in titles or not label.strip()
    for kind in ("ttl", "json", "graphml", "merges"):
        text = written[kind].read_text(encoding="utf-8")
        assert not UNSAFE.search(text.replace("\n", "").replace("\t", "")), kind


def test_a_clean_graph_is_passed_on_and_an_unsafe_one_copied_clean():
    from kg.export.safe import safe_graph

    clean = nx.MultiDiGraph(articles={"d": {"title": "T"}})
    clean.add_node("a", name="Ann", aliases=["A"])
    clean.add_edge("a", "b", key="k", evidence=[{"sentence": "Ann met Bo.", "start": 0}])
    assert safe_graph(clean) is clean  # nothing to clean: no copy of a big graph
    unsafe = clean.copy()
    unsafe.add_edge("a", "b", key="k2", evidence=[{"sentence": "Ann\x07 met Bo\ud800."}])
    cleaned = safe_graph(unsafe)
    assert cleaned is not unsafe and unsafe.edges["a", "b", "k2"]["evidence"][0]["sentence"] == "Ann\x07 met Bo\ud800."
    assert cleaned.edges["a", "b", "k2"]["evidence"][0]["sentence"] == "Ann met Bo\ufffd."


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("plain text, a tab\tand a line\n, an NBSP\xa0and “quotes”", True),
        ({"key": [("deep", ["deeper", {"deepest": "\x07"}])]}, False),  # at any depth
        ({"\x1b[31m": 1}, False),  # keys too
        ("\ud800", False),
        ("\ufffe", False),
        ("\x85", False),
        ((1, 2.5, None, True, {"n": [3]}), True),
        (type("Text", (str,), {})("a\x00"), False),  # subclasses of str, list and dict are looked into
        (type("Items", (list,), {})(["ok", "\x0b"]), False),
        (type("Table", (dict,), {})(a="\x01"), False),
        ({"a": "fine"}, True),
        (Evidence("d", "Ann met Bo.", 0, 11, 0, 3, "rule"), True),  # dataclass instances: their fields
        ((Evidence("d", "Ann met Bo\ufffe.", 0, 12, 0, 3, "rule"),), False),
    ],
)
def test_every_string_inside_a_value_is_checked(value, safe):
    from kg.textsafe import is_safe_value

    assert is_safe_value(value) is safe


def test_an_extraction_result_is_checked_once_and_cleaned_only_when_it_must_be():
    """What kg build relies on to leave its graph unwalked: an article is cleaned when read, and a result
    is checked (and copied clean, if need be) when it is made."""
    from kg.textsafe import clean_article_text, safe_result
    from kg.types import ArticleResult, LocalEntity

    assert clean_article_text("Ann\x07 met Bo\ufffe\ud800 in Oslo.\x0c") == "Ann met Bo\ufffd\ufffd in Oslo.\n"
    article = Article("d", "d.txt", "Ann met Bo.")
    ev = Evidence("d", "Ann met Bo.", 0, 11, 0, 3, "rule")
    entity = LocalEntity("d", "ann", "Ann", "PERSON", ("Ann",))
    clean = ArticleResult(article, (entity,), (Relation("ann", "metWith", "bo", "occurred", ev, 0.9),))
    assert safe_result(clean) is clean  # the common case: no copy
    # a name from elsewhere than the article's text (a lexicon, the model) with what no output can carry
    unsafe = ArticleResult(article, (LocalEntity("d", "ann", "An\x1bn\ud800", "PERSON", ("Ann",)),), clean.relations)
    cleaned = safe_result(unsafe)
    assert cleaned.entities[0].name == "Ann\ufffd" and cleaned.relations == clean.relations
    assert unsafe.entities[0].name == "An\x1bn\ud800"  # the result given is left as it was
