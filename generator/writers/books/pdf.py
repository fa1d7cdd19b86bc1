"""HTML → PDF with headless Chromium, driven over the DevTools protocol.

Why Chromium and not WeasyPrint (README, "PDF and print", has the
measurements): Chromium justifies Chinese and breaks it by the CJK rules,
paginates the two-column rows (CSS grid) correctly, makes the outline
(``generateDocumentOutline``) and a tagged PDF itself, prints the seed
edition in about a second, and is already needed by the browser tests, so
the PDF adds no Python dependency. What it costs: Skia embeds OpenType/CFF
fonts (Noto CJK) as Type 3 fonts: outlines with a ToUnicode map, so the
text is still selectable and searchable, but not press-ready (PDF/X).

Chromium is spoken to on a pipe (``--remote-debugging-pipe``): JSON
messages ended by a NUL byte, written to its file descriptor 3 and read
from its descriptor 4. No WebSocket library, no port, nothing listening.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import pathlib
import select
import shutil
import subprocess
import tempfile
import time

from generator.diagnostics import GeneratorError

#: Where to look for the browser, first match wins; GWR_CHROMIUM overrides.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ENVIRONMENT = "GWR_CHROMIUM"
#: Seconds one DevTools call may take: a full report prints in a few.
TIMEOUT = 180
#: The flags the browser tests use too: the background-networking ones
#: because this machine's closed network refuses every such connection.
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions",
         "--remote-debugging-pipe")
#: A4 in inches, the unit of Page.printToPDF; the book's @page rule says A4 too.
A4 = (8.27, 11.69)


def _missing(message: str) -> GeneratorError:
    return GeneratorError.single("export pdf", None, message)


def _chromium() -> tuple[str | None, str]:
    """The browser's path, or None and what to do about it."""
    given = os.environ.get(ENVIRONMENT)
    if given:
        found = shutil.which(given)
        return found, "" if found else (f"{ENVIRONMENT}={given} is not an executable; point it at Chromium "
                                        "or Chrome, or unset it")
    found = next(filter(None, map(shutil.which, CANDIDATES)), None)
    return found, "" if found else (f"no Chromium to print with (Debian: apt-get install chromium; or set "
                                    f"{ENVIRONMENT} to the path of Chromium or Chrome)")


def _chinese_font() -> str:
    """Without a Chinese font Chromium prints empty boxes and says nothing: "" when
    there is one, else what to install. Asked of fontconfig, which Chromium on Linux uses."""
    if shutil.which("fc-list") is None:
        return ""  # not fontconfig's platform, or no tools: the browser knows its fonts
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    return "" if found.strip() else "no Chinese font (Debian: apt-get install fonts-noto-cjk)"


def cannot_print() -> str:
    """Why no PDF can be printed on this machine, naming what to install; "" when one can."""
    return "; ".join(filter(None, [_chromium()[1], _chinese_font()]))


def find_chromium() -> str:
    """The browser's path; an error saying what to install when there is none."""
    found, why = _chromium()
    if found is None:
        raise _missing(why)
    return found


def check_chinese_font() -> None:
    why = _chinese_font()
    if why:
        raise _missing(why)


class Chromium:
    """One headless browser for as many documents as the export prints."""

    def __init__(self, executable: str):
        self.folder = tempfile.TemporaryDirectory(prefix="gwr-pdf-")
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def descriptors():  # in the child: its fd 3 reads our messages, its fd 4 writes answers
            # Moved out of the way first: either end may itself be fd 3 or 4.
            reading, writing = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser))
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        # Its log goes to a file: a pipe nobody reads would fill and stall it.
        self.log = pathlib.Path(self.folder.name) / "chromium.log"
        try:
            with self.log.open("wb") as log:
                self.process = subprocess.Popen(
                    [executable, *FLAGS, f"--user-data-dir={self.folder.name}/profile", "about:blank"],
                    pass_fds=(3, 4), preexec_fn=descriptors,
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
        except OSError as exc:
            for fd in (to_browser, from_browser, self._write, self._read):
                os.close(fd)
            self.folder.cleanup()
            raise GeneratorError.single("export pdf", None, f"cannot start {executable} ({exc.strerror}); "
                                                            f"install Chromium or point {ENVIRONMENT} at it") from None
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        self._events: list[dict] = []

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.call("Browser.close", timeout=10)
            except GeneratorError:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for fd in (self._write, self._read):
            try:
                os.close(fd)
            except OSError:
                pass
        self.folder.cleanup()

    def _failed(self, what: str) -> GeneratorError:
        """Chromium stopped or stalled: its last words say why, when it said any."""
        if self.process.poll() is None:
            self.process.kill()
        said = self.log.read_text(errors="replace").strip().splitlines()
        tail = f" (it said: {said[-1]})" if said else ""
        return GeneratorError.single("export pdf", None, f"Chromium {what}{tail}; run it again, or check that "
                                                         f"`{self.process.args[0]} --headless=new` starts here")

    def _message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise self._failed(f"did not answer within {TIMEOUT} s")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise self._failed("stopped")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = TIMEOUT) -> dict:
        """Send one command and wait for its answer; events that come first are kept."""
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._write, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise self._failed("stopped") from None
        deadline = time.monotonic() + timeout
        while True:
            answer = self._message(deadline)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise GeneratorError.single("export pdf", None, f"Chromium refused {method}: "
                                                                    f"{answer['error'].get('message')}")
                return answer.get("result", {})
            self._events.append(answer)

    def _wait_for(self, event: str, session: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while True:
            for index, seen in enumerate(self._events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    del self._events[index]
                    return
            self._events.append(self._message(deadline))

    def print_pdf(self, html_text: str, title: str = "document") -> bytes:
        """The PDF of one HTML document (everything it needs inline: no fetches)."""
        page = pathlib.Path(self.folder.name) / f"{title}.html"
        page.write_text(html_text, encoding="utf-8")
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            self.call("Page.enable", session=session)
            self.call("Page.navigate", {"url": page.as_uri()}, session=session)
            self._wait_for("Page.loadEventFired", session)
            # Fonts load lazily: printing before they are in would print fallbacks.
            self.call("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => true)",
                                           "awaitPromise": True}, session=session)
            result = self.call("Page.printToPDF", {
                "paperWidth": A4[0], "paperHeight": A4[1], "preferCSSPageSize": True, "printBackground": True,
                # The outline comes from the headings (report → part → task), and a
                # tagged PDF lets screen readers and reflowing viewers read it in order.
                "generateDocumentOutline": True, "generateTaggedPDF": True,
            }, session=session)
        finally:
            self.call("Target.closeTarget", {"targetId": target})
            page.unlink(missing_ok=True)
        return base64.b64decode(result["data"])


def export(project, out: str, year: int | None = None, script: str = "hans") -> list[tuple[pathlib.Path, int]]:
    """Write the book of the edition (or of ``year``) to ``out``, a file or a
    folder (:func:`book.planned`). Returns (path, bytes) of each file written."""
    from generator.writers.books import book  # the templates, only when a book is made

    loaded, wanted = book.planned(project, out, year, script, "pdf")
    executable = find_chromium()
    check_chinese_font()
    written = []
    with Chromium(executable) as browser:
        for path, chosen in wanted:
            data = browser.print_pdf(book.book_html(loaded, book.chosen_reports(loaded, chosen), script), path.stem)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append((path, len(data)))
    return written
