"""Search records and the Pagefind bundle: what is indexed, under which address, and the bundle on disk.

The golden ``tests/fixtures/search/2099.records.jsonl`` holds every record of
the small project of ``tests/fixtures/render/project/``, one per line: read it
to see what a reader's query is matched against.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from generator.build.mkdocs_files import page_urls
from generator.links import Links
from generator.project.project import Project
from generator.search import bundle, indexing, pagefind, site_bundle
from generator.search import records as search_records
from generator.sources.glossary import Entry, Glossary, LoadedEntry
from tests.conftest import FIXTURES, ROOT, default_links
from tests.golden import assert_golden

TINY = FIXTURES / "render" / "project"


def _records(root=TINY, links=None):
    loaded = Project(root).load()
    return loaded, search_records.records(loaded, links or default_links())


def test_golden_records():
    _, records = _records()
    text = "".join(json.dumps(r.as_json(), ensure_ascii=False) + "\n" for r in records)
    assert_golden(FIXTURES / "search" / "2099.records.jsonl", text)


@pytest.mark.parametrize("text, words", [
    ("发展银发经济", "发展 展银 银发 发经 经济"),
    ("税", "税"),
    ("“两个确立”的决定性意义", "两个 个确 确立 的决 决定 定性 性意 意义"),
    ("5G和GDP增长5.3%左右", "5g 和 gdp 增长 5 3 左右"),
    ("", ""),
])
def test_chinese_is_indexed_by_pairs_of_characters(text, words):
    assert search_records.bigrams(text) == words


def test_every_paragraph_is_a_record_in_chinese_with_both_scripts_and_in_english():
    loaded, records = _records(ROOT)
    by_language = {}
    for record in records:
        if dict(record.filters)["kind"] == ("text",):
            by_language.setdefault(record.language, []).append(record)
    paragraphs = [(r.report.year, p) for r in loaded.reports for p in r.report.paragraphs()]
    translated = [(y, p) for y, p in paragraphs if loaded.translations[y].block_text(p.id)]
    assert set(by_language) == {"x-hans", "en"}
    assert len(by_language["x-hans"]) == len(paragraphs)
    assert len(by_language["en"]) == len(translated)
    # One record per address: Pagefind keeps only one.
    assert len({r.url for r in records}) == len(records)
    texts = {(int(dict(r.meta)["year"]), dict(r.meta)["anchor"]): dict(r.meta)["text"] for r in by_language["x-hans"]}
    assert all(texts[(y, p.id)] == p.text for y, p in paragraphs)
    # The Traditional text, character for character: the search box reads a
    # Traditional query with the map made from it, and shows the hit in Traditional.
    for record in by_language["x-hans"]:
        meta = dict(record.meta)
        assert meta["hant_text"] == loaded.converter.convert(meta["text"])
        assert len(meta["hant_text"]) == len(meta["text"])
        assert meta["hant_url"].startswith("zh-hant/") and meta["hant_url"].endswith("#" + meta["anchor"])


def test_the_character_map_reads_traditional_queries():
    _, records = _records(ROOT)
    data = [r.as_json() for r in records]
    to_hans, _, hans_only = search_records.read_map(search_records.script_map(data))
    assert "".join(to_hans.get(c, c) for c in "銀髮經濟") == "银发经济"
    assert "".join(to_hans.get(c, c) for c in "養老") == "养老"
    # The Traditional texts read back to their Simplified ones, but for a
    # character two Simplified ones convert to (乾 from 干 and from 乾).
    pairs = [(s, t) for r in data if "hant_text" in r["meta"] for s, t in zip(r["meta"]["text"], r["meta"]["hant_text"])]
    wrong = [(s, t) for s, t in pairs if to_hans.get(t, t) != s]
    assert len(wrong) < len(pairs) / 1000, wrong[:10]
    # Simplified-only characters tell a Simplified query; one that also stands
    # in the Traditional text (民, 干) does not.
    assert {"养", "经", "发"} <= hans_only and "民" not in hans_only
    hant_text = "".join(r["meta"].get("hant_text", "") for r in data)
    assert not hans_only & set(hant_text)


def test_the_bundle_holds_a_traditional_text_as_its_differences_from_the_map():
    _, records = _records(ROOT)
    data = [r.as_json() for r in records]
    made = search_records.script_map(data)
    _, to_hant, _ = search_records.read_map(made)
    compacted = search_records.compact(data, made)
    assert all("hant_text" not in r["meta"] for r in compacted)
    fixed = 0
    for before, after in zip(data, compacted):
        if "hant_text" not in before["meta"]:
            assert before == after
            continue
        # What search.js does: convert by the map, then apply the record's fixes.
        chars = [to_hant.get(c, c) for c in after["meta"]["text"]]
        for one in filter(None, after["meta"].get("hant_fix", "").split(",")):
            chars[int(one.rstrip(one.lstrip("0123456789")) or 0)] = one.lstrip("0123456789")
            fixed += 1
        assert "".join(chars) == before["meta"]["hant_text"]
    assert fixed < sum(len(r["meta"].get("text", "")) for r in data) / 100  # a fix is the exception


def test_addresses_come_from_the_engine():
    _, records = _records(links=Links(page_urls(use_directory_urls=False)))
    urls = {r.url for r in records}
    assert "2099.html#sec_1__para_1" in urls
    assert "zh-hant/2099.html#sec_1__para_1" in {dict(r.meta).get("hant_url") for r in records}
    assert "en/2099.html#sec_1__para_1" in urls
    assert "glossary/xin-zhi-sheng-chan-li.html" in urls


def test_glossary_records_carry_every_form_a_reader_may_type():
    _, records = _records()
    term = next(r for r in records if r.url == "glossary/xin-zhi-sheng-chan-li/")
    forms = dict(term.meta)["forms"].split(search_records.FORM_SEPARATOR)
    assert forms[0] == "新质生产力" and "新質生產力" in forms and "new quality productive forces" in forms


def test_an_english_glossary_hit_shows_the_renderings_apart_and_finds_each():
    """Issue 21: the hit's text ran the renderings together ("new quality
    productive forces new-quality productive forces new productive forces Advanced…")."""
    entry = Entry.model_validate({
        "slug": "xin-zhi-sheng-chan-li", "term": "新质生产力", "category": "economy",
        "english": {"preferred": "new quality productive forces",
                    "others": [{"rendering": "new-quality productive forces", "used": "some"},
                               {"rendering": "new productive forces", "used": "others"},
                               {"rendering": "new quality productive forces", "used": "a repeat"}]},
        "definition": {"zh": "先进生产力。", "en": "Advanced productive forces."},
        "note": {"zh": "说明。", "en": "A note."}})
    loaded = Project(TINY).load()
    loaded.glossary = Glossary([LoadedEntry(entry, "glossary/xin-zhi-sheng-chan-li.yml", None)])
    record = next(r for r in search_records.records(loaded, default_links()) if r.language == "en"
                  and dict(r.filters)["kind"] == ("glossary",))
    assert record.content == ("new quality productive forces; new-quality productive forces; new productive forces"
                              " — Advanced productive forces.")
    assert record.content == search_records.english_text(entry)
    # Each rendering stands whole in the indexed text, and among the forms a query is ranked by.
    forms = dict(record.meta)["forms"].split(search_records.FORM_SEPARATOR)
    for rendering in ("new quality productive forces", "new-quality productive forces", "new productive forces"):
        assert rendering in record.content and rendering in forms
    assert dict(record.meta)["english"] == "new quality productive forces"


