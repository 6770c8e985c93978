"""End-to-end builds of small sites: pages, archives, figures, awards, safety and determinism."""

from __future__ import annotations

import io
import os
import unicodedata

import pytest
from conftest import SITE_YAML, article, build_site_dir, jpeg, make_site, run_cli, tree
from PIL import Image

from bantin.core.errors import UsageError

URL = "2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa"


def page(site, rel: str) -> str:
    return (site / "build" / rel).read_text(encoding="utf-8")



FULL = """---
title: Sơ kết 2 năm xây dựng lực lượng Công an xã <b>chính quy</b>
date: 27/09/2024 11:41:48
slug: Sơ kết 2 năm xây dựng lực lượng Công an xã
author: Nguyễn Văn A
source: ĐTO
category: Xây dựng lực lượng
tags: [Công an xã, Phong trào thi đua]
images:
  - src: hoi-nghi.jpg
    caption: Lãnh đạo tỉnh phát biểu chỉ đạo hội nghị
  - src: trao-thuong.jpg
    caption: Trao Bằng khen cho các tập thể
    alt: Trao thưởng
awards:
  - type: Cờ thi đua
    giver: Thủ tướng Chính phủ
    recipient: Phòng Tham mưu Công an tỉnh
    reason: Dẫn đầu phong trào thi đua vì An ninh Tổ quốc năm 2023
  - type: [Bằng khen, Giấy khen]
    giver: [Chủ tịch UBND tỉnh, Giám đốc Công an tỉnh]
    collectives: 34
    individuals: 74
---
Sáng ngày 27/9, Công an tỉnh tổ chức hội nghị sơ kết.

Đoạn thứ hai <script>alert('x')</script><a href="javascript:alert(1)" onclick="x()">liên kết</a>.

![](hoi-nghi.jpg)
"""


@pytest.fixture
def full_site(tmp_path):
    bundle = "content/2024/09/so-ket/"
    site = make_site(tmp_path, {bundle + "index.md": FULL, bundle + "hoi-nghi.jpg": jpeg(120, 80),
                                bundle + "trao-thuong.jpg": jpeg(60, 90, "blue")})
    build_site_dir(site)
    return site


def test_article_page(full_site):
    html = page(full_site, f"{URL}/index.html")
    assert '<html lang="vi">' in html
    assert "<h1>Sơ kết 2 năm xây dựng lực lượng Công an xã &lt;b&gt;chính quy&lt;/b&gt;</h1>" in html
    assert 'Cập nhật ngày: <time datetime="2024-09-27T11:41:48+07:00">27/09/2024 11:41:48</time>' in html
    assert '<p><span class="dateline">ĐTO - </span>Sáng ngày 27/9' in html
    assert 'href="/chuyen-muc/xay-dung-luc-luong/">Xây dựng lực lượng</a>' in html  # breadcrumb
    assert "NGUYỄN VĂN A" in html
    assert "34 tập thể, 74 cá nhân" in html and "Cờ thi đua" in html and "Dẫn đầu phong trào" in html
    assert "Trở về trang trước" in html
    assert "<script" not in html.split("<main")[1] and "javascript:" not in html and "onclick" not in html


def test_figures_captions_sizes_and_lazy_loading(full_site):
    html = page(full_site, f"{URL}/index.html")
    body = html.split('<div class="body">')[1].split("</div>")[0]
    # the unreferenced photo follows the first paragraph; the referenced one stays where the body put it
    assert body.index("trao-thuong.") < body.index("Đoạn thứ hai") < body.index("hoi-nghi.")
    assert '<figcaption>Lãnh đạo tỉnh phát biểu chỉ đạo hội nghị</figcaption>' in body
    imgs = [chunk.split(">")[0] for chunk in body.split("<img")[1:]]
    assert 'alt="Trao thưởng"' in imgs[0] and 'width="60"' in imgs[0] and 'height="90"' in imgs[0]
    assert 'loading="lazy"' not in imgs[0]
    assert 'alt="Lãnh đạo tỉnh phát biểu chỉ đạo hội nghị"' in imgs[1] and 'loading="lazy"' in imgs[1]
    assert not (full_site / "build" / f"{URL}" / "hoi-nghi.jpg").exists()   # derivatives only
    assert list((full_site / "build" / f"{URL}").glob("hoi-nghi.*.webp"))


