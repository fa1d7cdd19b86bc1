"""Reading a Chinese report page, in headless Chromium: the small things of
issue 21 ("Small things that add up"). The contents highlight what is being
read; the view buttons say what they show and leave no tooltip behind; a
jumped-to paragraph shows whole, below the header, the sticky bar and the
back-to-top button, highlighted in both its languages; the keyboard reaches
the controls early and the outline holds each heading once; the English
beside the Chinese is in the body text's colour."""

from __future__ import annotations

import pytest

from tests.browser import browser, visit, wait  # noqa: F401
from tests.test_browser_english import _headings

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
CLEAR = "rgba(0, 0, 0, 0)"


def _open(browser, path: str, view: str | None = None) -> None:
    """``path`` as a reader who chose ``view`` before (or none), once the page's scripts have run."""
    visit(browser, path, view)
    wait(browser, lambda: browser.execute_script(
        'return document.querySelector(".gwr-report").getAttribute("data-cite")') == "ready")


def _settled(browser, expected, read, timeout: float = 3):
    """``read()`` once it gives ``expected`` (Material reacts to a scroll in a
    frame or two), else what it gives at the end, for the assertion to show."""
    from selenium.common.exceptions import TimeoutException

    try:
        wait(browser, lambda: read() == expected, timeout)
    except TimeoutException:
        pass
    return read()


def _active(browser) -> list[str]:
    """The anchors the table of contents highlights (Material: md-nav__link--active)."""
    return browser.execute_script(
        "return [...document.querySelectorAll('.md-sidebar--secondary .md-nav__link--active')]"
        ".map(a => a.getAttribute('href').slice(1))")


def _top(browser, anchor: str) -> float:
    return browser.execute_script("return document.getElementById(arguments[0]).getBoundingClientRect().top", anchor)


# --- 1. the contents highlight what is being read -------------------------------------------------------------

@pytest.mark.parametrize("view", ["both", "zh", "en"])
@pytest.mark.parametrize("anchor", ["sec_3__item_5", "sec_3__item_2", "sec_3__item_1__para_2", "sec_3"])
def test_the_contents_highlight_the_entry_jumped_to_and_read(browser, anchor, view):
    """Material's line for "read" was just below its header (72 px), above
    where a jumped-to anchor stops (below the sticky bar): at （五） it
    highlighted the lead before it, 推进财税金融等领域改革."""
    _open(browser, f"/2024/#{anchor}", view)
    assert _settled(browser, [anchor], lambda: _active(browser)) == [anchor]
    # Scrolled a little further, the heading still the first thing below the bar: still the one read.
    browser.execute_script("window.scrollBy(0, 30)")
    assert _settled(browser, [anchor], lambda: _active(browser)) == [anchor]
    # Scrolled back until the heading is below that line: the entry before it is being read.
    browser.execute_script("window.scrollBy(0, -60)")
    before = browser.execute_script(
        "const links = [...document.querySelectorAll('.md-sidebar--secondary .md-nav__link')];"
        "const i = links.findIndex(a => a.getAttribute('href') === '#' + arguments[0]);"
        "return i > 0 ? [links[i - 1].getAttribute('href').slice(1)] : []", anchor)
    assert _settled(browser, before, lambda: _active(browser)) == before


def test_the_english_edition_highlights_the_entry_jumped_to(browser):
    browser.get(f"{browser.base}/en/2024/#sec_3__item_5")
    assert _settled(browser, ["sec_3__item_5"], lambda: _active(browser)) == ["sec_3__item_5"]
    browser.execute_script("window.scrollBy(0, 30)")
    assert _settled(browser, ["sec_3__item_5"], lambda: _active(browser)) == ["sec_3__item_5"]


def test_a_table_of_contents_click_highlights_its_entry(browser):
    _open(browser, "/2024/")
    browser.find_element("css selector", '.md-sidebar--secondary a[href="#sec_3__item_5"]').click()
    wait(browser, lambda: browser.execute_script("return location.hash") == "#sec_3__item_5")
    assert _settled(browser, ["sec_3__item_5"], lambda: _active(browser)) == ["sec_3__item_5"]


# --- 2. view buttons that say what they show, and no tooltip after a click -------------------------------------

