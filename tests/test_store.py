"""The caches' one owner (generator/project/store.py): keys from what the work
reads, results written whole or not at all, a few kept."""

from __future__ import annotations

import dataclasses
import os
import time

import pytest

from generator.project import store


@dataclasses.dataclass(frozen=True)
class _Value:
    text: str
    numbers: tuple[int, ...]


def test_a_key_follows_every_value_and_refuses_what_it_cannot_see():
    key = store.fingerprint(_Value("两会", (1, 2)), {"a": 1})
    assert key == store.fingerprint(_Value("两会", (1, 2)), {"a": 1})
    assert key != store.fingerprint(_Value("两会", (1, 3)), {"a": 1})
    assert key != store.fingerprint(_Value("两会", (1, 2)), {"a": 2})
    with pytest.raises(TypeError, match="cannot key on"):
        store.fingerprint(object())  # its repr is its address: a key that sees nothing


def test_file_and_library_stamps_follow_their_files(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text("one", encoding="utf-8")
    digest = store.file_digest([first], tmp_path)
    first.write_text("two", encoding="utf-8")
    assert store.file_digest([first], tmp_path) != digest
    recorded = (store.stamp(first),)
    assert store.unchanged(recorded)
    time.sleep(0.01)
    first.write_text("three", encoding="utf-8")  # an upgraded library
    assert not store.unchanged(recorded)
    first.unlink()
    assert not store.unchanged(recorded)


def test_the_libraries_are_those_imported_outside_the_standard_library_and_the_package():
    import jinja2  # noqa: F401  (imported: a library the work ran with)

    found = {os.path.basename(os.path.dirname(path)) for path, _, _ in store.libraries()}
    assert "jinja2" in found and "generator" not in found and "json" not in found


def test_a_result_is_made_whole_or_not_at_all_and_the_newest_are_kept(tmp_path):
    kept = store.Store(tmp_path, "kind", keep=2)
    assert kept.get("a") is None
    with kept.making("a") as folder:
        (folder / "result").write_text("A", encoding="utf-8")
        assert kept.get("a") is None  # not before the block ends
    assert (kept.get("a") / "result").read_text(encoding="utf-8") == "A"
    with pytest.raises(RuntimeError):
        with kept.making("b") as folder:
            (folder / "result").write_text("half", encoding="utf-8")
            raise RuntimeError("interrupted")
    assert kept.get("b") is None and not list(kept.folder.glob("*.partial"))
    for key in ("b", "c"):
        with kept.making(key):
            pass
    assert sorted(p.name for p in kept.folder.iterdir()) == ["b", "c"]  # "a", the oldest, is gone


def test_two_makers_of_one_result_never_write_into_each_other(tmp_path):
    kept = store.Store(tmp_path, "kind")
    with kept.making("a") as first:
        with kept.making("a") as second:  # another build, at the same time
            assert first != second
            (second / "result").write_text("second", encoding="utf-8")
        (first / "result").write_text("first", encoding="utf-8")
    assert (kept.get("a") / "result").read_text(encoding="utf-8") == "second"  # the first to finish


def test_a_discarded_result_is_gone_in_one_step(tmp_path, monkeypatch):
    """A broken result is renamed out of the way before it is removed, so a
    removal that fails (here: removes nothing) never leaves it under its key."""
    cache = store.Store(tmp_path, "things")
    with cache.making("k") as folder:
        (folder / "a").write_text("old", encoding="utf-8")
    assert cache.get("k") is not None
    monkeypatch.setattr(store.shutil, "rmtree", lambda *args, **kwargs: None)
    cache.discard("k")
    assert cache.get("k") is None
    monkeypatch.undo()
    with cache.making("k") as folder:
        (folder / "a").write_text("new", encoding="utf-8")
    assert (cache.get("k") / "a").read_text(encoding="utf-8") == "new"
