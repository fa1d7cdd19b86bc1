"""Anchor permanence: a committed registry of every published anchor and its words.

``source_texts/anchors.lock`` holds one line for every anchor ever published,
with a fingerprint of the text it named and the opening of that text::

    2024 sec_3__item_1__para_2 9f2c1a0b3d4e 坚持推进高端化、智能化

Lines are only ever added (``python -m generator lock``). A build fails, and
names the anchor and its line, when a change to a text, to the metadata or to
the parser would make a published anchor disappear or name other words. There
are two ways out, both recorded by appending a line, so the lock is also the
history of every anchor:

* the clause moved: ``YEAR OLD -> NEW``; visitors of the old link are sent to
  the new one (see :func:`redirects`);
* the same clause was corrected: ``lock --amend YEAR ANCHOR --reason …``
  appends ``YEAR ANCHOR amended DATE FINGERPRINT OPENING | REASON``; the page
  and the open data show the dated note.

Lines written before fingerprints existed (``YEAR ANCHOR``) still read;
``lock --migrate`` adds the fingerprint to each, once, changing no anchor.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping, Set

from generator.diagnostics import Diagnostics
from generator.model import Item, Paragraph, Report, Section
from generator.sources.translation import fingerprint as _fingerprint

HEADER = """\
# Every anchor ever published on the site, with a fingerprint and the opening
# of the words it names: `YEAR ANCHOR FINGERPRINT OPENING`. Written by
# `python -m generator lock`, which only ever adds lines; commit it.
# Never delete a line: a build in which a listed anchor is gone or names other
# words fails. A clause that moved: `YEAR OLD -> NEW`. The same clause,
# corrected: `python -m generator lock --amend YEAR ANCHOR --reason "…"`.
"""

_ANCHOR = r"[A-Za-z0-9_]+"
_REGISTERED = re.compile(rf"^(\d{{4}})\s+({_ANCHOR})(?:\s+([0-9a-f]{{12}})(?:\s+(\S+))?)?\s*$")
_MAPPED = re.compile(rf"^(\d{{4}})\s+({_ANCHOR})\s*->\s*({_ANCHOR})\s*$")
_AMENDED = re.compile(rf"^(\d{{4}})\s+({_ANCHOR})\s+amended\s+(\d{{4}}-\d\d-\d\d)"
                      rf"\s+([0-9a-f]{{12}})\s+(\S+)\s*\|\s*(.+)$")
OPENING = 12  # characters of the text kept beside its fingerprint


def fingerprint(text: str) -> str:
    """Of the words an anchor names: normalized Simplified, whitespace removed."""
    return _fingerprint("".join(text.split()))


def opening(text: str) -> str:
    words = "".join(text.split())
    return words[:OPENING] + ("…" if len(words) > OPENING else "") if words else "∅"


def texts(report: Report) -> dict[str, str]:
    """Anchor → the words it names, in document order: a part its heading (empty
    when the excerpt lacks it), a task its title, a paragraph or sentence its text."""
    out: dict[str, str] = {}
    for node in report.nodes():
        if isinstance(node, Section):
            out[node.id] = node.heading or ""
        elif isinstance(node, Item):
            out[node.id] = node.title
        elif isinstance(node, Paragraph):
            out[node.id] = node.text
            out.update((s.id, s.text) for s in node.sentences)
    return out


@dataclasses.dataclass(frozen=True)
class Words:
    """What an anchor named, as of one line of the lock."""

    fingerprint: str
    opening: str
    line: int
    date: str | None = None  # set on an amendment
    reason: str | None = None


@dataclasses.dataclass(frozen=True)
class Amendment(Words):
    """The words of an amendment line, which always has its date and reason."""

    date: str
    reason: str


@dataclasses.dataclass
class Lock:
    #: year → anchor → successor (None while the anchor is live)
    entries: dict[int, dict[str, str | None]]
    lines: dict[tuple[int, str], int]
    path: str
    #: (year, anchor) → what it named: registration first, then each amendment.
    words: dict[tuple[int, str], list[Words]] = dataclasses.field(default_factory=dict)
    #: The (year, anchor) pairs with an amendment line: few, looked up per page.
    amended: set[tuple[int, str]] = dataclasses.field(default_factory=set)
    #: (year, anchor) → the line of its move (``YEAR OLD -> NEW``).
    moves: dict[tuple[int, str], int] = dataclasses.field(default_factory=dict)

    def successor(self, year: int, anchor: str, live: set[str]) -> str | None:
        """Follow ``->`` links until a live anchor; None if the chain breaks or loops."""
        return successor(self.entries.get(year, {}), anchor, live)

    def amendments(self, year: int) -> dict[str, list[Amendment]]:
        """Anchor → its amendments, for the page's dated notes and the open data."""
        return {anchor: [w for w in self.words[(y, anchor)] if isinstance(w, Amendment)]
                for y, anchor in sorted(self.amended) if y == year}


