"""Search records: one per paragraph and per glossary entry, in Chinese and in English.

A reader searches for a clause, not a page, so every paragraph of every
report is a record of its own whose URL is the paragraph's anchor: a hit
lands on the words. Each paragraph is a record twice, once per index
language of the Pagefind bundle (:mod:`generator.search.pagefind` writes it):

- ``x-hans``: the Chinese, indexed by the Simplified text, on the Simplified
  page; its meta carries the Traditional text, page and labels too
  (``hant_*``), so one index serves both scripts. The Traditional text is the
  Simplified one converted character for character (OpenCC keeps the
  length), so the search box turns a Traditional query into Simplified with
  the character map of :func:`script_map` and shows the hit in the query's
  script. A Traditional index of its own made the bundle and the indexing
  half as large again, for the same clauses;
- ``en``: the English translation, on the report's page in the English
  edition (``en/2024/``): a hit in the English opens the English (a
  glossary entry's, its page in the English edition). Pagefind
  keeps one record per URL, so the English record needs an address of its own.

The Chinese records are indexed by pairs of characters (:func:`bigrams`),
under a private-use language tag so Pagefind does not cut them again with
its dictionary; their text for display is in ``meta.text``. English goes
through Pagefind's English stemming.

Glossary entries are records too (``kind: glossary``), carrying every form
a reader may type (``forms``: term, aliases, Traditional, English
renderings) so the search box can put an entry whose form is the query
first. The English record's text is its renderings, set apart by ``;``,
then its definition after a dash (:func:`english_text`). URLs are relative
to the site's root, as the engine resolves them (:class:`links.Links`); the
search script resolves them against the root.
"""

from __future__ import annotations

import dataclasses
import re

from generator.diagnostics import Diagnostics
from generator.links import HOME, Links, english_term_uri, english_uri, report_uri, term_uri
from generator.project.memo import Memo
from generator.sources.grammar import HAN
from generator.text import citation

#: Index language → the script of the pages its records link to (x-hans records
#: name their Traditional page in ``meta.hant_url``).
LANGUAGES = {"x-hans": "hans", "en": "hans"}
#: Separates the forms in a glossary record's ``forms`` meta field.
FORM_SEPARATOR = "|"

_RUNS = re.compile(rf"([{HAN}]+)|([A-Za-z0-9]+)")


def bigrams(text: str) -> str:
    """The words a Chinese record is indexed under: every two characters that
    follow each other (a lone character stands for itself), and runs of Latin
    letters and digits, lowercased. search.js turns a query into words the
    same way, so a query matches where its characters stand together in the
    text, whatever a dictionary would cut: Pagefind's own segmenter cut
    发展银发经济 so that 银发经济 found one of its three clauses.

    >>> bigrams("发展银发经济，5G")
    '发展 展银 银发 发经 经济 5g'
    """
    words: list[str] = []
    for han, latin in _RUNS.findall(text):
        if latin:
            words.append(latin.lower())
        elif len(han) == 1:
            words.append(han)
        else:
            words.extend(han[i:i + 2] for i in range(len(han) - 1))
    return " ".join(words)


@dataclasses.dataclass(frozen=True)
class Record:
    url: str
    language: str  # a key of LANGUAGES
    content: str
    meta: tuple[tuple[str, str], ...]
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    sort: tuple[tuple[str, str], ...] = ()

    def as_json(self) -> dict:
        return {"url": self.url, "language": self.language, "content": self.content, "meta": dict(self.meta),
                "filters": {k: list(v) for k, v in self.filters}, "sort": dict(self.sort)}

    @classmethod
    def from_json(cls, data: dict) -> Record:
        return cls(data["url"], data["language"], data["content"], tuple(data["meta"].items()),
                   tuple((k, tuple(v)) for k, v in data["filters"].items()), tuple(data["sort"].items()))


