"""Citing a clause: pinpoint labels and citation formats.

A pinpoint label says in words where a clause sits, the way a printed
citation would: ``三（一）第2段第3句`` / ``Part III, task 1, para. 2, sent.
3``. Labels come from the structure (like anchors), never from the text, so
they are the same in every script and unique within a report.

The citation formats (GB/T 7714-2015 for Chinese, Chicago notes for English,
BibTeX, RIS) are written here once, as templates with slots for the parts
that vary: the pinpoint, the address and the reader's access date. The site's
cite tool fills the slots in the browser for any clause or range; the tests
fill them here, so both give the same text.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import types
import weakref
from collections.abc import Mapping

from generator.model import Item, Report, Section
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


#: id(report) → (the report, its labels), dropped with the report.
_LABELS: dict[int, tuple[weakref.ref, Mapping[str, Label]]] = {}


def labels(report: Report) -> Mapping[str, Label]:
    """Anchor → label for every node of the report: parts, tasks, paragraphs, sentences.

    Made once per report: its page, its search records, its open data and
    its two compare pages all ask (236 times at 30 reports, a tenth of the
    pages' time). Held by the report's identity, as hashing a report hashes
    its whole text; read-only, as every caller shares it."""
    held = _LABELS.get(id(report))
    if held is not None and held[0]() is report:
        return held[1]
    made = types.MappingProxyType(_labels(report))
    key = id(report)
    _LABELS[key] = (weakref.ref(report), made)
    weakref.finalize(report, _LABELS.pop, key, None)
    return made


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


# --- citation formats ---------------------------------------------------------------

#: The slots a template leaves open. ⟪…⟫ never occurs in report text or in
#: BibTeX syntax, so filling them cannot touch anything else.
SLOTS = ("label_zh", "label_en", "url", "accessed", "key")

SLOT_MEANINGS = {
    "label_zh": "the pinpoint in Chinese, e.g. 三（一）第2段第3句",
    "label_en": "the pinpoint in English, e.g. Part III, task 1, para. 2, sent. 3",
    "url": "the address of the clause: the report page's URL and #anchor",
    "accessed": "the date the reader accessed it, YYYY-MM-DD",
    "key": "a citation key: gwr{year}-{anchor}",
}
assert tuple(SLOT_MEANINGS) == SLOTS

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def us_date(date: datetime.date) -> str:
    """March 5, 2024: Chicago's form."""
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def _slot(name: str) -> str:
    return f"⟪{name}⟫"


@dataclasses.dataclass(frozen=True)
class Work:
    """What a citation says about the report itself, from its metadata."""

    year: int
    title: str  # 2024年政府工作报告
    title_en: str  # Report on the Work of the Government, 2024
    speaker: str  # 国务院总理 李强
    speaker_en: str  # Li Qiang, Premier of the State Council
    occasion: str
    occasion_en: str
    delivered: datetime.date

    AUTHOR = "国务院"
    AUTHOR_EN = "State Council of the People’s Republic of China"

    @property
    def speaker_name(self) -> str:
        """李强: the name after the title in the speaker line."""
        return self.speaker.split()[-1]

    @property
    def speaker_name_en(self) -> str:
        return self.speaker_en.split(",")[0]


def _bibtex_text(text: str) -> str:
    """BibTeX's special characters in a text field, escaped."""
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def templates(work: Work) -> dict[str, str]:
    """The four formats, with slots for the pinpoint, address, access date and key."""
    s = {name: _slot(name) for name in SLOTS}
    delivered = work.delivered.isoformat()
    return {
        "gbt7714": (f"{work.AUTHOR}. {work.title}: {s['label_zh']}[R/OL]. {work.speaker_name}, 报告. "
                    f"({delivered})[{s['accessed']}]. {s['url']}."),
        "chicago": (f"{work.AUTHOR_EN}, “{work.title_en},” delivered by {work.speaker_en}, at the "
                    f"{work.occasion_en}, {us_date(work.delivered)}, {s['label_en']}, {s['url']}."),
        "bibtex": "\n".join([
            f"@misc{{{s['key']},",
            f"  author = {{{{{_bibtex_text(work.AUTHOR_EN)}}}}},",
            f"  title = {{{{{_bibtex_text(work.title_en)}}}: {s['label_en']}}},",
            f"  note = {{{_bibtex_text(work.title)}, {s['label_zh']}. Delivered by "
            f"{_bibtex_text(work.speaker_en)}, {_bibtex_text(work.occasion_en)}}},",
            f"  year = {{{work.year}}},",
            f"  date = {{{delivered}}},",
            f"  url = {{{s['url']}}},",
            f"  urldate = {{{s['accessed']}}},",
            "  language = {chinese},",
            "}",
        ]) + "\n",
        "ris": "\r\n".join([
            "TY  - GOVDOC",
            f"AU  - {work.AUTHOR_EN}",
            f"A2  - {work.speaker_name_en}",
            f"TI  - {work.title_en}: {s['label_en']}",
            f"T2  - {work.title}: {s['label_zh']}",
            f"PY  - {work.year}",
            f"DA  - {work.delivered:%Y/%m/%d}",
            f"UR  - {s['url']}",
            f"Y2  - {s['accessed']}",
            "LA  - zh",
            f"N1  - Delivered by {work.speaker_en}, {work.occasion_en}.",
            "ER  - ",
        ]) + "\r\n",
    }


def work(meta) -> Work:
    """The citation facts of a report, from its metadata (a ``metadata.Metadata``)."""
    return Work(meta.year, meta.title, meta.title_en, meta.speaker, meta.speaker_en, meta.occasion,
                meta.occasion_en, meta.delivered)


def highwire(work: Work, t, language: str) -> list[tuple[str, str]]:
    """Highwire Press ``citation_*`` tags, which Zotero and Google Scholar read
    (one item per page; the pinpoint lives in the URL's anchor). The theme adds
    ``citation_public_url``: only the engine knows the page's address."""
    tags = [("citation_title", t(work.title)), ("citation_author", t(work.AUTHOR)),
            ("citation_author", t(work.speaker_name)),
            ("citation_publication_date", work.delivered.strftime("%Y/%m/%d")),
            ("citation_date", work.delivered.strftime("%Y/%m/%d")),
            ("citation_publisher", t(work.AUTHOR)), ("citation_language", language)]
    return tags


def page_data(work: Work, report: Report, t, url: str | None) -> dict:
    """What the cite tool needs on a page: the formats, the label pieces and
    the labels of the containers, in the page's script (``t``)."""
    def label(value: Label) -> list[str]:
        return [t(value.zh), value.en]

    return {
        "year": work.year,
        "url": url,
        "templates": {name: t(template) for name, template in templates(work).items()},
        "pieces": {name: [t(zh), en] for name, (zh, en) in PIECES.items()},
        "containers": {anchor: label(value) for anchor, value in containers(report).items()},
    }


def citation_json(work: Work, url: str | None) -> dict:
    """The ``citation`` object of ``api/{year}.json``: the facts, and the
    formats with their slots, so a program cites a clause as the site does."""
    return {
        "title": work.title, "title_en": work.title_en,
        "author": work.AUTHOR, "author_en": work.AUTHOR_EN,
        "speaker": work.speaker, "speaker_en": work.speaker_en,
        "occasion": work.occasion, "occasion_en": work.occasion_en,
        "date": work.delivered.isoformat(), "url": url,
        "formats": templates(work),
        "slots": {_slot(name): meaning for name, meaning in SLOT_MEANINGS.items()},
    }


def citation_key(year: int, anchor: str) -> str:
    """gwr2024-sec_3__item_1__para_2__sent_3: unique in a bibliography of this edition."""
    return f"gwr{year}-{anchor}"


def fill(template: str, values: dict[str, str]) -> str:
    """Fill every slot; the browser does the same with the same templates."""
    for name in SLOTS:
        template = template.replace(_slot(name), values[name])
    return template


def cite(work: Work, anchor: str, label: Label, url: str, accessed: datetime.date) -> dict[str, str]:
    """Every format for one clause, filled: what the cite tool shows for it."""
    values = {"label_zh": label.zh, "label_en": label.en, "url": url, "accessed": accessed.isoformat(),
              "key": citation_key(work.year, anchor)}
    return {name: fill(template, values) for name, template in templates(work).items()}
