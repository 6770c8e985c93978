"""Photos as readers get them: the derivatives `content/photos.py` planned, encoded once, memoized.

Encoding (`produce_photos`, before anything is written) decodes each photo once (JPEG at a reduced
scale when the largest derivative allows: Pillow's draft mode), applies the EXIF orientation, converts
colour profiles to sRGB, and writes every derivative without metadata (GPS never; copyright and
artist when `images.keep_metadata` says so). Bytes are memoized in `.bantin-cache/photos/` under the
derivative's name (which holds the source hash, the settings and `ENCODER`): a warm build encodes
nothing, and after it what no parsed article needs is deleted (`prune_photo_memo`). Work runs on
forked processes that die with the build, like parsing and rendering (`workers.process_pool`). A
photo that cannot be decoded is a `Problem` with the article's path and the photo's line, collected
with the others.

With `content/images.py` (which reads photos at parse time), the only module that uses Pillow.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import posixpath
import shutil
import time
import weakref
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field

from PIL import Image, ImageCms, ImageOps

from ..config import ImageSettings, SiteConfig
from ..content.cache import CACHE_DIR
from ..content.images import quiet_pillow  # importing it registers pillow-heif's HEIC opener
from ..content.videos import VideoError, read_frame
from ..content.workers import process_pool
from ..core.errors import Problem, error
from ..core.models import Article, Photo
from ..core.outputs import Output
from ..core.scratch import scratch_dir

_PIL_FORMAT = {"webp": "WEBP", "avif": "AVIF", "jpg": "JPEG", "png": "PNG"}
_COPYRIGHT, _ARTIST = 0x8298, 0x013B
_DERIVATIVE = "derivative:"
_CORE_EXIF = {"copyright": _COPYRIGHT, "artist": _ARTIST}

# -- encoding (before writing) -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Target:
    memo: str                   # absolute path of the memo file
    width: int
    height: int
    fmt: str                    # 'webp', 'avif', 'jpg', 'png'
    focus: tuple[float, float] | None   # a crop to the target's shape around this point, or None


@dataclass(frozen=True, slots=True)
class _Job:
    source: str                 # absolute path of the photo
    origin: str                 # the article
    line: int | None
    src: str
    targets: tuple[_Target, ...]
    frame: tuple[float, int, int] | None = None   # a video's poster: (seconds, width, height) of its frame


@dataclass
class DerivativeFiles:
    """Where each derivative's bytes are (by output path), and their sizes."""

    files: dict[str, str] = field(default_factory=dict)     # output path -> memo file
    sizes: dict[str, int] = field(default_factory=dict)     # output path -> bytes
    encoded: int = 0                                        # photos decoded this time

    def read(self, output: str) -> bytes:
        with open(self.files[output], "rb") as f:
            return f.read()


def memo_name(output: str) -> str:
    """A derivative's file in the memo: its output path hashed (the name holds the source's hash, the
    settings and `ENCODER`). Per article, like the outputs: two articles with the same photo encode it
    each, as Hugo's per-page resources do, so the benchmark compares like with like."""
    stem, ext = posixpath.splitext(output)
    return hashlib.blake2b(output.encode(), digest_size=16).hexdigest() + ext


def memo_dir(config: SiteConfig, cache: bool) -> str:
    """The memo folder: the site's, or without cache a temporary one named with this process
    (`core/scratch.py`: a killed build's is removed when bantin next starts)."""
    if cache:
        return str(config.site_dir / CACHE_DIR / "photos")
    return scratch_dir("photos")


def prune_photo_memo(folder: str, articles: Iterable[Article], produced: DerivativeFiles | None = None, *,
                     grace: float = 3600.0, now: float | None = None) -> int:
    """After a build: delete the memo files no parsed article needs any more (a photo replaced or
    removed, an article deleted or moved to another URL, other widths or quality in `site.yaml`) and
    the `.tmp` files of an encode that was killed, so the memo holds one set of derivatives per photo
    however long an archive lives. `articles` are every article parsed, drafts and future ones too:
    the preview shows them, and it must not encode them again after each build. A file written in the
    last `grace` seconds is kept (a preview beside the build may have just encoded a save the build
    did not see). `produced`: where `produce_photos` found the derivatives it was asked for, so their
    names are not hashed twice. The number of files deleted."""
    known = {output: os.path.basename(memo) for output, memo in produced.files.items()} if produced else {}
    keep = {known.get(output) or memo_name(output) for article in articles for photo in article.photos
            for output in photo.outputs}
    cutoff = (time.time() if now is None else now) - grace
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if entry.name in keep:
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass        # gone already, or not ours to delete: the next build tries again
    return removed


