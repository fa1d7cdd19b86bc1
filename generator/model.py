"""The document model: report → section → item → paragraph → sentence.

Frozen dataclasses, no behaviour beyond navigation, so every stage can rely on
a node never changing under it. Every node carries its anchor id and the place
in the raw file it came from (:class:`SourcePos`), the way markdown-it-py's
tokens carry a source map.

Anchor ids are a public contract (documented in ``docs/anchors.md``): ASCII,
derived from the position of a node in the structure and never from its text,
identical in every language and script. The functions at the bottom of this
module are the only place the grammar is spelled out.
"""

from __future__ import annotations

import dataclasses
import functools
import weakref
from collections.abc import Callable, Iterator
from typing import TypeVar

_Made = TypeVar("_Made")


@dataclasses.dataclass(frozen=True)
class SourcePos:
    """Where a node starts in its raw file: path relative to the project, 1-based line."""

    path: str
    line: int
    end_line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclasses.dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    pos: SourcePos


@dataclasses.dataclass(frozen=True)
class Paragraph:
    id: str
    text: str
    sentences: tuple[Sentence, ...]
    pos: SourcePos
    #: True when the first sentence is a lead (bold in print): the first
    #: sentence of a paragraph inside an item, other than the item's first.
    has_lead: bool = False


@dataclasses.dataclass(frozen=True)
class Item:
    """A numbered task （一）（二）…; its first sentence is its title."""

    id: str
    number: int
    #: The marker as printed, e.g. "（一）"; None when the raw text lacks it and
    #: the number comes from the report's metadata (an editorial restoration).
    marker: str | None
    paragraphs: tuple[Paragraph, ...]
    pos: SourcePos

    @property
    def title(self) -> str:
        """The title sentence without its marker."""
        first = self.paragraphs[0].sentences[0].text
        if self.marker and first.startswith(self.marker):
            return first[len(self.marker):]
        return first


@dataclasses.dataclass(frozen=True)
class Section:
    """A numbered part 一、二、三; its heading may be absent from an excerpt."""

    id: str
    number: int
    heading: str | None
    paragraphs: tuple[Paragraph, ...]
    items: tuple[Item, ...]
    pos: SourcePos


@dataclasses.dataclass(frozen=True)
class TextBlock:
    """A unit of running text: a part heading or a paragraph (not a task: its
    title is the first sentence of its first paragraph).

    Glossary annotation, translation units and open data all walk these, so
    what counts as text is decided here once.
    """

    id: str
    text: str
    #: (anchor, text) pieces: the paragraph's sentences, or the heading itself.
    pieces: tuple[tuple[str, str], ...]
    node: Section | Paragraph


@dataclasses.dataclass(frozen=True)
class Report:
    year: int
    intro: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    closing: tuple[Paragraph, ...]
    path: str

    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.intro
        for section in self.sections:
            yield from section.paragraphs
            for item in section.items:
                yield from item.paragraphs
        yield from self.closing

    def nodes(self) -> Iterator[Section | Item | Paragraph]:
        """Sections, items and paragraphs in document order."""
        yield from self.intro
        for section in self.sections:
            yield section
            yield from section.paragraphs
            for item in section.items:
                yield item
                yield from item.paragraphs
        yield from self.closing

    def text_blocks(self) -> Iterator[TextBlock]:
        """Part headings and paragraphs, in document order."""
        for node in self.nodes():
            if isinstance(node, Section):
                if node.heading:
                    yield TextBlock(node.id, node.heading, ((node.id, node.heading),), node)
            elif isinstance(node, Paragraph):
                yield TextBlock(node.id, node.text, tuple((s.id, s.text) for s in node.sentences), node)

    def anchors(self) -> list[str]:
        """Every anchor id of the report, in document order."""
        ids: list[str] = []
        for node in self.nodes():
            ids.append(node.id)
            if isinstance(node, Paragraph):
                ids.extend(s.id for s in node.sentences)
        return ids


# --- anchor grammar -------------------------------------------------------

SEP = "__"


def intro_para_id(k: int) -> str:
    return f"intro{SEP}para_{k}"


def section_id(n: int) -> str:
    return f"sec_{n}"


def section_para_id(n: int, k: int) -> str:
    return f"{section_id(n)}{SEP}para_{k}"


def item_id(n: int, m: int) -> str:
    return f"{section_id(n)}{SEP}item_{m}"


def item_para_id(n: int, m: int, k: int) -> str:
    return f"{item_id(n, m)}{SEP}para_{k}"


def closing_para_id(k: int) -> str:
    return f"closing{SEP}para_{k}"


def sentence_id(paragraph_id: str, s: int) -> str:
    return f"{paragraph_id}{SEP}sent_{s}"


def sentence_range_id(paragraph_id: str, first: int, last: int) -> str:
    """Sentences ``first`` to ``last`` of a paragraph, as one anchor (``…__sent_3-5``)."""
    return f"{paragraph_id}{SEP}sent_{first}-{last}"


def container_of(anchor: str) -> str:
    """What holds the node an anchor names: ``sec_3__item_9`` of
    ``sec_3__item_9__para_1__sent_2``, ``intro`` of ``intro__para_1``."""
    return anchor.split(f"{SEP}para_", 1)[0]


def paragraph_of(anchor: str) -> str:
    """The paragraph of a sentence's anchor (a paragraph's own anchor for itself)."""
    return anchor.split(f"{SEP}sent_", 1)[0]


def per_report(make: Callable[[Report], _Made]) -> Callable[[Report], _Made]:
    """``make(report)``, made once per report object and shared by every caller.

    Held by the report's identity, as hashing a report hashes its whole text,
    and dropped with the report; what ``make`` returns must be read-only. A
    report's labels are asked for by its page, its search records, its open
    data and its compare pages; its figures by its open data, the targets
    table and both of its comparisons."""
    held: dict[int, tuple[weakref.ref, _Made]] = {}

    @functools.wraps(make)
    def once(report: Report) -> _Made:
        found = held.get(id(report))
        if found is not None and found[0]() is report:
            return found[1]
        made = make(report)
        key = id(report)
        held[key] = (weakref.ref(report), made)
        weakref.finalize(report, held.pop, key, None)
        return made

    return once
