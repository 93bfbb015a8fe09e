"""In-article coreference: which mentions are one entity, and what pronouns and role phrases stand for.

- Names: the same name, a surname after the full name ("Smith" → "Jane Smith", the nearest preceding
  one when two people share it), a name with or without a middle initial, a country by any of its
  names ("U.S." = "United States"), an acronym defined in parentheses ("Court of Justice (ICJ)").
- A cluster's type is the majority of its mentions' labels; the gazetteer overrides for countries.
- Pronouns (he/she/him/her/his) follow the subject of the governing clause, else the subject of the
  previous sentence, else the only person there.
- Role phrases ("the Russian leader", "the U.S. president") become ROLE entities carrying their country
  and role noun; kg.resolve binds them to a person once affiliations from all articles are known.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg import geo
from kg.annotate.mentions import RawMention
from kg.annotate.structure import children_of, span_tokens, tokens_of
from kg.lexicon import (
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    ROLE_NOUNS,
    STATE_RELATION_NOUNS,
    THANK_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from kg.names import gender_of, normalize_name

ROLE = "ROLE"


def name_key(text: str) -> str:
    country = geo.canonical_country(text)
    if country:
        return "country:" + country
    return "name:" + normalize_name(text).casefold().replace(".", "")


@dataclass
class Cluster:
    key: str
    mentions: list[RawMention] = field(default_factory=list)
    labels: Counter = field(default_factory=Counter)
    # ROLE clusters: the country (or organization) and the role noun of the phrase
    role_of: str | None = None
    role_noun: str | None = None
    rules: set[str] = field(default_factory=set)  # in-article rules that joined different names
    counterpart_of: str | None = None  # "his counterpart": whose

    @property
    def type(self) -> str:
        if self.role_noun is not None:
            return ROLE
        names = [normalize_name(m.text) for m in self.mentions]
        if any(geo.is_country(n) or geo.is_us_state(n) for n in names):
            return "GPE"
        return self.labels.most_common(1)[0][0] if self.labels else "ORG"

    @property
    def names(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(normalize_name(m.text), None)
            if m.canonical:
                seen.setdefault(m.canonical, None)
        return list(seen)

    @property
    def name(self) -> str:
        """The longest full form seen; the canonical country name for countries."""
        if self.role_noun is not None:
            return self.mentions[0].text
        if self.key.startswith("country:"):
            return self.key.split(":", 1)[1]
        canonical = next((m.canonical for m in self.mentions if m.canonical), None)
        if canonical:
            return canonical
        names = self.names  # built once: the key used to rebuild it for every name it compared
        return max(enumerate(names), key=lambda item: (len(item[1].split()), len(item[1]), -item[0]))[1]

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def name_words(name: str) -> list[str]:
    """Lower-case words of a name, hyphens as spaces: "al-Thani" is "al thani" as in "Hamad Al Thani"."""
    return name.casefold().replace(".", "").replace("-", " ").split()


# A cluster's names as name_words, by cluster key: asked for every short name of an article, so kept
# until the cluster takes in mentions.
NameWords = dict[str, list[list[str]]]


def words_of_names(c: Cluster, known: NameWords) -> list[list[str]]:
    found = known.get(c.key)
    if found is None:
        found = known[c.key] = [name_words(n) for n in c.names]
    return found


def surname_candidates(
    clusters: dict[str, Cluster], tokens: list[str], known: NameWords | None = None
) -> list[Cluster]:
    """Person clusters whose name ends with these tokens and is longer."""
    known = {} if known is None else known
    out = []
    for c in clusters.values():
        if c.labels.get("PERSON", 0) == 0:
            continue
        for words in words_of_names(c, known):
            if len(words) > len(tokens) and words[-len(tokens) :] == tokens:
                out.append(c)
                break
    return out


def capital_standing_for_state(doc: Doc, m: RawMention) -> str | None:
    """A national capital named as an actor stands for its state ("Ottawa seeks better relations with
    Canberra"): as the subject of a verb, or after 'relations with' / 'talks between'. Where a capital
    is a place ("in Ottawa", "Ottawa time") it stays the city."""
    country = geo.country_of_capital(m.text)
    if country is None:
        return None
    node = doc[m.start : m.end].root
    while node.dep_ == "conj" and node.head.i != node.i:  # "Ottawa and Canberra agreed"
        node = node.head
    verb = node.head
    if any(c.dep_ == "appos" for c in children_of(node)):
        return None  # "Quito, the capital of Ecuador, ...": the city, described
    if node.dep_ in {"nsubj", "nsubjpass"}:
        return None if verb.lemma_ == "be" and any(c.dep_ == "attr" for c in children_of(verb)) else country
    if node.dep_ == "pobj" and verb.lower_ in {"with", "between"}:
        return country if verb.head.lower_ in STATE_RELATION_NOUNS else None
    return None


def last_subject_mention(cluster: Cluster, doc: Doc, before: int) -> int | None:
    """The start of the cluster's last mention before a token that is the subject of its clause."""
    starts = [
        m.start
        for m in cluster.mentions
        if m.start < before and doc[m.start : m.end].root.dep_ in {"nsubj", "nsubjpass"}
    ]
    return max(starts) if starts else None


def family_name_candidates(
    clusters: dict[str, Cluster], token: str, short: Cluster, known: NameWords | None = None
) -> list[Cluster]:
    """The one person cluster whose multi-word name begins with this word, when no other does."""
    known = {} if known is None else known
    found = [
        c
        for c in clusters.values()
        if c is not short
        and c.labels.get("PERSON", 0)
        and any(len(words) >= 2 and words[0] == token for words in words_of_names(c, known))
    ]
    return found if len(found) == 1 else []


def initial_clusters(mentions: list[RawMention], doc: Doc) -> dict[str, Cluster]:
    """One cluster per name key (a country by any of its names; a capital acting as its state)."""
    clusters: dict[str, Cluster] = {}
    for m in mentions:
        key = name_key(m.canonical or m.text)
        state = capital_standing_for_state(doc, m)
        if state is not None:
            key = "country:" + state
        clusters.setdefault(key, Cluster(key)).mentions.append(m)
        clusters[key].labels["GPE" if state else m.label] += 1
        if state is not None:
            clusters[key].rules.add("capital-for-state")
    return clusters


def merge_middle_names(clusters: dict[str, Cluster]) -> None:
    """Middle initials and middle names: "Jane Q. Smith" = "Jane Smith"."""
    persons = [c for c in clusters.values() if c.type == "PERSON" and len(c.name.split()) >= 2]
    words_of = {id(c): c.name.replace(".", "").split() for c in persons}  # a name changes only by a merge
    for c in sorted(persons, key=lambda c: -len(c.name)):
        words = words_of[id(c)]
        for other in persons:
            if other is c or other.key not in clusters or c.key not in clusters:
                continue
            ow = words_of[id(other)]
            if len(ow) < len(words) and ow[0] == words[0] and ow[-1] == words[-1]:
                merge(clusters, into=c, other=other)
                words_of[id(c)] = c.name.replace(".", "").split()


def surname_target(doc: Doc, targets: list[Cluster], m: RawMention) -> Cluster:
    """The nearest preceding full name (else the nearest following); of two people sharing the surname,
    the one last named as a subject, the article's actor ("A Smith arrived, invited by B Smith. Smith
    met ..." is A)."""
    before = [t for t in targets if t.first < m.start]
    target = max(before, key=lambda t: t.first) if before else min(targets, key=lambda t: t.first)
    if len(before) > 1:
        acting = {id(t): last_subject_mention(t, doc, m.start) for t in before}
        subjects = [t for t in before if acting[id(t)] is not None]
        if subjects:
            target = max(subjects, key=lambda t: acting[id(t)] or 0)
    return target


def merge_surnames(clusters: dict[str, Cluster], doc: Doc) -> None:
    """Each short mention joins a full name ending with it; a family name written first ("Park" of
    "Park Ji-ho") joins the only person so named."""
    known: NameWords = {}
    for c in list(clusters.values()):
        if c.key not in clusters or c.key.startswith("country:"):
            continue
        tokens = name_words(c.name)
        if len(tokens) > 2 or geo.is_us_state(c.name):
            continue
        targets = [t for t in surname_candidates(clusters, tokens, known) if t is not c]
        misread = not c.labels.get("PERSON", 0) and geo.lookup_place(c.name) is None  # no place: a name
        if not targets and len(tokens) == 1 and (c.labels.get("PERSON", 0) or misread):
            targets = family_name_candidates(clusters, tokens[0], c, known)
        if not targets:
            continue
        del clusters[c.key]
        for m in c.mentions:
            target = surname_target(doc, targets, m)
            target.mentions.append(m)
            target.labels["PERSON"] += 1  # a surname of a person is a person, whatever the model said
            known.pop(target.key, None)  # its names have grown


def cluster_names(mentions: list[RawMention], doc: Doc) -> dict[str, Cluster]:
    """Group the name mentions of an article into clusters, by key."""
    clusters = initial_clusters(mentions, doc)
    merge_middle_names(clusters)
    merge_surnames(clusters, doc)
    return clusters


def token_index(clusters: dict[str, Cluster]) -> dict[int, str]:
    """Token index → cluster key, mentions sorted."""
    token_key: dict[int, str] = {}
    for c in clusters.values():
        c.mentions.sort(key=lambda m: m.start)
        for m in c.mentions:
            for i in range(m.start, m.end):
                token_key[i] = c.key
    return token_key


def merge(clusters: dict[str, Cluster], into: Cluster, other: Cluster) -> None:
    into.mentions.extend(other.mentions)
    into.labels.update(other.labels)
    into.rules.update(other.rules)
    del clusters[other.key]


def clause_subjects(token: Token) -> list[Token]:
    """Subjects of the clauses above a token, nearest first."""
    out = []
    node = token
    while node.head.i != node.i:
        node = node.head
        out.extend(c for c in children_of(node) if c.dep_ in {"nsubj", "nsubjpass"})
    return out


def controlling_subjects(verb: Token) -> list[Token]:
    """A verb's subjects; for a verb without one, in a purpose or complement clause ("A called B to
    congratulate him"), those of the verb it depends on: who does it."""
    while True:
        subjects = [c for c in children_of(verb) if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects or verb.dep_ not in {"xcomp", "advcl"} or verb.head.i == verb.i:
            return subjects
        verb = verb.head


def credited_one(pronoun: Token, token_key: dict[int, str], resolved: dict[int, str]) -> str | None:
    """'congratulated B on his election', 'thanked B for her help': a possessive in the phrase of a verb of
    crediting stands for the one credited, not the subject."""
    noun = pronoun.head
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None or prep.dep_ != "prep" or prep.lower_ not in {"on", "for"}:
        return None
    verb = prep.head
    if verb.lemma_.lower() not in THANK_VERBS:
        return None
    obj = next((c for c in children_of(verb) if c.dep_ == "dobj"), None)
    return (token_key.get(obj.i) or resolved.get(obj.i)) if obj is not None else None


def sentence_subject(sent: Span) -> Token | None:
    root = sent.root
    subjects = [c for c in children_of(root) if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        subjects = [c for c in children_of(root) if c.dep_ == "attr"]  # "Among those freed was X"
    return subjects[0] if subjects else None


def resolve_pronouns(doc: Doc, clusters: dict[str, Cluster], token_key: dict[int, str]) -> dict[int, str]:
    """Pronoun token index → person key, where the text makes it unambiguous enough."""
    persons = {k for k, c in clusters.items() if c.type == "PERSON"}
    genders = {k: gender_of(clusters[k].name) for k in persons}  # the clusters no longer change here
    out: dict[int, str] = {}
    sents = list(doc.sents)
    for s_index, sent in enumerate(sents):
        for tok in span_tokens(sent):
            kind = PERSONAL_PRONOUNS.get(tok.lower_)
            if kind is None or tok.i in token_key:  # "He" of "Liu He" is a name, no pronoun
                continue
            fits = {k for k in persons if agrees(tok, genders[k])}
            target = pronoun_target(tok, kind, fits, token_key, out, sents[max(0, s_index - 2) : s_index])
            if target is not None:
                out[tok.i] = target
    return out


def named_in_apposition(noun: Token, token_key: dict[int, str]) -> str | None:
    """'the director, A,' / 'the director A': the name beside a common noun."""
    return next((token_key[c.i] for c in children_of(noun) if c.dep_ == "appos" and c.i in token_key), None)


def agrees(pronoun: Token, gender: str | None) -> bool:
    """'he' is no Maria, 'she' no Michael (`gender`: of the person's first name, where it has one)."""
    wanted = "f" if pronoun.lower_ in {"she", "her", "hers"} else "m"
    return gender is None or gender == wanted


def pronoun_target(tok: Token, kind: str, persons: set[str], token_key, out, previous: list[Span]) -> str | None:
    """The subject of the governing clause, else the subject of the previous sentences, else the only
    person there. A clause whose subject is an unnamed person ('the deputy minister ... where he') keeps
    the pronoun unresolved."""
    own_subject = [s for s in controlling_subjects(tok.head) if s.i != tok.i]
    excluded = {token_key.get(s.i) for s in own_subject} - {None} if kind == "obj" else set()
    credited = credited_one(tok, token_key, out) if kind == "poss" else None
    if credited in persons:
        return credited
    for subj in clause_subjects(tok):
        key = token_key.get(subj.i) or out.get(subj.i) or named_in_apposition(subj, token_key)
        if subj.i != tok.i and key in persons and key not in excluded:
            return key
        if subj.i != tok.i and key is None and subj.lemma_.lower() in TITLE_HEADS | PERSON_NOUNS:
            return None  # "the deputy minister visited C, where he...": someone the text does not name
    if kind == "obj":
        # "A called B to congratulate him": not A, the subject; B, if B is the one other person named before
        named = {token_key[t.i] for t in tok.sent if t.i < tok.i and token_key.get(t.i) in persons} - excluded
        return named.pop() if excluded and len(named) == 1 else None
    for prev in reversed(previous):
        subj = sentence_subject(prev)
        key = (token_key.get(subj.i) or out.get(subj.i)) if subj is not None else None
        if key in persons:
            return key
        people = {token_key[t.i] for t in prev if token_key.get(t.i) in persons}
        if len(people) == 1:
            return people.pop()
        if people:
            return None
    return None


def role_phrases(doc: Doc, token_key: dict[int, str], skip: set[int]) -> list[tuple[int, int, str | None, str]]:
    """'the Russian leader', 'the U.S. president', 'the president': (start, end, country, role noun).

    Only definite phrases whose head is a role noun and that contain no name of a person."""
    out = []
    for tok in tokens_of(doc):
        if tok.i in skip or tok.lower_ not in ROLE_NOUNS or tok.pos_ != "NOUN" or tok.i in token_key:
            continue
        left = [c for c in tok.lefts]
        definite = any(c.lower_ == "the" and c.dep_ == "det" for c in left)
        possessive = tok.lower_ == "counterpart" and any(
            c.dep_ == "poss" and c.lower_ in {"his", "her", "their"} for c in left
        )
        if not (definite or possessive):
            continue
        if tok.dep_ == "appos" and tok.head.i in token_key:
            continue  # "A, the emir of Qatar,": a title of the name before it
        if any(c.dep_ in {"appos"} for c in children_of(tok)) or any(
            t.i in token_key
            and (t.ent_type_ == "PERSON" or (t.dep_ == "appos" and not token_key[t.i].startswith("country:")))
            for t in tok.subtree
        ):
            continue  # "the president, Jane Smith", "the crown prince of Y, A," are handled as titles
        if tok.lower_ == "counterpart" and not any(c.dep_ == "poss" for c in left):
            continue  # "his Russian counterpart": the Russian official he deals with
        country = None
        start = min(t.i for t in left) if left else tok.i
        for c in left:
            name = doc[c.left_edge.i : c.right_edge.i + 1].text
            adj = geo.country_of_adjective(name) or geo.canonical_country(name)
            if adj:
                country = "country:" + adj
            elif c.i in token_key:
                country = token_key[c.i]
            elif c.dep_ in {"amod", "compound"} and c.lower_ not in TITLE_MODIFIERS and c.lower_ not in {"the"}:
                country = country  # other modifiers ("the new president") leave the country open
        out.append((start, tok.i + 1, country, tok.lower_))
    return out
