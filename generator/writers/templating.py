"""The Jinja environment of every page and book, and what templates share.

Templates are Jinja2 with autoescaping on, so report text, glossary text and
metadata can never inject markup; HTML made in Python is escaped by
:mod:`markup` as autoescape would. Pages name each other in templates by the
source paths of :mod:`links` (``report_uri``, ``term_uri`` …), which a page's
``link`` turns into URLs the engine made.
"""

from __future__ import annotations

import os
from importlib import resources

import jinja2
import jinja2.bccache

from generator.links import GLOSSARY, HOME, download_uri, glossary_uri, report_uri, term_uri
from generator.writers.page import IN_SCRIPT


def _cache_folder() -> str | None:
    """The user's cache folder for compiled templates, or None where it cannot be written."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "gwr-generator", "jinja")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between processes, as Python keeps its .pyc
    files, and in memory for the process.

    Used for the generator's templates and for the engine's theme: compiling
    Material's templates was 0.4 s of every `mkdocs build` (a fifth of a plain
    build of the seed site), and MkDocs makes its environment again on every
    `mkdocs serve` rebuild. Jinja compares each bucket with its template's
    source checksum, so an edited template (or another Material version) is
    compiled again. Where the user's cache folder cannot be written, memory only.
    """

    def __init__(self, folder: str | None) -> None:
        self.buckets: dict[str, bytes] = {}
        self.disk = jinja2.FileSystemBytecodeCache(folder) if folder else None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.buckets.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self.disk is not None:
            self.disk.load_bytecode(bucket)  # a bucket whose checksum differs stays empty
            if bucket.code is not None:
                self.buckets[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.buckets[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            self.disk.dump_bytecode(bucket)


def compiled_templates() -> CompiledTemplates:
    return CompiledTemplates(_cache_folder())


env = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    bytecode_cache=compiled_templates(),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
# `tojson` still escapes < > & ' for HTML; Chinese stays readable (and a third the size).
env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
# Pages are named in templates by these, then turned into URLs with `link`.
env.globals.update(HOME=HOME, GLOSSARY=GLOSSARY, report_uri=report_uri, term_uri=term_uri, download_uri=download_uri,
                   glossary_uri=glossary_uri, IN_SCRIPT=IN_SCRIPT)


def asset(name: str) -> str:
    return resources.files("generator").joinpath(name).read_text(encoding="utf-8")


def english_date(date) -> str:
    """5 March 2024, whatever the machine's locale."""
    # Here, not at the top: the plugin imports this module on every build,
    # and a build from the cache never needs cite (nor the model it imports).
    from generator.text.citation import MONTHS

    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def script_text(loaded, script: str):
    """The function that writes Simplified text in ``script``."""
    return loaded.converter.convert if script == "hant" else (lambda text: text)


def in_script(html_text: str, script: str) -> str:
    """A Traditional page's own text is converted already: the markers tell
    the engine to convert only what it puts around it (see output.IN_SCRIPT)."""
    return f"{IN_SCRIPT[0]}\n{html_text}{IN_SCRIPT[1]}\n" if script == "hant" else html_text


def templates_stamp() -> tuple:
    """When the templates last changed: `mkdocs serve` watches them, and a
    kept page must be made again after a template edit."""
    folder = resources.files("generator").joinpath("templates")
    return tuple(sorted((f.name, os.stat(f).st_mtime_ns) for f in folder.iterdir()))
