"""Command line: ``python -m generator {parse,compare,indicators,check,lock,stamp,xliff,tmx,pretranslate,export}``.

* ``parse FILE [--year YYYY] [--encoding ENC]`` prints the API JSON of a raw
  file, detecting its layout, without metadata and without touching the site.
* ``compare A B`` prints the lineage JSON of two reports (docs/compare/rules.md):
  which paragraphs and sentences of B are the same as, edited from, or new
  against A. Each of A and B is a year of the edition or a raw file
  (``--year-a``/``--year-b`` choose a report in it, as ``parse --year`` does).
* ``indicators FILE|YEAR [--year YYYY]`` (and parse's ``--layout``,
  ``--closing-line``) prints the report's targets for its year and its
  outturns for the year before as JSON, each figure as written with its
  value, unit, qualifier and anchor (:mod:`generator.text.indicators`).
* ``check`` validates the whole project and prints ``path:line: message`` for
  every problem, including the checks too slow for every build; ``check
  --base REV`` also requires every record the anchor lock had at git revision
  REV to be there unchanged (:mod:`generator.sources.lock_history`).
* ``lock`` registers every current anchor in ``source_texts/anchors.lock``,
  with a fingerprint of the words it names; ``lock --amend YEAR ANCHOR
  --reason "…"`` records that an anchor names corrected words of the same
  clause; ``lock --migrate`` adds fingerprints to a lock from before them;
  ``lock --new`` starts the lock of an edition never published (a missing
  lock is otherwise an error).
* ``stamp YEAR ANCHOR…`` (or ``stamp YEAR --all`` for every stale or carried
  unit; a suggestion is stamped by name, once revised) records
  that English units were checked against the current Chinese (their
  fingerprint), after a translator revised them.
* ``xliff export YEAR OUT.xlf`` writes the year's English as XLIFF 1.2, a
  unit per sentence, for a translation tool; ``xliff import FILE`` writes
  back the targets changed there, stamped (:mod:`generator.translating.xliff`).
  ``tmx export OUT.tmx`` writes a TMX 1.4 memory of every checked unit.
* ``pretranslate NEW --from OLD`` fills the English of the report of NEW
  from that of OLD: unchanged sentences carried over, edited ones suggested
  (:mod:`generator.translating.pretranslate`).
* ``export FORMAT OUT [--year YEAR]`` writes the edition in another form:
  ``md``, a MkDocs project of Markdown pages in the folder OUT
  (:mod:`generator.writers.markdown.edition`); ``pdf``, a book with an outline, both
  languages and every paragraph's pinpoint label; ``epub``, an EPUB 3 that
  keeps the site's anchors, with the glossary as pop-up notes. For pdf and
  epub an OUT ending in / is a folder that gets the edition and one book
  per report; ``--script hant`` makes the Traditional books.

Exit status: 0 done; 1 ``check`` found errors (or warnings, with ``--strict``);
2 the command could not run on this input: a file missing, unreadable or
empty, bad arguments, or errors that stop ``lock`` or ``stamp`` (printed as
``path:line: error: …``, never a traceback).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import os
import pathlib
import sys

from generator.comparison.alignment import align, lineage_json
from generator.diagnostics import GeneratorError, Severity, relpath
from generator.links import SCRIPTS
from generator.model import Report
from generator.project.project import Project
from generator.sources.rawfile import parse_reports
from generator.text.indicators import indicators
from generator.writers.opendata import parse_file

#: Exit statuses (see the module docstring).
PROBLEMS, CANNOT_RUN = 1, 2


def _print_diagnostics(diagnostics, stream=None) -> None:
    for d in diagnostics:
        print(d, file=stream or sys.stderr)  # looked up now: a caller may have replaced sys.stderr


def cmd_parse(args) -> int:
    results = parse_file(pathlib.Path(args.file), year=args.year, layout=args.layout,
                         closing_line=args.closing_line, encoding=args.encoding)
    output = results[0] if len(results) == 1 else results
    json.dump(output, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def _report_input(given: str, year: int | None, closing: int | None, edition_report, suffix: str = "",
                  layout: str | None = None) -> Report:
    """The report ``given`` names: a raw file (``year`` and ``closing`` choose
    a report in it and where its closing begins), or else a year of the
    edition. ``suffix`` names the command's options: ``-a`` for ``--year-a``."""
    path = pathlib.Path(given)
    if given.isdigit() and not path.exists():
        if year is not None or closing is not None:
            raise GeneratorError.single(given, None, f"--year{suffix} and --closing-line{suffix} read a raw file, "
                                                     f"and {given} is a year of the edition; leave them out")
        return edition_report(int(given))
    reports = parse_reports(path, year, layout, closing_line=closing, year_option=f"--year{suffix}",
                            closing_option=f"--closing-line{suffix}")
    if len(reports) > 1:
        years = ", ".join(str(r.year) for r in reports)
        raise GeneratorError.single(str(path), None, f"holds {len(reports)} reports ({years}); "
                                                     f"choose one with --year{suffix}")
    _print_diagnostics(reports[0].diagnostics)  # what `parse` would list: the output still names these anchors
    return reports[0].report


