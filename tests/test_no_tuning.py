"""No rule is tuned to the texts it is measured on: kg's code and data quote no person's name and no
sentence of the seed and development articles (checked when ../shared/eval is beside the checkout)."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import ROOT, SHARED_EVAL

GOLD_FILES = ("seeds.gold.json", "news-dev.gold.json", "gov-dev.gold.json")
ARTICLE_FOLDERS = (ROOT.parent / "shared" / "seeds", SHARED_EVAL / "news-dev", SHARED_EVAL / "gov-dev")
WINDOW = 7  # this many words in a row from an article are a quotation


def kg_text() -> str:
    files = [p for p in (ROOT / "kg").rglob("*") if p.is_file() and p.suffix in {".py", ".txt", ".json", ".ttl"}]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(files))


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def person_names() -> set[str]:
    names: set[str] = set()
    for name in GOLD_FILES:
        path = SHARED_EVAL / name
        if not path.exists():
            continue
        for doc in json.loads(path.read_text(encoding="utf-8"))["documents"]:
            for entity in doc["entities"]:
                if entity["type"] == "PERSON":
                    names |= {n for n in entity["names"] if len(n) > 3}
    return names


@pytest.mark.skipif(not SHARED_EVAL.exists(), reason="../shared/eval is not beside the checkout")
def test_no_person_of_the_development_sets_is_named_in_kg():
    code = kg_text()
    quoted = sorted(n for n in person_names() if f'"{n}"' in code or f"'{n}'" in code or f" {n} " in code)
    assert not quoted, quoted


@pytest.mark.skipif(not SHARED_EVAL.exists(), reason="../shared/eval is not beside the checkout")
def test_no_sentence_of_the_development_sets_is_quoted_in_kg():
    code = words(kg_text())
    windows = {tuple(code[i : i + WINDOW]) for i in range(len(code) - WINDOW + 1)}
    found = []
    for folder in ARTICLE_FOLDERS:
        for article in sorted(folder.glob("*.txt")):
            w = words(article.read_text(encoding="utf-8"))
            for i in range(len(w) - WINDOW + 1):
                if tuple(w[i : i + WINDOW]) in windows:
                    found.append((article.name, " ".join(w[i : i + WINDOW])))
    assert not found, found[:10]
