"""The persistent memo of the parse step: `.bantin-cache/`, safe to delete, never trusted blindly.

An entry is keyed by a hash of the article's bytes, the settings that shape parsing and the bantin
version; it also lists the files the article read besides its own (its photos, with size and mtime),
which are checked on every use. Every entry carries a checksum of its payload: a corrupted database
or entry is a miss (and a corrupted database is rebuilt), never an answer.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .config import SiteConfig
from .errors import Problem
from .models import Article

CACHE_DIR = ".bantin-cache"
DB_NAME = "articles.sqlite"
SCHEMA = 5

Dependency = tuple[str, int, int]   # site-relative path, size, mtime_ns (-1, -1 when missing)


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What parsing one file gave: the article (or None), its problems, and the other files it read."""

    article: Article | None
    problems: tuple[Problem, ...]
    deps: tuple[Dependency, ...] = ()


def parse_salt(config: SiteConfig) -> bytes:
    """Everything besides the file itself that changes what parsing produces."""
    fields = (SCHEMA, __version__, config.timezone, config.source, config.author, config.sections,
              config.permalink, config.allow_raw_html)
    return hashlib.sha256(repr(fields).encode("utf-8")).digest()


def source_key(data: bytes, path: str, salt: bytes) -> str:
    return hashlib.sha256(salt + path.encode("utf-8") + b"\0" + data).hexdigest()


def stat_dependency(site_dir: Path, rel: str) -> Dependency:
    try:
        st = os.stat(site_dir / rel)
    except OSError:
        return (rel, -1, -1)
    return (rel, st.st_size, st.st_mtime_ns)


def result_digest(key: str, deps: Iterable[Dependency]) -> str:
    return hashlib.sha256((key + repr(tuple(deps))).encode("utf-8")).hexdigest()[:32]


class ParseCache:
    """A sqlite table of pickled `ParseResult`s. Unusable (read-only disk, corruption): it just misses."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.path = site_dir / CACHE_DIR / DB_NAME
        self.used: set[str] = set()
        self.hits = self.misses = 0
        self._db = self._open()

    def _open(self) -> sqlite3.Connection | None:
        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                gitignore = self.path.parent / ".gitignore"
                if not gitignore.exists():
                    gitignore.write_text("*\n", encoding="utf-8")
                db = sqlite3.connect(self.path, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=OFF")
                db.execute("CREATE TABLE IF NOT EXISTS parsed (key TEXT PRIMARY KEY, sum BLOB, value BLOB)")
                db.execute("SELECT count(*) FROM parsed").fetchone()
                return db
            except sqlite3.DatabaseError:
                if attempt == 0:
                    self._remove()   # corrupted: start over
            except OSError:
                return None
        return None

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except OSError:
                pass

    def get(self, key: str) -> ParseResult | None:
        """The cached result for `key` when its payload is intact and its dependencies unchanged."""
        self.used.add(key)
        result = self._load(key)
        if result is None or any(stat_dependency(self.site_dir, dep[0]) != dep for dep in result.deps):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def _load(self, key: str) -> ParseResult | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT sum, value FROM parsed WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None or hashlib.blake2b(row[1], digest_size=16).digest() != row[0]:
            return None
        try:
            result = pickle.loads(row[1])
        except Exception:  # noqa: BLE001 - any damage to an entry is a miss
            return None
        return result if isinstance(result, ParseResult) else None

    def put_many(self, items: Iterable[tuple[str, ParseResult]]) -> None:
        if self._db is None:
            return
        rows = []
        for key, result in items:
            self.used.add(key)
            blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            rows.append((key, hashlib.blake2b(blob, digest_size=16).digest(), blob))
        try:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError:
            self._db = None

    def close(self) -> None:
        """Forget entries this build did not use (deleted or edited files), then close."""
        if self._db is None:
            return
        try:
            total = self._db.execute("SELECT count(*) FROM parsed").fetchone()[0]
            if total > len(self.used):
                self._db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
                self._db.execute("DELETE FROM parsed WHERE key NOT IN (SELECT key FROM used)")
            self._db.close()
        except sqlite3.DatabaseError:
            pass
        self._db = None
