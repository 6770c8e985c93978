"""`content/` -> articles: walk, read, parse, render bodies, and collect every problem on the way."""

from __future__ import annotations

import hashlib
import os
import posixpath
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from . import urls, vi
from .cache import ParseCache, ParseResult, parse_salt, result_digest, source_key, stat_dependency
from .config import SiteConfig
from .errors import Problem, error, warning
from .frontmatter import FrontMatter, ImageRef, parse_front_matter, split_front_matter
from .images import ImageError, has_nothing_to_strip, read_image_info, strip_location
from .markdown import MarkdownRenderer, RenderedBody
from .progress import NoProgress, Progress
from .models import Article, Asset, Award, Figure, FrozenDict, Term
from .workers import parse_in_time, process_pool

TITLE_LIMIT = 150
SUMMARY_LIMIT = 160             # characters of a meta description that search results show
IMAGE_MAX_BYTES = 1024 * 1024   # a photo heavier than this slows the page on a phone
IMAGE_MAX_SIDE = 3000           # pixels; twice the widest column is 2400
PARALLEL_MIN = 150          # fewer files to parse than this: one process is faster than starting workers
CHUNK = 64


@dataclass(frozen=True, slots=True)
class SourceFile:
    """An article file as read from disk: its site-relative path and its bytes."""

    path: str
    data: bytes


def find_article_files(config: SiteConfig) -> tuple[list[str], list[Problem]]:
    """Every `*.md` under `content/`, site-relative and sorted; hidden files and folders skipped."""
    site = config.site_dir.resolve()
    found: list[str] = []
    problems: list[Problem] = []
    pending = [config.content_dir.relative_to(config.site_dir).as_posix()]
    while pending:
        rel_dir = pending.pop()
        try:
            entries = list(os.scandir(config.site_dir / rel_dir))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith((".", "_")):
                continue
            rel = f"{rel_dir}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                pending.append(rel)
            elif entry.name.endswith(".md"):
                if entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(site):
                    problems.append(error(rel, None, "file.outside_site", path=rel))
                    continue
                found.append(rel)
    return sorted(found), problems


def load_source(config: SiteConfig, path: str) -> SourceFile:
    with open(f"{config.site_dir}/{path}", "rb") as handle:
        return SourceFile(path, handle.read())


def decode_text(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM), LF line endings, NFC; or a problem naming the bad byte's line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[data.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8", "replace")) + 1
        return None, [error(path, line, "file.not_utf8", byte=f"{data[exc.start]:02X}", column=column)]
    text = vi.nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    if (control := vi.find_control_character(text)) is not None:
        line, column, char = control
        return None, [error(path, line, "file.control_char", code=f"U+{ord(char):04X}", column=column)]
    return text, []


