"""Work beside the build's main line: a forked child's value, errors and stages come back; a channel hands
chunks from thread to thread; the export streams its triples to the store as it makes them."""

from __future__ import annotations

import threading
import time

import pytest

from kg import background, timings


def make(value: int) -> int:
    with timings.stage("export.sample"):
        timings.current().count("samples")
        return value * 2


def test_a_child_sends_back_its_value_and_the_seconds_of_its_stages():
    record = timings.reset()
    pending = background.in_child(lambda: make(21))
    assert pending.result() == 42
    assert "export.sample" in record.seconds and record.counts["samples"] == 1


def test_a_childs_error_is_raised_again_here():
    def fail() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        background.in_child(fail).result()


def test_without_a_second_core_the_work_is_done_at_once(monkeypatch):
    monkeypatch.setattr(background, "cores", lambda: 1)
    done = []
    pending = background.in_child(lambda: done.append(1) or 7)
    assert done == [1]  # here, not in a child
    assert pending.result() == 7


def test_a_cancelled_child_is_stopped():
    pending = background.in_child(lambda: time.sleep(30))
    start = time.perf_counter()
    pending.cancel()
    assert time.perf_counter() - start < 10
    pending.cancel()  # twice is harmless


def test_a_channel_hands_every_chunk_in_order_to_another_thread(monkeypatch):
    monkeypatch.setattr(background.Channel, "CHUNK", 10)
    channel = background.Channel(held=1)  # the writer waits for the reader rather than holding more
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.extend(channel))
    reader.start()
    texts = [f"line {i}\n" for i in range(100)]
    for text in texts:
        channel.add(text)
    channel.close()
    reader.join(10)
    assert b"".join(got) == "".join(texts).encode()
    assert len(got) > 10  # handed over as made, not at the end


def test_a_channel_closed_on_failure_ends_its_reader_with_an_error():
    channel = background.Channel()
    channel.add("a partial ")
    channel.close(failed=True)
    with pytest.raises(RuntimeError, match="stopped before the end"):
        list(channel)


def test_the_export_passes_each_fresh_units_triples_as_it_makes_them():
    from kg.export import rdf
    from kg.graph import to_networkx
    from tests.test_export_rdf import sample

    graph = to_networkx(sample())
    streamed: list[str] = []
    exported = rdf.export(graph, on_fresh=streamed.append)
    assert streamed == list(exported.fresh.values()) and len(streamed) > 3
    again: list[str] = []
    rdf.export(graph, memo=rdf.Memo(exported.blocks), on_fresh=again.append)
    assert again == []  # nothing made afresh, nothing passed


def test_with_another_thread_running_the_work_is_done_here():
    """A notebook's kernel runs threads (its output streams) whose locks a forked child could inherit held."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not background.can_fork()
        done = []
        background.in_child(lambda: done.append(1))
        assert done == [1]
    finally:
        stop.set()
        other.join()


def test_a_writer_never_waits_for_a_reader_that_stopped(monkeypatch):
    monkeypatch.setattr(background.Channel, "CHUNK", 1)
    channel = background.Channel(held=1)

    def read_one_then_fail() -> None:
        for _ in channel:
            raise OSError("no space left")

    reader = threading.Thread(target=lambda: pytest.raises(OSError, read_one_then_fail))
    reader.start()
    start = time.perf_counter()
    for i in range(50):
        channel.add(f"chunk {i}\n")
    channel.close()
    reader.join(10)
    assert time.perf_counter() - start < 10 and channel.abandoned


def test_a_store_that_cannot_be_loaded_fails_the_build_without_hanging_it(tmp_path, monkeypatch):
    import kg.query
    from kg.pipeline import write_outputs
    from tests.test_export_rdf import sample

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(background.Channel, "CHUNK", 1)  # so that the export would fill the channel
    monkeypatch.setattr(kg.query, "store_from_triples", broken)
    with pytest.raises(OSError, match="no space left"):
        write_outputs(sample(), tmp_path / "out")
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".staging-")]  # nothing left behind


def test_a_child_dies_with_its_parent(tmp_path):
    """A build killed while its forked child writes leaves no process writing into its staging folder."""
    import os
    import signal
    import subprocess
    import sys

    if not background.can_fork():
        pytest.skip("no fork here")
    script = (
        "import time, sys\n"
        "from kg import background\n"
        "pending = background.in_child(lambda: time.sleep(60))\n"
        "print(pending.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and alive(child):
        time.sleep(0.1)
    if alive(child):
        os.kill(child, signal.SIGKILL)
        pytest.fail("the child outlived its parent")


def alive(pid: int) -> bool:
    """Running: neither gone nor dead and waiting to be reaped (a zombie)."""
    from pathlib import Path

    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"
