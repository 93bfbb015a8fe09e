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
# Military ranks, which glue to a service's name in news style ("Canadian Armed Forces Brigadier General").
MILITARY_RANKS = frozenset(
    "brigadier commodore rear sergeant corporal private lieutenant-colonel lt col gen adm capt maj".split()
)
# Capitalized words that open a title before its head noun ("National Security Correspondent", "Press
# Secretary", "Foreign Minister"): cut from an organization name they are glued to.
TITLE_WORDS_BEFORE_HEAD = frozenset(
    """
    press national security foreign defense defence interior finance chief senior deputy special
    political economic military legal communications intelligence white house rear vice acting general permanent
    """.split()
)
# Words that end no name: a preposition or conjunction the model left at a name's end ("Coalition of").
DANGLING_WORDS = frozenset({"of", "for", "and", "in", "at", "on", "the", "&"})
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
    prime top senior chief special presidential supreme state national federal regional first permanent
    """.split()
)
# Head nouns of role phrases that may stand for a person already named ("the Russian leader").
ROLE_NOUNS = frozenset(
    """
    president leader premier chancellor minister governor king queen prince emir sheikh monarch
    ruler envoy ambassador secretary mayor counterpart pope
    """.split()
)
# US parties by the words news writes for them ("Republican Senator A", "a Democrat from Y", "GOP").
PARTY_WORDS = {
    "republican": "Republican Party",
    "republicans": "Republican Party",
    "gop": "Republican Party",
    "democratic": "Democratic Party",
    "democrat": "Democratic Party",
    "democrats": "Democratic Party",
}
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
# Lower-case nouns that end a name, by the type they give it ("Jorge Chavez airport", "Idlib province",
# "the Smith campaign", "the Russian foreign ministry").
LOWERCASE_FACILITY_HEADS = frozenset(
    """
    camp airport airbase base port cemetery hotel headquarters embassy consulate square stadium palace prison
    jail hospital mosque church cathedral temple bridge dam crossing checkpoint restaurant bar diner estate
    residence compound clinic arena hall
    """.split()
)
LOWERCASE_REGION_HEADS = frozenset("province district county governorate oblast prefecture".split())
LOWERCASE_ORG_HEADS = frozenset("campaign ministry committee".split())
# Words of natural features that end a place's name ("X Island", "Lake X"), never a person's.
LANDFORM_WORDS = frozenset(
    """
    island islands isle river lake mountain mountains mount sea bay gulf valley desert peninsula coast strait
    canal
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
    chamber garden lawn fortress fort citadel villa mansion lodge headquarters diner restaurant arena museum
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

# Nouns of news outlets: a name right after or before one is an outlet's ("German newspaper X", "the X
# daily"), whatever the model read it as.
MEDIA_NOUNS = frozenset("newspaper daily weekly newsweekly magazine tabloid broadcaster".split())

# Days a wire story names without 'on' ("flew to C Monday"); the parser may read C as the day's modifier.
DAY_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday".split())