class ArticleParser:
    """Turns one source file into an `Article`; holds the per-build Markdown renderer."""

    def __init__(self, config: SiteConfig):
        self.config = config
        self.renderer = MarkdownRenderer(allow_raw_html=config.allow_raw_html)
        # a section may be named by its name or its slug; hints suggest names first
        self.section_names = tuple(s.name for s in config.sections) + tuple(s.slug for s in config.sections)

    def parse(self, source: SourceFile) -> ParseResult:
        path = source.path
        text, problems = decode_text(source.data, path)
        if text is None:
            return ParseResult(None, tuple(problems))
        split, problems = split_front_matter(text, path)
        if split is None:
            return ParseResult(None, tuple(problems))
        front, problems = parse_front_matter(split, path, self.config.tz, self.section_names,
                                             self.config.author)
        if front is None:
            return ParseResult(None, tuple(problems))
        folder = posixpath.dirname(path)
        images = _ImageFinder(self.config.site_dir, folder)
        article, problems = self._build(path, front, split.body, split.body_line, problems, images)
        return ParseResult(article, tuple(problems), tuple(sorted(set(images.deps))))

    def _build(self, path: str, front: FrontMatter, body: str, body_line: int,
               problems: list[Problem], images: "_ImageFinder") -> tuple[Article | None, list[Problem]]:
        line = front.lines.get
        slug = vi.slugify(front.slug or front.title)
        if not slug:
            key = "slug" if front.slug else "title"
            problems.append(error(path, line(key), "article.slug_empty", value=front.slug or front.title))
            return None, problems
        section = self.config.section_named(front.category) if front.category else None
        section_term = Term("section", section.name, section.slug, urls.term_url("section", section.slug)) \
            if section else None
        url = urls.article_url(self.config.permalink, front.date, slug, section.slug if section else None)
        images.article_url = url

        figures = []
        for ref in front.images:
            figure, problem = images.figure(ref)
            if problem:
                problems.append(error(path, ref.line, *problem[:1], **problem[1]))
            elif figure:
                figures.append(figure)
                if not ref.caption:
                    problems.append(warning(path, ref.line, "warn.caption_missing", src=ref.src))
        rendered = self.renderer.render(body, figures=tuple(figures),
                                        dateline=front.source if front.source is not None else self.config.source,
                                        resolve=images.body_figure)
        for src in dict.fromkeys(rendered.missing):
            offset = next((i for i, text in enumerate(body.split("\n")) if src in text), 0)
            problems.append(error(path, body_line + offset, "body.image_missing", src=src))
        problems.extend(self._warnings(path, front, body))
        problems.extend(_image_warnings(path, front, body, body_line, images,
                                        [f.src for f in figures] + list(rendered.referenced)))
        problems.extend(_alt_warnings(path, body, body_line, url, rendered, figures))
        if any(p.is_error for p in problems):
            return None, problems

        assets = tuple(Asset(source=images.source_of(src), output=urls.output_path(url).rsplit("/", 1)[0]
                             + "/" + posixpath.normpath(src), clean=images.clean.get(src))
                       for src in dict.fromkeys([f.src for f in figures] + list(rendered.referenced)))
        article = Article(
            path=path,
            title=front.title,
            slug=slug,
            date=front.date,
            updated=front.updated,
            authors=tuple(_term("author", name) for name in front.authors),
            source=front.source if front.source is not None else self.config.source,
            section=section_term,
            tags=tuple(dict.fromkeys(_term("tag", name) for name in front.tags if vi.slugify(name))),
            summary=front.summary or rendered.first_paragraph,
            draft=front.draft,
            figures=tuple(figures),
            awards=tuple(Award(a.types, a.givers, a.recipient, a.collectives, a.individuals, a.reason)
                         for a in front.awards),
            body_html=rendered.html,
            url=url,
            output_path=urls.output_path(url),
            assets=assets,
            links=rendered.links,
            extra=FrozenDict(front.extra),
            lines=FrozenDict(front.lines),
        )
        return article, problems

    def _warnings(self, path: str, front: FrontMatter, body: str) -> list[Problem]:
        found = []
        line = front.lines.get
        if front.updated and front.updated < front.date:
            found.append(warning(path, line("updated"), "warn.updated_before_date",
                                 updated=vi.format_datetime(front.updated), date=vi.format_datetime(front.date)))
        if len(front.title) > TITLE_LIMIT:
            found.append(warning(path, line("title"), "warn.title_long", length=len(front.title), limit=TITLE_LIMIT))
        if not body.strip():
            found.append(warning(path, line("title"), "warn.body_empty"))
        if front.summary and len(front.summary) > SUMMARY_LIMIT:
            found.append(warning(path, line("summary"), "warn.summary_long", length=len(front.summary),
                                 limit=SUMMARY_LIMIT))
        return found


