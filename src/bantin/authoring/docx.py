"""A Word file (.docx) -> its HTML (for the page the import reads) and the pictures inside it.

The only module that uses mammoth, which turns a document's *meaning* into plain HTML: paragraphs,
headings, bold and italic, lists (from Word's numbering), tables, links and pictures (with the alt
text Word stores), and drops Word's fonts, colours, sizes and layout. Reading the XML by hand would
mean re-doing numbering definitions, style inheritance, fields, tracked changes and VML pictures,
which mammoth has had right for years. The page it makes goes through the same HTML path as a saved
portal page (`legacy.extract_html`: markdownify, dateline, byline, date and award finders), so a Word
file, a saved page and a paste from Word become the same Markdown.

The rules of a Word press release:

- **Title**: the paragraph in Word's Title style; else the first paragraph when it is a Heading 1;
  else the first paragraph (outside tables, shorter than `TITLE_MAX`, not a lead opening with a
  dateline 'CAT - '); else the file's name. It leaves the body.
- **Headings**: Heading 1 becomes `##`, Heading 2 `###`..., under the article's title.
- **Pictures**: each picture's bytes are kept under a name (`anh-1.png`...) the HTML uses as `src`,
  for the import to save into the bundle; Word's alt text is the `alt`; a paragraph in Word's Caption
  style is marked as a caption (`legacy` also takes the next short paragraph). EMF and WMF drawings
  (which no library here can turn into a photo) are kept with a `problem`, for a warning at the photo.
- **Refused, with a reason**: the old binary .doc (also when named .docx), a password-protected file
  (an OLE container holding 'EncryptedPackage'), a file that is not a whole ZIP, one over `MAX_BYTES`
  or unpacking to more than `MAX_UNPACKED`, and one with more than `MAX_PICTURES` pictures. Every limit
  is checked from the ZIP's directory before anything is unpacked, so the time is bounded.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import mammoth
import mammoth.documents as documents

from ..core import vi
from ..core.messages import Msg
from .legacy import Extracted, Photo, extract_html, html_to_markdown

MAX_BYTES = 100 * 1024 * 1024          # a .docx with forty full-size photos is 50 MB
MAX_UNPACKED = 400 * 1024 * 1024       # the sum of the sizes of its parts, unpacked
MAX_XML = 64 * 1024 * 1024             # one XML part, unpacked (the text of a 5 000-page document)
MAX_PICTURES = 500
TITLE_MAX = 250                        # characters: a longer first paragraph is a lead, not a title
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_PHOTO_TYPES = {"image/jpeg": "jpg", "image/jpg": "jpg", "image/pjpeg": "jpg", "image/png": "png",
                "image/gif": "gif", "image/webp": "webp", "image/tiff": "tif"}
_DRAWING_TYPES = {"image/x-emf": "EMF", "image/emf": "EMF", "image/x-wmf": "WMF", "image/wmf": "WMF"}
_LEAD = re.compile(r"^[A-ZĐ][A-ZĐ0-9]{1,11}(?: [A-ZĐ0-9]{1,8}){0,2}\s*[-–—]\s")   # 'CAT - Sáng nay...'
_GENERATED_ALT = re.compile(r"description automatically generated|mô tả được tạo tự động|"
                            r"^(a |an )?(picture|image) containing", re.IGNORECASE)
# Title leaves the body (see `_take_title`); Heading N sits one level under the article's title.
STYLE_MAP = "\n".join(
    [f"p[style-name='{name}'] => h{min(level + 1, 6)}:fresh" for level in range(1, 7)
     for name in (f"Heading {level}", f"heading {level}")]
    + [f"p.Heading{level} => h{min(level + 1, 6)}:fresh" for level in range(1, 7)]
    + ["p[style-name='Caption'] => p.caption:fresh", "p[style-name='caption'] => p.caption:fresh",
       "p[style-name='Subtitle'] => p:fresh", "p[style-name='Title'] => h2:fresh",
       "r[style-name='Strong'] => strong", "r[style-name='Emphasis'] => em"])


class WordProblem(Exception):
    """A file that cannot be read as a Word document; `msg` says why and what to do."""

    def __init__(self, msg: Msg):
        super().__init__(msg.key)
        self.msg = msg


@dataclass(frozen=True, slots=True)
class EmbeddedPicture:
    """A picture inside the document: its bytes, or why it cannot be a photo of the article."""

    data: bytes
    content_type: str
    problem: Msg | None = None


@dataclass(frozen=True, slots=True)
class WordDocument:
    body: str                                      # the document's HTML, its title taken out
    title: str                                     # '' when the document has none (see the rules)
    pictures: Mapping[str, EmbeddedPicture]        # the `src` of each <img> of the page -> its picture


@dataclass(frozen=True, slots=True)
class WordArticle:
    """A Word file read as an article: what the page path found, its pictures, and what to tell."""

    extracted: Extracted                           # `not_article` set when it holds almost nothing
    pictures: Mapping[str, EmbeddedPicture]
    warnings: tuple[Msg, ...]
    dated_now: bool                                # no date in its text: dated by the import


@dataclass(frozen=True, slots=True)
class WordMarkdown:
    """HTML from Word as Markdown: the body, and the pictures it showed (their `src` as in the HTML)."""

    markdown: str
    photos: tuple[Photo, ...]


def read_word_file(path: Path, now: datetime) -> WordArticle:
    """A .docx file (or a .doc that is one) as an article: its HTML through `legacy.extract_html`, the
    title by the rules above (else the file's name), the date its text gives (else `now`, the time of
    the import). `WordProblem` when the file cannot be read."""
    if path.stat().st_size > MAX_BYTES:            # refused before it is read into memory
        raise WordProblem(Msg.of("import.reason.docx_too_large", size=path.stat().st_size // 2 ** 20,
                                 limit=MAX_BYTES // 2 ** 20))
    data = path.read_bytes()
    if path.suffix.lower() == ".doc" and not data.startswith(b"PK"):   # Word 97-2003, or RTF named .doc
        raise WordProblem(Msg.of("import.reason.doc_binary"))
    word = read_docx(data)
    warnings: list[Msg] = []
    title = word.title
    if not title:
        title = " ".join(re.sub(r"[_-]+", " ", vi.nfc(path.stem)).split()) or path.name
        warnings.append(Msg.of("import.warn.word_title", title=title))
    extracted = extract_html(word_page(word.body, title), path.resolve().as_uri())
    dated_now = not extracted.date_text and not extracted.not_article
    if dated_now:
        extracted = replace(extracted, date_text=vi.format_datetime(now.replace(second=0, microsecond=0)))
        warnings.append(Msg.of("import.warn.word_date", date=extracted.date_text))
    return WordArticle(extracted, word.pictures, tuple(warnings), dated_now)


def read_docx(data: bytes) -> WordDocument:
    """The HTML page and the pictures of a .docx file's bytes; `WordProblem` when it cannot be read."""
    _check_container(data)
    pictures: dict[str, EmbeddedPicture] = {}

    def picture(image) -> dict[str, str]:
        if len(pictures) >= MAX_PICTURES:
            raise WordProblem(Msg.of("import.reason.docx_pictures", limit=MAX_PICTURES))
        with image.open() as stream:
            content = stream.read()
        kind = (image.content_type or "").lower()
        name = f"anh-{len(pictures) + 1}.{_PHOTO_TYPES.get(kind, 'png')}"
        problem = None
        if kind in _DRAWING_TYPES:
            problem = Msg.of("import.reason.word_drawing", kind=_DRAWING_TYPES[kind])
        elif kind not in _PHOTO_TYPES:
            problem = Msg.of("import.reason.word_picture_kind", kind=kind or "?")
        pictures[name] = EmbeddedPicture(content, kind, problem)
        alt = " ".join((image.alt_text or "").split())
        return {"src": name, "alt": "" if _GENERATED_ALT.search(alt) else alt}

    found: dict[str, str] = {}
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, include_embedded_style_map=False,
            transform_document=lambda document: _take_title(document, found),
            convert_image=mammoth.images.inline(picture))
    except WordProblem:
        raise
    except Exception:  # noqa: BLE001 - a damaged part raises anything from KeyError to ExpatError
        raise WordProblem(Msg.of("import.reason.docx_corrupt")) from None
    title = found.get("title", "")
    return WordDocument(result.value, title, pictures)


