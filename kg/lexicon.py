"""Word lists of English news style that the rules read: titles, role nouns, trigger words, cues of
modality. They describe how news is written, never a particular story; geography lives in kg.geo."""

from __future__ import annotations

# Words that make a title when they precede or stand in apposition to a name. Lower case.
TITLE_HEADS = frozenset(
    """
    president vice-president premier chancellor minister secretary governor mayor king queen prince princess
    emir sheikh sultan monarch leader ruler ambassador envoy diplomat spokesman spokeswoman spokesperson
    senator congressman congresswoman representative lawmaker legislator chairman chairwoman chair director
    commander general admiral chief head official officer adviser advisor negotiator deputy counselor
    councillor councilor attorney-general prosecutor judge justice speaker dictator strongman pope cardinal
    archbishop patriarch ayatollah consul attaché attache aide representative delegate czar tsar
    coordinator administrator commissioner undersecretary under-secretary viceroy chancellor-elect
    president-elect regent crown sovereign marshal colonel lieutenant major captain counterpart pm fm cm
    """.split()
)
# Title words written before a name that are not offices (stripped from names, give no affiliation).
HONORIFICS = frozenset(
    """
    mr mrs ms miss dr sir dame lord lady madam mister rev reverend hon honorable his her excellency
    mawlawi maulana mullah haji hajji datuk dato shri sri smt herr frau monsieur madame senor senora
    """.split()
)
# Common nouns for people, which an apposition puts beside a name ("X, a journalist detained since...").
PERSON_NOUNS = frozenset(
    """
    journalist reporter correspondent photographer activist dissident citizen national prisoner detainee
    hostage captive student businessman businesswoman lawyer writer author blogger soldier sailor pilot
    tourist academic researcher scholar professor priest nun pastor politician candidate worker veteran
    dual-national athlete player artist musician filmmaker poet doctor nurse engineer executive teacher
    father mother son daughter brother sister husband wife widow man woman teenager marine sergeant corporal
    private conservationist environmentalist
    """.split()
)
# Words naming a minister's portfolio, written before the title ("External Affairs Minister X", "Union
# Minister X"): part of the title, not an organization or a place.
PORTFOLIO_WORDS = frozenset(
    """
    external foreign home internal interior affairs security homeland defense defence finance treasury trade
    commerce health justice energy environment education agriculture labor labour transport culture union
    economy economic development commonwealth information communications public works industry national
    """.split()
)
# Words that qualify a title without changing whom it refers to.
TITLE_MODIFIERS = frozenset(
    """
    former acting interim outgoing incoming then deputy vice foreign defense defence interior finance
    prime top senior chief special presidential supreme state national federal regional first
    """.split()
)
# Head nouns of role phrases that may stand for a person already named ("the Russian leader").
ROLE_NOUNS = frozenset(
    """
    president leader premier chancellor minister governor king queen prince emir sheikh monarch
    ruler envoy ambassador secretary mayor counterpart pope
    """.split()
)
# Roles that name the head of a state or government: "the X leader" may refer to any of them.
HEAD_ROLES = frozenset("president premier chancellor king queen emir sheikh monarch ruler leader prime".split())

# Common nouns that say an entity is a place of some kind ("X, a city in Y", "X is a region of Y").
PLACE_NOUNS = frozenset(
    """
    city town village capital port region province state district county oblast krai republic territory
    island islands peninsula area enclave suburb neighborhood neighbourhood municipality prefecture
    governorate base installation facility airport airbase outpost resort settlement borough hamlet
    metropolis seaport harbor harbour valley
    """.split()
)
# Name endings that make a spaCy FAC/ORG/PERSON span a region (GPE) or a facility (FAC).
REGION_ENDINGS = frozenset(
    "oblast province region county state district krai prefecture governorate territory republic".split()
)
FACILITY_ENDINGS = frozenset(
    """
    base airport airbase palace house hotel center centre hall bridge stadium square embassy consulate
    building office tower camp prison jail complex residence castle cathedral mosque temple church room
    chamber garden lawn fortress fort citadel villa mansion lodge
    """.split()
)
# Name endings that make a span an organization.
ORG_HEADS = frozenset(
    """
    department ministry agency office council commission committee service bureau court party army navy
    guard guards force forces bank fund organization organisation union corps institute university company
    parliament assembly congress senate cabinet government administration police tribunal alliance
    federation league association authority directorate command news times tribune herald gazette press
    television radio network channel magazine journal daily
    """.split()
)

# --- relation triggers (lemmas) ---------------------------------------------------------------------
SPEAK_VERBS = frozenset("speak talk chat confer converse phone telephone call ring".split())
SPEAK_NOUNS = frozenset("call conversation talk talks phone-call phonecall discussion dialogue chat".split())
MEET_VERBS = frozenset("meet host receive welcome greet".split())
MEET_NOUNS = frozenset("meeting summit talks meet encounter tete-a-tete get-together bilateral audience".split())
# Last words of names of events, which are no party to anything ("the G-20 Summit", "the Munich
# Security Conference").
EVENT_NAME_ENDINGS = frozenset(
    "summit meeting conference forum dialogue games olympics championship festival expo ceremony".split()
)
# Nouns that refer back to a meeting already named ("the talks", "the summit").
MEETING_ANAPHORA = frozenset("meeting summit talks gathering encounter".split())
RELEASE_VERBS = frozenset("release free pardon exchange swap repatriate deport".split())
RELEASE_PHRASAL = {("let", "go"), ("hand", "over"), ("set", "free"), ("turn", "over")}
RELEASE_NOUNS = frozenset("release freeing pardon handover repatriation swap exchange".split())
# People freed in a release already reported ("among those freed was X").
RELEASED_ANAPHORA = frozenset("freed released pardoned".split())
TRAVEL_VERBS = frozenset(
    "travel head fly go come return arrive land stop jet journey visit tour drive sail leave depart".split()
)
# Prepositions after a travel verb that introduce the destination, per verb (None: any of TRAVEL_PREPS).
TRAVEL_PREPS = frozenset({"to", "in", "at", "for", "into"})
DEPARTURE_VERBS = frozenset({"leave", "depart"})
VISIT_NOUNS = frozenset("visit trip tour flight journey stop stopover arrival".split())

# --- modality ---------------------------------------------------------------------------------------
# Governing words that make the event planned ("is scheduled to meet", "is expected to meet").
PLANNED_GOVERNORS = frozenset("schedule expect set due slate poise prepare arrange agree".split())
# Governing words that make the event only intended or hoped for.
INTENDED_GOVERNORS = frozenset(
    """
    want hope intend seek wish aim plan consider propose offer desire try invite push urge interest
    interested eager keen willing ready like love pledge vow promise suggest look forward
    """.split()
)
# Governing words that deny the event: nothing is asserted.
NEGATING_GOVERNORS = frozenset(
    """
    refuse decline deny cancel postpone scrap reject fail avoid skip shun snub rule delay drop halt suspend
    call_off deny
    """.split()
)
PLANNED_MODIFIERS = frozenset(
    """
    upcoming forthcoming planned scheduled expected anticipated proposed next future prospective
    impending looming pending coming
    """.split()
)
# Prepositions that place the event after the sentence's own time ("ahead of the summit").
PLANNED_PREPOSITIONS = frozenset({"ahead", "before", "lead-up", "run-up", "eve"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
SPECULATIVE_AUX = frozenset({"could", "might", "may"})
