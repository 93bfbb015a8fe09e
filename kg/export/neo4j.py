"""output/neo4j/: the graph as CSV files for Neo4j, with headers in the `neo4j-admin database import`
format, and `import.cypher`, a LOAD CSV script that loads the same files into a running database.

Nodes: entities.csv (`:Entity` plus the schema.org class: `:Person`, `:Organization`, ...), events.csv
(`:Event` plus its kind: `:Meeting`, `:PhoneCall`, ...), documents.csv (`:Document`). Relationships:
relations.csv (the facts between entities, one per distinct fact, typed by relation: `MET_WITH`, ...,
with status, verb, confidence, support, documents and the first sentence), event_roles.csv (event to
party or place: `PARTICIPANT`, `VISITOR`, `RELEASER`, `RELEASED_PERSON`, `HOST`, `LOCATION`),
mentioned_in.csv (entity to document) and reported_in.csv (event to document). Arrays use `;`, the
import tool's default; the evidence of every sentence is in facts.csv.
"""

from __future__ import annotations

import re
from operator import itemgetter
from pathlib import Path

import networkx as nx

from kg import vocab
from kg.export.cells import csv_text
from kg.export.files import write_atomic
from kg.relations import BY_NAME, ROLES

ARRAY = ";"
PLACE_TYPE = "LOCATION"
ENTITY_HEADER = ("id:ID(Entity)", ":LABEL", "name", "type", "aliases:string[]", "mentions:int", "documents:string[]")
ENTITY_HEADER += ("geonames:long",)
EVENT_HEADER = ("id:ID(Event)", ":LABEL", "name", "kind", "status", "date", "date_text", "date_source")
EVENT_HEADER += ("cameo", "plover", "verb")
DOCUMENT_HEADER = ("id:ID(Document)", ":LABEL", "title", "outlet", "url", "published:date", "date_source", "path")
RELATION_HEADER = (":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "key", "relation", "status", "verb")
RELATION_HEADER += ("confidence:float", "support:int", "documents:string[]", "sentence")
ROLE_HEADER = (":START_ID(Event)", ":END_ID(Entity)", ":TYPE", "role")
MENTIONED_HEADER = (":START_ID(Entity)", ":END_ID(Document)", ":TYPE")
REPORTED_HEADER = (":START_ID(Event)", ":END_ID(Document)", ":TYPE")


def upper_snake(name: str) -> str:
    """`metWith` -> `MET_WITH`: Neo4j's convention for relationship types."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


def relationship_type(relation: str) -> str:
    return upper_snake(BY_NAME[relation].name if relation in BY_NAME else relation)


def role_type(role: str) -> str:
    return upper_snake(ROLES[role].property if role in ROLES else "participant")


def entity_label(etype: str) -> str:
    return vocab.CLASSES.get(etype, "Thing")


def one_line(text: object) -> str:
    """Whitespace collapsed: the import tool reads a field with a line break only when told to."""
    return " ".join(str(text or "").split())


def array(items: object) -> str:
    items = list(items or [])
    if all(i.__class__ is str for i in items):
        joined = ARRAY.join(items)
        # the common case (ids, single words): no whitespace (printable text has none but spaces), no delimiter
        if joined.isprintable() and " " not in joined and joined.count(ARRAY) == len(items) - 1:
            return joined
    return ARRAY.join(one_line(i).replace(ARRAY, ",") for i in items)


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A file's text: its rows (text only: numbers written as text by the caller) sorted."""
    return csv_text(header, sorted(rows))


def event_name(event: dict, names: dict[str, str]) -> str:
    people = " \u2013 ".join(names.get(p["entity"], p["entity"]) for p in event["participants"])
    return f"{event['kind']}: {people}" + (f" ({event['date']})" if event.get("date") else "")


def to_neo4j(graph: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> content for the neo4j/ folder."""
    names = {n: str(d.get("name") or n) for n, d in graph.nodes(data=True)}
    entities = [
        (
            n,
            f"Entity;{entity_label(str(d.get('type')))}",
            one_line(d.get("name") or n),
            d.get("type") or "",
            array(d.get("aliases")),
            str(int(d.get("mentions") or 0)),
            array(d.get("documents")),
            str(d.get("geonames") or ""),
        )
        for n, d in graph.nodes(data=True)
    ]
    events = graph.graph.get("events") or []
    event_rows = [
        (
            e["id"],
            f"Event;{e['kind']}",
            one_line(event_name(e, names)),
            e["kind"],
            e["status"],
            e.get("date") or "",
            one_line(e.get("date_text")),
            e.get("date_source") or "",
            e.get("cameo") or "",
            e.get("plover") or "",
            one_line(e.get("verb")),
        )
        for e in events
    ]
    articles = graph.graph.get("articles") or {}
    documents = [
        (
            doc,
            "Document",
            one_line(a.get("title")),
            one_line(a.get("outlet")),
            a.get("url") or "",
            a.get("published") or "",
            a.get("date_source") or "",
            a.get("path") or "",
        )
        for doc, a in articles.items()
    ]
    relations = [
        (
            u,
            v,
            relationship_type(d["relation"]),
            key,
            d["relation"],
            d["status"],
            one_line(d.get("verb")),
            f"{float(d.get('confidence') or 0):.4f}",
            str(int(d.get("support") or len(d.get("evidence") or []))),
            array(d.get("documents")),
            one_line((d.get("evidence") or [{}])[0].get("sentence")),
        )
        for u, v, key, d in graph.edges(keys=True, data=True)
    ]
    roles = {(e["id"], p["entity"], role_type(p["role"]), p["role"]) for e in events for p in e["participants"]}
    roles |= {(e["id"], place, PLACE_TYPE, "place") for e in events for place in e["places"]}
    # in their sorted order already (one row per entity and document: 150,000 at 2,000 articles), so that the
    # table's sort has nothing to move and no set of them is made
    mentioned = [
        (n, doc, "MENTIONED_IN")
        for n, d in sorted(graph.nodes(data=True), key=itemgetter(0))
        for doc in sorted(set(d.get("documents") or ()))
    ]
    reported = {(e["id"], m["doc_id"], "REPORTED_IN") for e in events for m in e["mentions"]}
    return {
        "entities.csv": table(ENTITY_HEADER, entities),
        "events.csv": table(EVENT_HEADER, event_rows),
        "documents.csv": table(DOCUMENT_HEADER, documents),
        "relations.csv": table(RELATION_HEADER, relations),
        "event_roles.csv": table(ROLE_HEADER, list(roles)),
        "mentioned_in.csv": table(MENTIONED_HEADER, mentioned),
        "reported_in.csv": table(REPORTED_HEADER, list(reported)),
        "import.cypher": cypher_script(
            sorted({str(d.get("type")) for _, d in graph.nodes(data=True)} & set(vocab.CLASSES)),
            sorted({e["kind"] for e in events}),
            sorted({r[2] for r in relations}),
            sorted({r[2] for r in roles}),
        ),
    }


def array_value(column: str) -> str:
    return f"CASE coalesce(row.`{column}`, '') WHEN '' THEN [] ELSE split(row.`{column}`, '{ARRAY}') END"


def load(file: str) -> str:
    return f"LOAD CSV WITH HEADERS FROM 'file:///{file}' AS row"


def cypher_script(types: list[str], kinds: list[str], relation_types: list[str], role_types: list[str]) -> str:
    """LOAD CSV statements for the files above; MERGE on ids and keys, so running it twice changes nothing."""
    files = "entities.csv events.csv documents.csv relations.csv event_roles.csv mentioned_in.csv reported_in.csv"
    admin = " ".join(
        [
            "neo4j-admin database import full --array-delimiter=';'",
            "--nodes=entities.csv --nodes=events.csv --nodes=documents.csv",
            "--relationships=relations.csv --relationships=event_roles.csv",
            "--relationships=mentioned_in.csv --relationships=reported_in.csv neo4j",
        ]
    )
    out = [
        "// kg's graph for Neo4j 5. Copy these files into the database's import folder:",
        f"//   {files}",
        "// then run: cypher-shell -u neo4j -p PASSWORD -f import.cypher",
        "// Or import them into an empty database without this script:",
        f"//   {admin}",
        "",
        "CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;",
        "CREATE CONSTRAINT kg_event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;",
        "CREATE CONSTRAINT kg_document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;",
        "",
        load("entities.csv"),
        "MERGE (n:Entity {id: row.`id:ID(Entity)`})",
        "SET n.name = row.name, n.type = row.type, n.aliases = "
        + array_value("aliases:string[]")
        + ", n.mentions = toInteger(row.`mentions:int`), n.documents = "
        + array_value("documents:string[]")
        + ", n.geonames = toInteger(row.`geonames:long`);",
    ]
    for etype in types:
        out.append(f"MATCH (n:Entity) WHERE n.type = '{etype}' SET n:{entity_label(etype)};")
    out += [
        "",
        load("events.csv"),
        "MERGE (n:Event {id: row.`id:ID(Event)`})",
        "SET n.name = row.name, n.kind = row.kind, n.status = row.status, n.date = row.date, "
        "n.date_text = row.date_text, n.date_source = row.date_source, n.cameo = row.cameo, n.plover = row.plover, "
        "n.verb = row.verb;",
    ]
    for kind in kinds:
        out.append(f"MATCH (n:Event) WHERE n.kind = '{kind}' SET n:{kind};")
    out += [
        "",
        load("documents.csv"),
        "MERGE (n:Document {id: row.`id:ID(Document)`})",
        "SET n.title = row.title, n.outlet = row.outlet, n.url = row.url, "
        "n.published = CASE coalesce(row.`published:date`, '') WHEN '' THEN null ELSE date(row.`published:date`) END, "
        "n.date_source = row.date_source, n.path = row.path;",
    ]
    # Cypher cannot take a relationship type from a value: one statement per type present.
    for rtype in relation_types:
        out += [
            "",
            load("relations.csv"),
            f"WITH row WHERE row.`:TYPE` = '{rtype}'",
            "MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})",
            f"MERGE (a)-[r:{rtype} {{key: row.key}}]->(b)",
            "SET r.relation = row.relation, r.status = row.status, r.verb = row.verb, "
            "r.confidence = toFloat(row.`confidence:float`), r.support = toInteger(row.`support:int`), "
            "r.documents = " + array_value("documents:string[]") + ", r.sentence = row.sentence;",
        ]
    for rtype in role_types:
        out += [
            "",
            load("event_roles.csv"),
            f"WITH row WHERE row.`:TYPE` = '{rtype}'",
            "MATCH (e:Event {id: row.`:START_ID(Event)`}), (n:Entity {id: row.`:END_ID(Entity)`})",
            f"MERGE (e)-[r:{rtype}]->(n)",
            "SET r.role = row.role;",
        ]
    out += [
        "",
        load("mentioned_in.csv"),
        "MATCH (n:Entity {id: row.`:START_ID(Entity)`}), (d:Document {id: row.`:END_ID(Document)`})",
        "MERGE (n)-[:MENTIONED_IN]->(d);",
        "",
        load("reported_in.csv"),
        "MATCH (e:Event {id: row.`:START_ID(Event)`}), (d:Document {id: row.`:END_ID(Document)`})",
        "MERGE (e)-[:REPORTED_IN]->(d);",
    ]
    return "\n".join(out) + "\n"


def write_neo4j(graph: nx.MultiDiGraph, folder: str | Path) -> Path:
    """Write the folder's files (each atomically); returns the folder."""
    folder = Path(folder)
    for name, text in to_neo4j(graph).items():
        write_atomic(folder / name, text)
    return folder
