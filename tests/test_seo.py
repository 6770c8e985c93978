"""Search and social metadata: canonical, OpenGraph and Twitter tags, JSON-LD for articles, lists and the
home page, the meta description, and the warnings that keep them good (summary, photo size)."""

from __future__ import annotations

import io
import json
import random
import re
from html import unescape

import pytest
from conftest import SITE_YAML, article, build_site_dir, jpeg, make_site, run_cli
from PIL import Image

from bantin.core.errors import BuildFailed
from bantin.output.seo import meta_description, render_jsonld

BASE = "https://congan.example.vn"
URL = "/2024/09/27/hoi-nghi-so-ket/"
FULL = article(title='Hội nghị sơ kết "Công an xã" </script><b>', slug="hoi-nghi-so-ket", date="27/09/2024 11:41:48",
               updated="28/09/2024 08:00", category="Xây dựng lực lượng", tags="[Công an xã, Thi đua]",
               author="[Nguyễn Văn A, Trần Thị B]",
               images="\n  - {src: hoi-nghi.jpg, caption: Toàn cảnh hội nghị, alt: Hội trường kín chỗ}"
                      "\n  - {src: trao-thuong.jpg, caption: Trao thưởng}",
               body="Sáng 27/9, Công an tỉnh tổ chức hội nghị sơ kết.\n")


@pytest.fixture
def site(tmp_path):
    site = make_site(tmp_path, {"content/a/index.md": FULL, "content/a/hoi-nghi.jpg": jpeg(120, 80),
                                "content/a/trao-thuong.jpg": jpeg(60, 90),
                                "content/b.md": article(title="Tin không ảnh", date="01/08/2024 07:00")})
    build_site_dir(site)
    return site


def page(site, rel: str) -> str:
    return (site / "build" / rel).read_text(encoding="utf-8")


def metas(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html):
        found.setdefault(key, []).append(unescape(value))
    return found


def jsonld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_article_head_has_canonical_opengraph_and_twitter_tags(site):
    html = page(site, URL.strip("/") + "/index.html")
    assert f'<link rel="canonical" href="{BASE}{URL}">' in html
    tags = metas(html)
    assert tags["og:type"] == ["article"] and tags["og:url"] == [BASE + URL]
    assert tags["og:title"] == ['Hội nghị sơ kết "Công an xã" </script><b>']
    assert tags["og:description"] == tags["description"] == ["Sáng 27/9, Công an tỉnh tổ chức hội nghị sơ kết."]
    assert re.fullmatch(re.escape(BASE + URL) + r"hoi-nghi\.og\.[0-9a-f]{8}\.jpg", tags["og:image"][0])
    assert tags["twitter:image"] == tags["og:image"]
    assert tags["og:image:width"] == ["120"] and tags["og:image:height"] == ["63"]   # 1200x630, not upscaled
    assert tags["og:image:alt"] == ["Hội trường kín chỗ"]
    assert tags["og:site_name"] == ["Công an tỉnh Thử nghiệm"] and tags["og:locale"] == ["vi_VN"]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["article:published_time"] == ["2024-09-27T11:41:48+07:00"]
    assert tags["article:modified_time"] == ["2024-09-28T08:00:00+07:00"]
    assert tags["article:section"] == ["Xây dựng lực lượng"]
    assert tags["article:tag"] == ["Công an xã", "Thi đua"]


