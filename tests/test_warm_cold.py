"""A warm build after any edit equals a cold build of the same files, byte for byte, whatever the
theme shows where; and the three wrong results the page plan, card views and shared front half fixed."""

from __future__ import annotations

import shutil

import pytest
from conftest import NOW, SITE_YAML, VTT, article, build_site_dir, clip, jpeg, make_site, pdf, tree

from datetime import datetime, timezone

from bantin import build as build_module
from bantin.check import check_site
from bantin.config import load_config
from bantin.core.errors import BuildFailed
from bantin.inputs import BUILTIN_TEMPLATES


def builtin(name: str) -> str:
    return (BUILTIN_TEMPLATES / name).read_text(encoding="utf-8")


# Where a theme shows bodies: in the article only (the built-in theme), in 'Các tin khác' of every
# article page, or in every card of every list. The last two need `lists_show_body: true`. And a
# redirect page (every article has an old address) that shows its article's summary inside the layout
# of every page, and a list page that reaches for its list's other pages (an error saying what to use).
OVERRIDES = {
    "article": ({}, ""),
    "related": ({"templates/article.html": builtin("article.html").replace(
        '<li><a href="{{ item.url }}">{{ item.title }}</a>',
        '<li><a href="{{ item.url }}">{{ item.title }}</a><div class="teaser">{{ item.body_html | safe }}</div>')},
        "lists_show_body: true\n"),
    "cards": ({"templates/partials/card.html": builtin("partials/card.html").replace(
        '<p class="summary">', '<div class="teaser">{{ item.body_html | safe }}</div>\n<p class="summary">')},
        "lists_show_body: true\n"),
    "redirect": ({"templates/redirect.html": '{% extends "base.html" %}\n{% block content %}'
                  '<p class="summary">{{ alias.target.summary }}</p><a href="{{ alias.target.url }}">'
                  '{{ alias.target.title }}</a>{% endblock %}\n'}, ""),
}


def edit_body(site):
    path = site / "content/2024/05/bai-5/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("PHIEN BAN MOT", "PHIEN BAN HAI"), encoding="utf-8")


def edit_title(site):
    path = site / "content/2024/03/bai-3/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Tin tháng 3", "title: Tin tháng ba"),
                    encoding="utf-8")


def edit_summary(site):
    path = site / "content/2024/04/bai-4/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Tóm tắt tin tháng 4", "Tóm tắt mới của tin tháng 4"),
                    encoding="utf-8")


def edit_photo(site):
    (site / "content/2024/02/bai-2/anh.jpg").write_bytes(jpeg(77, 51, "blue"))


def edit_config(site):
    yaml = site / "site.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("source: ĐTO", "source: CATP"), encoding="utf-8")


def edit_template(site):
    (site / "templates").mkdir(exist_ok=True)
    footer = site / "templates/partials/footer.html"
    footer.parent.mkdir(exist_ok=True)
    footer.write_text(builtin("partials/footer.html").replace("</footer>", "<p>Đường dây nóng 113</p></footer>"),
                      encoding="utf-8")


def edit_document(site):
    (site / "content/2024/01/bai-1/tb.pdf").write_bytes(pdf(3, Author="Người khác"))


def edit_video(site):
    (site / "content/2024/01/bai-1/clip.mp4").write_bytes(clip(color="yellow"))


def edit_nothing(site):
    pass


EDITS = {"body": edit_body, "title": edit_title, "summary": edit_summary, "photo": edit_photo, "config": edit_config,
         "template": edit_template, "nothing": edit_nothing,
         "document": edit_document, "video": edit_video}   # the last two: documents and video (issue 28)


