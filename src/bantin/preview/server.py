"""`bantin serve`: preview the site while writing, drafts and scheduled articles included.

The site is built into a temporary folder (never `build/`, so a draft can not be published by
accident) and served from there. Every save updates it through `preview.Preview` (the site kept in
memory, only changed files read again, stale pages rendered when a browser asks for them and the
rest between requests) and reloads the browser; a failed build shows every problem, with the
offending lines, in the browser instead of the page, until the file is fixed.

The only module that uses livereload and tornado. From livereload we take its browser script
(injected before `</head>`), its websocket handler and protocol, and the WSGI container; the
tornado application is ours (`_listen`), so that each websocket remembers the page that opened it.
We watch the inputs and send the reload ourselves, because livereload 2.7.1's own watcher polls
only every 0.8 s, runs one task per changed glob, and `LiveReloadHandler.poll_tasks` silently drops
a change that lands within `DEFAULT_RELOAD_TIME` (3 s) of the previous reload. Our poller compares
a fingerprint of the inputs, waits for a burst of saves to settle, builds once, and sends the
reload to every connected page. A browser that connects after a reload it missed (the page it
loaded was served before the last build) is reloaded again (`Latecomers`), so no change is ever
lost, and a page served after it is never reloaded twice.

Two things keep the open tab useful across edits: a page whose URL changed with its title is
redirected from the old URL to the new one (`Rebuilder.moved`), and an old fingerprinted asset
name ('css/bantin.0035fc2b.css') answers with the current file, so a stylesheet can be swapped in
place without reloading the page (`current_version`).
"""

from __future__ import annotations

import asyncio
import errno
import functools
import gc
import glob
import html
import ipaddress
import json
import logging
import mimetypes
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import webbrowser
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..build import BuildOptions, BuildReport
from ..config import SiteConfig, load_config
from ..content.cache import MemoryMemo, ParseCache
from ..core import vi
from ..core.errors import BuildFailed, Problem, UsageError
from ..core.messages import Msg
from ..inputs import BUILTIN_LABEL, BUILTIN_TEMPLATES, Inputs, find_inputs, list_site_inputs, with_content
from ..output.basepath import base_path
from ..output.search import SearchRecord, build_index
from ..output.writer import describe_os_error
from .engine import Planned, Preview
from .watch import Watcher, stamp_changes

TICK_SECONDS = 0.1           # how often the files being edited are looked at
SCAN_SECONDS = 0.25          # how often every input is looked at, at most...
SCAN_SHARE = 0.1             # ...and at least this long apart, as a share of the time a scan takes
HOT_FILES = 16               # the files changed most recently: looked at on every tick
QUIET_SECONDS = 0.03         # a burst of saves is over when nothing changed for this long
WATCHED_SCAN_SECONDS = 30.0  # with the operating system's notices, every input is looked at this seldom
WATCHED_IDLE_SECONDS = 5.0   # ...and only once no save came for this long (a walk of 5 000 articles
                             # takes 0.15 s: a save must not wait for it), or a whole period late
WATCHED_QUIET_SECONDS = 0.015  # ...and a burst is over sooner: the watcher hands it over after 5 ms of quiet
SETTLE_LIMIT_SECONDS = 2.0   # build anyway when files keep changing for this long
EXCERPT_CONTEXT = 2          # lines shown around the offending line on the error page
EXCERPT_MAX_BYTES = 4_000_000
SERVED_MEMORY_SECONDS = 10.0
SWITCH_SECONDS = 0.001       # how long a thread waiting for the GIL waits at most: the watcher's
                             # walk of a new bundle waited 5 ms (Python's default) per system call
                             # while pages rendered in the background, and told of the bundle 74 ms late
WORK_SLICE_SECONDS = 0.01    # background rendering yields to requests and saves this often...
BROWSER_FIRST_SECONDS = 0.25  # ...and waits until no request came for this long
IMMUTABLE = "max-age=31536000, immutable"   # a file named after its bytes: kept by the browser
FINGERPRINTED_NAME = re.compile(r"^(?P<stem>.+)\.[0-9a-f]{6,64}(?P<ext>\.[A-Za-z0-9]+)$")

Fingerprint = dict[str, tuple[int, int, int]]
Echo = Callable[..., None]


# --- what the build reads -------------------------------------------------------------------

def load_fingerprint(site_dir: Path) -> Fingerprint:
    """(mtime_ns, size, inode) of every input of the build by site-relative path: the inventory the
    build itself reads (`inputs.find_inputs`), so the preview watches exactly what a build reads."""
    return dict(list_site_inputs(site_dir).files)


def changed_paths(old: Fingerprint, new: Fingerprint) -> list[str]:
    """Paths added, removed or modified between two fingerprints, sorted."""
    return sorted({path for path, _ in old.items() ^ new.items()})     # in C: 0.5 ms for 14 000 files


def describe_change(paths: list[str]) -> Msg:
    if not paths:
        return Msg.of("serve.change_none")
    if len(paths) == 1:
        return Msg.of("serve.change_one", path=paths[0])
    return Msg.of("serve.change_many", path=paths[0], more=vi.format_count(len(paths) - 1))


# --- the rebuild callback -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Failure:
    """Why the last build produced no site: problems with a place, and notes without one."""

    problems: tuple[Problem, ...] = ()
    notes: tuple[Msg, ...] = ()

    @property
    def count(self) -> int:
        return sum(p.is_error for p in self.problems) + len(self.notes)


