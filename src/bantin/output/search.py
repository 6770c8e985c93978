"""The search index: every published article -> Pagefind's index files, one index per year under
`/pagefind/<year>/`, as `Output`s.

The only module that uses Pagefind. The index is made from the articles themselves (title, summary,
body text, photo captions and alt text), one custom record each, not from the rendered pages: menus,
sidebars, lists and footers can never leak into it, theme changes cannot change it, and a build that
keeps most pages as they were does not have to read them back. Section, year and author are filters,
the date is the sort key `date`, and the result card's fields travel as metadata.

Vietnamese: Pagefind folds tone and vowel marks ("cong an" finds "Công an") but keeps `đ` apart from
`d`, so every word with `đ`/`Đ` is also indexed folded ("Đồng" also as "dong"), after a separator
(`FOLD_MARK`) the search page cuts off before it shows an excerpt. The page folds the query with the
same rule (`vi.fold`), so a query with or without marks finds the same articles.

Invariants:
- The same articles give byte-identical files. Pagefind 1.5 writes filter values and filter names in
  hash-map order, which changes from run to run, so the filter files and the metadata file are put
  in a canonical order here (`canonical_files`) and renamed after their new contents.
- Each year's index is keyed by its articles' digests and URLs: when they are unchanged and the files
  the last build wrote are intact, the same paths come out with `data=None` and nothing is indexed or
  written. Pagefind cannot update an index, so one index per year keeps an edit's cost (and
  Pagefind's memory, about 0.3 GiB per 1 000 articles) to one year; the search page merges them
  (Pagefind's `mergeIndex`) and loads only the chosen year's when a year is picked.
- Pagefind is driven through its `--service` protocol directly (its Python wrapper polls every 0.1 s
  per message, which made 1 000 records take minutes, and refuses answers over 2 MiB).
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import html
import json
import os
import re
import subprocess
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path

from pagefind.service import get_executable

from .. import __version__
from ..config import CONFIG_FILE, SiteConfig
from ..core import urls, vi
from ..core.errors import BuildFailed, Problem, error, warning
from ..core.models import Article, Site
from ..core.outputs import IsCurrent, Output, fingerprint, never_current

FOLD_MARK = "\u2063"            # INVISIBLE SEPARATOR: the folded words come after it
LANGUAGE = "vi"
SCHEMA = 1                      # bump when the records change shape
MEMO_NAME = "search-files.json"   # in the cache folder: the files of the last indexes made
MEMO_KEYS = 256                 # years of the last builds (build and serve share the cache folder)
_SIGNATURE = b"pagefind_dcd"
# The files the search page needs: the Pagefind UI bundles are left out (bantin has its own script).
_KEPT = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.")
_KEPT_DIRS = ("index/", "fragment/", "filter/")


class SearchUnavailable(Exception):
    """Pagefind's binary is missing or cannot run on this machine."""


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """One article as Pagefind sees it."""

    url: str
    content: str
    meta: Mapping[str, str]
    filters: Mapping[str, tuple[str, ...]]
    sort: Mapping[str, str]


def check_search(config: SiteConfig) -> list[Problem]:
    """A warning (one line, suggesting `search: false`) when search is on and Pagefind cannot run."""
    if not config.search:
        return []
    try:
        _probe(str(get_executable() or ""))
    except SearchUnavailable as exc:
        return [warning(CONFIG_FILE, None, "search.unavailable", detail=str(exc))]
    return []


