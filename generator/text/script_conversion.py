"""Simplified → Traditional, character for character: OpenCC and a list of
corrections (:class:`Converter`), and the engine's chrome converted with it (:class:`Chrome`).

This module imports no schema and no settings file, so the engine can convert
the chrome of a Traditional page on a build that read everything else from
the site cache. :mod:`traditional` says which OpenCC configuration and which
corrections an edition uses, and why.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from generator.sources.grammar import unlike_han_for_han

if TYPE_CHECKING:  # the engine converts with this module without loading the schema
    from generator.model import Report
    from generator.sources import traditional


@functools.lru_cache(maxsize=4)
def _opencc(config: str):
    import opencc  # here, not at the top: `parse` and the open data need no conversion
    return opencc.OpenCC(config)


class Converter:
    def __init__(self, config: str, corrections: Iterable[tuple[str, str]] = ()):
        """``corrections``: (Simplified, Traditional) pairs of equal length that
        replace what OpenCC makes of the Simplified phrase wherever it occurs."""
        self.config = config
        # Shortest first, so a longer correction (more context) is applied last and wins.
        self.corrections = tuple(sorted(corrections, key=lambda c: len(c[0])))
        self._cc = None
        self._cache: dict[str, str] = {}

    @property
    def cc(self):
        """OpenCC, loaded on the first conversion (0.1 s)."""
        if self._cc is None:
            self._cc = _opencc(self.config)
        return self._cc

    def plain(self, text: str) -> str:
        """OpenCC alone, without the corrections."""
        return self.cc.convert(text)

    def convert(self, text: str) -> str:
        """Character for character: the result has the length of ``text``, so
        positions found on the Simplified text (glossary terms) hold."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._convert(text)
        return cached

    def _convert(self, text: str) -> str:
        converted = self.cc.convert(text)
        if len(converted) != len(text):
            raise ValueError(f"OpenCC {self.config} changed the length of {text!r}; "
                             "only character-level configurations (s2tw, s2hk) are supported")
        chars = list(converted)
        for simplified, traditional in self.corrections:
            start = text.find(simplified)
            while start != -1:
                chars[start:start + len(simplified)] = traditional
                start = text.find(simplified, start + len(simplified))
        result = "".join(chars)
        # Checked again after the conversion, not only the corrections when
        # read: the text every later check saw was the Simplified, and only
        # Han for Han keeps what they found true (no markup, no quote, no
        # control character) of the Traditional too.
        unlike = unlike_han_for_han(text, result)
        if unlike:
            raise ValueError(f"the Traditional conversion ({self.config} and its corrections) put {unlike[1]!r} "
                             f"for {unlike[0]!r} in {text[:40]!r}; a correction may only put Han for Han")
        return result


class EditionConverter(Converter):
    """The edition's converter: OpenCC as ``settings`` say, their overrides,
    and ``extra`` corrections (glossary entries' ``traditional`` field)."""

    def __init__(self, settings: traditional.Settings, extra: tuple[traditional.Override, ...] = ()):
        super().__init__(settings.config, [(o.simplified, o.traditional) for o in (*settings.overrides, *extra)])
        self.settings = settings



def converted_sentences(report: Report, convert) -> dict[str, str]:
    """Sentence id → converted text, cut from the converted paragraph.

    Converting whole paragraphs gives OpenCC the full context, and because the
    conversion keeps the length, each sentence is a slice of it: the page,
    the API and the snapshot test all see the same text.
    """
    out: dict[str, str] = {}
    for paragraph in report.paragraphs():
        full, offset = convert(paragraph.text), 0
        for sentence in paragraph.sentences:
            out[sentence.id] = full[offset: offset + len(sentence.text)]
            offset += len(sentence.text)
    return out
