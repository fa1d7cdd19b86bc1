"""A cache is believed only for what it reads back, never shared with the
site, never one git tracks; and two builds of one project never run at once.

One project is built once per test run, with its books as EPUBs (no
Chromium: quick) and a fixed date, from a copy of the generator (another
engineer's edit of the package would be a new key in the middle of a test).
Each test copies that project with its caches and builds the copy: most
builds read everything from the caches, so they are quick.
"""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from generator.project import store
from tests.conftest import ROOT, shared
from tests.test_downloads import without_browser
from tests.test_stale import _differences

CACHE = pathlib.Path(".cache/gwr")
BOOK = "gwr-2024.epub"
POISON = "poisoned-by-a-committed-cache"


def _environment(folder: pathlib.Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(folder / "package"), "NO_MKDOCS_2_WARNING": "1",
            "GWR_DOWNLOADS": "true", "PATH": str(folder / "bin"), "GWR_CHROMIUM": "",
            "SOURCE_DATE_EPOCH": "1733000000"}


def _build(folder: pathlib.Path, project: pathlib.Path, site: pathlib.Path, *options: str,
           **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *options, "--site-dir", str(site),
                           "--config-file", str(project / "mkdocs.yml")],
                          cwd=project, capture_output=True, text=True, env={**_environment(folder), **env})


