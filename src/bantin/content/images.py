"""Photo metadata for publishing: displayed size for the HTML, location removed.

The only module that uses Pillow.  JPEG, PNG and WebP are rewritten by walking
their container (markers / chunks); pixel data is never re-encoded.  Each walker
returns parts ``(kind, payload, raw bytes)``, kind being "exif", "xmp", "mpf" or None.

Every reader is linear in the file's size: walkers move an offset instead of copying the rest of
the file, an SVG is read by expat (C, one pass), and at most `MAX_APPENDED` images appended to a
JPEG are looked at. An SVG is published as it is, so it must be inert: one that could run a script
or load anything from elsewhere (scripts, event attributes, `foreignObject`, external references,
DTD entities, style sheets that import) is refused, and so is markup saved under a photo's name
(`.jpg` bytes that are SVG or HTML). Refusing, rather than cleaning, keeps the file the editor sees
the file that is published, and leaves no sanitizer to get subtly wrong. Pillow's warnings about
damaged metadata become notes on the `ImageInfo`, for a warning naming the photo.
"""
from __future__ import annotations

import functools
import io
import math
import posixpath
import re
import struct
import warnings
import zlib
from dataclasses import dataclass
from xml.parsers import expat

from PIL import Image

from ..core.messages import Msg

GPS_IFD, ORIENTATION = 0x8825, 0x0112
_EXIF_HDR = b"Exif\x00\x00"
_XMP_HDRS = (b"http://ns.adobe.com/xap/1.0/\x00", b"http://ns.adobe.com/xmp/extension/\x00")
_XMP_GPS = re.compile(rb"GPS(?:Latitude|Longitude)")
_PNG_SIG = b"\x89PNG\r\n\x1a\n"
# PNG text keywords carrying XMP or ImageMagick-style raw EXIF/XMP.
_PNG_META = (b"XML:com.adobe.xmp", b"Raw profile type exif", b"Raw profile type APP1",
             b"Raw profile type xmp")
_JPEG_NO_LENGTH = frozenset({0x01, 0xD9, *range(0xD0, 0xD8)})
_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7]")  # the first marker after entropy-coded data


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """Size as displayed (EXIF orientation applied), format, GPS flag."""

    width: int
    height: int
    format: str
    has_gps: bool
    notes: tuple[str, ...] = ()     # Pillow's warnings about damaged metadata, in its words


class ImageError(Exception):
    """An unreadable or refused image; ``reason`` is a short English phrase or a catalog `Msg`."""

    def __init__(self, reason: str | Msg) -> None:
        super().__init__(reason.key if isinstance(reason, Msg) else reason)
        self.reason = reason


MAX_APPENDED = 16       # images appended to a JPEG that are looked at (an MPO has two or three)
MAX_SVG_SIDE = 100_000  # pixels: an SVG larger than this is refused (and 1e999 is not a size)


def _exif_facts(src: bytes | Image.Exif | None) -> tuple[bool, int]:
    """(has GPS, orientation) of an EXIF block; an unreadable GPS pointer counts as GPS."""
    exif = src
    if isinstance(src, bytes):
        exif = Image.Exif()
        try:
            exif.load(src)
        except Exception:
            return False, 1
    if exif is None:
        return False, 1
    try:
        gps = GPS_IFD in exif and bool(exif.get_ifd(GPS_IFD))
    except Exception:
        gps = True
    orientation = exif.get(ORIENTATION, 1)
    return gps, orientation if isinstance(orientation, int) else 1


def _strip_exif(payload: bytes) -> bytes | None:
    """EXIF block without the GPS IFD; None if nothing to remove, b"" to drop it."""
    if not _exif_facts(payload)[0]:
        return None
    exif = Image.Exif()  # fresh: a get_ifd() cache would make tobytes() write GPS back
    try:
        exif.load(payload)
        del exif[GPS_IFD]
        out = exif.tobytes()
    except Exception:
        return b""
    return out if payload.startswith(_EXIF_HDR) else out[len(_EXIF_HDR):]


def _located(parts: list) -> bool:
    return any(_exif_facts(p)[0] if k == "exif" else k == "xmp" and bool(_XMP_GPS.search(p))
               for k, p, _ in parts)


