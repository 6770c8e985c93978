"""The whole pipeline, top to bottom: config -> inputs -> articles -> site -> pages -> files -> output folder.

`load()` is the front half that `build`, `check` and `serve` share (the same inputs, clock, base URL
and problems); `build()` then produces every file of the site, one line per family of outputs, and
swaps them into the output folder.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .config import SiteConfig, is_base_url
from .core.errors import BuildFailed, Problem, UsageError, error
from .core.messages import Msg
from .core.outputs import (
    Output,
    ancestor_folders,
    find_output_collisions,
    fingerprint,
    suspects,
)
from .core.progress import NoProgress, Progress
from .core.scratch import sweep_scratch, sweep_tmp_files
from .inputs import Inputs, find_inputs
from .output.last_build import inputs_key, recall_build, record_path_for, remember_build
from .output.swap import MARKER, check_output_dir
from .output.writer import (
    OutputMemo,
    WriteReport,
    manifest_path_for,
    safe_output_path,
    write_site,
)

# The stages are imported by the functions that run them: a build answered from the record of the
# last one (`output/last_build.py`) never loads Markdown, Jinja, Pillow or Pagefind.
if TYPE_CHECKING:
    from .content.cache import ParseMemo
    from .core.models import AliasPage, Article, Site
    from .output.assets import StaticFile
    from .output.derivatives import DerivativeFiles
    from .output.precompress import PublishedFiles
    from .output.search import Indexer
    from .output.seo import Logo
    from .site.awards import HonorsMemo
    from .site.collect import ListingMemo
    from .site.pages import Page

CACHE_DIR = ".bantin-cache"     # content.cache's, without importing the parse stage

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
    search_indexer: Indexer | None = field(default=None, compare=False)  # default: index during the build


@dataclass(frozen=True, slots=True)
class BuildReport:
    articles: int
    pages: int
    files: int
    written: int
    removed: int
    seconds: float
    warnings: tuple[Problem, ...] = field(default=())
    parsed: int = 0                     # articles parsed this time (the rest came from the memo)
    page_paths: frozenset[str] = frozenset()   # output paths of the pages built (for the preview)
    recalled: bool = False              # nothing changed: answered from the record of the last build


@dataclass(frozen=True, slots=True)
class Loaded:
    """The front half's result: what the site is, before any file is produced."""

    config: SiteConfig                  # with `--base-url` applied
    now: datetime                       # the build clock
    inputs: Inputs
    articles: tuple[Article, ...]       # every article parsed, published or not
    site: Site
    pages: tuple[Page, ...]
    problems: tuple[Problem, ...]
    parsed: int
    unparsed: Mapping[str, tuple[str, ...]]   # body links of the files that gave no article
    honors: HonorsMemo = field(default_factory=lambda: _honors_memo(), compare=False)   # the roll, made once


def _honors_memo() -> HonorsMemo:
    from .site.awards import HonorsMemo
    return HonorsMemo()


@dataclass(frozen=True, slots=True)
class Theme:
    """What pages are rendered with: the Jinja environment, the static files, the logo, and a hash of
    all of it with bantin's version and the config."""

    env: object                         # jinja2.Environment (only `render` imports Jinja)
    static: Mapping[str, StaticFile]
    logo: Logo | None
    key: str


