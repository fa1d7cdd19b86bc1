"""What is done to the PDF Chromium prints (generator/writers/books/pdf_finish.py,
pdf_text.py; issue 22): text that extracts as the book prints it, links that
say what they cover, English tagged as English, a role map for the tags PDF
1.4 lacks, the metadata, and the edition's dates. Every check reads every
book the site serves (the whole edition and one per report) and a book in
Traditional characters. And the faces a book is printed in: each one it
names, on every machine, or no PDF."""

from __future__ import annotations

import datetime
import html
import io
import os
import re

import pytest

from generator.writers.books import book
from tests.conftest import ROOT
from tests.test_pdf import loaded, pdfs  # noqa: F401 (fixtures)

pdf = pytest.mark.browser

#: Han characters: the unified ideographs, their extensions, the compatibility ones.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
#: The CJK and Kangxi radicals: Skia's maps give Noto CJK's shared glyphs these.
RADICALS = re.compile(r"[\u2e80-\u2fdf]")
#: The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4).
STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5
H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form""".split())


@pytest.fixture(scope="module")
def books(pdfs, loaded, tmp_path_factory):  # noqa: F811
    """Name → (PDF, the HTML printed): the site's books, and 2021's in Traditional printed here."""
    from generator.writers.books.pdf import print_all

    found = {}
    for year in (None, *(r.report.year for r in loaded.reports)):
        name = "gwr.pdf" if year is None else f"gwr-{year}.pdf"
        found[name] = ((pdfs / name).read_bytes(), book.book_html(loaded, book.chosen_reports(loaded, year)))
    hant = book.book_html(loaded, book.chosen_reports(loaded, 2021), "hant")
    found["gwr-2021-hant.pdf"] = (print_all({"hant": hant}, 0)["hant"], hant)
    return found


def _pypdf(data: bytes):
    import pypdf

    return pypdf.PdfReader(io.BytesIO(data))


def _pike(data: bytes):
    import pikepdf

    return pikepdf.open(io.BytesIO(data))


def _printed_han(document: str) -> str:
    """The Han characters the HTML prints, in order: its body's text, and no markup."""
    body = document.split("<body>", 1)[1]
    return "".join(HAN.findall(html.unescape(re.sub(r"<[^>]+>", "", body))))


@pdf
def test_every_han_character_extracts_as_the_book_prints_it(books, loaded):  # noqa: F811
    """pypdf (which reads only the fonts' ToUnicode maps, as pdfminer.six
    does) reads each book's Han characters as its HTML prints them, in order:
    none missing, none a radical (工 as ⼯, 长 as ⻓), none another; the running
    head and page number aside. The HTML holds each report's own text."""
    for name, (data, document) in books.items():
        reader = _pypdf(data)
        heads = ["".join(HAN.findall(head)) for head in re.findall(r'@top-left \{ content: "([^"]*)"', document)]
        extracted = []
        for number, page in enumerate(reader.pages, 1):
            text = page.extract_text()
            assert not RADICALS.search(text), (name, number, sorted(set(RADICALS.findall(text))))
            han = "".join(HAN.findall(text))
            head = next((h for h in heads if re.match(rf"[^\n]*\n{number}\n", text) and han.startswith(h)), "")
            extracted.append(han[len(head):])
        assert "".join(extracted) == _printed_han(document), name
    for entry in loaded.reports:  # the report's text is all in the book, in order (Simplified)
        printed = iter(_printed_han(books[f"gwr-{entry.report.year}.pdf"][1]))
        own = "".join(HAN.findall("".join(block.text for block in entry.report.text_blocks())))
        assert own and all(character in printed for character in own), entry.report.year


@pdf
def test_each_link_says_what_it_covers(books):
    """Every link annotation has /Contents: the words of its link (a label,
    a term, an entry of the contents), which a screen reader says for it."""
    for name, (data, _) in books.items():
        reader = _pypdf(data)
        said = {}
        for page in reader.pages:
            for annotation in page.get("/Annots") or []:
                link = annotation.get_object()
                assert link.get("/Contents"), (name, link)
                said.setdefault(str(link["/Dest"]), set()).add(str(link["/Contents"]))
        assert not any(RADICALS.search(c) for words in said.values() for c in words)
        if name == "gwr-2024.pdf":
            assert "三（一）第2段 Part III, task 1, para. 2" in said["/sec_3__item_1__para_2"]
            assert "新质生产力" in said["/g-xin-zhi-sheng-chan-li"]
            assert "new quality productive forces" in said["/g-xin-zhi-sheng-chan-li"]
        if name == "gwr.pdf":
            assert "2024年三（一）第2段 2024, Part III, task 1, para. 2" in said["/2024-sec_3__item_1__para_2"]


