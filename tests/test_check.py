"""`bantin check`: everything a build validates, plus links, unused files and alt text; nothing written."""

from __future__ import annotations

import json

import pytest
from conftest import NOW, article, build_site_dir, jpeg, make_site, run_cli

from bantin.build import BuildOptions, load, load_checked_theme, planned_outputs
from bantin.check import check_site, render_github, render_json, render_report
from bantin.config import load_config
from bantin.core.errors import error, warning
from bantin.output.swap import MARKER
from bantin.site.collect import Visibility

A = "content/2024/09/bai-a/index.md"
B = "content/2024/09/bai-b/index.md"
URL_B = "/2024/09/28/bai-b/"


def problems(site, lang="en", **options):
    return [p.format(lang) for p in check_site(load_config(site), now=NOW, **options)]


def codes(site, **options):
    return [(p.path, p.line, p.msg.key) for p in check_site(load_config(site), now=NOW, **options)]


def two_articles(body_a: str, **extra_files):
    files = {A: article("Bài A", "27/09/2024 08:00", body_a, slug="bai-a"),
             B: article("Bài B", "28/09/2024 08:00", "Nội dung bài B.\n", slug="bai-b")}
    files.update(extra_files)
    return files


def snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_clean_site_has_no_problems_and_nothing_is_written(tmp_path):
    site = make_site(tmp_path, two_articles(f"Xem [bài B]({URL_B}) và [chuyên mục](/chuyen-muc/an-toan-giao-thong/).\n"))
    before = snapshot(tmp_path)
    assert problems(site) == []
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in site.iterdir()) == ["content", "site.yaml"]


@pytest.mark.parametrize("href", [
    URL_B, URL_B + "#doan-2", URL_B.rstrip("/"), "/", "/2024/09/", "/chuyen-muc/xay-dung-luc-luong/",
    "https://congan.example.vn" + URL_B, "https://baochinhphu.vn/khong-kiem-tra/", "mailto:a@b.vn",
    "tel:113", "#muc-2", "../bai-b/index.md", "../bai-b/index.md#doan", "../../28/bai-b/",
])
def test_links_that_lead_somewhere(tmp_path, href):
    site = make_site(tmp_path, two_articles(f"Đoạn mở đầu.\n\nXem [liên kết]({href}).\n"))
    assert problems(site) == []


@pytest.mark.parametrize("href, message", [
    ("/2024/09/28/bai-c/", "link '/2024/09/28/bai-c/' leads to no page of the site (an article's address looks "
                           "like /2024/09/27/its-slug/); did you mean '/2024/09/28/bai-b/'?"),
    ("/trang-khong-co/", "link '/trang-khong-co/' leads to no page of the site (an article's address"),
    ("/2024/09/28/bai/", "link '/2024/09/28/bai/' leads to no page of the site (an article's address looks "
                         "like /2024/09/27/its-slug/); did you mean '/2024/09/28/bai-b/'?"),
    ("https://congan.example.vn/2024/09/28/bai-bb/", "link 'https://congan.example.vn/2024/09/28/bai-bb/' leads to "
                                                     "no page of the site (an article's address looks like "
                                                     "/2024/09/27/its-slug/); did you mean '/2024/09/28/bai-b/'?"),
    ("../bai-c/index.md", "link '../bai-c/index.md' points to the file 'content/2024/09/bai-c/index.md', which does "
                          "not exist; did you mean 'content/2024/09/bai-b/index.md'?"),
    ("/css/bantin.css", "link '/css/bantin.css' leads to no page of the site"),
])
def test_links_that_lead_nowhere_are_errors_at_their_line(tmp_path, href, message):
    site = make_site(tmp_path, two_articles(f"Đoạn mở đầu.\n\nXem [liên kết]({href}).\n"))
    [found] = problems(site)
    assert found.startswith(f"{A}:8: error: {message}"), found


def test_a_link_to_a_draft_leads_nowhere_unless_drafts_are_published(tmp_path):
    files = two_articles(f"Xem [bài B]({URL_B}).\n")
    files[B] = article("Bài B", "28/09/2024 08:00", "Nội dung.\n", slug="bai-b", draft="true")
    site = make_site(tmp_path, files)
    assert [c[2] for c in codes(site)] == ["link.broken"]
    assert codes(site, visibility=Visibility(drafts=True)) == []


