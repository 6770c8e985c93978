"""Documents, videos and the first screen in a real Chromium (Debian's, through Playwright):

- the facade of a YouTube or Facebook video asks nothing of the platform until the reader clicks
  (or presses Enter on) its Vietnamese play button, then loads the privacy-enhanced player; with
  JavaScript off it is a plain link to the video;
- a video file has its poster and plays;
- on a 390x844 phone the article's title starts within 200 px and the home page's first headline
  within 300 px, and the sections open on demand without JavaScript;
- on a desktop a portrait photo is no taller than 80% of the screen, and nothing moves as it loads.
The demo site is served over HTTP on 127.0.0.1 by the standard library; every request to another
host is recorded and refused, so nothing leaves the machine."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, article, build_site_dir, jpeg, make_site

VIDEO_PAGE = "/2025/12/19/phan-luong-giao-thong-phuc-vu-le-hoi-hoa-xuan-2026/"
ARTICLE_PAGES = (VIDEO_PAGE, "/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa-chinh-quy/")
PLATFORMS = ("youtube", "youtube-nocookie", "ytimg", "googlevideo", "facebook", "fbcdn")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    site = tmp_path_factory.mktemp("demo") / "site"
    site.mkdir()
    for name in ("content", "static", "templates"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, site / name)
    shutil.copy(ROOT / "site.yaml", site / "site.yaml")
    build_site_dir(site)
    server, url = serve(site / "build")
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def open_page(browser, width: int = 1280, height: int = 900, javascript: bool = True):
    """A page that records every request to another host and refuses it."""
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
    page = context.new_page()
    outside: list[str] = []

    def route(request_route) -> None:
        if urlsplit(request_route.request.url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    return context, page, outside


def test_the_facade_loads_nothing_from_youtube_before_the_click_and_the_player_after(browser, demo):
    context, page, outside = open_page(browser)
    try:
        page.goto(demo + VIDEO_PAGE, wait_until="networkidle")
        page.locator(".video-facade").first.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        assert outside == [] and page.locator("iframe").count() == 0
        button = page.get_by_role("button", name="Phát video: Phóng sự về đợt cao điểm")
        assert button.is_visible()
        button.click()
        frame = page.locator(".video-facade iframe")
        frame.wait_for()
        assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
        assert "autoplay" in frame.get_attribute("allow") and frame.get_attribute("title")
        page.wait_for_timeout(500)
        assert outside and {urlsplit(url).hostname for url in outside} == {"www.youtube-nocookie.com"}
    finally:
        context.close()


def test_the_play_button_works_from_the_keyboard(browser, demo):
    context, page, outside = open_page(browser)
    try:
        page.goto(demo + VIDEO_PAGE, wait_until="load")
        button = page.locator(".video-facade button")
        button.focus()
        assert page.evaluate("document.activeElement.className") == "video-play"
        page.keyboard.press("Enter")
        page.locator(".video-facade iframe").wait_for()
        assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    finally:
        context.close()


def test_without_javascript_the_facade_is_a_plain_link_to_the_video(browser, demo):
    context, page, outside = open_page(browser, javascript=False)
    try:
        page.goto(demo + VIDEO_PAGE, wait_until="load")
        link = page.get_by_role("link", name="Xem video trên YouTube")
        assert link.is_visible() and link.get_attribute("href") == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
        assert page.locator(".video-facade button").count() == 0 and outside == []
    finally:
        context.close()


def test_a_video_file_shows_its_poster_and_plays(browser, demo):
    context, page, outside = open_page(browser)
    try:
        page.goto(demo + VIDEO_PAGE, wait_until="load")
        video = page.locator("video")
        assert video.get_attribute("preload") == "none"
        box = video.bounding_box()
        assert abs(box["width"] / box["height"] - 640 / 360) < 0.02
        page.wait_for_function("[...document.images].length >= 0")      # the poster is an image of the element
        assert page.evaluate("fetch(document.querySelector('video').poster).then(r => r.status)") == 200
        page.evaluate("v => { v.muted = true; return v.play(); }", video.element_handle())
        page.wait_for_function("document.querySelector('video').currentTime > 0.2", timeout=15_000)
        assert page.evaluate("document.querySelector('video').textTracks[0].language") == "vi"
        assert outside == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ARTICLE_PAGES)
def test_on_a_phone_the_article_title_starts_within_200_px(browser, demo, path):
    context, page, outside = open_page(browser, 390, 844)
    try:
        page.goto(demo + path, wait_until="load")
        top = page.locator("main h1").bounding_box()["y"]
        print(f"\n{path} at 390x844: the title starts at {top:.0f} px")
        assert top <= 200
    finally:
        context.close()


def test_on_a_phone_the_home_pages_first_headline_starts_within_300_px(browser, demo):
    context, page, outside = open_page(browser, 390, 844)
    try:
        page.goto(demo + "/", wait_until="load")
        top = page.locator("main .card h2, main .card h3").first.bounding_box()["y"]
        print(f"\nhome at 390x844: the first headline starts at {top:.0f} px")
        assert top <= 300
    finally:
        context.close()


def test_on_a_phone_the_sections_open_on_demand_without_javascript(browser, demo):
    context, page, outside = open_page(browser, 390, 844, javascript=False)
    try:
        page.goto(demo + VIDEO_PAGE, wait_until="load")
        section = page.locator(".menu-list").get_by_role("link", name="Phòng chống tội phạm")
        assert not section.is_visible() and not page.locator("nav.menu").is_visible()
        page.locator(".menu-toggle summary").click()
        assert section.is_visible()
        section.click()
        page.wait_for_url("**/chuyen-muc/phong-chong-toi-pham/")
    finally:
        context.close()


def test_on_a_desktop_the_sections_are_a_bar_and_the_toggle_is_hidden(browser, demo):
    context, page, outside = open_page(browser)
    try:
        page.goto(demo + "/", wait_until="load")
        assert page.locator("nav.menu").get_by_role("link", name="Phòng chống tội phạm").is_visible()
        assert not page.locator(".menu-toggle").is_visible()
    finally:
        context.close()


SHIFTS = """() => new Promise(done => {
    let total = 0;
    new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value; })
        .observe({type: 'layout-shift', buffered: true});
    setTimeout(() => done(total), 300);
})"""


def test_on_a_desktop_a_portrait_photo_fits_the_screen_and_nothing_moves(browser, tmp_path):
    site = make_site(tmp_path, {"content/2024/09/doc/index.md": article(
        images="[{src: doc.jpg, caption: Ảnh dọc}]", body="Đoạn mở đầu.\n\nĐoạn thứ hai.\n"),
        "content/2024/09/doc/doc.jpg": jpeg(1200, 1600)})
    build_site_dir(site)
    server, url = serve(site / "build")
    context, page, outside = open_page(browser, 1280, 900)
    try:
        page.goto(url + "/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/", wait_until="load")
        image = page.locator("figure img").first
        page.wait_for_function("[...document.images].every(i => i.complete)")
        box = image.bounding_box()
        assert box["height"] <= 0.8 * 900 + 1 and box["width"] <= 768 + 1
        drawn = page.evaluate("""i => { const r = i.getBoundingClientRect();
            const s = Math.min(r.width / i.naturalWidth, r.height / i.naturalHeight);
            return [i.naturalWidth * s, i.naturalHeight * s]; }""", image.element_handle())
        assert abs(drawn[0] / drawn[1] - 1200 / 1600) < 0.01          # its shape is kept
        assert page.evaluate(SHIFTS) == 0
    finally:
        context.close()
        server.shutdown()
        server.server_close()
