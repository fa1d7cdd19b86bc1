"""A term's count in each report: the numbers, the chart's geometry, and the term page that shows them."""

from __future__ import annotations

import html
import re

from generator.project.project import Project
from generator.writers.site import glossary_pages
from generator.writers.site import pages as site_pages
from tests.conftest import ROOT, default_links


def test_counts_give_every_year_of_the_edition_with_its_rate():
    rows = glossary_pages.counts({2024: 20_000, 2021: 500, 2022: 10_000}, [2024, 2022, 2024, 2024])
    assert [(r.year, r.count) for r in rows] == [(2021, 0), (2022, 1), (2024, 3)]
    assert [r.per_10k for r in rows] == [0.0, 1.0, 1.5]
    assert glossary_pages.YearCount(2030, 0, 0).per_10k == 0.0  # a report with no text held divides by nothing


def test_the_chart_scales_bars_to_the_largest_count_and_keeps_an_empty_year_in_place():
    chart = glossary_pages.chart(glossary_pages.counts({2021: 1, 2022: 1, 2024: 1}, [2022, 2024, 2024, 2024, 2024]))
    heights = [b.height for b in chart.bars]
    assert heights == [0, glossary_pages.PLOT / 4, glossary_pages.PLOT]
    assert all(b.y + b.height == chart.baseline for b in chart.bars)
    xs = [b.x for b in chart.bars]
    assert xs == sorted(xs) and chart.width >= xs[-1] + glossary_pages.BAR


def test_characters_leave_out_whitespace():
    loaded = Project(ROOT).load()
    report = next(r.report for r in loaded.reports if r.report.year == 2021)
    text = "".join(s.text for p in report.paragraphs() for s in p.sentences)
    assert glossary_pages.characters(report) == len(re.sub(r"\s", "", text)) > 0


def test_a_term_page_shows_the_chart_beside_a_table_whose_years_link_to_their_occurrences():
    loaded = Project(ROOT).load()
    site = site_pages.render_site(loaded, default_links())
    page = next(p for p in site.pages if p.src_uri == "glossary/ge-wei-dai-biao.md").html
    figure = re.search(r'<figure class="gwr-trend">(.*?)</figure>', page, re.S).group(1)
    # The picture is hidden from screen readers, and its links from the keyboard: the table is the same.
    assert '<svg class="gwr-trend-chart" aria-hidden="true"' in figure
    assert all('tabindex="-1"' in a for a in re.findall(r"<a [^>]*>", figure.split("</svg>")[0]))
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(\d+)</td><td>([\d.]+)</td><td>(\d+)</td></tr>', figure)
    counts = {int(re.sub(r"<[^>]+>", "", year)): int(count) for year, count, _, _ in rows}
    found = [o for o in loaded.occurrences if o.slug == "ge-wei-dai-biao"]
    assert counts == {year: sum(1 for o in found if o.year == year) for year in (2021, 2022, 2024)}
    for year, count in counts.items():
        if count:
            assert f'<a href="#y{year}">{year}</a>' in figure and f'<h3 id="y{year}">' in page
    # A term found nowhere has no chart.
    empty = [e.entry.slug for e in loaded.glossary.entries if not any(o.slug == e.entry.slug for o in loaded.occurrences)]
    if empty:
        page = next(p for p in site.pages if p.src_uri == f"glossary/{empty[0]}.md").html
        assert "gwr-trend" not in page


def test_a_term_not_found_in_an_excerpt_is_not_counted_as_absent():
    rows = glossary_pages.counts({2021: 500, 2022: 10_000, 2024: 20_000}, [2024, 2024], excerpts=[2021, 2024])
    assert [(r.year, r.count, r.unknown) for r in rows] == [(2021, 0, True), (2022, 0, False), (2024, 2, False)]
    loaded = Project(ROOT).load()  # every report of the seed edition is an excerpt
    site = site_pages.render_site(loaded, default_links())
    page = next(p for p in site.pages if p.src_uri == "glossary/xin-zhi-sheng-chan-li.md").html
    figure = re.search(r'<figure class="gwr-trend">(.*?)</figure>', page, re.S).group(1)
    table = figure.split("</svg>")[1]
    assert html.unescape(table).count("not in this edition's excerpt") == 2  # 2021 and 2022: not a 0
    assert not re.search(r"<td>0</td>", table)
    assert figure.split("</svg>")[0].count(">—</text>") == 2
