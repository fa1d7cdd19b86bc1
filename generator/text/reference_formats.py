"""What a reference manager gets from the edition: the report as an item, the
clause as its locator.

A citation names a work and a place in it. The work here is the report (or,
for its English, this edition's translation of it), never a clause: every
format carries the report's title without a pinpoint, so the clauses a
reader cites from one report are one item in their library. The clause is
the locator where a format has one (the notes a citation style prints) and
the note where it has none (RIS, BibTeX, CSL-JSON items: the clause's label
and its anchored address).

- :func:`csl_item`: the item as CSL-JSON, what citeproc (Zotero, pandoc)
  renders; :func:`templates` writes the GB/T 7714-2015 and Chicago strings
  as citeproc renders that item with the clause as its locator (a test runs
  pandoc's citeproc with the official styles to prove it), and the RIS,
  BibTeX (BibLaTeX ``@report``) and CSL-JSON files, with slots for what the
  page fills in (the pinpoint, the addresses, the reader's access date).
- :func:`page_tags`: the meta tags Zotero's Embedded Metadata translator
  reads a report page with: a report, its institution and author the State
  Council (one institutional name), the edition as translator of the English.

The premier who delivered the report is no author (the State Council is):
he is named in the abstract, in his role. Why each tag and field is the one
it is (Zotero's translators, pandoc, biber) is in docs/anchors.md, "Citing".
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re

from generator.model import Report
from generator.text.citation import PIECES, Label, containers

#: The edition, as the translator of its English (an institution, one name).
EDITION = "政府工作报告注释双语版"
EDITION_EN = "Annotated Bilingual Edition of the Government Work Report"

#: The slots a template leaves open. ⟪…⟫ never occurs in report text or in
#: BibTeX, RIS or JSON syntax, so filling them cannot touch anything else.
SLOT_MEANINGS = {
    "label_zh": "the pinpoint in Chinese, e.g. 三（一）第2段第3句",
    "label_en": "the pinpoint in English, e.g. Part III, task 1, para. 2, sent. 3",
    "page": "the address of the report's Chinese page the citation is made from",
    "url": "the address of the clause on that page: the page's and #anchor",
    "page_en": "the address of the report's page in the English edition",
    "url_en": "the address of the clause there",
    "accessed": "the date the reader accessed it, YYYY-MM-DD",
}
SLOTS = tuple(SLOT_MEANINGS)

#: Every language a report is cited in: the two scripts of the Chinese, and the English.
LANGUAGES = ("zh-Hans", "zh-Hant", "en")


def slot(name: str) -> str:
    return f"⟪{name}⟫"


def typographic(text: str) -> str:
    """One apostrophe style, the one citeproc prints: People’s, not People's."""
    return text.replace("'", "’")


@dataclasses.dataclass(frozen=True)
class Work:
    """What a citation says about the report itself, from its metadata."""

    year: int
    title: str  # 2024年政府工作报告
    title_en: str  # Report on the Work of the Government, 2024
    speaker: str  # 国务院总理 李强
    speaker_en: str  # Li Qiang, Premier of the State Council
    occasion: str
    occasion_en: str
    delivered: datetime.date
    holds: str = ""  # what the edition holds of it
    holds_en: str = ""
    whole: bool = False

    AUTHOR = "国务院"
    AUTHOR_EN = "State Council of the People’s Republic of China"
    PLACE, PLACE_EN = "北京", "Beijing"

    def key(self, language: str) -> str:
        """gwr2024-zh-Hans: one per report and language, so the Simplified,
        Traditional and English items of one report never share a key."""
        return f"gwr{self.year}-{language}"

    def abstract(self, t=lambda text: text) -> str:
        """The report, who gave it where, and what the edition holds of it (in the page's script)."""
        d = self.delivered
        rest = "" if self.whole else "，其余部分未收入本版"
        speaker = "".join(self.speaker.split())  # 国务院总理李强: no space in running Chinese
        return t(f"{speaker}于{d.year}年{d.month}月{d.day}日在{self.occasion}上所作的政府工作报告。"
                 f"本版收录{self.holds}{rest}。")

    def abstract_en(self) -> str:
        rest = "" if self.whole else "; the rest of the report is not included"
        holds = re.sub(r"^(The|A|An) ", lambda found: found.group(0).lower(), self.holds_en)  # "holds the opening …"
        return typographic(f"The report delivered by {self.speaker_en}, to the {self.occasion_en} on "
                           f"{us_date(self.delivered)}. This edition holds {holds}{rest}. The English is "
                           f"this edition’s own translation, not an official one.")


