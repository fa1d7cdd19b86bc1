"""Build the site once per test session (integration and browser tests share it)."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

from tests.conftest import ROOT


def build_site(project: pathlib.Path, site_dir: pathlib.Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir),
         "--config-file", str(project / "mkdocs.yml")],
        cwd=project, capture_output=True, text=True, env=env,
    )


def built_site(tmp_path_factory) -> pathlib.Path:
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site
