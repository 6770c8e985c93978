#!/usr/bin/env python3
"""Generate the illustrative photos of the bantin demo site.

The script walks ``content/**/index.md``, reads the ``images:`` list of each
article bundle and draws every listed JPEG next to its ``index.md``: a simple
abstract scene (hall, road, flag yard, village, fire drill, night patrol or an
evidence table) chosen from the file name and the article section, with a
caption-like label carrying the article title.

Everything is deterministic: each photo uses a random generator seeded from
its path inside ``content/``, no timestamps are written, so rerunning the
script produces byte-identical files (for a given Pillow/FreeType build).

Two photos also carry EXIF with a camera Make/Model and a GPS IFD (tag
0x8825) pointing at a fictional place. The generator must strip that GPS
data when it publishes the images; these two files are the demo's proof.

Usage:  python3 tools/make_demo_photos.py [--check]
        --check  only verify that the files on disk match what would be drawn
"""

from __future__ import annotations

import io
import math
import random
import re
import sys
import zlib
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from PIL.ExifTags import GPS, IFD, Base
from PIL.TiffImagePlugin import IFDRational

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
W, H = 1200, 800
QUALITY = 80
MAX_BYTES = 150 * 1024
MAX_TOTAL = 3 * 1024 * 1024

FONT_DIRS = [
    "/usr/share/fonts/truetype/noto/NotoSans-{w}.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans{w2}.ttf",
    "/usr/share/fonts/noto/NotoSans-{w}.ttf",
    "/usr/share/fonts/TTF/DejaVuSans{w2}.ttf",
]

# Photos that keep camera EXIF with GPS coordinates (relative to content/).
# The coordinates are those of made-up places of the fictional province.
GPS_PHOTOS = {
    "2023/08/ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc-my-loi-dong/ngay-hoi.jpg": {
        "place": "Sân vận động xã Mỹ Lợi Đông (địa danh giả định)",
        "lat": (10, 27, 18.36), "lat_ref": "N",
        "lon": (105, 38, 41.52), "lon_ref": "E",
        "altitude": 3.0,
        "make": "Canon", "model": "Canon EOS 90D",
        "taken": "2023:08:19 07:42:10",
    },
    "2024/04/dien-tap-chua-chay-khu-dan-cu/dien-tap.jpg": {
        "place": "Khu nhà trọ phường An Khánh, thành phố Sa Giang (địa danh giả định)",
        "lat": (10, 17, 52.08), "lat_ref": "N",
        "lon": (105, 45, 9.6), "lon_ref": "E",
        "altitude": 2.0,
        "make": "SONY", "model": "ILCE-7M3",
        "taken": "2024:04:18 08:15:33",
    },
}

SECTION_SCENES = {
    "Xây dựng lực lượng": "hall",
    "An toàn giao thông": "road",
    "Phòng chống tội phạm": "night",
    "An ninh trật tự": "village",
    "Thi đua khen thưởng": "hall",
}

# First matching keyword (in the file name) decides the scene.
KEYWORD_SCENES = [
    (("tang-vat",), "evidence"),
    (("chay", "dien-tap", "pccc"), "fire"),
    (("tuan-tra-tet", "truc-ban", "nong-do-con", "xa-tuan-tra"), "night"),
    (("chao-co", "dieu-hanh", "ra-quan", "don-nhan-co"), "flag"),
    (("tuyen-truyen", "mu-bao-hiem", "giao-thong", "tuan-tra"), "road"),
    (("ngay-hoi", "van-nghe", "trao-qua", "sua-duong", "to-bao-ve"), "village"),
    (("hoi-nghi", "tong-ket", "so-ket", "trao", "le-", "cong-bo", "luu-niem"), "hall"),
]

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


# --------------------------------------------------------------------------
# small drawing helpers

