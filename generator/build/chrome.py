"""The chrome of a Traditional page, converted as its text is.

MkDocs and Material put the site name, the navigation, the labels and the
page title around each page. On a Traditional page these are converted as the
report is; the report itself, between the :data:`generator.writers.page.IN_SCRIPT` markers,
is converted already.

The chrome repeats from page to page, so each run of text is converted once,
and the runs of a build are kept in the project's cache
(``.cache/gwr/chrome.json``) under the conversion that made them and the code
that did. A build that reads its site from the cache converts from them and
never loads OpenCC: loading it and converting was a tenth of such a build of
the seed site. A run is non-ASCII text with the Latin letters and digits
joined to it (5G网络): OpenCC's phrases and the corrections hold nothing else,
so a run converts as it does inside the whole page. An edition whose
corrections hold other ASCII characters has its chrome converted whole.

A run never holds a line break, so the chrome converts line by line as it
does whole: a line of ASCII holds no run, and a line converted once is kept
for the pages after it, most of whose chrome lines are the same (the
navigation, the header, the footer). Matching the runs of every page was
0.27–0.29 s of CPU in a cached build of the seed site (a tenth of it); by
lines, 0.011–0.016 s.
"""

from __future__ import annotations

import json
import pathlib
import re

from generator.project import store
from generator.project.paths import CACHE_DIR
from generator.text.script_conversion import Converter
from generator.writers.page import IN_SCRIPT

_RUN = re.compile(r"[0-9A-Za-z]*(?:[^\x00-\x7f]+[0-9A-Za-z]*)+")
_FILE = "chrome.json"
_LINES = 100_000  # converted lines kept at most; then they are forgotten and made again


class Chrome:
    def __init__(self, root: pathlib.Path, conversion: tuple[str, tuple[tuple[str, str], ...]], lang: str):
        """``conversion``: the edition's OpenCC configuration and corrections
        (:attr:`generator.writers.page.Site.conversion`); ``lang``: the document language of a Traditional page."""
        self.root = root  # where the caches are
        self.path = root / CACHE_DIR / _FILE
        self.conversion = conversion
        self.converter = Converter(*conversion)
        self.lang = lang
        self.whole = any(c.isascii() and not c.isalnum() for simplified, _ in conversion[1] for c in simplified)
        self.key = store.fingerprint(conversion, store.package_digest())
        self.runs: dict[str, str] = self._read()
        self.used: set[str] = set()  # every run converted since this object was made
        self.lines: dict[str, str] = {}  # lines converted since then (their runs are in used)
        self.added = False

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            fresh = data["key"] == self.key and store.unchanged(tuple(map(tuple, data["libraries"])))
            return data["runs"] if fresh else {}
        except (OSError, ValueError, TypeError, KeyError):
            return {}

    def page(self, output: str) -> str:
        """A rendered page with its chrome converted and its language set."""
        before, _, rest = output.partition(IN_SCRIPT[0])
        inside, _, after = rest.partition(IN_SCRIPT[1])
        before = before.replace('<html lang="zh"', f'<html lang="{self.lang}"', 1)
        return self.convert(before) + inside + self.convert(after)

    def convert(self, text: str) -> str:
        if self.whole:
            return self.converter.convert(text)
        lines = text.split("\n")
        for k, line in enumerate(lines):
            if not line.isascii():
                converted = self.lines.get(line)
                if converted is None:
                    if len(self.lines) >= _LINES:
                        self.lines.clear()
                    converted = self.lines[line] = _RUN.sub(self._run, line)
                lines[k] = converted
        return "\n".join(lines)

    def _run(self, match: re.Match) -> str:
        run = match.group()
        self.used.add(run)
        converted = self.runs.get(run)
        if converted is None:
            converted = self.runs[run] = self.converter.convert(run)
            self.added = True
        return converted

    def save(self) -> None:
        """Keep the runs converted since this object was made (a `mkdocs
        serve` session's first build rendered every page), if any was new; a
        cache that cannot be written is no error."""
        if not self.added:
            return
        # OpenCC converted the new runs: the libraries now include it.
        data = {"key": self.key, "libraries": store.libraries(),
                "runs": {run: self.runs[run] for run in sorted(self.used)}}
        if store.write_file(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8")):
            self.added = False
