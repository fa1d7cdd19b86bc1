"""HTML is escaped in one place: templates by Jinja's autoescape, HTML made
in Python by writers/markup.py's fragments, Markdown by markdown/syntax.py."""

from __future__ import annotations

import ast

from markupsafe import Markup

from generator.writers.markup import Html, as_tooltip, join
from generator.writers.templating import env
from tests.conftest import ROOT

WRITERS = ROOT / "generator" / "writers"
#: The modules that escape: HTML made in Python, and the Markdown export.
ESCAPERS = {WRITERS / "markup.py", WRITERS / "markdown" / "syntax.py"}


def test_a_value_is_escaped_and_markup_passes_as_it_is():
    link = Html('<a href="#{anchor}" aria-label="{label}">{words}</a>')
    assert link(anchor='x"y', label="<b> & 'c'", words=Markup("<i>i</i>")) == \
        '<a href="#x&#34;y" aria-label="&lt;b&gt; &amp; &#39;c&#39;"><i>i</i></a>'
    assert isinstance(link(anchor="", label="", words=""), Markup)


def test_a_title_is_escaped_twice_for_materials_tooltip():
    """Material builds a tooltip from a title's value as HTML: once the
    browser has read the attribute, ``<`` must still be ``&lt;``. The same
    name outside the title is escaped once; quotes only for the attribute."""
    link = Html('<a title="{label} · {cite}" aria-label="{label}">{words}</a>')
    made = link(label='<img src=x onerror=alert(1)> & "q"', cite="三（一）", words="<")
    assert made == ('<a title="&amp;lt;img src=x onerror=alert(1)&amp;gt; &amp;amp; &#34;q&#34; · 三（一）" '
                    'aria-label="&lt;img src=x onerror=alert(1)&gt; &amp; &#34;q&#34;">&lt;</a>')
    fixed = link.fixed(label="<")
    assert fixed(cite="&", words="") == '<a title="&amp;lt; · &amp;amp;" aria-label="&lt;"></a>'
    assert as_tooltip("a<b") == "a&amp;lt;b" and as_tooltip(Markup("<b>")) == "<b>"
    assert Html('<b title="3">{a}</b>')(a="<") == '<b title="3">&lt;</b>'  # after the title closed


def test_markdown_titles_are_escaped_twice_too():
    from generator.writers.markdown import syntax

    assert syntax.attrs(title="<i>", lang="<i>") == '{title="&amp;lt;i&amp;gt;" lang="&lt;i&gt;"}'
    assert syntax.link("x", "#a", "<i>") == '[x](#a "&amp;lt;i&amp;gt;")'


def test_holes_held_twice_or_out_of_turn_and_a_percent_sign():
    assert Html('<b title="{b}">{a}{b}</b> 100%')(a="<", b=3) == '<b title="3">&lt;3</b> 100%'


def test_a_fixed_hole_is_escaped_once_and_the_others_stay_holes():
    row = Html('<p lang="{lang}" id="{anchor}">{words} {{not a hole}}</p>').fixed(lang='zh"{x}')
    assert row.pattern == '<p lang="zh&#34;{{x}}" id="{anchor}">{words} {{not a hole}}</p>'
    assert row(anchor="a", words="<") == '<p lang="zh&#34;{x}" id="a">&lt; {not a hole}</p>'


def test_pieces_joined_are_escaped_unless_markup():
    assert join(["<", Markup("<br>"), 3]) == "&lt;<br>3"


def test_templates_are_autoescaped():
    assert env.autoescape is True


def _own_escaping(path) -> list[str]:
    """Where a writer escapes, or makes Markup of text, on its own."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "markupsafe":
            found += [f"imports markupsafe.{a.name}" for a in node.names if a.name != "Markup"]
        elif isinstance(node, ast.Import) and any(a.name == "html" for a in node.names):
            found.append("imports html")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("Markup", "Html"):
            if not all(isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in node.args):
                found.append(f"line {node.lineno}: {node.func.id}() of text made at run time")
    return found


def test_no_writer_escapes_on_its_own():
    offences = {str(path.relative_to(ROOT)): found for path in sorted(WRITERS.rglob("*.py"))
                if path not in ESCAPERS and (found := _own_escaping(path))}
    assert not offences, offences


def test_markdown_text_shows_references_and_underscores_as_written():
    """Python-Markdown, as the export's readers render it: a hexadecimal
    reference in capitals and a run of underscores are text, as on the site."""
    import markdown

    from generator.writers.markdown import syntax

    for words in ("a &#X3C;b&#X3E; c", "a __strong__ b", "x __init__ y", "anchor sec_3__item_1"):
        shown = markdown.markdown(syntax.text(words))
        assert shown == f"<p>{words.replace('&', '&amp;')}</p>", shown
