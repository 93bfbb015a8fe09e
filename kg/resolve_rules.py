"""Cross-article merges beyond the name key (kg.resolve groups entities by a normalized name first).

Each function takes the groups and a `join(into, other, rule)` that merges `other` into `into` and
records the rule in the merge log; it returns the groups left. Candidates are indexed by a key, never
compared all against all. No spaCy here.

- shared-name: two organizations or facilities of which one article gave both names ("EU" in an
  article that also wrote "European Union") and another only one;
- acronym: an organization's acronym and the one long name in the corpus whose initials it is;
- geonames: two spellings of one place the gazetteer knows by one GeoNames id ("Peking", "Beijing");
- nickname, middle-name, particle: "Mike Smith" = "Michael Smith", "Jane Q. Smith" = "Jane Smith",
  "Omar al-Bashir" = "Omar Bashir" — each only when exactly one candidate fits.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Protocol

from kg import geo
from kg.lexicon import FACILITY_ENDINGS, ORG_HEADS, REGION_ENDINGS

# Words too generic to identify an organization or a facility by themselves ("Army", "Ministry").
GENERIC_WORDS = ORG_HEADS | FACILITY_ENDINGS | REGION_ENDINGS
# Particles of Arabic and other names that writers keep or drop ("al-Hakim", "Hakim").
OPTIONAL_PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn"})
ACRONYM_SKIPS = frozenset("of the and for in on to at de la du des del da a an & by".split())
# Words that may follow an organization's short name in its full name ("X International", "X Network").
NAME_TAILS = frozenset(
    "international corporation corp inc co ltd llc plc group network memorial church foundation".split()
)


class Grouped(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def names(self) -> list[str]: ...
    @property
    def type(self) -> str: ...


Join = Callable[[Grouped, Grouped, str], None]


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[.\u2019'’]", "", text.casefold()).replace("-", " ")).strip()


def acronym(name: str) -> str | None:
    letters = name.replace(".", "").replace("&", "")
    return letters if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() else None


def initials(name: str) -> set[str]:
    """'Voice of America' → VA and VOA; 'U.S. Immigration and Customs Enforcement' → USICE, ICE."""
    words = [w for w in re.split(r"[\s\-]+", name.replace("'s", "")) if w]
    content = [w for w in words if w.lower() not in ACRONYM_SKIPS]
    found = {"".join(w[0] for w in content).upper(), "".join(w[0] for w in words if w.lower() != "the").upper()}
    if len(content) > 2 and (geo.canonical_country(content[0]) or geo.country_of_adjective(content[0])):
        found.add("".join(w[0] for w in content[1:]).upper())
    return {f for f in found if len(f) >= 2}


def merge_all(groups: list, pairs: Iterable[tuple[Grouped, Grouped]], join: Join, rule: str) -> list:
    """Join each pair (into, other) unless one side is gone already; the groups left."""
    gone: set[int] = set()
    for into, other in pairs:
        if id(into) in gone or id(other) in gone or into is other:
            continue
        join(into, other, rule)
        gone.add(id(other))
    return [g for g in groups if id(g) not in gone]


def distinctive(name: str) -> bool:
    words = fold(name).split()
    return bool(words) and not (len(words) == 1 and words[0] in GENERIC_WORDS) and len(fold(name)) > 1


def shared_names(groups: list, join: Join) -> list:
    """Organizations and facilities known by a name another group is known by (the other's only or
    main name), when that name is distinctive and no place's."""
    by_name: dict[str, list] = defaultdict(list)
    for g in groups:
        if g.type in {"ORG", "FAC"}:
            for n in g.names:
                if distinctive(n) and geo.lookup_place(n) is None:
                    by_name[fold(n)].append(g)
    pairs = []
    for owners in by_name.values():
        owners = sorted({id(g): g for g in owners}.values(), key=lambda g: (-len(g.names), g.name))
        if 2 <= len(owners) <= 4:
            pairs += [(owners[0], other) for other in owners[1:]]
    return merge_all(groups, pairs, join, "shared-name")


def acronyms(groups: list, join: Join) -> list:
    """'FBI' in one article, 'Federal Bureau of Investigation' in another: one organization when the
    corpus has exactly one long name with those initials."""
    long_by_initials: dict[str, list] = defaultdict(list)
    for g in groups:
        if g.type in {"ORG", "FAC"} and len(g.name.split()) >= 2:
            for letters in set().union(*(initials(n) for n in g.names)):
                long_by_initials[letters].append(g)
    pairs = []
    for g in groups:
        letters = acronym(g.name)
        if letters and g.type in {"ORG", "FAC", "GPE"}:
            found = list({id(c): c for c in long_by_initials.get(letters, [])}.values())
            if len(found) == 1:
                pairs.append((found[0], g))
    return merge_all(groups, pairs, join, "acronym")


def geonames(groups: list, join: Join) -> list:
    by_id: dict[int, list] = defaultdict(list)
    for g in groups:
        if g.type in {"GPE", "LOC"}:
            place = geo.lookup_place(g.name) or geo.lookup_place(re.sub(r" City$", "", g.name))
            if place is not None and place.geonames_id and place.kind != "country":
                by_id[place.geonames_id].append(g)
    pairs = [(owners[0], other) for owners in by_id.values() for other in owners[1:]]
    return merge_all(groups, pairs, join, "geonames")