def test_list_pages_and_archives(full_site):
    for rel in ("index.html", "2024/index.html", "2024/09/index.html", "2024/09/27/index.html",
                "chuyen-muc/xay-dung-luc-luong/index.html", "tu-khoa/cong-an-xa/index.html",
                "tac-gia/nguyen-van-a/index.html", "404.html"):
        assert f"{URL}/" in page(full_site, rel) or rel == "404.html", rel
    year = page(full_site, "2024/index.html")
    assert 'href="/2024/09/"' in year
    assert 'href="/2024/"' in page(full_site, "2024/09/27/index.html")


def test_pagination(tmp_path):
    files = {f"content/a{i:02d}.md": article(title=f"Tin số {i}", date=f"{i + 1:02d}/03/2024") for i in range(25)}
    site = make_site(tmp_path, files, site_yaml="title: T\nbase_url: https://x.vn\nauthor: A\nper_page: 10\n")
    build_site_dir(site)
    assert "Tin số 24" in page(site, "index.html") and "Tin số 14" not in page(site, "index.html")
    assert "Tin số 14" in page(site, "trang/2/index.html")
    assert "Tin số 0<" in page(site, "trang/3/index.html")
    assert not (site / "build/trang/4").exists()
    assert 'href="/trang/2/"' in page(site, "index.html")


def test_related_news_from_the_same_section(tmp_path):
    files = {f"content/x{i}.md": article(title=f"Giao thông {i}", date=f"0{i + 1}/05/2024",
                                         category="An toàn giao thông") for i in range(3)}
    files["content/other.md"] = article(title="Khác chuyên mục", category="Xây dựng lực lượng")
    site = make_site(tmp_path, files)
    build_site_dir(site)
    html = page(site, "2024/05/01/giao-thong-0/index.html")
    related = html.split("Các tin khác")[1].split("</section>")[0]
    assert "Giao thông 2" in related and "Giao thông 1" in related
    assert "Giao thông 0<" not in related and "Khác chuyên mục" not in related


def test_drafts_and_future_are_left_out_unless_asked(tmp_path):
    site = make_site(tmp_path, {"content/d.md": article(title="Nháp", draft="true"),
                                "content/f.md": article(title="Tương lai", date="01/01/2030")})
    build_site_dir(site)
    assert not (site / "build/2024/09/27/nhap").exists() and not (site / "build/2030").exists()
    build_site_dir(site, drafts=True, future=True)
    assert "BẢN NHÁP" in page(site, "2024/09/27/nhap/index.html")
    assert "HẸN GIỜ" in page(site, "2030/01/01/tuong-lai/index.html")


def test_bom_crlf_and_nfd_build_normally(tmp_path):
    nfd = unicodedata.normalize("NFD", article(title="Đảm bảo an ninh trật tự"))
    site = make_site(tmp_path, {"content/a.md": ("\ufeff" + article(title="Công an xã")).replace("\n", "\r\n"),
                                "content/b.md": nfd})
    build_site_dir(site)
    assert "<h1>Công an xã</h1>" in page(site, "2024/09/27/cong-an-xa/index.html")
    html = page(site, "2024/09/27/dam-bao-an-ninh-trat-tu/index.html")
    assert unicodedata.normalize("NFC", "Đảm bảo an ninh trật tự") in html


def test_nfd_and_nfc_titles_collide_on_one_slug(tmp_path):
    title = "Hội nghị tổng kết"
    site = make_site(tmp_path, {"content/a.md": article(title=title),
                                "content/b.md": article(title=unicodedata.normalize("NFD", title))})
    with pytest.raises(Exception) as info:
        build_site_dir(site)
    assert "/2024/09/27/hoi-nghi-tong-ket/" in str(info.value.problems[0])


