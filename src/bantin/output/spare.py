"""The spare tree: the site as the build before the last one left it, kept beside the output folder
(`.build.spare/`) so that the next build stages into it instead of into an empty folder.

An atomic swap needs the whole new tree beside the published one. Made from nothing, that is a hard
link for every unchanged file and, after the swap, the old tree deleted file by file: two mutating
system calls per file of the site for a build that changed one article. Kept instead of deleted, the
old tree is next time's starting point: it already holds every file but those the last two builds
changed, so a build writes what changed, removes what went, and swaps. Its files share their inodes
with the published tree, so it costs the disk only what changed, and a file is never written in
place in it (always unlinked first): the published tree never changes under a reader.

The spare is trusted only as far as its record says (`outputs-<tag>.spare.json`, beside the
manifest): the record is deleted when the spare is taken (a build killed while staging leaves a
folder named after its process, which the next build deletes) and written again only once the spare
is whole. Files the record does not list (a file someone dropped into `build/`) are deleted when the
spare is taken. Two builds into the same folder at once: the second finds the spare locked and
stages from nothing, as before.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .swap import MARKER

SPARE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Spare:
    """A spare tree renamed to a staging folder, and the files it holds (path -> [key, digest, size, mtime_ns])."""

    folder: Path
    entries: Mapping[str, list]


def spare_path(target: Path) -> Path:
    return target.parent / f".{target.name}.spare"


def record_path(manifest_path: Path) -> Path:
    return manifest_path.with_name(manifest_path.stem + ".spare.json")


@contextlib.contextmanager
def locked(manifest_path: Path) -> Iterator[bool]:
    """Whether this build has the spare to itself (a lock beside the manifest, released on exit, even
    when the process is killed)."""
    try:
        manifest_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(manifest_path.with_suffix(".lock"), "a")
    except OSError:
        yield False
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True


def take_spare(target: Path, manifest_path: Path, out_dir: str, staging: Path) -> Spare | None:
    """The spare tree, renamed to `staging` and holding exactly what its record lists; None when there
    is none to be trusted (then any spare folder is deleted)."""
    folder, record = spare_path(target), record_path(manifest_path)
    entries = _read_record(record, out_dir)
    with contextlib.suppress(FileNotFoundError):
        record.unlink()                     # from here on, a kill leaves only a folder to delete
    if not folder.is_dir():
        return None
    if entries is None:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    os.rename(folder, staging)
    _drop_unlisted(staging, entries)
    return Spare(staging, entries)


def keep_spare(old_tree: Path, target: Path, manifest_path: Path, out_dir: str, entries: Mapping[str, list]) -> bool:
    """Keep `old_tree` (the tree the swap just replaced, whose files `entries` lists) as the spare."""
    folder = spare_path(target)
    if os.path.lexists(folder):
        return False
    os.rename(old_tree, folder)
    tmp = record_path(manifest_path).with_suffix(f".tmp-{os.getpid()}")
    tmp.write_text(json.dumps({"version": SPARE_VERSION, "out_dir": out_dir, "files": entries}, sort_keys=True),
                   encoding="utf-8")
    os.replace(tmp, record_path(manifest_path))
    return True


def _read_record(record: Path, out_dir: str) -> dict[str, list] | None:
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        if data.get("version") == SPARE_VERSION and data.get("out_dir") == out_dir and isinstance(data["files"], dict):
            return data["files"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def _drop_unlisted(root: Path, entries: Mapping[str, list]) -> None:
    """Delete every file below `root` that `entries` does not list (but the marker), and the folders
    left empty: one directory listing per folder, no `stat`."""
    for folder, dirs, files in os.walk(root, topdown=False):
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        for name in files:
            if prefix + name not in entries and not (not prefix and name == MARKER):
                os.unlink(os.path.join(folder, name))
        for name in dirs:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                os.unlink(path)
            else:
                with contextlib.suppress(OSError):
                    os.rmdir(path)              # only when empty
