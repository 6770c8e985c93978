"""precompress: true writes .gz and .br beside text files over 1 KB: identical each build, only when the
source changed, gone with the source."""

from __future__ import annotations

import gzip
import os

import brotli
from conftest import SITE_YAML, article, build_site_dir, make_site

from bantin.core.outputs import Output
from bantin.output.precompress import MIN_SIZE, gzip_bytes, precompress

BODY = "Sáng ngày 27/9, Công an tỉnh tổ chức hội nghị sơ kết.\n\n" * 40


def _site(tmp_path, precompress_on=True):
    return make_site(tmp_path, {
        "content/2024/09/so-ket/index.md": article(body=BODY),
        "content/2024/09/khac/index.md": article(title="Bài khác hẳn", date="28/09/2024 08:00:00", body=BODY),
        "static/nho.txt": "nhỏ\n",
    }, SITE_YAML + ("precompress: true\n" if precompress_on else ""))


def siblings(out):
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.suffix in (".gz", ".br"))


def test_text_files_over_1_kb_get_gz_and_br_that_decompress_to_them(tmp_path):
    site = _site(tmp_path)
    build_site_dir(site)
    out = site / "build"
    found = siblings(out)
    assert "index.html.gz" in found and "index.html.br" in found and "feed.xml.gz" in found
    assert any(p.startswith("css/bantin.") and p.endswith(".css.br") for p in found)
    assert "nho.txt.gz" not in found                               # under 1 KB
    assert not any(p.endswith((".png.gz", ".jpg.gz", ".gz.gz")) for p in found)
    for rel in found:
        source = (out / rel[:-3]).read_bytes()
        assert len(source) > MIN_SIZE
        packed = (out / rel).read_bytes()
        assert (gzip.decompress(packed) if rel.endswith(".gz") else brotli.decompress(packed)) == source


def test_off_by_default(tmp_path):
    site = _site(tmp_path, precompress_on=False)
    build_site_dir(site)
    assert siblings(site / "build") == []


def test_gzip_has_no_name_and_no_time():
    packed = gzip_bytes(b"x" * 2000)
    assert packed[4:8] == b"\0\0\0\0" and packed[3] & 0x08 == 0     # MTIME 0, no FNAME flag
    assert packed == gzip_bytes(b"x" * 2000)


def test_byte_identical_across_builds_and_cold_folders(tmp_path):
    site = _site(tmp_path)
    build_site_dir(site)
    build_site_dir(site, output=tmp_path / "second", cache=False)
    for rel in siblings(site / "build"):
        assert (site / "build" / rel).read_bytes() == (tmp_path / "second" / rel).read_bytes()


def test_made_only_when_the_source_changed_and_removed_with_it(tmp_path):
    site = _site(tmp_path)
    build_site_dir(site)
    out = site / "build"
    home_gz = out / "index.html.gz"
    article_dir = next(out.glob("2024/09/27/*/"))
    before = {rel: os.stat(out / rel).st_mtime_ns for rel in siblings(out)}
    report = build_site_dir(site)
    assert report.written == 0
    assert {rel: os.stat(out / rel).st_mtime_ns for rel in siblings(out)} == before
    (site / "content/2024/09/so-ket/index.md").unlink()
    build_site_dir(site)
    assert not article_dir.exists()
    assert not (article_dir / "index.html.gz").exists()
    assert home_gz.is_file() and gzip.decompress(home_gz.read_bytes()) == (out / "index.html").read_bytes()
    assert all((out / rel[:-3]).is_file() for rel in siblings(out))


class _Published:
    def __init__(self, out_dir, entries):
        self.out_dir, self.entries = out_dir, entries

    def is_current(self, path, key):
        return self.entries.get(path) == key

    def size_of(self, path):
        return 5000 if path in self.entries else None


def test_an_unchanged_source_keeps_its_siblings_without_reading_anything(tmp_path):
    first = list(precompress([Output("a.html", b"<p>" * 1000, "x", "k1")], _Published(tmp_path, {})))
    keys = {o.path: o.key for o in first}
    published = _Published(tmp_path, {"a.html": "k1", **keys})
    again = list(precompress([Output("a.html", None, "x", "k1")], published))
    assert [(o.path, o.data) for o in again] == [("a.html", None), ("a.html.gz", None), ("a.html.br", None)]
