"""An old portal's page -> the parts of an article: title, date, dateline, byline, body, photos, awards.

Pure functions of the page's bytes or text (no network, no disk): `extract_html`, `extract_text`
(copied text, in `copied_text.py`), `decode_page` (in `charset.py`), `find_links`, `parse_sitemap`.
The only module that uses lxml, cssselect and markdownify. How a saved page is read, in order:

- **Decoding.** `charset.decode_page`: UTF-8 when the bytes are, else the candidate charset that
  reads as Vietnamese, whatever the page declares.
- **Fields.** The site's selectors (`import:` in site.yaml) win; otherwise Open Graph and
  `article:published_time`, JSON-LD, a `<time datetime>`, a date line near the title as portals
  print it (`dates.find_date`), the date in the URL.
- **Body.** The selector's element, or the block whose direct paragraphs hold the most text; a lead
  ("sapo") printed outside it, before it, is put back first. Bold and italics, including those
  made with `style="font-weight: bold"`, survive as Markdown `**`/`*` with balanced marks.
  Boilerplate goes ("< Trở về trang trước", share buttons, related lists, comment forms, counters).
  A photo's caption is the short text that follows it; both leave the body for `images:`.
- **Dateline, byline, awards**: as in copied text (`page_parts`, `bylines`, `award_finder`).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
from cssselect import SelectorError
from lxml.cssselect import CSSSelector
from markdownify import MarkdownConverter

from ..config import ImportSelectors
from ..core import vi
from .award_finder import propose_awards
from .bylines import BYLINE_LABEL, parse_byline
from .charset import decode_page
from .copied_text import extract_text
from .dates import find_date, read_date
from .page_parts import (
    MIN_ARTICLE_TEXT,
    Extracted,
    Photo,
    is_boilerplate,
    is_date_line,
    plain,
    take_dateline,
    take_end_byline,
    take_top_byline,
    without_related,
)

__all__ = ["Extracted", "Photo", "Selectors", "SelectorProblem", "check_selectors", "decode_page", "extract_html",
           "extract_text", "find_links", "parse_sitemap", "propose_awards", "meta_keywords"]

_BOILERPLATE_CLASSES = ("share", "social", "related", "comment", "binh-luan", "binhluan", "tinlienquan",
                        "tin-lien-quan", "othernews", "other-news", "tin-khac", "tinkhac", "print", "viewcount",
                        "view-count", "luot-xem", "luotxem", "toolbar", "breadcrumb", "tags", "rating", "like")
_DROP_TAGS = ("script", "style", "noscript", "form", "iframe", "button", "input", "select", "textarea", "nav",
              "svg", "object", "embed", "video", "audio")
_BLOCKS = {"p", "div", "td", "th", "li", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "center",
           "section", "article", "figure", "table", "tr", "tbody", "ul", "ol", "dd", "dt", "span", "em", "i", "font"}
LINE_MAX = 200
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|-|$)")
CAPTION_MAX = 300
_LEAD_CLASSES = ("sapo", "lead", "chapeau", "summary", "description", "tom-tat", "tomtat", "mo-ta", "mota", "excerpt",
                 "intro", "abstract", "tieu-de-phu", "news-sapo", "detail-sapo", "article-sapo")


Selectors = ImportSelectors     # site.yaml's `import:`: CSS selectors that win over the heuristics


class SelectorProblem(ValueError):
    """A selector of site.yaml's `import:` that is not valid CSS."""

    def __init__(self, key: str, selector: str):
        super().__init__(key, selector)
        self.key, self.selector = key, selector


def check_selectors(selectors: Selectors) -> None:
    """Raise `SelectorProblem` for the first selector that does not compile."""
    for key in ("title", "date", "body", "author", "category", "tags"):
        value = getattr(selectors, key)
        if value:
            _compile(key, value)
    for value in selectors.remove:
        _compile("remove", value)


def _compile(key: str, selector: str) -> CSSSelector:
    try:
        return CSSSelector(selector)
    except (SelectorError, lxml.etree.XPathError, ValueError):
        raise SelectorProblem(key, selector) from None


def _parse(text: str) -> lxml.html.HtmlElement:
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    return lxml.html.document_fromstring(text or "<html></html>")


def _text(element) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


# ---------------------------------------------------------------------------------------------
# Lists of links, sitemaps

