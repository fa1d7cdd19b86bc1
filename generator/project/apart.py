"""Work in a process of its own, at a lower priority, while the build goes on.

A build is one Python thread: work done beside it on a thread would take
its GIL, and a program it starts (Pagefind, Chromium) its core. So the
search index and the books are made by ``python -m MODULE`` under ``nice``,
and the build waits for them only at its end. The child imports this very
package (not another copy the working folder might hold). What it refuses
comes back as it said it (:class:`Refused`); anything else, with the last
lines of its traceback.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

#: The status a child exits with when it refused the work, its reason on stderr.
REFUSED = 3
#: Lower priority for the child (and the programs it starts), where `nice` exists.
_NICE = ("nice", "-n", "10") if shutil.which("nice") else ()
_PACKAGE_PARENT = str(pathlib.Path(__file__).resolve().parents[2])


class Refused(Exception):
    """The child refused the work; the message is what it said."""


def run(module: str, args: list[str], data: bytes = b"") -> None:
    """Run ``python -m module args`` with ``data`` on its stdin; raise if it fails."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_PACKAGE_PARENT, os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([*_NICE, sys.executable, "-m", module, *args], input=data, capture_output=True, env=env)
    said = result.stderr.decode("utf-8", "replace").strip()
    if result.returncode == REFUSED:
        raise Refused(said)
    if result.returncode:
        raise RuntimeError(f"{module} failed (status {result.returncode}):\n" + "\n".join(said.splitlines()[-15:]))


def refuse(message: str) -> None:
    """In the child: stop, saying why in one message the parent raises as :class:`Refused`."""
    print(message, file=sys.stderr)
    sys.exit(REFUSED)
