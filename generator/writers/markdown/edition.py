"""``python -m generator export md OUT/``: the edition as a MkDocs project of Markdown files.

For readers who want the pages themselves: to build them into their own
MkDocs site, keep notes beside them, or read offline. ``OUT/`` gets:

* ``mkdocs.yml``: the project's site name, Material theme settings and
  Markdown extensions (attr_list, md_in_html and toc are what the pages
  need), the pages' CSS and JavaScript, a navigation; no gwr plugin, so a
  plain ``mkdocs build`` builds it;
* ``docs/``: a home page, each report in Simplified and Traditional
  (:mod:`generator.writers.markdown.report_page`), the glossary index and a page per term in both
  scripts, the project's hand-written pages as they are, and
  ``assets/gwr.css``, ``gwr.js`` and ``cite.js`` (Pagefind's search and the
  compare pages are the site's own: the export has neither);
* ``.gwr-export``, the list of what it wrote: exporting again replaces those
  files while they are as written and keeps every other file (notes, edits);
  a changed file, or a folder without the list, is written over only with
  ``--force`` (:mod:`generator.writers.export_files`).

Links between pages are relative links to ``.md`` files, from
:func:`links.source_path_link`; MkDocs turns them into URLs. Every piece of
text passes through :mod:`generator.writers.markdown.syntax`.
"""

from __future__ import annotations

import dataclasses
import pathlib

import yaml
from mkdocs.utils import meta as front_matter
from mkdocs.utils import yaml_load

from generator.diagnostics import GeneratorError, relpath
from generator.links import GLOSSARY, HOME, SCRIPTS, Links, glossary_uri, linker, report_uri, source_path_link, term_uri
from generator.text.term_matching import by_slug
from generator.writers.export_files import write_folder
from generator.writers.glossary_index import by_category, english_a_to_z
from generator.writers.markdown import syntax as md
from generator.writers.markdown.report_page import ReportPage
from generator.writers.rows import MARKS, PENDING_MARK
from generator.writers.templating import asset
from generator.writers.term_page import LineEnglish, page_script, term_page

#: The theme overrides the export carries (in OUT/overrides/): Material's table-of-contents entry, made safe.
OVERRIDES = "overrides"
TOC_ITEM = "partials/toc-item.html"
THEME = pathlib.Path(__file__).resolve().parent.parent.parent / "theme"
#: Assets the exported pages use: the report view (gwr) and the cite tool.
ASSETS = ("assets/gwr.css", "assets/gwr.js", "assets/cite.js")
#: The site's name when the project's mkdocs.yml gives none.
NAME = "政府工作报告"
#: What the pages need of Python-Markdown, added to the project's own extensions if it lacks them.
EXTENSIONS = ("attr_list", "md_in_html", "toc")


@dataclasses.dataclass(frozen=True)
class Exported:
    pages: int
    files: int
    size: int  # bytes
    kept: list[str]  # the reader's files in the folder, left as they were


def export(loaded, root: pathlib.Path, out: pathlib.Path, force: bool = False) -> Exported:
    """Write the MkDocs project of ``loaded`` (the project at ``root``) into ``out``
    (:func:`export_files.write_folder`: a reader's files there are kept)."""
    config = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8")) if (root / "mkdocs.yml").exists() else {}
    docs = root / config.get("docs_dir", "docs")
    _check_out(out, root, docs)
    handwritten = sorted(p for p in docs.glob("*") if p.is_file()) if docs.is_dir() else []
    links = Links(source_path_link)
    pages = {HOME: _home(loaded, config, handwritten, links)}
    for entry in loaded.reports:
        for script in SCRIPTS:
            pages[report_uri(entry.report.year, script)] = ReportPage(entry, loaded, script, links).markdown()
    grouped = by_slug(loaded.occurrences)
    for script in SCRIPTS:
        pages[glossary_uri(script)] = _glossary_index(loaded, script, links)
        for item in loaded.glossary.entries:
            pages[term_uri(item.entry.slug, script)] = _term(loaded, item, grouped.get(item.entry.slug, []), script,
                                                             links)
    for path in handwritten:
        if path.name in pages:
            raise GeneratorError.single(relpath(path, root), None, "has the name of a generated page; docs/ holds "
                                                                   "hand-written pages only: rename or remove it")
    files = {f"docs/{name}": asset(name).encode() for name in ASSETS}
    files.update({f"docs/{path.name}": path.read_bytes() for path in handwritten})
    files.update({f"docs/{name}": text.encode() for name, text in pages.items()})
    files["mkdocs.yml"] = _mkdocs_yml(loaded, config, handwritten).encode()
    files[f"{OVERRIDES}/{TOC_ITEM}"] = (THEME / TOC_ITEM).read_bytes()
    written = write_folder(out, files, force)
    return Exported(len(pages) + sum(p.suffix == ".md" for p in handwritten), written.files, written.size,
                    written.kept)


