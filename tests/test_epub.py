"""EPUB export (issue 12): an EPUB 3 of the edition or of one report that keeps
the site's anchors, gives each paragraph's Chinese (the raw words) then its
English, turns glossary terms into pop-up notes, and passes epubcheck."""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest

from generator.writers.books import book, epub
from tests.conftest import ROOT

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
WHEN = epub.modified(ROOT)


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def loaded():
    from generator.project.project import Project

    return Project(ROOT).load()


@pytest.fixture(scope="module")
def one(loaded) -> dict[str, str]:
    return epub.documents(loaded, book.chosen_reports(loaded, 2024), "hans", WHEN)


def _by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {e.get("id"): e for e in root.iter() if e.get("id")}


def test_every_document_is_well_formed_xhtml_and_the_package_lists_them(one):
    assert set(one) == {"cover.xhtml", "nav.xhtml", "report-2024.xhtml", "glossary.xhtml", "style.css", "package.opf"}
    for name, text in one.items():
        if name.endswith((".xhtml", ".opf")):
            assert text.startswith('<?xml version="1.0" encoding="utf-8"?>'), name
            ET.fromstring(text.encode("utf-8"))  # raises on anything a reading system's XML parser refuses
    package = ET.fromstring(one["package.opf"].encode())
    hrefs = {item.get("href") for item in package.iter("{http://www.idpf.org/2007/opf}item")}
    assert hrefs == set(one) - {"package.opf"}


def test_the_report_keeps_every_anchor_of_the_site_with_the_raw_words(loaded, one):
    report = next(r.report for r in loaded.reports if r.report.year == 2024)
    found = _by_id(ET.fromstring(one["report-2024.xhtml"].encode()))
    assert 'id="sec_3__item_1__para_2__sent_3"' in one["report-2024.xhtml"]
    assert set(report.anchors()) <= set(found)
    # Each sentence's element holds exactly its words (glossary marks are markup, not text).
    for p in report.paragraphs():
        for s in p.sentences:
            assert "".join(found[s.id].itertext()) == s.text, s.id
    sentence = found["sec_3__item_1__para_2__sent_3"]
    assert "实施制造业重点产业链高质量发展行动" in "".join(sentence.itertext())


def test_each_paragraph_gives_its_pinpoint_its_chinese_then_its_english(one):
    found = _by_id(ET.fromstring(one["report-2024.xhtml"].encode()))
    para = found["sec_3__item_1__para_2"]
    pin, zh, en = list(para)[:3]
    assert "".join(pin.itertext()) == "三（一）第2段 · Part III, task 1, para. 2"
    assert zh.get("class") == "zh" and en.get("class") == "en" and en.get("lang") == "en"
    assert "".join(en.itertext()).startswith("We will optimize and upgrade industrial and supply chains.")
    heading = found["sec_3__item_1"].find(f".//{XHTML}h3")
    assert "".join(heading.itertext()).startswith("（一）大力推进现代化产业体系建设，加快发展新质生产力。")


def test_glossary_terms_are_notes_in_their_own_document(one):
    for name in ("report-2024.xhtml",):
        root = ET.fromstring(one[name].encode())
        notes = {e.get("id"): e for e in root.iter(f"{XHTML}aside") if e.get(EPUB_TYPE) == "footnote"}
        refs = [a for a in root.iter(f"{XHTML}a") if a.get(EPUB_TYPE) == "noteref"]
        assert len(refs) > 100
        # Every mark opens a note of the same document, and every note is marked.
        assert {a.get("href") for a in refs} == {f"#{i}" for i in notes}
    note = notes["g-xin-zhi-sheng-chan-li"]
    assert "新质生产力" in "".join(note.itertext()) and "new quality productive forces" in "".join(note.itertext())
    # The book's glossary says where each term occurs, with links that land.
    glossary = ET.fromstring(one["glossary.xhtml"].encode())
    report_ids = set(_by_id(root))
    places = [a.get("href") for a in glossary.iter(f"{XHTML}a")]
    assert "report-2024.xhtml#sec_3__item_1__para_1" in places
    assert all(h.split("#")[1] in report_ids for h in places if h.startswith("report-2024.xhtml#"))


def test_navigation_goes_from_report_to_part_to_task(one):
    nav = ET.fromstring(one["nav.xhtml"].encode())
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(EPUB_TYPE) == "toc")
    targets = [a.get("href") for a in toc.iter(f"{XHTML}a")]
    assert "report-2024.xhtml#sec_3" in targets and "report-2024.xhtml#sec_3__item_10" in targets
    ids = set(_by_id(ET.fromstring(one["report-2024.xhtml"].encode())))
    assert all(t.split("#")[1] in ids for t in targets if t.startswith("report-2024.xhtml#"))


