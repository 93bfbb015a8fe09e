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
