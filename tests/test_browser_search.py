"""Searching, as a reader does it in headless Chromium: the real search box over the built Pagefind bundle."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser import browser  # noqa: F401
from tests.browser import wait as _wait

pytestmark = pytest.mark.browser


def _search(browser, query: str, page: str = "/2024/") -> list[dict]:
    """Type ``query`` into the search box of ``page``; the results as
    {group, href, pinpoint, snippet, marked}, in the order shown."""
    if not browser.current_url.startswith(f"{browser.base}{page}") or "#" in browser.current_url:
        browser.get(f"{browser.base}{page}")
    browser.execute_script("if (!document.querySelector('.gwr-search').open) document.querySelector('.gwr-search-open').click()")
    browser.execute_script(
        "const i = document.getElementById('gwr-search-input'); i.value = arguments[0];"
        "i.dispatchEvent(new Event('input'))", query)
    _wait(browser, lambda: browser.execute_script(
        "return document.querySelector('.gwr-search-results').getAttribute('data-query')") == query, timeout=15)
    return browser.execute_script("""
        return [...document.querySelectorAll('.gwr-search-results section')].flatMap(s =>
          [...s.querySelectorAll('a')].map(a => ({
            group: s.querySelector('h2').textContent,
            href: a.href.replace(location.origin, ''),
            pinpoint: a.querySelector('.gwr-search-pinpoint').textContent,
            snippet: a.querySelector('.gwr-search-snippet').textContent,
            marked: [...a.querySelectorAll('mark')].map(m => m.textContent)})));""")


def _api(site, year: int) -> dict[str, dict]:
    data = json.loads((site / "api" / f"{year}.json").read_text(encoding="utf-8"))
    return {b["id"]: b for b in data["blocks"]}


def _clauses(results):
    return [r for r in results if "/glossary/" not in r["href"]]


def _target(site, href: str) -> tuple[str, int, str]:
    """(script or 'en', year, anchor) of a result's link."""
    found = re.fullmatch(r"/(zh-hant/|en/)?(\d{4})/#(.+)", href)
    assert found, href
    return {"en/": "en", "zh-hant/": "hant"}.get(found.group(1) or "", "hans"), int(found.group(2)), found.group(3)


# Query → (the words the first clause must hold, glossary slug expected first or None).
CHINESE = {
    "新质生产力": ("新质生产力", "xin-zhi-sheng-chan-li"),
    "两个确立": ("两个确立", "liang-ge-que-li"),
    "养老": ("养老", None),
    "民生": ("民生", None),
    "以旧换新": ("以旧换新", "yi-jiu-huan-xin"),
    "就业": ("就业", None),
    "人工智能": ("人工智能", None),
}
ENGLISH = {
    "productivity": ("productivity", None),
    "rural revitalization": ("rural revitalization", "xiang-cun-zhen-xing"),
    "pension": ("pension", None),
    "food security": ("food security", None),
}


@pytest.mark.parametrize("query", CHINESE)
def test_a_chinese_query_finds_the_clause_and_the_term_first(browser, site, query):
    words, slug = CHINESE[query]
    results = _search(browser, query)
    if slug:
        assert results[0]["href"] == f"/glossary/{slug}/", results[0]
    clauses = _clauses(results)
    assert clauses, f"no clause found for {query}"
    script, year, anchor = _target(site, clauses[0]["href"])
    assert script == "hans"
    assert words in _api(site, year)[anchor]["text"]
    assert words in clauses[0]["marked"]
    # A Simplified reader never sees the Traditional edition of the same clause.
    assert all(_target(site, c["href"])[0] == "hans" for c in clauses)
    assert len({c["href"] for c in clauses}) == len(clauses)


@pytest.mark.parametrize("query", ENGLISH)
def test_an_english_query_finds_the_translation(browser, site, query):
    words, slug = ENGLISH[query]
    results = _search(browser, query)
    if slug:
        # An English hit opens the English edition, a term's page as a clause's.
        assert results[0]["href"] == f"/en/glossary/{slug}/", results[0]
    clauses = _clauses(results)
    script, year, anchor = _target(site, clauses[0]["href"])
    assert script == "en"
    assert words in _api(site, year)[anchor]["text_en"].lower()


