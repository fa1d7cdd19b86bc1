"""The English translation, kept in step with the Chinese it translates, sentence by sentence.

One file per report, ``source_texts/YYYY.en.yml``. Its units are keyed by
anchor, and a unit translates one *segment* of the Chinese: a part heading
(``sec_3``), a sentence (``…__para_2__sent_3``), or where one English
sentence answers several Chinese ones, their run (``…__para_2__sent_3-4``,
the range anchor of ``docs/anchors.md``) or the whole paragraph (its own
anchor). Whatever is not covered by a longer key is its own segment, so the
grouping is written where it happens and nowhere else.

Every unit holds a fingerprint of the Chinese it was made from (``zh``), so
when a sentence changes only its own English is *stale* and ``check`` says
so; a segment with no unit is *pending* and the page shows it as such, never
as a silent gap. ``python -m generator stamp`` records fingerprints once a
translator has written or revised a unit. Two more states come from
``pretranslate`` (next year's report filled from this year's): ``carried``,
the English of an unchanged sentence carried over and not yet read again,
and ``suggested``, the English of a sentence that has since been edited,
with the Chinese it translated (``was``) so the change can be shown. Stamping
a unit makes it checked.

How the page shows a unit (its title or lead, its glossary renderings) and
the terminology check are in :mod:`generator.text.english_units`; writing
units back into the file, in :mod:`translation_edits`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pathlib
import re
import unicodedata
from typing import Literal

import pydantic

from generator.diagnostics import Diagnostics, relpath
from generator.model import Paragraph, Report, sentence_range_id
from generator.sources.schema import PlainText, Strict, load_file
from generator.sources.yamlfile import YamlDoc

SUFFIX = ".en.yml"
#: What a unit's English is to a reader: translated from the Chinese as it
#: stands; translated before it changed; carried over from last year's report
#: unchanged and not read again; last year's English of an edited sentence,
#: offered as a suggestion; not translated yet.
OK, STALE, CARRIED, SUGGESTED, MISSING = "ok", "stale", "carried", "suggested", "missing"


def fingerprint(chinese: str) -> str:
    """A short, stable hash of the Chinese a unit translates."""
    return hashlib.sha256(unicodedata.normalize("NFC", chinese).encode("utf-8")).hexdigest()[:12]


class Unit(Strict):
    model_config = pydantic.ConfigDict(populate_by_name=True)

    zh: str | None = pydantic.Field(None, description="fingerprint of the Chinese; set by `generator stamp`")
    en: PlainText
    state: Literal["carried", "suggested"] | None = pydantic.Field(
        None, description="set by `generator pretranslate`; stamping the unit removes it")
    was: PlainText | None = pydantic.Field(None, description="a suggestion's Chinese: what the English translates")
    source: str | None = pydantic.Field(None, alias="from", description="where a carried or suggested unit came "
                                                                        "from: YEAR ANCHOR")

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


@dataclasses.dataclass(frozen=True)
class Segment:
    """What one unit translates: a part heading, a sentence, or a run of a paragraph's sentences."""

    anchor: str  # the unit's key
    block: str  # the heading's or the paragraph's anchor
    sentences: tuple[str, ...]  # the Chinese sentences' anchors (a heading's own, for a heading)
    chinese: str


def segments(report: Report, keys: set[str] | dict) -> tuple[Segment, ...]:
    """The report cut into the segments a translation with units ``keys`` has,
    in document order: a run (``…__sent_2-3``) or a whole paragraph where the
    file keys one, every other sentence alone, every part heading alone."""
    out: list[Segment] = []
    for block in report.text_blocks():
        if not isinstance(block.node, Paragraph):
            out.append(Segment(block.id, block.id, (block.id,), block.text))
            continue
        pieces = block.pieces
        if block.id in keys:
            out.append(Segment(block.id, block.id, tuple(a for a, _ in pieces), block.text))
            continue
        start = 0
        while start < len(pieces):
            end = start + 1
            for last in range(len(pieces), start + 1, -1):  # the longest run keyed
                if sentence_range_id(block.id, start + 1, last) in keys:
                    end = last
                    break
            run = pieces[start:end]
            anchor = run[0][0] if end == start + 1 else sentence_range_id(block.id, start + 1, end)
            out.append(Segment(anchor, block.id, tuple(a for a, _ in run), "".join(t for _, t in run)))
            start = end
    return tuple(out)


