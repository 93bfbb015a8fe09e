"""locatedIn: a place → the larger place the text says contains it.

"City, Region" (a country, a state or its abbreviation, a region; "X, northern Y", "X city, Y"; a
chain "X, Y, Z"; not a list); "X, a (Russian) city in Y", "X is (a) part of Y", "X, Y's largest base";
"X in Y" for towns, regions and facilities, read from the tree or, where the parser hung "in Y"
elsewhere, from the words; "the Iraqi city of X", "the Crimean ports of X and Y", "the X neighborhood
of Y"; "Y's X", "eastern Y's X region"; "meet in City at Facility"; "the office at the palace".

Nothing is added from the gazetteer alone: every fact has its sentence. The gazetteer only vetoes what
the words cannot mean ("for Moscow, Azerbaijan is ...": Moscow is in no Azerbaijan), and a place
never contains a larger one. "X, a town near Y" says nothing about containment.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg import geo
from kg.annotate import Annotated, country_key
from kg.annotate.mentions import RawMention
from kg.annotate.structure import children_of, is_dateline
from kg.extract.grammar import group, place_objects, prep_objects
from kg.lexicon import FACILITY_ENDINGS, PLACE_NOUNS, TRAVEL_VERBS
from kg.relations import LOCATED_IN
from kg.types import OCCURRED, Relation

TRIGGER_LEMMAS: frozenset[str] = frozenset()  # read from place names and punctuation, not from verbs

# Words for a part of a place by compass or position: "X, northern Y", "in southern Y".
DIRECTION_WORDS = frozenset(
    """
    northern southern eastern western central north south east west northeastern northwestern southeastern
    southwestern north-eastern north-western south-eastern south-western northeast northwest southeast
    southwest upper lower far-eastern
    """.split()
)
# Nouns a name may carry before the comma of its container: "Hasaka city, Syria".
NAME_NOUNS = frozenset("city town village province district county region governorate municipality".split())
# Nouns for a part of a place, which stand for it after 'in': "in Y's countryside", "the outskirts of Y".
PART_NOUNS = frozenset("countryside outskirts suburbs suburb heart part edge interior site grounds".split())
# Nouns that say what kind of place a name is, before 'of' and the name: "the Iraqi city of X", "the
# Pacific nation of X", "the X neighborhood of Y".
TYPE_NOUNS = PLACE_NOUNS | frozenset("nation country kingdom emirate archipelago atoll chain".split())
# "X is (a) part of Y", "X, which is part of Y".
PART_OF = frozenset({"part"})
# Kind nouns whose modifying name is the smaller place: "the X neighborhood of Y", "the X region of Y"
# (other kind nouns take a container as modifier: "the Black Sea port of X", "the Pacific nation of X").
INNER_KIND_NOUNS = frozenset(
    """
    neighborhood neighbourhood district borough suburb quarter region province county governorate oblast
    area enclave village town city municipality prefecture
    """.split()
)
# Names of months and days, which the small model sometimes reads as places ("in March").
CALENDAR_WORDS = frozenset(
    """
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday
    """.split()
)
# Last words of the names of regions, which lie in no city ("the X region in Y city" says where one stood).
REGION_NAME_ENDINGS = frozenset("region province governorate oblast krai territory county prefecture state".split())
# Last words of names of seas and landforms, which a nationality word opens without placing them in
# that country ("Indian Ocean", "Korean Peninsula", "Persian Gulf", "British Virgin Islands").
LANDFORM_WORDS = frozenset(
    "ocean sea gulf bay strait straits channel river lake peninsula mountains desert basin plateau island islands "
    "archipelago canal".split()
)
RANK = {"city": 0, "region": 1, "state": 2, "country": 3}
# US states whose bare name news also writes for a city ("in Washington", "in New York"): "X, <name>"
# names the state unless X lies in the city.
STATE_NAMESAKES = frozenset({"New York", "Washington"})


# --- what the gazetteer rules out ---------------------------------------------------------------------
# Population from which a city is known well enough for its name to veto a country the text gives it.
WELL_KNOWN_CITY = 500_000


def impossible(small: str, big: str, strict: bool = True) -> bool:
    """Can no place named `small` lie in one named `big`? The gazetteer vetoes; it never adds. Not
    `strict`: 'in Washington' is the city."""
    if geo.us_state(big) is not None:
        # "X, Washington": the state, unless X lies in the city; the graph's node of that name is the city
        # ("in Washington" is the city: news writes "in Washington state" for the state)
        return strict and geo.us_state(big) in STATE_NAMESAKES and geo.within_city(small, big) is not True
    country = geo.canonical_country(big)
    if country is not None:
        if geo.us_state(small) is not None:
            return country != "United States"
        # only a well-known city vetoes: a town's name elsewhere does not ('Bali, Indonesia' is no Indian town)
        known = [c for c in geo.cities_named(small) if c.population >= WELL_KNOWN_CITY]
        return bool(known) and country not in {c.country for c in geo.cities_named(small)}
    smalls, bigs = geo.cities_named(small), geo.cities_named(big)
    # "Brussels in March": no city lies in a smaller one
    return bool(smalls and bigs) and max(c.population for c in smalls) > max(c.population for c in bigs)


def bigger(ann: Annotated, small: str, big: str, region_ok: bool = False, strict: bool = True) -> bool:
    """Can `big` contain `small`? Countries lie in no country (but in a region like "the Pacific" when
    `region_ok`); the gazetteer vetoes a wrong order or an impossible pair."""
    if small == big or not ann.is_place(small) or not ann.is_place(big):
        return False
    small_name, big_name = ann.name(small), ann.name(big)
    if big_name.lower() in CALENDAR_WORDS:
        return False
    if geo.is_country(small_name):
        return region_ok and ann.type(big) == "LOC" and geo.lookup_place(big_name) is None
    small_place = geo.lookup_place(small_name)
    big_place = geo.lookup_place(big_name)
    if small_place and big_place and RANK.get(small_place.kind, 0) > RANK.get(big_place.kind, 0):
        return False
    if small_name.split()[-1].lower() in REGION_NAME_ENDINGS and big_place and big_place.kind == "city":
        return False
    return not impossible(small_name, big_name, strict)


def known_place(ann: Annotated, key: str | None) -> bool:
    name = ann.name(key) if key else ""
    return ann.is_place(key) and (geo.lookup_place(name) is not None or geo.us_state(name) is not None)


def located(ann: Annotated, small: str | None, big: str | None, tokens: list[Token], rule: str, conf: float, **kw):
    """The fact, when `big` can contain `small`; else nothing."""
    if small is None or big is None or not bigger(ann, small, big, **kw):
        return []
    return [ann.relation(small, LOCATED_IN.name, big, OCCURRED, tokens, rule, conf)]


# --- which place a word names --------------------------------------------------------------------------
def place_of_adjective(ann: Annotated, tok: Token) -> str | None:
    """'Iraqi' → Iraq; 'Crimean' → the article's place Crimea (a one-word name the adjective extends)."""
    k = ann.country_at(tok)
    if k is not None:
        return k
    word = tok.text
    if not word[:1].isupper() or tok.i in ann.skip:
        return None
    for key, c in ann.clusters.items():
        name = c.name
        extends = word.startswith(name[:-1]) and 0 <= len(word) - len(name) <= 2 and word != name
        if extends and ann.is_place(key) and " " not in name and len(name) >= 5:
            return key
    return None