def matrix_site(tmp_path, override: str):
    files, extra_yaml = OVERRIDES[override]
    articles = {f"content/2024/0{m}/bai-{m}/index.md": article(
        title=f"Tin tháng {m}", date=f"1{m}/0{m}/2024", category="An toàn giao thông",
        summary=f"Tóm tắt tin tháng {m}", images="[{src: anh.jpg, caption: Ảnh}]", aliases=f"[/tin-cu/{m}.aspx]",
        body=f"Đoạn mở đầu tháng {m}.\n\nPHIEN BAN MOT của tháng {m}.\n") for m in range(1, 6)}
    articles.update({f"content/2024/0{m}/bai-{m}/anh.jpg": jpeg(40 + m, 30) for m in range(1, 6)})
    articles["content/2024/01/bai-1/index.md"] = articles["content/2024/01/bai-1/index.md"].replace(
        "---\nĐoạn", "attachments: [{src: tb.pdf, title: Thông báo}]\n"
        "videos: [{src: clip.mp4, caption: Ra quân, captions: phu-de.vtt}]\n---\nĐoạn")
    articles.update({"content/2024/01/bai-1/tb.pdf": pdf(2, Author="Nguyễn Văn An"),
                     "content/2024/01/bai-1/clip.mp4": clip(), "content/2024/01/bai-1/phu-de.vtt": VTT})
    return make_site(tmp_path / "site", {**articles, **files}, SITE_YAML + extra_yaml)


@pytest.mark.parametrize("edit", EDITS)
@pytest.mark.parametrize("override", OVERRIDES)
def test_warm_equals_cold(tmp_path, override, edit):
    site = matrix_site(tmp_path, override)
    build_site_dir(site)
    EDITS[edit](site)
    build_site_dir(site)
    build_site_dir(site, output=tmp_path / "cold", cache=False)
    assert tree(site / "build") == tree(tmp_path / "cold")


def test_a_list_that_reaches_for_a_body_says_how_to_allow_it(tmp_path):
    """The first wrong result: a theme showing related articles' bodies kept a stale page after a
    warm build. Now lists hold cards, and such a template is an error with its line, not a stale page."""
    files, _ = OVERRIDES["related"]
    site = make_site(tmp_path, {"content/a.md": article(title="Tin A", category="An toàn giao thông"),
                                "content/b.md": article(title="Tin B", category="An toàn giao thông"), **files})
    with pytest.raises(BuildFailed) as info:
        build_site_dir(site)
    [problem] = info.value.problems
    assert problem.path == "templates/article.html" and problem.line
    assert "lists_show_body: true" in str(problem)


def test_a_link_to_a_file_with_an_apostrophe_leads_to_its_page(tmp_path):
    """The second wrong result: an href that Markdown escapes differently from `html.escape` stayed
    pointing at the .md file."""
    body = "Xem [bai B](<../b'c/index.md>), [bai B2](../b%27c/index.md) va [muc](../b'c/index.md#ket-qua).\n"
    site = make_site(tmp_path, {"content/x/a/index.md": article(title="Bài A", body=body),
                                "content/x/b'c/index.md": article(title="Bài B", date="02/05/2024")})
    build_site_dir(site)
    page = (site / "build/2024/09/27/bai-a/index.html").read_text(encoding="utf-8")
    page = page[page.index('<div class="body">'):page.index("</div>", page.index('<div class="body">'))]
    assert page.count('href="/2024/05/02/bai-b/"') == 2
    assert 'href="/2024/05/02/bai-b/#ket-qua"' in page
    assert "index.md" not in page


def test_a_link_to_a_missing_file_is_left_as_written_and_reported(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article(body="Xem [bai](khong-co.md).\n")})
    build_site_dir(site)
    assert 'href="khong-co.md"' in (site / "build/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/index.html"
                                    ).read_text(encoding="utf-8")
    assert [p.msg.key for p in check_site(load_config(site), now=NOW)] == ["link.md_missing"]


def test_check_uses_the_build_clock(tmp_path, monkeypatch):
    """The third wrong result: with SOURCE_DATE_EPOCH set, build left B out as scheduled, and check
    (on the wall clock) said there was no problem with A's link to it."""
    site = make_site(tmp_path, {"content/a.md": article(title="Bai A", date="01/04/2024",
                                                        body="Xem [bai B](/2024/05/02/bai-b/).\n"),
                                "content/b.md": article(title="Bai B", date="02/05/2024")})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714564800")    # 2024-05-01 12:00 UTC
    [problem] = check_site(load_config(site))
    assert (problem.path, problem.line, problem.msg.key) == ("content/a.md", 5, "link.broken")


def test_check_and_build_agree_on_the_base_url(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article(body="Xem [trang](https://tin.example.vn/khong-co/).\n")})
    assert check_site(load_config(site), now=NOW) == []
    [problem] = check_site(load_config(site), now=NOW, base_url="https://tin.example.vn")
    assert problem.msg.key == "link.broken"