def test_a_file_of_the_bundle_that_is_linked_but_not_published(tmp_path):
    site = make_site(tmp_path, two_articles("Tải [kế hoạch](ke-hoach.pdf).\n",
                                            **{"content/2024/09/bai-a/ke-hoach.pdf": b"%PDF-1.4"}))
    [found] = problems(site, "vi")
    assert found == (f"{A}:6: lỗi: liên kết 'ke-hoach.pdf' trỏ tới tệp 'content/2024/09/bai-a/ke-hoach.pdf', "
                     "nhưng tệp này không được đăng lên trang web (chỉ ảnh dùng trong bài, tài liệu trong "
                     "'attachments:' và video trong 'videos:' mới được đăng); hãy khai báo tệp ở đó, hoặc chuyển "
                     "tệp vào static/ và liên kết tới '/ke-hoach.pdf'")


def test_links_to_published_photos_and_static_files(tmp_path):
    bundle = "content/2024/09/bai-a/"
    site = make_site(tmp_path, two_articles(
        "Đoạn mở đầu.\n\n![Ảnh hội nghị](hoi-nghi.jpg)\n\n[Ảnh cỡ lớn](hoi-nghi.jpg), "
        "[kế hoạch](/tai-lieu/ke-hoach.pdf)\n",
        **{bundle + "hoi-nghi.jpg": jpeg(), "static/tai-lieu/ke-hoach.pdf": b"%PDF-1.4"}))
    assert problems(site) == []


def test_unused_files_in_a_bundle_are_warnings_on_the_file(tmp_path):
    bundle = "content/2024/09/bai-a/"
    site = make_site(tmp_path, two_articles(
        "Đoạn mở đầu.\n\n![Ảnh](dung.jpg)\n",
        **{bundle + "dung.jpg": jpeg(), bundle + "thua.jpg": jpeg(), bundle + "anh/thua-2.png": b"x",
           bundle + ".DS_Store": b"x", bundle + "ghi-chu.md": "Ghi chú riêng\n"}))
    found = [p for p in check_site(load_config(site), now=NOW) if p.msg.key == "file.unused"]
    assert [(p.path, p.line, p.severity) for p in found] == [
        (bundle + "anh/thua-2.png", None, "warning"), (bundle + "thua.jpg", None, "warning")]
    assert found[1].format("vi") == (
        f"{bundle}thua.jpg: cảnh báo: tệp này nằm trong thư mục của bài '{A}' nhưng bài không dùng tới "
        "(không có trong 'images:' hay trong nội dung) nên sẽ không được đăng; hãy thêm vào 'images:' hoặc xóa tệp")


def test_files_of_a_nested_bundle_belong_to_it(tmp_path):
    files = {"content/2024/09/bai-a/index.md": article("Bài A", slug="bai-a"),
             "content/2024/09/bai-a/con/index.md": article("Bài con", "28/09/2024", "Ảnh.\n\n![Ảnh](anh.jpg)\n",
                                                           slug="bai-con"),
             "content/2024/09/bai-a/con/anh.jpg": jpeg()}
    assert problems(make_site(tmp_path, files)) == []


def test_body_images_without_alt_warn_once_and_captions_are_not_repeated(tmp_path):
    bundle = "content/2024/09/bai-a/"
    text = article("Bài A", "27/09/2024 08:00", "Đoạn mở đầu.\n\n![](than-bai.jpg)\n\n![Có mô tả](co-mo-ta.jpg)\n",
                   slug="bai-a", images="[{src: dai-dien.jpg}]")
    site = make_site(tmp_path, {A: text, bundle + "than-bai.jpg": jpeg(), bundle + "co-mo-ta.jpg": jpeg(),
                                bundle + "dai-dien.jpg": jpeg()})
    assert codes(site) == [(A, 5, "warn.caption_missing"), (A, 9, "warn.alt_missing")]
    assert problems(site)[1] == (
        f"{A}:9: warning: image 'than-bai.jpg' has no description for blind readers; write "
        "![what the photo shows](than-bai.jpg), or declare it under 'images:' with a 'caption'")


