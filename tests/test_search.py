"""The search index (search.py) and its page: what is indexed, Vietnamese folding, determinism, the
memo that keeps a warm build from touching the index, `search: false`, and a Pagefind that cannot run."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from conftest import NOW, ROOT, SITE_YAML, article, build_site_dir, make_site

from bantin.build import BuildOptions, build
from bantin.config import load_config
from bantin.core.errors import BuildFailed
from bantin.output import search
from bantin.output.search import FOLD_MARK, canonical_files, folded_words, text_of

BODY = "Công an tỉnh phối hợp với Công an tỉnh Đồng Tháp triệt phá đường dây tín dụng đen.\n"
IMAGES = '[{src: anh.jpg, caption: "Cán bộ điều tra lấy lời khai", alt: "Đại úy Đặng Quốc Bảo làm việc"}]'


def index_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / "pagefind").rglob("*"))
            if p.is_file()}


def fragments(out: Path) -> list[dict]:
    found = []
    for path, data in index_files(out).items():
        if "/fragment/" in path:
            found.append(json.loads(gzip.decompress(data)[len(b"pagefind_dcd"):]))
    return sorted(found, key=lambda f: f["url"])


@pytest.fixture
def one_article_site(tmp_path):
    return make_site(tmp_path, {
        "content/2024/09/triet-pha/index.md": article(
            title="Triệt phá đường dây tín dụng đen", body=BODY, category="Phòng chống tội phạm",
            author="Đặng Văn Lực", summary="Đường dây cho vay nặng lãi bị triệt phá.", slug="triet-pha",
            images=IMAGES),
        "content/2024/09/triet-pha/anh.jpg": _jpeg(),
        "content/2023/01/khac.md": article(title="Hội nghị tổng kết", date="05/01/2023",
                                            category="Xây dựng lực lượng"),
    })


def _jpeg() -> bytes:
    from conftest import jpeg
    return jpeg()


def test_fold_words_only_adds_the_words_pagefind_cannot_fold():
    assert folded_words("Công an tỉnh Đồng Tháp đặc biệt, ĐẶNG!") == "dong dac dang"
    assert folded_words("Công an tỉnh") == ""


def test_text_of_keeps_the_words_and_alt_text_not_the_tags():
    assert text_of('<p>Một <b>hai</b></p><script>x()</script><img alt="Ảnh cán bộ" src="a.jpg"><p>ba</p>') \
        == "Một hai Ảnh cán bộ ba"


def test_an_article_is_indexed_with_its_card_filters_sort_and_folded_copy(one_article_site):
    build_site_dir(one_article_site, cache=False)
    out = one_article_site / "build"
    records = fragments(out)
    assert [r["url"] for r in records] == ["/2023/01/05/hoi-nghi-tong-ket/", "/2024/09/27/triet-pha/"]
    record = records[1]
    assert record["meta"] == {"title": "Triệt phá đường dây tín dụng đen", "date": "27/09/2024",
                              "section": "Phòng chống tội phạm"}
    assert record["filters"] == {"year": ["2024"], "section": ["Phòng chống tội phạm"], "author": ["Đặng Văn Lực"]}
    readable, folded = record["content"].split(FOLD_MARK)
    assert readable.startswith("Triệt phá đường dây tín dụng đen Đường dây cho vay nặng lãi bị triệt phá.")
    assert "Đồng Tháp" in readable and "Cán bộ điều tra lấy lời khai" in readable
    assert folded.split() == ["duong", "den", "dto", "dong", "dai", "dang", "dieu"]
    # menus, sidebars and footers stay out: the site title and the menu are not in the record
    assert "Công an tỉnh Thử nghiệm" not in record["content"] and "Trang chủ" not in record["content"]
    meta = [p for p in index_files(out) if p.endswith(".pf_meta")]
    assert sorted(p.rsplit("/", 1)[0] for p in meta) == ["pagefind/2023", "pagefind/2024"]   # one index a year
    # the Pagefind UI bundles are not published (the theme has its own script)
    assert not any("-ui" in p for p in index_files(out))


def test_the_search_page_the_header_box_sitemap_and_searchaction(one_article_site):
    build_site_dir(one_article_site, cache=False)
    out = one_article_site / "build"
    page = (out / "tim-kiem/index.html").read_text(encoding="utf-8")
    assert "<h1>Tìm kiếm</h1>" in page and 'data-index="/pagefind/" data-years="2024 2023"' in page
    assert 'aria-live="polite"' in page and '<option value="Phòng chống tội phạm">' in page
    for html in (out / "index.html", out / "2024/09/27/triet-pha/index.html"):
        text = html.read_text(encoding="utf-8")
        assert 'action="/tim-kiem/"' in text and 'name="q"' in text and 'class="search-fallback" href="/20' in text
    assert "https://congan.example.vn/tim-kiem/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '"SearchAction"' in home and "https://congan.example.vn/tim-kiem/?q={q}" in home


def test_the_same_input_gives_byte_identical_index_files(tmp_path):
    """Pagefind writes filter values in hash-map order; canonical_files makes the output stable."""
    files = {f"content/2024/0{m}/bai-{m}-{i}.md": article(title=f"Bài {m} {i} Đồng Tháp", date=f"0{i + 1}/0{m}/2024",
                                                         category=["Xây dựng lực lượng", "An toàn giao thông",
                                                                   "Phòng chống tội phạm"][i % 3],
                                                         author=f"Tác giả {i % 4}")
             for m in range(1, 8) for i in range(5)}
    site = make_site(tmp_path, files)
    runs = []
    for n in range(4):
        out = tmp_path / f"out{n}"
        build_site_dir(site, output=out, cache=False)
        runs.append(index_files(out))
    assert all(run == runs[0] for run in runs[1:])
    assert sum(p.endswith(".pf_filter") for p in runs[0]) == 3


def test_canonical_files_sorts_filter_values_and_renames_after_the_contents(one_article_site):
    build_site_dir(one_article_site, cache=False)
    files = {p[len("pagefind/2024/"):]: data for p, data in index_files(one_article_site / "build").items()
             if p.startswith("pagefind/2024/")}
    again = canonical_files(files)
    assert again == files                                   # already canonical: a fixed point
    entry = json.loads(files["pagefind-entry.json"])
    assert f"pagefind.{entry['languages']['vi']['hash']}.pf_meta" in files


def test_a_warm_build_leaves_the_index_untouched_and_runs_no_pagefind(one_article_site, monkeypatch):
    build_site_dir(one_article_site)
    out = one_article_site / "build"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "pagefind").rglob("*") if p.is_file()}
    monkeypatch.setattr(search, "build_index", lambda records: pytest.fail("the index was rebuilt"))
    report = build_site_dir(one_article_site)
    assert report.written == 0
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert after == before


def test_an_edit_rebuilds_the_index_and_removes_the_old_files(one_article_site):
    build_site_dir(one_article_site)
    out = one_article_site / "build"
    old = set(index_files(out))
    path = one_article_site / "content/2023/01/khac.md"
    path.write_text(article(title="Hội nghị tổng kết công tác Đảng", date="05/01/2023"), encoding="utf-8")
    build_site_dir(one_article_site)
    new = set(index_files(out))
    assert new != old and all((out / p).is_file() for p in new)
    assert any("Đảng" in r["meta"]["title"] for r in fragments(out))
    # a cold build of the same input gives the same files
    cold = one_article_site.parent / "cold"
    build_site_dir(one_article_site, output=cold, cache=False)
    assert index_files(cold) == index_files(out)


def test_index_files_deleted_by_hand_are_made_again(one_article_site):
    build_site_dir(one_article_site)
    out = one_article_site / "build"
    shutil.rmtree(out / "pagefind/2024/fragment")
    build_site_dir(one_article_site)
    assert any(p.startswith("pagefind/2024/fragment/") for p in index_files(out))


def test_search_false_turns_everything_off(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article()}, SITE_YAML + "search: false\n")
    build_site_dir(site, cache=False)
    out = site / "build"
    assert not (out / "pagefind").exists() and not (out / "tim-kiem").exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "tim-kiem" not in home and "SearchAction" not in home
    assert "tim-kiem" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_search_must_be_true_or_false(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article()}, SITE_YAML + "search: có\n")
    with pytest.raises(BuildFailed) as failed:
        load_config(site)
    assert "site.yaml:" in str(failed.value.problems[0]) and "search" in str(failed.value.problems[0])


def test_pagefind_that_cannot_run_is_a_warning_and_an_error_with_strict(tmp_path, monkeypatch):
    site = make_site(tmp_path, {"content/a.md": article()})
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "khong-co"))
    report = build_site_dir(site, cache=False)
    assert [p.msg.key for p in report.warnings] == ["search.unavailable"]
    assert (site / "build/tim-kiem/index.html").is_file() and not (site / "build/pagefind").exists()
    with pytest.raises(BuildFailed) as failed:
        build_site_dir(site, cache=False, strict=True, output=tmp_path / "strict")
    assert [p.msg.key for p in failed.value.problems] == ["search.unavailable"]
    assert "search: false" in failed.value.problems[0].format("en")


def test_an_empty_site_builds_an_empty_state_search_page(tmp_path):
    site = make_site(tmp_path, {})
    build_site_dir(site, cache=False)
    page = (site / "build/tim-kiem/index.html").read_text(encoding="utf-8")
    assert "Chưa có bài viết nào để tìm kiếm." in page


@pytest.mark.slow
def test_the_demo_site_has_the_words_readers_search_for(tmp_path):
    out = tmp_path / "demo"
    build(load_config(ROOT), BuildOptions(output=out, cache=False, now=NOW, workers=1))
    text = " ".join(r["content"] for r in fragments(out))
    for words in ("Đồng Tháp", "tín dụng đen", "đặc biệt", "Đặng"):
        assert words in text


def test_pagefind_failing_in_the_middle_of_a_build_fails_it_and_keeps_the_old_site(one_article_site, monkeypatch):
    build_site_dir(one_article_site, cache=False)
    before = index_files(one_article_site / "build")

    def crash(records):
        raise search.SearchUnavailable("pagefind --service stopped")
    monkeypatch.setattr(search, "build_index", crash)
    (one_article_site / "content/2023/01/khac.md").write_text(article(title="Tin mới"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site_dir(one_article_site, cache=False)
    assert failed.value.problems[0].format("en").startswith("site.yaml: error: cannot run Pagefind")
    assert index_files(one_article_site / "build") == before


def test_an_edit_re_indexes_only_its_year(one_article_site, monkeypatch):
    build_site_dir(one_article_site)
    out = one_article_site / "build"
    other_year = {p: p.stat().st_mtime_ns for p in (out / "pagefind/2024").rglob("*") if p.is_file()}
    indexed = []
    real = search.build_index
    monkeypatch.setattr(search, "build_index", lambda records: (indexed.append([r.url for r in records]),
                                                                 real(records))[1])
    (one_article_site / "content/2023/01/khac.md").write_text(
        article(title="Hội nghị tổng kết công tác Đảng", date="05/01/2023"), encoding="utf-8")
    build_site_dir(one_article_site)
    assert indexed == [["/2023/01/05/hoi-nghi-tong-ket-cong-tac-dang/"]]
    assert {p: p.stat().st_mtime_ns for p in (out / "pagefind/2024").rglob("*") if p.is_file()} == other_year
