"""The package as pip installs it: a wheel built from a clean checkout holds
every file the package reads, and builds the site on its own."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import sysconfig
import zipfile

import pytest

from tests.conftest import ROOT


def _tracked() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tracked files are what a clean clone holds")
    return subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip("\0").split("\0")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built from the tracked files alone, as from a clean clone."""
    source, out = tmp_path_factory.mktemp("clone"), tmp_path_factory.mktemp("wheel")
    for name in _tracked():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(source)], check=True, capture_output=True)
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_holds_every_file_of_the_package(wheel):
    package = {name for name in _tracked() if name.startswith("generator/")}
    held = set(zipfile.ZipFile(wheel).namelist())
    assert package - held == set()


def test_the_installed_wheel_builds_the_site(wheel, project_copy, tmp_path):
    """Installed alone in a fresh environment, whose other packages are this
    one's: the checkout's own generator (an editable install) is not there."""
    venv = tmp_path / "venv"
    subprocess.run([sys._base_executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site_packages = pathlib.Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                                capture_output=True, text=True, check=True).stdout.strip())
    zipfile.ZipFile(wheel).extractall(site_packages)
    # The dependencies: a path line is read, but the .pth files in that folder
    # (the editable install of this checkout) are not.
    (site_packages / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GWR_DOWNLOADS": "false"}
    env.pop("PYTHONPATH", None)
    where = subprocess.run([str(python), "-c", "import generator.build.site as m; print(m.__file__)"], cwd=project_copy,
                           capture_output=True, text=True, env=env).stdout
    assert where.startswith(str(site_packages)), where
    result = subprocess.run([str(python), "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=project_copy, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "2024" / "index.html").read_text(encoding="utf-8")
    assert 'id="sec_3__item_1__para_2__sent_3"' in page and "assets/gwr.css" in page
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