def parse_lock(text: str, path: str, diagnostics: Diagnostics) -> Lock:
    lock = Lock({}, {}, path)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if match := _AMENDED.match(line):
            year, anchor = int(match.group(1)), match.group(2)
            if (year, anchor) not in lock.lines:
                diagnostics.error(path, number, f"{year} {anchor} is amended before it is registered; "
                                                "an amendment follows the anchor's own line")
                continue
            lock.words.setdefault((year, anchor), []).append(
                Amendment(match.group(4), match.group(5), number, match.group(3), match.group(6).strip()))
            lock.amended.add((year, anchor))
        elif match := _MAPPED.match(line):
            year, anchor, successor = int(match.group(1)), match.group(2), match.group(3)
            entries = lock.entries.setdefault(year, {})
            if entries.get(anchor) is not None:
                first = lock.lines[(year, anchor)]
                diagnostics.error(path, number, f"{year} {anchor} is already listed on line {first}, mapped to "
                                                f"{entries[anchor]}; an anchor moves once: map the successor instead")
                continue
            entries[anchor] = successor
            lock.lines.setdefault((year, anchor), number)
            lock.moves[(year, anchor)] = number
        elif match := _REGISTERED.match(line):
            year, anchor = int(match.group(1)), match.group(2)
            entries = lock.entries.setdefault(year, {})
            if (year, anchor) in lock.lines:
                first = lock.lines[(year, anchor)]
                diagnostics.error(path, number, f"{year} {anchor} is already listed on line {first}; "
                                                "keep one line per anchor (amendments and moves aside)")
                continue
            entries[anchor] = None
            lock.lines[(year, anchor)] = number
            if match.group(3):
                lock.words[(year, anchor)] = [Words(match.group(3), match.group(4) or "", number)]
        else:
            diagnostics.error(path, number, f"cannot read {line!r}; expected `YEAR ANCHOR FINGERPRINT OPENING`, "
                                            "`YEAR OLD -> NEW` or an amendment written by `lock --amend`")
    return lock


