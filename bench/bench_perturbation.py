"""Print how right `compare` is on changes whose truth is known: a full
report against a copy of itself with sentences edited, figures changed,
sentences split, merged, deleted and inserted, and two tasks swapped
(issue 23: "the perturbation bench still holds").

The hand-checked links (bench_alignment.py) measure what real report pairs
do, four years apart; this measures the rest: that every kind of change a
drafter makes is found, on the corpus's full reports, with a fixed random
seed so the numbers are the same each run. Each report's text is written
out one paragraph a line, its copy perturbed, both parsed as raw files, and
the copy's sentences matched back to what made them (each sentence's text
is checked, so a perturbation the parser reads otherwise stops the bench).

A link is (sentence of the report, sentence of the copy): an unchanged or
edited sentence links to its original, each part of a split one to the
sentence it was, a merged one to both; an inserted sentence links nowhere.
Precision is the share of `compare`'s links that are true, recall the share
of true links it makes, over all kinds and by kind. Goal: both at least 0.97.

    .venv/bin/python bench/bench_perturbation.py [--seed N]
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import random
import re
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sites import CORPUS  # noqa: E402
from generator.comparison.alignment import align  # noqa: E402
from generator.model import Paragraph, Report  # noqa: E402
from generator.sources.rawfile import parse_reports  # noqa: E402

#: Words a drafter adds or drops: a one-word insertion in a short sentence must stay its edit.
WORDS = ("进一步", "切实", "持续", "加快", "更加", "全面", "积极", "稳步")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: How often each change is made to a sentence (the rest are left as they are).
CHANGES = (("edit", 0.14), ("split", 0.05), ("merge", 0.05), ("delete", 0.04), ("insert", 0.04))
#: How often a sentence with a figure has it changed (a target raised, a total updated).
FIGURES = 0.4


def _parse(lines: list[str], year: int, folder: pathlib.Path, name: str) -> Report:
    path = folder / f"{name}.txt"
    path.write_text("\n".join([f"{year}年政府工作报告", *lines]) + "\n", encoding="utf-8")
    return parse_reports(path, year)[0].report


def _lines(report: Report) -> list[list[tuple[str, frozenset[str], str]]]:
    """The report as lines: a part heading alone, a paragraph as its sentences (text, origins, change)."""
    out = []
    for block in report.text_blocks():
        if isinstance(block.node, Paragraph):
            out.append([(text, frozenset([anchor]), "same") for anchor, text in block.pieces])
        else:
            out.append([(block.text, frozenset(), "heading")])
    return out


def _edit(text: str, rng: random.Random) -> str | None:
    """One word added or two characters dropped, inside the sentence's words."""
    places = [i for i, c in enumerate(text[:-1]) if "\u4e00" <= c <= "\u9fff" and i > 2]
    if not places:
        return None
    at = rng.choice(places)
    if rng.random() < 0.6 or len(text) < 16:
        return text[:at] + rng.choice(WORDS) + text[at:]
    return text[:at] + text[at + 2:] if all("\u4e00" <= c <= "\u9fff" for c in text[at:at + 2]) else None


def _figure(text: str, rng: random.Random) -> str | None:
    found = [m for m in NUMBER.finditer(text) if not re.fullmatch(r"(19|20)\d\d", m.group())]
    if not found:
        return None
    m = rng.choice(found)
    value = m.group()
    step = rng.randint(1, 9)
    changed = str(int(value) + step) if "." not in value else f"{float(value) + 0.1 * step:.1f}"
    return text[:m.start()] + changed + text[m.end():]


