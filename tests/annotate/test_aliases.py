"""kg.annotate.aliases without the model: which spellings are slips of one name."""

from __future__ import annotations

import pytest

from kg.annotate.aliases import one_letter_apart


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("tel", "tell", True),
        ("tomashevsky", "tomaschevsky", True),
        ("belgrad", "belgrade", True),
        ("robert", "roberts", False),  # a plural's or a patronymic's s
        ("ahmad", "ahmadi", False),  # another name
        ("iran", "iraq", False),  # one letter changed, not added
        ("niger", "nigeria", False),
        ("al", "all", False),  # too short to tell
    ],
)
def test_one_letter_added_or_dropped(a: str, b: str, same: bool):
    assert one_letter_apart(a, b) is same
