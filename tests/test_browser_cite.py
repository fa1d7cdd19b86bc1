"""Citing, as a reader does it in headless Chromium: ranges, a wrong anchor, the cite tool."""

from __future__ import annotations

import pytest

from tests.browser import browser  # noqa: F401
from tests.browser import in_view as _in_view
from tests.browser import wait as _wait

pytestmark = pytest.mark.browser


def _open(browser, path):
    browser.get(f"{browser.base}{path}")
    _wait(browser, lambda: browser.execute_script(
        'return document.querySelector(".gwr-report").getAttribute("data-cite")') == "ready")


def _highlighted(browser, anchor):
    return browser.execute_script(
        "const el = document.getElementById(arguments[0]);"
        "return getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)'", anchor)


def test_a_sentence_range_is_highlighted_as_one_and_nothing_beside_it(browser):
    base = "sec_3__item_1__para_2__sent_"
    _open(browser, f"/2024/#{base}3-5")
    _wait(browser, lambda: _in_view(browser, f"{base}3"))
    assert [_highlighted(browser, f"{base}{n}") for n in range(2, 7)] == [False, True, True, True, False]


def test_a_paragraph_range_is_highlighted(browser):
    _open(browser, "/2024/#sec_3__item_1__para_2-4")
    _wait(browser, lambda: _in_view(browser, "sec_3__item_1__para_2"))
    marked = browser.execute_script(
        "return [...document.querySelectorAll('.gwr-in-range')].map(e => e.id)")
    assert marked == ["sec_3__item_1__para_2", "sec_3__item_1__para_3", "sec_3__item_1__para_4"]


def test_an_anchor_not_on_the_page_gets_a_notice_linking_its_nearest_ancestor(browser):
    _open(browser, "/2024/#sec_3__item_99")
    notice = browser.find_element("css selector", ".gwr-notice")
    _wait(browser, lambda: notice.is_displayed())
    assert "#sec_3__item_99" in notice.text
    link = notice.find_element("css selector", "a")
    assert link.get_attribute("href").endswith("/2024/#sec_3")
    # A valid anchor shows no notice.
    _open(browser, "/2024/#sec_3__item_1")
    assert not browser.find_element("css selector", ".gwr-notice").is_displayed()


def test_the_cite_tool_opens_from_the_keyboard_and_gives_link_and_citations(browser):
    from selenium.webdriver.common.keys import Keys

    _open(browser, "/2024/")
    pilcrow = browser.find_element("css selector", "#sec_3__item_1__para_2 a.gwr-pilcrow")
    browser.execute_script("arguments[0].focus()", pilcrow)
    pilcrow.send_keys(Keys.ENTER)
    panel = browser.find_element("css selector", ".gwr-cite")
    _wait(browser, lambda: panel.is_displayed())
    assert panel.get_attribute("role") == "dialog"
    # Focus moved into the dialog; its outputs hold the link and both citations.
    assert browser.execute_script("return document.activeElement.closest('.gwr-cite') !== null")
    link = panel.find_element("css selector", "output.gwr-cite-link").text
    assert link.endswith("/2024/#sec_3__item_1__para_2")
    assert "三（一）第2段" in panel.find_element("css selector", "output.gwr-cite-gbt7714").text
    assert "Part III, task 1, para. 2," in panel.find_element("css selector", "output.gwr-cite-chicago").text
    # One sentence of the paragraph, then copy the link: the page records what it copied.
    panel.find_element("css selector", ".gwr-cite-sentences button:nth-child(3)").click()
    assert panel.find_element("css selector", "output.gwr-cite-link").text.endswith("#sec_3__item_1__para_2__sent_3")
    assert "三（一）第2段第3句" in panel.find_element("css selector", "output.gwr-cite-gbt7714").text
    bibtex = panel.find_element("css selector", "a[data-format=bibtex]").get_attribute("href")
    assert bibtex.startswith("data:application/x-bibtex") and "sent_3" in bibtex
    panel.find_element("css selector", ".gwr-cite-formats button").click()
    _wait(browser, lambda: "Copied" in panel.find_element("css selector", ".gwr-cite-status").text)
    # Esc closes it and gives focus back to where the reader was.
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    _wait(browser, lambda: not panel.is_displayed())
    assert browser.execute_script("return document.activeElement.classList.contains('gwr-pilcrow')")


def test_a_selection_across_sentences_offers_the_range(browser):
    _open(browser, "/zh-hant/2024/")
    browser.execute_script("""
        const a = document.getElementById('sec_3__item_1__para_2__sent_2').firstChild;
        const b = document.getElementById('sec_3__item_1__para_2__sent_4').lastChild;
        const range = document.createRange();
        range.setStart(a, 0); range.setEnd(b, 1);
        getSelection().removeAllRanges(); getSelection().addRange(range);""")
    offer = browser.find_element("css selector", ".gwr-cite-offer")
    _wait(browser, lambda: offer.is_displayed())
    offer.click()
    panel = browser.find_element("css selector", ".gwr-cite")
    _wait(browser, lambda: panel.is_displayed())
    link = panel.find_element("css selector", "output.gwr-cite-link").text
    assert link.endswith("/zh-hant/2024/#sec_3__item_1__para_2__sent_2-4")
    assert "第2段第2至4句" in panel.find_element("css selector", "output.gwr-cite-gbt7714").text
    assert "sents. 2–4" in panel.find_element("css selector", "output.gwr-cite-chicago").text


def test_the_cite_tool_works_in_the_english_view_with_the_same_anchors(browser):
    _open(browser, "/2024/")
    browser.find_element("css selector", '.gwr-views button[data-view="en"]').click()
    row = browser.find_element("id", "sec_3__item_2__para_3")
    assert not row.find_element("css selector", ".gwr-zh").is_displayed()
    pilcrow = row.find_element("css selector", ".gwr-en a.gwr-pilcrow")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    browser.execute_script("arguments[0].focus()", pilcrow)
    assert pilcrow.is_displayed()
    pilcrow.click()
    panel = browser.find_element("css selector", ".gwr-cite")
    _wait(browser, lambda: panel.is_displayed())
    assert panel.find_element("css selector", "output.gwr-cite-link").text.endswith("/2024/#sec_3__item_2__para_3")
    assert "Part III, task 2, para. 3" in panel.find_element("css selector", "output.gwr-cite-chicago").text
    browser.execute_script("localStorage.clear()")