def test_titles_of_one_day_that_differ_late_do_not_collide(tmp_path):
    head = "Công an tỉnh truy bắt thành công đối tượng truy nã đặc biệt nguy hiểm tại thị trấn"
    site = make_site(tmp_path, {"content/a.md": article(title=f"{head} Bình Tân", date="05/07/2015 08:00"),
                                "content/b.md": article(title=f"{head} Phước Lộc", date="05/07/2015 09:00")})
    build_site_dir(site)
    day = site / "build/2015/07/05"
    assert {p.name for p in day.iterdir() if p.is_dir()} == {
        "cong-an-tinh-truy-bat-thanh-cong-doi-tuong-truy-na-dac-biet-nguy-hiem-tai-thi-tran-binh-tan",
        "cong-an-tinh-truy-bat-thanh-cong-doi-tuong-truy-na-dac-biet-nguy-hiem-tai-thi-tran-phuoc-loc"}


def test_slugs_an_editor_wrote_are_used_whole(tmp_path):
    head = "cong-an-tinh-truy-bat-thanh-cong-doi-tuong-truy-na-dac-biet-nguy-hiem-tai-thi-tran"
    assert len(head) > 80
    site = make_site(tmp_path, {"content/a.md": article(title="Một", slug=f"{head}-binh-tan"),
                                "content/b.md": article(title="Hai", slug=f"{head}-phuoc-loc")})
    build_site_dir(site)
    assert (site / f"build/2024/09/27/{head}-binh-tan/index.html").is_file()
    assert (site / f"build/2024/09/27/{head}-phuoc-loc/index.html").is_file()


def test_a_slug_too_long_for_a_folder_name_is_an_error(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article(slug="a" * 201)})
    with pytest.raises(Exception) as info:
        build_site_dir(site)
    assert str(info.value.problems[0]) == \
        "content/a.md:4: error: 'slug:' is 201 characters long, over the 200-character limit; shorten it " \
        "(bantin never cuts a slug you wrote)"


def test_deleted_articles_disappear_and_unchanged_files_keep_mtime(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article(title="Một"), "content/b.md": article(title="Hai"),
                                "static/tai-lieu/quy-che.pdf": b"%PDF-1.4 quy che"})
    build_site_dir(site)
    css = site / "build/tai-lieu/quy-che.pdf"
    os.utime(css, ns=(1_000_000_000, 1_000_000_000))
    (site / "content/b.md").unlink()
    build_site_dir(site)
    assert not (site / "build/2024/09/27/hai").exists()
    assert (site / "build/2024/09/27/mot/index.html").is_file()
    assert css.stat().st_mtime_ns == 1_000_000_000


def test_two_builds_are_byte_identical(full_site, tmp_path):
    first = tree(full_site / "build")
    build_site_dir(full_site, output=tmp_path / "other")
    assert tree(tmp_path / "other") == first


def test_output_folder_that_bantin_did_not_make_is_refused(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article()})
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.doc").write_text("do not delete")
    with pytest.raises(UsageError):
        build_site_dir(site, output=precious)
    with pytest.raises(UsageError):
        build_site_dir(site, output=site)
    assert (precious / "thesis.doc").read_text() == "do not delete"


def test_photos_are_published_without_gps(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif.get_ifd(0x8825).update({1: "N", 2: (10.0, 27.0, 0.0), 3: "E", 4: (105.0, 38.0, 0.0)})
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buf, "JPEG", exif=exif)
    text = "---\ntitle: Ảnh\ndate: 27/09/2024\nimages:\n  - {src: gps.jpg, caption: Ảnh có GPS}\n---\nx\n"
    site = make_site(tmp_path, {"content/b/index.md": text, "content/b/gps.jpg": buf.getvalue()}, SITE_YAML + "images: {publish_originals: true}\n")
    build_site_dir(site)
    published = Image.open(site / "build/2024/09/27/anh/gps.jpg")
    assert published.getexif().get_ifd(0x8825) == {}
    assert published.getexif()[0x010F] == "Canon"


def test_site_templates_override_the_theme_by_name(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article(),
                                "templates/partials/footer.html": "<footer>Chân trang riêng</footer>\n"})
    build_site_dir(site)
    assert "Chân trang riêng" in page(site, "index.html")


def test_raw_html_allowed_when_configured(tmp_path):
    yaml = "title: T\nbase_url: https://x.vn\nauthor: A\nallow_raw_html: true\n"
    site = make_site(tmp_path, {"content/a.md": article(body="Đoạn đầu.\n\n<div class=\"video\">x</div>\n")}, yaml)
    build_site_dir(site)
    assert '<div class="video">x</div>' in page(site, "2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/index.html")


