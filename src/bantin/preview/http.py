"""What the preview answers a browser: the WSGI app, from memory.

`PreviewApp` knows the site only through `Previewed` (the rebuilder implements it): a file of the last
good save, made current before it is served, or the error page while the last save failed; only to
requests addressed to this server (`host_allowed`). A page whose URL changed with its title is
redirected from the old URL to the new one, and an old fingerprinted asset name
('css/bantin.0035fc2b.css') answers with the current file, so a stylesheet is swapped in place.
"""

from __future__ import annotations

import ipaddress
import mimetypes
import os
import re
import time
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from ..core.messages import Msg
from .error_page import Failure, render_error_page
from .latecomers import Latecomers

FINGERPRINTED_NAME = re.compile(r"^(?P<stem>.+)\.[0-9a-f]{6,64}(?P<ext>\.[A-Za-z0-9]+)$")
IMMUTABLE = "max-age=31536000, immutable"   # a file named after its bytes: kept by the browser
Response = tuple[str, list[tuple[str, str]], bytes]


class Previewed(Protocol):
    """The site as the HTTP side sees it."""

    lang: str
    base: str                           # the path of base_url ('/tin-tuc'): the site is served under it
    site_dir: Path
    generation: int                     # counts saves that changed what is served
    failure: Failure | None
    last_request: float

    def make_current(self, rel: str) -> None:
        """The file (or folder page) at output path `rel` is about to be served: make it current."""

    def file(self, rel: str) -> bytes | None: ...

    def is_folder(self, rel: str) -> bool: ...

    def is_immutable(self, rel: str) -> bool: ...

    def current_name(self, rel: str) -> str | None:
        """For an old fingerprinted name, the output path of the current file."""

    def moved_to(self, rel: str) -> str | None:
        """The URL of the page that replaced the one at `rel`, if a save moved it."""


def request_path(url_path: str) -> str | None:
    """The output path a URL path names ('' for the top), or None for anything that could leave the
    site ('..' segments, backslashes, NUL)."""
    parts = url_path.split("/")
    if any(part == ".." or "\\" in part or "\0" in part for part in parts):
        return None
    return "/".join(part for part in parts if part not in ("", "."))


def current_name(path: str, fingerprinted: Iterable[str]) -> str | None:
    """For a fingerprinted file's old name ('css/bantin.0035fc2b.css'), its current name among
    `fingerprinted`: a page loaded before a stylesheet edit still links the old name, and
    livereload.js swaps a stylesheet in place by fetching the link's own URL again."""
    folder, _, name = path.rpartition("/")
    match = FINGERPRINTED_NAME.match(name)
    if not match:
        return None
    found = [p for p in fingerprinted if p.rpartition("/")[0] == folder
             and (other := FINGERPRINTED_NAME.match(p.rpartition("/")[2])) is not None
             and (other["stem"], other["ext"]) == (match["stem"], match["ext"])]
    return found[0] if len(found) == 1 else None


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
    """WSGI app serving the last good save from memory, or the error page while the last save failed."""

    def __init__(self, site: Previewed, latecomers: Latecomers, address: tuple[str, int] | None = None):
        self.site = site
        self.latecomers = latecomers
        self.address = address

    def __call__(self, environ, start_response):
        self.site.last_request = time.monotonic()    # background work waits while a browser loads
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

    def respond(self, environ) -> Response:
        site, lang = self.site, self.site.lang
        if self.address is not None and not host_allowed(environ.get("HTTP_HOST", ""), *self.address):
            return _text("421 Misdirected Request", Msg.of("serve.wrong_host").render(lang))
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return "405 Method Not Allowed", [("Allow", "GET, HEAD"), ("Content-Type", "text/plain")], b""
        url_path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        base = site.base
        if base and url_path in ("/", base):
            return "302 Found", [("Location", quote(base + "/"))], b""
        if base and not url_path.startswith(base + "/"):
            return self._not_found(environ)
        full_path, url_path = url_path, url_path[len(base):]
        rel = request_path(url_path)
        if rel is None:
            return _text("403 Forbidden", Msg.of("serve.forbidden").render(lang))
        site.make_current(rel)
        if site.is_folder(rel):
            if not url_path.endswith("/"):
                query = environ.get("QUERY_STRING")
                return "301 Moved Permanently", [("Location", quote(full_path + "/") + (f"?{query}" if query else ""))], b""
            rel = f"{rel}/index.html" if rel else "index.html"
        return self._file(rel, environ)

    def _file(self, asked: str, environ) -> Response:
        site = self.site
        data, rel = site.file(asked), asked
        if data is None and (current := site.current_name(asked)) is not None:
            data, rel = site.file(current), current
        if site.failure is not None and (rel.endswith(".html") or data is None):
            return self._html("500 Internal Server Error", render_error_page(site.failure, site.site_dir, site.lang),
                              environ)
        if data is not None:
            kind = mimetypes.guess_type(rel.rpartition("/")[2])[0] or "application/octet-stream"
            if kind == "text/html":
                return self._html("200 OK", data, environ)
            if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
                kind += "; charset=utf-8"
            headers = [("Content-Type", kind)]
            if site.failure is None and rel == asked and site.is_immutable(rel):
                headers.append(("Cache-Control", IMMUTABLE))   # named after its bytes, not an old name
            return "200 OK", headers, data
        moved = site.moved_to(asked)
        if moved is not None:
            return "302 Found", [("Location", quote(site.base + moved))], b""
        return self._not_found(environ)

    def _not_found(self, environ) -> Response:
        self.site.make_current("404.html")
        page = self.site.file("404.html")
        if page is not None:
            return self._html("404 Not Found", page, environ)
        return _text("404 Not Found", Msg.of("serve.not_found").render(self.site.lang))

    def _html(self, status: str, data: bytes, environ) -> Response:
        if _is_navigation(environ):             # a page a browser will show, and connect from
            path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
            self.latecomers.page_served(path, self.site.generation)
        return status, [("Content-Type", "text/html; charset=utf-8")], data


def _text(status: str, text: str) -> Response:
    return status, [("Content-Type", "text/plain; charset=utf-8")], text.encode("utf-8")


def _is_navigation(environ) -> bool:
    """A browser loading a page into a tab (not a favicon, a fetch or a HEAD request)."""
    if environ.get("REQUEST_METHOD") != "GET":
        return False
    dest = environ.get("HTTP_SEC_FETCH_DEST")
    if dest is not None:
        return dest == "document"
    return "text/html" in environ.get("HTTP_ACCEPT", "")
