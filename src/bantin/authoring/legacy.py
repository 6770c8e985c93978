"""An old portal's page -> the parts of an article: title, date, dateline, byline, body, photos, awards.

Pure functions of the page's bytes or text (no network, no disk): `extract_html`, `extract_text`,
`decode_page`, `find_links`, `parse_sitemap`. The only module that uses lxml, cssselect and
markdownify. How a page is read, in order:

- **Decoding.** Strict UTF-8 first (Vietnamese text in a legacy code page is almost never valid
  UTF-8, so a page that decodes is UTF-8 whatever it declares), then the declared charset, then
  Windows-1258 (whose tone marks are combining characters: the text is normalised to NFC).
- **Fields.** The site's selectors (`import:` in site.yaml) win; otherwise Open Graph and
  `article:published_time`, JSON-LD, "Cập nhật ngày:" / "Ngày đăng:" text, the date in the URL.
- **Body.** The selector's element, or the block whose direct paragraphs hold the most text.
  Boilerplate goes ("< Trở về trang trước", share buttons, related lists, comment forms, counters).
  A photo's caption is the short text that follows it; both leave the body for `images:`.
- **Dateline and byline.** "ĐTO - " opening the first paragraph is the source; a last paragraph in
  capitals ("DƯƠNG ÚT") is the author ("Dương Út").
- **Awards** ("tặng Bằng khen cho 34 tập thể, 74 cá nhân") are proposals, never facts: the caller
  writes them commented out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
from cssselect import SelectorError
from lxml.cssselect import CSSSelector
from markdownify import MarkdownConverter

from ..config import ImportSelectors
from ..content.frontmatter import AwardRef
from ..core import vi

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_DATE = re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})")
_TIME = re.compile(r"(?P<H>\d{1,2})[:hg](?P<M>\d{2})(?::(?P<S>\d{2}))?")
_DATE_LABEL = re.compile(r"(Cập nhật ngày|Ngày cập nhật|Ngày đăng|Đăng ngày|Ngày đưa tin|Đăng lúc|Cập nhật lúc|"
                         r"Ngày xuất bản|Thời gian đăng)\s*:?\s*(?P<rest>.{0,60})", re.IGNORECASE)
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|-|$)")
_DATELINE = re.compile(r"^(?:\*\*|__)?(?P<src>[A-ZĐ][A-ZĐ0-9]{1,11}(?: [A-ZĐ0-9]{1,8}){0,2})(?:\*\*|__)?"
                       r"\s*[-–—]\s*(?:\*\*|__)?\s*")
_BYLINE_PREFIX = re.compile(r"^(?:(?:tin|bài|ảnh|tin và ảnh|tin, ảnh|bài, ảnh|bài và ảnh|nhóm pv|pv)\s*:\s*)",
                            re.IGNORECASE)
BOILERPLATE = ("trở về trang trước", "quay lại", "gửi bình luận", "bình luận của bạn", "ý kiến bạn đọc",
               "in bài viết", "chia sẻ", "lượt xem", "số lượt xem", "bản in", "gửi email", "gửi cho bạn bè",
               "các tin khác", "tin liên quan", "tin cùng chuyên mục", "bài viết liên quan", "xem thêm",
               "đầu trang", "về đầu trang", "lên đầu trang", "tags:", "từ khóa:", "facebook", "zalo", "twitter")
_BOILERPLATE_CLASSES = ("share", "social", "related", "comment", "binh-luan", "binhluan", "tinlienquan",
                        "tin-lien-quan", "othernews", "other-news", "tin-khac", "tinkhac", "print", "viewcount",
                        "view-count", "luot-xem", "luotxem", "toolbar", "breadcrumb", "tags", "rating", "like")
_DROP_TAGS = ("script", "style", "noscript", "form", "iframe", "button", "input", "select", "textarea", "nav",
              "svg", "object", "embed", "video", "audio")
_BLOCKS = {"p", "div", "td", "th", "li", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "center",
           "section", "article", "figure", "table", "tr", "tbody", "ul", "ol", "dd", "dt", "span", "em", "i", "font"}
_AWARD_TYPES = ("Huân chương", "Huy chương", "Bằng khen", "Giấy khen", "Kỷ niệm chương", "Cờ thi đua",
                "Danh hiệu Chiến sĩ thi đua", "Giấy chứng nhận")
_AWARD = re.compile(r"(?:(?P<giver>[A-ZĐ][^.;:!?\n]{2,80}?)\s+)?(?:đã\s+|quyết định\s+)?(?:tặng|trao|khen thưởng)\s+"
                    r"(?P<types>(?:" + "|".join(_AWARD_TYPES) + r")[^.;!?\n]{0,160}?)\s+cho\s+(?P<who>[^.;!?\n]{2,200})")
CAPTION_MAX = 300
MIN_ARTICLE_TEXT = 120


@dataclass(frozen=True, slots=True)
class Photo:
    src: str            # as found in the page: absolute URL, or relative to it
    caption: str
    alt: str


Selectors = ImportSelectors     # site.yaml's `import:`: CSS selectors that win over the heuristics


@dataclass(frozen=True, slots=True)
class Extracted:
    """What an old page says about its article; `not_article` names why it is not one."""

    title: str = ""
    date_text: str | None = None        # in a form vi.parse_datetime reads ('27/09/2024 11:41:48', ISO)
    source: str | None = None           # the dateline ('ĐTO')
    author: str | None = None
    categories: tuple[str, ...] = ()    # breadcrumb, outermost first
    tags: tuple[str, ...] = ()
    body: str = ""                      # Markdown without the photos
    photos: tuple[Photo, ...] = ()
    awards: tuple[AwardRef, ...] = ()   # proposals
    canonical: str | None = None        # the page's own address, when it names one
    not_article: str | None = None      # 'login' | 'list' | 'empty' | 'no_title'


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


# ---------------------------------------------------------------------------------------------
# Decoding

def decode_page(data: bytes, declared: str | None = None) -> str:
    """The page's text, NFC: UTF-8 when it is, else the declared charset, else Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    candidates = ["utf-8"]
    meta = _META_CHARSET.search(data[:4096])
    for name in (declared, meta.group(1).decode("ascii", "replace") if meta else None):
        if name and name.lower().replace("_", "-") not in ("utf-8", "utf8"):
            candidates.append(name)
    candidates.append("cp1258")
    for name in candidates:
        try:
            return vi.nfc(data.decode(name))
        except (UnicodeDecodeError, LookupError):
            continue
    return vi.nfc(data.decode("cp1258", errors="replace"))


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
        or _strip_site_name(_text(_first(root, "title")))
    title = " ".join(title.split())
    if not title:
        return Extracted(not_article="no_title")
    date_text = _date_from_selector(root, selectors.date) or _iso(meta.get("article:published_time")) \
        or _iso(meta.get("datePublished")) or _date_near_label(_text(root.find("body"))) \
        or _date_from_url(url)
    body_element = _first(root, selectors.body) if selectors.body else _main_block(root)
    if body_element is None:
        return Extracted(title=title, not_article="empty")
    categories = tuple(_texts(root, selectors.category)) if selectors.category else _breadcrumb(root)
    tags = tuple(_texts(root, selectors.tags)) if selectors.tags else meta_keywords(meta.get("keywords"))
    author = _first_text(root, selectors.author) if selectors.author else None
    _clean(body_element, selectors.remove, title)
    if _is_list(body_element):
        return Extracted(title=title, not_article="list")
    photos = _take_photos(body_element)
    markdown = _to_markdown(body_element)
    blocks = [b for b in _blocks(markdown) if not _is_boilerplate(b) and not _DATE_LABEL.match(_plain(b))
              and _plain(b) != title]
    source, blocks = _dateline(blocks)
    byline, blocks = _byline(blocks)
    body = "\n\n".join(blocks)
    if len(_plain(body)) < MIN_ARTICLE_TEXT and not photos:
        return Extracted(title=title, not_article="empty")
    return Extracted(title=title, date_text=date_text, source=source,
                     author=author or byline or meta.get("author") or meta.get("article:author"),
                     categories=categories, tags=tags, body=body + "\n", photos=photos,
                     awards=propose_awards(_plain(body)), canonical=meta.get("canonical") or meta.get("og:url"))


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
    blocks = [b for b in _blocks(_to_markdown(body)) if not _is_boilerplate(b)]
    return ("\n\n".join(blocks) + "\n" if blocks else ""), photos