def perturb(report: Report, other: Report, rng: random.Random) -> list[list[tuple[str, frozenset[str], str]]]:
    """The report's lines with changes made at random; each sentence with the originals it came from."""
    strangers = [s.text for p in other.paragraphs() for s in p.sentences if len(s.text) > 20]
    out = []
    for line in _lines(report):
        if line[0][2] == "heading":
            out.append(line)
            continue
        made: list[tuple[str, frozenset[str], str]] = []
        i = 0
        while i < len(line):
            text, origins, _ = line[i]
            roll, change = rng.random(), None
            if NUMBER.search(text) and rng.random() < FIGURES:
                roll, change = 1.0, "figure"
            for name, share in CHANGES:
                if roll < share:
                    change = name
                    break
                roll -= share
            first = i == 0  # a task's title or a lead: kept whole, as drafters keep them
            if change == "edit" and not first and (edited := _edit(text, rng)):
                made.append((edited, origins, "edited"))
            elif change == "figure" and (edited := _figure(text, rng)):
                made.append((edited, origins, "figure"))
            elif change == "split" and not first and text.count("，") >= 2 and len(text) > 40:
                commas = [m.start() for m in re.finditer("，", text)]
                cut = commas[len(commas) // 2]
                made += [(text[:cut] + "。", origins, "split"), (text[cut + 1:], origins, "split")]
            elif change == "merge" and not first and i + 1 < len(line) and text.endswith("。"):
                after, more, _ = line[i + 1]
                made.append((text[:-1] + "，" + after, origins | more, "merged"))
                i += 1
            elif change == "delete" and not first and len(line) > 1:
                pass
            elif change == "insert" and not first:
                made += [(text, origins, "same"), (rng.choice(strangers), frozenset(), "inserted")]
            else:
                made.append((text, origins, "same"))
            i += 1
        out.append(made or line[:1])
    return out


def _swap_tasks(lines, rng: random.Random):
    """Two neighbouring tasks change places and numbers, as 2025 moved domestic demand to task one."""
    starts = [i for i, line in enumerate(lines) if re.match(r"（[一二三四五六七八九十]+）", line[0][0])]
    if len(starts) < 3:
        return lines
    k = rng.randrange(len(starts) - 2)
    a, b, c = starts[k], starts[k + 1], starts[k + 2]
    first, second = lines[a:b], lines[b:c]
    marker = re.compile(r"^（[一二三四五六七八九十]+）")

    def renumber(block, like: str):
        """``block`` (a task's lines) with the number of the task that began with ``like``."""
        (title, origins, change), *rest = block[0]
        return [[(marker.sub(marker.match(like).group(), title), origins, change), *rest], *block[1:]]

    lines[a:c] = renumber(second, lines[a][0][0]) + renumber(first, lines[b][0][0])
    return lines


def measure(report: Report, other: Report, seed: int, folder: pathlib.Path):
    rng = random.Random(seed)
    lines = _swap_tasks(perturb(report, other, rng), rng)
    original = _parse(["".join(t for t, _, _ in line) for line in _lines(report)], report.year, folder, "a")
    copy = _parse(["".join(t for t, _, _ in line) for line in lines], report.year, folder, "b")
    made_sentences = [s for line in lines if line[0][2] != "heading" for s in line]
    parsed = [s for p in copy.paragraphs() for s in p.sentences]
    if [s.text for s in parsed] != [t for t, _, _ in made_sentences]:
        raise SystemExit("the copy parses into other sentences than were made: a perturbation the parser reads "
                         "otherwise (fix the bench)")
    # The original's anchors, as parsed again from its own lines: the same report, the same anchors.
    same = {s.id for p in report.paragraphs() for s in p.sentences}
    assert same == {s.id for p in original.paragraphs() for s in p.sentences}
    truth: dict[tuple[str, str], str] = {}
    for sentence, (_, origins, change) in zip(parsed, made_sentences):
        for origin in origins:
            truth[(origin, sentence.id)] = change
    lineage = align(original, copy)
    made = {(p.a.id, p.b.id) for p in (*lineage.sentence_pairs(), *lineage.also) if p.a and p.b}
    counts = collections.Counter(change for _, _, change in made_sentences)
    counts["deleted"] = len(same) - len({o for _, origins, _ in made_sentences for o in origins})
    return truth, made, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args()
    files = {year: CORPUS / f"{year}.txt" for year in (2021, 2025)}
    if not all(f.exists() for f in files.values()):
        print(f"(no corpus at {CORPUS}: nothing to measure)")
        return
    reports = {year: parse_reports(f, year)[0].report for year, f in files.items()}
    with tempfile.TemporaryDirectory() as folder:
        for year, other in ((2025, 2021), (2021, 2025)):
            truth, made, counts = measure(reports[year], reports[other], args.seed, pathlib.Path(folder))
            right = made & truth.keys()
            precision, recall = len(right) / max(len(made), 1), len(right) / max(len(truth), 1)
            kinds = collections.Counter(truth.values())
            found = collections.Counter(truth[link] for link in right)
            print(f"{year} against its perturbed copy: {len(truth)} true links ({counts['deleted']} sentences "
                  f"deleted, {counts['inserted']} inserted, two tasks swapped), {len(made)} links made")
            print(f"  precision {precision:.3f}   recall {recall:.3f}   (goal: both at least 0.97)")
            print("  recall by change: " + "   ".join(f"{k} {found[k]}/{n}" for k, n in sorted(kinds.items())))


if __name__ == "__main__":
    main()
