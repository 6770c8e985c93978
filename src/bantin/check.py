"""`bantin check`: everything a build would find, and more, without writing the site or its output.

The same front half as `build` (`build.load`), pages rendered in memory, the planned output paths,
plus what a build cannot see: links in bodies that lead nowhere and files in an article's folder that
nothing uses. Reports render as text, JSON or GitHub workflow annotations.
As the command runs it, parsing shares build's memo in `.bantin-cache/`, and a page the last build
published from the same inputs is not rendered again (it cannot have a template error).
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .build import BuildOptions, load, load_checked_theme, planned_outputs
from .config import SiteConfig
from .content.cache import CACHE_DIR, ParseCache, ParseMemo
from .content.documents import KINDS as DOCUMENT_KINDS
from .content.media import media_files
from .content.parse import line_in
from .content.photos import find_narrow_photos
from .content.videos import EXTENSIONS as VIDEO_EXTENSIONS
from .core import vi
from .core.decode import decode_text
from .core.errors import BuildFailed, Problem, did_you_mean, error, sort_problems, warning
from .core.messages import Msg
from .core.models import Article, FrozenDict
from .inputs import Inputs, find_inputs
from .output.basepath import base_path
from .output.render import render_pages
from .output.writer import OutputMemo, manifest_path_for
from .site.collect import Visibility

FORMATS = ("text", "json", "github")
_JUNK_FILES = {"Thumbs.db", "desktop.ini"}
_MEDIA_EXTENSIONS = frozenset(DOCUMENT_KINDS) - {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg"} | \
    frozenset(VIDEO_EXTENSIONS) | {".vtt", ".mov", ".avi", ".mkv", ".wmv"}


def check_site(config: SiteConfig, now: datetime | None = None, visibility: Visibility = Visibility(), *,
               cache: ParseMemo | None = None, workers: int = 1, out_dir: Path | None = None,
               base_url: str | None = None) -> list[Problem]:
    """Every problem of the site, sorted. Nothing is written: not the site, not the output folder.

    The front half is build's own (`build.load`: same inputs, clock, base URL and problems). Pages are
    rendered in memory only to find template errors; with `out_dir`, a page that the last build
    published from identical inputs is not rendered again (it cannot have a template error).
    """
    options = BuildOptions(drafts=visibility.drafts, future=visibility.future, now=now, base_url=base_url,
                           cache=False, workers=workers)
    loaded = load(config, options, cache)
    theme, problems = load_checked_theme(loaded, options)
    outputs = {page.output_path for page in loaded.pages}
    complete = theme is not None
    if theme is not None:
        outputs = {path for path, _, _ in planned_outputs(loaded, theme)}
        memo = OutputMemo(out_dir, manifest_path_for(config.site_dir / CACHE_DIR, out_dir)) if out_dir else None
        try:
            for _ in render_pages(loaded.pages, theme.env, loaded.config, theme_key=theme.key,
                                  is_current=memo.is_current if memo else lambda path, key: False, workers=workers):
                pass
        except BuildFailed as failed:
            problems += tuple(failed.problems)
            complete = False
    sources = _Sources(config)
    found = list(problems)
    if complete:
        found += check_links(loaded.config, loaded.site.articles, outputs, loaded.inputs, sources, loaded.unparsed)
    found += check_unused_files(loaded.inputs, loaded.articles)
    found += find_narrow_photos(loaded.site.articles, sources.line_of)   # photos that will look blurry
    return sort_problems(dict.fromkeys(found))


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
    return len(find_inputs(config.site_dir).articles)


# ---------------------------------------------------------------------------------------------
# Links

def check_links(config: SiteConfig, articles: Sequence[Article], outputs: Collection[str], inputs: Inputs,
                sources: "_Sources", unparsed: Mapping[str, tuple[str, ...]] = FrozenDict()) -> list[Problem]:
    """Internal links in published bodies that lead to no output, or to an article file that is missing;
    and in the bodies of files that gave no article (their other problems are reported too), the
    links that do not depend on the article's own address."""
    host = urlsplit(config.base_url).netloc.lower()
    pages = sorted("/" + p[:-len("index.html")] for p in outputs if p.endswith("index.html"))
    suggest = _UrlSuggester(sorted(a.url for a in articles), pages)
    md_files = list(inputs.articles)
    sources_links = [(a.path, a.url, a.links) for a in articles] + [(path, None, links) for path, links in unparsed.items()]
    media = {source for article in articles for _, source in media_files(article)}
    problems = []
    for path, url, links in sources_links:
        for href in dict.fromkeys(links):
            if _links_media(path, href, media):
                continue
            found = _check_link(config, path, url, href, host, outputs, suggest, md_files)
            if found:
                key, params = found
                problems.append(error(path, sources.line_of(path, href), key, **params))
    return problems


