"""Where an article lives on disk: `content/YYYY/MM/<slug>/index.md`, the month in site time.

The one statement of the convention, used by `bantin new` and `bantin import`; both create files
only where nothing exists yet (a folder or a `<slug>.md` of the same name counts as taken).
"""

from __future__ import annotations

from datetime import datetime

from ..config import SiteConfig

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


def free_slug(config: SiteConfig, date: datetime, slug: str) -> str:
    """`slug` when free, else the first free `slug-2`, `slug-3`, ... of that month."""
    if not slug_taken(config, date, slug):
        return slug
    number = 2
    while slug_taken(config, date, f"{slug}-{number}"):
        number += 1
    return f"{slug}-{number}"
