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
  Each note links back to where its term is marked (:func:`mark_noterefs`).
* Every ``epub:type`` that has a DPUB-ARIA role has that role too: assistive
  technology reads the roles, not the EPUB vocabulary (Ace's
  ``epub-type-has-matching-role``).
* A cover image drawn from the title (:func:`cover_image`): an SVG of text,
  as no image comes from elsewhere.
* No fonts: Chinese is drawn by the reader's device, which has its fonts.
* Reproducible: the same inputs give the same bytes. The modification date
  is ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention),
  else the project's last commit, and the identifier is derived from what
  the book holds, not drawn at random.
"""

from __future__ import annotations

import dataclasses
import datetime
import pathlib
import re
import uuid
import zipfile
from collections.abc import Callable, Mapping
from typing import Protocol, cast

from markupsafe import Markup

from generator.text import citation
from generator.text.reference_formats import EDITION, EDITION_EN
from generator.writers.books import book
from generator.writers.export_files import write_file
from generator.writers.markup import Html, join
from generator.writers.rows import PENDING_MARK
from generator.writers.templating import asset, english_date, env

MEDIA_TYPE = "application/epub+zip"
_XHTML = "application/xhtml+xml"
#: Every identifier is a name-based UUID under this namespace (uuid5), so a
#: book keeps its identifier from one build to the next.
_NAMESPACE = uuid.UUID("6f1c3a52-4b8e-5d0a-9c57-0e2b1f4d8a36")
_EN = Markup('lang="en" xml:lang="en"')
#: A glossary term's mark is a link to a pop-up footnote.
_NOTEREF = Markup(' epub:type="noteref" role="doc-noteref"')
#: Script → the book's languages, in that script and in English: the cover's
#: foot and the English title say which book this is, as the Chinese title
#: says it by its very characters.
LANGUAGES = {"hans": ("简体中文 · 英文对照", "Simplified Chinese and English"),
             "hant": ("繁體中文 · 英文對照", "Traditional Chinese and English")}
_CONTAINER = """<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""


class _Macros(Protocol):
    """The macros of epub.xhtml that make the documents. Jinja's module has
    its macros as attributes of its own, which no type of Jinja's declares."""

    def document(self, title: str, body: str, type: str) -> Markup: ...
    def cover_page(self, alt: str) -> Markup: ...
    def title_page(self, b: book.Book) -> Markup: ...
    def nav(self, b: book.Book, chapters: dict[int, str]) -> Markup: ...
    def report(self, r: book.BookReport) -> Markup: ...
    def notes(self, terms: list[book.BookTerm], backlinks: Mapping[str, list[tuple[str, str]]]) -> Markup: ...
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


def _english_name(b: book.Book) -> str:
    """The English of what the Chinese title names: the report, or all of them."""
    return b.reports[0].meta.title_en if len(b.reports) == 1 else "Report on the Work of the Government"


def english_title(b: book.Book) -> str:
    """The book's title in English, with the languages it is in: the English
    is the same for both scripts, so it says which Chinese the book has."""
    return f"{_english_name(b)}: an annotated bilingual edition, in {LANGUAGES[b.script][1]}"


@dataclasses.dataclass(frozen=True)
class CoverLine:
    text: str
    y: int  # the baseline, in the image's units
    size: int
    family: str = "serif"
    lang: str | None = None  # where it is not the book's Chinese
    italic: bool = False


@dataclasses.dataclass(frozen=True)
class CoverImage:
    """What epub_cover.svg draws: a portrait page of 1600 × 2560 (the 1:1.6
    that e-reader stores ask for), its lines centred."""

    lang: str
    alt: str
    lines: list[CoverLine]
    rule: int  # the rule between the Chinese and the English
    width: int = 1600
    height: int = 2560


def _fitted(text: str, largest: int, em: float) -> int:
    """The font size at which ``text`` fills at most 1240 of the 1600 units
    (the frame less a margin), given its characters' width as a share of the
    size (``em``): 1 for Chinese, about half for Latin letters. The device's
    font is unknown, so the estimate errs wide."""
    return min(largest, int(1240 / (em * max(len(text), 1))))


