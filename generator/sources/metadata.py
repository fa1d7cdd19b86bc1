"""Per-report metadata: which raw file holds the text, and every editorial decision.

One YAML file per report in ``source_texts/`` (``2024.yml``). Adding a year is
dropping the raw file in and writing this file; nothing in Python knows about
particular years or files. The schema is a pydantic model, so unknown keys,
missing fields and wrong types are reported with the line to fix.
"""

from __future__ import annotations

import codecs
import datetime
import pathlib
import re
import urllib.parse
from typing import Annotated, Literal

import pydantic

from generator.diagnostics import Diagnostics, relpath
from generator.sources.schema import PlainText, Strict, load_file, refuse_misnamed
from generator.sources.yamlfile import YamlDoc

METADATA_NAME = re.compile(r"^(\d{4})\.yml$")


class Break(Strict):
    after_line: int = pydantic.Field(ge=1, description="raw line after which the decision applies")
    reason: PlainText


class Source(Strict):
    file: str = pydantic.Field(description="raw file in source_texts/, kept verbatim")
    from_line: int = pydantic.Field(1, ge=1, description="first raw line of this report")
    to_line: int | None = pydantic.Field(None, ge=1, description="last raw line; default: end of file")
    layout: Literal["columns", "lines"] | None = None
    encoding: str | None = None
    # Corrections to the column heuristic, each with its reason: a paragraph
    # ends after these lines / does not end after these lines.
    split_after: tuple[Break, ...] = ()
    join_after: tuple[Break, ...] = ()

    @pydantic.field_validator("encoding")
    @classmethod
    def _known(cls, value: str | None) -> str | None:
        # Said here, at the metadata's line, rather than when the raw file is decoded.
        if value is not None:
            try:
                codecs.lookup(value)
            except LookupError:
                raise ValueError(f"unknown encoding {value!r}; name one such as utf-8, gb18030 or utf-16") from None
        return value


class Structure(Strict):
    section: int | None = pydantic.Field(None, ge=1, description="section the first paragraph belongs to")
    item: int | None = pydantic.Field(None, ge=1, description="item the first paragraph begins (marker missing)")
    closing_line: int | None = pydantic.Field(None, ge=1, description="raw line where the closing begins")


class Drop(Strict):
    text: str = pydantic.Field(description="the raw line, whitespace ignored")
    reason: PlainText
    reason_en: PlainText


class Note(Strict):
    zh: PlainText
    en: PlainText


def _official_text(value: str) -> str:
    """An https address with no characters that could leave an attribute or a line."""
    parsed = urllib.parse.urlsplit(value)
    if parsed.scheme != "https" or not parsed.netloc or any(c in value for c in ' "<>\'`\\') or not value.isprintable():
        raise ValueError("official_text must be the https address of the official full text, e.g. "
                         "https://www.gov.cn/…/content_6939153.htm")
    return value


OfficialText = Annotated[str, pydantic.AfterValidator(_official_text)]


class Metadata(Strict):
    year: int = pydantic.Field(ge=1954, le=2100)
    title: PlainText
    title_en: PlainText
    delivered: datetime.date
    speaker: PlainText
    speaker_en: PlainText
    occasion: PlainText
    occasion_en: PlainText
    holds: PlainText = pydantic.Field(description="what part of the report this edition holds")
    holds_en: PlainText
    #: The edition holds the whole report (else the pages say the rest is not included).
    whole: bool = pydantic.Field(False, description="true if the edition holds the whole report")
    #: Where the whole report is read, in the government's own publication:
    #: a fact recorded here, shown wherever the edition says what it holds.
    official_text: OfficialText | None = pydantic.Field(
        None, description="https address of the official full text, shown where the edition says what it holds")
    source: Source
    structure: Structure = Structure()
    drop: tuple[Drop, ...] = ()
    notes: tuple[Note, ...] = ()


class ReportMeta:
    """Validated metadata plus where it came from, for messages."""

    def __init__(self, meta: Metadata, doc: YamlDoc, file: pathlib.Path):
        self.meta = meta
        self.doc = doc
        self.file = file  # the metadata file

    @property
    def path(self) -> str:
        return self.doc.path

    def line(self, *loc) -> int:
        return self.doc.line(loc)


def load_metadata(file: pathlib.Path, root: pathlib.Path, diagnostics: Diagnostics) -> ReportMeta | None:
    """Load and validate one metadata file; problems go to ``diagnostics``."""
    shown = relpath(file, root)
    meta, doc = load_file(file, shown, Metadata, diagnostics)
    if meta is None:
        return None
    match = METADATA_NAME.match(file.name)
    if not match or int(match.group(1)) != meta.year:
        diagnostics.error(shown, doc.line(("year",)),
                          f"year {meta.year} does not match the file name {file.name}; "
                          f"name the file {meta.year}.yml")
        return None
    raw = (file.parent / meta.source.file).resolve()
    if not raw.is_relative_to(file.parent.resolve()):
        diagnostics.error(shown, doc.line(("source", "file")),
                          f"{meta.source.file} is outside {relpath(file.parent, root)}/; "
                          "raw texts live beside their metadata")
        return None
    if not raw.is_file():
        diagnostics.error(shown, doc.line(("source", "file")),
                          f"raw file {meta.source.file} not found in {relpath(file.parent, root)}/")
        return None
    if meta.structure.item is not None and meta.structure.section is None:
        diagnostics.error(shown, doc.line(("structure", "item")),
                          "structure.item needs structure.section: an item lives in a section")
        return None
    return ReportMeta(meta, doc, file)


def find_metadata(source_dir: pathlib.Path, root: pathlib.Path,
                  diagnostics: Diagnostics) -> tuple[list[pathlib.Path], set[int]]:
    """Every report's metadata file, and the years whose metadata file is
    misnamed (``2021.yaml``): an error, not ignored, and no report of that
    year is read."""
    if not source_dir.is_dir():
        return [], set()
    refused = {int(p.stem) for p in refuse_misnamed(source_dir, root, diagnostics) if p.stem.isdigit()}
    files = sorted(source_dir.glob("*.yml"))
    found = [p for p in files if METADATA_NAME.match(p.name)]
    _warn_unread(files, root, {p.stem for p in found} | {str(y) for y in refused}, diagnostics)
    return found, refused


#: The other YAML files of source_texts/ (the Traditional settings; a translation is YEAR.en.yml).
_OTHER_YAML = {"traditional.yml"}
_TRANSLATION_NAME = re.compile(r"^(\d{4})\.en\.yml$")


def _warn_unread(files: list[pathlib.Path], root: pathlib.Path, years: set[str], diagnostics: Diagnostics) -> None:
    """A YAML file nothing reads (``20245.yml``, ``v2031.yml``, a translation
    with no report of its year) is an edit that would be ignored in silence."""
    for file in files:
        translation = _TRANSLATION_NAME.match(file.name)
        if METADATA_NAME.match(file.name) or file.name in _OTHER_YAML:
            continue
        if translation and translation.group(1) in years:
            continue
        why = (f"a translation of {translation.group(1)}, but there is no {translation.group(1)}.yml"
               if translation else "not a report's metadata (YYYY.yml), translation (YYYY.en.yml) or traditional.yml")
        diagnostics.warning(relpath(file, root), None, f"not read: {why}; rename it, or remove it")
