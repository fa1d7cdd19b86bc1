"""Payloads in every field a pull request can fill, read in headless Chromium
as a reader reads them: hovering and focusing every tooltip, searching for
the payload, on the Simplified and the Traditional page and the term's
page. Nothing may run, and no payload may become an element; the outputs
(pages, Markdown, EPUB, open data) hold every payload as text.

The report's raw text takes anything; the YAML fields refuse ``<`` before
a letter and entities (tests/test_hostile.py), so there the payloads are
what those fields accept and a careless sink would still turn into markup:
a quote that ends an attribute, a hexadecimal reference.
"""

from __future__ import annotations

import datetime
import html.parser
import zipfile

import pytest

from tests.browser import chrome_driver, refused, serve
from tests.browser import wait as _wait
from tests.sitebuild import build_site
from tests.test_pdf import run

pytestmark = pytest.mark.browser

#: In the raw text, which is shown exactly as written.
RAW = '<img src=x onerror="window.gwrRan=1"><svg onload=window.gwrRan=2></svg></script><script>window.gwrRan=3</script>'
#: In YAML fields: an attribute's end, a hexadecimal reference, Markdown.
FIELD = '" onmouseover="window.gwrRan=4" x=" &#x3c;img src=x onerror=window.gwrRan=5&#x3e; [x](javascript:window.gwrRan=6)'


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A site whose inputs carry the payloads; returns (project, site)."""
    import shutil

    from tests.conftest import ROOT

    base = tmp_path_factory.mktemp("hostile")
    project = base / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "source_texts", "glossary"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, project / name)
    _replace(project / "source_texts/000_40cf7fe3becdb34f.txt", "（一）大力推进现代化产业体系建", f"（一）大力推进{RAW}现代化产业体系建")
    glossary = project / "glossary/xin-zhi-sheng-chan-li.yml"
    _replace(glossary, "  zh: 以科技创新为主要驱动", f"  zh: 以科技创新{FIELD}为主要驱动")
    _replace(glossary, "high technology, high efficiency and high quality.",
             f"high technology, high efficiency and high quality. {FIELD}")
    _replace(project / "source_texts/2024.en.yml", "      1. Vigorously building a modernized industrial system",
             f"      1. Vigorously {FIELD} building a modernized industrial system")
    from generator.project.project import Project

    for anchor in ("sec_3__item_1", "sec_3__item_1__para_1", "sec_3__item_1__para_1__sent_1"):
        Project(project).amend(2024, anchor, "test: a hostile edit", datetime.date(2026, 12, 1))
    site = base / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


_HOVER_EACH = """
const done = arguments[arguments.length - 1];
const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
(async () => {
  const shown = new Set();
  for (const element of document.querySelectorAll('article [title], .md-content [title]')) {
    element.dispatchEvent(new MouseEvent('mouseenter'));
    element.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
    if (element.focus) element.focus();
    await frame();
    for (const tip of document.querySelectorAll('.md-tooltip2')) shown.add(tip.textContent);
    element.dispatchEvent(new MouseEvent('mouseleave'));
    if (element.blur) element.blur();
  }
  // The payloads' own tooltips, given the time a busy machine may need to draw them.
  for (const element of document.querySelectorAll('[title*="gwrRan"]')) {
    element.dispatchEvent(new MouseEvent('mouseenter'));
    if (element.focus) element.focus();
    for (let waited = 0; waited < 120; waited++) {
      await frame();
      const tips = [...document.querySelectorAll('.md-tooltip2')].map(tip => tip.textContent);
      tips.forEach(text => shown.add(text));
      if (tips.some(text => text.includes('gwrRan'))) break;
    }
    element.dispatchEvent(new MouseEvent('mouseleave'));
    if (element.blur) element.blur();
  }
  done([...shown]);
})();
"""


def test_no_payload_runs_or_becomes_an_element(hostile):
    _, site = hostile
    driver = chrome_driver()
    try:
        with serve(site) as base:
            for path in ("/2024/", "/zh-hant/2024/", "/glossary/xin-zhi-sheng-chan-li/"):
                driver.get(base + path)
                _wait(driver, lambda: driver.execute_script("return document.readyState") == "complete")
                # Every tooltip Material makes, on hover and on focus, each given a frame to
                # render in; one script, not a WebDriver call per element (a second's work, not 15).
                shown = driver.execute_async_script(_HOVER_EACH)
                if path != "/glossary/xin-zhi-sheng-chan-li/":  # the report pages: the payload's tooltip was made
                    assert any("window.gwrRan=4" in text for text in shown), (path, len(shown))
                driver.execute_script("document.querySelector('.gwr-search-open').click()")
                driver.execute_script("const i = document.getElementById('gwr-search-input'); i.value = '大力推进';"
                                      "i.dispatchEvent(new Event('input'))")
                _wait(driver, lambda: driver.execute_script(
                    "return document.querySelector('.gwr-search-results').getAttribute('data-query')") == "大力推进",
                    timeout=15)
                assert driver.execute_script("return window.gwrRan") is None, path
                made = driver.execute_script(
                    "return [...document.querySelectorAll('img[src=x], svg[onload], [onmouseover], [onerror],"
                    " a[href^=javascript]')].map(e => e.outerHTML)")
                assert made == [], (path, made)
                assert refused(driver) == [], path  # nothing even tried to run
    finally:
        driver.quit()


class _Made(html.parser.HTMLParser):
    """What a payload would have made of a page: its elements, its event
    handlers, a javascript: link, a title Material would read as markup."""

    def __init__(self):
        super().__init__()
        self.made: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        if tag in ("img", "svg") and any(v == "x" or "gwrRan" in (v or "") for _, v in attrs):
            self.made.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or (name == "href" and (value or "").strip().lower().startswith("javascript")):
                self.made.append(f"{tag} {name}={value}")
            if name == "title" and value and "<" in value:
                self.made.append(f"{tag} title={value}")
        self._script = tag == "script"

    def handle_data(self, data):
        if self._script and "gwrRan" in data:
            self.made.append(f"<script>{data[:40]}")


def _made(page: str) -> list[str]:
    parser = _Made()
    parser.feed(page)
    return parser.made


def test_every_output_holds_the_payloads_as_text(hostile, tmp_path):
    """The pages, the Markdown export as MkDocs renders it, the EPUB's
    documents: the payloads are there as text, and made nothing."""
    import markdown

    project, site = hostile
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert any("&lt;img src=x" in text for text in pages.values())  # the raw text is there, as text
    assert not {str(p): found for p, text in pages.items() if (found := _made(text))}
    assert run("export", "md", str(tmp_path / "md"), root=project).returncode == 0
    for path in (tmp_path / "md").rglob("*.md"):  # with the extensions of the export's mkdocs.yml
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        shown = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc", "admonition"])
        assert not _made(shown), path
    assert run("export", "epub", str(tmp_path / "book.epub"), root=project).returncode == 0
    with zipfile.ZipFile(tmp_path / "book.epub") as book:
        for name in book.namelist():
            if name.endswith(".xhtml"):
                assert not _made(book.read(name).decode("utf-8")), name
