"""The preview's save loop: a change of the inputs becomes one update of the engine, one report, one
line in the terminal and one reload of the browsers. It never raises: a failed save shows the error
page (`failure`) until the files are fixed, and the last good site stays in memory meanwhile.

The three jobs are apart: `changes.InputWatcher` says which inputs changed, `engine.PreviewEngine`
plans and renders (what the browser asks for at once, the rest between requests), and the rebuilder
turns the one into the other. The HTTP side sees it through `http.Previewed`.
"""

from __future__ import annotations

import errno
import gc
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..build import BuildOptions
from ..config import load_config
from ..content.cache import MemoryMemo, ParseCache
from ..core.errors import BuildFailed, UsageError
from ..core.messages import Msg
from ..inputs import Inputs, find_inputs, with_content
from ..output.basepath import base_path
from ..output.writer import describe_os_error
from .changes import QUIET_SECONDS, SCAN_SECONDS, InputWatcher, Stamps
from .console import Console, Echo, describe_change
from .engine import PreviewEngine, SaveReport
from .error_page import Failure
from .http import current_name
from .indexer import BackgroundIndexer
from .watch import Watcher


class PausedCollector:
    """Python's cycle collector waits from a save until the work after it, so a save never waits for
    a collection (the archive itself is frozen out of collections: `gc.freeze` in `server.py`)."""

    def __init__(self) -> None:
        self.paused = False

    def pause(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def resume(self) -> None:
        if self.paused:
            self.paused = False
            gc.enable()


class MovedPages:
    """Pages a save replaced by another (a new title gives a new slug, so a new URL): the browser
    reloading the old URL is sent to the new one."""

    def __init__(self) -> None:
        self.pages: frozenset[str] = frozenset()    # the pages of the last plan
        self.moved: dict[str, str] = {}             # old page -> new page

    def follow(self, pages: frozenset[str]) -> None:
        removed, added = self.pages - pages, pages - self.pages
        if self.pages and len(removed) == 1 and len(added) == 1:
            (old,), (new,) = removed, added
            self.moved = {src: new if dst == old else dst for src, dst in self.moved.items()}
            self.moved[old] = new
        self.moved = {src: dst for src, dst in self.moved.items() if src not in pages and dst in pages}
        self.pages = pages

    def to(self, rel: str) -> str | None:
        for candidate in (rel, f"{rel}/index.html"):
            if candidate in self.moved:
                return "/" + self.moved[candidate].removesuffix("index.html")
        return None


class Rebuilder:
    """The callback run on every tick of the server (and the `http.Previewed` it answers from)."""

    def __init__(self, site_dir: Path, lang: str, *, notify: Callable[[str], None], echo: Echo,
                 quiet: float = QUIET_SECONDS, scan_every: float = SCAN_SECONDS,
                 sleep: Callable[[float], None] = time.sleep, indexer: BackgroundIndexer | None = None,
                 lazy: bool = False, watcher: Watcher | None = None):
        self.site_dir = site_dir
        self.lang = lang
        self.notify = notify            # reload the browsers: '*' for the page, or a stylesheet's URL
        self.console = Console(echo, lang)
        self.inputs = InputWatcher(site_dir, watcher, quiet=quiet, scan_every=scan_every, sleep=sleep)
        self.indexer = indexer or BackgroundIndexer()
        self.memo = MemoryMemo(site_dir, ParseCache(site_dir))  # parsed articles kept between saves
        self.engine = PreviewEngine(self._options(), self.memo)
        self.lazy = lazy                # render stale pages when asked for, and the rest between requests
        self.moves = MovedPages()
        self.generation = 0             # counts saves that changed what is served, failed ones included
        self.failure: Failure | None = None
        self.builds = 0
        self.base = ""                  # the path of base_url ('/tin-tuc'): the preview is served under it
        self.last_request = 0.0         # when a browser last asked for something (or was told to reload)
        self.collector = PausedCollector()
        self._prune_due = False         # the parse memo keeps what the saves since the last prune used
        self._inputs_of: tuple[frozenset[str], Inputs] | None = None   # the inputs, for that set of files
        self._line: tuple[Msg, float] | None = None   # a save's line, said once its pages are planned

    def close(self) -> None:
        self.collector.resume()
        self.memo.close()
        self.inputs.close()

    def start(self) -> None:
        """The first build, before the server answers anyone."""
        self._guarded(self._first_build)

    def __call__(self) -> None:
        self._guarded(self._rebuild_if_changed)
        self._guarded(self._publish_index)

    @property
    def busy(self) -> bool:
        """Is the engine behind the site (pages or other files still to produce)?"""
        return self.failure is None and self.engine.busy

    def work(self, seconds: float | None) -> bool:
        """Bring the site up to date for about `seconds` (None: all of it); True when it is. A page
        that fails to render now shows the error page, as a failed save would."""
        self.collector.resume()                # the browsers are served: collect while working
        if self._prune_due:                     # forget what no save since asked for, after the
            self._prune_due = False             # browsers are told
            self.memo.prune()
        if self.failure is not None:
            return True
        try:
            if seconds is None:
                self.engine.finish()
                done = True
            else:
                done = self.engine.work(seconds)
            self._take_report()
            return done
        except Exception as exc:  # noqa: BLE001 - a template error, or a bug: the error page, not a crash
            self._fail_later(exc)
        return True

    # --- what the HTTP side asks (`http.Previewed`) ------------------------------------------------

    def make_current(self, rel: str) -> None:
        """The file at output path `rel` (or the folder page `rel/index.html`) is about to be served:
        render it first if it is stale (planning it first if need be)."""
        if self.failure is not None or not self.engine.busy:
            return
        try:
            if rel.endswith(".html") or (rel and rel in self.engine.files):
                paths = [rel]                   # a file: a folder page is not asked for
            else:
                paths = [rel, f"{rel}/index.html"] if rel else ["index.html"]
            for path in paths:
                if self.engine.make_current(path):
                    break
            self._take_report()
        except Exception as exc:  # noqa: BLE001 - a template error, or a bug: the error page, not a 500
            self._fail_later(exc)

    def file(self, rel: str) -> bytes | None:
        return self.engine.files.get(rel)

    def is_folder(self, rel: str) -> bool:
        return self.engine.files.is_folder(rel)

    def is_immutable(self, rel: str) -> bool:
        return self.engine.is_immutable(rel)

    def current_name(self, rel: str) -> str | None:
        return current_name(rel, self.engine.fingerprinted)

    def moved_to(self, rel: str) -> str | None:
        return self.moves.to(rel)

    # --- saves ----------------------------------------------------------------------------------

    def _first_build(self) -> None:
        report, seconds = self._build(self.inputs.start())
        if report is not None:
            self.console.problems(report.warnings)
            self.console.first(report.pages or 0, report.articles, seconds)
        else:
            self.console.failure(self.failure, Msg.of("serve.change_start"), seconds)

    def _rebuild_if_changed(self) -> None:
        found = self.inputs.changes()
        if found is None:
            return
        stamps, changed = found
        self.collector.pause()
        was_failing = self.failure is not None
        report, seconds = self._build(stamps, changed)
        change = describe_change(changed)
        if report is None:
            self.console.failure(self.failure, change, seconds)
            self._notify("*")
        else:
            self.console.problems(report.warnings, only=changed)
            if not self.lazy:
                self.console.rebuilt(change, report.written, seconds, len(report.warnings))
            elif report.planned:
                self.console.saved(change, report.changed, seconds, len(report.warnings))
            else:                               # said with its count of pages once they are planned
                self._line = (change, seconds)
            self._reload(changed, report, was_failing)
        if not self.busy:
            self.collector.resume()

    def _build(self, stamps: Stamps, changed: list[str] | None = None) -> tuple[SaveReport | None, float]:
        """One update of the engine with drafts and scheduled articles; the outcome is kept in
        `failure`. The parse memo reads again only the files whose stamp changed."""
        started = time.perf_counter()
        self.builds += 1
        self._line = None
        report: SaveReport | None = None
        try:
            config = load_config(self.site_dir)
            self.base = base_path(config.base_url)     # a site under a path is previewed under it
            self.memo.use_stamps(stamps, changed)
            written_before = self.engine.files.written
            report = self.engine.update(config, self._inputs(stamps), self._options())
            whole = not self.lazy or not self.moves.pages   # the first build is made whole, on the workers
            if whole:
                self.engine.finish()
            report = self._take_report() or report
            if whole:
                report = replace(report, written=self.engine.files.written - written_before)
            failure = None
        except Exception as exc:  # noqa: BLE001 - a bug in a build step must not stop the preview
            failure = _failure_of(exc)
        self._prune_due = self._prune_due or bool(self.memo.used)   # it got as far as parsing
        was_failing, self.failure = self.failure is not None, failure
        if failure is not None or was_failing or report is None or _changed_what_is_served(report):
            self.generation += 1                # a page served before this save is out of date
        return report, time.perf_counter() - started

    def _take_report(self) -> SaveReport | None:
        """The last save's report once its pages are all planned: follow the pages that moved, and say
        the save's line with its count of pages."""
        report = self.engine.take_report()
        if report is None:
            return None
        if report.removed or report.pages != len(self.moves.pages):
            self.moves.follow(report.page_paths)    # pages came or went: look which
        if self._line is not None:
            (change, seconds), self._line = self._line, None
            self.console.saved(change, report.changed, seconds, len(report.warnings))
        return report

    def _publish_index(self) -> None:
        """A search index made on the indexer's thread is ready: the other files are produced again,
        which puts it in place (no message, no reload: the search page reads the index afresh on
        every search)."""
        if not self.indexer.take_ready() or self.failure is not None:
            return
        self.engine.restart_files()
        if not self.lazy:
            self.work(None)

    def _reload(self, changed: list[str], report: SaveReport, was_failing: bool) -> None:
        if not was_failing and not _changed_what_is_served(report):
            return                              # the browser would show the same bytes
        stylesheets = [path for path in changed if path.startswith("static/") and path.endswith(".css")]
        if not was_failing and stylesheets and len(stylesheets) == len(changed):
            for path in stylesheets:            # livereload.js swaps the stylesheet in place
                self._notify(self.base + "/" + path.removeprefix("static/"))
        else:
            self._notify("*")

    def _inputs(self, stamps: Stamps) -> Inputs:
        """The site's inputs: the last ones on a save (the same files), brought up to date without a
        walk when only articles and photos came or went, and walked again otherwise."""
        paths = frozenset(stamps)
        known = self._inputs_of
        if known is not None and known[0] == paths:
            return known[1]
        inputs = (known and with_content(known[1], known[0], paths)) or find_inputs(self.site_dir)
        self._inputs_of = (paths, inputs)
        return inputs

    def _options(self) -> BuildOptions:
        return BuildOptions(drafts=True, future=True, search_indexer=self.indexer)

    # --- failures -------------------------------------------------------------------------------

    def _fail_later(self, exc: Exception) -> None:
        """A failure found after the save was reported: say it, and show the error page."""
        self.failure = _failure_of(exc)
        self.generation += 1
        self._line = None
        self.console.failure(self.failure, Msg.of("serve.change_later"), 0.0)
        self._notify("*")

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - the server keeps serving whatever happens here
            failure = _failure_of(exc)
            if failure == self.failure:
                return                          # the same fault on every tick: said once is enough
            self.failure = failure
            self.generation += 1
            for note in failure.notes:
                self.console.say(note, err=True)
            self._notify("*")

    def _notify(self, path: str) -> None:
        self.last_request = time.monotonic()    # the browsers are about to ask: they go first
        try:
            self.notify(path)
        except Exception:  # noqa: BLE001 - a browser that went away is not the editor's problem
            pass


def _changed_what_is_served(report: SaveReport) -> bool:
    """Did the save change a file a browser may be shown (None: its pages are not all planned yet)?"""
    return bool(report.written) or report.changed is None or bool(report.changed) or bool(report.removed)


def _failure_of(exc: Exception) -> Failure:
    if isinstance(exc, BuildFailed):
        return Failure(problems=tuple(exc.problems))
    if isinstance(exc, UsageError):
        return Failure(notes=(exc.msg,))
    if os.environ.get("BANTIN_DEBUG"):
        traceback.print_exc()
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return Failure(notes=(describe_os_error(exc),))     # a full disk is not a bug
    return Failure(notes=(Msg.of("cli.internal", detail=f"{type(exc).__name__}: {exc}"),))
