"""Temporary folders and files that name the process that made them, so that what a killed process
leaves behind is removed when bantin next starts.

A process removes its own temporary folder when it ends normally, on Ctrl-C or SIGTERM; `kill -9`,
a crash or a power cut leave it. Each folder is named `bantin-<kind>-<pid>-<random>` in the system's
temporary folder (`$TMPDIR`), and a file written in pieces `<name>.<pid>.tmp` beside its final name:
`sweep_scratch` and `sweep_tmp_files` remove those whose process is gone and whose owner is this
user. A process id reused since by another program keeps the leftover until that program ends: only
ever too little is removed, never what a running bantin still uses.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile

PREFIX = "bantin-"
_TMP_FILE = re.compile(r"\.(\d+)\.tmp$")


def scratch_dir(kind: str) -> str:
    """A new temporary folder for `kind` ('serve', 'photos') named with this process: 'bantin-serve-1234-x8k2'."""
    return tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-{os.getpid()}-")


def process_alive(pid: int) -> bool:
    """Whether process `pid` runs: another user's counts (it may not be signalled, but it is there);
    a killed process its parent has not reaped yet (a zombie) does not."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:             # PermissionError: another user's process
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True             # no /proc (not Linux): it answered the signal


def _owned(entry: os.DirEntry) -> bool:
    try:
        return not hasattr(os, "getuid") or entry.stat(follow_symlinks=False).st_uid == os.getuid()
    except OSError:
        return False


def sweep_scratch(*kinds: str, folder: str | None = None) -> int:
    """Remove the temporary folders of `kinds` whose process is gone; the number removed. `folder`:
    where to look (the system's temporary folder by default)."""
    folder = folder or tempfile.gettempdir()
    pattern = re.compile(rf"{re.escape(PREFIX)}(?:{'|'.join(map(re.escape, kinds))})-(\d+)-")
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        found = pattern.match(entry.name)
        if found and entry.is_dir(follow_symlinks=False) and _owned(entry) and not process_alive(int(found.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed += not os.path.exists(entry.path)
    return removed


def sweep_tmp_files(folder: str) -> int:
    """Remove the `<name>.<pid>.tmp` files in `folder` whose process is gone (a write it never
    finished); the number removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        found = _TMP_FILE.search(entry.name) if entry.name.endswith(".tmp") else None
        if found and _owned(entry) and not process_alive(int(found.group(1))):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass        # gone already, or not ours: the next start tries again
    return removed
