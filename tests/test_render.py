"""Rendering: a made-up report beside its pages (goldens), links, escaping, aliases.

The goldens' input is the small project in ``tests/fixtures/render/project/``
(a raw text, its metadata and English, two glossary entries, a lock with one
retired anchor); the outputs sit next to it in ``tests/fixtures/render/``.
"""

from __future__ import annotations

import json
import re
import types
import urllib.parse

from generator.build.mkdocs_files import page_urls, repository
from generator.diagnostics import Diagnostics
from generator.links import Links, Repository
from generator.project.project import Project
from generator.sources import anchor_lock
from generator.writers import markup, opendata, rows
from generator.writers.site import english_glossary, glossary_pages, report_page, sentence_markup
from generator.writers.site import pages as site_pages
from generator.writers.templating import script_text
from tests.conftest import FIXTURES, ROOT, default_links
from tests.golden import assert_golden, pretty_html

GOLDEN = FIXTURES / "render"
TINY = GOLDEN / "project"
LINKS = Links(page_urls(use_directory_urls=True))
REPO = Repository("https://github.com/owner/name", "main")


def _loaded(root=ROOT):
    loaded = Project(root).load()
    return loaded, {r.report.year: r for r in loaded.reports}


def _outline(tokens, depth=0) -> str:
    """TOC tokens as an indented outline: level, anchor, name."""
    return "".join(f"{'  ' * depth}h{t['level']} #{t['id']} {t['name']}\n" + _outline(t["children"], depth + 1)
                   for t in tokens)


def test_golden_report_page():
    loaded, by_year = _loaded(TINY)
    assert not loaded.diagnostics.warnings and not loaded.diagnostics.errors
    page = report_page.render_report(by_year[2099], loaded, "hans", LINKS)
    assert_golden(GOLDEN / "2099.html", pretty_html(page.html))
    assert_golden(GOLDEN / "2099.toc.txt", _outline(page.toc))
    hant = report_page.render_report(by_year[2099], loaded, "hant", LINKS)
    assert_golden(GOLDEN / "2099.hant.html", pretty_html(hant.html))


def test_golden_english_report_page():
    """The English edition's page of a report: the English alone, every anchor of the Chinese page."""
    from generator.writers.site import english_page, sentence_markup

    loaded, by_year = _loaded(TINY)
    inputs = loaded.inputs(by_year[2099])
    made = english_page.render_english_report(inputs, LINKS, None, report_page.alternates(LINKS, 2099),
                                              report_page.english_sources(LINKS, inputs.translation))
    page = sentence_markup.fill_tooltips(made, loaded, "hans")
    assert_golden(GOLDEN / "2099.en.html", pretty_html(page.html))
    assert_golden(GOLDEN / "2099.en.toc.txt", _outline(page.toc))
    chinese = report_page.render_report(by_year[2099], loaded, "hans", LINKS)
    ids = set(re.findall(r'id="([^"]+)"', page.html))
    assert set(re.findall(r'id="((?:sec|intro|closing)[^"]*)"', chinese.html)) <= ids
    assert page.meta["gwr_lang"] == "en" and [a["hreflang"] for a in page.meta["alternates"]] == [
        "zh-Hans", "zh-Hant", "en"]
    # A reference manager saves the report in this edition's translation: a
    # report, the State Council its author and institution, the edition its translator.
    tags = dict(page.meta["citation"])
    assert tags["citation_title"] == "Report on the Work of the Government, 2099" and tags["citation_language"] == "en"
    assert tags["citation_technical_report_institution"] == "State Council of the People’s Republic of China"
    assert tags["z.translators"].startswith("Annotated Bilingual Edition")
    # No Chinese but the tooltips' terms and the links to the Chinese pages, which say their language.
    # (The cite tool's data holds the Chinese citation formats: it is not shown.)
    shown = re.sub(r'<script type="application/json" id="gwr-cite-data">.*?</script>', "", page.html, flags=re.S)
    english_only = re.sub(r'<a [^>]*lang="zh-Han[st]"[^>]*>[^<]*</a>', "", re.sub(r'title="[^"]*"', "", shown))
    assert "\x00" not in page.html and not re.search(r"[\u4e00-\u9fff]", english_only)


def test_golden_term_page():
    loaded, _ = _loaded(TINY)
    pages = {p.src_uri: p for p in glossary_pages.render_glossary(loaded, LINKS)}
    assert_golden(GOLDEN / "xin-zhi-sheng-chan-li.html", pretty_html(pages["glossary/xin-zhi-sheng-chan-li.md"].html))


