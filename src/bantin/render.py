"""The site -> HTML pages through Jinja templates: the site's `templates/` first, the built-in theme second.

The only module that uses Jinja2. Every template and the variables it receives:

| template | variables (besides the globals) |
|---|---|
| `article.html` | `article` (Article), `related` (tuple of Article: 'Các tin khác') |
| `index.html` | `listing` (Listing, kind 'home'), `pager` (Pager), `section_blocks` ((Term, articles) pairs; page 1 only) |
| `list.html` | `listing` (kind 'section', 'tag' or 'author'), `pager` |
| `archive_year.html`, `archive_month.html`, `archive_day.html` | `listing`, `pager`, `period` (Period with its children) |
| `404.html` | nothing more |

Globals in every template: `site` (SiteConfig), `sections` (menu Terms), `latest` (newest articles),
`archive` (year Periods), `page_url` (this page's URL), `asset(path)` (URL of a file in `static/`),
`absolute(url)` (with `base_url`), `is_scheduled(article)` (dated after the build clock), `shared` (blocks rendered once per build: `shared.sidebar`).
Search and social metadata (`seo.template_helpers`): `description(text)` (meta description, cut at 160
characters), `feed_links(section=None)` (FeedLinks for `<link rel="alternate">`), `logo` (Logo: absolute
`url`, `width`, `height`), `og_locale` ('vi_VN'), `jsonld(data)` (JSON for a `<script type="application/ld+json">`,
print it with `| safe`), `news_article_ld(article)`, `breadcrumbs_ld([(name, url), ...])`, `website_ld()`.
Filters: `date` (27/09/2024), `datetime` (27/09/2024 11:41:48), `time`, `weekday` (Thứ Sáu),
`iso` (ISO 8601 with offset), `upper` (Vietnamese capitals), `count` (1 234).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import vi
from .config import SiteConfig
from .errors import BuildFailed, error
from .models import Site
from .workers import process_pool

THEME_DIR = Path(__file__).parent / "theme"
BUILTIN_TEMPLATES = THEME_DIR / "templates"
BUILTIN_LABEL = "<bantin>/theme/templates"
ARCHIVE_TEMPLATES = {"year": "archive_year.html", "month": "archive_month.html", "day": "archive_day.html"}


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the built site: where it goes, its bytes, and what produced it (for messages)."""

    path: str          # output-relative, posix
    data: bytes | None  # None: inputs unchanged since the last build, keep the published file
    origin: str        # site-relative source file, or the page's URL
    key: str = ""      # hash of every input the file was made from ('' when not memoized)


IsCurrent = Callable[[str, str], bool]   # (output path, inputs key) -> is the published file current?


def never_current(path: str, key: str) -> bool:
    return False


def fingerprint(*parts: object) -> str:
    """A short stable hash of `parts` (their repr), for memo keys."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class TemplateScan:
    """What the templates are, as far as memo keys need to know."""

    fingerprint: str            # hash of every template the environment can load
    body_in_lists: bool         # a template other than article.html mentions `body_html`
    latest_outside_sidebar: bool  # a template other than the sidebar mentions `latest`


def scan_templates(config: SiteConfig) -> TemplateScan:
    """Hash the site's and the built-in templates and note which ones name the body or `latest`.

    A template can only show an article's body or the latest news by naming them, so when only
    `article.html` names `body_html`, list pages are keyed without the body, and when only the
    sidebar names `latest`, pages are keyed by the rendered sidebar instead of the latest articles.
    """
    digest = hashlib.blake2b(digest_size=16)
    body_in_lists = latest_outside = False
    for root in (config.templates_dir, BUILTIN_TEMPLATES):
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
            if not path.is_file():
                continue
            name = path.relative_to(root).as_posix()
            data = path.read_bytes()
            digest.update(name.encode("utf-8") + b"\0" + data + b"\0")
            body_in_lists |= name != "article.html" and re.search(rb"\bbody_html\b", data) is not None
            latest_outside |= name != "partials/sidebar.html" and re.search(rb"\blatest\b", data) is not None
        digest.update(b"\1")
    return TemplateScan(digest.hexdigest(), body_in_lists, latest_outside)


def make_environment(config: SiteConfig, asset_url: Callable[[str], str],
                     helpers: Mapping[str, Any] | None = None,
                     bytecode_dir: Path | None = None) -> jinja2.Environment:
    """One Environment per build: site templates override the built-in theme by file name; `helpers` are
    more globals (the metadata helpers of `seo.py`)."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(config.templates_dir)),
                                  jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES))])
    env = jinja2.Environment(loader=loader, autoescape=jinja2.select_autoescape(("html", "xml")),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, bytecode_cache=_bytecode_cache(bytecode_dir))
    env.filters.update(date=vi.format_date, datetime=vi.format_datetime, time=vi.format_time,
                       weekday=vi.weekday_name, iso=lambda d: d.isoformat(), upper=vi.upper,
                       count=vi.format_count)
    env.globals.update(site=config, asset=asset_url, absolute=lambda url: config.base_url + url)
    env.globals.update(helpers or {})
    return env


