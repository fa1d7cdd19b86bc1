"""Which sentence of report A each sentence of report B continues.

Content decides, structure is evidence. A candidate pair is any two sentences
whose bigram similarity, each bigram weighted by its rarity (:class:`similarity.Weights`),
reaches :data:`FLOOR`, or that state one indicator in one role (the deficit
ratio as this year's target: :mod:`generator.text.indicators`). A pair is
accepted when its similarity plus its *support* reaches :data:`ACCEPT`, best
first, each sentence at most once. Support is what the pairs accepted so far
say about this one:

* ``NEIGHBOUR``: the sentence before (or after) it in A is paired with the
  one before (after) it in B: a run of text that kept its order;
* ``PARAGRAPH``: its two paragraphs are already paired by another sentence;
* ``CONTAINER``: its two tasks (or parts, or openings, or closings) are the
  same task: two of their sentences are paired, or their titles are alike;
* ``ORDER``: it falls between the partners of the nearest paired sentences
  before and after it.

Two unequal sentences must also share :data:`SHARED` bigrams, or
:data:`SHARED_LOCAL` with neighbour or paragraph support: in a short
sentence a few common words make half its bigrams.

So a sentence that recurs nearly verbatim pairs wherever it went (a move to
another task), while a sentence reworded beyond recognition pairs only where
its neighbours, paragraph or task say it belongs. Numbers never decide: a
renumbered task keeps its pairs.

Identical or nearly equal candidates for one sentence (各位代表！ before
each part of a closing) are *ambiguous*: they wait until the unambiguous
pairs are in, and are then taken in order of support.

Then what is left is read in place: the sentences between two pairs of two
paired paragraphs (or tasks) pair in order at a lower similarity
(:meth:`_Matcher.fill_gaps`), and a task heading still alone pairs with the
heading of the task its sentences came from (:meth:`_Matcher.pair_headings`).
docs/compare/rules.md states each rule with its figures.
"""

from __future__ import annotations

import bisect
import collections
import heapq

from generator.comparison.sides import Side
from generator.comparison.similarity import Weights, dice, profile, similar_pairs

#: No pair below this similarity, whatever its support.
FLOOR = 0.2
#: Pairs whose plain bigram similarity reaches this are weighed (see Weights).
CANDIDATE = 0.1
#: Similarity plus support a pair needs: on content alone, a sentence that
#: keeps half its bigrams.
ACCEPT = 0.5
NEIGHBOUR, PARAGRAPH, CONTAINER, ORDER = 0.15, 0.1, 0.05, 0.05
#: Bigrams two unequal sentences must share: short sentences alike by a few
#: common words (稳定和扩大消费/稳定和扩大就业) need their neighbours or
#: paragraph to say they are one.
SHARED, SHARED_LOCAL = 5, 3
#: Candidates of one sentence within this similarity of each other are ambiguous.
MARGIN = 0.05
#: In a gap between pairs of two paired paragraphs, the least weighted similarity.
GAP_FLOOR = 0.15
#: …and between pairs of two paired tasks (or parts), across paragraphs.
TASK_GAP_FLOOR = 0.25
#: Support of two sentences that state one indicator in one role (a target, an outturn).
FIGURE = 0.3
#: Two task headings paired by their tasks' sentences must still be this alike.
HEADING_FLOOR = 0.1
#: A task heading pairs with a sentence that is no heading only when this alike.
HEADING_MOVE = 0.8
#: A sentence alone that sits inside its neighbour's counterpart (a second
#: link, split or merged): at least this share of its weighted bigrams, and this
#: many bigrams, are in it.
CONTAINED, CONTAINED_SHARED = 0.6, 4
#: Titles of two containers this alike say they are the same task.
TITLES_ALIKE = 0.5