def build(config: SiteConfig, options: BuildOptions = BuildOptions(), memo: ParseMemo | None = None) -> BuildReport:
    """Build the site. Raises `BuildFailed` with every problem; on failure the output folder is untouched.

    `memo` keeps parse results between builds (the preview server's in-memory memo); by default the
    site's `.bantin-cache/` is used when `options.cache`."""
    started = time.perf_counter()
    out_dir = output_dir(config, options)
    check_output_dir(out_dir, config.site_dir)
    fixed_clock = options.now is not None or bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())
    options = replace(options, now=options.now or build_clock())
    inputs = find_inputs(config.site_dir)
    manifest = manifest_path_for(config.site_dir / CACHE_DIR, out_dir) if options.cache else None
    record = record_path_for(manifest) if manifest and memo is None and options.search_indexer is None else None
    if record is not None:
        key = inputs_key(with_base_url(config, options.base_url), inputs, _record_options(options, out_dir, fixed_clock))
        recalled = recall_build(record, manifest, out_dir, key, options.now)
        if recalled is not None:    # nothing changed: the published folder is this build's output
            return replace(recalled, written=0, removed=0, parsed=0, seconds=time.perf_counter() - started,
                           recalled=True)
    sweep_leftovers(config)         # building: first remove what a killed build or preview left
    from .output.assets import publish_static
    from .output.derivatives import memo_dir, prune_photo_memo
    from .output.precompress import precompress
    from .output.render import render_pages

    loaded = load(config, options, memo, inputs)
    config, site, pages = loaded.config, loaded.site, loaded.pages
    published = OutputMemo(out_dir, manifest)
    theme, problems = load_checked_theme(loaded, options)
    warnings = tuple(p for p in problems if not p.is_error)
    if any(p.is_error for p in problems) or (options.strict and warnings):
        raise BuildFailed(list(problems))

    photos = produce_derivatives(loaded, options)    # every photo encoded (or memoized) before any write
    outputs = chain(
        render_pages(pages, theme.env, config, theme_key=theme.key, is_current=published.is_current,
                     workers=options.workers),
        publish_static(theme.static),
        render_site_files(loaded, theme, photos, published, options),
    )
    outputs = precompress(outputs, published) if config.precompress else outputs   # .gz and .br siblings
    options.progress.stage("progress.write", len(pages) + sum(len(a.photos) for a in site.articles))
    report: WriteReport = write_site(_advancing(outputs, options.progress), out_dir, published)
    if options.cache:       # the memo keeps what this archive's photos need now, nothing older
        prune_photo_memo(memo_dir(config, cache=True), loaded.articles, photos)
    built = BuildReport(articles=len(site.articles), pages=len(pages), files=report.files,
                        written=report.written, removed=report.removed,
                        seconds=time.perf_counter() - started, warnings=warnings, parsed=loaded.parsed,
                        page_paths=frozenset(page.output_path for page in pages))
    if record is not None:
        remember_build(record, manifest, key, next_change(loaded), built)
    return built


def _record_options(options: BuildOptions, out_dir: Path, fixed_clock: bool) -> tuple:
    """What of the options shapes the output, for the build record's key: the clock only when it is
    fixed (`SOURCE_DATE_EPOCH`, or given by the caller); a wall clock is covered by `next_change`."""
    return (options.drafts, options.future, options.strict, options.base_url, str(out_dir.resolve()),
            options.now.isoformat() if fixed_clock else None)


def next_change(loaded: Loaded) -> datetime | None:
    """The first moment after the build clock at which the same inputs give another site: an article's
    date (a scheduled article comes out, or stops being marked as scheduled), the end of its two days
    in the news sitemap, the day its date is no longer over a year ahead (its warning goes). With no
    article published, the feeds carry the build clock itself: the record is never used."""
    from .output.sitemaps import NEWS_WINDOW
    from .site.collect import FUTURE_LIMIT

    now = loaded.now
    if not loaded.site.articles:
        return now
    moments = [moment for article in loaded.articles
               for moment in (article.date, article.date + NEWS_WINDOW, article.date - FUTURE_LIMIT) if moment > now]
    return min(moments, default=None)


def sweep_leftovers(config: SiteConfig) -> None:
    """What a killed `bantin build` or `bantin serve` left: its temporary folders and the photo
    encodings it never finished writing into the memo (`core/scratch.py`)."""
    sweep_scratch("serve", "photos")
    sweep_tmp_files(str(config.site_dir / CACHE_DIR / "photos"))     # derivatives.memo_dir, without Pillow


