"""The document model → HTML fragments, table-of-contents tokens and open data.

Templates are Jinja2 with autoescaping on, so report text, glossary text and
metadata can never inject markup. The output is engine-neutral: a
:class:`Site` of pages (HTML body + TOC tokens) and plain files; the MkDocs
plugin hands them to MkDocs, and another engine could take them as they are.
Every link between pages comes from the engine's :class:`links.Links`.
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
from importlib import resources

import jinja2
from markupsafe import Markup, escape

from . import cite, compare_page, opendata, traditional, trend
from .anchors import redirects
from .links import GLOSSARY, HOME, SCRIPTS, Links, download_uri, glossary_uri, linker, report_uri, term_uri
from .glossary import CATEGORIES
from .annotate import by_slug, segments
from .english import english_labels
from .diagnostics import Diagnostics
from .memo import Memo
from .grammar import chinese_number
from .model import Item, Report, Section
from .output import ASSETS, IN_SCRIPT, Page, Site

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
# `tojson` still escapes < > & ' for HTML; Chinese stays readable (and a third the size).
_env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
# Pages are named in templates by these, then turned into URLs with `link`.
_env.globals.update(HOME=HOME, GLOSSARY=GLOSSARY, report_uri=report_uri, term_uri=term_uri, download_uri=download_uri,
                    glossary_uri=glossary_uri, IN_SCRIPT=IN_SCRIPT)


def asset(name: str) -> str:
    return resources.files("generator").joinpath(name).read_text(encoding="utf-8")


# --- pages --------------------------------------------------------------------------


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


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def english_date(date) -> str:
    """5 March 2024, whatever the machine's locale."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


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


class _Sentences:
    """Sentence markup, written in Python rather than as Jinja macros: a full
    report has a thousand sentences per script, and as macros they were most
    of the time of a 30-report build. Escaped as Jinja's autoescape does."""

    def __init__(self, loaded, spans, hant: dict[str, str], aliases: dict[str, list[str]], link, t, script: str,
                 english: dict, term_markup: str = ""):
        self.glossary, self.spans, self.hant, self.aliases, self.link, self.t, self.script, self.units = (
            loaded.glossary.by_slug, spans, hant, aliases, link, t, script, english)
        self.term_markup = term_markup  # more attributes of a term's link (the EPUB's epub:type)
        self.titles: dict[str, tuple[str, Markup]] = {}  # slug → (href, escaped tooltip)
        self.english_titles: dict[str, Markup] = {}  # slug → escaped tooltip of an English rendering

    def alias_marks(self, anchor: str) -> Markup:
        return Markup("".join(f'<span class="gwr-alias" id="{old}" data-successor="{anchor}"></span>'
                              for old in self.aliases.get(anchor, ())))

    def _term(self, slug: str) -> tuple[str, Markup]:
        held = self.titles.get(slug)
        if held is None:
            title = escape(term_tooltip(self.glossary[slug].entry, self.t))
            held = self.titles[slug] = (escape(self.link(term_uri(slug, self.script))), title)
        return held

    def _english_title(self, slug: str) -> Markup:
        held = self.english_titles.get(slug)
        if held is None:
            held = self.english_titles[slug] = escape(english_tooltip(self.glossary[slug].entry, self.t))
        return held

    def _marked(self, text: str, spans, tooltip) -> Markup:
        """``text`` with its glossary spans marked: a linked span is a link to
        the term titled ``tooltip(slug)``; see _macros.html for why."""
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