def _jpeg_parts(data: bytes, start: int = 0) -> tuple[list, int]:
    """Segments of the JPEG at `start` up to EOI (entropy-coded data stays with its SOS), and the
    offset where it ends."""
    parts, i, n = [(None, b"", data[start:start + 2])], start + 2, len(data)
    while i < n:
        first = i
        while data.startswith(b"\xff\xff", i):  # fill bytes
            i += 1
        if i + 1 >= n or data[i] != 0xFF:
            raise ImageError("corrupt JPEG")
        marker, i = data[i + 1], i + 2
        body = i
        if marker not in _JPEG_NO_LENGTH:
            length = int.from_bytes(data[i:i + 2], "big")
            if length < 2 or i + length > n:
                raise ImageError("corrupt JPEG")
            i, body = i + length, i + 2
        if marker == 0xDA:  # skip to the next marker that is not FF00 stuffing or RSTn
            found = _SCAN_END.search(data, i)
            i = n if found is None else found.start()
        payload = data[body:i] if marker in (0xE1, 0xE2) else b""
        kind = (marker == 0xE1 and payload.startswith(_EXIF_HDR) and "exif"
                or marker == 0xE1 and payload.startswith(_XMP_HDRS) and "xmp"
                or marker == 0xE2 and payload.startswith(b"MPF\x00") and "mpf" or None)
        parts.append((kind, payload, data[first:i]))
        if marker == 0xD9:
            break
    return parts, i


def _appended(data: bytes, start: int) -> tuple[list, bool]:
    """Parts of images appended after EOI at `start` (MPO); False if one is unparseable or there are
    more than `MAX_APPENDED` (nothing real has that many)."""
    parts, count = [], 0
    while (j := data.find(b"\xff\xd8\xff", start)) != -1:
        count += 1
        if count > MAX_APPENDED:
            return parts, False
        try:
            more, start = _jpeg_parts(data, j)
        except ImageError:
            return parts, False
        parts += more
    return parts, True


def _png_parts(data: bytes) -> tuple[list, bytes]:
    """Chunks through IEND (text payloads decompressed), and the rest."""
    parts, i = [(None, b"", data[:8])], 8
    while i + 12 <= len(data):
        length, ctype = struct.unpack(">I4s", data[i:i + 8])
        body, end = data[i + 8:i + 8 + length], i + 12 + length
        if end > len(data):
            raise ImageError("corrupt PNG")
        kind, (key, _, text) = None, body.partition(b"\x00")
        if ctype == b"eXIf":
            kind, text = "exif", body
        elif ctype in (b"tEXt", b"zTXt", b"iTXt") and key in _PNG_META:
            try:  # zTXt: method, data; iTXt: flag, method, lang\0, key\0, text
                if ctype == b"iTXt":
                    flag, text = text[0], text[2:].split(b"\x00", 2)[-1]
                if ctype == b"zTXt" or ctype == b"iTXt" and flag:
                    text = zlib.decompressobj().decompress(
                        text[1:] if ctype == b"zTXt" else text, 1 << 24)
            except (zlib.error, IndexError):
                text = b""
            kind = "xmp"
        parts.append((kind, text if kind else b"", data[i:end]))
        i = end
        if ctype == b"IEND":
            break
    return parts, data[i:]


def _webp_parts(data: bytes) -> tuple[list, bytes]:
    """RIFF chunks (raw includes padding), and bytes after the RIFF."""
    end_all, parts, i = min(len(data), 8 + struct.unpack("<I", data[4:8])[0]), [], 12
    while i + 8 <= end_all:
        fourcc, size = struct.unpack("<4sI", data[i:i + 8])
        if i + 8 + size > end_all:
            raise ImageError("corrupt WebP")
        kind = {b"EXIF": "exif", b"XMP ": "xmp"}.get(fourcc)
        parts.append((kind, data[i + 8:i + 8 + size], data[i:i + 8 + size + (size & 1)]))
        i += 8 + size + (size & 1)
    return parts, data[max(i, end_all):]


_PACK = {  # a rewritten EXIF block as a raw segment / chunk
    "JPEG": lambda b: b"\xff\xe1" + struct.pack(">H", len(b) + 2) + b if len(b) <= 0xFFFD else b"",
    "PNG": lambda b: (struct.pack(">I", len(b)) + b"eXIf" + b
                      + struct.pack(">I", zlib.crc32(b"eXIf" + b))),
    "WEBP": lambda b: b"EXIF" + struct.pack("<I", len(b)) + b + b"\x00" * (len(b) & 1),
}