def test_news_article_json_ld(site):
    html = page(site, URL.strip("/") + "/index.html")
    head = html.split("</head>")[0]
    assert "</script><b>" not in head.split('<script type="application/ld+json">')[1].split("</script>")[0]
    [data] = jsonld(html)
    logo = data["publisher"]["logo"]
    assert re.fullmatch(re.escape(BASE) + r"/logo\.[0-9a-f]{8}\.png", logo["url"])
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": 'Hội nghị sơ kết "Công an xã" </script><b>',
        "description": "Sáng 27/9, Công an tỉnh tổ chức hội nghị sơ kết.",
        "image": data["image"],
        "datePublished": "2024-09-27T11:41:48+07:00",
        "dateModified": "2024-09-28T08:00:00+07:00",
        "author": [{"@type": "Person", "name": "Nguyễn Văn A", "url": BASE + "/tac-gia/nguyen-van-a/"},
                   {"@type": "Person", "name": "Trần Thị B", "url": BASE + "/tac-gia/tran-thi-b/"}],
        "publisher": {"@type": "Organization", "name": "Công an tỉnh Thử nghiệm", "url": BASE + "/",
                      "logo": {"@type": "ImageObject", "url": logo["url"], "width": 512, "height": 512}},
        "articleSection": "Xây dựng lực lượng",
        "keywords": ["Công an xã", "Thi đua"],
        "mainEntityOfPage": {"@type": "WebPage", "@id": BASE + URL},
        "url": BASE + URL,
        "inLanguage": "vi",
    }
    assert [re.sub(r"\.[0-9a-f]{8}\.", ".#.", i["url"][len(BASE + URL):]) for i in data["image"]] == [
        "hoi-nghi.120.#.webp", "hoi-nghi.og.#.jpg", "trao-thuong.60.#.webp", "trao-thuong.og.#.jpg"]


def test_an_article_without_photos_shows_the_logo(site):
    html = page(site, "2024/08/01/tin-khong-anh/index.html")
    [data] = jsonld(html)
    assert data["image"] == [data["publisher"]["logo"]["url"]]
    assert "articleSection" not in data and "keywords" not in data
    assert metas(html)["og:image"] == data["image"] and metas(html)["twitter:card"] == ["summary"]


def test_site_logo_is_used_for_the_publisher(tmp_path):
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(buf, "PNG")
    yaml = "title: Công an tỉnh\nbase_url: https://ca.example.vn\nauthor: A\nlogo: anh/logo-ca.png\n"
    site = make_site(tmp_path, {"content/a.md": article(), "static/anh/logo-ca.png": buf.getvalue()}, yaml)
    build_site_dir(site)
    html = page(site, "index.html")
    [website] = jsonld(html)
    logo = website["publisher"]["logo"]
    assert re.fullmatch(r"https://ca\.example\.vn/anh/logo-ca\.[0-9a-f]{8}\.png", logo["url"])
    assert (logo["width"], logo["height"]) == (300, 200)
    assert f'<img src="{logo["url"][len("https://ca.example.vn"):]}"' in html      # the header uses it too


def test_home_has_website_with_a_search_action_and_only_on_its_first_page(tmp_path):
    files = {f"content/{n}.md": article(title=f"Tin {n}", date=f"{n + 1:02d}/09/2024 08:00") for n in range(25)}
    site = make_site(tmp_path, files)
    build_site_dir(site)
    [website] = jsonld(page(site, "index.html"))
    assert website == {"@context": "https://schema.org", "@type": "WebSite", "name": "Công an tỉnh Thử nghiệm",
                       "url": BASE + "/", "inLanguage": "vi", "publisher": website["publisher"],
                       "potentialAction": {"@type": "SearchAction", "query-input": "required name=q",
                                           "target": {"@type": "EntryPoint",
                                                      "urlTemplate": BASE + "/tim-kiem/?q={q}"}}}
    assert jsonld(page(site, "trang/2/index.html")) == []
    assert metas(page(site, "index.html"))["og:type"] == ["website"]
    assert f'<link rel="canonical" href="{BASE}/trang/2/">' in page(site, "trang/2/index.html")


def test_without_search_the_website_has_no_search_action(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article()}, SITE_YAML + "search: false\n")
    build_site_dir(site)
    [website] = jsonld(page(site, "index.html"))
    assert "potentialAction" not in website


def test_list_pages_have_breadcrumbs(site):
    [crumbs] = jsonld(page(site, "chuyen-muc/xay-dung-luc-luong/index.html"))
    assert crumbs == {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": BASE + "/"},
        {"@type": "ListItem", "position": 2, "name": "Chuyên mục", "item": BASE + "/chuyen-muc/"},
        {"@type": "ListItem", "position": 3, "name": "Xây dựng lực lượng", "item": BASE + "/chuyen-muc/xay-dung-luc-luong/"}]}
    [crumbs] = jsonld(page(site, "tu-khoa/thi-dua/index.html"))
    assert [item["name"] for item in crumbs["itemListElement"]] == ["Trang chủ", "Từ khóa", "Thi đua"]
    [crumbs] = jsonld(page(site, "tu-khoa/index.html"))
    assert [item["name"] for item in crumbs["itemListElement"]] == ["Trang chủ", "Từ khóa"]
    [crumbs] = jsonld(page(site, "2024/09/27/index.html"))
    assert [(i["name"], i["item"]) for i in crumbs["itemListElement"]] == [
        ("Trang chủ", BASE + "/"), ("Năm 2024", BASE + "/2024/"), ("Tháng 9/2024", BASE + "/2024/09/"),
        ("Lưu trữ ngày 27/09/2024", BASE + "/2024/09/27/")]


