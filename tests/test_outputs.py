"""The output folder: all outputs of a build appear together, killed builds leave nothing behind, builds into
one folder take turns. Runs without the model, on hand-built results."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg.outputs import MANIFEST, OutputBusy, output_lock, settle, tidy
from kg.pipeline import write_outputs
from kg.query import store_dir, store_is_current
from tests.test_export_rdf import sample

OUTPUTS = ("graph.ttl", "graph.json", "graph.graphml", "graph.html", "merges.json", "facts.csv", MANIFEST)


def second_build():
    result = sample()
    article = dataclasses.replace(result.articles[0], title="A second build")
    return dataclasses.replace(result, articles=(article,))


def snapshot(out: Path) -> dict[str, bytes]:
    files = {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}
    if (out / "neo4j").is_dir():
        files.update({f"neo4j/{p.name}": p.read_bytes() for p in sorted((out / "neo4j").iterdir())})
    return files


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith((".staging-", ".store-", ".trash-", ".graph")))


def test_a_build_writes_every_output_and_its_manifest(tmp_path):
    out = tmp_path / "out"
    written = write_outputs(sample(), out)
    manifest = json.loads((out / MANIFEST).read_text())
    assert set(manifest["files"]) == set(OUTPUTS) - {MANIFEST}
    assert manifest["folders"] == ["neo4j", "graph.ttl.oxigraph"]
    for name, info in manifest["files"].items():
        # each file hashed by whoever wrote it (the forked exporter, the file thread): the file's own digest
        assert (out / name).stat().st_size == info["bytes"]
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == info["sha256"]
    assert written["store"] == store_dir(out / "graph.ttl") and store_is_current(out / "graph.ttl")
    assert leftovers(out) == []


def renames_of_one_build(tmp_path: Path) -> int:
    counter = {"n": 0}
    real_replace, real_rename = os.replace, os.rename

    def count(real):
        def wrapped(*args, **kwargs):
            counter["n"] += 1
            return real(*args, **kwargs)

        return wrapped

    out = tmp_path / "count"
    write_outputs(sample(), out)
    os.replace, os.rename = count(real_replace), count(real_rename)
    try:
        write_outputs(second_build(), out)
    finally:
        os.replace, os.rename = real_replace, real_rename
    return counter["n"]


# Builds killed (os._exit: no cleanup at all) at their k-th rename, for k = 1..N. Each build runs in a child
# forked from this helper, which itself never opens a store or starts a thread, so the forks are clean.
KILLER = """
import os, shutil, sys
from pathlib import Path
from kg.pipeline import write_outputs
from tests.test_outputs import second_build
from tests.test_export_rdf import sample

def in_child(run):
    pid = os.fork()
    if pid == 0:
        try:
            run()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)

def killed_at(out, k):
    calls = [0]
    def dying(real):
        def wrapped(*args, **kwargs):
            calls[0] += 1
            if calls[0] == k:
                os._exit(9)
            return real(*args, **kwargs)
        return wrapped
    os.replace, os.rename = dying(os.replace), dying(os.rename)
    write_outputs(second_build(), out)

root = Path(sys.argv[1])
in_child(lambda: write_outputs(sample(), root / "old"))
for k in range(1, int(sys.argv[2]) + 1):
    out = root / f"k{k}"
    shutil.copytree(root / "old", out)  # copy2 keeps mtimes: the store stays current for its graph.ttl
    in_child(lambda: killed_at(out, k))