@functools.lru_cache(maxsize=4)
def _probe(executable: str) -> None:
    if not executable:
        raise SearchUnavailable("pagefind_bin")
    try:
        done = subprocess.run([executable, "--version"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SearchUnavailable(f"{executable}: {exc.strerror or exc}" if isinstance(exc, OSError)
                                else str(exc)) from None
    if done.returncode != 0:
        raise SearchUnavailable(f"{executable}: exit {done.returncode}")


Indexer = Callable[[str, Callable[[], list["SearchRecord"]]], "dict[str, bytes] | None"]
"""(index key, the records) -> the index files, or None while they are being made elsewhere
(`bantin serve` indexes on a thread so that a save reloads its page at once)."""


def index_now(key: str, records: Callable[[], list[SearchRecord]]) -> dict[str, bytes]:
    """Index during the build. Pagefind ran for `check_search` but failed here: an error, with the
    same advice (the site cannot be published with a search page and half an index)."""
    try:
        return build_index(records())
    except SearchUnavailable as exc:
        raise BuildFailed([error(CONFIG_FILE, None, "search.unavailable", detail=str(exc))]) from None


def render_search_index(site: Site, config: SiteConfig, is_current: IsCurrent = never_current,
                        published_size: Callable[[str], int | None] = lambda path: None,
                        memo_dir: Path | None = None, indexer: Indexer | None = None,
                        workers: int = 1) -> Iterator[Output]:
    """One Pagefind index per year under `pagefind/<year>/` (the years of the archive, newest first),
    each keyed by its articles' digests; nothing when search is off or Pagefind cannot run
    (`check_search` has already said so).

    A year whose articles are unchanged and whose files are intact: the same paths with `data=None`,
    nothing indexed, so an edit re-indexes one year. Without an `indexer` the years to index are
    indexed now, `workers` of them at once (one Pagefind process each: a Pagefind service indexes
    on one core, and its memory, about 0.3 GiB per 1 000 articles, is one year's). An `indexer`
    that answers None (still indexing) keeps the files of that year the last build published, if any."""
    if not config.search or check_search(config):
        return
    memo = memo_dir / MEMO_NAME if memo_dir else None
    remembered = _remembered(memo)
    made: dict[str, list[str]] = {}
    years = []
    for year, articles in search_shards(site):
        key = fingerprint(__version__, SCHEMA, _pagefind_version(), year,
                          [(a.url, a.digest, a.path) for a in articles])
        kept = remembered.get(key)
        years.append((urls.search_index(year), key, articles,
                      kept if kept and all(is_current(path, key) for path in kept) else None))
    indexes = indexer or _Pool([(key, articles) for _, key, articles, kept in years if kept is None], workers).files
    for prefix, key, articles, kept in years:
        if kept:
            yield from (Output(path, None, prefix, key) for path in kept)
            continue
        files = indexes(key, functools.partial(_records, articles))
        if files is None:
            last = next((paths for paths in reversed(remembered.values())
                         if paths and paths[0].startswith(prefix + "/")
                         and all(published_size(path) is not None for path in paths)), [])
            yield from (Output(path, None, prefix, "") for path in last)
            continue
        paths = sorted(f"{prefix}/{name}" for name in files)
        made[key] = paths
        for path in paths:
            yield Output(path, files[path[len(prefix) + 1:]], prefix, key)
    if made:
        _remember(memo, remembered, made)


class _Pool:
    """The year indexes a build makes, started at once on up to `workers` threads (each waits on its
    own Pagefind process), handed out in the build's order."""

    def __init__(self, years: list[tuple[str, tuple[Article, ...]]], workers: int):
        self.futures = {}
        if len(years) > 1 and workers > 1:
            from concurrent.futures import ThreadPoolExecutor

            pool = ThreadPoolExecutor(max_workers=min(workers, len(years)), thread_name_prefix="pagefind")
            self.futures = {key: pool.submit(index_now, key, functools.partial(_records, articles))
                            for key, articles in years}
            pool.shutdown(wait=False)

    def files(self, key: str, records: Callable[[], list[SearchRecord]]) -> dict[str, bytes]:
        future = self.futures.pop(key, None)
        return future.result() if future is not None else index_now(key, records)


def search_shards(site: Site) -> list[tuple[str, tuple[Article, ...]]]:
    """The articles by year of their date (as written, like the archive), newest year first."""
    years: dict[str, list[Article]] = {}
    for article in site.articles:
        years.setdefault(f"{article.date.year:04d}", []).append(article)
    return [(year, tuple(years[year])) for year in sorted(years, reverse=True)]


def _records(articles: tuple[Article, ...]) -> list[SearchRecord]:
    return [search_record(article) for article in articles]


def _remembered(memo: Path | None) -> dict[str, list[str]]:
    """The file lists of the last few indexes made (by key, oldest first): `bantin build` and
    `bantin serve` (drafts included) share the cache folder but not their indexes."""
    try:
        data = json.loads(memo.read_text(encoding="utf-8")) if memo else {}
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items()
            if isinstance(v, list) and all(isinstance(p, str) and p.startswith(urls.SEARCH_INDEX_DIR + "/") for p in v)}


def _remember(memo: Path | None, remembered: dict[str, list[str]], made: dict[str, list[str]]) -> None:
    if memo is None:
        return
    remembered = {k: v for k, v in remembered.items() if k not in made} | made
    remembered = dict(list(remembered.items())[-MEMO_KEYS:])
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo.with_suffix(".tmp")
        tmp.write_text(json.dumps(remembered), encoding="utf-8")
        os.replace(tmp, memo)
    except OSError:
        pass


# --- records ---------------------------------------------------------------------------------


_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_ALT = re.compile(r"""<img\b[^>]*?\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def text_of(html_text: str) -> str:
    """The visible text of an HTML fragment (the sanitized body), with images' alt text; blocks
    separated by spaces. A regular expression, not a parser: 50 times faster on a large archive,
    and the body has been through the sanitizer (tags are well formed, no comments)."""
    html_text = _HIDDEN.sub(" ", html_text)
    html_text = _ALT.sub(lambda m: f" {m.group(1) or m.group(2) or ''} {m.group(0)}", html_text)
    return " ".join(html.unescape(_TAG.sub(" ", html_text)).split())


_WORD = re.compile(r"\w+")


def folded_words(text: str) -> str:
    """The words of `text` with `đ`/`Đ`, folded (`vi.fold`), each once, in the order they first
    appear: what Pagefind cannot fold itself. Each word is folded once however often it occurs."""
    words = dict.fromkeys(word for word in _WORD.findall(text) if "đ" in word or "Đ" in word)
    return " ".join(dict.fromkeys(vi.fold(word) for word in words))


def search_record(article: Article) -> SearchRecord:
    """Title, summary, body text, captions (of photos and videos) and documents' titles, then the folded
    copy; card fields as metadata."""
    body = text_of(article.body_html)
    shown = [part for f in article.figures for part in (f.caption, f.alt)] + \
        [item.title for item in article.attachments] + [video.caption for video in article.videos]   # issue 28
    captions = " ".join(dict.fromkeys(part for part in shown if part and part not in body))
    readable = " ".join(part for part in (article.title, article.summary, body, captions) if part)
    folded = folded_words(readable)
    content = f"{readable} {FOLD_MARK} {folded}" if folded else readable
    meta = {"title": article.title, "date": vi.format_date(article.date)}   # as on the article's page
    filters: dict[str, tuple[str, ...]] = {"year": (f"{article.date.year:04d}",)}
    if article.section:
        meta["section"] = article.section.name
        filters["section"] = (article.section.name,)
    if article.authors:
        filters["author"] = tuple(author.name for author in article.authors)
    return SearchRecord(article.url, content, meta, filters,
                        {"date": article.date.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")})


# --- Pagefind ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _pagefind_version() -> str:
    try:
        from importlib.metadata import version
        return version("pagefind_bin")
    except Exception:  # noqa: BLE001 - only part of a memo key
        return "?"


def build_index(records: list[SearchRecord]) -> dict[str, bytes]:
    """Pagefind's files for `records` (paths relative to `pagefind/`), canonical and deterministic."""
    executable = get_executable()
    if executable is None:
        raise SearchUnavailable("pagefind_bin")
    with _Service(str(executable)) as service:
        index = service.call({"type": "NewIndex", "config": {"force_language": LANGUAGE}})["index_id"]
        service.call_many([{"type": "AddRecord", "index_id": index, "url": r.url, "content": r.content,
                            "language": LANGUAGE, "meta": dict(r.meta),
                            "filters": {k: list(v) for k, v in r.filters.items()}, "sort": dict(r.sort)}
                           for r in records])
        files = service.call({"type": "GetFiles", "index_id": index})["files"]
    decoded = {f["path"]: base64.b64decode(f["content"]) for f in files}
    kept = {path: data for path, data in decoded.items()
            if path.startswith(_KEPT) or path.startswith(_KEPT_DIRS) or path.endswith(".pf_meta")}
    return canonical_files(kept)


class _Service:
    """`pagefind --service`: base64 JSON messages separated by commas on stdin and stdout."""

    def __init__(self, executable: str):
        try:
            self.process = subprocess.Popen([executable, "--service"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise SearchUnavailable(f"{executable}: {exc.strerror or exc}") from None
        self.next_id = 0
        self.parts: list[bytes] = []             # the start of an answer not complete yet
        self.messages: deque[bytes] = deque()   # complete answers not read yet

    def __enter__(self) -> _Service:
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _encode(self, payload: dict) -> bytes:
        self.next_id += 1
        return base64.b64encode(json.dumps({"message_id": self.next_id, "payload": payload}).encode("utf-8")) + b","

    def _read(self) -> dict:
        while not self.messages:
            chunk = self.process.stdout.read1(1 << 20)
            if not chunk:
                raise SearchUnavailable("pagefind --service stopped")
            if b"," not in chunk:               # a large answer (the files) comes in many pieces
                self.parts.append(chunk)
                continue
            *complete, rest = (b"".join(self.parts) + chunk).split(b",")
            self.parts = [rest]
            self.messages.extend(complete)
        payload = json.loads(base64.b64decode(self.messages.popleft()))["payload"]
        if payload.get("type") == "Error":
            raise SearchUnavailable(f"pagefind: {payload.get('message')}")
        return payload

    def call(self, payload: dict) -> dict:
        self.process.stdin.write(self._encode(payload))
        self.process.stdin.flush()
        return self._read()

    def call_many(self, payloads: list[dict]) -> None:
        """Send every message from a thread while reading the answers (no pipe can fill up), and wait
        for all of them: the service answers out of order and must have every record before `GetFiles`."""
        data = b"".join(self._encode(p) for p in payloads)
        failed: list[BaseException] = []

        def send() -> None:
            try:
                self.process.stdin.write(data)
                self.process.stdin.flush()
            except OSError as exc:
                failed.append(exc)
        writer = threading.Thread(target=send, daemon=True)
        writer.start()
        try:
            for _ in payloads:
                self._read()
        finally:
            writer.join()
        if failed:
            raise SearchUnavailable(f"pagefind: {failed[0]}")


# --- canonical order -------------------------------------------------------------------------


def canonical_files(files: dict[str, bytes]) -> dict[str, bytes]:
    """Sort what Pagefind writes in hash-map order, and rename the files whose bytes changed.

    Filter files are `[name, [[value, [page, ...]], ...]]`: values sorted. The metadata file is
    `[version, pages, index chunks, [[filter, file hash], ...], [[sort, [page, ...]], ...], meta keys]`:
    filters and sorts sorted by name, filter hashes replaced by the new ones.
    """
    out = dict(files)
    renamed: dict[str, str] = {}
    for path in sorted(p for p in files if p.startswith("filter/") and p.endswith(".pf_filter")):
        name, values = _unpack(files[path])
        data = _pack([name, sorted(values, key=lambda v: v[0])])
        old = path[len("filter/"):-len(".pf_filter")]
        new = f"{LANGUAGE}_{_hash(data)[:7]}"
        renamed[old] = new
        del out[path]
        out[f"filter/{new}.pf_filter"] = data
    metas = [p for p in files if p.startswith("pagefind.") and p.endswith(".pf_meta")]
    for path in metas:
        meta = _unpack(files[path])
        meta[3] = sorted([[name, renamed.get(h, h)] for name, h in meta[3]])
        meta[4] = sorted(meta[4], key=lambda s: s[0])
        data = _pack(meta)
        old = path[len("pagefind."):-len(".pf_meta")]
        new = f"{LANGUAGE}_{_hash(data)[:10]}"
        del out[path]
        out[f"pagefind.{new}.pf_meta"] = data
        entry = json.loads(out["pagefind-entry.json"])
        for language in entry.get("languages", {}).values():
            if language.get("hash") == old:
                language["hash"] = new
        out["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return out


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unpack(data: bytes):
    raw = gzip.decompress(data)
    if not raw.startswith(_SIGNATURE):
        raise SearchUnavailable("pagefind: unexpected file format")
    value, end = _cbor_decode(raw, len(_SIGNATURE))
    if end != len(raw):
        raise SearchUnavailable("pagefind: unexpected file format")
    return value


def _pack(value) -> bytes:
    return gzip.compress(_SIGNATURE + _cbor_encode(value), compresslevel=9, mtime=0)


def _cbor_decode(b: bytes, i: int):
    """The subset of CBOR Pagefind writes: integers, strings, bytes, arrays (maps kept as pairs)."""
    head = b[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n = int.from_bytes(b[i:i + size], "big")
        i += size
    else:
        raise SearchUnavailable("pagefind: unexpected file format")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major == 2:
        return bytes(b[i:i + n]), i + n
    if major == 3:
        return b[i:i + n].decode("utf-8"), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _cbor_decode(b, i)
            items.append(item)
        return items, i
    if major == 5:
        pairs = []
        for _ in range(n):
            k, i = _cbor_decode(b, i)
            v, i = _cbor_decode(b, i)
            pairs.append((k, v))
        return _CborMap(pairs), i
    if major == 7:
        return _CborSimple(n), i
    raise SearchUnavailable("pagefind: unexpected file format")


class _CborMap(list):
    pass


class _CborSimple(int):
    pass


def _cbor_head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError(n)


def _cbor_encode(value) -> bytes:
    if isinstance(value, _CborSimple):
        return _cbor_head(7, int(value))
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _cbor_head(3, len(data)) + data
    if isinstance(value, _CborMap):
        return _cbor_head(5, len(value)) + b"".join(_cbor_encode(k) + _cbor_encode(v) for k, v in value)
    if isinstance(value, (list, tuple)):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(item) for item in value)
    raise ValueError(type(value))