def place_at(ann: Annotated, tok: Token, possessor: bool = True) -> str | None:
    """The place a phrase names: its own name; for 'Hasaka city', 'the province of Y', "Y's countryside"
    (with `possessor`), the name inside it."""
    k = ann.key(tok)
    if k is not None:
        return k if ann.is_place(k) else None
    if tok.lemma_.lower() not in PLACE_NOUNS | FACILITY_ENDINGS | PART_NOUNS:
        return None
    deps = {"compound", "poss"} if possessor else {"compound"}
    for child in children_of(tok):
        if child.dep_ in deps and ann.is_place(ann.key(child)) and child.i < tok.i:
            return ann.key(child)
    for obj in prep_objects(tok, {"of"}):
        if ann.is_place(ann.key(obj)):
            return ann.key(obj)
    return None


def narrowed(ann: Annotated, tok: Token) -> str | None:
    """The place a container's name names; for 'Iraqi Kurdistan' with the adjective left out of the name,
    the country, which surely contains what lies in that part of the region."""
    k = ann.key(tok)
    if not ann.is_place(k):
        return None
    for child in children_of(tok):
        country = ann.country_at(child) if child.dep_ in {"amod", "compound"} and child.i < tok.i else None
        if country and ann.key(child) != k and not geo.is_country(ann.name(k)):
            return country
    return k


