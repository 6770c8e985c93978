"""How long a build takes on the hostile inputs of issue 17, each in a one-article site.

    python bench/hostile_inputs.py                      # this checkout
    python bench/hostile_inputs.py --src /old/src --limit 30   # another version, each run cut at 30 s

Prints one line per input: the seconds `bantin build` took (a fresh process, so it includes
start-up, about 0.5 s), its exit code and the first line it printed. A run cut by `--limit` shows
'>LIMIT'. The sizes are the ones the issue was filed with.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SITE_YAML = """title: Công an tỉnh Thử nghiệm
base_url: https://congan.example.vn
author: Phòng Tham mưu
sections:
  - {name: Xây dựng lực lượng, slug: xay-dung-luc-luong}
"""


def jpeg() -> bytes:
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buffer, "JPEG")
    return buffer.getvalue()


def article(body: str = "Nội dung.\n", images: str = "") -> str:
    return ("---\ntitle: Bài thử\ndate: 27/09/2024 08:00\n" + (f"images: {images}\n" if images else "")
            + "---\n" + body)


def cases() -> dict[str, tuple[dict[str, str | bytes], str]]:
    photo = "[{src: a.jpg, caption: Ảnh}]"
    return {
        "400 nested list levels": ({"a": article("\n".join("    " * i + "- x" for i in range(400)))}, SITE_YAML),
        "100 000 links in a paragraph": ({"a": article("[a](b) " * 100_000)}, SITE_YAML),
        '"[" * 50000': ({"a": article("[" * 50_000)}, SITE_YAML),
        '"<svg " * 60000 as a photo': ({"a": article(images=photo), "a.jpg": b"<svg " * 60_000}, SITE_YAML),
        "a JPEG and 3 MB of FFD8FFD9": ({"a": article(images=photo),
                                         "a.jpg": jpeg() + b"\xff\xd8\xff\xd9" * 750_000}, SITE_YAML),
        "10 000 sections": ({"a": article()}, SITE_YAML.split("sections:")[0] + "sections:\n"
                            + "".join(f"  - name: Chuyên mục {i}\n" for i in range(10_000))),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parent.parent / "src")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds after which a build is stopped")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.src), "BANTIN_LANG": "en"}
    for name, (files, site_yaml) in cases().items():
        folder = Path(tempfile.mkdtemp(prefix="bantin-hostile-"))
        try:
            (folder / "site.yaml").write_text(site_yaml, encoding="utf-8")
            bundle = folder / "content/2024/09/bai"
            bundle.mkdir(parents=True)
            for rel, data in files.items():
                target = bundle / ("index.md" if rel == "a" else rel)
                target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
            started = time.perf_counter()
            try:
                result = subprocess.run([sys.executable, "-m", "bantin", "build", "--site", str(folder)],
                                        capture_output=True, text=True, env=env, timeout=args.limit)
                seconds, code = f"{time.perf_counter() - started:7.2f}", result.returncode
                said = (result.stderr or result.stdout).strip().splitlines()[:1]
            except subprocess.TimeoutExpired:
                seconds, code, said = f">{args.limit:g}".rjust(7), "-", ["(stopped)"]
            print(f"{name:32} {seconds} s  exit {code}  {(said or [''])[0][:110]}", flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