def work(meta) -> Work:
    """The citation facts of a report, from its metadata (a ``metadata.Metadata``)."""
    return Work(meta.year, meta.title, meta.title_en, meta.speaker, meta.speaker_en, meta.occasion,
                meta.occasion_en, meta.delivered, meta.holds, meta.holds_en, meta.whole)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def us_date(date: datetime.date) -> str:
    """March 5, 2024: Chicago's form."""
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def csl_item(work: Work, language: str, url: str, t=lambda text: text) -> dict:
    """The report as a CSL-JSON item (``language`` zh-Hans, zh-Hant, or en
    for this edition's translation), at ``url``; ``t`` writes the Chinese in
    the item's script. The author is an institution, so a ``literal`` name."""
    delivered = [[work.delivered.year, work.delivered.month, work.delivered.day]]
    if language == "en":
        return {"id": work.key(language), "type": "report", "title": work.title_en,
                "author": [{"literal": work.AUTHOR_EN}], "translator": [{"literal": EDITION_EN}],
                "publisher": work.AUTHOR_EN, "publisher-place": work.PLACE_EN, "issued": {"date-parts": delivered},
                "language": "en", "URL": url, "abstract": work.abstract_en()}
    return {"id": work.key(language), "type": "report", "title": t(work.title), "author": [{"literal": t(work.AUTHOR)}],
            "publisher": t(work.AUTHOR), "publisher-place": t(work.PLACE), "issued": {"date-parts": delivered},
            "language": language, "URL": url, "abstract": work.abstract(t)}


def _bibtex(text: str) -> str:
    """BibTeX's special characters in a text field, escaped."""
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def _iso(item: dict) -> str:
    y, m, d = item["issued"]["date-parts"][0]
    return f"{y:04d}-{m:02d}-{d:02d}"


def _bibtex_entry(item: dict, note: str, accessed: str) -> str:
    """A BibLaTeX ``@report``: Zotero, pandoc and biber read it as a report
    with its institution; a name in double braces is one institutional name.
    ``note`` is written in BibTeX already (its address in ``\\url``)."""
    def name(field: str) -> list[str]:
        return [f"  {field} = {{{{{_bibtex(n['literal'])}}}}}," for n in item.get(field, [])]

    return "\n".join([
        f"@report{{{item['id']},",
        *name("author"),
        *name("translator"),
        f"  title = {{{_bibtex(item['title'])}}},",
        f"  institution = {{{_bibtex(item['publisher'])}}},",
        f"  location = {{{_bibtex(item['publisher-place'])}}},",
        f"  date = {{{_iso(item)}}},",
        f"  language = {{{item['language']}}},",
        f"  url = {{{item['URL']}}},",
        f"  urldate = {{{accessed}}},",
        f"  abstract = {{{_bibtex(item['abstract'])}}},",
        f"  note = {{{note}}},",
        "}",
    ]) + "\n"


