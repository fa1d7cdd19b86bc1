"""The English view as a reader (and a screen reader) meets it, in headless
Chromium: English headings and table of contents, annotated glossary
renderings, links into the Chinese, and tooltips that open where there is room."""

from __future__ import annotations

import json
import re

import pytest

from generator.sources import grammar
from tests.browser import browser, chrome_driver, in_view, serve, visit, wait  # noqa: F401
from tests.test_a11y import TAGS, axe_source  # noqa: F401

pytestmark = pytest.mark.browser

HAN = re.compile(f"[{grammar.HAN}]")


def _open(browser, path: str, view: str | None = None):
    """A report page, with ``view`` as the reader's remembered choice, once its scripts have run."""
    visit(browser, path, view)
    wait(browser, lambda: browser.execute_script(
        'return document.querySelector(".gwr-report").getAttribute("data-cite")') == "ready")


def _view(browser) -> str:
    return browser.execute_script('return document.querySelector(".gwr-report").getAttribute("data-view")')


def _headings(browser) -> list[tuple[int, str]]:
    """The headings a screen reader finds, in order: (level, name), from Chromium's accessibility tree."""
    nodes = browser.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    found = []
    for node in nodes:
        if node.get("ignored") or node.get("role", {}).get("value") != "heading":
            continue
        level = next(p["value"]["value"] for p in node.get("properties", []) if p["name"] == "level")
        found.append((level, node.get("name", {}).get("value", "")))
    return found


def _toc(browser) -> dict[str, str]:
    """The table of contents as the reader sees it: anchor → name."""
    return browser.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('.md-sidebar--secondary .md-nav__link')]"
        ".map(a => [a.getAttribute('href').slice(1), a.innerText.trim()]))")


def test_the_english_view_has_english_headings_title_and_table_of_contents(browser):
    _open(browser, "/2024/")
    chinese = _headings(browser)
    browser.find_element("css selector", '.gwr-views button[data-view="en"]').click()
    wait(browser, lambda: browser.title.startswith("Report on the Work of the Government, 2024"))
    headings = _headings(browser)
    # An outline: the title, the part, its ten tasks, all in English (a heading's ¶ is named "Link to this …").
    assert [level for level, _ in headings] == [1, 2] + [3] * 10
    assert headings[0][1] == "Report on the Work of the Government, 2024"
    assert headings[1][1] == "III. Government Work Tasks for 2024 Link to this part"
    assert headings[4][1].startswith("3. Striving to expand domestic demand and promoting a virtuous economic cycle.")
    assert not [name for _, name in headings if HAN.search(name)], headings
    # Side by side, each heading once, by its Chinese (the English twins show, but as text: test_browser_reading).
    assert [level for level, _ in chinese] == [1, 2] + [3] * 10
    assert chinese[2][1].startswith("（一）大力推进现代化产业体系建设") and not [
        name for _, name in chinese[1:] if name.startswith(("III.", "1. Vigorously"))]
    # The table of contents, its title and the header speak English too.
    toc = _toc(browser)
    assert len(toc) == 43 and not [t for t in toc.values() if HAN.search(t)], toc
    assert toc["sec_3__item_3"] == "3. Striving to expand domestic demand and promoting a virtuous economic cycle."
    assert toc["sec_3__item_1__para_2"] == "We will optimize and upgrade industrial and supply chains."
    assert toc["closing__para_1"] == "Closing"
    assert browser.execute_script(
        "return document.querySelector('.md-sidebar--secondary .md-nav__title').innerText.trim()") == "Contents"
    assert browser.execute_script(
        "return document.querySelector('[data-md-component=header-topic] .md-ellipsis').innerText.trim()"
    ) == "Report on the Work of the Government, 2024"
    # A part or task region is named in English, not by its hidden Chinese heading.
    named = browser.execute_script(
        "const s = document.querySelector('section[data-label-en]');"
        "return [s.getAttribute('aria-label'), s.getAttribute('aria-labelledby')]")
    assert named == ["III. Government Work Tasks for 2024", None]
    # A table of contents link lands on the English of its task.
    browser.find_element("css selector", '.md-sidebar--secondary a[href="#sec_3__item_7"]').click()
    wait(browser, lambda: browser.execute_script(
        "const r = document.querySelector('#sec_3__item_7__para_1 .gwr-en-title').getBoundingClientRect();"
        "return r.top > 0 && r.bottom < innerHeight"))
    browser.find_element("css selector", '.gwr-views button[data-view="zh"]').click()
    assert browser.title.startswith("2024年政府工作报告")
    assert _toc(browser)["sec_3__item_3"] == "（三）着力扩大国内需求，推动经济实现良性循环。"


