"""Every bad input from the core contract gets its precise `path:line:` message, and nothing is written."""

from __future__ import annotations

import time

import pytest
from conftest import article, build_site_dir, jpeg, make_site, run_cli

from bantin.core.errors import BuildFailed

P = "content/2024/09/bai/index.md"


def problems_of(tmp_path, files, lang="en"):
    site = make_site(tmp_path, files)
    with pytest.raises(BuildFailed) as info:
        build_site_dir(site)
    return [p.format(lang) for p in info.value.problems]


def only_error(tmp_path, text: str | bytes, lang="en") -> str:
    found = [p for p in problems_of(tmp_path, {P: text}, lang) if ": warning:" not in p and "cảnh báo" not in p]
    assert len(found) == 1, found
    return found[0]


def test_no_closing_fence(tmp_path):
    assert only_error(tmp_path, "---\ntitle: A\ndate: 27/09/2024\nBody\n") == \
        f"{P}:1: error: front matter opened at line 1 is never closed with a '---' line"


def test_missing_front_matter(tmp_path):
    assert only_error(tmp_path, "Just a body\n").startswith(f"{P}:1: error: no front matter")


@pytest.mark.parametrize("front, line, phrase", [
    ("title: A\ndate: 27/09/2024\ncategory: [a, b\n", 4, "the [ opened on this line is never closed; write it "
                                                           "exactly like this: category: [a, b]"),
    ("title: A\ndate: 27/09/2024\ncategory: Hội nghị: tổng kết\n", 4,
     'put the whole value in double quotes, written exactly like this: category: "Hội nghị: tổng kết"'),
    ("title: A\n\tdate: 27/09/2024\n", 3, "indented with a tab, and the front matter takes spaces only; delete the "
                                         "tab and put exactly 0 spaces before 'date:'"),
])
def test_yaml_syntax_errors_point_at_the_file_line(tmp_path, front, line, phrase):
    message = only_error(tmp_path, f"---\n{front}---\nBody\n")
    assert message.startswith(f"{P}:{line}: error: "), message
    assert phrase in message


def test_python_tags_are_refused(tmp_path):
    message = only_error(tmp_path, "---\ntitle: A\ncategory: !!python/object/apply:os.system ['echo hi']\n"
                                   "date: 27/09/2024\n---\nx\n")
    assert message == f"{P}:3: error: YAML tag '!!python/object/apply:os.system' is not allowed; remove the tag and write a plain value"


def test_aliases_are_refused(tmp_path):
    text = "---\ntitle: A\ncategory: &t Tiêu đề\nslug: *t\ndate: 27/09/2024\n---\nx\n"
    assert only_error(tmp_path, text).startswith(f"{P}:4: error: YAML anchors and aliases")


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    text = "---\ntitle: Bom\ndate: 27/09/2024\n" + "\n".join(lines) + "\n---\nx\n"
    started = time.perf_counter()
    found = problems_of(tmp_path, {P: text})
    assert time.perf_counter() - started < 5  # a loaded bomb would be 10^9 strings
    assert any("anchors and aliases" in p for p in found)


def test_front_matter_over_64_kb(tmp_path):
    text = "---\ntitle: A\ndate: 27/09/2024\nsummary: " + "x" * 70_000 + "\n---\nx\n"
    assert "over the 65536-byte limit" in only_error(tmp_path, text)


@pytest.mark.parametrize("front, found", [("- a\n- b\n", "a list"), ("just text\n", "a string")])
def test_front_matter_must_be_a_mapping(tmp_path, front, found):
    assert only_error(tmp_path, f"---\n{front}---\nx\n") == \
        f"{P}:2: error: the front matter must be a mapping of key: value (like 'title: ...'), but is {found}"


def test_missing_and_empty_title(tmp_path):
    assert only_error(tmp_path, "---\ndate: 27/09/2024\n---\nx\n") == f"{P}:2: error: missing required key 'title'"
    assert only_error(tmp_path, "---\ntitle: '  '\ndate: 27/09/2024\n---\nx\n") == \
        f"{P}:2: error: 'title' must not be empty"


@pytest.mark.parametrize("value, kind", [("32/09/2024", "does not exist"), ("29/02/2023", "does not exist"),
                                         ("hôm qua", "is not valid"), ("2024-13-01", "does not exist")])
def test_bad_dates(tmp_path, value, kind):
    message = only_error(tmp_path, f"---\ntitle: A\ndate: {value}\n---\nx\n")
    assert message.startswith(f"{P}:3: error: date '{value}' {kind}")


