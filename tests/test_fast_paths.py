"""The front half the preview runs on every save (the site, the page plan, the output check) gives
exactly what the straightforward code in `reference_front_half.py` gives: the same site, the same
pages with keys that change on the same edits, the same output problems in the same order."""

from __future__ import annotations

import posixpath
import random
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
import reference_front_half as reference
from conftest import NOW, SITE_YAML, article, jpeg, make_site
from factories import TZ, a_config, an_article
from hypothesis import given, settings
from hypothesis import strategies as st

from bantin.build import UNSAFE_LOW, UNSAFE_MARKS, BuildOptions, find_output_problems, load, load_theme
from bantin.config import ExtraPage, load_config
from bantin.content.markdown import LINK_MARK
from bantin.content.photos import photo_output_paths
from bantin.core.outputs import ancestor_folders, suspects
from bantin.output.writer import safe_output_path
from bantin.site.collect import Visibility, build_site
from bantin.site.pages import plan_pages

ZONES = (TZ, timezone(timedelta(hours=7)), timezone.utc, timezone(timedelta(hours=-5)))
TAGS = ("Công an xã", "công an xã", "Đề án 06", "Ma túy", "ma tuý", "Cháy nổ")    # two spellings of some slugs
SECTIONS = ("An toàn giao thông", "Xây dựng lực lượng", None)
EVERYTHING = Visibility(drafts=True, future=True)


def random_article(rng: random.Random, n: int, zones=ZONES):
    start = datetime(2023, 12, 30, 20, 0, tzinfo=TZ)
    date = (start + timedelta(hours=rng.randrange(24 * 90))).astimezone(rng.choice(zones))   # days may interleave
    updated = date + timedelta(days=rng.randrange(1, 40)) if rng.random() < 0.2 else None
    return an_article(f"Tin số {n % 97}", date, section=rng.choice(SECTIONS),
                      tags=tuple(rng.sample(TAGS, rng.randrange(4))),
                      authors=tuple(rng.sample(("Dương Út", "Lê Văn Tám", "dương út"), rng.randrange(1, 3))),
                      body=f"<p>Bài {n}.</p>", updated=updated)


