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

from generator.model import sentence_id
from generator.project.loaded import Loaded
from generator.sources import translation as tr
from generator.text import citation

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

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
    #: "sentence", or TMX's "block" for a run and "paragraph" for a whole paragraph.
    grain: str = "sentence"


def _label(labels, block: str, sentences: tuple[str, ...]) -> tuple[str, str]:
    """A unit's pinpoint: its sentence's; a run's as the cite tool writes a range (第3至4句 · sents. 3–4);
    a whole paragraph's, its paragraph's."""
    if len(sentences) == 1:
        label = labels[sentences[0]]
    elif sentences[0] == sentence_id(block, 1) and sentence_id(block, len(sentences) + 1) not in labels:
        label = labels[block]
    else:
        first, last = (int(s.rsplit("_", 1)[1]) for s in (sentences[0], sentences[-1]))
        label = labels[block].then("sents", a=first, b=last)
    return label.zh, label.en


def _grain(segment: tr.Segment) -> str:
    if len(segment.sentences) == 1:
        return "sentence"
    return "paragraph" if segment.anchor == segment.block else "block"


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
        zh, en = _label(labels, segment.block, segment.sentences)
        out.append(OutUnit(segment.anchor, segment.block, segment.chinese, unit.en if unit else None, status, zh, en,
                           tuple(terms), note, unit.was if unit is not None and status == tr.SUGGESTED else None,
                           _grain(segment)))
    return out
