"""Accessibility: axe-core finds no serious or critical WCAG 2.2 AA violation, light and dark."""

from __future__ import annotations

import json
import os

import pytest

from tests.browser import browser, wait  # noqa: F401
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# gao-zhi-liang-fa-zhan: a term found in several years, with the trend table's year links.
PAGES = ["/", "/2024/", "/zh-hant/2024/", "/en/", "/en/2024/", "/glossary/", "/glossary/xin-zhi-sheng-chan-li/",
         "/glossary/gao-zhi-liang-fa-zhan/", "/en/glossary/", "/en/glossary/gao-zhi-liang-fa-zhan/", "/about/",
         "/compare/", "/compare/2022-2024/"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: .ci/run installs it with npm ci")
        pytest.skip("axe-core not installed (npm ci)")
    return AXE.read_text(encoding="utf-8")


def _load(browser, path: str, scheme: str) -> None:
    """``path`` loaded as a reader whose system prefers ``scheme`` meets it."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    # Material keeps the scheme a page showed in localStorage: leave the page
    # (which may write it again) and forget it, so the preference decides.
    browser.get("about:blank")
    browser.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": browser.base, "storageTypes": "local_storage"})
    browser.get(f"{browser.base}{path}")
    _shows(browser, scheme)


def _shows(browser, scheme: str) -> None:
    """The page shows ``scheme``. With nothing stored, Material's bundle sets it
    from the preference as it starts, which a busy machine may finish after
    the load event: waited for, not read once."""
    from selenium.common.exceptions import TimeoutException

    wanted = "slate" if scheme == "dark" else "default"
    script = "return document.body.getAttribute('data-md-color-scheme')"
    try:
        wait(browser, lambda: browser.execute_script(script) == wanted, 10)
    except TimeoutException:
        pass
    assert browser.execute_script(script) == wanted


def _axe(browser, axe_source, include: str | None = None) -> str:
    """The violations axe finds in the page (or in the element ``include`` selects), as JSON."""
    browser.execute_script(axe_source)
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        # Only the violations are collected: on the compare page, a fifth of axe's time.
        "axe.run(arguments[1] ? {include: [[arguments[1]]]} : document,"
        "        {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify(r.violations)),"
        "      e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));",
        TAGS, include)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(browser, axe_source, path):
    """Each page as it loads for a reader whose system prefers the light
    scheme, then after the reader switches to the dark one (Material's
    toggle): one load for both. A load in the dark preference is the search
    dialog's test below. The two reach the same colours because the scheme
    is Material's data-md-color-scheme alone: gwr.css and the scripts ask
    nothing of prefers-color-scheme."""
    try:
        _load(browser, path, "light")
        light = _axe(browser, axe_source)
        # The dark palette chosen as its toggle chooses it, without the
        # toggle's hover and focus, whose tooltip would be caught fading in.
        browser.execute_script("document.querySelector('form[data-md-component=palette] "
                               "input[data-md-color-scheme=slate]').click()")
        wait(browser, lambda: browser.execute_script(
            "return document.body.getAttribute('data-md-color-scheme')") == "slate")
        dark = _axe(browser, axe_source)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    _no_serious(light, "light")
    _no_serious(dark, "dark")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_dialog_with_results(browser, axe_source, scheme):
    """The search dialog open with results, what a reader of the search box
    meets, for each kind of query (发展: with "More results"). The page
    behind it is the report page checked above."""
    try:
        _load(browser, "/2024/", scheme)
        browser.execute_script("document.querySelector('.gwr-search-open').click()")
        for query in ("养老", "发展", "rural revitalization"):
            browser.execute_script(
                "const i = document.getElementById('gwr-search-input'); i.value = arguments[0];"
                "i.dispatchEvent(new Event('input'))", query)
            wait(browser, lambda query=query: browser.execute_script(
                "return document.querySelector('.gwr-search-results').getAttribute('data-query')") == query, 15)
            _no_serious(_axe(browser, axe_source, "dialog.gwr-search"), f"{scheme}, {query}")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def _no_serious(result: str, where: str) -> None:
    serious = [v for v in json.loads(result) if v["impact"] in ("serious", "critical")]
    report = [f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}; first: "
              f"{v['nodes'][0]['target'] if v['nodes'] else ''} {v['nodes'][0].get('failureSummary', '')[:200] if v['nodes'] else ''}"
              for v in serious]
    assert not serious, f"{where}:\n" + "\n".join(report)
