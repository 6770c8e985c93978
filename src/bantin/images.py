"""Photo metadata for publishing: displayed size for the HTML, location removed.

The only module that uses Pillow.  JPEG, PNG and WebP are rewritten by walking
their container (markers / chunks); pixel data is never re-encoded.  Each walker
returns parts ``(kind, payload, raw bytes)``, kind being "exif", "xmp", "mpf" or None.
"""
from __future__ import annotations

import io
import re
import struct
import warnings
import zlib
from dataclasses import dataclass

from PIL import Image

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


class ImageError(Exception):
    """An unreadable image; ``reason`` is a short English phrase."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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


def _jpeg_parts(data: bytes) -> tuple[list, bytes]:
    """Segments up to EOI (entropy-coded data stays with its SOS), and the rest."""
    parts, i, n = [(None, b"", data[:2])], 2, len(data)
    while i < n:
        start = i
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
        payload = data[body:i]
        kind = (marker == 0xE1 and payload.startswith(_EXIF_HDR) and "exif"
                or marker == 0xE1 and payload.startswith(_XMP_HDRS) and "xmp"
                or marker == 0xE2 and payload.startswith(b"MPF\x00") and "mpf" or None)
        parts.append((kind, payload, data[start:i]))
        if marker == 0xD9:
            break
    return parts, data[i:]


def _appended(tail: bytes) -> tuple[list, bool]:
    """Parts of images appended after EOI (MPO); False if one is unparseable."""
    parts = []
    while (j := tail.find(b"\xff\xd8\xff")) != -1:
        try:
            more, tail = _jpeg_parts(tail[j:])
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


def _svg_length(value: bytes | None) -> float | None:
    m = re.fullmatch(rb"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(?:px)?\s*", value or b"")
    return float(m.group(1)) if m and float(m.group(1)) > 0 else None


def _svg_info(data: bytes) -> ImageInfo:
    tag = re.search(rb"<svg\b([^>]*)>", data)
    attrs = {k: v for k, _, v in re.findall(rb"([\w:.-]+)\s*=\s*([\"'])(.*?)\2",
                                            tag.group(1) if tag else b"", re.S)}
    width, height = _svg_length(attrs.get(b"width")), _svg_length(attrs.get(b"height"))
    box = [_svg_length(v) for v in re.split(rb"[\s,]+", attrs.get(b"viewBox", b"").strip())]
    if len(box) == 4 and box[2] and box[3]:
        width, height = (width or (height or box[3]) * box[2] / box[3],
                         height or (width or box[2]) * box[3] / box[2])
    if not (width and height):
        raise ImageError("SVG without width/height or viewBox")
    return ImageInfo(max(1, round(width)), max(1, round(height)), "SVG", False)


def read_image_info(data: bytes) -> ImageInfo:
    """Displayed size, format and GPS flag, read from the header only."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<svg") or (head.startswith((b"<?xml", b"<!")) and b"<svg" in data):
        return _svg_info(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                (width, height), fmt = im.size, "JPEG" if im.format == "MPO" else im.format
                if fmt == "JPEG":
                    parts, tail = _jpeg_parts(data)
                    parts += _appended(tail)[0]
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
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError("image too large") from exc
    except ImageError:
        raise
    except Exception as exc:  # Pillow raises many types on corrupt data
        raise ImageError("not a readable image") from exc
    if fmt != "TIFF" and _exif_facts(shown)[1] in (5, 6, 7, 8):  # Pillow's TIFF size is oriented
        width, height = height, width
    return ImageInfo(width, height, fmt or "UNKNOWN", _located(parts))


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
    if data[:3] == b"\xff\xd8\xff":
        (parts, tail), fmt = _jpeg_parts(data), "JPEG"
        extra, ok = _appended(tail)  # MPO: drop appended images carrying metadata
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
