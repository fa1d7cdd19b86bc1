"""Printing a report page (issue 12), in headless Chromium with print media
emulated: no navigation or controls, both languages whatever the view, each
paragraph's pinpoint label in the margin, headings kept with their text."""

from __future__ import annotations

import pytest

from tests.browser import browser, wait  # noqa: F401

pytestmark = pytest.mark.browser

CHROME = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top",
          ".gwr-controls", ".gwr-pilcrow", ".headerlink")
ROW = "sec_3__item_1__para_2"


def _open_in_view(browser, view: str) -> None:
    """/2024/ on screen, switched to ``view`` with its control, then printed (emulated)."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.get(f"{browser.base}/2024/")
    wait(browser, lambda: browser.execute_script(
        'return document.querySelector(".gwr-report").getAttribute("data-cite")') == "ready")
    browser.find_element("css selector", f'.gwr-views button[data-view="{view}"]').click()
    assert browser.execute_script('return document.querySelector(".gwr-report").dataset.view') == view
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})


def _style(browser, selector: str, prop: str, pseudo: str | None = None) -> str:
    return browser.execute_script(
        "return getComputedStyle(document.querySelector(arguments[0]), arguments[2]).getPropertyValue(arguments[1])",
        selector, prop, pseudo)


@pytest.mark.parametrize("view", ["en", "zh", "both"])
def test_a_printed_report_has_both_languages_labels_and_no_chrome(browser, view):
    _open_in_view(browser, view)
    try:
        for selector in CHROME:
            assert _style(browser, selector, "display") == "none", selector
        row = browser.find_element("id", ROW)
        chinese, english = row.find_element("css selector", ".gwr-zh"), row.find_element("css selector", ".gwr-en")
        assert chinese.is_displayed() and english.is_displayed()
        assert "推动产业链供应链优化升级" in chinese.text and "We will optimize and upgrade" in english.text
        # Side by side, as in the 中英 view: the English to the right of the Chinese, on the same line.
        assert english.location["x"] > chinese.location["x"] + chinese.size["width"] / 2
        assert abs(english.location["y"] - chinese.location["y"]) < 20
        label = _style(browser, f"#{ROW}", "content", "::before")
        assert "三（一）第2段" in label and "Part III, task 1, para. 2" in label, label
        # The label sits in a margin the report makes for it, inside the printable area.
        left = browser.execute_script("return document.querySelector('.gwr-report').getBoundingClientRect().left")
        padding = float(_style(browser, ".gwr-report", "padding-left").removesuffix("px"))
        assert left >= 0 and padding >= 70
        assert chinese.location["x"] >= left + padding - 1
        # A heading stays with the paragraph after it.
        assert _style(browser, "#sec_3", "break-after") == "avoid"
        assert _style(browser, ".gwr-item-row", "break-inside") == "avoid"
        # The page's title and byline are both there too.
        assert browser.find_element("css selector", ".gwr-title .gwr-label-zh").is_displayed()
        assert browser.find_element("css selector", ".gwr-title [lang=en]").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_screen_is_unchanged_by_the_print_sheet(browser):
    """On screen the English view still hides the Chinese and shows no labels."""
    _open_in_view(browser, "en")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    row = browser.find_element("id", ROW)
    assert not row.find_element("css selector", ".gwr-zh").is_displayed()
    assert _style(browser, f"#{ROW}", "content", "::before") in ("none", "normal")
    assert browser.find_element("css selector", ".md-header").is_displayed()
    browser.find_element("css selector", '.gwr-views button[data-view="both"]').click()
