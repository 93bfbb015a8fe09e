"""affiliatedWith: a person → the country or organization they lead, serve or represent, read from
titles: before the name ("Y's Prime Minister A", "Elysee spokesman A", "Chilean President A", "U.N. human
rights spokesman A"), in apposition after it ("A, the foreign minister of Y"; "A, a senior analyst with
B"; "A, a Republican from Y") or before it ("the crown prince of the Emirates, A"), as a predicate ("A is
the country's envoy", "A was named the U.S. ambassador"), the taking of an office ("his appointment as Y's
envoy"), a relative clause of leading or working ("A, who heads Y's ministry"; "A, who works for B"), and
role phrases ("the U.S. president"). Without a title:
"B's A" and "A of B" for an organization B, "B, led by A", "A's party, B", the US party-state tag ("Sen.
A, R-Ohio") and lists paired by position ("the presidents of X and Y, A and B, respectively"). Beside the
sentences: photo credits ("(B Photo/A)") and a statement's signature, the lines under its title that name
who gives it ("A, Department Spokesperson" / "Y Department of State").

trigger (a person's name, or a role phrase) → frame (the title words around it: TITLE_PATTERNS and the
functions below) → emit. The title noun is kept in Relation.verb.

Three kinds of title words, which admit different owners (`kind_of`):
- offices (kg.lexicon.TITLE_HEADS: "minister", "spokesman", "general"): a country, an organization or a
  party ("Russian President A", "NATO spokesman A");
- professions and posts ("analyst", "researcher", "editor", "member"): an organization only; a country or
  nationality beside them is a beat or a birthplace ("an American journalist", "a senior Iraq
  researcher");
- candidacies ("candidate", "nominee"): a party or organization only ("Republican presidential candidate
  A" is no affiliation with the United States).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from kg import geo
from kg.annotate import ORG_PREFIX, ROLE, Annotated, country_key, org_key
from kg.annotate.structure import children_of, doc_text, in_signature
from kg.extract.matching import arguments, path
from kg.lexicon import HONORIFICS, LEAD_VERBS, MEDIA_NOUNS, ORG_HEADS, PARTY_WORDS, TITLE_HEADS, TITLE_MODIFIERS
from kg.relations import AFFILIATED_WITH
from kg.types import OCCURRED, Evidence, Relation
from kg.zones import photo_credits

TRIGGER_LEMMAS = LEAD_VERBS
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
STATES_AND_ORGS = frozenset({"GPE", "ORG"})
OFFICE, PROFESSION, CANDIDACY = "office", "profession", "candidacy"
# Professions and posts: with an organization named beside them they make an affiliation ("a researcher
# at B", "B's correspondent A", "a member of B"); alone, or with a country, they do not.
PROFESSION_NOUNS = frozenset(
    """
    analyst researcher scholar fellow professor lecturer scientist economist expert specialist strategist
    journalist reporter correspondent editor editor-in-chief columnist commentator anchor producer
    photographer lawyer attorney founder co-founder cofounder member associate staffer employee volunteer
    activist organizer campaigner worker doctor nurse teacher engineer executive manager partner consultant
    instructor advocate figure colleague provost dean rector principal pastor priest rabbi imam bishop
    detective agent medic pilot soldier veteran reservist fighter militant operative investigator trustee
    ceo cfo
    """.split()
)
# Journalists' titles: an organization written before them is often their beat ("White House
# correspondent A"), so only a possessive ("B's correspondent A") or a phrase after them names the employer.
BEAT_NOUNS = frozenset("correspondent reporter editor columnist anchor producer photographer writer".split())
# Candidacies: a party (or organization) is their owner, never a country.
CANDIDACY_NOUNS = frozenset("candidate nominee front-runner frontrunner contender hopeful challenger".split())
# Ranks and offices written abbreviated before a name ("Sen. A", "Gov. A", "Lt. Col. A").
TITLE_ABBREVIATIONS = {
    "gov.": "governor",
    "sen.": "senator",
    "rep.": "representative",
    "gen.": "general",
    "lt.": "lieutenant",
    "col.": "colonel",
    "capt.": "captain",
    "adm.": "admiral",
    "sgt.": "sergeant",
    "maj.": "major",
    "cmdr.": "commander",
    "brig.": "brigadier",
    "amb.": "ambassador",
    "supt.": "superintendent",
    "insp.": "inspector",
    "cpl.": "corporal",
}
# Ranks of armed and police forces: offices, like the titles of the lexicon.
RANKS = frozenset(
    "brigadier sergeant corporal trooper superintendent inspector constable sheriff mp mep mediator".split()
)
# Armed forces named before a rank ("Air Force Lt. Col. A", "U.S. Navy Capt. A").
ARMED_FORCES = frozenset({"force", "army", "navy", "marines", "corps", "guard"})
# An acronym ("ICE", "U.N.", "NATO"): capitals, perhaps with dots.
ACRONYM = re.compile(r"^(?:[A-Z]\.){2,4}$|^[A-Z]{2,6}$")
# Envoys: a country or organization written right before the title, after the sender, is where they are
# posted ("Russia's U.N. ambassador A" serves Russia; "the U.S. Syria envoy" serves the United States).
ENVOY_TITLES = frozenset({"ambassador", "envoy", "emissary", "mediator"})
# The party letter of the US party-state tag after a lawmaker's name ("Sen. A, R-Fla."; I is independent).
PARTY_TAGS = {"R": "Republican Party", "D": "Democratic Party", "I": None}
DASHES = frozenset({"-", "\u2013", "\u2014"})
# A title's suffix after a hyphen: the office to be taken ("President-elect A", "Prime Minister-designate A").
TITLE_SUFFIXES = frozenset({"elect", "designate"})
# Prepositions inside a title before a name ("Minister of the Interior A", "Ambassador to the U.N. A").
TITLE_PREPS = frozenset({"of", "for", "to"})
# Brackets inside a title: an acronym ("U.N. refugee agency (UNHCR) spokesman"), an editor's insertion.
BRACKETS = frozenset({"(", ")", "[", "]"})
# Federal lawmakers: with a US party or a party-state tag they serve the United States.
LAWMAKER_TITLES = frozenset("senator congressman congresswoman representative lawmaker legislator".split())
# Prefixes that turn a nationality into a stance ("pro-Russian president A" is no Russian official).
STANCE_PREFIXES = frozenset({"pro", "anti", "non"})
# Words of the names of a state's organs: who serves "the Y Defense Ministry" or "the Y Navy" serves Y.
STATE_ORGANS = frozenset(
    """
    ministry department army navy force forces fleet military police guard guards gendarmerie parliament
    government cabinet embassy consulate mission senate congress duma assembly legislature corps command
    administration presidency directorate marines court judiciary treasury
    """.split()
)
# Words that make a country's "forces" or "army" an armed group against its state ("Syrian Democratic
# Forces", "Free Syrian Army").
NON_STATE_WORDS = frozenset({"democratic", "free", "opposition", "rebel", "rebels", "resistance"})
# Last words of the names of institutions that the NER may take for buildings: who holds a post "at the
# X Center" or is "Y's senior minister" at "Y Memorial Church" works for the institution.
INSTITUTION_ENDINGS = frozenset(
    """
    church cathedral mosque temple synagogue hospital clinic school university college academy museum
    center centre institute library seminary house
    """.split()
)
# Seats and bodies whose name stands for a national government, as news writes them ("the White House
# said", "a Kremlin spokesman"): who serves them serves the country (named by its adjective).
SEATS_OF_GOVERNMENT = {
    "white house": "American",
    "pentagon": "American",
    "joint chiefs of staff": "American",
    "kremlin": "Russian",
    "elysee": "French",
    "elysee palace": "French",
    "downing street": "British",
    "blue house": "South Korean",
    "zhongnanhai": "Chinese",
}
# Offices whose name alone says the country in English news ("Secretary of State A" before a name is the
# US office), read when the title names no owner; the country by its adjective.
NATIONAL_OFFICES = {
    "secretary of state": "American",
    "secretary of defense": "American",
    "director of national intelligence": "American",
    "homeland security secretary": "American",
    "secretary of homeland security": "American",
}
# Title words, the owner after them: "minister of Y", "spokesman for the Ministry", "a commander in Y's
# Guard", "an analyst with B" (for, at, in, with: organizations only; "ambassador to Y" is whom the envoy is
# sent to).
TITLE_PATTERNS = {"owner": [path(("prep", ["of", "for", "at", "to", "in", "with"]), ("pobj", None))]}
# Words left of a title that may name its owner ("the Russian Foreign Minister", "Y's envoy").
OWNER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "case"})
# Verbs whose object is a title ("A was named the U.S. ambassador", "A, who served as a special adviser").
NAMING_VERBS = frozenset({"name", "appoint", "elect", "nominate", "choose", "select", "confirm", "make", "install"})
SERVING_VERBS = frozenset({"serve", "work"})
# Verbs of leading written after the organization led ("B, led by A", "B, founded by A").
LED_BY_VERBS = LEAD_VERBS | frozenset({"found", "co-found", "cofound", "chair"})
# Nouns for the government a person leads ("A's government in B").
GOVERNMENT_WORDS = frozenset({"government", "administration", "regime", "cabinet", "junta"})
# Nouns for what a person leads or belongs to, written "A's party, B" ("his movement, B").
# Nouns of taking an office: "A's appointment as Y's envoy", "his election as president of Y" (not a
# nomination or a candidacy: that office is not held yet).
TAKING_OFFICE_NOUNS = frozenset(
    "appointment election re-election reelection confirmation designation inauguration installation".split()
)
# Words that make the taking of an office uncertain: "his possible appointment as envoy".
HEDGES = frozenset("possible potential expected likely rumored rumoured proposed planned prospective".split())
OWNED_NOUNS = frozenset("party movement campaign company firm group organization foundation bloc coalition".split())


def country_of(adjective: str) -> str:
    """The key of the country a nationality adjective names ("American" → the United States)."""
    return country_key(geo.country_of_adjective(adjective) or adjective)


def affiliation(
    ann: Annotated, person: str, target: str, tokens: list[Token], rule: str, confidence: float, title: str | None
) -> Relation:
    """person affiliatedWith target, as stated (titles are facts, never plans); the title noun as verb."""
    return ann.relation(person, AFFILIATED_WITH.name, target, OCCURRED, tokens, rule, confidence, verb=title)


# --- title words --------------------------------------------------------------------------------------
def title_word(tok: Token) -> str:
    """The title a word writes, abbreviations spelled out ("Sen." → senator; "Col" before a full stop)."""
    dotted = tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "."
    return TITLE_ABBREVIATIONS.get(tok.lower_ + "." if dotted else tok.lower_, tok.lower_)


def kind_of(tok: Token) -> str | None:
    """Which kind of title a word is: an office, a profession or post, a candidacy; None if no title."""
    words = {title_word(tok), tok.lemma_.lower()}
    if words & (TITLE_HEADS | RANKS):
        return OFFICE
    if words & PROFESSION_NOUNS:
        return PROFESSION
    if words & CANDIDACY_NOUNS:
        return CANDIDACY
    return None


def title_noun(tokens: list[Token]) -> Token | None:
    heads = [t for t in tokens if kind_of(t) is not None]
    return heads[-1] if heads else None


def party_of(ann: Annotated, tok: Token) -> str | None:
    """The US party a word names ("Republican", "Democrats", "GOP"): the article's own entity of that
    name, else the party's name. A party word inside another name ("Republican Guard", "Democratic
    Republic of Congo", "Social Democratic Party") names no US party."""
    name = PARTY_WORDS.get(tok.lower_) if tok.text[:1].isupper() else None
    if name is None:
        return None
    k = ann.key(tok)
    if k is not None:
        return party_entity(ann, k, tok, name)
    before, after = ann.doc[tok.i - 1] if tok.i else None, ann.doc[tok.i + 1] if tok.i + 1 < len(ann.doc) else None
    inside = [t for t in (before, after) if t is not None and t.text[:1].isupper() and t.is_alpha and not ann.key(t)]
    if any(kind_of(t) is None and t.lower_ not in TITLE_MODIFIERS for t in inside):
        return None
    return org_key(name)


