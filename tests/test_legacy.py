"""Reading an old page: decoding, datelines, bylines, captions, boilerplate, award proposals."""

from __future__ import annotations

import re
import unicodedata

import pytest
from legacy_portal import to_cp1258

from bantin.authoring.legacy import decode_page, extract_html, extract_text, find_links, parse_sitemap, propose_awards

VI = "Công an tỉnh Đồng Tháp tổ chức hội nghị sơ kết; đồng chí Nguyễn Văn Hùng phát biểu"


@pytest.mark.parametrize("data, declared", [
    (VI.encode("utf-8"), None), (VI.encode("utf-8"), "iso-8859-1"), (VI.encode("utf-8"), "windows-1258"),
    (to_cp1258(VI), "windows-1258"), (to_cp1258(VI), "utf-8"), (to_cp1258(VI), None),
    (b"\xef\xbb\xbf" + VI.encode("utf-8"), None),
    (b'<meta charset="windows-1258">' + to_cp1258(VI), None),
])
def test_pages_decode_to_nfc_whatever_they_declare(data, declared):
    text = decode_page(data, declared)
    assert text.endswith(VI) and unicodedata.is_normalized("NFC", text)


def test_windows_1258_really_uses_combining_tone_marks():
    assert b"\xcc" in to_cp1258("Tỉnh") or len(to_cp1258("Tỉnh")) > len("Tỉnh")


def test_text_of_a_page_as_copied_from_the_browser():
    page = extract_text("Tiêu đề bài\n\nNgày đăng: 5/9/2024 7:30\n\nCAT - sáng 5/9, lực lượng ra quân.\n\n"
                        "Ảnh: Cán bộ hướng dẫn học sinh qua đường\n\nNội dung *tiếp* theo.\n\nTin: LÊ VĂN CƯỜNG\n\n"
                        "In bài viết\nChia sẻ\n")
    assert (page.title, page.date_text, page.source, page.author) == ("Tiêu đề bài", "05/09/2024 07:30", "CAT",
                                                                     "Lê Văn Cường")
    assert [p.caption for p in page.photos] == ["Ảnh: Cán bộ hướng dẫn học sinh qua đường"]
    assert page.body == "Sáng 5/9, lực lượng ra quân.\n\nNội dung \\*tiếp\\* theo.\n"


@pytest.mark.parametrize("sentence, expected", [
    ("Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 34 tập thể, 74 cá nhân.",
     (("Bằng khen",), ("Chủ tịch UBND tỉnh",), (), 34, 74)),
    ("Giám đốc Công an tỉnh trao Giấy khen cho Công an xã Mỹ Lợi.",
     (("Giấy khen",), ("Giám đốc Công an tỉnh",), ("Công an xã Mỹ Lợi",), None, None)),
    ("Hội nghị đã tặng Bằng khen của Bộ trưởng Bộ Công an cho 5 tập thể.",
     (("Bằng khen của Bộ trưởng Bộ Công an",), ("Bộ trưởng Bộ Công an",), (), 5, None)),
])
def test_awards_are_proposed_from_the_text(sentence, expected):
    (award,) = propose_awards(sentence)
    assert (award.types, award.givers, award.recipients, award.collectives, award.individuals) == expected


def test_no_award_is_invented():
    assert propose_awards("Công an tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm.") == ()


def test_a_photo_with_its_caption_in_a_figure_or_the_next_paragraph():
    body = "<p>" + "Đoạn mở bài đủ dài để là một bài viết thật sự của trang tin. " * 3 + "</p>"
    html = (f"<html><head><title>T</title></head><body><h1>Tiêu đề</h1><div class='noi-dung'>{body}"
            "<p><img src='a.jpg' alt='ảnh'></p><p><em>Chú thích ảnh A</em></p>"
            "<figure><img src='b.jpg' alt='Hai chiến sĩ bên xe tuần tra'><figcaption>Chú thích B</figcaption></figure>"
            f"{body}<div class='share'>Chia sẻ</div></div><p>Cập nhật ngày: 01/02/2024</p></body></html>")
    page = extract_html(html, "https://cu.example.vn/tin/1.aspx")
    assert [(p.src, p.caption, p.alt) for p in page.photos] == [
        ("a.jpg", "Chú thích ảnh A", ""), ("b.jpg", "Chú thích B", "Hai chiến sĩ bên xe tuần tra")]
    assert "Chú thích" not in page.body and "Chia sẻ" not in page.body
    assert page.title == "Tiêu đề" and page.date_text == "01/02/2024"


def test_links_of_a_list_page_and_a_sitemap():
    html = "<a class='t' href='/a.aspx#x'>A</a><div class='t'><a href='b.aspx'>B</a></div><a href='/c'>C</a>"
    assert find_links(html, "https://cu.example.vn/tin/", ".t") == ["https://cu.example.vn/a.aspx",
                                                                     "https://cu.example.vn/tin/b.aspx"]
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc> https://x/1.xml </loc>' \
            b'</sitemap></sitemapindex>'
    assert parse_sitemap(index) == ([], ["https://x/1.xml"])
    assert parse_sitemap(b"<html><body>not a sitemap</body></html>") is None
    bomb = b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>'
    assert parse_sitemap(bomb) == ([], [])        # entities are not expanded


