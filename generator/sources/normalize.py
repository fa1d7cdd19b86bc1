"""Read a raw report file and turn its lines into clean paragraphs.

Raw texts come from newspapers and web pages. This stage removes layout and
nothing else: the characters of the report, their order and its paragraph
breaks are kept exactly (``tests/fixtures/normalize`` pins that for every
seed). It knows two layouts:

``columns``
    A newspaper column: a hard break every ~17 characters, a blank line after
    every line, justification spaces between characters, and a paragraph start
    shown only by an indented (shorter) first line.
``lines``
    One paragraph per line, with or without full-width indents.

Lines that are not report text (title lines, running heads, datelines, the
subtitle and speaker line of a full report) are recognised here and reported
as :class:`Dropped`, so the page can list every editorial removal.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import statistics
import unicodedata

from generator.diagnostics import GeneratorError
from generator.sources.grammar import ITEM_RE, PARA_END, is_section_heading, starts_structure

LAYOUTS = ("columns", "lines")

# Lines that are never report text. Matched against the line with all
# whitespace removed.
_TITLE_RE = re.compile(r"^(?:(\d{4})年?)?政府工作报告$")
_DATELINE_RE = re.compile(r"^（新华社[^（）]{0,24}电）$")
_SUBTITLE_RE = re.compile(r"^——(\d{4})年\d{1,2}月\d{1,2}日在.*会议上$")
_SPEAKER_RE = re.compile(r"^国务院总理\S{2,4}$")

_EXTRA_WIDE = set("“”‘’—…·●－")


@dataclasses.dataclass(frozen=True)
class Block:
    """A clean paragraph: its text and the raw lines it was joined from."""

    text: str
    line: int
    end_line: int
    #: (character offset in ``text``, raw line number) for every joined line.
    offsets: tuple[tuple[int, int], ...]

    def line_at(self, offset: int) -> int:
        """The raw line holding character ``offset`` of the text."""
        line = self.line
        for start, number in self.offsets:
            if start > offset:
                break
            line = number
        return line


@dataclasses.dataclass(frozen=True)
class Dropped:
    """A raw line that is not report text, and why."""

    line: int
    text: str
    kind: str  # title, running-head, dateline, subtitle, speaker, metadata
    reason: str = ""


@dataclasses.dataclass(frozen=True)
class Normalized:
    encoding: str
    layout: str
    layout_reason: str
    blocks: tuple[Block, ...]
    dropped: tuple[Dropped, ...]


# --- characters --------------------------------------------------------------


def is_wide(char: str) -> bool:
    """CJK ideographs, CJK and full-width punctuation: no spaces around these.

    Wide as printed, not Han (grammar.HAN): a column of text is measured, and
    its justification spaces found, by the width of every character in it,
    curly quotes and dashes too, which a Chinese font sets full width."""
    return unicodedata.east_asian_width(char) in "WF" or char in _EXTRA_WIDE


_SPACE_RUN = re.compile(r"\s+")


def despace(text: str) -> str:
    """Remove justification whitespace; keep one space where Latin text needs it.

    Whitespace next to a CJK character or CJK punctuation is layout (``制 定``,
    ``7000 亿元``, ``3月 12日``); between two Latin words or numbers it is text.
    """
    text = text.strip(" \t\u3000\ufeff")

    def keep(run: re.Match) -> str:
        start, end = run.span()
        if start == 0 or end == len(text) or is_wide(text[start - 1]) or is_wide(text[end]):
            return ""
        return " "

    return _SPACE_RUN.sub(keep, text)


def width(text: str) -> float:
    """Printed width in em: CJK characters 1, Latin letters and digits 1/2."""
    return sum(1.0 if is_wide(c) else 0.5 for c in text if not c.isspace())


def _justified(raw: str) -> bool:
    """True when a raw line has spaces between two CJK characters."""
    stripped = raw.strip()
    for i, char in enumerate(stripped):
        if char.isspace() and 0 < i < len(stripped) - 1:
            if is_wide(stripped[i - 1]) and is_wide(stripped[i + 1]):
                return True
    return False


# --- reading ------------------------------------------------------------------


#: Where a report's encoding is named, for messages; ``parse`` names its option instead.
IN_METADATA = "in the report metadata (source.encoding)"
#: A file that starts with a byte-order mark names its own encoding.
_BOMS = ((codecs.BOM_UTF8, "utf-8", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"))


def decode(data: bytes, path: str, encoding: str | None = None, name_it: str = IN_METADATA) -> tuple[str, str]:
    """Bytes to text: by its byte-order mark, else UTF-8, else GB18030, else a clear error.

    ``name_it`` tells the person where an encoding can be named (metadata, or ``parse --encoding``).
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise GeneratorError.single(path, None, f"unknown encoding {encoding!r}; "
                                                    "name one such as utf-8, gb18030 or utf-16") from None
    for bom, codec, family in _BOMS:
        if data.startswith(bom):
            if encoding and not codecs.lookup(encoding).name.startswith(family):
                raise GeneratorError.single(path, 1, f"the file starts with a {family.upper()} byte-order mark, "
                                                     f"but its encoding is named as {encoding!r}; "
                                                     f"name {family} or no encoding at all")
            data, encoding = data[len(bom):], codec
            break
    candidates = [encoding] if encoding else ["utf-8", "gb18030"]
    first_error: UnicodeDecodeError | None = None
    for candidate in candidates:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        if candidate == "gb18030" and not encoding and not _looks_chinese(text):
            raise GeneratorError.single(
                path, None,
                "not UTF-8, and decoded as GB18030 it does not read as Chinese; save the file as UTF-8, "
                f"or name its encoding {name_it} if it really is GB18030",
            )
        return text.replace("\r\n", "\n").replace("\r", "\n"), candidate
    assert first_error is not None
    line = data[: first_error.start].decode(first_error.encoding, errors="replace").count("\n") + 1
    byte = data[first_error.start: first_error.start + 1].hex()
    tried = " or ".join(candidates)
    raise GeneratorError.single(
        path,
        line,
        f"cannot decode the file as {tried} (byte 0x{byte} at line {line}); "
        f"save it as UTF-8, or name its encoding {name_it}",
    )


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes almost any bytes; accept it only if the result reads as Chinese."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    cjk = sum(1 for c in non_ascii if is_wide(c))
    return cjk / len(non_ascii) > 0.9