def find_links(text: str, base_url: str, selector: str) -> list[str]:
    """Absolute http(s) addresses of the elements matching `selector` (anchors, or anchors inside them)."""
    root = _parse(text)
    found = []
    for element in _compile("follow", selector)(root):
        anchors = [element] if element.tag == "a" else element.iter("a")
        for anchor in anchors:
            href = (anchor.get("href") or "").strip()
            if href and not href.startswith(("#", "javascript:", "mailto:")):
                url = urljoin(base_url, href).split("#")[0]
                if urlsplit(url).scheme in ("http", "https") and url not in found:
                    found.append(url)
    return found


def parse_sitemap(data: bytes) -> tuple[list[str], list[str]] | None:
    """(page addresses, child sitemap addresses) of a sitemap or sitemap index; None if it is not one."""
    try:
        root = lxml.etree.fromstring(data, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True,
                                                                       huge_tree=False))
    except lxml.etree.XMLSyntaxError:
        return None
    name = lxml.etree.QName(root).localname
    if name not in ("urlset", "sitemapindex"):
        return None
    locs = [" ".join((e.text or "").split()) for e in root.iter("{*}loc")]
    locs = [loc for loc in locs if loc]
    return (locs, []) if name == "urlset" else ([], locs)


# ---------------------------------------------------------------------------------------------
# Article pages

def extract_html(text: str, url: str, selectors: Selectors = Selectors()) -> Extracted:
    root = _parse(text)
    if root.xpath("//input[@type='password']"):
        return Extracted(not_article="login")
    meta = _metadata(root)
    title = _first_text(root, selectors.title) or meta.get("og:title") or _text(_first(root, "h1")) \
        or _title_element(root) or _strip_site_name(_text(_first(root, "title")))
    title = " ".join(title.split())
    if not title:
        return Extracted(not_article="no_title")
    date_text = _date_from_selector(root, selectors.date) or _iso(meta.get("article:published_time")) \
        or _iso(meta.get("datePublished")) or _date_from_time(root) or _date_from_text(root, title) \
        or _date_from_url(url)
    body_element = _first(root, selectors.body) if selectors.body else _main_block(root)
    if body_element is None:
        return Extracted(title=title, not_article="empty")
    categories = tuple(_texts(root, selectors.category)) if selectors.category else _breadcrumb(root)
    tags = tuple(_texts(root, selectors.tags)) if selectors.tags else meta_keywords(meta.get("keywords"))
    named = _first_text(root, selectors.author) if selectors.author else meta.get("author") or meta.get("article:author")
    if body_element.tag in ("td", "th"):
        body_element.tag = "div"                    # a layout table's cell: its paragraphs stay paragraphs
    lead = _lead_outside(root, body_element)
    _clean(body_element, selectors.remove, title)
    if _is_list(body_element):
        return Extracted(title=title, not_article="list")
    _mark_styled(body_element)
    photos = _take_photos(body_element)
    parts = _article_parts(lead + _to_markdown(body_element), title)
    source, authors, blocks = parts
    body = "\n\n".join(blocks)
    if len(plain(body)) < MIN_ARTICLE_TEXT and not photos:
        return Extracted(title=title, not_article="empty")
    if selectors.author or not authors:
        authors = _authors_named(named) or authors
    return Extracted(title=title, date_text=date_text, source=source, authors=authors,
                     categories=categories, tags=tags, body=body + "\n", photos=photos,
                     awards=propose_awards("\n".join(plain(b) for b in blocks)),
                     canonical=meta.get("canonical") or meta.get("og:url"))


def _article_parts(markdown: str, title: str) -> tuple[str | None, tuple[str, ...], list[str]]:
    """(dateline, byline, the body's blocks) of the body's Markdown."""
    blocks = [_balanced(b) for b in _blocks(markdown)]
    blocks = [b for b in blocks if not is_boilerplate(b) and plain(b) != title
              and not (len(plain(b)) <= 120 and is_date_line(b))]
    blocks = without_related(blocks)
    top, blocks = take_top_byline(blocks)
    source, blocks = take_dateline(blocks)
    end, blocks = take_end_byline(blocks)
    return source, top or end, blocks


def html_to_markdown(text: str) -> tuple[str, tuple[Photo, ...]]:
    """A page's article body (its `articleBody`, else the block holding the most text) as Markdown,
    and the photos it showed: cleaned as `extract_html` cleans a body (boilerplate, share buttons and
    comment forms dropped; each photo and its caption taken out), with no title, date, dateline or
    byline looked for. `docx.word_html_to_markdown` serves HTML pasted from Word through it."""
    body = _main_block(_parse(text))
    if body is None:
        return "", ()
    _clean(body, (), "")
    photos = _take_photos(body)
    blocks = [b for b in _blocks(_to_markdown(body)) if not is_boilerplate(b)]
    return ("\n\n".join(blocks) + "\n" if blocks else ""), photos


