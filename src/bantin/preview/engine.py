"""The preview's site: kept in memory between saves, its folder brought up to date in place, lazily.

`bantin build` writes a whole new tree beside the old one and swaps it in (`writer.py`): right for
publishing, where the folder must be the whole old or the whole new site at every instant. The
preview folder is private to one server and read only through it, so `Preview` keeps it current in
place instead, one file at a time (each written under a temporary name and renamed over the old one),
and spends the time a save waits for only on what the browser is about to show:

- `update()` loads the site again (the parse memo is in memory: only the files whose bytes changed
  are read) and writes only the theme's static files. It does not plan the pages (at 5 000 articles
  planning them all and checking their paths takes longer than the rest of a save), nor encode the
  photos of the articles whose photos changed (a new article's three photos took 0.17 s): their
  derivatives are *due*. This is all a save waits for, however many pages it changed (a new article
  changes the latest news on every page). A save that changed nothing the site shows (the same
  articles, theme and settings) keeps the last plan: `Update.changed` is 0.
- The pages are planned a page at a time (`pages.PagePlanner`), and each page whose key differs from
  the key of the bytes on disk is *stale*. `render_now(path)` plans the page at `path` (an article's
  at once, any other by planning on up to it) and renders it if it is stale: the server calls it for
  each page a browser asks for, so a page is never shown stale. Asked for a due derivative, it
  encodes that one alone (the thumbnail a reloaded page shows: 3 ms).
- `work(seconds)` plans the rest, then checks every output path (`build.find_output_problems`) and
  deletes the pages the site no longer has (`take_planned()` then tells what the save changed),
  renders the stale pages, encodes and writes the due photos an article at a time, produces every
  other file (search index, feeds, honors roll data, sitemaps, robots.txt) through the same
  functions `bantin build` uses, a slice at a time between
  requests, and last deletes every file the site no longer produces. When it answers True the folder
  is byte for byte what `bantin build` makes from the same files and options.

Nothing here raises but `BuildFailed` (content, template and output problems, with their place) and
`UsageError` (the folder can not be written): the caller shows them and keeps the last good state.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
import time
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

from ..build import BuildOptions, Loaded, Theme, find_output_problems, load, load_checked_theme, render_site_files
from ..config import SiteConfig
from ..core.errors import BuildFailed, Problem, UsageError, error
from ..core.models import Article, Listing, Pager, Photo, same_objects
from ..core.outputs import Output, fingerprint
from ..inputs import Inputs
from ..output.assets import publish_photos, publish_static
from ..output.derivatives import (
    DerivativeFiles,
    derivative_key,
    is_derivative_key,
    memo_dir,
    produce_photos,
    prune_photo_memo,
)
from ..output.precompress import precompress
from ..output.render import render_page, render_pages
from ..output.writer import MARKER, MARKER_TEXT, check_output_dir, describe_os_error, safe_output_path
from ..site.awards import HonorsMemo
from ..site.collect import ListingMemo
from ..site.pages import Page, PagePlanner

BULK_MIN = 64            # this many stale pages or more at once: `finish` renders them on workers
PLAN_STEP = 128          # pages planned between two looks at the clock


@dataclass(frozen=True, slots=True)
class Update:
    """What one `update()` found."""

    articles: int
    written: int                        # files written at once: the theme's static files
    changed: int | None                 # pages changed: 0 when the site is the same, None while planned
    warnings: tuple[Problem, ...]
    parsed: int


@dataclass(frozen=True, slots=True)
class Planned:
    """A plan made to the end: what the last save changed, page by page."""

    pages: int
    changed: int                        # pages whose key changed (rendered already, or stale)
    removed: int                        # pages the site no longer has, deleted
    page_paths: frozenset[str]


@dataclass(slots=True)
class _Published:
    """A file of the preview folder: the key of the inputs it was made from, its bytes' hash, its size."""

    key: str
    digest: str
    size: int


