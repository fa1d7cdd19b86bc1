"""The compare page in headless Chromium: rows that link both reports, marks a reader can tell apart."""

from __future__ import annotations

import pytest

from tests.browser import browser, in_view, wait  # noqa: F401

pytestmark = pytest.mark.browser

ROW = "sec_3__item_9__para_2__sent_8--sec_3__item_2__para_2__sent_7"  # 、专门教育，支持和 dropped


def test_a_row_anchor_opens_on_its_row_with_both_clauses_marked(browser):
    browser.get(f"{browser.base}/compare/2022-2024/#{ROW}")
    wait(browser, lambda: in_view(browser, ROW))
    row = browser.find_element("id", ROW)
    deleted = row.find_element("css selector", ".gwr-cmp-a del")
    shown = browser.execute_script(
        "const c = arguments[0].cloneNode(true); c.querySelectorAll('.gwr-sr').forEach(e => e.remove());"
        "return c.textContent", deleted)
    assert shown == "、专门教育，支持和"
    # Told apart by line, not colour alone; a label for screen readers, not shown.
    assert "line-through" in deleted.value_of_css_property("text-decoration-line")
    label = deleted.find_element("css selector", ".gwr-sr")
    assert label.get_attribute("textContent").startswith("[删去") and label.size["width"] <= 1
    assert browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", row) != "rgba(0, 0, 0, 0)"
    inserted = browser.find_element("css selector", ".gwr-cmp-b ins")
    assert "underline" in inserted.value_of_css_property("text-decoration-line")


def test_following_a_clause_link_lands_on_the_later_report(browser):
    browser.get(f"{browser.base}/compare/2022-2024/")
    head = browser.find_element("id", "h-sec_3__item_9__para_1--sec_3__item_10__para_1")
    assert head.text.startswith("2022: 三（九）第1段")
    link = head.find_element("css selector", 'a[href$="2024/#sec_3__item_10__para_1"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    wait(browser, lambda: browser.execute_script("return location.pathname + location.hash")
         == "/2024/#sec_3__item_10__para_1")
    wait(browser, lambda: in_view(browser, "sec_3__item_10__para_1"))


def test_each_row_gives_both_sentences_english_and_the_chinese_only_view_hides_it(browser):
    browser.get(f"{browser.base}/compare/2022-2024/")
    row = browser.find_element("id", ROW)  # an edited pair: each side its own sentence's English
    english = row.find_elements("css selector", ".gwr-cmp-row-en")
    assert [e.get_attribute("lang") for e in english] == ["en", "en"] and all(e.is_displayed() for e in english)
    assert english[1].text == browser.execute_script(
        "return arguments[0]", _api_english(browser, 2024, "sec_3__item_2__para_2__sent_7"))
    browser.find_element("css selector", 'label[for="gwr-cmp-view-zh"]').click()
    wait(browser, lambda: not english[0].is_displayed())
    # Remembered as the report pages' view, and applied on the next visit.
    assert browser.execute_script("return localStorage.getItem('gwr-view')") == "zh"
    browser.get(f"{browser.base}/2024/")
    assert browser.execute_script("return document.querySelector('.gwr-report').dataset.view") == "zh"
    browser.get(f"{browser.base}/compare/2022-2024/")
    english = browser.find_element("id", ROW).find_elements("css selector", ".gwr-cmp-row-en")
    assert not english[0].is_displayed()
    browser.find_element("css selector", 'label[for="gwr-cmp-view-both"]').click()
    wait(browser, lambda: english[0].is_displayed())
    assert browser.execute_script("return localStorage.getItem('gwr-view')") == "both"


