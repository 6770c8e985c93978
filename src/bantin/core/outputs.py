"""The record every producer of the built site yields, and the hash its memo keys are made of.

A leaf module: the writer, feeds, sitemaps, photos and the renderer all speak `Output`, and none of
them needs the Jinja module to do so.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .errors import Problem, error


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the built site: where it goes, its bytes, and what produced it (for messages).

    The bytes are `data`, or those of `file` (a photo derivative in the memo: copied or linked by the
    writer, never read into memory), or neither: the inputs are unchanged since the last build, and
    the published file stays. A file output is named after its bytes: its `key` tells them apart."""

    path: str          # output-relative, posix
    data: bytes | None  # None: the bytes are `file`'s, or the published file's
    origin: str        # site-relative source file, or the page's URL
    key: str = ""      # hash of every input the file was made from ('' when not memoized)
    file: str | None = None   # absolute path of a file holding the bytes

    @property
    def kept(self) -> bool:
        """Are the published file's bytes this output's (its inputs are unchanged)?"""
        return self.data is None and self.file is None

    def read(self) -> bytes:
        """The bytes, from `file` when they live there."""
        if self.data is not None:
            return self.data
        if self.file is None:
            raise ValueError(f"{self.path}: the published file is kept; its bytes are not here")
        with open(self.file, "rb") as handle:
            return handle.read()


IsCurrent = Callable[[str, str], bool]   # (output path, inputs key) -> is the published file current?


def never_current(path: str, key: str) -> bool:
    return False


def fingerprint(*parts: object) -> str:
    """A short stable hash of `parts` (their repr), for memo keys."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def find_output_collisions(claims: Iterable[tuple[str, str, int | None]]) -> list[Problem]:
    """Two producers of one output file, found from the plan before anything is rendered: an error on
    each claim that has a line to fix (an article's slug), else on every claim after the first.

    Claims are (output path, origin, line)."""
    claims = list(claims)
    counts = Counter(path for path, _, _ in claims)
    by_path: dict[str, list[tuple[str, int | None]]] = {}
    for path, origin, line in claims:
        if counts[path] > 1:
            by_path.setdefault(path, []).append((origin, line))
    problems = []
    for path, group in by_path.items():
        with_lines = [claim for claim in group if claim[1]]
        for origin, line in with_lines or group[1:]:
            other = ", ".join(o for o, _ in group if o != origin) or origin
            problems.append(error(origin, line, "article.output_duplicate", path=path, other=other))
    return problems


def suspects(paths: Sequence[str], marks: Iterable[str], low: str) -> set[str]:
    """The paths that hold one of `marks` or start with a character up to `low` (or are empty): found
    with a few passes over all the paths rather than a test per path (a large archive plans some
    65 000 paths, and the preview checks them on every save). The paths are joined as one text to be
    searched, and the smallest path tells whether any starts low (ASCII '.', '/' sort before digits
    and letters); every path is a suspect when one holds a newline (the text cannot be cut back)."""
    if not paths:
        return set()
    text = "\n".join(paths)
    if text.count("\n") != len(paths) - 1:
        return set(paths)
    found = {path for path in paths if path[:1] <= low} if min(paths)[:1] <= low else set()
    for mark in marks:
        at = text.find(mark) if mark else -1
        while at >= 0:
            first = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            found.add(text[first:end])
            at = text.find(mark, end)
    return found


def ancestor_folders(paths: Iterable[str]) -> set[str]:
    """Every folder that holds one of `paths`, at any depth: 'a/b/c.html' -> {'a/b', 'a'}. Made from
    the distinct parents, so a folder of many files is split once."""
    found: set[str] = set()
    pending = {path.rpartition("/")[0] for path in paths if "/" in path}
    while pending:
        found |= pending
        pending = {path.rpartition("/")[0] for path in pending if "/" in path} - found
    return found
