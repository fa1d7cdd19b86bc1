"""The project: reads and checks every source and runs the text stages in order.

raw file → :mod:`~generator.sources.normalize` → :mod:`~generator.sources.structure`
→ the anchor lock's check → glossary matching, conversion, English units → a
:class:`~generator.project.loaded.Loaded`, which every writer reads. The CLI
and the build call :class:`Project`; nothing here writes into ``docs/``.
"""

from __future__ import annotations

import datetime
import difflib
import os
import pathlib
import subprocess

from generator.diagnostics import Diagnostics, GeneratorError, relpath
from generator.model import Report
from generator.project.loaded import Loaded, LoadedReport
from generator.project.memo import Memo
from generator.project.paths import GLOSSARY_DIR, LOCK_NAME, SOURCE_DIR
from generator.sources import (
    anchor_lock,
    lock_history,
    normalize,
    structure,
    traditional,
    translation,
    translation_edits,
)
from generator.sources.glossary import Glossary, load_glossary
from generator.sources.metadata import ReportMeta, find_metadata, load_metadata
from generator.sources.rawfile import no_text, read_raw
from generator.sources.schema import read_text
from generator.text import english_units, term_matching
from generator.text.script_conversion import Converter, EditionConverter


class Project:
    """A checkout of the project: its source texts, lock file and (later) glossary."""

    def __init__(self, root: str | pathlib.Path, source_dir: str | pathlib.Path | None = None):
        self.root = pathlib.Path(root).resolve()
        self.source_dir = pathlib.Path(source_dir).resolve() if source_dir else self.root / SOURCE_DIR
        self.lock_path = self.source_dir / LOCK_NAME
        self.glossary_dir = self.root / GLOSSARY_DIR
        # Results kept between loads of this project (a `mkdocs serve` session).
        self.memo = Memo()

    def rel(self, path: pathlib.Path) -> str:
        return relpath(path, self.root)

    # --- loading ---------------------------------------------------------------

    def load(self, thorough: bool = False, new_lock: bool = False) -> Loaded:
        """Read and check everything; ``thorough`` adds the checks too slow for every build (``check`` runs them).
        ``new_lock``: the lock may be missing (``lock --new`` is about to start one)."""
        diagnostics = Diagnostics()
        reports = []
        files, broken = find_metadata(self.source_dir, self.root, diagnostics)
        # `broken`: years whose report could not be read: no anchor verdict on them.
        for file in files:
            meta = load_metadata(file, self.root, diagnostics)
            if meta is None:
                broken.add(int(file.stem))
                continue
            try:
                # Reused while the metadata (the same parsed objects) and the raw file are unchanged.
                key = (meta.meta, meta.doc, _stamp(meta.file.parent / meta.meta.source.file))
                reports.append(self.memo.get(("report", meta.path), key,
                                             lambda found: self._load_report(meta, found), diagnostics))
            except GeneratorError as exc:
                diagnostics.extend(exc.diagnostics)
                broken.add(meta.meta.year)
        self._check_overlaps(reports, diagnostics)
        if not reports and not diagnostics.errors:
            diagnostics.error(self.rel(self.source_dir), None,
                              "no report metadata (YYYY.yml) found; add one per report")
        reports.sort(key=lambda r: r.report.year, reverse=True)
        lock_text = self._lock_text()
        lost = not os.path.lexists(self.lock_path) and bool(reports) and not new_lock
        if lost:
            # Without the lock a changed text could give a published anchor other words unnoticed.
            diagnostics.error(self.rel(self.lock_path), None, self._missing())
        lock = self.memo.get("lock", lock_text, lambda found: anchor_lock.parse_lock(
            lock_text, self.rel(self.lock_path), found), diagnostics)
        fresh = load_glossary(self.glossary_dir, self.root, diagnostics, thorough=thorough)
        # The same entries as last time (files unchanged) keep the same Glossary,
        # so everything keyed on it below is reused too.
        glossary = self.memo.get("glossary", tuple(e.entry for e in fresh.entries), lambda found: fresh, diagnostics)
        annotations, occurrences = self._annotate(reports, glossary, diagnostics)
        settings = traditional.load_settings(self.source_dir, self.root, diagnostics,
                                             opencc=lambda config: Converter(config).plain)
        forms = tuple((e.entry.term, e.entry.traditional, e.path) for e in glossary.entries if e.entry.traditional)
        # Kept while the corrections are the same, so it keeps its cache of converted paragraphs.
        converter = self.memo.get("converter", (settings, forms), lambda found: EditionConverter(
            settings, tuple(traditional.Override(simplified=t, traditional=h, reason=r) for t, h, r in forms)),
            diagnostics)
        translations, shown = {}, {}
        for entry in reports:
            year = entry.report.year
            translated_from = (entry.report, _stamp(translation.translation_path(self.source_dir, year)))
            translated = translations[year] = self.memo.get(
                ("translation", year), translated_from,
                lambda found: translation.load_translation(entry.report, self.source_dir, self.root, found),
                diagnostics)
            # Its own step: a glossary edit re-checks the terms, not the translation.
            shown[year] = self.memo.get(
                ("english", year), (translated, glossary, annotations.get(year)),
                lambda found: english_units.english_units(entry.report, translated, glossary, occurrences, found),
                diagnostics)
        loaded = Loaded(reports, lock, diagnostics, glossary, annotations, occurrences, converter, translations,
                        shown)
        if lost:  # every anchor "not registered yet" would bury the one error that matters
            return loaded
        # The same lock and the same reports (a glossary or translation edit) give the same verdict.
        self.memo.get("verify", (lock, tuple(r.report for r in reports), tuple(sorted(broken))),
                      lambda found: anchor_lock.verify(lock, loaded.current_texts(), found, skip=broken), diagnostics)
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

    def _annotate(self, reports: list[LoadedReport], glossary: Glossary, diagnostics: Diagnostics):
        # Keyed on what the matcher reads, not on the entries: a definition edit
        # keeps it, and with it every report's annotations.
        forms = tuple((e.entry.slug, tuple(e.entry.forms), tuple(e.entry.not_in)) for e in glossary.entries)
        matcher = self.memo.get("matcher", forms, lambda found: term_matching.Matcher(glossary), diagnostics)
        annotations, occurrences = {}, []
        for loaded in reports:
            spans, found = self.memo.get(("annotations", loaded.report.year), (loaded.report, matcher),
                                         lambda _: term_matching.annotate(loaded.report, matcher), diagnostics)
            annotations[loaded.report.year] = spans
            occurrences.extend(found)
        used = {o.slug for o in occurrences}
        for item in glossary.entries:
            entry = item.entry
            if entry.slug not in used:
                absent = f"{entry.term} occurs in no report" if not entry.aliases else (
                    f"neither {entry.term} nor its alias{'es' if len(entry.aliases) > 1 else ''} "
                    f"{', '.join(entry.aliases)} occurs in any report")
                diagnostics.info(item.path, item.doc.line(("term",)),
                                 f"{absent} (not an error; the entry still gets its page)")
        refused = term_matching.refuse_frequent(glossary, occurrences, diagnostics)
        if refused:  # an error stops the build: its hundreds of marks would only bury it under notices
            annotations, occurrences = term_matching.without(annotations, occurrences, refused)
        return annotations, occurrences

    def _load_report(self, meta: ReportMeta, diagnostics: Diagnostics) -> LoadedReport:
        m = meta.meta
        raw_file = meta.file.parent / m.source.file
        raw_path = self.rel(raw_file)
        lines, encoding = read_raw(raw_file, raw_path, m.source.encoding)
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
        if not normalized.blocks:
            # An empty page with a few warnings would pass for a report: refuse it.
            raise GeneratorError.single(meta.path, meta.line("source"),
                                        f"lines {first}-{last} of {raw_path} hold no report text "
                                        f"({no_text(excerpt, normalized)}); fix source.from_line / source.to_line")
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

    def check(self, base: str | None = None) -> Diagnostics:
        """Every check; with ``base`` (a git revision), also that the lock keeps every record it had there."""
        diagnostics = self.load(thorough=True).diagnostics
        if base is not None:
            published = self.published_lock(base)
            shown = self.rel(self.lock_path)
            if published is None:
                diagnostics.info(shown, None, f"no lock at {base}: every record in it is new")
            elif os.path.lexists(self.lock_path):
                added = lock_history.compare(published, self._lock_text(), base, shown, diagnostics)
                diagnostics.info(shown, None, f"{added} records added since {base}")
        return diagnostics

    def published_lock(self, base: str) -> str | None:
        """The lock's text at git revision ``base``; None if it had none. Git's
        own failure (no git, not a repository, no such revision) stops `check`."""
        spec = f"{base}:./{self.lock_path.relative_to(self.root).as_posix()}"
        try:
            known = subprocess.run(["git", "-C", str(self.root), "rev-parse", "--verify", "--quiet",
                                    f"{base}^{{commit}}"], capture_output=True, text=True)
            if known.returncode != 0:
                raise GeneratorError.single(
                    "--base", None, f"{base} is not a commit of the repository at {self.root} (a shallow clone "
                                    "lacks it: fetch it, e.g. `git fetch --depth=1 origin main`)")
            shown = subprocess.run(["git", "-C", str(self.root), "show", spec], capture_output=True)
        except FileNotFoundError:
            raise GeneratorError.single("--base", None, "git is not installed; install git to compare the lock "
                                                        "with a revision") from None
        if shown.returncode != 0:
            return None  # the revision exists and has no lock: the first one is being added
        return shown.stdout.decode("utf-8", "replace")

    def write_lock(self, migrate: bool = False, new: bool = False) -> tuple[int, Diagnostics]:
        """Register every current anchor by appending lines (and, with
        ``migrate``, add fingerprints to lines from before them); returns how
        many lines were added or migrated. ``new`` starts the lock of an
        edition never published; without it a missing lock is an error."""
        if new and os.path.lexists(self.lock_path):
            raise GeneratorError.single(self.rel(self.lock_path), None, "the edition has a lock already; "
                                                                        "`lock` without --new adds to it")
        if not new and not os.path.lexists(self.lock_path):  # --migrate too: it forgives the lock's own errors
            raise GeneratorError.single(self.rel(self.lock_path), None, self._missing())
        loaded = self.load(new_lock=new)
        if migrate:
            # The one run that touches existing lines: drifted anchors cannot be
            # told from migrated ones yet, so only the lock's own errors stop it.
            blocking = [d for d in loaded.diagnostics.errors if d.path != self.rel(self.lock_path)]
        else:
            blocking = loaded.diagnostics.errors
        if blocking:
            return 0, loaded.diagnostics
        text = self._lock_text()
        changed = 0
        if migrate:
            text, changed = anchor_lock.migrated_text(text, loaded.lock, loaded.current_texts())
        added = anchor_lock.additions(loaded.lock, loaded.current_texts())
        if added or changed:
            self.lock_path.write_text(anchor_lock.appended_text(text, added), encoding="utf-8")
        return len(added) + changed, loaded.diagnostics

    def _missing(self) -> str:
        return ("the anchor lock is missing: it lists every anchor ever published and the words each names. "
                f"Restore it (`git checkout -- {self.rel(self.lock_path)}`); an edition that has never been "
                "published starts one with `python -m generator lock --new`")

    def _lock_text(self) -> str:
        """The lock's text ("" before the first `lock`). Read by
        :func:`read_text`, which refuses a link, dangling or not (`lock`
        must never write through one to a file outside the repository); a
        lock that cannot be read stops `check` and `lock` (exit 2)."""
        if not os.path.lexists(self.lock_path):
            return ""
        return read_text(self.lock_path, self.rel(self.lock_path))

    def amend(self, year: int, anchor: str, reason: str, date: datetime.date) -> str:
        """Record that ``anchor`` names corrected words of the same clause; returns the line appended."""
        loaded = self.load()
        shown = self.rel(self.lock_path)
        now = loaded.current_texts().get(year)
        if now is None:
            raise GeneratorError.single(shown, None, f"no report of {year}; check the year")
        if anchor not in now:
            near = difflib.get_close_matches(anchor, list(now), n=1)
            hint = f"; did you mean {near[0]}?" if near else ""
            raise GeneratorError.single(shown, None, f"{anchor} is not an anchor of the {year} report{hint}")
        recorded = loaded.lock.words.get((year, anchor))
        if (year, anchor) not in loaded.lock.lines:
            raise GeneratorError.single(shown, None, f"{year} {anchor} is not published yet; nothing to amend "
                                                     "(`python -m generator lock` registers it)")
        if recorded and recorded[-1].fingerprint == anchor_lock.fingerprint(now[anchor]):
            raise GeneratorError.single(shown, recorded[-1].line, f"{year} {anchor} still names the words "
                                                                  "recorded here; nothing to amend")
        if not " ".join(reason.split()):
            raise GeneratorError.single(shown, None, "say why the words changed: --reason \"…\"")
        line = anchor_lock.amendment(year, anchor, now[anchor], reason, date)
        self.lock_path.write_text(anchor_lock.appended_text(self._lock_text(), [line]), encoding="utf-8")
        return line

    def checked(self) -> Loaded:
        """:meth:`load`, for what cannot be made from a project with errors
        (the site, an export): a GeneratorError carrying them, and the warnings."""
        loaded = self.load()
        if loaded.diagnostics.errors:
            raise GeneratorError(loaded.diagnostics.errors + loaded.diagnostics.warnings)
        return loaded

    def report(self, year: int, loaded: Loaded | None = None) -> Report:
        """The edition's report of ``year``; an error naming the reports there are when it has none."""
        loaded = loaded or self.load()
        entry = next((r for r in loaded.reports if r.report.year == year), None)
        if entry is None:
            if (self.source_dir / f"{year}.yml").exists():  # the report is there but does not load: say why
                raise GeneratorError(loaded.diagnostics.errors)
            years = ", ".join(str(r.report.year) for r in loaded.reports) or "none"
            raise GeneratorError.single(self.rel(self.source_dir / f"{year}.yml"), None,
                                        f"no report of {year} (reports: {years}); check the year")
        return entry.report

    def stamp(self, year: int, anchors_: list[str]) -> list[translation_edits.Stamped]:
        """Stamp ``anchors_`` of ``year`` (every unit not checked if none are named)."""
        return translation_edits.stamp(self.report(year), self.source_dir, self.root, anchors_)

def _stamp(path: pathlib.Path) -> tuple[int, int] | None:
    """When a file last changed and its size: enough to tell that it changed under `mkdocs serve`."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
