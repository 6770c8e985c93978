"""`bantin import`: old portals in three layouts (one in Windows-1258) served on 127.0.0.1, saved
pages and copied text become articles that check and build, show what the old page showed, and
keep their old addresses working."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import NOW, SITE_YAML, build_site_dir, make_site, run_cli
from legacy_portal import ASPNET, JAVA, ODD, WORDPRESS, aspnet_page, photo, sitemap, standard_portal

from bantin.authoring.fetch import Fetcher
from bantin.authoring.importer import ImportOptions, run_import
from bantin.check import check_site
from bantin.config import load_config
from bantin.core.errors import BuildFailed, UsageError

FAST = ImportOptions(delay=0.0, backoff=0.0)
ISSUE_TEXT = """Tiếp tục đẩy mạnh xây dựng lực lượng Công an xã, thị trấn vững mạnh toàn diện

Cập nhật ngày: 27/09/2024 11:41:48

ĐTO - Sáng ngày 27/9, Công an tỉnh tổ chức Hội nghị sơ kết 2 năm thực hiện Đề án xây dựng lực lượng Công an xã.

Đồng chí Phạm Thành Ngại - Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh phát biểu chỉ đạo hội nghị

2 năm qua, Công an tỉnh quán triệt và triển khai đồng bộ các giải pháp. Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 34 tập thể, 74 cá nhân.

DƯƠNG ÚT

