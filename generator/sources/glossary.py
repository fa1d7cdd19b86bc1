"""Glossary entries: one YAML file per term in ``glossary/``, edited by pull request.

The schema is a pydantic model: unknown keys, missing fields, wrong types and
HTML in a text field are reported with ``glossary/FILE.yml:LINE`` and what to
do. Checks across entries (slug = file name, a term or alias claimed twice, a
related entry that does not exist) follow the same form. Text fields are plain
text: templates escape them, and HTML in them is refused outright so a
contributor learns at once that markup will not work.

A term or alias must not mark unrelated text: one of a single character (一,
的) matches inside hundreds of unrelated words, and one of punctuation alone
(，) at every such sign, so both are refused here; a form that matches more
than :data:`FREQUENT_LIMIT` times in one report is refused after matching
(:func:`generator.text.term_matching.refuse_frequent`; the rules are in
:mod:`generator.sources.glossary_noise`). ``frequent_reason:``
on the entry says why it needs such a form, and lifts both checks.

A slug is the term's toneless pinyin. Every load compares it with the entry's
own ``pinyin:`` letters (cheap); comparing it with pypinyin's readings of the
term costs an import of 0.15 s and 56 MiB, so only ``check`` (``thorough``) and
entries without ``pinyin:`` pay for it.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import re
import unicodedata
from typing import Annotated, Literal

import pydantic

from generator.diagnostics import Diagnostics, relpath
from generator.sources.glossary_noise import form_loc, refuse_noise
from generator.sources.grammar import unlike_han_for_han
from generator.sources.schema import PlainText, Strict, load_file, refuse_misnamed
from generator.sources.yamlfile import YamlDoc

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(f"{value!r} is not a slug: write lowercase letters and digits, "
                         "syllables joined by single hyphens (xin-zhi-sheng-chan-li)")
    return value


Slug = Annotated[str, pydantic.AfterValidator(_slug)]


def toneless(text: str) -> str:
    """Pinyin without tone marks, lowercase: ``Shēngchǎnlì`` → ``shengchanli``, ``lǜ`` → ``lu``."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


_TONES = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}  # ā á ǎ à; none: neutral, 5
_UMLAUT = "\u0308"
_CITATION_TONES = {"一": 1, "不": 4}


def _sort_syllables(slug: str, reading: str) -> list[tuple[str, int]] | None:
    """(syllable, tone) for each syllable: the slug's syllables, with the tone
    marks of ``reading`` at the same letters; ü is spelt v, as pypinyin does.
    None when the slug does not spell the reading's letters."""
    letters: list[list] = []  # [letter, tone, umlaut] for each letter or digit of the reading
    for char in unicodedata.normalize("NFD", reading.lower()):
        if unicodedata.combining(char) and letters:
            letters[-1][1] = _TONES.get(char, letters[-1][1])
            letters[-1][2] = letters[-1][2] or char == _UMLAUT
        elif char.isalnum():
            letters.append([char, 0, False])
    syllables = slug.split("-")
    if "".join(syllables) != "".join(letter for letter, _, _ in letters):
        return None
    out, start = [], 0
    for syllable in syllables:
        span = letters[start:start + len(syllable)]
        start += len(syllable)
        spelt = "".join("v" if umlaut and letter == "u" else letter for letter, _, umlaut in span)
        out.append((spelt, next((tone for _, tone, _ in span if tone), 5)))
    return out


def _slug_syllables(slug: str, reading: str) -> list[tuple[str, int]]:
    """For an entry whose slug is not its pinyin (人工智能+, ren-gong-zhi-neng-plus):
    the slug's syllables, with the reading's tone marks taken in order."""
    tones = [_TONES[c] for c in unicodedata.normalize("NFD", reading) if c in _TONES]
    syllables = slug.split("-")
    return [(syllable, tones[k] if k < len(tones) else 5) for k, syllable in enumerate(syllables)]


def _letters(pinyin: str) -> str:
    """What a slug must spell, hyphens aside: the pinyin's letters and digits, without tones."""
    return re.sub(r"[^a-z0-9]", "", toneless(pinyin))


