"""site.yaml: defaults, every problem at once with its line, did-you-mean on unknown keys."""

from __future__ import annotations

import pytest

from bantin.config import load_config
from bantin.core.errors import BuildFailed, UsageError


def write(tmp_path, text: str):
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_defaults(tmp_path):
    config = load_config(write(tmp_path, "title: Tin\nbase_url: https://x.vn/\n"))
    assert (config.language, config.timezone, config.per_page) == ("vi", "Asia/Ho_Chi_Minh", 20)
    assert config.permalink == "/{year}/{month}/{day}/{slug}/"
    assert config.base_url == "https://x.vn" and config.allow_raw_html is False and config.comments_url is None


def test_sections_keep_their_order_and_get_slugs(tmp_path):
    config = load_config(write(tmp_path, "title: T\nbase_url: https://x.vn\nsections:\n"
                                         "  - name: An ninh trật tự\n  - {name: Đời sống, slug: doi-song}\n"))
    assert [(s.name, s.slug) for s in config.sections] == [("An ninh trật tự", "an-ninh-trat-tu"),
                                                           ("Đời sống", "doi-song")]


def test_every_problem_at_once(tmp_path):
    text = ("title: T\nbase_url: ftp://x\ntimezon: Asia/Ho_Chi_Minh\nper_page: nhiều\n"
            "timezone: Mars/Olympus\npermalink: /{slug}\nsections:\n  - {name: A}\n  - {name: A}\n")
    with pytest.raises(BuildFailed) as info:
        load_config(write(tmp_path, text))
    assert [p.format("en") for p in info.value.problems] == [
        "site.yaml:2: error: base_url must start with http:// or https://, found 'ftp://x'",
        "site.yaml:3: error: unknown key 'timezon'; did you mean 'timezone'?",
        "site.yaml:4: error: 'per_page' must be an integer, but is a string",
        "site.yaml:5: error: unknown time zone 'Mars/Olympus' (for example Asia/Ho_Chi_Minh)",
        "site.yaml:6: error: permalink '/{slug}' is not valid: it must start and end with '/', contain {slug}, "
        "and use only {year} {month} {day} {slug} {section}",
        "site.yaml:9: error: section 'A' is declared twice (line 8)",
    ]


def test_missing_required_keys_and_syntax(tmp_path):
    with pytest.raises(BuildFailed) as info:
        load_config(write(tmp_path, "language: vi\n"))
    assert {p.format("en") for p in info.value.problems} == {
        "site.yaml:1: error: missing required key 'title'", "site.yaml:1: error: missing required key 'base_url'"}
    with pytest.raises(BuildFailed) as info:
        load_config(write(tmp_path, "title: [x\n"))
    assert info.value.problems[0].format("vi").startswith("site.yaml:1: lỗi: dấu [ mở ở dòng này chưa được đóng")


def test_no_site_yaml_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        load_config(tmp_path)
