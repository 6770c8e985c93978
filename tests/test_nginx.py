"""The demo site through a real nginx (Debian's), configured with docs/deploy/: at the root and under
/tin-tuc/, precompressed or not. Every link and image answers 200, unknown paths get the theme's 404
page, precompressed files are what is sent, caching fits each kind of file, and Chromium sees no
Content-Security-Policy violation."""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from conftest import ROOT
from lxml import html as lxml_html

from bantin.build import BuildOptions, build
from bantin.config import load_config

pytestmark = pytest.mark.external

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
DEPLOY = ROOT / "docs" / "deploy"
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
IMMUTABLE = "public, max-age=31536000, immutable"


def _need_nginx() -> None:
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing on CI (tools/test installs it)")
        pytest.skip("nginx is not installed (apt-get install nginx libnginx-mod-http-brotli-static)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx on 127.0.0.1 with the recipe, run as the current user from a temporary prefix."""

    def __init__(self, work: Path, site_root: Path, sub_path: str, gzip_on_the_fly: bool, portal_lines: str = ""):
        self.work, self.port = work, _free_port()
        work.mkdir(parents=True, exist_ok=True)
        snippet = (DEPLOY / "bantin.conf").read_text(encoding="utf-8")
        if not BROTLI_MODULE.exists():
            snippet = snippet.replace("brotli_static on;", "")
        if not gzip_on_the_fly:
            snippet = snippet.replace("gzip on;", "gzip off;")
        (work / "bantin.conf").write_text(snippet, encoding="utf-8")
        if sub_path:
            recipe = (DEPLOY / "nginx-subpath.conf").read_text(encoding="utf-8").replace("root /srv/www;", f"root {site_root};")
            recipe = recipe.replace("# ... the portal's own locations ...", portal_lines)
        else:
            recipe = (DEPLOY / "nginx.conf").read_text(encoding="utf-8").replace("root /srv/bantin/build;", f"root {site_root};")
        recipe = (recipe.replace("listen 80;", f"listen 127.0.0.1:{self.port};")
                  .replace("include /etc/nginx/snippets/bantin.conf;", f"include {work}/bantin.conf;"))
        temps = "\n".join(f"{name}_temp_path {work}/{name};" for name in
                          ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        main = f"""
{"user root;" if os.geteuid() == 0 else ""}
{f"load_module {BROTLI_MODULE};" if BROTLI_MODULE.exists() else ""}
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    {temps}
    {recipe}
}}
"""
        (work / "nginx.conf").write_text(main, encoding="utf-8")
        self.process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"nginx stopped: {self.process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise AssertionError("nginx did not start")

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def get(url: str, encoding: str = "identity") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as failed:
        return failed.code, {k.lower(): v for k, v in failed.headers.items()}, failed.read()


def build_demo(out: Path, sub_path: str, precompress: bool) -> None:
    config = replace(load_config(ROOT), precompress=precompress)
    build(config, BuildOptions(output=out, now=NOW, cache=False, workers=1,
                               base_url="https://congan.example.gov.vn" + sub_path))


def references(page: bytes, url: str) -> set[str]:
    tree = lxml_html.fromstring(page)
    found = set(tree.xpath("//@href | //@src | //@action"))
    for srcset in tree.xpath("//@srcset"):
        found.update(part.strip().split()[0] for part in srcset.split(",") if part.strip())
    for refresh in tree.xpath("//meta[@http-equiv='refresh']/@content"):
        found.add(refresh.split("url=", 1)[1])
    return {urldefrag(urljoin(url, ref))[0] for ref in found}


def crawl(origin: str, start: str) -> tuple[dict[str, int], int]:
    """Every same-origin URL reachable from `start` -> its status; and the number of HTML pages."""
    seen: dict[str, int] = {}
    todo, pages = [origin + start], 0
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        status, headers, body = get(url)
        seen[url] = status
        if status == 200 and headers.get("content-type", "").startswith("text/html"):
            pages += 1
            todo.extend(ref for ref in references(body, url)
                        if urlsplit(ref).netloc == urlsplit(origin).netloc and ref not in seen)
    return seen, pages


CASES = [("", False), ("", True), ("/tin-tuc", False), ("/tin-tuc", True)]


@pytest.fixture(scope="module", params=CASES, ids=["root", "root-precompressed", "sub-path", "sub-path-precompressed"])
def served(request, tmp_path_factory):
    _need_nginx()
    sub_path, precompress = request.param
    work = tmp_path_factory.mktemp("nginx")
    site_root = work / "www"
    out = site_root / sub_path.strip("/") if sub_path else site_root
    build_demo(out, sub_path, precompress)
    server = Nginx(work / "nginx", site_root, sub_path, gzip_on_the_fly=not precompress)
    try:
        yield server, out, sub_path, precompress
    finally:
        server.stop()


def test_every_link_and_image_answers_200(served):
    server, out, sub_path, _ = served
    statuses, pages = crawl(server.origin, sub_path + "/")
    broken = {url: status for url, status in statuses.items() if status != 200}
    assert not broken
    assert pages >= 60 and any(url.endswith(".jpg") for url in statuses)
    assert all(urlsplit(url).path.startswith(sub_path + "/") for url in statuses)


def test_unknown_paths_get_the_theme_404_page(served):
    server, out, sub_path, _ = served
    status, headers, body = get(f"{server.origin}{sub_path}/khong-co-trang-nay/")
    assert status == 404 and body == (out / "404.html").read_bytes()
    assert "Không tìm thấy trang".encode() in body
    assert headers["cache-control"] == "public, max-age=300"


def test_cache_control_and_security_headers_fit_each_kind_of_file(served):
    server, out, sub_path, _ = served
    css = next(out.glob("css/bantin.*.css")).relative_to(out).as_posix()
    photo = next(out.glob("2024/09/27/*/*.[0-9a-f]*.webp")).relative_to(out).as_posix()   # a derivative
    expected = {"": "public, max-age=300", "feed.xml": "public, max-age=300", "sitemap.xml": "public, max-age=300",
                css: IMMUTABLE, photo: IMMUTABLE}
    for rel, cache in expected.items():
        status, headers, _ = get(f"{server.origin}{sub_path}/{rel}")
        assert status == 200 and headers["cache-control"] == cache, rel
        assert headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self'" in headers["content-security-policy"]
    assert get(f"{server.origin}{sub_path}/feed.xml")[1]["content-type"].startswith("text/xml")
    assert get(f"{server.origin}{sub_path}/{css}")[1]["content-type"].startswith("text/css")
    svg = next(out.glob("favicon.*.svg")).name
    assert get(f"{server.origin}{sub_path}/{svg}")[1]["content-type"].startswith("image/svg+xml")


def test_content_encoding_comes_from_the_precompressed_files(served):
    server, out, sub_path, precompress = served
    if not precompress:                 # nothing precompressed: nginx compresses on the fly, as the recipe says
        assert not list(out.rglob("*.gz")) and not list(out.rglob("*.br"))
        status, headers, body = get(f"{server.origin}{sub_path}/", "gzip")
        assert headers.get("content-encoding") == "gzip" and gzip.decompress(body) == (out / "index.html").read_bytes()
        return
    css = next(out.glob("css/bantin.*.css")).relative_to(out).as_posix()
    encodings = [("gzip", ".gz")] + ([("br", ".br")] if BROTLI_MODULE.exists() else [])
    for rel, file in (("", "index.html"), ("feed.xml", "feed.xml"), (css, css)):
        for encoding, suffix in encodings:
            status, headers, body = get(f"{server.origin}{sub_path}/{rel}", encoding)
            assert status == 200 and headers.get("content-encoding") == encoding, (rel, encoding)
            assert body == (out / (file + suffix)).read_bytes()       # the file itself, not compressed again
        status, headers, body = get(f"{server.origin}{sub_path}/{rel}")
        assert "content-encoding" not in headers and body == (out / file).read_bytes()


def test_chromium_sees_no_csp_violation(served, browser):  # noqa: F811
    server, out, sub_path, _ = served
    article = next(out.glob("2024/09/27/*/index.html")).parent.relative_to(out).as_posix()
    urls = ["", article + "/", "khen-thuong/", "khong-co/"] + (["tim-kiem/"] if (out / "tim-kiem").is_dir() else [])
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    try:
        for rel in urls:
            page.goto(f"{server.origin}{sub_path}/{rel}")
            page.wait_for_load_state("load")
            assert page.evaluate("window.__csp") == [], rel
            if rel == article + "/":
                assert page.locator(".comments form[action]").count() == 1        # the comment form is there
                assert page.evaluate("getComputedStyle(document.body).fontFamily")   # the stylesheet applied
        assert not [m for m in messages if "Content Security Policy" in m or "Content-Security-Policy" in m]
    finally:
        page.close()


def _until(page, expression: str, seconds: float = 15) -> None:
    """Poll `expression` (page.wait_for_function evaluates with eval, which the policy refuses)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, expression
        page.wait_for_timeout(50)


VIDEO_PAGE = "2025/12/19/phan-luong-giao-thong-phuc-vu-le-hoi-hoa-xuan-2026/"    # the demo's documents and videos


def test_the_policy_allows_exactly_the_two_video_players_as_frames(served):
    server, out, sub_path, _ = served
    policy = get(f"{server.origin}{sub_path}/{VIDEO_PAGE}")[1]["content-security-policy"]
    frames = [d.split()[1:] for d in policy.split(";") if d.split()[:1] == ["frame-src"]]
    assert frames == [["https://www.youtube-nocookie.com", "https://www.facebook.com"]]


def test_the_video_page_plays_and_starts_the_player_without_csp_violation(served, browser):  # noqa: F811
    """The video file, its poster and captions, the document, and the YouTube facade's player after a
    click: all within the policy. A frame from any other host is refused (the policy is in force)."""
    server, out, sub_path, _ = served
    page = browser.new_page()
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page.route("**/*", lambda route: route.abort() if "127.0.0.1" not in route.request.url else route.continue_())
    try:
        page.goto(f"{server.origin}{sub_path}/{VIDEO_PAGE}")
        page.wait_for_load_state("load")
        page.locator("video").evaluate("v => { v.preload = 'auto'; v.load(); }")
        _until(page, "document.querySelector('video').readyState >= 1")
        status, headers, _ = get(f"{server.origin}{sub_path}/{VIDEO_PAGE}phu-de.vtt")
        assert status == 200 and headers["content-type"].startswith("text/vtt")
        assert get(f"{server.origin}{sub_path}/{VIDEO_PAGE}ra-quan.mp4")[1]["cache-control"] == "public, max-age=86400"
        page.locator(".video-facade button").first.click()
        page.wait_for_selector(".video-facade iframe")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__csp") == []
        page.evaluate("document.body.appendChild(Object.assign(document.createElement('iframe'),"
                      " {src: 'https://www.example.com/'}))")
        _until(page, "window.__csp.length > 0")
        assert page.evaluate("window.__csp")[0].startswith("frame-src")
    finally:
        page.close()


def test_an_old_address_with_a_query_redirects_under_a_path_without_csp_violation(tmp_path, browser):  # noqa: F811
    """The redirect page's script is a file (script-src 'self'), and it sends the reader under the path."""
    _need_nginx()
    from conftest import SITE_YAML, article, build_site_dir, make_site
    site = make_site(tmp_path, {"content/2024/09/so-ket/index.md": article(aliases="['/tin-tuc/chi-tiet.aspx?id=7']")},
                     SITE_YAML.replace("https://congan.example.vn", "https://congan.example.gov.vn/tin-tuc"))
    build_site_dir(site, output=tmp_path / "www" / "tin-tuc")
    server = Nginx(tmp_path / "nginx", tmp_path / "www", "/tin-tuc", gzip_on_the_fly=True)
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective));")
    try:
        page.goto(f"{server.origin}/tin-tuc/chi-tiet.aspx/?id=7")
        page.wait_for_url("**/tin-tuc/2024/09/27/**")
        assert page.evaluate("window.__csp") == []
        assert not [m for m in messages if "Content Security Policy" in m]
    finally:
        page.close()
        server.stop()