# Spelled out, not made from CATEGORIES: a checker reads only a written Literal
# as a type. tests/test_glossary.py holds the two to the same names in the same order.
Category = Literal["party-and-ideology", "economy", "science-and-education", "rural", "environment", "society",
                   "governance", "regional", "hong-kong-macao-taiwan", "foreign-affairs", "defense", "planning"]
CATEGORIES: dict[Category, tuple[str, str]] = {
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
    slug: Slug
    #: Why the slug deliberately differs from the term's toneless pinyin.
    slug_reason: PlainText | None = None
    term: PlainText
    aliases: tuple[PlainText, ...] = ()
    pinyin: PlainText | None = None
    traditional: PlainText | None = None
    category: Category
    english: English
    definition: Bilingual
    note: Bilingual
    related: tuple[Slug, ...] = ()
    not_in: tuple[PlainText, ...] = ()
    #: Why the entry needs a form refused as noise: a single character, only
    #: punctuation or symbols, or more than FREQUENT_LIMIT matches in one report.
    frequent_reason: PlainText | None = None

    @pydantic.field_validator("frequent_reason", mode="before")
    @classmethod
    def _reason_is_written(cls, value):
        # Run only on a value written: `frequent_reason:` with nothing after it is not a reason.
        if value is None:
            raise ValueError("empty; write why the entry needs the form, or remove the field")
        return value

    @pydantic.model_validator(mode="after")
    def _traditional_matches_term(self):
        if self.traditional is None:
            return self
        if len(self.traditional) != len(self.term):
            raise ValueError("traditional must have exactly as many characters as term (one for one)")
        unlike = unlike_han_for_han(self.term, self.traditional)
        if unlike:
            raise ValueError(f"traditional may only put Han characters for the term's Han characters, but puts "
                             f"{unlike[1]!r} for {unlike[0]!r}; write the term in Traditional characters")
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
    def sort_key(self) -> tuple[tuple[str, int], ...]:
        """Dictionary order: syllable by syllable, each by its letters, then its
        tone (neutral last), as Chinese dictionaries order words: 大农业观 (da)
        before 党史学习教育 (dang), 低空经济 (dī) before 第三支柱 (dì).
        Syllables come from the slug and tones from the pinyin shown, so
        sorting needs no pypinyin."""
        syllables = _sort_syllables(self.slug, self.reading) or _slug_syllables(self.slug, self.reading)
        if len(syllables) == len(self.term):
            # 一 and 不 are written with their changed tone (yí gè, bù shì / bú shì)
            # but filed under their own (yī, bù), as dictionaries do.
            syllables = [(spelt, _CITATION_TONES.get(char, tone)) for (spelt, tone), char in zip(syllables, self.term)]
        return tuple(syllables)


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


def load_glossary(directory: pathlib.Path, root: pathlib.Path, diagnostics: Diagnostics,
                  thorough: bool = False) -> Glossary:
    """Every valid entry in ``directory``; each problem becomes a diagnostic.

    ``thorough`` checks every slug against pypinyin's readings of its term (see above).
    """
    loaded: list[LoadedEntry] = []
    if os.path.lexists(directory) and not directory.is_dir():
        diagnostics.error(relpath(directory, root), None, "is not a folder; the glossary is a folder of entries, "
                                                          "one YAML file each")
        return Glossary(loaded)
    if not directory.is_dir():
        return Glossary(loaded)
    refuse_misnamed(directory, root, diagnostics)
    files = sorted(directory.glob("*.yml"))
    for file in files:
        shown = relpath(file, root)
        entry, doc = load_file(file, shown, Entry, diagnostics)
        if entry is None:
            continue
        if entry.slug != file.stem:
            diagnostics.error(shown, doc.line(("slug",)),
                              f"slug {entry.slug!r} does not match the file name; "
                              f"rename the file to {entry.slug}.yml or fix the slug")
            continue
        _check_slug(entry, shown, doc, diagnostics, thorough)
        if refuse_noise(entry, shown, doc, diagnostics):
            continue
        loaded.append(LoadedEntry(entry, shown, doc))
    # An entry that failed has its own error: entries naming it in related: are not wrong too.
    _cross_check(loaded, {file.stem for file in files}, diagnostics)
    return Glossary(loaded)


def _check_slug(entry: Entry, shown: str, doc: YamlDoc, diagnostics: Diagnostics, thorough: bool) -> None:
    problem = _slug_problem(entry, thorough)
    if problem and not entry.slug_reason:
        diagnostics.error(shown, doc.line(("slug",)),
                          f"{problem}; or, if the difference is deliberate, say why in slug_reason:")
    elif entry.slug_reason and not problem:
        diagnostics.warning(shown, doc.line(("slug_reason",)),
                            "slug_reason is given but the slug is the term's toneless pinyin; remove slug_reason")


def _slug_problem(entry: Entry, thorough: bool) -> str | None:
    """Why the slug is not the toneless pinyin of the term, or None when it is (as far as checked)."""
    if entry.pinyin is not None:
        if _letters(entry.pinyin) != entry.slug.replace("-", ""):
            return (f"slug {entry.slug!r} does not spell the pinyin {entry.pinyin!r} without tones; "
                    "fix whichever is wrong")
        if not thorough:
            return None
    parts = entry.slug.split("-")
    syllables = _syllables(entry.term)
    if len(parts) == len(syllables) and all(part in s for part, s in zip(parts, syllables)):
        return None
    expected = _suggest(syllables, parts, _letters(entry.pinyin or ""))
    return (f"slug {entry.slug!r} is not the toneless pinyin of {entry.term} ({expected}); "
            f"rename the entry: file {expected}.yml, slug: {expected}")


def _suggest(syllables: list[list[str]], parts: list[str], letters: str) -> str:
    """The slug to suggest: each syllable as the entry's pinyin field spells it, else as the slug
    chose it, else the reading in context."""
    chosen = []
    for index, options in enumerate(syllables):
        fitting = [option for option in options if letters.startswith(option)]
        if fitting:
            pick = max(fitting, key=len)
            letters = letters[len(pick):]
        else:
            letters = ""  # the pinyin field no longer lines up: stop following it
            pick = parts[index] if index < len(parts) and parts[index] in options else options[0]
        chosen.append(pick)
    return "-".join(chosen)


def _syllables(term: str) -> list[list[str]]:
    """The possible slug syllables of ``term``, in order.

    Every reading of a Chinese character counts, so a polyphonic one needs no
    exception; a run of Latin letters or digits (5G) is one syllable; other
    characters (、, +) are not spelt.
    """
    # Imported only here (see the module docstring).
    from pypinyin import Style, pinyin

    syllables = []
    for token in re.findall(r"[A-Za-z0-9]+|[^A-Za-z0-9]+", term):
        if token.isascii():
            if token.isalnum():
                syllables.append([token.lower()])
            continue
        # The reading in context first (what a suggestion should use), then every reading of the character.
        in_context = iter(pinyin(token, style=Style.TONE, errors="ignore"))
        for char in token:
            readings = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
            if readings:
                syllables.append(list(dict.fromkeys(toneless(r) for r in next(in_context, []) + readings[0])))
    return syllables


def _cross_check(loaded: list[LoadedEntry], existing: set[str], diagnostics: Diagnostics) -> None:
    claims: dict[str, list[tuple[LoadedEntry, tuple]]] = {}
    for item in loaded:
        for index, form in enumerate(item.entry.forms):
            loc = form_loc(index)
            if form in item.entry.forms[:index]:
                what = "the term" if form == item.entry.term else "another alias"
                diagnostics.error(item.path, item.doc.line(loc), f"alias {form!r} repeats {what}; remove it")
                continue
            claims.setdefault(form, []).append((item, loc))
    for form, owners in claims.items():
        if len(owners) < 2:
            continue
        for item, loc in owners:
            others = ", ".join(sorted({o.path for o, _ in owners if o is not item})) or "this entry"
            diagnostics.error(item.path, item.doc.line(loc),
                              f"{form!r} is also claimed by {others}; "
                              "a term or alias may belong to one entry only: remove it from all but one")
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
            elif slug not in existing:
                diagnostics.error(item.path, item.doc.line(("related", index)),
                                  f"related entry {slug!r} does not exist; "
                                  f"check glossary/{slug}.yml or remove it from related")
