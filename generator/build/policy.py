"""The Content-Security-Policy every page of a build carries.

Glossary entries and translations come in by pull request, and a page shows
them in places a browser may read as HTML (Material builds a tooltip from a
title's value with ``innerHTML``). Escaping at every sink is the first
defence (:mod:`generator.writers.markup`); the policy is the second: should
markup ever get through, the browser runs no script the build did not put
there. Scripts run only from the site itself (``'self'``) or, inline, when
their exact text was on the page as built: each inline script's SHA-256 is
in the policy, so an inline event handler (``onerror=``), a ``<script>``
that was not in the template and a script from elsewhere are all refused.

``'wasm-unsafe-eval'`` lets Pagefind's WebAssembly run (it compiles no
JavaScript). Only scripts, plugins and ``<base>`` are restricted: styles,
images and fonts are the theme's and carry no script.

The policy is a ``<meta>`` at the top of ``<head>`` (a static site has no
headers of its own on GitHub Pages). Under `mkdocs serve` pages carry none:
MkDocs adds its live-reload script, inline, after the page is made.
"""

from __future__ import annotations

import base64
import hashlib
import re

#: An inline script (no ``src``): its attributes and its text.
_INLINE = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
#: Types a browser runs as script; any other (application/json, ld+json) is data.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)


def policy(page: str) -> str:
    """The policy for ``page``: its own inline scripts, by digest."""
    digests = sorted({_digest(body) for attrs, body in _INLINE.findall(page) if _runs(attrs)})
    sources = " ".join(["'self'", "'wasm-unsafe-eval'", *digests])
    return f"script-src {sources}; object-src 'none'; base-uri 'self'"


def with_policy(page: str) -> str:
    """``page`` with its policy as the first element after its charset (a
    policy in ``<meta>`` governs only what comes after it)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page)}">'
    found = _CHARSET.search(page)
    if found is None:
        raise ValueError("a page without <meta charset>: the policy has no place to go")
    return page[:found.end()] + meta + page[found.end():]


def _runs(attrs: str) -> bool:
    found = _TYPE.search(attrs)
    return (found.group(1).lower() if found else "") in _SCRIPT_TYPES


def _digest(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
