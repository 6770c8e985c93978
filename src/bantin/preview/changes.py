"""Which inputs changed since the last save: `InputWatcher.changes()`.

The inputs are stamped (`Stamps`: every file a build reads -> (mtime_ns, size, inode)). With the
operating system's notices (`watch.Watcher`), only the paths it reports are stamped again, and the
whole site is walked now and then, between saves, in case a notice was lost. Without them, the few
files changed last (the ones being edited) are looked at on every tick and every input on a scan,
at most a tenth of the time. Either way a burst of saves is waited out, so it gives one change.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from ..inputs import Stamp, list_site_inputs
from .watch import Watcher, stamp_changes

SCAN_SECONDS = 0.25          # how often every input is looked at without notices, at most...
SCAN_SHARE = 0.1             # ...and at least this long apart, as a share of the time a scan takes
HOT_FILES = 16               # the files changed most recently: looked at on every tick
QUIET_SECONDS = 0.03         # a burst of saves is over when nothing changed for this long
WATCHED_SCAN_SECONDS = 30.0  # with notices, every input is looked at this seldom...
WATCHED_IDLE_SECONDS = 5.0   # ...and only once no save came for this long (a save never waits for a walk)
WATCHED_QUIET_SECONDS = 0.015  # ...and a burst is over sooner: the watcher hands a change over at once
SETTLE_LIMIT_SECONDS = 2.0   # a change is handed over anyway when files keep changing for this long

Stamps = dict[str, Stamp]


def stamp_inputs(site_dir: Path) -> Stamps:
    """The stamp of every input of the build by site-relative path: the inventory the build itself
    reads (`inputs.find_inputs`), so the preview watches exactly what a build reads."""
    return dict(list_site_inputs(site_dir).files)


def changed_paths(old: Stamps, new: Stamps) -> list[str]:
    """Paths added, removed or modified between two stamps, sorted."""
    return sorted({path for path, _ in old.items() ^ new.items()})


class InputWatcher:
    """The site's inputs as last handed over (`stamps`), and the changes since."""

    def __init__(self, site_dir: Path, watcher: Watcher | None = None, *, quiet: float = QUIET_SECONDS,
                 scan_every: float = SCAN_SECONDS, sleep: Callable[[float], None] = time.sleep):
        self.site_dir = site_dir
        self.watcher = watcher
        self.quiet = quiet
        self.scan_every = scan_every    # 0: every input on every look (tests)
        self.sleep = sleep
        self.stamps: Stamps = {}
        self.hot: deque[str] = deque(maxlen=HOT_FILES)
        self.next_scan = 0.0
        self.last_change = 0.0

    def start(self) -> Stamps:
        """The inputs as they are now, to start from."""
        self.stamps = dict(self.watcher.listing.files) if self.watcher is not None else stamp_inputs(self.site_dir)
        return self.stamps

    def changes(self) -> tuple[Stamps, list[str]] | None:
        """The inputs and the paths that changed, once a burst of saves is over; None when nothing did."""
        current = self._look()
        if current is None or current == self.stamps:
            return None
        current = self._settle(current)
        changed = changed_paths(self.stamps, current)
        self.stamps = current               # a save after this is seen by the next look
        for path in changed:
            if path in self.hot:
                self.hot.remove(path)
            self.hot.append(path)
        return current, changed

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.close()

    @property
    def _notified(self) -> bool:
        return self.watcher is not None and self.watcher.alive

    def _look(self) -> Stamps | None:
        """The inputs as they are now, or None when surely unchanged."""
        if self._notified:
            paths = self.watcher.take()
            if paths:
                self.last_change = time.monotonic()
                return stamp_changes(self.site_dir, self.stamps, paths)
            now = time.monotonic()
            if paths is not None and (now < self.next_scan or (
                    now - self.last_change < WATCHED_IDLE_SECONDS and now < self.next_scan + WATCHED_SCAN_SECONDS)):
                return None
        elif time.monotonic() < self.next_scan and not self._hot_changed():
            return None
        started = time.monotonic()
        current = stamp_inputs(self.site_dir)
        floor = WATCHED_SCAN_SECONDS if self._notified else self.scan_every
        if floor:
            self.next_scan = time.monotonic() + max(floor, (time.monotonic() - started) / SCAN_SHARE)
        return current

    def _hot_changed(self) -> bool:
        for path in self.hot:
            try:
                stat = (self.site_dir / path).stat()
                now = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            except OSError:
                now = None
            if now != self.stamps.get(path):
                return True
        return False

    def _settle(self, current: Stamps) -> Stamps:
        """Wait until nothing changed for `quiet` seconds (or the limit passed): one burst, one change."""
        deadline = time.monotonic() + SETTLE_LIMIT_SECONDS
        while time.monotonic() < deadline:
            self.sleep(self.quiet)
            if self._notified:
                paths = self.watcher.take()
                if paths is not None and not paths:
                    break
                again = stamp_changes(self.site_dir, current, paths) if paths else stamp_inputs(self.site_dir)
            else:
                again = stamp_inputs(self.site_dir)
            if again == current:
                break
            current = again
        return current
