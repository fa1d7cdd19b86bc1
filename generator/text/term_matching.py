"""Find glossary terms in running Chinese text.

Chinese has no spaces between words, so word-boundary matchers (Python-
Markdown's ``abbr``, the MkDocs glossary plugins) cannot work. This is a trie
over every term and alias of every entry: at each position we walk it once and
keep the longest form that matches (leftmost first, longest wins), so the cost
depends on the text and the length of the longest term, not on how many
entries there are.

A form can sit inside a longer word that is not the term; an entry lists such
contexts in ``not_in`` and a match inside one of them is skipped (a shorter
form at the same place may still match).

Matching runs on the Simplified text of the document model, before any
conversion or markup, so anchors and HTML are never touched.

A form that matches more than ``FREQUENT_LIMIT`` times in one report marks
words, not a term: :func:`refuse_frequent` makes it an error, naming the form
(the alias, when an alias matched) and its count.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from generator.diagnostics import Diagnostics
from generator.model import Report
from generator.sources.glossary import Glossary
from generator.sources.glossary_noise import FREQUENT_LIMIT, form_loc, form_name, noise

_END = ""  # key of a trie node's payload; never a character of the text


@dataclasses.dataclass(frozen=True)
class Span:
    start: int
    end: int
    slug: str
    #: True for the occurrence that carries the tooltip and link: the first of
    #: its term in each paragraph (the rest are plain, but in the concordance).
    linked: bool = True


@dataclasses.dataclass(frozen=True)
class Occurrence:
    year: int
    slug: str
    paragraph_id: str
    sentence_id: str
    sentence: str
    start: int
    end: int


class Matcher:
    def __init__(self, glossary: Glossary):
        self.root: dict = {}
        # The first two characters of every form (and one-character forms):
        # a position whose next two characters start no form is skipped with
        # one set lookup, so a large glossary does not make every position
        # start a walk.
        self.heads: set[str] = set()
        for loaded in glossary.entries:
            entry = loaded.entry
            for form in entry.forms:
                self.heads.add(form[:2])
                # (context, offset of the form inside it) for every not_in context
                contexts = tuple(
                    (context, offset)
                    for context in entry.not_in
                    for offset in _offsets(context, form)
                )
                node = self.root
                for char in form:
                    node = node.setdefault(char, {})
                node[_END] = (entry.slug, contexts)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, slug) matches, leftmost first, longest wins."""
        found = []
        i, n = 0, len(text)
        heads = self.heads
        node: dict | None  # None once the text leaves the trie
        while i < n:
            if text[i:i + 2] not in heads and text[i] not in heads:
                i += 1
                continue
            node, j, best = self.root, i, None
            while j < n:
                node = node.get(text[j])
                if node is None:
                    break
                j += 1
                payload = node.get(_END)
                if payload is not None and not _excluded(text, i, payload[1]):
                    best = (i, j, payload[0])
            if best is None:
                i += 1
            else:
                found.append(best)
                i = best[1]
        return found


def _offsets(context: str, form: str) -> list[int]:
    offsets, start = [], context.find(form)
    while start != -1:
        offsets.append(start)
        start = context.find(form, start + 1)
    return offsets


def _excluded(text: str, start: int, contexts) -> bool:
    for context, offset in contexts:
        begin = start - offset
        if begin >= 0 and text.startswith(context, begin):
            return True
    return False


def annotate(report: Report, matcher: Matcher) -> tuple[dict[str, tuple[Span, ...]], list[Occurrence]]:
    """Spans per sentence (or heading) id, and every occurrence in document order."""
    spans: dict[str, tuple[Span, ...]] = {}
    occurrences: list[Occurrence] = []
    for block in report.text_blocks():
        block_id, pieces = block.id, block.pieces
        seen: set[str] = set()
        for anchor, text in pieces:
            found = []
            for start, end, slug in matcher.find(text):
                found.append(Span(start, end, slug, linked=slug not in seen))
                seen.add(slug)
                occurrences.append(Occurrence(report.year, slug, block_id, anchor, text, start, end))
            if found:
                spans[anchor] = tuple(found)
    return spans, occurrences


def by_slug(occurrences: list[Occurrence]) -> dict[str, list[Occurrence]]:
    grouped: dict[str, list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        grouped[occurrence.slug].append(occurrence)
    return grouped


def refuse_frequent(glossary: Glossary, occurrences: list[Occurrence], diagnostics: Diagnostics) -> set[str]:
    """An error at each term or alias that matches more than FREQUENT_LIMIT
    times in one report, unless its entry's ``frequent_reason:`` says why;
    the slugs of the entries refused. A warning where ``frequent_reason:`` is
    given but no form needs it."""
    # (slug, form, year) → matches: a match is the form itself, so the text it covers names it.
    counts = Counter((o.slug, o.sentence[o.start:o.end], o.year) for o in occurrences)
    most: dict[tuple[str, str], tuple[int, int]] = {}  # (slug, form) → (matches, year) in its busiest report
    total: Counter[tuple[str, str]] = Counter()
    for (slug, form, year), count in counts.items():
        total[slug, form] += count
        if count > most.get((slug, form), (0, 0))[0]:
            most[slug, form] = (count, year)
    refused = set()
    for item in glossary.entries:
        entry = item.entry
        needed = False
        for index, form in enumerate(entry.forms):
            count, year = most.get((entry.slug, form), (0, 0))
            if count <= FREQUENT_LIMIT:
                needed = needed or noise(form) is not None
                continue
            needed = True
            if entry.frequent_reason:
                continue
            refused.add(entry.slug)
            diagnostics.error(item.path, item.doc.line(form_loc(index)),
                              f"{form_name(index, form)} matches {count} times in the {year} report "
                              f"({total[entry.slug, form]} in all reports): more than {FREQUENT_LIMIT} marks in "
                              "one report are ordinary words, not a term; use a longer form, or list the words "
                              "it must not match in not_in:; or, if the entry truly needs this form, say why in "
                              "frequent_reason:")
        if entry.frequent_reason and not needed:
            diagnostics.warning(item.path, item.doc.line(("frequent_reason",)),
                                "frequent_reason is given but no term or alias needs it (none is a single "
                                "character or only punctuation, none matches more than "
                                f"{FREQUENT_LIMIT} times in a report); remove frequent_reason")
    return refused


def without(annotations: dict[int, dict[str, tuple[Span, ...]]], occurrences: list[Occurrence],
            slugs: set[str]) -> tuple[dict[int, dict[str, tuple[Span, ...]]], list[Occurrence]]:
    """The annotations and occurrences with no mark of the entries ``slugs``."""
    kept: dict[int, dict[str, tuple[Span, ...]]] = {}
    for year, spans in annotations.items():
        kept[year] = {}
        for anchor, found in spans.items():
            rest = tuple(span for span in found if span.slug not in slugs)
            if rest:
                kept[year][anchor] = rest
    return kept, [o for o in occurrences if o.slug not in slugs]


def segments(text: str, spans: tuple[Span, ...] | None) -> list[tuple[str, Span | None]]:
    """Split a sentence into plain runs and term runs, for templates."""
    if not spans:
        return [(text, None)]
    out: list[tuple[str, Span | None]] = []
    position = 0
    for span in spans:
        if span.start > position:
            out.append((text[position:span.start], None))
        out.append((text[span.start:span.end], span))
        position = span.end
    if position < len(text):
        out.append((text[position:], None))
    return out
