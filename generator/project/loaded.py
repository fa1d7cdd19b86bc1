"""The project as loaded: every report, the glossary, the translations and the
anchor registry, checked, with the text stages' results. What every writer reads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from generator.diagnostics import Diagnostics
from generator.model import Report
from generator.sources import anchor_lock, normalize, translation
from generator.sources.glossary import Glossary
from generator.sources.metadata import ReportMeta
from generator.text import english_units, term_matching
from generator.text.script_conversion import EditionConverter


@dataclasses.dataclass(frozen=True)
class LoadedReport:
    meta: ReportMeta
    normalized: normalize.Normalized
    report: Report
    raw_path: str


@dataclasses.dataclass(frozen=True)
class ReportInputs:
    """What a report's rows, page and cite data read from the project, and
    nothing more. Those writers take this record rather than the project, so
    the serve memo keys a report page on it: whatever a page reads is in its key
    because the page can read nothing else."""

    entry: LoadedReport
    translation: translation.Translation
    #: Anchor → the English as the page shows it.
    english: Mapping[str, english_units.EnglishUnit]
    #: Sentence id → the glossary spans in it.
    spans: Mapping[str, tuple[term_matching.Span, ...]]
    #: The year's lines of the anchor lock: anchor → successor (None while live).
    lock: Mapping[str, str | None]
    #: Anchor → its amendments, oldest first.
    amendments: Mapping[str, tuple[anchor_lock.Amendment, ...]]
    converter: EditionConverter

    @property
    def report(self) -> Report:
        return self.entry.report


@dataclasses.dataclass
class Loaded:
    reports: list[LoadedReport]
    lock: anchor_lock.Lock
    diagnostics: Diagnostics
    glossary: Glossary
    #: year → sentence id → glossary spans in that sentence
    annotations: dict[int, dict[str, tuple[term_matching.Span, ...]]]
    occurrences: list[term_matching.Occurrence]
    converter: EditionConverter
    translations: dict[int, translation.Translation]
    #: year → anchor → the English as the page shows it (title or lead, glossary renderings)
    english: dict[int, dict[str, english_units.EnglishUnit]]

    def inputs(self, entry: LoadedReport) -> ReportInputs:
        """What the writers of ``entry``'s rows and page read."""
        year = entry.report.year
        return ReportInputs(entry, self.translations[year], self.english.get(year, {}),
                            self.annotations.get(year, {}), self.lock.entries.get(year, {}),
                            {anchor: tuple(words) for anchor, words in self.lock.amendments(year).items()},
                            self.converter)

    def current_texts(self) -> dict[int, dict[str, str]]:
        """Year → anchor → the words it names, for the anchor registry."""
        return {r.report.year: anchor_lock.texts(r.report) for r in self.reports}
