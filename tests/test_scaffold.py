"""`bantin init` and `bantin new`: a site that builds at once, articles that start right, nothing overwritten."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from conftest import NOW, SITE_YAML, build_site_dir, make_site, run_cli, tree

from bantin.authoring.scaffold import write_new_article, write_new_site
from bantin.check import check_site
from bantin.config import load_config
from bantin.content.frontmatter import AWARD_KEYS, IMAGE_KEYS, KEYS, parse_front_matter, split_front_matter, yaml_scalar
from bantin.content.images import read_image_info
from bantin.content.parse import BODY_PLACEHOLDERS
from bantin.core.errors import UsageError
from bantin.core.yamldoc import parse_yaml

EXAMPLE = "content/2024/09/ra-quan-bao-dam-trat-tu-giao-thong-mua-khai-giang"



def front_matter(path):
    split, _ = split_front_matter(path.read_text(encoding="utf-8"), "x")
    doc, problems = parse_yaml(split.front, "x")
    assert not problems
    return doc.value


# --- init ------------------------------------------------------------------------------------

def test_init_writes_a_site_that_builds_and_checks_clean(tmp_path):
    site = tmp_path / "moi"
    report = write_new_site(site)
    assert set(report.created) == {
        ".gitignore", "site.yaml", f"{EXAMPLE}/index.md", f"{EXAMPLE}/ra-quan.jpg", f"{EXAMPLE}/ke-hoach.pdf",
        "templates/README.md", "static/README.md"}
    assert report.kept == ()
    assert check_site(load_config(site), now=NOW) == []
    result = build_site_dir(site)
    assert result.articles == 0 and result.warnings == ()      # the sample is a draft: nothing invented is published
    assert not (site / "build/2024").exists() and not (site / "build/tin-tuc").exists()
    roll = json.loads((site / "build/khen-thuong/khen-thuong.json").read_text(encoding="utf-8"))
    assert roll["years"] == [] and roll["recipients"] == []
    assert "Đội Cảnh sát giao thông số 1" not in "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in (site / "build").rglob("*") if p.is_file())
    assert 'action="/tim-kiem/"' in (site / "build/index.html").read_text() and (site / "build/tim-kiem/index.html").is_file()


def test_the_sample_article_shows_in_the_preview_as_a_draft(tmp_path):
    site = tmp_path / "moi"
    write_new_site(site)
    result = build_site_dir(site, drafts=True)
    assert result.articles == 1
    page = (site / "build/2024/09/05/ra-quan-bao-dam-trat-tu-giao-thong-mua-khai-giang/index.html").read_text()
    assert "Đội Cảnh sát giao thông số 1" in page and "<figcaption>" in page and "BẢN NHÁP" in page


def test_the_example_article_shows_every_front_matter_field(tmp_path):
    write_new_site(tmp_path / "moi")
    data = front_matter(tmp_path / "moi" / EXAMPLE / "index.md")
    assert set(data) == set(KEYS)
    assert set().union(*(set(i) for i in data["images"])) == set(IMAGE_KEYS)
    assert set().union(*(set(a) for a in data["awards"])) == set(AWARD_KEYS)
    assert all(isinstance(data[k], list) for k in ("author", "tags"))


def test_the_example_photo_is_a_small_jpeg(tmp_path):
    write_new_site(tmp_path / "moi")
    data = (tmp_path / "moi" / EXAMPLE / "ra-quan.jpg").read_bytes()
    assert data[:3] == b"\xff\xd8\xff" and len(data) < 30 * 1024
    info = read_image_info(data)
    assert (info.width, info.height) == (960, 640)


def test_templates_and_static_are_empty_but_for_a_readme(tmp_path):
    write_new_site(tmp_path / "moi")
    for folder in ("templates", "static"):
        files = [p.name for p in (tmp_path / "moi" / folder).iterdir()]
        assert files == ["README.md"]
        assert "cùng tên" in (tmp_path / "moi" / folder / "README.md").read_text(encoding="utf-8")


def test_title_and_base_url_are_written_safely(tmp_path):
    site = tmp_path / "moi"
    write_new_site(site, title="Công an tỉnh Đồng Tháp: Tin tức #1", base_url="https://congan.dongthap.gov.vn/")
    config = load_config(site)
    assert config.title == "Công an tỉnh Đồng Tháp: Tin tức #1"
    assert config.base_url == "https://congan.dongthap.gov.vn"
    assert len(config.sections) == 7
    assert "# Tên trang, hiện ở đầu mọi trang" in (site / "site.yaml").read_text(encoding="utf-8")


def test_init_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "ghi-chu.txt").write_text("x")
    with pytest.raises(UsageError) as info:
        write_new_site(tmp_path)
    assert info.value.msg.key == "init.not_empty"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ghi-chu.txt"]


def test_hidden_entries_like_git_do_not_count(tmp_path):
    (tmp_path / ".git").mkdir()
    assert "site.yaml" in write_new_site(tmp_path).created


def test_force_creates_only_what_is_missing(tmp_path):
    (tmp_path / "site.yaml").write_text("title: Của tôi\nbase_url: https://a.vn\n")
    (tmp_path / "static").mkdir()
    (tmp_path / "static/README.md").write_bytes(b"mine")
    report = write_new_site(tmp_path, title="Khác", force=True)
    assert report.kept == ("site.yaml", "static/README.md")
    assert (tmp_path / "site.yaml").read_text() == "title: Của tôi\nbase_url: https://a.vn\n"
    assert (tmp_path / "static/README.md").read_bytes() == b"mine"
    before = tree(tmp_path)
    assert write_new_site(tmp_path, force=True).created == ()
    assert tree(tmp_path) == before


def test_cli_init(tmp_path):
    result = run_cli("init", str(tmp_path / "moi"), "--title", "Công an tỉnh Đồng Tháp")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"đã tạo trang web mới trong '{tmp_path / 'moi'}' (7 tệp; bài mẫu là bản nháp")
    assert "bantin import bai-viet.docx" in result.stdout
    result = run_cli("init", str(tmp_path / "moi"))
    assert result.exit_code == 2
    assert "đã có tệp; hãy chọn một thư mục mới, hoặc thêm --force" in result.stderr
    result = run_cli("--lang", "en", "init", str(tmp_path / "moi"), "--force")
    assert result.exit_code == 0
    assert "kept the existing file: site.yaml" in result.stderr
    assert "(0 files; the sample article is a draft" in result.stdout


@pytest.mark.parametrize("args, phrase", [
    (["--base-url", "congan.vn"], "base_url phải bắt đầu bằng http:// hoặc https://, nhưng đang là 'congan.vn'"),
    (["--title", "  "], "'--title' không được để trống"),
])
def test_cli_init_bad_values(tmp_path, args, phrase):
    result = run_cli("init", str(tmp_path / "moi"), *args)
    assert result.exit_code == 2 and phrase in result.stderr
    assert not (tmp_path / "moi").exists()


def test_cli_init_into_a_file(tmp_path):
    (tmp_path / "f").write_text("x")
    result = run_cli("init", str(tmp_path / "f"))
    assert result.exit_code == 2 and "là một tệp, không phải thư mục" in result.stderr


# --- new -------------------------------------------------------------------------------------

LATE = datetime(2024, 9, 30, 18, 30, tzinfo=timezone.utc)   # 01:30 on 1 October in Viet Nam


def test_new_article_is_filed_by_site_time_and_parses(tmp_path):
    config = load_config(make_site(tmp_path, {}))
    created = write_new_article(config, "Hội nghị sơ kết công tác 6 tháng", category="Xây dựng lực lượng",
                                now=LATE)
    assert created.rel == "content/2024/10/hoi-nghi-so-ket-cong-tac-6-thang/index.md"
    data = front_matter(created.path)
    assert data == {"title": "Hội nghị sơ kết công tác 6 tháng", "date": "01/10/2024 01:30:00",
                    "author": "Phòng Tham mưu", "category": "Xây dựng lực lượng", "draft": False}
    text = created.path.read_text(encoding="utf-8")
    for example in ("# images:", "#   - src: anh-1.jpg", "#     caption:", "# awards:", "#     giver:",
                    "# slug: hoi-nghi-so-ket-cong-tac-6-thang", "# attachments:", "#   - src: thong-bao.pdf",
                    "# videos:", "#   - src: video.mp4"):
        assert example in text
    split, _ = split_front_matter(text, created.rel)
    front, problems = parse_front_matter(split, created.rel, config.tz, ("Xây dựng lực lượng",), ())
    assert front is not None and problems == []


def test_new_article_with_a_body_builds(tmp_path):
    site = make_site(tmp_path, {})
    created = write_new_article(load_config(site), "Tiêu đề: có dấu hai chấm #2", now=LATE)
    assert build_site_dir(site).articles == 0           # the template's paragraph is still there
    write_body(created.path, "Sáng 1/10, Công an tỉnh tổ chức hội nghị.\n")
    assert check_site(load_config(site), now=NOW) == []
    assert build_site_dir(site).articles == 1


def write_body(path, body: str) -> None:
    """What an editor does: the template's paragraph replaced by the article."""
    text = path.read_text(encoding="utf-8")
    assert text.count(BODY_PLACEHOLDERS[0]) == 1
    path.write_text(text.replace(BODY_PLACEHOLDERS[0] + "\n", body), encoding="utf-8")