def _kids(element) -> list:
    import pikepdf

    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def _elements(element, language=""):
    """Each structure element under ``element``: (type, its language or the one it inherits, element)."""
    import pikepdf

    language = str(element.get("/Lang", language))
    yield str(element.get("/S", ""))[1:], language, element
    for kid in _kids(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield from _elements(kid, language)


def _annotation_words(element) -> str:
    """The /Contents of the link annotations a structure element holds."""
    import pikepdf

    return " ".join(str(kid.Obj.get("/Contents", "")) for kid in _kids(element)
                    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR")


@pdf
def test_english_is_tagged_as_english_and_every_type_is_standard_or_mapped(books):
    """English in headings, margin labels, the title page and the contents is
    tagged /Lang en in the structure (Chromium drops the language of a plain
    span: book.for_print gives it a role). /Strong and /Em are PDF 2.0 types:
    in a PDF 1.4 the role map says what standard type each plays."""
    for name, (data, _) in books.items():
        pdf_file = _pike(data)
        root = pdf_file.Root.StructTreeRoot
        roles = {str(k)[1:]: str(v)[1:] for k, v in root.RoleMap.items()}
        elements = list(_elements(root.K))
        assert {kind for kind, _, _ in elements} - STANDARD <= set(roles), name
        assert set(roles.values()) <= STANDARD
        assert elements[0][1] == ("zh-Hant" if name.endswith("hant.pdf") else "zh-Hans")
        headings = [e for kind, _, e in elements if re.fullmatch(r"H\d", kind)]
        assert len(headings) >= 3
        for heading in headings:  # both languages: the English marked
            languages = {language for _, language, _ in _elements(heading)}
            assert "en" in languages and languages - {"en"}, name
        labels = [e for kind, _, e in elements if kind == "Link" and ", para. " in _annotation_words(e)]
        assert labels, name
        for label in labels:
            assert "en" in {language for _, language, _ in _elements(label)}, name
        lists = [e for kind, _, e in elements if kind == "L"]  # the title page's reports, the contents
        assert len(lists) >= 2 and all("en" in {lang for _, lang, _ in _elements(e)} for e in lists[:2]), name


@pdf
def test_the_metadata_says_what_the_book_is_in_info_and_xmp(books, pdfs):  # noqa: F811
    """Title, author, subject, keywords, creator (this edition), producer and
    language, in the information dictionary and in an XMP packet; dated as
    the edition, not when it was printed."""
    for name, (data, document) in books.items():
        reader = _pypdf(data)
        info = reader.metadata
        title = re.search(r"<title>(.*?)</title>", document).group(1)
        assert info.title == html.unescape(title) and info.title.endswith(book.EDITION_NAMES)
        author = "國務院" if name.endswith("hant.pdf") else "国务院"
        assert info.author == f"{author} · The State Council"
        assert "on the Work of the Government" in info.subject and info["/Keywords"].count(", ") >= 5
        assert info.creator.endswith("Report on the Work of the Government, an annotated bilingual edition")
        assert info.producer.startswith("Skia/PDF")
        xmp = reader.xmp_metadata
        assert xmp.dc_title["x-default"] == info.title and xmp.dc_creator == [info.author]
        assert xmp.dc_language[0] == reader.trailer["/Root"]["/Lang"] and "en" in xmp.dc_language
        assert xmp.xmp_create_date.replace(tzinfo=datetime.UTC) == info.creation_date
        assert xmp.xmp_creator_tool == info.creator and xmp.pdf_producer == info.producer
        assert xmp.pdf_keywords == info["/Keywords"] and xmp.dc_description["x-default"] == info.subject
        assert xmp.xmp_modify_date == xmp.xmp_create_date == xmp.xmp_metadata_date
    edition = datetime.datetime.fromtimestamp(book.edition_date(pdfs.parent.parent / "project"), datetime.UTC)
    assert _pypdf(books["gwr.pdf"][0]).metadata.creation_date == edition  # the site's books


def test_fixed_dates_dates_the_xmp_packet_too():
    """A PDF kept under its HTML alone (build/downloads.py) is dated by each
    build: the packet's dates are written over at the same length, as the
    information dictionary's."""
    from generator.writers.books.pdf_finish import _xmp, fixed_dates

    packet = _xmp("t", {}, "zh-Hans", "Skia").encode()
    data = (b"%PDF-1.4\n1 0 obj\n<< /CreationDate (D:19700101000000+00'00') >>\nendobj\n2 0 obj\n" + packet
            + b"\nendobj\ntrailer << /Info 1 0 R /Root 2 0 R >>\n%%EOF\n")
    fixed = fixed_dates(data, 1709596800)
    assert len(fixed) == len(data)
    assert fixed.count(b"2024-03-05T00:00:00Z") == 3 and b"(D:20240305000000+00'00')" in fixed
    assert fixed_dates(fixed, 0) == data


def test_a_tounicode_map_reads_both_forms_of_range_and_is_written_back_the_same():
    from generator.writers.books.pdf_text import read_map, written_map

    cmap = (b"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n2 beginbfchar\n<21> <653F>\n<92> <2F42>\n"
            b"endbfchar\n2 beginbfrange\n<30> <32> <0041>\n<40> <41> [<5DE5> <00660069>]\nendbfrange\n")
    font = read_map(cmap)
    assert font.width == 1
    assert font.map == {b"!": "政", b"\x92": "⽂", b"0": "A", b"1": "B", b"2": "C", b"@": "工", b"A": "fi"}
    assert read_map(written_map(font)) == font
    assert read_map(b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n").width == 2


def test_actual_text_says_what_a_glyph_stands_for_and_a_links_words_are_read():
    """A glyph /ActualText names alone is mapped to what it names (its font
    chosen inside the span, or before it); a link's words come through the
    maps and the /ActualText, a new line where a line of text starts."""
    from generator.writers.books.pdf_text import NEW_LINE, Font, read_page

    content = (b"/NonStruct <</MCID 0 >>BDC\nBT\n/F4 16 Tf\n1 0 0 -1 8 34 Tm\n<21> Tj\n"
               b"/Span<</ActualText <FEFF6587> >> BDC\n/F5 16 Tf\n16 0 Td <92> Tj\nEMC\nET\nEMC\n"
               b"/NonStruct <</MCID 1 >>BDC\nBT\n/F5 16 Tf\n1 0 0 -1 8 60 Tm\n"
               b"/Span<</ActualText <FEFF6587> >> BDC\n<92> Tj\nEMC\nET\nEMC\n")
    fonts = {"F4": (4, 0), "F5": (5, 0)}
    maps = {(4, 0): Font(1, {b"!": "政"}), (5, 0): Font(1, {b"\x92": "⽂"})}
    read = read_page(content, fonts, maps, wanted={0})
    assert read.named == [((5, 0), b"\x92", "文"), ((5, 0), b"\x92", "文")]
    assert read.marked == {0: [NEW_LINE, "政", "文"]}


def test_the_book_names_its_faces_and_a_machine_without_one_prints_no_pdf(tmp_path, monkeypatch):
    """A face left to the machine's fallback sets the book on other pages, so
    book.css names each face it prints in, first in its list, and pdf.FONTS
    lists them with their Debian packages (.ci/run and the deploy install
    them). A machine without one prints no PDF and says which, and what to
    install, in the one line the build prints for a machine that cannot print."""
    from generator.build.downloads import kinds
    from generator.writers.books.pdf import FONTS, cannot_print

    css = re.sub(r"/\*.*?\*/", "", (ROOT / "generator/assets/book.css").read_text(encoding="utf-8"), flags=re.S)
    lists = [value for name, value in re.findall(r"([\w-]+)\s*:\s*([^;{}]*\"[^;{}]*)", css) if name != "content"]
    assert len(lists) >= 6
    for value in lists:
        assert re.search(r'"([^"]+)"', value).group(1) in FONTS, value
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "fc-list").write_text("#!/bin/sh\nprintf 'Noto Serif CJK SC\\nNoto Sans CJK SC,Noto Sans CJK SC Regular\\n"
                                  "DejaVu Serif\\n'\n")
    (fake / "fc-list").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    why = cannot_print()
    assert "no font Noto Sans Mono CJK SC, Noto Serif CJK TC," in why and "Noto Serif (Debian: apt-get install " \
        "fonts-noto-cjk fonts-noto-core)" in why and "Noto Serif CJK SC," not in why
    made, said = kinds()
    assert made == ("epub",) and said.startswith("the PDF books are not printed: no font ") and "\n" not in said
    # pikepdf finishes every PDF: an environment made before it was a dependency says so, in the same line.
    import importlib.util

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None if name == "pikepdf" else
                        find_spec(name, *rest))
    assert "; no pikepdf to finish the PDFs with (pip install -r requirements.lock" in cannot_print()


@pdf
def test_every_face_a_book_prints_in_is_one_it_names(pdfs):  # noqa: F811
    """No glyph is left to the machine's fallback (which would move the pages):
    each font embedded is a face of pdf.FONTS (NotoSerifCJKsc-Bold: Noto Serif CJK SC)."""
    import pikepdf

    from generator.writers.books.pdf import FONTS

    named = {family.replace(" ", "").lower() for family in FONTS}
    for path in pdfs.glob("*.pdf"):
        with pikepdf.open(path) as document:
            for page in document.pages:
                for font in page.obj.Resources.Font.values():
                    described = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                    face = str(described.FontName).split("+")[-1].rsplit("-", 1)[0].lower()
                    assert face in named, (path.name, str(described.FontName))
