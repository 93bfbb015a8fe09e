"""Article structure read from the text alone, before any parsing: headline, dateline, intertitles,
photo captions, credits and body, with character offsets.

Scraped news glues these together: a headline joined to the first sentence with a hyphen ("Leaders
Meet in Lima-The presidents of..."), a dateline after it ("LIMA, Peru — -The presidents"), a section
title run into its paragraph ("Trade talks-When the two..."), a photo caption inside a paragraph
("FILE - A shakes hands with B in C, May 3, 2016."), credits ("(AP Photo/...)", "X contributed to this
report."); transcripts add speaker labels ("SECRETARY SMITH: Thank you.") and stage directions
("(Laughter.)"). kg.nlp starts a sentence at every zone; kg.annotate never lets a name cross a zone
boundary, reads no facts from headlines, datelines, intertitles and a transcript's labels and
directions, and never takes a dateline's place for a visit. A caption keeps the date it ends with.
No spaCy here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg import geo
from kg.lexicon import HONORIFICS, ORG_HEADS, TITLE_HEADS
from kg.names import is_first_name

HEADLINE = "headline"
DATELINE_ZONE = "dateline"
INTERTITLE = "intertitle"
CAPTION = "caption"
CREDIT = "credit"
MARKER = "marker"  # "FILE -" before a photo caption
SPEAKER = "speaker"  # a transcript's speaker label: "SECRETARY SMITH:", "THE GOVERNOR:", "QUESTION:"
ASIDE = "aside"  # a transcript's stage direction: "(Laughter.)", "(Applause.)", "(Off-mike.)"
SIGNATURE = "signature"  # who gives a statement, in its header: "Anna Berg" / "Minister of Trade" / "Ministry of Trade"
BODY = "body"
# Zones that state no facts: titles, markers, the place a story was filed from, and a transcript's labels
# and stage directions (the small model reads a capitalized label as a place and "Laughter" as a name).
SILENT = frozenset({HEADLINE, DATELINE_ZONE, INTERTITLE, MARKER, SPEAKER, ASIDE, SIGNATURE})

# A dateline opening a paragraph or following a glued headline: "NEW DELHI —", "LIMA, March 3
# (Reuters) -", "BEIJING (AP) —", "ISLAMABAD: ...", "ROME — -", and in title case when a date follows:
# "Ottawa, Nov 19 (IANS): ...".
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'/\- ]{1,40}[A-Z.]"  # NEW DELHI, DOHA/NEW YORK
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?=,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b))"  # Ottawa, Nov 19
    r"(?:,[^\n\u2014\u2013]{0,40}?)?"  # , March 3 / , PERU
    r"(?:\s*\([^)\n]{1,40}\)\s*(?:[\u2014\u2013-]{1,2}\s?|:\s)"  # (Reuters) - or (Reuters) -A plane...
    r"|\s*(?:[\u2014\u2013-]{1,2}|:)\s)"  # a dash, or a colon ("ISLAMABAD: ...")
    r"(?:[\u2014\u2013-]{1,2}(?=\S))?",  # "— -The ...": a second dash glued to the first word
    re.MULTILINE,
)
# Words a headline or a section title writes in lower case; any other lower-case word starts the body.
TITLE_LOWER_WORDS = frozenset(
    "a an the and or but nor as at by for from in into of on onto to with without vs via over after before "
    "amid against about up off out than".split()
)
# Word prefixes joined by a hyphen, never a zone boundary ("Anti-war", "Pro-Russian", "al-Hakim").
HYPHEN_PREFIXES = frozenset("anti pro non ex co post pre mid self then vice al el ad us un multi inter".split())
# A hyphen that may glue two zones: no space on one side at least, a capital (or a quote) after it.
GLUE = re.compile(r"(?:(?<=\S)-(?=[A-Z\"“‘'])|(?<=\s)-(?=[A-Z\"“‘']))")
MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A caption's own date, where it ends: "…, May 3, 2016." / "… 22 February 1972 …".
CAPTION_DATE = re.compile(rf"(?:{MONTHS} \d{{1,2}}, \d{{4}}|\d{{1,2}} {MONTHS} \d{{4}})")
CAPTION_START = re.compile(r"\bFILE\s*[-\u2013\u2014]+\s*")
# Photo caption position marks: "A, left, and B"; "A (R)".
POSITION_MARK = re.compile(r", (?:far )?(?:left|right|center|centre)[,.]|\((?:L|R|C|left|right|center)\)")
# Who took a photo for which outlet: "(AP Photo/Kim Lee)", "(K. Lee / Agency)".
PHOTO_CREDIT = re.compile(
    r"\((?:(?P<outlet>[A-Z][\w.]*) Photo ?/ ?(?P<name>[A-Z][^)/\n]{1,40})"
    r"|(?P<name2>(?:[A-Z]\. )?[A-Z][\w'-]+(?: [A-Z][\w'-]+)?) ?/ ?(?P<outlet2>[A-Z][\w]+))\)"
)
CREDIT_PATTERNS = (
    re.compile(r"\((?:[A-Z][\w.]* )?Photo[^)\n]{0,60}\)"),  # (AP Photo/Name)
    re.compile(r"\((?:[A-Z]\. )?[A-Z][\w'-]+ ?/ ?[A-Z][\w]*\)"),  # (V. Name / VOA)
    # "X contributed to this report from Y."
    re.compile(
        r"(?:^|(?<=[.!?\"] ))[^.\n]{0,120}\bcontributed(?: to)?(?: this| the)? ?(?:report|story)?[^.\n]{0,80}\."
    ),
)
# A transcript's speaker label opening a line, in capitals before a colon: "FOREIGN MINISTER SMITH: Thank
# you." (the shape of a dateline such as "ISLAMABAD: ...": told apart by its words, is_speaker_label).
SPEAKER_LABEL = re.compile(r"(?P<label>(?:[A-Z][A-Z.'\-]*[ \t]+){0,4}[A-Z][A-Z.'\-]*):(?=[ \t]|$)")
# Words that make a capitalized label a speaker's, besides titles and honorifics (kg.lexicon).
SPEAKER_WORDS = frozenset("q question questioner moderator participant operator audience interpreter".split())
# A stage direction in a transcript: one to three words in brackets, ending in a full stop.
STAGE_DIRECTION = re.compile(r"\([A-Z][a-z]+(?:[ -][a-z]+){0,2}\.\)")
# A full stop (or ! ?) that ends a sentence: a capital follows; not after an initial or a short title.
STOP = re.compile(r"[.!?][\u201d\"\u2019']?(?=\s+[A-Z\u201c\"])")
ABBREVIATIONS = frozenset("mr ms mrs dr st jr sr lt mt gen col sgt capt gov sen rep no adm maj cpl pvt ft".split())


@dataclass(frozen=True)
class Zone:
    kind: str
    start: int
    end: int
    date_text: str | None = None  # a caption's own date


def is_title_phrase(words: list[str], max_words: int) -> bool:
    """Words a headline or a section title could be: few, no digits-only run, no lower-case word but
    function words, no sentence punctuation."""
    if not 1 <= len(words) <= max_words:
        return False
    for w in words:
        core = w.strip("'\"“”‘’:,()")
        if not core:
            continue
        if core[0].islower() and core.lower() not in TITLE_LOWER_WORDS:
            return False
    return True


def is_sentence_case_title(words: list[str]) -> bool:
    """A section title in sentence case: 'Trade talks', 'One China rethink' (short, capital first, no
    verb-like ending, no quotes or digits)."""
    if not 1 <= len(words) <= 4 or not words[0][:1].isupper():
        return False
    text = " ".join(words)
    return not re.search(r"[\d\"“”]", text) and not text.endswith(("ed", "ing")) or len(words) == 1


def glue_points(line: str, limit: int) -> list[int]:
    """Offsets of hyphens in a line that may join two zones (not 'Anti-war', 'U.S.-led', 'Jean-Pierre')."""
    out = []
    for m in GLUE.finditer(line[:limit]):
        before = line[: m.start()].rstrip()
        last = before.split()[-1] if before.split() else ""
        after = line[m.end() :].split()[0] if line[m.end() :].split() else ""
        if last.lower().strip(".") in HYPHEN_PREFIXES or len(last.strip(",.")) < 2:
            continue  # "Anti-war", "al-Hakim", a party's letter ("R-Texas")
        if not before[-1:].isspace() and (is_state_word(last) or is_state_word(after)):
            continue  # "Israeli-Palestinian talks", "Russia-Ukraine deal": one compound word
        out.append(m.start())
    return out


def is_state_word(word: str) -> bool:
    from kg import geo

    word = word.strip(",.;:'\"\u2019")
    return bool(word) and bool(geo.canonical_country(word) or geo.country_of_adjective(word))


def is_speaker_label(label: str) -> bool:
    """'THE GOVERNOR', 'MR. SMITH', 'QUESTION': a label naming a speaker by a title, an honorific or a
    role in the conversation, not a place."""
    words = label.lower().replace(".", " ").split()
    return any(w in TITLE_HEADS or w in HONORIFICS or w in SPEAKER_WORDS for w in words)


def headline_split(line: str) -> int | None:
    """Where a glued headline ends in a first line: the hyphen after which a dateline opens, else the
    last hyphen before the first word a headline would not write (a lower-case content word)."""
    points = glue_points(line, 400)
    for p in points:
        if DATELINE.match(line[p + 1 :]) and is_title_phrase(line[:p].split(), 25):
            return p
    words = list(re.finditer(r"\S+", line))
    first_lower = next(
        (w.start() for w in words if w.group()[0].islower() and w.group().lower().strip(",.") not in TITLE_LOWER_WORDS),
        len(line),
    )
    # a headline has a few words at least; "Ukraine-Russia talks..." opens a sentence
    before = [
        p for p in points if p < first_lower and is_title_phrase(line[:p].split(), 25) and len(line[:p].split()) >= 3
    ]
    return before[-1] if before else None


def intertitle_split(line: str) -> int | None:
    """'Trade talks-When the two sides met...': a short section title glued to its paragraph."""
    for p in glue_points(line, 60):
        words = line[:p].split()
        if len(words) == 1 and is_first_name(words[0]):
            return None  # "Jean-Pierre Dupont"
        if is_sentence_case_title(words) or (is_title_phrase(words, 5) and "," in line[:p]):
            return p
    return None


# A place on a line of its own: "Lyon, France", "Dayton, Ohio", "Albany, NY".
PLACE_LINE = re.compile(
    r"^\s*[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}(?:, [A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,2}){1,2}\s*$"
)
# How far into an article a header block (title, speaker, place, date) reaches, in lines.
HEADER_LINES = 8


def is_place_line(line: str) -> bool:
    """A header line naming only where a statement was given: its last part a country or a US state."""
    if not PLACE_LINE.match(line):
        return False
    last = line.strip().rsplit(",", 1)[1].strip()
    place = geo.lookup_place(last)
    return geo.us_state(last) is not None or (place is not None and place.kind in {"country", "state"})


# A statement's signature in its header: a name on a line of its own ("Anna M. Berg"), or with a title
# after a comma ("Anna Berg, Trade Spokesperson"); the title and organization lines under it follow.
NAME_LINE = re.compile(
    r"(?P<name>[A-Z][a-z]+(?: (?:[A-Z]\.|[A-Z][a-z]+(?:-[A-Z][a-z]+)?)){1,3}(?: (?:Jr\.|Sr\.|II|III|IV))?)"
    r"(?:, (?P<title>[A-Z][^,\n]{2,80}?))?[ \t]*$"
)
# Words that make a header line an organization's name ("Ministry of Trade", "Embassy of Y in Z").
SIGNATURE_ORG_WORDS = ORG_HEADS | frozenset({"mission", "embassy", "consulate", "delegation", "secretariat"})
SIGNATURE_LINES = 3  # title and organization lines under a name, at most


@dataclass(frozen=True)
class Signature:
    """Character spans of a statement's signature: the name, its titles (after the name's comma, or on
    lines of their own) and the organizations named on lines of their own."""

    name: tuple[int, int]
    titles: tuple[tuple[int, int], ...]
    organizations: tuple[tuple[int, int], ...]


def signature_line_kind(line: str) -> str | None:
    """'title' for a header line holding an office ("U.S. Permanent Representative to the Y"),
    'organization' for one naming an organization ("Ministry of Trade"), else None. Both are written in
    Title Case without a full stop."""
    words = line.split()
    if not words or len(words) > 12 or line.rstrip()[-1] in ".!?:;" or not is_title_phrase(words, 12):
        return None
    lowered = {w.strip(",.'\u2019()").lower() for w in words}
    if lowered & TITLE_HEADS:
        return "title"
    return "organization" if lowered & SIGNATURE_ORG_WORDS else None


def signatures(text: str) -> list[Signature]:
    """The signature of a statement's header (HEADER_LINES; never its first line, the title): a name whose
    first word is a first name, with a title after its comma or a title or organization line under it."""
    lines = [m for m in re.finditer(r"[^\n]*", text) if m.group().strip()][:HEADER_LINES]
    found: list[Signature] = []
    n = 1
    while n < len(lines):
        line = lines[n]
        m = NAME_LINE.match(line.group().strip())
        if m is None or not is_first_name(m.group("name").split()[0]):
            n += 1
            continue
        lead = len(line.group()) - len(line.group().lstrip())
        at = line.start() + lead
        titles = [(at + m.start("title"), at + m.end("title"))] if m.group("title") else []
        if m.group("title") and signature_line_kind(m.group("title")) != "title":
            n += 1
            continue
        organizations: list[tuple[int, int]] = []
        k = n + 1
        while k < len(lines) and k <= n + SIGNATURE_LINES:
            below, previous = lines[k], lines[k - 1]
            if "\n\n" in text[previous.end() : below.start() + 1].replace(" ", "").replace("\t", ""):
                break  # a blank line ends the signature
            kind = signature_line_kind(below.group())
            if kind is None or is_place_line(below.group()):
                break
            span = (below.start(), below.start() + len(below.group().rstrip()))
            (titles if kind == "title" else organizations).append(span)
            k += 1
        if titles or organizations:
            name = (at + m.start("name"), at + m.end("name"))
            found.append(Signature(name, tuple(titles), tuple(organizations)))
        n = k
    return found


def line_zones(text: str, start: int, end: int, first: bool, header: bool = False) -> list[Zone]:
    """Headline, dateline and intertitle zones opening one line; the rest of the line is body. A place
    line in an article's header block ("Lyon, France" under a speaker's name) is a dateline."""
    line = text[start:end]
    if header and is_place_line(line):
        return [Zone(DATELINE_ZONE, start, end)]
    speaker = SPEAKER_LABEL.match(line)
    if speaker and is_speaker_label(speaker.group("label")):
        body_start = len(line) - len(line[speaker.end() :].lstrip())
        rest = [Zone(BODY, start + body_start, end)] if body_start < len(line) else []
        return [Zone(SPEAKER, start, start + speaker.end()), *rest]
    out: list[Zone] = []
    at = 0
    opens_with_dateline = bool(DATELINE.match(line))
    split = headline_split(line) if first and not opens_with_dateline else None
    if split is not None:
        out.append(Zone(HEADLINE, start, start + split))
        at = split + 1
    elif not first:
        split = intertitle_split(line)
        if split is not None:
            out.append(Zone(INTERTITLE, start, start + split))
            at = split + 1
    m = DATELINE.match(line[at:])
    if m and m.group("place").strip() != "FILE":  # "FILE - A meets B": a photo caption
        out.append(Zone(DATELINE_ZONE, start + at, start + at + m.end()))
        at += m.end()
    if at < len(line):
        out.append(Zone(BODY, start + at, end))
    return out


def caption_spans(text: str, start: int, end: int) -> list[tuple[int, int, str, str | None]]:
    """Photo captions inside a body span: from "FILE -" to the caption's date (or its sentence end); and
    sentences with a position mark ("A, left, and B") that carry a full date."""
    out = []
    for m in CAPTION_START.finditer(text, start, end):
        window_end = min(end, m.start() + 600)
        date = CAPTION_DATE.search(text, m.end(), window_end)
        cut = sentence_end(text, date.end() if date else m.end(), window_end)
        out.append((m.start(), m.end(), MARKER, None))
        out.append((m.end(), cut, CAPTION, date.group() if date and date.end() <= cut else None))
    return out


def sentence_end(text: str, start: int, end: int) -> int:
    """Where the sentence running from `start` ends (after its full stop), or `end`."""
    for m in STOP.finditer(text, start, end):
        word = re.search(r"(\S+)$", text[start : m.start()])
        token = word.group(1).lower().strip('("“') if word else ""
        if len(token) == 1 or token in ABBREVIATIONS or "." in token:
            continue  # "Lt. Col.", "John F. Kennedy", "the U.S. President"
        return m.end()
    return end


def credit_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for p in CREDIT_PATTERNS for m in p.finditer(text, start, end)]
    return sorted(spans)


def carve(zone: Zone, pieces: list[tuple[int, int, str, str | None]]) -> list[Zone]:
    """A body zone cut around caption and credit pieces inside it."""
    out: list[Zone] = []
    at = zone.start
    for s, e, kind, date in sorted(pieces):
        s, e = max(s, at), min(e, zone.end)
        if s >= e:
            continue
        if s > at:
            out.append(Zone(BODY, at, s))
        out.append(Zone(kind, s, e, date))
        at = e
    if at < zone.end:
        out.append(Zone(BODY, at, zone.end))
    return out


def find_zones(text: str, signed: list[Signature] | None = None) -> tuple[Zone, ...]:
    """The zones of an article body, in order, covering every non-blank line. `signed`: the body's
    signatures, when the caller has found them (else found here)."""
    zones: list[Zone] = []
    first = True
    lines = 0
    signature_lines = {
        line_start
        for sig in (signatures(text) if signed is None else signed)
        for line_start in (text.rfind("\n", 0, a) + 1 for a, _ in (sig.name, *sig.titles, *sig.organizations))
    }
    for m in re.finditer(r"[^\n]+", text):
        if not m.group().strip():
            continue
        lines += 1
        if m.start() in signature_lines:
            zones.append(Zone(SIGNATURE, m.start(), m.end()))
            first = False
            continue
        for zone in line_zones(text, m.start(), m.end(), first, header=lines <= HEADER_LINES):
            if zone.kind != BODY:
                zones.append(zone)
                continue
            pieces = caption_spans(text, zone.start, zone.end)
            pieces += [(s, e, CREDIT, None) for s, e in credit_spans(text, zone.start, zone.end)]
            pieces += [(d.start(), d.end(), ASIDE, None) for d in STAGE_DIRECTION.finditer(text, zone.start, zone.end)]
            zones.extend(carve(zone, pieces))
        first = False
    return tuple(zones)


def dated_captions(zones: tuple[Zone, ...]) -> tuple[tuple[int, int, str], ...]:
    """(start, end, date phrase) of the photo captions that carry their own date."""
    return tuple((z.start, z.end, z.date_text) for z in zones if z.kind == CAPTION and z.date_text)


def photo_credits(text: str, zones: tuple[Zone, ...]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(photographer's name span, outlet span) of each photo credit in a credit zone."""
    out = []
    for z in (z for z in zones if z.kind == CREDIT):
        for m in PHOTO_CREDIT.finditer(text, z.start, z.end):
            name = "name" if m.group("name") else "name2"
            outlet = "outlet" if m.group("outlet") else "outlet2"
            out.append((m.span(name), m.span(outlet)))
    return out


def dateline_ranges(text: str, zones: tuple[Zone, ...] | None = None) -> list[tuple[int, int]]:
    """Character ranges of whole datelines (of `zones`, the text's, when the caller has them)."""
    return [(z.start, z.end) for z in (find_zones(text) if zones is None else zones) if z.kind == DATELINE_ZONE]


def dateline_places(text: str, zones: tuple[Zone, ...] | None = None) -> list[tuple[int, int]]:
    """Character ranges of the places datelines open with."""
    out = []
    for start, end in dateline_ranges(text, zones):
        m = DATELINE.match(text[start:end])
        if m:
            out.append((start + m.start("place"), start + m.end("place")))
        elif is_place_line(text[start:end]):
            out.append((start, end))
    return out
