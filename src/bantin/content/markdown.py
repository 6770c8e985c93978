"""An article body in Markdown -> safe HTML with figures, the dateline, image sizes and lazy loading.

The only module that uses Python-Markdown (and nh3, its sanitizer). A narrow boundary: a body and
a context in, a `RenderedBody` out. One `Markdown` instance is kept per renderer and reset between
documents, which is about 15% cheaper than building one per article.

Whether a body parses must not depend on how fast the machine is, so its cost is bounded by what can
be counted. Python-Markdown recurses once per level of nesting, and rebuilds a paragraph's text for
each inline element it finds (a cost of elements times length). `check_limits` refuses, before
parsing: a body over `MAX_BODY_CHARS`, a line nested deeper than `MAX_DEPTH` (lists, quotes,
indentation), a block of text with more than `MAX_OPENERS` '[' or '<' or more than `MAX_MARKS`
characters that may start inline markup, and a body with more than `MAX_BODY_MARKS` of them; a
`BodyLimit` says which, and on which line. Every check is one linear pass. What passes parses in
time linear in its size: the steps of Python-Markdown that looked at every character after a link
or a code span for each of them are replaced below ("inline markup in linear time");
bench/markdown_scaling.py prints the growth for each kind of markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from types import MethodType
from urllib.parse import urlsplit

import markdown as _markdown
import nh3
from markdown.inlinepatterns import BacktickInlineProcessor, LinkInlineProcessor, dequote
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
MAX_MARKS = 20_000          # characters that may start inline markup, in one block of text
MAX_BODY_MARKS = 50_000     # the same in the whole body; a long press release has a few hundred
_MARK_CHARS = "`*_&\\"      # with '[', inline '<' and a line ending in two spaces: what `_INLINE_TRIGGER` finds
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
    `block_tags` are the tags whose blocks Python-Markdown stores whole (no inline markup in them).

    What is counted bounds the time: each inline element costs a copy of its block's text (so marks
    times the block's length, bounded per block), and some work of its own (bounded per body)."""
    if len(body) > MAX_BODY_CHARS:
        raise BodyLimit(0, "body.too_large", size=len(body), limit=MAX_BODY_CHARS)
    block_start, brackets, angles, marks, body_marks, html_block = 0, 0, 0, 0, 0, False
    for offset, line in enumerate(body.split("\n")):
        if _BLANK.match(line):
            block_start, brackets, angles, marks, html_block = offset + 1, 0, 0, 0, False
            continue
        _check_depth(line, offset)
        if offset == block_start and line.startswith("<"):
            tag = _TAG.match(line)
            html_block = tag is not None and tag.group(1).lower() in block_tags
        brackets += line.count("[")
        if brackets > MAX_OPENERS:
            raise BodyLimit(block_start, "body.too_many_openers", char="[", limit=MAX_OPENERS)
        if html_block:
            continue
        angles += line.count("<")
        if angles > MAX_OPENERS:
            raise BodyLimit(block_start, "body.too_many_openers", char="<", limit=MAX_OPENERS)
        found = line.count("[") + line.count("<") + sum(map(line.count, _MARK_CHARS)) + line.endswith("  ")
        marks, body_marks = marks + found, body_marks + found
        if marks > MAX_MARKS:
            raise BodyLimit(block_start, "body.too_many_marks", limit=MAX_MARKS)
        if body_marks > MAX_BODY_MARKS:
            raise BodyLimit(offset, "body.too_many_marks_in_body", limit=MAX_BODY_MARKS)


def _check_depth(line: str, offset: int) -> None:
    prefix = _PREFIX.match(line).group()
    if len(prefix) > MAX_DEPTH:     # each '>' is a level (with the space after it), four columns another
        columns = len(_QUOTE.sub("", prefix).expandtabs(4))
        if prefix.count(">") + columns // 4 > MAX_DEPTH:
            raise BodyLimit(offset, "body.too_deep", limit=MAX_DEPTH)


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
        if quick:
            _find_inline_markup_in_linear_time(self._md)

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


# -- inline markup in linear time ----------------------------------------------------------------
# Python-Markdown finds the ']' that ends a link's text with a pass over the whole paragraph for each
# link (3.11 makes a table for every index of the text, again after each link is replaced by its
# placeholder; earlier versions scan from the '['), the ')' that ends its address by looking at
# every character after the '(', and the backticks that end a code span by looking at every
# character after the opening ones (to the end of the paragraph when there are none): a paragraph
# of 900 links took 10 s, one of 2 700 minutes. The quick renderer gives these patterns the same
# steps visiting only what they look for (brackets; parentheses and quotes; runs of backticks),
# found by regular expressions in C (tests/test_markdown.py compares them with stock Python-Markdown).
# A link's text or address is looked for through at most MAX_LINK_MARKS of those: past them the '['
# or '(' is taken as never closed (a link whose text holds 32 brackets is no link an editor writes).

MAX_LINK_MARKS = 32         # brackets visited for the ']' of a link's text; parentheses and quotes for its ')'
_BRACKETS = re.compile(r"[\[\]]")
_ADDRESS_MARKS = re.compile(r"""[()'"]""")
_TICKS = re.compile(r"`+")
_LINK_PATTERNS = ("reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref")


