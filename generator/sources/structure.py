"""Clean paragraphs → the document model, with anchors from structure.

The grammar of a report is small: an optional opening (各位代表：…), numbered
sections (一、…), numbered items inside them (（一）…), and a closing that starts
at the first 各位代表！ after the last item. Excerpts start in the middle of
that grammar, so the caller can say where the first paragraph sits
(:class:`Placement`) and where the closing begins; both come from the report
metadata, never from code.
"""

from __future__ import annotations

import dataclasses

from generator import model
from generator.diagnostics import Diagnostics
from generator.model import Item, Paragraph, Report, Section, Sentence, SourcePos
from generator.sources.grammar import CLOSING_CUE, ITEM_RE, SECTION_RE, is_section_heading, numeral, split_sentences
from generator.sources.normalize import Block


@dataclasses.dataclass(frozen=True)
class Placement:
    """Where an excerpt starts and where its closing begins (from metadata)."""

    #: The first paragraph belongs to this section (its heading is not in the text)...
    section: int | None = None
    #: ...and begins this item, whose marker is missing from the text.
    item: int | None = None
    #: Raw line on which the closing begins, when the 各位代表！ cue is absent.
    closing_line: int | None = None


@dataclasses.dataclass
class _OpenItem:
    """A task being built: its paragraphs are collected until the next task starts."""

    number: int
    marker: str | None
    pos: SourcePos
    paragraphs: list[Paragraph] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class _OpenSection:
    """A part being built; ``heading`` is None while the metadata placed us in it
    and its heading has not (or will never) come."""

    number: int
    heading: str | None
    pos: SourcePos
    paragraphs: list[Paragraph] = dataclasses.field(default_factory=list)
    items: list[Item] = dataclasses.field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.paragraphs and not self.items


class _Builder:
    def __init__(self, year: int, path: str, diagnostics: Diagnostics):
        self.year = year
        self.path = path
        self.diagnostics = diagnostics
        self.intro: list[Paragraph] = []
        self.sections: list[Section] = []
        self.closing: list[Paragraph] = []
        self.section: _OpenSection | None = None
        self.item: _OpenItem | None = None

    def pos(self, block: Block) -> SourcePos:
        return SourcePos(self.path, block.line, block.end_line)

    def paragraph(self, pid: str, block: Block, has_lead: bool = False) -> Paragraph:
        sentences = tuple(
            Sentence(model.sentence_id(pid, k), text, SourcePos(self.path, block.line_at(offset)))
            for k, (offset, text) in enumerate(split_sentences(block.text), start=1)
        )
        return Paragraph(pid, block.text, sentences, self.pos(block), has_lead)

    def open_section(self, number: int, heading: str | None, pos: SourcePos) -> None:
        s = self.section
        if s is not None and s.number == number and s.heading is None and s.empty:
            # The metadata placed the excerpt in this section and its heading follows.
            s.heading, s.pos = heading, pos
            return
        self.close_section()
        previous = self.sections[-1].number if self.sections else None
        self._check_number("section", number, previous, pos.line)
        self.section = _OpenSection(number, heading, pos)

    def _check_number(self, kind: str, number: int, previous: int | None, line: int) -> None:
        """A gap is suspicious; a repeat or a step back would give two nodes one anchor."""
        if previous is None or number == previous + 1:
            return
        if number <= previous:
            self.diagnostics.error(
                self.path, line,
                f"{kind} {number} follows {kind} {previous}: anchors would collide. Check the raw text; "
                "if the excerpt really is out of order, give each part its own report metadata",
            )
        else:
            self.diagnostics.warning(self.path, line,
                                     f"{kind} {number} follows {kind} {previous}; check the numbering in the raw text")

    def close_section(self) -> None:
        self.close_item()
        if self.section is not None:
            s = self.section
            self.sections.append(Section(
                model.section_id(s.number), s.number, s.heading, tuple(s.paragraphs), tuple(s.items), s.pos,
            ))
            self.section = None

    def open_item(self, number: int, marker: str | None, block: Block) -> None:
        assert self.section is not None
        self.close_item()
        items = self.section.items
        previous = items[-1].number if items else None
        self._check_number("item", number, previous, block.line)
        self.item = _OpenItem(number, marker, self.pos(block))

    def close_item(self) -> None:
        if self.item is not None and self.section is not None:
            i = self.item
            self.section.items.append(
                Item(model.item_id(self.section.number, i.number), i.number, i.marker, tuple(i.paragraphs), i.pos)
            )
            self.item = None

    def add(self, block: Block) -> None:
        if self.item is not None and self.section is not None:
            paragraphs = self.item.paragraphs
            pid = model.item_para_id(self.section.number, self.item.number, len(paragraphs) + 1)
            paragraphs.append(self.paragraph(pid, block, has_lead=bool(paragraphs)))
        elif self.section is not None:
            paragraphs = self.section.paragraphs
            pid = model.section_para_id(self.section.number, len(paragraphs) + 1)
            paragraphs.append(self.paragraph(pid, block))
        else:
            self.intro.append(self.paragraph(model.intro_para_id(len(self.intro) + 1), block))

    def add_closing(self, block: Block) -> None:
        self.closing.append(self.paragraph(model.closing_para_id(len(self.closing) + 1), block))


