"""A translation memory of the edition: TMX 1.4, every checked unit of every year.

A translator's tool reads it to offer this edition's English wherever next
year's report repeats a sentence or comes close to one. Only checked units
go in (their English translates the Chinese as it stands): a stale, carried
or suggested unit would teach the memory a pairing nobody has read. Each
``<tu>`` names its report and anchor (``tuid`` ``2024/sec_3__item_1__para_2__sent_3``,
and as properties), so a match in the tool leads back to the sentence on the site.
No dates are written, so the same edition makes the same file.
"""

from __future__ import annotations

import importlib.metadata
import pathlib

from lxml import etree

from generator.project.project import Project
from generator.sources import translation as tr
from generator.translating.segments_out import XML_LANG, units_of


def export_tmx(project: Project, out: pathlib.Path) -> tuple[int, int]:
    """Write the memory to ``out``; returns (units written, units left out as not checked)."""
    loaded = project.checked()
    try:
        version = importlib.metadata.version("gwr-generator")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", creationtool="gwr-generator", creationtoolversion=version, segtype="sentence",
                     attrib={"o-tmf": "gwr-yaml", "adminlang": "en", "srclang": "zh-CN", "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    written = left = 0
    for entry in loaded.reports:
        year = entry.report.year
        for unit in units_of(loaded, year):
            if unit.status != tr.OK:
                left += unit.status != tr.MISSING
                continue
            tu = etree.SubElement(body, "tu", tuid=f"{year}/{unit.anchor}")
            if unit.grain != "sentence":  # the header says sentence; a run or a paragraph says what it is
                tu.set("segtype", unit.grain)
            etree.SubElement(tu, "prop", type="x-year").text = str(year)
            etree.SubElement(tu, "prop", type="x-anchor").text = unit.anchor
            etree.SubElement(tu, "note").text = f"{unit.label_zh} · {unit.label_en}"
            for lang, text in (("zh-CN", unit.chinese), ("en", unit.english)):
                tuv = etree.SubElement(tu, "tuv", attrib={XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = text
            written += 1
    etree.ElementTree(root).write(str(out), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return written, left
