"""YAML text that remembers where each value came from.

Metadata, glossary entries and translations are YAML edited by people in pull
requests, so every message must point at the line to fix. PyYAML's composer
keeps a mark on every node; we walk the node tree once and record the line of
every key path (:class:`YamlDoc`), which :mod:`schema` uses to place
validation errors.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import yaml

from .diagnostics import GeneratorError


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


def parse_yaml(text: str, path: str) -> YamlDoc:
    """Parse YAML text; syntax errors become a GeneratorError at the right line."""
    loader = _Loader(text)
    try:
        # Compose once, then build the data from the same node tree.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the broken construct opened (an unclosed
        # bracket, say): the line a person has to fix.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        detail = exc.problem or str(exc)
        if exc.context and exc.problem_mark:
            detail = f"{exc.context} here, {detail} on line {exc.problem_mark.line + 1}"
        raise GeneratorError.single(path, line, f"not valid YAML: {detail}") from exc
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {(): 1}
    if node is not None:
        _walk(node, (), lines, path)
    return YamlDoc(data, lines, path)
