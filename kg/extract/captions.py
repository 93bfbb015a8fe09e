"""Photo captions: "A, left, shakes hands with B in C, May 3, 2016.", "FILE - A talks with B in C.",
"A and B arrive for their meeting in C.", "A speaks at a rally in C." A caption tells one scene, in the
present tense: the people before its verb and those 'with' them after it are in the picture, at the
places after 'in'/'at'. The small model parses captions badly (verbs read as nouns, names glued to
titles), so the scene is read from the words and the entity spans, not from the tree. Part of the
interactions family.

- met-with: a verb of meeting ("shakes hands with", "walks with", "sit down to dinner with", "greets")
  with someone, or two people at "a meeting"/"talks"/"dinner"; not when they are on the phone;
- spoke-with: a verb of talking with someone ("talks with B", "A and B chat", "A, B and C discuss");
- met-at: the people of a meeting, or the one person named at "a meeting in C" (the others unnamed);
- visited: the people pictured in a city or a country (at a meeting, a rally, a news conference), unless
  they are at home there (see visits.visitors), at their own residence, or on the phone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Span, Token

from kg.annotate import Annotated
from kg.annotate.structure import children_of, span_text, span_tokens
from kg.extract.grammar import unique
from kg.extract.visits import Home, towns_of, visitors
from kg.lexicon import CAPTION_POSITIONS, CAPTION_VERBS, TITLE_HEADS, TITLE_MODIFIERS
from kg.relations import MET_AT, MET_WITH, SPOKE_WITH, VISITED
from kg.types import OCCURRED, Relation
from kg.zones import CAPTION

# A caption's position marks: "(left)", ", right,", ", third from left,".
CAPTION_MARK = re.compile(
    r"\((?:left|right|center|centre|L|R|C)\)|, (?:(?:far|second|third|fourth) (?:from )?)?(?:left|right|center|centre),"
)
# A caption's opening ("FILE - ", "From left, ", "Right to left: ") and its closing date (", May 3, 2016.").
CAPTION_OPENING = re.compile(r"^\W*(?:FILE(?: PHOTO)?\s*[-\u2013\u2014:]|(?:From|Right to|Left to) (?:left|right)\b)")
CAPTION_DATE = re.compile(
    r",\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*\d{1,2},\s+(?:19|20)\d\d\.?\W*$"
)
# A full date inside a sentence ("..., Feb. 9, 2016, in C", "C, US May 6, 2016."): a caption when its verb
# is in the present tense.
FULL_DATE = re.compile(
    r"[,\s](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*\d{1,2},\s+(?:19|20)\d\d\b"
)
# Verbs of a caption's scene: the people named before them are in the picture.
SCENE_VERBS = CAPTION_VERBS | frozenset(
    """
    walk stand sit dine share confer discuss arrive attend listen wave gesture smile visit leave address
    participate cheer raise board appear deliver hold take look read sign applaud laugh
    """.split()
)
# Scene verbs that make a meeting with the people 'with' (or 'between') them.
MEETING_VERBS = frozenset(
    "shake greet meet welcome embrace hug kiss walk stand sit chat talk pose dine share confer".split()
)
# Scene verbs of talking: spokeWith their partners, or among their subjects ("A and B chat").
TALK_VERBS = frozenset("talk speak chat confer discuss".split())
# Nouns of a meeting the pictured people are at ("their meeting", "talks", "a dinner with").
MEETING_WORDS = frozenset(
    "meeting meetings talks summit dinner breakfast lunch luncheon banquet bilateral forum".split()
)
# Words after which a name is not in the picture ("wife of A", "a photo of A", "dolls depicting A").
ABSENT_MARKERS = frozenset("of depicting showing shows portrait photo picture pictures poster".split())
# Words that open a clause ("as A monitors", "while B waits", "as he stands with C").
CLAUSE_BREAKS = frozenset({"as", "while", "when", ";"})
# Words that make a person after the scene verb a partner of it ("shakes hands with B", "sits between B and C").
PARTNER_MARKERS = frozenset({"with", "between", "to", "and"})
# Words before a meeting noun that make it a topic, not the scene ("a news conference on the peace talks").
TOPIC_MARKERS = frozenset({"on", "about", "over"})
# Nouns of an event one attends in person ("a rally", "a news conference", "a campaign event").
EVENT_WORDS = MEETING_WORDS | frozenset("rally conference convention event hall ceremony hearing visit tour".split())
# Scene verbs of a public appearance: the person is there in person ("speaks at C", "greets supporters at C").
APPEARANCE_VERBS = frozenset(
    "speak address greet arrive campaign cheer wave board visit attend tour participate".split()
)
# Common nouns that describe a person in a title ("presidential candidate A", "President-elect A").
DESCRIPTIONS = frozenset(
    """
    candidate hopeful nominee contender businessman businesswoman lady wife husband elect brother sister son
    daughter
    """.split()
)
# Words for one's home ("at his residence"), and the possessives that make them someone's own.
HOME_WORDS = frozenset({"residence", "home", "hometown", "house", "apartment", "farm", "ranch"})
POSSESSIVES = frozenset({"his", "her", "their", "its"})
# Words of a call at a distance: the people were not together.
PHONE_WORDS = frozenset({"phone", "telephone", "call", "video"})
PLACE_PREPS = frozenset({"in", "at", "inside"})


@dataclass(frozen=True)
class Scene:
    verb: Token | None
    subjects: list[str]  # the people before the verb: its subject and those 'accompanied by' them
    partners: list[str]  # the people 'with' (or 'between', or the object of) the verb
    places: list[str]
    words: frozenset[str]
    meeting: bool  # the picture is of a meeting ("their meeting", "talks", "a dinner with")
    event: bool  # ... or of an event attended in person ("a rally", "a news conference")
    addressees: list[str]  # the partners right after the verb ("talks with B"), not in a later clause

    @property
    def lemma(self) -> str:
        if self.verb is None:
            return ""
        lemma = self.verb.lemma_.lower()
        return lemma if lemma in SCENE_VERBS else self.verb.lower_.rstrip("s")

    @property
    def plural(self) -> bool:
        """'A and B shake hands' (each is a subject), not 'A, accompanied by B, shakes hands'."""
        if self.verb is None or self.verb.tag_ in {"VBZ", "VBD", "VBN", "VBG"}:
            return False
        word = self.verb.lower_
        return self.verb.tag_ in {"VBP", "VB"} or not word.endswith("s") or word.endswith("ss")


def is_caption(ann: Annotated, sent: Span) -> bool:
    """A photo caption: in the article's caption zone (kg.zones), or written as one (a position mark,
    'FILE -', a closing date, a present-tense verb before a full date)."""
    text = span_text(sent).strip()
    if ann.layout.kind(sent.start) == CAPTION or ann.layout.kind(sent.end - 1) == CAPTION:
        return True
    if CAPTION_MARK.search(text) or CAPTION_OPENING.match(text) or CAPTION_DATE.search(text):
        return True
    verb = scene_verb(ann, sent)
    present = verb is not None and (verb.tag_ in {"VBZ", "VBP"} or verb.tag_ == "NNS")  # "greets" read as a noun
    return bool(FULL_DATE.search(text)) and present


def people_at(ann: Annotated, tokens: list[Token]) -> list[str]:
    """The people named among these words who are in the picture (names, not pronouns; not 'wife of A',
    'a photo of A')."""
    out: list[str] = []
    for n, tok in enumerate(tokens):
        k = ann.key(tok)
        inside = n > 0 and ann.key(tokens[n - 1]) == k  # only a name's first word decides
        if not ann.is_person(k) or tok.pos_ == "PRON" or k in out or inside or modifies(ann, tokens, n):
            continue
        if not absent(ann, tokens[:n]):
            out.append(k)
    return out


def modifies(ann: Annotated, tokens: list[Token], n: int) -> bool:
    """A name inside another's title: "the A campaign chairman B", "A's wife B"."""
    k = ann.key(tokens[n])
    end = n
    while end < len(tokens) and ann.key(tokens[end]) == k:
        end += 1
    nxt = tokens[end] if end < len(tokens) else None
    return nxt is not None and (nxt.text in {"'s", "’s"} or (nxt.pos_ in {"NOUN", "PROPN"} and not ann.key(nxt)))


