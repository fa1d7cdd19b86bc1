"""What a glossary term's page shows, decided once for every writer.

A term's page is written twice: by the site (``templates/glossary_entry.html``
through :mod:`site.glossary_pages`) and by the Markdown export
(:mod:`markdown.edition`). Both render the :class:`TermPage` made here and
say only how it looks: the term in both scripts, its facts (renderings,
variant forms, category), its definition and note, the entries it relates
to, and every sentence it occurs in, report by report. The site adds what
only a site has: the chart of its counts, the link to edit the entry.

A sentence of the concordance is named by its pinpoint (三（一）第2段第3句 ·
Part III, task 1, para. 2, sent. 3: :mod:`generator.text.citation`), not by
its anchor, and stands beside its English. The English is translated by
paragraph, so a sentence gets its paragraph's; where the English splits off a
task's title or a paragraph's lead (:mod:`generator.text.english_units`),
that part is the first sentence's, and what follows it the other sentences'.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from generator.links import SCRIPTS
from generator.sources.glossary import CATEGORIES
from generator.text import citation
from generator.text.english_units import EnglishUnit, locate
from generator.writers.rows import PENDING, STATUS_OF, Status
from generator.writers.templating import script_text


@dataclasses.dataclass(frozen=True)
class PageScript:
    """The script a glossary page is in, and the one its twin page is in."""

    script: str
    lang: str  # the BCP 47 tag of its Chinese
    t: Callable[[str], str]  # Simplified → the page's script
    other: str
    other_lang: str
    other_label: str  # the link to the twin page: 繁體字版, 简体字版

    def values(self) -> dict:
        """Its fields by name, for a template."""
        return {"script": self.script, "lang": self.lang, "t": self.t, "other": self.other,
                "other_lang": self.other_lang, "other_label": self.other_label}


def page_script(loaded, script: str) -> PageScript:
    other = "hans" if script == "hant" else "hant"
    return PageScript(script, SCRIPTS[script][0], script_text(loaded, script), other, SCRIPTS[other][0],
                      "繁體字版" if other == "hant" else "简体字版")


@dataclasses.dataclass(slots=True)
class Explained:
    """The definition or the note: a heading of its own, in both languages."""

    anchor: str
    name: str  # in the page's script
    name_en: str
    zh: str  # in the page's script
    en: str


@dataclasses.dataclass(slots=True)
class Related:
    slug: str
    term: str  # in the page's script
    english: str


@dataclasses.dataclass(slots=True)
class LineEnglish(Status):
    """The English beside a sentence of the concordance, cut around the
    term's rendering where it has one (``term`` is empty where it has none,
    and all three while the English is pending)."""

    status: str  # rows.CHECKED, STALE, PENDING
    before: str = ""
    term: str = ""
    after: str = ""


@dataclasses.dataclass(slots=True)
class Line:
    """A sentence of the concordance, cut around the occurrence: where it
    stands (its anchor, and its pinpoint with the Chinese in the page's
    script), and the English beside it."""

    sentence_id: str
    pinpoint: citation.Label
    before: str
    term: str
    after: str
    english: LineEnglish


@dataclasses.dataclass(slots=True)
class InReport:
    year: int
    title: str  # the report's, in the page's script
    lines: tuple[Line, ...]


@dataclasses.dataclass(frozen=True)
class TermPage:
    entry: object  # glossary.Entry: the term, its reading and renderings as written
    page: PageScript
    traditional: str  # the term in Traditional characters, whatever the page's script
    variants: str | None  # its variant forms, in the page's script, 、 between them
    category: tuple[str, str]  # Chinese (in the page's script), English
    explained: tuple[Explained, ...]  # the definition, the note
    related: tuple[Related, ...]
    count: int  # its occurrences in the edition
    reports: tuple[InReport, ...]  # the reports it occurs in, in the edition's order
    source: str  # the entry's file


def related_entries(loaded, entry) -> list:
    return [loaded.glossary.by_slug[s].entry for s in entry.related if s in loaded.glossary.by_slug]


def paragraph_english(loaded, occurrences: list) -> dict[tuple[int, str], EnglishUnit | None]:
    """(year, block) → its English (None while pending), for each paragraph
    or heading the occurrences are in: what a term's page reads of the
    translations, so a memo can key the page on it."""
    out: dict[tuple[int, str], EnglishUnit | None] = {}
    for o in occurrences:
        key = (o.year, o.paragraph_id)
        if key not in out:
            unit = loaded.english.get(o.year, {}).get(o.paragraph_id)
            out[key] = None if unit is None or unit.pending else unit
    return out


def line_english(unit: EnglishUnit | None, sentence: str, slug: str, glossary) -> LineEnglish:
    """The English beside a sentence: the unit of ``unit`` (its block's
    English) that answers it, the first rendering of the term (``slug``) in
    it cut out."""
    answer = unit.of(sentence) if unit is not None else None
    if answer is None or answer.text is None:
        return LineEnglish(PENDING)
    status, text = STATUS_OF[answer.status], answer.text
    spans, _ = locate(text, [slug], glossary)
    if not spans:
        return LineEnglish(status, text)
    span = spans[0]
    return LineEnglish(status, text[:span.start], text[span.start:span.end], text[span.end:])


def term_page(loaded, item, occurrences: list, script: str) -> TermPage:
    """The page of ``item`` (a LoadedEntry) in ``script``; ``occurrences``: its
    occurrences in the edition, in document order."""
    page = page_script(loaded, script)
    t, entry = page.t, item.entry
    reports = {r.report.year: r.report for r in loaded.reports}
    english = paragraph_english(loaded, occurrences)
    pinpoints: dict[tuple[int, str], citation.Label] = {}
    beside: dict[tuple[int, str], LineEnglish] = {}
    by_year: dict[int, list[Line]] = {}
    for o in occurrences:  # one list per report (a filter per year was a third of the site's term pages)
        words = t(o.sentence)
        where = (o.year, o.sentence_id)
        pinpoint = pinpoints.get(where)
        if pinpoint is None:
            label = citation.labels(reports[o.year])[o.sentence_id]
            pinpoint = pinpoints[where] = citation.Label(t(label.zh), label.en)
        shown = beside.get((o.year, o.sentence_id))
        if shown is None:
            shown = beside[(o.year, o.sentence_id)] = line_english(english[(o.year, o.paragraph_id)], o.sentence_id,
                                                                   entry.slug, loaded.glossary)
        by_year.setdefault(o.year, []).append(Line(o.sentence_id, pinpoint, words[:o.start], words[o.start:o.end],
                                                   words[o.end:], shown))
    zh, en = CATEGORIES[entry.category]
    return TermPage(
        entry=entry, page=page, traditional=loaded.converter.convert(entry.term),  # with the entry's own `traditional`
        variants=t("、".join(entry.aliases)) if entry.aliases else None, category=(t(zh), en),
        explained=tuple(Explained(anchor, t(name), name_en, t(words.zh), words.en)
                        for anchor, name, name_en, words in (("definition", "释义", "Definition", entry.definition),
                                                             ("note", "说明", "Note", entry.note))),
        related=tuple(Related(r.slug, t(r.term), r.english.preferred) for r in related_entries(loaded, entry)),
        count=len(occurrences),
        reports=tuple(InReport(r.report.year, t(r.meta.meta.title), tuple(by_year[r.report.year]))
                      for r in loaded.reports if r.report.year in by_year),
        source=item.path)
