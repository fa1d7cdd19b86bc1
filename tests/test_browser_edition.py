"""The English edition and what the edition holds, as readers meet them in
headless Chromium: an English-only journalist arriving at /en/2024/, a
reader moving between the English and the Chinese at the same paragraph, a
page drawn in the reader's view from the first paint (no layout shift), and
a search for what the edition does not hold."""

from __future__ import annotations

import re

import pytest

from generator.sources import grammar
from tests.browser import browser, visit, wait  # noqa: F401

pytestmark = pytest.mark.browser

HAN = re.compile(f"[{grammar.HAN}]")

#: The layout shift of a page since it started loading, as the reader saw it
#: (Chromium's Layout Instability API; shifts after input do not count).
_SHIFT = """
const done = arguments[arguments.length - 1];
let total = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
}).observe({type: "layout-shift", buffered: true});
// Late shifts too: the page's scripts have run (their mark is set) and a frame has passed.
requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(total), 300)));
"""


def _visit(browser, path: str, view: str | None = None) -> None:
    """``path`` as a reader arriving from elsewhere, who chose ``view`` before."""
    visit(browser, path, view)


def test_each_report_has_an_english_page_with_english_chrome_and_every_anchor(browser):
    _visit(browser, "/2024/")
    anchors = browser.execute_script(
        "return [...document.querySelectorAll('.gwr-report [id]')].map(e => e.id)"
        ".filter(id => /^(intro|sec|closing)/.test(id))")
    assert len(anchors) > 300
    _visit(browser, "/en/2024/")
    assert browser.execute_script("return document.documentElement.lang") == "en"
    assert browser.title.startswith("Report on the Work of the Government, 2024")
    missing = browser.execute_script("return arguments[0].filter(id => !document.getElementById(id))", anchors)
    assert missing == []
    # The chrome is English: no Chinese the reader sees, but the links to the Chinese pages.
    shown = _english_chrome(browser)
    assert not HAN.search(shown), HAN.findall(shown)[:20]
    texts = browser.execute_script(
        "return [...document.querySelectorAll('.md-skip, .md-top, label[for=__drawer], .md-nav__title')]"
        ".map(e => e.textContent.trim() || e.getAttribute('aria-label'))")
    assert "Skip to content" in texts and any("Back to top" in (t or "") for t in texts), texts
    # The contents name the parts and tasks in English.
    toc = browser.execute_script("return [...document.querySelectorAll('.md-sidebar--secondary .md-nav__link')]"
                                 ".map(a => a.textContent.trim())")
    assert toc and not any(HAN.search(t) for t in toc), toc


def test_the_home_pages_lead_english_readers_to_the_english_edition(browser):
    _visit(browser, "/")
    links = browser.execute_script("return [...document.querySelectorAll('.gwr-home a')].map(a => a.pathname)")
    assert "/en/" in links and {"/en/2024/", "/en/2022/", "/en/2021/"} <= set(links)
    _visit(browser, "/en/")
    assert browser.execute_script("return document.documentElement.lang") == "en"
    titles = browser.execute_script("return [...document.querySelectorAll('.gwr-report-list strong')]"
                                    ".map(e => [e.textContent, e.closest('a').pathname])")
    assert ["Report on the Work of the Government, 2024", "/en/2024/"] in titles


def _english_chrome(browser) -> str:
    """What a reader sees of the page that is not marked as Chinese: the
    chrome, headings and text of a page in English."""
    return browser.execute_script(
        "const copy = document.body.cloneNode(true);"
        "copy.querySelectorAll('[lang^=zh], .md-tooltip2, script, [hidden]').forEach(e => e.remove());"
        "return copy.innerText")


