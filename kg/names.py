"""Name normalization shared by in-article coreference and cross-article resolution (no spaCy)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import HONORIFICS, PERSON_NOUNS, TITLE_HEADS

# Zero-width and direction-control characters: invisible in a name, never part of it.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    text = INVISIBLE.sub("", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"'s$", "", text)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The lexicon below, read from kg's data cache after the first build (kg.datacache)."""
    from kg.datacache import load_or_build, version_key

    return load_or_build("first-names", version_key(("gender-guesser",), __file__), build_first_names)


def build_first_names() -> frozenset[str]:
    """A first-name lexicon (gender-guesser's ~45,000 names from many countries), used only to repair
    names the model missed or mistyped: a span starting with a first name is a person. Read straight
    from the package's data file: its Detector parses per-country statistics kg does not need."""
    from importlib import resources

    data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    names = set()
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            if line[:1] not in {"#", "=", "\n", ""}:
                parts = line.split()
                if len(parts) >= 2:
                    names.add(parts[1].replace("+", " ").casefold())
    return frozenset(names)


def is_first_name(word: str) -> bool:
    lowered = word.lower()
    if not word[:1].isupper() or len(word) < 2 or lowered in TITLE_HEADS | HONORIFICS | PERSON_NOUNS:
        return False
    return word.casefold() in first_names()


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """First name → "m" or "f" where gender-guesser's data gives it one gender only (for pronouns)."""
    from kg.datacache import load_or_build, version_key

    return load_or_build("first-name-genders", version_key(("gender-guesser",), __file__), build_first_name_genders)


def build_first_name_genders() -> dict[str, str]:
    from importlib import resources

    seen: dict[str, set[str]] = {}
    data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if line[:1] in {"#", "=", "\n", ""} or len(parts) < 2:
                continue
            code = parts[0]
            sex = "m" if code in {"M", "?M", "1M"} else "f" if code in {"F", "?F", "1F"} else "?"
            seen.setdefault(parts[1].replace("+", " ").casefold(), set()).add(sex)
    return {name: next(iter(s)) for name, s in seen.items() if len(s) == 1 and "?" not in s}


def gender_of(name: str) -> str | None:
    """'m', 'f' or None from a person's first name ("Maria Lopez" → 'f')."""
    words = name.split()
    return first_name_genders().get(words[0].casefold()) if len(words) >= 2 else None
