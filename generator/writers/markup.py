"""HTML made in Python, every value escaped: the one place the HTML writers escape.

Templates are Jinja with autoescape (:mod:`templating`). What a writer makes
in Python instead, for speed (a report's rows and sentences, the compare
rows, a term's concordance), it makes from :class:`Html` fragments: a value
put into a fragment's hole is escaped as Jinja's autoescape escapes it
(``markupsafe.escape``), and Markup, which is HTML made here already, passes
as it is. No writer calls ``escape`` or makes Markup of a string of its own;
tests/test_markup.py holds them to it.

A 30-report site has a few hundred thousand holes, so the escaping is
markupsafe's own C function, which gives a str: ``escape()`` wraps its
result in a new Markup, and those wrappers were half the time of the rows.
The only Markup made here is each fragment's whole.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Iterator

from markupsafe import Markup, escape

from generator.sources.grammar import CHINESE_WRITING

try:  # markupsafe 3: the C function escape() calls, without the Markup around its result
    from markupsafe import _escape_inner as _escaped
except ImportError:  # an older markupsafe: the same text, by escape()
    def _escaped(value: str, /) -> str:
        return str(escape(value))

#: Markup of HTML made here, without Markup's check for ``__html__``: it is a str.
_markup = str.__new__
#: No HTML at all.
EMPTY = Markup("")


def _hole(value: object) -> str:
    """What a hole holds of ``value``: Markup as it is, anything else escaped."""
    # type() tested in place rather than held in a name: the checker narrows ``value`` by it.
    if type(value) is Markup:
        return value
    return _escaped(value) if type(value) is str else str(value) if type(value) is int else str(escape(value))


def text(value: object) -> Markup:
    """Text as HTML: ``&``, ``<``, ``>`` and both quotes as references; Markup as it is."""
    return value if type(value) is Markup else _markup(Markup, _hole(value))


def read_text(markup: str) -> str:
    """The text an attribute's value or an element's content holds: its
    references resolved (the PDF's metadata is read from the book's HTML)."""
    return html.unescape(markup)


def tooltip_text(words: str) -> str:
    """``words`` as a ``title`` attribute must hold them, before the
    attribute itself is escaped. Material (``content.tooltips``) makes its
    tooltip from the attribute's value as HTML (``innerHTML``): a title read
    as ``<img onerror=…>`` would run. So ``<``, ``>`` and ``&`` are escaped
    here, and once more when the attribute is written; a browser's own
    tooltip (no script) shows them as references, which no real title has.
    Quotes are left to the attribute's escaping, so such a tooltip shows them."""
    return html.escape(words, quote=False)


def as_tooltip(words: object) -> Markup:
    """:func:`tooltip_text`, escaped for the attribute: a ``title``'s value. Markup passes as it is."""
    return words if type(words) is Markup else text(tooltip_text(str(words)))


#: A hole inside a title attribute: its text is a tooltip's (:func:`tooltip_text`).
_IN_TITLE = re.compile(r'\stitle="[^"]*\Z')


def _pieces(pattern: str) -> Iterator[tuple[str, str | None, bool]]:
    """A pattern's literal text, each followed by a hole's name (or None at
    the end) and whether that hole stands inside ``title="…"``."""
    before = ""
    for literal, name, _, _ in string.Formatter().parse(pattern):
        before += literal
        yield literal, name, name is not None and _IN_TITLE.search(before) is not None
        before += "{}"


class Html:
    """A fragment of HTML with named holes, as in ``str.format``::

        LINK = Html('<a href="#{anchor}">{words}</a>')
        LINK(anchor="sec_1", words="一、…")

    Holes take text (escaped) or Markup (as it is). A hole the fragment
    holds more than once is escaped once. Text in a hole inside
    ``title="…"`` is escaped for a tooltip (:func:`tooltip_text`)."""

    __slots__ = ("pattern", "_holes", "_order", "_fill")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        # Filled as a %-format, by position: str.format_map parses the pattern
        # and hashes each hole's name anew on every call, which made the rows
        # of a 30-report site slower than the f-strings they replace.
        # A hole is its name and whether it stands in a title: a name may be
        # in both (a label in the title and the aria-label), escaped for each.
        holes: list[tuple[str, bool]] = []
        order, filled = [], []
        for literal, name, in_title in _pieces(pattern):
            filled.append(literal.replace("%", "%%"))
            if name is not None:
                hole = (name, in_title)
                if hole not in holes:
                    holes.append(hole)
                order.append(holes.index(hole))
                filled.append("%s")
        self._holes = tuple(holes)
        self._order = None if order == list(range(len(holes))) else tuple(order)  # a hole held twice, or out of turn
        self._fill = "".join(filled).__mod__

    def __call__(self, **values: object) -> Markup:
        held: list[str] = []
        for name, in_title in self._holes:  # _hole, written out: this runs a few hundred thousand times a site
            value = values[name]
            if in_title and type(value) is str:
                value = tooltip_text(value)
            held.append(value if type(value) is Markup else _escaped(value) if type(value) is str else
                        str(value) if type(value) is int else str(escape(value)))
        return _markup(Markup, self._fill(tuple(held) if self._order is None else tuple(held[i] for i in self._order)))

    def fixed(self, **values: object) -> Html:
        """This fragment with some holes filled for good: what is the same
        all through a page (its language, the labels in its script) is
        escaped once, not once a row."""
        pattern = []
        for literal, name, in_title in _pieces(self.pattern):
            pattern.append(_braced(literal))
            if name is None:
                continue
            if name not in values:
                pattern.append("{" + name + "}")
                continue
            value = values[name]
            pattern.append(_braced(_hole(tooltip_text(value) if in_title and type(value) is str else value)))
        return Html("".join(pattern))


def _braced(words: str) -> str:
    """Text a pattern holds as it is: its braces doubled."""
    return words.replace("{", "{{").replace("}", "}}")


def join(pieces: Iterable[object]) -> Markup:
    """Pieces one after another; a piece that is not Markup is escaped."""
    joined = "".join([piece if type(piece) is Markup else _hole(piece) for piece in pieces])
    return _markup(Markup, joined) if joined else EMPTY


def contents_name(words: str) -> str:
    """A table of contents entry's name, which the engine's theme prints as
    HTML. Escaped as ``html.escape`` escapes, quotes as ``&quot;`` and
    ``&#x27;`` where :func:`text` writes ``&#34;`` and ``&#39;``: the same
    to a browser, and the bytes the published contents have always had."""
    return html.escape(words)


def css_string(words: str) -> Markup:
    """``words`` as a quoted CSS string, safe inside <style>: anything but
    letters and digits (Han among them), spaces, the middle dot and Chinese
    punctuation is written as a CSS escape."""
    return Markup('"' + re.sub(rf"[^\w \u00b7{CHINESE_WRITING}]", lambda m: f"\\{ord(m.group(0)):x} ", words) + '"')


def style_sheet(css: str) -> Markup:
    """A style sheet of the package's own (assets/), for a <style> element as it is."""
    return Markup(css)
