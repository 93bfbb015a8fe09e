"""Turtle export following ../shared/eval/README.md and kg.vocab.

- Entities: IRIs `<base>entity/<id>`, a schema.org class, `rdfs:label` (canonical name), `skos:altLabel`
  (every other surface form), `owl:sameAs` GeoNames where the place resolves unambiguously.
- Facts that occurred or are planned: a direct triple `entity kg:predicate entity`.
- Every fact and sentence: an `rdf:Statement` reifying the triple with `prov:wasDerivedFrom` the document,
  `kg:evidence` (the sentence), character offsets, `kg:status`, the rule and its confidence. Intentions
  ("wants to meet") are kept as statements only (`kg:asserted false`), never as direct triples: a query
  over direct triples returns what happened or is scheduled, not what someone wishes.
- Documents: `schema:NewsArticle` with headline, publisher, url, datePublished.

Written by hand, streamed from sorted statements: terms are N-Triples strings (every literal escaped
here), triples are grouped by subject and the subjects sorted, so the same graph gives the same bytes.
A graph of a thousand articles has about a million triples; what costs time is making them, so they are
made per *unit* (the vocabulary, an article, an entity with its direct facts, one statement, an event
with its mentions) and a unit whose input did not change since the last build is not made again
(`Memo`, kept beside the cache by `kg build`). The same units give the N-Triples that load the
Oxigraph store, and tell which subjects changed, so the store is updated rather than rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import networkx as nx

from kg import relations, vocab
from kg.export.files import read_pickle, write_atomic
from kg.export.fragments import digest
from kg.relations import ROLES, SYMMETRIC
from kg.types import INTENDED

if TYPE_CHECKING:
    from kg.export.networkx_files import ElementKeys

Pair = tuple[str, str]  # (predicate, object) as N-Triples terms
Triple = tuple[str, str, str]
# Bump when the vocabulary's triples change shape (its content is digested anyway).
VOCABULARY_VERSION = 1


def iri(text: str) -> str:
    # IRIs are minted from ASCII slugs, hashes and integers; anything else is percent-encoded
    return "<" + UNSAFE_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), text) + ">"


UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\U0010ffff]')
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t\b\f]')


def s(text: object) -> str:
    """A plain string literal."""
    return '"' + NEEDS_ESCAPE.sub(lambda m: ESCAPES[m.group()], str(text)) + '"'


def typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{datatype}>'


def lang(text: str, tag: str = "en") -> str:
    return s(text) + "@" + tag


def integer(n: int) -> str:
    return typed(str(int(n)), XSD_INT)


XSD_INT = vocab.XSD + "integer"
XSD_DEC = vocab.XSD + "decimal"
XSD_DATE = vocab.XSD + "date"
XSD_BOOL = vocab.XSD + "boolean"
RDF_TYPE = iri(vocab.RDF + "type")
LABEL = iri(vocab.RDFS + "label")
COMMENT = iri(vocab.RDFS + "comment")
ALT = iri(vocab.SKOS + "altLabel")
SAME_AS = iri(vocab.OWL + "sameAs")
DERIVED = iri(vocab.PROV + "wasDerivedFrom")


class Terms:
    """IRIs of one export, under one base namespace."""

    def __init__(self, base: str = vocab.BASE) -> None:
        self.base = base
        self.kg = vocab.kg_ns(base)
        # each entity, document and property is named in thousands of triples: its IRI is made once
        self.made: dict[tuple[str, str], str] = {}

    def entity(self, entity_id: str) -> str:
        found = self.made.get(("entity", entity_id))
        if found is None:
            found = self.made["entity", entity_id] = iri(f"{self.base}entity/{entity_id}")
        return found

    def document(self, doc_id: str) -> str:
        found = self.made.get(("document", doc_id))
        if found is None:
            found = self.made["document", doc_id] = iri(f"{self.base}document/{doc_id}")
        return found

    def v(self, name: str) -> str:
        found = self.made.get(("v", name))
        if found is None:
            found = self.made["v", name] = iri(self.kg + name)
        return found

    def statement(self, *parts: object) -> str:
        digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
        return iri(f"{self.base}statement/{digest}")


def schema(name: str) -> str:
    return iri(vocab.SCHEMA + name)


def vocabulary_triples(t: Terms, _version: int = VOCABULARY_VERSION) -> Iterator[Triple]:
    for p in vocab.PREDICATES.values():
        node = t.v(p.name)
        yield node, RDF_TYPE, iri(vocab.RDF + "Property")
        yield node, RDF_TYPE, iri(vocab.OWL + "ObjectProperty")
        if p.symmetric:
            yield node, RDF_TYPE, iri(vocab.OWL + "SymmetricProperty")
        yield node, LABEL, lang(p.label)
        yield node, COMMENT, lang(p.comment)
    for name, comment in vocab.EVENT_CLASSES.items():
        node = t.v(name)
        yield node, RDF_TYPE, iri(vocab.OWL + "Class")
        yield node, iri(vocab.RDFS + "subClassOf"), schema("Event")
        yield node, COMMENT, lang(comment)
    for name, comment in vocab.STATEMENT_PROPERTIES.items():
        node = t.v(name)
        yield node, RDF_TYPE, iri(vocab.RDF + "Property")
        yield node, COMMENT, lang(comment)


def entity_triples(t: Terms, node_id: str, data: dict, facts: list[tuple[str, str]]) -> Iterator[Triple]:
    """An entity, and the facts (predicate, other entity) it is the subject of."""
    node = t.entity(node_id)
    for p, o in entity_pairs(t, data):
        yield node, p, o
    for predicate, obj in facts:
        yield node, t.v(predicate), t.entity(obj)


def entity_pairs(t: Terms, data: dict) -> Iterator[Pair]:
    etype = data.get("type", "ORG")
    yield RDF_TYPE, schema(vocab.CLASSES.get(etype, "Thing"))
    if etype in {"GPE", "LOC", "FAC"}:
        yield RDF_TYPE, schema("Place")
    yield LABEL, s(data["name"])
    yield t.v("entityType"), s(etype)
    yield t.v("mentionCount"), integer(data.get("mentions", 0))
    for alias in data.get("aliases", []):
        yield ALT, s(alias)
    mentioned = t.v("mentionedIn")
    for doc in data.get("documents", []):
        yield mentioned, t.document(doc)
    if data.get("geonames"):
        yield SAME_AS, iri(f"https://sws.geonames.org/{int(data['geonames'])}/")


def document_triples(t: Terms, doc_id: str, meta: dict) -> Iterator[Triple]:
    node = t.document(doc_id)
    for p, o in document_pairs(t, doc_id, meta):
        yield node, p, o


def document_pairs(t: Terms, doc_id: str, meta: dict) -> Iterator[Pair]:
    yield RDF_TYPE, schema("NewsArticle")
    yield RDF_TYPE, iri(vocab.PROV + "Entity")
    yield schema("identifier"), s(doc_id)
    for path in filter(None, [meta.get("path"), *meta.get("copies", [])]):  # copies: files with the same text
        yield schema("name"), s(Path(path).name)
    if meta.get("title"):
        yield schema("headline"), s(meta["title"])
    if meta.get("outlet"):
        yield schema("publisher"), s(meta["outlet"])
    if meta.get("url"):
        yield schema("url"), s(meta["url"])
    if meta.get("published"):
        yield schema("datePublished"), typed(meta["published"], XSD_DATE)
    if meta.get("date_source"):
        yield t.v("dateSource"), s(meta["date_source"])


def oriented(subject: str, obj: str, predicate: str) -> tuple[str, str]:
    """A symmetric fact is written one way: from the smaller id."""
    if predicate in SYMMETRIC and obj < subject:
        return obj, subject
    return subject, obj


def statement_triples(t: Terms, subject: str, obj: str, facts: list[tuple[dict, list[dict]]]) -> Iterator[Triple]:
    """The statements of the facts from `subject` to `obj` of one relation (each fact with its evidence):
    one per sentence supporting a fact. A symmetric fact stated both ways is two facts here, and a sentence
    supporting both one statement (the same IRI, its triples made twice)."""
    for fact, evidence in facts:
        for ev in evidence:
            st = statement_id(t, subject, obj, fact, ev)
            for p, o in statement_pairs(t, subject, obj, fact, ev):
                yield st, p, o


def statement_pairs(t: Terms, subject: str, obj: str, data: dict, ev: dict) -> Iterator[Pair]:
    """One sentence's support for one fact, as an rdf:Statement."""
    yield from fact_pairs(t, subject, obj, data)
    yield from sentence_pairs(t, data, ev)


