"""The English translation, kept in step with the Chinese it translates.

One file per report, ``source_texts/YYYY.en.yml``, keyed by anchor. Every
unit holds a fingerprint of the Chinese it was made from (``zh``), so when the
Chinese changes the unit is *stale* and ``check`` says so; a paragraph with no
unit is *missing* and the page shows it as pending, never as a silent gap.
``python -m generator stamp`` records fingerprints once a translator has
written or revised a unit.

The terminology check compares each paragraph's glossary terms with its
English: the preferred rendering (or a listed alternative) should appear.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pathlib
import re
import unicodedata
from typing import Literal

import pydantic

from .diagnostics import Diagnostics, GeneratorError, relpath
from .glossary import Glossary, PlainText
from .model import Report, Section
from .yamlfile import YamlDoc, parse_yaml, validate

SUFFIX = ".en.yml"


def fingerprint(chinese: str) -> str:
    """A short, stable hash of the Chinese a unit translates."""
    return hashlib.sha256(unicodedata.normalize("NFC", chinese).encode("utf-8")).hexdigest()[:12]


class Unit(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)
    zh: str | None = pydantic.Field(None, description="fingerprint of the Chinese; set by `generator stamp`")
    en: PlainText


class TranslationFile(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)
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
    units: dict[str, str] = {}
    for node in report.nodes():
        if isinstance(node, Section):
            if node.heading:
                units[node.id] = node.heading
        elif hasattr(node, "sentences"):
            units[node.id] = node.text
    return units


def translation_path(source_dir: pathlib.Path, year: int) -> pathlib.Path:
    return source_dir / f"{year}{SUFFIX}"


def load_translation(report: Report, source_dir: pathlib.Path, root: pathlib.Path,
                     diagnostics: Diagnostics) -> Translation:
    path = translation_path(source_dir, report.year)
    shown = relpath(path, root)
    expected = translatable(report)
    translation = Translation(report.year, shown, {}, None)
    if path.exists():
        try:
            doc = parse_yaml(path.read_text(encoding="utf-8"), shown)
        except GeneratorError as exc:
            diagnostics.extend(exc.diagnostics)
            doc = None
        data = validate(doc, TranslationFile, diagnostics) if doc else None
        if data is not None:
            if data.year != report.year:
                diagnostics.error(shown, doc.line(("year",)), f"year {data.year} does not match the file name")
            translation.units, translation.doc = dict(data.units), doc
    for anchor, unit in translation.units.items():
        line = translation.doc.line(("units", anchor))
        if anchor not in expected:
            diagnostics.warning(shown, line, f"unit {anchor!r} matches no paragraph or heading of the {report.year} "
                                             "report; fix the anchor or remove the unit")
        elif unit.zh != fingerprint(expected[anchor]):
            translation.stale.append(anchor)
            what = "has no fingerprint" if unit.zh is None else "was made from different Chinese"
            diagnostics.info(shown, line, f"stale translation: unit {anchor} {what}; check the English against the "
                                          f"Chinese, then run `python -m generator stamp {report.year} {anchor}`")
    for anchor in expected:
        if anchor not in translation.units:
            translation.missing.append(anchor)
            diagnostics.info(shown, None, f"missing translation: {anchor}; add it under units:")
    return translation


def stamp(report: Report, source_dir: pathlib.Path, anchors: list[str]) -> list[str]:
    """Record the current fingerprint for ``anchors`` (all stale units if empty).

    Edits the YAML text in place, line by line, so comments and formatting
    that translators wrote survive.
    """
    path = translation_path(source_dir, report.year)
    expected = translatable(report)
    lines = path.read_text(encoding="utf-8").split("\n")
    doc = parse_yaml("\n".join(lines), str(path))
    wanted = anchors or [a for a, u in (doc.data.get("units") or {}).items()
                         if a in expected and (u or {}).get("zh") != fingerprint(expected[a])]
    done = []
    # Edit from the bottom so earlier line numbers stay valid.
    for anchor in sorted(wanted, key=lambda a: -doc.lines.get(("units", a), 0)):
        if anchor not in expected or ("units", anchor) not in doc.lines:
            raise GeneratorError.single(str(path), None, f"no unit {anchor!r} to stamp")
        value = f"zh: {fingerprint(expected[anchor])}"
        if ("units", anchor, "zh") in doc.lines:
            index = doc.lines[("units", anchor, "zh")] - 1
            indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
            lines[index] = indent + value
        else:
            index = doc.lines[("units", anchor)] - 1
            key_line = lines[index]
            indent = key_line[: len(key_line) - len(key_line.lstrip())] + "  "
            lines.insert(index + 1, indent + value)
        done.append(anchor)
    path.write_text("\n".join(lines), encoding="utf-8")
    return done


def _normal(text: str) -> str:
    text = text.lower().replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text)


def _core(rendering: str) -> str:
    return re.sub(r"^(the|a|an) ", "", _normal(rendering).strip())


def terminology(report: Report, translation: Translation, glossary: Glossary, occurrences,
                diagnostics: Diagnostics) -> list[tuple[str, str]]:
    """Paragraphs whose English lacks a glossary term's rendering: (anchor, slug)."""
    misses = []
    terms_by_paragraph: dict[str, list[str]] = {}
    for occurrence in occurrences:
        if occurrence.year == report.year:
            slugs = terms_by_paragraph.setdefault(occurrence.paragraph_id, [])
            if occurrence.slug not in slugs:
                slugs.append(occurrence.slug)
    for anchor, slugs in terms_by_paragraph.items():
        english = translation.text(anchor)
        if english is None:
            continue
        text = _normal(english)
        for slug in slugs:
            entry = glossary.by_slug[slug].entry
            renderings = [entry.english.preferred, *(r.rendering for r in entry.english.others)]
            if not any(_core(r) in text for r in renderings):
                misses.append((anchor, slug))
                line = translation.doc.line(("units", anchor)) if translation.doc else None
                diagnostics.info(translation.path, line,
                                 f"terminology: {anchor} has {entry.term} but its English lacks "
                                 f"'{entry.english.preferred}' (or a listed alternative)")
    return misses
