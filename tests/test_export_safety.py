"""Exporting where a reader keeps files (generator/writers/export_files.py):
their notes and edits are kept or the export refuses; nothing is written
through a link; a write that fails (a full disk) leaves the folder as it was.

A full disk is the real failure of a write, made small: the export runs
under a file-size limit (RLIMIT_FSIZE; Python ignores SIGXFSZ, so a write past
it fails with EFBIG, as one on a full disk fails with ENOSPC)."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT

TINY = FIXTURES / "render" / "project"
#: Seconds an export of the small project may take (it takes about 2): past it, a hang.
LIMIT = 60


def run(*args, limit: int | None = None):
    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "generator", "--root", str(TINY), "export", *args], cwd=ROOT,
                          capture_output=True, text=True, preexec_fn=limited if limit else None,
                          timeout=LIMIT)


def one_error(result, *says):
    assert result.returncode == 2, (result.stdout, result.stderr)
    (line,) = result.stderr.splitlines()
    assert ": error: " in line and all(s in line for s in says), line
    return line


def tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def exported(tmp_path):
    out = tmp_path / "out"
    assert run("md", str(out)).returncode == 0
    return out


def test_a_readers_notes_are_kept_and_named(exported):
    (exported / "docs" / "notes.md").write_text("my notes", encoding="utf-8")
    (exported / "mine").mkdir()
    (exported / "mine" / "todo.txt").write_text("x", encoding="utf-8")
    again = run("md", str(exported))
    assert again.returncode == 0, again.stderr
    assert "kept 2 files the export did not write: docs/notes.md, mine/todo.txt" in again.stdout
    assert (exported / "docs" / "notes.md").read_text(encoding="utf-8") == "my notes"


@pytest.mark.parametrize("edited", ["docs/2099.md", "mkdocs.yml"])
def test_an_edited_file_stops_the_export_and_force_replaces_it(exported, edited):
    path = exported / edited
    path.write_text(path.read_text(encoding="utf-8") + "\nmy edit\n", encoding="utf-8")
    before = tree(exported)
    one_error(run("md", str(exported)), edited, "changed since the last export", "--force")
    assert tree(exported) == before
    forced = run("md", str(exported), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "my edit" not in path.read_text(encoding="utf-8")


def test_a_page_no_longer_exported_goes_unless_a_reader_changed_it(exported):
    listing = exported / ".gwr-export"
    text = listing.read_text(encoding="utf-8")
    (exported / "docs" / "gone.md").write_text("old page", encoding="utf-8")
    (exported / "docs" / "edited.md").write_text("old page, edited", encoding="utf-8")
    digest = hashlib.sha256(b"old page").hexdigest()
    listing.write_text(text + f"{digest}  docs/gone.md\n{digest}  docs/edited.md\n", encoding="utf-8")
    again = run("md", str(exported))
    assert again.returncode == 0, again.stderr
    assert not (exported / "docs" / "gone.md").exists()
    assert (exported / "docs" / "edited.md").read_text(encoding="utf-8") == "old page, edited"
    assert "docs/edited.md" in again.stdout and "docs/edited.md" not in listing.read_text(encoding="utf-8")


def test_an_export_from_before_listings_is_replaced_only_with_force(exported):
    (exported / ".gwr-export").write_text("Written by `python -m generator export md`; exporting again replaces "
                                          "docs/ and mkdocs.yml here.\n", encoding="utf-8")
    one_error(run("md", str(exported)), "changed since the last export or were not written by it")
    assert run("md", str(exported), "--force").returncode == 0


def test_nothing_is_written_through_a_link(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.md").write_text("keep", encoding="utf-8")
    out = tmp_path / "out"
    assert run("md", str(out)).returncode == 0
    docs = out / "docs"
    os.rename(docs, tmp_path / "old-docs")
    docs.symlink_to(elsewhere)
    for force in ((), ("--force",)):
        one_error(run("md", str(out), *force), "docs", "symbolic link")
    assert tree(elsewhere) == {"precious.md": b"keep"}


def test_a_full_disk_leaves_the_folder_as_it_was(exported):
    """The failing write is the largest page: part of the export is already staged when it fails."""
    (exported / "docs" / "2099.md").unlink()  # something to write again
    before = tree(exported)
    limit = max(len(data) for data in before.values()) // 2
    line = one_error(run("md", str(exported), limit=limit), "could not be written", "nothing in it was changed")
    assert "Traceback" not in line
    assert tree(exported) == before and not (exported / ".gwr-export.staging").exists()
    assert not (exported / ".gwr-export.partial").exists()


def test_a_full_disk_on_a_new_folder_leaves_no_folder(tmp_path):
    one_error(run("md", str(tmp_path / "new"), limit=4096), "could not be written")
    assert list(tmp_path.iterdir()) == []


def test_an_epub_goes_only_over_an_earlier_book(tmp_path):
    theirs = tmp_path / "thesis.epub"
    theirs.write_bytes(b"PK not a book of ours")
    one_error(run("epub", str(theirs)), "is not an EPUB this edition wrote", "--force")
    assert theirs.read_bytes() == b"PK not a book of ours"
    assert run("epub", str(theirs), "--force").returncode == 0
    again = run("epub", str(theirs), "--script", "hant")  # an earlier book of the edition, in either script
    assert again.returncode == 0, again.stderr
    link = tmp_path / "link.epub"
    link.symlink_to(tmp_path / "target.epub")
    one_error(run("epub", str(link), "--force"), "symbolic link")
    assert not (tmp_path / "target.epub").exists()


def test_a_full_disk_leaves_no_half_book(tmp_path):
    book = tmp_path / "book.epub"
    assert run("epub", str(book)).returncode == 0
    before = book.read_bytes()
    one_error(run("epub", str(book), "--script", "hant", limit=len(before) // 3), "could not be written",
              "nothing was changed")
    assert book.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["book.epub"]


def test_an_edited_listing_never_reaches_outside_the_folder(exported, tmp_path):
    """Names in .gwr-export are the export's own files, inside OUT: `../x` or `/x` are not."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    digest = hashlib.sha256(b"precious").hexdigest()
    listing = exported / ".gwr-export"
    listing.write_text(listing.read_text(encoding="utf-8") + f"{digest}  ../victim.txt\n{digest}  {victim}\n",
                       encoding="utf-8")
    assert run("md", str(exported)).returncode == 0
    assert victim.read_text(encoding="utf-8") == "precious"


