"""Sitemaps for search engines: `sitemap.xml`, `news-sitemap.xml` (Google News) and `robots.txt`.

`sitemap.xml` lists every page; past 50 000 URLs or 50 MB it becomes a sitemap index pointing at
`sitemap-1.xml`, `sitemap-2.xml`, ... (the limits of sitemaps.org). `news-sitemap.xml` lists only the
articles published in the two days before the build clock, as Google News asks (at most 1 000); it
may be empty, which Google accepts. The only input that depends on time is that clock, so a build
with a fixed clock (`SOURCE_DATE_EPOCH`) is reproducible.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from .. import __version__
from ..config import SiteConfig
from ..core import vi
from ..core.models import Article, Site
from ..core.outputs import IsCurrent, Output, fingerprint, never_current
from ..site.pages import Page

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
NEWS_WINDOW = timedelta(days=2)
NEWS_MAX = 1_000
SITEMAP_NAME = "sitemap.xml"
NEWS_SITEMAP_NAME = "news-sitemap.xml"
ROBOTS_NAME = "robots.txt"
_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n'


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str                        # site-absolute ('/2024/09/27/x/')
    lastmod: datetime | None = None


def build_sitemap_entries(pages: Sequence[Page]) -> tuple[SitemapEntry, ...]:
    """Every page the plan puts in the sitemap, in the plan's order (lists, then articles, newest first)."""
    return tuple(SitemapEntry(page.url, page.lastmod) for page in pages if page.in_sitemap)


def select_news(site: Site, now: datetime) -> tuple[Article, ...]:
    """Articles published in the two days up to `now`, newest first, at most 1 000."""
    return tuple(a for a in site.articles if now - NEWS_WINDOW <= a.date <= now)[:NEWS_MAX]


def render_sitemaps(site: Site, pages: Sequence[Page], config: SiteConfig, now: datetime, *,
                    max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES,
                    is_current: IsCurrent = never_current) -> Iterator[Output]:
    """`sitemap.xml` (or an index and its children), then `news-sitemap.xml`. While the pages and
    their dates are the same as in the last build, a small sitemap is not rendered again."""
    entries = build_sitemap_entries(pages)
    news = select_news(site, now)
    news_key = fingerprint("news", __version__, config.base_url, config.title, config.language,
                           [(a.url, a.date, a.title) for a in news])
    key = fingerprint("sitemap", __version__, config.base_url, config.timezone, max_urls, max_bytes, entries)
    if len(entries) < max_urls and is_current(SITEMAP_NAME, key):   # a split sitemap is always remade
        yield Output(SITEMAP_NAME, None, "/" + SITEMAP_NAME, key)
        yield Output(NEWS_SITEMAP_NAME, None if is_current(NEWS_SITEMAP_NAME, news_key) else
                     render_news_sitemap(site, config, now), "/" + NEWS_SITEMAP_NAME, news_key)
        return
    chunks = split_entries([_url_entry(e, config) for e in entries], entries, max_urls, max_bytes)
    if len(chunks) == 1:
        yield Output(SITEMAP_NAME, _urlset(chunks[0][0]), "/" + SITEMAP_NAME, key)
    else:
        children = []
        for number, (texts, members) in enumerate(chunks, start=1):
            name = f"sitemap-{number}.xml"
            yield Output(name, _urlset(texts), "/" + name)
            children.append((name, max((e.lastmod for e in members if e.lastmod), default=None)))
        yield Output(SITEMAP_NAME, render_sitemap_index(children, config), "/" + SITEMAP_NAME)
    yield Output(NEWS_SITEMAP_NAME, None if is_current(NEWS_SITEMAP_NAME, news_key) else
                 render_news_sitemap(site, config, now), "/" + NEWS_SITEMAP_NAME, news_key)


def split_entries(texts: Sequence[str], entries: Sequence[SitemapEntry], max_urls: int,
                  max_bytes: int) -> list[tuple[list[str], list[SitemapEntry]]]:
    """Consecutive groups of entries, each making a file of at most `max_urls` URLs and `max_bytes` bytes."""
    frame = len(_urlset([]))
    chunks: list[tuple[list[str], list[SitemapEntry]]] = [([], [])]
    size = frame
    for text, entry in zip(texts, entries):
        length = len(text.encode("utf-8"))
        current = chunks[-1][0]
        if current and (len(current) >= max_urls or size + length > max_bytes):
            chunks.append(([], []))
            size = frame
        chunks[-1][0].append(text)
        chunks[-1][1].append(entry)
        size += length
    return chunks


def render_sitemap_index(children: Sequence[tuple[str, datetime | None]], config: SiteConfig) -> bytes:
    parts = [_HEADER, f'<sitemapindex xmlns="{SITEMAP_NS}">\n']
    for name, lastmod in children:
        parts.append(f"  <sitemap>\n    <loc>{_loc(config, '/' + name)}</loc>\n")
        if lastmod:
            parts.append(f"    <lastmod>{vi.iso_in(lastmod, config.tz)}</lastmod>\n")
        parts.append("  </sitemap>\n")
    parts.append("</sitemapindex>\n")
    return "".join(parts).encode("utf-8")


def render_news_sitemap(site: Site, config: SiteConfig, now: datetime) -> bytes:
    """The Google News sitemap: publication name and language, publication date and title."""
    parts = [_HEADER, f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n']
    name, language = escape(config.title), escape(config.language)
    for article in select_news(site, now):
        parts.append(
            f"  <url>\n    <loc>{_loc(config, article.url)}</loc>\n    <news:news>\n"
            f"      <news:publication>\n        <news:name>{name}</news:name>\n"
            f"        <news:language>{language}</news:language>\n      </news:publication>\n"
            f"      <news:publication_date>{vi.iso_in(article.date, config.tz)}</news:publication_date>\n"
            f"      <news:title>{escape(article.title)}</news:title>\n    </news:news>\n  </url>\n")
    parts.append("</urlset>\n")
    return "".join(parts).encode("utf-8")


def render_robots(config: SiteConfig, static: Container[str] = ()) -> Iterator[Output]:
    """`robots.txt`: everything may be crawled; both sitemaps named. A site's own `static/robots.txt`
    wins (it is published with the static files)."""
    if ROBOTS_NAME in static:
        return
    text = (f"User-agent: *\nAllow: /\n\nSitemap: {config.absolute('/' + SITEMAP_NAME)}\n"
            f"Sitemap: {config.absolute('/' + NEWS_SITEMAP_NAME)}\n")
    yield Output(ROBOTS_NAME, text.encode("utf-8"), "/" + ROBOTS_NAME)


def _urlset(texts: Sequence[str]) -> bytes:
    return (_HEADER + f'<urlset xmlns="{SITEMAP_NS}">\n' + "".join(texts) + "</urlset>\n").encode("utf-8")


def _url_entry(entry: SitemapEntry, config: SiteConfig) -> str:
    lastmod = f"    <lastmod>{vi.iso_in(entry.lastmod, config.tz)}</lastmod>\n" if entry.lastmod else ""
    return f"  <url>\n    <loc>{_loc(config, entry.url)}</loc>\n{lastmod}  </url>\n"


def _loc(config: SiteConfig, url: str) -> str:
    """Absolute, percent-encoded (RFC 3986) and XML-escaped."""
    return escape(urllib.parse.quote(config.absolute(url), safe=":/?#[]@!$&'()*+,;=%~"))

