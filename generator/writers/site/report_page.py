"""A report page: the document model → the HTML of one report in one script.

Each sentence, heading and English unit is written by :class:`SentenceMarkup`
with its glossary terms marked; ``report.html`` lays out the rows, the
pinpoint labels, the English and the notes. The print book and the EPUB
(:mod:`book`) reuse the same sentence markup and table of contents.
"""

from __future__ import annotations

import html


from generator.text.script_conversion import converted_sentences
from generator.text import citation
from generator.sources.anchor_lock import redirects
from generator.text.english_units import english_labels
from generator.sources.grammar import chinese_number
from generator.links import HOME, SCRIPTS, Links, linker, report_uri
from generator.model import Item, Report, Section
from generator.writers.page import Page
from generator.writers.site.report_rows import Rows
from generator.writers.site.sentence_markup import SentenceMarkup
from generator.writers.templating import english_date, env, script_text


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


def cite_data(entry, loaded, t, url: str | None) -> dict:
    """What the cite tool (assets/cite.js) reads from a report page, in its script."""
    report = entry.report
    live = set(report.anchors())
    return {**citation.page_data(citation.work(entry.meta.meta), report, t, url),
            # Anchors still on the page whose published words moved elsewhere (`OLD -> NEW`
            # in the lock): a link from before the move goes to the words it meant.
            "moved": {old: new for old, new in loaded.lock.entries.get(report.year, {}).items()
                      if new and old in live}}


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
    hant = converted_sentences(report, t) if script == "hant" else {}
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
    work = citation.work(meta)
    labels = citation.labels(report)
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
                "citation": citation.highwire(work, t, lang)}
    return Page(here, t(meta.title), html, toc_tokens(report, t, headings), meta_out, in_nav=script == "hans")
