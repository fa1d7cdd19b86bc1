"""Headless Chromium, spoken to over the DevTools protocol on a pipe, and
printing HTML documents to PDF in it (:mod:`pdf` says why Chromium, and
what is done to the PDF it prints).

Chromium is spoken to on a pipe (``--remote-debugging-pipe``): JSON
messages ended by a NUL byte, written to its file descriptor 3 and read
from its descriptor 4. No WebSocket library, no port, nothing listening.

Where the time goes (Chromium 156, ``bench/bench_pdf.py``): nearly all of
it is ``Page.printToPDF``, and nearly all of that is CPU in Chromium's own
processes; the steps before it (navigate, the load event,
``document.fonts.ready``) take a fifth. Desktop Chromium always prints
through its print compositor (a utility process started per document):
the renderer lays the document out for print, paints the pages and
serializes them, with every typeface they use, *whole font file
included*, and the compositor turns that into PDF. The book's four CJK
faces are four Noto CJK collections of 20-27 MB, so every document pays
about 0.4 s of CPU before its first page (a one-line document in the four
faces: 0.7 s, in a Latin face: 0.15 s); then each page costs a few
hundredths. The outline and the tagged PDF cost a few per cent (kept);
font flags (``--font-render-hinting=none``, ``--disable-lcd-text``,
Fontations) change nothing measurable, and
``--disable-font-subpixel-positioning`` changes the layout. A new tab per
document costs a renderer's start and its warmed caches (about 0.4 s of
CPU a book: 8.6 s against 7.0 s for the seed set, one after the other), so
a tab is kept from one document to the next. What is left is
CPU, so the wall time falls only by using more cores: :func:`print_all`
prints as many documents at once as there are cores, each in its own tab
(its own renderer, its own compositor), the longest first. Two browsers
instead of two tabs cost a second browser's start (+30-45 % CPU) for nothing.
"""

from __future__ import annotations

import base64
import fcntl
import itertools
import json
import os
import pathlib
import select
import signal
import tempfile
import time
from collections.abc import Callable, Generator, Mapping

from generator.diagnostics import GeneratorError

#: The variable that names the browser to print with (:func:`pdf.find_chromium`).
ENVIRONMENT = "GWR_CHROMIUM"
#: Seconds one DevTools call may take: a full report prints in a few.
TIMEOUT = 180
#: The flags the browser tests use too: the background-networking ones
#: because this machine's closed network refuses every such connection.
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions",
         "--remote-debugging-pipe")
#: Documents printed at once, each in a tab of its own: one per core (the module's notes).
PARALLEL = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
#: A4 in inches, the unit of Page.printToPDF; the book's @page rule says A4 too.
A4 = (8.27, 11.69)