def _ris(item: dict, note: str, accessed: str) -> str:
    """RIS as Zotero's RIS translator reads a report: RPRT, the institution
    in PB, the translator in A4. An institution's name ends with a comma
    (RIS's "family, given" with no given name): Zotero and pandoc then keep
    it one name, where they would cut "State Council of the … China" in two.
    DA is the date Zotero reads; PY the year, which is all pandoc reads."""
    y, m, d = item["issued"]["date-parts"][0]
    return "\r\n".join([
        "TY  - RPRT",
        *(f"AU  - {n['literal']}," for n in item["author"]),
        *(f"A4  - {n['literal']}," for n in item.get("translator", [])),
        f"TI  - {item['title']}",
        f"PB  - {item['publisher']}",
        f"CY  - {item['publisher-place']}",
        f"PY  - {y}",
        f"DA  - {y:04d}/{m:02d}/{d:02d}",
        f"LA  - {item['language']}",
        f"UR  - {item['URL']}",
        f"Y2  - {accessed}",
        f"AB  - {item['abstract']}",
        f"N1  - {note}",
        "ER  - ",
    ]) + "\r\n"


def _note(language: str, url=lambda address: address) -> str:
    """The note a citation of one clause carries where the format has no
    locator: the clause's label and its address (``url`` writes an address
    as the format wants it), and for the English whose translation it is."""
    if language == "en":
        return f"{slot('label_en')}: {url(slot('url_en'))}. Unofficial translation by {EDITION_EN}."
    return f"{slot('label_zh')}: {url(slot('url'))}"


def _bibtex_url(address: str) -> str:
    return f"\\url{{{address}}}"


def templates(work: Work, t=lambda text: text, language: str = "zh-Hans") -> dict[str, str]:
    """Every format, with slots: the strings as citeproc renders them (GB/T
    7714-2015 note, Chicago notes and bibliography) and the files a
    reference manager imports, for the Chinese (in the page's script, as
    ``language``) and for this edition's English."""
    zh = csl_item(work, language, slot("page"), t)
    en = csl_item(work, "en", slot("page_en"))
    accessed = slot("accessed")
    d = work.delivered
    zh_note, en_note = _note(language), _note("en")
    # The reader's access date, as CSL-JSON's "raw" form of a date (citeproc reads it).
    reached = {"accessed": {"raw": accessed}}
    return {
        # china-national-standard-gb-t-7714-2015-note: the first note, the clause as its locator.
        "gbt7714": (f"{zh['author'][0]['literal']}. {zh['title']}[R/OL]. {zh['publisher-place']}: "
                    f"{zh['publisher']}, {d.year}: {slot('label_zh')}[{accessed}]. {slot('page')}."),
        # chicago-notes-bibliography: a note, the clause as its locator, and the bibliography's entry.
        "chicago": (f"{work.AUTHOR_EN}, {work.title_en}, trans. {EDITION_EN} ({work.AUTHOR_EN}, {d.year}), "
                    f"{slot('label_en')}, {slot('page_en')}."),
        "chicago_bibliography": (f"{work.AUTHOR_EN}. {work.title_en}. Translated by {EDITION_EN}. "
                                 f"{work.AUTHOR_EN}, {d.year}. {slot('page_en')}."),
        "bibtex": _bibtex_entry(zh, _note(language, _bibtex_url), accessed),
        "ris": _ris(zh, zh_note, accessed),
        "csl": json.dumps([{**zh, **reached, "note": zh_note}], ensure_ascii=False, indent=2) + "\n",
        "bibtex_en": _bibtex_entry(en, _note("en", _bibtex_url), accessed),
        "ris_en": _ris(en, en_note, accessed),
        "csl_en": json.dumps([{**en, **reached, "note": en_note}], ensure_ascii=False, indent=2) + "\n",
    }


def fill(template: str, values: dict[str, str]) -> str:
    """Fill every slot; the browser (assets/cite.js) does the same with the same templates."""
    for name in SLOTS:
        template = template.replace(slot(name), values[name])
    return template


