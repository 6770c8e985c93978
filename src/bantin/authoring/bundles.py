"""Where an article lives on disk, `content/YYYY/MM/<slug>/index.md` (the month in site time), and
which slugs are free.

The one statement of the convention, used by `bantin new` and `bantin import`; both create files
only where nothing exists yet (a folder or a `<slug>.md` of the same name counts as taken). A slug is
free when its folder is, and when the address it gives (`permalink:` of site.yaml) is no other
article's: with `permalink: /{section}/{slug}/` two months' folders can hold one address, and the
next build would fail. The site's addresses are read from the front matter alone (`article_urls`).
"""

from __future__ import annotations

from collections.abc import Container
from datetime import datetime

from ..config import ParseSettings, SiteConfig
from ..content.cache import CACHE_DIR, DB_NAME, ParseCache, parse_salt, source_key
from ..content.frontmatter import parse_front_matter, split_front_matter
from ..core import urls, vi
from ..inputs import find_inputs

INDEX = "index.md"


def month_folder(config: SiteConfig, date: datetime) -> str:
    """Site-relative folder of the month `date` falls in, in site time: 'content/2024/09'."""
    local = date.astimezone(config.tz) if date.tzinfo else date
    content = config.content_dir.relative_to(config.site_dir).as_posix()
    return f"{content}/{local.year:04d}/{local.month:02d}"


def bundle_path(config: SiteConfig, date: datetime, slug: str) -> str:
    """Site-relative path of the article file: 'content/2024/09/<slug>/index.md'."""
    return f"{month_folder(config, date)}/{slug}/{INDEX}"


def slug_taken(config: SiteConfig, date: datetime, slug: str) -> bool:
    folder = config.site_dir / month_folder(config, date)
    return (folder / slug).exists() or (folder / f"{slug}.md").exists()


def free_slug(config: SiteConfig, date: datetime, slug: str, taken_urls: Container[str] = frozenset(),
              section_slug: str | None = None) -> str:
    """`slug` when its folder is free and its address (with `section_slug`, the article's section) is
    not in `taken_urls`, else the first such `slug-2`, `slug-3`, ... of that month."""
    def free(candidate: str) -> bool:
        url = urls.article_url(config.permalink, date, candidate, section_slug)
        return url not in taken_urls and not slug_taken(config, date, candidate)
    if free(slug):
        return slug
    number = 2
    while not free(f"{slug}-{number}"):
        number += 1
    return f"{slug}-{number}"


def article_urls(config: SiteConfig) -> dict[str, str]:
    """The address of every article of the site, drafts and future ones included, to its file: from
    the parse memo of the last build when it holds the file's bytes, else made from the front matter
    alone (title or slug, date, category) as parsing makes it. A file whose front matter is broken has
    no address yet (the build reports it)."""
    found: dict[str, str] = {}
    salt = parse_salt(ParseSettings.of(config))
    memo = ParseCache(config.site_dir) if (config.site_dir / CACHE_DIR / DB_NAME).is_file() else None
    try:
        for rel in find_inputs(config.site_dir, theme=False).articles:
            try:
                data = (config.site_dir / rel).read_bytes()
            except OSError:
                continue
            result = memo.peek(source_key(data, rel, salt)) if memo is not None else None
            url = result.article.url if result is not None and result.article is not None else \
                _front_matter_url(config, rel, data)
            if url:
                found.setdefault(url, rel)
    finally:
        if memo is not None:
            memo.close(forget_unused=False)
    return found


def _front_matter_url(config: SiteConfig, rel: str, data: bytes) -> str | None:
    """The address parsing gives the article in `data`, from its front matter alone."""
    text = vi.nfc(data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n"))
    split, _ = split_front_matter(text, rel)
    sections = tuple(s.name for s in config.sections) + tuple(s.slug for s in config.sections)
    front, _ = parse_front_matter(split, rel, config.tz, sections, config.author) if split else (None, [])
    slug = vi.article_slug(front.slug, front.title) if front else ""
    return urls.article_url(config.permalink, front.date, slug, section_slug(config, front.category)) \
        if front and slug else None


def section_slug(config: SiteConfig, category: str | None) -> str | None:
    """The slug of the section `category` names (the article's `category:`), None without one."""
    section = config.section_named(category) if category else None
    return section.slug if section else None