def readable(ann: Annotated, i: int) -> bool:
    """May a place pair be read at this token? Not in a headline or an intertitle; a dateline ("CITY,
    COUNTRY —") states no event but does say where its city lies."""
    return i not in ann.skip or is_dateline(ann.layout, i)


def place_mentions(ann: Annotated, datelines: bool = False) -> list[tuple[str, RawMention]]:
    """(key, mention) of every place named where facts are read (and in datelines, with `datelines`)."""
    return [
        (key, m)
        for key, c in ann.clusters.items()
        if ann.is_place(key)
        for m in c.mentions
        if (readable(ann, m.start) if datelines else m.start not in ann.skip)
    ]


def key_at(ann: Annotated, tok: Token) -> str | None:
    return ann.token_key.get(tok.i) if readable(ann, tok.i) else None


def mention_starts(ann: Annotated) -> dict[int, tuple[str, int]]:
    """Token index where a name starts → (its key, the index after it)."""
    return {m.start: (key, m.end) for key, c in ann.clusters.items() for m in c.mentions if readable(ann, m.start)}


def skip_modifiers(ann: Annotated, j: int, words: frozenset[str]) -> int:
    """The index after 'the' and direction words ('in the southern ...'); not into a name that begins
    with one ('South Korea')."""
    while j < len(ann.doc) and (ann.doc[j].lower_ in words or ann.doc[j].lower_ in DIRECTION_WORDS):
        if ann.doc[j].lower_ in DIRECTION_WORDS and ann.token_key.get(j) is not None:
            break
        j += 1
    return j


def skip_kind(ann: Annotated, j: int) -> int:
    """After 'X, in the separatist region of', the index of the name: up to two modifiers, a place kind
    noun and 'of' (else `j` itself)."""
    k = j
    while k < min(j + 2, len(ann.doc)) and ann.doc[k].dep_ in {"amod", "compound"} and ann.key(ann.doc[k]) is None:
        k += 1
    kind = k < len(ann.doc) and ann.doc[k].lemma_.lower() in PLACE_NOUNS and ann.key(ann.doc[k]) is None
    if kind and k + 1 < len(ann.doc) and ann.doc[k + 1].lower_ == "of":
        return skip_modifiers(ann, k + 2, frozenset({"the"}))
    return j


# --- "City, Region" -----------------------------------------------------------------------------------
def comma_pairs(ann: Annotated) -> list[Relation]:
    """'Dayton, Ohio', 'Chino, Calif.', 'X, northern Y', 'X, in southern Y', 'Hasaka city, Syria', the
    chain 'Omaha, Nebraska, US'; not a list of places ('Paris, London and Berlin')."""
    out = []
    starts = mention_starts(ann)
    for key, m in place_mentions(ann, datelines=True):
        j = m.end + 1 if m.end < len(ann.doc) and ann.doc[m.end].lower_ in NAME_NOUNS else m.end
        if j >= len(ann.doc) or ann.doc[j].text != ",":
            continue
        plain = skip_modifiers(ann, j + 1, frozenset({"in", "the"}))
        j = skip_kind(ann, plain)  # "X, in the breakaway region of Y": the text says what Y is
        if j not in starts or in_list(ann, starts, m.start, *starts[j]):
            continue
        big, big_end = starts[j]
        container = j != plain or containerish(ann, key, big, starts.get(big_end + 1))
        if container and not opens_clause(ann.doc[j:big_end].root):
            tokens = list(ann.doc[m.start : big_end])
            out += located(ann, key, big, tokens, "places.comma.v2", 0.9)
    return out


