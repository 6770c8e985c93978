#!/usr/bin/env python3
"""Generate the document, clip and poster of the demo article with a document and videos.

- ``ra-quan.mp4``: an 8-second 640x360 H.264 clip, a slow pan and zoom over two demo photos of a
  traffic patrol (``content/2023/12/ra-quan-cao-diem-tet-giap-thin/``) with a cross-fade, made by
  the FFmpeg that bantin itself uses (imageio-ffmpeg), one thread, bit-exact flags, no metadata;
- ``thong-bao-15-tb-cat.pdf``: a two-page notice drawn with Pillow (a scanned document, as press
  offices receive them), with an author in its metadata: bantin removes it when it publishes;
- ``phong-su.jpg``: the poster of the YouTube video, cropped from a demo photo;
- ``ke-hoach.pdf`` of the example article that ``bantin init`` writes (``src/bantin/scaffold/``): the
  notice's first page, smaller, so the package stays small.

Everything is deterministic: no timestamps, fixed encoder settings, so rerunning the script gives
byte-identical files (for a given FFmpeg, Pillow and FreeType build).

Usage:  python3 tools/make_demo_media.py [--check]
        --check  only verify that the files on disk match what would be made
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

import imageio_ffmpeg
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "content/2025/12/phan-luong-giao-thong-le-hoi-hoa-xuan"
PHOTOS = ROOT / "content/2023/12/ra-quan-cao-diem-tet-giap-thin"
SCAFFOLD = ROOT / "src/bantin/scaffold/content/2024/09/ra-quan-bao-dam-trat-tu-giao-thong-mua-khai-giang"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
DPI = 100
PAGE = (827, 1169)          # A4 at 100 dpi

NOTICE = [
    ("CÔNG AN TỈNH ĐỒNG THẠNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("PHÒNG CẢNH SÁT GIAO THÔNG", "Độc lập - Tự do - Hạnh phúc"),
    ("Số: 15/TB-CAT", "Sa Giang, ngày 18 tháng 12 năm 2025"),
]
BODY = [
    "THÔNG BÁO",
    "Về việc phân luồng, tổ chức giao thông phục vụ Lễ hội Hoa Xuân 2026",
    "",
    "Để bảo đảm trật tự, an toàn giao thông phục vụ Lễ hội Hoa Xuân tại",
    "quảng trường thành phố Sa Giang, Phòng Cảnh sát giao thông thông báo",
    "phương án phân luồng như sau:",
    "",
    "1. Thời gian: từ 06 giờ 00 ngày 20/01/2026 đến 22 giờ 00 ngày 28/01/2026.",
    "2. Cấm các loại xe ô tô đi vào đường Nguyễn Huệ, đoạn từ ngã tư",
    "   Lê Lợi đến bờ sông; xe mô tô, xe gắn máy đi theo hướng dẫn",
    "   của lực lượng làm nhiệm vụ.",
    "3. Xe từ Quốc lộ 30 đi trung tâm thành phố rẽ phải vào đường",
    "   Phạm Hữu Lầu, đi Tỉnh lộ 912 rồi vào đường Hùng Vương.",
    "4. Bố trí điểm giữ xe miễn phí tại sân vận động tỉnh và Nhà văn hóa",
    "   thiếu nhi.",
]
BODY_2 = [
    "5. Lực lượng Cảnh sát giao thông, Cảnh sát trật tự và Công an",
    "   phường Sa Giang bố trí các tổ công tác tại 12 nút giao, hướng dẫn",
    "   người tham gia giao thông và xử lý vi phạm.",
    "",
    "Phòng Cảnh sát giao thông đề nghị người dân, du khách chấp hành",
    "nghiêm sự hướng dẫn của lực lượng làm nhiệm vụ và các biển báo",
    "tạm thời trên tuyến. Mọi thông tin xin liên hệ đường dây nóng 113",
    "hoặc số điện thoại 0277.3851.xxx.",
    "",
    "Trân trọng thông báo./.",
    "",
    "                                              TRƯỞNG PHÒNG",
    "",
    "",
    "                                          Thượng tá Đặng Văn Lực",
]


def make_clip(out: Path) -> bytes:
    """Two photos, each panned and zoomed for 4.5 s, cross-faded: 8 s at 25 frames per second."""
    first, second = PHOTOS / "ra-quan-tet.jpg", PHOTOS / "kiem-tra-nong-do-con.jpg"
    zoom = ("scale=1280:-2,zoompan=z='min(zoom+0.0012,1.15)':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)'"
            ":d=113:s=640x360:fps=25,trim=duration=4.5,setpts=PTS-STARTPTS")
    graph = f"[0:v]{zoom}[a];[1:v]{zoom}[b];[a][b]xfade=transition=fade:duration=1:offset=3.5,format=yuv420p[v]"
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "clip.mp4"
        subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-v", "error", "-nostdin", "-y",
                        "-loop", "1", "-i", str(first), "-loop", "1", "-i", str(second), "-filter_complex", graph,
                        "-map", "[v]", "-t", "8", "-c:v", "libx264", "-preset", "slow", "-crf", "30",
                        "-profile:v", "high", "-threads", "1", "-x264-params", "threads=1:lookahead-threads=1",
                        "-movflags", "+faststart", "-fflags", "+bitexact", "-flags:v", "+bitexact",
                        "-map_metadata", "-1", "-sws_flags", "bitexact+accurate_rnd+full_chroma_int",
                        str(target)], check=True)
        return target.read_bytes()


def _page(lines: list[str], header: bool) -> Image.Image:
    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    regular, bold = ImageFont.truetype(FONT, 17), ImageFont.truetype(FONT_BOLD, 17)
    small, small_bold = ImageFont.truetype(FONT, 13), ImageFont.truetype(FONT_BOLD, 13)
    y = 70
    if header:
        for left, right in NOTICE:
            draw.text((60, y), left, font=small_bold if y < 110 else small, fill=20)
            draw.text((PAGE[0] - 60, y), right, font=small_bold if y < 110 else small, fill=20, anchor="ra")
            y += 26
        y += 40
    for number, line in enumerate(lines):
        font = bold if header and number < 2 else regular
        x = PAGE[0] // 2 if header and number < 2 else 90
        draw.text((x, y), line, font=font, fill=15, anchor="ma" if header and number < 2 else "la")
        y += 32
    return page


def make_notice() -> bytes:
    """The notice as a two-page scanned PDF, its author in the metadata."""
    out = io.BytesIO()
    first, second = _page(BODY, True), _page(BODY_2, False)
    first.save(out, "PDF", resolution=DPI, save_all=True, append_images=[second], quality=60,
               title="Microsoft Word - TB 15 phan luong.docx", author="Nguyen Van An",
               creator="Microsoft Word", producer="Microsoft: Print To PDF",
               creationDate=None, modDate=None)
    return out.getvalue()


def make_scaffold_notice() -> bytes:
    """The notice's first page at 60 dpi, for the example article of a new site."""
    out = io.BytesIO()
    page = _page(BODY, True)
    page.resize((page.width * 6 // 10, page.height * 6 // 10), Image.LANCZOS).save(
        out, "PDF", resolution=60, quality=50, title="Ke hoach 120", author="Nguyen Van An",
        creationDate=None, modDate=None)
    return out.getvalue()


def make_poster() -> bytes:
    """A 1280x720 crop of a demo photo, for the YouTube video's facade."""
    with Image.open(PHOTOS / "kiem-tra-nong-do-con.jpg") as photo:
        width, height = photo.size
        crop = photo.convert("RGB").crop((0, (height - width * 9 // 16) // 2, width,
                                          (height - width * 9 // 16) // 2 + width * 9 // 16))
        out = io.BytesIO()
        crop.resize((1280, 720), Image.LANCZOS).save(out, "JPEG", quality=80, optimize=True)
        return out.getvalue()


def main(check: bool) -> int:
    wanted = {ARTICLE / "ra-quan.mp4": make_clip, ARTICLE / "thong-bao-15-tb-cat.pdf": make_notice,
              ARTICLE / "phong-su.jpg": make_poster, SCAFFOLD / "ke-hoach.pdf": make_scaffold_notice}
    stale = []
    for path, make in wanted.items():
        name = path.name
        data = make(path) if make is make_clip else make()
        if check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path.relative_to(ROOT)}: {len(data)} bytes")
    if stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