class BackgroundIndexer:
    """The search indexer of the preview: Pagefind runs on one thread, one year's index after another,
    so a save reloads its page at once (the last index of that year stays published meanwhile) and
    the new index is put in place by one more build when it is ready (`take_ready`)."""

    KEEP = 64                   # indexes kept in memory (a few years of a few builds)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done: dict[str, dict[str, bytes]] = {}      # key -> files, the newest last
        self._queue: deque[tuple[str, Callable[[], list[SearchRecord]]]] = deque()
        self._queued: set[str] = set()
        self._worker: threading.Thread | None = None
        self._ready = False

    def __call__(self, key: str, records: Callable[[], list[SearchRecord]]) -> dict[str, bytes] | None:
        with self._lock:
            if key in self._done:
                return self._done[key]
            if key not in self._queued:
                self._queued.add(key)
                self._queue.append((key, records))
                if self._worker is None:
                    self._worker = threading.Thread(target=self._work, daemon=True)
                    self._worker.start()
        return None

    def _work(self) -> None:
        _yield_cpu()                            # Pagefind, started from this thread, too
        while True:
            with self._lock:
                if not self._queue:
                    self._worker = None
                    return
                key, records = self._queue.popleft()
            try:
                files: dict[str, bytes] | None = build_index(records())
            except Exception:  # noqa: BLE001 - Pagefind failed: the preview keeps the last index
                files = None
            with self._lock:
                self._queued.discard(key)
                if files is not None:
                    self._done[key] = files
                    while len(self._done) > self.KEEP:
                        del self._done[next(iter(self._done))]
                    self._ready = True

    def take_ready(self) -> bool:
        """True once after an index was made: time for the build that publishes it."""
        with self._lock:
            ready, self._ready = self._ready, False
            return ready


INDEXER_NICENESS = 10


def _yield_cpu() -> None:
    """Lower this thread's priority (and so of the processes it starts): on Linux a thread has its
    own nice value, so a save is not slowed by the index of the save before it. Elsewhere nice is per
    process, and the whole server would slow down: left as it is."""
    if not sys.platform.startswith("linux"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + INDEXER_NICENESS)
    except OSError:
        pass


