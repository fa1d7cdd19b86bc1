"""The English of a report as its page shows it: each block's units in order,
titles and leads known, glossary renderings found.

A block (a paragraph, a part heading) has one English unit per segment of its
Chinese (:func:`generator.sources.translation.segments`): mostly one per
sentence. A task's first paragraph opens with its title, and every other
paragraph of a task with its lead (bold in print); the Chinese marks them as
sentences of their own, so the English of that first sentence is the title
or lead. Where a unit answers the title and more, ``check`` says so and the
page falls back to the block's pinpoint as its English heading.

For each glossary term in a sentence's Chinese, the entry's preferred
rendering or one of its listed alternatives should appear in that
sentence's English: the terminology check. The same search gives the page
its annotations, so what the check accepts is what the reader sees marked:
the first rendering of each term in a block links to the term's page, as the
first Chinese occurrence in the paragraph does. Matching ignores case, the
kind of apostrophe or quotation mark, a leading article and how words are
spaced; it starts at the start of a word and takes the rest of the word it
ends in (reform, reforms). The text itself is never changed: a span only
says where a rendering is.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping

from generator.diagnostics import Diagnostics
from generator.model import Report
from generator.sources.glossary import Glossary
from generator.sources.translation import Translation
from generator.text.citation import Label
from generator.text.term_matching import Span


@dataclasses.dataclass(frozen=True)
class EnglishSentence:
    """One unit's English: what answers one sentence of the Chinese (or a run of them)."""

    anchor: str  # the unit's key
    sentences: tuple[str, ...]  # the Chinese sentences it answers
    status: str  # translation.OK, STALE, CARRIED, SUGGESTED, MISSING
    text: str | None  # None while pending
    #: The annotated renderings in it: the first of each term's in the block.
    spans: tuple[Span, ...] = ()
    was: str | None = None  # a suggestion's Chinese: what the English was made from


@dataclasses.dataclass(frozen=True)
class EnglishUnit:
    """A block's English, unit by unit; ``head``: its first unit is a task's
    title or a paragraph's lead."""

    sentences: tuple[EnglishSentence, ...]
    head: bool = False

    @property
    def text(self) -> str:
        """The English there is, joined as it reads."""
        return " ".join(s.text for s in self.sentences if s.text is not None)

    @property
    def pending(self) -> bool:
        return all(s.text is None for s in self.sentences)

    def of(self, sentence: str) -> EnglishSentence | None:
        """The unit that answers the Chinese sentence ``sentence``."""
        return next((s for s in self.sentences if sentence in s.sentences), None)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("’", "'").replace("“", '"').replace("”", '"'))


@functools.cache
def _pattern(rendering: str, flags: int = 0) -> re.Pattern:
    """A rendering as it may be written: any case (the pattern is lowercase,
    for text lowered first: IGNORECASE made compiling the glossary's 270
    patterns three times slower), any run of spaces, either quote mark, and
    inflected (``…forces`` finds ``…force``s)."""
    core = _core(rendering)
    spelled = "".join(r"\s+" if c == " " else "['’]" if c == "'" else '["“”]' if c == '"' else re.escape(c)
                      for c in core)
    return re.compile(rf"(?<![A-Za-z0-9]){spelled}[A-Za-z]*", flags)


_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: What _plain cannot stand for: a run of spaces, or a space other than " ".
_SPACING = re.compile(r"\s\s|[^\S ]")


@functools.cache
def _core(rendering: str) -> str:
    return re.sub(r"^(the|a|an) ", "", _normal(rendering).strip())


def _plain(core: str, text: str):
    """What ``_pattern(core)`` finds in ``text``, without compiling it: for a
    text lowered, with single spaces and with straight quotes, where the
    pattern's classes reduce to the characters themselves."""
    start = text.find(core)
    while start != -1:
        if start and text[start - 1] in _WORD:  # the pattern's (?<![A-Za-z0-9])
            start = text.find(core, start + 1)
            continue
        end = start + len(core)
        while end < len(text) and text[end] in _LETTERS:  # inflected: [A-Za-z]*
            end += 1
        yield start, end
        start = text.find(core, end)


