"""The notebook runs top to bottom, headless, on the seed articles."""

from __future__ import annotations

import json
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.model


def test_explore_notebook_runs(tmp_path, monkeypatch):
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
    monkeypatch.setenv("KG_NOTEBOOK_OUTPUT", str(tmp_path / "output"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="kg-test", resources={"metadata": {"path": str(ROOT / "notebooks")}}
    )
    client.execute()
    text = "\n".join(
        str(out.get("text", "")) + json.dumps(out.get("data", {}))
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    assert "error" not in {out.get("output_type") for c in nb.cells for out in c.get("outputs", [])}
    assert "entities" in text and "Putin" in text
    assert (tmp_path / "output" / "graph.html").exists()
