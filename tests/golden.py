"""Golden files: compare output with a committed fixture, or rewrite it.

After an intended change, rewrite the goldens it touches, then review their
diff like any other change::

    GWR_UPDATE_GOLDEN=1 make test                         # every golden
    GWR_UPDATE_GOLDEN='render/2099.hant.html' make test   # one golden
    GWR_UPDATE_GOLDEN='render/*,traditional/*' make test  # several, by pattern

Patterns are shell-style (``*``, ``?``), comma-separated, and match a
golden's path under ``tests/fixtures/`` or its file name alone; goldens that
no pattern matches are still compared, so an unintended change elsewhere
still fails. A mismatch shows the whole unified diff.

:func:`pretty_html` gives HTML goldens one element per line, so a reader can
follow them and a diff shows the element that changed.
"""

from __future__ import annotations

import difflib
import fnmatch
import html
import html.parser
import os
import pathlib

from tests.conftest import FIXTURES

_UPDATE = os.environ.get("GWR_UPDATE_GOLDEN", "")


def _to_update(path: pathlib.Path) -> bool:
    if _UPDATE == "1":
        return True
    try:
        shown = path.resolve().relative_to(FIXTURES).as_posix()
    except ValueError:
        shown = path.name
    return any(fnmatch.fnmatch(shown, p) or fnmatch.fnmatch(path.name, p)
               for p in (p.strip() for p in _UPDATE.split(",")) if p)


def assert_golden(path: pathlib.Path, actual: str) -> None:
    if _to_update(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        raise AssertionError(f"{path} does not exist; create it with GWR_UPDATE_GOLDEN='{path.name}' make test")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=str(path), tofile="actual", n=2,
        ))
        raise AssertionError(
            f"output differs from golden file {path} "
            f"(if the change is intended: GWR_UPDATE_GOLDEN='{path.name}' make test):\n{diff}"
        )


# --- HTML, one element per line ---------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Tree(html.parser.HTMLParser):
    """Elements as [start tag, children]; text as str."""

    def __init__(self):
        super().__init__()
        self.root: list = ["", []]
        self._stack = [self.root]

    def handle_starttag(self, tag, attrs):
        shown = "".join(f" {k}" if v is None else f' {k}="{html.escape(v)}"' for k, v in attrs)
        node = [f"<{tag}{shown}>", []]
        self._stack[-1][1].append(node)
        if tag not in _VOID:
            self._stack.append(node)

    def handle_endtag(self, tag):
        while len(self._stack) > 1:
            if self._stack.pop()[0].startswith(f"<{tag}"):
                break

    def handle_data(self, data):
        # Whitespace at the edges of a text is layout; inside it, it shows as one space.
        text = " ".join(html.escape(data, quote=False).split())
        if text:
            self._stack[-1][1].append(text)


def _lines(node, depth: int, out: list[str]) -> None:
    start, children = node
    pad = "  " * depth
    tag = start[1:].split(">")[0].split(" ")[0]
    if tag in _VOID:
        out.append(pad + start)
    elif all(isinstance(c, str) for c in children):
        out.append(f"{pad}{start}{' '.join(children)}</{tag}>")
    else:
        out.append(pad + start)
        for child in children:
            if isinstance(child, str):
                out.append("  " * (depth + 1) + child)
            else:
                _lines(child, depth + 1, out)
        out.append(f"{pad}</{tag}>")


def pretty_html(text: str) -> str:
    """HTML with every element on its own line, indented by depth; an element
    holding only text stays on one line. Text loses the whitespace at its
    edges, so a line break in the output is not a space on the page."""
    tree = _Tree()
    tree.feed(text)
    tree.close()
    out: list[str] = []
    for child in tree.root[1]:
        if isinstance(child, str):
            out.append(child)
        else:
            _lines(child, 0, out)
    return "\n".join(out) + "\n"