def _check_out(out: pathlib.Path, root: pathlib.Path, docs: pathlib.Path) -> None:
    """Refuse to write into the project's own pages, or over the project
    itself (--force or not; export_files checks the rest)."""
    resolved = out.resolve()
    if resolved == docs.resolve() or docs.resolve() in resolved.parents:
        raise GeneratorError.single(str(out), None, f"is inside the project's {relpath(docs, root)}/, whose pages "
                                                    "the site builds; give a folder outside it")
    if resolved == root.resolve() or (out / "docs").resolve() == docs.resolve():
        raise GeneratorError.single(str(out), None, "is the project itself: the export would write over its "
                                                    "mkdocs.yml and docs/; give a folder of its own")


def _mkdocs_yml(loaded, config: dict, handwritten: list[pathlib.Path]) -> str:
    extensions = list(config.get("markdown_extensions") or [])
    named = {e if isinstance(e, str) else next(iter(e)) for e in extensions}
    extensions += [name for name in EXTENSIONS if name not in named]
    settings = {
        "site_name": config.get("site_name") or NAME,
        "site_description": config.get("site_description"),
        # With the site's table-of-contents entry, which keeps Material from making
        # a heading's "<" or "&" into markup (theme/partials/toc-item.html).
        "theme": {**(config.get("theme") or {"name": "material"}), "custom_dir": OVERRIDES},
        "markdown_extensions": extensions,
        "extra_css": [name for name in ASSETS if name.endswith(".css")],
        "extra_javascript": [name for name in ASSETS if name.endswith(".js")],
        # Home, the reports newest first, the glossary, then the hand-written pages, as on the site;
        # term pages and the Traditional editions are reached through links.
        "nav": [HOME, *(report_uri(r.report.year) for r in loaded.reports), GLOSSARY,
                *(p.name for p in handwritten if p.suffix == ".md")],
        "not_in_nav": f"/{SCRIPTS['hant'][1]}\n/glossary/\n",
        "validation": config.get("validation"),
    }
    head = ("# Written by `python -m generator export md`: the edition as Markdown pages.\n"
            "# Build it with `mkdocs build` (or preview it with `mkdocs serve`) in this folder.\n")
    return head + yaml.dump({k: v for k, v in settings.items() if v is not None}, Dumper=_Dumper,
                            allow_unicode=True, sort_keys=False, width=1000)


class _Dumper(yaml.SafeDumper):
    """Writes a text of several lines as a block (``|``), as a person would."""


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


# --- the home page and the glossary ------------------------------------------------------


