"""A clause's history: where a sentence's words stand in every report of the edition.

Each comparison of two consecutive reports pairs a sentence with at most one
sentence of the other year (:mod:`alignment`). Chained, those pairs give a
sentence's history through the whole edition: 2024's clause, the 2022 clause
it continues, the 2021 clause that one continues, and forward the same. A
chain stops where a comparison finds no counterpart (a new clause, a dropped
one, or an excerpt that does not reach it): a history never jumps a year.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from generator.comparison.alignment import Lineage


@dataclasses.dataclass(frozen=True)
class Step:
    """The sentence ``anchor`` of the report of ``year``, and how it stands
    to the next step toward the sentence whose history this is (same or edited)."""

    year: int
    anchor: str
    change: str

    def json(self) -> dict:
        return {"year": self.year, "anchor": self.anchor, "change": self.change}


def histories(lineages: Iterable[Lineage]) -> dict[int, dict[str, tuple[Step, ...]]]:
    """Year → sentence anchor → the other reports' sentences in its history,
    oldest first; a sentence with no counterpart anywhere has none."""
    back: dict[tuple[int, str], Step] = {}  # (year, anchor) → its counterpart in the compared earlier year
    ahead: dict[tuple[int, str], Step] = {}  # … in the compared later year
    for lineage in lineages:
        year_a, year_b = lineage.a.year, lineage.b.year
        for pair in lineage.sentence_pairs():
            if pair.a is not None and pair.b is not None:
                back[year_b, pair.b.id] = Step(year_a, pair.a.id, pair.change)
                ahead[year_a, pair.a.id] = Step(year_b, pair.b.id, pair.change)
    out: dict[int, dict[str, tuple[Step, ...]]] = {}
    for year, anchor in {*back, *ahead}:
        earlier, at = [], (year, anchor)
        while at in back:
            step = back[at]
            earlier.append(step)
            at = (step.year, step.anchor)
        later, at = [], (year, anchor)
        while at in ahead:
            step = ahead[at]
            later.append(step)
            at = (step.year, step.anchor)
        out.setdefault(year, {})[anchor] = (*reversed(earlier), *later)
    return out
