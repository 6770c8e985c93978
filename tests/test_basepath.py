"""A site under a sub-path: every site-root reference of the HTML gets the path, nothing else does."""

from __future__ import annotations

import re

import pytest
from conftest import SITE_YAML, article, build_site_dir, jpeg, make_site, run_cli

from bantin.output.basepath import base_path, rewrite_css, rewrite_html


def test_base_path_of_a_base_url():
    assert base_path("https://congan.example.gov.vn/tin-tuc") == "/tin-tuc"
    assert base_path("https://congan.example.gov.vn/tin-tuc/") == "/tin-tuc"
    assert base_path("https://congan.example.vn") == ""


def test_site_root_attributes_get_the_path():
    html = (b'<a href="/2024/">x</a><img src="/a.jpg" srcset="/a-480.jpg 480w, /a-960.jpg 960w" alt="">'
            b"<form action='/gop-y/'></form><video poster=/p.jpg></video><div data-index=\"/pagefind/\"></div>"
            b'<meta http-equiv="refresh" content="0; url=/2024/09/27/x/">')
    out = rewrite_html(html, "/tin-tuc")
    assert out == (b'<a href="/tin-tuc/2024/">x</a><img src="/tin-tuc/a.jpg" '
                   b'srcset="/tin-tuc/a-480.jpg 480w, /tin-tuc/a-960.jpg 960w" alt="">'
                   b"<form action='/tin-tuc/gop-y/'></form><video poster=/tin-tuc/p.jpg></video>"
                   b'<div data-index="/tin-tuc/pagefind/"></div>'
                   b'<meta http-equiv="refresh" content="0; url=/tin-tuc/2024/09/27/x/">')


def test_other_references_and_text_are_left_alone():
    html = (b'<a href="//cdn.example.vn/x">a</a><a href="https://x.vn/">b</a><a href="#top">c</a>'
            b'<a href="tuong-doi/">d</a><p>href="/x" in prose</p><code>src=&quot;/y&quot;</code>'
            b'<script type="application/ld+json">{"url": "https://x.vn/tin-tuc/"}</script>'
            b'<meta property="og:url" content="https://x.vn/tin-tuc/">')
    assert rewrite_html(html, "/tin-tuc") == html


def test_no_path_returns_the_very_bytes():
    html = b'<a href="/">x</a>'
    assert rewrite_html(html, "") is html
    assert rewrite_css(b"a{background:url(/a.png)}", "") == b"a{background:url(/a.png)}"


def test_css_urls_get_the_path():
    assert rewrite_css(b"a{background:url('/img/a.png')} b{background:url(//x/b.png)}", "/tin-tuc") == \
        b"a{background:url('/tin-tuc/img/a.png')} b{background:url(//x/b.png)}"


def _site(tmp_path, base_url="https://congan.example.gov.vn/tin-tuc"):
    yaml = SITE_YAML.replace("https://congan.example.vn", base_url) + "comments_url: /gop-y/\n"
    return make_site(tmp_path, {
        "content/2024/09/so-ket/index.md": article(
            aliases="['/tin-tuc/tin/123.aspx', '/tin-tuc/chi-tiet.aspx?id=7']",
            body="Xem [bài trước](/2024/09/01/bai-truoc/).\n\n![Hội nghị](hoi-nghi.jpg)\n"),
        "content/2024/09/so-ket/hoi-nghi.jpg": jpeg(),
        "static/css/site.css": "body{background:url(/img/nen.png)}\n",
        "static/img/nen.png": b"\x89PNG\r\n\x1a\n",
    }, yaml)


def test_a_site_under_a_path_links_everything_under_it(tmp_path):
    site = _site(tmp_path)
    build_site_dir(site)
    out = site / "build"
    assert (out / "index.html").is_file()       # output paths do not move: the folder is deployed AT the path
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for ref in re.findall(r'(?:href|src|action|content)="(/[^"]*)"', html):
            assert ref.startswith("/tin-tuc/"), f"{page}: {ref}"
        assert 'url=/tin-tuc/' in html or "http-equiv" not in html
    article_html = next(out.glob("2024/09/27/*/index.html")).read_text(encoding="utf-8")
    assert 'href="/tin-tuc/2024/09/01/bai-truoc/"' in article_html      # an editor's site-root link
    assert 'action="/tin-tuc/gop-y/"' in article_html
    assert 'href="https://congan.example.gov.vn/tin-tuc/2024/09/27/' in article_html   # canonical, once
    # old addresses are host paths: below the base path they are written without it
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.aspx/index.html")) == \
        ["chi-tiet.aspx/index.html", "tin/123.aspx/index.html"]
    redirect = (out / "chi-tiet.aspx/index.html").read_text(encoding="utf-8")      # served at /tin-tuc/chi-tiet.aspx
    assert 'data-root="/tin-tuc/"' in redirect and "<script>" not in redirect
    assert '"id=7": "/2024/09/27/' in redirect
    assert 'url=/tin-tuc/2024/09/27/' in (out / "tin/123.aspx/index.html").read_text(encoding="utf-8")
    css = next(out.glob("css/site.*.css")).read_text(encoding="utf-8")
    assert "url(/tin-tuc/img/nen." in css
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://congan.example.gov.vn/tin-tuc/sitemap.xml" in robots
    assert "<loc>https://congan.example.gov.vn/tin-tuc/2024/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://congan.example.gov.vn/tin-tuc/2024/09/27/" in (out / "feed.xml").read_text(encoding="utf-8")


