"""What a Pagefind bundle must hold, checked before it is published or kept.

A bundle that is short of a file, or has one empty, is not an error to a
browser until a reader searches: the search box then says the index "could
not be loaded", on every page of the site. So a bundle is read back before
it goes into the site or the cache, and again when a build takes it from the
cache (a file there may have been truncated since):

* every file is non-empty;
* ``pagefind-entry.json`` parses and names, for each language, a meta file
  and (where it has one) a WebAssembly file that are there;
* each meta file, gzipped CBOR behind Pagefind's ``pagefind_dcd`` mark,
  decodes, and every page fragment, index chunk and filter it names is there.

The meta file's layout is Pagefind's ``MetaIndex`` (``index_metadata.rs``),
encoded by minicbor as arrays: ``[version, pages, index_chunks, filters,
sorts]``, a page ``[hash, word_count]``, a chunk ``[from, to, hash]``, a
filter ``[name, hash]``. The few CBOR forms it uses are read here
(:func:`_cbor`) rather than through a library for one file.
"""

from __future__ import annotations

import gzip
import json
import pathlib
import zlib
from typing import Any

ENTRY = "pagefind-entry.json"
_MARK = b"pagefind_dcd"


class BrokenBundle(Exception):
    """The bundle is not whole; the message says what is missing or wrong."""


def verify(folder: pathlib.Path) -> int:
    """Raise :class:`BrokenBundle` unless ``folder`` holds a whole bundle;
    returns the number of files checked."""
    files = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}
    empty = sorted(name for name, path in files.items() if path.stat().st_size == 0)
    if empty:
        raise BrokenBundle(f"{len(empty)} empty file(s), first {empty[0]}")
    if ENTRY not in files:
        raise BrokenBundle(f"no {ENTRY}")
    try:
        languages = json.loads(files[ENTRY].read_bytes())["languages"]
        named = [(f"pagefind.{about['hash']}.pf_meta", about.get("wasm")) for about in languages.values()]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BrokenBundle(f"{ENTRY} does not parse: {exc!r}") from None
    for meta, wasm in named:
        _require(files, [meta] + ([f"wasm.{wasm}.pagefind"] if wasm else []), ENTRY)
        for name in _named_by_meta(files[meta]):
            _require(files, [name], meta)
    return len(files)


def _require(files: dict, names: list[str], named_in: str) -> None:
    for name in names:
        if name not in files:
            raise BrokenBundle(f"{named_in} names {name}, which is not there")


def _named_by_meta(path: pathlib.Path) -> list[str]:
    """The fragment, index and filter files a meta file names."""
    try:
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(_MARK):
            raise ValueError("no pagefind_dcd mark")
        meta, _ = _cbor(data, len(_MARK))
        _version, pages, chunks, filters = meta[:4]
        return ([f"fragment/{hash_}.pf_fragment" for hash_, _words in pages]
                + [f"index/{chunk[2]}.pf_index" for chunk in chunks]
                + [f"filter/{hash_}.pf_filter" for _name, hash_ in filters])
    except (OSError, EOFError, zlib.error, ValueError, IndexError, TypeError) as exc:
        raise BrokenBundle(f"{path.name} does not decode: {exc}") from None


def _cbor(data: bytes, at: int) -> tuple[Any, int]:
    """One CBOR item from ``data`` at ``at``: unsigned and negative integers,
    byte and text strings, arrays and maps of definite length (what minicbor
    writes for Pagefind's structs); returns it and where the next begins."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        length = info
    elif info <= 27:
        size = 1 << (info - 24)
        length = int.from_bytes(data[at:at + size], "big")
        if len(data) < at + size:
            raise ValueError("cut short")
        at += size
    else:
        raise ValueError(f"CBOR form {major}/{info} is not one Pagefind writes")
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major in (2, 3):
        if len(data) < at + length:
            raise ValueError("cut short")
        raw = data[at:at + length]
        return (raw.decode("utf-8") if major == 3 else raw), at + length
    if major in (4, 5):
        items = []
        for _ in range(length * (2 if major == 5 else 1)):
            item, at = _cbor(data, at)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2], strict=True))), at
    raise ValueError(f"CBOR form {major}/{info} is not one Pagefind writes")
