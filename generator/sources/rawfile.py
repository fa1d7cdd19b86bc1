"""A raw report file read on its own: its lines, and the reports ``parse``
and ``compare`` find in it without metadata (layout detected, years from
the title lines). The project reads a report's lines here too, and then
applies its metadata.
"""

from __future__ import annotations

import dataclasses
import pathlib

from generator.diagnostics import Diagnostics, GeneratorError
from generator.model import Report
from generator.sources import normalize, structure
from generator.sources.inputs import RAW_LIMIT, read_bytes, refuse_controls


def read_raw(path: pathlib.Path, shown: str, encoding: str | None = None,
             name_it: str = normalize.IN_METADATA) -> tuple[list[str], str]:
    """The lines of a raw file; a path that cannot be read is a one-line error naming it."""
    data = read_bytes(path, shown, RAW_LIMIT)
    lines, used = normalize.read_lines(data, shown, encoding, name_it)
    refuse_controls("\n".join(lines), shown)
    return lines, used


def no_text(lines: list[str], normalized: normalize.Normalized) -> str:
    """Why ``normalize`` found no paragraph in ``lines``, in words for an error message."""
    if not lines:
        return "the file is empty"
    if not normalized.dropped:
        return "only blank lines"
    left_out = ", ".join(f"{'a drop: rule' if d.kind == 'metadata' else d.kind} at line {d.line}"
                         for d in normalized.dropped[:3])
    more = ", …" if len(normalized.dropped) > 3 else ""
    return f"only lines that are not report text: {left_out}{more}"


@dataclasses.dataclass(frozen=True)
class ParsedReport:
    """A report read from a raw file without metadata: by ``parse`` and ``compare``."""

    year: int | None
    normalized: normalize.Normalized
    report: Report
    diagnostics: Diagnostics


def _closing_found(report, closing_line: int | None, diagnostics: Diagnostics, option: str) -> None:
    """A whole report (it opens with 各位代表：) whose closing was not found,
    or found only in its last paragraph while its last task is more than
    twice as long as any other (2025: no 各位代表！ line opens the closing,
    so task 十 runs on over fifteen paragraphs), has its closing read as part
    of the last task, which a comparison shows as sentences moved into that
    task: say so, and how to place it."""
    items = [item for section in report.sections for item in section.items]
    if closing_line is not None or not report.intro or not items or len(report.closing) > 1:
        return
    last, longest = items[-1], max((len(item.paragraphs) for item in items[:-1]), default=0)
    if report.closing and len(last.paragraphs) <= 2 * longest:
        return
    found = (f"the closing is only the last paragraph, and task {last.number} holds {len(last.paragraphs)} "
             f"paragraphs, more than twice any other task" if report.closing else "no closing found")
    diagnostics.warning(report.path, last.pos.line,
                        f"{found}: without a 各位代表！ line after the last task, the closing is read as part of "
                        f"task {last.number}; if the closing begins earlier, give its raw line with {option}")


def parse_reports(
    path: pathlib.Path, year: int | None = None, layout: str | None = None, closing_line: int | None = None,
    encoding: str | None = None, year_option: str = "--year", closing_option: str = "--closing-line",
) -> list[ParsedReport]:
    """Every report in a raw file (the one of ``year``, if given), layout detected, no metadata.

    ``year_option`` names the option that chose ``year``, for the error when
    the file has no report of that year; ``closing_option`` the one that
    places the closing, for the warning when it seems not found."""
    shown = str(path)
    lines, encoding = read_raw(path, shown, encoding, name_it="with --encoding")
    ranges = normalize.split_reports(lines)
    if year is not None:
        chosen = [r for r in ranges if r[0] == year]
        if not chosen:
            if len(ranges) == 1:
                chosen = [(year, ranges[0][1], ranges[0][2])]
            else:
                found = ", ".join(str(r[0]) for r in ranges)
                raise GeneratorError.single(shown, None, f"no report of {year} in this file (found: {found}); "
                                                         f"give {year_option} one of those")
        ranges = chosen
    results = []
    for found_year, first, last in ranges:
        diagnostics = Diagnostics()
        normalized = normalize.normalize(lines[first - 1: last], first_line=first, layout=layout, encoding=encoding)
        if not normalized.blocks:
            continue
        report = structure.build_report(found_year or 0, list(normalized.blocks), shown,
                                        structure.Placement(closing_line=closing_line), diagnostics)
        _closing_found(report, closing_line, diagnostics, closing_option)
        results.append(ParsedReport(found_year, normalized, report, diagnostics))
    if not results:  # `[]` would pass for a result: say why there is none
        first, last = ranges[0][1], ranges[-1][2]
        excerpt = lines[first - 1: last]
        why = no_text(excerpt, normalize.normalize(excerpt, first_line=first, layout=layout))
        what = "holds" if year is None else f"the {year} report in it holds"
        raise GeneratorError.single(shown, None, f"{what} no report text ({why}); give the raw text of a report")
    return results
