"""Anchor permanence: a committed registry of every published anchor.

``source_texts/anchors.lock`` lists ``YEAR ANCHOR`` for every anchor that has
ever been published. Lines are only ever added (``python -m generator lock``).
When a change to the text or to the parser would make an anchor disappear, the
build fails and names it, unless the registry maps it to a successor with
``YEAR OLD -> NEW``; the page then sends visitors of the old link to the new
one (see :func:`redirects`).
"""

from __future__ import annotations

import dataclasses
import re

from .diagnostics import Diagnostics

HEADER = """\
# Every anchor ever published on the site, one `YEAR ANCHOR` per line.
# Written by `python -m generator lock`, which only ever adds lines; commit it.
# Never delete a line: a build that would drop a listed anchor fails.
# To retire an anchor, map it to its successor: `YEAR OLD -> NEW`.
"""

_LINE = re.compile(r"^(\d{4})\s+([A-Za-z0-9_]+)(?:\s*->\s*([A-Za-z0-9_]+))?\s*$")


@dataclasses.dataclass
class Lock:
    #: year → anchor → successor (None while the anchor is live)
    entries: dict[int, dict[str, str | None]]
    lines: dict[tuple[int, str], int]
    path: str

    def successor(self, year: int, anchor: str, live: set[str]) -> str | None:
        """Follow ``->`` links until a live anchor; None if the chain breaks or loops."""
        seen = {anchor}
        target = self.entries.get(year, {}).get(anchor)
        while target is not None and target not in live:
            if target in seen:
                return None
            seen.add(target)
            target = self.entries.get(year, {}).get(target)
        return target


def parse_lock(text: str, path: str, diagnostics: Diagnostics) -> Lock:
    lock = Lock({}, {}, path)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            diagnostics.error(path, number, f"cannot read {line!r}; expected `YEAR ANCHOR` or `YEAR OLD -> NEW`")
            continue
        year, anchor, successor = int(match.group(1)), match.group(2), match.group(3)
        entries = lock.entries.setdefault(year, {})
        if anchor in entries:
            first = lock.lines[(year, anchor)]
            diagnostics.error(path, number, f"{year} {anchor} is already listed on line {first}; "
                                            "keep one line per anchor (with its successor, if it has one)")
            continue
        entries[anchor] = successor
        lock.lines[(year, anchor)] = number
    return lock


def verify(lock: Lock, current: dict[int, list[str]], diagnostics: Diagnostics, skip: set[int] = frozenset()) -> None:
    """Every registered anchor must still exist or have a live successor.

    Years in ``skip`` failed to load; their own errors say why, and listing
    every anchor of them as lost would only bury those errors.
    """
    for year, entries in sorted(lock.entries.items()):
        if year in skip:
            continue
        live = set(current.get(year, ()))
        lost = []
        for anchor, successor in entries.items():
            line = lock.lines[(year, anchor)]
            if anchor in live:
                if successor is not None:
                    diagnostics.warning(lock.path, line,
                                        f"{year} {anchor} is live again; remove `-> {successor}` from its line")
                continue
            if successor is None:
                lost.append((line, anchor))
            elif lock.successor(year, anchor, live) is None:
                diagnostics.error(lock.path, line,
                                  f"{year} {anchor} maps to {successor}, which is not on the {year} page; "
                                  "map it to an anchor that exists")
        for line, anchor in lost:
            diagnostics.error(
                lock.path, line,
                f"published anchor {year} #{anchor} would be lost. Links to it exist in the wild: "
                f"restore the text it names, or map it to its successor with `{year} {anchor} -> NEW_ANCHOR`",
            )
    for year, anchors in sorted(current.items()):
        missing = [a for a in anchors if a not in lock.entries.get(year, {})]
        if missing:
            diagnostics.warning(
                lock.path, None,
                f"{len(missing)} anchors of {year} are not registered yet (first: {missing[0]}); "
                "run `python -m generator lock` and commit the lock file",
            )


def additions(lock: Lock, current: dict[int, list[str]]) -> list[str]:
    """Lines registering every current anchor the lock does not list yet."""
    return [f"{year} {anchor}" for year in sorted(current) for anchor in current[year]
            if anchor not in lock.entries.get(year, {})]


def appended_text(text: str, lines: list[str]) -> str:
    """The lock file's text with ``lines`` appended: existing lines are never touched."""
    if not text.strip():
        text = HEADER
    if not text.endswith("\n"):
        text += "\n"
    return text + "".join(f"{line}\n" for line in lines)


def redirects(lock: Lock, year: int, live: list[str]) -> dict[str, str]:
    """Retired anchor → live successor, for the page's alias elements and script."""
    live_set = set(live)
    result = {}
    for anchor, successor in lock.entries.get(year, {}).items():
        if successor is not None and anchor not in live_set:
            target = lock.successor(year, anchor, live_set)
            if target:
                result[anchor] = target
    return result
