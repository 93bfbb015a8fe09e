"""kg.extract.visits: unit cases on hand-built parses (tests/extract/cases/visits.txt, no model), then
news sentences through the whole pipeline and the real model (names not from the seeds or the dev sets)."""

from __future__ import annotations

import pytest

from kg.extract import visits
from tests.extract.cases import has, model_facts, model_test, unit_test

test_unit = unit_test(visits, "visits")


MODEL_CASES = [
    ("Chinese Premier Li Wen flew to Canberra on Wednesday.", [("Li Wen", "visited", "Canberra", "occurred")]),
    (
        "French President Claire Martin arrived in Dakar for a two-day visit.",
        [("Claire Martin", "visited", "Dakar", "occurred")],
    ),
    (
        "Finnish President Mikko Lahti is expected to visit Tallinn in May.",
        [("Mikko Lahti", "visited", "Tallinn", "planned")],
    ),
    ("Secretary of State Antony Blake arrived in Riyadh on Monday.", [("Antony Blake", "visited", "Riyadh")]),
    ("Former Philippine President Rodrigo Cruz was flown to The Hague.", [("Rodrigo Cruz", "visited", "Hague")]),
    ("President Adaeze Nwosu welcomed Joao Pereira to Abuja on Tuesday.", [("Joao Pereira", "visited", "Abuja")]),
    (
        "Finnish President Aino Virtanen arrived in Riga on Monday. Virtanen later met Latvian Prime Minister "
        "Janis Ozols.",
        [("Aino Virtanen", "visited", "Riga")],
    ),
    (
        "The crown prince of Bahrain, Salman Khalifa, arrived in Doha on Monday.",
        [("Salman Khalifa", "visited", "Doha")],
    ),
    ("Maria Santos flew to the capital, Quito, on Monday.", [("Maria Santos", "visited", "Quito")]),
    ("Lucas Ferreira is expected to visit Curitiba in June.", [("Lucas Ferreira", "visited", "Curitiba", "planned")]),
    ("Lena Berg was received by Yusuf Kaya in Izmir on Monday.", [("Lena Berg", "visited", "Izmir")]),
    ("Pieter de Vries toured a school in Rotterdam on Thursday.", [("Pieter de Vries", "visited", "Rotterdam")]),
    (
        "Yusuf Kaya stopped in Sofia en route to Bucharest.",
        [("Yusuf Kaya", "visited", "Sofia", "occurred"), ("Yusuf Kaya", "visited", "Bucharest", "planned")],
    ),
    (
        "President Luc Moreau said he looked forward to paying a state visit to Vietnam.",
        [("Luc Moreau", "visited", "Vietnam", "intended")],
    ),
    (
        "Prime Minister Sushil Koirala arrived in Dhaka for his three-day visit to Bangladesh on Monday. On "
        "Thursday he left for Thimphu.",
        [("Sushil Koirala", "visited", "Bangladesh", "occurred"), ("Sushil Koirala", "visited", "Thimphu", "planned")],
    ),
]


# Issue 11: presence at events, the place one leaves, home bases.
MODEL_CASES += [
    (
        "Speaking at the annual Pacific Forum in Auckland on Friday, Japanese Defense Minister Kenji Mori said "
        "the region faced new threats.",
        [("Kenji Mori", "visited", "Auckland", "occurred")],
    ),
    (
        "Republican candidate Tom Baker fired back at his rivals at a rally in Des Moines, Iowa, on Monday.",
        [("Tom Baker", "visited", "Des Moines")],
    ),
    ("Kenyan President Amani Odera left Kampala for Kigali on Tuesday.", [("Amani Odera", "visited", "Kampala")]),
]
VISITS_NOT_ASSERTED = [
    ("Chilean President Ana Ruiz held a news conference in Santiago on Monday.", ("Ana Ruiz", "visited", "Santiago")),
    ("Kremlin spokesman Dmitry Orlov arrived at the Kremlin on Monday.", ("Dmitry Orlov", "visited", "Kremlin")),
    ("Peruvian President Pablo Soto's visit to Chile in 2015 was a success.", ("Pablo Soto", "visited", "Peru")),
    (
        "U.S. Ambassador Ellen Marsh will travel to the southern region of Malawi for meetings in Zomba. As the "
        "U.S. Ambassador to Malawi, she visits every region.",
        ("Ellen Marsh", "visited", "Malawi"),
    ),
]


@pytest.mark.model
@pytest.mark.parametrize("text, triple", VISITS_NOT_ASSERTED, ids=[c[0][:40] for c in VISITS_NOT_ASSERTED])
def test_not_a_visit(text, triple):
    assert not has(model_facts(text), *triple)


test_model = model_test(MODEL_CASES)
