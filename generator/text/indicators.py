"""The report's figures an analyst tabulates: this year's targets and last year's outturns.

Every report sets its main targets in one sentence (今年发展主要预期目标是：
国内生产总值增长5%左右；…) and its fiscal figures in a few more (赤字率拟按
4%左右安排, 拟安排地方政府专项债券4.4万亿元 …); its review of the year
before states what came of them (国内生产总值…增长5%, 城镇新增就业1256万人 …).
:func:`indicators` reads both, each figure with the anchor of its sentence.

Where a figure may be read from is decided by the report's structure, not by
searching the whole text, because the same words recur with other meanings:

* an **outturn** only from the review of last year (the part whose heading
  holds 回顾), never from a paragraph about five years (过去五年…) nor a
  clause holding 年均, 累计 or 五年: a five-year review's average
  (居民消费价格年均上涨2.1%) or total is not last year's result;
* a **target** only from a part that plans this year (not the review, not a
  five-year plan's part such as 2021's “十四五”时期主要目标任务, whose
  失业率控制在5.5%以内 is a target for five years); the main targets only
  from the sentence that lists them (主要预期目标, 2020's 主要目标), since a
  task may name a figure of its own with the same words;
* a figure only in its indicator's units (超长期特别国债 in 亿元 or 万亿元);
  a range (6%－6.5%) is read whole, its lower bound as ``value``;
* the first figure of an indicator wins: 2025 plans 超长期特别国债1.3万亿元
  in its part 二 and gives 3000亿元 of it to trade-ins in a task.

The ids are stable names for the open data (``api/{year}.json``) and the
``indicators`` command: ``gdp_growth``, ``cpi``, ``local_special_bonds`` …
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from generator.model import Report, Section, Sentence, per_report
from generator.text.figures import figure_pattern, value

_PERCENT = ("%", "％")
_AMOUNT = ("万亿元", "亿元")
#: Figures that precede their words: any wording before them (the figure is found by what follows).
_BEFORE_FIGURE = r"(?<![0-9０-９.．])"


@dataclasses.dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    #: What comes right before the figure (a regular expression), as a target, as an outturn.
    target: str | None
    outturn: str | None
    #: The units its figure may have: a figure in another unit is another thing.
    units: tuple[str, ...]
    #: A main target: read only from the sentence that lists the year's targets.
    main: bool = False
    #: What must follow the figure, where the words name it after it
    #: (将2.8万亿元中央财政资金纳入直达机制): then ``target``/``outturn`` are what comes before.
    follow: str | None = None


INDICATORS: tuple[Indicator, ...] = (
    Indicator("gdp_growth", "国内生产总值增长", "GDP growth", r"国内生产总值增长",
              r"国内生产总值(?:(?:达到|超过)[^，。；、]*?[，、])?增长", _PERCENT, main=True),
    Indicator("gdp", "国内生产总值", "GDP", None, r"国内生产总值(?:达到)?", _AMOUNT),
    Indicator("urban_jobs", "城镇新增就业", "new urban jobs", r"城镇新增就业", r"城镇新增就业", ("万人",), main=True),
    Indicator("unemployment_rate", "城镇调查失业率", "surveyed urban unemployment rate",
              r"城镇调查失业率(?:全年)?(?:控制在)?", r"城镇调查失业率(?:平均为|降到|降至|为)", _PERCENT, main=True),
    Indicator("cpi", "居民消费价格", "consumer prices (CPI)", r"居民消费价格涨幅", r"居民消费价格上涨", _PERCENT,
              main=True),
    Indicator("disposable_income_growth", "居民人均可支配收入增长", "per capita disposable income growth", None,
              r"居民人均可支配收入(?:实际)?增长", _PERCENT),
    Indicator("energy_intensity", "单位国内生产总值能耗", "energy use per unit of GDP",
              r"单位国内生产总值能耗降低", r"单位国内生产总值能耗(?:降低|降幅)", _PERCENT, main=True),
    Indicator("grain_output", "粮食产量", "grain output", r"粮食产量(?:保持在|稳定在)?",
              r"粮食产量(?:达到|首次跃上|首次突破|突破|稳定在|保持在)?", ("万亿斤", "亿斤"), main=True),
    Indicator("urbanization_rate", "常住人口城镇化率", "urbanization rate (resident population)", None,
              r"常住人口城镇化率(?:提高到|达到)", _PERCENT),
    Indicator("pm25", "细颗粒物（PM2.5）平均浓度", "average PM2.5 concentration (decline)", None,
              r"细颗粒物（PM2\.5）平均浓度下降", _PERCENT),
    Indicator("deficit_ratio", "赤字率", "deficit-to-GDP ratio", r"赤字率拟?按", None, _PERCENT),
    Indicator("deficit", "赤字规模", "deficit", r"赤字规模", None, _AMOUNT),
    Indicator("general_budget_expenditure", "一般公共预算支出规模", "general public budget expenditure",
              r"一般公共预算支出规模", None, _AMOUNT),
    Indicator("ultra_long_special_bonds", "超长期特别国债", "ultra-long special treasury bonds",
              r"超长期特别国债[^。；]*?", None, _AMOUNT),
    Indicator("special_bonds_bank_capital", "特别国债（补充银行资本）",
              "special treasury bonds for bank capital", r"(?<!超长期)(?<!抗疫)特别国债(?=[^。]*补充资本)", None,
              _AMOUNT),
    Indicator("local_special_bonds", "地方政府专项债券", "local government special-purpose bonds",
              r"地方政府专项债券", None, _AMOUNT),
    Indicator("central_budget_investment", "中央预算内投资", "central government budgetary investment",
              r"中央预算内投资(?:拟安排|安排)", None, _AMOUNT),
    Indicator("total_new_government_debt", "新增政府债务总规模", "total new government debt",
              r"新增政府债务总规模", None, _AMOUNT),
    Indicator("transfer_payments_growth", "对地方一般性转移支付增长",
              "growth of general transfer payments to localities", r"对地方一般性转移支付增长", None, _PERCENT),
    Indicator("direct_funding", "纳入直达机制的中央财政资金",
              "central government funds under the direct-allocation mechanism",
              _BEFORE_FIGURE, _BEFORE_FIGURE, _AMOUNT, follow=r"中央财政资金(?:纳入|建立)直达机制"),
    Indicator("debt_swap_quota", "置换隐性债务的地方专项债务限额", "local special debt quota to swap hidden debt", None,
              r"增加", ("万亿元",), follow=r"地方专项债务限额置换"),
    Indicator("tax_fee_relief", "为市场主体减负", "tax and fee relief for market entities", None,
              r"为市场主体减负", _AMOUNT),
    Indicator("financial_concessions", "金融系统向实体经济让利", "financial sector's concessions to the real economy",
              None, r"金融系统向实体经济让利", _AMOUNT),
    Indicator("inclusive_sme_loans", "大型商业银行普惠小微企业贷款增长",
              "large banks' inclusive loans to micro and small firms",
              r"大型商业银行普惠小微企业贷款增长", r"大型商业银行普惠小微企业贷款增长", _PERCENT),
    Indicator("basic_research_spending", "中央本级基础研究支出增长",
              "central government basic research spending growth", r"中央本级基础研究支出增长", None, _PERCENT),
    Indicator("old_communities_renovated", "新开工改造城镇老旧小区", "old urban residential communities to renovate",
              r"新开工改造城镇老旧小区", None, ("万个",)),
    Indicator("clean_heating_rate", "北方地区清洁取暖率", "clean heating rate in northern China",
              r"北方地区清洁取暖率达到", None, _PERCENT),
)


_BY_ID = {indicator.id: indicator for indicator in INDICATORS}
def _pattern(indicator: Indicator, lead: str) -> re.Pattern:
    """The indicator's words (``lead``), its figure in one of its units, and what must follow it."""
    figure = figure_pattern("|".join(map(re.escape, indicator.units)), unit_required=True)
    return re.compile(f"(?:{lead}){figure}" + (f"(?={indicator.follow})" if indicator.follow else ""))


