"""What a build keeps for the next one: where it is kept, the key it is kept
under, and how it is written.

Every cache of a project lives under its ``.cache/gwr/`` (:data:`CACHE_DIR`);
``make clean`` removes it, and CONTRIBUTING ("Caches") lists what is there.

A key is a digest of everything the cached work reads, derived rather than
listed:

* its inputs, as values (:func:`fingerprint`) or as the files they come from
  (:func:`file_digest`);
* the generator itself (:func:`package_digest`): every file of the package,
  code, templates, assets and theme, so any edit of the generator is a new key;
* the libraries it ran with (:func:`libraries`): the files of every module
  imported from outside the standard library and this package, recorded when
  the result is made and checked (:func:`unchanged`) before it is used again,
  so an upgraded library is a miss whichever library it is;
* the settings it was made under, which the caller puts in the key.

Writes are atomic: a file is written beside its place and renamed over it
(:func:`write_file`), a folder is made as ``KEY.partial`` and renamed when
complete (:meth:`Store.making`). A reader never finds half a cache, and a
cache that cannot be read or written is a miss, never an error.

What is read back is what was made: a result folder records every file's
size and SHA-256 when it is made (:data:`RECORD`), and :meth:`Store.checked`
reads every file back against it before the result is used; a file cut
short, edited, removed or added since, and the result is discarded (the
caller says why, and makes it again), never used.

This module imports nothing heavy: a build that reads the whole site from the
cache uses it without loading the stages.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pathlib
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator

from generator.project.paths import CACHE_DIR

PACKAGE = pathlib.Path(__file__).resolve().parents[1]
#: In each result folder: every other file's size and SHA-256, as made.
RECORD = ".gwr-made.json"
_STDLIB = os.path.dirname(os.__file__)


def fingerprint(*values: object) -> str:
    """A digest of plain values: text, numbers, tuples, dicts, frozen
    dataclasses and pydantic models of those, whose ``repr`` says all they
    hold. A value whose ``repr`` is its address says nothing: refused, so a
    key can never be built from something it does not see."""
    text = repr(values)
    if " object at 0x" in text:
        raise TypeError(f"cannot key on {text[:200]}…: give the values it holds, not the object")
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_digest(paths: Iterable[pathlib.Path], base: pathlib.Path) -> str:
    """A digest of files, each by its name relative to ``base`` and its bytes."""
    sha = hashlib.sha256()
    for path in sorted(paths):
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0missing"
        sha.update(path.relative_to(base).as_posix().encode() + b"\0" + data + b"\0")
    return sha.hexdigest()


def files_under(*folders: pathlib.Path) -> list[pathlib.Path]:
    """Every file in the folders (compiled Python aside), in a stable order."""
    found: list[pathlib.Path] = []
    for folder in folders:
        for top, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            found.extend(pathlib.Path(top, name) for name in files)
    return sorted(found)


_PACKAGE_DIGEST: dict[tuple, str] = {}


def package_digest() -> str:
    """The generator's own files: a change to any of them is a new key.
    Hashed again only when a file's size or modification time changed, so
    every build of a `mkdocs serve` session can ask."""
    files = files_under(PACKAGE)
    stamps = tuple(stamp(path) for path in files)
    if stamps not in _PACKAGE_DIGEST:
        _PACKAGE_DIGEST.clear()
        _PACKAGE_DIGEST[stamps] = file_digest(files, PACKAGE)
    return _PACKAGE_DIGEST[stamps]


Libraries = tuple[tuple[str, int, int], ...]


def libraries() -> Libraries:
    """(file, size, modification time) of every module imported so far from
    outside the standard library and this package: the libraries a result
    was made with, OpenCC's and Pagefind's included."""
    found = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if not path or path.startswith(_STDLIB) or path.startswith(str(PACKAGE)):
            continue
        with contextlib.suppress(OSError):
            found.add(stamp(path))
    return tuple(sorted(found))


def stamp(path: str | os.PathLike) -> tuple[str, int, int]:
    """A file as a key sees a program or library it did not read the bytes of."""
    info = os.stat(path)
    return os.fspath(path), info.st_size, info.st_mtime_ns


def unchanged(recorded: Libraries) -> bool:
    """Whether every library file recorded by :func:`libraries` is as it was."""
    try:
        return all(stamp(path) == (path, size, mtime) for path, size, mtime in recorded)
    except OSError:
        return False


def write_file(path: pathlib.Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` whole or not at all; False if it cannot be written."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        partial.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
        return False
    return True


def contents(folder: pathlib.Path) -> dict[str, list]:
    """Every file under ``folder`` but the record: its path, [size, SHA-256]."""
    found = {}
    for top, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(top, name)
            with open(path, "rb") as file:
                data = file.read()
            found[os.path.relpath(path, folder).replace(os.sep, "/")] = [len(data), hashlib.sha256(data).hexdigest()]
    found.pop(RECORD, None)
    return found


def differs(folder: pathlib.Path) -> str:
    """What in the result in ``folder`` is not as it was made (``""``: nothing)."""
    try:
        recorded = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        found = contents(folder)
    except (OSError, ValueError) as exc:
        return f"it does not read: {exc}"
    if not isinstance(recorded, dict):
        return f"{RECORD} does not hold a record"
    for name in sorted(recorded.keys() | found.keys()):
        if name not in found:
            return f"{name} is missing"
        if name not in recorded:
            return f"{name} was added"
        if found[name] != recorded[name]:
            size = recorded[name][0] if isinstance(recorded[name], list) and recorded[name] else "?"
            if found[name][0] != size:
                return f"{name} is {found[name][0]} bytes, {size} when it was made"
            return f"{name} changed since it was made"
    return ""


class Store:
    """A kind of cached result, one folder per key: ``.cache/gwr/KIND/KEY/``.

    A folder is made as ``KEY.partial`` and renamed when complete, so a
    folder named by its key is a complete result. The ``keep`` most recently
    made or used are kept (the current one and the one before, so undoing an
    edit finds its result), the rest removed."""

    def __init__(self, root: pathlib.Path, kind: str, keep: int = 2):
        self.folder = root / CACHE_DIR / kind
        self.keep = keep

    def get(self, key: str) -> pathlib.Path | None:
        """The folder of ``key``, or None."""
        found = self.folder / key
        if not found.is_dir():
            return None
        with contextlib.suppress(OSError):
            os.utime(found)  # used: kept before older ones
        return found

    def checked(self, key: str) -> tuple[pathlib.Path | None, str]:
        """The folder of ``key`` if every file in it is as it was made, and
        ``""``; else None, and what differs (the result is discarded)."""
        found = self.get(key)
        if found is None:
            return None, ""
        why = differs(found)
        if why:
            self.discard(key)
            return None, why
        return found, ""

    @contextlib.contextmanager
    def making(self, key: str) -> Iterator[pathlib.Path]:
        """A folder to make the result of ``key`` in; it becomes the result,
        with its :data:`RECORD`, only when the block ends without an error.
        Each maker has a folder of its own: two builds making the same result
        (an interrupted one's process, say) never write into each other's,
        and the first to finish wins."""
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = pathlib.Path(tempfile.mkdtemp(prefix=f"{key}.", suffix=".partial", dir=self.folder))
        try:
            yield partial
            (partial / RECORD).write_text(json.dumps(contents(partial), sort_keys=True), encoding="utf-8")
            try:
                partial.rename(self.folder / key)
            except OSError:  # made meanwhile by another build: the same result
                pass
            os.utime(self.folder / key)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        self._prune(key)

    def discard(self, key: str) -> None:
        """Remove the result of ``key`` (found broken): first renamed out of
        the way in one step, so that a removal failing part-way never leaves
        half a result under its key for :meth:`making` to find taken."""
        found = self.folder / key
        aside = pathlib.Path(tempfile.mkdtemp(prefix=f"{key}.", suffix=".partial", dir=self.folder))
        try:
            found.rename(aside / key)
        except OSError:
            pass
        shutil.rmtree(aside, ignore_errors=True)

    def _complete(self) -> list[pathlib.Path]:
        if not self.folder.is_dir():
            return []
        return sorted((p for p in self.folder.iterdir() if p.is_dir() and not p.name.endswith(".partial")),
                      key=lambda p: p.stat().st_mtime_ns, reverse=True)

    def _prune(self, current: str) -> None:
        for old in self._complete()[self.keep:]:
            if old.name != current:
                shutil.rmtree(old, ignore_errors=True)
        for left in self.folder.glob("*.partial"):  # a maker that was killed a day ago is not coming back
            with contextlib.suppress(OSError):
                if time.time() - left.stat().st_mtime > 86400:
                    shutil.rmtree(left, ignore_errors=True)