def _api_english(browser, year: int, anchor: str) -> str:
    """A sentence's English as the open data gives it."""
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.json()).then(d => done(d.blocks.flatMap(b => b.sentences || [])"
        ".find(s => s.id === arguments[1]).text_en));", f"{browser.base}/api/{year}.json", anchor)


def test_a_report_paragraph_leads_to_its_counterpart_and_to_the_compare_row(browser):
    browser.execute_script("try { localStorage.clear() } catch (e) {}")
    browser.get(f"{browser.base}/2024/#sec_3__item_10__para_3")
    line = browser.find_element("css selector", "#sec_3__item_10__para_3 .gwr-lineage")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", line)
    assert _seen(browser, line).startswith("2022：三（九）第3段") and "Part III" not in _seen(browser, line)
    compare = line.find_element("css selector", ".gwr-lineage-cmp")
    row = compare.get_attribute("href").split("#")[1]
    compare.click()
    wait(browser, lambda: browser.execute_script("return location.pathname") == "/compare/2022-2024/")
    wait(browser, lambda: in_view(browser, row))
    browser.back()
    wait(browser, lambda: browser.execute_script("return location.pathname") == "/2024/")
    # In the English view the pinpoint is in English.
    browser.find_element("css selector", '.gwr-views button[data-view="en"]').click()
    line = browser.find_element("css selector", "#sec_3__item_10__para_3 .gwr-lineage")
    wait(browser, lambda: _seen(browser, line).startswith("2022: Part III, task 9, para. 3"))
    line.find_element("css selector", "a").click()
    wait(browser, lambda: browser.execute_script("return location.pathname + location.hash")
         == "/2022/#sec_3__item_9__para_3")
    wait(browser, lambda: in_view(browser, "sec_3__item_9__para_3"))
    browser.execute_script("try { localStorage.clear() } catch (e) {}")


def _seen(browser, element) -> str:
    """The text a sighted reader sees: what is shown, without the screen-reader labels."""
    return browser.execute_script(
        "const sr = [...arguments[0].querySelectorAll('.gwr-sr')]; sr.forEach(e => e.style.display = 'none');"
        "const text = arguments[0].innerText; sr.forEach(e => e.style.display = ''); return text.trim()", element)


# --- the analyst's page: summary, changes only, next change, a phone (issue 23) -----------------


def test_the_summary_names_the_renumbered_task_and_what_the_counts_leave_out(browser):
    browser.get(f"{browser.base}/compare/2022-2024/")
    summary = browser.find_element("css selector", ".gwr-cmp-summary")
    moves = summary.find_element("css selector", ".gwr-cmp-moves").text
    assert "2022年三（九） → 2024年三（十）：32 句相互对应，是前者的主要去向" in moves
    assert "2022 Part III, task 9 → 2024 Part III, task 2: 5 sentences pair" in moves
    intro = browser.find_element("css selector", ".gwr-compare > p[lang=en]").text
    assert "within what this edition holds of both" in intro and "beyond what this edition holds of 2022 (part III" in intro
    # A paragraph wholly beyond 2022's excerpt is folded, its rows marked so, never as new.
    folded = browser.find_element("css selector", "details.gwr-cmp-beyond-group")
    assert not folded.get_attribute("open") and "not compared" in folded.text
    assert not folded.find_elements("css selector", "ins")  # beyond the excerpt: nothing is marked inserted
    assert browser.find_elements("css selector", "tr.gwr-cmp-beyond") and not browser.find_elements(
        "css selector", "details.gwr-cmp-beyond-group tr.gwr-cmp-new")
    terms = summary.find_element("css selector", "ul.gwr-cmp-terms").text
    assert "in 2024, not in 2022:" in terms and "高效办成一件事" in terms


def test_changes_only_and_next_change_walk_the_edits(browser):
    browser.get(f"{browser.base}/compare/2022-2024/")
    same = browser.find_element("css selector", "tr.gwr-cmp-same")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", same)
    assert same.is_displayed()
    browser.find_element("css selector", 'label[for="gwr-cmp-changes"]').click()
    wait(browser, lambda: not same.is_displayed())
    assert not browser.find_element("css selector", "details.gwr-cmp-beyond-group").is_displayed()
    browser.execute_script("window.scrollTo(0, 0)")
    step = browser.find_element("css selector", '.gwr-cmp-step[data-step="1"]')
    seen = []
    for _ in range(3):
        step.click()
        wait(browser, lambda: browser.execute_script("return location.hash").strip("#") not in seen)
        row = browser.execute_script("return location.hash").strip("#")
        seen.append(row)
        classes = browser.find_element("id", row).get_attribute("class")
        assert "gwr-cmp-current" in classes and "gwr-cmp-same" not in classes, classes
        status = browser.find_element("css selector", ".gwr-cmp-status").text
        assert status.startswith(f"第 {len(seen)} 处，共 ") and f"change {len(seen)} of " in status
        # Below the sticky tools, not under them (once any smooth scroll has ended).
        wait(browser, lambda row=row: browser.execute_script(
            "const r = document.getElementById(arguments[0]).getBoundingClientRect().top;"
            "const t = document.querySelector('.gwr-cmp-tools').getBoundingClientRect().bottom;"
            "return r >= t - 1 && r < t + 40", row))
    order = browser.execute_script("return [...document.querySelectorAll('tr.gwr-cmp-row')].map(r => r.id)")
    assert [order.index(r) for r in seen] == sorted(order.index(r) for r in seen)
    assert browser.find_element("css selector", '.gwr-cmp-step[data-step="-1"]').is_enabled()
    browser.find_element("css selector", '.gwr-cmp-step[data-step="-1"]').click()
    wait(browser, lambda: browser.execute_script("return location.hash").strip("#") == seen[1])
    browser.find_element("css selector", 'label[for="gwr-cmp-changes"]').click()
    wait(browser, lambda: same.is_displayed())


def test_a_row_cited_inside_a_folded_group_opens_it(browser):
    browser.get(f"{browser.base}/compare/2022-2024/")
    row = browser.execute_script("return document.querySelector('details.gwr-cmp-beyond-group tr.gwr-cmp-row').id")
    browser.get(f"{browser.base}/compare/2022-2024/#{row}")
    wait(browser, lambda: in_view(browser, row))
    assert browser.execute_script("return document.getElementById(arguments[0]).closest('details').open", row)


def test_the_compare_page_reads_on_a_phone(browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True})
    try:
        for path in ("/compare/", "/compare/2022-2024/"):
            browser.get(f"{browser.base}{path}")
            assert browser.execute_script("return document.documentElement.scrollWidth") <= 390, path
        # The summary's lists of terms folded (they made it four screens long), their heading shown.
        fold = browser.find_element("css selector", ".gwr-cmp-terms-fold")
        assert not fold.get_attribute("open") and browser.find_element("id", "gwr-cmp-terms").is_displayed()
        # Each row's sentences one above the other, each saying its year.
        cell = browser.find_element("css selector", f"#{ROW} .gwr-cmp-b")
        assert browser.execute_script("return getComputedStyle(arguments[0]).display", cell) == "block"
        assert browser.execute_script("return getComputedStyle(arguments[0], '::before').content", cell) == '"2024："'
        # Scrolling back up shows Material's back-to-top button: below the tools, never over their buttons.
        browser.execute_script("window.scrollTo(0, 9000)")
        wait(browser, lambda: browser.execute_script("return window.scrollY") >= 8999)
        # Upward, a little at each look, until Material has seen the reader scroll up (under load it
        # may take in two quick scrolls as one move down).
        wait(browser, lambda: browser.execute_script(
            "window.scrollBy(0, -40); return !document.querySelector('.md-top').hidden"), timeout=10)
        top, tools = browser.execute_script(
            "return [document.querySelector('.md-top').getBoundingClientRect().top,"
            " document.querySelector('.gwr-cmp-tools').getBoundingClientRect().bottom]")
        assert top >= tools, (top, tools)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_merged_sentence_names_the_sentence_it_went_into(browser):
    row = "sec_3__item_9__para_2__sent_7--removed"
    # The page open already: a link followed on it (a hash change, no new load) is where the steps
    # start from too (the first step once went to the row the reader was at, and stayed there).
    browser.get(f"{browser.base}/compare/2022-2024/")
    browser.get(f"{browser.base}/compare/2022-2024/#{row}")
    wait(browser, lambda: in_view(browser, row))
    found = browser.find_element("id", row)
    assert "并入 · merged" in found.find_element("css selector", ".gwr-cmp-change").text
    assert not found.find_elements("css selector", "del")  # not struck out: its words live on
    # Its row is under the tools, whole, and it names the row of the sentence it went into.
    wait(browser, lambda: browser.execute_script(
        "return document.getElementById(arguments[0]).getBoundingClientRect().top >="
        " document.querySelector('.gwr-cmp-tools').getBoundingClientRect().bottom - 1", row))
    see = found.find_element("css selector", ".gwr-cmp-b .gwr-cmp-second a")
    into = see.get_attribute("href").split("#")[1]
    assert into.endswith("--sec_3__item_2__para_2__sent_5") and browser.find_elements("id", into)
    # The steps start from the row the reader arrived at.
    browser.find_element("css selector", '.gwr-cmp-step[data-step="1"]').click()
    wait(browser, lambda: browser.execute_script("return location.hash").strip("#") != row)