def random_articles(seed: int, count: int, zones=ZONES):
    """Articles over three months, some linking to another's file (`link_articles` resolves those)."""
    rng = random.Random(seed)
    items = [random_article(rng, n, zones) for n in range(count)]
    for i in rng.sample(range(count), count // 5):
        target = posixpath.relpath(rng.choice(items).path, posixpath.dirname(items[i].path))
        links = (target + rng.choice(("", "#ket-qua")), "https://baochinhphu.vn/")
        body = f'<p><a href="{LINK_MARK}0">Xem</a> <a href="{links[1]}">nguồn</a></p>'
        items[i] = replace(items[i], body_html=body, links=links)
    twin = items[1]                             # another file at its address: both are errors
    return [*items, an_article(twin.title, twin.date, section=None, path="content/trung/index.md")]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("per_page, show_body", [(1, False), (3, True), (20, False)])
def test_the_site_is_the_same_as_the_reference(seed, per_page, show_body):
    config = a_config(per_page=per_page, lists_show_body=show_body)
    items = random_articles(seed, 60 + seed * 20, ZONES if seed % 2 else (TZ,))   # one offset: days in runs
    for now in (datetime(2024, 2, 1, tzinfo=TZ), datetime(2026, 1, 1, tzinfo=timezone.utc)):
        assert build_site(config, items, now, EVERYTHING) == reference.build_site(config, items, now, EVERYTHING)
    assert build_site(config, [], NOW) == reference.build_site(config, [], NOW)


def plan_without_keys(pages):
    return [(p.url, p.output_path, p.template, p.context, p.origin, p.line, p.in_sitemap, p.lastmod) for p in pages]


def changed_keys(before, after) -> set[str]:
    keys = {page.url: page.key for page in before}
    return {page.url for page in after if page.url in keys and keys[page.url] != page.key}


def edits(items, rng: random.Random):
    """Each edit an editor can make: a body, a card, a date, a tag, a new or a deleted article."""
    i = rng.randrange(len(items))
    one = items[i]
    yield [*items[:i], an_article(one.title, one.date, section=one.section and one.section.name,
                                  tags=tuple(t.name for t in one.tags), authors=tuple(a.name for a in one.authors),
                                  body="<p>Nội dung mới.</p>", updated=one.updated), *items[i + 1:]]
    yield [*items[:i], random_article(rng, i), *items[i + 1:]]
    yield [*items[:i], *items[i + 1:]]
    yield [*items, random_article(rng, len(items) + 1)]
    yield [*items, an_article("Tin hẹn giờ", datetime(2027, 1, 1, tzinfo=TZ))]


@pytest.mark.parametrize("seed", range(4))
def test_the_page_plan_is_the_reference_s_and_its_keys_change_on_the_same_edits(seed):
    config = a_config(per_page=4, pages=(ExtraPage(url="/gioi-thieu/", template="gioi_thieu.html", title="Giới thiệu",
                                                   sitemap=True, line=7),))
    rng = random.Random(seed)
    items = random_articles(seed, 40)
    site, _ = build_site(config, items, NOW, EVERYTHING)
    fast, slow = plan_pages(site, config), reference.plan_pages(site, config)
    assert plan_without_keys(fast) == plan_without_keys(slow)
    for edited in edits(items, rng):
        site_after, _ = build_site(config, edited, NOW, EVERYTHING)
        changed = changed_keys(fast, plan_pages(site_after, config))
        assert changed == changed_keys(slow, reference.plan_pages(site_after, config))
        assert changed                              # every edit shows somewhere


# -- output problems --------------------------------------------------------------------------------

A = "content/2024/09/bai-a/index.md"
B = "content/2024/09/bai-b/index.md"
TWO = {A: article("Bài A", "27/09/2024 08:00", "Đoạn mở đầu.\n\n![Ảnh](anh.jpg)\n\n![Ảnh phụ](anh/anh.jpg)\n",
                  slug="bai-a"),
       A.replace("index.md", "anh.jpg"): jpeg(), A.replace("index.md", "anh/anh.jpg"): jpeg(color="blue"),
       B: article("Bài B", "28/09/2024 08:00", "Nội dung bài B.\n", slug="bai-b")}
SLUG_PERMALINK = SITE_YAML + "permalink: /{slug}/\n"
EXTRA_PAGE = SITE_YAML + "pages:\n  - {url: /2024/09/27/bai-a/, template: x.html}\n"
SAME_URL = {path: article("Trùng", "27/09/2024 08:00", "Ảnh.\n\n![Ảnh](anh.jpg)\n") for path in (A, B)} | \
    {path.replace("index.md", "anh.jpg"): jpeg() for path in (A, B)}


def with_a(**fields: str) -> dict[str, str | bytes]:
    return {**TWO, A: article("Bài A", "27/09/2024 08:00", "Đoạn mở đầu.\n\n![Ảnh](anh.jpg)\n", slug="bai-a",
                              **fields)}


@pytest.mark.parametrize("files, site_yaml, expected", [
    (TWO, SITE_YAML, set()),
    ({**TWO, "static/.well-known/security.txt": "x", "static/-x.txt": "x"}, SITE_YAML, set()),
    ({**TWO, "static/a:b.txt": "x"}, SITE_YAML, {"output.unsafe"}),
    ({**TWO, "static/.bantin-output": "x"}, SITE_YAML, None),            # dot files are not published
    (with_a(aliases="[/%2E%2E/x]"), SITE_YAML, None),                    # refused when the article is read
    ({**TWO, "static/2024/index.html": "x"}, SITE_YAML, {"article.output_duplicate"}),
    ({**TWO, "static/feed.xml": "x"}, SITE_YAML, {"article.output_duplicate"}),
    ({A: article("Bài A", "27/09/2024 08:00", slug='"2024"')}, SLUG_PERMALINK, {"article.output_duplicate"}),
    ({**TWO, "templates/x.html": "{{ title }}"}, EXTRA_PAGE, {"article.output_duplicate"}),
    (SAME_URL, SITE_YAML, {"article.output_duplicate"}),
    (with_a(aliases="[/2024/]"), SITE_YAML, {"alias.taken"}),
    (with_a(aliases="[/feed.xml]"), SITE_YAML, {"alias.taken"}),
    (with_a(aliases="[/2024/09/27/bai-a/anh.800.x.jpg/y]"), SITE_YAML, set()),
    ({**with_a(aliases="[/tai-lieu.html]"), "static/tai-lieu.html/a.pdf": b"%PDF"}, SITE_YAML, {"alias.taken"}),
    (with_a(aliases="[/2024/09/27/bai-a/]"), SITE_YAML, None),       # its own address: whatever the reference says
    (with_a(aliases='["/cu.aspx?id=1", /cu.aspx, /tin/1.html]'), SITE_YAML, set()),
    ({**with_a(aliases="[/2024/, /tin/1.aspx]"), "static/a:b.txt": "x", "static/2024/index.html": "x"}, SITE_YAML,
     {"output.unsafe", "alias.taken", "article.output_duplicate"}),
])
def test_output_problems_are_the_reference_s(tmp_path, files, site_yaml, expected):
    site = make_site(tmp_path, files, site_yaml)
    loaded = load(load_config(site), BuildOptions(now=NOW, cache=False, drafts=True, future=True))
    theme = load_theme(loaded.config, loaded.inputs, loaded.site)
    found = [(p.path, p.line, p.format("en")) for p in find_output_problems(loaded, theme)]
    assert found == [(p.path, p.line, p.format("en")) for p in reference.find_output_problems(loaded, theme)]
    if expected is not None:
        assert {p.msg.key for p in find_output_problems(loaded, theme)} == expected


def test_photo_paths_are_those_of_every_photo(tmp_path):
    site = make_site(tmp_path, TWO)
    loaded = load(load_config(site), BuildOptions(now=NOW, cache=False))
    claimed = [path for a in loaded.site.articles for photo in a.photos for path in photo.outputs]
    assert len(claimed) > 10 and Counter(photo_output_paths(loaded.site.articles)) == Counter(claimed)


PIECES = st.sampled_from(["a", "b", "/", ".", "..", ":", "\\", "\0", "\n", "-", " ", "index.html", ".bantin-output"])
PATHS = st.lists(st.lists(PIECES, max_size=6).map("".join), max_size=6)


@settings(max_examples=400, deadline=None)
@given(PATHS)
def test_every_unsafe_path_is_a_suspect(paths):
    found = suspects(paths, UNSAFE_MARKS, UNSAFE_LOW)
    assert found <= set(paths)
    assert {path for path in paths if safe_output_path(path) is None} <= found


@settings(max_examples=200, deadline=None)
@given(PATHS)
def test_ancestor_folders_are_every_prefix_folder(paths):
    assert ancestor_folders(paths) == {p.rsplit("/", i)[0] for p in paths for i in range(1, p.count("/") + 1)}
