"""Open data: ``api/{year}.json``, every block and sentence of a report.

Plain dicts from the document model, with no templates involved, so
``python -m generator parse`` and any other reader of the model can produce
it without loading the site's machinery.
"""

from __future__ import annotations

import pathlib
from collections.abc import Mapping

from generator.model import Item, Report, Section
from generator.sources.rawfile import parse_reports
from generator.text import citation
from generator.text.indicators import indicators
from generator.text.script_conversion import converted_sentences


def report_json(report: Report, title: str | None, hant=None, translation=None, amendments=None,
                history: Mapping[str, tuple] | None = None) -> dict:
    """``api/{year}.json``: blocks in document order, texts normalized Simplified.

    Every block and sentence has its pinpoint (``label_zh``, ``label_en``), and
    an ``amended`` list (date, reason) when the lock records a correction of it.
    With a converter (``hant``) and a translation, blocks and sentences also
    carry ``text_hant`` and ``text_en`` (a block's English is its units' joined;
    null while pending), and each sentence its English's ``en_status``
    (ok, stale, carried, suggested, missing). ``indicators``:
    the targets and outturns the report states (:mod:`generator.text.indicators`),
    with whether it holds the parts they are read from. With ``history``
    (sentence anchor → :class:`generator.comparison.history.Step`), a sentence
    that continues or is continued in other reports of the edition lists them
    in ``history``, oldest first.
    """
    blocks: list[dict] = []
    sentences_hant = converted_sentences(report, hant) if hant is not None else {}

    labels = citation.labels(report)

    def _amended(item: dict) -> dict:
        found = (amendments or {}).get(item["id"])
        if found:
            item["amended"] = [{"date": a.date, "reason": a.reason} for a in found]
        return item

    def extra(block: dict, text: str | None, anchor: str | None) -> dict:
        # The pinpoint a citation prints, in Chinese and English (see citation.py).
        block["label_zh"], block["label_en"] = labels[block["id"]].zh, labels[block["id"]].en
        _amended(block)
        if hant is not None and text is not None:
            block["text_hant"] = hant(text)
        if translation is not None and anchor is not None:
            block["text_en"] = translation.block_text(anchor)
        return block

    for node in report.nodes():
        if isinstance(node, Section):
            blocks.append(extra({"id": node.id, "kind": "section", "number": node.number, "text": node.heading},
                                node.heading, node.id if node.heading else None))
        elif isinstance(node, Item):
            blocks.append(extra({"id": node.id, "kind": "item", "number": node.number, "text": node.title},
                                node.title, None))
        else:
            block = extra({"id": node.id, "kind": "paragraph", "text": node.text, "line": node.pos.line},
                          node.text, node.id)
            block["sentences"] = [_amended({"id": s.id, "text": s.text, "label_zh": labels[s.id].zh,
                                            "label_en": labels[s.id].en}) for s in node.sentences]
            if hant is not None:
                for sentence in block["sentences"]:
                    sentence["text_hant"] = sentences_hant[sentence["id"]]
            if translation is not None:
                for sentence in block["sentences"]:
                    _english(sentence, translation)
            for sentence in block["sentences"]:
                if history and sentence["id"] in history:
                    sentence["history"] = [step.json() for step in history[sentence["id"]]]
            blocks.append(block)
    figures = indicators(report).json()
    del figures["year"]
    return {"year": report.year, "title": title, "blocks": blocks, "indicators": figures}


def _english(sentence: dict, translation) -> None:
    """A sentence's English (``text_en``, null while pending) and its
    status; where one English sentence answers a run of Chinese ones, the
    run's first sentence holds it and every sentence of the run names the
    unit (``en_unit``, the run's anchor)."""
    segment = translation.of_sentence.get(sentence["id"])
    if segment is None:
        return
    sentence["text_en"] = translation.sentence_text(sentence["id"])
    sentence["en_status"] = translation.status(segment.anchor)
    if len(segment.sentences) > 1:
        sentence["en_unit"] = segment.anchor


def parse_file(
    path: pathlib.Path, year: int | None = None, layout: str | None = None, closing_line: int | None = None,
    encoding: str | None = None,
) -> list[dict]:
    """``python -m generator parse``: the API JSON of every report in a raw file, no metadata."""
    results = []
    for parsed in parse_reports(path, year, layout, closing_line, encoding):
        data = report_json(parsed.report, title=None)
        data["year"] = parsed.year
        data["layout"] = parsed.normalized.layout
        data["dropped"] = [{"line": d.line, "kind": d.kind, "text": d.text} for d in parsed.normalized.dropped]
        data["diagnostics"] = [str(d) for d in parsed.diagnostics]
        results.append(data)
    return results