def fact_pairs(t: Terms, subject: str, obj: str, data: dict) -> Iterator[Pair]:
    """What every statement of one fact says alike."""
    yield RDF_TYPE, iri(vocab.RDF + "Statement")
    yield iri(vocab.RDF + "subject"), t.entity(subject)
    yield iri(vocab.RDF + "predicate"), t.v(data["relation"])
    yield iri(vocab.RDF + "object"), t.entity(obj)
    yield t.v("status"), s(data["status"])
    yield t.v("factConfidence"), typed(f"{float(data['confidence']):.2f}", XSD_DEC)
    yield t.v("support"), integer(data["support"])
    yield t.v("asserted"), typed("false" if data["status"] == INTENDED else "true", XSD_BOOL)
    if data.get("verb"):
        yield t.v("verb"), s(data["verb"])


def sentence_pairs(t: Terms, data: dict, ev: dict) -> Iterator[Pair]:
    """What a statement of a fact says of its own sentence."""
    yield DERIVED, t.document(ev["doc_id"])
    yield t.v("evidence"), s(ev["sentence"])
    yield t.v("sentenceStart"), integer(ev["sent_start"])
    yield t.v("sentenceEnd"), integer(ev["sent_end"])
    yield t.v("start"), integer(ev["start"])
    yield t.v("end"), integer(ev["end"])
    yield t.v("rule"), s(ev["rule"])
    yield t.v("confidence"), typed(f"{float(ev.get('confidence', data['confidence'])):.2f}", XSD_DEC)
    if ev.get("date_text"):
        yield t.v("dateText"), s(ev["date_text"])