def locate(text: str, slugs: list[str], glossary: Glossary) -> tuple[tuple[Span, ...], list[str]]:
    """The first rendering of each term (``slugs``) in ``text``, never two
    overlapping (leftmost first, then longest), and the terms with none."""
    hits, missing = [], []
    lowered = text.lower()
    # Lowering keeps offsets unless a letter lowers to two (İ): then the pattern folds case itself.
    flags = 0 if len(lowered) == len(text) else re.IGNORECASE
    searched = lowered if flags == 0 else text
    # Most texts are lowered words between single spaces: found by str.find,
    # as compiling the glossary's 270 patterns was most of this step.
    plain = None if flags or _SPACING.search(searched) else \
        searched.replace("’", "'").replace("“", '"').replace("”", '"')
    for slug in slugs:
        english = glossary.by_slug[slug].entry.english
        renderings = (english.preferred, *(r.rendering for r in english.others))
        if plain is not None and all(_core(r) for r in renderings):
            found = [(start, end, slug) for r in renderings for start, end in _plain(_core(r), plain)]
        else:
            found = [(m.start(), m.end(), slug) for r in renderings for m in _pattern(r, flags).finditer(searched)]
        if not found:
            missing.append(slug)
        hits.extend(found)
    spans, done, reached = [], set(), 0
    for start, end, slug in sorted(hits, key=lambda h: (h[0], h[0] - h[1])):
        if start >= reached and slug not in done:
            spans.append(Span(start, end, slug))
            done.add(slug)
            reached = end
    return tuple(spans), missing


def _headed(report: Report) -> dict[str, str]:
    """Paragraph id → "title" or "lead", for every paragraph that opens with a task title or a lead."""
    out = {}
    for section in report.sections:
        for item in section.items:
            out[item.paragraphs[0].id] = "title"
            out.update((p.id, "lead") for p in item.paragraphs[1:] if p.has_lead)
    return out


def english_units(report: Report, translation: Translation, glossary: Glossary, occurrences,
                  diagnostics: Diagnostics) -> dict[str, EnglishUnit]:
    """Block anchor → its English as the page shows it, for every paragraph
    and heading; notices for renderings a unit lacks and titles or leads it
    does not give a unit of their own."""
    terms: dict[str, list[str]] = {}
    for occurrence in occurrences:
        if occurrence.year == report.year:
            slugs = terms.setdefault(occurrence.sentence_id, [])
            if occurrence.slug not in slugs:
                slugs.append(occurrence.slug)
    headed = _headed(report)
    out = {}
    for block, segments in translation.by_block.items():
        made: list[EnglishSentence] = []
        linked: set[str] = set()
        for segment in segments:
            unit = translation.units.get(segment.anchor)
            status = translation.status(segment.anchor)
            if unit is None:
                made.append(EnglishSentence(segment.anchor, segment.sentences, status, None))
                continue
            line = translation.doc.line(("units", segment.anchor)) if translation.doc else None
            wanted = list(dict.fromkeys(slug for s in segment.sentences for slug in terms.get(s, ())))
            spans, missing = locate(unit.en, wanted, glossary)
            for slug in missing:
                entry = glossary.by_slug[slug].entry
                diagnostics.info(translation.path, line,
                                 f"terminology: {segment.anchor} has {entry.term} but its English lacks "
                                 f"'{entry.english.preferred}' (or a listed alternative)")
            # Linked once a block, as the Chinese is; the rest are plain.
            spans = tuple(dataclasses.replace(span, linked=span.slug not in linked) for span in spans)
            linked.update(span.slug for span in spans)
            made.append(EnglishSentence(segment.anchor, segment.sentences, status, unit.en, spans, unit.was))
        head = block in headed and len(made[0].sentences) == 1
        if block in headed and not head:
            line = translation.doc.line(("units", made[0].anchor)) if translation.doc else None
            diagnostics.info(translation.path, line,
                             f"{made[0].anchor}: the {headed[block]} should be a unit of its own, as it is a "
                             f"sentence of its own in the Chinese; until then the page shows no English "
                             f"{headed[block]}")
        out[block] = EnglishUnit(tuple(made), head)
    return out


def english_labels(report: Report, units: Mapping[str, EnglishUnit], labels: Mapping[str, Label]) -> dict[str, str]:
    """Anchor → the English name of each block the table of contents lists:
    a part's heading, a task's title, a lead, "Opening" and "Closing". Where the
    English is pending (or has no title or lead of its own) the block's pinpoint
    stands in, e.g. "Part III, task 1"."""

    def head(paragraph_id: str, anchor: str) -> str:
        unit = units.get(paragraph_id)
        first = unit.sentences[0].text if unit and unit.head else None
        return first if first is not None else labels[anchor].en

    out = {}
    if report.intro:
        out[report.intro[0].id] = "Opening"
    for section in report.sections:
        unit = units.get(section.id)
        out[section.id] = (unit.text if unit and not unit.pending else labels[section.id].en) \
            if section.heading else f"Part {section.number} (excerpt)"
        for item in section.items:
            out[item.id] = head(item.paragraphs[0].id, item.id)
            out.update((p.id, head(p.id, p.id)) for p in item.paragraphs if p.has_lead)
    if report.closing:
        out[report.closing[0].id] = "Closing"
    return out
