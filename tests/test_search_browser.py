"""Search on the built demo site in a real browser: Debian's Chromium through Playwright, the site served
over HTTP from 127.0.0.1 by a plain static server (what any host does; no bantin code serves it).

Each query is typed into the header's search box, the way a reader does, and must land on /tim-kiem/
with the expected article among the results, with or without diacritics, NFC or NFD.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, SITE_YAML, article, make_site

from bantin.build import BuildOptions, build
from bantin.config import load_config

TIMEOUT_MS = 15_000
MA_TUY = "Triệt phá đường dây mua bán trái phép chất ma túy liên tỉnh"
LUA_DAO = "Cảnh báo thủ đoạn giả danh cơ quan Công an"
GIAO_THONG = "Sơ kết 6 tháng"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript"}

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A static HTTP server on 127.0.0.1 for a built folder; yields a function folder -> base URL."""
    servers = []

    def serve(folder: Path) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory, served) -> str:
    out = tmp_path_factory.mktemp("demo") / "build"
    build(load_config(ROOT), BuildOptions(output=out, cache=False, workers=1))
    return served(out)


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def search_from_header(page, base: str, query: str) -> list[str]:
    """Type `query` into the header box of the home page and press Enter; the titles found."""
    page.goto(base + "/")
    box = page.get_by_role("search").get_by_label("Tìm kiếm tin bài")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    return wait_for_results(page)


def wait_for_results(page) -> list[str]:
    status = page.locator("[data-search-status]")
    page.wait_for_function("""() => {
        const s = document.querySelector('[data-search-status]');
        return s && /Tìm thấy|Không tìm thấy|Chưa|Nhập/.test(s.textContent);
    }""")
    assert status.get_attribute("aria-live") == "polite"
    return page.locator(".search-result h2 a").all_inner_texts()


@pytest.mark.parametrize("query, expected", [
    ("dong thap", MA_TUY), ("Đồng Tháp", MA_TUY),
    ("tin dung den", LUA_DAO), ("tín dụng đen", LUA_DAO),
    ("dac biet", GIAO_THONG), ("đặc biệt", GIAO_THONG),
    ("dang", MA_TUY), ("Đặng", MA_TUY), ("DANG quoc bao", MA_TUY),
])
def test_header_box_finds_the_article_with_or_without_diacritics(page, demo, query, expected):
    titles = search_from_header(page, demo, query)
    assert any(title.startswith(expected) for title in titles), (query, titles)
    assert page.locator(".search-result mark").count() > 0          # matched words highlighted
    first = page.locator(".search-result").first
    assert first.locator(".meta").inner_text()[:10].count("/") == 2  # dd/mm/yyyy


def test_a_query_with_diacritics_ranks_the_exact_words_first(page, demo):
    titles = search_from_header(page, demo, "tín dụng đen")
    assert titles[0].startswith(LUA_DAO)


def test_nfd_input_gives_the_same_results_as_nfc(page, demo):
    nfc = search_from_header(page, demo, "Đồng Tháp")
    nfd = search_from_header(page, demo, unicodedata.normalize("NFD", "Đồng Tháp"))
    assert nfd == nfc and nfc


def test_filter_by_section_keeps_only_that_section(page, demo):
    everywhere = search_from_header(page, demo, "dac biet")
    assert len(everywhere) >= 3
    page.get_by_role("combobox", name="Chuyên mục").select_option("An toàn giao thông")
    page.wait_for_url("**chuyen-muc=*")
    titles = wait_for_results(page)
    assert titles and len(titles) < len(everywhere)
    assert set(page.locator(".result-section").all_inner_texts()) == {"An toàn giao thông"}
    assert page.get_by_role("combobox", name="Chuyên mục").input_value() == "An toàn giao thông"


def test_newest_first_on_request(page, demo):
    search_from_header(page, demo, "cong an")
    page.get_by_label("Sắp xếp").select_option("moi-nhat")
    page.wait_for_url("**sap-xep=moi-nhat*")
    wait_for_results(page)
    dates = [d.split(" ·")[0] for d in page.locator(".search-result .meta").all_inner_texts()]
    keys = [tuple(reversed(d.split("/"))) for d in dates]
    assert len(keys) > 3 and keys == sorted(keys, reverse=True)


