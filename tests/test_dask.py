"""The Dask executor gives the same graph as the local build."""

from __future__ import annotations

import pytest

from kg.pipeline import Settings, build
from tests.conftest import SOURCES

pytest.importorskip("dask.distributed")
pytestmark = pytest.mark.model


def test_dask_build_equals_local_build(seed_result):
    distributed = build([SOURCES], Settings(executor="dask", jobs=2, batch_size=1))
    assert distributed.entities == seed_result.entities
    assert distributed.relations == seed_result.relations
    assert distributed.events == seed_result.events
