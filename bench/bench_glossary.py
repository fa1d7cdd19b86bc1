"""Print the glossary matcher's time over the seed texts, with the real
glossary and with 5,000 generated entries.

The matcher walks one trie from each position of the text, so its cost should
depend on the text and the longest term, not on the number of entries: the
second time should be within 1.5x of the first.

    .venv/bin/python bench/bench_glossary.py [--entries N] [--repeat N]
"""

from __future__ import annotations

import argparse
import pathlib
import random
import re
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.project.project import Project  # noqa: E402
from generator.sources.glossary import Entry, Glossary, LoadedEntry  # noqa: E402
from generator.sources.grammar import HAN  # noqa: E402
from generator.text.term_matching import Matcher, annotate  # noqa: E402


def generated_glossary(real: Glossary, text: str, count: int, substrings: bool, seed: int = 1) -> Glossary:
    """The real entries plus generated ones, ``count`` in all.

    Generated forms are 2-6 characters drawn from the text's own character
    distribution, so the trie is dense exactly where the text is. With
    ``substrings``, half of them are instead cut from the text itself, so
    they all match: an adversarial glossary where most positions start a
    deep walk and matches are ten times as many.
    """
    rng = random.Random(seed)
    chars = re.findall(f"[{HAN}]", text)
    taken = {form for e in real.entries for form in e.entry.forms}
    forms: set[str] = set()
    while len(forms) + len(real.entries) < count:
        if substrings and rng.random() < 0.5:
            start = rng.randrange(len(chars) - 8)
            form = "".join(chars[start:start + rng.randint(2, 8)])
        else:
            form = "".join(rng.choice(chars) for _ in range(rng.randint(2, 6)))
        if form not in taken:
            forms.add(form)
    entries = list(real.entries)
    for n, form in enumerate(sorted(forms)):
        entry = Entry.model_construct(slug=f"g{n}", term=form, aliases=(), not_in=(), pinyin="x")
        entries.append(LoadedEntry(entry, f"g{n}.yml", None))
    glossary = Glossary.__new__(Glossary)
    glossary.entries, glossary.by_slug = entries, {e.entry.slug: e for e in entries}
    return glossary


def time_matcher(reports, glossary, repeat: int) -> tuple[float, int]:
    matcher = Matcher(glossary)
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = sum(len(annotate(r, matcher)[1]) for r in reports)
        times.append(time.perf_counter() - start)
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    loaded = Project(ROOT).load()
    reports = [r.report for r in loaded.reports]
    text = "".join(p.text for r in reports for p in r.paragraphs())
    real = time_matcher(reports, loaded.glossary, args.repeat)
    big = time_matcher(reports, generated_glossary(loaded.glossary, text, args.entries, False), args.repeat)
    worst = time_matcher(reports, generated_glossary(loaded.glossary, text, args.entries, True), args.repeat)
    print(f"seed text: {len(text)} characters in {sum(1 for r in reports for _ in r.paragraphs())} paragraphs")
    print(f"{'glossary':<34}{'entries':>8}{'matches':>9}{'time ms':>10}")
    print(f"{'real':<34}{len(loaded.glossary):>8}{real[1]:>9}{real[0] * 1000:>10.2f}")
    print(f"{'real + generated':<34}{args.entries:>8}{big[1]:>9}{big[0] * 1000:>10.2f}")
    print(f"{'real + generated, half substrings':<34}{args.entries:>8}{worst[1]:>9}{worst[0] * 1000:>10.2f}")
    print(f"ratio generated/real: {big[0] / real[0]:.2f} (target: within 1.5)")
    print(f"ratio adversarial/real: {worst[0] / real[0]:.2f} (every position starts a deep walk; "
          "cost follows matches and term length, not entry count)")


if __name__ == "__main__":
    main()