def party_entity(ann: Annotated, key: str, tok: Token, name: str) -> str | None:
    """The party for a party word inside a name: the name itself if it is the party's ("Republicans"), the
    party if the word was glued onto a place ("Republican New York State"), else none."""
    words = ann.name(key).split()
    if PARTY_WORDS.get(words[0].lower()) != name or words[0] != tok.text:
        return None
    if ann.type(key) == "ORG":
        return key
    glued = not key.startswith("country:") and any(
        geo.lookup_place(" ".join(words[1:n])) for n in range(len(words), 2, -1)
    )
    return org_key(name) if glued else None


def is_title_glue(ann: Annotated, key: str) -> bool:
    """An 'organization' that is a title read as a name ("National Security Correspondent"): no owner."""
    words = ann.name(key).split()
    return ann.type(key) == "ORG" and not key.startswith(ORG_PREFIX) and bool(words) and kind_of_word(words[-1])


def kind_of_word(word: str) -> bool:
    w = word.lower()
    titles = TITLE_HEADS | RANKS | PROFESSION_NOUNS | CANDIDACY_NOUNS
    return w in titles or w in TITLE_ABBREVIATIONS or w + "." in TITLE_ABBREVIATIONS


def admits(ann: Annotated, key: str, kind: str) -> bool:
    """Whether a title of this kind can be held for this entity."""
    if key.startswith(ORG_PREFIX):
        return True
    if kind == OFFICE and seat_country(ann, key):
        return True
    if is_organization(ann, key):
        return True
    return kind == OFFICE and ann.type(key) == "GPE"