def render_site_files(loaded: Loaded, theme: Theme, photos: DerivativeFiles, published: PublishedFiles,
                      options: BuildOptions) -> Iterator[Output]:
    """Every file of the site but its pages and the theme's static files: photos, the search index,
    feeds, the honors roll's data files, sitemaps and robots.txt. Shared by `build()` and the preview
    (`preview.py`), which produces them after the pages a browser is waiting for."""
    from .output.assets import publish_media, publish_photos
    from .output.feeds import render_feeds
    from .output.search import render_search_index
    from .output.sitemaps import render_robots, render_sitemaps
    from .site.awards import render_honors_files

    config, site, current = loaded.config, loaded.site, published.is_current
    return chain(
        publish_photos(config, site, photos, current),
        publish_media(site, config, current),         # documents and video (issue 28)
        render_search_index(site, config, current, published.size_of,
                            config.site_dir / CACHE_DIR if options.cache else None, options.search_indexer,
                            options.workers),
        render_feeds(site, config, theme.logo and theme.logo.url, photos.sizes, current),
        render_honors_files(loaded.honors.roll(site, config), config),
        render_sitemaps(site, loaded.pages, config, loaded.now, is_current=current),
        render_robots(config, theme.static),
    )


def produce_derivatives(loaded: Loaded, options: BuildOptions) -> DerivativeFiles:
    """The resized photos, from the memo or encoded now; a photo that cannot be decoded fails the build."""
    from .output.derivatives import produce_photos

    produced, problems = produce_photos(loaded.config, loaded.site.articles, options.workers, options.cache)
    if problems:
        raise BuildFailed(problems)
    return produced


def load(config: SiteConfig, options: BuildOptions = BuildOptions(), memo: ParseMemo | None = None,
         inputs: Inputs | None = None, *, plan: bool = True, listings: ListingMemo | None = None,
         honors: HonorsMemo | None = None) -> Loaded:
    """The front half: inputs, articles (memoized), the site and its page plan, with every problem.
    `inputs`: the site's files as the caller just found them (the preview, whose watcher knows when
    the set of files changed); found now when not given. `plan` False leaves `pages` empty: the
    preview plans them a page at a time (`pages.PagePlanner`). `listings`: the lists of the last
    load, kept by the preview (`site.ListingMemo`); `honors`: its honors roll, the same
    (`awards.HonorsMemo`)."""
    from .content.load import load_articles
    from .output.search import check_search
    from .site.awards import HonorsMemo, find_recipient_problems
    from .site.collect import Visibility, build_site
    from .site.pages import plan_pages

    config = with_base_url(config, options.base_url)
    now = options.now or build_clock()
    inputs = inputs if inputs is not None else find_inputs(config.site_dir)
    with _parse_memo(config, options, memo) as active:
        misses_before = active.misses if active else 0
        unparsed: dict[str, tuple[str, ...]] = {}
        articles, problems = load_articles(config, inputs.articles, active, workers=options.workers,
                                           progress=options.progress, unparsed=unparsed)
        parsed = active.misses - misses_before if active else len(articles)
    site, site_problems = build_site(config, articles, now, Visibility(options.drafts, options.future), listings)
    site_problems += find_recipient_problems(site, config)
    honors = honors if honors is not None else HonorsMemo()
    pages = plan_pages(site, config, honors) if plan else ()
    return Loaded(config, now, inputs, tuple(articles), site, pages,
                  tuple(inputs.problems) + tuple(problems) + tuple(site_problems) + tuple(check_search(config)),
                  parsed, unparsed, honors)