_PATTERNS = {(indicator.id, role): _pattern(indicator, lead)
             for indicator in INDICATORS
             for role, lead in (("target", indicator.target), ("outturn", indicator.outturn)) if lead}
#: A part that plans more than this year: a five-year plan's.
_LONGER_PLAN = re.compile(r"五年|十[一二三四五六七八九]五|规划")
#: The sentence that lists the year's main targets (今年发展主要预期目标是：…; 2020: 主要目标).
_MAIN = re.compile(r"主要(?:预期)?目标")
#: A clause about more than last year: a five-year average or total.
_LONGER_SPAN = re.compile(r"年均|累计|五年")
#: A review paragraph about five years (过去五年，…; 五年来，…).
_FIVE_YEARS = re.compile(r"^(?:过去五年|五年来)")
_CLAUSE_START = re.compile(r"[，。；：、]")


@dataclasses.dataclass(frozen=True)
class Figure:
    """One figure of the report: what it measures, as written, and where."""

    indicator: str
    #: The figure as the report writes it: 5%左右, 1200万人以上, 3.9万亿元.
    text: str
    value: float
    unit: str
    #: 左右, 以上, 以内, 以下 after the figure, or 超过, 约, 近 before it; None where there is none.
    qualifier: str | None
    anchor: str
    #: The top of a range (6%－6.5%: value 6, upper 6.5); None for one figure.
    upper: float | None = None

    def json(self) -> dict:
        return {"indicator": self.indicator, "text": self.text, "value": self.value, "upper": self.upper,
                "unit": self.unit, "qualifier": self.qualifier, "anchor": self.anchor}


