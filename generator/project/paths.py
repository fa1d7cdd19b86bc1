"""Where a project keeps what a build reads and what it keeps between builds.

Light on purpose: the engine asks for these on a build that reads the site
from the cache and loads none of the stages.
"""

from __future__ import annotations

import pathlib

#: The project's inputs, relative to its root.
SOURCE_DIR = "source_texts"
GLOSSARY_DIR = "glossary"
LOCK_NAME = "anchors.lock"  # in SOURCE_DIR
#: Results kept between builds, relative to the project's root.
CACHE_DIR = ".cache/gwr"


def inputs(root: pathlib.Path) -> list[pathlib.Path]:
    """The folders a build reads (``mkdocs serve`` watches them too)."""
    return [root / SOURCE_DIR, root / GLOSSARY_DIR]
