"""The chrome of a Traditional page, in Traditional.

MkDocs and Material put the site name, the navigation, the labels and the
page title around each page. On a Traditional page these are converted as the
report is; the report itself, between the :data:`output.IN_SCRIPT` markers,
is converted already.

The chrome repeats from page to page, so each run of non-ASCII text is
converted once, and the runs of a build are kept in the project's cache
(``.cache/gwr/chrome.json``) under the conversion that made them. A build
that reads its site from the cache converts from them and never loads
OpenCC: loading it and converting was a tenth of such a build of the seed
site. OpenCC's phrases are Chinese, and a correction never holds a Latin
letter or a tag, so a run converts as it does inside the whole page.
"""

from __future__ import annotations

import json
import pathlib
import re
from importlib import metadata

from .output import CACHE_DIR, IN_SCRIPT
from .script_conversion import Converter

_RUN = re.compile(r"[^\x00-\x7f]+")
_FILE = "chrome.json"


class Chrome:
    def __init__(self, root: pathlib.Path, conversion: tuple[str, tuple[tuple[str, str], ...]], lang: str):
        """``conversion``: the edition's OpenCC configuration and corrections
        (:attr:`output.Site.conversion`); ``lang``: the document language of a Traditional page."""
        self.path = root / CACHE_DIR / _FILE
        self.conversion = conversion
        self.converter = Converter(*conversion)
        try:
            version = metadata.version("OpenCC")
        except metadata.PackageNotFoundError:
            version = ""
        self.key = json.dumps([version, conversion[0], conversion[1]], ensure_ascii=False)
        self.lang = lang
        self.runs: dict[str, str] = self._read()
        self.used: set[str] = set()
        self.added = False

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data["runs"] if isinstance(data, dict) and data.get("key") == self.key else {}

    def page(self, output: str) -> str:
        """A rendered page with its chrome converted and its language set."""
        before, _, rest = output.partition(IN_SCRIPT[0])
        inside, _, after = rest.partition(IN_SCRIPT[1])
        before = before.replace('<html lang="zh"', f'<html lang="{self.lang}"', 1)
        return self.convert(before) + inside + self.convert(after)

    def convert(self, text: str) -> str:
        return _RUN.sub(self._run, text)

    def _run(self, match: re.Match) -> str:
        run = match.group()
        self.used.add(run)
        converted = self.runs.get(run)
        if converted is None:
            converted = self.runs[run] = self.converter.convert(run)
            self.added = True
        return converted

    def save(self) -> None:
        """Keep the runs this build used for the next, if it converted any anew;
        a cache that cannot be written is no error."""
        if not self.added:
            return
        data = {"key": self.key, "runs": {run: self.runs[run] for run in sorted(self.used)}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            return
        self.added = False
        self.used = set()
