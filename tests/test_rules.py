"""Each extraction rule on short news sentences, through the real model (no seed names)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.pipeline import extract_text

pytestmark = pytest.mark.model


def facts(text: str, published: dt.date | None = None) -> set[tuple[str, str, str, str]]:
    result = extract_text(text, published)
    names = {e.id: e.name for e in result.entities}
    out = set()
    for r in result.relations:
        s, o = names[r.subject], names[r.object]
        if r.predicate in {"spokeWith", "metWith"}:
            s, o = sorted((s, o))
        out.add((s, r.predicate, o, r.status))
    return out


def has(found: set, s: str, p: str, o: str, status: str | None = None) -> bool:
    if p in {"spokeWith", "metWith"}:
        s, o = sorted((s, o))
    return any(f[0] == s and f[1] == p and f[2] == o and (status is None or f[3] == status) for f in found)


CASES = [
    # conversations
    (
        "German Chancellor Karl Weber spoke by phone with Japanese Prime Minister Kenji Mori on Tuesday.",
        [("Karl Weber", "spokeWith", "Kenji Mori", "occurred")],
    ),
    (
        "Kenyan President Amani Odera held talks with Ethiopian Prime Minister Dawit Bekele.",
        [("Amani Odera", "spokeWith", "Dawit Bekele", "occurred")],
    ),
    (
        "Carla Mendes called Peter Novak on Sunday to discuss the crisis.",
        [("Carla Mendes", "spokeWith", "Peter Novak", "occurred")],
    ),
    # meetings
    (
        "Indian Prime Minister Ravi Shankar met Brazilian President Lucia Costa in New Delhi on Monday.",
        [
            ("Ravi Shankar", "metWith", "Lucia Costa", "occurred"),
            ("Ravi Shankar", "metAt", "New Delhi", "occurred"),
            ("Lucia Costa", "metAt", "New Delhi", "occurred"),
        ],
    ),
    (
        "Ana Silva and Tomas Berg are scheduled to meet in Geneva next week.",
        [("Ana Silva", "metWith", "Tomas Berg", "planned"), ("Ana Silva", "metAt", "Geneva", "planned")],
    ),
    ("Ana Silva will meet Tomas Berg in Oslo.", [("Ana Silva", "metWith", "Tomas Berg", "planned")]),
    # releases
    (
        "Iran released Nadia Rahimi, a British-Iranian aid worker, on Thursday.",
        [("Iran", "released", "Nadia Rahimi", "occurred")],
    ),
    (
        "Journalist Omar Haddad was freed by Syria after two years in detention.",
        [("Syria", "released", "Omar Haddad", "occurred")],
    ),
    ("Venezuela pardoned opposition leader Julio Reyes.", [("Venezuela", "released", "Julio Reyes", "occurred")]),
    # visits
    ("Chinese Premier Li Wen flew to Canberra on Wednesday.", [("Li Wen", "visited", "Canberra", "occurred")]),
    (
        "French President Claire Martin arrived in Dakar for a two-day visit.",
        [("Claire Martin", "visited", "Dakar", "occurred")],
    ),
    (
        "Finnish President Mikko Lahti is expected to visit Tallinn in May.",
        [("Mikko Lahti", "visited", "Tallinn", "planned")],
    ),
    # affiliations
    (
        "Kenya's Foreign Minister Joseph Mwangi said the talks were useful.",
        [("Joseph Mwangi", "affiliatedWith", "Kenya", "occurred")],
    ),
    (
        "Laura Chen, a spokeswoman for the State Department, declined to comment.",
        [("Laura Chen", "affiliatedWith", "State Department", "occurred")],
    ),
    ("Egyptian Foreign Minister Samir Fathy met reporters.", [("Samir Fathy", "affiliatedWith", "Egypt", "occurred")]),
    # places
    ("The talks took place in Austin, Texas, last year.", [("Austin", "locatedIn", "Texas", "occurred")]),
    ("Protests spread to Mombasa, a port city in Kenya.", [("Mombasa", "locatedIn", "Kenya", "occurred")]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_rule(text, expected):
    found = facts(text, dt.date(2024, 5, 10))
    for s, p, o, status in expected:
        assert has(found, s, p, o, status), (s, p, o, status, found)


NEGATIVE = [
    ("Ana Silva did not meet Tomas Berg during the summit.", ("Ana Silva", "metWith", "Tomas Berg")),
    ("Ana Silva refused to meet Tomas Berg.", ("Ana Silva", "metWith", "Tomas Berg")),
    ("The meeting between Ana Silva and Tomas Berg was called off.", ("Ana Silva", "metWith", "Tomas Berg")),
    ("Ana Silva wants to meet Tomas Berg soon.", ("Ana Silva", "metWith", "Tomas Berg")),
    (
        "Ana Silva thanked Tomas Berg for helping secure the release of Omar Haddad.",
        ("Tomas Berg", "released", "Omar Haddad"),
    ),
    ("Ana Silva criticized Tomas Berg.", ("Ana Silva", "metWith", "Tomas Berg")),
]


@pytest.mark.parametrize("text, triple", NEGATIVE, ids=[c[0][:40] for c in NEGATIVE])
def test_not_asserted(text, triple):
    found = facts(text)
    s, p, o = triple
    asserted = {f for f in found if f[3] != "intended"}
    assert not has(asserted, s, p, o), found


def test_intention_is_kept_as_intended():
    found = facts("Ana Silva wants to meet Tomas Berg soon.")
    assert has(found, "Ana Silva", "metWith", "Tomas Berg", "intended")


def test_surname_and_pronoun_coreference():
    found = facts(
        "Moroccan King Hassan Idrissi arrived in Madrid on Monday. Idrissi later met Spanish Prime "
        "Minister Pablo Ruiz. He also spoke with Portuguese President Rui Alves."
    )
    assert has(found, "Hassan Idrissi", "metWith", "Pablo Ruiz")
    assert has(found, "Hassan Idrissi", "spokeWith", "Rui Alves")


def test_photo_caption_handshake():
    found = facts(
        "Kenyan President Amani Odera, left, shakes hands with Ugandan President John Okello in "
        "Kampala, Uganda, Jan. 5, 2017."
    )
    assert has(found, "Amani Odera", "metWith", "John Okello")
    assert has(found, "John Okello", "affiliatedWith", "Uganda")
    assert has(found, "Kampala", "locatedIn", "Uganda")


def test_counterpart_is_bound_through_the_title():
    found = facts(
        "Japanese Prime Minister Kenji Mori spoke with Indian Prime Minister Ravi Shankar. "
        "Mori later met his Indian counterpart in Osaka."
    )
    assert has(found, "Kenji Mori", "metWith", "Ravi Shankar")
    assert has(found, "Ravi Shankar", "metAt", "Osaka")


GENERAL = [
    (
        "MOSCOW, March 3 (Reuters) - Russian Foreign Minister Oleg Petrov met his Chinese counterpart Wang Lei.",
        [("Oleg Petrov", "metWith", "Wang Lei"), ("Wang Lei", "affiliatedWith", "China")],
    ),
    (
        "Iran freed two French citizens, Cecile Kohler and Jacques Paris, after three years in detention.",
        [("Iran", "released", "Cecile Kohler"), ("Iran", "released", "Jacques Paris")],
    ),
    (
        "Qatar, which mediated the deal, said Venezuela had handed over three Americans, including Luis Ortega.",
        [("Venezuela", "released", "Luis Ortega")],
    ),
    (
        "Sheikh Tamim bin Hamad, the emir of Qatar, met Turkish President Recep Yilmaz in Doha.",
        [("Tamim bin Hamad", "affiliatedWith", "Qatar"), ("Recep Yilmaz", "metWith", "Tamim bin Hamad")],
    ),
    (
        "The release of Omar Haddad by Syrian authorities was welcomed by the State Department.",
        [("Syria", "released", "Omar Haddad")],
    ),
    (
        "Brazilian President Lucia Costa was received by Pope Francis at the Vatican.",
        [("Lucia Costa", "metWith", "Francis"), ("Lucia Costa", "metAt", "Vatican")],
    ),
]


@pytest.mark.parametrize("text, expected", GENERAL, ids=[c[0][:40] for c in GENERAL])
def test_general_news(text, expected):
    found = facts(text)
    for s, p, o in expected:
        assert has(found, s, p, o), (s, p, o, found)


def test_unknown_speaker_does_not_pair_the_partners():
    found = facts("He spoke Saturday to Japan's Prime Minister Kenji Mori and German Chancellor Karl Weber.")
    assert not has(found, "Kenji Mori", "spokeWith", "Karl Weber")
    assert not has(found, "Qatar", "released", "Luis Ortega")


MORE = [
    ("Secretary of State Antony Blake arrived in Riyadh on Monday.", [("Antony Blake", "visited", "Riyadh")]),
    (
        "President Emmanuel Durand of France hosted Chancellor Olaf Schmidt at the Elysee Palace in Paris.",
        [
            ("Emmanuel Durand", "affiliatedWith", "France"),
            ("Emmanuel Durand", "metWith", "Olaf Schmidt"),
            ("Olaf Schmidt", "metAt", "Elysee Palace"),
            ("Elysee Palace", "locatedIn", "Paris"),
        ],
    ),
    (
        "Turkish President Recep Yilmaz and Russian President Boris Orlov held a phone call on Tuesday.",
        [("Recep Yilmaz", "spokeWith", "Boris Orlov")],
    ),
    (
        "Former Philippine President Rodrigo Cruz was flown to The Hague.",
        [("Rodrigo Cruz", "affiliatedWith", "Philippines"), ("Rodrigo Cruz", "visited", "Hague")],
    ),
]


@pytest.mark.parametrize("text, expected", MORE, ids=[c[0][:40] for c in MORE])
def test_more_news(text, expected):
    found = facts(text)
    for s, p, o in expected:
        assert has(found, s, p, o), (s, p, o, found)


# Shapes the small model gets wrong, each repaired by one rule (names not in the challenge set).
REPAIRS = [
    # a caption's subject hangs on 'left'; "shakes hands" is a meeting
    (
        "Tomas Lindqvist, left, shakes hands with Aiko Tanaka in Stockholm, Sweden, May 3, 2018.",
        [("Aiko Tanaka", "metWith", "Tomas Lindqvist"), ("Tomas Lindqvist", "metAt", "Stockholm")],
    ),
    # "before their talks": the coordinated subjects are the parties
    (
        "President Adaeze Nwosu, left, and Prime Minister Joao Pereira pose before their talks in Lisbon.",
        [("Adaeze Nwosu", "metWith", "Joao Pereira"), ("Joao Pereira", "metAt", "Lisbon")],
    ),
    # welcomed to a city: a meeting and a visit, the city is no partner
    (
        "President Adaeze Nwosu welcomed Joao Pereira to Abuja on Tuesday.",
        [("Adaeze Nwosu", "metWith", "Joao Pereira"), ("Joao Pereira", "visited", "Abuja")],
    ),
    # a list read as name + apposition + conjunct
    (
        "Chinedu Okafor, Tomas Lindqvist and Aiko Tanaka met in Geneva on Friday.",
        [("Chinedu Okafor", "metWith", "Aiko Tanaka"), ("Chinedu Okafor", "metAt", "Geneva")],
    ),
    # a title as the conjunct: "... and French President X"
    (
        "Peter Holm spoke on Saturday to Indian Prime Minister Arjun Mehta and French President Sophie Laurent.",
        [("Peter Holm", "spokeWith", "Sophie Laurent"), ("Peter Holm", "spokeWith", "Arjun Mehta")],
    ),
    # a surname opening a sentence, read by the model as a common noun
    (
        "Finnish President Aino Virtanen arrived in Riga on Monday. Virtanen later met Latvian Prime Minister "
        "Janis Ozols.",
        [("Aino Virtanen", "metWith", "Janis Ozols"), ("Aino Virtanen", "visited", "Riga")],
    ),
    # a family name written first, then alone
    (
        "Chinese Premier Zhang Hong spoke with Thai Prime Minister Somchai Wong on Monday. Zhang later met "
        "his Thai counterpart in Bangkok.",
        [("Zhang Hong", "metWith", "Somchai Wong"), ("Zhang Hong", "metAt", "Bangkok")],
    ),
    # "let X go", "the release of X by Y" with 'by' on X, a name unknown to the model
    ("Senegal let Chukwuma Eze go on Friday.", [("Senegal", "released", "Chukwuma Eze")]),
    (
        "Amara Diop thanked Karim Sy for helping secure the release of Moussa Ba by Mali.",
        [("Mali", "released", "Moussa Ba")],
    ),
    # a title in an of-phrase before the name; an organization after 'in'
    (
        "The crown prince of Bahrain, Salman Khalifa, arrived in Doha on Monday.",
        [("Salman Khalifa", "affiliatedWith", "Bahrain"), ("Salman Khalifa", "visited", "Doha")],
    ),
    (
        "Dawit Bekele, a commander in Ethiopia's Republican Guard, denied the report.",
        [("Dawit Bekele", "affiliatedWith", "Republican Guard")],
    ),
    (
        "The spokesman for the Chile Foreign Ministry, Ana Rojas, said the visit was postponed.",
        [("Ana Rojas", "affiliatedWith", "Chile")],
    ),
    # places the model missed, found where places stand and in the gazetteer
    ("Maria Santos flew to the capital, Quito, on Monday.", [("Maria Santos", "visited", "Quito")]),
    ("Lucas Ferreira is expected to visit Curitiba in June.", [("Lucas Ferreira", "visited", "Curitiba", "planned")]),
    # a room named first, then the building it is in
    (
        "Sophie Laurent met Arjun Mehta in the Cabinet Room at the White House on Thursday.",
        [("Cabinet Room", "locatedIn", "White House")],
    ),
]


# Repairs found by the held-back challenge passages, each checked here on other names and places.
HELD_BACK_REPAIRS = [
    (
        "Dutch Prime Minister Pieter de Vries (left) greets Belgian King Albert Janssens at Laeken Castle "
        "in Brussels on Friday.",
        [("Pieter de Vries", "metWith", "Albert Janssens"), ("Albert Janssens", "metAt", "Brussels")],
    ),
    (
        "Yusuf Kaya will host Lena Berg and Omar Nasser at a summit in Ankara next month.",
        [("Lena Berg", "metWith", "Yusuf Kaya", "planned"), ("Omar Nasser", "metAt", "Ankara", "planned")],
    ),
    (
        "Lena Berg was received by Yusuf Kaya in Izmir on Monday.",
        [("Lena Berg", "metWith", "Yusuf Kaya"), ("Lena Berg", "visited", "Izmir"), ("Yusuf Kaya", "metAt", "Izmir")],
    ),
    (
        "Kofi Boateng, who heads Ghana's Defence Ministry, said the border would reopen.",
        [("Kofi Boateng", "affiliatedWith", "Ghana")],
    ),
    (
        "Pedro Castillo, who was released by Venezuela on Monday, thanked Lena Berg for mediating.",
        [("Venezuela", "released", "Pedro Castillo")],
    ),
    ("Authorities in Myanmar released Min Aung on Saturday.", [("Myanmar", "released", "Min Aung")]),
    (
        "Yusuf Kaya and Lena Berg were due to meet in Vienna on Friday.",
        [("Lena Berg", "metWith", "Yusuf Kaya", "planned")],
    ),
    ("Pieter de Vries toured a school in Rotterdam on Thursday.", [("Pieter de Vries", "visited", "Rotterdam")]),
    (
        "Yusuf Kaya stopped in Sofia en route to Bucharest.",
        [("Yusuf Kaya", "visited", "Sofia", "occurred"), ("Yusuf Kaya", "visited", "Bucharest", "planned")],
    ),
    ("The talks were held at Laeken Castle, a palace in Brussels.", [("Laeken Castle", "locatedIn", "Brussels")]),
    ("Argentine President Carlos Medina criticized the deal.", [("Carlos Medina", "affiliatedWith", "Argentina")]),
]


def test_denied_conversation_is_not_asserted():
    found = facts("Lena Berg denied that Yusuf Kaya had spoken to Omar Nasser.")
    assert not has(found, "Yusuf Kaya", "spokeWith", "Omar Nasser")


def test_a_capital_named_as_an_actor_stands_for_its_state():
    result = extract_text(
        "Ottawa appears eager to improve relations with Canberra. The envoy arrived in Ottawa on Monday."
    )
    names = {e.name: e for e in result.entities}
    assert "Australia" in names and "Canberra" in names["Australia"].aliases  # relations with Canberra
    assert "Canada" in names and "Ottawa" in names  # the actor is the state; the place stays the city
    assert any("capital-for-state" in m.rule for m in result.merges)


# Repairs found by reading kg's output on real news from other outlets (paraphrased, other names).
REAL_NEWS_REPAIRS = [
    (
        "ISLAMABAD: Foreign Minister Tariq Aziz Khan met Afghan President Noor Rahimi on Monday. A one-on-one "
        "meeting took place at the Arg Palace in Kabul.",
        [("Noor Rahimi", "metWith", "Tariq Aziz Khan"), ("Noor Rahimi", "metAt", "Arg Palace")],
    ),
    (
        "US Secretary of State Mark Ellis met Turkish Foreign Minister Emre Aydin in Brussels.",
        [("Mark Ellis", "affiliatedWith", "United States"), ("Mark Ellis", "metWith", "Emre Aydin")],
    ),
    (
        "A plane carrying three Britons freed by Myanmar landed in London on Tuesday.\n\n"
        "The freed Britons include aid worker Sarah Collins and teacher Tom Hale.",
        [("Myanmar", "released", "Sarah Collins"), ("Myanmar", "released", "Tom Hale")],
    ),
]


def test_codes_that_are_words_are_no_countries():
    result = extract_text("Minister Ali Raza met FM Yusuf Dar and the PM on Friday.")
    assert not [e.name for e in result.entities if e.type == "GPE"]


def test_secretary_of_state_makes_no_organization_and_spellings_merge():
    result = extract_text(
        "Secretary of State Anthony Ruiz met Emre Aydin in Brussels. Later, Antony Ruiz flew to Ankara."
    )
    names = {e.name for e in result.entities}
    assert "State" not in names
    assert len([n for n in names if n.endswith("Ruiz")]) == 1


def test_dateline_places_are_places():
    result = extract_text("DOHA/LONDON (Reuters) -A plane carrying aid landed in Kabul on Tuesday.")
    types = {e.name: e.type for e in result.entities}
    assert types.get("Doha") == "GPE" and types.get("Reuters") != "GPE"


MORE_REAL_NEWS_REPAIRS = [
    # two-letter family names; hosting after "happy to"
    (
        "On Monday, Premier Li Qiang talked to Prime Minister Anna Berg on the phone. Berg said she was happy "
        "to host Li in Stockholm.",
        [("Anna Berg", "spokeWith", "Li Qiang"), ("Anna Berg", "metWith", "Li Qiang")],
    ),
    # "a discussion between A and B": both are parties, whoever reports it
    (
        "The spokesman Omer Celik spoke to reporters about the phone discussion between the Turkish President, "
        "Kemal Arslan and his French counterpart Luc Moreau.",
        [("Kemal Arslan", "spokeWith", "Luc Moreau")],
    ),
    # looking forward to a visit is no visit
    (
        "President Luc Moreau said he looked forward to paying a state visit to Vietnam.",
        [("Luc Moreau", "visited", "Vietnam", "intended")],
    ),
]


def test_an_event_is_no_party_and_a_counterpart_has_the_same_rank():
    found = facts(
        "US President Mark Hill called his Russian counterpart Oleg Petrov. Hill agreed to meet Petrov on the "
        "sidelines of the G-8 Summit. The call came after the meeting between the Secretary of State, Jane Roe, "
        "and his Russian counterpart in Berlin."
    )
    assert not any(f[2] == "G-8 Summit" or f[0] == "G-8 Summit" for f in found)
    assert not has(found, "Jane Roe", "metWith", "Oleg Petrov")
    assert has(found, "Mark Hill", "spokeWith", "Oleg Petrov")


VISIT_NEWS_REPAIRS = [
    # two people share a surname: the one acting in the story
    (
        "Prime Minister Arun Perera arrived in Male on Friday, after being appointed by President Nimal Perera.\n\n"
        "Perera is scheduled to meet President Ibrahim Nasheed on Saturday.",
        [("Arun Perera", "metWith", "Ibrahim Nasheed", "planned")],
    ),
    # several meetings with the holder, not with each other; "PM X" is a person
    (
        "PM Rahman will hold meetings with President Anil Sharma and Vice President Ravi Kumar.",
        [("Rahman", "metWith", "Anil Sharma", "planned"), ("Rahman", "metWith", "Ravi Kumar", "planned")],
    ),
    # arrived for a visit: the visit has begun; left for a place: it lies ahead
    (
        "Prime Minister Sushil Koirala arrived in Dhaka for his three-day visit to Bangladesh on Monday. "
        "On Thursday he left for Thimphu.",
        [("Sushil Koirala", "visited", "Bangladesh", "occurred"), ("Sushil Koirala", "visited", "Thimphu", "planned")],
    ),
]


def test_portfolio_before_a_title_is_no_organization():
    found = facts("External Affairs Minister Vikram Rao met Union Minister Asha Devi in Delhi.")
    assert not any(f[1] == "affiliatedWith" for f in found), found
    assert not has(found, "Vikram Rao", "metWith", "Union")


SUMMIT_NEWS_REPAIRS = [
    # a title-case dateline with a date: the place is where the story was filed, not an actor
    (
        "Ottawa, Nov 19 (Agency): Canadian Prime Minister Claire Roy hosted Chilean President Pablo Soto and "
        "Peruvian President Ana Ruiz at Rideau Hall.",
        [("Claire Roy", "metWith", "Pablo Soto"), ("Pablo Soto", "metAt", "Rideau Hall")],
    ),
    # the list's first name parsed outside the subject; a building typed as a person
    (
        "President Soto, Prime Minister Claire Roy, and President Ana Ruiz met today for talks at Villa Borghese "
        "in Rome, Italy.",
        [("Ana Ruiz", "metWith", "Soto"), ("Claire Roy", "metAt", "Villa Borghese")],
    ),
]


def test_meeting_separately_pairs_no_partners():
    found = facts("On Thursday, President Claire Roy met separately with Pablo Soto and Ana Ruiz.")
    assert has(found, "Claire Roy", "metWith", "Pablo Soto") and not has(found, "Ana Ruiz", "metWith", "Pablo Soto")
    assert not any("Canada" in f for f in found)


def test_a_decree_pardoning_someone_is_a_release_by_its_signer():
    found = facts("Prime Minister Oskar Lind, who leaves office in May, signed a decree pardoning Nils Berg, 58.")
    assert has(found, "Oskar Lind", "released", "Nils Berg")


def test_among_the_prisoners_released_was():
    found = facts(
        "Sweden released four prisoners on Monday.\n\nAmong the four prisoners released this week was "
        "researcher Nils Berg."
    )
    assert has(found, "Sweden", "released", "Nils Berg")


def test_name_heads_after_particles_and_hyphenated_surnames():
    result = extract_text(
        "Moroccan Prime Minister Aziz el-Fassi met Omani Sultan Haitham Al Said. Later, al-Said flew to Muscat."
    )
    names = {e.name for e in result.entities if e.type == "PERSON"}
    assert "Aziz el-Fassi" in names or "Aziz el Fassi" in names
    assert not [n for n in names if n.lower() in {"al-said", "al said"}]  # the surname joined the sultan


def test_spellings_of_one_name_across_articles_merge(tmp_path):
    from kg.pipeline import build

    (tmp_path / "a.txt").write_text("Egyptian President Abdel Fattah el-Sissi met Karl Weber in Cairo.")
    (tmp_path / "b.txt").write_text("President Abdelfatah al-Sisi met Karl Weber in Alexandria.")
    result = build([tmp_path])
    assert len([e for e in result.entities if "sis" in e.name.lower()]) == 1
    assert any("transliteration" in m.rule for m in result.merges)


# Every repair above, one rule per case: the fact must be found (with its status where one is given).
REPAIR_CASES = (
    REPAIRS + HELD_BACK_REPAIRS + REAL_NEWS_REPAIRS + MORE_REAL_NEWS_REPAIRS + VISIT_NEWS_REPAIRS + SUMMIT_NEWS_REPAIRS
)


@pytest.mark.parametrize("text, expected", REPAIR_CASES, ids=[c[0][:40] for c in REPAIR_CASES])
def test_repairs(text, expected):
    found = facts(text)
    for s, p, o, *status in expected:
        assert has(found, s, p, o, *status), (s, p, o, found)