class Rebuilder:
    """The callback run on every tick: when an input changed, wait for the burst of saves to end,
    build once, remember the outcome, print one line and reload the browsers. It never raises.

    Every input is compared on a full scan, every `scan_every` seconds (longer on a large site, so
    that scanning takes at most a tenth of the time); the few files changed last, the ones being
    edited, are compared on every tick, so the next save of the same file is seen at once.
    """

    def __init__(self, site_dir: Path, out_dir: Path, lang: str, *, notify: Callable[[str], None],
                 echo: Echo, quiet: float = QUIET_SECONDS, scan_every: float = SCAN_SECONDS,
                 sleep: Callable[[float], None] = time.sleep, indexer: BackgroundIndexer | None = None,
                 lazy: bool = False, watcher: Watcher | None = None):
        self.site_dir = site_dir
        self.out_dir = out_dir
        self.lang = lang
        self.notify = notify            # reload the browsers: '*' for the page, or a stylesheet's URL
        self.echo = echo
        self.quiet = quiet
        self.scan_every = scan_every
        self.sleep = sleep
        self.next_scan = 0.0
        self.hot: deque[str] = deque(maxlen=HOT_FILES)
        self.fingerprint: Fingerprint = {}
        self.generation = 0             # counts builds that changed what is served, failed ones included
        self.failure: Failure | None = None
        self.builds = 0
        self._collector_paused = False  # the cycle collector waits for the work after a save
        self._prune_due = False         # the parse memo keeps what the builds since the last prune used
        self.pages: frozenset[str] = frozenset()   # the HTML files of the last good build
        self.moved: dict[str, str] = {}             # old page -> new page, when an edit moved one
        self.files = 0
        self.indexer = indexer or BackgroundIndexer()
        self.base = ""                 # the path of base_url ('/tin-tuc'): the preview is served under it
        self.memo = MemoryMemo(site_dir, ParseCache(site_dir))  # parsed articles kept between saves
        self.preview = Preview(site_dir, out_dir, self._options(), self.memo)
        self.lazy = lazy                # render stale pages when asked for, and the rest between requests
        self.watcher = watcher          # the operating system's notices of changed files, when it gives them
        self.last_request = 0.0         # when a browser last asked for something (or was told to reload)
        self.last_change = 0.0          # when a change was last seen
        self._inputs_of: tuple[frozenset[str], Inputs] | None = None   # the inputs, for that set of files
        self._to_say: tuple[Msg, float, Msg] | None = None   # a save's line, said once its pages are planned
        self._planned_now: Planned | None = None     # the plan of the last build, when made at once

    def close(self) -> None:
        self._resume_collector()
        self.memo.close()
        if self.watcher is not None:
            self.watcher.close()

    def start(self) -> None:
        """The first build, before the server answers anyone."""
        self._guarded(self._first_build)

    def __call__(self) -> None:
        self._guarded(self._rebuild_if_changed)
        self._guarded(self._publish_index)

    def _publish_index(self) -> None:
        """A search index made on the indexer's thread is ready: the other files are produced again,
        which puts it in place (no message, no reload: the search page reads the index afresh on
        every search)."""
        if not self.indexer.take_ready() or self.failure is not None:
            return
        self.preview.restart_files()
        if not self.lazy:
            self.work(None)

    @property
    def busy(self) -> bool:
        """Is the preview folder behind the site (pages or other files still to produce)?"""
        return self.failure is None and self.preview.busy

    def work(self, seconds: float | None) -> bool:
        """Bring the preview folder up to date for about `seconds` (None: all of it); True when it is.
        A page that fails to render now shows the error page, as a failed build would."""
        self._resume_collector()                # the browsers are served: collect while working
        if self._prune_due:                     # forget the results no build since asked for (3 ms at
            self._prune_due = False             # 5 000 articles, spent after the browsers are told)
            self.memo.prune()
        if self.failure is not None:
            return True
        try:
            if seconds is None:
                self.preview.finish()
                done = True
            else:
                done = self.preview.work(seconds)
            self._take_planned()
            return done
        except (BuildFailed, UsageError) as exc:
            self._fail_later(exc)
        except Exception as exc:  # noqa: BLE001 - a bug in a build step must not stop the preview
            if os.environ.get("BANTIN_DEBUG"):
                traceback.print_exc()
            self._fail_later(exc)
        return True

    def is_immutable(self, rel: str) -> bool:
        """Is the file at output path `rel` named after its bytes (`Preview.is_immutable`)?"""
        return self.preview.is_immutable(rel)

    def render_pending(self, rel: str) -> None:
        """The page at output path `rel` (or the folder page `rel/index.html`) is about to be
        served: render it first if it is stale (planning it first if need be)."""
        if self.failure is not None or not self.preview.busy:
            return
        try:
            if rel.endswith(".html") or (rel and (self.out_dir / rel).is_file()):
                paths = [rel]                   # a file: a folder page is not asked for
            else:
                paths = [rel, f"{rel}/index.html"] if rel else ["index.html"]
            for path in paths:
                if self.preview.render_now(path):
                    break
            self._take_planned()
        except Exception as exc:  # noqa: BLE001 - a template error, or a bug: the error page, not a 500
            if os.environ.get("BANTIN_DEBUG") and not isinstance(exc, (BuildFailed, UsageError)):
                traceback.print_exc()
            self._fail_later(exc)

    def _fail_later(self, exc: Exception) -> None:
        """A failure found after the save was reported: say it, and show the error page."""
        if isinstance(exc, BuildFailed):
            self.failure = Failure(problems=tuple(exc.problems))
        elif isinstance(exc, UsageError):
            self.failure = Failure(notes=(exc.msg,))
        else:
            self.failure = Failure(notes=(_internal(exc),))
        self.generation += 1
        self._to_say = None
        self._report_failure(Msg.of("serve.change_later"), 0.0)
        self._notify("*")

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - the server keeps serving whatever happens here
            if os.environ.get("BANTIN_DEBUG"):
                traceback.print_exc()
            failure = Failure(notes=(_internal(exc),))
            if failure == self.failure:
                return                          # the same fault on every tick: said once is enough
            self.failure = failure
            self.generation += 1
            self._say(self.failure.notes[0], err=True)
            self._notify("*")

    def _first_build(self) -> None:
        self.fingerprint = (dict(self.watcher.listing.files) if self.watcher is not None
                            else load_fingerprint(self.site_dir))
        report, seconds = self._build(self.fingerprint)
        if report is not None:
            for problem in report.warnings:
                self._say_text(problem.format(self.lang), err=True)
            self._say(Msg.of("serve.built_first", pages=vi.format_count(report.pages),
                             articles=vi.format_count(report.articles), seconds=self._seconds(seconds)))
        else:
            self._report_failure(Msg.of("serve.change_start"), seconds)

    def _rebuild_if_changed(self) -> None:
        current = self._look()
        if current is None or current == self.fingerprint:
            return
        current = self._settle(current)
        changed = changed_paths(self.fingerprint, current)
        self.fingerprint = current              # a save during the build is seen by the next tick
        for path in changed:
            if path in self.hot:
                self.hot.remove(path)
            self.hot.append(path)
        self._pause_collector()
        self._rebuild(changed, current)
        if not self.busy:
            self._resume_collector()

    def _pause_collector(self) -> None:
        """Python's cycle collector waits from a save until the background work after it: at 5 000
        articles its passes over the objects of the last saves took 0-40 ms of a save, and resumed
        as soon as the browsers were told they landed on the pages they asked for next (gen 0, 1
        and 2 back to back: 43 ms). The archive itself is frozen out of them (`gc.freeze`)."""
        if gc.isenabled():
            gc.disable()
            self._collector_paused = True

    def _resume_collector(self) -> None:
        if self._collector_paused:
            self._collector_paused = False
            gc.enable()

    def _rebuild(self, changed: list[str], current: Fingerprint) -> None:
        was_failing = self.failure is not None
        report, seconds = self._build(current, changed)
        change = describe_change(changed)
        if report is None:
            self._report_failure(change, seconds)
            self._notify("*")
            return
        for problem in report.warnings:
            if problem.path in changed:
                self._say_text(problem.format(self.lang), err=True)
        if self.lazy:                           # said with its count of pages once they are planned
            self._to_say = (change, seconds, self._warnings(report))
            if self._planned_now is not None:
                self._say_updated(self._planned_now)
        else:
            self._say(Msg.of("serve.rebuilt", change=change, written=vi.format_count(report.written),
                             seconds=self._seconds(seconds), warnings=self._warnings(report)))
        self._reload(changed, report, was_failing)

    def _hot_changed(self) -> bool:
        for path in self.hot:
            try:
                stat = (self.site_dir / path).stat()
                now = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            except OSError:
                now = None
            if now != self.fingerprint.get(path):
                return True
        return False

    def _look(self) -> Fingerprint | None:
        """The inputs as they are now, or None when surely unchanged. With a watcher, the paths it
        reports are stamped again (and the whole site walked now and then, between saves, in case a
        notice was lost); without one, the files edited last on every tick and every input on a scan."""
        watcher = self.watcher
        if watcher is not None and watcher.alive:
            paths = watcher.take()
            if paths:
                self.last_change = time.monotonic()
                return stamp_changes(self.site_dir, self.fingerprint, paths).fingerprint
            now = time.monotonic()
            if paths is not None and (now < self.next_scan or (
                    now - self.last_change < WATCHED_IDLE_SECONDS and now < self.next_scan + WATCHED_SCAN_SECONDS)):
                return None
        elif time.monotonic() < self.next_scan and not self._hot_changed():
            return None
        started = time.monotonic()
        current = load_fingerprint(self.site_dir)
        floor = WATCHED_SCAN_SECONDS if watcher is not None and watcher.alive else self.scan_every
        if floor:                               # 0: every tick (tests); else at most SCAN_SHARE of the time
            self.next_scan = time.monotonic() + max(floor, (time.monotonic() - started) / SCAN_SHARE)
        return current

    def _settle(self, current: Fingerprint) -> Fingerprint:
        """Wait until nothing changed for `quiet` seconds (or the limit passed): one burst, one build."""
        deadline = time.monotonic() + SETTLE_LIMIT_SECONDS
        while time.monotonic() < deadline:
            self.sleep(self.quiet)
            watcher = self.watcher
            if watcher is not None and watcher.alive:
                paths = watcher.take()
                if paths is not None and not paths:
                    break
                again = (stamp_changes(self.site_dir, current, paths).fingerprint if paths
                         else load_fingerprint(self.site_dir))
            else:
                again = load_fingerprint(self.site_dir)
            if again == current:
                break
            current = again
        return current

    def _build(self, stamps: Fingerprint | None = None,
               changed: list[str] | None = None) -> tuple[BuildReport | None, float]:
        """One `build()` with drafts and scheduled articles; the outcome is kept in `failure`. `stamps`
        are the inputs as the watcher just saw them (taken now when not given): the parse memo reads
        again only the files whose stamp changed (`changed` since the last build, when known)."""
        started = time.perf_counter()
        self.builds += 1
        report: BuildReport | None = None
        try:
            config = load_config(self.site_dir)
            self.base = base_path(config.base_url)     # a site under a path is previewed under it
            if stamps is None:
                stamps, changed = load_fingerprint(self.site_dir), None
            self.memo.use_stamps(stamps, changed)
            self._to_say = None
            update = self.preview.update(config, self._options(), self._inputs(stamps))
            written = update.written + (1 if update.changed is None else update.changed)   # None: some page
            if not self.lazy or not self.files:      # the first build is done at once, on the workers
                self.preview.finish()
                written = self.preview.written
            report = BuildReport(articles=update.articles, pages=self.files, files=self.files,
                                 written=written, removed=0, seconds=time.perf_counter() - started,
                                 warnings=update.warnings, parsed=update.parsed)
            failure = None
        except BuildFailed as exc:
            failure = Failure(problems=tuple(exc.problems))
        except UsageError as exc:
            failure = Failure(notes=(exc.msg,))
        except Exception as exc:  # noqa: BLE001 - a bug in a build step must not stop the preview
            if os.environ.get("BANTIN_DEBUG"):
                traceback.print_exc()
            failure = Failure(notes=(_internal(exc),))
        self._prune_due = self._prune_due or bool(self.memo.used)   # it got as far as parsing
        was_failing, self.failure = self.failure is not None, failure
        self._planned_now = None
        if failure is None:
            planned = self._planned_now = self.preview.take_planned()
            if planned is not None:
                self._planned(planned)
                report = replace(report, pages=planned.pages, files=planned.pages, removed=planned.removed,
                                 page_paths=planned.page_paths)
        if failure is not None or was_failing or report is None or report.written or report.removed:
            self.generation += 1                # a page served before this build is out of date
        return report, time.perf_counter() - started

    def _take_planned(self) -> None:
        """The pages of the last save are all planned (in `work`, or to find a page a browser asked
        for): follow the pages that moved, and say the save's line with its count of pages."""
        planned = self.preview.take_planned()
        if planned is None:
            return
        self._planned(planned)
        self._say_updated(planned)

    def _say_updated(self, planned: Planned) -> None:
        if self._to_say is not None:
            (change, seconds, warnings), self._to_say = self._to_say, None
            self._say(Msg.of("serve.updated", change=change, pages=vi.format_count(planned.changed),
                             seconds=self._seconds(seconds), warnings=warnings))

    def _planned(self, planned: Planned) -> None:
        if planned.removed or planned.pages != self.files:
            self._follow_moves(planned.page_paths)  # pages came or went: look which
        self.files = planned.pages

    def _inputs(self, stamps: Fingerprint) -> Inputs:
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
        return BuildOptions(output=self.out_dir, drafts=True, future=True, search_indexer=self.indexer)

    def _follow_moves(self, pages: frozenset[str]) -> None:
        """When a build replaced exactly one page by another (a new title gives a new slug, and so a
        new URL), remember it: the browser reloading the old URL is sent to the new one."""
        removed, added = self.pages - pages, pages - self.pages
        if self.pages and len(removed) == 1 and len(added) == 1:
            (old,), (new,) = removed, added
            self.moved = {src: new if dst == old else dst for src, dst in self.moved.items()}
            self.moved[old] = new
        self.moved = {src: dst for src, dst in self.moved.items() if src not in pages and dst in pages}
        self.pages = pages

    def _reload(self, changed: list[str], report: BuildReport, was_failing: bool) -> None:
        if not was_failing and not report.written and not report.removed:
            return                              # the browser would show the same bytes
        stylesheets = [path for path in changed if path.startswith("static/") and path.endswith(".css")]
        if not was_failing and stylesheets and len(stylesheets) == len(changed):
            for path in stylesheets:            # livereload.js swaps the stylesheet in place
                self._notify(self.base + "/" + path.removeprefix("static/"))
        else:
            self._notify("*")

    def _report_failure(self, change: Msg, seconds: float) -> None:
        assert self.failure is not None
        for problem in self.failure.problems:
            self._say_text(problem.format(self.lang), err=True)
        for note in self.failure.notes:
            self._say(note, err=True)
        self._say(Msg.of("serve.failed", change=change, errors=vi.format_count(self.failure.count),
                         seconds=self._seconds(seconds)), err=True)

    def _warnings(self, report: BuildReport) -> Msg:
        if not report.warnings:
            return Msg.of("hint.none")
        return Msg.of("serve.warnings", count=vi.format_count(len(report.warnings)))

    def _seconds(self, seconds: float) -> str:
        return vi.format_seconds(seconds, self.lang)

    def _notify(self, path: str) -> None:
        self.last_request = time.monotonic()    # the browsers are about to ask: they go first
        try:
            self.notify(path)
        except Exception:  # noqa: BLE001 - a browser that went away is not the editor's problem
            pass

    def _say(self, msg: Msg, *, err: bool = False) -> None:
        self._say_text(msg.render(self.lang), err=err)

    def _say_text(self, text: str, *, err: bool = False) -> None:
        try:
            self.echo(text, err=err)
        except (OSError, ValueError):
            pass                                # the terminal is gone; keep serving the browser


