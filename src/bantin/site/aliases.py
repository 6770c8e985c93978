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

from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from ..config import SiteConfig
from ..core.errors import Problem, error
from ..core.messages import Msg
from ..core.models import AliasPage, Article

TEMPLATE = "redirect.html"


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


def build_aliases(config: SiteConfig, articles: Sequence[Article]) -> tuple[tuple[AliasPage, ...], list[Problem]]:
    """Every redirect page of the published articles, and the problems of their aliases: another
    host, or an old address two articles claim. An alias that is also a file of the site is found
    with every other output collision, from the page plan (`build.find_output_problems`)."""
    site_host = urlsplit(config.base_url).netloc
    problems: list[Problem] = []
    plain: dict[str, Article] = {}
    queried: dict[str, dict[str, Article]] = {}
    for article in sorted(articles, key=lambda a: a.path):
        line = article.line_of("aliases")
        for alias in article.aliases:
            parts = urlsplit(alias)
            if parts.netloc and not _same_host(parts.netloc, site_host):
                problems.append(error(article.path, line, "alias.other_host", value=alias, host=parts.netloc,
                                      site_host=site_host))
                continue
            path, query = parts.path or "/", normalise_query(parts.query)
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
        first = target or queries[0][1]
        page = AliasPage(path, alias_output_path(path), target, queries, first.path, first.line_of("aliases"))
        clash = pages.get(page.output_path)     # '/a/' and '/a' are one file
        if clash is not None:
            problems.append(error(page.origin, page.line, "alias.taken", value=path,
                                  other=Msg.of("alias.taken_alias", path=clash.origin)))
            continue
        pages[page.output_path] = page
    return tuple(pages.values()), problems
