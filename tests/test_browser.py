"""What a reader does, in headless Chromium: follow an anchor, use the table of contents."""

from __future__ import annotations

import pytest

from tests.browser import browser, chrome_driver, refused, serve  # noqa: F401
from tests.browser import in_view as _in_view
from tests.browser import wait as _wait

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def fresh_preferences(browser):
    """Each test starts with no stored script or view choice."""
    browser.get(f"{browser.base}/404.html")
    browser.execute_script("localStorage.clear()")


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


# --- glossary -----------------------------------------------------------------------------


def _tooltip_text(driver) -> str:
    return driver.execute_script(
        "const t = [...document.querySelectorAll('.md-tooltip2--active')];"
        "return t.map(e => e.innerText).join(' ');")


def _first_term(browser, slug):
    browser.get(f"{browser.base}/2024/#sec_3__item_1")
    return browser.find_element("css selector", f'#sec_3__item_1 a.gwr-term[href$="glossary/{slug}/"]')


def test_term_tooltip_on_hover(browser):
    from selenium.webdriver.common.action_chains import ActionChains

    term = _first_term(browser, "xin-zhi-sheng-chan-li")
    assert term.text == "新质生产力"
    ActionChains(browser).move_to_element(term).perform()
    _wait(browser, lambda: "new quality productive forces" in _tooltip_text(browser))
    described = term.get_attribute("aria-describedby")
    assert described and "new quality productive forces" in browser.find_element("id", described).get_attribute(
        "textContent")


def test_term_tooltip_on_keyboard_focus(browser):
    from selenium.webdriver.common.keys import Keys

    term = _first_term(browser, "xin-zhi-sheng-chan-li")
    # Focus whatever comes just before the term in tab order, then press Tab.
    browser.execute_script("""
        const all = [...document.querySelectorAll('a[href], button, [tabindex]')]
          .filter(e => !e.disabled && e.offsetParent !== null);
        all[all.indexOf(arguments[0]) - 1].focus();""", term)
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element == term
    _wait(browser, lambda: "new quality productive forces" in _tooltip_text(browser))


def test_term_link_opens_its_page_and_concordance_lands_on_sentences(browser):
    term = _first_term(browser, "xin-zhi-sheng-chan-li")
    term.click()
    _wait(browser, lambda: browser.current_url.endswith("/glossary/xin-zhi-sheng-chan-li/"))
    assert "new quality productive forces" in browser.find_element("css selector", ".gwr-term-facts").text
    links = [(a.get_attribute("href"), "新质生产力")
             for a in browser.find_elements("css selector", ".gwr-concordance a")]
    assert links
    browser.get(f"{browser.base}/glossary/gao-zhi-liang-fa-zhan/")  # a term with many occurrences
    links += [(a.get_attribute("href"), "高质量发展")
              for a in browser.find_elements("css selector", ".gwr-concordance a")]
    assert len(links) > 10
    for href, term in links:
        browser.get(href)
        anchor = href.split("#", 1)[1]
        _wait(browser, lambda: _in_view(browser, anchor))
        assert term in browser.find_element("id", anchor).text, href


# --- scripts and views ---------------------------------------------------------------------


def test_switching_to_traditional_keeps_the_anchor(browser):
    browser.get(f"{browser.base}/2024/#sec_3__item_3__para_2")
    _wait(browser, lambda: _in_view(browser, "sec_3__item_3__para_2"))
    browser.find_element("css selector", 'a.gwr-script[data-script="hant"]').click()
    _wait(browser, lambda: "/zh-hant/2024/" in browser.current_url)
    assert browser.current_url.endswith("#sec_3__item_3__para_2")
    _wait(browser, lambda: _in_view(browser, "sec_3__item_3__para_2"))
    row = browser.find_element("id", "sec_3__item_3__para_2")
    assert row.find_element("css selector", ".gwr-zh").get_attribute("lang") == "zh-Hant"
    assert "促進消費穩定增長" in row.text
    # The choice persists while moving around the site: a link to a Simplified
    # page leads to its Traditional edition...
    browser.execute_script("location.href = arguments[0]", f"{browser.base}/2022/#sec_3__item_9")
    _wait(browser, lambda: "/zh-hant/2022/" in browser.current_url)
    assert browser.current_url.endswith("#sec_3__item_9")
    # ...but a link arriving from elsewhere shows the script it names.
    browser.get(f"{browser.base}/2024/#sec_3")
    choice = 'return document.querySelector(".gwr-report").getAttribute("data-script-choice")'
    _wait(browser, lambda: browser.execute_script(choice))
    assert browser.execute_script(choice) == "kept"
    assert "/zh-hant/" not in browser.current_url


