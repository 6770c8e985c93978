"""Pages -> HTML through Jinja templates: the site's `templates/` first, the built-in theme second.

The only module that uses Jinja2. It renders the `Page`s the site stage planned (`pages.py`, which
lists every template and the context it receives) and knows no page kind.

Globals in every template: `site` (SiteConfig), `sections` (menu Terms), `latest` (newest articles,
as cards), `archive` (year Periods), `page_url` (this page's URL), `asset(path)` (URL of a file in
`static/`), `absolute(url)` (with `base_url`), `is_scheduled(article)` (dated after the build clock),
`shared` (blocks rendered once per build: `shared.sidebar`), `srcset(photo)` (also a filter:
'a.160.x.webp 160w, ...' from a photo's derivatives, '' for a photo published as it is), `poster_url(photo)`
(one derivative, WebP up to 800 px wide, for a `<video poster>`).
Search and social metadata (`seo.template_helpers`): `description(text)` (meta description, cut at 160
characters), `feed_links(section=None)` (FeedLinks for `<link rel="alternate">`), `logo` (Logo: absolute
`url`, `width`, `height`), `og_locale` ('vi_VN'), `jsonld(data)` (JSON for a `<script type="application/ld+json">`,
print it with `| safe`), `news_article_ld(article)`, `breadcrumbs_ld([(name, url), ...])`, `website_ld()`.
Filters: `date` (27/09/2024), `datetime` (27/09/2024 11:41:48), `time`, `weekday` (Thứ Sáu),
`iso` (ISO 8601 with offset), `upper` (Vietnamese capitals), `count` (1 234), `filesize` (1,2 MB),
`duration` (a video's length: 2:05).
A site template may extend the built-in one it replaces: `{% extends "bantin/base.html" %}`.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..config import SiteConfig
from ..content.photos import poster_url, srcset
from ..content.workers import process_pool
from ..core import vi
from ..core.errors import BuildFailed, error
from ..core.models import Site
from ..core.outputs import IsCurrent, Output, fingerprint, never_current
from ..inputs import BUILTIN_LABEL, BUILTIN_TEMPLATES
from ..site.pages import Page
from .basepath import base_path, rewrite_html

SIDEBAR = "partials/sidebar.html"


def make_environment(config: SiteConfig, site: Site, asset_url: Callable[[str], str],
                     helpers: Mapping[str, Any] | None = None,
                     bytecode_dir: Path | None = None) -> jinja2.Environment:
    """One Environment per build, with every global: site templates override the built-in theme by file
    name (and may extend it as `bantin/<name>`); `helpers` are the metadata helpers of `seo.py`. The
    blocks every page shows are rendered here, once."""
    builtin = jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES))
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(config.templates_dir)), builtin,
                                  jinja2.PrefixLoader({"bantin": builtin})])
    env = jinja2.Environment(loader=loader, autoescape=jinja2.select_autoescape(("html", "xml")),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, bytecode_cache=_bytecode_cache(bytecode_dir))
    env.filters.update(date=vi.format_date, datetime=vi.format_datetime, time=vi.format_time,
                       weekday=vi.weekday_name, iso=lambda moment: vi.iso_in(moment, config.tz), upper=vi.upper,
                       count=vi.format_count, filesize=vi.format_size, duration=vi.format_duration)
    env.globals.update(config=config, asset=asset_url, absolute=config.absolute)
    env.globals["srcset"] = env.filters["srcset"] = srcset   # photos' derivatives (derivatives.py)
    env.globals["poster_url"] = poster_url                   # a video's poster (documents and video, issue 28)
    env.globals.update(helpers or {})
    env.globals.update(sections=site.sections, latest=site.latest, archive=site.archive,
                       is_scheduled=site.is_scheduled)
    with _template_errors(config):
        sidebar = env.get_template(SIDEBAR).render(page_url="")
    env.globals["shared"] = {"sidebar": Markup(sidebar)}
    return env


PARALLEL_MIN = 400      # fewer pages to render than this: one process beats starting workers
CHUNK = 128
_worker_jobs: list = []  # (env, pages, config) inherited by forked render workers


def _bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds (Jinja checks each against its source's checksum)."""
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def render_pages(pages: Sequence[Page], env: jinja2.Environment, config: SiteConfig, *, theme_key: str = "",
                 is_current: IsCurrent = never_current, workers: int = 1) -> Iterator[Output]:
    """Every page, in the plan's order; a template error stops with a `BuildFailed`.

    A page's key is its planned key with the theme's (`theme_key`: bantin, config, templates, static
    files). A page whose key matches the published file (`is_current`) is not rendered again; the
    others are rendered on `workers` processes when there are enough of them.
    """
    keys = [fingerprint(theme_key, page.key) for page in pages]
    todo = [i for i, page in enumerate(pages) if not is_current(page.output_path, keys[i])]
    if workers > 1 and len(todo) >= PARALLEL_MIN:
        rendered = _render_in_workers(env, pages, todo, workers, config)
    else:
        rendered = (render_page(env, pages[i], config) for i in todo)
    pending = iter(todo)
    next_todo = next(pending, None)
    for i, page in enumerate(pages):
        data = None
        if i == next_todo:
            data = next(rendered)
            next_todo = next(pending, None)
        yield Output(page.output_path, data, page.origin, keys[i])


def render_page(env: jinja2.Environment, page: Page, config: SiteConfig) -> bytes:
    with _template_errors(config):
        html = env.get_template(page.template).render(**page.variables()).encode("utf-8")
    return rewrite_html(html, base_path(config.base_url))   # sub-path sites: '/x/' -> '/tin-tuc/x/'



def _render_in_workers(env: jinja2.Environment, pages: Sequence[Page], todo: list[int], workers: int,
                       config: SiteConfig) -> Iterator[bytes]:
    """Render `todo` on forked processes that inherit the environment; results come back in order.

    Every page is rendered before the first one is handed on to be written: on a virtual machine,
    file-system calls made while other processes keep the CPUs busy are many times slower (bench/
    RESULTS.md, "Measurements behind the rules"), so rendering and writing are kept apart instead of
    overlapped. The pages wait in memory compressed (zlib
    level 1, done by the workers: a third of the size on the demo site, less on larger pages)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        yield from (render_page(env, pages[i], config) for i in todo)
        return
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    _worker_jobs[:] = [env, pages, config]
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
    env, pages, config = _worker_jobs
    try:
        return "ok", [zlib.compress(render_page(env, pages[i], config), 1) for i in indices]
    except BuildFailed as failed:
        return "failed", failed.problems


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

