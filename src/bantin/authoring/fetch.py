"""Polite HTTP for `bantin import`: the only module that talks to other web sites (it owns httpx).

Invariants: at most `concurrency` (2) requests at a time and `delay` seconds between the starts of
two requests to one host; a User-Agent that names bantin; a timeout on every network wait and a
deadline of 4 timeouts for a whole response (a server dripping bytes cannot hold an import); up to
`attempts` tries with exponential backoff for network errors, 429 and 5xx; at most `max_redirects`
redirects; a body over `max_bytes` (50 MB) is refused while it streams, never held whole. Every
failure is a `FetchError` carrying a catalog message, never an httpx exception.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from .. import __version__
from ..core.messages import Msg

USER_AGENT = f"bantin/{__version__} (+https://pypi.org/project/bantin/; archive import)"
MAX_BYTES = 50 * 1024 * 1024
RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str                    # the address asked for
    final_url: str              # after redirects
    status: int
    content_type: str           # 'text/html' (no parameters)
    charset: str | None         # from the Content-Type header
    data: bytes


class FetchError(Exception):
    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(msg.key)


class Fetcher:
    """One HTTP client for a whole import; safe to call from several threads."""

    def __init__(self, *, delay: float = 1.0, timeout: float = 30.0, attempts: int = 3, backoff: float = 2.0,
                 max_bytes: int = MAX_BYTES, max_redirects: int = 5, concurrency: int = 2,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.delay, self.attempts, self.backoff, self.max_bytes = delay, attempts, backoff, max_bytes
        self.sleep, self.clock = sleep, clock
        self.client = httpx.Client(headers={"User-Agent": USER_AGENT, "Accept-Language": "vi,en;q=0.5"},
                                   timeout=httpx.Timeout(timeout), follow_redirects=True,
                                   max_redirects=max_redirects)   # proxies from the environment, as offices need
        self.deadline = 4 * timeout
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.next_start: dict[str, float] = {}
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        with self.lock:
            now = self.clock()
            start = max(now, self.next_start.get(host, now))
            self.next_start[host] = start + self.delay
            self.requests += 1
        if start > now:
            self.sleep(start - now)

    def get(self, url: str) -> Fetched:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(Msg.of("import.reason.not_http", url=url))
        for attempt in range(self.attempts):
            last = attempt == self.attempts - 1
            try:
                with self.slots:
                    self._wait_turn(parts.netloc)
                    fetched = self._get_once(url)
            except httpx.TooManyRedirects:
                raise FetchError(Msg.of("import.reason.redirects")) from None
            except (httpx.TransportError, httpx.InvalidURL) as exc:
                if last or isinstance(exc, httpx.InvalidURL):
                    raise FetchError(Msg.of("import.reason.network", detail=type(exc).__name__)) from None
            else:
                if fetched.status not in RETRY_STATUS or last:
                    return fetched
            self.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_once(self, url: str) -> Fetched:
        started = self.clock()
        with self.client.stream("GET", url) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(Msg.of("import.reason.too_large", limit=self.max_bytes // (1024 * 1024)))
            chunks, size = [], 0
            for chunk in response.iter_bytes():    # decoded: a compressed bomb is capped too
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(Msg.of("import.reason.too_large", limit=self.max_bytes // (1024 * 1024)))
                chunks.append(chunk)
                if self.clock() - started > self.deadline:
                    raise FetchError(Msg.of("import.reason.network", detail="deadline"))
            data = b"".join(chunks)
            content_type = response.headers.get("content-type", "")
            mime = content_type.split(";")[0].strip().lower()
            charset = None
            for param in content_type.split(";")[1:]:
                name, _, value = param.partition("=")
                if name.strip().lower() == "charset":
                    charset = value.strip().strip('"\'') or None
            return Fetched(url, str(response.url), response.status_code, mime, charset, data)

