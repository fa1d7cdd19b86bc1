"""The Markdown export: goldens, escaping, a plain MkDocs build of it, the command.

The goldens' input is the made-up project of the render goldens
(``tests/fixtures/render/project/``); the pages exported from it sit in
``tests/fixtures/markdown/``. ``tests/fixtures/markdown/escape/`` is a project
whose text, English and glossary entry are full of Markdown and HTML syntax.
"""

from __future__ import annotations

import html.parser
import os
import subprocess
import sys

import pytest

from generator.project.project import Project
from generator.writers.markdown import syntax as md
from generator.writers.site.sentence_markup import english_tooltip, term_tooltip
from tests.conftest import FIXTURES, ROOT
from tests.golden import assert_golden

GOLDEN = FIXTURES / "markdown"
TINY = FIXTURES / "render" / "project"
ESCAPE = GOLDEN / "escape"


def export_project(root, out):
    """What `export md` does: the checked project, written as a MkDocs project."""
    from generator.writers.markdown.edition import export

    project = Project(root)
    return export(project.checked(), project.root, out)


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def mkdocs_build(out):
    """A plain `mkdocs build --strict` of an export: no gwr plugin is involved."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=out, capture_output=True,
                            text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr
    return out / "site"


_VOID = {"br", "hr", "img", "input", "wbr", "meta", "link"}


class _Article(html.parser.HTMLParser):
    """The elements of a page's article: (tag, attributes, their text) in document order."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict, list[str]]] = []
        self._open: list[tuple[str, dict, list[str]]] = []
        self._depth = 0  # inside <article> when > 0

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self._depth:
            element = (tag, dict(attrs), [])
            self.elements.append(element)
            if tag not in _VOID:
                self._depth += 1
                self._open.append(element)

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        while self._open and self._depth:
            self._depth -= 1
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element[2].append(data)

    def text(self, element) -> str:
        return "".join(element[2])

    @property
    def ids(self) -> dict[str, str]:
        return {attrs["id"]: self.text(e) for e in self.elements if (attrs := e[1]).get("id")}


def article(path) -> _Article:
    parser = _Article()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --- escaping, one function at a time ---------------------------------------------------


def test_text_escapes_what_markdown_would_read_as_markup():
    assert md.text("a*b `c` [d](e) <script> &amp; {#x} | #") == \
        r"a\*b \`c\` \[d\](e) &lt;script> &amp;amp; \{\#x\} \| \#"
    # `_` inside a word starts no emphasis: ids and paths stay readable.
    assert md.text("source_texts _x_") == r"source_texts \_x\_"
    assert md.text("1. one", whole_line=True) == r"1\. one"
    assert md.text("- a", whole_line=True) == r"\- a" and md.text("> a", whole_line=True) == "&gt; a"
    assert md.text("a\nb  ") == "a b  " and md.text(" a  ", whole_line=True) == "a"
    assert md.text("together!") == r"together\!"  # before a link written after it, `![` would be an image


def test_html_values_keep_quotes_and_markdown_characters_as_entities():
    assert md.html('say "hi" *x* `y` [z] a_b _c_') == \
        "say &quot;hi&quot; &#42;x&#42; &#96;y&#96; &#91;z&#93; a_b &#95;c&#95;"
    assert md.link("x", "a.md", 'it\'s "q"', "gwr-term") == '[x](a.md "it&#x27;s &quot;q&quot;"){.gwr-term}'
    assert md.code("a`b") == "`` a`b ``" and md.code("x_y") == "`x_y`"


# --- goldens -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_export(tmp_path_factory):
    out = tmp_path_factory.mktemp("tiny") / "out"
    export_project(TINY, out)
    return out


@pytest.mark.parametrize("page, golden", [
    ("2099.md", "2099.md"), ("zh-hant/2099.md", "2099.hant.md"), ("index.md", "index.md"),
    ("glossary/index.md", "glossary.md"), ("glossary/xin-zhi-sheng-chan-li.md", "xin-zhi-sheng-chan-li.md"),
])
def test_golden_pages(tiny_export, page, golden):
    assert_golden(GOLDEN / golden, (tiny_export / "docs" / page).read_text(encoding="utf-8"))


def test_golden_mkdocs_yml(tiny_export):
    assert_golden(GOLDEN / "mkdocs.yml", (tiny_export / "mkdocs.yml").read_text(encoding="utf-8"))


# --- markup in the text, built by a plain MkDocs --------------------------------------------------


@pytest.fixture(scope="module")
def escape_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("escape") / "out"
    export_project(ESCAPE, out)
    return mkdocs_build(out)


def test_markup_in_report_text_shows_as_text(escape_site):
    loaded = Project(ESCAPE).load()
    report = loaded.reports[0].report
    page = article(escape_site / "2098/index.html")
    ids = page.ids
    for paragraph in report.paragraphs():
        for s in paragraph.sentences:
            assert ids[s.id] == s.text, s.id  # `*`, `_`, `[`, `<script>`, `# `… all there as characters
    assert ids["sec_1"].startswith("一、部分标题*强调*与星号")
    # Nothing became markup: no emphasis, list, quote, table, code or script of the text's own.
    assert not {tag for tag, _, _ in page.elements} & {"em", "b", "ol", "blockquote", "table", "img"}
    assert [page.text(e) for e in page.elements if e[0] == "code"] == ["source_texts/2098.txt"]  # the source note
    assert [a for tag, a, _ in page.elements if tag == "script"] == [{"type": "application/json",
                                                                       "id": "gwr-cite-data"}]
    assert [tag for tag, _, _ in page.elements].count("h1") == 1


