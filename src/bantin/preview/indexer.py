"""The preview's search index, made on a thread of its own so that a save reloads its page at once."""

from __future__ import annotations

import os
import sys
import threading
from collections import deque
from collections.abc import Callable

from ..output.search import SearchRecord, build_index

INDEXER_NICENESS = 10


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
        _lower_thread_priority()                            # Pagefind, started from this thread, too
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




def _lower_thread_priority() -> None:
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


