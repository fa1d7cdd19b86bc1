"""Citing, as a reader does it in headless Chromium: ranges, a wrong anchor, the cite tool."""

from __future__ import annotations

import pytest

from tests.browser import (
    browser,  # noqa: F401
    emulated,
)
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
    # A sentence's citation carries its words in both languages: the Chinese, then its English.
    zh, en = panel.find_element("css selector", "output.gwr-cite-quotation").text.split("\n")
    assert zh == browser.find_element("id", "sec_3__item_1__para_2__sent_3").text
    assert en.startswith("We will launch an initiative to promote the high-quality development of key industrial")
    assert not panel.find_elements("css selector", "output.gwr-cite-quotation") or \
        browser.execute_script("return document.querySelector('.gwr-cite-formats dt').textContent") == "链接 · Link"
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


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_the_missing_anchor_notice_shows_whole_below_the_header(browser, width, height):
    with emulated(browser, width, height):
        _open(browser, "/2024/#sec_3__item_4__para_99")
        notice = browser.find_element("css selector", ".gwr-notice")
        _wait(browser, lambda: notice.is_displayed())
        # Inside the window and covered by nothing (Material's header, the
        # sticky 简繁/中英 bar): its corners and centre are the notice's own.
        _wait(browser, lambda: browser.execute_script("""
            const notice = document.querySelector('.gwr-notice'), box = notice.getBoundingClientRect();
            if (box.top < 0 || box.bottom > innerHeight) return false;
            const points = [[box.left + 2, box.top + 2], [box.right - 2, box.top + 2], [box.left + 2, box.bottom - 2],
                            [box.right - 2, box.bottom - 2], [(box.left + box.right) / 2, (box.top + box.bottom) / 2]];
            return points.every(([x, y]) => notice.contains(document.elementFromPoint(x, y)));"""))
        assert "sec_3__item_4" in notice.text  # the nearest anchor is named


def test_on_a_phone_the_pilcrow_shows_and_is_a_44_px_target(browser):
    with emulated(browser, 390, 844, touch=True, scale=3):
        _open(browser, "/2024/")
        assert browser.execute_script("return matchMedia('(hover: none) and (pointer: coarse)').matches")
        row = browser.find_element("id", "sec_3__item_2__para_3")
        pilcrow = row.find_element("css selector", ".gwr-zh a.gwr-pilcrow")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", pilcrow)
        box = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height, "
            "+getComputedStyle(arguments[0]).opacity]", pilcrow)
        assert box[0] >= 44 and box[1] >= 44 and box[2] > 0.5, box
        pilcrow.click()
        panel = browser.find_element("css selector", ".gwr-cite")
        _wait(browser, lambda: panel.is_displayed())
        browser.execute_script("document.querySelector('.gwr-cite-close').click()")


def test_the_selection_offer_stands_next_to_the_selection_in_reading_size(browser):
    with emulated(browser, 390, 844, touch=True, scale=3):
        _open(browser, "/2024/")
        browser.execute_script("""
            const a = document.getElementById('sec_3__item_1__para_2__sent_2').firstChild;
            const b = document.getElementById('sec_3__item_1__para_2__sent_3').lastChild;
            a.parentElement.scrollIntoView({block: 'center'});
            const range = document.createRange();
            range.setStart(a, 0); range.setEnd(b, 1);
            getSelection().removeAllRanges(); getSelection().addRange(range);""")
        offer = browser.find_element("css selector", ".gwr-cite-offer")
        _wait(browser, lambda: offer.is_displayed())
        found = browser.execute_script("""
            const o = arguments[0].getBoundingClientRect();
            const rects = getSelection().getRangeAt(0).getClientRects();
            const last = rects[rects.length - 1];
            return [o.height, parseFloat(getComputedStyle(arguments[0]).fontSize), o.top - last.bottom,
                    o.left >= 0 && o.right <= innerWidth];""", offer)
        height, size, gap, inside = found
        assert height >= 44 and size >= 14 and 0 <= gap <= 24 and inside, found


