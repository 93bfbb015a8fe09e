"""kg.datacache: derived data tables are built once, read back, and rebuilt when damaged."""

from __future__ import annotations

from kg import datacache


def test_built_once_then_read_and_rebuilt_when_damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    calls = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": 1}

    assert datacache.load_or_build("t", "k1", build) == {"a": 1}
    assert datacache.load_or_build("t", "k1", build) == {"a": 1}
    assert len(calls) == 1
    (tmp_path / "t-k1.pickle").write_bytes(b"not a pickle")
    assert datacache.load_or_build("t", "k1", build) == {"a": 1}
    assert len(calls) == 2
    assert datacache.load_or_build("t", "k2", build) == {"a": 1}  # another version: built again
    assert len(calls) == 3


def test_unwritable_folder_still_gives_the_value(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "sub"))
    assert datacache.load_or_build("t", "k", lambda: 5) == 5


def test_a_value_that_cannot_be_pickled_is_given_and_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    value = {"f": lambda: 1}  # a lambda: not picklable
    assert datacache.load_or_build("t", "k", lambda: value) is value
    assert not list(tmp_path.iterdir())  # no file, and no temporary one left
