"""EPUB export (issue 12): an EPUB 3 of the edition or of one report that keeps
the site's anchors, gives each paragraph's Chinese (the raw words) then its
English, and turns glossary terms into pop-up notes. Issue 22: DPUB-ARIA
roles, notes that link back, the translator credited, each script's language
tags, a cover, landmarks that stay hidden, and an accessibility claim. That
every book passes epubcheck and Ace: tests/test_epub_checks.py."""

from __future__ import annotations

import collections
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest

from generator.writers.books import book, epub
from tests.conftest import ROOT

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
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


@pytest.fixture(scope="module")
def hant(loaded) -> dict[str, str]:
    return epub.documents(loaded, book.chosen_reports(loaded, 2024), "hant", WHEN)


def test_every_document_is_well_formed_xhtml_and_the_package_lists_them(one):
    assert set(one) == {"cover.svg", "cover.xhtml", "titlepage.xhtml", "nav.xhtml", "report-2024.xhtml",
                        "glossary.xhtml", "style.css", "package.opf"}
    for name, text in one.items():
        if name.endswith((".xhtml", ".opf", ".svg")):
            assert text.startswith('<?xml version="1.0" encoding="utf-8"?>'), name
            ET.fromstring(text.encode("utf-8"))  # raises on anything a reading system's XML parser refuses
    package = ET.fromstring(one["package.opf"].encode())
    hrefs = {item.get("href") for item in package.iter(f"{OPF}item")}
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


def test_the_traditional_edition_converts_the_text_and_keeps_the_anchors(loaded, one, hant):
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


# --- issue 22 -------------------------------------------------------------------------

#: Each epub:type the books use → the DPUB-ARIA or ARIA role that says the same
#: to assistive technology (Ace's epub-type-has-matching-role), or None where
#: there is none to give: structure only, or the element's own role already
#: (a dt is a term, a dd a definition). A type the books take up anew must be
#: added here, with its role.
ROLES = {"chapter": "doc-chapter", "footnote": "doc-footnote", "noteref": "doc-noteref",
         "glossary": "doc-glossary", "toc": "doc-toc", "cover": None, "titlepage": None, "frontmatter": None,
         "bodymatter": None, "backmatter": None, "footnotes": None, "landmarks": None, "glossterm": None,
         "glossdef": None}


def test_every_epub_type_with_an_aria_role_has_it(loaded):
    edition = epub.documents(loaded, book.chosen_reports(loaded, None), "hans", WHEN)
    used = collections.Counter()
    for name, text in edition.items():
        if not name.endswith(".xhtml"):
            continue
        root = ET.fromstring(text.encode())
        landmarks = {e for nav in root.iter(f"{XHTML}nav") if nav.get(EPUB_TYPE) == "landmarks"
                     for e in nav.iter() if e is not nav}
        for element in root.iter():
            if element.get(EPUB_TYPE) is None or element in landmarks:
                continue  # a landmark's link names where it goes, which has the role
            kind = element.get(EPUB_TYPE)
            assert kind in ROLES, f"{name}: epub:type {kind!r} is new: give it its role in ROLES"
            assert element.get("role") == ROLES[kind], f"{name}: <{element.tag}> {kind} has role {element.get('role')}"
            used[kind] += 1
    assert used["noteref"] > 500 and used["footnote"] > 200 and used["chapter"] == 3


def _parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def test_each_note_links_back_to_each_paragraph_that_marks_its_term(loaded, one):
    """One backlink a paragraph, to the first mark of the term there, labelled
    with the paragraph's pinpoint (epub.mark_noterefs says why)."""
    from generator.text.citation import labels

    root = ET.fromstring(one["report-2024.xhtml"].encode())
    parents, found = _parents(root), _by_id(root)
    marks = [a for a in root.iter(f"{XHTML}a") if a.get(EPUB_TYPE) == "noteref"]
    assert not [i for i, n in collections.Counter(e.get("id") for e in root.iter() if e.get("id")).items() if n > 1]

    def paragraph(element: ET.Element) -> str:
        while element.get("class") not in ("para", "part"):
            element = parents[element]
        return element.get("id")

    expected: dict[str, list[str]] = {}  # note → paragraphs, in reading order
    for a in marks:
        places = expected.setdefault(a.get("href")[1:], [])
        if paragraph(a) not in places:
            places.append(paragraph(a))
    pinpoints = labels(next(r.report for r in loaded.reports if r.report.year == 2024))
    for note in (e for e in root.iter(f"{XHTML}aside") if e.get(EPUB_TYPE) == "footnote"):
        back = [a for a in note.iter(f"{XHTML}a") if a.get("role") == "doc-backlink"]
        targets = [found[a.get("href")[1:]] for a in back]
        assert all(t.get(EPUB_TYPE) == "noteref" and t.get("href") == f"#{note.get('id')}" for t in targets)
        assert [paragraph(t) for t in targets] == expected[note.get("id")], note.get("id")
        assert ["".join(a.itertext()) for a in back] == [pinpoints[paragraph(t)].zh for t in targets]
    assert len(expected["g-gao-zhi-liang-fa-zhan"]) > 5  # a term of many paragraphs: a backlink to each


def _package(documents: dict[str, str]) -> ET.Element:
    return ET.fromstring(documents["package.opf"].encode())