def _internal(exc: Exception) -> Msg:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return describe_os_error(exc)               # a full disk is not a bug
    return Msg.of("cli.internal", detail=f"{type(exc).__name__}: {exc}")


# --- browsers that missed a reload ----------------------------------------------------------

class Latecomers:
    """Finds browsers whose page is older than the last build and that were not connected when
    its reload was sent: a page served just before a build whose websocket connected just after.

    The HTML responses are remembered by path, with the build generation they showed; a browser
    that connects accounts for the latest one served at its page's path (`page`, which
    livereload.js tells when it connects: `_PageSocket`), as a page connects within moments of being
    served. So a tab closed between its page and its websocket leaves its page unclaimed until it is
    forgotten (SERVED_MEMORY_SECONDS), and the next tabs are not reloaded for it: counted in order,
    regardless of path, that reloaded every fresh tab once more after a reload whose tab was closed.
    A browser with no page served at its path (left open before the server started) is reloaded,
    once per path within that time. Check before building, so that a browser that is connected by
    then gets the build's own reload instead.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.served: deque[tuple[float, str | None, int]] = deque()
        self.known: set[object] = set()
        self.unclaimed: dict[str | None, float] = {}   # page path -> when a browser with no page there was reloaded

    def page_served(self, path: str | None, generation: int) -> None:
        self.served.append((self.clock(), path, generation))

    def check(self, connected: Iterable[object], generation: int) -> set[object]:
        """The browsers among `connected` that connected since the last check and must reload."""
        connected = set(connected)
        new = connected - self.known
        self.known = connected
        now = self.clock()
        horizon = now - SERVED_MEMORY_SECONDS
        while self.served and self.served[0][0] < horizon:
            self.served.popleft()               # a page fetched by something that never connects
        self.unclaimed = {path: when for path, when in self.unclaimed.items() if when >= horizon}
        stale = set()
        for browser in new:
            page = getattr(browser, "page", None)
            found = next((i for i in range(len(self.served) - 1, -1, -1) if self.served[i][1] == page), None)
            if found is not None:
                shown = self.served[found][2]
                del self.served[found]
                if shown < generation:
                    stale.add(browser)
            elif page not in self.unclaimed:    # served before this server started
                self.unclaimed[page] = now
                stale.add(browser)
        return stale


# --- answering the browser ------------------------------------------------------------------

def resolve_request_path(out_dir: Path, url_path: str) -> Path | None:
    """The file or folder `url_path` names inside `out_dir`, symlinks resolved; None for anything
    that would leave `out_dir` ('..' segments, backslashes, NUL, a symlink pointing outside)."""
    parts = url_path.split("/")
    if any(part == ".." or "\\" in part or "\0" in part for part in parts):
        return None
    root = out_dir.resolve()
    try:
        target = root.joinpath(*(part for part in parts if part not in ("", "."))).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    if target != root and not target.is_relative_to(root):
        return None
    return target


def current_version(out_dir: Path, missing: Path) -> Path | None:
    """For a fingerprinted name that is gone ('css/bantin.0035fc2b.css'), the file of the same name
    and another fingerprint in the same folder: a page loaded before a CSS edit still links the old
    name, and livereload.js swaps a stylesheet in place by fetching the link's own URL again."""
    match = FINGERPRINTED_NAME.match(missing.name)
    if not match:
        return None
    found = [path for path in missing.parent.glob(f"{glob.escape(match['stem'])}.*{glob.escape(match['ext'])}")
             if (other := FINGERPRINTED_NAME.match(path.name)) and other['stem'] == match['stem']
             and other['ext'] == match['ext'] and path.is_file()]
    if len(found) != 1 or not found[0].resolve().is_relative_to(out_dir.resolve()):
        return None
    return found[0]