def test_cli_summary_line(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article()})
    result = run_cli("build", "--site", str(site))
    assert result.exit_code == 0
    assert result.stdout.startswith("đã tạo ") and "từ 1 bài viết trong" in result.stdout
    result = run_cli("--lang", "en", "build", "--site", str(site))
    assert result.stdout.startswith("built ") and " pages from 1 article in " in result.stdout


def test_static_files_are_published_but_not_the_folder_readme(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article(), "static/README.md": "Ghi chú cho người làm trang",
                                "static/tai-lieu/README.md": "một tài liệu", "static/.an": "x"})
    build_site_dir(site)
    assert not (site / "build/README.md").exists() and not (site / "build/.an").exists()
    assert (site / "build/tai-lieu/README.md").read_text(encoding="utf-8") == "một tài liệu"


def test_links_to_another_articles_file_point_at_its_page(tmp_path):
    site = make_site(tmp_path, {
        "content/2024/09/a/index.md": article(title="Bài A", body="Xem [bài B](../b/index.md#ket-qua).\n"),
        "content/2024/09/b/index.md": article(title="Bài B", date="20/09/2024")})
    build_site_dir(site)
    html = page(site, "2024/09/27/bai-a/index.html")
    assert '<a href="/2024/09/20/bai-b/#ket-qua">bài B</a>' in html
    (site / "content/2024/09/b/index.md").write_text(article(title="Bài B mới", date="20/09/2024"), encoding="utf-8")
    build_site_dir(site)
    assert '<a href="/2024/09/20/bai-b-moi/#ket-qua">' in page(site, "2024/09/27/bai-a/index.html")


def test_progress_bar_appears_only_after_a_moment_and_is_cleared():
    import io

    from bantin.cli import TerminalProgress
    now = [0.0]
    stream = io.StringIO()
    bar = TerminalProgress("vi", stream, clock=lambda: now[0])
    now[0] = 0.5
    bar.stage("progress.parse", 10)          # too early to show
    now[0] = 0.7
    bar.advance(5)
    now[0] = 2.0
    bar.stage("progress.write", 4)           # shown from here on
    now[0] = 2.2
    bar.advance(2)
    assert "\rđọc bài viết" not in stream.getvalue()
    assert "tạo trang [" in stream.getvalue() and "2/4" in stream.getvalue()
    bar.finish()
    assert stream.getvalue().endswith("\r\033[K")


def test_no_progress_bar_in_ci(monkeypatch):
    from bantin.cli import TerminalProgress
    monkeypatch.setenv("CI", "true")
    assert not TerminalProgress.wanted()


def test_taxonomy_indexes_list_every_term_with_its_count(tmp_path):
    files = {"content/a.md": article(title="Tin A", category="An toàn giao thông", tags="[Đề án 06, Công an xã]"),
             "content/b.md": article(title="Tin B", category="An toàn giao thông", tags="[Công an xã]")}
    site = make_site(tmp_path, files)
    build_site_dir(site)
    tags = (site / "build/tu-khoa/index.html").read_text(encoding="utf-8")
    assert tags.index(">Công an xã</a> <span class=\"count\">(2 bài viết)") < tags.index(">Đề án 06</a>")
    sections = (site / "build/chuyen-muc/index.html").read_text(encoding="utf-8")
    assert '<a href="/chuyen-muc/an-toan-giao-thong/">An toàn giao thông</a> <span class="count">(2 bài viết)' in sections
    assert "Phòng chống tội phạm</a> <span class=\"count\">(0 bài viết)" in sections
    assert (site / "build/tac-gia/index.html").is_file()
    tag_page = (site / "build/tu-khoa/cong-an-xa/index.html").read_text(encoding="utf-8")
    assert '<li><a href="/tu-khoa/">Từ khóa</a></li>' in tag_page
    sitemap = (site / "build/sitemap.xml").read_text(encoding="utf-8")
    assert all(f"https://congan.example.vn{u}</loc>" in sitemap for u in ("/chuyen-muc/", "/tu-khoa/", "/tac-gia/"))
