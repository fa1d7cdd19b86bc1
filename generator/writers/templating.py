"""The Jinja environment of every page and book, and what templates share.

Templates are Jinja2 with autoescaping on, so report text, glossary text and
metadata can never inject markup; HTML made in Python is escaped by
:mod:`markup` as autoescape would. Pages name each other in templates by the
source paths of :mod:`links` (``report_uri``, ``term_uri`` …), which a page's
``link`` turns into URLs the engine made.
"""

from __future__ import annotations

import pathlib
from importlib import resources

import jinja2
import jinja2.bccache

from generator.links import (
    COMPARE,
    ENGLISH_GLOSSARY,
    ENGLISH_HOME,
    GLOSSARY,
    HOME,
    download_uri,
    english_term_uri,
    english_uri,
    glossary_uri,
    report_uri,
    term_uri,
)
from generator.project import store
from generator.project.paths import CACHE_DIR
from generator.writers.page import IN_SCRIPT


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between processes, as Python keeps its .pyc
    files, and in memory for the process.

    Used for the generator's templates and for the engine's theme: compiling
    Material's templates was 0.4 s of every `mkdocs build` (a fifth of a plain
    build of the seed site), and MkDocs makes its environment again on every
    `mkdocs serve` rebuild. A compiled template is what Jinja made of its
    source under the environment's syntax and compiler options: its key holds
    the template, Jinja's version and those options (:func:`_compiled_by`), and
    Jinja checks the source's checksum itself, so an edited template, another
    option or another Jinja is compiled again. On disk in the project's
    ``.cache/gwr/jinja/`` once :meth:`keep_in` names it; in memory before.
    """

    def __init__(self) -> None:
        self.buckets: dict[str, bytes] = {}
        self.disk: jinja2.FileSystemBytecodeCache | None = None

    def keep_in(self, folder: pathlib.Path) -> CompiledTemplates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.disk = jinja2.FileSystemBytecodeCache(str(folder))
        except OSError:
            self.disk = None  # memory only: a cache that cannot be written is no error
        return self

    def get_bucket(self, environment, name, filename, source):
        bucket = jinja2.bccache.Bucket(environment, store.fingerprint(_compiled_by(environment), name, filename),
                                       self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

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
            try:
                self.disk.dump_bytecode(bucket)
            except OSError:
                pass


def _compiled_by(environment: jinja2.Environment) -> tuple:
    """What shapes a compiled template besides its source: Jinja's version,
    the syntax (delimiters, whitespace handling) and the compiler's options."""
    e = environment
    return (jinja2.__version__, e.block_start_string, e.block_end_string, e.variable_start_string,
            e.variable_end_string, e.comment_start_string, e.comment_end_string, e.line_statement_prefix,
            e.line_comment_prefix, e.trim_blocks, e.lstrip_blocks, e.newline_sequence, e.keep_trailing_newline,
            tuple(sorted(e.extensions)), e.optimized, e.is_async,
            getattr(e.autoescape, "__qualname__", e.autoescape), getattr(e.finalize, "__qualname__", e.finalize))


#: One for the process: the generator's templates and the engine's theme.
_COMPILED = CompiledTemplates()


def compiled_templates(root: pathlib.Path) -> CompiledTemplates:
    """The process's compiled templates, kept on disk in the project at ``root``."""
    return _COMPILED.keep_in(root / CACHE_DIR / "jinja")


env = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    bytecode_cache=_COMPILED,
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
# `tojson` still escapes < > & ' for HTML; Chinese stays readable (and a third the size).
env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
def english_note(translation) -> str:
    """What a report's source notes say of its English: whose it is, and how
    many sentences are pending, out of date, or filled in from last year's and
    not yet checked (a page, the Markdown export and the books say the same)."""
    counts = translation.sentence_counts()

    def sentences(n: int, verb: str = "") -> str:
        return f"{n} sentence{'' if n == 1 else 's'}{verb and ' ' + (verb if n == 1 else 'are')}"

    unchecked = counts["carried"] + counts["suggested"]
    return ("The English translation is this edition's own and unofficial."
            + (f" {sentences(counts['missing'], 'is')} still pending." if counts["missing"] else "")
            + (f" {sentences(counts['stale'])} may be out of date." if counts["stale"] else "")
            + (f" {sentences(unchecked, 'is')} filled in from last year's English, not yet checked."
               if unchecked else ""))


# Pages are named in templates by these, then turned into URLs with `link`.
env.globals.update(HOME=HOME, GLOSSARY=GLOSSARY, COMPARE=COMPARE, ENGLISH_HOME=ENGLISH_HOME,
                   ENGLISH_GLOSSARY=ENGLISH_GLOSSARY, report_uri=report_uri, term_uri=term_uri,
                   english_uri=english_uri, english_term_uri=english_term_uri, download_uri=download_uri,
                   glossary_uri=glossary_uri, IN_SCRIPT=IN_SCRIPT, english_note=english_note)


def asset(name: str) -> str:
    return resources.files("generator").joinpath(name).read_text(encoding="utf-8")


def english_date(date) -> str:
    """5 March 2024, whatever the machine's locale."""
    # Here, not at the top: the plugin imports this module on every build,
    # and a build from the cache never needs the formats (nor the model they import).
    from generator.text.reference_formats import MONTHS

    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def script_text(loaded, script: str):
    """The function that writes Simplified text in ``script``."""
    return loaded.converter.convert if script == "hant" else (lambda text: text)


def in_script(html_text: str, script: str) -> str:
    """A Traditional page's own text is converted already: the markers tell
    the engine to convert only what it puts around it (see page.IN_SCRIPT)."""
    return f"{IN_SCRIPT[0]}\n{html_text}{IN_SCRIPT[1]}\n" if script == "hant" else html_text


def templates_stamp() -> tuple:
    """When the templates last changed: `mkdocs serve` watches them, and a
    kept page must be made again after a template edit."""
    folder = store.PACKAGE / "templates"
    return tuple(sorted((f.name, f.stat().st_mtime_ns) for f in folder.iterdir()))