def test_a_new_article_is_published_only_once_it_is_written(tmp_path):
    site = make_site(tmp_path, {})
    created = write_new_article(load_config(site), "Bài mới", now=LATE)
    text = created.path.read_text(encoding="utf-8")
    line = text.split("\n").index(BODY_PLACEHOLDERS[0]) + 1
    assert [(p.msg.key, p.line) for p in check_site(load_config(site), now=NOW)] == [("warn.body_template", line)]
    assert build_site_dir(site).articles == 0
    assert not list((site / "build").glob("2024/10/01/*"))
    created.path.write_text(text.replace(BODY_PLACEHOLDERS[0] + "\n", "Sáng nay, hội nghị.\n" + BODY_PLACEHOLDERS[0]
                                         + "\n"), encoding="utf-8")       # written, but the template is left in
    assert [p.msg.key for p in check_site(load_config(site), now=NOW)] == ["warn.body_template"]
    assert build_site_dir(site).articles == 0
    created.path.write_text(text.replace(BODY_PLACEHOLDERS[0] + "\n", ""), encoding="utf-8")   # emptied
    closing = text.split("\n").index("---", 1) + 1
    assert [(p.msg.key, p.line) for p in check_site(load_config(site), now=NOW)] == [("warn.body_empty", closing)]
    assert build_site_dir(site).articles == 0
    created.path.write_text(text, encoding="utf-8")
    write_body(created.path, "Sáng 1/10, hội nghị.\n")
    assert check_site(load_config(site), now=NOW) == []
    assert build_site_dir(site).articles == 1


