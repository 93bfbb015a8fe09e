"""Hostile and broken input: each file gives a correct graph or a clear message naming it, and the rest
of the build completes. The corpus is made here, by the test."""

from __future__ import annotations

import json

import pytest

from kg.pipeline import build, write_outputs

pytestmark = pytest.mark.model

GOOD = "Japanese Prime Minister Haruto Sato met Kenyan President Amani Odera in Nairobi on Monday.\n"
LONG_SENTENCE = "Norwegian envoy Lars Berg met Icelandic envoy Sigrid Olafsdottir in Oslo to discuss fishing. "
XSS_NAMES = [
    "</script><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    'O\'Brien \\ "Quoted" <b>Bold</b>',
]


def hostile_corpus(folder):
    folder.mkdir()
    files = {
        "good.txt": GOOD.encode(),
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n",
        "binary.txt": bytes(range(256)) * 64,
        "cp1252.txt": "Chilean Foreign Minister Jos\xe9 Mu\xf1oz met Peruvian envoy Ra\xfal Ortega in Lima.".encode(
            "cp1252"
        ),
        "latin1.txt": "Le ministre fran\xe7ais Andr\xe9 Lef\xe8vre met Canadian Prime Minister Claire Dubois.".encode(
            "latin-1"
        ),
        "utf16.txt": ("\ufeff" + GOOD).encode("utf-16"),
        "zerowidth.txt": (
            "Brazilian President Lu\u200bcia Fer\u200dreira met Chilean President Ana \u202eRojas\u202c in Santiago."
        ).encode(),
        "xss.txt": (
            "Mayor "
            + XSS_NAMES[0]
            + " met Governor "
            + XSS_NAMES[1]
            + " in Boston. "
            + "Senator "
            + XSS_NAMES[2]
            + " spoke with President Maria Lopez."
        ).encode(),
        "js-url.txt": b"Peruvian President Rosa Quispe visited Quito.",
        "copy-a.txt": GOOD.encode(),
        "copy-b.txt": GOOD.encode(),
        "page.html": (
            b"<html><head><title>Summit</title></head><body><nav>Home | World</nav><article><h1>Summit</h1>"
            b"<p>Italian Prime Minister Giulia Romano met Greek Prime Minister Nikos Pappas in Athens on Tuesday, "
            b"officials said. The two leaders discussed migration and energy.</p>"
            b"<p>Romano later flew to Rome, where she met Pope Leo.</p></article></body></html>"
        ),
        "huge.txt": b"word " * 2_100_000,  # 10.5 MB: over the one-article limit, named with advice
        # one paragraph of about 50,000 words, no line break: parsed, its fact found
        "long-paragraph.txt": (LONG_SENTENCE * 3_600).encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "js-url.txt.meta.json").write_text(
        json.dumps({"url": "javascript:alert(1)", "title": "<script>x</script>"})
    )
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = hostile_corpus(tmp_path_factory.mktemp("hostile") / "src")
    return build([src])


def test_unusable_files_are_named_with_advice(built):
    problems = "\n".join(built.problems)
    for name in ("empty.txt", "blank.txt", "binary.txt", "huge.txt"):
        assert name in problems, name
    assert "split it" in problems


def test_the_rest_builds(built):
    docs = {a.doc_id for a in built.articles}
    assert {"good", "cp1252", "latin1", "utf16", "zerowidth", "xss", "page", "copy-a", "copy-b"} <= docs
    names = {e.name for e in built.entities}
    assert "Haruto Sato" in names and "Amani Odera" in names


def test_one_long_paragraph_is_read(built):
    article = next(a for a in built.articles if a.doc_id == "long-paragraph")
    assert len(article.text.split()) >= 50_000 and "\n" not in article.text.strip()
    names = {e.id: e.name for e in built.entities}
    met = {
        frozenset((names[r.subject], names[r.object]))
        for r in built.relations
        if r.predicate == "metWith" and r.evidence.doc_id == "long-paragraph"
    }
    assert frozenset(("Lars Berg", "Sigrid Olafsdottir")) in met


def test_duplicate_article_gives_one_fact_with_both_documents(built):
    met = [r for r in built.relations if r.predicate == "metWith" and r.evidence.doc_id in {"copy-a", "copy-b"}]
    assert {r.evidence.doc_id for r in met} == {"copy-a", "copy-b"}
    assert len({(r.subject, r.object) for r in met}) == 1


def test_invisible_characters_do_not_split_names(built):
    assert not any("\u200b" in e.name or "\u202e" in e.name for e in built.entities)


def test_javascript_url_dropped(built):
    article = next(a for a in built.articles if a.doc_id == "js-url")
    assert article.url is None


def test_html_page_main_text(built):
    article = next(a for a in built.articles if a.doc_id == "page")
    assert "Home | World" not in article.text and "Giulia Romano" in article.text


def test_outputs_written_and_parse(built, tmp_path):
    import pyoxigraph

    written = write_outputs(built, tmp_path / "out")
    triples = list(pyoxigraph.parse(path=str(written["ttl"]), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) > 50
    html = written["html"].read_text(encoding="utf-8")
    for name in XSS_NAMES[:2]:
        assert name not in html


def test_evidence_offsets_slice_articles(built):
    texts = {a.doc_id: a.text for a in built.articles}
    for r in built.relations:
        ev = r.evidence
        assert texts[ev.doc_id][ev.sent_start : ev.sent_end] == ev.sentence


@pytest.mark.browser
def test_no_injected_element_runs_in_the_built_page(built, tmp_path):
    """The page built from the hostile corpus, opened in headless Chromium: the graph is drawn and
    nothing from an article became an element or a script."""
    from tests.conftest import run_chromium

    page = write_outputs(built, tmp_path / "out")["html"]
    run = run_chromium(page, tmp_path / "c", "--dump-dom")
    dom = run.stdout
    assert 'data-drawn="' in dom and "<canvas" in dom
    assert "<img" not in dom.lower()
    assert "alert(1)" not in dom.split("<body", 1)[1].split("<script", 1)[0]
    assert dom.lower().count("<script") == page.read_text().lower().count("<script")