def _home(loaded, config: dict, handwritten: list[pathlib.Path], links: Links) -> str:
    link = linker(links, HOME)
    lines = [md.front_matter("首页 · Home"), f"# {md.text(config.get('site_name') or NAME)}", ""]
    if config.get("site_description"):
        lines += [md.text(config["site_description"], True), md.attrs(lang="en"), ""]
    lines += [f"## 各年报告 · Reports {md.attrs(id='reports')}", ""]
    for entry in loaded.reports:
        meta, year = entry.meta.meta, entry.report.year
        lines += [f"- {md.link(f'**{md.text(meta.title)}**', link(report_uri(year)))}"
                  f"（{md.link('繁體', link(report_uri(year, 'hant')), None, lang='zh-Hant')}）— "
                  f"{md.text(meta.speaker)}，{meta.delivered.isoformat()}<br>",
                  f"  本版所收：{md.text(meta.holds)}<br>",
                  f'  <span lang="en">{md.text(meta.title_en)}: {md.text(meta.holds_en)}</span>']
    lines += ["", f"## 术语 · Glossary {md.attrs(id='glossary')}", "",
              f"{md.link('术语表', link(GLOSSARY))}"
              f"（{md.link('繁體', link(glossary_uri('hant')), None, lang='zh-Hant')}）"
              f"收录报告中的 {len(loaded.glossary)} 个政治和政策术语。 <span lang=\"en\">The "
              f"{md.link('glossary', link(GLOSSARY))} explains {len(loaded.glossary)} political and policy terms "
              "of the reports.</span>", ""]
    pages = [(p.name, front_matter.get_data(p.read_text(encoding="utf-8"))[1].get("title") or p.stem)
             for p in handwritten if p.suffix == ".md"]
    if pages:
        lines += [f"## 说明 · About {md.attrs(id='about')}", "",
                  *(f"- {md.link(md.text(str(title)), link(name))}" for name, title in pages), ""]
    return "\n".join(lines)


def _glossary_index(loaded, script: str, links: Links) -> str:
    """The index, in dictionary order, with counts per report (a Markdown table)."""
    page = page_script(loaded, script)
    t = page.t
    here = glossary_uri(script)
    link = linker(links, here)
    years = [r.report.year for r in loaded.reports]
    grouped = by_slug(loaded.occurrences)
    rows = [f"| {t('术语')} Term | {t('拼音')} Pinyin | {t('英文')} English | " + " | ".join(map(str, years)) + " |",
            "|---|---|---|" + "--:|" * len(years)]
    for item in loaded.glossary.entries:
        e, found = item.entry, grouped.get(item.entry.slug, [])
        counts = [sum(1 for o in found if o.year == year) or "" for year in years]
        rows.append(f"| {md.link(md.text(t(e.term)), link(term_uri(e.slug, script)))} | {md.text(e.reading)} | "
                    f"{md.text(e.english.preferred)} | " + " | ".join(map(str, counts)) + " |")
    return "\n".join([
        md.front_matter(t("术语表") + " · Glossary"),
        md.tag("div", "gwr-glossary", lang=page.lang, markdown="1"), "",
        md.text(t("报告中的政治和政策术语，按拼音排序；数字是各年报告中出现的次数。"), True) + " "
        + md.link(page.other_label, link(glossary_uri(page.other)), None, "gwr-other-script", lang=page.other_lang), "",
        "Political and policy terms of the reports, sorted by pinyin; the numbers count their occurrences in "
        "each year's report.", md.attrs(lang="en"), "", *rows, "", *_browse(loaded, t, link, script), "</div>", ""])


def _browse(loaded, t, link, script: str) -> list[str]:
    """The index's other ways in, as the site's page has them: English A–Z, then by category."""
    entries = [item.entry for item in loaded.glossary.entries]

    def item(e) -> str:
        return f"- {md.link(md.text(e.english.preferred), link(term_uri(e.slug, script)))} · {md.text(t(e.term))} " \
               f"{md.text(e.reading)}"

    out = [f"## {md.text(t('按英文'))} · English A–Z {{ #english-a-z }}", ""]
    for letter in english_a_to_z(entries):
        out += [f"### {md.text(letter.name)} {{ #{letter.anchor} }}", "", *map(item, letter.entries), ""]
    out += [f"## {md.text(t('按类别'))} · By category {{ #by-category }}", ""]
    for group in by_category(entries, t):
        out += [f"### {md.text(group.zh)} · {md.text(group.en)} ({len(group.entries)}) {{ #{group.anchor} }}", "",
                *(f"- {md.link(md.text(t(e.term)), link(term_uri(e.slug, script)))} {md.text(e.reading)} · "
                  f"{md.text(e.english.preferred)}" for e in group.entries), ""]
    return out


