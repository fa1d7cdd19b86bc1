"""Glossary entries: one YAML file per term in ``glossary/``, edited by pull request.

The schema is a pydantic model: unknown keys, missing fields, wrong types and
HTML in a text field are reported with ``glossary/FILE.yml:LINE`` and what to
do. Checks across entries (slug = file name, a term or alias claimed twice, a
related entry that does not exist) follow the same form. Text fields are plain
text: templates escape them, and HTML in them is refused outright so a
contributor learns at once that markup will not work.
"""

from __future__ import annotations

import dataclasses
import pathlib
import unicodedata
from typing import Annotated, Literal

import pydantic

from .diagnostics import Diagnostics, relpath
from .schema import PlainText, Strict, load_file
from .yamlfile import YamlDoc

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

CATEGORIES = {
    "party-and-ideology": ("党的建设与思想", "Party and ideology"),
    "economy": ("经济", "Economy"),
    "science-and-education": ("科教", "Science and education"),
    "rural": ("三农", "Agriculture and rural areas"),
    "environment": ("生态环境", "Environment"),
    "society": ("社会民生", "Society and living standards"),
    "governance": ("政府治理", "Governance"),
    "regional": ("区域发展", "Regional development"),
    "hong-kong-macao-taiwan": ("港澳台", "Hong Kong, Macao and Taiwan"),
    "foreign-affairs": ("外交", "Foreign affairs"),
    "defense": ("国防", "Defense"),
    "planning": ("规划", "Planning"),
}
Category = Literal[tuple(CATEGORIES)]  # type: ignore[valid-type]


class Rendering(Strict):
    rendering: PlainText
    used: PlainText = pydantic.Field(description="where or by whom this rendering is used")


class English(Strict):
    preferred: PlainText
    others: tuple[Rendering, ...] = ()


class Bilingual(Strict):
    zh: PlainText
    en: PlainText


class Entry(Strict):
    slug: Annotated[str, pydantic.StringConstraints(pattern=_SLUG)]
    term: PlainText
    aliases: tuple[PlainText, ...] = ()
    pinyin: PlainText | None = None
    traditional: PlainText | None = None
    category: Category
    english: English
    definition: Bilingual
    note: Bilingual
    related: tuple[Annotated[str, pydantic.StringConstraints(pattern=_SLUG)], ...] = ()
    not_in: tuple[PlainText, ...] = ()

    @pydantic.model_validator(mode="after")
    def _traditional_matches_term(self):
        if self.traditional is not None and len(self.traditional) != len(self.term):
            raise ValueError("traditional must have exactly as many characters as term (one for one)")
        return self

    @property
    def forms(self) -> tuple[str, ...]:
        """Every printed form that should match: the term, then its aliases."""
        return (self.term, *self.aliases)

    @property
    def reading(self) -> str:
        """Pinyin with tone marks: as written, or generated with pypinyin."""
        if self.pinyin:
            return self.pinyin
        # Imported only here: every committed entry writes its pinyin, and
        # importing pypinyin costs 0.15 s and 56 MiB on every build.
        from pypinyin import Style, pinyin

        return " ".join(s[0] for s in pinyin(self.term, style=Style.TONE, errors="ignore"))

    @property
    def sort_key(self) -> tuple[str, str]:
        """By the pinyin shown (the explicit field wins), tones as tie-breaker."""
        reading = self.reading.lower()
        base = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
        return ("".join(base.split()), reading)


@dataclasses.dataclass(frozen=True)
class LoadedEntry:
    entry: Entry
    path: str
    doc: YamlDoc


@dataclasses.dataclass
class Glossary:
    entries: list[LoadedEntry]

    def __post_init__(self) -> None:
        self.entries.sort(key=lambda e: e.entry.sort_key)
        self.by_slug = {e.entry.slug: e for e in self.entries}

    def __len__(self) -> int:
        return len(self.entries)


def load_glossary(directory: pathlib.Path, root: pathlib.Path, diagnostics: Diagnostics) -> Glossary:
    """Every valid entry in ``directory``; each problem becomes a diagnostic."""
    loaded: list[LoadedEntry] = []
    if not directory.is_dir():
        return Glossary(loaded)
    for file in sorted(directory.glob("*.yml")):
        shown = relpath(file, root)
        entry, doc = load_file(file, shown, Entry, diagnostics)
        if entry is None:
            continue
        if entry.slug != file.stem:
            diagnostics.error(shown, doc.line(("slug",)),
                              f"slug {entry.slug!r} does not match the file name; "
                              f"rename the file to {entry.slug}.yml or fix the slug")
            continue
        loaded.append(LoadedEntry(entry, shown, doc))
    _cross_check(loaded, diagnostics)
    return Glossary(loaded)


def _cross_check(loaded: list[LoadedEntry], diagnostics: Diagnostics) -> None:
    claims: dict[str, list[tuple[LoadedEntry, tuple]]] = {}
    for item in loaded:
        for index, form in enumerate(item.entry.forms):
            loc = ("term",) if index == 0 else ("aliases", index - 1)
            claims.setdefault(form, []).append((item, loc))
    for form, owners in claims.items():
        if len(owners) < 2:
            continue
        for item, loc in owners:
            others = ", ".join(sorted({o.path for o, _ in owners if o is not item})) or "this entry"
            diagnostics.error(item.path, item.doc.line(loc),
                              f"{form!r} is also claimed by {others}; "
                              "a term or alias may belong to one entry only: remove it from all but one")
    slugs = {e.entry.slug for e in loaded}
    for item in loaded:
        entry = item.entry
        for index, context in enumerate(entry.not_in):
            if not any(form in context for form in entry.forms):
                diagnostics.error(item.path, item.doc.line(("not_in", index)),
                                  f"not_in context {context!r} does not contain the term or an alias; "
                                  "a context is a longer string in which the term must not match")
        for index, slug in enumerate(entry.related):
            if slug == entry.slug:
                diagnostics.error(item.path, item.doc.line(("related", index)),
                                  "an entry cannot be related to itself")
            elif slug not in slugs:
                diagnostics.error(item.path, item.doc.line(("related", index)),
                                  f"related entry {slug!r} does not exist; "
                                  f"check glossary/{slug}.yml or remove it from related")
