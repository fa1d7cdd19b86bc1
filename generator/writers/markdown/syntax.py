"""Text into Markdown that shows it as text: the one place the Markdown export escapes.

Report text, translations, glossary entries and metadata are plain text; the
export (:mod:`.report_page`, :mod:`.edition`) writes them into Markdown that
MkDocs renders with Python-Markdown and the extensions in the
exported ``mkdocs.yml`` (attr_list, md_in_html, toc, tables, admonition).
Nothing a contributor writes may become markup there, so every piece of
text passes through one of these functions, each for one kind of place:

* :func:`text`: running Markdown text, also inside md_in_html blocks and
  between inline HTML tags (Python-Markdown parses Markdown there too), and
  :func:`line` for a line that opens with text;
* :func:`html`: attribute values (of inline HTML or attribute lists), link
  titles and raw HTML, where Python-Markdown leaves entities alone but still
  runs its inline patterns (a backtick there would open a code span);
* :func:`code`: a code span; :func:`front_matter`: a page's YAML title;
  :func:`script_json`: JSON inside a raw ``<script>`` block.

:func:`link` and :func:`attrs` build the Markdown that carries escaped values.
"""

from __future__ import annotations

import html as _html
import json
import re

from jinja2.utils import htmlsafe_json_dumps

from generator.writers.markup import tooltip_text

# Characters that start or end inline markup anywhere in a line: Python-Markdown's
# backslash escapes for code, emphasis, links, attribute lists ({…}), table cells
# (|, which MkDocs' built-in tables extension adds) and a heading's closing #s.
# A run of `_` only where it touches a non-word character: Python-Markdown's underscore
# emphasis never opens or closes inside a word, so source_texts and anchor ids stay
# readable; then each `_` of the run (`__init__` is strong emphasis otherwise).
# A `!` that ends the text would make an image of a link written after it ("together![¶](#…)").
_UNDERSCORE = r"(?<!\w)_+|_+(?!\w)"
_INLINE = re.compile(r"[\\`*\[\]{}|#]|!$|" + _UNDERSCORE)
# `&` only where it would start an entity (Python-Markdown's ENTITY_RE); `<` always:
# it would start inline HTML or an autolink.
_HTML = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[a-zA-Z0-9]+;)|<")
# What makes a line a block of its own when it opens it: a list item (`1.`,
# `-`, `+`), a blockquote, an admonition (`!!!`), a setext underline (`=`).
_LINE_START = re.compile(r"^(\d+)(\.)|^[-+!]|^>|^=")
# Python-Markdown ends a paragraph, or a line, at a line break: HTML shows one as a space.
_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")
# Inside HTML and attribute lists: every character Markdown's inline patterns
# could still act on there (they run before attribute lists are read), as a numeric entity.
_IN_HTML = re.compile(r"[\\`*\[\]{}|]|" + _UNDERSCORE)


def text(value: str, whole_line: bool = False) -> str:
    """``value`` as Markdown text; with ``whole_line``, as a line of its own (see :func:`line`)."""
    value = _BREAK.sub(" ", value)
    value = _HTML.sub(lambda m: "&amp;" if m.group() == "&" else "&lt;", value)
    value = _INLINE.sub(lambda m: "".join("\\" + c for c in m.group()), value)
    return line(value) if whole_line else value


def line(markdown: str) -> str:
    """A line of Markdown that opens with escaped text (a paragraph, a list
    item's content): what would make it a list, a quote or an admonition
    there is escaped too, and white space at its ends, never shown at the
    edges of a block, is dropped (two trailing spaces would be a line break)."""
    return _LINE_START.sub(_line_start, markdown.strip(), count=1)


def _line_start(found: re.Match) -> str:
    if found.group(1):  # "2024. …" would be an ordered list
        return found.group(1) + "\\."
    return {">": "&gt;", "=": "&#61;"}.get(found.group(), "\\" + found.group())


def html(value: str) -> str:
    """``value`` for an HTML attribute (of inline HTML or an attribute list),
    a link's title, or the text of raw HTML: HTML-escaped, quotes included,
    and with Markdown's characters as entities, which Python-Markdown keeps."""
    value = _html.escape(_BREAK.sub(" ", value), quote=True)
    return _IN_HTML.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), value)


def code(value: str) -> str:
    """``value`` as a code span: fenced by more backticks than any run in it
    (a code span shows its content as it is; Python-Markdown escapes < and &)."""
    runs = [len(run) for run in re.findall(r"`+", value)]
    fence = "`" * (max(runs, default=0) + 1)
    return f"{fence} {value} {fence}" if runs else f"{fence}{value}{fence}"


def attrs(*classes: str, **values: str | int | None) -> str:
    """An attribute list: ``attrs("gwr-s", id="x")`` → ``{#x .gwr-s}``. Keyword
    names take ``_`` for ``-`` (``data_line`` → ``data-line``); None leaves one out."""
    parts = [f"#{values.pop('id')}"] if values.get("id") else []
    values.pop("id", None)
    parts += [f".{name}" for name in classes]
    parts += [f'{key.replace("_", "-")}="{_attribute(key, value)}"' for key, value in values.items()
              if value is not None]
    return "{" + " ".join(parts) + "}"


def _attribute(key: str, value: str | int) -> str:
    """An attribute's value; a title's as a tooltip must hold it (Material
    reads a title as HTML: :func:`generator.writers.markup.tooltip_text`)."""
    return html(tooltip_text(str(value)) if key == "title" else str(value))


def tag(name: str, *classes: str, **values: str | int | None) -> str:
    """An opening HTML tag: ``tag("div", "gwr-row", id="x", markdown="1")`` →
    ``<div class="gwr-row" id="x" markdown="1">`` (md_in_html parses Markdown
    inside an element with ``markdown``). Names as in :func:`attrs`."""
    if classes:
        values = {"class": " ".join(classes), **values}
    shown = "".join(f' {key.replace("_", "-")}="{_attribute(key, value)}"' for key, value in values.items()
                    if value is not None)
    return f"<{name}{shown}>"


def link(label: str, url: str, title: str | None = None, *classes: str, **values: str | None) -> str:
    """A Markdown link; ``label`` is Markdown already (escaped text, spans),
    ``title`` plain text. Our URLs are source paths and anchor ids: no
    space or parenthesis to escape."""
    shown = f' "{html(tooltip_text(title))}"' if title else ""
    extra = attrs(*classes, **values) if classes or values else ""
    return f"[{label}]({url}{shown}){extra}"


def front_matter(title: str, **meta) -> str:
    """A page's YAML front matter: its title, HTML-escaped (MkDocs themes print
    titles as HTML), and other settings, each a JSON value (JSON is YAML)."""
    values = {"title": _html.escape(title, quote=False), **meta}
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items()) \
        + "---\n"


def script_json(value) -> str:
    """``value`` as JSON for a ``<script>`` element, as the site's templates
    write it (Jinja's ``tojson``): < > & ' escaped, so it cannot end the script."""
    return str(htmlsafe_json_dumps(value, ensure_ascii=False, sort_keys=True))
