"""Glossary forms that would mark unrelated text: the rules, and their refusal as an entry loads.

A term or alias of one character (一, 的) matches inside hundreds of unrelated
words, and one of punctuation alone (，) at every such sign: both are refused
when the entry loads (:func:`refuse_noise`). A form that matches more than
:data:`FREQUENT_LIMIT` times in one report is refused after matching
(:func:`generator.text.term_matching.refuse_frequent`). An entry's
``frequent_reason:`` says why it needs such a form, and lifts both.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Protocol

from generator.diagnostics import Diagnostics
from generator.sources.yamlfile import YamlDoc


class Entry(Protocol):
    """What these rules read of a glossary entry (sources.glossary.Entry)."""

    @property
    def forms(self) -> Sequence[str]: ...

    @property
    def frequent_reason(self) -> str | None: ...

#: The most matches one term or alias may have in one report without
#: ``frequent_reason:``. Measured when it was set: the most of any form of
#: the glossary's 138 entries was 14 (高质量发展 in source_texts' 2024 text of
#: 10,626 characters) and 9 in the full reports of 2021 and 2025 (about 18,000
#: characters each), where 的 matches 137 and 147 times, 发展 150 and 145,
#: 推进 64 and 82, 加强 53 and 56.
FREQUENT_LIMIT = 40


def form_loc(index: int) -> tuple:
    """Where the ``index``-th of an entry's forms (the term, then its aliases) is written."""
    return ("term",) if index == 0 else ("aliases", index - 1)


def form_name(index: int, form: str) -> str:
    """A form as a message names it: ``term '一'``, ``alias '，'``."""
    return f"{'term' if index == 0 else 'alias'} {form!r}"


def noise(form: str) -> str | None:
    """Why a term or alias would mark unrelated text wherever it stands, or None."""
    if all(unicodedata.category(char)[0] in "PSZ" for char in form):  # punctuation, symbols, spaces
        return ("is only punctuation or symbols: it would mark that sign everywhere in the reports, "
                "hundreds of times, and explain none of them")
    if len(form) == 1:
        return ("is a single character: it matches inside hundreds of unrelated words "
                "(as 一 does in 统一, 进一步, 一带一路 …) and would mark every one of them")
    return None


def noise_remedy(index: int) -> str:
    """What to do about a form refused as noise."""
    fix = ("write the whole term as the reports print it" if index == 0
           else "remove the alias, or write the whole word it is part of")
    return f"{fix}; or, if the entry truly needs this form, say why in frequent_reason:"


def refuse_noise(entry: Entry, shown: str, doc: YamlDoc, diagnostics: Diagnostics) -> bool:
    """An error at each term or alias that is noise (see :func:`noise`), unless
    ``frequent_reason:`` says why; True when there is one. Such an entry is
    left out, so its hundreds of marks (and notices about them) do not bury the error."""
    if entry.frequent_reason:
        return False
    refused = False
    for index, form in enumerate(entry.forms):
        problem = noise(form)
        if problem:
            diagnostics.error(shown, doc.line(form_loc(index)),
                              f"{form_name(index, form)} {problem}; {noise_remedy(index)}")
            refused = True
    return refused
