"""Atomic file writing: a reader never sees a half-written output."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: str | Path, data: bytes | str | Iterable[bytes]) -> Path:
    """Write bytes, text or an iterable of byte chunks (so a big output need not be one string first)."""
    with atomic_file(path) as handle:
        if isinstance(data, str):
            handle.write(data.encode("utf-8"))
        elif isinstance(data, bytes | bytearray):
            handle.write(data)
        else:
            for chunk in data:
                handle.write(chunk)
    return Path(path)


@contextmanager
def atomic_file(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file that appears at `path` whole, when the block ends without an error."""
    path = Path(path)
    with hidden_file(path) as (handle, tmp):
        yield handle
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_aside(path: str | Path, write: Callable[[BinaryIO], None]) -> Path:
    """What `write` writes, in a new hidden file beside `path`, flushed to disk: the caller moves it onto
    `path` (os.replace) once it may appear there, or removes it. Lets a file be written before the moment
    it may appear, on another thread."""
    with hidden_file(Path(path)) as (handle, tmp):
        write(handle)
    return tmp


@contextmanager
def hidden_file(path: Path) -> Iterator[tuple[BinaryIO, Path]]:
    """A new file beside `path`, hidden (a dot name), readable as outputs are, flushed to disk when the block
    ends; removed if the block fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files; outputs are for everyone who may read the folder
        with os.fdopen(fd, "wb") as handle:
            yield handle, tmp
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# What reading back a pickle an earlier build (or other code) wrote may raise: it is then as if not there.
UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError)


def read_pickle(path: Path) -> object | None:
    """What a file kg pickled holds, or None when it is missing or unreadable (the caller checks its shape
    and version)."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except UNREADABLE:
        return None
