"""Incremental builds give the bytes of a full build; a rebuild with nothing changed writes nothing;
--jobs auto picks one process for small corpora; worker processes yield what one process yields."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import timings
from kg.pipeline import AUTO_MIN_CHARS, Settings, build, build_outputs, worker_count
from kg.types import Article

OUTPUTS = ("graph.ttl", "graph.json", "graph.graphml", "graph.html", "merges.json", "facts.csv")

ARTICLES = {
    "a.txt": "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Friday. "
    "Putin said the talks were useful.\n",
    "b.txt": "U.S. Secretary of State Antony Blinken spoke by phone with Chinese Foreign Minister Wang Yi. "
    "Blinken later visited Kyiv.\n",
    "c.txt": "Xi Jinping met Vladimir Putin again in Moscow. Belarus released Ales Bialiatski, "
    "a Nobel laureate, on Saturday.\n",
    "d.txt": "Wang Yi met Blinken in Munich. Putin spoke with Erdogan by phone.\n",
}


def write(folder: Path, names: list[str], edits: dict[str, str] | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.txt"):
        if path.name not in names:
            path.unlink()
    for name in names:
        text = (edits or {}).get(name, ARTICLES[name])
        if not (folder / name).exists() or (folder / name).read_text() != text:
            (folder / name).write_text(text)


def run(src: Path, out: Path):
    return build_outputs([src], out, Settings(jobs=1, cache_dir=out / ".cache"))


def outputs(out: Path) -> dict[str, bytes]:
    files = {name: (out / name).read_bytes() for name in OUTPUTS}
    files.update({f"neo4j/{p.name}": p.read_bytes() for p in sorted((out / "neo4j").iterdir())})
    return files


def store_triples(out: Path) -> set[str]:
    import pyoxigraph as ox

    return set(map(str, ox.Store.read_only(str(out / "graph.ttl.oxigraph"))))


@pytest.mark.model
@pytest.mark.parametrize("settled", [False, True])
def test_incremental_builds_equal_full_builds(tmp_path, monkeypatch, settled):
    """`settled`: the files are old enough for the build to remember them as read (kg.sources.Reading),
    so that an unchanged file is not read again."""
    import kg.sources

    if settled:
        monkeypatch.setattr(kg.sources, "SETTLED_NS", -60_000_000_000)
    src, out = tmp_path / "src", tmp_path / "out"
    steps = [
        (["a.txt", "b.txt"], None),  # first build
        (["a.txt", "b.txt", "c.txt"], None),  # an article added
        (["a.txt", "b.txt", "c.txt"], {"b.txt": ARTICLES["d.txt"]}),  # an article changed
        (["a.txt", "c.txt"], None),  # an article removed
    ]
    for i, (names, edits) in enumerate(steps):
        write(src, names, edits)
        record = timings.reset()
        incremental = run(src, out)
        assert not incremental.unchanged
        if i and settled:  # only what changed was read
            assert record.counts["files read"] == (0 if i == 3 else 1), f"step {i}"
        if i:  # the store was updated in place of a new one, with the triples that changed only
            assert record.counts.get("store units updated"), f"step {i}"
            assert 0 < record.counts["store triples changed"] < len(store_triples(out)), f"step {i}"
            assert record.counts["pieces reused"], f"step {i}"  # graph.json's, graph.graphml's
        # the same folder (document paths are in the outputs) built from scratch into another one
        fresh_out = tmp_path / f"fresh-out-{i}"
        full = build_outputs([src], fresh_out, Settings(jobs=1, cache_dir=fresh_out / ".cache"))
        assert outputs(out) == outputs(fresh_out), f"step {i}"
        assert store_triples(out) == store_triples(fresh_out), f"step {i}"
        assert incremental.summary == full.summary
        # what the outputs were written from, for a notebook to go on with
        assert incremental.graph.number_of_nodes() == len(incremental.result.entities)
    again = run(src, out)
    assert again.unchanged and again.summary == full.summary
    assert again.graph is None and again.result is None  # nothing was built


@pytest.mark.model
def test_touched_output_is_rewritten(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    write(src, ["a.txt"])
    run(src, out)
    before = (out / "graph.ttl").read_bytes()
    (out / "graph.ttl").write_text("damaged")
    assert not run(src, out).unchanged
    assert (out / "graph.ttl").read_bytes() == before


def test_jobs_auto_is_one_process_for_small_corpora(monkeypatch):
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "cores", lambda: 8)
    small = [Article(f"d{i}", f"d{i}.txt", "x" * 1000) for i in range(50)]
    big = [Article(f"d{i}", f"d{i}.txt", "x" * (AUTO_MIN_CHARS // 100)) for i in range(200)]
    assert worker_count(None, small) == 1
    assert worker_count(None, big) == 8
    assert worker_count(3, small) == 3  # --jobs N wins


@pytest.mark.model
def test_worker_processes_yield_what_one_process_yields(tmp_path, monkeypatch):
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "CHUNK_ARTICLES", 1)  # so that both workers get articles
    src = tmp_path / "src"
    write(src, sorted(ARTICLES))
    one = build([src], Settings(jobs=1))
    two = build([src], Settings(jobs=2))  # spawned workers must load kg's own pipeline components
    assert (one.entities, one.relations, one.events) == (two.entities, two.relations, two.events)


@pytest.mark.model
def test_an_added_article_is_parsed_aside_while_the_state_is_read(tmp_path):
    """With a second core, the article the cache has never seen is parsed by a forked process while the
    last build's state is read; the outputs are those of a full build."""
    from kg import background

    src, out = tmp_path / "src", tmp_path / "out"
    write(src, ["a.txt", "b.txt"])
    run(src, out)
    write(src, ["a.txt", "b.txt", "c.txt"])
    record = timings.reset()
    run(src, out)
    assert record.counts["parsed"] == 1
    if background.can_fork():
        assert record.counts["parsed aside"] == 1 and record.seconds["parse"] > 0
        # by the parser forked as the build started (there was a state), which has the model loaded
        assert record.counts["parser started early"] == 1
        # meanwhile the build loaded what resolution and the outputs need, and took resolution's grouping of
        # the known articles (which sort before the new one) from the last build, rather than group them again
        assert "preload" in record.seconds
        assert record.counts["articles grouped by the last build"] == 2
        assert record.counts.get("articles grouped while parsing", 0) == 0
    full = tmp_path / "full"
    build_outputs([src], full, Settings(jobs=1, cache_dir=full / ".cache"))
    assert outputs(out) == outputs(full)


