"""Tables kg derives from data packages (the gazetteer, the first-name lexicon), kept on disk so that a
process does not rebuild them on every start: an incremental build or a query starts in a fraction of
the time. Keyed by the packages' versions and the source of the module that builds them; a missing,
unreadable or stale file is rebuilt. `KG_CACHE_DIR` chooses the folder (default ~/.cache/kg)."""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def cache_dir() -> Path:
    explicit = os.environ.get("KG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"


def version_key(packages: tuple[str, ...], source_file: str) -> str:
    h = hashlib.sha256()
    for name in packages:
        try:
            h.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=?;".encode())
    h.update(Path(source_file).read_bytes())
    return h.hexdigest()[:20]


def load_or_build(name: str, key: str, build: Callable[[], T]) -> T:
    """The cached value of `name` for this key, else `build()` (then saved; saving may fail quietly)."""
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with no_gc(keep=True):  # a table lives as long as the process
            return pickle.loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or foreign file: rebuild it
        log.warning("data cache %s is unreadable (%s); rebuilding it", path, exc)
    value = build()
    tmp = None
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            tmp = handle.name
            handle.write(data)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:  # unwritable, or not picklable
        log.debug("could not save data cache %s: %s", path, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return value


@contextmanager
def no_gc(keep: bool = False, promote: bool = False) -> Iterator[None]:
    """Python's cycle collector off while a big pickle is read: unpickling a million objects otherwise
    triggers collection after collection over everything read so far (3-4 times slower). With `keep`,
    what was made is meant to live on (a state, a memo): it is moved out of the collector's sight on the
    way out (gc.freeze), or the first collection after would walk all of it once more (0.2 s for a
    2,000-article state). With `promote`, what was made is put in the collector's oldest generation on the
    way out, as if it had lived through collections, rather than walked as soon as anything is allocated
    (0.1 s after a 2,000-article build). That takes gc.freeze then gc.unfreeze, and unfreezing is of all that
    is frozen: ask for it only when no one but kg froze anything."""
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    gc.disable()
    gc.set_threshold(0)  # off even while code inside turns the collector on again (srsly does, loading spaCy)
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        elif promote and enabled:
            gc.freeze()
            gc.unfreeze()
        gc.set_threshold(*thresholds)
        if enabled:
            gc.enable()
        else:
            gc.disable()
