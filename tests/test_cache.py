"""The per-article cache: an entry is used only for the article it was made from; any damage costs a re-parse,
never the build. Runs without the model, on hand-built results."""

from __future__ import annotations

import json
import shutil

from kg.cache import Cache, article_key
from kg.types import Article, ArticleResult, Evidence, LocalEntity, Mention, Relation

MODEL = "test-model==1"


def result_for(doc_id: str, text: str) -> ArticleResult:
    article = Article(doc_id, f"{doc_id}.txt", text)
    mention = Mention(doc_id, 0, 3, "Ann", "PERSON")
    entity = LocalEntity(doc_id, "ann", "Ann", "PERSON", ("Ann",), (mention,))
    bob = LocalEntity(doc_id, "bob", "Bob", "PERSON", ("Bob",), (Mention(doc_id, 8, 11, "Bob", "PERSON"),))
    relation = Relation("ann", "metWith", "bob", "occurred", Evidence(doc_id, text, 0, len(text), 4, 7, "t.v1"))
    return ArticleResult(article, (entity, bob), (relation,), captions=((0, 11, "May 3, 2016"),))


def test_entry_round_trip(tmp_path):
    cache = Cache(tmp_path, MODEL)
    result = result_for("a", "Ann met Bob.")
    cache.put(result)
    assert cache.get(result.article) == result


def test_an_entry_read_back_names_its_document_with_its_articles_own_id(tmp_path):
    """Extraction names an article's document with one string; read back, each entity, mention and
    sentence would hold a copy of its own (look-ups by it then compare whole strings), and so would the
    state made of it: the article's id is used for all, as kg.state keeps it too."""
    from kg.state import slim_result
    from kg.types import copied

    cache = Cache(tmp_path, MODEL)
    cache.put(result_for("doc-1", "Ann met Bob."))
    back = cache.get(Article("doc-1", "doc-1.txt", "Ann met Bob."))
    doc = back.article.doc_id
    named = [*back.entities, *(m for e in back.entities for m in e.mentions), *(r.evidence for r in back.relations)]
    assert all(x.doc_id is doc for x in named)

    def made() -> str:  # an equal string, another object each time (as a cache of before read them)
        return "".join(["doc", "-1"])

    entities = tuple(copied(e, doc_id=made()) for e in back.entities)
    relations = tuple(copied(r, evidence=copied(r.evidence, doc_id=made())) for r in back.relations)
    apart = ArticleResult(Article(made(), "doc-1.txt", "Ann met Bob."), entities, relations)
    assert entities[0].doc_id is not apart.article.doc_id
    slim = slim_result(apart, {})
    assert all(x.doc_id is apart.article.doc_id for x in [*slim.entities, *(r.evidence for r in slim.relations)])


def test_entry_copied_onto_another_articles_key_is_ignored_and_rewritten(tmp_path):
    cache = Cache(tmp_path, MODEL)
    a, b = result_for("a", "Ann met Bob."), result_for("b", "Ann met Bob in Oslo.")
    cache.put(a)
    cache.put(b)
    path_a = cache.path(article_key(a.article, MODEL))
    path_b = cache.path(article_key(b.article, MODEL))
    shutil.copy(path_a, path_b)  # a's entry under b's key: trusted, b would contribute a's facts
    assert cache.get(b.article) is None and not path_b.exists()
    cache.put(b)
    assert cache.get(b.article) == b


def test_damaged_entries_are_ignored_and_removed(tmp_path):
    cache = Cache(tmp_path, MODEL)
    result = result_for("a", "Ann met Bob.")
    path = cache.path(article_key(result.article, MODEL))
    good = None
    for damage in ("truncated", "not json", "body not a string", "a list", "a folder"):
        cache.put(result)
        good = good or path.read_text()
        if damage == "truncated":
            path.write_text(good[:50])
        elif damage == "not json":
            path.write_bytes(b"\xff\xfe garbage")
        elif damage == "body not a string":
            wrapper = json.loads(good)
            path.write_text(json.dumps({**wrapper, "body": 42}))
        elif damage == "a list":
            path.write_text("[1, 2]")
        else:
            path.unlink()
            path.mkdir()
            (path / "x").write_text("x")
        assert cache.get(result.article) is None, damage
        assert not path.exists(), damage


def test_a_cache_that_cannot_be_written_costs_only_speed(tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    cache = Cache(blocked, MODEL)
    result = result_for("a", "Ann met Bob.")
    cache.put(result)  # logs, does not raise
    assert cache.get(result.article) is None
