"""What changed between two reports, in the terms an analyst reads first.

From a :class:`~generator.comparison.alignment.Lineage` (and whether each
report is whole or an excerpt), :func:`summarize` gives:

* the counts of same, edited, new and removed sentences **within what both
  texts hold**: when the earlier text is an excerpt (this edition's 2022
  begins at task 九), the later report's sentences before the first clause
  they share, or after the last, cannot be called new; they are counted apart
  and the page says so (and the same for removed sentences against a later excerpt);
* the tasks that moved or were renumbered (2022's （九） is 2024's （十）),
  and the sentences that moved between tasks, by the two tasks;
* every figure that changed in an edited clause, before → after, whole
  (赤字规模 4.06 → 5.66 万亿元), with its pinpoint and row.

Pure: no page, no link; the compare page writes it (writers/site/compare_page.py).
"""

from __future__ import annotations

import collections
import dataclasses
import re

from generator.comparison.alignment import EDITED, NEW, REMOVED, SAME, Lineage, SentencePair, sentence_diff
from generator.comparison.chardiff import DELETE, EQUAL, INSERT

#: A figure with its unit, as the reports write amounts.
_FIGURE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
                     r"(?:%|个百分点|万亿元|亿元|万亿斤|亿斤|万人|万元|元|万|亿|件|个)?")
#: How far after a change its unit is looked for.
_UNIT_SPAN = 4
#: How much of the words before a changed figure name what it counts.
_CONTEXT = 12


def container(anchor: str) -> str:
    """The task (or part, opening, closing) an anchor is in: ``sec_3__item_9`` of ``sec_3__item_9__para_1__sent_2``."""
    return anchor.split("__para_", 1)[0]


@dataclasses.dataclass(frozen=True)
class FigureChange:
    """A figure of an edited clause: the words before it, and the figure in each report."""

    pair: SentencePair
    context: str
    before: str
    after: str


@dataclasses.dataclass(frozen=True)
class Move:
    """Sentences of task ``a`` (a container of A) whose counterparts are in task ``b`` of B."""

    a: str
    b: str
    sentences: int
    #: The tasks are one (most of ``a`` went to ``b``), under another number.
    renumbered: bool


@dataclasses.dataclass(frozen=True)
class Summary:
    #: same / edited / new / removed, within what both texts hold
    counts: dict[str, int]
    #: Sentences left out of the counts, by side: of B beyond A's excerpt
    #: (new to this edition's text of A, not to the report), of A beyond B's.
    beyond: dict[str, int]
    moves: tuple[Move, ...]
    figures: tuple[FigureChange, ...]
    #: The pairs the counts leave out (the page marks their rows).
    outside: frozenset[int]
    years: tuple[int, int]

    def in_scope(self, pair: SentencePair) -> bool:
        return id(pair) not in self.outside


def _outside(lineage: Lineage, whole_a: bool, whole_b: bool) -> set[int]:
    """The pairs (by id) of a sentence alone beyond what the other text holds.

    What an excerpt of A holds, B holds in the tasks (or parts, openings,
    closings) where most of each of A's tasks went: from the first of them to
    the last. A sentence of B alone outside that span, in a paragraph none of
    whose sentences pairs, is beyond A's excerpt; a few sentences moved far
    (2022's education paragraph, now in 2024's task 二) do not widen the span,
    but their paragraph stays in it."""
    pairs = list(lineage.sentence_pairs())
    out: set[int] = set()
    for side, other_whole, change in (("b", whole_a, NEW), ("a", whole_b, REMOVED)):
        if other_whole:
            continue
        report = lineage.b if side == "b" else lineage.a
        order = [s.id for p in report.paragraphs() for s in p.sentences]
        index = {anchor: k for k, anchor in enumerate(order)}
        links = collections.Counter((container(p.a.id), container(p.b.id)) for p in pairs if p.a and p.b)
        main: dict[str, str] = {}
        for (a, b), _ in links.most_common():
            main.setdefault(a if side == "b" else b, b if side == "b" else a)
        held = {index[anchor] for anchor in order if container(anchor) in set(main.values())}
        if not held:
            continue
        first, last = min(held), max(held)
        linked = {paragraph_of(getattr(p, side).id) for p in pairs if p.a and p.b}
        for p in pairs:
            mine = getattr(p, side)
            if p.change == change and not first <= index[mine.id] <= last and paragraph_of(mine.id) not in linked:
                out.add(id(p))
    return out


def paragraph_of(anchor: str) -> str:
    return anchor.split("__sent_", 1)[0]