@pytest.mark.parametrize("path, both", [("/2024/", "中英对照"), ("/zh-hant/2024/", "中英對照")])
def test_the_view_buttons_say_what_they_show_without_a_tooltip(browser, path, both):
    _open(browser, f"{path}#sec_3__item_3__para_2")
    # What each button shows (words for screen readers only left out), and no title to make a tooltip of.
    buttons = browser.execute_script(
        "return [...document.querySelectorAll('.gwr-views button')].map(b => {"
        "  const shown = b.cloneNode(true); shown.querySelectorAll('.gwr-sr').forEach(e => e.remove());"
        "  return [b.dataset.view, shown.textContent.trim(), b.getAttribute('title'), b.getAttribute('aria-pressed')]})")
    assert buttons == [["zh", "中文", None, "false"], ["en", "English", None, "false"], ["both", both, None, "true"]]
    for view in ("en", "zh", "both"):
        browser.find_element("css selector", f'.gwr-views button[data-view="{view}"]').click()
        assert browser.execute_script(
            "return [...document.querySelectorAll('.gwr-views button[aria-pressed=true]')].map(b => b.dataset.view)"
        ) == [view]
        # The button keeps the focus while the page reflows: nothing floats over the text.
        assert browser.execute_script("return document.activeElement.dataset.view") == view
        browser.execute_script("return new Promise(r => setTimeout(r, 600))")
        shown = browser.execute_script(
            "return [...document.querySelectorAll('.md-tooltip2, [role=tooltip]')]"
            ".filter(t => t.classList.contains('md-tooltip2--active') || getComputedStyle(t).opacity !== '0')"
            ".map(t => t.textContent.trim())")
        assert shown == [], (view, shown)


# --- 3. a jumped-to paragraph shows whole, below the bar and the back-to-top button --------------------------

def _clear_of_the_chrome(browser, anchor: str) -> dict:
    """Where the target's first line starts, and the bottoms of what is drawn over the page's top."""
    return browser.execute_script("""
        const bottom = sel => { const e = document.querySelector(sel); return e ? e.getBoundingClientRect().bottom : 0; };
        const target = document.getElementById(arguments[0]);
        const shown = target.getClientRects().length ? target : target.closest('.gwr-row');
        return {target: shown.getBoundingClientRect().top, header: bottom('.md-header'),
                bar: bottom('.gwr-controls'), top: bottom('.md-top'), height: innerHeight};""", anchor)


def _clear(where: dict) -> bool:
    return where["target"] >= max(where["header"], where["bar"], where["top"])


def _then_back_to_top(browser, anchor: str) -> dict:
    """Where things are once the reader scrolls up a little from where a jump
    left them: Material hides its back-to-top button as the address changes
    and shows it again on the least scroll up (as the page settling can do)."""
    # Material watches again a quarter of a second after the address changed: up a pixel at a time till it shows.
    wait(browser, lambda: browser.execute_script(
        "const t = document.querySelector('.md-top');"
        "if (t.hidden) { window.scrollBy(0, -1); return false; }"
        "return getComputedStyle(t).opacity === '1'"))
    return _clear_of_the_chrome(browser, anchor)


