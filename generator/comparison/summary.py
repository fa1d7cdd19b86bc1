"""What changed between two reports, in the terms an analyst reads first.

From a :class:`~generator.comparison.alignment.Lineage` (and whether each
report is whole or an excerpt), :func:`summarize` gives:

* the counts of same, edited, new and removed sentences **within what both
  texts hold**: when the earlier text is an excerpt (this edition's 2022
  begins at task 九), the later report's sentences before the first clause
  they share, or after the last, cannot be called new; they are counted apart
  and the page says so (and the same for removed sentences against a later excerpt);
* the tasks whose sentences went to a task of another number (2022's （九）
  mostly to 2024's （十）, five of them to （二）), two sentences at least;
* every figure that changed in an edited clause, before → after, whole with
  its qualifier (6%以上 → 5%左右), paired by unit and by the words before it;
* the glossary terms and quoted phrases one text has and the other not, and
  the terms used clearly more or less often (:func:`term_changes`).

Pure: no page, no link; the compare page writes it (writers/site/compare_page.py).
"""

from __future__ import annotations

import collections
import dataclasses
import re

from generator.comparison.alignment import EDITED, MERGED, NEW, REMOVED, SAME, SPLIT, Lineage, SentencePair
from generator.model import container_of, paragraph_of
from generator.text.figures import FIGURE, is_year, unit

#: How many characters before a figure say what it counts (国内生产总值增长 6%).
_BEFORE = 6
#: At most this much of a clause is shown before its changed figure.
_CONTEXT = 16
_CLAUSE_START = re.compile(r"[，。；：、]")


@dataclasses.dataclass(frozen=True)
class FigureChange:
    """A figure of an edited clause: the words before it, and the figure in each report."""

    pair: SentencePair
    context: str
    before: str
    after: str


@dataclasses.dataclass(frozen=True)
class Move:
    """Sentences of task ``a`` of A whose counterparts are in task ``b`` of B (two at least)."""

    a: str
    b: str
    sentences: int
    #: Most of ``a``'s paired sentences went to ``b``: its main successor, under another number or part.
    main: bool


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
    #: A new sentence split off one of A, or a removed one merged into one of B:
    #: ("b" or "a", its anchor) → the second link (Lineage.also).
    seconds: dict[tuple[str, str], SentencePair] = dataclasses.field(default_factory=dict)

    def in_scope(self, pair: SentencePair) -> bool:
        return id(pair) not in self.outside

    def second(self, pair: SentencePair) -> SentencePair | None:
        """The split or merge link of a sentence the pairs show alone, if it has one."""
        if pair.change == NEW and pair.b is not None:
            return self.seconds.get(("b", pair.b.id))
        if pair.change == REMOVED and pair.a is not None:
            return self.seconds.get(("a", pair.a.id))
        return None


def _links(lineage: Lineage) -> collections.Counter:
    """(container of A, container of B) → how many sentence pairs join them."""
    return collections.Counter((container_of(p.a.id), container_of(p.b.id))
                               for p in lineage.sentence_pairs() if p.a and p.b)


def _main_successors(links: collections.Counter) -> dict[str, str]:
    """Each container of A → the container of B most of its paired sentences went to."""
    main: dict[str, str] = {}
    for (a, b), _ in links.most_common():
        main.setdefault(a, b)
    return main


def _outside(lineage: Lineage, links: collections.Counter, whole_a: bool, whole_b: bool) -> set[int]:
    """The pairs (by id) of a sentence alone beyond what the other text holds.

    What an excerpt of A holds, B holds in the tasks (or parts, openings,
    closings) where most of each of A's tasks went: from the first of them to
    the last. A sentence of B alone outside that span, in a paragraph none of
    whose sentences pairs, is beyond A's excerpt; a few sentences moved far
    (2022's education paragraph, now in 2024's task 二) do not widen the span,
    but their paragraph stays in it. The same for A against an excerpt of B."""
    pairs = list(lineage.sentence_pairs())
    out: set[int] = set()
    sides = (("b", whole_a, NEW, _main_successors(links)),
             ("a", whole_b, REMOVED, _main_successors(collections.Counter({(b, a): n for (a, b), n in links.items()}))))
    for side, other_whole, change, main in sides:
        if other_whole:
            continue
        report = lineage.b if side == "b" else lineage.a
        order = [s.id for p in report.paragraphs() for s in p.sentences]
        index = {anchor: k for k, anchor in enumerate(order)}
        held_containers = set(main.values())
        held = [k for k, anchor in enumerate(order) if container_of(anchor) in held_containers]
        if not held:
            continue
        linked = {paragraph_of(getattr(p, side).id) for p in pairs if p.a and p.b}
        for p in pairs:
            mine = getattr(p, side)
            if (p.change == change and not held[0] <= index[mine.id] <= held[-1]
                    and paragraph_of(mine.id) not in linked):
                out.add(id(p))
    return out


def _moves(links: collections.Counter) -> tuple[Move, ...]:
    """Tasks whose sentences went to a task under another number or part:
    the main successor of each task, and any other task two or more of its
    sentences went to. A task that kept its anchor is no move."""
    main = _main_successors(links)
    return tuple(Move(a, b, n, main[a] == b) for (a, b), n in sorted(links.items())
                 if "__item_" in a and "__item_" in b and a != b and n >= 2)