def test_the_css_fingerprint_follows_the_path(tmp_path):
    root, sub = tmp_path / "a", tmp_path / "b"
    build_site_dir(_site(root, "https://congan.example.vn"))
    build_site_dir(_site(sub))
    name = lambda site: next((site / "site/build/css").glob("site.*.css")).name   # noqa: E731
    assert name(root) != name(sub)      # a cache keyed by the name never serves the other one


# -- bantin check: editors write site-root links; a full address of the site has the path ----------

def _check(tmp_path, href):
    from test_check import problems, two_articles
    yaml = SITE_YAML.replace("https://congan.example.vn", "https://congan.example.vn/tin-tuc")
    return problems(make_site(tmp_path, two_articles(f"Đoạn mở đầu.\n\nXem [liên kết]({href}).\n"), yaml))


def test_check_resolves_site_root_links_against_the_plan_under_a_path(tmp_path):
    for i, href in enumerate(["/2024/09/28/bai-b/", "https://congan.example.vn/tin-tuc/2024/09/28/bai-b/",
                              "https://congan.example.vn/tin-tuc/", "https://congan.example.vn/gioi-thieu/"]):
        assert _check(tmp_path / str(i), href) == [], href


def test_check_reports_a_link_that_repeats_the_path(tmp_path):
    [found] = _check(tmp_path, "/tin-tuc/2024/09/28/bai-b/")    # built, it would be /tin-tuc/tin-tuc/...
    assert "leads to no page of the site" in found
    [found] = _check(tmp_path / "b", "https://congan.example.vn/tin-tuc/2024/09/28/bai-c/")
    assert "did you mean '/2024/09/28/bai-b/'" in found


# -- old addresses (aliases:) are paths of the host: the base path is theirs too ------------------

def _aliased_site(tmp_path, aliases):
    yaml = SITE_YAML.replace("https://congan.example.vn", "https://congan.example.gov.vn/tin-tuc")
    return make_site(tmp_path, {"content/2024/09/so-ket/index.md": article(aliases=aliases)}, yaml)


def test_an_old_address_under_the_path_is_written_below_the_deployed_folder(tmp_path):
    site = _aliased_site(tmp_path, "[/tin-tuc/chi-tiet/12345.aspx, /tin-tuc/tin/1.html, '/tin-tuc/xem.aspx?id=7']")
    build_site_dir(site)
    out = site / "build"
    page = (out / "chi-tiet/12345.aspx/index.html").read_text(encoding="utf-8")   # served at /tin-tuc/chi-tiet/...
    assert 'content="0; url=/tin-tuc/2024/09/27/so-ket-2-nam' in page
    assert (out / "tin/1.html").is_file() and (out / "xem.aspx/index.html").is_file()
    assert not (out / "tin-tuc").exists()


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_old_address_outside_the_path_is_an_error_at_its_line_with_the_redirect_to_add(tmp_path, command):
    site = _aliased_site(tmp_path, "['/Default.aspx?tabid=7', /tin-tuc/tin/1.html, /tin-tucx/a.aspx]")
    result = run_cli("--lang", "en", command, "--site", str(site))
    assert result.exit_code == 1
    report = result.stderr + result.stdout
    new = "/tin-tuc/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/"
    P = "content/2024/09/so-ket/index.md"
    assert f"{P}:4: error: old address '/Default.aspx?tabid=7' lies outside the site's folder (/tin-tuc/)" in report
    assert f'if ($request_uri = "/Default.aspx?tabid=7") {{ return 301 {new}; }}' in report
    assert f"{P}:4: error: old address '/tin-tucx/a.aspx' lies outside" in report
    assert f'location = "/tin-tucx/a.aspx" {{ return 301 {new}; }}' in report
    assert "/tin-tuc/tin/1.html" not in report
    assert "Traceback" not in report and not (site / "build").exists()


def test_without_a_path_every_old_address_is_inside(tmp_path):
    site = make_site(tmp_path, {"content/a/index.md": article(aliases="['/Default.aspx?tabid=7']")})
    build_site_dir(site)
    assert (site / "build/Default.aspx/index.html").is_file()
