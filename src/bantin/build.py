"""The whole pipeline, top to bottom: config -> articles -> site -> pages and files -> output folder."""

from __future__ import annotations

import itertools
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from .assets import collect_assets, find_static_files, fingerprint_static, make_asset_url, read_published_photo
from .config import SiteConfig
from .content import load_articles
from .errors import BuildFailed, Problem, UsageError
from .feeds import render_feeds
from .messages import Msg
from .render import make_environment, render_pages
from .seo import find_logo, template_helpers
from .site import Visibility, build_site
from .sitemaps import ROBOTS_NAME, render_robots, render_sitemaps
from .writer import WriteReport, check_output_dir, write_site


@dataclass(frozen=True, slots=True)
class BuildOptions:
    output: Path | None = None          # default: <site>/build
    drafts: bool = False
    future: bool = False
    strict: bool = False
    now: datetime | None = None         # the build clock; default SOURCE_DATE_EPOCH, else the wall clock
    base_url: str | None = None         # overrides site.yaml's base_url (preview deployments)


@dataclass(frozen=True, slots=True)
class BuildReport:
    articles: int
    pages: int
    files: int
    written: int
    removed: int
    seconds: float
    warnings: tuple[Problem, ...] = field(default=())


def output_dir(config: SiteConfig, options: BuildOptions) -> Path:
    return Path(options.output) if options.output else config.site_dir / "build"


def build(config: SiteConfig, options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build the site. Raises `BuildFailed` with every problem; on failure the output folder is untouched."""
    started = time.perf_counter()
    config = with_base_url(config, options.base_url)
    now = options.now or build_clock()
    out_dir = output_dir(config, options)
    check_output_dir(out_dir, config.site_dir)

    articles, problems = load_articles(config, now)
    site, site_problems = build_site(config, articles, now, Visibility(options.drafts, options.future))
    problems += site_problems
    warnings = tuple(p for p in problems if not p.is_error)
    if any(p.is_error for p in problems) or (options.strict and warnings):
        raise BuildFailed(problems)

    static_files = fingerprint_static(find_static_files(config))
    logo = find_logo(config, static_files)
    env = make_environment(config, make_asset_url(static_files), template_helpers(config, logo))
    pages = _Counted(render_pages(site, config, env))
    outputs = itertools.chain(
        pages,
        collect_assets(config, site, static_files),
        render_feeds(site, config, lambda asset: len(read_published_photo(config, asset)), logo and logo.url),
        render_sitemaps(site, config, now),
        () if ROBOTS_NAME in static_files else (render_robots(config),))
    report: WriteReport = write_site(outputs, out_dir)
    return BuildReport(articles=len(site.articles), pages=pages.count, files=report.files,
                       written=report.written, removed=report.removed,
                       seconds=time.perf_counter() - started, warnings=warnings)


def build_clock(environ: Mapping[str, str] = os.environ) -> datetime:
    """The build clock: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the wall clock."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return datetime.now(timezone.utc)
    if not value.isascii() or not value.isdigit():
        raise UsageError(Msg.of("build.source_date_epoch", value=value))
    return datetime.fromtimestamp(int(value), timezone.utc)


def with_base_url(config: SiteConfig, base_url: str | None) -> SiteConfig:
    """`config` with `--base-url` in place of site.yaml's (no trailing slash)."""
    if base_url is None:
        return config
    if not re.match(r"^https?://[^\s/]+", base_url) or any(c.isspace() for c in base_url):
        raise UsageError(Msg.of("config.base_url", value=base_url))
    return replace(config, base_url=base_url.rstrip("/"))


class _Counted:
    """Passes items through and counts them."""

    def __init__(self, items):
        self.items = items
        self.count = 0

    def __iter__(self):
        for item in self.items:
            self.count += 1
            yield item