def containerish(ann: Annotated, small: str, big: str, after: tuple[str, int] | None) -> bool:
    """Can the name after the comma be a container: a country, a state, the gazetteer's region of the
    first, a LOC, or the middle of a chain that ends in a country ('Clark, Pampanga, Philippines')?"""
    name = ann.name(big)
    return (
        geo.is_country(name)
        or geo.us_state(name) is not None
        or geo.containing_place(ann.name(small)) == name
        or ann.type(big) == "LOC"
        or (after is not None and geo.is_country(ann.name(after[0])) and chain(ann, small, big))
    )


def in_list(ann: Annotated, starts: dict[int, tuple[str, int]], first: int, big: str, end: int) -> bool:
    """Is 'A, B' part of a list of places ('A, B and C', 'A, B, C'), not a chain 'city, state, country'?"""
    small = key_at(ann, ann.doc[first])
    after = ann.doc[end : end + 2]
    if any(t.lower_ in {"and", "or", "&"} for t in after):
        return True
    if len(after) == 2 and after[0].text == "," and after[1].i in starts:
        nxt = starts[after[1].i][0]
        return ann.is_place(nxt) and not (chain(ann, small, big) and chain(ann, big, nxt))
    before = ann.doc[max(0, first - 2) : first]
    if len(before) == 2 and before[1].text == ",":
        prev = key_at(ann, before[0])
        return ann.is_place(prev) and not (chain(ann, prev, small) and chain(ann, small, big))
    return False


def chain(ann: Annotated, inner: str | None, outer: str | None) -> bool:
    """'Nebraska, US', 'Clark, Pampanga': the next name is of a larger kind than the one before it (a
    country after a non-country; a state or an unknown region after a city)."""
    if inner is None or outer is None:
        return False
    inner_name, outer_name = ann.name(inner), ann.name(outer)
    if geo.is_country(outer_name):
        return not geo.is_country(inner_name)
    a, b = geo.lookup_place(inner_name), geo.lookup_place(outer_name)
    if geo.us_state(outer_name) is not None or b is None:
        return a is None or a.kind == "city"
    return a is not None and RANK.get(a.kind, 0) < RANK.get(b.kind, 0)


def opens_clause(tok: Token) -> bool:
    """'For Moscow, Azerbaijan is the prize': the name after the comma is a clause's subject."""
    return tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.i > tok.i


# --- "X, a city in Y", "X is part of Y" ---------------------------------------------------------------
def described_places(ann: Annotated) -> list[Relation]:
    """'X, a remote city in Y' / 'X is a region in Y' / "X, Y's largest base" / 'X, the capital of Y' /
    'X, which is (a) part of Y'."""
    out = []
    for key, m in place_mentions(ann):
        head = ann.doc[m.start : m.end].root
        for noun in described_by(head):
            lemma = noun.lemma_.lower()
            if lemma not in PLACE_NOUNS | FACILITY_ENDINGS | PART_OF:  # "X, a palace in Y"
                continue
            for big in containers(ann, noun, lemma in PART_OF):
                tokens = [*ann.doc[m.start : m.end], noun]
                out += located(ann, key, big, tokens, "places.described.v2", 0.85, region_ok=lemma in PART_OF)
    return out


def described_in_words(ann: Annotated) -> list[Relation]:
    """'X, the largest city in northern Y,' read from the words where the parser lost the apposition:
    a name, a comma, a determiner, up to three modifiers, a place noun, 'in' or 'of', then the place."""
    out = []
    starts = mention_starts(ann)
    for i, (small, end) in starts.items():
        j = end + 1
        if j >= len(ann.doc) or ann.doc[end].text != "," or ann.doc[j].lower_ not in {"the", "a", "an"}:
            continue
        k = j + 1
        while k < min(j + 4, len(ann.doc)) and ann.doc[k].lemma_.lower() not in PLACE_NOUNS and ann.doc[k].is_alpha:
            k += 1
        if (
            k + 1 >= len(ann.doc)
            or ann.doc[k].lemma_.lower() not in PLACE_NOUNS
            or ann.doc[k + 1].lower_ not in {"in", "of"}
        ):
            continue
        big = starts.get(skip_modifiers(ann, k + 2, frozenset({"the"})))
        if big is not None and ann.is_place(small):
            out += located(ann, small, big[0], list(ann.doc[i : big[1]]), "places.described.v2", 0.8)
    return out