def test_the_404_page_is_not_indexed(site):
    html = page(site, "404.html")
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html and "og:url" not in html


# -- helpers ------------------------------------------------------------------------------------------------

def test_json_ld_cannot_close_its_script_element():
    text = render_jsonld({"b": "</script><!-- & >", "a": "Công an"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert text == '{"a":"Công an","b":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e"}'
    assert json.loads(text) == {"b": "</script><!-- & >", "a": "Công an"}


def test_meta_description_is_cut_at_a_word_under_the_limit():
    assert meta_description("  Ngắn   gọn\n thôi ") == "Ngắn gọn thôi"
    long = "Công an tỉnh tổ chức hội nghị sơ kết, " * 10
    cut = meta_description(long)
    assert len(cut) <= 160 and cut.endswith("…") and long.startswith(cut[:-1])
    assert not cut[:-1].endswith((" ", ","))
    assert meta_description("x" * 200) == "x" * 159 + "…"


# -- warnings that keep the metadata good ---------------------------------------------------------------------

def problems(site, **options) -> list[str]:
    with pytest.raises(BuildFailed) as info:
        build_site_dir(site, strict=True, **options)
    return [p.format("en") for p in info.value.problems]


def noise_png(width: int, height: int) -> bytes:
    rng = random.Random(4)
    image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def test_summary_too_long_for_a_meta_description_is_a_warning(tmp_path):
    summary = "Tóm tắt " * 25
    site = make_site(tmp_path, {"content/a.md": article(summary=summary)})
    assert problems(site) == [
        f"content/a.md:4: warning: 'summary' is {len(summary.strip())} characters long; search engines and social "
        "networks show about 160, the rest is cut off"]
    ok = make_site(tmp_path / "ok", {"content/a.md": article(summary="Tóm tắt " * 19)})
    build_site_dir(ok, strict=True)


def test_heavy_or_large_photos_are_fine_and_narrow_ones_warn_in_check_only(tmp_path):
    heavy = noise_png(620, 620)
    assert len(heavy) > 1024 * 1024
    body = "Đoạn đầu.\n\n![Ảnh rộng](rong.jpg)\n"
    text = article(images="\n  - {src: nang.png, caption: Ảnh nặng}", body=body)
    site = make_site(tmp_path, {"content/a/index.md": text, "content/a/nang.png": heavy,
                                "content/a/rong.jpg": jpeg(3200, 40)})
    from bantin.check import check_site
    from bantin.config import load_config
    assert [p.format("en") for p in check_site(load_config(site))] == [
        "content/a/index.md:5: warning: photo 'nang.png' is only 620 pixels wide, narrower than the article "
        "column (768 pixels), so it will look blurry; use the original file from the camera or phone"]
    assert run_cli("build", "--site", str(site), "--strict").exit_code == 0   # resizing is bantin's job
    published = {p.name.split(".")[0] for p in (site / "build/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa").iterdir()}
    assert published == {"index", "nang", "rong"}

def test_a_body_image_without_alt_text_is_a_warning(tmp_path):
    body = "Đoạn đầu.\n\n![](khong-mo-ta.jpg)\n\n![Có mô tả](co-mo-ta.jpg)\n"
    site = make_site(tmp_path, {"content/a/index.md": article(body=body), "content/a/khong-mo-ta.jpg": jpeg(),
                                "content/a/co-mo-ta.jpg": jpeg()})
    assert problems(site) == [
        "content/a/index.md:7: warning: image 'khong-mo-ta.jpg' has no description for blind readers; write "
        "![what the photo shows](khong-mo-ta.jpg), or declare it under 'images:' with a 'caption'"]