def absent(ann: Annotated, before: list[Token]) -> bool:
    """'a photo of (former president) A', 'wife of Chairman A', 'dolls depicting U.S. President A': the
    words before a name's title say the person is not in the picture."""
    n = len(before)
    while n > 0 and (is_title_word(ann, before[n - 1]) or title_of(before, n - 1)):
        n -= 1  # the name's own title: "U.S. President", "Prime Minister of Y", "far-right candidate"
    words: list[str] = []
    for t in reversed(before[max(0, n - 4) : n]):
        if not t.is_lower:
            break  # a name ("Bureau of Investigation assistant director A")
        words.append(t.lower_)
    return bool(set(words) & ABSENT_MARKERS)


def title_of(words: list[Token], n: int) -> bool:
    """'of' inside a title: "Minister of Y", "Secretary of State"."""
    return words[n].lower_ == "of" and n > 0 and words[n - 1].lower_ in TITLE_HEADS


def is_title_word(ann: Annotated, tok: Token) -> bool:
    word = tok.lower_.strip("-")
    pieces = set(word.split("-"))
    key = ann.key(tok)
    nationality = tok.i in ann.adjective_country or tok.ent_type_ == "NORP" or (key and ann.type(key) == "GPE")
    return bool(pieces & (TITLE_HEADS | TITLE_MODIFIERS | DESCRIPTIONS)) or bool(nationality) or tok.text in {"'s", "."}


