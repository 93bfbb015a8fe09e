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