def test_a_traditional_query_finds_the_traditional_page(browser, site):
    results = _search(browser, "銀髮經濟")
    assert results[0]["href"] == "/zh-hant/glossary/yin-fa-jing-ji/"
    clauses = _clauses(results)
    script, year, anchor = _target(site, clauses[0]["href"])
    assert script == "hant" and "銀髮經濟" in _api(site, year)[anchor]["text_hant"]


def test_on_a_traditional_page_results_are_traditional(browser, site):
    clauses = _clauses(_search(browser, "養老", page="/zh-hant/2024/"))
    assert clauses and all(_target(site, c["href"])[0] == "hant" for c in clauses)
    assert all("養老" in c["marked"] for c in clauses)
    # The snippet is the Traditional text the page shows (rebuilt in the browser from the character map).
    for clause in clauses:
        _, year, anchor = _target(site, clause["href"])
        assert clause["snippet"].strip("…") in _api(site, year)[anchor]["text_hant"]


def test_a_query_in_either_script_finds_the_same_clauses_in_its_own(browser, site):
    simplified = _clauses(_search(browser, "银发经济"))
    traditional = _clauses(_search(browser, "銀髮經濟"))
    assert [_target(site, c["href"])[1:] for c in simplified] == [_target(site, c["href"])[1:] for c in traditional]
    assert {_target(site, c["href"])[0] for c in simplified} == {"hans"}
    assert {_target(site, c["href"])[0] for c in traditional} == {"hant"}


def test_results_name_the_clause_and_group_by_report(browser):
    results = _clauses(_search(browser, "民生"))
    assert {r["group"] for r in results} == {"2024年政府工作报告", "2022年政府工作报告"}
    groups = [r["group"] for r in results]
    assert groups == sorted(groups, key=groups.index)  # each report's hits together
    assert any(r["pinpoint"] == "三（十）第1段" for r in results)