def test_a_link_where_the_export_stages_is_not_written_through(exported, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (exported / ".gwr-export.staging").symlink_to(elsewhere)
    one_error(run("md", str(exported)), ".gwr-export.staging", "symbolic link")
    assert list(elsewhere.iterdir()) == []
    book, target = tmp_path / "book.epub", tmp_path / "target"
    assert run("epub", str(book)).returncode == 0
    target.write_text("precious", encoding="utf-8")
    (tmp_path / "book.epub.partial").symlink_to(target)
    assert run("epub", str(book)).returncode == 0
    assert target.read_text(encoding="utf-8") == "precious"


def test_a_file_where_the_export_needs_a_folder_stops_it_before_anything_moves(exported):
    glossary = exported / "docs" / "glossary"
    shutil.rmtree(glossary)
    glossary.write_text("a reader's file", encoding="utf-8")
    before = tree(exported)
    for force in ((), ("--force",)):
        one_error(run("md", str(exported), *force), "docs/glossary", "is a file where the export writes a folder")
    assert tree(exported) == before and not (exported / ".gwr-export.staging").exists()


def test_the_project_itself_is_never_an_export_folder(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(TINY, project)
    (project / "docs").mkdir()
    before = tree(project)
    for out in (".", str(project)):
        result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "export", "md", out,
                                 "--force"], cwd=project, capture_output=True, text=True, timeout=LIMIT)
        one_error(result, "is the project itself")
    assert tree(project) == before
