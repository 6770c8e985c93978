"""The whole pipeline, top to bottom: config -> articles -> site -> pages and files -> output folder."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .assets import collect_assets, find_static_files, make_asset_url
from .config import SiteConfig
from .content import load_articles
from .errors import BuildFailed, Problem
from .render import make_environment, render_pages
from .site import Visibility, build_site
from .writer import WriteReport, check_output_dir, write_site


@dataclass(frozen=True, slots=True)
class BuildOptions:
    output: Path | None = None          # default: <site>/build
    drafts: bool = False
    future: bool = False
    strict: bool = False
    now: datetime | None = None         # the build clock; injectable for tests and reproducible builds


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
    now = options.now or datetime.now(timezone.utc)
    out_dir = output_dir(config, options)
    check_output_dir(out_dir, config.site_dir)

    articles, problems = load_articles(config, now)
    site, site_problems = build_site(config, articles, now, Visibility(options.drafts, options.future))
    problems += site_problems
    warnings = tuple(p for p in problems if not p.is_error)
    if any(p.is_error for p in problems) or (options.strict and warnings):
        raise BuildFailed(problems)

    static_files = find_static_files(config)
    env = make_environment(config, make_asset_url(static_files))
    pages = _Counted(render_pages(site, config, env))
    report: WriteReport = write_site(itertools.chain(pages, collect_assets(config, site, static_files)), out_dir)
    return BuildReport(articles=len(site.articles), pages=pages.count, files=report.files,
                       written=report.written, removed=report.removed,
                       seconds=time.perf_counter() - started, warnings=warnings)


class _Counted:
    """Passes items through and counts them."""

    def __init__(self, items):
        self.items = items
        self.count = 0

    def __iter__(self):
        for item in self.items:
            self.count += 1
            yield item
