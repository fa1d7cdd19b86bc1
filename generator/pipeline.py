"""The pipeline: the one module that knows every stage and runs them in order.

raw file → :mod:`normalize` → :mod:`structure` → :mod:`anchors` check →
:mod:`render`. The CLI and the MkDocs plugin call :class:`Project`; nothing
here writes into ``docs/``.
"""

from __future__ import annotations

import dataclasses
import pathlib

from . import anchors, annotate, normalize, opendata, structure, traditional, translation
from .diagnostics import Diagnostics, GeneratorError, relpath
from .glossary import Glossary, load_glossary
from .metadata import ReportMeta, find_metadata, load_metadata
from .model import Report

SOURCE_DIR = "source_texts"
GLOSSARY_DIR = "glossary"
LOCK_NAME = "anchors.lock"


@dataclasses.dataclass(frozen=True)
class LoadedReport:
    meta: ReportMeta
    normalized: normalize.Normalized
    report: Report
    raw_path: str


@dataclasses.dataclass
class Loaded:
    reports: list[LoadedReport]
    lock: anchors.Lock
    diagnostics: Diagnostics
    glossary: Glossary
    #: year → sentence id → glossary spans in that sentence
    annotations: dict[int, dict[str, tuple[annotate.Span, ...]]]
    occurrences: list[annotate.Occurrence]
    converter: traditional.Converter
    translations: dict[int, translation.Translation]

    def current_anchors(self) -> dict[int, list[str]]:
        return {r.report.year: r.report.anchors() for r in self.reports}


