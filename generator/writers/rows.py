"""What a report page shows, row by row: decided here once, for every writer.

A report is written four ways: as a page of the site (:mod:`site.report_rows`),
as a Markdown page of the export (:mod:`markdown.report_page`), in the print
book (``templates/book.html``) and in the EPUB (``templates/epub.xhtml``).
Each walks the :class:`ReportRows` made here and says only how a row looks
in its syntax. A row is a paragraph beside its English, a part's heading, or
a task's first paragraph, whose first sentence is the task's title; it holds

* its anchor and its pinpoint (三（一）第2段 · Part III, task 1, para. 2),
  and the retired anchors that now name it or its sentences;
* its Chinese, sentence by sentence, in the page's script, and its English
  (a task's title or a lead split off), both cut at their glossary terms;
* a dated note for each correction the anchor registry records, and where
  its words stand in the other years the edition compares it with.

What stands in where something is missing is decided here too: a part
heading an excerpt lacks, a task number the source lacks, English not yet
translated, a title the English does not split off.

The rows are plain data for writers to read, never to change. They are not
frozen dataclasses all the same: those take four times as long to make, and
a 30-report site makes its rows sixty times over.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from generator.model import Item, Paragraph, Section
from generator.project.loaded import ReportInputs
from generator.sources.anchor_lock import redirects
from generator.sources.grammar import chinese_number
from generator.text import citation
from generator.text.english_units import EnglishUnit, english_labels
from generator.text.script_conversion import converted_sentences
from generator.text.term_matching import Span, segments
from generator.writers.templating import script_text

#: What a row is: a paragraph, a task's first paragraph (its title row), a part's heading.
PARAGRAPH, TASK, PART = "paragraph", "task", "part"
#: An English unit translated from the Chinese as it stands, translated before
#: the Chinese last changed, or not translated yet.
CHECKED, STALE, PENDING = "checked", "stale", "pending"
_STATUS = {"ok": CHECKED, "stale": STALE, "missing": PENDING}

#: What a reader sees of a paragraph not yet translated; the books say it briefly.
PENDING_NOTICE = "[Translation pending: this paragraph has not been translated yet.]"
PENDING_MARK = "[Translation pending]"
#: The title of English translated before the Chinese last changed.
STALE_TITLE = "The Chinese changed after this was translated; the English may be out of date."
#: The title of a part heading the editors supply where an excerpt lacks it.
NOT_IN_EXCERPT_EN = "The heading of this part is not in the excerpt"
NOT_IN_EXCERPT = f"本部分标题不在所收原文中 · {NOT_IN_EXCERPT_EN}"
#: The title of a task number the editors supply where the source lacks it.
NUMBER_SUPPLIED = "序号为编者据原报告补出，原文缺 · Number supplied by the editors; missing from the source"

#: Text cut at its glossary terms: (piece, span) in order, span None between terms.
Marked = Sequence[tuple[str, Span | None]]


def pending_heading(name: str) -> str:
    """A part heading's English not yet translated: its name (the pinpoint) and a notice."""
    return f"{name} [translation pending]"


def term_tooltip(entry, t) -> str:
    """A Chinese term's tooltip: the English rendering, then the definition in
    the page's script (``t``) and in English."""
    return f"{entry.english.preferred} — {t(entry.definition.zh)} {entry.definition.en}"


def english_tooltip(entry, t) -> str:
    """An English rendering's tooltip, for a reader of the English: the Chinese
    term (in the page's script), its pinyin, the definition."""
    return f"{t(entry.term)} ({entry.reading}) — {entry.definition.en}"


@dataclasses.dataclass(slots=True)
class Sentence:
    id: str
    words: Marked  # in the page's script
    aliases: tuple[str, ...] = ()  # retired anchors that now name it
    lead: bool = False  # a paragraph's lead, bold in print


class Status:
    """What a piece of English says of its unit: ``pending`` (not translated
    yet) and ``stale`` (translated before the Chinese last changed), from its
    ``status`` (CHECKED, STALE, PENDING)."""

    __slots__ = ()
    status: str

    @property
    def pending(self) -> bool:
        return self.status == PENDING

    @property
    def stale(self) -> bool:
        return self.status == STALE


@dataclasses.dataclass(slots=True)
class English(Status):
    """A row's English. ``head`` is a task's title or a paragraph's lead where
    the unit splits one off, ``rest`` what follows it (None if nothing does),
    ``whole`` the unit as it is; all None while it is pending."""

    status: str  # CHECKED, STALE, PENDING
    head: Marked | None = None
    rest: Marked | None = None
    unit: EnglishUnit | None = None

    @property
    def whole(self) -> Marked | None:
        # Cut when asked: a row with a head shows it whole only in the EPUB.
        return None if self.unit is None else segments(*self.unit.part("all"))


@dataclasses.dataclass(slots=True)
class Note:
    """A dated correction of the row's paragraph, one of its sentences, or its task's title."""

    anchor: str
    date: str
    reason: str
    where: str | None  # the pinpoint of what was corrected (Chinese); None for the paragraph itself


@dataclasses.dataclass(slots=True)
class AnyRow:
    """What every row has. A part's heading is one of these (:attr:`Part.heading`)."""

    kind: str  # PARAGRAPH, TASK, PART
    anchor: str
    line: int  # where it starts in the raw file
    pinpoint: citation.Label  # its Chinese in the page's script
    aliases: tuple[str, ...]
    chinese: tuple[Sentence, ...]  # a part's heading is one "sentence", with the part's anchor
    english: English | None  # None for a part heading the excerpt lacks: nothing was translated
    notes: tuple[Note, ...] = ()
    counterparts: tuple = ()  # compare_page.Counterpart: where its words stand in other years


