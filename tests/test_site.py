"""Integration: `mkdocs build --strict` on the project, and what it produces."""

from __future__ import annotations

import html.parser
import json
import re
import urllib.parse

from generator.sources.normalize import is_wide
from tests.conftest import ROOT
from tests.sitebuild import REPO_URL, SITE_URL, build_site


class _Text(html.parser.HTMLParser):
    """Collects ids with their text, and the text inside report sentences."""

    def __init__(self):
        super().__init__()
        self.ids: dict[str, str] = {}
        self._open: list[tuple[str, str, list[str]]] = []  # (tag, id, text parts)
        self.sentences: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src",) if tag in ("script", "img", "iframe", "audio", "video", "source") else ():
            if attrs.get(name):
                self.resources.append(attrs[name])
        if tag == "link" and attrs.get("href"):
            self.resources.append(attrs["href"])
        if tag in ("br", "img", "link", "meta", "input", "hr"):
            return
        self._open.append((tag, attrs.get("id", ""), []))

    def handle_endtag(self, tag):
        while self._open:
            open_tag, anchor, parts = self._open.pop()
            text = "".join(parts)
            if anchor:
                self.ids[anchor] = text
                if "__sent_" in anchor:
                    self.sentences.append(text)
            if self._open:
                self._open[-1][2].append(text)
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)


def _page(site, path):
    parser = _Text()
    parser.feed((site / path).read_text(encoding="utf-8"))
    return parser


