"""Next year's report pre-translated from this year's, by the comparison.

When a new report arrives, much of it repeats or edits last year's. For each
sentence of the new report that :func:`generator.comparison.alignment.align`
pairs with one of the old:

* the very same characters: the old English is carried over (``state: carried``), and
  fingerprinted against the new Chinese, which it translates as it did; the
  page marks it as carried and ``check`` counts it until a translator has read
  it again and stamped it;
* edited words (or only a task's number: the English has it too): the old
  English is a *suggestion* (``state: suggested``),
  with the old Chinese it translated (``was``) so the page and the
  translator's tool show the change; never shown as checked;
* a new sentence stays pending.

A part heading carries over where the old report has the same heading. Only
sentences whose old English is a unit of its own are used: a run's English
answers several sentences and cannot be cut. Units the new report's file
already has are never touched, so running it again, or after translators
started, only fills what is still missing.
"""

from __future__ import annotations

import dataclasses

from generator.comparison.alignment import EDITED, SAME, align
from generator.project.project import Project
from generator.sources import translation as tr
from generator.sources.translation_edits import put_units


@dataclasses.dataclass(frozen=True)
class Pretranslated:
    path: str
    carried: int
    suggested: int
    pending: int  # units still without English after this


def pretranslate(project: Project, new: int, old: int) -> Pretranslated:
    loaded = project.load()
    new_report, old_report = project.report(new, loaded), project.report(old, loaded)
    before = loaded.translations[new]
    earlier = loaded.translations[old]
    filled: dict[str, dict] = {}

    def fill(anchor: str, old_anchor: str, english: str, chinese: str, was: str | None) -> None:
        held = before.of_sentence.get(anchor)
        if held is not None and held.anchor in before.units:
            return  # a translator's unit, or a run that holds this sentence: never overwritten
        source = f"{old} {old_anchor}"
        if was is None:
            filled[anchor] = {"zh": tr.fingerprint(chinese), "state": "carried", "from": source, "en": english}
        else:
            filled[anchor] = {"state": "suggested", "from": source, "was": was, "en": english}

    def own_english(anchor: str) -> str | None:
        segment = earlier.of_sentence.get(anchor)
        if segment is None or segment.sentences != (anchor,) or earlier.status(segment.anchor) != tr.OK:
            return None  # a run's English, or English nobody has checked: not passed on
        return earlier.text(segment.anchor)

    old_headings = {s.heading: s.id for s in old_report.sections if s.heading}
    for section in new_report.sections:
        if section.heading in old_headings:
            english = own_english(old_headings[section.heading])
            if english is not None:
                fill(section.id, old_headings[section.heading], english, section.heading, None)
    for pair in align(old_report, new_report).sentence_pairs():
        if pair.a is None or pair.b is None or pair.change not in (SAME, EDITED):
            continue
        english = own_english(pair.a.id)
        if english is not None:
            # Carried only for the very same characters: "same" in the comparison leaves out a task's
            # number, and a renumbered title must not keep its old number in English.
            same = pair.change == SAME and pair.a.text == pair.b.text
            fill(pair.b.id, pair.a.id, english, pair.b.text, None if same else pair.a.text)
    path = put_units(new_report, project.source_dir, project.root, filled) if filled else before.path
    after = project.load().translations[new]
    states = [u.get("state") for u in filled.values()]
    return Pretranslated(path, states.count("carried"), states.count("suggested"), len(after.missing))