def test_the_bundle_has_an_index_per_language(tmp_path):
    _, records = _records()
    answer = pagefind.write_bundle(records, tmp_path / "pagefind")
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    counts = {language: found["page_count"] for language, found in entry["languages"].items()}
    assert counts == answer["languages"]
    assert set(counts) == {"x-hans", "en"}
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()


def _build(tmp_path, data, site="site"):
    """One build's indexing, as the session does it: the site's bundle set aside first."""
    place = site_bundle.SiteBundle(tmp_path / site, tmp_path)
    place.set_aside()
    return indexing.Indexing(place, data)


def test_a_bundle_is_made_into_the_site_and_kept_there_while_its_records_are_the_same(tmp_path):
    _, records = _records()
    data = [r.as_json() for r in records]
    first = _build(tmp_path, data)
    first.install()
    live = tmp_path / "site" / "pagefind"
    stamp = json.loads((live / indexing.STAMP).read_text())
    assert stamp == {"digest": first.key, "records": len(records)}
    assert json.loads((live / indexing.SCRIPTS).read_text()) == search_records.script_map(data)
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["pagefind"]  # no staging left
    made = site_bundle.listing(live)
    again = _build(tmp_path, data)
    assert not live.exists() and again.ready and again._thread is None  # set aside, not indexed again
    again.install()
    assert site_bundle.listing(live) == made  # the very files, moved back
    other = _build(tmp_path, data, "other")  # another site folder has a bundle of its own
    assert other._thread is not None
    other.install()
    changed = _build(tmp_path, data[1:])
    assert changed.key != first.key and changed._thread is not None
    changed.install()
    assert json.loads((live / indexing.STAMP).read_text())["digest"] == changed.key
    assert not (tmp_path / "site" / site_bundle.KEPT).exists()