class _ImageAlts(HTMLParser):
    """The (src, alt) of every `<img>` of a rendered body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            values = dict(attrs)
            self.images.append((values.get("src") or "", (values.get("alt") or "").strip()))


def _alt_warnings(path: str, body: str, body_line: int, url: str, rendered: RenderedBody,
                  figures: list[Figure]) -> list[Problem]:
    """Body images without a text alternative (photos under `images:` get the caption warning instead).
    Markdown reports the images it made; raw HTML in the body is read for its `<img>` tags too."""
    images = rendered.images
    if "<" in body:
        parser = _ImageAlts()
        parser.feed(rendered.html)
        images = tuple(parser.images)
    declared = {figure.url for figure in figures}
    found = []
    for src, alt in dict.fromkeys(images):
        if alt or src in declared:
            continue
        shown = src[len(url):] if src.startswith(url) else src
        offset = next((i for i, text in enumerate(body.split("\n")) if shown in text), None)
        found.append(warning(path, None if offset is None else body_line + offset, "warn.alt_missing", src=shown))
    return found


def _image_warnings(path: str, front: FrontMatter, body: str, body_line: int, images: "_ImageFinder",
                    srcs: list[str]) -> list[Problem]:
    """Photos too heavy or too large to publish as they are."""
    declared = {ref.src: ref.line for ref in front.images}
    found = []
    for src in dict.fromkeys(srcs):
        if src not in images.sizes:
            continue
        size, width, height = images.sizes[src]
        line = declared.get(src) or body_line + next((i for i, text in enumerate(body.split("\n")) if src in text), 0)
        found.extend(warning(path, line, "warn.image_damaged", src=src, detail=note) for note in images.notes[src])
        if size > IMAGE_MAX_BYTES:
            found.append(warning(path, line, "warn.image_bytes", src=src, size=-(-size // 1024),
                                 limit=IMAGE_MAX_BYTES // 1024))
        if max(width, height) > IMAGE_MAX_SIDE:
            found.append(warning(path, line, "warn.image_pixels", src=src, width=width, height=height,
                                 limit=IMAGE_MAX_SIDE))
    return found


def _term(kind: str, name: str) -> Term:
    slug = vi.slugify(name)
    return Term(kind, name, slug, urls.term_url(kind, slug))


class _ImageFinder:
    """Resolves image paths of one article inside its folder and reads their sizes."""

    def __init__(self, site_dir: Path, folder: str):
        self.site_dir = site_dir
        self.folder = folder
        self.article_url = ""
        self.deps: list = []    # every file looked at, with its size and mtime, for the cache
        self.sizes: dict[str, tuple[int, int, int]] = {}   # src -> (bytes, width, height)
        self.clean: dict[str, tuple[int, int]] = {}        # src -> (size, mtime_ns) of a photo without location
        self.notes: dict[str, tuple[str, ...]] = {}        # src -> Pillow's warnings about its metadata

    def source_of(self, src: str) -> str:
        return posixpath.normpath(posixpath.join(self.folder, src))

    def _check(self, src: str) -> tuple[Path | None, tuple | None]:
        normal = posixpath.normpath(src)
        if src.startswith(("/", "\\")) or "\\" in src or ":" in src or normal.startswith("..") \
                or normal == ".":
            return None, ("image.outside", {"src": src})
        full = self.site_dir / self.source_of(src)
        dep = stat_dependency(self.site_dir, self.source_of(src))
        self.deps.append(dep)
        if dep[1] < 0 or not full.is_file():
            return None, ("image.missing", {"src": src, "folder": self.folder})
        if self._through_link(normal) and \
                not full.resolve().is_relative_to((self.site_dir / self.folder).resolve()):
            return None, ("image.outside", {"src": src})
        return full, None

    def _through_link(self, normal: str) -> bool:
        """Does the path below the article's folder pass through a symbolic link? (The folder itself
        was reached without following links.)"""
        path = self.site_dir / self.folder
        for part in normal.split("/"):
            path = path / part
            if path.is_symlink():
                return True
        return False

    def figure(self, ref: ImageRef) -> tuple[Figure | None, tuple | None]:
        full, problem = self._check(ref.src)
        if full is None:
            return None, problem
        try:
            data = full.read_bytes()
            info = read_image_info(data, ref.src)
        except ImageError as exc:
            return None, ("image.unreadable", {"src": ref.src, "reason": exc.reason})
        self.sizes[ref.src] = (len(data), info.width, info.height)
        self.notes[ref.src] = info.notes
        if has_nothing_to_strip(data, info) or strip_location(data) is data:  # publishing need not look again
            _, size, mtime_ns = self.deps[-1]   # taken before reading: a later change fails the match
            self.clean[ref.src] = (size, mtime_ns)
        return Figure(src=ref.src, caption=ref.caption, alt=ref.alt,
                      url=self.article_url + posixpath.normpath(ref.src),
                      width=info.width, height=info.height, line=ref.line), None

    def body_figure(self, src: str) -> Figure | None:
        figure, problem = self.figure(ImageRef(src=src, caption="", alt="", line=None))
        return figure



def load_articles(config: SiteConfig, cache: ParseCache | None = None, workers: int = 1,
                  progress: Progress = NoProgress()) -> tuple[list[Article], list[Problem]]:
    """Read and parse every article; memoized by `cache`, misses parsed on `workers` processes."""
    paths, problems = find_article_files(config)
    salt = parse_salt(config)
    results: dict[str, ParseResult] = {}
    misses: list[tuple[str, SourceFile]] = []
    for path in paths:
        try:
            source = load_source(config, path)
        except OSError as exc:
            problems.append(error(path, None, "file.unreadable", reason=exc.strerror or str(exc)))
            continue
        key = source_key(source.data, path, salt)
        cached = cache.get(key) if cache else None
        if cached is not None:
            results[path] = cached
        else:
            misses.append((key, source))
    progress.stage("progress.parse", len(misses))
    parsed = parse_sources(config, [source for _, source in misses], workers, progress)
    fresh = []
    for (key, source), result in zip(misses, parsed):
        if result.article is not None:
            article = replace(result.article, digest=result_digest(key, result.deps))
            result = replace(result, article=replace(article, summary_digest=summary_digest(article)))
            fresh.append((key, result))
        results[source.path] = result
    if cache and fresh:
        cache.put_many(fresh)
    articles = []
    for path in paths:
        if path in results:
            problems.extend(results[path].problems)
            if results[path].article is not None:
                articles.append(results[path].article)
    return articles, problems


def summary_digest(article: Article) -> str:
    """A hash of the article without its body, so lists that show it need not change when only the
    body does."""
    fields = tuple(getattr(article, name) for name in article.__dataclass_fields__
                   if name not in ("body_html", "links", "digest", "summary_digest"))
    return hashlib.blake2b(repr(fields).encode("utf-8"), digest_size=16).hexdigest()


def parse_sources(config: SiteConfig, sources: list[SourceFile], workers: int,
                  progress: Progress = NoProgress()) -> list[ParseResult]:
    """Parse in this process, or in chunks on worker processes when there is enough work for them."""
    results: list[ParseResult] = []
    if workers <= 1 or len(sources) < PARALLEL_MIN:
        parser = ArticleParser(config)
        for source in sources:
            results.append(parse_in_time(parser, source))
            progress.advance()
        return results
    chunks = [sources[i:i + CHUNK] for i in range(0, len(sources), CHUNK)]
    with process_pool(workers, _start_worker, (config,)) as pool:
        for chunk in pool.map(_parse_chunk, chunks):
            results.extend(chunk)
            progress.advance(len(chunk))
    return results


_worker_parser: list[ArticleParser] = []   # one parser (one Markdown instance) per worker process


def _start_worker(config: SiteConfig) -> None:
    _worker_parser[:] = [ArticleParser(config)]


def _parse_chunk(sources: list[SourceFile]) -> list[ParseResult]:
    parser = _worker_parser[0]
    return [parse_in_time(parser, source) for source in sources]
