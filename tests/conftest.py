"""Shared fixtures: the project root, the shared corpus, copies of the project."""

from __future__ import annotations

import os
import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("GWR_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"


def default_links():
    """Links as MkDocs makes them with its default settings (directory URLs)."""
    from generator.links import Links
    from generator.plugin import page_urls

    return Links(page_urls(use_directory_urls=True))


def corpus_files() -> list[pathlib.Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.fixture
def corpus():
    files = corpus_files()
    if not files:
        pytest.skip(f"no corpus at {CORPUS}")
    return files


@pytest.fixture
def project_copy(tmp_path) -> pathlib.Path:
    """A throwaway copy of everything a build reads, to break things in."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("mkdocs.yml", "docs", "source_texts", "glossary"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)
    for raw in (target / "source_texts").glob("*.txt"):
        raw.chmod(0o644)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> pathlib.Path:
    """The project's site, built once with ``mkdocs build --strict``."""
    from tests.sitebuild import built_site

    return built_site(tmp_path_factory)
