"""Sentences with their glossary terms marked, in HTML: on a report page, in
the print book and in the EPUB.

Each sentence, heading and English unit is written by :class:`SentenceMarkup`
with its glossary terms marked: the first occurrence of a term in a paragraph
links to the term and carries its tooltip.
"""

from __future__ import annotations

import dataclasses
import re

from markupsafe import Markup, escape

from generator.links import term_uri
from generator.text.term_matching import segments
from generator.writers.page import Page
from generator.writers.templating import script_text


def term_tooltip(entry, t) -> str:
    """A Chinese term's tooltip: the English rendering, then the definition in
    the page's script (``t``) and in English. The Markdown export shows the same."""
    return f"{entry.english.preferred} — {t(entry.definition.zh)} {entry.definition.en}"


def english_tooltip(entry, t) -> str:
    """An English rendering's tooltip, for a reader of the English: the Chinese
    term (in the page's script), its pinyin, the definition."""
    return f"{t(entry.term)} ({entry.reading}) — {entry.definition.en}"


class SentenceMarkup:
    """Sentence markup, written in Python rather than as Jinja macros: a full
    report has a thousand sentences per script, and as macros they were most
    of the time of a 30-report build. Escaped as Jinja's autoescape does."""

    def __init__(self, loaded, spans, hant: dict[str, str], aliases: dict[str, list[str]], link, t, script: str,
                 english: dict, term_markup: str = "", deferred: bool = False):
        self.glossary, self.spans, self.hant, self.aliases, self.link, self.t, self.script, self.units = (
            loaded.glossary.by_slug, spans, hant, aliases, link, t, script, english)
        self.term_markup = term_markup  # more attributes of a term's link (the EPUB's epub:type)
        self.deferred = deferred  # tooltips left as placeholders for fill_tooltips
        self.titles: dict[str, tuple[str, Markup]] = {}  # slug → (href, escaped tooltip)
        self.english_titles: dict[str, Markup] = {}  # slug → escaped tooltip of an English rendering

    def alias_marks(self, anchor: str) -> Markup:
        return Markup("".join(f'<span class="gwr-alias" id="{old}" data-successor="{anchor}"></span>'
                              for old in self.aliases.get(anchor, ())))

    def _term(self, slug: str) -> tuple[str, Markup]:
        held = self.titles.get(slug)
        if held is None:
            title = Markup(f"\x00t:{slug}\x00") if self.deferred else escape(term_tooltip(self.glossary[slug].entry, self.t))
            held = self.titles[slug] = (escape(self.link(term_uri(slug, self.script))), title)
        return held

    def _english_title(self, slug: str) -> Markup:
        held = self.english_titles.get(slug)
        if held is None:
            held = self.english_titles[slug] = (Markup(f"\x00e:{slug}\x00") if self.deferred else
                                                escape(english_tooltip(self.glossary[slug].entry, self.t)))
        return held

    def _marked(self, text: str, spans, tooltip) -> Markup:
        """``text`` with its glossary spans marked. The first occurrence of a
        term in a paragraph is a link to the term titled ``tooltip(slug)``,
        which Material shows as a tooltip (hover, focus; tap via gwr.js): for
        a Chinese term the English rendering, then the definition in the
        page's script and in English."""
        out = []
        for piece, span in segments(text, spans):
            if span is None:
                out.append(escape(piece))
            elif span.linked:
                out.append(f'<a class="gwr-term"{self.term_markup} href="{self._term(span.slug)[0]}" title="{tooltip(span.slug)}">'
                           f'{escape(piece)}</a>')
            else:
                out.append(f'<span class="gwr-term-plain" data-term="{span.slug}">{escape(piece)}</span>')
        return Markup("".join(out))

    def term_text(self, anchor: str, source: str) -> Markup:
        """A sentence (or heading) with its glossary terms marked."""
        # Conversion keeps the length, so glossary spans found on the
        # Simplified text fall on the same characters of the Traditional one.
        return self._marked(self.hant.get(anchor) or self.t(source), self.spans.get(anchor),
                            lambda slug: self._term(slug)[1])

    def english(self, anchor: str, which: str = "all") -> Markup | None:
        """A unit's English (``all``), its title or lead (``head``) or what
        follows that (``rest``), with the first rendering of each glossary term
        of the block linked; None for a part the unit does not have."""
        shown = self.units[anchor].shown(which)
        return None if shown is None else self._marked(*shown, self._english_title)

    def sentence(self, s, lead: bool = False) -> Markup:
        tag, cls = ("strong", "gwr-s gwr-lead") if lead else ("span", "gwr-s")
        return Markup(f'<{tag} class="{cls}" id="{s.id}">{self.alias_marks(s.id)}{self.term_text(s.id, s.text)}</{tag}>')


#: A tooltip left for fill_tooltips: NUL never occurs in a page's text.
_TOOLTIP = re.compile("\x00([te]):([^\x00]+)\x00")


def fill_tooltips(page: Page, loaded, script: str) -> Page:
    """``page`` (from render_report with ``deferred``) with its glossary
    tooltips written in. A definition edit changes only these, so render_site
    keeps the rest of each report page and redoes this pass alone."""
    t = script_text(loaded, script)
    made: dict[str, str] = {}

    def tooltip(found: re.Match) -> str:
        held = made.get(found.group(0))
        if held is None:
            entry = loaded.glossary.by_slug[found.group(2)].entry
            held = made[found.group(0)] = escape(term_tooltip(entry, t) if found.group(1) == "t"
                                                 else english_tooltip(entry, t))
        return held

    return dataclasses.replace(page, html=_TOOLTIP.sub(tooltip, page.html))