class _Refs(html.parser.HTMLParser):
    """Every id of a page, and every address it refers to (href, src)."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ("href", "src") and value:
                self.refs.append(value)


def _broken_links(site, site_url: str = "") -> list[str]:
    """Internal addresses that name no file of the site, or an id their page lacks."""
    pages = {}
    for file in site.rglob("*.html"):
        pages[file.relative_to(site).as_posix()] = parser = _Refs()
        parser.feed(file.read_text(encoding="utf-8"))
    broken = []
    for path, page in pages.items():
        for ref in page.refs:
            if site_url and ref.startswith(site_url):
                ref = "/" + ref[len(site_url):]  # absolute, into this site
            url = urllib.parse.urlsplit(urllib.parse.urljoin(f"http://site.invalid/{path}", ref))
            if url.netloc != "site.invalid":
                continue  # another host, mailto:, javascript:
            target = urllib.parse.unquote(url.path).lstrip("/")
            if not target or target.endswith("/"):
                target += "index.html"
            fragment = urllib.parse.unquote(url.fragment)
            if not (site / target).is_file():
                broken.append(f"{path}: {ref} (no file {target})")
            elif fragment and target in pages and fragment not in pages[target].ids:
                broken.append(f"{path}: {ref} (no id {fragment} in {target})")
    return broken


def test_strict_build_has_no_warnings(site):
    said = (site.parent / "stderr.txt").read_text(encoding="utf-8")
    assert "WARNING" not in said, said
    assert "not included" not in said, said  # pages off the nav are so by design


def test_every_internal_link_resolves(site):
    assert not _broken_links(site)
    assert 'href="../../2024/#closing__para_2__sent_2"' in (site / "glossary/liang-ge-que-li/index.html").read_text(
        encoding="utf-8")


def test_every_internal_link_resolves_without_directory_urls(flat_site):
    site, said = flat_site
    assert "WARNING" not in said and "not included" not in said, said
    assert not _broken_links(site, SITE_URL)
    term = (site / "glossary/liang-ge-que-li.html").read_text(encoding="utf-8")
    assert 'href="../2024.html#closing__para_2__sent_2"' in term
    report = (site / "zh-hant/2024.html").read_text(encoding="utf-8")
    assert 'class="gwr-term" href="glossary/xin-zhi-sheng-chan-li.html"' in report  # Traditional term page
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'hreflang="zh-Hans" href="{SITE_URL}2024.html"' in sitemap
    assert f'hreflang="zh-Hant" href="{SITE_URL}zh-hant/2024.html"' in sitemap


def test_repository_links_point_at_the_line_to_fix(flat_site):
    site, _ = flat_site
    term = (site / "glossary/liang-ge-que-li.html").read_text(encoding="utf-8")
    assert f'class="gwr-edit-entry" href="{REPO_URL}/edit/main/glossary/liang-ge-que-li.yml"' in term
    page = (site / "2024.html").read_text(encoding="utf-8")
    row = page.split('id="sec_3__item_1__para_2"', 1)[1].split('<div class="gwr-row', 1)[0]
    english = re.search(r'class="gwr-edit-en[^"]*" href="([^"]+)"', row).group(1)
    line = (ROOT / "source_texts/2024.en.yml").read_text(encoding="utf-8").splitlines().index(
        "  sec_3__item_1__para_2__sent_1:") + 1
    assert english == f"{REPO_URL}/blob/main/source_texts/2024.en.yml#L{line}"
    problem = re.search(r'class="gwr-problem[^"]*" href="([^"]+)"', row).group(1).replace("&amp;", "&")
    body = urllib.parse.parse_qs(urllib.parse.urlsplit(problem).query)["body"][0]
    assert f"{SITE_URL}2024.html#sec_3__item_1__para_2" in body
    assert "推动产业链供应链优化升级" not in body  # gwr.js adds the words on click (test_browser)
    # Material's repository link stays, without its request to api.github.com.
    assert f'href="{REPO_URL}"' in page and 'data-md-component="source"' not in page


def test_without_repo_url_there_are_no_repository_links(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for mark in ("gwr-problem", "gwr-edit-en", "gwr-edit-entry", "md-source", "/issues/new", "/edit/main/"):
            assert mark not in text, f"{page}: {mark}"


def test_term_pages_and_traditional_editions_are_off_the_nav(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary/" class="md-nav__link"' in home
    assert "zh-hant/" not in home.split('class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    for path in ("glossary/liang-ge-que-li/index.html", "zh-hant/2024/index.html"):
        assert "md-footer__link" not in (site / path).read_text(encoding="utf-8"), path
    footer = (site / "2021/index.html").read_text(encoding="utf-8")
    assert 'href="../2022/" class="md-footer__link md-footer__link--prev"' in footer
    assert 'href="../glossary/" class="md-footer__link md-footer__link--next"' in footer


def test_report_pages_hold_their_anchors(site):
    p2024 = _page(site, "2024/index.html")
    assert p2024.ids["sec_3"].startswith("三、2024年政府工作任务")
    titles = {m: p2024.ids[f"sec_3__item_{m}"] for m in range(1, 11)}
    assert titles[1].startswith("（一）大力推进现代化产业体系建设，加快发展新质生产力。")
    assert titles[10].startswith("（十）切实保障和改善民生，加强和创新社会治理。")
    p2022 = _page(site, "2022/index.html")
    assert "切实保障和改善民生，加强和创新社会治理" in p2022.ids["sec_3__item_9"]
    p2021 = _page(site, "2021/index.html")
    assert p2021.ids["intro__para_1__sent_1"] == "各位代表："
    assert p2021.ids["intro__para_2__sent_1"].startswith("现在，我代表国务院")
    assert "intro__para_1" in p2021.ids and "intro__para_2" in p2021.ids
    assert "加强和创新社会治理。坚持尽力而为" not in (site / "2024/index.html").read_text(encoding="utf-8")


def test_api_json_reproduces_the_raw_body(site):
    data = json.loads((site / "api/2024.json").read_text(encoding="utf-8"))
    assert data["year"] == 2024 and data["title"]
    paragraphs = [b for b in data["blocks"] if b["kind"] == "paragraph"]
    assert len(paragraphs) == 54
    for p in paragraphs:
        assert "".join(s["text"] for s in p["sentences"]) == p["text"]
    raw = (ROOT / "source_texts/000_40cf7fe3becdb34f.txt").read_text(encoding="utf-8").split("\n")
    noise = {"（新华社北京3月12日电）", "政府工作报告"}
    body = "".join(c for line in raw if "".join(line.split()) not in noise for c in line if not c.isspace())
    text = "".join(b["text"] for b in data["blocks"] if b["kind"] in ("section", "paragraph"))
    assert "".join(text.split()) == body


def test_no_whitespace_between_cjk_in_rendered_text(site):
    for year in (2024, 2022, 2021):
        page = _page(site, f"{year}/index.html")
        assert page.sentences
        for sentence in page.sentences:
            for match in re.finditer(r"\s+", sentence):
                before, after = sentence[match.start() - 1: match.start()], sentence[match.end(): match.end() + 1]
                assert not (before and after and is_wide(before) and is_wide(after)), sentence


def test_no_request_leaves_the_origin(site):
    for page in site.rglob("*.html"):
        for resource in _page(site, page.relative_to(site)).resources:
            assert not re.match(r"^(https?:)?//", resource), f"{page}: {resource}"
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", text), css
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, css


def test_home_lists_every_report_with_what_it_holds(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    for year in (2024, 2022, 2021):
        assert f'href="{year}/"' in home
    assert "第三部分第（九）项" in home


def test_api_json_carries_traditional_and_english(site):
    for year in (2024, 2022, 2021):
        data = json.loads((site / f"api/{year}.json").read_text(encoding="utf-8"))
        paragraphs = [b for b in data["blocks"] if b["kind"] == "paragraph"]
        assert paragraphs
        for p in paragraphs:
            assert p["text_hant"] and len(p["text_hant"]) == len(p["text"])
            assert p["text_en"]
            assert all(s["text_hant"] for s in p["sentences"])
    data = json.loads((site / "api/2022.json").read_text(encoding="utf-8"))
    assert "按時足額發放" in "".join(b.get("text_hant") or "" for b in data["blocks"])


def test_every_sentence_has_its_own_english_in_the_open_data_and_its_anchor_on_the_english_page(site):
    """Issue 24: at least 95% of the Chinese sentences carry their own English (the seeds: all of them),
    and the English edition's page carries every sentence anchor of the Chinese page, on its English."""
    sentences = own = 0
    for year in (2024, 2022, 2021):
        data = json.loads((site / f"api/{year}.json").read_text(encoding="utf-8"))
        found = [s for b in data["blocks"] for s in b.get("sentences", [])]
        sentences += len(found)
        own += sum(bool(s.get("text_en")) and s["en_status"] == "ok" for s in found)
        english = (site / f"en/{year}/index.html").read_text(encoding="utf-8")
        for s in found:
            unit = re.search(rf'<span class="gwr-s gwr-s-en[^"]*" id="{s["id"]}" data-s="([^"]+)"', english)
            assert unit and s["id"] in unit.group(1).split(), s["id"]
    assert own / sentences >= 0.95 and own == sentences


