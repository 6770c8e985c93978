"""One article file -> an `Article`, or problems with their lines: decode, split, validate, render.

Pure apart from reading the article's photos (their size, whether they carry a location); every
file it reads besides the article is listed in the result's `deps` for the parse memo. It receives
`ParseSettings`, exactly what it may read of `site.yaml`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

from ..config import ImageSettings, ParseSettings
from ..core import urls, vi
from ..core.decode import decode_text
from ..core.errors import Problem, error, warning
from ..core.messages import LANGUAGES, Msg, render_message
from ..core.models import Article, ArticleCard, Award, Figure, FrozenDict, Photo, Term
from .cache import ParseResult, stat_dependency
from .frontmatter import FrontMatter, ImageRef, parse_front_matter, split_front_matter
from .images import ImageError, has_nothing_to_strip, read_image_info, sniff_problem, strip_location, too_large
from .markdown import MarkdownRenderer, RenderedBody
from .media import MediaFinder
from .paste import invisible_lines
from .photos import plan_photo

TITLE_LIMIT = 150
SUMMARY_LIMIT = 160             # characters of a meta description that search results show


@dataclass(frozen=True, slots=True)
class SourceFile:
    """An article file as read from disk: its site-relative path and its bytes."""

    path: str
    data: bytes


class ArticleParser:
    """Turns one source file into an `Article`; holds the per-build Markdown renderer."""

    def __init__(self, settings: ParseSettings, site_dir: Path):
        self.settings = settings
        self.site_dir = site_dir
        self.renderer = MarkdownRenderer(allow_raw_html=settings.allow_raw_html)
        # a section may be named by its name or its slug; hints suggest names first
        self.section_names = tuple(s.name for s in settings.sections) + tuple(s.slug for s in settings.sections)

    def parse(self, source: SourceFile) -> ParseResult:
        path = source.path
        text, problems = decode_text(source.data, path)
        if text is None:
            return ParseResult(None, tuple(problems))
        split, problems = split_front_matter(text, path)
        if split is None:
            return ParseResult(None, tuple(problems))
        front, problems = parse_front_matter(split, path, self.settings.tz, self.section_names,
                                             self.settings.author)
        folder = posixpath.dirname(path)
        images = _ImageFinder(self.site_dir, folder, self.settings.images)
        if front is None:   # the body can still be checked: its photos, alt texts and links
            rendered = self.renderer.render(split.body, resolve=images.body_figure)
            problems += self._body_problems(path, split.body, split.body_line, "", rendered, [], images.photos)
            return ParseResult(None, tuple(problems), tuple(sorted(set(images.deps))), rendered.links)
        article, problems, links = self._build(path, front, split.body, split.body_line, problems, images)
        return ParseResult(article, tuple(problems), tuple(sorted(set(images.deps))), () if article else links)

    def _build(self, path: str, front: FrontMatter, body: str, body_line: int, problems: list[Problem],
               images: "_ImageFinder") -> tuple[Article | None, list[Problem], tuple[str, ...]]:
        line = front.lines.get
        slug = vi.article_slug(front.slug, front.title)
        if not slug:
            key = "slug" if front.slug else "title"
            problems.append(error(path, line(key), "article.slug_empty", value=front.slug or front.title))
            slug = "_"          # go on: the body's problems are reported too
        elif len(slug) > vi.MAX_SLUG:  # only an editor's slug can be this long: it is never cut
            problems.append(error(path, line("slug"), "article.slug_long", length=len(slug), limit=vi.MAX_SLUG))
        section = self.settings.section_named(front.category) if front.category else None
        section_term = Term("section", section.name, section.slug, urls.term_url("section", section.slug)) \
            if section else None
        url = urls.article_url(self.settings.permalink, front.date, slug, section.slug if section else None)
        images.article_url = url
        source = front.source if front.source is not None else self.settings.source

        figures = _figures(path, front.images, images, problems)
        media = MediaFinder(path, images.check, images.figure, images.source_of, self.settings.images, url)
        attachments, videos = media.attachments(front.attachments), media.videos(front.videos, front.title)
        problems.extend(media.problems)
        rendered = self.renderer.render(body, figures=tuple(figures),
                                        dateline=source, resolve=images.body_figure)
        rendered = _link_media(rendered, media.sources)
        problems.extend(self._body_problems(path, body, body_line, url, rendered, figures, images.photos))
        problems.extend(self._warnings(path, front, body, body_line))
        problems.extend(_image_warnings(path, front, body, body_line, images,
                                        [f.src for f in figures] + list(rendered.referenced)))
        if any(p.is_error for p in problems):
            return None, problems, rendered.links

        card = ArticleCard(
            path=path,
            title=front.title,
            slug=slug,
            date=front.date,
            updated=front.updated,
            authors=tuple(_term("author", name) for name in front.authors),
            source=source,
            section=section_term,
            tags=tuple(dict.fromkeys(_term("tag", name) for name in front.tags if vi.slugify(name))),
            summary=front.summary or rendered.first_paragraph,
            draft=front.draft or unwritten(body) is not None,    # never published before it is written
            figures=tuple(figures),
            awards=tuple(Award(a.types, a.givers, a.recipients, a.collectives, a.individuals, a.reason)
                         for a in front.awards),
            url=url,
            output_path=urls.output_path(url),
            extra=FrozenDict(front.extra),
            attachments=attachments,
            videos=videos,
        )
        photos = tuple(images.photos[src] for src in dict.fromkeys([f.src for f in figures] + list(rendered.referenced)))
        photos += tuple(photo for photo in media.posters if photo not in photos)
        return Article(card, rendered.html, photos, rendered.links, FrozenDict(front.lines), aliases=front.aliases,
                       source_url=front.source_url), problems, rendered.links

    @staticmethod
    def _body_problems(path: str, body: str, body_line: int, url: str, rendered: RenderedBody,
                       figures: list[Figure], photos: dict[str, Photo]) -> list[Problem]:
        """Photos of the body that are missing, and images without a text alternative."""
        found = [error(path, line_in(body, src, body_line) or body_line, "body.image_missing", src=src)
                 for src in dict.fromkeys(rendered.missing)]
        return found + _alt_warnings(path, body, body_line, url, rendered, figures, photos)

    def _warnings(self, path: str, front: FrontMatter, body: str, body_line: int) -> list[Problem]:
        found = [warning(path, body_line + offset, "warn.invisible") for offset in invisible_lines(body)]
        line = front.lines.get
        if front.updated and front.updated < front.date:
            found.append(warning(path, line("updated"), "warn.updated_before_date",
                                 updated=vi.format_datetime(front.updated), date=vi.format_datetime(front.date)))
        if len(front.title) > TITLE_LIMIT:
            found.append(warning(path, line("title"), "warn.title_long", length=len(front.title), limit=TITLE_LIMIT))
        offset = unwritten(body)
        if offset is not None:      # the closing '---' for an empty body, else the template's paragraph
            found.append(warning(path, body_line + offset, "warn.body_template" if offset >= 0 else "warn.body_empty"))
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
                  figures: list[Figure], photos: dict[str, Photo]) -> list[Problem]:
    """Body images without a text alternative (photos under `images:` get the caption warning instead).
    Markdown reports the images it made; raw HTML in the body is read for its `<img>` tags too."""
    images = rendered.images
    if "<" in body:
        parser = _ImageAlts()
        parser.feed(rendered.html)
        images = tuple(parser.images)
    declared = {figure.url for figure in figures}
    written = {photo.url: src for src, photo in photos.items()}   # a derivative's URL -> the src as written
    found = []
    for src, alt in dict.fromkeys(images):
        if alt or src in declared:
            continue
        shown = written.get(src) or (src[len(url):] if src.startswith(url) else src)
        found.append(warning(path, line_in(body, shown, body_line), "warn.alt_missing", src=shown))
    return found


def _image_warnings(path: str, front: FrontMatter, body: str, body_line: int, images: "_ImageFinder",
                    srcs: list[str]) -> list[Problem]:
    """Photos whose metadata Pillow found damaged (and skipped): worth a look, not an error."""
    declared = {ref.src: ref.line for ref in front.images}
    found = []
    for src in dict.fromkeys(srcs):
        line = declared.get(src) or line_in(body, src, body_line) or body_line
        found.extend(warning(path, line, "warn.image_damaged", src=src, detail=note) for note in images.notes.get(src, ()))
    return found


def _figures(path: str, refs: tuple[ImageRef, ...], images: "_ImageFinder", problems: list[Problem]) -> list[Figure]:
    """The figures of `images:`, each photo read and planned; a problem for each that cannot be."""
    figures = []
    for ref in refs:
        figure, problem = images.figure(ref)
        if problem:
            problems.append(Problem(path, ref.line, problem))
        elif figure:
            figures.append(figure)
            if not ref.caption:
                problems.append(warning(path, ref.line, "warn.caption_missing", src=ref.src))
    return figures


def _link_media(rendered: RenderedBody, sources: dict[str, str]) -> RenderedBody:
    """The body with its links to the article's documents and videos (`[Thông báo](Thông báo 15.pdf)`)
    leading to where they are published (documents and videos)."""
    html = rendered.html
    for src, url in sources.items():
        for written in dict.fromkeys((src, quote(src, safe="/"))):
            html = html.replace(f'href="{escape(written)}"', f'href="{url}"')
    return replace(rendered, html=html) if html is not rendered.html else rendered


# The paragraph `bantin new` writes where the article goes, in each language (scaffold.py writes it).
BODY_PLACEHOLDERS = tuple(render_message(Msg.of("new.body_placeholder"), lang) for lang in LANGUAGES)


def unwritten(body: str) -> int | None:
    """None for a body that is written; else the line (from 0) of the template paragraph `bantin new`
    left in it, or -1 for an empty body (its line is then the closing '---'). Such an article is
    never published: a draft until it is written."""
    if not body.strip():
        return -1
    if not any(placeholder in body for placeholder in BODY_PLACEHOLDERS):
        return None
    for number, line in enumerate(body.split("\n")):
        if line.strip() in BODY_PLACEHOLDERS:
            return number
    return None


def _term(kind: str, name: str) -> Term:
    slug = vi.slugify(name)
    return Term(kind, name, slug, urls.term_url(kind, slug))


class _ImageFinder:
    """Resolves image paths of one article inside its folder, reads each photo once and plans it."""

    def __init__(self, site_dir: Path, folder: str, settings: ImageSettings = ImageSettings()):
        self.site_dir = site_dir
        self.settings = settings
        self.folder = folder
        self.article_url = ""
        self.deps: list = []    # every file looked at, with its size and mtime, for the cache
        self.photos: dict[str, Photo] = {}                 # src as written -> its photo
        self.notes: dict[str, tuple[str, ...]] = {}        # src -> Pillow's warnings about its metadata

    def source_of(self, src: str) -> str:
        return posixpath.normpath(posixpath.join(self.folder, src))

    def check(self, src: str, kind: str = "image") -> tuple[Path | None, Msg | None]:
        """The file `src` names inside the article's folder (recorded as a dependency), or why not;
        `kind` names the messages: 'image' or 'media' (documents, videos, captions)."""
        normal = posixpath.normpath(src)
        if src.startswith(("/", "\\")) or "\\" in src or ":" in src or normal.startswith("..") \
                or normal == ".":
            return None, Msg.of(f"{kind}.outside", src=src)
        full = self.site_dir / self.source_of(src)
        dep = stat_dependency(self.site_dir, self.source_of(src))
        self.deps.append(dep)
        if dep[1] < 0 or not full.is_file():
            return None, Msg.of(f"{kind}.missing", src=src, folder=self.folder)
        if self._through_link(normal) and \
                not full.resolve().is_relative_to((self.site_dir / self.folder).resolve()):
            return None, Msg.of(f"{kind}.outside", src=src)
        return full, None

    def _through_link(self, normal: str) -> bool:
        """Does the path below the article's folder pass through a symbolic link?"""
        path = self.site_dir / self.folder
        for part in normal.split("/"):
            path = path / part
            if path.is_symlink():
                return True
        return False

    def figure(self, ref: ImageRef) -> tuple[Figure | None, Msg | None]:
        photo = self.photos.get(ref.src)
        if photo is None:
            full, problem = self.check(ref.src)
            if full is None:
                return None, problem
            data = full.read_bytes()
            problem = sniff_problem(ref.src, data)
            if problem:
                return None, problem
            try:
                info = read_image_info(data, ref.src)
            except ImageError as exc:
                return None, too_large(ref.src, data) or Msg.of("image.unreadable", src=ref.src, reason=exc.reason)
            _, size, mtime_ns = self.deps[-1]   # taken before reading: a later change fails the match
            variants, social = plan_photo(data, info, self.settings, self.article_url, ref.src, ref.focus)
            if variants and not self.settings.publish_originals:   # readers get derivatives only
                photo = Photo(source=self.source_of(ref.src), url=variants[-1].url, output=variants[-1].output,
                              width=info.width, height=info.height, size=0, variants=variants, social=social,
                              focus=ref.focus)
            else:
                published = data if has_nothing_to_strip(data, info) else strip_location(data)
                url = self.article_url + posixpath.normpath(ref.src)
                photo = Photo(source=self.source_of(ref.src), url=url, output=url.lstrip("/"), width=info.width,
                              height=info.height, size=len(published),
                              clean=(size, mtime_ns) if published is data else None, variants=variants,
                              social=social, focus=ref.focus)
            self.photos[ref.src] = photo
            self.notes[ref.src] = info.notes
        return Figure(src=ref.src, caption=ref.caption, alt=ref.alt, photo=photo, line=ref.line), None

    def body_figure(self, src: str) -> Figure | None:
        figure, _ = self.figure(ImageRef(src=src, caption="", alt="", line=None))
        return figure


def line_in(text: str, needle: str, first_line: int = 1) -> int | None:
    """The line of `text` (numbered from `first_line`) where `needle` first appears, or None."""
    if not needle:
        return None
    at = text.find(needle)
    return None if at < 0 else first_line + text.count("\n", 0, at)