def test_a_hit_lands_on_its_clause_highlighted(browser):
    result = _clauses(_search(browser, "以旧换新"))[0]
    browser.execute_script("document.querySelector('.gwr-search-results a:not([href*=glossary])').click()")
    _wait(browser, lambda: browser.current_url.endswith(result["href"]))
    anchor = result["href"].split("#")[1]
    _wait(browser, lambda: browser.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return r.top >= 0 && r.top < innerHeight", anchor))
    assert not browser.execute_script("return document.querySelector('.gwr-search').open")
    assert browser.execute_script("return document.getElementById(arguments[0]).matches(':target')", anchor)


def test_an_english_hit_opens_the_english_edition_at_its_paragraph(browser):
    result = _clauses(_search(browser, "food security"))[0]
    browser.get(browser.base + result["href"])
    anchor = result["href"].split("#")[1]
    assert browser.current_url.endswith(f"/en/2024/#{anchor}")
    assert browser.execute_script("return document.documentElement.lang") == "en"
    _wait(browser, lambda: browser.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return r.top >= 0 && r.top < innerHeight", anchor))


@pytest.mark.parametrize("query, slug, clauses_in", [("rural revitalization", "xiang-cun-zhen-xing", "en"),
                                                     ("新质生产力", "xin-zhi-sheng-chan-li", "hans")])
def test_from_the_english_edition_a_term_opens_its_english_page(browser, site, query, slug, clauses_in):
    """Searched from an English page, the term comes first and opens its page
    in the English edition, whichever language the query is in. Clauses are found in
    the query's language: the texts hold no Latin letters, so a query is
    either English or Chinese."""
    results = _search(browser, query, "/en/2024/")
    assert results[0]["href"] == f"/en/glossary/{slug}/", results[0]
    assert results[0]["group"] == "Glossary"
    kinds = {_target(site, c["href"])[0] for c in _clauses(results)}
    assert kinds == {clauses_in}, kinds


def test_an_older_english_hit_address_still_opens_the_english(browser):
    """A link made before the English edition had its pages (?view=en) still
    shows the English, and keeps a clean address."""
    browser.get(browser.base + "/2024/?view=en#sec_3__item_1__para_2")
    _wait(browser, lambda: "view=" not in browser.current_url)
    assert browser.current_url.endswith("/2024/#sec_3__item_1__para_2")
    assert browser.execute_script("return document.querySelector('.gwr-report').dataset.view") in ("en", "both")


def test_more_results_load_ten_at_a_time_and_take_the_focus(browser):
    """A clause's data is a file of its own: a query fetches those it shows."""
    first = _clauses(_search(browser, "发展"))
    assert len(first) == 10
    status = browser.execute_script("return document.querySelector('.gwr-search-status').textContent")
    total = int(status.split()[0])
    assert total > 10
    browser.execute_script("document.querySelector('.gwr-search-more').click()")
    _wait(browser, lambda: len(browser.execute_script(
        "return document.querySelectorAll('.gwr-search-results a:not([href*=\"/glossary/\"])')")) > 10)
    hrefs = browser.execute_script(
        "return [...document.querySelectorAll('.gwr-search-results a')].map(a => a.href.replace(location.origin, ''))")
    clauses = [h for h in hrefs if "/glossary/" not in h]
    assert clauses[:10] == [c["href"] for c in first] and len(set(clauses)) == len(clauses) == min(total, 20)
    # The focus is on the first clause just shown, so a keyboard reader goes on from there.
    focused = browser.execute_script("return document.activeElement.href.replace(location.origin, '')")
    assert focused == clauses[10]


def test_keyboard_opens_moves_and_closes(browser):
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{browser.base}/2024/")
    body = browser.find_element("tag name", "body")
    body.send_keys("/")
    _wait(browser, lambda: browser.execute_script("return document.activeElement.id") == "gwr-search-input")
    dialog = browser.execute_script("const d = document.querySelector('.gwr-search'); return [d.open, d.getAttribute('aria-label')]")
    assert dialog[0] and dialog[1]
    browser.switch_to.active_element.send_keys("养老")
    _wait(browser, lambda: browser.execute_script(
        "return document.querySelector('.gwr-search-results').getAttribute('data-query')") == "养老", timeout=15)
    browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert browser.execute_script("return document.activeElement.closest('.gwr-search-results') !== null")
    status = browser.execute_script("return document.querySelector('.gwr-search-status').textContent")
    assert re.match(r"\d+ ", status)
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    _wait(browser, lambda: not browser.execute_script("return document.querySelector('.gwr-search').open"))
    assert browser.execute_script("return document.activeElement.classList.contains('gwr-search-open')")
    body.send_keys("s")
    _wait(browser, lambda: browser.execute_script("return document.querySelector('.gwr-search').open"))


def test_the_first_view_fetches_nothing_of_the_index(browser):
    browser.execute_cdp_cmd("Network.clearBrowserCache", {})
    browser.requests.clear()
    browser.get(f"{browser.base}/2024/")
    _wait(browser, lambda: browser.execute_script("return !!document.querySelector('.gwr-search-open')"))
    browser.execute_script("document.querySelector('.gwr-search-open').click()")  # opening is not typing
    assert "/assets/search.js" in browser.requests  # the script that opens the search
    assert not [path for path in browser.requests if path.startswith("/pagefind/")]
    _search(browser, "养老")  # and a query does fetch it: the check above can fail
    assert [path for path in browser.requests if path.startswith("/pagefind/")]


def test_the_query_words_are_the_indexed_words(browser):
    """search.js cuts a query as generator/search.py cuts the text it indexes."""
    from generator.search.records import bigrams

    browser.get(f"{browser.base}/2024/")
    for text in ("发展银发经济", "税", "5G和GDP增长5.3%", "銀髮經濟 productivity", "“两个确立”"):
        assert browser.execute_script("return gwrBigrams(arguments[0]).join(' ')", text) == bigrams(text)
