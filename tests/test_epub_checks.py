"""Every EPUB the build makes, in both scripts, passes epubcheck with no error
and no warning, and Ace by DAISY finds no violation in it (issue 22): the
package claims EPUB Accessibility 1.1 at WCAG 2.2 AA, and these are the checks
that hold it to the claim.

Ace checks each book in a test of its own, so pytest-xdist spreads them over
the cores (5–30 s a book, most of it in Chromium); epubcheck checks the books
of a script in one Java process (tests/EpubcheckBatch.java)."""

from __future__ import annotations

import collections
import json
import os
import pathlib
import re
import shutil
import subprocess
from typing import NoReturn

import pytest

from tests.browser import CHROMIUM
from tests.conftest import ROOT, shared
from tests.test_downloads import EPUBS
from tests.test_epub import run

#: Ace's command-line checker on Puppeteer, which runs the system Chromium
#: (PUPPETEER_EXECUTABLE_PATH): the plain ``ace`` needs Electron's own browser,
#: which npm ci does not download (.npmrc).
ACE = ROOT / "node_modules" / ".bin" / "ace-puppeteer"


@pytest.fixture(scope="session")
def books(tmp_path_factory) -> pathlib.Path:
    """Every book `make site` puts in site/downloads/ as EPUB, exported once
    per test run (the build writes them with the same two functions)."""
    def export(folder: pathlib.Path) -> None:
        for script in ("hans", "hant"):
            result = run("export", "epub", f"{folder}/", "--script", script)
            assert result.returncode == 0, result.stderr

    folder = shared(tmp_path_factory, "epub-books", export)
    assert sorted(p.name for p in folder.glob("*.epub")) == EPUBS
    return folder


def test_one_report_exported_to_a_file_is_the_book_the_build_makes(books, tmp_path):
    single = tmp_path / "one.epub"
    result = run("export", "epub", str(single), "--year", "2024")
    assert result.returncode == 0, result.stderr
    assert single.read_bytes() == (books / "gwr-2024.epub").read_bytes()


# --- epubcheck ------------------------------------------------------------------------


