"""The Turtle export on a hand-built graph: the scorer's contract, determinism, independent parsers."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import SKOS

from kg import vocab
from kg.export.rdf import to_turtle
from kg.graph import to_networkx
from kg.relations import MET_WITH, SPOKE_WITH
from kg.types import (
    INTENDED,
    OCCURRED,
    PLANNED,
    Article,
    BuildResult,
    Entity,
    Evidence,
    Relation,
)

KG = Namespace(vocab.kg_ns())
PROV = Namespace(vocab.PROV)
E = Namespace(vocab.BASE + "entity/")

SENTENCE = 'Jane "JJ" Roe <b>met</b> \\ John Doe in Lima.'


def sample() -> BuildResult:
    ev = Evidence("doc-1", SENTENCE, 0, len(SENTENCE), 15, 18, "meetings.verb.v1")
    return BuildResult(
        entities=(
            Entity("jane-roe", "Jane Roe", "PERSON", ("Roe", 'Jane "JJ" Roe'), 2, ("doc-1",)),
            Entity("john-doe", "John Doe", "PERSON", (), 1, ("doc-1",)),
            Entity("lima", "Lima", "GPE", (), 1, ("doc-1",), 3936456),
        ),
        relations=(
            Relation("jane-roe", MET_WITH.name, "john-doe", OCCURRED, ev, 0.9, "meet", "on Friday"),
            Relation("jane-roe", SPOKE_WITH.name, "john-doe", PLANNED, ev, 0.8, "call"),
            Relation("john-doe", MET_WITH.name, "jane-roe", INTENDED, ev, 0.8, "meet"),
        ),
        articles=(Article("doc-1", "doc-1.txt", SENTENCE, title="Roe & Doe <meet>", published=None),),
    )


@pytest.fixture()
def turtle() -> bytes:
    return to_turtle(to_networkx(sample()))


@pytest.fixture()
def graph(turtle) -> Graph:
    g = Graph()
    g.parse(data=turtle.decode("utf-8"), format="turtle")
    return g


def test_entities_have_labels_types_and_alt_labels(graph):
    assert graph.value(E["jane-roe"], RDFS.label).value == "Jane Roe"
    assert {str(o) for o in graph.objects(E["jane-roe"], SKOS.altLabel)} == {"Roe", 'Jane "JJ" Roe'}
    assert (E["jane-roe"], RDF.type, URIRef("https://schema.org/Person")) in graph
    assert (E["lima"], URIRef(vocab.OWL + "sameAs"), URIRef("https://sws.geonames.org/3936456/")) in graph


def test_facts_are_direct_triples_with_reified_provenance(graph):
    assert (E["jane-roe"], KG.metWith, E["john-doe"]) in graph
    statements = list(graph.subjects(RDF.predicate, KG.metWith))
    assert statements
    for st in statements:
        assert graph.value(st, PROV.wasDerivedFrom) == URIRef(vocab.BASE + "document/doc-1")
        assert str(graph.value(st, KG.evidence)) == SENTENCE
        assert graph.value(st, KG.status) is not None


def test_intentions_are_statements_but_never_asserted(graph):
    intended = [st for st in graph.subjects(KG.status, None) if str(graph.value(st, KG.status)) == INTENDED]
    assert intended
    # the symmetric metWith is stored one way: the occurred triple exists, and no planned/intended
    # direct triple is added in the other direction
    assert (E["john-doe"], KG.metWith, E["jane-roe"]) not in graph


def test_symmetric_predicates_declared(graph):
    assert (KG.metWith, RDF.type, URIRef(vocab.OWL + "SymmetricProperty")) in graph
    assert graph.value(KG.metWith, RDFS.label) is not None


def test_deterministic(turtle):
    assert to_turtle(to_networkx(sample())) == turtle


def test_no_blank_nodes(graph):
    from rdflib import BNode

    assert not any(isinstance(t, BNode) for triple in graph for t in triple)


def test_parses_in_oxigraph(turtle):
    import pyoxigraph

    assert len(list(pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE))) > 20


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
def test_parses_in_rapper(turtle, tmp_path):
    path = tmp_path / "g.ttl"
    path.write_bytes(turtle)
    run = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def memo_blocks(units: dict[str, str]) -> dict:
    """Unit key -> blocks, one block of `text` per unit (what an export's memo holds)."""
    return {key.encode(): ((f"<{key}>", text.encode()),) for key, text in units.items()}


def test_the_turtle_memo_of_a_small_change_is_a_delta_on_the_last_base(tmp_path):
    import os

    from kg.export.files import write_aside
    from kg.export.rdf import Memo, delta_path

    path = tmp_path / "turtle-blocks.pickle"

    def keep(memo: Memo) -> list:
        places = []
        for place, write in memo.files(path):
            os.replace(write_aside(place, write), place)
            places.append(place)
        return places

    first = {f"u{i}": "x" * 100 for i in range(10)}
    memo = Memo().then(memo_blocks(first))
    assert keep(memo) == [path, delta_path(path)]  # a first memo: its base, and an empty delta
    assert Memo.load(path).blocks == memo_blocks(first)

    second = {**first, "u10": "y" * 100}  # a unit added, one changed (a new key), one gone
    second["u0b"] = second.pop("u0")
    memo = Memo.load(path).then(memo_blocks(second))
    assert keep(memo) == [delta_path(path)]  # the base is kept; the delta holds the two units it lacks
    loaded = Memo.load(path)
    assert loaded.blocks == memo_blocks(second) and loaded.base == frozenset(memo_blocks(first))

    third = {f"v{i}": "z" * 100 for i in range(10)}  # most of it new: a new base
    assert keep(Memo.load(path).then(memo_blocks(third))) == [path, delta_path(path)]
    assert Memo.load(path).blocks == memo_blocks(third)


def test_a_turtle_memo_delta_of_another_base_or_damaged_is_left_aside(tmp_path):
    import os
    import shutil

    from kg.export.files import write_aside
    from kg.export.rdf import Memo, delta_path

    path = tmp_path / "turtle-blocks.pickle"
    first = memo_blocks({f"u{i}": "x" * 100 for i in range(10)})
    for place, write in Memo().then(first).files(path):
        os.replace(write_aside(place, write), place)
    stale = tmp_path / "stale-delta"
    shutil.copy(delta_path(path), stale)
    other = memo_blocks({f"v{i}": "x" * 100 for i in range(10)})
    for place, write in Memo.load(path).then(other).files(path):
        if place == path:  # killed after the new base was moved into place, before its delta was
            os.replace(write_aside(place, write), place)
    shutil.copy(stale, delta_path(path))
    assert Memo.load(path).blocks == other  # the old delta names the old base: the new base alone
    delta_path(path).write_bytes(b"damaged")
    assert Memo.load(path).blocks == other
    path.write_bytes(b"damaged")
    assert Memo.load(path).blocks == {}  # no base: nothing to reuse


def test_a_facts_statements_made_directly_are_the_blocks_of_their_triples():
    """statement_blocks (the fast way, used for every fact's statements) writes what blocks_of writes from
    statement_triples: the same blocks and N-Triples, with and without verb, date text or a confidence of
    its own; a sentence stating a symmetric fact both ways (one statement) is left to blocks_of."""
    from kg.export import rdf

    first = Evidence("doc-1", SENTENCE, 0, len(SENTENCE), 15, 18, "meetings.verb.v1")
    second = Evidence("doc-2", "Roe and Doe spoke = again.", 0, 26, 8, 13, "calls.verb.v2")
    articles = tuple(Article(d, f"{d}.txt", "text") for d in ("doc-1", "doc-2"))
    result = BuildResult(
        entities=sample().entities,
        relations=(
            Relation("jane-roe", MET_WITH.name, "john-doe", OCCURRED, first, 0.9, "meet", "on Friday"),
            Relation("jane-roe", MET_WITH.name, "john-doe", OCCURRED, second, 0.55, "meet"),
            Relation("jane-roe", SPOKE_WITH.name, "lima", INTENDED, second, 0.8),
            Relation("lima", "locatedIn", "jane-roe", PLANNED, first, 0.6, None),
            Relation("john-doe", SPOKE_WITH.name, "jane-roe", OCCURRED, second, 0.8, "talk"),
            Relation("jane-roe", SPOKE_WITH.name, "john-doe", OCCURRED, second, 0.8, "talk"),  # both ways
        ),
        articles=articles,
    )
    short = rdf.shortener(vocab.BASE)
    made = [u for u in rdf.units(to_networkx(result)) if u.make is rdf.statement_triples]
    direct = [rdf.statement_blocks(*u.args, short) for u in made]
    assert [d for d in direct if d is not None] == [
        rdf.blocks_of(u.make(*u.args), short) for u, d in zip(made, direct, strict=True) if d is not None
    ]
    assert sum(d is None for d in direct) == 1  # the sentence stating both ways
    assert sum(len(d[0]) for d in direct if d is not None) == 4


def test_units_named_by_the_graphs_element_keys_give_the_same_turtle_and_are_made_again_when_changed():
    """kg build names the units of nodes and edges by the keys it made for graph.json's pieces
    (element_keys): the same Turtle, and a unit is made again exactly when a node or edge in it changed."""
    from dataclasses import replace

    from kg.export import rdf
    from kg.export.networkx_files import element_keys

    before = to_networkx(sample())
    first = rdf.export(before, keys=element_keys(before))
    assert b"".join(first.turtle()) == b"".join(rdf.export(before).turtle())

    changed = sample()
    relations = list(changed.relations)
    relations[1] = replace(relations[1], confidence=0.3)  # one fact's statement: its confidence
    after = to_networkx(replace(changed, relations=tuple(relations)))
    again = rdf.export(after, memo=rdf.Memo(first.blocks), keys=element_keys(after))
    assert b"".join(again.turtle()) == b"".join(rdf.export(after).turtle())
    assert len(again.fresh) == 1
