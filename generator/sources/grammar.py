"""The grammar of a Government Work Report, in one place.

A report is an optional opening addressed to the deputies (各位代表：…),
numbered parts (一、…), numbered tasks inside them (（一）…), and a closing
that starts at the first 各位代表！ after the last task. Sentences end in
。！？ and any closing quotes or brackets that follow, unless the 。！？ is
inside a quotation the sentence goes on after (:func:`split_sentences`).
Every stage that needs to recognise one of these shapes asks this module, so
a report that prints them differently is taught here once; so is which
characters are Han.
"""

from __future__ import annotations

import re

#: Punctuation that ends a sentence, and the closers that may follow it.
TERMINALS = "。！？"
CLOSERS = "”’」』）》】〕"
#: A paragraph ends in a sentence end, or in a colon (各位代表：).
PARA_END = re.compile(rf"[{TERMINALS}：][{CLOSERS}]*$")

_NUMERAL = "一二三四五六七八九十"
#: 一、 starts a part heading; （一） starts a task.
SECTION_RE = re.compile(rf"^([{_NUMERAL}]+)、")
ITEM_RE = re.compile(rf"^（([{_NUMERAL}]+)）")

#: The address to the deputies: 各位代表： opens a report, 各位代表！ its closing.
ADDRESS = "各位代表"
CLOSING_CUE = ADDRESS + "！"

#: Quotation marks, opening → closing. ASCII quotes are not among them: they
#: open and close alike, and the reports print only the full-width forms.
QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_QUOTE_CLOSERS = frozenset(QUOTES.values())
#: What introduces a quotation as direct speech (他说：“好！”): a quotation
#: after it that ends in 。！？ ends the sentence too.
SPEECH_INTRODUCER = "："


def is_section_heading(text: str) -> bool:
    """一、… with no sentence in it: a part heading, never a paragraph."""
    return bool(SECTION_RE.match(text)) and not any(c in text for c in TERMINALS) and len(text) <= 60


def starts_structure(text: str) -> bool:
    """A paragraph that must start on its own: a part, a task, or an address to the deputies."""
    return bool(ITEM_RE.match(text) or SECTION_RE.match(text)) or text.startswith(ADDRESS)


def _quotations(text: str) -> dict[int, int]:
    """Offset of each opening quotation mark → offset of the mark that closes it.

    Marks pair as brackets do, innermost first. An opening mark never closed
    in the text (or cut off by the close of a quotation around it) is no
    quotation: it stays ordinary text and cannot hold the rest of a paragraph
    in one sentence. A closing mark with nothing to close is ordinary too."""
    pairs: dict[int, int] = {}
    open_: list[int] = []
    for i, c in enumerate(text):
        if c in QUOTES:
            open_.append(i)
        elif c in _QUOTE_CLOSERS:
            for depth in range(len(open_) - 1, -1, -1):
                if QUOTES[text[open_[depth]]] == c:
                    pairs[open_[depth]] = i
                    del open_[depth:]
                    break
    return pairs


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a sentence ends after 。！？ and any closing quote or bracket.

    A 。！？ inside a quotation (“…” ‘…’ 「…」 『…』) does not end the
    sentence: 喊出“加油！”的口号。 is one. Where the quotation closes right
    after it, the sentence ends there only if the quotation is direct speech,
    introduced by a colon (他说：“好！” | 然后走了。), and the quotation's
    sentences are one with the words that introduce it. An unclosed
    quotation mark is ordinary text (see :func:`_quotations`).
    """
    pairs = _quotations(text)
    sentences: list[tuple[int, str]] = []
    start = 0
    quoted: list[int] = []  # the opening marks of the quotations the scan is inside
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if i in pairs:
            quoted.append(i)
        elif quoted and pairs[quoted[-1]] == i:
            quoted.pop()
        elif c in TERMINALS:
            inside = quoted[0] if quoted else None
            while i < n and text[i] in TERMINALS:
                i += 1
            while i < n and text[i] in CLOSERS:
                if quoted and pairs[quoted[-1]] == i:
                    quoted.pop()
                i += 1
            if inside is not None and (quoted or i < n and text[i] in TERMINALS):
                continue  # still quoted, or the quotation is followed by the sentence's own end
            if inside is None or _introduces_speech(text, inside):
                sentences.append((start, text[start:i]))
                start = i
            continue
        i += 1
    if start < n:
        sentences.append((start, text[start:]))
    return sentences


def _introduces_speech(text: str, quote: int) -> bool:
    """Whether the quotation opening at ``quote`` is direct speech: a colon before it."""
    return quote > 0 and text[quote - 1] in SPEECH_INTRODUCER


# --- numbers as printed ----------------------------------------------------

_DIGITS = "〇一二三四五六七八九"


def numeral(text: str) -> int:
    """一 … 九十九 → int (the numbers of parts 一、 and tasks （一）)."""
    if "十" not in text:
        return _DIGITS.index(text)
    tens, _, ones = text.partition("十")
    return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)


def chinese_number(n: int) -> str:
    """int → 一 … 九十九, the inverse of :func:`numeral`."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _DIGITS[ones]
    return (_DIGITS[tens] if tens > 1 else "") + "十" + (_DIGITS[ones] if ones else "")


# --- Chinese characters ----------------------------------------------------

#: Han characters, as the inside of a regular expression's character class:
#: the CJK Unified Ideographs, Extension A and the compatibility ideographs.
#: One rule for every stage that asks whether text is Chinese; search.js
#: spells the same class (tests/test_han.py holds the two equal).
HAN = r"\u3400-\u9fff\uf900-\ufaff"
#: Not Han, but written with it: CJK punctuation (、。「」《》) and the
#: full-width forms (，：（）０-９).
CJK_PUNCTUATION = r"\u3000-\u303f"
FULL_WIDTH = r"\uff00-\uffef"
#: Chinese writing: Han characters and the punctuation and full-width forms set among them.
CHINESE_WRITING = HAN + CJK_PUNCTUATION + FULL_WIDTH
#: Every Han character, the supplementary planes' (Extensions B-H) too: what
#: a Traditional form may be. The stages that segment text keep to :data:`HAN`.
IDEOGRAPHS = HAN + r"\U00020000-\U0003134f"
_IDEOGRAPH = re.compile(f"[{IDEOGRAPHS}]")


def unlike_han_for_han(before: str, after: str) -> tuple[str, str] | None:
    """The first pair of characters where ``after`` (as long as ``before``)
    does not keep the character or put a Han character for a Han character;
    None if there is none. A Traditional conversion and its corrections may
    only do that: anything else could write text (``<``, a quote, a control
    character) that no check of the Simplified saw. Fast enough for every
    text of a site: the pairs are looked at only when the two differ."""
    if _IDEOGRAPH.sub("\x00", before) == _IDEOGRAPH.sub("\x00", after):
        return None
    for old, new in zip(before, after, strict=True):
        if old != new and not (_IDEOGRAPH.match(old) and _IDEOGRAPH.match(new)):
            return old, new
    return None