def host_allowed(header: str, bound_host: str, port: int) -> bool:
    """Is `header` (a request's `Host:`) this server? 127.0.0.1, localhost, ::1, the address it was
    started on, or any IP address, with its port. A page elsewhere that points its own domain name at
    127.0.0.1 (DNS rebinding) sends its domain name here, and is refused."""
    header = header.strip().lower()
    if header.startswith("["):
        name, _, rest = header[1:].partition("]")
        given_port = rest[1:] if rest.startswith(":") else ""
    else:
        name, _, given_port = header.partition(":")
    if (given_port or "80") != str(port):
        return False
    if name in ("localhost", bound_host.strip("[]").lower()):
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class PreviewApp:
    """WSGI app serving the last good build, or the error page while the last build failed; only to
    requests addressed to this server (`host_allowed`), when it knows its address."""

    def __init__(self, out_dir: Path, rebuilder: Rebuilder, latecomers: Latecomers,
                 address: tuple[str, int] | None = None):
        self.out_dir = out_dir
        self.rebuilder = rebuilder
        self.latecomers = latecomers
        self.address = address

    def __call__(self, environ, start_response):
        self.rebuilder.last_request = time.monotonic()   # background work waits while a browser loads
        try:
            status, headers, body = self.respond(environ)
        except Exception:  # noqa: BLE001 - never a traceback in the terminal for one request
            if os.environ.get("BANTIN_DEBUG"):
                traceback.print_exc()
            status, headers, body = "500 Internal Server Error", [("Content-Type", "text/plain")], b""
        if not any(name == "Cache-Control" for name, _ in headers):
            headers = headers + [("Cache-Control", "no-store")]
        start_response(status, headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]

    def respond(self, environ) -> tuple[str, list[tuple[str, str]], bytes]:
        lang = self.rebuilder.lang
        if self.address is not None and not host_allowed(environ.get("HTTP_HOST", ""), *self.address):
            return ("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8")],
                    Msg.of("serve.wrong_host").render(lang).encode("utf-8"))
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return "405 Method Not Allowed", [("Allow", "GET, HEAD"), ("Content-Type", "text/plain")], b""
        url_path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        base = getattr(self.rebuilder, "base", "")
        if base and url_path in ("/", base):
            return "302 Found", [("Location", quote(base + "/"))], b""
        if base and not url_path.startswith(base + "/"):
            return self._not_found(lang, environ)
        full_path, url_path = url_path, url_path[len(base):]
        target = resolve_request_path(self.out_dir, url_path)
        if target is None:
            return ("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")],
                    Msg.of("serve.forbidden").render(lang).encode("utf-8"))
        render_pending = getattr(self.rebuilder, "render_pending", None)
        if render_pending is not None:          # a page the last save made stale is rendered first
            rel = target.relative_to(self.out_dir.resolve()).as_posix()
            render_pending("" if rel == "." else rel)
        failure = self.rebuilder.failure
        if target.is_dir():
            if not url_path.endswith("/"):
                query = environ.get("QUERY_STRING")
                location = quote(full_path + "/") + (f"?{query}" if query else "")
                return "301 Moved Permanently", [("Location", location)], b""
            target = target / "index.html"
        asked = target
        if not target.exists():
            target = current_version(self.out_dir, target) or target
        if failure is not None and (target.suffix == ".html" or not target.is_file()):
            return self._html("500 Internal Server Error",
                              render_error_page(failure, self.rebuilder.site_dir, lang), environ)
        if target.is_file():
            data = target.read_bytes()
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if kind == "text/html":
                return self._html("200 OK", data, environ)
            if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
                kind += "; charset=utf-8"
            headers = [("Content-Type", kind)]
            if failure is None and target == asked and \
                    self.rebuilder.is_immutable(target.relative_to(self.out_dir.resolve()).as_posix()):
                headers.append(("Cache-Control", IMMUTABLE))   # named after its bytes, not an old name
            return "200 OK", headers, data
        moved = self._moved_to(target)
        if moved is not None:
            return "302 Found", [("Location", quote(base + moved))], b""
        return self._not_found(lang, environ)

    def _not_found(self, lang: str, environ) -> tuple[str, list[tuple[str, str]], bytes]:
        render_pending = getattr(self.rebuilder, "render_pending", None)
        if render_pending is not None:
            render_pending("404.html")
        not_found = self.out_dir / "404.html"
        if not_found.is_file():
            return self._html("404 Not Found", not_found.read_bytes(), environ)
        return ("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")],
                Msg.of("serve.not_found").render(lang).encode("utf-8"))

    def _moved_to(self, target: Path) -> str | None:
        """The URL of the page that replaced the one at `target`, if a rebuild moved it."""
        rel = target.relative_to(self.out_dir.resolve()).as_posix()
        for candidate in (rel, f"{rel}/index.html"):
            if candidate in self.rebuilder.moved:
                return "/" + self.rebuilder.moved[candidate].removesuffix("index.html")
        return None

    def _html(self, status: str, data: bytes, environ) -> tuple[str, list[tuple[str, str]], bytes]:
        if _is_navigation(environ):             # a page a browser will show, and connect from
            path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
            self.latecomers.page_served(path, self.rebuilder.generation)
        return status, [("Content-Type", "text/html; charset=utf-8")], data


