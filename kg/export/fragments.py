"""Output files rewritten from what changed: a file is written as pieces, each made from one input (a node,
an edge, the graph's own attributes) and named by a digest of it. An index of where each piece lies is
kept beside the build's cache, and the next build copies a piece from the file the last build wrote when
its input is unchanged, instead of making it again (adding one article changes a few percent of a big
graph's nodes and edges).

A piece is copied only when the file still holds it: its bytes must have the length and CRC-32 the index
gives, so a file edited, replaced or left by a build that stopped midway costs time, never wrong bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kg.export.files import atomic_file, read_pickle, write_atomic

# where a piece lies in its file: (start, length, CRC-32 of its bytes)
Place = tuple[int, int, int]


def digest(*parts: object) -> bytes:
    """A piece's name (and a Turtle unit's key): its input pickled without the memo, so equal values give
    equal bytes whether or not they share objects (pickling costs a third of repr)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(parts)
    return hashlib.blake2b(buffer.getvalue(), digest_size=16).digest()


@dataclass
class Pieces:
    """The pieces of one file the last build wrote (`source`, that file, open; `places`, its index) and
    those of the file being written (`written`, filled by `write`). A piece is read from the file when it
    is copied (the file is never read whole: it would cost its size in fresh memory)."""

    version: str
    source: BinaryIO | None = None
    places: dict[bytes, Place] = field(default_factory=dict)
    written: dict[bytes, Place] = field(default_factory=dict)
    size: int = 0  # of the file written
    reused: int = 0

    @classmethod
    def load(cls, index: Path, written: Path, version: str) -> Pieces:
        """The pieces of `written` (the file the last build published) by `index` (saved by that build),
        when both are there and the index was made by the same code (`version`); else none."""
        try:
            saved_version, size, places = read_pickle(index)  # type: ignore[misc]
            if saved_version != version or not isinstance(places, dict):
                return cls(version)
            source = written.open("rb", buffering=0)  # each piece read where it lies, nothing around it
        except (OSError, TypeError, ValueError):  # no index, or not of this shape; no file
            return cls(version)
        if os.fstat(source.fileno()).st_size != size:
            source.close()
            return cls(version)
        return cls(version, source, places)

    def save(self, index: Path) -> None:
        """The index of the file just written (its pieces' places), for the next build."""
        with atomic_file(index) as handle:
            pickle.dump((self.version, self.size, self.written), handle, protocol=pickle.HIGHEST_PROTOCOL)

    def found(self, key: bytes) -> bytes | None:
        place = self.places.get(key)
        if place is None or self.source is None:
            return None
        start, length, crc = place
        try:
            self.source.seek(start)
            piece = self.source.read(length)
        except OSError:
            return None
        return piece if len(piece) == length and zlib.crc32(piece) == crc else None

    def close(self) -> None:
        if self.source is not None:
            self.source.close()
            self.source = None

    def write(self, pieces: Iterable[Piece]) -> Iterator[bytes]:
        """The file's bytes, from its pieces: one with a key is copied from the last build's file when
        there, else made; one without a key (separators, headers) is always made. The last build's file is
        closed once all are given."""
        position = 0
        try:
            for key, make in pieces:
                data = None if key is None else self.found(key)
                if data is None:
                    data = text_of_piece(make).encode("utf-8")
                else:
                    self.reused += 1
                if key is not None:
                    self.written[key] = (position, len(data), zlib.crc32(data))
                position += len(data)
                yield data
            self.size = position
        finally:
            self.close()


# A piece of a file: its key (None: never reused) and its text, or a function that makes it (called only
# when the piece is not reused).
Piece = tuple[bytes | None, str | Callable[[], str]]


def text_of_piece(make: str | Callable[[], str]) -> str:
    return make if isinstance(make, str) else make()


def text_of(pieces: Iterable[Piece]) -> str:
    """The whole text, every piece made."""
    return "".join(text_of_piece(make) for _, make in pieces)


def write_pieces(path: str | Path, parts: Iterable[Piece], pieces: Pieces | None = None) -> Path:
    """A file written from its pieces: with `pieces` (the last build's), copying those it holds."""
    if pieces is None:
        return write_atomic(path, (text_of_piece(make).encode("utf-8") for _, make in parts))
    return write_atomic(path, pieces.write(parts))