def trip_stops(ann: Annotated) -> list[Relation]:
    """'travelled to (the north of) Y for meetings in A and B': the towns of the trip lie in the country
    it went to."""
    out = []
    for verb in (t for t in ann.tokens if t.lemma_.lower() in TRAVEL_VERBS and t.i not in ann.skip):
        countries = [k for k in place_objects(ann, verb, {"to"}) if geo.is_country(ann.name(k))]
        purposes = prep_objects(verb, {"for"})
        towns = [k for p in purposes for k in place_objects(ann, p, {"in"}) if not geo.is_country(ann.name(k))]
        for town in towns if len(countries) == 1 else []:
            out += located(ann, town, countries[0], [verb, *purposes], "places.trip-stops.v1", 0.7)
    return out


def buildings_of(ann: Annotated) -> list[Relation]:
    """'the X Stadium of Y', 'the Blue Room of the Y Palace': a building named with 'of' and the town or
    the larger building it belongs to."""
    out = []
    starts = mention_starts(ann)
    for i, (small, end) in starts.items():
        if ann.type(small) != "FAC" or end >= len(ann.doc) or ann.doc[end].lower_ != "of":
            continue
        big = starts.get(skip_modifiers(ann, end + 1, frozenset({"the"})))
        if big is not None:
            out += located(ann, small, big[0], list(ann.doc[i : big[1]]), "places.of-name.v1", 0.8)
    return out


def described_by(head: Token) -> list[Token]:
    """Nouns a sentence says the name is: its appositions, 'X is a ...', 'X, which is a ...'."""
    nouns = [t for t in children_of(head) if t.dep_ == "appos"]
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        nouns += [t for t in children_of(head.head) if t.dep_ == "attr"]
    for clause in (t for t in children_of(head) if t.dep_ == "relcl" and t.lemma_ == "be"):
        if any(s.dep_ == "nsubj" and s.lower_ in {"which", "that"} for s in children_of(clause)):
            nouns += [t for t in children_of(clause) if t.dep_ == "attr"]
    return nouns


def containers(ann: Annotated, noun: Token, of_only: bool = False) -> list[str]:
    out: list[str] = []
    for child in children_of(noun) if not of_only else ():
        if child.dep_ == "poss" and ann.is_place(ann.key(child)):
            out.append(ann.key(child))
        elif child.dep_ == "amod" and (child.ent_type_ == "NORP" or geo.country_of_adjective(child.text)):
            k = ann.country_at(child)
            if k:
                out.append(k)
        elif child.dep_ == "compound" and ann.is_place(ann.key(child)):
            out.append(ann.key(child))
    for obj in prep_objects(noun, {"of"} if of_only else {"in", "of"}):
        k = narrowed(ann, obj)
        if k is not None:
            out.append(k)
        # "in Y's Far North": the region, and Y that contains it
        for g in children_of(obj):
            if g.dep_ == "poss" and ann.is_place(ann.key(g)):
                out.append(ann.key(g))
    return [k for k in dict.fromkeys(out) if k]


# --- "X in Y" -------------------------------------------------------------------------------------------
def in_phrases(ann: Annotated) -> list[Relation]:
    """'Quicken Loans Arena in Cleveland', 'a rally in Irvine', 'the Menagh airport in Y's countryside',
    'the X neighborhood in Y city': a place with 'in Y' hanging on it is in Y."""
    out = []
    for prep in ann.tokens:
        if prep.dep_ != "prep" or prep.lower_ != "in" or prep.i in ann.skip:
            continue
        small = place_at(ann, prep.head, possessor=False)
        # 'the X in A and B' is a name or a region across both, not a place in each
        for obj in (c for c in children_of(prep) if c.dep_ == "pobj" and not coordinated(ann, c)):
            big = narrowed(ann, obj) or place_at(ann, obj)
            out += located(ann, small, big, [prep.head, prep, obj], "places.in.v1", 0.8, strict=False)
    return out