def load_theme(config: SiteConfig, inputs: Inputs, site: Site, bytecode_dir: Path | None = None) -> Theme:
    """Static files fingerprinted, the logo, and the template environment with its globals."""
    from .output.assets import fingerprint_static, make_asset_url
    from .output.basepath import base_path
    from .output.render import make_environment
    from .output.seo import find_logo, template_helpers

    static = fingerprint_static(inputs.static, base_path(config.base_url))   # url(/...) under a sub-path
    logo = find_logo(config, static)
    env = make_environment(config, site, make_asset_url(static), template_helpers(config, logo),
                           bytecode_dir=bytecode_dir)
    key = fingerprint(__version__, config, sorted((k, v.output) for k, v in static.items()), logo,
                      inputs.templates_fingerprint())
    return Theme(env, static, logo, key)


def load_checked_theme(loaded: Loaded, options: BuildOptions, *,
                       check_outputs: bool = True) -> tuple[Theme | None, tuple[Problem, ...]]:
    """The theme, and every problem found so far plus the theme's and the output collisions
    (`check_outputs` False: not those; the preview checks them once its lazy plan is made)."""
    config = loaded.config
    bytecode = config.site_dir / CACHE_DIR / "templates" if options.cache else None
    try:
        theme = load_theme(config, loaded.inputs, loaded.site, bytecode)
    except BuildFailed as failed:
        return None, loaded.problems + tuple(failed.problems)
    return theme, loaded.problems + (tuple(find_output_problems(loaded, theme)) if check_outputs else ())


def find_output_problems(loaded: Loaded, theme: Theme) -> list[Problem]:
    """Output paths that would leave the output folder, paths claimed twice, and old addresses
    (`aliases:`) that are a file of the site or a folder holding its files.

    A large archive plans some 65 000 paths (a dozen per photo) and the preview checks them on every
    save, so the paths are screened first, as plain strings: a path can only be unsafe if it holds a
    mark `safe_output_path` refuses (`UNSAFE_MARKS`), and only collide if it is listed twice. Only
    when the screen finds one does every claim get listed with its origin (`planned_outputs`) and
    checked one by one; either way the problems are the same, in the same order."""
    from .content.media import media_files
    from .content.photos import photo_output_paths

    aliases = loaded.site.aliases
    paths = [page.output_path for page in loaded.pages] + photo_output_paths(loaded.site.articles) + \
        [path for path, _, _ in planned_outputs(loaded, theme, each_page=False, each_photo=False)] + \
        [output for article in loaded.site.articles for output, _ in media_files(article)]
    unique = set(paths)
    alias_paths = {alias.output_path for alias in aliases}
    own = {page.output_path: page.origin for page in loaded.pages if page.output_path in alias_paths} \
        if alias_paths else {}
    if len(unique) == len(paths) and (alias_paths & unique) <= own.keys() and not any(
            safe_output_path(path) is None for path in suspects(paths, UNSAFE_MARKS, UNSAFE_LOW)):
        # nothing unsafe, nothing claimed twice: only old addresses are left to check, and each
        # planned path has one claim (a redirect page's own is not a file that takes its address)
        redirects = {(alias.output_path, alias.origin) for alias in aliases}
        files = unique - {path for path, origin in own.items() if (path, origin) in redirects} if aliases else unique
        return _taken_aliases(aliases, files)
    claims = list(planned_outputs(loaded, theme))
    unsafe = [error(origin, line, "output.unsafe", path=path) for path, origin, line in claims
              if safe_output_path(path) is None]
    redirects = {(alias.output_path, alias.origin) for alias in aliases}
    others = [claim for claim in claims if claim[:2] not in redirects]
    return unsafe + _taken_aliases(aliases, {path for path, _, _ in others}) + find_output_collisions(others)


# Every path `safe_output_path` refuses is empty, starts with '/' or '.', or holds one of these: a
# '..' that normalizes to the front begins the path or follows a '/'; the marker file's name.
UNSAFE_MARKS = ("\\", "\0", ":", "/..", MARKER)
UNSAFE_LOW = "/"                                # '.' and '/' sort before digits and letters


