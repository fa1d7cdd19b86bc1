"""The EPUB edition: the edition, or one report, as an EPUB 3 for e-readers.

Written from the same :class:`book.Book` as the PDF, so it says what the
pages say; what a reflowable book needs differs from paper:

* One XHTML document per report, so every report keeps the site's anchors
  as they are (``report-2024.xhtml#sec_3__item_1__para_2__sent_3``): ids need
  only be unique within a document, and a citation read off the site finds
  its words here.
* Each paragraph is its Chinese, then its English, under its pinpoint label;
  a phone is too narrow for two columns.
* A glossary term is a pop-up footnote (``epub:type="noteref"``): each
  report ends with the notes of the terms it marks, which a reading system
  shows on a tap and otherwise hides, and the book ends with the glossary.
* No fonts: Chinese is drawn by the reader's device, which has its fonts.
* Reproducible: the same inputs give the same bytes. The modification date
  is ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention),
  else the project's last commit, and the identifier is derived from what
  the book holds, not drawn at random.
"""

from __future__ import annotations

import datetime
import pathlib
import re
import uuid
import zipfile
from typing import Protocol, cast

from markupsafe import Markup

from generator.writers.books import book
from generator.writers.export_files import write_file
from generator.writers.rows import PENDING_MARK
from generator.writers.templating import asset, english_date, env

MEDIA_TYPE = "application/epub+zip"
_XHTML = "application/xhtml+xml"
#: Every identifier is a name-based UUID under this namespace (uuid5), so a
#: book keeps its identifier from one build to the next.
_NAMESPACE = uuid.UUID("6f1c3a52-4b8e-5d0a-9c57-0e2b1f4d8a36")
_EN = Markup('lang="en" xml:lang="en"')
#: A glossary term's mark is a link to a pop-up footnote.
_NOTEREF = Markup(' epub:type="noteref"')
_CONTAINER = """<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""


class _Macros(Protocol):
    """The macros of epub.xhtml that make the documents. Jinja's module has
    its macros as attributes of its own, which no type of Jinja's declares."""

    def document(self, title: str, body: str, type: str) -> Markup: ...
    def cover(self, b: book.Book) -> Markup: ...
    def nav(self, b: book.Book, chapters: dict[int, str]) -> Markup: ...
    def report(self, r: book.BookReport) -> Markup: ...
    def notes(self, terms: list[book.BookTerm]) -> Markup: ...
    def glossary(self, terms: list[book.BookTerm]) -> Markup: ...


def chapter_name(year: int) -> str:
    return f"report-{year}.xhtml"


def modified(root: pathlib.Path) -> datetime.datetime:
    """When the book's inputs last changed, to the second, in UTC (:func:`book.edition_date`)."""
    return datetime.datetime.fromtimestamp(book.edition_date(root), datetime.UTC)


def identifier(b: book.Book) -> str:
    """urn:uuid of the edition or report in its script, the same in every build."""
    holds = ",".join(str(r.report.year) for r in b.reports)
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'gwr-epub:{holds}:{b.script}')}"


def documents(loaded, chosen: list, script: str, when: datetime.datetime) -> dict[str, str]:
    """Path in the EPUB's EPUB/ folder → its text: the title page, the
    navigation, one document per report, the glossary, the style sheet, and
    the package document, which says the book was last modified ``when``."""
    chapters = {entry.report.year: chapter_name(entry.report.year) for entry in chosen}

    def ref(year: int):
        return lambda anchor: f"{chapters[year]}#{anchor}"

    b = book.make_book(loaded, chosen, script, lambda slug: f"#{book.glossary_id(slug)}", ref,
                       term_markup=_NOTEREF)
    macros = cast(_Macros, env.get_template("epub.xhtml").make_module({
        "lang": b.lang, "script": script, "t": b.t, "converter": loaded.converter, "EN": _EN,
        "english_date": english_date, "PENDING_MARK": PENDING_MARK,
    }))
    t = b.t
    out: dict[str, str] = {
        "cover.xhtml": macros.document(b.title, macros.cover(b), "frontmatter"),
        "nav.xhtml": macros.document(f"{t('目录')} · Contents", macros.nav(b, chapters), "frontmatter"),
    }
    terms = {g.entry.slug: g for g in b.glossary}
    for r in b.reports:
        text = macros.report(r)  # first: it marks the terms its notes then hold
        notes = macros.notes([g for slug, g in terms.items() if slug in r.linked_terms()])
        out[chapters[r.report.year]] = macros.document(t(r.meta.title), text + notes, "bodymatter")
    if b.glossary:
        out["glossary.xhtml"] = macros.document(f"{t('术语表')} · Glossary", macros.glossary(b.glossary), "backmatter")
    out["style.css"] = asset("assets/epub.css")
    out["package.opf"] = env.get_template("epub_package.opf").render(
        b=b, identifier=identifier(b), modified=when, documents=list(out), chapters=chapters,
        english_date=english_date, XHTML=_XHTML)
    return out


def write(path: pathlib.Path, docs: dict[str, str], when: datetime.datetime) -> int:
    """Zip ``docs`` as an EPUB at ``path``: ``mimetype`` first and stored, as
    the OCF container requires, then every file in a fixed order and with a
    fixed date, so the bytes depend on the text alone. Returns its size."""
    stamp = max(when, datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)).timetuple()[:6]

    def entry(name: str, compress: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type, info.external_attr, info.create_system = compress, 0o644 << 16, 3
        return info

    def zipped(partial: pathlib.Path) -> None:
        with zipfile.ZipFile(partial, "w") as z:
            z.writestr(entry("mimetype", zipfile.ZIP_STORED), MEDIA_TYPE)
            z.writestr(entry("META-INF/container.xml", zipfile.ZIP_DEFLATED), _CONTAINER)
            for name in sorted(docs):
                z.writestr(entry(f"EPUB/{name}", zipfile.ZIP_DEFLATED), docs[name].encode("utf-8"))

    return write_file(path, zipped)  # whole or not at all


def ours(path: pathlib.Path) -> bool:
    """Whether ``path`` is an EPUB this edition wrote (its publisher is the
    edition, in either script): one ``export epub`` may replace."""
    try:
        with zipfile.ZipFile(path) as z:
            if z.read("mimetype") != MEDIA_TYPE.encode():
                return False
            package = z.read("EPUB/package.opf").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    publisher = re.search(r"<dc:publisher>([^<]*)</dc:publisher>", package)
    return publisher is not None and publisher.group(1).endswith(book.EDITION_NAMES)


def export(project, out: str, year: int | None = None, script: str = "hans",
           force: bool = False) -> list[tuple[pathlib.Path, int]]:
    """Write the EPUB of the edition (or of ``year``) to ``out``, a file or a
    folder (:func:`book.planned`; over an earlier book only, unless ``force``).
    Returns (path, bytes) of each file written."""
    loaded, wanted = book.planned(project, out, year, script, "epub", ours, force)
    when = modified(project.root)
    return [(path, write(path, documents(loaded, book.chosen_reports(loaded, chosen), script, when), when))
            for path, chosen in wanted]
