"""Write a Pagefind search bundle from records, through Pagefind's service.

Pagefind (the ``pagefind[extended]`` wheel, which carries the binary) builds a
static search index: one index per language, split into chunks that a
browser loads only when a query needs them. Its extended build segments
Chinese. The binary's ``--service`` mode takes requests on stdin and answers
on stdout, each a base64-encoded JSON message ended by a comma; the
``pagefind`` Python package speaks it too, but waits 0.1 s before reading
each answer, which is 60 s for the 600 records of one report in three
languages. This module speaks the same protocol of the pinned version
(1.5.2) in one pass: every request written, then every answer read.

The bundle comes back in the answer (``GetFiles``) and is written here, not
by Pagefind (``WriteFiles``): Pagefind's service answers a write once its
asynchronous file writes are handed over, not finished, and exits the
moment its input closes, so under load a file was left empty (5–10% of
builds, ``bench/bench_index_builds.py``). Then the bundle is read back
(:func:`generator.search.bundle.verify`) before anyone uses it.
"""

from __future__ import annotations

import base64
import json
import os
import pathlib
import subprocess
import threading
from collections.abc import Iterable

from generator.search import bundle
from generator.search.records import Record

#: Postings (each place a word stands, plus one per record holding it) per
#: index chunk; a browser fetches the chunks whose words a query needs.
#: Pagefind's default, 20000, made each Chinese chunk ~48 KB gzipped, and a
#: query of four characters (three pairs) fetched three of them. At 1000 a
#: chunk is a few KB, and the meta file that lists the chunks, fetched once
#: per query, grows by ~1 KB on the seed site. Pagefind 1.5 takes it only
#: from the environment ("unstable"): the binary is pinned with it. This file
#: is part of the bundle's cache key (indexing.digest), so is this number.
INDEX_CHUNK_SIZE = 1000


class PagefindError(Exception):
    """Pagefind could not be run, or refused a request."""


def executable() -> pathlib.Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise PagefindError(
            "the search index needs Pagefind's extended binary: run `make site` "
            "(it installs pagefind[extended] from requirements.lock)"
        ) from None
    return pathlib.Path(get_executable())


def write_bundle(records: Iterable[Record], output: pathlib.Path) -> dict:
    """Index ``records`` and write the bundle into ``output`` (the site's
    ``pagefind/``, a folder that is not there yet or is empty); returns the
    number of records indexed per language (``languages``) and of files
    written (``files``). A bundle that does not read back whole is an error."""
    requests: list[dict] = [{"type": "NewIndex", "config": {}}]
    languages: dict[str, int] = {}
    for record in records:
        languages[record.language] = languages.get(record.language, 0) + 1
        requests.append({
            "type": "AddRecord", "index_id": 0, "url": record.url, "content": record.content,
            "language": record.language, "meta": dict(record.meta), "filters": {k: list(v) for k, v in record.filters},
            "sort": dict(record.sort),
        })
    requests.append({"type": "GetFiles", "index_id": 0})
    files = _exchange(requests)[-1].get("files") or []
    targets = []
    for file in files:
        path = pathlib.PurePosixPath(file["path"])
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise PagefindError(f"Pagefind named a file outside its bundle: {file['path']!r}")
        targets.append((output.joinpath(*path.parts), file["content"]))
    for folder in {target.parent for target, _ in targets}:
        folder.mkdir(parents=True, exist_ok=True)
    for target, content in targets:
        target.write_bytes(base64.b64decode(content))
    try:
        bundle.verify(output)
    except bundle.BrokenBundle as exc:
        raise PagefindError(f"Pagefind's bundle is not whole: {exc}") from None
    return {"languages": languages, "files": len(files)}


def _exchange(requests: list[dict]) -> list[dict]:
    """Send every request and return the answers in the same order. The index
    id is known before the first answer: a fresh service numbers its first
    index 0 (checked against the answer)."""
    process = subprocess.Popen(
        [str(executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, env={**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_SIZE)},
    )
    assert process.stdin is not None  # stdin=PIPE: Popen made the pipe
    answers: dict[int, dict] = {}
    reader = threading.Thread(target=_read, args=(process.stdout, answers, len(requests)), daemon=True)
    reader.start()
    try:
        for number, payload in enumerate(requests):
            message = json.dumps({"message_id": number, "payload": payload}, ensure_ascii=False)
            process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        process.stdin.flush()
        reader.join(timeout=300)
    except BrokenPipeError:
        reader.join(timeout=5)
    finally:
        # Closing stdin ends the service at once; every answer is in by now.
        try:
            process.stdin.close()
            process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
    if reader.is_alive() or len(answers) < len(requests):
        raise PagefindError(f"Pagefind answered {len(answers)} of {len(requests)} requests and stopped")
    ordered = [answers[number] for number in range(len(requests))]
    for number, answer in enumerate(ordered):
        if answer.get("type") == "Error":
            raise PagefindError(f"Pagefind refused request {number} ({requests[number]['type']}): "
                                f"{answer.get('message')}")
    if ordered[0].get("index_id") != 0:
        raise PagefindError(f"Pagefind numbered the new index {ordered[0].get('index_id')}, not 0")
    return ordered


def _read(stream, answers: dict[int, dict], expected: int) -> None:
    # The last answer holds the whole bundle (megabytes): pieces are joined
    # once a message is complete, never re-scanned as a growing buffer.
    pending: list[bytes] = []
    while len(answers) < expected:
        chunk = stream.read1(1 << 16)
        if not chunk:
            return
        *ends, rest = chunk.split(b",")
        for end in ends:
            _take(b"".join(pending) + end, answers)
            pending = []
        pending.append(rest)


def _take(message: bytes, answers: dict[int, dict]) -> None:
    if not message.strip():
        return
    try:
        answer = json.loads(base64.b64decode(message))
    except ValueError:
        return  # a log line of the binary, not an answer
    number = answer.get("message_id")
    if number is None:  # an unparsed request: its text carries the id
        original = answer.get("payload", {}).get("original_message")
        number = json.loads(original).get("message_id") if original else None
    if number is not None:
        answers[number] = answer["payload"]