def _is_navigation(environ) -> bool:
    """A browser loading a page into a tab (not a favicon, a fetch or a HEAD request)."""
    if environ.get("REQUEST_METHOD") != "GET":
        return False
    dest = environ.get("HTTP_SEC_FETCH_DEST")
    if dest is not None:
        return dest == "document"
    return "text/html" in environ.get("HTTP_ACCEPT", "")


# --- the error page -------------------------------------------------------------------------

ERROR_STYLE = """
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#fdf3f2;color:#1d1d1d}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{margin:0 0 .5rem;color:#a3160e;font-size:1.6rem}
.problem{background:#fff;border:1px solid #e8c4c0;border-left:6px solid #c0392b;border-radius:4px;margin:1rem 0;padding:.75rem 1rem}
.problem.warning{border-left-color:#d68910}
.where{font:600 15px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
pre.excerpt{margin:.6rem 0 0;padding:.5rem 0;background:#f7f7f7;border-radius:3px;overflow-x:auto;font:14px/1.45 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
pre.excerpt span{display:block;padding:0 .75rem;white-space:pre-wrap}
pre.excerpt span.bad{background:#fde2df;font-weight:700}
pre.excerpt b{display:inline-block;min-width:3.5em;color:#888;font-weight:400;user-select:none}
"""