@pytest.mark.parametrize("given, site_author, git, expected", [
    ("Nguyễn Văn Hùng", "Phòng Tham mưu", "Git User", "author: Nguyễn Văn Hùng"),
    (None, "Phòng Tham mưu", "Git User", "author: Phòng Tham mưu"),
    (None, "[Phòng Tham mưu, Đội Tuyên truyền]", "Git User", "author: [Phòng Tham mưu, Đội Tuyên truyền]"),
    (None, None, "Lê Thị Hoa", "author: Lê Thị Hoa"),
    (None, None, None, "# author: Họ và tên tác giả"),
])
def test_author_from_option_then_site_then_git(tmp_path, given, site_author, git, expected):
    site_yaml = "title: T\nbase_url: https://x.vn\n" + (f"author: {site_author}\n" if site_author else "")
    config = load_config(make_site(tmp_path, {}, site_yaml))
    created = write_new_article(config, "Bài mới", author=given, now=LATE, git_name=lambda folder: git)
    assert expected + "\n" in created.path.read_text(encoding="utf-8")
    assert created.author_known == (expected[0] != "#")


def test_git_user_name_is_read_from_git(tmp_path, monkeypatch):
    (tmp_path / "gitconfig").write_text("[user]\n\tname = Trần Văn Git\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    config = load_config(make_site(tmp_path, {}, "title: T\nbase_url: https://x.vn\n"))
    created = write_new_article(config, "Bài mới", now=LATE)
    assert "author: Trần Văn Git\n" in created.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("given", ["An toàn giao thông", "an toàn giao thông", "an-toan-giao-thong",
                                   "an toan giao thong"])
def test_category_by_name_slug_or_without_accents(tmp_path, given):
    config = load_config(make_site(tmp_path, {}))
    created = write_new_article(config, "Bài mới", category=given, now=LATE)
    assert "\ncategory: An toàn giao thông\n" in created.path.read_text(encoding="utf-8")


def test_unknown_category_suggests_the_closest_section(tmp_path):
    config = load_config(make_site(tmp_path, {}))
    with pytest.raises(UsageError) as info:
        write_new_article(config, "Bài mới", category="An toàn giao thôn", now=LATE)
    assert info.value.msg.render("vi") == (
        "chuyên mục 'An toàn giao thôn' không có trong site.yaml; có phải ý bạn là 'An toàn giao thông'? "
        "(các chuyên mục: Xây dựng lực lượng; An toàn giao thông; Phòng chống tội phạm)")
    assert not (tmp_path / "site" / "content").exists()


def test_a_taken_slug_is_an_error_and_nothing_is_overwritten(tmp_path):
    config = load_config(make_site(tmp_path, {}))
    first = write_new_article(config, "Bài mới", now=LATE)
    first.path.write_text("đã viết", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        write_new_article(config, "Bài  mới", now=LATE)
    assert info.value.msg.render("en") == (
        "'content/2024/10/bai-moi' already exists and is not overwritten; choose another title or another slug, "
        "for example --slug bai-moi-2")
    assert first.path.read_text(encoding="utf-8") == "đã viết"
    second = write_new_article(config, "Bài mới", slug="bai-moi-2", now=LATE)
    assert "\nslug: bai-moi-2\n" in second.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("title, slug, key", [
    ("   ", None, "new.title_empty"), ("!!!", None, "new.slug_empty"), ("Bài mới", "Bài Mới", "new.slug_bad"),
])
def test_bad_titles_and_slugs(tmp_path, title, slug, key):
    config = load_config(make_site(tmp_path, {}))
    with pytest.raises(UsageError) as info:
        write_new_article(config, title, slug=slug, now=LATE)
    assert info.value.msg.key == key


def test_new_speaks_english_on_request(tmp_path):
    config = load_config(make_site(tmp_path, {}, "title: T\nbase_url: https://x.vn\n"))
    created = write_new_article(config, "Bài mới", lang="en", now=LATE, git_name=lambda folder: None)
    text = created.path.read_text(encoding="utf-8")
    assert "# Photos: copy them into this file's folder" in text
    assert "# Section, one of: site.yaml declares no sections." in text
    assert "# author: Author's full name" in text


def test_cli_new_prints_the_path(tmp_path, monkeypatch):
    site = make_site(tmp_path, {}, SITE_YAML)
    monkeypatch.chdir(site)
    result = run_cli("new", "Bắt đối tượng trộm cắp tài sản", "--category", "Phòng chống tội phạm")
    assert result.exit_code == 0
    path = result.stdout.strip()
    assert path.startswith("content/") and path.endswith("/bat-doi-tuong-trom-cap-tai-san/index.md")
    assert (site / path).is_file()
    assert "đã tạo bài viết mới" in result.stderr
    again = run_cli("new", "Bắt đối tượng trộm cắp tài sản")
    assert again.exit_code == 2 and "không ghi đè" in again.stderr


def test_cli_new_outside_a_site(tmp_path):
    result = run_cli("new", "Bài mới", "--site", str(tmp_path))
    assert result.exit_code == 2 and "không tìm thấy site.yaml" in result.stderr


@pytest.mark.parametrize("value", ["Hội nghị", "Hội nghị: tổng kết", "yes", "27/09/2024", "#1 tin", " lề ",
                                   "\"trích\"", "a\\b", "Update #2", "- gạch", "1234"])
def test_yaml_scalar_reads_back_unchanged(value):
    doc, problems = parse_yaml(f"v: {yaml_scalar(value)}\nw: [{yaml_scalar(value, flow=True)}]\n", "x")
    assert not problems and doc.value == {"v": value, "w": [value]}


# --- every command --------------------------------------------------------------------------

def test_version():
    result = run_cli("--lang", "en", "--version")
    assert result.exit_code == 0 and result.stdout.startswith("bantin, version ")
    assert run_cli("--version").stdout.startswith("bantin, phiên bản ")


@pytest.mark.parametrize("lang, example", [("vi", "Ví dụ"), ("en", "Example")])
def test_every_command_has_an_example_in_its_help(lang, example):
    from bantin.cli import main
    assert {"build", "init", "new", "check"} <= set(main.commands)
    for name in main.commands:
        result = run_cli("--lang", lang, name, "--help")
        assert result.exit_code == 0
        assert example in result.stdout and f"bantin {name}" in result.stdout, name


# --- hardening: what an editor's terminal can hand over --------------------------------------

@pytest.mark.parametrize("title", ["Bài\x7f mới", "Bài\x9b mới", "Bài\x1b[31m mới", "Bài\x85mới"])
def test_control_characters_in_a_title_are_dropped_and_the_article_builds(tmp_path, title):
    site = make_site(tmp_path, {})
    created = write_new_article(load_config(site), title, now=LATE)
    write_body(created.path, "Nội dung.\n")
    assert front_matter(created.path)["title"].replace(" ", "") in ("Bàimới", "Bài[31mmới")
    assert check_site(load_config(site), now=NOW) == []


def test_a_title_that_was_not_utf8_is_a_message(tmp_path):
    site = make_site(tmp_path, {})
    result = run_cli("new", "B\udcffi m\udcf3i", "--site", str(site))
    assert result.exit_code == 2 and "UTF-8" in result.stderr and "Traceback" not in result.stderr
    assert not (site / "content").exists()


def test_init_below_a_file_is_a_message(tmp_path):
    (tmp_path / "f").write_text("x")
    result = run_cli("init", str(tmp_path / "f" / "sub"))
    assert result.exit_code == 2 and "là một tệp, không phải thư mục" in result.stderr


def test_init_that_cannot_write_is_a_message(tmp_path, monkeypatch):
    import bantin.authoring.scaffold as scaffold

    def refuse(path, data):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(scaffold, "_create", refuse)
    with pytest.raises(UsageError) as info:
        write_new_site(tmp_path / "moi")
    assert info.value.msg.key == "init.cannot_write"
    assert "Permission denied" in info.value.msg.render("en")


def test_new_and_import_share_the_path_convention(tmp_path):
    from bantin.authoring.bundles import bundle_path, free_slug
    config = load_config(make_site(tmp_path, {}))
    assert bundle_path(config, LATE, "bai-moi") == "content/2024/10/bai-moi/index.md"
    created = write_new_article(config, "Bài mới", now=LATE)
    assert created.rel == bundle_path(config, LATE, "bai-moi")
    assert free_slug(config, LATE, "bai-moi") == "bai-moi-2"


# -- free slugs by address: a folder of another month, or another name, can hold the same address --

SECTION_PERMALINK = SITE_YAML + "permalink: /{section}/{slug}/\n"


@pytest.mark.parametrize("permalink, existing, url", [
    ("section", "content/2020/01/bai-moi/index.md", "/an-toan-giao-thong/bai-moi/"),      # another month
    ("date", "content/2024/10/cu/index.md", "/2024/10/01/bai-moi/"),                     # another folder, same day
    ("date", "content/bai-moi-cu.md", "/2024/10/01/bai-moi/"),                           # a flat file
])
def test_new_refuses_an_address_another_article_has_and_names_a_free_slug(tmp_path, permalink, existing, url):
    from conftest import article
    yaml = SECTION_PERMALINK if permalink == "section" else SITE_YAML
    date = "01/01/2020" if permalink == "section" else "01/10/2024 08:00"
    site = make_site(tmp_path, {existing: article(title="Bài mới", date=date, category="An toàn giao thông",
                                                  draft="true")}, yaml)
    config = load_config(site)
    with pytest.raises(UsageError) as info:
        write_new_article(config, "Bài mới", category="An toàn giao thông", now=LATE)
    assert info.value.msg.render("en") == (
        f"the address {url} is already that of {existing}; choose another title or another slug, "
        "for example --slug bai-moi-2")
    created = write_new_article(config, "Bài mới", category="An toàn giao thông", slug="bai-moi-2", now=LATE)
    created.path.write_text(created.path.read_text(encoding="utf-8").replace("draft: true", "draft: false"),
                            encoding="utf-8")
    build_site_dir(site, drafts=True)


def test_a_free_slug_skips_taken_addresses_and_folders(tmp_path):
    from bantin.authoring.bundles import free_slug
    config = load_config(make_site(tmp_path, {"content/2024/10/bai-moi-2/index.md": "x"}, SECTION_PERMALINK))
    taken = {"/an-toan-giao-thong/bai-moi/", "/an-toan-giao-thong/bai-moi-3/"}
    assert free_slug(config, LATE, "bai-moi", taken, "an-toan-giao-thong") == "bai-moi-4"
    assert free_slug(config, LATE, "bai-moi", taken, "xay-dung-luc-luong") == "bai-moi"


def test_the_addresses_come_from_the_parse_memo_of_the_last_build_too(tmp_path, monkeypatch):
    from conftest import article

    import bantin.authoring.bundles as bundles
    site = make_site(tmp_path, {"content/2020/01/bai-moi/index.md": article(title="Bài mới", date="01/01/2020",
                                                                             category="An toàn giao thông")},
                     SECTION_PERMALINK)
    build_site_dir(site)
    monkeypatch.setattr(bundles, "_front_matter_url", lambda *args: None)     # the memo alone answers
    assert bundles.article_urls(load_config(site)) == {"/an-toan-giao-thong/bai-moi/": "content/2020/01/bai-moi/index.md"}
    with pytest.raises(UsageError) as info:
        write_new_article(load_config(site), "Bài mới", category="An toàn giao thông", now=LATE)
    assert info.value.msg.key == "new.url_taken"
