"""Build the site once per test session (integration and browser tests share it)."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

from tests.conftest import ROOT


def build_site(project: pathlib.Path, site_dir: pathlib.Path, env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir),
         "--config-file", str(project / "mkdocs.yml")],
        cwd=project, capture_output=True, text=True, env=env,
    )


#: The settings the flat site is built with (tests/conftest.py, ``flat_site``).
REPO_URL = "https://github.com/owner/name"
SITE_URL = "https://gwr.example.org/"


def built_site(folder: pathlib.Path) -> None:
    """The project's site in ``folder``/site as `make site` builds it, with
    its books (GWR_DOWNLOADS), from ``folder``/project (the project's files
    linked, so its caches are written there, not in the repository)."""
    result = build_site(variant(folder / "project"), folder / "site", env={"GWR_DOWNLOADS": "true"})
    assert result.returncode == 0, result.stderr
    (folder / "stderr.txt").write_text(result.stderr, encoding="utf-8")  # what the build said, for its tests


def built_flat_site(folder: pathlib.Path) -> None:
    """A plain `mkdocs build` (no books) with every setting the default
    build leaves off: use_directory_urls: false, a repository and the site's URL."""
    project = variant(folder / "project", use_directory_urls="false")
    result = build_site(project, folder / "site", env={"REPO_URL": REPO_URL, "SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    (folder / "stderr.txt").write_text(result.stderr, encoding="utf-8")


def variant(target: pathlib.Path, **settings: str) -> pathlib.Path:
    """The project with other top-level mkdocs.yml settings (``use_directory_urls="false"``),
    in ``target``: its own mkdocs.yml, the rest linked to the real files, to build, never to edit."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "source_texts", "glossary"):
        (target / name).symlink_to(ROOT / name, target_is_directory=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in settings.items():
        text, found = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
        assert found, f"mkdocs.yml has no top-level {key}:"
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    return target