def records(loaded, links: Links, memo: Memo | None = None) -> list[Record]:
    """Every record of the site, in a stable order (reports newest first).
    With the project's ``memo`` (a `mkdocs serve` session) the records of a
    report or term whose inputs did not change are kept: at 30 reports,
    making them all again was a second of every rebuild."""
    memo, unused = memo or Memo(), Diagnostics()
    hant = loaded.converter.convert
    out: list[Record] = []
    for entry in sorted(loaded.reports, key=lambda r: -r.report.year):
        translation = loaded.translations.get(entry.report.year)
        out.extend(memo.get(("records", entry.report.year), (entry, translation, loaded.converter, links),
                            lambda _: _report(entry, translation, hant, links), unused))
    for item in loaded.glossary.entries:
        out.extend(memo.get(("records", "term", item.entry.slug), (item.entry, loaded.converter, links),
                            lambda _: _term(item.entry, hant, links), unused))
    return out


def _report(entry, translation, hant, links: Links) -> list[Record]:
    report, year = entry.report, entry.report.year
    labels = citation.labels(report)
    pages = {script: links.url(HOME, report_uri(year, script)) for script in ("hans", "hant")}
    pages["en"] = links.url(HOME, english_uri(year))  # an English hit opens the English edition
    title_zh, title_en = entry.meta.meta.title, entry.meta.meta.title_en
    out = []
    for paragraph in report.paragraphs():
        label = labels[paragraph.id]
        filters = (("year", (str(year),)), ("kind", ("text",)))
        sort = (("year", str(year)),)
        meta = (("year", str(year)), ("anchor", paragraph.id))

        def named(report: str, where: str) -> tuple:
            return (("title", f"{report} · {where}"), ("report", report), ("label", where), *meta)

        traditional = (("hant_url", f"{pages['hant']}#{paragraph.id}"), ("hant_report", hant(title_zh)),
                       ("hant_label", hant(label.zh)), ("hant_text", hant(paragraph.text)))
        out.append(Record(f"{pages['hans']}#{paragraph.id}", "x-hans", bigrams(paragraph.text),
                          (*named(title_zh, label.zh), ("text", paragraph.text), *traditional), filters, sort))
        english = translation.block_text(paragraph.id) if translation is not None else None
        if english:
            out.append(Record(f"{pages['en']}#{paragraph.id}", "en", english,
                              named(title_en, label.en), filters, sort))
    return out


def _term(entry, hant, links: Links) -> list[Record]:
    english = [entry.english.preferred, *(r.rendering for r in entry.english.others)]
    traditional = [entry.traditional or hant(entry.term), *(hant(a) for a in entry.aliases)]
    forms = FORM_SEPARATOR.join(dict.fromkeys([*entry.forms, *traditional, *english]))
    filters = (("kind", ("glossary",)),)
    meta = (("forms", forms), ("slug", entry.slug), ("term", entry.term), ("english", entry.english.preferred),
            ("pinyin", entry.reading))
    pages = {script: links.url(HOME, term_uri(entry.slug, script)) for script in ("hans", "hant")}
    pages["en"] = links.url(HOME, english_term_uri(entry.slug))
    return [
        Record(pages["hans"], "x-hans", bigrams(" ".join([*entry.forms, entry.definition.zh])),
               (("title", entry.term), *meta, ("text", entry.definition.zh), ("hant_url", pages["hant"]),
                ("hant_title", traditional[0]), ("hant_text", hant(entry.definition.zh)), ("en_url", pages["en"])),
               filters),
        # An English hit opens the term's page in the English edition.
        Record(pages["en"], "en", english_text(entry),
               (("title", entry.english.preferred), *meta, ("text", entry.definition.en)), filters),
    ]


#: Between an entry's English renderings, and after them, in its English record.
RENDERINGS_SEPARATOR, DEFINITION_SEPARATOR = "; ", " — "


def english_text(entry) -> str:
    """An entry's English record as a hit shows it (Pagefind's excerpt is cut
    from it): its renderings, preferred first, apart from each other and from
    its definition, so "new quality productive forces; new-quality productive
    forces — …" does not run together. Punctuation only: every word in it is
    one a reader may search for, and an English query finds the same words."""
    renderings = dict.fromkeys([entry.english.preferred, *(r.rendering for r in entry.english.others)])
    return RENDERINGS_SEPARATOR.join(renderings) + DEFINITION_SEPARATOR + entry.definition.en