def test_golden_english_term_page():
    """The term's page in the English edition: the English first, each
    occurrence linked to the English report at its sentence."""
    loaded, _ = _loaded(TINY)
    item = loaded.glossary.by_slug["xin-zhi-sheng-chan-li"]
    found = [o for o in loaded.occurrences if o.slug == item.entry.slug]
    page = english_glossary.render_english_term(loaded, item, found, LINKS)
    assert_golden(GOLDEN / "xin-zhi-sheng-chan-li.en.html", pretty_html(page.html))
    assert page.meta["gwr_lang"] == "en"
    assert [a["href"] for a in page.meta["alternates"]] == [
        "glossary/xin-zhi-sheng-chan-li/", "zh-hant/glossary/xin-zhi-sheng-chan-li/", "en/glossary/xin-zhi-sheng-chan-li/"]
    concordance = page.html.split('class="gwr-concordance"', 1)[1]
    assert re.findall(r'<li><a href="([^"]+)"', concordance)[0].startswith("../../2099/#sec_")


def test_golden_api_json():
    loaded, by_year = _loaded(TINY)
    data = opendata.report_json(by_year[2099].report, "2099年政府工作报告", loaded.converter.convert,
                                loaded.translations[2099])
    assert_golden(GOLDEN / "2099.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def test_links_follow_the_engine_urls():
    loaded, by_year = _loaded(TINY)
    flat = Links(page_urls(use_directory_urls=False))
    page = report_page.render_report(by_year[2099], loaded, "hant", flat)
    assert 'href="glossary/xin-zhi-sheng-chan-li.html"' in page.html  # the term page in the same script
    assert 'href="../2099.html"' in page.html and 'href="2099.html"' in page.html  # the 简 / 繁 switch
    assert [a["href"] for a in page.meta["alternates"]] == ["2099.html", "zh-hant/2099.html", "en/2099.html"]
    site = site_pages.render_site(loaded, flat)
    assert site.links == {"glossary/index.md", "editions.md", "anchors.md", "2099.md", "zh-hant/2099.md",
                          "glossary/xin-zhi-sheng-chan-li.md", "glossary/gao-zhi-liang-fa-zhan.md",
                          "zh-hant/glossary/index.md", "zh-hant/glossary/xin-zhi-sheng-chan-li.md",
                          "zh-hant/glossary/gao-zhi-liang-fa-zhan.md", "en/index.md", "en/2099.md",
                          "en/glossary/index.md", "en/glossary/xin-zhi-sheng-chan-li.md",
                          "en/glossary/gao-zhi-liang-fa-zhan.md"}


def _hrefs(html: str, cls: str) -> dict[str, str]:
    """Row anchor → href of the link with class ``cls`` in that row."""
    found = {}
    for row in html.split('<div class="gwr-row')[1:]:
        anchor = row.split('id="', 1)[1].split('"', 1)[0]
        if f'class="{cls}' in row:
            found[anchor] = row.split(f'class="{cls}', 1)[1].split('href="', 1)[1].split('"', 1)[0]
    return found


def test_repository_links_point_at_the_file_and_line_to_fix():
    loaded, by_year = _loaded(TINY)
    links = Links(LINKS.url, REPO, "https://example.org/")
    html = report_page.render_report(by_year[2099], loaded, "hans", links).html
    english = _hrefs(html, "gwr-edit-en")
    lines = (TINY / "source_texts/2099.en.yml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  intro__para_2:") + 1
    assert english["intro__para_2"] == f"https://github.com/owner/name/blob/main/source_texts/2099.en.yml#L{line}"
    # A pending unit has no line yet: the link opens the file to add it.
    assert english["sec_2__item_1__para_2"] == "https://github.com/owner/name/edit/main/source_texts/2099.en.yml"
    problem = _hrefs(html, "gwr-problem")["sec_2__item_1__para_2"].replace("&amp;", "&")
    assert problem.startswith("https://github.com/owner/name/issues/new?title=")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(problem).query)
    assert query["title"] == ["2099年政府工作报告 #sec_2__item_1__para_2"]
    body = query["body"][0]
    for part in ("Report: 2099年政府工作报告", "Anchor: `#sec_2__item_1__para_2`",
                 "Page: https://example.org/2099/#sec_2__item_1__para_2"):
        assert part in body
    # The block's words are added by gwr.js when the link is followed, not carried by every link.
    assert "加强基础研究" not in body
    assert 'target="_blank" rel="noopener"' in html.split('class="gwr-problem', 1)[1].split(">", 1)[0]
    term = {p.src_uri: p for p in glossary_pages.render_glossary(loaded, links)}["glossary/xin-zhi-sheng-chan-li.md"]
    assert 'href="https://github.com/owner/name/edit/main/glossary/xin-zhi-sheng-chan-li.yml"' in term.html


def test_without_a_repository_there_are_no_repository_links():
    loaded, by_year = _loaded(TINY)
    pages = [report_page.render_report(by_year[2099], loaded, "hans", LINKS), *glossary_pages.render_glossary(loaded, LINKS)]
    for page in pages:
        assert "github.com" not in page.html and "gwr-problem" not in page.html and "gwr-edit-" not in page.html


