"""The lock's own history: a published record is added to, never rewritten or removed.

:func:`generator.sources.anchor_lock.verify` checks the lock against the
texts; it cannot tell a record that was always there from one rewritten in
the same pull request as the text it names (both agree). Only the lock as it
was published can: ``python -m generator check --base REV`` reads the lock at
a git revision (the branch a pull request targets) and requires every record
of it, for each anchor in the order they were written, at the start of that
anchor's records now. What may follow them is what ``lock`` and ``lock
--amend`` append, or a hand-written ``YEAR OLD -> NEW``.
"""

from __future__ import annotations

import dataclasses
import re

from generator.diagnostics import Diagnostics

_KEY = re.compile(r"^(\d{4})\s+([A-Za-z0-9_]+)\b")


@dataclasses.dataclass(frozen=True)
class Record:
    line: int
    text: str  # the line with its runs of spaces made one


def records(text: str) -> dict[tuple[str, str], list[Record]]:
    """(year, anchor) → its records in file order; comments and blank lines
    are not records and may change freely. A line that is not a record is
    the lock's own parser's to report, and is kept here under its text, so
    that removing it still shows."""
    out: dict[tuple[str, str], list[Record]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())
        if not line or line.startswith("#"):
            continue
        match = _KEY.match(line)
        key = (match.group(1), match.group(2)) if match else ("", line)
        out.setdefault(key, []).append(Record(number, line))
    return out


def compare(published: str, current: str, base: str, path: str, diagnostics: Diagnostics) -> int:
    """Report every published record that is gone, rewritten or moved before
    another; returns how many records the current lock adds."""
    before, now = records(published), records(current)
    added = 0
    for key, old in before.items():
        new = now.get(key, [])
        for index, record in enumerate(old):
            was = f"`{record.text}` (line {record.line} at {base})"
            if index < len(new) and new[index].text == record.text:
                continue
            if any(r.text == record.text for r in new):
                at = next(r.line for r in new if r.text == record.text)
                diagnostics.error(path, at, f"the published record {was} is moved after a record written later; "
                                            "an anchor's records keep the order they were published in: "
                                            "put it back in its place")
            elif index < len(new) and new[index].text not in {r.text for r in old}:
                diagnostics.error(path, new[index].line,
                                  f"this line rewrites the published record {was}: a link in the wild cites "
                                  "the words it records. Restore the line; record a move by adding "
                                  f"`{key[0]} {key[1]} -> NEW_ANCHOR`, a correction with `python -m generator "
                                  f"lock --amend {key[0]} {key[1]} --reason \"…\"`")
            else:
                diagnostics.error(path, None,
                                  f"the published record {was} is removed: a link in the wild cites the words "
                                  "it records. Put the line back; a published record is never removed")
            break  # one error per anchor: the records after it follow from this one
    for key, new in now.items():
        added += max(0, len(new) - len(before.get(key, [])))
    return added
