"""Browsers that missed a reload: a page served just before a save whose websocket connected just after."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable

SERVED_MEMORY_SECONDS = 10.0


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