def test_the_english_edition_has_its_glossary(browser):
    """From the English report, a term leads to its page in the English
    edition; each occurrence there opens the English report at its sentence,
    and the page links its Chinese twins, as they link it."""
    _visit(browser, "/en/2024/")
    term = browser.execute_script("return document.querySelector('.gwr-english a.gwr-term').pathname")
    assert re.fullmatch(r"/en/glossary/[a-z-]+/", term), term
    _visit(browser, "/en/glossary/xin-zhi-sheng-chan-li/")
    assert browser.execute_script("return document.documentElement.lang") == "en"
    assert browser.title.startswith("new quality productive forces")
    shown = _english_chrome(browser)
    assert not HAN.search(shown), HAN.findall(shown)[:20]
    assert "Occurrences (" in shown and "Definition" in shown
    places = browser.execute_script("return [...document.querySelectorAll('.gwr-concordance li > a:first-child')]"
                                    ".map(a => [a.textContent, a.pathname + a.hash])")
    assert places and all(re.fullmatch(r"/en/\d{4}/#sec_[\w]+__sent_\d+", href) for _, href in places), places
    assert places[0][0].startswith("Part ")
    twins = browser.execute_script("return [...document.querySelectorAll('.gwr-editions a[lang]')].map(a => a.pathname)")
    assert twins == ["/glossary/xin-zhi-sheng-chan-li/", "/zh-hant/glossary/xin-zhi-sheng-chan-li/"]
    browser.get(browser.base + places[0][1])
    anchor = places[0][1].split("#")[1]
    wait(browser, lambda: browser.execute_script(
        "const r = document.getElementById(arguments[0]).closest('.gwr-row').getBoundingClientRect();"
        "return r.top >= 0 && r.top < innerHeight", anchor))
    _visit(browser, "/glossary/xin-zhi-sheng-chan-li/")
    assert browser.execute_script(
        "return document.querySelector('.gwr-term-head a[lang=en]').pathname") == "/en/glossary/xin-zhi-sheng-chan-li/"
    _visit(browser, "/en/glossary/")
    links = browser.execute_script("return [...document.querySelectorAll('.gwr-glossary li a, .gwr-glossary td a')]"
                                   ".map(a => a.pathname).filter(p => p.includes('/glossary/'))")
    assert links and all(link.startswith("/en/glossary/") for link in links)
    assert not HAN.search(_english_chrome(browser))


@pytest.mark.parametrize("start, link, arrive", [
    ("/en/2024/", '.gwr-editions a[lang="zh-Hans"]', "/2024/"),
    ("/2024/", "a.gwr-edition-link", "/en/2024/"),
])
def test_switching_language_keeps_the_paragraph(browser, start, link, arrive):
    anchor = "sec_3__item_2__para_3"
    _visit(browser, f"{start}#{anchor}")
    wait(browser, lambda: browser.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return r.top >= 0 && r.top < 400",
        anchor))
    browser.execute_script("document.querySelector(arguments[0]).click()", link)
    wait(browser, lambda: browser.execute_script("return location.pathname") == arrive)
    assert browser.execute_script("return location.hash") == f"#{anchor}"


def test_a_sentence_anchor_on_the_english_page_lands_on_its_english(browser):
    _visit(browser, "/en/2024/#sec_3__item_1__para_2__sent_3")
    found = browser.execute_script(
        "const s = document.getElementById('sec_3__item_1__para_2__sent_3'), r = s.getBoundingClientRect();"
        "const next = document.getElementById('sec_3__item_1__para_2__sent_4');"
        "return [s.closest('.gwr-row').id, s.textContent, r.top >= 0 && r.top < innerHeight,"
        " getComputedStyle(s).backgroundColor, getComputedStyle(next).backgroundColor]")
    assert found[0] == "sec_3__item_1__para_2" and found[2]
    assert found[1].startswith("We will launch an initiative to promote the high-quality development of key industrial chains")
    assert found[3] not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted as the target
    assert found[4] in ("rgba(0, 0, 0, 0)", "transparent")  # and nothing beside it


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("path, view", [("/2024/", "both"), ("/2024/", "zh"), ("/2024/", "en"),
                                        ("/zh-hant/2024/", "en"), ("/en/2024/", None)])
def test_a_page_is_drawn_in_the_readers_view_without_layout_shift(browser, path, view, width, height):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
    try:
        _visit(browser, path, view)
        if view:
            wait(browser, lambda: browser.execute_script(
                "return document.querySelector('.gwr-report').getAttribute('data-script-choice')") == "kept")
            assert browser.execute_script(
                "return document.querySelector('.gwr-report').getAttribute('data-view')") == view
        shift = browser.execute_async_script(_SHIFT)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert shift < 0.05, shift


@pytest.mark.parametrize("path, query", [("/2024/", "国内生产总值"), ("/en/2024/", "deficit")])
def test_a_search_for_what_the_edition_lacks_says_what_it_holds(browser, path, query):
    _visit(browser, path)
    browser.execute_script("document.querySelector('.gwr-search-open').click()")
    field = browser.find_element("css selector", "#gwr-search-input")
    field.send_keys(query)
    wait(browser, lambda: browser.execute_script("return !!document.querySelector('.gwr-search-holds')"), 15)
    said = browser.execute_script("return document.querySelector('.gwr-search-holds').innerText")
    assert "Part III" in said and "not included" in said and "2022" in said
    assert "其余部分未收入" in said
    assert browser.execute_script(
        "return [...document.querySelectorAll('.gwr-search-holds a')].map(a => a.href)") == [
        "https://www.gov.cn/yaowen/liebiao/202403/content_6939153.htm"]