def is_organization(ann: Annotated, key: str) -> bool:
    """An organization, or an institution whose name looks like a building ("X Memorial Church", "the X
    Center"): an employer either way. Not a title read as a name."""
    if ann.type(key) == "FAC":
        return ann.name(key).split()[-1].lower() in INSTITUTION_ENDINGS
    return ann.type(key) == "ORG" and not is_title_glue(ann, key)


def seat_country(ann: Annotated, key: str) -> str | None:
    """The country whose government a seat's name stands for ("White House spokesman")."""
    adjective = SEATS_OF_GOVERNMENT.get(geo.norm(ann.name(key)))
    return geo.country_of_adjective(adjective) if adjective else None


def is_stance(ann: Annotated, tok: Token) -> bool:
    """'pro-Russian', 'anti-American': a nationality word after a stance prefix."""
    i = tok.i
    return i >= 2 and ann.tokens[i - 1].text in DASHES and ann.tokens[i - 2].lower_ in STANCE_PREFIXES


def is_nationality(ann: Annotated, tok: Token) -> bool:
    return (tok.ent_type_ == "NORP" or tok.i in ann.adjective_country) and not is_stance(ann, tok)


def targets_in(ann: Annotated, tokens: list[Token], person: str, kind: str) -> list[tuple[str, Token]]:
    """Countries, organizations and parties named among title words: names, nationality adjectives,
    party words; with the token that names each."""
    out: dict[str, Token] = {}
    for tok in tokens:
        k = ann.key(tok)
        if k is not None and ann.type(k) == ROLE:  # a word of a role phrase: "A was named the U.S. envoy"
            k = ann.clusters[k].role_of if kind_of(tok) is None else None
        party = party_of(ann, tok)
        if party is not None:
            out.setdefault(party, tok)
        elif k is not None and k != person and admits(ann, k, kind):
            out.setdefault(k, tok)
        elif k is None and kind == OFFICE and is_nationality(ann, tok):
            country = ann.country_at(tok)
            if country:
                out.setdefault(country, tok)
    return list(out.items())


def its_owner(ann: Annotated, title: Token, kind: str) -> list[tuple[str, Token]]:
    """'the group and its leader, A': 'its' stands for the nearest organization (or, for an office, country)
    named before it in the sentence."""
    its = next((c for c in children_of(title) if c.dep_ == "poss" and c.lower_ == "its"), None)
    if its is None:
        return []
    for tok in reversed(ann.doc[title.sent.start : its.i]):
        k = ann.key(tok)
        if k is not None and admits(ann, k, kind) and not k.startswith(ORG_PREFIX):
            return [(k, tok)]
    return []


def without_posting(ann: Annotated, found: list[tuple[str, Token]], title: Token) -> list[str]:
    """The owners of a title: for an envoy, not the place of posting (the owner written right before the
    title after another: "Russia's U.N. ambassador"); for the post of a party, company or group, not the
    country it belongs to ("Y's Labour Party leader A", "Y's state oil company chief A")."""
    found = list(found)
    if title_word(title) in ENVOY_TITLES and len(found) > 1:
        last = max(found, key=lambda kt: kt[1].i)
        if last[1].i < title.i and all(t.i < last[1].i for k, t in found if k != last[0]):
            found.remove(last)
    groups = [t.i for k, t in found if ann.type(k) == "ORG" and not is_state_organ(ann, k)]
    if groups:
        found = [(k, t) for k, t in found if ann.type(k) != "GPE" or t.i > min(groups)]
    return [k for k, _ in found]


def is_state_organ(ann: Annotated, key: str) -> bool:
    """A ministry, army, parliament or seat of a country's government ('the Y Defense Ministry')."""
    words = {w.lower() for w in ann.name(key).split()}
    return bool(seat_country(ann, key) or (STATE_ORGANS & words and not NON_STATE_WORDS & words))


def of_targets(ann: Annotated, owners: list[Token], person: str, kind: str) -> list[str]:
    """The owner named after a title ('minister of Y', 'an analyst with B', 'editor with B's service',
    'chief of staff of B'); after 'for', 'at', 'in', 'with' only an organization (after 'for': one whose
    name says so)."""
    out: list[str] = []
    for obj in owners:
        prep = obj.head.lower_
        inner = ann.entity_in(obj)
        for k in [inner] if inner is not None else owners_inside(ann, obj, person, kind):
            if k == person or not admits(ann, k, kind) or (kind == CANDIDACY and prep == "for"):
                continue  # "a candidate for the Senate" is not yet in it
            org = is_organization(ann, k)
            named_org = org and ann.name(k).split()[-1].lower() in ORG_HEADS
            if (prep == "of" and kind == OFFICE) or (prep in {"with", "at", "of", "in"} and org) or named_org:
                out.append(k)
    return out