def scene_verb(ann: Annotated, sent: Span) -> Token | None:
    """The caption's verb: the first scene verb after the first person named, not a noun ('peace talks')."""
    first = next((t.i for t in span_tokens(sent) if ann.is_person(ann.key(t)) and t.pos_ != "PRON"), None)
    if first is None:
        return None
    for tok in ann.tokens[first + 1 : sent.end]:
        lemma = tok.lemma_.lower()
        if tok.lower_ in CAPTION_POSITIONS:  # "A, left, and B": a position, not the verb 'leave'
            continue
        if (lemma in SCENE_VERBS or tok.lower_.rstrip("s") in SCENE_VERBS) and ann.key(tok) is None:
            prev = ann.tokens[tok.i - 1]
            if prev.pos_ not in {"DET", "ADJ", "NOUN"} or ann.key(prev) is not None:
                return tok
    return None


def caption_places(ann: Annotated, tokens: list[Token]) -> list[str]:
    """Places after 'in'/'at', also inside a noun phrase ("at her final New Hampshire rally"), and the
    names in apposition to them ('in C, Florida')."""
    out: list[str] = []
    for i, tok in enumerate(tokens):
        k = ann.key(tok)
        if not ann.is_place(k) or k in out or (i > 0 and ann.key(tokens[i - 1]) == k):
            continue
        if out and i > 0 and tokens[i - 1].text == ",":
            out.append(k)
            continue
        for t in reversed(tokens[max(0, i - 6) : i]):
            if t.lower_ in PLACE_PREPS:
                out.append(k)
            if t.lower_ in PLACE_PREPS or not (t.is_lower or t.like_num or t.lower_ in {"her", "his", "their"}):
                break
    return out


def partners_after(ann: Annotated, verb: Token, after: list[Token]) -> tuple[list[str], list[str]]:
    """The people the verb is done with: after 'with'/'between', or its object ("greets B"), up to the
    next place ("in C") or the next clause ("as B monitors"); and with them those of a clause about the
    same people ("speaks to reporters as she walks with B"). Returns (the verb's own partners, all)."""
    places_at = next((n for n, t in enumerate(after) if t.lower_ in PLACE_PREPS), len(after))
    clause_at = next((n for n in range(places_at) if clause_subject(ann, after, n) is not None), places_at)
    direct = verb.lemma_.lower() in MEETING_VERBS or verb.lower_.rstrip("s") in MEETING_VERBS
    start = 0 if direct else next((n for n in range(clause_at) if after[n].lower_ in PARTNER_MARKERS), clause_at)
    first = people_at(ann, after[start:clause_at])
    subject = clause_subject(ann, after, clause_at) if clause_at < places_at else None
    if subject is None or subject.pos_ != "PRON":
        return first, first
    rest = after[clause_at + 2 : places_at]
    more = next((n for n, t in enumerate(rest) if t.lower_ in PARTNER_MARKERS), len(rest))
    return first, unique(first + people_at(ann, rest[more:]))


def clause_subject(ann: Annotated, words: list[Token], n: int) -> Token | None:
    """The subject of a clause opened at words[n] ('as he stands', 'while B waits'), if one opens there."""
    if words[n].lower_ not in CLAUSE_BREAKS or n + 1 >= len(words):
        return None
    nxt = words[n + 1]
    return nxt if nxt.pos_ == "PRON" or ann.is_person(ann.key(nxt)) or nxt.text[:1].isupper() else None


def is_meeting(tokens: list[Token], verb: Token | None, words: frozenset[str] = MEETING_WORDS) -> bool:
    """A meeting word in the caption that is the scene, not its topic ('a news conference on the talks')
    nor a place's name ('the Friends Meeting'); an event's name counts ('the Y Convention')."""
    for n, tok in enumerate(tokens):
        named = bool(tok.ent_type_) or not tok.text.islower()
        event_name = tok.ent_type_ == "EVENT" or (words is EVENT_WORDS and tok.lower_ not in MEETING_WORDS)
        if tok.lower_ in words and tok is not verb and (not named or event_name):
            prep = next((t for t in reversed(tokens[max(0, n - 5) : n]) if t.pos_ == "ADP"), None)
            if prep is None or prep.lower_ not in TOPIC_MARKERS:
                return True
    return False