def statement_id(t: Terms, subject: str, obj: str, data: dict, ev: dict) -> str:
    return t.statement(
        subject, data["relation"], obj, data["status"], data.get("verb"), ev["doc_id"], ev["sent_start"], ev["start"],
        ev["rule"],
    )  # fmt: skip


DATE_TYPES = ((r"^\d{4}-\d{2}-\d{2}$", "date"), (r"^\d{4}-\d{2}$", "gYearMonth"), (r"^\d{4}$", "gYear"))


def date_literal(value: str) -> str | None:
    for pattern, xsd_type in DATE_TYPES:
        if re.match(pattern, value):
            return typed(value, vocab.XSD + xsd_type)
    return None


def event_triples(t: Terms, event: dict, names: dict[str, str]) -> Iterator[Triple]:
    node = iri(f"{t.base}event/{event['id']}")
    yield node, RDF_TYPE, schema("Event")
    yield node, RDF_TYPE, t.v(event["kind"])
    people = " \u2013 ".join(names.get(p["entity"], p["entity"]) for p in event["participants"])
    yield node, LABEL, s(f"{event['kind']}: {people}" + (f" ({event['date']})" if event.get("date") else ""))
    yield node, t.v("status"), s(event["status"])
    yield node, t.v("ploverType"), s(event["plover"])
    if event.get("cameo"):
        yield node, t.v("cameoCode"), s(event["cameo"])
    if event.get("verb"):
        yield node, t.v("verb"), s(event["verb"])
    if event.get("date_text"):
        yield node, t.v("dateText"), s(event["date_text"])
    date = event.get("date")
    if date:
        if "/" in date:
            start, end = date.split("/", 1)
            for prop, value in (("startDate", start), ("endDate", end)):
                lit = date_literal(value)
                if lit is not None:
                    yield node, schema(prop), lit
        else:
            lit = date_literal(date)
            if lit is not None:
                yield node, schema("startDate"), lit
        yield node, t.v("date"), s(date)
        if event.get("date_source"):
            yield node, t.v("dateSource"), s(event["date_source"])
    for place in event["places"]:
        yield node, schema("location"), t.entity(place)
    for p in event["participants"]:
        yield node, schema("attendee"), t.entity(p["entity"])
        yield node, t.v(ROLES[p["role"]].property if p["role"] in ROLES else "participant"), t.entity(p["entity"])
    for n, m in enumerate(event["mentions"]):
        mention = iri(f"{t.base}event/{event['id']}/mention/{n}")
        yield node, DERIVED, t.document(m["doc_id"])
        yield node, t.v("evidence"), s(m["sentence"])
        yield node, t.v("mention"), mention
        yield mention, DERIVED, t.document(m["doc_id"])
        yield mention, t.v("evidence"), s(m["sentence"])
        yield mention, t.v("sentenceStart"), integer(m["sent_start"])
        yield mention, t.v("sentenceEnd"), integer(m["sent_end"])
        yield mention, t.v("start"), integer(m["start"])
        yield mention, t.v("end"), integer(m["end"])
        yield mention, t.v("rule"), s(m["rule"])