def _missing(what: str, install: str) -> NoReturn:
    """A check that cannot run: a failure in CI, which installs everything
    (.ci/run), else a skip in one line saying what to install."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} must be installed in CI (.ci/run installs it: {install})")
    pytest.skip(f"{what} not installed ({install})")


@pytest.fixture(scope="session")
def epubcheck() -> list[str]:
    """How to run epubcheck on several books: Debian installs it as a jar,
    run here with java in one process for all the books of a script
    (tests/EpubcheckBatch.java); another install is run once a book. (A
    session fixture named before ``books``: a machine without it skips
    before any book is made.)"""
    found = shutil.which("epubcheck")
    java = shutil.which("java")
    if found is None or java is None:
        _missing("epubcheck", "apt-get install epubcheck")
    path = pathlib.Path(str(found)).resolve()
    # A check is a short run: the quick compiler alone and the serial collector
    # halve the processor time it takes (12 s to 6 s for the edition).
    return [str(java), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", str(path), str(BATCH)] \
        if path.suffix == ".jar" else [str(path)]


#: One JVM for the books of a script: each book's own JVM and schema loading
#: were most of its check (8 books: 23 s of processor in 17 s, against 9 s in 7).
BATCH = ROOT / "tests" / "EpubcheckBatch.java"


def _checked(command: list[str], books: list[pathlib.Path]) -> dict[str, tuple[int, str]]:
    """Book name → (epubcheck's exit status, what it printed)."""
    if command[-1] != str(BATCH):  # not the jar: one run a book
        runs = {book.name: subprocess.run([*command, "--quiet", str(book)], capture_output=True, text=True,
                                          timeout=300) for book in books}
        return {name: (run.returncode, run.stdout + run.stderr) for name, run in runs.items()}
    run = subprocess.run([*command, *map(str, books)], capture_output=True, text=True, timeout=600)
    found: dict[str, tuple[int, str]] = {}
    name, said = None, []
    for line in run.stdout.splitlines():
        if line.startswith("=== exit ") and name is not None:
            found[name] = (int(line.removeprefix("=== exit ")), "\n".join(said))
            name, said = None, []
        elif line.startswith("=== "):
            name = pathlib.Path(line.removeprefix("=== ")).name
        else:
            said.append(line)
    assert len(found) == len(books), f"epubcheck stopped:\n{run.stdout}{run.stderr}"
    return found


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_epubcheck_finds_no_error_or_warning(epubcheck, books, script):
    """Every book of a script, checked in one process; each book's messages named."""
    mine = [books / name for name in EPUBS if name.endswith("-hant.epub") == (script == "hant")]
    for name, (code, output) in _checked(epubcheck, mine).items():
        assert code == 0, f"{name}:\n{output}"
        assert "ERROR" not in output and "WARNING" not in output, f"{name}:\n{output}"


# --- Ace by DAISY ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def ace() -> list[str]:
    """How to run Ace, once each piece it needs is there (as ``epubcheck``)."""
    if not ACE.exists():
        _missing("Ace by DAISY", "npm ci, which installs @daisy/ace from package-lock.json")
    if shutil.which("node") is None:
        _missing("Node.js", "apt-get install nodejs npm")
    if not os.path.exists(CHROMIUM):
        _missing("chromium", "apt-get install chromium")
    return [str(ACE)]


def violations(report: dict) -> list[tuple[str, str, str, str]]:
    """(document, rule, impact, the element's HTML) of each assertion Ace failed."""
    return [(document["earl:testSubject"]["url"], test["earl:test"]["dct:title"],
             test["earl:test"]["earl:impact"], test["earl:result"].get("html", ""))
            for document in report["assertions"] for test in document["assertions"]
            if test["earl:result"]["earl:outcome"] == "fail"]


def _by_rule(found: list[tuple[str, str, str, str]]) -> str:
    """The violations counted by rule, with the first element of each."""
    counts = collections.Counter((rule, impact) for _, rule, impact, _ in found)
    first = {rule: (document, html) for document, rule, _, html in reversed(found)}
    return "\n".join(f"{n} × {rule} ({impact}), first in {first[rule][0]}: {first[rule][1][:200]}"
                     for (rule, impact), n in counts.most_common())


@pytest.mark.browser
@pytest.mark.parametrize("name", EPUBS)
def test_ace_finds_no_violation(ace, books, name, tmp_path):
    # Ace keeps its settings and logs where XDG says: the test's folder, not the home's.
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_EXECUTABLE_PATH": CHROMIUM,
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state")}
    out = tmp_path / "ace"
    result = subprocess.run([*ace, "--silent", "--force", "--outdir", str(out), "--tempdir", str(tmp_path),
                             str(books / name)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and (out / "report.json").exists(), f"{name}: Ace failed:\n{result.stderr}"
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    found = violations(report)
    assert not found, f"{name}: Ace found {len(found)} violations:\n{_by_rule(found)}"
    assert report["earl:result"]["earl:outcome"] == "pass"
    # The conformance claim and its evaluator, and the discovery metadata, as Ace reads them.
    assert {"dcterms:conformsTo", "a11y:certifiedBy", "schema:accessMode", "schema:accessModeSufficient",
            "schema:accessibilityFeature", "schema:accessibilityHazard",
            "schema:accessibilitySummary"} <= set(report["a11y-metadata"]["present"])


def test_the_batch_names_the_book_that_fails(epubcheck, books, tmp_path):
    """A book without its title between two good ones: its error is reported
    under its own name, and the others stay clean (the batch's output is read right)."""
    import zipfile

    bad = tmp_path / "bad.epub"
    with zipfile.ZipFile(books / "gwr-2021.epub") as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith(".opf"):
                data = re.sub(rb"<dc:title[^>]*>[^<]*</dc:title>", b"", data)
            target.writestr(item, data)
    found = _checked(epubcheck, [books / "gwr-2021.epub", bad, books / "gwr-2022.epub"])
    assert found["bad.epub"][0] != 0 and "dc:title" in found["bad.epub"][1]
    assert found["gwr-2021.epub"][0] == 0 == found["gwr-2022.epub"][0]
    assert "ERROR" not in found["gwr-2022.epub"][1]