def _span(owner: list[int], k: int) -> range:
    """The sentences whose paragraph (or container) is ``k``: they are consecutive."""
    first = owner.index(k)
    last = first
    while last + 1 < len(owner) and owner[last + 1] == k:
        last += 1
    return range(first, last + 1)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs, sorted by A, whose B index keeps rising (those that cross are left out)."""
    kept: list[tuple[int, int]] = []
    for i, j in sorted(pairs):
        if not kept or j > kept[-1][1]:
            kept.append((i, j))
    return kept


def match(a: Side, b: Side) -> tuple[dict[int, tuple[int, float]], list[tuple[int, int, str]]]:
    """Sentence index in A → (its partner's index in B, similarity); and the
    second links (i, j, ``"split"`` or ``"merged"``) of :meth:`_Matcher.second_links`."""
    matcher = _Matcher(a, b)
    return matcher.run(), matcher.second_links()


class _Matcher:
    def __init__(self, a: Side, b: Side):
        self.a, self.b = a, b
        self.sim: dict[tuple[int, int], float] = {}
        self.of_a: dict[int, list[int]] = collections.defaultdict(list)
        self.of_b: dict[int, list[int]] = collections.defaultdict(list)
        self.by_paragraphs: dict[tuple[int, int], list[tuple[int, int]]] = collections.defaultdict(list)
        self.by_containers: dict[tuple[int, int], list[tuple[int, int]]] = collections.defaultdict(list)
        self.weights = weights = Weights([*a.profiles, *b.profiles])
        #: Pairs with some wording in common: the candidates, and where second links are looked for.
        self.near = [(i, j) for _, i, j in similar_pairs(a.profiles, b.profiles, CANDIDATE)]
        candidates = set(self.near)
        # Two sentences stating one indicator in one role (两年的赤字率目标) are
        # candidates however their words changed.
        slots: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
        for i, found in a.figures.items():
            for slot in found:
                slots[slot].append(i)
        candidates.update((i, j) for j, found in b.figures.items() for slot in found for i in slots.get(slot, ()))
        for i, j in sorted(candidates):
            similarity = weights.dice(a.profiles[i], b.profiles[j])
            if similarity < FLOOR and not self.same_figure(i, j):
                continue
            self.sim[i, j] = similarity
            self.of_a[i].append(j)
            self.of_b[j].append(i)
            self.by_paragraphs[a.para_of[i], b.para_of[j]].append((i, j))
            self.by_containers[a.container_of[i], b.container_of[j]].append((i, j))
        self.titles_alike = {
            (ca, cb) for ca, cb in self.by_containers
            if a.titles[ca] and dice(profile(a.titles[ca]), profile(b.titles[cb])) >= TITLES_ALIKE
        }
        self.a_to_b: dict[int, int] = {}
        self.b_to_a: dict[int, int] = {}
        self.paragraph_links: collections.Counter = collections.Counter()
        self.container_links: collections.Counter = collections.Counter()
        self.anchors: list[int] = []  # paired sentences of A, sorted
        self.heap: list[tuple[int, float, float, int, int]] = []

    # --- scoring ------------------------------------------------------------------

    def same_figure(self, i: int, j: int) -> bool:
        return bool(self.a.figures.get(i, frozenset()) & self.b.figures.get(j, frozenset()))

    def heading_apart(self, i: int, j: int, similarity: float) -> bool:
        """A task's heading pairs with a task's heading (see :meth:`pair_headings`),
        not with a line of a review or of a task, unless nearly the same words."""
        return (i in self.a.headings) != (j in self.b.headings) and similarity < HEADING_MOVE

    def support(self, i: int, j: int) -> tuple[float, bool]:
        """The support of pair (i, j), and whether any of it is local (NEIGHBOUR or PARAGRAPH)."""
        a, b = self.a, self.b
        total = 0.0
        if self.a_to_b.get(i - 1, -2) == j - 1 or self.a_to_b.get(i + 1, -2) == j + 1:
            total += NEIGHBOUR
        if self.paragraph_links[a.para_of[i], b.para_of[j]]:
            total += PARAGRAPH
        local = total > 0
        containers = a.container_of[i], b.container_of[j]
        if self.container_links[containers] >= 2 or containers in self.titles_alike:
            total += CONTAINER
        at = bisect.bisect_left(self.anchors, i)
        if 0 < at < len(self.anchors):
            if self.a_to_b[self.anchors[at - 1]] < j < self.a_to_b[self.anchors[at]]:
                total += ORDER
        return total, local

    def ambiguous(self, i: int, j: int) -> bool:
        floor = self.sim[i, j] - MARGIN
        return (any(self.sim[i, k] >= floor for k in self.of_a[i] if k != j and k not in self.b_to_a)
                or any(self.sim[k, j] >= floor for k in self.of_b[j] if k != i and k not in self.a_to_b))

    def key(self, i: int, j: int) -> tuple[int, float, float]:
        """(tier, score, nearness): unambiguous pairs first, then by similarity
        plus support, ties broken by nearer positions (in the container, and in
        the report). The score is 0 for a pair too short to trust (see SHARED)."""
        a, b = self.a, self.b
        support, local = self.support(i, j)
        similarity = self.sim[i, j]
        if self.heading_apart(i, j, similarity):
            return 0, 0.0, 0.0
        if self.same_figure(i, j):
            support += FIGURE
        elif similarity < 1:  # texts not equal: how many bigrams make the likeness?
            shared = round(similarity * (a.profiles[i].size + b.profiles[j].size) / 2)
            if shared < (SHARED_LOCAL if local else SHARED):
                return 0, 0.0, 0.0
        near = 2 - abs(a.local[i] - b.local[j]) - abs(a.position[i] - b.position[j])
        return (0 if self.ambiguous(i, j) else 1), similarity + support, near

    def push(self, i: int, j: int) -> None:
        if i in self.a_to_b or j in self.b_to_a:
            return
        tier, score, near = self.key(i, j)
        if score >= ACCEPT:
            heapq.heappush(self.heap, (-tier, -score, -near, i, j))

    # --- the greedy loop ------------------------------------------------------------

    def run(self) -> dict[int, tuple[int, float]]:
        for i, j in self.sim:
            self.push(i, j)
        while self.heap:
            while self.heap:
                tier, score, near, i, j = heapq.heappop(self.heap)
                if i in self.a_to_b or j in self.b_to_a:
                    continue
                if (-tier, -score, -near) != self.key(i, j):  # stale: its support or ambiguity changed
                    self.push(i, j)
                    continue
                self.accept(i, j)
            # Supports that grew without a push (ORDER) get their chance here.
            for i, j in self.sim:
                self.push(i, j)
        self.fill_gaps()
        self.pair_headings()
        return {i: (j, self.sim[i, j]) for i, j in self.a_to_b.items()}

    def pair_headings(self) -> None:
        """Each task heading still alone pairs with the heading of the task
        of A that most of its task's sentences continue (two at least): a task
        renumbered or reworded (2024's （三）着力扩大国内需求 → 2025's （一）
        大力提振消费…全方位扩大国内需求) keeps its heading's lineage."""
        a, b = self.a, self.b
        heading_of_a = {container: i for i, container in a.headings.items()}
        for j, cb in sorted(b.headings.items()):
            if j in self.b_to_a:
                continue
            links = [(n, ca) for (ca, cb2), n in self.container_links.items()
                     if cb2 == cb and n >= 2 and heading_of_a.get(ca) is not None
                     and heading_of_a[ca] not in self.a_to_b]
            if not links:
                continue
            _, ca = max(links)
            i = heading_of_a[ca]
            similarity = self.weights.dice(a.profiles[i], b.profiles[j])
            if similarity >= HEADING_FLOOR:  # a task that took in another's sentences, not its heading
                self.link(i, j)

    # --- gaps inside paired paragraphs ------------------------------------------------

    def fill_gaps(self) -> None:
        """Pair what is left between the pairs of two paired paragraphs, then
        of two paired tasks (or parts), in order.

        Inside a paragraph that kept some of its sentences, a sentence between
        two kept ones is most likely the reworded successor of the one that
        stood there (a lead 稳定和扩大消费 → 实施提振消费专项行动): such a
        gap is aligned in order, on weighted similarity as low as GAP_FLOOR;
        inside a task that kept some, a gap across paragraphs is aligned the
        same way at a higher floor (TASK_GAP_FLOOR), and with as many shared
        bigrams as a pair needs without support (加强廉洁政府建设 is not
        加快数字政府建设)."""
        a, b = self.a, self.b
        for pa, pb in sorted(self.paragraph_links):
            self.fill(_span(a.para_of, pa), _span(b.para_of, pb), GAP_FLOOR, SHARED_LOCAL)
        for ca, cb in sorted(self.container_links):
            if self.container_links[ca, cb] >= 2:
                self.fill(_span(a.container_of, ca), _span(b.container_of, cb), TASK_GAP_FLOOR, SHARED)

    def fill(self, span_a: range, span_b: range, floor: float, least: int) -> None:
        """Align in order the unpaired sentences between the pairs that ``span_a`` and ``span_b`` share."""
        kept = [(i, self.a_to_b[i]) for i in span_a if self.a_to_b.get(i, -1) in span_b]
        edges = [(span_a.start - 1, span_b.start - 1), *_increasing(kept), (span_a.stop, span_b.stop)]
        for (i0, j0), (i1, j1) in zip(edges, edges[1:]):
            free_a = [i for i in range(i0 + 1, i1) if i not in self.a_to_b]
            free_b = [j for j in range(j0 + 1, j1) if j not in self.b_to_a]
            for i, j in self.in_order(free_a, free_b, floor, least):
                self.link(i, j)

    def in_order(self, free_a: list[int], free_b: list[int], floor: float, least: int) -> list[tuple[int, int]]:
        """The pairs of a gap that keep their order and weigh most (a short dynamic programme)."""
        if not free_a or not free_b:
            return []
        score = {}
        for i in free_a:
            p = self.a.profiles[i]
            for j in free_b:
                q = self.b.profiles[j]
                both = p.grams.keys() & q.grams.keys()  # in C: most pairs of a gap share next to nothing
                if len(both) < least and sum(min(p.grams[g], q.grams[g]) for g in both) < least and p.text != q.text:
                    continue
                similarity = self.weights.dice(p, q)
                shared = round(dice(p, q) * (p.size + q.size) / 2)
                if similarity >= floor and shared >= least and not self.heading_apart(i, j, similarity):
                    score[i, j] = similarity
        best = [[0.0] * (len(free_b) + 1) for _ in range(len(free_a) + 1)]
        for x in range(len(free_a) - 1, -1, -1):
            for y in range(len(free_b) - 1, -1, -1):
                pair = score.get((free_a[x], free_b[y]))
                best[x][y] = max(best[x + 1][y], best[x][y + 1],
                                 best[x + 1][y + 1] + pair if pair is not None else 0.0)
        pairs, x, y = [], 0, 0
        while x < len(free_a) and y < len(free_b):
            pair = score.get((free_a[x], free_b[y]))
            if pair is not None and best[x][y] == best[x + 1][y + 1] + pair:
                pairs.append((free_a[x], free_b[y]))
                x, y = x + 1, y + 1
            elif best[x][y] == best[x + 1][y]:
                x += 1
            else:
                y += 1
        return pairs

    def link(self, i: int, j: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """Pair ``i`` with ``j`` and count the link of their paragraphs and
        containers; every pair is made here. Returns the two (A, B) keys."""
        a, b = self.a, self.b
        if (i, j) not in self.sim:
            self.sim[i, j] = self.weights.dice(a.profiles[i], b.profiles[j])
        self.a_to_b[i], self.b_to_a[j] = j, i
        bisect.insort(self.anchors, i)
        paragraphs = a.para_of[i], b.para_of[j]
        containers = a.container_of[i], b.container_of[j]
        self.paragraph_links[paragraphs] += 1
        self.container_links[containers] += 1
        return paragraphs, containers

    def accept(self, i: int, j: int) -> None:
        paragraphs, containers = self.link(i, j)
        touched: set[tuple[int, int]] = set()
        for k in (i - 1, i + 1):  # neighbours
            touched.update((k, m) for m in self.of_a.get(k, ()))
        for k in (j - 1, j + 1):
            touched.update((m, k) for m in self.of_b.get(k, ()))
        if self.paragraph_links[paragraphs] == 1:
            touched.update(self.by_paragraphs[paragraphs])
        if self.container_links[containers] == 2:
            touched.update(self.by_containers[containers])
        # Rivals that lost this sentence may have stopped being ambiguous.
        for k in self.of_a[i]:
            touched.update((m, k) for m in self.of_b[k])
        for k in self.of_b[j]:
            touched.update((k, m) for m in self.of_a[k])
        for pair in touched:
            self.push(*pair)


    # --- second links ------------------------------------------------------------------

    def second_links(self) -> list[tuple[int, int, str]]:
        """Second links, beside the one-to-one pairs: a sentence of B left alone
        whose words are mostly inside a sentence of A that is paired with a
        sentence of B in the same or the next paragraph (A's sentence was
        *split*), and the other way (two of A were *merged*). Few, and sure:
        a lone sentence far from its source's partner, or only half inside it,
        is left new or removed (bench/bench_alignment.py: looser rules found a
        few more true links and more false ones)."""
        a, b, weight = self.a, self.b, self.weights.weight
        found: list[tuple[int, int, str]] = []
        for i, j in self.near:
            if j not in self.b_to_a and i in self.a_to_b:
                inside, whole, near = b.profiles[j], a.profiles[i], abs(b.para_of[j] - b.para_of[self.a_to_b[i]])
                kind = "split"
            elif i not in self.a_to_b and j in self.b_to_a:
                inside, whole, near = a.profiles[i], b.profiles[j], abs(a.para_of[i] - a.para_of[self.b_to_a[j]])
                kind = "merged"
            else:
                continue
            shared = {g: min(n, whole.grams.get(g, 0)) for g, n in inside.grams.items()}
            held = sum(n * weight.get(g, 1.0) for g, n in shared.items()) / max(self.weights.size(inside), 1e-9)
            if near <= 1 and held >= CONTAINED and sum(shared.values()) >= CONTAINED_SHARED:
                found.append((i, j, kind))
        return found