@dataclasses.dataclass(frozen=True)
class Indicators:
    """A report's targets for its year and its outturns for the year before,
    each in the order of :data:`INDICATORS`, and which parts it was read from."""

    year: int
    targets: tuple[Figure, ...]
    outturns: tuple[Figure, ...]
    #: Whether the report holds a review of last year, and a plan of this year.
    has_review: bool
    has_plan: bool

    @property
    def has_main_targets(self) -> bool:
        """Whether it holds the sentence that lists the year's main targets."""
        return any(_BY_ID[f.indicator].main for f in self.targets)

    def json(self) -> dict:
        return {"year": self.year or None, "has_review": self.has_review, "has_plan": self.has_plan,
                "has_main_targets": self.has_main_targets,
                "targets": [f.json() for f in self.targets], "outturns": [f.json() for f in self.outturns]}


def is_review(section: Section) -> bool:
    return "回顾" in (section.heading or "")


def is_plan(section: Section) -> bool:
    """A part that plans this year: neither the review nor a longer plan's part."""
    heading = section.heading or ""
    return not is_review(section) and not _LONGER_PLAN.search(heading)


def _figures(sentence: Sentence, role: str, main_only: bool | None) -> Iterator[Figure]:
    for indicator in INDICATORS:
        pattern = _PATTERNS.get((indicator.id, role))
        if pattern is None or (main_only is not None and indicator.main != main_only):
            continue
        for found in pattern.finditer(sentence.text):
            clause = (_CLAUSE_START.split(sentence.text[:found.start()])[-1] + found.group(0)
                      + _CLAUSE_START.split(sentence.text[found.end():])[0])
            if _LONGER_SPAN.search(clause):  # a five-year average or total, not one year's figure
                continue
            before, after, upper = found.group("before"), found.group("after"), found.group("upper")
            text = sentence.text[found.start("before") if before else found.start("value"):found.end()]
            yield Figure(indicator.id, text, value(found.group("value")), found.group("unit"), before or after,
                         sentence.id, value(upper) if upper else None)
            break


@per_report
def _read(report: Report) -> tuple[tuple[str, Figure], ...]:
    """Every figure the rules let be read, as ("target" | "outturn", figure),
    in document order: outturns from the review's paragraphs about last year,
    main targets from the sentence that lists them, other targets from any
    sentence of a part that plans the year. Read once per report: its open
    data, the targets table and both of its comparisons ask."""
    return tuple(_reading(report))