def person_led(ann: Annotated, tokens: list[Token]) -> bool:
    """The caption opens with its people ("FILE - Xian President A, left, and B ...", "U.N. mediator A"),
    not with a thing or a crowd ("A billboard showing A", "Supporters of A gather", "News media look at
    the home of A"): no article, plural noun or verb before the first name."""
    for n, tok in enumerate(tokens):
        if ann.is_person(ann.key(tok)) and tok.pos_ != "PRON":
            return True
        opening_article = n <= 2 and tok.lower_ in {"a", "an", "the"}
        plural_title = tok.lemma_.lower() in TITLE_HEADS  # "Senators A and B"
        if opening_article or (tok.tag_ in {"NNS", "NNPS", "VB", "VBD", "VBZ", "VBP", "VBG"} and not plural_title):
            return False
    return False


def read_scene(ann: Annotated, sent: Span) -> Scene:
    tokens = [t for t in span_tokens(sent) if t.i not in ann.skip]
    if not person_led(ann, tokens):
        return Scene(None, [], [], [], frozenset(), False, False, [])
    verb = scene_verb(ann, sent)
    cut = verb.i if verb is not None else sent.end
    subjects = people_at(ann, [t for t in tokens if t.i < cut])
    after = [t for t in tokens if t.i > cut]
    direct, partners = partners_after(ann, verb, after) if verb is not None else ([], [])
    words = frozenset(t.lower_ for t in tokens)
    return Scene(
        verb,
        subjects,
        [k for k in partners if k not in subjects],
        caption_places(ann, tokens),
        words,
        is_meeting(tokens, verb),
        is_meeting(tokens, verb, EVENT_WORDS),
        [k for k in direct if k not in subjects],
    )


def scene_pairs(scene: Scene) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(met-with pairs, spoke-with pairs) of a scene: the subjects with the partners; with no partner,
    the subjects of a plural verb with each other ("A and B shake hands", "A, B and C discuss"), or all
    the people at a meeting ("A, accompanied by B, arrives for a breakfast meeting")."""
    if scene.words & PHONE_WORDS:
        return [], []
    lemma = scene.lemma
    if scene.partners:
        sides = [(a, b) for a in scene.subjects for b in scene.partners]
    elif scene.plural or scene.meeting:
        sides = list(combinations(scene.subjects, 2))
    else:
        sides = []
    met = sides if lemma in MEETING_VERBS | TALK_VERBS or scene.meeting else []
    spoke = [(a, b) for a, b in sides if b in scene.addressees or not scene.partners] if lemma in TALK_VERBS else []
    return met, spoke


def scene_relations(ann: Annotated, sent: Span, table: dict[str, Home]) -> list[Relation]:
    scene = read_scene(ann, sent)
    met, spoke = scene_pairs(scene)
    anchor = [scene.verb] if scene.verb is not None else [sent[0]]
    verb = scene.verb.lemma_.lower() if scene.verb is not None else None

    def fact(s: str, p: str, o: str, rule: str, conf: float) -> Relation:
        s, o = sorted((s, o)) if p in {MET_WITH.name, SPOKE_WITH.name} else (s, o)
        return ann.relation(s, p, o, OCCURRED, anchor, rule, conf, verb)

    out = [fact(a, MET_WITH.name, b, "meetings.caption.v2", 0.7) for a, b in met]
    out += [fact(a, SPOKE_WITH.name, b, "conversations.caption.v1", 0.7) for a, b in spoke]
    present = unique(scene.subjects + scene.partners)
    at_meeting = met or (present and scene.meeting and not scene.words & PHONE_WORDS)
    for person in present if at_meeting else []:
        out += [fact(person, MET_AT.name, place, "meetings.caption.place.v2", 0.65) for place in scene.places]
    towns = [k for k in scene.places if ann.type(k) in {"GPE", "LOC"}]
    appears = at_meeting or scene.event or scene.lemma in APPEARANCE_VERBS
    if towns and appears and not scene.words & PHONE_WORDS and not at_their_home(sent):
        sides = [scene.subjects, scene.partners] if scene.partners else None
        for person in visitors(ann, present, scene.places, table, sides):
            out += [
                fact(person, VISITED.name, place, "visits.caption.v1", 0.6) for place in towns_of(ann, scene.places)
            ]
    return out


def at_their_home(sent: Span) -> bool:
    """'A is pictured at his residence in C': at home, not on a visit."""
    return any(
        t.lower_ in HOME_WORDS and any(c.lower_ in POSSESSIVES for c in children_of(t)) for t in span_tokens(sent)
    )


def caption_relations(ann: Annotated, table: dict[str, Home]) -> list[Relation]:
    """Meetings, conversations and visits told by the article's photo captions."""
    out: list[Relation] = []
    for sent in ann.doc.sents:
        if sent.start not in ann.skip and is_caption(ann, sent):
            out += scene_relations(ann, sent, table)
    return out
