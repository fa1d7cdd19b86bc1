"""Citing: pinpoint labels from the structure, the citation formats, and the tags reference managers read."""

from __future__ import annotations

import datetime

import pytest

from generator.project.project import Project
from generator.text import citation, reference_formats
from tests.conftest import FIXTURES, ROOT
from tests.golden import assert_golden

ACCESSED = datetime.date(2026, 11, 22)


@pytest.fixture(scope="module")
def loaded():
    return Project(ROOT).load()


def test_labels_read_as_a_printed_pinpoint(loaded):
    by_year = {r.report.year: r.report for r in loaded.reports}
    labels = citation.labels(by_year[2024])
    assert labels["sec_3"] == citation.Label("三", "Part III")
    assert labels["sec_3__item_1"] == citation.Label("三（一）", "Part III, task 1")
    assert labels["sec_3__item_10"] == citation.Label("三（十）", "Part III, task 10")
    assert labels["sec_3__para_1"] == citation.Label("三第1段", "Part III, para. 1")
    assert labels["sec_3__item_1__para_2__sent_3"] == citation.Label("三（一）第2段第3句", "Part III, task 1, para. 2, sent. 3")
    assert labels["closing__para_2"] == citation.Label("结束语第2段", "Closing, para. 2")
    assert citation.labels(by_year[2021])["intro__para_1__sent_1"] == citation.Label("开篇第1段第1句", "Opening, para. 1, sent. 1")


def test_every_anchor_has_a_label_unique_within_its_report(loaded):
    for entry in loaded.reports:
        labels = citation.labels(entry.report)
        assert set(labels) == set(entry.report.anchors())
        assert len({label.zh for label in labels.values()}) == len(labels)
        assert len({label.en for label in labels.values()}) == len(labels)


@pytest.mark.parametrize("anchor", ["sec_3__item_1__para_2__sent_3", "sec_3__item_1__para_2"])
def test_citation_formats(loaded, anchor):
    """Golden: every format of one sentence and one paragraph of 2024 (read
    back with pandoc, rispy and bibtexparser in test_reference_formats.py)."""
    entry = next(r for r in loaded.reports if r.report.year == 2024)
    label = citation.labels(entry.report)[anchor]
    formats = reference_formats.cite(reference_formats.work(entry.meta.meta), label, "https://example.org/2024/",
                                     "https://example.org/en/2024/", anchor, ACCESSED)
    shown = "".join(f"== {name}\n{text.replace(chr(13), '')}{'' if text.endswith(chr(10)) else chr(10)}"
                    for name, text in formats.items())
    assert_golden(FIXTURES / "cite" / f"2024-{anchor}.txt", shown)


def test_templates_leave_no_slot_unfilled_and_touch_nothing_else(loaded):
    entry = next(r for r in loaded.reports if r.report.year == 2024)
    formats = reference_formats.cite(reference_formats.work(entry.meta.meta), citation.Label("三", "Part III"), "U",
                                     "E", "sec_3", ACCESSED)
    assert not any("⟪" in text for text in formats.values())
    assert formats["bibtex"].count("{") == formats["bibtex"].count("}")
    assert formats["ris"].startswith("TY  - RPRT\r\n") and formats["ris"].endswith("ER  - \r\n")


def test_the_built_site_carries_labels_citation_data_and_highwire_tags(site):
    import json
    import re

    for path in sorted((site / "api").glob("[0-9]*.json")):  # each report's (edition.json says what it holds)
        data = json.loads(path.read_text(encoding="utf-8"))
        for block in data["blocks"]:
            assert block["label_zh"] and block["label_en"], (path.name, block["id"])
            for sentence in block.get("sentences", []):
                assert sentence["label_zh"] and sentence["label_en"], (path.name, sentence["id"])
        citation = data["citation"]
        assert citation["title"] == data["title"] and set(citation["formats"]) == {
            "gbt7714", "chicago", "chicago_bibliography", "bibtex", "ris", "csl", "bibtex_en", "ris_en", "csl_en"}
        assert all(slot in citation["formats"]["gbt7714"] for slot in ("⟪label_zh⟫", "⟪page⟫"))
        assert citation["items"]["zh-Hans"]["type"] == citation["items"]["en"]["type"] == "report"
    page = (site / "2024" / "index.html").read_text(encoding="utf-8")
    tags = dict(re.findall(r'<meta name="((?:citation_|DC\.|z\.|eprints\.)[\w.]+)" content="([^"]*)"', page))
    # What Zotero's Embedded Metadata translator needs to save a report (the
    # note of issue 22 says what it saved): the institution makes it a report.
    assert tags["citation_title"] == "2024年政府工作报告"
    assert tags["citation_technical_report_institution"] == tags["DC.creator"] == "国务院"
    assert tags["citation_date"] == "2024/03/05" and tags["citation_language"] == "zh-Hans"
    assert tags["citation_public_url"].endswith("/2024/") and tags["eprints.place_of_pub"] == "北京"
    assert "李强" in tags["citation_abstract"] and "citation_author" not in tags  # the premier is no author
    english = dict(re.findall(r'<meta name="([\w.]+)" content="([^"]*)"',
                              (site / "en" / "2024" / "index.html").read_text(encoding="utf-8")))
    assert english["citation_title"] == "Report on the Work of the Government, 2024"
    assert english["citation_language"] == "en" and english["DC.creator"] == reference_formats.Work.AUTHOR_EN + ","
    assert english["z.translators"] == reference_formats.EDITION_EN + ","
    term = (site / "glossary" / "xin-zhi-sheng-chan-li" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="DC.type" content="dictionaryEntry">' in term
    hant = (site / "zh-hant" / "2024" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="citation_title" content="2024年政府工作報告">' in hant
