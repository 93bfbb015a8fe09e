"""Work done beside the main line of a build, on the machine's other core.

`Channel` hands what one thread makes to another as it is made (the triples of the export to the thread
that loads them into the query store).

`in_child(work)` runs `work()` in a forked copy of the process: the child sees the build's data as it is
(a copy-on-write fork costs milliseconds, where sending a big graph to another process would cost seconds)
and sends back only the (small) value, the seconds its stages took and what they counted. Where there is no
fork, or only one core to run on, the work is done at once in this process. An error in the child is raised
again here.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from kg import timings
from kg.datacache import no_gc
from kg.pipeline import cores

log = logging.getLogger(__name__)
T = TypeVar("T")


class Pending(Generic[T]):
    """A value being made: `result()` waits for it (and raises what making it raised); `cancel()` stops it."""

    def __init__(self, pid: int | None = None, pipe: int | None = None, value: T | None = None) -> None:
        self.pid, self.pipe, self.value = pid, pipe, value

    def result(self) -> T:
        if self.pid is None:
            return self.value  # type: ignore[return-value]
        with os.fdopen(self.pipe, "rb") as pipe:  # read all before waiting: a full pipe would block the child
            data = pipe.read()
        pid, self.pid = self.pid, None
        os.waitpid(pid, 0)
        try:
            with no_gc():  # a collection in the middle would walk the whole build's objects, again and again
                ok, value, (seconds, counts) = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, ValueError) as exc:
            raise RuntimeError("a forked process of the build ended without a result (was it killed?)") from exc
        timings.current().merge(seconds, counts)
        if not ok:
            raise value
        self.value = value
        return value

    def cancel(self) -> None:
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.pipe)
        self.pid = None


def can_fork() -> bool:
    """Forking is safe and pays: on Linux, with a second core, and with no other thread running (a forked
    child has only the thread that forked; a lock another one held, a notebook's output stream's say,
    would stay locked in the child for ever)."""
    return hasattr(os, "fork") and sys.platform == "linux" and cores() > 1 and threading.active_count() == 1


def in_child(work: Callable[[], T]) -> Pending[T]:
    """`work()` in a forked child process when that is safe (can_fork), else here and now."""
    pending = forked(work)
    return pending if pending is not None else Pending(value=work())


def forked(work: Callable[[], T]) -> Pending[T] | None:
    """`work()` in a forked child process; None when that is not safe (can_fork) or no process is to be had
    (for work that only pays beside the build)."""
    if not can_fork():
        return None
    read_end, write_end = os.pipe()
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError as exc:  # no process to be had (a limit on processes)
        log.info("no process to be had beside the build (%s): the work is done in turn", exc)
        os.close(read_end)
        os.close(write_end)
        return None
    if pid:
        os.close(write_end)
        return Pending(pid, read_end)
    # the child: never returns into the caller's code (its locks, files and atexit handlers are the parent's)
    code = 0
    try:
        os.close(read_end)
        end_with_parent(parent)
        gc.disable()  # a collection would touch every object, copying the parent's memory page by page
        record = timings.reset()
        try:
            payload = (True, work(), (record.seconds, record.counts))
        except BaseException as exc:  # noqa: BLE001 - raised again in the parent
            code = 1
            payload = (False, exc, (record.seconds, record.counts))
        try:
            data = pickle.dumps(payload)
        except Exception as exc:  # noqa: BLE001 - an error that cannot be pickled is sent as text
            error = RuntimeError(f"{type(exc).__name__}: {exc}")
            data = pickle.dumps((False, error, (record.seconds, record.counts)))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(code)


def end_with_parent(parent: int) -> None:
    """In a forked child: be killed when the parent dies (a killed build leaves no process writing into
    its staging folder), and end now if it is gone already."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: the child ends when its work does
        pass
    if os.getppid() != parent:
        os._exit(1)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Channel:
    """Byte chunks handed from one thread to another as they are made: `add` text (gathered into chunks of
    about a megabyte, a few of them held at most), `close()` at the end; the other thread iterates. Closed
    with `failed=True`, the reader gets an error instead of an end, so it does not take a part for the whole."""

    CHUNK = 1 << 20

    def __init__(self, held: int = 8) -> None:
        self.queue: queue.Queue[bytes | None | BaseException] = queue.Queue(held)
        self.gathered: list[str] = []
        self.size = 0
        self.abandoned = False

    def add(self, text: str) -> None:
        self.gathered.append(text)
        self.size += len(text)
        if self.size >= self.CHUNK:
            self.put("".join(self.gathered).encode("utf-8"))
            self.gathered, self.size = [], 0

    def put(self, item: bytes | None) -> None:
        while not self.abandoned:  # a reader that stopped (an error) must not leave the writer waiting
            try:
                self.queue.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    def abandon(self) -> None:
        """The reader stops reading: what is added from now on is dropped."""
        self.abandoned = True

    def close(self, failed: bool = False) -> None:
        if failed:
            self.gathered = []
            while True:  # make room: the reader may be gone
                try:
                    self.queue.get_nowait()
                except queue.Empty:
                    break
            self.queue.put(RuntimeError("the writer stopped before the end"))
            return
        if self.gathered:
            self.put("".join(self.gathered).encode("utf-8"))
            self.gathered = []
        self.put(None)

    def __iter__(self) -> Iterator[bytes]:
        try:
            while True:
                item = self.queue.get()
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            self.abandon()  # however the reading ends
