"""PDF export (issue 12): the print book made from the model, and the PDF
Chromium prints from it: an outline from the structure, searchable Chinese,
internal links that land, A4, fonts embedded; errors in one line. In the
whole edition every label and running head says its year, and every anchor
is a named destination (issue 22). What is done to the PDF after printing,
and the faces it is printed in: tests/test_pdf_finish.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from generator.diagnostics import GeneratorError
from generator.writers.books import book
from tests.conftest import ROOT


def run(*args, env=None, root=ROOT):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root, capture_output=True, text=True,
                          env=None if env is None else {**os.environ, **env})


@pytest.fixture(scope="module")
def loaded():
    from generator.project.project import Project

    return Project(ROOT).load()


def _row(html: str, anchor: str) -> str:
    return re.search(rf'<div class="row[^"]*" id="{anchor}">.*?\n</div>', html, re.S).group(0)


# --- the book's HTML: no browser ------------------------------------------------------


def test_a_book_of_one_report_has_both_languages_labels_and_the_sites_anchors(loaded):
    html = book.book_html(loaded, book.chosen_reports(loaded, 2024))
    row = _row(html, "sec_3__item_1__para_2")
    assert "三（一）第2段" in row and "Part III, task 1, para. 2" in row
    words = re.sub(r"<[^>]+>", "", row)  # its glossary terms are links
    assert "推动产业链供应链优化升级" in words and "We will optimize and upgrade industrial" in words
    assert 'id="sec_3__item_1__para_2__sent_1"' in row
    assert "2022年政府工作报告" not in html  # one report only
    # The task's title is a heading of both languages (the outline's entry).
    heading = re.sub(r"<[^>]+>", "", re.search(r'<h3 class="pair" id="sec_3__item_1">.*?</h3>', html, re.S).group(0))
    assert "加快发展新质生产力" in heading and "Vigorously building" in heading


def test_the_edition_prefixes_ids_by_year_and_every_link_stays_in_the_book(loaded):
    html = book.book_html(loaded, book.chosen_reports(loaded, None))
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert {"2024-sec_3__item_1__para_2", "2022-sec_3__item_9", "2021-intro__para_1"} <= set(ids)
    targets = re.findall(r' href="([^"]*)"', html)
    assert targets and all(t.startswith("#") for t in targets)
    assert {t[1:] for t in targets} <= set(ids)
    # Glossary terms link to the book's glossary, which links back to where they occur.
    assert 'href="#g-xin-zhi-sheng-chan-li"' in html and 'id="g-xin-zhi-sheng-chan-li"' in html
    entry = re.search(r'<div class="term" id="g-xin-zhi-sheng-chan-li">.*?</div>', html, re.S).group(0)
    assert 'href="#2024-sec_3__item_1"' in entry or 'href="#2024-sec_3__item_1__para_1"' in entry


def test_a_traditional_book_converts_text_and_labels(loaded):
    html = book.book_html(loaded, book.chosen_reports(loaded, 2024), "hant")
    assert '<html lang="zh-Hant">' in html
    assert "加快發展新質生產力" in html and "开篇" not in html
    assert "OpenCC" in html  # the source notes say how the text was converted


def test_the_running_head_cannot_leave_its_css_string():
    assert book.css_string('2024年 "x" </style>') == '"2024年 \\22 x\\22  \\3c \\2f style\\3e "'


def test_an_unknown_year_lists_the_years_without_a_browser(tmp_path):
    result = run("export", "pdf", str(tmp_path / "x.pdf"), "--year", "1999")
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "no report of 1999 (reports: 2024, 2022, 2021)" in line and ": error: " in line
    assert not (tmp_path / "x.pdf").exists()


def test_a_missing_browser_says_what_to_install(tmp_path):
    result = run("export", "pdf", str(tmp_path / "x.pdf"), env={"PATH": str(tmp_path), "GWR_CHROMIUM": ""})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert "apt-get install chromium" in line and "GWR_CHROMIUM" in line
    result = run("export", "pdf", str(tmp_path / "x.pdf"), env={"GWR_CHROMIUM": str(tmp_path / "nothing")})
    assert result.returncode == 2 and "is not an executable" in result.stderr


# --- the PDF: printed by Chromium ------------------------------------------------------


def _need(tool: str, package: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} must be installed in CI (.ci/run installs {package})")
        pytest.skip(f"{tool} not installed (apt-get install {package})")
    return found


@pytest.fixture(scope="module")
def pdfs(site):
    """The whole set as `make site` prints it (the session's site): gwr.pdf
    and one per report, in Simplified (the Traditional ones are EPUBs only)."""
    from generator.writers.books.pdf import find_chromium

    try:
        find_chromium()
    except GeneratorError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{exc} (.ci/run installs chromium)")
        pytest.skip(str(exc))
    out = site / "downloads"
    assert sorted(p.name for p in out.glob("*.pdf")) == ["gwr-2021.pdf", "gwr-2022.pdf", "gwr-2024.pdf", "gwr.pdf"]
    return out


def test_export_pdf_writes_the_book_the_site_serves(pdfs, tmp_path):
    """`export pdf` and `make site` print through the same code: the same
    book, byte for byte, when dated alike (the site's books carry the
    commit's date, or SOURCE_DATE_EPOCH)."""
    project = pdfs.parent.parent / "project"
    result = run("export", "pdf", str(tmp_path / "gwr-2021.pdf"), "--year", "2021", root=project)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "gwr-2021.pdf").read_bytes() == (pdfs / "gwr-2021.pdf").read_bytes()


def test_export_pdf_goes_only_over_an_earlier_book(pdfs, tmp_path):
    """Its own books are known by their title; anything else needs --force."""
    from generator.writers.books.pdf import ours

    assert all(ours(book) for book in pdfs.glob("*.pdf"))
    assert not any(ours(other) for other in (pdfs / "gwr.epub", pdfs.parent / "index.html"))
    project = pdfs.parent.parent / "project"
    theirs = tmp_path / "thesis.pdf"
    theirs.write_bytes(b"%PDF-1.7 a thesis")
    result = run("export", "pdf", str(theirs), "--year", "2021", root=project)
    assert result.returncode == 2 and "is not a PDF this edition wrote" in result.stderr
    assert theirs.read_bytes() == b"%PDF-1.7 a thesis"


def _reader(path):
    import pypdf

    return pypdf.PdfReader(path)


def _outline(reader, items=None) -> list:
    """The outline as (title, page, children)."""
    out = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out[-1] = (*out[-1][:2], _outline(reader, item))
        else:
            out.append((item.title, reader.get_destination_page_number(item), []))
    return out


pdf = pytest.mark.browser


@pdf
def test_the_outline_is_report_part_task(pdfs):
    outline = _outline(_reader(pdfs / "gwr.pdf"))
    assert [title.split()[0] for title, _, _ in outline] == [
        "2024年政府工作报告", "2022年政府工作报告", "2021年政府工作报告", "术语表"]
    title, _, parts = outline[0]
    assert "Report on the Work of the Government, 2024" in title
    part, page, tasks = parts[0]
    assert part.startswith("三、2024年政府工作任务") and "III. Government Work Tasks for 2024" in part
    assert len(tasks) == 10 and [p for _, p, _ in tasks] == sorted(p for _, p, _ in tasks)
    assert tasks[0][0].startswith("（一）大力推进现代化产业体系建设，加快发展新质生产力。")
    # English headings keep their spaces where they wrap on the page.
    assert "1. Vigorously building a modernized industrial system and developing new quality productive" in tasks[0][0]
    assert parts[-1][0].startswith("文本来源与编辑说明")


@pdf
def test_the_outline_holds_every_part_of_each_report_as_the_epub_does(pdfs, loaded):
    """Every entry of each report's contents (the EPUB's navigation: its parts,
    the opening, the closing) is an entry of the outline, in order, on its page."""
    reader = _reader(pdfs / "gwr.pdf")
    outline = _outline(reader)
    made = book.make_book(loaded, book.chosen_reports(loaded, None), "hans", lambda slug: slug,
                          lambda year: lambda anchor: anchor)
    for report, (title, page, parts) in zip(made.reports, outline, strict=False):
        assert title.startswith(report.meta.title)
        names = [re.sub(r"<[^>]+>", "", token["name"]).split()[0] for token in report.toc]
        assert len(parts) == len(names) + 1, title  # and the notes
        for (name, _, _), expected in zip(parts, names, strict=False):  # 第三部分（节选）: the book says it is an excerpt
            assert name.startswith(expected), (name, expected)
        assert parts[-1][0].startswith("文本来源与编辑说明")
        pages = [p for _, p, _ in parts]
        assert pages == sorted(pages) and pages[0] >= page
    by_title = {title.split()[0]: [" ".join(name.split()) for name, _, _ in parts] for title, _, parts in outline}
    assert "结束语 Closing" in by_title["2024年政府工作报告"] and "结束语 Closing" in by_title["2022年政府工作报告"]
    assert by_title["2021年政府工作报告"][0] == "开篇 Opening"


@pdf
def test_every_anchor_of_a_report_is_a_named_destination(pdfs, loaded):
    """The site's anchors, sentences among them, open the book where they
    open the page: gwr-2024.pdf#sec_3__item_1__para_2__sent_1, and in the
    whole edition gwr.pdf#2024-sec_3__item_1__para_2__sent_1."""
    edition = _reader(pdfs / "gwr.pdf")
    in_edition = set(edition.named_destinations)
    for entry in loaded.reports:
        report = entry.report
        anchors = report.anchors()
        assert any("__sent_" in anchor for anchor in anchors)
        reader = _reader(pdfs / f"gwr-{report.year}.pdf")
        names = reader.named_destinations
        assert {f"/{anchor}" for anchor in anchors} <= set(names), report.year
        assert {f"/{report.year}-{anchor}" for anchor in anchors} <= in_edition, report.year
        first, last = (reader.get_destination_page_number(names[f"/{a}"]) for a in (anchors[0], anchors[-1]))
        assert 0 < first <= last < len(reader.pages)


@pdf
def test_every_page_of_the_edition_says_the_year_of_what_it_prints(pdfs):
    """In the whole edition each report's running head and each margin label
    carry its year: a page of 2022's task 三（九） does not read as 2024's."""
    reader = _reader(pdfs / "gwr.pdf")
    years = set()
    for number, page in enumerate(reader.pages[1:], 2):
        text = page.extract_text()
        head = re.match(rf"(?:(\d{{4}})年)?政府工作报告 · 注释双语版\n{number}\n", text)
        assert head, (number, text[:80])
        labels = re.findall(r"^(\d{4}), (?:Part [IVX]+|Opening|Closing)", text, re.M)
        assert set(labels) <= {head.group(1)}, (number, head.group(0), labels)
        assert set(re.findall(r"^(\d{4})年$", text, re.M)) <= {head.group(1)}, number
        if labels:
            years.add(head.group(1))
        if "2022, Part III, task 9" in text:
            assert head.group(1) == "2022"
    assert years == {"2024", "2022", "2021"}
    # A book of one report has its year in its title and running head, not in its labels.
    one = _reader(pdfs / "gwr-2024.pdf").pages[3].extract_text()
    assert one.startswith("2024年政府工作报告 · 注释双语版\n4\n") and "Part III, task 1" in one
    assert not re.search(r"^2024, Part", one, re.M)


@pdf
def test_a_book_of_one_report_holds_that_report(pdfs):
    outline = _outline(_reader(pdfs / "gwr-2021.pdf"))
    assert [title.split()[0] for title, _, _ in outline] == ["2021年政府工作报告", "术语表"]


@pdf
def test_the_chinese_is_text_a_reader_can_search(pdfs):
    text = subprocess.run([_need("pdftotext", "poppler-utils"), str(pdfs / "gwr.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "加快发展新质生产力" in text
    assert "三（一）第2段" in text and "new quality productive forces" in text


@pdf
def test_internal_links_land_on_their_paragraphs(pdfs):
    for name, anchor in [("gwr.pdf", "2024-sec_3__item_1__para_2"), ("gwr-2024.pdf", "sec_3__item_1__para_2")]:
        reader = _reader(pdfs / name)
        names = reader.named_destinations  # keys are PDF names: "/" and the id
        # Every paragraph's label links to it, so each is a named destination:
        # gwr-2024.pdf#sec_3__item_1__para_2 opens where /2024/#sec_3__item_1__para_2 does.
        assert f"/{anchor}" in names
        links = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []
                 if a.get_object()["/Subtype"] == "/Link"]
        assert len(links) > 100
        for link in links:
            target = link.get("/Dest")
            assert target is not None, link  # no link leaves the book
            assert str(target) in names, target
            assert reader.get_destination_page_number(names[str(target)]) >= 0


@pdf
def test_pages_are_a4_and_fonts_embedded(pdfs):
    reader = _reader(pdfs / "gwr.pdf")
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.28) < 1.5 and abs(height - 841.89) < 1.5, (width, height)
    rows = subprocess.run([_need("pdffonts", "poppler-utils"), str(pdfs / "gwr.pdf")],
                          capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert emb == "yes" and uni == "yes", row  # embedded, and mapped to Unicode (searchable)


# --- the same HTML, the same bytes ---------------------------------------------------


def _skia_like_pdf(date: bytes) -> bytes:
    """A small PDF laid out as Chromium's: the information dictionary first,
    a cross-reference table of byte offsets, the trailer naming /Info."""
    objects = [b"<</Creator (HeadlessChrome)\n/Producer (Skia/PDF m156)\n/CreationDate (D:%s+00'00')\n"
               b"/ModDate (D:%s+00'00')>>" % (date, date),
               b"<</Type /Catalog\n/Pages 3 0 R>>", b"<</Type /Pages\n/Kids []\n/Count 0>>"]
    out, offsets = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<</Size 4\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_the_print_date_becomes_the_editions_date_and_no_offset_moves(monkeypatch):
    import datetime
    import io

    import pypdf

    from generator.writers.books.pdf_finish import fixed_dates

    printed = _skia_like_pdf(b"20261207023537")
    fixed = fixed_dates(printed, 1709596800)  # 2024-03-05, the 2024 report's day
    assert len(fixed) == len(printed) and fixed.count(b"(D:20240305000000+00'00')") == 2
    assert fixed == _skia_like_pdf(b"20240305000000")  # the dates, and nothing else
    for number, offset in enumerate(re.findall(rb"(\d{10}) 00000 n", fixed), 1):
        assert fixed[int(offset):].startswith(b"%d 0 obj" % number)
    reader = pypdf.PdfReader(io.BytesIO(fixed), strict=True)
    assert reader.metadata.creation_date == datetime.datetime(2024, 3, 5, tzinfo=datetime.UTC)
    # The edition's date: SOURCE_DATE_EPOCH when set, else the last commit's.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709596800")
    assert book.edition_date(ROOT) == 1709596800
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(GeneratorError, match="SOURCE_DATE_EPOCH"):
        book.edition_date(ROOT)


@pdf
def test_print_all_prints_several_at_once_and_the_same_html_gives_the_same_bytes(pdfs, loaded):
    """The set was printed by the site's build; one book printed again, beside
    another document, in another browser and at another time, is the same file."""
    import datetime

    from generator.writers.books.pdf import print_all

    small = "<!DOCTYPE html><html lang=zh><meta charset=utf-8><title>t</title><p>加快发展新质生产力</p></html>"
    date = book.edition_date(pdfs.parent.parent / "project")  # the date the site's books carry
    printed = print_all({"2021": book.book_html(loaded, book.chosen_reports(loaded, 2021)), "small": small},
                        date, parallel=2)
    assert list(printed) == ["2021", "small"]
    assert printed["2021"] == (pdfs / "gwr-2021.pdf").read_bytes()
    assert printed["small"].startswith(b"%PDF") and printed["small"] != printed["2021"]
    # Dated as the edition (SOURCE_DATE_EPOCH, else the last commit), not when it was printed.
    expected = datetime.datetime.fromtimestamp(date, datetime.UTC)
    assert _reader(pdfs / "gwr.pdf").metadata.creation_date == expected