def test_the_redirects_bantin_gives_for_old_addresses_outside_the_path_work_in_nginx(tmp_path):
    """An old address outside /tin-tuc/ is an error whose message holds the nginx line to add to the
    host's server block; with those lines, nginx sends the old links to the article."""
    _need_nginx()
    from conftest import SITE_YAML, article, build_site_dir, make_site
    from test_check import problems
    yaml = SITE_YAML.replace("https://congan.example.vn", "https://congan.example.gov.vn/tin-tuc")
    site = make_site(tmp_path, {"content/2024/09/so-ket/index.md": article(
        aliases="['/Default.aspx?tabid=7&id=12', /cu/chi-tiet/12.aspx]")}, yaml)
    found = problems(site)
    lines = [text.split("'server' block: ", 1)[1].split("), then remove", 1)[0] for text in found]
    assert len(lines) == 2, found
    site.joinpath("content/2024/09/so-ket/index.md").write_text(article(), encoding="utf-8")
    build_site_dir(site, output=tmp_path / "www" / "tin-tuc")
    server = Nginx(tmp_path / "nginx", tmp_path / "www", "/tin-tuc", gzip_on_the_fly=False,
                   portal_lines="\n    ".join(lines))
    new = "/tin-tuc/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/"
    try:
        for old in ("/Default.aspx?tabid=7&id=12", "/cu/chi-tiet/12.aspx"):
            request = urllib.request.Request(server.origin + old, method="HEAD")
            opener = urllib.request.build_opener(_NoRedirect)
            with pytest.raises(urllib.error.HTTPError) as answer:
                opener.open(request, timeout=10)
            assert answer.value.code == 301 and urlsplit(answer.value.headers["Location"]).path == new, old
        assert get(server.origin + "/Default.aspx?tabid=8")[0] == 404
        assert get(server.origin + new)[0] == 200
    finally:
        server.stop()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
