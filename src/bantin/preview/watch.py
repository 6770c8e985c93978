"""Which inputs changed, as the operating system tells it (inotify on Linux, through `watchfiles`),
instead of walking a whole archive after every save.

`Watcher(site_dir)` watches what a build reads (`site.yaml` and the `content/`, `templates/` and
`static/` folders, as `inputs.py` names them) on a daemon thread. `take()` hands over the site-relative
paths that changed since the previous `take()`: files, and folders that appeared or vanished whole (a
bundle moved in, a bundle deleted: one path, whatever it holds), or None when it cannot know (notices
lost, the watching failed, the watcher is closed): then the caller walks the whole site once.

`stamp_changes(site_dir, stamps, paths)` turns such paths into exact stamps by walking only them
(`inputs.list_inputs_under`): what a full walk (`inputs.list_site_inputs`) would give.

Links: inotify reports a change once, under one path, while the walk lists a linked folder both where
it is and where each link to it is (when both are inputs). The watcher keeps the links the walk follows
and reports every path a change is seen under; a link to a place outside the watched folders (still
inside the site) gets that place watched too.

Limits: inotify's own queue can overflow, and watchfiles drops that notice; a batch of more than
`FLOOD` notices is taken as such (None). A link leading out of the site is not an input, but the
notify crate follows it when it places its watches (the changes there are dropped by name or by
`stamp_changes`). Placing the watches holds the GIL, at start and again when a root comes or goes.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import watchfiles

from ..inputs import ROOTS, Stamp, StampedFiles, list_inputs_under, list_site_inputs, may_be_input

STEP_MS = 5            # how often the notices are looked at: a save is handed over within about three steps
DEBOUNCE_MS = 100      # notices that keep coming are handed over at least this often
FLOOD = 4096           # more notices than this at once: the kernel's queue may have overflowed (and
                       # watchfiles drops that notice), and walking everything is as cheap anyway
RESTARTS = 10          # the watching is started again after it failed, at most this many times
ALIASES = 64           # at most this many paths reported for one change seen through links


class Watcher:
    """The site's changed inputs, gathered on a daemon thread; `take()` and `close()` may be called
    from any thread. The constructor places the watches, then walks the site once (`listing`: every
    input file with its stamp, to start from); every change after that walk is handed
    over by a later `take()`, or that `take()` is None. When no watching can be had (no inotify, its
    limits reached, no site folder), `alive` is False and every `take()` is None: walk every time."""

    def __init__(self, site_dir: Path, *, step_ms: int = STEP_MS, on_change: Callable[[], None] | None = None):
        self.site_dir = Path(os.path.abspath(site_dir))
        self._on_change = on_change              # called on the thread when there is something to take()
        self._real = os.path.realpath(self.site_dir)
        self._prefixes = tuple(dict.fromkeys((str(self.site_dir) + os.sep, self._real + os.sep)))
        self._step_ms = step_ms
        self._lock = threading.Lock()
        self._changed: set[str] = set()          # guarded by _lock, as are _lost and _dead
        self._lost = False                       # changes may be missing since the last take()
        self._dead = False                       # nothing more will be known: every take() is None
        self._stop = threading.Event()
        self._streams: list[Iterator[set[tuple[watchfiles.Change, str]]]] = []
        self._backlog: list[set[tuple[watchfiles.Change, str]]] = []
        self._links: dict[str, str] = {}         # each link the walk follows -> its real target
        self._watched: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        self._restarts = 0
        self._thread = threading.Thread(target=self._run, name="bantin-watch", daemon=True)
        self._start()                            # the watches are in place before the walk
        self.listing: StampedFiles = list_site_inputs(self.site_dir)
        self._links = dict(self.listing.links)
        if not self._dead and not self._watching_all():
            self._start()                        # links lead out of the roots: watch there too, walk again
            self.listing = list_site_inputs(self.site_dir)
            self._links = dict(self.listing.links)
        if not self._dead:
            self._thread.start()

    def _start(self) -> None:
        try:
            self._open()
        except Exception:  # noqa: BLE001 - no notices to be had (no inotify, a limit): every take() is None
            _debug()
            self._close_streams()
            self._dead = True

    def take(self) -> set[str] | None:
        """The site-relative paths changed since the last call (files, and folders that appeared or
        vanished), each a possible input by its name (`inputs.may_be_input`); or None when they cannot
        be known, and the caller should walk the whole site."""
        with self._lock:
            changed, self._changed = self._changed, set()
            lost, self._lost = self._lost, False
            return None if lost or self._dead else changed

    @property
    def alive(self) -> bool:
        """Whether changes are being watched (when not, every `take()` is None)."""
        with self._lock:
            return not self._dead

    def close(self, timeout: float = 2.0) -> None:
        """Stop watching: the thread ends within a few steps (longer only while it starts watching)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        with self._lock:
            self._dead = True

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- on the thread ------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._watch()
        except Exception:  # noqa: BLE001 - the server goes on; it walks the site on every take() now
            _debug()
        finally:
            self._close_streams()
            with self._lock:
                self._dead = True

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                if not self._streams:
                    self._reopen()               # after a failure
                for stream in self._streams:
                    notices = next(stream, None)
                    if notices is None:
                        return                   # stopped
                    if notices:
                        self._backlog.append(notices)
                if self._backlog:
                    self._absorb()
            except Exception:  # noqa: BLE001 - e.g. a new folder past the inotify watch limit
                _debug()
                self._close_streams()
                with self._lock:
                    self._lost = True
                if self._restarts >= RESTARTS:
                    raise
                self._restarts += 1
                self._stop.wait(0.01 * self._restarts)

    def _absorb(self) -> None:
        """Turn the notices into site-relative paths, and publish them."""
        batches, self._backlog = self._backlog, []
        lost = sum(map(len, batches)) > FLOOD
        moved: dict[str, bool] = {}              # path -> appeared or vanished (not just changed)
        for batch in batches:
            for change, path in batch:
                rel = self._relative(path)
                if rel == "":
                    lost = True                  # the site folder itself moved or changed
                elif rel is not None:
                    moved[rel] = moved.get(rel, False) or change != watchfiles.Change.modified
        changed: dict[str, bool] = {}
        for rel, appeared in moved.items():
            for alias in self._aliases(rel):
                if may_be_input(alias):
                    changed[alias] = changed.get(alias, False) or appeared
        for rel, appeared in changed.items():
            if appeared:
                self._relearn(rel)
        if any(appeared and rel in ROOTS for rel, appeared in moved.items()) or not self._watching_all():
            self._reopen()                       # a root came or went, or a link leads somewhere new
            return
        with self._lock:
            self._changed.update(changed)
            if lost or len(self._changed) > FLOOD:  # not taken for long: walking everything is as cheap
                self._lost = True
                self._changed.clear()
        if changed or lost:
            self._tell()

    def _tell(self) -> None:
        if self._on_change is not None:
            try:
                self._on_change()
            except Exception:  # noqa: BLE001 - the server's loop went away: it will take() or not
                _debug()

    def _reopen(self) -> None:
        """Start the watching again; what happened meanwhile is not known: the next take() is None."""
        self._open()
        with self._lock:
            self._lost = True
            self._changed.clear()
        self._tell()

    def _open(self) -> None:
        """(Re)start the notices: the site folder itself (`site.yaml`, roots coming and going) and the
        folders of linked files outside the roots, alone; each root and each linked folder outside
        them, with everything below."""
        self._close_streams()
        folders, files = self._wanted()
        self._watched = (folders, files)
        flat = [str(self.site_dir), *sorted(files)]
        deep = [str(self.site_dir / root) for root in ROOTS if (self.site_dir / root).is_dir()] + sorted(folders)
        for paths, recursive in ((flat, False), (deep, True)):
            if not paths:
                continue
            stream = watchfiles.watch(*paths, watch_filter=None, debounce=DEBOUNCE_MS, step=self._step_ms,
                                      stop_event=self._stop, rust_timeout=1, yield_on_timeout=True,
                                      raise_interrupt=False, force_polling=False, recursive=recursive, debug=False)
            self._streams.append(stream)
            first = next(stream, set())           # watchfiles places its watches on the first call
            if first:
                self._backlog.append(first)

    def _close_streams(self) -> None:
        streams, self._streams = self._streams, []
        for stream in streams:
            try:
                stream.close()
            except Exception:  # noqa: BLE001 - closing what already failed
                _debug()

    def _watching_all(self) -> bool:
        """Whether every place a link leads to is watched."""
        folders, files = self._wanted()
        return folders <= self._watched[0] and files <= self._watched[1]

    def _wanted(self) -> tuple[frozenset[str], frozenset[str]]:
        """The places outside the roots that links lead to: (folders, folders of files), existing."""
        roots = [os.path.realpath(self.site_dir / root) + os.sep for root in ROOTS]
        folders, files = set(), set()
        for target in self._links.values():
            real = os.path.join(self._real, target)
            if any((real + os.sep).startswith(root) for root in roots):
                continue                          # inside a root: watched already
            if os.path.isdir(real):
                folders.add(real)
            elif os.path.isdir(os.path.dirname(real)):
                files.add(os.path.dirname(real))
        return frozenset(folders), frozenset(files)

    def _relative(self, path: str) -> str | None:
        for prefix in self._prefixes:
            if path.startswith(prefix):
                return path[len(prefix):].replace(os.sep, "/")
            if path == prefix[:-1]:
                return ""
        return None

    def _aliases(self, rel: str) -> set[str]:
        """`rel` and every other path the same file or folder has through the links."""
        found, todo = {rel}, [rel]
        while todo and len(found) < ALIASES:
            path = todo.pop()
            for link, target in self._links.items():
                for seen_as, also in ((target, link), (link, target)):
                    if path == seen_as or path.startswith(seen_as + "/"):
                        alias = also + path[len(seen_as):]
                        if alias not in found:
                            found.add(alias)
                            todo.append(alias)
        return found

    def _relearn(self, rel: str) -> None:
        """The links at or below `rel`, which appeared or vanished, as they are now."""
        for link in [link for link in self._links if link == rel or link.startswith(rel + "/")]:
            del self._links[link]
        if os.path.lexists(self.site_dir / rel):
            self._links.update(list_inputs_under(self.site_dir, rel).links)