def test_metadata_names_the_report_its_author_language_and_date(one):
    package = one["package.opf"]
    assert "<dc:title id=\"title\">2024年政府工作报告 · 注释双语版</dc:title>" in package
    assert "<dc:language>zh-Hans</dc:language>" in package and "<dc:language>en</dc:language>" in package
    assert "<dc:creator id=\"author\">国务院</dc:creator>" in package and "国务院总理 李强" in package
    assert "<dc:date>2024-03-05</dc:date>" in package
    assert re.search(r'<dc:identifier id="id">urn:uuid:[0-9a-f-]{36}</dc:identifier>', package)
    assert re.search(r'property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<', package)


def test_the_traditional_edition_converts_the_text_and_keeps_the_anchors(loaded, one):
    hant = epub.documents(loaded, book.chosen_reports(loaded, 2024), "hant", WHEN)
    assert 'lang="zh-Hant"' in hant["report-2024.xhtml"] and "<dc:language>zh-Hant</dc:language>" in hant["package.opf"]
    found = _by_id(ET.fromstring(hant["report-2024.xhtml"].encode()))
    assert "".join(found["sec_3__item_1__para_1__sent_1"].itertext()).endswith("加快發展新質生產力。")
    assert set(found) == set(_by_id(ET.fromstring(one["report-2024.xhtml"].encode())))
    assert epub.identifier(book.make_book(loaded, book.chosen_reports(loaded, 2024), "hant", str, lambda y: str)) != \
        epub.identifier(book.make_book(loaded, book.chosen_reports(loaded, 2024), "hans", str, lambda y: str))


def test_the_container_starts_with_an_uncompressed_mimetype_and_is_reproducible(loaded, one, tmp_path):
    a, b = tmp_path / "a.epub", tmp_path / "b.epub"
    epub.write(a, one, WHEN)
    epub.write(b, epub.documents(loaded, book.chosen_reports(loaded, 2024), "hans", WHEN), WHEN)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes()[30:38] == b"mimetype"  # the first local file header's name
    with zipfile.ZipFile(a) as z:
        first = z.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert z.read("mimetype") == b"application/epub+zip"
        assert "META-INF/container.xml" in z.namelist()


def test_an_unknown_year_is_one_line_naming_the_years(tmp_path):
    result = run("export", "epub", str(tmp_path / "x.epub"), "--year", "1999")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "1999" in result.stderr and "2024" in result.stderr and not (tmp_path / "x.epub").exists()


# --- epubcheck ------------------------------------------------------------------------


def _epubcheck() -> list[str]:
    """How to run epubcheck: Debian installs it as a jar that only runs as a
    program where binfmt_misc knows jars, so it is run with java -jar."""
    found = shutil.which("epubcheck")
    java = shutil.which("java")
    if found is None or java is None:
        if os.environ.get("CI"):
            pytest.fail("epubcheck and java must be installed in CI (.ci/run installs epubcheck)")
        pytest.skip("epubcheck not installed (apt-get install epubcheck)")
    path = pathlib.Path(found).resolve()
    # A check is a short run: the quick compiler alone and the serial collector
    # halve the processor time it takes (12 s to 6 s for the edition).
    return [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(path)] if path.suffix == ".jar" \
        else [str(path)]


def test_epubcheck_passes_on_the_edition_and_on_one_report(tmp_path):
    command = _epubcheck()
    out = tmp_path / "books"
    result = run("export", "epub", f"{out}/")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["gwr-2021.epub", "gwr-2022.epub", "gwr-2024.epub", "gwr.epub"]
    single = tmp_path / "one.epub"
    assert run("export", "epub", str(single), "--year", "2024").returncode == 0
    with zipfile.ZipFile(single) as z:
        assert 'id="sec_3__item_1__para_2__sent_3"' in z.read("EPUB/report-2024.xhtml").decode()
    checks = {path: subprocess.Popen([*command, "--quiet", str(path)], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
              for path in (out / "gwr.epub", single)}
    for path, check in checks.items():
        output = check.communicate(timeout=300)[0]
        assert check.returncode == 0, f"{path.name}:\n{output}"
        assert "ERROR" not in output and "WARNING" not in output, output
