"""Search and social metadata: schema.org JSON-LD for articles, list pages and the home page; the logo;
the meta description.

JSON-LD is built as Python dicts and serialized with sorted keys (deterministic). `<`, `>` and `&` are
written as `\\u003c`, `\\u003e`, `\\u0026`, so no title can close the `<script>` element it sits in; the
templates print it with `| safe`. Every URL in it is absolute, every date has its offset.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..config import SiteConfig
from ..content.images import ImageError, read_image_info
from ..content.parse import SUMMARY_LIMIT
from ..content.photos import large_variant
from ..core import vi
from ..core.models import Article, Photo, Video
from ..core.urls import SEARCH_URL
from .assets import StaticFile
from .feeds import feed_links

SCHEMA = "https://schema.org"
BUILTIN_LOGO = "logo.png"
LOCALES = {"vi": "vi_VN", "en": "en_US"}


@dataclass(frozen=True, slots=True)
class Logo:
    """The publisher's logo: `site.logo`, else the built-in theme's."""

    url: str                        # absolute, fingerprinted
    width: int | None = None
    height: int | None = None


def find_logo(config: SiteConfig, static_files: Mapping[str, StaticFile]) -> Logo | None:
    rel = (config.logo or BUILTIN_LOGO).lstrip("/")
    item = static_files.get(rel) or static_files.get(BUILTIN_LOGO)
    if item is None:
        return None
    try:
        info = read_image_info(item.data if item.data is not None else item.source.read_bytes())
    except (ImageError, OSError):
        return Logo(config.absolute("/" + item.output))
    return Logo(config.absolute("/" + item.output), info.width, info.height)


def render_jsonld(data: Mapping[str, Any]) -> str:
    """JSON for a `<script type="application/ld+json">`: sorted keys, UTF-8 text, `<>&` escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def meta_description(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters (with '…')."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–") + "…"


def build_organization(config: SiteConfig, logo: Logo | None) -> dict[str, Any]:
    organization: dict[str, Any] = {"@type": "Organization", "name": config.title, "url": config.absolute("/")}
    if logo:
        image: dict[str, Any] = {"@type": "ImageObject", "url": logo.url}
        if logo.width and logo.height:
            image.update(width=logo.width, height=logo.height)
        organization["logo"] = image
    return organization


def build_news_article(article: Article, config: SiteConfig, logo: Logo | None) -> dict[str, Any]:
    """A schema.org `NewsArticle`, with every field Google's article rich results read."""
    url = config.absolute(article.url)
    images = [image for figure in article.figures for image in _photo_ld(figure.photo, config)] \
        or ([logo.url] if logo else [])
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": article.title,
        "description": meta_description(article.summary),
        "image": images,
        "datePublished": vi.iso_in(article.date, config.tz),
        "dateModified": vi.iso_in(article.modified, config.tz),
        "author": [{"@type": "Person", "name": a.name, "url": config.absolute(a.url)} for a in article.authors],
        "publisher": build_organization(config, logo),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "inLanguage": config.language,
    }
    if article.section:
        data["articleSection"] = article.section.name
    if article.tags:
        data["keywords"] = [tag.name for tag in article.tags]
    if article.videos:                  # documents and video (issue 28)
        data["video"] = [build_video_object(video, article, config, logo) for video in article.videos]
    return data


def build_video_object(video: Video, article: Article, config: SiteConfig, logo: Logo | None) -> dict[str, Any]:
    """A schema.org `VideoObject` with what Google's video results read: name, description, thumbnail
    (the poster's largest derivative and its crop, else the publisher's logo), upload date, the file
    (`contentUrl`) or the platform's player (`embedUrl`), and the duration when known."""
    thumbnails = [v["url"] for v in _photo_ld(video.poster, config) if isinstance(v, dict)] if video.poster else []
    if video.poster and not thumbnails:
        thumbnails = [config.absolute(video.poster.url)]
    data: dict[str, Any] = {
        "@type": "VideoObject",
        "name": video.caption,
        "description": meta_description(video.caption if video.caption != article.title else article.summary),
        "thumbnailUrl": thumbnails or ([logo.url] if logo else []),
        "uploadDate": vi.iso_in(article.date, config.tz),
        "inLanguage": config.language,
    }
    if video.is_file:
        data.update(contentUrl=config.absolute(video.url), encodingFormat=video.mime)
        if video.width and video.height:
            data.update(width=video.width, height=video.height)
    else:
        data.update(embedUrl=player_address(video), url=video.url)
    if video.duration:
        data["duration"] = iso_duration(video.duration)
    return data


def player_address(video: Video) -> str:
    """The platform's player without the autoplay the facade asks for on click: what search engines embed."""
    parts = urlsplit(video.embed_url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("autoplay",)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def iso_duration(seconds: float) -> str:
    """ISO 8601, as schema.org reads a duration: 'PT4S', 'PT2M5S', 'PT1H2M5S'."""
    total = max(1, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs else "")


def _photo_ld(photo: Photo, config: SiteConfig) -> list[Any]:
    """A photo for JSON-LD: its largest derivative and its 1200x630 crop, with their sizes."""
    shown = [v for v in (large_variant(photo), photo.social) if v is not None]
    if not shown:
        return [config.absolute(photo.url)]
    return [{"@type": "ImageObject", "url": config.absolute(v.url), "width": v.width, "height": v.height}
            for v in shown]


def build_breadcrumbs(items: Sequence[tuple[str, str]], config: SiteConfig) -> dict[str, Any]:
    """A `BreadcrumbList` from (name, site-absolute URL) pairs, home first."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": number, "name": name, "item": config.absolute(url)}
                            for number, (name, url) in enumerate(items, start=1)],
    }


def build_website(config: SiteConfig, logo: Logo | None) -> dict[str, Any]:
    """The home page's `WebSite`, with a `SearchAction` leading to the search page when search is on."""
    data: dict[str, Any] = {"@context": SCHEMA, "@type": "WebSite", "name": config.title,
                            "url": config.absolute("/"), "inLanguage": config.language,
                            "publisher": build_organization(config, logo)}
    if config.description:
        data["description"] = config.description
    if config.search:
        data["potentialAction"] = {"@type": "SearchAction", "query-input": "required name=q",
                                   "target": {"@type": "EntryPoint",
                                              "urlTemplate": config.absolute(f"{SEARCH_URL}?q={{q}}")}}
    return data


def template_helpers(config: SiteConfig, logo: Logo | None) -> dict[str, Callable[..., Any] | Any]:
    """Globals for the templates (documented in `render.py`)."""
    return {
        "jsonld": render_jsonld,
        "news_article_ld": lambda article: build_news_article(article, config, logo),
        "breadcrumbs_ld": lambda items: build_breadcrumbs(items, config),
        "website_ld": lambda: build_website(config, logo),
        "description": meta_description,
        "feed_links": lambda section=None: feed_links(config, section),
        "logo": logo,
        "og_locale": LOCALES.get(config.language, config.language),
    }