def _line_english(english: LineEnglish) -> str:
    """The English beside a sentence of a term's concordance, as the site's page shows it."""
    if english.pending:
        return f'<span class="gwr-pending" lang="en">{md.text(PENDING_MARK)}</span>'
    words = md.text(english.before)
    if english.term:
        words += f"<mark>{md.text(english.term)}</mark>{md.text(english.after)}"
    if english.status in MARKS:  # stale, carried or suggested, as the site's page says
        mark, title = MARKS[english.status]
        return f"{md.tag('span', mark, lang='en', title=title)}{words}</span>"
    return f'<span lang="en">{words}</span>'


def _term(loaded, item, occurrences: list, script: str, links: Links) -> str:
    """A term's page (:func:`term_page.term_page`) as Markdown."""
    term = term_page(loaded, item, occurrences, script)
    page, e = term.page, item.entry
    t = page.t
    link = linker(links, term_uri(e.slug, script))
    head = (f'<span class="gwr-term-big" lang="zh-Hans" title="简体 · Simplified">{md.text(e.term)}</span> '
            f'<span class="gwr-term-big gwr-term-hant" lang="zh-Hant" title="繁體 · Traditional">'
            f'{md.text(term.traditional)}</span> <span class="gwr-term-pinyin">{md.text(e.reading)}</span> '
            + md.link(page.other_label, link(term_uri(e.slug, page.other)), None, "gwr-other-script",
                      lang=page.other_lang))
    facts = [f"{t('英文译名')} · English: <strong lang=\"en\">{md.text(e.english.preferred)}</strong>"]
    facts += [f"{t('其他译法')} · Other renderings: " + "; ".join(
        f'<span lang="en">{md.text(r.rendering)} — {md.text(r.used)}</span>' for r in e.english.others)] \
        if e.english.others else []
    facts += [f"{t('异形')} · Variant forms: {md.text(term.variants)}"] if term.variants else []
    facts.append(f"{t('类别')} · Category: {md.text(term.category[0])} · {md.text(term.category[1])}")
    lines = [md.front_matter(f"{t(e.term)} · {e.english.preferred}"),
             md.tag("div", "gwr-glossary-entry", lang=page.lang, markdown="1"), "", head, md.attrs("gwr-term-head"),
             "", *(f"- {md.line(fact)}" for fact in facts), ""]
    for part in term.explained:
        lines += [f"## {part.name} · {part.name_en} {md.attrs(id=part.anchor)}", "", md.text(part.zh, True), "",
                  md.text(part.en, True), md.attrs(lang="en"), ""]
    if term.related:
        lines += [f"## {t('相关术语')} · Related {md.attrs(id='related')}", "",
                  *(f"- {md.link(md.text(r.term), link(term_uri(r.slug, script)))} "
                    f'<span lang="en">{md.text(r.english)}</span>' for r in term.related), ""]
    lines += [f"## {t('出处')} · Occurrences ({term.count}) {md.attrs(id='occurrences')}", ""]
    if not term.count:
        lines += [f"{md.text(t('本版所收文本中未出现。'), True)} · Does not occur in the texts of this edition.", ""]
    for found in term.reports:
        lines += [f"### {md.text(found.title)}（{len(found.lines)}） {md.attrs(id=f'y{found.year}')}", ""]
        for n, line in enumerate(found.lines, start=1):
            where = link(report_uri(found.year, script), line.sentence_id)
            pinpoint = (f"{md.tag('span', lang=page.lang)}{md.text(line.pinpoint.zh)}</span> · "
                        f"<span lang=\"en\">{md.text(line.pinpoint.en)}</span>")
            lines.append(f"{n}. {md.link(pinpoint, where)}<br>{md.tag('span', lang=page.lang)}"
                         f"{md.text(line.before)}<mark>{md.text(line.term)}</mark>{md.text(line.after)}</span>"
                         f"<br>{_line_english(line.english)}")
        lines.append("")
    lines += [f"{t('本条目的源文件')} · Source of this entry: {md.code(term.source)}. "
              f"{t('欢迎通过拉取请求改进。')} Improvements are welcome by pull request.", md.attrs("gwr-edit"), "",
              "</div>", ""]
    return "\n".join(lines)