def _figures(lineage: Lineage) -> tuple[FigureChange, ...]:
    """Each amount an edited clause changed, whole with its qualifier
    (6%以上 → 5%左右): a figure of B pairs with the figure of A in the same
    unit whose words before it are most alike (the list of targets keeps its
    figures but not always their order); years are not amounts."""
    found = []
    for pair in lineage.sentence_pairs():
        if pair.change != EDITED or pair.a is None or pair.b is None:
            continue
        old = _amounts(pair.a.text)
        used: set[int] = set()
        for match in _amounts(pair.b.text):
            before = pair.b.text[max(0, match.start() - _BEFORE):match.start()]
            best, score = None, 1
            for k, candidate in enumerate(old):
                if k in used or unit(candidate) != unit(match):
                    continue
                words = set(pair.a.text[max(0, candidate.start() - _BEFORE):candidate.start()])
                alike = len(words & set(before))
                if alike > score:
                    best, score = k, alike
            if best is None:
                continue
            used.add(best)
            if old[best].group(0) != match.group(0):
                clause = _CLAUSE_START.split(pair.b.text[:match.start()])[-1]
                context = clause if len(clause) <= _CONTEXT else "…" + clause[-_CONTEXT:]
                found.append(FigureChange(pair, context, old[best].group(0), match.group(0)))
    return tuple(found)


def _amounts(text: str) -> list:
    return [m for m in FIGURE.finditer(text) if not is_year(m, text)]


def summarize(lineage: Lineage, whole_a: bool, whole_b: bool) -> Summary:
    links = _links(lineage)
    outside = _outside(lineage, links, whole_a, whole_b)
    seconds = {("b", s.b.id) if s.change == SPLIT else ("a", s.a.id): s for s in lineage.also if s.a and s.b}
    counts = dict.fromkeys((SAME, EDITED, NEW, REMOVED, SPLIT, MERGED), 0)
    beyond = {"a": 0, "b": 0}
    for pair in lineage.sentence_pairs():
        mine = ("b", pair.b.id) if pair.change == NEW and pair.b else ("a", pair.a.id) if pair.a else None
        if id(pair) in outside:
            beyond["b" if pair.change == NEW else "a"] += 1
        elif pair.change in (NEW, REMOVED) and mine in seconds:  # not new, not gone: split off, merged in
            counts[seconds[mine].change] += 1
        else:
            counts[pair.change] += 1
    return Summary(counts, beyond, _moves(links), _figures(lineage), frozenset(outside),
                   (lineage.a.year, lineage.b.year), seconds)


#: A phrase the report sets in quotation marks (“人工智能+”, “两重”): a name it coins or adopts.
_QUOTED = re.compile(r"“([^“”]{2,12})”")


@dataclasses.dataclass(frozen=True)
class TermChanges:
    #: Glossary terms (slug, times in B) in B and not in A, within what both hold.
    first: tuple[tuple[str, int], ...]
    #: … and (slug, times in A) in A and not in B.
    gone: tuple[tuple[str, int], ...]
    #: Glossary terms in both that B uses clearly more (or less) often than A: by
    #: two occurrences or more, and half as often again (or less) per character.
    rose: tuple[str, ...]
    fell: tuple[str, ...]
    #: Phrases B quotes (“…”) that A's text never holds, first appearance first.
    phrases: tuple[str, ...]


def term_changes(lineage: Lineage, summary: Summary, occurrences, terms: dict[str, tuple[str, ...]]) -> TermChanges:
    """The glossary terms and quoted phrases in B and not A (and the reverse),
    and the terms used clearly more or less often, counted only over the
    sentences both texts hold (an excerpt's absent tasks would otherwise make
    every term 'new'). ``terms``: slug → the forms of the term, so that one
    found in the other text inside a longer term (党中央 in 以习近平同志为核心
    的党中央) is not called new or gone."""
    held: dict[str, set[str]] = {"a": set(), "b": set()}
    text = {"a": "", "b": ""}
    for pair in lineage.sentence_pairs():
        if not summary.in_scope(pair):
            continue
        for side in ("a", "b"):
            sentence = getattr(pair, side)
            if sentence is not None:
                held[side].add(sentence.id)
                text[side] += sentence.text
    counts: dict[str, collections.Counter] = {"a": collections.Counter(), "b": collections.Counter()}
    years = {"a": lineage.a.year, "b": lineage.b.year}
    for found in occurrences:
        for side in ("a", "b"):
            if found.year == years[side] and found.sentence_id in held[side]:
                counts[side][found.slug] += 1

    def only(side: str, other: str) -> tuple[tuple[str, int], ...]:
        alone = ((slug, n) for slug, n in counts[side].items()
                 if not counts[other][slug] and not any(form in text[other] for form in terms.get(slug, ())))
        return tuple(sorted(alone, key=lambda item: (-item[1], item[0])))

    def rate(side: str, slug: str) -> float:
        return counts[side][slug] / max(len(text[side]), 1)

    both = sorted(slug for slug in counts["a"] if counts["b"][slug])
    rose = tuple(s for s in both if counts["b"][s] - counts["a"][s] >= 2 and rate("b", s) >= 1.5 * rate("a", s))
    fell = tuple(s for s in both if counts["a"][s] - counts["b"][s] >= 2 and rate("a", s) >= 1.5 * rate("b", s))
    phrases: list[str] = []
    whole_a = "".join(s.text for p in lineage.a.paragraphs() for s in p.sentences)
    for pair in lineage.sentence_pairs():
        if pair.b is not None and summary.in_scope(pair):
            for phrase in _QUOTED.findall(pair.b.text):
                if phrase not in whole_a and phrase not in phrases:
                    phrases.append(phrase)
    return TermChanges(only("b", "a"), only("a", "b"), rose, fell, tuple(phrases))
