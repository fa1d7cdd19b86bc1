"""Errors and warnings that point at a file and a line.

Every problem the generator finds is a :class:`Diagnostic`: where it is
(``path:line``), what is wrong, and what to do about it. Stages collect them
instead of printing, so the CLI can list them all at once and the MkDocs plugin
can route them to MkDocs' logger (where ``--strict`` turns warnings into a
failed build).
"""

from __future__ import annotations

import dataclasses
import enum
import os
import re


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclasses.dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return _one_line(f"{where}: {self.severity.value}: {self.message}")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """A diagnostic is one line, whatever a file's name holds: a newline in it
    would start a line of its own, which CI reads as a workflow command
    (``::error file=…``) wherever it is printed."""
    return _CONTROL.sub(lambda found: found.group().encode("unicode_escape").decode(), text)


def relpath(path: str | os.PathLike, root: str | os.PathLike | None) -> str:
    """A path as shown in messages: relative to the project root when inside it."""
    path = os.fspath(path)
    if root is None:
        return path
    try:
        rel = os.path.relpath(path, os.fspath(root))
    except ValueError:
        return path
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


class Diagnostics(list):
    """A list of diagnostics with helpers for adding and summarising them."""

    def error(self, path: str, line: int | None, message: str) -> None:
        self.append(Diagnostic(Severity.ERROR, path, line, message))

    def warning(self, path: str, line: int | None, message: str) -> None:
        self.append(Diagnostic(Severity.WARNING, path, line, message))

    def info(self, path: str, line: int | None, message: str) -> None:
        self.append(Diagnostic(Severity.INFO, path, line, message))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.WARNING]


class GeneratorError(Exception):
    """Raised when a stage cannot go on; carries the diagnostics that stopped it."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def single(cls, path: str, line: int | None, message: str) -> GeneratorError:
        return cls([Diagnostic(Severity.ERROR, path, line, message)])