def test_the_cite_tool_cites_the_report_with_the_clause_as_locator(browser, site):
    """The strings and files of the tool are the templates filled in the
    browser: the report is the item, the clause its locator or note, the
    English this edition's translation at the English edition's page."""
    import json
    import urllib.parse

    _open(browser, "/zh-hant/2024/")
    anchor = "sec_3__item_1__para_2"
    browser.execute_script("document.querySelector(arguments[0]).click()", f'#{anchor} .gwr-zh a.gwr-pilcrow')
    panel = browser.find_element("css selector", ".gwr-cite")
    _wait(browser, lambda: panel.is_displayed())
    shown = {name: panel.find_element("css selector", f"output.gwr-cite-{name}").text
             for name in ("link", "gbt7714", "chicago", "chicago_bibliography")}
    base = browser.base
    assert shown["link"] == f"{base}/zh-hant/2024/#{anchor}"
    assert shown["gbt7714"].startswith("國務院. 2024年政府工作報告[R/OL]. 北京: 國務院, 2024: 三（一）第2段[")
    assert shown["gbt7714"].endswith(f"]. {base}/zh-hant/2024/.")
    assert "trans. Annotated Bilingual Edition" in shown["chicago"]
    assert shown["chicago"].endswith(f", Part III, task 1, para. 2, {base}/en/2024/.")
    files = browser.execute_script(
        "return [...document.querySelectorAll('.gwr-cite-files a')].map(a => [a.dataset.format, a.download, a.href])")
    assert [f[0] for f in files] == ["bibtex", "ris", "csl", "bibtex_en", "ris_en", "csl_en"]
    named = {f[0]: f[1] for f in files}
    assert named["csl"] == f"gwr2024-zh-Hant-{anchor}.json" and named["ris_en"] == f"gwr2024-en-{anchor}.ris"
    data = {f[0]: urllib.parse.unquote(f[2].split(",", 1)[1]) for f in files}
    [item] = json.loads(data["csl"])
    assert item["type"] == "report" and item["id"] == "gwr2024-zh-Hant" and item["title"] == "2024年政府工作報告"
    assert item["URL"] == f"{base}/zh-hant/2024/" and item["note"].endswith(f"{base}/zh-hant/2024/#{anchor}")
    [english] = json.loads(data["csl_en"])
    assert english["URL"] == f"{base}/en/2024/" and english["translator"][0]["literal"].startswith("Annotated")
    assert "TY  - RPRT" in data["ris"] and "@report{gwr2024-en," in data["bibtex_en"]
    browser.execute_script("document.querySelector('.gwr-cite-close').click()")


def test_the_english_edition_cites_this_editions_translation_in_english(browser):
    browser.get(f"{browser.base}/en/2024/")
    _wait(browser, lambda: browser.execute_script(
        'return document.querySelector(".gwr-english").getAttribute("data-cite")') == "ready")
    anchor = "sec_3__item_1__para_2"
    browser.execute_script("document.querySelector(arguments[0]).click()", f"#{anchor} a.gwr-pilcrow")
    panel = browser.find_element("css selector", ".gwr-cite")
    _wait(browser, lambda: panel.is_displayed())
    base = browser.base
    shown = {name: panel.find_element("css selector", f"output.gwr-cite-{name}").text
             for name in ("link", "chicago", "gbt7714")}
    assert shown["link"] == f"{base}/en/2024/#{anchor}"
    assert shown["chicago"].endswith(f"Part III, task 1, para. 2, {base}/en/2024/.")
    assert shown["gbt7714"].endswith(f"]. {base}/2024/.")  # the Chinese is cited at its own page
    named = browser.execute_script("return [...document.querySelectorAll('.gwr-cite-files a')].map(a => a.download)")
    assert named[0] == f"gwr2024-zh-Hans-{anchor}.bib" and named[3] == f"gwr2024-en-{anchor}.bib", named
    chrome = panel.text.replace(shown["gbt7714"], "")
    assert not any("\u4e00" <= c <= "\u9fff" for c in chrome), chrome
    browser.execute_script("document.querySelector('.gwr-cite-close').click()")
