"""Precompressed siblings (`site.yaml: precompress: true`): a `.gz` and a `.br` beside every text file of
the built site over 1 KB, for web servers that send them as they are (nginx `gzip_static on;` and
`brotli_static on;`) instead of compressing each response again.

`precompress(outputs, memo)` wraps the build's stream of `Output`s: each one passes through unchanged,
followed by its siblings. Invariants:

- Byte-identical from build to build: gzip at level 9 with mtime 0 and no file name, Brotli at
  quality 11 (deterministic by design).
- Memoized like pages: a sibling's key is derived from its source's key (or, for a file that is not
  memoized, from the digest of its bytes); when the published sibling has that key it is kept
  (`Output` with data None) and nothing is compressed: at these levels compressing costs more than
  rendering, so a warm build compresses only what changed.
- Removed with their source: a sibling exists only while its source is produced, and the writer
  removes every file the build no longer produces.
"""

from __future__ import annotations

import gzip
import hashlib
import posixpath
from collections.abc import Iterable, Iterator
from typing import Protocol

from .. import __version__
from ..core.outputs import Output, fingerprint

EXTENSIONS = frozenset({".html", ".htm", ".css", ".js", ".mjs", ".xml", ".json", ".txt", ".svg", ".csv"})
MIN_SIZE = 1024          # bytes; smaller files gain nothing worth a second request path
BROTLI_QUALITY = 11
GZIP_LEVEL = 9


class PublishedFiles(Protocol):
    """What is published (`writer.OutputMemo` for a build, `writer.MemoryFiles` for the preview)."""

    def is_current(self, path: str, key: str) -> bool: ...

    def size_of(self, path: str) -> int | None: ...

    def read(self, path: str) -> bytes: ...


def is_compressible(path: str) -> bool:
    return posixpath.splitext(path)[1].lower() in EXTENSIONS


def gzip_bytes(data: bytes) -> bytes:
    """gzip level 9, no name, mtime 0: the same bytes on every build."""
    return gzip.compress(data, GZIP_LEVEL, mtime=0)


def brotli_bytes(data: bytes) -> bytes:
    import brotli
    return brotli.compress(data, quality=BROTLI_QUALITY)


SIBLINGS = ((".gz", gzip_bytes), (".br", brotli_bytes))


def precompress(outputs: Iterable[Output], published: PublishedFiles) -> Iterator[Output]:
    """Every output, each text file over `MIN_SIZE` bytes followed by its `.gz` and `.br`."""
    for output in outputs:
        yield output
        if not is_compressible(output.path):
            continue
        data = None if output.kept else output.read()
        if data is None:                        # unchanged source: its published size tells
            size = published.size_of(output.path)
            if size is None or size <= MIN_SIZE or not output.key:
                continue
            source_key = output.key
        else:
            if len(data) <= MIN_SIZE:
                continue
            source_key = output.key or hashlib.blake2b(data, digest_size=16).hexdigest()
        for suffix, compress in SIBLINGS:
            path = output.path + suffix
            key = fingerprint("precompress", __version__, suffix, source_key)
            if published.is_current(path, key):
                yield Output(path, None, output.origin, key)
                continue
            if data is None:
                data = published.read(output.path)
            yield Output(path, compress(data), output.origin, key)