def _edition_report(project: Project):
    """``year → Report`` of the edition, loading it once, and only if a year is asked for."""
    loaded = functools.cache(project.load)
    return lambda year: project.report(year, loaded())


def cmd_compare(args) -> int:
    edition_report = _edition_report(Project(args.root))
    a, b = (_report_input(getattr(args, side), getattr(args, f"year_{side}"), getattr(args, f"closing_line_{side}"),
                          edition_report, f"-{side}") for side in ("a", "b"))
    json.dump(lineage_json(align(a, b)), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def cmd_indicators(args) -> int:
    report = _report_input(args.report, args.year, args.closing_line, _edition_report(Project(args.root)),
                           layout=args.layout)
    json.dump(indicators(report).json(), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def _escaped(text: str, in_property: bool = False) -> str:
    """As GitHub's runner reads a workflow command (toolkit's ``escapeData``
    and ``escapeProperty``): a newline in a file's name must not start a
    command of its own, nor a comma or colon end the property early."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def _github_annotation(d) -> str:
    """A GitHub workflow command: shown on the offending line of the pull request."""
    kind = {"error": "error", "warning": "warning"}.get(d.severity.value, "notice")
    where = f"file={_escaped(d.path, in_property=True)}" + (f",line={d.line}" if d.line else "")
    return f"::{kind} {where}::{_escaped(d.message)}"


def cmd_check(args) -> int:
    diagnostics = Project(args.root).check(base=args.base)
    shown = [d for d in diagnostics if d.severity is not Severity.INFO or not args.quiet]
    if args.github:
        for d in shown:
            print(_github_annotation(d))
    else:
        _print_diagnostics(shown, sys.stdout)
    errors = len(diagnostics.errors)
    warnings = len(diagnostics.warnings)
    notices = len(diagnostics) - errors - warnings
    print(f"check: {errors} errors, {warnings} warnings, {notices} notices")
    return PROBLEMS if errors or (args.strict and warnings) else 0


def cmd_lock(args) -> int:
    project = Project(args.root)
    if args.amend:
        year, anchor = args.amend
        if not year.isdigit():
            print(f"lock --amend: {year!r} is not a year; write lock --amend YEAR ANCHOR --reason \"…\"",
                  file=sys.stderr)
            return CANNOT_RUN
        line = project.amend(int(year), anchor, args.reason or "", datetime.date.today())
        print(f"lock: amended: {line}")
        return 0
    added, diagnostics = project.write_lock(migrate=args.migrate, new=args.new)
    if diagnostics.errors and (added == 0 or not args.migrate):
        _print_diagnostics(diagnostics.errors)
        print("lock: not written; fix the errors first", file=sys.stderr)
        return CANNOT_RUN
    print(f"lock: {added} anchors {'registered or given fingerprints' if args.migrate else 'registered'}")
    return 0


def cmd_stamp(args) -> int:
    done = Project(args.root).stamp(args.year, args.anchors)
    for stamped in done:
        print(stamped)
    print(f"stamp: {len(done)} units of {args.year} marked as translated from the current Chinese")
    return 0


def cmd_xliff(args) -> int:
    from generator.translating import xliff  # lxml, only for these commands

    project = Project(args.root)
    if args.action == "export":
        if not args.year or not args.file:
            print("xliff export: error: give the year and the file to write: xliff export YEAR OUT.xlf",
                  file=sys.stderr)
            return CANNOT_RUN
        count = xliff.export_xliff(project, int(args.year), pathlib.Path(args.file), args.copy_source)
        print(f"xliff export: {count} units of {args.year} in {args.file}")
        return 0
    if args.file is not None or not args.year:
        print("xliff import: error: give the one file to read: xliff import FILE.xlf", file=sys.stderr)
        return CANNOT_RUN
    done = xliff.import_xliff(project, pathlib.Path(args.year))
    _print_diagnostics(done.refused)
    print(f"xliff import: {len(done.written)} units written and stamped, {done.unchanged} unchanged"
          + (f", {len(done.refused)} refused (nothing of them written)" if done.refused else ""))
    return CANNOT_RUN if done.refused else 0


def cmd_tmx(args) -> int:
    from generator.translating.tmx import export_tmx

    written, left = export_tmx(Project(args.root), pathlib.Path(args.out))
    print(f"tmx export: {written} checked units in {args.out}"
          + (f"; {left} stale, carried or suggested units left out" if left else ""))
    return 0


def cmd_pretranslate(args) -> int:
    from generator.translating.pretranslate import pretranslate

    done = pretranslate(Project(args.root), args.new, args.old)
    print(f"pretranslate: {done.path}: {done.carried} units carried over unchanged from {args.old}, "
          f"{done.suggested} suggested (their Chinese was edited), {done.pending} still pending; read them, "
          f"then `python -m generator stamp {args.new} ANCHOR…`")
    return 0


def export_md(project: Project, args) -> int:
    if args.year is not None or args.script != "hans":
        print("export md: error: the Markdown export holds the whole edition in both scripts; "
              "--year and --script are for pdf and epub", file=sys.stderr)
        return 2
    loaded = project.checked()
    from generator.writers.markdown.edition import export  # Jinja2 and MkDocs' helpers, only for this command

    exported = export(loaded, project.root, pathlib.Path(args.out), args.force)
    _print_diagnostics(loaded.diagnostics.warnings)
    if exported.kept:
        more = f" and {len(exported.kept) - 5} more" if len(exported.kept) > 5 else ""
        print(f"export md: kept {len(exported.kept)} files the export did not write: "
              f"{', '.join(exported.kept[:5])}{more}")
    print(f"export md: {exported.pages} pages, {exported.files} files, {exported.size / 1e6:.1f} MB in {args.out}; "
          f"build them with `mkdocs build` there")
    return 0


def export_pdf(project: Project, args) -> int:
    from generator.writers.books.pdf import export  # only here: `check` and `parse` never load the templates

    for path, size in export(project, args.out, args.year, args.script, args.force):
        print(f"export pdf: {path} ({size / 1024:.0f} KiB)")
    return 0


def export_epub(project: Project, args) -> int:
    from generator.writers.books.epub import export  # only here: `check` and `parse` never load the templates

    for path, size in export(project, args.out, args.year, args.script, args.force):
        print(f"export epub: {path} ({size / 1024:.0f} KiB)")
    return 0


#: export FORMAT → (what it writes, the function that writes it). A new format is one entry here.
EXPORTS = {
    "md": ("a MkDocs project of Markdown pages: OUT/mkdocs.yml and OUT/docs/", export_md),
    "pdf": ("a book in PDF with an outline; OUT ending in / gets the edition and one book per report", export_pdf),
    "epub": ("an EPUB 3 with pop-up glossary notes; OUT ending in / gets the edition and one book per report",
             export_epub),
}


def cmd_export(args) -> int:
    return EXPORTS[args.format][1](Project(args.root), args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="project root (default: current directory)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="print the JSON of a raw report file")
    p.add_argument("file")
    p.add_argument("--year", type=int, help="which report, when the file holds several")
    p.add_argument("--layout", choices=["columns", "lines"], help="override layout detection")
    p.add_argument("--closing-line", type=int, help="raw line where the closing begins (no 各位代表！ cue)")
    p.add_argument("--encoding", help="the file's encoding, when it is neither UTF-8 nor GB18030 and has no BOM")
    p.set_defaults(func=cmd_parse)

    cmp = sub.add_parser("compare", help="print which paragraphs and sentences of B continue those of A")
    cmp.add_argument("a", metavar="A", help="the earlier report: a year of the edition or a raw file")
    cmp.add_argument("b", metavar="B", help="the later report: a year of the edition or a raw file")
    for side in ("a", "b"):
        cmp.add_argument(f"--year-{side}", type=int, metavar="YYYY",
                         help=f"which report of {side.upper()}, when the file holds several")
        cmp.add_argument(f"--closing-line-{side}", type=int, metavar="LINE",
                         help=f"raw line of {side.upper()} where the closing begins (no 各位代表！ cue)")
    cmp.set_defaults(func=cmd_compare)

    ind = sub.add_parser("indicators", help="print a report's targets and last year's outturns as JSON")
    ind.add_argument("report", metavar="FILE|YEAR", help="a raw file or a year of the edition")
    ind.add_argument("--year", type=int, metavar="YYYY", help="which report of FILE, when it holds several")
    ind.add_argument("--layout", choices=["columns", "lines"], help="override layout detection, as parse does")
    ind.add_argument("--closing-line", type=int, metavar="LINE",
                     help="raw line of FILE where the closing begins (no 各位代表！ cue)")
    ind.set_defaults(func=cmd_indicators)

    c = sub.add_parser("check", help="validate source texts, metadata and the anchor registry")
    c.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    c.add_argument("-q", "--quiet", action="store_true", help="list errors and warnings only, not notices")
    c.add_argument("--github", action="store_true", help="print GitHub workflow annotations")
    c.add_argument("--base", metavar="REV", help="a git revision (the branch a pull request targets): "
                                                 "the anchor lock must keep every record it had there")
    c.set_defaults(func=cmd_check)

    lock = sub.add_parser("lock", help="register every current anchor in source_texts/anchors.lock")
    lock.add_argument("--amend", nargs=2, metavar=("YEAR", "ANCHOR"),
                      help="record that ANCHOR names corrected words of the same clause")
    lock.add_argument("--reason", help="with --amend: why the words changed (shown on the page, dated)")
    lock.add_argument("--migrate", action="store_true",
                      help="once: add fingerprints to lines written before they existed")
    lock.add_argument("--new", action="store_true", help="start the lock of an edition never published")
    lock.set_defaults(func=cmd_lock)

    st = sub.add_parser("stamp", help="record that translation units match the current Chinese")
    st.add_argument("year", type=int)
    st.add_argument("anchors", nargs="*", help="units to stamp, as checked by the translator")
    st.add_argument("--all", action="store_true",
                    help="stamp every stale or carried unit of the year (never a suggestion: name it once revised)")
    st.set_defaults(func=cmd_stamp)

    xl = sub.add_parser("xliff", help="the English of a year as XLIFF 1.2, for a translation tool, and back")
    xl.add_argument("action", choices=("export", "import"))
    xl.add_argument("year", metavar="YEAR|FILE", help="export: the year; import: the XLIFF file to read")
    xl.add_argument("file", metavar="OUT", nargs="?", help="export: the file to write")
    xl.add_argument("--copy-source", action="store_true",
                    help="export: every target holds the Chinese, for OmegaT (its XLIFF filter translates the "
                         "target's text); give it the English as `tmx export` in the project's tm/auto/")
    xl.set_defaults(func=cmd_xliff)

    tm = sub.add_parser("tmx", help="a TMX 1.4 translation memory of every checked unit of every year")
    tm.add_argument("action", choices=("export",))
    tm.add_argument("out", metavar="OUT", help="the file to write")
    tm.set_defaults(func=cmd_tmx)

    pt = sub.add_parser("pretranslate", help="fill a new report's English from an earlier report's")
    pt.add_argument("new", type=int, metavar="NEW", help="the year of the report to fill")
    pt.add_argument("--from", dest="old", type=int, required=True, metavar="OLD", help="the year to take it from")
    pt.set_defaults(func=cmd_pretranslate)

    ex = sub.add_parser("export", help="write the edition in another form",
                        description="Formats: " + "; ".join(f"{name}: {what}" for name, (what, _) in EXPORTS.items()))
    ex.add_argument("format", choices=EXPORTS, help="what to write")
    ex.add_argument("out", metavar="OUT", help="where to write it")
    ex.add_argument("--year", type=int, help="pdf, epub: one report instead of the whole edition")
    ex.add_argument("--script", choices=sorted(SCRIPTS), default="hans",
                    help="pdf, epub: the Chinese in Simplified (default) or Traditional characters")
    ex.add_argument("--force", action="store_true",
                    help="replace files in OUT that no export wrote, or that were changed since")
    ex.set_defaults(func=cmd_export)

    args = parser.parse_args(argv)
    if not pathlib.Path(args.root).is_dir():
        parser.error(f"--root {args.root}: no such directory; give the project root")
    if args.command == "lock" and bool(args.amend) != bool(args.reason):
        parser.error("lock: --amend YEAR ANCHOR and --reason \"…\" go together")
    if args.command == "stamp" and bool(args.anchors) == args.all:
        # Stamping says a person checked the English: never of units nobody named by accident.
        parser.error("stamp: name the units you checked (stamp YEAR ANCHOR…), or pass --all "
                     "to stamp every stale unit; not both")
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader stopped early (`| head`): what it read is all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except GeneratorError as exc:
        _print_diagnostics(exc.diagnostics)
    except OSError as exc:  # a file the stages did not expect to fail (say, the lock file is not writable)
        if exc.filename is None:  # not about a file (a closed pipe): not ours to explain
            raise
        print(f"{relpath(exc.filename, pathlib.Path(args.root).resolve())}: error: cannot read or write it "
              f"({exc.strerror}); check the path and its permissions", file=sys.stderr)
    return CANNOT_RUN


if __name__ == "__main__":
    sys.exit(main())
