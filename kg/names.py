"""Name normalization shared by in-article coreference and cross-article resolution (no spaCy)."""

from __future__ import annotations

import re
from functools import lru_cache

# Zero-width and direction-control characters: invisible in a name, never part of it.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    text = INVISIBLE.sub("", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"'s$", "", text)
