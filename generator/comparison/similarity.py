"""How alike two sentences are: character bigrams, and an index that finds
every pair worth comparing without comparing all pairs.

Chinese has no spaces, so words cannot be counted; pairs of adjacent
characters can. Two wordings of one clause share most of their bigrams
("稳妥推进" and "积极推进" still share 推进), two different clauses share few.
The measure is the Dice coefficient of the two texts' bigram multisets,
counted over letters and digits only: punctuation carries no content, and in
short sentences the bigram of a last character with its 。 would make
unrelated sentences look alike (加强公共文化服务。/加强气象服务。).

Whether two sentences are *the same* is decided on :func:`comparable` text,
which keeps punctuation: a changed comma is an edit, with similarity 1.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import itertools
import math
import operator
import unicodedata
from collections.abc import Sequence

from generator.sources.grammar import ITEM_RE
from generator.text.figures import NUMBER_RE


def comparable(text: str) -> str:
    """The text as compared: whitespace removed, a leading task marker （三）
    dropped (a renumbered task keeps its words), and compatibility forms
    unified (ＡＢ１ → AB1, full-width punctuation → ASCII)."""
    text = ITEM_RE.sub("", "".join(text.split()), count=1)
    return unicodedata.normalize("NFKC", text)


@dataclasses.dataclass(frozen=True)
class Profile:
    """A text ready to compare: its comparable form and its bigram multiset."""

    text: str
    grams: dict[str, int]
    #: Number of bigrams, repeats counted: the denominator of the Dice coefficient.
    size: int

    @functools.cached_property
    def tokens(self) -> tuple[str, ...]:
        """The bigram multiset as a set: a bigram, then "bigram\\x00k" for its
        k-th repeat. Two texts share min(n, m) tokens of a bigram they hold n
        and m times, so the tokens they share are the bigrams they share."""
        tokens = list(self.grams)
        for gram, n in self.grams.items():
            if n > 1:
                tokens.extend(f"{gram}\x00{k}" for k in range(1, n))
        return tuple(tokens)


#: What a figure counts as: one character of its own, so 3.2%左右 and 4%左右
#: share 左右 and the figure's place (an amount changed is an edit of the same
#: clause), and digits make no bigrams of their own.
FIGURE = "\ue000"


def _content(text: str) -> str:
    # A figure (5, 3.2, 1.3万: the unit stays a word) counts as one character.
    return "".join(c for c in NUMBER_RE.sub(FIGURE, text) if c.isalnum() or c == FIGURE)


def profile(text: str) -> Profile:
    """``text``'s :class:`Profile`; a text with one letter or digit has that
    letter as its only "bigram", one with none has no bigrams."""
    same = comparable(text)
    content = _content(same)
    if len(content) == 1:
        grams = {content: 1}
    else:  # each character joined to the next, counted in C
        grams = dict(collections.Counter(map(operator.add, content, content[1:])))
    return Profile(same, grams, sum(grams.values()))


def dice(p: Profile, q: Profile) -> float:
    """2·|shared bigrams| / (|p| + |q|), in 0..1; 1 for texts that compare equal."""
    if p.text == q.text:
        return 1.0
    if not p.size or not q.size:
        return 0.0
    small, large = (p.grams, q.grams) if len(p.grams) <= len(q.grams) else (q.grams, p.grams)
    shared = sum(min(n, large.get(g, 0)) for g, n in small.items())
    return 2 * shared / (p.size + q.size)


class Weights:
    """How much a shared bigram says, by its rarity in the two reports compared
    (inverse document frequency over their sentences): 推进 or 加强 recur in
    a hundred sentences and say little, 赤字 or 专项债 in a few and say much.
    Two wordings of one clause four years apart often share only the latter."""

    def __init__(self, profiles: Sequence[Profile]):
        held = collections.Counter(itertools.chain.from_iterable(p.grams for p in profiles))
        total = max(len(profiles), 1)
        self.weight = {gram: math.log(1 + total / n) for gram, n in held.items()}
        self._sizes: dict[int, float] = {}

    def size(self, p: Profile) -> float:
        found = self._sizes.get(id(p))
        if found is None:
            weight = self.weight.get
            found = self._sizes[id(p)] = sum(n * weight(g, 1.0) for g, n in p.grams.items())
        return found

    def dice(self, p: Profile, q: Profile) -> float:
        """:func:`dice` with each bigram counted at its weight."""
        if p.text == q.text:
            return 1.0
        total = self.size(p) + self.size(q)
        if not total:
            return 0.0
        small, large = (p.grams, q.grams) if len(p.grams) <= len(q.grams) else (q.grams, p.grams)
        weight = self.weight.get
        shared = sum(min(n, large.get(g, 0)) * weight(g, 1.0) for g, n in small.items())
        return 2 * shared / total


def similar_pairs(left: Sequence[Profile], right: Sequence[Profile], floor: float) -> list[tuple[float, int, int]]:
    """Every ``(similarity, i, j)`` with ``dice(left[i], right[j]) >= floor``.

    An inverted index from bigram to the left texts holding it gives, for each
    right text, its shared-bigram count with every left text that shares
    anything, in one pass over the postings: two full reports (500 sentences
    each) take about 10⁵ steps instead of 2.5·10⁵ full comparisons. The
    counting runs in C (``Counter`` over the chained postings of the right
    text's :attr:`~Profile.tokens`), and so does dropping a count below what
    even the shortest left text would need.
    """
    postings: dict[str, list[int]] = {}
    by_text: dict[str, list[int]] = {}
    for i, p in enumerate(left):
        by_text.setdefault(p.text, []).append(i)
        for token in p.tokens:
            postings.setdefault(token, []).append(i)
    sizes = [p.size for p in left]
    shortest = min(sizes, default=0)
    holding, nothing = postings.get, itertools.repeat(())
    found: list[tuple[float, int, int]] = []
    for j, q in enumerate(right):
        shared = collections.Counter(itertools.chain.from_iterable(map(holding, q.tokens, nothing)))
        equal = by_text.get(q.text, ())
        for i in equal:  # texts without letters or digits (a lone "！") share no bigram
            found.append((1.0, i, j))
        least = floor * (shortest + q.size) / 2 - 1e-9  # counts are whole: never drops a pair on rounding
        # Most texts share a bigram or two: those are passed over in C.
        for i in itertools.compress(shared.keys(), map(least.__le__, shared.values())):
            if i not in equal:
                similarity = 2 * shared[i] / (sizes[i] + q.size)
                if similarity >= floor:
                    found.append((similarity, i, j))
    return found