class _Process:
    """A program started with ``os.posix_spawn``, with ``fds`` (its number → ours)
    and its stderr to ``log``. Not subprocess.Popen: putting the pipe on fds 3
    and 4 there takes a ``preexec_fn``, which may deadlock the child when the
    caller has threads (and a caller may well print in a thread)."""

    def __init__(self, args: list[str], fds: dict[int, int], log: pathlib.Path):
        self.args = args
        self.returncode: int | None = None
        with open(os.devnull, "rb") as nothing_in, open(os.devnull, "wb") as nothing_out, log.open("wb") as err:
            given = {0: nothing_in.fileno(), 1: nothing_out.fileno(), 2: err.fileno(), **fds}
            # Each first copied above 9, so that no copy onto 0-4 overwrites another's source.
            high = {target: fcntl.fcntl(source, fcntl.F_DUPFD_CLOEXEC, 10) for target, source in given.items()}
            try:
                self.pid = os.posix_spawn(args[0], args, os.environ,
                                          file_actions=[(os.POSIX_SPAWN_DUP2, source, target)
                                                        for target, source in high.items()])
            finally:
                for source in high.values():
                    os.close(source)

    def poll(self) -> int | None:
        """Its exit code once it ended, else None."""
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped by someone else (SIGCHLD ignored)
                self.returncode = -1
            else:
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        """Its exit code, or None if it still runs after ``timeout`` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                return None
            time.sleep(0.02)
        return self.returncode

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)


class Chromium:
    """One headless browser, spoken to on a pipe. :meth:`print_all` prints
    documents in tabs that work at once; :meth:`call` sends one command."""

    def __init__(self, executable: str):
        self.folder = tempfile.TemporaryDirectory(prefix="gwr-pdf-")
        # Its log goes to a file: a pipe nobody reads would fill and stall it.
        self.log = pathlib.Path(self.folder.name) / "chromium.log"
        # Its first tab opens an empty page of the same site (file://) as the
        # documents, so that the renderer it starts is the one that prints them.
        self.start = pathlib.Path(self.folder.name) / "start.html"
        self.start.write_text("<!DOCTYPE html><title></title>", encoding="utf-8")
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()
        try:  # its fd 3 reads our messages, its fd 4 writes answers
            self.process = _Process([executable, *FLAGS, f"--user-data-dir={self.folder.name}/profile",
                                     self.start.as_uri()], {3: to_browser, 4: from_browser}, self.log)
        except OSError as exc:
            for fd in (self._write, self._read):
                os.close(fd)
            self.folder.cleanup()
            raise GeneratorError.single("export pdf", None, f"cannot start {executable} ({exc.strerror}); "
                                                            f"install Chromium or point {ENVIRONMENT} at it") from None
        finally:
            os.close(to_browser)
            os.close(from_browser)
        if hasattr(fcntl, "F_SETPIPE_SZ"):  # Linux: a PDF is megabytes, read in 1 MiB, not 64 KiB
            try:
                fcntl.fcntl(self._read, fcntl.F_SETPIPE_SZ, 1 << 20)
            except OSError:
                pass  # over /proc/sys/fs/pipe-max-size: the default, then
        self._partial: list[bytes] = []  # the message being read, so far
        self._next = 0
        self._answers: dict[int, dict] = {}
        self._events: list[dict] = []
        #: Per document, the seconds each step took (:data:`STEPS`), for the bench.
        self.timings: dict[str, dict[str, float]] = {}
        self._tabs: list[_Tab] = []  # kept for the next document: see _Tab
        self._pages = itertools.count(1)  # the documents' file names

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.call("Browser.close", timeout=10)
            except GeneratorError:
                pass
            if self.process.wait(timeout=10) is None:
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

    # --- the protocol: commands out, answers and events in ---------------------------

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        """Send one command without waiting; its answer is :meth:`answered` by this id."""
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._write, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise self._failed("stopped") from None
        return self._next

    def _receive(self) -> None:
        """Read what the browser has written (at least one byte: call when its pipe is
        readable) and file each whole message: answers by id, the events waited for."""
        chunk = os.read(self._read, 1 << 20)
        if not chunk:
            raise self._failed("stopped")
        *ended, rest = chunk.split(b"\0")
        if ended:  # a PDF comes in many reads: joined once, at its end
            ended[0] = b"".join([*self._partial, ended[0]])
            self._partial = []
        if rest:
            self._partial.append(rest)
        for raw in ended:
            message = json.loads(raw)
            if "id" in message:
                self._answers[message["id"]] = message
            elif message.get("method") in _EVENTS and \
                    _EVENTS[message["method"]] in (None, message.get("params", {}).get("name")):
                self._events.append(message)

    def answered(self, number: int) -> dict | None:
        """The result of command ``number`` once it came (None before); its error raised."""
        answer = self._answers.pop(number, None)
        if answer is None:
            return None
        if "error" in answer:
            raise GeneratorError.single("export pdf", None, f"Chromium refused a command: "
                                                            f"{answer['error'].get('message')}")
        return answer.get("result", {})

    def happened(self, method: str, session: str, **params) -> dict | None:
        """The parameters of event ``method`` in ``session`` with these ``params``, once it came."""
        for index, seen in enumerate(self._events):
            if seen["method"] == method and seen.get("sessionId") == session and \
                    all(seen["params"].get(key) == value for key, value in params.items()):
                del self._events[index]
                return seen["params"]
        return None

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = TIMEOUT) -> dict:
        """Send one command and wait for its answer."""
        def one():
            return (yield _Step(self, self.send(method, params, session)))

        return _drive([self], [one()], timeout)[0]

    def wait_for(self, method: str, session: str, timeout: float = TIMEOUT, **params) -> dict:
        """Wait for event ``method`` (one of :data:`_EVENTS`) in ``session`` with these ``params``."""
        def one():
            return (yield _Step(self, event=method, session=session, **params))

        return _drive([self], [one()], timeout)[0]

    # --- printing -------------------------------------------------------------------

    def print_all(self, documents: Mapping[str, str], parallel: int = PARALLEL,
                  finish: Callable[[str, bytes], bytes] | None = None) -> dict[str, bytes]:
        """Name → PDF of each HTML document (everything it needs inline: no
        fetches), ``parallel`` of them at once, each in a tab of its own that
        then prints the next one. Each PDF is passed through ``finish(name,
        PDF)`` as soon as it is printed, while the other tabs print on (the
        browser works in processes of its own)."""
        wanted = max(1, min(parallel, len(documents)))
        if len(self._tabs) < wanted:
            first = [target["targetId"] for target in self.call("Target.getTargets")["targetInfos"]
                     if target["type"] == "page" and not target.get("attached")]
            while len(self._tabs) < wanted:
                self._tabs.append(_Tab(self, first.pop() if first else None))
        return _print(self._tabs[:wanted], documents, finish or (lambda name, data: data))

    def print_pdf(self, html_text: str, title: str = "document") -> bytes:
        """The PDF of one HTML document, as Chromium printed it."""
        return self.print_all({title: html_text}, parallel=1)[title]


#: The events the printing waits for (method → the name in its parameters, or
#: None for any); the browser's other events are dropped as they come.
_EVENTS = {"Page.lifecycleEvent": "load"}
#: What :attr:`Chromium.timings` holds for each document, in order.
STEPS = ("navigate", "load", "fonts", "print")


class _Step:
    """What a printing waits for: the answer to a command, or an event."""

    def __init__(self, browser: Chromium, number: int | None = None, event: str = "", session: str = "",
                 **params):
        self.browser, self.number, self.event, self.session, self.params = browser, number, event, session, params

    def done(self) -> dict | None:
        if self.number is not None:
            return self.browser.answered(self.number)
        return self.browser.happened(self.event, self.session, **self.params)


def _drive(browsers: list[Chromium], works: list[Generator], timeout: float = TIMEOUT) -> list:
    """Run ``works`` side by side and return what each returns. A work is a
    generator that yields the :class:`_Step` it waits for and is sent what came;
    while none of them can go on, the browsers' pipes are read."""
    by_fd = {browser._read: browser for browser in browsers}
    results: list = [None] * len(works)
    waiting: dict[int, _Step] = {}

    def advance(index: int, value) -> None:
        try:
            waiting[index] = works[index].send(value)
        except StopIteration as finished:
            results[index] = finished.value
            waiting.pop(index, None)

    for index in range(len(works)):
        advance(index, None)
    deadline = time.monotonic() + timeout
    while waiting:
        came = [(index, value) for index, step in list(waiting.items()) if (value := step.done()) is not None]
        for index, value in came:
            advance(index, value)
        if came:
            deadline = time.monotonic() + timeout
            continue
        left = deadline - time.monotonic()
        ready = select.select(list(by_fd), [], [], left)[0] if left > 0 else []
        if not ready:
            raise next(iter(waiting.values())).browser._failed(f"did not answer within {timeout:.0f} s")
        for fd in ready:
            by_fd[fd]._receive()
    return results


