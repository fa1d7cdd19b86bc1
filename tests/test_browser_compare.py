"""The compare page in headless Chromium: rows that link both reports, marks a reader can tell apart."""

from __future__ import annotations

import pytest

from tests.browser import browser, in_view, wait  # noqa: F401

pytestmark = pytest.mark.browser

ROW = "sec_3__item_9__para_2__sent_8--sec_3__item_2__para_2__sent_7"  # 、专门教育，支持和 dropped


def test_a_row_anchor_opens_on_its_row_with_both_clauses_marked(browser):
    browser.get(f"{browser.base}/compare/2022-2024/#{ROW}")
    wait(browser, lambda: in_view(browser, ROW))
    row = browser.find_element("id", ROW)
    deleted = row.find_element("css selector", ".gwr-cmp-a del")
    shown = browser.execute_script(
        "const c = arguments[0].cloneNode(true); c.querySelectorAll('.gwr-sr').forEach(e => e.remove());"
        "return c.textContent", deleted)
    assert shown == "、专门教育，支持和"
    # Told apart by line, not colour alone; a label for screen readers, not shown.
    assert "line-through" in deleted.value_of_css_property("text-decoration-line")
    label = deleted.find_element("css selector", ".gwr-sr")
    assert label.get_attribute("textContent").startswith("[删去") and label.size["width"] <= 1
    assert browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", row) != "rgba(0, 0, 0, 0)"
    inserted = browser.find_element("css selector", ".gwr-cmp-b ins")
    assert "underline" in inserted.value_of_css_property("text-decoration-line")


def test_following_a_clause_link_lands_on_the_later_report(browser):
    browser.get(f"{browser.base}/compare/2022-2024/")
    head = browser.find_element("id", "h-sec_3__item_9__para_1--sec_3__item_10__para_1")
    assert head.text.startswith("2022: 三（九）第1段")
    link = head.find_element("css selector", 'a[href$="2024/#sec_3__item_10__para_1"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    wait(browser, lambda: browser.execute_script("return location.pathname + location.hash")
         == "/2024/#sec_3__item_10__para_1")
    wait(browser, lambda: in_view(browser, "sec_3__item_10__para_1"))


def test_the_chinese_only_view_hides_the_english(browser):
    browser.get(f"{browser.base}/compare/2022-2024/")
    english = browser.find_element("css selector", ".gwr-cmp-en")
    assert english.is_displayed() and "2024:" in english.text
    browser.find_element("css selector", 'label[for="gwr-cmp-view-zh"]').click()
    wait(browser, lambda: not english.is_displayed())
    browser.find_element("css selector", 'label[for="gwr-cmp-view-both"]').click()
    wait(browser, lambda: english.is_displayed())


def test_a_report_paragraph_leads_to_its_counterpart_and_to_the_compare_row(browser):
    browser.execute_script("try { localStorage.clear() } catch (e) {}")
    browser.get(f"{browser.base}/2024/#sec_3__item_10__para_3")
    line = browser.find_element("css selector", "#sec_3__item_10__para_3 .gwr-lineage")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", line)
    assert _seen(browser, line).startswith("2022：三（九）第3段") and "Part III" not in _seen(browser, line)
    compare = line.find_element("css selector", ".gwr-lineage-cmp")
    row = compare.get_attribute("href").split("#")[1]
    compare.click()
    wait(browser, lambda: browser.execute_script("return location.pathname") == "/compare/2022-2024/")
    wait(browser, lambda: in_view(browser, row))
    browser.back()
    wait(browser, lambda: browser.execute_script("return location.pathname") == "/2024/")
    # In the English view the pinpoint is in English.
    browser.find_element("css selector", '.gwr-views button[data-view="en"]').click()
    line = browser.find_element("css selector", "#sec_3__item_10__para_3 .gwr-lineage")
    wait(browser, lambda: _seen(browser, line).startswith("2022: Part III, task 9, para. 3"))
    line.find_element("css selector", "a").click()
    wait(browser, lambda: browser.execute_script("return location.pathname + location.hash")
         == "/2022/#sec_3__item_9__para_3")
    wait(browser, lambda: in_view(browser, "sec_3__item_9__para_3"))
    browser.execute_script("try { localStorage.clear() } catch (e) {}")


def _seen(browser, element) -> str:
    """The text a sighted reader sees: what is shown, without the screen-reader labels."""
    return browser.execute_script(
        "const sr = [...arguments[0].querySelectorAll('.gwr-sr')]; sr.forEach(e => e.style.display = 'none');"
        "const text = arguments[0].innerText; sr.forEach(e => e.style.display = ''); return text.trim()", element)
