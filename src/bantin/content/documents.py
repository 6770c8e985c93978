"""Documents published with an article (`attachments:`): what the file is, told from its bytes, and
the bytes readers get, without what identifies the author's machine.

The only module that reads documents: pypdf (PDF), olefile (the Word, Excel and PowerPoint files of
before 2007) and lxml (the XML parts of Office Open XML and OpenDocument files, read with entities
and the network off). The allowed kinds are PDF, Word, Excel, PowerPoint, OpenDocument and images;
the name's extension must agree with the bytes (a '.pdf' that is a Windows program is refused), and
what could act on a reader's computer is refused with its reason: programs, web pages, archives,
and Office files with macros.

What is published, deterministically (the same file gives the same bytes):
- a PDF without its document information (author, creator, producer) and XMP metadata, its title
  set to the attachment's title (a browser shows it on the tab). A signed PDF is published as it is:
  rewriting it would void the signature, and what it says about its author is the signer's choice.
  An encrypted one is published as it is too (with a warning when it names its author), or refused
  when it needs a password to open;
- an Office Open XML file (.docx, .xlsx, .pptx) whose `docProps/core.xml` holds only its title, whose
  `app.xml` has no company, manager, template or hyperlink base, and whose custom properties are
  gone; an OpenDocument file whose `meta.xml` has no creator, printer, template or user fields.
  Every other part of the package is copied as it is;
- an image without its location (`images.strip_location`).
A Word, Excel or PowerPoint file of the old binary kind cannot be rewritten safely: the fields that
name its author are reported (a warning), with the advice to save it as PDF or .docx.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

import olefile
from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from ..core import vi
from ..core.messages import Msg
from .images import ImageError, read_image_info, sniff_problem, strip_location

MAX_DOCUMENT_BYTES = 200 * 1024 * 1024  # refused above: no reader downloads it, parsing it costs minutes
LARGE_DOCUMENT_BYTES = 20 * 1024 * 1024  # warned above: a scanned notice at 300 dpi is 1-5 MB
_MAX_PART_BYTES = 16 * 1024 * 1024       # an XML part of an Office package read for its metadata
_MAX_PARTS = 20_000                      # entries of an Office package (a big workbook has a few hundred)

# extension -> (kind, label readers see, MIME type)
KINDS = {
    ".pdf": ("pdf", "PDF", "application/pdf"),
    ".docx": ("word", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".doc": ("word", "Word", "application/msword"),
    ".xlsx": ("excel", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".xls": ("excel", "Excel", "application/vnd.ms-excel"),
    ".pptx": ("powerpoint", "PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ".ppt": ("powerpoint", "PowerPoint", "application/vnd.ms-powerpoint"),
    ".odt": ("opendocument", "ODT", "application/vnd.oasis.opendocument.text"),
    ".ods": ("opendocument", "ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    ".odp": ("opendocument", "ODP", "application/vnd.oasis.opendocument.presentation"),
    ".jpg": ("image", "JPEG", "image/jpeg"), ".jpeg": ("image", "JPEG", "image/jpeg"),
    ".png": ("image", "PNG", "image/png"), ".webp": ("image", "WebP", "image/webp"),
    ".gif": ("image", "GIF", "image/gif"), ".svg": ("image", "SVG", "image/svg+xml"),
}
ALLOWED = "PDF, Word (.doc, .docx), Excel (.xls, .xlsx), PowerPoint (.ppt, .pptx), OpenDocument (.odt, .ods, .odp), JPEG, PNG, WebP, GIF, SVG"
# refused by name, with what the file is
_REFUSED = {**dict.fromkeys((".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppsm"), "macros"),
            **dict.fromkeys((".exe", ".msi", ".bat", ".cmd", ".com", ".scr", ".js", ".vbs", ".ps1", ".sh",
                             ".apk", ".jar", ".dll", ".lnk"), "program"),
            **dict.fromkeys((".html", ".htm", ".xhtml", ".mht", ".mhtml", ".hta"), "web_page"),
            **dict.fromkeys((".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".iso"), "archive")}
_OOXML_MAIN = {  # the main part's content type -> extension; macro-enabled ones are refused
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": ".pptx",
}
_ODF_TYPES = {"application/vnd.oasis.opendocument.text": ".odt",
              "application/vnd.oasis.opendocument.spreadsheet": ".ods",
              "application/vnd.oasis.opendocument.presentation": ".odp"}
_OLE_STREAMS = {".doc": "WordDocument", ".xls": ("Workbook", "Book"), ".ppt": "PowerPoint Document"}
_OLE_MACROS = frozenset({"macros", "_vba_project_cur", "vba"})
_OLE_FIELDS = {"author": "Author", "last_saved_by": "Last saved by", "company": "Company", "manager": "Manager",
               "template": "Template"}
_PDF_FIELDS = ("/Author", "/Creator", "/Producer")
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_OOXML_NS = {"ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
_ODF_NS = {"meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0", "dc": "http://purl.org/dc/elements/1.1/",
           "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document as it will be published: its kind, the bytes readers get (None: the file as it is),
    its page count (PDF) and the metadata naming its author that could not be removed."""

    kind: str
    label: str
    mime: str
    pages: int | None = None
    published: bytes | None = None
    leftovers: tuple[str, ...] = ()


