"""The notebook runs top to bottom, headless: on the seed articles, on articles dated only by their file
names, and on a graph with no dates and two unconnected stories."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SOURCES

pytestmark = pytest.mark.model


def run_notebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> tuple[str, list[str]]:
    """Execute notebooks/explore.ipynb; returns its text outputs and the kinds of its rich outputs."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    # a kernel spec for this interpreter, so the notebook runs in the same environment as the tests
    spec_dir = tmp_path / "jupyter" / "kernels" / "kg-test"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "kg",
                "language": "python",
            }
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend, so figures are outputs
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="kg-test", resources={"metadata": {"path": str(ROOT / "notebooks")}}
    )
    client.execute()
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    assert "error" not in {out.get("output_type") for out in outputs}
    text = "\n".join(str(out.get("text", "")) + json.dumps(out.get("data", {})) for out in outputs)
    kinds = [kind for out in outputs for kind in out.get("data", {})]
    return text, kinds


def test_explore_notebook_runs_on_the_seeds(tmp_path, monkeypatch):
    text, _ = run_notebook(tmp_path, monkeypatch, KG_NOTEBOOK_OUTPUT=str(tmp_path / "output"))
    assert "of them with relations" in text and "events" in text and "Putin" in text
    from tests.test_export_html import page_data

    page = page_data((tmp_path / "output" / "graph.html").read_text(encoding="utf-8"))
    assert page["summary"] in text  # the same numbers, in the same words, as the page's header


def test_explore_notebook_on_articles_dated_by_file_name(tmp_path, monkeypatch):
    """No metadata at all: the publication dates come from the file names, so the time line is drawn."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sorted(SOURCES.glob("*.txt")):
        shutil.copy(path, folder / f"wire_2025.08.15.{path.stem}.txt")
    text, kinds = run_notebook(
        tmp_path, monkeypatch, KG_NOTEBOOK_SOURCES=str(folder), KG_NOTEBOOK_OUTPUT=str(tmp_path / "output")
    )
    assert "file-name" in text and "events dated" in text and "sentence+file-name" in text
    assert "image/png" in kinds  # the time line


def test_explore_notebook_without_dates_or_links(tmp_path, monkeypatch):
    """A graph with no event dates and two stories that share no entity: a sentence instead of blank axes,
    and the two entities reported as not connected."""
    from kg.pipeline import write_outputs
    from kg.types import Article, BuildResult, Entity, Evidence, Relation

    def fact(a: str, b: str, doc: str) -> Relation:
        sentence = f"{a} met {b}."
        return Relation(a, "metWith", b, "occurred", Evidence(doc, sentence, 0, len(sentence), 3, 6, "t.v1"))

    people = ["ana-lima", "jon-berg", "eva-cruz", "kim-sato", "tom-vale"]
    result = BuildResult(
        entities=tuple(
            Entity(f"person/{p}", p.replace("-", " ").title(), "PERSON", mention_count=3 - i % 2, documents=("d1",))
            for i, p in enumerate(people)
        ),
        # Lima-Berg-Cruz in one story, Sato-Vale in another: nothing links the two
        relations=(
            fact("person/ana-lima", "person/jon-berg", "d1"),
            fact("person/jon-berg", "person/eva-cruz", "d1"),
            fact("person/kim-sato", "person/tom-vale", "d2"),
        ),
        articles=(Article("d1", "d1.txt", "x"), Article("d2", "d2.txt", "y")),
    )
    out = tmp_path / "output"
    write_outputs(result, out)
    text, kinds = run_notebook(tmp_path, monkeypatch, KG_NOTEBOOK_OUTPUT=str(out))
    assert "No event has a date" in text and "image/png" not in kinds
    assert "are not connected" in text
    assert "5 entities, 5 of them with relations; 3 relations (distinct facts); 0 events" in text
