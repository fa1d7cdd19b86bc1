"""The search bundle's one home: the site folder, where it stays from build to build.

Why: a bundle is many small files (~570 for the seed site, ~3,800 at 30
reports), and creating a file is what costs (0.3 ms each on the development
VM). Copying a bundle from a cache into the site took 2.6–3 s of a 30-report
build, more than all else a cached build does of its own. So a bundle is made
straight into the site and kept there while its records are the same: a build
whose records did not change moves it back into place, one rename.

How: MkDocs empties the site folder at the start of every build, but leaves
the entries whose name starts with a dot (``utils.clean_directory``). So a
build first renames ``pagefind/`` to ``.gwr-pagefind/`` (:meth:`SiteBundle.set_aside`,
from ``on_config``, before MkDocs cleans) and puts it back when this build
wants that very bundle (:meth:`SiteBundle.restore`). A new bundle is made in a
hidden folder of the site (:meth:`SiteBundle.staging`) and renamed into place
(:meth:`SiteBundle.put`). A build that fails leaves the site's bundle where
it was (:meth:`SiteBundle.restore` from ``on_build_error``).

What goes back is what was put: each bundle put into place is listed, every
file with its size, modification time and inode, in ``.cache/gwr/search/``
under a digest of the site folder's path. A kept bundle goes back only if it
is the bundle of this build's records and every file is as listed; a file
edited in place, cut, replaced, added or removed since (by a reader, or a
tool that rewrites files) and the bundle is made again, never published.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pathlib
import shutil
import tempfile
import threading

from generator.project import store

BUNDLE = "pagefind"  # Pagefind's JS API is at /pagefind/pagefind.js
KEPT = ".gwr-pagefind"  # the last build's bundle, between on_config and the end of the build
_STAGING = ".gwr-pagefind-"  # prefix of a bundle being made
#: Renames in a site folder happen one at a time: under `mkdocs serve` the
#: bundle of an earlier rebuild may arrive while the next rebuild sets aside.
_MOVING = threading.Lock()
#: Bundles being made in this process (a serve session's earlier rebuild):
#: not a leftover to remove.
_MAKING: set[pathlib.Path] = set()


def listing(folder: pathlib.Path) -> dict[str, list[int]]:
    """Every file under ``folder``: [size, modification time, inode]."""
    found = {}
    for top, _, names in os.walk(folder):
        for name in names:
            info = os.stat(os.path.join(top, name))
            found[os.path.relpath(os.path.join(top, name), folder).replace(os.sep, "/")] = [
                info.st_size, info.st_mtime_ns, info.st_ino]
    return found


class SiteBundle:
    """The bundle of one site folder; ``caches``: where ``.cache/gwr/`` is."""

    def __init__(self, site_dir: str | os.PathLike, caches: pathlib.Path):
        self.site = pathlib.Path(site_dir).resolve()
        self.live, self.kept = self.site / BUNDLE, self.site / KEPT
        name = hashlib.sha256(os.fsencode(self.site)).hexdigest()[:16]
        self.record = caches / store.CACHE_DIR / "search" / f"{name}.json"

    def set_aside(self) -> None:
        """Before MkDocs cleans the site: the bundle in place becomes the kept
        one, and what builds that were stopped left half made goes."""
        with _MOVING:
            if self.live.is_dir():
                shutil.rmtree(self.kept, ignore_errors=True)
                with contextlib.suppress(OSError):
                    self.live.rename(self.kept)
            if self.site.is_dir():
                for left in self.site.glob(_STAGING + "*"):
                    if left not in _MAKING:
                        shutil.rmtree(left, ignore_errors=True)

    def kept_key(self) -> str:
        """The key of the kept bundle if every file is as it was put, else ``""``."""
        try:
            recorded = json.loads(self.record.read_text(encoding="utf-8"))
            if recorded["site"] == str(self.site) and listing(self.kept) == recorded["files"]:
                return str(recorded["key"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return ""

    def restore(self, key: str | None = None, checked: bool = False) -> bool:
        """Put the kept bundle back in place: only if it is ``key``'s and as
        it was put (``checked``: the caller's :meth:`kept_key` said so this
        build; listing 3,800 files again was 0.15 s of a cached build at 30
        reports) or, with no key, whichever it is, as a serve rebuild shows the
        last bundle until its own is made. False if it did not go back."""
        with _MOVING:
            if self.live.exists() or not self.kept.is_dir():
                return self.live.is_dir() and key is None
            if key is not None and not checked and self.kept_key() != key:
                return False
            try:
                self.kept.rename(self.live)
            except OSError:
                return False
            return True

    @contextlib.contextmanager
    def staging(self, key: str):
        """A hidden folder of the site to make ``key``'s bundle in; removed
        when the block ends unless :meth:`put` took it."""
        self.site.mkdir(parents=True, exist_ok=True)
        folder = pathlib.Path(tempfile.mkdtemp(prefix=f"{_STAGING}{key}.", suffix=".partial", dir=self.site))
        _MAKING.add(folder)
        try:
            yield folder
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            _MAKING.discard(folder)

    def put(self, folder: pathlib.Path, key: str) -> None:
        """The bundle made in ``folder`` into place, over what is there, and
        listed, so the next build knows it as put."""
        with _MOVING:
            shutil.rmtree(self.kept, ignore_errors=True)
            if self.live.exists():
                self.live.rename(self.kept)  # one rename out, one in: the site never lacks a bundle for long
            folder.rename(self.live)
            shutil.rmtree(self.kept, ignore_errors=True)
            record = {"site": str(self.site), "key": key, "files": listing(self.live)}
            store.write_file(self.record, json.dumps(record).encode("utf-8"))