_SVG_NUMBER = re.compile(r"\s*((?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\s*(?:px)?\s*")


def _svg_length(value: str | None) -> float | None:
    m = _SVG_NUMBER.fullmatch(value or "")
    number = float(m.group(1)) if m else 0.0
    return number if 0 < number < math.inf else None


_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
_ACTIVE_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener",
                              "audio", "video", "frame", "frameset", "applet", "meta", "base"})
_ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform", "animatecolor"})
_LINK_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "background", "data"})
_SAFE_REFERENCE = re.compile(r"#|data:image/(?:png|jpeg|gif|webp);", re.IGNORECASE)
_STYLE_DANGER = re.compile(r"@import|url\s*\((?!\s*['\"]?\s*#)|expression\s*\(|javascript:|behavior\s*:|-moz-binding",
                           re.IGNORECASE)
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20]+")


class _SvgReader:
    """One pass of expat over an SVG: the root's size attributes, and the first thing that makes the
    file active (a reason, as a catalog message)."""

    def __init__(self) -> None:
        self.root: dict[str, str] | None = None
        self.root_name = ""
        self.refused: Msg | None = None
        self.style_depth = 0
        self.style_text: list[str] = []

    def refuse(self, what: str) -> None:
        if self.refused is None:
            self.refused = Msg.of("image.svg_active", what=what)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        low = local.lower()
        if self.root is None:
            self.root, self.root_name = attrs, (namespace, local)
        if low in _ACTIVE_ELEMENTS or namespace == "http://www.w3.org/1999/xhtml":
            self.refuse(f"<{local}>")
        if low == "style":
            self.style_depth += 1
        for key, value in attrs.items():
            attr = key.rpartition(" ")[2].lower()
            plain = _CONTROL_OR_SPACE.sub("", value).lower()
            if attr.startswith("on"):
                self.refuse(f"{attr}=\"...\"")
            elif "javascript:" in plain or "vbscript:" in plain:
                self.refuse("javascript:")
            elif attr in _LINK_ATTRIBUTES and not _SAFE_REFERENCE.match(value.strip()):
                self.refuse(f"{attr}=\"{value[:60]}\"")
            elif attr == "attributename" and low in _ANIMATIONS and plain.rpartition(":")[2] in _LINK_ATTRIBUTES:
                self.refuse(f"<{local} attributeName=\"{value[:20]}\">")
            elif attr == "style" and _STYLE_DANGER.search(value):
                self.refuse(f"style=\"{value[:60]}\"")

    def end(self, name: str) -> None:
        if name.rpartition(" ")[2].lower() == "style" and self.style_depth:
            self.style_depth -= 1
            if _STYLE_DANGER.search("".join(self.style_text)):
                self.refuse("<style> @import / url(...)")
            self.style_text = []

    def text(self, data: str) -> None:
        if self.style_depth:
            self.style_text.append(data)

    def doctype(self, name, system_id, public_id, has_internal_subset) -> None:
        if has_internal_subset:
            self.refuse("<!DOCTYPE [...]>")

    def entity(self, *args) -> None:
        self.refuse("<!ENTITY>")

    def instruction(self, target: str, data: str) -> None:
        if target.lower() != "xml":
            self.refuse(f"<?{target}?>")


