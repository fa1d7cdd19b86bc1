"""The targets table (generator/text/indicators.py, issue 23): every target and
outturn a reader finds in a report, each figure as written, from the part
that states it; five-year averages and five-year targets never taken for
one year's."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

from generator.sources.rawfile import parse_reports
from generator.text.indicators import across, indicators
from tests.conftest import CORPUS, ROOT


def _figures(found) -> dict[str, list[tuple[str, str, str]]]:
    return {role: [(f.indicator, f.text, f.anchor) for f in getattr(found, role)] for role in ("targets", "outturns")}


def _report(tmp_path: pathlib.Path, *lines: str):
    path = tmp_path / "r.txt"
    path.write_text("\n".join(["政府工作报告", "——2026年3月5日在第十四届全国人民代表大会第四次会议上", "各位代表：", *lines]) + "\n",
                    encoding="utf-8")
    return parse_reports(path, layout="lines")[0].report


# --- figures read by hand from the two full reports of the corpus -------------------------------

#: 2021: the targets sentence of part 三, the deficit, transfers, direct funding
#: and bank lending in task （一）, basic research in （三）, the bonds, central
#: investment and old communities in （四）, clean heating in （七）; the outturns
#: of 2020 in part 一. Part 二 is the five-year plan: its 失业率控制在5.5%以内 is
#: no target of 2021.
EXPECTED_2021 = {
    "targets": [
        ("gdp_growth", "6%以上", "sec_3__para_3__sent_1"),
        ("urban_jobs", "1100万人以上", "sec_3__para_3__sent_1"),
        ("unemployment_rate", "5.5%左右", "sec_3__para_3__sent_1"),
        ("cpi", "3%左右", "sec_3__para_3__sent_1"),
        ("energy_intensity", "3%左右", "sec_3__para_3__sent_1"),
        ("grain_output", "1.3万亿斤以上", "sec_3__para_3__sent_1"),
        ("deficit_ratio", "3.2%左右", "sec_3__item_1__para_2__sent_2"),
        ("local_special_bonds", "3.65万亿元", "sec_3__item_4__para_3__sent_2"),
        ("central_budget_investment", "6100亿元", "sec_3__item_4__para_3__sent_3"),
        ("transfer_payments_growth", "7.8%", "sec_3__item_1__para_2__sent_4"),
        ("direct_funding", "2.8万亿元", "sec_3__item_1__para_2__sent_5"),  # 将2.8万亿元中央财政资金纳入直达机制
        ("inclusive_sme_loans", "30%以上", "sec_3__item_1__para_4__sent_11"),
        ("basic_research_spending", "10.6%", "sec_3__item_3__para_2__sent_9"),
        ("old_communities_renovated", "5.3万个", "sec_3__item_4__para_3__sent_5"),
        ("clean_heating_rate", "70%", "sec_3__item_7__para_2__sent_2"),
    ],
    "outturns": [
        ("gdp_growth", "2.3%", "sec_1__para_4__sent_9"),
        ("urban_jobs", "1186万人", "sec_1__para_5__sent_6"),
        ("unemployment_rate", "5.2%", "sec_1__para_5__sent_6"),
        ("cpi", "2.5%", "sec_1__para_5__sent_8"),
        ("direct_funding", "2万亿元", "sec_1__para_4__sent_6"),
        ("tax_fee_relief", "超过2.6万亿元", "sec_1__para_4__sent_5"),
        ("financial_concessions", "1.5万亿元", "sec_1__para_4__sent_7"),
        ("inclusive_sme_loans", "50%以上", "sec_1__para_4__sent_7"),
    ],
}

#: 2025: the targets sentence and the fiscal figures of part 二 (超长期特别国债
#: 1.3万亿元, not the 3000亿元 of it that task （一） gives to trade-ins), the
#: central investment of task （一）; the outturns of 2024 in part 一.
EXPECTED_2025 = {
    "targets": [
        ("gdp_growth", "5%左右", "sec_2__para_2__sent_1"),
        ("urban_jobs", "1200万人以上", "sec_2__para_2__sent_1"),
        ("unemployment_rate", "5.5%左右", "sec_2__para_2__sent_1"),
        ("cpi", "2%左右", "sec_2__para_2__sent_1"),
        ("energy_intensity", "3%左右", "sec_2__para_2__sent_1"),
        ("grain_output", "1.4万亿斤左右", "sec_2__para_2__sent_1"),
        ("deficit_ratio", "4%左右", "sec_2__para_5__sent_3"),
        ("deficit", "5.66万亿元", "sec_2__para_5__sent_3"),
        ("general_budget_expenditure", "29.7万亿元", "sec_2__para_5__sent_4"),
        ("ultra_long_special_bonds", "1.3万亿元", "sec_2__para_5__sent_5"),
        ("special_bonds_bank_capital", "5000亿元", "sec_2__para_5__sent_6"),
        ("local_special_bonds", "4.4万亿元", "sec_2__para_5__sent_7"),
        ("central_budget_investment", "7350亿元", "sec_3__item_1__para_3__sent_4"),
        ("total_new_government_debt", "11.86万亿元", "sec_2__para_5__sent_8"),
    ],
    "outturns": [
        ("gdp_growth", "5%", "sec_1__para_2__sent_2"),
        ("gdp", "134.9万亿元", "sec_1__para_2__sent_2"),
        ("urban_jobs", "1256万人", "sec_1__para_2__sent_3"),
        ("unemployment_rate", "5.1%", "sec_1__para_2__sent_3"),
        ("cpi", "0.2%", "sec_1__para_2__sent_3"),
        ("disposable_income_growth", "5.1%", "sec_1__para_2__sent_5"),
        ("energy_intensity", "超过3%", "sec_1__para_3__sent_4"),
        ("grain_output", "1.4万亿斤", "sec_1__para_3__sent_2"),
        ("urbanization_rate", "67%", "sec_1__para_9__sent_2"),
        ("pm25", "2.7%", "sec_1__para_3__sent_4"),
        ("debt_swap_quota", "6万亿元", "sec_1__para_6__sent_8"),  # 一次性增加6万亿元地方专项债务限额置换…
    ],
}


@pytest.mark.corpus
@pytest.mark.parametrize("year, expected", [(2021, EXPECTED_2021), (2025, EXPECTED_2025)])
def test_every_target_and_outturn_of_a_full_report(year, expected):
    path = CORPUS / f"{year}.txt"
    if not path.exists():
        pytest.skip(f"no corpus at {CORPUS}")
    report = parse_reports(path)[0].report
    assert report.year == year  # read from the subtitle ——2025年3月5日在…会议上
    found = indicators(report)
    assert _figures(found) == expected
    assert found.has_review and found.has_plan and found.has_main_targets
    by_id = {f.indicator: f for f in found.targets}
    assert (by_id["deficit_ratio"].value, by_id["deficit_ratio"].unit, by_id["deficit_ratio"].qualifier) == (
        float(expected["targets"][6][1][:-3]), "%", "左右")


@pytest.mark.corpus
def test_the_table_across_reports_puts_an_outturn_under_the_year_it_measures():
    paths = [CORPUS / f"{year}.txt" for year in (2021, 2025)]
    if not all(p.exists() for p in paths):
        pytest.skip(f"no corpus at {CORPUS}")
    found = {r.year: indicators(r) for r in (parse_reports(p)[0].report for p in paths)}
    rows = {(row.indicator.id, row.year): row for row in across(found)}
    growth_2020 = rows["gdp_growth", 2020]
    assert (growth_2020.target, growth_2020.outturn.text, growth_2020.next_target.text) == (None, "2.3%", "6%以上")
    growth_2024 = rows["gdp_growth", 2024]
    assert (growth_2024.outturn.text, growth_2024.next_target.text) == ("5%", "5%左右")
    assert rows["gdp_growth", 2025].target.text == "5%左右"


# --- the rules, on small reports -------------------------------------------------------------

def test_a_five_year_average_is_never_last_years_outturn(tmp_path):
    report = _report(tmp_path, "一、过去一年和五年工作回顾",
                     "过去五年，国内生产总值年均增长5.2%，居民消费价格年均上涨2.1%。",
                     "过去一年，国内生产总值增长3%，居民消费价格上涨2%。")
    assert _figures(indicators(report))["outturns"] == [
        ("gdp_growth", "3%", "sec_1__para_2__sent_1"), ("cpi", "2%", "sec_1__para_2__sent_1")]


def test_a_five_year_plan_sets_no_target_of_the_year(tmp_path):
    report = _report(tmp_path, "一、“十五五”时期主要目标任务",
                     "城镇调查失业率控制在5.5%以内，国内生产总值增长保持在合理区间。",
                     "二、2026年政府工作任务",
                     "今年发展主要预期目标是：国内生产总值增长4.5%左右；城镇调查失业率5.5%左右。",
                     "（一）稳定就业。",
                     "城镇新增就业1300万人以上的任务要靠各方努力。")
    found = indicators(report)
    assert _figures(found)["targets"] == [("gdp_growth", "4.5%左右", "sec_2__para_1__sent_1"),
                                          ("unemployment_rate", "5.5%左右", "sec_2__para_1__sent_1")]
    assert not found.has_review  # and so no outturn: a plan is never read as results
    assert _figures(found)["outturns"] == []


def test_other_years_wordings_a_range_and_five_year_totals(tmp_path):
    """Wordings of reports outside the corpus: 2020's 主要目标 without 预期, 2022's
    失业率全年控制在, a GDP range (2019: 6%－6.5%), an outturn after 超过…，;
    a review's five-year paragraph and totals are not last year's."""
    report = _report(tmp_path, "一、2025年工作回顾",
                     "过去五年，城镇新增就业6600万人以上。",
                     "国内生产总值超过126万亿元，增长5.2%。累计减税降费超过8.8万亿元，城镇新增就业5500万人以上的五年任务完成。",
                     "二、2026年政府工作任务",
                     "今年发展主要目标是：国内生产总值增长6%－6.5%；城镇调查失业率全年控制在5.5%以内。",
                     "（一）扩大内需。", "拟发行超长期特别国债，专项用于重大项目，今年先发行1万亿元。")
    found = indicators(report)
    assert _figures(found)["outturns"] == [("gdp_growth", "5.2%", "sec_1__para_2__sent_1"),
                                           ("gdp", "超过126万亿元", "sec_1__para_2__sent_1")]
    targets = {f.indicator: f for f in found.targets}
    growth = targets["gdp_growth"]
    assert (growth.text, growth.value, growth.upper, growth.qualifier) == ("6%－6.5%", 6.0, 6.5, None)
    assert targets["unemployment_rate"].text == "5.5%以内"
    assert targets["ultra_long_special_bonds"].text == "1万亿元"
    assert found.has_main_targets


def test_the_first_figure_of_an_indicator_wins(tmp_path):
    report = _report(tmp_path, "一、2026年经济社会发展总体要求和政策取向",
                     "拟发行超长期特别国债1.5万亿元、比上年增加2000亿元。",
                     "二、2026年政府工作任务", "（一）扩大内需。", "安排超长期特别国债3000亿元支持消费品以旧换新。")
    (figure,) = indicators(report).targets
    assert (figure.indicator, figure.text, figure.value, figure.unit, figure.qualifier) == (
        "ultra_long_special_bonds", "1.5万亿元", 1.5, "万亿元", None)


# --- the command, the open data and the site --------------------------------------------------

def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True)


def test_indicators_prints_json_for_a_raw_file_and_for_a_year_of_the_edition(tmp_path):
    _report(tmp_path, "一、2025年工作回顾", "国内生产总值增长5%，城镇新增就业1256万人。")
    result = _run("indicators", str(tmp_path / "r.txt"), "--layout", "lines")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["year"] == 2026 and data["targets"] == []
    assert data["outturns"][1] == {"indicator": "urban_jobs", "text": "1256万人", "value": 1256.0, "upper": None,
                                   "unit": "万人", "qualifier": None, "anchor": "sec_1__para_1__sent_1"}
    edition = json.loads(_run("indicators", "2024").stdout)  # the edition holds part 三 of 2024 only
    assert (edition["has_review"], edition["has_main_targets"]) == (False, False)
    assert [f["indicator"] for f in edition["targets"]] == ["central_budget_investment"]


def test_indicators_refuses_a_year_the_edition_lacks_in_one_line():
    result = _run("indicators", "2099")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no report of 2099" in result.stderr


def test_the_site_says_which_parts_it_lacks_and_serves_the_table(flat_site):
    site, _ = flat_site
    data = json.loads((site / "api" / "indicators.json").read_text(encoding="utf-8"))
    assert {r["year"]: r["has_main_targets"] for r in data["reports"]} == {2021: False, 2022: False, 2024: False}
    assert [(r["indicator"], r["year"], r["target"]["text"]) for r in data["rows"]] == [
        ("central_budget_investment", 2024, "7000亿元")]
    assert json.loads((site / "api" / "2024.json").read_text(encoding="utf-8"))["indicators"]["targets"][0][
        "anchor"] == "sec_3__item_3__para_3__sent_3"
    page = (site / "compare" / "index.html").read_text(encoding="utf-8")
    assert "本版所收的2024年报告为" in page and "not the review of 2023" not in page
    assert "neither the part that lists the year's main targets nor the review of 2023" in page
    assert 'href="../2024.html#sec_3__item_3__para_3__sent_3">7000亿元</a>' in page
