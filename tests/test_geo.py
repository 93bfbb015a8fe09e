"""Geography from data packages, across world regions (no model)."""

from __future__ import annotations

import pytest

from kg import geo

ADJECTIVES = [
    ("Russian", "Russia"),
    ("Belarusian", "Belarus"),
    ("Chinese", "China"),
    ("Ukrainian", "Ukraine"),
    ("American", "United States"),
    ("U.S.", "United States"),
    ("British", "United Kingdom"),
    ("Iranian", "Iran"),
    ("North Korean", "North Korea"),
    ("South Korean", "South Korea"),
    ("Emirati", "United Arab Emirates"),
    ("Saudi", "Saudi Arabia"),
    ("Israeli", "Israel"),
    ("Turkish", "Turkey"),
    ("Indian", "India"),
    ("Pakistani", "Pakistan"),
    ("Japanese", "Japan"),
    ("German", "Germany"),
    ("French", "France"),
    ("Dutch", "Netherlands"),
    ("Swiss", "Switzerland"),
    ("Qatari", "Qatar"),
    ("Venezuelan", "Venezuela"),
    ("Nigerian", "Nigeria"),
    ("Kenyan", "Kenya"),
    ("Ethiopian", "Ethiopia"),
    ("Peruvian", "Peru"),
    ("Brazilian", "Brazil"),
    ("Mexican", "Mexico"),
    ("Indonesian", "Indonesia"),
    ("Vietnamese", "Vietnam"),
    ("Philippine", "Philippines"),
    ("Egyptian", "Egypt"),
    ("Polish", "Poland"),
    ("Soviet", "Soviet Union"),
]
COUNTRY_NAMES = [
    ("U.S.", "United States"),
    ("US", "United States"),
    ("USA", "United States"),
    ("America", "United States"),
    ("United States of America", "United States"),
    ("Russian Federation", "Russia"),
    ("Republic of Belarus", "Belarus"),
    ("Britain", "United Kingdom"),
    ("UK", "United Kingdom"),
    ("UAE", "United Arab Emirates"),
    ("Republic of Korea", "South Korea"),
    ("Ivory Coast", "Ivory Coast"),
    ("Georgia", "Georgia"),
]
NOT_COUNTRIES = ["us", "Kremlin", "White House", "Monday", "Trumpet", "Moscow", "Beijing", "Washington"]


@pytest.mark.parametrize("word, country", ADJECTIVES)
def test_adjectives(word, country):
    assert geo.country_of_adjective(word) == country


@pytest.mark.parametrize("name, country", COUNTRY_NAMES)
def test_country_names(name, country):
    assert geo.canonical_country(name) == country
    assert geo.is_country(name)


@pytest.mark.parametrize("name", NOT_COUNTRIES)
def test_not_countries(name):
    assert geo.canonical_country(name) is None


def test_a_capital_is_not_its_country():
    assert geo.lookup_place("Moscow").kind == "city"
    assert geo.containing_place("Moscow") == "Russia"


@pytest.mark.parametrize(
    "city, container",
    [
        ("Anchorage", "Alaska"),
        ("Nairobi", "Kenya"),
        ("Lima", "Peru"),
        ("Mumbai", "India"),
        ("Lagos", "Nigeria"),
        ("Houston", "Texas"),
        ("Tehran", "Iran"),
        ("Sao Paulo", "Brazil"),
    ],
)
def test_cities_and_their_containers(city, container):
    place = geo.lookup_place(city)
    assert place is not None and place.kind == "city" and place.geonames_id
    assert geo.containing_place(city) == container


def test_states_and_geonames_iris():
    assert geo.is_us_state("Alaska") and not geo.is_us_state("Kenya")
    assert geo.containing_place("Texas") == "United States"
    assert geo.geonames_uri("France") == "https://sws.geonames.org/3017382/"
    assert geo.geonames_uri("Kremlin") is None


@pytest.mark.parametrize(
    "word, country",
    [
        ("Argentine", "Argentina"),
        ("Argentinian", "Argentina"),
        ("Nepalese", "Nepal"),
        ("Roman", None),
        ("Christian", None),
    ],
)
def test_demonym_variants_the_data_lacks(word, country):
    assert geo.country_of_adjective(word) == country


def test_us_states_by_name_and_abbreviation():
    assert geo.us_state("Tenn.") == "Tennessee"
    assert geo.us_state("NH") == "New Hampshire"  # a postal code, where a state is expected
    assert geo.us_state("Georgia") == "Georgia"  # also a country
    assert geo.us_state("France") is None


def test_cities_by_name_veto_what_no_place_can_be():
    assert "Russia" in geo.countries_of_place("Moscow")
    assert "Azerbaijan" not in geo.countries_of_place("Moscow")
    assert geo.countries_of_place("Nowhereville Xq") == frozenset()
    assert geo.within_city("Brooklyn", "New York") is True
    assert geo.within_city("Buffalo", "New York") is False
    assert geo.within_city("Nowhereville Xq", "New York") is None


def test_former_names_of_states_are_their_states():
    assert geo.canonical_country("Macedonia") == "North Macedonia"
    assert geo.country_of_adjective("Macedonian") == "North Macedonia"
    assert geo.canonical_country("Swaziland") == "Eswatini"


def test_congo_alone_is_the_democratic_republic_as_news_writes_it():
    assert geo.canonical_country("Congo") == "Democratic Republic of the Congo"
    assert geo.canonical_country("Republic of Congo") == "Republic of the Congo"
