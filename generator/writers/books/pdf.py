"""HTML → PDF with headless Chromium (:mod:`chromium`), and the PDF finished (:mod:`pdf_finish`).

Why Chromium and not WeasyPrint (docs/building.md, "The PDF books", has the
measurements): Chromium justifies Chinese and breaks it by the CJK rules,
paginates the two-column rows (CSS grid) correctly, makes the outline
(``generateDocumentOutline``) and a tagged PDF itself, and is already needed
by the browser tests. What it costs: Skia embeds OpenType/CFF fonts (Noto
CJK) as Type 3 fonts: outlines with a ToUnicode map, so the text is still
selectable and searchable, but not press-ready (PDF/X); and what its PDF
gets wrong or leaves out (the maps of glyphs Noto CJK shares, link
descriptions, metadata, the dates) is put right after printing, with
pikepdf.

The book names each of its faces (book.css, :data:`FONTS`), and a machine
without one of them prints no PDF but says what to install: a face left to
the machine's fallback sets the book on other pages (the English in DejaVu
Serif, the fallback where Noto Serif is missing, takes 47 pages of the 2024
book where Noto Serif takes 45): the same HTML would not give the same book
everywhere.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pathlib
import re
import shutil
import subprocess
from collections.abc import Mapping

from generator.diagnostics import GeneratorError
from generator.writers.books.chromium import ENVIRONMENT, PARALLEL, Chromium
from generator.writers.export_files import write_file

#: Where to look for the browser, first match wins; GWR_CHROMIUM overrides.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Every font family book.css names, and the Debian package it comes in.
FONTS = {
    **{f"Noto {face} CJK {script}": "fonts-noto-cjk"
       for script in ("SC", "TC") for face in ("Serif", "Sans", "Sans Mono")},
    "Noto Serif": "fonts-noto-core",
}


def _missing(message: str) -> GeneratorError:
    return GeneratorError.single("export pdf", None, message)


def _chromium() -> tuple[str | None, str]:
    """The browser's path, or None and what to do about it."""
    given = os.environ.get(ENVIRONMENT)
    if given:
        found = shutil.which(given)
        return found, "" if found else (f"{ENVIRONMENT}={given} is not an executable; point it at Chromium "
                                        "or Chrome, or unset it")
    found = next(filter(None, map(shutil.which, CANDIDATES)), None)
    return found, "" if found else (f"no Chromium to print with (Debian: apt-get install chromium; or set "
                                    f"{ENVIRONMENT} to the path of Chromium or Chrome)")


def _families() -> set[str] | None:
    """The font families fontconfig (which Chromium on Linux uses) offers; None where there is none to ask."""
    if shutil.which("fc-list") is None:
        return None  # not fontconfig's platform, or no tools: the browser knows its fonts
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return {name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip()}


def _missing_fonts() -> str:
    """Without the book's fonts Chromium prints in others (without a Chinese one, empty boxes) and says
    nothing: "" when all are there, else which are missing and what to install."""
    families = _families()
    missing = [family for family in FONTS if families is not None and family not in families]
    if not missing:
        return ""
    packages = " ".join(dict.fromkeys(FONTS[family] for family in missing))
    return f"no font {', '.join(missing)} (Debian: apt-get install {packages})"


def _missing_pikepdf() -> str:
    """pikepdf finishes every PDF: a dependency, missing only from an environment
    not made from requirements.lock (an old one: `make` brings it up to date)."""
    return "" if importlib.util.find_spec("pikepdf") else \
        "no pikepdf to finish the PDFs with (pip install -r requirements.lock, or make .venv/.installed)"


def cannot_print() -> str:
    """Why no PDF can be printed on this machine, naming what to install; "" when one can."""
    return "; ".join(filter(None, [_chromium()[1], _missing_fonts(), _missing_pikepdf()]))


def find_chromium() -> str:
    """The browser's path; an error saying what to install when there is none."""
    found, why = _chromium()
    if found is None:
        raise _missing(why)
    return found


def check_fonts_and_pikepdf() -> None:
    why = "; ".join(filter(None, [_missing_fonts(), _missing_pikepdf()]))
    if why:
        raise _missing(why)


