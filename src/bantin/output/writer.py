"""The one writer of the built site, with two destinations: a folder swapped in at once (`bantin
build`) and memory (`bantin serve`, which answers browsers from it).

`write_output` is the step both share: an output whose bytes the destination already publishes
(the same digest: a hash of the bytes, or a derivative's name, which holds the hash of what made it)
is kept, anything else is put. Each destination keeps one `Published` record per file: for the folder
it is the manifest the next build reads, for memory what the preview serves.

`StagedFolder`: the new site is assembled in a hidden sibling folder (`swap.py`); a file whose bytes
(or, with a manifest from the last build, whose inputs) are unchanged is hard-linked from the
published tree, so its inode and mtime stay and rsync or a CDN upload sees nothing (copied with its
mtime where a link is impossible); new and changed files are written, a derivative linked from the
photo memo. Then the two folders are swapped (`swap.swap_in`); an output folder that is a mount
point is staged inside itself and swapped in entry by entry (`swap.swap_entries`). A build where
nothing changed touches nothing at all. The manifest (`.bantin-cache/outputs-*.json`) is written after the swap; a run killed
before that leaves the previous manifest, whose entries only match files that still have their size
and mtime.

`MemoryFiles`: the preview's site, by output path: bytes, or the path of a derivative in the photo
memo (a large archive's derivatives are gigabytes: they stay on disk and are read when asked for).
"""

from __future__ import annotations

import errno
import filecmp
import hashlib
import json
import os
import posixpath
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

from ..core.errors import BuildFailed, UsageError, error
from ..core.messages import Msg
from ..core.outputs import Output
from .swap import (
    MARKER,
    MARKER_TEXT,
    clean_inside,
    clean_leftovers,
    delete_later,
    inside_path,
    leftover_path,
    ours_inside,
    swap_entries,
    swap_in,
)

MANIFEST_VERSION = 2


class Published(NamedTuple):
    """A published file: the key of the inputs it was made from, its digest, its size and mtime (0 in
    memory). The manifest stores these as JSON lists."""

    key: str
    digest: str
    size: int
    mtime_ns: int = 0


class Destination(Protocol):
    """Where the writer puts the site's files."""

    def holds(self, path: str, digest: str, output: Output) -> bool:
        """Does it already publish exactly these bytes at `path`?"""

    def keep(self, path: str, output: Output, digest: str | None) -> None:
        """The published file at `path` stays (`digest` None: the output is `kept`, unchanged inputs)."""

    def put(self, path: str, output: Output, digest: str) -> None:
        """Publish the output's bytes at `path`."""


def digest_of(output: Output) -> str:
    """The hash of the bytes; for a file output, its key (a derivative's name holds the hash)."""
    if output.data is None:
        return "file:" + output.key
    return hashlib.blake2b(output.data, digest_size=16).hexdigest()


def write_output(output: Output, path: str, destination: Destination) -> bool:
    """Publish one output at `path` (already made safe); True when the destination changed."""
    if output.kept:
        destination.keep(path, output, None)
        return False
    digest = digest_of(output)
    if destination.holds(path, digest, output):
        destination.keep(path, output, digest)
        return False
    destination.put(path, output, digest)
    return True


def safe_output_path(path: str) -> str | None:
    """A normalized relative path inside the output folder, or None for anything that could escape it."""
    if not path or "\\" in path or "\0" in path or path.startswith("/"):
        return None
    normal = posixpath.normpath(path)
    if normal.startswith("..") or normal in (".", MARKER) or ":" in normal.split("/")[0]:
        return None
    return normal


# --- the folder: `bantin build` -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class WriteReport:
    files: int        # files in the new tree
    written: int      # files whose bytes changed (or are new)
    removed: int      # files of the old tree that are gone