def test_vietnamese_date_message(tmp_path):
    message = only_error(tmp_path, "---\ntitle: A\ndate: 32/09/2024\n---\nx\n", lang="vi")
    assert message.startswith(f"{P}:3: lỗi: ngày '32/09/2024' không tồn tại")


@pytest.mark.parametrize("line, expected", [
    ("category: no", "'category' must be a string, but is a true/false value (YAML reads `no` as a true/false value; "
                     "put it in quotes: category: \"no\")"),
    ("slug: 8:30", "'slug' must be a string, but is an integer (YAML reads `8:30` as an integer; "
                   "put it in quotes: slug: \"8:30\")"),
    ("category: Công an xã: tin", None),
    ("draft: maybe", "'draft' must be true or false, but is a string"),
    ("images: hoi-nghi.jpg", "'images' must be a list, but is a string"),
    ("awards: [{type: Bằng khen, giver: UBND, collectives: -3}]", "'awards[1].collectives' must not be negative"),
    ("awards: [{type: Bằng khen, giver: UBND, individuals: nhiều}]", "'awards[1].individuals' must be an integer"),
    ("awards: [{giver: UBND}]", "missing required key 'awards[1].type'"),
])
def test_wrong_types_after_loading(tmp_path, line, expected):
    message = only_error(tmp_path, f"---\ntitle: A\ndate: 27/09/2024\n{line}\n---\nx\n")
    assert message.startswith(f"{P}:4: error: "), message
    if expected:
        assert expected in message


def test_unknown_key_with_did_you_mean(tmp_path):
    assert only_error(tmp_path, "---\ntitle: A\ndate: 27/09/2024\ncatgory: X\n---\nx\n") == \
        f"{P}:4: error: unknown key 'catgory'; did you mean 'category'?"


def test_unknown_section_with_did_you_mean(tmp_path):
    assert only_error(tmp_path, "---\ntitle: A\ndate: 27/09/2024\ncategory: An toan giao thong\n---\nx\n") == \
        f"{P}:4: error: section 'An toan giao thong' is not in site.yaml; did you mean 'An toàn giao thông'?"


@pytest.mark.parametrize("written", ["Xay dung luc luong", "xay dung  LUC luong", "xay-dung-luc-luog"])
def test_a_section_typed_without_diacritics_is_named_as_site_yaml_writes_it(tmp_path, written):
    assert only_error(tmp_path, f"---\ntitle: A\ndate: 27/09/2024\ncategory: {written}\n---\nx\n") == \
        f"{P}:4: error: section '{written}' is not in site.yaml; did you mean 'Xây dựng lực lượng'?"


def test_missing_image(tmp_path):
    text = "---\ntitle: A\ndate: 27/09/2024\nimages:\n  - src: khong-co.jpg\n    caption: Ảnh\n---\nx\n"
    assert only_error(tmp_path, text) == \
        f"{P}:5: error: image 'khong-co.jpg' not found (looked in 'content/2024/09/bai')"


def test_image_outside_the_article_folder(tmp_path):
    text = "---\ntitle: A\ndate: 27/09/2024\nimages:\n  - src: ../../../../site.yaml\n    caption: x\n---\nx\n"
    assert "must be inside the article's folder" in only_error(tmp_path, text)


def test_duplicate_urls_name_both_files(tmp_path):
    found = problems_of(tmp_path, {"content/a.md": article(), "content/b.md": article()})
    url = "/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/"
    assert found == [f"content/a.md:2: error: URL {url} is also used by content/b.md; change the 'slug:' of one of them",
                     f"content/b.md:2: error: URL {url} is also used by content/a.md; change the 'slug:' of one of them"]


def test_hostile_slug_is_slugified_never_a_path(tmp_path):
    site = make_site(tmp_path, {P: article(slug="../../etc/passwd")})
    build_site_dir(site)
    assert (site / "build/2024/09/27/etc-passwd/index.html").is_file()
    assert not (tmp_path / "etc").exists()


def test_non_utf8_bytes(tmp_path):
    data = article().encode("utf-8").replace("hội nghị".encode(), "h\xf4i ngh\xec".encode("latin-1"))
    assert only_error(tmp_path, data) == \
        f"{P}:5: error: file is not UTF-8 (byte 0xF4 at column 39); save the file as UTF-8"


def test_empty_file(tmp_path):
    assert only_error(tmp_path, "").startswith(f"{P}:1: error: empty file")