@lru_cache(maxsize=1)
def nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=65536)
def given_name_forms(word: str) -> frozenset[str]:
    """A given name and the names it is short or long for ("mike" → michael, "james" → jim...)."""
    nn = nicknamer()
    w = word.lower()
    return frozenset({w, *nn.canonicals_of(w), *nn.nicknames_of(w)})


def merge_merged_names(groups: list, join: Join) -> list:
    """'U.N. Security Council' = 'United Nations Security Council': the same name after a prefix that
    one writes as the other's initials."""
    by_tail: dict[str, list] = defaultdict(list)
    for g in groups:
        words = g.name.split()
        if g.type in {"ORG", "FAC"} and len(words) >= 2:
            for k in range(1, len(words)):
                by_tail[fold(" ".join(words[k:]))].append((" ".join(words[:k]), g))
    pairs = []
    for tail, owners in by_tail.items():
        if not distinctive(tail):
            continue
        for prefix, g in owners:
            for other_prefix, other in owners:
                letters = acronym(prefix)
                if other is not g and letters and letters in initials(other_prefix):
                    pairs.append((other, g))
    return merge_all(groups, pairs, join, "acronym")


def person_words(name: str) -> list[str]:
    return [w for w in fold(name).split() if w not in OPTIONAL_PARTICLES]


def people(groups: list, join: Join) -> list:
    """People whose names agree but for a nickname, a middle name or initial, or a particle."""
    by_surname: dict[str, list] = defaultdict(list)
    for g in groups:
        words = person_words(g.name)
        if g.type == "PERSON" and len(words) >= 2:
            by_surname[words[-1]].append(g)
    pairs = []
    for same in by_surname.values():
        for short in sorted(same, key=lambda g: len(person_words(g.name))):
            fits = [g for g in same if g is not short and same_person(person_words(short.name), person_words(g.name))]
            if len(fits) == 1:
                pairs.append((fits[0], short))
    return merge_all(groups, pairs, join, "name-variant")


def same_person(short: list[str], long: list[str]) -> bool:
    """['mike', 'smith'] ~ ['michael', 'j', 'smith']: the same surname, given names one of the other's
    forms, and the longer only adding middle names or initials."""
    if len(short) > len(long) or short[-1] != long[-1]:
        return False
    if len(short) >= 2 and len(short) < len(long) and long[-len(short) :] == short and len(short) > 2:
        return True  # a family name of several words ("Ortiz de Zarate")
    return short[0] == long[0] or short[0] in given_name_forms(long[0])


@lru_cache(maxsize=1)
def known_aliases() -> dict[str, str]:
    """Folded name → the folded first name of its line in kg/data/aliases.txt."""
    from importlib import resources

    out: dict[str, str] = {}
    text = (resources.files("kg") / "data" / "aliases.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            names = [fold(n) for n in line.split("|") if n.strip()]
            out.update({n: names[0] for n in names})
    return out


def alias_key(name: str) -> str:
    """The key of a name among well-known alternate names ('ISIS' and 'Islamic State' share one)."""
    folded = fold(name)
    return known_aliases().get(folded, folded)


CORPORATE_SUFFIXES = frozenset("corporation corp inc co company ltd llc plc group".split())


def compact_key(name: str) -> str:
    words = fold(name).split()
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words.pop()
    return "".join(words)


def compact_names(groups: list, join: Join) -> list:
    """'Exxon Mobil Corporation' = 'ExxonMobil', 'Daesh' = 'Islamic State' (kg/data/aliases.txt):
    organizations whose names agree without spaces and a company suffix, or as well-known aliases."""
    by_key: dict[str, list] = defaultdict(list)
    for g in groups:
        if g.type in {"ORG", "FAC", "LOC", "GPE"} and not geo.canonical_country(g.name):
            keys = {alias_key(n) for n in g.names} | ({compact_key(g.name)} if g.type == "ORG" else set())
            for key in keys:
                by_key[key].append(g)
    pairs = []
    for owners in by_key.values():
        owners = sorted({id(g): g for g in owners}.values(), key=lambda g: (-len(g.names), g.name))
        pairs += [(owners[0], other) for other in owners[1:]]
    return merge_all(groups, pairs, join, "alias")


def short_names(groups: list, join: Join) -> list:
    """'Duma' = 'State Duma', 'X' = 'X Network' across articles: a one-word organization name that
    begins (before a company word) or ends exactly one longer one, and is no generic word."""
    by_word: dict[str, list] = defaultdict(list)
    for g in groups:
        words = fold(g.name).split()
        if g.type == "ORG" and len(words) >= 2:
            if all(w in NAME_TAILS for w in words[1:]):
                by_word[words[0]].append(g)
            by_word[words[-1]].append(g)
    pairs = []
    for g in groups:
        words = fold(g.name).split()
        misread = g.type == "GPE" and geo.lookup_place(g.name) is None  # no place the gazetteer knows
        if (g.type == "ORG" or misread) and len(words) == 1 and words[0] not in GENERIC_WORDS:
            found = list({id(c): c for c in by_word.get(words[0], [])}.values())
            if len(found) == 1:
                pairs.append((found[0], g))
    return merge_all(groups, pairs, join, "short-name")


def merge_aliases(groups: list, join: Join) -> list:
    for rule in (compact_names, shared_names, acronyms, merge_merged_names, short_names, geonames, people):
        groups = rule(groups, join)
    return groups