def _built(folder: pathlib.Path) -> None:
    project = folder / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "source_texts", "glossary"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, project / name)
    shutil.copytree(ROOT / "generator", folder / "package" / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    without_browser(folder / "bin")
    result = _build(folder, project, folder / "site", "--strict")
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> pathlib.Path:
    """The folder of the built project (``project/``, with its caches), its
    site (``site/``) and the generator it was built with (``package/``)."""
    return shared(tmp_path_factory, "cache-trust", _built)


def _copy(built: pathlib.Path, tmp_path: pathlib.Path) -> pathlib.Path:
    """The built project, with its caches, to break things in."""
    project = tmp_path / "project"
    shutil.copytree(built / "project", project, symlinks=True)
    return project


def _only(folder: pathlib.Path) -> pathlib.Path:
    (found,) = [p for p in folder.iterdir() if p.is_dir()]
    return found


def _cut(path: pathlib.Path) -> None:
    path.write_bytes(path.read_bytes()[:path.stat().st_size // 2])


def test_a_cut_site_cache_book_and_index_are_made_again_never_served(built, tmp_path):
    from generator.search import bundle

    project = _copy(built, tmp_path)
    site = tmp_path / "site"
    shutil.copytree(built / "site", site)
    assert _build(built, project, site, "--strict").returncode == 0  # this site's bundle, kept by the next build
    _cut(project / CACHE / "site.marshal")
    cached_book = _only(project / CACHE / "downloads") / BOOK
    _cut(cached_book)
    fragment = next((site / "pagefind/fragment").iterdir())
    _cut(fragment)
    bundle.verify(fragment.parent.parent)  # not empty, every file there: only its bytes tell
    result = _build(built, project, site, "--strict", "--verbose")
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "not used" in line or "not whole" in line]
    assert len(said) == 2, result.stderr
    site_line, books_line = sorted(said, key=lambda line: "books" in line)  # the books are looked at first
    assert "the site cache .cache/gwr/site.marshal is not used:" in site_line and "building from the sources" in site_line
    assert f"the cached books are not whole ({BOOK} is " in books_line and "making them again" in books_line
    assert "search index: " in result.stderr  # indexed again
    assert "Traceback" not in result.stderr
    # The build equals the fresh one, book for book (Pagefind's chunk names aside) ...
    assert _differences(site, built / "site") == []
    bundle.verify(site / "pagefind")
    # ... and the caches are whole again, for the next build.
    assert cached_book.read_bytes() == (built / "site/downloads" / BOOK).read_bytes()
    from generator.build import site_cache

    with open(project / CACHE / "site.marshal", "rb") as file:
        key = marshal.load(file)
    assert site_cache.load(project, key) is not None


def test_a_site_cache_that_is_not_what_was_written_is_a_miss_in_one_line(built, tmp_path, caplog):
    from generator.build import site_cache

    project = _copy(built, tmp_path)
    path = project / CACHE / "site.marshal"
    with open(path, "rb") as file:
        key = marshal.load(file)
    data = bytearray(path.read_bytes())
    data[-100] ^= 1  # one bit of a page, the length as written
    path.write_bytes(bytes(data))
    with caplog.at_level("INFO", logger="mkdocs.plugins.gwr"):
        assert site_cache.load(project, key) is None
    assert "SHA-256 differs" in caplog.text
    for garbage in (b"", b"\xff" * 50, data[:30]):
        path.write_bytes(bytes(garbage))
        assert site_cache.load(project, key) is None  # never a traceback
    assert site_cache.load(project, "another key") is None


def test_an_edit_of_the_published_index_and_books_never_reaches_a_later_build(built, tmp_path):
    cached_books = _only(built / "project" / CACHE / "downloads")

    def shares_a_file(site: pathlib.Path, cache: pathlib.Path) -> list[str]:
        inodes = {p.stat().st_ino for p in cache.rglob("*") if p.is_file()}
        return [p.name for p in site.rglob("*") if p.is_file() and (p.stat().st_ino in inodes or p.stat().st_nlink > 1)]

    # A fresh build: the books made, then copied into the site.
    assert not shares_a_file(built / "site/downloads", cached_books)
    # A build from the caches, an edit of what it published, in place, and the next build.
    project = _copy(built, tmp_path)
    site = tmp_path / "site"
    result = _build(built, project, site, "--strict")
    assert result.returncode == 0, result.stderr
    assert "making them again" not in result.stderr  # the books from the cache
    books = _only(project / CACHE / "downloads")
    assert not shares_a_file(site / "downloads", books)
    fragment = next((site / "pagefind/fragment").iterdir()).name
    edited = ["pagefind/pagefind-entry.json", f"pagefind/fragment/{fragment}", f"downloads/{BOOK}"]
    for name in edited:
        with open(site / name, "r+b") as file:  # in place: a hard link would carry it into the cache
            file.write(b"edited")
    assert (books / BOOK).read_bytes() == (built / "site/downloads" / BOOK).read_bytes()  # the cache as made
    result = _build(built, project, site, "--strict", "--verbose")
    assert result.returncode == 0, result.stderr
    assert "search index: " in result.stderr  # the edited bundle was not kept: indexed again
    assert _differences(site, built / "site") == []
    for name in edited:
        assert b"edited" not in (site / name).read_bytes()[:6]


def _git(root: pathlib.Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(root), "PATH": os.environ.get("PATH", "")})


def _state(folder: pathlib.Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``folder``: its size and modification time."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in [folder, *folder.rglob("*")] if p.name != "build.lock"}


def test_caches_git_tracks_are_ignored_with_a_warning(built, tmp_path):
    """Caches consistent in themselves, with the right keys, but committed:
    not one of them is used, and a strict build fails saying how to untrack them."""
    if shutil.which("git") is None:
        pytest.skip("no git")
    from generator.build import site_cache
    from generator.search import indexing, site_bundle

    project = _copy(built, tmp_path)
    cache = project / CACHE
    with open(cache / "site.marshal", "rb") as file:
        key = marshal.load(file)
    site = site_cache.load(project, key)
    assert site is not None
    site.pages[:] = [dataclasses.replace(page, html=page.html + POISON) for page in site.pages]
    site_cache.save(project, key, site)
    # The site's search bundle, poisoned, and its listing in the cache made to match.
    published = tmp_path / "site"
    assert _build(built, project, published, "--strict").returncode == 0
    (published / "pagefind" / indexing.SCRIPTS).write_text(f'{{"{POISON}": 1}}', encoding="utf-8")
    place = site_bundle.SiteBundle(published, project)
    record = json.loads(place.record.read_text(encoding="utf-8"))
    record["files"] = site_bundle.listing(published / "pagefind")
    place.record.write_text(json.dumps(record), encoding="utf-8")
    books = _only(cache / "downloads")
    (books / BOOK).write_bytes(POISON.encode() + (books / BOOK).read_bytes())
    (books / store.RECORD).write_text(json.dumps(store.contents(books)), encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "-f", ".cache/gwr")
    before = _state(cache)
    scratch = tmp_path / "tmp"
    scratch.mkdir()

    result = _build(built, project, published, "--strict", TMPDIR=str(scratch))
    assert result.returncode != 0
    warned = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warned) == 1 and "git tracks" in warned[0] and "git rm -r --cached .cache/gwr" in warned[0], \
        result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stdout and "Traceback" not in result.stderr
    # Nothing of the committed caches was used, or touched.
    assert not [p for p in published.rglob("*.html") if POISON in p.read_text(encoding="utf-8")]
    assert POISON not in (published / "pagefind" / indexing.SCRIPTS).read_text(encoding="utf-8")
    assert (published / "downloads" / BOOK).read_bytes() == (built / "site/downloads" / BOOK).read_bytes()
    assert _state(cache) == before
    assert _differences(published, built / "site") == []
    assert list(scratch.iterdir()) == []  # the session's own caches went with it

    # Untracked, the same caches are the project's own again, and believed.
    _git(project, "rm", "-r", "-q", "--cached", ".cache/gwr")
    (published / "pagefind" / indexing.SCRIPTS).write_text(f'{{"{POISON}": 1}}', encoding="utf-8")
    record["files"] = site_bundle.listing(published / "pagefind")
    place.record.write_text(json.dumps(record), encoding="utf-8")
    result = _build(built, project, published, "--strict")
    assert result.returncode == 0, result.stderr
    assert POISON in (published / "2024/index.html").read_text(encoding="utf-8")
    assert POISON in (published / "pagefind" / indexing.SCRIPTS).read_text(encoding="utf-8")
    assert (published / "downloads" / BOOK).read_bytes().startswith(POISON.encode())


def test_a_second_build_stops_in_one_line_while_another_holds_the_lock(project_copy, tmp_path):
    from generator.build import guard

    holder = guard.BuildLock(project_copy)
    holder.acquire()
    site = tmp_path / "site"
    site.mkdir()
    (site / "kept.html").write_text("the other build's", encoding="utf-8")
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                                cwd=project_copy, capture_output=True, text=True,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    finally:
        holder.release()
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [f"ERROR   -  another build is running in this folder (pid {os.getpid()}); "
                      "wait for it or stop it"], result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "kept.html").exists()  # it stopped before MkDocs cleaned the site folder
    again = guard.BuildLock(project_copy)
    again.acquire()  # let go: the next build runs
    assert again.held
    again.release()


