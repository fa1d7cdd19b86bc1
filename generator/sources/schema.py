"""The schema toolkit shared by every YAML file people edit.

Metadata, glossary entries, translations and the Traditional-script settings
are pydantic models built from :class:`Strict` (unknown keys are errors) and
:data:`PlainText` (text shown as written, never as markup). :func:`load_file`
reads, parses and validates one file, turning every problem into a
``path:line`` diagnostic in the project's own words.
"""

from __future__ import annotations

import datetime
import pathlib
import re
from typing import Annotated

import pydantic
import pydantic_core

from generator.diagnostics import Diagnostics, GeneratorError, relpath
from generator.sources.inputs import YAML_LIMIT, read_bytes, refuse_controls
from generator.sources.yamlfile import YamlDoc, parse_yaml


def read_text(path: pathlib.Path, shown: str, limit: int = YAML_LIMIT) -> str:
    """A UTF-8 text file people edit; a file that cannot be read is a one-line error naming it."""
    data = read_bytes(path, shown, limit)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GeneratorError.single(shown, line, f"not UTF-8 (byte 0x{data[exc.start]:02x} at line {line}); "
                                                 "save the file as UTF-8") from None
    refuse_controls(text, shown)
    return text


#: Parsed files by their text: `mkdocs serve` rebuilds after every save, and
#: all files but one are as they were. Keyed by the text itself, so an edit is
#: never missed; models are frozen, so sharing them is safe.
_parsed: dict[tuple, tuple] = {}
_PARSED_MAX = 4096


def load_file(path: pathlib.Path, shown: str, schema: type[pydantic.BaseModel], diagnostics: Diagnostics):
    """Read, parse and validate one YAML file: (model or None, YamlDoc or None)."""
    try:
        text = read_text(path, shown)
    except GeneratorError as exc:
        diagnostics.extend(exc.diagnostics)
        return None, None
    key = (shown, schema, text)
    held = _parsed.get(key)
    if held is None:
        found = Diagnostics()
        model = doc = None
        try:
            doc = parse_yaml(text, shown)
        except GeneratorError as exc:
            found.extend(exc.diagnostics)
        else:
            model = validate(doc, schema, found)
        held = (model, doc, tuple(found))
        if len(_parsed) >= _PARSED_MAX:
            _parsed.clear()
        _parsed[key] = held
    diagnostics.extend(held[2])
    return held[0], held[1]


def refuse_misnamed(directory: pathlib.Path, root: pathlib.Path, diagnostics: Diagnostics) -> list[pathlib.Path]:
    """YAML files are read as ``*.yml`` only: any other spelling would be an edit ignored in silence.
    Returns the refused files."""
    refused = [file for file in sorted(directory.iterdir())
               if file.suffix.lower() in (".yml", ".yaml") and file.suffix != ".yml"]
    for file in refused:
        diagnostics.error(relpath(file, root), None,
                          f"not read: YAML files here must end in .yml; rename it to {file.stem}.yml")
    return refused


def validate(doc: YamlDoc, schema: type[pydantic.BaseModel], diagnostics: Diagnostics):
    """Validate with a pydantic model; each error becomes a ``path:line`` diagnostic."""
    try:
        return schema.model_validate(doc.data if doc.data is not None else {})
    except pydantic.ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            diagnostics.error(doc.path, doc.line(loc), describe(error))
        return None


def _found(value) -> str:
    """What YAML made of a value, in words."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes, no, on, off, true and false so)"
    if isinstance(value, datetime.date):
        return f"a date ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dict):
        return "a mapping (indented key: value lines)"
    if isinstance(value, list):
        return "a list"
    return repr(value)


_DATE = "a date (YYYY-MM-DD)"
_LIST = "a list (one '- item' line per item, or [a, b])"
#: pydantic's error types → what the value should be, in the project's words.
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "bool_type": "true or false", "bool_parsing": "true or false",
    "date_type": _DATE, "date_parsing": _DATE, "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "tuple_type": _LIST, "list_type": _LIST,
    "dict_type": "a mapping (indented key: value lines)",
    "model_type": "a mapping of fields (indented key: value lines)",
}


def describe(error: pydantic_core.ErrorDetails) -> str:
    """A pydantic error in words a contributor can act on."""
    loc = ".".join(str(part) for part in error["loc"]) or "(top level)"
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "missing":
        return f"required field '{loc}' is missing; add it"
    if kind == "extra_forbidden":
        return f"unknown field '{loc}'; check its spelling against the documented fields"
    if kind in _EXPECTED and value is None:
        return f"field '{loc}' is empty; write {_EXPECTED[kind]} after the colon, or remove the field if it is optional"
    if kind == "string_type" and not isinstance(value, (dict, list)):
        return f"field '{loc}' should be text, but YAML read {_found(value)}; put the value in quotes"
    if kind in _EXPECTED:
        return f"field '{loc}' should be {_EXPECTED[kind]}, but YAML read {_found(value)}"
    if kind == "literal_error":
        return f"field '{loc}' is {value!r}; use one of {ctx['expected']}"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = f"at least {ctx['ge']}" if "ge" in ctx else f"at most {ctx['le']}"
        return f"field '{loc}' is {value!r}; it should be {bound}"
    # Our own validators (value_error) speak plainly already.
    message = error["msg"].removeprefix("Value error, ").replace("Input should be", "the value should be")
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
