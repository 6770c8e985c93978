"""The URL scheme of a bantin site, in one place. Every URL ends with '/' and maps to 'index.html'."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import unquote, urlsplit

SECTION_PREFIX = "/chuyen-muc/"
TAG_PREFIX = "/tu-khoa/"
AUTHOR_PREFIX = "/tac-gia/"
PAGE_SEGMENT = "trang"
SEARCH_URL = "/tim-kiem/"               # the search page (when site.yaml does not say `search: false`)
SEARCH_OUTPUT = "tim-kiem/index.html"
SEARCH_INDEX_DIR = "pagefind"           # one Pagefind index per year below it: '/pagefind/2024/'
RSS_NAME = "feed.xml"                   # a feed sits in the folder of the list it follows: '/feed.xml',
ATOM_NAME = "atom.xml"                  # '/chuyen-muc/an-toan-giao-thong/atom.xml'
HONORS_RECIPIENT_SEGMENT = "don-vi"     # '/khen-thuong/don-vi/<slug>/'
HONORS_CSV_NAME = "khen-thuong.csv"     # the roll's downloads, in its folder
HONORS_JSON_NAME = "khen-thuong.json"
DOCUMENTS_URL = "/tai-lieu/"            # every document the articles publish (documents and video, issue 28)

_PREFIXES = {"section": SECTION_PREFIX, "tag": TAG_PREFIX, "author": AUTHOR_PREFIX}


def article_url(permalink: str, date: datetime, slug: str, section_slug: str | None) -> str:
    return permalink.format(year=f"{date.year:04d}", month=f"{date.month:02d}", day=f"{date.day:02d}",
                            slug=slug, section=section_slug or "tin-tuc")


def base_path(base_url: str) -> str:
    """The path of `base_url`, without its trailing slash: 'https://x.vn/tin-tuc/' -> '/tin-tuc', 'https://x.vn' -> ''.
    The built folder is deployed at this path; site URLs ('/2024/') are below it."""
    return urlsplit(base_url).path.rstrip("/")


def below_base(path: str, base: str) -> str | None:
    """A path of the host as the site's folder sees it, like a site URL: '/tin-tuc/a/1.aspx' under the
    base path '/tin-tuc' -> '/a/1.aspx'; None when it lies outside the folder ('/Default.aspx').
    Decoded first, as a web server compares them ('/tin%2Dtuc/a' is under '/tin-tuc')."""
    decoded = unquote(path)
    if not base:
        return decoded
    base = unquote(base)
    if decoded != base and not decoded.startswith(base + "/"):
        return None
    return decoded[len(base):] or "/"


def nginx_redirect(path: str, query: str, to: str) -> str:
    """The nginx line that sends an old address of the host to `to`: a `location` for a path, a test of
    `$request_uri` for a path with a query (a location never sees the query)."""
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if query:
        return f"if ($request_uri = {quoted(path + '?' + query)}) {{ return 301 {to}; }}"
    return f"location = {quoted(unquote(path))} {{ return 301 {to}; }}"


def term_url(kind: str, slug: str) -> str:
    return f"{_PREFIXES[kind]}{slug}/"


def archive_url(period: tuple[int, ...]) -> str:
    parts = [f"{period[0]:04d}"] + [f"{p:02d}" for p in period[1:]]
    return "/" + "/".join(parts) + "/"


def page_url(first_url: str, number: int) -> str:
    """URL of page `number` of a list whose first page is `first_url` ('/' -> '/trang/2/')."""
    return first_url if number == 1 else f"{first_url}{PAGE_SEGMENT}/{number}/"


def feed_url(list_url: str, name: str = RSS_NAME) -> str:
    """The RSS (or Atom, `ATOM_NAME`) feed of the list at `list_url`: '/' -> '/feed.xml'."""
    return list_url + name


def honors_year(roll_url: str, year: int) -> str:
    """'/khen-thuong/' and 2024 -> '/khen-thuong/2024/'."""
    return f"{roll_url}{year:04d}/"


def honors_recipient(roll_url: str, slug: str) -> str:
    """'/khen-thuong/' and 'phong-tham-muu' -> '/khen-thuong/don-vi/phong-tham-muu/'."""
    return f"{roll_url}{HONORS_RECIPIENT_SEGMENT}/{slug}/"


def search_index(year: int | str) -> str:
    """The output folder of a year's search index: 'pagefind/2024'."""
    return f"{SEARCH_INDEX_DIR}/{year}"


def output_path(url: str) -> str:
    """'/2024/09/27/x/' -> '2024/09/27/x/index.html'; '/' -> 'index.html'."""
    return url.strip("/") + "/index.html" if url.strip("/") else "index.html"