# --- units: what is made at once, and cached by its input -------------------------------------------


@dataclass(frozen=True)
class Unit:
    """Triples made from one input by one maker: `key` digests the maker, the input and the base, so an
    unchanged input means unchanged triples."""

    key: bytes
    make: Callable[..., Iterator[Triple]]
    args: tuple


def unit(make: Callable[..., Iterator[Triple]], t: Terms, *args: object, named_by: tuple | None = None) -> Unit:
    """The unit `make(t, *args)`, keyed by its input, or by `named_by` when given (digests of that input,
    made already)."""
    return Unit(digest(make.__name__, t.base, args if named_by is None else named_by), make, (t, *args))


def units(graph: nx.MultiDiGraph, base: str = vocab.BASE, keys: ElementKeys | None = None) -> Iterator[Unit]:
    """Every unit of the export, in one pass over the graph's articles, nodes, edges and events. `keys`: the
    keys of the graph's nodes and edges (kg.export.networkx_files.element_keys), when made already: a unit
    made from nodes or edges is then named by theirs, rather than by digesting what they hold once more."""
    t = Terms(base)
    yield unit(vocabulary_triples, t, VOCABULARY_VERSION)
    for doc_id, meta in graph.graph.get("articles", {}).items():
        yield unit(document_triples, t, doc_id, meta)
    # direct facts belong to their (oriented) subject's unit. Statements are made by (oriented) ends and
    # relation, all sentences at once: one added sentence changes its fact's support, and with it every
    # statement of the fact, so finer units would not be reused, and a unit's key costs as much to make as
    # a statement. A sentence supporting a symmetric fact stated both ways is one statement: both ways
    # orient to the same unit.
    direct: dict[str, set[tuple[str, str]]] = defaultdict(set)
    facts: dict[tuple[str, str, str], list[tuple[dict, list[dict]]]] = defaultdict(list)
    named: dict[tuple[str, str, str], list[bytes]] = defaultdict(list)  # the keys of the edges of each
    for u, v, key, data in graph.edges(keys=True, data=True):
        subject, obj = oriented(u, v, data["relation"])
        if data["status"] != INTENDED:
            direct[subject].add((data["relation"], obj))
        fact = {k: data.get(k) for k in ("relation", "status", "verb", "confidence", "support")}
        if fact["support"] is None:
            fact["support"] = len(data["evidence"])
        facts[(subject, obj, data["relation"])].append((fact, data["evidence"]))
        if keys is not None:
            named[(subject, obj, data["relation"])].append(keys[1][(u, v, key)])
    for node_id, data in graph.nodes(data=True):
        facts_of = sorted(direct.get(node_id, ()))
        # what the node holds, by its key
        named_by = None if keys is None else (keys[0][node_id], facts_of)
        yield unit(entity_triples, t, node_id, data, facts_of, named_by=named_by)
    for ends, stated in facts.items():
        subject, obj, _relation = ends
        # the ends, and all that the facts and their sentences are, by their edges' keys
        named_by = None if keys is None else (subject, obj, named[ends])
        yield unit(statement_triples, t, subject, obj, stated, named_by=named_by)
    names = {n: d.get("name", n) for n, d in graph.nodes(data=True)}
    for event in graph.graph.get("events", []):
        shown = {p["entity"]: names.get(p["entity"], p["entity"]) for p in event["participants"]}
        yield unit(event_triples, t, event, shown)


