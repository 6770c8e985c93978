"""Worker processes that die with their parent, and a time limit on each article's parse.

Parsing and rendering use pools of forked processes. A worker must never outlive the build that
started it: on Linux each one asks the kernel for SIGKILL when its parent dies
(`prctl(PR_SET_PDEATHSIG)`), and checks that the parent is still the one that forked it (it may
have died before the request); elsewhere a watchdog thread polls the parent. A CI step that kills
a build therefore never waits on sleeping workers, and a killed `bantin serve` leaves no process
holding its port. The kernel sends the signal when the *thread* that forked the worker ends: pools
are made and used by one thread (with fork, `ProcessPoolExecutor` forks all its workers in the
thread of the first `submit`/`map`).

Whether an article builds never depends on the machine: a body beyond the limits of
`markdown.check_limits` (sizes, depths, counts of formatting characters) is a `path:line: error:` at
the line it names, and what passes them parses in time linear in its size. `parse_in_time` keeps a
wall-clock limit, `ARTICLE_SECONDS` (a SIGALRM timer, in the worker or in the main thread of a single
process), only as a last guard against a bug: far above what the slowest body within the limits
takes on a slow, busy machine (bench/markdown_scaling.py), and its message says so. Off the main
thread (no signals there) parsing is not timed; the limits of `markdown.py` still hold.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol

from ..core.errors import error
from .cache import ParseResult
from .frontmatter import split_front_matter
from .markdown import BodyLimit

ARTICLE_SECONDS = 120.0         # wall-clock time one article may take to parse: a last guard, never a limit met
_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 1.0


def process_pool(workers: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple = ()) -> ProcessPoolExecutor:
    """A pool of forked workers (where the platform can fork) that die with this process."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(os.getpid(), initializer, initargs))


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def die_with_parent(parent: int) -> None:
    """Make this process end when `parent` does (SIGKILL from the kernel on Linux, a watchdog elsewhere)."""
    guarded = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            guarded = libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
        except (OSError, AttributeError):
            guarded = False
    if os.getppid() != parent:      # the parent is already gone: we were adopted
        os._exit(1)
    if not guarded:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


class _Parser(Protocol):
    def parse(self, source: Any) -> ParseResult: ...


class _TooSlow(BaseException):
    """Raised by the timer inside a parse (a BaseException: no `except Exception` may swallow it)."""


def _alarm(signum, frame) -> None:
    raise _TooSlow()


def parse_in_time(parser: _Parser, source: Any, seconds: float | None = None) -> ParseResult:
    """`parser.parse(source)`, or an error naming the file and the limit when it takes too long; an
    article nested too deep for the parser (RecursionError) is an error too."""
    limit = ARTICLE_SECONDS if seconds is None else seconds
    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous = signal.signal(signal.SIGALRM, _alarm) if timed else None
    try:
        try:
            if timed:
                signal.setitimer(signal.ITIMER_REAL, limit)
            return parser.parse(source)
        finally:
            if timed:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
    except _TooSlow:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        seconds_text = f"{limit:g}"
        return ParseResult(None, (error(source.path, 1, "article.too_slow", seconds=seconds_text),))
    except BodyLimit as limit:
        return ParseResult(None, (error(source.path, _body_line(source) + limit.offset, limit.key, **limit.params),))
    except RecursionError:
        return ParseResult(None, (error(source.path, 1, "article.too_deep"),))


def _body_line(source: Any) -> int:
    """The file line where the body of `source` starts (line endings counted as the parser counts them)."""
    text = source.data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")
    split, _ = split_front_matter(text, source.path)
    return split.body_line if split is not None else 1
