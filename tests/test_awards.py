"""The honors roll (awards.py and its pages): ranking, totals, recipients, downloads, links, memo."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import unicodedata
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import NOW, ROOT, SITE_YAML, article, build_site_dir, make_site, tree
from factories import TZ, a_config, an_article

from bantin.build import BuildOptions, load
from bantin.check import check_site
from bantin.config import HonorsConfig, load_config
from bantin.core.errors import BuildFailed
from bantin.core.models import Award
from bantin.core.award_names import type_key
from bantin.site.awards import CSV_COLUMNS, RANKS, build_honors_roll, counted_recipients, identity, rank_of
from bantin.site.collect import build_site
from bantin.site.pages import HonorsContext, HonorsYearContext, RecipientContext, plan_pages

THAM_MUU = "Phòng Tham mưu Công an tỉnh"
THAM_MUU_URL = "/khen-thuong/don-vi/phong-tham-muu-cong-an-tinh/"


def roll_of(*articles, **config):
    config = a_config(**config)
    site, _ = build_site(config, list(articles), datetime(2027, 1, 1, tzinfo=TZ))
    return build_honors_roll(site, config)


def award(types, givers="Giám đốc Công an tỉnh", recipients=(), collectives=None, individuals=None, reason=None):
    types = (types,) if isinstance(types, str) else tuple(types)
    givers = (givers,) if isinstance(givers, str) else tuple(givers)
    return Award(types, givers, tuple(recipients), collectives, individuals, reason)


# ---------------------------------------------------------------------------------------------
# Ranking and totals (pure)

def test_types_rank_by_the_law_longest_prefix_first_and_unknown_last_in_vietnamese_order():
    written = ["Giấy khen", "Bằng khen", "Bằng khen của Thủ tướng Chính phủ", "Cờ thi đua của Bộ Công an",
               "Cờ thi đua của Chính phủ", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua toàn quốc",
               "Huy chương Vì an ninh Tổ quốc", "Huân chương Bảo vệ Tổ quốc hạng Ba",
               "Huân chương Bảo vệ Tổ quốc hạng Nhất", "Huân chương Lao động hạng Nhì", "Huân chương Độc lập",
               "Thư khen", "Danh hiệu Đơn vị văn hóa", "Anh hùng Lực lượng vũ trang nhân dân"]
    ranked = sorted(written, key=rank_of)
    assert ranked == ["Huân chương Độc lập", "Huân chương Lao động hạng Nhì", "Huân chương Bảo vệ Tổ quốc hạng Nhất",
                      "Huân chương Bảo vệ Tổ quốc hạng Ba", "Huy chương Vì an ninh Tổ quốc",
                      "Anh hùng Lực lượng vũ trang nhân dân", "Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua cơ sở",
                      "Cờ thi đua của Chính phủ", "Cờ thi đua của Bộ Công an", "Bằng khen của Thủ tướng Chính phủ",
                      "Bằng khen", "Giấy khen", "Danh hiệu Đơn vị văn hóa", "Thư khen"]
    # NFD, spaces and case do not change a rank
    assert rank_of(unicodedata.normalize("NFD", "BẰNG  KHEN của thủ tướng")) == rank_of("Bằng khen của Thủ tướng")
    # the orders in the law's own order
    orders = ["Sao vàng", "Hồ Chí Minh", "Độc lập", "Quân công", "Lao động", "Chiến công", "Bảo vệ Tổ quốc",
              "Dũng cảm", "Hữu nghị"]
    assert [rank_of(f"Huân chương {name}")[0] for name in orders] == list(range(9))
    assert all(prefix == identity(prefix) == type_key(prefix) for row in RANKS for prefix in row)


def test_every_spelling_of_a_type_ranks_the_laws_way():
    assert rank_of("Danh hiệu Anh hùng Lực lượng vũ trang nhân dân") == rank_of("Anh hùng Lực lượng vũ trang nhân dân")
    assert rank_of("Danh hiệu Anh hùng Lực lượng vũ trang nhân dân") < rank_of("Bằng khen") < rank_of("Giấy khen")
    classes = ["Huân chương Chiến công hạng III", "Huân chương Chiến công hạng 1", "Huân chương Chiến công hạng Nhì",
               "Huân chương Chiến công hạng II", "huân chương chiến công hạng nhất", "Huân chương Chiến công hạng Ba"]
    assert [rank_of(t)[1] for t in sorted(classes, key=rank_of)] == [1, 1, 2, 2, 3, 3]
    government = ["Cờ thi đua xuất sắc của Chính phủ", "Cờ thi đua của Thủ tướng Chính phủ", "Cờ thi đua của Chính phủ"]
    assert len({rank_of(t) for t in government}) == 1
    assert rank_of("Cờ thi đua xuất sắc của Chính phủ") < rank_of("Cờ thi đua xuất sắc của Bộ Công an")
    assert rank_of("Bằng khen của Chính phủ") == rank_of("Bằng khen của Thủ tướng Chính phủ") \
        == rank_of("Bằng khen", "Thủ tướng Chính phủ") < rank_of("Bằng khen", "Bộ trưởng Bộ Công an")
    assert rank_of("Cờ thi đua", "Chính phủ") < rank_of("Cờ thi đua", "Bộ Công an")


def test_a_heading_names_its_giver_once():
    both = award("Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ")
    flag = award("Cờ thi đua của Chính phủ", "Thủ tướng Chính phủ")
    plain = award("Bằng khen", "Bộ trưởng Bộ Công an")
    assert (both.givers_shown, flag.givers_shown, plain.givers_shown) == ((), (), ("Bộ trưởng Bộ Công an",))


def test_one_recipient_under_an_abbreviation_or_another_rank_named_by_its_newest_full_spelling():
    a = an_article("Bài A", datetime(2022, 5, 1, tzinfo=TZ), awards=(
        award("Giấy khen", recipients=["Phòng CSHS", "Trung tá Nguyễn Văn Hải"]),))
    b = an_article("Bài B", datetime(2023, 5, 1, tzinfo=TZ), awards=(
        award("Bằng khen", recipients=["Phòng Cảnh sát hình sự", "Thượng tá Nguyễn Văn Hải"]),))
    c = an_article("Bài C", datetime(2024, 5, 1, tzinfo=TZ), awards=(award("Giấy khen", recipients=["Phòng CSHS"]),))
    roll = roll_of(a, b, c)
    pages = {r.recipient.name: (r.recipient.url, len(r.entries)) for r in roll.recipients}
    assert pages == {"Phòng Cảnh sát hình sự": ("/khen-thuong/don-vi/phong-canh-sat-hinh-su/", 3),
                     "Thượng tá Nguyễn Văn Hải": ("/khen-thuong/don-vi/nguyen-van-hai/", 2)}
    assert [len(e.recipients) for y in roll.years for e in y.entries] == [1, 2, 2]


def test_year_totals_count_the_named_recipients_when_no_number_is_written():
    a = an_article("Bài A", awards=(award("Giấy khen", recipients=["Công an xã An Bình", "Trung úy Lê Văn A",
                                                                    "Nguyễn Thị Bé"]),
                                    award("Bằng khen", recipients=["Phòng Tham mưu"], collectives=34, individuals=74)))
    [year] = roll_of(a).years
    assert (year.totals.collectives, year.totals.individuals, year.totals.named) == (1 + 34, 2 + 74, 4)


def test_years_newest_first_entries_by_rank_then_newest_article():
    a = an_article("Tổng kết năm 2024", datetime(2024, 12, 20, tzinfo=TZ),
                   awards=(award("Giấy khen", individuals=3), award("Huân chương Chiến công hạng Ba", recipients=[THAM_MUU])))
    b = an_article("Sơ kết 6 tháng 2024", datetime(2024, 7, 1, tzinfo=TZ),
                   awards=(award("Bằng khen", collectives=2), award("Thư khen của Bộ trưởng")))
    c = an_article("Đón nhận Cờ 2023", datetime(2023, 4, 14, tzinfo=TZ), awards=(award("Cờ thi đua của Chính phủ"),))
    d = an_article("Khen Giấy khen muộn", datetime(2024, 12, 30, tzinfo=TZ), awards=(award("Giấy khen", collectives=1),))
    roll = roll_of(a, b, c, d)
    assert [y.year for y in roll.years] == [2024, 2023]
    assert [(e.award.types[0], e.article.title) for e in roll.years[0].entries] == [
        ("Huân chương Chiến công hạng Ba", "Tổng kết năm 2024"), ("Bằng khen", "Sơ kết 6 tháng 2024"),
        ("Giấy khen", "Khen Giấy khen muộn"), ("Giấy khen", "Tổng kết năm 2024"),
        ("Thư khen của Bộ trưởng", "Sơ kết 6 tháng 2024")]
    assert roll.years[0].url == "/khen-thuong/2024/"


def test_an_award_of_several_types_ranks_by_its_highest_and_counts_for_each():
    a = an_article("Tổng kết", awards=(award(["Giấy khen", "Bằng khen"], collectives=4, individuals=9),
                                       award("Bằng khen", individuals=1)))
    [year] = roll_of(a).years
    assert year.totals.by_type == (("Bằng khen", 2), ("Giấy khen", 1))
    assert (year.totals.awards, year.totals.collectives, year.totals.individuals) == (2, 4, 10)


def test_totals_equal_the_sums_over_the_demo_articles():
    loaded = load(load_config(ROOT), BuildOptions(cache=False, workers=1))
    roll = build_honors_roll(loaded.site, loaded.config)
    assert len(roll.years) >= 3
    assert len({identity(t) for y in roll.years for e in y.entries for t in e.award.types}) >= 5
    for year in roll.years:
        awards = [a for art in loaded.site.articles if art.date.year == year.year for a in art.awards]
        assert year.totals.awards == len(awards) == len(year.entries)
        assert year.totals.collectives == sum(counted_recipients(a)[0] for a in awards)
        assert year.totals.individuals == sum(counted_recipients(a)[1] for a in awards)
        assert year.totals.named == sum(len(a.recipients) for a in awards)
        for award_type, count in year.totals.by_type:
            assert count == sum(1 for a in awards if identity(award_type) in {identity(t) for t in a.types})
    # the unit commended in two articles and two years
    [tham_muu] = [r for r in roll.recipients if r.recipient.name == THAM_MUU]
    assert len({e.article.url for e in tham_muu.entries}) >= 2 and len({e.year for e in tham_muu.entries}) >= 2


def test_one_page_per_name_whatever_its_normalisation_spaces_or_case_and_lookalikes_get_their_own():
    nfd = unicodedata.normalize("NFD", THAM_MUU)
    a = an_article("Bài A", awards=(award("Bằng khen", recipients=[THAM_MUU]),))
    b = an_article("Bài B", awards=(award("Giấy khen", recipients=[nfd.replace(" ", "  ")]),))
    c = an_article("Bài C", awards=(award("Giấy khen", recipients=["phòng tham mưu công an tỉnh", "Phòng Thám mưu Công an tỉnh"]),))
    roll = roll_of(a, b, c)
    pages = {r.recipient.name: (r.recipient.url, len(r.entries)) for r in roll.recipients}
    assert pages == {THAM_MUU: (THAM_MUU_URL, 3),
                     "Phòng Thám mưu Công an tỉnh": ("/khen-thuong/don-vi/phong-tham-muu-cong-an-tinh-2/", 1)}


def test_the_page_plan_has_the_roll_its_years_and_recipients_in_the_sitemap():
    config = a_config(per_page=2)
    items = [an_article(f"Tin {n}", datetime(2024, 3, 1 + n, tzinfo=TZ), awards=(award("Giấy khen", recipients=[f"Đội {n}"]),))
             for n in range(5)]
    site, _ = build_site(config, items, NOW)
    pages = {page.url: page for page in plan_pages(site, config)}
    assert isinstance(pages["/khen-thuong/"].context, HonorsContext)
    assert [u for u in pages if u.startswith("/khen-thuong/2024/")] == [
        "/khen-thuong/2024/", "/khen-thuong/2024/trang/2/", "/khen-thuong/2024/trang/3/"]
    assert isinstance(pages["/khen-thuong/2024/trang/3/"].context, HonorsYearContext)
    assert isinstance(pages["/khen-thuong/don-vi/doi-4/"].context, RecipientContext)
    assert all(page.in_sitemap for url, page in pages.items() if url.startswith("/khen-thuong/"))
    off = a_config(honors=HonorsConfig(enabled=False))
    assert not [p for p in plan_pages(build_site(off, items, NOW)[0], off) if p.url.startswith("/khen-thuong/")]


# ---------------------------------------------------------------------------------------------
# The demo site, built

@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    site = tmp_path_factory.mktemp("demo") / "site"
    site.mkdir()
    for name in ("site.yaml", "content", "static", "templates"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, site / name)
        elif source.is_file():
            shutil.copy2(source, site / name)
    build_site_dir(site, now=datetime(2026, 11, 30, tzinfo=TZ), strict=True)
    return site


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links_of(path: Path) -> list[str]:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.hrefs


def target(out: Path, href: str) -> Path:
    path = href.split("#")[0]
    return out / path.lstrip("/") / "index.html" if path.endswith("/") else out / path.lstrip("/")


def test_the_csv_round_trips_through_pythons_csv_with_its_bom(demo):
    data = (demo / "build/khen-thuong/khen-thuong.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    loaded = load(load_config(demo), BuildOptions(cache=False, workers=1, now=datetime(2026, 11, 30, tzinfo=TZ)))
    awards = [(art, a) for art in loaded.site.articles for a in art.awards]
    assert len(rows) == sum(max(1, len(a.recipients)) for _, a in awards)
    assert len({r["STT"] for r in rows}) == len(awards)
    assert sum(int(r["Số tập thể"] or 0) for r in rows) == sum(counted_recipients(a)[0] for _, a in awards)
    assert sum(int(r["Số cá nhân"] or 0) for r in rows) == sum(counted_recipients(a)[1] for _, a in awards)
    tham_muu = [r for r in rows if r["Đơn vị, cá nhân được khen"] == THAM_MUU]
    assert {r["Năm"] for r in tham_muu} == {"2023", "2024"}
    assert all(r["Địa chỉ bài viết"].startswith("https://congan.example.vn/20") for r in rows)
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", rows[0]["Ngày"])
    # written back and read again, nothing changes
    again = io.StringIO()
    writer = csv.DictWriter(again, CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    assert again.getvalue().encode("utf-8-sig") == data


def test_the_json_holds_the_same_roll(demo):
    data = json.loads((demo / "build/khen-thuong/khen-thuong.json").read_text(encoding="utf-8"))
    years = [y["year"] for y in data["years"]]
    assert years == sorted(years, reverse=True) and len(years) >= 3
    assert sum(y["totals"]["awards"] for y in data["years"]) == sum(len(y["awards"]) for y in data["years"])
    assert {"name": THAM_MUU, "url": "https://congan.example.vn" + THAM_MUU_URL, "awards": 2} in data["recipients"]


def test_every_link_of_the_roll_pages_resolves_and_check_finds_nothing(demo):
    out = demo / "build"
    pages = sorted((out / "khen-thuong").rglob("index.html"))
    assert len(pages) >= 1 + 3 + 5
    for page in pages:
        for href in links_of(page):
            if href.startswith("/"):
                assert target(out, href).is_file(), f"{page.relative_to(out)} links to {href}"
    problems = check_site(load_config(demo), now=datetime(2026, 11, 30, tzinfo=TZ))
    assert not [p for p in problems if p.is_error], problems
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://congan.example.vn/khen-thuong/2023/</loc>" in sitemap
    assert f"https://congan.example.vn{THAM_MUU_URL}</loc>" in sitemap


def test_no_heading_names_its_giver_twice(demo):
    pages = [p for p in (demo / "build").rglob("index.html") if "khen-thuong" in p.parts or "20" in p.parts[-5][:2]]
    twice = re.compile(r"của ([^<,]{3,60}?)</strong> của \1|của ([^<,]{3,60}?) của \2")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not twice.search(text), (page, twice.search(text).group(0))
    roll = (demo / "build/khen-thuong/2023/index.html").read_text(encoding="utf-8")
    assert "<strong>Cờ thi đua của Chính phủ</strong>" in roll and "Chính phủ</strong> của" not in roll


def test_a_recipient_is_two_clicks_from_any_article(demo):
    out = demo / "build"
    articles = [p for p in out.glob("20[0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html")]
    assert len(articles) >= 10
    roll_links = links_of(out / "khen-thuong/index.html")
    assert THAM_MUU_URL in roll_links
    for page in articles:
        assert "/khen-thuong/" in links_of(page), page      # click one: the footer; click two: the unit
    recipient = (out / THAM_MUU_URL.strip("/") / "index.html").read_text(encoding="utf-8")
    assert "Năm 2024" in recipient and "Năm 2023" in recipient
    assert recipient.index("Năm 2024") < recipient.index("Năm 2023")
    # from an article that names it, one click
    awarded = out / "2023/04/14/cong-an-tinh-don-nhan-co-thi-dua-cua-chinh-phu/index.html"
    assert THAM_MUU_URL in links_of(awarded) and "/khen-thuong/2023/" in links_of(awarded)


# ---------------------------------------------------------------------------------------------
# Front matter, config, check

def test_recipients_may_be_a_list_and_not_both_keys(tmp_path):
    site = make_site(tmp_path, {
        "content/a.md": article(awards="[{type: Bằng khen, giver: UBND tỉnh, recipients: [Đội A, Đội B]}]"),
        "content/b.md": article(title="Bài B", awards="[{type: Giấy khen, giver: UBND, recipient: Đội A, recipients: Đội B}]"),
        "content/c.md": article(title="Bài C", awards="[{type: Giấy khen, giver: UBND, recipients: {ten: Đội C}}]")})
    with pytest.raises(BuildFailed) as info:
        build_site_dir(site)
    found = sorted((p.path, p.line, p.msg.key) for p in info.value.problems)
    assert found == [("content/b.md", 4, "award.recipient_twice"), ("content/c.md", 4, "value.type")]
    (site / "content/b.md").unlink()
    (site / "content/c.md").unlink()
    build_site_dir(site)
    page = (site / "build/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/index.html").read_text(encoding="utf-8")
    assert '<a href="/khen-thuong/don-vi/doi-a/">Đội A</a></span>, <span class="award-recipient"><a href="/khen-thuong/don-vi/doi-b/">Đội B</a>' in page


def test_check_warns_about_names_that_differ_only_by_diacritics_or_case(tmp_path):
    site = make_site(tmp_path, {
        "content/a.md": article(awards=f"[{{type: Bằng khen, giver: UBND, recipient: {THAM_MUU}}}]"),
        "content/b.md": article(title="Bài B", awards=f"[{{type: Giấy khen, giver: UBND, recipient: {THAM_MUU}}}]"),
        "content/c.md": article(title="Bài C", awards="[{type: Giấy khen, giver: UBND, recipient: Phòng Tham Mưu Công an tỉnh}]"),
        "content/d.md": article(title="Bài D", awards="[{type: Giấy khen, giver: UBND, recipient: Phong Tham muu Cong an tinh}]")})
    problems = check_site(load_config(site), now=NOW)
    assert [(p.path, p.line, p.msg.key, p.is_error) for p in problems] == [
        ("content/c.md", 4, "warn.recipient_lookalike", False), ("content/d.md", 4, "warn.recipient_lookalike", False)]
    assert dict(problems[0].msg.params) == {"name": "Phòng Tham Mưu Công an tỉnh", "other": THAM_MUU}
    assert f"có phải ý bạn là '{THAM_MUU}'?" in problems[1].format("vi")


def test_check_warns_about_names_a_bad_proposal_left_and_abbreviations_it_cannot_tell(tmp_path):
    site = make_site(tmp_path, {
        "content/a.md": article(awards="[{type: Bằng khen, giver: UBND, recipients: [Công an xã An Bình, "
                                       "Công an xã Bình Hòa và, Phòng A về thành tích xuất sắc trong]}]"),
        "content/b.md": article(title="Bài B", awards="[{type: Giấy khen, giver: UBND, recipient: Đội CSĐTTPMT}]"),
        "content/c.md": article(title="Bài C", awards="[{type: Giấy khen, giver: UBND, "
                                                      "recipient: Đội Cảnh sát điều tra tội phạm ma túy}]")})
    problems = check_site(load_config(site), now=NOW)
    found = sorted((p.path, p.msg.key, dict(p.msg.params).get("name")) for p in problems)
    assert ("content/a.md", "warn.recipient_cut", "Công an xã Bình Hòa và") in found
    assert ("content/a.md", "warn.recipient_cut", "Phòng A về thành tích xuất sắc trong") in found
    assert ("content/a.md", "warn.recipient_cut", "Công an xã An Bình") not in found
    assert ("content/b.md", "warn.recipient_abbreviation", "Đội CSĐTTPMT") in found
    assert not [p for p in problems if p.is_error]


def test_site_yaml_renames_the_roll_or_turns_it_off(tmp_path):
    files = {"content/a.md": article(awards="[{type: Bằng khen, giver: UBND, recipient: Đội A}]")}
    site = make_site(tmp_path / "renamed", files, SITE_YAML + "honors:\n  title: Thi đua, khen thưởng\n  path: /thi-dua/\n")
    build_site_dir(site)
    out = site / "build"
    assert "<h1>Thi đua, khen thưởng</h1>" in (out / "thi-dua/index.html").read_text(encoding="utf-8")
    assert (out / "thi-dua/2024/index.html").is_file() and (out / "thi-dua/don-vi/doi-a/index.html").is_file()
    assert (out / "thi-dua/khen-thuong.csv").is_file() and not (out / "khen-thuong").exists()
    assert '<a href="/thi-dua/">Thi đua, khen thưởng</a>' in (out / "index.html").read_text(encoding="utf-8")

    site = make_site(tmp_path / "off", files, SITE_YAML + "honors: {enabled: false}\n")
    build_site_dir(site)
    out = site / "build"
    assert not (out / "khen-thuong").exists()
    page = (out / "2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/index.html").read_text(encoding="utf-8")
    assert "Đội A" in page and "/khen-thuong/" not in page

    site = make_site(tmp_path / "bad", files, SITE_YAML + "honors:\n  tittle: X\n  path: /Khen Thuong/\n")
    with pytest.raises(BuildFailed) as info:
        load_config(site)
    assert sorted(p.msg.key for p in info.value.problems) == ["config.honors_path", "key.unknown"]
    assert "title" in str(info.value.problems[0].format("en")) + str(info.value.problems[1].format("en"))


def test_the_preview_marks_drafts_on_the_roll(tmp_path):
    site = make_site(tmp_path, {
        "content/a.md": article(awards="[{type: Bằng khen, giver: UBND, recipient: Đội A}]"),
        "content/b.md": article(title="Bài nháp", draft="true", awards="[{type: Giấy khen, giver: UBND, recipient: Đội B}]")})
    build_site_dir(site)
    roll = (site / "build/khen-thuong/2024/index.html").read_text(encoding="utf-8")
    assert "Đội A" in roll and "Đội B" not in roll and "BẢN NHÁP" not in roll
    build_site_dir(site, drafts=True)
    roll = (site / "build/khen-thuong/2024/index.html").read_text(encoding="utf-8")
    entry = roll[roll.index("Đội B") - 600:roll.index("Đội B")]
    assert "BẢN NHÁP" in entry and roll.count("BẢN NHÁP") == 1


# ---------------------------------------------------------------------------------------------
# Memo: an edit to one article's awards rewrites only the pages it changes


def memo_site(tmp_path: Path) -> Path:
    files = {}
    for n in range(1, 9):
        year = 2022 + n % 3
        awards = f"[{{type: Giấy khen, giver: Giám đốc Công an tỉnh, recipient: Đội {n}, reason: Lý do {n}}}]"
        files[f"content/{year}/0{n}/bai-{n}/index.md"] = article(
            title=f"Tin số {n}", date=f"0{n}/0{n}/{year}", category="An toàn giao thông", awards=awards)
    return make_site(tmp_path / "site", files)


def test_an_award_edit_rewrites_only_the_pages_it_changes_and_warm_equals_cold(tmp_path):
    site = memo_site(tmp_path)
    build_site_dir(site)
    before = tree(site / "build")
    source = site / "content/2023/01/bai-1/index.md"       # not among the latest, nor the home page
    source.write_text(source.read_text(encoding="utf-8").replace("Lý do 1", "Lý do một"), encoding="utf-8")
    report = build_site_dir(site)
    after = tree(site / "build")
    changed = {path for path in after if before.get(path) != after[path]}
    assert report.written == len(changed)
    roll_changed = {p for p in changed if p.startswith("khen-thuong/")}
    assert roll_changed == {"khen-thuong/index.html", "khen-thuong/2023/index.html",
                            "khen-thuong/don-vi/doi-1/index.html", "khen-thuong/khen-thuong.csv",
                            "khen-thuong/khen-thuong.json"}
    assert "2023/01/01/tin-so-1/index.html" in changed
    assert len(changed) < len(after) // 2, sorted(changed)
    build_site_dir(site, output=tmp_path / "cold", cache=False)
    assert after == tree(tmp_path / "cold")


def test_a_new_lookalike_recipient_rewrites_the_articles_that_link_to_the_moved_page(tmp_path):
    """A recipient URL depends on other names only when slugs collide; the article pages that link
    to it must follow (their key hashes their links)."""
    site = memo_site(tmp_path)
    build_site_dir(site)
    source = site / "content/2024/02/bai-2/index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("recipient: Đội 2", "recipient: Đôi 1"), encoding="utf-8")
    build_site_dir(site)
    warm = tree(site / "build")
    build_site_dir(site, output=tmp_path / "cold", cache=False)
    assert warm == tree(tmp_path / "cold")
    assert "khen-thuong/don-vi/doi-1-2/index.html" in warm


def test_one_build_makes_the_roll_once_and_the_preview_keeps_it_while_no_award_changes(tmp_path, monkeypatch):
    """The plan (an article's awards box, the roll's pages) and the CSV and JSON share one roll; the
    preview makes it again only when an article with awards, or the settings, changed."""
    from bantin.preview.rebuilder import Rebuilder
    from bantin.site import awards
    made = []
    real = awards.build_honors_roll
    monkeypatch.setattr(awards, "build_honors_roll", lambda site, config: made.append(1) or real(site, config))
    site = memo_site(tmp_path)
    (site / "content/2024/09/khong-khen/index.md").parent.mkdir(parents=True)
    plain = site / "content/2024/09/khong-khen/index.md"
    plain.write_text(article(title="Tin không có khen thưởng"), encoding="utf-8")
    build_site_dir(site)
    assert len(made) == 1
    rebuilder = Rebuilder(site, "vi", notify=lambda path: None, echo=lambda *a, **k: None,
                          quiet=0, scan_every=0, sleep=lambda seconds: None, lazy=True)
    rebuilder.start()
    try:
        def save(path: Path, old: str, new: str) -> None:
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
            rebuilder.inputs.next_scan = 0
            rebuilder()
            while not rebuilder.work(0.01):
                pass
            assert rebuilder.failure is None

        made.clear()
        save(plain, "Sáng ngày 27/9", "Chiều ngày 27/9")          # no award changed: the same roll
        assert made == []
        save(site / "content/2023/01/bai-1/index.md", "Lý do 1", "Lý do một")
        assert len(made) == 1
        fresh = build_site_dir(site, output=tmp_path / "fresh", drafts=True, future=True, cache=False)
        assert fresh.pages and tree(tmp_path / "fresh")["khen-thuong/khen-thuong.csv"] == \
            rebuilder.file("khen-thuong/khen-thuong.csv")
    finally:
        rebuilder.close()
