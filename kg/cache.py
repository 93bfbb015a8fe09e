"""Per-article extraction cache, so adding one article re-parses one article.

An entry is keyed by the article's text and id, the spaCy pipeline (name and version) and kg's
EXTRACTION_VERSION; anything else changing (a new kg release, another model) misses the cache. Entries
are JSON carrying their key (the hash of the article they were made from) and a checksum of their body: an
entry that is corrupt, truncated, of another article (copied or renamed), or not a file at all is logged,
ignored and rewritten. A cache that cannot be written costs speed, never the build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import fields, is_dataclass
from functools import cache, lru_cache
from pathlib import Path

from kg import EXTRACTION_VERSION
from kg.export.files import write_atomic
from kg.types import Article, ArticleResult, EventMention, Evidence, LocalEntity, Mention, Merge, Relation

log = logging.getLogger(__name__)


# Modules whose code decides what extraction yields: any change to them invalidates the cache, so a
# forgotten EXTRACTION_VERSION bump can never serve stale facts.
EXTRACTION_MODULES = (
    "annotate",
    "extract",
    "relations.py",
    "zones.py",
    "lexicon.py",
    "geo.py",
    "names.py",
    "nlp.py",
    "sources.py",
    "types.py",
)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(EXTRACTION_VERSION.encode())
    for name in EXTRACTION_MODULES:
        target = root / name
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def article_key(article: Article, model_id: str) -> str:
    h = hashlib.sha256()
    for part in (code_fingerprint(), model_id, article.doc_id, article.text, repr(article.chrome)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


@cache
def field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def as_dict(value: object) -> dict:
    """A dataclass as the JSON encoder's next dict, one level at a time: what dataclasses.asdict gives,
    without its deep copy of every leaf (which cost most of a build's time spent writing the cache)."""
    if not is_dataclass(value):
        raise TypeError(f"cannot store {type(value).__name__} in the cache")
    return {name: getattr(value, name) for name in field_names(type(value))}


def dump(result: ArticleResult, key: str | None = None) -> str:
    body = {
        "entities": result.entities,
        "relations": result.relations,
        "merges": result.merges,
        "mentions": result.mentions,
        "captions": result.captions,
    }
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, default=as_dict)  # tuples are written as lists
    return json.dumps({"key": key, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "body": text})


def load(text: str, article: Article, key: str | None = None) -> ArticleResult:
    """The entry's result for `article`; ValueError when it is not a whole entry made from this article."""
    wrapper = json.loads(text)
    if not isinstance(wrapper, dict) or not isinstance(wrapper.get("body"), str):
        raise ValueError("not a cache entry")
    if key is not None and wrapper.get("key") != key:
        raise ValueError("made from another article")
    body_text = wrapper["body"]
    if hashlib.sha256(body_text.encode("utf-8")).hexdigest() != wrapper.get("sha256"):
        raise ValueError("checksum mismatch")
    body = json.loads(body_text)
    # the article's document id, one object for all that name it (as extraction made them): read as one
    # string each, every look-up by it compares the strings whole, and the state keeps them so (kg.state)
    doc = article.doc_id
    named = [*body["entities"], *(m for e in body["entities"] for m in e["mentions"])]
    named += [r["evidence"] for r in body["relations"]] + [m["evidence"] for m in body.get("mentions", [])]
    for values in named:
        if values.get("doc_id") == doc:
            values["doc_id"] = doc
    entities = tuple(
        LocalEntity(
            **{
                **e,
                "names": tuple(e["names"]),
                "rules": tuple(e.get("rules", ())),
                "mention_labels": tuple(e.get("mention_labels", ())),
                "mentions": tuple(Mention(**m) for m in e["mentions"]),
            }
        )
        for e in body["entities"]
    )
    relations = tuple(Relation(**{**r, "evidence": Evidence(**r["evidence"])}) for r in body["relations"])
    merges = tuple(
        Merge(**{**m, "names": tuple(m["names"]), "documents": tuple(m["documents"])}) for m in body["merges"]
    )
    mentions = tuple(
        EventMention(
            **{
                **m,
                "parties": tuple((k, role) for k, role in m["parties"]),
                "evidence": Evidence(**m["evidence"]),
            }
        )
        for m in body.get("mentions", [])
    )
    captions = tuple((int(s), int(e), str(phrase)) for s, e, phrase in body.get("captions", []))
    return ArticleResult(article, entities, relations, merges, mentions, captions)


class Cache:
    """A folder of entries, one file per article key."""

    def __init__(self, folder: str | Path, model_id: str) -> None:
        self.folder = Path(folder)
        self.model_id = model_id
        self.hits = 0
        self.misses = 0

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article: Article) -> ArticleResult | None:
        key = article_key(article, self.model_id)
        path = self.path(key)
        if not (path.exists() or path.is_symlink()):
            self.misses += 1
            return None
        try:
            if not path.is_file() or path.is_symlink():
                raise ValueError("not a file")
            result = load(path.read_text(encoding="utf-8"), article, key)
        except Exception as exc:  # any damage to an entry costs a re-parse, never the build
            log.warning("cache entry for %s is unusable (%s); rebuilding it", article.path, exc)
            self.discard(path)
            self.misses += 1
            return None
        self.hits += 1
        return result

    def discard(self, path: Path) -> None:
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("%s: cannot be removed (%s)", path, exc)

    def put(self, result: ArticleResult) -> None:
        key = article_key(result.article, self.model_id)
        try:
            write_atomic(self.path(key), dump(result, key))
        except OSError as exc:
            log.warning(
                "%s: cache entry not written (%s); the next build parses this article again", result.article.path, exc
            )
