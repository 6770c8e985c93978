"""An article body in Markdown -> safe HTML with figures, the dateline, image sizes and lazy loading.

The only module that uses Python-Markdown (and nh3, its sanitizer). A narrow boundary: a body and
a context in, a `RenderedBody` out. One `Markdown` instance is kept per renderer and reset between
documents, which is about 15% cheaper than building one per article.

Python-Markdown recurses once per level of nesting and looks for the end of every '[' and '<' through
the rest of its paragraph, so a hostile body could take minutes or overflow the stack. `check_limits`
refuses, before parsing, what would: a body over `MAX_BODY_CHARS`, a line nested deeper than
`MAX_DEPTH` (lists, quotes, indentation) and a block of text with more than `MAX_OPENERS` of one kind
of opener; a `BodyLimit` says which, and on which line of the body. Every check is one linear pass.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import markdown as _markdown
import nh3
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from ..core.models import Figure
from .paste import normalise_body

EXTENSIONS = ("tables", "footnotes", "attr_list")
LINK_MARK = "#bantin-link-"     # + index in `links`: a link to an article's file, resolved by the site stage
_PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")
_PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif", ".tif", ".tiff")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#|/)")

_TAGS = set(nh3.ALLOWED_TAGS) | {"figure", "figcaption", "span", "div", "section"}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes", "fetchpriority"},
    "td": {"colspan", "rowspan", "style"}, "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start"}, "time": {"datetime"}, "blockquote": {"cite"}, "q": {"cite"},
}

ImageResolver = Callable[[str], "Figure | None"]

MAX_BODY_CHARS = 500_000    # characters; a long press release has 20 000
MAX_DEPTH = 32              # levels of lists, quotes and indentation on one line
MAX_OPENERS = 1_000         # '[' (or inline '<') in one block of text; a busy paragraph has a few dozen
_PREFIX = re.compile(r"[ \t>]*")
_BLANK = re.compile(r"[ \t]*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_QUOTE = re.compile(r"> ?")


class BodyLimit(Exception):
    """A body beyond one of the limits: `offset` is its line within the body (0 = the first line);
    `key` and `params` are the catalog message."""

    def __init__(self, offset: int, key: str, **params: object) -> None:
        super().__init__(key)
        self.offset, self.key, self.params = offset, key, params


def check_limits(body: str, block_tags: frozenset[str] = frozenset()) -> None:
    """Raise `BodyLimit` for a body Python-Markdown would take too long (or too deep) to parse.
    `block_tags` are the tags whose blocks Python-Markdown stores whole (their '<' are not inline)."""
    if len(body) > MAX_BODY_CHARS:
        raise BodyLimit(0, "body.too_large", size=len(body), limit=MAX_BODY_CHARS)
    block_start, brackets, angles, html_block = 0, 0, 0, False
    for offset, line in enumerate(body.split("\n")):
        if _BLANK.match(line):
            block_start, brackets, angles, html_block = offset + 1, 0, 0, False
            continue
        prefix = _PREFIX.match(line).group()
        if len(prefix) > MAX_DEPTH:     # each '>' is a level (with the space after it), four columns another
            columns = len(_QUOTE.sub("", prefix).expandtabs(4))
            if prefix.count(">") + columns // 4 > MAX_DEPTH:
                raise BodyLimit(offset, "body.too_deep", limit=MAX_DEPTH)
        if offset == block_start and line.startswith("<"):
            tag = _TAG.match(line)
            html_block = tag is not None and tag.group(1).lower() in block_tags
        brackets += line.count("[")
        angles += 0 if html_block else line.count("<")
        if brackets > MAX_OPENERS or angles > MAX_OPENERS:
            raise BodyLimit(block_start, "body.too_many_openers", char="[" if brackets > MAX_OPENERS else "<",
                            limit=MAX_OPENERS)
# The width an article's photo is shown at, as the built-in theme's CSS lays it out (bantin.css: one
# column under 56rem with 1rem margins; above, the 72rem page less the 20rem sidebar, gap and margins).
BODY_SIZES = "(max-width: 56rem) calc(100vw - 2rem), min(calc(100vw - 24rem), 48rem)"


@dataclass(frozen=True, slots=True)
class RenderedBody:
    html: str
    first_paragraph: str            # plain text, for the default summary
    referenced: tuple[str, ...]     # local image srcs the body uses, as written
    missing: tuple[str, ...]        # local image srcs the resolver did not find
    links: tuple[str, ...]          # every href, as written
    images: tuple[tuple[str, str], ...] = ()  # (src, alt) of every image Markdown made (not raw HTML)


class MarkdownRenderer:
    """Renders bodies with one reused Python-Markdown instance."""

    def __init__(self, allow_raw_html: bool = False, quick: bool = True):
        """`quick=False` runs stock Python-Markdown and always sanitizes: the reference the quick
        paths are tested against."""
        self.allow_raw_html = allow_raw_html
        self.quick = quick
        self._figures = _FigureProcessor()
        self._md = _markdown.Markdown(extensions=list(EXTENSIONS), output_format="html", extension_configs={
            "footnotes": {"BACKLINK_TITLE": "Quay lại chú thích %d trong bài", "SEPARATOR": "-"}})
        self._md.treeprocessors.register(self._figures, "bantin_figures", 1)
        self._block_tags = frozenset(tag.lower() for tag in self._md.block_level_elements)
        if quick and {pattern.name for pattern in self._md.inlinePatterns._priority} <= QUICK_INLINE_PATTERNS:
            self._md.treeprocessors.register(_QuickInlineProcessor(self._md), "inline", 20)

    def render(self, body: str, *, figures: tuple[Figure, ...] = (), dateline: str = "",
               resolve: ImageResolver = lambda src: None) -> RenderedBody:
        check_limits(body, self._block_tags)
        body = normalise_body(body)     # as pasted from Word: paragraphs, no code blocks, tables (paste.py)
        state = _State(figures=figures, dateline=dateline, resolve=_plain_names_only(resolve))
        self._figures.state = state
        try:
            html = self._md.reset().convert(body)
        finally:
            self._figures.state = None
        if not self.allow_raw_html and not (self.quick and _only_markdown(body, state)):
            html = sanitize(html)
        return RenderedBody(html=html, first_paragraph=state.first_paragraph,
                            referenced=tuple(state.referenced), missing=tuple(state.missing),
                            links=tuple(state.links), images=tuple(state.images))


# Python-Markdown's inline patterns (with footnotes) and the characters one of them needs to match.
QUICK_INLINE_PATTERNS = frozenset({"backtick", "escape", "reference", "link", "image_link", "image_reference",
                                   "short_reference", "short_image_ref", "autolink", "automail", "linebreak",
                                   "html", "entity", "em_strong", "em_strong2", "not_strong", "footnote"})
_INLINE_TRIGGER = re.compile(r"[`\\\[<&*_]|  \n")
_SAFE_URL = re.compile(r"^(?:https?://|mailto:|tel:|[^:]*$|[^:]*[/?#])", re.IGNORECASE)


class _QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, skipping texts that contain no character any of its
    patterns needs (most sentences of a press release): the result is the same, about 20% faster."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802
        if patternIndex == 0 and _INLINE_TRIGGER.search(data) is None:
            return data
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)


def _only_markdown(body: str, state: "_State") -> bool:
    """True when the HTML can only hold what Markdown generates from plain text, so sanitizing
    would change nothing: no raw HTML or entities in the body, no attribute lists, footnotes or tables, and every link
    and image address relative or http(s), mailto or tel."""
    if any(mark in body for mark in ("<", "&", "{", "[^", "|")):  # nh3 rewrites footnotes' entity, tables' style
        return False
    return all(_SAFE_URL.match(url) for url in state.links) and all(_SAFE_URL.match(src) for src, _ in state.images)


def _plain_names_only(resolve: ImageResolver) -> ImageResolver:
    """A resolver that never looks up a name with a control character (a NUL can not name a file):
    such an image is simply missing."""
    return lambda src: None if _CONTROL.search(src) else resolve(src)


def sanitize(html: str) -> str:
    """Keep a safe allowlist: no script or style, no event attributes, no `javascript:` URLs."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, link_rel=None,
                     clean_content_tags={"script", "style"}, url_schemes={"http", "https", "mailto", "tel"},
                     filter_style_properties={"text-align"})


