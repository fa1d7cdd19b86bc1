"""Accessibility: axe-core finds no serious or critical WCAG 2.2 AA violation, light and dark."""

from __future__ import annotations

import json
import os

import pytest

from tests.browser import browser, wait  # noqa: F401
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["/", "/2024/", "/zh-hant/2024/", "/glossary/", "/glossary/xin-zhi-sheng-chan-li/", "/about/", "/compare/",
         "/compare/2022-2024/"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: .ci/run installs it with npm ci")
        pytest.skip("axe-core not installed (npm ci)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(browser, axe_source, path, scheme, query=None):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    try:
        # Material keeps the scheme a page showed in localStorage: leave the
        # page (which may write it again) and forget it before the next loads,
        # so the emulated preference decides.
        browser.get("about:blank")
        browser.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": browser.base, "storageTypes": "local_storage"})
        browser.get(f"{browser.base}{path}")
        shown = browser.execute_script(
            "return document.body.getAttribute('data-md-color-scheme')")
        assert shown == ("slate" if scheme == "dark" else "default")
        if query:
            # The search dialog, open with results: what a reader of the search box meets.
            browser.execute_script(
                "document.querySelector('.gwr-search-open').click();"
                "const i = document.getElementById('gwr-search-input'); i.value = arguments[0];"
                "i.dispatchEvent(new Event('input'))", query)
            wait(browser, lambda: browser.execute_script(
                "return document.querySelector('.gwr-search-results').getAttribute('data-query')") == query, 15)
        browser.execute_script(axe_source)
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            # Only the violations are collected: on the compare page, a fifth of axe's time.
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));",
            TAGS)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    _no_serious(result)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("query", ["养老", "发展", "rural revitalization"])  # 发展: with "More results"
def test_the_search_dialog_with_results(browser, axe_source, query, scheme):
    test_no_serious_accessibility_violation(browser, axe_source, "/2024/", scheme, query)


def _no_serious(result: str) -> None:
    serious = [v for v in json.loads(result) if v["impact"] in ("serious", "critical")]
    report = [f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}; first: "
              f"{v['nodes'][0]['target'] if v['nodes'] else ''} {v['nodes'][0].get('failureSummary', '')[:200] if v['nodes'] else ''}"
              for v in serious]
    assert not serious, "\n".join(report)