def test_a_build_lets_go_of_the_lock_when_it_ends_or_fails(project_copy):
    from mkdocs.config import load_config

    from generator.build import guard
    from generator.build.session import Session

    config = load_config(config_file=str(project_copy / "mkdocs.yml"))
    for end in ("post_build", "build_error"):
        session = Session(project_copy, serving=False)
        session.configure(config, search=False, downloads=False, require_pdf=False)
        with pytest.raises(guard.Busy, match=f"pid {os.getpid()}"):
            guard.BuildLock(project_copy).acquire()
        session.configure(config, search=False, downloads=False, require_pdf=False)  # held already: no-op
        session.post_build(config) if end == "post_build" else session.build_error()
        other = guard.BuildLock(project_copy)
        other.acquire()
        other.release()


def test_a_kept_pdf_is_used_only_as_it_was_printed(tmp_path):
    """``pdf/KEY/``: each PDF printed, with its size and digest; one cut short
    or changed since is printed again (its folder removed), never published."""
    from generator.build import downloads

    printed = store.Store(tmp_path, "pdf")
    with printed.making("key") as made:
        (made / "book.pdf").write_bytes(b"%PDF-1.7 a printed book")
    assert downloads._printed(printed, "key") == b"%PDF-1.7 a printed book"
    _cut(tmp_path / ".cache/gwr/pdf/key/book.pdf")
    assert downloads._printed(printed, "key") is None and printed.get("key") is None
    with printed.making("key") as made:  # kept by an earlier version: no record to check it against
        (made / "book.pdf").write_bytes(b"%PDF-1.7 a printed book")
    (tmp_path / ".cache/gwr/pdf/key" / store.RECORD).unlink()
    assert downloads._printed(printed, "key") is None


def test_a_linked_cache_folder_is_never_trusted_nor_written_through(project_copy, tmp_path):
    """git lists nothing under a link, so a committed `.cache -> elsewhere` would
    pass for untracked: the link itself is refused, and the lock is not the
    linked file (whose content the pid would have replaced)."""
    from generator.build import guard

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "gwr").mkdir(parents=True)
    (elsewhere / "gwr" / "build.lock").write_text("precious data", encoding="utf-8")
    (project_copy / ".cache").symlink_to(elsewhere)
    mistake, why = guard.distrust(project_copy)
    assert mistake and ".cache is a symbolic link" in why
    lock = guard.BuildLock(project_copy)
    lock.acquire()
    try:
        assert lock.held
        with pytest.raises(guard.Busy, match="another build is running in this folder; wait"):
            guard.BuildLock(project_copy).acquire()
    finally:
        lock.release()
    assert (elsewhere / "gwr" / "build.lock").read_text(encoding="utf-8") == "precious data"


def test_a_lock_file_that_is_a_link_is_not_followed(project_copy, tmp_path):
    from generator.build import guard

    target = tmp_path / "precious.txt"
    target.write_text("precious data", encoding="utf-8")
    (project_copy / CACHE).mkdir(parents=True, exist_ok=True)
    (project_copy / CACHE / "build.lock").symlink_to(target)
    lock = guard.BuildLock(project_copy)
    lock.acquire()
    lock.release()
    assert target.read_text(encoding="utf-8") == "precious data"
