"""Sentences with their glossary terms marked, in HTML: on a report page, in
the print book and in the EPUB.

:class:`SentenceMarkup` writes the Chinese and English of :mod:`rows` with
their glossary terms marked: the first occurrence of a term in a paragraph
links to the term and carries its tooltip.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping

from markupsafe import Markup

from generator.links import term_uri
from generator.sources.glossary import LoadedEntry
from generator.writers.markup import EMPTY, Html, as_tooltip, join, text
from generator.writers.page import Page
from generator.writers.rows import (
    CARRIED,
    CARRIED_TITLE,
    STALE_TITLE,
    SUGGESTED,
    SUGGESTED_TITLE,
    EnglishWords,
    Marked,
    Sentence,
    english_tooltip,
    term_tooltip,
)
from generator.writers.templating import script_text

_ALIAS = Html('<span class="gwr-alias" id="{old}" data-successor="{anchor}"></span>')
_SENTENCE = Html('<span class="gwr-s" id="{id}">{aliases}{words}</span>')
_LEAD = Html('<strong class="gwr-s gwr-lead" id="{id}">{aliases}{words}</strong>')
#: A unit of English: ``data-s`` names the Chinese sentences it answers (gwr.js
#: lights the two together); on the English page it carries their anchors.
_ENGLISH = Html('<span class="gwr-s-en{classes}" data-s="{ids}"{title}>{words}</span>')
_ENGLISH_ANCHORED = Html('<span class="gwr-s gwr-s-en{classes}" id="{id}" data-s="{ids}"{title}>{anchors}{words}'
                         '</span>')
_ANCHOR = Html('<span class="gwr-anchor" id="{id}"></span>')
_TERM = Html('<a class="gwr-term"{more} href="{href}" title="{title}">{words}</a>')
_PLAIN = Html('<span class="gwr-term-plain" data-term="{slug}">{words}</span>')
#: A tooltip left for fill_tooltips: NUL never occurs in a page's text.
_TOOLTIP = re.compile("\x00([te]):([^\x00]+)\x00")


class SentenceMarkup:
    """Sentence markup, written in Python rather than as Jinja macros: a full
    report has a thousand sentences per script, and as macros they were most
    of the time of a 30-report build."""

    def __init__(self, glossary: Mapping[str, LoadedEntry] | None, link, t, script: str,
                 term_markup: Markup = Markup(""), deferred: bool = False,
                 term_page: Callable[[str], str] | None = None):
        """``glossary``: slug → entry, for the tooltips; None when they are
        ``deferred``. ``term_page``: slug → the term's page a term links to
        (the English edition's, from its pages); by default the page's script's."""
        self.glossary, self.link, self.t, self.script = glossary or {}, link, t, script
        self.term_page = term_page or (lambda slug: term_uri(slug, script))
        self.term = _TERM.fixed(more=term_markup)  # more attributes of a term's link (the EPUB's epub:type)
        self.deferred = deferred  # tooltips left as placeholders for fill_tooltips
        self.titles: dict[str, tuple[Markup, Markup]] = {}  # slug → (href, tooltip)
        self.english_titles: dict[str, Markup] = {}  # slug → tooltip of an English rendering

    def alias_marks(self, anchor: str, aliases: tuple[str, ...]) -> Markup:
        """Empty elements with the ids of retired anchors that now name ``anchor`` (gwr.js follows them)."""
        return join([_ALIAS(old=old, anchor=anchor) for old in aliases]) if aliases else EMPTY

    def _chinese_title(self, slug: str) -> Markup:
        return self._term(slug)[1]

    def _term(self, slug: str) -> tuple[Markup, Markup]:
        held = self.titles.get(slug)
        if held is None:
            title = f"\x00t:{slug}\x00" if self.deferred else term_tooltip(self.glossary[slug].entry, self.t)
            held = self.titles[slug] = (text(self.link(self.term_page(slug))), as_tooltip(title))
        return held

    def _english_title(self, slug: str) -> Markup:
        held = self.english_titles.get(slug)
        if held is None:
            held = self.english_titles[slug] = as_tooltip(f"\x00e:{slug}\x00" if self.deferred else
                                                       english_tooltip(self.glossary[slug].entry, self.t))
        return held

    def _marked(self, words: Marked, tooltip) -> Markup | str:
        """``words`` with their glossary spans marked. The first occurrence of
        a term in a paragraph is a link to the term titled ``tooltip(slug)``,
        which Material shows as a tooltip (hover, focus; tap via gwr.js): for
        a Chinese term the English rendering, then the definition in the
        page's script and in English. Words with no term in them, as most
        sentences are, stay text for the hole they go into to escape."""
        if len(words) == 1 and words[0][1] is None:
            return words[0][0]
        out = []
        for piece, span in words:
            if span is None:
                out.append(piece)
            elif span.linked:
                out.append(self.term(href=self._term(span.slug)[0], title=tooltip(span.slug), words=piece))
            else:
                out.append(_PLAIN(slug=span.slug, words=piece))
        return join(out)

    def terms(self, words: Marked) -> Markup | str:
        """Chinese (a sentence, a heading) with its glossary terms marked."""
        return self._marked(words, self._chinese_title)

    def renderings(self, words: Marked | None) -> Markup | str | None:
        """English with the first rendering of each glossary term of the block linked."""
        return None if words is None else self._marked(words, self._english_title)

    def english(self, sentences: tuple[EnglishWords, ...], anchored: bool = False,
                aliases: dict[str, tuple[str, ...]] | None = None) -> Markup:
        """Units of English, a space between them, each naming the Chinese
        sentences it answers and marked by its status; ``anchored`` (the
        English page): each also carries those sentences' anchors and the
        retired anchors (``aliases``) that name them."""
        out = []
        for s in sentences:
            classes, title, said = _unit_status(s)
            words = self._marked(s.words, self._english_title)
            ids = " ".join(s.ids)
            if anchored:
                first, *more = s.ids
                anchors = join([*(_ANCHOR(id=i) for i in more),
                                *(self.alias_marks(i, (aliases or {}).get(i, ())) for i in s.ids)])
                out.append(join((said, _ENGLISH_ANCHORED(id=first, ids=ids, classes=classes, title=title,
                                                         anchors=anchors, words=words))))
            else:
                out.append(join((said, _ENGLISH(ids=ids, classes=classes, title=title, words=words))))
        return Markup(" ").join(out)

    def sentence(self, s: Sentence) -> Markup:
        return (_LEAD if s.lead else _SENTENCE)(id=s.id, aliases=self.alias_marks(s.id, s.aliases),
                                                 words=self._marked(s.words, self._chinese_title))


def _unit_status(s: EnglishWords) -> tuple[str, Markup | str, Markup | str]:
    """A unit's class, title and words for a screen reader (said before it):
    what a reader is told of English not checked against the Chinese."""
    if s.pending:
        return " gwr-pending", "", ""
    if s.stale:
        return " gwr-stale", _TITLE(title=STALE_TITLE), ""
    if s.status == CARRIED:
        return " gwr-carried", _TITLE(title=CARRIED_TITLE), _SAID(words="Carried over, not yet checked:")
    if s.status == SUGGESTED:
        was = _WAS(was=s.was) if s.was else ""
        return " gwr-suggested", _TITLE(title=SUGGESTED_TITLE), _SAID(words=Html("Suggestion, not yet revised{was}:")(
            was=was))
    return "", "", ""


#: Said before a unit to a screen reader, hidden on screen (the line and the title say it there).
_SAID = Html('<span class="gwr-sr" data-search-exclude>{words} </span>')
_WAS = Html('; it translated <span lang="zh-Hans">{was}</span>')
_TITLE = Html(' title="{title}"')


def fill_tooltips(page: Page, loaded, script: str) -> Page:
    """``page`` (from report_page.report_without_tooltips) with its glossary
    tooltips written in. A definition edit changes only these, so render_site
    keeps the rest of each report page and redoes this pass alone."""
    t = script_text(loaded, script)
    made: dict[str, str] = {}

    def tooltip(found: re.Match) -> str:
        held = made.get(found.group(0))
        if held is None:
            entry = loaded.glossary.by_slug[found.group(2)].entry
            held = made[found.group(0)] = as_tooltip(term_tooltip(entry, t) if found.group(1) == "t"
                                                  else english_tooltip(entry, t))
        return held

    return dataclasses.replace(page, html=_TOOLTIP.sub(tooltip, page.html))
