"""No cache serves a stale page: after each kind of edit a contributor makes,
the `mkdocs serve --dirty` rebuild and the next `mkdocs build` (with the
caches of the build before) equal a fresh build (no cache at all), byte for byte.

The edits run in order on a copy of the project and of the generator
(template, style sheet and code edits change the package), in one serve
session that lives across them, as a contributor's does: the edits of the
sources in one workspace, those of the package in another, so the two run
on two pytest-xdist workers at once (a test each: pytest-xdist 3.8's
xdist_group no longer groups under pytest 9). What is
compared: every file of the site, but Pagefind's own files, whose chunk
names differ from run to run even for the same records; the bundle's
``gwr-index.json`` (the digest of its records) is compared like any file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import filecmp
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable

from tests.conftest import ROOT
from tests.test_downloads import without_browser

#: Drives a `mkdocs serve --dirty` session: one plugin, a build per line read.
SERVE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
project, site = sys.argv[1], sys.argv[2]
plugins = None
for line in sys.stdin:
    config = load_config(config_file=project + "/mkdocs.yml", site_dir=site)
    if plugins is None:
        config.plugins.on_startup(command="serve", dirty=True)
    else:
        config.plugins = plugins  # MkDocs keeps the plugins of a serve session
    plugins = config.plugins
    build(config, dirty=True)
    print("built", flush=True)
"""


def _digest(stamp: pathlib.Path) -> str:
    try:
        return json.loads(stamp.read_text(encoding="utf-8"))["digest"]
    except (OSError, ValueError):
        return ""


def _replace(path: pathlib.Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@dataclasses.dataclass
class Workspace:
    project: pathlib.Path
    package: pathlib.Path  # holds generator/, first on PYTHONPATH
    env: dict[str, str]
    serve: subprocess.Popen

    def build(self, *builds: tuple[pathlib.Path, pathlib.Path]) -> None:
        """Each (project, site) built, at once: they share no file."""
        running = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=project,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=self.env)
                   for project, site in builds]
        said = [process.communicate()[1] for process in running]
        assert all(process.returncode == 0 for process in running), said

    def rebuild_served(self) -> None:
        self.serve.stdin.write("build\n")
        self.serve.stdin.flush()
        said = self.serve.stdout.readline()
        assert said == "built\n", f"the serve session stopped: {said}{self.serve.stderr.read()}"
        # A serve rebuild does not wait for its search index: the last one is
        # shown until the new one is made and put in place (the pages say
        # which index they expect). Compared once it is there and the one
        # it replaced is gone.
        served = self.project.parent / "served"
        expected = json.loads((served / "search-index.json").read_text(encoding="utf-8"))["digest"]
        deadline = time.monotonic() + 120
        while _digest(served / "pagefind" / "gwr-index.json") != expected or list(served.glob(".gwr-pagefind*")):
            assert time.monotonic() < deadline, "the served rebuild's search index never arrived"
            time.sleep(0.1)

    def amend(self, *anchors: str) -> None:
        code = ("import datetime, sys; from generator.project.project import Project; p = Project(sys.argv[1]); "
                "[p.amend(2024, a, 'test: a corrected character', datetime.date(2026, 12, 1)) for a in sys.argv[2:]]")
        subprocess.run([sys.executable, "-c", code, str(self.project), *anchors], check=True, env=self.env)


#: Each edit of the sources, in the order applied.
SOURCE_EDITS: list[tuple[str, Callable[[Workspace], None], bool]] = [
    ("glossary definition", lambda w: _replace(w.project / "glossary/yin-fa-jing-ji.yml",
                                                "zh: 向老年人提供产品和服务", "zh: 向长者提供产品和服务"), True),
    ("translation unit", lambda w: _replace(w.project / "source_texts/2024.en.yml",
                                             "We will optimize and upgrade industrial", "We shall optimize and upgrade industrial"), True),
    ("anchor-lock move", lambda w: (w.project / "source_texts/anchors.lock").open("a", encoding="utf-8").write(
        "2024 sec_3__item_1__para_9 -> sec_3__item_1__para_3\n"), True),  # a retired anchor's move
    ("raw-text line and its amendment", lambda w: (
        _replace(w.project / "source_texts/000_40cf7fe3becdb34f.txt", "（一）大力推进现代化产业体系建", "（一）大力推动现代化产业体系建"),
        w.amend("sec_3__item_1", "sec_3__item_1__para_1", "sec_3__item_1__para_1__sent_1")), True),
    ("metadata field", lambda w: _replace(w.project / "source_texts/2024.yml", "holds_en: Part III,", "holds_en: Part 3,"),
     True),
]

