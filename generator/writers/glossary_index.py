"""The glossary's index, as every writer shows it: by pinyin (the glossary's
own order), by English rendering A–Z and by category. The site's index
(:mod:`site.glossary_pages`) and the Markdown export's (:mod:`markdown.edition`)
file the entries by these rules, each in its own syntax."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable

from generator.sources.glossary import CATEGORIES

#: The index's three ways in, in the order the page has them: (anchor, Chinese, English).
BROWSE = (("by-pinyin", "按拼音", "By pinyin"), ("english-a-z", "按英文", "English A–Z"),
          ("by-category", "按类别", "By category"))

#: A leading article or quotation mark: an English rendering is filed under the word after it.
_UNFILED = re.compile(r"^(?:[\s\"'“”‘’(]+|(?:the|a|an)\s+)+", re.IGNORECASE)


def english_key(rendering: str) -> str:
    """Where an English rendering files in an A–Z: without a leading article
    or quotation mark, case and accents aside ("the Belt and Road" under B)."""
    filed = _UNFILED.sub("", rendering) or rendering
    plain = unicodedata.normalize("NFKD", filed)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


@dataclasses.dataclass(frozen=True)
class Letter:
    """A heading of the English A–Z and the entries filed under it."""

    anchor: str  # en-a …, en-0-9, en-other
    name: str  # A …, 0–9, #
    entries: tuple  # glossary.Entry, by english_key


def english_a_to_z(entries: Iterable) -> tuple[Letter, ...]:
    """The entries by their preferred English rendering, under its first
    letter: figures first (0–9), then A to Z, then anything else (#)."""
    filed: dict[str, list] = {}
    for entry in entries:
        first = english_key(entry.english.preferred)[:1]
        name = first.upper() if "a" <= first <= "z" else "0–9" if first.isdigit() else "#"
        filed.setdefault(name, []).append(entry)
    order = sorted(filed, key=lambda name: (name == "#", name != "0–9", name))
    return tuple(Letter("en-other" if name == "#" else "en-0-9" if name == "0–9" else f"en-{name.lower()}", name,
                        tuple(sorted(filed[name], key=lambda e: (english_key(e.english.preferred),
                                                                 e.english.preferred))))
                 for name in order)


@dataclasses.dataclass(frozen=True)
class InCategory:
    """A category of the glossary and its entries, in dictionary order."""

    anchor: str  # category-economy …
    zh: str  # in the page's script
    en: str
    entries: tuple  # glossary.Entry


def by_category(entries: Iterable, t=lambda text: text) -> tuple[InCategory, ...]:
    """The entries by category (glossary.CATEGORIES, in its order; a category
    without entries left out), each in the order given; ``t`` writes the
    Chinese names in the page's script."""
    held: dict[str, list] = {}
    for entry in entries:
        held.setdefault(entry.category, []).append(entry)
    return tuple(InCategory(f"category-{key}", t(zh), en, tuple(held[key]))
                 for key, (zh, en) in CATEGORIES.items() if key in held)