def coordinated(ann: Annotated, obj: Token) -> bool:
    """A name with another after 'and'/'or' (the parser may hang the second one elsewhere)."""
    nxt = obj.right_edge.i + 1
    if obj.conjuncts:
        return True
    if nxt + 1 >= len(ann.doc) or ann.doc[nxt].lower_ not in {"and", "or"}:
        return False
    after = ann.doc[nxt + 1]
    return ann.is_place(ann.key(after)) or (after.lower_ == "the" and ann.is_place(ann.key(after.nbor())))


def in_after_name(ann: Annotated) -> list[Relation]:
    """'a protester in central X Square in Y' with 'in Y' hung on the verb: a name, 'in', a name."""
    out = []
    starts = mention_starts(ann)
    for key, m in place_mentions(ann):
        if m.end >= len(ann.doc) or ann.doc[m.end].lower_ != "in":
            continue
        prep, root = ann.doc[m.end], ann.doc[m.start : m.end].root
        if m.start <= prep.head.i < m.end or root.dep_ not in {"pobj", "appos", "conj"}:
            continue  # the tree says it (in_phrases reads it), or 'recapture X in Y' says where one acts
        if root.dep_ == "pobj" and root.head.lower_ == "from":
            continue  # 'refugees from X in Y' are in Y now
        j = skip_modifiers(ann, m.end + 1, frozenset({"the"}))
        if j in starts:
            big, end = starts[j]
            out += located(ann, key, big, list(ann.doc[m.start : end]), "places.in-words.v1", 0.7, strict=False)
    return out


def nested_preps(ann: Annotated) -> list[Relation]:
    """'meet in City at Facility' / 'in the Office at the Palace': the facility is in the city."""
    out = []
    # only words that govern an "in"/"at" phrase can hold the pattern
    heads = sorted({t.head.i for t in ann.tokens if t.dep_ == "prep" and t.lower_ in {"in", "at", "inside"}})
    for tok in (ann.tokens[i] for i in heads):
        if tok.i in ann.skip:
            continue
        in_objects = prep_objects(tok, {"in"})
        at_objects = prep_objects(tok, {"at"})
        ins = [k for k in (ann.key(o) for o in in_objects) if ann.is_place(k)]
        ats = [k for k in (place_at(ann, o, possessor=False) for o in at_objects) if k]  # "at the site of X"
        for small in ats:
            for big in ins:
                if ann.type(small) == "FAC" and ann.type(big) != "FAC":
                    out += located(ann, small, big, [tok], "places.in-at.v2", 0.7, strict=False)
        # "in the Office at the Palace": a room named first, then the building it is in
        for room in in_objects:
            for building in at_objects:
                small, big = ann.key(room), ann.key(building)
                if room.i < building.i and small and big and ann.type(small) == "FAC" and ann.type(big) == "FAC":
                    out += located(ann, small, big, [tok], "places.room-at.v2", 0.6)
        k = ann.key(tok)
        if ann.is_place(k) and ann.type(k) == "FAC":
            for obj in prep_objects(tok, {"at", "inside"}):
                out += located(ann, k, ann.key(obj), [tok, obj], "places.nested.v2", 0.75)
    return out


# --- "the Iraqi city of X", "the X neighborhood of Y", "Y's X" ----------------------------------------
def of_nouns(ann: Annotated) -> list[Relation]:
    """'the Iraqi city of X', 'the Crimean ports of X and Y', 'the Pacific nation of X': X lies in the
    place the modifier names; 'the X neighborhood of Y', 'the X region of Y': X lies in Y."""
    out = []
    for noun in ann.tokens:
        if noun.lemma_.lower() not in TYPE_NOUNS or noun.i in ann.skip:
            continue
        if ann.key(noun) is not None:  # "the X district of Y" read as one name, "X district"
            out += named_kind_of(ann, noun)
            continue
        objects = prep_objects(noun, {"of"})
        named = [k for o in objects for k in group(ann, o) if ann.is_place(k)]
        out += states_of_the_union(ann, noun, objects, named)
        for child in (c for c in children_of(noun) if c.dep_ in {"amod", "compound", "nmod"} and c.i < noun.i):
            name = ann.key(child)
            modifier = name or place_of_adjective(ann, child)
            if not named or not ann.is_place(modifier):
                continue
            inner = name is not None and noun.lemma_.lower() in INNER_KIND_NOUNS
            for k in named:
                small, big = (modifier, k) if inner else (k, modifier)
                found = located(ann, small, big, [child, noun, *objects], "places.of-noun.v1", 0.85, region_ok=True)
                if not found and name is not None:  # the gazetteer knows the order better
                    found = located(ann, big, small, [child, noun, *objects], "places.of-noun.v1", 0.8)
                out += found
    return out


