"""Old addresses keep working: each `aliases:` entry of an article becomes a small redirect page.

An office moving from its old portal lists, in `aliases:`, the addresses an article had there
(`/tin-tuc/chi-tiet/12345.aspx`). At each one the build writes a page that sends the reader on
(`<meta http-equiv="refresh">`, `rel=canonical` to the new address, `noindex`, a visible link). These
pages are listed nowhere else: not in sitemaps, feeds or lists. The invariants:

- An old address maps to a file every static host serves as HTML: a last segment ending in `.html`
  or `.htm` is written as that file; anything else (`12345.aspx`, `tin/123`, `tin/`) as
  `<path>/index.html`, which hosts answer after their usual redirect to the trailing slash.
- A static host cannot route on the query string: `/chi-tiet.aspx?id=123` and `?id=124` are one file.
  So all aliases with a query on one path share one page, which picks the new address from
  `location.search` with a few lines of script; without script it links to the home page (or to
  the path's own alias without a query, if one exists). A web server can do better on its own, with
  a `map $request_uri` (nginx) from the same `aliases:` lists.
- An old address is a path of the host, as the old links arrive. A site under a sub-path
  (`base_url: https://congan.example.gov.vn/tin-tuc`) is deployed AT the path, so an alias below
  it is written without it (`/tin-tuc/chi-tiet/12345.aspx` -> `chi-tiet/12345.aspx/index.html`),
  and one outside it (`/Default.aspx?tabid=7`) can not be answered by any file of the built
  folder: that is an error that gives the web server's redirect to add instead.
- An alias on another host, outside the site's folder, that is also a page of the site, or that
  two articles claim is an error on the article's `aliases:` line, found before any page is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from ..config import SiteConfig
from ..core.errors import Problem, error
from ..core.messages import Msg
from ..core.models import AliasPage, Article
from ..core.urls import base_path, below_base, nginx_redirect

TEMPLATE = "redirect.html"


def alias_output_path(path: str, base: str = "") -> str | None:
    """The output file of an old path: '/tin/123.html' -> 'tin/123.html'; '/a/12.aspx' -> 'a/12.aspx/index.html';
    below a base path without it ('/tin-tuc/a/12.aspx' under '/tin-tuc' -> 'a/12.aspx/index.html'); None
    outside the base path."""
    url = below_base(path, base)
    if url is None:
        return None
    decoded = url.strip("/")
    if not decoded:
        return "index.html"
    if not url.endswith("/") and decoded.rsplit("/", 1)[-1].lower().endswith((".html", ".htm")):
        return decoded
    return f"{decoded}/index.html"


def normalise_query(query: str) -> str:
    """Parameters in a stable order, so '?b=2&a=1' finds the alias written '?a=1&b=2' (the script does the same)."""
    return "&".join(sorted(part for part in query.split("&") if part))


def _same_host(host: str, site_host: str) -> bool:
    def bare(name: str) -> str:
        name = name.lower().rstrip(".")
        return name[4:] if name.startswith("www.") else name
    return bare(host) == bare(site_host)


Claims = tuple[dict[str, Article], dict[str, dict[str, Article]]]   # path -> article; path -> query -> article


def build_aliases(config: SiteConfig, articles: Sequence[Article]) -> tuple[tuple[AliasPage, ...], list[Problem]]:
    """Every redirect page of the published articles, and the problems of their aliases: another
    host, outside the site's folder, or an old address two articles claim. An alias that is also a
    file of the site is found with every other output collision, from the page plan
    (`build.find_output_problems`)."""
    (plain, queried), problems = _claim_aliases(config, articles)
    base = base_path(config.base_url)
    pages: dict[str, AliasPage] = {}
    for path in sorted(set(plain) | set(queried)):
        by_query = sorted(queried.get(path, {}).items())
        target = plain.get(path)
        first = target or by_query[0][1]
        page = AliasPage(path, below_base(path, base) or "/", alias_output_path(path, base) or "",
                         target.card if target else None, tuple((query, a.card) for query, a in by_query),
                         first.path, first.line_of("aliases"))
        clash = pages.get(page.output_path)     # '/a/' and '/a' are one file
        if clash is not None:
            problems.append(error(page.origin, page.line, "alias.taken", value=path,
                                  other=Msg.of("alias.taken_alias", path=clash.origin)))
            continue
        pages[page.output_path] = page
    return tuple(pages.values()), problems


def _claim_aliases(config: SiteConfig, articles: Sequence[Article]) -> tuple[Claims, list[Problem]]:
    """Which article each old address (and each query on it) sends to, with the problems of the
    addresses no page can answer: on another host, or outside the site's folder."""
    site_host = urlsplit(config.base_url).netloc
    base = base_path(config.base_url)
    problems: list[Problem] = []
    plain: dict[str, Article] = {}
    queried: dict[str, dict[str, Article]] = {}
    for article in sorted(articles, key=lambda a: a.path):
        line = article.line_of("aliases")
        for alias in article.aliases:
            parts = urlsplit(alias)
            path, query = parts.path or "/", normalise_query(parts.query)
            if parts.netloc and not _same_host(parts.netloc, site_host):
                problems.append(error(article.path, line, "alias.other_host", value=alias, host=parts.netloc,
                                      site_host=site_host))
                continue
            if below_base(path, base) is None:
                problems.append(error(article.path, line, "alias.outside_base", value=alias, base=base,
                                      nginx=nginx_redirect(path, parts.query, base + article.url)))
                continue
            claims = queried.setdefault(path, {}) if query else plain
            key = query if query else path
            other = claims.get(key)
            if other is not None and other.path != article.path:
                problems.append(error(article.path, line, "alias.taken", value=alias,
                                      other=Msg.of("alias.taken_alias", path=other.path)))
                continue
            claims[key] = article
    return (plain, queried), problems