def _reading(report: Report) -> Iterator[tuple[str, Figure]]:
    for section in report.sections:
        paragraphs = (*section.paragraphs, *(p for item in section.items for p in item.paragraphs))
        if is_review(section):
            for paragraph in paragraphs:
                if not _FIVE_YEARS.match(paragraph.text):
                    for sentence in paragraph.sentences:
                        yield from (("outturn", f) for f in _figures(sentence, "outturn", None))
        elif is_plan(section):
            for paragraph in paragraphs:
                for sentence in paragraph.sentences:
                    main = None if _MAIN.search(sentence.text) else False
                    yield from (("target", f) for f in _figures(sentence, "target", main))


def stated(report: Report) -> dict[str, frozenset[tuple[str, str]]]:
    """Sentence id → the (role, indicator id) pairs it states: ``("target",
    "deficit_ratio")`` for 今年赤字率拟按4%左右安排 in a part that plans the
    year, ``("outturn", "cpi")`` for 居民消费价格上涨0.2% in the review. Two
    sentences that state one indicator in one role are one clause, whatever
    its figure became (:mod:`generator.comparison.sentence_matching`)."""
    found: dict[str, set[tuple[str, str]]] = {}
    for role, figure in _read(report):
        found.setdefault(figure.anchor, set()).add((role, figure.indicator))
    return {anchor: frozenset(pairs) for anchor, pairs in found.items()}


def indicators(report: Report) -> Indicators:
    """The targets and outturns ``report`` states (see the module's rules)."""
    found: dict[str, dict[str, Figure]] = {"target": {}, "outturn": {}}
    for role, figure in _read(report):
        found[role].setdefault(figure.indicator, figure)
    order = {indicator.id: k for k, indicator in enumerate(INDICATORS)}
    return Indicators(report.year,
                      tuple(sorted(found["target"].values(), key=lambda f: order[f.indicator])),
                      tuple(sorted(found["outturn"].values(), key=lambda f: order[f.indicator])),
                      any(is_review(s) for s in report.sections), any(is_plan(s) for s in report.sections))


def indicator(id: str) -> Indicator:
    return _BY_ID[id]


@dataclasses.dataclass(frozen=True)
class Row:
    """One indicator for one year, across reports: the target the year's report
    set, what the next report says came of it, and the next year's target."""

    indicator: Indicator
    year: int
    target: Figure | None
    outturn: Figure | None  # stated in the report of year + 1
    next_target: Figure | None  # set in the report of year + 1


def across(found: dict[int, Indicators]) -> list[Row]:
    """The table across reports, by indicator then year: a row wherever a
    report of the edition states one of its three figures. An outturn of year
    N is read from the report of N + 1, which reviews N."""
    targets = {(year, f.indicator): f for year, ind in found.items() for f in ind.targets}
    outturns = {(year - 1, f.indicator): f for year, ind in found.items() for f in ind.outturns}
    years = sorted({*found, *(year - 1 for year in found if found[year].outturns)})
    rows = []
    for indicator in INDICATORS:
        for year in years:
            row = Row(indicator, year, targets.get((year, indicator.id)), outturns.get((year, indicator.id)),
                      targets.get((year + 1, indicator.id)))
            if row.target or row.outturn or row.next_target:
                rows.append(row)
    return rows


def across_json(found: dict[int, Indicators]) -> dict:
    """``api/indicators.json``: what each report holds, and :func:`across` as rows."""
    def figure(f: Figure | None, year: int) -> dict | None:
        return None if f is None else {**f.json(), "report": year}

    return {
        "reports": [{"year": year, "has_review": ind.has_review, "has_plan": ind.has_plan,
                     "has_main_targets": ind.has_main_targets}
                    for year, ind in sorted(found.items())],
        "rows": [{"indicator": row.indicator.id, "label_zh": row.indicator.zh, "label_en": row.indicator.en,
                  "year": row.year, "target": figure(row.target, row.year),
                  "outturn": figure(row.outturn, row.year + 1), "next_target": figure(row.next_target, row.year + 1)}
                 for row in across(found)],
    }
