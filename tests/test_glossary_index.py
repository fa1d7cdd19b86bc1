"""The glossary's index (generator/writers/site/glossary_pages.py): by pinyin,
by English rendering (A–Z) and by category, on one page, in both scripts
(issue 21: it could be browsed only by pinyin)."""

from __future__ import annotations

import html.parser
import types

from generator.project.project import Project
from generator.sources.glossary import CATEGORIES
from generator.writers.glossary_index import by_category, english_a_to_z, english_key
from generator.writers.site.glossary_pages import render_glossary_index
from tests.conftest import FIXTURES, ROOT, default_links

TINY = FIXTURES / "render" / "project"


def _entry(slug: str, preferred: str, category: str = "economy"):
    return types.SimpleNamespace(slug=slug, category=category, english=types.SimpleNamespace(preferred=preferred))


def test_english_renderings_file_under_their_first_word():
    assert english_key("the Belt and Road Initiative") == "belt and road initiative"
    assert english_key("a human community with a shared future") == "human community with a shared future"
    assert english_key("“double reduction” policy") == "double reduction” policy"
    assert english_key("'Taiwan independence'") == "taiwan independence'"
    assert english_key("absolute principle") == "absolute principle"  # a word that starts with "a" stays
    assert english_key("Épargne") == "epargne"


def test_the_a_to_z_puts_figures_first_and_sorts_within_a_letter():
    entries = [_entry("c", "Chinese modernization"), _entry("b", "“Taiwan independence”"), _entry("a", "14th Plan"),
               _entry("d", "common prosperity"), _entry("e", "the Belt and Road"), _entry("f", "…ellipsis")]
    letters = english_a_to_z(entries)
    assert [(letter.anchor, letter.name, [e.slug for e in letter.entries]) for letter in letters] == [
        ("en-0-9", "0–9", ["a"]), ("en-b", "B", ["e"]), ("en-c", "C", ["c", "d"]), ("en-t", "T", ["b"]),
        ("en-other", "#", ["f"])]


def test_categories_keep_the_glossary_order_and_leave_empty_ones_out():
    entries = [_entry("a", "x", "society"), _entry("b", "y", "economy"), _entry("c", "z", "society")]
    found = by_category(entries, lambda text: f"<{text}>")
    assert [(c.anchor, c.zh, c.en, [e.slug for e in c.entries]) for c in found] == [
        ("category-economy", "<经济>", "Economy", ["b"]), ("category-society", "<社会民生>", "Society and living standards",
                                                          ["a", "c"])]


class _Outline(html.parser.HTMLParser):
    """The page's headings (level, id, text), its lists' links, and any script."""

    def __init__(self):
        super().__init__()
        self.headings: list[list] = []
        self.links: list[str] = []
        self.scripts = 0
        self._in: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h2", "h3"):
            self._in = [int(tag[1]), attrs.get("id"), ""]
            self.headings.append(self._in)
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag):
        if tag in ("h2", "h3"):
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            self._in[2] += data


def _outline(page) -> _Outline:
    outline = _Outline()
    outline.feed(page.html)
    return outline


def test_the_index_has_pinyin_english_and_category_sections_with_headings_and_contents():
    loaded = Project(TINY).load()
    for script, by, economy in (("hans", "按类别", "经济"), ("hant", "按類別", "經濟")):
        page = render_glossary_index(loaded, default_links(), script)
        outline = _outline(page)
        assert [(level, anchor, " ".join(text.split())) for level, anchor, text in outline.headings] == [
            (2, "by-pinyin", "按拼音 · By pinyin"), (2, "english-a-z", "按英文 · English A–Z"),
            (3, "en-h", "H"), (3, "en-n", "N"),
            (2, "by-category", f"{by} · By category"),
            (3, "category-economy", f"{economy} · Economy (2)")]
        assert not outline.scripts  # browsed without JavaScript
        # The ways in are linked at the top, and in the page's contents.
        assert outline.links[1:3] == ["../en/glossary/" if script == "hans" else "../../en/glossary/", "#by-pinyin"]
        assert outline.links[2:5] == ["#by-pinyin", "#english-a-z", "#by-category"]
        assert ["#en-h", "#en-n"] == [link for link in outline.links if link.startswith("#en-")]
        assert [(t["id"], [c["id"] for c in t["children"]]) for t in page.toc] == [
            ("by-pinyin", []), ("english-a-z", []), ("by-category", ["category-economy"])]
        # Each entry once by pinyin (the table), once by English, once by category.
        assert outline.links.count("xin-zhi-sheng-chan-li/") == 3
    a_to_z = render_glossary_index(loaded, default_links()).html.split('id="english-a-z"', 1)[1]
    assert ('<li><a href="xin-zhi-sheng-chan-li/" lang="en">new quality productive forces</a> · 新质生产力 '
            '<span class="gwr-term-pinyin">xīn zhì shēngchǎnlì</span></li>') in a_to_z


def test_every_entry_of_the_glossary_is_in_the_a_to_z_and_in_one_category():
    loaded = Project(ROOT).load()
    entries = [item.entry for item in loaded.glossary.entries]
    letters = english_a_to_z(entries)
    filed = [e.slug for letter in letters for e in letter.entries]
    assert sorted(filed) == sorted(e.slug for e in entries)
    for letter in letters:
        keys = [english_key(e.english.preferred) for e in letter.entries]
        assert keys == sorted(keys)
    categories = by_category(entries)
    assert sorted(e.slug for c in categories for e in c.entries) == sorted(e.slug for e in entries)
    assert [c.anchor for c in categories] == [f"category-{key}" for key in CATEGORIES if any(
        e.category == key for e in entries)]
