"""Simplified → Traditional with OpenCC, plus this project's corrections.

Conversion runs on the document model's text, never on rendered markup.

Which OpenCC configuration: the phrase configs (``s2twp``, ``s2hkp``) rewrite
PRC vocabulary into Taiwan usage (数据安全法 → 資料安全法, 支持 → 支援, 社区 →
社群), which would put words in the report it does not say. Plain ``s2t``
writes OpenCC's own glyph standard (爲, 衆, 羣, 峯) that readers in Taiwan and
Hong Kong do not use. ``s2tw`` and ``s2hk`` give those readers their standard
glyphs without rewriting words; the default is ``s2tw``, the standard most
Traditional-script readers learn, and ``source_texts/traditional.yml`` can
switch it to ``s2hk``.

OpenCC still picks the wrong character for some words in these texts (发放 →
髮放, 征程 → 徵程). The same file lists corrections: a Simplified phrase and
its correct Traditional form, each with its reason and a test.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import Literal

import pydantic

from generator.diagnostics import Diagnostics, relpath
from generator.sources.grammar import unlike_han_for_han
from generator.sources.schema import PlainText, Strict, load_file

SETTINGS_NAME = "traditional.yml"


class Override(Strict):
    simplified: PlainText
    traditional: PlainText
    reason: PlainText

    @pydantic.model_validator(mode="after")
    def _han_for_han(self):
        if len(self.simplified) != len(self.traditional):
            raise ValueError("simplified and traditional must have the same number of characters")
        unlike = unlike_han_for_han(self.simplified, self.traditional)
        if unlike:
            raise ValueError(f"a correction puts Han characters for Han characters, but this one puts "
                             f"{unlike[1]!r} for {unlike[0]!r}; write the Traditional form of the phrase")
        return self


class Settings(Strict):
    config: Literal["s2tw", "s2hk"] = "s2tw"
    overrides: tuple[Override, ...] = ()


def load_settings(source_dir: pathlib.Path, root: pathlib.Path, diagnostics: Diagnostics,
                  opencc: Callable[[str], Callable[[str], str]] | None = None) -> Settings:
    """The settings; with ``opencc`` (configuration → OpenCC's conversion alone),
    a warning for each correction OpenCC makes by itself."""
    path = source_dir / SETTINGS_NAME
    if not path.exists():
        return Settings()
    shown = relpath(path, root)
    settings, doc = load_file(path, shown, Settings, diagnostics)
    if settings is None:
        return Settings()
    if opencc is None:
        return settings
    plain = opencc(settings.config)
    for index, o in enumerate(settings.overrides):
        if plain(o.simplified) == o.traditional:
            diagnostics.warning(shown, doc.line(("overrides", index)),
                                f"OpenCC already converts {o.simplified} to {o.traditional}; remove this override")
    return settings
