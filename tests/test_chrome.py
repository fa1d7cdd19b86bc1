"""The chrome of Traditional pages: converted run by run as the whole page would be, and kept for the next build."""

from __future__ import annotations

from generator.build.chrome import Chrome
from generator.text.script_conversion import Converter
from generator.writers.page import IN_SCRIPT

CONVERSION = ("s2tw", (("新征程", "新征程"), ("发放", "發放")))
PAGE = ('<html lang="zh"><head><title>2024年政府工作报告 - 政府工作报告</title></head>'
        '<body><nav aria-label="导航">发展新质生产力 · 新征程 · 确保按时足额发放</nav>'
        f'{IN_SCRIPT[0]}<p>发展（not converted here）</p>{IN_SCRIPT[1]}'
        '<footer>返回顶部 “搜索” 2024-03-05</footer></body></html>')


def test_a_page_converts_as_a_whole_and_keeps_its_own_text(tmp_path):
    chrome = Chrome(tmp_path, CONVERSION, "zh-Hant-TW")
    before, _, rest = PAGE.partition(IN_SCRIPT[0])
    inside, _, after = rest.partition(IN_SCRIPT[1])
    whole = Converter(*CONVERSION)
    expected = (whole.convert(before).replace('lang="zh"', 'lang="zh-Hant-TW"', 1)
                + inside + whole.convert(after))  # the markers have done their work
    assert chrome.page(PAGE) == expected
    assert "<p>发展（not converted here）</p>" in expected and "確保按時足額發放" in expected


def test_the_next_build_converts_from_the_cache_without_opencc(tmp_path):
    first = Chrome(tmp_path, CONVERSION, "zh-Hant-TW")
    made = first.page(PAGE)
    first.save()
    second = Chrome(tmp_path, CONVERSION, "zh-Hant-TW")
    assert second.page(PAGE) == made
    assert second.converter._cc is None and not second.added  # OpenCC never loaded
    # Other corrections are another conversion: the kept runs do not apply.
    other = Chrome(tmp_path, ("s2tw", ()), "zh-Hant-TW")
    assert other.runs == {} and "足額髮放" in other.page(PAGE)


def test_a_correction_with_latin_letters_applies_in_the_chrome_as_in_the_text(tmp_path):
    page = "<nav>建设5G网络 · <a href=\"x\">5G网络</a></nav>"
    for corrections in ((("5G网络", "5G網路"),), (("5G-网络", "5G-網路"), ("5G网络", "5G網路"))):
        chrome = Chrome(tmp_path, ("s2tw", corrections), "zh-Hant-TW")
        assert chrome.convert(page) == Converter("s2tw", corrections).convert(page)
        assert chrome.convert(page).count("5G網路") == 2
    assert not Chrome(tmp_path, ("s2tw", (("5G网络", "5G網路"),)), "x").whole
    assert Chrome(tmp_path, ("s2tw", (("5G-网络", "5G-網路"),)), "x").whole  # other ASCII: converted whole


def test_the_chrome_converts_line_by_line_as_it_does_whole(tmp_path):
    """A run holds no line break, so converting the lines one by one, the second
    page from the lines kept from the first, is converting the runs of the whole page."""
    from generator.build.chrome import _RUN

    page = (PAGE.replace(" · ", "\n · ").replace("<footer>", "\n<footer>\n")
            + "\n发展\n\n5G网络\nplain ascii\n发展 5G\n")
    by_lines, by_runs = Chrome(tmp_path, CONVERSION, "zh-Hant-TW"), Chrome(tmp_path, CONVERSION, "zh-Hant-TW")
    expected = _RUN.sub(by_runs._run, page)
    assert by_lines.convert(page) == expected and "確保按時足額發放" in expected
    assert by_lines.convert(page) == expected  # from the kept lines
    assert by_lines.used == by_runs.used and by_lines.lines