def test_content_warnings_are_reported_once_each(tmp_path):
    text = "---\ntitle: " + "Tiêu đề rất dài " * 12 + "\ndate: 27/09/2024\nupdated: 26/09/2024\n---\n"
    files = {A: text, B: article("Bài B", "27/09/2030", slug="bai-b")}
    found = codes(make_site(tmp_path, files), visibility=Visibility(future=True))
    assert sorted(k for _, _, k in found) == ["warn.body_empty", "warn.future_far", "warn.title_long",
                                               "warn.updated_before_date"]


def test_every_build_error_is_found_without_building(tmp_path):
    files = {A: article("Bài A", "32/09/2024"), B: "---\ntitle: B\n---\nx\n",
             "content/2024/09/c/index.md": article("Bài C", images="[{src: khong-co.jpg, caption: C}]"),
             "content/2024/09/d/index.md": article("Bài C", category="Giao thông")}
    found = codes(make_site(tmp_path, files))
    assert [k for _, _, k in found] == ["date.impossible", "key.required", "image.missing",
                                         "article.category_unknown"]


def test_duplicate_urls_and_output_collisions(tmp_path):
    files = {"content/a.md": article("Trùng"), "content/b.md": article("Trùng")}
    found = codes(make_site(tmp_path, files))
    assert [k for _, _, k in found] == ["article.url_duplicate", "article.url_duplicate"]
    site_yaml = "title: T\nbase_url: https://x.vn\nauthor: A\npermalink: /{slug}/\n"
    found = check_site(load_config(make_site(tmp_path / "2", {"content/a.md": article('"2024"')}, site_yaml)), now=NOW)
    assert [p.format("en") for p in found] == [
        "content/a.md:2: error: output file 2024/index.html is produced twice (also by /2024/)"]


def test_template_errors_are_found(tmp_path):
    site = make_site(tmp_path, {A: article(), "templates/article.html": "<html>\n{{ article.nope }}\n</html>\n"})
    [found] = problems(site)
    assert found.startswith("templates/article.html:2: error: template error:")


def test_render_json_and_github():
    found = [error("content/a b,c.md", 3, "date.format", text="32/09/2024"),
             warning("content/x/thua.jpg", None, "file.unused", article="content/x/index.md")]
    data = json.loads(render_json(found, "vi"))
    assert data[0] == {"path": "content/a b,c.md", "line": 3, "severity": "error", "code": "date.format",
                       "message": "ngày '32/09/2024' không hợp lệ (cần dạng 27/09/2024 11:41 hoặc 2024-09-27 11:41)"}
    assert data[1]["line"] is None and data[1]["severity"] == "warning"
    lines = render_github(found, "en", lambda p: "site/" + p)
    assert lines[0] == ("::error file=site/content/a b%2Cc.md,line=3::date '32/09/2024' is not valid "
                        "(expected a form like 27/09/2024 11:41 or 2024-09-27 11:41)")
    assert lines[1].startswith("::warning file=site/content/x/thua.jpg::this file is in the folder of")
    assert render_report(found, "text", "vi", 12).splitlines()[-1] == "1 lỗi, 1 cảnh báo trong 12 bài viết đã kiểm tra"
    assert render_report([], "text", "en", 1234) == "no problems: checked 1 234 articles"


def test_cli_text_output_and_exit_codes(tmp_path):
    site = make_site(tmp_path, two_articles("Xem [bài cũ](/2020/01/01/khong-co/).\n"))
    result = run_cli("check", "--site", str(site))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{A}:6: lỗi: liên kết '/2020/01/01/khong-co/' không dẫn tới trang nào của trang web "
        "(địa chỉ một bài viết có dạng /2024/09/27/ten-bai/)",
        "1 lỗi, 0 cảnh báo trong 2 bài viết đã kiểm tra"]
    assert not (site / "build").exists()


