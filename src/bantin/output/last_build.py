"""The record of the last build into an output folder: a build whose inputs are all as they were
answers from it, without parsing, planning or rendering anything.

A build is a pure function of its inputs, so its result is memoized like any other step: by a hash
of all of them (`inputs_key`): bantin's version and its own code files (their sizes and times, so a
changed bantin never answers from an old record), the versions of the libraries that shape the
output (Markdown, nh3, Jinja, Pillow, Pagefind, ...), the options, the configuration, the bytes of
every article, template and static file, and the size and time of every other file of the content
(photos: what the parse memo checks them by), plus the build clock when it is fixed
(`SOURCE_DATE_EPOCH`). The record holds that key, the report of that build, the moment from which
the same inputs would give other output (`until`: a scheduled article comes out, an article leaves
the news sitemap's window; see `build.next_change`), and a hash of the manifest the writer saved.

The record is used only when the published folder is still what that build left: its marker is
there, the manifest is the one recorded, and every file the manifest lists still has its size and
time (one `stat` each, as a warm build's writer checks them). Anything else, and the build runs in
full. The record is written last, after the manifest: a build killed before that leaves an older
record whose manifest hash no longer matches.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import __version__
from ..config import CONFIG_FILE, SiteConfig
from ..inputs import Inputs
from .swap import MARKER
from .writer import OutputMemo

RECORD_VERSION = 1
LIBRARIES = frozenset({"markdown", "nh3", "jinja2", "markupsafe", "pillow", "pillow-heif", "pagefind-bin", "brotli",
                       "pyyaml",
                       "pypdf", "lxml", "imageio-ffmpeg"})   # documents and video (issue 28): a document's bytes, a poster
_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class BuildRecord:
    key: str
    until: datetime | None          # None: the output never changes with the clock alone
    manifest: str                   # blake2b of the manifest file's bytes
    report: object                  # the build's `BuildReport`


def record_path_for(manifest_path: Path) -> Path:
    """Beside the manifest of the same output folder: `outputs-<tag>.json` -> `build-<tag>.pickle`."""
    return manifest_path.with_name(manifest_path.name.replace("outputs-", "build-", 1)).with_suffix(".pickle")


def inputs_key(config: SiteConfig, inputs: Inputs, options: Iterable[object]) -> str:
    """A hash of everything a build reads (see the module's docstring); `options`: the build's
    settings that shape its output (drafts, future, strict, base URL, output folder, fixed clock)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((RECORD_VERSION, __version__, _code_stamps(), _library_versions(), repr(config),
                        tuple(options))).encode())
    site = str(config.site_dir)
    texts = [CONFIG_FILE, *inputs.articles]
    files = [f"{site}/{path}" for path in texts] + [str(path) for _, path in inputs.templates] + \
        [str(path) for path in inputs.static.values()]
    names = texts + [name for name, _ in inputs.templates] + list(inputs.static)
    for name, path in zip(names, files):
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            with open(path, "rb") as handle:
                digest.update(handle.read())
        except OSError as exc:
            digest.update(f"\0unreadable {exc.errno}".encode())
        digest.update(b"\0")
    for rel in inputs.content_files:
        try:
            status = os.stat(f"{site}/{rel}")
            stamp = (status.st_size, status.st_mtime_ns)
        except OSError:
            stamp = (-1, -1)
        digest.update(f"{rel}\0{stamp}\0".encode("utf-8", "surrogateescape"))
    digest.update(repr(inputs.problems).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _library_versions() -> tuple:
    """The installed versions of the libraries whose output ends up in the site (an upgrade may
    change it): the names of their `.dist-info` folders on the module path, one listing per folder
    (`importlib.metadata` took 0.15 s for the same)."""
    found = []
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found += sorted(name for name in names if name.endswith(".dist-info")
                        and name.split("-", 1)[0].lower().replace("_", "-") in LIBRARIES)
    return tuple(found)


def _code_stamps() -> tuple:
    """Size and modification time of each of bantin's own Python files."""
    stamps = []
    for folder, _dirs, names in os.walk(_PACKAGE):
        for name in names:
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                stamps.append((os.path.relpath(os.path.join(folder, name), _PACKAGE), status.st_size,
                               status.st_mtime_ns))
    return tuple(sorted(stamps))


def recall_build(record_path: Path, manifest_path: Path, out_dir: Path, key: str, now: datetime) -> object | None:
    """The report of the last build when it had the same inputs, its output would not have changed by
    `now`, and the published folder is still exactly what it wrote; otherwise None."""
    record = _read(record_path)
    if record is None or record.key != key or (record.until is not None and now >= record.until):
        return None
    try:
        manifest = manifest_path.read_bytes()
    except OSError:
        return None
    if hashlib.blake2b(manifest, digest_size=20).hexdigest() != record.manifest or not (out_dir / MARKER).is_file():
        return None
    published = OutputMemo(out_dir, manifest_path)
    return record.report if published.entries and all(published.intact(path, entry) for path, entry in
                                                      published.entries.items()) else None


def remember_build(record_path: Path, manifest_path: Path, key: str, until: datetime | None, report: object) -> None:
    """Write the record of a build that just succeeded (after the writer saved its manifest)."""
    try:
        manifest = manifest_path.read_bytes()
        data = pickle.dumps(BuildRecord(key, until, hashlib.blake2b(manifest, digest_size=20).hexdigest(), report),
                            protocol=pickle.HIGHEST_PROTOCOL)
        tmp = record_path.with_suffix(f".tmp-{os.getpid()}")
        tmp.write_bytes(hashlib.blake2b(data, digest_size=16).digest() + data)
        os.replace(tmp, record_path)
    except (OSError, pickle.PicklingError):
        forget_build(record_path)


def forget_build(record_path: Path) -> None:
    try:
        record_path.unlink()
    except OSError:
        pass


def _read(record_path: Path) -> BuildRecord | None:
    try:
        data = record_path.read_bytes()
    except OSError:
        return None
    if hashlib.blake2b(data[16:], digest_size=16).digest() != data[:16]:
        return None
    try:
        record = pickle.loads(data[16:])
    except Exception:  # noqa: BLE001 - a damaged or outdated record is no record
        return None
    return record if isinstance(record, BuildRecord) else None
