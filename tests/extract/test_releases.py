"""kg.extract.releases: unit cases on hand-built parses (tests/extract/cases/releases.txt, no model), then
news sentences through the whole pipeline and the real model (names not from the seeds or the dev sets)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import releases
from tests.extract.cases import check_unit, has, load_cases, model_facts

UNIT = load_cases("releases")


@pytest.mark.parametrize("case", UNIT, ids=[c.id for c in UNIT])
def test_unit(case):
    check_unit(case, releases)


MODEL_CASES = [
    (
        "Iran released Nadia Rahimi, a British-Iranian aid worker, on Thursday.",
        [("Iran", "released", "Nadia Rahimi", "occurred")],
    ),
    (
        "Journalist Omar Haddad was freed by Syria after two years in detention.",
        [("Syria", "released", "Omar Haddad", "occurred")],
    ),
    ("Venezuela pardoned opposition leader Julio Reyes.", [("Venezuela", "released", "Julio Reyes", "occurred")]),
    (
        "Iran freed two French citizens, Cecile Kohler and Jacques Paris, after three years in detention.",
        [("Iran", "released", "Cecile Kohler"), ("Iran", "released", "Jacques Paris")],
    ),
    (
        "Qatar, which mediated the deal, said Venezuela had handed over three Americans, including Luis Ortega.",
        [("Venezuela", "released", "Luis Ortega")],
    ),
    (
        "The release of Omar Haddad by Syrian authorities was welcomed by the State Department.",
        [("Syria", "released", "Omar Haddad")],
    ),
    ("Senegal let Chukwuma Eze go on Friday.", [("Senegal", "released", "Chukwuma Eze")]),
    (
        "Amara Diop thanked Karim Sy for helping secure the release of Moussa Ba by Mali.",
        [("Mali", "released", "Moussa Ba")],
    ),
    (
        "Pedro Castillo, who was released by Venezuela on Monday, thanked Lena Berg for mediating.",
        [("Venezuela", "released", "Pedro Castillo")],
    ),
    ("Authorities in Myanmar released Min Aung on Saturday.", [("Myanmar", "released", "Min Aung")]),
    (
        "A plane carrying three Britons freed by Myanmar landed in London on Tuesday.\n"
        "\n"
        "The freed Britons include aid worker Sarah Collins and teacher Tom Hale.",
        [("Myanmar", "released", "Sarah Collins"), ("Myanmar", "released", "Tom Hale")],
    ),
]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", MODEL_CASES, ids=[c[0][:40] for c in MODEL_CASES])
def test_model(text, expected):
    found = model_facts(text, dt.date(2024, 5, 10))
    for s, p, o, *status in expected:
        assert has(found, s, p, o, *status), (s, p, o, found)


NOT_ASSERTED = [
    (
        "Ana Silva thanked Tomas Berg for helping secure the release of Omar Haddad.",
        ("Tomas Berg", "released", "Omar Haddad"),
    )
]


@pytest.mark.model
@pytest.mark.parametrize("text, triple", NOT_ASSERTED, ids=[c[0][:40] for c in NOT_ASSERTED])
def test_not_asserted(text, triple):
    asserted = {f for f in model_facts(text) if f[3] != "intended"}
    assert not has(asserted, *triple), asserted


@pytest.mark.model
def test_a_decree_pardoning_someone_is_a_release_by_its_signer():
    found = model_facts("Prime Minister Oskar Lind, who leaves office in May, signed a decree pardoning Nils Berg, 58.")
    assert has(found, "Oskar Lind", "released", "Nils Berg")


@pytest.mark.model
def test_among_the_prisoners_released_was():
    found = model_facts(
        "Sweden released four prisoners on Monday.\n\nAmong the four prisoners released this week was "
        "researcher Nils Berg."
    )
    assert has(found, "Sweden", "released", "Nils Berg")
