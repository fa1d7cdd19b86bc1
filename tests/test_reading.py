"""A report page's HTML for readers of issue 21 ("Small things that add up"):
what the page says as written, before any script runs. Its browser tests
are tests/test_browser_reading.py."""

from __future__ import annotations

import html.parser
import re

import pytest

from generator.project.project import Project
from generator.writers.site import report_page
from tests.conftest import FIXTURES, ROOT, default_links

HAN = re.compile(r"[\u4e00-\u9fff]")


class _Elements(html.parser.HTMLParser):
    """Every start tag: (tag, attributes, its open ancestors' (tag, class)), and each element's text."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict, list[tuple[str, str]]]] = []
        self.texts: list[list[str]] = []
        self._open: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.found.append((tag, attributes, [(t, c) for t, c, _ in self._open]))
        self.texts.append([])
        if tag not in ("br", "hr", "img", "meta", "link", "input"):
            self._open.append((tag, attributes.get("class", ""), len(self.found) - 1))

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _, _, index in self._open:
            self.texts[index].append(data)


def _page(year: int, script: str) -> _Elements:
    loaded = Project(FIXTURES / "render" / "project" if year == 2099 else ROOT).load()
    entry = next(r for r in loaded.reports if r.report.year == year)
    parsed = _Elements()
    parsed.feed(report_page.render_report(entry, loaded, script, default_links()).html)
    return parsed


@pytest.fixture(scope="module", params=[(2099, "hans"), (2099, "hant"), (2022, "hans")], ids=str)
def page(request) -> _Elements:
    return _page(*request.param)


def _classes(attributes: dict) -> set[str]:
    return set(attributes.get("class", "").split())


def test_a_headings_link_is_named_in_both_languages(page):
    """Screen readers heard a heading's ¶ in Chinese only (本项链接); side by
    side the English twin's ¶ is hidden, so the Chinese one serves both."""
    labels = [(attrs["aria-label"], [c for t, c in above if t in ("h2", "h3")][-1])
              for tag, attrs, above in page.found
              if tag == "a" and "headerlink" in _classes(attrs) and any(t in ("h2", "h3") for t, _ in above)]
    chinese = [label for label, heading in labels if "gwr-en" not in heading.split()
               and "gwr-en-title" not in heading.split()]
    assert chinese, labels
    for label in chinese:
        zh, _, en = label.partition(" · ")
        assert HAN.search(zh) and re.fullmatch(r"Link to this (part|task)", en), label


def test_side_by_side_an_english_heading_is_no_heading_to_assistive_technology(page):
    """As written the page is 中英 (data-view="both"): each part and task is in
    the outline once, by its Chinese heading; gwr.js makes the English ones
    headings in the English view."""
    headings = [(tag, attrs) for tag, attrs, _ in page.found if tag in ("h2", "h3")]
    english = [attrs for tag, attrs in headings if _classes(attrs) & {"gwr-en-heading", "gwr-en-title"}]
    chinese = [attrs for tag, attrs in headings if _classes(attrs) & {"gwr-section", "gwr-item"}]
    assert english and len(english) == len(chinese)
    assert all(attrs.get("role") == "none" for attrs in english), english
    assert not [attrs for attrs in chinese if "role" in attrs]


def test_the_view_buttons_show_their_words_and_have_no_tooltip(page):
    buttons = [(i, attrs) for i, (tag, attrs, _) in enumerate(page.found) if tag == "button" and "data-view" in attrs]
    assert [attrs["data-view"] for _, attrs in buttons] == ["zh", "en", "both"]
    assert not [attrs for _, attrs in buttons if "title" in attrs]  # Material makes a tooltip of a title
    shown = ["".join(page.texts[i]).split(" · ")[0] for i, _ in buttons]
    assert shown[0] == "中文" and shown[1] == "English" and shown[2] in ("中英对照", "中英對照"), shown


def test_the_title_is_where_the_skip_link_lands(page):
    titles = [attrs for tag, attrs, _ in page.found if tag == "h1"]
    assert len(titles) == 1 and titles[0].get("id") == "gwr-title"
