"""How fast `bantin import` reads an old portal, and what the redirect pages cost a build.

    python bench/import_bench.py --articles 300

Serves N articles in the ASP.NET layout of `tests/legacy_portal.py` (each with one photo) on
127.0.0.1, imports them with no delay between requests (the polite default is 1 s, which alone
makes 300 articles take 600 s: fetching is bound by the delay, not by bantin), then builds the
site and times the alias planning on its own. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from legacy_portal import ASPNET, Portal, aspnet_page, photo  # noqa: E402

from bantin.authoring.importer import ImportOptions, run_import  # noqa: E402
from bantin.build import BuildOptions, build  # noqa: E402
from bantin.config import load_config  # noqa: E402
from bantin.content.load import load_articles  # noqa: E402
from bantin.site.aliases import plan_alias_pages  # noqa: E402
from bantin.site.collect import Visibility, build_site  # noqa: E402

SITE_YAML = """title: Công an tỉnh Thử nghiệm
base_url: https://congan.example.vn
author: Phòng Tham mưu
sections:
  - {name: Xây dựng lực lượng}
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    portal = Portal()
    image = photo("navy", (800, 533))
    urls = []
    for number in range(args.articles):
        page = aspnet_page(number).decode("utf-8")
        page = page.replace(ASPNET["title"], f"{ASPNET['title']} (bài {number})")
        page = page.replace("27/09/2024", f"{1 + number % 28:02d}/{1 + number // 28 % 12:02d}/2024")
        page = page.replace("/Uploads/2024/09/hoi-nghi.jpg", f"/Uploads/{number}.jpg")
        portal.routes[f"/tin-tuc/chi-tiet/{number}.aspx"] = (200, "text/html; charset=utf-8", page.encode(), {})
        portal.routes[f"/Uploads/{number}.jpg"] = (200, "image/jpeg", image, {})
        urls.append(f"/tin-tuc/chi-tiet/{number}.aspx")
    with tempfile.TemporaryDirectory() as tmp, portal:
        site = Path(tmp) / "site"
        site.mkdir()
        (site / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
        config = load_config(site)
        started = time.perf_counter()
        report = run_import(config, [portal.base + u for u in urls], ImportOptions(delay=0, backoff=0))
        seconds = time.perf_counter() - started
        print(f"import: {report.count('imported')} articles, {report.requests} requests in {seconds:.2f} s "
              f"({report.count('imported') / seconds:.1f} articles/s; the portal answers each request after 20 ms, "
              f"2 at a time)")
        started = time.perf_counter()
        result = build(config, BuildOptions(cache=False))
        print(f"build: {result.pages} pages + redirect pages, {result.files} files in {time.perf_counter() - started:.2f} s")
        articles, _ = load_articles(config)
        site_model, _ = build_site(config, articles, datetime.now(timezone.utc), Visibility())
        started = time.perf_counter()
        pages, problems = plan_alias_pages(config, site_model)
        print(f"alias planning: {len(pages)} redirect pages, {len(problems)} problems, "
              f"{(time.perf_counter() - started) * 1000:.1f} ms")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