def word_page(fragment: str, title: str) -> str:
    """HTML from Word (a fragment, or the clipboard's whole page) as a page `legacy.extract_html` reads:
    the title as its og:title, the fragment as the article's body."""
    meta = f'<meta property="og:title" content="{html.escape(title)}">' if title else ""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{meta}</head><body>'
            f'<div itemprop="articleBody">{fragment}</div></body></html>')


def word_html_to_markdown(fragment: str) -> WordMarkdown:
    """HTML from Word -> Markdown, the same as a .docx import makes of the same text.

    `fragment` is HTML as mammoth makes it from a .docx, or as Word puts it on the clipboard (a
    paste into an editor). The result is the article body as `bantin import` writes it (paragraphs,
    `##` headings, lists, tables, links, bold and italic; boilerplate dropped) and the pictures it
    showed, in order: each `Photo` has its `src` as written in the HTML, the caption under it (Word's
    Caption style or the next short paragraph, which leaves the body) and its alt text. The caller
    saves the pictures and decides the dateline, byline and title (`legacy.extract_html` finds them
    when the whole document is imported)."""
    markdown, photos = html_to_markdown(word_page(fragment, ""))
    return WordMarkdown(markdown, photos)


def _check_container(data: bytes) -> None:
    """Refuse what is not a .docx we can read in bounded time, with the reason an editor can act on."""
    if len(data) > MAX_BYTES:
        raise WordProblem(Msg.of("import.reason.docx_too_large", size=len(data) // (1024 * 1024),
                                 limit=MAX_BYTES // (1024 * 1024)))
    if data.startswith(_OLE):
        key = "import.reason.docx_password" if _ENCRYPTED in data else "import.reason.doc_binary"
        raise WordProblem(Msg.of(key))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise WordProblem(Msg.of("import.reason.docx_corrupt")) from None
    names = {entry.filename for entry in entries}
    if "word/document.xml" not in names and not any(n.endswith("document.xml") for n in names):
        raise WordProblem(Msg.of("import.reason.docx_corrupt"))
    unpacked = sum(entry.file_size for entry in entries)
    largest_xml = max((e.file_size for e in entries if e.filename.endswith((".xml", ".rels"))), default=0)
    if unpacked > MAX_UNPACKED or largest_xml > MAX_XML:
        raise WordProblem(Msg.of("import.reason.docx_unpacked", limit=MAX_UNPACKED // (1024 * 1024)))


def _take_title(document, found: dict[str, str]):
    """The document without its title paragraph; the title's text goes into `found['title']`."""
    paragraphs = [(i, child) for i, child in enumerate(document.children)
                  if isinstance(child, documents.Paragraph) and _text(child)]
    chosen = next(((i, p) for i, p in paragraphs if _style(p) == "title"), None)
    if chosen is None and paragraphs:
        first = paragraphs[0]
        text = _text(first[1])
        if _style(first[1]) in ("heading 1", "heading1") or len(text) <= TITLE_MAX and not _LEAD.match(text):
            chosen = first
    if chosen is None:
        return document
    found["title"] = _text(chosen[1])
    children = [child for i, child in enumerate(document.children) if i != chosen[0]]
    return document.copy(children=children)


def _style(paragraph) -> str:
    return (paragraph.style_name or paragraph.style_id or "").strip().lower()


def _text(element) -> str:
    """The visible text of a paragraph, one space between words ('' for a picture alone)."""
    parts: list[str] = []

    def visit(node) -> None:
        if isinstance(node, documents.Text):
            parts.append(node.value)
        elif isinstance(node, (documents.Tab, documents.Break)):
            parts.append(" ")
        for child in getattr(node, "children", ()) or ():
            visit(child)
    visit(element)
    return vi.nfc(" ".join("".join(parts).split()))