< Trở về trang trước
Gửi bình luận của bạn
"""


@pytest.fixture
def portal():
    with standard_portal() as running:
        running.routes["/sitemap.xml"] = (200, "application/xml", sitemap(running.base), {})
        yield running


def site_with(tmp_path, site_yaml: str = SITE_YAML) -> Path:
    return make_site(tmp_path, {}, site_yaml)


def imported(report) -> dict[str, str]:
    return {o.source: o.path for o in report.outcomes if o.status == "imported"}


def page_of(site: Path, index_md: str) -> str:
    """The built page of an imported article."""
    from bantin.content.load import load_articles
    articles, _ = load_articles(load_config(site))
    (article,) = [a for a in articles if a.path == index_md]
    return (site / "build" / article.output_path).read_text(encoding="utf-8")


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_three_portals_import_check_build_and_show_what_the_old_pages_showed(tmp_path, portal):
    site = site_with(tmp_path)
    config = load_config(site)
    sources = [f"{portal.base}/tin-tuc/chi-tiet/12345.aspx", f"{portal.base}/tin-tuc/chi-tiet/777.aspx",
               f"{portal.base}/java/bai-2.html", f"{portal.base}/2024/11/15/ra-quan/"]
    report = run_import(config, sources, FAST)
    paths = imported(report)
    assert len(paths) == 4, report.outcomes
    assert all(p.startswith("content/") for p in paths.values())

    # polite: bantin named in every request, never more than 2 at a time
    assert portal.max_in_flight <= 2
    assert all("bantin" in agent for _, agent in portal.hits)

    problems = check_site(load_config(site), now=NOW)
    assert [p for p in problems if p.is_error] == [], problems
    build_site_dir(site)

    for source, expected in ((sources[0], ASPNET), (sources[2], JAVA), (sources[3], WORDPRESS)):
        html = page_of(site, paths[source])
        text = plain(html)
        assert expected["title"] in text
        assert expected["date"].split()[0] in text
        for paragraph in expected["paragraphs"]:
            assert paragraph[:60] in text, (source, paragraph)
        assert f"<figcaption>{expected['caption']}</figcaption>" in html
        assert expected["author"] in text
        assert 'href="/tac-gia/' in html and expected["category"] in text or expected is JAVA

    asp = (site / paths[sources[0]]).read_text(encoding="utf-8")
    assert "\nsource: ĐTO\n" in asp and "\nauthor: Dương Út\n" in asp and "\ncategory: Xây dựng lực lượng\n" in asp
    assert f"\nsource_url: {sources[0]}\n" in asp and "\naliases:\n  - /tin-tuc/chi-tiet/12345.aspx\n" in asp
    assert "# awards:\n#   - type: Giấy khen\n#     giver: Giám đốc Công an tỉnh\n#     collectives: 34\n" in asp
    for junk in ("Trở về trang trước", "Gửi bình luận", "Lượt xem", "Chia sẻ", "Các tin khác", "DƯƠNG ÚT"):
        assert junk not in asp, junk
    other = paths[sources[1]]
    assert f"[trước đó](../{other.split('/')[-2]}/index.md)" in asp     # a link to an article imported too
    java = (site / paths[sources[2]]).read_text(encoding="utf-8")
    assert "### Tang vật thu giữ\n\n- 2 gói ni lông chứa ma túy đá;" in java and "**báo ngay**" in java
    assert "alt: Đối tượng và tang vật trên bàn làm việc" in java and "tags: [ma túy," in java
    wordpress = (site / paths[sources[3]]).read_text(encoding="utf-8")
    assert "| Nồng độ cồn | 12 |" in wordpress and "Ý kiến bạn đọc" not in wordpress

    warnings = {o.source: [w.key for w in o.warnings] for o in report.outcomes}
    assert "import.warn.photo" in warnings[sources[0]]      # the missing photo: imported without it
    assert "import.warn.awards" in warnings[sources[0]]

    # the old address answers with a redirect to the new one
    redirect = (site / "build/tin-tuc/chi-tiet/12345.aspx/index.html").read_text(encoding="utf-8")
    new_url = re.search(r'url=(/2024/09/27/[^"]+/)"', redirect).group(1)
    assert (site / "build" / new_url.strip("/") / "index.html").is_file()
    assert "12345.aspx" not in (site / "build/sitemap.xml").read_text(encoding="utf-8")


def test_a_second_run_skips_what_is_imported_and_never_overwrites(tmp_path, portal):
    site = site_with(tmp_path)
    url = f"{portal.base}/tin-tuc/chi-tiet/12345.aspx"
    first = run_import(load_config(site), [url], FAST)
    path = site / imported(first)[url]
    path.write_text(path.read_text(encoding="utf-8").replace("Sáng ngày", "Sáng hôm"), encoding="utf-8")
    edited = path.read_text(encoding="utf-8")
    before = len(portal.hits)
    second = run_import(load_config(site), [url], FAST)
    assert [(o.status, o.reason.key) for o in second.outcomes] == [("skipped", "import.reason.already")]
    assert len(portal.hits) == before                        # known by source_url: not even fetched
    assert path.read_text(encoding="utf-8") == edited
    assert len(list((site / "content").rglob("index.md"))) == 1


def test_a_sitemap_and_a_list_page_lead_to_their_articles(tmp_path, portal):
    site = site_with(tmp_path)
    report = run_import(load_config(site), [f"{portal.base}/sitemap.xml"], FAST)
    assert len(imported(report)) == 3
    dry = run_import(load_config(site_with(tmp_path / "b")), [f"{portal.base}/tin-tuc/"],
                     ImportOptions(delay=0, backoff=0, follow="a.news-title", dry_run=True))
    assert sorted(imported(dry)) == [f"{portal.base}/java/bai-2.html", f"{portal.base}/tin-tuc/chi-tiet/12345.aspx"]
    assert not (tmp_path / "b" / "site" / "content").exists()


@pytest.mark.parametrize("path, status, key", [
    ("/khong-co.aspx", "failed", "import.reason.http"),
    ("/dang-nhap.aspx", "skipped", "import.reason.login"),
    ("/tin-tuc/", "skipped", "import.reason.list"),
    ("/vong-lap", "failed", "import.reason.redirects"),
])
def test_pages_that_are_not_articles_are_skipped_or_failed_with_the_reason(tmp_path, portal, path, status, key):
    site = site_with(tmp_path)
    report = run_import(load_config(site), [portal.base + path], FAST)
    assert [(o.status, o.reason.key) for o in report.outcomes] == [(status, key)]
    assert not (site / "content").exists()


def test_a_page_too_large_is_refused_and_a_busy_server_is_tried_again(tmp_path, portal):
    site = site_with(tmp_path)
    url = f"{portal.base}/tin-tuc/chi-tiet/12345.aspx"
    with Fetcher(delay=0, backoff=0, max_bytes=1000) as small:
        report = run_import(load_config(site), [url], FAST, fetcher=small)
    assert [(o.status, o.reason.key) for o in report.outcomes] == [("failed", "import.reason.too_large")]
    portal.fail_once.add("/tin-tuc/chi-tiet/12345.aspx")
    report = run_import(load_config(site), [url], FAST)
    assert [o.status for o in report.outcomes] == ["imported"]
    assert [p for p, _ in portal.hits].count("/tin-tuc/chi-tiet/12345.aspx") == 3   # 1 too large, 503, then 200


def test_a_layout_the_heuristics_miss_is_read_with_selectors_from_site_yaml(tmp_path, portal):
    url = f"{portal.base}/odd.aspx?id=9"
    plain_site = site_with(tmp_path / "a")
    report = run_import(load_config(plain_site), [url], FAST)
    guessed = (plain_site / imported(report)[url]).read_text(encoding="utf-8")   # the date line is read ...
    assert "date: 03/12/2024 09:00:00\n" in guessed and "Thống kê" in guessed   # ... but not what to leave out
    site = site_with(tmp_path / "b", SITE_YAML + 'import:\n  title: span.tieu-de\n  date: td.ngay\n'
                                                  '  body: "#noi-dung"\n  author: .tac-gia\n  remove: [".box"]\n')
    report = run_import(load_config(site), [url], FAST)
    path = imported(report)[url]
    text = (site / path).read_text(encoding="utf-8")
    assert f"title: {ODD['title']}\ndate: 03/12/2024 09:00:00\nauthor: {ODD['author']}\n" in text
    assert '\naliases:\n  - "/odd.aspx?id=9"\n' in text or "\naliases:\n  - /odd.aspx?id=9\n" in text
    assert ODD["paragraphs"][1] in text and "Thống kê" not in text
    build_site_dir(site)
    assert '"id=9": "/2024/12/03/' in (site / "build/odd.aspx/index.html").read_text(encoding="utf-8")


def test_site_yaml_import_keys_are_checked(tmp_path):
    with pytest.raises(BuildFailed) as info:
        load_config(site_with(tmp_path, SITE_YAML + "import:\n  titel: h1\n"))
    assert "unknown key 'import.titel'; did you mean 'title'?" in str(info.value.problems[0])
    config = load_config(site_with(tmp_path / "b", SITE_YAML + "import:\n  body: 'div[[['\n"))
    with pytest.raises(UsageError) as usage:
        run_import(config, ["x.html"], FAST)
    assert usage.value.msg.key == "import.bad_selector"


def test_text_in_the_shape_of_the_issue(tmp_path):
    site = site_with(tmp_path)
    source = tmp_path / "bai.txt"
    source.write_text(ISSUE_TEXT, encoding="utf-8")
    report = run_import(load_config(site), [str(source)], FAST)
    (outcome,) = report.outcomes
    assert outcome.status == "imported"
    assert [w.key for w in outcome.warnings] == ["import.warn.photos_from_text", "import.warn.awards"]
    text = (site / outcome.path).read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Tiếp tục đẩy mạnh xây dựng lực lượng Công an xã, thị trấn vững mạnh toàn "
                           "diện\ndate: 27/09/2024 11:41:48\nauthor: Dương Út\nsource: ĐTO\ndraft: false\n")
    assert "# images:\n#   - src: anh-1.jpg\n#     caption: Đồng chí Phạm Thành Ngại" in text
    assert "# awards:\n#   - type: Bằng khen\n#     giver: Chủ tịch UBND tỉnh\n#     collectives: 34\n" in text
    assert text.endswith("\n---\nSáng ngày 27/9, Công an tỉnh tổ chức Hội nghị sơ kết 2 năm thực hiện Đề án xây "
                         "dựng lực lượng Công an xã.\n\n2 năm qua, Công an tỉnh quán triệt và triển khai đồng bộ các "
                         "giải pháp. Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 34 tập thể, 74 cá nhân.\n")
    assert [p for p in check_site(load_config(site), now=NOW) if p.is_error] == []
    build_site_dir(site)
    html = page_of(site, outcome.path)
    assert "Dương Út" in html and "ĐTO" in html
    again = run_import(load_config(site), [str(source)], FAST)
    assert [o.status for o in again.outcomes] == ["skipped"]


def test_a_saved_page_and_its_photos_folder(tmp_path):
    folder = tmp_path / "luu"
    (folder / "bai_files").mkdir(parents=True)
    page = aspnet_page().replace(b'src="/Uploads/2024/09/hoi-nghi.jpg"', b'src="bai_files/hoi-nghi.jpg"')
    page = page.replace(b'src="/Uploads/khong-co.jpg"', b'src="../../etc/passwd.jpg"')
    (folder / "bai.html").write_bytes(page)
    (folder / "bai_files" / "hoi-nghi.jpg").write_bytes(photo("navy"))
    (folder / "bai_files" / "ghi-chu.css").write_text("p{}")
    site = site_with(tmp_path)
    report = run_import(load_config(site), [str(folder)], FAST)
    (outcome,) = report.outcomes
    bundle = (site / outcome.path).parent
    assert sorted(p.name for p in bundle.iterdir()) == ["hoi-nghi.jpg", "index.md"]
    assert "import.warn.photo" in [w.key for w in outcome.warnings]    # the photo outside the folder
    build_site_dir(site)
    assert f"<figcaption>{ASPNET['caption']}</figcaption>" in page_of(site, outcome.path)


def test_cli_import_prints_a_summary_or_json_and_never_a_traceback(tmp_path, portal):
    site = site_with(tmp_path)
    source = tmp_path / "bai.txt"
    source.write_text(ISSUE_TEXT, encoding="utf-8")
    result = run_cli("import", str(source), str(tmp_path / "khong-co.txt"), f"{portal.base}/dang-nhap.aspx",
                     "--site", str(site), "--delay", "0")
    assert result.exit_code == 1
    assert "đã nhập: " in result.stdout and "bỏ qua: " in result.stdout and "trang đăng nhập" in result.stdout
    assert "lỗi: " in result.stderr and "không tìm thấy tệp" in result.stderr
    assert "tổng cộng: 1 bài đã nhập, 1 bỏ qua, 1 lỗi" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    result = run_cli("--lang", "en", "import", str(source), "--site", str(site), "--format", "json", "--dry-run")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert data["skipped"] == 1 and data["articles"][0]["reason"].startswith("already imported as content/2024/09/")


def test_nothing_is_written_outside_content(tmp_path):
    site = site_with(tmp_path)
    source = tmp_path / "bai.txt"
    source.write_text(ISSUE_TEXT.replace("Tiếp tục đẩy mạnh", "../../../tmp/x"), encoding="utf-8")
    before = {p for p in tmp_path.rglob("*")}
    report = run_import(load_config(site), [str(source)], FAST)
    after = {p for p in tmp_path.rglob("*")} - before
    assert report.outcomes[0].status == "imported"
    assert all(p.is_relative_to(site / "content") for p in after)


def test_requests_to_one_host_wait_for_the_delay_and_name_bantin(portal):
    waits = []
    with Fetcher(delay=5.0, sleep=waits.append, clock=lambda: 100.0) as fetcher:
        for _ in range(3):
            assert fetcher.get(f"{portal.base}/tin-tuc/").status == 200
    assert waits == [5.0, 10.0]             # the clock stands still here: each start waits its turn
    assert fetcher.requests == 3 and all(agent.startswith("bantin/") for _, agent in portal.hits)


def test_an_old_address_another_article_already_has_is_not_claimed_twice(tmp_path, portal):
    from conftest import article
    site = make_site(tmp_path, {"content/2024/01/cu/index.md": article(aliases="[/tin-tuc/chi-tiet/12345.aspx]")})
    report = run_import(load_config(site), [f"{portal.base}/tin-tuc/chi-tiet/12345.aspx"], FAST)
    (outcome,) = report.outcomes
    assert "import.warn.alias_taken" in [w.key for w in outcome.warnings]
    assert "aliases:" not in (site / outcome.path).read_text(encoding="utf-8")
    assert [p for p in check_site(load_config(site), now=NOW) if p.is_error] == []


def test_under_a_sub_path_old_addresses_outside_it_become_a_warning_with_the_redirect_to_add(tmp_path, portal):
    site = site_with(tmp_path, SITE_YAML.replace("https://congan.example.vn", "https://congan.example.vn/tin-tuc"))
    inside, outside = f"{portal.base}/tin-tuc/chi-tiet/12345.aspx", f"{portal.base}/java/bai-2.html"
    report = run_import(load_config(site), [inside, outside], FAST)
    paths = imported(report)
    warnings = {o.source: o.warnings for o in report.outcomes}
    assert "\naliases:\n  - /tin-tuc/chi-tiet/12345.aspx\n" in (site / paths[inside]).read_text(encoding="utf-8")
    assert "aliases:" not in (site / paths[outside]).read_text(encoding="utf-8")
    [moved] = [w for w in warnings[outside] if w.key == "import.warn.alias_outside_base"]
    assert 'location = "/java/bai-2.html" { return 301 /tin-tuc/20' in moved.render("en")
    assert [p for p in check_site(load_config(site), now=NOW) if p.is_error] == []
    build_site_dir(site)
    assert "url=/tin-tuc/2024/09/27/" in (site / "build/chi-tiet/12345.aspx/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("permalink, existing, date", [
    ("/{section}/{slug}/", "content/2020/01/cu/index.md", "01/01/2020"),     # another month, one address
    (None, "content/2024/09/bai-khac/index.md", "27/09/2024 08:00"),           # another folder, the same day
])
def test_an_article_whose_address_is_taken_is_imported_under_a_free_slug_and_builds(tmp_path, portal, permalink,
                                                                                      existing, date):
    from conftest import article
    from bantin.core import vi
    yaml = SITE_YAML + (f"permalink: {permalink}\n" if permalink else "")
    site = make_site(tmp_path, {existing: article(title=ASPNET["title"], date=date, category=ASPNET["category"],
                                                  draft="true")}, yaml)
    report = run_import(load_config(site), [f"{portal.base}/tin-tuc/chi-tiet/12345.aspx"], FAST)
    [path] = imported(report).values()
    slug = vi.article_slug(None, ASPNET["title"]) + "-2"
    assert path.split("/")[-2] == slug
    assert f"\nslug: {slug}\n" in (site / path).read_text(encoding="utf-8")
    assert [p for p in check_site(load_config(site), now=NOW) if p.is_error] == []
    build_site_dir(site, drafts=True)


UNDATED = """Giao nhận quân năm 2025: Công an tỉnh tuyển chọn công dân thực hiện nghĩa vụ

