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
from generator.text.english_units import english_labels
from generator.text.script_conversion import converted_sentences
from generator.text.term_matching import Span, segments
from generator.writers.templating import script_text

#: What a row is: a paragraph, a task's first paragraph (its title row), a part's heading.
PARAGRAPH, TASK, PART = "paragraph", "task", "part"
#: An English unit translated from the Chinese as it stands, translated before
#: the Chinese last changed, carried over unchanged from last year's report
#: (not read again), last year's English of an edited sentence offered as a
#: suggestion, or not translated yet (translation.OK … MISSING).
CHECKED, STALE, CARRIED, SUGGESTED, PENDING = "checked", "stale", "carried", "suggested", "pending"
STATUS_OF = {"ok": CHECKED, "stale": STALE, "carried": CARRIED, "suggested": SUGGESTED, "missing": PENDING}
#: A block's status: its least settled unit's (pending only when all are).
_RANK = (STALE, SUGGESTED, CARRIED, CHECKED)

#: What a reader sees of a paragraph not yet translated; the books say it briefly.
PENDING_NOTICE = "[Translation pending: this paragraph has not been translated yet.]"
PENDING_MARK = "[Translation pending]"
#: The title of English translated before the Chinese last changed.
STALE_TITLE = "The Chinese changed after this was translated; the English may be out of date."
#: The titles of English that pretranslate filled from last year's report.
CARRIED_TITLE = "Carried over unchanged from last year's report; not yet read again against this year's Chinese."
SUGGESTED_TITLE = "Last year's English, suggested for a sentence that has since changed; not yet revised."
#: The class and the title a unit's status gives its English, where it is not simply checked.
MARKS = {STALE: ("gwr-stale", STALE_TITLE), CARRIED: ("gwr-carried", CARRIED_TITLE),
         SUGGESTED: ("gwr-suggested", SUGGESTED_TITLE)}
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
    """What a piece of English says of its unit from its ``status`` (CHECKED,
    STALE, CARRIED, SUGGESTED, PENDING)."""

    __slots__ = ()
    status: str

    @property
    def pending(self) -> bool:
        return self.status == PENDING

    @property
    def stale(self) -> bool:
        return self.status == STALE

    @property
    def unchecked(self) -> bool:
        """Filled in by pretranslate and not yet read by a translator."""
        return self.status in (CARRIED, SUGGESTED)


@dataclasses.dataclass(slots=True)
class EnglishWords(Status):
    """One unit of a row's English: the answer to one Chinese sentence (``ids``, or a run of them)."""

    anchor: str  # the unit's key in YYYY.en.yml
    ids: tuple[str, ...]
    status: str
    words: Marked  # PENDING_MARK while pending
    was: str | None = None  # a suggestion's Chinese: what it was translated from


@dataclasses.dataclass(slots=True)
class English(Status):
    """A row's English, unit by unit. ``headed``: its first unit is a task's
    title or a paragraph's lead; ``head`` is that unit's words, ``rest`` what
    follows (None if nothing does), ``whole`` all of it; all None while every
    unit is pending."""

    status: str  # the block's: its least settled unit's
    sentences: tuple[EnglishWords, ...] = ()
    headed: bool = False

    @property
    def head(self) -> Marked | None:
        return self.sentences[0].words if self.headed and not self.pending else None

    @property
    def rest(self) -> Marked | None:
        return _joined(self.sentences[1:]) if self.headed and not self.pending else None

    @property
    def whole(self) -> Marked | None:
        return None if self.pending else _joined(self.sentences)

    @property
    def tail(self) -> tuple[EnglishWords, ...]:
        """The units after the title or lead (all of them where there is none)."""
        return self.sentences[1:] if self.headed else self.sentences


def _joined(sentences: Sequence[EnglishWords]) -> Marked | None:
    """Units' words as one run, a space between them."""
    out: list[tuple[str, Span | None]] = []
    for sentence in sentences:
        if out:
            out.append((" ", None))
        out.extend(sentence.words)
    return out or None


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
        unit = self.units.get(anchor)
        if unit is None or unit.pending:
            return English(PENDING)
        sentences = tuple(EnglishWords(s.anchor, s.sentences, STATUS_OF[s.status],
                                          segments(s.text, s.spans) if s.text is not None else [(PENDING_MARK, None)],
                                          s.was) for s in unit.sentences)
        status = next((rank for rank in _RANK if any(s.status == rank for s in sentences)), CHECKED)
        # A title or lead not translated yet is no heading: the task's name stands in (english_labels does so too).
        return English(status, sentences, unit.head and not sentences[0].pending)

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