def page_tags(work: Work, t, language: str) -> list[tuple[str, str]]:
    """The meta tags of a report's page in ``language``, as Zotero's Embedded
    Metadata translator reads them: ``citation_technical_report_institution``
    makes the page a report (without it, a journal article); the author is
    ``DC.creator``, as ``citation_author`` would leave no room for the
    translator; a trailing comma keeps a name with spaces one name (Zotero's
    cleanAuthor); ``eprints.place_of_pub`` is the one tag it takes a place from.
    The theme adds ``citation_public_url``: only the engine knows the page's address."""
    date = work.delivered.strftime("%Y/%m/%d")
    if language == "en":
        return [("citation_title", work.title_en), ("citation_technical_report_institution", work.AUTHOR_EN),
                ("DC.creator", f"{work.AUTHOR_EN},"), ("z.translators", f"{EDITION_EN},"),
                ("citation_date", date), ("citation_language", "en"), ("citation_abstract", work.abstract_en()),
                ("eprints.place_of_pub", work.PLACE_EN)]
    return [("citation_title", t(work.title)), ("citation_technical_report_institution", t(work.AUTHOR)),
            ("DC.creator", t(work.AUTHOR)), ("citation_date", date), ("citation_language", language),
            ("citation_abstract", work.abstract(t)), ("eprints.place_of_pub", t(work.PLACE))]


def page_data(work: Work, report: Report, t, language: str, url: str | None, english: str | None) -> dict:
    """What the cite tool needs on a report's page, in its script (``t``,
    ``language``): the formats, the label pieces and the labels of the
    containers; ``url`` is the page's address where the site's is known,
    ``english`` the English edition's page, absolute or from this page."""
    def label(value: Label) -> list[str]:
        return [t(value.zh), value.en]

    return {
        "year": work.year,
        "url": url,
        "english": english,
        "templates": templates(work, t, language),
        "pieces": {name: [t(zh), en] for name, (zh, en) in PIECES.items()},
        "containers": {anchor: label(value) for anchor, value in containers(report).items()},
    }


def citation_json(work: Work, url: str | None, url_en: str | None) -> dict:
    """The ``citation`` object of ``api/{year}.json``: the facts, the items
    (CSL-JSON) and the formats with their slots, so a program cites a clause
    as the site does."""
    return {
        "title": work.title, "title_en": work.title_en,
        "author": work.AUTHOR, "author_en": work.AUTHOR_EN, "translator_en": EDITION_EN,
        "speaker": work.speaker, "speaker_en": work.speaker_en,
        "occasion": work.occasion, "occasion_en": work.occasion_en,
        "date": work.delivered.isoformat(), "url": url, "url_en": url_en,
        "items": {language: csl_item(work, language, (url_en if language == "en" else url) or "")
                  for language in ("zh-Hans", "en")},
        "formats": templates(work),
        "slots": {slot(name): meaning for name, meaning in SLOT_MEANINGS.items()},
    }


def cite(work: Work, label: Label, page: str, page_en: str, anchor: str, accessed: datetime.date,
         t=lambda text: text, language: str = "zh-Hans") -> dict[str, str]:
    """Every format for one clause, filled: what the cite tool shows for it."""
    values = {"label_zh": t(label.zh), "label_en": label.en, "page": page, "url": f"{page}#{anchor}",
              "page_en": page_en, "url_en": f"{page_en}#{anchor}", "accessed": accessed.isoformat()}
    return {name: fill(template, values) for name, template in templates(work, t, language).items()}


def edition_page_tags(kind: str, title: str, language: str, description: str = "") -> list[tuple[str, str]]:
    """The tags of a page that is this edition's own work, not the report: a
    term's page (``kind`` dictionaryEntry) or a comparison (webpage). Dublin
    Core, which Zotero's Embedded Metadata translator reads (its type from
    ``DC.type``), with the edition as publisher."""
    edition = EDITION_EN if language == "en" else EDITION
    tags = [("DC.type", kind), ("DC.title", title), ("DC.publisher", edition), ("DC.language", language)]
    return [*tags, ("DC.description", description)] if description else tags
