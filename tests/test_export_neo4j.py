"""output/neo4j/: headers in neo4j-admin's import format, a LOAD CSV script that reads exactly those
columns, and CSVs that load back into the same graph."""

from __future__ import annotations

import copy
import csv
import io
import re

import networkx as nx

from kg.export.neo4j import to_neo4j, upper_snake, write_neo4j
from kg.relations import NAMES
from tests.test_export_html import sample_graph

# neo4j-admin database import header fields: name[:type[]], [name]:ID(space), :START_ID(space), :END_ID(space),
# :LABEL, :TYPE
TYPES = "int|long|float|double|boolean|byte|short|char|string|date|localtime|time|localdatetime|datetime|point"
FIELD = re.compile(
    rf"^(?:\w+(?::(?:{TYPES})(?:\[\])?)?|\w*:ID\(\w+\)|:START_ID\(\w+\)|:END_ID\(\w+\)|:LABEL|:TYPE|:IGNORE)$"
)
NODE_FILES = ("entities.csv", "events.csv", "documents.csv")
RELATIONSHIP_FILES = ("relations.csv", "event_roles.csv", "mentioned_in.csv", "reported_in.csv")


def with_event(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    graph.graph["events"] = [
        {
            "id": "meeting-1",
            "kind": "Meeting",
            "participants": [
                {"entity": "person/donald-trump", "role": "attendee"},
                {"entity": "person/vladimir-putin", "role": "attendee"},
            ],
            "places": ["fac/elmendorf"],
            "status": "planned",
            "date": "2025-08-15",
            "date_text": "on Friday",
            "date_source": "sentence+metadata",
            "cameo": "044",
            "plover": "CONSULT",
            "verb": "meet",
            "mentions": [
                {
                    "doc_id": "a1",
                    "title": "T",
                    "sentence": "Trump will meet Putin in Alaska on Friday.",
                    "sent_start": 0,
                    "sent_end": 42,
                    "start": 0,
                    "end": 4,
                    "rule": "test.metWith.v1",
                }
            ],
        }
    ]
    return graph


def read(files: dict[str, str], name: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(files[name]))
    return list(reader.fieldnames or []), list(reader)


def test_headers_follow_the_import_format() -> None:
    files = to_neo4j(with_event(sample_graph()))
    for name in NODE_FILES + RELATIONSHIP_FILES:
        header, rows = read(files, name)
        assert all(FIELD.match(h) for h in header), (name, header)
        ids = [h for h in header if re.search(r":ID\(", h)]
        if name in NODE_FILES:
            assert len(ids) == 1 and ":LABEL" in header, name
        else:
            assert {":TYPE"} <= set(header) and any(h.startswith(":START_ID(") for h in header), name
            assert any(h.startswith(":END_ID(") for h in header), name
        assert rows, name
    # relationship types and labels are Neo4j-style identifiers derived from kg's relation table
    _, relations = read(files, "relations.csv")
    assert {r[":TYPE"] for r in relations} <= {upper_snake(n) for n in NAMES}
    assert upper_snake("metWith") == "MET_WITH" and upper_snake("releasedPerson") == "RELEASED_PERSON"
    _, entities = read(files, "entities.csv")
    labels = {r["id:ID(Entity)"]: r[":LABEL"] for r in entities}
    assert labels["person/donald-trump"] == "Entity;Person" and labels["gpe/russia"] == "Entity;AdministrativeArea"


def split_statements(code: str) -> list[str]:
    """Cypher statements: split at semicolons outside quotes and backticks; every quote closes."""
    out, current, quote = [], [], None
    for ch in code:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'`\"":
            quote = ch
        elif ch == ";":
            out.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    assert quote is None and not "".join(current).strip()
    return [s for s in out if s]


def test_cypher_script_reads_only_columns_that_exist() -> None:
    files = to_neo4j(with_event(sample_graph()))
    script = files["import.cypher"]
    code = "\n".join(line for line in script.splitlines() if not line.startswith("//"))
    statements = split_statements(code)
    assert statements and code.rstrip().endswith(";")
    loaded = set()
    for statement in statements:
        assert statement.count("(") == statement.count(")") and statement.count("{") == statement.count("}")
        load = re.match(r"LOAD CSV WITH HEADERS FROM 'file:///([\w.]+)' AS row\b", statement)
        if not load:
            assert re.match(r"(CREATE CONSTRAINT|MATCH \(n:(Entity|Event)\) WHERE)", statement), statement
            assert "row." not in statement
            continue
        name = load.group(1)
        loaded.add(name)
        header, _ = read(files, name)
        used = re.findall(r"row\.`([^`]+)`|row\.(\w+)", statement)
        assert used
        for quoted, plain in used:
            assert (quoted or plain) in header, (name, quoted or plain)
    assert loaded == set(NODE_FILES + RELATIONSHIP_FILES)
    # one MERGE per relationship type present, each typed as the rows it filters
    types = {r[":TYPE"] for r in read(files, "relations.csv")[1]}
    for rtype in types:
        assert f"WITH row WHERE row.`:TYPE` = '{rtype}'" in script and f"[r:{rtype} {{key: row.key}}]" in script
    assert "neo4j-admin database import full" in script


def load_back(files: dict[str, str]) -> nx.MultiDiGraph:
    """What an importer would build from the CSVs."""
    graph = nx.MultiDiGraph()
    for name in NODE_FILES:
        header, rows = read(files, name)
        key = next(h for h in header if ":ID(" in h)
        for row in rows:
            graph.add_node(row[key], labels=row[":LABEL"].split(";"), **{k: v for k, v in row.items() if ":" not in k})
    for name in RELATIONSHIP_FILES:
        header, rows = read(files, name)
        start = next(h for h in header if h.startswith(":START_ID("))
        end = next(h for h in header if h.startswith(":END_ID("))
        for row in rows:
            assert row[start] in graph and row[end] in graph, (name, row)
            graph.add_edge(row[start], row[end], type=row[":TYPE"], **{k: v for k, v in row.items() if ":" not in k})
    return graph


def test_csvs_load_back_into_the_same_graph() -> None:
    graph = with_event(sample_graph())
    back = load_back(to_neo4j(graph))
    entities = [n for n, d in back.nodes(data=True) if "Entity" in d["labels"]]
    assert sorted(entities) == sorted(graph)
    assert all(back.nodes[n]["name"] == graph.nodes[n]["name"] for n in graph)
    assert back.nodes["person/donald-trump"]["type"] == "PERSON"
    facts = {(u, v, d["relation"], d["status"]) for u, v, d in back.edges(data=True) if "relation" in d}
    assert facts == {(u, v, d["relation"], d["status"]) for u, v, d in graph.edges(data=True)}
    assert back.nodes["meeting-1"]["date"] == "2025-08-15" and "Meeting" in back.nodes["meeting-1"]["labels"]
    roles = {(u, v, d["type"]) for u, v, d in back.out_edges("meeting-1", data=True)}
    assert ("meeting-1", "person/vladimir-putin", "PARTICIPANT") in roles
    assert ("meeting-1", "fac/elmendorf", "LOCATION") in roles and ("meeting-1", "a1", "REPORTED_IN") in roles
    assert back.has_edge("person/donald-trump", "a1")  # MENTIONED_IN


def test_same_graph_same_files_and_line_breaks_flattened(tmp_path) -> None:
    graph = with_event(sample_graph())
    edge = next(iter(graph.edges(keys=True)))
    graph.edges[edge]["evidence"] = copy.deepcopy(graph.edges[edge]["evidence"])
    graph.edges[edge]["evidence"][0]["sentence"] = 'A "quoted"\nline; with, commas'
    files = to_neo4j(graph)
    assert files == to_neo4j(graph)
    _, rows = read(files, "relations.csv")
    assert 'A "quoted" line; with, commas' in {r["sentence"] for r in rows}
    folder = write_neo4j(graph, tmp_path / "neo4j")
    assert sorted(p.name for p in folder.iterdir()) == sorted(files)


def test_array_cells_join_items_on_one_line_without_the_delimiter() -> None:
    from kg.export.neo4j import array

    assert array(None) == array([]) == array([""]) == ""
    assert array(["a1", "b2"]) == "a1;b2"  # ids: as they are
    assert array(["New  York ", "\tKyiv\nCity"]) == "New York;Kyiv City"  # whitespace collapsed
    assert array(["a;b", "c"]) == "a,b;c"  # never the delimiter inside an item
    assert array(["a\xa0b", 5, ""]) == "a b;5;"