def _taken_aliases(aliases: Sequence[AliasPage], files: set[str]) -> list[Problem]:
    """Old addresses that are one of `files` or a folder holding one, or that lie inside a file."""
    if not aliases:
        return []
    folders = ancestor_folders(files)
    return [error(alias.origin, alias.line, "alias.taken", value=alias.path, other=Msg.of("alias.taken_page"))
            for alias in aliases
            if alias.output_path in files or alias.output_path in folders
            or any(alias.output_path.rsplit("/", i)[0] in files for i in range(1, alias.output_path.count("/") + 1))]


def planned_outputs(loaded: Loaded, theme: Theme, *, each_page: bool = True,
                    each_photo: bool = True) -> Iterator[tuple[str, str, int | None]]:
    """(output path, origin, line) of every file whose path is known before anything is produced (all
    but the parts of a sitemap split past 50 000 URLs). Two articles at one URL are left out: the site
    stage reports them in an article's own words. `each_page` / `each_photo` False leave out the two
    families that grow with the archive (`find_output_problems` reads their paths directly)."""
    from .content.media import media_files
    from .output.feeds import build_feeds
    from .output.sitemaps import NEWS_SITEMAP_NAME, ROBOTS_NAME, SITEMAP_NAME
    from .site.awards import honors_file_paths

    seen: set[str] = set()
    for page in loaded.pages if each_page else ():
        if page.origin.endswith(".md"):
            if page.output_path in seen:
                continue
            seen.add(page.output_path)
        yield page.output_path, page.origin, page.line
    for rel, item in theme.static.items():
        yield item.output, f"static/{rel}", None
    for article in loaded.site.articles if each_photo else ():
        lines = {figure.photo.output: figure.line for figure in article.figures}
        for photo in article.photos:
            for path in photo.outputs:
                yield path, article.path, lines.get(photo.output)
        for path, _ in media_files(article):          # documents and video (issue 28)
            yield path, article.path, article.lines.get("attachments") or article.lines.get("videos")
    for feed in build_feeds(replace(loaded.site, articles=()), loaded.config):   # feed URLs: the sections'
        yield feed.rss_url.lstrip("/"), feed.rss_url, None
        yield feed.atom_url.lstrip("/"), feed.atom_url, None
    for path in honors_file_paths(loaded.config):
        yield path, "/" + path, None
    for name in (SITEMAP_NAME, NEWS_SITEMAP_NAME) + (() if ROBOTS_NAME in theme.static else (ROBOTS_NAME,)):
        yield name, "/" + name, None


def output_dir(config: SiteConfig, options: BuildOptions) -> Path:
    return Path(options.output) if options.output else config.site_dir / "build"


@contextlib.contextmanager
def _parse_memo(config: SiteConfig, options: BuildOptions, memo: ParseMemo | None) -> Iterator[ParseMemo | None]:
    """The caller's memo, else the site's sqlite memo for the length of the parse step."""
    if memo is not None or not options.cache:
        yield memo
        return
    from .content.cache import ParseCache

    cache = ParseCache(config.site_dir)
    try:
        yield cache
    finally:
        cache.close()


def _advancing(outputs: Iterable[Output], progress: Progress) -> Iterator[Output]:
    for output in outputs:
        progress.advance()
        yield output


def build_clock(environ: Mapping[str, str] = os.environ) -> datetime:
    """The build clock: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the wall clock."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return datetime.now(timezone.utc)
    if not value.isascii() or not value.isdigit() or len(value) > 11:   # past the year 5000: not a build date
        raise UsageError(Msg.of("build.source_date_epoch", value=value[:40]))
    try:
        return datetime.fromtimestamp(int(value), timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise UsageError(Msg.of("build.source_date_epoch", value=value)) from None


def with_base_url(config: SiteConfig, base_url: str | None) -> SiteConfig:
    """`config` with `--base-url` in place of site.yaml's (no trailing slash)."""
    if base_url is None:
        return config
    if not is_base_url(base_url):
        raise UsageError(Msg.of("config.base_url", value=base_url))
    return replace(config, base_url=base_url.rstrip("/"))