@dataclasses.dataclass(slots=True)
class Row(AnyRow):
    """A paragraph, or a task's first paragraph: its English is always there, if only as pending."""

    english: English


@dataclasses.dataclass(slots=True)
class Task:
    anchor: str
    aliases: tuple[str, ...]
    name: str  # its English name: the title, or the pinpoint where the English has none
    number: str | None  # the number the editors supply, （三）, where the source lacks it
    rows: tuple[Row, ...]  # the title row (TASK), then the task's other paragraphs


@dataclasses.dataclass(slots=True)
class Part:
    heading: AnyRow  # PART; no Chinese or English where an excerpt lacks the heading
    name: str  # its English name: the heading, or "Part 3 (excerpt)"
    restored: str | None  # the heading the editors supply where the excerpt lacks it: 第三部分（节选）
    rows: tuple[Row, ...]  # paragraphs before its first task
    tasks: tuple[Task, ...]


@dataclasses.dataclass(slots=True)
class ReportRows:
    intro: tuple[Row, ...]
    parts: tuple[Part, ...]
    closing: tuple[Row, ...]
    #: Anchor → the English name of each block the contents list (english.english_labels).
    names: Mapping[str, str]


def report_rows(inputs: ReportInputs, script: str, counterparts: Mapping[str, tuple] | None = None) -> ReportRows:
    """The rows of ``inputs.report`` in ``script``; ``counterparts``: its
    paragraphs' counterparts in other years (compare_page.counterparts), for the site."""
    return _Maker(inputs, script, counterparts or {}).rows()


class _Maker:
    """What the rows of one report in one script are made from, read once."""

    def __init__(self, inputs: ReportInputs, script: str, counterparts: Mapping[str, tuple]):
        self.report = report = inputs.report
        self.counterparts = counterparts
        self.t = t = script_text(inputs, script)
        self.spans = inputs.spans
        # Sentences cut from converted paragraphs: OpenCC sees the whole paragraph.
        self.hant = converted_sentences(report, t) if script == "hant" else {}
        aliases: dict[str, list[str]] = {}
        for old, new in redirects(inputs.lock, report.anchors()).items():
            aliases.setdefault(new, []).append(old)
        self.aliases = {anchor: tuple(old) for anchor, old in aliases.items()}
        self.translation = inputs.translation
        self.units = inputs.english
        self.labels = citation.labels(report)
        self.names = english_labels(report, self.units, self.labels)
        self.amendments = inputs.amendments
        self.pinpoints: dict[str, citation.Label] = {}

    def rows(self) -> ReportRows:
        report = self.report
        return ReportRows(tuple(map(self.row, report.intro)), tuple(map(self.part, report.sections)),
                          tuple(map(self.row, report.closing)), self.names)

    def pinpoint(self, anchor: str) -> citation.Label:
        held = self.pinpoints.get(anchor)
        if held is None:
            label = self.labels[anchor]
            held = self.pinpoints[anchor] = citation.Label(self.t(label.zh), label.en)
        return held

    def chinese(self, anchor: str, source: str) -> Marked:
        # Conversion keeps the length, so glossary spans found on the
        # Simplified text fall on the same characters of the Traditional one.
        return segments(self.hant.get(anchor) or self.t(source), self.spans.get(anchor))

    def english(self, anchor: str) -> English:
        status = _STATUS[self.translation.status(anchor)]
        if status == PENDING:
            return English(status)
        unit = self.units[anchor]
        head, rest = unit.shown("head"), unit.shown("rest")
        return English(status, head and segments(*head), rest and segments(*rest), unit)

    def notes(self, p: Paragraph, also: tuple[str, ...]) -> tuple[Note, ...]:
        if not self.amendments:
            return ()
        return tuple(Note(anchor, a.date, a.reason, None if anchor == p.id else self.pinpoint(anchor).zh)
                     for anchor in (*also, p.id, *(s.id for s in p.sentences))
                     for a in self.amendments.get(anchor, ()))

    def row(self, p: Paragraph, kind: str = PARAGRAPH, also: tuple[str, ...] = ()) -> Row:
        aliases, hant, t, spans = self.aliases, self.hant, self.t, self.spans
        # self.chinese, written out: a 30-report site has sixty thousand sentences to make.
        sentences = [Sentence(s.id, segments(hant.get(s.id) or t(s.text), spans.get(s.id)), aliases.get(s.id, ()))
                     for s in p.sentences]
        sentences[0].lead = p.has_lead  # in a task, a paragraph after its first opens with a lead
        return Row(kind, p.id, p.pos.line, self.pinpoint(p.id), aliases.get(p.id, ()), tuple(sentences),
                   self.english(p.id), self.notes(p, also), self.counterparts.get(p.id, ()))

    def part(self, section: Section) -> Part:
        anchor = section.id
        chinese: tuple[Sentence, ...] = ()
        english: English | None = None
        restored: str | None = None
        if section.heading:
            chinese, english = (Sentence(anchor, self.chinese(anchor, section.heading)),), self.english(anchor)
        else:  # an excerpt that starts inside the part: the editors name it
            restored = self.t(f"第{chinese_number(section.number)}部分（节选）")
        heading = AnyRow(PART, anchor, section.pos.line, self.pinpoint(anchor), self.aliases.get(anchor, ()),
                         chinese, english)
        return Part(heading, self.names[anchor], restored, tuple(map(self.row, section.paragraphs)),
                    tuple(map(self.task, section.items)))

    def task(self, item: Item) -> Task:
        first, *others = item.paragraphs
        rows = (self.row(first, TASK, (item.id,)), *map(self.row, others))
        number = None if item.marker else f"（{chinese_number(item.number)}）"
        return Task(item.id, self.aliases.get(item.id, ()), self.names[item.id], number, rows)