def extract_text(text: str) -> Extracted:
    """A page's text as copied from the browser (title, 'Cập nhật ngày: ...', paragraphs, byline).
    Short lines without closing punctuation between paragraphs are photo captions."""
    lines = [" ".join(line.split()) for line in vi.nfc(text).replace("\r\n", "\n").split("\n")]
    blocks = [line for line in lines if line]
    if not blocks:
        return Extracted(not_article="empty")
    title, rest = blocks[0], blocks[1:]
    date_text = None
    kept = []
    for block in rest:
        if date_text is None and _DATE_LABEL.match(block):
            date_text = _date_near_label(block)
            continue
        if not _is_boilerplate(block):
            kept.append(block)
    source, kept = _dateline([_escape_text(b) for b in kept])
    byline, kept = _byline(kept)
    body, photos = [], []
    for i, block in enumerate(kept):
        if i and len(block) <= CAPTION_MAX and not block.rstrip("*_ ").endswith(
                (".", "!", "?", ":", ";", "…", '"', "”", ")")):
            photos.append(Photo(src="", caption=_plain(block), alt=""))
        else:
            body.append(block)
    text_body = "\n\n".join(body)
    return Extracted(title=title, date_text=date_text, source=source, author=byline, body=text_body + "\n",
                     photos=tuple(photos), awards=propose_awards(_plain(text_body)),
                     not_article=None if text_body.strip() else "empty")


def _escape_text(block: str) -> str:
    """Plain text as Markdown that shows the same characters."""
    block = re.sub(r"([\\`*_\[\]<>])", r"\\\1", block)
    return re.sub(r"^(#|[-+] |\d+[.)] )", r"\\\1", block)


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