class DocumentError(Exception):
    """A document refused or unreadable; `msg` says why, in the catalog's words."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg.key)
        self.msg = msg


def published_name(src: str) -> str:
    """The stable, readable name a document is published under: its name as a slug, extension kept
    ('Thông báo 15-TB.PDF' -> 'thong-bao-15-tb.pdf')."""
    stem, ext = posixpath.splitext(posixpath.basename(src))
    return (vi.slugify(stem) or "tai-lieu") + ext.lower()


def read_document(data: bytes, src: str, title: str) -> DocumentInfo:
    """What `data` (the file named `src`) is and what is published of it; raises `DocumentError`."""
    ext = posixpath.splitext(src)[1].lower()
    if ext in _REFUSED:
        raise DocumentError(Msg.of("attachment.refused", src=src, what=Msg.of(f"attachment.what.{_REFUSED[ext]}"),
                                   allowed=ALLOWED))
    if ext not in KINDS:
        raise DocumentError(Msg.of("attachment.type", src=src, ext=ext or src, allowed=ALLOWED))
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(Msg.of("attachment.too_large", src=src, size=vi.format_size(len(data)),
                                   limit=vi.format_size(MAX_DOCUMENT_BYTES)))
    kind, label, mime = KINDS[ext]
    found = sniff_family(data)
    expected = {"pdf": "pdf", "image": "image", "opendocument": "odf"}.get(kind) or (
        "ooxml" if ext.endswith("x") else "ole")
    if found != expected and not (kind == "image" and found in ("image", "markup")):
        raise DocumentError(Msg.of("attachment.mismatch", src=src, ext=ext, found=Msg.of(f"attachment.what.{found}")))
    reader = {"pdf": _read_pdf, "ooxml": _read_ooxml, "odf": _read_odf, "ole": _read_ole}.get(expected, _read_image)
    return reader(data, src, ext, title, DocumentInfo(kind, label, mime))


def published_bytes(data: bytes, src: str, title: str) -> bytes:
    """What readers get of the document `data`: `read_document`'s cleaned bytes, else `data` itself."""
    cleaned = read_document(data, src, title).published
    return data if cleaned is None else cleaned


