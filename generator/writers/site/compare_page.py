"""The compare pages: ``/compare/`` lists the pairs of reports the edition
compares, ``/compare/A-B/`` shows one pair clause by clause, and
``api/compare/A-B.json`` is the same alignment as ``python -m generator compare``.

Which pairs: every two consecutive years of the edition whose alignment
pairs at least :data:`MIN_PAIRED` sentences. One pair alone is a salutation
or a stock phrase (2021's excerpt holds only its two opening paragraphs,
whose 各位代表： pairs with 2022's closing 各位代表！), not overlapping text.

A row is a sentence pair: the earlier sentence with its deleted characters
in ``<del>``, the later one with its inserted characters in ``<ins>``; both
carry words for screen readers and are underlined or struck through, never
told apart by colour alone. Rows are grouped by paragraph pair, with the
English of each sentence under it.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import re

from markupsafe import Markup

from generator.comparison.alignment import (
    EDITED,
    MERGED,
    NEW,
    REMOVED,
    SAME,
    SPLIT,
    Lineage,
    ParagraphPair,
    SentencePair,
    align,
    lineage_json,
    sentence_diff,
)
from generator.comparison.chardiff import DELETE, EQUAL, INSERT
from generator.comparison.sides import Side
from generator.comparison.summary import Summary, TermChanges, summarize, term_changes
from generator.links import COMPARE, Links, compare_uri, linker, report_uri, term_uri
from generator.project.loaded import LoadedReport
from generator.text import citation
from generator.text.indicators import across, indicators
from generator.text.reference_formats import edition_page_tags
from generator.writers.markup import Html, join, text
from generator.writers.page import Page

#: A pair of reports is compared when at least this many sentences pair across them.
MIN_PAIRED = 2

#: How each change is named on the page: Chinese, English.
CHANGES = {SAME: ("相同", "same"), EDITED: ("改动", "edited"), NEW: ("新增", "new"), REMOVED: ("删去", "removed"),
           SPLIT: ("拆出", "split off"), MERGED: ("并入", "merged")}
#: …and a sentence alone beyond what the other year's text (an excerpt) holds.
BEYOND = ("超出{year}年节选", "beyond the {year} excerpt")


@dataclasses.dataclass(frozen=True)
class Comparison:
    """Two loaded reports of the edition and their alignment."""

    a: LoadedReport
    b: LoadedReport
    lineage: Lineage

    @property
    def years(self) -> tuple[int, int]:
        return self.a.report.year, self.b.report.year

    @functools.cached_property
    def summary(self) -> Summary:
        """What changed, within what both texts hold (comparison/summary.py)."""
        return summarize(self.lineage, self.a.meta.meta.whole, self.b.meta.meta.whole)


def paired(lineage: Lineage) -> int:
    """How many sentences of the two reports are paired (same or edited)."""
    return sum(1 for s in lineage.sentence_pairs() if s.a is not None and s.b is not None)


def comparisons(loaded, aligned) -> list[Comparison]:
    """The pairs the edition compares, earlier year first. ``aligned(a, b)``
    aligns two loaded reports (render_site passes one that keeps results
    between `mkdocs serve` rebuilds)."""
    entries = sorted(loaded.reports, key=lambda r: r.report.year)
    found = []
    for a, b in zip(entries, entries[1:]):
        lineage = aligned(a, b)
        if paired(lineage) >= MIN_PAIRED:
            found.append(Comparison(a, b, lineage))
    return found


def align_reports(a, b, flatten=Side.of) -> Lineage:
    return align(a.report, b.report, flatten)


def compare_json(comparison: Comparison, loaded, terms: TermChanges | None = None) -> str:
    """``api/compare/A-B.json``: the JSON of the CLI, compact as the open data
    is (the CLI indents it for people; Python's encoder is ten times slower
    when it indents, half the compare pages' time at 30 reports), with the
    page's summary under ``summary``. ``terms``: the pair's, if already made."""
    summary = comparison.summary
    data = lineage_json(comparison.lineage, summary.outside)
    terms = terms or pair_terms(comparison, loaded)
    data["summary"] = {
        "counts": summary.counts,
        "beyond": summary.beyond,
        "moves": [{"a": m.a, "b": m.b, "sentences": m.sentences, "main": m.main} for m in summary.moves],
        "figures": [{"a": f.pair.a.id, "b": f.pair.b.id, "before": f.before, "after": f.after}
                    for f in summary.figures if f.pair.a and f.pair.b],
        "terms": {"new": [slug for slug, _ in terms.first], "gone": [slug for slug, _ in terms.gone],
                  "rose": list(terms.rose), "fell": list(terms.fell), "quoted": list(terms.phrases)},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def pair_terms(comparison: Comparison, loaded, forms: dict[str, tuple[str, ...]] | None = None) -> TermChanges:
    """The terms one report of the pair has and the other not, and those used
    more or less (summary.term_changes); ``forms``: slug → the term and its
    aliases, if already gathered."""
    if forms is None:
        forms = {item.entry.slug: (item.entry.term, *item.entry.aliases) for item in loaded.glossary.entries}
    return term_changes(comparison.lineage, comparison.summary, loaded.occurrences, forms)


def compared(loaded, memo, unused) -> list[Comparison]:
    """The comparisons of the edition; alignments are kept in ``memo``, so a
    `mkdocs serve` rebuild aligns again only reports that changed."""

    def flatten(report) -> Side:  # flattened and profiled once, for both of its comparisons
        return memo.get(("side", report.year), (report,), lambda _: Side.of(report), unused)

    def aligned(a, b) -> Lineage:
        return memo.get(("lineage", a.report.year, b.report.year), (a.report, b.report),
                        lambda _: align_reports(a, b, flatten), unused)

    return comparisons(loaded, aligned)


@dataclasses.dataclass(frozen=True)
class Counterpart:
    """Where a paragraph's words stand in another report of the edition, and
    the row of the compare page that sets the two side by side."""

    year: int
    anchor: str
    label: citation.Label
    page: str  # the compare page's source path
    row: str  # the id of the paragraph pair on it
    change: str  # SAME when every sentence of the pair is the same, else EDITED


def counterparts(found: list[Comparison]) -> dict[int, dict[str, tuple[Counterpart, ...]]]:
    """Year → paragraph anchor → its counterparts in the other reports of the
    edition, earlier years first: in the years it is compared with, and on
    through theirs (2024's paragraph, the 2022 one it continues, the 2021
    one that continues), each with the compare page of its own step. A
    paragraph split or merged between two years has several; a paragraph with
    no words in common with the other year, none."""
    direct: dict[tuple[int, str], list[Counterpart]] = {}
    for c in found:
        (year_a, year_b), page = c.years, compare_uri(*c.years)
        labels = {year_a: citation.labels(c.a.report), year_b: citation.labels(c.b.report)}
        for pair in c.lineage.pairs:
            if pair.a is None or pair.b is None:
                continue
            same = all(s.change == SAME for s in pair.sentences)
            change, row = SAME if same else EDITED, pair_id(pair)
            for here, there, year in ((year_a, pair.b, year_b), (year_b, pair.a, year_a)):
                own = pair.a if here == year_a else pair.b
                direct.setdefault((here, own.id), []).append(
                    Counterpart(year, there.id, labels[year][there.id], page, row, change))
    out: dict[int, dict[str, tuple[Counterpart, ...]]] = {}
    for (year, anchor), near in direct.items():
        found_: list[Counterpart] = []
        seen = {(year, anchor)}
        todo = [(c, c.year > year) for c in near]
        while todo:  # each step goes on away from the paragraph, never back
            step, later = todo.pop(0)
            if (step.year, step.anchor) in seen:
                continue
            seen.add((step.year, step.anchor))
            found_.append(step)
            todo.extend((c, later) for c in direct.get((step.year, step.anchor), ())
                        if (c.year > step.year) == later)
        out.setdefault(year, {})[anchor] = tuple(sorted(found_, key=lambda k: k.year))
    return out


def site_parts(found: list[Comparison], loaded, memo, page, env, unused) -> tuple[list[Page], dict[str, str]]:
    """The compare pages and their JSON for render_site. ``page(name, key, make)``
    is render_site's memo of pages."""
    if not found:  # an edition of one report (or of reports that share no text) has no compare pages
        return [], {}
    metas = tuple(r.meta.meta for r in loaded.reports)
    # The index shows every report's targets (a report compared with none too);
    # a pair's page and JSON its terms (the glossary's entries find them).
    reports = tuple(r.report for r in loaded.reports)
    entries = tuple(item.entry for item in loaded.glossary.entries)
    pages = [page(("compare",), (tuple(c.lineage for c in found), reports, metas),
                  lambda links: render_compare_index(found, loaded, links, env))]
    files = {}
    forms = {item.entry.slug: (item.entry.term, *item.entry.aliases) for item in loaded.glossary.entries}
    for c in found:
        year_a, year_b = c.years
        # Made once for the pair's page and its JSON, and only if one of them is made again.
        terms = functools.cache(lambda c=c: pair_terms(c, loaded, forms))
        key = (c.lineage, loaded.translations[year_a], loaded.translations[year_b], metas, entries)
        pages.append(page(("compare", year_a, year_b), key,
                          lambda links, c=c, terms=terms: render_compare(c, loaded, links, env, terms())))
        files[api_path(year_a, year_b)] = memo.get(("api", "compare", year_a, year_b), (c.lineage, metas, entries),
                                                   lambda _, c=c, terms=terms: compare_json(c, loaded, terms()), unused)
    return pages, files


def api_path(year_a: int, year_b: int) -> str:
    return f"api/compare/{year_a}-{year_b}.json"


# --- markup ---------------------------------------------------------------------------

#: A deletion or an insertion, with words for screen readers.
_MARKS = {
    DELETE: Html('<del><span class="gwr-sr">[删去：deleted: </span>{words}<span class="gwr-sr">]</span></del>'),
    INSERT: Html('<ins><span class="gwr-sr">[新增：inserted: </span>{words}<span class="gwr-sr">]</span></ins>'),
}


def diff_markup(pair: SentencePair, side: str, joined: tuple = ()) -> Markup:
    """One side of a sentence pair: A's text with its deletions marked, or B's with its insertions.

    ``joined``: the sentences of the other side that also went into this one
    (merged into B, or split off A), in document order with the pair's own:
    their words are not new in B, nor gone from A, and are not marked so.
    Inside each mark a visually hidden label says what it is, since screen
    readers do not announce <ins> and <del> by default; the label has no
    characters of the report text, so the text stays the text."""
    own = DELETE if side == "a" else INSERT
    sentence = pair.a if side == "a" else pair.b
    assert sentence is not None, "a row marks only a side that has a sentence"
    words = sentence.text
    if pair.change == SAME:  # equal but for spacing, width or a renumbered task: nothing to mark
        return text(words)
    # A task's number (（九） → （十）) is where the task stands, not a change of its words.
    number = _TASK_NUMBER.match(words)
    out = [number.group()] if number else []
    other = "b" if side == "a" else "a"
    if joined:  # the other side as it was before the split, or after the merge: all its sentences
        whole = "".join((getattr(pair, other) if s is None else s).text for s in joined)
        pair = dataclasses.replace(pair, **{other: dataclasses.replace(getattr(pair, other), text=whole)})
    rest = dataclasses.replace(pair, a=_without_number(pair.a), b=_without_number(pair.b))
    mark = _MARKS[own]
    for segment in sentence_diff(rest):
        if segment.op == EQUAL:
            out.append(segment.text)
        elif segment.op == own:
            out.append(mark(words=segment.text))
    return join(out)


_TASK_NUMBER = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")


def _without_number(sentence):
    if sentence is None:
        return None
    number = _TASK_NUMBER.match(sentence.text)
    return dataclasses.replace(sentence, text=sentence.text[number.end():]) if number else sentence


def pair_id(pair: ParagraphPair | SentencePair) -> str:
    """A row's id, from the anchors it shows: ``A--B``, with ``new`` or
    ``removed`` for a missing side. Unique on a page: every sentence appears
    once, and a paragraph pair is named by its two paragraphs."""
    return f"{pair.a.id if pair.a else 'new'}--{pair.b.id if pair.b else 'removed'}"


_SECOND = Html('<span class="gwr-cmp-second">见 <span lang="en">see</span> <a href="#{row}">{label}</a>'
               '<span class="gwr-sr"> · {en}</span></span>')
_CELL = Html('{words} <a class="gwr-cmp-anchor" href="{page}#{anchor}">{label}</a>{english}')
#: A sentence's English, under its Chinese in the row (hidden in the 中 view).
_CELL_EN = Html('<span class="gwr-cmp-row-en" lang="en">{words}</span>')
_CELL_PENDING = Html('<span class="gwr-cmp-row-en gwr-pending" lang="en">[Translation pending]</span>')
_ROW = Html('<tr class="gwr-cmp-row gwr-cmp-{change}" id="{row}">\n<td class="gwr-cmp-change"><a href="#{row}" '
            'class="gwr-cmp-tag" title="本句链接 · Link to this row">{zh} · <span lang="en">{en}</span></a></td>\n'
            '<td class="gwr-cmp-a" data-year="{year_a}">{a}</td>\n<td class="gwr-cmp-b" data-year="{year_b}">{b}</td>\n'
            '</tr>\n')


def _english(translation, sentence) -> Markup | str:
    """A sentence's English in its cell: its own unit's; nothing for a
    sentence whose English is given with the first of its run."""
    segment = translation.answering(sentence.id)
    if segment is None:
        return ""
    words = translation.text(segment.anchor)
    return _CELL_EN(words=words) if words is not None else _CELL_PENDING()


def joined_sentences(lineage: Lineage) -> dict[tuple[str, str], tuple]:
    """(side, anchor) → for a sentence of B that others of A merged into, the A
    sentences it holds; for one of A that others of B split off, the B ones:
    in document order, None standing for the sentence paired with it."""
    # Each report's own order: the same anchor names a sentence in each of the two.
    order = {side: {s.id: k for k, s in enumerate(s for p in report.paragraphs() for s in p.sentences)}
             for side, report in (("a", lineage.a), ("b", lineage.b))}
    found: dict[tuple[str, str], list] = {}
    for second in lineage.also:
        if second.a is None or second.b is None:
            continue
        key, other = (("b", second.b.id), second.a) if second.change == MERGED else (("a", second.a.id), second.b)
        found.setdefault(key, []).append(other)
    primary = {("b", p.b.id): p.a for p in lineage.sentence_pairs() if p.a and p.b}
    primary.update({("a", p.a.id): p.b for p in lineage.sentence_pairs() if p.a and p.b})
    out = {}
    for key, others in found.items():
        own = primary.get(key)
        if own is not None:
            places = order["a" if key[0] == "b" else "b"]
            ordered = sorted([own, *others], key=lambda s: places[s.id])
            out[key] = tuple(None if s is own else s for s in ordered)
    return out


def sentence_rows(pair: ParagraphPair, labels: dict, pages: dict[str, str], summary: Summary,
                  rows: dict[tuple[str, str], str], english: dict, joined: dict | None = None) -> Markup:
    """The table rows of a paragraph pair, one per sentence pair. Made here
    rather than in the template: a page has a thousand rows, and Jinja's
    calls per row were half of the compare pages' time. ``pages``: side → the
    URL of its report page. A sentence alone beyond what the other text holds
    is said to be so, not new or removed (``summary``); one split off or
    merged names the row of the sentence it came from or went into (``rows``:
    (side, anchor) → the id of its row). Each sentence has its English under it
    (``english``: side → the year's translation). A sentence others were merged
    into (or split off) is diffed against them all (``joined``)."""
    joined = joined or {}
    out = []
    year_a, year_b = summary.years
    for s in pair.sentences:
        inside, second = summary.in_scope(s), summary.second(s)
        if second is not None:  # split off a sentence of A, or merged into one of B: not new, not gone
            zh, en = CHANGES[second.change]
        elif inside:
            zh, en = CHANGES[s.change]
        else:  # named by the other year, whose excerpt does not reach it
            excerpt = year_a if s.b is not None else year_b
            zh, en = BEYOND[0].format(year=excerpt), BEYOND[1].format(year=excerpt)
        marked = inside and second is None
        cells = {side: "" if sentence is None else _CELL(
                     words=diff_markup(s, side, joined.get((side, sentence.id), ())) if marked else
                     text(sentence.text), page=pages[side],
                     anchor=sentence.id, label=labels[side][sentence.id].zh,
                     english=_english(english[side], sentence))
                 for side, sentence in (("a", s.a), ("b", s.b))}
        if second is not None:  # the empty side names the sentence it came from or went into
            side = "a" if s.a is None else "b"
            source = second.a if side == "a" else second.b
            assert source is not None, "a second link has both sentences"
            cells[side] = _SECOND(row=rows[side, source.id], label=labels[side][source.id].zh,
                                  en=labels[side][source.id].en)
        change = second.change if second is not None else s.change if inside else "beyond"
        out.append(_ROW(change=change, row=pair_id(s), zh=zh, en=en, a=cells["a"], b=cells["b"],
                        year_a=year_a, year_b=year_b))
    return join(out)


def render_compare(comparison: Comparison, loaded, links: Links, env, terms: TermChanges | None = None) -> Page:
    """One pair of reports, clause by clause; ``terms``: the pair's, if already made."""
    year_a, year_b = comparison.years
    here = compare_uri(year_a, year_b)
    labels = {"a": citation.labels(comparison.a.report), "b": citation.labels(comparison.b.report)}
    tasks = {"a": citation.containers(comparison.a.report), "b": citation.containers(comparison.b.report)}
    link = linker(links, here)
    pages = {"a": link(report_uri(year_a)), "b": link(report_uri(year_b))}
    summary = comparison.summary
    english = {"a": loaded.translations[year_a], "b": loaded.translations[year_b]}
    joined = joined_sentences(comparison.lineage)
    row_of = {(side, sentence.id): pair_id(s) for s in comparison.lineage.sentence_pairs()
              for side, sentence in (("a", s.a), ("b", s.b)) if sentence is not None}
    html = env.get_template("compare.html").render(
        summary=summary,
        terms=terms or pair_terms(comparison, loaded),
        glossary=loaded.glossary.by_slug,
        term_uri=term_uri,
        where=lambda side, container: tasks[side][container],
        comparison=comparison,
        year_a=year_a,
        year_b=year_b,
        meta_a=comparison.a.meta.meta,
        meta_b=comparison.b.meta.meta,
        counts=summary.counts,
        changes=CHANGES,
        label=lambda side, anchor: labels[side][anchor],
        rows=lambda pair: sentence_rows(pair, labels, pages, summary, row_of, english, joined),
        # Paragraphs wholly beyond the other text's excerpt are folded away, a run of them as one.
        groups=[(beyond, list(pairs)) for beyond, pairs in itertools.groupby(
            comparison.lineage.pairs,
            lambda pair: bool(pair.sentences) and not any(map(summary.in_scope, pair.sentences)))],
        pair_id=pair_id,
        link=link,
        api=api_path(year_a, year_b),
    )
    title = f"{year_a}—{year_b} 逐句对比 · Compare {year_a} and {year_b}"
    # Cited as what it is: a page of this edition, not a report.
    tags = edition_page_tags("webpage", title, "zh-Hans")
    return Page(here, title, html, [], {"hide": ["navigation", "toc"], "citation": tags}, in_nav=False)


def render_compare_index(comparisons_: list[Comparison], loaded, links: Links, env) -> Page:
    """The list of the pairs the edition compares."""
    years = sorted(r.report.year for r in loaded.reports)
    figures = {r.report.year: indicators(r.report) for r in loaded.reports}
    html = env.get_template("compare_index.html").render(
        rows=across(figures),
        figures=figures,
        metas={r.report.year: r.meta.meta for r in loaded.reports},
        report_uri=report_uri,
        comparisons=comparisons_,
        counts={c.years: c.summary.counts for c in comparisons_},
        years=years,
        changes=CHANGES,
        min_paired=MIN_PAIRED,
        compare_uri=compare_uri,
        link=linker(links, COMPARE),
    )
    return Page(COMPARE, "逐句对比 · Compare", html, [])
