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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Protocol

from .. import __version__
from ..config import ParseSettings
from ..core.errors import Problem
from ..core.models import Article, ArticleCard, Attachment, Award, Figure, Photo, Term, Track, Variant, Video
from ..inputs import Stamp

CACHE_DIR = ".bantin-cache"
DB_NAME = "articles.sqlite"
MEANING = 10    # bump only when parsing changes what it makes without any type changing shape
                # (6: slugs are no longer cut at 80 characters; category hints name the section;
                #  7: aliases: and source_url:; 8: parsing refuses control characters and
                #  out-of-range dates it used to accept; 9: bodies past the counts of formatting
                #  characters are refused, a link text past 32 brackets is text; 10: attachments:
                #  and videos:, issue 28)

Dependency = tuple[str, int, int]   # site-relative path, size, mtime_ns (-1, -1 when missing)


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What parsing one file gave: the article (or None), its problems, and the other files it read.
    When no article could be made, `links` are the body's hrefs, so `check` still checks them."""

    article: Article | None
    problems: tuple[Problem, ...]
    deps: tuple[Dependency, ...] = ()
    links: tuple[str, ...] = ()


def _shape(*types: type) -> tuple:
    return tuple((t.__name__, tuple((f.name, str(f.type)) for f in fields(t))) for t in types)


# What a cached result looks like: any field added, removed, renamed or retyped makes old entries misses.
SCHEMA = hashlib.sha256(repr((MEANING, _shape(ParseResult, Article, ArticleCard, Figure, Photo, Variant, Award,
                                              Term, Problem, Attachment, Video, Track))).encode("utf-8")).hexdigest()[:16]


def parse_salt(settings: ParseSettings) -> bytes:
    """Everything besides the file itself that changes what parsing produces: the settings the parser
    receives (it receives nothing else), the shape of its results and bantin's version."""
    return hashlib.sha256(repr((SCHEMA, __version__, settings)).encode("utf-8")).digest()


def card_digest(card: ArticleCard) -> str:
    """A hash of everything a list showing the card can show."""
    values = tuple(getattr(card, f.name) for f in fields(card) if f.name != "digest")
    return hashlib.blake2b(repr(values).encode("utf-8"), digest_size=16).hexdigest()


def source_key(data: bytes, path: str, salt: bytes) -> str:
    return hashlib.sha256(salt + path.encode("utf-8") + b"\0" + data).hexdigest()


def stat_dependency(site_dir: Path, rel: str) -> Dependency:
    try:
        st = os.stat(f"{site_dir}/{rel}")
    except OSError:
        return (rel, -1, -1)
    return (rel, st.st_size, st.st_mtime_ns)


def result_digest(key: str, deps: Iterable[Dependency]) -> str:
    return hashlib.sha256((key + repr(tuple(deps))).encode("utf-8")).hexdigest()[:32]




class ParseMemo(Protocol):
    """Where parse results are remembered: the sqlite file, or memory in front of it."""

    misses: int

    def recall(self, path: str, salt: bytes) -> ParseResult | None:
        """The result for the file at `path` without reading it: only when the caller's stamps show
        that neither the file nor anything it read changed since it was parsed with `salt`."""

    def note(self, path: str, key: str, salt: bytes) -> None:
        """The file at `path` has the content key `key` (so `recall` can answer for it next time)."""

    def get(self, key: str) -> ParseResult | None: ...

    def put_many(self, items: Iterable[tuple[str, ParseResult]]) -> None: ...