@dataclasses.dataclass
class Translation:
    year: int
    path: str
    units: dict[str, Unit]
    doc: YamlDoc | None
    segments: tuple[Segment, ...] = ()
    #: Unit key → its status (OK, STALE, CARRIED, SUGGESTED, MISSING), for every segment.
    statuses: dict[str, str] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_block: dict[str, list[Segment]] = {}
        self.of_sentence: dict[str, Segment] = {}
        for segment in self.segments:
            self.by_block.setdefault(segment.block, []).append(segment)
            self.of_sentence.update((s, segment) for s in segment.sentences)

    def _with(self, status: str) -> list[str]:
        return [key for key, found in self.statuses.items() if found == status]

    @property
    def missing(self) -> list[str]:
        return self._with(MISSING)

    @property
    def stale(self) -> list[str]:
        return self._with(STALE)

    @property
    def carried(self) -> list[str]:
        return self._with(CARRIED)

    @property
    def suggested(self) -> list[str]:
        return self._with(SUGGESTED)

    def sentence_counts(self) -> dict[str, int]:
        """Status → how many Chinese sentences (and part headings) have English of that status."""
        counts = dict.fromkeys((OK, STALE, CARRIED, SUGGESTED, MISSING), 0)
        for segment in self.segments:
            counts[self.status(segment.anchor)] += len(segment.sentences)
        return counts

    def text(self, key: str) -> str | None:
        """The English of the unit ``key``."""
        unit = self.units.get(key)
        return unit.en if unit and key in self.statuses else None

    def status(self, key: str) -> str:
        return self.statuses.get(key, MISSING)

    def block_text(self, block: str) -> str | None:
        """The English of a paragraph or heading: its units' joined by a space; None while none has English."""
        found = [self.units[s.anchor].en for s in self.by_block.get(block, ()) if s.anchor in self.units]
        return " ".join(found) if found else None

    def answering(self, sentence: str) -> Segment | None:
        """The segment whose English is given with the Chinese sentence
        ``sentence``: its own, or its run's if it opens the run; None for the
        other sentences of a run, which have none of their own."""
        segment = self.of_sentence.get(sentence)
        return segment if segment is not None and segment.sentences[0] == sentence else None

    def sentence_text(self, sentence: str) -> str | None:
        """The English of a Chinese sentence: its unit's (see :meth:`answering`); None while pending."""
        segment = self.answering(sentence)
        return None if segment is None else self.text(segment.anchor)


def translation_path(source_dir: pathlib.Path, year: int) -> pathlib.Path:
    return source_dir / f"{year}{SUFFIX}"


def _status(unit: Unit, chinese: str) -> str:
    if unit.state == "suggested":
        return SUGGESTED
    if unit.zh != fingerprint(chinese):
        return STALE
    return CARRIED if unit.state == "carried" else OK


def _every_key(report: Report) -> set[str]:
    """Every anchor a unit may be keyed by: headings, paragraphs, sentences and runs."""
    keys: set[str] = set()
    for block in report.text_blocks():
        keys.add(block.id)
        if isinstance(block.node, Paragraph):
            count = len(block.pieces)
            keys.update(a for a, _ in block.pieces)
            keys.update(sentence_range_id(block.id, a, b) for a in range(1, count) for b in range(a + 1, count + 1))
    return keys


def load_translation(report: Report, source_dir: pathlib.Path, root: pathlib.Path,
                     diagnostics: Diagnostics) -> Translation:
    path = translation_path(source_dir, report.year)
    shown = relpath(path, root)
    units: dict[str, Unit] = {}
    doc = None
    if path.exists():
        data, doc = load_file(path, shown, TranslationFile, diagnostics)
        if data is not None:
            if data.year != report.year:
                diagnostics.error(shown, doc.line(("year",)), f"year {data.year} does not match the file name")
            units = dict(data.units)
    keyed = segments(report, units)
    translation = Translation(report.year, shown, units, doc, keyed)
    line = doc.line if doc is not None else (lambda loc: None)
    used = {s.anchor for s in keyed}
    unused = [key for key in units if key not in used]
    possible = _every_key(report) if unused else set()
    for key in unused:
        if key in possible:  # a sentence inside a run another unit translates, or overlapping runs
            holder = translation.of_sentence.get(key) or translation.of_sentence.get(key.rsplit("-", 1)[0])
            diagnostics.warning(shown, line(("units", key)), f"unit {key!r} translates sentences that unit "
                                f"{holder.anchor if holder else 'another'!r} translates too; keep one of them")
        else:
            diagnostics.warning(shown, line(("units", key)), f"unit {key!r} matches no sentence or heading of the "
                                f"{report.year} report; fix the anchor or remove the unit")
    for block, found in translation.by_block.items():
        missing = [s.anchor for s in found if s.anchor not in units]
        if missing:  # one notice a block: a report not translated yet is one line a paragraph
            what = block if len(missing) == len(found) else ", ".join(missing)
            diagnostics.info(shown, None, f"missing translation: {what}; add it under units:, a unit a sentence")
    for segment in keyed:
        unit = units.get(segment.anchor)
        if unit is None:
            translation.statuses[segment.anchor] = MISSING
            continue
        status = translation.statuses[segment.anchor] = _status(unit, segment.chinese)
        where = line(("units", segment.anchor))
        if status == STALE:
            what = "has no fingerprint" if unit.zh is None else "was made from different Chinese"
            diagnostics.info(shown, where, f"stale translation: unit {segment.anchor} {what}; check the English "
                                           f"against the Chinese, then run "
                                           f"`python -m generator stamp {report.year} {segment.anchor}`")
        elif status == SUGGESTED:
            diagnostics.info(shown, where, f"suggested translation: unit {segment.anchor} is the English of "
                                           f"{unit.source or 'an earlier report'}, whose Chinese was edited since; "
                                           "revise it against the Chinese, then run "
                                           f"`python -m generator stamp {report.year} {segment.anchor}`")
    carried = translation.carried
    if carried:  # one notice for them all: a report pre-translated carries hundreds
        counts = translation.sentence_counts()
        first = line(("units", carried[0]))
        diagnostics.info(shown, first, f"carried translation: {counts[CARRIED]} sentences carried over unchanged "
                                       f"from an earlier report and not yet read again (from {carried[0]}); read "
                                       f"each against the Chinese, then `python -m generator stamp {report.year} "
                                       "ANCHOR…`")
    return translation