def test_markup_in_english_and_glossary_shows_as_text(escape_site):
    loaded = Project(ESCAPE).load()
    units = loaded.translations[2098].units
    page = article(escape_site / "2098/index.html")
    english = [page.text(e).rstrip("¶") for e in page.elements if "gwr-en" in e[1].get("class", "").split()
               and e[0] == "p"]
    assert units["intro__para_2"].en in english  # opens with "1." and is not a list
    assert units["intro__para_3"].en in english  # opens with "#", has `|`, `\`, `{#…}`, `<`, `&`, `"`
    assert units["sec_1"].en in english
    assert units["sec_1__item_1__para_2"].en in english  # opens with "-"; **bold** is not bold
    entry = loaded.glossary.by_slug["xing-hao"].entry
    titles = {a["title"] for tag, a, _ in page.elements if tag == "a" and "gwr-term" in a.get("class", "")}
    assert titles == {term_tooltip(entry, lambda text: text), english_tooltip(entry, lambda text: text)}
    assert '"quoted"' in term_tooltip(entry, lambda text: text)
    term = article(escape_site / "glossary/xing-hao/index.html")
    texts = [term.text(e) for e in term.elements if e[0] == "p"]
    for words in (entry.definition.zh, entry.definition.en, entry.note.zh, entry.note.en):
        assert words in texts
    assert not {tag for tag, _, _ in term.elements} & {"em", "blockquote", "table"}


# --- the edition: every anchor and sentence of the site --------------------------------------


def test_export_holds_every_anchor_and_sentence_of_the_site(site, tmp_path):
    """Export the project, build it with a plain `mkdocs build --strict`, and
    compare each report page with the site the project builds itself."""
    out = tmp_path / "out"
    result = run("export", "md", str(out))
    assert result.returncode == 0, result.stderr
    exported = mkdocs_build(out)
    pages = sorted(p.relative_to(site) for p in site.glob("**/index.html")
                   if 'class="gwr-report"' in p.read_text(encoding="utf-8"))
    assert len(pages) == 6  # three reports, two scripts
    for page in pages:
        ours, theirs = article(site / page).ids, article(exported / page).ids
        assert set(ours) <= set(theirs), (page, sorted(set(ours) - set(theirs)))
        sentences = {anchor: words for anchor, words in ours.items() if "__sent_" in anchor}
        assert sentences and {a: theirs[a] for a in sentences} == sentences, page
        # Each row (a paragraph beside its English, its notes) says the same words; spacing
        # and the ¶ links differ.
        rows, exported_rows = _rows(article(site / page)), _rows(article(exported / page))
        assert rows and {a: exported_rows.get(a) for a in rows} == rows, page
    assert "加快发展新质生产力" in (exported / "2024/index.html").read_text(encoding="utf-8")


def _rows(page: _Article) -> dict[str, str]:
    """Row id → the row's words, without white space or ¶, and without the
    site's counterpart lines: they link the compare pages, which the export
    does not hold."""
    # Longest first: one paragraph's line can begin with another's (both name 三（二）第2段).
    lineage = sorted({page.text(e) for e in page.elements if "gwr-lineage" in e[1].get("class", "").split()},
                     key=len, reverse=True)
    rows = {}
    for e in page.elements:
        if "gwr-row" in (attrs := e[1]).get("class", "").split() and attrs.get("id"):
            words = page.text(e)
            for line in lineage:
                words = words.replace(line, "")
            rows[attrs["id"]] = "".join(words.replace("¶", "").split())
    return rows


# --- the command ------------------------------------------------------------------------------


def _one_line_error(result, message):
    assert result.returncode == 2, (result.stdout, result.stderr)
    (line,) = result.stderr.splitlines()
    assert ": error: " in line and message in line, line


def test_export_refuses_an_out_it_must_not_touch(tmp_path):
    (tmp_path / "file").write_text("x")
    _one_line_error(run("--root", str(TINY), "export", "md", str(tmp_path / "file")), "is a file")
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "notes.md").write_text("mine")
    _one_line_error(run("--root", str(TINY), "export", "md", str(tmp_path / "theirs")), "no export wrote")
    assert (tmp_path / "theirs" / "notes.md").read_text() == "mine"
    _one_line_error(run("export", "md", str(ROOT / "docs" / "out")), "inside the project's docs/")
    assert not (ROOT / "docs" / "out").exists()


def test_export_again_replaces_its_own_files(tmp_path):
    """(A reader's files beside them: tests/test_export_safety.py.)"""
    out = tmp_path / "new" / "out"
    first = run("--root", str(TINY), "export", "md", str(out))
    assert first.returncode == 0, first.stderr
    assert "pages" in first.stdout and (out / ".gwr-export").is_file()
    (out / "docs" / "2099.md").unlink()
    again = run("--root", str(TINY), "export", "md", str(out))
    assert again.returncode == 0, again.stderr
    assert (out / "docs" / "2099.md").is_file() and "kept" not in again.stdout


def test_export_of_a_project_with_errors_is_exit_2(project_copy, tmp_path):
    entry = project_copy / "glossary" / "shuang-jian.yml"
    entry.write_text(entry.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    result = run("--root", str(project_copy), "export", "md", str(tmp_path / "out"))
    assert result.returncode == 2 and "unknown field 'colour'" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_unknown_format_is_a_usage_error(tmp_path):
    result = run("export", "docx", str(tmp_path / "out"))
    assert result.returncode == 2 and "invalid choice: 'docx'" in result.stderr
    assert not (tmp_path / "out").exists()