class Project:
    """A checkout of the project: its source texts, lock file and (later) glossary."""

    def __init__(self, root: str | pathlib.Path, source_dir: str | pathlib.Path | None = None):
        self.root = pathlib.Path(root).resolve()
        self.source_dir = pathlib.Path(source_dir).resolve() if source_dir else self.root / SOURCE_DIR
        self.lock_path = self.source_dir / LOCK_NAME
        self.glossary_dir = self.root / GLOSSARY_DIR

    def rel(self, path: pathlib.Path) -> str:
        return relpath(path, self.root)

    # --- loading ---------------------------------------------------------------

    def load(self) -> Loaded:
        diagnostics = Diagnostics()
        reports = []
        broken: set[int] = set()  # years whose report could not be read: no anchor verdict on them
        for file in find_metadata(self.source_dir):
            meta = load_metadata(file, self.root, diagnostics)
            if meta is None:
                broken.add(int(file.stem))
                continue
            try:
                reports.append(self._load_report(meta, diagnostics))
            except GeneratorError as exc:
                diagnostics.extend(exc.diagnostics)
                broken.add(meta.meta.year)
        self._check_overlaps(reports, diagnostics)
        if not reports and not diagnostics.errors:
            diagnostics.error(self.rel(self.source_dir), None,
                              "no report metadata (YYYY.yml) found; add one per report")
        reports.sort(key=lambda r: r.report.year, reverse=True)
        lock_text = self.lock_path.read_text(encoding="utf-8") if self.lock_path.exists() else ""
        lock = anchors.parse_lock(lock_text, self.rel(self.lock_path), diagnostics)
        glossary = load_glossary(self.glossary_dir, self.root, diagnostics)
        annotations, occurrences = self._annotate(reports, glossary, diagnostics)
        converter = traditional.Converter(
            traditional.load_settings(self.source_dir, self.root, diagnostics),
            tuple(traditional.Override(simplified=e.entry.term, traditional=e.entry.traditional, reason=e.path)
                  for e in glossary.entries if e.entry.traditional),
        )
        translations = {}
        for entry in reports:
            english = translation.load_translation(entry.report, self.source_dir, self.root, diagnostics)
            translation.terminology(entry.report, english, glossary, occurrences, diagnostics)
            translations[entry.report.year] = english
        loaded = Loaded(reports, lock, diagnostics, glossary, annotations, occurrences, converter, translations)
        anchors.verify(lock, loaded.current_anchors(), diagnostics, skip=broken)
        return loaded

    @staticmethod
    def _check_overlaps(reports: list[LoadedReport], diagnostics: Diagnostics) -> None:
        """Two reports must not claim the same raw lines: text would appear on two pages."""
        spans = sorted((r.raw_path, r.normalized.blocks[0].line, r.normalized.blocks[-1].end_line, r.meta)
                       for r in reports if r.normalized.blocks)
        for (path, _, end, meta), (path2, start2, _, meta2) in zip(spans, spans[1:]):
            if path == path2 and start2 <= end:
                diagnostics.error(meta2.path, meta2.line("source"),
                                  f"lines from {start2} of {path} are also claimed by {meta.path} (up to line {end}); "
                                  "fix source.from_line / source.to_line so each line belongs to one report")

    @staticmethod
    def _annotate(reports: list[LoadedReport], glossary: Glossary, diagnostics: Diagnostics):
        matcher = annotate.Matcher(glossary)
        annotations, occurrences = {}, []
        for loaded in reports:
            spans, found = annotate.annotate(loaded.report, matcher)
            annotations[loaded.report.year] = spans
            occurrences.extend(found)
        used = {o.slug for o in occurrences}
        for item in glossary.entries:
            if item.entry.slug not in used:
                diagnostics.info(item.path, item.doc.line(("term",)),
                                 f"{item.entry.term} occurs in no report (not an error; the entry still gets its page)")
        return annotations, occurrences

    def _load_report(self, meta: ReportMeta, diagnostics: Diagnostics) -> LoadedReport:
        m = meta.meta
        raw_file = meta.file.parent / m.source.file
        raw_path = self.rel(raw_file)
        lines, encoding = normalize.read_lines(raw_file.read_bytes(), raw_path, m.source.encoding)
        last = m.source.to_line or len(lines)
        if last > len(lines) or m.source.from_line > last:
            raise GeneratorError.single(
                meta.path, meta.line("source"),
                f"lines {m.source.from_line}-{last} are outside {raw_path}, which has {len(lines)} lines; "
                "fix source.from_line / source.to_line",
            )
        first = m.source.from_line
        excerpt = lines[first - 1: last]
        drop = self._drop_rules(meta, excerpt, first, diagnostics)
        breaks = {b.after_line: True for b in m.source.split_after}
        breaks.update({b.after_line: False for b in m.source.join_after})
        for key in ("split_after", "join_after"):
            for index, b in enumerate(getattr(m.source, key)):
                if not (first <= b.after_line <= last) or not excerpt[b.after_line - first].strip():
                    diagnostics.error(meta.path, meta.line("source", key, index),
                                      f"line {b.after_line} is not a line of text in this report's range; "
                                      f"fix source.{key}")
        normalized = normalize.normalize(
            excerpt, first_line=first, layout=m.source.layout, encoding=encoding, drop=drop, breaks=breaks
        )
        for dropped in normalized.dropped:
            if dropped.kind != "metadata":
                diagnostics.warning(
                    raw_path, dropped.line,
                    f"line looks like a {dropped.kind} ({dropped.text!r}) and is left out; "
                    f"record that decision under drop: in {meta.path}",
                )
        placement = structure.Placement(m.structure.section, m.structure.item, m.structure.closing_line)
        report = structure.build_report(m.year, list(normalized.blocks), raw_path, placement, diagnostics)
        return LoadedReport(meta, normalized, report, raw_path)

    @staticmethod
    def _drop_rules(meta: ReportMeta, excerpt: list[str], first: int, diagnostics: Diagnostics) -> dict[int, str]:
        """Raw line number → reason, for every line a ``drop:`` rule matches."""
        result: dict[int, str] = {}
        for index, rule in enumerate(meta.meta.drop):
            wanted = "".join(rule.text.split())
            hits = [first + k for k, raw in enumerate(excerpt) if "".join(raw.split()) == wanted]
            if not hits:
                diagnostics.error(meta.path, meta.line("drop", index, "text"),
                                  f"drop rule {rule.text!r} matches no line of the report's text; "
                                  "fix the text or remove the rule")
            for hit in hits:
                result[hit] = f"{rule.reason} · {rule.reason_en}"
        return result

    # --- commands -------------------------------------------------------------------

    def check(self) -> Diagnostics:
        return self.load().diagnostics

    def write_lock(self) -> tuple[int, Diagnostics]:
        """Register every current anchor by appending lines; returns how many were added."""
        loaded = self.load()
        if loaded.diagnostics.errors:
            return 0, loaded.diagnostics
        new = anchors.additions(loaded.lock, loaded.current_anchors())
        if new:
            text = self.lock_path.read_text(encoding="utf-8") if self.lock_path.exists() else ""
            self.lock_path.write_text(anchors.appended_text(text, new), encoding="utf-8")
        return len(new), loaded.diagnostics

    def stamp(self, year: int, anchors_: list[str]) -> list[str]:
        loaded = self.load()
        entry = next((r for r in loaded.reports if r.report.year == year), None)
        if entry is None:
            raise GeneratorError.single(self.rel(self.source_dir), None, f"no report of {year}")
        return translation.stamp(entry.report, self.source_dir, anchors_)

    def build(self):
        """Everything the site needs, in memory; raises GeneratorError on errors."""
        loaded = self.load()
        if loaded.diagnostics.errors:
            raise GeneratorError(loaded.diagnostics.errors + loaded.diagnostics.warnings)
        # Imported here so `parse` and `check` never load the templates (Jinja2).
        from . import render

        site = render.render_site(loaded)
        site.diagnostics = loaded.diagnostics
        return site

    def watched_paths(self) -> list[pathlib.Path]:
        return [self.source_dir, self.glossary_dir]


def parse_file(
    path: pathlib.Path, year: int | None = None, layout: str | None = None, closing_line: int | None = None
) -> list[dict]:
    """``python -m generator parse``: the API JSON of every report in a raw file, no metadata."""
    shown = str(path)
    lines, encoding = normalize.read_lines(path.read_bytes(), shown)
    ranges = normalize.split_reports(lines)
    if year is not None:
        chosen = [r for r in ranges if r[0] == year]
        if not chosen:
            if len(ranges) == 1:
                chosen = [(year, ranges[0][1], ranges[0][2])]
            else:
                found = ", ".join(str(r[0]) for r in ranges)
                raise GeneratorError.single(shown, None, f"no report of {year} in this file (found: {found})")
        ranges = chosen
    results = []
    for found_year, first, last in ranges:
        diagnostics = Diagnostics()
        normalized = normalize.normalize(lines[first - 1: last], first_line=first, layout=layout, encoding=encoding)
        if not normalized.blocks:
            continue
        report = structure.build_report(found_year or 0, list(normalized.blocks), shown,
                                        structure.Placement(closing_line=closing_line), diagnostics)
        data = opendata.report_json(report, title=None)
        data["year"] = found_year
        data["layout"] = normalized.layout
        data["dropped"] = [{"line": d.line, "kind": d.kind, "text": d.text} for d in normalized.dropped]
        data["diagnostics"] = [str(d) for d in diagnostics]
        results.append(data)
    return results
