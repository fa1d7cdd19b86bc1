"""What a reader does, in headless Chromium: follow an anchor, use the table of contents."""

from __future__ import annotations

import pytest

from tests.browser import chrome_driver, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(site):
    driver = chrome_driver()
    with serve(site) as base:
        driver.base = base
        yield driver
    driver.quit()


def _in_view(driver, anchor: str) -> bool:
    return driver.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return r.top >= 0 && r.top < window.innerHeight && r.bottom > 0;", anchor)


def _wait(driver, condition, timeout=5):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: condition())


def test_opening_an_item_anchor_scrolls_its_heading_into_view(browser):
    browser.get(f"{browser.base}/2024/#sec_3__item_10")
    _wait(browser, lambda: _in_view(browser, "sec_3__item_10"))
    heading = browser.find_element("id", "sec_3__item_10")
    assert heading.tag_name == "h3"
    assert heading.text.startswith("（十）切实保障和改善民生，加强和创新社会治理。")
    # Not merely at the top of the page: the page really scrolled.
    assert browser.execute_script("return window.scrollY") > 1000


def test_table_of_contents_link_lands_on_its_item(browser):
    browser.get(f"{browser.base}/2024/")
    link = browser.find_element("css selector", '.md-sidebar--secondary a.md-nav__link[href="#sec_3__item_3"]')
    assert "着力扩大国内需求" in link.text
    link.click()
    _wait(browser, lambda: browser.execute_script("return location.hash") == "#sec_3__item_3")
    _wait(browser, lambda: _in_view(browser, "sec_3__item_3"))


def test_sentence_target_is_highlighted(browser):
    browser.get(f"{browser.base}/2024/#sec_3__item_1__para_2__sent_3")
    _wait(browser, lambda: _in_view(browser, "sec_3__item_1__para_2__sent_3"))
    colour = browser.execute_script(
        "return getComputedStyle(document.getElementById('sec_3__item_1__para_2__sent_3')).backgroundColor")
    plain = browser.execute_script(
        "return getComputedStyle(document.getElementById('sec_3__item_1__para_2__sent_4')).backgroundColor")
    assert colour != plain


def test_paragraph_permalink_shows_on_keyboard_focus(browser):
    browser.get(f"{browser.base}/2024/")
    link = browser.find_element("css selector", '#sec_3__item_1__para_2 .gwr-pilcrow')
    assert browser.execute_script("return getComputedStyle(arguments[0]).opacity", link) == "0"
    browser.execute_script("arguments[0].focus()", link)
    _wait(browser, lambda: browser.execute_script("return getComputedStyle(arguments[0]).opacity", link) == "1")


def test_every_resource_comes_from_the_site_itself(browser):
    browser.get(f"{browser.base}/2024/")
    origins = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)")
    assert origins and set(origins) == {browser.base}
