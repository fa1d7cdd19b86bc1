"""The English translation, kept in step with the Chinese it translates.

One file per report, ``source_texts/YYYY.en.yml``, keyed by anchor. Every
unit holds a fingerprint of the Chinese it was made from (``zh``), so when the
Chinese changes the unit is *stale* and ``check`` says so; a paragraph with no
unit is *missing* and the page shows it as pending, never as a silent gap.
``python -m generator stamp`` records fingerprints once a translator has
written or revised a unit.

How the page shows a unit (its title or lead, its glossary renderings) and
the terminology check are in :mod:`english`.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import pathlib
import re
import unicodedata
from typing import Literal

import pydantic

from generator.diagnostics import Diagnostics, GeneratorError, relpath
from generator.model import Report
from generator.sources.schema import PlainText, Strict, load_file, read_text
from generator.sources.yamlfile import YamlDoc, parse_yaml

SUFFIX = ".en.yml"


def fingerprint(chinese: str) -> str:
    """A short, stable hash of the Chinese a unit translates."""
    return hashlib.sha256(unicodedata.normalize("NFC", chinese).encode("utf-8")).hexdigest()[:12]


class Unit(Strict):
    zh: str | None = pydantic.Field(None, description="fingerprint of the Chinese; set by `generator stamp`")
    en: PlainText

    @pydantic.field_validator("zh")
    @classmethod
    def _a_fingerprint(cls, value: str | None) -> str | None:
        # A hand-made value would only ever read as stale: say what it should be.
        if value is not None and not re.fullmatch(r"[0-9a-f]{12}", value):
            raise ValueError(f"{value!r} is not a fingerprint (12 hexadecimal digits); check the English "
                             "against the Chinese, then let `python -m generator stamp YEAR ANCHOR` write it")
        return value


class TranslationFile(Strict):
    year: int
    language: Literal["en"] = "en"
    units: dict[str, Unit] = {}


@dataclasses.dataclass
class Translation:
    year: int
    path: str
    units: dict[str, Unit]
    doc: YamlDoc | None
    missing: list[str] = dataclasses.field(default_factory=list)
    stale: list[str] = dataclasses.field(default_factory=list)

    def text(self, anchor: str) -> str | None:
        unit = self.units.get(anchor)
        return unit.en if unit else None

    def status(self, anchor: str) -> str:
        if anchor in self.missing:
            return "missing"
        return "stale" if anchor in self.stale else "ok"


def translatable(report: Report) -> dict[str, str]:
    """Anchor → Chinese for every unit a translation should have, in order."""
    return {block.id: block.text for block in report.text_blocks()}


def translation_path(source_dir: pathlib.Path, year: int) -> pathlib.Path:
    return source_dir / f"{year}{SUFFIX}"


def load_translation(report: Report, source_dir: pathlib.Path, root: pathlib.Path,
                     diagnostics: Diagnostics) -> Translation:
    path = translation_path(source_dir, report.year)
    shown = relpath(path, root)
    expected = translatable(report)
    translation = Translation(report.year, shown, {}, None)
    if path.exists():
        data, doc = load_file(path, shown, TranslationFile, diagnostics)
        if data is not None:
            if data.year != report.year:
                diagnostics.error(shown, doc.line(("year",)), f"year {data.year} does not match the file name")
            translation.units, translation.doc = dict(data.units), doc
            for anchor, unit in translation.units.items():
                line = doc.line(("units", anchor))
                if anchor not in expected:
                    diagnostics.warning(shown, line, f"unit {anchor!r} matches no paragraph or heading of the "
                                                     f"{report.year} report; fix the anchor or remove the unit")
                elif unit.zh != fingerprint(expected[anchor]):
                    translation.stale.append(anchor)
                    what = "has no fingerprint" if unit.zh is None else "was made from different Chinese"
                    diagnostics.info(shown, line, f"stale translation: unit {anchor} {what}; check the English "
                                                  "against the Chinese, then run "
                                                  f"`python -m generator stamp {report.year} {anchor}`")
    for anchor in expected:
        if anchor not in translation.units:
            translation.missing.append(anchor)
            diagnostics.info(shown, None, f"missing translation: {anchor}; add it under units:")
    return translation


_ZH_LINE = re.compile(r"^(\s*zh:\s*)([^\s#]*)(.*)$")


@dataclasses.dataclass(frozen=True)
class Stamped:
    """A unit whose fingerprint was recorded, and where."""

    anchor: str
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: stamped {self.anchor}"


def _unstampable(anchor: str, units: dict, expected: dict[str, str], year: int) -> str | None:
    """Why ``anchor`` cannot be stamped, with the nearest anchor that can; None if it can."""
    if anchor in units and anchor in expected:
        return None
    if anchor in expected:
        return f"unit {anchor} has no English yet; write it under units:, then stamp it"
    near = difflib.get_close_matches(anchor, [a for a in expected if a in units], n=1, cutoff=0.6)
    hint = f"did you mean {near[0]}?" if near else "check the anchor on the report page"
    return f"{anchor} is not a paragraph or heading of the {year} report; {hint}"


def _scalar(value: str) -> str:
    """A fingerprint as YAML reads it back as text: one of only decimal
    digits (one in about 280) would read as a number, so it is quoted."""
    return f'"{value}"' if value.isdigit() else value


def stamp(report: Report, source_dir: pathlib.Path, root: pathlib.Path, anchors: list[str]) -> list[Stamped]:
    """Record the current fingerprint for ``anchors`` (all stale units if none given).

    Edits the YAML text line by line, so comments and formatting that
    translators wrote survive; re-reads the result and writes nothing unless
    only the fingerprints changed.
    """
    path = translation_path(source_dir, report.year)
    shown = relpath(path, root)
    if not path.exists():
        raise GeneratorError.single(shown, None, "no translation file; write its units first")
    text = read_text(path, shown)
    doc = parse_yaml(text, shown)
    units = doc.data.get("units") if isinstance(doc.data, dict) else None
    if not isinstance(units, dict):
        raise GeneratorError.single(shown, doc.line(("units",)), "no units: mapping to stamp")
    expected = translatable(report)
    wanted = list(dict.fromkeys(anchors)) or [
        a for a, u in units.items() if a in expected and isinstance(u, dict) and u.get("zh") != fingerprint(expected[a])
    ]
    refused = Diagnostics()
    for anchor in wanted:
        why = _unstampable(anchor, units, expected, report.year)
        if why:
            refused.error(shown, doc.line(("units", anchor)), why)
    if refused:
        raise GeneratorError(refused)
    lines = text.split("\n")
    # Edit from the bottom so earlier line numbers stay valid.
    for anchor in sorted(wanted, key=lambda a: -doc.lines[("units", a)]):
        key_line = doc.lines[("units", anchor)] - 1
        en_line = doc.lines.get(("units", anchor, "en"), 0) - 1
        if not isinstance(units[anchor], dict) or en_line <= key_line:
            raise GeneratorError.single(shown, key_line + 1,
                                        f"unit {anchor} is not a block mapping (`{anchor}:` then `en:` on its own "
                                        "line); rewrite it that way, then stamp it")
        value = _scalar(fingerprint(expected[anchor]))
        zh_line = doc.lines.get(("units", anchor, "zh"))
        if zh_line is not None:
            match = _ZH_LINE.match(lines[zh_line - 1])
            if match is None:  # the key quoted ("zh":) or spaced (zh :): not a line this edit can rewrite
                raise GeneratorError.single(shown, zh_line, f"unit {anchor}: write its fingerprint line as "
                                                            "`zh: VALUE`, then stamp it")
            lines[zh_line - 1] = f"{match.group(1)}{value}{match.group(3)}"
        else:
            en = lines[en_line]
            lines.insert(key_line + 1, en[: len(en) - len(en.lstrip())] + f"zh: {value}")
    result = "\n".join(lines)
    after = parse_yaml(result, shown)
    intended = {a: {**u, "zh": fingerprint(expected[a])} if a in wanted else u for a, u in units.items()}
    if after.data.get("units", {}) != intended:
        raise GeneratorError.single(shown, None, "stamping would change more than the fingerprints; nothing written. "
                                                 "Set the zh: values by hand")
    path.write_text(result, encoding="utf-8")
    return [Stamped(a, shown, after.lines[("units", a)]) for a in sorted(wanted, key=list(units).index)]
