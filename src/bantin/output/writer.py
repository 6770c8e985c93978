"""The only code that touches the output folder: build the new tree beside it, then swap it in at once.

The new site is assembled in a hidden sibling folder, `.build.staging-<pid>/`: a file whose bytes
(or, with a manifest from the last build, whose inputs) are unchanged is hard-linked from the
published tree, so its inode and mtime stay and rsync or a CDN upload sees nothing (copied with its
mtime where a link is impossible); new and changed files are written. Then one system call swaps the
two folders: `renameat2(RENAME_EXCHANGE)` on Linux. At every instant, whatever kills the process
(`kill -9` included), `build/` is the whole old site or the whole new site; the old tree, left under
the staging name, is renamed `.build.trash-<pid>-<n>/` and deleted by a thread (`_delete_later`).
A build where nothing changed touches nothing at all.

Where the exchange is not available (not Linux, or a file system without it) the swap is two renames,
`build/` -> `.build.old-<pid>/` and staging -> `build/`: killed between them, `build/` is missing for
that instant, and the next build puts the old tree back before doing anything else. Folders left by a
killed run carry its process id; the next run deletes them once that process is gone.

An output folder that is a mount point can not be swapped (a mount point can not be renamed): it is
refused up front with a message suggesting a folder inside it.

The manifest (`.bantin-cache/outputs-*.json`) remembers, for each published file, the hash of the
inputs that made it, the hash of its bytes and its size and mtime, so the next build can skip
rendering pages whose inputs did not change. It is written after the swap; a run killed before that
leaves the previous manifest, whose entries only match files that still have their size and mtime.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import posixpath
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import BuildFailed, UsageError, error
from ..core.messages import Msg
from ..core.outputs import Output

MARKER = ".bantin-output"
MARKER_TEXT = b"This folder is written by bantin; it is replaced on every build.\n"
MANIFEST_VERSION = 1
LEFTOVER_KINDS = ("staging", "old", "trash")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass(frozen=True, slots=True)
class WriteReport:
    files: int        # files in the new tree
    written: int      # files whose bytes changed (or are new)
    removed: int      # files of the old tree that are gone


class OutputMemo:
    """What the last build published: lets renderers skip a file whose inputs are unchanged."""

    def __init__(self, out_dir: Path, manifest_path: Path | None):
        self.out_dir = out_dir
        self.manifest_path = manifest_path
        self.entries: dict[str, list] = {}
        if manifest_path is not None and (out_dir / MARKER).is_file():
            try:
                data = json.loads(manifest_path.read_text(encoding="utf-8"))
                if data.get("version") == MANIFEST_VERSION and data.get("out_dir") == str(out_dir.resolve()):
                    self.entries = data["files"]
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self.entries = {}

    def is_current(self, path: str, key: str) -> bool:
        """True when `path` was made from inputs hashing to `key` and is still as it was written."""
        entry = self.entries.get(path)
        return bool(key) and entry is not None and entry[0] == key and self._intact(path, entry)

    def size_of(self, path: str) -> int | None:
        """The size of a published file the last build recorded (for a file kept as it was)."""
        entry = self.entries.get(path)
        return entry[2] if entry else None

    def _intact(self, path: str, entry: list) -> bool:
        try:
            st = os.stat(f"{self.out_dir}/{path}")
        except OSError:
            return False
        return st.st_size == entry[2] and st.st_mtime_ns == entry[3]

    def same_bytes(self, path: str, digest: str, data: bytes) -> bool:
        """Is the published file already exactly `data`? Uses the manifest when it can, else reads it."""
        entry = self.entries.get(path)
        if entry is not None and entry[1] == digest and self._intact(path, entry):
            return True
        try:
            published = self.out_dir / path
            return published.stat().st_size == len(data) and published.read_bytes() == data
        except OSError:
            return False

    def save(self, files: dict[str, list]) -> None:
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


def check_output_dir(out_dir: Path, site_dir: Path) -> None:
    """Refuse output folders that would destroy something (the site itself, a folder bantin did not
    make) or that can not be written or swapped (below a file, a mount point)."""
    for folder in (Path(out_dir).absolute(), *Path(out_dir).absolute().parents):
        if os.path.lexists(folder):
            if not folder.is_dir():
                raise UsageError(Msg.of("output.not_a_folder", dir=str(out_dir), file=str(folder)))
            break
    out_dir, site_dir = out_dir.resolve(), site_dir.resolve()
    protected = [site_dir / name for name in ("content", "templates", "static")]
    if site_dir.is_relative_to(out_dir) or any(out_dir.is_relative_to(p) for p in protected):
        raise UsageError(Msg.of("config.output_inside", dir=str(out_dir)))
    if out_dir.is_dir() and not (out_dir / MARKER).is_file():
        foreign = min(out_dir.iterdir(), default=None)   # the first, by name: the message names it
        if foreign is not None:
            raise UsageError(Msg.of("config.output_foreign", dir=str(out_dir),
                                    file=foreign.name + ("/" if foreign.is_dir() else "")))
    if out_dir.is_dir() and os.path.ismount(out_dir):
        raise UsageError(Msg.of("output.mount_point", dir=str(out_dir), inside=str(out_dir / "site")))


def safe_output_path(path: str) -> str | None:
    """A normalized relative path inside the output folder, or None for anything that could escape it."""
    if not path or "\\" in path or "\0" in path or path.startswith("/"):
        return None
    normal = posixpath.normpath(path)
    if normal.startswith("..") or normal in (".", MARKER) or ":" in normal.split("/")[0]:
        return None
    return normal


def write_site(outputs: Iterable[Output], out_dir: Path, memo: OutputMemo | None = None) -> WriteReport:
    """Make `out_dir` hold exactly `outputs`, writing only what changed; all or nothing, even when killed."""
    out_dir = Path(out_dir)
    memo = memo or OutputMemo(out_dir, None)
    target = out_dir.resolve() if out_dir.is_symlink() else out_dir.absolute()   # a link stays a link
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(target)
        staging = _leftover_path(target, "staging", os.getpid())
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
    except OSError as exc:
        raise UsageError(describe_os_error(exc, target)) from None
    try:
        return _write(outputs, target, staging, memo)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise UsageError(describe_os_error(exc, target)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write(outputs: Iterable[Output], target: Path, staging: Path, memo: OutputMemo) -> WriteReport:
    origins: dict[str, str] = {}
    manifest: dict[str, list] = {}
    staged: list[str] = []
    kept: list[str] = []
    made_dirs: set[str] = set()
    for output in outputs:
        rel = safe_output_path(output.path)
        if rel is None:
            raise BuildFailed([error(output.origin, None, "output.unsafe", path=output.path)])
        if rel in origins:
            raise BuildFailed([error(output.origin, None, "article.output_duplicate", path=rel,
                                     other=origins[rel])])
        origins[rel] = output.origin
        if output.data is None:  # unchanged inputs: the published file stays
            manifest[rel] = memo.entries[rel]
            kept.append(rel)
            continue
        digest = hashlib.blake2b(output.data, digest_size=16).hexdigest()
        if memo.same_bytes(rel, digest, output.data):
            kept.append(rel)
        else:
            _make_parent(staging, rel, made_dirs)
            with open(f"{staging}/{rel}", "wb") as handle:
                handle.write(output.data)
            staged.append(rel)
        manifest[rel] = [output.key, digest, len(output.data), 0]
    exists = target.is_dir()
    removed = _count_removed(target, origins, memo) if exists else 0
    if exists and not staged and not removed and (target / MARKER).is_file():
        shutil.rmtree(staging, ignore_errors=True)   # nothing changed: the published tree is the new one
    else:
        for rel in kept:
            _make_parent(staging, rel, made_dirs)
            _share(f"{target}/{rel}", f"{staging}/{rel}")
        if exists and (target / MARKER).is_file():
            _share(f"{target}/{MARKER}", f"{staging}/{MARKER}")
        else:
            (staging / MARKER).write_bytes(MARKER_TEXT)
        for rel in staged:   # what the manifest records is what the swap publishes
            st = os.stat(f"{staging}/{rel}")
            manifest[rel][2:] = [st.st_size, st.st_mtime_ns]
        old = swap_in(staging, target)
        if old is not None:
            _delete_later(old, target)
    for rel, entry in manifest.items():
        if entry[3] == 0:
            try:
                st = os.stat(f"{target}/{rel}")
                entry[2], entry[3] = st.st_size, st.st_mtime_ns
            except OSError:
                pass
    memo.save(manifest)
    return WriteReport(files=len(origins), written=len(staged), removed=removed)


def _make_parent(root: Path, rel: str, made: set[str]) -> None:
    folder = posixpath.dirname(rel)
    if folder and folder not in made:
        os.makedirs(f"{root}/{folder}", exist_ok=True)
        made.add(folder)


def _share(src: str, dst: str) -> None:
    """Put the published file `src` into the new tree: a hard link (same inode, same mtime), else a
    copy that keeps the mtime."""
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
    for folder, _dirs, files in os.walk(target):
        rel_folder = os.path.relpath(folder, target)
        for name in files:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            removed += rel not in origins and rel != MARKER
    return removed


def swap_in(new: Path, target: Path) -> Path | None:
    """Publish the tree at `new` as `target` in one step; returns the folder now holding the old tree."""
    if not os.path.lexists(target):
        os.rename(new, target)
        return None
    if _exchange(new, target):
        return new
    old = _leftover_path(target, "old", os.getpid())
    shutil.rmtree(old, ignore_errors=True)
    os.rename(target, old)           # not atomic: a kill here leaves no `target`; the next run restores it
    os.rename(new, target)
    return old


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where it is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False                 # this file system can not exchange: two renames instead
    raise OSError(code, os.strerror(code), str(b))


def _leftover_path(target: Path, kind: str, pid: int) -> Path:
    return target.parent / f".{target.name}.{kind}-{pid}"


CLEANER = "bantin-old-tree"


def _delete_later(old: Path, target: Path) -> None:
    """Delete the old tree off the build's path: it is renamed to a trash name of its own (so the
    next build's staging name is free) and removed by a thread. The thread is not a daemon, so the
    command still deletes it before it exits; a kill leaves it to the next run. Unlinking thousands
    of files was most of the time of a one-paragraph rebuild in `bantin serve` on a busy machine."""
    trash = target.parent / f".{target.name}.trash-{os.getpid()}-{time.monotonic_ns()}"
    try:
        os.rename(old, trash)
    except OSError:
        trash = old
    threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}, name=CLEANER).start()


def wait_for_cleanup() -> None:
    """Wait until the old trees of this process's builds are deleted."""
    for thread in threading.enumerate():
        if thread.name == CLEANER:
            thread.join()


def clean_leftovers(target: Path) -> None:
    """Delete the staging and old folders of runs that were killed; if one was killed between the two
    renames of the fallback swap, put its old tree back first."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.({'|'.join(LEFTOVER_KINDS)})-(\d+)(?:-\d+)?$")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in sorted(names, key=lambda n: ".old-" not in n):   # a tree to put back first
        match = pattern.match(name)
        if not match or (int(match[2]) != os.getpid() and _alive(int(match[2]))) or \
                (match[1] == "trash" and int(match[2]) == os.getpid()):    # our own: a thread deletes it
            continue
        path = target.parent / name
        if match[1] == "old" and not os.path.lexists(target) and (path / MARKER).is_file():
            os.rename(path, target)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:   # a killed build not yet reaped by its parent is a zombie: gone for our purpose
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def describe_os_error(exc: OSError, folder: Path | None = None) -> Msg:
    """What an operating-system error while writing means for the person building: a full disk,
    a read-only or forbidden folder, or the system's own words, with the folder it happened in."""
    where = str(folder) if folder is not None else (os.path.dirname(exc.filename) if exc.filename else "?")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return Msg.of("output.disk_full", dir=where)
    return Msg.of("output.os_error", dir=where, reason=exc.strerror or str(exc))