def produce_photos(config: SiteConfig, articles: Iterable[Article], workers: int = 1, cache: bool = True, *,
                   only: Container[str] | None = None, folder: str | None = None) -> tuple[DerivativeFiles, list[Problem]]:
    """Encode every derivative of `articles` missing from the memo; return where all of them are, and
    the problems. `only`: just the derivatives at these output paths (the one a browser asks the
    preview for: one target decodes a JPEG at a fraction of its size, a small part of the time all the
    derivatives of the photo take). `folder`: the memo folder, when the caller keeps one (a preview without
    cache); otherwise `memo_dir`'s, a temporary one living as long as the result without cache."""
    if folder is None:
        folder = memo_dir(config, cache)
        owned = not cache
    else:
        owned = False
    os.makedirs(folder, exist_ok=True)
    produced = DerivativeFiles()
    if owned:
        weakref.finalize(produced, shutil.rmtree, folder, True)
    jobs: dict[str, _Job] = {}
    settings = config.images
    for article in articles:
        lines = {figure.photo.source: figure.line for figure in article.figures}
        for photo in article.photos:
            targets = []
            for variant, focus in [(v, None) for v in photo.variants] + \
                    ([(photo.social, photo.focus or (0.5, 0.5))] if photo.social else []):
                if only is not None and variant.output not in only:
                    continue
                memo = os.path.join(folder, memo_name(variant.output))
                produced.files[variant.output] = memo
                try:
                    produced.sizes[variant.output] = os.stat(memo).st_size
                except FileNotFoundError:
                    targets.append(_Target(memo, variant.width, variant.height,
                                           variant.output.rsplit(".", 1)[1], focus))
            if targets and photo.source not in jobs:
                frame = (photo.frame, photo.width, photo.height) if photo.frame is not None else None
                jobs[photo.source] = _Job(str(config.site_dir / photo.source), article.path,
                                          lines.get(photo.source) or article.lines.get("videos" if frame else "images"),
                                          posixpath.basename(photo.source), tuple(targets), frame)
    problems, sizes = [], {}
    for job, result in zip(jobs.values(), _run(list(jobs.values()), settings, workers)):
        if isinstance(result, str):
            problems.append(error(job.origin, job.line, "image.damaged", src=job.src, reason=result))
            continue
        produced.encoded += 1
        sizes.update((target.memo, size) for target, size in zip(job.targets, result))
    for output, memo in produced.files.items():
        if output not in produced.sizes and memo in sizes:
            produced.sizes[output] = sizes[memo]
    return produced, problems


def _run(jobs: list[_Job], settings: ImageSettings, workers: int) -> list:
    if not jobs:
        return []
    if workers <= 1 or len(jobs) == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [encode_job(job, settings) for job in jobs]
    with process_pool(min(workers, len(jobs))) as pool:     # encoders die with the build (workers.py)
        return list(pool.map(encode_job, jobs, [settings] * len(jobs), chunksize=1))


def encode_job(job: _Job, settings: ImageSettings) -> list[int] | str:
    """Decode one photo once and write each target to its memo file; sizes, or a reason it failed."""
    try:
        if job.frame is not None:       # a video's poster: its frame, decoded by FFmpeg
            data = read_frame(job.source, *job.frame)
        else:
            with open(job.source, "rb") as f:
                data = f.read()
        return [len(blob) for blob in _encode(data, job.targets, settings, write=True)]
    except VideoError as exc:
        return exc.msg.render("en")
    except Image.DecompressionBombError:
        return "image too large"
    except (OSError, SyntaxError, ValueError, Image.UnidentifiedImageError, EOFError) as exc:
        reason = str(exc) or type(exc).__name__
        return "truncated" if "truncated" in reason else reason


def resize(data: bytes, width: int, height: int, fmt: str = "webp", settings: ImageSettings = ImageSettings(),
           focus: tuple[float, float] | None = None) -> bytes:
    """One derivative of `data` (for tests and theme tools): oriented, sRGB, no metadata."""
    return _encode(data, (_Target("", width, height, fmt, focus),), settings, write=False)[0]