# ---------------------------------------------------------------------------------------------
# Saved HTML as portals serve it: bold and italic leads, style attributes, wrong charsets

PARAGRAPH = "<p>" + "Lực lượng chức năng tiếp tục điều tra, mở rộng vụ án theo quy định của pháp luật. " * 2 + "</p>"


def page_with(lead: str, charset: str = "utf-8") -> str:
    return (f"<html><head><meta charset='{charset}'><title>T</title></head><body><h1>Bắt giữ đối tượng</h1>"
            f"<p class='date'>Thứ Sáu, 27/09/2024 - 11:41</p><div class='content'>{lead}{PARAGRAPH}{PARAGRAPH}"
            "</div></body></html>")


@pytest.mark.parametrize("lead, source, strong, em", [
    ("<p><strong>ĐTO - Sáng 27/9, Công an tỉnh bắt giữ đối tượng.</strong></p>", "ĐTO", 1, 0),
    ("<p><strong>ĐTO</strong> - <strong>Sáng 27/9, Công an tỉnh bắt giữ đối tượng.</strong></p>", "ĐTO", 1, 0),
    ("<p><b>(QNO) - Sáng 27/9, Công an tỉnh </b>bắt giữ đối tượng.</p>", "QNO", 1, 0),
    ("<p><em><strong>CAO - Sáng 27/9, Công an tỉnh</strong></em> bắt giữ đối tượng.</p>", "CAO", 1, 1),
    ("<p><i>(PL)- Sáng 27/9, Công an tỉnh bắt giữ đối tượng.</i></p>", "PL", 0, 1),
    ("<p><span style='font-weight: bold'>NDO – Sáng 27/9, Công an tỉnh bắt giữ đối tượng.</span></p>", "NDO", 1, 0),
    ("<p><strong>Sáng 27/9</strong><strong>, Công an tỉnh bắt giữ đối tượng.</strong></p>", None, 1, 0),
    ("<p><span style='font-style:italic;font-weight:700'>Sáng 27/9, Công an tỉnh bắt giữ.</span></p>", None, 1, 1),
])
def test_a_bold_or_italic_lead_stays_bold_or_italic_and_never_shows_an_asterisk(lead, source, strong, em):
    from bantin.content.markdown import MarkdownRenderer
    page = extract_html(page_with(lead), "https://cu.example.vn/tin/1.aspx")
    assert page.source == source and page.date_text == "27/09/2024 11:41"
    html = MarkdownRenderer().render(page.body).html
    first = html.split("</p>")[0]
    assert "*" not in re.sub(r"<[^>]+>", "", html)
    assert first.count("<strong>") == strong and first.count("<em>") == em, first
    assert "Sáng 27/9" in first and "ĐTO" not in first and "QNO" not in first


def test_a_lead_printed_before_the_body_is_put_back_first():
    html = ("<html><head><meta charset='utf-8'><title>T</title></head><body><h1>Tổng kết</h1>"
            "<h2 class='sapo'><strong>(QNO) - Chiều 16/12, Công an tỉnh tổ chức hội nghị tổng kết năm 2024.</strong>"
            f"</h2><div class='detail-content'>{PARAGRAPH}{PARAGRAPH}</div></body></html>")
    page = extract_html(html, "https://cu.example.vn/tin/1.aspx")
    assert page.source == "QNO"
    assert page.body.startswith("**Chiều 16/12, Công an tỉnh tổ chức hội nghị tổng kết năm 2024.**\n\n")


@pytest.mark.parametrize("encode, declared", [
    (to_cp1258, "iso-8859-1"), (to_cp1258, "windows-1252"), (to_cp1258, "utf-8"), (to_cp1258, None),
    (lambda text: text.encode("utf-8"), "windows-1252"), (lambda text: text.encode("utf-8"), "iso-8859-1"),
])
def test_a_wrong_declared_charset_is_read_from_the_bytes_before_the_date(encode, declared):
    html = page_with("<p>Ngày đăng: 05/11/2024 08:00</p><p>Đồng chí Nguyễn Văn Hùng phát biểu tại hội nghị.</p>",
                     charset=declared or "x")
    data = encode(html)
    text = decode_page(data, declared)
    assert "Đồng chí Nguyễn Văn Hùng phát biểu" in text and "Bắt giữ đối tượng" in text
    page = extract_html(text, "https://cu.example.vn/tin/1.aspx")
    assert page.title == "Bắt giữ đối tượng" and page.date_text == "05/11/2024 08:00"   # the label wins


def test_a_byline_under_the_title_and_one_in_a_right_aligned_paragraph():
    html = page_with("<p>Tin, ảnh: Q.H - T.L</p><p>(QNO) - Sáng 27/9, Công an tỉnh bắt giữ đối tượng.</p>")
    assert extract_html(html, "https://x.vn/1").authors == ("Q.H", "T.L")
    html = page_with("<p>(QNO) - Sáng 27/9, Công an tỉnh bắt giữ đối tượng.</p>").replace(
        "</div></body>", "<p style='text-align:right'><strong>NGỌC HÂN</strong></p></div></body>")
    page = extract_html(html, "https://x.vn/1")
    assert page.authors == ("Ngọc Hân",) and "NGỌC HÂN" not in page.body