def owners_inside(ann: Annotated, obj: Token, person: str, kind: str) -> list[str]:
    """The owners a common noun after a title names: 'with B's Somali service', 'of the German parliament's
    committee', 'chief of staff of B', 'head of the committee of B'."""
    if obj.pos_ != "NOUN":
        return []
    left = [t for c in children_of(obj) if c.dep_ in OWNER_DEPS and c.i < obj.i for t in c.subtree]
    found = [k for k, _ in targets_in(ann, left, person, kind)]
    return found + [k for g in prep_objects(obj, "of") if (k := ann.entity_in(g)) is not None]


def left_title(ann: Annotated, start: int) -> list[Token]:
    """The title words written right before a name: 'U.S. Special Envoy', "Y's Prime Minister", 'U.N.
    human rights spokesman', 'U.N. refugee agency (UNHCR) spokesman', '[Y Prime Minister]'."""
    i = start - 1
    words: list[Token] = []
    while i >= 0:
        tok = ann.tokens[i]
        if "\n" in tok.text or tok.is_space or tok.i in ann.skip or not is_title_part(ann, tok, words, start):
            break
        words.insert(0, tok)
        i -= 1
    while words and (words[0].text in BRACKETS or words[0].text in DASHES):
        words.pop(0)
    return after_outlet(ann, words)


def after_outlet(ann: Annotated, words: list[Token]) -> list[Token]:
    """'with newspaper X Omani foreign minister A' (a comma left out): the outlet named after its kind,
    before another owner of the title, is what the clause before speaks of ('magazine X editor A' is
    X's editor)."""
    cut = [n for n, w in enumerate(words) if w.i > 0 and ann.tokens[w.i - 1].lower_ in MEDIA_NOUNS]
    if not cut:
        return words
    outlet = ann.key(words[cut[-1]])
    rest = [w for w in words[cut[-1] + 1 :] if outlet is None or ann.key(w) != outlet]
    return rest if any(ann.country_at(w) for w in rest) else words


def is_title_part(ann: Annotated, tok: Token, words: list[Token], start: int) -> bool:
    k = ann.key(tok)
    return (
        (tok.lower_ in TITLE_PREPS and tok.i > 0 and kind_of(ann.tokens[tok.i - 1]) is not None and bool(words))
        or (tok.lower_ == "the" and tok.i > 1 and ann.tokens[tok.i - 1].lower_ in TITLE_PREPS and bool(words))
        or kind_of(tok) is not None
        or tok.lower_ in TITLE_MODIFIERS
        or tok.lower_.rstrip(".") in HONORIFICS
        or tok.text in POSSESSIVE
        or tok.text in DASHES
        or (tok.lower_ in TITLE_SUFFIXES and tok.i > 0 and ann.tokens[tok.i - 1].text in DASHES)
        or tok.text in BRACKETS
        or (tok.text == "." and tok.i > 0 and ann.tokens[tok.i - 1].lower_ + "." in TITLE_ABBREVIATIONS)
        or (k is not None and ann.type(k) in STATES_AND_ORGS)
        or tok.ent_type_ == "NORP"
        or (tok.pos_ in {"PROPN", "ADJ", "NOUN"} and tok.text[:1].isupper() and tok.i > 0)
        or is_title_modifier(tok, words, start)
    )


def bracketed(words: list[Token], n: int) -> bool:
    return any(w.text in {"(", "["} for w in words[:n]) and any(w.text in {")", "]"} for w in words[n + 1 :])


def is_title_modifier(tok: Token, words: list[Token], start: int) -> bool:
    """A lower-case word of a title's compound ('U.N. human rights spokesman', 'Dallas police sergeant'):
    it modifies a word to its right, and the words between it and the title are lower-case too."""
    if tok.pos_ not in {"ADJ", "NOUN"} or not tok.is_lower or not words:
        return False
    after = next((w for n, w in enumerate(words) if w.is_alpha and not bracketed(words, n)), None)
    modifies = tok.i < tok.head.i <= start + 3
    return modifies and after is not None and (after.is_lower or kind_of(after) is not None)


# --- one rule per way of writing a title ------------------------------------------------------------
def title_before(ann: Annotated, person: str, name: list[Token]) -> list[Relation]:
    """'Y's Prime Minister A', 'Chilean President A', 'U.N. human rights spokesman A', 'President A of Y',
    'analyst A with B'."""
    words = left_title(ann, name[0].i)
    title = title_noun(words)
    if title is None:
        return []
    kind = kind_of(title) or OFFICE
    keys, found = title_owners(ann, person, words, title)
    out = [
        affiliation(ann, person, target, [*words, *name], "roles.title-before.v2", 0.9, title_word(title))
        for target in keys
    ]
    head = ann.doc[name[0].i : name[-1].i + 1].root
    for prep in (c for c in children_of(head) if c.dep_ == "prep" and c.lower_ in {"of", "with", "at"}):
        for obj in (g for g in children_of(prep) if g.dep_ == "pobj"):
            target = ann.key(obj)
            if target is None or target == person or not admits(ann, target, kind):
                continue
            if prep.lower_ == "at" and kind != PROFESSION:
                continue  # "hosted Minister A at the B": where they met ("Professor A at B" works there)
            # "Senator A of Y" (a place: right after the name; "A, of Chicago," is a home town)
            if (prep.lower_ == "of" and prep.i == name[-1].i + 1) or is_organization(ann, target):
                tokens = [*words, *name, obj]
                out.append(affiliation(ann, person, target, tokens, "roles.title-of.v2", 0.85, title_word(title)))
    return out + lawmaker_country(ann, person, [*words, *name], title, [k for k, _ in found])


def title_owners(
    ann: Annotated, person: str, words: list[Token], title: Token
) -> tuple[list[str], list[tuple[str, Token]]]:
    """Whom the title `words` say their holder serves (the keys), and the owners named among them (with
    their tokens): not an envoy's posting, nor a journalist's beat; an office whose name says its country."""
    kind = kind_of(title) or OFFICE
    # "Ambassador to the U.N. A", "U.N. mediator for Y A": the envoy's posting
    posting = {"to", "for"} if title_word(title) in ENVOY_TITLES else {"to"}
    posted = next((t.i for t in words if t.lower_ in posting and t.i > title.i), None)
    owned = [t for t in beat_free(words, title) if posted is None or t.i < posted]
    found = targets_in(ann, owned, person, kind)
    return without_posting(ann, found, title) or national_office(words) or unnamed_owner(owned, title), found


