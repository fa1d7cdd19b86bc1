"""What an input file may be, checked before anything reads its text.

Glossary entries, translations, metadata and raw reports come in by pull
request. A file is read only if it is a regular file in the repository (not
a symbolic link, a directory or a device), no larger than its kind needs,
and, once decoded, free of control characters. Each refusal is one line
naming the file, and the line where there is one.
"""

from __future__ import annotations

import pathlib
import re
import stat

from generator.diagnostics import GeneratorError

#: The largest YAML file read (docs/building.md, "Limits"): the biggest, a
#: report's translation, is about 150 KB.
YAML_LIMIT = 2 << 20
#: The largest raw file read: a whole report is about 60 KB, a file of several about 200 KB.
RAW_LIMIT = 4 << 20
#: Characters no text here has: the C0 controls but tab, line feed and
#: carriage return, DEL and the C1 controls (a NUL would end OpenCC's text),
#: and the bidirectional embeddings, overrides and isolates, which make a
#: reviewer's diff show other text than the site would ("Trojan Source",
#: CVE-2021-42574); Chinese and English need none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def read_bytes(path: pathlib.Path, shown: str, limit: int) -> bytes:
    """The bytes of an input file: a regular file of at most ``limit`` bytes,
    not a symbolic link (a link could publish a file from elsewhere on the
    machine, or read a device without end). Anything else is a one-line error."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise GeneratorError.single(shown, None, "no such file; check the path") from None
    except OSError as exc:
        raise GeneratorError.single(shown, None, f"cannot read the file ({exc.strerror})") from None
    if stat.S_ISLNK(info.st_mode):
        raise GeneratorError.single(shown, None, "is a symbolic link; inputs are read only from files in the "
                                                 "repository: put the file itself here")
    if stat.S_ISDIR(info.st_mode):
        raise GeneratorError.single(shown, None, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise GeneratorError.single(shown, None, "is not a regular file (a device or a pipe); put a text file here")
    if info.st_size > limit:
        raise GeneratorError.single(shown, None, f"is {info.st_size / 2**20:.1f} MiB; files here are at most "
                                                 f"{limit / 2**20:g} MiB (docs/building.md, Limits)")
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)  # never more, though the file grew since
    except OSError as exc:
        raise GeneratorError.single(shown, None, f"cannot read the file ({exc.strerror}); "
                                                 "check that it is a readable file") from None
    if len(data) > limit:
        raise GeneratorError.single(shown, None, f"is more than {limit / 2**20:g} MiB, the most files here "
                                                 "may be (docs/building.md, Limits)")
    return data


def refuse_controls(text: str, shown: str) -> None:
    """A control character is a one-line error at its line: none belongs in
    these texts, and some (NUL) would cut a text short further on."""
    found = _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise GeneratorError.single(shown, line, f"holds the control character U+{ord(found.group()):04X}; "
                                                 "remove it (only tab and line breaks belong in a text, and no "
                                                 "character that reorders the text shown)")