def font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    w = "Bold" if bold else "Regular"
    w2 = "-Bold" if bold else ""
    for pattern in FONT_DIRS:
        path = Path(pattern.format(w=w, w2=w2))
        if path.exists():
            return ImageFont.truetype(str(path), size)
    try:
        return ImageFont.load_default(size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def mix(a, b, t):
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


def jitter(c, rng, amount=12):
    return tuple(max(0, min(255, v + rng.randint(-amount, amount))) for v in c)


def vgradient(draw, box, top, bottom):
    x0, y0, x1, y1 = box
    n = max(1, y1 - y0)
    for i in range(n):
        draw.line([(x0, y0 + i), (x1, y0 + i)], fill=mix(top, bottom, i / n))


def star(draw, cx, cy, r, fill, rot=-90):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.382
        a = math.radians(rot + i * 36)
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    draw.polygon(pts, fill=fill)


def glow(img, spots, radius):
    """spots: list of (x, y, r, (r,g,b,a)) drawn as soft blurred discs.

    Only the alpha mask is blurred (per colour), so no dark fringes appear.
    """
    by_colour = {}
    for x, y, r, c in spots:
        by_colour.setdefault(tuple(c), []).append((x, y, r))
    for c, discs in by_colour.items():
        mask = Image.new("L", img.size, 0)
        d = ImageDraw.Draw(mask)
        for x, y, r in discs:
            d.ellipse([x - r, y - r, x + r, y + r], fill=c[3])
        mask = mask.filter(ImageFilter.GaussianBlur(radius))
        layer = Image.new("RGBA", img.size, c[:3] + (0,))
        layer.putalpha(mask)
        img.alpha_composite(layer)


def clouds(img, rng, n, ymin, ymax):
    mask = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(mask)
    for _ in range(n):
        cx, cy = rng.randint(-50, W + 50), rng.randint(ymin, ymax)
        s = rng.uniform(0.6, 1.3)
        for _ in range(6):
            ox, oy = rng.uniform(-90, 90) * s, rng.uniform(-12, 8) * s
            rx, ry = rng.uniform(40, 70) * s, rng.uniform(22, 36) * s
            d.ellipse([cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry], fill=215)
        d.rectangle([cx - 110 * s, cy, cx + 110 * s, cy + 22 * s], fill=215)
    mask = mask.filter(ImageFilter.GaussianBlur(5))
    layer = Image.new("RGBA", img.size, (255, 255, 255, 0))
    layer.putalpha(mask)
    img.alpha_composite(layer)


def person(d, x, y, h, shirt, pants=(45, 55, 45), cap=None, skin=(214, 170, 130),
           hair=(30, 25, 25)):
    """A simple standing figure with its feet at (x, y) and height h."""
    hr = h * 0.09
    hy = y - h + hr
    bw = h * 0.15
    d.rectangle([x - bw * 0.75, y - h * 0.45, x + bw * 0.75, y], fill=pants)
    d.rounded_rectangle([x - bw, y - h * 0.78, x + bw, y - h * 0.40],
                        radius=max(1, int(bw * 0.5)), fill=shirt)
    d.ellipse([x - hr, hy - hr, x + hr, hy + hr], fill=skin)
    if cap:
        d.chord([x - hr * 1.15, hy - hr * 1.25, x + hr * 1.15, hy + hr * 0.6],
                180, 360, fill=cap)
        d.rectangle([x - hr * 1.3, hy - hr * 0.4, x + hr * 1.3, hy - hr * 0.15], fill=cap)
    else:
        d.chord([x - hr, hy - hr, x + hr, hy + hr * 0.4], 180, 360, fill=hair)


def seated(d, x, y, s, shirt, hair=(28, 24, 22)):
    """Back view of a seated person: shoulders and head, base at (x, y)."""
    d.rounded_rectangle([x - s * 0.55, y - s * 0.7, x + s * 0.55, y],
                        radius=int(s * 0.3), fill=shirt)
    d.ellipse([x - s * 0.27, y - s * 1.2, x + s * 0.27, y - s * 0.62], fill=hair)


def motorbike(d, x, y, s, body, rider, helmet, facing=1):
    r = s * 0.22
    for wx in (x - s * 0.45, x + s * 0.45):
        d.ellipse([wx - r, y - r, wx + r, y + r], fill=(30, 30, 34))
        d.ellipse([wx - r * 0.45, y - r * 0.45, wx + r * 0.45, y + r * 0.45],
                  fill=(150, 150, 155))
    f = facing
    d.polygon([(x - s * 0.55 * f, y - s * 0.1), (x - s * 0.2 * f, y - s * 0.45),
               (x + s * 0.35 * f, y - s * 0.42), (x + s * 0.6 * f, y - s * 0.15),
               (x + s * 0.2 * f, y - s * 0.05)], fill=body)
    person(d, x - s * 0.05 * f, y - s * 0.25, s * 0.85, rider, pants=(40, 44, 60),
           cap=helmet)


def cone(d, x, y, s):
    d.polygon([(x - s * 0.3, y), (x, y - s), (x + s * 0.3, y)], fill=(240, 110, 30))
    d.polygon([(x - s * 0.18, y - s * 0.4), (x - s * 0.1, y - s * 0.65),
               (x + s * 0.1, y - s * 0.65), (x + s * 0.18, y - s * 0.4)],
              fill=(245, 245, 240))
    d.rectangle([x - s * 0.42, y - s * 0.06, x + s * 0.42, y], fill=(200, 80, 20))


def flag(d, x, y, w, h, rng, phase=0.0):
    """Red flag with a yellow star whose hoist is at (x, y)."""
    top, bottom = [], []
    steps = 24
    for i in range(steps + 1):
        t = i / steps
        dy = math.sin(t * 5.2 + phase) * h * 0.07 * t
        top.append((x + w * t, y + dy))
        bottom.append((x + w * t, y + h + dy))
    d.polygon(top + bottom[::-1], fill=(218, 37, 29))
    cx = x + w / 2
    cy = y + h / 2 + math.sin(0.5 * 5.2 + phase) * h * 0.07 * 0.5
    star(d, cx, cy, h * 0.3, (255, 222, 0))


def palm(d, x, y, h, rng):
    lean = rng.uniform(-0.25, 0.25) * h
    trunk = [(x + lean * (t / 10) ** 2, y - h * t / 10) for t in range(11)]
    d.line(trunk, fill=(110, 85, 60), width=max(2, int(h * 0.05)))
    tx, ty = trunk[-1]
    for k in range(8):
        a = math.radians(k * 45 + rng.uniform(-15, 15))
        pts = []
        for j in range(8):
            t = j / 7
            pts.append((tx + math.cos(a) * h * 0.35 * t,
                        ty + math.sin(a) * h * 0.2 * t + h * 0.12 * t * t))
        d.line(pts, fill=(46, 120, 60), width=max(2, int(h * 0.035)))


def trees(d, y, rng, colors=((60, 125, 70), (48, 110, 62), (75, 140, 80))):
    x = -40
    while x < W + 40:
        r = rng.randint(24, 52)
        d.ellipse([x - r, y - r * 1.4, x + r, y + r * 0.3], fill=rng.choice(colors))
        x += rng.randint(25, 55)


# --------------------------------------------------------------------------
# scenes: each draws on an RGBA image of size W x H

def scene_hall(img, rng):
    d = ImageDraw.Draw(img)
    wall_top = jitter((236, 224, 200), rng, 8)
    vgradient(d, (0, 0, W, 470), wall_top, mix(wall_top, (150, 120, 90), 0.45))
    # ceiling lights
    glow(img, [(x, 28, 18, (255, 250, 225, 230)) for x in range(100, W, 200)], 10)
    d = ImageDraw.Draw(img)
    # side banners
    for x in (40, 1090):
        d.rectangle([x, 70, x + 70, 420], fill=(190, 30, 35))
        star(d, x + 35, 120, 22, (255, 215, 0))
    # backdrop
    bx0, by0, bx1, by1 = 170, 70, 1030, 400
    red = rng.random() < 0.7
    if red:
        vgradient(d, (bx0, by0, bx1, by1), (196, 30, 36), (150, 20, 28))
    else:
        vgradient(d, (bx0, by0, bx1, by1), (30, 80, 160), (20, 50, 115))
    d.rectangle([bx0, by0, bx1, by1], outline=(235, 190, 70), width=5)
    if not red:  # emblem-like disc on the blue backdrop
        d.ellipse([200, 135, 380, 315], fill=(235, 190, 70))
        d.ellipse([212, 147, 368, 303], fill=(200, 35, 40))
        star(d, 290, 225, 62, (255, 216, 0))
    else:
        star(d, 290, 225, 85, (255, 216, 0))
    for i, wfrac in enumerate((0.95, 0.75, 0.88, 0.55)):
        y = 130 + i * 52
        ww = (bx1 - 420) * wfrac
        d.rounded_rectangle([410, y, 410 + ww, y + 22 + (6 if i == 1 else 0)],
                            radius=10, fill=(250, 225, 120) if i != 1 else (255, 245, 210))
    # stage
    d.rectangle([0, 400, W, 470], fill=(136, 86, 44))
    d.rectangle([0, 462, W, 476], fill=(96, 58, 28))
    for x in range(10, W, 22):
        c = rng.choice([(230, 60, 70), (250, 200, 40), (250, 140, 40), (240, 240, 230)])
        d.ellipse([x, 448 + rng.randint(-4, 4), x + 18, 466], fill=c)
        d.ellipse([x + 4, 458, x + 16, 470], fill=(60, 120, 50))
    # presidium table (people seated behind it) and podium with a speaker
    for x in range(370, 740, 70):
        person(d, x, 430, 120, shirt=jitter((82, 100, 66), rng, 5))
    d.rectangle([330, 350, 760, 440], fill=(232, 234, 238))
    d.rectangle([330, 350, 760, 362], fill=(40, 90, 160))
    for x in range(390, 740, 70):
        d.ellipse([x - 14, 330, x + 14, 352], fill=(60, 140, 70))
    person(d, 880, 400, 150, shirt=(82, 100, 66), cap=(82, 100, 66))
    d.polygon([(830, 300), (930, 300), (915, 440), (845, 440)], fill=(120, 70, 35))
    star(d, 880, 345, 16, (255, 216, 0))
    # floor and audience
    vgradient(d, (0, 476, W, H), (150, 40, 40), (105, 25, 28))
    shirts = [(82, 100, 66), (88, 108, 72), (70, 90, 60), (160, 185, 215), (225, 225, 220)]
    row = 0
    y = 540
    while y < H + 60:
        s = 22 + row * 12
        x = rng.uniform(-s, s)
        while x < W + s:
            if rng.random() < 0.8:
                seated(d, x, y, s, rng.choice(shirts))
            x += s * 1.6
        y += s * 1.25
        row += 1


def scene_road(img, rng):
    d = ImageDraw.Draw(img)
    horizon = 370
    vgradient(d, (0, 0, W, horizon), (120, 180, 235), (250, 232, 205))
    glow(img, [(rng.randint(150, 1050), 110, 55, (255, 245, 210, 255))], 30)
    d = ImageDraw.Draw(img)
    trees(d, horizon + 10, rng)
    vgradient(d, (0, horizon, W, H), (120, 170, 90), (70, 130, 60))
    for _ in range(5):
        palm(d, rng.choice([rng.randint(30, 300), rng.randint(900, 1170)]),
             horizon + rng.randint(40, 120), rng.randint(160, 260), rng)
    vx = 600 + rng.randint(-40, 40)
    d.polygon([(vx - 30, horizon), (vx + 30, horizon), (1160, H), (40, H)],
              fill=(88, 90, 96))
    d.line([(vx - 28, horizon), (70, H)], fill=(240, 240, 235), width=6)
    d.line([(vx + 28, horizon), (1130, H)], fill=(240, 240, 235), width=6)
    for i in range(12):
        t0 = (i / 12) ** 1.8
        t1 = ((i + 0.5) / 12) ** 1.8
        y0 = horizon + (H - horizon) * t0
        y1 = horizon + (H - horizon) * t1
        x0 = vx + (600 - vx) * t0
        x1 = vx + (600 - vx) * t1
        d.line([(x0, y0), (x1, y1)], fill=(250, 250, 245), width=max(2, int(2 + 10 * t1)))
    # roadside checkpoint tent and sign
    d.rectangle([70, 430, 330, 445], fill=(30, 90, 170))
    d.polygon([(60, 430), (200, 385), (340, 430)], fill=(250, 210, 60))
    for px in (80, 320):
        d.rectangle([px, 445, px + 6, 560], fill=(200, 200, 205))
    d.rectangle([880, 400, 1130, 470], fill=(200, 30, 35))
    d.rectangle([890, 412, 1120, 424], fill=(255, 230, 120))
    d.rectangle([890, 436, 1060, 446], fill=(255, 245, 225))
    d.rectangle([890, 454, 1090, 462], fill=(255, 245, 225))
    for px in (920, 1090):
        d.rectangle([px, 470, px + 8, 560], fill=(120, 120, 125))
    # cones along the road
    for i in range(7):
        t = 0.25 + i * 0.11
        y = horizon + (H - horizon) * t
        x = vx - 30 + (40 - (vx - 30)) * t + 120 * t
        cone(d, x, y, 20 + 60 * t)
    # traffic police officers in summer uniform and passing motorbikes
    officers = rng.randint(2, 3)
    for i in range(officers):
        person(d, 210 + i * 85, 600 + i * 8, 190, shirt=(226, 196, 90),
               pants=(60, 80, 60), cap=(245, 245, 245))
    bikes = [((830, 640, 170), -1), ((700, 520, 90), -1), ((520, 720, 210), 1)]
    for (x, y, s), facing in bikes[: rng.randint(2, 3)]:
        motorbike(d, x, y, s, jitter(rng.choice([(200, 40, 40), (40, 90, 180),
                                                   (30, 30, 30), (230, 230, 230)]), rng),
                  rider=jitter(rng.choice([(230, 230, 235), (80, 120, 190), (220, 180, 160)]), rng),
                  helmet=rng.choice([(240, 200, 40), (200, 40, 40), (40, 120, 200)]),
                  facing=facing)


def scene_flag(img, rng):
    d = ImageDraw.Draw(img)
    vgradient(d, (0, 0, W, 480), (90, 160, 230), (225, 238, 250))
    clouds(img, rng, 4, 40, 200)
    d = ImageDraw.Draw(img)
    # headquarters building
    d.rectangle([60, 250, 1140, 480], fill=(238, 206, 110))
    d.rectangle([430, 170, 770, 480], fill=(244, 214, 120))
    d.polygon([(410, 175), (600, 110), (790, 175)], fill=(190, 60, 50))
    d.ellipse([565, 190, 635, 260], fill=(200, 40, 40))
    star(d, 600, 225, 26, (255, 216, 0))
    for yy in (290, 360, 420):
        for xx in list(range(90, 420, 55)) + list(range(800, 1120, 55)):
            d.rectangle([xx, yy, xx + 30, yy + 38], fill=(90, 130, 150))
    for xx in range(460, 760, 60):
        d.rectangle([xx, 290, xx + 34, 470], fill=(110, 140, 160))
    # yard
    vgradient(d, (0, 480, W, H), (205, 200, 190), (165, 160, 150))
    # flagpole and flag
    d.rectangle([955, 60, 963, 600], fill=(235, 235, 235))
    d.ellipse([950, 52, 968, 70], fill=(230, 190, 60))
    flag(d, 963, 72, 200, 134, rng, phase=rng.uniform(0, 3))
    d.rectangle([925, 590, 995, 612], fill=(150, 150, 150))
    # formation
    palette = rng.choice([
        ((70, 95, 60), (55, 70, 50), (70, 95, 60)),      # police uniform, caps
        ((30, 110, 200), (40, 45, 60), None),            # youth union blue shirts
        ((226, 196, 90), (60, 80, 60), (245, 245, 245)), # traffic police
    ])
    shirt, pants, cap = palette
    for r in range(4):
        y = 560 + r * 62
        h = 95 + r * 30
        n = 9 - r
        gap = 820 / n
        for i in range(n):
            x = 40 + gap * (i + 0.5) + (r % 2) * 10
            person(d, x, y + h * 0.55, h, shirt=jitter(shirt, rng, 5), pants=pants, cap=cap)


def scene_village(img, rng):
    d = ImageDraw.Draw(img)
    vgradient(d, (0, 0, W, 430), (135, 195, 240), (250, 236, 210))
    clouds(img, rng, 3, 50, 230)
    d = ImageDraw.Draw(img)
    trees(d, 430, rng)
    vgradient(d, (0, 430, W, 500), (90, 150, 190), (70, 125, 170))
    for _ in range(14):
        x = rng.randint(0, W)
        y = rng.randint(440, 495)
        d.line([(x, y), (x + rng.randint(30, 90), y)], fill=(190, 220, 240), width=2)
    # boat
    bx = rng.randint(150, 900)
    d.polygon([(bx, 470), (bx + 120, 470), (bx + 100, 488), (bx + 20, 488)], fill=(110, 70, 40))
    d.chord([bx + 30, 450, bx + 90, 490], 180, 360, fill=(60, 90, 120))
    vgradient(d, (0, 500, W, H), (120, 175, 85), (85, 140, 60))
    for i in range(16):
        y = 510 + i * i * 1.2
        d.line([(0, y), (W, y)], fill=(105, 160, 75), width=1 + i // 4)
    for _ in range(3):
        palm(d, rng.choice([rng.randint(20, 200), rng.randint(1000, 1180)]),
             rng.randint(600, 700), rng.randint(300, 400), rng)
    # event tent with bunting
    d.rectangle([300, 420, 900, 560], fill=(250, 250, 245))
    d.polygon([(280, 425), (600, 330), (920, 425)], fill=(210, 40, 40))
    d.rectangle([300, 425, 900, 445], fill=(40, 90, 170))
    d.rectangle([380, 460, 820, 520], fill=(200, 35, 40))
    star(d, 420, 490, 20, (255, 216, 0))
    d.rectangle([460, 478, 790, 490], fill=(255, 230, 130))
    d.rectangle([460, 498, 700, 506], fill=(255, 245, 225))
    pts = [(x, 300 + 40 * math.sin(x / W * math.pi)) for x in range(0, W + 1, 40)]
    d.line(pts, fill=(90, 90, 90), width=2)
    for i, (x, y) in enumerate(pts[:-1]):
        c = [(220, 40, 40), (250, 200, 40), (40, 120, 200), (60, 160, 80)][i % 4]
        d.polygon([(x + 4, y + 2), (x + 36, y + 2), (x + 20, y + 34)], fill=c)
    # crowd
    clothes = [(230, 230, 235), (200, 60, 60), (60, 110, 190), (80, 100, 66),
               (240, 200, 80), (150, 90, 160), (70, 150, 120)]
    for r in range(3):
        y = 610 + r * 70
        h = 120 + r * 35
        x = rng.uniform(0, 50)
        while x < W:
            cap = (70, 95, 60) if rng.random() < 0.15 else None
            person(d, x, y + h * 0.5, h, shirt=jitter(rng.choice(clothes), rng),
                   pants=jitter((50, 55, 70), rng), cap=cap)
            x += rng.uniform(h * 0.3, h * 0.55)


def scene_fire(img, rng):
    d = ImageDraw.Draw(img)
    vgradient(d, (0, 0, W, 520), (40, 60, 110), (245, 160, 90))
    # row houses
    xs = [0, 240, 470, 720, 960, W]
    burning = rng.randint(1, 3)
    for i in range(5):
        top = rng.randint(180, 300)
        col = jitter(rng.choice([(225, 215, 190), (200, 190, 170), (235, 225, 160)]), rng)
        d.rectangle([xs[i] + 6, top, xs[i + 1] - 6, 560], fill=col)
        d.rectangle([xs[i] + 6, top, xs[i + 1] - 6, top + 14], fill=mix(col, (80, 60, 50), 0.4))
        for yy in range(top + 40, 520, 70):
            for xx in range(xs[i] + 30, xs[i + 1] - 50, 70):
                lit = i == burning
                d.rectangle([xx, yy, xx + 36, yy + 40],
                            fill=(255, 170, 60) if lit else (70, 90, 110))
    fx0, fx1 = xs[burning] + 20, xs[burning + 1] - 20
    spots = []
    for _ in range(16):
        spots.append((rng.randint(fx0, fx1), rng.randint(120, 260), rng.randint(25, 60),
                      (110, 110, 115, 170)))
    glow(img, spots, 22)
    flames = []
    for _ in range(12):
        flames.append((rng.randint(fx0, fx1), rng.randint(200, 300), rng.randint(20, 45),
                       (255, rng.randint(110, 190), 30, 230)))
    glow(img, flames, 12)
    d = ImageDraw.Draw(img)
    for _ in range(9):
        x = rng.randint(fx0, fx1)
        base = rng.randint(230, 300)
        hgt = rng.randint(60, 130)
        d.polygon([(x - 22, base), (x - 6, base - hgt * 0.6), (x + 3, base - hgt),
                   (x + 10, base - hgt * 0.5), (x + 24, base)], fill=(255, 150, 30))
        d.polygon([(x - 10, base), (x, base - hgt * 0.5), (x + 12, base)], fill=(255, 230, 90))
    vgradient(d, (0, 560, W, H), (90, 90, 95), (60, 60, 66))
    # fire truck
    tx = rng.randint(650, 760)
    d.rectangle([tx, 560, tx + 420, 700], fill=(200, 30, 30))
    d.rectangle([tx + 300, 520, tx + 420, 640], fill=(210, 35, 35))
    d.rectangle([tx + 320, 535, tx + 405, 585], fill=(160, 200, 230))
    d.rectangle([tx, 640, tx + 420, 656], fill=(245, 245, 245))
    d.line([(tx + 20, 545), (tx + 290, 520)], fill=(210, 210, 215), width=8)
    for i in range(8):
        x = tx + 40 + i * 32
        d.line([(x, 543 - i * 3), (x, 553 - i * 3)], fill=(180, 180, 185), width=4)
    for wx in (tx + 70, tx + 170, tx + 350):
        d.ellipse([wx - 34, 666, wx + 34, 734], fill=(30, 30, 30))
        d.ellipse([wx - 14, 686, wx + 14, 714], fill=(160, 160, 160))
    glow(img, [(tx + 330, 515, 12, (60, 120, 255, 255)), (tx + 390, 515, 12, (255, 40, 40, 255))], 6)
    d = ImageDraw.Draw(img)
    # firefighters with hose and water jet
    for i in range(3):
        x = 180 + i * 110
        person(d, x, 740 - i * 6, 200, shirt=(150, 120, 60), pants=(130, 105, 55),
               cap=(240, 200, 40))
        d.rectangle([x - 30, 740 - i * 6 - 115, x + 30, 740 - i * 6 - 105], fill=(230, 240, 120))
    sx, sy = 420, 600
    tx2 = (fx0 + fx1) / 2
    jet = [(sx + (tx2 - sx) * t, sy - 420 * t + 260 * t * t) for t in [k / 30 for k in range(31)]]
    d.line(jet, fill=(200, 235, 255), width=7)
    d.line([(130, 700), (260, 690), (sx, sy)], fill=(60, 70, 100), width=9)


def scene_night(img, rng):
    d = ImageDraw.Draw(img)
    horizon = 430
    vgradient(d, (0, 0, W, horizon), (12, 20, 55), (70, 55, 110))
    for _ in range(90):
        x, y = rng.randint(0, W), rng.randint(0, horizon - 120)
        d.point((x, y), fill=(255, 255, 240))
    mx = rng.randint(120, 1080)
    glow(img, [(mx, 90, 60, (255, 250, 220, 120))], 30)
    d = ImageDraw.Draw(img)
    d.ellipse([mx - 32, 58, mx + 32, 122], fill=(250, 246, 225))
    # houses with lit windows
    x = 0
    while x < W:
        w = rng.randint(110, 200)
        top = horizon - rng.randint(80, 190)
        d.rectangle([x, top, x + w - 8, horizon + 40], fill=jitter((35, 35, 60), rng, 8))
        for yy in range(top + 20, horizon + 10, 45):
            for xx in range(x + 18, x + w - 40, 48):
                if rng.random() < 0.55:
                    d.rectangle([xx, yy, xx + 22, yy + 26], fill=(255, 214, 120))
        x += w
    vgradient(d, (0, horizon + 40, W, H), (45, 45, 60), (25, 25, 35))
    d.polygon([(0, H), (520, horizon + 40), (680, horizon + 40), (W, H)], fill=(58, 58, 72))
    for i in range(10):
        t0, t1 = (i / 10) ** 1.7, ((i + 0.5) / 10) ** 1.7
        y0 = horizon + 40 + (H - horizon - 40) * t0
        y1 = horizon + 40 + (H - horizon - 40) * t1
        d.line([(600, y0), (600, y1)], fill=(230, 230, 210), width=max(2, int(2 + 9 * t1)))
    lamps = []
    for i in range(5):
        t = i / 4
        lx = 560 - 520 * t
        ly = horizon - 20 - 160 * t
        d.line([(lx, ly), (lx, horizon + 40 + (H - horizon - 40) * t * 0.9)],
               fill=(120, 120, 130), width=max(2, int(3 + 6 * t)))
        lamps.append((lx, ly, 18 + 30 * t, (255, 210, 120, 170)))
    glow(img, lamps, 18)
    d = ImageDraw.Draw(img)
    for lx, ly, r, _ in lamps:
        d.ellipse([lx - r * 0.25, ly - r * 0.25, lx + r * 0.25, ly + r * 0.25],
                  fill=(255, 245, 210))
    # patrol group: motorbikes with blue/red lights
    lights = []
    for i, (x, y, s) in enumerate([(780, 640, 180), (960, 700, 220), (640, 560, 120)]):
        motorbike(d, x, y, s, (235, 235, 240), rider=(70, 95, 60), helmet=(70, 95, 60),
                  facing=-1)
        lights.append((x + s * 0.35, y - s * 0.55, s * 0.08, (60, 120, 255, 255)))
        lights.append((x + s * 0.5, y - s * 0.5, s * 0.08, (255, 50, 50, 255)))
    glow(img, lights, 8)
    d = ImageDraw.Draw(img)
    person(d, 330, 720, 210, shirt=(70, 95, 60), pants=(55, 70, 50), cap=(70, 95, 60))
    d.line([(355, 600), (420, 560)], fill=(255, 120, 60), width=6)


def scene_evidence(img, rng):
    d = ImageDraw.Draw(img)
    vgradient(d, (0, 0, W, 420), (200, 210, 222), (160, 172, 188))
    d.rectangle([120, 60, 1080, 300], fill=(190, 35, 40))
    star(d, 220, 180, 60, (255, 216, 0))
    for i, wf in enumerate((0.9, 0.6, 0.75)):
        d.rounded_rectangle([320, 110 + i * 50, 320 + 700 * wf, 134 + i * 50],
                            radius=10, fill=(255, 232, 140))
    # table with green cloth in perspective
    d.polygon([(60, 380), (1140, 380), (W, H), (0, H)], fill=(40, 95, 70))
    d.line([(60, 380), (1140, 380)], fill=(30, 75, 55), width=6)
    # packages of "tea" (heroin-like bricks), bags of crystals, pills, scale, phones
    for i in range(6):
        x = 140 + i * 150 + rng.randint(-10, 10)
        y = 410 + (i % 2) * 20
        d.rounded_rectangle([x, y, x + 120, y + 70], radius=8,
                            fill=jitter((232, 236, 226), rng, 6), outline=(120, 160, 110), width=3)
        d.rectangle([x + 30, y + 20, x + 90, y + 46], fill=(60, 150, 90))
    for _ in range(14):
        x = rng.randint(120, 1000)
        y = rng.randint(520, 610)
        d.rounded_rectangle([x, y, x + 60, y + 44], radius=6, fill=(220, 235, 245),
                            outline=(170, 190, 205), width=2)
        for _ in range(6):
            cx, cy = x + rng.randint(8, 52), y + rng.randint(8, 36)
            d.polygon([(cx, cy - 4), (cx + 4, cy), (cx, cy + 4), (cx - 4, cy)],
                      fill=(250, 252, 255))
    for _ in range(40):
        x, y = rng.randint(700, 1100), rng.randint(505, 560)
        d.ellipse([x, y, x + 12, y + 12], fill=(240, 120, 170))
    d.rectangle([150, 520, 300, 560], fill=(80, 80, 90))
    d.rectangle([170, 500, 280, 520], fill=(150, 200, 160))
    for i in range(3):
        d.rounded_rectangle([380 + i * 70, 515, 430 + i * 70, 605], radius=8, fill=(25, 25, 30))
        d.rectangle([386 + i * 70, 523, 424 + i * 70, 595], fill=(60, 80, 120))


SCENES = {
    "hall": scene_hall,
    "road": scene_road,
    "flag": scene_flag,
    "village": scene_village,
    "fire": scene_fire,
    "night": scene_night,
    "evidence": scene_evidence,
}


# --------------------------------------------------------------------------

def wrap(draw, text, fnt, width, max_lines=2):
    words = text.split()
    lines, cur = [], ""
    for w in words:
        trial = (cur + " " + w).strip()
        if draw.textlength(trial, font=fnt) <= width:
            cur = trial
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while draw.textlength(last + " …", font=fnt) > width and " " in last:
            last = last.rsplit(" ", 1)[0]
        lines[-1] = last + " …"
    return lines


def label(img, title, section):
    band = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(band)
    big, small = font(34, bold=True), font(21)
    lines = wrap(d, title, big, W - 110)
    band_h = 58 + 44 * len(lines)
    y0 = H - band_h
    d.rectangle([0, y0, W, H], fill=(10, 20, 35, 165))
    d.rectangle([0, y0, 12, H], fill=(218, 37, 29, 255))
    d.rectangle([12, y0, 20, H], fill=(255, 216, 0, 255))
    d.text((44, y0 + 14), f"{section.upper()}  ·  ẢNH MINH HỌA  ·  ĐTO", font=small,
           fill=(255, 222, 120, 255))
    for i, line in enumerate(lines):
        d.text((44, y0 + 44 + i * 44), line, font=big, fill=(255, 255, 255, 255))
    img.alpha_composite(band)


def scene_for(src: str, section: str) -> str:
    name = src.lower()
    for keys, scene in KEYWORD_SCENES:
        if any(k in name for k in keys):
            return scene
    return SECTION_SCENES.get(section, "hall")


def make_exif(info: dict) -> Image.Exif:
    def dms(values):
        return tuple(IFDRational(int(round(v * 100)), 100) for v in values)

    exif = Image.Exif()
    exif[Base.Make] = info["make"]
    exif[Base.Model] = info["model"]
    exif[Base.Software] = "bantin demo (tools/make_demo_photos.py)"
    exif[Base.ImageDescription] = info["place"]
    sub = exif.get_ifd(IFD.Exif)
    sub[0x9003] = info["taken"]  # DateTimeOriginal
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[GPS.GPSVersionID] = b"\x02\x03\x00\x00"
    gps[GPS.GPSLatitudeRef] = info["lat_ref"]
    gps[GPS.GPSLatitude] = dms(info["lat"])
    gps[GPS.GPSLongitudeRef] = info["lon_ref"]
    gps[GPS.GPSLongitude] = dms(info["lon"])
    gps[GPS.GPSAltitudeRef] = b"\x00"
    gps[GPS.GPSAltitude] = IFDRational(int(info["altitude"] * 10), 10)
    gps[GPS.GPSMapDatum] = "WGS-84"
    return exif


def render(rel: str, title: str, section: str, scene: str) -> bytes:
    rng = random.Random(zlib.crc32(rel.encode("utf-8")))
    img = Image.new("RGBA", (W, H), (255, 255, 255, 255))
    SCENES[scene](img, rng)
    if rng.random() < 0.5:  # mirror half of the scenes for some variety
        img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    img = img.filter(ImageFilter.GaussianBlur(0.9))
    label(img, title, section)
    rgb = img.convert("RGB")
    out = io.BytesIO()
    kwargs = {"quality": QUALITY, "optimize": True}
    if rel in GPS_PHOTOS:
        kwargs["exif"] = make_exif(GPS_PHOTOS[rel])
    rgb.save(out, "JPEG", **kwargs)
    return out.getvalue()


def articles():
    for index in sorted(CONTENT.glob("**/index.md")):
        text = index.read_text(encoding="utf-8")
        m = FRONT_MATTER.match(text)
        if not m:
            raise SystemExit(f"{index}: no front matter")
        meta = yaml.safe_load(m.group(1)) or {}
        yield index.parent, meta


def main(argv: list[str]) -> int:
    check = "--check" in argv
    total = 0
    problems = 0
    seen = set()
    for bundle, meta in articles():
        for image in meta.get("images") or []:
            src = image["src"]
            path = bundle / src
            rel = path.relative_to(CONTENT).as_posix()
            seen.add(rel)
            scene = scene_for(src, meta.get("category", ""))
            data = render(rel, str(meta.get("title", "")), meta.get("category", ""), scene)
            total += len(data)
            flag_gps = " GPS" if rel in GPS_PHOTOS else ""
            if len(data) > MAX_BYTES:
                print(f"!! {rel} is {len(data)} bytes (> {MAX_BYTES})")
                problems += 1
            if check:
                same = path.exists() and path.read_bytes() == data
                print(f"{'ok' if same else 'DIFF':4} {rel} [{scene}]{flag_gps}")
                problems += 0 if same else 1
            else:
                path.write_bytes(data)
                print(f"{len(data) / 1024:6.1f} KB  {rel} [{scene}]{flag_gps}")
    missing = sorted(set(GPS_PHOTOS) - seen)
    for rel in missing:
        print(f"!! GPS photo {rel} is not listed in any article")
        problems += 1
    print(f"total {total / 1024:.1f} KB in {len(seen)} photos")
    if total > MAX_TOTAL:
        print(f"!! total exceeds {MAX_TOTAL} bytes")
        problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
