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
- An alias on another host, an alias that is also a page of the site, or one that two articles
  claim is an error on the article's `aliases:` line, found before any page is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from .config import SiteConfig
from .errors import BuildFailed, Problem, error
from .feeds import build_feeds
from .messages import Msg
from .models import Article, Site
from .render import Output

TEMPLATE = "redirect.html"
FIXED_OUTPUTS = ("index.html", "404.html", "sitemap.xml", "news-sitemap.xml", "robots.txt")


@dataclass(frozen=True, slots=True)
class AliasPage:
    """One redirect page: the old path, the file it is written to, and where it sends the reader."""

    path: str                             # the old path as requested ('/tin-tuc/chi-tiet/12345.aspx')
    output_path: str                      # 'tin-tuc/chi-tiet/12345.aspx/index.html'
    target: Article | None                # the article of the alias without a query string
    queries: tuple[tuple[str, Article], ...] = ()   # (normalised query, article), sorted
    origin: str = ""                      # the source of the first article that claims the path

    @property
    def query_map(self) -> dict[str, str]:
        return {query: article.url for query, article in self.queries}


def alias_output_path(path: str) -> str:
    """The output file of an old path: '/tin/123.html' -> 'tin/123.html'; '/a/12.aspx' -> 'a/12.aspx/index.html'."""
    decoded = unquote(path).strip("/")
    if not decoded:
        return "index.html"
    if not path.endswith("/") and decoded.rsplit("/", 1)[-1].lower().endswith((".html", ".htm")):
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


def plan_alias_pages(config: SiteConfig, site: Site, taken: Iterable[str] = ()) -> tuple[tuple[AliasPage, ...],
                                                                                         list[Problem]]:
    """Every redirect page of the site, and the problems of its aliases. `taken` are output paths
    that other files of the build use (static files); the site's own pages are added here."""
    site_host = urlsplit(config.base_url).netloc
    files = set(taken) | set(FIXED_OUTPUTS) | {a.output_path for a in site.articles}
    files |= {asset.output for a in site.articles for asset in a.assets}
    files |= {pager.output_path for listing in site.listings for pager in listing.pages}
    for feed in build_feeds(site, config):
        files |= {feed.rss_url.lstrip("/"), feed.atom_url.lstrip("/")}
    folders = {"/".join(f.split("/")[:i]) for f in files for i in range(1, f.count("/") + 1)}

    problems: list[Problem] = []
    plain: dict[str, Article] = {}
    queried: dict[str, dict[str, Article]] = {}
    for article in sorted(site.articles, key=lambda a: a.path):
        line = article.line_of("aliases")
        for alias in article.aliases:
            parts = urlsplit(alias)
            if parts.netloc and not _same_host(parts.netloc, site_host):
                problems.append(error(article.path, line, "alias.other_host", value=alias, host=parts.netloc,
                                      site_host=site_host))
                continue
            path, query = parts.path or "/", normalise_query(parts.query)
            output = alias_output_path(path)
            parents = {"/".join(output.split("/")[:i]) for i in range(1, output.count("/") + 1)}
            if output in files or output in folders or parents & files:
                problems.append(error(article.path, line, "alias.taken", value=alias,
                                      other=Msg.of("alias.taken_page")))
                continue
            claims = queried.setdefault(path, {}) if query else plain
            key = query if query else path
            other = claims.get(key)
            if other is not None and other.path != article.path:
                problems.append(error(article.path, line, "alias.taken", value=alias,
                                      other=Msg.of("alias.taken_alias", path=other.path)))
                continue
            claims[key] = article

    pages: dict[str, AliasPage] = {}
    for path in sorted(set(plain) | set(queried)):
        queries = tuple(sorted(queried.get(path, {}).items()))
        target = plain.get(path)
        origin = (target or queries[0][1]).path
        page = AliasPage(path, alias_output_path(path), target, queries, origin)
        clash = pages.get(page.output_path)     # '/a/' and '/a' are one file
        if clash is not None:
            problems.append(error(origin, (target or queries[0][1]).line_of("aliases"), "alias.taken",
                                  value=path, other=Msg.of("alias.taken_alias", path=clash.origin)))
            continue
        pages[page.output_path] = page
    return tuple(pages.values()), problems


def render_alias_pages(config: SiteConfig, site: Site, env: Any, static_files: Mapping[str, Any] = {}) -> Iterator[Output]:
    """The redirect pages, rendered with the theme's `redirect.html`; raises `BuildFailed` with every
    problem of the site's aliases before yielding anything."""
    pages, problems = plan_alias_pages(config, site, (f.output for f in static_files.values()))
    if problems:
        raise BuildFailed(problems)
    if not pages:
        return
    template = env.get_template(TEMPLATE)
    for page in pages:
        html = template.render(alias=page, page_url=page.path)
        yield Output(page.output_path, html.encode("utf-8"), page.origin)