def _debug() -> None:
    if os.environ.get("BANTIN_DEBUG"):
        traceback.print_exc()


# --- stamps kept exact without walking everything ------------------------------------------

def stamp_changes(site_dir: Path, stamps: Mapping[str, Stamp], paths: Iterable[str]) -> dict[str, Stamp]:
    """`stamps` (a full walk's files, `inputs.list_site_inputs(site_dir).files`) with the changed
    `paths` applied (what `Watcher.take()` gives): the entries at or below each path are dropped, then
    what is there now is listed and stamped (`inputs.list_inputs_under`). Only those paths are walked;
    the result is what a full walk would give now, if nothing else changed. '' means the whole site."""
    outermost = _outermost(paths)
    if "" in outermost:
        return dict(list_site_inputs(site_dir).files)
    updated = dict(stamps)
    gone = {path for path in outermost if path in updated}      # a file: nothing is below it
    folders = tuple(path + "/" for path in outermost if path not in updated)
    if folders:
        gone.update(key for key in updated if key.startswith(folders))
    for key in gone:
        del updated[key]
    for path in outermost:
        updated.update(list_inputs_under(site_dir, path).files)
    return updated


def _outermost(paths: Iterable[str]) -> list[str]:
    """The paths that are not below another of them, sorted."""
    kept: set[str] = set()
    for path in sorted({path.strip("/") for path in paths}, key=lambda p: (p.count("/"), p)):
        parts = path.split("/")
        if not any("/".join(parts[:depth]) in kept for depth in range(1, len(parts))):
            kept.add(path)
    return sorted(kept)