def test_no_match_shows_the_vietnamese_empty_state(page, demo):
    assert search_from_header(page, demo, "xyzzyqwv") == []
    assert page.locator("[data-search-status]").inner_text() == "Không tìm thấy kết quả nào cho “xyzzyqwv”."


def test_a_script_query_is_shown_as_text_and_runs_nothing(page, demo):
    query = '<script>alert(1)</script><img src=x onerror=alert(2)><b id="injected">x</b>'
    search_from_header(page, demo, query)
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.locator("#injected").count() == 0 and page.locator("img[src=x]").count() == 0
    assert "<script>alert(1)</script>" in page.locator("[data-search-status]").inner_text()


def test_a_10000_character_query_does_not_hang(page, demo):
    page.goto(demo + "/tim-kiem/?q=" + "dong%20thap%20" * 1000)
    wait_for_results(page)
    assert len(page.get_by_label("Từ khóa").input_value()) <= 200


def test_without_javascript_the_header_links_to_the_archive(browser, demo):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo + "/")
        assert page.locator("[data-search-box]").is_hidden()
        link = page.locator(".search-fallback")
        assert link.is_visible() and link.get_attribute("href").rstrip("/").isdigit() is False
        assert link.get_attribute("href").startswith("/20")
    finally:
        context.close()


def test_keyboard_reaches_the_box_and_the_results(page, demo):
    page.goto(demo + "/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "o-tim-kiem":
            break
    page.keyboard.type("dong thap")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    wait_for_results(page)
    assert page.get_by_label("Từ khóa").input_value() == "dong thap"


def test_an_empty_site_shows_an_empty_state(page, tmp_path, served):
    site = make_site(tmp_path, {"site.yaml": SITE_YAML})
    build(load_config(site), BuildOptions(output=site / "build", cache=False, workers=1))
    base = served(site / "build")
    page.goto(base + "/tim-kiem/?q=dong")
    assert page.locator(".search-status").inner_text() == "Chưa có bài viết nào để tìm kiếm."


def test_search_requests_stay_on_the_site(page, demo):
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    search_from_header(page, demo, "dong thap")
    assert hosts == {demo.split("/")[2]}


def test_a_fresh_init_site_has_working_search(page, tmp_path, served):
    from bantin.authoring.scaffold import write_new_site
    site = tmp_path / "moi"
    write_new_site(site)
    build(load_config(site), BuildOptions(output=site / "build", cache=False, workers=1,
                                          drafts=True))        # the sample is a draft: shown only with drafts
    titles = search_from_header(page, served(site / "build"), "bao dam trat tu giao thong")
    assert titles == ["Ra quân bảo đảm trật tự an toàn giao thông mùa khai giảng năm học mới"]


def test_filter_by_year_loads_only_that_years_index(page, demo):
    search_from_header(page, demo, "cong an")
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.get_by_role("combobox", name="Năm").select_option("2024")
    page.wait_for_url("**nam=2024*")
    wait_for_results(page)
    dates = [d.split(" ·")[0] for d in page.locator(".search-result .meta").all_inner_texts()]
    assert dates and all(d.endswith("/2024") for d in dates)
    index_years = {url.split("/pagefind/")[1].split("/")[0] for url in fetched if "/pagefind/" in url}
    assert index_years == {"2024"}


# --- every result holds the query ------------------------------------------------------------

def folded_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "d").lower()
    return [w for w in re.split(r"[^\w]+", plain) if w]


def holds(text: str, query: str) -> bool:
    words = folded_words(text)
    return all(any(w.startswith(term) for w in words) for term in folded_words(query))