#: Each edit of the package, in the order applied; serve=False where a running
#: session cannot see it (Python code, the process's environment).
PACKAGE_EDITS: list[tuple[str, Callable[[Workspace], None], bool]] = [
    ("template", lambda w: _replace(w.package / "generator/templates/report.html", 'data-view="both"',
                                    'data-view="both" data-edited'), True),
    ("style sheet", lambda w: _replace(w.package / "generator/assets/gwr.css", ".gwr-report { line-height: 1.9; }",
                                       ".gwr-report { line-height: 2; }"), True),
    ("environment option", lambda w: _replace(w.package / "generator/writers/templating.py", "    trim_blocks=True,",
                                              "    trim_blocks=False,"), False),
    # The EPUBs' date: the same inputs, another SOURCE_DATE_EPOCH (a new commit).
    ("source date", lambda w: w.env.update(SOURCE_DATE_EPOCH="1765000000"), False),
]


@contextlib.contextmanager
def _workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("stale")
    project, package = base / "project", base / "package"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "source_texts", "glossary"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, project / name)
    shutil.copytree(ROOT / "generator", package / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    # The books too, as EPUBs (quick), with a date that does not move.
    env = {**os.environ, "PYTHONPATH": str(package), "NO_MKDOCS_2_WARNING": "1", "GWR_DOWNLOADS": "true",
           "PATH": without_browser(base / "bin"), "GWR_CHROMIUM": "", "SOURCE_DATE_EPOCH": "1733000000"}
    serve = subprocess.Popen([sys.executable, "-c", SERVE, str(project), str(base / "served")], cwd=project,
                             env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        made = Workspace(project, package, env, serve)
        made.rebuild_served()
        made.build((project, base / "cached"))  # fills the caches the next build reads
        yield made
    finally:
        serve.stdin.close()
        serve.wait(timeout=60)


_POLICY = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def _same(left: pathlib.Path, right: pathlib.Path, served: bool) -> bool:
    """Two files alike; a served page carries no script policy (MkDocs adds
    its live-reload script inline), so it is compared without."""
    if not served or left.suffix != ".html":
        return filecmp.cmp(left, right, shallow=False)
    return left.read_bytes() == _POLICY.sub(b"", right.read_bytes(), count=1)


def _differences(left: pathlib.Path, right: pathlib.Path, served: bool = False) -> list[str]:
    """Files that differ or exist on one side only (Pagefind's chunks aside)."""
    found = []
    comparison = filecmp.dircmp(left, right)
    stack = [(comparison, "")]
    while stack:
        node, prefix = stack.pop()
        if prefix == "pagefind/":
            found += [f"pagefind/{n}" for n in node.left_only + node.right_only if n == "gwr-index.json"]
            found += [f"pagefind/{n}" for n in node.common_files
                      if n == "gwr-index.json" and not filecmp.cmp(left / prefix / n, right / prefix / n, shallow=False)]
            continue
        found += [prefix + n for n in node.left_only + node.right_only]
        found += [prefix + n for n in node.common_files if not _same(left / prefix / n, right / prefix / n, served)]
        stack += [(sub, f"{prefix}{name}/") for name, sub in node.subdirs.items()]
    return sorted(found)


def _edits_in_turn(tmp_path_factory, tmp_path, edits) -> None:
    """Each edit in turn, in one workspace; after each, the cached build and
    (where a session sees the edit) the served rebuild equal a fresh build.
    Every edit is tried; the failures are named together at the end."""
    wrong = []
    with _workspace(tmp_path_factory) as workspace:
        for number, (name, edit, served) in enumerate(edits):
            edit(workspace)
            here = tmp_path / str(number)
            fresh = here / "fresh-project"
            fresh.mkdir(parents=True)
            for item in workspace.project.iterdir():
                if item.name != ".cache":
                    (shutil.copytree if item.is_dir() else shutil.copy2)(item, fresh / item.name)
            workspace.build((fresh, here / "fresh"), (workspace.project, here / "cached"))
            if found := _differences(here / "cached", here / "fresh"):
                wrong.append(f"after the {name} edit, the cached build differs: {found[:10]}")
            if served:
                workspace.rebuild_served()
                if found := _differences(workspace.project.parent / "served", here / "fresh", served=True):
                    wrong.append(f"after the {name} edit, the served rebuild differs: {found[:10]}")
    assert not wrong, "\n".join(wrong)


# One test per workspace, its edits in order: each test is a chain that one
# pytest-xdist worker runs whole, the two chains on two workers at once.
def test_after_each_edit_of_the_sources_the_served_and_cached_builds_equal_a_fresh_one(tmp_path_factory, tmp_path):
    _edits_in_turn(tmp_path_factory, tmp_path, SOURCE_EDITS)


def test_after_each_edit_of_the_package_the_served_and_cached_builds_equal_a_fresh_one(tmp_path_factory, tmp_path):
    _edits_in_turn(tmp_path_factory, tmp_path, PACKAGE_EDITS)
