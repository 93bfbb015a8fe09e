"""kg.extract.roles: unit cases on hand-built parses (tests/extract/cases/roles.txt, no model), then
news sentences through the whole pipeline and the real model (names not from the seeds or the dev sets)."""

from __future__ import annotations

import pytest

from kg.extract import roles
from tests.extract.cases import has, model_facts, model_test, unit_test

test_unit = unit_test(roles, "roles")


MODEL_CASES = [
    (
        "Chancellor Olaf Schmidt called Paulo Souza to congratulate him on his election as president of Brazil.",
        [("Paulo Souza", "affiliatedWith", "Brazil", "occurred")],
    ),
    (
        "Brazilian President-elect Paulo Souza said he would visit Argentina.",
        [("Paulo Souza", "affiliatedWith", "Brazil", "occurred")],
    ),
    (
        "Statement on the Floods\n\nPress Statement\nKaren Holt, Department Spokesperson\nU.S. Department of the "
        "Interior\nMay 3, 2019\n\nThe United States mourns the victims of the floods.",
        [
            ("Karen Holt", "affiliatedWith", "U.S. Department of the Interior", "occurred"),
            ("Karen Holt", "affiliatedWith", "United States", "occurred"),
        ],
    ),
    (
        "Kenya's Foreign Minister Joseph Mwangi said the talks were useful.",
        [("Joseph Mwangi", "affiliatedWith", "Kenya", "occurred")],
    ),
    (
        "Laura Chen, a spokeswoman for the State Department, declined to comment.",
        [("Laura Chen", "affiliatedWith", "State Department", "occurred")],
    ),
    ("Egyptian Foreign Minister Samir Fathy met reporters.", [("Samir Fathy", "affiliatedWith", "Egypt", "occurred")]),
    (
        "MOSCOW, March 3 (Reuters) - Russian Foreign Minister Oleg Petrov met his Chinese counterpart Wang Lei.",
        [("Wang Lei", "affiliatedWith", "China")],
    ),
    (
        "Sheikh Tamim bin Hamad, the emir of Qatar, met Turkish President Recep Yilmaz in Doha.",
        [("Tamim bin Hamad", "affiliatedWith", "Qatar")],
    ),
    (
        "President Emmanuel Durand of France hosted Chancellor Olaf Schmidt at the Elysee Palace in Paris.",
        [("Emmanuel Durand", "affiliatedWith", "France")],
    ),
    (
        "Former Philippine President Rodrigo Cruz was flown to The Hague.",
        [("Rodrigo Cruz", "affiliatedWith", "Philippines")],
    ),
    (
        "The crown prince of Bahrain, Salman Khalifa, arrived in Doha on Monday.",
        [("Salman Khalifa", "affiliatedWith", "Bahrain")],
    ),
    (
        "Dawit Bekele, a commander in Ethiopia's Republican Guard, denied the report.",
        [("Dawit Bekele", "affiliatedWith", "Republican Guard")],
    ),
    (
        "The spokesman for the Chile Foreign Ministry, Ana Rojas, said the visit was postponed.",
        [("Ana Rojas", "affiliatedWith", "Chile")],
    ),
    (
        "Kofi Boateng, who heads Ghana's Defence Ministry, said the border would reopen.",
        [("Kofi Boateng", "affiliatedWith", "Ghana")],
    ),
    ("Argentine President Carlos Medina criticized the deal.", [("Carlos Medina", "affiliatedWith", "Argentina")]),
    (
        "US Secretary of State Mark Ellis met Turkish Foreign Minister Emre Aydin in Brussels.",
        [("Mark Ellis", "affiliatedWith", "United States")],
    ),
    (
        "The bill passed on Tuesday. Sen. John Harlan, R-Ohio, voted against it.",
        [("John Harlan", "affiliatedWith", "Republican Party", "occurred"), ("John Harlan", "affiliatedWith", "Ohio")],
    ),
    (
        "Kim Lee, an associate professor at Seoul National University, said the tests would go on.",
        [("Kim Lee", "affiliatedWith", "Seoul National University")],
    ),
    ("Reuters' Anna Berg contributed to this report from Oslo.", [("Anna Berg", "affiliatedWith", "Reuters")]),
]


test_model = model_test(MODEL_CASES)


@pytest.mark.model
def test_portfolio_before_a_title_is_no_organization():
    found = model_facts("External Affairs Minister Vikram Rao met Union Minister Asha Devi in Delhi.")
    assert not any(f[1] == "affiliatedWith" for f in found), found
    assert not has(found, "Vikram Rao", "metWith", "Union")


@pytest.mark.model
def test_an_implied_entity_keeps_the_word_the_text_writes():
    """'his Danish counterpart A': Denmark is written 'Danish'; 'Democratic Senator B': the party is
    written 'Democratic'. Both words are names of the entities the facts point to."""
    from kg.pipeline import extract_text

    text = (
        "Iranian Foreign Minister Ali Karimi met his Danish counterpart Lars Holm in Tehran. "
        "Democratic Senator Ruth Cole of Maine welcomed the talks."
    )
    result = extract_text(text)
    names = {e.name: set(e.aliases) | {e.name} for e in result.entities}
    assert "Danish" in names.get("Denmark", set()), names
    assert "Democratic" in names.get("Democratic Party", set()), names


@pytest.mark.model
def test_a_nationality_beside_a_profession_is_no_affiliation():
    found = model_facts("Lena Fischer, an American journalist, and Omar Haddad, a Syrian researcher, met in Paris.")
    assert not any(f[1] == "affiliatedWith" for f in found), found