def _svg_info(data: bytes) -> ImageInfo:
    reader = _SvgReader()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler = reader.start, reader.end
    parser.CharacterDataHandler, parser.StartDoctypeDeclHandler = reader.text, reader.doctype
    parser.EntityDeclHandler, parser.ProcessingInstructionHandler = reader.entity, reader.instruction
    parser.ExternalEntityRefHandler = lambda *args: 0
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        if reader.refused is not None:
            raise ImageError(reader.refused) from None
        raise ImageError(Msg.of("image.svg_invalid", line=exc.lineno, reason=expat.ErrorString(exc.code))) from None
    if reader.refused is not None:
        raise ImageError(reader.refused)
    if reader.root is None or reader.root_name[1] != "svg" or reader.root_name[0] not in (_SVG_NS, ""):
        raise ImageError(Msg.of("image.markup_not_svg"))
    attrs = {key.rpartition(" ")[2]: value for key, value in reader.root.items()}
    width, height = _svg_length(attrs.get("width")), _svg_length(attrs.get("height"))
    box = [_svg_length(v) for v in re.split(r"[\s,]+", attrs.get("viewBox", "").strip())[:5]]
    if len(box) == 4 and box[2] and box[3]:
        width, height = (width or (height or box[3]) * box[2] / box[3],
                         height or (width or box[2]) * box[3] / box[2])
    if not (width and height):
        raise ImageError("SVG without width/height or viewBox")
    if not (width <= MAX_SVG_SIDE and height <= MAX_SVG_SIDE):
        raise ImageError(Msg.of("image.svg_too_large", limit=MAX_SVG_SIDE))
    return ImageInfo(max(1, round(width)), max(1, round(height)), "SVG", False)


_MARKUP_START = re.compile(rb"\s*<")
_EXTENSIONS = {".jpg": "JPEG", ".jpeg": "JPEG", ".jpe": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF",
               ".svg": "SVG"}


def read_image_info(data: bytes, name: str | None = None) -> ImageInfo:
    """Displayed size, format and GPS flag, read from the header only. With the file's `name`, markup
    (SVG, HTML) under a photo's extension is refused."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    ext = posixpath.splitext(name or "")[1].lower()
    if head.startswith(b"<") or (ext == ".svg" and _MARKUP_START.match(data[:4096])):
        if name is not None and ext != ".svg":
            raise ImageError(Msg.of("image.markup_named_photo", ext=ext or name))
        return _svg_info(data)
    if ext == ".svg":
        raise ImageError(Msg.of("image.svg_not_markup"))
    notes: list[str] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                (width, height), fmt = im.size, "JPEG" if im.format == "MPO" else im.format
                if fmt == "JPEG":
                    parts, end = _jpeg_parts(data)
                    parts += _appended(data, end)[0]
                elif fmt in ("PNG", "WEBP"):
                    parts = (_png_parts if fmt == "PNG" else _webp_parts)(data)[0]
                else:
                    xmp = im.info.get("xmp") or b""
                    parts = [("xmp", xmp.encode() if isinstance(xmp, str) else xmp, b"")]
                exifs = [p for k, p, _ in parts if k == "exif"]
                try:  # the displayed EXIF; PNG getexif() would decode the pixels
                    shown = (exifs or [None])[0] if fmt == "PNG" else im.getexif()
                except Exception:
                    shown = None
                if fmt not in ("JPEG", "PNG", "WEBP") and shown is not None:
                    parts.append(("exif", shown, b""))
            located = _located(parts)
            orientation = _exif_facts(shown)[1]
        notes = list(dict.fromkeys(str(w.message) for w in caught))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError("image too large") from exc
    except ImageError:
        raise
    except Exception as exc:  # Pillow raises many types on corrupt data
        raise ImageError("not a readable image") from exc
    if fmt != "TIFF" and orientation in (5, 6, 7, 8):  # Pillow's TIFF size is oriented
        width, height = height, width
    return ImageInfo(width, height, fmt or "UNKNOWN", located, tuple(notes))


_METADATA_MARKS = (*_XMP_HDRS, *_PNG_META, b"XMP ")


def has_nothing_to_strip(data: bytes, info: ImageInfo) -> bool:
    """A cheap sufficient test that `strip_location(data)` would return `data` unchanged: no GPS (which
    `read_image_info` already looked for), no XMP or raw-profile block anywhere, and no second JPEG
    inside (an appended image or an EXIF thumbnail). False means: ask `strip_location`."""
    return (not info.has_gps and not any(mark in data for mark in _METADATA_MARKS)
            and data.find(b"\xff\xd8\xff", 3) == -1)


def strip_location(data: bytes) -> bytes:
    """The bytes to publish: GPS EXIF and all XMP removed, losslessly.

    JPEG, PNG and WebP are handled; anything else, or an image with nothing to
    remove, is returned as the same object."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")    # read_image_info reported them when the article was parsed
        return _strip_location(data)