def states_of_the_union(ann: Annotated, noun: Token, objects: list[Token], named: list[str]) -> list[Relation]:
    """'the western states of X, Y and Z', 'the southern state of X': states the text calls states,
    which the gazetteer knows as states of the United States, lie in it."""
    if noun.lemma_.lower() != "state":
        return []
    union = country_key("United States")
    tokens = [noun, *objects]
    return [
        r
        for k in named
        if geo.is_us_state(ann.name(k))
        for r in located(ann, k, union, tokens, "places.us-state.v1", 0.8)
    ]


def named_kind_of(ann: Annotated, noun: Token) -> list[Relation]:
    """'the X district of Y' where the name ends with its kind noun: X district lies in Y."""
    small = ann.key(noun)
    if noun.lemma_.lower() not in INNER_KIND_NOUNS or not ann.is_place(small):
        return []
    objects = prep_objects(noun, {"of"})
    return [
        r
        for o in objects
        for big in group(ann, o)
        if big != small
        for r in located(ann, small, big, [noun, *objects], "places.of-noun.v1", 0.85)
    ]


def possessives(ann: Annotated) -> list[Relation]:
    """ "California's X County", "eastern Y's X region", "Y's Crimean peninsula": the place in Y."""
    out = []
    for tok in ann.tokens:
        # a possessor the gazetteer knows as a place ("Rosa's Restaurant" is no place in Rosa)
        owners = [c for c in children_of(tok) if c.dep_ == "poss" and known_place(ann, ann.key(c))]
        if not owners or tok.i in ann.skip:
            continue
        small = place_at(ann, tok, possessor=False)
        if small is None and tok.lemma_.lower() in PLACE_NOUNS:
            adjectives = (place_of_adjective(ann, c) for c in children_of(tok) if c.dep_ in {"amod", "compound"})
            small = next((k for k in adjectives if k and ann.clusters.get(k)), None)  # a region, not a country
        for owner in owners:
            out += located(ann, small, ann.key(owner), [owner, tok], "places.possessive.v1", 0.8)
    return out


def name_prefixes(ann: Annotated) -> list[Relation]:
    """'the U.S. East Coast', 'Iraqi Kurdistan', 'the Russian Far East': a region named with its country's
    word lies in that country (not a sea or a landform, not a country or a city of its own name)."""
    out = []
    for key, c in ann.clusters.items():
        if ann.type(key) not in {"LOC", "GPE"} or geo.is_country(c.name):
            continue
        for m in c.mentions:
            if m.end - m.start < 2 or m.start in ann.skip:
                continue
            country, rest = ann.country_at(ann.doc[m.start]), ann.doc[m.start + 1 : m.end]
            if country is None or rest[-1].lower_ in LANDFORM_WORDS or known_name(rest.text):
                continue
            out += located(ann, key, country, list(ann.doc[m.start : m.end]), "places.name-prefix.v1", 0.8)
            break
    return out


def known_name(name: str) -> bool:
    """A country, a US state or a city of this name ('American Samoa', 'Spanish Harlem' are no regions
    of a country named by their first word)."""
    return geo.is_country(name) or geo.us_state(name) is not None or bool(geo.cities_named(name))


def extract(ann: Annotated) -> list[Relation]:
    return (
        comma_pairs(ann)
        + described_places(ann)
        + described_in_words(ann)
        + buildings_of(ann)
        + trip_stops(ann)
        + in_phrases(ann)
        + in_after_name(ann)
        + nested_preps(ann)
        + of_nouns(ann)
        + possessives(ann)
        + name_prefixes(ann)
    )