def test_traditional_pages_have_identical_anchors(site):
    for year in (2024, 2022, 2021):
        hans, hant = _page(site, f"{year}/index.html"), _page(site, f"zh-hant/{year}/index.html")
        assert set(hans.ids) == set(hant.ids)
        head = (site / f"zh-hant/{year}/index.html").read_text(encoding="utf-8").split("</head>")[0]
        # Alternates live in sitemap.xml: a <link rel=alternate> makes Material fetch a sitemap that is not there.
        assert 'rel="alternate"' not in head


def test_glossary_pages(site):
    index = (site / "glossary/index.html").read_text(encoding="utf-8")
    assert index.count('class="gwr-count"') >= 60 * 3
    term = _page(site, "glossary/liang-ge-que-li/index.html")
    text = (site / "glossary/liang-ge-que-li/index.html").read_text(encoding="utf-8")
    assert "兩個確立" in text and "Two Establishments" in text
    assert term.ids["occurrences"].startswith("出处")


def test_malformed_glossary_entry_fails_the_build_with_path_line(project_copy, tmp_path):
    entry = project_copy / "glossary" / "shuang-jian.yml"
    entry.write_text(entry.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    line = len(entry.read_text(encoding="utf-8").splitlines())
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"glossary/shuang-jian.yml:{line}: error: unknown field 'colour'" in result.stderr


def test_deleting_a_paragraph_fails_the_build(project_copy, tmp_path):
    raw = project_copy / "source_texts" / "000_40cf7fe3becdb34f.txt"
    lines = raw.read_text(encoding="utf-8").split("\n")
    del lines[1320:1322]  # the last 各位代表！ of the closing
    raw.write_text("\n".join(lines), encoding="utf-8")
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "published anchor 2024 #closing__para_12 would be lost" in result.stderr


def test_markup_in_source_text_never_reaches_the_page_as_markup(project_copy, tmp_path):
    raw = project_copy / "source_texts" / "000_40cf7fe3becdb34f.txt"
    text = raw.read_text(encoding="utf-8")
    raw.write_text(text.replace("（一）大力推进现代化产业体系建", "（一）大力<i>推进</i>现代化产业体系建", 1), encoding="utf-8")
    # The edit changes the words of published anchors: record it as a correction, as an editor would.
    import datetime

    from generator.project.project import Project

    project = Project(project_copy)
    for anchor in ("sec_3__item_1", "sec_3__item_1__para_1", "sec_3__item_1__para_1__sent_1"):
        project.amend(2024, anchor, "test: markup in the source", datetime.date(2026, 12, 1))
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "2024" / "index.html").read_text(encoding="utf-8")
    assert "<i>推进" not in page  # neither in the text nor in the table of contents
    assert "&lt;i&gt;推进" in page
    assert not [p for p in (tmp_path / "site").rglob("*.html") if _unsafe_titles(p.read_text(encoding="utf-8"))]
    note = page.split('class="gwr-amended"', 1)[1].split("</p>", 1)[0]  # the dated note
    assert "corrected on 2026-12-01" in note and "test: markup in the source" in note