Công an tỉnh vừa hoàn thành việc tuyển chọn công dân thực hiện nghĩa vụ tham gia Công an nhân dân năm 2025.

Các công dân trúng tuyển sẽ được huấn luyện tại các trường Công an nhân dân trong thời gian 6 tháng.

Thanh Bình
"""


def test_a_text_without_a_date_is_imported_as_a_draft_with_the_fix_for_a_text_file(tmp_path):
    site = site_with(tmp_path)
    source = tmp_path / "khong-ngay.txt"
    source.write_text(UNDATED, encoding="utf-8")
    now = NOW.replace(hour=3, minute=7, second=42)
    (outcome,) = run_import(load_config(site), [str(source)], FAST, now=now).outcomes
    assert outcome.status == "imported" and outcome.path.startswith("content/2026/01/")
    (warning,) = [w for w in outcome.warnings if w.key.startswith("import.warn.no_date")]
    assert warning.key == "import.warn.no_date_text"
    vi_text, en_text = warning.render("vi"), warning.render("en")
    assert "Ngày đăng: 27/09/2024 11:41" in vi_text and "tệp .txt" in vi_text and "site.yaml" not in vi_text
    assert "01/01/2026 10:07:00" in en_text and "site.yaml" not in en_text     # the stand-in date, site time
    text = (site / outcome.path).read_text(encoding="utf-8")
    assert "\ndate: 01/01/2026 10:07:00\n" in text and "\ndraft: true\n" in text and "author: Thanh Bình\n" in text
    assert [p for p in check_site(load_config(site), now=NOW) if p.is_error] == []


def test_a_saved_page_without_a_date_is_a_draft_whose_warning_names_the_selector(tmp_path):
    site = site_with(tmp_path)
    page = tmp_path / "bai.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in UNDATED.split("\n\n")[1:3])
    page.write_text(f"<html><head><title>Tin</title></head><body><h1>Tiêu đề bài</h1><div>{paragraphs}</div>"
                    "</body></html>", encoding="utf-8")
    (outcome,) = run_import(load_config(site), [str(page)], FAST, now=NOW).outcomes
    assert outcome.status == "imported"
    assert "import.warn.no_date_page" in [w.key for w in outcome.warnings]
    assert "site.yaml" in [w for w in outcome.warnings if w.key == "import.warn.no_date_page"][0].render("vi")


def test_an_impossible_date_makes_a_draft_too(tmp_path):
    site = site_with(tmp_path)
    source = tmp_path / "sai-ngay.txt"
    source.write_text(UNDATED.replace("\n\n", "\n\nNgày đăng: 31/02/2024 08:00\n\n", 1), encoding="utf-8")
    (outcome,) = run_import(load_config(site), [str(source)], FAST, now=NOW).outcomes
    assert outcome.status == "imported" and "\ndraft: true\n" in (site / outcome.path).read_text(encoding="utf-8")
    assert [w.key for w in outcome.warnings if "date" in w.key] == ["import.warn.no_date_text"]


def test_a_long_paragraph_without_a_full_stop_stays_in_the_body_and_captions_are_quoted(tmp_path):
    long = ("Đến nay, toàn xã đã lắp đặt hơn 120 camera tại các tuyến đường, ngã ba, ngã tư và khu vực công cộng, "
            "kết nối với trụ sở Công an xã để theo dõi, phát hiện kịp thời các hành vi vi phạm pháp luật, góp phần "
            "giảm mạnh các vụ trộm cắp tài sản trên địa bàn")
    assert len(long) > 200
    site = site_with(tmp_path)
    source = tmp_path / "camera.txt"
    source.write_text(f"Hiệu quả từ mô hình camera an ninh\n\nNgày đăng: 02/10/2024 07:05\n\n"
                      f"Thời gian qua, mô hình camera an ninh đã phát huy hiệu quả trong phòng ngừa tội phạm.\n\n"
                      f"{long}\n\nToàn cảnh buổi ra mắt mô hình\n\nNgười dân phấn khởi.\n", encoding="utf-8")
    (outcome,) = run_import(load_config(site), [str(source)], FAST).outcomes
    text = (site / outcome.path).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    assert long in body and "Toàn cảnh buổi ra mắt" not in body
    (captions,) = [w for w in outcome.warnings if w.key == "import.warn.photos_from_text"]
    assert "Toàn cảnh buổi ra mắt mô hình" in captions.render("vi") and "1 line read" in captions.render("en")


def test_a_text_copied_with_its_furniture_keeps_only_the_article(tmp_path):
    site = site_with(tmp_path)
    source = tmp_path / "ban-sao.txt"
    source.write_text("Trang chủ > Tin tức > An ninh trật tự\nBắt giữ nhóm trộm cắp xe máy\nThứ Sáu, 27/09/2024 - 11:41\n"
                      "Tin, ảnh: Q.H - T.L\nNDO -\nSáng 27/9, Công an huyện bắt giữ 4 đối tượng trộm cắp xe máy liên "
                      "huyện.\nNội dung\tSố vụ\nTrộm cắp\t12\nCướp giật\t3\nHiện vụ việc đang được điều tra.\n"
                      "Tin liên quan\nTriệt phá đường dây đánh bạc qua mạng\n", encoding="utf-8")
    (outcome,) = run_import(load_config(site), [str(source)], FAST).outcomes
    text = (site / outcome.path).read_text(encoding="utf-8")
    assert "\ndate: 27/09/2024 11:41:00\nauthor: [Q.H, T.L]\nsource: NDO\n" in text
    body = text.split("\n---\n", 1)[1]
    assert body.startswith("Sáng 27/9, Công an huyện") and "| Nội dung | Số vụ |\n|---|---|\n| Trộm cắp | 12 |" in body
    assert "Trang chủ" not in body and "Triệt phá" not in body and "NDO" not in body
    build_site_dir(site)
    assert "<td>Trộm cắp</td>" in page_of(site, outcome.path)