# --- writing -----------------------------------------------------------------------------------------


# One subject's triples as Turtle: (subject as an N-Triples term, Turtle text in UTF-8). Plain tuples: a
# thousand-article memo holds tens of thousands and is read back at every build. The text is kept encoded:
# a memo's bytes are read back, and joined into graph.ttl, at a fraction of what its text costs (decoded,
# then encoded again).
Block = tuple[str, bytes]


@lru_cache(maxsize=1)
def code_version() -> str:
    """The source of what makes the triples: blocks made by other code are never reused."""
    h = hashlib.sha256()
    for module in (__file__, vocab.__file__, relations.__file__):
        h.update(Path(module).read_bytes())
    return h.hexdigest()


# A build that adds an article to a big corpus changes a tenth of the memo's text (the units of the facts
# whose support grew): the memo is kept as a base file and a delta beside it, which holds the units the base
# lacks and the keys of the export, so that such a build writes that tenth and not the whole memo (90 MB
# for 2,000 articles). A delta that outgrows this share of the base is folded into a new base.
DELTA_SHARE = 0.5


def delta_path(path: Path) -> Path:
    return path.with_name(path.stem + "-delta" + path.suffix)


@dataclass
class Memo:
    """Blocks of the last export by unit key, kept beside the cache between builds: a base file and its
    delta (`files`; kg build writes them aside, kg.export.files.write_aside, and moves them into place
    once the outputs are committed). Blocks are named by their input's digest, so a memo that is older than
    the last export (a delta lost) is never wrong, only of less use."""

    blocks: dict[bytes, tuple[Block, ...]] = field(default_factory=dict)
    base: frozenset[bytes] = frozenset()  # the units of the base file
    base_name: str = ""  # names the base file; a delta names the base it completes
    base_size: int = 0  # bytes of the base's blocks
    new_base: bool = False  # the base is not written yet

    @classmethod
    def load(cls, path: Path) -> Memo:
        found = read_memo_file(path)
        if found is None:
            return cls()
        name, size, blocks = found
        memo = cls(blocks, frozenset(blocks), name, size)
        delta = read_memo_file(delta_path(path))
        if delta is not None and delta[0] == name:  # else a delta of another base: the base alone
            _, keys, added = delta
            with contextlib.suppress(KeyError, TypeError):  # a damaged delta: the base alone
                memo.blocks = {key: added[key] if key in added else blocks[key] for key in keys}
        return memo

    def then(self, blocks: dict[bytes, tuple[Block, ...]]) -> Memo:
        """The memo of the export of `blocks`, this one being the last: on this base when the blocks the base
        lacks are few enough (DELTA_SHARE), else on a new base of them all."""
        lacking = size_of(b for key, b in blocks.items() if key not in self.base) if self.base else None
        if lacking is not None and lacking <= DELTA_SHARE * self.base_size:
            return Memo(blocks, self.base, self.base_name, self.base_size)
        keys = frozenset(blocks)
        name = hashlib.sha256(b"".join(sorted(keys))).hexdigest()
        return Memo(blocks, keys, name, size_of(blocks.values()), new_base=True)

    def files(self, path: Path) -> list[tuple[Path, Callable[[BinaryIO], None]]]:
        """Where the memo goes (`path` for the base) and what writes each file: the delta, after the base when
        that is new."""

        def write_base(handle: BinaryIO) -> None:
            pickle.dump((code_version(), self.base_name, self.base_size, self.blocks), handle, protocol=5)

        def write_delta(handle: BinaryIO) -> None:
            added = {key: b for key, b in self.blocks.items() if key not in self.base}
            pickle.dump((code_version(), self.base_name, list(self.blocks), added), handle, protocol=5)

        return [*([(path, write_base)] if self.new_base else []), (delta_path(path), write_delta)]


