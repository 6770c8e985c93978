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
from ..content.photos import large_variant
from ..core import vi
from ..core.models import Article, Site
from ..core.outputs import IsCurrent, Output, fingerprint, never_current
from ..site.pages import ArticleContext, Page
from .seo import meta_description, player_address

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
VIDEO_NS = "http://www.google.com/schemas/sitemap-video/1.1"      # documents and video (issue 28)
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
NEWS_WINDOW = timedelta(days=2)
NEWS_MAX = 1_000
SITEMAP_NAME = "sitemap.xml"
NEWS_SITEMAP_NAME = "news-sitemap.xml"
ROBOTS_NAME = "robots.txt"
_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n'


@dataclass(frozen=True, slots=True)
class SitemapVideo:
    """A video of a page, as Google's video sitemap extension describes it."""

    title: str
    description: str
    thumbnail: str                  # site-absolute: the poster's largest derivative
    content: str = ""               # site-absolute URL of a video file, or
    player: str = ""                # the absolute address of a platform's player
    duration: int | None = None     # whole seconds
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str                        # site-absolute ('/2024/09/27/x/')
    lastmod: datetime | None = None
    videos: tuple[SitemapVideo, ...] = ()


def build_sitemap_entries(pages: Sequence[Page]) -> tuple[SitemapEntry, ...]:
    """Every page the plan puts in the sitemap, in the plan's order (lists, then articles, newest first)."""
    return tuple(SitemapEntry(page.url, page.lastmod, _page_videos(page)) for page in pages if page.in_sitemap)


def _page_videos(page: Page) -> tuple[SitemapVideo, ...]:
    """The videos of an article's page that have a thumbnail (a platform's video without a poster has
    none of its own: it is left to the platform's sitemap)."""
    article = page.context.article if isinstance(page.context, ArticleContext) else None
    if article is None or not article.videos:
        return ()
    found = []
    for video in article.videos:
        if video.poster is None:
            continue
        shown = large_variant(video.poster)
        found.append(SitemapVideo(
            title=video.caption, description=meta_description(video.caption if video.caption != article.title
                                                              else article.summary),
            thumbnail=(shown or video.poster).url, content=video.url if video.is_file else "",
            player="" if video.is_file else player_address(video),
            duration=max(1, round(video.duration)) if video.duration else None, published=article.date))
    return tuple(found)


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
        yield Output(SITEMAP_NAME, _urlset(chunks[0][0], _any_video(chunks[0][1])), "/" + SITEMAP_NAME, key)
    else:
        children = []
        for number, (texts, members) in enumerate(chunks, start=1):
            name = f"sitemap-{number}.xml"
            yield Output(name, _urlset(texts, _any_video(members)), "/" + name)
            children.append((name, max((e.lastmod for e in members if e.lastmod), default=None)))
        yield Output(SITEMAP_NAME, render_sitemap_index(children, config), "/" + SITEMAP_NAME)
    yield Output(NEWS_SITEMAP_NAME, None if is_current(NEWS_SITEMAP_NAME, news_key) else
                 render_news_sitemap(site, config, now), "/" + NEWS_SITEMAP_NAME, news_key)


def split_entries(texts: Sequence[str], entries: Sequence[SitemapEntry], max_urls: int,
                  max_bytes: int) -> list[tuple[list[str], list[SitemapEntry]]]:
    """Consecutive groups of entries, each making a file of at most `max_urls` URLs and `max_bytes` bytes."""
    frame = len(_urlset([], videos=True))
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


def _urlset(texts: Sequence[str], videos: bool = False) -> bytes:
    namespaces = f' xmlns:video="{VIDEO_NS}"' if videos else ""
    return (_HEADER + f'<urlset xmlns="{SITEMAP_NS}"{namespaces}>\n' + "".join(texts) + "</urlset>\n").encode("utf-8")


def _any_video(entries: Sequence[SitemapEntry]) -> bool:
    return any(entry.videos for entry in entries)


def _url_entry(entry: SitemapEntry, config: SiteConfig) -> str:
    lastmod = f"    <lastmod>{vi.iso_in(entry.lastmod, config.tz)}</lastmod>\n" if entry.lastmod else ""
    videos = "".join(_video_entry(video, config) for video in entry.videos)
    return f"  <url>\n    <loc>{_loc(config, entry.url)}</loc>\n{lastmod}{videos}  </url>\n"


def _video_entry(video: SitemapVideo, config: SiteConfig) -> str:
    """One `<video:video>`: the tags Google requires (thumbnail, title, description, the file or the
    player), then the duration and publication date when known."""
    parts = [f"      <video:thumbnail_loc>{_loc(config, video.thumbnail)}</video:thumbnail_loc>\n",
             f"      <video:title>{escape(video.title)}</video:title>\n",
             f"      <video:description>{escape(video.description)}</video:description>\n"]
    if video.content:
        parts.append(f"      <video:content_loc>{_loc(config, video.content)}</video:content_loc>\n")
    else:
        parts.append(f"      <video:player_loc>{escape(video.player)}</video:player_loc>\n")
    if video.duration:
        parts.append(f"      <video:duration>{min(video.duration, 28_800)}</video:duration>\n")
    if video.published:
        parts.append(f"      <video:publication_date>{vi.iso_in(video.published, config.tz)}</video:publication_date>\n")
    return "    <video:video>\n" + "".join(parts) + "    </video:video>\n"


def _loc(config: SiteConfig, url: str) -> str:
    """Absolute, percent-encoded (RFC 3986) and XML-escaped."""
    return escape(urllib.parse.quote(config.absolute(url), safe=":/?#[]@!$&'()*+,;=%~"))

