"""The parse cache and the output memo: same bytes as a cold build, never trusted when damaged or stale."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import SITE_YAML, article, build_site_dir, jpeg, make_site, tree

import bantin.content.cache
from bantin.content.cache import CACHE_DIR, DB_NAME


def mtimes(root):
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path):
    files = {f"content/2024/0{m}/bai-{m}/index.md": article(title=f"Tin tháng {m}", date=f"1{m}/0{m}/2024",
                                                            category="An toàn giao thông",
                                                            images="[{src: anh.jpg, caption: Ảnh}]")
             for m in range(1, 6)}
    files.update({f"content/2024/0{m}/bai-{m}/anh.jpg": jpeg(40 + m, 30) for m in range(1, 6)})
    return make_site(tmp_path, files, SITE_YAML + "images: {publish_originals: true}\n")   # originals: their location removal is cached too


def forget_last_build(site):
    """These tests are about the parse memo: without the record of the last build, which would answer
    a build whose inputs did not change before any article is read."""
    for record in (site / CACHE_DIR).glob("build-*.pickle"):
        record.unlink()


def cold_tree(site, tmp_path):
    build_site_dir(site, output=tmp_path / "cold", cache=False)
    return tree(tmp_path / "cold")


def test_cached_builds_equal_a_cold_build(site, tmp_path):
    first = build_site_dir(site)
    second = build_site_dir(site)
    assert (first.parsed, second.parsed) == (5, 0)
    assert tree(site / "build") == cold_tree(site, tmp_path)


def test_warm_build_rewrites_no_file(site):
    build_site_dir(site)
    before = mtimes(site / "build")
    report = build_site_dir(site)
    assert report.written == 0
    assert mtimes(site / "build") == before


def test_one_edit_reparses_one_article_and_matches_cold(site, tmp_path):
    build_site_dir(site)
    path = site / "content/2024/03/bai-3/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("tổ chức", "khai mạc"), encoding="utf-8")
    report = build_site_dir(site)
    assert report.parsed == 1
    assert "khai mạc" in (site / "build/2024/03/13/tin-thang-3/index.html").read_text(encoding="utf-8")
    assert tree(site / "build") == cold_tree(site, tmp_path)


def test_changed_photo_is_noticed(site, tmp_path):
    build_site_dir(site)
    (site / "content/2024/02/bai-2/anh.jpg").write_bytes(jpeg(99, 77))
    assert build_site_dir(site).parsed == 1
    assert 'width="99"' in (site / "build/2024/02/12/tin-thang-2/index.html").read_text(encoding="utf-8")
    assert tree(site / "build") == cold_tree(site, tmp_path)


def test_a_corrupted_database_is_rebuilt(site, tmp_path):
    build_site_dir(site)
    db = site / CACHE_DIR / DB_NAME
    for suffix in ("-wal", "-shm"):
        (site / CACHE_DIR / (DB_NAME + suffix)).unlink(missing_ok=True)
    db.write_bytes(b"SQLite format 3\0" + b"\xff" * 5000)
    forget_last_build(site)
    assert build_site_dir(site).parsed == 5
    forget_last_build(site)
    assert build_site_dir(site).parsed == 0
    assert tree(site / "build") == cold_tree(site, tmp_path)


def test_a_damaged_entry_is_a_miss(site, tmp_path):
    build_site_dir(site)
    with sqlite3.connect(site / CACHE_DIR / DB_NAME) as db:
        key, value = db.execute("SELECT key, value FROM parsed LIMIT 1").fetchone()
        db.execute("UPDATE parsed SET value = ? WHERE key = ?", (value[:-10] + b"0123456789", key))
    forget_last_build(site)
    assert build_site_dir(site).parsed == 1
    assert tree(site / "build") == cold_tree(site, tmp_path)


def test_config_change_misses(site):
    build_site_dir(site)
    yaml = site / "site.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("source: ĐTO", "source: CATP"), encoding="utf-8")
    assert build_site_dir(site).parsed == 5
    assert "CATP - " in (site / "build/2024/01/11/tin-thang-1/index.html").read_text(encoding="utf-8")


def test_version_change_misses(site, monkeypatch):
    build_site_dir(site)
    monkeypatch.setattr(bantin.content.cache, "__version__", "999.0")
    forget_last_build(site)
    assert build_site_dir(site).parsed == 5


def test_template_change_rerenders_without_reparsing(site):
    build_site_dir(site)
    (site / "templates").mkdir()
    (site / "templates/404.html").write_text("<!DOCTYPE html><html lang=\"vi\"><head><title>x</title></head>"
                                             "<body>Không có trang này</body></html>\n", encoding="utf-8")
    report = build_site_dir(site)
    assert report.parsed == 0 and report.written == 1
    assert "Không có trang này" in (site / "build/404.html").read_text(encoding="utf-8")


def test_a_published_file_edited_by_hand_is_restored(site):
    build_site_dir(site)
    page = site / "build/2024/01/11/tin-thang-1/index.html"
    original = page.read_bytes()
    page.write_bytes(b"tampered")
    (site / "build/index.html").unlink()
    build_site_dir(site)
    assert page.read_bytes() == original
    assert (site / "build/index.html").is_file()


def test_deleting_the_cache_is_safe(site, tmp_path):
    import shutil
    build_site_dir(site)
    shutil.rmtree(site / CACHE_DIR)
    build_site_dir(site)
    assert tree(site / "build") == cold_tree(site, tmp_path)


def test_parallel_parsing_gives_the_same_site(tmp_path, monkeypatch):
    import bantin.content.load
    monkeypatch.setattr(bantin.content.load, "PARALLEL_MIN", 2)
    monkeypatch.setattr(bantin.content.load, "CHUNK", 3)
    files = {f"content/a{i}.md": article(title=f"Bài {i}", date=f"{i + 1:02d}/01/2024") for i in range(10)}
    site = make_site(tmp_path, files)
    build_site_dir(site, workers=2, cache=False)
    build_site_dir(site, workers=1, cache=False, output=tmp_path / "serial")
    assert tree(site / "build") == tree(tmp_path / "serial")


def test_parallel_rendering_gives_the_same_site_and_reports_template_errors(tmp_path, monkeypatch):
    import bantin.output.render
    from bantin.core.errors import BuildFailed
    monkeypatch.setattr(bantin.output.render, "PARALLEL_MIN", 2)
    monkeypatch.setattr(bantin.output.render, "CHUNK", 3)
    files = {f"content/a{i}.md": article(title=f"Bài {i}", date=f"{i + 1:02d}/01/2024") for i in range(10)}
    site = make_site(tmp_path, files)
    build_site_dir(site, workers=2, cache=False)
    build_site_dir(site, workers=1, cache=False, output=tmp_path / "serial")
    assert tree(site / "build") == tree(tmp_path / "serial")
    (site / "templates").mkdir()
    (site / "templates/article.html").write_text("<p>\n{{ article.khong_co }}\n</p>\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as info:
        build_site_dir(site, workers=2, cache=False)
    assert str(info.value.problems[0]).startswith("templates/article.html:2: error: template error:")
    assert tree(site / "build") == tree(tmp_path / "serial")


def test_editing_the_body_of_the_newest_article_rewrites_only_its_page(site):
    build_site_dir(site)
    path = site / "content/2024/05/bai-5/index.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn thứ hai, mới thêm.\n", encoding="utf-8")
    out = site / "build"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    report = build_site_dir(site)
    changed = {p.relative_to(out).as_posix() for p in out.rglob("*")
               if p.is_file() and before.get(p) != p.stat().st_mtime_ns}
    assert report.parsed == 1
    assert {c for c in changed if not c.startswith("pagefind/")} == {"2024/05/15/tin-thang-5/index.html"}
    assert all(c.startswith("pagefind/2024/") for c in changed if c.startswith("pagefind/"))  # its year's index
    assert "Đoạn thứ hai" in (site / "build/2024/05/15/tin-thang-5/index.html").read_text(encoding="utf-8")


def test_a_template_that_shows_bodies_in_lists_keys_lists_by_body(site, tmp_path):
    (site / "templates/partials").mkdir(parents=True)
    (site / "templates/partials/card.html").write_text("<div>{{ item.body_html | safe }}</div>\n", encoding="utf-8")
    with open(site / "site.yaml", "a", encoding="utf-8") as config:
        config.write("lists_show_body: true\n")
    build_site_dir(site)
    path = site / "content/2024/05/bai-5/index.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn thứ hai, mới thêm.\n", encoding="utf-8")
    build_site_dir(site)
    assert "Đoạn thứ hai" in (site / "build/index.html").read_text(encoding="utf-8")
    assert tree(site / "build") == cold_tree(site, tmp_path)


def test_a_photo_replaced_by_one_with_gps_is_stripped_on_the_next_build(site):
    import io

    from PIL import Image
    build_site_dir(site)
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (10.0, 27.0, 0.0), 3: "E", 4: (105.0, 38.0, 0.0)})
    buf = io.BytesIO()
    Image.new("RGB", (41, 30), "green").save(buf, "JPEG", exif=exif)
    (site / "content/2024/01/bai-1/anh.jpg").write_bytes(buf.getvalue())
    build_site_dir(site)
    published = Image.open(site / "build/2024/01/11/tin-thang-1/anh.jpg")
    assert published.getexif().get_ifd(0x8825) == {}


def test_the_preview_memory_recalls_untouched_articles_at_once_and_checks_the_rest(site):
    """The preview tells the memory which files changed since the last build: an article neither
    they nor a file it read touch is recalled as it was; one whose photo changed is read again."""
    from bantin.config import load_config
    from bantin.content.load import load_articles
    from bantin.preview.changes import changed_paths, stamp_inputs
    config = load_config(site)
    memo = bantin.content.cache.MemoryMemo(site)
    paths = sorted(str(p.relative_to(site)) for p in (site / "content").rglob("index.md"))
    stamps = stamp_inputs(site)
    memo.use_stamps(stamps)
    first, _ = load_articles(config, paths, memo)
    memo.use_stamps(stamps, [])
    again, _ = load_articles(config, paths, memo)
    assert all(a is b for a, b in zip(first, again)) and memo.misses == len(paths)   # nothing read again
    (site / "content/2024/03/bai-3/anh.jpg").write_bytes(jpeg(60, 30))
    now = stamp_inputs(site)
    memo.use_stamps(now, changed_paths(stamps, now))
    third, _ = load_articles(config, paths, memo)
    assert [a is b for a, b in zip(again, third)] == [path != "content/2024/03/bai-3/index.md" for path in paths]
    assert third[2].photos[0].width == 60



def test_the_preview_memory_forgets_the_readers_of_articles_that_went(site):
    """A server running for days sees articles renamed and deleted: what it remembers of who read
    which file shrinks with them."""
    from bantin.config import load_config
    from bantin.content.load import load_articles
    from bantin.preview.changes import stamp_inputs
    config = load_config(site)
    memo = bantin.content.cache.MemoryMemo(site)
    paths = sorted(str(p.relative_to(site)) for p in (site / "content").rglob("index.md"))
    memo.use_stamps(stamp_inputs(site))
    load_articles(config, paths, memo)
    memo.prune()
    memo.use_stamps(stamp_inputs(site), [])
    load_articles(config, paths, memo)                  # recalled: the readers are known
    readers = {path for readers in memo._readers.values() for path in readers}
    assert "content/2024/03/bai-3/index.md" in readers
    memo.prune()
    memo.use_stamps(stamp_inputs(site), [])
    load_articles(config, [p for p in paths if p != "content/2024/03/bai-3/index.md"], memo)
    memo.prune()
    readers = {path for readers in memo._readers.values() for path in readers}
    assert readers and "content/2024/03/bai-3/index.md" not in readers
