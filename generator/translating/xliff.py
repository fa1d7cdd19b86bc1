"""The English of a report as XLIFF 1.2, out to a translation tool and back.

XLIFF 1.2 is the version every CAT tool reads (OmegaT, Trados, memoQ,
Phrase). ``export`` writes one ``<group>`` per paragraph or heading and in it
one ``<trans-unit>`` per unit (:mod:`segments_out`): ``id`` the unit's anchor,
the Chinese as ``source`` (``zh-CN``), the English as ``target`` (``en``)
with a state that says what it is (``final`` and ``approved`` checked, ``translated`` carried
over, ``needs-review-translation`` stale or suggested, ``needs-translation``
and no words while pending), and notes with the pinpoint and the glossary's
renderings of the terms in it.

``import`` writes back the targets a translator changed, stamped as
translated from the Chinese as it stands (and a target left as it was but
marked ``final``, ``signed-off`` or approved in the tool: the translator checked it).
It refuses, with the file's ``path:line``, a unit whose id the report no
longer has or whose source no longer matches the report's Chinese (export
again), and writes the others. It never removes English: a unit left out of
the file, or with an empty target, stays as it is. An unchanged file changes
nothing.
"""

from __future__ import annotations

import dataclasses
import pathlib
import re

from lxml import etree

from generator.diagnostics import Diagnostics, GeneratorError, relpath
from generator.project.project import Project
from generator.sources import translation as tr
from generator.sources.translation_edits import put_units
from generator.translating.segments_out import STATES, units_of

NS = "urn:oasis:names:tc:xliff:document:1.2"
_X = f"{{{NS}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: The tool's marks for a target a translator has checked.
_CHECKED = {"final", "signed-off"}
_ORIGINAL = re.compile(r"(\d{4})\.en\.yml$")


def export_xliff(project: Project, year: int, out: pathlib.Path) -> int:
    """Write ``year``'s units to ``out``; returns how many."""
    loaded = project.checked()
    translation = loaded.translations[year]
    root = etree.Element(f"{_X}xliff", nsmap={None: NS}, version="1.2")
    file = etree.SubElement(root, f"{_X}file", original=translation.path, datatype="plaintext",
                            attrib={"source-language": "zh-CN", "target-language": "en", "tool-id": "gwr-generator"})
    header = etree.SubElement(file, f"{_X}header")
    etree.SubElement(header, f"{_X}tool", attrib={"tool-id": "gwr-generator", "tool-name": "gwr generator"})
    etree.SubElement(header, f"{_X}note").text = (
        f"The {year} Government Work Report and this edition's own English (unofficial). Each unit's id is its "
        "anchor on the site. Import with: python -m generator xliff import FILE")
    body = etree.SubElement(file, f"{_X}body")
    units = units_of(loaded, year)
    group = None
    for unit in units:
        if group is None or group.get("id") != unit.block:
            group = etree.SubElement(body, f"{_X}group", id=unit.block)
        element = etree.SubElement(group, f"{_X}trans-unit", id=unit.anchor, attrib={_SPACE: "preserve"})
        if unit.status == tr.OK:
            element.set("approved", "yes")
        etree.SubElement(element, f"{_X}source", attrib={_XML_LANG: "zh-CN"}).text = unit.chinese
        state, qualifier = STATES[unit.status]
        target = etree.SubElement(element, f"{_X}target", attrib={_XML_LANG: "en", "state": state})
        if qualifier:
            target.set("state-qualifier", qualifier)
        target.text = unit.english or ""
        etree.SubElement(element, f"{_X}note", attrib={"from": "pinpoint"}).text = \
            f"{unit.label_zh} · {unit.label_en}"
        for term in unit.terms:
            etree.SubElement(element, f"{_X}note", attrib={"from": "glossary"}).text = term
        if unit.note:
            etree.SubElement(element, f"{_X}note", attrib={"from": "pretranslate"}).text = unit.note
        if unit.was is not None:  # the tool shows a suggestion as the match it is: the old Chinese beside the new
            match = etree.SubElement(element, f"{_X}alt-trans", origin="pretranslate")
            etree.SubElement(match, f"{_X}source", attrib={_XML_LANG: "zh-CN"}).text = unit.was
            etree.SubElement(match, f"{_X}target", attrib={_XML_LANG: "en"}).text = unit.english
    etree.ElementTree(root).write(str(out), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return len(units)


@dataclasses.dataclass(frozen=True)
class Imported:
    written: list[str]  # units whose English changed, or which were checked in the tool: now stamped
    unchanged: int
    refused: Diagnostics  # units not written, each with the file's path:line


def _text(element) -> str:
    """An element's words, inline marks (<g>, <mrk>) taken as their text, white space folded."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _read(path: pathlib.Path, shown: str):
    if not path.is_file():
        raise GeneratorError.single(shown, None, "no such file; give the XLIFF file the translation tool saved")
    try:
        return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except OSError as exc:
        raise GeneratorError.single(shown, None, f"cannot read the file ({exc.strerror or exc}); check the path") \
            from None
    except etree.XMLSyntaxError as exc:
        raise GeneratorError.single(shown, exc.lineno, f"not well-formed XML: {exc.msg}; save the file from the "
                                                       "translation tool again") from None


def import_xliff(project: Project, path: pathlib.Path) -> Imported:
    shown = relpath(path, project.root) if path.is_absolute() else str(path)
    document = _read(path, shown)
    ns = document.getroot().nsmap.get(None) == NS and _X or ""
    file = document.getroot().find(f"{ns}file")
    found = _ORIGINAL.search(file.get("original", "")) if file is not None else None
    if found is None:
        raise GeneratorError.single(shown, file.sourceline if file is not None else None,
                                    "this file's <file original=…> names no YYYY.en.yml: import a file that "
                                    "`python -m generator xliff export` wrote")
    year = int(found.group(1))
    report = project.report(year)
    loaded = project.load()
    translation = loaded.translations[year]
    chinese = {s.anchor: s.chinese for s in translation.segments}
    refused = Diagnostics()
    changed: dict[str, dict] = {}
    unchanged = 0
    for element in document.getroot().iter(f"{ns}trans-unit"):
        anchor = element.get("id", "")
        source, target = element.find(f"{ns}source"), element.find(f"{ns}target")
        if anchor not in chinese:
            refused.error(shown, element.sourceline, f"unit {anchor!r} is not a sentence, run or heading of the {year} "
                                                     "report as its translation file cuts it now; export again and "
                                                     "carry the English over")
            continue
        if _text(source) != " ".join(chinese[anchor].split()):
            refused.error(shown, source.sourceline if source is not None else element.sourceline,
                          f"unit {anchor}: its source is not the report's Chinese any more (the text was corrected "
                          "since the export); export again, and check this unit's English against the new Chinese")
            continue
        english = _text(target)
        unit = translation.units.get(anchor)
        if not english:
            unchanged += 1  # an empty target never removes English
            continue
        checked = target.get("state") in _CHECKED or element.get("approved") == "yes"
        if unit is not None and unit.en == english and not (checked and translation.status(anchor) != tr.OK):
            unchanged += 1
            continue
        changed[anchor] = {"zh": tr.fingerprint(chinese[anchor]), "en": english}
    if changed:
        put_units(report, project.source_dir, project.root, changed)
    return Imported(list(changed), unchanged, refused)
