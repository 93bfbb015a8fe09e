"""kg.resolve_rules: cross-article merges beyond the name key, on hand-built results (no model)."""

from __future__ import annotations

import pytest

from kg.resolve import resolve
from tests.test_resolve import ent, result


def names_after(*groups: list) -> list[set[str]]:
    res = resolve([result(f"d{i}", ents) for i, ents in enumerate(groups)])
    return sorted(({e.name, *e.aliases} for e in res.entities), key=sorted)


def merged(*groups: list) -> bool:
    return len(resolve([result(f"d{i}", ents) for i, ents in enumerate(groups)]).entities) == 1


@pytest.mark.parametrize(
    "a, b",
    [
        (("Southern Freight Authority", "ORG", ["Southern Freight Authority", "SFA"]), ("SFA", "ORG", None)),
        (("Federal Office of Statistics", "ORG", None), ("FOS", "ORG", None)),  # initials
        (("Voice of Liberty", "ORG", None), ("VOL", "ORG", None)),  # a function word's letter kept
        (("Gamma Dynamics Corporation", "ORG", None), ("GammaDynamics", "ORG", None)),
        (("Islamic State", "ORG", None), ("Daesh", "ORG", None)),  # a well-known alias
        (("U.N. Trade Council", "ORG", None), ("United Nations Trade Council", "ORG", None)),
        (("Irbil", "GPE", None), ("Erbil", "GPE", None)),  # one GeoNames id
        (("Michael Dorsey", "PERSON", None), ("Mike Dorsey", "PERSON", None)),  # nickname
        (("Helen Marie Varga", "PERSON", None), ("Helen Varga", "PERSON", None)),  # middle name
        (("Omar al-Fayed", "PERSON", None), ("Omar Fayed", "PERSON", None)),  # particle
        (("Luisa Garcia de Rayo", "PERSON", None), ("Garcia de Rayo", "PERSON", None)),  # compound surname
    ],
)
def test_merged_across_articles(a, b):
    (na, ta, aa), (nb, tb, ab) = a, b
    assert merged([ent("a", "k", na, ta, aa)], [ent("b", "k", nb, tb, ab)])


@pytest.mark.parametrize(
    "a, b",
    [
        (("Anna Varga", "PERSON", None), ("Helen Varga", "PERSON", None)),
        (("Regional Transport Board", "ORG", None), ("RTA", "ORG", None)),
        (("Army", "ORG", None), ("Syrian Army", "ORG", None)),  # a generic word alone
    ],
)
def test_kept_apart(a, b):
    (na, ta, aa), (nb, tb, ab) = a, b
    assert not merged([ent("a", "k", na, ta, aa)], [ent("b", "k", nb, tb, ab)])


def test_an_acronym_of_two_long_names_stays_apart():
    res = resolve(
        [
            result("a", [ent("a", "k", "National Farmers Council", "ORG")]),
            result("b", [ent("b", "k", "National Fisheries Commission", "ORG")]),
            result("c", [ent("c", "k", "NFC", "ORG")]),
        ]
    )
    assert len(res.entities) == 3


def test_a_lone_surname_joins_the_person_the_news_is_about():
    res = resolve(
        [
            result("a", [ent("a", "k", "Walter Brennan", "PERSON", n=12)]),
            result("b", [ent("b", "k", "Ruth Brennan", "PERSON", n=1)]),
            result("c", [ent("c", "k", "Brennan", "PERSON", n=3)]),
        ]
    )
    names = {e.name: e for e in res.entities}
    assert "Brennan" in names["Walter Brennan"].aliases
