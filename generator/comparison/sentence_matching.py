"""Which sentence of report A each sentence of report B continues.

Content decides, structure is evidence. A candidate pair is any two sentences
whose bigram similarity (:mod:`similarity`) reaches :data:`FLOOR`. A pair is
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
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import heapq

from generator.comparison.similarity import Profile, dice, profile, similar_pairs
from generator.model import Paragraph, Report, Sentence
from generator.sources.grammar import SECTION_RE

#: No pair below this similarity, whatever its support.
FLOOR = 0.3
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
#: Titles of two containers this alike say they are the same task.
TITLES_ALIKE = 0.5

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
        groups: list[tuple[str, tuple[Paragraph, ...]]] = [(_OPENING, report.intro)]
        for section in report.sections:
            heading = SECTION_RE.sub("", section.heading or "")
            groups.append((heading, section.paragraphs))
            groups.extend((item.title, item.paragraphs) for item in section.items)
        groups.append((_CLOSING, report.closing))
        side = cls()
        for title, paragraphs in groups:
            if not paragraphs:
                continue
            container = len(side.titles)
            side.titles.append(title)
            start = len(side.sentences)
            for paragraph in paragraphs:
                first = len(side.sentences)
                side.paragraphs.append(paragraph)
                side.paragraph_container.append(container)
                for sentence in paragraph.sentences:
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


def match(a: Side, b: Side) -> dict[int, tuple[int, float]]:
    """Sentence index in A → (its partner's index in B, similarity)."""
    return _Matcher(a, b).run()


class _Matcher:
    def __init__(self, a: Side, b: Side):
        self.a, self.b = a, b
        self.sim: dict[tuple[int, int], float] = {}
        self.of_a: dict[int, list[int]] = collections.defaultdict(list)
        self.of_b: dict[int, list[int]] = collections.defaultdict(list)
        self.by_paragraphs: dict[tuple[int, int], list[tuple[int, int]]] = collections.defaultdict(list)
        self.by_containers: dict[tuple[int, int], list[tuple[int, int]]] = collections.defaultdict(list)
        for similarity, i, j in similar_pairs(a.profiles, b.profiles, FLOOR):
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
        if similarity < 1:  # texts not equal: how many bigrams make the likeness?
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
        return {i: (j, self.sim[i, j]) for i, j in self.a_to_b.items()}

    def accept(self, i: int, j: int) -> None:
        a, b = self.a, self.b
        self.a_to_b[i], self.b_to_a[j] = j, i
        bisect.insort(self.anchors, i)
        paragraphs = a.para_of[i], b.para_of[j]
        containers = a.container_of[i], b.container_of[j]
        self.paragraph_links[paragraphs] += 1
        self.container_links[containers] += 1
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
