"""YAML files that remember where each value came from.

Metadata, glossary entries and translations are YAML edited by people in pull
requests, so a schema error must point at the line to fix. PyYAML's composer
keeps a mark on every node; we walk the node tree once and record the line of
every key path, then turn pydantic's error locations into ``path:line``.
"""

from __future__ import annotations

import dataclasses
import pathlib
import re
from typing import Annotated, Any

import pydantic
import yaml

from .diagnostics import Diagnostics, GeneratorError


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


def load_file(path: pathlib.Path, shown: str, schema: type[pydantic.BaseModel], diagnostics: Diagnostics):
    """Read, parse and validate one YAML file: (model or None, YamlDoc or None)."""
    try:
        doc = parse_yaml(path.read_text(encoding="utf-8"), shown)
    except GeneratorError as exc:
        diagnostics.extend(exc.diagnostics)
        return None, None
    except (OSError, UnicodeDecodeError) as exc:
        diagnostics.error(shown, None, f"cannot read the file ({exc}); save it as UTF-8 text")
        return None, None
    return validate(doc, schema, diagnostics), doc


def validate(doc: YamlDoc, schema: type[pydantic.BaseModel], diagnostics: Diagnostics):
    """Validate with a pydantic model; each error becomes a ``path:line`` diagnostic."""
    try:
        return schema.model_validate(doc.data if doc.data is not None else {})
    except pydantic.ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            diagnostics.error(doc.path, doc.line(loc), describe(error))
        return None


def describe(error: dict) -> str:
    """A pydantic error in words a contributor can act on."""
    loc = ".".join(str(part) for part in error["loc"]) or "(top level)"
    kind = error["type"]
    if kind == "missing":
        return f"required field '{loc}' is missing; add it"
    if kind == "extra_forbidden":
        return f"unknown field '{loc}'; check its spelling against the documented fields"
    message = error["msg"].removeprefix("Value error, ")
    return f"field '{loc}': {message}"


# --- shared schema pieces -------------------------------------------------------------

_HTML = re.compile(r"<\s*[A-Za-z!/?]|&[A-Za-z]+;|&#\d+;")


def _plain_text(value: str) -> str:
    found = _HTML.search(value)
    if found:
        raise ValueError(
            f"HTML is not allowed here (found {value[found.start():found.start() + 8]!r}); "
            "write plain text: it is shown exactly as written"
        )
    if not value.strip():
        raise ValueError("empty text; write the text or remove the field")
    return value.strip()


#: Text people write in YAML: shown as text, never as markup, so HTML in it
#: is refused at once rather than silently escaped.
PlainText = Annotated[str, pydantic.AfterValidator(_plain_text)]


class Strict(pydantic.BaseModel):
    """Unknown keys are errors (a misspelt key must not be silently ignored)."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)