def test_english_renderings_are_annotated_with_the_chinese_term(browser):
    from selenium.webdriver.common.action_chains import ActionChains

    _open(browser, "/2024/#sec_3__item_1", view="en")
    term = browser.find_element(
        "css selector", '#sec_3__item_1__para_1 .gwr-en-title a.gwr-term[href$="glossary/xin-zhi-sheng-chan-li/"]')
    assert term.text == "new quality productive forces" and term.is_displayed()
    ActionChains(browser).move_to_element(term).perform()
    tip = "return [...document.querySelectorAll('.md-tooltip2--active')].map(e => e.innerText).join(' ')"
    wait(browser, lambda: "新质生产力" in browser.execute_script(tip))
    shown = browser.execute_script(tip)
    assert "xīn zhì shēngchǎnlì" in shown and "productive forces" in shown.split("—", 1)[1]
    assert browser.find_element("id", term.get_attribute("aria-describedby")).get_attribute("textContent") == shown
    # Annotation adds links, never words: the English reads as the open data gives it.
    data = json.loads(browser.execute_async_script(
        "fetch('../api/2024.json').then(r => r.text()).then(arguments[arguments.length - 1])"))
    english = {block["id"]: block["text_en"] for block in data["blocks"] if block.get("text_en")}
    shown = browser.execute_script("""
        const out = {};
        document.querySelectorAll('.gwr-row[id]').forEach(row => {
          const en = row.querySelector(':scope > .gwr-en').cloneNode(true);
          en.querySelectorAll('.gwr-action, .headerlink').forEach(a => a.remove());
          out[row.id] = en.textContent.replace(/\\s+/g, ' ').trim();
        });
        return out;""")
    assert shown and all(shown[anchor] == " ".join(english[anchor].split()) for anchor in shown)
    assert browser.execute_script("return document.querySelectorAll('.gwr-en a.gwr-term').length") > 50


def _lit(browser, el: str) -> bool:
    return browser.execute_script(
        "return getComputedStyle(document.querySelector(arguments[0])).backgroundColor", el) not in (
        "rgba(0, 0, 0, 0)", "transparent")


def _english_of(sentence: str) -> str:
    return f'.gwr-s-en[data-s~="{sentence}"]'


def test_a_targeted_sentence_is_lit_in_both_languages_and_its_neighbours_are_not(browser):
    sentence = "sec_3__item_1__para_2__sent_3"
    _open(browser, f"/2024/#{sentence}")
    wait(browser, lambda: in_view(browser, sentence))
    assert _lit(browser, f"#{sentence}") and _lit(browser, _english_of(sentence))
    assert not _lit(browser, _english_of("sec_3__item_1__para_2__sent_2"))
    assert not _lit(browser, _english_of("sec_3__item_1__para_2__sent_4"))
    english = browser.find_element("css selector", _english_of(sentence)).text
    assert english.startswith("We will launch an initiative to promote the high-quality development of key industrial chains")
    # A range lights each of its sentences' English, and nothing beside it.
    _open(browser, "/2024/#sec_3__item_1__para_2__sent_3-4")
    wait(browser, lambda: in_view(browser, sentence))
    assert [_lit(browser, _english_of(f"sec_3__item_1__para_2__sent_{n}")) for n in (2, 3, 4, 5)] == [
        False, True, True, False]
    # Hovering a sentence lights its English, and hovering the English its Chinese.
    from selenium.webdriver.common.action_chains import ActionChains
    other = "sec_3__item_1__para_3__sent_2"
    ActionChains(browser).move_to_element(browser.find_element("id", other)).perform()
    wait(browser, lambda: _lit(browser, _english_of(other)))
    ActionChains(browser).move_to_element(browser.find_element("css selector", _english_of("sec_3__item_1__para_3__sent_1"))).perform()
    wait(browser, lambda: _lit(browser, "#sec_3__item_1__para_3__sent_1"))
    assert not _lit(browser, _english_of(other))