def cover_image(b: book.Book) -> CoverImage:
    """The cover of ``b``: its Chinese title and the edition's name, the
    English title, and at the foot the languages it is in."""
    name = b.t("政府工作报告")
    chinese = b.t(b.reports[0].meta.title) if len(b.reports) == 1 else name
    # A report's title (2024年政府工作报告) is drawn as its year over the
    # name, each line larger than the whole would fit: a library shows covers small.
    above = chinese.removesuffix(name)
    title = [CoverLine(above, 660, _fitted(above, 150, 1.0)), CoverLine(name, 920, 190)] \
        if above not in ("", chinese) else [CoverLine(chinese, 900, _fitted(chinese, 190, 1.0))]
    english = _english_name(b)
    languages, languages_en = LANGUAGES[b.script]
    lines = [
        *title,
        CoverLine(b.t(book.EDITION), 1110, 110),
        CoverLine(english, 1560, _fitted(english, 76, 0.55), lang="en"),
        CoverLine("An annotated bilingual edition", 1680, 62, lang="en", italic=True),
        CoverLine(languages, 2250, 64, family="sans-serif"),
        CoverLine(languages_en, 2340, 52, family="sans-serif", lang="en"),
    ]
    return CoverImage(lang=b.lang, alt=b.title, lines=lines, rule=1330)


#: What mark_noterefs reads of a report's XHTML: where each paragraph or part
#: starts (epub.xhtml's paragraph, task and part, by their anchors), and each
#: glossary mark, whose href is its note's id. The attributes are escaped, so
#: no ``>`` stands inside a tag.
_PLACE_OR_NOTEREF = re.compile(r'<(?:div|section) class="(?:para|part)" id="([^"]+)"'
                               r'|<a\b(?=[^>]*\bepub:type="noteref")(?=[^>]*\bhref="#([^"]+)")')
_ID = Html(' id="{id}"')


def mark_noterefs(text: Markup, r: book.BookReport,
                  t: Callable[[str], str]) -> tuple[Markup, dict[str, list[tuple[str, str]]]]:
    """``text``, a report's XHTML, with an id on the first mark of each term
    in each paragraph; and note id → [(that mark's id, the paragraph's
    pinpoint)] in reading order, the note's backlinks.

    A term is marked once in a paragraph's Chinese and once in its English,
    and a note gets one backlink for each paragraph, to its first mark there.
    Reading systems that pop a note up (Apple Books, Kobo, Thorium) show it
    over the text and never leave the page; those that go to the note
    instead (Adobe Digital Editions, or any with pop-ups turned off) need a
    way back to the very paragraph the reader left. One backlink
    to the chapter's first mark would take a reader who came from the tenth
    paragraph to the first; one for every mark would name each paragraph
    twice. Labelled by pinpoint, the reader sees which is theirs."""
    labels = citation.labels(r.report)
    where, at = r.top, 0
    pieces: list[object] = []
    backlinks: dict[str, list[tuple[str, str]]] = {}
    marked: set[tuple[str, str]] = set()
    for found in _PLACE_OR_NOTEREF.finditer(text):
        place, note = found.groups()
        if place is not None:
            where = place
            continue
        if (where, note) in marked:
            continue
        marked.add((where, note))
        ref = f"ref-{where}-{note}"
        pieces += [text[at:found.end()], _ID(id=ref)]
        at = found.end()
        label = labels.get(where)
        backlinks.setdefault(note, []).append((ref, t(label.zh) if label else t(r.meta.title)))
    pieces.append(text[at:])
    return join(pieces), backlinks


def documents(loaded, chosen: list, script: str, when: datetime.datetime) -> dict[str, str]:
    """Path in the EPUB's EPUB/ folder → its text: the cover, the title page,
    the navigation, one document per report, the glossary, the style sheet,
    and the package document, which says the book was last modified ``when``."""
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
    cover = cover_image(b)
    out: dict[str, str] = {
        "cover.svg": env.get_template("epub_cover.svg").render(c=cover),
        "cover.xhtml": macros.document(b.title, macros.cover_page(cover.alt), "frontmatter"),
        "titlepage.xhtml": macros.document(b.title, macros.title_page(b), "frontmatter"),
        "nav.xhtml": macros.document(f"{t('目录')} · Contents", macros.nav(b, chapters), "frontmatter"),
    }
    terms = {g.entry.slug: g for g in b.glossary}
    for r in b.reports:
        text, backlinks = mark_noterefs(macros.report(r), r, t)  # first: it marks the terms its notes then hold
        notes = macros.notes([g for slug, g in terms.items() if slug in r.linked_terms()], backlinks)
        out[chapters[r.report.year]] = macros.document(t(r.meta.title), text + notes, "bodymatter")
    if b.glossary:
        out["glossary.xhtml"] = macros.document(f"{t('术语表')} · Glossary", macros.glossary(b.glossary), "backmatter")
    out["style.css"] = asset("assets/epub.css")
    out["package.opf"] = env.get_template("epub_package.opf").render(
        b=b, identifier=identifier(b), modified=when, documents=list(out), chapters=chapters,
        english_date=english_date, XHTML=_XHTML, title_en=english_title(b),
        # The English is this edition's own translation: the package names it translator,
        # as the site's citations do (reference_formats).
        translator=EDITION, translator_en=EDITION_EN)
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
