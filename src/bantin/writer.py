"""The only code that touches the output folder: build beside it, then swap it in.

A new tree is written into a hidden staging folder next to the output folder. A file whose bytes
equal the published one is hard-linked from it instead of written, so its mtime stays and rsync or
a CDN upload sees no change. Only when every file is in place is the old folder swapped out; a
failure at any point removes the staging folder and leaves the published site as it was.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildFailed, UsageError, error
from .messages import Msg
from .render import Output

MARKER = ".bantin-output"
MARKER_TEXT = b"This folder is written by bantin; it is replaced on every build.\n"


@dataclass(frozen=True, slots=True)
class WriteReport:
    files: int        # files in the new tree
    written: int      # files whose bytes changed (or are new)
    removed: int      # files of the old tree that are gone


def check_output_dir(out_dir: Path, site_dir: Path) -> None:
    """Refuse output folders that would destroy something: the site itself, or a folder bantin did not make."""
    out_dir, site_dir = out_dir.resolve(), site_dir.resolve()
    protected = [site_dir / name for name in ("content", "templates", "static")]
    if site_dir.is_relative_to(out_dir) or any(out_dir.is_relative_to(p) for p in protected):
        raise UsageError(Msg.of("config.output_inside", dir=str(out_dir)))
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise UsageError(Msg.of("config.output_foreign", dir=str(out_dir)))


def safe_output_path(path: str) -> str | None:
    """A normalized relative path inside the output folder, or None for anything that could escape it."""
    if not path or "\\" in path or "\0" in path or path.startswith("/"):
        return None
    normal = posixpath.normpath(path)
    if normal.startswith("..") or normal in (".", MARKER) or ":" in normal.split("/")[0]:
        return None
    return normal


def write_site(outputs: Iterable[Output], out_dir: Path) -> WriteReport:
    """Write `outputs` as the complete new content of `out_dir`, atomically with respect to failures."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    origins: dict[str, str] = {}
    written = 0
    try:
        for output in outputs:
            rel = safe_output_path(output.path)
            if rel is None:
                raise BuildFailed([error(output.origin, None, "output.unsafe", path=output.path)])
            if rel in origins:
                raise BuildFailed([error(output.origin, None, "article.output_duplicate", path=rel,
                                         other=origins[rel])])
            origins[rel] = output.origin
            written += _place(staging / rel, out_dir / rel, output.data)
        (staging / MARKER).write_bytes(MARKER_TEXT)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    removed = _count_removed(out_dir, origins)
    _swap(staging, out_dir)
    return WriteReport(files=len(origins), written=written, removed=removed)


def _place(target: Path, published: Path, data: bytes) -> int:
    """Link the published file when its bytes are the same, else write; returns 1 when written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if (not published.is_symlink() and published.stat().st_size == len(data)
                and published.read_bytes() == data):
            try:
                os.link(published, target)
            except OSError:
                shutil.copy2(published, target)
            return 0
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        pass
    target.write_bytes(data)
    return 1


def _count_removed(out_dir: Path, kept: dict[str, str]) -> int:
    if not out_dir.is_dir():
        return 0
    count = 0
    for folder, _dirs, files in os.walk(out_dir):
        for name in files:
            rel = Path(folder, name).relative_to(out_dir).as_posix()
            count += rel not in kept and rel != MARKER
    return count


def _swap(staging: Path, out_dir: Path) -> None:
    trash = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    shutil.rmtree(trash, ignore_errors=True)
    if out_dir.exists() or out_dir.is_symlink():
        os.rename(out_dir, trash)
    os.rename(staging, out_dir)
    shutil.rmtree(trash, ignore_errors=True)