def _check_link(config: SiteConfig, source_path: str, page_url: str | None, href: str, host: str,
                outputs: Collection[str], suggest: "_UrlSuggester", md_files: list[str]) -> tuple[str, dict] | None:
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https", "") or parts.netloc.lower() != host:
            return None  # another site, mail, phone
    path = unquote(parts.path)
    if parts.netloc and (base := base_path(config.base_url)):    # this host, a site under a path
        if path != base and not path.startswith(base + "/"):
            return None  # another part of the host (the portal around the site)
        path = path[len(base):] or "/"
    if not path:
        return None  # '#fragment' or '?query' on the same page
    folder = posixpath.dirname(source_path)
    if path.startswith("/"):
        if _published(path, outputs):
            return None
        return "link.broken", {"href": href, "hint": suggest(path)}
    if path.endswith(".md"):
        target = posixpath.normpath(posixpath.join(folder, path))
        if target.startswith("..") or not (config.site_dir / target).is_file():
            return "link.md_missing", {"href": href, "target": target, "hint": did_you_mean(target, md_files)}
        return None
    if page_url is None:
        return None  # relative to an address the article could not be given
    url = posixpath.normpath(posixpath.join(page_url, path)) + ("/" if path.endswith("/") else "")
    if _published(url, outputs):
        return None
    source = posixpath.normpath(posixpath.join(folder, path))
    if not source.startswith("..") and (config.site_dir / source).is_file():
        return "link.not_published", {"href": href, "target": source, "name": posixpath.basename(source)}
    return "link.broken", {"href": href, "hint": suggest(url)}


def _links_media(source_path: str, href: str, media: Collection[str]) -> bool:
    """Does the body link `href` name a document or video its article publishes (the body's link then
    leads to the published file, whatever its name)?"""
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return False
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_path), unquote(parts.path))) in media


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


def _published(path: str, outputs: Collection[str]) -> bool:
    """Whether a site-absolute path is served: '/x/' is 'x/index.html', '/x' may be a file or a folder."""
    key = path.strip("/")
    if path.endswith("/") or not key:
        return (key + "/index.html" if key else "index.html") in outputs
    return key in outputs or key + "/index.html" in outputs


# ---------------------------------------------------------------------------------------------
# Files in an article's folder that nothing uses

def check_unused_files(inputs: Inputs, articles: Iterable[Article]) -> list[Problem]:
    """Files of a bundle (a folder with index.md) used neither in `images` nor in the body; files of a
    bundle inside it belong to that one."""
    bundles = {posixpath.dirname(path) for path in inputs.articles if posixpath.basename(path) == "index.md"}
    used: set[str] = set()
    for article in articles:
        folder = posixpath.dirname(article.path)
        used |= {photo.source for photo in article.photos}
        used |= {source for _, source in media_files(article)}     # documents and video (issue 28)
        used |= {posixpath.normpath(posixpath.join(folder, unquote(urlsplit(href).path)))
                 for href in article.links if href and not urlsplit(href).scheme and not href.startswith(("/", "#"))}
    owner = {article.path: article.path for article in articles}
    problems = []
    for rel in inputs.content_files:
        if rel in used or posixpath.basename(rel) in _JUNK_FILES:
            continue
        folder = posixpath.dirname(rel)
        while folder and folder not in bundles:
            folder = posixpath.dirname(folder)
        article = owner.get(f"{folder}/index.md") if folder else None
        if article:
            media = posixpath.splitext(rel)[1].lower() in _MEDIA_EXTENSIONS
            problems.append(warning(rel, None, "file.unused_media" if media else "file.unused", article=article))
    return problems


class _Sources:
    """Article texts read on demand, to find the line where a link or image is written."""

    def __init__(self, config: SiteConfig):
        self.config = config
        self.texts: dict[str, str] = {}

    def line_of(self, path: str, needle: str) -> int | None:
        if path not in self.texts:
            try:
                text, _ = decode_text((self.config.site_dir / path).read_bytes(), path)
            except OSError:
                text = None
            self.texts[path] = text or ""
        for candidate in dict.fromkeys((needle, unquote(needle), vi.nfc(unquote(needle)))):
            found = line_in(self.texts[path], candidate)
            if found:
                return found
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
