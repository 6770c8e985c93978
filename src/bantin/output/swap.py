"""The output folder as a whole: whose it is, and swapping a new tree in at once.

`bantin build` assembles the new site in a hidden sibling folder, `.build.staging-<pid>/`, and
`swap_in` publishes it with one system call: `renameat2(RENAME_EXCHANGE)` on Linux. At every instant,
whatever kills the process (`kill -9` included), `build/` is the whole old site or the whole new
site; the old tree, left under the staging name, is renamed `.build.trash-<pid>-<n>/` and deleted by
a thread (`delete_later`).

Where the exchange is not available (not Linux, or a file system without it) the swap is two renames,
`build/` -> `.build.old-<pid>/` and staging -> `build/`: killed between them, `build/` is missing for
that instant, and the next build puts the old tree back before doing anything else. Folders left by a
killed run carry its process id; the next run deletes them once that process is gone.

An output folder that is a mount point (a Docker volume or a CI cache at `build/`) can not be renamed,
so it is published into, as atomically as a file system allows: the new tree is staged in a hidden
folder inside it, `.bantin-staging-<pid>/` (same file system: unchanged files are hard links), and
only when it is complete is each of its top-level entries exchanged with its published namesake,
folders first and `index.html` last (`swap_entries`); the entries the new site no longer has are then
moved out of the way. Each entry is replaced atomically, the site as a whole is not: for the
milliseconds of those renames a reader may get a page of one version and a file of the other, and a
kill among them leaves a mix of the two that the next build replaces. A failed build leaves the
folder exactly as it was. `lost+found` at the root of a file system is never touched.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import sys
import threading
import time
from pathlib import Path

from ..core.errors import UsageError
from ..core.messages import Msg
from ..core.scratch import process_alive

MARKER = ".bantin-output"
MARKER_TEXT = b"This folder is written by bantin; it is replaced on every build.\n"
LEFTOVER_KINDS = ("staging", "old", "trash")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


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
        mounted = os.path.ismount(out_dir)
        foreign = min((entry for entry in out_dir.iterdir() if not (mounted and ours_inside(entry.name))),
                      default=None)   # the first, by name: the message names it
        if foreign is not None:
            raise UsageError(Msg.of("config.output_foreign", dir=str(out_dir),
                                    file=foreign.name + ("/" if foreign.is_dir() else "")))


def swap_in(new: Path, target: Path) -> Path | None:
    """Publish the tree at `new` as `target` in one step; returns the folder now holding the old tree."""
    if not os.path.lexists(target):
        os.rename(new, target)
        return None
    if _exchange(new, target):
        return new
    old = leftover_path(target, "old", os.getpid())
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


def leftover_path(target: Path, kind: str, pid: int) -> Path:
    """A staging or old tree beside `target`; inside it when `target` is a mount point (`inside_path`)."""
    return target.parent / f".{target.name}.{kind}-{pid}"


# -- an output folder that is a mount point ------------------------------------------------------

KEPT_AT_MOUNT = frozenset({"lost+found"})      # made by mkfs at the root of a file system
_INSIDE = re.compile(rf"^\.bantin-({'|'.join(LEFTOVER_KINDS)})-(\d+)(?:-\d+)?$")


def inside_path(target: Path, kind: str, pid: int) -> Path:
    """A staging or trash tree inside the mount point `target`: '.bantin-staging-1234'."""
    return target / f".bantin-{kind}-{pid}"


def ours_inside(name: str) -> bool:
    """A name at the root of a mounted output folder that is not the site's: a leftover, `lost+found`."""
    return name in KEPT_AT_MOUNT or _INSIDE.match(name) is not None


def swap_entries(new: Path, target: Path) -> Path:
    """Publish the tree at `new`, a folder inside the mount point `target`, entry by entry: each of
    its top-level entries exchanged with (or moved to) its name in `target`, folders first and
    `index.html` last, then the entries the new tree does not have moved into `new`, which is
    returned holding the old tree."""
    names = sorted(os.listdir(new), key=lambda name: (not (new / name).is_dir(), name == "index.html", name))
    for name in names:
        source, published = new / name, target / name
        if not os.path.lexists(published):
            os.rename(source, published)
        elif not _exchange(source, published):
            _replace(source, published, new / f".bantin-old-{name}")
    wanted = set(names)
    for name in sorted(os.listdir(target)):
        if name not in wanted and not ours_inside(name):
            os.rename(target / name, new / name)
    return new


def _replace(source: Path, published: Path, aside: Path) -> None:
    """Without an atomic exchange: a file is replaced in one rename; a folder in two (its name is
    missing between them)."""
    if source.is_file() and not source.is_symlink() and published.is_file() and not published.is_symlink():
        os.replace(source, published)
        return
    os.rename(published, aside)
    os.rename(source, published)


def clean_inside(target: Path) -> None:
    """Delete the staging and trash trees that killed runs left inside the mount point `target`."""
    try:
        names = os.listdir(target)
    except OSError:
        return
    for name in names:
        match = _INSIDE.match(name)
        if match and not (int(match[2]) == os.getpid() and match[1] == "trash") and \
                (int(match[2]) == os.getpid() or not process_alive(int(match[2]))):
            shutil.rmtree(target / name, ignore_errors=True)


CLEANER = "bantin-old-tree"


def delete_later(old: Path, target: Path, *, inside: bool = False) -> None:
    """Delete the old tree off the build's path: it is renamed to a trash name of its own (so the
    next build's staging name is free; inside `target` when it is a mount point) and removed by a
    thread. The thread is not a daemon, so the command still deletes it before it exits; a kill
    leaves it to the next run. Unlinking thousands of files was most of the time of a one-paragraph
    rebuild in `bantin serve` on a busy machine."""
    trash = target / f".bantin-trash-{os.getpid()}-{time.monotonic_ns()}" if inside else \
        target.parent / f".{target.name}.trash-{os.getpid()}-{time.monotonic_ns()}"
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
        if not match or (int(match[2]) != os.getpid() and process_alive(int(match[2]))) or \
                (match[1] == "trash" and int(match[2]) == os.getpid()):    # our own: a thread deletes it
            continue
        path = target.parent / name
        if match[1] == "old" and not os.path.lexists(target) and (path / MARKER).is_file():
            os.rename(path, target)
        else:
            shutil.rmtree(path, ignore_errors=True)