"""


def test_a_kill_between_any_two_renames_leaves_all_old_or_all_new(tmp_path):
    total = renames_of_one_build(tmp_path)
    assert total >= 10
    write_outputs(sample(), tmp_path / "old")
    write_outputs(second_build(), tmp_path / "new")
    old, new = snapshot(tmp_path / "old"), snapshot(tmp_path / "new")
    assert old != new
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-c", KILLER, str(tmp_path / "killed"), str(total)], env=env, check=True)
    seen = set()
    for k in range(1, total + 1):
        out = tmp_path / "killed" / f"k{k}"
        settle(out)  # what `kg query` and `kg serve` do before reading
        now = snapshot(out)
        same_as = "old" if now == old else "new" if now == new else None
        assert same_as, f"killed at rename {k}: a mix of old and new outputs"
        seen.add(same_as)
        assert store_is_current(out / "graph.ttl"), k
        with output_lock(out):
            tidy(out)  # what the next build does first
        assert leftovers(out) == [], (k, leftovers(out))
    assert seen == {"old", "new"}
    write_outputs(second_build(), out)
    assert snapshot(out) == new and leftovers(out) == []


def test_leftovers_of_killed_builds_are_removed_by_the_next(tmp_path):
    out = tmp_path / "out"
    write_outputs(sample(), out)
    for name in (".staging-abc", ".store-xyz", ".trash-1"):
        (out / name).mkdir()
        (out / name / "junk").write_bytes(b"x" * 1000)
    (out / ".graph.ttl.123.tmp").write_bytes(b"half")
    (out / ".cache" / "ab").mkdir(parents=True)
    (out / ".cache" / "ab" / ".abc.json.1.tmp").write_bytes(b"half")
    write_outputs(sample(), out)
    assert leftovers(out) == []
    assert not list((out / ".cache").rglob("*.tmp"))


HOLDER = """
import sys
from kg.outputs import output_lock
with output_lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_two_builds_into_one_folder_take_turns(tmp_path):
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputBusy), output_lock(out, wait=False):
            pass
        waited = threading.Event()
        done = threading.Event()

        def second() -> None:
            with output_lock(out, on_wait=waited.set):
                write_outputs(sample(), out)
            done.set()

        thread = threading.Thread(target=second)
        thread.start()
        assert waited.wait(30)
        assert not done.is_set() and not (out / MANIFEST).exists()
        holder.stdin.write("go\n")
        holder.stdin.flush()
        thread.join(60)
        assert done.is_set() and (out / MANIFEST).exists()
    finally:
        holder.kill()
        holder.wait()


def test_merges_json_lists_one_merge_per_line_with_safe_text() -> None:
    import json

    from kg.pipeline import merges_json
    from kg.types import Merge

    merges = [Merge("a", ("A", "Ä"), "surname", ("d1",)), Merge("b", ("B\x01",), "role-phrase", ())]
    text = merges_json(merges)
    assert json.loads(text) == [
        {"entity": "a", "names": ["A", "Ä"], "rule": "surname", "documents": ["d1"]},
        {"entity": "b", "names": ["B"], "rule": "role-phrase", "documents": []},  # a control character dropped
    ]
    assert len(text.splitlines()) == 2 + len(merges)  # grep finds a merge with its names and rule
    assert json.loads(merges_json([])) == []


def test_a_file_written_aside_is_whole_and_hidden_until_moved_and_nothing_is_left_when_writing_fails(tmp_path):
    """write_aside: a memo written on a thread before the outputs are committed, moved into place after."""
    import os

    from kg.export.files import write_aside

    place = tmp_path / "memo.pickle"
    written = write_aside(place, lambda handle: handle.write(b"whole"))
    assert written.parent == tmp_path and written.name.startswith(".") and not place.exists()
    assert written.read_bytes() == b"whole"
    os.replace(written, place)
    assert place.read_bytes() == b"whole" and list(tmp_path.iterdir()) == [place]

    def fails(handle) -> None:  # noqa: ANN001 - a binary file
        handle.write(b"half")
        raise OSError("no space left on device")

    with pytest.raises(OSError):
        write_aside(place, fails)
    assert list(tmp_path.iterdir()) == [place] and place.read_bytes() == b"whole"


def test_publish_hashes_the_files_it_is_given_no_digest_for(tmp_path):
    from kg.outputs import publish

    out, staging = tmp_path / "out", tmp_path / "out" / ".staging-x"
    staging.mkdir(parents=True)
    for name in ("a.txt", "b.txt"):
        (staging / name).write_text(name)
    publish(out, staging, ["a.txt", "b.txt"], [], {"a.txt": "given"})
    files = json.loads((out / MANIFEST).read_text())["files"]
    assert files["a.txt"]["sha256"] == "given"
    assert files["b.txt"]["sha256"] == hashlib.sha256(b"b.txt").hexdigest()
