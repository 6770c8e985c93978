"""Feeds: RSS 2.0 and Atom for the whole site and for each section, the latest 50 articles.

`/feed.xml` and `/atom.xml` for the site, `/chuyen-muc/<slug>/feed.xml` and `.../atom.xml` for each
section. Every URL is absolute, every date is full with the site's offset (+07:00), each item has its
summary and its lead photo (an enclosure: its largest derivative with its size in bytes, known because
feeds are rendered after the photos are produced). Written with the standard
library's ElementTree, which escapes text and attributes; the output depends only on the site.
"""

from __future__ import annotations

import email.utils
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .. import __version__
from ..config import SiteConfig
from ..content.photos import large_variant
from ..core import urls, vi
from ..core.models import Article, Site, Term
from ..core.outputs import IsCurrent, Output, fingerprint, never_current

FEED_SIZE = 50
RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
GENERATOR = "bantin"
ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A feed as a page links to it with `<link rel="alternate">`."""

    title: str
    url: str            # site-absolute: '/feed.xml'
    type: str           # 'application/rss+xml' | 'application/atom+xml'


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed's content: what it is about and its newest articles."""

    title: str
    description: str
    page_url: str                   # the HTML page it belongs to ('/', '/chuyen-muc/x/')
    items: tuple[Article, ...]

    @property
    def rss_url(self) -> str:
        return urls.feed_url(self.page_url, urls.RSS_NAME)

    @property
    def atom_url(self) -> str:
        return urls.feed_url(self.page_url, urls.ATOM_NAME)


@dataclass(frozen=True, slots=True)
class Enclosure:
    url: str            # absolute
    type: str
    length: int         # bytes, as published


def feed_title(config: SiteConfig, section: Term | None) -> str:
    return f"{section.name} - {config.title}" if section else config.title


def feed_links(config: SiteConfig, section: Term | None = None) -> tuple[FeedLink, ...]:
    """The site's feeds, then the section's when the page belongs to one."""
    links = []
    for term in (None, section) if section else (None,):
        base = term.url if term else "/"
        title = feed_title(config, term)
        links += [FeedLink(title, urls.feed_url(base, urls.RSS_NAME), RSS_TYPE),
                  FeedLink(title, urls.feed_url(base, urls.ATOM_NAME), ATOM_TYPE)]
    return tuple(links)


def build_feeds(site: Site, config: SiteConfig) -> tuple[Feed, ...]:
    """The site feed, then one feed per section of the menu (empty sections too: their URL is stable)."""
    feeds = [Feed(config.title, config.description or config.title, "/", site.articles[:FEED_SIZE])]
    newest: dict[str, list[Article]] = {section.slug: [] for section in site.sections}
    for article in site.articles:
        if article.section and len(newest.get(article.section.slug, ())) < FEED_SIZE:
            newest[article.section.slug].append(article)
    for section in site.sections:
        feeds.append(Feed(feed_title(config, section), feed_title(config, section), section.url,
                          tuple(newest[section.slug])))
    return tuple(feeds)


def enclosure(article: Article, config: SiteConfig, sizes: Mapping[str, int] | None = None) -> Enclosure | None:
    """The lead photo as published: its largest derivative (or the photo itself when it has none), with
    its absolute URL, type and size in bytes (`sizes`: output path -> bytes of the produced derivatives)."""
    figure = article.lead_figure
    if figure is None:
        return None
    large = large_variant(figure.photo)
    if large is not None and sizes is not None and large.output in sizes:
        return Enclosure(config.absolute(large.url), large.mime, sizes[large.output])
    return Enclosure(config.absolute(figure.photo.url), figure.photo.mime, figure.photo.size)


def render_feeds(site: Site, config: SiteConfig, logo_url: str | None = None,
                 sizes: Mapping[str, int] | None = None, is_current: IsCurrent = never_current) -> Iterator[Output]:
    """RSS and Atom for every feed (`sizes`: output path -> bytes of the produced photo derivatives,
    for enclosures). A feed whose items (their cards and lead photos: what a feed shows of them) and
    settings are unchanged since the last build is not rendered again."""
    lead = lambda article: enclosure(article, config, sizes)  # noqa: E731
    newest = site.articles[0].date if site.articles else site.now
    for feed in build_feeds(site, config):
        key = fingerprint("feed", __version__, config, logo_url, feed.title, feed.description, feed.page_url,
                          tuple((a.card.digest or a.path, lead(a)) for a in feed.items), None if feed.items else newest)
        for url, render in ((feed.rss_url, lambda: render_rss(feed, config, lead, logo_url)),
                            (feed.atom_url, lambda: render_atom(feed, config, lead, logo_url, newest))):
            path = url.lstrip("/")
            yield Output(path, None if is_current(path, key) else render(), url, key)