def test_a_link_to_a_chinese_sentence_shows_its_english_in_the_english_view(browser):
    sentence = "sec_3__item_1__para_2__sent_3"
    _open(browser, f"/2024/#{sentence}", view="en")
    wait(browser, lambda: in_view(browser, _english_of(sentence), css=True))
    assert _view(browser) == "en" and _lit(browser, _english_of(sentence))
    assert not _lit(browser, _english_of("sec_3__item_1__para_2__sent_4"))
    assert browser.execute_script("return localStorage.getItem('gwr-view')") == "en"
    # Following a link within the page does the same; a paragraph is highlighted there as a whole.
    browser.execute_script("location.hash = '#sec_3__item_4__para_2'")
    wait(browser, lambda: in_view(browser, "sec_3__item_4__para_2"))
    assert _view(browser) == "en"
    assert _lit(browser, "#sec_3__item_4__para_2 > .gwr-en")
    browser.execute_script("location.hash = '#sec_3__item_5__para_3__sent_2'")
    wait(browser, lambda: in_view(browser, _english_of("sec_3__item_5__para_3__sent_2"), css=True))
    assert _view(browser) == "en"
    # A range of sentences (cite.js) too.
    _open(browser, "/2024/#sec_3__item_2__para_2__sent_2-4", view="en")
    wait(browser, lambda: in_view(browser, _english_of("sec_3__item_2__para_2__sent_2"), css=True))
    assert _view(browser) == "en" and _lit(browser, _english_of("sec_3__item_2__para_2__sent_4"))


def test_a_concordance_link_from_a_term_page_shows_its_sentence(browser):
    _open(browser, "/2024/", view="en")
    browser.get(f"{browser.base}/glossary/xin-zhi-sheng-chan-li/")
    link = browser.find_element("css selector", '.gwr-concordance a[href*="2024/#"]')
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    wait(browser, lambda: in_view(browser, _english_of(anchor), css=True))
    assert _view(browser) == "en"
    assert "新质生产力" in browser.execute_script("return document.getElementById(arguments[0]).textContent", anchor)
    assert "new quality productive forces" in browser.find_element("css selector", _english_of(anchor)).text.lower()


def test_without_javascript_the_table_of_contents_is_chinese_and_both_headings_show(site):
    driver = chrome_driver(javascript=False)
    try:
        with serve(site) as base:
            driver.get(f"{base}/2024/")
            toc = _toc(driver)
            shown = driver.execute_script(
                "return [...document.querySelectorAll('.gwr-report h2, .gwr-report h3')]"
                ".filter(h => h.offsetParent !== null).map(h => h.closest('[lang]').getAttribute('lang'))")
    finally:
        driver.quit()
    assert toc["sec_3__item_3"].startswith("（三）着力扩大国内需求") and not [t for t in toc.values() if "We will" in t]
    assert shown.count("en") == shown.count("zh-Hans") == 11 and len(shown) == 22


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_a_tooltip_near_the_bottom_of_the_window_opens_above_its_term(browser, width, height):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    try:
        _open(browser, "/2024/")
        terms = browser.find_elements("css selector", "#sec_3__item_2__para_3 .gwr-zh a.gwr-term")

        def tooltip_at(term, bottom_gap):
            """Scroll the term to ``bottom_gap`` px above the window's bottom (or its top, if negative), focus it."""
            browser.execute_script("document.activeElement.blur()")
            # Gone, not only hidden: Material keeps a tooltip shown again within 250 ms, where it was.
            wait(browser, lambda: not browser.execute_script("return document.querySelector('.md-tooltip2')"))
            browser.execute_script("""
                const r = arguments[0].getBoundingClientRect(), gap = arguments[1];
                window.scrollBy(0, gap > 0 ? r.bottom - (innerHeight - gap) : r.top - 200);
                arguments[0].focus({preventScroll: true});""", term, bottom_gap)
            wait(browser, lambda: browser.execute_script(
                "const t = document.querySelector('.md-tooltip2--active'); return t && getComputedStyle(t).opacity === '1'"))
            return browser.execute_script("""
                const t = document.querySelector('.md-tooltip2--active').getBoundingClientRect();
                const h = arguments[0].getBoundingClientRect();
                return {tip: [t.top, t.bottom], term: [h.top, h.bottom], window: innerHeight};""", term)

        term = terms[0]
        low = tooltip_at(term, 30)
        assert low["term"][1] > low["window"] - 40  # the term is near the bottom...
        assert low["tip"][1] <= low["term"][0] and low["tip"][0] >= 0  # ...and its tooltip above it, on screen
        high = tooltip_at(term, -1)
        assert high["tip"][0] >= high["term"][1] and high["tip"][1] <= high["window"]  # room below: below
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_english_view_has_no_serious_accessibility_violation(browser, axe_source):  # noqa: F811
    _open(browser, "/2024/#sec_3__item_2", view="en")
    browser.execute_script(axe_source)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(JSON.stringify(r.violations)));",
        TAGS)
    serious = [f"{v['id']}: {v['help']} {v['nodes'][0]['target'] if v['nodes'] else ''}"
               for v in json.loads(result) if v["impact"] in ("serious", "critical")]
    assert not serious, serious
