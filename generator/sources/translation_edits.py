"""Writing English units back into ``source_texts/YYYY.en.yml``, keeping what translators wrote.

Three commands change these files: ``stamp`` (a translator has checked a
unit: record the fingerprint of the Chinese it translates), ``xliff import``
(English written in a translation tool) and ``pretranslate`` (next year's
report filled from this year's). All edit the YAML text rather than dump the
data, so comments and layout survive, then read the result back and write
nothing unless exactly the intended units changed.

``stamp`` rewrites one line per unit (its ``zh:``) and drops the lines of a
carried or suggested unit's ``state``, ``was`` and ``from``; :func:`put_units`
writes whole units, replacing a unit's lines or inserting new units in the
report's order.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import pathlib
import re
import textwrap

from generator.diagnostics import Diagnostics, GeneratorError, relpath
from generator.model import Report
from generator.sources.schema import read_text
from generator.sources.translation import fingerprint, segments, translation_path
from generator.sources.yamlfile import YamlDoc, parse_yaml

#: What a folded scalar cannot hold as it is: line breaks, tabs and other control characters.
_UNFOLDABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ZH_LINE = re.compile(r"^(\s*zh:\s*)([^\s#]*)(.*)$")
#: What a unit loses when a translator stamps it: pretranslate's marks.
_UNSTAMPED = ("state", "was", "from")
HEADER = ("# Unofficial English translation of the {year} report, written for this edition\n"
          "# (not the official translation). One unit per sentence of the Chinese, keyed by its\n"
          "# anchor (a run of sentences one English sentence answers: …__sent_2-3), and one per\n"
          "# part heading. `zh` is a fingerprint of the Chinese the unit translates: after writing\n"
          "# or revising a unit, run `python -m generator stamp {year} ANCHOR` to record it.\n"
          "year: {year}\nlanguage: en\nunits:\n")


@dataclasses.dataclass(frozen=True)
class Stamped:
    """A unit whose fingerprint was recorded, and where."""

    anchor: str
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: stamped {self.anchor}"


def _unstampable(anchor: str, units: dict, expected: dict[str, str], year: int) -> str | None:
    """Why ``anchor`` cannot be stamped, with the nearest anchor that can; None if it can."""
    if anchor in units and anchor in expected:
        return None
    if anchor in expected:
        return f"unit {anchor} has no English yet; write it under units:, then stamp it"
    near = difflib.get_close_matches(anchor, [a for a in expected if a in units], n=1, cutoff=0.6)
    hint = f"did you mean {near[0]}?" if near else "check the anchor on the report page"
    return f"{anchor} is not a sentence or heading of the {year} report; {hint}"


def _scalar(value: str) -> str:
    """A fingerprint as YAML reads it back as text: one of only decimal
    digits (one in about 280) would read as a number, so it is quoted."""
    return f'"{value}"' if value.isdigit() else value


def _read(report: Report, source_dir: pathlib.Path, root: pathlib.Path) -> tuple[pathlib.Path, str, str, YamlDoc]:
    path = translation_path(source_dir, report.year)
    shown = relpath(path, root)
    if not path.exists():
        raise GeneratorError.single(shown, None, "no translation file; write its units first")
    text = read_text(path, shown)
    return path, shown, text, parse_yaml(text, shown)


def _units(doc: YamlDoc, shown: str) -> dict:
    units = doc.data.get("units") if isinstance(doc.data, dict) else None
    if not isinstance(units, dict):
        raise GeneratorError.single(shown, doc.line(("units",)), "no units: mapping to stamp")
    return units


def _key_lines(doc: YamlDoc, anchor: str, unit: dict, end: int) -> dict[str, tuple[int, int]]:
    """Key of ``unit`` → its first and last line (0-based, inclusive), the unit ending before line ``end``."""
    starts = sorted((doc.lines[("units", anchor, key)] - 1, key) for key in unit if ("units", anchor, key) in doc.lines)
    return {key: (first, (starts[i + 1][0] if i + 1 < len(starts) else end) - 1)
            for i, (first, key) in enumerate(starts)}


def _units_end(doc: YamlDoc, lines: list[str]) -> int:
    """The line (0-based) after the ``units:`` mapping: the next top-level key, or the end."""
    start = doc.lines.get(("units",), 0)
    return next((i for i in range(start, len(lines))
                 if lines[i][:1] not in ("", " ", "#", "\t")), len(lines))


def _unit_ends(doc: YamlDoc, units: dict, lines: list[str]) -> dict[str, int]:
    """Unit → the line (0-based) after its last, past trailing blank and comment lines."""
    order = sorted(units, key=lambda a: doc.lines[("units", a)])
    last = _units_end(doc, lines)
    ends = {}
    for i, anchor in enumerate(order):
        start = doc.lines[("units", anchor)] - 1
        end = doc.lines[("units", order[i + 1])] - 1 if i + 1 < len(order) else last
        while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        ends[anchor] = end
    return ends


def stamp(report: Report, source_dir: pathlib.Path, root: pathlib.Path, anchors: list[str]) -> list[Stamped]:
    """Record the current fingerprint for ``anchors`` (if none are given: every
    stale or carried unit, never a suggestion, which is stamped by name).

    Edits the YAML text line by line, so comments and formatting that
    translators wrote survive; re-reads the result and writes nothing unless
    only the fingerprints (and pretranslate's marks) changed.
    """
    path, shown, text, doc = _read(report, source_dir, root)
    units = _units(doc, shown)
    expected = {s.anchor: s.chinese for s in segments(report, units)}
    # Every unit not checked, but a suggestion: last year's English for changed words is revised one by one.
    wanted = list(dict.fromkeys(anchors)) or [
        a for a, u in units.items() if a in expected and isinstance(u, dict) and u.get("state") != "suggested"
        and (u.get("zh") != fingerprint(expected[a]) or any(k in u for k in _UNSTAMPED))]
    refused = Diagnostics()
    for anchor in wanted:
        why = _unstampable(anchor, units, expected, report.year)
        if why:
            refused.error(shown, doc.line(("units", anchor)), why)
    if refused:
        raise GeneratorError(refused)
    lines = text.split("\n")
    ends = _unit_ends(doc, units, lines)
    # Line (0-based, as read) → what replaces it: every edit is placed on the
    # lines as read, so no edit moves another.
    edits: dict[int, list[str]] = {}
    for anchor in wanted:
        key_line = doc.lines[("units", anchor)] - 1
        unit = units[anchor]
        en_line = doc.lines.get(("units", anchor, "en"), 0) - 1
        if not isinstance(unit, dict) or en_line <= key_line:
            raise GeneratorError.single(shown, key_line + 1,
                                        f"unit {anchor} is not a block mapping (`{anchor}:` then `en:` on its own "
                                        "line); rewrite it that way, then stamp it")
        spans = _key_lines(doc, anchor, unit, ends[anchor])
        for key in (k for k in _UNSTAMPED if k in spans):  # gone, but a translator's comment inside stays
            first, last = spans[key]
            edits.update((i, [lines[i]] if lines[i].lstrip().startswith("#") else []) for i in range(first, last + 1))
        value = _scalar(fingerprint(expected[anchor]))
        if "zh" in spans:
            zh_line = spans["zh"][0]
            match = _ZH_LINE.match(lines[zh_line])
            if match is None:  # the key quoted ("zh":) or spaced (zh :): not a line this edit can rewrite
                raise GeneratorError.single(shown, zh_line + 1, f"unit {anchor}: write its fingerprint line as "
                                                                "`zh: VALUE`, then stamp it")
            edits[zh_line] = [f"{match.group(1)}{value}{match.group(3)}"]
        else:
            en = lines[en_line]
            edits[key_line] = [lines[key_line], en[: len(en) - len(en.lstrip())] + f"zh: {value}"]
    lines = [new for i, line in enumerate(lines) for new in edits.get(i, [line])]
    result = "\n".join(lines)
    after = parse_yaml(result, shown)
    intended = {a: {**{k: v for k, v in u.items() if k not in _UNSTAMPED}, "zh": fingerprint(expected[a])}
                if a in wanted else u for a, u in units.items()}
    if after.data != {**doc.data, "units": intended}:
        raise GeneratorError.single(shown, None, "stamping would change more than the fingerprints; nothing written. "
                                                 "Set the zh: values by hand")
    path.write_text(result, encoding="utf-8")
    return [Stamped(a, shown, after.lines[("units", a)]) for a in sorted(wanted, key=list(units).index)]


def _value(text: str, indent: str) -> list[str]:
    """``text`` as YAML lines after ``key:``: folded at 100 columns where that
    reads back as the same text, else one double-quoted line."""
    width = 100 - len(indent)
    if text and text == text.strip() and "  " not in text and not _UNFOLDABLE.search(text):
        folded = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
        if " ".join(folded) == text:
            return [" >-", *(indent + line for line in folded)]
    # JSON's string is YAML's double-quoted one; what YAML would read as a line break is escaped.
    quoted = json.dumps(text, ensure_ascii=False)
    return [" " + re.sub("[\x80-\x9f\u2028\u2029]", lambda c: f"\\u{ord(c.group()):04x}", quoted)]


def unit_lines(anchor: str, unit: dict) -> list[str]:
    """A unit as the files write it: ``zh``, ``state``, ``from``, ``was``, ``en``, each present."""
    out = [f"  {anchor}:"]
    for key in ("zh", "state", "from", "was", "en"):
        value = unit.get(key)
        if value is None:
            continue
        if key in ("zh", "state"):
            out.append(f"    {key}: {_scalar(value)}")
        else:
            first, *more = _value(value, "      ")
            out += [f"    {key}:{first}", *more]
    return out


def put_units(report: Report, source_dir: pathlib.Path, root: pathlib.Path, changed: dict[str, dict]) -> str:
    """Write the units ``changed`` (anchor → its fields) into the report's
    translation file, replacing those it has and inserting the others in the
    report's order (a new file gets the usual header); returns the file's path
    as shown. Other units, comments and lines are kept as they are."""
    path = translation_path(source_dir, report.year)
    shown = relpath(path, root)
    text = read_text(path, shown) if path.exists() and path.read_bytes().strip() else HEADER.format(year=report.year)
    lines = text.rstrip("\n").split("\n")
    doc = parse_yaml(text, shown)
    data = doc.data if isinstance(doc.data, dict) else None
    if data is None:
        raise GeneratorError.single(shown, None, "not a mapping of year:, language: and units:; fix the file first")
    units = data.get("units")
    if units is None or units == {}:  # no units yet (`units:`, `units: {}`, or no key): they start here
        at = doc.lines.get(("units",))
        if at is None:
            lines.append("units:")
        else:
            lines[at - 1] = "units:"
        text = "\n".join(lines) + "\n"
        doc = parse_yaml(text, shown)
        units = {}
    if not isinstance(units, dict):
        raise GeneratorError.single(shown, doc.line(("units",)), "units: is not a mapping of anchors to units; "
                                                                 "fix the file first")
    ends = _unit_ends(doc, units, lines)
    order = [s.anchor for s in segments(report, {**units, **changed})]
    place = {anchor: i for i, anchor in enumerate(order)}
    # Line (0-based, as read) → what replaces it (a unit's lines), and what goes before it (new units).
    replaced: dict[int, tuple[int, list[str]]] = {}
    before: dict[int, list[tuple[int, list[str]]]] = {}
    for anchor, unit in changed.items():
        if anchor in units:
            replaced[doc.lines[("units", anchor)] - 1] = (ends[anchor], unit_lines(anchor, unit))
            continue
        following = [a for a in units if a in place and place[a] > place.get(anchor, len(order))]
        at = min((doc.lines[("units", a)] - 1 for a in following), default=_units_end(doc, lines))
        while at > 0 and lines[at - 1].lstrip().startswith("#") and at - 1 >= doc.lines[("units",)]:
            at -= 1  # above the comment written over the unit that follows
        before.setdefault(at, []).append((place.get(anchor, len(order)), unit_lines(anchor, unit)))
    out: list[str] = []
    i = 0
    while i <= len(lines):
        for _, new in sorted(before.get(i, [])):
            out.extend(new)
        if i == len(lines):
            break
        if i in replaced:
            end, new = replaced[i]
            out.extend(new)
            i = end
            continue
        out.append(lines[i])
        i += 1
    result = "\n".join(out) + "\n"
    after = parse_yaml(result, shown)
    if after.data != {**data, "units": {**units, **changed}}:
        raise GeneratorError.single(shown, None, "writing the units would change other lines of the file; "
                                                 "nothing written. Check its indentation")
    path.write_text(result, encoding="utf-8")
    return shown
