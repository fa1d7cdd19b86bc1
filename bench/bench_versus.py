"""Print the seed build of this checkout against the seed build of an earlier revision, paired.

For a target stated against the project as it was ("the seed build at least
25% faster than today", issue 9, where today was Material's search with
jieba): the earlier revision is checked out into a temporary worktree with a
virtual environment of its own, installed from its own requirements.lock,
and the two builds run alternately in one run, so machine noise hits both
alike. Each build is `mkdocs build` of a fresh copy of the project's inputs
with no site cache (.cache/gwr), as a first build after a clone; each
revision builds its own seed site, with its own search.

Numbers only: targets are judged by people reading them, never by a timed test.

    .venv/bin/python bench/bench_versus.py REV [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sites import copy_project  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def prepare(rev: str, folder: pathlib.Path) -> pathlib.Path:
    """A worktree of ``rev`` in ``folder`` with its dependencies installed; its python."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), rev], check=True,
                   capture_output=True)
    python = folder / ".venv" / "bin" / "python"
    subprocess.run([sys.executable, "-m", "venv", str(folder / ".venv")], check=True)
    for args in (["-r", str(folder / "requirements.lock")], ["--no-deps", "-e", str(folder)]):
        done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", *args], cwd=folder,
                              capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"installing {folder.name}'s dependencies failed:\n{done.stderr}")
    return python


def build(python: pathlib.Path, project: pathlib.Path) -> float:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([str(python), "-m", "mkdocs", "build", "-q", "--config-file", str(project / "mkdocs.yml")],
                   cwd=project, check=True, env=ENV, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the earlier revision, e.g. 13f1493^ (before Pagefind)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        then = tmp / "then"
        try:
            then_python = prepare(args.rev, then)
            now_project = copy_project(tmp / "now")
            # The earlier revision builds its own inputs, from its own worktree.
            times: dict[str, list[float]] = {"then": [], "now": []}
            for _ in range(args.repeat):
                times["then"].append(build(then_python, then))
                times["now"].append(build(pathlib.Path(sys.executable), now_project))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(then)], capture_output=True)
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.rev], capture_output=True,
                             text=True).stdout.strip()
        then_s, now_s = statistics.median(times["then"]), statistics.median(times["now"])
        print(f"{'build':<28}{'median s':>9}{'runs':>28}")
        for name, label in (("then", f"seed at {rev} ({args.rev})"), ("now", "seed, this checkout")):
            print(f"{label:<28}{statistics.median(times[name]):>9.2f}   "
                  + " ".join(f"{t:.2f}" for t in times[name]))
        print(f"this checkout ÷ {rev}: {now_s / then_s:.2f} ({(1 - now_s / then_s) * 100:.0f}% faster)")


if __name__ == "__main__":
    main()
