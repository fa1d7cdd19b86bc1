"""Lineage: which paragraphs and sentences of one report come from which of another.

Analysts read this year's report against last year's sentence by sentence:
what is new, what was dropped, what was reworded. :func:`align` answers with
a :class:`Lineage`: paragraph pairs, each holding sentence pairs, where every
paragraph and every sentence of both reports appears (see docs/compare/rules.md for
the JSON and the rules).

Alignment is on content. Sentences are paired by :mod:`sentence_matching`
(bigram similarity, with structure as evidence); paragraph pairs follow from
the sentence pairs, so a paragraph split in two pairs with both halves, two
merged paragraphs both pair with the merger, and a sentence moved to another
task pairs its old paragraph with its new one. Anchors are never compared:
they are only how the result names what it pairs.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable

from generator.comparison.chardiff import Segment, char_diff
from generator.comparison.sentence_matching import match
from generator.comparison.sides import Side
from generator.comparison.similarity import dice
from generator.model import Paragraph, Report, Sentence

#: How a sentence changed from A to B.
SAME, EDITED, NEW, REMOVED = "same", "edited", "new", "removed"
#: A second link of a sentence already paired: part of it went to another sentence of B, or another of A joined it.
SPLIT, MERGED = "split", "merged"


@dataclasses.dataclass(frozen=True)
class SentencePair:
    """A sentence of A and its counterpart in B; ``a`` is None for a new
    sentence, ``b`` for a removed one (similarity 0)."""

    a: Sentence | None
    b: Sentence | None
    similarity: float
    change: str


@dataclasses.dataclass(frozen=True)
class ParagraphPair:
    """A paragraph of A and one of B that share sentences (or one of them
    alone); its sentences are those of the two paragraphs this pair carries.
    ``similarity`` compares the two whole paragraphs (0 when one is None)."""

    a: Paragraph | None
    b: Paragraph | None
    similarity: float
    sentences: tuple[SentencePair, ...]


@dataclasses.dataclass(frozen=True)
class Lineage:
    a: Report
    b: Report
    #: In B's order; a paragraph of A alone next to where its neighbours went.
    pairs: tuple[ParagraphPair, ...]
    #: Second links (change SPLIT or MERGED) of a sentence that ``pairs`` shows
    #: new or removed, with the sentence of the other report it came from or went
    #: into (itself paired elsewhere): a sentence still appears once in ``pairs``.
    also: tuple[SentencePair, ...] = ()

    def sentence_pairs(self) -> Iterable[SentencePair]:
        for pair in self.pairs:
            yield from pair.sentences


def sentence_diff(pair: SentencePair) -> tuple[Segment, ...]:
    """What changed inside a sentence pair, character by character: all
    inserted for a new sentence, all deleted for a removed one."""
    return char_diff(pair.a.text if pair.a else "", pair.b.text if pair.b else "")


def align(a: Report, b: Report, flatten=Side.of) -> Lineage:
    """Pair the paragraphs and sentences of ``a`` (the earlier report) with those of ``b``.
    ``flatten(report)`` gives a report's :class:`Side`: an edition of many
    reports passes one that keeps each report's, which is compared with the
    year before and the year after."""
    side_a, side_b = flatten(a), flatten(b)
    matches, seconds = match(side_a, side_b)
    also = tuple(SentencePair(side_a.sentences[i], side_b.sentences[j],
                              dice(side_a.profiles[i], side_b.profiles[j]), kind)
                 for i, j, kind in seconds)
    return Lineage(a, b, _paragraph_pairs(side_a, side_b, matches), also)


#: (paragraph of A, paragraph of B): either may be None, never both.
Group = tuple[int, int] | tuple[int, None] | tuple[None, int]


def _paragraph_pairs(side_a: Side, side_b: Side, matches: dict[int, tuple[int, float]]) -> tuple[ParagraphPair, ...]:
    groups = _groups(side_a, side_b, matches)
    place = _placement(side_a, side_b, matches, groups)
    pairs = []
    for key in sorted(groups, key=place):
        pa, pb = key
        para_a = side_a.paragraphs[pa] if pa is not None else None
        para_b = side_b.paragraphs[pb] if pb is not None else None
        similarity = (dice(side_a.paragraph_profile(pa), side_b.paragraph_profile(pb))
                      if pa is not None and pb is not None else 0.0)
        sentences = tuple(p for _, p in sorted(groups[key], key=lambda entry: entry[0]))
        pairs.append(ParagraphPair(para_a, para_b, similarity, sentences))
    return tuple(pairs)


def _groups(side_a: Side, side_b: Side, matches: dict[int, tuple[int, float]]) -> dict[Group, list]:
    """Paragraph pair → its sentence pairs, each with a sort key: B's order,
    a removed sentence after the partner of the matched one before it.

    A matched sentence makes its two paragraphs a pair; an unmatched one joins
    the pair of the nearest matched sentence of its paragraph (the one before,
    else the one after), or a pair of its own paragraph alone."""
    groups: dict[Group, list[tuple[tuple, SentencePair]]] = {}
    home_a: dict[int, Group] = {}
    home_b: dict[int, Group] = {}
    for i, (j, similarity) in matches.items():
        key = (side_a.para_of[i], side_b.para_of[j])
        change = SAME if side_a.profiles[i].text == side_b.profiles[j].text else EDITED
        pair = SentencePair(side_a.sentences[i], side_b.sentences[j], similarity, change)
        groups.setdefault(key, []).append(((j, 0, i), pair))
        home_a[i], home_b[j] = key, key
    for j, sentence in enumerate(side_b.sentences):
        if j not in home_b:
            key = _nearest(j, side_b, home_b) or (None, side_b.para_of[j])
            groups.setdefault(key, []).append(((j, 0, -1), SentencePair(None, sentence, 0.0, NEW)))
    for i, sentence in enumerate(side_a.sentences):
        if i not in home_a:
            key = _nearest(i, side_a, home_a) or (side_a.para_of[i], None)
            before = max((matches[k][0] for k in range(side_a.first_of(i), i) if home_a.get(k) == key), default=-1)
            groups.setdefault(key, []).append(((before, 1, i), SentencePair(sentence, None, 0.0, REMOVED)))
    linked_a = {pa for pa, _ in groups}
    linked_b = {pb for _, pb in groups}
    for pa in range(len(side_a.paragraphs)):  # a paragraph without sentences still appears
        if pa not in linked_a:
            groups[(pa, None)] = []
    for pb in range(len(side_b.paragraphs)):
        if pb not in linked_b:
            groups[(None, pb)] = []
    return groups


def _placement(side_a: Side, side_b: Side, matches: dict[int, tuple[int, float]], groups: dict[Group, list]):
    """The sort key of each paragraph pair: B's order, pairs of one B paragraph
    by its sentences; a paragraph of A alone next to its neighbours' counterparts
    (see docs/compare/rules.md)."""
    kept = _kept_order(matches)
    # The counterparts of a linked paragraph of A: those holding its sentences
    # that kept their order, if any (a sentence moved elsewhere says little about
    # where the paragraph went); the first and the last of them in B.
    links: dict[int, dict[int, bool]] = {}
    for i, (j, _) in matches.items():
        found = links.setdefault(side_a.para_of[i], {})
        pb = side_b.para_of[j]
        found[pb] = found.get(pb, False) or i in kept
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for pa, found in links.items():
        chosen = [pb for pb, on_backbone in found.items() if on_backbone] or list(found)
        first[pa], last[pa] = min(chosen), max(chosen)
    # Otherwise: after the B paragraph of the nearest earlier sentence that kept its order.
    after: dict[int, int] = {}
    partner = -1
    for i in range(len(side_a.sentences)):
        if side_a.first_of(i) == i:
            after[side_a.para_of[i]] = partner
        if i in kept:
            partner = side_b.para_of[matches[i][0]]
    first_b = {key: min((k[0] for k, pair in entries if pair.b is not None), default=-1)
               for key, entries in groups.items()}

    def place(key: Group) -> tuple:
        if key[1] is not None:
            pa, pb = key
            return (pb, 0, first_b[key], -1 if pa is None else pa)
        pa = key[0]  # a paragraph of A alone
        container = side_a.paragraph_container[pa]
        for p in range(pa - 1, -1, -1):  # after the nearest earlier one of its task that has a counterpart
            if side_a.paragraph_container[p] != container:
                break
            if p in last:
                return (last[p], 1, 0, pa)
        for p in range(pa + 1, len(side_a.paragraphs)):  # or before the nearest later one
            if side_a.paragraph_container[p] != container:
                break
            if p in first:
                return (first[p], -1, 0, pa)
        return (after.get(pa, -1), 1, 0, pa)

    return place


def _kept_order(matches: dict[int, tuple[int, float]]) -> set[int]:
    """The sentences of A whose pairs kept their order: a longest run of pairs
    increasing in both reports (patience sorting); moved sentences are the rest."""
    tails: list[int] = []  # tails[n]: the smallest B index ending a run of n + 1 pairs
    ends: list[int] = []   # …and the A index of that pair
    back: dict[int, int | None] = {}
    for i in sorted(matches):
        j = matches[i][0]
        n = bisect.bisect_left(tails, j)
        back[i] = ends[n - 1] if n else None
        if n == len(tails):
            tails.append(j)
            ends.append(i)
        else:
            tails[n], ends[n] = j, i
    kept: set[int] = set()
    at = ends[-1] if ends else None
    while at is not None:
        kept.add(at)
        at = back[at]
    return kept


def _nearest(k: int, side: Side, home: dict) -> tuple | None:
    """The group of the matched sentence nearest ``k`` in its paragraph: before it, else after."""
    first, last = side.first_of(k), side.last_of(k)
    for other in [*range(k - 1, first - 1, -1), *range(k + 1, last + 1)]:
        if other in home:
            return home[other]
    return None


# --- JSON -----------------------------------------------------------------------------


def _side_json(report: Report) -> dict:
    return {"year": report.year or None, "path": report.path}


def lineage_json(lineage: Lineage, outside: frozenset[int] = frozenset()) -> dict:
    """The JSON of ``python -m generator compare`` (docs/compare/rules.md).
    ``outside``: the pairs (by id) beyond what the other text holds (an
    excerpt), marked ``"in_scope": false``."""

    def anchor(node) -> str | None:
        return node.id if node is not None else None

    def sentence(s: SentencePair) -> dict:
        found: dict[str, object] = {"a": anchor(s.a), "b": anchor(s.b), "similarity": round(s.similarity, 3),
                                    "change": s.change,
                 "text_a": s.a.text if s.a else None, "text_b": s.b.text if s.b else None}
        if s.change == EDITED:  # what changed, character by character (a figure whole)
            found["diff"] = [[segment.op, segment.text] for segment in sentence_diff(s)]
        if id(s) in outside:
            found["in_scope"] = False
        return found

    return {
        "a": _side_json(lineage.a),
        "b": _side_json(lineage.b),
        "pairs": [
            {"a": anchor(pair.a), "b": anchor(pair.b), "similarity": round(pair.similarity, 3),
             "sentences": [sentence(s) for s in pair.sentences]}
            for pair in lineage.pairs
        ],
        "also": [{"a": anchor(s.a), "b": anchor(s.b), "similarity": round(s.similarity, 3), "change": s.change}
                 for s in lineage.also],
    }
