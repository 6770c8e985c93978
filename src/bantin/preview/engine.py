"""The preview's site, kept in memory between saves and brought up to date lazily.

`bantin build` writes a whole new tree beside the old one and swaps it in: right for publishing, where
the folder must be the whole old or the whole new site at every instant. The preview serves one
editor's browser from memory (`writer.MemoryFiles`, the writer's second destination), and spends the
time a save waits for only on what the browser is about to show:

- `update()` loads the site again (the parse memo is in memory: only the files whose bytes changed
  are read) and publishes only the theme's static files. The pages are planned later, a page at a
  time (`plan.LazyPlan`), and the changed photos are *due* (`photos.DuePhotos`). A save that changed
  nothing the site shows (the same articles, theme and settings) keeps the last plan.
- `serve(path)` makes the file at `path` current first: a stale page is planned and rendered, a due
  derivative encoded alone; so a browser is never served a stale page.
- `work(seconds)` does the rest a slice at a time between requests, in this order: plan, render the
  stale pages, encode the due photos, produce every other file (search index, feeds, honors data,
  sitemaps, robots.txt) with the functions `bantin build` uses, then drop what the site no longer
  produces. When it answers True the files are byte for byte what `bantin build` makes from the same
  files and options (`tests/test_preview_property.py`).

Nothing here raises but `BuildFailed` (content, template and output problems, with their place) and
`UsageError`: the caller shows them and keeps the last good state.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain

from ..build import BuildOptions, Loaded, Theme, find_output_problems, load, load_checked_theme, render_site_files
from ..config import SiteConfig
from ..core.errors import BuildFailed, Problem, error
from ..core.models import same_objects
from ..core.outputs import Output
from ..inputs import Inputs
from ..output.assets import publish_static
from ..output.derivatives import is_derivative_key, memo_dir, prune_photo_memo
from ..output.precompress import precompress
from ..output.render import render_page, render_pages
from ..output.writer import MemoryFiles, safe_output_path, write_output
from ..site.awards import HonorsMemo
from ..site.collect import ListingMemo
from ..site.pages import PagePlanner
from .photos import DuePhotos
from .plan import LazyPlan, PlanEnd

BULK_MIN = 64            # this many stale pages or more at once: `finish` renders them on workers
SIBLINGS = (".gz", ".br")


class Phase(enum.Enum):
    """What the engine does next between requests."""

    PLANNING = "planning"
    RENDERING = "rendering"
    ENCODING = "encoding"
    OTHER_FILES = "other files"
    IDLE = "idle"


@dataclass(frozen=True, slots=True)
class SaveReport:
    """What one save did. The page counts are None until its plan is made to the end."""

    articles: int
    parsed: int                         # articles read again (the rest came from the memo)
    warnings: tuple[Problem, ...]
    written: int = 0                    # files published at once: static files (the first time: all)
    pages: int | None = None            # pages of the site
    changed: int | None = None          # pages whose inputs changed (rendered already, or stale)
    removed: int | None = None          # pages the site no longer has
    page_paths: frozenset[str] = frozenset()

    @property
    def planned(self) -> bool:
        return self.pages is not None


class PreviewEngine:
    """The preview's site and what made it; one per server, used from one thread."""

    def __init__(self, options: BuildOptions, memo):
        self.options = options
        self.memo = memo
        self.files = MemoryFiles()
        self.loaded: Loaded | None = None              # `pages` empty until the plan is made to the end
        self.theme: Theme | None = None
        self.plan = LazyPlan(self.files)
        self.photos = DuePhotos(options)
        self._listings = ListingMemo()                 # the site's lists, made again only when their articles change
        self._honors = HonorsMemo()                    # the honors roll, the same
        self.fingerprinted: frozenset[str] = frozenset()    # output paths of the theme's fingerprinted files
        self._report: SaveReport | None = None         # the last save's, until its plan ends and it is taken
        self._failed = False                           # the last plan or encode failed: a save must redo it
        self._pass: Iterator[Output] | None = None     # the other files, being produced
        self._pass_due = False                         # a pass over the other files is due
        self._seen: dict[str, str] = {}                # output path -> origin, produced by this pass
        self._memo_pruned = False                      # `.bantin-cache/photos/` pruned this session

    # --- what a save waits for ------------------------------------------------------------

    def update(self, config: SiteConfig, inputs: Inputs | None = None, options: BuildOptions | None = None) -> SaveReport:
        """Load the site; publish the static files; start planning the pages; the changed photos are due.
        `inputs`: the site's files, when the caller knows them (found again otherwise)."""
        options = options or self.options
        loaded = load(config, options, self.memo, inputs, plan=False, listings=self._listings, honors=self._honors)
        theme, problems = load_checked_theme(loaded, options, check_outputs=False)   # at the plan's end
        if any(p.is_error for p in problems) or theme is None:
            raise BuildFailed(list(problems))
        report = SaveReport(len(loaded.site.articles), loaded.parsed, tuple(p for p in problems if not p.is_error))
        if self._same_site(loaded, theme, options):     # nothing served changes
            if self.plan.planning:                      # the plan of a save before goes on
                return replace(report, changed=0, removed=0)
            self._report = replace(report, pages=len(self.plan.pages), changed=0, removed=0,
                                   page_paths=frozenset(self.plan.pages))
            return self._report
        self.options, self.loaded, self.theme = options, loaded, theme
        self._failed = False
        written = self.files.written
        before, self.fingerprinted = self.fingerprinted, \
            frozenset(item.output for rel, item in theme.static.items() if item.output != rel)
        self.plan.start(PagePlanner(loaded.site, loaded.config, loaded.honors), theme.key)
        self._put_all(publish_static(theme.static))
        for path in before - self.fingerprinted:   # a stylesheet edited: its old name now answers with the
            self._delete_with_siblings(path)        # new file (`http.current_version`)
        self.photos.note_save(loaded.site.articles)
        self._pass, self._pass_due = None, True     # the other files: produced again by `work`
        self._report = replace(report, written=self.files.written - written)
        return self._report

    def _same_site(self, loaded: Loaded, theme: Theme, options: BuildOptions) -> bool:
        """Does `loaded` show exactly what the last update's site shows: the same article objects
        (the parse memo gives the same object for the same bytes), theme, settings and scheduled
        articles? Then every page of the last plan stands."""
        before = self.loaded
        if (before is None or self.theme is None or self._failed or theme.key != self.theme.key
                or options != self.options):
            return False
        return same_objects(before.articles, loaded.articles) and _scheduled(loaded) == _scheduled(before)

    def serve(self, path: str) -> bytes | None:
        """The file at output path `path`, made current first (a stale page rendered, a due photo
        encoded); None when the site has no such file."""
        self.make_current(path)
        return self.files.get(path)

    def make_current(self, path: str) -> bool:
        """Render or encode the file at `path` now if it is stale or due; True when it was."""
        if self.theme is None or self.loaded is None:
            return False
        if self.photos.due:
            outputs = self._guarded_photos(lambda: self.photos.outputs_at(
                path, self.loaded.config, self.loaded.site, self.files.is_current))
            if outputs:
                self._put_all(outputs)
                return True
        if self.plan.planning and path not in self.plan.pages:
            self._ended(self.plan.plan_to(path))
        if path not in self.plan.stale:
            return False
        page, key = self.plan.pages[path]
        self._put_page(Output(page.output_path, render_page(self.theme.env, page, self.loaded.config),
                              page.origin, key))
        return True

    def take_report(self) -> SaveReport | None:
        """The last save's report once its plan is made to the end; once."""
        report = self._report
        if report is None or not report.planned:
            return None
        self._report = None
        return report

    # --- what is done between requests ------------------------------------------------------

    @property
    def phase(self) -> Phase:
        if self.loaded is None or self.theme is None:
            return Phase.IDLE
        if self.plan.planning:
            return Phase.PLANNING
        if self.plan.stale:
            return Phase.RENDERING
        if self.photos.due:
            return Phase.ENCODING
        if self._pass is not None or self._pass_due:
            return Phase.OTHER_FILES
        return Phase.IDLE

    @property
    def busy(self) -> bool:
        return self.phase is not Phase.IDLE

    def work(self, seconds: float) -> bool:
        """Bring the site up to date for about `seconds` (at least one step); True once it is exactly
        the site."""
        deadline = time.monotonic() + seconds
        while (phase := self.phase) is not Phase.IDLE:
            if phase is Phase.PLANNING:
                self._ended(self.plan.plan(deadline=deadline))
            elif phase is Phase.RENDERING:
                self.make_current(next(iter(self.plan.stale)))
            elif phase is Phase.ENCODING:
                self._put_all(self._guarded_photos(lambda: self.photos.next_outputs(
                    self.loaded.config, self.loaded.site, self.files.is_current)))
            elif self._other_files(deadline):
                self._finish_pass()
            if time.monotonic() >= deadline:
                return self.phase is Phase.IDLE
        return True

    def finish(self) -> None:
        """Everything now, many stale pages on the build's worker processes: the first build, and the tests."""
        if self.plan.planning:
            self._ended(self.plan.plan())
        if len(self.plan.stale) >= BULK_MIN and self.theme is not None:
            self._render_stale_in_bulk()
        if self.photos.due and self.loaded is not None:
            self._put_all(self._guarded_photos(lambda: self.photos.outputs_of(
                list(self.photos.due.values()), self.loaded.config, self.loaded.site, self.files.is_current)))
        while not self.work(3600.0):
            pass

    def restart_files(self) -> None:
        """Produce the other files again (a search index finished on its thread)."""
        self._pass, self._pass_due = None, True

    def is_immutable(self, path: str) -> bool:
        """Is the file at `path` named after its bytes (a photo derivative, a fingerprinted static
        file)? No other bytes are ever served under its name, so a browser may keep it."""
        found = self.files.records.get(path)
        return found is not None and (is_derivative_key(found.key) or path in self.fingerprinted)

    # --- inside ---------------------------------------------------------------------------------

    def _ended(self, end: PlanEnd | None) -> None:
        """The plan is made to the end: check every output path, drop the pages that are gone, and
        complete the save's report."""
        if end is None:
            return
        assert self.loaded is not None and self.theme is not None
        self.loaded = replace(self.loaded, pages=end.pages)
        problems = [p for p in find_output_problems(self.loaded, self.theme) if p.is_error]
        for path in end.removed:
            self._delete_with_siblings(path)
        if problems:
            self._failed = True
            raise BuildFailed(problems)
        if self._report is not None:
            self._report = replace(self._report, pages=len(self.plan.pages), changed=end.changed,
                                   removed=len(end.removed), page_paths=frozenset(self.plan.pages))

    def _other_files(self, deadline: float) -> bool:
        """Produce the other files for a slice; True when the pass is over."""
        assert self.loaded is not None and self.theme is not None
        if self._pass is None:
            self._pass_due, self._seen = False, {}
            outputs = chain(publish_static(self.theme.static),
                            render_site_files(self.loaded, self.theme, self.photos.produced, self.files, self.options))
            self._pass = iter(precompress(outputs, self.files) if self.loaded.config.precompress else outputs)
        for output in self._pass:
            self._put(output)
            if time.monotonic() >= deadline:
                return False
        self._pass = None
        return True

    def _finish_pass(self) -> None:
        """The pass is over: drop every file that neither a page nor the pass produced; prune the photo
        memo once a session (a site that is only ever previewed stays bounded)."""
        keep = self._seen.keys() | self.plan.pages.keys()
        for path in [p for p in self.files.paths() if p not in keep and not _sibling_of(p, self.plan.pages)]:
            self.files.delete(path)
        if not self._memo_pruned and self.options.cache and self.loaded is not None:
            self._memo_pruned = True
            prune_photo_memo(memo_dir(self.loaded.config, cache=True), self.loaded.articles, self.photos.produced)

    def _guarded_photos(self, make) -> list[Output] | Iterator[Output]:
        try:
            return make()
        except BuildFailed:
            self._failed = True
            raise

    def _render_stale_in_bulk(self) -> None:
        assert self.theme is not None and self.loaded is not None
        pages = [self.plan.pages[path][0] for path in self.plan.stale]
        for output in render_pages(pages, self.theme.env, self.loaded.config, theme_key=self.theme.key,
                                   workers=self.options.workers):
            self._put_page(output)

    def _put_page(self, output: Output) -> None:
        """A page and, when the site precompresses, its `.gz` and `.br` (or none, when it shrank)."""
        self.plan.stale.pop(output.path, None)
        if not self.loaded or not self.loaded.config.precompress:
            self._put(output)
            return
        made = {item.path for item in self._put_all(precompress([output], self.files), listed=True)}
        for suffix in SIBLINGS:
            if output.path + suffix not in made:
                self.files.delete(output.path + suffix)

    def _put_all(self, outputs: Iterable[Output], listed: bool = False) -> list[Output]:
        if not listed and self.loaded and self.loaded.config.precompress:
            outputs = precompress(outputs, self.files)
        done = []
        for output in outputs:
            self._put(output)
            done.append(output)
        return done

    def _put(self, output: Output) -> None:
        """Publish one file; two producers of one path (but a page and itself) are an error."""
        path = safe_output_path(output.path)
        if path is None:
            raise BuildFailed([error(output.origin, None, "output.unsafe", path=output.path)])
        if path not in self.plan.pages:
            other = self._seen.get(path)
            if other is not None and other != output.origin:
                raise BuildFailed([error(output.origin, None, "article.output_duplicate", path=path, other=other)])
            self._seen[path] = output.origin
        write_output(output, path, self.files)

    def _delete_with_siblings(self, path: str) -> None:
        for gone in (path, *(path + suffix for suffix in SIBLINGS)):
            self.files.delete(gone)


def _scheduled(loaded: Loaded) -> list[str]:
    site = loaded.site
    return [article.path for article in site.articles if site.is_scheduled(article)]


def _sibling_of(path: str, pages: dict) -> bool:
    """A page's `.gz` or `.br` (they come and go with the page, in `_put_page`)."""
    return path.endswith(SIBLINGS) and path[:-3] in pages
