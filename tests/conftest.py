"""Shared fixtures: the project root, the shared corpus, copies of the project."""

from __future__ import annotations

import fcntl  # the shared folders' lock: the suite runs where make and bash do (POSIX)
import os
import pathlib
import shutil
from collections.abc import Callable

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("GWR_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"


def default_links():
    """Links as MkDocs makes them with its default settings (directory URLs)."""
    from generator.build.mkdocs_files import page_urls
    from generator.links import Links

    return Links(page_urls(use_directory_urls=True))


def corpus_files() -> list[pathlib.Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.fixture
def corpus():
    files = corpus_files()
    if not files:
        pytest.skip(f"no corpus at {CORPUS}")
    return files


@pytest.fixture
def project_copy(tmp_path) -> pathlib.Path:
    """A throwaway copy of everything a build reads, to break things in."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("mkdocs.yml", "docs", "source_texts", "glossary"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)
    for raw in (target / "source_texts").glob("*.txt"):
        raw.chmod(0o644)
    return target


def shared(tmp_path_factory, name: str, make: Callable[[pathlib.Path], None]) -> pathlib.Path:
    """A folder made once per test run by ``make(folder)``, however many
    pytest-xdist workers ask for it: the first makes it, the others wait on a
    lock and then read it. Each worker has a base folder of its own inside the
    run's; without xdist the run's base is this process's."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    target, failed = base / name, base / f"{name}.failed"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if failed.exists():  # another worker tried: its error, not the same wait again
            pytest.fail(f"making {name} failed in another worker:\n{failed.read_text(encoding='utf-8')}")
        if not (target / ".made").exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            try:
                make(target)
            except BaseException as exc:
                failed.write_text(str(exc), encoding="utf-8")
                raise
            (target / ".made").touch()
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> pathlib.Path:
    """The project's site as `make site` builds it (``mkdocs build --strict``
    with the books), once per test run, in a folder of the run's (its caches
    too, never the developer's)."""
    from tests.sitebuild import built_site

    return shared(tmp_path_factory, "site", built_site) / "site"


@pytest.fixture(scope="session")
def flat_site(tmp_path_factory) -> tuple[pathlib.Path, str]:
    """A plain build (no books) with use_directory_urls: false, a repository
    (REPO_URL) and the site's URL (SITE_URL). Returns (site, what the build said)."""
    from tests.sitebuild import built_flat_site

    folder = shared(tmp_path_factory, "flat-site", built_flat_site)
    return folder / "site", (folder / "stderr.txt").read_text(encoding="utf-8")


#: Test files whose tests are long chains or long runs (Ace takes up to half a
#: minute a book): sent out first (pytest-xdist hands the first tests to the
#: workers in turn), so no worker is left alone with one at the end.
FIRST = ("test_stale.py", "test_epub_checks.py")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.path.name not in FIRST)  # stable: the order within each part stays


def pytest_terminal_summary(terminalreporter):
    """What was skipped, grouped by what it needs: a fresh machine runs without
    Chromium, fonts, epubcheck or the corpus, and should say which checks did
    not run and what to install for them (.ci/run installs them all)."""
    groups: dict[str, list[str]] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        groups.setdefault(reason.removeprefix("Skipped: "), []).append(report.nodeid.split("::")[0])
    if not groups:
        return
    terminalreporter.section("skipped, and what they need")
    for reason, tests in sorted(groups.items(), key=lambda g: -len(g[1])):
        files = ", ".join(sorted({t.removeprefix("tests/") for t in tests}))
        terminalreporter.write_line(f"{len(tests):4} skipped: {reason} ({files})")


#: What a test run may add to the project's folder: Python's and the tools' own caches.
_LEFT = pytest.StashKey[set[str] | None]()
_NEW = pytest.StashKey[list[str]]()
_TOOLS = ("__pycache__/", ".pytest_cache/", ".ruff_cache/", ".mypy_cache/")


def _left_files() -> set[str] | None:
    """Every untracked or ignored path under the project root (git's view), or
    None where git cannot tell (no git, not a repository)."""
    import subprocess

    try:
        listed = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--ignored", "-z",
                                 "--untracked-files=all", "--", ".", ":!.venv", ":!node_modules"],
                                capture_output=True, text=True)
    except FileNotFoundError:
        return None
    if listed.returncode != 0:
        return None
    found = {entry[3:] for entry in listed.stdout.split("\0") if entry.startswith(("??", "!!"))}
    return {path for path in found if not any(tool in f"/{path}" for tool in _TOOLS)}


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # once, in the process that runs the workers
        session.config.stash[_LEFT] = _left_files()


def pytest_sessionfinish(session, exitstatus):
    """No test leaves a file outside its temporary folder: the project's folder
    holds no new untracked or ignored file after the run (a site, a cache, an
    export written into the checkout would be one)."""
    before = session.config.stash.get(_LEFT, None)
    if before is None:
        return
    after = _left_files() or set()
    new = sorted(after - before)
    if new:
        session.config.stash[_NEW] = new
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config):
    new = config.stash.get(_NEW, None)
    if new:
        print(f"\nerror: the tests left {len(new)} files in the project's folder (a test must write only in its "
              f"temporary folder): {', '.join(new[:10])}")
