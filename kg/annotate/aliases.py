"""In-article aliases of organizations and places: an acronym and its long form, a short name and the
full one. Each merge is recorded on the cluster (rule "acronym" or "short-name") for the merge log.

- "the International Criminal Court (ICC)", "the People's Protection Units, or YPG", "ICC (the
  International Criminal Court)": the acronym is defined there, whatever its letters;
- "ICC" and "International Criminal Court" in one article: one organization when the initials agree
  and only one long name has them;
- "the State Department" after "the U.S. State Department", "Amnesty" after "Amnesty International":
  a shorter organization name that begins or ends the words of exactly one longer one;
- "X, also known as Y", "X (a.k.a. Y)": the name given after it is another name of the same thing;
- "Kowalczyk" and "Kowalcyzk", "Port Said" and "Port Saíd", "Hope Clinic" and "Hope Clinic
  Department building": the spelling slips of one article, one letter in one word (never a
  plural's "s"), or a facility named once with and once without its organization's head word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from kg import geo
from kg.annotate.coref import Cluster, merge
from kg.annotate.mentions import RawMention
from kg.lexicon import ALIAS_PHRASES, ORG_HEADS

# Words an acronym skips ("Organization of the Petroleum Exporting Countries" is OPEC).
ACRONYM_SKIPS = frozenset("of the and for in on to at de la du des del da a an & by".split())
NAMED_TYPES = frozenset({"ORG", "FAC", "GPE", "LOC"})
# Words that may follow an organization's short name in its full name ("Amnesty International").
NAME_TAILS = frozenset(
    "international corporation corp inc co ltd llc plc group network memorial church foundation".split()
)


def acronym(name: str) -> str | None:
    """'U.N.' → 'UN', 'NATO' → 'NATO'; None for what is no acronym."""
    letters = name.replace(".", "").replace("&", "")
    return letters if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() else None


def initials(name: str) -> set[str]:
    """The acronyms a long name may have: every word's first letter, function words skipped; also
    without a leading country ("U.S. Immigration and Customs Enforcement" is ICE)."""
    words = [w for w in re.split(r"[\s\-]+", name.replace("'s", "")) if w]
    content = [w for w in words if w.lower() not in ACRONYM_SKIPS]
    found = {"".join(w[0] for w in content).upper()}
    if len(content) > 2 and (geo.canonical_country(content[0]) or geo.country_of_adjective(content[0])):
        found.add("".join(w[0] for w in content[1:]).upper())
    return {f for f in found if len(f) >= 2}


def live(clusters: dict[str, Cluster], *items: Cluster) -> bool:
    return all(c.key in clusters for c in items)


def join(clusters: dict[str, Cluster], into: Cluster, other: Cluster, rule: str) -> None:
    merge(clusters, into=into, other=other)
    into.rules.add(rule)


def definitions(doc: Doc, clusters: dict[str, Cluster]) -> list[tuple[Cluster, int]]:
    """(cluster of a name, token index of the acronym defined right after it): "Name (ACR)", "Name,
    or ACR"."""
    out = []
    for c in list(clusters.values()):
        for m in c.mentions:
            end = m.end
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
                out.append((c, end + 1))
            elif end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "or":
                out.append((c, end + 2))
    return [(c, i) for c, i in out if acronym(doc[i].text) and c.type in NAMED_TYPES and not acronym(c.name)]


def merge_defined_acronyms(doc: Doc, clusters: dict[str, Cluster]) -> None:
    by_start = {m.start: c for c in clusters.values() for m in c.mentions}
    for long, i in definitions(doc, clusters):
        other = by_start.get(i) or next((o for o in clusters.values() if o.name == doc[i].text), None)
        if other is None and long.key in clusters:
            long.mentions.append(RawMention(i, i + 1, long.type, doc[i].text))
            long.labels[long.type] += 1
            long.rules.add("acronym")
        elif other is not None and other is not long and live(clusters, long, other):
            join(clusters, long, other, "acronym")


def merge_acronyms_by_initials(clusters: dict[str, Cluster]) -> None:
    longs = [c for c in clusters.values() if c.type in NAMED_TYPES and len(c.name.split()) >= 2]
    for short in [c for c in clusters.values() if acronym(c.name)]:
        letters = acronym(short.name)
        found = [c for c in longs if c is not short and letters in initials(c.name)]
        if len(found) == 1 and live(clusters, short, found[0]):
            join(clusters, found[0], short, "acronym")


def is_country_word(word: str) -> bool:
    return bool(geo.canonical_country(word) or geo.country_of_adjective(word) or acronym(word) in {"UN", "EU"})


def short_name_of(short: list[str], long: list[str]) -> bool:
    """Is `short` another name of `long`? Its end after a country ('U.S. State Department', 'U.N.
    Security Council'), or its beginning before words of kind ('Amnesty International', 'X Network')."""
    n = len(short)
    if len(long) <= n:
        return False
    if long[-n:] == short and all(is_country_word(w) for w in long[:-n]):
        return True
    return long[:n] == short and all(w.lower() in NAME_TAILS for w in long[n:])


