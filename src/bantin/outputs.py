"""The record every producer of the built site yields, and the hash its memo keys are made of.

A leaf module: the writer, feeds, sitemaps, photos and the renderer all speak `Output`, and none of
them needs the Jinja module to do so.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import Problem, error


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the built site: where it goes, its bytes, and what produced it (for messages)."""

    path: str          # output-relative, posix
    data: bytes | None  # None: inputs unchanged since the last build, keep the published file
    origin: str        # site-relative source file, or the page's URL
    key: str = ""      # hash of every input the file was made from ('' when not memoized)


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
