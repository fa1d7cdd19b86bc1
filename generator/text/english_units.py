"""The English of a report as its page shows it: titles and leads split off,
glossary renderings found.

A task's first paragraph opens with its title, and every other paragraph of a
task with its lead (bold in print). The Chinese marks them as sentences of
their own; an English unit is one run of text, so its title or lead is its
first sentence: up to the first ``.``, ``?`` or ``!`` (and any closing quote
or bracket) that a space and a capital letter follow, past a task number that
opens the unit (``1.``, ``(1)``, ``III.``). Where the English has no such
break but the Chinese does, ``check`` says so and the page falls back to the
block's pinpoint as its English heading.

For each glossary term in a block's Chinese, the entry's preferred rendering
or one of its listed alternatives should appear in the English: the
terminology check. The same search gives the page its annotations, so what
the check accepts is what the reader sees marked: the first rendering of each
term in a unit links to the term's page, as the first Chinese occurrence in
the paragraph does. Matching ignores case, the kind of apostrophe or
quotation mark, a leading article and how words are spaced; it starts at the
start of a word and takes the rest of the word it ends in (reform, reforms).
The text itself is never changed: a span only says where a rendering is.
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

# A task or part number opening a unit, kept inside the title: "1. ", "(1) ", "III. ".
_NUMBER = re.compile(r"(?:\(\d+\)|\d+\.|[IVXLC]+\.)\s+")
# The end of a sentence: the white space after it is where the rest begins.
_END = re.compile(r"[.?!][”’\"')\]]*(\s+)(?=[“‘\"'(\[]?[A-Z])")


@dataclasses.dataclass(frozen=True)
class EnglishUnit:
    """One unit's English, with where its title or lead ends (``head``) and
    where the rest of the unit begins (``rest``): both 0 for a unit without
    one, both the length of the text for a unit that is all title."""

    text: str
    head: int = 0
    rest: int = 0
    #: The annotated renderings, in order: the first of each term's in the unit.
    spans: tuple[Span, ...] = ()

    def part(self, which: str) -> tuple[str, tuple[Span, ...]]:
        """The text of ``head``, ``rest`` or ``all``, and the spans inside it
        (positions relative to that text)."""
        start, end = {"head": (0, self.head), "rest": (self.rest, len(self.text)), "all": (0, len(self.text))}[which]
        spans = tuple(Span(s.start - start, s.end - start, s.slug) for s in self.spans
                      if s.start >= start and s.end <= end)
        return self.text[start:end], spans

    def shown(self, which: str) -> tuple[str, tuple[Span, ...]] | None:
        """:meth:`part` as a page shows it: None for a title or lead (``head``),
        or what follows one (``rest``), that the unit does not have."""
        text, spans = self.part(which)
        if which != "all" and not (self.head and text):
            return None
        return text, spans


def split_head(text: str) -> tuple[int, int] | None:
    """Where the first sentence of ``text`` ends and the next begins; None if it is one sentence."""
    number = _NUMBER.match(text)
    found = _END.search(text, number.end() if number else 0)
    if found is None:
        return None
    return found.start(1), found.end(1)


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


def _headed(report: Report) -> dict[str, tuple[str, int]]:
    """Paragraph id → ("title" or "lead", how many Chinese sentences it has), for
    every paragraph that opens with a task title or a lead."""
    out = {}
    for section in report.sections:
        for item in section.items:
            out[item.paragraphs[0].id] = ("title", len(item.paragraphs[0].sentences))
            out.update((p.id, ("lead", len(p.sentences))) for p in item.paragraphs[1:] if p.has_lead)
    return out


def english_units(report: Report, translation: Translation, glossary: Glossary, occurrences,
                  diagnostics: Diagnostics) -> dict[str, EnglishUnit]:
    """Anchor → the unit as the page shows it, for every block with English;
    notices for renderings the English lacks and titles or leads it does not split off."""
    terms: dict[str, list[str]] = {}
    for occurrence in occurrences:
        if occurrence.year == report.year:
            slugs = terms.setdefault(occurrence.paragraph_id, [])
            if occurrence.slug not in slugs:
                slugs.append(occurrence.slug)
    headed = _headed(report)
    expected = {block.id for block in report.text_blocks()}
    out = {}
    for anchor, unit in translation.units.items():
        if anchor not in expected:
            continue  # load_translation has said so
        line = translation.doc.line(("units", anchor)) if translation.doc else None
        spans, missing = locate(unit.en, terms.get(anchor, []), glossary)
        for slug in missing:
            entry = glossary.by_slug[slug].entry
            diagnostics.info(translation.path, line,
                             f"terminology: {anchor} has {entry.term} but its English lacks "
                             f"'{entry.english.preferred}' (or a listed alternative)")
        head = rest = 0
        if anchor in headed:
            kind, sentences = headed[anchor]
            split = split_head(unit.en) if sentences > 1 else None
            if split:
                head, rest = split
            elif sentences == 1:
                head = rest = len(unit.en)
            else:
                diagnostics.info(translation.path, line,
                                 f"{anchor}: the English should open with the {kind} as a sentence of its own "
                                 "(ending in . ? or ! before a capital letter), as the Chinese does; until then "
                                 f"the page shows no English {kind}")
        out[anchor] = EnglishUnit(unit.en, head, rest, spans)
    return out


def english_labels(report: Report, units: Mapping[str, EnglishUnit], labels: Mapping[str, Label]) -> dict[str, str]:
    """Anchor → the English name of each block the table of contents lists:
    a part's heading, a task's title, a lead, "Opening" and "Closing". Where the
    English is pending (or has no title or lead of its own) the block's pinpoint
    stands in, e.g. "Part III, task 1"."""

    def head(paragraph_id: str, anchor: str) -> str:
        unit = units.get(paragraph_id)
        return unit.text[:unit.head] if unit and unit.head else labels[anchor].en

    out = {}
    if report.intro:
        out[report.intro[0].id] = "Opening"
    for section in report.sections:
        unit = units.get(section.id)
        out[section.id] = (unit.text if unit else labels[section.id].en) if section.heading else \
            f"Part {section.number} (excerpt)"
        for item in section.items:
            out[item.id] = head(item.paragraphs[0].id, item.id)
            out.update((p.id, head(p.id, p.id)) for p in item.paragraphs if p.has_lead)
    if report.closing:
        out[report.closing[0].id] = "Closing"
    return out
