"""kg.annotate.mentions without the model."""

from __future__ import annotations

import pytest

from kg.annotate.mentions import acronym_read_as_place


@pytest.mark.parametrize(
    ("text", "organization"),
    [
        ("SANA", True),  # a town's other name in the gazetteer ('Sanaa'), a news agency's acronym in news
        ("ROME", False),  # a place written in capitals
        ("UAE", False),  # a country known by its letters
        ("NYC", False),  # unknown to the gazetteer: the model's label stands
    ],
)
def test_an_acronym_read_as_a_town_is_an_organization(text: str, organization: bool):
    assert acronym_read_as_place(text, "GPE") is organization
    assert acronym_read_as_place(text.title(), "GPE") is False


def test_drop_overlaps_keeps_the_longest_of_overlapping_spans():
    from kg.annotate.mentions import drop_overlaps

    spans = [(0, 2, "PERSON"), (1, 4, "ORG"), (4, 5, "GPE"), (3, 5, "FAC"), (6, 7, "GPE"), (6, 7, "ORG")]
    # (1, 4) is longest; (0, 2) and (3, 5) overlap it; (4, 5) touches it only; of two equal spans the first
    assert drop_overlaps(spans) == [(1, 4, "ORG"), (4, 5, "GPE"), (6, 7, "GPE")]
    # an empty span strictly inside a kept one is dropped, one at its edge kept
    assert drop_overlaps([(2, 2, "X"), (1, 3, "ORG"), (3, 3, "Y")]) == [(1, 3, "ORG"), (3, 3, "Y")]


@pytest.mark.parametrize(
    ("text", "label", "typed"),
    [
        ("Rakhine State", "ORG", "GPE"),  # a region by its last word
        ("Donetsk Oblast", "ORG", "GPE"),
        ("U.S. Department of State", "ORG", "ORG"),  # an organ whose name ends with the word
        ("Ministry of State Security", "ORG", "ORG"),
        ("Office of the Prosecutor", "ORG", "ORG"),
    ],
)
def test_a_name_ending_in_a_region_word_is_a_region_unless_it_names_an_organ(text: str, label: str, typed: str):
    from kg.annotate.mentions import retype

    assert retype(text, label) == typed
