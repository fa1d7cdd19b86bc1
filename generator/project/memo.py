"""Results kept between builds of one process, so `mkdocs serve` redoes only what changed.

Every stage is a pure function of its inputs, so a result can be reused while
its inputs are the same: the same bytes of a file, or the very same objects a
previous (reused) step returned. A :class:`Memo` keeps one result per name
with the key it was computed from; the diagnostics the step reported are kept
too and reported again on reuse, so a warning does not vanish from the second
build on.

Keys compare by identity for objects and by value for plain data (``str``,
``bytes``, numbers, and tuples, dicts and frozen dataclasses of those): most
objects are reused only when the step that made them was, which makes
identity the right test, and cheap; a frozen record made again compares by
its fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from generator.diagnostics import Diagnostics

T = TypeVar("T")

_PLAIN = (str, bytes, int, float, bool, type(None))


def _same(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if type(a) is not type(b):
        return False
    if isinstance(a, _PLAIN):
        return a == b
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    # Frozen records are values: a step made again after an edit elsewhere (the
    # English units after a glossary edit) may give equal ones, and the pages
    # built from them are then the same.
    params = getattr(a, "__dataclass_params__", None)
    return bool(params and params.frozen
                and all(_same(getattr(a, f), getattr(b, f)) for f in a.__dataclass_fields__))


class Memo:
    def __init__(self) -> None:
        self._results: dict[Any, tuple[Any, Any, tuple]] = {}
        #: How many results were computed and reused since the last :meth:`counts` call.
        self.computed = self.reused = 0

    def get(self, name: Any, key: Any, compute: Callable[[Diagnostics], T], diagnostics: Diagnostics) -> T:
        """``compute(diagnostics)``, or its earlier result if ``key`` is the same as then."""
        held = self._results.get(name)
        if held is not None and _same(held[0], key):
            diagnostics.extend(held[2])
            self.reused += 1
            return held[1]
        local = Diagnostics()
        try:
            value = compute(local)
        finally:
            diagnostics.extend(local)
        self._results[name] = (key, value, tuple(local))
        self.computed += 1
        return value

    def counts(self) -> tuple[int, int]:
        """(computed, reused) since the last call: what a rebuild really did."""
        counts = (self.computed, self.reused)
        self.computed = self.reused = 0
        return counts
