"""What a build keeps beside the cache so that the next one costs what changed, not the corpus.

- `state.pickle`: every article's extraction result (its entities, relations and event mentions; the
  entities without their mentions, whose count and labels they keep; equal keys, names and labels one
  object, read back once: slim_result), keyed like the per-article cache
  (reading two thousand one-file entries costs seconds; one file, a fraction of that), and resolution's
  index of name keys (`kg.resolve.name_index`), so a new build resolves new names and looks up the others,
  and, beside the articles of the base file, resolution's first pass over them (kg.resolve.Grouping: every
  mention's group by its name key, with the votes and counts the rules ask of a group), so a new build goes
  on from it with the articles added since (kg.resolve.begin) rather than grouping every mention again.
  The rest of resolution is re-run over every article (the rules over the groups, the ids, the role
  phrases, every relation's ends; event mentions are resolved again): a pure function of the articles,
  which is what makes an incremental build give the same bytes as a full one.
- `readings.pickle`: each article file as last read, with its size, times and inode (and those of its
  metadata files): a file whose facts are unchanged is not read, decoded and scanned again.
- `build.json`: the digest of the last build's inputs (articles, metadata, what could not be read,
  settings, kg's code) and the size and time of each output file it committed: a rebuild with the same
  inputs and untouched outputs writes nothing.

Both are checked (a checksum, a version) and simply ignored when unreadable: the build then does the
work again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__
from kg.datacache import no_gc
from kg.export.files import read_pickle, write_atomic
from kg.sources import Reading
from kg.types import Article, ArticleResult, copied

if TYPE_CHECKING:
    from kg.resolve import Grouping

log = logging.getLogger(__name__)

STATE_FILE = "state.pickle"
READINGS_FILE = "readings.pickle"
DELTA_FILE = "state-delta.pickle"
# New articles since the base file, as a share of it, written to the delta file rather than a new base.
DELTA_SHARE = 0.1
MANIFEST_FILE = "build.json"
MAGIC = b"kg-state-1\n"


@dataclass
class State:
    results: dict[str, ArticleResult] = field(default_factory=dict)  # article key -> extraction result
    name_keys: dict[str, dict[str, str]] = field(default_factory=dict)  # resolution's index of names
    base: frozenset[str] = frozenset()  # the keys that are in the base file
    grouping: Grouping | None = None  # resolution's first pass over the base file's articles


def read_file(path: Path) -> tuple[dict, dict, Grouping | None] | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        if not raw.startswith(MAGIC):
            raise ValueError("not a kg state file")
        body = raw[len(MAGIC) + 32 :]
        if hashlib.sha256(body).digest() != raw[len(MAGIC) : len(MAGIC) + 32]:
            raise ValueError("checksum mismatch")
        with no_gc():
            version, results, name_keys, *grouped = pickle.loads(body)  # (a file of before kept no grouping)
        if version != __version__:
            return None
        return results, name_keys, kept_grouping(grouped[0] if grouped else None)
    except (ValueError, pickle.UnpicklingError, EOFError, TypeError, AttributeError, ImportError) as exc:
        log.warning("%s is unreadable (%s); rebuilding it", path, exc)
        return None


def load_state(folder: Path) -> State:
    """The base file and the delta written since (an unreadable delta only costs its articles)."""
    state = State()
    with no_gc(keep=True):  # what is read lives for the whole build
        for name in (STATE_FILE, DELTA_FILE):
            found = read_file(folder / name)
            if found is None:
                if name == STATE_FILE:
                    return state  # a delta without its base is of no use
                continue
            results, name_keys, grouping = found
            if name == STATE_FILE:
                state.grouping = grouping
            state.results.update(results)
            for kind, keys in name_keys.items():
                state.name_keys.setdefault(kind, {}).update(keys)
        state.base = frozenset(state.results)
    return state


def write_file(path: Path, results: dict[str, ArticleResult], name_keys: dict, grouped: bool = False) -> None:
    """`grouped`: with resolution's first pass over these results (a base file's)."""
    from kg.resolve import begin

    shared: dict[object, object] = {}
    slim = {key: slim_result(result, shared) for key, result in results.items()}
    grouping = (code_version(), begin(slim.values(), ())) if grouped else None  # of the results written: shared
    body = pickle.dumps((__version__, slim, name_keys, grouping), protocol=pickle.HIGHEST_PROTOCOL)
    write_atomic(path, MAGIC + hashlib.sha256(body).digest() + body)


def kept_grouping(stored: object) -> Grouping | None:
    """The grouping a base file keeps, when the code that made it is this one (its objects are kg.resolve's,
    whose attributes other code may not have), else None: the build then groups the articles anew."""
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == code_version():
        return stored[1]
    return None


# The fields whose equal values are made one object (slim_result): keys, names, types, labels, rules.
SHARED_ENTITY_FIELDS = ("key", "name", "type", "names", "rules", "mention_labels", "role_of", "role_noun")
SHARED_RELATION_FIELDS = ("subject", "predicate", "object", "status", "verb", "date_text")


def slim_result(result: ArticleResult, shared: dict[object, object]) -> ArticleResult:
    """`result` as the state keeps it. Its entities go without their mentions: resolution reads only their
    count and labels, which the entities keep, and reading a corpus's mentions back (300,000 objects for
    2,000 articles) cost a second a build. And equal keys, names, types, labels and rules are made one
    object (`shared`: across the file; a sentence, across the article): pickle writes an object it has
    written before as a reference to it, so the next build reads one object back where it read a
    thousand, and its look-ups by key (resolution's) go faster on strings whose hash is kept."""
    share = shared.setdefault
    in_article: dict[str, str] = {}
    doc = result.article.doc_id  # one object for the article's entities and evidence (kg.cache reads them so)
    entities = tuple(
        copied(
            le,
            **{f: share(v, v) for f in SHARED_ENTITY_FIELDS if (v := getattr(le, f)) is not None},
            mentions=(),
            doc_id=doc if le.doc_id == doc else le.doc_id,
        )
        for le in result.entities
    )
    relations = []
    for r in result.relations:
        ev = r.evidence
        sentence = in_article.setdefault(ev.sentence, ev.sentence)
        evidence = copied(
            ev, sentence=sentence, rule=share(ev.rule, ev.rule), doc_id=doc if ev.doc_id == doc else ev.doc_id
        )
        values = {f: share(v, v) for f in SHARED_RELATION_FIELDS if (v := getattr(r, f)) is not None}
        relations.append(copied(r, **values, evidence=evidence))
    return replace(result, entities=entities, relations=tuple(relations))


def save_state(folder: Path, state: State, previous: State) -> None:
    """Write the results of this build's articles. When few are new since the base file, only they go
    to the delta file (adding an article writes that article, not the corpus); else a new base."""
    new = {k: v for k, v in state.results.items() if k not in previous.base}
    if previous.base and len(new) <= DELTA_SHARE * len(previous.base):
        write_file(folder / DELTA_FILE, new, state.name_keys)  # the name index is small: whole
        return
    write_file(folder / STATE_FILE, state.results, state.name_keys, grouped=True)
    (folder / DELTA_FILE).unlink(missing_ok=True)


@lru_cache(maxsize=1)
def code_version() -> str:
    """kg's own code and data: a build by other code is never taken for this one's."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    # every file of the package (code, data, the page's template and scripts), not the compiled ones
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def inputs_digest(articles: Iterable[Article], keys: Iterable[str], options: dict) -> str:
    """What the outputs are a function of: each article (its cache key covers text and model) with its
    metadata, the build's options and kg's code."""
    h = hashlib.sha256(code_version().encode())
    h.update(json.dumps(options, sort_keys=True, default=str).encode())
    for article, key in zip(articles, keys, strict=True):
        meta = (
            article.doc_id,
            article.path,
            article.title,
            article.outlet,
            article.url,
            article.published,
            article.date_source,
            article.copies,
        )
        h.update(f"{key}\x00{meta!r}\x00".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


@dataclass(frozen=True)
class Manifest:
    inputs: str
    files: dict[str, list[int] | None]  # output path -> [size, mtime_ns]
    summary: dict  # counts the CLI reports


def read_manifest(folder: Path) -> Manifest | None:
    try:
        data = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        return Manifest(data["inputs"], data["files"], data["summary"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_manifest(folder: Path, inputs: str, written: Iterable[Path], summary: dict) -> None:
    files = {str(p): stamp(p) for p in written}
    write_atomic(folder / MANIFEST_FILE, json.dumps({"inputs": inputs, "files": files, "summary": summary}))


def up_to_date(manifest: Manifest | None, inputs: str) -> bool:
    """The last build had these inputs and its outputs are still as it wrote them."""
    if manifest is None or manifest.inputs != inputs:
        return False
    return all(stamp(Path(p)) == recorded for p, recorded in manifest.files.items())


def load_readings(folder: Path) -> dict[str, Reading]:
    """The article files as the last build read them, by path ({} when there are none, or when they were
    read by other code)."""
    with no_gc(keep=True):
        stored = read_pickle(folder / READINGS_FILE)
    try:
        version, readings = stored  # type: ignore[misc]
    except (TypeError, ValueError):  # none, or not of this shape
        return {}
    return readings if version == code_version() and isinstance(readings, dict) else {}


def save_readings(folder: Path, readings: dict[str, Reading]) -> None:
    """Keep the readings for the next build; one that cannot be written only costs the next build a
    full read."""
    body = pickle.dumps((code_version(), readings), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / READINGS_FILE, body)
    except OSError as exc:
        log.warning("%s not written (%s); the next build reads every article again", folder / READINGS_FILE, exc)
