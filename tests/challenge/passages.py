"""The challenge set: short news-style passages, grouped by phenomenon, each with the relations it must
yield (expect) and the claims it must not (must_not). Hand-written templates, each filled with several
casts of people and places from every region, so a rule that fits one name cannot pass.

Names of the development set (the seed articles) never appear here, and no extraction rule may name
anything here: this is the test, not the source of the rules.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

# Casts: two leaders with countries and nationality adjectives, a third party, places.
CASTS = [
    dict(
        a="Haruto Sato",
        a_last="Sato",
        a_country="Japan",
        a_adj="Japanese",
        a_title="Prime Minister",
        b="Amani Odera",
        b_last="Odera",
        b_country="Kenya",
        b_adj="Kenyan",
        b_title="President",
        c="Karl Weber",
        c_country="Germany",
        c_adj="German",
        c_title="Chancellor",
        city="Nairobi",
        city_country="Kenya",
        city2="Osaka",
        city2_country="Japan",
        fac="State House",
        freed="Daniel Mutua",
        year="2019",
    ),
    dict(
        a="Lucia Costa",
        a_last="Costa",
        a_country="Brazil",
        a_adj="Brazilian",
        a_title="President",
        b="Ravi Shankar",
        b_last="Shankar",
        b_country="India",
        b_adj="Indian",
        b_title="Prime Minister",
        c="Claire Martin",
        c_country="France",
        c_adj="French",
        c_title="President",
        city="New Delhi",
        city_country="India",
        city2="Recife",
        city2_country="Brazil",
        fac="Hyderabad House",
        freed="Marco Ribeiro",
        year="2021",
    ),
    dict(
        a="Samir Fathy",
        a_last="Fathy",
        a_country="Egypt",
        a_adj="Egyptian",
        a_title="Foreign Minister",
        b="Leila Haddad",
        b_last="Haddad",
        b_country="Lebanon",
        b_adj="Lebanese",
        b_title="Foreign Minister",
        c="Omar Khalil",
        c_country="Jordan",
        c_adj="Jordanian",
        c_title="King",
        city="Cairo",
        city_country="Egypt",
        city2="Beirut",
        city2_country="Lebanon",
        fac="Tahrir Palace",
        freed="Youssef Nasser",
        year="2017",
    ),
    dict(
        a="Mikko Lahti",
        a_last="Lahti",
        a_country="Finland",
        a_adj="Finnish",
        a_title="President",
        b="Ingrid Larsen",
        b_last="Larsen",
        b_country="Norway",
        b_adj="Norwegian",
        b_title="Prime Minister",
        c="Pavel Novak",
        c_country="Czechia",
        c_adj="Czech",
        c_title="President",
        city="Oslo",
        city_country="Norway",
        city2="Helsinki",
        city2_country="Finland",
        fac="Akershus Fortress",
        freed="Erik Dahl",
        year="2015",
    ),
    dict(
        a="Chen Wei",
        a_last="Chen",
        a_country="China",
        a_adj="Chinese",
        a_title="Premier",
        b="Nguyen Van Minh",
        b_last="Minh",
        b_country="Vietnam",
        b_adj="Vietnamese",
        b_title="Prime Minister",
        c="Kim Soo-hyun",
        c_country="South Korea",
        c_adj="South Korean",
        c_title="President",
        city="Hanoi",
        city_country="Vietnam",
        city2="Shanghai",
        city2_country="China",
        fac="Presidential Palace",
        freed="Tran Duc Long",
        year="2018",
    ),
    dict(
        a="Olusegun Adeyemi",
        a_last="Adeyemi",
        a_country="Nigeria",
        a_adj="Nigerian",
        a_title="President",
        b="Kwame Mensah",
        b_last="Mensah",
        b_country="Ghana",
        b_adj="Ghanaian",
        b_title="President",
        c="Fatima Diallo",
        c_country="Senegal",
        c_adj="Senegalese",
        c_title="Prime Minister",
        city="Accra",
        city_country="Ghana",
        city2="Lagos",
        city2_country="Nigeria",
        fac="Jubilee House",
        freed="Emeka Obi",
        year="2016",
    ),
    dict(
        a="Andres Morales",
        a_last="Morales",
        a_country="Colombia",
        a_adj="Colombian",
        a_title="President",
        b="Rosa Quispe",
        b_last="Quispe",
        b_country="Peru",
        b_adj="Peruvian",
        b_title="President",
        c="Diego Herrera",
        c_country="Mexico",
        c_adj="Mexican",
        c_title="Foreign Minister",
        city="Lima",
        city_country="Peru",
        city2="Medellin",
        city2_country="Colombia",
        fac="Government Palace",
        freed="Julio Reyes",
        year="2020",
    ),
    dict(
        a="Ayse Demir",
        a_last="Demir",
        a_country="Turkey",
        a_adj="Turkish",
        a_title="Foreign Minister",
        b="Nikos Pappas",
        b_last="Pappas",
        b_country="Greece",
        b_adj="Greek",
        b_title="Prime Minister",
        c="Giulia Romano",
        c_country="Italy",
        c_adj="Italian",
        c_title="Prime Minister",
        city="Athens",
        city_country="Greece",
        city2="Izmir",
        city2_country="Turkey",
        fac="Maximos Mansion",
        freed="Kostas Lekkas",
        year="2022",
    ),
]


@dataclass(frozen=True)
class Template:
    group: str
    text: str
    expect: tuple[tuple[str, str, str, str], ...] = ()
    must_not: tuple[tuple[str, str, str], ...] = ()
    published: str | None = "2024-05-10"


T = Template
O, P, INTENDED = "occurred", "planned", "intended"  # noqa: E741 (short: they fill every line below)
TEMPLATES = [
    # --- datelines and photo captions -----------------------------------------------------------------------
    T(
        "datelines",
        "{CITY_UPPER} \u2014 {a_adj} {a_title} {a} met {b_adj} {b_title} {b} on Tuesday to discuss trade.",
        (
            ("{a}", "metWith", "{b}", O),
            ("{a}", "affiliatedWith", "{a_country}", O),
            ("{b}", "affiliatedWith", "{b_country}", O),
        ),
    ),
    T(
        "datelines",
        "{CITY_UPPER}, March 3 (Reuters) - {a_adj} {a_title} {a} spoke by phone with {b_adj} {b_title} {b}, "
        "his office said.",
        (("{a}", "spokeWith", "{b}", O),),
        (("{a}", "metAt", "{city}"),),
    ),
    T(
        "datelines",
        "{a}, left, shakes hands with {b} in {city}, {city_country}, Jan. 5, 2017.",
        (
            ("{a}", "metWith", "{b}", O),
            ("{a}", "metAt", "{city}|{city_country}", O),
            ("{b}", "metAt", "{city}|{city_country}", O),
            ("{city}", "locatedIn", "{city_country}", O),
        ),
    ),
    # --- one verb, many partners; hosts and visitors ----------------------------------------------------------
    T(
        "partners",
        "{a_adj} {a_title} {a} arrived in {city} on Monday. {a_last} spoke on Saturday to {b_adj} {b_title} "
        "{b} and {c_adj} {c_title} {c}.",
        (("{a}", "visited", "{city}", O), ("{a}", "spokeWith", "{b}", O), ("{a}", "spokeWith", "{c}", O)),
        (("{b}", "spokeWith", "{c}"),),
    ),
    T(
        "partners",
        "{a}, {b} and {c} met in {city} on Friday for talks on regional security.",
        (
            ("{a}", "metWith", "{b}", O),
            ("{a}", "metWith", "{c}", O),
            ("{b}", "metWith", "{c}", O),
            ("{a}", "metAt", "{city}", O),
            ("{b}", "metAt", "{city}", O),
            ("{c}", "metAt", "{city}", O),
        ),
    ),
    T(
        "partners",
        "{b_adj} {b_title} {b} hosted {a_adj} {a_title} {a} in {city} on Wednesday.",
        (
            ("{a}", "metWith", "{b}", O),
            ("{a}", "visited", "{city}", O),
            ("{a}", "metAt", "{city}", O),
            ("{b}", "metAt", "{city}", O),
        ),
    ),
    T(
        "partners",
        "{a} was received by {b} at the {fac} in {city}.",
        (("{a}", "metWith", "{b}", O), ("{a}", "metAt", "{fac}|{city}", O), ("{b}", "metAt", "{fac}|{city}", O)),
    ),
    # --- titles in every position ------------------------------------------------------------------------------
    T(
        "titles",
        "{a_country}'s {a_title} {a} said the talks had been useful.",
        (("{a}", "affiliatedWith", "{a_country}", O),),
    ),
    T(
        "titles",
        "{b}, the foreign minister of {b_country}, declined to comment on the report.",
        (("{b}", "affiliatedWith", "{b_country}", O),),
    ),
    T(
        "titles",
        "The spokesman for the {b_country} Foreign Ministry, {b}, said the visit was postponed.",
        (
            ("{b}", "affiliatedWith", "{b_country}", O),
            ("{b}", "affiliatedWith", "{b_country} Foreign Ministry|Foreign Ministry|{b_country}", O),
        ),
    ),
    T(
        "titles",
        "Former {a_adj} {a_title} {a} criticized the agreement on Sunday.",
        (("{a}", "affiliatedWith", "{a_country}", O),),
    ),
    T(
        "titles",
        "{c}, a spokeswoman for the State Department, said the two sides would keep talking.",
        (("{c}", "affiliatedWith", "State Department", O),),
    ),
    # --- releases -----------------------------------------------------------------------------------------------
    T(
        "releases",
        "{b_country} released {freed}, a journalist detained since {year}, on Thursday.",
        (("{b_country}", "released", "{freed}", O),),
    ),
    T(
        "releases",
        "{freed} was freed by {b_country} after two years in detention, his family said.",
        (("{b_country}", "released", "{freed}", O),),
    ),
    T(
        "releases",
        "{a} thanked {c} for helping secure the release of {freed} by {b_country}.",
        (("{b_country}", "released", "{freed}", O),),
        (("{c}", "released", "{freed}"), ("{a}", "released", "{freed}")),
    ),
    T(
        "releases",
        "{b_country} pardoned {freed}, the ministry said on Monday.",
        (("{b_country}", "released", "{freed}", O),),
    ),
    T(
        "releases",
        "{c_country}, which mediated the deal, said {b_country} had handed over three prisoners, including {freed}.",
        (("{b_country}", "released", "{freed}", O),),
        (("{c_country}", "released", "{freed}"),),
    ),
    # --- modality --------------------------------------------------------------------------------------------------
    T(
        "modality",
        "{a} and {b} are scheduled to meet in {city} next week.",
        (("{a}", "metWith", "{b}", P), ("{a}", "metAt", "{city}", P), ("{b}", "metAt", "{city}", P)),
    ),
    T("modality", "{a} is expected to visit {city2} in June.", (("{a}", "visited", "{city2}", P),)),
    T(
        "modality",
        "{a} will meet {b} in {city} on Monday.",
        (("{a}", "metWith", "{b}", P), ("{a}", "metAt", "{city}", P), ("{b}", "metAt", "{city}", P)),
    ),
    T("modality", "{a} did not meet {b} during the summit.", (), (("{a}", "metWith", "{b}"),)),
    T("modality", "{a} refused to meet {b}.", (), (("{a}", "metWith", "{b}"),)),
    T("modality", "The meeting between {a} and {b} was called off.", (), (("{a}", "metWith", "{b}"),)),
    T(
        "modality",
        "{c}, who was not invited, said {a} and {b} met in {city} last week.",
        (("{a}", "metWith", "{b}", O), ("{a}", "metAt", "{city}", O), ("{b}", "metAt", "{city}", O)),
        (("{c}", "metWith", "{a}"), ("{c}", "metWith", "{b}")),
    ),
    T("modality", "{a} wants to meet {b} soon.", (), (("{a}", "metWith", "{b}"),)),
    # --- coreference ------------------------------------------------------------------------------------------------
    T(
        "coreference",
        "{a_adj} {a_title} {a} arrived in {city} on Monday. {a_last} later met {b_adj} {b_title} {b}.",
        (("{a}", "visited", "{city}", O), ("{a}", "metWith", "{b}", O)),
    ),
    T(
        "coreference",
        "{a_adj} {a_title} {a} flew to {city2} on Monday. He met {b} there on Tuesday.",
        (("{a}", "visited", "{city2}", O), ("{a}", "metWith", "{b}", O)),
    ),
    T(
        "coreference",
        "{a_adj} {a_title} {a} spoke with {b_adj} {b_title} {b} on Monday. {a_last} later met his "
        "{b_adj} counterpart in {city}.",
        (
            ("{a}", "spokeWith", "{b}", O),
            ("{a}", "metWith", "{b}", O),
            ("{a}", "metAt", "{city}", O),
            ("{b}", "metAt", "{city}", O),
        ),
    ),
    # --- places ------------------------------------------------------------------------------------------------------
    T(
        "places",
        "Protests spread to {city}, {city_country}, on Saturday.",
        (("{city}", "locatedIn", "{city_country}", O),),
    ),
    T(
        "places",
        "The talks took place in {city2}, a port city in {city2_country}.",
        (("{city2}", "locatedIn", "{city2_country}", O),),
    ),
    T(
        "places",
        "{a} met {b} at the {fac} in {city}.",
        (
            ("{a}", "metWith", "{b}", O),
            ("{fac}", "locatedIn", "{city}", O),
            ("{a}", "metAt", "{fac}|{city}", O),
            ("{b}", "metAt", "{fac}|{city}", O),
        ),
    ),
    # --- negatives: many names, no scored relation ------------------------------------------------------------------
    T(
        "negatives",
        "{a} criticized {b} over the border dispute, while {c} praised both leaders.",
        (),
        (("{a}", "metWith", "{b}"), ("{a}", "spokeWith", "{b}")),
    ),
    T(
        "negatives",
        "{a} and {b} were both in {city} on Monday, but officials said no meeting was planned.",
        (),
        (("{a}", "metWith", "{b}"),),
    ),
    T(
        "negatives",
        "Analysts in {city} said {a_country} and {b_country} could sign a trade deal next year.",
        (),
        (("{a_country}", "metWith", "{b_country}"),),
    ),
    # --- the rest of each phenomenon ------------------------------------------------------------------------------
    T(
        "datelines",
        "{a_adj} {a_title} {a}, right, and {b_adj} {b_title} {b} pose for a photograph before their "
        "talks in {city}, {city_country}, on March 2, {year}.",
        (
            ("{a}", "metWith", "{b}", O),
            ("{a}", "metAt", "{city}|{city_country}", O),
            ("{b}", "metAt", "{city}|{city_country}", O),
            ("{city}", "locatedIn", "{city_country}", O),
        ),
    ),
    T(
        "datelines",
        "{CITY_UPPER}, {city_country} (AP) \u2014 {a} flew to {city2} on Sunday for talks with {b}.",
        (("{a}", "visited", "{city2}", O), ("{a}", "metWith", "{b}", O)),
    ),
    T(
        "partners",
        "{a} held talks with {b} and {c} in {city} on Thursday.",
        (  # one meeting of three parties: each pair met, all of them there
            ("{a}", "metWith", "{b}", O),
            ("{a}", "metWith", "{c}", O),
            ("{b}", "metWith", "{c}", O),
            ("{a}", "metAt", "{city}", O),
            ("{b}", "metAt", "{city}", O),
            ("{c}", "metAt", "{city}", O),
        ),
    ),
    T(
        "partners",
        "{b_adj} {b_title} {b} welcomed {a} to {city} on Tuesday, the first visit by a {a_adj} leader in a decade.",
        (
            ("{a}", "metWith", "{b}", O),
            ("{a}", "visited", "{city}", O),
            ("{a}", "metAt", "{city}", O),
            ("{b}", "metAt", "{city}", O),
        ),
    ),
    T(
        "partners",
        "{a} phoned {b} and {c} on Friday to discuss the crisis.",
        (("{a}", "spokeWith", "{b}", O), ("{a}", "spokeWith", "{c}", O)),
        (("{b}", "spokeWith", "{c}"),),
    ),
    T(
        "titles",
        "The crown prince of {a_country}, {a}, arrived in {city} on Monday.",
        (("{a}", "affiliatedWith", "{a_country}", O), ("{a}", "visited", "{city}", O)),
    ),
    T(
        "titles",
        "Acting {b_adj} {b_title} {b} told parliament the talks would resume.",
        (("{b}", "affiliatedWith", "{b_country}", O),),
    ),
    T(
        "titles",
        "{a}, {a_country}'s {a_role}, told reporters the deal was close.",
        (("{a}", "affiliatedWith", "{a_country}", O),),
    ),
    T(
        "titles",
        "{c}, a commander in {b_country}'s Revolutionary Guard, denied the report.",
        (("{c}", "affiliatedWith", "Revolutionary Guard|{b_country}'s Revolutionary Guard|{b_country}", O),),
    ),
    T(
        "releases",
        "{b_country} let {freed} go on Friday after a week in custody.",
        (("{b_country}", "released", "{freed}", O),),
    ),
    T(
        "releases",
        "{b_country} freed 12 prisoners on Monday. Among those freed was {freed}, a reporter.",
        (("{b_country}", "released", "{freed}", O),),
    ),
    T(
        "releases",
        "{b_country} swapped {freed} for two of its citizens held in {a_country}.",
        (("{b_country}", "released", "{freed}", O),),
        (("{a_country}", "released", "{freed}"),),
    ),
    T(
        "releases",
        "{b_country} is expected to release {freed} next week, officials said.",
        (("{b_country}", "released", "{freed}", P),),
    ),
    T(
        "modality",
        "A planned meeting between {a} and {b} in {city} was cancelled on Sunday.",
        (),
        (("{a}", "metWith", "{b}"),),
    ),
    T("modality", "{a} denied talking to {b} about the deal.", (), (("{a}", "spokeWith", "{b}"),)),
    T("modality", "{a} plans to travel to {city2} next month.", (("{a}", "visited", "{city2}", P),)),
    T("modality", "Officials said {a} and {b} spoke by phone on Sunday.", (("{a}", "spokeWith", "{b}", O),)),
    T("modality", "{a} expressed interest in meeting {b}.", (("{a}", "metWith", "{b}", INTENDED),)),
    T(
        "coreference",
        "{a_adj} {a_title} {a} met {b_adj} {b_title} {b} in {city} on Monday. The two leaders had "
        "spoken by phone a week earlier.",
        (
            ("{a}", "metWith", "{b}", O),
            ("{a}", "spokeWith", "{b}", O),
            ("{a}", "metAt", "{city}", O),
            ("{b}", "metAt", "{city}", O),
        ),
    ),
    T(
        "coreference",
        "{a_adj} {a_title} {a} arrived in {city} on Sunday. The {a_role} met {b} on Monday.",
        (("{a}", "visited", "{city}", O), ("{a}", "metWith", "{b}", O)),
    ),
    T("places", "{a} flew to the capital, {city}, on Monday.", (("{a}", "visited", "{city}", O),)),
    T(
        "places",
        "{a} met {b} in the Oval Office at the White House on Thursday.",
        (
            ("{a}", "metWith", "{b}", O),
            ("{a}", "metAt", "Oval Office|White House", O),
            ("{b}", "metAt", "Oval Office|White House", O),
            ("Oval Office", "locatedIn", "White House", O),
        ),
    ),
    T(
        "places",
        "Aid reached a village outside {city2}, {city2_country}, on Friday.",
        (("{city2}", "locatedIn", "{city2_country}", O),),
    ),
    T("negatives", "{a} said he had never met {b}.", (), (("{a}", "metWith", "{b}"),)),
    T("negatives", "{a} has not spoken to {b} since {year}.", (), (("{a}", "spokeWith", "{b}"),)),
]


def fill(text: str, cast: dict) -> str:
    values = dict(cast, CITY_UPPER=cast["city"].upper(), a_role=cast["a_title"].lower())
    return text.format(**values)


def passages(split: str = "all") -> list[dict]:
    """Every passage, or one split: "development" (the templates and casts above, which the rules were
    fixed on) or "heldback" (any passage with a cast or template from tests/challenge/heldback.py)."""
    from tests.challenge.heldback import HELD_CASTS, HELD_TEMPLATES

    templates = [(t, False) for t in TEMPLATES] + [(t, True) for t in HELD_TEMPLATES]
    casts = [(c, False) for c in CASTS] + [(c, True) for c in HELD_CASTS]
    out = []
    for (t_index, (template, held_t)), (c_index, (cast, held_c)) in itertools.product(
        enumerate(templates), enumerate(casts)
    ):
        part = "heldback" if held_t or held_c else "development"
        if split not in {"all", part}:
            continue
        out.append(
            {
                "id": f"{template.group}-{t_index:02d}-{c_index}",
                "group": template.group,
                "split": part,
                "text": fill(template.text, cast),
                "published": template.published,
                "expect": [[fill(s, cast), p, fill(o, cast), st] for s, p, o, st in template.expect],
                "must_not": [[fill(s, cast), p, fill(o, cast)] for s, p, o in template.must_not],
            }
        )
    return out