@pytest.mark.parametrize("metrics", [None, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("view", ["both", "en"])
def test_a_jump_up_to_a_paragraph_shows_its_first_line_below_the_back_to_top_button(browser, metrics, view):
    if metrics:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        _open(browser, "/2024/#sec_3__item_9", view)
        anchor = "sec_3__item_5__para_2"
        # Up the page, as from a link in the text. (The back-to-top button,
        # hidden, is drawn a little lower than when shown.)
        browser.execute_script("location.hash = '#' + arguments[0]", anchor)
        wait(browser, lambda: 0 < _top(browser, anchor) < 400)
        landed = _clear_of_the_chrome(browser, anchor)
        settled = _then_back_to_top(browser, anchor)
    finally:
        if metrics:
            browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert _clear(landed) and _clear(settled), (landed, settled)
    assert landed["target"] < landed["height"] / 3, landed  # and not far down the window either


def test_a_search_hit_shows_its_paragraph_below_the_chrome_highlighted_in_both_languages(browser):
    _open(browser, "/2024/")
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    browser.execute_script("document.querySelector('.gwr-search-open').click()")
    browser.execute_script(
        "const i = document.getElementById('gwr-search-input'); i.value = arguments[0];"
        "i.dispatchEvent(new Event('input'))", "新质生产力")
    wait(browser, lambda: browser.execute_script(
        "return document.querySelector('.gwr-search-results').getAttribute('data-query')") == "新质生产力", 15)
    href = browser.execute_script(
        "const a = [...document.querySelectorAll('.gwr-search-results a')]"
        ".find(a => a.pathname === '/2024/' && /para_\\d+$/.test(a.hash)); a.click(); return a.hash")
    anchor = href[1:]
    wait(browser, lambda: browser.execute_script("return location.hash") == href)
    wait(browser, lambda: 0 < _top(browser, anchor) < 400)
    landed = _clear_of_the_chrome(browser, anchor)
    settled = _then_back_to_top(browser, anchor)
    assert _clear(landed) and _clear(settled), (landed, settled)
    colours = browser.execute_script(
        "const row = document.getElementById(arguments[0]);"
        "return [':scope > .gwr-zh', ':scope > .gwr-en'].map(s => getComputedStyle(row.querySelector(s)).backgroundColor)",
        anchor)
    assert CLEAR not in colours and colours[0] == colours[1], colours


# --- 4. a linked paragraph (or task) highlighted in both its languages ---------------------------------------

@pytest.mark.parametrize("anchor, halves", [
    ("sec_3__item_5__para_2", [":scope > .gwr-zh", ":scope > .gwr-en"]),
    ("sec_3__item_5", ["h3.gwr-item .gwr-s", ".gwr-en-title"]),
])
def test_a_linked_paragraph_is_highlighted_in_both_languages_side_by_side(browser, anchor, halves):
    _open(browser, f"/2024/#{anchor}")
    colours = browser.execute_script(
        "const el = document.getElementById(arguments[0]), row = el.closest('.gwr-row');"
        "return arguments[1].map(s => getComputedStyle(row.querySelector(s)).backgroundColor)", anchor, halves)
    assert CLEAR not in colours and colours[0] == colours[1], colours
    # The English view shows the English alone, highlighted.
    browser.find_element("css selector", '.gwr-views button[data-view="en"]').click()
    assert browser.execute_script(
        "return getComputedStyle(document.getElementById(arguments[0]).closest('.gwr-row')"
        ".querySelector(arguments[1])).backgroundColor", anchor, halves[1]) != CLEAR
    # Another paragraph is not.
    assert browser.execute_script(
        "return getComputedStyle(document.querySelector('#sec_3__item_5__para_3 > .gwr-en')).backgroundColor") == CLEAR


# --- 5. the keyboard and the outline -------------------------------------------------------------------------

def _tab(browser, times: int = 1) -> str:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(times):
        ActionChains(browser).send_keys(Keys.TAB).perform()
    return browser.execute_script(
        "const a = document.activeElement;"
        "return [...a.classList].filter(c => c !== 'focus-visible').join(' ') + ':'"
        " + (a.dataset.view || a.dataset.script || a.textContent.trim())")


def test_the_skip_link_leads_the_keyboard_to_the_controls(browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(browser, "/2024/")
    assert _tab(browser) == "md-skip:跳转至"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    # It lands on the title, above the controls: the next stops are the controls, the contents passed by.
    assert [_tab(browser) for _ in range(6)] == [
        "gwr-script:hans", "gwr-script:hant", "gwr-control gwr-edition-link:English edition", ":zh", ":en", ":both"]
    assert browser.execute_script("return window.scrollY") == 0


def test_side_by_side_the_outline_holds_each_heading_once_and_both_show(browser):
    _open(browser, "/2024/")
    headings = _headings(browser)
    assert [level for level, _ in headings] == [1, 2] + [3] * 10, headings
    # Each named by its Chinese heading, whose ¶ says in both languages what it links to.
    assert headings[1][1] == "三、2024年政府工作任务 本部分链接 · Link to this part"
    assert headings[2][1].startswith("（一）大力推进现代化产业体系建设") and headings[2][1].endswith(
        "本项链接 · Link to this task")
    # Sighted readers still see both languages' headings, and one ¶ for each heading.
    shown = browser.execute_script(
        "const visible = e => e.getClientRects().length > 0;"
        "return [[...document.querySelectorAll('.gwr-en-heading, .gwr-en-title')].filter(visible).length,"
        "[...document.querySelectorAll('.gwr-report .headerlink')].filter(visible).length]")
    assert shown == [11, 11]
    # In the English view the English headings are the outline; back side by side, the Chinese again.
    browser.find_element("css selector", '.gwr-views button[data-view="en"]').click()
    english = _headings(browser)
    assert [level for level, _ in english] == [1, 2] + [3] * 10 and english[1][1].startswith("III. Government")
    browser.find_element("css selector", '.gwr-views button[data-view="both"]').click()
    assert _headings(browser) == headings


# --- 6. the English side by side in the body text's colour ---------------------------------------------------

@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_side_by_side_the_english_is_in_the_body_text_colour(browser, scheme):
    _open(browser, "/2024/")
    browser.execute_script("document.body.setAttribute('data-md-color-scheme', arguments[0])", scheme)
    colours = browser.execute_script(
        "const row = document.getElementById('sec_3__item_5__para_2');"
        "return [row.querySelector('.gwr-zh'), row.querySelector('.gwr-en'), document.querySelector('.md-typeset')]"
        ".map(e => getComputedStyle(e).color)")
    assert colours[0] == colours[1] == colours[2], colours
