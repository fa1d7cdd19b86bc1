"""The document model → HTML fragments, table-of-contents tokens and open data.

Templates are Jinja2 with autoescaping on, so report text, glossary text and
metadata can never inject markup. The output is engine-neutral: a
:class:`Site` of pages (HTML body + TOC tokens) and plain files; the MkDocs
plugin hands them to MkDocs, and another engine could take them as they are.
"""

from __future__ import annotations

import dataclasses
import html
import json
from importlib import resources

import jinja2

from . import opendata, traditional
from .anchors import redirects
from .glossary import CATEGORIES
from .annotate import by_slug, segments
from .grammar import chinese_number
from .model import Item, Report, Section

ASSETS = ("assets/gwr.css", "assets/gwr.js")


@dataclasses.dataclass
class Page:
    src_uri: str  # e.g. "2024.md": MkDocs maps it to /2024/
    title: str
    html: str
    #: Nested headings for the sidebar: {"level", "id", "name", "children"}.
    toc: list[dict]
    #: Front matter for MkDocs (title is added by the plugin).
    meta: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Site:
    pages: list[Page]
    files: dict[str, str]  # other files by path in the site, e.g. api/2024.json
    diagnostics: list = dataclasses.field(default_factory=list)
    #: Words a search engine's segmenter should keep whole: every glossary form.
    words: list[str] = dataclasses.field(default_factory=list)


_env = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def asset(name: str) -> str:
    return resources.files("generator").joinpath(name).read_text(encoding="utf-8")


# --- pages --------------------------------------------------------------------------


def toc_tokens(report: Report, t=lambda text: text) -> list[dict]:
    """Sections → items → paragraph leads, as MkDocs TOC tokens."""

    def token(level: int, anchor: str, name: str, children=None) -> dict:
        # MkDocs themes print TOC names as HTML: escape the text.
        return {"level": level, "id": anchor, "name": html.escape(name), "children": children or []}

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


SCRIPTS = {"hans": ("zh-Hans", ""), "hant": ("zh-Hant", "zh-hant/")}


def render_report(entry, loaded, script: str = "hans") -> Page:
    """One report page in one script; ``entry`` is a LoadedReport, ``loaded`` the project."""
    report: Report = entry.report
    meta = entry.meta.meta
    lang, prefix = SCRIPTS[script]
    t = loaded.converter.convert if script == "hant" else (lambda text: text)
    aliases: dict[str, list[str]] = {}
    for old, new in redirects(loaded.lock, report.year, report.anchors()).items():
        aliases.setdefault(new, []).append(old)
    spans = loaded.annotations.get(report.year, {})
    hant = traditional.converted_sentences(report, t) if script == "hant" else {}
    html = _env.get_template("report.html").render(
        report=report,
        meta=meta,
        normalized=entry.normalized,
        raw_path=entry.raw_path,
        aliases=aliases,
        chinese_number=chinese_number,
        # Conversion keeps the length, so glossary spans found on the
        # Simplified text fall on the same characters of the Traditional one.
        segments=lambda anchor, text: segments(hant.get(anchor) or t(text), spans.get(anchor)),
        glossary=loaded.glossary.by_slug,
        translation=loaded.translations[report.year],
        converter=loaded.converter,
        english_date=english_date,
        base="../" * (1 + prefix.count("/")),
        lang=lang,
        script=script,
        t=t,
    )
    alternates = [{"hreflang": code, "href": f"{path}{report.year}/"} for code, path in SCRIPTS.values()]
    meta_out = {"hide": ["navigation"], "alternates": alternates}
    return Page(f"{prefix}{report.year}.md", t(meta.title), html, toc_tokens(report, t), meta_out)


def render_home(loaded) -> Page:
    html = _env.get_template("home.html").render(reports=loaded.reports, glossary=loaded.glossary)
    return Page("index.md", "首页 · Home", html, [])


def render_glossary(loaded) -> list[Page]:
    """The index (sorted by pinyin, with counts per report) and a page per term."""
    grouped = by_slug(loaded.occurrences)
    years = [r.report.year for r in loaded.reports]
    counts = {
        slug: {year: sum(1 for o in found if o.year == year) for year in years}
        for slug, found in grouped.items()
    }
    index = _env.get_template("glossary_index.html").render(
        entries=[e.entry for e in loaded.glossary.entries], years=years, counts=counts, categories=CATEGORIES,
    )
    pages = [Page("glossary/index.md", "术语表 · Glossary", index, [])]
    for item in loaded.glossary.entries:
        entry = item.entry
        occurrences = grouped.get(entry.slug, [])
        html = _env.get_template("glossary_entry.html").render(
            entry=entry,
            traditional=loaded.converter.convert(entry.term),  # includes the entry's own `traditional`
            occurrences=occurrences,
            years=years,
            titles={r.report.year: r.meta.meta.title for r in loaded.reports},
            related=[loaded.glossary.by_slug[s].entry for s in entry.related if s in loaded.glossary.by_slug],
            categories=CATEGORIES,
            source_path=item.path,
        )
        toc = [{"level": 2, "id": f"y{year}", "name": str(year), "children": []}
               for year in years if any(o.year == year for o in occurrences)]
        pages.append(Page(f"glossary/{entry.slug}.md", f"{entry.term} · {entry.english.preferred}", html, toc))
    return pages


def render_site(loaded) -> Site:
    pages = [render_home(loaded)]
    files: dict[str, str] = {}
    for entry in loaded.reports:
        pages.append(render_report(entry, loaded, "hans"))
        pages.append(render_report(entry, loaded, "hant"))
        data = opendata.report_json(entry.report, entry.meta.meta.title, loaded.converter.convert,
                           loaded.translations[entry.report.year])
        files[f"api/{entry.report.year}.json"] = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    pages.extend(render_glossary(loaded))
    for name in ASSETS:
        files[name] = asset(name)
    words = [form for item in loaded.glossary.entries for form in item.entry.forms]
    return Site(pages, files, words=words)
