"""Integration: `mkdocs build --strict` on the project, and what it produces."""

from __future__ import annotations

import html.parser
import json
import re

from generator.normalize import is_wide
from tests.conftest import ROOT
from tests.sitebuild import build_site


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


def test_strict_build_has_no_warnings(tmp_path):
    result = build_site(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


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


def test_traditional_pages_have_identical_anchors_and_hreflang(site):
    for year in (2024, 2022, 2021):
        hans, hant = _page(site, f"{year}/index.html"), _page(site, f"zh-hant/{year}/index.html")
        assert set(hans.ids) == set(hant.ids)
        head = (site / f"zh-hant/{year}/index.html").read_text(encoding="utf-8").split("</head>")[0]
        assert 'hreflang="zh-Hans"' in head and 'hreflang="zh-Hant"' in head


def test_glossary_pages(site):
    index = (site / "glossary/index.html").read_text(encoding="utf-8")
    assert index.count('class="gwr-count"') >= 60 * 3
    term = _page(site, "glossary/liang-ge-que-li/index.html")
    text = (site / "glossary/liang-ge-que-li/index.html").read_text(encoding="utf-8")
    assert "兩個確立" in text and "Two Establishments" in text
    assert 'href="../../2024/#closing__para_2__sent_2"' in text
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
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "2024" / "index.html").read_text(encoding="utf-8")
    assert "<i>推进" not in page  # neither in the text nor in the table of contents
    assert "&lt;i&gt;推进" in page


def test_markup_in_metadata_is_refused(project_copy):
    from generator.pipeline import Project

    meta = project_copy / "source_texts" / "2021.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("title: 2021年政府工作报告",
                                                             "title: 2021年<img src=x onerror=alert(1)>报告"),
                    encoding="utf-8")
    errors = Project(project_copy).check().errors
    assert any(e.path == "source_texts/2021.yml" and "HTML is not allowed" in e.message for e in errors)
