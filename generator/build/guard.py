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
right key would be served as it is, and compiled templates are code. When
git tracks any file under ``.cache/gwr/``, or ``.cache`` or ``.cache/gwr`` is
a symbolic link (git lists nothing under a link, wherever it points), the
build keeps its caches in a folder of its own for the session, as if the
project had none, and warns (so ``mkdocs build --strict`` fails): the fix is
``git rm -r --cached .cache/gwr``, or removing the link. One ``git ls-files``
per build, a few milliseconds; no git, or a project outside a repository, has
nothing to check; git failing otherwise (a repository another user owns) is
not taken for "nothing tracked": the build says so and uses its own caches.
The lock file is opened without following a link, and where the cache
folder is a link the lock is the project's folder itself (no pid written).
"""

from __future__ import annotations

import fcntl
import os
import pathlib
import shutil
import stat
import subprocess
import time

from generator.project.paths import CACHE_DIR

LOCK = "build.lock"  # in CACHE_DIR


class Busy(Exception):
    """Another build of the project holds the lock; the message says which."""


class BuildLock:
    """The project's build lock, held by one build at a time."""

    def __init__(self, root: pathlib.Path):
        self.root = root
        self.path = root / CACHE_DIR / LOCK
        self._fd: int | None = None
        self._named = False  # the lock is the file (with its pid), not the project's folder

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Hold the lock (again: no-op), or raise :class:`Busy`."""
        if self._fd is not None:
            return
        fd, named = self._open()
        if fd is None:
            return  # a project the build cannot write into: no caches to share
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = f" (pid {_holder(fd)})" if named else ""
            os.close(fd)
            raise Busy(f"another build is running in this folder{holder}; wait for it or stop it") from None
        except OSError:  # a file system without locks
            os.close(fd)
            return
        if named:
            try:  # who holds it, for the build that finds it held
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            except OSError:
                pass
        self._fd, self._named = fd, named

    def _open(self) -> tuple[int | None, bool]:
        """The lock file, opened without following a link (a committed link
        would have the pid written over the file it points to); where the
        cache folder itself is a link, the project's folder, locked as it is,
        with no pid written. Returns (descriptor, whether it is the file)."""
        folder = self.path.parent
        if not any(p.is_symlink() for p in (folder.parent, folder)):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
            except OSError:  # a link, or no way to write here
                fd = None
            if fd is not None and stat.S_ISREG(os.fstat(fd).st_mode):
                return fd, True
            if fd is not None:
                os.close(fd)
        try:
            return os.open(self.root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC), False
        except OSError:
            return None, False

    def release(self) -> None:
        """Let the next build in (no-op unless held)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if self._named:
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


def distrust(root: pathlib.Path) -> tuple[bool, str] | None:
    """Why the caches under ``root/.cache/gwr/`` are not this machine's own,
    as (whether it is a mistake to fix, what to say); None when they are.
    A folder on the way that is a link is never trusted (git would list no
    file under it, wherever it points); git failing inside a repository
    (say, one owned by another user) is not taken for "nothing tracked"."""
    for part in (root / CACHE_DIR.split("/")[0], root / CACHE_DIR):
        if part.is_symlink():
            return True, (f"{part.relative_to(root)} is a symbolic link: caches are what this machine made, so "
                          f"this build uses none of them; remove the link")
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run([git, "ls-files", "-z", "--", CACHE_DIR], cwd=root, capture_output=True,
                                timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return False, f"git could not say whether it tracks {CACHE_DIR}/ ({exc}): this build uses caches of its own"
    if result.returncode:
        said = result.stderr.decode("utf-8", "replace").strip().splitlines()
        if said and "not a git repository" in said[0]:
            return None
        return False, (f"git could not say whether it tracks {CACHE_DIR}/ ({said[0] if said else result.returncode})"
                       ": this build uses caches of its own")
    found = [name for name in result.stdout.decode("utf-8", "replace").split("\0") if name]
    if not found:
        return None
    return True, (f"git tracks {len(found)} file(s) in {CACHE_DIR}/ (first {found[0]}): a cache is what this "
                  f"machine made, so this build ignores them; untrack them with `git rm -r --cached {CACHE_DIR}`")