def _refining(package: ET.Element, id_: str) -> dict[str, ET.Element]:
    return {m.get("property"): m for m in package.iter(f"{OPF}meta") if m.get("refines") == f"#{id_}"}


def _properties(package: ET.Element, name: str) -> list[str]:
    return [m.text for m in package.iter(f"{OPF}meta") if m.get("property") == name and m.get("refines") is None]


def test_the_translation_is_credited_to_the_edition_and_the_report_to_the_state_council(one, hant):
    from generator.text.reference_formats import EDITION, EDITION_EN

    # The same names as the site's citations give the translator (reference_formats).
    for documents, name in ((one, EDITION), (hant, "政府工作報告註釋雙語版")):
        package = _package(documents)
        contributors = {c.get("id"): c for c in package.iter(f"{DC}contributor")}
        translator = _refining(package, "translator")
        assert contributors["translator"].text == name
        assert (translator["role"].text, translator["role"].get("scheme")) == ("trl", "marc:relators")
        assert translator["alternate-script"].text == EDITION_EN
        assert translator["alternate-script"].get(XML_LANG) == "en"
        (author,) = package.iter(f"{DC}creator")
        assert author.text in ("国务院", "國務院") and _refining(package, "author")["role"].text == "aut"


def test_each_script_has_its_language_tags_and_a_title_of_its_own(one, hant):
    for documents, chinese, english in ((one, "zh-Hans", "Simplified"), (hant, "zh-Hant", "Traditional")):
        package = _package(documents)
        assert package.get(XML_LANG) == chinese
        assert [lang.text for lang in package.iter(f"{DC}language")] == [chinese, "en"]
        assert all(f'lang="{chinese}" xml:lang="{chinese}"' in text for name, text in documents.items()
                   if name.endswith(".xhtml"))
        assert f"in {english} Chinese and English" in _refining(package, "title")["alternate-script"].text
        descriptions = {d.get(XML_LANG): d.text for d in package.iter(f"{DC}description")}
        assert set(descriptions) == {None, "en"} and "unofficial" in descriptions["en"]
        assert not re.search("[A-Za-z]{3}", descriptions[None])  # the Chinese one is Chinese throughout
    titles = [next(_package(d).iter(f"{DC}title")).text for d in (one, hant)]
    assert titles == ["2024年政府工作报告 · 注释双语版", "2024年政府工作報告 · 註釋雙語版"]


def test_the_cover_is_the_title_drawn_and_comes_first(one, hant):
    package = _package(one)
    items = {i.get("id"): i for i in package.iter(f"{OPF}item")}
    assert (items["cover-image"].get("href"), items["cover-image"].get("media-type"),
            items["cover-image"].get("properties")) == ("cover.svg", "image/svg+xml", "cover-image")
    assert [i.get("idref") for i in package.iter(f"{OPF}itemref")][:3] == ["cover", "titlepage", "nav"]
    page = ET.fromstring(one["cover.xhtml"].encode())
    (image,) = page.iter(f"{XHTML}img")
    assert (image.get("src"), image.get("role"), image.get("alt")) == ("cover.svg", "doc-cover",
                                                                       "2024年政府工作报告 · 注释双语版")
    for documents, script in ((one, "简体中文 · 英文对照"), (hant, "繁體中文 · 英文對照")):
        svg = ET.fromstring(documents["cover.svg"].encode())
        lines = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
        assert lines[-2] == script and lines[2] in ("注释双语版", "註釋雙語版") and lines[0] == "2024年"
        assert "Report on the Work of the Government, 2024" in lines
        english = [t for t in svg.iter(f"{SVG}text") if re.search("[A-Za-z]", "".join(t.itertext()))]
        assert all(t.get(XML_LANG) == "en" for t in english)
        # Drawn here: nothing in it refers to a file, a font or an address.
        assert not re.search(r"href|url\(|<image|@font-face|https?://(?!www\.w3\.org/2000/svg)", documents["cover.svg"])


def test_the_landmarks_stay_hidden_where_a_converter_reads_the_nav_as_a_page(one):
    """The nav document is a page of the book (its contents): its landmarks
    are marked hidden, and the style sheet hides what is marked hidden, for
    calibre's conversions, which took no notice of the attribute alone."""
    nav = ET.fromstring(one["nav.xhtml"].encode())
    (landmarks,) = [n for n in nav.iter(f"{XHTML}nav") if n.get(EPUB_TYPE) == "landmarks"]
    assert landmarks.get("hidden") == "hidden"
    assert re.search(r"^\[hidden\] \{ display: none; \}$", one["style.css"], re.M)
    assert 'href="style.css"' in one["nav.xhtml"]
    types = [a.get(EPUB_TYPE) for a in landmarks.iter(f"{XHTML}a")]
    assert types == ["cover", "titlepage", "toc", "bodymatter", "glossary"]


def test_the_package_claims_epub_accessibility_and_says_how_the_book_is_read(one):
    package = _package(one)
    assert _properties(package, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert _properties(package, "a11y:certifiedBy") == ["政府工作报告 · 注释双语版"]
    assert _properties(package, "schema:accessMode") == ["textual", "visual"]  # the cover is an image
    assert _properties(package, "schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"} <= \
        set(_properties(package, "schema:accessibilityFeature"))
    assert _properties(package, "schema:accessibilityHazard") == ["none"]
    assert "links back" in _properties(package, "schema:accessibilitySummary")[0]