# Phrases that give another name of what was just named ("X, also known as Y"); longest first.
ALIAS_PHRASES = (
    "also known as",
    "better known as",
    "otherwise known as",
    "formerly known as",
    "known locally as",
    "also called",
    "a.k.a.",
    "aka",
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
# Verbs of freeing someone (deporting someone expels them and frees no one: CAMEO 174, not 0841).
RELEASE_VERBS = frozenset("release free pardon exchange swap repatriate".split())
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
# Governing words that make the event planned ("is scheduled to meet", "is expected to meet", "plans to visit").
PLANNED_GOVERNORS = frozenset("schedule expect set due slate poise prepare arrange agree plan".split())
# Governing words that make the event only intended or hoped for.
INTENDED_GOVERNORS = frozenset(
    """
    want hope intend seek wish aim consider propose offer desire try invite push urge interest
    interested eager keen willing ready like love pledge vow promise suggest look forward suppose
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

# --- names and where they stand (read by kg.annotate) -------------------------------------------------
# Words that make a facility when they open its name ("Villa X", "Camp X", "Fort X").
FACILITY_FIRST_WORDS = frozenset({"villa", "palace", "hotel", "castle", "camp", "fort", "citadel", "schloss"})
# Lower-case particles inside names: "Pieter de Vries", "Ahmed bin Ali", "Maria da Silva".
NAME_PARTICLES = frozenset("de da di do dos das del della van von der den du la le bin ben al el ibn".split())
# Two-letter capitalized words that are no names.
SHORT_WORDS = frozenset("he me we us it mr ms dr st no so an at by in of on or to up as if is do go my oh ok".split())
# Prepositions after which a name stands as a place ("in X", "from X", "toward X").
LOCATIVE_PREPS = frozenset({"in", "at", "to", "from", "near", "into", "outside", "inside", "toward", "towards"})
# Verbs whose subject is a person rather than an organization or a place: one travels, shakes hands,
# poses, phones. (Organizations "say" and "meet" too, so those do not count.)
PERSONAL_VERBS = frozenset(
    """
    fly travel arrive land shake pose smile wave phone telephone greet hug embrace jet sit stand walk visit
    thank
    """.split()
)
# Words after which 'to X' is a destination ("flew to X", "a trip to X", "welcomed A to X").
DESTINATION_WORDS = TRAVEL_VERBS | VISIT_NOUNS | frozenset({"welcome", "return", "head", "move", "go", "come"})
# Verbs whose object is a person: one welcomes, greets, hugs someone.
PERSONAL_OBJECT_VERBS = frozenset("welcome greet hug embrace congratulate phone telephone".split())
# Words a photo caption puts after a person's name: "A, left, shakes hands with B".
CAPTION_POSITIONS = frozenset({"left", "right", "center", "centre", "second", "front", "back", "top"})
# Verbs of meeting and talking: one who does them with a person is a person (or a state, which the
# gazetteer knows, or an organization, whose name has an organization word).
PERSON_TO_PERSON_VERBS = frozenset("meet host receive welcome greet talk speak phone telephone call hug".split())
# Nouns of relations between states: "relations with X", "talks between X and Y".
STATE_RELATION_NOUNS = frozenset(
    "relations ties talks dialogue contacts negotiations rapprochement cooperation tensions rift".split()
)
# Third-person pronouns that may stand for a person named before, by their grammatical use.
PERSONAL_PRONOUNS = {"he": "subj", "she": "subj", "him": "obj", "her": "poss", "his": "poss", "hers": "poss"}
# Pronouns that open a relative clause ("A, who was freed by B").
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# Nouns for a state's organs that act for it ("Syrian authorities", "Iran's government").
GOVERNMENT_NOUNS = frozenset(
    """
    authorities government officials forces police troops regime administration military army court courts
    prosecutors guards ministry leadership junta judiciary
    """.split()
)
# Verbs whose object is a meeting or call someone holds ("held talks with", "had a call with").
LIGHT_VERBS = frozenset({"hold", "have", "conduct", "host", "attend", "join", "arrange", "seek", "request", "pay"})
# Verbs that say where an event named by their subject takes place ("the talks will start at C").
EVENT_PLACE_VERBS = frozenset(
    "start begin take happen occur open convene resume continue end be schedule hold set plan expect place".split()
)
# Plural nouns for a pair of parties named just before ("the two leaders met").
PAIR_NOUNS = frozenset({"leaders", "men", "women", "presidents", "ministers", "sides", "heads", "officials"})
# Words that make a phrase a pair ("the two", "both").
PAIR_WORDS = frozenset({"two", "both"})
# Adverbs that split one verb into several meetings, each with the subject ("met A and B separately").
SEPARATE_WORDS = frozenset({"separately", "individually", "respectively"})
# Verbs a photo caption uses for people meeting ("A (left) greets B").
CAPTION_VERBS = frozenset("greet shake meet talk speak pose embrace welcome hug chat".split())
# Verbs of crediting someone: "A was thanked for the release of B" makes A the releaser.
THANK_VERBS = frozenset({"thank", "credit", "praise", "applaud", "commend", "congratulate"})
# Words for a group of people already named ("among those freed was B").
GROUP_HEADS = frozenset({"those", "them", "people", "prisoners", "detainees", "captives", "hostages", "others"})
# Travel verbs whose destination follows 'in'/'at' ("arrived in C", "stopped in C").
ARRIVAL_VERBS = frozenset({"arrive", "land", "stop"})
# Travel verbs whose object is the place ("visited C", "toured C").
VISIT_VERBS = frozenset({"visit", "tour"})
# "A, who heads/leads/runs Y": A serves Y.
LEAD_VERBS = frozenset({"head", "lead", "run", "chair", "direct", "command", "govern", "rule"})
# Verbs that link a subject to anything without an interaction of their own.
LINKING_VERBS = frozenset({"be", "have", "say", "do", "make", "become", "include"})