# --- layout --------------------------------------------------------------------


def detect_layout(lines: list[str]) -> tuple[str, str]:
    """Guess the layout of raw lines; returns (layout, human-readable reason)."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return "lines", "no text"
    widths = [width(lines[i]) for i in nonblank]
    median = statistics.median(widths)
    # In a column most lines stop mid-sentence; one paragraph per line means
    # nearly every line ends a sentence (headings aside).
    ending = sum(1 for i in nonblank if PARA_END.search(despace(lines[i])))
    spaced = sum(1 for i in nonblank if i + 1 >= len(lines) or not lines[i + 1].strip())
    if median <= 30 and ending < 0.5 * len(nonblank):
        return "columns", (
            f"median line width {median:g} characters; {ending} of {len(nonblank)} lines end a sentence; "
            f"{spaced} followed by a blank line"
        )
    return "lines", (
        f"median line width {median:g} characters; {ending} of {len(nonblank)} lines end a sentence: "
        "one paragraph per line"
    )


def classify_noise(stripped: str, before_body: bool) -> str | None:
    """The kind of a non-text line, or None for report text."""
    if _TITLE_RE.match(stripped):
        return "title" if before_body else "running-head"
    if _DATELINE_RE.match(stripped):
        return "dateline"
    if before_body and _SUBTITLE_RE.match(stripped):
        return "subtitle"
    if before_body and _SPEAKER_RE.match(stripped):
        return "speaker"
    return None


NOISE_REASONS = {
    "title": "原文标题行，不是报告正文。 · Title line of the source; not report text.",
    "running-head": "报纸书眉，不是报告正文。 · Running head of the newspaper page; not report text.",
    "dateline": "通讯社电头，不是报告正文。 · News agency dateline; not report text.",
    "subtitle": "副题（日期和会议），记入元数据。 · Subtitle (date and occasion), kept as metadata.",
    "speaker": "署名，记入元数据。 · Speaker line, kept as metadata.",
}


def normalize(
    lines: list[str],
    *,
    first_line: int = 1,
    layout: str | None = None,
    encoding: str = "utf-8",
    drop: dict[int, str] | None = None,
    breaks: dict[int, bool] | None = None,
) -> Normalized:
    """Clean paragraphs from raw ``lines`` (numbered from ``first_line``).

    ``drop`` maps raw line numbers to the reason the metadata gives for removing
    them, for noise the detector does not know. ``breaks`` maps raw line numbers
    of a column layout to True (a paragraph ends after this line) or False (it
    does not), where the metadata corrects the layout heuristic.
    """
    drop = drop or {}
    if layout is None:
        layout, reason = detect_layout(lines)
    else:
        reason = "set in the report metadata"
    dropped: list[Dropped] = []
    kept: list[tuple[int, str]] = []  # (line number, raw line)
    for index, raw in enumerate(lines):
        number = first_line + index
        stripped = "".join(raw.split())
        if not stripped:
            continue
        if number in drop:
            dropped.append(Dropped(number, raw.strip(), "metadata", drop[number]))
            continue
        kind = classify_noise(stripped, before_body=not kept)
        if kind:
            dropped.append(Dropped(number, raw.strip(), kind, NOISE_REASONS[kind]))
            continue
        kept.append((number, raw))
    if layout == "columns":
        blocks = _join_columns(kept, breaks or {})
    else:
        blocks = [_block([(n, raw)]) for n, raw in kept]
    return Normalized(encoding, layout, reason, tuple(blocks), tuple(dropped))


def _block(parts: list[tuple[int, str]]) -> Block:
    text = ""
    offsets = []
    for number, raw in parts:
        piece = despace(raw)
        if text and piece and text[-1].isascii() and text[-1].isalpha() and piece[0].isascii() and piece[0].isalpha():
            text += " "  # a Latin word wrapped at the line end
        offsets.append((len(text), number))
        text += piece
    return Block(text, parts[0][0], parts[-1][0], tuple(offsets))


def _join_columns(kept: list[tuple[int, str]], breaks: dict[int, bool]) -> list[Block]:
    """Join newspaper column lines into paragraphs.

    A paragraph ends at a line that ends a sentence, is not justified (the last
    line of a paragraph is set flush left, so it never has justification
    spaces), and either falls short of the column width or is followed by an
    indented line. Measured on seed 000 this separates all 54 paragraphs.
    """
    if not kept:
        return []
    widths = [width(raw) for _, raw in kept]
    column = statistics.median(widths)
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    heading = False  # the open paragraph is a section heading (一、…), which has no 。
    for index, (number, raw) in enumerate(kept):
        first = not current
        text = despace(raw)
        if first:
            heading = is_section_heading(text)
        current.append((number, raw))
        if index + 1 == len(kept):
            ends = True
        elif number in breaks:
            ends = breaks[number]
        elif heading:
            ends = _ends_heading(first, widths[index], kept[index + 1][1], column)
        else:
            ends = _ends_paragraph(text, raw, first, widths[index], kept[index + 1][1], column)
        if ends:
            blocks.append(_block(current))
            current = []
    return blocks


def _ends_heading(first: bool, w: float, next_raw: str, column: float) -> bool:
    """A heading ends on its first line that falls short; it may wrap."""
    if ITEM_RE.match(despace(next_raw)):
        return True
    return w <= column - (4 if first else 2)


def _ends_paragraph(text: str, raw: str, first: bool, w: float, next_raw: str, column: float) -> bool:
    next_text = despace(next_raw)
    if not PARA_END.search(text) or _justified(raw):
        return False
    if starts_structure(next_text):
        return True
    # Measured on seed 000 (column 17): full lines are 16-18 wide after
    # punctuation compression, indented first lines 14-15. So this line ends
    # the paragraph if it falls short of a full line (of an indented one, if it
    # is itself a first line), or if the next line has an indented first
    # line's width (a much shorter next line is this paragraph's last line).
    short = column - (4 if first else 2)
    return w <= short or column - 4 <= width(next_raw) <= column - 2


def read_lines(data: bytes, path: str, encoding: str | None = None,
               name_it: str = IN_METADATA) -> tuple[list[str], str]:
    """Decode raw bytes into lines (without newlines) and the encoding used."""
    text, used = decode(data, path, encoding, name_it)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines, used


def split_reports(lines: list[str]) -> list[tuple[int | None, int, int]]:
    """Where the reports in a file begin and end, by their year-bearing title lines.

    Returns ``(year, first_line, last_line)`` triples, 1-based and inclusive. A
    file without such titles is one report; a report whose title bears no
    year takes the year of its subtitle (——2025年3月5日在…会议上), else its
    year is unknown. Used by ``parse``, which has no metadata to go on.
    """
    starts: list[tuple[int | None, int]] = []
    for index, raw in enumerate(lines):
        match = _TITLE_RE.match("".join(raw.split()))
        if match and match.group(1):
            year = int(match.group(1))
            if starts and starts[-1][0] == year and _only_titles(lines, starts[-1][1], index):
                continue  # a duplicated title line
            starts.append((year, index + 1))
    if not starts:
        return [(_subtitle_year(lines), 1, len(lines))]
    if any(raw.strip() for raw in lines[: starts[0][1] - 1]):
        starts.insert(0, (None, 1))
    ends = [start - 1 for _, start in starts[1:]] + [len(lines)]
    return [(year or _subtitle_year(lines[start - 1: end]), start, end)
            for (year, start), end in zip(starts, ends, strict=True)]


def _subtitle_year(lines: list[str]) -> int | None:
    """The year of the subtitle among a report's first lines, if it has one."""
    for raw in lines[:8]:
        match = _SUBTITLE_RE.match("".join(raw.split()))
        if match:
            return int(match.group(1))
    return None


def _only_titles(lines: list[str], start: int, index: int) -> bool:
    between = lines[start - 1: index]
    return all(not raw.strip() or _TITLE_RE.match("".join(raw.split())) for raw in between)