class _Tab:
    """One target (a tab) and its session, kept for document after document:
    a new tab costs a renderer's start and its fonts looked up again."""

    def __init__(self, browser: Chromium, target: str | None = None):
        """The tab ``target`` (the browser's first), else a new one."""
        self.browser = browser
        self.target = target or browser.call("Target.createTarget", {"url": browser.start.as_uri()})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        browser.call("Page.enable", session=self.session)
        # Lifecycle events name their navigation (loaderId): a load is matched to
        # the document it loaded, never to the tab's previous one.
        browser.call("Page.setLifecycleEventsEnabled", {"enabled": True}, session=self.session)

    def printing(self, name: str, html_text: str):
        """A generator (:func:`_drive`) that prints ``html_text`` and returns the PDF."""
        browser, session = self.browser, self.session
        timings = browser.timings[name] = {}
        page = pathlib.Path(browser.folder.name) / f"{next(browser._pages)}.html"
        page.write_text(html_text, encoding="utf-8")
        try:
            start = time.perf_counter()
            navigated = yield _Step(browser, browser.send("Page.navigate", {"url": page.as_uri()}, session))
            if navigated.get("errorText"):
                raise GeneratorError.single("export pdf", None, f"Chromium could not open {name}: "
                                                                f"{navigated['errorText']}")
            timings["navigate"] = (now := time.perf_counter()) - start
            yield _Step(browser, event="Page.lifecycleEvent", session=session, name="load",
                        loaderId=navigated.get("loaderId"))
            timings["load"] = (start := time.perf_counter()) - now
            # Fonts load lazily: printing before they are in would print fallbacks.
            yield _Step(browser, browser.send("Runtime.evaluate", {
                "expression": "document.fonts.ready.then(() => true)", "awaitPromise": True}, session))
            timings["fonts"] = (now := time.perf_counter()) - start
            result = yield _Step(browser, browser.send("Page.printToPDF", {
                "paperWidth": A4[0], "paperHeight": A4[1], "preferCSSPageSize": True, "printBackground": True,
                # The outline comes from the headings (report → part → task), and a
                # tagged PDF lets screen readers and reflowing viewers read it in order.
                "generateDocumentOutline": True, "generateTaggedPDF": True,
            }, session))
            timings["print"] = time.perf_counter() - now
        finally:
            page.unlink(missing_ok=True)
        return base64.b64decode(result["data"])


def _print(tabs: list[_Tab], documents: Mapping[str, str], finish: Callable[[str, bytes], bytes]) -> dict[str, bytes]:
    """Print ``documents`` in ``tabs``, side by side: each tab takes the next
    document as soon as it is done with one, and finishes the one it printed."""
    # The longest first: the short ones then fill in beside them.
    waiting = iter(sorted(documents.items(), key=lambda item: -len(item[1])))
    printed: dict[str, bytes] = {}

    def tab_work(tab: _Tab):
        for name, html_text in waiting:  # shared: a tab takes the next one when it is free
            printed[name] = finish(name, (yield from tab.printing(name, html_text)))

    _drive(list({id(tab.browser): tab.browser for tab in tabs}.values()), [tab_work(tab) for tab in tabs])
    return {name: printed[name] for name in documents}