def test_repository_comes_from_repo_url_and_edit_uri(caplog):
    def config(repo_url, edit_uri, docs_dir="/work/site/docs"):
        return types.SimpleNamespace(repo_url=repo_url, edit_uri=edit_uri, docs_dir=docs_dir)

    assert repository(config("", "edit/main/docs/"), "/work/site") is None
    assert repository(config("https://github.com/o/n/", "edit/main/docs/"), "/work/site") == \
        Repository("https://github.com/o/n", "main", "")
    # The project in a folder of its repository: edit_uri says where docs/ is.
    assert repository(config("https://github.com/o/n", "blob/dev/web/docs/"), "/work/site") == \
        Repository("https://github.com/o/n", "dev", "web")
    assert repository(config("https://github.com/o/n", None), "/work/site") is None
    assert "names no branch" in caplog.text
    repo = Repository("https://github.com/o/n", "dev", "web")
    assert repo.line("source_texts/2024.en.yml", 12) == "https://github.com/o/n/blob/dev/web/source_texts/2024.en.yml#L12"


def test_restored_item_number_is_marked_editorial():
    loaded, by_year = _loaded()
    html = report_page.render_report(by_year[2022], loaded, "hans", default_links()).html
    assert 'class="gwr-restored"' in html and "（九）" in html
    assert 'id="sec_3__item_9"' in html


def test_leads_are_bold_and_every_sentence_has_its_id():
    loaded, by_year = _loaded()
    report = by_year[2024].report
    html = report_page.render_report(by_year[2024], loaded, "hans", default_links()).html
    lead = re.search(r'<strong class="gwr-s gwr-lead" id="sec_3__item_1__para_2__sent_1">(.*?)</strong>', html)
    assert lead and re.sub(r"<[^>]+>", "", lead.group(1)) == "推动产业链供应链优化升级。"  # its terms linked
    hant = report_page.render_report(by_year[2024], loaded, "hant", default_links()).html
    for anchor in report.anchors():
        assert f'id="{anchor}"' in hant
    for anchor in report.anchors():
        assert f'id="{anchor}"' in html


def test_a_page_with_its_tooltips_filled_later_is_the_page_made_at_once():
    """render_site keeps a report page across definition edits and redoes only
    its tooltips: each placeholder becomes its term's tooltip, a Chinese term's
    (t) or an English rendering's (e), as the books write them at once."""
    import re

    loaded, by_year = _loaded()
    for script in ("hans", "hant"):
        deferred = report_page.report_without_tooltips(loaded.inputs(by_year[2024]), script, default_links()).html
        kinds = set(re.findall("\x00([te]):", deferred))
        assert kinds == {"t", "e"} and 'title="\x00t:xin-zhi-sheng-chan-li\x00"' in deferred
        t = script_text(loaded, script)
        tooltip = {"t": rows.term_tooltip, "e": rows.english_tooltip}
        expected = re.sub("\x00([te]):([^\x00]+)\x00", lambda found: markup.text(
            tooltip[found.group(1)](loaded.glossary.by_slug[found.group(2)].entry, t)), deferred)
        page = report_page.report_without_tooltips(loaded.inputs(by_year[2024]), script, default_links())
        assert sentence_markup.fill_tooltips(page, loaded, script).html == expected


def test_retired_anchor_gets_an_alias_in_its_successor():
    loaded, by_year = _loaded()
    text = "2024 sec_3__old_para -> sec_3__para_1\n"
    loaded.lock = anchor_lock.parse_lock(text, "x", Diagnostics())
    html = report_page.render_report(by_year[2024], loaded, "hans", default_links()).html
    assert ('<div class="gwr-row" id="sec_3__para_1" data-line="3" data-pin="三第1段" data-pin-en="Part III, para. 1">'
            '<span class="gwr-alias" id="sec_3__old_para" data-successor="sec_3__para_1"></span>') in html


def test_text_is_escaped(tmp_path):
    loaded, by_year = _loaded()
    entry = by_year[2021]
    meta = entry.meta.meta.model_copy(update={"holds": "<script>alert(1)</script>"})
    entry.meta.meta = meta
    html = report_page.render_report(entry, loaded, "hans", default_links()).html
    # The page's one script is the template's (the reader's view, drawn at once).
    assert html.count("<script>") == html.count("<script>(function (s) {") == 1
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_english_blocks_of_hand_written_pages_are_marked_english():
    source = ('<p>中文段落 with a word.</p>\n<p>An English paragraph, <a href="x">linked</a>.</p>\n'
              '<ul>\n<li>English item</li>\n<li>中文</li>\n</ul>\n<p class="x">Has attributes.</p>\n<p>2024</p>')
    from generator.build.mkdocs_files import mark_english

    assert mark_english(source) == (
        '<p>中文段落 with a word.</p>\n<p lang="en">An English paragraph, <a href="x">linked</a>.</p>\n'
        '<ul>\n<li lang="en">English item</li>\n<li>中文</li>\n</ul>\n<p class="x">Has attributes.</p>\n<p>2024</p>')