def _closing_start(blocks: list[Block], placement: Placement) -> int | None:
    """Index of the first closing block: the first 各位代表！ after the last item."""
    if placement.closing_line is not None:
        for index, block in enumerate(blocks):
            if block.line == placement.closing_line:
                return index
        return None
    last = -1
    for index, block in enumerate(blocks):
        if is_section_heading(block.text):
            last = index  # a new section: only items after it count
        elif ITEM_RE.match(block.text):
            last = index
    if last == -1 and placement.item is None:
        return None
    for index in range(max(last, 0) + 1, len(blocks)):
        if blocks[index].text.startswith(CLOSING_CUE):
            return index
    return None


def build_report(
    year: int, blocks: list[Block], path: str, placement: Placement, diagnostics: Diagnostics
) -> Report:
    """Assemble the document model; numbering problems become diagnostics."""
    builder = _Builder(year, path, diagnostics)
    closing_at = _closing_start(blocks, placement)
    if placement.closing_line is not None and closing_at is None:
        diagnostics.error(
            path, placement.closing_line,
            "the metadata says the closing begins on this line, but no paragraph starts here; "
            "fix structure.closing_line",
        )
    if placement.section is not None and blocks:
        builder.open_section(placement.section, None, builder.pos(blocks[0]))
        if placement.item is not None:
            builder.open_item(placement.item, None, blocks[0])
    for index, block in enumerate(blocks):
        if closing_at is not None and index >= closing_at:
            builder.close_section()
            builder.add_closing(block)
            continue
        heading = SECTION_RE.match(block.text)
        marker = ITEM_RE.match(block.text)
        if heading and is_section_heading(block.text):
            builder.open_section(numeral(heading.group(1)), block.text, builder.pos(block))
        elif marker and builder.section is not None:
            builder.open_item(numeral(marker.group(1)), marker.group(0), block)
            builder.add(block)
        else:
            if marker:
                diagnostics.warning(path, block.line,
                                    "a numbered item before any section heading; kept as a paragraph")
            builder.add(block)
    builder.close_section()
    if closing_at is not None:
        for block in blocks[closing_at:]:
            if ITEM_RE.match(block.text) or is_section_heading(block.text):
                diagnostics.error(path, block.line,
                                  "a numbered part or task after the start of the closing; "
                                  "the closing begins after the last task: fix structure.closing_line")
                break
    for section in builder.sections:
        for item in section.items:
            if not item.paragraphs:
                diagnostics.error(path, item.pos.line, f"item {item.number} has no text")
    return Report(year, tuple(builder.intro), tuple(builder.sections), tuple(builder.closing), path)
