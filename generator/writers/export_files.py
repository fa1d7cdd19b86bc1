"""Writing an export where a reader keeps files: never over theirs, never by halves.

An export's folder is the reader's too: they keep notes beside the pages,
edit a page, change ``mkdocs.yml``, or point ``export epub`` at a file that is
something else. So an export

* replaces or removes only a file it wrote itself and nobody changed since:
  :class:`Listing` (the folder's ``.gwr-export``) records each file it wrote
  with its SHA-256; a file changed since, or one it never wrote, stops the
  export with its name unless ``--force``; every other file is kept, and said so;
* writes nothing through a symbolic link: a link where a file or folder of
  the export goes is refused, ``--force`` or not;
* is written whole or not at all: every file goes to a staging folder first
  (``.gwr-export.staging``), and only when all are written are they moved
  into place (a rename, which needs no space). A full disk stops it with one
  line and nothing changed.

A single book (``export epub``/``pdf`` to a file) is the same rule for one
file: it replaces an earlier book of this edition (:func:`claim`), anything
else only with ``--force``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pathlib
import shutil
from collections.abc import Callable, Mapping

from generator.diagnostics import GeneratorError

MARKER = ".gwr-export"
STAGING = ".gwr-export.staging"
_HEADER = ("# Written by `python -m generator export md`. Exporting again replaces a file listed here\n"
           "# while it is as written, and keeps every other file (your notes, your edits).\n")
SHOWN = 5  # names listed in a refusal; the count says how many more


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclasses.dataclass(frozen=True)
class Listing:
    """What the last export wrote: path inside the folder → SHA-256."""

    files: dict[str, str]

    @classmethod
    def read(cls, out: pathlib.Path) -> Listing | None:
        """The folder's listing; None for a folder no export wrote, an empty
        listing for one written before listings (its files cannot be told
        from the reader's, so nothing there is replaced without --force)."""
        marker = out / MARKER
        if not marker.is_file() or marker.is_symlink():
            return None
        files = {}
        for line in marker.read_text(encoding="utf-8", errors="replace").splitlines():
            hashed, _, name = line.partition("  ")
            if len(hashed) == 64 and _inside(name) and not line.startswith("#"):
                files[name] = hashed
        return cls(files)

    def text(self) -> str:
        return _HEADER + "".join(f"{hashed}  {name}\n" for name, hashed in sorted(self.files.items()))


@dataclasses.dataclass(frozen=True)
class Written:
    files: int
    size: int
    kept: list[str]  # files here the export did not write, or a reader changed: left as they are


def _inside(name: str) -> bool:
    """Whether a name from a listing stays inside its folder: an edited
    listing must not make the export remove ``../notes.md`` or ``/etc/x``."""
    parts = pathlib.PurePosixPath(name).parts
    return bool(parts) and not name.startswith("/") and not any(p in ("..", ".") for p in parts) \
        and "\\" not in name


def refuse_in_the_way(out: pathlib.Path, name: str, writes: bool = True) -> None:
    """No symbolic link on the way from ``out`` to ``out/name``, nor at it;
    where the export ``writes`` the file, no file where the way needs a
    folder and no folder where the file goes."""
    path = out
    parts = pathlib.PurePosixPath(name).parts
    for index, part in enumerate(parts):
        path = path / part
        if path.is_symlink():
            raise GeneratorError.single(str(path), None, "is a symbolic link; an export writes only real files "
                                                         "and folders inside its folder: remove the link")
        last = index == len(parts) - 1
        if writes and os.path.lexists(path) and path.is_dir() == last:
            raise GeneratorError.single(str(path), None, f"is a {'folder' if last else 'file'} where the export "
                                                         f"writes a {'file' if last else 'folder'}; move it elsewhere")


def _changed(out: pathlib.Path, name: str, listing: Listing) -> bool:
    """Whether ``name`` is there and is not the file the last export wrote."""
    path = out / name
    if not os.path.lexists(path):
        return False
    if not path.is_file():
        return True
    return listing.files.get(name) != digest(path.read_bytes())


def _refuse(out: pathlib.Path, names: list[str], why: str) -> None:
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    raise GeneratorError.single(str(out), None, f"{', '.join(names[:SHOWN])}{more} {why}; move them elsewhere, "
                                                "or pass --force to replace them")


def write_folder(out: pathlib.Path, files: Mapping[str, bytes], force: bool = False) -> Written:
    """Write ``files`` (path inside ``out`` → bytes) as the export in ``out``,
    by the rules in the module's docstring."""
    if os.path.lexists(out) and not out.is_dir():
        raise GeneratorError.single(str(out), None, "is a file; give a folder for the export (it is made when "
                                                    "missing)")
    listing = Listing.read(out)
    if listing is None and out.is_dir() and any(p.name != STAGING for p in out.iterdir()) and not force:
        raise GeneratorError.single(str(out), None, f"holds files that no export wrote (it has no {MARKER}); "
                                                    "give a new or empty folder, or pass --force to write "
                                                    "beside them")
    listing = listing or Listing({})
    gone = [name for name in listing.files if name not in files]
    for name in [*files, MARKER]:
        refuse_in_the_way(out, name)
    for name in [*gone, STAGING]:
        refuse_in_the_way(out, name, writes=False)
    changed = sorted(name for name in files if _changed(out, name, listing))
    if changed and not force:
        _refuse(out, changed, "changed since the last export or were not written by it")
    edited = {name for name in gone if _changed(out, name, listing)}  # no longer written, but a reader's now
    made = not out.exists()
    staging = out / STAGING
    try:
        out.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(staging) and not staging.is_dir():
            staging.unlink()
        shutil.rmtree(staging, ignore_errors=True)  # left by an export that was killed
        staging.mkdir()
        for name, data in files.items():
            _write(staging / name, data)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if made:
            with contextlib.suppress(OSError):
                out.rmdir()
        raise GeneratorError.single(str(out), None, f"the export could not be written ({exc.strerror}); "
                                                    "nothing in it was changed") from None
    _move_in(out, staging, files, listing, [name for name in gone if name not in edited])
    readers = sorted(str(p.relative_to(out)) for p in out.rglob("*")
                     if p.is_file() and p.name != MARKER and str(p.relative_to(out)) not in files)
    return Written(len(files) + 1, sum(len(d) for d in files.values()), readers)


def _move_in(out: pathlib.Path, staging: pathlib.Path, files: Mapping[str, bytes], listing: Listing,
             unwritten: list[str]) -> None:
    """The staged files into place (renames: no space needed), the files the
    export no longer writes removed, then the new listing. Should a rename
    fail all the same, the listing is made to say what is on disk now."""
    # What the listing says at each step: the files still as the last export
    # wrote them, then each new one as it lands (a changed file it no longer
    # writes is the reader's now, and not listed).
    now = {name: hashed for name, hashed in listing.files.items() if name in files or name in unwritten}
    try:
        for name, data in files.items():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, out / name)
            now[name] = digest(data)
        for name in unwritten:
            (out / name).unlink(missing_ok=True)
            del now[name]
    except OSError as exc:
        write_file(out / MARKER, lambda partial: partial.write_text(Listing(now).text(), encoding="utf-8"))
        raise GeneratorError.single(str(out), None, f"the export stopped while its files were put in place "
                                                    f"({exc.strerror}); run it again") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    write_file(out / MARKER, lambda partial: partial.write_text(Listing(now).text(), encoding="utf-8"))


def _write(path: pathlib.Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def claim(path: pathlib.Path, ours: Callable[[pathlib.Path], bool], what: str, force: bool) -> None:
    """Refuse to write a book at ``path`` over a link, a folder, or a file that is
    not an earlier book of this edition (``ours``) unless ``force``."""
    if path.is_symlink():
        raise GeneratorError.single(str(path), None, "is a symbolic link; the export writes only real files: "
                                                     "remove the link or give another name")
    if os.path.lexists(path) and not path.is_file():
        raise GeneratorError.single(str(path), None, f"is not a file; give a file name for {what}")
    if path.is_file() and not force and not ours(path):
        raise GeneratorError.single(str(path), None, f"is not {what} this edition wrote; give another name, or "
                                                     "pass --force to replace it")


def write_file(path: pathlib.Path, write: Callable[[pathlib.Path], object]) -> int:
    """``write(partial)``, then the partial file put in place of ``path``: a
    reader never finds half a book, and a failed write leaves nothing behind."""
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)  # a link there (or a file left by a killed export) is not written through
        write(partial)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise GeneratorError.single(str(path), None, f"could not be written ({exc.strerror}); nothing was "
                                                     "changed there") from None
    partial.replace(path)
    return path.stat().st_size
