from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory) -> Path:
    """The seed articles built once for the whole session (the real model, the real pipeline)."""
    from kg.pipeline import build, write_outputs

    out = tmp_path_factory.mktemp("seed-output")
    src = out / "sources"
    shutil.copytree(SOURCES, src)
    result = build([src])
    write_outputs(result, out)
    return out


@pytest.fixture(scope="session")
def seed_result():
    from kg.pipeline import build

    return build([SOURCES])
