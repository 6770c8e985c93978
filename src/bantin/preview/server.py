"""`bantin serve`: preview the site while writing, drafts and scheduled articles included.

The site is kept in memory (never written to `build/`, so a draft can not be published by accident)
and served from there. Every save updates it (`rebuilder.Rebuilder` over `engine.PreviewEngine`:
only changed files read again, stale pages rendered when a browser asks for them and the rest between
requests) and reloads the browser; a failed save shows every problem, with the offending lines, in
the browser instead of the page, until the file is fixed.

The only module that uses livereload and tornado. From livereload we take its browser script
(injected before `</head>`), its websocket handler and protocol, and the WSGI container; the tornado
application is ours (`_listen`), so that each websocket remembers the page that opened it. The
operating system tells of saves (`watch.Watcher`) and we send the reload ourselves: livereload
2.7.1's own watcher polls only every 0.8 s, runs one task per changed glob, and silently drops a
change that lands within 3 s of the previous reload. A browser that connects after a reload it missed
is reloaded again (`latecomers.Latecomers`), so no change is ever lost, and a page served after it is
never reloaded twice.
"""

from __future__ import annotations

import asyncio
import errno
import functools
import gc
import json
import logging
import os
import signal
import sys
import threading
import time
import webbrowser
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from ..build import sweep_leftovers
from ..config import SiteConfig
from ..core.errors import UsageError
from ..core.messages import Msg
from .changes import WATCHED_QUIET_SECONDS
from .console import Echo
from .http import PreviewApp
from .latecomers import Latecomers
from .rebuilder import Rebuilder
from .watch import Watcher

TICK_SECONDS = 0.1           # how often the rebuilder looks for changes (the watcher also wakes it)
SWITCH_SECONDS = 0.001       # how long a thread waiting for the GIL waits at most: with Python's
                             # default the watcher waits at each system call while pages render
WORK_SLICE_SECONDS = 0.01    # background rendering yields to requests and saves this often...
BROWSER_FIRST_SECONDS = 0.25  # ...and waits until no request came for this long


def serve_site(config: SiteConfig, lang: str, *, host: str = "127.0.0.1", port: int = 8000,
               open_browser: bool = False, echo: Echo) -> None:
    """Build, serve and rebuild until Ctrl-C (or SIGTERM). A port that can not be opened is a
    `UsageError`; content and template errors never stop the server."""
    interruptible = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    sweep_leftovers(config)     # what a killed preview or build left behind (core/scratch.py)
    # SIGTERM during the first build (before the loop's own handler replaces this one): end at once;
    # the build's workers die with this process (workers.py). Raising instead could land in the
    # middle of starting a worker pool and leave it waiting forever.
    previous = signal.signal(signal.SIGTERM, _abandon) if _in_main_thread() else None
    try:
        asyncio.run(_serve(config, lang, host, port, open_browser, echo, interruptible))
    except KeyboardInterrupt:
        pass
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    echo(Msg.of("serve.stopped").render(lang))


async def _serve(config: SiteConfig, lang: str, host: str, port: int, open_browser: bool, echo: Echo,
                 interruptible: bool) -> None:
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import PeriodicCallback

    if interruptible:       # Ctrl-C stops at once, even in the middle of a build (asyncio would wait for it)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    _quiet_logs()
    loop = SaveLoop(asyncio.get_running_loop(), LiveReloadHandler.waiters)   # livereload keeps the pages
    watcher = Watcher(config.site_dir, on_change=loop.wake)                  # a save: look now
    rebuilder = loop.rebuilder = Rebuilder(config.site_dir, lang, notify=loop.reload, echo=echo, lazy=True,
                                           watcher=watcher, quiet=WATCHED_QUIET_SECONDS)
    try:
        _listen(PreviewApp(rebuilder, loop.latecomers, (host, port)), host, port)
    except OSError as exc:
        raise UsageError(_listen_problem(exc, host, port)) from None
    rebuilder.start()
    gc.freeze()         # the parsed archive lives as long as the server: no collection walks it again
    sys.setswitchinterval(SWITCH_SECONDS)
    url = f"http://{_browser_host(host)}:{port}{rebuilder.base}/"
    echo(Msg.of("serve.started", url=url).render(lang))
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    PeriodicCallback(loop.tick, TICK_SECONDS * 1000).start()
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    try:
        await stop.wait()
    finally:
        rebuilder.close()


class SaveLoop:
    """On every tick (and when the watcher tells of a save): reload the tabs that missed a reload, let
    the rebuilder look for changes, then bring the site up to date a slice at a time between requests."""

    def __init__(self, loop: asyncio.AbstractEventLoop, waiters: set):
        self.loop = loop
        self.waiters = waiters                  # the connected pages
        self.latecomers = Latecomers()
        self.rebuilder: Rebuilder | None = None
        self.draining = False

    def wake(self) -> None:
        """From the watcher's thread."""
        self.loop.call_soon_threadsafe(self.tick)

    def reload(self, path: str, to: Iterable[object] | None = None) -> None:
        for waiter in list(self.waiters if to is None else to):
            try:
                waiter.write_message({"command": "reload", "path": path, "liveCSS": True, "liveImg": True})
            except Exception:  # noqa: BLE001 - a tab that went away in between
                self.waiters.discard(waiter)

    def tick(self) -> None:
        rebuilder = self.rebuilder
        if rebuilder is None:
            return
        self.reload("*", self.latecomers.check(self.waiters, rebuilder.generation))
        rebuilder()
        if rebuilder.busy and not self.draining:
            self.draining = True
            self.loop.call_soon(self.drain)

    def drain(self) -> None:
        """A slice of work, letting requests in between slices, and none while a browser is loading a
        page and what it links to."""
        waited = time.monotonic() - self.rebuilder.last_request
        if waited < BROWSER_FIRST_SECONDS:
            self.loop.call_later(BROWSER_FIRST_SECONDS - waited, self.drain)
        elif not self.rebuilder.work(WORK_SLICE_SECONDS):
            self.loop.call_soon(self.drain)
        else:
            self.draining = False


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


def _abandon(signum, frame) -> None:
    os._exit(0)                                 # in a worker that inherited the handler too


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