def render_rss(feed: Feed, config: SiteConfig, enclosure: Callable[[Article], Enclosure | None],
               logo_url: str | None = None) -> bytes:
    """An RSS 2.0 document (with `atom:link rel="self"` and `dc:creator` for authors)."""
    absolute = _absolute(config)
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:dc": DC_NS})
    channel = _sub(rss, "channel")
    _sub(channel, "title", feed.title)
    _sub(channel, "link", absolute(feed.page_url))
    _sub(channel, "description", feed.description)
    _sub(channel, "language", config.language)
    _sub(channel, "generator", GENERATOR)
    if feed.items:
        _sub(channel, "lastBuildDate", _rfc822(max(a.modified for a in feed.items), config))
    _sub(channel, "atom:link", attrs={"href": absolute(feed.rss_url), "rel": "self", "type": RSS_TYPE})
    if logo_url:
        image = _sub(channel, "image")
        _sub(image, "url", logo_url)
        _sub(image, "title", feed.title)
        _sub(image, "link", absolute(feed.page_url))
    for article in feed.items:
        item = _sub(channel, "item")
        _sub(item, "title", article.title)
        _sub(item, "link", absolute(article.url))
        _sub(item, "guid", absolute(article.url), {"isPermaLink": "true"})
        _sub(item, "pubDate", _rfc822(article.date, config))
        _sub(item, "description", article.summary)
        for author in article.authors:
            _sub(item, "dc:creator", author.name)
        for term in _categories(article):
            _sub(item, "category", term.name)
        found = enclosure(article)
        if found:
            _sub(item, "enclosure", attrs={"url": found.url, "length": str(found.length), "type": found.type})
    return _serialize(rss)


def render_atom(feed: Feed, config: SiteConfig, enclosure: Callable[[Article], Enclosure | None],
                logo_url: str | None = None, fallback_updated: datetime | None = None) -> bytes:
    """An Atom 1.0 document (RFC 4287)."""
    absolute = _absolute(config)
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": config.language})
    _sub(root, "id", absolute(feed.page_url))
    _sub(root, "title", feed.title)
    _sub(root, "subtitle", feed.description)
    updated = max((a.modified for a in feed.items), default=fallback_updated)
    if updated is not None:
        _sub(root, "updated", vi.iso_in(updated, config.tz))
    _sub(root, "link", attrs={"rel": "alternate", "type": "text/html", "href": absolute(feed.page_url)})
    _sub(root, "link", attrs={"rel": "self", "type": ATOM_TYPE, "href": absolute(feed.atom_url)})
    author = _sub(root, "author")
    _sub(author, "name", config.title)
    _sub(author, "uri", absolute("/"))
    _sub(root, "generator", GENERATOR)
    if logo_url:
        _sub(root, "logo", logo_url)
    for article in feed.items:
        entry = _sub(root, "entry")
        _sub(entry, "id", absolute(article.url))
        _sub(entry, "title", article.title)
        _sub(entry, "link", attrs={"rel": "alternate", "type": "text/html", "href": absolute(article.url)})
        _sub(entry, "published", vi.iso_in(article.date, config.tz))
        _sub(entry, "updated", vi.iso_in(article.modified, config.tz))
        for person in article.authors:
            _sub(_sub(entry, "author"), "name", person.name)
        for term in _categories(article):
            _sub(entry, "category", attrs={"term": term.slug, "label": term.name, "scheme": absolute(term.url)})
        _sub(entry, "summary", article.summary, {"type": "text"})
        found = enclosure(article)
        if found:
            _sub(entry, "link", attrs={"rel": "enclosure", "type": found.type, "length": str(found.length),
                                       "href": found.url})
    return _serialize(root)


def _absolute(config: SiteConfig) -> Callable[[str], str]:
    return config.absolute


def _categories(article: Article) -> Sequence[Term]:
    """The section, then the tags; a tag named like the section is given once."""
    terms = ((article.section,) if article.section else ()) + article.tags
    unique: dict[str, Term] = {}
    for term in terms:
        unique.setdefault(term.name.casefold(), term)
    return tuple(unique.values())


def _rfc822(moment: datetime, config: SiteConfig) -> str:
    """'Fri, 27 Sep 2024 11:41:48 +0700' in the site's time zone."""
    return email.utils.format_datetime(moment.astimezone(config.tz))



def _sub(parent: ET.Element, tag: str, text: str | None = None, attrs: dict[str, str] | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in (attrs or {}).items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters)."""
    return _NOT_XML.sub("", text)


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root, "  ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"