class _Titles(html.parser.HTMLParser):
    """Every title attribute's value, as the browser reads it."""

    def __init__(self):
        super().__init__()
        self.titles: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.titles += [value for name, value in attrs if name == "title" and value]


def _unsafe_titles(page: str) -> list[str]:
    """Titles that Material's tooltip (which reads a title's value as HTML)
    would turn into markup: a ``<``, or an ``&`` other than ``&lt;``,
    ``&gt;``, ``&amp;``, once the attribute is read."""
    parser = _Titles()
    parser.feed(page)
    return [t for t in parser.titles if "<" in t or "&" in re.sub(r"&(?:lt|gt|amp);", "", t)]


def test_no_title_on_any_page_becomes_markup_in_a_tooltip(site, flat_site):
    for folder in (site, flat_site[0]):
        unsafe = {str(p.relative_to(folder)): found for p in folder.rglob("*.html")
                  if (found := _unsafe_titles(p.read_text(encoding="utf-8")))}
        assert not unsafe, unsafe


def test_markup_in_metadata_is_refused(project_copy):
    from generator.project.project import Project

    meta = project_copy / "source_texts" / "2021.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("title: 2021年政府工作报告",
                                                             "title: 2021年<img src=x onerror=alert(1)>报告"),
                    encoding="utf-8")
    errors = Project(project_copy).check().errors
    assert any(e.path == "source_texts/2021.yml" and "HTML is not allowed" in e.message for e in errors)


def test_traditional_pages_are_traditional_throughout(site):
    page = (site / "zh-hant" / "2024" / "index.html").read_text(encoding="utf-8")
    assert page.lstrip().split("\n")[1].startswith('<html lang="zh-Hant"')
    assert "<title>2024年政府工作報告 - 政府工作報告 · 註釋雙語版</title>" in page
    for simplified in ("术语表", "关于本版", "注释双语版", "目录", "政府工作报告"):
        assert simplified not in page, simplified
    assert "術語表" in page and "關於本版" in page
    # Simplified pages keep their own chrome.
    assert "术语表" in (site / "2024" / "index.html").read_text(encoding="utf-8")


