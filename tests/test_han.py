"""One rule says which characters are Han (grammar.HAN), in Python and in search.js.

The search box makes a query's words in the browser as the build made the
index's (search.js's ``bigrams`` and records.bigrams): were the two to read
Han differently, a query would look for words the index does not hold. The
JavaScript cannot import the Python, so the test reads its character classes
and compares what they match, character by character.
"""

from __future__ import annotations

import re

from generator.search import records
from generator.sources.grammar import CHINESE_WRITING, HAN
from tests.conftest import ROOT

SEARCH_JS = ROOT / "generator" / "assets" / "search.js"
#: Every character of the Basic Multilingual Plane, where all of the ranges lie.
_BMP = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
#: A character class of \\u ranges in a JavaScript regular expression literal.
_JS_CLASS = re.compile(r"\[((?:\\u[0-9a-fA-F]{4}(?:-\\u[0-9a-fA-F]{4})?)+)\]")


def _members(character_class: str) -> str:
    """The characters a class matches (JavaScript and Python spell \\u ranges alike)."""
    return "".join(re.findall(f"[{character_class}]", _BMP))


def test_search_js_reads_han_as_python_does():
    classes = _JS_CLASS.findall(SEARCH_JS.read_text(encoding="utf-8"))
    assert len(classes) >= 2  # the test for a Chinese query, and the runs bigrams() cuts
    han = _members(HAN)
    for found in classes:
        assert _members(found) == han, f"search.js's [{found}] is not grammar.HAN [{HAN}]"


def test_the_index_cuts_han_runs_by_the_rule():
    assert records.bigrams("发展㐀豈 5G") == "发展 展㐀 㐀豈 5g"
    assert records.bigrams("，。ａ") == ""  # punctuation and full-width forms are not Han


def test_chinese_writing_is_han_with_its_punctuation():
    assert set(_members(HAN)) < set(_members(CHINESE_WRITING))
    assert {"、", "。", "《", "，", "（", "Ｚ"} <= set(_members(CHINESE_WRITING)) - set(_members(HAN))
    assert not re.search(f"[{CHINESE_WRITING}]", "Latin, “quoted” — 1.")
