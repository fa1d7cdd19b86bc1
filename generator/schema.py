"""The schema toolkit shared by every YAML file people edit.

Metadata, glossary entries, translations and the Traditional-script settings
are pydantic models built from :class:`Strict` (unknown keys are errors) and
:data:`PlainText` (text shown as written, never as markup). :func:`load_file`
reads, parses and validates one file, turning every problem into a
``path:line`` diagnostic in the project's own words.
"""

from __future__ import annotations

import pathlib
import re
from typing import Annotated

import pydantic

from .diagnostics import Diagnostics, GeneratorError
from .yamlfile import YamlDoc, parse_yaml


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
