"""Absurd and malformed addresses, in headless Chromium (issue 20): a range
that ends far past its paragraph, a fragment of hundreds of kilobytes, a
fragment that is no anchor at all. Each page loads, answers and throws
nothing; a range is clamped to the clauses that exist."""

from __future__ import annotations

import time

import pytest

from tests.browser import browser  # noqa: F401
from tests.browser import in_view as _in_view
from tests.browser import wait as _wait

pytestmark = pytest.mark.browser

#: How long a page may take to load and answer a script. Generous, so a busy
#: machine never fails it: this is no measure of speed. The pages these
#: addresses froze did not answer for more than 30 s (or ran out of memory).
ANSWERS_WITHIN = 10

PARAGRAPH = "sec_3__item_1__para_2"

#: Collects what the page's scripts throw, from its first script on (as
#: tests/browser.py collects what its security policy refused).
ERRORS = (
    "window.gwrErrors = [];"
    "addEventListener('error', e => gwrErrors.push(`${e.message} ${e.filename}:${e.lineno}`));"
    "addEventListener('unhandledrejection', e => gwrErrors.push(`unhandled rejection: ${e.reason}`));"
)


@pytest.fixture(scope="module", autouse=True)
def collecting_errors(browser):
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ERRORS})
    # A frozen page fails the test within a minute, not WebDriver's five.
    browser.set_page_load_timeout(60)
    browser.set_script_timeout(60)


@pytest.fixture(autouse=True)
def fresh_preferences(browser):
    """Each test starts with no stored script or view choice."""
    browser.get(f"{browser.base}/404.html")
    browser.execute_script("localStorage.clear()")


def _load(browser, fragment: str) -> None:
    """Open the 2024 report at ``#fragment`` as a new page (never a mere
    hashchange) and require it to have run its scripts and to answer, within
    ANSWERS_WITHIN seconds, having thrown nothing."""
    from selenium.common.exceptions import TimeoutException

    browser.get(f"{browser.base}/404.html")
    start = time.monotonic()
    try:
        browser.get(f"{browser.base}/2024/#{fragment}")
        # gwr.js and cite.js each say when they are done.
        _wait(browser, lambda: browser.execute_script(
            "const r = document.querySelector('.gwr-report');"
            "return r.getAttribute('data-script-choice') === 'kept' && r.getAttribute('data-cite') === 'ready'"),
            timeout=ANSWERS_WITHIN)
        assert browser.execute_script("return 1 + 1") == 2
    except TimeoutException as exc:
        pytest.fail(f"#{fragment[:60]}… ({len(fragment)} characters): the page did not answer: {exc.msg}")
    elapsed = time.monotonic() - start
    assert elapsed < ANSWERS_WITHIN, f"#{fragment[:60]}… ({len(fragment)} characters) took {elapsed:.1f} s"
    assert browser.execute_script("return window.gwrErrors") == [], f"#{fragment[:60]}…"


def _in_range(browser) -> list[str]:
    return browser.execute_script("return [...document.querySelectorAll('.gwr-in-range')].map(e => e.id)")


def _notice_shown(browser) -> bool:
    return browser.execute_script("return !document.querySelector('.gwr-notice').hidden")


def _sentences(browser, paragraph: str) -> list[str]:
    """The ids of a paragraph's sentences, in order."""
    return browser.execute_script(
        "return [...document.getElementById(arguments[0]).querySelectorAll('.gwr-s[id]')].map(e => e.id)"
        ".filter(id => id.startsWith(arguments[0] + '__sent_'))", paragraph)


def _highlighted(browser, anchor):
    return browser.execute_script(
        "const el = document.getElementById(arguments[0]);"
        "return getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)'", anchor)


@pytest.mark.parametrize("end", ["300000000", "9" * 150], ids=["300000000", "past-any-integer"])
def test_a_range_past_its_paragraph_is_clamped_to_the_sentences_that_exist(browser, end):
    _load(browser, f"{PARAGRAPH}__sent_1-{end}")
    sentences = _sentences(browser, PARAGRAPH)
    assert len(sentences) > 2 and sentences[0] == f"{PARAGRAPH}__sent_1"
    assert sentences[-1] == f"{PARAGRAPH}__sent_{len(sentences)}"
    # Sentence 1 to the paragraph's last, highlighted as one, and nothing beside it.
    assert _in_range(browser) == sentences
    assert _highlighted(browser, sentences[0]) and _highlighted(browser, sentences[-1])
    assert not _highlighted(browser, "sec_3__item_1__para_3__sent_1")
    assert not _notice_shown(browser)
    _wait(browser, lambda: _in_view(browser, sentences[0]))


def test_a_paragraph_range_past_its_task_is_clamped_too(browser):
    _load(browser, "sec_3__item_1__para_2-999999999")
    paragraphs = browser.execute_script(
        "return [...document.querySelectorAll('[id^=\"sec_3__item_1__para_\"]')].map(e => e.id)"
        ".filter(id => /^sec_3__item_1__para_\\d+$/.test(id))")
    assert len(paragraphs) > 2
    assert _in_range(browser) == paragraphs[1:]
    assert not _notice_shown(browser)


def test_a_range_clamped_to_its_start_is_that_sentence(browser):
    browser.get(f"{browser.base}/2024/")
    last = len(_sentences(browser, PARAGRAPH))
    _load(browser, f"{PARAGRAPH}__sent_{last}-{last + 5}")
    assert _in_range(browser) == [f"{PARAGRAPH}__sent_{last}"]
    assert not _notice_shown(browser)


@pytest.mark.parametrize("fragment", [
    ("sec_3__" * 51_429)[:360_000],  # 51 429 parts of which to look for the nearest ancestor
    f"{PARAGRAPH}__sent_1-" + "9" * (360_000 - len(f"{PARAGRAPH}__sent_1-")),  # a range that ends at infinity
    "%E4%B8%AD" * 40_000,  # 360 000 characters to decode
], ids=["ancestors", "range", "encoded"])
def test_a_fragment_of_360_000_characters_is_ignored(browser, fragment):
    assert len(fragment) == 360_000
    _load(browser, fragment)
    assert _in_range(browser) == []
    assert not _notice_shown(browser)


@pytest.mark.parametrize("fragment", [
    f"{PARAGRAPH}__sent_0-",
    f"{PARAGRAPH}__sent_0-3",
    f"{PARAGRAPH}__sent_5-2",
    f"{PARAGRAPH}__sent_3-3",
    f"{PARAGRAPH}__sent_99-300000000",
    "%E4%B8%AD",
    "%ZZ",  # not decodable
    "-",
    "__proto__",
    "constructor",
])
def test_a_malformed_fragment_is_ignored_without_an_exception(browser, fragment):
    _load(browser, fragment)
    assert _in_range(browser) == []


def test_a_valid_range_still_highlights_exactly_its_sentences(browser):
    _load(browser, f"{PARAGRAPH}__sent_3-5")
    assert _in_range(browser) == [f"{PARAGRAPH}__sent_{n}" for n in (3, 4, 5)]
    assert not _notice_shown(browser)
