"""Tests for bantin.content.images: sizes for the HTML, lossless GPS stripping."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin, features

from bantin.content.images import ImageError, ImageInfo, read_image_info, strip_location

GPS = 0x8825
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="21,1.5N" '
    'exif:GPSLongitude="105,51.2E"/></rdf:RDF></x:xmpmeta>'
)
ICC = b"\x00\x00\x00\x30fake-icc-profile-bytes-for-testing-only" + bytes(8)


def picture(size=(64, 48)) -> Image.Image:
    """A deterministic, non-flat RGB picture."""
    g = Image.linear_gradient("L").resize(size)
    r = Image.radial_gradient("L").resize(size)
    return Image.merge("RGB", (g, r, g.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def make_exif(orientation=1, gps=True) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS R6"
    exif[0x0112] = orientation
    if gps:
        exif.get_ifd(GPS).update({
            1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 12.0),
        })
    return exif


def save(fmt="JPEG", size=(64, 48), **params) -> bytes:
    buf = io.BytesIO()
    picture(size).save(buf, fmt, **params)
    return buf.getvalue()


def opened(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def jpeg_segments(data: bytes) -> list[tuple[int, bytes]]:
    """(marker, payload) of the header segments up to SOS."""
    out, i = [], 2
    while data[i + 1] != 0xDA:
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        out.append((data[i + 1], data[i + 4:i + 2 + length]))
        i += 2 + length
    return out


def scan_data(data: bytes) -> bytes:
    return data[data.index(b"\xff\xda"):]


# -- JPEG --------------------------------------------------------------------

def test_jpeg_gps_removed_losslessly_keeping_other_metadata():
    src = save(exif=make_exif(), icc_profile=ICC, quality=90)
    info = read_image_info(src)
    assert info == ImageInfo(64, 48, "JPEG", True)

    out = strip_location(src)
    assert out != src
    im = opened(out)
    exif = im.getexif()
    assert exif.get_ifd(GPS) == {}
    assert GPS not in exif
    assert exif[0x010F] == "Canon" and exif[0x0110] == "EOS R6" and exif[0x0112] == 1
    # Lossless: identical pixels, and the compressed scan is byte-for-byte the same.
    assert im.tobytes() == opened(src).tobytes()
    assert scan_data(out) == scan_data(src)
    # ICC profile (APP2), quantisation and huffman tables untouched.
    keep = [s for s in jpeg_segments(src) if s[0] != 0xE1]
    assert [s for s in jpeg_segments(out) if s[0] != 0xE1] == keep
    assert im.info["icc_profile"] == ICC
    assert read_image_info(out) == ImageInfo(64, 48, "JPEG", False)


def test_jpeg_without_gps_is_returned_unchanged():
    src = save(exif=make_exif(gps=False), icc_profile=ICC)
    assert read_image_info(src).has_gps is False
    assert strip_location(src) is src
    plain = save()
    assert strip_location(plain) is plain


def test_strip_is_deterministic_and_idempotent():
    src = save(exif=make_exif())
    once = strip_location(src)
    assert strip_location(src) == once
    assert strip_location(once) is once


def test_orientation_6_swaps_reported_size_and_survives_stripping():
    src = save(size=(64, 48), exif=make_exif(orientation=6))
    assert read_image_info(src) == ImageInfo(48, 64, "JPEG", True)
    out = strip_location(src)
    assert opened(out).getexif()[0x0112] == 6
    assert read_image_info(out) == ImageInfo(48, 64, "JPEG", False)


@pytest.mark.parametrize("orientation, swapped", [(1, False), (3, False), (5, True), (8, True)])
def test_orientation_values(orientation, swapped):
    info = read_image_info(save(size=(30, 20), exif=make_exif(orientation, gps=False)))
    assert (info.width, info.height) == ((20, 30) if swapped else (30, 20))


def test_xmp_segment_with_gps_is_removed():
    src = save(exif=make_exif(gps=False), xmp=XMP.encode())
    assert b"exif:GPSLatitude" in src
    assert read_image_info(src).has_gps is True  # from XMP alone
    out = strip_location(src)
    for needle in (b"exif:GPSLatitude", b"GPSLongitude", b"http://ns.adobe.com/xap/1.0/"):
        assert needle not in out
    im = opened(out)
    assert im.getexif()[0x010F] == "Canon"
    assert im.tobytes() == opened(src).tobytes()
    assert read_image_info(out).has_gps is False


def test_xmp_without_gps_is_still_dropped():
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    src = save(xmp=xmp)
    assert read_image_info(src).has_gps is False
    out = strip_location(src)
    assert b"ns.adobe.com/xap" not in out
    assert scan_data(out) == scan_data(src)


def test_mpo_appended_image_gps_is_removed():
    buf = io.BytesIO()
    picture().save(buf, "MPO", save_all=True, append_images=[picture((32, 24))], exif=make_exif())
    src = buf.getvalue()
    info = read_image_info(src)
    assert (info.format, info.has_gps) == ("JPEG", True)
    out = strip_location(src)
    assert b"MPF\x00" not in out
    assert out.count(b"\xff\xd8\xff") == 1  # only the primary picture is published
    im = opened(out)
    assert im.getexif().get_ifd(GPS) == {} and im.getexif()[0x010F] == "Canon"
    assert im.tobytes() == opened(src).tobytes()
    assert read_image_info(out).has_gps is False


def test_big_endian_exif_is_rewritten():
    exif = make_exif()
    exif.endian = ">"
    src = save(exif=exif)
    assert b"Exif\x00\x00MM" in src
    out = strip_location(src)
    assert b"Exif\x00\x00MM" in out
    assert opened(out).getexif().get_ifd(GPS) == {}
    assert opened(out).getexif()[0x010F] == "Canon"


# -- PNG ---------------------------------------------------------------------

def png_chunk_types(data: bytes) -> list[bytes]:
    out, i = [], 8
    while i < len(data):
        length, ctype = struct.unpack(">I4s", data[i:i + 8])
        body = data[i + 8:i + 8 + length]
        crc = struct.unpack(">I", data[i + 8 + length:i + 12 + length])[0]
        assert crc == zlib.crc32(ctype + body)
        out.append(ctype)
        i += 12 + length
    return out


def test_png_exif_gps_and_xmp_removed():
    meta = PngImagePlugin.PngInfo()
    meta.add_itxt("XML:com.adobe.xmp", XMP)
    meta.add_text("Title", "Hiện trường vụ việc")
    src = save("PNG", exif=make_exif(orientation=6), pnginfo=meta)
    assert b"eXIf" in src
    assert read_image_info(src) == ImageInfo(48, 64, "PNG", True)
    out = strip_location(src)
    types = png_chunk_types(out)  # also checks every CRC
    assert b"eXIf" in types and types.count(b"iTXt") == 1  # the (non-Latin-1) title stays
    assert b"XML:com.adobe.xmp" not in out
    assert b"exif:GPSLatitude" not in out
    im = opened(out)
    assert im.getexif().get_ifd(GPS) == {}
    assert im.getexif()[0x010F] == "Canon" and im.getexif()[0x0112] == 6
    assert im.text["Title"] == "Hiện trường vụ việc"
    assert im.tobytes() == opened(src).tobytes()
    assert read_image_info(out) == ImageInfo(48, 64, "PNG", False)


def test_png_compressed_xmp_is_detected_and_dropped():
    meta = PngImagePlugin.PngInfo()
    meta.add_itxt("XML:com.adobe.xmp", XMP, zip=True)
    src = save("PNG", pnginfo=meta)
    assert b"GPSLatitude" not in src  # hidden by compression
    assert read_image_info(src).has_gps is True
    out = strip_location(src)
    assert b"iTXt" not in png_chunk_types(out)
    assert opened(out).tobytes() == opened(src).tobytes()


def test_png_without_gps_is_unchanged():
    src = save("PNG", exif=make_exif(gps=False))
    assert read_image_info(src) == ImageInfo(64, 48, "PNG", False)
    assert strip_location(src) is src


# -- WebP --------------------------------------------------------------------

webp = pytest.mark.skipif(not features.check("webp"), reason="Pillow built without WebP")


@webp
def test_webp_exif_gps_and_xmp_removed():
    src = save("WEBP", exif=make_exif(), xmp=XMP.encode(), quality=80)
    assert read_image_info(src) == ImageInfo(64, 48, "WEBP", True)
    out = strip_location(src)
    assert out[:4] == b"RIFF" and struct.unpack("<I", out[4:8])[0] == len(out) - 8
    assert b"XMP " not in out and b"GPSLatitude" not in out
    assert out[12:16] == b"VP8X"
    flags = out[20]
    assert not flags & 0x04 and flags & 0x08  # XMP flag cleared, EXIF still present
    im = opened(out)
    assert im.getexif().get_ifd(GPS) == {} and im.getexif()[0x010F] == "Canon"
    assert im.tobytes() == opened(src).tobytes()
    assert read_image_info(out) == ImageInfo(64, 48, "WEBP", False)
    assert strip_location(out) is out


@webp
def test_webp_without_gps_is_unchanged():
    src = save("WEBP", exif=make_exif(gps=False))
    assert read_image_info(src).has_gps is False
    assert strip_location(src) is src


# -- other formats, errors ---------------------------------------------------

def test_gif_is_passed_through():
    src = save("GIF")
    assert read_image_info(src) == ImageInfo(64, 48, "GIF", False)
    assert strip_location(src) is src


def test_tiff_is_passed_through_with_pillows_oriented_size():
    src = save("TIFF", exif=make_exif(orientation=8))  # Pillow's TIFF size is already oriented
    info = read_image_info(src)
    assert (info.width, info.height, info.format) == (48, 64, "TIFF")
    assert strip_location(src) is src


@pytest.mark.parametrize("data", [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n" + b"\x00" * 10])
def test_unreadable_data_raises(data):
    with pytest.raises(ImageError) as err:
        read_image_info(data)
    assert err.value.reason == "not a readable image"


def test_corrupt_jpeg_raises():
    src = save(exif=make_exif())
    with pytest.raises(ImageError):
        read_image_info(src[:40])
    bad = src[:4] + b"\xff\xff" + src[6:]  # APP1 length now runs past the end
    with pytest.raises(ImageError):
        strip_location(bad)


def test_decompression_bomb(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(ImageError) as err:
        read_image_info(save(size=(64, 48)))
    assert err.value.reason == "image too large"


# -- SVG ---------------------------------------------------------------------

@pytest.mark.parametrize("svg, size", [
    (b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"></svg>', (120, 80)),
    (b'<svg width="120px" height="80.4px" viewBox="0 0 10 10"/>', (120, 80)),
    (b'<svg viewBox="0 0 300 150"><rect/></svg>', (300, 150)),
    (b'<svg width="100" viewBox="0,0,200,100"/>', (100, 50)),
    (b'<svg width="100%" height="100%" viewBox="-5 -5 64 32"/>', (64, 32)),
    (b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- logo -->\n'
     b"<svg xmlns='http://www.w3.org/2000/svg'\n  height='24' width='48'></svg>", (48, 24)),
])
def test_svg_sizes(svg, size):
    assert read_image_info(svg) == ImageInfo(*size, "SVG", False)
    assert strip_location(svg) is svg


def test_svg_without_size_raises():
    with pytest.raises(ImageError):
        read_image_info(b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>')


def _samples() -> list[bytes]:
    mpo = io.BytesIO()
    picture().save(mpo, "MPO", save_all=True, append_images=[picture((32, 24))], exif=make_exif(gps=False))
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    samples = [save(), save(exif=make_exif(gps=False)), save(exif=make_exif()), save(xmp=xmp),
               save(exif=make_exif(gps=False), xmp=XMP.encode()), mpo.getvalue(),
               save("PNG"), save("PNG", exif=make_exif()), save("PNG", exif=make_exif(gps=False)),
               save("WEBP"), save("WEBP", exif=make_exif()), save("WEBP", exif=make_exif(gps=False)),
               save("GIF")]
    root = Path(__file__).resolve().parent.parent / "content"
    return samples + [p.read_bytes() for p in sorted(root.rglob("*.jpg"))]


def test_the_cheap_nothing_to_strip_test_never_says_yes_wrongly():
    from bantin.content.images import has_nothing_to_strip
    said_yes = 0
    for data in _samples():
        if has_nothing_to_strip(data, read_image_info(data)):
            said_yes += 1
            assert strip_location(data) is data
    assert said_yes >= 5  # and it does answer for plain photos
