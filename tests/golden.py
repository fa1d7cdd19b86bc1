"""Golden files: compare output with a committed fixture, or rewrite it.

Run ``GWR_UPDATE_GOLDEN=1 make test`` after an intended change, then review
the fixture diff like any other change.
"""

from __future__ import annotations

import difflib
import os
import pathlib

UPDATE = os.environ.get("GWR_UPDATE_GOLDEN") == "1"


def assert_golden(path: pathlib.Path, actual: str) -> None:
    if UPDATE or not path.exists():
        if not UPDATE:
            raise AssertionError(f"{path} does not exist; run GWR_UPDATE_GOLDEN=1 make test to create it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=str(path), tofile="actual", n=1,
        ))
        raise AssertionError(
            f"output differs from golden file {path} "
            f"(if the change is intended: GWR_UPDATE_GOLDEN=1 make test):\n{diff[:4000]}"
        )
