"""Photos: bantin's cold build of 24 camera photos against sharp (libvips) making the same files.

    python3 bench/photos.py --workdir /tmp/bantin-bench --repeat 3

A site of 8 articles with three photos each: 24 different camera-sized JPEGs (4000x3000, about
2 MB, half turned by EXIF orientation 6, with GPS data and an sRGB ICC profile; `corpus.py`'s camera
photos from four seeds). bantin's cold build (no `build/`, no `.bantin-cache/`) makes every
derivative its plan names: WebP at 160 to 1600 wide, the JPEG fallback at 800, the 1200x630 social
crop, 240 files. sharp is installed with npm into `WORKDIR/photos/node` (once) and driven by
`photos_sharp.mjs` over the very list of files bantin's plan names, with the same sizes, formats,
quality, crop, orientation and metadata stripping. Both are timed from outside (wall, CPU, peak
memory of the process tree) by `run.measure`. Prints a Markdown table; the raw numbers go to
`WORKDIR/photos/results.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import corpus
from run import BenchError, Run, measure, remove, say

ARTICLES, PER_ARTICLE = 8, 3
SHARP_VERSION = "0.34"


def make_site(site: Path) -> None:
    """8 articles of the benchmark corpus, three different camera photos each (24 in all)."""
    remove(site)
    (site / "content").mkdir(parents=True)
    (site / "site.yaml").write_text(corpus.render_site_yaml(), encoding="utf-8")
    pool = [data for k in range(ARTICLES * PER_ARTICLE // corpus.CAMERA_COUNT)
            for data in corpus.make_camera_photos(random.Random(corpus.SEED + 1 + k))]
    rng = random.Random(corpus.SEED)
    taken: set[str] = set()
    for number, when in enumerate(corpus._timestamps(rng, ARTICLES)):
        article = corpus.without_photos(corpus.make_article(rng, when, taken))
        photos = tuple(corpus.Photo(f"anh-{i + 1}.jpg", number * PER_ARTICLE + i, f"Ảnh {i + 1}", "")
                       for i in range(PER_ARTICLE))
        article = replace(article, photos=photos)
        folder = site / article.path.rsplit("/", 1)[0]
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(corpus.render_article(article), encoding="utf-8")
        for photo in photos:
            (folder / photo.name).write_bytes(pool[photo.pool])


def write_jobs(site: Path, jobs_file: Path) -> int:
    """The derivatives bantin plans for the site's photos, as jobs for `photos_sharp.mjs`."""
    from bantin.config import load_config
    from bantin.content.load import load_articles

    config = load_config(site)
    articles, problems = load_articles(config, None, workers=1)
    if any(p.is_error for p in problems):
        raise BenchError("; ".join(str(p) for p in problems))
    jobs = []
    for article in articles:
        for photo in article.photos:
            outputs = [{"path": v.output, "width": v.width, "height": v.height,
                        "format": v.output.rsplit(".", 1)[1], "crop": False} for v in photo.variants]
            if photo.social:
                s = photo.social
                outputs.append({"path": s.output, "width": s.width, "height": s.height, "format": "jpg", "crop": True})
            jobs.append({"source": str(site / photo.source), "outputs": outputs})
    jobs_file.write_text(json.dumps(jobs, indent=1), encoding="utf-8")
    return sum(len(job["outputs"]) for job in jobs)


def install_sharp(folder: Path) -> str:
    """sharp from npm into `folder` (its prebuilt libvips comes as npm packages too); its version."""
    if not (folder / "node_modules" / "sharp").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        say(f"installing sharp@{SHARP_VERSION} into {folder} ...")
        subprocess.run(["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--loglevel=error",
                        f"sharp@{SHARP_VERSION}"], check=True, stdout=sys.stderr)
    package = json.loads((folder / "node_modules" / "sharp" / "package.json").read_text(encoding="utf-8"))
    return package["version"]


def folder_bytes(folder: Path, suffixes: tuple[str, ...]) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes and "/_bench/" not in str(p)]
    return len(files), sum(p.stat().st_size for p in files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bantin-bench"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS")
    args = parser.parse_args(argv)
    root = args.workdir.resolve() / "photos"
    site, out, logs = root / "site", root / "sharp-out", root / "logs"
    if not (site / "site.yaml").exists():
        say("making 24 camera photos ...")
        make_site(site)
    jobs_file = root / "jobs.json"
    outputs = write_jobs(site, jobs_file)
    version = install_sharp(root / "node")
    env = dict(os.environ, SHARP_DIR=str(root / "node" / "node_modules"))
    bantin_cmd = [sys.executable, "-m", "bantin", "build", "--site", str(site)]
    sharp_cmd = ["node", str(BENCH / "photos_sharp.mjs"), str(jobs_file), str(out)]
    runs: dict[str, list[Run]] = {"bantin": [], "sharp": []}
    for i in range(args.repeat):
        remove(site / "build", site / ".bantin-cache")
        runs["bantin"].append(measure(bantin_cmd, site, logs / f"bantin-{i}.log", wait_idle=args.wait_idle))
        remove(out)
        runs["sharp"].append(measure(sharp_cmd, root, logs / f"sharp-{i}.log", env, wait_idle=args.wait_idle))
        say(f"photos {i + 1}/{args.repeat}: bantin {runs['bantin'][-1].wall:.2f} s, sharp {runs['sharp'][-1].wall:.2f} s")
    made = {"bantin": folder_bytes(site / "build", (".webp", ".jpg")), "sharp": folder_bytes(out, (".webp", ".jpg"))}
    wall = {tool: statistics.median(r.wall for r in rs) for tool, rs in runs.items()}
    print(f"24 camera photos (4000x3000 JPEG), {outputs} derivatives each side; sharp {version}; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}.\n")
    print("| tool | wall, median (s) | runs (s) | CPU (s) | peak RSS (MiB) | files | MiB written | ÷ sharp |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for tool, rs in runs.items():
        files, size = made[tool]
        print(f"| {tool} | {wall[tool]:.2f} | {', '.join(f'{r.wall:.2f}' for r in rs)} | "
              f"{statistics.median(r.cpu for r in rs):.1f} | {max(r.rss_mib for r in rs):.0f} | {files} | "
              f"{size / 2**20:.1f} | {wall[tool] / wall['sharp']:.2f}x |")
    (root / "results.json").write_text(json.dumps({tool: [vars(r) for r in rs] for tool, rs in runs.items()}),
                                       encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
