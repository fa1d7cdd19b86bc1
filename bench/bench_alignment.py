"""Print how right `compare` is: precision and recall of its sentence links
against links checked by hand, 2021 → 2025 (issue 23).

The hand-checked set (``bench/data/links-2021-2025.tsv``) was made by reading
the two full reports of ``../shared/corpus`` sentence by sentence: for each
sentence of 2025, the sentence or sentences of 2021 that state the same
clause (repeated, edited, split or merged), or none. The corpus is never
copied into the project, so the set names each sentence by a digest of its
text and the number of its repeat (``key``), with the anchor it had when read
for a person to find it; a structural change of the parser (a closing found
where it was not) keeps the keys.

Two readers made it: the first proposed the links, the second judged each
one. A *link* is a pair (sentence of 2021, sentence of 2025); it is *sure*
where both readers were sure of it, *possible* where only one was (a clause
heavily reworded four years on, a long sentence of 2021's five-year plan of
which a 2025 sentence takes one part), as in the sure/possible alignments of
Och and Ney (2003):
precision is the share of the links `compare` makes that the set holds, sure
or possible; recall is the share of the sure links that `compare` makes.
Goal: both at least 0.97.

    .venv/bin/python bench/bench_alignment.py [--misses]
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sites import CORPUS  # noqa: E402
from generator.comparison.alignment import Lineage, align  # noqa: E402
from generator.model import Report  # noqa: E402
from generator.sources.rawfile import parse_reports  # noqa: E402

GOLD = ROOT / "bench" / "data" / "links-2021-2025.tsv"


def keys(report: Report) -> dict[str, str]:
    """Sentence anchor → its key: the first 10 hex digits of the SHA-1 of its
    text (whitespace removed), then ``#n`` for its n-th repeat in the report."""
    seen: collections.Counter = collections.Counter()
    found = {}
    for paragraph in report.paragraphs():
        for sentence in paragraph.sentences:
            digest = hashlib.sha1("".join(sentence.text.split()).encode("utf-8")).hexdigest()[:10]
            seen[digest] += 1
            found[sentence.id] = f"{digest}#{seen[digest]}"
    return found


def read_gold(path: pathlib.Path = GOLD) -> tuple[set[tuple[str, str]], set[tuple[str, str]], dict[str, str], set[str]]:
    """(the sure links as (key in 2021, key in 2025), the possible ones (the
    sure included), 2025 key → kind, every 2025 key the set covers). A key
    marked ``?`` is a possible link only."""
    sure, links, kinds, covered = set(), set(), {}, set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        b_key, _b_anchor, a_keys, _a_anchors, kind, *_ = line.split("\t")
        covered.add(b_key)
        kinds[b_key] = kind
        for a_key in a_keys.split():
            if a_key != "-":
                links.add((a_key.lstrip("?"), b_key))
                if not a_key.startswith("?"):
                    sure.add((a_key, b_key))
    return sure, links, kinds, covered


def lineage_links(lineage: Lineage) -> set[tuple[str, str]]:
    """The links a lineage makes, by key."""
    key_a, key_b = keys(lineage.a), keys(lineage.b)
    return {(key_a[pair.a.id], key_b[pair.b.id]) for pair in (*lineage.sentence_pairs(), *lineage.also)
            if pair.a is not None and pair.b is not None}


def corpus_reports() -> tuple[Report, Report] | None:
    files = [CORPUS / f"{year}.txt" for year in (2021, 2025)]
    if not all(f.exists() for f in files):
        return None
    return tuple(parse_reports(f, year)[0].report for f, year in zip(files, (2021, 2025)))  # type: ignore[return-value]


def score(made: set, sure: set, possible: set) -> tuple[float, float]:
    """(precision against the possible links, recall of the sure ones)."""
    return len(made & possible) / max(len(made), 1), len(made & sure) / max(len(sure), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list each wrong and each missed link")
    args = parser.parse_args()
    reports = corpus_reports()
    if reports is None:
        print(f"(no corpus at {CORPUS}: nothing to measure)")
        return
    a, b = reports
    sure, gold, kinds, covered = read_gold()
    missing = covered - set(keys(b).values())
    if missing:
        raise SystemExit(f"{len(missing)} sentences of the set are not in 2025 as parsed: the corpus changed?")
    start = time.perf_counter()
    lineage = align(a, b)
    seconds = time.perf_counter() - start
    made = {link for link in lineage_links(lineage) if link[1] in covered}
    precision, recall = score(made, sure, gold)
    print(f"2021 → 2025: {len(gold)} links checked by hand ({len(sure)} sure), {len(made)} made by compare "
          f"in {seconds:.2f} s")
    print(f"precision {precision:.3f}   recall {recall:.3f}   (goal: both at least 0.97)")
    by_kind = collections.Counter(kinds[b] for _, b in sure)
    found = collections.Counter(kinds[b] for a_, b in sure if (a_, b) in made)
    print("recall of sure links by kind: " + "   ".join(f"{k} {found[k]}/{n}" for k, n in sorted(by_kind.items())))
    if args.misses:
        text_a = {k: s for s, k in ((s, keys(a)[s.id]) for p in a.paragraphs() for s in p.sentences)}
        text_b = {k: s for s, k in ((s, keys(b)[s.id]) for p in b.paragraphs() for s in p.sentences)}
        for label, links in (("wrong", made - gold), ("missed", sure - made)):
            for ka, kb in sorted(links, key=lambda link: text_b[link[1]].id):
                sa, sb = text_a[ka], text_b[kb]
                print(f"{label} {kinds.get(kb, '?')}: {sb.id} ← {sa.id}\n   B {sb.text[:70]}\n   A {sa.text[:70]}")


if __name__ == "__main__":
    main()