def is_local(src: str) -> bool:
    """A path relative to the article's folder (not a URL, not site-absolute, not a fragment)."""
    return bool(src) and not _EXTERNAL.match(src)


@dataclass
class _State:
    figures: tuple[Figure, ...]
    dateline: str
    resolve: ImageResolver
    first_paragraph: str = ""
    referenced: list[str] | None = None
    missing: list[str] | None = None
    links: list[str] | None = None

    images: list[tuple[str, str]] | None = None

    def __post_init__(self) -> None:
        self.referenced, self.missing, self.links, self.images = [], [], [], []


class _FigureProcessor(Treeprocessor):
    """Figures with captions, unreferenced photos after the lead, the dateline, image attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.state: _State | None = None

    def run(self, root: etree.Element) -> None:
        state = self.state
        assert state is not None
        by_src = {f.src: f for f in state.figures}
        lead = self._lead_paragraph(root)
        if lead is not None:
            state.first_paragraph = _plain_text(lead)
        self._make_figures(root, state, by_src)
        self._insert_unreferenced(root, lead, state)
        if lead is not None and state.dateline:
            dateline = etree.Element("span", {"class": "dateline"})
            dateline.text = f"{state.dateline} - "
            dateline.tail, lead.text = lead.text, None
            lead.insert(0, dateline)
        self._finish_images(root, state, by_src)
        for anchor in root.iter("a"):
            href = anchor.get("href", "")
            if is_local(href) and urlsplit(href).path.endswith(".md"):
                anchor.set("href", f"{LINK_MARK}{len(state.links)}")
            elif is_local(href) and href.lower().endswith(_PHOTO_EXTENSIONS) and href in state.referenced:
                photo = (by_src.get(href) or state.resolve(href)).photo   # a photo shown above: link to
                if photo.variants:                                        # its largest derivative
                    anchor.set("href", [v for v in photo.variants if v.mime == photo.variants[0].mime][-1].url)
                    state.links.append(anchor.get("href"))
                    continue
            state.links.append(href)

    @staticmethod
    def _lead_paragraph(root: etree.Element) -> etree.Element | None:
        for child in root:
            if child.tag == "p" and _plain_text(child).strip():
                return child
        return None

    def _make_figures(self, root: etree.Element, state: _State, by_src: dict[str, Figure]) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "p" or len(child) != 1 or (child.text or "").strip():
                    continue
                img = child[0]
                if img.tag != "img" or (img.tail or "").strip():
                    continue
                src = img.get("src", "")
                figure_data = by_src.get(src) or (state.resolve(src) if is_local(src) else None)
                if figure_data is None:
                    continue
                img.tail = None
                figure = etree.Element("figure")
                figure.append(img)
                if figure_data.caption:
                    caption = etree.SubElement(figure, "figcaption")
                    caption.text = figure_data.caption
                figure.tail = child.tail
                parent.remove(child)
                parent.insert(index, figure)

    @staticmethod
    def _insert_unreferenced(root: etree.Element, lead: etree.Element | None, state: _State) -> None:
        used = {img.get("src") for img in root.iter("img")}
        position = list(root).index(lead) + 1 if lead is not None else 0
        for figure_data in state.figures:
            if figure_data.src in used:
                continue
            figure = etree.Element("figure")
            etree.SubElement(figure, "img", {"src": figure_data.src})
            if figure_data.caption:
                etree.SubElement(figure, "figcaption").text = figure_data.caption
            root.insert(position, figure)
            position += 1

    @staticmethod
    def _finish_images(root: etree.Element, state: _State, by_src: dict[str, Figure]) -> None:
        for number, img in enumerate(root.iter("img")):
            src = img.get("src", "")
            if is_local(src):
                figure_data = by_src.get(src) or state.resolve(src)
                if figure_data is None:
                    state.missing.append(src)
                else:
                    if src not in state.referenced:
                        state.referenced.append(src)
                    img.set("src", figure_data.url)
                    variants = [v for v in figure_data.photo.variants if v.mime == figure_data.photo.variants[0].mime]
                    if variants:
                        img.set("srcset", ", ".join(f"{v.url} {v.width}w" for v in variants))
                        img.set("sizes", BODY_SIZES)
                    if figure_data.width and figure_data.height:
                        img.set("width", str(figure_data.width))
                        img.set("height", str(figure_data.height))
                    if not img.get("alt"):
                        img.set("alt", figure_data.alt or figure_data.caption)
            img.set("alt", img.get("alt") or "")
            state.images.append((img.get("src", ""), img.get("alt", "").strip()))
            if number:
                img.set("loading", "lazy")
            else:
                img.set("fetchpriority", "high")
            img.set("decoding", "async")


def _plain_text(element: etree.Element) -> str:
    text = "".join(element.itertext())
    return " ".join(_PLACEHOLDER.sub("", text).split())
