"""Headless Chromium for reader-level tests: a local server and a WebDriver."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@contextlib.contextmanager
def serve(directory, requests: list | None = None):
    """A local server for ``directory``; every path asked for is appended to
    ``requests`` (a page's and its web workers' alike)."""
    handler = functools.partial(_QuietHandler, directory=str(directory), requests=requests)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, requests=None, **kwargs):
        self.requests = requests
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def send_head(self):
        if self.requests is not None:
            self.requests.append(self.path)
        return super().send_head()


def chrome_driver(width: int = 1400, height: int = 1000, javascript: bool = True):
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver must be installed in CI (.ci/run does it)")
        pytest.skip("chromium / chromedriver not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # What the page's script policy refused, from its first script on (a
    # script DevTools adds is not subject to the policy).
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": (
        "window.gwrRefused = []; document.addEventListener('securitypolicyviolation', e => "
        "window.gwrRefused.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));")})
    return driver


def refused(driver) -> list[str]:
    """What the page's Content-Security-Policy refused since it loaded."""
    return driver.execute_script("return window.gwrRefused || ['the page did not load']")


@pytest.fixture(scope="module")
def browser(site):
    """A headless Chromium reading the built site, one per test module."""
    driver = chrome_driver()
    driver.requests = []  # every path the server was asked for
    with serve(site, driver.requests) as base:
        driver.base = base
        yield driver
    driver.quit()


def visit(driver, path: str, view: str | None = None) -> None:
    """``path`` as a reader arriving from elsewhere, who chose the report
    view ``view`` before (or nothing: localStorage emptied)."""
    driver.get(f"{driver.base}/404.html")
    driver.execute_script("localStorage.clear()")
    if view:
        driver.execute_script("localStorage.setItem('gwr-view', arguments[0])", view)
    driver.get(f"{driver.base}{path}")


def in_view(driver, anchor: str, css: bool = False) -> bool:
    """Whether the element of id ``anchor`` (of the selector, with ``css``) starts within the window."""
    return driver.execute_script(
        "const el = arguments[1] ? document.querySelector(arguments[0]) : document.getElementById(arguments[0]);"
        "const r = el.getBoundingClientRect();"
        "return r.top >= 0 && r.top < window.innerHeight && r.bottom > 0;", anchor, css)


def wait(driver, condition, timeout=5):
    from selenium.webdriver.support.ui import WebDriverWait

    # Asked every 50 ms, not Selenium's 500: most conditions hold within a frame
    # or two, and each half second waited was a second of the suite's two cores idle.
    WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition())


@contextlib.contextmanager
def emulated(driver, width: int, height: int, touch: bool = False, scale: int = 1):
    """The page seen in a window of ``width`` × ``height`` CSS px (a phone
    below 600: Chromium's own window is at least 500 px wide), with a touch
    screen and no hover where ``touch``; the desktop again after."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": width < 600})
    if touch:
        driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    try:
        yield driver
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        if touch:
            driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})

