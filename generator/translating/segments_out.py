"""What a translator is given of each unit, whatever the file format: its
Chinese, its English, its state, where it is, and the glossary's renderings
of the terms in it. :mod:`xliff` and :mod:`tmx` write these rows.

A unit is one segment of the report (:func:`generator.sources.translation.segments`):
a sentence, a run of sentences one English sentence answers, or a part
heading; its id is the anchor its YAML unit is keyed by, so a unit means the
same in the site's address, the YAML file and the translator's tool.
"""

from __future__ import annotations

import dataclasses

from generator.project.loaded import Loaded
from generator.sources import translation as tr
from generator.text import citation

#: A unit's status → its XLIFF 1.2 target state, and the state-qualifier that says why.
STATES = {
    tr.OK: ("final", None),
    tr.STALE: ("needs-review-translation", None),
    tr.CARRIED: ("translated", "exact-match"),
    tr.SUGGESTED: ("needs-review-translation", "fuzzy-match"),
    tr.MISSING: ("needs-translation", None),
}


@dataclasses.dataclass(frozen=True)
class OutUnit:
    anchor: str
    block: str  # the paragraph or heading it is in
    chinese: str
    english: str | None
    status: str  # translation.OK … MISSING
    label_zh: str
    label_en: str
    terms: tuple[str, ...]  # "新质生产力 → new quality productive forces (also: …)"
    note: str | None  # where a carried or suggested unit came from, and what a suggestion translated
    was: str | None = None  # a suggestion's Chinese: what its English translates


def _label(labels, sentences: tuple[str, ...]) -> tuple[str, str]:
    first = labels[sentences[0]]
    if len(sentences) == 1:
        return first.zh, first.en
    last = labels[sentences[-1]]
    return f"{first.zh}至{last.zh}", f"{first.en} to {last.en}"


def units_of(loaded: Loaded, year: int) -> list[OutUnit]:
    """Every unit of ``year``'s report, in document order."""
    entry = next(r for r in loaded.reports if r.report.year == year)
    translation = loaded.translations[year]
    labels = citation.labels(entry.report)
    spans = loaded.annotations.get(year, {})
    out = []
    for segment in translation.segments:
        slugs = list(dict.fromkeys(span.slug for s in segment.sentences for span in spans.get(s, ())))
        terms = []
        for slug in slugs:
            english = loaded.glossary.by_slug[slug].entry.english
            others = f" (also: {'; '.join(r.rendering for r in english.others)})" if english.others else ""
            terms.append(f"{loaded.glossary.by_slug[slug].entry.term} → {english.preferred}{others}")
        unit = translation.units.get(segment.anchor)
        status = translation.status(segment.anchor)
        note = None
        if unit is not None and status in (tr.CARRIED, tr.SUGGESTED):
            note = f"{status} from {unit.source or 'an earlier report'}" + \
                (f"; it translated: {unit.was}" if unit.was else "")
        zh, en = _label(labels, segment.sentences)
        out.append(OutUnit(segment.anchor, segment.block, segment.chinese, unit.en if unit else None, status, zh, en,
                           tuple(terms), note, unit.was if unit is not None and status == tr.SUGGESTED else None))
    return out