class MemoryMemo:
    """Parse results kept in memory between builds (the preview server keeps one while it runs), in
    front of the sqlite memo. A result is used only while the files it read are unchanged."""

    def __init__(self, site_dir: Path, backing: "ParseCache | None" = None):
        self.site_dir = site_dir
        self.backing = backing
        self.entries: dict[str, ParseResult] = {}
        self.used: set[str] = set()
        self.misses = 0
        self.stamps: Mapping[str, Stamp] | None = None   # the watcher's view of the site, when it has one
        self.seen: dict[str, tuple[Stamp, bytes, str]] = {}  # path -> (its stamp, the salt, its key) when read
        self._hits: dict[str, tuple[bytes, str, ParseResult]] = {}        # path -> recalled, this round
        self._last_hits: dict[str, tuple[bytes, str, ParseResult]] = {}   # ... and the round before
        self._readers: dict[str, set[str]] = {}       # a file -> the articles recalled that read it
        self._affected: set[str] | None = None        # what may have changed since the round before

    def use_stamps(self, stamps: Mapping[str, Stamp], changed: Iterable[str] | None = None) -> None:
        """The watcher's stamps of every input, taken after the last change: files whose stamp is
        unchanged since they were read are not read again. `changed`: the files whose stamps differ
        from the last call's. Then an article recalled then is recalled again without looking at
        its stamps when neither it nor a file it read is among them: one look-up, not a check of
        every article's files (bench/RESULTS.md, "Measurements behind the rules")."""
        self._last_hits, self._hits = self._hits, {}
        if changed is None or self.stamps is None:
            self._affected = None
        else:
            dirty = set(changed)
            self._affected = dirty.union(*[self._readers.get(path, ()) for path in dirty])
        self.stamps = stamps

    def recall(self, path: str, salt: bytes) -> ParseResult | None:
        if self._affected is not None and path not in self._affected:
            hit = self._last_hits.get(path)
            if hit is not None and hit[0] == salt:
                self.used.add(hit[1])
                self._hits[path] = hit
                return hit[2]
        seen = self.seen.get(path) if self.stamps is not None else None
        if seen is None:
            return None
        stamp, seen_salt, key = seen
        result = self.entries.get(key)
        if result is None or stamp != self.stamps.get(path) or seen_salt != salt or not self._unchanged(result.deps):
            return None
        self.used.add(key)
        self._hits[path] = (salt, key, result)
        for rel, _, _ in result.deps:
            self._readers.setdefault(rel, set()).add(path)
        return result

    def note(self, path: str, key: str, salt: bytes) -> None:
        if self.stamps is not None and path in self.stamps:
            self.seen[path] = (self.stamps[path], salt, key)

    def _unchanged(self, deps: Iterable[Dependency]) -> bool:
        if self.stamps is None:
            return all(stat_dependency(self.site_dir, dep[0]) == dep for dep in deps)
        stamps = self.stamps
        for rel, size, mtime_ns in deps:        # called for every article on every save: no tuples made
            stamp = stamps.get(rel)
            if stamp is None:
                if size != -1:
                    return False
            elif stamp[1] != size or stamp[0] != mtime_ns:
                return False
        return True

    def get(self, key: str) -> ParseResult | None:
        self.used.add(key)
        result = self.entries.get(key)
        if result is not None and self._unchanged(result.deps):
            return result
        result = self.backing.get(key) if self.backing else None
        if result is None:
            self.misses += 1
        else:
            self.entries[key] = result
        return result

    def put_many(self, items: Iterable[tuple[str, ParseResult]]) -> None:
        items = list(items)
        self.entries.update(items)
        self.used.update(key for key, _ in items)
        if self.backing:
            self.backing.put_many(items)

    def prune(self) -> None:
        """After a build: drop the results no file asked for (deleted or edited articles), so memory
        holds one result per article however long the server runs."""
        self.entries = {key: value for key, value in self.entries.items() if key in self.used}
        before = len(self.seen)
        self.seen = {path: seen for path, seen in self.seen.items() if seen[2] in self.used}
        if len(self.seen) < before:             # articles deleted or renamed: not readers any more
            self._readers = {rel: kept for rel, readers in self._readers.items()
                             if (kept := readers & self.seen.keys())}
        self.used = set()
        self.misses = 0

    def close(self) -> None:
        if self.backing:
            self.backing.used.update(self.entries)
            self.backing.close()


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
                db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
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

    def recall(self, path: str, salt: bytes) -> ParseResult | None:
        return None         # the file's bytes are the key: it must be read

    def note(self, path: str, key: str, salt: bytes) -> None:
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

    def peek(self, key: str) -> ParseResult | None:
        """The cached result for `key`, for a reader that parses nothing (`bantin new`): not counted
        as used, its dependencies not checked."""
        return self._load(key)

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

    def close(self, forget_unused: bool = True) -> None:
        """Forget entries this build did not use (deleted or edited files), then close; a reader that
        only peeked closes with `forget_unused=False`."""
        if self._db is None:
            return
        try:
            total = self._db.execute("SELECT count(*) FROM parsed").fetchone()[0]
            if forget_unused and total > len(self.used):
                self._db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
                self._db.execute("DELETE FROM parsed WHERE key NOT IN (SELECT key FROM used)")
            self._db.close()
        except sqlite3.DatabaseError:
            pass
        self._db = None
