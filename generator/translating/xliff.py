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

import pydantic
from lxml import etree

from generator.diagnostics import Diagnostics, GeneratorError, relpath
from generator.project.project import Project
from generator.sources import translation as tr
from generator.sources.inputs import refuse_controls
from generator.sources.translation_edits import put_units
from generator.translating.segments_out import STATES, XML_LANG, units_of

NS = "urn:oasis:names:tc:xliff:document:1.2"
_X = f"{{{NS}}}"  # how export names its elements; import reads any prefix, or none
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: The tool's marks for a target a translator has checked.
_CHECKED = {"final", "signed-off"}
_ORIGINAL = re.compile(r"(\d{4})\.en\.yml$")


def export_xliff(project: Project, year: int, out: pathlib.Path, copy_source: bool = False) -> int:
    """Write ``year``'s units to ``out``; returns how many. ``copy_source``:
    every target holds the Chinese, for a tool that translates the target's
    text (OmegaT's XLIFF filter does: given our English as the target, it
    offered the English for translation); the English then reaches the tool
    as the TMX memory (:mod:`tmx`)."""
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
        # Named (resname), not given an id: a heading's unit has the heading's anchor as its id.
        if group is None or group.get("resname") != unit.block:
            group = etree.SubElement(body, f"{_X}group", resname=unit.block)
        element = etree.SubElement(group, f"{_X}trans-unit", id=unit.anchor, attrib={_SPACE: "preserve"})
        if unit.status == tr.OK and not copy_source:
            element.set("approved", "yes")
        etree.SubElement(element, f"{_X}source", attrib={XML_LANG: "zh-CN"}).text = unit.chinese
        state, qualifier = STATES[tr.MISSING if copy_source else unit.status]
        target = etree.SubElement(element, f"{_X}target", attrib={XML_LANG: "en", "state": state})
        if qualifier:
            target.set("state-qualifier", qualifier)
        target.text = unit.chinese if copy_source else unit.english or ""
        etree.SubElement(element, f"{_X}note", attrib={"from": "pinpoint"}).text = \
            f"{unit.label_zh} · {unit.label_en}"
        for term in unit.terms:
            etree.SubElement(element, f"{_X}note", attrib={"from": "glossary"}).text = term
        if unit.note:
            etree.SubElement(element, f"{_X}note", attrib={"from": "pretranslate"}).text = unit.note
        if unit.was is not None:  # the tool shows a suggestion as the match it is: the old Chinese beside the new
            match = etree.SubElement(element, f"{_X}alt-trans", origin="pretranslate")
            etree.SubElement(match, f"{_X}source", attrib={XML_LANG: "zh-CN"}).text = unit.was
            etree.SubElement(match, f"{_X}target", attrib={XML_LANG: "en"}).text = unit.english
    etree.ElementTree(root).write(str(out), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return len(units)


@dataclasses.dataclass(frozen=True)
class Imported:
    written: list[str]  # units whose English changed, or which were checked in the tool: now stamped
    unchanged: int  # the English as it was, an empty target, or the Chinese left in it (not translated there)
    refused: Diagnostics  # units not written, each with the file's path:line


#: A target this much Han is Chinese, not English: a tool left a unit untranslated, or a slip.
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
CHINESE_SHARE = 0.3


#: Inline codes of the source format (XLIFF 1.2's placeholders): not words. Their tails are.
_CODES = {"ph", "bpt", "ept", "it", "x", "bx", "ex"}
_SPACES = re.compile(r"[ \t\r\n]+")


def fold(text: str) -> str:
    """Runs of ASCII white space as one space, ends trimmed: how the files
    keep English. (Other spaces, such as U+00A0, are text.)"""
    return _SPACES.sub(" ", text).strip()


def _words(element) -> str:
    out = [element.text or ""]
    for child in element:
        if etree.QName(child).localname not in _CODES:
            out.append(_words(child))
        out.append(child.tail or "")
    return "".join(out)


def _text(element) -> str:
    """An element's words, inline marks (<g>, <mrk>) taken as their text,
    inline codes (<ph>, <x/> …) left out, white space folded."""
    return fold(_words(element)) if element is not None else ""


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
    root = _read(path, shown).getroot()
    ns = etree.QName(root).namespace
    x = f"{{{ns}}}" if ns else ""
    files = root.findall(f"{x}file")
    refused = Diagnostics()
    written: list[str] = []
    unchanged = 0
    if not files:
        raise GeneratorError.single(shown, root.sourceline, "no <file> element: import a file that "
                                                            "`python -m generator xliff export` wrote")
    for file in files:
        found = _ORIGINAL.search(file.get("original", ""))
        if found is None:
            raise GeneratorError.single(shown, file.sourceline, "this <file original=…> names no YYYY.en.yml: import "
                                                                "a file that `python -m generator xliff export` wrote")
        done = _import_file(project, int(found.group(1)), file.iter(f"{x}trans-unit"), x, shown, refused)
        written += done[0]
        unchanged += done[1]
    return Imported(written, unchanged, refused)


def _import_file(project: Project, year: int, elements, x: str, shown: str, refused: Diagnostics):
    loaded = project.load()  # once: report() would load the project again
    report = project.report(year, loaded)
    translation = loaded.translations[year]
    chinese = {s.anchor: s.chinese for s in translation.segments}
    changed: dict[str, dict] = {}
    unchanged = 0
    for element in elements:
        anchor = element.get("id", "")
        source, target = element.find(f"{x}source"), element.find(f"{x}target")
        if anchor not in chinese:
            refused.error(shown, element.sourceline, f"unit {anchor!r} is not a sentence, run or heading of the {year} "
                                                     "report as its translation file cuts it now; export again and "
                                                     "carry the English over")
            continue
        if _text(source) != fold(chinese[anchor]):
            refused.error(shown, source.sourceline if source is not None else element.sourceline,
                          f"unit {anchor}: its source is not the report's Chinese any more (the text was corrected "
                          "since the export); export again, and check this unit's English against the new Chinese")
            continue
        english = _text(target)
        unit = translation.units.get(anchor)
        if not english or english == _text(source):
            unchanged += 1  # an empty target never removes English; the Chinese left there is not translated yet
            continue
        if len(_HAN.findall(english)) > CHINESE_SHARE * len(english):
            refused.error(shown, target.sourceline, f"unit {anchor}: its target is Chinese, not English; translate "
                                                    "it, or leave it as the tool gave it")
            continue
        checked = target.get("state") in _CHECKED or element.get("approved") == "yes"
        if unit is not None and fold(unit.en) == english and not (checked and translation.status(anchor) != tr.OK):
            unchanged += 1
            continue
        fields = {"zh": tr.fingerprint(chinese[anchor]), "en": english}
        try:  # what the file may hold: no control characters, no markup (the checks `check` runs on it)
            refuse_controls(english, shown)
            tr.Unit.model_validate(fields)
        except GeneratorError as exc:
            refused.error(shown, target.sourceline, f"unit {anchor}: its target cannot be written: it "
                                                    f"{exc.diagnostics[0].message}")
            continue
        except pydantic.ValidationError as exc:
            refused.error(shown, target.sourceline, f"unit {anchor}: its target cannot be written: "
                                                    f"{exc.errors()[0]['msg'].removeprefix('Value error, ')}")
            continue
        changed[anchor] = fields
    if changed:
        put_units(report, project.source_dir, project.root, changed)
    return list(changed), unchanged
