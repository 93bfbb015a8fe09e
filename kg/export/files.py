"""Atomic file writing: a reader never sees a half-written output."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files; outputs are for everyone who may read the folder
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
