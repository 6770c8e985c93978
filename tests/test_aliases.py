"""Old addresses (`aliases:`) answer with a redirect page, listed nowhere else; clashes are errors with a line."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.request

import pytest
from conftest import article, build_site_dir, make_site

from bantin.core.errors import BuildFailed
from bantin.site.aliases import alias_output_path

A = "content/2024/09/so-ket/index.md"
B = "content/2024/09/hoi-nghi/index.md"
NEW_A = "/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/"


def aliased(*aliases: str, **fields: str) -> str:
    return article(aliases="[" + ", ".join(aliases) + "]", **fields)


@pytest.mark.parametrize("path, output", [
    ("/tin-tuc/chi-tiet/12345.aspx", "tin-tuc/chi-tiet/12345.aspx/index.html"),
    ("/tin/123.html", "tin/123.html"), ("/tin/123.HTM", "tin/123.HTM"), ("/tin/123", "tin/123/index.html"),
    ("/tin/", "tin/index.html"), ("/tin/b%C3%A0i.aspx", "tin/bài.aspx/index.html"), ("/", "index.html"),
])
def test_an_old_path_maps_to_a_file_static_hosts_serve_as_html(path, output):
    assert alias_output_path(path) == output


@pytest.mark.parametrize("path, output", [
    ("/tin-tuc/chi-tiet/12345.aspx", "chi-tiet/12345.aspx/index.html"), ("/tin-tuc/tin/1.html", "tin/1.html"),
    ("/tin-tuc/", "index.html"), ("/tin-tuc", "index.html"), ("/tin%2Dtuc/a.aspx", "a.aspx/index.html"),
    ("/Default.aspx", None), ("/tin-tucx/a", None), ("/", None), ("/TIN-TUC/a", None),
])
def test_an_old_path_under_a_base_path_maps_below_it_and_none_outside(path, output):
    assert alias_output_path(path, "/tin-tuc") == output


def test_each_alias_gets_a_redirect_page_listed_nowhere_else(tmp_path):
    site = make_site(tmp_path, {A: aliased("/tin-tuc/chi-tiet/12345.aspx", "https://www.congan.example.vn/tin/1.html")})
    build_site_dir(site)
    out = site / "build"
    page = (out / "tin-tuc/chi-tiet/12345.aspx/index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url={NEW_A}">' in page
    assert f'<link rel="canonical" href="https://congan.example.vn{NEW_A}">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert f'<a href="{NEW_A}">Sơ kết 2 năm xây dựng lực lượng Công an xã</a>' in page
    assert "Bài viết đã chuyển sang địa chỉ mới" in page
    assert (out / "tin/1.html").is_file()
    for listed in ("sitemap.xml", "feed.xml", "atom.xml", "index.html", "news-sitemap.xml"):
        text = (out / listed).read_text(encoding="utf-8")
        assert "12345" not in text and "tin/1.html" not in text, listed


def test_aliases_with_a_query_share_one_page_that_picks_by_query(tmp_path):
    site = make_site(tmp_path, {
        A: aliased('"/chi-tiet.aspx?id=1&cat=2"', "/chi-tiet.aspx"),
        B: aliased('"/chi-tiet.aspx?id=2"', title="Hội nghị", date="28/09/2024")})
    build_site_dir(site)
    page = (site / "build/chi-tiet.aspx/index.html").read_text(encoding="utf-8")
    assert '"cat=2\\u0026id=1": "/2024/09/27/so-ket' in page and '"id=2": "/2024/09/28/hoi-nghi/"' in page
    assert f'content="0; url={NEW_A}"' in page   # the alias without a query is the fallback


def test_a_page_with_queries_only_links_home_without_script(tmp_path):
    site = make_site(tmp_path, {A: aliased('"/chi-tiet.aspx?id=1"')})
    build_site_dir(site)
    page = (site / "build/chi-tiet.aspx/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' not in page and '<a href="/">trang chủ' in page


@pytest.mark.parametrize("files, where, phrase", [
    ({A: aliased("/tin/1.aspx"), B: aliased("/tin/1.aspx", title="Hội nghị")}, f"{A}:4",
     f"old address '/tin/1.aspx' is also an old address of {B}"),
    ({A: aliased("/tac-gia/phong-tham-muu/")}, f"{A}:4", "is also a page of the site"),
    ({A: aliased("/feed.xml")}, f"{A}:4", "is also a page of the site"),
    ({A: aliased("/2024/")}, f"{A}:4", "is also a page of the site"),
    ({A: aliased("https://cu.example.vn/tin/1.aspx")}, f"{A}:4",
     "old address 'https://cu.example.vn/tin/1.aspx' is on cu.example.vn, not on this site (congan.example.vn)"),
])
def test_clashes_and_other_hosts_are_errors_on_the_aliases_line(tmp_path, files, where, phrase):
    site = make_site(tmp_path, files)
    with pytest.raises(BuildFailed) as info:
        build_site_dir(site)
    assert [f"{p.path}:{p.line}" for p in info.value.errors] == [where]
    assert phrase in str(info.value.errors[0])
    assert not (site / "build").exists()


def test_an_old_address_answers_through_a_real_http_server(tmp_path):
    site = make_site(tmp_path, {A: aliased("/tin-tuc/chi-tiet/12345.aspx")})
    build_site_dir(site)
    handler = functools.partial(QuietHandler, directory=str(site / "build"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/tin-tuc/chi-tiet/12345.aspx"
        with urllib.request.urlopen(url, timeout=10) as response:     # 301 to '.../12345.aspx/' followed
            assert response.headers.get_content_type() == "text/html"
            assert f"url={NEW_A}" in response.read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass




def test_a_browser_lands_on_the_new_page_from_each_old_address(tmp_path, browser):  # noqa: F811
    site = make_site(tmp_path, {
        A: aliased('"/chi-tiet.aspx?id=1&cat=2"', "/chi-tiet.aspx", "/tin-tuc/chi-tiet/12345.aspx"),
        B: aliased('"/chi-tiet.aspx?id=2"', title="Hội nghị", date="28/09/2024")})
    build_site_dir(site)
    handler = functools.partial(QuietHandler, directory=str(site / "build"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    page = browser.new_page()
    try:
        for old, new in (("/tin-tuc/chi-tiet/12345.aspx", NEW_A), ("/chi-tiet.aspx?id=2", "/2024/09/28/hoi-nghi/"),
                         ("/chi-tiet.aspx?cat=2&id=1", NEW_A), ("/chi-tiet.aspx?id=999", NEW_A)):
            page.goto(base + old)
            page.wait_for_url(base + new, timeout=15_000)
            assert page.locator("h1").first.inner_text().strip() in ("Sơ kết 2 năm xây dựng lực lượng Công an xã",
                                                                       "Hội nghị"), old
    finally:
        page.close()
        server.shutdown()
        server.server_close()