def render_report(entry, loaded, script: str, links: Links, counterparts: dict | None = None) -> Page:
    """One report page in one script; ``entry`` is a LoadedReport, ``loaded`` the project,
    ``counterparts`` its paragraphs' counterparts in other years (compare_page.counterparts)."""
    report: Report = entry.report
    meta = entry.meta.meta
    lang = SCRIPTS[script][0]
    here = report_uri(report.year, script)
    t = loaded.converter.convert if script == "hant" else (lambda text: text)
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
    sentences = _Sentences(loaded, spans, hant, aliases, link, t, script, units)
    work = cite.work(meta)
    labels = cite.labels(report)
    headings = english_labels(report, units, labels)

    html = _env.get_template("report.html").render(
        report=report,
        meta=meta,
        normalized=entry.normalized,
        raw_path=entry.raw_path,
        chinese_number=chinese_number,
        alias_marks=sentences.alias_marks,
        term_text=sentences.term_text,
        sentence=sentences.sentence,
        english_text=sentences.english,
        english_label=headings.__getitem__,
        translation=english,
        english_source=english_source,
        report_problem=report_problem,
        converter=loaded.converter,
        english_date=english_date,
        link=link,
        cite_data=cite_data(entry, loaded, t, links.absolute(here)),
        label=lambda anchor: (t(labels[anchor].zh), labels[anchor].en),
        amendments=loaded.lock.amendments(report.year),
        counterparts=counterparts or {},
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


def render_home(loaded, links: Links) -> Page:
    html = _env.get_template("home.html").render(reports=loaded.reports, glossary=loaded.glossary,
                                                 link=linker(links, HOME), downloads=links.downloads)
    return Page(HOME, "首页 · Home", html, [])


def _glossary_counts(loaded) -> tuple[list[int], dict[str, list]]:
    return [r.report.year for r in loaded.reports], by_slug(loaded.occurrences)


def _script(loaded, script: str) -> dict:
    """What a glossary template needs to be written in one script."""
    other = "hans" if script == "hant" else "hant"
    return {"script": script, "lang": SCRIPTS[script][0], "other": other, "other_lang": SCRIPTS[other][0],
            "t": loaded.converter.convert if script == "hant" else (lambda text: text)}


def render_glossary_index(loaded, links: Links, script: str = "hans") -> Page:
    """The index, in dictionary order, with counts per report."""
    years, grouped = _glossary_counts(loaded)
    counts = {slug: {year: sum(1 for o in found if o.year == year) for year in years}
              for slug, found in grouped.items()}
    here, words = glossary_uri(script), _script(loaded, script)
    html = _env.get_template("glossary_index.html").render(
        entries=[e.entry for e in loaded.glossary.entries], years=years, counts=counts, categories=CATEGORIES,
        link=linker(links, here), **words,
    )
    return Page(here, words["t"]("术语表") + " · Glossary", in_script(html, script), [], in_nav=script == "hans")


def report_sizes(loaded) -> dict[int, int]:
    """Year → characters of report text the edition holds (for term trends)."""
    return {r.report.year: trend.characters(r.report) for r in loaded.reports}


def render_term(loaded, item, occurrences: list, links: Links, script: str = "hans",
                sizes: dict[int, int] | None = None) -> Page:
    """A term's page: both scripts, renderings, definition, note, related entries,
    its count in each report (``sizes``: report_sizes, computed once per site) and concordance."""
    entry = item.entry
    here, words = term_uri(entry.slug, script), _script(loaded, script)
    years = [r.report.year for r in loaded.reports]
    rows = trend.counts(sizes or report_sizes(loaded), (o.year for o in occurrences))
    html = _env.get_template("glossary_entry.html").render(
        entry=entry,
        traditional=loaded.converter.convert(entry.term),  # includes the entry's own `traditional`
        occurrences=occurrences,
        years=years,
        trend=rows,
        chart=trend.chart(rows),
        titles={r.report.year: r.meta.meta.title for r in loaded.reports},
        related=_related(loaded, entry),
        categories=CATEGORIES,
        source_path=item.path,
        edit_url=links.repository.edit(item.path) if links.repository else None,
        link=linker(links, here),
        **words,
    )
    toc = [{"level": 2, "id": f"y{year}", "name": str(year), "children": []}
           for year in years if any(o.year == year for o in occurrences)]
    title = f"{words['t'](entry.term)} · {entry.english.preferred}"
    return Page(here, title, in_script(html, script), toc, in_nav=False)


def in_script(html_text: str, script: str) -> str:
    """A Traditional page's own text is converted already: the markers tell
    the engine to convert only what it puts around it (see output.IN_SCRIPT)."""
    return f"{IN_SCRIPT[0]}\n{html_text}{IN_SCRIPT[1]}\n" if script == "hant" else html_text


def _related(loaded, entry) -> list:
    return [loaded.glossary.by_slug[s].entry for s in entry.related if s in loaded.glossary.by_slug]


def render_glossary(loaded, links: Links, script: str = "hans") -> list[Page]:
    """The index and every term page, in one script."""
    grouped, sizes = by_slug(loaded.occurrences), report_sizes(loaded)
    return [render_glossary_index(loaded, links, script),
            *(render_term(loaded, item, grouped.get(item.entry.slug, []), links, script, sizes)
              for item in loaded.glossary.entries)]


def open_data(entry, loaded, links: Links) -> str:
    data = opendata.report_json(entry.report, entry.meta.meta.title, loaded.converter.convert,
                                loaded.translations[entry.report.year], loaded.lock.amendments(entry.report.year))
    data["citation"] = cite.citation_json(cite.work(entry.meta.meta),
                                          links.absolute(report_uri(entry.report.year)))
    # Compact: json's C encoder only runs without indent, and with indent this
    # was a tenth of a 30-report build. Every JSON reader reads it alike.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _templates_stamp() -> tuple:
    """When the templates last changed: `mkdocs serve` watches them, and a
    kept page must be made again after a template edit."""
    folder = resources.files("generator").joinpath("templates")
    return tuple(sorted((f.name, os.stat(f).st_mtime_ns) for f in folder.iterdir()))


def render_site(loaded, links: Links, memo: Memo | None = None) -> Site:
    """Every page and file. With the project's ``memo`` (a `mkdocs serve`
    session), a page whose inputs are the objects and values of the last build
    is kept: a glossary edit makes again the pages that show that entry."""
    memo = memo or Memo()
    common = (_templates_stamp(), links, loaded.converter)
    unused = Diagnostics()  # rendering reports nothing; the memo wants somewhere to put it

    def page(name: tuple, key: tuple, make) -> Page:
        return memo.get(("page", *name), (*common, *key), lambda _: _recorded(links, make), unused)

    grouped = by_slug(loaded.occurrences)
    reports = tuple((r.report, r.meta.meta) for r in loaded.reports)
    comparisons = compare_page.compared(loaded, memo, unused)
    counterparts = memo.get(("counterparts",), tuple(c.lineage for c in comparisons),
                            lambda _: compare_page.counterparts(comparisons), unused)
    pages = [page(("home",), (reports, len(loaded.glossary)), lambda l: render_home(loaded, l))]
    files: dict[str, str] = {}
    for entry in loaded.reports:
        year = entry.report.year
        spans = loaded.annotations.get(year, {})
        shown = tuple(loaded.glossary.by_slug[slug].entry
                      for slug in sorted({span.slug for found in spans.values() for span in found}))
        amended = tuple(sorted((a, w.date, w.reason) for a, ws in loaded.lock.amendments(year).items() for w in ws))
        mine = counterparts.get(year, {})
        key = (entry, loaded.translations[year], tuple(sorted(redirects(loaded.lock, year, entry.report.anchors()).items())),
               tuple(spans.items()), shown, amended, loaded.english.get(year), tuple(mine.items()))
        for script in SCRIPTS:
            pages.append(page(("report", year, script), key,
                              lambda l, entry=entry, script=script, mine=mine: render_report(entry, loaded, script, l,
                                                                                             mine)))
        files[f"api/{year}.json"] = memo.get(("api", year), (*common, entry, loaded.translations[year], amended),
                                              lambda _, entry=entry: open_data(entry, loaded, links), unused)
    entries = tuple(e.entry for e in loaded.glossary.entries)
    sizes = report_sizes(loaded)
    for script in SCRIPTS:
        pages.append(page(("glossary", script), (entries, tuple(loaded.occurrences)),
                          lambda l, script=script: render_glossary_index(loaded, l, script)))
        for item in loaded.glossary.entries:
            found = grouped.get(item.entry.slug, [])
            key = (item.entry, item.path, tuple(found), reports, tuple(_related(loaded, item.entry)))
            pages.append(page(("term", item.entry.slug, script), key,
                              lambda l, item=item, found=found, script=script: render_term(loaded, item, found, l,
                                                                                            script, sizes)))
    compare_pages, compare_files = compare_page.site_parts(comparisons, loaded, memo, page, _env, unused)
    pages.extend(compare_pages)
    files.update(compare_files)
    for name in ASSETS:
        files[name] = asset(name)
    return Site(pages, files, links=set().union(*(p.targets for p in pages)))


def _recorded(links: Links, make) -> Page:
    """``make(links)``, with the pages it links to recorded on the page, so the
    engine can check that each exists even when the page is kept from before."""
    targets: set[str] = set()

    def resolve(source: str, target: str) -> str:
        targets.add(target)
        return links.url(source, target)

    made = make(dataclasses.replace(links, url=resolve))
    made.targets = frozenset(targets)
    return made