def test_english_view_hides_chinese_and_shows_every_paragraph(browser):
    browser.get(f"{browser.base}/2024/")
    browser.find_element("css selector", '.gwr-views button[data-view="en"]').click()
    visible = browser.execute_script("""
        const zh = [...document.querySelectorAll('.gwr-report .gwr-zh')].filter(e => e.offsetParent !== null);
        const rows = [...document.querySelectorAll('.gwr-row[id]')];
        const en = rows.map(r => r.querySelector('.gwr-en'));
        return [zh.length, rows.length, en.filter(e => e && e.offsetParent !== null && e.innerText.length > 5).length,
                en.every(e => e.getAttribute('lang') === 'en')];""")
    assert visible[0] == 0
    assert visible[1] == visible[2] == 54
    assert visible[3]
    assert "not an official one" in browser.find_element("css selector", ".gwr-unofficial").text
    # The view persists to the next page.
    browser.get(f"{browser.base}/2022/")
    assert browser.find_element("css selector", ".gwr-report").get_attribute("data-view") == "en"


def test_without_javascript_both_languages_show(site):
    driver = chrome_driver(javascript=False)
    try:
        with serve(site) as base:
            driver.get(f"{base}/2024/#sec_3__item_3__para_2")
            shown = driver.execute_script("""
                const visible = e => e.offsetParent !== null;
                return [document.querySelectorAll('.gwr-row .gwr-zh').length,
                        [...document.querySelectorAll('.gwr-row .gwr-zh')].filter(visible).length,
                        [...document.querySelectorAll('.gwr-row .gwr-en')].filter(visible).length,
                        visible(document.querySelector('.gwr-views'))];""")
    finally:
        driver.quit()
    assert shown[0] > 54 and shown[1] == shown[0] and shown[2] >= 54
    assert shown[3] is False  # the view buttons need JavaScript, so they are not shown


def test_retired_anchor_lands_on_its_successor(project_copy, tmp_path):
    from tests.sitebuild import build_site

    lock = project_copy / "source_texts" / "anchors.lock"
    lock.write_text(lock.read_text(encoding="utf-8") + "2024 sec_3__item_1__para_9 -> sec_3__item_1__para_2\n",
                    encoding="utf-8")
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    driver = chrome_driver()
    try:
        with serve(tmp_path / "site") as base:
            driver.get(f"{base}/2024/#sec_3__item_1__para_9")
            _wait(driver, lambda: driver.execute_script("return location.hash") == "#sec_3__item_1__para_2")
            _wait(driver, lambda: _in_view(driver, "sec_3__item_1__para_2"))
    finally:
        driver.quit()


def test_term_tooltip_on_tap_then_link_on_second_tap(browser):
    browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    try:
        term = _first_term(browser, "xin-zhi-sheng-chan-li")
        page = browser.current_url

        def tap():
            box = browser.execute_script(
                "const r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]",
                term)
            point = [{"x": box[0], "y": box[1]}]
            browser.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point})
            browser.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

        tap()
        _wait(browser, lambda: "new quality productive forces" in _tooltip_text(browser))
        assert browser.current_url == page
        tap()
        _wait(browser, lambda: browser.current_url.endswith("/glossary/xin-zhi-sheng-chan-li/"))
    finally:
        browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})


def test_no_page_makes_a_failed_request(browser):
    for path in ("/", "/2024/", "/zh-hant/2024/", "/glossary/", "/glossary/xin-zhi-sheng-chan-li/", "/about/"):
        browser.get(f"{browser.base}{path}")
        # Material fetches sitemap.xml and the like after load: give it its turn, then read every response.
        _wait(browser, lambda: browser.execute_script("return document.readyState") == "complete")
        # A request known to fail, last: once it is listed, everything before it has been answered,
        # and it proves a failure would be seen.
        browser.execute_async_script("setTimeout(() => fetch('gwr-control-404').then(r => r.text()).then("
                                     "arguments[arguments.length - 1]), 300)")
        failed = browser.execute_script(
            "return performance.getEntriesByType('resource')"
            ".filter(e => e.responseStatus >= 400).map(e => e.name.split('/').pop())")
        assert failed == ["gwr-control-404"], (path, failed)
        assert refused(browser) == [], path  # the script policy let every script of the page run