def title_of_before(ann: Annotated, person: str, name: list[Token]) -> list[Relation]:
    """'the governor of the Y Central Bank, Dr. A': a title's of-phrase, a comma, the name (read
    from the words: the parser often hangs the name elsewhere in a list)."""
    i = name[0].i - len(left_title(ann, name[0].i)) - 1
    if i < 3 or ann.tokens[i].text != ",":
        return []
    owner = ann.key(ann.tokens[i - 1])
    if owner is None or not admits(ann, owner, OFFICE):
        return []
    j = i - 1
    while j > 0 and ann.key(ann.tokens[j - 1]) == owner:
        j -= 1
    j -= 1 if ann.tokens[j - 1].lower_ == "the" else 0
    title = ann.tokens[j - 2] if j >= 2 and ann.tokens[j - 1].lower_ == "of" else None
    if title is None or kind_of(title) != OFFICE or names_other_person(ann, title, person):
        return []
    tokens = [*ann.tokens[title.i : name[-1].i + 1]]
    return [affiliation(ann, person, owner, tokens, "roles.title-of-comma.v1", 0.8, title_word(title))]


def unnamed_owner(words: list[Token], title: Token) -> list[str]:
    """An organization the title names that the NER left unnamed: an acronym ('ICE Director A', 'U.N.
    mediator A') or an armed force ('Air Force Lt. Col. A')."""
    before = [t for t in words if t.i < title.i and t.text not in POSSESSIVE]
    force = [n for n, t in enumerate(before) if t.lower_ in ARMED_FORCES and t.text[:1].isupper()]
    if force:
        n = end = force[-1]
        start = n
        while start > 0 and before[start - 1].text[:1].isupper() and kind_of(before[start - 1]) is None:
            start -= 1
        # "Task Force Aurora spokesman": the force's name may go on after its kind
        while end + 1 < len(before) and before[end + 1].text[:1].isupper() and kind_of(before[end + 1]) is None:
            end += 1
        run = before[start : end + 1]
        country = geo.canonical_country(run[0].text) if len(run) > 1 else None
        return [org_key(" ".join(t.text for t in run))] + ([country_key(country)] if country else [])
    acronyms = [t for t in before if ACRONYM.match(t.text) and t.lower_ not in TITLE_ABBREVIATIONS]
    if len(acronyms) != 1 or kind_of(acronyms[0]) is not None:
        return []
    country = geo.canonical_country(acronyms[0].text)
    return [country_key(country) if country else org_key(acronyms[0].text)]


def national_office(words: list[Token]) -> list[str]:
    """'Secretary of State A': an office whose name says its country."""
    text = " ".join(t.lower_ for t in words)
    return [country_of(adjective) for office, adjective in NATIONAL_OFFICES.items() if text.endswith(office)]


def beat_free(words: list[Token], title: Token) -> list[Token]:
    """Title words that may name an owner: before a journalist's title only a possessive phrase does."""
    if title_word(title) not in BEAT_NOUNS:
        return words
    marks = [t.i for t in words if t.text in POSSESSIVE and t.i < title.i]
    return [t for t in words if marks and t.i < marks[-1]]


def lawmaker_country(
    ann: Annotated, person: str, tokens: list[Token], title: Token, targets: list[str]
) -> list[Relation]:
    """'Republican Senator A': a US party's lawmaker serves the United States."""
    us_party = any(t.startswith(ORG_PREFIX) for t in targets)
    if title_word(title) not in LAWMAKER_TITLES or not us_party:
        return []
    return [affiliation(ann, person, country_of("American"), tokens, "roles.party-lawmaker.v1", 0.8, title_word(title))]


def party_tag(ann: Annotated, person: str, name: list[Token]) -> list[Relation]:
    """'Sen. A, R-Fla.': the US convention after a lawmaker's name gives the party, the state and the
    country the lawmaker serves."""
    i = name[-1].i + 1
    toks = ann.tokens
    if i + 3 >= len(toks) or toks[i].text != "," or toks[i + 1].text not in PARTY_TAGS:
        return []
    if toks[i + 2].text not in DASHES or not toks[i + 3].text[:1].isupper():
        return []
    evidence = [*name, *toks[i : i + 4]]
    party = PARTY_TAGS[toks[i + 1].text]
    targets = [country_of("American")] + ([org_key(party)] if party else [])
    state = ann.key(toks[i + 3])
    if state is not None and ann.type(state) == "GPE":
        targets.append(state)
    return [affiliation(ann, person, t, evidence, "roles.party-tag.v1", 0.85, "lawmaker") for t in targets]


def leads(ann: Annotated, person: str, name: list[Token]) -> list[Relation]:
    """'A, who heads Y's Interior Ministry,' / 'A, who works for B' / 'A works for B' / 'A joined B': a
    clause of leading, working or joining with the person as its subject."""
    out = []
    head = ann.doc[name[0].i : name[-1].i + 1].root
    clauses = [
        c
        for c in children_of(head)
        if c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ in {"who", "that"} for g in children_of(c))
    ]
    if head.dep_ == "nsubj" and head.head.pos_ == "VERB":
        clauses.append(head.head)  # "A works for B", "A heads Y's Interior Ministry"
    for clause in clauses:
        verb = clause.lemma_.lower()
        if verb in LEAD_VERBS:
            objs = [g for g in children_of(clause) if g.dep_ == "dobj"]
            kind = OFFICE
        elif verb == "join":  # "A joined the World Bank in 2005": an organization's staff
            objs = [g for g in children_of(clause) if g.dep_ == "dobj"]
            kind = PROFESSION
        elif verb in SERVING_VERBS:
            objs = [
                g
                for p in children_of(clause)
                if p.dep_ == "prep" and p.lower_ in {"for", "at", "with", "in"}
                for g in children_of(p)
                if g.dep_ == "pobj"
            ]
            kind = PROFESSION
        else:
            continue
        for obj in objs:
            owners = [g for g in children_of(obj) if g.dep_ == "poss"] if kind == OFFICE else []
            for target in dict.fromkeys([ann.entity_in(obj), *(ann.key(g) for g in owners)]):
                if target is not None and target != person and admits(ann, target, kind):
                    tokens = [*name, *clause.subtree]
                    out.append(affiliation(ann, person, target, tokens, "roles.leads.v2", 0.8, verb))
    return out


