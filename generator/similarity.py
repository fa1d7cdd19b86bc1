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
import unicodedata
from collections.abc import Sequence

from .grammar import ITEM_RE


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


def profile(text: str) -> Profile:
    """``text``'s :class:`Profile`; a text with one letter or digit has that
    letter as its only "bigram", one with none has no bigrams."""
    same = comparable(text)
    content = "".join(c for c in same if c.isalnum())
    if len(content) == 1:
        grams = {content: 1}
    else:
        grams = dict(collections.Counter(content[k:k + 2] for k in range(len(content) - 1)))
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


def similar_pairs(left: Sequence[Profile], right: Sequence[Profile], floor: float) -> list[tuple[float, int, int]]:
    """Every ``(similarity, i, j)`` with ``dice(left[i], right[j]) >= floor``.

    An inverted index from bigram to the left texts holding it gives, for each
    right text, its shared-bigram count with every left text that shares
    anything, in one pass over the postings: two full reports (500 sentences
    each) take about 10⁵ steps instead of 2.5·10⁵ full comparisons.
    """
    postings: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
    by_text: dict[str, list[int]] = collections.defaultdict(list)
    for i, p in enumerate(left):
        by_text[p.text].append(i)
        for gram, n in p.grams.items():
            postings[gram].append((i, n))
    found: list[tuple[float, int, int]] = []
    for j, q in enumerate(right):
        shared: dict[int, int] = {}
        count = shared.get
        for gram, n in q.grams.items():
            for i, m in postings.get(gram, ()):
                shared[i] = count(i, 0) + (n if n < m else m)
        equal = set(by_text.get(q.text, ()))
        for i in equal:  # texts without letters or digits (a lone "！") share no bigram
            found.append((1.0, i, j))
        for i, count in shared.items():
            if i in equal:
                continue
            similarity = 2 * count / (left[i].size + q.size)
            if similarity >= floor:
                found.append((similarity, i, j))
    return found
