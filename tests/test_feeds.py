"""Feeds: RSS 2.0 and Atom for the site and each section, latest 50, absolute URLs, dates with +07:00."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import feedparser
import pytest
from conftest import article, build_site_dir, jpeg, make_site

from bantin.config import load_config
from bantin.content.load import load_articles
from bantin.core.models import Term
from bantin.output.feeds import FEED_SIZE, Feed, feed_links, render_atom, render_rss

BASE = "https://congan.example.vn"
ATOM = "{http://www.w3.org/2005/Atom}"

LEAD = article(title="Hội nghị sơ kết công tác Công an xã & <b>lực lượng</b>", date="27/09/2024 11:41:48",
               category="Xây dựng lực lượng", tags="[Công an xã, Xây dựng lực lượng]",
               author="[Nguyễn Văn A, Trần Thị B]", updated="28/09/2024 08:00",
               images="\n  - {src: hoi-nghi.jpg, caption: Toàn cảnh hội nghị}",
               body="Sáng 27/9, Công an tỉnh tổ chức hội nghị.\n")
TRAFFIC = article(title="Ra quân bảo đảm trật tự an toàn giao thông", date="2024-09-20T08:00:00+00:00",
                  category="An toàn giao thông", summary="Tóm tắt ngắn về đợt ra quân.")
PLAIN = article(title="Thông báo tuyển sinh", date="01/09/2024 07:30")


@pytest.fixture
def site(tmp_path):
    site = make_site(tmp_path, {"content/a/index.md": LEAD, "content/a/hoi-nghi.jpg": jpeg(120, 80),
                                "content/b.md": TRAFFIC, "content/c.md": PLAIN})
    build_site_dir(site)
    return site


def parse(site, rel: str):
    parsed = feedparser.parse((site / "build" / rel).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_site_rss_has_every_article_newest_first_with_absolute_urls(site):
    feed = parse(site, "feed.xml")
    assert feed.version == "rss20"
    assert feed.feed.title == "Công an tỉnh Thử nghiệm" and feed.feed.link == BASE + "/"
    assert [e.title for e in feed.entries] == ["Hội nghị sơ kết công tác Công an xã & <b>lực lượng</b>",
                                               "Ra quân bảo đảm trật tự an toàn giao thông", "Thông báo tuyển sinh"]
    lead = feed.entries[0]
    assert lead.link == lead.id == BASE + "/2024/09/27/hoi-nghi-so-ket-cong-tac-cong-an-xa-b-luc-luong-b/"
    assert lead.published == "Fri, 27 Sep 2024 11:41:48 +0700"
    assert lead.summary == "Sáng 27/9, Công an tỉnh tổ chức hội nghị."
    assert [a.name for a in lead.authors] == ["Nguyễn Văn A", "Trần Thị B"]
    assert [t.term for t in lead.tags] == ["Xây dựng lực lượng", "Công an xã"]  # the section once
    assert feed.entries[1].summary == "Tóm tắt ngắn về đợt ra quân."


def test_dates_are_in_the_site_time_zone_whatever_offset_was_written(site):
    rss = parse(site, "feed.xml").entries[1]
    assert rss.published == "Fri, 20 Sep 2024 15:00:00 +0700"
    atom = parse(site, "atom.xml").entries[1]
    assert atom.published == atom.updated == "2024-09-20T15:00:00+07:00"


def test_lead_photo_is_an_enclosure_with_its_published_size(site):
    for name in ("feed.xml", "atom.xml"):
        entry = parse(site, name).entries[0]
        [enclosure] = entry.enclosures
        folder = "/2024/09/27/hoi-nghi-so-ket-cong-tac-cong-an-xa-b-luc-luong-b/"
        assert re.fullmatch(re.escape(BASE + folder) + r"hoi-nghi\.\d+\.[0-9a-f]{8}\.webp", enclosure.href)
        published = site / "build" / enclosure.href[len(BASE) + 1:]
        assert int(enclosure.length) == published.stat().st_size and enclosure.type == "image/webp"
    assert parse(site, "feed.xml").entries[2].get("enclosures") == []


def test_atom_has_ids_self_links_and_updated_dates(site):
    feed = parse(site, "atom.xml")
    assert feed.version == "atom10"
    assert feed.feed.id == BASE + "/"
    assert feed.feed.updated == "2024-09-28T08:00:00+07:00"       # the newest change, not the build time
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"alternate": BASE + "/", "self": BASE + "/atom.xml"}
    lead = feed.entries[0]
    assert lead.published == "2024-09-27T11:41:48+07:00" and lead.updated == "2024-09-28T08:00:00+07:00"
    root = ET.fromstring((site / "build/atom.xml").read_bytes())
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Công an tỉnh Thử nghiệm"


def test_rss_self_link_and_channel_fields(site):
    root = ET.fromstring((site / "build/feed.xml").read_bytes())
    channel = root.find("channel")
    self_link = channel.find(f"{ATOM}link")
    assert self_link.attrib == {"href": BASE + "/feed.xml", "rel": "self", "type": "application/rss+xml"}
    assert channel.findtext("language") == "vi"
    assert channel.findtext("lastBuildDate") == "Sat, 28 Sep 2024 08:00:00 +0700"
    assert channel.find("image/url").text.startswith(BASE + "/logo.")


def test_each_section_has_its_own_feeds_with_only_its_articles(site):
    feed = parse(site, "chuyen-muc/xay-dung-luc-luong/feed.xml")
    assert feed.feed.title == "Xây dựng lực lượng - Công an tỉnh Thử nghiệm"
    assert feed.feed.link == BASE + "/chuyen-muc/xay-dung-luc-luong/"
    assert [e.title for e in feed.entries] == ["Hội nghị sơ kết công tác Công an xã & <b>lực lượng</b>"]
    atom = parse(site, "chuyen-muc/an-toan-giao-thong/atom.xml")
    assert [e.title for e in atom.entries] == ["Ra quân bảo đảm trật tự an toàn giao thông"]
    assert {link.rel: link.href for link in atom.feed.links}["self"] == BASE + "/chuyen-muc/an-toan-giao-thong/atom.xml"


def test_an_empty_section_still_has_valid_feeds(site):
    rss = parse(site, "chuyen-muc/phong-chong-toi-pham/feed.xml")
    atom = parse(site, "chuyen-muc/phong-chong-toi-pham/atom.xml")
    assert rss.entries == [] and atom.entries == []
    assert atom.feed.updated == "2024-09-27T11:41:48+07:00"       # the site's newest article


def test_only_the_latest_fifty(tmp_path):
    files = {f"content/{n:02d}.md": article(title=f"Tin số {n}", date=f"{n % 28 + 1:02d}/{n // 28 + 1:02d}/2024 08:00")
             for n in range(FEED_SIZE + 5)}
    site = make_site(tmp_path, files)
    build_site_dir(site)
    entries = parse(site, "feed.xml").entries
    assert len(entries) == FEED_SIZE == len(parse(site, "atom.xml").entries)
    assert entries[0].published.startswith("Tue, 27 Feb 2024")
    assert [e.published_parsed for e in entries] == sorted((e.published_parsed for e in entries), reverse=True)


def test_pages_link_the_feeds_they_belong_to(site):
    def alternates(rel):
        html = (site / "build" / rel).read_text(encoding="utf-8")
        return [line for line in html.splitlines() if line.startswith('<link rel="alternate"')]

    assert alternates("index.html") == [
        '<link rel="alternate" type="application/rss+xml" title="Công an tỉnh Thử nghiệm" href="/feed.xml">',
        '<link rel="alternate" type="application/atom+xml" title="Công an tỉnh Thử nghiệm" href="/atom.xml">']
    section = alternates("chuyen-muc/an-toan-giao-thong/index.html")
    assert section[2:] == [
        '<link rel="alternate" type="application/rss+xml" title="An toàn giao thông - Công an tỉnh Thử nghiệm" '
        'href="/chuyen-muc/an-toan-giao-thong/feed.xml">',
        '<link rel="alternate" type="application/atom+xml" title="An toàn giao thông - Công an tỉnh Thử nghiệm" '
        'href="/chuyen-muc/an-toan-giao-thong/atom.xml">']
    assert len(alternates("2024/09/20/ra-quan-bao-dam-trat-tu-an-toan-giao-thong/index.html")) == 4
    assert len(alternates("2024/09/01/thong-bao-tuyen-sinh/index.html")) == 2   # no section
    assert len(alternates("tu-khoa/cong-an-xa/index.html")) == 2


def test_control_characters_never_reach_the_xml(site):
    config = load_config(site)
    articles, _ = load_articles(config)
    bad = replace(articles[0], card=replace(articles[0].card, title="Tin\x0b có ký tự\x00 lạ", summary="Tóm\x1f tắt"))
    feed = Feed("Trang\x08", "Mô tả", "/", (bad,))
    for data in (render_rss(feed, config, lambda a: None), render_atom(feed, config, lambda a: None)):
        parsed = feedparser.parse(data)
        assert not parsed.bozo
        assert parsed.entries[0].title == "Tin có ký tự lạ" and parsed.entries[0].summary == "Tóm tắt"


def test_feed_links_are_the_site_feeds_then_the_section_feeds(site):
    config = load_config(site)
    section = Term("section", "An toàn giao thông", "an-toan-giao-thong", "/chuyen-muc/an-toan-giao-thong/")
    assert [(link.url, link.type) for link in feed_links(config, section)] == [
        ("/feed.xml", "application/rss+xml"), ("/atom.xml", "application/atom+xml"),
        ("/chuyen-muc/an-toan-giao-thong/feed.xml", "application/rss+xml"),
        ("/chuyen-muc/an-toan-giao-thong/atom.xml", "application/atom+xml")]


def test_feeds_are_identical_across_builds(site, tmp_path):
    build_site_dir(site, output=tmp_path / "again")
    for rel in ("feed.xml", "atom.xml", "chuyen-muc/xay-dung-luc-luong/feed.xml"):
        assert (site / "build" / rel).read_bytes() == (tmp_path / "again" / rel).read_bytes()
