"""The books a site serves (`make site`, GWR_DOWNLOADS=true): EPUBs everywhere,
PDFs where Chromium and a CJK font can print them, and no page links a book
that was not made."""

from __future__ import annotations

import filecmp
import os
import pathlib
import re

from tests.sitebuild import build_site

STEMS = ("gwr-2021", "gwr-2022", "gwr-2024", "gwr")
EPUBS = sorted([f"{s}.epub" for s in STEMS] + [f"{s}-hant.epub" for s in STEMS])


def without_browser(folder: pathlib.Path) -> str:
    """A PATH with every program of this one but Chromium and Chrome: a fresh machine."""
    folder.mkdir()
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        for program in pathlib.Path(directory).glob("*") if os.path.isdir(directory) else ():
            if not program.name.startswith(("chromium", "google-chrome", "chromedriver")) \
                    and not (folder / program.name).exists():
                (folder / program.name).symlink_to(program)
    return str(folder)


def _hrefs(site: pathlib.Path) -> set[str]:
    return {href for page in site.rglob("*.html")
            for href in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))}


def test_without_chromium_the_site_and_its_epubs_are_built_and_no_page_links_a_pdf(project_copy, tmp_path):
    out = tmp_path / "site"
    env = {"GWR_DOWNLOADS": "true", "PATH": without_browser(tmp_path / "bin"), "GWR_CHROMIUM": ""}
    result = build_site(project_copy, out, env=env)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "PDF" in line]
    assert len(said) == 1 and "apt-get install chromium" in said[0], result.stderr
    assert sorted(p.name for p in (out / "downloads").iterdir()) == EPUBS
    hrefs = _hrefs(out)
    assert not [h for h in hrefs if h.endswith(".pdf")]
    assert {f"downloads/{b}" for b in EPUBS} <= hrefs  # the home page links every book there is
    assert "../downloads/gwr-2024.epub" in (out / "2024/index.html").read_text(encoding="utf-8")


def test_pdf_required_fails_in_one_line_where_it_cannot_print(project_copy, tmp_path):
    env = {"GWR_DOWNLOADS": "true", "GWR_PDF": "required", "PATH": without_browser(tmp_path / "bin"),
           "GWR_CHROMIUM": ""}
    result = build_site(project_copy, tmp_path / "site", env=env)
    assert result.returncode != 0
    assert "the PDF books are not printed: no Chromium" in result.stderr and "Traceback" not in result.stderr


def test_a_site_built_with_downloads_serves_and_links_the_books(site, flat_site, tmp_path):
    """`make site` (GWR_DOWNLOADS=true; the session's site is built so): the
    books are files of the site, linked from the home page and each report
    page, and printed once per state of the inputs."""
    from tests.test_pdf import _need

    _need("chromium", "chromium")
    books = sorted(p.name for p in (site / "downloads").iterdir())
    assert books == sorted(EPUBS + [f"{s}.pdf" for s in STEMS])
    assert all((site / "downloads" / b).read_bytes().startswith(b"%PDF" if b.endswith(".pdf") else b"PK")
               for b in books)
    report = (site / "2024/index.html").read_text(encoding="utf-8")
    assert all(f'href="../downloads/{b}"' in report for b in ("gwr-2024.pdf", "gwr.pdf", "gwr-2024.epub", "gwr.epub"))
    hant = (site / "zh-hant/2024/index.html").read_text(encoding="utf-8")
    assert 'href="../../downloads/gwr-2024-hant.epub"' in hant and 'href="../../downloads/gwr-2024.pdf"' in hant
    home = (site / "index.html").read_text(encoding="utf-8")
    assert all(f'href="downloads/{b}"' in home for b in books)
    # Built again with the same inputs: nothing is printed again.
    project = site.parent / "project"
    (cached,) = (project / ".cache/gwr/downloads").iterdir()
    printed = (cached / "gwr.pdf").stat().st_mtime_ns
    result = build_site(project, tmp_path / "again", env={"GWR_DOWNLOADS": "true"})
    assert result.returncode == 0, result.stderr
    assert (cached / "gwr.pdf").stat().st_mtime_ns == printed
    assert filecmp.cmp(tmp_path / "again/downloads/gwr.pdf", site / "downloads/gwr.pdf", shallow=False)
    # Without the option (mkdocs serve, a plain build) no page links a book that is not there.
    plain, _ = flat_site
    assert "downloads/" not in (plain / "2024.html").read_text(encoding="utf-8")
    assert not (plain / "downloads").exists()
