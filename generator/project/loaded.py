"""The project as loaded: every report, the glossary, the translations and the
anchor registry, checked, with the text stages' results. What every writer reads.
"""

from __future__ import annotations

import dataclasses

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

    def current_texts(self) -> dict[int, dict[str, str]]:
        """Year → anchor → the words it names, for the anchor registry."""
        return {r.report.year: anchor_lock.texts(r.report) for r in self.reports}
