"""Where a build spends its time: seconds per stage, recorded by the pipeline, read by the benchmark.

A stage that runs in worker processes (parse, extract) is summed over the workers, so its figure is
CPU-seconds, not wall time; `map` is the wall time of the whole per-article map. No I/O here: the
CLI writes the record (`kg build --timings FILE`) and logs it with `-v`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Timings:
    """Seconds per stage name, in the order stages first ran, plus counts (articles parsed, ...)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def merge(self, seconds: dict[str, float], counts: dict[str, int] | None = None) -> None:
        for stage, value in seconds.items():
            self.add(stage, value)
        for name, n in (counts or {}).items():
            self.count(name, n)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - start)

    def as_dict(self) -> dict:
        return {"seconds": {k: round(v, 4) for k, v in self.seconds.items()}, "counts": dict(self.counts)}


# One record per process: the pipeline's stages add to it; `kg build` resets it at its start.
TIMINGS = Timings()


def reset() -> Timings:
    global TIMINGS
    TIMINGS = Timings()
    return TIMINGS


def current() -> Timings:
    return TIMINGS


def stage(name: str):  # noqa: ANN201 - a context manager
    """`with stage("resolve"): ...` adds the block's wall time to the current record."""
    return TIMINGS.stage(name)
