"""Camera photos in, derivatives out: oriented, sRGB, no metadata, never the original; memoized so a
warm build encodes nothing; bad files are path:line errors. Photos are generated here at camera size
(4000x3000, EXIF orientation 6, GPS, an ICC profile) so the repository stays small."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re

import pytest
from conftest import NOW, SITE_YAML, article, build_site_dir, jpeg, make_site, tree
from PIL import Image, ImageCms

import bantin.content.images
from bantin.check import check_site
from bantin.config import load_config
from bantin.content.images import sniff_problem
from bantin.core.errors import BuildFailed
from bantin.output.derivatives import resize

P = "content/2024/09/bai/index.md"
BUNDLE = "content/2024/09/bai/"
PAGE = "2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/"
_icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
ICC = _icc[:24] + bytes(12) + _icc[36:]   # lcms stamps the creation time: the same photo every run
GPS = {1: "N", 2: (10.0, 46.0, 12.0), 3: "E", 4: (106.0, 40.0, 30.0)}


def camera_jpeg(width: int = 4000, height: int = 3000, *, orientation: int = 6, copyright: str = "",
                seed: int = 1) -> bytes:
    """A camera-like JPEG: stored `width`x`height` with the left quarter red (shown on top after
    orientation 6), noise for realistic size, GPS, an ICC profile and an EXIF orientation."""
    rng = random.Random(seed)
    noise = Image.frombytes("L", (width // 8, height // 8), rng.randbytes(width // 8 * (height // 8)))
    noise = noise.resize((width, height), Image.BILINEAR)
    im = Image.merge("RGB", (noise, Image.linear_gradient("L").resize((width, height)), noise))
    im.paste((220, 20, 20), (0, 0, width // 4, height))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Canon"
    if copyright:
        exif[0x8298] = copyright
        exif[0x013B] = "Phong Tham muu"
    exif.get_ifd(0x8825).update(GPS)
    icc = ICC
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90, exif=exif.tobytes(), icc_profile=icc)
    return buf.getvalue()


@pytest.fixture(scope="module")
def camera() -> bytes:
    return camera_jpeg()


def photo_site(tmp_path, camera, site_yaml=SITE_YAML, extra=None):
    return make_site(tmp_path, {
        P: article(images="[{src: hoi-nghi.jpg, caption: Hội nghị, focus: [0.5, 0.2]}]",
                   body="Dẫn đầu.\n\n![Ảnh hai](anh-hai.jpg)\n"),
        BUNDLE + "hoi-nghi.jpg": camera, BUNDLE + "anh-hai.jpg": camera_jpeg(1600, 1200, orientation=1, seed=2),
        **(extra or {})}, site_yaml)



def test_a_camera_photo_is_published_only_as_small_oriented_clean_derivatives(tmp_path, camera):
    site = photo_site(tmp_path, camera)
    build_site_dir(site)
    out = site / "build"
    files = tree(out)
    photos = {k: v for k, v in files.items() if k.startswith(PAGE) and not k.endswith(".html")}
    names = sorted(k.rsplit("/", 1)[1] for k in photos)
    assert "hoi-nghi.jpg" not in names and "anh-hai.jpg" not in names
    assert all(re.fullmatch(r"[a-z-]+\.(\d+|og)\.[0-9a-f]{8}\.(webp|jpg)", n) for n in names), names
    originals = {hashlib.sha256(camera).digest(), hashlib.sha256((site / BUNDLE / "anh-hai.jpg").read_bytes()).digest()}
    for path, data in files.items():
        assert hashlib.sha256(data).digest() not in originals, path
        if not path.startswith("pagefind/"):     # the search engine's own scripts mention 'GPS'
            assert b"GPS" not in data and b"Canon" not in data, path
    for name, data in photos.items():
        with Image.open(io.BytesIO(data)) as im:
            assert not im.getexif() and "icc_profile" not in im.info and "xmp" not in im.info, name
            if ".og." in name:
                assert im.size == (1200, 630)
            else:
                assert im.width <= 1600
                if name.split("/")[-1].startswith("hoi-nghi"):
                    # orientation 6 applied: portrait, and the stored left (red) edge is on top
                    assert im.height > im.width
                    top = im.convert("RGB").getpixel((im.width // 2, 2))
                    bottom = im.convert("RGB").getpixel((im.width // 2, im.height - 3))
                    assert top[0] > 180 and top[1] < 80, top
                    assert bottom[0] < 180 or bottom[1] > 80, bottom
    assert max(len(d) for d in photos.values()) < 400_000
    page = files[PAGE + "index.html"].decode()
    lead = re.search(r'<img [^>]*fetchpriority="high"[^>]*>', page).group(0)
    assert 'sizes="' in lead and "hoi-nghi.1600." in lead and 'width="3000"' in lead and 'height="4000"' in lead
    assert 'loading="lazy"' in re.findall(r"<img [^>]*anh-hai[^>]*>", page)[0]
    og = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    assert ".og." in og and '<meta property="og:image:width" content="1200">' in page
    assert re.search(r'<meta name="twitter:image" content="[^"]+\.og\.', page)
    home = files["index.html"].decode()
    card = re.search(r'<a class="thumb"[^>]*><img [^>]*></a>', home).group(0)
    assert 'srcset="' in card and 'sizes="(max-width: 30rem) 7rem, 11rem"' in card and 'fetchpriority="high"' in card


def test_feeds_and_json_ld_name_a_large_derivative_with_its_real_size(tmp_path, camera):
    site = photo_site(tmp_path, camera)
    build_site_dir(site)
    out = site / "build"
    feed = (out / "feed.xml").read_text()
    url, length, kind = re.search(r'<enclosure url="https://congan.example.vn/([^"]+)" length="(\d+)" type="([^"]+)"',
                                  feed).groups()
    assert ".1600." in url and kind == "image/webp"
    assert (out / url).stat().st_size == int(length)
    page = (out / PAGE / "index.html").read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    large, social = data["image"][:2]
    assert re.search(r"hoi-nghi\.1600\.[0-9a-f]{8}\.webp$", large["url"]) and (large["width"], large["height"]) == (1600, 2133)
    assert ".og." in social["url"] and (social["width"], social["height"]) == (1200, 630)


@pytest.mark.slow
def test_a_warm_build_encodes_nothing_rewrites_nothing_and_equals_a_cold_one(tmp_path, camera, monkeypatch):
    site = photo_site(tmp_path / "a", camera)
    first = build_site_dir(site, workers=2)
    cold = tree(site / "build")

    def no_encoding(*args, **kwargs):
        raise AssertionError("a warm build encoded a photo")

    monkeypatch.setattr(bantin.output.derivatives, "_encode", no_encoding)
    second = build_site_dir(site, workers=1)
    assert second.written == 0 and first.written > 0
    assert tree(site / "build") == cold
    monkeypatch.undo()
    other = photo_site(tmp_path / "b", camera)
    build_site_dir(other, cache=False)
    assert tree(other / "build") == cold


@pytest.mark.slow
def test_the_photo_memo_keeps_only_what_the_archive_needs_drafts_included(tmp_path, camera, monkeypatch):
    site = photo_site(tmp_path, camera)
    memo = site / ".bantin-cache" / "photos"
    names = lambda: {p.name for p in memo.iterdir()}

    def age() -> None:                      # past the grace kept for a preview running beside the build
        for path in memo.iterdir():
            os.utime(path, (path.stat().st_atime, path.stat().st_mtime - 86400))

    build_site_dir(site)
    published = names()
    draft = "content/2024/09/nhap/"
    (site / draft).mkdir()
    (site / draft / "index.md").write_text(article(title="Bài nháp", draft="true",
                                                   images="[{src: nhap.jpg, caption: Nháp}]"), encoding="utf-8")
    (site / draft / "nhap.jpg").write_bytes(camera_jpeg(1200, 900, orientation=1, seed=3))
    build_site_dir(site, drafts=True)       # what the preview shows
    drafts = names() - published
    assert drafts and len(published) > 10
    (memo / "x.1600.0000aaaa.webp.4242.tmp").write_bytes(b"an encode killed halfway")
    (site / BUNDLE / "anh-hai.jpg").write_bytes(camera_jpeg(1600, 1200, orientation=1, seed=9))   # replaced
    age()
    build_site_dir(site)                    # no drafts: theirs are kept all the same (the preview needs them)
    now = names()
    assert drafts <= now and len(now) == len(published) + len(drafts)
    replaced = published - now
    assert replaced and len(now - drafts - published) == len(replaced)     # anh-hai's, encoded anew

    (site / draft / "index.md").unlink()
    (site / draft / "nhap.jpg").unlink()
    age()
    (memo / "fresh.webp").write_bytes(b"encoded a second ago by a preview")
    build_site_dir(site)
    assert names() == (now - drafts) | {"fresh.webp"}
    monkeypatch.setattr(bantin.output.derivatives, "_encode", lambda *a, **k: pytest.fail("a kept photo encoded again"))
    build_site_dir(site)


def test_copyright_and_artist_are_kept_only_when_the_site_asks(tmp_path):
    data = camera_jpeg(1200, 900, orientation=1, copyright="(c) Cong an tinh")
    yaml = SITE_YAML + "images:\n  keep_metadata: [copyright, artist]\n  widths: [320, 800]\n"
    site = make_site(tmp_path, {P: article(images="[{src: a.jpg, caption: C}]"), BUNDLE + "a.jpg": data}, yaml)
    build_site_dir(site)
    made = [p for p in (site / "build" / PAGE).iterdir() if p.suffix in (".webp", ".jpg")]
    assert sorted(p.name.split(".")[1] for p in made) == ["320", "800", "800", "og"]
    for path in made:
        exif = Image.open(path).getexif()
        assert exif.get(0x8298) == "(c) Cong an tinh" and exif.get(0x013B) == "Phong Tham muu"
        assert 0x8825 not in exif and 0x010F not in exif and b"GPS" not in path.read_bytes()


def test_originals_are_published_location_removed_when_asked(tmp_path):
    data = camera_jpeg(800, 600, orientation=1)
    site = make_site(tmp_path, {P: article(images="[{src: a.jpg, caption: C}]"), BUNDLE + "a.jpg": data},
                     SITE_YAML + "images: {publish_originals: true}\n")
    build_site_dir(site)
    published = (site / "build" / PAGE / "a.jpg").read_bytes()
    assert published != data and b"GPS" not in published
    assert any(p.suffix == ".webp" for p in (site / "build" / PAGE).iterdir())


def test_a_photo_is_never_upscaled_and_small_photos_warn_in_check(tmp_path):
    site = make_site(tmp_path, {P: article(images="[{src: nho.jpg, caption: C}]"), BUNDLE + "nho.jpg": jpeg(300, 200)})
    build_site_dir(site)
    widths = sorted(int(p.name.split(".")[1]) for p in (site / "build" / PAGE).glob("nho.*.webp"))
    assert widths == [160, 240, 300]
    problems = check_site(load_config(site), now=NOW)
    assert [(p.path, p.line, p.msg.key) for p in problems] == [(P, 4, "warn.photo_narrow")]


def test_heic_photos_from_an_iphone_are_resized(tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    buf = io.BytesIO()
    Image.new("RGB", (1000, 750), (30, 120, 200)).save(buf, "HEIF")
    assert pillow_heif.is_supported(buf.getvalue())
    site = make_site(tmp_path, {P: article(images="[{src: iphone.heic, caption: C}]"), BUNDLE + "iphone.heic": buf.getvalue()})
    build_site_dir(site)
    assert (site / "build" / PAGE / "iphone.heic").exists() is False
    assert sorted(p.suffix for p in (site / "build" / PAGE).glob("iphone.*")).count(".webp") == 7


def test_a_damaged_photo_fails_the_build_with_its_line_and_leaves_the_last_build(tmp_path, camera):
    site = photo_site(tmp_path, camera)
    build_site_dir(site)
    before = tree(site / "build")
    good = camera_jpeg(1600, 1200, orientation=1, seed=3)
    damaged = good[:20] + b"\x13" * 50 + good[70:]   # a scratched header: the pixels cannot be decoded
    (site / BUNDLE / "hoi-nghi.jpg").write_bytes(damaged)
    with pytest.raises(BuildFailed) as failed:
        build_site_dir(site)
    (problem,) = failed.value.problems
    assert (problem.path, problem.line) == (P, 4) and problem.msg.key in ("image.damaged", "image.unreadable")
    assert tree(site / "build") == before


@pytest.mark.parametrize("name, data, key", [
    ("a.jpg", jpeg(400, 300)[:-300], "image.truncated"),
    ("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "image.truncated"),
])
def test_files_that_are_not_photos_are_named_before_decoding(name, data, key):
    assert sniff_problem(name, data).key == key


def test_a_decompression_bomb_is_an_error_with_its_line(tmp_path):
    from test_messages import png_bomb
    site = make_site(tmp_path, {P: article(images="[{src: bom.png, caption: C}]"), BUNDLE + "bom.png": png_bomb()})
    with pytest.raises(BuildFailed) as failed:
        build_site_dir(site)
    assert [(p.path, p.line, p.msg.key) for p in failed.value.problems] == [(P, 4, "image.too_large")]


def test_a_safe_svg_is_published_as_it_is(tmp_path):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'
    site = make_site(tmp_path, {P: article(images="[{src: so-do.svg, caption: C}]"), BUNDLE + "so-do.svg": svg})
    build_site_dir(site)
    assert (site / "build" / PAGE / "so-do.svg").read_bytes() == svg


def test_the_heic_message_says_how_to_convert(monkeypatch):
    monkeypatch.setattr(bantin.content.images, "HEIC", False)
    msg = sniff_problem("anh.heic", b"\0\0\0\x18ftypheic" + b"\0" * 64)
    assert msg.key == "image.heic"
    assert "pip install pillow-heif" in msg.render("en") and "Tương thích nhất" in msg.render("vi")


def test_resize_applies_orientation_and_crop_focus():
    data = camera_jpeg(800, 600)
    out = Image.open(io.BytesIO(resize(data, 300, 400)))
    assert out.size == (300, 400) and out.format == "WEBP"
    top = Image.open(io.BytesIO(resize(data, 600, 100, "jpg", focus=(0.5, 0.0)))).convert("RGB").getpixel((300, 50))
    assert top[0] > 180 and top[1] < 80


def test_theme_authors_get_srcset(tmp_path, camera):
    card = '<img src="{{ item.lead_figure.url }}" srcset="{{ item.lead_figure.photo | srcset }}" alt="">\n'
    site = photo_site(tmp_path, camera, extra={"templates/partials/card.html": card})
    build_site_dir(site)
    home = (site / "build/index.html").read_text()
    assert re.search(r'srcset="[^"]*hoi-nghi\.160\.[0-9a-f]{8}\.webp 160w, ', home)


def test_a_fresh_init_site_publishes_only_derivatives(tmp_path):
    from bantin.authoring.scaffold import write_new_site
    site = tmp_path / "moi"
    write_new_site(site)
    build_site_dir(site, drafts=True)        # the sample is a draft: published only when drafts are
    published = [p.name for p in (site / "build").rglob("ra-quan*")]
    assert published and "ra-quan.jpg" not in published
