"""Video files of an article: what the browser will be given, read by FFmpeg; and their captions.

The only module that runs FFmpeg (the static build shipped in the `imageio-ffmpeg` wheel, so every
machine has the same one and nothing is installed beside Python) and reads WebVTT (`webvtt-py`).
FFmpeg runs as a separate process, without a shell, with a time limit and, where the system allows
it, a memory limit: a damaged or hostile file costs at most that, and is then a problem with its
line, never a hung build.

- `probe_video` reads the container's header: the codec, the size as shown (rotation and pixel
  shape applied), the duration. Browsers play H.264, VP8, VP9 and AV1 in MP4 or WebM; HEVC only
  on some devices (a warning); any other codec cannot be played by a web page (an error).
- `read_frame` decodes one frame as a PPM image (for the poster, when the editor gives none),
  converted to RGB bit-exactly, so the same file gives the same poster on every machine.
- `check_captions` accepts a WebVTT file with at least one cue.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
import webvtt

from ..core.messages import Msg

PROBE_SECONDS = 60          # FFmpeg's time to read a header (a slow disk, a busy machine)
FRAME_SECONDS = 120         # ... to decode one frame of a 4K clip
MEMORY_LIMIT = 2 * 1024 ** 3    # bytes of address space FFmpeg may take
MAX_VIDEO_BYTES = 512 * 1024 * 1024     # refused above: published from memory, and nobody downloads it
LARGE_VIDEO_BYTES = 50 * 1024 * 1024    # warned above: see `warn.video_large`
MAX_CAPTIONS_BYTES = 2 * 1024 * 1024
EXTENSIONS = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm"}
PLAYABLE = frozenset({"h264", "vp8", "vp9", "av1"})
SOME_BROWSERS = frozenset({"hevc"})
_CONTAINERS = {"video/mp4": "mp4", "video/webm": "webm"}
_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_STREAM = re.compile(r"Stream #\d+:\d+[^:]*: Video: ([a-z0-9_]+)[^\n]*?, (\d{1,5})x(\d{1,5})(?: \[SAR (\d+):(\d+))?")
_ROTATION = re.compile(r"(?:display ?matrix): rotation of (-?[\d.]+) degrees", re.IGNORECASE)
_INPUT = re.compile(r"Input #0, ([a-z0-9_,]+), from")


@dataclass(frozen=True, slots=True)
class VideoInfo:
    """A video file as a browser shows it."""

    codec: str
    width: int                  # as shown: rotation and pixel aspect applied
    height: int
    duration: float | None      # seconds
    digest: bytes               # SHA-256 of the file: the poster's name changes with it


class VideoError(Exception):
    """A video refused or unreadable; `msg` says why, in the catalog's words."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg.key)
        self.msg = msg


def container_of(head: bytes) -> str | None:
    """'mp4' or 'webm' from a file's first bytes, else None."""
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    return None


def probe_video(path: Path, src: str) -> VideoInfo:
    """The codec, displayed size and duration of the video file at `path` (named `src` in
    messages); raises `VideoError`."""
    with open(path, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").digest()
    text = _run([_exe(), "-hide_banner", "-nostdin", "-i", str(path)], PROBE_SECONDS, src)[1]
    stream = _STREAM.search(text)
    if stream is None or _INPUT.search(text) is None:
        raise VideoError(Msg.of("video.unreadable", src=src, reason=_last_line(text)))
    codec, width, height = stream.group(1), int(stream.group(2)), int(stream.group(3))
    if stream.group(4) and int(stream.group(5)) and int(stream.group(4)) != int(stream.group(5)):
        width = max(1, round(width * int(stream.group(4)) / int(stream.group(5))))
    rotation = _ROTATION.search(text[stream.start():])
    if rotation and round(abs(float(rotation.group(1)))) % 180 == 90:
        width, height = height, width
    found = _DURATION.search(text)
    duration = int(found.group(1)) * 3600 + int(found.group(2)) * 60 + float(found.group(3)) if found else None
    return VideoInfo(codec, width, height, duration, digest)


def read_frame(path: str, at: float, width: int, height: int) -> bytes:
    """One frame `at` seconds into the video, as a PPM image of `width`x`height` pixels (the size
    `probe_video` gave); the first frame when the video is shorter. Raises `VideoError`."""
    scale = f"scale={width}:{height}:flags=bitexact+accurate_rnd+full_chroma_int,setsar=1,format=rgb24"
    for start in dict.fromkeys((max(0.0, at), 0.0)):
        args = [_exe(), "-hide_banner", "-nostdin", "-v", "error", "-threads", "1", "-ss", f"{start:.3f}",
                "-i", path, "-map", "0:v:0", "-frames:v", "1", "-an", "-sn", "-dn", "-vf", scale,
                "-f", "image2pipe", "-c:v", "ppm", "-fflags", "+bitexact", "pipe:1"]
        data = _run(args, FRAME_SECONDS, os.path.basename(path))[0]
        if data.startswith(b"P6"):
            return data
    raise VideoError(Msg.of("video.unreadable", src=os.path.basename(path), reason="no frame"))


def poster_time(duration: float | None) -> float:
    """Where the poster is taken: a tenth into the clip (past a fade from black), at most 5 s in."""
    return round(min(duration / 10, 5.0), 3) if duration else 0.0


def check_captions(data: bytes, src: str) -> Msg | None:
    """Why `data` (the file named `src`) is not a WebVTT file browsers will show, or None."""
    if len(data) > MAX_CAPTIONS_BYTES:
        return Msg.of("video.captions_invalid", src=src, reason=Msg.of("video.captions.too_large"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Msg.of("video.captions_encoding", src=src)
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        return Msg.of("video.captions_invalid", src=src, reason=Msg.of("video.captions.no_header"))
    try:
        captions = webvtt.from_buffer(io.StringIO(text)).captions
    except Exception as exc:  # noqa: BLE001 - webvtt-py raises several kinds on malformed text
        return Msg.of("video.captions_invalid", src=src, reason=str(exc)[:80] or type(exc).__name__)
    if not captions:
        return Msg.of("video.captions_invalid", src=src, reason=Msg.of("video.captions.no_cue"))
    return None


def _exe() -> str:
    try:
        return imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError as exc:     # no binary for this platform, and IMAGEIO_FFMPEG_EXE unset
        raise VideoError(Msg.of("video.no_ffmpeg")) from exc


def _limit_memory() -> None:        # runs in the child, before FFmpeg starts
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(args: list[str], seconds: float, src: str) -> tuple[bytes, str]:
    """FFmpeg's output and its messages; killed past `seconds`."""
    limit = _limit_memory if os.name == "posix" and hasattr(os, "fork") and _has_rlimit() else None
    try:
        done = subprocess.run(args, capture_output=True, timeout=seconds, preexec_fn=limit, check=False)
    except subprocess.TimeoutExpired as exc:
        raise VideoError(Msg.of("video.too_slow", src=src, seconds=int(seconds))) from exc
    except OSError as exc:
        raise VideoError(Msg.of("video.no_ffmpeg")) from exc
    return done.stdout, done.stderr.decode("utf-8", "replace")


def _has_rlimit() -> bool:
    try:
        import resource
    except ImportError:         # pragma: no cover - not POSIX
        return False
    return hasattr(resource, "RLIMIT_AS")


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[-1] if lines else "?")[:120]
