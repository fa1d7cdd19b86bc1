"""Rendering: golden HTML for the small reports, open data, escaping, aliases."""

from __future__ import annotations

import json

from generator import anchors, opendata, render
from generator.diagnostics import Diagnostics
from generator.pipeline import Project
from tests.conftest import FIXTURES, ROOT
from tests.golden import assert_golden


def _loaded():
    loaded = Project(ROOT).load()
    return loaded, {r.report.year: r for r in loaded.reports}


def test_golden_report_pages():
    loaded, by_year = _loaded()
    for year in (2021, 2022):
        page = render.render_report(by_year[year], loaded)
        assert_golden(FIXTURES / "render" / f"{year}.html", page.html)
        hant = render.render_report(by_year[year], loaded, "hant")
        assert_golden(FIXTURES / "render" / f"{year}.hant.html", hant.html)
        assert_golden(FIXTURES / "render" / f"{year}.toc.json",
                      json.dumps(page.toc, ensure_ascii=False, indent=1) + "\n")


def test_golden_api_json():
    loaded, by_year = _loaded()
    data = opendata.report_json(by_year[2024].report, "2024年政府工作报告", loaded.converter.convert,
                              loaded.translations[2024])
    assert_golden(FIXTURES / "render" / "api-2024.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def test_restored_item_number_is_marked_editorial():
    loaded, by_year = _loaded()
    html = render.render_report(by_year[2022], loaded).html
    assert 'class="gwr-restored"' in html and "（九）" in html
    assert 'id="sec_3__item_9"' in html


def test_leads_are_bold_and_every_sentence_has_its_id():
    loaded, by_year = _loaded()
    report = by_year[2024].report
    html = render.render_report(by_year[2024], loaded).html
    assert '<strong class="gwr-s gwr-lead" id="sec_3__item_1__para_2__sent_1">推动产业链供应链优化升级。</strong>' in html
    hant = render.render_report(by_year[2024], loaded, "hant").html
    for anchor in report.anchors():
        assert f'id="{anchor}"' in hant
    for anchor in report.anchors():
        assert f'id="{anchor}"' in html


def test_retired_anchor_gets_an_alias_in_its_successor():
    loaded, by_year = _loaded()
    text = "2024 sec_3__old_para -> sec_3__para_1\n"
    loaded.lock = anchors.parse_lock(text, "x", Diagnostics())
    html = render.render_report(by_year[2024], loaded).html
    assert ('<div class="gwr-row" id="sec_3__para_1" data-line="3"><span class="gwr-alias" '
            'id="sec_3__old_para" data-successor="sec_3__para_1"></span>') in html


def test_text_is_escaped(tmp_path):
    loaded, by_year = _loaded()
    entry = by_year[2021]
    meta = entry.meta.meta.model_copy(update={"holds": "<script>alert(1)</script>"})
    entry.meta.meta = meta
    html = render.render_report(entry, loaded).html
    assert "<script>" not in html and "&lt;script&gt;" in html