@pytest.mark.model
def test_the_parser_started_early_is_stopped_when_no_article_is_new(tmp_path):
    """A build over a cached corpus forks a parser that loads the model while the articles are read; when
    nothing is new (or an article is only removed), it is stopped and no process is left behind."""
    import os

    def children() -> set[str]:  # this process's children, running or ended and not waited for (Linux)
        task = Path(f"/proc/{os.getpid()}/task")
        return {c for t in task.iterdir() for c in (t / "children").read_text().split()} if task.exists() else set()

    src, out = tmp_path / "src", tmp_path / "out"
    write(src, ["a.txt", "b.txt"])
    run(src, out)
    before = children()
    assert run(src, out).unchanged
    write(src, ["a.txt"])
    record = timings.reset()
    assert not run(src, out).unchanged
    assert "parsed" not in record.counts and "parser started early" not in record.counts
    assert children() == before


@pytest.mark.model
def test_events_found_beside_the_graph_give_the_graph_made_in_turn(tmp_path):
    from dataclasses import replace

    from kg.export.networkx_files import content_keys, to_json
    from kg.graph import to_networkx
    from kg.pipeline import events_and_graph

    src = tmp_path / "src"
    write(src, sorted(ARTICLES))
    result = build([src], Settings(jobs=1))
    assert result.events
    with_events, graph, keys = events_and_graph(replace(result, events=()))
    assert with_events.events == result.events
    assert to_json(graph) == to_json(to_networkx(result))
    # the keys of the nodes and edges, made before the events were put in the graph, are still theirs
    assert content_keys(graph, keys) == content_keys(graph)


def fail_to_parse(*_args: object) -> dict:
    raise MemoryError("no room for the model")


@pytest.mark.model
def test_a_failed_parser_beside_the_build_costs_time_not_the_build(tmp_path, monkeypatch):
    import kg.pipeline

    src, out = tmp_path / "src", tmp_path / "out"
    write(src, ["a.txt", "b.txt"])
    run(src, out)
    write(src, ["a.txt", "b.txt", "c.txt"])
    # the forked parser fails whichever way it was started (early, or once the state was found)
    monkeypatch.setattr(kg.pipeline, "parse_when_given", fail_to_parse)
    monkeypatch.setattr(kg.pipeline, "extract_here", fail_to_parse)
    record = timings.reset()
    run(src, out)
    assert record.counts["parsed"] == 1 and record.counts.get("parsed aside", 0) == 0
    monkeypatch.undo()
    full = tmp_path / "full"
    build_outputs([src], full, Settings(jobs=1, cache_dir=full / ".cache"))
    assert outputs(out) == outputs(full)


def test_no_early_parser_without_a_process_to_run_it(tmp_path, monkeypatch):
    import os

    from kg import background
    from kg.pipeline import warm_parser
    from kg.state import STATE_FILE

    (tmp_path / STATE_FILE).write_bytes(b"")
    monkeypatch.setattr(background, "can_fork", lambda: True)

    def no_process() -> int:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_process)
    opened = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    assert warm_parser(Settings(cache_dir=tmp_path)) is None
    assert (len(os.listdir("/proc/self/fd")) if opened else 0) == opened  # its pipe closed