def verify(lock: Lock, current: dict[int, dict[str, str]], diagnostics: Diagnostics,
           skip: Set[int] = frozenset()) -> None:
    """Every registered anchor must still exist and name the same words, or have a live successor.

    ``current``: year → anchor → text (:func:`texts`). Years in ``skip``
    failed to load; their own errors say why, and listing every anchor of
    them as lost would only bury those errors.
    """
    drifted = 0
    unprinted = 0
    for year, entries in sorted(lock.entries.items()):
        if year in skip:
            continue
        now = current.get(year, {})
        live = set(now)
        lost = []
        for anchor, successor in entries.items():
            line = lock.lines[(year, anchor)]
            if successor is not None and anchor in live:
                # A move of an anchor still on the page is never followed, and must
                # not excuse its words from the check below.
                diagnostics.error(lock.path, lock.moves[(year, anchor)],
                                  f"{year} {anchor} maps to {successor}, but #{anchor} is still on the {year} "
                                  "page: a move is for an anchor that is gone from it, and this one would only "
                                  "hide what it names now. Remove this line")
            elif successor is not None:
                if lock.successor(year, anchor, live) is None:
                    diagnostics.error(lock.path, line,
                                      f"{year} {anchor} maps to {successor}, which is not on the {year} page; "
                                      "map it to an anchor that exists")
                continue
            if anchor not in live:
                lost.append((line, anchor))
                continue
            recorded = lock.words.get((year, anchor))
            if not recorded:
                unprinted += 1
                continue
            was = recorded[-1]
            if was.fingerprint != fingerprint(now[anchor]):
                drifted += 1
                is_now = opening(now[anchor])
                change = (f"it was “{was.opening}”, it is “{is_now}”" if is_now != was.opening else
                          f"it begins “{is_now}” as recorded, but the words further on differ (or the "
                          "fingerprint on this line was changed)")
                diagnostics.error(
                    lock.path, was.line,
                    f"published anchor {year} #{anchor} now names other words: {change}. Links to it in the "
                    "wild cite the old words. If this is the same clause corrected, run "
                    f"`python -m generator lock --amend {year} {anchor} --reason \"…\"`; if a paragraph was "
                    "added or removed before it, the anchors after it would all name other words: keep the "
                    "paragraphs as published (the metadata's split_after and join_after)",
                )
        for line, anchor in lost:
            diagnostics.error(
                lock.path, line,
                f"published anchor {year} #{anchor} would be lost. Links to it exist in the wild: "
                f"restore the text it names, or map it to its successor with `{year} {anchor} -> NEW_ANCHOR`",
            )
    if drifted > 1:
        diagnostics.info(lock.path, None, f"{drifted} published anchors now name other words (listed above); "
                                          "a paragraph added or removed shifts every anchor after it")
    if unprinted:
        diagnostics.info(lock.path, None, f"{unprinted} anchors have no fingerprint yet (a lock from before "
                                          "fingerprints); run `python -m generator lock --migrate` once")
    for year, anchors in sorted(current.items()):
        missing = [a for a in anchors if a not in lock.entries.get(year, {})]
        if missing:
            diagnostics.warning(
                lock.path, None,
                f"{len(missing)} anchors of {year} are not registered yet (first: {missing[0]}); "
                "run `python -m generator lock` and commit the lock file",
            )


def registration(year: int, anchor: str, text: str) -> str:
    return f"{year} {anchor} {fingerprint(text)} {opening(text)}"


def additions(lock: Lock, current: dict[int, dict[str, str]]) -> list[str]:
    """Lines registering every current anchor the lock does not list yet."""
    return [registration(year, anchor, text) for year in sorted(current) for anchor, text in current[year].items()
            if anchor not in lock.entries.get(year, {})]


def amendment(year: int, anchor: str, text: str, reason: str, date: datetime.date) -> str:
    reason = " ".join(reason.split())
    return f"{year} {anchor} amended {date.isoformat()} {fingerprint(text)} {opening(text)} | {reason}"


def migrated_text(text: str, lock: Lock, current: dict[int, dict[str, str]]) -> tuple[str, int]:
    """The lock's text with a fingerprint added to every line that lacks one and
    names a live anchor: the one change to existing lines, made once. No line
    is added, removed or given another anchor."""
    lines, changed = text.split("\n"), 0
    for (year, anchor), number in lock.lines.items():
        if (year, anchor) in lock.words or lock.entries[year][anchor] is not None:
            continue
        now = current.get(year, {})
        if anchor in now and _REGISTERED.match(lines[number - 1].strip()):
            lines[number - 1] = registration(year, anchor, now[anchor])
            changed += 1
    return "\n".join(lines), changed


def appended_text(text: str, lines: list[str]) -> str:
    """The lock file's text with ``lines`` appended: existing lines are never touched."""
    if not text.strip():
        text = HEADER
    if not text.endswith("\n"):
        text += "\n"
    return text + "".join(f"{line}\n" for line in lines)


def successor(entries: Mapping[str, str | None], anchor: str, live: set[str]) -> str | None:
    """Follow a year's ``->`` links from ``anchor`` to a live anchor; None if the chain breaks or loops."""
    seen = {anchor}
    target = entries.get(anchor)
    while target is not None and target not in live:
        if target in seen:
            return None
        seen.add(target)
        target = entries.get(target)
    return target


def redirects(entries: Mapping[str, str | None], live: list[str]) -> dict[str, str]:
    """Retired anchor → live successor, for the page's alias elements and
    script; ``entries`` is one year's lines of the lock."""
    live_set = set(live)
    result = {}
    for anchor, next_anchor in entries.items():
        if next_anchor is not None and anchor not in live_set:
            target = successor(entries, anchor, live_set)
            if target:
                result[anchor] = target
    return result
