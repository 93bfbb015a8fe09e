from __future__ import annotations

import datetime as dt

import pytest

from kg.errors import ArticleError
from kg.sources import body_text, doc_id_for, find_articles, read_article


def test_front_matter_metadata_and_offsets(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: Talks\noutlet: Wire\npublished: 2024-03-05\nurl: https://example.org/a\n---\nA met B.\n")
    a = read_article(p)
    assert (a.title, a.outlet, a.published, a.url) == ("Talks", "Wire", dt.date(2024, 3, 5), "https://example.org/a")
    assert a.text.startswith("A met B.")


def test_sidecar_wins(tmp_path):
    p = tmp_path / "b.txt"
    p.write_text("Body text here.")
    (tmp_path / "b.txt.meta.json").write_text('{"published": "2019-01-02", "outlet": "Daily"}')
    a = read_article(p)
    assert a.published == dt.date(2019, 1, 2) and a.outlet == "Daily"


def test_chrome_blanked_without_moving_offsets(tmp_path):
    p = tmp_path / "c.txt"
    text = "Select Language:\nJane Roe\nJane Roe\n\nThe minister spoke."
    p.write_text(text)
    a = read_article(p)
    body = body_text(a)
    assert len(body) == len(a.text)
    assert "Select Language" not in body and "Jane Roe" not in body
    assert body.index("The minister") == a.text.index("The minister")


@pytest.mark.parametrize(
    "data, problem",
    [(b"", "empty"), (b"  \n\t ", "empty"), (bytes(range(32)) * 40, "binary")],
)
def test_unusable_files_raise_with_the_file_named(tmp_path, data, problem):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(ArticleError) as info:
        read_article(p)
    assert problem in str(info.value) and "bad.txt" in str(info.value)


def test_encodings(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("Zoë met Renée.".encode("utf-16"))
    assert read_article(p).text == "Zoë met Renée."
    q = tmp_path / "cp.txt"
    q.write_bytes("Zoë met Renée.".encode("cp1252"))
    assert read_article(q).text == "Zoë met Renée."


def test_find_articles_reports_empty_folders_and_wrong_files(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    files, problems = find_articles([tmp_path / "empty", tmp_path / "x.pdf", tmp_path / "missing"])
    assert files == []
    assert len(problems) == 3


def test_doc_ids_are_stable_slugs():
    from pathlib import Path

    assert doc_id_for(Path("News Story (1).txt")) == "news-story-1"


def test_publication_date_order_and_source(tmp_path):
    """Metadata, else a date in the file name, else a full date in the dateline; never a guess."""
    named = tmp_path / "VOA_EN_NW_2013.09.27.1862314.txt"
    named.write_text("GENEVA, Oct. 2, 2013 (Reuters) - A met B on Friday.")
    a = read_article(named)
    assert (a.published, a.date_source) == (dt.date(2013, 9, 27), "file-name")
    (tmp_path / "VOA_EN_NW_2013.09.27.1862314.txt.meta.json").write_text('{"published": "2013-09-28"}')
    a = read_article(named)
    assert (a.published, a.date_source) == (dt.date(2013, 9, 28), "metadata")
    lined = tmp_path / "story.txt"
    lined.write_text("Leaders meet\n\nGENEVA, Oct. 2, 2013 (Reuters) - A met B on Friday.")
    a = read_article(lined)
    assert (a.published, a.date_source) == (dt.date(2013, 10, 2), "dateline")
    bare = tmp_path / "other.txt"
    bare.write_text("GENEVA, Oct. 2 (Reuters) - A met B on Friday.")  # a dateline without its year
    a = read_article(bare)
    assert (a.published, a.date_source) == (None, None)


# --- text hygiene and the binary test ---


def test_random_binary_is_refused_however_it_decodes(tmp_path):
    import random

    rng = random.Random(7)
    for i in range(30):
        p = tmp_path / f"r{i}.txt"
        p.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
        with pytest.raises(ArticleError, match="binary"):
            read_article(p)


def test_binary_without_nuls_in_ascii_range_is_refused(tmp_path):
    import random

    rng = random.Random(3)
    p = tmp_path / "ascii-noise.txt"
    p.write_bytes(bytes(rng.randrange(1, 128) for _ in range(4096)))
    with pytest.raises(ArticleError, match="binary"):
        read_article(p)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, codec):
    p = tmp_path / "u.txt"
    p.write_bytes("Zoë met Renée in Oslo.".encode(codec))
    assert read_article(p).text == "Zoë met Renée in Oslo."


def test_control_characters_are_cleaned_when_read(tmp_path):
    p = tmp_path / "c.txt"
    p.write_bytes("Jo\x1bhn Do\x07e met Ann.\x0cNext page\x85line\x9b end.\x00".encode().replace(b"\x00", b""))
    a = read_article(p)
    assert a.text == "John Doe met Ann.\nNext page\nline end."


def test_a_few_broken_utf8_bytes_keep_the_rest_utf8(tmp_path):
    p = tmp_path / "b.txt"
    p.write_bytes("Zoë met Renée. ".encode() * 40 + b"\xff" + b" The end.")
    text = read_article(p).text
    assert "Zoë" in text and "\ufffd" in text


# --- document ids ---


def test_ids_come_from_the_path_relative_to_the_source_folder(tmp_path):
    from kg.sources import assign_ids

    for rel in ("2024-01/story.txt", "2024-02/story.txt", "a b.txt", "a-b.txt", "Top Story.md", "x/日本.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("text")
    files, _ = find_articles([tmp_path])
    ids = {f.relative: i for f, i in assign_ids(files).items()}
    assert ids["2024-01/story.txt"] == "2024-01/story" and ids["2024-02/story.txt"] == "2024-02/story"
    assert ids["Top Story.md"] == "top-story"
    assert ids["a b.txt"] != ids["a-b.txt"] and ids["a b.txt"].startswith("a-b-")
    assert len(set(ids.values())) == len(ids)
    import re

    assert all(re.fullmatch(r"[a-z0-9._/-]+", i) for i in ids.values())
    (tmp_path / "unrelated.txt").write_text("text")  # another file changes no id
    files, _ = find_articles([tmp_path])
    again = {f.relative: i for f, i in assign_ids(files).items()}
    assert {k: again[k] for k in ids} == ids


def test_same_relative_path_in_two_source_folders_gets_two_ids(tmp_path):
    from kg.sources import read_corpus

    for folder, text in (("a", "Jan met Ann."), ("b", "Bob met Eve.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text)
    corpus = read_corpus([tmp_path / "a", tmp_path / "b"])
    assert len({a.doc_id for a in corpus.articles}) == 2


def test_identical_texts_are_one_document_listing_every_path(tmp_path):
    from kg.sources import read_corpus

    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text("Jan met Ann in Oslo.")
    corpus = read_corpus([tmp_path])
    (article,) = corpus.articles
    assert article.doc_id == "a" and [p.split("/")[-1] for p in article.copies] == ["b.txt", "c.txt"]
    assert sum("the same text as" in p for p in corpus.problems) == 2


# --- metadata ---


def test_sidecar_problems_are_reported_and_the_article_read(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Jan met Ann.")
    cases = {
        ".meta.json": (b'{"title": "Caf\xe9"}', "not UTF-8"),
        ".meta.yaml": (b"title: [unclosed", "cannot be parsed"),
    }
    for suffix, (data, message) in cases.items():
        sidecar = tmp_path / ("a.txt" + suffix)
        sidecar.write_bytes(data)
        notes: list[str] = []
        a = read_article(p, notes=notes)
        assert a.text == "Jan met Ann." and a.title == "Jan met Ann."
        assert len(notes) == 1 and message in notes[0] and sidecar.name in notes[0]
        sidecar.unlink()


def test_metadata_of_the_wrong_type_is_reported_not_stringified(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: [A, B]\npublished: 12345\noutlet: 7\nurl: https://example.org/a\n---\nJan met Ann.\n")
    notes: list[str] = []
    a = read_article(p, notes=notes)
    assert a.title == "Jan met Ann." and a.published is None and a.outlet is None
    assert a.url == "https://example.org/a"
    assert len(notes) == 3 and all("a.md (front matter)" in n for n in notes)
    assert any("published 12345 is not a date" in n for n in notes)


def test_html_date_comes_from_the_page_never_from_a_footer(tmp_path):
    body = (
        "<article><h1>Talks</h1><p>Austrian Chancellor Karl Huber met Swiss President Urs Meier in Vienna on "
        "Thursday, officials said. The two leaders discussed trade and energy.</p></article>"
    )
    footer = tmp_path / "footer.html"
    footer.write_text(
        f"<html><head><title>Talks</title></head><body>{body}<footer>(c) 2024 News</footer></body></html>"
    )
    assert read_article(footer).published is None
    stated = tmp_path / "stated.html"
    meta = '<meta property="article:published_time" content="2025-03-06T10:00:00Z">'
    stated.write_text(f"<html><head><title>Talks</title>{meta}</head><body>{body}</body></html>")
    assert read_article(stated).published == dt.date(2025, 3, 6)


# --- what is searched ---


def test_output_folder_is_never_read_as_input(tmp_path):
    (tmp_path / "story.txt").write_text("Jan met Ann.")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.html").write_text("<html><body><p>Jan met Ann.</p></body></html>")
    files, _ = find_articles([tmp_path], exclude=[out])
    assert [f.relative for f in files] == ["story.txt"]
    (out / "manifest.json").write_text('{"kg": "0.1.0", "files": {}}')  # a build's folder, even if not named
    files, _ = find_articles([tmp_path])
    assert [f.relative for f in files] == ["story.txt"]
    files, _ = find_articles([out], exclude=[out])  # built into the source folder itself: its own page skipped
    assert files == []


def test_links_inside_the_sources_are_read_outside_reported(tmp_path):
    import os

    src, outside = tmp_path / "src", tmp_path / "outside"
    src.mkdir()
    outside.mkdir()
    (src / "a.txt").write_text("Jan met Ann.")
    (outside / "passwd.txt").write_text("root:x:0:0")
    os.symlink(src / "a.txt", src / "alias.txt")
    os.symlink(outside / "passwd.txt", src / "passwd.txt")
    os.symlink("..", src / "up")
    files, problems = find_articles([src])
    assert sorted(f.relative for f in files) == ["a.txt", "alias.txt"]
    assert any("passwd.txt" in p and "outside the source folders" in p for p in problems)
    assert any(p.startswith(str(src / "up")) and "loop" in p for p in problems)


def test_unreadable_folder_is_reported(tmp_path, monkeypatch):
    import os

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Jan met Ann.")
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, problems = find_articles([tmp_path])
    assert [f.relative for f in files] == ["ok/a.txt"]
    assert any("locked" in p and "cannot be read" in p for p in problems)


# --- reading again only what changed -------------------------------------------------------------------


@pytest.fixture
def later(monkeypatch):
    """Read as if the files had been written long ago (only settled files are remembered)."""
    import kg.sources

    monkeypatch.setattr(kg.sources, "SETTLED_NS", -60_000_000_000)


def test_unchanged_files_are_not_read_again(tmp_path, later):
    from kg.sources import read_corpus

    (tmp_path / "a.txt").write_text("Alpha met Beta in Gamma.\n")
    (tmp_path / "b.txt").write_text("Delta visited Epsilon.\n")
    (tmp_path / "b.meta.json").write_text('{"title": "A visit", "published": "2020-01-02"}')
    (tmp_path / "empty.txt").write_text("   \n")
    first = read_corpus([tmp_path])
    assert first.read == 3 and set(first.readings) == {str(tmp_path / n) for n in ("a.txt", "b.txt", "empty.txt")}
    again = read_corpus([tmp_path], known=first.readings)
    assert again.read == 0
    assert (again.articles, again.problems) == (first.articles, first.problems)
    assert any("empty.txt" in p and "is empty" in p for p in again.problems)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: (d / "b.txt").write_text("Delta visited Zeta.\n"),  # the same size, other text
        lambda d: (d / "b.meta.json").write_text('{"title": "Another visit"}'),
        lambda d: (d / "a.meta.yaml").write_text("title: Now with metadata\n"),
        lambda d: (d / "b.meta.json").unlink(),
    ],
)
def test_a_changed_article_or_metadata_file_is_read_again(tmp_path, later, change):
    from kg.sources import read_corpus

    (tmp_path / "a.txt").write_text("Alpha met Beta in Gamma.\n")
    (tmp_path / "b.txt").write_text("Delta visited Epsilon.\n")
    (tmp_path / "b.meta.json").write_text('{"title": "A visit"}')
    known = read_corpus([tmp_path]).readings
    change(tmp_path)
    again = read_corpus([tmp_path], known=known)
    assert again.read == 1
    assert again.articles == read_corpus([tmp_path]).articles


def test_files_written_just_now_are_not_remembered(tmp_path):
    """A file changed twice within its clock's tick would keep its size and times: it is read again
    until it has settled."""
    from kg.sources import read_corpus

    (tmp_path / "a.txt").write_text("Alpha met Beta in Gamma.\n")
    assert read_corpus([tmp_path]).readings == {}


def test_ids_follow_the_files_read_this_time(tmp_path, later):
    from kg.sources import read_corpus

    (tmp_path / "a b.txt").write_text("Alpha met Beta in Gamma.\n")
    first = read_corpus([tmp_path])
    (tmp_path / "a-b.txt").write_text("Delta visited Epsilon.\n")  # the same slug: both get longer ids
    again = read_corpus([tmp_path], known=first.readings)
    assert again.read == 1
    assert [a.doc_id for a in again.articles] == [a.doc_id for a in read_corpus([tmp_path]).articles]
    assert first.articles[0].doc_id not in {a.doc_id for a in again.articles}


def test_readings_that_cannot_be_kept_cost_only_a_full_read(tmp_path, later, caplog):
    from kg.sources import read_corpus
    from kg.state import load_readings, save_readings

    (tmp_path / "a.txt").write_text("Alpha met Beta in Gamma.\n")
    readings = read_corpus([tmp_path]).readings
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    save_readings(tmp_path / "cache", readings)  # logs, never raises
    assert "not written" in caplog.text
    assert load_readings(tmp_path / "cache") == {}
    save_readings(tmp_path / "ok", readings)
    assert load_readings(tmp_path / "ok").keys() == readings.keys()