def _find_inline_markup_in_linear_time(md: _markdown.Markdown) -> None:
    for name in _LINK_PATTERNS:
        if name in md.inlinePatterns and isinstance(md.inlinePatterns[name], LinkInlineProcessor):
            pattern = md.inlinePatterns[name]
            pattern.getText = MethodType(_link_text, pattern)
            pattern.getLink = MethodType(_link_address, pattern)
    if "backtick" in md.inlinePatterns and isinstance(md.inlinePatterns["backtick"], BacktickInlineProcessor):
        pattern = md.inlinePatterns["backtick"]
        pattern.find_code_spans = MethodType(_code_spans, pattern)


def _link_text(self: LinkInlineProcessor, data: str, index: int) -> tuple[str, int, bool]:
    """`LinkInlineProcessor.getText`: the text from `index` (just after a '[') to the ']' that closes
    it, nested brackets counted; the index after that ']'; whether there is one."""
    depth = 1
    for seen, mark in enumerate(_BRACKETS.finditer(data, index)):
        if seen == MAX_LINK_MARKS:
            break
        depth += 1 if mark.group() == "[" else -1
        if not depth:
            return data[index:mark.start()], mark.end(), True
    return data[index:], len(data), False


def _code_spans(self: BacktickInlineProcessor, start: int, text: str) -> tuple[int, int | None]:
    """`BacktickInlineProcessor.find_code_spans`: the span between the backticks at `start` and the
    next run of as many; else, when a longer run closes no shorter one, as much of both as pairs."""
    opening = _TICKS.match(text, start)
    ticks = opening.end() - start if opening else 0
    start += ticks
    longest = end = 0
    for run in _TICKS.finditer(text, start):
        length = run.end() - run.start()
        if length == ticks:
            return start, run.start()
        if length > longest:
            longest, end = length, run.end()
    if 0 < longest < ticks:
        return start - (ticks - longest), end - longest
    return start + ticks, None


def _link_address(self: LinkInlineProcessor, data: str, index: int) -> tuple[str, str | None, int, bool]:
    """`LinkInlineProcessor.getLink`: (href, title, index after the ')', found) of the address at
    `index` ('(<href> "title")' by its regular expression, the rest by `_scan_address`)."""
    href, title, handled = "", None, False
    m = self.RE_LINK.match(data, pos=index)
    if m and m.group(1):
        href, index, handled = m.group(1)[1:-1].strip(), m.end(0), True
        title = m.group(2)[1:-1] if m.group(2) else None
    elif m:
        href, title, index, handled = _scan_address(data, m.end())
    if title is not None:
        title = self.RE_TITLE_CLEAN.sub(" ", dequote(self.unescape(title.strip())))
    return self.unescape(href).strip(), title, index, handled


def _scan_address(data: str, start: int) -> tuple[str, str | None, int, bool]:
    """The loop of `getLink` after '(' (nested parentheses, a quoted title, its fallbacks when the
    title never closes), run on the parentheses and quotes only: (href, title, end, found)."""
    count = backtrack = 1
    last_bracket = start_quote = exit_quote = start_alt = exit_alt = -1
    quote = alt = ""
    in_title = False
    for seen, mark in enumerate(_ADDRESS_MARKS.finditer(data, start)):
        if seen == MAX_LINK_MARKS:     # taken as never closed
            break
        pos, c = mark.start(), mark.group()
        if c == "(":
            if not in_title:
                count += 1
            elif backtrack > 0:
                backtrack -= 1
        elif c == ")":
            last = _last_before(data, start, pos)
            if (exit_quote != -1 and quote == last) or (exit_alt != -1 and alt == last):
                count = 0
            elif not in_title:
                count -= 1
            elif backtrack > 0:
                backtrack -= 1
                if backtrack == 0:
                    last_bracket = pos + 1
            if count == 0:
                if exit_quote >= 0 and quote == last:
                    return data[start:start_quote - 1], data[start_quote:exit_quote - 1], pos + 1, True
                if exit_alt >= 0 and alt == last:
                    return data[start:start_alt - 1], data[start_alt:exit_alt - 1], pos + 1, True
                return data[start:pos], None, pos + 1, True
        elif not quote:                 # a quote: from here on, probably a title
            in_title, backtrack, count = True, count, 1
            start_quote, quote = pos + 1, c
        elif c != quote and not alt:
            start_alt, alt = pos + 1, c
        elif c == quote:
            exit_quote = pos + 1
        elif alt and c == alt:
            exit_alt = pos + 1
    if backtrack == 0:                  # '[t](a"b)': the title never closed, the ')' after the address ends it
        return data[start:last_bracket - 1], None, last_bracket, True
    return "", None, len(data), False


def _last_before(data: str, start: int, pos: int) -> str:
    """The last character before `pos`, from `start` on, that is not a space ('' if none): `getLink`'s `last`."""
    at = pos - 1
    while at >= start and data[at] == " ":
        at -= 1
    return data[at] if at >= start else ""


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
