"""graph.json and graph.graphml rewritten from what changed: the pieces whose input is unchanged are copied
from the file the last build wrote, and the file is the same, byte for byte, as one written afresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.export.fragments import Pieces
from kg.export.networkx_files import to_graphml, to_json, write_graphml, write_json
from tests.test_export_html import add_fact, sample_graph

FORMATS = [("graph.json", write_json, lambda g: to_json(g).encode()), ("graph.graphml", write_graphml, to_graphml)]


def written_twice(tmp_path: Path, write, name: str, version: str = "v1") -> tuple[Pieces, Path]:  # noqa: ANN001
    """The sample graph written with pieces, its index saved; then the pieces loaded back for a next build."""
    first = Pieces(version)
    old = write(sample_graph(), tmp_path / name, first)
    first.save(tmp_path / "index")
    return Pieces.load(tmp_path / "index", old, version), old


@pytest.mark.parametrize(("name", "write", "plain"), FORMATS)
def test_unchanged_pieces_are_copied_and_the_file_is_as_if_made_afresh(tmp_path, name, write, plain) -> None:
    graph = sample_graph()
    add_fact(graph, "gpe/russia", "interactedWith", "org/nato", verb="warn", sentence="Russia warned NATO.")
    graph.nodes["person/donald-trump"]["mentions"] += 1
    pieces, _ = written_twice(tmp_path, write, name)
    out = write(graph, tmp_path / "next", pieces)
    assert out.read_bytes() == plain(graph)
    parts = 1 + graph.number_of_nodes() + graph.number_of_edges()  # the graph's attributes, nodes, edges
    # everything but the new edge, the changed node and (in graph.json) the graph's own attributes
    assert parts - 3 <= pieces.reused <= parts - 2


@pytest.mark.parametrize(("name", "write", "plain"), FORMATS)
def test_a_file_changed_since_costs_time_never_wrong_bytes(tmp_path, name, write, plain) -> None:
    pieces, old = written_twice(tmp_path, write, name)
    text = old.read_bytes()
    at = text.index(b"Vladimir Putin")
    old.write_bytes(text[:at] + b"Vladimir Poutin" + text[at + len(b"Vladimir Putin") + 1 :])  # the same size
    pieces = Pieces.load(tmp_path / "index", old, "v1")
    assert pieces.places  # the size matches: the index is taken, each piece checked as it is copied
    assert write(sample_graph(), tmp_path / "next", pieces).read_bytes() == plain(sample_graph())
    assert 0 < pieces.reused < 1 + sample_graph().number_of_nodes() + sample_graph().number_of_edges()


@pytest.mark.parametrize(("name", "write", "plain"), FORMATS)
def test_no_index_another_code_or_another_file_size_means_nothing_reused(tmp_path, name, write, plain) -> None:
    _, old = written_twice(tmp_path, write, name)
    assert not Pieces.load(tmp_path / "missing", old, "v1").places
    assert not Pieces.load(tmp_path / "index", old, "v2").places
    old.write_bytes(old.read_bytes() + b"\n")
    pieces = Pieces.load(tmp_path / "index", old, "v1")
    assert not pieces.places
    assert write(sample_graph(), tmp_path / "next", pieces).read_bytes() == plain(sample_graph())
    assert pieces.reused == 0