def font_files() -> list[str]:
    """The files of the fonts a book may be printed in: the families it names and every Chinese one."""
    if shutil.which("fc-list") is None:
        return []
    asked = [":lang=zh", *(f":family={family}" for family in FONTS)]
    listed = "".join(subprocess.run(["fc-list", pattern, "file"], capture_output=True, text=True).stdout
                     for pattern in asked)
    return sorted({line.split(":")[0] for line in listed.splitlines() if line.strip()})


def finishing() -> tuple[str, ...]:
    """What a finished PDF depends on besides the printed one: pikepdf, qpdf, and the code that finishes it."""
    import pikepdf

    from generator.writers.books import pdf_finish, pdf_text

    code = hashlib.sha256(b"".join(pathlib.Path(str(m.__file__)).read_bytes() for m in (pdf_finish, pdf_text)))
    return pikepdf.__version__, pikepdf.__libqpdf_version__, code.hexdigest()


def print_all(documents: Mapping[str, str], date: int, parallel: int | None = None,
              executable: str | None = None) -> dict[str, bytes]:
    """Name → PDF of each HTML document (everything it needs inline: no
    fetches), printed by one browser, ``parallel`` at once (:data:`PARALLEL`),
    and finished (:func:`pdf_finish.finished`).

    A PDF depends only on its HTML, the browser's version, the fonts and
    :func:`finishing`: its dates are ``date`` (seconds since 1970:
    :func:`book.edition_date`). The call blocks; a caller with other work can
    run it in a thread, since the printing happens in the browser's processes."""
    if not documents:
        return {}
    executable = executable or find_chromium()
    check_fonts_and_pikepdf()
    with Chromium(executable) as browser:
        return _printed(browser, documents, date, PARALLEL if parallel is None else parallel)


def _printed(browser: Chromium, documents: Mapping[str, str], date: int, parallel: int = PARALLEL
             ) -> dict[str, bytes]:
    """Print ``documents`` in ``browser``, each finished as soon as it is printed."""
    import pikepdf

    from generator.writers.books.pdf_finish import finished

    def finish(name: str, data: bytes) -> bytes:
        try:
            return finished(data, documents[name], date)
        except pikepdf.PdfError as exc:
            raise GeneratorError.single("export pdf", None, f"the PDF Chromium printed of {name} does not read "
                                                            f"({exc}); print it again") from None

    return browser.print_all(documents, parallel, finish)


def export(project, out: str, year: int | None = None, script: str = "hans",
           force: bool = False) -> list[tuple[pathlib.Path, int]]:
    """Write the book of the edition (or of ``year``) to ``out``, a file or a
    folder (:func:`book.planned`; over an earlier book only, unless ``force``).
    Returns (path, bytes) of each file written."""
    from generator.writers.books import book  # the templates, only when a book is made

    loaded, wanted = book.planned(project, out, year, script, "pdf", ours, force)
    executable = find_chromium()
    check_fonts_and_pikepdf()
    with Chromium(executable) as browser:  # it starts while the books' HTML is made
        printed = _printed(browser, {str(path): book.book_html(loaded, book.chosen_reports(loaded, chosen), script)
                                     for path, chosen in wanted}, date=book.edition_date(project.root))
    return [(path, write_file(path, functools.partial(_write_bytes, data=printed[str(path)]))) for path, _ in wanted]


def _write_bytes(path: pathlib.Path, data: bytes) -> None:
    path.write_bytes(data)


def ours(path: pathlib.Path) -> bool:
    """Whether ``path`` is a PDF this edition wrote (the title it took
    from the book ends with the edition's name): one ``export pdf`` may replace."""
    from generator.writers.books.book import EDITION_NAMES
    from generator.writers.books.pdf_finish import info_span

    try:
        data = path.read_bytes()
    except OSError:
        return False
    span = info_span(data)
    title = re.search(rb"/Title\s*<([0-9A-Fa-f]+)>", data[span[0]:span[1]]) if span else None
    if not data.startswith(b"%PDF-") or title is None:
        return False
    try:
        return bytes.fromhex(title.group(1).decode()).decode("utf-16").endswith(EDITION_NAMES)
    except ValueError:  # not hexadecimal UTF-16: not a title this edition wrote
        return False
