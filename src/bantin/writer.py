"""The only code that touches the output folder: stage every changed file, then move them in.

Phase one writes each new or changed file into a hidden staging folder beside the output folder;
a file whose bytes (or, with a manifest from the last build, whose inputs) are unchanged is not
written at all, so its mtime stays and rsync or a CDN upload sees nothing. Any failure in phase one
removes the staging folder: the published site stays byte-for-byte as it was. Phase two, which only
moves files and deletes stale ones, runs when everything is rendered.

The manifest (`.bantin-cache/outputs-*.json`) remembers, for each published file, the hash of the
inputs that made it, the hash of its bytes and its size and mtime, so the next build can skip
rendering pages whose inputs did not change. A file edited or deleted by hand no longer matches its
size and mtime, and is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildFailed, UsageError, error
from .messages import Msg
from .outputs import Output

MARKER = ".bantin-output"
MARKER_TEXT = b"This folder is written by bantin; it is replaced on every build.\n"
MANIFEST_VERSION = 1


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
            tmp = self.manifest_path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"version": MANIFEST_VERSION, "out_dir": str(self.out_dir.resolve()),
                                       "files": files}, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.manifest_path)
        except OSError:
            pass


def manifest_path_for(cache_dir: Path, out_dir: Path) -> Path:
    tag = hashlib.sha256(str(out_dir.resolve()).encode("utf-8")).hexdigest()[:12]
    return cache_dir / f"outputs-{tag}.json"


def check_output_dir(out_dir: Path, site_dir: Path) -> None:
    """Refuse output folders that would destroy something: the site itself, or a folder bantin did not make."""
    out_dir, site_dir = out_dir.resolve(), site_dir.resolve()
    protected = [site_dir / name for name in ("content", "templates", "static")]
    if site_dir.is_relative_to(out_dir) or any(out_dir.is_relative_to(p) for p in protected):
        raise UsageError(Msg.of("config.output_inside", dir=str(out_dir)))
    if out_dir.is_dir() and not (out_dir / MARKER).is_file():
        foreign = min(out_dir.iterdir(), default=None)   # the first, by name: the message names it
        if foreign is not None:
            raise UsageError(Msg.of("config.output_foreign", dir=str(out_dir),
                                    file=foreign.name + ("/" if foreign.is_dir() else "")))


def safe_output_path(path: str) -> str | None:
    """A normalized relative path inside the output folder, or None for anything that could escape it."""
    if not path or "\\" in path or "\0" in path or path.startswith("/"):
        return None
    normal = posixpath.normpath(path)
    if normal.startswith("..") or normal in (".", MARKER) or ":" in normal.split("/")[0]:
        return None
    return normal


def write_site(outputs: Iterable[Output], out_dir: Path, memo: OutputMemo | None = None) -> WriteReport:
    """Make `out_dir` hold exactly `outputs`, writing only what changed; all or nothing on failure."""
    out_dir = Path(out_dir)
    memo = memo or OutputMemo(out_dir, None)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    origins: dict[str, str] = {}
    manifest: dict[str, list] = {}
    staged: list[str] = []
    made_dirs: set[Path] = set()
    try:
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
                continue
            digest = hashlib.blake2b(output.data, digest_size=16).hexdigest()
            if not memo.same_bytes(rel, digest, output.data):
                target = staging / rel
                if target.parent not in made_dirs:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made_dirs.add(target.parent)
                target.write_bytes(output.data)
                staged.append(rel)
            manifest[rel] = [output.key, digest, len(output.data), 0]
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    stale = [rel for rel in memo.entries if rel not in origins] if memo.entries else None
    removed = _commit(staging, out_dir, staged, origins, stale)
    for rel, entry in manifest.items():
        if entry[3] == 0:
            try:
                st = os.stat(f"{out_dir}/{rel}")
                entry[2], entry[3] = st.st_size, st.st_mtime_ns
            except OSError:
                pass
    memo.save(manifest)
    return WriteReport(files=len(origins), written=len(staged), removed=removed)


def _commit(staging: Path, out_dir: Path, staged: list[str], keep: dict[str, str],
            stale: list[str] | None) -> int:
    """Move staged files into place and delete files that are no longer produced (the `stale` ones
    the manifest names, or, without a manifest, every file found that is not in `keep`)."""
    (staging / MARKER).write_bytes(MARKER_TEXT)
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return 0
    made_dirs: set[Path] = set()
    for rel in staged:
        target = out_dir / rel
        if target.parent not in made_dirs:
            if target.parent.is_file() or target.parent.is_symlink():
                target.parent.unlink()
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(target.parent)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(staging / rel, target)
    if not (out_dir / MARKER).is_file():
        os.replace(staging / MARKER, out_dir / MARKER)
    shutil.rmtree(staging, ignore_errors=True)
    if stale is None:
        return _remove_stale(out_dir, keep)
    for rel in stale:
        path = out_dir / rel
        try:
            path.unlink()
        except OSError:
            continue
        for parent in path.parents:
            if parent == out_dir:
                break
            try:
                parent.rmdir()
            except OSError:
                break
    return len(stale)


def _remove_stale(out_dir: Path, keep: dict[str, str]) -> int:
    removed = 0
    for folder, dirs, files in os.walk(out_dir, topdown=False):
        rel_folder = os.path.relpath(folder, out_dir)
        for name in files:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            if rel not in keep and rel != MARKER:
                os.unlink(os.path.join(folder, name))
                removed += 1
        for name in dirs:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                os.unlink(path)
            elif not os.listdir(path):
                os.rmdir(path)
    return removed