@dataclass(frozen=True, slots=True)
class PageJob:
    """One page to render: where it goes, its inputs key, its template and variables."""

    path: str
    origin: str
    key: str
    template: str
    context: Mapping[str, Any]


PARALLEL_MIN = 400      # fewer pages to render than this: one process beats starting workers
CHUNK = 128
_worker_jobs: list = []  # (env, jobs, config) inherited by forked render workers


def _bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds (Jinja checks each against its source's checksum)."""
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def render_pages(site: Site, config: SiteConfig, env: jinja2.Environment, *, inputs_key: str = "",
                 is_current: IsCurrent = never_current, workers: int = 1) -> Iterator[Output]:
    """Every HTML page of the site, in a stable order; a template error stops with a `BuildFailed`.

    Each page gets a key hashing everything it can show: `inputs_key` (the build-wide inputs: bantin,
    config, templates, static files), the site-wide blocks, and its own articles' digests. A page whose
    key matches the published file (`is_current`) is not rendered again; the others are rendered on
    `workers` processes when there are enough of them.
    """
    env.globals.update(sections=site.sections, latest=site.latest, archive=site.archive,
                       is_scheduled=site.is_scheduled)
    with _template_errors(config):
        sidebar = env.get_template("partials/sidebar.html").render(page_url="")
    env.globals["shared"] = {"sidebar": Markup(sidebar)}
    jobs = plan_pages(site, config, inputs_key, sidebar)
    todo = [i for i, job in enumerate(jobs) if not is_current(job.path, job.key)]
    if workers > 1 and len(todo) >= PARALLEL_MIN:
        rendered = _render_in_workers(env, jobs, todo, workers, config)
    else:
        rendered = (render_job(env, jobs[i], config) for i in todo)
    pending = iter(todo)
    next_todo = next(pending, None)
    for i, job in enumerate(jobs):
        if i == next_todo:
            yield Output(job.path, next(rendered), job.origin, job.key)
            next_todo = next(pending, None)
        else:
            yield Output(job.path, None, job.origin, job.key)


def plan_pages(site: Site, config: SiteConfig, inputs_key: str = "", sidebar: str = "") -> list[PageJob]:
    """Every page of the site with its template, variables and inputs key; nothing rendered yet."""
    scan = scan_templates(config)

    def _digests(articles) -> tuple[str, ...]:
        return tuple((a.digest if scan.body_in_lists else a.summary_digest) or a.path for a in articles)

    shared_key = fingerprint(inputs_key, scan.fingerprint, site.sections, sidebar,
                             _digests(site.latest) if scan.latest_outside_sidebar else (),
                             _archive_shape(site.archive), _digests(a for a in site.articles if site.is_scheduled(a)))
    jobs = []
    for article in site.articles:
        related = site.related[article.url]
        jobs.append(PageJob(article.output_path, article.path,
                            fingerprint(shared_key, article.digest, _digests(related)), "article.html",
                            {"article": article, "related": related, "page_url": article.url}))
    for listing in site.listings:
        name = {"home": "index.html", "section": "list.html", "tag": "list.html",
                "author": "list.html"}.get(listing.kind) or ARCHIVE_TEMPLATES[listing.kind]
        period = _find_period(site, listing.period) if listing.period else None
        listing_key = fingerprint(shared_key, listing.kind, listing.title, listing.url, listing.count,
                                  listing.term, _archive_shape((period,)) if period else None)
        for pager in listing.pages:
            blocks: tuple = ()
            if listing.kind == "home" and pager.number == 1:
                blocks = tuple((term, site.by_section[term.slug]) for term in site.sections
                               if site.by_section.get(term.slug))
            context = {"listing": listing, "pager": pager, "period": period, "page_url": pager.url}
            if listing.kind == "home":
                context["section_blocks"] = blocks
            key = fingerprint(listing_key, pager.number, pager.total, _digests(pager.items),
                              [(t, _digests(items)) for t, items in blocks])
            jobs.append(PageJob(pager.output_path, pager.url, key, name, context))
    jobs.append(PageJob("404.html", "404.html", fingerprint(shared_key, "404"), "404.html",
                        {"page_url": "/404.html"}))
    return jobs


def render_job(env: jinja2.Environment, job: PageJob, config: SiteConfig) -> bytes:
    with _template_errors(config):
        return env.get_template(job.template).render(**job.context).encode("utf-8")


def _render_in_workers(env: jinja2.Environment, jobs: list[PageJob], todo: list[int], workers: int,
                       config: SiteConfig) -> Iterator[bytes]:
    """Render `todo` on forked processes that inherit the environment; results come back in order.

    Every page is rendered before the first one is handed on to be written: on a virtual machine,
    file-system calls made while other processes keep the CPUs busy were measured 10 to 20 times
    slower (10 000 small files: 0.8 s on idle CPUs, 15 s beside two busy processes), so rendering
    and writing are kept apart instead of overlapped. The pages wait in memory compressed (zlib
    level 1, done by the workers: a third of the size on the demo site, less on larger pages)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        yield from (render_job(env, jobs[i], config) for i in todo)
        return
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    _worker_jobs[:] = [env, jobs, config]
    try:
        with process_pool(workers) as pool:
            rendered = list(pool.map(_render_chunk, chunks))
    finally:
        _worker_jobs.clear()
    for status, payload in rendered:
        if status == "failed":
            raise BuildFailed(payload)
    for _, payload in rendered:
        yield from (zlib.decompress(page) for page in payload)


def _render_chunk(indices: list[int]) -> tuple[str, list]:
    env, jobs, config = _worker_jobs
    try:
        return "ok", [zlib.compress(render_job(env, jobs[i], config), 1) for i in indices]
    except BuildFailed as failed:
        return "failed", failed.problems


def _archive_shape(periods) -> tuple:
    return tuple((p.key, p.count, _archive_shape(p.children)) for p in periods)


def _find_period(site: Site, key: tuple[int, ...]):
    nodes = site.archive
    found = None
    for depth in range(len(key)):
        found = next(p for p in nodes if p.key == key[:depth + 1])
        nodes = found.children
    return found


class _template_errors:
    """Turns any Jinja error into `path:line: error: template error: ...` with the template's line."""

    def __init__(self, config: SiteConfig):
        self.config = config

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is None or not isinstance(exc, (jinja2.TemplateError, TypeError, AttributeError, ValueError,
                                               KeyError, IndexError, ZeroDivisionError)):
            return False
        filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
        if not filename:
            filename, line = _template_frame(tb)
        detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        raise BuildFailed([error(self._label(filename), line, "template.error", detail=detail)]) from None

    def _label(self, filename: str | None) -> str:
        if not filename:
            return "templates"
        path = Path(filename)
        if path.is_relative_to(self.config.site_dir):
            return path.relative_to(self.config.site_dir).as_posix()
        if path.is_relative_to(BUILTIN_TEMPLATES):
            return f"{BUILTIN_LABEL}/{path.relative_to(BUILTIN_TEMPLATES).as_posix()}"
        return filename


def _template_frame(tb) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template (Jinja maps its line numbers)."""
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".j2", ".txt")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found

