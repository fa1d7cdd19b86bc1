"""A report page: the document model → the HTML of one report in one script.

Each sentence, heading and English unit is written by :class:`SentenceMarkup`
with its glossary terms marked; ``report.html`` lays out the rows, the
pinpoint labels, the English and the notes. The print book and the EPUB
(:mod:`book`) reuse the same sentence markup and table of contents.
"""

from __future__ import annotations

import dataclasses
import html
import re

from markupsafe import Markup, escape

from . import cite, traditional
from .anchors import redirects
from .annotate import segments
from .english import english_labels
from .grammar import chinese_number
from .links import HOME, SCRIPTS, Links, linker, report_uri, term_uri
from .model import Item, Report, Section
from .output import Page
from .report_rows import Rows
from .templating import english_date, env, script_text


def toc_tokens(report: Report, t=lambda text: text, english: dict[str, str] | None = None) -> list[dict]:
    """Sections → items → paragraph leads, as MkDocs TOC tokens. With ``english``
    (:func:`english.english_labels`) each name holds both labels, the English
    one ``lang="en"``; gwr.css shows the view's (without JavaScript, the Chinese)."""

    def token(level: int, anchor: str, name: str, children=None) -> dict:
        # MkDocs themes print TOC names as HTML: escape the text.
        label = html.escape(name)
        if english is not None:
            label = (f'<span class="gwr-toc-zh">{label}</span> '
                     f'<span class="gwr-toc-en" lang="en">{html.escape(english[anchor])}</span>')
        return {"level": level, "id": anchor, "name": label, "children": children or []}

    tokens = []
    if report.intro:
        tokens.append(token(2, report.intro[0].id, t("开篇")))
    for section in report.sections:
        items = []
        for item in section.items:
            leads = [token(4, p.id, t(p.sentences[0].text)) for p in item.paragraphs if p.has_lead]
            items.append(token(3, item.id, t(_item_label(item)), leads))
        tokens.append(token(2, section.id, t(section.heading or _section_label(section)), items))
    if report.closing:
        tokens.append(token(2, report.closing[0].id, t("结束语")))
    return tokens


def _item_label(item: Item) -> str:
    return f"（{chinese_number(item.number)}）{item.title}"


def _section_label(section: Section) -> str:
    return f"第{chinese_number(section.number)}部分"


def _issue_body(links: Links, here: str, title: str, anchor: str) -> str:
    """A new issue's text: room for the report first, then where the block is.

    The block's own words are added by gwr.js when the link is followed: in
    every link they would make a report page half as large again."""
    page = links.page_url(here, anchor)
    return "\n".join([
        "<!-- 请写下问题所在 · Please describe the problem here. -->",
        "", "", "---",
        f"报告 · Report: {title}",
        f"锚点 · Anchor: `#{anchor}`",
        *([f"页面 · Page: {page}"] if page else []),
    ])


def term_tooltip(entry, t) -> str:
    """A Chinese term's tooltip: the English rendering, then the definition in
    the page's script (``t``) and in English. The Markdown export shows the same."""
    return f"{entry.english.preferred} — {t(entry.definition.zh)} {entry.definition.en}"


def english_tooltip(entry, t) -> str:
    """An English rendering's tooltip, for a reader of the English: the Chinese
    term (in the page's script), its pinyin, the definition."""
    return f"{t(entry.term)} ({entry.reading}) — {entry.definition.en}"


def cite_data(entry, loaded, t, url: str | None) -> dict:
    """What the cite tool (assets/cite.js) reads from a report page, in its script."""
    report = entry.report
    live = set(report.anchors())
    return {**cite.page_data(cite.work(entry.meta.meta), report, t, url),
            # Anchors still on the page whose published words moved elsewhere (`OLD -> NEW`
            # in the lock): a link from before the move goes to the words it meant.
            "moved": {old: new for old, new in loaded.lock.entries.get(report.year, {}).items()
                      if new and old in live}}


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


def render_report(entry, loaded, script: str, links: Links, counterparts: dict | None = None,
                  deferred: bool = False) -> Page:
    """One report page in one script; ``entry`` is a LoadedReport, ``loaded`` the project,
    ``counterparts`` its paragraphs' counterparts in other years (compare_page.counterparts).
    ``deferred`` leaves the glossary tooltips to :func:`fill_tooltips`."""
    report: Report = entry.report
    meta = entry.meta.meta
    lang = SCRIPTS[script][0]
    here = report_uri(report.year, script)
    t = script_text(loaded, script)
    aliases: dict[str, list[str]] = {}
    for old, new in redirects(loaded.lock, report.year, report.anchors()).items():
        aliases.setdefault(new, []).append(old)
    spans = loaded.annotations.get(report.year, {})
    hant = traditional.converted_sentences(report, t) if script == "hant" else {}
    english = loaded.translations[report.year]
    repo = links.repository

    def english_source(anchor: str) -> str | None:
        """Where a contributor fixes a block's English: its unit's line, or the file for a missing unit."""
        if repo is None or english.doc is None:
            return None
        if anchor in english.units:
            return repo.line(english.path, english.doc.line(("units", anchor)))
        return repo.edit(english.path)

    def report_problem(anchor: str) -> str | None:
        if repo is None:
            return None
        return repo.new_issue(f"{t(meta.title)} #{anchor}", _issue_body(links, here, t(meta.title), anchor))

    link = linker(links, here)
    units = loaded.english.get(report.year, {})
    sentences = SentenceMarkup(loaded, spans, hant, aliases, link, t, script, units, deferred=deferred)
    work = cite.work(meta)
    labels = cite.labels(report)
    headings = english_labels(report, units, labels)
    pinpoints: dict[str, tuple[str, str]] = {}

    def label(anchor: str) -> tuple[str, str]:
        held = pinpoints.get(anchor)
        if held is None:
            held = pinpoints[anchor] = (t(labels[anchor].zh), labels[anchor].en)
        return held

    rows = Rows(sentences, english, label, headings.__getitem__, english_source, report_problem,
                loaded.lock.amendments(report.year), counterparts or {}, link, lang, script, t)

    html = env.get_template("report.html").render(
        report=report,
        meta=meta,
        normalized=entry.normalized,
        raw_path=entry.raw_path,
        chinese_number=chinese_number,
        alias_marks=sentences.alias_marks,
        term_text=sentences.term_text,
        english_label=headings.__getitem__,
        translation=english,
        rows=rows,
        converter=loaded.converter,
        english_date=english_date,
        link=link,
        cite_data=cite_data(entry, loaded, t, links.absolute(here)),
        downloads=links.downloads,
        lang=lang,
        script=script,
        t=t,
    )
    # Relative to the site's root (as seen from the home page), so the theme
    # can put the site's URL in front when it is known.
    alternates = [{"hreflang": code, "href": links.url(HOME, report_uri(report.year, name))}
                  for name, (code, _) in SCRIPTS.items()]
    meta_out = {"hide": ["navigation"], "alternates": alternates,
                "citation": cite.highwire(work, t, lang)}
    return Page(here, t(meta.title), html, toc_tokens(report, t, headings), meta_out, in_nav=script == "hans")