def test_a_deleted_article_leaves_no_page_behind(tmp_path):
    site = matrix_site(tmp_path, "article")
    build_site_dir(site)
    shutil.rmtree(site / "content/2024/03/bai-3")
    build_site_dir(site)
    build_site_dir(site, output=tmp_path / "cold", cache=False)
    assert tree(site / "build") == tree(tmp_path / "cold")
    assert not (site / "build/2024/03/13").exists()


def test_a_redirect_page_follows_its_articles_new_summary(tmp_path):
    site = matrix_site(tmp_path, "redirect")
    build_site_dir(site)
    edit_summary(site)
    build_site_dir(site)
    page = (site / "build/tin-cu/4.aspx/index.html").read_text(encoding="utf-8")
    assert "Tóm tắt mới của tin tháng 4" in page and "Tin tháng 4" in page


def test_a_list_page_that_reaches_for_its_other_pages_says_what_to_use(tmp_path):
    """A list page is keyed by its own page's articles; another page's are not its to show."""
    site = make_site(tmp_path, {"content/a.md": article(title="Tin A"), "content/b.md": article(title="Tin B"),
                                "templates/index.html": "{{ listing.pages[-1].items[0].title }}\n"},
                     SITE_YAML + "per_page: 1\n")
    with pytest.raises(BuildFailed) as info:
        build_site_dir(site)
    [problem] = info.value.problems
    assert problem.path == "templates/index.html" and "pager.items" in str(problem)


def test_a_build_with_nothing_changed_answers_from_its_record_and_equals_a_cold_one(tmp_path):
    site = matrix_site(tmp_path, "article")
    first = build_site_dir(site)
    again = build_site_dir(site)
    build_site_dir(site, output=tmp_path / "cold", cache=False)
    assert not first.recalled and again.recalled
    assert (again.articles, again.pages, again.files, again.written) == (first.articles, first.pages, first.files, 0)
    assert tree(site / "build") == tree(tmp_path / "cold")


def test_a_published_file_changed_by_hand_is_put_back_by_the_next_build(tmp_path):
    site = matrix_site(tmp_path, "article")
    build_site_dir(site)
    page = site / "build/index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>sua tay</p></body>"))
    again = build_site_dir(site)
    build_site_dir(site, output=tmp_path / "cold", cache=False)
    assert not again.recalled
    assert tree(site / "build") == tree(tmp_path / "cold")


def test_an_unchanged_site_built_on_the_wall_clock_publishes_a_scheduled_article_once_its_time_comes(
        tmp_path, monkeypatch):
    """No SOURCE_DATE_EPOCH: the record of the last build holds only until the clock reaches the first
    moment the same files give another site (here: the scheduled article's date)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = make_site(tmp_path, {"content/a.md": article(title="Bai A", date="01/04/2024"),
                                "content/b.md": article(title="Bai hen gio", date="02/05/2024 08:00")})
    clock = [datetime(2024, 5, 1, tzinfo=timezone.utc)]
    monkeypatch.setattr(build_module, "build_clock", lambda: clock[0])
    assert build_module.build(load_config(site)).articles == 1
    assert build_module.build(load_config(site)).recalled
    clock[0] = datetime(2024, 5, 2, 2, tzinfo=timezone.utc)        # 09:00 in Ho Chi Minh City
    later = build_module.build(load_config(site))
    assert not later.recalled and later.articles == 2
    assert (site / "build/2024/05/02/bai-hen-gio/index.html").is_file()


def test_the_news_sitemap_lets_an_article_go_after_two_days_on_an_unchanged_site(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = make_site(tmp_path, {"content/a.md": article(title="Bai A", date="01/05/2024 08:00")})
    clock = [datetime(2024, 5, 1, 12, tzinfo=timezone.utc)]
    monkeypatch.setattr(build_module, "build_clock", lambda: clock[0])
    build_module.build(load_config(site))
    assert b"bai-a" in (site / "build/news-sitemap.xml").read_bytes()
    clock[0] = datetime(2024, 5, 4, tzinfo=timezone.utc)
    assert not build_module.build(load_config(site)).recalled
    assert b"bai-a" not in (site / "build/news-sitemap.xml").read_bytes()


def test_the_build_and_the_parse_memo_agree_on_the_cache_folder():
    from bantin.content import cache
    assert build_module.CACHE_DIR == cache.CACHE_DIR
