"""kg.extract.places: unit cases on hand-built parses (tests/extract/cases/places.txt, no model), then
news sentences through the whole pipeline and the real model (names not from the seeds or the dev sets)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import places
from tests.extract.cases import has, model_facts, model_test, unit_test

test_unit = unit_test(places, "places")


MODEL_CASES = [
    ("The talks took place in Austin, Texas, last year.", [("Austin", "locatedIn", "Texas", "occurred")]),
    ("Protests spread to Mombasa, a port city in Kenya.", [("Mombasa", "locatedIn", "Kenya", "occurred")]),
    (
        "President Emmanuel Durand of France hosted Chancellor Olaf Schmidt at the Elysee Palace in Paris.",
        [("Elysee Palace", "locatedIn", "Paris")],
    ),
    (
        "Sophie Laurent met Arjun Mehta in the Cabinet Room at the White House on Thursday.",
        [("Cabinet Room", "locatedIn", "White House")],
    ),
    ("The talks were held at Laeken Castle, a palace in Brussels.", [("Laeken Castle", "locatedIn", "Brussels")]),
    ("Police cordoned off the market in Tarsus, southern Turkey, on Friday.", [("Tarsus", "locatedIn", "Turkey")]),
    ("Protesters gathered in Gyumri, in northern Armenia, on Saturday.", [("Gyumri", "locatedIn", "Armenia")]),
    ("Thousands marched in Gdansk in northern Poland on Sunday.", [("Gdansk", "locatedIn", "Poland")]),
    ("She lives in Brooklyn, New York, with her parents.", [("Brooklyn", "locatedIn", "New York")]),
    (
        "Tourists were evacuated from the Egyptian resort of Hurghada after the attack.",
        [("Hurghada", "locatedIn", "Egypt")],
    ),
    ("Police raided a flat in the Kreuzberg district of Berlin.", [("Kreuzberg district", "locatedIn", "Berlin")]),
    ("Farmers in Peru's Ayacucho region blocked the roads.", [("Ayacucho", "locatedIn", "Peru")]),
    ("Aid reached the Caribbean nation of Haiti on Tuesday.", [("Haiti", "locatedIn", "Caribbean")]),
]
# Sentences that must not place one name in another.
MODEL_NEGATIVE = [
    ("For Tehran, Iraq is the key ally in the region.", ("Tehran", "locatedIn", "Iraq")),
    ("He moved to Spokane, Washington, last year.", ("Spokane", "locatedIn", "Washington")),
    ("Flights to Lyon, Marseille and Nice were cancelled.", ("Marseille", "locatedIn", "Nice")),
]


test_model = model_test(MODEL_CASES)


@pytest.mark.model
@pytest.mark.parametrize("text, fact", MODEL_NEGATIVE, ids=[c[0][:40] for c in MODEL_NEGATIVE])
def test_model_negative(text, fact):
    found = model_facts(text, dt.date(2024, 5, 10))
    assert not has(found, *fact), (fact, found)