def _authors_named(text: str | None) -> tuple[str, ...]:
    """The names of an author field ('Q.H - T.L', 'NGỌC HÂN'), as a byline reads them."""
    if not text or not text.strip():
        return ()
    return parse_byline(text) or (" ".join(text.split()),)


def meta_keywords(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    words = [" ".join(w.split()) for w in re.split(r"[,;]", value)]
    return tuple(dict.fromkeys(w for w in words if w and len(w) <= 60))[:10]


def _metadata(root) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = element.get("content")
        if key and value and key.strip() not in found:
            found[key.strip()] = " ".join(value.split())
    for element in root.iter("link"):
        if (element.get("rel") or "").lower() == "canonical" and element.get("href"):
            found.setdefault("canonical", element.get("href").strip())
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            if not isinstance(item, dict):
                continue
            for key in ("datePublished", "headline"):
                if isinstance(item.get(key), str):
                    found.setdefault(key if key != "headline" else "og:title", item[key])
            author = item.get("author")
            author = author[0] if isinstance(author, list) and author else author
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str) and name.strip():
                found.setdefault("author", name.strip())
    return found


def _first(root, selector: str | None):
    if not selector:
        return None
    if re.fullmatch(r"[a-z0-9]+", selector):
        return next(root.iter(selector), None)
    matches = _compile("selector", selector)(root)
    return matches[0] if matches else None


def _texts(root, selector: str) -> list[str]:
    return [t for t in (_text(e) for e in _compile("selector", selector)(root)) if t]


def _first_text(root, selector: str | None) -> str:
    return _text(_first(root, selector)) if selector else ""


def _strip_site_name(title: str) -> str:
    parts = re.split(r"\s+[|–-]\s+", title)
    return max(parts, key=len) if len(parts) > 1 else title


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?", value.strip())
    if not match:
        return None
    date, time, offset = match.groups()
    return date + (f"T{time}{offset or ''}" if time else "")


def _date_from_selector(root, selector: str | None) -> str | None:
    return read_date(_first_text(root, selector)) if selector else None


def _date_from_time(root) -> str | None:
    """`<time datetime="2024-09-27T11:41:00+07:00">`, the first one of the page."""
    for element in root.iter("time"):
        found = _iso(element.get("datetime"))
        if found:
            return found
    return None


def _date_from_text(root, title: str) -> str | None:
    """A date line as portals print it, among the page's first lines after its title, or just above it."""
    lines = _block_lines(root)
    at = next((i for i, line in enumerate(lines) if title and line == title), None)
    if at is None:
        found = find_date(lines, 0, 40)
    else:
        found = find_date(lines, at + 1) or find_date(lines, max(0, at - 3), min(at, 3))
    return found.text if found else None


def _block_lines(root) -> list[str]:
    """The text of each element that holds text of its own, in page order, with its inline children
    (at most LINE_MAX characters each: a page's date line is short, and long text is not read twice)."""
    lines: list[str] = []
    for element in root.iter("p", "div", "span", "td", "li", "h1", "h2", "h3", "time", "em", "i", "small", "strong",
                             "b"):
        if not (element.text or "").strip() and not any((child.tail or "").strip() for child in element):
            continue
        pieces, size = [], 0
        for piece in element.itertext():
            pieces.append(piece)
            size += len(piece)
            if size > LINE_MAX:
                break
        line = " ".join(" ".join(pieces).split())[:LINE_MAX]
        if line and (not lines or lines[-1] != line):
            lines.append(line)
    return lines


def _date_from_url(url: str) -> str | None:
    match = _URL_DATE.search(urlsplit(url).path)
    return f"{int(match['d']):02d}/{int(match['m']):02d}/{match['y']}" if match else None


def _breadcrumb(root) -> tuple[str, ...]:
    for selector in ("[itemtype*=BreadcrumbList] a", ".breadcrumb a", ".breadcrumbs a", "[class*=breadcrumb] a",
                     "[id*=breadcrumb] a", "[class*=duong-dan] a"):
        names = [n for n in _texts(root, selector) if n.casefold() not in ("trang chủ", "home", "trang chu")]
        if names:
            return tuple(dict.fromkeys(names))
    return ()


def _main_block(root):
    """The element whose direct paragraphs hold the most text (the idea of readability, kept small)."""
    for selector in ("[itemprop=articleBody]",):
        found = _first(root, selector)
        if found is not None:
            return found
    best, best_score = None, 0
    for element in root.iter("div", "article", "section", "td", "main"):
        score = sum(len(_text(child)) for child in element
                    if isinstance(child.tag, str) and child.tag in ("p", "h2", "h3", "ul", "ol", "blockquote", "table",
                                                                     "figure", "div")
                    and (child.tag != "div" or len(child) <= 3))
        if score > best_score:
            best, best_score = element, score
    return best


