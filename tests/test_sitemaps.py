"""Sitemaps: every page in sitemap.xml (an index past 50 000 URLs or 50 MB), the Google News sitemap of
the last two days before the build clock, robots.txt, and the clock itself (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import NOW, article, build_site_dir, make_site, run_cli
from external_tools import assert_valid, index_schema, news_schema, urlset_schema

from bantin.build import build_clock
from bantin.config import load_config
from bantin.content.load import load_articles
from bantin.core.errors import UsageError
from bantin.output.sitemaps import MAX_URLS, NEWS_MAX, render_sitemaps
from bantin.site.collect import build_site
from bantin.site.pages import plan_pages

BASE = "https://congan.example.vn"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
VN = timezone(timedelta(hours=7))


def locs(data: bytes) -> list[str]:
    return [loc.text for loc in ET.fromstring(data).iter(f"{SM}loc")]


def stamp(moment: datetime) -> str:
    return moment.astimezone(VN).strftime("%d/%m/%Y %H:%M:%S")


@pytest.fixture
def site(tmp_path):
    files = {"content/a.md": article(title="Tin một", date="27/09/2024 11:41:48", category="An toàn giao thông",
                                     tags="[Giao thông & đô thị]"),
             "content/b.md": article(title="Tin hai", date="01/08/2024 07:00", updated="03/08/2024 09:30")}
    site = make_site(tmp_path, files)
    build_site_dir(site)
    return site


def test_sitemap_lists_every_page_but_the_404(site):
    data = (site / "build/sitemap.xml").read_bytes()
    pages = {"/" + p.relative_to(site / "build").as_posix().removesuffix("index.html")
             for p in (site / "build").rglob("*.html")} - {"/404.html"}
    assert {loc[len(BASE):] for loc in locs(data)} == pages
    assert locs(data)[0] == BASE + "/"
    root = ET.fromstring(data)
    lastmods = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root.iter(f"{SM}url")}
    assert lastmods[BASE + "/2024/09/27/tin-mot/"] == "2024-09-27T11:41:48+07:00"
    assert lastmods[BASE + "/2024/08/01/tin-hai/"] == "2024-08-03T09:30:00+07:00"   # updated
    assert lastmods[BASE + "/"] == "2024-09-27T11:41:48+07:00"                     # its newest item
    assert lastmods[BASE + "/chuyen-muc/phong-chong-toi-pham/"] is None            # empty: no date
    assert lastmods[BASE + "/tu-khoa/giao-thong-do-thi/"] == "2024-09-27T11:41:48+07:00"


def test_sitemap_validates_against_the_sitemaps_org_schema(site):
    assert_valid(urlset_schema(), (site / "build/sitemap.xml").read_bytes())


def test_robots_txt_allows_everything_and_names_both_sitemaps(site):
    assert (site / "build/robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\n\n"
        f"Sitemap: {BASE}/sitemap.xml\nSitemap: {BASE}/news-sitemap.xml\n")


def test_a_robots_txt_of_the_site_replaces_the_generated_one(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article(), "static/robots.txt": "User-agent: *\nDisallow: /nhap/\n"})
    build_site_dir(site)
    assert (site / "build/robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /nhap/\n"


# -- the sitemap index ---------------------------------------------------------------------------------

def small_site(tmp_path, count: int):
    files = {f"content/{n:03d}.md": article(title=f"Tin số {n}", date=f"{n % 28 + 1:02d}/01/2024 08:00")
             for n in range(count)}
    site_dir = make_site(tmp_path, files)
    config = load_config(site_dir)
    articles, problems = load_articles(config)
    site, _ = build_site(config, articles, NOW)
    return site, config


def outputs(site, config, pages=None, **limits) -> dict[str, bytes]:
    pages = plan_pages(site, config) if pages is None else pages
    return {o.path: o.data for o in render_sitemaps(site, pages, config, NOW, **limits)}


def test_past_the_url_limit_sitemap_xml_becomes_an_index_of_children(tmp_path):
    site, config = small_site(tmp_path, 5)
    whole = locs(outputs(site, config)["sitemap.xml"])
    split = outputs(site, config, max_urls=4)
    children = sorted(name for name in split if name.startswith("sitemap-"))
    assert children == [f"sitemap-{n}.xml" for n in range(1, len(children) + 1)] and len(children) > 2
    index = ET.fromstring(split["sitemap.xml"])
    assert index.tag == f"{SM}sitemapindex"
    assert [s.findtext(f"{SM}loc") for s in index.iter(f"{SM}sitemap")] == [f"{BASE}/{c}" for c in children]
    assert [loc for child in children for loc in locs(split[child])] == whole
    assert all(len(locs(split[child])) <= 4 for child in children)
    assert_valid(index_schema(), split["sitemap.xml"])
    for child in children:
        assert_valid(urlset_schema(), split[child])
    first = index.find(f"{SM}sitemap")
    newest = max(u.findtext(f"{SM}lastmod") or "" for u in ET.fromstring(split[children[0]]).iter(f"{SM}url"))
    assert first.findtext(f"{SM}lastmod") == newest


def test_past_the_byte_limit_too(tmp_path):
    site, config = small_site(tmp_path, 5)
    whole = outputs(site, config)["sitemap.xml"]
    limit = len(whole) // 3
    split = outputs(site, config, max_bytes=limit)
    children = [name for name in split if name.startswith("sitemap-")]
    assert len(children) >= 3 and all(len(split[c]) <= limit for c in children)
    assert sorted(loc for c in children for loc in locs(split[c])) == sorted(locs(whole))


@pytest.mark.slow
def test_the_real_limit_is_fifty_thousand_urls(tmp_path):
    site, config = small_site(tmp_path, 1)
    plan = plan_pages(site, config)
    lists = tuple(page for page in plan if page.in_sitemap and not page.origin.endswith(".md"))
    base = next(page for page in plan if page.origin.endswith(".md"))
    many = tuple(replace(base, url=f"/tin/{n}/") for n in range(MAX_URLS + 1 - len(lists)))
    result = outputs(site, config, lists + many)
    assert sorted(result) == ["news-sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    assert len(locs(result["sitemap-1.xml"])) == MAX_URLS
    assert len(locs(result["sitemap-2.xml"])) == 1


# -- Google News -----------------------------------------------------------------------------------------

def test_news_sitemap_holds_only_the_last_two_days_before_the_clock(tmp_path):
    clock = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
    files = {"content/new.md": article(title="Tin mới & nóng", date=stamp(clock - timedelta(hours=1))),
             "content/edge.md": article(title="Tin gần hai ngày", date=stamp(clock - timedelta(hours=47, minutes=59))),
             "content/old.md": article(title="Tin cũ", date=stamp(clock - timedelta(hours=49))),
             "content/future.md": article(title="Tin hẹn giờ", date=stamp(clock + timedelta(hours=1)))}
    site = make_site(tmp_path, files)
    build_site_dir(site, now=clock, future=True)
    data = (site / "build/news-sitemap.xml").read_bytes()
    root = ET.fromstring(data)
    titles = [n.text for n in root.iter(f"{NEWS}title")]
    assert titles == ["Tin mới & nóng", "Tin gần hai ngày"]
    first = root.find(f"{SM}url")
    assert first.findtext(f"{SM}loc") == f"{BASE}/2026/03/10/tin-moi-nong/"
    news = first.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Công an tỉnh Thử nghiệm"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}publication_date") == "2026-03-10T18:00:00+07:00"
    assert b"Tin m\xe1\xbb\x9bi &amp; n\xc3\xb3ng" in data
    assert_valid(news_schema(), data)


def test_the_news_schema_rejects_what_google_would(tmp_path):
    clock = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
    site = make_site(tmp_path, {"content/a.md": article(title="Tin mới", date=stamp(clock - timedelta(hours=1)))})
    build_site_dir(site, now=clock)
    good = (site / "build/news-sitemap.xml").read_bytes()
    schema = news_schema()
    assert_valid(schema, good)
    broken = [good.replace(b"<news:language>vi</news:language>", b"<news:language>Vietnamese</news:language>"),
              good.replace(b"2026-03-10T18:00:00+07:00", b"2026-03-10T18:00:00"),         # no offset
              good.replace(b"<news:title>Tin m\xe1\xbb\x9bi</news:title>", b""),               # no title
              good.replace(b"</news:news>", b"<news:keywords>x</news:keywords></news:news>")]  # unknown tag
    for data in broken:
        assert data != good
        with pytest.raises(AssertionError, match="XSD validation failed"):
            assert_valid(schema, data)


def test_news_sitemap_without_recent_articles_is_an_empty_urlset(site):
    root = ET.fromstring((site / "build/news-sitemap.xml").read_bytes())
    assert root.tag == f"{SM}urlset" and list(root) == []


def test_news_sitemap_keeps_at_most_a_thousand(tmp_path):
    site, config = small_site(tmp_path, 1)
    base = site.articles[0]
    many = tuple(replace(base, card=replace(base.card, url=f"/tin/{n}/", date=NOW - timedelta(seconds=n)))
                 for n in range(NEWS_MAX + 10))
    data = outputs(replace(site, articles=many), config, pages=())["news-sitemap.xml"]
    assert len(locs(data)) == NEWS_MAX and locs(data)[0] == f"{BASE}/tin/0/"


# -- the build clock ---------------------------------------------------------------------------------------

def test_build_clock_is_source_date_epoch_when_set():
    assert build_clock({"SOURCE_DATE_EPOCH": "1773144000"}) == datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
    before = datetime.now(timezone.utc)
    assert before <= build_clock({}) <= datetime.now(timezone.utc)
    assert before <= build_clock({"SOURCE_DATE_EPOCH": " "}) <= datetime.now(timezone.utc)
    for bad in ("soon", "-5", "1.5", "１２", "99999999999999", "9" * 5000):
        with pytest.raises(UsageError) as info:
            build_clock({"SOURCE_DATE_EPOCH": bad})
        assert info.value.msg.key == "build.source_date_epoch"


def test_the_cli_takes_its_clock_from_source_date_epoch(tmp_path):
    files = {"content/a.md": article(title="Tin sáng nay", date="10/03/2026 08:00")}
    site = make_site(tmp_path, files)
    result = run_cli("build", "--site", str(site), env={"BANTIN_LANG": "", "SOURCE_DATE_EPOCH": "1773144000"})
    assert result.exit_code == 0, result.stderr
    assert locs((site / "build/news-sitemap.xml").read_bytes()) == [f"{BASE}/2026/03/10/tin-sang-nay/"]
    result = run_cli("build", "--site", str(site), env={"BANTIN_LANG": "", "SOURCE_DATE_EPOCH": "1773100000"})
    assert result.exit_code == 0
    assert not (site / "build/2026/03/10/tin-sang-nay").exists()       # before its time: not published
    result = run_cli("build", "--site", str(site), env={"BANTIN_LANG": "en", "SOURCE_DATE_EPOCH": "tomorrow"})
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, but is 'tomorrow'" in result.stderr
    result = run_cli("build", "--site", str(site), env={"BANTIN_LANG": "vi", "SOURCE_DATE_EPOCH": "mai"})
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH phải là số giây" in result.stderr


def test_base_url_override_reaches_every_absolute_url(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article(title="Tin một")})
    result = run_cli("build", "--site", str(site), "--base-url", "https://xem-truoc.example.vn/")
    assert result.exit_code == 0, result.stderr
    out = Path(site / "build")
    for rel in ("sitemap.xml", "news-sitemap.xml", "robots.txt", "feed.xml", "atom.xml", "index.html",
                "2024/09/27/tin-mot/index.html"):
        text = (out / rel).read_text(encoding="utf-8")
        assert "congan.example.vn" not in text, rel
    assert locs((out / "sitemap.xml").read_bytes())[0] == "https://xem-truoc.example.vn/"
    html = (out / "2024/09/27/tin-mot/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://xem-truoc.example.vn/2024/09/27/tin-mot/">' in html
    for bad in ("xem-truoc.example.vn", "ftp://x.vn", "https://x .vn"):
        result = run_cli("--lang", "en", "build", "--site", str(site), "--base-url", bad)
        assert result.exit_code == 2 and f"base_url must start with http:// or https://, found '{bad}'" in result.stderr