def render_error_page(failure: Failure, site_dir: Path, lang: str) -> bytes:
    """A complete page of its own (no site template: they may be what is broken) with every problem,
    the offending lines of each file, and a `<head>` for the reload script."""
    blocks = []
    for note in failure.notes:
        blocks.append(f'<section class="problem"><p class="where">{html.escape(note.render(lang))}</p></section>')
    for problem in failure.problems:
        excerpt = read_excerpt(site_dir, problem.path, problem.line)
        lines = "".join(f'<span class="{"bad" if number == problem.line else "ok"}"><b>{number}</b>'
                        f'{html.escape(text)}</span>' for number, text in excerpt)
        blocks.append(f'<section class="problem {problem.severity}">'
                      f'<p class="where">{html.escape(problem.format(lang))}</p>'
                      + (f'<pre class="excerpt">{lines}</pre>' if lines else "") + "</section>")
    title = html.escape(Msg.of("serve.error_title").render(lang))
    intro = html.escape(Msg.of("serve.error_intro", count=vi.format_count(failure.count)).render(lang))
    page = (f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{title}</title>\n<style>{ERROR_STYLE}</style>\n</head>\n'
            f'<body>\n<main id="bantin-build-error">\n<h1>{title}</h1>\n<p>{intro}</p>\n'
            + "\n".join(blocks) + "\n</main>\n</body>\n</html>\n")
    return page.encode("utf-8")


def read_excerpt(site_dir: Path, path: str, line: int | None) -> list[tuple[int, str]]:
    """Numbered lines around `line` of a site file (or a built-in template); empty when unreadable."""
    if not line or line < 1:
        return []
    if path.startswith(BUILTIN_LABEL + "/"):
        root, rel = BUILTIN_TEMPLATES, path[len(BUILTIN_LABEL) + 1:]
    else:
        root, rel = site_dir, path
    try:
        root = root.resolve()
        full = (root / rel).resolve()
        if not full.is_relative_to(root) or not full.is_file() or full.stat().st_size > EXCERPT_MAX_BYTES:
            return []
        text = full.read_bytes().decode("utf-8-sig", "replace")
    except OSError:
        return []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first, last = max(1, line - EXCERPT_CONTEXT), min(len(lines), line + EXCERPT_CONTEXT)
    return [(number, lines[number - 1]) for number in range(first, last + 1)]


# --- the server -----------------------------------------------------------------------------

def serve_site(config: SiteConfig, lang: str, *, host: str = "127.0.0.1", port: int = 8000,
               open_browser: bool = False, echo: Echo) -> None:
    """Build, serve and rebuild until Ctrl-C (or SIGTERM). A port that can not be opened is a
    `UsageError`; content and template errors never stop the server."""
    interruptible = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    work = Path(tempfile.mkdtemp(prefix="bantin-serve-"))
    # SIGTERM during the first build (before the loop's own handler replaces this one): remove the
    # temporary folder and end at once; the build's workers die with this process (workers.py).
    # Raising instead could land in the middle of starting a worker pool and leave it waiting forever.
    previous = signal.signal(signal.SIGTERM, _abandon(work, os.getpid())) if _in_main_thread() else None
    try:
        asyncio.run(_serve(config, lang, host, port, open_browser, echo, work / "site", interruptible))
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    echo(Msg.of("serve.stopped").render(lang))


