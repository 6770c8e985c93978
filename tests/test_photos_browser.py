"""The demo's photos in a real Chromium: on a 390 px phone (DPR 1.75) and a 1280 px screen, every image
the browser picks from a srcset is at most twice as wide as it is shown (in device pixels), and the
phone's home page weighs at most 250 KiB. Lighthouse 12.2.3 (npm, installed by `.ci/run`) in mobile
mode passes the image audits on the home page, an article with three photos, a section, a year and
the article with a document, a video file and a YouTube video,
with performance at least 95 (the best of up to three runs: the machine is shared) and the other
three categories at 100. Served over HTTP on 127.0.0.1 by the standard library."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, _missing_browser, build_site_dir
from external_tools import missing, node_modules

PAGES = ("/", "/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa-chinh-quy/",   # an article with 3 photos
         "/chuyen-muc/xay-dung-luc-luong/", "/2024/",
         "/2025/12/19/phan-luong-giao-thong-phuc-vu-le-hoi-hoa-xuan-2026/")   # a document, a clip, a YouTube facade
VIEWPORTS = (("phone", 390, 844, 1.75), ("desktop", 1280, 900, 1.0))
HOME_BUDGET = 250 * 1024


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    site = tmp_path_factory.mktemp("demo") / "site"
    site.mkdir()
    for name in ("content", "static", "templates"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, site / name)
    shutil.copy(ROOT / "site.yaml", site / "site.yaml")
    build_site_dir(site)
    handler = functools.partial(_Quiet, directory=str(site / "build"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


MEASURE = """() => [...document.images].filter(i => i.srcset).map(i => ({
    src: i.currentSrc, natural: i.naturalWidth, shown: i.getBoundingClientRect().width, done: i.complete}))"""


@pytest.mark.parametrize("name, width, height, dpr", VIEWPORTS, ids=[v[0] for v in VIEWPORTS])
def test_every_image_is_at_most_twice_as_wide_as_shown(browser, demo_url, name, width, height, dpr):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=dpr)
    page = context.new_page()
    try:
        for path in PAGES:
            page.goto(demo_url + path, wait_until="load")
            for img in page.locator("img[srcset]").all():   # bring lazy images in, one by one
                img.scroll_into_view_if_needed()
            page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=15_000)
            found = page.evaluate(MEASURE)
            assert found, path
            for image in found:
                assert image["done"] and image["natural"] > 0, (path, image)
                assert image["natural"] <= 2 * image["shown"] * dpr + 1, (name, path, image)
                assert image["src"].endswith(".webp"), (path, image)
    finally:
        context.close()


def test_the_phone_home_page_weighs_at_most_250_kib(browser, demo_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1.75)
    page = context.new_page()
    sizes: dict[str, int] = {}

    def count(response) -> None:
        try:
            sizes[response.url] = len(response.body())
        except Exception:
            pass

    page.on("response", count)
    try:
        page.goto(demo_url + "/", wait_until="networkidle")
    finally:
        context.close()
    total = sum(sizes.values())
    print(f"\nhome page at 390 px: {total / 1024:.0f} KiB in {len(sizes)} requests")
    assert total <= HOME_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])[:5]


IMAGE_AUDITS = ("uses-responsive-images", "modern-image-formats", "uses-optimized-images", "offscreen-images",
                "unsized-images")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(url: str, out: str) -> dict:
    cli = node_modules() / "lighthouse/cli/index.js"
    if not cli.is_file():
        missing(f"Lighthouse is not installed at {cli}; npm install --prefix \"$HOME/.cache/bantin-ci\" "
                "lighthouse@12.2.3 (or run .ci/run)")
    if shutil.which("node") is None:
        missing("node is not installed (apt-get install npm)")
    subprocess.run(["node", str(cli), url, f"--chrome-path={CHROMIUM}", "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
                    "--output=json", f"--output-path={out}", "--quiet",
                    "--only-categories=" + ",".join(CATEGORIES)], check=True, timeout=180,
                   env={**os.environ, "CHROME_PATH": CHROMIUM})
    with open(out, encoding="utf-8") as f:
        return json.load(f)


@pytest.mark.external
@pytest.mark.parametrize("path", PAGES)
def test_lighthouse_mobile_passes_the_image_audits(demo_url, path, tmp_path):
    reason = _missing_browser()
    if reason:
        missing(reason)
    runs = []
    for attempt in range(3):                       # the best of three: the score moves with the load
        report = lighthouse(demo_url + path, str(tmp_path / f"run{attempt}.json"))
        runs.append(report)
        if report["categories"]["performance"]["score"] >= 0.95:
            break
    best = max(runs, key=lambda r: r["categories"]["performance"]["score"])
    scores = {name: best["categories"][name]["score"] for name in CATEGORIES}
    print(f"\nLighthouse {path}: {scores} in {len(runs)} run(s)")
    assert scores["performance"] >= 0.95, scores
    assert all(scores[name] == 1 for name in CATEGORIES[1:]), scores
    for audit in IMAGE_AUDITS:
        found = best["audits"][audit]
        assert found["score"] == 1, (audit, found.get("displayValue"), found.get("details", {}).get("items"))