class OutputMemo:
    """What the last build published (its manifest): lets producers skip a file whose inputs are unchanged."""

    def __init__(self, out_dir: Path, manifest_path: Path | None):
        self.out_dir = out_dir
        self.manifest_path = manifest_path
        self.entries: dict[str, Published] = {}
        if manifest_path is not None and (out_dir / MARKER).is_file():
            try:
                data = json.loads(manifest_path.read_text(encoding="utf-8"))
                if data.get("version") == MANIFEST_VERSION and data.get("out_dir") == str(out_dir.resolve()):
                    self.entries = {path: Published(*entry) for path, entry in data["files"].items()}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self.entries = {}

    def is_current(self, path: str, key: str) -> bool:
        """True when `path` was made from inputs hashing to `key` and is still as it was written."""
        entry = self.entries.get(path)
        return bool(key) and entry is not None and entry.key == key and self.intact(path, entry)

    def size_of(self, path: str) -> int | None:
        """The size of a published file the last build recorded (for a file kept as it was)."""
        entry = self.entries.get(path)
        return entry.size if entry else None

    def read(self, path: str) -> bytes:
        return (self.out_dir / path).read_bytes()

    def intact(self, path: str, entry: Published) -> bool:
        try:
            st = os.stat(f"{self.out_dir}/{path}")
        except OSError:
            return False
        return st.st_size == entry.size and st.st_mtime_ns == entry.mtime_ns

    def save(self, files: dict[str, Published]) -> None:
        if self.manifest_path is None:
            return
        try:
            self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.manifest_path.with_suffix(f".tmp-{os.getpid()}")
            tmp.write_text(json.dumps({"version": MANIFEST_VERSION, "out_dir": str(self.out_dir.resolve()),
                                       "files": files}, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.manifest_path)
        except OSError:
            pass


def manifest_path_for(cache_dir: Path, out_dir: Path) -> Path:
    tag = hashlib.sha256(str(out_dir.resolve()).encode("utf-8")).hexdigest()[:12]
    return cache_dir / f"outputs-{tag}.json"


class StagedFolder:
    """The destination of `bantin build`: a staging folder beside the published tree `target`,
    swapped in once everything is there (`finish`)."""

    def __init__(self, target: Path, staging: Path, memo: OutputMemo, *, mounted: bool = False):
        self.target, self.staging, self.memo = target, staging, memo
        self.mounted = mounted          # a mount point: staged inside it, swapped in entry by entry
        self.records: dict[str, Published] = {}     # the new manifest
        self.staged: list[str] = []
        self.kept: list[str] = []
        self._made_dirs: set[str] = set()

    def holds(self, path: str, digest: str, output: Output) -> bool:
        entry = self.memo.entries.get(path)
        if entry is not None and entry.digest == digest and self.memo.intact(path, entry):
            return True
        try:       # no manifest: compare the bytes themselves, so a file that did not change keeps its mtime
            published = self.target / path
            if output.data is None:
                return filecmp.cmp(output.file, published, shallow=False)
            return published.stat().st_size == len(output.data) and published.read_bytes() == output.data
        except OSError:
            return False

    def keep(self, path: str, output: Output, digest: str | None) -> None:
        self.kept.append(path)
        if digest is None:
            self.records[path] = self.memo.entries[path]
        else:
            self.records[path] = Published(output.key, digest, -1, 0)   # size and mtime: after the swap

    def put(self, path: str, output: Output, digest: str) -> None:
        self._make_parent(path)
        if output.data is not None:
            with open(f"{self.staging}/{path}", "wb") as handle:
                handle.write(output.data)
        else:
            share(output.file, f"{self.staging}/{path}")
        self.staged.append(path)
        self.records[path] = Published(output.key, digest, -1, 0)

    def finish(self, removed: int) -> None:
        """Swap the staged tree in (unless nothing changed), then record every file as published."""
        exists = self.target.is_dir()
        if exists and not self.staged and not removed and (self.target / MARKER).is_file():
            shutil.rmtree(self.staging, ignore_errors=True)   # nothing changed: the published tree is the new one
        else:
            for path in self.kept:
                self._make_parent(path)
                share(f"{self.target}/{path}", f"{self.staging}/{path}")
            if exists and (self.target / MARKER).is_file():
                share(f"{self.target}/{MARKER}", f"{self.staging}/{MARKER}")
            else:
                (self.staging / MARKER).write_bytes(MARKER_TEXT)
            if self.mounted:
                delete_later(swap_entries(self.staging, self.target), self.target, inside=True)
            else:
                old = swap_in(self.staging, self.target)
                if old is not None:
                    delete_later(old, self.target)
        for path, entry in self.records.items():
            if entry.mtime_ns == 0:
                try:
                    st = os.stat(f"{self.target}/{path}")
                    self.records[path] = entry._replace(size=st.st_size, mtime_ns=st.st_mtime_ns)
                except OSError:
                    pass
        self.memo.save(self.records)

    def _make_parent(self, path: str) -> None:
        folder = posixpath.dirname(path)
        if folder and folder not in self._made_dirs:
            os.makedirs(f"{self.staging}/{folder}", exist_ok=True)
            self._made_dirs.add(folder)


def write_site(outputs: Iterable[Output], out_dir: Path, memo: OutputMemo | None = None) -> WriteReport:
    """Make `out_dir` hold exactly `outputs`, writing only what changed; all or nothing, even when killed."""
    out_dir = Path(out_dir)
    memo = memo or OutputMemo(out_dir, None)
    target = out_dir.resolve() if out_dir.is_symlink() else out_dir.absolute()   # a link stays a link
    mounted = target.is_dir() and os.path.ismount(target)       # a volume: staged inside it (swap.py)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if mounted:
            clean_inside(target)
        else:
            clean_leftovers(target)
        staging = (inside_path if mounted else leftover_path)(target, "staging", os.getpid())
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
    except OSError as exc:
        raise UsageError(describe_os_error(exc, target)) from None
    try:
        return _write(outputs, StagedFolder(target, staging, memo, mounted=mounted))
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise UsageError(describe_os_error(exc, target)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write(outputs: Iterable[Output], folder: StagedFolder) -> WriteReport:
    origins: dict[str, str] = {}
    for output in outputs:
        path = safe_output_path(output.path)
        if path is None:
            raise BuildFailed([error(output.origin, None, "output.unsafe", path=output.path)])
        if path in origins:
            raise BuildFailed([error(output.origin, None, "article.output_duplicate", path=path,
                                     other=origins[path])])
        origins[path] = output.origin
        write_output(output, path, folder)
    removed = _count_removed(folder.target, origins, folder.memo) if folder.target.is_dir() else 0
    folder.finish(removed)
    return WriteReport(files=len(origins), written=len(folder.staged), removed=removed)


def share(src: str, dst: str) -> None:
    """Put the file `src` into the new tree: a hard link (same inode, same mtime), else a copy that
    keeps the mtime."""
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOSPC, errno.EDQUOT):
            raise
        shutil.copy2(src, dst)


def _count_removed(target: Path, origins: dict[str, str], memo: OutputMemo) -> int:
    """How many published files the new tree no longer has (from the manifest, else by looking)."""
    if memo.entries:
        return sum(rel not in origins for rel in memo.entries)
    removed = 0
    for folder, dirs, files in os.walk(target):
        rel_folder = os.path.relpath(folder, target)
        if rel_folder == ".":               # not the site's: a staging tree inside a mount point, lost+found
            dirs[:] = [name for name in dirs if not ours_inside(name)]
        for name in files:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            removed += rel not in origins and rel != MARKER
    return removed


# --- memory: `bantin serve` ---------------------------------------------------------------------

class MemoryFiles:
    """The destination of the preview: every file by output path, with its record; the folders that
    hold them (for `folder/` requests)."""

    def __init__(self) -> None:
        self.records: dict[str, Published] = {}
        self._bytes: dict[str, bytes | str] = {}       # the bytes, or the path of the file holding them
        self._folders: dict[str, int] = {}             # folder -> files below it, at any depth
        self.written = 0

    def holds(self, path: str, digest: str, output: Output) -> bool:
        found = self.records.get(path)
        return found is not None and found.digest == digest

    def keep(self, path: str, output: Output, digest: str | None) -> None:
        found = self.records.get(path)
        if found is not None:
            self.records[path] = found._replace(key=output.key)

    def put(self, path: str, output: Output, digest: str) -> None:
        size = len(output.data) if output.data is not None else os.stat(output.file).st_size
        if path not in self._bytes:
            for folder in _folders_of(path):
                self._folders[folder] = self._folders.get(folder, 0) + 1
        self._bytes[path] = output.data if output.data is not None else output.file
        self.records[path] = Published(output.key, digest, size)
        self.written += 1

    def delete(self, path: str) -> None:
        if self._bytes.pop(path, None) is None:
            return
        del self.records[path]
        for folder in _folders_of(path):
            left = self._folders[folder] - 1
            if left:
                self._folders[folder] = left
            else:
                del self._folders[folder]

    def read(self, path: str) -> bytes:
        """The bytes of the file at `path` (KeyError when there is none)."""
        found = self._bytes[path]
        if isinstance(found, bytes):
            return found
        with open(found, "rb") as handle:
            return handle.read()

    def get(self, path: str) -> bytes | None:
        try:
            return self.read(path)
        except (KeyError, OSError):
            return None

    def is_folder(self, path: str) -> bool:
        return path == "" or path in self._folders

    def paths(self) -> Iterator[str]:
        return iter(list(self._bytes))

    def __contains__(self, path: object) -> bool:
        return path in self._bytes

    def __len__(self) -> int:
        return len(self._bytes)

    # the published files, for the producers' memos (`precompress.PublishedFiles`)
    def is_current(self, path: str, key: str) -> bool:
        found = self.records.get(path)
        return bool(key) and found is not None and found.key == key

    def size_of(self, path: str) -> int | None:
        found = self.records.get(path)
        return found.size if found else None


def _folders_of(path: str) -> Iterator[str]:
    """'a/b/c.html' -> 'a/b', 'a'."""
    while "/" in path:
        path = path.rpartition("/")[0]
        yield path


def describe_os_error(exc: OSError, folder: Path | None = None) -> Msg:
    """What an operating-system error while writing means for the person building: a full disk,
    a read-only or forbidden folder, or the system's own words, with the folder it happened in."""
    where = str(folder) if folder is not None else (os.path.dirname(exc.filename) if exc.filename else "?")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return Msg.of("output.disk_full", dir=where)
    return Msg.of("output.os_error", dir=where, reason=exc.strerror or str(exc))