async def _serve(config: SiteConfig, lang: str, host: str, port: int, open_browser: bool, echo: Echo,
                 out_dir: Path, interruptible: bool) -> None:
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import PeriodicCallback

    if interruptible:       # Ctrl-C stops at once, even in the middle of a build (asyncio would wait for it)
        signal.signal(signal.SIGINT, signal.default_int_handler)

    _quiet_logs()
    loop = asyncio.get_running_loop()
    watcher = Watcher(config.site_dir, on_change=lambda: loop.call_soon_threadsafe(tick))   # a save: look now
    waiters = LiveReloadHandler.waiters         # the connected pages (livereload keeps them)

    def reload(path: str, to: Iterable[object] | None = None) -> None:
        for waiter in list(waiters if to is None else to):
            try:
                waiter.write_message({"command": "reload", "path": path, "liveCSS": True, "liveImg": True})
            except Exception:  # noqa: BLE001 - a tab that went away in between
                waiters.discard(waiter)

    rebuilder = Rebuilder(config.site_dir, out_dir, lang, notify=reload, echo=echo,
                          lazy=True, watcher=watcher, quiet=WATCHED_QUIET_SECONDS)
    latecomers = Latecomers()
    try:
        _listen(PreviewApp(out_dir, rebuilder, latecomers, (host, port)), host, port)
    except OSError as exc:
        raise UsageError(_listen_problem(exc, host, port)) from None
    rebuilder.start()
    gc.freeze()         # the parsed archive lives as long as the server: no collection walks it again
    sys.setswitchinterval(SWITCH_SECONDS)
    url = f"http://{_browser_host(host)}:{port}{rebuilder.base}/"
    echo(Msg.of("serve.started", url=url).render(lang))
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    def tick() -> None:
        late = latecomers.check(waiters, rebuilder.generation)
        reload("*", late)
        rebuilder()
        if rebuilder.busy and not draining:
            draining.append(True)
            loop.call_soon(drain)

    draining: list[bool] = []

    def drain() -> None:
        """Bring the folder up to date a slice at a time, letting requests in between slices, and
        none while a browser is loading a page and what it links to."""
        waited = time.monotonic() - rebuilder.last_request
        if waited < BROWSER_FIRST_SECONDS:
            loop.call_later(BROWSER_FIRST_SECONDS - waited, drain)
        elif not rebuilder.work(WORK_SLICE_SECONDS):
            loop.call_soon(drain)
        else:
            draining.clear()

    PeriodicCallback(tick, TICK_SECONDS * 1000).start()
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    try:
        await stop.wait()
    finally:
        rebuilder.close()


LIVE_SCRIPT = (b'<script>(function(){var s=document.createElement("script");'
               b'var port=window.location.port||(window.location.protocol=="https:"?443:80);'
               b's.src="//"+window.location.hostname+":"+port+"/livereload.js?port="+port;'
               b'document.head.appendChild(s);})();</script>')


def _listen(app: PreviewApp, host: str, port: int) -> None:
    """Serve `app` with livereload's script in every page, its script file and its websocket (as
    livereload's `Server.application` does), the websocket being `_PageSocket`."""
    from livereload.handlers import LiveReloadJSHandler
    from livereload.server import LiveScriptContainer
    from tornado import web

    web.Application([
        (r"/livereload", _page_socket()),
        (r"/livereload.js", LiveReloadJSHandler),
        (r".*", web.FallbackHandler, {"fallback": LiveScriptContainer(app, LIVE_SCRIPT)}),
    ]).listen(port, address=host)


@functools.cache
def _page_socket() -> type:
    from livereload.handlers import LiveReloadHandler

    class _PageSocket(LiveReloadHandler):
        """livereload's websocket, knowing the path of the page that opened it: livereload.js
        sends the page's URL in its `info` message, before it is counted among the waiters."""

        page: str | None = None

        def on_message(self, message):
            self.page = page_of_hello(message) or self.page
            super().on_message(message)

    return _PageSocket


def page_of_hello(message: str | bytes) -> str | None:
    """The path of the page in a livereload.js `info` message ('{"command": "info", "url": ...}')."""
    try:
        url = json.loads(message).get("url")
    except (ValueError, AttributeError):
        return None
    return unquote(urlsplit(url).path) or "/" if isinstance(url, str) else None


def _abandon(work: Path, owner: int) -> Callable[..., None]:
    def handler(signum, frame) -> None:
        if os.getpid() == owner:                # not in a worker that inherited the handler
            shutil.rmtree(work, ignore_errors=True)
        os._exit(0)
    return handler


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _listen_problem(exc: OSError, host: str, port: int) -> Msg:
    if exc.errno == errno.EADDRINUSE:
        return Msg.of("serve.port_in_use", port=port, other=port + 1)
    return Msg.of("serve.cannot_listen", host=host, port=port, reason=exc.strerror or str(exc))


def _browser_host(host: str) -> str:
    if host in ("", "0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _quiet_logs() -> None:
    """livereload and tornado log in English, some with tracebacks; bantin prints its own lines."""
    if os.environ.get("BANTIN_DEBUG"):
        return
    for name in ("livereload", "tornado.access", "tornado.application", "tornado.general"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
