"""The document model → HTML fragments, table-of-contents tokens and open data.

Templates are Jinja2 with autoescaping on, so report text, glossary text and
metadata can never inject markup. The output is engine-neutral: a
:class:`Site` of pages (HTML body + TOC tokens) and plain files; the MkDocs
plugin hands them to MkDocs, and another engine could take them as they are.
"""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import jinja2

from .anchors import Lock, redirects
from .model import Item, Paragraph, Report, Section

ASSETS = ("assets/gwr.css", "assets/gwr.js")


@dataclasses.dataclass
class Page:
    src_uri: str  # e.g. "2024.md": MkDocs maps it to /2024/
    title: str
    html: str
    #: Nested headings for the sidebar: {"level", "id", "name", "children"}.
    toc: list[dict]


@dataclasses.dataclass
class Site:
    pages: list[Page]
    files: dict[str, str]  # other files by path in the site, e.g. api/2024.json
    diagnostics: list = dataclasses.field(default_factory=list)


_env = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def asset(name: str) -> str:
    return resources.files("generator").joinpath(name).read_text(encoding="utf-8")


# --- open data --------------------------------------------------------------------


def report_json(report: Report, title: str | None) -> dict:
    """``api/{year}.json``: blocks in document order, texts normalized Simplified."""
    blocks: list[dict] = []
    for node in report.nodes():
        if isinstance(node, Section):
            blocks.append({"id": node.id, "kind": "section", "number": node.number, "text": node.heading})
        elif isinstance(node, Item):
            blocks.append({"id": node.id, "kind": "item", "number": node.number, "text": node.title})
        else:
            blocks.append({
                "id": node.id,
                "kind": "paragraph",
                "text": node.text,
                "line": node.pos.line,
                "sentences": [{"id": s.id, "text": s.text} for s in node.sentences],
            })
    return {"year": report.year, "title": title, "blocks": blocks}


# --- pages --------------------------------------------------------------------------


def toc_tokens(report: Report) -> list[dict]:
    """Sections → items → paragraph leads, as MkDocs TOC tokens."""

    def token(level: int, anchor: str, name: str, children=None) -> dict:
        return {"level": level, "id": anchor, "name": name, "children": children or []}

    tokens = []
    if report.intro:
        tokens.append(token(2, report.intro[0].id, "开篇"))
    for section in report.sections:
        items = []
        for item in section.items:
            leads = [token(4, p.id, p.sentences[0].text) for p in item.paragraphs if p.has_lead]
            items.append(token(3, item.id, _item_label(item), leads))
        tokens.append(token(2, section.id, section.heading or _section_label(section), items))
    if report.closing:
        tokens.append(token(2, report.closing[0].id, "结束语"))
    return tokens


_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    if n <= 10:
        return "十" if n == 10 else _DIGITS[n]
    tens, ones = divmod(n, 10)
    return (_DIGITS[tens] if tens > 1 else "") + "十" + (_DIGITS[ones] if ones else "")


def _item_label(item: Item) -> str:
    return f"（{chinese_number(item.number)}）{item.title}"


def _section_label(section: Section) -> str:
    return f"第{chinese_number(section.number)}部分"


def render_report(loaded, lock: Lock) -> Page:
    report: Report = loaded.report
    meta = loaded.meta.meta
    aliases: dict[str, list[str]] = {}
    for old, new in redirects(lock, report.year, report.anchors()).items():
        aliases.setdefault(new, []).append(old)
    html = _env.get_template("report.html").render(
        report=report,
        meta=meta,
        normalized=loaded.normalized,
        raw_path=loaded.raw_path,
        aliases=aliases,
        chinese_number=chinese_number,
        Section=Section,
        Item=Item,
        Paragraph=Paragraph,
    )
    return Page(f"{report.year}.md", meta.title, html, toc_tokens(report))


def render_home(loaded_reports) -> Page:
    html = _env.get_template("home.html").render(reports=loaded_reports)
    return Page("index.md", "首页 · Home", html, [])


def render_site(loaded_reports, lock: Lock) -> Site:
    pages = [render_home(loaded_reports)]
    files: dict[str, str] = {}
    for loaded in loaded_reports:
        pages.append(render_report(loaded, lock))
        data = report_json(loaded.report, loaded.meta.meta.title)
        files[f"api/{loaded.report.year}.json"] = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    for name in ASSETS:
        files[name] = asset(name)
    return Site(pages, files)