@quiet_pillow
def _encode(data: bytes, targets: tuple[_Target, ...], settings: ImageSettings, write: bool) -> list[bytes]:
    with Image.open(io.BytesIO(data)) as opened:
        exif = opened.getexif()
        orientation = exif.get(0x0112, 1) if isinstance(exif.get(0x0112, 1), int) else 1
        kept = _kept_exif(exif, settings.keep_metadata)
        icc = opened.info.get("icc_profile")
        full_w, full_h = opened.size
        if orientation in (5, 6, 7, 8):
            full_w, full_h = full_h, full_w
        # the smallest decoded size every target can still be made from (displayed orientation)
        need_w = need_h = 1
        for t in targets:
            box = _crop_box(full_w, full_h, t) if t.focus else (0, 0, full_w, full_h)
            scale = max(t.width / (box[2] - box[0]), t.height / (box[3] - box[1]))
            need_w, need_h = max(need_w, round(full_w * scale)), max(need_h, round(full_h * scale))
        if opened.format == "JPEG":
            opened.draft("RGB", (need_h, need_w) if orientation in (5, 6, 7, 8) else (need_w, need_h))
        opened.load()
        im = ImageOps.exif_transpose(opened)
    alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
    mode = "RGBA" if alpha else "RGB"
    if icc:
        try:
            im = ImageCms.profileToProfile(im if im.mode in ("RGB", "RGBA", "CMYK", "L") else im.convert(mode),
                                           ImageCms.ImageCmsProfile(io.BytesIO(icc)), _SRGB,
                                           outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            im = im.convert(mode)
    if im.mode != mode:
        im = im.convert(mode)
    scale_w, scale_h = im.size[0] / full_w, im.size[1] / full_h
    out = []
    for t in targets:
        if t.focus:
            box = _crop_box(full_w, full_h, t)
            part = im.resize((t.width, t.height), Image.LANCZOS,
                             box=(box[0] * scale_w, box[1] * scale_h, box[2] * scale_w, box[3] * scale_h),
                             reducing_gap=3.0)
        else:
            part = im if im.size == (t.width, t.height) else \
                im.resize((t.width, t.height), Image.LANCZOS, reducing_gap=3.0)
        blob = _save(part, t.fmt, settings.quality, kept)
        if write:
            tmp = f"{t.memo}.{os.getpid()}.tmp"
            with open(tmp, "wb") as f:
                f.write(blob)
            os.replace(tmp, t.memo)
        out.append(blob)
    return out


_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _crop_box(width: int, height: int, t: _Target) -> tuple[float, float, float, float]:
    """The largest box of the target's shape inside the photo, centred on the focus as far as it can."""
    shape = t.width / t.height
    cw, ch = (width, width / shape) if width / height <= shape else (height * shape, height)
    fx, fy = t.focus or (0.5, 0.5)
    left = min(max(fx * width - cw / 2, 0), width - cw)
    top = min(max(fy * height - ch / 2, 0), height - ch)
    return left, top, left + cw, top + ch


def _kept_exif(exif: Image.Exif, keep: tuple[str, ...]) -> bytes:
    if not keep:
        return b""
    fresh = Image.Exif()
    for name in keep:
        value = exif.get(_CORE_EXIF[name])
        if isinstance(value, str) and value.strip():
            fresh[_CORE_EXIF[name]] = value
    return fresh.tobytes() if len(fresh) else b""


def _save(im: Image.Image, fmt: str, quality: int, exif: bytes) -> bytes:
    buf = io.BytesIO()
    options: dict = {"exif": exif} if exif else {}
    if fmt == "webp":
        im.save(buf, "WEBP", quality=quality, method=4, **options)
    elif fmt == "avif":
        im.save(buf, "AVIF", quality=quality, **options)
    elif fmt == "jpg":
        im.save(buf, "JPEG", quality=quality, optimize=True, progressive=True, subsampling="4:2:0", **options)
    else:
        im.save(buf, "PNG", optimize=False, compress_level=9, **options)
    return buf.getvalue()


def derivative_key(output: str) -> str:
    """The key a published derivative is known by: its name holds the source's hash and the settings."""
    return _DERIVATIVE + posixpath.basename(output)


def is_derivative_key(key: str) -> bool:
    return key.startswith(_DERIVATIVE)


def derivative_outputs(photo: Photo, produced: DerivativeFiles, is_current, origin: str) -> Iterator[Output]:
    """Each derivative of `photo`: its memo file, or nothing when the published file is current."""
    for variant in photo.derivatives:
        key = derivative_key(variant.output)
        if is_current(variant.output, key):
            yield Output(variant.output, None, origin, key)
        else:
            yield Output(variant.output, None, origin, key, file=produced.files[variant.output])