def test_a_page_runs_no_script_it_did_not_bring(browser):
    """Should markup ever get past the escaping, the page's script policy
    refuses what it would run: an inline handler, an inline script, a
    script from elsewhere. Search (WebAssembly) still works under it."""
    browser.get(f"{browser.base}/2024/")
    _wait(browser, lambda: browser.execute_script("return document.readyState") == "complete")
    browser.execute_script(
        "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.gwrRan = 1\">"
        "<svg onload=\"window.gwrRan = 2\"></svg>');"
        "const s = document.createElement('script'); s.textContent = 'window.gwrRan = 3'; document.body.append(s);"
        "const e = document.createElement('script'); e.src = 'https://example.org/x.js'; document.body.append(e);")
    _wait(browser, lambda: len(refused(browser)) >= 3)
    assert browser.execute_script("return window.gwrRan") is None
    kinds = refused(browser)
    assert any(k.startswith("script-src-attr") for k in kinds) and any("example.org" in k for k in kinds), kinds


def test_switching_views_keeps_the_reader_on_the_same_paragraph(browser):
    browser.get(f"{browser.base}/2024/#sec_3__item_3__para_2")
    _wait(browser, lambda: _in_view(browser, "sec_3__item_3__para_2"))
    first_below_bar = (
        "const bar = document.querySelector('.gwr-controls').getBoundingClientRect().bottom;"
        "return [...document.querySelectorAll('.gwr-row[id]')].find(r => r.getBoundingClientRect().top >= bar - 1).id")
    for view in ("en", "zh", "both", "en", "both"):
        browser.find_element("css selector", f'.gwr-views button[data-view="{view}"]').click()
        assert browser.execute_script(first_below_bar) == "sec_3__item_3__para_2", view


def test_back_to_top_is_not_under_the_sticky_bar(browser):
    browser.get(f"{browser.base}/2024/#sec_3__item_5")
    browser.execute_script("window.scrollBy(0, -200)")  # Material shows the button on scrolling up
    top = browser.find_element("css selector", ".md-top")
    _wait(browser, lambda: top.is_displayed())
    overlap = browser.execute_script(
        "const a = arguments[0].getBoundingClientRect(), b = document.querySelector('.gwr-controls').getBoundingClientRect();"
        "return a.top < b.bottom && b.top < a.bottom", top)
    assert not overlap


def test_no_page_scrolls_sideways_on_a_phone(browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True})
    try:
        for path in ("/", "/2024/", "/zh-hant/2024/", "/glossary/", "/glossary/xin-zhi-sheng-chan-li/", "/about/"):
            browser.get(f"{browser.base}{path}")
            width = browser.execute_script("return document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_glossary_tooltip_is_legible_and_esc_dismisses_it(browser):
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{browser.base}/2024/#sec_3__item_1")
    term = browser.find_element("css selector", "#sec_3__item_1 a.gwr-term")
    browser.execute_script("arguments[0].focus()", term)
    tip = "return [...document.querySelectorAll('.md-tooltip2--active')].map(t => getComputedStyle(t).opacity)"
    _wait(browser, lambda: browser.execute_script(tip) == ["1"])
    size = browser.execute_script(
        "return parseFloat(getComputedStyle(document.querySelector('.md-tooltip2--active .md-tooltip2__inner')).fontSize)")
    assert size >= 13
    term.send_keys(Keys.ESCAPE)
    _wait(browser, lambda: browser.execute_script(tip) in ([], ["0"]))


def test_traditional_text_is_drawn_in_a_traditional_face(browser):
    browser.get(f"{browser.base}/zh-hant/2024/#sec_3__item_1__para_2__sent_1")
    _wait(browser, lambda: _in_view(browser, "sec_3__item_1__para_2__sent_1"))
    browser.execute_cdp_cmd("DOM.enable", {})
    browser.execute_cdp_cmd("CSS.enable", {})
    root = browser.execute_cdp_cmd("DOM.getDocument", {})["root"]["nodeId"]

    def faces(selector):
        node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return [f["familyName"] for f in browser.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]

    traditional = faces("#sec_3__item_1__para_2__sent_1")
    installed = browser.execute_script("return document.fonts.check('16px \"Noto Sans CJK TC\"')")
    if not any("CJK" in f for f in traditional) and not installed:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    assert any(f.endswith(" TC") or f.endswith(" HK") for f in traditional), traditional
    browser.get(f"{browser.base}/2024/#sec_3__item_1__para_2__sent_1")
    _wait(browser, lambda: _in_view(browser, "sec_3__item_1__para_2__sent_1"))
    root = browser.execute_cdp_cmd("DOM.getDocument", {})["root"]["nodeId"]
    assert any(f.endswith(" SC") for f in faces("#sec_3__item_1__para_2__sent_1"))