def size_of(units: Iterable[tuple[Block, ...]]) -> int:
    """The bytes of the units' blocks."""
    return sum(len(text) for blocks in units for _, text in blocks)


def read_memo_file(path: Path) -> tuple | None:
    """A memo file's contents after its version (three values), or None when it is missing, unreadable or
    made by other code."""
    stored = read_pickle(path)
    if not isinstance(stored, tuple) or len(stored) != 4 or stored[0] != code_version():
        return None
    return stored[1:] if isinstance(stored[3], dict) else None


def prefixes_of(base: str) -> dict[str, str]:
    prefixes = dict(vocab.PREFIXES)
    prefixes.update({"kg": vocab.kg_ns(base), "entity": base + "entity/", "doc": base + "document/"})
    prefixes["st"] = base + "statement/"
    return prefixes


LOCAL_NAME = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?")


def shortener(base: str):  # noqa: ANN201 - a function
    """term -> Turtle: an IRI under a known namespace as prefix:name (when the name needs no escape), a
    literal's datatype likewise."""
    spaces = sorted(((ns, p) for p, ns in prefixes_of(base).items()), key=lambda x: -len(x[0]))

    def short_iri(term: str) -> str:
        text = term[1:-1]
        for ns, prefix in spaces:
            if text.startswith(ns) and LOCAL_NAME.fullmatch(text[len(ns) :]):
                return f"{prefix}:{text[len(ns) :]}"
        return term

    # an export's IRIs and typed literals, each shortened once (every entity, property and small number
    # is written many times; an LRU cache smaller than the graph's IRIs missed on most of them)
    shortened: dict[str, str] = {}

    def short(term: str) -> str:
        found = shortened.get(term)
        if found is not None:
            return found
        if term[-1] != ">":  # a plain or language-tagged literal (a sentence, a name): as it is
            return term
        if term[0] == "<":
            found = short_iri(term)
        elif '"^^<' in term:
            value, datatype = term.rsplit("^^", 1)
            found = value + "^^" + short_iri(datatype)
        else:
            found = term
        shortened[term] = found
        return found

    return short


def blocks_of(triples: Iterable[Triple], short: Callable[[str], str]) -> tuple[tuple[Block, ...], str]:
    """A unit's blocks, and its triples as N-Triples (for the store)."""
    by_subject: dict[str, set[Pair]] = defaultdict(set)
    for subject, p, o in triples:
        by_subject[subject].add((p, o))
    out, lines = [], []
    for subject in sorted(by_subject):
        pairs = sorted(by_subject[subject])
        joined = " ;\n    ".join(("a" if p == RDF_TYPE else short(p)) + " " + short(o) for p, o in pairs)
        out.append((subject, (short(subject) + " " + joined + " .\n").encode("utf-8")))
        lines.extend(f"{subject} {p} {o} .\n" for p, o in pairs)
    return tuple(out), "".join(lines)


