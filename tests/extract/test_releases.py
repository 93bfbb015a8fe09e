"""kg.extract.releases: unit cases on hand-built parses (tests/extract/cases/releases.txt, no model), then
news sentences through the whole pipeline and the real model (names not from the seeds or the dev sets)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import releases
from tests.extract.cases import has, model_facts, model_test, unit_test

test_unit = unit_test(releases, "releases")


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
    (
        "Officials welcomed the release of 14 Nepalese workers held by Qatar.",
        [("Qatar", "released", "14 Nepalese workers held by Qatar", "occurred")],
    ),
    (
        "Peru released 5 Bolivian fishermen in exchange for 3 Peruvian farmers held by Bolivia.",
        [("Peru", "released", "5 Bolivian fishermen"), ("Bolivia", "released", "3 Peruvian farmers held by Bolivia")],
    ),
    (
        "Ministers congratulated President Ana Ruiz for releasing 30 political prisoners.",
        [("Ana Ruiz", "released", "30 political prisoners")],
    ),
    ("Governor Mark Dean commuted Lisa Ford's sentence on Friday.", [("Mark Dean", "released", "Lisa Ford")]),
    ("Two Danish sailors were freed from Somali custody on Sunday.", [("Somalia", "released", "Two Danish sailors")]),
    ("Tom Keller returned home after three years in detention in Iran.", [("Iran", "released", "Tom Keller")]),
    (
        "Kenya's decision to detain Paul Otieno drew protests. Otieno was released on Monday.",
        [("Kenya", "released", "Paul Otieno", "occurred")],
    ),
    (
        "Belgium had called for the release of 6 Belgian tourists held by Mali. On Monday they returned home.",
        [("Mali", "released", "6 Belgian tourists held by Mali", "occurred")],
    ),
    (
        "Lebanon urged Syria to free 9 Lebanese truck drivers.",
        [("Syria", "released", "9 Lebanese truck drivers", "intended")],
    ),
]


test_model = model_test(MODEL_CASES)


NOT_ASSERTED = [
    (
        "Ana Silva thanked Tomas Berg for helping secure the release of Omar Haddad.",
        ("Tomas Berg", "released", "Omar Haddad"),
    ),
    ("Chile freed 7 Argentine students in exchange for 2 Chilean pilots.", ("Chile", "released", "2 Chilean pilots")),
    (
        "The European Union welcomed the release of journalist Lina Haddad by Jordan.",
        ("European Union", "released", "Lina Haddad"),
    ),
    (
        "Canada called for the release of aid worker Tom Keller, who is detained by Iran.",
        ("Iran", "released", "Tom Keller"),
    ),
    ("Lebanon urged Syria to free 9 Lebanese truck drivers.", ("Lebanon", "released", "9 Lebanese truck drivers")),
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


@pytest.mark.model
def test_a_group_whose_members_are_named_is_not_a_party():
    found = model_facts(
        "Sweden released four prisoners on Monday.\n\nAmong the four prisoners released this week was "
        "researcher Nils Berg."
    )
    assert not any(f[2].startswith("four prisoners") for f in found), found


@pytest.mark.model
def test_a_release_with_no_releaser_is_an_event_with_the_freed_person_only():
    from kg.events import build_events
    from kg.pipeline import extract_text

    result = extract_text("Journalist Omar Haddad was freed on Monday.", dt.date(2024, 5, 10))
    assert not [r for r in result.relations if r.predicate == "released"]
    names = {e.id: e.name for e in result.entities}
    (event,) = [e for e in build_events(result) if e.kind == "Release"]
    assert [(names[p.entity_id], p.role) for p in event.participants] == [("Omar Haddad", "released")]


@pytest.mark.model
def test_vague_groups_are_no_party():
    found = model_facts("Iran freed dozens of prisoners and other detainees on Monday.")
    assert not [f for f in found if f[1] == "released"], found
