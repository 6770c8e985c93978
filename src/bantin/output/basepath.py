"""A site published under a path (`base_url: https://congan.example.gov.vn/tin-tuc`): the path put in
front of every site-root reference of the rendered HTML, in one place.

Everything upstream keeps site-root URLs ('/2024/09/27/x/'): models, the page plan, templates, the
link checker, and editors' Markdown links. Absolute URLs (canonical, OpenGraph, JSON-LD, feeds,
sitemaps, robots.txt) are `base_url + url` and already carry the path. What is left are the
references a browser resolves against the host: `href`, `src`, `srcset`, `action`, `poster`,
`data-*` attributes and the URL of a `<meta http-equiv="refresh">`. `rewrite_html` puts the path in
front of those that start with a single '/', in one linear pass over the page, as Hugo's
canonifyURLs does; text, code samples (escaped, so never `href="/...`), comments' prose and JSON-LD
are left alone. Output paths do not change: the built folder is deployed AT the path.

Invariant: with no path (a `base_url` without one) the bytes are returned untouched, so a site at
the root of its host is byte-for-byte what it was before sub-paths existed.

Scripts of the theme find the path where the rewrite put it: a `data-*` attribute holding a site-root
URL arrives prefixed, so a template writes `<script src="{{ asset('js/x.js') }}" data-root="/">` (or
`<div data-index="/pagefind/">`) and the script reads it; no template needs to know the path.
"""

from __future__ import annotations

import re

from ..core.urls import base_path as base_path  # where the path is read from base_url, re-exported

_ATTR = re.compile(rb"""(\s(?:href|src|action|poster|data-[a-z0-9-]+)\s*=\s*)(["']?)/(?![/\\])""", re.IGNORECASE)
_SRCSET = re.compile(rb"""(\s(?:srcset|imagesrcset)\s*=\s*)(["'])([^"']*)\2""", re.IGNORECASE)
_REFRESH = re.compile(rb"""(<meta\s[^>]*?content\s*=\s*["']\s*\d+\s*;\s*url\s*=\s*)/(?![/\\])""", re.IGNORECASE)
_CSS_URL = re.compile(rb"""(url\(\s*["']?)/(?![/\\])""", re.IGNORECASE)
_CANDIDATE = re.compile(rb"""(^|,)(\s*)/(?![/\\])""")


def rewrite_html(data: bytes, path: str) -> bytes:
    """`data` with `path` ('/tin-tuc') in front of each site-root URL of its attributes; as it was when `path` is ''."""
    if not path:
        return data
    prefix = path.encode("utf-8")
    data = _ATTR.sub(lambda m: m.group(1) + m.group(2) + prefix + b"/", data)
    data = _SRCSET.sub(lambda m: m.group(1) + m.group(2)
                       + _CANDIDATE.sub(lambda c: c.group(1) + c.group(2) + prefix + b"/", m.group(3)) + m.group(2),
                       data)
    return _REFRESH.sub(lambda m: m.group(1) + prefix + b"/", data)


def rewrite_css(data: bytes, path: str) -> bytes:
    """`data` (a stylesheet) with `path` in front of each `url(/...)`; as it was when `path` is ''."""
    if not path:
        return data
    prefix = path.encode("utf-8")
    return _CSS_URL.sub(lambda m: m.group(1) + prefix + b"/", data)
