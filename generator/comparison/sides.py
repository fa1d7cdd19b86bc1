"""A report flattened for comparison: its sentences in document order, and where each sits.

:mod:`sentence_matching` pairs two of these; :mod:`alignment` turns the pairs
into paragraph pairs. Each sentence carries its bigram profile
(:mod:`similarity`), its paragraph and container (the opening, a part's own
paragraphs, a task, the closing), its place in both, whether it is a task's
heading, and the indicators it states (:func:`generator.text.indicators.stated`).
"""

from __future__ import annotations

import dataclasses

from generator.comparison.similarity import Profile, profile
from generator.model import Paragraph, Report, Sentence
from generator.sources.grammar import SECTION_RE
from generator.text.indicators import stated

#: Titles of the containers that have none: an opening is like an opening.
_OPENING, _CLOSING = "\x00opening", "\x00closing"


def _list():
    return dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Side:
    """One report, flattened: its sentences in document order and where each sits.

    A *container* is what holds paragraphs: the opening, a part's own
    paragraphs, a task, the closing."""

    sentences: list[Sentence] = _list()
    profiles: list[Profile] = _list()
    #: sentence → its paragraph, the paragraph's first and last sentences, its container
    para_of: list[int] = _list()
    para_bounds: list[tuple[int, int]] = _list()
    container_of: list[int] = _list()
    #: sentence → relative position in the report and in its container, 0..1
    position: list[float] = _list()
    local: list[float] = _list()
    paragraphs: list[Paragraph] = _list()
    paragraph_container: list[int] = _list()
    #: container → its title: a task's title, a part's heading, or a sentinel
    titles: list[str] = _list()
    #: The sentences that are a task's heading （三）…, and the container each heads.
    headings: dict[int, int] = dataclasses.field(default_factory=dict)
    #: sentence → the (role, indicator) pairs it states (text/indicators.py: stated).
    figures: dict[int, frozenset[tuple[str, str]]] = dataclasses.field(default_factory=dict)
    _paragraph_profiles: dict[int, Profile] = dataclasses.field(default_factory=dict)

    def paragraph_profile(self, k: int) -> Profile:
        """The :class:`Profile` of paragraph ``k``, made once."""
        if k not in self._paragraph_profiles:
            self._paragraph_profiles[k] = profile(self.paragraphs[k].text)
        return self._paragraph_profiles[k]

    def first_of(self, k: int) -> int:
        return self.para_bounds[k][0]

    def last_of(self, k: int) -> int:
        return self.para_bounds[k][1]

    @classmethod
    def of(cls, report: Report) -> Side:
        groups: list[tuple[str, tuple[Paragraph, ...], bool]] = [(_OPENING, report.intro, False)]
        for section in report.sections:
            heading = SECTION_RE.sub("", section.heading or "")
            groups.append((heading, section.paragraphs, False))
            groups.extend((item.title, item.paragraphs, bool(item.marker)) for item in section.items)
        groups.append((_CLOSING, report.closing, False))
        side = cls()
        by_anchor = stated(report)
        for title, paragraphs, headed in groups:
            if not paragraphs:
                continue
            container = len(side.titles)
            side.titles.append(title)
            start = len(side.sentences)
            if headed:
                side.headings[start] = container
            for paragraph in paragraphs:
                first = len(side.sentences)
                side.paragraphs.append(paragraph)
                side.paragraph_container.append(container)
                for sentence in paragraph.sentences:
                    if sentence.id in by_anchor:
                        side.figures[len(side.sentences)] = by_anchor[sentence.id]
                    side.sentences.append(sentence)
                    side.profiles.append(profile(sentence.text))
                    side.para_of.append(len(side.paragraphs) - 1)
                    side.container_of.append(container)
                side.para_bounds.extend([(first, len(side.sentences) - 1)] * len(paragraph.sentences))
            count = len(side.sentences) - start
            side.local.extend(k / max(count - 1, 1) for k in range(count))
        total = len(side.sentences)
        side.position = [k / max(total - 1, 1) for k in range(total)]
        return side
