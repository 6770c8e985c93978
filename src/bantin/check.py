"""`bantin check`: everything a build would find, and more, without writing the site or its output.

The same stages as `build` (articles, site, pages rendered in memory, output paths) plus what a build
cannot see: links in bodies that lead nowhere, files in an article's folder that nothing uses, and
images without a text alternative. Reports render as text, JSON or GitHub workflow annotations.
As the command runs it, parsing shares build's memo in `.bantin-cache/`, and a page the last build
published from the same inputs is not rendered again (it cannot have a template error).
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import urls, vi
from .build import SiteOutputs
from .cache import CACHE_DIR, ParseCache
from .config import SiteConfig
from .content import decode_text, find_article_files, load_articles
from .errors import BuildFailed, Problem, did_you_mean, error, sort_problems, warning
from .messages import Msg
from .models import Article, Site
from .render import IsCurrent, Output, never_current
from .site import Visibility, build_site
from .writer import OutputMemo, manifest_path_for, safe_output_path

FORMATS = ("text", "json", "github")
_JUNK_FILES = {"Thumbs.db", "desktop.ini"}


def check_site(config: SiteConfig, now: datetime | None = None, visibility: Visibility = Visibility(), *,
               cache: ParseCache | None = None, workers: int = 1, out_dir: Path | None = None) -> list[Problem]:
    """Every problem of the site, sorted. Nothing is written: not the site, not the output folder.

    `cache` and `workers` make parsing as fast as in `build` (the cache is build's parse memo); with
    `out_dir`, pages that the last build published from identical inputs are not rendered again.
    """
    now = now or datetime.now(timezone.utc)
    articles, problems = load_articles(config, cache, workers=workers)
    site, site_problems = build_site(config, articles, now, visibility)
    problems += site_problems
    memo = OutputMemo(out_dir, manifest_path_for(config.site_dir / CACHE_DIR, out_dir)) if out_dir else None
    outputs, output_problems, complete = find_outputs(config, site, now, memo.is_current if memo else never_current,
                                                      workers)
    problems += output_problems
    sources = _Sources(config)
    if complete:
        problems += check_links(config, site.articles, outputs, sources)
    problems += check_unused_files(config, articles)
    problems += check_alt_text(articles, sources)
    return sort_problems(dict.fromkeys(problems))


def check_site_as_command(config: SiteConfig, visibility: Visibility = Visibility(),
                          now: datetime | None = None) -> list[Problem]:
    """`check_site` as `bantin check` runs it: build's parse cache, every CPU, the last build's pages."""
    cache = ParseCache(config.site_dir)
    try:
        return check_site(config, now, visibility, cache=cache, workers=os.cpu_count() or 1,
                          out_dir=config.site_dir / "build")
    finally:
        cache.close()


def count_article_files(config: SiteConfig) -> int:
    return len(find_article_files(config)[0])


# ---------------------------------------------------------------------------------------------
# Outputs: every page rendered in memory (template errors), every file path the build would write.

def find_outputs(config: SiteConfig, site: Site, now: datetime, is_current: IsCurrent = never_current,
                 workers: int = 1) -> tuple[dict[str, str], list[Problem], bool]:
    """Output path -> origin for every file a build would write; problems; False if rendering stopped."""
    url_counts = Counter(a.url for a in site.articles)
    collided = {urls.output_path(url) for url, n in url_counts.items() if n > 1}  # reported by build_site
    entries = ((o.path, o.origin) for o in render_outputs(config, site, now, is_current, workers))
    origins: dict[str, str] = {}
    problems: list[Problem] = []
    try:
        for path, origin in entries:
            rel = safe_output_path(path)
            if rel is None:
                problems.append(error(origin, None, "output.unsafe", path=path))
            elif rel in origins:
                if rel not in collided:
                    problems.append(error(origin, None, "article.output_duplicate", path=rel, other=origins[rel]))
            else:
                origins[rel] = origin
    except BuildFailed as exc:
        return origins, problems + exc.problems, False
    return origins, problems, True


def render_outputs(config: SiteConfig, site: Site, now: datetime, is_current: IsCurrent = never_current,
                   workers: int = 1) -> Iterator[Output]:
    """The files `build` writes, in its order (the same `SiteOutputs`); pages current in the last build
    are not rendered again, and no photo is read (only paths matter here)."""
    return iter(SiteOutputs(config, site, now, is_current, workers=workers, read_photos=False))


# ---------------------------------------------------------------------------------------------
# Links

def check_links(config: SiteConfig, articles: Sequence[Article], outputs: dict[str, str],
                sources: "_Sources") -> list[Problem]:
    """Internal links in published bodies that lead to no output, or to an article file that is missing."""
    host = urlsplit(config.base_url).netloc.lower()
    pages = sorted("/" + p[:-len("index.html")] for p in outputs if p.endswith("index.html"))
    suggest = _UrlSuggester(sorted(a.url for a in articles), pages)
    md_files = find_article_files(config)[0]
    problems = []
    for article in articles:
        for href in dict.fromkeys(article.links):
            found = _check_link(config, article, href, host, outputs, suggest, md_files)
            if found:
                key, params = found
                problems.append(error(article.path, sources.line_of(article.path, href), key, **params))
    return problems


def _check_link(config: SiteConfig, article: Article, href: str, host: str, outputs: dict[str, str],
                suggest: "_UrlSuggester", md_files: list[str]) -> tuple[str, dict] | None:
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https", "") or parts.netloc.lower() != host:
            return None  # another site, mail, phone
    path = unquote(parts.path)
    if not path:
        return None  # '#fragment' or '?query' on the same page
    folder = posixpath.dirname(article.path)
    if path.startswith("/"):
        if _published(path, outputs):
            return None
        return "link.broken", {"href": href, "hint": suggest(path)}
    if path.endswith(".md"):
        target = posixpath.normpath(posixpath.join(folder, path))
        if target.startswith("..") or not (config.site_dir / target).is_file():
            return "link.md_missing", {"href": href, "target": target, "hint": did_you_mean(target, md_files)}
        return None
    url = posixpath.normpath(posixpath.join(article.url, path)) + ("/" if path.endswith("/") else "")
    if _published(url, outputs):
        return None
    source = posixpath.normpath(posixpath.join(folder, path))
    if not source.startswith("..") and (config.site_dir / source).is_file():
        return "link.not_published", {"href": href, "target": source, "name": posixpath.basename(source)}
    return "link.broken", {"href": href, "hint": suggest(url)}


class _UrlSuggester:
    """The closest page to a broken link: an article whose address starts the same, else the most similar
    article address, else the most similar page address."""

    def __init__(self, article_urls: list[str], pages: list[str]):
        self.article_urls = article_urls
        self.pages = pages

    def __call__(self, path: str) -> Msg:
        stem = path.rstrip("/")
        longer = [url for url in self.article_urls if stem.count("/") >= 2 and url.startswith(stem + "-")]
        if longer:
            return Msg.of("hint.did_you_mean", suggestion=longer[0])
        hint = did_you_mean(path, self.article_urls)
        return hint if hint.key != "hint.none" else did_you_mean(path, self.pages)


def _published(path: str, outputs: dict[str, str]) -> bool:
    """Whether a site-absolute path is served: '/x/' is 'x/index.html', '/x' may be a file or a folder."""
    key = path.strip("/")
    if path.endswith("/") or not key:
        return (key + "/index.html" if key else "index.html") in outputs
    return key in outputs or key + "/index.html" in outputs


# ---------------------------------------------------------------------------------------------
# Files in an article's folder that nothing uses

def check_unused_files(config: SiteConfig, articles: Iterable[Article]) -> list[Problem]:
    """Files of a bundle (a folder with index.md) used neither in `images` nor in the body."""
    problems = []
    for article in articles:
        if posixpath.basename(article.path) != "index.md":
            continue
        folder = posixpath.dirname(article.path)
        used = {asset.source for asset in article.assets}
        used |= {posixpath.normpath(posixpath.join(folder, unquote(urlsplit(href).path)))
                 for href in article.links if href and not urlsplit(href).scheme and not href.startswith(("/", "#"))}
        for rel in _bundle_files(config.site_dir, folder):
            if rel not in used:
                problems.append(warning(rel, None, "file.unused", article=article.path))
    return problems


def _bundle_files(site_dir: Path, folder: str) -> list[str]:
    found = []
    root = site_dir / folder
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and not (Path(current, d) / "index.md").exists())
        for name in sorted(files):
            if name.startswith(".") or name.endswith(".md") or name in _JUNK_FILES:
                continue
            found.append(Path(current, name).relative_to(site_dir).as_posix())
    return found


# ---------------------------------------------------------------------------------------------
# Images without a text alternative

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""\s(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def find_images(body_html: str) -> list[tuple[str, str]]:
    """(src, alt) of every <img> in a rendered body (sanitized HTML, so a pattern is enough)."""
    found = []
    for tag in _IMG.findall(body_html):
        attrs = {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                 for m in _ATTR.finditer(tag)}
        found.append((attrs.get("src", ""), attrs.get("alt", "").strip()))
    return found


def check_alt_text(articles: Iterable[Article], sources: "_Sources") -> list[Problem]:
    """Body images left with an empty alt; photos under `images:` already get a caption warning."""
    problems = []
    for article in articles:
        declared = {f.url for f in article.figures}
        for src, alt in dict.fromkeys(find_images(article.body_html)):
            if alt or src in declared:
                continue
            shown = src[len(article.url):] if src.startswith(article.url) else src
            problems.append(warning(article.path, sources.line_of(article.path, shown), "warn.alt_missing",
                                    src=shown))
    return problems


class _Sources:
    """Article texts read on demand, to find the line where a link or image is written."""

    def __init__(self, config: SiteConfig):
        self.config = config
        self.lines: dict[str, list[str]] = {}

    def line_of(self, path: str, needle: str) -> int | None:
        if path not in self.lines:
            try:
                text, _ = decode_text((self.config.site_dir / path).read_bytes(), path)
            except OSError:
                text = None
            self.lines[path] = (text or "").split("\n")
        for candidate in dict.fromkeys((needle, unquote(needle), vi.nfc(unquote(needle)))):
            for number, line in enumerate(self.lines[path], 1):
                if candidate and candidate in line:
                    return number
        return None


# ---------------------------------------------------------------------------------------------
# Reports

def render_report(problems: Sequence[Problem], fmt: str, lang: str, articles: int,
                  file_of: Callable[[str], str] = lambda path: path) -> str:
    """The whole report in one format; `file_of` turns site-relative paths into the ones to print."""
    if fmt == "json":
        return render_json(problems, lang)
    lines = render_github(problems, lang, file_of) if fmt == "github" else \
        [problem.format(lang) for problem in problems]
    return "\n".join(lines + [render_summary(problems, lang, articles)])


def render_summary(problems: Sequence[Problem], lang: str, articles: int) -> str:
    errors = sum(p.is_error for p in problems)
    if not problems:
        return Msg.of("check.ok", articles=vi.format_count(articles)).render(lang)
    return Msg.of("check.summary", errors=errors, warnings=len(problems) - errors,
                  articles=vi.format_count(articles)).render(lang)


def render_json(problems: Sequence[Problem], lang: str) -> str:
    return json.dumps([{"path": p.path, "line": p.line, "severity": p.severity, "code": p.msg.key,
                        "message": p.msg.render(lang)} for p in problems], ensure_ascii=False, indent=2)


def render_github(problems: Sequence[Problem], lang: str,
                  file_of: Callable[[str], str] = lambda path: path) -> list[str]:
    """GitHub workflow commands: `::error file=F,line=N::message`, so CI marks the line in the pull request."""
    lines = []
    for p in problems:
        props = [f"file={_escape(file_of(p.path), True)}"] + ([f"line={p.line}"] if p.line else [])
        lines.append(f"::{p.severity} {','.join(props)}::{_escape(p.msg.render(lang), False)}")
    return lines


def _escape(text: str, is_property: bool) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text
