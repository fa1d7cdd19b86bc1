"""The English edition's glossary: its index (``en/glossary/``) and a page per
term (``en/glossary/SLUG/``).

The Chinese glossary pages are bilingual, but a reader who came through the
English edition should stay in it: its tooltips lead here, the chrome is in
English (``page.meta.gwr_lang``) and the site's navigation, which is
the Chinese edition's, is hidden as on the English report pages, and each occurrence opens the English
edition's report page at its sentence. What a term's page holds is decided
once (:func:`term_page.term_page`), as for the Chinese pages; this module
says how it looks in English: the English first, the Chinese beside it.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.links import ENGLISH_GLOSSARY, Links, english_term_uri, english_uri, glossary_uri, linker, term_uri
from generator.text.reference_formats import edition_page_tags
from generator.writers.glossary_index import BROWSE, by_category, english_a_to_z
from generator.writers.markup import Html, contents_name, join
from generator.writers.page import Page, TocToken
from generator.writers.site.glossary_pages import chart, english, trend, year_counts
from generator.writers.templating import env
from generator.writers.term_page import InReport, term_page

#: The index's ways in, in the order the English page has them: the A–Z
#: first, then the categories, then the pinyin an English reader may not know.
_BROWSE = [(anchor, en) for anchor, _, en in (BROWSE[1], BROWSE[2], BROWSE[0])]

_LINE = Html('<li><a href="{page}#{sentence}">{pin}</a><br>{english}<br>'
             '<span lang="zh-Hans">{before}<mark>{term}</mark>{after}</span></li>\n')


def concordance(found: InReport, page: str) -> Markup:
    """A term's occurrences in one report, as on its Chinese page
    (:func:`glossary_pages.concordance`), the English first: each
    sentence's pinpoint linked to it on the English edition's page."""
    return join([_LINE(page=page, sentence=o.sentence_id, pin=o.pinpoint.en, english=english(o),
                       before=o.before, term=o.term, after=o.after) for o in found.lines])


def render_english_glossary_index(loaded, links: Links) -> Page:
    """The glossary's index for English readers: by English rendering, by
    category, and by pinyin with each term's count in each report."""
    years, counts = year_counts(loaded)
    entries = [e.entry for e in loaded.glossary.entries]
    categories = by_category(entries)
    html = env.get_template("glossary_index_en.html").render(
        entries=entries, years=years, counts=counts, browse=_BROWSE, letters=english_a_to_z(entries),
        categories=categories, link=linker(links, ENGLISH_GLOSSARY))
    toc: list[TocToken] = [{"level": 2, "id": anchor, "name": contents_name(en), "children": []}
                           for anchor, en in _BROWSE]
    toc[1]["children"] = [{"level": 3, "id": c.anchor, "name": contents_name(c.en), "children": []}
                          for c in categories]  # under "By category"
    meta = {"gwr_lang": "en", "hide": ["navigation"],
            "alternates": links.alternates(glossary_uri(), glossary_uri("hant"), ENGLISH_GLOSSARY)}
    return Page(ENGLISH_GLOSSARY, "Glossary", html, toc, meta, in_nav=False)


def render_english_term(loaded, item, occurrences: list, links: Links, sizes: dict[int, int] | None = None) -> Page:
    """A term's page in the English edition; ``occurrences`` as for
    :func:`glossary_pages.render_term`."""
    term = term_page(loaded, item, occurrences, "hans")
    entry = item.entry
    here = english_term_uri(entry.slug)
    rows = trend(loaded, occurrences, sizes)
    link = linker(links, here)
    html = env.get_template("glossary_entry_en.html").render(
        term=term, entry=entry, trend=rows, chart=chart(rows),
        titles={r.report.year: r.meta.meta.title_en for r in loaded.reports},
        edit_url=links.repository.edit(item.path) if links.repository else None, link=link,
        concordance=lambda found: concordance(found, link(english_uri(found.year))))
    toc: list[TocToken] = [{"level": 2, "id": f"y{found.year}", "name": str(found.year), "children": []}
                           for found in term.reports]
    meta = {"gwr_lang": "en", "hide": ["navigation"],
            "alternates": links.alternates(term_uri(entry.slug), term_uri(entry.slug, "hant"), here),
            "citation": edition_page_tags("dictionaryEntry", entry.english.preferred, "en", entry.definition.en)}
    # The title is the English alone: Material writes it without a language
    # into the page's heading; the Chinese term is just below it, marked as Chinese.
    return Page(here, entry.english.preferred, html, toc, meta, in_nav=False)
