"""Citing a clause: pinpoint labels.

A pinpoint label says in words where a clause sits, the way a printed
citation would: ``三（一）第2段第3句`` / ``Part III, task 1, para. 2, sent.
3``. Labels come from the structure (like anchors), never from the text, so
they are the same in every script and unique within a report.

The citation formats that carry a label as a locator or a note are
:mod:`generator.text.reference_formats`.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Mapping

from generator.model import Item, Report, Section, per_report
from generator.sources.grammar import chinese_number

_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


#: The pieces a label is built from, in Chinese and English. The cite tool in
#: the browser builds range labels from the same pieces (they are in the page).
PIECES = {
    "para": ("第{n}段", "para. {n}"),
    "sent": ("第{n}句", "sent. {n}"),
    "paras": ("第{a}至{b}段", "paras. {a}–{b}"),
    "sents": ("第{a}至{b}句", "sents. {a}–{b}"),
}


@dataclasses.dataclass(frozen=True)
class Label:
    zh: str
    en: str

    def then(self, piece: str, **values) -> Label:
        """This label followed by a piece: ``then("sent", n=3)`` → 第3句 / sent. 3."""
        zh, en = (part.format(**values) for part in PIECES[piece])
        return Label(self.zh + zh, f"{self.en}, {en}" if self.en else en)


INTRO = Label("开篇", "Opening")
CLOSING = Label("结束语", "Closing")


def section_label(section: Section) -> Label:
    return Label(chinese_number(section.number), f"Part {roman(section.number)}")


def item_label(section: Section, item: Item) -> Label:
    return Label(f"{chinese_number(section.number)}（{chinese_number(item.number)}）",
                 f"Part {roman(section.number)}, task {item.number}")


def containers(report: Report) -> dict[str, Label]:
    """Labels of what holds paragraphs: the opening, parts, tasks, the closing,
    keyed by the anchor prefix of their paragraphs (``intro``, ``sec_3``, …)."""
    out = {"intro": INTRO, "closing": CLOSING}
    for section in report.sections:
        out[section.id] = section_label(section)
        for item in section.items:
            out[item.id] = item_label(section, item)
    return out


@per_report
def labels(report: Report) -> Mapping[str, Label]:
    """Anchor → label for every node of the report: parts, tasks, paragraphs, sentences.

    Made once per report (:func:`generator.model.per_report`): its page, its
    search records, its open data and its two compare pages all ask (236
    times at 30 reports, a tenth of the pages' time); read-only, as every
    caller shares it."""
    return types.MappingProxyType(_labels(report))


def _labels(report: Report) -> dict[str, Label]:
    held = containers(report)
    out = {anchor: label for anchor, label in held.items() if anchor not in ("intro", "closing")}
    for paragraph in report.paragraphs():
        # A paragraph's id is its container's prefix and its number: sec_3__item_1__para_2.
        prefix, _, number = paragraph.id.rpartition("__para_")
        label = out[paragraph.id] = held[prefix].then("para", n=int(number))
        for s, sentence in enumerate(paragraph.sentences, start=1):
            out[sentence.id] = label.then("sent", n=s)
    return out