def script_map(records: list[dict]) -> dict[str, str]:
    """What the search box needs to read and show either script, from the
    records' Simplified texts and their Traditional conversions (``meta.text``
    and ``meta.hant_text``, the same length), as compact as it can be read
    back (:func:`read_map`; search.js does the same):

    * ``to_hant``: each Simplified character with the Traditional one it most
      often becomes, where that is another ("发發经經…"); a record says where
      its own text differs from that (:func:`compact`), so a hit shows the
      converter's Traditional text without carrying it whole;
    * ``hant``: the Traditional characters whose Simplified one is not found by
      reading ``to_hant`` backwards (髮 → 发, where 发 mostly becomes 發), to
      read a Traditional query;
    * ``hans_also``: the Simplified characters of ``to_hant`` that also stand
      in the Traditional text (干, which 乾 and 幹 convert from); the others
      are Simplified only, and a query holding one is known to be Simplified."""
    to_hans: dict[str, dict[str, int]] = {}
    to_hant: dict[str, dict[str, int]] = {}
    in_hant: set[str] = set()
    for simplified, traditional in _pairs(records):
        in_hant.update(traditional)
        for s, t in zip(simplified, traditional):
            counts = to_hant.setdefault(s, {})
            counts[t] = counts.get(t, 0) + 1
            if s != t:
                counts = to_hans.setdefault(t, {})
                counts[s] = counts.get(s, 0) + 1
    # A character met as two others keeps the commoner (ties: the first in code order).
    hans = {t: max(sorted(counts), key=counts.__getitem__) for t, counts in sorted(to_hans.items())}
    hant = {s: t for s, counts in sorted(to_hant.items()) if (t := max(sorted(counts), key=counts.__getitem__)) != s}
    backwards = {t: s for s, t in hant.items()}
    return {"to_hant": "".join(s + t for s, t in hant.items()),
            "hant": "".join(t + s for t, s in hans.items() if backwards.get(t) != s),
            "hans_also": "".join(sorted(set(hant) & in_hant))}


def read_map(made: dict[str, str]) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """:func:`script_map`'s strings as search.js reads them: (Traditional →
    Simplified, Simplified → Traditional, the Simplified-only characters)."""
    to_hant = dict(zip(made["to_hant"][::2], made["to_hant"][1::2]))
    to_hans = {t: s for s, t in to_hant.items()}
    to_hans.update(zip(made["hant"][::2], made["hant"][1::2]))
    return to_hans, to_hant, set(to_hant) - set(made["hans_also"])


def _pairs(records: list[dict]):
    for record in records:
        meta = record["meta"]
        for simplified, traditional in ((meta.get("text"), meta.get("hant_text")),
                                        (meta.get("title"), meta.get("hant_title"))):
            if simplified and traditional and len(simplified) == len(traditional):
                yield simplified, traditional


def compact(records: list[dict], made: dict[str, str]) -> list[dict]:
    """The records as the bundle holds them: a Traditional text becomes the
    places where it differs from ``made["to_hant"]`` applied character by
    character (``hant_fix``: "17髮,45乾", positions in characters), usually
    none. Pagefind indexes metadata as words and stores it in every result's
    fragment; the whole Traditional text made the bundle a fifth larger."""
    _, to_hant, _ = read_map(made)
    out = []
    for record in records:
        meta = dict(record["meta"])
        traditional = meta.pop("hant_text", None)
        if traditional is not None:
            simplified = meta.get("text", "")
            if len(simplified) != len(traditional):  # never from OpenCC; kept whole if it happens
                meta["hant_text"] = traditional
            else:
                fix = ",".join(f"{i}{t}" for i, (s, t) in enumerate(zip(simplified, traditional))
                               if to_hant.get(s, s) != t)
                if fix:
                    meta["hant_fix"] = fix
        out.append({**record, "meta": meta})
    return out