def title_nouns_around(ann: Annotated, head: Token, person: str) -> list[Token]:
    """Nouns that may be the name's title: its appositions (and the titles coordinated with them: "a
    lawyer and co-founder of B"), the noun it is in apposition to ('the crown prince of Y, A,' and 'the
    spokesman for the Y Ministry, A,' hang A on Y), a predicate ('A is the minister of B', 'A was named
    the U.S. ambassador'), a role it served as ('A, an expert who served as a U.S. adviser'). A noun whose
    phrase names another person is that person's title ("A, Director of Z B and the Chairman of C")."""
    candidates = [c for c in children_of(head) if c.dep_ == "appos"]
    # "A of Y, president of B": the parser hangs the title on the name's own place
    candidates += [c for g in prep_objects(head, "of") for c in children_of(g) if c.dep_ == "appos" and kind_of(c)]
    if head.dep_ == "appos":
        candidates.append(head.head)
        of_phrase = head.head.head if head.head.dep_ == "pobj" else None
        right_after = head.left_edge.i - head.head.i <= 2  # "the crown prince of Y, A", not a name further on
        if of_phrase is not None and of_phrase.lower_ in {"of", "for"} and kind_of(of_phrase.head) and right_after:
            candidates.append(of_phrase.head)
    verb = head.head
    if head.dep_ == "nsubj" and verb.lemma_ == "be":
        candidates += [c for c in children_of(verb) if c.dep_ == "attr"]
    if head.dep_ == "nsubjpass" and verb.lemma_.lower() in NAMING_VERBS:
        candidates += [c for c in children_of(verb) if c.dep_ in {"oprd", "attr", "dobj"}]
        candidates += [g for c in children_of(verb) if c.dep_ == "prep" and c.lower_ == "as" for g in children_of(c)]
    for clause in (c for n in [head, *candidates] for c in children_of(n) if c.dep_ == "relcl"):
        if clause.lemma_.lower() in SERVING_VERBS:
            candidates += [
                g for c in children_of(clause) if c.dep_ == "prep" and c.lower_ == "as" for g in children_of(c)
            ]
        elif clause.lemma_ == "be" and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in children_of(clause)):
            candidates += [c for c in children_of(clause) if c.dep_ == "attr"]
    candidates += [g for c in candidates if c.lower_ == "one" for g in prep_objects(c, "of")]
    candidates = [c for c in candidates if not names_other_person(ann, c, person)]
    coordinated = [
        t for noun in candidates for t in noun.subtree if t.dep_ in {"conj", "appos"} and kind_of(t) is not None
    ]
    return [*candidates, *coordinated]


def prep_objects(token: Token, prep: str) -> list[Token]:
    return [
        g
        for c in children_of(token)
        if c.dep_ == "prep" and c.lower_ == prep
        for g in children_of(c)
        if g.dep_ == "pobj"
    ]


def names_other_person(ann: Annotated, noun: Token, person: str) -> bool:
    """Whether a title noun names another person as its holder: a name on the noun itself or on its
    preposition ('Director of National Intelligence B')."""
    for t in children_of(noun):
        inner = [g for g in children_of(t) if g.dep_ == "pobj"] if t.dep_ == "prep" else [t]
        for g in inner:
            k = ann.key(g)
            if k is not None and k != person and ann.type(k) == "PERSON" and g.dep_ != "poss":
                return True
    return False


def appositive(ann: Annotated, person: str, name: list[Token], owners: dict[int, dict]) -> list[Relation]:
    """'A, the foreign minister of Y', 'A, a senior analyst with B', 'the crown prince of Y, A', 'A is the
    country's envoy'."""
    out = []
    start, end = name[0].i, name[-1].i + 1
    for noun in title_nouns_around(ann, ann.doc[start:end].root, person):
        k = ann.key(noun)
        if (k is not None and ann.type(k) == "PERSON") or not start - 40 < noun.i < end + 40:
            continue
        subtree = [t for t in noun.subtree if not (start <= t.i < end)]
        tnoun = noun if kind_of(noun) is not None else title_noun([t for t in subtree if t.head.i == noun.i])
        if tnoun is None:
            out += party_member(ann, person, name, noun)
            continue
        kind = kind_of(tnoun) or OFFICE
        left = [t for t in subtree if t.i < tnoun.i and t.head.i <= tnoun.i and t.dep_ in OWNER_DEPS]
        found = targets_in(ann, beat_free([t for w in left for t in w.subtree], tnoun), person, kind)
        found += its_owner(ann, tnoun, kind)
        keys = without_posting(ann, found, tnoun) + of_targets(
            ann, owners.get(tnoun.i, {}).get("owner", []), person, kind
        )
        for target in dict.fromkeys(keys):
            tokens = [*subtree, *name]
            out.append(affiliation(ann, person, target, tokens, "roles.appositive.v2", 0.85, title_word(tnoun)))
    return out


def appositive_words(ann: Annotated, person: str, name: list[Token]) -> list[Relation]:
    """'A, a Russian arms expert now at B, ...' read from the words between the commas after the name,
    where the parser hung the preposition elsewhere: a title, then with/at/of B for an organization B."""
    i = name[-1].i + 1
    if i >= len(ann.tokens) or ann.tokens[i].text != ",":
        return []
    sent_end = ann.tokens[i].sent.end
    end = next((t.i for t in ann.doc[i + 1 : sent_end] if t.text in {",", ";", "(", "\u2014"}), sent_end)
    segment = list(ann.doc[i + 1 : end])
    titles = [t for t in segment if t.pos_ == "NOUN" and kind_of(t) in {OFFICE, PROFESSION}]
    if not titles or any(ann.is_person(ann.key(t)) for t in segment):
        return []
    out = []
    for prep in (t for t in segment if t.i > titles[0].i and t.lower_ in {"with", "at", "of"}):
        j = prep.i + 1 + (ann.tokens[prep.i + 1].lower_ == "the")
        k = ann.key(ann.tokens[j]) if j < end else None
        if k is not None and is_organization(ann, k):
            tokens = [*name, *segment]
            out.append(affiliation(ann, person, k, tokens, "roles.appositive-words.v1", 0.75, title_word(titles[0])))
    return out