def test_the_glossary_exists_in_both_scripts(site):
    hans = (site / "glossary" / "xin-zhi-sheng-chan-li" / "index.html").read_text(encoding="utf-8")
    hant = (site / "zh-hant" / "glossary" / "xin-zhi-sheng-chan-li" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hant"' in hant and "釋義" in hant and "释义" not in hant
    assert '<span class="gwr-term-big" lang="zh-Hans" title="简体 · Simplified">新质生产力</span>' in hant  # both forms shown
    assert 'href="../../2024/#sec_3__item_1__para_1__sent_1"' in hant  # the Traditional report, zh-hant/2024/
    assert 'href="../../zh-hant/glossary/xin-zhi-sheng-chan-li/"' in hans and "繁體字版" in hans
    index = (site / "zh-hant" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "術語表" in index and 'href="xin-zhi-sheng-chan-li/"' in index


def test_compare_page_links_2022_task_9_with_2024_task_10(site):
    page = (site / "compare/2022-2024/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="gwr-cmp-row[^"]*" id="([^"]+)">(.*?)</tr>', page, re.S)
    linked = [body for anchor, body in rows if anchor.startswith("sec_3__item_9__") and "--sec_3__item_10__" in anchor]
    assert len(linked) >= 5
    assert all('href="../../2022/#sec_3__item_9__' in body and 'href="../../2024/#sec_3__item_10__' in body
               for body in linked)
    assert any("<ins>" in body or "<del>" in body for body in linked)
    assert 'class="gwr-cmp-legend"' in page
    data = json.loads((site / "api/compare/2022-2024.json").read_text(encoding="utf-8"))
    assert (data["a"]["year"], data["b"]["year"]) == (2022, 2024)
    assert {"a": "closing__para_1", "b": "closing__para_1"}.items() <= next(
        p for p in data["pairs"] if p["a"] == "closing__para_1").items()
    index = (site / "compare/index.html").read_text(encoding="utf-8")
    assert 'href="2022-2024/"' in index and (site / "compare/rules/index.html").is_file()


def test_hand_written_pages_say_only_what_the_build_has(site, flat_site):
    """The About page's ✎ and ⚑, and the Editions page's hreflang, are there
    only in a build with a repository (REPO_URL) and a site address (SITE_URL)."""
    flat, _ = flat_site
    plain_about = (site / "about/index.html").read_text(encoding="utf-8")
    full_about = (flat / "about.html").read_text(encoding="utf-8")
    assert "✎" not in plain_about and "Edit this entry" not in plain_about
    assert "✎" in full_about and "data-gwr-needs" not in full_about
    assert 'lang="en">On a term page, <em>Edit this entry</em>' in full_about
    assert "name each other as <code>hreflang</code>" not in (site / "editions/index.html").read_text(encoding="utf-8")
    assert "name each other as <code>hreflang</code>" in (flat / "editions.html").read_text(encoding="utf-8")


def test_a_block_for_a_need_no_build_knows_is_shown_and_named():
    from generator.build import mkdocs_files

    html = ('<p>always</p>\n<p data-gwr-needs="repository">edit</p>\n<p data-gwr-needs="site-url" lang="en">alt</p>\n'
            '<li data-gwr-needs="wifi">x</li>')
    shown, unknown = mkdocs_files.for_this_build(html, {"site-url"})
    assert shown == ('<p>always</p>\n<p lang="en">alt</p>\n<li data-gwr-needs="wifi">x</li>')
    assert unknown == ["wifi"]


def test_the_home_pages_and_each_report_page_say_what_the_edition_holds(site):
    """Every report of the seed edition is an excerpt: each page that lists or
    shows one says what it holds and that the rest is not included, and links
    the official full text where its address is recorded (2024)."""
    home = (site / "index.html").read_text(encoding="utf-8")
    english_home = (site / "en/index.html").read_text(encoding="utf-8")
    assert home.count("其余部分未收入本版") == 3 and home.count("the rest of the report is not included") == 3
    assert english_home.count("the rest of the report is not included") == 3
    official = "https://www.gov.cn/yaowen/liebiao/202403/content_6939153.htm"
    for year in (2024, 2022, 2021):
        for page in (f"{year}/index.html", f"zh-hant/{year}/index.html", f"en/{year}/index.html"):
            html = (site / page).read_text(encoding="utf-8")
            holds = re.search(r'<div class="admonition info gwr-holds">(.*?)</div>', html, re.S).group(1)
            assert "not in this edition" in holds, page
            assert (official in holds) == (year == 2024), page


def test_a_build_without_the_sites_url_says_once_that_citations_are_relative(site, flat_site):
    said = (site.parent / "stderr.txt").read_text(encoding="utf-8")
    assert said.count("site_url is not set (SITE_URL)") == 1
    assert "site_url is not set" not in flat_site[1]  # built with SITE_URL
