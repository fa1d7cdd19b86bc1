"""How often a glossary term occurs in each report: the numbers and the bar
chart of a term page.

Counts alone mislead when the edition holds a whole report for one year and
an excerpt for another, so each year also gives the characters of text the
edition holds and the rate per 10,000 of them. The chart is drawn here as
plain geometry (the template writes the SVG): bars of the counts, one per
report, earliest first, as a reader scans a time line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from generator.model import Report

#: Chart geometry, in SVG user units (the SVG scales to the column's width).
BAR, GAP, PLOT, TOP, BOTTOM = 36, 20, 96, 18, 22


@dataclasses.dataclass(frozen=True)
class YearCount:
    year: int
    count: int
    characters: int  # of report text the edition holds for that year

    @property
    def per_10k(self) -> float:
        return self.count * 10_000 / self.characters if self.characters else 0.0


@dataclasses.dataclass(frozen=True)
class Bar:
    """One year's bar: its box, and where its count and year are written."""

    row: YearCount
    x: float
    y: float
    width: float
    height: float
    centre: float


@dataclasses.dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    width: float
    height: float
    baseline: float


def characters(report: Report) -> int:
    """The characters of a report's text, whitespace aside."""
    return sum(len("".join(s.text.split())) for p in report.paragraphs() for s in p.sentences)


def counts(sizes: dict[int, int], years_found: Iterable[int]) -> tuple[YearCount, ...]:
    """``sizes``: year → characters held; ``years_found``: the year of each occurrence."""
    found: dict[int, int] = {}
    for year in years_found:
        found[year] = found.get(year, 0) + 1
    return tuple(YearCount(year, found.get(year, 0), sizes[year]) for year in sorted(sizes))


def chart(rows: tuple[YearCount, ...]) -> Chart:
    """Bars scaled to the largest count; a year without the term keeps its
    place on the axis with no bar, so an absence reads as one."""
    top = max((r.count for r in rows), default=0) or 1
    baseline = TOP + PLOT
    bars = []
    for i, row in enumerate(rows):
        x = GAP / 2 + i * (BAR + GAP)
        height = PLOT * row.count / top
        bars.append(Bar(row, x, baseline - height, BAR, height, x + BAR / 2))
    return Chart(tuple(bars), len(rows) * (BAR + GAP), baseline + BOTTOM, baseline)
