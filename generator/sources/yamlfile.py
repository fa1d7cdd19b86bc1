"""YAML text that remembers where each value came from.

Metadata, glossary entries and translations are YAML edited by people in pull
requests, so every message must point at the line to fix. PyYAML's composer
keeps a mark on every node; we walk the node tree once and record the line of
every key path (:class:`YamlDoc`), which :mod:`schema` uses to place
validation errors.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import Any

import yaml

from generator.diagnostics import GeneratorError


@dataclasses.dataclass(frozen=True)
class YamlDoc:
    data: Any
    lines: dict[tuple, int]  # key path → 1-based line
    path: str

    def line(self, loc: tuple) -> int:
        """The line of the deepest known prefix of ``loc``."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


# libyaml's parser when PyYAML was built with it (the wheels are): about ten
# times faster, with the same marks. The safe constructor either way.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _walk(node: yaml.Node, loc: tuple, lines: dict[tuple, int], path: str) -> None:
    """Record the line of every key path; refuse duplicate keys (a silent overwrite hides edits)."""
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise GeneratorError.single(
                    path, key_node.start_mark.line + 1, f"key {key!r} appears twice; keep one"
                )
            seen.add(key)
            lines[loc + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, loc + (key,), lines, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _walk(child, loc + (index,), lines, path)


def _explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int | None, str]:
    """The line to fix and what to do, for a YAML syntax error; the usual slips in plain words."""
    problem = exc.problem_mark
    if problem is not None:
        here = lines[problem.line] if problem.line < len(lines) else ""
        if "\t" in here[: len(here) - len(here.lstrip())] or "tab" in (exc.problem or ""):
            return problem.line + 1, "not valid YAML: a tab is used to indent; YAML indents with spaces only: " \
                                     "replace the tab with spaces"
        if "mapping values are not allowed" in (exc.problem or ""):
            # A colon and a space after `key: ` starts a second key on the line: the value needs quotes.
            # With no `key: ` before it, the key itself is out of place.
            if ": " in here[: problem.column].lstrip(" -"):
                return problem.line + 1, "not valid YAML: the value holds ': ' (a colon and a space), which YAML " \
                                         "reads as a new key; put the whole value in double quotes"
            return problem.line + 1, "not valid YAML: a key where none may start; check this line's indentation " \
                                     "against the lines above"
    # The context mark is where the broken construct opened (an unclosed
    # bracket, say): the line a person has to fix.
    mark = exc.context_mark or problem
    detail = exc.problem or str(exc)
    if exc.context and problem:
        detail = f"{exc.context} here, {detail} on line {problem.line + 1}"
    return (mark.line + 1 if mark else None), f"not valid YAML: {detail}"


#: How deep these files nest (a translation: units → anchor → zh/en is three).
MAX_DEPTH = 12
_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")


def _screen(text: str, path: str) -> None:
    """Refuse what these files never need and a hostile one uses: anchors
    and aliases (``&a``, ``*a``; nine lines of them expand to billions of
    values), and nesting past :data:`MAX_DEPTH` (thousands of brackets
    exhaust the stack). Read from libyaml's events, before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise GeneratorError.single(path, event.start_mark.line + 1,
                                        "YAML anchors and aliases (&name, *name) are not used in these files; "
                                        "write the value out in full")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise GeneratorError.single(path, event.start_mark.line + 1,
                                            f"nested more than {MAX_DEPTH} levels deep; these files need a few "
                                            "levels at most: check the brackets and the indentation")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _bad_date(lines: list[str]) -> tuple[int | None, str]:
    """The line of a date that is not one (2024-02-30), which YAML's own reader reports without a place."""
    for number, line in enumerate(lines, 1):
        for found in _DATE.finditer(line.split("#", 1)[0]):
            try:
                datetime.date(*(int(part) for part in found.groups()))
            except ValueError:
                return number, f"{found.group(0)} is not a date; write a real day as YYYY-MM-DD"
    return None, "a value YAML reads as a date is not one; write a real day as YYYY-MM-DD"


def parse_yaml(text: str, path: str) -> YamlDoc:
    """Parse YAML text; syntax errors become a GeneratorError at the right line."""
    loader = _Loader(text)
    try:
        _screen(text, path)
        # Compose once, then build the data from the same node tree.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise GeneratorError.single(path, *_explain(exc, text.split("\n"))) from exc
    except ValueError:  # the timestamp constructor, on a date that does not exist
        raise GeneratorError.single(path, *_bad_date(text.split("\n"))) from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {(): 1}
    if node is not None:
        _walk(node, (), lines, path)
    return YamlDoc(data, lines, path)