def merge_short_names(clusters: dict[str, Cluster]) -> None:
    """'State Department' = 'U.S. State Department', 'Amnesty' = 'Amnesty International'."""
    named = [c for c in clusters.values() if c.type in {"ORG", "FAC"}]
    words_of = {id(c): c.name.split() for c in named}  # a name changes only by a join
    for short in sorted(named, key=lambda c: len(words_of[id(c)])):
        words = words_of[id(short)]
        found = [c for c in named if c is not short and live(clusters, c) and short_name_of(words, words_of[id(c)])]
        if len(found) == 1 and live(clusters, short):
            join(clusters, found[0], short, "short-name")
            words_of[id(found[0])] = found[0].name.split()


def alias_after(doc: Doc, end: int) -> int | None:
    """The token where a name given as another name begins after a mention ending at `end`:
    ", also known as Y", " (a.k.a. Y", " or better known as the Y"; None when no such phrase follows."""
    i = end
    while i < len(doc) and doc[i].text in {",", "("}:
        i += 1
    first = doc[i].lower_ if i < len(doc) else None
    for phrase in ALIAS_PHRASES:
        words = phrase.split()
        if words[0] == first and [t.lower_ for t in doc[i : i + len(words)]] == words:
            j = i + len(words)
            return j + 1 if j < len(doc) and doc[j].lower_ == "the" else j
    return None


def merge_known_as(doc: Doc, clusters: dict[str, Cluster]) -> None:
    """'X, also known as Y': Y joins X."""
    by_start = {m.start: c for c in clusters.values() for m in c.mentions}
    for c in list(clusters.values()):
        for m in c.mentions:
            other = by_start.get(alias_after(doc, m.end) or -1)
            if other is not None and other is not c and other.type != "ROLE" and live(clusters, c, other):
                join(clusters, c, other, "also-known-as")


@lru_cache(maxsize=4096)
def spelling_words(name: str) -> tuple[str, ...]:
    """The words a spelling is compared on (every pair of an article's names is: computed once a name)."""
    return tuple(w for w in geo.norm(name).replace("-", " ").split() if w not in ACRONYM_SKIPS)


def one_letter_apart(a: str, b: str) -> bool:
    """One letter added or dropped ('tel' ~ 'tell', 'tomashevsky' ~ 'tomaschevsky'); never a last 's',
    'i' or 'a', which make other names ('Roberts', 'Ahmadi', 'Novaka')."""
    short, long = sorted((a, b), key=len)
    if len(long) != len(short) + 1 or len(long) < 4 or (long.startswith(short) and long[-1] in "sia"):
        return False
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def letters(words: tuple[str, ...]) -> int:
    return sum(map(len, words))


def long_enough(words: tuple[str, ...]) -> bool:
    return letters(words) >= 7  # shorter names differ by a letter too often to be one name


def spelling_variants(a: Cluster, b: Cluster, wa: tuple[str, ...], wb: tuple[str, ...]) -> bool:
    """Two names of one thing written two ways in one article (see the module's docstring); `wa` and
    `wb` are the clusters' spelling words."""
    if not (long_enough(wa) and long_enough(wb)):
        return False
    if len(wa) == len(wb):
        differ = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
        return len(differ) == 1 and one_letter_apart(*differ[0])
    short, long = sorted((wa, wb), key=len)
    return (
        len(long) == len(short) + 1
        and any(long[:k] + long[k + 1 :] == short and long[k] in ORG_HEADS for k in range(len(long)))
        and a.type == b.type == "FAC"  # last: a cluster's type is read from all its mentions
    )


def same_sentence(doc: Doc, a: Cluster, b: Cluster) -> bool:
    """Do the two names appear in one sentence? Two names side by side are two entities ('A met A-i')."""
    sentences = {doc[m.start].sent.start for m in a.mentions}
    return any(doc[m.start].sent.start in sentences for m in b.mentions)


def merge_spelling_variants(doc: Doc, clusters: dict[str, Cluster]) -> None:
    named = [c for c in clusters.values() if c.type in NAMED_TYPES | {"PERSON"} and not c.key.startswith("country:")]
    # the name said more often leads; on a tie a place's or organization's evidence ("in X, Syria")
    # outweighs the small model's habit of reading unfamiliar names as people
    named.sort(key=lambda c: (-len(c.mentions), c.type == "PERSON", c.first))
    # every pair is compared: each name's words are read once (a cluster's name only changes when it
    # takes another in, here), and a name too short to be a variant is not paired at all
    words = [spelling_words(c.name) for c in named]
    for i, into in enumerate(named):
        into_words = words[i]
        if not long_enough(into_words):
            continue
        into_letters = letters(into_words)
        for other, other_words in zip(named[i + 1 :], words[i + 1 :], strict=True):
            if (
                # variants differ by one letter or by one head word: most pairs fail on their lengths
                (
                    abs(len(other_words) - len(into_words)) == 1
                    or (len(other_words) == len(into_words) and abs(letters(other_words) - into_letters) == 1)
                )
                and long_enough(other_words)
                and live(clusters, into, other)
                and spelling_variants(into, other, into_words, other_words)
                and not same_sentence(doc, into, other)
            ):
                join(clusters, into, other, "spelling")
                into_words = spelling_words(into.name)
                into_letters = letters(into_words)


def merge_aliases(doc: Doc, clusters: dict[str, Cluster]) -> None:
    merge_defined_acronyms(doc, clusters)
    merge_known_as(doc, clusters)
    merge_acronyms_by_initials(clusters)
    merge_short_names(clusters)
    merge_spelling_variants(doc, clusters)
