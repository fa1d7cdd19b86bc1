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
from typing import Literal

import pydantic

from . import script_conversion
from .diagnostics import Diagnostics, relpath
from .model import Report
from .schema import PlainText, Strict, load_file

SETTINGS_NAME = "traditional.yml"


class Override(Strict):
    simplified: PlainText
    traditional: PlainText
    reason: PlainText

    @pydantic.model_validator(mode="after")
    def _same_length(self):
        if len(self.simplified) != len(self.traditional):
            raise ValueError("simplified and traditional must have the same number of characters")
        return self


class Settings(Strict):
    config: Literal["s2tw", "s2hk"] = "s2tw"
    overrides: tuple[Override, ...] = ()


class Converter(script_conversion.Converter):
    """The edition's converter: OpenCC as ``settings`` say, their overrides,
    and ``extra`` corrections (glossary entries' ``traditional`` field)."""

    def __init__(self, settings: Settings, extra: tuple[Override, ...] = ()):
        super().__init__(settings.config, [(o.simplified, o.traditional) for o in (*settings.overrides, *extra)])
        self.settings = settings


def load_settings(source_dir: pathlib.Path, root: pathlib.Path, diagnostics: Diagnostics) -> Settings:
    path = source_dir / SETTINGS_NAME
    if not path.exists():
        return Settings()
    shown = relpath(path, root)
    settings, doc = load_file(path, shown, Settings, diagnostics)
    if settings is None:
        return Settings()
    cc = script_conversion.Converter(settings.config)
    for index, o in enumerate(settings.overrides):
        if cc.plain(o.simplified) == o.traditional:
            diagnostics.warning(shown, doc.line(("overrides", index)),
                                f"OpenCC already converts {o.simplified} to {o.traditional}; remove this override")
    return settings


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