def party_member(ann: Annotated, person: str, name: list[Token], noun: Token) -> list[Relation]:
    """'A, a Republican from Y': the party, and the state the politician comes from and represents."""
    party = party_of(ann, noun)
    if party is None or noun.pos_ not in {"NOUN", "PROPN"}:
        return []
    states = [
        k
        for p in children_of(noun)
        if p.dep_ == "prep" and p.lower_ == "from"
        for g in children_of(p)
        if g.dep_ == "pobj" and (k := ann.key(g)) is not None and ann.type(k) == "GPE"
    ]
    tokens = [*name, *(t for t in noun.subtree if t.dep_ != "relcl" and t.head.dep_ != "relcl")]
    return [affiliation(ann, person, t, tokens, "roles.party-member.v1", 0.8, "member") for t in [party, *states]]


def organization_of(ann: Annotated, person: str, name: list[Token]) -> list[Relation]:
    """Without a title: "Reuters' A", "B's A" and 'A of B', 'A, of B' for an organization B."""
    out = []
    head = ann.doc[name[0].i : name[-1].i + 1].root
    for child in children_of(head):
        if child.dep_ == "poss" and child.i < name[0].i:
            objs, rule = [child], "roles.possessor.v1"
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i > name[-1].i:
            objs, rule = [g for g in children_of(child) if g.dep_ == "pobj"], "roles.name-of.v1"
        else:
            continue
        for obj in objs:
            k = ann.entity_in(obj)
            if k is not None and k != person and is_organization(ann, k):
                out.append(affiliation(ann, person, k, [*name, *obj.subtree], rule, 0.75, None))
    return out


def government_in(ann: Annotated, person: str, name: list[Token]) -> list[Relation]:
    """ "A's government in B", "A's regime in B": A leads the country B is (or is the capital of)."""
    head = ann.doc[name[0].i : name[-1].i + 1].root
    noun = head.head
    if head.dep_ != "poss" or noun.lemma_.lower() not in GOVERNMENT_WORDS:
        return []
    out = []
    for place in prep_objects(noun, "in"):
        k = ann.key(place)
        if k is None or ann.type(k) != "GPE":
            continue
        country = (
            k if k.startswith("country:") else country_key(c) if (c := geo.country_of_capital(ann.name(k))) else None
        )
        if country is not None:
            tokens = [*name, noun, place]
            out.append(affiliation(ann, person, country, tokens, "roles.government-in.v1", 0.75, noun.lemma_.lower()))
    return out


def led_by(ann: Annotated, key: str, token: Token) -> list[Relation]:
    """'B, led by A' / 'B, which is led by A': the leader serves the organization or country."""
    out = []
    for clause in (c for c in children_of(token) if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in LED_BY_VERBS):
        if clause.tag_ != "VBN":
            continue
        agents = [g for c in children_of(clause) if c.dep_ == "agent" for g in children_of(c) if g.dep_ == "pobj"]
        for agent in agents:
            k = ann.key(agent)
            if k is not None and ann.type(k) == "PERSON":
                tokens = [token, *clause.subtree]
                out.append(affiliation(ann, k, key, tokens, "roles.led-by.v1", 0.8, clause.lemma_.lower()))
    return out


def owned_by(ann: Annotated, key: str, token: Token) -> list[Relation]:
    """ "A's party, B" / 'his movement, B': the person leads or belongs to the organization B."""
    noun = token.head
    if token.dep_ != "appos" or noun.lemma_.lower() not in OWNED_NOUNS:
        return []
    owners = [ann.key(c) for c in children_of(noun) if c.dep_ == "poss"]
    return [
        affiliation(ann, k, key, [*noun.subtree], "roles.owned-by.v1", 0.75, noun.lemma_.lower())
        for k in owners
        if k is not None and ann.type(k) == "PERSON"
    ]


def organization_rules(ann: Annotated, key: str) -> list[Relation]:
    """The rules that start from an organization's (or country's) mention."""
    out: list[Relation] = []
    for m in ann.clusters[key].mentions:
        if m.start in ann.skip:
            continue
        token = ann.doc[m.start : m.end].root
        out += led_by(ann, key, token) + owned_by(ann, key, token)
    return out


def respectively(ann: Annotated) -> list[Relation]:
    """'The presidents of X, Y and Z – A, B and C, respectively': owners and holders paired by position
    (read from the tokens: the parser rarely gets the two lists right)."""
    out = []
    for word in (t for t in ann.tokens if t.lower_ == "respectively" and t.i not in ann.skip):
        sent = word.sent
        titles = [t for t in ann.doc[sent.start : word.i] if kind_of(t) == OFFICE and t.tag_ == "NNS"]
        if not titles or titles[-1].i + 1 >= word.i or ann.tokens[titles[-1].i + 1].lower_ != "of":
            continue
        owners: list[str] = []
        holders: list[str] = []
        for tok in ann.doc[titles[-1].i + 2 : word.i]:
            k = ann.key(tok)
            if k is None:
                continue
            if ann.type(k) == "PERSON" and k not in holders:
                holders.append(k)
            elif ann.type(k) in STATES_AND_ORGS and not holders and k not in owners:
                owners.append(k)
        if len(owners) == len(holders) > 1:
            tokens = list(ann.doc[titles[-1].i : word.i + 1])
            noun = titles[-1].lemma_.lower()
            out += [
                affiliation(ann, h, o, tokens, "roles.respectively.v1", 0.8, noun)
                for o, h in zip(owners, holders, strict=True)
            ]
    return out


def role_phrase(ann: Annotated, key: str) -> list[Relation]:
    """'the U.S. president': the role phrase's holder serves the country it names."""
    cluster = ann.clusters[key]
    if not cluster.role_of:
        return []
    m = cluster.mentions[0]
    tokens = list(ann.tokens[m.start : m.end])
    return [affiliation(ann, key, cluster.role_of, tokens, "roles.role-phrase.v1", 0.7, cluster.role_noun)]