def _cut_in_place(path):
    with open(path, "r+b") as file:  # as a tool that rewrites a file in place
        file.truncate(path.stat().st_size // 2)


def _replaced(path):
    copy = path.with_name(path.name + ".new")
    shutil.copyfile(path, copy)
    copy.replace(path)  # the same bytes, another file


@pytest.mark.parametrize("edit", [
    _cut_in_place,
    lambda p: p.write_bytes(p.read_bytes()),  # the same bytes written again
    lambda p: p.unlink(),
    lambda p: (p.parent / "added.pf_fragment").write_bytes(b"x"),
    _replaced,
], ids=["cut in place", "rewritten", "removed", "added", "replaced"])
def test_a_kept_bundle_changed_in_the_site_is_made_again_never_published(tmp_path, edit):
    _, records = _records()
    data = [r.as_json() for r in records]
    _build(tmp_path, data).install()
    live = tmp_path / "site" / "pagefind"
    fragment = min((live / "fragment").iterdir())
    made = fragment.read_bytes()
    edit(fragment)
    again = _build(tmp_path, data)
    assert again._thread is not None  # indexed again
    again.install()
    assert bundle.verify(live) and fragment.read_bytes() == made
    assert not (live / "fragment" / "added.pf_fragment").exists()


def test_a_failed_build_leaves_the_site_its_bundle(tmp_path):
    _, records = _records()
    data = [r.as_json() for r in records]
    _build(tmp_path, data).install()
    live = tmp_path / "site" / "pagefind"
    made = site_bundle.listing(live)
    place = site_bundle.SiteBundle(tmp_path / "site", tmp_path)
    place.set_aside()
    assert not live.exists()
    place.restore()  # what on_build_error does
    assert site_bundle.listing(live) == made
    assert _build(tmp_path, data)._thread is None  # and the next build keeps it


@pytest.fixture(scope="module")
def made_bundle(tmp_path_factory):
    """One bundle of the tiny project, copied by each test that breaks it."""
    folder = tmp_path_factory.mktemp("bundle") / "pagefind"
    pagefind.write_bundle(_records()[1], folder)
    return folder


def _break(made_bundle, tmp_path, how):
    folder = tmp_path / "pagefind"
    shutil.copytree(made_bundle, folder)
    how(folder)
    return folder


def _meta(folder):
    return next(folder.glob("pagefind.x-hans_*.pf_meta"))


@pytest.mark.parametrize("how, said", [
    (lambda f: (f / "pagefind-entry.json").write_bytes(b""), "empty file(s), first pagefind-entry.json"),
    (lambda f: (f / "pagefind-entry.json").write_text("{\"languages\": "), "pagefind-entry.json does not parse"),
    (lambda f: (f / "pagefind-entry.json").unlink(), "no pagefind-entry.json"),
    (lambda f: _meta(f).unlink(), "pagefind-entry.json names pagefind.x-hans_"),
    (lambda f: (f / "wasm.en.pagefind").unlink(), "names wasm.en.pagefind, which is not there"),
    (lambda f: _meta(f).write_bytes(_meta(f).read_bytes()[:40]), ".pf_meta does not decode"),
    (lambda f: next((f / "index").iterdir()).unlink(), ".pf_meta names index/"),
    (lambda f: next((f / "fragment").iterdir()).unlink(), "names fragment/"),
    (lambda f: next((f / "filter").iterdir()).unlink(), "names filter/"),
], ids=["empty entry", "cut entry", "no entry", "no meta", "no wasm", "cut meta", "no chunk", "no fragment",
        "no filter"])
def test_a_bundle_that_is_not_whole_is_refused_saying_what_is_wrong(made_bundle, tmp_path, how, said):
    assert bundle.verify(made_bundle) > 20
    with pytest.raises(bundle.BrokenBundle, match=re.escape(said)):
        bundle.verify(_break(made_bundle, tmp_path, how))


def test_the_bundle_is_the_one_pagefind_meant(made_bundle, tmp_path):
    """Every file a meta file names is there and nothing is left over:
    the bundle is whole, and the check reads what Pagefind writes."""
    files = {p.relative_to(made_bundle).as_posix() for p in made_bundle.rglob("*.pf_*")}
    named = set()
    for meta in made_bundle.glob("*.pf_meta"):
        named |= set(bundle._named_by_meta(meta))
    assert named and named == {f for f in files if not f.endswith(".pf_meta")}


def test_without_the_binary_the_error_says_how_to_get_it(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_binary(name, *args, **kwargs):
        if name == "pagefind_bin_extended":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_binary)
    with pytest.raises(pagefind.PagefindError, match="make site"):
        pagefind.executable()


def test_an_indexing_process_that_fails_says_why(tmp_path):
    with pytest.raises(RuntimeError, match="KeyError: 'meta'"):
        indexing._write_apart([{"url": "/x/"}], tmp_path / "bundle")
