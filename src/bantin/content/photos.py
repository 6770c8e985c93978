"""A photo's derivatives, planned at parse time: arithmetic on its displayed size and the settings.

When parsing first reads a photo, `plan_photo` gives every derivative its URL and pixel size from the
photo's displayed size (EXIF orientation applied), the configured widths (never upscaled) and formats;
each name carries a fingerprint of the photo's bytes and of the settings that shape the derivative's
bytes (`hoi-nghi.800.3fa9c2d1.webp`), so a host may cache it for a year and a changed photo gets a new
name. The bytes are made later, by `output/derivatives.py`.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable

from ..config import ImageSettings
from ..core.errors import Problem, warning
from ..core.models import Article, Photo, Variant
from .images import ImageInfo, has_alpha

ENCODER = "1"                   # bump when the same settings would give other bytes
SOCIAL_SIZE = (1200, 630)       # og:image / twitter:image
COLUMN_WIDTH = 768              # CSS px of the built-in theme's article column on a computer (48rem)
RESIZABLE = frozenset({"JPEG", "PNG", "WEBP", "HEIF", "AVIF", "TIFF", "BMP"})
MIME = {"webp": "image/webp", "avif": "image/avif", "jpg": "image/jpeg", "png": "image/png"}


def is_resizable(info: ImageInfo) -> bool:
    return info.format in RESIZABLE


def settings_tag(data: bytes, settings: ImageSettings, *extra: object) -> str:
    """The 8 hex digits in a derivative's name: the photo's bytes, the settings, the encoder."""
    h = hashlib.sha256(data)
    h.update(repr((settings.key, ENCODER, extra)).encode())
    return h.hexdigest()[:8]


def target_widths(width: int, settings: ImageSettings) -> tuple[int, ...]:
    """The configured widths, never wider than the photo (which then counts as one of them)."""
    return tuple(sorted({min(w, width) for w in settings.widths}))


def _scaled(width: int, height: int, to: int) -> tuple[int, int]:
    return to, max(1, round(height * to / width))


def social_size(width: int, height: int) -> tuple[int, int]:
    """1200x630, or the largest box of that shape the photo fills without upscaling."""
    w, h = SOCIAL_SIZE
    scale = min(1.0, width / w, height / h)
    return max(1, round(w * scale)), max(1, round(h * scale))


def plan_photo(data: bytes, info: ImageInfo, settings: ImageSettings, article_url: str, src: str,
               focus: tuple[float, float] | None = None) -> tuple[tuple[Variant, ...], Variant | None]:
    """The derivatives of a photo (srcset formats by width, then the JPEG/PNG fallback) and its social
    crop; nothing for a photo that is published as it is (SVG, GIF)."""
    if not is_resizable(info):
        return (), None
    focus = focus or (0.5, 0.5)
    return _plan(posixpath.splitext(posixpath.normpath(src))[0], info.width, info.height, settings, article_url,
                 settings_tag(data, settings), settings_tag(data, settings, "og", focus), has_alpha(data))


def plan_frame(digest: bytes, width: int, height: int, at: float, settings: ImageSettings, article_url: str,
               src: str) -> tuple[tuple[Variant, ...], Variant | None]:
    """The derivatives of a video's poster made from its frame at `at` seconds, as `plan_photo` plans a
    photo's ('clip.poster.800.3fa9c2d1.webp'): their names hold the video's hash (`digest`) and the time."""
    tag = settings_tag(digest, settings, "frame", at)
    stem = posixpath.splitext(posixpath.normpath(src))[0] + ".poster"
    return _plan(stem, width, height, settings, article_url, tag, settings_tag(digest, settings, "frame", at, "og"),
                 False)


def _plan(stem: str, width: int, height: int, settings: ImageSettings, article_url: str, tag: str,
          social_tag: str, alpha: bool) -> tuple[tuple[Variant, ...], Variant]:
    def add(w: int, h: int, ext: str, name_tag: str = tag, label: str | None = None) -> Variant:
        name = f"{stem}.{label or w}.{name_tag}.{ext}"
        return Variant(url=article_url + name, output=(article_url + name).lstrip("/"), width=w, height=h,
                       mime=MIME[ext])

    variants = [add(*_scaled(width, height, w), fmt) for fmt in settings.formats
                for w in target_widths(width, settings)]
    fallback_width = max([w for w in target_widths(width, settings) if w <= settings.fallback_width]
                         or [min(target_widths(width, settings))])
    variants.append(add(*_scaled(width, height, fallback_width), "png" if alpha else "jpg"))
    social = add(*social_size(width, height), "jpg", social_tag, "og")
    return tuple(variants), social


def srcset_variants(photo: Photo) -> tuple[Variant, ...]:
    """The variants of the first srcset format (the fallback is the `src`)."""
    if not photo.variants:
        return ()
    mime = photo.variants[0].mime
    return tuple(v for v in photo.variants if v.mime == mime)


def srcset(photo: Photo) -> str:
    """'a.160.x.webp 160w, a.240.x.webp 240w, ...' or '' for a photo published as it is."""
    return ", ".join(f"{v.url} {v.width}w" for v in srcset_variants(photo))


def poster_url(photo: Photo, width: int = 800) -> str:
    """The URL of one file for a photo that cannot be given a srcset (a `<video>`'s poster): its srcset
    format (WebP) at the widest width up to `width`, else the photo's own URL."""
    fitting = [v for v in srcset_variants(photo) if v.width <= width]
    return fitting[-1].url if fitting else photo.url


def large_variant(photo: Photo) -> Variant | None:
    """The widest srcset variant: what JSON-LD and feeds show."""
    found = srcset_variants(photo)
    return found[-1] if found else None


def photo_output_paths(articles: Iterable[Article]) -> list[str]:
    """The paths `Photo.outputs` gives for every photo of `articles`, as one list read in a few passes
    (for the collision check). A photo's own URL is most often its fallback derivative: it is listed
    once. So a path is listed twice only if two photos claim it, or one photo claims it twice some
    other way; otherwise the list holds exactly the paths of every `Photo.outputs`."""
    photos = [photo for article in articles for photo in article.photos]
    paths = [variant.output for photo in photos for variant in photo.variants]
    paths += [photo.social.output for photo in photos if photo.social]
    paths += [photo.output for photo in photos if not photo.variants or photo.output != photo.variants[-1].output]
    return paths


def find_narrow_photos(articles, line_of) -> list[Problem]:
    """A warning for each photo narrower than the built-in theme's article column: it will look blurry
    (`line_of(path, needle)` finds a body line for photos the front matter does not list)."""
    found = []
    for article in articles:
        lines = {figure.photo.source: figure.line for figure in article.figures}
        for photo in article.photos:
            if photo.variants and photo.width < COLUMN_WIDTH and photo.frame is None:
                src = posixpath.relpath(photo.source, posixpath.dirname(article.path))
                line = lines.get(photo.source) or line_of(article.path, src)
                found.append(warning(article.path, line, "warn.photo_narrow", src=src, width=photo.width,
                                     column=COLUMN_WIDTH))
    return found