def statement_blocks(
    t: Terms, subject: str, obj: str, facts: list[tuple[dict, list[dict]]], short: Callable[[str], str]
) -> tuple[tuple[Block, ...], str] | None:
    """blocks_of(statement_triples(...)), made without going through triples: a fact's statements share
    most of their pairs (fact_pairs), which are written once per fact, and a statement names each predicate
    once, so its pairs sort by predicate alone. A fact's statements are most of what a build that adds an
    article makes afresh (one added sentence changes the support written on every statement of its fact).
    None when two sentences make one statement (a symmetric fact stated both ways): blocks_of merges those."""
    statements: dict[str, list[tuple[str, str, str]]] = {}  # statement -> (predicate, object, its Turtle)
    labels = {RDF_TYPE: "a "}  # predicate -> how a pair written with it begins

    def label(p: str) -> str:
        found = labels[p] = short(p) + " "
        return found

    def written(pairs: Iterable[Pair]) -> list[tuple[str, str, str]]:
        return [(p, o, (labels.get(p) or label(p)) + short(o)) for p, o in pairs]

    for fact, evidence in facts:
        common = written(fact_pairs(t, subject, obj, fact))
        for ev in evidence:
            st = statement_id(t, subject, obj, fact, ev)
            if st in statements:
                return None
            statements[st] = sorted(common + written(sentence_pairs(t, fact, ev)))
    out, lines = [], []
    for st in sorted(statements):
        pairs = statements[st]
        text = short(st) + " " + " ;\n    ".join([piece for _, _, piece in pairs]) + " .\n"
        out.append((st, text.encode("utf-8")))
        lines.extend([f"{st} {p} {o} .\n" for p, o, _ in pairs])
    return tuple(out), "".join(lines)


def pairs_in(lines: Iterable[str]) -> set[str]:
    """The predicate-object pairs (prefixed names) on these lines of blocks, as blocks_of writes them: one
    pair a line (literals escape their line breaks), the first after the subject, the others after an
    indent, each ending with " ;" or " ."."""
    return {(line[4:] if line[:4] == "    " else line.split(" ", 1)[1])[:-2] for line in lines if line}


@dataclass(frozen=True)
class Export:
    """An export's blocks by unit key (`turtle()` joins them in subject order), and the N-Triples of the
    units made afresh (those not taken from the memo)."""

    base: str
    blocks: dict[bytes, tuple[Block, ...]]
    fresh: dict[bytes, str]

    def header(self) -> bytes:
        return ("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes_of(self.base).items())) + "\n").encode()

    def sparql_prefixes(self) -> str:
        """The header's prefixes as SPARQL declares them (for updates written with blocks' pairs)."""
        return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes_of(self.base).items()))

    def turtle(self) -> Iterator[bytes]:
        """graph.ttl in chunks."""
        yield self.header()
        ordered = sorted((b for blocks in self.blocks.values() for b in blocks), key=lambda b: b[0])
        for i in range(0, len(ordered), 4096):
            yield b"".join([text for _, text in ordered[i : i + 4096]])

    def ntriples(self, keys: Iterable[bytes]) -> Iterator[bytes]:
        """N-Triples of units made afresh, for the store."""
        for key in keys:
            yield self.fresh[key].encode("utf-8")


def export(
    graph: nx.MultiDiGraph,
    base: str = vocab.BASE,
    memo: Memo | None = None,
    on_fresh: Callable[[str], None] | None = None,
    keys: ElementKeys | None = None,
) -> Export:
    """Every unit's blocks: taken from `memo` when the unit's input is unchanged, else made (and their
    N-Triples passed to `on_fresh` as they are, when given). `keys`: the graph's element keys, which name
    the units of nodes and edges (units)."""
    short = shortener(base)
    known = memo.blocks if memo is not None else {}
    blocks: dict[bytes, tuple[Block, ...]] = {}
    fresh: dict[bytes, str] = {}
    for unit in units(graph, base, keys):
        found = known.get(unit.key)
        if found is None:
            made = statement_blocks(*unit.args, short) if unit.make is statement_triples else None
            found, fresh[unit.key] = made if made is not None else blocks_of(unit.make(*unit.args), short)
            if on_fresh is not None:
                on_fresh(fresh[unit.key])
        blocks[unit.key] = found
    return Export(base, blocks, fresh)


def to_turtle(graph: nx.MultiDiGraph, base: str = vocab.BASE) -> bytes:
    return b"".join(export(graph, base).turtle())


def write_turtle(graph: nx.MultiDiGraph, path: str | Path, base: str = vocab.BASE) -> Path:
    return write_atomic(path, to_turtle(graph, base))
