"""The page plan, as data: pure tests on models made in memory (no files, no rendering)."""

from __future__ import annotations

import operator
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta

from factories import TZ, a_config, an_article
from hypothesis import given, settings
from hypothesis import strategies as st

from bantin.config import ExtraPage
from bantin.core.models import Article, ArticleCard
from bantin.core.outputs import find_output_collisions
from bantin.site.collect import ListingMemo, build_site
from bantin.site.pages import ArticleContext, ExtraContext, HomeContext, ListContext, TermsContext, plan_pages

NOW = datetime(2026, 1, 1, tzinfo=TZ)


def articles(count: int = 5, **fields) -> list[Article]:
    start = datetime(2024, 9, 1, 8, 0, tzinfo=TZ)
    return [an_article(f"Tin số {n}", start + timedelta(days=n), tags=("Công an xã", "Đề án 06")[: n % 3],
                       section=("An toàn giao thông", "Xây dựng lực lượng", None)[n % 3], **fields)
            for n in range(count)]


def plan(items, **config):
    config = a_config(**config)
    site, problems = build_site(config, items, NOW)
    assert problems == []
    return site, plan_pages(site, config)


def test_every_page_has_one_plan_entry_and_the_404_is_not_in_the_sitemap():
    site, pages = plan(articles(5))
    kinds = Counter(page.template for page in pages)
    assert kinds["article.html"] == 5 and kinds["404.html"] == 1 and kinds["terms.html"] == 3
    assert kinds["index.html"] == 1 and kinds["list.html"] == len(site.sections) + len(site.tags) + len(site.authors)
    assert len({page.output_path for page in pages}) == len(pages)
    assert [page.url for page in pages if not page.in_sitemap] == ["/404.html"]
    assert all(page.lastmod for page in pages if page.template == "article.html")


def test_lists_receive_cards_unless_the_site_shows_bodies_in_lists():
    _, pages = plan(articles(5))
    home = next(page for page in pages if isinstance(page.context, HomeContext))
    related = next(page for page in pages if isinstance(page.context, ArticleContext)).context.related
    assert all(isinstance(item, ArticleCard) for item in home.context.pager.items + related)
    _, pages = plan(articles(5), lists_show_body=True)
    home = next(page for page in pages if isinstance(page.context, HomeContext))
    assert all(isinstance(item, Article) for item in home.context.pager.items)


def test_a_body_edit_changes_only_its_article_page_key():
    before = articles(5)
    after = list(before)
    after[4] = replace(before[4], body_html="<p>Nội dung mới.</p>", digest="khac")
    keys = {page.url: page.key for page in plan(before)[1]}
    changed = [page.url for page in plan(after)[1] if keys[page.url] != page.key]
    assert changed == [before[4].url]


def test_a_title_edit_changes_every_page_that_lists_it():
    before = articles(5)
    after = list(before)
    edited = replace(before[0].card, title="Tin đầu tiên, sửa lại")
    from bantin.content.cache import card_digest
    after[0] = replace(before[0], card=replace(edited, digest=card_digest(edited)))
    keys = {page.url: page.key for page in plan(before)[1]}
    changed = {page.url for page in plan(after)[1] if keys[page.url] != page.key}
    assert before[0].url in changed and "/" in changed and "/2024/09/01/" in changed


def test_term_indexes_list_every_term_in_vietnamese_order_with_counts():
    _, pages = plan(articles(6))
    sections = next(p for p in pages if isinstance(p.context, TermsContext) and p.context.kind == "section")
    assert sections.url == "/chuyen-muc/"
    assert [(term.name, count) for term, count in sections.context.terms] == [
        ("An toàn giao thông", 2), ("Xây dựng lực lượng", 2)]
    tags = next(p for p in pages if isinstance(p.context, TermsContext) and p.context.kind == "tag")
    assert [term.name for term, _ in tags.context.terms] == ["Công an xã", "Đề án 06"]
    section_list = next(p for p in pages if isinstance(p.context, ListContext) and p.url == "/chuyen-muc/an-toan-giao-thong/")
    assert section_list.context.crumbs == (("Chuyên mục", "/chuyen-muc/"),)


def test_extra_pages_from_site_yaml_see_the_whole_site():
    extra = (ExtraPage("/thanh-tich/", "thanh_tich.html", "Thành tích", line=7),
             ExtraPage("/gioi-thieu/", "gioi_thieu.html", sitemap=False, line=10))
    site, pages = plan(articles(3), pages=extra)
    roll = next(page for page in pages if page.url == "/thanh-tich/")
    assert isinstance(roll.context, ExtraContext) and roll.context.articles == site.articles
    assert roll.template == "thanh_tich.html" and (roll.origin, roll.line) == ("site.yaml", 7)
    assert roll.in_sitemap and not next(page for page in pages if page.url == "/gioi-thieu/").in_sitemap


def test_output_collisions_are_reported_where_they_can_be_fixed():
    claims = [("2024/index.html", "/2024/", None), ("2024/index.html", "content/a.md", 3),
              ("css/a.css", "static/css/a.css", None), ("css/a.css", "static/css/b.css", None)]
    found = [p.format("en") for p in find_output_collisions(claims)]
    assert found == ["content/a.md:3: error: output file 2024/index.html is produced twice (also by /2024/)",
                     "static/css/b.css: error: output file css/a.css is produced twice (also by static/css/a.css)"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(("add", "drop", "title", "date", "tag")), st.integers(0, 40)),
                min_size=1, max_size=8))
def test_lists_kept_between_builds_equal_lists_made_afresh(edits):
    """The preview keeps the last build's lists (`ListingMemo`): after any edits the site equals one
    built without it, and a list of the same article objects is the very same object."""
    config = a_config(per_page=2)
    items = articles(12)
    memo = ListingMemo()
    before, _ = build_site(config, items, NOW, memo=memo)
    for op, pick in edits:
        n = pick % max(1, len(items))
        if op == "add" or not items:
            items.append(an_article(f"Tin thêm {pick}", datetime(2024, 10, 1 + pick % 20, 8, 0, tzinfo=TZ),
                                    tags=("Công an xã",)[: pick % 2]))
        elif op == "drop":
            del items[n]
        elif op == "title":
            items[n] = an_article(items[n].title + " mới", items[n].date, tags=tuple(t.name for t in items[n].tags),
                                  path=items[n].path)
        elif op == "date":
            items[n] = an_article(items[n].title, items[n].date + timedelta(days=pick % 40), path=items[n].path)
        else:
            items[n] = an_article(items[n].title, items[n].date, tags=("Đề án 06", f"Tin {pick % 3}"),
                                  path=items[n].path)
        kept, _ = build_site(config, items, NOW, memo=memo)
        fresh, _ = build_site(config, items, NOW)
        assert kept == fresh
        old = {listing.url: listing for listing in before.listings}
        for listing in kept.listings:
            was = old.get(listing.url)
            if listing == was and all(map(operator.is_, shown(listing), shown(was))):
                assert listing is was, listing.url
        before = kept


def shown(listing) -> list:
    return [item for pager in listing.pages for item in pager.items]
