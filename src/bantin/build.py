"""The whole pipeline, top to bottom: config -> articles -> site -> pages and files -> output folder."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from .assets import collect_assets, find_static_files, fingerprint_static, make_asset_url, read_published_photo
from .config import SiteConfig
from . import __version__
from .cache import CACHE_DIR, ParseCache
from .content import load_articles
from .errors import BuildFailed, Problem, UsageError
from .feeds import render_feeds
from .messages import Msg
from .models import Asset, Site
from .progress import NoProgress, Progress
from .render import IsCurrent, Output, fingerprint, make_environment, never_current, render_pages
from .search import Indexer, check_search, render_search_index
from .seo import find_logo, template_helpers
from .site import Visibility, build_site
from .sitemaps import ROBOTS_NAME, render_robots, render_sitemaps
from .writer import OutputMemo, WriteReport, check_output_dir, manifest_path_for, write_site


@dataclass(frozen=True, slots=True)
class BuildOptions:
    output: Path | None = None          # default: <site>/build
    drafts: bool = False
    future: bool = False
    strict: bool = False
    now: datetime | None = None         # the build clock; default SOURCE_DATE_EPOCH, else the wall clock
    base_url: str | None = None         # overrides site.yaml's base_url (preview deployments)
    cache: bool = True                  # memoize parsing in SITE/.bantin-cache
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    progress: Progress = field(default_factory=NoProgress, compare=False)
    search_indexer: Indexer | None = field(default=None, compare=False)  # None: index during the build


@dataclass(frozen=True, slots=True)
class BuildReport:
    articles: int
    pages: int
    files: int
    written: int
    removed: int
    seconds: float
    warnings: tuple[Problem, ...] = field(default=())
    parsed: int = 0                     # articles parsed this time (the rest came from the cache)


def output_dir(config: SiteConfig, options: BuildOptions) -> Path:
    return Path(options.output) if options.output else config.site_dir / "build"


def build(config: SiteConfig, options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build the site. Raises `BuildFailed` with every problem; on failure the output folder is untouched."""
    started = time.perf_counter()
    config = with_base_url(config, options.base_url)
    now = options.now or build_clock()
    out_dir = output_dir(config, options)
    check_output_dir(out_dir, config.site_dir)

    cache = ParseCache(config.site_dir) if options.cache else None
    try:
        articles, problems = load_articles(config, cache, workers=options.workers, progress=options.progress)
    finally:
        if cache:
            cache.close()
    site, site_problems = build_site(config, articles, now, Visibility(options.drafts, options.future))
    problems += site_problems + check_search(config)   # search: Pagefind can run
    warnings = tuple(p for p in problems if not p.is_error)
    if any(p.is_error for p in problems) or (options.strict and warnings):
        raise BuildFailed(problems)

    memo = OutputMemo(out_dir, manifest_path_for(config.site_dir / CACHE_DIR, out_dir) if options.cache else None)
    outputs = SiteOutputs(config, site, now, memo.is_current, workers=options.workers, published_size=memo.size_of,
                          bytecode_dir=config.site_dir / CACHE_DIR / "templates" if options.cache else None,
                          search_indexer=options.search_indexer)
    options.progress.stage("progress.write", expected_outputs(site))
    report: WriteReport = write_site(_advancing(outputs, options.progress), out_dir, memo)
    return BuildReport(articles=len(site.articles), pages=outputs.pages, files=report.files,
                       written=report.written, removed=report.removed,
                       seconds=time.perf_counter() - started, warnings=warnings,
                       parsed=cache.misses if cache else len(articles))


def expected_outputs(site: Site) -> int:
    """About how many files a build writes (for the progress bar): pages and photos."""
    return (len(site.articles) + sum(len(listing.pages) for listing in site.listings)
            + sum(len(article.assets) for article in site.articles))


def _advancing(outputs: Iterable[Output], progress: Progress) -> Iterator[Output]:
    for output in outputs:
        progress.advance()
        yield output


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


class SiteOutputs:
    """Every file of the built site, in a stable order: pages, static files and photos, feeds,
    sitemaps, robots.txt. Iterate once; `pages` counts the pages produced.

    `is_current` lets unchanged pages and photos skip rendering and reading. With `read_photos`
    False (for `bantin check`, which needs only paths) no photo is read at all.
    """

    def __init__(self, config: SiteConfig, site: Site, now: datetime, is_current: IsCurrent = never_current, *,
                 workers: int = 1, bytecode_dir: Path | None = None, read_photos: bool = True,
                 published_size: Callable[[str], int | None] = lambda path: None,
                 search_indexer: Indexer | None = None):
        self.config, self.site, self.now = config, site, now
        self.is_current, self.workers, self.bytecode_dir = is_current, workers, bytecode_dir
        self.read_photos, self.published_size = read_photos, published_size
        self.search_indexer = search_indexer
        self.pages = 0

    def __iter__(self) -> Iterator[Output]:
        config, site = self.config, self.site
        static_files = fingerprint_static(find_static_files(config))
        logo = find_logo(config, static_files)
        env = make_environment(config, make_asset_url(static_files), template_helpers(config, logo),
                               bytecode_dir=self.bytecode_dir)
        inputs_key = fingerprint(__version__, config, sorted((k, v.output) for k, v in static_files.items()), logo)
        for page in render_pages(site, config, env, inputs_key=inputs_key, is_current=self.is_current,
                                 workers=self.workers):
            self.pages += 1
            yield page
        sizes: dict[str, int] = {}
        for output in collect_assets(config, site, static_files,
                                     self.is_current if self.read_photos else lambda path, key: True):
            if output.data is not None:
                sizes[output.path] = len(output.data)
            elif self.published_size(output.path) is not None:
                sizes[output.path] = self.published_size(output.path)
            yield output

        def photo_size(asset: Asset) -> int:
            """The published size, known from the file just produced or kept (feeds give it)."""
            if asset.output not in sizes:
                sizes[asset.output] = len(read_published_photo(config, asset)) if self.read_photos else 0
            return sizes[asset.output]
        yield from render_search_index(site, config, self.is_current, self.published_size,   # search index
                                       self.bytecode_dir and self.bytecode_dir.parent, self.search_indexer)
        yield from render_feeds(site, config, photo_size, logo and logo.url)
        yield from render_sitemaps(site, config, self.now)
        if ROBOTS_NAME not in static_files:
            yield render_robots(config)
