"""What changed inside a sentence: a character-level diff for the compare page.

Chinese has no spaces, so the unit of change is the character. difflib's
matcher is fast on sentences (a few hundred characters at most) and gives
the longest common runs; two touches make it read as a drafter's edit:
a replaced run is shown as its deletion then its insertion, and a single
character left equal between two changes (的, 和) is folded into them, so
"稳妥推进" → "积极推进" reads as one change, not as scattered letters.
A figure is one unit, never split: 4.06万亿元 → 5.66万亿元 shows 4.06
deleted and 5.66 inserted, not [-4.0-]{+5.6+}6 with a digit kept between.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re

from generator.text.figures import NUMBER

EQUAL, INSERT, DELETE = "equal", "insert", "delete"

#: A figure (3, 4.06, ５: compatibility digits too), compared whole; any other character alone.
_UNITS = re.compile(rf"{NUMBER}|.", re.S)


@dataclasses.dataclass(frozen=True)
class Segment:
    op: str  # EQUAL, INSERT or DELETE
    text: str


@functools.lru_cache(maxsize=4096)  # the compare page asks once for each side of a pair
def char_diff(a: str, b: str) -> tuple[Segment, ...]:
    """Segments that turn ``a`` into ``b``: the EQUAL and DELETE texts, in
    order, spell ``a``; the EQUAL and INSERT texts spell ``b``."""
    raw: list[tuple[str, str, str]] = []  # (op, text of a, text of b)
    units_a, units_b = _UNITS.findall(a), _UNITS.findall(b)
    matcher = difflib.SequenceMatcher(None, units_a, units_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        raw.append((EQUAL if tag == "equal" else "change", "".join(units_a[i1:i2]), "".join(units_b[j1:j2])))
    # A lone equal character between two changes joins them.
    for k in range(1, len(raw) - 1):
        op, text, _ = raw[k]
        if op == EQUAL and len(text) == 1 and raw[k - 1][0] != EQUAL and raw[k + 1][0] != EQUAL:
            raw[k] = ("change", text, text)
    segments: list[Segment] = []
    deleted = inserted = ""
    for op, old, new in [*raw, (EQUAL, "", "")]:
        if op != EQUAL:
            deleted, inserted = deleted + old, inserted + new
            continue
        if deleted:
            segments.append(Segment(DELETE, deleted))
        if inserted:
            segments.append(Segment(INSERT, inserted))
        deleted = inserted = ""
        if old:
            segments.append(Segment(EQUAL, old))
    return tuple(segments)