class Preview:
    """The preview folder and what made it; one instance per server, used from one thread."""

    def __init__(self, site_dir: Path, out_dir: Path, options: BuildOptions, memo):
        self.site_dir = site_dir
        self.out_dir = Path(out_dir)
        self.options = options
        self.memo = memo
        self.files: dict[str, _Published] = {}       # what is on disk, by output path
        self.loaded: Loaded | None = None              # `pages` empty until the plan is made to the end
        self.theme: Theme | None = None
        self.pages: dict[str, tuple[Page, str]] = {}   # output path -> (page, key with the theme's), planned so far
        self.stale: dict[str, None] = {}               # output paths of pages to render, in plan order
        self.produced = DerivativeFiles()                     # every photo derivative known this session
        self.photos_of: dict[str, tuple[Photo, ...]] = {}   # article path -> its photos, published or due
        self._due: dict[str, Article] = {}             # article path -> article whose photos are not written yet
        self._due_at: dict[str, tuple[str, Photo]] | None = None   # output path -> (article path, photo), of those
        self._photo_dir: str | None = None             # the memo of derivatives, for a preview without cache
        self._memo_pruned = False                      # `.bantin-cache/photos/` pruned this session
        self._listings = ListingMemo()                 # the site's lists, made again only when their articles change
        self._honors = HonorsMemo()                    # the honors roll, the same
        self._fingerprinted: frozenset[str] = frozenset()   # output paths of the theme's fingerprinted files
        self._planner: PagePlanner | None = None
        self._planning: Iterator[Page] | None = None   # the plan being made, a page at a time
        self._planned: list[Page] = []                 # what `_planning` gave so far, in its order
        self._previous: dict[str, tuple[Page, str]] = {}   # the pages of the plans before, while planning
        self._article_at: dict[str, Article] | None = None  # output path -> article, while planning
        self._list_at: dict[str, tuple[Listing, Pager]] = {}  # output path -> list and its page, the same
        self._changed = 0                              # pages found stale by this plan
        self._done: Planned | None = None              # the last plan made to the end, until taken
        self._failed = False                           # the last plan ended in output problems
        self._pass: Iterator[Output] | None = None     # the other files of this update, being produced
        self._pending = False                          # a pass over the other files is due
        self._seen: dict[str, str] = {}                # output path -> origin, produced by this pass
        self._started = False
        self._keys_theme, self._keys = "", {}          # page key -> key with the theme's (last plan)
        self._keys_next: dict[str, str] = {}           # the same, for the plan being made
        self.written = 0                               # files written since the last `update()`

    # --- what a save waits for ------------------------------------------------------------

    def update(self, config: SiteConfig, options: BuildOptions | None = None, inputs: Inputs | None = None) -> Update:
        """Load the site; write static files; start planning the pages; the changed photos are due.
        `inputs`: the site's files, when the caller knows them (found again otherwise)."""
        options = options or self.options
        if not self._started:
            self._start()
        loaded = load(config, options, self.memo, inputs, plan=False, listings=self._listings, honors=self._honors)
        theme, problems = load_checked_theme(loaded, options, check_outputs=False)   # at the plan's end
        if any(p.is_error for p in problems) or theme is None:
            raise BuildFailed(list(problems))
        warnings = tuple(p for p in problems if not p.is_error)
        if self._same_site(loaded, theme, options):
            self.written = 0
            if self._planning is None:
                self._done = Planned(pages=len(self.pages), changed=0, removed=0, page_paths=frozenset(self.pages))
            return Update(articles=len(loaded.site.articles), written=0, changed=0, warnings=warnings,
                          parsed=loaded.parsed)
        site = loaded.site
        changed = [a for a in site.articles if self.photos_of.get(a.path) is not a.photos]
        self.options = options
        self.loaded, self.theme, self.written = loaded, theme, 0
        before, self._fingerprinted = self._fingerprinted, \
            frozenset(item.output for rel, item in theme.static.items() if item.output != rel)
        self._start_plan(PagePlanner(site, loaded.config, loaded.honors))
        written = self._put_all(publish_static(theme.static))
        for path in before - self._fingerprinted:   # a stylesheet edited: its old name now answers with the
            for sibling in (path, path + ".gz", path + ".br"):   # new file (`serve.current_version`), so
                if sibling in self.files:           # livereload.js, fetching the link again, gets the edit
                    self._delete(sibling)
        due = {article.path: article for article in changed if article.photos}
        if self._due:                           # still due from a save before: this save's articles
            due = {a.path: a for a in site.articles if a.path in self._due} | due
        self._due, self._due_at = due, None
        if len(self.photos_of) == len(site.articles) - len(changed):
            self.photos_of.update((a.path, a.photos) for a in changed)
        else:                                   # articles went: forget theirs
            self.photos_of = {a.path: a.photos for a in site.articles}
        self._pass, self._pending = None, True  # the other files: produced again by `work`
        return Update(articles=len(site.articles), written=written, changed=None, warnings=warnings,
                      parsed=loaded.parsed)

    def _same_site(self, loaded: Loaded, theme: Theme, options: BuildOptions) -> bool:
        """Does `loaded` show exactly what the last update's site shows: the same article objects
        (the parse memo gives the same object for the same bytes), theme, settings and scheduled
        articles? Then every page of the last plan stands."""
        before = self.loaded
        if (before is None or self.theme is None or self._failed or theme.key != self.theme.key
                or options != self.options):
            return False
        return same_objects(before.articles, loaded.articles) and _scheduled(loaded) == _scheduled(before)

    def render_now(self, path: str) -> bool:
        """Render the page at `path` (output path) now if it is stale; True when it was. While the
        pages are being planned, `path` is planned first (when it can be a page: it ends in '.html'
        or was a page of the last plan)."""
        if self.theme is None or self.loaded is None:
            return False
        if self._due and self._write_due_photo(path):
            return True
        if self._planning is not None and path not in self.pages:
            self._plan_to(path)
        if path not in self.stale:
            return False
        page, key = self.pages[path]
        data = render_page(self.theme.env, page, self.loaded.config)
        self._put_page(Output(page.output_path, data, page.origin, key))
        return True

    def take_planned(self) -> Planned | None:
        """The plan made to the end since the last call, once."""
        done, self._done = self._done, None
        return done

    # --- planning -------------------------------------------------------------------------------

    def _start_plan(self, planner: PagePlanner) -> None:
        if self._planning is not None:          # a save in the middle of planning: both plans' pages
            self._previous.update(self.pages)   # may be on disk
        else:
            self._previous = self.pages
        if self._keys_theme != self.theme.key:
            self._keys_theme, self._keys = self.theme.key, {}
        self._planner, self._planning = planner, planner.pages()
        self._planned, self.pages, self.stale = [], {}, {}
        self._article_at, self._changed, self._done, self._keys_next = None, 0, None, {}
        self._failed = False

    def _plan_to(self, path: str) -> None:
        """Plan the page at `path`: an article's or a list's directly, any other by planning on
        until it comes."""
        assert self._planner is not None
        if self._article_at is None:
            site = self._planner.site
            self._article_at = {article.card.output_path: article for article in site.articles}
            self._list_at = {pager.output_path: (listing, pager) for listing in site.listings
                             for pager in listing.pages}
        article = self._article_at.get(path)
        listed = self._list_at.get(path)
        if article is not None:
            self._add(self._planner.article_page(article))
        elif listed is not None:
            self._add(self._planner.listing_page(*listed))
        elif path.endswith(".html") or path in self._previous:
            self._plan(until=path)

    def _plan(self, until: str | None = None, deadline: float | None = None) -> None:
        """Plan on until the page at `until` is planned, the clock passes `deadline`, or the end."""
        assert self._planning is not None
        count = 0
        for page in self._planning:
            self._planned.append(page)
            self._add(page)
            if page.output_path == until:
                return
            count += 1
            if deadline is not None and count % PLAN_STEP == 0 and time.monotonic() >= deadline:
                return
        self._end_plan()

    def _add(self, page: Page) -> None:
        """A page planned: its key joined to the theme's (as `render.render_pages` makes it; the
        joined keys of the last plan are reused while the theme is the same), stale when the file on
        disk was made from another key."""
        planned = page.key
        key = self._keys_next.get(planned) or self._keys.get(planned) or fingerprint(self._keys_theme, planned)
        self._keys_next[planned] = key
        path = page.output_path
        first = path not in self.pages
        self.pages[path] = (page, key)
        published = self.files.get(path)
        if published is None or published.key != key:
            if first:
                self._changed += 1
            self.stale[path] = None

    def _end_plan(self) -> None:
        """Every page is planned: check every output path, and delete the pages that are gone."""
        assert self.loaded is not None and self.theme is not None
        self._planning, self._planner, self._article_at, self._list_at = None, None, None, {}
        self._keys, self._keys_next = self._keys_next, {}
        self.loaded = replace(self.loaded, pages=tuple(self._planned))
        self._planned = []
        problems = [p for p in find_output_problems(self.loaded, self.theme) if p.is_error]
        removed = [path for path in self._previous if path not in self.pages]
        self._previous = {}
        for path in removed:
            for gone in (path, path + ".gz", path + ".br"):
                if gone in self.files:
                    self._delete(gone)
        if problems:
            self._failed = True
            raise BuildFailed(problems)
        self._done = Planned(pages=len(self.pages), changed=self._changed, removed=len(removed),
                             page_paths=frozenset(self.pages))

    # --- what is done between requests ------------------------------------------------------

    def work(self, seconds: float) -> bool:
        """Bring the folder up to date for about `seconds` (at least one step); True once it is
        exactly the site."""
        if self.loaded is None or self.theme is None:
            return True
        deadline = time.monotonic() + seconds
        if self._planning is not None:
            self._plan(deadline=deadline)
            if self._planning is not None or time.monotonic() >= deadline:
                return False
        while self.stale:
            self.render_now(next(iter(self.stale)))
            if time.monotonic() >= deadline:
                return False
        while self._due:
            self._write_due([next(iter(self._due.values()))])
            if time.monotonic() >= deadline:
                return False
        if self._pass is None:
            if not self._pending:
                return True
            self._pending, self._seen = False, {}
            outputs = chain(publish_static(self.theme.static),
                            render_site_files(self.loaded, self.theme, self.produced, self, self.options))
            self._pass = iter(precompress(outputs, self) if self.loaded.config.precompress else outputs)
        for output in self._pass:
            self._put(output)
            if time.monotonic() >= deadline:
                return False
        self._pass = None
        self._remove_leftovers()
        if not self._memo_pruned and self.options.cache:   # once a session, when it is up to date: a
            self._memo_pruned = True                      # site that is only ever previewed stays bounded
            prune_photo_memo(memo_dir(self.loaded.config, cache=True), self.loaded.articles, self.produced)
        return not self._pending

    def finish(self) -> None:
        """Everything now, many stale pages on the build's worker processes: the first build, and
        `bantin serve`'s tests."""
        if self._planning is not None:
            self._plan()
        if len(self.stale) >= BULK_MIN and self.theme is not None:
            self._render_stale_in_bulk()
        if self._due:
            self._write_due(list(self._due.values()))
        while not self.work(3600.0):
            pass

    def restart_files(self) -> None:
        """Produce the other files again (a search index finished on its thread)."""
        self._pass, self._pending = None, True

    # --- the published files, for the producers' memos (`precompress.PublishedFiles`) ---------

    def is_current(self, path: str, key: str) -> bool:
        found = self.files.get(path)
        return bool(key) and found is not None and found.key == key

    def size_of(self, path: str) -> int | None:
        found = self.files.get(path)
        return found.size if found else None

    def is_immutable(self, path: str) -> bool:
        """Is the file at `path` named after its bytes (a photo derivative, a fingerprinted static
        file)? No other bytes are ever served under its name, so a browser may keep it."""
        found = self.files.get(path)
        return found is not None and (is_derivative_key(found.key) or path in self._fingerprinted)

    @property
    def busy(self) -> bool:
        """Is there anything left to bring up to date?"""
        return (self._planning is not None or bool(self.stale) or bool(self._due) or self._pass is not None
                or self._pending)

    # --- inside ---------------------------------------------------------------------------------

    def _start(self) -> None:
        """A fresh folder with the marker (`writer.check_output_dir` refuses anyone else's)."""
        check_output_dir(self.out_dir, self.site_dir)
        try:
            shutil.rmtree(self.out_dir, ignore_errors=True)
            self.out_dir.mkdir(parents=True, exist_ok=True)
            (self.out_dir / MARKER).write_bytes(MARKER_TEXT)
        except OSError as exc:
            raise UsageError(describe_os_error(exc, self.out_dir)) from None
        self._started = True

    def _write_due(self, articles: list[Article]) -> None:
        """Encode (or find in the memo) the derivatives of due `articles`, on the build's worker
        processes when there are many, and write their photos. A photo that can not be decoded stays
        due, and the next save tries again (the plan is `_failed`: even the same bytes)."""
        assert self.loaded is not None
        self._produce(articles)
        for article in articles:
            del self._due[article.path]
        self._due_at = None
        self._put_all(publish_photos(self.loaded.config, replace(self.loaded.site, articles=tuple(articles)),
                                     self.produced, self.is_current))

    def _write_due_photo(self, path: str) -> bool:
        """The file at `path` is a due photo's: write it now (a derivative alone); True when it was."""
        if self._due_at is None:
            self._due_at = {output: (article.path, photo) for article in self._due.values()
                            for photo in article.photos for output in photo.outputs}
        found = self._due_at.get(path)
        if found is None:
            return False
        article, photo = self._due[found[0]], found[1]
        if path != (photo.social and photo.social.output) and path not in {v.output for v in photo.variants}:
            self._write_due([article])          # the photo as it is (an SVG, a GIF, an original)
            return True
        self._produce([article], only=(path,))
        self._put_all([Output(path, self.produced.read(path), article.path, derivative_key(path))])
        return True

    def _produce(self, articles: list[Article], only: tuple[str, ...] | None = None) -> None:
        assert self.loaded is not None
        config = self.loaded.config
        if not self.options.cache and self._photo_dir is None:    # one folder for the session
            self._photo_dir = memo_dir(config, cache=False)
            weakref.finalize(self, shutil.rmtree, self._photo_dir, True)
        produced, problems = produce_photos(config, articles, self.options.workers if len(articles) > 1 else 1,
                                            self.options.cache, only=only, folder=self._photo_dir)
        if problems:
            self._failed = True
            raise BuildFailed(problems)
        self.produced.files.update(produced.files)
        self.produced.sizes.update(produced.sizes)

    def _render_stale_in_bulk(self) -> None:
        assert self.theme is not None and self.loaded is not None
        pages = [self.pages[path][0] for path in self.stale]
        for output in render_pages(pages, self.theme.env, self.loaded.config, theme_key=self.theme.key,
                                   workers=self.options.workers):
            self._put_page(output)

    def _put_page(self, output: Output) -> None:
        """A page and, when the site precompresses, its `.gz` and `.br` (or none, when it shrank)."""
        self.stale.pop(output.path, None)
        if not self.loaded or not self.loaded.config.precompress:
            self._put(output)
            return
        made = set()
        for item in precompress([output], self):
            self._put(item)
            made.add(item.path)
        for suffix in (".gz", ".br"):
            if output.path + suffix not in made and output.path + suffix in self.files:
                self._delete(output.path + suffix)

    def _put_all(self, outputs: Iterable[Output]) -> int:
        if self.loaded and self.loaded.config.precompress:
            outputs = precompress(outputs, self)
        return sum(self._put(output) for output in outputs)

    def _put(self, output: Output) -> bool:
        """Write one file unless the folder already has it; True when written."""
        rel = safe_output_path(output.path)
        if rel is None:
            raise BuildFailed([error(output.origin, None, "output.unsafe", path=output.path)])
        if rel not in self.pages:
            other = self._seen.get(rel)
            if other is not None and other != output.origin:
                raise BuildFailed([error(output.origin, None, "article.output_duplicate", path=rel, other=other)])
            self._seen[rel] = output.origin
        if output.data is None:
            return False
        digest = hashlib.blake2b(output.data, digest_size=16).hexdigest()
        known = self.files.get(rel)
        if known is not None and known.digest == digest:
            known.key = output.key
            return False
        target = self.out_dir / rel
        temporary = target.with_name(f".{target.name}.bantin-tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(output.data)
            os.replace(temporary, target)
        except OSError as exc:
            raise UsageError(describe_os_error(exc, target.parent)) from None
        self.files[rel] = _Published(output.key, digest, len(output.data))
        self.written += 1
        return True

    def _remove_leftovers(self) -> None:
        """The pass is over: delete every file that neither a page nor the pass produced."""
        keep = self._seen.keys() | self.pages.keys()
        for path in [p for p in self.files if p not in keep and not _sibling_of(p, self.pages)]:
            self._delete(path)

    def _delete(self, path: str) -> None:
        self.files.pop(path, None)
        target = self.out_dir / path
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise UsageError(describe_os_error(exc, target.parent)) from None
        folder = posixpath.dirname(path)
        while folder:                           # no empty folder left behind, as in a fresh build
            try:
                (self.out_dir / folder).rmdir()
            except OSError:
                break
            folder = posixpath.dirname(folder)


def _scheduled(loaded: Loaded) -> list[str]:
    site = loaded.site
    return [article.path for article in site.articles if site.is_scheduled(article)]


def _sibling_of(path: str, pages: dict[str, tuple[Page, str]]) -> bool:
    """A page's `.gz` or `.br` (they come and go with the page, in `_put_page`)."""
    return path.endswith((".gz", ".br")) and path[:-3] in pages