def sniff_family(data: bytes) -> str:
    """What the bytes are, whatever the name says: 'pdf', 'ooxml', 'odf', 'ole', 'image', 'markup',
    or what is refused: 'program', 'web_page', 'archive', 'unknown'."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_family(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"#!", b"dex\n")):
        return "program"
    if head.startswith((b"Rar!", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ")):
        return "archive"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return "web_page"
    if text.startswith(b"<"):
        return "markup"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")) or (
            head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    return "unknown"


def _zip_family(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            if "[Content_Types].xml" in names:
                return "ooxml"
            if names[:1] == ["mimetype"]:
                return "odf"
    except (zipfile.BadZipFile, OSError, ValueError):
        return "unknown"
    return "archive"


# -- PDF -----------------------------------------------------------------------------------------

def _read_pdf(data: bytes, src: str, ext: str, title: str, info: DocumentInfo) -> DocumentInfo:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(Msg.of("attachment.password", src=src))
        pages = len(reader.pages)
        named = _pdf_author_fields(reader)
        if reader.is_encrypted:
            return _with(info, pages=pages, leftovers=named)
        if _is_signed(reader):
            return _with(info, pages=pages)
        if not named and not _pdf_has_metadata(reader):
            return _with(info, pages=pages)
        return _with(info, pages=pages, published=_clean_pdf(reader, title))
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            NotImplementedError, OSError) as exc:
        raise DocumentError(Msg.of("attachment.unreadable", src=src, reason=_reason(exc))) from exc


def _pdf_author_fields(reader: PdfReader) -> tuple[str, ...]:
    meta = reader.metadata or {}
    found = [key.lstrip("/") for key in _PDF_FIELDS if str(meta.get(key) or "").strip()]
    return tuple(found + (["XMP"] if "/Metadata" in reader.trailer["/Root"] else []))


def _pdf_has_metadata(reader: PdfReader) -> bool:
    return bool(reader.metadata) or "/Metadata" in reader.trailer["/Root"]


def _is_signed(reader: PdfReader) -> bool:
    """A PDF with a digital signature (an official document signed with the agency's key)."""
    root = reader.trailer["/Root"]
    form = root.get("/AcroForm")
    form = form.get_object() if form is not None else None
    return bool(form is not None and int(form.get("/SigFlags", 0)) & 1) or "/Perms" in root


def _clean_pdf(reader: PdfReader, title: str) -> bytes:
    """The PDF with no document information but its title, and no XMP metadata. The file identifier
    is the original's, so the same file gives the same bytes."""
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None
    writer.add_metadata({"/Title": title})
    writer.xmp_metadata = None
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)   # the old metadata's objects
    out = io.BytesIO()
    writer.write(out)
    cleaned = out.getvalue()
    if len(PdfReader(io.BytesIO(cleaned)).pages) != len(reader.pages):
        raise DocumentError(Msg.of("attachment.unreadable", src="", reason="pages lost"))
    return cleaned


# -- Office Open XML and OpenDocument ----------------------------------------------------------

_CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
         'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></cp:coreProperties>')
_CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
           'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>')
_APP_DROPPED = ("Company", "Manager", "Template", "HyperlinkBase")
_ODF_DROPPED = ("meta:initial-creator", "dc:creator", "meta:printed-by", "meta:template", "meta:user-defined")


def _read_ooxml(data: bytes, src: str, ext: str, title: str, info: DocumentInfo) -> DocumentInfo:
    with _Package(data, src) as package:
        types = _xml_part(package, "[Content_Types].xml", src)
        overrides = {node.get("ContentType", ""): node.get("PartName", "")
                     for node in types.iter("{*}Override")}
        if any("macroenabled" in kind.lower() for kind in overrides) or any(
                name.lower().endswith("vbaproject.bin") for name in package.namelist()):
            raise DocumentError(Msg.of("attachment.macros", src=src))
        mains = [_OOXML_MAIN[kind] for kind in overrides if kind in _OOXML_MAIN]
        if mains != [ext]:
            raise DocumentError(Msg.of("attachment.mismatch", src=src, ext=ext,
                                       found=Msg.of("attachment.what.ooxml" if mains else "attachment.what.archive")))
        replaced = {"docProps/core.xml": _CORE.format(title=_xml_text(title)).encode("utf-8"),
                    "docProps/custom.xml": _CUSTOM.encode("utf-8")}
        if "docProps/app.xml" in package.namelist():
            app = _xml_part(package, "docProps/app.xml", src)
            for name in _APP_DROPPED:
                for node in app.findall(f"ep:{name}", _OOXML_NS):
                    app.remove(node)
            replaced["docProps/app.xml"] = etree.tostring(app, xml_declaration=True, encoding="UTF-8",
                                                          standalone=True)
        return _with(info, published=_repack(package, replaced))


def _read_odf(data: bytes, src: str, ext: str, title: str, info: DocumentInfo) -> DocumentInfo:
    with _Package(data, src) as package:
        kind = package.read("mimetype").decode("ascii", "replace").strip()
        if _ODF_TYPES.get(kind) != ext:
            raise DocumentError(Msg.of("attachment.mismatch", src=src, ext=ext, found=Msg.of("attachment.what.odf")))
        names = package.namelist()
        if any(name.startswith(("Basic/", "Scripts/")) and not name.endswith("/") for name in names):
            raise DocumentError(Msg.of("attachment.macros", src=src))
        if "META-INF/manifest.xml" in names and b"encryption-data" in package.read("META-INF/manifest.xml"):
            raise DocumentError(Msg.of("attachment.password", src=src))
        if "meta.xml" not in names:
            return info
        meta = _xml_part(package, "meta.xml", src)
        for name in _ODF_DROPPED:
            for node in meta.findall(f".//{name}", _ODF_NS):
                node.getparent().remove(node)
        for node in meta.findall(".//dc:title", _ODF_NS):
            node.text = title
        cleaned = etree.tostring(meta, xml_declaration=True, encoding="UTF-8")
        return _with(info, published=_repack(package, {"meta.xml": cleaned}))