def _classes(element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower()


def _clean(body, remove: tuple[str, ...], title: str) -> None:
    for element in list(body.iter(lxml.etree.Comment)):
        _drop(element)
    for selector in remove:
        for element in _compile("remove", selector)(body):
            _drop(element)
    for element in list(body.iter(*_DROP_TAGS)):
        _drop(element)
    for element in list(body.iter()):
        if element is body or not isinstance(element.tag, str) or element.getparent() is None:
            continue
        classes = _classes(element)
        if any(re.search(rf"(^|[\s_-]){name}($|[\s_-])", classes) for name in _BOILERPLATE_CLASSES):
            _drop(element)
        elif element.tag in ("h1", "h2") and _text(element) == title:
            _drop(element)


def _drop(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _is_list(body) -> bool:
    """Mostly links: a list of articles, not one."""
    text = len(_text(body))
    linked = sum(len(_text(a)) for a in body.iter("a"))
    return text > 0 and linked / text > 0.6 and len(list(body.iter("a"))) >= 3


def _take_photos(body) -> tuple[Photo, ...]:
    photos = []
    for img in list(body.iter("img")):
        src = (img.get("src") or img.get("data-src") or img.get("data-original") or "").strip()
        width, height = img.get("width", ""), img.get("height", "")
        if not src or src.startswith("data:") or (width.isdigit() and int(width) < 60) \
                or (height.isdigit() and int(height) < 60):
            _drop(img)
            continue
        caption = _take_caption(img, body)
        alt = " ".join((img.get("alt") or "").split())
        photos.append(Photo(src=src, caption=caption, alt=alt if _says_something(alt, src, caption) else ""))
        container = img.getparent()
        _drop(img)
        _drop_if_empty(container, body)
    return tuple(photos)


def _says_something(alt: str, src: str, caption: str) -> bool:
    name = src.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return (len(alt) >= 5 and alt.casefold() not in ("image", "photo", "ảnh", "hình ảnh", "anh", "img", "picture")
            and vi.fold(alt) != vi.fold(name) and not re.fullmatch(r"[\w.-]+\.(jpe?g|png|gif|webp)", alt, re.I)
            and alt != caption)


def _take_caption(img, body) -> str:
    """The short text after the photo: in its own block (figcaption, next paragraph or table row), or
    after the photo inside the same block. The text leaves the page; '' when there is none."""
    figure = next((a for a in img.iterancestors() if a.tag == "figure"), None)
    if figure is not None:
        caption = figure.find(".//figcaption")
        if caption is not None:
            text = _text(caption)
            _drop(caption)
            return text
    following = img.xpath("following::text()[normalize-space()][1]")
    if not following:
        return ""
    node = following[0]
    holder = node.getparent()
    if holder is None or not _inside(holder, body):
        return ""
    block = holder
    while block.tag not in ("p", "div", "td", "figcaption", "center", "li", "h4", "h5", "h6", "blockquote") \
            and block.getparent() is not None and block.getparent() is not body:
        block = block.getparent()
    if _inside(img, block):
        # the caption shares the photo's block: '<p><img><br><em>Caption</em></p>'
        if len(block.xpath(".//img")) > 1:
            return ""
        text = _text(block)
        if not text or len(text) > CAPTION_MAX or _is_byline(text):
            return ""
        for child in list(block):
            if child is not img and not _inside(img, child):
                _drop(child)
        block.text = ""
        img.tail = ""
        return text
    text = _text(block)
    if not text or len(text) > CAPTION_MAX or block.xpath(".//img") or is_boilerplate(text) or _is_byline(text) \
            or text.endswith((".", "!", "?")) and not _looks_like_caption(block):
        return ""
    _drop(block)
    return text


def _is_byline(text: str) -> bool:
    """A byline after a photo ('DƯƠNG ÚT', 'Tin, ảnh: P.V'), not its caption."""
    if vi.upper(text) == text and any(c.isalpha() for c in text) and len(text.split()) <= 6:
        return True
    return bool(BYLINE_LABEL.match(text)) and not text.casefold().startswith("ảnh") and parse_byline(text) is not None


def _looks_like_caption(block) -> bool:
    """A sentence-like text still counts as a caption when the page marks it so."""
    marks = _classes(block) + " " + " ".join(_classes(a) for a in block.iterancestors() if a.tag != "html")
    styled = block.find(".//em") is not None or block.find(".//i") is not None or block.tag in ("em", "i")
    return styled or any(word in marks for word in ("caption", "chu-thich", "chuthich", "desc", "note", "image"))


def _inside(element, root) -> bool:
    return element is root or any(a is root for a in element.iterancestors())


def _drop_if_empty(element, body) -> None:
    while element is not None and element is not body and not _text(element) and not element.xpath(".//img"):
        parent = element.getparent()
        _drop(element)
        element = parent


def _lead_outside(root, body) -> str:
    """The lead ('sapo') as Markdown when the page prints it in its own element before the body."""
    for element in root.iter("p", "div", "h2", "h3", "span", "strong", "em"):
        classes = _classes(element)
        if not any(re.search(rf"(^|[\s_-]){name}($|[\s_-])", classes) for name in _LEAD_CLASSES):
            continue
        if _inside(element, body) or _inside(body, element) or not 40 <= len(_text(element)) <= 1200 \
                or not _before(element, body):
            continue
        html = lxml.html.tostring(element, encoding="unicode")
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
        _mark_styled(fragment)
        return re.sub(r"^#+\s*", "", _to_markdown(fragment).strip()) + "\n\n"   # a paragraph, not a heading
    return ""


_TITLE_CLASSES = ("title", "tieude", "tieu-de", "tieu_de", "headline", "news-title", "article-title")


def _title_element(root) -> str:
    """The text of an element named like a title ('div.tieude'), when the page has no <h1>."""
    for element in root.iter("div", "span", "p", "h2", "td", "strong"):
        classes = _classes(element)
        if any(re.search(rf"(^|[\s_-]){name}($|[\s_-])", classes) for name in _TITLE_CLASSES) \
                and 10 <= len(_text(element)) <= 300:
            return _text(element)
    return ""


def _before(element, other) -> bool:
    """Whether `element` comes before `other` in the page."""
    for node in element.getroottree().iter():
        if node is element:
            return True
        if node is other:
            return False
    return False


_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)


def _mark_styled(body) -> None:
    """Bold and italics made with a style ('<span style="font-weight: bold">') as <strong> and <em>,
    which markdownify writes as '**' and '*'."""
    for element in list(body.iter("span", "font", "p")):
        style = element.get("style") or ""
        bold, italic = _BOLD_STYLE.search(style), _ITALIC_STYLE.search(style)
        if not (bold or italic) or not _text(element):
            continue
        wrapper = lxml.html.Element("strong" if bold else "em")
        inner = wrapper
        if bold and italic:
            inner = lxml.html.Element("em")
            wrapper.append(inner)
        inner.text, element.text = element.text, None
        for child in list(element):
            inner.append(child)
        element.insert(0, wrapper)


def _balanced(block: str) -> str:
    """A block whose emphasis marks pair up: two bold runs side by side are one ('**A****, B**' ->
    '**A, B**'), an empty one goes, and a mark left alone is dropped (it would print as '*')."""
    block = re.sub(r"(?<=\S)\*\*\*\*(?=\S)", "", block)
    block = re.sub(r"(?<!\\)\*\*\s*\*\*", " ", block).strip()
    for mark in (r"\*\*", r"(?<![*\\])\*(?!\*)"):
        spots = [m.start() for m in re.finditer(rf"(?<!\\){mark}", block)]
        if len(spots) % 2:
            width = 2 if mark.startswith(r"\*\*") else 1
            block = block[:spots[-1]] + block[spots[-1] + width:]
    return block


class _Converter(MarkdownConverter):
    """markdownify with the choices of this site: ATX headings, '-' bullets, no images (taken already)."""

    def convert_img(self, el, text, *args, **kwargs):
        return ""

    def convert_a(self, el, text, *args, **kwargs):
        href = el.get("href") or ""
        if not href or href.startswith(("javascript:", "#")):
            return text
        return super().convert_a(el, text, *args, **kwargs)


def _to_markdown(body) -> str:
    html = lxml.html.tostring(body, encoding="unicode")
    text = _Converter(heading_style="ATX", bullets="-", strong_em_symbol="*", escape_underscores=False,
                      table_infer_header=True).convert(html)
    text = text.replace("\u00a0", " ")
    return vi.nfc(re.sub(r"[ \t]+\n", "\n", text))


def _blocks(markdown: str) -> list[str]:
    blocks = []
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip("\n")
        if block.strip():
            blocks.append(block.strip() if not block.lstrip().startswith("|") else block)
    return blocks