def _strip_location(data: bytes) -> bytes:
    if data[:3] == b"\xff\xd8\xff":
        (parts, end), fmt = _jpeg_parts(data), "JPEG"
        tail = data[end:]
        extra, ok = _appended(data, end)  # MPO: drop appended images carrying metadata
        if drop_tail := not ok or any(k == "xmp" for k, _, _ in extra) or _located(extra):
            parts, tail = [p for p in parts if p[0] != "mpf"], b""
    elif data[:8] == _PNG_SIG:
        (parts, tail), fmt, drop_tail = _png_parts(data), "PNG", False
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        (parts, tail), fmt, drop_tail = _webp_parts(data), "WEBP", False
    else:
        return data
    out, changed = [], drop_tail
    for kind, payload, raw in parts:
        if kind == "xmp":
            changed = True
            continue
        if kind == "exif" and (new := _strip_exif(payload)) is not None:
            changed = True
            if not (raw := new and _PACK[fmt](new)):
                continue
        out.append(raw)
    if not changed:
        return data
    if fmt != "WEBP":
        return b"".join(out) + tail
    keep = 0xFF & ~(0x04 | (0 if any(r[:4] == b"EXIF" for r in out) else 0x08))
    out = [r[:8] + bytes([r[8] & keep]) + r[9:] if r[:4] == b"VP8X" and len(r) > 8 else r
           for r in out]  # clear the VP8X XMP (and EXIF) flag bits
    body = b"WEBP" + b"".join(out)
    return b"RIFF" + struct.pack("<I", len(body)) + body + tail


# -- fit to resize (parse time) -------------------------------------------------------------

_HEIF_BRANDS = (b"ftypheic", b"ftypheix", b"ftypheim", b"ftypheis", b"ftyphevc", b"ftypmif1", b"ftypmsf1")

try:  # iPhone photos: Pillow reads HEIC once pillow-heif registers its opener; without it they are refused
    import pillow_heif
    pillow_heif.register_heif_opener()
    HEIC = True
except ImportError:  # pragma: no cover - pillow-heif installs from PyPI on every platform we run on
    HEIC = False


def sniff_problem(src: str, data: bytes) -> Msg | None:
    """What makes a photo unfit to resize, found from its bytes: an HEIC photo without pillow-heif, a
    cut-short JPEG/PNG. (Markup under a photo's name and SVGs that carry code are `images.py`'s:
    `read_image_info` refuses them with the reason.)"""
    if data[4:12] in _HEIF_BRANDS and not HEIC:
        return Msg.of("image.heic", src=src)
    if data[:3] == b"\xff\xd8\xff":
        last_scan = data.rfind(b"\xff\xda")
        if last_scan == -1 or data.find(b"\xff\xd9", last_scan) == -1:
            return Msg.of("image.truncated", src=src)
    elif data[:8] == b"\x89PNG\r\n\x1a\n" and data.rfind(b"IEND") == -1:
        return Msg.of("image.truncated", src=src)
    return None


def quiet_pillow(function):
    """Pillow's UserWarnings about damaged metadata are silenced here: parsing already turned them into
    a warning naming the photo (`warn.image_damaged`), and a traceback-like line helps no editor."""
    @functools.wraps(function)
    def quiet(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return function(*args, **kwargs)
    return quiet


@quiet_pillow
def too_large(src: str, data: bytes) -> Msg | None:
    """A decompression bomb (a header claiming more pixels than Pillow's safe limit), named as such."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            width, height = im.size
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        pixels = int(found.group(1)) if found else 0
        side = int(pixels ** 0.5)
        return Msg.of("image.too_large", src=src, width=side, height=side,
                      limit=(Image.MAX_IMAGE_PIXELS or 0) // 1_000_000)
    except Exception:
        return None
    if Image.MAX_IMAGE_PIXELS and width * height > Image.MAX_IMAGE_PIXELS:
        return Msg.of("image.too_large", src=src, width=width, height=height,
                      limit=Image.MAX_IMAGE_PIXELS // 1_000_000)
    return None


@quiet_pillow
def has_alpha(data: bytes) -> bool:
    """Does the photo have transparency (its fallback is then a PNG, not a JPEG)?"""
    try:
        with Image.open(io.BytesIO(data)) as im:
            return im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info
    except Exception:
        return False
