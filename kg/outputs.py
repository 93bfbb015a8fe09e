"""The output folder: all files of one build become visible together, a killed build leaves nothing behind, and
two builds into one folder take turns.

A build writes every output (and the query store) into a hidden staging folder, then writes its manifest there:
that write is the commit. The files are then renamed into place one by one and the manifest is moved last, to
`manifest.json`. Whoever finds a staging folder with a manifest (the next build, `kg query`, `kg serve`)
finishes the renames, so a kill between two renames ends with all new outputs; a staging folder without one is
an unfinished build and is removed, leaving all old outputs. Builds hold a lock file (`.kg.lock`) in the folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from kg import __version__
from kg.errors import KgError
from kg.export.files import write_atomic

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
LOCK = ".kg.lock"
STAGING_PREFIX = ".staging-"
# leftovers of killed runs: staging and store folders, folders being deleted, half-written files
LEFTOVER_FOLDERS = (STAGING_PREFIX, ".store-", ".trash-")


class OutputBusy(KgError):
    """Another build holds the output folder."""


@contextmanager
def output_lock(folder: str | Path, *, wait: bool = True, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the folder's lock (re-entrant within a thread). When another process holds it: wait (after calling
    `on_wait`), or raise OutputBusy."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / LOCK, is_singleton=True)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise OutputBusy(f"{folder}: another kg build is writing into this folder") from None
        if on_wait is not None:
            on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def new_staging(folder: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def hashed(write: Callable[..., Path], *args: object) -> tuple[Path, str]:
    """`write(*args)`, the file it wrote and that file's digest: hashed by whoever wrote it, beside the rest
    of the build, rather than at its end (publish's `digests`)."""
    path = write(*args)
    return path, digest(path)


def hashed_files(write: Callable[..., dict[str, Path]], *args: object) -> tuple[dict[str, Path], dict[str, str]]:
    """`write(*args)`, the files it wrote (by kind), and their digests by file name."""
    written = write(*args)
    return written, {path.name: digest(path) for path in written.values()}


def publish(
    folder: Path, staging: Path, files: list[str], folders: list[str] = (), digests: dict[str, str] | None = None
) -> Path:
    """Commit a staged build: write its manifest (the commit point), then move everything into `folder`.
    `digests`: those of the files that were hashed as they were written (hashed, hashed_files); the others are
    hashed here. Call it holding the folder's lock."""
    digests = dict(digests or {})
    left = [name for name in files if name not in digests]
    # hashlib lets go of Python's lock while it hashes: the files are hashed on both cores at once
    with ThreadPoolExecutor(2, thread_name_prefix="kg-digest") as pool:
        digests.update(zip(left, pool.map(digest, [staging / name for name in left]), strict=True))
    listed = {name: {"bytes": (staging / name).stat().st_size, "sha256": digests[name]} for name in files}
    # the build's id comes from its contents, so the same inputs give the same manifest
    build = hashlib.sha256(json.dumps(listed, sort_keys=True).encode()).hexdigest()[:16]
    manifest = {"kg": __version__, "build": build, "files": listed, "folders": list(folders)}
    write_atomic(staging / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    finish(folder, staging)
    return folder / MANIFEST


def rename_into_place(source: Path, target: Path, staging: Path) -> None:
    if source.is_dir() and not source.is_symlink():
        if target.exists() or target.is_symlink():
            old = staging / (".old-" + target.name)
            shutil.rmtree(old, ignore_errors=True)
            os.rename(target, old)
        os.rename(source, target)
    else:
        os.replace(source, target)


def finish(folder: Path, staging: Path) -> None:
    """Move a committed build's files into place, its manifest last, and remove its staging folder. Safe to run
    again after it was interrupted: what was already moved is skipped."""
    record = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    for name in [*record.get("folders", []), *record["files"]]:
        source = staging / name
        if source.exists() or source.is_symlink():
            rename_into_place(source, folder / name, staging)
    os.replace(staging / MANIFEST, folder / MANIFEST)
    shutil.rmtree(staging, ignore_errors=True)


def committed(staging: Path) -> bool:
    try:
        json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
        return True
    except (OSError, ValueError):
        return False


def tidy(folder: Path) -> None:
    """Finish a committed build a kill interrupted; remove what killed builds and queries left (staging and
    store folders, half-written files, here and in the cache). Call it holding the folder's lock."""
    if not folder.is_dir():
        return
    stagings = sorted(
        (p for p in folder.iterdir() if p.name.startswith(STAGING_PREFIX) and p.is_dir()),
        key=lambda p: p.stat().st_mtime_ns,
    )
    for staging in stagings:
        if committed(staging):
            log.warning("%s: finishing the outputs of an interrupted build", folder)
            finish(folder, staging)
        else:
            shutil.rmtree(staging, ignore_errors=True)
    for entry in folder.iterdir():
        if entry.name.startswith(LEFTOVER_FOLDERS) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        elif is_temporary_file(entry):
            entry.unlink(missing_ok=True)
    cache = folder / ".cache"
    if cache.is_dir() and not cache.is_symlink():
        for entry in cache.rglob(".*.tmp"):
            if is_temporary_file(entry):
                entry.unlink(missing_ok=True)


def is_temporary_file(path: Path) -> bool:
    """A file kg.export.files.write_atomic was writing when its process died."""
    return path.name.startswith(".") and path.name.endswith(".tmp") and path.is_file() and not path.is_symlink()


def pending(folder: Path) -> bool:
    """Whether a committed build still waits to be moved into place."""
    try:
        return any(p.name.startswith(STAGING_PREFIX) and committed(p) for p in folder.iterdir())
    except OSError:
        return False


def settle(folder: str | Path) -> None:
    """Before reading a folder's outputs: finish a committed build a kill interrupted. Never waits: when a build
    holds the folder it is finishing its own."""
    folder = Path(folder)
    if not pending(folder):
        return
    try:
        with output_lock(folder, wait=False):
            tidy(folder)
    except (OutputBusy, OSError) as exc:
        log.info("%s: outputs not settled (%s)", folder, exc)


def read_manifest(folder: str | Path) -> dict | None:
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "kg" in data else None
