"""Figures as the reports write them: 5%左右, 1200万人以上, 3.9万亿元, 6%－6.5%.

One pattern for every reader of figures: the targets table
(:mod:`generator.text.indicators`), the similarity that counts any figure as
one "number" character, the character diff that keeps a figure whole, and
the compare page's table of changed figures. Digits may be full-width (３.２%):
values are read after NFKC.
"""

from __future__ import annotations

import re
import unicodedata

#: A number: 5, 3.2, ３.２.
NUMBER = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
#: Units the reports put after a figure; 万 and 亿 alone count too (1300万辆 is 万 + 辆's noun).
UNIT = r"%|％|个百分点|万亿元|亿元|万元|元|万亿斤|亿斤|万人|万|亿|个|件|部|项|倍"


def figure_pattern(units: str, unit_required: bool = False) -> str:
    """A figure in one of ``units`` (an alternation): a word before (超过 3%),
    the number, the top of a range (6%－6.5%: ``upper``), its unit, a
    qualifier after (5%左右, 1200万人以上). The targets table asks for its
    indicator's units only, and requires one."""
    return (rf"(?P<before>超过|约|近)?(?P<value>{NUMBER})(?:(?:{units})?[－\-～~至](?P<upper>{NUMBER}))?"
            rf"(?P<unit>{units}){'' if unit_required else '?'}(?P<after>左右|以上|以内|以下)?")


#: Any figure, in any unit or none.
FIGURE = re.compile(figure_pattern(UNIT))
#: A figure alone, as the character diff and the similarity treat it: one unit.
NUMBER_RE = re.compile(NUMBER)


def value(number: str) -> float:
    return float(unicodedata.normalize("NFKC", number))


def unit(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match.group("unit") or "")


def is_year(match: re.Match, text: str) -> bool:
    """A year or an anniversary (2025年, 75周年), not an amount."""
    return not match.group("unit") and text[match.end():match.end() + 2].startswith(("年", "周年"))