YEARS_SITE = {
    "content/2016/05/ra-quan/index.md": article(
        title="Ra quân bảo đảm ANTT năm 2016", date="10/05/2016 08:00",
        body="Năm 2016, Công an huyện ra quân tấn công trấn áp tội phạm, giữ vững ANTT trên địa bàn.\n"),
    "content/2024/03/hoi-nghi/index.md": article(
        title="Hội nghị sơ kết công tác quý I", date="20/03/2024 08:00",
        body="Sáng 20/3, Công an tỉnh tổ chức hội nghị sơ kết công tác an ninh, trật tự quý I năm 2024.\n"),
    "content/2024/06/tuyen-truyen/index.md": article(
        title="Tuyên truyền an toàn giao thông cho học sinh", date="02/06/2024 08:00",
        body="Công an huyện tuyên truyền an toàn giao thông cho 2 000 học sinh, tặng 200 mũ bảo hiểm.\n"),
    "content/2024/08/tinh-nguyen/index.md": article(
        title="Tình nguyện vì cộng đồng", date="10/08/2024 08:00",
        body="Tình nguyện, tình thương, tình đoàn kết: tình nguyện viên Công an tỉnh mang tình cảm ấm áp tới "
             "bà con vùng sâu; tình quân dân thêm gắn bó, tình làng nghĩa xóm thêm bền chặt.\n"),
    "content/2024/09/tin-bao/index.md": article(
        title="Giải quyết nhanh tố giác tội phạm", date="12/09/2024 08:00",
        body="Công an xã giải quyết nhanh các vụ việc người dân tố giác, trong đó có một tin báo về trộm cắp.\n"),
    "content/2025/01/tong-ket/index.md": article(
        title="Tổng kết năm 2024 và triển khai nhiệm vụ năm 2025", date="05/01/2025 08:00",
        body="Năm 2024, an ninh chính trị được giữ vững; antt được bảo đảm ở cơ sở; 21 đơn vị được khen thưởng.\n"),
}


@pytest.fixture(scope="module")
def years_site(tmp_path_factory, served) -> str:
    site = make_site(tmp_path_factory.mktemp("years"), YEARS_SITE)
    build(load_config(site), BuildOptions(output=site / "build", cache=False, workers=1))
    return served(site / "build")


def results_of(page, base: str, query: str) -> list[tuple[str, str]]:
    """(title, the article's text) of every result of `query` on the search page, in order."""
    page.goto(f"{base}/tim-kiem/?q={query}")
    wait_for_results(page)
    found = []
    for link in page.locator(".search-result h2 a").all():
        href = link.get_attribute("href")
        text = page.request.get(base + href).text()
        found.append((link.inner_text(), " ".join(re.sub(r"<[^>]+>", " ", text).split())))
    return found


@pytest.mark.parametrize("query, expected", [
    ("2016", ["Ra quân bảo đảm ANTT năm 2016"]),
    ("ANTT", ["Ra quân bảo đảm ANTT năm 2016", "Tổng kết năm 2024 và triển khai nhiệm vụ năm 2025"]),
    ("antt", ["Ra quân bảo đảm ANTT năm 2016", "Tổng kết năm 2024 và triển khai nhiệm vụ năm 2025"]),
    ("2025", ["Tổng kết năm 2024 và triển khai nhiệm vụ năm 2025"]),
    ("mũ", ["Tuyên truyền an toàn giao thông cho học sinh"]),
    ("xyzzy", []),
])
def test_a_word_only_some_years_hold_finds_only_the_articles_that_hold_it(page, years_site, query, expected):
    """Pagefind answers a word one year's index lacks with the longest prefix it has ("2016" -> "2",
    "antt" -> "an"): those answers never reach the reader."""
    found = results_of(page, years_site, query)
    assert sorted(title for title, _ in found) == sorted(expected)
    assert all(holds(text, query) for _, text in found)


@pytest.mark.parametrize("query", ["2023", "2024", "2025", "2026", "ANTT", "antt", "Bính", "binh", "dong", "đồng",
                                   "mạng", "cong", "Đặng", "ma", "tổ", "80", "xe", "ra"])
def test_the_first_result_of_a_one_word_query_holds_that_word(page, demo, query):
    found = results_of(page, demo, query)
    if found:
        assert holds(found[0][1], query), (query, found[0][0])
        assert all(holds(text, query) for _, text in found), [t for t, text in found if not holds(text, query)]


def test_a_one_word_query_without_marks_is_ranked_too_the_whole_word_first(page, years_site):
    """'tin' stands whole in one article and starts 'tình' ten times in another: the page's own ranking
    (which once skipped one-word queries without marks) puts the whole word first."""
    found = results_of(page, years_site, "tin")
    assert found and "tin" in folded_words(found[0][1]), [title for title, _ in found]
    assert "Tình nguyện vì cộng đồng" in [title for title, _ in found]