def _date_in(text: str) -> str | None:
    date = _DATE.search(text)
    if not date:
        return None
    d, m, y = int(date["d"]), int(date["m"]), date["y"]
    around = text[max(0, date.start() - 12):date.end() + 16]
    time = _TIME.search(around)
    if time:
        clock = f"{int(time['H']):02d}:{time['M']}" + (f":{time['S']}" if time["S"] else "")
        return f"{d:02d}/{m:02d}/{y} {clock}"
    return f"{d:02d}/{m:02d}/{y}"


def _date_from_selector(root, selector: str | None) -> str | None:
    return _date_in(_first_text(root, selector)) if selector else None


def _date_near_label(text: str) -> str | None:
    for match in _DATE_LABEL.finditer(text):
        found = _date_in(match["rest"])
        if found:
            return found
    return None


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
    if not text or len(text) > CAPTION_MAX or block.xpath(".//img") or _is_boilerplate(text) or _is_byline(text) \
            or text.endswith((".", "!", "?")) and not _looks_like_caption(block):
        return ""
    _drop(block)
    return text


def _is_byline(text: str) -> bool:
    return vi.upper(text) == text and any(c.isalpha() for c in text) and len(text.split()) <= 6


def _looks_like_caption(block) -> bool:
    """A sentence-like text still counts as a caption when the page marks it so."""
    marks = _classes(block) + " " + " ".join(_classes(a) for a in block.iterancestors() if a.tag != "html")
    styled = block.find(".//em") is not None or block.find(".//i") is not None or block.tag in ("em", "i")
    return styled or any(word in marks for word in ("caption", "chu-thich", "chuthich", "desc", "note", "image"))


def _inside(element, root) -> bool:
    return element is root or any(a is root for a in element.iterancestors())


def _remove_text(node) -> None:
    parent = node.getparent()
    if node.is_text:
        parent.text = ""
    else:
        parent.tail = ""


def _drop_if_empty(element, body) -> None:
    while element is not None and element is not body and not _text(element) and not element.xpath(".//img"):
        parent = element.getparent()
        _drop(element)
        element = parent


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


def _plain(markdown: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`#>|]+", "", text).replace("\\", "")
    return " ".join(text.split())


def _is_boilerplate(block: str) -> bool:
    text = _plain(block).casefold().lstrip("<«‹ ").strip()
    return bool(text) and len(text) <= 60 and any(text.startswith(word) or text == word for word in BOILERPLATE) \
        or re.fullmatch(r"[<>«»|/\s\-–]*", text or "x") is not None


def _dateline(blocks: list[str]) -> tuple[str | None, list[str]]:
    if not blocks:
        return None, blocks
    match = _DATELINE.match(blocks[0])
    if not match or len(blocks[0]) <= match.end():
        return None, blocks
    rest = blocks[0][match.end():]
    if rest.startswith(("**", "__")) and match.group(0).rstrip().endswith(("**", "__")):
        rest = rest[2:]
    opened = "**" if match.group(0).count("**") % 2 else "__" if match.group(0).count("__") % 2 else ""
    # a bold lead ('**CAT - Sáng ...**') keeps its bold once the dateline leaves it
    return match["src"], [opened + rest[:1].upper() + rest[1:]] + blocks[1:]


def _byline(blocks: list[str]) -> tuple[str | None, list[str]]:
    if not blocks:
        return None, blocks
    text = _BYLINE_PREFIX.sub("", _plain(blocks[-1])).strip(" -–.")
    letters = [c for c in text if c.isalpha()]
    if not letters or len(text) > 60 or len(text.split()) > 6 or vi.upper(text) != text \
            or any(c.isdigit() for c in text):
        return None, blocks
    names = [" ".join(w.capitalize() for w in part.split()) for part in re.split(r"\s*[-,;&]\s*|\s+và\s+", text)]
    return ", ".join(n for n in names if n), blocks[:-1]


def propose_awards(text: str) -> tuple[AwardRef, ...]:
    """Commendations a text mentions ('... tặng Bằng khen cho 34 tập thể, 74 cá nhân'), as proposals."""
    found = []
    for match in _AWARD.finditer(text):
        types = tuple(t for t in _AWARD_TYPES if t.casefold() in match["types"].casefold())
        giver = match["giver"]
        of = re.search(r"\bcủa\s+(.+)$", match["types"])
        if of:
            giver = of.group(1)
        who = match["who"]
        collectives = re.search(r"(\d+)\s+tập thể", who)
        individuals = re.search(r"(\d+)\s+cá nhân", who)
        recipient = None if collectives or individuals else " ".join(who.split()[:12])
        giver = " ".join((giver or "").split(",")[-1].split()[-8:]) or "?"
        found.append(AwardRef(types=types, givers=(giver,), recipients=(recipient,) if recipient else (),
                              collectives=int(collectives.group(1)) if collectives else None,
                              individuals=int(individuals.group(1)) if individuals else None,
                              reason=None))
    return tuple(found[:5])