def test_cli_warnings_fail_only_with_strict(tmp_path):
    site = make_site(tmp_path, {A: article(images="[{src: a.jpg}]"), "content/2024/09/bai-a/a.jpg": jpeg()})
    assert run_cli("check", "--site", str(site)).exit_code == 0
    result = run_cli("--lang", "en", "check", "--site", str(site), "--strict")
    assert result.exit_code == 1
    assert "--strict: warnings count as errors" in result.stderr
    assert result.stdout.splitlines()[-1] == "0 errors, 1 warning in 1 article checked"


def test_cli_github_format_names_files_from_the_current_folder(tmp_path, monkeypatch):
    make_site(tmp_path, {A: article("Bài A", "31/02/2024")})
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--site", "site", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"::error file=site/{A},line=3::ngày '31/02/2024' không tồn tại (kiểm tra ngày, tháng và giờ; "
        "ngày luôn đứng trước tháng)")


def test_cli_json_includes_site_yaml_errors(tmp_path):
    site = make_site(tmp_path, {}, "title: T\nbase_url: congan.vn\n")
    result = run_cli("--lang", "en", "check", "--site", str(site), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [{"path": "site.yaml", "line": 2, "severity": "error",
                                          "code": "config.base_url",
                                          "message": "base_url must start with http:// or https://, found 'congan.vn'"}]


def test_cli_without_a_site_is_a_usage_error(tmp_path):
    result = run_cli("check", "--site", str(tmp_path))
    assert result.exit_code == 2
    assert "không tìm thấy site.yaml" in result.stderr


def test_check_knows_every_file_the_build_writes(tmp_path):
    """If this fails, `build` writes a new kind of file: add it to `build.planned_outputs` too."""
    bundle = "content/2024/09/bai-a/"
    site = make_site(tmp_path, two_articles("Đoạn mở đầu.\n\n![Ảnh](anh.jpg)\n",
                                            **{bundle + "anh.jpg": jpeg(), "static/tai-lieu/a.pdf": b"%PDF"}))
    build_site_dir(site)
    written = {p.relative_to(site / "build").as_posix() for p in (site / "build").rglob("*") if p.is_file()}
    options = BuildOptions(now=NOW, cache=False)
    loaded = load(load_config(site), options)
    theme, _ = load_checked_theme(loaded, options)
    index = {path for path in written if path.startswith("pagefind/")}   # named after their bytes: known once made
    assert index and {path for path, _, _ in planned_outputs(loaded, theme)} == written - {MARKER} - index


def test_pages_current_in_the_last_build_are_not_rendered_again(tmp_path, monkeypatch):
    site = make_site(tmp_path, two_articles("Đoạn mở đầu.\n"))
    build_site_dir(site)
    import bantin.check
    rendered = []
    real = bantin.check.render_pages

    def counting(*args, **kwargs):
        for output in real(*args, **kwargs):
            rendered.append(output.data is not None)
            yield output
    monkeypatch.setattr(bantin.check, "render_pages", counting)
    assert bantin.check.check_site_as_command(load_config(site), now=NOW) == []
    assert rendered and not any(rendered)
    (site / "templates").mkdir()
    (site / "templates/article.html").write_text("{{ article.nope }}\n", encoding="utf-8")
    rendered.clear()
    [problem] = bantin.check.check_site_as_command(load_config(site), now=NOW)
    assert problem.msg.key == "template.error"


def test_every_problem_of_a_file_is_reported_in_one_run(tmp_path):
    """A wrong date does not hide the body's dead link, missing photo and image without alt text."""
    body = "Đoạn mở đầu.\n\nXem [bài](/2024/01/01/khong-co/) và [tệp](../khong-co.md).\n\n![](thieu.jpg)\n\n![](anh.jpg)\n"
    site = make_site(tmp_path, {"content/2024/09/bai/index.md": article(date="32/09/2024", body=body),
                                "content/2024/09/bai/anh.jpg": jpeg()})
    found = [(p.line, p.msg.key) for p in check_site(load_config(site), now=NOW)]
    assert found == [(3, "date.impossible"), (7, "link.broken"), (7, "link.md_missing"), (9, "body.image_missing"),
                     (9, "warn.alt_missing"), (11, "warn.alt_missing")]