def country_of_organization(ann: Annotated, relations: list[Relation]) -> list[Relation]:
    """'the Y Foreign Ministry', 'the White House': who serves a country's ministry, army, parliament or
    seat of government serves the country (a national non-governmental group does not: "the Y Refugee
    Council")."""
    out = []
    for r in relations:
        cluster = ann.clusters.get(r.object)
        if cluster is None or cluster.type not in {"ORG", "FAC"}:
            continue
        country = seat_country(ann, r.object) or named_country(cluster.name)
        if country:
            evidence = replace(r.evidence, rule="roles.country-of-organization.v2")
            out.append(replace(r, object=country_key(country), evidence=evidence, confidence=r.confidence * 0.9))
    return out


def named_country(name: str) -> str | None:
    """The country an organ's name begins with: 'U.S. Navy', 'Russian Defense Ministry'."""
    words = name.split()
    lowered = {w.lower() for w in words[1:]}
    if not STATE_ORGANS & lowered or NON_STATE_WORDS & lowered:
        return None
    for n in range(min(3, len(words) - 1), 0, -1):
        country = geo.canonical_country(" ".join(words[:n])) or geo.country_of_adjective(" ".join(words[:n]))
        if country:
            return country
    return None


def dedupe(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, str, int]] = set()
    out = []
    for r in relations:
        ident = (r.subject, r.object, r.evidence.sent_start)
        if ident not in seen:
            seen.add(ident)
            out.append(r)
    return out


def person_rules(ann: Annotated, key: str, owners: dict[int, dict]) -> list[Relation]:
    """The rules that start from a person's name."""
    out: list[Relation] = []
    for m in ann.clusters[key].mentions:
        if m.start in ann.skip:
            continue
        name = list(ann.tokens[m.start : m.end])
        out += title_before(ann, key, name) + leads(ann, key, name) + appositive(ann, key, name, owners)
        out += title_of_before(ann, key, name) + appositive_words(ann, key, name)
        out += party_tag(ann, key, name) + organization_of(ann, key, name) + government_in(ann, key, name)
    return out


def extract(ann: Annotated) -> list[Relation]:
    relations: list[Relation] = []
    lemmas = frozenset(TITLE_HEADS | RANKS | PROFESSION_NOUNS | CANDIDACY_NOUNS)
    owners = arguments(ann, lemmas, TITLE_PATTERNS)
    for key, cluster in ann.clusters.items():
        if cluster.type == ROLE:
            relations += role_phrase(ann, key)
        elif cluster.type == "PERSON":
            relations += person_rules(ann, key, owners)
        elif cluster.type in STATES_AND_ORGS:
            relations += organization_rules(ann, key)
    relations += respectively(ann) + photo_credit(ann) + signature(ann) + taking_office(ann)
    return dedupe(relations + country_of_organization(ann, relations))


def taking_office(ann: Annotated) -> list[Relation]:
    """'A's appointment as Y's foreign minister', 'congratulated A on his election as president of Y': A
    holds the office (its owners read as in title_before)."""
    out = []
    for tok in ann.tokens:
        if tok.lemma_.lower() not in TAKING_OFFICE_NOUNS or tok.pos_ != "NOUN":
            continue
        kids = children_of(tok)
        if any(c.lower_ in HEDGES or c.dep_ == "neg" for c in kids):
            continue
        holder = next((c for c in kids if c.dep_ == "poss"), None)
        person = ann.key(holder) if holder is not None else None  # a pronoun as kg.annotate.coref resolved it
        if person is None or not ann.is_person(person):
            continue
        for office in prep_objects(tok, "as"):
            words = list(office.subtree)
            title = title_noun(words)
            if title is None or kind_of(title) != OFFICE:
                continue
            tokens, held = [holder, tok, *words], title_word(title)
            for target in title_owners(ann, person, words, title)[0]:
                out.append(affiliation(ann, person, target, tokens, "roles.taking-office.v1", 0.85, held))
    return out


def photo_credit(ann: Annotated) -> list[Relation]:
    """'(AP Photo/Kim Lee)', '(K. Lee / Agency)': the photographer works for the outlet."""
    out = []
    for name, outlet in photo_credits(doc_text(ann.doc), ann.layout.zones):
        people = ann.doc.char_span(*name, alignment_mode="expand")
        outlets = ann.doc.char_span(*outlet, alignment_mode="expand")
        person = next((k for t in people or () if ann.is_person(k := ann.key(t))), None)
        org = next((k for t in outlets or () if (k := ann.key(t)) and ann.type(k) == "ORG"), None)
        if person and org:
            tokens = [*people, *outlets]
            out.append(affiliation(ann, person, org, tokens, "roles.photo-credit.v1", 0.8, "photographer"))
    return out


def signature(ann: Annotated) -> list[Relation]:
    """A statement's signature (kg.zones.signatures): "A, Department Spokesperson / Y Department of State",
    "A / Y Permanent Representative to the Z / Y Mission to the Z": the signer holds the titles (their owners
    read as in title_before: not the posting) and serves the organizations. The evidence is the signature,
    from the name to its last line."""
    found = ann.layout.signatures
    if not found:
        return []
    # its lines are silent for every other rule; this one reads their names
    ann = replace(ann, skip=ann.skip - {i for i in range(len(ann.tokens)) if in_signature(ann.layout, i)})
    out = []
    for sig in found:
        names = ann.doc.char_span(*sig.name, alignment_mode="expand")
        person = next((k for t in names or () if ann.is_person(k := ann.key(t))), None)
        if person is None:
            continue
        end = max(b for _, b in (sig.name, *sig.titles, *sig.organizations))
        evidence = Evidence(
            ann.article.doc_id,
            ann.article.text[sig.name[0] : end],
            sig.name[0],
            end,
            sig.name[0],
            end,
            "roles.signature.v1",
        )
        held: str | None = None
        targets: list[str] = []
        for span in sig.titles:
            words = [t for t in ann.doc.char_span(*span, alignment_mode="expand") or () if not t.is_punct]
            title = title_noun(words)
            if title is not None:
                held = held or title_word(title)
                targets += title_owners(ann, person, words, title)[0]
        for span in sig.organizations:
            tokens = ann.doc.char_span(*span, alignment_mode="expand") or ()
            targets += [k for t in tokens if (k := ann.key(t)) and ann.type(k) == "ORG"][:1]
        for target in dict.fromkeys(targets):
            if target != person:
                out.append(Relation(person, AFFILIATED_WITH.name, target, OCCURRED, evidence, 0.85, verb=held))
    return out