class _Package:
    """An Office package opened for reading, its size checked; a damaged one is a `DocumentError`."""

    def __init__(self, data: bytes, src: str):
        self.data, self.src = data, src

    def __enter__(self) -> zipfile.ZipFile:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(self.data))
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise DocumentError(Msg.of("attachment.unreadable", src=self.src, reason=_reason(exc))) from exc
        if len(self.zip.infolist()) > _MAX_PARTS:
            raise DocumentError(Msg.of("attachment.unreadable", src=self.src, reason="too many parts"))
        return self.zip

    def __exit__(self, kind, value, traceback) -> None:
        self.zip.close()
        if isinstance(value, (zipfile.BadZipFile, KeyError, OSError, EOFError, etree.XMLSyntaxError, ValueError)) \
                and not isinstance(value, DocumentError):
            raise DocumentError(Msg.of("attachment.unreadable", src=self.src, reason=_reason(value))) from value


def _xml_part(package: zipfile.ZipFile, name: str, src: str) -> etree._Element:
    if package.getinfo(name).file_size > _MAX_PART_BYTES:
        raise DocumentError(Msg.of("attachment.unreadable", src=src, reason=f"{name} too large"))
    return etree.fromstring(package.read(name), _XML)


def _repack(package: zipfile.ZipFile, replaced: dict[str, bytes]) -> bytes:
    """The package with some parts replaced, every entry in its place with its own date and
    compression (an OpenDocument's first entry, `mimetype`, stays first and stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as repacked:
        for entry in package.infolist():
            data = replaced.get(entry.filename)
            if data is None:
                data = package.read(entry)
            copy = zipfile.ZipInfo(entry.filename, entry.date_time)
            copy.compress_type, copy.external_attr, copy.create_system = \
                entry.compress_type, entry.external_attr, entry.create_system
            repacked.writestr(copy, data)
    return out.getvalue()


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- Word, Excel and PowerPoint before 2007; images ---------------------------------------------

def _read_ole(data: bytes, src: str, ext: str, title: str, info: DocumentInfo) -> DocumentInfo:
    try:
        with olefile.OleFileIO(data) as ole:
            entries = {"/".join(path).lower() for path in ole.listdir(streams=True, storages=True)}
            parts = {part for entry in entries for part in entry.split("/")}
            if "encryptedpackage" in parts:
                raise DocumentError(Msg.of("attachment.password", src=src))
            if parts & _OLE_MACROS:
                raise DocumentError(Msg.of("attachment.macros", src=src))
            wanted = _OLE_STREAMS[ext]
            if not any(name.lower() in entries for name in ((wanted,) if isinstance(wanted, str) else wanted)):
                raise DocumentError(Msg.of("attachment.mismatch", src=src, ext=ext, found=Msg.of("attachment.what.ole")))
            meta = ole.get_metadata()
    except DocumentError:
        raise
    except (OSError, ValueError, IndexError, TypeError, AttributeError) as exc:
        raise DocumentError(Msg.of("attachment.unreadable", src=src, reason=_reason(exc))) from exc
    named = tuple(label for name, label in _OLE_FIELDS.items() if _text(getattr(meta, name, None)))
    return _with(info, leftovers=named)


def _read_image(data: bytes, src: str, ext: str, title: str, info: DocumentInfo) -> DocumentInfo:
    problem = sniff_problem(src, data)
    if problem:
        raise DocumentError(problem)
    try:
        read_image_info(data, src)
    except ImageError as exc:
        reason = exc.reason
        raise DocumentError(Msg.of("attachment.unreadable", src=src, reason=reason)) from exc
    stripped = strip_location(data)
    return _with(info, published=None if stripped is data else stripped)


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    return str(value or "").strip("\x00 \t\r\n")


def _with(info: DocumentInfo, **changes) -> DocumentInfo:
    return DocumentInfo(**{**{name: getattr(info, name) for name in DocumentInfo.__dataclass_fields__}, **changes})


def _reason(exc: BaseException) -> str:
    text = re.sub(r"\s+", " ", str(exc)).strip()
    return text[:120] or type(exc).__name__