def _moves(lineage: Lineage) -> tuple[Move, ...]:
    links = collections.Counter((container(p.a.id), container(p.b.id))
                                for p in lineage.sentence_pairs() if p.a and p.b)
    main: dict[str, str] = {}
    for (a, b), _ in sorted(links.items(), key=lambda kv: -kv[1]):
        main.setdefault(a, b)
    moves = []
    for (a, b), n in sorted(links.items()):
        number_a, number_b = a.rsplit("__item_", 1)[-1], b.rsplit("__item_", 1)[-1]
        renumbered = main[a] == b and "__item_" in a and "__item_" in b and number_a != number_b
        if renumbered or main[a] != b:
            moves.append(Move(a, b, n, renumbered))
    return tuple(moves)


def _figures(lineage: Lineage) -> tuple[FigureChange, ...]:
    """Each amount an edited clause changed: the figures of one change (what
    was deleted and what was inserted at one place), in order, each with its
    unit (the unit usually stays, so it is read from the words after)."""
    found = []
    for pair in lineage.sentence_pairs():
        if pair.change != EDITED:
            continue
        segments = list(sentence_diff(pair))
        k = 0
        while k < len(segments):
            if segments[k].op == EQUAL:
                k += 1
                continue
            end = k
            while end < len(segments) and segments[end].op != EQUAL:
                end += 1
            after_words = segments[end].text[:_UNIT_SPAN] if end < len(segments) else ""
            before = _FIGURE.findall("".join(s.text for s in segments[k:end] if s.op == DELETE) + after_words)
            after = _FIGURE.findall("".join(s.text for s in segments[k:end] if s.op == INSERT) + after_words)
            context = segments[k - 1].text[-_CONTEXT:] if k else ""
            for old, new in zip(before, after):
                if old != new:  # an amount changed, not added or dropped
                    found.append(FigureChange(pair, context, old, new))
            k = end
    return tuple(found)


def summarize(lineage: Lineage, whole_a: bool, whole_b: bool) -> Summary:
    outside = _outside(lineage, whole_a, whole_b)
    counts = dict.fromkeys((SAME, EDITED, NEW, REMOVED), 0)
    beyond = {"a": 0, "b": 0}
    for pair in lineage.sentence_pairs():
        if id(pair) in outside:
            beyond["b" if pair.change == NEW else "a"] += 1
        else:
            counts[pair.change] += 1
    return Summary(counts, beyond, _moves(lineage), _figures(lineage), frozenset(outside),
                   (lineage.a.year, lineage.b.year))


#: A phrase the report sets in quotation marks (“人工智能+”, “两重”): a name it coins or adopts.
_QUOTED = re.compile(r"“([^“”]{2,12})”")


@dataclasses.dataclass(frozen=True)
class TermChanges:
    #: Glossary terms (slug, times in B) in B and never in A, within what both hold.
    first: tuple[tuple[str, int], ...]
    #: Glossary terms that B uses more (or less) often than A, per character of what both hold.
    rose: int
    fell: int
    #: Phrases B quotes (“…”) that A's text never holds, first appearance first.
    phrases: tuple[str, ...]


def term_changes(lineage: Lineage, summary: Summary, occurrences) -> TermChanges:
    """The glossary terms and quoted phrases that first appear in B, and how
    many terms rose or fell, counted only over the sentences both texts hold
    (an excerpt's absent tasks would otherwise make every term 'new')."""
    held: dict[str, set[str]] = {"a": set(), "b": set()}
    size = {"a": 0, "b": 0}
    for pair in lineage.sentence_pairs():
        if not summary.in_scope(pair):
            continue
        for side in ("a", "b"):
            sentence = getattr(pair, side)
            if sentence is not None:
                held[side].add(sentence.id)
                size[side] += len(sentence.text)
    counts: dict[str, collections.Counter] = {"a": collections.Counter(), "b": collections.Counter()}
    years = {"a": lineage.a.year, "b": lineage.b.year}
    for found in occurrences:
        for side in ("a", "b"):
            if found.year == years[side] and found.sentence_id in held[side]:
                counts[side][found.slug] += 1
    first = tuple(sorted(((slug, n) for slug, n in counts["b"].items() if not counts["a"][slug]),
                         key=lambda item: (-item[1], item[0])))
    rate = {side: (lambda slug, side=side: counts[side][slug] / max(size[side], 1)) for side in ("a", "b")}
    shared = set(counts["a"]) | set(counts["b"])
    rose = sum(1 for slug in shared if counts["a"][slug] and rate["b"](slug) > rate["a"](slug))
    fell = sum(1 for slug in shared if rate["b"](slug) < rate["a"](slug))
    text_a = "".join(s.text for p in lineage.a.paragraphs() for s in p.sentences)
    phrases: list[str] = []
    for pair in lineage.sentence_pairs():
        if pair.b is not None and summary.in_scope(pair):
            for phrase in _QUOTED.findall(pair.b.text):
                if phrase not in text_a and phrase not in phrases:
                    phrases.append(phrase)
    return TermChanges(first, rose, fell, tuple(phrases))