def test_every_problem_in_one_run(tmp_path):
    found = problems_of(tmp_path, {"content/a.md": "---\ntitle: A\n---\nx\n", "content/b.md": "",
                                   "content/c.md": "---\ntitle: C\ndate: 99/99/2024\n---\n"})
    assert [p.split(":")[0] for p in found] == ["content/a.md", "content/b.md", "content/c.md"]


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article()})
    build_site_dir(site)
    before = {p: p.read_bytes() for p in (site / "build").rglob("*") if p.is_file()}
    (site / "content/b.md").write_text("---\ntitle: broken\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_site_dir(site)
    after = {p: p.read_bytes() for p in (site / "build").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_cli_reports_without_traceback_and_exits_1(tmp_path):
    site = make_site(tmp_path, {"content/a.md": "---\ntitle: A\ndate: 31/02/2024\n---\nx\n"})
    result = run_cli("build", "--site", str(site))
    assert result.exit_code == 1
    assert "content/a.md:3: lỗi: ngày '31/02/2024' không tồn tại" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (site / "build").exists()


def test_cli_usage_errors_exit_2(tmp_path):
    result = run_cli("build", "--site", str(tmp_path))
    assert result.exit_code == 2
    assert "site.yaml" in result.stderr
    assert run_cli("build", "--no-such-option").exit_code == 2


def test_cli_english_on_request(tmp_path):
    site = make_site(tmp_path, {"content/a.md": "---\ntitle: A\n---\nx\n"})
    result = run_cli("--lang", "en", "build", "--site", str(site))
    assert "content/a.md:2: error: missing required key 'date'" in result.stderr
    result = run_cli("build", "--site", str(site), env={"BANTIN_LANG": "en"})
    assert "error: missing required key 'date'" in result.stderr


def test_template_error_names_template_and_line(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article(),
                                "templates/article.html": "<html>\n<head></head>\n{{ article.nope }}\n</html>\n"})
    with pytest.raises(BuildFailed) as info:
        build_site_dir(site)
    [problem] = info.value.problems
    assert problem.format("en").startswith("templates/article.html:3: error: template error:")


def test_missing_image_in_body(tmp_path):
    text = article(body="Dẫn đầu.\n\n![](khong-co.jpg)\n")
    assert only_error(tmp_path, text) == f"{P}:7: error: image 'khong-co.jpg' in the body does not exist"


def test_image_symlinked_out_of_the_article_folder(tmp_path):
    site = make_site(tmp_path, {P: "---\ntitle: A\ndate: 27/09/2024\nimages:\n  - {src: anh.jpg, caption: x}\n---\nx\n"})
    (tmp_path / "secret.jpg").write_bytes(jpeg())
    (site / "content/2024/09/bai/anh.jpg").symlink_to(tmp_path / "secret.jpg")
    with pytest.raises(BuildFailed) as info:
        build_site_dir(site)
    messages = [str(problem) for problem in info.value.problems]
    assert f"{P}:5: error: image 'anh.jpg' must be inside the article's folder" in "\n".join(messages)
    assert "content/2024/09/bai/anh.jpg: error: 'content/2024/09/bai/anh.jpg' links outside the site folder" in \
        "\n".join(messages)


def test_article_symlinked_from_outside_the_site(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article()})
    (tmp_path / "outside.md").write_text(article(title="Ngoài"), encoding="utf-8")
    (site / "content/b.md").symlink_to(tmp_path / "outside.md")
    with pytest.raises(BuildFailed) as info:
        build_site_dir(site)
    assert str(info.value.problems[0]) == "content/b.md: error: 'content/b.md' links outside the site folder, which is not allowed"


def test_an_empty_author_list_is_missing_authors(tmp_path):
    yaml = "title: T\nbase_url: https://x.vn\n"
    site = make_site(tmp_path, {P: "---\ntitle: A\ndate: 27/09/2024\nauthor: []\n---\nx\n"}, yaml)
    with pytest.raises(BuildFailed) as info:
        build_site_dir(site)
    assert str(info.value.problems[0]) == f"{P}:4: error: no 'author', and site.yaml gives no default author"


def test_a_section_may_be_named_by_its_slug(tmp_path):
    site = make_site(tmp_path, {P: article(category="an-toan-giao-thong")})
    build_site_dir(site)
    html = (site / "build/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/index.html").read_text(encoding="utf-8")
    assert 'href="/chuyen-muc/an-toan-giao-thong/">An toàn giao thông</a>' in html
