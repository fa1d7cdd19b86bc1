"""What a build makes sure of before it touches the project's caches: that
it is the only build of the project running (:class:`BuildLock`), and that
the caches are this machine's own, not files git tracks (:func:`tracked`).

Two builds in one project at once cleaned, filled and pruned the same
folders under each other: their search bundles mixed in ``site/pagefind/``,
and one died when MkDocs cleaned the site folder the other was writing. So a
build holds an exclusive lock on ``.cache/gwr/build.lock`` from the plugin's
``on_config`` to the end of the build (``on_post_build``, or
``on_build_error``). A second build stops at once, before MkDocs cleans
anything, with one line naming the first build's process. The lock is
:func:`fcntl.flock`'s: the kernel drops it when the process ends, however it
ends, so a killed build never leaves the project locked (the project is
POSIX-only, as its Makefile and tests are). A project the build cannot write
into takes no lock: it has no caches to share either.

`mkdocs serve` holds the lock for each rebuild, not for the whole session.
Its site is a folder of its own (MkDocs makes it), so a `make site` in
another terminal never meets it in the clean-up; the caches both use are
written whole or not at all (:mod:`generator.project.store`), and a
contributor who previews with `make serve` must still be able to run `make
site`. A rebuild that finds a build running says so and the next save tries
again.

A cache is what this machine made, checked against this machine's inputs. A
cache committed to git came from somewhere else: a ``site.marshal`` under the
right key would be served as it is. When git tracks any file under
``.cache/gwr/``, the build keeps its caches in a folder of its own for the
session, as if the project had none, and warns (so ``mkdocs build --strict``
fails): the fix is ``git rm -r --cached .cache/gwr``. One ``git ls-files``
per build, a few milliseconds; no git, or a project outside a repository, has
nothing to check.
"""

from __future__ import annotations

import fcntl
import os
import pathlib
import shutil
import subprocess
import time

from generator.project.paths import CACHE_DIR

LOCK = "build.lock"  # in CACHE_DIR


class Busy(Exception):
    """Another build of the project holds the lock; the message says which."""


class BuildLock:
    """The project's build lock, held by one build at a time."""

    def __init__(self, root: pathlib.Path):
        self.path = root / CACHE_DIR / LOCK
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Hold the lock (again: no-op), or raise :class:`Busy`."""
        if self._fd is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError:
            return  # a project the build cannot write into: no caches to share
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise Busy(f"another build is running in this folder (pid {holder}); wait for it or stop it") from None
        except OSError:  # a file system without locks
            os.close(fd)
            return
        try:  # who holds it, for the build that finds it held
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass
        self._fd = fd

    def release(self) -> None:
        """Let the next build in (no-op unless held)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)  # no pid left behind to name a process that has finished
        except OSError:
            pass
        os.close(fd)  # closing the file drops the lock


def _holder(fd: int) -> str:
    """The pid the holding build wrote (it writes it just after taking the lock)."""
    for _ in range(5):
        try:
            written = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        except OSError:
            break
        if written:
            return written
        time.sleep(0.02)
    return "unknown"


def tracked(root: pathlib.Path) -> list[str]:
    """The files under ``.cache/gwr/`` that git tracks in the project at
    ``root`` (relative to it); none without git or outside a repository."""
    git = shutil.which("git")
    if git is None:
        return []
    try:
        result = subprocess.run([git, "ls-files", "-z", "--", CACHE_DIR], cwd=root, capture_output=True,
                                timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    if result.returncode:  # not a repository (or one git refuses to read): nothing tracked
        return []
    return [name for name in result.stdout.decode("utf-8", "replace").split("\0") if name]
