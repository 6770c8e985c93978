"""Every address of a site comes from `core/urls.py`, made absolute by `SiteConfig.absolute`, with its
machine-readable dates from `vi.iso_in`."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from factories import TZ, a_config

from bantin.core import urls, vi


def test_article_addresses_follow_the_permalink():
    date = datetime(2024, 9, 7, 8, 30, tzinfo=TZ)
    assert urls.article_url("/{year}/{month}/{day}/{slug}/", date, "hoi-nghi", None) == "/2024/09/07/hoi-nghi/"
    assert urls.article_url("/{section}/{slug}/", date, "hoi-nghi", "an-ninh") == "/an-ninh/hoi-nghi/"
    assert urls.article_url("/{section}/{slug}/", date, "hoi-nghi", None) == "/tin-tuc/hoi-nghi/"


def test_lists_pages_and_their_files():
    assert urls.term_url("section", "an-ninh") == "/chuyen-muc/an-ninh/"
    assert urls.page_url("/", 1) == "/" and urls.page_url("/", 2) == "/trang/2/"
    assert urls.archive_url((2024, 9, 7)) == "/2024/09/07/"
    assert urls.output_path("/") == "index.html" and urls.output_path("/2024/") == "2024/index.html"


def test_feeds_honors_and_search_have_their_addresses_here():
    assert urls.feed_url("/") == "/feed.xml"
    assert urls.feed_url("/chuyen-muc/an-ninh/", urls.ATOM_NAME) == "/chuyen-muc/an-ninh/atom.xml"
    assert urls.honors_year("/khen-thuong/", 2024) == "/khen-thuong/2024/"
    assert urls.honors_recipient("/khen-thuong/", "phong-tham-muu") == "/khen-thuong/don-vi/phong-tham-muu/"
    assert urls.search_index(2024) == "pagefind/2024"


def test_an_address_is_made_absolute_in_one_place():
    assert a_config().absolute("/2024/09/07/x/") == "https://congan.example.vn/2024/09/07/x/"
    assert a_config(base_url="https://x.gov.vn/tin-tuc").absolute("/") == "https://x.gov.vn/tin-tuc/"


def test_machine_dates_are_in_site_time_with_their_offset():
    written_in_utc = datetime(2024, 9, 27, 1, 41, 48, tzinfo=timezone.utc)
    assert vi.iso_in(written_in_utc, TZ) == "2024-09-27T08:41:48+07:00"
    assert vi.iso_in(datetime(2024, 9, 27, 8, 41, 48, 999, tzinfo=timezone(timedelta(hours=7))), TZ) == \
        "2024-09-27T08:41:48+07:00"
    assert vi.format_seconds(0.254) == "0,25" and vi.format_seconds(0.254, "en") == "0.25"
    assert vi.format_seconds(1.25, "vi", digits=1) == "1,2"