def test_the_preload_imports_every_module_the_later_stages_import():
    """While an added article is parsed beside, the build imports the modules of the stages after
    extraction (kg.pipeline.LATER_STAGES); a later stage that imports a module the list does not bring in
    would pay for that import after the parse, where the user waits. Checked in a fresh interpreter."""
    import ast
    import subprocess
    import sys

    import kg.pipeline

    later = {"resolve_facts", "events_and_graph", "write_outputs", "merges_json", "write_graph_files", "sync_store"}
    tree = ast.parse(Path(kg.pipeline.__file__).read_text(encoding="utf-8"))
    wanted: set[str] = set()
    for function in tree.body:
        if isinstance(function, ast.FunctionDef) and function.name in later:
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg"):
                    for alias in node.names:
                        candidate = f"{node.module}.{alias.name}"
                        wanted.add(candidate if candidate in SUBMODULES else node.module)
    assert {"kg.resolve", "kg.graph", "kg.outputs"} <= wanted
    script = (
        # kg.state and kg.background: extract_known has imported them before the preload
        "import importlib, sys, kg.pipeline, kg.state, kg.background\n"
        "for name in kg.pipeline.LATER_STAGES: importlib.import_module(name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = set(
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    )
    assert sorted(wanted - loaded) == []


SUBMODULES = {
    "kg.background",
    "kg.geo",
    "kg.names",
    "kg.export.rdf",
    "kg.export.html",
    "kg.export.layout",
    "kg.export.neo4j",
    "kg.export.facts",
    "kg.export.networkx_files",
}


def test_what_a_build_reads_to_keep_is_moved_out_of_the_cycle_collectors_sight():
    """no_gc(keep=True), around a state or memo being read: no collection while reading, and what was read
    is frozen on the way out, so the first collection after does not walk it all again."""
    import gc

    from kg.datacache import no_gc

    was_enabled = gc.isenabled()
    gc.enable()
    try:
        frozen = gc.get_freeze_count()
        with no_gc():
            assert not gc.isenabled()
            made = [[i] for i in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() == frozen  # without keep: nothing frozen
        with no_gc(keep=True):
            kept = [[i] for i in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(kept)
        assert made and kept
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()


def test_the_collector_stays_off_while_code_inside_turns_it_on():
    """Loading a spaCy pipeline turns the collector on again (srsly's msgpack reader does, unasked): inside
    no_gc it must still not run, and on the way out it is as it was found."""
    import gc

    from kg.datacache import no_gc

    was_enabled, collections = gc.isenabled(), []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.enable()
    gc.callbacks.append(count)
    try:
        with no_gc():
            gc.enable()  # as srsly does
            made = [[i] for i in range(50_000)]
            assert not collections
        assert gc.isenabled() and gc.get_threshold()[0] > 0
        gc.disable()
        with no_gc():
            gc.enable()
        assert not gc.isenabled()  # found off: left off
        assert made
    finally:
        gc.callbacks.remove(count)
        if was_enabled:
            gc.enable()


def test_what_a_build_made_is_promoted_not_walked_on_the_way_out():
    """no_gc(promote=True), around the reduce: what was made goes to the oldest generation on the way out
    (no collection walks it as soon as something is allocated), and nothing stays frozen."""
    import gc

    from kg.datacache import no_gc

    was_enabled = gc.isenabled()
    gc.enable()
    gc.collect()
    try:
        frozen = gc.get_freeze_count()
        with no_gc(promote=frozen == 0):
            made = [[i] for i in range(1000)]
        assert gc.isenabled()
        if frozen == 0:  # (without promote they would be young, or once collected, middle-aged)
            assert any(o is made[0] for o in gc.get_objects(generation=2))
        assert gc.get_freeze_count() == frozen
    finally:
        if not was_enabled:
            gc.disable()


@pytest.mark.model
def test_the_store_is_updated_beside_a_slow_turtle_and_stamped_once_both_are_whole(tmp_path, monkeypatch):
    """graph.ttl is written and flushed on a thread of its own while the store is updated: however slow
    the disk, the update never stamps the store with a Turtle not yet there (which made the build load the
    whole store again from the Turtle), and the store is current once the build ends."""
    import time

    import kg.export.files
    import kg.query

    src, out = tmp_path / "src", tmp_path / "out"
    write(src, ["a.txt", "b.txt"])
    run(src, out)
    write(src, ["a.txt", "b.txt", "c.txt"])
    real_write = kg.export.files.write_atomic

    def slow_write(path, data):  # noqa: ANN001, ANN202 - as write_atomic
        if Path(path).name == "graph.ttl":
            time.sleep(0.5)
        return real_write(path, data)

    def no_reload(*args: object) -> None:
        raise AssertionError("the store was loaded again from the Turtle")

    monkeypatch.setattr(kg.export.files, "write_atomic", slow_write)
    monkeypatch.setattr(kg.query, "build_store", no_reload)
    record = timings.reset()
    run(src, out)
    assert record.counts["store units updated"] > 0
    assert kg.query.store_is_current(out / "graph.ttl")
    assert store_triples(out) == store_triples_of_turtle(out / "graph.ttl")


def store_triples_of_turtle(path: Path) -> set[str]:
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return set(map(str, store))
