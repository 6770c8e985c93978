"""Shared fixtures: throwaway sites written from a dict of files."""

from __future__ import annotations

import os
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bantin.build import BuildOptions, build
from bantin.config import load_config

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)

SITE_YAML = """\
title: Công an tỉnh Thử nghiệm
base_url: https://congan.example.vn
source: ĐTO
author: Phòng Tham mưu
sections:
  - {name: Xây dựng lực lượng, slug: xay-dung-luc-luong}
  - {name: An toàn giao thông, slug: an-toan-giao-thong}
  - {name: Phòng chống tội phạm, slug: phong-chong-toi-pham}
"""


def article(title: str = "Sơ kết 2 năm xây dựng lực lượng Công an xã", date: str = "27/09/2024 11:41:48",
            body: str = "Sáng ngày 27/9, Công an tỉnh tổ chức hội nghị.\n", **fields: str) -> str:
    """Front matter + body of a minimal valid article; extra fields are YAML lines as given."""
    lines = [f"title: {title}", f"date: {date}"] + [f"{k}: {v}" for k, v in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def make_site(tmp_path: Path, files: dict[str, str | bytes], site_yaml: str = SITE_YAML) -> Path:
    """Write a site: `site.yaml` plus `files` (paths relative to the site; str is UTF-8 text)."""
    site = tmp_path / "site"
    site.mkdir(parents=True, exist_ok=True)
    (site / "site.yaml").write_text(textwrap.dedent(site_yaml), encoding="utf-8")
    for rel, data in files.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return site


def jpeg(width: int = 800, height: int = 600, color: str = "red") -> bytes:
    """A plain photo as wide as the article column (a narrower one is a warning in check)."""
    import io

    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, "JPEG")
    return buf.getvalue()


def build_site_dir(site: Path, **options) -> object:
    options.setdefault("now", NOW)
    return build(load_config(site), BuildOptions(**options))


@pytest.fixture
def site_factory(tmp_path):
    return lambda files, site_yaml=SITE_YAML: make_site(tmp_path, files, site_yaml)


def run_cli(*args: str, env: dict[str, str] | None = None):
    """Run the `bantin` command in-process; returns click's Result (exit_code, stdout, stderr)."""
    from click.testing import CliRunner

    from bantin.cli import main
    return CliRunner().invoke(main, list(args), env=env or {"BANTIN_LANG": ""}, catch_exceptions=False)


def jpeg_with_damaged_exif() -> bytes:
    """A JPEG whose EXIF claims a 1 000 000-byte description (Pillow warns 'Tag data larger than file')."""
    import struct
    tiff = (b"MM\x00\x2a" + struct.pack(">IH", 8, 1) + struct.pack(">HHII", 0x010E, 2, 10**6, 26)
            + struct.pack(">I", 0) + b"abc\x00")
    app1 = b"Exif\x00\x00" + tiff
    data = jpeg()
    return data[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + data[2:]


@pytest.hookimpl(tryfirst=True)      # before `-m` selects by marker
def pytest_collection_modifyitems(items):
    """A test that uses the Chromium fixture is a browser test, wherever it is."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def tree(root: Path, *, hidden: bool = True) -> dict[str, bytes]:
    """Every file below `root` by relative path, with its bytes (`hidden` False: not the dot files)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and (hidden or not p.name.startswith("."))}


# --- processes ------------------------------------------------------------------------------------

def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != b"Z":
                found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def big_site(tmp_path: Path, count: int = 400) -> Path:
    files = {}
    for i in range(count):
        month, day = 1 + i % 12, 1 + i % 28
        files[f"content/2024/{month:02d}/bai-{i}/index.md"] = article(
            title=f"Hội nghị số {i} của Công an tỉnh", date=f"{day:02d}/{month:02d}/2024 08:{i % 60:02d}",
            category="An toàn giao thông" if i % 2 else "Xây dựng lực lượng",
            body=f"Sáng ngày {day}/{month}, Công an tỉnh tổ chức hội nghị số {i}.\n\n" + "Nội dung. " * 40 + "\n")
    return make_site(tmp_path, files)


# --- the browser: Debian's Chromium through Playwright ---------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing_browser()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run on CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


# -- documents and video (issue 28) ---------------------------------------------------------------

def pdf(pages: int = 2, **info: str) -> bytes:
    """A PDF of blank A4 pages, with document information (`Author='...'`) when given."""
    import io

    from pypdf import PdfWriter
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if info:
        writer.add_metadata({f"/{key}": value for key, value in info.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_CLIPS: dict[tuple, bytes] = {}


def clip(width: int = 320, height: int = 180, seconds: float = 2, color: str = "blue", codec: str = "libx264",
         rotate: int = 0, container: str = "mp4") -> bytes:
    """A small H.264 MP4 (or WebM) clip of a coloured test pattern, made once per session by the FFmpeg
    bantin uses."""
    key = (width, height, seconds, color, codec, rotate, container)
    if key not in _CLIPS:
        import subprocess
        import tempfile

        import imageio_ffmpeg
        with tempfile.TemporaryDirectory() as tmp:
            out = f"{tmp}/clip.{container}"
            rotation = ["-display_rotation", str(rotate)] if rotate else []
            pattern = f"testsrc2=size={width}x{height}:rate=10:duration={seconds}"
            first = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                     f"{pattern},drawbox=c={color}:t=8", "-c:v", codec, "-pix_fmt", "yuv420p", "-threads", "1",
                     "-fflags", "+bitexact", "-map_metadata", "-1", f"{tmp}/plain.{container}"]
            subprocess.run(first, check=True)
            if rotate:
                subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-nostdin", "-y", *rotation,
                                "-i", f"{tmp}/plain.{container}", "-c", "copy", out], check=True)
            else:
                out = f"{tmp}/plain.{container}"
            with open(out, "rb") as handle:
                _CLIPS[key] = handle.read()
    return _CLIPS[key]


VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nLực lượng Cảnh sát giao thông ra quân.\n"
