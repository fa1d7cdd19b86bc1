"""A report page: the document model → the HTML of one report in one script.

What the page shows is :func:`rows.report_rows`; ``report.html`` lays out its
parts and tasks, :class:`report_rows.Rows` writes each row and
:class:`SentenceMarkup` its sentences with their glossary terms marked. The
print book and the EPUB (:mod:`book`) reuse the same sentence markup and
table of contents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from generator.links import SCRIPTS, Links, english_uri, linker, report_uri
from generator.model import Item, Report, Section
from generator.project.loaded import LoadedReport, ReportInputs
from generator.sources.grammar import chinese_number
from generator.text import reference_formats
from generator.writers.markup import contents_name
from generator.writers.page import Page, TocToken
from generator.writers.rows import report_rows
from generator.writers.site.report_rows import Rows
from generator.writers.site.sentence_markup import SentenceMarkup, fill_tooltips
from generator.writers.templating import english_date, env, script_text


def toc_tokens(report: Report, t=lambda text: text, english: Mapping[str, str] | None = None) -> list[TocToken]:
    """Sections → items → paragraph leads, as MkDocs TOC tokens. With ``english``
    (:func:`english.english_labels`) each name holds both labels, the English
    one ``lang="en"``; gwr.css shows the view's (without JavaScript, the Chinese)."""

    def token(level: int, anchor: str, name: str, children: list[TocToken] | None = None) -> TocToken:
        # MkDocs themes print TOC names as HTML: escape the text.
        label = contents_name(name)
        if english is not None:
            label = (f'<span class="gwr-toc-zh">{label}</span> '
                     f'<span class="gwr-toc-en" lang="en">{contents_name(english[anchor])}</span>')
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


def cite_data(inputs: ReportInputs, t, script: str, links: Links, english: bool = True,
              here: str | None = None) -> dict:
    """What the cite tool (assets/cite.js) reads from a report's page
    ``here`` (its page in ``script`` unless given: the English edition's
    page gives its own): this page's address where the site's is known, and
    the report's other page the citations name, its Chinese page in
    ``script`` or its English edition's (``english``: the site has one),
    absolute where the site's address is known, else from this page."""
    report = inputs.report
    live = set(report.anchors())
    chinese, there = report_uri(report.year, script), english_uri(report.year)
    here = here or chinese

    def address(page: str) -> str | None:
        return None if page == here else links.absolute(page) or links.url(here, page)

    work = reference_formats.work(inputs.entry.meta.meta)
    data = reference_formats.page_data(work, report, t, SCRIPTS[script][0], links.absolute(here),
                                       address(there) if english else None)
    return {**data, "chinese": address(chinese),
            # Anchors still on the page whose published words moved elsewhere (`OLD -> NEW`
            # in the lock): a link from before the move goes to the words it meant.
            "moved": {old: new for old, new in inputs.lock.items()
                      if new and old in live}}


def english_sources(links: Links, english) -> Callable[[str], str | None]:
    """anchor → where a contributor fixes its English: its unit's line (a
    paragraph's first unit's), or the file while it has none; None without a
    repository."""
    repo = links.repository

    def source(anchor: str) -> str | None:
        if repo is None or english.doc is None:
            return None
        held = [anchor] if anchor in english.units else \
            [s.anchor for s in english.by_block.get(anchor, ()) if s.anchor in english.units]
        if held:
            return repo.line(english.path, english.doc.line(("units", held[0])))
        return repo.edit(english.path)

    return source


def alternates(links: Links, year: int) -> list[dict]:
    """The report's three pages as hreflang alternates (sitemap.xml)."""
    return links.alternates(report_uri(year), report_uri(year, "hant"), english_uri(year))


def render_report(entry: LoadedReport, loaded, script: str, links: Links, counterparts: dict | None = None) -> Page:
    """One report page in one script; ``loaded`` is the project, ``counterparts``
    its paragraphs' counterparts in other years (compare_page.counterparts)."""
    return fill_tooltips(report_without_tooltips(loaded.inputs(entry), script, links, counterparts), loaded, script)


def report_without_tooltips(inputs: ReportInputs, script: str, links: Links, counterparts: dict | None = None) -> Page:
    """The page with each glossary tooltip a placeholder for :func:`fill_tooltips`:
    a definition edit changes only those, so render_site keeps this page and
    redoes that pass alone. It reads only ``inputs``, which is its memo key."""
    entry, report = inputs.entry, inputs.report
    meta = entry.meta.meta
    lang = SCRIPTS[script][0]
    here = report_uri(report.year, script)
    t = script_text(inputs, script)
    english = inputs.translation
    repo = links.repository
    english_source = english_sources(links, english)

    def report_problem(anchor: str) -> str | None:
        if repo is None:
            return None
        return repo.new_issue(f"{t(meta.title)} #{anchor}", _issue_body(links, here, t(meta.title), anchor))

    link = linker(links, here)
    text = report_rows(inputs, script, counterparts)
    sentences = SentenceMarkup(None, link, t, script, deferred=True)
    html = env.get_template("report.html").render(
        report=report,
        meta=meta,
        normalized=entry.normalized,
        raw_path=entry.raw_path,
        text=text,
        translation=english,
        rows=Rows(sentences, english_source, report_problem, link, lang, script, t),
        converter=inputs.converter,
        english_date=english_date,
        link=link,
        cite_data=cite_data(inputs, t, script, links),
        downloads=links.downloads,
        lang=lang,
        script=script,
        t=t,
    )
    meta_out = {"hide": ["navigation"], "gwr_views": True, "alternates": alternates(links, report.year),
                "citation": reference_formats.page_tags(reference_formats.work(meta), t, lang)}
    return Page(here, t(meta.title), html, toc_tokens(report, t, text.names), meta_out, in_nav=script == "hans")
